/**
 * Enforcement below the process: a command run through `wrapCommand` with the proxy variables
 * unset cannot reach a server the policy blocks (neither by the machine's external address nor
 * by loopback), while through the proxy it reaches the allowed server and the blocked attempt is
 * listed with its command. Runs in a real network namespace where this machine permits (root,
 * iproute2, util-linux, curl); skipped with the reason otherwise.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proxyEnv, startEgressProxy, type EgressProxy } from '../../../src/policy/egress-proxy.js';
import { prepareFirewall, type Firewall } from '../../../src/policy/firewall.js';
import { bwrapArgv, DEFAULT_MASKED_SOCKETS, detectIsolation, type IsolationSupport, type SandboxLayout } from '../../../src/sandbox/isolation.js';
import { resolveNetworkPolicy } from '../../../src/policy/network.js';
import { externalIPv4, netnsSupport, runArgv, startNamedServer, withoutProxyVars, type TestServer } from '../../e2e-support/netns.js';

const policy = resolveNetworkPolicy({ level: 'custom', allowedDomains: ['allowed.kiro.test'], integrationHosts: [] });
const resolve = (h: string): string | undefined => (h.endsWith('.kiro.test') ? '127.0.0.1' : undefined);
const quiet = { log: () => {} };

describe('prepareFirewall without enforcement', () => {
  it('open-internet: nothing to confine, no limitation', async () => {
    const open = resolveNetworkPolicy({ level: 'open-internet', integrationHosts: [] });
    const fw = await prepareFirewall(open, { url: 'http://127.0.0.1:9', listenUnix: async () => {} }, quiet);
    expect(fw).toMatchObject({ mode: 'none', proxyUrl: 'http://127.0.0.1:9' });
    expect(fw.limitation).toBeUndefined();
    expect(fw.enter).toEqual([]);
    await fw.teardown();
  });
  it('when disabled or impossible: mode none with a stated limitation', async () => {
    const fw = await prepareFirewall(policy, { url: 'http://127.0.0.1:9', listenUnix: async () => {} }, { ...quiet, disable: { reason: 'the runner forbids it' } });
    expect(fw.mode).toBe('none');
    expect(fw.limitation).toBe(
      'Network access is enforced by the egress proxy only (HTTP_PROXY and related variables): a command that ignores or unsets them can reach any host, because the runner forbids it.',
    );
  });
});

const support = await netnsSupport();

describe.skipIf(!support.ok)(`network namespace enforcement${support.ok ? '' : ` (skipped: ${support.reason})`}`, () => {
  let allowed: TestServer;
  let blocked: TestServer;
  let proxy: EgressProxy;
  let fw: Firewall;
  let maskDir: string;
  let maskServer: net.Server;
  const ext = externalIPv4();
  const bare = withoutProxyVars(process.env);
  let iso: IsolationSupport;
  let sbx: string;
  // the whole sandbox as commands get it: bubblewrap inside the firewall's namespace
  const layoutOf = (f: Firewall, masks: readonly string[] = DEFAULT_MASKED_SOCKETS): SandboxLayout => ({
    workspace: join(sbx, 'ws'),
    home: join(sbx, 'home'),
    tmp: join(sbx, 'tmp'),
    hideDirs: [],
    hideFiles: [],
    maskSockets: masks,
    netns: f.enter,
  });
  const argvIn = (f: Firewall, script: string, env: Record<string, string | undefined>, support = iso, masks?: readonly string[]) =>
    bwrapArgv(support, layoutOf(f, masks), ['bash', '-c', script], { cwd: join(sbx, 'ws'), env: clean(env) });
  const clean = (env: Record<string, string | undefined>) => Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
  const inSandbox = (script: string, env = bare) => runArgv(argvIn(fw, script, env, iso, [...DEFAULT_MASKED_SOCKETS, join(maskDir, 's.sock')]), { PATH: '/usr/bin:/bin' });

  beforeAll(async () => {
    allowed = await startNamedServer('allowed');
    blocked = await startNamedServer('blocked');
    proxy = await startEgressProxy(policy, { resolve, onBlocked: () => {} });
    maskDir = mkdtempSync(join(tmpdir(), 'kiro-mask-'));
    maskServer = net.createServer((s) => s.end('HTTP/1.1 200 OK\r\nContent-Length: 11\r\nConnection: close\r\n\r\nhost socket'));
    await new Promise<void>((r) => maskServer.listen(join(maskDir, 's.sock'), r));
    fw = await prepareFirewall(policy, proxy, quiet);
    iso = await detectIsolation();
    sbx = mkdtempSync(join(tmpdir(), 'kiro-fw-'));
    for (const d of ['ws', 'home', 'tmp']) mkdirSync(join(sbx, d));
  });
  afterAll(async () => {
    await fw?.teardown();
    await proxy?.close();
    await allowed?.close();
    await blocked?.close();
    maskServer?.close();
    rmSync(maskDir, { recursive: true, force: true });
    rmSync(sbx, { recursive: true, force: true });
  });

  it('sets up a namespace with the proxy reachable inside it', () => {
    expect(fw.mode).toBe('netns');
    expect(fw.limitation).toBeUndefined();
    expect(fw.proxyUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(fw.namespace).toMatch(/^kiro-sbx-/);
  });

  it('with proxy variables unset, the blocked server is unreachable directly (positive control: reachable outside)', async () => {
    const targets = [`http://127.0.0.1:${blocked.port}/direct`, ...(ext ? [`http://${ext}:${blocked.port}/direct`] : [])];
    for (const url of targets) {
      const outside = await runArgv(['curl', '-sS', '-m', '5', url], bare);
      expect(outside.stdout, `control ${url}`).toContain('hello from blocked');
      const inside = await inSandbox(`curl -sS -m 5 ${url}`);
      expect(inside.code, url).not.toBe(0);
      expect(inside.stderr, url).toMatch(/Couldn't connect|Failed to connect|unreachable/i);
    }
    // Names do not resolve inside either (no DNS server in the namespace).
    const byName = await inSandbox(`curl -sS -m 5 http://blocked.kiro.test:${blocked.port}/`);
    expect(byName.code).not.toBe(0);
    expect(blocked.hits.filter((h) => h.startsWith('GET /direct'))).toHaveLength(targets.length); // only the controls arrived
  });

  it('through the proxy: the allowed server answers, the blocked one gets 403 and is listed with its command', async () => {
    const command = `curl -sS -i http://blocked.kiro.test:${blocked.port}/via-proxy`;
    const token = proxy.setCommand(command);
    proxy.setCommand('a later command');
    const env = { ...bare, ...proxyEnv(fw.proxyUrl, { token }) };
    const ok = await inSandbox(`curl -sS http://allowed.kiro.test:${allowed.port}/via-proxy`, env);
    expect(ok.stdout).toBe('hello from allowed\n');
    const tunnel = await inSandbox(`curl -sS -p http://allowed.kiro.test:${allowed.port}/via-tunnel`, env);
    expect(tunnel.stdout).toBe('hello from allowed\n');
    const no = await inSandbox(command, env);
    expect(no.stdout).toMatch(/^HTTP\/1\.1 403 Forbidden/);
    expect(blocked.hits).not.toContain('GET /via-proxy');
    expect(proxy.blocked).toContainEqual(expect.objectContaining({ host: 'blocked.kiro.test', port: blocked.port, method: 'GET', command }));
  });

  it('the sandbox keeps its own loopback: a server started inside is reachable inside', async () => {
    const r = await inSandbox(
      `python3 -c 'import http.server,threading,urllib.request as u
s=http.server.HTTPServer(("127.0.0.1",0),http.server.SimpleHTTPRequestHandler)
threading.Thread(target=s.serve_forever,daemon=True).start()
print(u.urlopen("http://127.0.0.1:%d/" % s.server_port).status)' 2>/dev/null || node -e 'const h=require("http");const s=h.createServer((q,r)=>r.end("ok")).listen(0,"127.0.0.1",()=>h.get("http://127.0.0.1:"+s.address().port,(r)=>{console.log(r.statusCode);process.exit(0)}))'`,
    );
    expect(r.stdout.trim()).toBe('200');
  });

  it('cannot leave: no capabilities, no host processes, no host network namespace, masked host sockets', async () => {
    const caps = await inSandbox('grep CapEff /proc/self/status');
    expect(caps.stdout).toMatch(/CapEff:\s+0+\n/);
    const procs = await inSandbox(`test -e /proc/${process.pid}/environ && echo visible || echo hidden`);
    expect(procs.stdout.trim()).toBe('hidden');
    const enter = await inSandbox(`nsenter --net=/proc/1/ns/net curl -sS -m 5 http://127.0.0.1:${blocked.port}/escape`);
    expect(enter.code).not.toBe(0);
    const newns = await inSandbox(`unshare -n true && echo made || echo refused`);
    expect(newns.stdout.trim()).toBe('refused');
    const route = await inSandbox(`ip route add default dev lo 2>&1 || echo refused`);
    expect(route.stdout).toContain('refused');
    const sock = join(maskDir, 's.sock');
    const outside = await runArgv(['curl', '-sS', '-m', '5', '--unix-socket', sock, 'http://x/'], bare);
    expect(outside.stdout).toBe('host socket');
    const inside = await inSandbox(`curl -sS -m 5 --unix-socket ${sock} http://x/`);
    expect(inside.code).not.toBe(0);
    expect(blocked.hits).not.toContain('GET /escape');
  });

  it('passes exit codes and the working directory through; SIGTERM to the process group ends the sandbox', async () => {
    const done = await runArgv(argvIn(fw, 'echo "in $PWD"; echo oops >&2; exit 7', bare), { PATH: '/usr/bin:/bin' });
    expect(done).toEqual({ code: 7, stdout: `in ${join(sbx, 'ws')}\n`, stderr: 'oops\n' });

    // The bash tool's timeout: SIGTERM to the process group, even if the command ignores it.
    const slow = argvIn(fw, 'trap "" TERM; sleep 60; echo never', bare);
    const t0 = Date.now();
    const killed = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }>((res) => {
      const c = spawn(slow[0]!, slow.slice(1), { env: { PATH: '/usr/bin:/bin' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
      let out = '';
      c.stdout.on('data', (b: Buffer) => {
        out += b.toString();
      });
      c.stderr.on('data', (b: Buffer) => (out += b.toString()));
      // kill once the command is known to run: its `sleep` is in the namespace (the trap is set
      // before it starts) — counting processes alone fired, on a loaded machine, while bwrap was
      // still setting up
      let sent = false;
      const poll = setInterval(() => {
        execFile('ip', ['netns', 'pids', fw.namespace!], (_e, pids) => {
          const cmdlines = pids
            .split(/\s+/)
            .filter(Boolean)
            .map((p) => {
              try {
                return readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0').join(' ');
              } catch {
                return '';
              }
            });
          if (!sent && cmdlines.some((l) => l.startsWith('sleep 60'))) {
            sent = true;
            clearInterval(poll);
            process.kill(-c.pid!, 'SIGTERM');
          }
        });
      }, 50);
      c.on('close', (code, signal) => {
        clearInterval(poll);
        res({ code, signal, out });
      });
    });
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(killed.out).toBe('');
    expect(killed.code === null ? killed.signal : killed.code).not.toBe(0);
  });

  it('processes a command leaves behind end with it', async () => {
    const r = await inSandbox('sleep 300 & echo started');
    expect(r.stdout.trim()).toBe('started');
    const pids = await new Promise<string>((res) => execFile('ip', ['netns', 'pids', fw.namespace!], (_e, out) => res(out)));
    const cmdlines = await Promise.all(
      pids
        .split(/\s+/)
        .filter(Boolean)
        .map((p) => new Promise<string>((res) => execFile('cat', [`/proc/${p}/cmdline`], (_e, out) => res(out.replace(/\0/g, ' '))))),
    );
    expect(cmdlines.filter((c) => c.includes('sleep 300'))).toEqual([]);
  });

  it('runs commands as a given unprivileged uid, and teardown removes the namespace', async () => {
    const p2 = await startEgressProxy(policy, { resolve, onBlocked: () => {} });
    const fw2 = await prepareFirewall(policy, p2, quiet);
    try {
      expect(fw2.mode).toBe('netns');
      const env = { ...bare, ...proxyEnv(fw2.proxyUrl) };
      const nobody: IsolationSupport = { ...iso, uid: 65534, gid: 65534 };
      const r = await runArgv(argvIn(fw2, `id -u; id -G; curl -sS http://allowed.kiro.test:${allowed.port}/as-nobody`, env, nobody), { PATH: '/usr/bin:/bin' });
      expect(r.stdout).toBe('65534\n65534\nhello from allowed\n');
    } finally {
      await fw2.teardown();
      await fw2.teardown();
      await p2.close();
    }
    const list = await new Promise<string>((res) => execFile('ip', ['netns', 'list'], (_e, out) => res(out)));
    expect(list).not.toContain(fw2.namespace!);
  });
});
