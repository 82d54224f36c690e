/** The egress proxy's fixed rules (src/policy/egress-proxy.ts): hop-by-hop headers, link-local addresses, CONNECT authorities. */
import * as net from 'node:net';

/** Hop-by-hop headers a proxy must not forward (RFC 9110 §7.6.1, plus the proxy's own). */
export const HOP_BY_HOP = new Set([
  'connection',
  'proxy-connection',
  'keep-alive',
  'proxy-authorization',
  'proxy-authenticate',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/** True for link-local addresses, where clouds serve instance metadata and credentials. */
export function isLinkLocalAddress(address: string): boolean {
  const a = address.toLowerCase();
  if (net.isIPv4(a)) return a.startsWith('169.254.');
  if (net.isIPv6(a)) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
    if (mapped) return mapped[1]!.startsWith('169.254.');
    return /^fe[89ab][0-9a-f]:/.test(a) || a === 'fd00:ec2::254';
  }
  return false;
}

/** A connection refused by the policy after DNS (a name that resolves to a link-local address). */
export class BlockedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BlockedError';
  }
}

/** Parses `host:port`, `[v6]:port` (CONNECT authority form). */
export function parseAuthority(authority: string, defaultPort: number): { host: string; port: number } | undefined {
  const m = /^\[([^\]]+)\](?::(\d+))?$/.exec(authority) ?? /^([^:]+)(?::(\d+))?$/.exec(authority);
  if (!m) return undefined;
  const port = m[2] ? Number(m[2]) : defaultPort;
  if (!Number.isInteger(port) || port < 1 || port > 65535) return undefined;
  return { host: m[1]!, port };
}
