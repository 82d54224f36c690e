/**
 * The egress proxy as commands and reports see it (src/policy/egress-proxy.ts): the proxy
 * variables every tool honours, and the blocked requests as the PR body lists them.
 */

/** One distinct blocked request (same host, port, method and command are counted together). */
export interface BlockedRequest {
  /** Host as the client asked for it (normalised: lower-case, no brackets). */
  host: string;
  port: number;
  /** `CONNECT` for tunnels (HTTPS), otherwise the HTTP method. */
  method: string;
  /** ISO 8601 time of the first occurrence. */
  at: string;
  /** How many times it was attempted. */
  count: number;
  /** The command line that made it, when known (see module doc). Not redacted here. */
  command?: string;
  /** Why it was blocked, e.g. `not in the allow-list of level "custom"`. */
  reason: string;
}

export interface ProxyEnvOptions {
  /** Attribution token from `EgressProxy.setCommand`; embedded as the proxy URL's credentials. */
  token?: string;
  /** The environment the command would otherwise get; `JAVA_TOOL_OPTIONS` is extended, not replaced. */
  base?: Readonly<Record<string, string | undefined>>;
}

/**
 * Proxy variables for the command environment, for the tools that honour each spelling:
 * `HTTP_PROXY`/`HTTPS_PROXY`/`ALL_PROXY` and lower-case twins (curl, git, pip, apt, Go, Python,
 * Ruby, cargo), `NO_PROXY`/`no_proxy` = loopback only (the sandbox's own servers stay direct),
 * `npm_config_proxy`/`npm_config_https_proxy`/`npm_config_noproxy` (npm, pnpm; override a
 * project `.npmrc` proxy), `YARN_HTTP_PROXY`/`YARN_HTTPS_PROXY` (yarn 2+), `PIP_PROXY`,
 * `CARGO_HTTP_PROXY`, `NODE_USE_ENV_PROXY=1` (Node ≥ 24 `fetch`/`http`) and the JVM's
 * `-Dhttp(s).proxyHost/Port` in `JAVA_TOOL_OPTIONS` (Maven, Gradle; JVM system properties cannot
 * carry the token, so JVM requests are attributed to the current command).
 * @param url `EgressProxy.url` or `Firewall.proxyUrl` (`http://HOST:PORT`).
 */
export function proxyEnv(url: string, opts: ProxyEnvOptions = {}): Record<string, string> {
  const u = new URL(url);
  const withAuth = new URL(url);
  if (opts.token) {
    withAuth.username = 'kiro';
    withAuth.password = opts.token;
  }
  const p = withAuth.toString().replace(/\/$/, '');
  const noProxy = 'localhost,127.0.0.1,::1';
  const port = u.port || '80';
  const javaProps = [
    `-Dhttp.proxyHost=${u.hostname}`,
    `-Dhttp.proxyPort=${port}`,
    `-Dhttps.proxyHost=${u.hostname}`,
    `-Dhttps.proxyPort=${port}`,
    '-Dhttp.nonProxyHosts=localhost|127.0.0.1|[::1]',
  ].join(' ');
  const baseJava = opts.base?.JAVA_TOOL_OPTIONS?.replace(/-Dhttps?\.(proxyHost|proxyPort|nonProxyHosts)=\S+/g, '').trim();
  return {
    HTTP_PROXY: p,
    HTTPS_PROXY: p,
    ALL_PROXY: p,
    http_proxy: p,
    https_proxy: p,
    all_proxy: p,
    NO_PROXY: noProxy,
    no_proxy: noProxy,
    npm_config_proxy: p,
    npm_config_https_proxy: p,
    npm_config_noproxy: noProxy,
    YARN_HTTP_PROXY: p,
    YARN_HTTPS_PROXY: p,
    PIP_PROXY: p,
    CARGO_HTTP_PROXY: p,
    NODE_USE_ENV_PROXY: '1',
    JAVA_TOOL_OPTIONS: baseJava ? `${baseJava} ${javaProps}` : javaProps,
  };
}

/** Variable names `proxyEnv` sets (to strip them, e.g. when testing a bypass). */
export const PROXY_ENV_NAMES: readonly string[] = Object.freeze(Object.keys(proxyEnv('http://127.0.0.1:1')));

/**
 * Markdown section listing blocked requests for the PR body: host, port, method, count and the
 * command (code span, truncated to 120 characters; pass commands through the secret redactor
 * first if they may hold secrets). Empty string when nothing was blocked.
 */
export function formatBlockedRequests(blocked: readonly BlockedRequest[], level: string, max = 50): string {
  if (blocked.length === 0) return '';
  const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  const code = (s: string): string => {
    const t = s.length > 120 ? `${s.slice(0, 117)}...` : s;
    const ticks = '`'.repeat((t.match(/`+/g) ?? []).reduce((m, x) => Math.max(m, x.length), 0) + 1);
    return `${ticks} ${cell(t)} ${ticks}`;
  };
  const rows = blocked
    .slice(0, max)
    .map((b) => `| \`${cell(b.host)}:${b.port}\` | ${b.method} | ${b.count} | ${b.command ? code(b.command) : '—'} | ${cell(b.reason)} |`);
  const more = blocked.length > max ? `\n\n…and ${blocked.length - max} more.` : '';
  return [
    '### Blocked network requests',
    '',
    `The sandbox (network access level \`${level}\`) blocked these requests. To allow a host, add it to \`sandbox.allowedDomains\` in \`.kiro/settings.json\`.`,
    '',
    '| Host | Method | Times | Command | Reason |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n') + more;
}
