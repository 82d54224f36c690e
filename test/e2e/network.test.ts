/**
 * Network access levels through dist/index.js (SPEC.md §4, docs/security.md): two HTTP servers on
 * loopback addresses, one allowed (`allowed-domains: 127.0.0.2`, level `custom`) and one not
 * (127.0.0.3). The scripted coder reaches the allowed one through the egress proxy, is refused
 * the other, and then tries to bypass the proxy (`--noproxy`, unsetting the proxy variables, the
 * machine's external address).
 *
 * Where this machine permits a network namespace (root, iproute2, util-linux, curl) the action
 * runs every command inside one whose only way out is the proxy, and the bypasses fail; the
 * first test is skipped with the reason elsewhere. Without a namespace (no root or sudo, a
 * container without CAP_SYS_ADMIN) the action falls back to the proxy alone: well-behaved
 * clients are still confined, the bypasses are not, and the PR body states that limitation —
 * the second test checks that fallback on every machine (`KIRO_FIREWALL=off` turns the namespace
 * off as such a runner would not have it).
 */
import { execFileSync } from 'node:child_process';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { reply, toolUse, type RoutedScript } from '../rig/model-server.js';
import { externalIPv4, netnsSupport } from '../e2e-support/netns.js';
import { calcFixture, toolResults } from '../e2e-support/policy.js';
import type { RunActionResult } from '../rig/launcher.js';
import { ALICE, startRig, type Rig, closeChecked } from './harness.js';
import { plannerSteps, roleOf, verifierPass } from './scripts.js';

interface Server {
  host: string;
  port: number;
  hits: string[];
  close(): Promise<void>;
}

async function serve(host: string, name: string): Promise<Server> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`hello from ${name}\n`);
  });
  await new Promise<void>((r) => server.listen(0, host, r));
  return {
    host,
    port: (server.address() as AddressInfo).port,
    hits,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

const support = await netnsSupport();
const external = externalIPv4();

let allowed: Server;
let blocked: Server;
let blockedExternal: Server | undefined;
beforeAll(async () => {
  allowed = await serve('127.0.0.2', 'allowed');
  blocked = await serve('127.0.0.3', 'blocked');
  // the same "blocked" service on the machine's external address, when it has one
  if (external) blockedExternal = await serve(external, 'blocked-external');
});
afterAll(async () => {
  await Promise.all([allowed?.close(), blocked?.close(), blockedExternal?.close()]);
});

let rig: Rig | undefined;
afterEach(async () => {
  await closeChecked(rig);
  rig = undefined;
});

const bash = (id: string, command: string) => reply(toolUse('bash', { command }, id));
const UNSET = 'env -u HTTP_PROXY -u http_proxy -u HTTPS_PROXY -u https_proxy -u ALL_PROXY -u all_proxy';

function coder() {
  return [
    bash('allowed', `curl -sS -m 5 http://${allowed.host}:${allowed.port}/hello`),
    bash('blocked', `curl -sS -m 5 http://${blocked.host}:${blocked.port}/exfil`),
    bash('noproxy', `curl -sS -m 5 --noproxy '*' http://${blocked.host}:${blocked.port}/bypass-noproxy`),
    bash('unset', `${UNSET} curl -sS -m 5 http://${blocked.host}:${blocked.port}/bypass-unset`),
    ...(blockedExternal ? [bash('external', `${UNSET} curl -sS -m 5 http://${blockedExternal.host}:${blockedExternal.port}/bypass-external`)] : []),
    reply(toolUse('str_replace_based_edit_tool', { command: 'str_replace', path: 'src/calc.js', old_str: 'return a - b;', new_str: 'return a + b;' })),
    reply(toolUse('complete_step', { step_id: 1, summary: 'add() returns a + b' })),
    reply(toolUse('finish', { summary: 'Fixed add().', approach: 'One operator.', tradeoffs: 'None.' })),
  ];
}

async function runTask(env: Record<string, string> = {}) {
  const script: RoutedScript = { route: roleOf, scripts: { planner: plannerSteps(), coder: coder(), verifier: verifierPass() } };
  rig = await startRig({ script, fixture: calcFixture() });
  for (const s of [allowed, blocked, blockedExternal]) s?.hits.splice(0);
  const issue = rig.github.state.addIssue({ title: 'add() subtracts', body: 'fix it', user: ALICE });
  const n = issue.number as number;
  const res = await rig.run(rig.event('issues.labeled', { label: 'kiro', issue: { number: n, title: 'add() subtracts', user: ALICE }, sender: ALICE }), {
    inputs: { 'network-access': 'custom', 'allowed-domains': allowed.host, 'autonomy-level': 'full' },
    env,
  });
  expect(res.code, res.maskedLog).toBe(0);
  const mode = /Kiro sandbox: network access level custom, enforced in network namespace/.test(res.stdout) ? 'netns' : 'proxy';
  const seen = toolResults(rig.model!.requests);
  const out = (id: string) => seen.get(id)?.content ?? '';
  const pr = rig.github.state.pulls()[0]!;
  return { res, mode, out, body: String(pr.body) };
}

/** What holds in either mode: the proxy path and the report. */
function expectProxyPath(r: Awaited<ReturnType<typeof runTask>>): void {
  expect(r.out('allowed')).toContain('hello from allowed');
  expect(r.out('blocked')).toContain(`kiro-action egress proxy: ${blocked.host}:${blocked.port} is blocked`);
  expect(allowed.hits).toEqual(['GET /hello']);
  expect(blocked.hits).not.toContain('GET /exfil');
  // listed in the PR body with the command that tried, and warned about in the job log
  expect(r.body).toContain(`- Blocked \`${blocked.host}:${blocked.port}\` requested by \`curl -sS -m 5 http://${blocked.host}:${blocked.port}/exfil\``);
  expect(r.res.annotations).toContainEqual(expect.objectContaining({ level: 'warning', message: expect.stringContaining(`Kiro sandbox blocked GET ${blocked.host}:${blocked.port} from \`curl -sS -m 5 http://${blocked.host}:${blocked.port}/exfil\``) }));
}

describe('network access level custom', () => {
  it.skipIf(!support.ok)(`in a network namespace, unsetting the proxy does not bypass it${support.ok ? '' : ` (skipped: ${support.reason})`}`, async () => {
    const r = await runTask();
    expect(r.mode).toBe('netns');
    expectProxyPath(r);
    for (const id of ['noproxy', 'unset', ...(blockedExternal ? ['external'] : [])]) {
      expect(r.out(id), id).toMatch(/Failed to connect|Couldn't connect|Network is unreachable|Connection refused/);
      expect(r.out(id), id).not.toContain('hello from');
    }
    expect(blocked.hits).toEqual([]);
    expect(blockedExternal?.hits ?? []).toEqual([]);
    expect(r.body).not.toContain('enforced by the egress proxy only');
  });

  it('without a firewall, the proxy alone confines well-behaved clients and the PR states the limitation', async () => {
    const r = await runTask({ KIRO_FIREWALL: 'off' });
    expect(r.mode).toBe('proxy');
    expectProxyPath(r);
    expect(r.body).toMatch(/- Note: Network access is enforced by the egress proxy only .*a command that ignores or unsets them can reach any host/);
    // the stated limitation is real: the bypasses reach the blocked server
    expect(blocked.hits).toContain('GET /bypass-unset');
  });
});

describe('a cancelled run', () => {
  it.skipIf(!support.ok)(`leaves no network namespace and no command behind${support.ok ? '' : ` (skipped: ${support.reason})`}`, async () => {
    // the coder starts a long command; the runner cancels the job while it runs (SIGINT, then SIGTERM)
    const marker = 'sleep 417';
    const script: RoutedScript = { route: roleOf, scripts: { planner: plannerSteps(), coder: [bash('long', marker)] } };
    rig = await startRig({ script, fixture: calcFixture() });
    const issue = rig.github.state.addIssue({ title: 'add() subtracts', body: 'fix it', user: ALICE });
    const n = issue.number as number;
    let namespace: string | undefined;
    let cancel: (() => void) | undefined;
    const running = rig.run(rig.event('issues.labeled', { label: 'kiro', issue: { number: n, title: 'add() subtracts', user: ALICE }, sender: ALICE }), {
      inputs: { 'autonomy-level': 'full' },
      onLine: (line, _s, control) => {
        cancel = () => control.cancel();
        namespace ??= /enforced in network namespace (kiro-sbx-[\w-]+)/.exec(line)?.[1];
      },
    });
    const commandRuns = () => execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).split('\n').some((l) => l.trim() === marker);
    const end = Date.now() + 60_000;
    while (!commandRuns() && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
    expect(commandRuns()).toBe(true);
    expect(namespace).toBeDefined();
    expect(execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' })).toContain(namespace!);
    cancel!();
    const res: RunActionResult = await running;
    expect(res.cancelled).toBe(true);
    expect(execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' })).not.toContain(namespace!);
    expect(commandRuns()).toBe(false);
  });
});
