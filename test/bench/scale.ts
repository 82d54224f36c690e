/**
 * Scale benchmarks through dist/index.js on the loopback rig (issue #12). On GitHub every run has
 * its own runner; here all share two cores, so the scripted model answers after a realistic
 * latency (3 s a reply) and the figures show the design — runs working side by side — rather than
 * this machine's CPU:
 *
 * - `benchBatch(15)`: a batch over 15 repositories (the hub hands each child to its own workflow
 *   run, which the rig starts as GitHub does) — wall time from the dispatch to the last child's
 *   end, as a ratio of one task's (label → verified PR). Target ≤ 2×.
 * - `benchManyTasks(20)`: 20 issues labelled at once in one repository — all complete, nothing
 *   lost, wall time ≤ 3× one task, state-store pushes per task ≤ 1.5× a lone task's.
 */
import { ALICE, startRig, type Rig } from '../e2e/harness.js';
import { coderFixSteps, perConversation, plannerSteps, verifierPass } from '../e2e/scripts.js';
import type { ModelScriptFn, Step } from '../rig/model-server.js';

/** Model latency of every reply, ms. */
export const ReplyLatencyMs = 3000;

/** The J1 conversation, each reply after `latencyMs`. */
function slowJ1(latencyMs: number): ModelScriptFn {
  const slow = (steps: Step[]): Step[] => steps.map((s) => (typeof s === 'function' ? s : 'content' in s ? { ...s, delayMs: latencyMs } : s));
  return perConversation({ planner: slow(plannerSteps()), coder: slow(coderFixSteps()), verifier: slow(verifierPass()) });
}

/** Accepted pushes to the state store of the rig's repository (its branch and its task refs). */
function statePushes(rig: Rig): number {
  return rig.remote.pushes.filter((p) => p.owner === rig.owner && p.repo === rig.repo && p.source === 'http' && (p.ref === 'refs/heads/kiro/state' || p.ref.startsWith('refs/kiro-state/'))).length;
}

/** One task, label → verified PR, in a fresh rig. */
async function loneTask(latencyMs: number): Promise<{ ms: number; statePushes: number }> {
  const rig = await startRig({ script: slowJ1(latencyMs) });
  try {
    const issue = rig.github.state.addIssue({ title: 'add() subtracts', body: 'add(2, 3) returns -1.', user: ALICE });
    const t0 = performance.now();
    const res = await rig.run(rig.event('issues.labeled', { label: 'kiro', issue: { number: issue.number as number, user: ALICE }, sender: ALICE }), { timeoutMs: 600_000 });
    if (res.code !== 0 || res.outputs.status !== 'completed') throw new Error(`the lone task did not complete:\n${res.maskedLog}`);
    return { ms: performance.now() - t0, statePushes: statePushes(rig) };
  } finally {
    await rig.close();
  }
}

export interface BatchBench {
  repositories: number;
  oneTaskMs: number;
  batchMs: number;
  ratio: number;
  pullRequests: number;
}

/** A batch over `n` repositories against one task, with `latencyMs` per model reply. */
export async function benchBatch(n = 15, latencyMs = ReplyLatencyMs, log: (line: string) => void = console.log): Promise<BatchBench> {
  const one = await loneTask(latencyMs);
  log(`measured: one task (label → verified PR, ${latencyMs / 1000} s per model reply): ${(one.ms / 1000).toFixed(1)} s`);
  const rig = await startRig({ script: slowJ1(latencyMs) });
  try {
    const repos: string[] = [];
    for (let i = 1; i <= n; i++) repos.push(await rig.addRepo(`app-${i}`));
    const inputs = { 'max-concurrent-tasks': String(n) };
    const runner = rig.dispatchRunner({ inputs, timeoutMs: 900_000 });
    const t0 = performance.now();
    const hub = await rig.run(rig.event('workflow_dispatch', { dispatch: { inputs: { repositories: repos.join(','), task: 'Fix add() so it adds' } }, sender: ALICE }), { inputs });
    if (hub.code !== 0) throw new Error(`the batch's hub run failed:\n${hub.maskedLog}`);
    await runner.idle();
    const batchMs = performance.now() - t0;
    runner.stop();
    const pullRequests = repos.filter((r) => rig.github.state.pulls(r).length === 1).length;
    if (pullRequests !== n) throw new Error(`only ${pullRequests} of ${n} pull requests were opened`);
    return { repositories: n, oneTaskMs: Math.round(one.ms), batchMs: Math.round(batchMs), ratio: Math.round((batchMs / one.ms) * 100) / 100, pullRequests };
  } finally {
    await rig.close();
  }
}

export interface ManyTasksBench {
  tasks: number;
  completed: number;
  oneTaskMs: number;
  allMs: number;
  ratio: number;
  lonePushes: number;
  pushesPerTask: number;
}

/** `n` issues labelled at once in one repository (the default max-concurrent-tasks: the rest queue). */
export async function benchManyTasks(n = 20, latencyMs = ReplyLatencyMs, log: (line: string) => void = console.log): Promise<ManyTasksBench> {
  const one = await loneTask(latencyMs);
  log(`measured: one task: ${(one.ms / 1000).toFixed(1)} s, ${one.statePushes} state-store pushes`);
  const rig = await startRig({ script: slowJ1(latencyMs) });
  try {
    const runner = rig.dispatchRunner({ timeoutMs: 900_000 });
    const issues = Array.from({ length: n }, (_, i) => rig.github.state.addIssue({ title: `add() subtracts (${i + 1})`, body: 'add(2, 3) returns -1.', user: ALICE }).number as number);
    const t0 = performance.now();
    const labelled = await Promise.all(issues.map((number) => rig.run(rig.event('issues.labeled', { label: 'kiro', issue: { number, user: ALICE }, sender: ALICE }), { timeoutMs: 900_000 })));
    await runner.idle();
    const allMs = performance.now() - t0;
    runner.stop();
    const statuses = [...labelled, ...runner.results.map((r) => r.result)].map((r) => r.outputs.status);
    const completed = issues.filter((number) => rig.github.state.labelsOn(number).includes('kiro:completed')).length;
    if (statuses.some((s) => s === undefined)) throw new Error('a run ended without a status');
    return {
      tasks: n,
      completed,
      oneTaskMs: Math.round(one.ms),
      allMs: Math.round(allMs),
      ratio: Math.round((allMs / one.ms) * 100) / 100,
      lonePushes: one.statePushes,
      pushesPerTask: Math.round((statePushes(rig) / n) * 10) / 10,
    };
  } finally {
    await rig.close();
  }
}
