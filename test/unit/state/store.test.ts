import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DefaultBot, StateVersion } from '../../../src/constants.js';
import { execGit } from '../../../src/git/exec.js';
import { StateConflictError, StateRecordError, StateVersionError } from '../../../src/state/errors.js';
import { StateFiles, StatePaths, StateRefs } from '../../../src/state/paths.js';
import { newTask } from '../../../src/state/tasks.js';
import { syncBatchTx } from '../../../src/state/batches.js';
import { Branch, fileRemote, seedV0, type FileRemote } from './helpers.js';

let remote: FileRemote;
beforeEach(async () => {
  remote = await fileRemote();
});
afterEach(async () => {
  await remote.cleanup();
});

const owner = { login: 'octocat', id: 583231 };

/** When the store's scratch repository last fetched (FETCH_HEAD's mtime, ms; 0 before any fetch). */
async function fetchHeadMtime(dir: string): Promise<number> {
  return stat(join(dir, 'FETCH_HEAD')).then(
    (s) => s.mtimeMs,
    () => 0,
  );
}
const T0 = Date.parse('2026-01-02T03:04:05.000Z');

describe('read-only views that may be a moment old', () => {
  it('maxAgeMs reads the tip this store just pushed without fetching; without it, the current tip', async () => {
    const a = await remote.open('a');
    const b = await remote.open('b');
    await a.update('a writes', (tx) => tx.writeJson('notes/a.json', { n: 1 }));
    await b.update('b writes', (tx) => tx.writeJson('notes/b.json', { n: 2 }));
    const dirA = join(remote.root, 'stores', 'a');
    const fetchesBefore = await fetchHeadMtime(dirA);
    // a's own push is recent: its view is that commit, without b's write and without a fetch
    const recent = await a.snapshot({ maxAgeMs: 60_000 });
    expect(await recent.read('notes/a.json')).toBeDefined();
    expect(await recent.read('notes/b.json')).toBeUndefined();
    expect(await fetchHeadMtime(dirA)).toBe(fetchesBefore);
    // too old (0 ms), or no bound: fetched, b's write is there
    expect(await (await a.snapshot({ maxAgeMs: 0 })).read('notes/b.json')).toBeDefined();
    await b.update('b writes again', (tx) => tx.writeJson('notes/c.json', { n: 3 }));
    expect(await a.read('notes/c.json')).toBeDefined();
  });
});

describe('state branch creation', () => {
  it('reads a missing branch as an empty store and creates it as an orphan on the first write', async () => {
    const store = await remote.open('a');
    expect(await store.list()).toEqual(['README.md', StateFiles.Meta]);
    expect(await store.read('tasks/x.json')).toBeUndefined();
    expect(await remote.remoteCommits()).toBe(0); // reading creates nothing

    const r = await store.update('first write', (tx) => {
      tx.writeJson('notes/a.json', { a: 1 });
      return 'ok';
    });
    expect(r).toMatchObject({ value: 'ok', committed: true, attempts: 1 });
    expect(JSON.parse((await remote.remoteFile(StateFiles.Meta))!)).toEqual({ version: StateVersion });
    expect(await remote.remoteFile('README.md')).toContain('kiro-action state');
    expect(JSON.parse((await remote.remoteFile('notes/a.json'))!)).toEqual({ a: 1 });

    const log = await execGit(['log', '--format=%P|%an <%ae>|%s', `refs/heads/${Branch}`], { cwd: remote.bareDir });
    expect(log.stdout.trim()).toBe(`|${DefaultBot.name} <${DefaultBot.email}>|state: first write`);
  });

  it('makes no commit when mutate changes nothing, and nothing when mutate throws', async () => {
    const store = await remote.open('a');
    await store.update('seed', (tx) => tx.write('a.txt', 'A'));
    expect(await remote.remoteCommits()).toBe(1);
    const same = await store.update('same content', (tx) => {
      tx.write('a.txt', 'A');
      tx.delete('missing.txt');
    });
    expect(same.committed).toBe(false);
    await expect(
      store.update('boom', (tx) => {
        tx.write('b.txt', 'B');
        throw new Error('mutate failed');
      }),
    ).rejects.toThrow('mutate failed');
    expect(await remote.remoteCommits()).toBe(1);
    expect(await remote.remoteFile('b.txt')).toBeUndefined();
  });

  it('keeps the token out of the scratch directory', async () => {
    const store = await remote.open('a', { token: 'ghs_SECRETTOKEN123' });
    await store.update('x', (tx) => tx.write('x.txt', 'x'));
    const dir = join(remote.root, 'stores', 'a');
    const cred = Buffer.from('x-access-token:ghs_SECRETTOKEN123').toString('base64');
    for (const f of ['config', 'FETCH_HEAD']) {
      const text = await readFile(join(dir, f), 'utf8');
      expect(text).not.toContain('SECRETTOKEN');
      expect(text).not.toContain(cred);
    }
    expect(await readdir(dir)).toContain('HEAD'); // a bare repository, no work tree
  });
});

describe('tasks', () => {
  it('round-trips a task record and finds it by issue and pull request', async () => {
    const a = await remote.open('a', { now: () => T0 });
    const task = newTask({ repository: 'Acme/App', issue: 42, kind: 'issue', owner, instructions: 'Fix the bug' }, new Date(T0).toISOString());
    expect(task.id).toMatch(/^app-42-[a-z0-9]+$/);
    await a.putTask({
      ...task,
      state: 'in_progress',
      spec: {
        title: 'Fix the bug',
        summary: 's',
        requirements: ['WHEN x THE SYSTEM SHALL y'],
        acceptanceCriteria: [{ id: 'AC1', text: 'y happens' }],
        plan: [{ id: 1, title: 'step', detail: 'd', done: false }],
        needsCode: true,
      },
    });

    const b = await remote.open('b');
    const got = await b.getTask(task.id);
    expect(got).toMatchObject({ id: task.id, repository: 'Acme/App', issue: 42, state: 'in_progress', costUsd: 0, runs: [] });
    expect(got?.spec?.plan[0]?.title).toBe('step');
    expect((await b.findTaskByIssue('acme/app', 42))?.id).toBe(task.id);
    expect(await b.findTaskByPull('acme/app', 7)).toBeUndefined();

    const updated = await b.updateTask(task.id, (t) => {
      t.pullRequest = { number: 7, url: 'https://github.com/Acme/App/pull/7' };
      t.runs.push({ runId: 1001, runUrl: 'https://github.com/Acme/App/actions/runs/1001', startedAt: new Date(T0).toISOString() });
      t.costUsd += 0.25;
    });
    expect(updated.costUsd).toBe(0.25);
    expect((await a.findTaskByPull('Acme/App', 7))?.runs).toHaveLength(1);
    expect(await remote.remoteFile(StatePaths.pullIndex('acme/app', 7))).toContain(task.id);
    expect((await a.listTasks({ state: 'in_progress' })).map((t) => t.id)).toEqual([task.id]);
    expect(await a.listTasks({ repository: 'other/repo' })).toEqual([]);
  });

  it('keeps fields it does not know (written by a newer action)', async () => {
    const a = await remote.open('a');
    const task = newTask({ repository: 'acme/app', issue: 1, kind: 'issue', owner, instructions: 'x' }, '2026-01-01T00:00:00.000Z');
    await a.update('raw', (tx) => tx.writeJson(StatePaths.task(task.id), { ...task, futureField: { keep: true } }));
    await a.updateTask(task.id, (t) => {
      t.state = 'completed';
    });
    expect(JSON.parse((await remote.remoteFile(StatePaths.task(task.id)))!)).toMatchObject({ state: 'completed', futureField: { keep: true } });
  });

  it('names the file and field of an invalid record, and listTasks skips it', async () => {
    const a = await remote.open('a');
    const good = newTask({ repository: 'acme/app', issue: 1, kind: 'issue', owner, instructions: 'x' }, '2026-01-01T00:00:00.000Z');
    await a.putTask(good);
    await remote.personCommit({ 'tasks/broken.json': '{"id":"broken","state":"dancing"}' });
    await expect(a.getTask('broken')).rejects.toThrow(StateRecordError);
    await expect(a.getTask('broken')).rejects.toThrow(/tasks\/broken\.json/);
    expect((await a.listTasks()).map((t) => t.id)).toEqual([good.id]);
  });
});

describe('compare-and-swap', () => {
  it('re-runs mutate on the new tip when another writer got in first; both changes land', async () => {
    const a = await remote.open('a', { random: () => 0 });
    const b = await remote.open('b');
    await a.update('seed', (tx) => tx.writeJson('counter.json', { n: 0 }));

    let runs = 0;
    const r = await a.update('a increments', async (tx) => {
      runs++;
      const n = ((await tx.readJson('counter.json')) as { n: number }).n;
      if (runs === 1) {
        // b commits between a's fetch and a's push: a's push must be rejected.
        await b.update('b increments', async (btx) => {
          const m = ((await btx.readJson('counter.json')) as { n: number }).n;
          btx.writeJson('counter.json', { n: m + 1 });
          btx.write('b.txt', 'from b');
        });
      }
      tx.writeJson('counter.json', { n: n + 1 });
      tx.write('a.txt', 'from a');
    });
    expect(runs).toBe(2);
    expect(r.attempts).toBe(2);
    expect(a.stats()).toMatchObject({ conflicts: 1, commits: 2 });
    expect(JSON.parse((await remote.remoteFile('counter.json'))!)).toEqual({ n: 2 });
    expect(await remote.remoteFile('a.txt')).toBe('from a');
    expect(await remote.remoteFile('b.txt')).toBe('from b');
  });

  it('two writers racing to create the branch both land', async () => {
    const a = await remote.open('a', { random: () => 0 });
    const b = await remote.open('b');
    let first = true;
    await a.update('a', async (tx) => {
      if (first) {
        first = false;
        await b.update('b', (btx) => btx.write('b.txt', 'b'));
      }
      tx.write('a.txt', 'a');
    });
    expect(await remote.remoteFile('a.txt')).toBe('a');
    expect(await remote.remoteFile('b.txt')).toBe('b');
    expect(await remote.remoteCommits()).toBe(2);
  });

  it('gives up with StateConflictError after the configured attempts', async () => {
    const a = await remote.open('a', { retry: { attempts: 2, baseMs: 1 } });
    const b = await remote.open('b');
    let i = 0;
    await expect(
      a.update('always loses', async (tx) => {
        await tx.read('a.txt');
        await b.update(`b ${i}`, (btx) => btx.write('b.txt', String(i++)));
        tx.write('a.txt', 'a');
      }),
    ).rejects.toThrow(StateConflictError);
    expect(await remote.remoteFile('a.txt')).toBeUndefined();
  });

  it('honours a commit a person pushed directly to the branch', async () => {
    const a = await remote.open('a');
    await a.update('seed', (tx) => tx.write('a.txt', 'a'));
    await remote.personCommit({ 'a.txt': 'edited', 'p.txt': 'p' });
    expect(await a.read('a.txt')).toBe('edited');
    await a.update('more', (tx) => tx.write('c.txt', 'c'));
    expect(await remote.remoteFile('p.txt')).toBe('p');
    expect(await remote.remoteFile('a.txt')).toBe('edited');
  });

  it('serialises concurrent updates on one store instance', async () => {
    const a = await remote.open('a');
    await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        a.update(`n${i}`, async (tx) => {
          const n = Number((await tx.read('n.txt')) ?? '0');
          tx.write('n.txt', String(n + 1));
        }),
      ),
    );
    expect(await remote.remoteFile('n.txt')).toBe('5');
    expect(a.stats().conflicts).toBe(0);
  });
});

describe('layout version', () => {
  it('refuses a store written by a newer layout version with a clear error', async () => {
    const a = await remote.open('a');
    await a.update('seed', (tx) => tx.write('a.txt', 'a'));
    await remote.personCommit({ [StateFiles.Meta]: JSON.stringify({ version: StateVersion + 1 }) });
    const err = await a.read('a.txt').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StateVersionError);
    expect((err as Error).message).toMatch(new RegExp(`layout version ${StateVersion + 1}.*up to ${StateVersion}.*upgrade`));
    await expect(a.update('x', (tx) => tx.write('b.txt', 'b'))).rejects.toThrow(StateVersionError);
  });

  it('migrates a v0 layout on read and persists the migration with the next write', async () => {
    const v0Task = { ...newTask({ repository: 'acme/app', issue: 3, kind: 'issue', owner, instructions: 'old' }, '2025-01-01T00:00:00.000Z'), id: 'old-task' };
    await seedV0(remote, {
      'tasks/old-task/task.json': JSON.stringify(v0Task),
      'learnings/octocat.json': JSON.stringify([
        { text: 'Always use our standard error handling', url: 'https://github.com/acme/app/pull/1#r1', repository: 'acme/app', date: '2025-01-01' },
      ]),
    });
    const a = await remote.open('a');
    expect((await a.getTask('old-task'))?.instructions).toBe('old');
    const learnings = await a.listLearnings('octocat');
    expect(learnings.map((l) => l.text)).toEqual(['Always use our standard error handling']);
    expect(learnings[0]?.provenance[0]?.url).toBe('https://github.com/acme/app/pull/1#r1');
    expect(await remote.remoteFile(StateFiles.Meta)).toBeUndefined(); // reads write nothing

    await a.update('after migration', (tx) => tx.write('x.txt', 'x'));
    expect(JSON.parse((await remote.remoteFile(StateFiles.Meta))!)).toEqual({ version: StateVersion });
    expect(await remote.remoteFile('tasks/old-task/task.json')).toBeUndefined();
    // v1 → v2: the record stays on the branch until its task is next written
    expect(JSON.parse((await remote.branchFile('tasks/old-task.json'))!).id).toBe('old-task');
    expect(await remote.remoteFile('learnings/octocat.json')).toBeUndefined();
    expect(await remote.remoteFile(`learnings/octocat/${learnings[0]?.id}.md`)).toContain('standard error handling');
  });
});

describe('dry run', () => {
  it('reads the remote, keeps writes in memory, and pushes nothing', async () => {
    const real = await remote.open('real');
    await real.update('seed', (tx) => tx.write('a.txt', 'remote'));
    const dry = await remote.open('dry', { dryRun: true });
    expect(await dry.read('a.txt')).toBe('remote');
    await dry.update('dry write', (tx) => {
      tx.write('a.txt', 'changed');
      tx.write('b.txt', 'new');
    });
    await dry.update('dry delete', (tx) => tx.delete('b.txt'));
    expect(await dry.read('a.txt')).toBe('changed');
    expect(await dry.read('b.txt')).toBeUndefined();
    expect(dry.pendingWrites()).toEqual([
      { description: 'dry write', path: 'a.txt', content: 'changed' },
      { description: 'dry write', path: 'b.txt', content: 'new' },
      { description: 'dry delete', path: 'b.txt', content: null },
    ]);
    expect(await remote.remoteFile('a.txt')).toBe('remote');
    expect(await remote.remoteCommits()).toBe(1);
  });

  it('reads an empty store when the state repository cannot be reached', async () => {
    const dry = await remote.open('dry', { dryRun: true, serverUrl: `file://${remote.root}/nowhere` });
    expect(await dry.list('tasks/')).toEqual([]);
    await dry.update('w', (tx) => tx.write('t.txt', 't'));
    expect(await dry.read('t.txt')).toBe('t');
  });
});

describe('batches', () => {
  it('round-trips a batch record with its items', async () => {
    const { batchIdForRun } = await import('../../../src/orchestrator/batch.js');
    const a = await remote.open('a', { now: () => T0 });
    const id = batchIdForRun(9_876_543_210);
    expect(id).toBe('batch-4jc8lii');
    await a.putBatch({
      id,
      owner,
      instructions: 'Bump the linter',
      createdAt: new Date(T0).toISOString(),
      updatedAt: new Date(T0).toISOString(),
      items: [{ repository: 'acme/a', taskId: 'a-b-1' }, { repository: 'acme/b' }],
    });
    const b = await remote.open('b');
    const got = await b.getBatch(id);
    expect(got?.items.map((i) => i.repository)).toEqual(['acme/a', 'acme/b']);
    expect(await b.getBatch('batch-missing')).toBeUndefined();
  });

  it('syncBatch: a sync that read a child before that child ended loses its race and reads again (no older view written over a newer one)', async () => {
    const a = await remote.open('a');
    const b = await remote.open('b');
    const mk = (id: string, n: number) => newTask({ id, repository: `acme/r${n}`, issue: 1, kind: 'issue', owner, instructions: 'x', state: 'in_progress', batchId: 'batch-x' }, new Date(T0).toISOString());
    await a.putTask(mk('c-1', 1));
    await a.putTask(mk('c-2', 2));
    await a.putBatch({ id: 'batch-x', owner, instructions: 'x', createdAt: new Date(T0).toISOString(), updatedAt: new Date(T0).toISOString(), items: [{ repository: 'acme/r1', taskId: 'c-1' }, { repository: 'acme/r2', taskId: 'c-2' }] });
    await b.acquireSlot('c-1', 1, 5, 60_000);
    let interleaved = false;
    const r = await a.update('sync batch-x', async (tx) => {
      const synced = await syncBatchTx(tx, 'batch-x', new Date(T0).toISOString());
      if (!interleaved) {
        // c-1 ends between this sync's reads and its push, and its run syncs the batch (refreshBatch)
        interleaved = true;
        await b.endRun('c-1', (t) => ({ ...t, state: 'completed', pullRequest: { number: 5, url: 'https://github.com/acme/r1/pull/5', draft: false } }), 5);
        expect((await b.syncBatch('batch-x'))?.items[0]?.state).toBe('completed');
      }
      return synced;
    });
    expect(r.attempts).toBe(2);
    const batch = await (await remote.open('c')).getBatch('batch-x');
    expect(batch?.items.map((i) => [i.taskId, i.state, i.pullRequest?.number])).toEqual([
      ['c-1', 'completed', 5],
      ['c-2', 'in_progress', undefined],
    ]);
    // nothing changed: nothing written
    const before = await remote.remoteCommits();
    expect((await b.syncBatch('batch-x'))?.items[0]?.state).toBe('completed');
    expect(await remote.remoteCommits()).toBe(before);
  });
});

describe('per-task refs (layout version 2)', () => {
  const task = (issue: number) => newTask({ repository: 'acme/app', issue, kind: 'issue', owner, instructions: `task ${issue}` }, '2026-01-01T00:00:00.000Z');

  it("a task's progress writes go to its own ref: one commit each, the shared branch untouched", async () => {
    const a = await remote.open('a');
    const t = await a.putTask(task(1));
    const branchCommits = await remote.remoteCommits();
    for (let i = 1; i <= 3; i++) await a.updateTask(t.id, (x) => ({ ...x, progress: { phase: 'coding', currentStep: i, verifyAttempts: 0 } }) as typeof x);
    expect(await remote.remoteCommits()).toBe(branchCommits);
    expect(await remote.taskCommits(t.id)).toBe(4);
    expect(JSON.parse((await remote.remoteFile(StatePaths.task(t.id)))!).progress.currentStep).toBe(3);
    expect(await remote.branchFile(StatePaths.task(t.id))).toBeUndefined();
    // the issue index entry is a record on its own ref (layout version 3), written once
    expect(JSON.parse((await remote.remoteFile(StatePaths.issueIndex('acme/app', 1)))!)).toEqual({ taskId: t.id });
    expect(await remote.branchFile(StatePaths.issueIndex('acme/app', 1))).toBeUndefined();
    // the pull request index follows the first write that names a pull request, on its own ref too
    await a.updateTask(t.id, (x) => ({ ...x, pullRequest: { number: 9, url: 'https://github.com/acme/app/pull/9' } }));
    expect(await remote.recordRefs('index/pulls/')).toEqual(['index/pulls/acme/app/9']);
    expect(await remote.remoteCommits()).toBe(branchCommits);
    expect((await a.findTaskByPull('acme/app', 9))?.id).toBe(t.id);
    expect(a.stats().conflicts).toBe(0);
  });

  it('writers of different tasks never conflict, even mid-attempt', async () => {
    const a = await remote.open('a');
    const b = await remote.open('b');
    const ta = await a.putTask(task(1));
    const tb = await b.putTask(task(2));
    const r = await a.update(
      'a writes its task while b writes its own',
      async (tx) => {
        const mine = (await tx.readJson(StatePaths.task(ta.id))) as { costUsd: number };
        await b.updateTask(tb.id, (x) => ({ ...x, costUsd: x.costUsd + 1 }));
        tx.writeJson(StatePaths.task(ta.id), { ...ta, costUsd: mine.costUsd + 2 });
      },
      { writes: [ta.id] },
    );
    expect(r.attempts).toBe(1);
    expect(a.stats().conflicts + b.stats().conflicts).toBe(0);
    expect(JSON.parse((await remote.remoteFile(StatePaths.task(ta.id)))!).costUsd).toBe(2);
    expect(JSON.parse((await remote.remoteFile(StatePaths.task(tb.id)))!).costUsd).toBe(1);
  });

  it('two writers of the same task: the loser re-reads the record (its memory was stale) and both changes land', async () => {
    const a = await remote.open('a', { random: () => 0 });
    const b = await remote.open('b');
    const t = await a.putTask(task(1));
    // b changes the record behind a's back: a's memory of its own last write is now stale
    await b.updateTask(t.id, (x) => ({ ...x, costUsd: x.costUsd + 1 }));
    const after = await a.updateTask(t.id, (x) => ({ ...x, turns: (x.turns ?? 0) + 1 }));
    expect(after).toMatchObject({ costUsd: 1, turns: 1 });
    expect(a.stats().conflicts).toBe(1);
    // a read never serves memory: it fetches
    await b.updateTask(t.id, (x) => ({ ...x, costUsd: x.costUsd + 1 }));
    expect((await a.getTask(t.id))?.costUsd).toBe(2);
    // and a race inside the attempt: b writes between a's read and a's push
    let first = true;
    const raced = await a.update(
      'a counts a turn',
      async (tx) => {
        const cur = (await tx.readJson(StatePaths.task(t.id))) as typeof t;
        if (first) {
          first = false;
          await b.updateTask(t.id, (x) => ({ ...x, costUsd: x.costUsd + 1 }));
        }
        tx.writeJson(StatePaths.task(t.id), { ...cur, turns: (cur.turns ?? 0) + 1 });
      },
      { writes: [t.id] },
    );
    expect(raced.attempts).toBe(2);
    expect(JSON.parse((await remote.remoteFile(StatePaths.task(t.id)))!)).toMatchObject({ costUsd: 3, turns: 2 });
  });

  it('a version-1 store: records are read from the branch and move to their ref, atomically, when next written', async () => {
    const t = task(4);
    await seedV0(remote, { [StateFiles.Meta]: JSON.stringify({ version: 1 }), [StatePaths.task(t.id)]: JSON.stringify(t), [StatePaths.issueIndex('acme/app', 4)]: JSON.stringify({ taskId: t.id }) });
    const a = await remote.open('a');
    expect((await a.findTaskByIssue('acme/app', 4))?.instructions).toBe('task 4');
    expect((await a.listTasks()).map((x) => x.id)).toEqual([t.id]);
    await a.updateTask(t.id, (x) => ({ ...x, state: 'completed' }));
    expect(await remote.branchFile(StatePaths.task(t.id))).toBeUndefined();
    expect(JSON.parse((await remote.remoteFile(StatePaths.task(t.id)))!).state).toBe('completed');
    expect(JSON.parse((await remote.branchFile(StateFiles.Meta))!)).toEqual({ version: StateVersion });
    expect((await a.listTasks()).map((x) => x.id)).toEqual([t.id]);
  });

  it('a task-only write still refuses a branch of a newer layout', async () => {
    const a = await remote.open('a');
    const t = await a.putTask(task(1));
    await remote.personCommit({ [StateFiles.Meta]: JSON.stringify({ version: StateVersion + 1 }) });
    const fresh = await remote.open('fresh');
    await expect(fresh.updateTask(t.id, (x) => ({ ...x, turns: 1 }))).rejects.toThrow(StateVersionError);
  });
});

describe('ids are git ref components', () => {
  it('refuses ids that git cannot name a ref after, and task ids from any repository name are valid', async () => {
    const { IdPattern } = await import('../../../src/state/schema.js');
    const { makeTaskId } = await import('../../../src/orchestrator/ack.js');
    for (const bad of ['a..b', 'task.lock', 'ends.', '-lead', '.dot', '', 'x'.repeat(101), 'sp ace', 'sl/ash']) expect(IdPattern.test(bad), bad).toBe(false);
    for (const good of ['a.b', 'a-1-z9', 'lock', 'a.locks', 'X_y.z-1']) expect(IdPattern.test(good), good).toBe(true);
    for (const repo of ['.github', 'my..repo', '---', 'Kiro.Action', 'x.lock']) {
      const id = makeTaskId(repo, 7, 123456);
      expect(IdPattern.test(id), `${repo} → ${id}`).toBe(true);
      expect(() => StatePaths.task(id)).not.toThrow();
    }
    expect(makeTaskId('.github', 7, 35)).toBe('github-7-z');
    expect(() => StatePaths.task('a..b')).toThrow(/invalid task id/);
  });

  it('an index entry whose repository name git cannot make a ref of stays a file on the branch, and is found there', async () => {
    for (const [repo, onRef] of [['acme/app', true], ['acme/.github', false], ['acme/x.lock', false], ['acme/my..repo', false], ['acme/Kiro.Action', true]] as const) {
      expect(StateRefs.keyOf(StatePaths.issueIndex(repo, 7)) !== undefined, repo).toBe(onRef);
    }
    const a = await remote.open('a');
    const t = await a.putTask(newTask({ repository: 'acme/.github', issue: 7, kind: 'issue', owner, instructions: 'dot' }, '2026-01-01T00:00:00.000Z'));
    expect(JSON.parse((await remote.branchFile(StatePaths.issueIndex('acme/.github', 7)))!)).toEqual({ taskId: t.id });
    expect((await (await remote.open('b')).findTaskByIssue('acme/.github', 7))?.id).toBe(t.id);
  });
});
