export const id = 677;
export const ids = [677];
export const modules = {

/***/ 30677:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  earlySandbox: () => (/* binding */ earlySandbox),
  openSandbox: () => (/* binding */ openSandbox),
  sandboxNotes: () => (/* binding */ sandboxNotes)
});

// EXTERNAL MODULE: ./src/policy/sanitize.ts
var sanitize = __webpack_require__(31039);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(33838);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(73136);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 4 modules
var schemas = __webpack_require__(41514);
// EXTERNAL MODULE: ./src/constants.ts
var constants = __webpack_require__(27242);
;// CONCATENATED MODULE: ./src/mcp/config.ts
/**
 * `.kiro/settings/mcp.json` (SPEC.md §2; the Kiro autonomous agent's "MCP" page in the seeds):
 *
 *   { "mcpServers": {
 *       "<name>": { "command": "uvx", "args": ["…"], "env": { "KEY": "${NAME}" }, "disabled": false },
 *       "<name>": { "url": "https://mcp.example.com/mcp", "headers": { "Authorization": "Bearer ${TOKEN}" } } } }
 *
 * Local servers (`command`) are started over stdio inside the command sandbox; remote servers
 * (`url`, MCP's Streamable HTTP transport) are reached through the egress proxy. `${NAME}` in
 * `args`, `env`, `url` and `headers` is resolved from the job's environment (where a workflow puts
 * its secrets); every resolved value is registered as a secret, so it is redacted from everything
 * the action writes and never reaches the model.
 */




const NameSchema = schemas/* string */.YjP().regex(/^[A-Za-z0-9_.-]{1,40}$/, 'server names are 1–40 letters, digits, `_`, `.` or `-`');
const LocalServer = schemas/* strictObject */.rej({
    command: schemas/* string */.YjP().min(1, 'is empty'),
    args: schemas/* array */.YOg(schemas/* string */.YjP()).default([]),
    env: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* string */.YjP()).default({}),
    disabled: schemas/* boolean */.zMY().default(false),
    /** Per-call limit, ms (default: the command timeout). */
    timeout: schemas/* number */.aig().int().positive().optional(),
});
const RemoteServer = schemas/* strictObject */.rej({
    url: schemas/* string */.YjP().regex(/^https?:\/\//, 'must be an http(s) URL'),
    headers: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* string */.YjP()).default({}),
    disabled: schemas/* boolean */.zMY().default(false),
    timeout: schemas/* number */.aig().int().positive().optional(),
});
const McpFileSchema = schemas/* strictObject */.rej({
    mcpServers: schemas/* record */.g1P(NameSchema, schemas/* union */.KCZ([LocalServer, RemoteServer])).default({}),
});
const EMPTY = Object.freeze({ servers: [], problems: [], secrets: [] });
/**
 * Parses the text of `.kiro/settings/mcp.json`. A file that is not valid JSON or breaks the schema
 * yields one problem naming the field (server `(file)`) and no servers: the task goes on without
 * MCP. Pure.
 * @param env the job's environment, for `${NAME}` references
 */
function parseMcpConfig(text, env) {
    let raw;
    try {
        raw = JSON.parse(text);
    }
    catch (e) {
        return { servers: [], problems: [{ server: '(file)', reason: `${constants/* RepoFiles */.op.McpConfig} is not valid JSON: ${e.message}` }], secrets: [] };
    }
    const parsed = McpFileSchema.safeParse(raw);
    if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const field = issue.path.join('.') || '(root)';
        const why = issue.code === 'invalid_union'
            ? 'needs either `command` (a local server) or `url` (a remote server), with only their known keys'
            : issue.code === 'invalid_key'
                ? `is not a valid server name: ${issue.issues[0]?.message ?? issue.message}`
                : issue.message;
        return { servers: [], problems: [{ server: '(file)', reason: `${constants/* RepoFiles */.op.McpConfig}: \`${field}\` ${why}` }], secrets: [] };
    }
    const out = { servers: [], problems: [], secrets: [] };
    for (const [name, cfg] of Object.entries(parsed.data.mcpServers)) {
        if (cfg.disabled)
            continue;
        const missing = new Set();
        const sub = (s) => s.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_m, key) => {
            const v = env[key];
            if (v === undefined || v === '') {
                missing.add(key);
                return '';
            }
            if (!out.secrets.includes(v))
                out.secrets.push(v);
            return v;
        });
        const subAll = (r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, sub(v)]));
        const server = 'command' in cfg
            ? { name, kind: 'stdio', command: sub(cfg.command), args: cfg.args.map(sub), env: subAll(cfg.env), ...(cfg.timeout ? { timeoutMs: cfg.timeout } : {}) }
            : { name, kind: 'http', url: sub(cfg.url), headers: subAll(cfg.headers), ...(cfg.timeout ? { timeoutMs: cfg.timeout } : {}) };
        if (missing.size) {
            out.problems.push({ server: name, reason: `${[...missing].map((k) => `\${${k}}`).join(', ')} ${missing.size > 1 ? 'are' : 'is'} not set in the job's environment (pass it with the step's \`env:\`)` });
            continue;
        }
        out.servers.push(server);
    }
    return out;
}
/** Reads `.kiro/settings/mcp.json` from a work tree; absent → no servers. */
function readMcpConfig(workspace, env) {
    let text;
    try {
        text = (0,external_node_fs_.readFileSync)(external_node_path_default().join(workspace, constants/* RepoFiles */.op.McpConfig), 'utf8');
    }
    catch {
        return EMPTY;
    }
    return parseMcpConfig(text, env);
}
/**
 * Leaves out every server whose resolved configuration (command, args, env, url, headers) holds one
 * of `forbidden` — the action's own credentials (its GitHub token, its API key, in every registered
 * form): those never enter the sandbox or leave for a remote server, whatever the file says. Pure.
 */
function withoutCredentials(config, forbidden) {
    const needles = forbidden.filter((f) => f.length >= 8);
    const leaks = (c) => {
        const values = c.kind === 'stdio' ? [c.command, ...c.args, ...Object.values(c.env)] : [c.url, ...Object.values(c.headers)];
        return values.some((v) => needles.some((n) => v.includes(n)));
    };
    const refused = config.servers.filter(leaks);
    if (!refused.length)
        return config;
    return {
        ...config,
        servers: config.servers.filter((c) => !leaks(c)),
        problems: [...config.problems, ...refused.map((c) => ({ server: c.name, reason: "its configuration passes the action's own GitHub token or API key, which never reach MCP servers; give the server a credential of its own" }))],
    };
}

// EXTERNAL MODULE: ./src/git/auth.ts
var auth = __webpack_require__(5768);
// EXTERNAL MODULE: ./src/git/repo.ts
var repo = __webpack_require__(14134);
// EXTERNAL MODULE: ./src/policy/env.ts
var policy_env = __webpack_require__(99713);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:dns"
var external_node_dns_ = __webpack_require__(40610);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(37067);
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(77030);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
;// CONCATENATED MODULE: ./src/policy/common-dependencies.json
const common_dependencies_namespaceObject = /*#__PURE__*/JSON.parse('{"C5":["alpinelinux.org","amazonaws.com","anaconda.com","apache.org","apt.llvm.org","archlinux.org","aws.amazon.com","azure.com","bitbucket.org","bower.io","centos.org","cocoapods.org","continuum.io","cpan.org","crates.io","docker.com","docker.io","dot.net","dotnet.microsoft.com","eclipse.org","fedoraproject.org","gcr.io","ghcr.io","github.com","githubusercontent.com","gitlab.com","golang.org","google.com","goproxy.io","gradle.org","hashicorp.com","haskell.org","hex.pm","java.com","java.net","jcenter.bintray.com","json-schema.org","json.schemastore.org","k8s.io","launchpad.net","maven.org","mcr.microsoft.com","metacpan.org","microsoft.com","nodejs.org","nuget.org","oracle.com","packagecloud.io","packages.microsoft.com","packagist.org","pkg.go.dev","ppa.launchpad.net","pub.dev","pypa.io","pypi.org","pypi.python.org","pythonhosted.org","quay.io","ruby-lang.org","rubyforge.org","rubygems.org","rubyonrails.org","rustup.rs","rvm.io","sourceforge.net","spring.io","swift.org","ubuntu.com","visualstudio.com","yarnpkg.com"]}');
;// CONCATENATED MODULE: ./src/policy/network.ts
/**
 * Network access levels for the commands the model runs (SPEC.md §4, seeds/003 "Internet Access").
 *
 * Levels:
 * - `integration-only` — only the hosts the action itself talks to: the git server
 *   (`GITHUB_SERVER_URL`), the API (`GITHUB_API_URL`) and the model API's base URL. Nothing is
 *   hard-coded beyond the defaults the runner contract implies when those variables are unset.
 * - `common-dependencies` — integration hosts, the seeds' public list (`common-dependencies.json`)
 *   and the registry hosts the runner's package managers are configured to use
 *   (`discoverRegistryHosts`, read at run time).
 * - `open-internet` — everything.
 * - `custom` — integration hosts plus `allowedDomains` only.
 *
 * `allowedDomains` extends every level (a user who lists a domain wants it reachable); at
 * `custom` it is the only addition to the integration hosts.
 *
 * Matching (host names are compared lower-case, IDNs as punycode, without a trailing dot; the
 * port is never part of a rule):
 * - `api.example.com` in `allowedDomains` matches exactly that host (seeds: "Allow only this
 *   specific domain").
 * - `.example.com` (or `*.example.com`, the common allow-list spelling of the same idea) matches
 *   `example.com` and every subdomain (seeds: "Allow example.com and all subdomains").
 * - Entries of the seeds' public list match the domain and all its subdomains: several entries
 *   are only ever used through subdomains (`amazonaws.com`, `githubusercontent.com`,
 *   `pythonhosted.org`, `docker.io`), so the list is a list of domain suffixes, as in other agent
 *   firewalls' recommended allow-lists.
 * - Integration hosts and discovered registry hosts match exactly (they are concrete hosts read
 *   from URLs, e.g. `registry.npmjs.org`).
 * - IP literals only ever match an exact rule with the same address.
 */




/** The seeds' public list, as data (`common-dependencies.json`). */
const commonDependencyDomains = Object.freeze([...common_dependencies_namespaceObject.C5]);
/**
 * Normalises a host for comparison: lower-case, punycode, no trailing dot, IPv6 without
 * brackets. Returns '' for something that is not a host name or IP literal.
 */
function normalizeHost(host) {
    let h = host.trim();
    if (h.startsWith('[') && h.endsWith(']'))
        h = h.slice(1, -1);
    if ((0,external_node_net_.isIP)(h))
        return h.toLowerCase();
    if (h.endsWith('.'))
        h = h.slice(0, -1);
    if (!h || h.length > 253 || /[\s/:@?#[\]\\]/.test(h))
        return '';
    const ascii = (0,external_node_url_.domainToASCII)(h.toLowerCase());
    if (!ascii)
        return '';
    const labels = ascii.split('.');
    if (labels.some((l) => !/^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/.test(l)))
        return '';
    return ascii;
}
/**
 * Parses one allow-list entry: `host`, `.domain`, `*.domain`, or a URL (its host, exact).
 * @throws Error naming the entry when it is not a domain, an IP literal or such a pattern.
 */
function parseDomainEntry(entry, source = 'allowedDomains') {
    const raw = entry.trim();
    let kind = 'exact';
    let body = raw;
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) {
        try {
            body = new URL(raw).hostname;
        }
        catch {
            throw new Error(`"${entry}" is not a valid URL or domain`);
        }
    }
    else if (body.startsWith('*.')) {
        kind = 'subdomains';
        body = body.slice(2);
    }
    else if (body.startsWith('.')) {
        kind = 'subdomains';
        body = body.slice(1);
    }
    const domain = normalizeHost(body);
    if (!domain || (kind === 'subdomains' && (0,external_node_net_.isIP)(domain))) {
        throw new Error(`"${entry}" is not a domain name like api.example.com or .example.com`);
    }
    return { kind, domain, source };
}
function ruleMatches(rule, host) {
    if (rule.kind === 'exact')
        return host === rule.domain;
    if ((0,external_node_net_.isIP)(host))
        return false;
    return host === rule.domain || host.endsWith(`.${rule.domain}`);
}
/**
 * Hosts every level allows, read from the runner contract: the host of `GITHUB_SERVER_URL`
 * (default `https://github.com`), of `GITHUB_API_URL` (default `https://api.github.com`) and of
 * the model API base URL (`modelBaseUrl`, else `ANTHROPIC_BASE_URL`, else the SDK default
 * `https://api.anthropic.com`). Unparseable URLs are skipped. GitHub Enterprise Server and
 * loopback test servers work unchanged (`http://127.0.0.1:PORT` yields `127.0.0.1`).
 */
function integrationHosts(env, modelBaseUrl) {
    const urls = [
        env.GITHUB_SERVER_URL || 'https://github.com',
        env.GITHUB_API_URL || 'https://api.github.com',
        modelBaseUrl || env.ANTHROPIC_BASE_URL || 'https://api.anthropic.com',
    ];
    const hosts = [];
    for (const u of urls) {
        try {
            const h = normalizeHost(new URL(u).hostname);
            if (h && !hosts.includes(h))
                hosts.push(h);
        }
        catch {
            /* not a URL: nothing to allow */
        }
    }
    return hosts;
}
/**
 * Builds the policy for one task run. Rule order (first match is reported): integration hosts,
 * then `allowedDomains`, then the seeds' list and discovered registry hosts.
 * @throws Error for an invalid `allowedDomains` entry (message names it) or unknown level.
 */
function resolveNetworkPolicy(input) {
    const { level } = input;
    if (!constants/* NetworkLevels */.Gf.includes(level)) {
        throw new Error(`unknown network access level "${String(level)}"`);
    }
    const rules = [];
    const add = (r) => {
        if (!rules.some((x) => x.kind === r.kind && x.domain === r.domain))
            rules.push(r);
    };
    for (const h of input.integrationHosts) {
        const d = normalizeHost(h);
        if (d)
            add({ kind: 'exact', domain: d, source: 'integration' });
    }
    for (const e of input.allowedDomains ?? []) {
        if (e.trim())
            add(parseDomainEntry(e));
    }
    if (level === 'common-dependencies') {
        for (const d of commonDependencyDomains)
            add({ kind: 'subdomains', domain: d, source: 'common-dependencies' });
        for (const { host, source } of input.discovered ?? []) {
            const d = normalizeHost(host);
            if (d)
                add({ kind: 'exact', domain: d, source });
        }
    }
    if (level === 'open-internet') {
        return {
            level,
            allows: () => true,
            match: () => '*',
            rules: ['*'],
            ruleDetails: [],
        };
    }
    const match = (host) => {
        const h = normalizeHost(host);
        if (!h)
            return undefined;
        return rules.find((r) => ruleMatches(r, h));
    };
    return {
        level,
        allows: (host) => match(host) !== undefined,
        match,
        rules: rules.map((r) => (r.kind === 'exact' ? r.domain : `.${r.domain}`)),
        ruleDetails: Object.freeze(rules.slice()),
    };
}

;// CONCATENATED MODULE: ./src/policy/egress-rules.ts
/** The egress proxy's fixed rules (src/policy/egress-proxy.ts): hop-by-hop headers, link-local addresses, CONNECT authorities. */

/** Hop-by-hop headers a proxy must not forward (RFC 9110 §7.6.1, plus the proxy's own). */
const HOP_BY_HOP = new Set([
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
function isLinkLocalAddress(address) {
    const a = address.toLowerCase();
    if (external_node_net_.isIPv4(a))
        return a.startsWith('169.254.');
    if (external_node_net_.isIPv6(a)) {
        const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
        if (mapped)
            return mapped[1].startsWith('169.254.');
        return /^fe[89ab][0-9a-f]:/.test(a) || a === 'fd00:ec2::254';
    }
    return false;
}
/** A connection refused by the policy after DNS (a name that resolves to a link-local address). */
class BlockedError extends Error {
    constructor(message) {
        super(message);
        this.name = 'BlockedError';
    }
}
/** Parses `host:port`, `[v6]:port` (CONNECT authority form). */
function parseAuthority(authority, defaultPort) {
    const m = /^\[([^\]]+)\](?::(\d+))?$/.exec(authority) ?? /^([^:]+)(?::(\d+))?$/.exec(authority);
    if (!m)
        return undefined;
    const port = m[2] ? Number(m[2]) : defaultPort;
    if (!Number.isInteger(port) || port < 1 || port > 65535)
        return undefined;
    return { host: m[1], port };
}

;// CONCATENATED MODULE: ./src/policy/proxy-env.ts
/**
 * The egress proxy as commands and reports see it (src/policy/egress-proxy.ts): the proxy
 * variables every tool honours, and the blocked requests as the PR body lists them.
 */
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
function proxyEnv(url, opts = {}) {
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
const PROXY_ENV_NAMES = Object.freeze(Object.keys(proxyEnv('http://127.0.0.1:1')));
/**
 * Markdown section listing blocked requests for the PR body: host, port, method, count and the
 * command (code span, truncated to 120 characters; pass commands through the secret redactor
 * first if they may hold secrets). Empty string when nothing was blocked.
 */
function formatBlockedRequests(blocked, level, max = 50) {
    if (blocked.length === 0)
        return '';
    const cell = (s) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
    const code = (s) => {
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

;// CONCATENATED MODULE: ./src/policy/egress-proxy.ts
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










/**
 * Starts the proxy on 127.0.0.1 (an ephemeral port). Overhead per request is one loopback hop
 * and a policy lookup; sockets use TCP_NODELAY.
 * @param policyOrPending the policy, or a promise of it: the proxy listens at once and holds each
 *   request until the policy is known (registry discovery runs while the sandbox opens, off the
 *   acknowledgement's critical path — issue #12); a policy that fails to resolve blocks everything
 */
async function startEgressProxy(policyOrPending, opts = {}) {
    let policy = 'match' in policyOrPending ? policyOrPending : undefined;
    const settled = Promise.resolve(policyOrPending).then((p) => {
        policy = p;
    }, (e) => core/* warning */.$e(`Kiro sandbox: the network policy could not be resolved, every request is blocked: ${e.message}`));
    /**
     * Runs a handler now, or once the policy is known (the socket or request waits, paused; a proxy
     * closed meanwhile has destroyed it and handles nothing).
     */
    const whenPolicy = (handle) => (...args) => {
        if (policy)
            handle(...args);
        else
            void settled.then(() => {
                if (!closed)
                    handle(...args);
            });
    };
    const blocked = [];
    const maxEntries = opts.maxBlockedEntries ?? 500;
    const tokens = new Map();
    const warnedHosts = new Set();
    const sockets = new Set();
    const extraServers = [];
    let current;
    let closed = false;
    const track = (s) => {
        if (sockets.has(s))
            return s;
        // Peers reset connections (a client giving up on a 403); errors end the socket, never the process.
        s.on('error', () => s.destroy());
        sockets.add(s);
        s.once('close', () => sockets.delete(s));
        return s;
    };
    const commandOf = (req) => {
        const auth = req.headers['proxy-authorization'];
        const m = typeof auth === 'string' ? /^Basic\s+(\S+)/i.exec(auth) : null;
        if (m) {
            const decoded = Buffer.from(m[1], 'base64').toString('utf8');
            const token = decoded.slice(decoded.indexOf(':') + 1);
            if (tokens.has(token))
                return tokens.get(token);
        }
        return current;
    };
    const record = (host, port, method, command, reason) => {
        let entry = blocked.find((b) => b.host === host && b.port === port && b.method === method && b.command === command);
        if (entry) {
            entry.count++;
            core/* debug */.Yz(`Egress blocked again (${entry.count}×): ${method} ${host}:${port}`);
            return entry;
        }
        entry = { host, port, method, at: new Date().toISOString(), count: 1, reason, ...(command !== undefined ? { command } : {}) };
        if (blocked.length < maxEntries)
            blocked.push(entry);
        if (opts.onBlocked)
            opts.onBlocked(entry);
        else {
            const line = `Egress blocked: ${method} ${host}:${port} (${reason})${command ? ` — command: ${command.slice(0, 200)}` : ''}`;
            if (!warnedHosts.has(host)) {
                warnedHosts.add(host);
                core/* warning */.$e(line);
            }
            else
                core/* info */.pq(line);
        }
        return entry;
    };
    /** Returns undefined when allowed, else the reason. */
    const check = (host) => {
        if (!host)
            return 'not a valid host name';
        if (!policy)
            return 'the network policy could not be resolved';
        const rule = policy.match(host);
        if (!rule)
            return `not in the allow-list of network access level "${policy.level}"`;
        if (isLinkLocalAddress(host) && (rule === '*' || rule.kind !== 'exact')) {
            return 'link-local address (cloud metadata service)';
        }
        return undefined;
    };
    /** Whether `host` is named exactly by the policy (then link-local results are allowed). */
    const exactlyAllowed = (host) => {
        const rule = policy?.match(host);
        return rule !== undefined && rule !== '*' && rule.kind === 'exact' && rule.domain === host;
    };
    const lookup = (hostname, options, callback) => {
        (0,external_node_dns_.lookup)(hostname, options, (err, address, family) => {
            if (err)
                return callback(err);
            const list = Array.isArray(address) ? address : [{ address: address }];
            if (!exactlyAllowed(normalizeHost(hostname)) && list.some((a) => isLinkLocalAddress(a.address))) {
                return callback(new BlockedError(`${hostname} resolves to a link-local address (cloud metadata service)`));
            }
            callback(null, address, family);
        });
    };
    const target = (host) => {
        const mapped = opts.resolve?.(host);
        if (mapped)
            return { host: mapped };
        return external_node_net_.isIP(host) ? { host } : { host, lookup };
    };
    const explain = (host, port, reason) => `kiro-action egress proxy: ${host}:${port} is blocked (${reason}).\n` +
        `This sandbox allows network access at level "${policy?.level ?? 'unknown'}". If the task needs this host, ` +
        `ask for it to be added to sandbox.allowedDomains in .kiro/settings.json (".${host}" allows its subdomains too).\n`;
    const denySocket = (socket, status, text, body) => {
        if (socket.destroyed)
            return;
        socket.end(`HTTP/1.1 ${status} ${text}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
    };
    const agent = new external_node_http_.Agent({ keepAlive: true, maxFreeSockets: 32 });
    const server = external_node_http_.createServer(whenPolicy((req, res) => {
        let url;
        try {
            url = new URL(req.url ?? '');
        }
        catch {
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
        const headers = {};
        for (const [k, v] of Object.entries(req.headers))
            if (!HOP_BY_HOP.has(k) && v !== undefined)
                headers[k] = v;
        const t = target(host);
        const upstream = external_node_http_.request({
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
            const out = {};
            for (const [k, v] of Object.entries(up.headers))
                if (!HOP_BY_HOP.has(k) && v !== undefined)
                    out[k] = v;
            res.writeHead(up.statusCode ?? 502, up.statusMessage, out);
            up.pipe(res);
            up.on('error', () => res.destroy());
        });
        upstream.on('error', (err) => {
            if (err instanceof BlockedError)
                record(host, port, req.method ?? 'GET', commandOf(req), 'link-local address (cloud metadata service)');
            if (res.headersSent)
                res.destroy();
            else
                res
                    .writeHead(err instanceof BlockedError ? 403 : 502, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' })
                    .end(err instanceof BlockedError ? explain(host, port, err.message) : `kiro-action egress proxy: cannot reach ${host}:${port}: ${err.message}\n`);
        });
        req.on('error', () => upstream.destroy());
        req.pipe(upstream);
    }));
    const splice = (req, client, head, host, port, method, onConnected) => {
        track(client);
        const t = target(host);
        const upstream = track(external_node_net_.connect({ host: t.host, port, ...(t.lookup ? { lookup: t.lookup } : {}) }));
        upstream.setNoDelay(true);
        if (client instanceof external_node_net_.Socket)
            client.setNoDelay(true);
        client.on('error', () => upstream.destroy());
        client.on('close', () => upstream.destroy());
        upstream.once('connect', () => {
            onConnected(upstream);
            if (head.length)
                upstream.write(head);
            upstream.pipe(client);
            client.pipe(upstream);
        });
        upstream.on('error', (err) => {
            if (upstream.connecting || !upstream.remoteAddress) {
                if (err instanceof BlockedError) {
                    record(host, port, method, commandOf(req), 'link-local address (cloud metadata service)');
                    denySocket(client, 403, 'Forbidden', explain(host, port, err.message));
                }
                else
                    denySocket(client, 502, 'Bad Gateway', `kiro-action egress proxy: cannot reach ${host}:${port}: ${err.message}\n`);
            }
            else
                client.destroy();
        });
    };
    server.on('connect', whenPolicy((req, client, head) => {
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
    server.on('upgrade', whenPolicy((req, client, head) => {
        let url;
        try {
            url = new URL(req.url ?? '');
        }
        catch {
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
            const k = req.rawHeaders[i];
            if (/^proxy-/i.test(k))
                continue;
            lines.push(`${k}: ${req.rawHeaders[i + 1]}`);
        }
        splice(req, client, head, host, port, req.method ?? 'GET', (upstream) => {
            upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
        });
    }));
    server.on('connection', (s) => {
        track(s);
        s.setNoDelay(true);
    });
    server.on('clientError', (_err, socket) => {
        denySocket(socket, 400, 'Bad Request', 'kiro-action egress proxy: malformed request\n');
    });
    await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
            server.off('error', reject);
            resolve();
        });
    });
    const port = server.address().port;
    return {
        url: `http://127.0.0.1:${port}`,
        port,
        blocked,
        setCommand(command) {
            current = command;
            const token = (0,external_node_crypto_.randomBytes)(9).toString('base64url');
            tokens.set(token, command);
            if (tokens.size > 2000)
                tokens.delete(tokens.keys().next().value);
            return token;
        },
        async listenUnix(path) {
            const unix = external_node_net_.createServer((s) => {
                server.emit('connection', s);
            });
            await new Promise((resolve, reject) => {
                unix.once('error', reject);
                unix.listen(path, () => {
                    unix.off('error', reject);
                    resolve();
                });
            });
            extraServers.push(unix);
            await (0,promises_.chmod)(path, 0o666);
        },
        async close() {
            if (closed)
                return;
            closed = true;
            for (const s of sockets)
                s.destroy();
            agent.destroy();
            await Promise.all([server, ...extraServers].map((s) => new Promise((resolve) => {
                s.close(() => resolve());
            })));
        },
    };
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(31421);
// EXTERNAL MODULE: ./src/sandbox/isolation.ts
var isolation = __webpack_require__(21963);
;// CONCATENATED MODULE: ./src/policy/firewall.ts
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
function run(argv, timeoutMs = 10_000) {
    return new Promise((resolve) => {
        (0,external_node_child_process_.execFile)(argv[0], argv.slice(1), { timeout: timeoutMs, maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
            const c = err?.code;
            const code = !err ? 0 : typeof c === 'number' ? c : -1;
            resolve({ code, stdout: String(stdout), stderr: String(stderr) || (err && !stderr ? err.message : '') });
        });
    });
}
/** System programs by absolute path, never from the job's `PATH`. */
const findTool = (name) => (0,isolation/* systemTool */._f)(name);
function none(proxyUrl, reason) {
    return {
        mode: 'none',
        proxyUrl,
        enter: [],
        teardown: async () => { },
        limitation: `Network access is enforced by the egress proxy only (HTTP_PROXY and related variables): ` +
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
async function prepareFirewall(policy, proxy, opts = {}) {
    const log = opts.log ?? ((m) => core/* info */.pq(m));
    if (policy.level === 'open-internet') {
        return { ...none(proxy.url, 'the level is open-internet'), limitation: undefined };
    }
    if (opts.disable)
        return none(proxy.url, opts.disable.reason);
    if (process.platform !== 'linux')
        return none(proxy.url, `the runner is ${process.platform}, not Linux`);
    const isRoot = process.getuid?.() === 0;
    let privilege = [];
    if (!isRoot) {
        const sudo = await findTool('sudo');
        if (!sudo)
            return none(proxy.url, 'the action runs without root and sudo is not installed');
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
    if (missing.length)
        return none(proxy.url, `${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not installed`);
    const name = opts.name ?? `kiro-sbx-${process.pid}-${(0,external_node_crypto_.randomBytes)(3).toString('hex')}`;
    const add = await run([...privilege, ip, 'netns', 'add', name]);
    if (add.code !== 0)
        return none(proxy.url, `a network namespace cannot be created here (${add.stderr.trim().split('\n')[0]})`);
    let forwarder;
    let sockDir;
    let torn = false;
    const teardown = async () => {
        if (torn)
            return;
        torn = true;
        const pids = await run([...privilege, ip, 'netns', 'pids', name]);
        const list = pids.stdout.split(/\s+/).filter((p) => /^\d+$/.test(p));
        if (list.length)
            await run([...privilege, 'kill', '-KILL', ...list]);
        forwarder?.stdin?.end();
        forwarder?.kill('SIGKILL');
        await run([...privilege, ip, 'netns', 'delete', name]);
        if (sockDir)
            await (0,promises_.rm)(sockDir, { recursive: true, force: true });
    };
    const fail = async (reason) => {
        await teardown();
        return none(proxy.url, reason);
    };
    const lo = await run([...privilege, ip, '-n', name, 'link', 'set', 'lo', 'up']);
    if (lo.code !== 0)
        return fail(`the namespace's loopback cannot be brought up (${lo.stderr.trim()})`);
    sockDir = await (0,promises_.mkdtemp)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'kiro-egress-'));
    await (0,promises_.chmod)(sockDir, 0o755);
    const sockPath = (0,external_node_path_.join)(sockDir, 'proxy.sock');
    try {
        await proxy.listenUnix(sockPath);
    }
    catch (e) {
        return fail(`the proxy cannot listen on ${sockPath} (${e.message})`);
    }
    const nodePath = opts.nodePath ?? process.execPath;
    const fwdArgv = [
        ...privilege,
        ip,
        'netns',
        'exec',
        name,
        setpriv,
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
    const fwd = (0,external_node_child_process_.spawn)(fwdArgv[0], fwdArgv.slice(1), { stdio: ['pipe', 'pipe', 'pipe'], env: { PATH: '/usr/bin:/bin:/usr/sbin:/sbin' } });
    forwarder = fwd;
    const port = await new Promise((resolve) => {
        let out = '';
        let errText = '';
        const timer = setTimeout(() => resolve(`the forwarder did not start within 10 s ${errText.trim()}`), 10_000);
        fwd.stdout?.on('data', (b) => {
            out += b.toString();
            const m = /^(\d+)\n/.exec(out);
            if (m) {
                clearTimeout(timer);
                resolve(Number(m[1]));
            }
        });
        fwd.stderr?.on('data', (b) => (errText += b.toString()));
        fwd.once('error', (e) => {
            clearTimeout(timer);
            resolve(`the forwarder cannot start (${e.message})`);
        });
        fwd.once('exit', (code) => {
            clearTimeout(timer);
            resolve(`the forwarder exited with ${code} (${errText.trim().split('\n')[0]})`);
        });
    });
    if (typeof port === 'string')
        return fail(port);
    fwd.stdout?.resume();
    fwd.stderr?.resume();
    fwd.unref();
    fwd.stdin?.unref?.();
    fwd.stdout?.unref?.();
    fwd.stderr?.unref?.();
    const notes = [
        'Commands run in a network namespace whose only way out is the egress proxy; direct connections fail and are not listed as blocked requests.',
        'There is no DNS inside the sandbox: clients must let the proxy resolve names (they do when HTTP_PROXY/HTTPS_PROXY are set).',
    ];
    log(`Egress firewall: network namespace ${name}, proxy ${`http://127.0.0.1:${port}`} inside it.`);
    return {
        mode: 'netns',
        proxyUrl: `http://127.0.0.1:${port}`,
        enter: [ip, 'netns', 'exec', name],
        teardown,
        notes,
        namespace: name,
    };
}

// EXTERNAL MODULE: ./src/policy/paths.ts
var paths = __webpack_require__(40786);
// EXTERNAL MODULE: ./src/policy/redact.ts
var redact = __webpack_require__(66509);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(38815);
;// CONCATENATED MODULE: ./src/policy/registry-sources.ts
/**
 * Where each package manager keeps its registry configuration (see src/policy/registries.ts for
 * the list): one reader per package manager, each adding the URLs it finds through `Ctx.add`.
 * Files are parsed with real parsers where the format has one (YAML with `yaml`); the ini-style
 * files (npmrc, pip.conf, .yarnrc) and the URL scans are line rules the tools themselves apply.
 */


const URL_RE = /\b(?:https?):\/\/[^\s"'<>`)\]},;\\]+/gi;
function urlsIn(text) {
    return text.match(URL_RE) ?? [];
}
/** `${VAR}` / `${VAR:-default}` expansion as npm and yarn do in their rc files. */
function expand(value, env) {
    return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}/g, (_, n, d) => env[n] ?? d ?? '');
}
/** `key = value` lines of an ini file (npmrc, pip.conf), continuation lines joined. */
function iniEntries(text) {
    const out = [];
    for (const line of text.split(/\r?\n/)) {
        if (/^\s*[#;]/.test(line) || /^\s*\[/.test(line) || !line.trim())
            continue;
        const last = out[out.length - 1];
        if (/^\s/.test(line) && last && !line.includes('=')) {
            last[1] += ` ${line.trim()}`;
            continue;
        }
        const m = /^\s*([^=]+?)\s*=\s*(.*?)\s*$/.exec(line);
        if (m)
            out.push([m[1], m[2].replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1')]);
    }
    return out;
}
async function npmSources(c) {
    const fromEnv = Object.entries(c.env).filter(([k]) => /^npm_config_(?:@[^:]+:)?registry$/i.test(k));
    for (const [k, v] of fromEnv)
        c.add(v, `env ${k}`);
    const files = [
        (0,external_node_path_.join)(c.cwd, '.npmrc'),
        c.env.NPM_CONFIG_USERCONFIG || c.env.npm_config_userconfig || (0,external_node_path_.join)(c.home, '.npmrc'),
        c.env.NPM_CONFIG_GLOBALCONFIG || c.env.npm_config_globalconfig || '',
        (c.env.NPM_CONFIG_PREFIX || c.env.npm_config_prefix || c.env.PREFIX) ? (0,external_node_path_.join)((c.env.NPM_CONFIG_PREFIX || c.env.npm_config_prefix || c.env.PREFIX), 'etc', 'npmrc') : '',
        c.sys('/etc/npmrc'),
        c.sys('/usr/local/etc/npmrc'),
    ].filter(Boolean);
    await Promise.all([...new Set(files)].map(async (f) => {
        const text = await c.read(f);
        if (text === undefined)
            return;
        for (const [k, v] of iniEntries(text)) {
            if (/^(?:@[^:]+:)?registry$/i.test(k))
                c.add(expand(v, c.env), `npm: ${f}`);
        }
    }));
    const out = await c.exec('npm', ['config', 'get', 'registry'], c.cwd);
    if (out)
        c.add(out.trim(), 'npm config get registry');
}
/** A YAML file's top-level mapping; undefined when absent, unparseable (logged) or not a mapping. */
async function readYamlObject(c, f) {
    const text = await c.read(f);
    if (text === undefined)
        return undefined;
    let doc;
    try {
        doc = (0,dist/* parse */.qg)(text);
    }
    catch (e) {
        debugSkip(c, f, e);
        return undefined;
    }
    return doc && typeof doc === 'object' ? doc : undefined;
}
async function yarnSources(c) {
    c.add(c.env.YARN_NPM_REGISTRY_SERVER, 'env YARN_NPM_REGISTRY_SERVER');
    c.add(c.env.YARN_REGISTRY, 'env YARN_REGISTRY');
    await Promise.all([(0,external_node_path_.join)(c.cwd, '.yarnrc.yml'), (0,external_node_path_.join)(c.home, '.yarnrc.yml')].map(async (f) => {
        const d = await readYamlObject(c, f);
        if (!d)
            return;
        const str = (v) => (typeof v === 'string' ? expand(v, c.env) : undefined);
        c.add(str(d.npmRegistryServer), `yarn: ${f}`);
        if (d.npmScopes && typeof d.npmScopes === 'object') {
            for (const s of Object.values(d.npmScopes)) {
                if (s && typeof s === 'object')
                    c.add(str(s.npmRegistryServer), `yarn: ${f}`);
            }
        }
        if (d.npmRegistries && typeof d.npmRegistries === 'object') {
            for (const k of Object.keys(d.npmRegistries))
                c.add(k, `yarn: ${f}`);
        }
    }));
    await Promise.all([(0,external_node_path_.join)(c.cwd, '.yarnrc'), (0,external_node_path_.join)(c.home, '.yarnrc')].map(async (f) => {
        const text = await c.read(f);
        if (text === undefined)
            return;
        for (const line of text.split(/\r?\n/)) {
            const m = /^\s*"?(?:@[^:\s"]+:)?registry"?\s+"?([^"\s]+)"?/.exec(line);
            if (m)
                c.add(expand(m[1], c.env), `yarn: ${f}`);
        }
    }));
}
async function pipSources(c) {
    for (const k of ['PIP_INDEX_URL', 'PIP_EXTRA_INDEX_URL', 'PIP_FIND_LINKS', 'UV_INDEX_URL', 'UV_EXTRA_INDEX_URL', 'UV_DEFAULT_INDEX', 'UV_INDEX']) {
        for (const part of (c.env[k] ?? '').split(/\s+/))
            c.add(part.replace(/^[\w.-]+=(?=\w+:)/, ''), `env ${k}`);
    }
    const xdg = c.env.XDG_CONFIG_HOME || (0,external_node_path_.join)(c.home, '.config');
    const files = [
        c.env.PIP_CONFIG_FILE ?? '',
        c.sys('/etc/pip.conf'),
        c.sys('/etc/xdg/pip/pip.conf'),
        ...(c.env.XDG_CONFIG_DIRS ?? '').split(':').filter(Boolean).map((d) => (0,external_node_path_.join)(d, 'pip', 'pip.conf')),
        (0,external_node_path_.join)(xdg, 'pip', 'pip.conf'),
        (0,external_node_path_.join)(c.home, '.pip', 'pip.conf'),
        c.env.VIRTUAL_ENV ? (0,external_node_path_.join)(c.env.VIRTUAL_ENV, 'pip.conf') : '',
    ].filter(Boolean);
    await Promise.all([...new Set(files)].map(async (f) => {
        const text = await c.read(f);
        if (text === undefined)
            return;
        for (const [k, v] of iniEntries(text)) {
            if (/^(index[-_]url|extra[-_]index[-_]url|find[-_]links)$/i.test(k)) {
                for (const part of v.split(/\s+/))
                    c.add(part, `pip: ${f}`);
            }
        }
    }));
    await Promise.all([(0,external_node_path_.join)(xdg, 'uv', 'uv.toml'), c.sys('/etc/uv/uv.toml'), (0,external_node_path_.join)(c.cwd, 'uv.toml')].map(async (f) => {
        const text = await c.read(f);
        if (text === undefined)
            return;
        for (const m of text.matchAll(/^\s*(?:url|index-url|extra-index-url)\s*=\s*(\[[^\]]*\]|"[^"]*"|'[^']*')/gm)) {
            for (const u of urlsIn(m[1]))
                c.add(u, `uv: ${f}`);
        }
    }));
}
async function condaSources(c) {
    const files = [(0,external_node_path_.join)(c.home, '.condarc'), (0,external_node_path_.join)(c.home, '.config', 'conda', '.condarc'), c.sys('/etc/conda/.condarc'), c.sys('/opt/conda/.condarc')];
    await Promise.all(files.map(async (f) => {
        const d = await readYamlObject(c, f);
        if (!d)
            return;
        const vals = [d.channel_alias, ...(Array.isArray(d.channels) ? d.channels : []), ...(Array.isArray(d.default_channels) ? d.default_channels : [])];
        for (const v of vals)
            if (typeof v === 'string' && /:\/\//.test(v))
                c.add(v, `conda: ${f}`);
    }));
}
async function aptSources(c) {
    const dir = c.sys('/etc/apt/sources.list.d');
    const names = await c.list(dir);
    const files = [c.sys('/etc/apt/sources.list'), ...names.filter((n) => /\.(list|sources)$/.test(n)).sort().map((n) => (0,external_node_path_.join)(dir, n))];
    const addUri = async (uri, source) => {
        const mf = /^mirror\+file:(.+)$/i.exec(uri);
        if (mf) {
            const list = await c.read(c.sys(mf[1]));
            if (list === undefined)
                return;
            for (const line of list.split(/\r?\n/)) {
                const first = line.trim().split(/\s+/)[0];
                if (first && !first.startsWith('#'))
                    c.add(first, `apt: ${mf[1]} (from ${source})`);
            }
            return;
        }
        c.add(uri, `apt: ${source}`);
    };
    await Promise.all(files.map(async (f) => {
        const text = await c.read(f);
        if (text === undefined)
            return;
        if (f.endsWith('.sources')) {
            for (const para of text.split(/\r?\n\s*\r?\n/)) {
                const lines = para.split(/\r?\n/).filter((l) => !l.startsWith('#'));
                const fields = new Map();
                let key = '';
                for (const l of lines) {
                    const m = /^([A-Za-z0-9-]+):\s*(.*)$/.exec(l);
                    if (m) {
                        key = m[1].toLowerCase();
                        fields.set(key, m[2]);
                    }
                    else if (/^\s/.test(l) && key)
                        fields.set(key, `${fields.get(key) ?? ''} ${l.trim()}`);
                }
                if (/^(no|false|0)$/i.test((fields.get('enabled') ?? '').trim()))
                    continue;
                for (const uri of (fields.get('uris') ?? '').split(/\s+/).filter(Boolean))
                    await addUri(uri, f);
            }
        }
        else {
            for (const raw of text.split(/\r?\n/)) {
                const line = raw.replace(/#.*$/, '').trim();
                const m = /^deb(?:-src)?\s+(?:\[[^\]]*\]\s+)?(\S+)/.exec(line);
                if (m)
                    await addUri(m[1], f);
            }
        }
    }));
}
async function mavenSources(c) {
    const mavenHome = c.env.MAVEN_HOME || c.env.M2_HOME;
    const files = [
        (0,external_node_path_.join)(c.home, '.m2', 'settings.xml'),
        mavenHome ? (0,external_node_path_.join)(mavenHome, 'conf', 'settings.xml') : '',
        c.sys('/etc/maven/settings.xml'),
        c.sys('/usr/share/maven/conf/settings.xml'),
    ].filter(Boolean);
    await Promise.all([...new Set(files)].map(async (f) => {
        const text = await c.read(f);
        if (text === undefined)
            return;
        const body = text.replace(/<!--[\s\S]*?-->/g, '').replace(/<proxies>[\s\S]*?<\/proxies>/g, '')
            .replace(/<mirror>(?:(?!<\/mirror>)[\s\S])*?<blocked>\s*true\s*<\/blocked>[\s\S]*?<\/mirror>/g, '');
        for (const m of body.matchAll(/<url>\s*([^<]+?)\s*<\/url>/g))
            c.add(expand(m[1], c.env), `maven: ${f}`);
    }));
}
async function gradleSources(c) {
    const gh = c.env.GRADLE_USER_HOME || (0,external_node_path_.join)(c.home, '.gradle');
    const initD = (0,external_node_path_.join)(gh, 'init.d');
    const names = await c.list(initD);
    const files = [(0,external_node_path_.join)(gh, 'init.gradle'), (0,external_node_path_.join)(gh, 'init.gradle.kts'), ...names.map((n) => (0,external_node_path_.join)(initD, n))];
    await Promise.all(files.map(async (f) => {
        const text = await c.read(f);
        if (text === undefined)
            return;
        for (const u of urlsIn(text.replace(/^\s*\/\/.*$/gm, '')))
            c.add(u, `gradle: ${f}`);
    }));
    const wrapper = (0,external_node_path_.join)(c.cwd, 'gradle', 'wrapper', 'gradle-wrapper.properties');
    const text = await c.read(wrapper);
    const m = text && /^\s*distributionUrl\s*=\s*(\S+)/m.exec(text);
    if (m)
        c.add(m[1].replace(/\\:/g, ':'), `gradle: ${wrapper}`);
}
function goValues(c, goproxy, gosumdb, source) {
    for (const p of (goproxy ?? '').split(/[,|]/))
        c.add(p, source);
    const sum = (gosumdb ?? '').trim();
    if (sum && sum !== 'off') {
        const parts = sum.split(/\s+/);
        c.add(parts[1] ?? parts[0].split('+')[0], source);
    }
}
async function goSources(c) {
    goValues(c, c.env.GOPROXY, c.env.GOSUMDB, 'env GOPROXY/GOSUMDB');
    const envFile = c.env.GOENV || (0,external_node_path_.join)(c.env.XDG_CONFIG_HOME || (0,external_node_path_.join)(c.home, '.config'), 'go', 'env');
    const text = envFile === 'off' ? undefined : await c.read(envFile);
    if (text !== undefined) {
        const vals = Object.fromEntries(iniEntries(text));
        goValues(c, vals.GOPROXY, vals.GOSUMDB, `go: ${envFile}`);
    }
    const out = await c.exec('go', ['env', 'GOPROXY', 'GOSUMDB'], c.home, { ...c.env, GOTOOLCHAIN: 'local', GOFLAGS: '' });
    if (out) {
        const [proxy, sumdb] = out.split(/\r?\n/);
        goValues(c, proxy, sumdb, 'go env');
    }
}
async function cargoSources(c) {
    for (const [k, v] of Object.entries(c.env))
        if (/^CARGO_REGISTRIES_\w+_INDEX$/.test(k))
            c.add(v, `env ${k}`);
    const ch = c.env.CARGO_HOME || (0,external_node_path_.join)(c.home, '.cargo');
    const files = [(0,external_node_path_.join)(ch, 'config.toml'), (0,external_node_path_.join)(ch, 'config'), (0,external_node_path_.join)(c.cwd, '.cargo', 'config.toml'), (0,external_node_path_.join)(c.cwd, '.cargo', 'config')];
    await Promise.all(files.map(async (f) => {
        const text = await c.read(f);
        if (text === undefined)
            return;
        for (const m of text.matchAll(/^\s*(?:index|registry)\s*=\s*["']([^"']+)["']/gm))
            c.add(m[1], `cargo: ${f}`);
        for (const m of text.matchAll(/\{[^}]*\bindex\s*=\s*["']([^"']+)["'][^}]*\}/g))
            c.add(m[1], `cargo: ${f}`);
    }));
}
async function rubySources(c) {
    for (const [k, v] of Object.entries(c.env))
        if (/^BUNDLE_MIRROR__/.test(k))
            c.add(v, `env ${k}`);
    const gemrc = (0,external_node_path_.join)(c.home, '.gemrc');
    const text = await c.read(gemrc);
    if (text !== undefined) {
        try {
            const d = (0,dist/* parse */.qg)(text);
            const s = d?.[':sources'] ?? d?.sources;
            if (Array.isArray(s))
                for (const u of s)
                    if (typeof u === 'string')
                        c.add(u, `gem: ${gemrc}`);
        }
        catch (e) {
            debugSkip(c, gemrc, e);
        }
    }
    await Promise.all([(0,external_node_path_.join)(c.home, '.bundle', 'config'), (0,external_node_path_.join)(c.cwd, '.bundle', 'config')].map(async (f) => {
        const t = await c.read(f);
        if (t === undefined)
            return;
        for (const m of t.matchAll(/^\s*BUNDLE_MIRROR__\S+:\s*["']?([^"'\s]+)/gm))
            c.add(m[1], `bundler: ${f}`);
    }));
}
async function nugetSources(c) {
    const files = [(0,external_node_path_.join)(c.home, '.nuget', 'NuGet', 'NuGet.Config'), (0,external_node_path_.join)(c.cwd, 'nuget.config'), (0,external_node_path_.join)(c.cwd, 'NuGet.Config')];
    await Promise.all(files.map(async (f) => {
        const text = await c.read(f);
        if (text === undefined)
            return;
        const body = text.replace(/<!--[\s\S]*?-->/g, '');
        for (const m of body.matchAll(/<add\b[^>]*\bvalue\s*=\s*"(https?:\/\/[^"]+)"/gi))
            c.add(m[1], `nuget: ${f}`);
    }));
}
function debugSkip(c, file, e) {
    c.debug(`registries: cannot parse ${file}: ${String(e?.message ?? e).split('\n')[0]}`);
}
/** Every source, in the order their hosts are listed. */
const RegistrySources = [npmSources, yarnSources, pipSources, condaSources, aptSources, mavenSources, gradleSources, goSources, cargoSources, rubySources, nugetSources];

;// CONCATENATED MODULE: ./src/policy/registries.ts
/**
 * Discovers the package-registry hosts the runner's own package managers are configured to use,
 * at run time and without network access (SPEC.md §4: "registry hosts are never hard-coded, so
 * corporate mirrors work without configuration").
 *
 * Sources (every one optional; a missing file, an unparseable file or a missing tool is skipped
 * with a debug log):
 * - npm / pnpm: `npm config get registry` (run in the project directory, so it sees npm's
 *   built-in default, the global, user and project npmrc and the environment), and
 *   `registry` / `@scope:registry` in the project `.npmrc`, the user npmrc
 *   (`NPM_CONFIG_USERCONFIG` or `$HOME/.npmrc`), the global npmrc (`NPM_CONFIG_GLOBALCONFIG`,
 *   `$PREFIX/etc/npmrc`, `/etc/npmrc`, `/usr/local/etc/npmrc`) and `npm_config_*registry`
 *   variables (any case). `${VAR}` in npmrc values is expanded.
 * - yarn: `.yarnrc.yml` (project and home: `npmRegistryServer`, `npmScopes.*.npmRegistryServer`,
 *   `npmRegistries` keys), `YARN_NPM_REGISTRY_SERVER`, yarn 1 `.yarnrc` `registry` lines,
 *   `YARN_REGISTRY`.
 * - pip / uv: `PIP_INDEX_URL`, `PIP_EXTRA_INDEX_URL`, `PIP_FIND_LINKS`, `UV_INDEX_URL`,
 *   `UV_EXTRA_INDEX_URL`, `UV_DEFAULT_INDEX`, `UV_INDEX`; `pip.conf` from `PIP_CONFIG_FILE`,
 *   `/etc/pip.conf`, `/etc/xdg/pip/pip.conf`, `$XDG_CONFIG_HOME/pip/pip.conf`
 *   (`~/.config/pip/pip.conf`), `~/.pip/pip.conf`, `$VIRTUAL_ENV/pip.conf` (`index-url`,
 *   `extra-index-url`, `find-links`); `uv.toml` (user and project) index URLs.
 * - conda: `.condarc` (home, `/etc/conda/.condarc`, `/opt/conda/.condarc`): `channel_alias`,
 *   URL entries of `channels` / `default_channels`.
 * - apt: `/etc/apt/sources.list`, `/etc/apt/sources.list.d/*.list` (one-line form) and `*.sources`
 *   (deb822 `URIs:`, paragraphs with `Enabled: no` skipped); `mirror+file:` lists are read too
 *   (GitHub's Ubuntu images use `mirror+file:/etc/apt/apt-mirrors.txt`).
 * - Maven: `<url>` of mirrors and repositories in `~/.m2/settings.xml`,
 *   `$MAVEN_HOME|$M2_HOME/conf/settings.xml`, `/etc/maven/settings.xml`,
 *   `/usr/share/maven/conf/settings.xml` (`<proxies>`, `<blocked>` mirrors and comments ignored).
 * - Gradle: URLs in `$GRADLE_USER_HOME` (`~/.gradle`) `init.gradle[.kts]` and `init.d/*`, and the
 *   project wrapper's `distributionUrl`.
 * - Go: `GOPROXY`, `GOSUMDB`, the go env file (`GOENV` or `~/.config/go/env`) and
 *   `go env GOPROXY GOSUMDB` when `go` is installed (run with `GOTOOLCHAIN=local`, never
 *   downloads). `direct`/`off` entries are skipped; `GOPRIVATE` is not an allowance.
 * - Cargo: `index` / `registry` values in `$CARGO_HOME` (`~/.cargo`) `config.toml` / `config`
 *   and the project's `.cargo/config.toml`, `CARGO_REGISTRIES_*_INDEX`.
 * - RubyGems / Bundler: `~/.gemrc` `:sources:`, `BUNDLE_MIRROR__*` and mirror values in
 *   `.bundle/config` (home and project).
 * - NuGet: `value` URLs in `~/.nuget/NuGet/NuGet.Config` and the project's `nuget.config`.
 *
 * Call it once before the model's first command: the project's own config counts (it is the
 * team's), but what the model later writes into it does not.
 */







/**
 * Extracts the host of a registry URL as package managers write it: `https://h/p`, `//h/p`
 * (npmrc keys, yarn `npmRegistries`), `sparse+https://…`, `git+…`, `mirror+http://…`, or a bare
 * `host[:port]/path` (GOPROXY). Returns '' for `file:`, `direct`, `off` and non-URLs.
 */
function registryHost(url) {
    let u = url.trim().replace(/^["']|["']$/g, '');
    u = u.replace(/^(?:(?:sparse|git|registry|mirror|tor)\+)+/i, '');
    if (!u || /^(direct|off|none)$/i.test(u))
        return '';
    if (u.startsWith('//'))
        u = `https:${u}`;
    else if (!/^[a-z][a-z0-9+.-]*:/i.test(u)) {
        if (!/^[a-z0-9.-]+(:\d+)?(\/|$)/i.test(u) || !u.split(/[:/]/)[0].includes('.'))
            return '';
        u = `https://${u}`;
    }
    try {
        const parsed = new URL(u);
        if (!/^(https?|wss?|ssh|git|ftp|s3|gs):$/.test(parsed.protocol))
            return '';
        const host = normalizeHost(parsed.hostname);
        return host === '0.0.0.0' || host === '::' ? '' : host;
    }
    catch {
        return '';
    }
}
/**
 * Reads the registry hosts configured for the runner's package managers (see the module doc for
 * every source). Never touches the network; never throws (each source's failure is a debug log).
 * Resolves with unique hosts in discovery order, each with the first source it was read from.
 * Takes about the time of one `npm config get registry` (the tools run in parallel).
 */
async function discoverRegistryHosts(env, opts = {}) {
    const debug = opts.debug ?? ((m) => core/* debug */.Yz(m));
    const root = opts.root ?? '/';
    const readFileFn = opts.readFile ?? ((p) => (0,promises_.readFile)(p, 'utf8'));
    const readDirFn = opts.readDir ?? ((p) => (0,promises_.readdir)(p));
    const execFn = opts.exec ?? defaultExec;
    const c = {
        env,
        home: opts.home ?? env.HOME ?? (0,external_node_os_.homedir)(),
        cwd: opts.cwd ?? process.cwd(),
        sys: (p) => (root === '/' ? p : (0,external_node_path_.join)(root, external_node_path_.posix.normalize(p))),
        read: async (p) => {
            try {
                return await readFileFn(p);
            }
            catch (e) {
                if (e?.code !== 'ENOENT')
                    debug(`registries: cannot read ${p}: ${String(e?.message ?? e)}`);
                return undefined;
            }
        },
        list: async (p) => {
            try {
                return await readDirFn(p);
            }
            catch {
                return [];
            }
        },
        exec: async (file, args, cwd, e) => {
            try {
                return await execFn(file, args, { cwd, env: e ?? env });
            }
            catch (err) {
                debug(`registries: ${file} ${args.join(' ')} unavailable: ${String(err?.message ?? err).split('\n')[0]}`);
                return undefined;
            }
        },
        debug,
    };
    const sources = RegistrySources;
    // Run in parallel but add in a stable order: each source collects into its own list first.
    const perSource = await Promise.all(sources.map(async (fn) => {
        const local = [];
        const sub = {
            ...c,
            add: (url, source) => {
                if (!url)
                    return;
                const host = registryHost(url);
                if (host && !local.some((f) => f.host === host))
                    local.push({ host, source });
            },
        };
        try {
            await fn(sub);
        }
        catch (e) {
            debug(`registries: ${fn.name} failed: ${String(e?.message ?? e)}`);
        }
        return local;
    }));
    const found = [];
    for (const list of perSource)
        for (const h of list)
            if (!found.some((f) => f.host === h.host))
                found.push(h);
    return found;
}
function defaultExec(file, args, opts) {
    return new Promise((resolve, reject) => {
        (0,external_node_child_process_.execFile)(file, args, { cwd: opts.cwd, env: opts.env, timeout: 10_000, maxBuffer: 1 << 20, windowsHide: true }, (err, stdout) => (err ? reject(err) : resolve(String(stdout))));
    });
}

// EXTERNAL MODULE: ./src/sandbox/runner.ts
var sandbox_runner = __webpack_require__(84849);
// EXTERNAL MODULE: ./src/orchestrator/shutdown.ts
var shutdown = __webpack_require__(80104);
;// CONCATENATED MODULE: ./src/orchestrator/sandbox.ts
/**
 * The sandbox the model's commands run in (SPEC.md §4, docs/security.md): the OS boundary
 * (bubblewrap, src/sandbox/isolation.ts) around every process through one runner
 * (src/sandbox/runner.ts), an environment without the action's credentials (the team's `env`
 * added, task secrets included), the network access level enforced by the egress proxy plus,
 * where the runner permits, a network namespace whose only way out is that proxy
 * (`src/policy/firewall.ts`), and the command/path/edit policy (guidance and autonomy pauses).
 */




















/** Variables naming credential files of the job (Google's application default credentials, AWS's shared files). */
const CREDENTIAL_FILE_VARS = ['GOOGLE_APPLICATION_CREDENTIALS', 'CLOUDSDK_AUTH_CREDENTIAL_FILE_OVERRIDE', 'GOOGLE_GHA_CREDS_PATH', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_WEB_IDENTITY_TOKEN_FILE'];
/** Every form of the action's own credentials: these never enter the sandbox, whatever the name. */
function credentialForms(svc) {
    const r = new redact/* Redactor */.pO({ setSecret: () => { } });
    const s = svc.settings;
    if (s.githubToken) {
        r.register(s.githubToken);
        r.register((0,auth/* basicCredential */.gp)(s.githubToken));
    }
    if (s.anthropicApiKey)
        r.register(s.anthropicApiKey);
    return r.values();
}
/**
 * Opens the sandbox for one task run. Never fails for a missing firewall: enforcement then falls
 * back to the proxy alone and `limitation` says so (it goes into the PR body).
 * @param policyOverride replaces the tool policy (tests of the orchestrator only)
 */
async function openSandbox(svc, policyOverride) {
    const s = svc.settings;
    const workspace = s.runner.workspace;
    // independent steps side by side (the acknowledgement's critical path, issue #12); all of them
    // finish before this function returns, so before the model's first command
    const preloading = svc.preload(s.provider);
    // actions/checkout leaves the token in .git/config; the model's shell could read it (NOTES.md)
    const scrubbing = (0,repo/* scrubPersistedCredentials */.hu)(workspace);
    const detecting = (0,isolation/* detectIsolation */.Kz)(s.sandboxDisabledReason ? { disable: s.sandboxDisabledReason } : {});
    const discovering = s.networkAccess === 'common-dependencies' ? discoverRegistryHosts(s.env, { cwd: workspace }) : Promise.resolve([]);
    for (const p of [preloading, scrubbing, detecting, discovering])
        p.catch(() => undefined); // awaited below
    const kiroPolicy = policyOverride
        ? undefined
        : (0,paths/* createToolPolicy */.hQ)({
            workspace,
            commands: { forbiddenCommands: [...s.repo.agent.forbiddenCommands], allowedCommands: [...s.repo.agent.allowedCommands], autonomy: s.autonomyLevel },
            maxFileEditsPerTask: s.repo.agent.maxFileEditsPerTask,
            requireApprovalForNewFiles: s.repo.agent.requireApprovalForNewFiles,
        });
    const policy = policyOverride ?? kiroPolicy;
    const { proxy, firewall, proxyUrl, netEnv } = await openNetwork(svc, discovering);
    const { env, dirs } = sandboxEnvironment(svc, netEnv);
    const confined = firewall?.mode === 'netns' ? firewall : undefined;
    const ready = readyForCommands(preloading, scrubbing);
    const layout = {
        workspace,
        home: dirs.home,
        tmp: dirs.tmp,
        writable: [dirs.state],
        hideDirs: hiddenDirs(s.runner.runnerTemp, s.env),
        readOnly: toolchainDirs(s.runner.runnerTemp, s.env),
        // credential files the job's own steps wrote (google-github-actions/auth puts one into the checkout)
        hideFiles: [s.runner.eventPath, ...[...policy_env/* RUNNER_FILE_COMMAND_VARS */.LU, ...CREDENTIAL_FILE_VARS].map((v) => s.env[v]).filter((f) => !!f)],
        ...(confined ? { netns: confined.enter } : {}),
    };
    const chosen = chooseRunner(await detecting, layout, s.allowUnsandboxedCommands);
    const runner = afterReady(chosen.runner, ready);
    const workspaceRunner = afterReady(chosen.workspaceRunner, ready);
    const limitation = [chosen.limitation, firewall?.limitation].filter(Boolean).join(' ') || undefined;
    const releaseSignals = confined ? teardownOnSignals(confined) : () => { };
    const commandEnv = proxy && proxyUrl ? (command) => proxyEnv(proxyUrl, { token: proxy.setCommand(command), base: env }) : undefined;
    const mcp = await startMcp(svc, { runner, workspace, env, ready, ...(proxy ? { proxy } : {}) });
    const toolContext = {
        workspace,
        env,
        policy,
        redact: svc.redact,
        commandTimeoutMs: s.commandTimeoutMs,
        runner,
        stateDir: dirs.state,
        ready,
        ...(commandEnv ? { commandEnv } : {}),
    };
    return {
        toolContext,
        runner,
        workspaceRunner,
        isolation: runner.mode,
        ...(commandEnv ? { commandEnv } : {}),
        blocked: () => (proxy?.blocked ?? []).map((b) => ({ host: `${b.host}:${b.port}`, ...(b.command ? { command: svc.redact(b.command) } : {}) })),
        ...(limitation ? { limitation } : {}),
        enforcement: !proxy ? 'open' : confined ? 'netns' : 'proxy',
        approve: (command) => kiroPolicy?.approveCommand(command),
        approvePath: (p) => {
            if (kiroPolicy && !kiroPolicy.approvePath(p))
                core/* warning */.$e(`Kiro: the approved path ${p} is not writable by the agent's tools; nothing was approved.`);
        },
        countEdited: (paths) => kiroPolicy?.countEdited(paths),
        mcpTools: mcp?.tools ?? [],
        mcpProblems: () => (mcp?.problems() ?? []).map((p) => svc.redact(`"${p.server}": ${p.reason}`)),
        close: async () => {
            await mcp?.close();
            releaseSignals();
            await firewall?.teardown();
            await proxy?.close();
        },
    };
}
/**
 * The action's code is loaded and the checkout's persisted credentials are gone before the first
 * command or tool runs — not before the first model request, which goes out meanwhile: every
 * runner and the tools wait for this (the acknowledgement's critical path, issue #12).
 */
function readyForCommands(preloading, scrubbing) {
    const ready = Promise.all([preloading, scrubbing]).then(([loaded, scrubbed]) => {
        if (scrubbed.length)
            core/* info */.pq(`Kiro: removed persisted credentials from .git/config (${scrubbed.join(', ')}); the action authenticates its own git calls.`);
        core/* debug */.Yz(`Kiro: ${loaded.modules} orchestrator modules and ${loaded.prompts} prompt templates loaded before the first command.`);
    });
    ready.catch(() => undefined); // surfaces where it is awaited
    return ready;
}
/** The run's network: the egress proxy and the firewall that makes it the only way out (none at `open-internet`). */
async function openNetwork(svc, discovering) {
    const s = svc.settings;
    if (s.networkAccess === 'open-internet')
        return { netEnv: {} };
    const policyOf = (discovered) => resolveNetworkPolicy({ level: s.networkAccess, allowedDomains: s.allowedDomains, integrationHosts: integrationHosts(s.env, s.anthropicBaseUrl), discovered });
    // The proxy and the firewall start while the registries are still being discovered (`npm config
    // get registry` alone takes a few hundred ms): the proxy holds each request until the policy with
    // the discovered hosts is known; the firewall only needs the level (issue #12, critical path).
    const netPolicy = policyOf([]);
    const proxy = await startEgressProxy(discovering.then(policyOf), {
        onBlocked: (b) => {
            // once per distinct request; later repeats only raise its count
            if (b.count === 1)
                core/* warning */.$e((0,sanitize/* safeInline */.H1)(svc.redact(`Kiro sandbox blocked ${b.method} ${b.host}:${b.port}${b.command ? ` from \`${b.command}\`` : ''} (${b.reason})`), 2000));
        },
    });
    // KIRO_FIREWALL=off (Settings): the proxy alone; the limitation is stated like any other
    const firewall = await prepareFirewall(netPolicy, proxy, s.firewallDisabledReason ? { disable: { reason: s.firewallDisabledReason } } : {});
    const proxyUrl = firewall.proxyUrl;
    core/* info */.pq(`Kiro sandbox: network access level ${s.networkAccess}, ${firewall.mode === 'netns' ? `enforced in network namespace ${firewall.namespace}` : 'enforced by the egress proxy only'}.`);
    for (const note of firewall.notes)
        core/* info */.pq(`Kiro sandbox: ${note}`);
    if (firewall.limitation)
        core/* warning */.$e(`Kiro sandbox: ${firewall.limitation}`);
    return { proxy, firewall, proxyUrl, netEnv: proxyEnv(proxyUrl, { base: s.env }) };
}
/**
 * The environment commands run with (src/policy/env.ts: the runner's without any secret, plus the
 * task's `env`, the proxy variables and a private home) and the private directories behind it.
 */
function sandboxEnvironment(svc, netEnv) {
    const s = svc.settings;
    const task = (0,policy_env/* resolveTaskEnv */.f$)(s.repo.env, s.env);
    for (const w of task.warnings)
        core/* warning */.$e(`Kiro sandbox: ${w}`);
    const root = (0,external_node_fs_.mkdtempSync)(external_node_path_default().join(s.runner.runnerTemp, 'kiro-sandbox-'));
    const dirs = { home: external_node_path_default().join(root, 'home'), tmp: external_node_path_default().join(root, 'tmp'), state: external_node_path_default().join(root, 'state') };
    for (const d of Object.values(dirs))
        (0,external_node_fs_.mkdirSync)(d, { recursive: true, mode: 0o700 });
    const env = (0,policy_env/* buildSandboxEnv */.PZ)(s.env, {
        // every registered form (raw, base64, basic credential…) of every secret
        secrets: svc.secretValues(),
        credentials: credentialForms(svc),
        extra: { ...netEnv, KIRO_SANDBOX: '1', HOME: dirs.home, TMPDIR: '/tmp', ...writableCaches(dirs.home, s.env) },
        taskEnv: task.env,
    });
    return { env, dirs };
}
/**
 * What the status comment must say about this run's sandbox: the isolation it lacks (fail-closed
 * or unsandboxed) and the MCP servers that are not available. Empty when there is nothing to say.
 */
function sandboxNotes(sandbox) {
    const mcp = sandbox.mcpProblems();
    return {
        ...(sandbox.isolation === 'refused' || sandbox.isolation === 'unsandboxed' ? { sandbox: sandbox.limitation ?? '' } : {}),
        ...(mcp.length ? { mcp } : {}),
    };
}
/**
 * Starts the repository's MCP servers (`.kiro/settings/mcp.json`): local ones through `runner`
 * (inside the sandbox, fail-closed like any command), remote ones through the egress proxy when
 * the network level is enforced. Values of `${NAME}` references become secrets before anything is
 * logged. The client module is loaded only when there is something to start.
 * @returns undefined when the repository configures no server
 */
async function startMcp(svc, o) {
    const config = withoutCredentials(readMcpConfig(o.workspace, svc.settings.env), credentialForms(svc));
    for (const v of config.secrets)
        svc.addSecret(v);
    if (!config.servers.length && !config.problems.length)
        return undefined;
    // servers are processes like commands: the action's code is loaded first
    await o.ready;
    const { startMcpServers, proxiedFetch } = await Promise.all(/* import() */[__webpack_require__.e(156), __webpack_require__.e(397)]).then(__webpack_require__.bind(__webpack_require__, 65397));
    const proxy = o.proxy;
    const hub = await startMcpServers(config, {
        runner: o.runner,
        cwd: o.workspace,
        env: o.env,
        callTimeoutMs: svc.settings.commandTimeoutMs,
        // remote servers obey the network level: their requests go through the egress proxy
        ...(proxy ? { fetchFor: (server) => proxiedFetch(proxy.url, proxy.setCommand(`MCP server ${server}`)) } : {}),
    });
    for (const name of hub.started)
        core/* info */.pq(`Kiro: MCP server "${name}" started (${hub.tools.filter((t) => t.name.startsWith(`${name.replace(/[^A-Za-z0-9_-]/g, '_')}__`)).length} tools).`);
    for (const p of hub.problems())
        core/* warning */.$e((0,sanitize/* safeInline */.H1)(svc.redact(`Kiro: MCP server "${p.server}" is not available: ${p.reason}`), 2000));
    return hub;
}
/** `runner` whose commands start only once `ready` resolved (and fail with its error if it rejects). */
function afterReady(runner, ready) {
    return {
        mode: runner.mode,
        run: async (req) => {
            await ready;
            return runner.run(req);
        },
        ...(runner.spawnSpec ? { spawnSpec: runner.spawnSpec.bind(runner) } : {}),
    };
}
/**
 * Picks the runner for this run from what the runner machine allows (logged, so the job log says
 * which mode is in force). Without isolation the run fails closed unless the workflow set
 * `allow-unsandboxed-commands`.
 */
function chooseRunner(support, layout, allowUnsandboxed) {
    if (support.mode !== 'none') {
        const how = support.mode === 'bwrap' ? (support.privilege.length ? 'bubblewrap through sudo' : 'bubblewrap as root') : 'bubblewrap in an unprivileged user namespace';
        core/* info */.pq(`Kiro sandbox: every command the agent causes runs in an OS sandbox (${how}; read-only system, private /tmp and $HOME, the runner's and the action's files hidden, own PID namespace, no privileges).`);
        const runner = (0,sandbox_runner/* createSandboxRunner */.Iq)(support, layout);
        return { runner, workspaceRunner: runner };
    }
    if (allowUnsandboxed) {
        const limitation = `Commands ran WITHOUT an OS sandbox (allow-unsandboxed-commands is set; ${support.reason}): they could read and change anything the runner's user can, including the action's files.`;
        core/* warning */.$e(`Kiro sandbox: ${limitation}`);
        const runner = (0,sandbox_runner/* createUnsandboxedRunner */.EQ)();
        return { runner, workspaceRunner: runner, limitation };
    }
    const limitation = `No command was run: this runner offers no OS sandbox (${support.reason}), so the agent could only read and edit files. Install bubblewrap or give the job sudo, or set allow-unsandboxed-commands: true to run commands without isolation.`;
    core/* warning */.$e(`Kiro sandbox: ${limitation}`);
    // the model cannot write `.git` without commands (the file tools refuse it): the action's own
    // git on it stays safe without a sandbox
    return { runner: (0,sandbox_runner/* createRefusingRunner */.Gi)(limitation), workspaceRunner: (0,sandbox_runner/* createUnsandboxedRunner */.EQ)(), limitation };
}
/**
 * Directories no command may see: the real `$HOME` (credentials, the runner's own directories on
 * hosted runners), `$RUNNER_TEMP` (file commands, the event file, the state clone, the action's
 * trusted git directory) and the action's own directory (`dist/`, `prompts/`).
 */
function hiddenDirs(runnerTemp, env) {
    const out = [runnerTemp, actionRoot()];
    const home = env.HOME || (0,external_node_os_.homedir)();
    if (home)
        out.push(home);
    return out;
}
/**
 * Toolchain directories a command needs although they may lie under a hidden directory: the
 * runner's tool cache and every `PATH` entry (rustup's `~/.cargo/bin` on hosted runners, a
 * self-hosted runner's `_work/_tool`), shown read-only. Never anything under `$RUNNER_TEMP` or the
 * action's own directory.
 */
function toolchainDirs(runnerTemp, env) {
    const never = [runnerTemp, actionRoot()].map((d) => external_node_path_default().resolve(d));
    const candidates = [env.RUNNER_TOOL_CACHE, env.RUSTUP_HOME, ...(env.PATH ?? '').split((external_node_path_default()).delimiter)].filter((d) => !!d && external_node_path_default().isAbsolute(d));
    return [...new Set(candidates.map((d) => external_node_path_default().resolve(d)))].filter((d) => !never.some((n) => d === n || d.startsWith(n + (external_node_path_default()).sep)));
}
/**
 * Package caches that live under the real `$HOME` (hidden, its toolchains shown read-only) move
 * into the private home, so a build can still write them: `CARGO_HOME` (rustup's `~/.cargo` on
 * hosted runners keeps its binaries on PATH, read-only; the registry goes to the private home).
 */
function writableCaches(privateHome, env) {
    const realHome = env.HOME || (0,external_node_os_.homedir)();
    const cargo = env.CARGO_HOME;
    if (!cargo || (realHome && (cargo === realHome || cargo.startsWith(realHome + (external_node_path_default()).sep))))
        return { CARGO_HOME: external_node_path_default().join(privateHome, '.cargo') };
    return {};
}
/** The action's directory: the nearest ancestor of this module holding `action.yml` (dist/ in the bundle, src/ in tests). */
function actionRoot() {
    let dir = external_node_path_default().dirname((0,external_node_url_.fileURLToPath)(import.meta.url));
    for (let i = 0; i < 4; i++) {
        if ((0,external_node_fs_.existsSync)(external_node_path_default().join(dir, 'action.yml')))
            return dir;
        dir = external_node_path_default().dirname(dir);
    }
    return external_node_path_default().dirname((0,external_node_url_.fileURLToPath)(import.meta.url));
}
/**
 * A cancelled run tears the network namespace down (killing every command still running in it)
 * after the task's own shutdown work — pushing the work in progress needs the sandbox — and
 * before the process exits (src/orchestrator/shutdown.ts).
 */
function teardownOnSignals(firewall) {
    return (0,shutdown/* onShutdown */.Ob)(() => firewall.teardown(), 'cleanup');
}
function earlySandbox(opening) {
    let taken = false;
    opening.catch(() => undefined); // awaited by take(); a failure then surfaces there
    return {
        take: () => {
            taken = true;
            return opening;
        },
        release: async () => {
            if (!taken)
                await opening.then((sb) => sb.close()).catch(() => undefined);
        },
    };
}


/***/ }),

/***/ 80104:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ob: () => (/* binding */ onShutdown)
/* harmony export */ });
/* unused harmony exports setShutdownGrace, stoppingOn */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33838);
/**
 * What the job does when the runner stops it (issue #10 "work survives the runner"). A cancelled
 * run gets SIGINT, then SIGTERM 7.5 s later, then SIGKILL 2.5 s after that
 * (https://docs.github.com/actions/managing-workflow-runs-and-deployments/managing-workflow-runs/canceling-a-workflow#steps-github-takes-to-cancel-a-workflow-run);
 * a runner shutting down sends SIGTERM. Node's default is to exit at once, which would leave the
 * work in progress unpushed, the run open in the task record, the slot held and the status
 * comment saying "In progress". Hooks registered here run instead, in phases — `work` (push the
 * work in progress, record the end, tell the issue) before `cleanup` (tear the network namespace
 * down, which ends every command still running) — within `graceMs`, then the process exits with
 * the signal's conventional code.
 */

const hooks = new Set();
let installed = false;
let stopping;
/** Total time the hooks get, ms: inside the 7.5 s between the runner's SIGINT and its SIGTERM. */
let graceMs = 7000;
/** Sets the time the hooks get (tests shorten it). */
function setShutdownGrace(ms) {
    graceMs = ms;
}
/** The signal the job is stopping on, if it is (for code that should not start new work). */
function stoppingOn() {
    return stopping;
}
/**
 * Registers `run` to be awaited when SIGINT or SIGTERM arrives. @returns a function that removes it
 * (call it when the work it protects is done).
 */
function onShutdown(run, phase = 'work') {
    const hook = { phase, run };
    hooks.add(hook);
    install();
    return () => {
        hooks.delete(hook);
    };
}
function install() {
    if (installed)
        return;
    installed = true;
    const handler = (signal) => {
        if (stopping)
            return; // the second signal (SIGTERM after SIGINT) changes nothing: we are on it
        stopping = signal;
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`Kiro: the job received ${signal}; saving the work in progress and recording where the task stands.`);
        void runHooks(signal).finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    };
    process.on('SIGINT', handler);
    process.on('SIGTERM', handler);
}
async function runHooks(signal) {
    const deadline = Date.now() + graceMs;
    for (const phase of ['work', 'cleanup']) {
        const mine = [...hooks].filter((h) => h.phase === phase);
        const left = Math.max(phase === 'work' ? deadline - Date.now() - 1000 : deadline - Date.now(), 200);
        await Promise.race([
            Promise.all(mine.map((h) => h.run(signal).catch((e) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`Kiro: while stopping: ${e.message}`)))),
            new Promise((r) => setTimeout(r, left).unref()),
        ]);
    }
}


/***/ }),

/***/ 84849:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EQ: () => (/* binding */ createUnsandboxedRunner),
/* harmony export */   Gi: () => (/* binding */ createRefusingRunner),
/* harmony export */   Iq: () => (/* binding */ createSandboxRunner)
/* harmony export */ });
/* unused harmony export lostMountRace */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(31421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _isolation_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(21963);
/**
 * The one process runner for everything the model causes (STYLE.md 14): the bash tool, the
 * project's verification commands, dependency installs, the search tools' git and the git
 * commands that keep the model's own `.git` in step with the action's commits. Every one of them
 * starts here, inside the sandbox (`isolation.ts`), with one kill/timeout/capture behaviour: its
 * own process group, SIGTERM then SIGKILL on timeout or abort, output capped in memory (head and
 * tail kept). The action's trusted work (its git, GitHub) never runs through it.
 */


/** A runner that puts every command in the sandbox `layout` describes. */
function createSandboxRunner(support, layout) {
    if (support.mode === 'none')
        throw new Error(`no sandbox: ${support.reason ?? 'unknown reason'}`);
    // bwrap's own environment is visible inside as /proc/1/environ: give it nothing
    const bwrapEnv = { PATH: '/usr/bin:/bin' };
    const argvOf = (req) => (0,_isolation_js__WEBPACK_IMPORTED_MODULE_1__/* .bwrapArgv */ .BL)(support, layout, req.argv, { cwd: req.cwd, env: req.env, ...(req.view ? { view: req.view } : {}) });
    return {
        mode: support.mode,
        run: async (req) => {
            for (let attempt = 1;; attempt++) {
                const r = await spawnCaptured(argvOf(req), req, { spawnEnv: bwrapEnv, spawnCwd: '/' });
                if (attempt >= 3 || !lostMountRace(r))
                    return r;
            }
        },
        spawnSpec: (req) => {
            const argv = (0,_isolation_js__WEBPACK_IMPORTED_MODULE_1__/* .bwrapArgv */ .BL)(support, layout, req.argv, { cwd: req.cwd, env: req.env });
            return { command: argv[0], args: argv.slice(1), env: { ...bwrapEnv }, cwd: '/' };
        },
    };
}
/**
 * True when bwrap failed while setting the sandbox up because a mount under `/` came or went as it
 * remounted the host's tree read-only (https://github.com/containers/bubblewrap/issues/650, open:
 * another job's network namespace or bind mount on the same machine). The command never started, so
 * it is started again. Matched on bwrap's own one-line message and exit status 1 — a command that
 * printed exactly that would only be run again, which it could do itself.
 */
function lostMountRace(r) {
    const text = `${r.stderr}${r.output}`.trim();
    return r.code === 1 && !r.timedOut && !r.aborted && !text.includes('\n') && /^bwrap: Can't (bind mount|remount) .*: (Unable to apply mount flags|Unable to remount recursively with correct flags): .*(No such file or directory|Invalid argument)$/.test(text);
}
/**
 * A runner without isolation, for a workflow that opted in with `allow-unsandboxed-commands`
 * (and for unit tests of the tools). Commands see everything the action's user can see.
 */
function createUnsandboxedRunner() {
    return {
        mode: 'unsandboxed',
        run: (req) => spawnCaptured(req.argv, req, { spawnEnv: { ...req.env }, spawnCwd: req.cwd }),
        spawnSpec: (req) => ({ command: req.argv[0], args: req.argv.slice(1), env: { ...req.env }, cwd: req.cwd }),
    };
}
/** Fail closed: no command runs; each attempt gets `reason` back. */
function createRefusingRunner(reason) {
    return {
        mode: 'refused',
        run: async () => ({ output: '', stderr: '', code: null, signal: null, timedOut: false, aborted: false, spawnError: reason, durationMs: 0 }),
    };
}
function spawnCaptured(argv, req, o) {
    const started = Date.now();
    return new Promise((resolve) => {
        const out = new Capture(req.captureBytes ?? 4 * 1024 * 1024);
        const err = req.separateStderr ? new Capture(256 * 1024) : out;
        let child;
        try {
            child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(argv[0], argv.slice(1), { cwd: o.spawnCwd, env: o.spawnEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
        }
        catch (e) {
            resolve({ output: '', stderr: '', code: null, signal: null, timedOut: false, aborted: false, spawnError: e.message, durationMs: Date.now() - started });
            return;
        }
        let timedOut = false;
        let aborted = false;
        let stopped = false;
        let lines = 0;
        let done = false;
        let drainTimer;
        const killGroup = () => {
            const pid = child.pid;
            if (pid === undefined)
                return;
            signalGroup(pid, 'SIGTERM');
            setTimeout(() => signalGroup(pid, 'SIGKILL'), req.killGraceMs ?? 2000).unref();
        };
        const timer = setTimeout(() => {
            timedOut = true;
            killGroup();
        }, req.timeoutMs);
        const onAbort = () => {
            aborted = true;
            killGroup();
        };
        req.signal?.addEventListener('abort', onAbort, { once: true });
        const finish = (code, signal, spawnError) => {
            if (done)
                return;
            done = true;
            clearTimeout(timer);
            if (drainTimer)
                clearTimeout(drainTimer);
            req.signal?.removeEventListener('abort', onAbort);
            child.stdout?.destroy();
            child.stderr?.destroy();
            resolve({
                output: out.text(),
                stderr: req.separateStderr ? err.text() : '',
                code,
                signal,
                timedOut,
                aborted,
                ...(stopped ? { stopped } : {}),
                ...(spawnError ? { spawnError } : {}),
                durationMs: Date.now() - started,
            });
        };
        const limit = req.stopAfterLines;
        child.stdout?.on('data', (b) => {
            if (stopped)
                return;
            if (limit === undefined)
                return out.push(b);
            // keep whole lines up to the limit, then stop the command: nothing after it is read
            let cut = -1;
            for (let i = b.indexOf(10); i !== -1; i = b.indexOf(10, i + 1)) {
                if (++lines >= limit) {
                    cut = i + 1;
                    break;
                }
            }
            out.push(cut === -1 ? b : b.subarray(0, cut));
            if (cut !== -1) {
                stopped = true;
                const pid = child.pid;
                if (pid !== undefined)
                    signalGroup(pid, 'SIGKILL');
            }
        });
        child.stderr?.on('data', (b) => err.push(b));
        child.on('error', (e) => finish(null, null, e.message));
        // Unsandboxed, a background job may hold the pipe open after the command exits: give the pipe
        // a moment to drain, then stop reading. (In the sandbox the PID namespace ends such jobs.)
        child.on('exit', (code, signal) => {
            drainTimer = setTimeout(() => finish(code, signal), 200);
        });
        child.on('close', (code, signal) => finish(code, signal));
        if (req.signal?.aborted)
            onAbort();
    });
}
function signalGroup(pid, sig) {
    try {
        process.kill(-pid, sig);
    }
    catch {
        // already gone
    }
}
/** Keeps the first and last `limit / 2` bytes of a stream and counts what fell in between. */
class Capture {
    head = [];
    headLen = 0;
    tail = [];
    tailLen = 0;
    dropped = 0;
    half;
    constructor(limit) {
        this.half = Math.max(1024, Math.floor(limit / 2));
    }
    push(chunk) {
        let b = chunk;
        if (this.headLen < this.half) {
            const take = b.subarray(0, this.half - this.headLen);
            this.head.push(take);
            this.headLen += take.length;
            b = b.subarray(take.length);
        }
        if (b.length === 0)
            return;
        this.tail.push(b);
        this.tailLen += b.length;
        while (this.tailLen > this.half) {
            const first = this.tail[0];
            const excess = this.tailLen - this.half;
            if (first.length <= excess) {
                this.tail.shift();
                this.tailLen -= first.length;
                this.dropped += first.length;
            }
            else {
                this.tail[0] = first.subarray(excess);
                this.tailLen -= excess;
                this.dropped += excess;
            }
        }
    }
    text() {
        const head = Buffer.concat(this.head).toString('utf8');
        const tail = Buffer.concat(this.tail).toString('utf8');
        return this.dropped > 0 ? `${head}\n[… ${this.dropped} bytes of output dropped …]\n${tail}` : head + tail;
    }
}


/***/ })

};
