export const id = 811;
export const ids = [811];
export const modules = {

/***/ 88492:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $L: () => (/* binding */ createModelClient),
/* harmony export */   Cg: () => (/* binding */ loadProvider)
/* harmony export */ });
/* unused harmony exports ModelError, providerModelId, classifyError, normalizeUsage */
/* harmony import */ var _anthropic_ai_sdk__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2968);
/**
 * The model client: the only file that imports `@anthropic-ai/sdk` at run time.
 *
 * Requests are streamed (`client.messages.stream(params).finalMessage()`,
 * https://docs.anthropic.com/en/api/messages-streaming). Two retry layers:
 * - the SDK's own (`maxRetries`, default 2) on connection errors and 408/409/429/≥500 before the
 *   response starts, honouring `retry-after-ms` / `retry-after`;
 * - ours (`maxAttempts`, default 5, jittered exponential backoff from `retryBaseMs`, capped at
 *   `maxRetryDelayMs`, honouring the same headers) on what the SDK does not retry: a stream cut
 *   mid-message, an `overloaded_error` / `api_error` / `rate_limit_error` delivered as an SSE
 *   `error` event, and 429/5xx/529 answers that exhausted the SDK's retries.
 * 400/401/403/404/413/422 and other request errors are never retried, and an
 * `x-should-retry: true|false` response header overrides the status
 * (https://docs.anthropic.com/en/api/errors).
 */

/** A model call that failed for good. `message` is fit for a status comment (no secrets). */
class ModelError extends Error {
    status;
    type;
    attempts;
    retryable;
    constructor(message, 
    /** HTTP status when there was one. */
    status, 
    /** API error type (`overloaded_error`, `invalid_request_error`, …) when known. */
    type, attempts, retryable) {
        super(message);
        this.status = status;
        this.type = type;
        this.attempts = attempts;
        this.retryable = retryable;
        this.name = 'ModelError';
    }
}
/** How each provider is named in errors, and what to check on 401/403. */
const PROVIDER_TEXT = {
    anthropic: { name: 'Anthropic API', auth: 'check the anthropic-api-key input' },
    bedrock: { name: 'Amazon Bedrock', auth: 'check the AWS credentials (AWS_REGION and keys, or the role from aws-actions/configure-aws-credentials) and that the model is enabled in Bedrock' },
    vertex: { name: 'Google Vertex AI', auth: 'check the Google credentials (google-github-actions/auth), CLOUD_ML_REGION and ANTHROPIC_VERTEX_PROJECT_ID, and that the model is enabled in Vertex AI' },
};
const providerModules = {};
/**
 * Loads a provider's SDK (`@anthropic-ai/bedrock-sdk`, `@anthropic-ai/vertex-sdk`; separate bundle
 * chunks, so start-up does not pay for them). Called before the sandbox opens (code loaded later
 * must not be something a command could have written) and by the client on first use. Cached.
 */
function loadProvider(provider) {
    if (provider === 'anthropic')
        return Promise.resolve(_anthropic_ai_sdk__WEBPACK_IMPORTED_MODULE_0__/* .Anthropic */ .N);
    providerModules[provider] ??= provider === 'bedrock' ? __webpack_require__.e(/* import() */ 820).then(__webpack_require__.bind(__webpack_require__, 41820)) : Promise.all([Promise.all(/* import() */[__webpack_require__.e(492), __webpack_require__.e(33)]).then(__webpack_require__.bind(__webpack_require__, 82033)), __webpack_require__.e(/* import() */ 492).then(__webpack_require__.t.bind(__webpack_require__, 492, 23))]);
    return providerModules[provider];
}
/**
 * The model id as `provider` names it. Bedrock: `claude-x` → `anthropic.claude-x-v1:0` unless the
 * id already is a Bedrock id or inference profile (`…anthropic.…`, an ARN); Vertex and the
 * Messages API take `claude-x` (Vertex also `claude-x@YYYYMMDD`) as given.
 * https://docs.anthropic.com/en/api/claude-on-amazon-bedrock, https://docs.anthropic.com/en/api/claude-on-vertex-ai
 */
function providerModelId(modelId, provider) {
    if (provider !== 'bedrock' || /(^|\.)anthropic\.|^arn:/.test(modelId))
        return modelId;
    return `anthropic.${modelId}-v1:0`;
}
async function sdkClient(opts, provider) {
    const common = { maxRetries: opts.maxRetries ?? 2, ...(opts.timeoutMs !== undefined ? { timeout: opts.timeoutMs } : {}) };
    if (provider === 'bedrock') {
        const { AnthropicBedrock } = (await loadProvider('bedrock'));
        // region, keys or the default AWS credential chain (OIDC web identity, profiles) and
        // ANTHROPIC_BEDROCK_BASE_URL are read by the SDK from the standard environment
        return new AnthropicBedrock(common);
    }
    if (provider === 'vertex') {
        const [{ AnthropicVertex }, { GoogleAuth }] = (await loadProvider('vertex'));
        // CLOUD_ML_REGION, ANTHROPIC_VERTEX_BASE_URL and Google's application default credentials
        // (GOOGLE_APPLICATION_CREDENTIALS from google-github-actions/auth) are read from the standard
        // environment; the project is given to the auth client too, or it would ask Cloud Resource
        // Manager for it (an extra call and an extra permission)
        const googleAuth = new GoogleAuth({ scopes: 'https://www.googleapis.com/auth/cloud-platform', ...(opts.projectId ? { projectId: opts.projectId } : {}) });
        return new AnthropicVertex({ ...common, ...(opts.projectId ? { projectId: opts.projectId } : {}), googleAuth: googleAuth });
    }
    return new _anthropic_ai_sdk__WEBPACK_IMPORTED_MODULE_0__/* .Anthropic */ .N({ apiKey: opts.apiKey, ...(opts.baseURL ? { baseURL: opts.baseURL } : {}), ...common });
}
const RETRYABLE_TYPES = new Set(['overloaded_error', 'api_error', 'rate_limit_error', 'timeout_error']);
const RETRYABLE_STATUS = (s) => s === 408 || s === 409 || s === 429 || s >= 500;
/** Decides whether an error from one streamed attempt is worth another attempt. */
function classifyError(e) {
    if (e instanceof _anthropic_ai_sdk__WEBPACK_IMPORTED_MODULE_0__/* .Anthropic */ .N.APIUserAbortError)
        return { retryable: false, reason: 'request cancelled' };
    if (e instanceof _anthropic_ai_sdk__WEBPACK_IMPORTED_MODULE_0__/* .Anthropic */ .N.APIConnectionError) {
        return { retryable: true, reason: e instanceof _anthropic_ai_sdk__WEBPACK_IMPORTED_MODULE_0__/* .Anthropic */ .N.APIConnectionTimeoutError ? 'request timed out' : `connection error: ${e.message}` };
    }
    if (e instanceof _anthropic_ai_sdk__WEBPACK_IMPORTED_MODULE_0__/* .Anthropic */ .N.APIError) {
        const status = e.status;
        const type = e.type ?? undefined;
        const detail = e.apiMessage ?? e.message;
        const retryAfterMs = retryAfter(e.headers);
        if (status === undefined) {
            // An SSE `error` event after a 200: the API overloaded or failed mid-message.
            return { retryable: type !== undefined && RETRYABLE_TYPES.has(type), type, retryAfterMs, reason: `stream error ${type ?? ''}: ${detail}`.trim() };
        }
        // The server's explicit word wins, as in the SDK.
        const should = e.headers?.get('x-should-retry');
        const retryable = should === 'true' ? true : should === 'false' ? false : RETRYABLE_STATUS(status);
        return { retryable, status, type, retryAfterMs, reason: `${status} ${type ?? ''}: ${detail}` };
    }
    if (e instanceof _anthropic_ai_sdk__WEBPACK_IMPORTED_MODULE_0__/* .Anthropic */ .N.AnthropicError) {
        // Raised while reading the stream: a cut connection, an incomplete or garbled event stream.
        const cause = e.cause;
        const more = cause instanceof Error && cause.message !== e.message ? ` (${cause.message})` : '';
        return { retryable: true, reason: `stream interrupted: ${e.message}${more}` };
    }
    const msg = e instanceof Error ? e.message : String(e);
    return { retryable: false, reason: msg };
}
function retryAfter(headers) {
    if (!headers)
        return undefined;
    const ms = Number.parseFloat(headers.get('retry-after-ms') ?? '');
    if (Number.isFinite(ms) && ms >= 0)
        return ms;
    const raw = headers.get('retry-after');
    if (!raw)
        return undefined;
    const s = Number.parseFloat(raw);
    if (Number.isFinite(s) && s >= 0)
        return s * 1000;
    const at = Date.parse(raw);
    return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}
function hint(c, provider) {
    switch (c.status) {
        case 401:
            return ` — ${PROVIDER_TEXT[provider].auth}`;
        case 403:
            return provider === 'anthropic' ? ' — the API key may not have access to this model' : ` — ${PROVIDER_TEXT[provider].auth}`;
        case 404:
            return ' — check the model id (the `model` input)';
        case 400:
        case 413:
            return ' — the request was rejected as invalid';
        default:
            return '';
    }
}
/** https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/web-fetch-tool */
const WEB_FETCH_BETA = 'web-fetch-2025-09-10';
function sleep(ms, signal) {
    return new Promise((resolve, reject) => {
        if (signal?.aborted)
            return reject(new _anthropic_ai_sdk__WEBPACK_IMPORTED_MODULE_0__/* .Anthropic */ .N.APIUserAbortError());
        const t = setTimeout(() => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
        }, ms);
        const onAbort = () => {
            clearTimeout(t);
            reject(new _anthropic_ai_sdk__WEBPACK_IMPORTED_MODULE_0__/* .Anthropic */ .N.APIUserAbortError());
        };
        signal?.addEventListener('abort', onAbort, { once: true });
    });
}
/** Usage with the nullable cache fields as 0. */
function normalizeUsage(u) {
    return {
        input_tokens: u?.input_tokens ?? 0,
        output_tokens: u?.output_tokens ?? 0,
        cache_creation_input_tokens: u?.cache_creation_input_tokens ?? 0,
        cache_read_input_tokens: u?.cache_read_input_tokens ?? 0,
    };
}
/**
 * Creates the model client. `send` streams one request and returns the final message, or throws
 * `ModelError` (not retryable, or attempts exhausted; `message` names the status, the API's error
 * type and message, and the attempts made).
 *
 * Providers: `anthropic` (the Messages API, `apiKey`), `bedrock` (Amazon Bedrock's
 * InvokeModelWithResponseStream, SigV4 from the standard AWS environment) and `vertex` (Vertex
 * AI's streamRawPredict, Google application default credentials), through Anthropic's SDKs for
 * each; model ids are mapped by `providerModelId`. The Bedrock SDK has no token counting, so its
 * client has no `countTokens` (the loop then estimates).
 *
 * @throws Error for the `anthropic` provider without an API key
 */
function createModelClient(opts) {
    const provider = opts.provider ?? 'anthropic';
    if (provider === 'anthropic' && !opts.apiKey)
        throw new Error('anthropic-api-key is empty: the Anthropic provider needs an API key');
    let clientP;
    const sdk = () => (clientP ??= sdkClient(opts, provider));
    const model = (id) => providerModelId(id, provider);
    const maxAttempts = Math.max(1, opts.maxAttempts ?? 5);
    const base = opts.retryBaseMs ?? 1000;
    const cap = opts.maxRetryDelayMs ?? 60_000;
    const countTokens = async (params) => {
        // the endpoint takes the prompt parts only (no max_tokens, no stream)
        const { messages, system, tools, thinking, tool_choice } = params;
        const client = await sdk();
        const r = await client.messages.countTokens({ model: model(params.model), messages, ...(system ? { system } : {}), ...(tools ? { tools } : {}), ...(thinking ? { thinking } : {}), ...(tool_choice ? { tool_choice } : {}) });
        return r.input_tokens;
    };
    return {
        ...(provider === 'bedrock' ? {} : { countTokens }),
        async send(params, sendOpts = {}) {
            for (let attempt = 1;; attempt++) {
                try {
                    // server tools still in beta need their beta header (web fetch)
                    const betas = (params.tools ?? []).some((t) => t.type?.startsWith('web_fetch_')) ? { 'anthropic-beta': WEB_FETCH_BETA } : undefined;
                    const client = await sdk();
                    const stream = client.messages.stream({ ...params, model: model(params.model) }, { ...(sendOpts.signal ? { signal: sendOpts.signal } : {}), ...(betas ? { headers: betas } : {}) });
                    const message = await stream.finalMessage();
                    return { message, usage: normalizeUsage(message.usage), attempts: attempt };
                }
                catch (e) {
                    const c = classifyError(e);
                    if (sendOpts.signal?.aborted)
                        throw new ModelError('model request cancelled', undefined, undefined, attempt, false);
                    if (!c.retryable || attempt >= maxAttempts) {
                        const tries = attempt > 1 ? ` after ${attempt} attempts` : '';
                        throw new ModelError(`${PROVIDER_TEXT[provider].name} request failed${tries}: ${c.reason}${hint(c, provider)}`, c.status, c.type, attempt, c.retryable);
                    }
                    const backoff = base * 2 ** (attempt - 1) * (0.5 + Math.random() * 0.5);
                    const delay = Math.min(cap, c.retryAfterMs !== undefined && c.retryAfterMs > 0 ? c.retryAfterMs : backoff);
                    try {
                        await sleep(delay, sendOpts.signal);
                    }
                    catch {
                        throw new ModelError('model request cancelled', undefined, undefined, attempt, false);
                    }
                }
            }
        },
    };
}


/***/ }),

/***/ 37398:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H: () => (/* binding */ customToolDefinition),
/* harmony export */   u: () => (/* binding */ defineTool)
/* harmony export */ });
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(98439);

/**
 * A custom tool definition (`{name, description, input_schema}`) whose JSON Schema is generated
 * from the zod schema the loop validates with (zod 4's `z.toJSONSchema`), so the two never drift.
 * Contract: https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/implement-tool-use
 *
 * @throws Error when the schema is not an object schema (`input_schema.type` must be `object`)
 */
function customToolDefinition(name, description, schema) {
    // io: 'input' — the schema describes what the model sends (fields with defaults are optional).
    const json = zod__WEBPACK_IMPORTED_MODULE_0__/* .toJSONSchema */ .bl(schema, { io: 'input' });
    if (json['type'] !== 'object')
        throw new Error(`tool ${name}: the input schema must be a z.object(...)`);
    delete json['$schema'];
    return { name, description, input_schema: json };
}
/**
 * A custom tool as data (STYLE.md: name, schema, description, `execute`): the definition is built
 * from `schema`, and the loop validates the model's input against it before `execute` sees it.
 */
function defineTool(name, description, schema, execute) {
    return { name, definition: customToolDefinition(name, description, schema), inputSchema: schema, execute: (raw, ctx) => execute(raw, ctx) };
}


/***/ }),

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

/***/ 29395:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ix: () => (/* binding */ execGit),
/* harmony export */   XS: () => (/* binding */ GitError),
/* harmony export */   d7: () => (/* binding */ isNonFastForward)
/* harmony export */ });
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(31421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);


class GitError extends Error {
    args;
    result;
    constructor(args, result) {
        super(`git ${args[0] ?? ''} failed (exit ${result.code}): ${result.stderr.trim().split('\n').slice(-3).join(' | ')}`);
        this.args = args;
        this.result = result;
        this.name = 'GitError';
    }
}
/**
 * Environment every git call of the action gets. The action's git must read nothing the model
 * can write (issue #9): no global or system config (`GIT_CONFIG_GLOBAL=/dev/null`,
 * `GIT_CONFIG_NOSYSTEM`: a model-planted `~/.gitconfig` with a filter, `diff.external`,
 * `http.proxy` or `url.*` rewrite never applies), `HOME`/`XDG_CONFIG_HOME` pointing nowhere (no
 * `~/.config/git/attributes`), a fixed `PATH` of system directories (git's helpers are found in
 * its exec-path; a `git` wrapper in `~/.local/bin` never runs), and the caller's `GIT_*`
 * variables dropped except `GIT_CONFIG_COUNT` entries that the workflow set (tests add
 * `url.<loopback>.insteadOf` rewrites that way). Never prompt, never page.
 */
function fixedEnv(extra) {
    const base = {};
    for (const [k, v] of Object.entries(process.env)) {
        if (v === undefined)
            continue;
        if (k.startsWith('GIT_') && !/^GIT_CONFIG_(COUNT|KEY_\d+|VALUE_\d+)$/.test(k))
            continue;
        base[k] = v;
    }
    return {
        ...base,
        PATH: TRUSTED_PATH,
        HOME: '/dev/null',
        XDG_CONFIG_HOME: '/dev/null',
        GIT_CONFIG_GLOBAL: '/dev/null',
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_TERMINAL_PROMPT: '0',
        GIT_PAGER: 'cat',
        PAGER: 'cat',
        GIT_ASKPASS: '',
        SSH_ASKPASS: '',
        GCM_INTERACTIVE: 'never',
        LC_ALL: 'C',
        ...extra,
    };
}
/** System directories only: never the job's `PATH`, which a model could have reached through a file the workflow sources. */
const TRUSTED_PATH = '/usr/bin:/bin:/usr/sbin:/sbin';
/** git by absolute path (`/usr/bin/git` on GitHub's runners and Debian). */
const GIT = ['/usr/bin/git', '/bin/git', '/usr/local/bin/git'].find((p) => (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)(p)) ?? 'git';
/**
 * Config every git call of the action runs with, overriding anything in a repository's own
 * config (a clone the action made, the state store's, the trusted directory — and, before the
 * first model command, the checkout's `.git`): no hooks, no fsmonitor command, no credential
 * helper, no attributes file, no `ext::` transport. (`diff.external` and filter drivers can only
 * come from config, which is ours alone; callers that diff pass `--no-ext-diff --no-textconv`.)
 */
const HARDENING = [
    '-c', 'core.hooksPath=/dev/null',
    '-c', 'core.fsmonitor=false',
    '-c', 'core.sshCommand=ssh',
    '-c', 'credential.helper=',
    '-c', 'protocol.ext.allow=never',
    '-c', 'core.attributesFile=/dev/null',
];
/**
 * The only function in the action that runs git. Spawns asynchronously (a synchronous spawn would
 * deadlock a test process that also hosts the git HTTP remote, see NOTES.md).
 *
 * @param args git arguments, e.g. `['push', 'origin', 'HEAD:refs/heads/x']`
 * @throws GitError on a non-zero exit unless `allowFailure` is set
 */
async function execGit(args, opts) {
    const result = await new Promise((resolve, reject) => {
        const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(GIT, [...HARDENING, ...args], {
            cwd: opts.cwd,
            env: fixedEnv(opts.env),
            stdio: ['pipe', 'pipe', 'pipe'],
        });
        const out = [];
        const err = [];
        child.stdout.on('data', (b) => out.push(b));
        child.stderr.on('data', (b) => err.push(b));
        const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 120_000);
        child.on('error', (e) => {
            clearTimeout(timer);
            reject(e);
        });
        child.on('close', (code) => {
            clearTimeout(timer);
            resolve({
                code: code ?? 1,
                stdout: Buffer.concat(out).toString(opts.encoding ?? 'utf8'),
                stderr: Buffer.concat(err).toString('utf8'),
            });
        });
        // git may exit before reading stdin (most commands never read it): the write then fails with
        // EPIPE, which without a listener is an uncaught 'error' event that kills the process. The
        // exit code reports what happened.
        child.stdin.on('error', () => undefined);
        child.stdin.end(opts.input ?? '');
    });
    if (result.code !== 0 && !opts.allowFailure)
        throw new GitError(args, result);
    return result;
}
/** True when a push failed because the remote moved (non-fast-forward / fetch first / stale info). */
function isNonFastForward(r) {
    return /non-fast-forward|fetch first|\[rejected\]|stale info|cannot lock ref|failed to update ref/i.test(r.stderr);
}


/***/ }),

/***/ 14134:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D_: () => (/* binding */ fetchBranch),
/* harmony export */   Jo: () => (/* binding */ diffAgainst),
/* harmony export */   Nt: () => (/* binding */ cloneWorkspace),
/* harmony export */   OM: () => (/* binding */ changedFilesSince),
/* harmony export */   RK: () => (/* binding */ logSince),
/* harmony export */   TV: () => (/* binding */ pushBranch),
/* harmony export */   c5: () => (/* binding */ checkoutTaskBranch),
/* harmony export */   cw: () => (/* binding */ noreplyEmail),
/* harmony export */   hu: () => (/* binding */ scrubPersistedCredentials),
/* harmony export */   oV: () => (/* binding */ filesOfCommit),
/* harmony export */   pU: () => (/* binding */ excludeFromCommits),
/* harmony export */   po: () => (/* binding */ commitWorkTree),
/* harmony export */   xF: () => (/* binding */ headSha)
/* harmony export */ });
/* unused harmony export ensureTrustedRepo */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _auth_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(5768);
/* harmony import */ var _exec_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(29395);
/* harmony import */ var _workspace_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(63773);
/**
 * The action's trusted git (issue #9, docs/security.md "The boundary"). The workspace's own
 * `.git` is the model's scratch; the action keeps its own git directory outside the sandbox's
 * view (`RepoContext.gitDir`, under `$RUNNER_TEMP`) and uses the work tree only as data: it
 * stages the work tree's files into its own index, checks the whole change (protected paths,
 * secrets) there, and builds the commits it pushes itself — with the bot identity and a
 * `Co-authored-by:` trailer (https://docs.github.com/pull-requests/committing-changes-to-your-project/creating-and-editing-commits/creating-a-commit-with-multiple-authors).
 * Commits the model made in its own `.git` are never pushed. Every call goes through `execGit`
 * (no global or system config, no attributes file, no hooks, an absolute git, a fixed `PATH`);
 * the credential travels in the environment of fetches and pushes alone (src/git/auth.ts).
 * After each commit the model's `.git` is brought in step through the sandbox
 * (`RepoContext.workspaceGit`, src/git/workspace.ts), so `git status` and `git diff` keep making
 * sense to it.
 */






const env = (ctx) => (0,_auth_js__WEBPACK_IMPORTED_MODULE_5__/* .authEnv */ .mx)(ctx.serverUrl, ctx.token);
/** Git on the trusted directory with the workspace as its work tree. */
function git(ctx, args, opts = {}) {
    return (0,_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .execGit */ .Ix)([`--git-dir=${ctx.gitDir}`, `--work-tree=${ctx.dir}`, ...args], { cwd: ctx.dir, ...opts });
}
/**
 * Creates the trusted git directory on first use: a bare repository used with an explicit work
 * tree, `origin` pointing at the repository on `serverUrl` (GHES-safe). Idempotent.
 */
async function ensureTrustedRepo(ctx) {
    if ((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(node_path__WEBPACK_IMPORTED_MODULE_2___default().join(ctx.gitDir, 'HEAD')))
        return;
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir)(ctx.gitDir, { recursive: true, mode: 0o700 });
    await (0,_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .execGit */ .Ix)(['init', '-q', '--bare', ctx.gitDir], { cwd: ctx.gitDir });
    const cfg = (k, v) => (0,_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .execGit */ .Ix)([`--git-dir=${ctx.gitDir}`, 'config', k, v], { cwd: ctx.gitDir });
    await cfg('core.bare', 'false');
    await cfg('remote.origin.url', (0,_auth_js__WEBPACK_IMPORTED_MODULE_5__/* .repositoryUrl */ .Ek)(ctx.serverUrl, ctx.repository));
    await cfg('remote.origin.fetch', '+refs/heads/*:refs/remotes/origin/*');
}
/** GitHub's noreply address for a user: `<id>+<login>@users.noreply.github.com`. */
function noreplyEmail(login, id) {
    return `${id}+${login}@users.noreply.github.com`;
}
/**
 * Removes credentials actions/checkout persisted in `.git/config` (an `http.<url>.extraheader`
 * with the token, or an `includeIf` pointing at a credentials file), so that the model's shell
 * cannot read them. The action authenticates its own git calls through the environment.
 */
async function scrubPersistedCredentials(dir) {
    const removed = [];
    const r = await (0,_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .execGit */ .Ix)(['config', '--local', '--name-only', '--get-regexp', '^(http\\..*\\.extraheader|includeif\\..*\\.path)$'], { cwd: dir, allowFailure: true });
    for (const key of new Set(r.stdout.split('\n').filter(Boolean))) {
        await (0,_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .execGit */ .Ix)(['config', '--local', '--unset-all', key], { cwd: dir, allowFailure: true });
        removed.push(key);
    }
    // the remote URL itself may carry a token (https://x-access-token:<t>@host/...)
    const url = (await (0,_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .execGit */ .Ix)(['remote', 'get-url', 'origin'], { cwd: dir, allowFailure: true })).stdout.trim();
    if (/^https?:\/\/[^/@]+@/.test(url)) {
        await (0,_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .execGit */ .Ix)(['remote', 'set-url', 'origin', url.replace(/^(https?:\/\/)[^/@]+@/, '$1')], { cwd: dir });
        removed.push('remote.origin.url credentials');
    }
    return removed;
}
/**
 * Creates a work tree for a repository the workflow did not check out (a batch child): a fresh
 * shallow clone of `branch` in `o.dir`, fetched with the token through the environment (never
 * written to its config). The clone's `.git` is the model's from then on.
 * @throws when the branch does not exist
 */
async function cloneWorkspace(o, branch) {
    await (0,_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .execGit */ .Ix)(['init', '-q'], { cwd: o.dir });
    await (0,_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .execGit */ .Ix)(['remote', 'add', 'origin', (0,_auth_js__WEBPACK_IMPORTED_MODULE_5__/* .repositoryUrl */ .Ek)(o.serverUrl, o.repository)], { cwd: o.dir });
    const args = ['fetch', '--no-tags', '--depth=1', 'origin', `+refs/heads/${branch}:refs/remotes/origin/${branch}`];
    const r = await retryTransient(() => (0,_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .execGit */ .Ix)(args, { cwd: o.dir, env: (0,_auth_js__WEBPACK_IMPORTED_MODULE_5__/* .authEnv */ .mx)(o.serverUrl, o.token), allowFailure: true }));
    if (r.code !== 0) {
        if (/couldn't find remote ref|not found/i.test(r.stderr))
            throw new Error(`cannot clone ${o.repository}: its default branch '${branch}' was not found`);
        throw new _exec_js__WEBPACK_IMPORTED_MODULE_3__/* .GitError */ .XS(args, r);
    }
    const sha = (await (0,_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .execGit */ .Ix)(['rev-parse', `refs/remotes/origin/${branch}`], { cwd: o.dir })).stdout.trim();
    await (0,_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .execGit */ .Ix)(['checkout', '-q', '--force', '-B', branch, sha], { cwd: o.dir });
    return sha;
}
/** Fetches `branch` from origin into the trusted directory; returns its tip sha, or undefined when the branch does not exist. */
async function fetchBranch(ctx, branch, depth) {
    await ensureTrustedRepo(ctx);
    const args = ['fetch', '--no-tags', '--prune', ...(depth ? [`--depth=${depth}`] : []), 'origin', `+refs/heads/${branch}:refs/remotes/origin/${branch}`];
    const r = await retryTransient(() => git(ctx, args, { env: env(ctx), allowFailure: true }));
    if (r.code !== 0) {
        if (/couldn't find remote ref|not found/i.test(r.stderr))
            return undefined;
        throw new _exec_js__WEBPACK_IMPORTED_MODULE_3__/* .GitError */ .XS(args, r);
    }
    return (await git(ctx, ['rev-parse', `refs/remotes/origin/${branch}`])).stdout.trim();
}
/**
 * Checks out the task branch: the existing remote branch when there is one (a continuation or a
 * feedback round), else a new branch from `base`. The trusted directory's HEAD and index move to
 * it; the work tree is checked out by the model's own git in the sandbox (it is the model's).
 * Returns the base commit the task's work starts from.
 * @throws when the base branch does not exist, or the work tree cannot be checked out
 */
async function checkoutTaskBranch(ctx, branch, base) {
    const baseSha = await fetchBranch(ctx, base);
    if (!baseSha)
        throw new Error(`the base branch '${base}' does not exist on origin`);
    const existing = await fetchBranch(ctx, branch);
    const tip = existing ?? baseSha;
    await git(ctx, ['update-ref', `refs/heads/${branch}`, tip]);
    await git(ctx, ['symbolic-ref', 'HEAD', `refs/heads/${branch}`]);
    await git(ctx, ['read-tree', tip]);
    await syncWorkspace(ctx, 'checkout', branch, tip);
    // the index's file stats come from the sandbox's checkout: refresh them once, so staging is quick
    await git(ctx, ['update-index', '-q', '--refresh'], { allowFailure: true });
    return { baseSha, resumed: existing !== undefined };
}
/**
 * Brings the model's `.git` to `sha` on `branch` through the sandbox: `checkout` replaces the
 * work tree (task start), `reset` only moves HEAD and the index (after the action's commit, the
 * work tree already holds that content). A failed `checkout` throws (the work tree would not be
 * the branch's); a failed `reset` only leaves the model's view stale.
 */
async function syncWorkspace(ctx, mode, branch, sha) {
    const w = ctx.workspaceGit;
    if (!w) {
        if (mode === 'checkout')
            throw new Error('checking out the task branch needs the sandbox (RepoContext.workspaceGit)');
        return;
    }
    const steps = [['fetch', '-q', '--no-tags', ctx.gitDir, `+refs/heads/${branch}:refs/remotes/origin/${branch}`]];
    if (mode === 'checkout')
        steps.push(['checkout', '-q', '-f', '-B', branch, sha]);
    else
        steps.push(['symbolic-ref', 'HEAD', `refs/heads/${branch}`], ['reset', '-q', sha]);
    for (const args of steps) {
        const r = await (0,_workspace_js__WEBPACK_IMPORTED_MODULE_4__/* .workspaceGit */ .s)(w, args, [ctx.gitDir]);
        if (r.code !== 0) {
            const why = `git ${args[0]} in the workspace failed (exit ${r.code}): ${r.stderr.trim().split('\n').slice(-2).join(' | ')}`;
            if (mode === 'checkout')
                throw new Error(why);
            return;
        }
    }
}
/** The trusted HEAD sha. */
async function headSha(ctx) {
    return (await git(ctx, ['rev-parse', 'HEAD'])).stdout.trim();
}
/**
 * Commits the work tree's content as the bot, with `Co-authored-by:` trailers, in the trusted
 * directory: stages every file (respecting .gitignore and the trusted `info/exclude`), unstages
 * what `checks.refuse` names over the whole change, replaces secrets in staged blobs, commits and
 * moves the model's `.git` along. Files the model changed but may not commit are restored in the
 * work tree through the sandbox.
 */
async function commitWorkTree(ctx, message, author, coAuthors, checks) {
    await git(ctx, ['add', '--all']);
    const changed = await stagedChanges(ctx);
    const refused = checks.refuse(changed.map((c) => c.path));
    if (refused.length)
        await git(ctx, ['reset', '-q', 'HEAD', '--', ...refused.map(literal)]);
    const scrubbed = await scrubStaged(ctx, changed.filter((c) => c.status !== 'D' && !refused.includes(c.path)).map((c) => c.path), checks.secrets());
    const staged = await git(ctx, ['diff', '--cached', '--quiet', 'HEAD'], { allowFailure: true });
    let sha;
    if (staged.code !== 0) {
        const trailers = coAuthors.map((c) => `Co-authored-by: ${c.name} <${c.email}>`);
        const full = trailers.length ? `${message.trim()}\n\n${trailers.join('\n')}\n` : `${message.trim()}\n`;
        await git(ctx, ['commit', '-q', '--no-verify', '--no-gpg-sign', '-F', '-'], {
            input: full,
            env: { GIT_AUTHOR_NAME: author.name, GIT_AUTHOR_EMAIL: author.email, GIT_COMMITTER_NAME: author.name, GIT_COMMITTER_EMAIL: author.email },
        });
        sha = await headSha(ctx);
    }
    const branch = (await git(ctx, ['symbolic-ref', '--short', 'HEAD'], { allowFailure: true })).stdout.trim();
    if (branch && (sha || refused.length))
        await syncWorkspace(ctx, 'reset', branch, sha ?? (await headSha(ctx)));
    if (refused.length && ctx.workspaceGit) {
        // put the refused files back as the commit has them (tracked) or remove them (new)
        const head = await headSha(ctx);
        const tracked = (await git(ctx, ['ls-tree', '-r', '--name-only', '-z', head, '--', ...refused.map(literal)])).stdout.split('\0').filter(Boolean);
        if (tracked.length)
            await (0,_workspace_js__WEBPACK_IMPORTED_MODULE_4__/* .workspaceGit */ .s)(ctx.workspaceGit, ['checkout', head, '--', ...tracked.map(literal)]);
        const fresh = refused.filter((p) => !tracked.includes(p));
        if (fresh.length)
            await (0,_workspace_js__WEBPACK_IMPORTED_MODULE_4__/* .workspaceGit */ .s)(ctx.workspaceGit, ['clean', '-f', '-q', '--', ...fresh.map(literal)]);
    }
    return { ...(sha ? { sha } : {}), refused, scrubbed };
}
/** A pathspec that matches exactly this path (no glob magic in file names). */
const literal = (p) => `:(literal)${p}`;
/** Staged changes against HEAD: status letter and path (renames are not detected: add + delete). */
async function stagedChanges(ctx) {
    const r = await git(ctx, ['diff', '--cached', '--no-renames', '--name-status', '-z', 'HEAD']);
    const parts = r.stdout.split('\0');
    const out = [];
    for (let i = 0; i + 1 < parts.length; i += 2)
        out.push({ status: parts[i], path: parts[i + 1] });
    return out;
}
/**
 * Replaces every registered secret form in the staged blobs of `paths` with `***` (new blobs,
 * written into the trusted index), so no commit carries one whatever the work tree holds.
 */
async function scrubStaged(ctx, paths, forms) {
    const needles = [...new Set(forms)].filter((f) => f.length >= 4).sort((a, b) => b.length - a.length);
    if (!needles.length || !paths.length)
        return [];
    const out = [];
    const entries = (await git(ctx, ['ls-files', '-s', '-z', '--', ...paths.map(literal)])).stdout.split('\0').filter(Boolean);
    for (const e of entries) {
        const m = /^(\d+) ([0-9a-f]+) \d\t(.*)$/s.exec(e);
        if (!m || m[1] === '160000')
            continue;
        const [, mode, blob, p] = m;
        const text = (await git(ctx, ['cat-file', 'blob', blob], { encoding: 'latin1' })).stdout;
        let count = 0;
        let next = text;
        for (const n of needles) {
            const needle = Buffer.from(n, 'utf8').toString('latin1');
            const parts = next.split(needle);
            count += parts.length - 1;
            next = parts.join('***');
        }
        if (!count)
            continue;
        const sha = (await git(ctx, ['hash-object', '-w', '--stdin'], { input: Buffer.from(next, 'latin1') })).stdout.trim();
        await git(ctx, ['update-index', '--cacheinfo', `${mode},${sha},${p}`]);
        out.push({ path: p, count });
    }
    return out;
}
/**
 * Pushes HEAD to `refs/heads/<branch>` without force (the agent never force-pushes). When the
 * remote branch moved (someone else pushed), its commits are merged in — in the trusted
 * directory, with `git merge-tree` (no work tree involved), the work tree then checked out to the
 * merge through the sandbox — and the push is tried again; the caller re-runs verification when
 * `merged` is set. When the branches conflict, or the remote refuses the branch (a ruleset, a
 * protected branch, a pre-receive hook), the work is pushed to a side branch
 * `<branch>-kiro-<time>` instead and `sideBranch`/`reason` say so.
 * @param identity author and committer of a merge commit
 * @throws when even the side branch is refused, or on other git failures
 */
async function pushBranch(ctx, branch, identity) {
    const sha = await headSha(ctx);
    if (ctx.dryRun) {
        if (ctx.onSkippedPush) {
            // the commits the push would have sent: those not on any remote-tracking branch
            const log = (await git(ctx, ['log', '--format=%H %s', sha, '--not', '--remotes'])).stdout;
            const patch = (await git(ctx, ['log', '-p', '--format=commit %H%nAuthor: %an <%ae>%n%n%B', sha, '--not', '--remotes'])).stdout;
            ctx.onSkippedPush({ branch, sha, log, patch });
        }
        return { pushed: false, sha };
    }
    const push = (ref) => retryTransient(() => git(ctx, ['push', '--porcelain', 'origin', `HEAD:refs/heads/${ref}`], { env: env(ctx), allowFailure: true }));
    // once the branch refused the work, this run keeps using its side branch
    const earlier = sideBranches.get(ctx)?.get(branch);
    if (earlier) {
        const again = await push(earlier.side);
        if (again.code !== 0)
            throw new _exec_js__WEBPACK_IMPORTED_MODULE_3__/* .GitError */ .XS(['push', 'origin', `HEAD:refs/heads/${earlier.side}`], again);
        return { pushed: true, sha, sideBranch: earlier.side, reason: earlier.reason };
    }
    let r = await push(branch);
    if (r.code === 0)
        return { pushed: true, sha };
    // with --porcelain the per-ref verdict ("[rejected] … (non-fast-forward)") is on stdout
    const said = `${r.stdout}\n${r.stderr}`;
    let reason = pushRefusal(said);
    if ((0,_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .isNonFastForward */ .d7)({ ...r, stderr: said }) && !isRuleRejection(said)) {
        const remote = await fetchBranch(ctx, branch);
        const merged = remote ? await mergeRemote(ctx, branch, remote, identity) : undefined;
        if (merged) {
            r = await push(branch);
            if (r.code === 0)
                return { pushed: true, sha: merged, merged: true };
            reason = pushRefusal(`${r.stdout}\n${r.stderr}`);
        }
        else {
            reason = `\`${branch}\` changed on the remote and its changes conflict with the agent's`;
        }
    }
    const side = `${branch}-kiro-${Date.now().toString(36)}`;
    const s = await push(side);
    if (s.code !== 0)
        throw new _exec_js__WEBPACK_IMPORTED_MODULE_3__/* .GitError */ .XS(['push', 'origin', `HEAD:refs/heads/${side}`], s);
    const memo = sideBranches.get(ctx) ?? new Map();
    memo.set(branch, { side, reason });
    sideBranches.set(ctx, memo);
    return { pushed: true, sha: await headSha(ctx), sideBranch: side, reason };
}
/** The side branch each task branch was diverted to, per repository context (one run). */
const sideBranches = new WeakMap();
/** A ruleset, a protected branch or a pre-receive hook refused the push. */
function isRuleRejection(stderr) {
    return /GH013|GH006|rule violations|protected branch|pre-receive hook declined|hook declined/i.test(stderr);
}
/** One line saying why the remote refused a push (`remote:` lines first). */
function pushRefusal(stderr) {
    const remote = stderr.split('\n').filter((l) => /^remote:\s*\S/.test(l)).map((l) => l.replace(/^remote:\s*/, ''));
    const line = remote[0] ?? stderr.split('\n').find((l) => /rejected|denied|declined|error/i.test(l)) ?? 'the push was refused';
    return `the remote refused the push: ${line.trim().slice(0, 200)}`;
}
/**
 * Merges the remote branch tip into HEAD without touching the work tree (`git merge-tree
 * --write-tree`, git ≥ 2.38), commits the merge, and checks the result out in the work tree
 * through the sandbox. @returns the merge commit, or undefined on a conflict
 */
async function mergeRemote(ctx, branch, remote, identity) {
    const m = await git(ctx, ['merge-tree', '--write-tree', '--no-messages', 'HEAD', remote], { allowFailure: true });
    if (m.code !== 0)
        return undefined;
    const tree = m.stdout.split('\n')[0].trim();
    const who = identity ?? { name: 'kiro-action[bot]', email: 'kiro-action@users.noreply.github.com' };
    const commit = (await git(ctx, ['commit-tree', tree, '-p', 'HEAD', '-p', remote, '-m', `Merge the remote changes of ${branch}`], {
        env: { GIT_AUTHOR_NAME: who.name, GIT_AUTHOR_EMAIL: who.email, GIT_COMMITTER_NAME: who.name, GIT_COMMITTER_EMAIL: who.email },
    })).stdout.trim();
    await git(ctx, ['update-ref', `refs/heads/${branch}`, commit]);
    await git(ctx, ['read-tree', commit]);
    await syncWorkspace(ctx, 'checkout', branch, commit);
    await git(ctx, ['update-index', '-q', '--refresh'], { allowFailure: true });
    return commit;
}
/** Unified diff of the work tree's HEAD against `base` (what the PR will show). */
async function diffAgainst(ctx, base, opts = {}) {
    const r = await git(ctx, ['diff', ...(opts.stat ? ['--stat'] : []), `${base}...HEAD`]);
    return r.stdout;
}
/** Files changed between `base` and HEAD with their status letter. */
async function changedFilesSince(ctx, base) {
    const r = await git(ctx, ['diff', '--name-status', `${base}...HEAD`]);
    return r.stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => {
        const [status, ...rest] = l.split('\t');
        return { status: status ?? '', path: rest[rest.length - 1] ?? '' };
    });
}
/** Commit log `base..HEAD`: sha, subject, body. */
async function logSince(ctx, base) {
    const r = await git(ctx, ['log', '--format=%H%x1f%s%x1f%b%x1e', `${base}..HEAD`]);
    return r.stdout
        .split('\x1e')
        .map((s) => s.trim())
        .filter(Boolean)
        .map((s) => {
        const [sha, subject, body] = s.split('\x1f');
        return { sha: sha ?? '', subject: subject ?? '', body: (body ?? '').trim() };
    });
}
/** Retries a network git call on transient failures (5xx, connection resets), 3 attempts. */
async function retryTransient(fn) {
    let last;
    for (let attempt = 0; attempt < 3; attempt++) {
        try {
            const r = await fn();
            if (r.code === 0 || !isTransient(r.stderr))
                return r;
            last = r;
        }
        catch (e) {
            if (!(e instanceof _exec_js__WEBPACK_IMPORTED_MODULE_3__/* .GitError */ .XS) || !isTransient(e.result.stderr))
                throw e;
            last = e;
        }
        await new Promise((res) => setTimeout(res, 250 * 2 ** attempt));
    }
    if (last instanceof Error)
        throw last;
    return last;
}
function isTransient(stderr) {
    return /(HTTP|error:) 5\d\d|The requested URL returned error: 5|Connection reset|Could not resolve host|timed out|early EOF|unexpected disconnect/i.test(stderr);
}
/** Paths a commit changed (`git show --name-only`), from the trusted directory. */
async function filesOfCommit(ctx, sha) {
    const out = await git(ctx, ['show', '--name-only', '--format=', sha], { allowFailure: true });
    return out.stdout.split('\n').filter(Boolean);
}
/**
 * Adds patterns to the trusted directory's `info/exclude` (ignore rules for the action's commits,
 * never committed), skipping those already present.
 */
async function excludeFromCommits(ctx, patterns) {
    await ensureTrustedRepo(ctx);
    const file = node_path__WEBPACK_IMPORTED_MODULE_2___default().join(ctx.gitDir, 'info', 'exclude');
    let current = '';
    try {
        current = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readFile)(file, 'utf8');
    }
    catch {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir)(node_path__WEBPACK_IMPORTED_MODULE_2___default().dirname(file), { recursive: true });
    }
    const lines = new Set(current.split('\n').map((l) => l.trim()));
    const missing = patterns.filter((p) => !lines.has(p));
    if (missing.length)
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.appendFile)(file, `${current && !current.endsWith('\n') ? '\n' : ''}${missing.join('\n')}\n`);
}


/***/ }),

/***/ 63773:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   s: () => (/* binding */ workspaceGit)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/**
 * Git on the model's side of the boundary: the workspace's own `.git` is the model's scratch (its
 * config, hooks and attributes are whatever the model made them), so every git command on it
 * runs through the sandboxed process runner like any command the model causes, and its output is
 * data. The action's own commits and pushes use a separate, trusted git directory
 * (src/git/trusted.ts) and never read this one.
 */

const GIT = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)('/usr/bin/git') ? '/usr/bin/git' : 'git';
/**
 * Runs `git <args>` in the workspace inside the sandbox. Never throws; a spawn failure or a
 * refusal (no sandbox, fail-closed) is exit code 127 with the reason in `stderr`.
 * @param readOnly host paths the command may read besides the sandbox's view (the trusted git directory, to fetch the action's commits)
 */
async function workspaceGit(ctx, args, readOnly = []) {
    const r = await ctx.runner.run({
        argv: [GIT, '-c', 'core.pager=cat', ...args],
        cwd: ctx.workspace,
        env: { ...ctx.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
        timeoutMs: ctx.timeoutMs,
        separateStderr: true,
        ...(readOnly.length ? { view: { readOnly } } : {}),
    });
    if (r.spawnError)
        return { code: 127, stdout: '', stderr: r.spawnError };
    return { code: r.code ?? (r.timedOut ? 124 : 1), stdout: r.output, stderr: r.stderr + (r.timedOut ? '\n(timed out)' : '') };
}


/***/ }),

/***/ 72971:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BO: () => (/* binding */ renderDiscussion),
/* harmony export */   CE: () => (/* binding */ PermissionCache),
/* harmony export */   _$: () => (/* binding */ readSteering),
/* harmony export */   bI: () => (/* binding */ repositoryLayout),
/* harmony export */   cC: () => (/* binding */ trustedComments),
/* harmony export */   yi: () => (/* binding */ renderIssue)
/* harmony export */ });
/* unused harmony exports Budgets, cutToBudget */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _constants_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(27242);
/* harmony import */ var _git_exec_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(29395);
/* harmony import */ var _policy_sanitize_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(31039);
/**
 * What the sub-agents are told about a task: the issue and its discussion (sanitised and fenced
 * as data), the team's steering files, the owner's learnings and the repository layout.
 *
 * Trust rules (SPEC.md §4): text written by users is data; only comments by the owner and by
 * people with write access are included; content created or edited after the trigger is left out;
 * the action's own comments (recognised by their hidden markers) are left out.
 */





const WRITE = new Set(['write', 'maintain', 'admin']);
const OWN_MARKER = /<!-- kiro-action:/;
/** Caches permission lookups per login for one run. */
class PermissionCache {
    svc;
    cache = new Map();
    constructor(svc) {
        this.svc = svc;
    }
    canWrite(login) {
        let p = this.cache.get(login);
        if (!p) {
            p = this.svc.github.getPermission(this.svc.repo, login).then((perm) => WRITE.has(perm));
            this.cache.set(login, p);
        }
        return p;
    }
}
/**
 * Comments that count as the discussion of a task: by writers, not the action's own, created and
 * last edited no later than `before` (ISO time), oldest first.
 */
async function trustedComments(svc, perms, comments, before, excludeIds = []) {
    const cutoff = Date.parse(before);
    const out = [];
    for (const c of comments) {
        if (excludeIds.includes(c.id) || OWN_MARKER.test(c.body))
            continue;
        if (Number.isFinite(cutoff) && (Date.parse(c.createdAt) > cutoff || Date.parse(c.updatedAt) > cutoff))
            continue;
        if (c.user.type === 'Bot')
            continue;
        if (!(await perms.canWrite(c.user.login)))
            continue;
        out.push(c);
    }
    return out;
}
/** Renders comments as fenced data blocks, one per comment. */
function renderDiscussion(comments) {
    if (!comments.length)
        return '(no comments)';
    // the newest comments matter most: older ones give way first when the discussion is long
    let budget = Budgets.discussion;
    const parts = [];
    for (const c of [...comments].reverse()) {
        const text = cutToBudget((0,_policy_sanitize_js__WEBPACK_IMPORTED_MODULE_4__/* .sanitizeUntrusted */ ._2)(c.body), Math.min(Budgets.comment, Math.max(budget, 0)), 'comment');
        budget -= text.length;
        parts.unshift((0,_policy_sanitize_js__WEBPACK_IMPORTED_MODULE_4__/* .fenceUntrusted */ .C0)(`comment by @${c.user.login} at ${c.createdAt}`, text));
        if (budget <= 0)
            break;
    }
    const dropped = comments.length - parts.length;
    return [...(dropped > 0 ? [`(${dropped} older comment(s) not shown: the discussion is longer than the budget)`] : []), ...parts].join('\n\n');
}
/**
 * Characters of untrusted text one prompt may carry (issue #11: a single 1 MB issue body must not
 * fill the context window): the issue body, each comment, the whole discussion.
 */
const Budgets = { issueBody: 40_000, comment: 8_000, discussion: 40_000 };
/** `text` cut to `max` characters, with a note saying how much was left out. */
function cutToBudget(text, max, what) {
    if (text.length <= max)
        return text;
    return `${text.slice(0, max)}\n\n[… the ${what} is ${text.length} characters long; only the first ${max} are shown]`;
}
/** The issue's title and body as a fenced data block. */
function renderIssue(issue) {
    return (0,_policy_sanitize_js__WEBPACK_IMPORTED_MODULE_4__/* .fenceUntrusted */ .C0)(`issue #${issue.number} by @${issue.author.login}`, `# ${(0,_policy_sanitize_js__WEBPACK_IMPORTED_MODULE_4__/* .safeInline */ .H1)((0,_policy_sanitize_js__WEBPACK_IMPORTED_MODULE_4__/* .sanitizeUntrusted */ ._2)(issue.title), 500)}\n\n${cutToBudget((0,_policy_sanitize_js__WEBPACK_IMPORTED_MODULE_4__/* .sanitizeUntrusted */ ._2)(issue.body), Budgets.issueBody, 'issue body')}`);
}
/**
 * `.kiro/steering/*.md` of the work tree, sanitised, each under its file name; `(none)` when absent.
 * Steering files come from the repository's default branch, which only writers can change.
 */
function readSteering(workspace) {
    const dir = node_path__WEBPACK_IMPORTED_MODULE_1___default().join(workspace, _constants_js__WEBPACK_IMPORTED_MODULE_2__/* .RepoFiles */ .op.SteeringDir);
    let names;
    try {
        names = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readdirSync)(dir).filter((n) => n.endsWith('.md')).sort();
    }
    catch {
        return '(none)';
    }
    const parts = names.map((n) => `## ${_constants_js__WEBPACK_IMPORTED_MODULE_2__/* .RepoFiles */ .op.SteeringDir}/${n}\n\n${(0,_policy_sanitize_js__WEBPACK_IMPORTED_MODULE_4__/* .sanitizeUntrusted */ ._2)((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(dir, n), 'utf8')).trim()}`);
    return parts.length ? parts.join('\n\n') : '(none)';
}
/** The first `max` tracked paths (a cheap map of the repository for the planner). */
async function repositoryLayout(workspace, max = 400) {
    const r = await (0,_git_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .execGit */ .Ix)(['ls-files'], { cwd: workspace, allowFailure: true });
    const files = r.stdout.split('\n').filter(Boolean);
    const shown = files.slice(0, max).join('\n');
    return files.length > max ? `${shown}\n… and ${files.length - max} more (use list_files)` : shown || '(empty repository)';
}


/***/ }),

/***/ 27008:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  E1: () => (/* binding */ codeAndVerify),
  TK: () => (/* binding */ createCommitter),
  jH: () => (/* binding */ criteriaWithVerdict),
  M0: () => (/* binding */ emptySpend),
  rA: () => (/* binding */ failureNotesOf),
  Uo: () => (/* binding */ openAgentSession),
  aI: () => (/* binding */ runPipeline),
  d1: () => (/* binding */ specMarkdown)
});

// UNUSED EXPORTS: COMMIT_PROTECTED_GLOBS, taskBranch

// EXTERNAL MODULE: ./src/policy/sanitize.ts
var sanitize = __webpack_require__(31039);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(33838);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 4 modules
var schemas = __webpack_require__(41514);
// EXTERNAL MODULE: ./src/constants.ts
var constants = __webpack_require__(27242);
// EXTERNAL MODULE: ./src/agent/model.ts
var agent_model = __webpack_require__(88492);
;// CONCATENATED MODULE: ./src/agent/pricing.ts
function row(input, output, cacheRead = input * 0.1, cacheWrite = input * 1.25) {
    return { input, output, cacheWrite, cacheRead };
}
const FABLE_5_2 = row(8, 40, 0.2);
const FABLE_5_1 = row(10, 50, 0.25);
const FABLE_5 = row(10, 50);
const OPUS_5_5 = row(4, 20, 0.2);
const OPUS_4_5_TO_5 = row(5, 25);
const OPUS_4_0_4_1 = row(15, 75);
const SONNET_5_5 = row(2, 10, 0.1);
const SONNET_5 = row(2, 10);
const SONNET_4 = row(3, 15);
const HAIKU_5_5 = {
    ...row(0.1, 0.5, 0.01),
    longPrompt: { threshold: 100_000, input: 0.5, output: 2.5, cacheWrite: 0.625, cacheRead: 0.05 },
};
const HAIKU_4_5 = row(1, 5);
const HAIKU_3_5 = row(0.8, 4);
/** Price rows by model id (dated snapshots and provider decorations are normalised away first). */
const PRICES = {
    'claude-fable-5-2': FABLE_5_2,
    'claude-mythos-5-2': FABLE_5_2,
    'claude-fable-5-1': FABLE_5_1,
    'claude-mythos-5-1': FABLE_5_1,
    'claude-fable-5': FABLE_5,
    'claude-mythos-5': FABLE_5,
    'claude-opus-5-5': OPUS_5_5,
    'claude-opus-5': OPUS_4_5_TO_5,
    'claude-opus-4-8': OPUS_4_5_TO_5,
    'claude-opus-4-7': OPUS_4_5_TO_5,
    'claude-opus-4-6': OPUS_4_5_TO_5,
    'claude-opus-4-5': OPUS_4_5_TO_5,
    'claude-opus-4-1': OPUS_4_0_4_1,
    'claude-opus-4-0': OPUS_4_0_4_1,
    'claude-opus-4': OPUS_4_0_4_1,
    'claude-sonnet-5-5': SONNET_5_5,
    'claude-sonnet-5': SONNET_5,
    'claude-sonnet-4-6': SONNET_4,
    'claude-sonnet-4-5': SONNET_4,
    'claude-sonnet-4-0': SONNET_4,
    'claude-sonnet-4': SONNET_4,
    'claude-3-7-sonnet': SONNET_4,
    'claude-haiku-5-5': HAIKU_5_5,
    'claude-haiku-4-5': HAIKU_4_5,
    'claude-3-5-haiku': HAIKU_3_5,
};
/** The most expensive row (highest input + output price): what an unknown model is charged. */
const CONSERVATIVE_PRICE = Object.values(PRICES).reduce((a, b) => b.input + b.output > a.input + a.output ? b : a);
/**
 * Reduces an id to its price-table key: drops a Bedrock prefix (`us.anthropic.`), a Vertex
 * snapshot (`@20251101`), a Bedrock version (`-v1:0`), a date snapshot (`-20251101`) and a
 * context-window tag (`[1m]`). `claude-opus-4-5-20251101` → `claude-opus-4-5`.
 */
function normalizeModelId(modelId) {
    let id = modelId.trim().toLowerCase();
    const at = id.indexOf('claude-');
    if (at > 0)
        id = id.slice(at);
    return id
        .replace(/\[[^\]]*\]$/, '')
        .replace(/@.*$/, '')
        .replace(/-v\d+(:\d+)?$/, '')
        .replace(/-\d{8}$/, '');
}
/**
 * The price row for a model id, or `undefined` when the table does not know it.
 * Use `priceFor` to get the conservative fallback instead.
 */
function knownPrice(modelId) {
    return PRICES[normalizeModelId(modelId)];
}
/**
 * The price row for a model id. An unknown id gets `CONSERVATIVE_PRICE` — the most expensive row
 * of the table — so a cost limit can never be overrun because a new model was missing here; the
 * reported cost is then an upper bound, not the bill.
 */
function priceFor(modelId) {
    return knownPrice(modelId) ?? CONSERVATIVE_PRICE;
}
/**
 * Cost in USD of one Messages API call from the `usage` it reported: input, 5-minute cache
 * writes, cache reads and output at the model's rates (see `priceFor` for unknown ids).
 */
function costUsd(modelId, usage) {
    const p = priceFor(modelId);
    const prompt = usage.input_tokens + usage.cache_creation_input_tokens + usage.cache_read_input_tokens;
    const r = p.longPrompt && prompt > p.longPrompt.threshold ? p.longPrompt : p;
    return ((usage.input_tokens * r.input +
        usage.cache_creation_input_tokens * r.cacheWrite +
        usage.cache_read_input_tokens * r.cacheRead +
        usage.output_tokens * r.output) /
        1_000_000);
}
/**
 * What `model: auto` runs per role (SPEC.md §2): the strongest generally available model for
 * planning and verification (Fable 5.2 — Mythos is invitation-only), Opus 5.5 (Anthropic's
 * recommendation for long-running agentic coding) for the coder, and fast models for small edits
 * (`smallEdit`) and the learner.
 */
const AUTO_MODELS = {
    planner: 'claude-fable-5-2',
    verifier: 'claude-fable-5-2',
    coder: 'claude-opus-5-5',
    learner: 'claude-haiku-5-5',
    smallEdit: 'claude-sonnet-5-5',
};
const ROLES = ['planner', 'coder', 'verifier', 'learner'];
/** Model ids as the API, Bedrock and Vertex spell them (`claude-x`, `us.anthropic.claude-x-v1:0`, `claude-x@2025…`). */
const MODEL_ID = /^[A-Za-z0-9][A-Za-z0-9._:@/[\]-]{0,127}$/;
/**
 * Parses the `model` input: `auto` (or empty), a model id (used for every role), or a
 * comma-separated list of `role=model` pairs (roles `planner`, `coder`, `verifier`, `learner`,
 * plus `default` for the rest), e.g. `planner=claude-opus-4-5,coder=claude-sonnet-4-5`. A value
 * may be `auto`.
 *
 * @throws Error naming the bad entry (unknown role, empty or malformed model id, duplicate role)
 */
function parseModelSetting(requested) {
    const value = (requested ?? '').trim();
    if (value === '' || value === 'auto')
        return { default: 'auto', roles: {} };
    if (!value.includes('=')) {
        if (!MODEL_ID.test(value))
            throw new Error(`model: "${value}" is not a model id (e.g. claude-opus-4-5) or "auto"`);
        return { default: value, roles: {} };
    }
    const setting = { default: 'auto', roles: {} };
    const seen = new Set();
    for (const part of value.split(',')) {
        const entry = part.trim();
        if (entry === '')
            continue;
        const eq = entry.indexOf('=');
        if (eq < 0)
            throw new Error(`model: "${entry}" is not a role=model pair (roles: ${ROLES.join(', ')}, default)`);
        const role = entry.slice(0, eq).trim();
        const model = entry.slice(eq + 1).trim();
        if (role !== 'default' && !ROLES.includes(role)) {
            throw new Error(`model: unknown role "${role}" in "${entry}" (roles: ${ROLES.join(', ')}, default)`);
        }
        if (seen.has(role))
            throw new Error(`model: role "${role}" is given twice`);
        seen.add(role);
        if (model !== 'auto' && !MODEL_ID.test(model)) {
            throw new Error(`model: "${model}" for role "${role}" is not a model id (e.g. claude-opus-4-5) or "auto"`);
        }
        if (role === 'default')
            setting.default = model;
        else
            setting.roles[role] = model;
    }
    return setting;
}
/**
 * The model id a role runs with. `requested` is the `model` input (see `parseModelSetting`);
 * `auto` resolves through `AUTO_MODELS` (`hint.smallEdit` picks the fast coder model for a small
 * change such as a single review thread). Any other id is used as given.
 *
 * @throws Error when `requested` does not parse
 */
function pickModel(role, requested, hint = {}) {
    const setting = parseModelSetting(requested);
    const chosen = setting.roles[role] ?? setting.default;
    if (chosen !== 'auto')
        return chosen;
    if (role === 'coder' && hint.smallEdit)
        return AUTO_MODELS.smallEdit;
    return AUTO_MODELS[role];
}
/**
 * Window and thinking mode of a model id. Unknown ids get the common 200k window and no thinking
 * (a request the API would refuse is worse than one without thinking). A `[1m]` tag on the id
 * asks for the 1M-token window.
 */
function modelInfo(modelId) {
    const key = normalizeModelId(modelId);
    const contextWindow = /\[1m\]$/i.test(modelId.trim()) ? 1_000_000 : 200_000;
    if (!PRICES[key])
        return { contextWindow, thinking: 'none' };
    if (/haiku-3|3-5-haiku/.test(key))
        return { contextWindow, thinking: 'none' };
    // the 5 family and Opus/Sonnet 4.6 choose their own thinking budget; earlier 4.x and 3.7 take one
    if (/-5(-\d+)?$|fable|mythos|-4-[6-9]$/.test(key) && !/haiku/.test(key))
        return { contextWindow, thinking: 'adaptive' };
    return { contextWindow, thinking: 'enabled' };
}

// EXTERNAL MODULE: ./src/prompts.ts
var prompts = __webpack_require__(66224);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: ./src/agent/tools/truncate.ts
var truncate = __webpack_require__(89551);
;// CONCATENATED MODULE: ./src/agent/tools/bash.ts
/**
 * Anthropic's bash tool (`type: bash_20250124`, name `bash`), executed in the workspace under the
 * policy. Contract: https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/bash-tool
 * (input `{command?: string, restart?: boolean}`).
 *
 * Each command runs in a fresh `bash -c` in its own process group, stdin closed, with exactly
 * `ctx.env` — so a timeout kills everything the command started and output capture ends when the
 * command does. What the model expects to persist between calls is carried over explicitly: the
 * working directory (kept only while it is inside the workspace) and exported variables (saved by
 * an EXIT trap, sourced before the next command). Shell functions, aliases and job control do not
 * persist; `restart: true` forgets both.
 *
 * Policy wiring (SPEC.md §4): every command line goes through `ctx.policy.checkCommandIn` with the
 * shell's working directory (or `checkCommand` when the policy has no cwd-aware check) before it
 * runs; a denial is an `is_error` result saying why, a pause ends the run for the owner's approval.
 * `ctx.commandEnv` adds the egress proxy's per-command variables; `ctx.runner` (the one process
 * runner, src/sandbox/runner.ts) runs the shell inside the OS sandbox — the policy above is
 * guidance for the model, the sandbox is the boundary.
 */





const BashInput = schemas/* object */.Ikc({
    command: schemas/* string */.YjP().optional(),
    restart: schemas/* boolean */.zMY().optional(),
});
const BASH = (0,external_node_fs_.existsSync)('/bin/bash') ? '/bin/bash' : 'bash';
/** Builds the `bash` tool; each instance keeps its own working directory and exports. */
function createBashTool(opts = {}) {
    let cwd;
    let stateDir;
    const files = (ctx) => {
        // The paths are spliced into the script; mkdtemp under a sane tmpdir has no shell quotes.
        // `ctx.stateDir` is bound into the sandbox at the same path, so the shell can write there.
        stateDir ??= (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)(ctx.stateDir ?? (0,external_node_os_.tmpdir)(), 'kiro-bash-'));
        return { env: (0,external_node_path_.join)(stateDir, 'env.sh'), cwd: (0,external_node_path_.join)(stateDir, 'cwd') };
    };
    const reset = () => {
        cwd = undefined;
        if (stateDir)
            (0,external_node_fs_.rmSync)(stateDir, { recursive: true, force: true });
        stateDir = undefined;
    };
    return {
        name: 'bash',
        definition: { type: 'bash_20250124', name: 'bash' },
        inputSchema: BashInput,
        async execute(raw, ctx) {
            const input = raw;
            const command = input.command ?? '';
            if (input.restart) {
                reset();
                if (command.trim() === '')
                    return { content: `bash restarted; working directory: ${ctx.workspace}` };
            }
            if (command.trim() === '') {
                return { content: 'Give a `command` to run (or `restart: true` to start a fresh shell).', isError: true };
            }
            const f = files(ctx);
            const workspace = realWorkspace(ctx.workspace);
            const dir = cwd && (0,external_node_fs_.existsSync)(cwd) ? cwd : workspace;
            // The policy resolves relative paths against the shell's real directory, named under the
            // workspace path it was given (the shell reports realpaths).
            const decision = ctx.policy.checkCommandIn
                ? ctx.policy.checkCommandIn(command, (0,external_node_path_.join)(ctx.workspace, (0,external_node_path_.relative)(workspace, dir)))
                : ctx.policy.checkCommand(command);
            if (decision.action === 'deny') {
                return { content: `Command refused by policy: ${decision.reason}. Do not retry it; find another way.`, isError: true };
            }
            if (decision.action === 'pause') {
                return {
                    content: `Paused before running this command: ${decision.reason}. The task owner must approve it first.`,
                    pause: { reason: decision.reason, command },
                };
            }
            const perCommand = ctx.commandEnv?.(command) ?? {};
            // The saved exports of the previous command would bring back its per-command variables
            // (the proxy URL naming it): this command's own are set again after them.
            const reapply = Object.entries(perCommand)
                .filter(([k]) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(k))
                .map(([k, v]) => `export ${k}=${shellQuote(v)}\n`)
                .join('');
            const script = `exec 2>&1\n` +
                `[ -f '${f.env}' ] && . '${f.env}' >/dev/null 2>&1; cd -P . 2>/dev/null\n` +
                reapply +
                `trap '{ export -p >| "${f.env}"; pwd -P >| "${f.cwd}"; } 2>/dev/null' EXIT\n` +
                command;
            const env = { ...ctx.env, ...perCommand };
            const argv = [BASH, '--noprofile', '--norc', '-c', script];
            const run = await ctx.runner.run({
                argv,
                cwd: dir,
                env,
                timeoutMs: ctx.commandTimeoutMs,
                ...(ctx.signal ? { signal: ctx.signal } : {}),
                ...(opts.captureBytes ? { captureBytes: opts.captureBytes } : {}),
                ...(opts.killGraceMs ? { killGraceMs: opts.killGraceMs } : {}),
            });
            let note = '';
            // The file is the shell's (the model's): read it without following links, as data.
            const next = readSmallFile(f.cwd)?.trim();
            if (next) {
                const rel = (0,external_node_path_.relative)(workspace, next);
                if (rel.startsWith('..') || (0,external_node_path_.isAbsolute)(rel) || next.includes('\n')) {
                    cwd = undefined;
                    note = `\n[the working directory is outside the workspace; the next command starts in ${workspace}]`;
                }
                else {
                    cwd = next;
                }
            }
            // No trap output (the command replaced the shell or was killed): keep the previous cwd.
            const shown = (0,truncate/* truncateOutput */.Kx)(run.output.replace(/\n$/, ''), {
                maxLines: opts.maxLines,
                maxChars: opts.maxChars,
                headShare: 0.3,
                hint: truncate/* commandHint */.dx,
            });
            const body = shown === '' ? '(no output)' : shown;
            if (run.timedOut) {
                return {
                    content: `${body}\n[timed out after ${seconds(ctx.commandTimeoutMs)} s; the command and everything it started were killed]\n` +
                        `Hint: run long-lived processes (servers, watchers) in the background with output to a file ` +
                        `(\`cmd > /tmp/out.log 2>&1 &\`) and read the file later, or narrow the command ` +
                        `(one test file, a smaller directory, --bail / -x).`,
                    isError: true,
                };
            }
            if (run.aborted)
                return { content: `${body}\n[aborted: the task was cancelled]`, isError: true };
            if (run.spawnError && ctx.runner.mode === 'refused')
                return { content: `No command can run on this runner. ${run.spawnError} Use the file tools (view, create, str_replace) instead.`, isError: true };
            if (run.spawnError)
                return { content: `Could not start bash: ${run.spawnError}`, isError: true };
            const status = run.signal ? `[killed by ${run.signal}]` : `[exit code: ${run.code}]`;
            return { content: `${body}\n${status}${note}` };
        },
    };
}
/** `value` as one single-quoted shell word. */
function shellQuote(value) {
    return `'${value.replace(/'/g, `'\\''`)}'`;
}
function seconds(ms) {
    return ms < 10_000 ? (ms / 1000).toFixed(1) : String(Math.round(ms / 1000));
}
const realCache = new Map();
function realWorkspace(ws) {
    let r = realCache.get(ws);
    if (r === undefined) {
        try {
            r = (0,external_node_fs_.realpathSync)(ws);
        }
        catch {
            r = ws;
        }
        realCache.set(ws, r);
    }
    return r;
}
/**
 * The first 4 KiB of a regular file, opened without following a symlink (`O_NOFOLLOW`), or
 * undefined. For files the sandboxed shell wrote and the action reads back.
 */
function readSmallFile(p) {
    let fd;
    try {
        fd = (0,external_node_fs_.openSync)(p, external_node_fs_.constants.O_RDONLY | external_node_fs_.constants.O_NOFOLLOW | external_node_fs_.constants.O_NONBLOCK);
        if (!(0,external_node_fs_.fstatSync)(fd).isFile())
            return undefined;
        const buf = Buffer.alloc(4096);
        const n = (0,external_node_fs_.readSync)(fd, buf, 0, buf.length, 0);
        return buf.subarray(0, n).toString('utf8');
    }
    catch {
        return undefined;
    }
    finally {
        if (fd !== undefined)
            (0,external_node_fs_.closeSync)(fd);
    }
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
;// CONCATENATED MODULE: ./src/agent/tools/safe-fs.ts
/**
 * File I/O for the file tools that cannot be led outside the workspace by what the model's shell
 * made (issue #9 "hard links beat the editor's path check"): the path guard resolves symlinks,
 * and here every open is `O_NOFOLLOW` (a symlink swapped in after the check is refused, not
 * followed), the opened file must be the one that was checked (same device and inode as an
 * `lstat` of the path), a regular file, and have exactly one link — a second hard link could be
 * a file outside the workspace (or one the sandbox hides) that the model linked in. Writes go
 * through the same descriptor (no second lookup by name); new files are created `O_EXCL`.
 */


/** A file the tool may not use, with the reason shown to the model. */
class UnsafeFileError extends Error {
    path;
    constructor(path, reason) {
        super(`${path} ${reason}`);
        this.path = path;
        this.name = 'UnsafeFileError';
    }
}
async function openChecked(abs, shown, flags) {
    let before;
    try {
        before = await (0,promises_.lstat)(abs);
    }
    catch (e) {
        throw e;
    }
    if (before.isSymbolicLink())
        throw new UnsafeFileError(shown, 'is a symlink; it cannot be opened by the file tools');
    let fh;
    try {
        fh = await (0,promises_.open)(abs, flags | external_node_fs_.constants.O_NOFOLLOW | external_node_fs_.constants.O_NONBLOCK);
    }
    catch (e) {
        if (e.code === 'ELOOP')
            throw new UnsafeFileError(shown, 'became a symlink; it cannot be opened by the file tools');
        throw e;
    }
    try {
        const st = await fh.stat();
        if (st.dev !== before.dev || st.ino !== before.ino)
            throw new UnsafeFileError(shown, 'changed while it was being opened; try again');
        if (!st.isFile())
            throw new UnsafeFileError(shown, 'is not a regular file');
        if (st.nlink > 1) {
            throw new UnsafeFileError(shown, `has ${st.nlink} hard links; a hard-linked file may be a file outside the workspace, so the file tools do not use it (copy it with bash to make a file of its own)`);
        }
        return fh;
    }
    catch (e) {
        await fh.close();
        throw e;
    }
}
/** Reads a workspace file (see the module doc). @throws UnsafeFileError, or the fs error (ENOENT…) */
async function readFileSafe(abs, shown) {
    const fh = await openChecked(abs, shown, external_node_fs_.constants.O_RDONLY);
    try {
        return await fh.readFile();
    }
    finally {
        await fh.close();
    }
}
/** Replaces the content of an existing workspace file through a checked descriptor. */
async function rewriteFileSafe(abs, shown, content) {
    const fh = await openChecked(abs, shown, external_node_fs_.constants.O_RDWR);
    try {
        await fh.truncate(0);
        await fh.write(content, 0, 'utf8');
    }
    finally {
        await fh.close();
    }
}
/** Creates a new file (`O_EXCL`: an existing file or a planted symlink fails). */
async function createFileSafe(abs, shown, content) {
    let fh;
    try {
        fh = await (0,promises_.open)(abs, external_node_fs_.constants.O_WRONLY | external_node_fs_.constants.O_CREAT | external_node_fs_.constants.O_EXCL | external_node_fs_.constants.O_NOFOLLOW, 0o644);
    }
    catch (e) {
        if (e.code === 'EEXIST')
            throw new UnsafeFileError(shown, 'appeared while it was being created; view it and edit it instead');
        throw e;
    }
    try {
        await fh.writeFile(content, 'utf8');
    }
    finally {
        await fh.close();
    }
}

;// CONCATENATED MODULE: ./src/agent/tools/editor.ts
/**
 * Anthropic's text editor tool (`type: text_editor_20250728`, name `str_replace_based_edit_tool`),
 * executed in the workspace under the policy. Contract:
 * https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/text-editor-tool — commands
 * `view` (file with line numbers and optional `view_range`, or a directory 2 levels deep),
 * `create`, `str_replace` (exactly one match) and `insert` (after `insert_line`, 0 = top). The
 * models send the inserted text as `insert_text`; the documented `new_str` is accepted too.
 *
 * Every path goes through `ctx.policy.checkPath(path, op)`; every write also through
 * `ctx.policy.checkEdit(resolved, creating)`, and a change to an existing file through
 * `ctx.policy.checkRewrite(resolved, before, after)` when the policy has it (large rewrites pause
 * under balanced/cautious autonomy). A pause names the file (workspace-relative) so the owner's
 * `/kiro continue` approves exactly that file. Failures are `is_error` results with a hint.
 */






const EditorInput = schemas/* object */.Ikc({
    command: schemas/* enum */.k5n(['view', 'create', 'str_replace', 'insert', 'undo_edit']),
    path: schemas/* string */.YjP().min(1),
    view_range: schemas/* array */.YOg(schemas/* number */.aig().int()).length(2).optional(),
    file_text: schemas/* string */.YjP().optional(),
    old_str: schemas/* string */.YjP().optional(),
    new_str: schemas/* string */.YjP().optional(),
    insert_line: schemas/* number */.aig().int().optional(),
    insert_text: schemas/* string */.YjP().optional(),
});
const SKIP_DIRS = new Set(['.git', 'node_modules']);
const CONTEXT_LINES = 4;
/** Builds the `str_replace_based_edit_tool` tool. */
function createEditorTool(opts = {}) {
    const maxChars = opts.maxCharacters ?? 30_000;
    const maxLines = opts.maxLines ?? 2000;
    return {
        name: 'str_replace_based_edit_tool',
        definition: {
            type: 'text_editor_20250728',
            name: 'str_replace_based_edit_tool',
            ...(opts.maxCharacters !== undefined ? { max_characters: opts.maxCharacters } : {}),
        },
        inputSchema: EditorInput,
        async execute(raw, ctx) {
            const input = raw;
            try {
                switch (input.command) {
                    case 'view':
                        return await view(input, ctx, maxChars, maxLines);
                    case 'create':
                        return await create(input, ctx);
                    case 'str_replace':
                        return await strReplace(input, ctx);
                    case 'insert':
                        return await insert(input, ctx);
                    case 'undo_edit':
                        return error('undo_edit is not available in this editor version: use str_replace to put the old text back');
                }
            }
            catch (e) {
                if (e instanceof UnsafeFileError)
                    return error(e.message);
                throw e;
            }
        },
    };
}
function error(content) {
    return { content, isError: true };
}
/**
 * Turns a deny/pause decision into an outcome; undefined when allowed. `path` (workspace-relative)
 * names the file a pause is for, so the owner's approval applies to it.
 */
function gate(d, what, path) {
    if (d.action === 'deny')
        return error(`${what} refused by policy: ${d.reason}`);
    if (d.action === 'pause') {
        return { content: `Paused before ${what}: ${d.reason}. The task owner must approve it first.`, pause: { reason: d.reason, ...(path ? { path } : {}) } };
    }
    return undefined;
}
/** `resolved` relative to the workspace (both as given and as realpath), `/`-separated. */
function workspaceRelative(ctx, resolved) {
    for (const root of [ctx.workspace, realOrSelf(ctx.workspace)]) {
        const rel = (0,external_node_path_.relative)(root, resolved);
        if (rel && !rel.startsWith('..') && !(0,external_node_path_.isAbsolute)(rel))
            return rel.split(external_node_path_.sep).join('/');
    }
    return resolved;
}
function realOrSelf(p) {
    try {
        return (0,external_node_fs_.realpathSync)(p);
    }
    catch {
        return p;
    }
}
function checkPath(path, op, ctx) {
    const d = ctx.policy.checkPath(path, op);
    const blocked = gate(d, `${op === 'read' ? 'reading' : 'writing'} ${path}`);
    if (blocked)
        return blocked;
    return { resolved: d.resolved ?? (0,external_node_path_.resolve)(ctx.workspace, path) };
}
async function kind(p) {
    try {
        const s = await (0,promises_.stat)(p);
        return s.isFile() ? 'file' : s.isDirectory() ? 'dir' : 'other';
    }
    catch {
        return 'missing';
    }
}
const notFound = (path) => error(`${path} does not exist. Use list_files or view the parent directory to find the right path.`);
/** `cat -n` style numbering. */
function numbered(lines, first) {
    return lines.map((l, i) => `${String(first + i).padStart(6)}\t${l}`).join('\n');
}
function splitText(content) {
    const crlf = content.includes('\r\n');
    const lf = crlf ? content.replace(/\r\n/g, '\n') : content;
    const finalNewline = lf.endsWith('\n');
    const body = finalNewline ? lf.slice(0, -1) : lf;
    return { lines: body === '' && !finalNewline ? [] : body.split('\n'), finalNewline, crlf };
}
function joinText(t) {
    const lf = t.lines.length === 0 ? '' : t.lines.join('\n') + (t.finalNewline ? '\n' : '');
    return t.crlf ? lf.replace(/\n/g, '\r\n') : lf;
}
async function view(input, ctx, maxChars, maxLines) {
    const p = checkPath(input.path, 'read', ctx);
    if (!('resolved' in p))
        return p;
    const k = await kind(p.resolved);
    if (k === 'missing')
        return notFound(input.path);
    if (k === 'other')
        return error(`${input.path} is not a regular file or directory`);
    if (k === 'dir') {
        if (input.view_range)
            return error('view_range applies to files; leave it out to list a directory');
        const entries = await listDir(p.resolved, 2);
        const listing = (0,truncate/* truncateOutput */.Kx)(entries.join('\n'), {
            maxLines,
            maxChars,
            hint: () => 'View a subdirectory, or use list_files with a glob',
        });
        return { content: `Files and directories up to 2 levels deep in ${input.path} (excluding .git and node_modules):\n${listing}` };
    }
    const buf = await readFileSafe(p.resolved, input.path);
    if (buf.subarray(0, 8000).includes(0))
        return error(`${input.path} is a binary file (${buf.length} bytes); it is not shown`);
    const { lines } = splitText(buf.toString('utf8'));
    if (lines.length === 0)
        return { content: `${input.path} is empty.` };
    let first = 1;
    let last = lines.length;
    if (input.view_range) {
        const [start, end] = input.view_range;
        if (start < 1 || start > lines.length) {
            return error(`view_range start ${start} is outside the file: ${input.path} has ${lines.length} lines (1–${lines.length})`);
        }
        if (end !== -1 && end < start)
            return error(`view_range end ${end} is before start ${start}; use -1 for "to the end"`);
        first = start;
        last = end === -1 ? lines.length : Math.min(end, lines.length);
    }
    const shown = (0,truncate/* truncateOutput */.Kx)(numbered(lines.slice(first - 1, last), first), {
        maxLines,
        maxChars,
        headShare: 0.6,
        firstLine: first,
        hint: (cut) => `Use view_range [${cut.fromLine}, ${Math.min(cut.toLine, cut.fromLine + 399)}] to read them`,
    });
    return { content: shown };
}
async function listDir(root, depth) {
    const out = [];
    const walk = async (dir, rel, level) => {
        let entries;
        try {
            entries = await (0,promises_.readdir)(dir, { withFileTypes: true });
        }
        catch {
            return;
        }
        entries.sort((a, b) => a.name.localeCompare(b.name));
        for (const e of entries) {
            if (SKIP_DIRS.has(e.name))
                continue;
            const r = rel ? `${rel}/${e.name}` : e.name;
            if (e.isDirectory()) {
                out.push(`${r}/`);
                if (level < depth)
                    await walk((0,external_node_path_.join)(dir, e.name), r, level + 1);
            }
            else {
                out.push(r);
            }
        }
    };
    await walk(root, '', 1);
    return out;
}
async function create(input, ctx) {
    if (input.file_text === undefined)
        return error('create needs file_text (the whole content of the new file)');
    const p = checkPath(input.path, 'write', ctx);
    if (!('resolved' in p))
        return p;
    const k = await kind(p.resolved);
    if (k === 'dir')
        return error(`${input.path} is a directory`);
    if (k !== 'missing') {
        return error(`${input.path} already exists; create only makes new files. Edit it with str_replace or insert ` +
            `(view it first), or remove it with bash and create it again to replace it entirely.`);
    }
    const blocked = gate(ctx.policy.checkEdit(p.resolved, true), `creating ${input.path}`, workspaceRelative(ctx, p.resolved));
    if (blocked)
        return blocked;
    await (0,promises_.mkdir)((0,external_node_path_.dirname)(p.resolved), { recursive: true });
    await createFileSafe(p.resolved, input.path, input.file_text);
    const n = splitText(input.file_text).lines.length;
    return { content: `Created ${input.path} (${n} line${n === 1 ? '' : 's'}).` };
}
/** Line numbers (1-based) where each occurrence of `needle` starts. */
function matchLines(haystack, needle) {
    const out = [];
    let line = 1;
    let scanned = 0;
    let i = haystack.indexOf(needle);
    while (i !== -1) {
        for (let j = scanned; j < i; j++)
            if (haystack.charCodeAt(j) === 10)
                line++;
        scanned = i;
        out.push(line);
        i = haystack.indexOf(needle, i + needle.length);
    }
    return out;
}
async function loadForEdit(input, ctx) {
    const p = checkPath(input.path, 'write', ctx);
    if (!('resolved' in p))
        return p;
    const k = await kind(p.resolved);
    if (k === 'missing')
        return notFound(input.path);
    if (k !== 'file')
        return error(`${input.path} is not a regular file`);
    return { resolved: p.resolved, text: splitText((await readFileSafe(p.resolved, input.path)).toString('utf8')) };
}
function snippet(t, from, to) {
    const a = Math.max(1, from - CONTEXT_LINES);
    const b = Math.min(t.lines.length, to + CONTEXT_LINES);
    return numbered(t.lines.slice(a - 1, b), a);
}
/**
 * The policy's checks before an existing file is changed: a large rewrite pauses under balanced
 * and cautious autonomy (when the policy has `checkRewrite`), then the edit budget counts it.
 * The rewrite check runs first so a paused edit is not counted.
 */
function guardWrite(ctx, resolved, shown, before, after) {
    const rel = workspaceRelative(ctx, resolved);
    if (ctx.policy.checkRewrite) {
        const paused = gate(ctx.policy.checkRewrite(resolved, before, after), `rewriting ${shown}`, rel);
        if (paused)
            return paused;
    }
    return gate(ctx.policy.checkEdit(resolved, false), `editing ${shown}`, rel);
}
async function strReplace(input, ctx) {
    if (!input.old_str)
        return error('str_replace needs a non-empty old_str (text copied exactly from the file)');
    const loaded = await loadForEdit(input, ctx);
    if (!('resolved' in loaded))
        return loaded;
    const { text } = loaded;
    const content = text.lines.join('\n') + (text.finalNewline ? '\n' : '');
    const oldStr = input.old_str.replace(/\r\n/g, '\n');
    const newStr = (input.new_str ?? '').replace(/\r\n/g, '\n');
    const at = matchLines(content, oldStr);
    if (at.length === 0) {
        const firstLine = oldStr.split('\n').find((l) => l.trim() !== '')?.trim();
        const near = firstLine
            ? text.lines.flatMap((l, i) => (l.trim() === firstLine || (firstLine.length > 8 && l.includes(firstLine)) ? [i + 1] : [])).slice(0, 10)
            : [];
        const hint = near.length
            ? `Its first line appears (ignoring indentation) at line${near.length > 1 ? 's' : ''} ${near.join(', ')}: view those lines and copy the text exactly, whitespace included.`
            : 'View the file and copy the text exactly, whitespace and indentation included.';
        return error(`No match for old_str in ${input.path}. ${hint}`);
    }
    if (at.length > 1) {
        return error(`old_str matches ${at.length} times in ${input.path} (at lines ${at.slice(0, 20).join(', ')}). ` +
            `Add surrounding lines to old_str so it matches exactly once.`);
    }
    const idx = content.indexOf(oldStr);
    const updated = content.slice(0, idx) + newStr + content.slice(idx + oldStr.length);
    const blocked = guardWrite(ctx, loaded.resolved, input.path, content, updated);
    if (blocked)
        return blocked;
    const next = splitText(updated);
    next.crlf = text.crlf;
    await rewriteFileSafe(loaded.resolved, input.path, joinText(next));
    const start = at[0];
    const end = start + Math.max(0, newStr.split('\n').length - 1);
    return { content: `Edited ${input.path}. Lines ${Math.max(1, start - CONTEXT_LINES)}+ now read:\n${snippet(next, start, end)}` };
}
async function insert(input, ctx) {
    const newText = input.insert_text ?? input.new_str;
    if (input.insert_line === undefined || newText === undefined) {
        return error('insert needs insert_line (0 inserts at the top) and insert_text');
    }
    const loaded = await loadForEdit(input, ctx);
    if (!('resolved' in loaded))
        return loaded;
    const { text } = loaded;
    const n = text.lines.length;
    if (input.insert_line < 0 || input.insert_line > n) {
        return error(`insert_line ${input.insert_line} is outside the file: ${input.path} has ${n} lines; use 0 (top) to ${n} (end)`);
    }
    const before = text.lines.join('\n');
    const added = newText.replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n');
    const blocked = guardWrite(ctx, loaded.resolved, input.path, before, [...text.lines.slice(0, input.insert_line), ...added, ...text.lines.slice(input.insert_line)].join('\n'));
    if (blocked)
        return blocked;
    text.lines.splice(input.insert_line, 0, ...added);
    if (n === 0)
        text.finalNewline = true;
    await rewriteFileSafe(loaded.resolved, input.path, joinText(text));
    const from = input.insert_line + 1;
    return { content: `Inserted ${added.length} line${added.length === 1 ? '' : 's'} into ${input.path} after line ${input.insert_line}:\n${snippet(text, from, from + added.length - 1)}` };
}

// EXTERNAL MODULE: ./node_modules/picomatch/index.js
var picomatch = __webpack_require__(14006);
var picomatch_default = /*#__PURE__*/__webpack_require__.n(picomatch);
// EXTERNAL MODULE: ./src/git/workspace.ts
var workspace = __webpack_require__(63773);
// EXTERNAL MODULE: ./src/agent/tools/schema.ts
var tools_schema = __webpack_require__(37398);
;// CONCATENATED MODULE: ./src/agent/tools/search.ts
/**
 * Fast code search for large repositories: `search_code` (`git grep`, tracked and untracked files,
 * .gitignore respected, binary files skipped) and `list_files` (`git ls-files`, filtered with a
 * glob). Outside a git repository they fall back to `git grep --no-index` and a directory walk.
 * Git runs on the model's side of the boundary: in the sandbox, on the workspace's own `.git`
 * (src/git/workspace.ts), with its output taken as data.
 */







const MAX_LINE_CHARS = 300;
const WALK_LIMIT = 50_000;
const SearchInput = schemas/* object */.Ikc({
    pattern: schemas/* string */.YjP().min(1).describe('Extended regular expression (git grep -E), or literal text with fixed_strings'),
    path_glob: schemas/* string */.YjP()
        .optional()
        .describe('Only search paths matching this glob, e.g. "src/**/*.ts", "*.md" (any directory) or "test/"'),
    fixed_strings: schemas/* boolean */.zMY().optional().describe('Treat pattern as literal text'),
    ignore_case: schemas/* boolean */.zMY().optional(),
    max_results: schemas/* number */.aig().int().min(1).max(1000).optional().describe('Most matching lines to return (default 100)'),
});
const ListInput = schemas/* object */.Ikc({
    glob: schemas/* string */.YjP().optional().describe('Only list paths matching this glob, e.g. "src/**/*.ts" or "*.json" (any directory)'),
    max_results: schemas/* number */.aig().int().min(1).max(5000).optional().describe('Most paths to return (default 500)'),
});
/** `*.ts` → `**\/*.ts`; `src/` → `src/**`: what a model usually means by a short glob. */
function widenGlob(glob) {
    let g = glob.trim().replace(/^\.\//, '');
    if (g.endsWith('/'))
        g += '**';
    if (!g.includes('/'))
        g = `**/${g}`;
    return g;
}
const git = (ctx, args) => (0,workspace/* workspaceGit */.s)({ runner: ctx.runner, workspace: ctx.workspace, env: ctx.env, timeoutMs: ctx.commandTimeoutMs }, args);
function isNotRepo(stderr) {
    return /not a git repository/i.test(stderr);
}
/** Builds the `search_code` tool. */
function createSearchTool() {
    const description = 'Search file contents in the workspace (git grep: tracked and untracked files, .gitignore ' +
        'respected, binary files skipped). Returns "path:line:text" lines. Faster and more precise than ' +
        'grep -r through bash on large repositories.';
    return (0,tools_schema/* defineTool */.u)('search_code', description, SearchInput, async (input, ctx) => {
        const max = input.max_results ?? 100;
        const flags = ['-n', '-I', '--no-color', input.fixed_strings ? '-F' : '-E'];
        if (input.ignore_case)
            flags.push('-i');
        const spec = input.path_glob ? [`:(glob)${widenGlob(input.path_glob)}`] : [];
        let r = await git(ctx, ['grep', '--untracked', ...flags, '-e', input.pattern, '--', ...spec]);
        if (r.code === 128 && isNotRepo(r.stderr)) {
            const where = spec.length ? spec : ['.'];
            r = await git(ctx, ['grep', '--no-index', ...flags, '-e', input.pattern, '--', ...where, ':(exclude,glob)**/node_modules/**']);
        }
        const scope = input.path_glob ? ` in ${input.path_glob}` : '';
        if (r.code === 1 && r.stderr.trim() === '') {
            return { content: `No matches for ${JSON.stringify(input.pattern)}${scope}.` };
        }
        if (r.code !== 0) {
            return {
                content: `search failed: ${r.stderr.trim().split('\n').slice(-3).join(' ')}\n` +
                    (input.fixed_strings ? '' : 'Hint: pattern is an extended regular expression; set fixed_strings: true to search for literal text.'),
                isError: true,
            };
        }
        const lines = r.stdout.split('\n').filter((l) => l !== '');
        const shown = lines.slice(0, max).map((l) => (l.length > MAX_LINE_CHARS ? `${l.slice(0, MAX_LINE_CHARS)}…` : l));
        let out = shown.join('\n');
        if (lines.length > max) {
            const files = new Set(lines.map((l) => l.slice(0, l.indexOf(':'))));
            out += `\n[showing ${max} of ${lines.length} matching lines in ${files.size} files; narrow the pattern or path_glob, or raise max_results]`;
        }
        return { content: (0,truncate/* truncateOutput */.Kx)(out, { hint: () => 'Narrow the pattern or path_glob' }) };
    });
}
/** Builds the `list_files` tool. */
function createListFilesTool() {
    const description = 'List files in the workspace (git ls-files: tracked and untracked, .gitignore respected), ' +
        'optionally filtered by a glob. Use it to find files by name on large repositories.';
    return (0,tools_schema/* defineTool */.u)('list_files', description, ListInput, async (input, ctx) => {
        const max = input.max_results ?? 500;
        const r = await git(ctx, ['ls-files', '-z', '--cached', '--others', '--exclude-standard']);
        let files;
        if (r.code === 0) {
            files = [...new Set(r.stdout.split('\0').filter((f) => f !== ''))].sort();
        }
        else if (isNotRepo(r.stderr)) {
            files = await walk(ctx.workspace);
        }
        else {
            return { content: `list_files failed: ${r.stderr.trim()}`, isError: true };
        }
        if (input.glob) {
            const match = picomatch_default()(widenGlob(input.glob), { dot: true });
            files = files.filter((f) => match(f));
        }
        const scope = input.glob ? ` matching ${input.glob}` : '';
        if (files.length === 0)
            return { content: `No files${scope}.` };
        let out = files.slice(0, max).join('\n');
        if (files.length > max)
            out += `\n[showing ${max} of ${files.length} files${scope}; narrow the glob or raise max_results]`;
        return { content: (0,truncate/* truncateOutput */.Kx)(out, { maxLines: max + 1, hint: () => 'Narrow the glob' }) };
    });
}
/** Files under `root` (relative, sorted), skipping .git and node_modules; at most WALK_LIMIT. */
async function walk(root) {
    const out = [];
    const visit = async (dir, rel) => {
        if (out.length >= WALK_LIMIT)
            return;
        let entries;
        try {
            entries = await (0,promises_.readdir)(dir, { withFileTypes: true });
        }
        catch {
            return;
        }
        for (const e of entries) {
            if (e.name === '.git' || e.name === 'node_modules')
                continue;
            const r = rel ? `${rel}/${e.name}` : e.name;
            if (e.isDirectory())
                await visit((0,external_node_path_.join)(dir, e.name), r);
            else
                out.push(r);
        }
    };
    await visit(root, '');
    return out.sort();
}

;// CONCATENATED MODULE: ./src/agent/tools/submit.ts

/**
 * A submit tool: the structured way a sub-agent hands back its result (a plan, a verdict, a list
 * of learnings). Pass its name in `runAgent({ submitTools })`: a call whose input passes `schema`
 * ends the loop with `exitReason: 'submitted'` and the parsed input as `result`; an invalid input
 * is answered with an `is_error` tool_result carrying zod's message and the loop goes on.
 *
 * @param schema a `z.object(...)`; its JSON Schema (`z.toJSONSchema`) becomes `input_schema`
 * @throws Error when `schema` is not an object schema
 */
function makeSubmitTool(name, description, schema) {
    return {
        name,
        definition: (0,tools_schema/* customToolDefinition */.H)(name, description, schema),
        inputSchema: schema,
        execute: () => Promise.resolve({ content: 'Submitted.' }),
    };
}

;// CONCATENATED MODULE: ./src/agent/roles.ts
/**
 * Sub-agent roles (SPEC.md J1.2–J1.4): each has a prompt in `prompts/<role>.md`, its own tools
 * and, where it hands back a structured result, a submit tool with a zod schema. The task spec is
 * the single document the roles share.
 */






/** What the planner submits: the task spec without progress flags. */
const SpecSubmission = schemas/* object */.Ikc({
    title: schemas/* string */.YjP().min(3).max(200).describe('Short imperative pull-request title'),
    summary: schemas/* string */.YjP().min(1).describe('What will change and why; for needsCode=false, the full answer'),
    requirements: schemas/* array */.YOg(schemas/* string */.YjP().min(1)).describe('EARS statements: WHEN <trigger> THE SYSTEM SHALL <response>'),
    acceptanceCriteria: schemas/* array */.YOg(schemas/* object */.Ikc({ id: schemas/* string */.YjP().regex(/^AC\d+$/, 'ids are AC1, AC2, …'), text: schemas/* string */.YjP().min(1) }))
        .describe('Observable checks'),
    plan: schemas/* array */.YOg(schemas/* object */.Ikc({ id: schemas/* number */.aig().int().positive(), title: schemas/* string */.YjP().min(1), detail: schemas/* string */.YjP() })).describe('Numbered steps naming files'),
    needsCode: schemas/* boolean */.zMY().describe('False for a question or analysis that needs no change'),
    questions: schemas/* array */.YOg(schemas/* string */.YjP().min(1)).default([]).describe('Only for essential ambiguity; empty otherwise'),
});
const StepCompletion = schemas/* object */.Ikc({
    step_id: schemas/* number */.aig().int().positive().describe('The plan step id'),
    summary: schemas/* string */.YjP().min(1).describe('One line: what changed'),
});
const FinishSubmission = schemas/* object */.Ikc({
    summary: schemas/* string */.YjP().min(1).describe('What the change does'),
    approach: schemas/* string */.YjP().min(1).describe('How it was implemented'),
    tradeoffs: schemas/* string */.YjP().describe('Alternatives considered and why not'),
});
const VerdictSubmission = schemas/* object */.Ikc({
    criteria: schemas/* array */.YOg(schemas/* object */.Ikc({ id: schemas/* string */.YjP(), met: schemas/* boolean */.zMY(), evidence: schemas/* string */.YjP() })),
    passed: schemas/* boolean */.zMY(),
    feedback: schemas/* string */.YjP().describe('For the code sub-agent: exactly what failed and where; empty when passed'),
});
const LearningsSubmission = schemas/* object */.Ikc({
    learnings: schemas/* array */.YOg(schemas/* object */.Ikc({
        id: schemas/* string */.YjP().optional().describe('Id of an existing learning this refines'),
        text: schemas/* string */.YjP().min(1).describe('One imperative sentence'),
        sourceUrl: schemas/* string */.YjP().describe('URL of the comment it comes from'),
    })),
});
const SubmitToolNames = {
    planner: 'submit_spec',
    coder: 'finish',
    verifier: 'submit_verdict',
    learner: 'submit_learnings',
};
/** A policy that allows reads only (planner, verifier file tools). */
function readOnlyPolicy(base) {
    const deny = { action: 'deny', reason: 'this sub-agent is read-only: it cannot change files' };
    return {
        checkCommand: (c) => base.checkCommand(c),
        checkPath: (p, op) => (op === 'write' ? deny : base.checkPath(p, op)),
        checkEdit: () => deny,
    };
}
/**
 * The tool set of a role. `extra` adds orchestrator-provided tools (e.g. `complete_step`), `web`
 * the server tools for research (planner, coder) and `mcp` the repository's MCP server tools
 * (planner, coder, verifier: every role that works on the repository; src/mcp/).
 * Tools are rebuilt per role run: the bash tool keeps a working directory per instance.
 */
function roleTools(role, extra = [], web = [], mcp = []) {
    const search = [createListFilesTool(), createSearchTool(), ...(role === 'planner' || role === 'coder' ? web : []), ...(role === 'learner' ? [] : mcp)];
    switch (role) {
        case 'planner':
            return {
                tools: [createEditorTool(), ...search, makeSubmitTool(SubmitToolNames.planner, 'Submit the task spec (call exactly once).', SpecSubmission), ...extra],
                submitTools: [SubmitToolNames.planner],
                policy: readOnlyPolicy,
            };
        case 'coder':
            return {
                tools: [createBashTool(), createEditorTool(), ...search, ...extra, makeSubmitTool(SubmitToolNames.coder, 'Finish: every plan step is done and the tests you ran pass.', FinishSubmission)],
                submitTools: [SubmitToolNames.coder],
                policy: (p) => p,
            };
        case 'verifier':
            return {
                tools: [createBashTool(), createEditorTool(), ...search, makeSubmitTool(SubmitToolNames.verifier, 'Submit the verdict (call exactly once).', VerdictSubmission), ...extra],
                submitTools: [SubmitToolNames.verifier],
                policy: readOnlyPolicy,
            };
        case 'learner':
            return {
                tools: [makeSubmitTool(SubmitToolNames.learner, 'Submit the durable preferences (possibly none).', LearningsSubmission)],
                submitTools: [SubmitToolNames.learner],
                policy: readOnlyPolicy,
            };
    }
}
/**
 * Anthropic's server tools for research on the web: web search
 * (https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/web-search-tool) and web fetch
 * (https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/web-fetch-tool). The API runs them;
 * their `server_tool_use` and `*_tool_result` blocks stay in the conversation, and the sources are
 * listed in the PR body. Offered to the planner and the coder when the network level lets the agent
 * out: `open-internet` (any domain) or a custom allow-list (`allowedDomains`, the only domains
 * searched and fetched). @returns none at the other levels
 */
function webTools(level, allowedDomains) {
    if (level !== 'open-internet' && !(level === 'custom' && allowedDomains.length))
        return [];
    const domains = level === 'open-internet' ? {} : { allowed_domains: allowedDomains.map((d) => d.replace(/^\*?\./, '')) };
    const server = (definition) => ({
        name: String(definition.name),
        definition: definition,
        // never called: the API executes server tools and answers them itself
        execute: async () => ({ content: `${String(definition.name)} is run by the API`, isError: true }),
    });
    return [
        server({ type: 'web_search_20250305', name: 'web_search', max_uses: 8, ...domains }),
        server({ type: 'web_fetch_20250910', name: 'web_fetch', max_uses: 8, ...domains }),
    ];
}
/** URLs of the web sources a conversation used (search results and fetched pages), in order, once each. */
function webSources(messages) {
    const out = [];
    const add = (u) => {
        if (typeof u === 'string' && /^https?:\/\//.test(u) && !out.includes(u))
            out.push(u);
    };
    for (const m of messages) {
        if (m.role !== 'assistant' || typeof m.content === 'string')
            continue;
        for (const b of m.content) {
            if (b.type === 'web_search_tool_result' && Array.isArray(b.content))
                for (const r of b.content)
                    add(r.url);
            if (b.type === 'web_fetch_tool_result')
                add(b.content?.url);
        }
    }
    return out;
}
/**
 * The stable, cacheable system prefix of a role: its prompt with steering and learnings rendered
 * in. Identical across the turns of a task, so the Messages API serves it from cache.
 */
function roleSystem(role, vars) {
    return [{ type: 'text', text: (0,prompts/* renderPrompt */.nQ)(role, vars) }];
}
/** Binds a role's policy into a tool context. */
function withPolicy(ctx, rt) {
    return { ...ctx, policy: rt.policy(ctx.policy) };
}

// EXTERNAL MODULE: ./node_modules/zod/v4/core/errors.js
var errors = __webpack_require__(37428);
;// CONCATENATED MODULE: ./src/agent/notices.ts
/**
 * The fixed texts the loop itself puts into a conversation (tool_result hints and short user
 * notices). Task prompts live in `prompts/*.md`; these are protocol messages, kept in one place.
 */
const Notices = {
    /** Answer to a tool_use cut off by `max_tokens`. */
    truncatedToolUse: 'Your response hit max_tokens while writing this tool call, so its input was cut off and it was not run. ' +
        'Call the tool again with a smaller input: split a large file into a create plus several insert/str_replace calls.',
    /** User turn after a text-only response cut off by `max_tokens`. */
    maxTokensText: 'Your response was cut off by max_tokens. Continue where you stopped; keep each response shorter.',
    /** Answer to a tool_use that was not run because an earlier call in the same turn ended the run. */
    notRun: (why) => `Not run: ${why}.`,
    unknownTool: (name, known) => `Unknown tool "${name}". Available tools: ${known.join(', ')}.`,
    invalidInput: (name, details) => `Invalid input for ${name}:\n${details}\nFix the input and call ${name} again.`,
    toolCrashed: (name, message) => `${name} failed unexpectedly: ${message}. Try a different approach or simpler input.`,
    submitted: 'Submitted.',
    /** User turn when the model ended its turn without calling a required submit tool. */
    submitReminder: (names) => `You ended your turn without submitting. When you are done, call ${names.map((n) => `\`${n}\``).join(' or ')} with your result.`,
    /** Wraps a message from the task owner received while the agent worked (SPEC.md J2 steering). */
    steer: (text) => `The task owner sent a new instruction while you were working. Take it into account from now on:\n<owner-instruction>\n${text}\n</owner-instruction>`,
};

;// CONCATENATED MODULE: ./src/agent/context.ts
/** Defaults: clear at 75 % of the usable window down to 30 % (keeping up to 3 recent results), compact at 90 %. */
function contextPolicy(window) {
    return { window, clearAt: 0.75, compactAt: 0.9, keepRecent: 3, clearTo: 0.3 };
}
/** What replaces a cleared tool result: short, and says how to get it back. */
const CLEARED_RESULT = '[older tool result cleared to keep the conversation within the context window; run the tool again if you need it]';
/** Characters of a request as the API would see them (the JSON of its prompt parts). */
function requestChars(req) {
    return JSON.stringify([req.system ?? '', req.tools ?? [], req.messages]).length;
}
/** Tracks tokens per character from the API's usage, to estimate a request before it is sent. */
class ContextMeter {
    policy;
    tokensPerChar = 0.25;
    /** Prompt tokens of the last request (input + cache read + cache write). */
    lastPromptTokens = 0;
    /** The largest prompt sent so far, tokens. */
    peakPromptTokens = 0;
    constructor(policy) {
        this.policy = policy;
    }
    /** Calibrates from a request and the usage the API reported for it. */
    observe(req, usage) {
        const prompt = usage.input_tokens + usage.cache_read_input_tokens + usage.cache_creation_input_tokens;
        const chars = requestChars(req);
        if (prompt > 0 && chars > 0)
            this.tokensPerChar = prompt / chars;
        this.lastPromptTokens = prompt;
        this.peakPromptTokens = Math.max(this.peakPromptTokens, prompt);
    }
    /** Estimated prompt tokens of `req`. */
    estimate(req) {
        return Math.ceil(requestChars(req) * this.tokensPerChar);
    }
    /** Tokens a prompt may take: the window minus room for the answer (at most a fifth of the window). */
    usable(maxTokens) {
        return this.policy.window - Math.min(maxTokens, Math.floor(this.policy.window / 5));
    }
    /** True when `req` fits in the target of a clearing batch. */
    fitsAfterClearing(req) {
        return this.estimate(req) <= this.usable(req.max_tokens) * this.policy.clearTo;
    }
    /**
     * True when the estimate is too uncertain to decide on: no response has calibrated it yet and
     * the request is large, or it lies within 10 % of the clearing threshold. The loop then asks
     * the token-counting endpoint and passes the exact count to `stage`.
     */
    uncertain(req) {
        const est = this.estimate(req);
        const at = this.usable(req.max_tokens) * this.policy.clearAt;
        return (this.lastPromptTokens === 0 && est > at / 2) || Math.abs(est - at) < at * 0.1;
    }
    /** Which stage `req` calls for, if any (from `exact` tokens when known). */
    stage(req, exact) {
        const est = exact ?? this.estimate(req);
        const usable = this.usable(req.max_tokens);
        if (est >= usable * this.policy.compactAt)
            return 'compact';
        if (est >= usable * this.policy.clearAt)
            return 'clear';
        return undefined;
    }
}
/**
 * Replaces the content of every `tool_result` but the newest `keepRecent` with `CLEARED_RESULT`
 * (results of 200 characters or fewer are kept: clearing them saves nothing). The first message is
 * never touched. Pure. @returns the new messages and how many results were cleared
 */
function clearOldToolResults(messages, keepRecent) {
    const positions = [];
    messages.forEach((m, i) => {
        if (i === 0 || m.role !== 'user' || typeof m.content === 'string')
            return;
        m.content.forEach((b, j) => {
            if (b.type === 'tool_result' && resultChars(b) > 200)
                positions.push([i, j]);
        });
    });
    const clear = new Set(positions.slice(0, Math.max(0, positions.length - keepRecent)).map(([i, j]) => `${i}:${j}`));
    let cleared = 0;
    const out = messages.map((m, i) => {
        if (typeof m.content === 'string')
            return m;
        let changed = false;
        const content = m.content.map((b, j) => {
            if (!clear.has(`${i}:${j}`) || b.type !== 'tool_result')
                return b;
            changed = true;
            cleared++;
            return { ...b, content: CLEARED_RESULT };
        });
        return changed ? { ...m, content } : m;
    });
    return { messages: out, cleared };
}
function resultChars(b) {
    const c = b.content;
    return typeof c === 'string' ? c.length : JSON.stringify(c ?? '').length;
}
/** The instruction that asks a role for its hand-off note. */
const HANDOFF_REQUEST = 'Your context window is nearly full, so this conversation will be restarted from the task above and a note you write now. ' +
    'Write that hand-off note for yourself, in plain text without calling any tool: what is done (files changed, commands that passed or failed), ' +
    'what is next (the exact next steps), and what you learned that you would otherwise have to rediscover (paths, commands, pitfalls). Be specific and brief.';
/**
 * The compacted conversation: the first user message (the task) with the hand-off note appended as
 * text. The note is data the role wrote itself; no earlier tool call survives, so no pair can break.
 */
function compactConversation(messages, note) {
    const first = messages[0];
    const noteText = `# Hand-off note (you wrote it before your conversation was compacted)\n${note.trim() || '(empty)'}\n\nContinue the task from here.`;
    if (!first || first.role !== 'user')
        return [{ role: 'user', content: noteText }];
    const content = typeof first.content === 'string' ? [{ type: 'text', text: first.content }] : [...first.content];
    return [{ role: 'user', content: [...content.filter((b) => b.type !== 'tool_result'), { type: 'text', text: noteText }] }];
}
/** True for the API's "prompt is too long" (a 400 invalid_request_error). */
function isPromptTooLong(e) {
    const msg = e instanceof Error ? e.message : String(e);
    return /prompt is too long|exceeds? (the )?(model'?s? )?context (window|length)|too many (input )?tokens/i.test(msg);
}

;// CONCATENATED MODULE: ./src/agent/request.ts
/** How many block boundaries before a breakpoint the API checks for an earlier cache entry. */
const CACHE_LOOKBACK_BLOCKS = 20;
/** Keep the previous tail breakpoint when the newest turn added at least this many blocks. */
const LOOKBACK_MARGIN_BLOCKS = 16;
/** The API's limit on breakpoints per request. */
const MAX_CACHE_BREAKPOINTS = 4;
/** Default `max_tokens` of a step (thinking included). */
const DEFAULT_MAX_TOKENS = 32_000;
const EPHEMERAL = { type: 'ephemeral' };
function hasCache(b) {
    return typeof b === 'object' && b !== null && b.cache_control != null;
}
function strip(b) {
    if (!hasCache(b))
        return b;
    const { cache_control: _drop, ...rest } = b;
    return rest;
}
function stripBlock(b) {
    if (b.type === 'tool_result' && Array.isArray(b.content) && b.content.some(hasCache)) {
        return strip({ ...b, content: b.content.map(strip) });
    }
    return strip(b);
}
/** The message without any `cache_control` (the same object when it had none). */
function stripMessage(m) {
    if (typeof m.content === 'string')
        return m;
    let changed = false;
    const content = m.content.map((b) => {
        const s = stripBlock(b);
        if (s !== b)
            changed = true;
        return s;
    });
    return changed ? { ...m, content } : m;
}
/** A copy of the message with a breakpoint on its last content block (unchanged when it has none). */
function withBreakpoint(m) {
    if (typeof m.content === 'string') {
        return m.content === '' ? m : { ...m, content: [{ type: 'text', text: m.content, cache_control: EPHEMERAL }] };
    }
    const last = m.content.at(-1);
    if (!last || (last.type === 'text' && last.text === '') || last.type === 'thinking' || last.type === 'redacted_thinking')
        return m;
    return { ...m, content: [...m.content.slice(0, -1), { ...last, cache_control: EPHEMERAL }] };
}
function blockCount(m) {
    return typeof m.content === 'string' ? 1 : m.content.length;
}
/** Copies of `messages` without old breakpoints and with the tail (and, if needed, previous tail) ones. */
function placeMessageBreakpoints(messages) {
    const out = messages.map(stripMessage);
    let u1 = -1;
    for (let i = out.length - 1; i >= 0; i--) {
        if (out[i].role === 'user') {
            u1 = i;
            break;
        }
    }
    if (u1 < 0)
        return out;
    out[u1] = withBreakpoint(out[u1]);
    let u0 = -1;
    for (let i = u1 - 1; i >= 0; i--) {
        if (out[i].role === 'user') {
            u0 = i;
            break;
        }
    }
    if (u0 >= 0) {
        let added = 0;
        for (let i = u0 + 1; i <= u1; i++)
            added += blockCount(out[i]);
        if (added >= LOOKBACK_MARGIN_BLOCKS)
            out[u0] = withBreakpoint(out[u0]);
    }
    return out;
}
/**
 * The request for one step: `{model, max_tokens, tools, system, messages}` with the breakpoints
 * described above. Does not mutate its input.
 */
function buildRequest(input) {
    const tools = input.tools.map((t) => strip('definition' in t && 'execute' in t ? t.definition : t));
    const system = input.system.map((b, i) => (i === input.system.length - 1 ? { ...b, cache_control: EPHEMERAL } : strip(b)));
    if (system.length === 0 && tools.length > 0) {
        tools[tools.length - 1] = { ...tools[tools.length - 1], cache_control: EPHEMERAL };
    }
    const request = {
        model: input.modelId,
        max_tokens: input.maxTokens ?? DEFAULT_MAX_TOKENS,
        messages: placeMessageBreakpoints(input.messages),
    };
    if (tools.length > 0)
        request.tools = tools;
    if (system.length > 0)
        request.system = system;
    if (input.thinking)
        request.thinking = input.thinking;
    return request;
}
/** Number of `cache_control` breakpoints in a request (tools, system, messages, nested tool_result content). */
function countBreakpoints(req) {
    let n = 0;
    for (const t of req.tools ?? [])
        if (hasCache(t))
            n++;
    if (Array.isArray(req.system))
        for (const b of req.system)
            if (hasCache(b))
                n++;
    for (const m of req.messages) {
        if (typeof m.content === 'string')
            continue;
        for (const b of m.content) {
            if (hasCache(b))
                n++;
            if (b.type === 'tool_result' && Array.isArray(b.content))
                for (const c of b.content)
                    if (hasCache(c))
                        n++;
        }
    }
    return n;
}

;// CONCATENATED MODULE: ./src/agent/loop.ts
/**
 * The agent loop: call the model, run the tools it asks for, check limits before each call,
 * record every step, return a typed exit reason. It knows nothing of GitHub.
 * Message contract: https://docs.anthropic.com/en/api/messages — every `tool_use` is answered by
 * a `tool_result` with the same id, in order, in the next user turn (also when the run ends on a
 * submit or a pause, so a resumed conversation stays valid).
 */







/** How often a model that ends its turn without calling a required submit tool is reminded. */
const MAX_SUBMIT_REMINDERS = 2;
/** Safety net for tools that do not truncate their own output (e.g. MCP tools). */
const MAX_RESULT_CHARS = 100_000;
/** Which limit (if any) forbids another model call. */
function limitReached(limits, spend, now = Date.now()) {
    if (spend.turns >= limits.maxTurns)
        return 'turns';
    if (spend.costUsd >= limits.maxCostUsd)
        return 'cost';
    if (now >= limits.deadline)
        return 'time';
    return undefined;
}
/**
 * Runs one sub-agent to an exit: `completed` (end_turn without tool calls), `submitted` (a valid
 * submit-tool call; `result` is its parsed input), `paused` (a tool asked for an autonomy pause),
 * `limit_reached` (`limit` says which, checked before each model call) or `failed` (the model API
 * failed after retries, refused, or overflowed its context; `error` says why). Never throws for
 * tool or model failures.
 *
 * @throws Error when a name in `submitTools` is not in `tools` (a programming error)
 */
async function runAgent(opts) {
    const tools = new Map(opts.tools.map((t) => [t.name, t]));
    const submit = opts.submitTools ?? [];
    for (const name of submit)
        if (!tools.has(name))
            throw new Error(`runAgent: submit tool "${name}" is not in tools`);
    const messages = opts.messages.map(stripMessage);
    let turns = 0;
    let cost = 0;
    let text = '';
    let reminders = 0;
    const end = (exit) => ({ ...exit, text, messages, turns, costUsd: cost });
    const meter = new ContextMeter(contextPolicy(opts.contextWindow ?? modelInfo(opts.modelId).contextWindow));
    let compactedAfterError = false;
    const build = (msgs = messages) => buildRequest({ modelId: opts.modelId, system: opts.system, tools: opts.tools, messages: msgs, maxTokens: opts.maxTokens, ...(opts.thinking ? { thinking: opts.thinking } : {}) });
    /**
     * Asks the role for a hand-off note and restarts the conversation from the task and the note.
     * If even that request is too long, every tool result is cleared first; if the note still cannot
     * be had, the conversation restarts from the task with a note saying so.
     */
    const compact = async () => {
        let note = '';
        for (const keep of [meter.policy.keepRecent, 0]) {
            const cleared = clearOldToolResults(messages, keep).messages;
            const ask = appendUserText(cleared, HANDOFF_REQUEST);
            try {
                const r = await opts.model.send(build(ask), { signal: opts.signal });
                const c = costUsd(opts.modelId, r.usage);
                turns++;
                cost += c;
                addSpend(opts.spend, r.usage, c);
                note = textOf(r.message);
                break;
            }
            catch (e) {
                if (!isPromptTooLong(e)) {
                    note = `(the hand-off note could not be written: ${e instanceof Error ? e.message : String(e)})`;
                    break;
                }
            }
        }
        messages.splice(0, messages.length, ...compactConversation(messages, note || '(no note)'));
        opts.onContext?.({ kind: 'compacted', count: 1, promptTokens: meter.estimate(build()) });
    };
    for (;;) {
        const limit = limitReached(opts.limits, opts.spend);
        if (limit)
            return end({ exitReason: 'limit_reached', limit });
        if (opts.signal?.aborted)
            return end({ exitReason: 'failed', error: 'cancelled before the next model call' });
        let request = build();
        // keep the conversation inside the window: clear old tool results in a batch, then compact.
        // Near the threshold (or before any usage calibrated the estimate) the exact count decides.
        const exact = meter.uncertain(request) && opts.model.countTokens ? await opts.model.countTokens(request).catch(() => undefined) : undefined;
        if (meter.stage(request, exact)) {
            // one deep batch: keep as many recent results as fit under the target (down to none)
            let c = clearOldToolResults(messages, 0);
            for (let keep = meter.policy.keepRecent; keep > 0; keep--) {
                const k = clearOldToolResults(messages, keep);
                if (meter.fitsAfterClearing(build(k.messages))) {
                    c = k;
                    break;
                }
            }
            if (c.cleared > 0) {
                messages.splice(0, messages.length, ...c.messages);
                request = build();
                opts.onContext?.({ kind: 'cleared', count: c.cleared, promptTokens: meter.estimate(request) });
            }
            if (meter.stage(request) === 'compact') {
                await compact();
                request = build();
            }
        }
        let response;
        try {
            response = await opts.model.send(request, { signal: opts.signal });
        }
        catch (e) {
            // "prompt is too long" is recoverable once: compact and try again
            if (isPromptTooLong(e) && !compactedAfterError) {
                compactedAfterError = true;
                await compact();
                continue;
            }
            return end({ exitReason: 'failed', error: e instanceof Error ? e.message : String(e) });
        }
        const { message, usage } = response;
        meter.observe(request, usage);
        const stepCost = costUsd(opts.modelId, usage);
        turns++;
        cost += stepCost;
        addSpend(opts.spend, usage, stepCost);
        const start = messages.length;
        messages.push(toAssistantParam(message));
        const said = textOf(message);
        if (said)
            text = said;
        const uses = message.content.filter((b) => b.type === 'tool_use');
        const stop = message.stop_reason;
        let exit;
        let reply = [];
        let ended = false;
        if (stop === 'refusal') {
            exit = { exitReason: 'failed', error: `${opts.modelId} refused the request (stop_reason: refusal); try another model` };
        }
        else if (stop === 'model_context_window_exceeded') {
            exit = { exitReason: 'failed', error: `the conversation outgrew ${opts.modelId}'s context window (stop_reason: model_context_window_exceeded)` };
        }
        else if (uses.length > 0) {
            const ran = await runToolUses(uses, stop === 'max_tokens', tools, new Set(submit), opts.ctx);
            reply = ran.results;
            exit = ran.exit;
        }
        else if (stop === 'max_tokens') {
            reply = [{ type: 'text', text: Notices.maxTokensText }];
        }
        else if (stop !== 'pause_turn') {
            ended = true;
        }
        if (!exit) {
            const steer = await askSteer(opts.steer);
            if (steer)
                reply.push({ type: 'text', text: Notices.steer(steer) });
            else if (ended && submit.length > 0 && reminders < MAX_SUBMIT_REMINDERS) {
                reminders++;
                reply.push({ type: 'text', text: Notices.submitReminder(submit) });
            }
            else if (ended)
                exit = { exitReason: 'completed' };
        }
        if (reply.length > 0)
            messages.push({ role: 'user', content: reply });
        if (opts.onStep) {
            const step = {
                role: opts.role,
                turn: turns,
                messages,
                newMessages: messages.slice(start),
                usage,
                costUsd: stepCost,
                modelId: opts.modelId,
                stopReason: stop,
            };
            try {
                await opts.onStep(step);
            }
            catch (e) {
                return end({ exitReason: 'failed', error: `recording step ${turns} failed: ${e instanceof Error ? e.message : String(e)}` });
            }
        }
        if (exit)
            return end(exit);
    }
}
async function askSteer(steer) {
    if (!steer)
        return undefined;
    try {
        const s = await steer();
        return s && s.trim() !== '' ? s : undefined;
    }
    catch {
        // Steering is best effort: a failed fetch of new comments must not stop the work.
        return undefined;
    }
}
/**
 * Runs the tool_use blocks of one assistant turn in order and answers each. `lastCut`: the last
 * block was cut off by max_tokens (its input is partial) and is answered with a retry hint.
 */
async function runToolUses(uses, lastCut, tools, submit, ctx) {
    const results = [];
    let exit;
    // parallel tool use: a run of reads (view, search_code, list_files) executes concurrently; every
    // other call runs in order. Results are answered in the order of the calls either way.
    const early = new Map();
    for (let i = 0; i < uses.length; i++) {
        if (!isRead(uses[i]) || (lastCut && i === uses.length - 1))
            continue;
        let j = i;
        while (j < uses.length && isRead(uses[j]) && !(lastCut && j === uses.length - 1))
            j++;
        if (j - i > 1)
            for (let k = i; k < j; k++)
                early.set(k, executeToolUse(uses[k], tools, ctx, false));
        i = j;
    }
    for (const [i, use] of uses.entries()) {
        if (exit) {
            const why = exit.exitReason === 'paused' ? 'the run is paused for approval' : 'the result was already submitted';
            results.push(toolResult(use.id, { content: Notices.notRun(why), isError: true }));
            continue;
        }
        if (lastCut && i === uses.length - 1) {
            results.push(toolResult(use.id, { content: Notices.truncatedToolUse, isError: true }));
            continue;
        }
        const outcome = await (early.get(i) ?? executeToolUse(use, tools, ctx, submit.has(use.name)));
        if (outcome.submitted)
            exit = { exitReason: 'submitted', result: outcome.submitted.value, submitTool: use.name };
        else if (outcome.pause)
            exit = { exitReason: 'paused', pause: outcome.pause };
        results.push(toolResult(use.id, { ...outcome, content: ctx.redact(outcome.content) }));
    }
    return { results, exit };
}
/** Tool calls that only read the workspace (safe to run side by side). */
function isRead(use) {
    if (use.name === 'search_code' || use.name === 'list_files')
        return true;
    return use.name === 'str_replace_based_edit_tool' && use.input?.command === 'view';
}
/**
 * Runs one tool call the way the loop does: unknown tool → error result listing the tools;
 * input checked against `inputSchema` (error result with zod's message); exceptions from
 * `execute` become error results. A submit tool's valid input is returned in `submitted`.
 * The content is not yet redacted.
 */
async function executeToolUse(use, tools, ctx, isSubmit = false) {
    const tool = tools.get(use.name);
    if (!tool)
        return { content: Notices.unknownTool(use.name, [...tools.keys()]), isError: true };
    let input = use.input;
    if (tool.inputSchema) {
        const parsed = tool.inputSchema.safeParse(use.input);
        if (!parsed.success)
            return { content: Notices.invalidInput(use.name, errors/* prettifyError */.S1(parsed.error)), isError: true };
        input = parsed.data;
    }
    if (isSubmit)
        return { content: Notices.submitted, submitted: { value: input } };
    try {
        return await tool.execute(input, ctx);
    }
    catch (e) {
        return { content: Notices.toolCrashed(use.name, e instanceof Error ? e.message : String(e)), isError: true };
    }
}
function toolResult(id, outcome) {
    const content = outcome.content === '' ? '(no output)' : (0,truncate/* truncateOutput */.Kx)(outcome.content, { maxChars: MAX_RESULT_CHARS, maxLines: 5000 });
    return outcome.isError
        ? { type: 'tool_result', tool_use_id: id, content, is_error: true }
        : { type: 'tool_result', tool_use_id: id, content };
}
/** The assistant turn as a message param: the blocks the API returned, minus empty text. */
function toAssistantParam(message) {
    const content = [];
    for (const b of message.content) {
        switch (b.type) {
            case 'text':
                if (b.text !== '')
                    content.push({ type: 'text', text: b.text });
                break;
            case 'tool_use':
                content.push({ type: 'tool_use', id: b.id, name: b.name, input: b.input });
                break;
            case 'thinking':
                content.push({ type: 'thinking', thinking: b.thinking, signature: b.signature });
                break;
            case 'redacted_thinking':
                content.push({ type: 'redacted_thinking', data: b.data });
                break;
            default:
                content.push(b);
        }
    }
    // The API accepts an empty assistant turn only as the last (prefill) message.
    if (content.length === 0)
        content.push({ type: 'text', text: '(no response)' });
    return { role: 'assistant', content };
}
function textOf(message) {
    return message.content
        .filter((b) => b.type === 'text')
        .map((b) => b.text)
        .join('\n')
        .trim();
}
function addSpend(spend, usage, stepCost) {
    spend.turns += 1;
    spend.costUsd += stepCost;
    spend.usage.input_tokens += usage.input_tokens;
    spend.usage.output_tokens += usage.output_tokens;
    spend.usage.cache_creation_input_tokens += usage.cache_creation_input_tokens;
    spend.usage.cache_read_input_tokens += usage.cache_read_input_tokens;
}
/** `messages` with `text` added to the last user turn, after its tool_result blocks (or as a new user turn). Pure. */
function appendUserText(messages, text) {
    const out = [...messages];
    const last = out[out.length - 1];
    if (last && last.role === 'user') {
        const content = typeof last.content === 'string' ? [{ type: 'text', text: last.content }] : [...last.content];
        out[out.length - 1] = { role: 'user', content: [...content, { type: 'text', text }] };
    }
    else {
        out.push({ role: 'user', content: text });
    }
    return out;
}

;// CONCATENATED MODULE: ./src/agent/transcript.ts
/**
 * The transcript: an append-only JSONL file, one line per agent step, every string redacted
 * before it is written. A line holds only the messages that step appended, so the file grows
 * linearly with the conversation; `transcriptMessages` rebuilds a sub-agent's conversation.
 */


const TRANSCRIPT_VERSION = 1;
/** Deep copy with `redact` applied to every string. */
function redactDeep(value, redact) {
    if (typeof value === 'string')
        return redact(value);
    if (Array.isArray(value))
        return value.map((v) => redactDeep(v, redact));
    if (value !== null && typeof value === 'object') {
        const out = {};
        for (const [k, v] of Object.entries(value))
            out[k] = redactDeep(v, redact);
        return out;
    }
    return value;
}
/**
 * Opens (creates on first write, with its directory) an append-only transcript at `path`.
 * Lines are written in call order; a write error rejects that `record` (and the loop then ends
 * with `failed`).
 */
function createTranscriptWriter(path, redact) {
    let queue = (0,promises_.mkdir)((0,external_node_path_.dirname)(path), { recursive: true }).then(() => undefined);
    const runs = new WeakMap();
    let nextRun = 0;
    return {
        path,
        record(step) {
            // Each runAgent call has its own messages array: that identifies the run.
            let run = runs.get(step.messages);
            if (run === undefined) {
                run = ++nextRun;
                runs.set(step.messages, run);
            }
            const entry = {
                v: TRANSCRIPT_VERSION,
                ts: new Date().toISOString(),
                role: step.role,
                turn: step.turn,
                run,
                modelId: step.modelId,
                stopReason: step.stopReason,
                usage: step.usage,
                costUsd: step.costUsd,
                messages: redactDeep([...step.newMessages], redact),
            };
            const line = `${JSON.stringify(entry)}\n`;
            const p = queue.then(() => (0,promises_.appendFile)(path, line, 'utf8'));
            queue = p.catch(() => undefined);
            return p;
        },
        flush: () => queue,
    };
}
/**
 * Reads a transcript. A torn last line (the runner died mid-write) is skipped; other malformed
 * lines throw with their line number. A missing file reads as no entries.
 */
async function readTranscript(path) {
    let raw;
    try {
        raw = await readFile(path, 'utf8');
    }
    catch (e) {
        if (e.code === 'ENOENT')
            return [];
        throw e;
    }
    const lines = raw.split('\n');
    const out = [];
    lines.forEach((line, i) => {
        if (line.trim() === '')
            return;
        try {
            out.push(JSON.parse(line));
        }
        catch {
            const isLast = lines.slice(i + 1).every((l) => l.trim() === '');
            if (!isLast)
                throw new Error(`${path}:${i + 1}: not a JSON transcript line`);
        }
    });
    return out;
}
/**
 * The conversation one run appended, in order (the initial messages given to `runAgent` are not
 * in the transcript). `run` defaults to the last run of `role`.
 */
function transcriptMessages(entries, role, run) {
    const mine = entries.filter((e) => e.role === role);
    const which = run ?? mine.at(-1)?.run;
    return mine.filter((e) => e.run === which).flatMap((e) => e.messages);
}

// EXTERNAL MODULE: ./src/git/repo.ts
var repo = __webpack_require__(14134);
// EXTERNAL MODULE: ./src/policy/commands.ts + 1 modules
var commands = __webpack_require__(9435);
// EXTERNAL MODULE: ./src/policy/paths.ts
var policy_paths = __webpack_require__(40786);
// EXTERNAL MODULE: ./src/policy/redact.ts
var redact = __webpack_require__(66509);
// EXTERNAL MODULE: ./src/report/pr-body.ts
var pr_body = __webpack_require__(68843);
// EXTERNAL MODULE: ./src/report/summary.ts
var summary = __webpack_require__(57994);
;// CONCATENATED MODULE: ./src/verify/detect.ts
/**
 * Detects how a project verifies itself (SPEC.md §2 "Environment"): test, lint and type-check
 * commands from its manifests. Detection reads files only; nothing is executed here.
 */


function readJson(p) {
    try {
        return JSON.parse((0,external_node_fs_.readFileSync)(p, 'utf8'));
    }
    catch {
        return undefined;
    }
}
function readText(p) {
    try {
        return (0,external_node_fs_.readFileSync)(p, 'utf8');
    }
    catch {
        return undefined;
    }
}
/** The package manager a Node project uses, from its lock file. */
function nodeRunner(dir) {
    if ((0,external_node_fs_.existsSync)(external_node_path_default().join(dir, 'pnpm-lock.yaml')))
        return { run: (s) => `pnpm run ${s}`, test: 'pnpm test' };
    if ((0,external_node_fs_.existsSync)(external_node_path_default().join(dir, 'yarn.lock')))
        return { run: (s) => `yarn run ${s}`, test: 'yarn test' };
    if ((0,external_node_fs_.existsSync)(external_node_path_default().join(dir, 'bun.lockb')) || (0,external_node_fs_.existsSync)(external_node_path_default().join(dir, 'bun.lock')))
        return { run: (s) => `bun run ${s}`, test: 'bun test' };
    return { run: (s) => `npm run ${s}`, test: 'npm test' };
}
const NPM_DEFAULT_TEST = /no test specified/;
/**
 * Lists the verification commands of the project at `dir`, in a stable order
 * (type check, lint, test). Unknown projects return an empty list.
 */
function detectChecks(dir) {
    const out = [];
    const add = (c) => {
        if (!out.some((o) => o.command === c.command))
            out.push(c);
    };
    const pkg = readJson(external_node_path_default().join(dir, 'package.json'));
    if (pkg) {
        const scripts = (pkg.scripts ?? {});
        const r = nodeRunner(dir);
        const tc = ['typecheck', 'type-check', 'tsc', 'check-types', 'types'].find((s) => scripts[s]);
        if (tc)
            add({ kind: 'typecheck', name: r.run(tc), command: r.run(tc), source: 'package.json' });
        else if ((0,external_node_fs_.existsSync)(external_node_path_default().join(dir, 'tsconfig.json')) && (0,external_node_fs_.existsSync)(external_node_path_default().join(dir, 'node_modules', '.bin', 'tsc'))) {
            add({ kind: 'typecheck', name: 'tsc --noEmit', command: 'npx --no-install tsc --noEmit', source: 'tsconfig.json' });
        }
        if (scripts.lint)
            add({ kind: 'lint', name: r.run('lint'), command: r.run('lint'), source: 'package.json' });
        if (scripts.test && !NPM_DEFAULT_TEST.test(scripts.test))
            add({ kind: 'test', name: r.test, command: r.test, source: 'package.json' });
    }
    const makefile = readText(external_node_path_default().join(dir, 'Makefile')) ?? readText(external_node_path_default().join(dir, 'makefile'));
    if (makefile) {
        for (const [target, kind] of [
            ['typecheck', 'typecheck'],
            ['lint', 'lint'],
            ['test', 'test'],
            ['check', 'test'],
        ]) {
            if (new RegExp(`^${target}\\s*:`, 'm').test(makefile))
                add({ kind, name: `make ${target}`, command: `make ${target}`, source: 'Makefile' });
        }
    }
    const pyproject = readText(external_node_path_default().join(dir, 'pyproject.toml'));
    const hasPy = pyproject !== undefined || (0,external_node_fs_.existsSync)(external_node_path_default().join(dir, 'setup.py')) || (0,external_node_fs_.existsSync)(external_node_path_default().join(dir, 'requirements.txt'));
    if (hasPy) {
        const cfg = (pyproject ?? '') + (readText(external_node_path_default().join(dir, 'setup.cfg')) ?? '');
        if (/\[tool\.mypy\]|mypy/.test(cfg))
            add({ kind: 'typecheck', name: 'mypy', command: 'python -m mypy .', source: 'pyproject.toml' });
        if (/\[tool\.ruff/.test(cfg) || (0,external_node_fs_.existsSync)(external_node_path_default().join(dir, 'ruff.toml')))
            add({ kind: 'lint', name: 'ruff', command: 'python -m ruff check .', source: 'pyproject.toml' });
        if (/pytest/.test(cfg) || (0,external_node_fs_.existsSync)(external_node_path_default().join(dir, 'tests')) || (0,external_node_fs_.existsSync)(external_node_path_default().join(dir, 'test'))) {
            add({ kind: 'test', name: 'pytest', command: 'python -m pytest -q', source: pyproject !== undefined ? 'pyproject.toml' : 'requirements.txt' });
        }
    }
    if ((0,external_node_fs_.existsSync)(external_node_path_default().join(dir, 'go.mod'))) {
        add({ kind: 'lint', name: 'go vet', command: 'go vet ./...', source: 'go.mod' });
        add({ kind: 'test', name: 'go test', command: 'go test ./...', source: 'go.mod' });
    }
    if ((0,external_node_fs_.existsSync)(external_node_path_default().join(dir, 'Cargo.toml'))) {
        add({ kind: 'typecheck', name: 'cargo check', command: 'cargo check --all-targets --quiet', source: 'Cargo.toml' });
        add({ kind: 'test', name: 'cargo test', command: 'cargo test --quiet', source: 'Cargo.toml' });
    }
    const order = { build: 0, typecheck: 1, lint: 2, test: 3 };
    return out.sort((a, b) => order[a.kind] - order[b.kind]);
}

;// CONCATENATED MODULE: ./src/verify/run.ts
/**
 * Runs the project's verification commands (detected by detect.ts) in the sandbox environment
 * and collects pass/fail with an output excerpt for the PR body and the code sub-agent.
 */


/** An absolute bash, so a project's PATH cannot shadow the shell itself. */
const run_BASH = (0,external_node_fs_.existsSync)('/bin/bash') ? '/bin/bash' : 'bash';
/** Runs one shell command line in the sandbox; the runner kills its process group on timeout. */
async function runShell(command, opts) {
    const r = await opts.runner.run({ argv: [run_BASH, '-c', command], cwd: opts.cwd, env: { ...opts.env, ...opts.commandEnv?.(command) }, timeoutMs: opts.timeoutMs });
    if (r.spawnError)
        return { code: 127, output: r.spawnError, timedOut: false, durationMs: r.durationMs };
    return { code: r.code, output: r.output, timedOut: r.timedOut, durationMs: r.durationMs };
}
/** Runs every check in order (they may depend on each other's build output). */
async function runChecks(checks, opts) {
    const results = [];
    for (const c of checks) {
        const r = await runShell(c.command, opts);
        results.push({
            ...c,
            passed: r.code === 0 && !r.timedOut,
            exitCode: r.code,
            timedOut: r.timedOut,
            durationMs: r.durationMs,
            output: opts.redact((0,truncate/* truncateOutput */.Kx)(r.output, { maxLines: 120, maxChars: 8000 })),
        });
    }
    return results;
}

;// CONCATENATED MODULE: ./src/verify/setup.ts
/**
 * Installs the project's dependencies before the code sub-agent starts (SPEC.md §2
 * "Environment"): the project's manifests decide how. Detection reads files only; the install
 * runs in the sandbox (policy-free, as the action's own command, but with the sandbox's
 * environment and network level), and a failed install is reported, not fatal — the code
 * sub-agent can see and fix it.
 */



const exists = (dir, f) => (0,external_node_fs_.existsSync)(external_node_path_default().join(dir, f));
function hasNodeDependencies(dir) {
    try {
        const pkg = JSON.parse((0,external_node_fs_.readFileSync)(external_node_path_default().join(dir, 'package.json'), 'utf8'));
        return ['dependencies', 'devDependencies', 'optionalDependencies'].some((k) => pkg[k] && Object.keys(pkg[k]).length > 0);
    }
    catch {
        return false;
    }
}
/**
 * The install commands for the project at `dir`: at most one per ecosystem, chosen by its lock
 * file. Projects whose dependencies are already installed (a `node_modules` directory) or that
 * have none are skipped. A `Dockerfile` or dev container cannot be used without a Docker daemon in
 * the job; their presence is reported by the caller, and the manifests still decide.
 */
function detectSetup(dir) {
    const out = [];
    if (exists(dir, 'package.json') && !exists(dir, 'node_modules') && hasNodeDependencies(dir)) {
        if (exists(dir, 'pnpm-lock.yaml'))
            out.push({ name: 'pnpm install', command: 'pnpm install --frozen-lockfile', source: 'pnpm-lock.yaml' });
        else if (exists(dir, 'yarn.lock'))
            out.push({ name: 'yarn install', command: 'yarn install --frozen-lockfile', source: 'yarn.lock' });
        else if (exists(dir, 'bun.lockb') || exists(dir, 'bun.lock'))
            out.push({ name: 'bun install', command: 'bun install --frozen-lockfile', source: 'bun.lock' });
        else if (exists(dir, 'package-lock.json') || exists(dir, 'npm-shrinkwrap.json'))
            out.push({ name: 'npm ci', command: 'npm ci --no-audit --no-fund', source: 'package-lock.json' });
        else
            out.push({ name: 'npm install', command: 'npm install --no-audit --no-fund', source: 'package.json' });
    }
    if (exists(dir, 'requirements.txt'))
        out.push({ name: 'pip install', command: 'python -m pip install -q -r requirements.txt', source: 'requirements.txt' });
    else if (exists(dir, 'pyproject.toml') && (exists(dir, 'poetry.lock') || exists(dir, 'uv.lock'))) {
        out.push(exists(dir, 'uv.lock') ? { name: 'uv sync', command: 'uv sync --frozen', source: 'uv.lock' } : { name: 'poetry install', command: 'poetry install --no-interaction', source: 'poetry.lock' });
    }
    if (exists(dir, 'go.mod'))
        out.push({ name: 'go mod download', command: 'go mod download', source: 'go.mod' });
    if (exists(dir, 'Cargo.toml'))
        out.push({ name: 'cargo fetch', command: 'cargo fetch --quiet', source: 'Cargo.toml' });
    return out;
}
/** Runs the detected installs in order; never throws. */
async function runSetup(dir, opts) {
    const results = [];
    for (const c of detectSetup(dir)) {
        const r = await runShell(c.command, opts);
        results.push({ ...c, ok: r.code === 0 && !r.timedOut, output: opts.redact(r.output.slice(-4000)), durationMs: r.durationMs });
    }
    return results;
}

// EXTERNAL MODULE: ./src/orchestrator/lifecycle.ts
var lifecycle = __webpack_require__(49492);
// EXTERNAL MODULE: ./src/orchestrator/services.ts
var services = __webpack_require__(13262);
;// CONCATENATED MODULE: ./src/orchestrator/pipeline.ts
/**
 * The plan → code → verify → publish pipeline for one task run (SPEC.md J1.2–J1.6).
 * The agent loop knows nothing of GitHub; this module turns its exit reasons into commits, a pull
 * request, the status comment, labels, the job summary and outputs.
 */























/** `kiro/<issue>-<slug>` (SPEC.md J1.5). */
function taskBranch(issueNumber, title) {
    const slug = title
        .toLowerCase()
        .normalize('NFKD')
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 40)
        .replace(/-+$/, '');
    return `kiro/${issueNumber}${slug ? `-${slug}` : ''}`;
}
/** The spec's requirements and acceptance criteria as markdown (status comment, prompts). */
function specMarkdown(spec) {
    const lines = ['**Requirements**', '', ...spec.requirements.map((r) => `- ${r}`), '', '**Acceptance criteria**', '', ...spec.acceptanceCriteria.map((c) => `- **${c.id}** ${c.text}`)];
    return lines.join('\n');
}
function planItems(spec) {
    return spec.plan.map((p) => ({ id: p.id, title: p.title, done: p.done }));
}
/** A spend of nothing yet. */
function emptySpend() {
    return { turns: 0, costUsd: 0, usage: { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 } };
}
/** Opens the session of one task run (no network: the model client connects lazily). */
function openAgentSession(svc, o) {
    const s = svc.settings;
    // secrets never travel through the model, in either direction (docs/security.md)
    const model = (0,redact/* redactingModelClient */.QS)((0,agent_model/* createModelClient */.$L)({
        apiKey: s.anthropicApiKey,
        ...(s.anthropicBaseUrl ? { baseURL: s.anthropicBaseUrl } : {}),
        provider: s.provider,
        ...(s.vertexProjectId ? { projectId: s.vertexProjectId } : {}),
        retryBaseMs: s.retryBaseMs,
    }), svc.redact);
    const spend = o.spend ?? emptySpend();
    // leave time to commit, push and report before the job's budget runs out
    const budgetMs = s.timeoutMinutes * 60_000;
    const prior = o.prior ?? { turns: 0, costUsd: 0 };
    const limits = { maxTurns: Math.max(0, s.maxTurns - prior.turns), maxCostUsd: Math.max(0, s.maxCostUsd - prior.costUsd), deadline: svc.startedAt + budgetMs - Math.min(5 * 60_000, budgetMs / 10) };
    const transcript = createTranscriptWriter(external_node_path_default().join(s.runner.runnerTemp, 'kiro', o.taskId, 'transcript.jsonl'), svc.redact);
    const repoCtx = (0,services/* repoContextOf */.f)(svc, o.sandbox);
    const learningsText = o.learnings.length ? o.learnings.map((l) => `- ${l.text} (id ${l.id})`).join('\n') : '(none)';
    const baseVars = { repository: s.runner.repository, steering: o.steering };
    const web = webTools(s.networkAccess, s.allowedDomains);
    const sources = [];
    return {
        spend,
        // one duration for a task everywhere (status header, result line, PR body): since it was created
        started: o.startedAt ?? svc.now(),
        repoCtx,
        learningsText,
        async runRole(role, messages, extra = [], steer, system) {
            const rt = roleTools(role, extra, web, o.sandbox.mcpTools);
            const vars = role === 'verifier' ? baseVars : { ...baseVars, learnings: learningsText };
            const modelId = pickModel(role, s.model);
            const info = modelInfo(modelId);
            // extended thinking for the roles that reason (planning, coding, judging), where the model has it
            const thinking = role === 'learner' || info.thinking === 'none' ? undefined : info.thinking === 'adaptive' ? { type: 'adaptive' } : { type: 'enabled', budget_tokens: 16_000 };
            const result = await runAgent({
                model,
                modelId,
                ...(thinking ? { thinking } : {}),
                contextWindow: s.contextWindowTokens ?? info.contextWindow,
                onContext: (ev) => core/* info */.pq(`Kiro: ${role} context ${ev.kind === 'cleared' ? `cleared ${ev.count} old tool results` : 'compacted into a hand-off note'} (~${ev.promptTokens} tokens now).`),
                role,
                system: system ?? roleSystem(role, vars),
                tools: rt.tools,
                messages,
                limits,
                spend,
                ctx: withPolicy(o.sandbox.toolContext, rt),
                submitTools: rt.submitTools,
                onStep: (step) => transcript.record(step),
                ...(steer ? { steer } : {}),
            });
            for (const u of webSources(result.messages))
                if (!sources.includes(u))
                    sources.push(u);
            core/* info */.pq(`Kiro: ${role} ended with ${result.exitReason}${result.limit ? ` (${result.limit})` : ''}${result.error ? `: ${(0,sanitize/* safeInline */.H1)(svc.redact(result.error), 2000)}` : ''} after ${spend.turns} turns, $${spend.costUsd.toFixed(4)}.`);
            return result;
        },
        costOutputs() {
            core/* setOutput */.uH(constants/* Outputs */.tY.CostUsd, spend.costUsd.toFixed(4));
        },
        sources: () => [...sources],
        cost: () => ({ costUsd: spend.costUsd, costTotalUsd: prior.costUsd + spend.costUsd, costCapUsd: s.maxCostUsd }),
        tokens() {
            return {
                input: spend.usage.input_tokens,
                output: spend.usage.output_tokens,
                cacheRead: spend.usage.cache_read_input_tokens,
                cacheWrite: spend.usage.cache_creation_input_tokens,
            };
        },
    };
}
/**
 * A committer on the checked-out task branch. The whole change is checked each time: protected
 * paths (`.github/workflows/**`, anything under a `.git` directory, and the agent's own settings
 * `.kiro/settings.json` / `.kiro/settings/**`, so a model cannot widen its own permissions) are
 * left out and restored; secrets are replaced in the staged content and redacted from the
 * message (docs/security.md).
 */
function createCommitter(repoCtx, bot, owner, guard) {
    // an automation on a schedule has no one to credit
    const coAuthors = owner ? [{ name: owner.login, email: (0,repo/* noreplyEmail */.cw)(owner.login, owner.id) }] : [];
    const refused = new Set();
    return {
        async commit(message) {
            const out = await (0,repo/* commitWorkTree */.po)(repoCtx, guard.redact(message), bot, coAuthors, {
                refuse: (paths) => (0,policy_paths/* findProtectedChanges */.Hd)(paths, COMMIT_PROTECTED_GLOBS),
                secrets: () => guard.secrets(),
            });
            if (out.refused.length) {
                core/* warning */.$e(`Kiro: changes to protected paths were not committed and were restored: ${out.refused.join(', ')}`);
                for (const p of out.refused)
                    refused.add(p);
            }
            for (const f of out.scrubbed)
                core/* warning */.$e(`Kiro: ${f.path} held a secret value (${f.count}×); it was replaced by *** in the commit.`);
            return out.sha;
        },
        refused: () => [...refused],
    };
}
/** Paths no commit of the action carries, whoever changed them (see `createCommitter`). */
// `gha-creds-*.json`: the credentials file google-github-actions/auth writes into the checkout
const COMMIT_PROTECTED_GLOBS = Object.freeze([...policy_paths/* DEFAULT_PROTECTED_GLOBS */.Nf, constants/* RepoFiles */.op.Settings, '.kiro/settings/**', 'gha-creds-*.json']);
/**
 * Installs the project's dependencies (once per work tree and run) before the coder starts, so
 * that its tests and the verification can run. Dependency directories are kept out of commits
 * through `.git/info/exclude`. A failed install is told to the coder, which can fix it.
 */
async function prepareEnvironment(o, messages) {
    const dir = o.session.repoCtx.dir;
    const s = o.svc.settings;
    if (!detectSetup(dir).length)
        return messages;
    await o.status.update({ phase: 'Installing the project’s dependencies…' });
    const results = await runSetup(dir, { cwd: dir, env: o.sandbox.toolContext.env, timeoutMs: s.commandTimeoutMs, redact: o.svc.redact, runner: o.sandbox.runner, ...(o.sandbox.commandEnv ? { commandEnv: o.sandbox.commandEnv } : {}) });
    await (0,repo/* excludeFromCommits */.pU)(o.session.repoCtx, ['node_modules/', '.venv/', 'target/']);
    for (const r of results)
        core/* info */.pq(`Kiro: ${r.name} ${r.ok ? 'succeeded' : 'failed'} in ${Math.round(r.durationMs / 1000)} s.`);
    const failed = results.filter((r) => !r.ok);
    if (!failed.length)
        return messages;
    return appendUserText(messages, failed.map((r) => `Note: the action ran \`${r.command}\` to install dependencies and it failed:\n${r.output}`).join('\n\n'));
}
/**
 * The code → verify loop (SPEC.md J1.4): the coder works until `finish`, the action commits,
 * runs the project's checks and a secret scan of the diff, and the verifier judges every
 * criterion; failures go back to the coder with the failing output, at most
 * `max-verify-retries` times. Pushing and reporting are the caller's.
 */
async function codeAndVerify(o) {
    const { svc, session, sandbox, status } = o;
    const s = svc.settings;
    const dir = session.repoCtx.dir;
    let coderMessages = o.coderMessages;
    let finish;
    let checks = [];
    let verdict;
    let secretFindings = [];
    const maxAttempts = s.maxVerifyRetries + 1;
    coderMessages = await prepareEnvironment(o, coderMessages);
    let attempt = 1;
    for (; attempt <= maxAttempts; attempt++) {
        await status.update({ phase: attempt === 1 ? o.codingPhase : `Fixing what verification found (retry ${attempt - 1} of ${s.maxVerifyRetries})…` });
        const coded = await session.runRole('coder', coderMessages, o.coderTools, o.steer, o.coderSystem);
        coderMessages = coded.messages;
        if (coded.exitReason !== 'submitted')
            return { kind: 'coder_stopped', attempt, result: coded };
        finish = coded.result;
        await o.committer.commit(o.finishCommitMessage);
        // ---- verify --------------------------------------------------------------------------
        await status.update({ phase: 'Verifying: running the project’s checks…' });
        checks = await runChecks(detectChecks(dir), {
            cwd: dir,
            env: sandbox.toolContext.env,
            timeoutMs: s.commandTimeoutMs,
            redact: svc.redact,
            runner: sandbox.runner,
            ...(sandbox.commandEnv ? { commandEnv: sandbox.commandEnv } : {}),
        });
        const diff = await (0,repo/* diffAgainst */.Jo)(session.repoCtx, o.diffBase);
        secretFindings = (await (0,redact/* scanForSecrets */.I$)(diff, 'diff')).map((f) => `${f.ruleId}${f.line ? ` (line ${f.line})` : ''}: ${f.message}`);
        const verified = await session.runRole('verifier', [
            {
                role: 'user',
                content: (0,prompts/* renderPrompt */.nQ)('verifier-task', {
                    repository: s.runner.repository,
                    criteria: o.criteria().map((c) => `- ${c.id}: ${c.text}`).join('\n') || '(none)',
                    checks: checks.length ? checks.map((c) => `## ${c.name} — ${c.passed ? 'passed' : 'FAILED'}\n$ ${c.command}\n${c.output}`).join('\n\n') : '(no checks detected)',
                    secrets: secretFindings.length ? secretFindings.join('\n') : 'no findings',
                    base: o.diffBase.slice(0, 12),
                    diff: svc.redact(diff.length > 60_000 ? `${diff.slice(0, 60_000)}\n… (diff truncated; use git diff to read more)` : diff),
                }),
            },
        ]);
        if (verified.exitReason !== 'submitted')
            return { kind: 'verifier_stopped', attempt, result: verified };
        verdict = verified.result;
        const checksPassed = checks.every((c) => c.passed);
        if (verdict.passed && checksPassed && secretFindings.length === 0)
            break;
        if (attempt === maxAttempts)
            break;
        const failing = checks.filter((c) => !c.passed).map((c) => `## ${c.name} failed\n$ ${c.command}\n${c.output}`);
        coderMessages = appendUserText(coderMessages, (0,prompts/* renderPrompt */.nQ)('coder-feedback', {
            feedback: [verdict.feedback, ...failing, ...(secretFindings.length ? [`Secret scan findings (remove them):\n${secretFindings.join('\n')}`] : [])].filter(Boolean).join('\n\n'),
        }));
    }
    const passed = !!verdict?.passed && checks.every((c) => c.passed) && secretFindings.length === 0;
    return { kind: 'done', attempt: Math.min(attempt, maxAttempts), finish: finish, checks, verdict: verdict, secretFindings, passed };
}
/** What failed, one line each, for a draft PR's warning (undefined when verification passed). */
function failureNotesOf(end) {
    if (end.passed)
        return undefined;
    return [
        ...end.checks.filter((c) => !c.passed).map((c) => `\`${c.command}\` failed (exit ${c.exitCode ?? '?'})`),
        ...(end.verdict?.criteria ?? []).filter((c) => !c.met).map((c) => `${c.id} not met: ${c.evidence}`),
        ...end.secretFindings.map((f) => `secret scan: ${f}`),
    ].join('\n');
}
/** The spec's acceptance criteria with the verifier's verdict on each, for the PR body. */
function criteriaWithVerdict(criteria, verdict) {
    return criteria.map((c) => {
        const v = verdict?.criteria.find((x) => x.id === c.id);
        return { ...c, ...(v ? { met: v.met, evidence: v.evidence } : {}) };
    });
}
/**
 * Runs the pipeline to an end state. Never throws for model, tool or verification failures:
 * they end in a recorded state; git and GitHub faults propagate after the work is pushed.
 */
async function runPipeline(t) {
    const { svc } = t;
    const s = svc.settings;
    const session = openAgentSession(svc, { taskId: t.taskId, sandbox: t.sandbox, steering: t.steering, learnings: t.learnings, ...(t.spend ? { spend: t.spend } : {}), ...(t.prior ? { prior: t.prior } : {}), ...(t.startedAt ? { startedAt: t.startedAt } : {}) });
    const { spend, repoCtx, started } = session;
    const runRole = session.runRole;
    const costOutputs = () => session.costOutputs();
    const tokens = () => session.tokens();
    const learningsApplied = t.learnings.map((l) => l.id);
    // ---- plan ------------------------------------------------------------------------------
    let spec = t.spec;
    if (!spec) {
        await t.status.update({ phase: 'Researching the code and writing the task spec…' });
        const planned = await runRole('planner', [{ role: 'user', content: t.plannerInput }]);
        if (planned.exitReason !== 'submitted') {
            costOutputs();
            return stopped(t, planned, spend, 'planning');
        }
        const sub = planned.result;
        spec = { ...sub, plan: sub.plan.map((p) => ({ ...p, done: false })) };
        await t.persist({ spec, learningsApplied, progress: { phase: sub.questions.length ? 'questions' : 'coding', verifyAttempts: 0 } }, 'spec');
    }
    else if (t.resume?.answers && spec.questions?.length) {
        // answered: keep the plan, drop the questions (no second planning pass)
        spec = { ...spec, questions: [] };
        await t.persist({ spec, progress: { phase: 'coding', verifyAttempts: 0 } }, 'questions answered');
    }
    const plan = spec;
    await t.status.update({ phase: plan.needsCode ? 'Plan ready; implementing…' : 'Answering…', plan: planItems(plan), specMarkdown: specMarkdown(plan) });
    if (plan.questions?.length) {
        costOutputs();
        return { state: 'needs_attention', reason: 'questions', questions: plan.questions, spend, exitReason: 'needs_input' };
    }
    if (!plan.needsCode) {
        costOutputs();
        await finishStatus(t, 'completed', { answer: plan.summary, ...session.cost(), tokens: tokens(), durationMs: svc.now() - started }, 'Answered; no code change was needed.');
        await (0,summary/* writeJobSummary */.j)(svc, { taskId: t.taskId, title: plan.title, state: 'completed', plan: planItems(plan), spend, durationMs: svc.now() - started, answer: plan.summary });
        return { state: 'completed', spend, exitReason: 'completed' };
    }
    // ---- branch ----------------------------------------------------------------------------
    const branch = t.branch ?? taskBranch(t.issueNumber, t.issueTitle);
    core/* setOutput */.uH(constants/* Outputs */.tY.Branch, branch);
    const defaultBranch = await svc.github.getDefaultBranch(svc.repo);
    const { baseSha } = await (0,repo/* checkoutTaskBranch */.c5)(repoCtx, branch, defaultBranch);
    if (!t.branch)
        await t.persist({ branch, baseBranch: defaultBranch }, 'branch');
    if (t.resume?.approvedCommand)
        t.sandbox.approve(t.resume.approvedCommand);
    if (t.resume?.approvedPath)
        t.sandbox.approvePath(t.resume.approvedPath);
    // maxFileEditsPerTask counts the task's files, not this job's
    t.sandbox.countEdited((await (0,repo/* changedFilesSince */.OM)(repoCtx, baseSha)).map((f) => f.path));
    const committer = createCommitter(repoCtx, s.bot, t.owner, { secrets: () => svc.secretValues(), redact: svc.redact });
    const commit = (message) => committer.commit(message);
    t.onWip?.(async () => {
        await commit(`Work in progress: ${plan.title}`);
        return (await (0,repo/* pushBranch */.TV)(repoCtx, branch, s.bot)).sideBranch ?? branch;
    });
    // ---- code ------------------------------------------------------------------------------
    const completeStep = (0,tools_schema/* defineTool */.u)('complete_step', 'Mark a plan step done; the action commits the changes made for it.', StepInput, async (input) => {
        const step = plan.plan.find((p) => p.id === input.step_id);
        if (!step)
            return { content: `There is no plan step ${input.step_id}; steps are ${plan.plan.map((p) => p.id).join(', ')}.`, isError: true };
        step.done = true;
        const sha = await commit(`${step.title}\n\n${input.summary}`);
        // each finished step is on the remote: a runner that dies loses at most the step in flight
        if (sha)
            await (0,repo/* pushBranch */.TV)(repoCtx, branch, s.bot);
        await t.persist({ spec: plan, progress: { phase: 'coding', currentStep: nextStep(plan), verifyAttempts: 0 } }, `step ${step.id} done`);
        await t.status.update({ plan: planItems(plan), phase: `Step ${step.id} done: ${step.title}` });
        const recorded = sha ? `Step ${step.id} recorded in commit ${sha.slice(0, 12)}.` : `Step ${step.id} recorded (no file changes to commit).`;
        const next = plan.plan.find((p) => !p.done);
        if ((0,commands/* pausesAfterEachStep */.NR)(s.autonomyLevel) && next) {
            // the owner reviews each step; after the last one the pull request is the review point
            const reason = `autonomy level cautious pauses after each plan step: review step ${step.id} before step ${next.id} (${next.title}) starts`;
            return { content: `${recorded} Paused: ${reason}.`, pause: { reason, afterStep: `${step.id} (${step.title})` } };
        }
        return { content: recorded };
    });
    const coderMessages = [
        {
            role: 'user',
            content: (0,prompts/* renderPrompt */.nQ)('coder-task', {
                repository: s.runner.repository,
                branch,
                spec: `${plan.title}\n\n${plan.summary}\n\n${specMarkdown(plan)}`,
                plan: plan.plan.map((p) => `${p.id}. [${p.done ? 'x' : ' '}] ${p.title} — ${p.detail}`).join('\n'),
                feedback: resumeNotes(t),
            }),
        },
    ];
    const cv = await codeAndVerify({
        svc,
        session,
        sandbox: t.sandbox,
        status: t.status,
        committer,
        coderMessages,
        coderTools: [completeStep],
        ...(t.steer ? { steer: t.steer } : {}),
        criteria: () => plan.acceptanceCriteria,
        diffBase: baseSha,
        finishCommitMessage: plan.title,
        codingPhase: 'Implementing the plan…',
    });
    if (cv.kind === 'coder_stopped') {
        await commit(`Work in progress: ${plan.title}`);
        await (0,repo/* pushBranch */.TV)(repoCtx, branch, s.bot);
        costOutputs();
        if (cv.result.exitReason === 'limit_reached' && cv.result.limit === 'time') {
            await t.persist({ spec: plan, progress: { phase: 'coding', currentStep: nextStep(plan), verifyAttempts: cv.attempt - 1 } }, 'checkpoint');
            return { state: 'checkpoint', spend, exitReason: 'checkpoint' };
        }
        return stopped(t, cv.result, spend, 'coding', branch);
    }
    if (cv.kind === 'verifier_stopped') {
        await (0,repo/* pushBranch */.TV)(repoCtx, branch, s.bot);
        costOutputs();
        return stopped(t, cv.result, spend, 'verifying', branch);
    }
    const { finish, verdict, secretFindings } = cv;
    let { checks, passed } = cv;
    // ---- publish ---------------------------------------------------------------------------
    await t.status.update({ phase: 'Pushing the branch and opening the pull request…' });
    const pushed = await (0,repo/* pushBranch */.TV)(repoCtx, branch, s.bot);
    if (pushed.merged) {
        // someone else pushed to the branch: their changes are merged in; verify the result again
        core/* info */.pq(`Kiro: ${branch} changed on the remote; merged its changes in (${pushed.sha.slice(0, 12)}) and re-running the checks.`);
        await t.status.update({ phase: 'The branch changed on the remote; merged its changes in and re-running the checks…' });
        checks = await runChecks(detectChecks(repoCtx.dir), { cwd: repoCtx.dir, env: t.sandbox.toolContext.env, timeoutMs: s.commandTimeoutMs, redact: svc.redact, runner: t.sandbox.runner, ...(t.sandbox.commandEnv ? { commandEnv: t.sandbox.commandEnv } : {}) });
        passed = passed && checks.every((c) => c.passed);
    }
    const head = pushed.sideBranch ?? branch;
    const sideNote = pushed.sideBranch ? `The work is on \`${pushed.sideBranch}\`, not \`${branch}\`: ${pushed.reason ?? 'the branch could not take the push'}.` : undefined;
    if (sideNote)
        core/* warning */.$e(svc.redact(`Kiro: ${sideNote}`));
    const changedFiles = await (0,repo/* changedFilesSince */.OM)(repoCtx, baseSha);
    const failureNotes = [failureNotesOf({ ...cv, checks, passed }), sideNote].filter(Boolean).join('\n') || undefined;
    const body = (0,pr_body/* renderPrBody */.B)({
        taskId: t.taskId,
        issueNumber: t.issueNumber,
        issueUrl: t.issueUrl,
        summary: finish?.summary ?? plan.summary,
        approach: finish?.approach ?? '',
        tradeoffs: finish?.tradeoffs ?? '',
        requirements: plan.requirements,
        changedFiles,
        checks,
        criteria: criteriaWithVerdict(plan.acceptanceCriteria, verdict),
        verificationPassed: passed,
        ...(failureNotes ? { failureNotes } : {}),
        secretFindings,
        learningsApplied: t.learnings,
        blockedRequests: t.sandbox.blocked(),
        ...(t.sandbox.limitation ? { networkLimitation: t.sandbox.limitation } : {}),
        sources: session.sources(),
        // the task's spend, earlier runs included
        costUsd: session.cost().costTotalUsd,
        durationMs: svc.now() - started,
        runUrl: s.runner.runUrl,
    });
    const existing = await svc.github.findOpenPullByHead(svc.repo, head);
    let pr;
    if (existing) {
        await svc.github.updatePull(svc.repo, existing.number, { title: plan.title, body });
        pr = existing;
    }
    else {
        pr = await svc.github.createPull(svc.repo, { title: plan.title, body, head, base: defaultBranch, draft: !passed });
    }
    // write-once facts first: the pull request exists and the task is done; cosmetics follow
    await t.persist({ state: 'completed', pullRequest: { number: Math.abs(pr.number) || 1, url: pr.htmlUrl }, learningsApplied, progress: { phase: 'done', verifyAttempts: 0 } }, 'pull request');
    if (!passed && pr.number > 0)
        await (0,lifecycle/* addMarkerLabel */.wH)(svc, pr.number, constants/* Labels */.gC.NeedsHumanReview);
    core/* setOutput */.uH(constants/* Outputs */.tY.PullRequestUrl, pr.htmlUrl);
    costOutputs();
    const result = {
        pullRequestUrl: pr.htmlUrl,
        draft: !passed,
        verification: checks.map((c) => ({ name: c.name, command: c.command, passed: c.passed })),
        ...session.cost(),
        tokens: tokens(),
        durationMs: svc.now() - started,
    };
    if (sideNote)
        t.status.view = { ...t.status.view, notes: [sideNote] };
    await finishStatus(t, 'completed', result, passed ? 'Pull request opened; verification passed.' : 'Draft pull request opened; verification failed — needs human review.');
    await (0,summary/* writeJobSummary */.j)(svc, {
        taskId: t.taskId,
        title: plan.title,
        state: 'completed',
        plan: planItems(plan),
        spend,
        durationMs: svc.now() - started,
        pullRequestUrl: pr.htmlUrl,
        checks,
    });
    return { state: 'completed', pullRequestUrl: pr.htmlUrl, draft: !passed, spend, exitReason: 'completed' };
}
/** The first plan step not done yet (the step in flight), if any. */
function nextStep(spec) {
    return spec.plan.find((p) => !p.done)?.id;
}
/** Extra context a resumed run gives the coder: answers, new instructions. */
function resumeNotes(t) {
    const parts = [];
    if (t.resume?.answers)
        parts.push(`# Answers from the task owner to your questions\n${t.resume.answers}`);
    if (t.resume?.feedback)
        parts.push(`# New instructions from the task owner\n${t.resume.feedback}\nAddress them (add plan steps as needed), then call \`finish\`.`);
    if (t.resume?.approvedCommand)
        parts.push(`The task owner approved \`${t.resume.approvedCommand}\`, which paused the previous run: run it when you get to it; it will not pause again.`);
    if (t.resume?.approvedPath)
        parts.push(`The task owner approved writing \`${t.resume.approvedPath}\`, which paused the previous run: make that change when you get to it; it will not pause again.`);
    if (t.spec && t.spec.plan.some((p) => p.done))
        parts.push('Steps marked [x] were done in an earlier run and their commits are on the branch; continue with the first open step.');
    return parts.join('\n\n');
}
const StepInput = schemas/* object */.Ikc({
    step_id: schemas/* number */.aig().int().positive().describe('The plan step id'),
    summary: schemas/* string */.YjP().min(1).describe('One line: what changed for this step'),
});
async function finishStatus(t, state, result, phase) {
    await Promise.all([t.status.update({ state, phase, result }), (0,lifecycle/* setLifecycleLabel */.Zw)(t.svc, t.issueNumber, state, t.labels)]);
    core/* setOutput */.uH(constants/* Outputs */.tY.Status, state);
}
/**
 * A sub-agent stopped before finishing: a limit, a model failure, or a pause. The work so far is
 * already committed and pushed by the caller; the task needs attention.
 */
async function stopped(t, r, spend, phase, branch) {
    const base = { spend, exitReason: r.limit ? `limit_reached:${r.limit}` : r.exitReason };
    let reason;
    if (r.exitReason === 'limit_reached') {
        const which = r.limit === 'turns' ? `the task's turn limit (${t.svc.settings.maxTurns} model calls across its runs)` : r.limit === 'cost' ? `the task's cost limit ($${t.svc.settings.maxCostUsd} across its runs)` : 'the time budget';
        reason = `Stopped while ${phase}: reached ${which}.`;
    }
    else if (r.exitReason === 'paused') {
        reason = `Paused while ${phase}: ${r.pause?.reason ?? 'approval needed'}.`;
    }
    else {
        reason = `Stopped while ${phase}: ${r.error ?? `the ${phase} sub-agent ended without a result`}.`;
    }
    const prior = t.prior ?? { turns: 0, costUsd: 0 };
    const s = t.svc.settings;
    const notes = [
        branch ? `Work so far is pushed to \`${branch}\`.` : '',
        `Spent $${spend.costUsd.toFixed(2)} over ${spend.turns} model calls in this run; the task so far: $${(prior.costUsd + spend.costUsd).toFixed(2)} of $${s.maxCostUsd}, ${prior.turns + spend.turns} of ${s.maxTurns} model calls.`,
    ].filter(Boolean);
    await Promise.all([
        t.status.update({ state: 'needs_attention', phase: reason, notes }),
        (0,lifecycle/* setLifecycleLabel */.Zw)(t.svc, t.issueNumber, 'needs_attention', t.labels),
    ]);
    core/* setOutput */.uH(constants/* Outputs */.tY.Status, 'needs_attention');
    if (r.exitReason === 'failed')
        core/* warning */.$e((0,sanitize/* safeInline */.H1)(t.svc.redact(reason), 2000));
    if (r.exitReason === 'paused') {
        const pause = { ...r.pause, reason: r.pause?.reason ?? 'approval needed' };
        const what = pause.command
            ? `✋ Paused before: \`${pause.command.replace(/`/g, "'")}\``
            : pause.path
                ? `✋ Paused before: writing \`${pause.path.replace(/`/g, "'")}\``
                : pause.afterStep
                    ? `✋ Paused after step ${pause.afterStep}`
                    : `✋ Paused before: ${pause.reason}`;
        await t.svc.github.createIssueComment(t.svc.repo, t.issueNumber, [
            `${constants/* Markers */.c7.Pause} task=${t.taskId} -->`,
            what,
            '',
            `Why: ${pause.reason}`,
            '',
            `Reply \`${t.svc.settings.triggerCommand} continue\` to approve and go on, or \`${t.svc.settings.triggerCommand} cancel\` to stop.`,
        ].join('\n'));
        return { ...base, state: 'needs_attention', reason, pause };
    }
    return r.exitReason === 'failed' ? { ...base, state: 'failed', reason } : { ...base, state: 'needs_attention', reason };
}


/***/ }),

/***/ 92552:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  E: () => (/* binding */ openSandbox),
  v: () => (/* binding */ sandboxNotes)
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
    if (!['integration-only', 'common-dependencies', 'open-internet', 'custom'].includes(level)) {
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
/**
 * Starts the proxy on 127.0.0.1 (an ephemeral port). Overhead per request is one loopback hop
 * and a policy lookup; sockets use TCP_NODELAY.
 */
async function startEgressProxy(policy, opts = {}) {
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
        const rule = policy.match(host);
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
        `This sandbox allows network access at level "${policy.level}". If the task needs this host, ` +
        `ask for it to be added to sandbox.allowedDomains in .kiro/settings.json (".${host}" allows its subdomains too).\n`;
    const denySocket = (socket, status, text, body) => {
        if (socket.destroyed)
            return;
        socket.end(`HTTP/1.1 ${status} ${text}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
    };
    const agent = new external_node_http_.Agent({ keepAlive: true, maxFreeSockets: 32 });
    const server = external_node_http_.createServer((req, res) => {
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
    });
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
    server.on('connect', (req, client, head) => {
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
    });
    server.on('upgrade', (req, client, head) => {
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
    });
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

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(31421);
;// CONCATENATED MODULE: ./src/sandbox/isolation.ts
/**
 * The operating-system boundary around every process the model causes (SPEC.md §4, issue #9,
 * docs/security.md "The boundary"): bubblewrap (https://github.com/containers/bubblewrap, the
 * Debian/Ubuntu package `bubblewrap`; what Flatpak, the Codex CLI and Anthropic's
 * sandbox-runtime use on Linux).
 *
 * A command runs as
 *   [sudo -n] [ip netns exec NS] bwrap <view> --unshare-pid … -- setpriv <drop> -- argv
 * with this view of the file system:
 * - `/` read-only; a fresh `/dev` and `/proc` (its own PID namespace: the action's processes and
 *   their `/proc/PID/environ` are not there);
 * - hidden behind empty tmpfs mounts: the real `$HOME` (`~/.git-credentials`, `~/.gitconfig`,
 *   the runner's `_diag`, `_actions` and `_temp` on hosted runners), `$RUNNER_TEMP` (file
 *   commands, the event file, the state-store clone, the action's trusted git directory), the
 *   action's own directory (`dist/`, `prompts/`) and the checkout's parent (files next to it);
 *   file-command files and the event file elsewhere are covered by `/dev/null`;
 * - host sockets that could act for the command (Docker, containerd, D-Bus, …) covered too;
 * - writable, bound back on top: the workspace, a private `$HOME` and a private `/tmp` (both
 *   host directories that live as long as the task run, so `~/.npm` and `/tmp/out.log` persist
 *   between commands).
 * Then `setpriv` drops every capability and sets `no_new_privs` (set-uid programs such as sudo
 * cannot regain privileges), runs as the action's own uid/gid when the action is not root, and
 * clears supplementary groups (`docker`). `--die-with-parent` and the PID namespace end every
 * process a command started when it ends, is killed, or the action dies.
 *
 * Modes, picked once per run (`detectIsolation`):
 * - `bwrap` — root, or passwordless `sudo` (GitHub-hosted runners: Ubuntu 24.04 restricts
 *   unprivileged user namespaces through AppArmor, root is not restricted). Network namespaces
 *   (`src/policy/firewall.ts`) are available too.
 * - `bwrap-userns` — no root or sudo, but unprivileged user namespaces work (self-hosted Linux).
 *   Same file-system view; the network cannot be confined below the proxy (no namespace with a
 *   way out to the proxy), which the limitation says.
 * - `none` — nothing works (not Linux, no bwrap, namespaces forbidden). Fails closed: no command
 *   runs unless the workflow opts in with `allow-unsandboxed-commands`.
 *
 * Why bubblewrap directly, not `@anthropic-ai/sandbox-runtime`: docs/security.md compares them.
 */




/** Filesystem sockets of host services that could open connections or start containers for a command. */
const DEFAULT_MASKED_SOCKETS = Object.freeze([
    '/run/docker.sock',
    '/var/run/docker.sock',
    '/run/containerd/containerd.sock',
    '/run/podman/podman.sock',
    '/run/systemd/resolve/io.systemd.Resolve',
    '/run/systemd/resolve/io.systemd.Resolve.Monitor',
    '/run/dbus/system_bus_socket',
    '/var/run/dbus/system_bus_socket',
    '/run/nscd/socket',
    '/run/snapd.socket',
    '/run/snapd-snap.socket',
]);
/** Directories where the action looks for the sandbox's programs; never the job's `PATH` (a model could put a fake `bwrap` there). */
const SYSTEM_DIRS = ['/usr/bin', '/bin', '/usr/sbin', '/sbin', '/usr/local/bin'];
/** Absolute path of a system program, or undefined. */
async function systemTool(name) {
    for (const d of SYSTEM_DIRS) {
        const p = external_node_path_default().join(d, name);
        try {
            await (0,promises_.access)(p, external_node_fs_.constants.X_OK);
            return p;
        }
        catch {
            /* next */
        }
    }
    return undefined;
}
function run(argv, timeoutMs = 10_000) {
    return new Promise((resolve) => {
        (0,external_node_child_process_.execFile)(argv[0], argv.slice(1), { timeout: timeoutMs, env: { PATH: '/usr/bin:/bin' } }, (err, _stdout, stderr) => {
            const c = err?.code;
            resolve({ code: !err ? 0 : typeof c === 'number' ? c : -1, stderr: String(stderr) || (err && !stderr ? err.message : '') });
        });
    });
}
const firstLine = (s) => s.trim().split('\n')[0] ?? '';
/**
 * Finds the strongest isolation this runner allows, by trying it (a real `bwrap` run of `true`
 * with the flags commands get). Never throws. Takes ~20–60 ms.
 * @param opts.disable forces mode `none` with this reason (tests of the fail-closed path)
 */
async function detectIsolation(opts = {}) {
    if (opts.disable)
        return { mode: 'none', privilege: [], reason: opts.disable };
    if (process.platform !== 'linux')
        return { mode: 'none', privilege: [], reason: `the runner is ${process.platform}, not Linux` };
    const [bwrap, setpriv, sudo] = await Promise.all([systemTool('bwrap'), systemTool('setpriv'), systemTool('sudo')]);
    if (!bwrap)
        return { mode: 'none', privilege: [], reason: 'bubblewrap is not installed (apt-get install bubblewrap)' };
    if (!setpriv)
        return { mode: 'none', privilege: [], reason: 'setpriv (util-linux) is not installed' };
    const probe = (privilege, extra) => run([...privilege, bwrap, '--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc', '--unshare-pid', '--die-with-parent', ...extra, '--', setpriv, '--no-new-privs', '--bounding-set=-all', '--inh-caps=-all', '--', '/bin/true']);
    const isRoot = process.getuid?.() === 0;
    const reasons = [];
    if (isRoot || sudo) {
        const privilege = isRoot ? [] : [sudo, '-n'];
        const r = await probe(privilege, []);
        if (r.code === 0) {
            return { mode: 'bwrap', privilege, bwrap, setpriv, ...(isRoot ? {} : { uid: process.getuid(), gid: process.getgid() }) };
        }
        reasons.push(`${isRoot ? 'bwrap as root' : 'sudo -n bwrap'} failed (${firstLine(r.stderr) || `exit ${r.code}`})`);
    }
    else {
        reasons.push('the action runs without root and sudo is not installed');
    }
    const u = await probe([], ['--unshare-user']);
    if (u.code === 0)
        return { mode: 'bwrap-userns', privilege: [], bwrap, setpriv };
    reasons.push(`unprivileged user namespaces are not available (${firstLine(u.stderr) || `exit ${u.code}`}; Ubuntu 24.04 restricts them through AppArmor)`);
    return { mode: 'none', privilege: [], reason: reasons.join('; ') };
}
const SYSTEM_TREES = new Set(['/', '/usr', '/bin', '/sbin', '/lib', '/lib64', '/etc', '/opt', '/var', '/proc', '/dev', '/sys', '/run']);
function isSameOrAncestor(dir, of) {
    const rel = external_node_path_default().relative(dir, of);
    return rel === '' || (!rel.startsWith('..') && !external_node_path_default().isAbsolute(rel));
}
/**
 * The argv that runs `argv` in the sandbox (`support.mode` must not be `none`). Pure.
 * `env` becomes the command's whole environment through `--clearenv`/`--setenv`: the process
 * that starts bwrap gets only `PATH` (bwrap's own environment shows in the sandbox as
 * `/proc/1/environ`), and sudo's environment rules do not matter.
 */
function bwrapArgv(support, layout, argv, o) {
    if (support.mode === 'none' || !support.bwrap || !support.setpriv)
        throw new Error('bwrapArgv: no isolation available');
    const ws = external_node_path_default().resolve(layout.workspace);
    const out = [...support.privilege, ...(layout.netns ?? []), support.bwrap];
    if (support.mode === 'bwrap-userns')
        out.push('--unshare-user');
    out.push('--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc');
    const hidden = new Set();
    const parent = external_node_path_default().dirname(ws);
    for (const d of [...layout.hideDirs, ...(SYSTEM_TREES.has(parent) ? [] : [parent])]) {
        const abs = external_node_path_default().resolve(d);
        if (SYSTEM_TREES.has(abs) || isSameOrAncestor(abs, '/tmp') || hidden.has(abs) || !isDir(abs))
            continue;
        // hiding an ancestor of the workspace is fine: the workspace is bound back on top below
        hidden.add(abs);
    }
    // shallow first, so a deeper mount is not covered by a shallower one
    for (const d of [...hidden].sort((a, b) => a.length - b.length))
        out.push('--tmpfs', d);
    // files inside the workspace are covered after the workspace is bound (a later mount wins)
    const inWorkspace = [];
    for (const f of layout.hideFiles) {
        const abs = external_node_path_default().resolve(f);
        if (!isFile(abs))
            continue;
        if (isSameOrAncestor(ws, abs))
            inWorkspace.push(abs);
        else if (![...hidden].some((d) => isSameOrAncestor(d, abs)))
            out.push('--ro-bind', '/dev/null', abs);
    }
    for (const s of layout.maskSockets ?? DEFAULT_MASKED_SOCKETS)
        if ((0,external_node_fs_.existsSync)(s))
            out.push('--ro-bind', '/dev/null', s);
    for (const d of layout.readOnly ?? []) {
        const abs = external_node_path_default().resolve(d);
        if ([...hidden].some((h) => isSameOrAncestor(h, abs)) && isDir(abs))
            out.push('--ro-bind', abs, abs);
    }
    out.push('--bind', layout.tmp, '/tmp');
    for (const d of [layout.home, ...(layout.writable ?? [])])
        out.push('--bind', d, d);
    for (const d of o.view?.readOnly ?? [])
        out.push('--ro-bind', d, d);
    out.push('--bind', ws, ws);
    for (const f of inWorkspace)
        out.push('--ro-bind', '/dev/null', f);
    out.push('--unshare-pid', '--unshare-ipc', '--unshare-uts', '--unshare-cgroup-try', '--die-with-parent', '--new-session');
    if (layout.unshareNet)
        out.push('--unshare-net');
    out.push('--chdir', o.cwd, '--clearenv');
    for (const [k, v] of Object.entries(o.env))
        if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(k))
            out.push('--setenv', k, v);
    const identity = support.uid !== undefined ? [`--reuid=${support.uid}`, `--regid=${support.gid ?? support.uid}`] : [];
    // in a user namespace supplementary groups cannot be changed (setgroups is denied) and map to nobody anyway
    const groups = support.mode === 'bwrap' ? ['--clear-groups'] : [];
    out.push('--', support.setpriv, '--no-new-privs', '--bounding-set=-all', '--inh-caps=-all', ...identity, ...groups, '--', ...argv);
    return out;
}
function isDir(p) {
    try {
        return (0,external_node_fs_.statSync)(p).isDirectory();
    }
    catch {
        return false;
    }
}
function isFile(p) {
    try {
        return (0,external_node_fs_.statSync)(p).isFile();
    }
    catch {
        return false;
    }
}

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
function firewall_run(argv, timeoutMs = 10_000) {
    return new Promise((resolve) => {
        (0,external_node_child_process_.execFile)(argv[0], argv.slice(1), { timeout: timeoutMs, maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
            const c = err?.code;
            const code = !err ? 0 : typeof c === 'number' ? c : -1;
            resolve({ code, stdout: String(stdout), stderr: String(stderr) || (err && !stderr ? err.message : '') });
        });
    });
}
/** System programs by absolute path, never from the job's `PATH`. */
const findTool = (name, _env) => systemTool(name);
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
    const env = process.env;
    const isRoot = process.getuid?.() === 0;
    let privilege = [];
    if (!isRoot) {
        const sudo = await findTool('sudo', env);
        if (!sudo)
            return none(proxy.url, 'the action runs without root and sudo is not installed');
        const probe = await firewall_run([sudo, '-n', '-E', 'true'], 5000);
        if (probe.code !== 0) {
            return none(proxy.url, `the runner user has neither root nor passwordless sudo with -E (${probe.stderr.trim().split('\n')[0] || `exit ${probe.code}`})`);
        }
        privilege = [sudo, '-n', '-E'];
    }
    const [ip, setpriv] = await Promise.all(['ip', 'setpriv'].map((t) => findTool(t, env)));
    const missing = Object.entries({ ip, setpriv })
        .filter(([, v]) => !v)
        .map(([k]) => k);
    if (missing.length)
        return none(proxy.url, `${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not installed`);
    const name = opts.name ?? `kiro-sbx-${process.pid}-${(0,external_node_crypto_.randomBytes)(3).toString('hex')}`;
    const add = await firewall_run([...privilege, ip, 'netns', 'add', name]);
    if (add.code !== 0)
        return none(proxy.url, `a network namespace cannot be created here (${add.stderr.trim().split('\n')[0]})`);
    let forwarder;
    let sockDir;
    let torn = false;
    const teardown = async () => {
        if (torn)
            return;
        torn = true;
        const pids = await firewall_run([...privilege, ip, 'netns', 'pids', name]);
        const list = pids.stdout.split(/\s+/).filter((p) => /^\d+$/.test(p));
        if (list.length)
            await firewall_run([...privilege, 'kill', '-KILL', ...list]);
        forwarder?.stdin?.end();
        forwarder?.kill('SIGKILL');
        await firewall_run([...privilege, ip, 'netns', 'delete', name]);
        if (sockDir)
            await (0,promises_.rm)(sockDir, { recursive: true, force: true });
    };
    const fail = async (reason) => {
        await teardown();
        return none(proxy.url, reason);
    };
    const lo = await firewall_run([...privilege, ip, '-n', name, 'link', 'set', 'lo', 'up']);
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
    const fwd = (0,external_node_child_process_.spawn)(fwdArgv[0], fwdArgv.slice(1), { stdio: ['pipe', 'pipe', 'pipe'], env: { PATH: env.PATH ?? '/usr/bin:/bin' } });
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
    const sources = [npmSources, yarnSources, pipSources, condaSources, aptSources, mavenSources, gradleSources, goSources, cargoSources, rubySources, nugetSources];
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

;// CONCATENATED MODULE: ./src/sandbox/runner.ts
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
    return {
        mode: support.mode,
        run: (req) => spawnCaptured(bwrapArgv(support, layout, req.argv, { cwd: req.cwd, env: req.env, ...(req.view ? { view: req.view } : {}) }), req, {
            spawnEnv: bwrapEnv,
            spawnCwd: '/',
        }),
        spawnSpec: (req) => {
            const argv = bwrapArgv(support, layout, req.argv, { cwd: req.cwd, env: req.env });
            return { command: argv[0], args: argv.slice(1), env: { ...bwrapEnv }, cwd: '/' };
        },
    };
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
            child = (0,external_node_child_process_.spawn)(argv[0], argv.slice(1), { cwd: o.spawnCwd, env: o.spawnEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
        }
        catch (e) {
            resolve({ output: '', stderr: '', code: null, signal: null, timedOut: false, aborted: false, spawnError: e.message, durationMs: Date.now() - started });
            return;
        }
        let timedOut = false;
        let aborted = false;
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
                ...(spawnError ? { spawnError } : {}),
                durationMs: Date.now() - started,
            });
        };
        child.stdout?.on('data', (b) => out.push(b));
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

// EXTERNAL MODULE: ./src/agent/model.ts
var model = __webpack_require__(88492);
// EXTERNAL MODULE: ./src/prompts.ts
var prompts = __webpack_require__(66224);
;// CONCATENATED MODULE: ./src/orchestrator/preload.ts
/**
 * Loads every part of the action that is otherwise loaded on demand — the lazily imported
 * orchestrator chunks of the bundle (`dist/NNN.index.js`) and the prompt templates — before the
 * first command the model causes (issue #9: code the action loads after the coder ran must not be
 * something the coder could have written). The action's directory is hidden from the sandbox as
 * well; this is the second layer.
 */


/**
 * @param provider the model provider in use: its SDK chunk (Bedrock, Vertex) is loaded too
 * @returns how many modules and templates were loaded (for the log)
 */
async function preloadActionCode(provider = 'anthropic') {
    const modules = await Promise.all([Promise.all(/* import() */[__webpack_require__.e(830), __webpack_require__.e(669), __webpack_require__.e(691), __webpack_require__.e(466), __webpack_require__.e(526), __webpack_require__.e(106)]).then(__webpack_require__.bind(__webpack_require__, 85725)), Promise.all(/* import() */[__webpack_require__.e(830), __webpack_require__.e(669), __webpack_require__.e(691), __webpack_require__.e(466), __webpack_require__.e(526), __webpack_require__.e(263)]).then(__webpack_require__.bind(__webpack_require__, 71263)), Promise.all(/* import() */[__webpack_require__.e(830), __webpack_require__.e(669), __webpack_require__.e(691), __webpack_require__.e(466), __webpack_require__.e(526), __webpack_require__.e(783)]).then(__webpack_require__.bind(__webpack_require__, 18164)), Promise.all(/* import() */[__webpack_require__.e(830), __webpack_require__.e(669), __webpack_require__.e(691), __webpack_require__.e(466), __webpack_require__.e(526)]).then(__webpack_require__.bind(__webpack_require__, 18526)), Promise.all(/* import() */[__webpack_require__.e(466), __webpack_require__.e(974)]).then(__webpack_require__.bind(__webpack_require__, 82593)), __webpack_require__.e(/* import() */ 898).then(__webpack_require__.bind(__webpack_require__, 17517)), (0,model/* loadProvider */.Cg)(provider)]);
    return { modules: modules.length, prompts: (0,prompts/* preloadPrompts */.dw)().length };
}

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
    const loaded = await preloadActionCode(s.provider);
    core/* debug */.Yz(`Kiro: ${loaded.modules} orchestrator modules and ${loaded.prompts} prompt templates loaded before the sandbox opens.`);
    // actions/checkout leaves the token in .git/config; the model's shell could read it (NOTES.md)
    const scrubbed = await (0,repo/* scrubPersistedCredentials */.hu)(workspace);
    if (scrubbed.length)
        core/* info */.pq(`Kiro: removed persisted credentials from .git/config (${scrubbed.join(', ')}); the action authenticates its own git calls.`);
    const kiroPolicy = policyOverride
        ? undefined
        : (0,paths/* createToolPolicy */.hQ)({
            workspace,
            commands: { forbiddenCommands: [...s.repo.agent.forbiddenCommands], allowedCommands: [...s.repo.agent.allowedCommands], autonomy: s.autonomyLevel },
            maxFileEditsPerTask: s.repo.agent.maxFileEditsPerTask,
            requireApprovalForNewFiles: s.repo.agent.requireApprovalForNewFiles,
        });
    const policy = policyOverride ?? kiroPolicy;
    let proxy;
    let firewall;
    let proxyUrl;
    let netEnv = {};
    if (s.networkAccess !== 'open-internet') {
        const discovered = s.networkAccess === 'common-dependencies' ? await discoverRegistryHosts(process.env, { cwd: workspace }) : [];
        const netPolicy = resolveNetworkPolicy({
            level: s.networkAccess,
            allowedDomains: s.allowedDomains,
            integrationHosts: integrationHosts(process.env, s.anthropicBaseUrl),
            discovered,
        });
        proxy = await startEgressProxy(netPolicy, {
            onBlocked: (b) => {
                // once per distinct request; later repeats only raise its count
                if (b.count === 1)
                    core/* warning */.$e((0,sanitize/* safeInline */.H1)(svc.redact(`Kiro sandbox blocked ${b.method} ${b.host}:${b.port}${b.command ? ` from \`${b.command}\`` : ''} (${b.reason})`), 2000));
            },
        });
        // KIRO_FIREWALL=off (Settings): the proxy alone; the limitation is stated like any other
        firewall = await prepareFirewall(netPolicy, proxy, s.firewallDisabledReason ? { disable: { reason: s.firewallDisabledReason } } : {});
        proxyUrl = firewall.proxyUrl;
        netEnv = proxyEnv(proxyUrl, { base: process.env });
        core/* info */.pq(`Kiro sandbox: network access level ${s.networkAccess}, ${firewall.mode === 'netns' ? `enforced in network namespace ${firewall.namespace}` : 'enforced by the egress proxy only'}.`);
        for (const note of firewall.notes)
            core/* info */.pq(`Kiro sandbox: ${note}`);
        if (firewall.limitation)
            core/* warning */.$e(`Kiro sandbox: ${firewall.limitation}`);
    }
    const task = (0,policy_env/* resolveTaskEnv */.f$)(s.repo.env, process.env);
    for (const w of task.warnings)
        core/* warning */.$e(`Kiro sandbox: ${w}`);
    // every registered form (raw, base64, basic credential…) of every secret
    const secrets = svc.secretValues();
    const root = (0,external_node_fs_.mkdtempSync)(external_node_path_default().join(s.runner.runnerTemp, 'kiro-sandbox-'));
    const dirs = { home: external_node_path_default().join(root, 'home'), tmp: external_node_path_default().join(root, 'tmp'), state: external_node_path_default().join(root, 'state') };
    for (const d of Object.values(dirs))
        (0,external_node_fs_.mkdirSync)(d, { recursive: true, mode: 0o700 });
    const env = (0,policy_env/* buildSandboxEnv */.PZ)(process.env, {
        secrets,
        credentials: credentialForms(svc),
        extra: { ...netEnv, KIRO_SANDBOX: '1', HOME: dirs.home, TMPDIR: '/tmp', ...writableCaches(dirs.home) },
        taskEnv: task.env,
    });
    const confined = firewall?.mode === 'netns' ? firewall : undefined;
    const support = await detectIsolation(s.sandboxDisabledReason ? { disable: s.sandboxDisabledReason } : {});
    const layout = {
        workspace,
        home: dirs.home,
        tmp: dirs.tmp,
        writable: [dirs.state],
        hideDirs: hiddenDirs(s.runner.runnerTemp),
        readOnly: toolchainDirs(s.runner.runnerTemp),
        // credential files the job's own steps wrote (google-github-actions/auth puts one into the checkout)
        hideFiles: [s.runner.eventPath, ...[...policy_env/* RUNNER_FILE_COMMAND_VARS */.LU, ...CREDENTIAL_FILE_VARS].map((v) => process.env[v]).filter((f) => !!f)],
        ...(confined ? { netns: confined.enter } : {}),
    };
    const { runner, workspaceRunner, limitation: isolationLimitation } = chooseRunner(support, layout, s.allowUnsandboxedCommands);
    const limitation = [isolationLimitation, firewall?.limitation].filter(Boolean).join(' ') || undefined;
    const releaseSignals = confined ? teardownOnSignals(confined) : () => { };
    const commandEnv = proxy && proxyUrl ? (command) => proxyEnv(proxyUrl, { token: proxy.setCommand(command), base: env }) : undefined;
    const mcp = await startMcp(svc, { runner, workspace, env, ...(proxy ? { proxy } : {}) });
    const toolContext = {
        workspace,
        env,
        policy,
        redact: svc.redact,
        commandTimeoutMs: s.commandTimeoutMs,
        runner,
        stateDir: dirs.state,
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
    const config = readMcpConfig(o.workspace, process.env);
    for (const v of config.secrets)
        svc.addSecret(v);
    if (!config.servers.length && !config.problems.length)
        return undefined;
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
/**
 * Picks the runner for this run from what the runner machine allows (logged, so the job log says
 * which mode is in force). Without isolation the run fails closed unless the workflow set
 * `allow-unsandboxed-commands`.
 */
function chooseRunner(support, layout, allowUnsandboxed) {
    if (support.mode !== 'none') {
        const how = support.mode === 'bwrap' ? (support.privilege.length ? 'bubblewrap through sudo' : 'bubblewrap as root') : 'bubblewrap in an unprivileged user namespace';
        core/* info */.pq(`Kiro sandbox: every command the agent causes runs in an OS sandbox (${how}; read-only system, private /tmp and $HOME, the runner's and the action's files hidden, own PID namespace, no privileges).`);
        const runner = createSandboxRunner(support, layout);
        return { runner, workspaceRunner: runner };
    }
    if (allowUnsandboxed) {
        const limitation = `Commands ran WITHOUT an OS sandbox (allow-unsandboxed-commands is set; ${support.reason}): they could read and change anything the runner's user can, including the action's files.`;
        core/* warning */.$e(`Kiro sandbox: ${limitation}`);
        const runner = createUnsandboxedRunner();
        return { runner, workspaceRunner: runner, limitation };
    }
    const limitation = `No command was run: this runner offers no OS sandbox (${support.reason}), so the agent could only read and edit files. Install bubblewrap or give the job sudo, or set allow-unsandboxed-commands: true to run commands without isolation.`;
    core/* warning */.$e(`Kiro sandbox: ${limitation}`);
    // the model cannot write `.git` without commands (the file tools refuse it): the action's own
    // git on it stays safe without a sandbox
    return { runner: createRefusingRunner(limitation), workspaceRunner: createUnsandboxedRunner(), limitation };
}
/**
 * Directories no command may see: the real `$HOME` (credentials, the runner's own directories on
 * hosted runners), `$RUNNER_TEMP` (file commands, the event file, the state clone, the action's
 * trusted git directory) and the action's own directory (`dist/`, `prompts/`).
 */
function hiddenDirs(runnerTemp) {
    const out = [runnerTemp, actionRoot()];
    const home = process.env.HOME || (0,external_node_os_.homedir)();
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
function toolchainDirs(runnerTemp) {
    const never = [runnerTemp, actionRoot()].map((d) => external_node_path_default().resolve(d));
    const candidates = [process.env.RUNNER_TOOL_CACHE, process.env.RUSTUP_HOME, ...(process.env.PATH ?? '').split((external_node_path_default()).delimiter)].filter((d) => !!d && external_node_path_default().isAbsolute(d));
    return [...new Set(candidates.map((d) => external_node_path_default().resolve(d)))].filter((d) => !never.some((n) => d === n || d.startsWith(n + (external_node_path_default()).sep)));
}
/**
 * Package caches that live under the real `$HOME` (hidden, its toolchains shown read-only) move
 * into the private home, so a build can still write them: `CARGO_HOME` (rustup's `~/.cargo` on
 * hosted runners keeps its binaries on PATH, read-only; the registry goes to the private home).
 */
function writableCaches(privateHome) {
    const realHome = process.env.HOME || (0,external_node_os_.homedir)();
    const cargo = process.env.CARGO_HOME;
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


/***/ }),

/***/ 13262:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   f: () => (/* binding */ repoContextOf)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);

/**
 * The run's repository as the git layer sees it: the workspace as work tree, the action's own
 * git directory under `RUNNER_TEMP` (out of the sandbox's view), and — given the sandbox — the
 * model's `.git` reached through it. In a dry run, each skipped push is recorded
 * (`git-writes.jsonl`) with the diff it would have pushed (`<branch>.diff`).
 */
function repoContextOf(svc, sandbox) {
    const s = svc.settings;
    const r = s.runner;
    const recorder = svc.recorder;
    return {
        dir: r.workspace,
        gitDir: node_path__WEBPACK_IMPORTED_MODULE_0___default().join(r.runnerTemp, 'kiro-git', `${r.repository.toLowerCase().replace('/', '--')}.git`),
        ...(sandbox ? { workspaceGit: { runner: sandbox.workspaceRunner, workspace: r.workspace, env: sandbox.toolContext.env, timeoutMs: s.commandTimeoutMs } } : {}),
        serverUrl: r.serverUrl,
        repository: r.repository,
        token: s.githubToken,
        dryRun: s.dryRun,
        ...(recorder
            ? {
                onSkippedPush: ({ branch, sha, log, patch }) => {
                    const file = recorder.saveArtefact(`${branch.replace(/[^\w.-]+/g, '-')}.patch`, patch);
                    recorder.record('git-writes.jsonl', { operation: 'push branch', repository: r.repository, params: { ref: `refs/heads/${branch}`, sha, commits: log.trim().split('\n').filter(Boolean), patch: file } });
                },
            }
            : {}),
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

/***/ 9435:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  WU: () => (/* binding */ createCommandPolicy),
  NR: () => (/* binding */ pausesAfterEachStep),
  X0: () => (/* binding */ pausesBeforeDestructive)
});

// UNUSED EXPORTS: AutonomyLevels, compileCommandRule

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./node_modules/picomatch/index.js
var picomatch = __webpack_require__(14006);
var picomatch_default = /*#__PURE__*/__webpack_require__.n(picomatch);
// EXTERNAL MODULE: ./src/policy/protected.ts
var policy_protected = __webpack_require__(27656);
// EXTERNAL MODULE: ./node_modules/mvdan-sh/index.js
var mvdan_sh = __webpack_require__(62914);
var mvdan_sh_default = /*#__PURE__*/__webpack_require__.n(mvdan_sh);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
;// CONCATENATED MODULE: ./src/policy/shell.ts
/**
 * What a shell command line will run: every simple command (argv after quote removal), every
 * redirection, and every command hidden one level further down — `bash -c '…'`, `eval`,
 * `xargs CMD`, `find … -exec CMD \;`, `env/sudo/timeout/nice/… CMD`, `trap 'CMD'`, `git submodule
 * foreach`, shell scripts run by path, npm/yarn/pnpm package scripts, a shell fed a heredoc.
 *
 * The grammar is bash's, parsed by mvdan/sh (https://github.com/mvdan/sh, the parser behind
 * shfmt) through its GopherJS build `mvdan-sh`: it is synchronous (`ToolPolicy.checkCommand` is)
 * and exposes the full syntax tree. `sh-syntax`, the WASM build of the same parser, was evaluated
 * and rejected: its API is async and its JSON tree is lossy (a statement's command is only a
 * position pair — no argv, no pipeline, no nesting). `shell-quote` is a tokenizer without
 * compound commands, and `bash-parser` is unmaintained and POSIX-only.
 *
 * Completeness comes from the parser's own `syntax.Walk`, which reaches every node (pipelines,
 * `&&`/`||`/`;`, subshells, `{ }`, `$( )`, backticks, `<( )`, `if`/`for`/`while`/`case` bodies,
 * function bodies, parameter-expansion defaults, arithmetic, heredoc bodies): each `CallExpr` it
 * meets is a simple command. What the parser cannot know — the meaning of argv (which argument
 * of `sudo` is the command, what `bash -c` runs) — is hand-written here, as argument scanning
 * over already-parsed words; it never re-tokenises shell text. Anything unparseable throws
 * `ShellSyntaxError`; anything that hides the command from analysis (a computed command name, a
 * `bash -c "$X"`, a pipe into a shell) becomes a `ShellProblem` the policy turns into a denial.
 */




/** A command line (or a nested shell string) that does not parse. */
class ShellSyntaxError extends Error {
    via;
    constructor(message, via) {
        super(message);
        this.via = via;
        this.name = 'ShellSyntaxError';
    }
}
/**
 * Largest script or package.json read for analysis. Larger files (generated `configure` scripts)
 * are run unanalysed: parsing costs about a millisecond per statement, and the agent's
 * environment holds no credentials whatever a script does.
 */
const MAX_SCRIPT_BYTES = 64 * 1024;
/** Nesting limit for shell strings and scripts (`bash -c "bash -c …"`); deeper is refused. */
const MAX_DEPTH = 8;
const DEFAULT_WORKSPACE = '/workspace';
const T = (n) => mvdan_sh_default().syntax.NodeType(n);
/** Operator numbers differ between mvdan/sh releases: learn them once from sample input. */
const ops = (() => {
    const parser = mvdan_sh_default().syntax.NewParser();
    const redirOps = ['>', '>>', '<', '<>', '<&', '>&', '>|', '<<', '<<-', '<<<', '&>', '&>>'];
    const f = parser.Parse('a >x >>x <x <>x <&0 >&1 >|x <<E <<-E <<<x &>x &>>x\nE\nE\n', '');
    const stmt = f.Stmts[0];
    const redir = new Map();
    stmt.Redirs.forEach((r, i) => redir.set(r.Op, redirOps[i]));
    const binary = new Map();
    for (const op of ['&&', '||', '|', '|&']) {
        const b = parser.Parse(`a ${op} b`, '').Stmts[0].Cmd;
        binary.set(b.Op, op);
    }
    return { redir, binary };
})();
function errorText(e) {
    if (e && typeof e === 'object' && typeof e.Error === 'function') {
        return String(e.Error());
    }
    return e instanceof Error ? e.message : String(e);
}
/**
 * Parses `source` as bash and returns its syntax tree.
 * @throws ShellSyntaxError with the parser's `line:col: message`.
 */
function parseShell(source) {
    try {
        // A fresh parser each time: a Go parser that failed keeps error state.
        return mvdan_sh_default().syntax.NewParser().Parse(source, '');
    }
    catch (e) {
        throw new ShellSyntaxError(errorText(e), []);
    }
}
// ---------------------------------------------------------------------------------------------
// Words
function decodeAnsiC(s) {
    let out = '';
    for (let i = 0; i < s.length; i++) {
        const c = s[i];
        if (c !== '\\' || i + 1 >= s.length) {
            out += c;
            continue;
        }
        const n = s[++i];
        const simple = { a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?' };
        if (n in simple) {
            out += simple[n];
        }
        else if (/[0-7]/.test(n)) {
            const m = /^[0-7]{1,3}/.exec(s.slice(i));
            out += String.fromCharCode(parseInt(m[0], 8) & 0xff);
            i += m[0].length - 1;
        }
        else if (n === 'x' || n === 'u' || n === 'U') {
            const max = n === 'x' ? 2 : n === 'u' ? 4 : 8;
            const m = new RegExp(`^[0-9a-fA-F]{1,${max}}`).exec(s.slice(i + 1));
            if (!m) {
                out += '\\' + n;
            }
            else {
                out += String.fromCodePoint(Math.min(parseInt(m[0], 16), 0x10ffff));
                i += m[0].length;
            }
        }
        else if (n === 'c' && i + 1 < s.length) {
            out += String.fromCharCode((s.charCodeAt(++i) & 0x1f));
        }
        else {
            out += '\\' + n;
        }
    }
    return out;
}
/** Unquoted literal: backslash quotes the next character; backslash-newline disappears. */
function unescapeUnquoted(s, w) {
    let out = '';
    let braceDepth = 0;
    let braceHasSep = false;
    for (let i = 0; i < s.length; i++) {
        const c = s[i];
        if (c === '\\') {
            const n = s[i + 1];
            i++;
            if (n !== undefined && n !== '\n')
                out += n;
            continue;
        }
        if (c === '*' || c === '?' || c === '[')
            w.glob = true;
        if (c === '{')
            braceDepth++;
        else if (c === '}' && braceDepth > 0) {
            braceDepth--;
            if (braceHasSep)
                w.dynamic = true; // brace expansion: one word becomes several
        }
        else if (braceDepth > 0 && (c === ',' || (c === '.' && s[i + 1] === '.')))
            braceHasSep = true;
        out += c;
    }
    return out;
}
/** Inside double quotes only `\$ \` \" \\` and backslash-newline are escapes. */
function unescapeDouble(s) {
    return s.replace(/\\([$`"\\\n])/g, (_m, c) => (c === '\n' ? '' : c));
}
class Source {
    text;
    buf;
    constructor(text) {
        this.text = text;
        this.buf = Buffer.from(text, 'utf8');
    }
    /** Source text of a node (mvdan/sh offsets are UTF-8 byte offsets). */
    of(n) {
        return this.buf.subarray(n.Pos().Offset(), n.End().Offset()).toString('utf8');
    }
}
function wordParts(n) {
    return (n.Parts ?? []).filter(Boolean);
}
function evalWord(word, src) {
    const w = { text: '', raw: src.of(word), dynamic: false, glob: false, tilde: false, params: [] };
    const parts = wordParts(word);
    parts.forEach((p, i) => {
        w.text += evalPart(p, src, w, false, i === 0);
    });
    return w;
}
function evalPart(p, src, w, quoted, first) {
    switch (T(p)) {
        case 'Lit': {
            const v = p.Value;
            if (quoted)
                return unescapeDouble(v);
            if (first && v.startsWith('~'))
                w.tilde = true;
            return unescapeUnquoted(v, w);
        }
        case 'SglQuoted':
            return p.Dollar ? decodeAnsiC(p.Value) : p.Value;
        case 'DblQuoted':
            return wordParts(p)
                .map((q) => evalPart(q, src, w, true, false))
                .join('');
        case 'ParamExp': {
            w.dynamic = true;
            const param = p.Param;
            if (param)
                w.params.push(param.Value);
            return src.of(p);
        }
        case 'ExtGlob':
            w.glob = true;
            w.dynamic = true;
            return src.of(p);
        default:
            // CmdSubst, ArithmExp, ProcSubst, BraceExp and anything newer: value known at run time.
            w.dynamic = true;
            return src.of(p);
    }
}
/** A word made of static text (for words synthesised from strings, e.g. `env -S`). */
function literalWord(text) {
    return { text, raw: text, dynamic: false, glob: false, tilde: false, params: [] };
}
/** `argv` as policy text: words joined by one space, the program reduced to its basename. */
function commandText(argv) {
    return argv.map((w, i) => (i === 0 && !w.dynamic ? programName(w.text) : w.text)).join(' ');
}
/** Basename of a program path (`/usr/bin/git` → `git`). */
function programName(p) {
    const trimmed = p.replace(/\/+$/, '');
    const i = trimmed.lastIndexOf('/');
    return i >= 0 ? trimmed.slice(i + 1) : trimmed;
}
/**
 * Lists what `line` runs. Nested shell strings and scripts are analysed recursively.
 * @throws ShellSyntaxError when `line` does not parse (nested parse failures are problems).
 */
function analyzeCommandLine(line, opts = {}) {
    const workspace = external_node_path_default().resolve(opts.workspace ?? DEFAULT_WORKSPACE);
    const ctx = {
        workspace,
        home: opts.home ?? (0,external_node_os_.homedir)(),
        cwd: external_node_path_default().resolve(workspace, opts.cwd ?? '.'),
        readFile: opts.readFile === undefined ? (opts.workspace ? defaultReadFile : null) : opts.readFile,
        out: { commands: [], redirects: [], assignments: [], problems: [] },
        active: new Set(),
        fromFile: false,
    };
    const file = parseShell(line);
    walkFile(file, new Source(line), ctx, [], 0);
    return ctx.out;
}
function defaultReadFile(abs) {
    try {
        const st = (0,external_node_fs_.statSync)(abs);
        if (!st.isFile() || st.size > MAX_SCRIPT_BYTES)
            return undefined;
        return (0,external_node_fs_.readFileSync)(abs, 'utf8');
    }
    catch {
        return undefined;
    }
}
function analyzeNested(source, label, ctx, via, depth, fromFile = false) {
    const chain = [...via, label];
    if (depth + 1 > MAX_DEPTH) {
        ctx.out.problems.push({ reason: `commands nested deeper than ${MAX_DEPTH} levels (${chain.join(' → ')})`, command: label });
        return;
    }
    let file;
    try {
        file = parseShell(source);
    }
    catch (e) {
        ctx.out.problems.push({ reason: `the shell code run by \`${label}\` does not parse: ${e.message}`, command: label });
        return;
    }
    const saved = ctx.cwd;
    const savedFrom = ctx.fromFile;
    ctx.fromFile = savedFrom || fromFile;
    try {
        walkFile(file, new Source(source), ctx, chain, depth + 1);
    }
    finally {
        ctx.cwd = saved;
        ctx.fromFile = savedFrom;
    }
}
// Node field access through mvdan-sh's GopherJS wrappers costs tens of microseconds, so the walk
// reads each node's type once and finds statements' parents from its own stack, not positions.
function walkFile(file, src, ctx, via, depth) {
    const stack = [];
    const cwdStack = [];
    let failure;
    mvdan_sh_default().syntax.Walk(file, (node) => {
        if (failure !== undefined)
            return false;
        if (node === null) {
            const top = stack.pop();
            if (top?.scoped)
                ctx.cwd = cwdStack.pop() ?? ctx.cwd;
            return true;
        }
        try {
            const type = T(node);
            const parent = stack[stack.length - 1];
            const frame = { node, type, scoped: false, children: 0 };
            if (parent)
                parent.children++;
            if (type === 'Stmt' && parent?.pipe) {
                // Pipeline members run in child shells; the second one reads the first one's output.
                frame.scoped = true;
                if (parent.children === 1)
                    parent.pipe.writer = node;
                else
                    frame.pipeWriter = parent.pipe.writer;
            }
            // Subshells and substitutions run in a child shell too: their `cd` does not stick.
            if (type === 'Subshell' || type === 'CmdSubst' || type === 'ProcSubst')
                frame.scoped = true;
            if (frame.scoped)
                cwdStack.push(ctx.cwd);
            stack.push(frame);
            switch (type) {
                case 'BinaryCmd': {
                    const op = ops.binary.get(node.Op);
                    if (op === '|' || op === '|&')
                        frame.pipe = {};
                    break;
                }
                case 'Stmt': {
                    const redirs = (node.Redirs ?? []).filter(Boolean).map((r) => evalRedirect(r, src, ctx, via));
                    frame.redirects = redirs;
                    ctx.out.redirects.push(...redirs);
                    break;
                }
                case 'CallExpr': {
                    const redirects = parent?.redirects ?? [];
                    const assigns = (node.Assigns ?? []).filter(Boolean).map((a) => evalAssign(a, src, via));
                    const argv = (node.Args ?? []).filter(Boolean).map((a) => evalWord(a, src));
                    if (argv.length === 0) {
                        ctx.out.assignments.push(...assigns);
                        break;
                    }
                    const writer = parent?.pipeWriter;
                    const stdin = () => stdinOf(redirects, writer, src);
                    invoke(argv, { assigns, redirects, via, depth, stdin, openArgs: false }, ctx);
                    break;
                }
                case 'DeclClause': {
                    const variant = node.Variant?.Value;
                    const args = (node.Args ?? []).filter(Boolean);
                    for (const a of args) {
                        if (a.Naked && !a.Name)
                            continue; // an option such as `-x`
                        ctx.out.assignments.push(evalAssign(a, src, via));
                    }
                    const argv = [literalWord(variant ?? 'declare'), ...args.map((a) => literalWord(src.of(a)))];
                    ctx.out.commands.push(makeCommand(argv, { assigns: [], redirects: [], via, depth, stdin: () => undefined, openArgs: false }, ctx));
                    break;
                }
                default:
                    break;
            }
        }
        catch (e) {
            failure = e;
            return false;
        }
        return true;
    });
    if (failure !== undefined)
        throw failure;
}
function evalAssign(a, src, via) {
    const name = a.Name?.Value ?? '';
    const value = a.Value;
    const array = a.Array;
    if (value)
        return { name, value: evalWord(value, src), via };
    if (array)
        return { name, value: { ...literalWord(src.of(array)), dynamic: true }, via };
    return { name, via };
}
function evalRedirect(r, src, ctx, via) {
    const op = ops.redir.get(r.Op) ?? '>';
    const n = r.N;
    const word = r.Word;
    const target = word ? evalWord(word, src) : literalWord('');
    const out = { op, target, cwd: ctx.cwd, via };
    if (n)
        out.fd = n.Value;
    if (op === '<<<' && !target.dynamic)
        out.body = target.text + '\n';
    const hdoc = r.Hdoc;
    if ((op === '<<' || op === '<<-') && hdoc) {
        const parts = wordParts(hdoc);
        if (parts.every((p) => T(p) === 'Lit'))
            out.body = parts.map((p) => p.Value).join('');
    }
    else if ((op === '<<' || op === '<<-') && !hdoc) {
        out.body = '';
    }
    return out;
}
/** The text a shell reading standard input would run, when it is knowable. */
function stdinOf(redirects, writer, src) {
    for (let i = redirects.length - 1; i >= 0; i--) {
        const r = redirects[i];
        if (r.fd !== undefined && r.fd !== '0')
            continue;
        if (r.op === '<<' || r.op === '<<-' || r.op === '<<<') {
            return r.body !== undefined ? { text: r.body, what: 'heredoc' } : { what: 'a heredoc with expansions' };
        }
        if (r.op === '<')
            return { what: `file ${r.target.text}`, file: r.target };
    }
    if (writer) {
        const cmd = writer.Cmd;
        if (cmd && T(cmd) === 'CallExpr') {
            const argv = (cmd.Args ?? []).filter(Boolean).map((a) => evalWord(a, src));
            const name = argv[0] && !argv[0].dynamic ? programName(argv[0].text) : '';
            const rest = argv.slice(1);
            if (name === 'echo' && rest.every((w) => !w.dynamic)) {
                const words = rest[0]?.text === '-n' || rest[0]?.text === '-e' ? rest.slice(1) : rest;
                return { text: words.map((w) => w.text).join(' ') + '\n', what: 'echo' };
            }
            if (name === 'printf' && rest.length >= 1 && rest.every((w) => !w.dynamic)) {
                return { text: rest.map((w) => w.text).join(' ').replace(/\\n/g, '\n'), what: 'printf' };
            }
        }
        return { what: `the output of \`${src.of(writer).slice(0, 80)}\`` };
    }
    return undefined;
}
function makeCommand(argv, inv, ctx) {
    const head = argv[0];
    return {
        argv,
        text: commandText(argv),
        name: head && !head.dynamic && !head.glob ? programName(head.text) : '',
        assigns: inv.assigns,
        redirects: inv.redirects,
        via: inv.via,
        cwd: ctx.cwd,
        openArgs: inv.openArgs,
        wrapper: false,
        scripts: [],
        fromFile: ctx.fromFile,
    };
}
/** Resolves a static path word against the virtual cwd (tilde and `$HOME` included). */
function resolveWordPath(w, cwd, home) {
    let t = w.text;
    if (w.tilde && (t === '~' || t.startsWith('~/')))
        t = home + t.slice(1);
    t = t.replace(/^\$\{?HOME\}?(?=\/|$)/, home);
    return external_node_path_default().resolve(cwd, t);
}
const PREFIX = {
    sudo: { shortArg: 'ugpCDrtTUh', longArg: ['user', 'group', 'prompt', 'close-from', 'chdir', 'role', 'type', 'command-timeout', 'other-user', 'host'], noExec: ['-l', '--list', '-v', '--validate', '-k', '-K', '-V', '-e', '--edit'] },
    doas: { shortArg: 'uC' },
    nice: { shortArg: 'n', longArg: ['adjustment'], numeric: true },
    nohup: {},
    setsid: {},
    timeout: { shortArg: 'sk', longArg: ['signal', 'kill-after'], operands: 1 },
    time: { shortArg: 'fo', longArg: ['format', 'output'] },
    stdbuf: { shortArg: 'ioe', longArg: ['input', 'output', 'error'] },
    ionice: { shortArg: 'cnp', longArg: ['class', 'classdata', 'pid'] },
    taskset: { operands: 1 },
    chroot: { longArg: ['userspec', 'groups'], operands: 1 },
    unshare: {},
    command: { noExec: ['-v', '-V'] },
    builtin: {},
    exec: { shortArg: 'a' },
    unbuffer: {},
    fakeroot: { shortArg: 'is', longArg: ['lib', 'faked'] },
    strace: { shortArg: 'abeEIoOpPsSuUX', noExec: ['-p'] },
    ltrace: { shortArg: 'aeEnopsu', noExec: ['-p'] },
    busybox: {},
    catchsegv: {},
    'git-lfs': {},
};
/** Shells whose `-c STRING` runs code and whose operand is a script. */
const SHELLS = new Set(['bash', 'sh', 'dash', 'zsh', 'ksh', 'mksh', 'ash', 'yash', 'posh', 'fish', 'rbash']);
function isOption(w) {
    return !!w && w.text.length > 1 && w.text.startsWith('-');
}
/**
 * Index of the first operand after options, per `spec`; `stop` is set when an option means no
 * command runs.
 */
function skipOptions(args, start, spec) {
    let i = start;
    while (i < args.length) {
        const w = args[i];
        const t = w.text;
        if (t === '--')
            return { index: i + 1, stop: false };
        if (!isOption(w))
            break;
        if (spec.noExec?.includes(t))
            return { index: i, stop: true };
        if (t.startsWith('--')) {
            const name = t.slice(2).split('=')[0];
            i += spec.longArg?.includes(name) && !t.includes('=') ? 2 : 1;
            continue;
        }
        if (spec.numeric && /^-\d+$/.test(t)) {
            i++;
            continue;
        }
        // Short cluster: an option taking a value ends it, the value being the rest or the next word.
        let consumed = 1;
        for (let k = 1; k < t.length; k++) {
            if (spec.shortArg?.includes(t[k])) {
                if (k === t.length - 1)
                    consumed = 2;
                break;
            }
        }
        i += consumed;
    }
    return { index: Math.min(i + (spec.operands ?? 0), args.length), stop: false };
}
function invoke(argv, inv, ctx) {
    const cmd = makeCommand(argv, inv, ctx);
    ctx.out.commands.push(cmd);
    const head = argv[0];
    if (head.dynamic || head.glob) {
        ctx.out.problems.push({
            reason: `the program name \`${head.raw}\` is computed at run time, so the policy cannot tell what runs; write the command name literally`,
            command: cmd.text,
        });
        return;
    }
    const name = cmd.name;
    const args = argv.slice(1);
    if (name === 'cd' || name === 'pushd') {
        const target = args.find((w) => !isOption(w));
        if (!target)
            ctx.cwd = ctx.home;
        else if (!target.dynamic && !target.glob && target.text !== '-')
            ctx.cwd = resolveWordPath(target, ctx.cwd, ctx.home);
        return;
    }
    const inner = (rest, label, extra = {}) => {
        cmd.wrapper = true;
        if (rest.length === 0)
            return;
        if (inv.depth + 1 > MAX_DEPTH * 4) {
            ctx.out.problems.push({ reason: 'wrappers nested too deeply', command: cmd.text });
            return;
        }
        invoke(rest, { ...inv, via: [...inv.via, label], depth: inv.depth + 1, ...extra }, ctx);
    };
    const shellString = (w, label) => {
        cmd.wrapper = true;
        if (!w)
            return;
        if (w.dynamic) {
            ctx.out.problems.push({
                reason: `\`${label}\` runs shell code built at run time (\`${w.raw}\`), which the policy cannot check; write the commands literally`,
                command: cmd.text,
            });
            return;
        }
        analyzeNested(w.text, label, ctx, inv.via, inv.depth);
    };
    // A bare path to a file: a script when it is one we can read.
    if (head.text.includes('/')) {
        const abs = resolveWordPath(head, cmd.cwd, ctx.home);
        if (abs.startsWith(ctx.workspace + (external_node_path_default()).sep) || abs === ctx.workspace) {
            runScriptFile(abs, head.raw, cmd, inv, ctx, { requireShell: true });
        }
    }
    if (PREFIX[name]) {
        const spec = PREFIX[name];
        if (name === 'busybox' && args[0] && !isOption(args[0]))
            return inner(args, 'busybox');
        const { index, stop } = skipOptions(args, 0, spec);
        if (stop)
            return;
        return inner(args.slice(index), name);
    }
    switch (name) {
        case 'env': {
            let i = 0;
            const assigns = [...inv.assigns];
            while (i < args.length) {
                const t = args[i].text;
                if (t === '--') {
                    i++;
                    break;
                }
                if (t === '-S' || t.startsWith('--split-string')) {
                    const value = t.includes('=') ? literalWord(t.slice(t.indexOf('=') + 1)) : args[i + 1];
                    const rest = args.slice(t.includes('=') ? i + 1 : i + 2);
                    if (!value)
                        return;
                    const joined = { ...value, text: [value.text, ...rest.map((w) => shellQuote(w.text))].join(' '), dynamic: value.dynamic || rest.some((w) => w.dynamic) };
                    return shellString(joined, 'env -S');
                }
                if (t.startsWith('-S')) {
                    return shellString(literalWord([t.slice(2), ...args.slice(i + 1).map((w) => shellQuote(w.text))].join(' ')), 'env -S');
                }
                if (t === '-u' || t === '-C' || t === '--unset' || t === '--chdir') {
                    i += 2;
                    continue;
                }
                if (isOption(args[i])) {
                    i++;
                    continue;
                }
                break;
            }
            while (i < args.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(args[i].text)) {
                const t = args[i].text;
                const eq = t.indexOf('=');
                assigns.push({ name: t.slice(0, eq), value: { ...args[i], text: t.slice(eq + 1) }, via: inv.via });
                i++;
            }
            return inner(args.slice(i), 'env', { assigns });
        }
        case 'eval': {
            const joined = args.map((w) => w.text).join(' ');
            return shellString({ ...literalWord(joined), raw: args.map((w) => w.raw).join(' '), dynamic: args.some((w) => w.dynamic) }, 'eval');
        }
        case 'source':
        case '.': {
            cmd.wrapper = true;
            return scriptOperand(args[0], name, cmd, inv, ctx, false);
        }
        case 'trap': {
            const ops = args.filter((w) => !(w.text === '--'));
            if (ops.length >= 2 && !isOption(ops[0]) && ops[0]?.text !== '-' && !/^\d+$/.test(ops[0]?.text ?? '')) {
                return shellString(ops[0], 'trap');
            }
            return;
        }
        case 'alias': {
            if (args.some((w) => w.text.includes('='))) {
                ctx.out.problems.push({ reason: 'defining shell aliases hides commands from the policy; call the command itself', command: cmd.text });
            }
            return;
        }
        case 'xargs':
            return xargs(args, cmd, inv, ctx, inner);
        case 'find':
            return find(args, cmd, inv, ctx, inner);
        case 'watch': {
            const { index } = skipOptions(args, 0, { shortArg: 'nd', longArg: ['interval', 'differences'] });
            const exec = args.slice(0, index).some((w) => w.text === '-x' || w.text === '--exec');
            const rest = args.slice(index);
            if (exec)
                return inner(rest, 'watch');
            return shellString(joinWords(rest), 'watch');
        }
        case 'flock': {
            let i = 0;
            while (i < args.length && isOption(args[i])) {
                const t = args[i].text;
                if (t === '-c' || t === '--command')
                    return shellString(args[i + 1], 'flock -c');
                i += t === '-w' || t === '-E' || t === '--timeout' || t === '--conflict-exit-code' ? 2 : 1;
            }
            const rest = args.slice(i + 1);
            if (rest[0]?.text === '-c' || rest[0]?.text === '--command')
                return shellString(rest[1], 'flock -c');
            return inner(rest, 'flock');
        }
        case 'su':
        case 'runuser':
        case 'script': {
            for (let i = 0; i < args.length; i++) {
                const t = args[i].text;
                if (t === '-c' || t === '--command')
                    return shellString(args[i + 1], `${name} -c`);
                if (t.startsWith('--command='))
                    return shellString({ ...args[i], text: t.slice('--command='.length) }, `${name} -c`);
                if (/^-[a-zA-Z]*c$/.test(t) && name === 'script')
                    return shellString(args[i + 1], `${name} -c`);
            }
            return;
        }
        case 'npx':
        case 'npm':
        case 'pnpm':
        case 'yarn':
        case 'bun':
        case 'bunx':
            return packageManager(name, args, cmd, inv, ctx, shellString, inner);
        case 'git':
            return gitNested(args, cmd, inv, ctx, shellString, inner);
        default:
            break;
    }
    if (SHELLS.has(name))
        return shell(name, args, cmd, inv, ctx, shellString);
}
function shellQuote(s) {
    return /^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
function joinWords(ws) {
    if (ws.length === 0)
        return undefined;
    return { ...literalWord(ws.map((w) => w.text).join(' ')), raw: ws.map((w) => w.raw).join(' '), dynamic: ws.some((w) => w.dynamic) };
}
function shell(name, args, cmd, inv, ctx, shellString) {
    let command = false;
    let readsStdin = false;
    let i = 0;
    while (i < args.length) {
        const t = args[i].text;
        if (t === '--' || t === '-') {
            i++;
            break;
        }
        if (!(t.startsWith('-') || t.startsWith('+')) || t.length < 2)
            break;
        if (t.startsWith('--')) {
            i += t === '--rcfile' || t === '--init-file' ? 2 : 1;
            continue;
        }
        const letters = t.slice(1);
        if (letters.includes('c'))
            command = true;
        if (letters.includes('s'))
            readsStdin = true;
        // -o/-O take an option name as the next word.
        i += letters.endsWith('o') || letters.endsWith('O') ? 2 : 1;
    }
    cmd.wrapper = true;
    if (command)
        return shellString(args[i], `${name} -c`);
    if (!readsStdin && args[i])
        return scriptOperand(args[i], name, cmd, inv, ctx, false);
    if (inv.openArgs) {
        ctx.out.problems.push({ reason: `\`${name}\` runs scripts named by its input, which the policy cannot check`, command: cmd.text });
        return;
    }
    const input = inv.stdin();
    if (!input)
        return;
    if (input.file)
        return scriptOperand(input.file, `${name} <`, cmd, inv, ctx, false);
    if (input.text === undefined) {
        ctx.out.problems.push({
            reason: `\`${name}\` reads the commands to run from ${input.what}, which the policy cannot check; run the commands directly`,
            command: cmd.text,
        });
        return;
    }
    analyzeNested(input.text, `${name} < ${input.what}`, ctx, inv.via, inv.depth);
}
function scriptOperand(w, label, cmd, inv, ctx, requireShell) {
    if (!w)
        return;
    if (w.dynamic) {
        ctx.out.problems.push({ reason: `\`${label}\` runs a script whose path is computed at run time (\`${w.raw}\`); name the script literally`, command: cmd.text });
        return;
    }
    runScriptFile(resolveWordPath(w, cmd.cwd, ctx.home), w.text, cmd, inv, ctx, { requireShell });
}
function runScriptFile(abs, shown, cmd, inv, ctx, o) {
    cmd.scripts.push(abs);
    if (!ctx.readFile || ctx.active.has(abs))
        return;
    const text = ctx.readFile(abs);
    if (text === undefined)
        return;
    if (o.requireShell) {
        // Executed directly: only a shell script (or one without a shebang, which sh runs) is ours.
        const first = text.slice(0, 200).split('\n')[0] ?? '';
        if (first.startsWith('#!') && !/\b(ba|da|z|k|mk)?sh\b/.test(first))
            return;
        if (!first.startsWith('#!') && text.includes('\0'))
            return;
    }
    cmd.wrapper = true;
    ctx.active.add(abs);
    try {
        analyzeNested(text, `script ${shown}`, ctx, inv.via, inv.depth, true);
    }
    finally {
        ctx.active.delete(abs);
    }
}
function xargs(args, cmd, inv, ctx, inner) {
    let i = 0;
    let replace;
    const withArg = new Set(['-a', '-d', '-E', '-I', '-L', '-n', '-P', '-s', '--arg-file', '--delimiter', '--eof', '--max-lines', '--max-args', '--max-procs', '--max-chars', '--process-slot-var', '--replace']);
    while (i < args.length && isOption(args[i])) {
        const t = args[i].text;
        if (t === '--') {
            i++;
            break;
        }
        if (t === '-I' || t === '--replace')
            replace = args[i + 1]?.text ?? '{}';
        else if (t.startsWith('-I'))
            replace = t.slice(2);
        else if (t === '-i' || t === '--replace=')
            replace = '{}';
        else if (t.startsWith('-i'))
            replace = t.slice(2);
        else if (t.startsWith('--replace='))
            replace = t.slice('--replace='.length) || '{}';
        i += withArg.has(t) ? 2 : 1;
    }
    const rest = args.slice(i);
    // Without a command xargs runs echo; with -I the marker is replaced, else input is appended.
    const argv = rest.length ? rest : [literalWord('echo')];
    if (replace !== undefined) {
        const r = replace;
        return inner(argv.map((w) => (w.text.includes(r) ? { ...w, dynamic: true } : w)), 'xargs');
    }
    return inner(argv, 'xargs', { openArgs: true, stdin: () => undefined });
}
function find(args, cmd, inv, ctx, inner) {
    for (let i = 0; i < args.length; i++) {
        const t = args[i].text;
        if (t === '-exec' || t === '-execdir' || t === '-ok' || t === '-okdir') {
            let j = i + 1;
            while (j < args.length && args[j].text !== ';' && args[j].text !== '+')
                j++;
            const plus = args[j]?.text === '+';
            const sub = args.slice(i + 1, j).map((w) => (w.text.includes('{}') ? { ...w, dynamic: true } : w));
            inner(sub, `find ${t}`, { openArgs: plus, stdin: () => undefined });
            i = j;
        }
    }
}
function readPackageScripts(dir, ctx) {
    if (!ctx.readFile)
        return undefined;
    for (let d = dir; d.startsWith(ctx.workspace); d = external_node_path_default().dirname(d)) {
        const text = ctx.readFile(external_node_path_default().join(d, 'package.json'));
        if (text !== undefined) {
            try {
                const scripts = JSON.parse(text).scripts;
                if (scripts && typeof scripts === 'object') {
                    return Object.fromEntries(Object.entries(scripts).filter(([, v]) => typeof v === 'string'));
                }
            }
            catch {
                // An unreadable package.json fails the package manager too.
            }
            return {};
        }
        if (d === ctx.workspace)
            break;
    }
    return undefined;
}
const NPM_LIFECYCLE = { test: 'test', t: 'test', tst: 'test', start: 'start', stop: 'stop', restart: 'restart' };
const NPM_INSTALL = new Set(['install', 'i', 'ci', 'add', 'isntall']);
function packageManager(name, args, cmd, inv, ctx, shellString, inner) {
    const ops = args.filter((w) => !isOption(w));
    const sub = ops[0]?.text;
    // `npx -c 'cmd'`, `npm exec -c 'cmd'`: a shell string.
    const callIdx = args.findIndex((w) => w.text === '-c' || w.text === '--call');
    if ((name === 'npx' || (name === 'npm' && (sub === 'exec' || sub === 'x'))) && callIdx >= 0) {
        return shellString(args[callIdx + 1], `${name} -c`);
    }
    const runScripts = (script, label) => {
        const scripts = readPackageScripts(cmd.cwd, ctx);
        if (!scripts)
            return;
        for (const s of [`pre${script}`, script, `post${script}`]) {
            const body = scripts[s];
            if (body !== undefined) {
                cmd.wrapper = true;
                const key = `${cmd.cwd}#${s}`;
                if (ctx.active.has(key))
                    continue;
                ctx.active.add(key);
                try {
                    analyzeNested(body, `${label} (script "${s}")`, ctx, inv.via, inv.depth, true);
                }
                finally {
                    ctx.active.delete(key);
                }
            }
        }
    };
    if (name === 'npx' || name === 'bunx')
        return;
    if (sub === undefined)
        return;
    if (ops[0]?.dynamic)
        return;
    if (name === 'npm') {
        if (NPM_LIFECYCLE[sub])
            return runScripts(NPM_LIFECYCLE[sub], `npm ${sub}`);
        if ((sub === 'run' || sub === 'run-script' || sub === 'rum' || sub === 'urn') && ops[1])
            return runScripts(ops[1].text, `npm run ${ops[1].text}`);
        if (NPM_INSTALL.has(sub) && ops.length === 1) {
            for (const s of ['install', 'prepare'])
                runScripts(s, `npm ${sub}`);
        }
        if (sub === 'exec' || sub === 'x') {
            const idx = args.findIndex((w) => w.text === '--');
            if (idx >= 0)
                return inner(args.slice(idx + 1), 'npm exec');
        }
        return;
    }
    // yarn / pnpm / bun: `run <script>` or `<script>` directly (when it is not a built-in).
    if (sub === 'run' && ops[1])
        return runScripts(ops[1].text, `${name} run ${ops[1].text}`);
    if (sub === 'exec' && name !== 'bun')
        return inner(args.slice(args.indexOf(ops[0]) + 1), `${name} exec`);
    if (sub === 'test' || sub === 'start')
        return runScripts(sub, `${name} ${sub}`);
    const scripts = readPackageScripts(cmd.cwd, ctx);
    if (scripts && scripts[sub] !== undefined && name !== 'bun')
        return runScripts(sub, `${name} ${sub}`);
}
/** Git global options that take a value as the next word. */
const GIT_GLOBAL_WITH_ARG = new Set(['-C', '-c', '--git-dir', '--work-tree', '--namespace', '--super-prefix', '--config-env', '--exec-path', '--list-cmds', '--attr-source']);
/** Splits `git [global options] <subcommand> …`; `args` excludes `git` itself. */
function parseGitArgs(args) {
    const configs = [];
    const globals = [];
    let i = 0;
    while (i < args.length) {
        const w = args[i];
        const t = w.text;
        if (t === '--')
            return { index: i + 1 < args.length ? i + 1 : -1, sub: args[i + 1], configs, globals };
        if (!t.startsWith('-') || w.dynamic)
            break;
        if (t === '-c' || t === '--config-env') {
            const v = args[i + 1];
            if (v)
                configs.push(v);
            i += 2;
            continue;
        }
        if (t.startsWith('--config-env=')) {
            configs.push({ ...w, text: t.slice('--config-env='.length) });
            i++;
            continue;
        }
        if (t.startsWith('-c') && t.length > 2) {
            configs.push({ ...w, text: t.slice(2) });
            i++;
            continue;
        }
        globals.push(w);
        i += GIT_GLOBAL_WITH_ARG.has(t) ? 2 : 1;
    }
    return i < args.length ? { index: i, sub: args[i], configs, globals } : { index: -1, configs, globals };
}
const FILTER_BRANCH_FILTERS = new Set(['--env-filter', '--tree-filter', '--index-filter', '--parent-filter', '--msg-filter', '--commit-filter', '--tag-name-filter', '--setup']);
function gitNested(args, cmd, inv, ctx, shellString, inner) {
    const g = parseGitArgs(args);
    if (!g.sub || g.sub.dynamic)
        return;
    const rest = args.slice(g.index + 1);
    switch (g.sub.text) {
        case 'submodule': {
            const fe = rest.findIndex((w) => w.text === 'foreach');
            if (fe >= 0) {
                let j = fe + 1;
                while (j < rest.length && isOption(rest[j]))
                    j++;
                return shellString(joinWords(rest.slice(j)), 'git submodule foreach');
            }
            return;
        }
        case 'rebase': {
            for (let i = 0; i < rest.length; i++) {
                const t = rest[i].text;
                if (t === '-x' || t === '--exec')
                    shellString(rest[i + 1], 'git rebase --exec');
                else if (t.startsWith('--exec='))
                    shellString({ ...rest[i], text: t.slice(7) }, 'git rebase --exec');
            }
            return;
        }
        case 'bisect': {
            if (rest[0]?.text === 'run')
                return inner(rest.slice(1), 'git bisect run');
            return;
        }
        case 'filter-branch': {
            for (let i = 0; i < rest.length; i++) {
                const t = rest[i].text;
                if (FILTER_BRANCH_FILTERS.has(t))
                    shellString(rest[i + 1], `git filter-branch ${t}`);
            }
            return;
        }
        default:
            return;
    }
}

;// CONCATENATED MODULE: ./src/policy/commands.ts
/**
 * The command policy (SPEC.md §2 `allowedCommands`/`forbiddenCommands`/autonomy, §4 "pushing,
 * force-pushing and editing `.github/workflows/` are never done by the model's shell").
 *
 * This is GUIDANCE for the model, not the security boundary (docs/security.md "The boundary"):
 * a program can always do what a shell can. The boundary is the OS sandbox every command runs in
 * (src/sandbox/) and the action's trusted git (src/git/repo.ts). What is left here is intent:
 * helpful refusals that tell the model what the action does instead, and the autonomy pauses.
 *
 * Every simple command a line runs (see `shell.ts`: pipelines, chains, substitutions, `bash -c`,
 * `xargs`, `find -exec`, wrappers, scripts, package scripts) is checked on its own:
 * 1. defaults that no setting can allow — pushing (and credential/remote changes, aliases that
 *    push), GitHub writes through `gh`, edits of protected paths (workflows), catastrophic
 *    deletes, and code the policy cannot see (computed commands, scripts written by the same
 *    line);
 * 2. `forbiddenCommands` globs → deny, naming the rule and the sub-command;
 * 3. `allowedCommands` (when set) → a command matching none pauses;
 * 4. balanced/cautious autonomy → destructive commands pause.
 */





const AutonomyLevels = (/* unused pure expression or super */ null && (['full', 'balanced', 'cautious']));
/** True when the orchestrator must pause after each plan step (cautious autonomy). */
function pausesAfterEachStep(autonomy) {
    return autonomy === 'cautious';
}
/** True when destructive commands and large rewrites pause (balanced and cautious). */
function pausesBeforeDestructive(autonomy) {
    return autonomy !== 'full';
}
// ---------------------------------------------------------------------------------------------
// Rule globs
/**
 * Compiles a `forbiddenCommands`/`allowedCommands` entry. The rule is a glob over the simple
 * command's text (`argv` joined by single spaces, the program by its basename): `*` matches any
 * characters including `/` and spaces, `?` one character, `[…]` a class, `{a,b}` alternatives.
 * A rule also matches the command followed by more arguments, so `npm publish` covers
 * `npm publish --tag next` and `rm -rf` covers `rm -rf dist` (the form the Kiro docs use), but
 * `npm test` does not cover `npm testing`.
 */
function compileCommandRule(rule) {
    const words = rule.trim().split(/\s+/);
    if (words[0] && !/[*?[{]/.test(words[0]) && words[0].includes('/'))
        words[0] = words[0].replace(/^.*\//, '');
    const re = picomatch_default().makeRe(words.join(' '), { bash: true, dot: true });
    return (text) => {
        if (re.test(text))
            return true;
        for (let i = text.indexOf(' '); i !== -1; i = text.indexOf(' ', i + 1)) {
            if (re.test(text.slice(0, i)))
                return true;
        }
        return false;
    };
}
/** getopt-style scan: `shortArg` letters and `longArg` names take a value. */
function getopt(args, shortArg = '', longArg = []) {
    const o = { operands: [], flags: new Set(), values: new Map() };
    const put = (k, v) => {
        o.flags.add(k);
        if (v)
            o.values.set(k, [...(o.values.get(k) ?? []), v]);
    };
    for (let i = 0; i < args.length; i++) {
        const w = args[i];
        const t = w.text;
        if (t === '--') {
            o.operands.push(...args.slice(i + 1));
            break;
        }
        if (t.startsWith('--') && t.length > 2) {
            const eq = t.indexOf('=');
            if (eq > 0)
                put(t.slice(0, eq), { ...w, text: t.slice(eq + 1) });
            else if (longArg.includes(t.slice(2)))
                put(t, args[++i]);
            else
                o.flags.add(t);
            continue;
        }
        if (t.startsWith('-') && t.length > 1 && !w.dynamic) {
            for (let k = 1; k < t.length; k++) {
                const c = t[k];
                if (shortArg.includes(c)) {
                    put(`-${c}`, k + 1 < t.length ? { ...w, text: t.slice(k + 1) } : args[++i]);
                    break;
                }
                o.flags.add(`-${c}`);
            }
            continue;
        }
        o.operands.push(w);
    }
    return o;
}
const has = (o, ...names) => names.some((n) => o.flags.has(n));
const val = (o, ...names) => names.flatMap((n) => o.values.get(n) ?? []);
function writeTargets(cmd) {
    const args = cmd.argv.slice(1);
    const w = (words, recursive = false) => words.map((word) => ({ word, recursive }));
    switch (cmd.name) {
        case 'tee':
            return w(getopt(args, '', ['output-error']).operands);
        case 'sed': {
            const o = getopt(args, 'efl', ['expression', 'file', 'line-length']);
            const inPlace = args.some((a) => /^-[a-zA-Z]*i/.test(a.text) && !a.text.startsWith('--')) || [...o.flags].some((f) => f.startsWith('--in-place'));
            if (!inPlace)
                return [];
            return w(has(o, '-e', '-f', '--expression', '--file') ? o.operands : o.operands.slice(1));
        }
        case 'perl': {
            const o = getopt(args, 'eEIMmx');
            const inPlace = args.some((a) => /^-[a-zA-Z]*i/.test(a.text));
            if (!inPlace)
                return [];
            return w(has(o, '-e', '-E') ? o.operands : o.operands.slice(1));
        }
        case 'awk':
        case 'gawk': {
            const o = getopt(args, 'fvFie', ['include', 'file', 'assign', 'field-separator']);
            if (!val(o, '-i', '--include').some((v) => v.text === 'inplace'))
                return [];
            return w(has(o, '-f', '--file', '-e') ? o.operands : o.operands.slice(1));
        }
        case 'cp':
        case 'mv':
        case 'install':
        case 'ln': {
            const o = getopt(args, 'tSmogZ', ['target-directory', 'suffix', 'mode', 'owner', 'group', 'context']);
            const recursive = cmd.name === 'mv' || has(o, '-r', '-R', '-a', '--recursive', '--archive');
            const target = val(o, '-t', '--target-directory');
            if (cmd.name === 'install' && has(o, '-d', '--directory'))
                return w(o.operands);
            const dest = target.length ? target : o.operands.length >= 2 ? o.operands.slice(-1) : [];
            const out = w(dest, recursive);
            // Moving something away deletes it from where it was.
            if (cmd.name === 'mv')
                out.push(...w(target.length ? o.operands : o.operands.slice(0, -1), true));
            return out;
        }
        case 'dd':
            return w(args.filter((a) => a.text.startsWith('of=')).map((a) => ({ ...a, text: a.text.slice(3) })));
        case 'truncate':
            return w(getopt(args, 'sr', ['size', 'reference']).operands);
        case 'touch':
            return w(getopt(args, 'drt', ['date', 'reference']).operands);
        case 'rm': {
            const o = getopt(args);
            return w(o.operands, has(o, '-r', '-R', '--recursive'));
        }
        case 'rmdir':
        case 'unlink':
        case 'sponge':
            return w(getopt(args).operands);
        case 'mkdir':
            return w(getopt(args, 'm', ['mode', 'context']).operands);
        case 'shred':
            return w(getopt(args, 'ns', ['iterations', 'size', 'random-source']).operands);
        case 'chmod':
        case 'chown':
        case 'chgrp': {
            const o = getopt(args, '', ['reference', 'from']);
            const ops = o.values.has('--reference') ? o.operands : o.operands.slice(1);
            return w(ops, has(o, '-R', '--recursive'));
        }
        case 'rsync': {
            const o = getopt(args, 'e', ['rsh', 'exclude', 'include', 'filter', 'rsync-path']);
            return w(o.operands.slice(-1), true);
        }
        case 'curl': {
            const o = getopt(args, 'oHdXuAeEFTwxKbcrCmzy', ['output', 'output-dir', 'header', 'data', 'request', 'user', 'config']);
            return w([...val(o, '-o', '--output'), ...val(o, '--output-dir')]);
        }
        case 'wget': {
            const o = getopt(args, 'OPoa', ['output-document', 'directory-prefix', 'output-file', 'append-output']);
            return [...w(val(o, '-O', '--output-document')), ...w(val(o, '-P', '--directory-prefix'), true)];
        }
        case 'tar': {
            const o = getopt(args, 'fCT', ['file', 'directory', 'files-from']);
            const extract = has(o, '-x', '--extract', '--get') || /^[a-zA-Z]*x/.test(args[0]?.text ?? '');
            return extract ? w(val(o, '-C', '--directory'), true) : [];
        }
        case 'unzip':
            return w(getopt(args, 'dx').values.get('-d') ?? [], true);
        case 'patch': {
            const o = getopt(args, 'ioprBdDFgmVYzD', ['input', 'output', 'strip', 'directory']);
            return w([...o.operands.slice(0, 1), ...val(o, '-o', '--output')]);
        }
        case 'find': {
            if (!args.some((a) => a.text === '-delete'))
                return [];
            const starts = [];
            for (const a of args) {
                if (a.text.startsWith('-') || a.text === '(' || a.text === '!')
                    break;
                starts.push(a);
            }
            // From the repository root a filtered find is not a wholesale delete; a subtree is.
            return (starts.length ? starts : [literalWord('.')]).map((word) => ({ word, recursive: !word.dynamic && external_node_path_default().resolve(cmd.cwd, word.text) !== cmd.cwd }));
        }
        case 'git': {
            const g = parseGitArgs(args);
            if (!g.sub || g.sub.dynamic)
                return [];
            const rest = args.slice(g.index + 1);
            const o = getopt(rest, 'sbBm', ['source', 'pathspec-from-file', 'conflict']);
            switch (g.sub.text) {
                case 'checkout': {
                    const dd = rest.findIndex((a) => a.text === '--');
                    return dd >= 0 ? w(rest.slice(dd + 1)) : [];
                }
                case 'restore':
                case 'rm':
                    return w(o.operands, g.sub.text === 'rm' && has(o, '-r'));
                case 'mv':
                    return w(o.operands, true);
                default:
                    return [];
            }
        }
        case 'yq':
            return args.some((a) => a.text === '-i' || a.text === '--inplace') ? w(args.slice(-1)) : [];
        default:
            return [];
    }
}
const WRITE_REDIRECTS = new Set(['>', '>>', '>|', '&>', '&>>', '<>']);
function redirectWrites(r) {
    if (WRITE_REDIRECTS.has(r.op))
        return true;
    // `>& file` (no digit target) writes the file like `&>`.
    return r.op === '>&' && !/^\d+$|^-$/.test(r.target.text);
}
function withinWorkspace(env, abs) {
    const rel = external_node_path_default().relative(env.workspace, abs);
    if (rel === '')
        return '';
    if (rel === '..' || rel.startsWith('..' + (external_node_path_default()).sep) || external_node_path_default().isAbsolute(rel))
        return undefined;
    return rel.split((external_node_path_default()).sep).join('/');
}
/** Lexically normalised text of a path word (no `.`/`..` segments, no leading `../`). */
function looseSegments(text) {
    const out = [];
    for (const s of text.split('/')) {
        if (s === '' || s === '.')
            continue;
        if (s === '..')
            out.pop();
        else
            out.push(s);
    }
    return out;
}
/** The protected glob `text` reaches when the shell's directory is unknown (any suffix of it). */
function protectedAnywhere(env, text) {
    const segs = looseSegments(text);
    for (let i = 0; i < segs.length; i++) {
        const g = env.prot.match(segs.slice(i).join('/'));
        if (g)
            return g;
    }
    return undefined;
}
function writeDenial(env, cwd, t) {
    const { word } = t;
    const abs = word.dynamic ? undefined : resolveWordPath(word, cwd, env.home);
    const rel = abs === undefined ? undefined : withinWorkspace(env, abs);
    const glob = (rel !== undefined ? env.prot.touches(rel, t.recursive) : undefined) ?? protectedAnywhere(env, word.text);
    if (glob) {
        return `writes to the protected path ${glob} (${word.raw}): workflow files are never changed by the agent (the action's token cannot push them); describe the change in your summary instead`;
    }
    return undefined;
}
// ---------------------------------------------------------------------------------------------
// git and gh
const PUSH_REASON = 'the agent never pushes: the action itself commits and pushes the work to the task branch';
/**
 * `git config` keys the agent is told not to touch: credentials and remotes (the action pushes;
 * the agent's git has no credentials to use). Other keys are the model's own business: its `.git`
 * and `$HOME` are sandboxed scratch that the action's git never reads (docs/security.md).
 */
const SECRET_GIT_KEY = /credential|extraheader|^url\.|^http\.|^remote\..*\.(url|pushurl)$|token|password/i;
/** An alias whose definition pushes (`alias.p=push`, `alias.s=!git push`). */
const PUSHING_ALIAS = (key, value) => key.startsWith('alias.') && value !== undefined && /\bpush\b|send-pack/.test(value);
function gitConfigRule(rest) {
    const o = getopt(rest, 'f', ['file', 'blob', 'type', 'default', 'comment', 'value']);
    if (rest.some((w) => w.dynamic))
        return 'runs git config with arguments computed at run time';
    const verbs = ['get', 'set', 'unset', 'list', 'edit', 'rename-section', 'remove-section'];
    const ops = o.operands.map((w) => w.text);
    // `git config set KEY VALUE` and `git config KEY VALUE` name the key at the same place after this
    if (ops[0] && verbs.includes(ops[0]))
        ops.shift();
    const key = (ops[0] ?? '').toLowerCase();
    if (SECRET_GIT_KEY.test(key))
        return `git config ${key} concerns credentials or remotes; the agent's git never handles them (the action pushes)`;
    if (PUSHING_ALIAS(key, ops[1]))
        return `git config ${key} defines an alias that pushes; ${PUSH_REASON}`;
    return undefined;
}
function gitRule(cmd) {
    const args = cmd.argv.slice(1);
    const g = parseGitArgs(args);
    for (const c of g.configs) {
        const [k = '', ...v] = c.text.split('=');
        const key = k.toLowerCase();
        if (c.dynamic || SECRET_GIT_KEY.test(key) || PUSHING_ALIAS(key, v.join('='))) {
            return { deny: `\`git -c ${c.raw}\` sets a credential, remote or pushing alias; ${PUSH_REASON}` };
        }
    }
    if (!g.sub) {
        return cmd.openArgs ? { deny: 'the git subcommand comes from the input at run time (xargs/find), so the policy cannot check it' } : {};
    }
    if (g.sub.dynamic || g.sub.glob)
        return { deny: `the git subcommand \`${g.sub.raw}\` is computed at run time; write it literally` };
    const sub = g.sub.text;
    const rest = args.slice(g.index + 1);
    const restText = rest.map((w) => w.text);
    switch (sub) {
        case 'push': {
            const force = restText.some((t) => t === '--force' || t === '-f' || t.startsWith('--force-with-lease') || t === '--force-if-includes' || t === '--mirror' || t === '--delete' || t === '-d' || /^-[a-zA-Z]*f/.test(t) || (t.startsWith('+') && t.length > 1));
            return { deny: `${force ? 'force-pushing (or deleting remote refs) is never allowed; ' : ''}${PUSH_REASON}` };
        }
        case 'send-pack':
        case 'http-push':
        case 'receive-pack':
        case 'upload-archive':
            return { deny: `\`git ${sub}\` writes to a remote; ${PUSH_REASON}` };
        case 'remote': {
            const action = restText.find((t) => !t.startsWith('-'));
            if (action && ['add', 'set-url', 'rename', 'remove', 'rm', 'set-head', 'set-branches', 'prune'].includes(action)) {
                return { deny: `\`git remote ${action}\` changes where the repository pushes; remotes are managed by the action` };
            }
            return {};
        }
        case 'config': {
            const why = gitConfigRule(rest);
            return why ? { deny: why } : {};
        }
        case 'credential':
        case 'credential-cache':
        case 'credential-store':
        case 'askpass':
            return { deny: `\`git ${sub}\` handles credentials; the agent's shell has none` };
        case 'reset':
            return restText.includes('--hard') || restText.includes('--merge') ? { pause: '`git reset --hard` discards uncommitted work' } : {};
        case 'clean': {
            const force = restText.some((t) => t === '--force' || /^-[a-zA-Z]*f/.test(t));
            return force ? { pause: '`git clean -f` deletes untracked files' } : {};
        }
        case 'checkout':
        case 'restore': {
            const all = restText.some((t) => ['.', './', ':/', '*', ':(top)', ':/*'].includes(t));
            const force = sub === 'checkout' && restText.some((t) => t === '-f' || t === '--force');
            return all || force ? { pause: `\`git ${sub}\` of the whole tree discards uncommitted changes` } : {};
        }
        case 'stash': {
            const action = restText.find((t) => !t.startsWith('-'));
            return action === 'drop' || action === 'clear' ? { pause: `\`git stash ${action}\` deletes stashed work` } : {};
        }
        case 'branch':
            return restText.some((t) => t === '-D' || (t === '--delete' && restText.includes('--force')) || /^-[a-zA-Z]*D/.test(t)) ? { pause: '`git branch -D` deletes a branch and its unmerged commits' } : {};
        case 'filter-branch':
        case 'filter-repo':
            return { pause: `\`git ${sub}\` rewrites history` };
        case 'update-ref':
            return restText.includes('-d') ? { pause: '`git update-ref -d` deletes a ref' } : {};
        case 'reflog':
            return restText[0] === 'expire' || restText[0] === 'delete' ? { pause: '`git reflog expire/delete` removes recovery points' } : {};
        default:
            return {};
    }
}
/** `gh` subcommands that only read. Everything else writes to GitHub or handles credentials. */
const GH_READ = {
    pr: ['view', 'list', 'diff', 'checks', 'status'],
    issue: ['view', 'list', 'status'],
    run: ['view', 'list', 'watch', 'download'],
    workflow: ['view', 'list'],
    label: ['list'],
    cache: ['list'],
    ruleset: ['view', 'list', 'check'],
    gist: ['view', 'list'],
    search: '*',
    status: '*',
    help: '*',
    version: '*',
    completion: '*',
};
function ghApiRule(rest) {
    let method;
    const fields = [];
    const operands = [];
    for (let i = 0; i < rest.length; i++) {
        const w = rest[i];
        const t = w.text;
        const next = () => rest[++i];
        if (t === '-X' || t === '--method')
            method = next()?.text ?? '';
        else if (t.startsWith('--method='))
            method = t.slice(9);
        else if (t.startsWith('-X') && t.length > 2)
            method = t.slice(2);
        else if (t === '-f' || t === '-F' || t === '--field' || t === '--raw-field') {
            const v = next();
            if (v)
                fields.push(v);
        }
        else if (/^-[fF]./.test(t))
            fields.push({ ...w, text: t.slice(2) });
        else if (t.startsWith('--field=') || t.startsWith('--raw-field='))
            fields.push({ ...w, text: t.slice(t.indexOf('=') + 1) });
        else if (t === '--input' || t.startsWith('--input='))
            return '`gh api --input` sends a request body; the agent may only read from the API (GET)';
        else if (['-H', '--header', '-q', '--jq', '-t', '--template', '-p', '--preview', '--cache', '--hostname'].includes(t))
            next();
        else if (!t.startsWith('-'))
            operands.push(w);
    }
    const endpoint = operands[0]?.text ?? '';
    if (method !== undefined && (method.toUpperCase() !== 'GET' || rest.some((w) => w.dynamic && (w.text === method)))) {
        if (!(endpoint === 'graphql' && method.toUpperCase() === 'POST'))
            return `\`gh api -X ${method}\` writes to GitHub; the agent may only read from the API (GET)`;
    }
    if (endpoint === 'graphql') {
        const bad = fields.find((f) => f.dynamic || /^query=@/.test(f.text) || /\bmutation\b/i.test(f.text));
        return bad ? '`gh api graphql` may only run queries written literally (no mutations, no @file queries)' : undefined;
    }
    if (fields.length)
        return '`gh api` with -f/-F fields sends a request body (and defaults to POST); the agent may only read from the API (GET)';
    return undefined;
}
function ghRule(cmd) {
    const args = cmd.argv.slice(1);
    const ops = [];
    let i = 0;
    for (; i < args.length && ops.length < 2; i++) {
        const t = args[i].text;
        if (t === '-R' || t === '--repo' || t === '--hostname')
            i++;
        else if (!t.startsWith('-') || args[i].dynamic)
            ops.push(args[i]);
    }
    const [top, sub] = ops;
    if (!top)
        return cmd.openArgs ? 'the gh subcommand comes from the input at run time, so the policy cannot check it' : undefined;
    if (top.dynamic || sub?.dynamic)
        return 'the gh subcommand is computed at run time; write it literally';
    if (top.text === 'api')
        return ghApiRule(args.slice(args.indexOf(top) + 1));
    const read = GH_READ[top.text];
    if (read === '*')
        return undefined;
    if (read && sub && read.includes(sub.text))
        return undefined;
    if (read && !sub && !cmd.openArgs)
        return undefined;
    const what = sub ? `${top.text} ${sub.text}` : top.text;
    if (top.text === 'auth')
        return '`gh auth` shows or changes credentials; the agent\'s shell has none';
    return `\`gh ${what}\` writes to GitHub (or manages credentials, secrets or extensions); the action itself opens the pull request and posts comments — in the shell, gh may only read (gh pr view/list/diff/checks, gh issue view/list, gh run view/list, gh api GET)`;
}
// ---------------------------------------------------------------------------------------------
// Other defaults
const INTERPRETERS = {
    python: { flags: ['-c'] },
    python2: { flags: ['-c'] },
    python3: { flags: ['-c'] },
    pypy: { flags: ['-c'] },
    pypy3: { flags: ['-c'] },
    node: { flags: ['-e', '--eval', '-p', '--print'] },
    nodejs: { flags: ['-e', '--eval', '-p', '--print'] },
    bun: { flags: ['-e', '--eval', '-p', '--print'] },
    deno: { flags: ['eval'] },
    perl: { flags: ['-e', '-E'], clusterEnds: 'eE' },
    ruby: { flags: ['-e'], clusterEnds: 'e' },
    php: { flags: ['-r'] },
    lua: { flags: ['-e'] },
    Rscript: { flags: ['-e'] },
    osascript: { flags: ['-e'] },
};
/** Heuristic only: code in another language cannot be parsed here, so look for the obvious. */
const CODE_SMELLS = [
    [/\bgit\b[^\n]{0,80}?\bpush\b|\bsend-pack\b/, 'pushes with git'],
    [/\bgh\b[\s'",]+(pr|issue|api|release|repo|secret|workflow|gist|auth)\b/, 'calls gh'],
    [/\.github[/\\]+workflows/, 'touches .github/workflows'],
];
function inlineCode(cmd) {
    const spec = INTERPRETERS[cmd.name] ?? (/^python3\.\d+$/.test(cmd.name) ? INTERPRETERS.python3 : undefined);
    const out = [];
    if (spec) {
        const args = cmd.argv.slice(1);
        for (let i = 0; i < args.length; i++) {
            const t = args[i].text;
            const eq = t.indexOf('=');
            if (spec.flags.includes(t)) {
                const v = args[i + 1];
                if (v)
                    out.push(v);
                i++;
            }
            else if (eq > 0 && spec.flags.includes(t.slice(0, eq))) {
                out.push({ ...args[i], text: t.slice(eq + 1) });
            }
            else if (spec.clusterEnds && /^-[a-zA-Z]+$/.test(t) && spec.clusterEnds.includes(t.slice(-1))) {
                const v = args[i + 1];
                if (v)
                    out.push(v);
                i++;
            }
        }
        for (const r of cmd.redirects)
            if (r.body !== undefined)
                out.push({ text: r.body, raw: r.body, dynamic: false, glob: false, tilde: false, params: [] });
    }
    if (['awk', 'gawk', 'mawk', 'nawk', 'sed'].includes(cmd.name)) {
        const o = getopt(cmd.argv.slice(1), cmd.name === 'sed' ? 'efl' : 'fvFe', cmd.name === 'sed' ? ['expression', 'file'] : ['file', 'assign']);
        const scripts = cmd.name === 'sed' ? val(o, '-e', '--expression') : val(o, '-e');
        out.push(...(scripts.length || has(o, '-f', '--file') ? scripts : o.operands.slice(0, 1)));
    }
    return out;
}
function rmOperands(args) {
    const o = getopt(args);
    return { recursive: has(o, '-r', '-R', '--recursive'), noPreserveRoot: has(o, '--no-preserve-root'), operands: o.operands };
}
function catastrophicRm(env, cmd) {
    const { recursive, noPreserveRoot, operands } = rmOperands(cmd.argv.slice(1));
    if (noPreserveRoot)
        return '`rm --no-preserve-root` is never allowed';
    if (!recursive)
        return undefined;
    for (const w of operands) {
        if (w.dynamic) {
            if (/^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?(\/\*?|\/\.\*)?$/.test(w.text)) {
                return `\`rm -r ${w.raw}\` deletes the home directory or, when the variable is empty, the file system root; name the directory literally (or use \${VAR:?})`;
            }
            continue;
        }
        const abs = resolveWordPath(w, cmd.cwd, env.home);
        if (env.workspace === abs || env.workspace.startsWith(abs + '/')) {
            return `\`rm -r ${w.raw}\` would delete the whole repository work tree`;
        }
        const dir = w.glob ? external_node_path_default().dirname(abs) : abs;
        const depth = dir.split('/').filter(Boolean).length;
        if (depth <= 1 || dir === env.home || (w.glob && (dir === env.home || depth <= 1))) {
            return `\`rm -r ${w.raw}\` would delete ${depth === 0 ? 'the whole file system' : dir === env.home ? 'the home directory' : `the system directory ${dir}`}`;
        }
    }
    return undefined;
}
function destructive(cmd) {
    const args = cmd.argv.slice(1);
    switch (cmd.name) {
        case 'rm': {
            const { recursive } = rmOperands(args);
            if (recursive)
                return 'recursive delete';
            if (cmd.via.some((v) => v.startsWith('find') || v === 'xargs'))
                return 'deletes every file found';
            return undefined;
        }
        case 'dd':
            return 'dd writes raw data';
        case 'wipefs':
        case 'fdisk':
        case 'sfdisk':
        case 'parted':
            return 'changes disks';
        case 'chmod':
        case 'chown':
        case 'chgrp':
            return args.some((a) => a.text === '-R' || a.text === '--recursive' || /^-[a-zA-Z]*R/.test(a.text)) ? `recursive ${cmd.name}` : undefined;
        case 'truncate':
            return 'truncates files';
        case 'shred':
            return 'destroys files';
        case 'find':
            return args.some((a) => a.text === '-delete') ? 'deletes every file found' : undefined;
        case 'rsync':
            return args.some((a) => a.text.startsWith('--delete') || a.text === '--remove-source-files') ? 'deletes files at the destination' : undefined;
        default:
            return cmd.name.startsWith('mkfs') ? 'formats a file system' : undefined;
    }
}
function defaultDenial(env, cmd) {
    const name = cmd.name;
    if (name === 'git-push' || name === 'git-send-pack' || name === 'git-http-push' || name.startsWith('git-credential') || name.startsWith('git-remote-')) {
        return `\`${name}\` talks to a remote with credentials; ${PUSH_REASON}`;
    }
    if (name === 'git') {
        const r = gitRule(cmd);
        if (r.deny)
            return r.deny;
    }
    if (name === 'gh') {
        const why = ghRule(cmd);
        if (why)
            return why;
    }
    if (name === 'rm') {
        const why = catastrophicRm(env, cmd);
        if (why)
            return why;
    }
    for (const code of inlineCode(cmd)) {
        const smell = CODE_SMELLS.find(([re]) => re.test(code.text));
        if (smell)
            return `inline ${name} code that ${smell[1]}; the agent's programs may not do that either`;
    }
    for (const t of writeTargets(cmd)) {
        const why = writeDenial(env, cmd.cwd, t);
        if (why)
            return why;
    }
    return undefined;
}
function redirectDenial(env, r) {
    if (redirectWrites(r))
        return writeDenial(env, r.cwd, { word: r.target, recursive: false });
    return undefined;
}
// ---------------------------------------------------------------------------------------------
// The policy
/** Commands that only run another command; allowedCommands judges the inner one. */
const TRANSPARENT = new Set(['timeout', 'time', 'nice', 'nohup', 'command', 'builtin', 'exec', 'stdbuf', 'setsid', 'unbuffer', 'ionice', 'env']);
/** Builtins with no effect outside the shell; never paused by allowedCommands. */
const INERT = new Set(['cd', 'pushd', 'popd', 'pwd', 'true', 'false', ':', 'test', '[', 'echo', 'printf', 'set', 'exit', 'return', 'wait', 'sleep', 'export', 'declare', 'local', 'readonly', 'typeset', 'unset', 'shift', 'read']);
function describe(cmd) {
    const text = cmd.text.length > 160 ? `${cmd.text.slice(0, 157)}...` : cmd.text;
    return `\`${text}\`${cmd.via.length ? ` (run by ${cmd.via.join(' → ')})` : ''}`;
}
/**
 * Builds the command policy. Rules in `forbiddenCommands`/`allowedCommands` follow
 * `compileCommandRule`; the built-in denials always apply (see the module comment).
 */
function createCommandPolicy(config) {
    const forbidden = config.forbiddenCommands.map((rule) => ({ rule, test: compileCommandRule(rule) }));
    const allowed = config.allowedCommands.map((rule) => ({ rule, test: compileCommandRule(rule) }));
    const env = {
        workspace: external_node_path_default().resolve(config.workspace ?? '/workspace'),
        home: config.home ?? (0,external_node_os_.homedir)(),
        prot: (0,policy_protected/* createProtectedPaths */.hz)(config.protectedGlobs ?? policy_protected/* DEFAULT_PROTECTED_GLOBS */.Nf),
    };
    const inspect = config.inspectFiles ?? config.workspace !== undefined;
    const approved = new Set([...(config.approved ?? [])].map((s) => s.trim()));
    const decide = (line, cwd) => {
        let analysis;
        try {
            analysis = analyzeCommandLine(line, {
                workspace: env.workspace,
                home: env.home,
                ...(cwd ? { cwd } : {}),
                ...(inspect ? {} : { readFile: null }),
            });
        }
        catch (e) {
            if (e instanceof ShellSyntaxError) {
                return { action: 'deny', reason: `the command does not parse as bash (${e.message}); fix the quoting or split it into simpler commands`, commands: [] };
            }
            return { action: 'deny', reason: `the command could not be analysed (${e.message}); write it more simply`, commands: [] };
        }
        const commands = analysis.commands.map((c) => c.text);
        const deny = (reason) => ({ action: 'deny', reason, commands });
        const problem = analysis.problems[0];
        if (problem)
            return deny(`${problem.reason}`);
        for (const r of analysis.redirects) {
            const why = redirectDenial(env, r);
            if (why)
                return deny(`${r.op} ${r.target.raw}: ${why}`);
        }
        const written = new Set();
        for (const r of analysis.redirects)
            if (redirectWrites(r) && !r.target.dynamic)
                written.add(resolveWordPath(r.target, r.cwd, env.home));
        for (const cmd of analysis.commands) {
            const why = defaultDenial(env, cmd);
            if (why)
                return deny(`${describe(cmd)}: ${why}`);
            for (const t of writeTargets(cmd))
                if (!t.word.dynamic)
                    written.add(resolveWordPath(t.word, cmd.cwd, env.home));
        }
        for (const cmd of analysis.commands) {
            const hit = forbidden.find((f) => f.test(cmd.text));
            if (hit)
                return deny(`${describe(cmd)} matches the forbidden command rule "${hit.rule}" (agent.forbiddenCommands in .kiro/settings.json)`);
        }
        // A script (or package.json) written by this same line could not be read before it runs.
        for (const cmd of analysis.commands) {
            const script = cmd.scripts.find((s) => written.has(s));
            if (script)
                return deny(`${describe(cmd)} runs ${external_node_path_default().relative(env.workspace, script) || script}, which this same command line writes; write it first, then run it in a separate command so it can be checked`);
            if (['npm', 'yarn', 'pnpm', 'bun'].includes(cmd.name) && [...written].some((p) => external_node_path_default().basename(p) === 'package.json')) {
                return deny(`${describe(cmd)} runs package scripts while this same command line rewrites package.json; run them in a separate command`);
            }
        }
        const pauses = [];
        if (allowed.length) {
            for (const cmd of analysis.commands) {
                if (cmd.fromFile || TRANSPARENT.has(cmd.name))
                    continue;
                if (INERT.has(cmd.name) && !cmd.redirects.some(redirectWrites))
                    continue;
                if (!allowed.some((a) => a.test(cmd.text))) {
                    pauses.push(`${describe(cmd)} is not in allowedCommands (${config.allowedCommands.join(', ')}), so it needs the task owner's approval`);
                    break;
                }
            }
        }
        if (pausesBeforeDestructive(config.autonomy)) {
            for (const cmd of analysis.commands) {
                // The project's own scripts (npm run build's `rm -rf dist`) are not the agent's choice.
                if (cmd.fromFile)
                    continue;
                const why = destructive(cmd) ?? (cmd.name === 'git' ? gitRule(cmd).pause : undefined);
                if (why) {
                    pauses.push(`${describe(cmd)} is destructive (${why}); autonomy level ${config.autonomy} pauses before destructive commands`);
                    break;
                }
            }
        }
        if (pauses.length) {
            if (approved.has(line.trim()))
                return { action: 'allow', commands };
            return { action: 'pause', reason: pauses.join('; '), commands };
        }
        return { action: 'allow', commands };
    };
    return {
        check(commandLine, opts = {}) {
            if (typeof commandLine !== 'string' || commandLine.trim() === '')
                return { action: 'allow', commands: [] };
            if (commandLine.includes('\0'))
                return { action: 'deny', reason: 'the command contains a NUL byte', commands: [] };
            return decide(commandLine, opts.cwd);
        },
        approve(commandLine) {
            approved.add(commandLine.trim());
        },
    };
}


/***/ }),

/***/ 40786:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Hd: () => (/* reexport safe */ _protected_js__WEBPACK_IMPORTED_MODULE_3__.Hd),
/* harmony export */   Nf: () => (/* reexport safe */ _protected_js__WEBPACK_IMPORTED_MODULE_3__.Nf),
/* harmony export */   hQ: () => (/* binding */ createToolPolicy)
/* harmony export */ });
/* unused harmony exports createPathGuard, createEditBudget, DEFAULT_REWRITE_THRESHOLDS, checkRewrite */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _commands_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9435);
/* harmony import */ var _protected_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(27656);
/**
 * File-tool confinement (SPEC.md §4 "File tools stay inside the workspace") and the edit budget
 * (§2 `maxFileEditsPerTask`, `requireApprovalForNewFiles`).
 *
 * A path is allowed only when it stays inside the workspace both lexically (no `..` escape, no
 * absolute path elsewhere) and after symlink resolution (realpath of the path, or of its nearest
 * existing ancestor for a file not yet created), so a link inside the repository pointing at
 * `/etc/passwd` can be neither read nor written. Writes into any `.git/` directory (hooks there
 * run with the action's credentials) and into protected globs (`.github/workflows/**`: the
 * action's token cannot push workflow changes, and the model never edits CI) are refused, as are
 * reads of `.git/config` (actions/checkout leaves the token's basic-auth header there).
 */





function realpathOrSelf(p) {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)(p);
    }
    catch {
        return p;
    }
}
function within(root, p) {
    const rel = node_path__WEBPACK_IMPORTED_MODULE_1___default().relative(root, p);
    if (rel === '')
        return '';
    if (rel.startsWith('..') && (rel === '..' || rel.startsWith('..' + (node_path__WEBPACK_IMPORTED_MODULE_1___default().sep))))
        return undefined;
    if (node_path__WEBPACK_IMPORTED_MODULE_1___default().isAbsolute(rel))
        return undefined;
    return rel.split((node_path__WEBPACK_IMPORTED_MODULE_1___default().sep)).join('/');
}
/**
 * Resolves symlinks of `abs` or, when it does not exist, of its nearest existing ancestor.
 * Returns undefined for a dangling symlink (writing through it would create its target).
 */
function resolveReal(abs) {
    const missing = [];
    let cur = abs;
    for (;;) {
        let exists = false;
        try {
            (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync)(cur);
            exists = true;
        }
        catch {
            exists = false;
        }
        if (exists) {
            let real;
            try {
                real = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)(cur);
            }
            catch {
                return undefined; // dangling or looping symlink
            }
            return missing.length ? node_path__WEBPACK_IMPORTED_MODULE_1___default().join(real, ...missing.reverse()) : real;
        }
        const parent = node_path__WEBPACK_IMPORTED_MODULE_1___default().dirname(cur);
        if (parent === cur)
            return abs;
        missing.push(node_path__WEBPACK_IMPORTED_MODULE_1___default().basename(cur));
        cur = parent;
    }
}
/**
 * Guards the file tools. `workspace` is the repository work tree; `protectedGlobs` default to
 * `DEFAULT_PROTECTED_GLOBS`.
 */
function createPathGuard(workspace, opts = {}) {
    const ws = node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(workspace);
    const realWs = realpathOrSelf(ws);
    const prot = (0,_protected_js__WEBPACK_IMPORTED_MODULE_3__/* .createProtectedPaths */ .hz)(opts.protectedGlobs ?? _protected_js__WEBPACK_IMPORTED_MODULE_3__/* .DEFAULT_PROTECTED_GLOBS */ .Nf);
    return {
        workspace: ws,
        realWorkspace: realWs,
        protectedPaths: prot,
        check(p, op) {
            if (typeof p !== 'string' || p.trim() === '' || p.includes('\0')) {
                return { action: 'deny', reason: 'give a file path (relative to the repository root)' };
            }
            const shown = p;
            // Absolute paths under the real workspace are accepted as well as under the given one.
            const abs = node_path__WEBPACK_IMPORTED_MODULE_1___default().isAbsolute(p) ? node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(p) : node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(ws, p);
            const lexical = within(ws, abs) ?? within(realWs, abs);
            if (lexical === undefined)
                return { action: 'deny', reason: _protected_js__WEBPACK_IMPORTED_MODULE_3__/* .PathReasons */ .vg.outside(shown) };
            const real = resolveReal(abs);
            if (real === undefined) {
                return { action: 'deny', reason: `${shown} is a symlink whose target does not exist (or loops); it cannot be used` };
            }
            const realRel = within(realWs, real);
            if (realRel === undefined)
                return { action: 'deny', reason: _protected_js__WEBPACK_IMPORTED_MODULE_3__/* .PathReasons */ .vg.symlinkOutside(shown, real) };
            for (const rel of new Set([lexical, realRel])) {
                if (op === 'read' && (0,_protected_js__WEBPACK_IMPORTED_MODULE_3__/* .isGitConfig */ .hE)(rel))
                    return { action: 'deny', reason: _protected_js__WEBPACK_IMPORTED_MODULE_3__/* .PathReasons */ .vg.gitConfig(shown) };
                if (op === 'write') {
                    if ((0,_protected_js__WEBPACK_IMPORTED_MODULE_3__/* .isInGitDir */ .lA)(rel))
                        return { action: 'deny', reason: _protected_js__WEBPACK_IMPORTED_MODULE_3__/* .PathReasons */ .vg.gitDir(shown) };
                    const glob = prot.match(rel);
                    if (glob)
                        return { action: 'deny', reason: _protected_js__WEBPACK_IMPORTED_MODULE_3__/* .PathReasons */ .vg.protected(shown, glob) };
                }
            }
            return { action: 'allow', resolved: real };
        },
    };
}
/** The edit budget of one task (SPEC.md §2). */
function createEditBudget(config) {
    const max = Math.max(0, Math.floor(config.maxFileEditsPerTask));
    const edited = new Set(config.alreadyEdited ?? []);
    const approved = new Set(config.approvedNewFiles ?? []);
    const show = (p) => (config.workspace ? (within(realpathOrSelf(config.workspace), p) ?? within(node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(config.workspace), p) ?? p) : p);
    return {
        edited,
        approveNewFile: (p) => void approved.add(p),
        recordEdited: (p) => void edited.add(p),
        checkEdit(resolvedPath, creating) {
            if (!edited.has(resolvedPath) && edited.size >= max) {
                const list = [...edited].slice(0, 10).map(show).join(', ');
                return {
                    action: 'deny',
                    reason: `the edit budget is used up: this task may change at most ${max} distinct files (maxFileEditsPerTask) and has changed ${edited.size}` +
                        (list ? ` (${list}${edited.size > 10 ? ', …' : ''})` : '') +
                        '. Keep working within those files, or finish and report what is left',
                };
            }
            if (creating && config.requireApprovalForNewFiles && !approved.has(resolvedPath) && !edited.has(resolvedPath)) {
                return { action: 'pause', reason: `creating the new file ${show(resolvedPath)} needs the task owner's approval (requireApprovalForNewFiles)` };
            }
            edited.add(resolvedPath);
            return { action: 'allow' };
        },
    };
}
const DEFAULT_REWRITE_THRESHOLDS = Object.freeze({ minLines: 40, share: 0.5, maxRemoved: 300 });
/** Lines of `before` that `after` no longer has (multiset difference; O(n)). */
function removedLines(before, after) {
    const counts = new Map();
    for (const l of after.split('\n'))
        counts.set(l, (counts.get(l) ?? 0) + 1);
    let removed = 0;
    for (const l of before.split('\n')) {
        const c = counts.get(l) ?? 0;
        if (c > 0)
            counts.set(l, c - 1);
        else
            removed++;
    }
    return removed;
}
/**
 * Whether replacing `before` by `after` is a large rewrite that balanced and cautious autonomy
 * pause before (SPEC.md §2). `before` undefined means a new file (never a rewrite).
 */
function checkRewrite(shownPath, before, after, autonomy, thresholds = DEFAULT_REWRITE_THRESHOLDS) {
    if (!(0,_commands_js__WEBPACK_IMPORTED_MODULE_2__/* .pausesBeforeDestructive */ .X0)(autonomy) || before === undefined)
        return { action: 'allow' };
    const lines = before.split('\n').length;
    if (lines < thresholds.minLines)
        return { action: 'allow' };
    const removed = removedLines(before, after);
    if (removed >= thresholds.maxRemoved || removed / lines >= thresholds.share) {
        return {
            action: 'pause',
            reason: `rewriting ${shownPath} replaces ${removed} of its ${lines} lines, a large rewrite; autonomy level ${autonomy} pauses before large rewrites`,
        };
    }
    return { action: 'allow' };
}
/**
 * The policy the agent's tools ask before acting (`src/agent/types.ts` `ToolPolicy`): the
 * command policy, the path guard and the edit budget over one workspace.
 */
function createToolPolicy(config) {
    const protectedGlobs = config.protectedGlobs ?? config.commands.protectedGlobs ?? _protected_js__WEBPACK_IMPORTED_MODULE_3__/* .DEFAULT_PROTECTED_GLOBS */ .Nf;
    const guard = createPathGuard(config.workspace, { protectedGlobs });
    const commands = (0,_commands_js__WEBPACK_IMPORTED_MODULE_2__/* .createCommandPolicy */ .WU)({ workspace: guard.workspace, protectedGlobs, ...config.commands });
    const budget = createEditBudget({
        maxFileEditsPerTask: config.maxFileEditsPerTask,
        requireApprovalForNewFiles: config.requireApprovalForNewFiles,
        workspace: guard.workspace,
        ...(config.alreadyEdited ? { alreadyEdited: config.alreadyEdited } : {}),
        ...(config.approvedNewFiles ? { approvedNewFiles: config.approvedNewFiles } : {}),
    });
    const shown = (p) => within(guard.realWorkspace, p) ?? within(guard.workspace, p) ?? p;
    const rewritesApproved = new Set();
    const resolveWritable = (p) => {
        const d = guard.check(p, 'write');
        return d.action === 'allow' ? d.resolved : undefined;
    };
    return {
        autonomy: config.commands.autonomy,
        editedFiles: budget.edited,
        checkCommand: (command) => commands.check(command),
        checkCommandIn: (command, cwd) => commands.check(command, { cwd }),
        checkPath: (p, op) => guard.check(p, op),
        checkEdit: (resolvedPath, creating) => budget.checkEdit(resolvedPath, creating),
        checkRewrite: (resolvedPath, before, after) => rewritesApproved.has(resolvedPath) ? { action: 'allow' } : checkRewrite(shown(resolvedPath), before, after, config.commands.autonomy),
        approveCommand: (command) => commands.approve(command),
        approveNewFile: (p) => budget.approveNewFile(p),
        approveRewrite: (p) => void rewritesApproved.add(p),
        approvePath(p) {
            const resolved = resolveWritable(p);
            if (!resolved)
                return false;
            budget.approveNewFile(resolved);
            rewritesApproved.add(resolved);
            return true;
        },
        countEdited(paths) {
            for (const p of paths) {
                const resolved = resolveWritable(p);
                // protected and outside paths cannot have been written by the tools: not counted
                if (resolved)
                    budget.recordEdited(resolved);
            }
        },
    };
}


/***/ }),

/***/ 27656:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Hd: () => (/* binding */ findProtectedChanges),
/* harmony export */   Nf: () => (/* binding */ DEFAULT_PROTECTED_GLOBS),
/* harmony export */   hE: () => (/* binding */ isGitConfig),
/* harmony export */   hz: () => (/* binding */ createProtectedPaths),
/* harmony export */   lA: () => (/* binding */ isInGitDir),
/* harmony export */   vg: () => (/* binding */ PathReasons)
/* harmony export */ });
/* harmony import */ var picomatch__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(14006);
/* harmony import */ var picomatch__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(picomatch__WEBPACK_IMPORTED_MODULE_0__);
/**
 * Protected paths shared by the file tools (`paths.ts`), the command policy (`commands.ts`) and
 * the orchestrator's commit guard (`findProtectedChanges`). A leaf module: no policy imports.
 */

/** Paths the model may never write, relative to the workspace root (picomatch globs). */
const DEFAULT_PROTECTED_GLOBS = Object.freeze(['.github/workflows/**']);
/** Why each kind of refusal happens; shown to the model in the tool result. */
const PathReasons = {
    protected: (p, glob) => `${p} matches the protected path ${glob}: workflow files are never changed by the agent (the action's token cannot push them); describe the change needed in your summary instead`,
    gitDir: (p) => `${p} is inside .git/, git's own directory; use git commands to change the repository`,
    gitConfig: (p) => `${p} is git's configuration file, which may hold the job's credentials; it is not readable by the agent`,
    outside: (p) => `${p} is outside the workspace; only files of the checked-out repository can be used`,
    symlinkOutside: (p, target) => `${p} is a symlink (or lies under one) that leads outside the workspace, to ${target}`,
};
const MATCH_OPTS = { dot: true, nocase: true };
/** Builds the protected-path matcher; `globs` default to `DEFAULT_PROTECTED_GLOBS`. */
function createProtectedPaths(globs = DEFAULT_PROTECTED_GLOBS) {
    const compiled = globs.map((g) => ({ glob: g, test: picomatch__WEBPACK_IMPORTED_MODULE_0___default()(g, MATCH_OPTS), base: picomatch__WEBPACK_IMPORTED_MODULE_0___default().scan(g).base }));
    const match = (rel) => compiled.find((c) => c.test(rel))?.glob;
    return {
        globs: Object.freeze([...globs]),
        match,
        touches(target, recursive) {
            const clean = target.replace(/\/+$/, '');
            const direct = match(clean);
            if (direct)
                return direct;
            const isPattern = picomatch__WEBPACK_IMPORTED_MODULE_0___default().scan(clean).isGlob;
            for (const c of compiled) {
                if (!c.base)
                    continue;
                const baseSegs = c.base.split('/');
                const segs = clean === '' || clean === '.' ? [] : clean.split('/');
                let ok = true;
                const n = Math.min(segs.length, baseSegs.length);
                for (let i = 0; i < n && ok; i++) {
                    const s = segs[i];
                    const b = baseSegs[i];
                    ok = isPattern ? picomatch__WEBPACK_IMPORTED_MODULE_0___default().isMatch(b, s, { dot: false, nocase: true }) : s.toLowerCase() === b.toLowerCase();
                }
                if (!ok)
                    continue;
                if (segs.length >= baseSegs.length && isPattern)
                    return c.glob; // a pattern reaching into the tree
                if (segs.length < baseSegs.length && recursive)
                    return c.glob; // an ancestor, recursively
            }
            return undefined;
        },
    };
}
/** True when a workspace-relative path has a `.git` segment (the repository's or a submodule's). */
function isInGitDir(rel) {
    return rel.split(/[\\/]/).some((s) => s.toLowerCase() === '.git');
}
/** True for git configuration files inside a `.git` directory (`.git/config`, submodule configs). */
function isGitConfig(rel) {
    return /(^|\/)\.git\/(.*\/)?config(\.worktree)?$/i.test(rel.replace(/\\/g, '/'));
}
/**
 * Paths among `changedPaths` (workspace-relative, as `git diff --name-only` prints them) that the
 * action must not commit, whoever changed them (the model's editor, its shell, a script, a
 * formatter): protected globs and anything under a `.git` directory. For the orchestrator,
 * before committing; returns the offending paths in input order.
 */
function findProtectedChanges(changedPaths, globs = DEFAULT_PROTECTED_GLOBS) {
    const prot = createProtectedPaths(globs);
    return changedPaths.filter((p) => {
        const rel = p.replace(/^\.\//, '');
        return prot.match(rel) !== undefined || isInGitDir(rel);
    });
}


/***/ }),

/***/ 66224:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   dw: () => (/* binding */ preloadPrompts),
/* harmony export */   nQ: () => (/* binding */ renderPrompt)
/* harmony export */ });
/* unused harmony exports setPromptsDir, promptsDir, loadPrompt, promptVariables */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73136);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_url__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/**
 * Prompt templates: `prompts/<name>.md` at the action root, with `{{variable}}` placeholders.
 * A template that needs a variable the caller did not give, or a variable the template does not
 * use, is an error — prompts never silently lose or ignore context (STYLE.md habit 8).
 */



/**
 * `src/prompts.ts` and the bundled `dist/*.js` are both one level below the action root. (Not
 * `new URL('../prompts/', import.meta.url)`: webpack/ncc would treat that as an asset to bundle.)
 */
const DEFAULT_DIR = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)((0,node_url__WEBPACK_IMPORTED_MODULE_1__.fileURLToPath)(import.meta.url)), '..', 'prompts');
let overrideDir;
const cache = new Map();
const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_-]*)\s*\}\}/g;
const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*(\/[A-Za-z0-9][A-Za-z0-9_-]*)*$/;
/** Sets (or with `undefined` clears) a directory searched instead of the action's `prompts/`. */
function setPromptsDir(dir) {
    overrideDir = dir;
}
/** The directory templates are read from. */
function promptsDir() {
    return overrideDir ?? DEFAULT_DIR;
}
/**
 * Reads every template of the prompts directory into the cache. Called before the first command
 * the model causes (src/orchestrator/sandbox.ts): the templates are then never read from disk
 * again in this run, whatever happens to the directory (it is also hidden from the sandbox).
 * @returns the names loaded
 */
function preloadPrompts(dir = promptsDir()) {
    const names = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readdirSync)(dir)
        .filter((f) => f.endsWith('.md'))
        .map((f) => f.slice(0, -3));
    for (const n of names)
        loadPrompt(n, dir);
    return names;
}
/** Template text (cached per path). @throws Error when the file is missing or the name is malformed */
function loadPrompt(name, dir = promptsDir()) {
    if (!NAME.test(name))
        throw new Error(`prompt name "${name}" is not a plain name like "coder" or "roles/coder"`);
    const path = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, `${name}.md`);
    let text = cache.get(path);
    if (text === undefined) {
        try {
            text = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(path, 'utf8');
        }
        catch (e) {
            throw new Error(`prompt "${name}" not found at ${path}: ${e.message}`);
        }
        cache.set(path, text);
    }
    return text;
}
/** Placeholder names a template uses, in first-use order. */
function promptVariables(template) {
    return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}
/**
 * Renders `prompts/<name>.md`, replacing each `{{var}}` with `vars[var]` (values are inserted as
 * they are; `{{` in a value is not expanded).
 *
 * @param opts.dir read the template from this directory instead (tests, a checked-out action)
 * @throws Error listing the missing variables, or the provided ones the template does not use
 */
function renderPrompt(name, vars, opts = {}) {
    const template = loadPrompt(name, opts.dir);
    const used = promptVariables(template);
    const missing = used.filter((v) => !Object.hasOwn(vars, v));
    if (missing.length)
        throw new Error(`prompt "${name}": missing variable${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
    const unused = Object.keys(vars).filter((v) => !used.includes(v));
    if (unused.length) {
        throw new Error(`prompt "${name}": variable${unused.length > 1 ? 's' : ''} ${unused.join(', ')} not used by the template`);
    }
    return template.replace(PLACEHOLDER, (_m, v) => vars[v]);
}


/***/ }),

/***/ 68843:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B: () => (/* binding */ renderPrBody)
/* harmony export */ });
/* harmony import */ var _constants_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(27242);
/* harmony import */ var _status_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(16934);
/**
 * The pull request body (SPEC.md J1.5): summary, `Closes #n`, approach, trade-offs, changed files,
 * verification results, the acceptance-criteria checklist, cost and duration; plus the learnings
 * applied and any blocked network requests. A hidden marker links the PR to its task record.
 */


const STATUS_WORD = { A: 'added', M: 'modified', D: 'deleted', R: 'renamed', C: 'copied', T: 'type changed' };
/** Renders the PR body as GitHub-flavoured markdown. */
function renderPrBody(p) {
    const out = [`${_constants_js__WEBPACK_IMPORTED_MODULE_0__/* .Markers */ .c7.PullRequestTask}=${p.taskId} -->`];
    if (!p.verificationPassed) {
        out.push('> [!WARNING]', '> **Needs human review:** verification did not pass after the allowed retries.');
        if (p.failureNotes)
            for (const l of p.failureNotes.split('\n'))
                out.push(`> ${l}`);
        out.push('');
    }
    out.push('## Summary', '', p.summary.trim(), '');
    if (p.issueNumber)
        out.push(`Closes #${p.issueNumber}${p.issueUrl ? ` (${p.issueUrl})` : ''}`, '');
    if (p.requirements.length) {
        out.push('<details><summary>Requirements</summary>', '');
        for (const r of p.requirements)
            out.push(`- ${r}`);
        out.push('', '</details>', '');
    }
    out.push('## Implementation approach', '', p.approach.trim() || '—', '');
    out.push('## Trade-offs considered', '', p.tradeoffs.trim() || '—', '');
    out.push('## Changed files', '');
    if (p.changedFiles.length)
        for (const f of p.changedFiles)
            out.push(`- \`${f.path}\` (${STATUS_WORD[f.status[0] ?? ''] ?? f.status})`);
    else
        out.push('- (none)');
    out.push('', '## Verification', '');
    if (p.checks.length) {
        out.push('| Check | Command | Result |', '|---|---|---|');
        for (const c of p.checks) {
            const result = c.passed ? '✅ passed' : c.timedOut ? '❌ timed out' : `❌ failed (exit ${c.exitCode ?? '?'})`;
            out.push(`| ${(0,_status_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeMd */ .Xk)(c.name)} | \`${c.command.replace(/\|/g, '\\|').replace(/`/g, "'")}\` | ${result} |`);
        }
    }
    else {
        out.push('No test, lint or type-check command was detected in this repository.');
    }
    if (p.secretFindings?.length) {
        out.push('', '**Secret scan:** findings were removed or need review:');
        for (const f of p.secretFindings)
            out.push(`- ${f}`);
    }
    else {
        out.push('', 'Secret scan of the diff: no findings.');
    }
    out.push('', '## Acceptance criteria', '');
    for (const c of p.criteria) {
        out.push(`- [${c.met ? 'x' : ' '}] **${c.id}** ${c.text}${c.evidence ? ` — ${c.evidence.replace(/\s+/g, ' ').trim()}` : ''}`);
    }
    if (p.learningsApplied?.length) {
        out.push('', '## Learnings applied', '');
        for (const l of p.learningsApplied)
            out.push(`- ${l.text} (\`${l.id}\`)`);
    }
    if (p.blockedRequests?.length || p.networkLimitation) {
        out.push('', '## Network', '');
        for (const b of p.blockedRequests ?? [])
            out.push(`- Blocked \`${b.host}\`${b.command ? ` requested by \`${b.command.replace(/`/g, "'")}\`` : ''}`);
        if (p.networkLimitation)
            out.push(`- Note: ${p.networkLimitation}`);
    }
    if (p.sources?.length) {
        out.push('', '## Sources', '');
        for (const u of p.sources)
            out.push(`- <${u.replace(/[<>\s]/g, '')}>`);
    }
    if (p.feedbackRounds?.length) {
        out.push('', '## Review feedback addressed', '');
        for (const r of p.feedbackRounds)
            out.push(`- ${r}`);
    }
    out.push('', '---', `Cost ${(0,_status_js__WEBPACK_IMPORTED_MODULE_1__/* .formatUsd */ .UK)(p.costUsd)} · duration ${(0,_status_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a3)(p.durationMs)} · [workflow run](${p.runUrl}) · task \`${p.taskId}\``);
    return out.join('\n');
}


/***/ }),

/***/ 57994:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   j: () => (/* binding */ writeJobSummary)
/* harmony export */ });
/* unused harmony export renderSummary */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33838);
/* harmony import */ var _status_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(16934);
/**
 * The job summary (`$GITHUB_STEP_SUMMARY`, https://docs.github.com/actions/writing-workflows/choosing-what-your-workflow-does/workflow-commands-for-github-actions#adding-a-job-summary):
 * the plan, its steps, the checks, tokens, cost and time of the run.
 */


/** Renders the summary markdown (pure). */
function renderSummary(i) {
    const u = i.spend.usage;
    const lines = [`## Kiro: ${i.title}`, '', `Task \`${i.taskId}\` — **${i.state.replace('_', ' ')}**`, ''];
    if (i.pullRequestUrl)
        lines.push(`Pull request: ${i.pullRequestUrl}`, '');
    if (i.answer)
        lines.push(i.answer, '');
    if (i.note)
        lines.push(i.note, '');
    if (i.plan.length) {
        lines.push('### Plan', '');
        for (const p of i.plan)
            lines.push(`- [${p.done ? 'x' : ' '}] ${p.id}. ${p.title}`);
        lines.push('');
    }
    if (i.checks?.length) {
        lines.push('### Verification', '', '| Check | Result |', '|---|---|');
        for (const c of i.checks)
            lines.push(`| \`${c.command}\` | ${c.passed ? '✅' : '❌'} |`);
        lines.push('');
    }
    lines.push('### Usage', '', '| Model calls | Input tokens | Cache reads | Cache writes | Output tokens | Cost | Time |', '|---|---|---|---|---|---|---|', `| ${i.spend.turns} | ${u.input_tokens} | ${u.cache_read_input_tokens} | ${u.cache_creation_input_tokens} | ${u.output_tokens} | ${(0,_status_js__WEBPACK_IMPORTED_MODULE_1__/* .formatUsd */ .UK)(i.spend.costUsd)} | ${(0,_status_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a3)(i.durationMs)} |`);
    return lines.join('\n');
}
/** Appends the summary to the job summary (redacted). */
async function writeJobSummary(svc, i) {
    if (!process.env.GITHUB_STEP_SUMMARY)
        return;
    await _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .summary */ .z.addRaw(svc.redact(renderSummary(i)), true).write();
}


/***/ })

};
