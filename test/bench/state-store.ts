/**
 * State-store stress benchmark (issue: "10 concurrent writers × 50 updates each to the state
 * branch over the loopback git remote → all 500 updates present, none lost").
 *
 * Each writer is its own `StateStore` (own scratch directory, as separate runners would be) and
 * every update both adds a distinct file `stress/w<k>/<i>.json` and increments one shared counter
 * `stress/counter.json` — so a lost update shows up either as a missing file or as a counter
 * below the total. All writers start on a state repository without the state branch, so they also
 * race to create it.
 *
 * Run alone: `node --import tsx test/bench/state-store.ts [writers] [updatesEach]`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startGitRemote } from '../rig/git-remote.js';
import { openStateStore, type StateStore } from '../../src/state/store.js';

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
 * Runs `writers` concurrent stores × `updatesEach` updates against a loopback smart-HTTP git
 * remote (`git http-backend`, token auth) and checks that every update is on the branch.
 */
export async function benchStateStore(writers = 10, updatesEach = 50): Promise<StateStoreBench> {
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

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [w, u] = process.argv.slice(2).map(Number);
  const r = await benchStateStore(w || 10, u || 50);
  console.log(
    `state store: ${r.writers} writers × ${r.updatesEach} updates over loopback HTTP git — ` +
      `${r.updatesPerSecond} updates/s, ${r.retriesPerUpdate} retries/update (max ${r.maxAttempts} attempts), ` +
      `lost ${r.lost} (${r.elapsedMs} ms, ${r.transientRetries} transient retries)`,
  );
  if (r.lost !== 0) process.exitCode = 1;
}
