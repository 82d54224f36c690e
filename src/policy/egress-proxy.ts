/**
 * In-process HTTP/HTTPS forward proxy that enforces a `NetworkPolicy` for the commands the model
 * runs (SPEC.md §4). Commands reach it through the proxy variables of `proxyEnv`; `firewall.ts`
 * makes it the only way out where the runner permits.
 *
 * - `CONNECT host:port` (HTTPS, and any TLS or TCP protocol a client tunnels) is checked by host
 *   and then spliced byte-for-byte: no TLS interception, no certificates to trust.
 * - Absolute-form requests (`GET http://host/path`) are forwarded with a keep-alive agent;
 *   WebSocket upgrades in absolute form are spliced after the check.
 * - A blocked host gets `403 Forbidden` with a plain-text explanation naming the host and the
 *   network access level; each distinct (host, port, method, command) is recorded once in
 *   `blocked` with a count and logged once (repeats are debug lines).
 * - Link-local destinations (cloud metadata services such as 169.254.169.254) are refused at
 *   every level, `open-internet` included, unless the policy names that address exactly.
 *
 * Command attribution: `setCommand(cmd)` makes `cmd` the current command and returns a fresh
 * token; `proxyEnv(url, { token })` embeds it as the proxy URL's credentials
 * (`http://kiro:<token>@127.0.0.1:PORT`), which clients send as `Proxy-Authorization`. A request
 * carrying a known token is attributed to the command that token was issued for, so a
 * background process started by an earlier command is still attributed correctly; a request
 * without one (a client that drops proxy credentials) is attributed to the current command —
 * exact as long as the tool layer runs one command at a time. The token is an attribution label,
 * not an access control: the proxy never requires it.
 *
 * No library: `proxy-chain` (Apify, maintained) would add `socks`, `socks-proxy-agent` and
 * `tslib` to the bundle for features not needed here (upstream proxies, SOCKS, MITM helpers);
 * a CONNECT splice plus absolute-form forwarding is ~200 lines of node:http/node:net.
 */
import { randomBytes } from 'node:crypto';
import { lookup as dnsLookup } from 'node:dns';
import * as http from 'node:http';
import * as net from 'node:net';
import { chmod } from 'node:fs/promises';
import type { Duplex } from 'node:stream';
import * as core from '@actions/core';
import { normalizeHost, type NetworkPolicy } from './network.js';
import { BlockedError, HOP_BY_HOP, isLinkLocalAddress, parseAuthority } from './egress-rules.js';
import type { BlockedRequest } from './proxy-env.js';

export { isLinkLocalAddress } from './egress-rules.js';
export { formatBlockedRequests, PROXY_ENV_NAMES, proxyEnv, type BlockedRequest, type ProxyEnvOptions } from './proxy-env.js';

export interface EgressProxyOptions {
  /**
   * Maps a host name to the address to connect to, or undefined to use DNS. Tests use it to
   * give names like `allowed.kiro.test` a loopback address without touching /etc/hosts; the
   * policy is still checked against the requested name.
   */
  resolve?: (host: string) => string | undefined;
  /**
   * Called once per distinct blocked request (host, port, method, command), when it is first
   * seen; repeats only raise `count` (package managers retry). Default: a warning the first
   * time a host is blocked, an info line for further commands blocked on it.
   */
  onBlocked?: (entry: BlockedRequest) => void;
  /** Distinct entries kept in `blocked` (later ones only increase counts of existing ones); default 500. */
  maxBlockedEntries?: number;
}

export interface EgressProxy {
  /** `http://127.0.0.1:PORT` — give it to `proxyEnv`. */
  url: string;
  port: number;
  /** Distinct blocked requests, oldest first; for the PR body (`formatBlockedRequests`). */
  blocked: BlockedRequest[];
  /**
   * Sets the command that subsequent requests without a token are attributed to, and returns
   * a new token for `proxyEnv(url, { token })` that attributes requests to `command`.
   */
  setCommand(command: string | undefined): string;
  /** Also serves the proxy on a UNIX socket (mode 0666); used by `firewall.ts`. */
  listenUnix(path: string): Promise<void>;
  /** Stops listening and destroys every open connection. Idempotent. */
  close(): Promise<void>;
}

/**
 * Starts the proxy on 127.0.0.1 (an ephemeral port). Overhead per request is one loopback hop
 * and a policy lookup; sockets use TCP_NODELAY.
 * @param policyOrPending the policy, or a promise of it: the proxy listens at once and holds each
 *   request until the policy is known (registry discovery runs while the sandbox opens, off the
 *   acknowledgement's critical path — issue #12); a policy that fails to resolve blocks everything
 */
export async function startEgressProxy(policyOrPending: NetworkPolicy | Promise<NetworkPolicy>, opts: EgressProxyOptions = {}): Promise<EgressProxy> {
  let policy: NetworkPolicy | undefined = 'match' in policyOrPending ? policyOrPending : undefined;
  const settled: Promise<void> = Promise.resolve(policyOrPending).then(
    (p) => {
      policy = p;
    },
    (e: unknown) => core.warning(`Kiro sandbox: the network policy could not be resolved, every request is blocked: ${(e as Error).message}`),
  );
  /**
   * Runs a handler now, or once the policy is known (the socket or request waits, paused; a proxy
   * closed meanwhile has destroyed it and handles nothing).
   */
  const whenPolicy =
    <A extends unknown[]>(handle: (...args: A) => void) =>
    (...args: A): void => {
      if (policy) handle(...args);
      else
        void settled.then(() => {
          if (!closed) handle(...args);
        });
    };
  const blocked: BlockedRequest[] = [];
  const maxEntries = opts.maxBlockedEntries ?? 500;
  const tokens = new Map<string, string | undefined>();
  const warnedHosts = new Set<string>();
  const sockets = new Set<net.Socket | Duplex>();
  const extraServers: net.Server[] = [];
  let current: string | undefined;
  let closed = false;

  const track = <T extends net.Socket | Duplex>(s: T): T => {
    if (sockets.has(s)) return s;
    // Peers reset connections (a client giving up on a 403); errors end the socket, never the process.
    s.on('error', () => s.destroy());
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
    return s;
  };

  const commandOf = (req: http.IncomingMessage): string | undefined => {
    const auth = req.headers['proxy-authorization'];
    const m = typeof auth === 'string' ? /^Basic\s+(\S+)/i.exec(auth) : null;
    if (m) {
      const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
      const token = decoded.slice(decoded.indexOf(':') + 1);
      if (tokens.has(token)) return tokens.get(token);
    }
    return current;
  };

  const record = (host: string, port: number, method: string, command: string | undefined, reason: string): BlockedRequest => {
    let entry = blocked.find((b) => b.host === host && b.port === port && b.method === method && b.command === command);
    if (entry) {
      entry.count++;
      core.debug(`Egress blocked again (${entry.count}×): ${method} ${host}:${port}`);
      return entry;
    }
    entry = { host, port, method, at: new Date().toISOString(), count: 1, reason, ...(command !== undefined ? { command } : {}) };
    if (blocked.length < maxEntries) blocked.push(entry);
    if (opts.onBlocked) opts.onBlocked(entry);
    else {
      const line = `Egress blocked: ${method} ${host}:${port} (${reason})${command ? ` — command: ${command.slice(0, 200)}` : ''}`;
      if (!warnedHosts.has(host)) {
        warnedHosts.add(host);
        core.warning(line);
      } else core.info(line);
    }
    return entry;
  };

  /** Returns undefined when allowed, else the reason. */
  const check = (host: string): string | undefined => {
    if (!host) return 'not a valid host name';
    if (!policy) return 'the network policy could not be resolved';
    const rule = policy.match(host);
    if (!rule) return `not in the allow-list of network access level "${policy.level}"`;
    if (isLinkLocalAddress(host) && (rule === '*' || rule.kind !== 'exact')) {
      return 'link-local address (cloud metadata service)';
    }
    return undefined;
  };

  /** Whether `host` is named exactly by the policy (then link-local results are allowed). */
  const exactlyAllowed = (host: string): boolean => {
    const rule = policy?.match(host);
    return rule !== undefined && rule !== '*' && rule.kind === 'exact' && rule.domain === host;
  };

  const lookup: net.LookupFunction = (hostname, options, callback) => {
    dnsLookup(hostname, options, (err, address, family) => {
      if (err) return (callback as (e: Error | null, a?: unknown, f?: number) => void)(err);
      const list: Array<{ address: string }> = Array.isArray(address) ? address : [{ address: address as unknown as string }];
      if (!exactlyAllowed(normalizeHost(hostname)) && list.some((a) => isLinkLocalAddress(a.address))) {
        return (callback as (e: Error | null) => void)(new BlockedError(`${hostname} resolves to a link-local address (cloud metadata service)`));
      }
      (callback as (e: Error | null, a: unknown, f?: number) => void)(null, address, family);
    });
  };

  const target = (host: string): { host: string; lookup?: net.LookupFunction } => {
    const mapped = opts.resolve?.(host);
    if (mapped) return { host: mapped };
    return net.isIP(host) ? { host } : { host, lookup };
  };

  const explain = (host: string, port: number, reason: string): string =>
    `kiro-action egress proxy: ${host}:${port} is blocked (${reason}).\n` +
    `This sandbox allows network access at level "${policy?.level ?? 'unknown'}". If the task needs this host, ` +
    `ask for it to be added to sandbox.allowedDomains in .kiro/settings.json (".${host}" allows its subdomains too).\n`;

  const denySocket = (socket: Duplex, status: number, text: string, body: string): void => {
    if (socket.destroyed) return;
    socket.end(
      `HTTP/1.1 ${status} ${text}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  };

  const agent = new http.Agent({ keepAlive: true, maxFreeSockets: 32 });

  const server = http.createServer(whenPolicy((req: http.IncomingMessage, res: http.ServerResponse) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '');
    } catch {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('kiro-action egress proxy: send absolute-form requests (set HTTP_PROXY).\n');
      return;
    }
    if (url.protocol !== 'http:') {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end(`kiro-action egress proxy: use CONNECT for ${url.protocol} URLs.\n`);
      return;
    }
    const host = normalizeHost(url.hostname);
    const port = url.port ? Number(url.port) : 80;
    const reason = check(host);
    if (reason) {
      record(host || url.hostname, port, req.method ?? 'GET', commandOf(req), reason);
      res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' }).end(explain(host || url.hostname, port, reason));
      return;
    }
    const headers: http.OutgoingHttpHeaders = {};
    for (const [k, v] of Object.entries(req.headers)) if (!HOP_BY_HOP.has(k) && v !== undefined) headers[k] = v;
    const t = target(host);
    const upstream = http.request({
      host: t.host,
      ...(t.lookup ? { lookup: t.lookup } : {}),
      port,
      method: req.method,
      path: `${url.pathname}${url.search}`,
      headers,
      agent,
      setHost: false,
    });
    upstream.on('socket', (s) => s.setNoDelay(true));
    upstream.on('response', (up) => {
      const out: http.OutgoingHttpHeaders = {};
      for (const [k, v] of Object.entries(up.headers)) if (!HOP_BY_HOP.has(k) && v !== undefined) out[k] = v;
      res.writeHead(up.statusCode ?? 502, up.statusMessage, out);
      up.pipe(res);
      up.on('error', () => res.destroy());
    });
    upstream.on('error', (err) => {
      if (err instanceof BlockedError) record(host, port, req.method ?? 'GET', commandOf(req), 'link-local address (cloud metadata service)');
      if (res.headersSent) res.destroy();
      else
        res
          .writeHead(err instanceof BlockedError ? 403 : 502, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' })
          .end(err instanceof BlockedError ? explain(host, port, err.message) : `kiro-action egress proxy: cannot reach ${host}:${port}: ${err.message}\n`);
    });
    req.on('error', () => upstream.destroy());
    req.pipe(upstream);
  }));

  const splice = (
    req: http.IncomingMessage,
    client: Duplex,
    head: Buffer,
    host: string,
    port: number,
    method: string,
    onConnected: (upstream: net.Socket) => void,
  ): void => {
    track(client);
    const t = target(host);
    const upstream = track(net.connect({ host: t.host, port, ...(t.lookup ? { lookup: t.lookup } : {}) }));
    upstream.setNoDelay(true);
    if (client instanceof net.Socket) client.setNoDelay(true);
    client.on('error', () => upstream.destroy());
    client.on('close', () => upstream.destroy());
    upstream.once('connect', () => {
      onConnected(upstream);
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', (err) => {
      if (upstream.connecting || !upstream.remoteAddress) {
        if (err instanceof BlockedError) {
          record(host, port, method, commandOf(req), 'link-local address (cloud metadata service)');
          denySocket(client, 403, 'Forbidden', explain(host, port, err.message));
        } else denySocket(client, 502, 'Bad Gateway', `kiro-action egress proxy: cannot reach ${host}:${port}: ${err.message}\n`);
      } else client.destroy();
    });
  };

  server.on('connect', whenPolicy((req: http.IncomingMessage, client: Duplex, head: Buffer) => {
    const auth = parseAuthority(req.url ?? '', 443);
    const host = auth ? normalizeHost(auth.host) : '';
    if (!auth || !host) {
      track(client);
      denySocket(client, 400, 'Bad Request', 'kiro-action egress proxy: CONNECT needs host:port\n');
      return;
    }
    const reason = check(host);
    if (reason) {
      track(client);
      record(host, auth.port, 'CONNECT', commandOf(req), reason);
      denySocket(client, 403, 'Forbidden', explain(host, auth.port, reason));
      return;
    }
    splice(req, client, head, host, auth.port, 'CONNECT', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    });
  }));

  server.on('upgrade', whenPolicy((req: http.IncomingMessage, client: Duplex, head: Buffer) => {
    let url: URL | undefined;
    try {
      url = new URL(req.url ?? '');
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'ws:')) {
      track(client);
      denySocket(client, 400, 'Bad Request', 'kiro-action egress proxy: send absolute-form requests\n');
      return;
    }
    const host = normalizeHost(url.hostname);
    const port = url.port ? Number(url.port) : 80;
    const reason = check(host);
    if (reason) {
      track(client);
      record(host || url.hostname, port, req.method ?? 'GET', commandOf(req), reason);
      denySocket(client, 403, 'Forbidden', explain(host || url.hostname, port, reason));
      return;
    }
    const lines = [`${req.method} ${url.pathname}${url.search} HTTP/1.1`];
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      const k = req.rawHeaders[i]!;
      if (/^proxy-/i.test(k)) continue;
      lines.push(`${k}: ${req.rawHeaders[i + 1]}`);
    }
    splice(req, client, head, host, port, req.method ?? 'GET', (upstream) => {
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
    });
  }));

  server.on('connection', (s: net.Socket) => {
    track(s);
    s.setNoDelay(true);
  });
  server.on('clientError', (_err, socket) => {
    denySocket(socket, 400, 'Bad Request', 'kiro-action egress proxy: malformed request\n');
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as net.AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    blocked,
    setCommand(command) {
      current = command;
      const token = randomBytes(9).toString('base64url');
      tokens.set(token, command);
      if (tokens.size > 2000) tokens.delete(tokens.keys().next().value!);
      return token;
    },
    async listenUnix(path) {
      const unix = net.createServer((s) => {
        server.emit('connection', s);
      });
      await new Promise<void>((resolve, reject) => {
        unix.once('error', reject);
        unix.listen(path, () => {
          unix.off('error', reject);
          resolve();
        });
      });
      extraServers.push(unix);
      await chmod(path, 0o666);
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const s of sockets) s.destroy();
      agent.destroy();
      await Promise.all(
        [server, ...extraServers].map(
          (s) =>
            new Promise<void>((resolve) => {
              s.close(() => resolve());
            }),
        ),
      );
    },
  };
}
