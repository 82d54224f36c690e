/**
 * State-store benchmarks over the loopback smart-HTTP git remote (`git http-backend`, token auth),
 * each writer its own `StateStore` with its own scratch directory — in its own process
 * (`state-writer.ts`) for the task workloads, as separate runners would be.
 *
 * - `benchStateStore(writers)` — the store's real workload (issue #12: "the state store with 10,
 *   50 and 100 concurrent writers; target at 100: 0 lost, ≥ 20 updates/s"): every writer is one
 *   task's run, all starting at once on a store in use — `startTask` (record, index entry and slot
 *   in one compare-and-swap), `progressWrites` progress writes of its own record (phase, step,
 *   cost: what a run writes as it works), then `endRun` (the record's end and the slot's release in
 *   one compare-and-swap, as a task run ends). Lost = a record without every progress write or
 *   with the wrong cost, a missing issue index, or a slot, lease or queue entry left behind.
 * - `benchRunningTasks(writers)` — the steady state: tasks in progress writing their own records.
 * - `benchSharedCounter(writers, updatesEach)` — the worst case: every update adds a distinct file
 *   and increments one shared counter on the branch, so every update contends with every other.
 *
 * Run alone: `node --import tsx test/bench/state-store.ts [writers] [updatesEach]`
 * (`BENCH_RUNNING=1`: the steady state; `BENCH_DEBUG=1`: the machine's CPU split while timed).
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fork } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startGitRemote } from '../rig/git-remote.js';
import { openStateStore, type StateStore } from '../../src/state/store.js';
import type { StateStoreStats } from '../../src/state/store-api.js';
import type { WriterJob } from './state-writer.js';
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
    await remote.createRepo('acme', 'state', { 'README.md': '# state repository\n' }, { rigHooks: false });
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
 * Forks `jobs.length` writer processes (`state-writer.ts`), waits until each has opened its store,
 * starts them together and waits for all; resolves with the timed wall time and each one's stats.
 */
async function runWriters(jobs: readonly WriterJob[]): Promise<{ elapsedMs: number; stats: StateStoreStats[] }> {
  const script = fileURLToPath(new URL('./state-writer.ts', import.meta.url));
  const children = jobs.map((job) => {
    const child = fork(script, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const messages: Array<(m: WriterMessage) => void> = [];
    child.on('message', (m: WriterMessage) => messages.shift()?.(m));
    const next = () =>
      new Promise<WriterMessage>((resolve, reject) => {
        messages.push(resolve);
        child.once('exit', (code, signal) => reject(new Error(`writer ${job.id} exited (${code ?? signal}) before answering`)));
      });
    return { child, job, next };
  });
  try {
    const ready = children.map((c) => c.next());
    for (const c of children) c.child.send(c.job);
    for (const m of await Promise.all(ready)) if (m.error) throw new Error(m.error);
    const done = children.map((c) => c.next());
    const started = performance.now();
    const cpu0 = process.cpuUsage();
    const stat0 = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.split(/\s+/).slice(1, 8).map(Number);
    if (process.env.BENCH_DEBUG) console.error('[bench] go');
    for (const c of children) c.child.send('go');
    const results = await Promise.all(done);
    const elapsedMs = performance.now() - started;
    const cpu = process.cpuUsage(cpu0);
    const stat1 = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.split(/\s+/).slice(1, 8).map(Number);
    const d = stat1.map((v, i) => v - stat0[i]!);
    if (process.env.BENCH_DEBUG) console.error(`[bench] server process cpu ${Math.round((cpu.user + cpu.system) / 1000)} ms over ${Math.round(elapsedMs)} ms; machine user ${d[0]} sys ${d[2]} idle ${d[3]} iowait ${d[4]} (ticks)`);
    for (const m of results) if (m.error) throw new Error(m.error);
    return { elapsedMs, stats: results.map((m) => m.stats!) };
  } catch (e) {
    console.error(`state-store bench: ${(e as Error).message}`); // before the clean-up, which may fail on the killed writers' files
    throw e;
  } finally {
    for (const c of children) if (c.child.exitCode === null) c.child.kill();
  }
}

type WriterMessage = { ready?: boolean; done?: boolean; stats?: StateStoreStats; error?: string };

/**
 * `writers` task runs at once against one state store, each in its own process (as each is its
 * own runner): start (record, index entry, slot: records on their own refs), `progressWrites`
 * writes of the task's own record, the run's end (record + slot release in one compare-and-swap).
 * Checks every write is there afterwards.
 */
export async function benchStateStore(writers = 100, progressWrites = 8): Promise<TaskWorkloadBench> {
  const remote = await startGitRemote();
  const scratch = await mkdtemp(join(tmpdir(), 'kiro-bench-tasks-'));
  try {
    await remote.createRepo('acme', 'state', { 'README.md': '# state repository\n' }, { rigHooks: false });
    // a store in use: its branch exists (with a learning), untimed — the very first write of a new
    // store creates the branch, which every writer starting at that moment would race for
    const seed = await openStateStore({ serverUrl: remote.url, repository: 'acme/state', token: remote.token ?? '', dir: join(scratch, 'seed') });
    await seed.upsertLearnings('octocat', [{ text: 'Use the standard error helpers', provenance: { url: 'https://github.com/acme/app/pull/1#discussion_r1', repository: 'acme/app', date: new Date().toISOString() } }]);
    const ids = Array.from({ length: writers }, (_, k) => `bench-${k + 1}-run`);
    const jobs = ids.map((id, k): WriterJob => ({ url: remote.url, token: remote.token ?? '', dir: join(scratch, `w${k}`), id, issue: k + 1, runId: 1000 + k, max: writers, progressWrites, workload: 'task' }));
    const { elapsedMs, stats } = await runWriters(jobs);
    const check = await openStateStore({ serverUrl: remote.url, repository: 'acme/state', token: remote.token ?? '', dir: join(scratch, 'check') });
    const view = await check.snapshot();
    let lost = 0;
    for (const [k, id] of ids.entries()) {
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
    return summary(writers, progressWrites + 2, elapsedMs, stats, lost);
  } finally {
    await remote.close();
    await rm(scratch, { recursive: true, force: true });
  }
}

function summary(writers: number, updatesEach: number, elapsedMs: number, stats: readonly StateStoreStats[], lost: number): TaskWorkloadBench {
  const total = writers * updatesEach;
  return {
    writers,
    updatesEach,
    updatesPerSecond: Math.round((total / (elapsedMs / 1000)) * 10) / 10,
    conflictsPerUpdate: Math.round((stats.reduce((sum, s) => sum + s.conflicts, 0) / total) * 100) / 100,
    lost,
    elapsedMs: Math.round(elapsedMs),
    maxAttempts: Math.max(0, ...stats.map((s) => s.maxAttempts)),
    transientRetries: stats.reduce((sum, s) => sum + s.transientRetries, 0),
  };
}

/**
 * The steady state of `writers` tasks in progress at once, each in its own process: each task
 * (created beforehand, not timed) writes `progressWrites` progress updates of its own record —
 * what running tasks write as they work (phase, step, cost). Lost = a record without every write.
 */
export async function benchRunningTasks(writers = 100, progressWrites = 10): Promise<TaskWorkloadBench> {
  const remote = await startGitRemote();
  const scratch = await mkdtemp(join(tmpdir(), 'kiro-bench-running-'));
  try {
    await remote.createRepo('acme', 'state', { 'README.md': '# state repository\n' }, { rigHooks: false });
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
    const jobs = ids.map((id, k): WriterJob => ({ url: remote.url, token: remote.token ?? '', dir: join(scratch, id), id, issue: k + 1, runId: 1000 + k, max: writers, progressWrites, workload: 'running' }));
    const { elapsedMs, stats } = await runWriters(jobs);
    const view = await (await open('check')).snapshot();
    let lost = 0;
    for (const id of ids) {
      const t = await readTask(view, id);
      lost += t ? progressWrites - (t.progress?.currentStep ?? 0) + (Math.abs(t.costUsd - progressWrites * 0.01) > 1e-9 ? 1 : 0) : progressWrites;
    }
    return summary(writers, progressWrites, elapsedMs, stats, lost);
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
