/**
 * Benchmark: what the OS sandbox costs (issue #9).
 * - start-up overhead per command: median wall time of `/bin/true` through the sandboxed runner
 *   (bubblewrap, and bubblewrap inside the network namespace where this machine allows one) minus
 *   the same through a bare spawn (target ≤ 30 ms median);
 * - the J1 journey (label → verified PR) through dist/index.js with the sandbox, against the same
 *   run with the sandbox off (`KIRO_ISOLATION=off` + `allow-unsandboxed-commands`), median of 3.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { tmpdir } from 'node:os';
import { startEgressProxy } from '../../src/policy/egress-proxy.js';
import { prepareFirewall } from '../../src/policy/firewall.js';
import { resolveNetworkPolicy } from '../../src/policy/network.js';
import { detectIsolation } from '../../src/sandbox/isolation.js';
import { createSandboxRunner, createUnsandboxedRunner, type CommandRunner } from '../../src/sandbox/runner.js';
import { ALICE, startRig } from '../e2e/harness.js';
import { issueToPrScript } from '../e2e/scripts.js';

const med = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;

async function timeRuns(runner: CommandRunner, cwd: string, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const r = await runner.run({ argv: ['/bin/true'], cwd, env: { PATH: '/usr/bin:/bin' }, timeoutMs: 10_000 });
    if (r.code !== 0) throw new Error(`sandboxed /bin/true failed: ${r.spawnError ?? r.output}`);
    out.push(performance.now() - t0);
  }
  return out;
}

export interface SandboxBench {
  mode: string;
  bareMedianMs: number;
  overheadMedianMs: number;
  netnsOverheadMedianMs?: number;
}

export async function benchSandboxOverhead(n = 40): Promise<SandboxBench> {
  const support = await detectIsolation();
  if (support.mode === 'none') throw new Error(`no sandbox on this machine: ${support.reason}`);
  const root = mkdtempSync(path.join(tmpdir(), 'kiro-bench-sbx-'));
  const layout = { workspace: path.join(root, 'ws'), home: path.join(root, 'home'), tmp: path.join(root, 'tmp'), hideDirs: [], hideFiles: [] };
  for (const d of [layout.workspace, layout.home, layout.tmp]) mkdirSync(d);
  try {
    await timeRuns(createUnsandboxedRunner(), layout.workspace, 5); // warm-up
    const bare = med(await timeRuns(createUnsandboxedRunner(), layout.workspace, n));
    const boxed = med(await timeRuns(createSandboxRunner(support, layout), layout.workspace, n));
    let netns: number | undefined;
    const policy = resolveNetworkPolicy({ level: 'integration-only', integrationHosts: [] });
    const proxy = await startEgressProxy(policy, {});
    const fw = await prepareFirewall(policy, proxy, { log: () => {} });
    try {
      if (fw.mode === 'netns') netns = med(await timeRuns(createSandboxRunner(support, { ...layout, netns: fw.enter }), layout.workspace, n)) - bare;
    } finally {
      await fw.teardown();
      await proxy.close();
    }
    return { mode: support.mode, bareMedianMs: bare, overheadMedianMs: boxed - bare, ...(netns !== undefined ? { netnsOverheadMedianMs: netns } : {}) };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** J1 wall time (process start → exit) with and without the sandbox. */
export async function benchJourneyWithSandbox(runs = 3): Promise<{ sandboxedMs: number; unsandboxedMs: number }> {
  const once = async (sandboxed: boolean): Promise<number> => {
    const rig = await startRig({ script: issueToPrScript() });
    try {
      const issue = rig.github.state.addIssue({ title: 'add() subtracts', body: 'add(2, 3) returns -1.', user: ALICE });
      const n = issue.number as number;
      const res = await rig.run(rig.event('issues.labeled', { label: 'kiro', issue: { number: n, title: 'add() subtracts', user: ALICE }, sender: ALICE }), {
        inputs: { 'autonomy-level': 'full', ...(sandboxed ? {} : { 'allow-unsandboxed-commands': 'true' }) },
        env: sandboxed ? {} : { KIRO_ISOLATION: 'off' },
      });
      if (res.code !== 0 || rig.github.state.pulls().length !== 1) throw new Error(`J1 run failed (exit ${res.code})\n${res.maskedLog}`);
      return res.durationMs;
    } finally {
      await rig.close();
    }
  };
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    a.push(await once(true));
    b.push(await once(false));
  }
  return { sandboxedMs: med(a), unsandboxedMs: med(b) };
}
