/**
 * `npm run bench [startup|critical|agent|long|state|state-shared|sandbox|search|batch|tasks]`: the speed and memory figures the issues set
 * targets for, each printed as soon as it is measured, then a table.
 *   - start-up: process start → status comment (target < 500 ms on loopback)
 *   - agent loop: 30-step scripted task — prompt-cache read share (target ≥ 80%) and harness time
 *     per step excluding the model (target ≤ 20 ms median)
 *   - state store: 10 writers × 50 compare-and-swap updates over smart HTTP (none lost)
 *   - long session: 150 steps through a 20k-token window with context management on — peak
 *     prompt, clearing batches, cache share and harness time per step
 *   - sandbox: start-up overhead per command over a bare spawn (target ≤ 30 ms median) and the J1
 *     journey's wall time with and without the sandbox
 *   - search: search_code and list_files on a generated 100,000-file repository against plain rg
 *     and git ls-files on the same tree (target ≤ 1.2×)
 *   - batch: a batch over 15 repositories, each child in its own workflow run, against one task,
 *     3 s per model reply (target ≤ 2×)
 *   - tasks: 20 issues labelled at once in one repository against one task (all complete, ≤ 3×,
 *     state-store pushes per task ≤ 1.5× a lone task's)
 *   - state: 10, 50 and 100 concurrent task runs on one state store, each writer in its own process
 *     as each task run is its own runner (target at 100: 0 lost, ≥ 20 updates/s), and 100 tasks in
 *     progress writing their own records; `state-shared`: the worst case, every update on one
 *     shared file
 * Prints a table; exits non-zero when a target is missed.
 */
import { benchAgentLoop } from './agent-loop.js';
import { benchCriticalPath, benchStartup } from './startup.js';
import { benchJourneyWithSandbox, benchSandboxOverhead } from './sandbox.js';
import { benchSearch } from './search.js';
import { benchBatch, benchManyTasks } from './scale.js';
import { benchRunningTasks, benchSharedCounter, benchStateStore } from './state-store.js';

const only = process.argv.slice(2);
const want = (name: string) => only.length === 0 || only.includes(name);
const rows: Array<[string, string, string, boolean]> = [];
// every figure is printed the moment it is measured (a long run still shows what it has)
const push = rows.push.bind(rows);
rows.push = (...items) => {
  for (const [name, result, target, ok] of items) console.log(`measured: ${name}: ${result} (target ${target}${ok ? '' : ', MISSED'})`);
  return push(...items);
};

if (want('startup')) {
  const s = await benchStartup();
  rows.push(['start-up → status comment (median of ' + s.runs + ')', `${s.medianMs} ms (max ${s.maxMs}, first request ${s.firstRequestMedianMs} ms)`, '< 500 ms', s.medianMs < 500]);
}
if (want('startup') || want('critical')) {
  const c = await benchCriticalPath();
  rows.push([`acknowledgement → first model request (median of ${c.runs})`, `${c.ackToModelMedianMs} ms`, '≤ 1000 ms', c.ackToModelMedianMs <= 1000]);
  rows.push([`last model reply → job end (answer task, median of ${c.runs})`, `${c.lastReplyToExitMedianMs} ms`, 'reported', true]);
}
if (want('agent')) {
  const a = await benchAgentLoop();
  rows.push([`prompt-cache read share (${a.steps} steps)`, `${(a.cacheReadShare * 100).toFixed(1)}% (read ${a.cacheReadTokens}, write ${a.cacheWriteTokens}, uncached ${a.inputTokens} tokens)`, '≥ 80%', a.cacheReadShare >= 0.8]);
  rows.push([`harness time per step, excl. model (${a.files} files)`, `median ${a.harnessMedianMs.toFixed(1)} ms, p90 ${a.harnessP90Ms.toFixed(1)} ms`, '≤ 20 ms median', a.harnessMedianMs <= 20]);
}
if (want('long')) {
  const WINDOW = 20_000;
  const l = await benchAgentLoop(150, 2000, WINDOW);
  rows.push([`long session: ${l.steps} steps in a ${WINDOW}-token window`, `peak prompt ${l.peakPromptTokens} tokens, ${l.cleared} clearing batches, ${l.compacted} compactions`, 'peak ≤ window', l.peakPromptTokens <= WINDOW]);
  rows.push(['long session: prompt-cache read share', `${(l.cacheReadShare * 100).toFixed(1)}%`, '≥ 80%', l.cacheReadShare >= 0.8]);
  rows.push(['long session: harness time per step, excl. model', `median ${l.harnessMedianMs.toFixed(1)} ms, p90 ${l.harnessP90Ms.toFixed(1)} ms`, '≤ 20 ms median', l.harnessMedianMs <= 20]);
}
if (want('state')) {
  // each writer is one task run: start (record, index entry, slot), 8 progress writes (its own ref), end
  for (const writers of [10, 50, 100]) {
    const st = await benchStateStore(writers, 8);
    const target = writers === 100 ? '0 lost, ≥ 20 updates/s' : '0 lost';
    rows.push([
      `state store: ${st.writers} concurrent task runs × ${st.updatesEach} updates`,
      `${st.updatesPerSecond.toFixed(1)} updates/s, ${st.conflictsPerUpdate.toFixed(2)} conflicts/update (max ${st.maxAttempts} attempts), ${st.lost} lost, ${(st.elapsedMs / 1000).toFixed(1)} s`,
      target,
      st.lost === 0 && (writers < 100 || st.updatesPerSecond >= 20),
    ]);
  }
  // the steady state: 100 tasks in progress, each writing its own record
  const rt = await benchRunningTasks(100, 10);
  rows.push([
    `state store: ${rt.writers} tasks in progress × ${rt.updatesEach} progress writes`,
    `${rt.updatesPerSecond.toFixed(1)} updates/s, ${rt.conflictsPerUpdate.toFixed(2)} conflicts/update, ${rt.lost} lost, ${(rt.elapsedMs / 1000).toFixed(1)} s`,
    '0 lost, ≥ 20 updates/s',
    rt.lost === 0 && rt.updatesPerSecond >= 20,
  ]);
}
if (want('state-shared')) {
  const st = await benchSharedCounter(10, 50);
  rows.push([
    `state store, worst case: ${st.writers} writers × ${st.updatesEach} updates of one shared file`,
    `${st.updatesPerSecond.toFixed(1)} updates/s, ${st.retriesPerUpdate.toFixed(2)} retries/update, ${st.lost} lost, counter ${st.counter}`,
    '0 lost',
    st.lost === 0,
  ]);
}
if (want('batch')) {
  const b = await benchBatch(15);
  rows.push([`batch over ${b.repositories} repositories (3 s per model reply) vs one task`, `${(b.batchMs / 1000).toFixed(1)} s vs ${(b.oneTaskMs / 1000).toFixed(1)} s (${b.ratio}×), ${b.pullRequests} PRs`, '≤ 2×', b.ratio <= 2]);
}
if (want('tasks')) {
  const t = await benchManyTasks(20);
  rows.push([`${t.tasks} tasks labelled at once (3 s per model reply) vs one task`, `${t.completed} completed, ${(t.allMs / 1000).toFixed(1)} s vs ${(t.oneTaskMs / 1000).toFixed(1)} s (${t.ratio}×)`, 'all complete, ≤ 3×', t.completed === t.tasks && t.ratio <= 3]);
  rows.push([`state-store pushes per task (${t.tasks} at once vs a lone task)`, `${t.pushesPerTask} vs ${t.lonePushes} (${(t.pushesPerTask / t.lonePushes).toFixed(2)}×)`, '≤ 1.5×', t.pushesPerTask <= 1.5 * t.lonePushes]);
}
if (want('sandbox')) {
  const b = await benchSandboxOverhead();
  rows.push([`sandbox start-up per command (${b.mode})`, `median +${b.overheadMedianMs.toFixed(1)} ms over a bare spawn (${b.bareMedianMs.toFixed(1)} ms)`, '≤ 30 ms median', b.overheadMedianMs <= 30]);
  if (b.netnsOverheadMedianMs !== undefined) {
    rows.push(['sandbox + network namespace per command', `median +${b.netnsOverheadMedianMs.toFixed(1)} ms over a bare spawn`, '≤ 30 ms median', b.netnsOverheadMedianMs <= 30]);
  }
  const j = await benchJourneyWithSandbox();
  rows.push(['J1 label → PR wall time, sandbox on / off (median of 3)', `${j.sandboxedMs} ms / ${j.unsandboxedMs} ms (${j.sandboxedMs - j.unsandboxedMs >= 0 ? '+' : ''}${j.sandboxedMs - j.unsandboxedMs} ms)`, 'reported', true]);
}

if (want('search')) {
  const r = await benchSearch();
  rows.push([`search_code on ${r.files} files (${r.engine}, ${r.mode}) vs plain rg`, `${r.searchMs.toFixed(0)} ms vs ${r.rgMs.toFixed(0)} ms (${(r.searchMs / r.rgMs).toFixed(2)}×)`, '≤ 1.2×', r.searchMs <= 1.2 * r.rgMs]);
  rows.push([`list_files on ${r.files} files (${r.mode}) vs plain git ls-files`, `${r.listMs.toFixed(0)} ms vs ${r.lsFilesMs.toFixed(0)} ms (${(r.listMs / r.lsFilesMs).toFixed(2)}×)`, '≤ 1.2×', r.listMs <= 1.2 * r.lsFilesMs]);
}

const w = [Math.max(...rows.map((r) => r[0].length)), Math.max(...rows.map((r) => r[1].length)), 16];
console.log(`\n${'benchmark'.padEnd(w[0]!)}  ${'result'.padEnd(w[1]!)}  target`);
for (const [name, result, target, ok] of rows) console.log(`${name.padEnd(w[0]!)}  ${result.padEnd(w[1]!)}  ${target} ${ok ? '✓' : '✗ MISSED'}`);
if (rows.some((r) => !r[3])) process.exitCode = 1;
