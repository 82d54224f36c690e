/**
 * Enforcement below the process: a command run through `wrapCommand` with the proxy variables
 * unset cannot reach a server the policy blocks (neither by the machine's external address nor
 * by loopback), while through the proxy it reaches the allowed server and the blocked attempt is
 * listed with its command. Runs in a real network namespace where this machine permits (root,
 * iproute2, util-linux, curl); skipped with the reason otherwise.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proxyEnv, startEgressProxy, type EgressProxy } from '../../../src/policy/egress-proxy.js';
import { DEFAULT_MASKED_SOCKETS, prepareFirewall, sandboxArgv, type Firewall } from '../../../src/policy/firewall.js';
import { resolveNetworkPolicy } from '../../../src/policy/network.js';
import { externalIPv4, netnsSupport, runArgv, startNamedServer, withoutProxyVars, type TestServer } from '../../e2e-support/netns.js';

const policy = resolveNetworkPolicy({ level: 'custom', allowedDomains: ['allowed.kiro.test'], integrationHosts: [] });
const resolve = (h: string): string | undefined => (h.endsWith('.kiro.test') ? '127.0.0.1' : undefined);
const quiet = { log: () => {} };

describe('sandboxArgv', () => {
  const cfg = {
    privilege: ['/usr/bin/sudo', '-n', '-E'],
    namespace: 'kiro-sbx-1',
    ip: '/usr/sbin/ip',
    unshare: '/usr/bin/unshare',
    setpriv: '/usr/bin/setpriv',
    env: '/usr/bin/env',
    maskSockets: ['/run/docker.sock', "/bad'quote"],
    uid: 1001,
    gid: 118,
  };

  it('under sudo: namespace, PID namespace, masks, no privileges, same uid, and restores what sudo resets', () => {
    const argv = sandboxArgv(cfg, ['bash', '-c', 'npm test'], {
      PATH: '/home/runner/node/bin:/usr/bin',
      HOME: '/home/runner',
      LD_LIBRARY_PATH: '/opt/python/lib',
      PYTHONPATH: '/x',
      JAVA_TOOL_OPTIONS: '-Dhttp.proxyHost=127.0.0.1',
      HTTP_PROXY: 'http://127.0.0.1:1',
      FOO: 'bar',
      UNSET: undefined,
    });
    expect(argv.slice(0, 8)).toEqual(['/usr/bin/sudo', '-n', '-E', '/usr/sbin/ip', 'netns', 'exec', 'kiro-sbx-1', '/bin/sh']);
    const un = argv.indexOf('/usr/bin/unshare');
    expect(argv.slice(un, un + 9)).toEqual(['/usr/bin/unshare', '--pid', '--fork', '--kill-child', '--mount-proc', '--', '/bin/sh', '-c', expect.stringContaining("'/run/docker.sock'")]);
    expect(argv[un + 8]).not.toContain('bad');
    const sp = argv.indexOf('/usr/bin/setpriv');
    expect(argv.slice(sp, sp + 8)).toEqual(['/usr/bin/setpriv', '--no-new-privs', '--bounding-set=-all', '--inh-caps=-all', '--reuid=1001', '--regid=118', '--clear-groups', '--']);
    const rest = argv.slice(sp + 8);
    expect(rest.slice(0, 9)).toEqual(['/usr/bin/env', '-u', 'SUDO_COMMAND', '-u', 'SUDO_USER', '-u', 'SUDO_UID', '-u', 'SUDO_GID']);
    expect(rest).toContain('PATH=/home/runner/node/bin:/usr/bin');
    expect(rest).toContain('LD_LIBRARY_PATH=/opt/python/lib');
    expect(rest).toContain('JAVA_TOOL_OPTIONS=-Dhttp.proxyHost=127.0.0.1');
    expect(rest.some((a) => a.startsWith('HTTP_PROXY=') || a.startsWith('FOO='))).toBe(false);
    expect(rest.slice(-3)).toEqual(['bash', '-c', 'npm test']);
  });

  it('as root: no sudo, no env re-export, uid 0 without capabilities', () => {
    const argv = sandboxArgv({ ...cfg, privilege: [], uid: undefined, gid: undefined }, ['true'], { PATH: '/bin' });
    expect(argv[0]).toBe('/usr/sbin/ip');
    const sp = argv.indexOf('/usr/bin/setpriv');
    expect(argv.slice(sp)).toEqual(['/usr/bin/setpriv', '--no-new-privs', '--bounding-set=-all', '--inh-caps=-all', '--clear-groups', '--', 'true']);
  });
});

describe('prepareFirewall without enforcement', () => {
  it('open-internet: nothing to confine, no limitation', async () => {
    const open = resolveNetworkPolicy({ level: 'open-internet', integrationHosts: [] });
    const fw = await prepareFirewall(open, { url: 'http://127.0.0.1:9', listenUnix: async () => {} }, quiet);
    expect(fw).toMatchObject({ mode: 'none', proxyUrl: 'http://127.0.0.1:9' });
    expect(fw.limitation).toBeUndefined();
    expect(fw.wrapCommand(['a', 'b'])).toEqual(['a', 'b']);
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
  const inSandbox = (script: string, env = bare) => runArgv(fw.wrapCommand(['bash', '-c', script], env), env);

  beforeAll(async () => {
    allowed = await startNamedServer('allowed');
    blocked = await startNamedServer('blocked');
    proxy = await startEgressProxy(policy, { resolve, onBlocked: () => {} });
    maskDir = mkdtempSync(join(tmpdir(), 'kiro-mask-'));
    maskServer = net.createServer((s) => s.end('HTTP/1.1 200 OK\r\nContent-Length: 11\r\nConnection: close\r\n\r\nhost socket'));
    await new Promise<void>((r) => maskServer.listen(join(maskDir, 's.sock'), r));
    fw = await prepareFirewall(policy, proxy, { ...quiet, maskSockets: [...DEFAULT_MASKED_SOCKETS, join(maskDir, 's.sock')] });
  });
  afterAll(async () => {
    await fw?.teardown();
    await proxy?.close();
    await allowed?.close();
    await blocked?.close();
    maskServer?.close();
    rmSync(maskDir, { recursive: true, force: true });
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

  it('passes exit codes, stdin and the working directory through; SIGTERM to the process group ends the sandbox', async () => {
    const argv = fw.wrapCommand(['bash', '-c', 'read x; echo "got:$x in $PWD"; echo oops >&2; exit 7'], bare);
    const done = await new Promise<{ code: number | null; out: string; err: string }>((res) => {
      const c = spawn(argv[0]!, argv.slice(1), { cwd: tmpdir(), env: bare, stdio: ['pipe', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      c.stdout.on('data', (b: Buffer) => (out += b.toString()));
      c.stderr.on('data', (b: Buffer) => (err += b.toString()));
      c.on('close', (code) => res({ code, out, err }));
      c.stdin.end('hi\n');
    });
    expect(done).toEqual({ code: 7, out: `got:hi in ${tmpdir()}\n`, err: 'oops\n' });

    // The bash tool's timeout: SIGTERM to the process group, even if the command ignores it.
    const slow = fw.wrapCommand(['bash', '-c', 'trap "" TERM; sleep 60; echo never'], bare);
    const t0 = Date.now();
    const killed = await new Promise<{ code: number | null; out: string }>((res) => {
      const c = spawn(slow[0]!, slow.slice(1), { env: bare, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
      let out = '';
      c.stdout.on('data', (b: Buffer) => (out += b.toString()));
      c.stderr.on('data', (b: Buffer) => (out += b.toString()));
      setTimeout(() => process.kill(-c.pid!, 'SIGTERM'), 300);
      c.on('close', (code) => res({ code, out }));
    });
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(killed.out).toBe('');
    expect(killed.code).toBeGreaterThan(128);
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
    expect(cmdlines.filter((c) => c.includes('sleep'))).toEqual([]);
  });

  it('runs commands as a given unprivileged uid, and teardown removes the namespace', async () => {
    const p2 = await startEgressProxy(policy, { resolve, onBlocked: () => {} });
    const fw2 = await prepareFirewall(policy, p2, { ...quiet, uid: 65534, gid: 65534 });
    try {
      expect(fw2.mode).toBe('netns');
      const env = { ...bare, ...proxyEnv(fw2.proxyUrl) };
      const r = await runArgv(fw2.wrapCommand(['bash', '-c', `id -u; id -G; curl -sS http://allowed.kiro.test:${allowed.port}/as-nobody`], env), env);
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
