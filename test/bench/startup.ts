/**
 * Benchmark: time from process start to the status comment, measured by the fake GitHub server's
 * clock (the moment the create-comment request arrives) against the launcher's clock just before
 * it spawns `node dist/index.js` under Node 24. Target: under 500 ms on loopback.
 */
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { ALICE, startRig } from '../e2e/harness.js';
import { answerScript } from '../e2e/scripts.js';
import type { Step } from '../rig/model-server.js';

export interface StartupBench {
  runs: number;
  medianMs: number;
  maxMs: number;
  /** Process start → first request to GitHub (module load + settings + routing). */
  firstRequestMedianMs: number;
}

export async function benchStartup(runs = 7): Promise<StartupBench> {
  const rig = await startRig();
  // a port nobody listens on (taken, then released)
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const deadUrl = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`;
  await new Promise<void>((r) => probe.close(() => r()));
  const ack: number[] = [];
  const first: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const issue = rig.github.state.addIssue({ title: `bench ${i}`, body: 'x', user: ALICE });
      const n = issue.number as number;
      const before = rig.github.requests.length;
      // the model API is unreachable: the run acknowledges, fails to plan and ends (the model is not under test)
      const res = await rig.run(rig.event('issues.labeled', { label: 'kiro', issue: { number: n, user: ALICE }, sender: ALICE }), { env: { ANTHROPIC_BASE_URL: deadUrl } });
      const mine = rig.github.requests.slice(before);
      const created = mine.find((r) => r.operationId === 'issues/create-comment');
      if (!created || !mine[0]) throw new Error(`run ${i}: no status comment was created (exit ${res.code})\n${res.maskedLog}`);
      ack.push(created.receivedAt - res.startedAt);
      first.push(mine[0].receivedAt - res.startedAt);
    }
  } finally {
    await rig.close();
  }
  const med = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
  return { runs, medianMs: med(ack), maxMs: Math.max(...ack), firstRequestMedianMs: med(first) };
}

export interface CriticalPathBench {
  runs: number;
  /** Status comment created → first Messages API request, median ms. */
  ackToModelMedianMs: number;
  /** Last model reply → the job's process exit, median ms. */
  lastReplyToExitMedianMs: number;
}

/**
 * Benchmark: the orchestration around the model calls of a short task (issue #12) — from the
 * acknowledgement (the status comment's create request arriving at the loopback GitHub) to the
 * first model request, and from the last model reply to the end of the process. The task is a
 * question the planner answers in one reply (no code), so the figures are the orchestration's.
 * Target: acknowledgement → first model request ≤ 1 s on loopback.
 */
export async function benchCriticalPath(runs = 5): Promise<CriticalPathBench> {
  const script = answerScript();
  const planner = script.scripts.planner!;
  // one answer per run
  script.scripts.planner = Array.from({ length: runs }, () => planner as Step[]).flat();
  const rig = await startRig({ script });
  const toModel: number[] = [];
  const toExit: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const issue = rig.github.state.addIssue({ title: `question ${i}`, body: 'Where is add() defined?', user: ALICE });
      const beforeGh = rig.github.requests.length;
      const beforeModel = rig.model!.requests.length;
      const res = await rig.run(rig.event('issues.labeled', { label: 'kiro', issue: { number: issue.number as number, user: ALICE }, sender: ALICE }), { runId: 7000 + i });
      if (res.code !== 0) throw new Error(`run ${i} failed:\n${res.maskedLog}`);
      const created = rig.github.requests.slice(beforeGh).find((r) => r.operationId === 'issues/create-comment');
      const model = rig.model!.requests.slice(beforeModel);
      if (!created || !model[0]) throw new Error(`run ${i}: no status comment or no model request`);
      toModel.push(model[0].receivedAt - created.receivedAt);
      toExit.push(res.startedAt + res.durationMs - model.at(-1)!.receivedAt);
    }
  } finally {
    await rig.close();
  }
  const med = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
  return { runs, ackToModelMedianMs: med(toModel), lastReplyToExitMedianMs: med(toExit) };
}
