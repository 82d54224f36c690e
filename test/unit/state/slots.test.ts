import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newTask } from '../../../src/state/tasks.js';
import type { StateStore } from '../../../src/state/store.js';
import { fileRemote, seedV0, type FileRemote } from './helpers.js';

let remote: FileRemote;
let clock: number;
beforeEach(async () => {
  remote = await fileRemote();
  clock = Date.parse('2026-03-01T10:00:00.000Z');
});
afterEach(async () => {
  await remote.cleanup();
});

const MIN = 60_000;
const open = (name: string) => remote.open(name, { now: () => clock, slotReservationMs: 10 * MIN });
/**
 * Makes `store`'s first update whose description contains `when` run `between` after its
 * transaction has read and before it pushes — another runner's write landing in that window.
 */
const interleave = (store: StateStore, when: string, between: () => Promise<void>): void => {
  const update = store.update.bind(store);
  let done = false;
  store.update = ((description, mutate, opts) =>
    update(
      description,
      async (tx) => {
        const value = await mutate(tx);
        if (!done && description.includes(when)) {
          done = true;
          await between();
        }
        return value;
      },
      opts,
    )) as StateStore['update'];
};
/** The lease `taskId` holds in a slot record (`slots/<n>` ref) on the remote, or undefined. */
const leaseOf = async (taskId: string): Promise<Record<string, unknown> | undefined> => {
  for (const key of await remote.recordRefs('slots/')) {
    const lease = JSON.parse((await remote.remoteFile(`${key}.json`))!) as Record<string, unknown>;
    if (lease.taskId === taskId) return lease;
  }
  return undefined;
};

describe('concurrency slots', () => {
  it('with max=2 the third task is queued at position 1, the fourth at 2', async () => {
    const s = await open('a');
    expect(await s.acquireSlot('t1', 101, 2, 30 * MIN)).toEqual({ acquired: true, handedTo: [] });
    clock += 1;
    expect(await s.acquireSlot('t2', 102, 2, 30 * MIN)).toEqual({ acquired: true, handedTo: [] });
    clock += 1;
    expect(await s.acquireSlot('t3', 103, 2, 30 * MIN)).toEqual({ acquired: false, position: 1, handedTo: [] });
    clock += 1;
    expect(await s.acquireSlot('t4', 104, 2, 30 * MIN)).toEqual({ acquired: false, position: 2, handedTo: [] });
    // asking again does not enqueue twice
    expect(await s.acquireSlot('t3', 105, 2, 30 * MIN)).toMatchObject({ acquired: false, position: 1 });
    expect(await s.queuePosition('t4')).toBe(2);
    expect(await s.queuePosition('t1')).toBeUndefined();
    expect((await s.listLeases()).map((l) => l.taskId)).toEqual(['t1', 't2']);
    const queueFiles = await s.list('queue/');
    expect(queueFiles).toHaveLength(2);
    expect(queueFiles[0]).toMatch(/^queue\/\d{15}-t3\.json$/);
  });

  it('release hands the slot to the oldest queued task as a reservation its continuation run takes over', async () => {
    const s = await open('a');
    await s.acquireSlot('t1', 101, 2, 30 * MIN);
    await s.acquireSlot('t2', 102, 2, 30 * MIN);
    clock += 1;
    await s.acquireSlot('t3', 103, 2, 30 * MIN);
    clock += 1;
    await s.acquireSlot('t4', 104, 2, 30 * MIN);

    expect(await s.releaseSlot('t1', 2)).toEqual(['t3']);
    const reserved = (await leaseOf('t3'));
    expect(reserved).toMatchObject({ taskId: 't3', reserved: true });
    expect(await s.queuePosition('t4')).toBe(1);
    expect(await leaseOf('t1')).toBeUndefined();

    // a newcomer cannot take t3's reserved slot
    expect(await s.acquireSlot('t5', 105, 2, 30 * MIN)).toMatchObject({ acquired: false, position: 2 });
    // t3's continuation run (another runner) takes over the reservation
    const other = await open('b');
    expect(await other.acquireSlot('t3', 203, 2, 30 * MIN)).toEqual({ acquired: true, handedTo: [] });
    const lease = (await leaseOf('t3'));
    expect(lease).toMatchObject({ taskId: 't3', runId: 203 });
    expect(lease?.reserved).toBeUndefined();
  });

  it('a reservation that lapses untaken (its run never started) puts the task back at its old place and hands it again', async () => {
    const s = await open('a');
    await s.acquireSlot('t1', 1, 1, 30 * MIN);
    clock += 1;
    await s.acquireSlot('t2', 2, 1, 30 * MIN);
    clock += 1;
    await s.acquireSlot('t3', 3, 1, 30 * MIN);
    expect(await s.releaseSlot('t1', 1)).toEqual(['t2']);
    // t2's continuation dispatch is lost; t4 arrives after the reservation (10 min) lapsed
    clock += 11 * MIN;
    const t4 = await s.acquireSlot('t4', 4, 1, 30 * MIN);
    // t2 was queued before t3 and t4: it is handed the slot again (the caller dispatches its run once more)
    expect(t4).toEqual({ acquired: false, position: 2, handedTo: ['t2'] });
    expect((await leaseOf('t2'))).toMatchObject({ taskId: 't2', reserved: true });
    expect(await s.queuePosition('t3')).toBe(1);
    expect(await s.queuePosition('t2')).toBeUndefined();
    // this time its run starts and takes the slot
    expect(await s.acquireSlot('t2', 22, 1, 30 * MIN)).toEqual({ acquired: true, handedTo: [] });
    expect((await leaseOf('t2'))).not.toHaveProperty('queuedAt');
  });

  it('a lapsed reservation with no free slot waits at the head of the queue', async () => {
    const s = await open('a');
    await s.acquireSlot('t1', 1, 1, 30 * MIN);
    clock += 1;
    await s.acquireSlot('t2', 2, 1, 30 * MIN);
    expect(await s.releaseSlot('t1', 1)).toEqual(['t2']);
    clock += 11 * MIN;
    // a newcomer takes nothing while t2 (older) waits; t2 is handed the free slot
    expect(await s.acquireSlot('t5', 5, 1, 30 * MIN)).toMatchObject({ acquired: false, position: 1, handedTo: ['t2'] });
    clock += 11 * MIN;
    // lapses again while t5 waits: t2 still comes first
    await s.renewLease('t5', 5, 30 * MIN);
    expect(await s.releaseSlot('nobody', 1)).toEqual(['t2']);
    expect(await s.queuePosition('t5')).toBe(1);
  });

  it('two tasks finishing at once never hand the same slot twice', async () => {
    const a = await open('a');
    const b = await open('b');
    await a.acquireSlot('t1', 1, 2, 30 * MIN);
    await a.acquireSlot('t2', 2, 2, 30 * MIN);
    clock += 1;
    await a.acquireSlot('t3', 3, 2, 30 * MIN);
    clock += 1;
    await a.acquireSlot('t4', 4, 2, 30 * MIN);
    clock += 1;
    await a.acquireSlot('t5', 5, 2, 30 * MIN);
    const [ra, rb] = await Promise.all([a.releaseSlot('t1', 2), b.releaseSlot('t2', 2)]);
    expect([...ra, ...rb].sort()).toEqual(['t3', 't4']);
    expect(await a.queuePosition('t5')).toBe(1);
    expect((await a.listLeases()).map((l) => l.taskId).sort()).toEqual(['t3', 't4']);
  });

  it('an expired lease frees its slot (a dead runner), handing it to the oldest queued task', async () => {
    const s = await open('a');
    await s.acquireSlot('dead', 1, 1, 5 * MIN);
    clock += 1;
    expect(await s.acquireSlot('t2', 2, 1, 5 * MIN)).toMatchObject({ acquired: false, position: 1 });
    clock += 6 * MIN; // 'dead' never renewed
    // a third task arrives: t2 is older, so t2 gets the freed slot and t3 waits behind nobody
    expect(await s.acquireSlot('t3', 3, 1, 5 * MIN)).toEqual({ acquired: false, position: 1, handedTo: ['t2'] });
    expect(await leaseOf('dead')).toBeUndefined();
    expect(await s.renewLease('dead', 1, 5 * MIN)).toBe(false);
  });

  it('an expired lease frees its slot for a newcomer when nobody is queued', async () => {
    const s = await open('a');
    await s.acquireSlot('dead', 1, 1, 5 * MIN);
    clock += 6 * MIN;
    expect(await s.acquireSlot('t2', 2, 1, 5 * MIN)).toEqual({ acquired: true, handedTo: [] });
  });

  it('renewing keeps the slot alive past its original expiry', async () => {
    const s = await open('a');
    await s.acquireSlot('t1', 1, 1, 5 * MIN);
    clock += 4 * MIN;
    expect(await s.renewLease('t1', 1, 5 * MIN)).toBe(true);
    clock += 4 * MIN;
    expect(await s.acquireSlot('t2', 2, 1, 5 * MIN)).toMatchObject({ acquired: false, position: 1 });
  });

  it('releasing a queued task (cancelled while waiting) removes it from the queue', async () => {
    const s = await open('a');
    await s.acquireSlot('t1', 1, 1, 5 * MIN);
    clock += 1;
    await s.acquireSlot('t2', 2, 1, 5 * MIN);
    clock += 1;
    await s.acquireSlot('t3', 3, 1, 5 * MIN);
    expect(await s.releaseSlot('t2', 1)).toEqual([]);
    expect(await s.queuePosition('t3')).toBe(1);
    expect((await s.list('queue/')).some((p) => p.endsWith('-t2.json'))).toBe(false);
  });
});

describe('startTask', () => {
  const task = (id: string, issue: number) => (previous: { branch?: string } | undefined) =>
    newTask({ id, repository: 'acme/app', issue, kind: 'issue', owner: { login: 'alice', id: 1 }, instructions: '', ...(previous?.branch ? { branch: previous.branch } : {}) }, new Date(clock).toISOString());
  const run = (runId: number) => ({ entry: { runId, runUrl: `https://x/${runId}`, startedAt: new Date(clock).toISOString() }, max: 1, leaseMs: 30 * MIN });

  it('writes the record, takes the slot and records the run in one commit; a second start finds it; a full store queues', async () => {
    const s = await open('a');
    const before = s.stats().commits;
    const first = await s.startTask('t1', { repository: 'acme/app', number: 7 }, task('t1', 7), run(201));
    expect(first).toMatchObject({ task: { id: 't1', state: 'in_progress', runs: [{ runId: 201 }] }, slot: { acquired: true } });
    expect(s.stats().commits - before).toBe(1);
    expect(await s.getTask('t1')).toMatchObject({ state: 'in_progress', runs: [{ runId: 201 }] });
    // the same event again: nothing written, the record comes back
    const again = await s.startTask('t1', { repository: 'acme/app', number: 7 }, task('t1', 7), run(201));
    expect(again).toMatchObject({ existing: { id: 't1' } });
    expect(s.stats().commits - before).toBe(1);
    // max 1 is taken: the next task is queued, with its position on the record
    const queued = await s.startTask('t2', { repository: 'acme/app', number: 8 }, task('t2', 8), run(202));
    expect(queued).toMatchObject({ task: { state: 'queued', queuePosition: 1, runs: [] }, slot: { acquired: false, position: 1 } });
  });

  it('endRun writes the record and frees the slot in one push (both refs), handing it to the oldest queued task', async () => {
    const s = await open('a');
    await s.startTask('t1', { repository: 'acme/app', number: 7 }, task('t1', 7), run(201));
    clock += 1;
    await s.startTask('t2', { repository: 'acme/app', number: 8 }, task('t2', 8), run(202));
    const before = { commits: s.stats().commits, branch: await remote.remoteCommits(), ref: await remote.taskCommits('t1') };
    const ended = await s.endRun('t1', (t) => ({ ...t, state: 'completed' }), 1, 't1: completed');
    expect(ended.task).toMatchObject({ id: 't1', state: 'completed' });
    expect(ended.handedTo).toEqual(['t2']);
    // one update: one push of the task's ref (the record), the slot (handed to t2) and t2's queue
    // record (deleted); the shared branch is not written at all
    expect(s.stats().commits - before.commits).toBe(1);
    expect(await remote.remoteCommits()).toBe(before.branch);
    expect(await remote.taskCommits('t1')).toBe(before.ref + 1);
    expect(await remote.recordRefs('queue/')).toEqual([]);
    expect(await leaseOf('t2')).toMatchObject({ reserved: true });
    const other = await open('b');
    expect(await other.getTask('t1')).toMatchObject({ state: 'completed' });
    expect((await other.listLeases()).map((l) => l.taskId)).toEqual(['t2']);
    await expect(s.endRun('missing', (t) => t, 1)).rejects.toThrow('does not exist');
  });

  it("a new task on an issue sees the issue's previous task (its branch carries over)", async () => {
    const s = await open('a');
    await s.putTask(newTask({ id: 'old', repository: 'acme/app', issue: 9, kind: 'issue', owner: { login: 'alice', id: 1 }, instructions: '', state: 'completed', branch: 'kiro/9-x' }, new Date(clock).toISOString()));
    const r = await s.startTask('new', { repository: 'acme/app', number: 9 }, task('new', 9), run(203));
    expect(r).toMatchObject({ task: { id: 'new', branch: 'kiro/9-x' } });
  });
});

describe('slots as records on their own refs (layout version 3)', () => {
  const task = (id: string, issue: number) => () => newTask({ id, repository: 'acme/app', issue, kind: 'issue', owner: { login: 'alice', id: 1 }, instructions: '' }, new Date(clock).toISOString());
  const run = (runId: number, max: number) => ({ entry: { runId, runUrl: `https://x/${runId}`, startedAt: new Date(clock).toISOString() }, max, leaseMs: 30 * MIN });

  it('six tasks starting at once with max 3: three hold a slot, three queue, and the shared branch is not written', async () => {
    const seed = await open('seed');
    await seed.update('create the branch', (tx) => tx.write('x.txt', 'x'));
    const branchCommits = await remote.remoteCommits();
    const stores = await Promise.all([1, 2, 3, 4, 5, 6].map((k) => open(`w${k}`)));
    const results = await Promise.all(stores.map((s, k) => s.startTask(`t${k + 1}`, { repository: 'acme/app', number: k + 1 }, task(`t${k + 1}`, k + 1), run(k + 1, 3))));
    const acquired = results.filter((r) => 'slot' in r && r.slot.acquired).length;
    expect(acquired).toBe(3);
    expect((await seed.listLeases()).length).toBe(3);
    expect((await remote.recordRefs('slots/')).length).toBe(3);
    expect((await remote.recordRefs('queue/')).length).toBe(3);
    expect((await remote.recordRefs('index/issues/')).length).toBe(6);
    expect(await remote.remoteCommits()).toBe(branchCommits);
    // every queued task's record says so, with a distinct position
    const queued = await Promise.all(results.filter((r) => 'slot' in r && !r.slot.acquired).map((r) => seed.getTask(('task' in r ? r.task : r.existing).id)));
    expect(queued.map((t) => t?.state)).toEqual(['queued', 'queued', 'queued']);
  });

  it('a release that saw no queue and a start that saw no free slot cannot pass each other: the release looks again and hands the slot on', async () => {
    const a = await open('a');
    const b = await open('b');
    await a.startTask('t1', { repository: 'acme/app', number: 1 }, task('t1', 1), run(1, 1));
    clock += 1;
    // t2 starts between t1's end's read (queue empty) and its push: t2 sees the slot taken and queues
    let queuedMeanwhile: unknown;
    interleave(a, 'run ended', async () => {
      queuedMeanwhile = await b.startTask('t2', { repository: 'acme/app', number: 2 }, task('t2', 2), run(2, 1));
    });
    const ended = await a.endRun('t1', (t) => ({ ...t, state: 'completed' }), 1);
    expect(queuedMeanwhile).toMatchObject({ slot: { acquired: false, position: 1 } });
    // the end's push did not conflict (different records), and its look afterwards found t2 queued
    expect(ended.handedTo).toEqual(['t2']);
    expect(await leaseOf('t2')).toMatchObject({ reserved: true });
    expect(await remote.recordRefs('queue/')).toEqual([]);
  });

  it('… and a start that queued while the last slot was being released looks again and takes the slot itself', async () => {
    const a = await open('a');
    const b = await open('b');
    await a.startTask('t1', { repository: 'acme/app', number: 1 }, task('t1', 1), run(1, 1));
    clock += 1;
    // t1 ends between t2's read (no free slot) and its push; t1's release sees no queue
    let released: string[] | undefined;
    interleave(b, 'started', async () => {
      released = await a.releaseSlot('t1', 1);
    });
    const started = await b.startTask('t2', { repository: 'acme/app', number: 2 }, task('t2', 2), run(2, 1));
    expect(released).toEqual([]);
    expect(started).toMatchObject({ task: { id: 't2', state: 'in_progress', runs: [{ runId: 2 }] }, slot: { acquired: true } });
    expect(await leaseOf('t2')).toMatchObject({ runId: 2 });
    expect(await leaseOf('t2')).not.toHaveProperty('reserved');
    expect(await remote.recordRefs('queue/')).toEqual([]);
    expect(await a.getTask('t2')).toMatchObject({ state: 'in_progress' });
  });

  it('a version-2 store: its leases keep their slots until released, its queue and index files are read where they are and move when written', async () => {
    const lease = (taskId: string) => JSON.stringify({ taskId, runId: 1, acquiredAt: new Date(clock).toISOString(), expiresAt: new Date(clock + 30 * MIN).toISOString() });
    const t9 = newTask({ id: 't9', repository: 'acme/app', issue: 9, kind: 'issue', owner: { login: 'alice', id: 1 }, instructions: 'old' }, new Date(clock).toISOString());
    await seedV0(remote, {
      'kiro-state.json': JSON.stringify({ version: 2 }),
      'leases/old-1.json': lease('old-1'),
      'leases/old-2.json': lease('old-2'),
      'queue/001772359100000-waiting.json': JSON.stringify({ taskId: 'waiting', enqueuedAt: new Date(clock - MIN).toISOString() }),
      'index/issues/acme/app/9.json': JSON.stringify({ taskId: 't9' }),
      'tasks/t9.json': JSON.stringify(t9),
    });
    const s = await open('a');
    // two version-2 leases fill max 2; the version-2 queue entry is first in line
    expect((await s.listLeases()).map((l) => l.taskId)).toEqual(['old-1', 'old-2']);
    expect(await s.acquireSlot('new', 3, 2, 30 * MIN)).toMatchObject({ acquired: false, position: 2 });
    expect((await s.findTaskByIssue('acme/app', 9))?.instructions).toBe('old');
    // releasing a version-2 lease deletes its file and hands a slot (a record) to the oldest queued task
    expect(await s.releaseSlot('old-1', 2)).toEqual(['waiting']);
    expect(await remote.branchFile('leases/old-1.json')).toBeUndefined();
    expect(await remote.branchFile('queue/001772359100000-waiting.json')).toBeUndefined();
    expect(await leaseOf('waiting')).toMatchObject({ reserved: true });
    expect(await s.renewLease('old-2', 1, 30 * MIN)).toBe(true);
    expect(JSON.parse((await remote.branchFile('leases/old-2.json'))!)).toMatchObject({ taskId: 'old-2' });
    expect(JSON.parse((await remote.branchFile('kiro-state.json'))!)).toEqual({ version: 3 });
    // an index entry moves to its ref when it is next written
    await s.updateTask('t9', (t) => ({ ...t, pullRequest: { number: 4, url: 'https://github.com/acme/app/pull/4' } }));
    expect(await remote.recordRefs('index/')).toEqual(['index/pulls/acme/app/4']);
  });
});
