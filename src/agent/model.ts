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
import Anthropic from '@anthropic-ai/sdk';
import type { ModelClient, ModelRequest, ModelResponse, Usage } from './types.js';

export type Provider = 'anthropic' | 'bedrock' | 'vertex';

export interface ModelClientOptions {
  apiKey: string;
  /** Defaults to the SDK's: `ANTHROPIC_BASE_URL`, else https://api.anthropic.com. Bedrock and Vertex read their own (`ANTHROPIC_BEDROCK_BASE_URL`, `ANTHROPIC_VERTEX_BASE_URL`). */
  baseURL?: string;
  provider?: Provider;
  /** Vertex AI project id: given to Google's auth too, so it does not look the project up. */
  projectId?: string;
  /** SDK-level retries per attempt (default 2). */
  maxRetries?: number;
  /** Per-request timeout, ms (SDK default 10 minutes). */
  timeoutMs?: number;
  /** Our attempts in total, first included (default 5). */
  maxAttempts?: number;
  /** First backoff delay, ms; doubles per attempt with jitter (default 1000). */
  retryBaseMs?: number;
  /** Cap on one backoff delay, `retry-after` included, ms (default 60 000). */
  maxRetryDelayMs?: number;
}

/** A model call that failed for good. `message` is fit for a status comment (no secrets). */
export class ModelError extends Error {
  constructor(
    message: string,
    /** HTTP status when there was one. */
    readonly status: number | undefined,
    /** API error type (`overloaded_error`, `invalid_request_error`, …) when known. */
    readonly type: string | undefined,
    readonly attempts: number,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'ModelError';
  }
}

/** How each provider is named in errors, and what to check on 401/403. */
const PROVIDER_TEXT: Record<Provider, { name: string; auth: string }> = {
  anthropic: { name: 'Anthropic API', auth: 'check the anthropic-api-key input' },
  bedrock: { name: 'Amazon Bedrock', auth: 'check the AWS credentials (AWS_REGION and keys, or the role from aws-actions/configure-aws-credentials) and that the model is enabled in Bedrock' },
  vertex: { name: 'Google Vertex AI', auth: 'check the Google credentials (google-github-actions/auth), CLOUD_ML_REGION and ANTHROPIC_VERTEX_PROJECT_ID, and that the model is enabled in Vertex AI' },
};

/** The SDK client surface the model client uses (the Anthropic, Bedrock and Vertex clients all have it). */
type SdkClient = Pick<Anthropic, 'messages'>;

const providerModules: Partial<Record<Provider, Promise<unknown>>> = {};

/**
 * Loads a provider's SDK (`@anthropic-ai/bedrock-sdk`, `@anthropic-ai/vertex-sdk`; separate bundle
 * chunks, so start-up does not pay for them). Called before the sandbox opens (code loaded later
 * must not be something a command could have written) and by the client on first use. Cached.
 */
export function loadProvider(provider: Provider): Promise<unknown> {
  if (provider === 'anthropic') return Promise.resolve(Anthropic);
  providerModules[provider] ??= provider === 'bedrock' ? import('@anthropic-ai/bedrock-sdk') : Promise.all([import('@anthropic-ai/vertex-sdk'), import('google-auth-library')]);
  return providerModules[provider]!;
}

/**
 * The model id as `provider` names it. Bedrock: `claude-x` → `anthropic.claude-x-v1:0` unless the
 * id already is a Bedrock id or inference profile (`…anthropic.…`, an ARN); Vertex and the
 * Messages API take `claude-x` (Vertex also `claude-x@YYYYMMDD`) as given.
 * https://docs.anthropic.com/en/api/claude-on-amazon-bedrock, https://docs.anthropic.com/en/api/claude-on-vertex-ai
 */
export function providerModelId(modelId: string, provider: Provider): string {
  if (provider !== 'bedrock' || /(^|\.)anthropic\.|^arn:/.test(modelId)) return modelId;
  return `anthropic.${modelId}-v1:0`;
}

async function sdkClient(opts: ModelClientOptions, provider: Provider): Promise<SdkClient> {
  const common = { maxRetries: opts.maxRetries ?? 2, ...(opts.timeoutMs !== undefined ? { timeout: opts.timeoutMs } : {}) };
  if (provider === 'bedrock') {
    const { AnthropicBedrock } = (await loadProvider('bedrock')) as typeof import('@anthropic-ai/bedrock-sdk');
    // region, keys or the default AWS credential chain (OIDC web identity, profiles) and
    // ANTHROPIC_BEDROCK_BASE_URL are read by the SDK from the standard environment
    return new AnthropicBedrock(common) as unknown as SdkClient;
  }
  if (provider === 'vertex') {
    const [{ AnthropicVertex }, { GoogleAuth }] = (await loadProvider('vertex')) as [typeof import('@anthropic-ai/vertex-sdk'), typeof import('google-auth-library')];
    // CLOUD_ML_REGION, ANTHROPIC_VERTEX_BASE_URL and Google's application default credentials
    // (GOOGLE_APPLICATION_CREDENTIALS from google-github-actions/auth) are read from the standard
    // environment; the project is given to the auth client too, or it would ask Cloud Resource
    // Manager for it (an extra call and an extra permission)
    const googleAuth = new GoogleAuth({ scopes: 'https://www.googleapis.com/auth/cloud-platform', ...(opts.projectId ? { projectId: opts.projectId } : {}) });
    return new AnthropicVertex({ ...common, ...(opts.projectId ? { projectId: opts.projectId } : {}), googleAuth: googleAuth as never }) as unknown as SdkClient;
  }
  return new Anthropic({ apiKey: opts.apiKey, ...(opts.baseURL ? { baseURL: opts.baseURL } : {}), ...common });
}

const RETRYABLE_TYPES = new Set(['overloaded_error', 'api_error', 'rate_limit_error', 'timeout_error']);
const RETRYABLE_STATUS = (s: number): boolean => s === 408 || s === 409 || s === 429 || s >= 500;

interface Classified {
  retryable: boolean;
  status?: number;
  type?: string;
  retryAfterMs?: number;
  reason: string;
}

/** Decides whether an error from one streamed attempt is worth another attempt. */
export function classifyError(e: unknown): Classified {
  if (e instanceof Anthropic.APIUserAbortError) return { retryable: false, reason: 'request cancelled' };
  if (e instanceof Anthropic.APIConnectionError) {
    return { retryable: true, reason: e instanceof Anthropic.APIConnectionTimeoutError ? 'request timed out' : `connection error: ${e.message}` };
  }
  if (e instanceof Anthropic.APIError) {
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
  if (e instanceof Anthropic.AnthropicError) {
    // Raised while reading the stream: a cut connection, an incomplete or garbled event stream.
    const cause = (e as { cause?: unknown }).cause;
    const more = cause instanceof Error && cause.message !== e.message ? ` (${cause.message})` : '';
    return { retryable: true, reason: `stream interrupted: ${e.message}${more}` };
  }
  const msg = e instanceof Error ? e.message : String(e);
  return { retryable: false, reason: msg };
}

function retryAfter(headers: Headers | undefined): number | undefined {
  if (!headers) return undefined;
  const ms = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const raw = headers.get('retry-after');
  if (!raw) return undefined;
  const s = Number.parseFloat(raw);
  if (Number.isFinite(s) && s >= 0) return s * 1000;
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

function hint(c: Classified, provider: Provider): string {
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

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Anthropic.APIUserAbortError());
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(t);
      reject(new Anthropic.APIUserAbortError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Usage with the nullable cache fields as 0. */
export function normalizeUsage(u: Anthropic.Usage | undefined): Usage {
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
export function createModelClient(opts: ModelClientOptions): ModelClient {
  const provider = opts.provider ?? 'anthropic';
  if (provider === 'anthropic' && !opts.apiKey) throw new Error('anthropic-api-key is empty: the Anthropic provider needs an API key');
  let clientP: Promise<SdkClient> | undefined;
  const sdk = (): Promise<SdkClient> => (clientP ??= sdkClient(opts, provider));
  const model = (id: string) => providerModelId(id, provider);
  const maxAttempts = Math.max(1, opts.maxAttempts ?? 5);
  const base = opts.retryBaseMs ?? 1000;
  const cap = opts.maxRetryDelayMs ?? 60_000;

  const countTokens = async (params: ModelRequest): Promise<number> => {
    // the endpoint takes the prompt parts only (no max_tokens, no stream)
    const { messages, system, tools, thinking, tool_choice } = params as ModelRequest & { thinking?: unknown; tool_choice?: unknown };
    const client = await sdk();
    const r = await client.messages.countTokens({ model: model(params.model), messages, ...(system ? { system } : {}), ...(tools ? { tools } : {}), ...(thinking ? { thinking } : {}), ...(tool_choice ? { tool_choice } : {}) } as Anthropic.MessageCountTokensParams);
    return r.input_tokens;
  };
  return {
    ...(provider === 'bedrock' ? {} : { countTokens }),
    async send(params: ModelRequest, sendOpts: { signal?: AbortSignal } = {}): Promise<ModelResponse> {
      for (let attempt = 1; ; attempt++) {
        try {
          // server tools still in beta need their beta header (web fetch)
          const betas = (params.tools ?? []).some((t) => (t as { type?: string }).type?.startsWith('web_fetch_')) ? { 'anthropic-beta': WEB_FETCH_BETA } : undefined;
          const client = await sdk();
          const stream = client.messages.stream({ ...params, model: model(params.model) }, { ...(sendOpts.signal ? { signal: sendOpts.signal } : {}), ...(betas ? { headers: betas } : {}) });
          const message = await stream.finalMessage();
          return { message, usage: normalizeUsage(message.usage), attempts: attempt };
        } catch (e) {
          const c = classifyError(e);
          if (sendOpts.signal?.aborted) throw new ModelError('model request cancelled', undefined, undefined, attempt, false);
          if (!c.retryable || attempt >= maxAttempts) {
            const tries = attempt > 1 ? ` after ${attempt} attempts` : '';
            throw new ModelError(`${PROVIDER_TEXT[provider].name} request failed${tries}: ${c.reason}${hint(c, provider)}`, c.status, c.type, attempt, c.retryable);
          }
          const backoff = base * 2 ** (attempt - 1) * (0.5 + Math.random() * 0.5);
          const delay = Math.min(cap, c.retryAfterMs !== undefined && c.retryAfterMs > 0 ? c.retryAfterMs : backoff);
          try {
            await sleep(delay, sendOpts.signal);
          } catch {
            throw new ModelError('model request cancelled', undefined, undefined, attempt, false);
          }
        }
      }
    },
  };
}
