export const id = 397;
export const ids = [397];
export const modules = {

/***/ 89551:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Kx: () => (/* binding */ truncateOutput),
/* harmony export */   dx: () => (/* binding */ commandHint)
/* harmony export */ });
/* unused harmony exports DEFAULT_MAX_LINES, DEFAULT_MAX_CHARS */
/**
 * The one truncation helper every tool uses: long output keeps its head and its tail, and the cut
 * says how much went missing and how to read it (STYLE.md habit 7).
 */
const DEFAULT_MAX_LINES = 400;
const DEFAULT_MAX_CHARS = 20_000;
/** Hint for command output: how to re-run the command and read a part. */
function commandHint(cut) {
    return (`To read them, re-run the command narrowed: pipe through \`| head -n N\`, \`| tail -n N\`, ` +
        `\`| sed -n '${cut.fromLine},${Math.min(cut.toLine, cut.fromLine + 199)}p'\` or \`| grep PATTERN\`, ` +
        `or redirect to a file and view parts of it`);
}
/**
 * Returns `text` unchanged when it fits, else its first and last lines with a marker in between:
 * `[… 1200 lines (48000 characters) omitted: lines 201–1400 of 1600. <hint> …]`. A text made of
 * a few huge lines is cut by characters instead.
 */
function truncateOutput(text, opts = {}) {
    const maxLines = Math.max(2, opts.maxLines ?? DEFAULT_MAX_LINES);
    const maxChars = Math.max(200, opts.maxChars ?? DEFAULT_MAX_CHARS);
    const headShare = Math.min(0.9, Math.max(0.1, opts.headShare ?? 0.5));
    const first = opts.firstLine ?? 1;
    if (text.length <= maxChars && countLines(text, maxLines + 1) <= maxLines)
        return text;
    const lines = text.split('\n');
    const n = lines.length;
    const headLines = Math.max(1, Math.floor(maxLines * headShare));
    const tailLines = Math.max(1, maxLines - headLines);
    const headChars = Math.floor(maxChars * headShare);
    const tailChars = maxChars - headChars;
    let h = 0;
    let used = 0;
    while (h < n && h < headLines && used + lines[h].length + 1 <= headChars)
        used += lines[h++].length + 1;
    let t = 0;
    used = 0;
    while (t < n - h && t < tailLines && used + lines[n - 1 - t].length + 1 <= tailChars)
        used += lines[n - 1 - t++].length + 1;
    if (h + t >= n)
        return text;
    if (h === 0 && t === 0) {
        // A few enormous lines: cut by characters.
        const head = text.slice(0, headChars);
        const tail = text.slice(text.length - tailChars);
        const omitted = text.length - head.length - tail.length;
        const cutLine = first + countLines(head, Infinity) - 1;
        const cut = { fromLine: cutLine, toLine: cutLine, lines: 0, chars: omitted, totalLines: n };
        return `${head}\n[… ${omitted} characters omitted (very long lines). ${hintText(opts, cut)} …]\n${tail}`;
    }
    const omittedLines = lines.slice(h, n - t);
    const chars = omittedLines.reduce((s, l) => s + l.length + 1, 0);
    const cut = { fromLine: first + h, toLine: first + n - t - 1, lines: omittedLines.length, chars, totalLines: n };
    const marker = `[… ${cut.lines} lines (${chars} characters) omitted: lines ${cut.fromLine}–${cut.toLine} ` +
        `of ${first + n - 1}. ${hintText(opts, cut)} …]`;
    const parts = [];
    if (h > 0)
        parts.push(lines.slice(0, h).join('\n'));
    parts.push(marker);
    if (t > 0)
        parts.push(lines.slice(n - t).join('\n'));
    return parts.join('\n');
}
function hintText(opts, cut) {
    return opts.hint ? opts.hint(cut) : 'Ask for a narrower range to read them';
}
/** Counts lines up to `limit` (stops early on huge texts). */
function countLines(text, limit) {
    let count = 1;
    let i = -1;
    while ((i = text.indexOf('\n', i + 1)) !== -1) {
        if (++count > limit)
            return count;
    }
    return count;
}


/***/ }),

/***/ 65397:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   proxiedFetch: () => (/* binding */ proxiedFetch),
/* harmony export */   startMcpServers: () => (/* binding */ startMcpServers)
/* harmony export */ });
/* unused harmony export mcpResultText */
/* harmony import */ var _modelcontextprotocol_sdk_client_index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(30063);
/* harmony import */ var _modelcontextprotocol_sdk_client_stdio_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(12420);
/* harmony import */ var _modelcontextprotocol_sdk_client_streamableHttp_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(42931);
/* harmony import */ var undici__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(46752);
/* harmony import */ var _agent_tools_truncate_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(89551);
/**
 * MCP servers as agent tools (SPEC.md §2, issue #13), through the official client
 * (`@modelcontextprotocol/sdk`, https://modelcontextprotocol.io/specification/2025-06-18):
 * initialize → tools/list once at start, tools/call per `tool_use`.
 *
 * - Local servers run over stdio, started through the run's `CommandRunner.spawnSpec`: inside the
 *   same OS sandbox and network namespace as every command the model causes, with the sandbox's
 *   environment (no credentials) plus the server's own `env`.
 * - Remote servers speak Streamable HTTP from the action's process through `fetch`, which the
 *   caller routes through the egress proxy (the network level applies to them like to commands).
 * - Tools are offered as `<server>__<tool>` with the server's JSON Schema passed through; results
 *   are turned into text and cut by the shared truncation helper; failures come back as `is_error`
 *   tool results. A server that does not start, or stops, is reported and the task goes on
 *   without it.
 */





/**
 * `fetch` through an HTTP proxy (the egress proxy, src/policy/egress-proxy.ts): CONNECT for https,
 * absolute-form requests for http, by undici's `ProxyAgent` (the library behind Node's `fetch`).
 * @param token attributes the requests in the proxy's blocked list (`EgressProxy.setCommand`)
 */
function proxiedFetch(proxyUrl, token) {
    const dispatcher = new undici__WEBPACK_IMPORTED_MODULE_3__.ProxyAgent({ uri: proxyUrl, token: `Basic ${Buffer.from(`kiro:${token}`).toString('base64')}` });
    return (url, init) => (0,undici__WEBPACK_IMPORTED_MODULE_3__.fetch)(url, { ...init, dispatcher });
}
/** Tool names the Messages API accepts (`^[a-zA-Z0-9_-]{1,64}$`). */
function toolName(server, tool, taken) {
    const base = `${server}__${tool}`.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64);
    let name = base;
    for (let i = 2; taken.has(name); i++)
        name = `${base.slice(0, 60)}_${i}`;
    taken.add(name);
    return name;
}
/** A tools/call result as text for a `tool_result`: text parts as they are, other parts described. */
function mcpResultText(result) {
    const parts = [];
    for (const c of Array.isArray(result.content) ? result.content : []) {
        switch (c.type) {
            case 'text':
                parts.push(String(c.text ?? ''));
                break;
            case 'image':
            case 'audio':
                parts.push(`[${String(c.type)} ${String(c.mimeType ?? '')}, ${Math.floor((String(c.data ?? '').length * 3) / 4)} bytes: not shown]`);
                break;
            case 'resource': {
                const r = (c.resource ?? {});
                parts.push(typeof r.text === 'string' ? `[resource ${String(r.uri ?? '')}]\n${r.text}` : `[resource ${String(r.uri ?? '')} (${String(r.mimeType ?? 'binary')}): not shown]`);
                break;
            }
            case 'resource_link':
                parts.push(`[resource link ${String(c.uri ?? '')}${c.name ? ` (${String(c.name)})` : ''}]`);
                break;
            default:
                parts.push(`[${String(c.type)} content: not shown]`);
        }
    }
    if (!parts.length && result.structuredContent !== undefined)
        parts.push(JSON.stringify(result.structuredContent, null, 2));
    return parts.join('\n') || '(no output)';
}
function withTimeout(p, ms, what) {
    let timer;
    return Promise.race([
        p.finally(() => clearTimeout(timer)),
        new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error(`${what} did not finish within ${Math.round(ms / 1000)} s`)), ms);
            timer.unref();
        }),
    ]);
}
/** Keeps the last `limit` characters of a server's stderr, for the report when it fails. */
class Tail {
    limit;
    text = '';
    ended;
    /** Resolves when the stream ended (the process closed its stderr). */
    done = new Promise((r) => (this.ended = r));
    constructor(limit = 2000) {
        this.limit = limit;
    }
    push(chunk) {
        this.text = (this.text + chunk.toString()).slice(-this.limit);
    }
    end() {
        this.ended();
    }
    lastLine() {
        return this.text.trim().split('\n').pop()?.trim() ?? '';
    }
}
/** Connects to one server. `stderr` collects a local server's stderr from the moment it is spawned. */
async function connect(client, cfg, o, stderr) {
    if (cfg.kind === 'stdio') {
        if (!o.runner.spawnSpec) {
            stderr.end();
            throw new Error('commands are not run on this runner (no OS sandbox), so local MCP servers cannot start');
        }
        const spec = o.runner.spawnSpec({ argv: [cfg.command, ...cfg.args], cwd: o.cwd, env: { ...o.env, ...cfg.env } });
        // the SDK adds HOME, PATH, USER… from the action's environment to the spawned process: the
        // spec's own values win (in the sandbox that process is bwrap, whose environment stays minimal)
        const transport = new _modelcontextprotocol_sdk_client_stdio_js__WEBPACK_IMPORTED_MODULE_1__/* .StdioClientTransport */ .oQ({ command: spec.command, args: spec.args, env: { HOME: '/nonexistent', LOGNAME: '', USER: '', SHELL: '', TERM: '', ...spec.env }, cwd: spec.cwd, stderr: 'pipe' });
        transport.stderr?.on('data', (b) => stderr.push(b));
        transport.stderr?.on('end', () => stderr.end());
        await client.connect(transport);
    }
    else {
        const transport = new _modelcontextprotocol_sdk_client_streamableHttp_js__WEBPACK_IMPORTED_MODULE_2__/* .StreamableHTTPClientTransport */ .j(new URL(cfg.url), {
            requestInit: { headers: cfg.headers },
            ...(o.fetchFor ? { fetch: o.fetchFor(cfg.name) } : {}),
        });
        await client.connect(transport);
    }
    return { config: cfg, client, stderr, closing: false };
}
/**
 * Starts every configured server at once (each bounded by `startTimeoutMs`) and lists its tools.
 * Never rejects: a server that fails is in `problems()` with the reason and the last line it
 * wrote to stderr.
 */
async function startMcpServers(config, o) {
    const problems = [...config.problems];
    const startMs = o.startTimeoutMs ?? 30_000;
    const attempts = await Promise.all(config.servers.map(async (cfg) => {
        let running;
        const stderr = new Tail();
        const client = new _modelcontextprotocol_sdk_client_index_js__WEBPACK_IMPORTED_MODULE_0__/* .Client */ .K(o.clientInfo ?? { name: 'kiro-action', version: '1' });
        try {
            running = await withTimeout(connect(client, cfg, o, stderr), startMs, 'starting the server');
            const listed = await withTimeout(running.client.listTools(), startMs, 'listing its tools');
            return { running, tools: listed.tools };
        }
        catch (e) {
            // a server that exited: its last words may still be in the pipe (bounded wait for its end)
            if (cfg.kind === 'stdio')
                await withTimeout(stderr.done, 1000, 'stderr').catch(() => { });
            const last = stderr.lastLine();
            problems.push({ server: cfg.name, reason: `${e.message}${last ? ` (stderr: ${last})` : ''}` });
            // stops a server that hangs in initialize or tools/list too
            await client.close().catch(() => { });
            return undefined;
        }
    }));
    const taken = new Set();
    const tools = [];
    const live = [];
    for (const a of attempts) {
        if (!a)
            continue;
        const r = a.running;
        live.push(r);
        r.client.onclose = () => {
            if (r.closing || r.stopped)
                return;
            r.stopped = `the server stopped during the run${r.stderr.lastLine() ? ` (stderr: ${r.stderr.lastLine()})` : ''}`;
            problems.push({ server: r.config.name, reason: r.stopped });
        };
        for (const t of a.tools)
            tools.push(mcpTool(r, t, toolName(r.config.name, t.name, taken), r.config.timeoutMs ?? o.callTimeoutMs));
    }
    return {
        tools,
        started: live.map((r) => r.config.name),
        problems: () => [...problems],
        close: async () => {
            await Promise.all(live.map(async (r) => {
                r.closing = true;
                await r.client.close().catch(() => { });
            }));
        },
    };
}
function mcpTool(r, t, name, timeoutMs) {
    const server = r.config.name;
    return {
        name,
        definition: {
            name,
            description: `[MCP server "${server}", tool "${t.name}"] ${t.description ?? ''}`.trim().slice(0, 4000),
            input_schema: { ...t.inputSchema, type: 'object' },
        },
        async execute(input, ctx) {
            if (r.stopped)
                return { content: `MCP server "${server}" is no longer running (${r.stopped}); go on without its tools.`, isError: true };
            try {
                const res = await r.client.callTool({ name: t.name, arguments: (input ?? {}) }, undefined, {
                    timeout: timeoutMs,
                    resetTimeoutOnProgress: true,
                    ...(ctx.signal ? { signal: ctx.signal } : {}),
                });
                // an old server may answer in the 2024-10-07 shape (`toolResult`)
                const body = 'toolResult' in res && !('content' in res) ? { structuredContent: res.toolResult } : res;
                return { content: (0,_agent_tools_truncate_js__WEBPACK_IMPORTED_MODULE_4__/* .truncateOutput */ .Kx)(mcpResultText(body)), ...(res.isError ? { isError: true } : {}) };
            }
            catch (e) {
                return { content: `MCP server "${server}" failed on ${t.name}: ${e.message}. Check the arguments against the tool's schema, or go on without it.`, isError: true };
            }
        },
    };
}


/***/ })

};
