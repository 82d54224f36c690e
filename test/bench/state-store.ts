/**
 * State-store benchmarks over the loopback smart-HTTP git remote (`git http-backend`, token auth),
 * each writer its own `StateStore` with its own scratch directory, as separate runners would be.
 *
 * - `benchStateStore(writers)` — the store's real workload (issue #12: "the state store with 10,
 *   50 and 100 concurrent writers; target at 100: 0 lost, ≥ 20 updates/s"): every writer is one
 *   task's run, all starting at once — `startTask` (record + slot + run in one compare-and-swap on
 *   the shared branch), `progressWrites` progress writes of its own record (phase, step, cost: what
 *   a run writes as it works), then `endRun` (the record's end and the slot's release in one
 *   compare-and-swap, as a task run ends). Lost = a record without every progress write or
 *   with the wrong cost, a missing issue index, or a lease left behind.
 * - `benchSharedCounter(writers, updatesEach)` — the worst case: every update adds a distinct file
 *   and increments one shared counter on the branch, so every update contends with every other.
 *
 * Run alone: `node --import tsx test/bench/state-store.ts [writers] [updatesEach]`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startGitRemote } from '../rig/git-remote.js';
import { openStateStore, type StateStore } from '../../src/state/store.js';
import { StateDirs, StatePaths } from '../../src/state/paths.js';
import { newTask, readTask } from '../../src/state/tasks.js';

export interface StateStoreBench {
  /** Committed updates per second of wall time, all writers together. */
  updatesPerSecond: number;
  /** Compare-and-swap conflicts (each one a re-fetch and retry) per committed update. */
  retriesPerUpdate: number;
  writers: number;
  updatesEach: number;
  /** Updates missing from the final branch (files absent, or counter short). Must be 0. */
  lost: number;
  /** Wall time of the run, ms. */
  elapsedMs: number;
  /** Final value of the shared counter (should be writers × updatesEach). */
  counter: number;
  /** Most compare-and-swap attempts one update needed. */
  maxAttempts: number;
  /** Fetches/pushes retried after network errors or 5xx (an overloaded loopback server). */
  transientRetries: number;
}

/**
 * Runs `writers` concurrent stores × `updatesEach` updates of one shared counter against a loopback
 * smart-HTTP git remote and checks that every update is on the branch.
 */
export async function benchSharedCounter(writers = 10, updatesEach = 50): Promise<StateStoreBench> {
  const remote = await startGitRemote();
  const scratch = await mkdtemp(join(tmpdir(), 'kiro-bench-state-'));
  try {
    await remote.createRepo('acme', 'state', { 'README.md': '# state repository\n' });
    const open = (name: string): Promise<StateStore> =>
      openStateStore({ serverUrl: remote.url, repository: 'acme/state', token: remote.token ?? '', dir: join(scratch, name) });
    const stores = await Promise.all(Array.from({ length: writers }, (_, k) => open(`w${k}`)));
    const attempts: number[] = [];
    const started = performance.now();
    await Promise.all(
      stores.map(async (store, k) => {
        for (let i = 0; i < updatesEach; i++) {
          const r = await store.update(`stress w${k} #${i}`, async (tx) => {
            const counter = ((await tx.readJson('stress/counter.json')) as { n: number } | undefined)?.n ?? 0;
            tx.writeJson('stress/counter.json', { n: counter + 1 });
            tx.writeJson(`stress/w${k}/${String(i).padStart(3, '0')}.json`, { writer: k, i });
          });
          attempts.push(r.attempts);
        }
      }),
    );
    const elapsedMs = performance.now() - started;
    const check = await open('check');
    const view = await check.snapshot();
    const files = (await view.list('stress/w')).length;
    const counter = ((await view.readJson('stress/counter.json')) as { n: number } | undefined)?.n ?? 0;
    const total = writers * updatesEach;
    const conflicts = stores.reduce((sum, s) => sum + s.stats().conflicts, 0);
    return {
      updatesPerSecond: Math.round((total / (elapsedMs / 1000)) * 10) / 10,
      retriesPerUpdate: Math.round((conflicts / total) * 100) / 100,
      writers,
      updatesEach,
      lost: Math.max(total - files, total - counter),
      elapsedMs: Math.round(elapsedMs),
      counter,
      maxAttempts: Math.max(0, ...attempts),
      transientRetries: stores.reduce((sum, s) => sum + s.stats().transientRetries, 0),
    };
  } finally {
    await remote.close();
    await rm(scratch, { recursive: true, force: true });
  }
}

/** What `benchStateStore` measured. */
export interface TaskWorkloadBench {
  writers: number;
  /** Store operations per writer (start + progress writes + release). */
  updatesEach: number;
  /** Committed store operations per second of wall time, all writers together. */
  updatesPerSecond: number;
  /** Lost compare-and-swap races per committed operation. */
  conflictsPerUpdate: number;
  /** Operations missing from the final state. Must be 0. */
  lost: number;
  elapsedMs: number;
  /** Most compare-and-swap attempts one operation needed. */
  maxAttempts: number;
  transientRetries: number;
}

/**
 * `writers` task runs at once against one state store: start (shared), `progressWrites` writes of
 * the task's own record, the run's end (record + release in one compare-and-swap, shared). Checks every write is there afterwards.
 */
export async function benchStateStore(writers = 100, progressWrites = 8): Promise<TaskWorkloadBench> {
  const remote = await startGitRemote();
  const scratch = await mkdtemp(join(tmpdir(), 'kiro-bench-tasks-'));
  try {
    await remote.createRepo('acme', 'state', { 'README.md': '# state repository\n' });
    const open = (name: string): Promise<StateStore> =>
      openStateStore({ serverUrl: remote.url, repository: 'acme/state', token: remote.token ?? '', dir: join(scratch, name) });
    const stores = await Promise.all(Array.from({ length: writers }, (_, k) => open(`w${k}`)));
    const owner = { login: 'octocat', id: 1 };
    const nowIso = new Date().toISOString();
    const ids: string[] = [];
    const started = performance.now();
    await Promise.all(
      stores.map(async (store, k) => {
        const id = `bench-${k + 1}-run`;
        ids.push(id);
        const runId = 1000 + k;
        const start = await store.startTask(id, { repository: 'acme/app', number: k + 1 }, () => newTask({ id, repository: 'acme/app', issue: k + 1, kind: 'issue', owner, instructions: `task ${k + 1}` }, nowIso), {
          entry: { runId, runUrl: `https://github.com/acme/app/actions/runs/${runId}`, startedAt: nowIso },
          max: writers,
          leaseMs: 30 * 60_000,
        });
        if ('existing' in start || !start.slot.acquired) throw new Error(`${id} did not start`);
        for (let i = 1; i <= progressWrites; i++) {
          await store.updateTask(id, (t) => ({ ...t, progress: { phase: 'coding', currentStep: i, verifyAttempts: 0 }, costUsd: Math.round((t.costUsd + 0.01) * 100) / 100 }));
        }
        await store.endRun(id, (t) => ({ ...t, state: 'completed' }), writers);
      }),
    );
    const elapsedMs = performance.now() - started;
    const check = await open('check');
    const view = await check.snapshot();
    let lost = 0;
    for (let k = 0; k < writers; k++) {
      const id = ids.find((x) => x === `bench-${k + 1}-run`)!;
      const t = await readTask(view, id);
      if (!t) lost += progressWrites + 2;
      else {
        lost += progressWrites - (t.progress?.currentStep ?? 0);
        if (Math.abs(t.costUsd - progressWrites * 0.01) > 1e-9) lost++;
        if (t.state !== 'completed') lost++;
      }
      const index = (await view.readJson(StatePaths.issueIndex('acme/app', k + 1))) as { taskId?: string } | undefined;
      if (index?.taskId !== id) lost++;
    }
    lost += (await view.list(StateDirs.Slots)).length + (await view.list(StateDirs.Leases)).length + (await view.list(StateDirs.Queue)).length;
    const total = writers * (progressWrites + 2);
    const conflicts = stores.reduce((sum, s) => sum + s.stats().conflicts, 0);
    return {
      writers,
      updatesEach: progressWrites + 2,
      updatesPerSecond: Math.round((total / (elapsedMs / 1000)) * 10) / 10,
      conflictsPerUpdate: Math.round((conflicts / total) * 100) / 100,
      lost,
      elapsedMs: Math.round(elapsedMs),
      maxAttempts: Math.max(0, ...stores.map((s) => s.stats().maxAttempts)),
      transientRetries: stores.reduce((sum, s) => sum + s.stats().transientRetries, 0),
    };
  } finally {
    await remote.close();
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * The steady state of `writers` tasks in progress at once: each task (started beforehand, not
 * timed) writes `progressWrites` progress updates of its own record — what running tasks write as
 * they work (phase, step, cost). Lost = a record without every write.
 */
export async function benchRunningTasks(writers = 100, progressWrites = 10): Promise<TaskWorkloadBench> {
  const remote = await startGitRemote();
  const scratch = await mkdtemp(join(tmpdir(), 'kiro-bench-running-'));
  try {
    await remote.createRepo('acme', 'state', { 'README.md': '# state repository\n' });
    const open = (name: string): Promise<StateStore> =>
      openStateStore({ serverUrl: remote.url, repository: 'acme/state', token: remote.token ?? '', dir: join(scratch, name) });
    const owner = { login: 'octocat', id: 1 };
    const nowIso = new Date().toISOString();
    const ids = Array.from({ length: writers }, (_, k) => `running-${k + 1}-run`);
    // the tasks exist (one writer creates them all, untimed)
    const seed = await open('seed');
    await seed.update('seed tasks', (tx) => {
      for (const [k, id] of ids.entries()) tx.writeJson(`tasks/${id}.json`, newTask({ id, repository: 'acme/app', issue: k + 1, kind: 'issue', owner, instructions: 'x', state: 'in_progress' }, nowIso));
    });
    const stores = await Promise.all(ids.map((id) => open(id)));
    const started = performance.now();
    await Promise.all(
      stores.map(async (store, k) => {
        for (let i = 1; i <= progressWrites; i++) {
          await store.updateTask(ids[k]!, (t) => ({ ...t, progress: { phase: 'coding', currentStep: i, verifyAttempts: 0 }, costUsd: Math.round((t.costUsd + 0.01) * 100) / 100 }));
        }
      }),
    );
    const elapsedMs = performance.now() - started;
    const view = await (await open('check')).snapshot();
    let lost = 0;
    for (const id of ids) {
      const t = await readTask(view, id);
      lost += t ? progressWrites - (t.progress?.currentStep ?? 0) + (Math.abs(t.costUsd - progressWrites * 0.01) > 1e-9 ? 1 : 0) : progressWrites;
    }
    const total = writers * progressWrites;
    const conflicts = stores.reduce((sum, s) => sum + s.stats().conflicts, 0);
    return {
      writers,
      updatesEach: progressWrites,
      updatesPerSecond: Math.round((total / (elapsedMs / 1000)) * 10) / 10,
      conflictsPerUpdate: Math.round((conflicts / total) * 100) / 100,
      lost,
      elapsedMs: Math.round(elapsedMs),
      maxAttempts: Math.max(0, ...stores.map((s) => s.stats().maxAttempts)),
      transientRetries: stores.reduce((sum, s) => sum + s.stats().transientRetries, 0),
    };
  } finally {
    await remote.close();
    await rm(scratch, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [w, u] = process.argv.slice(2).map(Number);
  const r = process.env.BENCH_RUNNING ? await benchRunningTasks(w || 100, u || 10) : await benchStateStore(w || 100, u || 8);
  console.log(
    `state store: ${r.writers} task runs × ${r.updatesEach} operations over loopback HTTP git — ` +
      `${r.updatesPerSecond} updates/s, ${r.conflictsPerUpdate} conflicts/update (max ${r.maxAttempts} attempts), ` +
      `lost ${r.lost} (${r.elapsedMs} ms, ${r.transientRetries} transient retries)`,
  );
  if (r.lost !== 0) process.exitCode = 1;
}
