/**
 * Helpers for network-enforcement tests: loopback HTTP servers that stand in for "allowed" and
 * "blocked" internet hosts, an async command runner (the egress proxy lives in the test process,
 * so a synchronous spawn would deadlock it), and a probe for whether this machine can create a
 * network namespace (root, iproute2, util-linux).
 */
import { execFile, spawn } from 'node:child_process';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';

export interface TestServer {
  name: string;
  port: number;
  /** Requests received, as `METHOD path`. */
  hits: string[];
  close(): Promise<void>;
}

/** An HTTP server on all interfaces answering `hello from <name>` to everything. */
export async function startNamedServer(name: string): Promise<TestServer> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`hello from ${name}\n`);
  });
  await new Promise<void>((r) => server.listen(0, '0.0.0.0', r));
  return {
    name,
    port: (server.address() as AddressInfo).port,
    hits,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** A non-loopback IPv4 address of this machine (an "internet" address for the test servers), if any. */
export function externalIPv4(): string | undefined {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return undefined;
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs argv asynchronously with exactly `env`; never rejects. */
export function runArgv(argv: readonly string[], env: Record<string, string | undefined>, timeoutMs = 15_000): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(argv[0]!, argv.slice(1), { env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ code: -1, stdout, stderr: stderr + e.message });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** `env` without any proxy variable (any case). */
export function withoutProxyVars(env: Record<string, string | undefined>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(env)) {
    if (!/proxy/i.test(k) && k !== 'JAVA_TOOL_OPTIONS' && k !== 'NODE_USE_ENV_PROXY') out[k] = v;
  }
  return out;
}

/** Whether a network namespace can be created here; `reason` says why not. */
export async function netnsSupport(): Promise<{ ok: boolean; reason: string }> {
  const r = await probeNetns();
  // in CI a skipped enforcement test would hide a broken boundary: fail instead (issue #9)
  if (!r.ok && process.env.CI === 'true') throw new Error(`CI must run the network-namespace tests, but: ${r.reason}`);
  return r;
}

async function probeNetns(): Promise<{ ok: boolean; reason: string }> {
  if (process.platform !== 'linux') return { ok: false, reason: `platform is ${process.platform}` };
  if (process.getuid?.() !== 0) return { ok: false, reason: 'tests are not running as root' };
  const name = `kiro-probe-${process.pid}`;
  const ok = await new Promise<string | undefined>((resolve) =>
    execFile('ip', ['netns', 'add', name], (err, _o, stderr) => resolve(err ? String(stderr || err.message).trim() : undefined)),
  );
  if (ok !== undefined) return { ok: false, reason: `ip netns add failed: ${ok}` };
  await new Promise<void>((resolve) => execFile('ip', ['netns', 'delete', name], () => resolve()));
  for (const tool of ['curl', 'setpriv', 'bwrap']) {
    const found = await new Promise<boolean>((resolve) => execFile('sh', ['-c', `command -v ${tool}`], (err) => resolve(!err)));
    if (!found) return { ok: false, reason: `${tool} is not installed` };
  }
  return { ok: true, reason: '' };
}
