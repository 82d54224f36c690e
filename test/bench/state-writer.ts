/**
 * One writer of the state-store benchmark (`state-store.ts`), in its own process — as each task run
 * is its own runner on GitHub — so that the figure is the store's, not that of one process forking
 * every git command of a hundred writers. Started with `fork()`; the parent sends
 * `{ url, token, dir, id, issue, runId, max, progressWrites, workload }`, this process opens its
 * store and answers `ready`, waits for `go`, runs the workload and answers `{ done, stats }` (or
 * `{ error }`, then exits); the parent ends it.
 *
 * Workloads: `task` — one task run: `startTask` (record, index entry, slot), `progressWrites`
 * writes of its own record, `endRun` (record + slot release); `running` — `progressWrites` writes
 * of a record that exists already (a task in progress).
 */
import { openStateStore, type StateStore } from '../../src/state/store.js';
import { newTask } from '../../src/state/tasks.js';

export interface WriterJob {
  url: string;
  token: string;
  dir: string;
  id: string;
  issue: number;
  runId: number;
  max: number;
  progressWrites: number;
  workload: 'task' | 'running';
}

async function work(store: StateStore, job: WriterJob): Promise<void> {
  const nowIso = new Date().toISOString();
  if (job.workload === 'task') {
    const start = await store.startTask(
      job.id,
      { repository: 'acme/app', number: job.issue },
      () => newTask({ id: job.id, repository: 'acme/app', issue: job.issue, kind: 'issue', owner: { login: 'octocat', id: 1 }, instructions: `task ${job.issue}` }, nowIso),
      { entry: { runId: job.runId, runUrl: `https://github.com/acme/app/actions/runs/${job.runId}`, startedAt: nowIso }, max: job.max, leaseMs: 30 * 60_000 },
    );
    if ('existing' in start || !start.slot.acquired) throw new Error(`${job.id} did not start`);
  }
  for (let i = 1; i <= job.progressWrites; i++) {
    await store.updateTask(job.id, (t) => ({ ...t, progress: { phase: 'coding', currentStep: i, verifyAttempts: 0 }, costUsd: Math.round((t.costUsd + 0.01) * 100) / 100 }));
  }
  if (job.workload === 'task') await store.endRun(job.id, (t) => ({ ...t, state: 'completed' }), job.max);
}

// a listener for the whole life of the process keeps the IPC channel (and so the process) alive until the parent ends it
process.on('message', () => undefined);
process.once('message', async (job: WriterJob) => {
  try {
    const store = await openStateStore({ serverUrl: job.url, repository: 'acme/state', token: job.token, dir: job.dir });
    process.send!({ ready: true });
    await new Promise<void>((resolve) => process.once('message', () => resolve()));
    await work(store, job);
    process.send!({ done: true, stats: store.stats() }); // the parent ends this process when it has every answer
  } catch (e) {
    process.send!({ error: (e as Error).stack ?? String(e) }, () => process.exit(1));
  }
});
