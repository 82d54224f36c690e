/**
 * Benchmark: time from process start to the status comment, measured by the fake GitHub server's
 * clock (the moment the create-comment request arrives) against the launcher's clock just before
 * it spawns `node dist/index.js` under Node 24. Target: under 500 ms on loopback.
 */
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { ALICE, startRig } from '../e2e/harness.js';

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
