import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StatePaths } from '../../../src/state/paths.js';
import { newTask } from '../../../src/state/tasks.js';
import { fileRemote, type FileRemote } from './helpers.js';

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
    const reserved = JSON.parse((await remote.remoteFile(StatePaths.lease('t3')))!);
    expect(reserved).toMatchObject({ taskId: 't3', reserved: true });
    expect(await s.queuePosition('t4')).toBe(1);
    expect(await remote.remoteFile(StatePaths.lease('t1'))).toBeUndefined();

    // a newcomer cannot take t3's reserved slot
    expect(await s.acquireSlot('t5', 105, 2, 30 * MIN)).toMatchObject({ acquired: false, position: 2 });
    // t3's continuation run (another runner) takes over the reservation
    const other = await open('b');
    expect(await other.acquireSlot('t3', 203, 2, 30 * MIN)).toEqual({ acquired: true, handedTo: [] });
    const lease = JSON.parse((await remote.remoteFile(StatePaths.lease('t3')))!);
    expect(lease).toMatchObject({ taskId: 't3', runId: 203 });
    expect(lease.reserved).toBeUndefined();
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
    expect(JSON.parse((await remote.remoteFile(StatePaths.lease('t2')))!)).toMatchObject({ taskId: 't2', reserved: true });
    expect(await s.queuePosition('t3')).toBe(1);
    expect(await s.queuePosition('t2')).toBeUndefined();
    // this time its run starts and takes the slot
    expect(await s.acquireSlot('t2', 22, 1, 30 * MIN)).toEqual({ acquired: true, handedTo: [] });
    expect(JSON.parse((await remote.remoteFile(StatePaths.lease('t2')))!)).not.toHaveProperty('queuedAt');
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
    expect(await remote.remoteFile(StatePaths.lease('dead'))).toBeUndefined();
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
    // one update, one new commit on the branch (the slot) and one on the task's ref (the record)
    expect(s.stats().commits - before.commits).toBe(1);
    expect(await remote.remoteCommits()).toBe(before.branch + 1);
    expect(await remote.taskCommits('t1')).toBe(before.ref + 1);
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
