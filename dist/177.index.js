export const id = 177;
export const ids = [177,111,224,843];
export const modules = {

/***/ 88492:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ModelError: () => (/* binding */ ModelError),
/* harmony export */   classifyError: () => (/* binding */ classifyError),
/* harmony export */   createModelClient: () => (/* binding */ createModelClient),
/* harmony export */   loadProvider: () => (/* binding */ loadProvider),
/* harmony export */   normalizeUsage: () => (/* binding */ normalizeUsage),
/* harmony export */   providerModelId: () => (/* binding */ providerModelId)
/* harmony export */ });
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

/***/ 7177:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   preloadActionCode: () => (/* binding */ preloadActionCode)
/* harmony export */ });
/* harmony import */ var _agent_model_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(88492);
/* harmony import */ var _prompts_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(66224);
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
    const modules = await Promise.all([Promise.all(/* import() */[__webpack_require__.e(815), __webpack_require__.e(575), __webpack_require__.e(830), __webpack_require__.e(669), __webpack_require__.e(691), __webpack_require__.e(252), __webpack_require__.e(94), __webpack_require__.e(223), __webpack_require__.e(466), __webpack_require__.e(227), __webpack_require__.e(677), __webpack_require__.e(954), __webpack_require__.e(725)]).then(__webpack_require__.bind(__webpack_require__, 85725)), Promise.all(/* import() */[__webpack_require__.e(815), __webpack_require__.e(575), __webpack_require__.e(830), __webpack_require__.e(669), __webpack_require__.e(691), __webpack_require__.e(252), __webpack_require__.e(94), __webpack_require__.e(223), __webpack_require__.e(466), __webpack_require__.e(227), __webpack_require__.e(677), __webpack_require__.e(954), __webpack_require__.e(68)]).then(__webpack_require__.bind(__webpack_require__, 11068)), Promise.all(/* import() */[__webpack_require__.e(815), __webpack_require__.e(575), __webpack_require__.e(830), __webpack_require__.e(669), __webpack_require__.e(691), __webpack_require__.e(252), __webpack_require__.e(94), __webpack_require__.e(223), __webpack_require__.e(466), __webpack_require__.e(227), __webpack_require__.e(677), __webpack_require__.e(954), __webpack_require__.e(164)]).then(__webpack_require__.bind(__webpack_require__, 18164)), Promise.all(/* import() */[__webpack_require__.e(815), __webpack_require__.e(575), __webpack_require__.e(830), __webpack_require__.e(669), __webpack_require__.e(691), __webpack_require__.e(252), __webpack_require__.e(94), __webpack_require__.e(223), __webpack_require__.e(466), __webpack_require__.e(227), __webpack_require__.e(677), __webpack_require__.e(954)]).then(__webpack_require__.bind(__webpack_require__, 39954)), Promise.all(/* import() */[__webpack_require__.e(815), __webpack_require__.e(466), __webpack_require__.e(974)]).then(__webpack_require__.bind(__webpack_require__, 82593)), Promise.all(/* import() */[__webpack_require__.e(815), __webpack_require__.e(575), __webpack_require__.e(252), __webpack_require__.e(94), __webpack_require__.e(223), __webpack_require__.e(443)]).then(__webpack_require__.bind(__webpack_require__, 78824)), (0,_agent_model_js__WEBPACK_IMPORTED_MODULE_0__.loadProvider)(provider)]);
    return { modules: modules.length, prompts: (0,_prompts_js__WEBPACK_IMPORTED_MODULE_1__/* .preloadPrompts */ .dw)().length };
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


/***/ })

};
