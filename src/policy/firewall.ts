/**
 * Egress enforcement below the process (SPEC.md §4; NOTES.md "How peers do it": a proxy
 * allow-list alone is bypassed by unsetting the proxy variables).
 *
 * Mode `netns` (Linux, root or passwordless sudo, `ip` from iproute2 and `setpriv`/`unshare`
 * from util-linux — all present on GitHub-hosted Ubuntu runners):
 * - One network namespace per task run, with only a loopback interface: no veth, no route, no
 *   DNS server. A connection to anything but the namespace's own loopback fails at `connect()`
 *   (ENETUNREACH), whatever the command does with its environment.
 * - The only way out is the egress proxy: a small forwarder inside the namespace listens on its
 *   loopback (`proxyUrl`) and relays each connection to the proxy's UNIX socket (a filesystem
 *   socket works across network namespaces). The forwarder runs as `nobody` without capabilities.
 * - Loopback inside the namespace is the sandbox's own: servers a command starts are reachable
 *   by the command directly (`NO_PROXY` covers loopback); the runner's loopback services are not.
 * - Each command enters the namespace as `[sudo -n] ip netns exec NS bwrap …`: the rest of the
 *   sandbox (PID namespace, hidden files, no privileges, masked host sockets) is bubblewrap's,
 *   see src/sandbox/isolation.ts; this module only owns the network.
 *
 * Why not `iptables -m owner --uid-owner`: the action and the commands share the `runner` uid
 * (the action's own GitHub and model traffic must not be filtered), so owner matching would
 * need a second user and a re-owned workspace; and this project's machines have no iptables.
 * The namespace needs no packet filter at all.
 *
 * Mode `none`: no root/sudo, not Linux, tools missing, or the namespace cannot be created
 * (e.g. a container without CAP_SYS_ADMIN). The proxy variables still route well-behaved
 * clients through the proxy, but a command can bypass it; `limitation` says so and why.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as core from '@actions/core';
import type { EgressProxy } from './egress-proxy.js';
import type { NetworkPolicy } from './network.js';
import { systemTool } from '../sandbox/isolation.js';

export type FirewallMode = 'netns' | 'none';

export interface Firewall {
  mode: FirewallMode;
  /** Proxy URL the wrapped commands must use (`proxyEnv(proxyUrl, …)`); the proxy's own URL in mode `none`. */
  proxyUrl: string;
  /**
   * The argv prefix that enters the network namespace (`[ip, 'netns', 'exec', NS]`, to be run
   * with root privileges); empty in mode `none`.
   */
  enter: readonly string[];
  /** Kills whatever still runs in the namespace, removes it and the proxy socket. Idempotent. */
  teardown(): Promise<void>;
  /** Mode `none` only: why the policy can be bypassed, for the log and the PR body. */
  limitation?: string;
  /** Caveats of the active mode, for the log (e.g. "commands cannot use sudo"). */
  notes: string[];
  /** The network namespace's name in mode `netns`. */
  namespace?: string;
}

export interface FirewallOptions {
  /** Namespace name; default `kiro-sbx-<pid>-<random>`. */
  name?: string;
  /** Node binary for the in-namespace forwarder; default `process.execPath`. */
  nodePath?: string;
  /** Force mode `none` (e.g. the `open-internet` level); `reason` becomes the limitation. */
  disable?: { reason: string };
  /** Info log; default `core.info`. */
  log?: (message: string) => void;
}

/** Forwarder run inside the namespace: 127.0.0.1:<ephemeral> → the proxy's UNIX socket. */
const FORWARDER = `
const net = require('net');
const sock = process.argv[1];
const srv = net.createServer((c) => {
  c.setNoDelay(true);
  const u = net.connect(sock);
  const end = () => { c.destroy(); u.destroy(); };
  c.on('error', end); u.on('error', end); c.on('close', end); u.on('close', end);
  c.pipe(u); u.pipe(c);
});
srv.listen(0, '127.0.0.1', () => process.stdout.write(srv.address().port + '\\n'));
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
`;

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(argv: readonly string[], timeoutMs = 10_000): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(argv[0]!, argv.slice(1), { timeout: timeoutMs, maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
      const c = (err as { code?: unknown } | null)?.code;
      const code = !err ? 0 : typeof c === 'number' ? c : -1;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) || (err && !stderr ? err.message : '') });
    });
  });
}

/** System programs by absolute path, never from the job's `PATH`. */
const findTool = (name: string): Promise<string | undefined> => systemTool(name);

function none(proxyUrl: string, reason: string): Firewall {
  return {
    mode: 'none',
    proxyUrl,
    enter: [],
    teardown: async () => {},
    limitation:
      `Network access is enforced by the egress proxy only (HTTP_PROXY and related variables): ` +
      `a command that ignores or unsets them can reach any host, because ${reason}.`,
    notes: [],
  };
}

/**
 * Sets up below-the-process enforcement for one task run (see the module doc). Never throws: if
 * anything needed is missing or fails, resolves with mode `none` and a `limitation`. Takes
 * ~100 ms (namespace creation and the forwarder's start). Call `teardown()` at the end of the run.
 * @param policy the run's policy (at `open-internet` nothing is confined: mode `none`, no limitation)
 * @param proxy the started egress proxy (its UNIX listener is added here)
 */
export async function prepareFirewall(
  policy: NetworkPolicy,
  proxy: Pick<EgressProxy, 'url' | 'listenUnix'>,
  opts: FirewallOptions = {},
): Promise<Firewall> {
  const log = opts.log ?? ((m: string) => core.info(m));
  if (policy.level === 'open-internet') {
    return { ...none(proxy.url, 'the level is open-internet'), limitation: undefined };
  }
  if (opts.disable) return none(proxy.url, opts.disable.reason);
  if (process.platform !== 'linux') return none(proxy.url, `the runner is ${process.platform}, not Linux`);

  const isRoot = process.getuid?.() === 0;
  let privilege: string[] = [];
  if (!isRoot) {
    const sudo = await findTool('sudo');
    if (!sudo) return none(proxy.url, 'the action runs without root and sudo is not installed');
    const probe = await run([sudo, '-n', '-E', 'true'], 5000);
    if (probe.code !== 0) {
      return none(proxy.url, `the runner user has neither root nor passwordless sudo with -E (${probe.stderr.trim().split('\n')[0] || `exit ${probe.code}`})`);
    }
    privilege = [sudo, '-n', '-E'];
  }
  const [ip, setpriv] = await Promise.all(['ip', 'setpriv'].map((t) => findTool(t)));
  const missing = Object.entries({ ip, setpriv })
    .filter(([, v]) => !v)
    .map(([k]) => k);
  if (missing.length) return none(proxy.url, `${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not installed`);

  const name = opts.name ?? `kiro-sbx-${process.pid}-${randomBytes(3).toString('hex')}`;
  const add = await run([...privilege, ip!, 'netns', 'add', name]);
  if (add.code !== 0) return none(proxy.url, `a network namespace cannot be created here (${add.stderr.trim().split('\n')[0]})`);

  let forwarder: ChildProcess | undefined;
  let sockDir: string | undefined;
  let torn = false;
  const teardown = async (): Promise<void> => {
    if (torn) return;
    torn = true;
    const pids = await run([...privilege, ip!, 'netns', 'pids', name]);
    const list = pids.stdout.split(/\s+/).filter((p) => /^\d+$/.test(p));
    if (list.length) await run([...privilege, 'kill', '-KILL', ...list]);
    forwarder?.stdin?.end();
    forwarder?.kill('SIGKILL');
    await run([...privilege, ip!, 'netns', 'delete', name]);
    if (sockDir) await rm(sockDir, { recursive: true, force: true });
  };
  const fail = async (reason: string): Promise<Firewall> => {
    await teardown();
    return none(proxy.url, reason);
  };

  const lo = await run([...privilege, ip!, '-n', name, 'link', 'set', 'lo', 'up']);
  if (lo.code !== 0) return fail(`the namespace's loopback cannot be brought up (${lo.stderr.trim()})`);

  sockDir = await mkdtemp(join(tmpdir(), 'kiro-egress-'));
  await chmod(sockDir, 0o755);
  const sockPath = join(sockDir, 'proxy.sock');
  try {
    await proxy.listenUnix(sockPath);
  } catch (e) {
    return fail(`the proxy cannot listen on ${sockPath} (${(e as Error).message})`);
  }

  const nodePath = opts.nodePath ?? process.execPath;
  const fwdArgv = [
    ...privilege,
    ip!,
    'netns',
    'exec',
    name,
    setpriv!,
    '--reuid=65534',
    '--regid=65534',
    '--clear-groups',
    '--no-new-privs',
    '--bounding-set=-all',
    '--inh-caps=-all',
    '--',
    nodePath,
    '-e',
    FORWARDER,
    sockPath,
  ];
  // A minimal environment: the forwarder must not pick up NODE_OPTIONS and the like.
  const fwd = spawn(fwdArgv[0]!, fwdArgv.slice(1), { stdio: ['pipe', 'pipe', 'pipe'], env: { PATH: '/usr/bin:/bin:/usr/sbin:/sbin' } });
  forwarder = fwd;
  const port = await new Promise<number | string>((resolve) => {
    let out = '';
    let errText = '';
    const timer = setTimeout(() => resolve(`the forwarder did not start within 10 s ${errText.trim()}`), 10_000);
    fwd.stdout?.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /^(\d+)\n/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    fwd.stderr?.on('data', (b: Buffer) => (errText += b.toString()));
    fwd.once('error', (e) => {
      clearTimeout(timer);
      resolve(`the forwarder cannot start (${e.message})`);
    });
    fwd.once('exit', (code) => {
      clearTimeout(timer);
      resolve(`the forwarder exited with ${code} (${errText.trim().split('\n')[0]})`);
    });
  });
  if (typeof port === 'string') return fail(port);
  fwd.stdout?.resume();
  fwd.stderr?.resume();
  fwd.unref();
  (fwd.stdin as unknown as { unref?: () => void })?.unref?.();
  (fwd.stdout as unknown as { unref?: () => void })?.unref?.();
  (fwd.stderr as unknown as { unref?: () => void })?.unref?.();

  const notes = [
    'Commands run in a network namespace whose only way out is the egress proxy; direct connections fail and are not listed as blocked requests.',
    'There is no DNS inside the sandbox: clients must let the proxy resolve names (they do when HTTP_PROXY/HTTPS_PROXY are set).',
  ];
  log(`Egress firewall: network namespace ${name}, proxy ${`http://127.0.0.1:${port}`} inside it.`);
  return {
    mode: 'netns',
    proxyUrl: `http://127.0.0.1:${port}`,
    enter: [ip!, 'netns', 'exec', name],
    teardown,
    notes,
    namespace: name,
  };
}
