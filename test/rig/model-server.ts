/**
 * A scripted Anthropic Messages API server on 127.0.0.1 for end-to-end tests and the benchmark.
 * Point the action at it with `ANTHROPIC_BASE_URL=<server.url>` (and any `ANTHROPIC_API_KEY`).
 *
 * Contract: https://docs.anthropic.com/en/api/messages (JSON and SSE streaming,
 * https://docs.anthropic.com/en/api/messages-streaming), errors per
 * https://docs.anthropic.com/en/api/errors, usage per prompt caching (see `cache-accounting.ts`).
 *
 * Endpoints: `POST /v1/messages` (JSON, or SSE when `stream: true`) and
 * `POST /v1/messages/count_tokens`; with `options.bedrock` / `options.vertex`, the same behind
 * Amazon Bedrock's and Vertex AI's paths and auth (test/rig/providers.ts). Anything else is a
 * 404 `not_found_error`.
 *
 * Request checks (a failed check answers like the real API and is recorded in `rejected`):
 * - auth: `x-api-key` or `authorization: Bearer …` (the SDK 1.x sends the latter) → else 401
 *   `authentication_error`
 *   (when `options.apiKey` is set, the key must equal it); `anthropic-version` → else 400
 *   `invalid_request_error` (what the real API answers; not a 401).
 * - body: `model` a non-empty string; `max_tokens` a positive integer; `messages` a non-empty
 *   array whose first message is `user`; roles `user`/`assistant` only.
 * - Consecutive messages with the same role are ALLOWED and merged into one turn before the
 *   tool checks (the real API merges them too); every check below is on merged turns.
 * - Every `tool_use` in an assistant turn must be answered by exactly one `tool_result` in the
 *   immediately following user turn, with all `tool_result` blocks first in that turn's content;
 *   a `tool_result` whose `tool_use_id` is not a `tool_use` of the previous assistant turn is
 *   rejected; an assistant turn ending the conversation with `tool_use` is rejected; `tool_use`/
 *   `tool_result` blocks need `tools` to be defined.
 * - Only the final assistant message (prefill) may have empty content, and it may not end with
 *   whitespace; text blocks must be
 *   non-empty; `cache_control` on an empty text block is rejected; at most
 *   `MAX_CACHE_BREAKPOINTS` (4) blocks with `cache_control` (tools + system + messages, plus the
 *   top-level automatic one); `ttl: '1h'` breakpoints must come before `5m` ones.
 * - tools: unique names; custom tools (no `type`, or `type: 'custom'`) need a name matching
 *   `^[a-zA-Z0-9_-]{1,128}$` and an object `input_schema`; client tools must be exactly
 *   `bash_20250124` named `bash`, `text_editor_20250728` named `str_replace_based_edit_tool`, or
 *   `text_editor_20250124` named `str_replace_editor`; any other `type` is rejected.
 * - `tool_choice: {type:'tool', name}` must name a defined tool; `thinking` is allowed
 *   (`enabled` needs `budget_tokens` ≥ 1024 and < `max_tokens`); `temperature` within [0, 1].
 *
 * Retries: the SDK (`@anthropic-ai/sdk`, default `maxRetries: 2`) retries by itself on
 * connection errors (a `reset` fault) and on 408, 409, 429 and ≥ 500 (so 500 and 529 faults),
 * waiting `retry-after-ms` or `retry-after` when given (else 0.5 s, 1 s, … with jitter). A
 * response header `x-should-retry: true|false` overrides its decision (fault option
 * `shouldRetry`). Errors after the response headers (a `cut` or a `stream-error`) are NOT
 * retried by the SDK: the caller's own retry logic must handle them.
 */
import { adaptProviderRequest, bedrockFrame, isProviderPath, ProviderError, stsResponse, type BedrockOptions, type VertexOptions } from './providers.js';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import {
  accountCache,
  countInputTokens,
  createCacheState,
  estimateTokens,
  MAX_CACHE_BREAKPOINTS,
  type CacheState,
} from './cache-accounting.js';

// ---------------------------------------------------------------------------------------------
// Script types

/** A content block of a scripted reply. */
export type Block =
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id?: string; name: string; input: unknown }
  | { type: 'thinking'; thinking: string; signature?: string }
  /** A server tool call the API made itself (web search, web fetch), and its result. */
  | { type: 'server_tool_use'; id: string; name: string; input: unknown }
  | { type: 'web_search_tool_result'; tool_use_id: string; content: Array<{ type: 'web_search_result'; url: string; title: string; encrypted_content: string; page_age?: string }> };

export type StopReason = 'end_turn' | 'tool_use' | 'max_tokens' | 'stop_sequence' | 'pause_turn' | 'refusal';

/** Usage as the Messages API reports it (the fields this server fills). */
export interface Usage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  cache_creation: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number };
  service_tier: 'standard';
}

/** A scripted reply. Missing tool ids are generated (`toolu_01…`); `stop_reason` defaults to
 *  `tool_use` when a tool_use block is present, else `end_turn`; `usage` overrides the computed
 *  usage field by field; `delayMs` waits before answering. */
export interface Reply {
  content: Block[];
  stop_reason?: StopReason;
  usage?: Partial<Usage>;
  delayMs?: number;
  /** Answer only once this settles (a test's side effect at an observable moment, e.g. a teammate's push). */
  after?: Promise<unknown>;
}

/** Computes a reply from the request (e.g. to echo a tool_use id or read a tool_result). */
export type ReplyFn = (req: RecordedModelRequest) => Reply;

/** An HTTP error answer with the real error body `{type:'error', error:{type, message}}`. */
export interface HttpFault {
  fault: 'http';
  status: number;
  /** Defaults from the status: 429 rate_limit_error, 529 overloaded_error, 500 api_error, … */
  type?: ErrorType;
  message?: string;
  /** `retry-after` header, seconds. */
  retryAfter?: number;
  /** `retry-after-ms` header (honoured by the SDK before `retry-after`): keeps retry tests fast. */
  retryAfterMs?: number;
  /** `x-should-retry` header: overrides the SDK's own retry decision. */
  shouldRetry?: boolean;
  delayMs?: number;
}

/**
 * Stream cut: this step is consumed; the first `afterEvents` SSE events of the next reply step are
 * sent, then the socket is destroyed mid-message. That reply is NOT consumed: the next request
 * gets it (same content and tool ids; a function reply step is evaluated once, with the request
 * that was cut), so a retry succeeds. For a non-streaming request, half of
 * the JSON body is sent instead. In a function script, or with no reply step left, the partial
 * events are those of a placeholder reply. What `@anthropic-ai/sdk` 1.12 does with it (checked):
 * a stream rejects with `AnthropicError: terminated`; `messages.create` rejects with undici's bare
 * `TypeError: terminated` (cause `UND_ERR_SOCKET`, not an `APIConnectionError`); neither is retried.
 */
export interface CutFault {
  fault: 'cut';
  afterEvents: number;
  then?: never;
}

/**
 * Error event inside a stream, as the real API sends when it overloads mid-message: the first
 * `afterEvents` events of the next reply, then `event: error` and a normal end of the response.
 * The reply is not consumed. A non-streaming request gets the equivalent HTTP error instead.
 */
export interface StreamErrorFault {
  fault: 'stream-error';
  afterEvents: number;
  type?: ErrorType;
  message?: string;
}

/** Connection reset before any response byte (the SDK retries this as a connection error). */
export interface ResetFault {
  fault: 'reset';
}

export type Fault = HttpFault | CutFault | StreamErrorFault | ResetFault;
export type Step = Reply | ReplyFn | Fault;

/**
 * Returns the step for a request, or undefined when the script has nothing more to say (→ the
 * "script exhausted" 500). `index` counts the calls of this function: for a top-level function it
 * is the request's index in `requests`; in a router it counts that route's requests.
 */
export type ModelScriptFn = (req: RecordedModelRequest, index: number) => Step | undefined;

/** Per-sub-agent scripts: `route` picks a key (e.g. from a role marker in the system prompt). */
export interface RoutedScript {
  route: (req: RecordedModelRequest) => string;
  scripts: Record<string, Step[] | ModelScriptFn>;
}

export type ModelScript = Step[] | ModelScriptFn | RoutedScript;

export type ErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'permission_error'
  | 'not_found_error'
  | 'request_too_large'
  | 'rate_limit_error'
  | 'api_error'
  | 'overloaded_error';

export interface ErrorBody {
  type: 'error';
  error: { type: ErrorType; message: string };
}

// ---------------------------------------------------------------------------------------------
// Recorded requests

/** Any request that reached the server. */
export interface ReceivedRequest {
  /** Arrival order across `requests`, `rejected` and `tokenCounts`. */
  seq: number;
  method: string;
  path: string;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** Parsed JSON body (undefined when it was not JSON). */
  body: unknown;
  /** Epoch ms. */
  receivedAt: number;
  /** Set when the request came in on Bedrock's or Vertex's paths (the body is then the Messages body it stands for). */
  provider?: 'bedrock' | 'vertex';
}

/** The validated body of a Messages request (loosely typed: it is what the client sent). */
export interface ModelRequestBody {
  model: string;
  max_tokens: number;
  messages: { role: 'user' | 'assistant'; content: string | Record<string, unknown>[] }[];
  system?: string | Record<string, unknown>[];
  tools?: Record<string, unknown>[];
  tool_choice?: Record<string, unknown>;
  thinking?: Record<string, unknown>;
  cache_control?: Record<string, unknown>;
  stream?: boolean;
  [key: string]: unknown;
}

/** A valid Messages request, as the script sees it and as recorded in `requests`. */
export interface RecordedModelRequest extends ReceivedRequest {
  body: ModelRequestBody;
  stream: boolean;
  /** Route key (router scripts only). */
  route?: string;
  /** Index of the script step used (within the route's steps for router scripts). */
  replyIndex?: number;
  outcome?: 'reply' | 'http-fault' | 'cut' | 'stream-error' | 'reset' | 'exhausted' | 'error';
  /** Usage computed for this request (cache accounting + scripted overrides). */
  usage?: Usage;
  /** The message object that was (or, for a cut, would have been) sent. */
  response?: MessageObject;
}

export interface RejectedRequest {
  status: number;
  body: ErrorBody;
  request: ReceivedRequest;
}

/** A Messages API message object as sent by this server. */
export interface MessageObject {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: Record<string, unknown>[];
  stop_reason: StopReason;
  stop_sequence: null;
  usage: Usage;
}

export interface ModelServerOptions {
  /** When set, `x-api-key` (or the bearer token) must equal it. */
  apiKey?: string;
  /** Minimum cacheable prefix per model (default: cache-accounting's `minCacheableTokens`). */
  minCacheTokens?: (model: string) => number;
  /** Clock for cache TTLs, epoch ms (default `Date.now`). */
  now?: () => number;
  /**
   * Enforce a context window, tokens (as cache-accounting estimates them): a longer prompt gets the
   * real API's 400 `invalid_request_error` "prompt is too long: N tokens > M maximum".
   */
  contextWindow?: number;
  /** Also serve Amazon Bedrock's paths, SigV4 checked against these credentials (test/rig/providers.ts). */
  bedrock?: BedrockOptions;
  /** Also serve Vertex AI's paths and a Google STS token endpoint (test/rig/providers.ts). */
  vertex?: VertexOptions;
}

export interface ModelServer {
  /** Base URL for `ANTHROPIC_BASE_URL` / `baseURL`, e.g. `http://127.0.0.1:40123`. */
  url: string;
  /** Valid `/v1/messages` requests, in arrival order. */
  requests: RecordedModelRequest[];
  /** Requests answered with a validation/auth error, 404, or "script exhausted" 500. */
  rejected: RejectedRequest[];
  /** `/v1/messages/count_tokens` requests. */
  tokenCounts: ReceivedRequest[];
  /** Google STS token exchanges (Vertex front-end). */
  stsRequests: ReceivedRequest[];
  /** Requests refused as longer than `contextWindow` (they are in `rejected` too). */
  overflows: Array<{ tokens: number; window: number }>;
  /** The prompt cache (shared by all requests of this server). */
  cache: CacheState;
  /** Unused steps (array scripts; summed over routes; function scripts count 0). */
  remaining(): number;
  /** Closes the server and every open connection. */
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Helpers for scripts

/** A text block. */
export function text(t: string): Block {
  return { type: 'text', text: t };
}

/** A tool_use block; the id is generated when omitted. */
export function toolUse(name: string, input: unknown, id?: string): Block {
  return id === undefined ? { type: 'tool_use', name, input } : { type: 'tool_use', id, name, input };
}

/** A reply with these blocks (stop_reason inferred). */
export function reply(...blocks: Block[]): Reply {
  return { content: blocks };
}

/**
 * The API key a request carried: `x-api-key`, else the `authorization: Bearer` token (what
 * `@anthropic-ai/sdk` 1.x sends for `apiKey`), else undefined.
 */
export function apiKeyOf(req: { headers: Record<string, string> }): string | undefined {
  return req.headers['x-api-key'] || /^Bearer\s+(.+)$/i.exec(req.headers['authorization'] ?? '')?.[1] || undefined;
}

/** Concatenated text of the request's system prompt (string or text blocks). */
export function systemText(req: { body: { system?: unknown } }): string {
  const s = req.body.system;
  if (typeof s === 'string') return s;
  if (!Array.isArray(s)) return '';
  return s.map((b: unknown) => (isRecord(b) && typeof b['text'] === 'string' ? b['text'] : '')).join('\n');
}

/** The `tool_result` blocks of the request's last message (the answers to the previous tool_use). */
export function lastToolResults(req: RecordedModelRequest): { tool_use_id: string; content: unknown; is_error?: boolean }[] {
  const last = req.body.messages.at(-1);
  if (!last || typeof last.content === 'string') return [];
  return last.content.filter((b) => b['type'] === 'tool_result') as never;
}

/** Text of the request's last user message (text blocks and tool_result text joined). */
export function lastUserText(req: RecordedModelRequest): string {
  const last = [...req.body.messages].reverse().find((m) => m.role === 'user');
  if (!last) return '';
  if (typeof last.content === 'string') return last.content;
  return last.content.map(blockText).join('\n');
}

function blockText(b: unknown): string {
  if (!isRecord(b)) return '';
  if (typeof b['text'] === 'string') return b['text'];
  if (typeof b['content'] === 'string') return b['content'];
  if (Array.isArray(b['content'])) return b['content'].map(blockText).join('\n');
  return '';
}

/**
 * The SSE events (name and data) a streaming reply is sent as, in order: `message_start`, `ping`,
 * per block `content_block_start`, deltas (text in 2 chunks when ≥ 2 characters; tool input JSON
 * in up to 3 chunks; thinking in 2 chunks plus a `signature_delta`), `content_block_stop`, then
 * `message_delta` and `message_stop`. Use it to pick `afterEvents` for a cut.
 */
export function sseEvents(message: MessageObject): { event: string; data: unknown }[] {
  const { usage } = message;
  const ev: { event: string; data: unknown }[] = [];
  ev.push({
    event: 'message_start',
    data: {
      type: 'message_start',
      message: { ...message, content: [], stop_reason: null, stop_sequence: null, usage: { ...usage, output_tokens: 1 } },
    },
  });
  ev.push({ event: 'ping', data: { type: 'ping' } });
  message.content.forEach((block, index) => {
    const start = (content_block: unknown): void => {
      ev.push({ event: 'content_block_start', data: { type: 'content_block_start', index, content_block } });
    };
    const delta = (d: unknown): void => {
      ev.push({ event: 'content_block_delta', data: { type: 'content_block_delta', index, delta: d } });
    };
    if (block['type'] === 'text') {
      start({ type: 'text', text: '' });
      for (const c of chunks(String(block['text']), 2)) delta({ type: 'text_delta', text: c });
    } else if (block['type'] === 'tool_use') {
      start({ type: 'tool_use', id: block['id'], name: block['name'], input: {} });
      for (const c of chunks(JSON.stringify(block['input'] ?? {}), 3)) delta({ type: 'input_json_delta', partial_json: c });
    } else if (block['type'] === 'server_tool_use') {
      start({ type: 'server_tool_use', id: block['id'], name: block['name'], input: {} });
      for (const c of chunks(JSON.stringify(block['input'] ?? {}), 2)) delta({ type: 'input_json_delta', partial_json: c });
    } else if (block['type'] === 'web_search_tool_result') {
      start(block);
    } else if (block['type'] === 'thinking') {
      start({ type: 'thinking', thinking: '', signature: '' });
      for (const c of chunks(String(block['thinking']), 2)) delta({ type: 'thinking_delta', thinking: c });
      delta({ type: 'signature_delta', signature: block['signature'] });
    }
    ev.push({ event: 'content_block_stop', data: { type: 'content_block_stop', index } });
  });
  ev.push({
    event: 'message_delta',
    data: {
      type: 'message_delta',
      delta: { stop_reason: message.stop_reason, stop_sequence: null },
      usage: {
        output_tokens: usage.output_tokens,
        input_tokens: usage.input_tokens,
        cache_creation_input_tokens: usage.cache_creation_input_tokens,
        cache_read_input_tokens: usage.cache_read_input_tokens,
      },
    },
  });
  ev.push({ event: 'message_stop', data: { type: 'message_stop' } });
  return ev;
}

/** Splits by code points into at most `n` non-empty pieces (none for ''). */
function chunks(s: string, n: number): string[] {
  const cps = Array.from(s);
  if (cps.length === 0) return [];
  const k = Math.min(n, cps.length);
  const size = Math.ceil(cps.length / k);
  const out: string[] = [];
  for (let i = 0; i < cps.length; i += size) out.push(cps.slice(i, i + size).join(''));
  return out;
}

function formatSse(e: { event: string; data: unknown }): string {
  return `event: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`;
}

// ---------------------------------------------------------------------------------------------
// Validation

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: ErrorType,
    message: string,
  ) {
    super(message);
  }
}

function invalid(message: string): ApiError {
  return new ApiError(400, 'invalid_request_error', message);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

const CLIENT_TOOLS: Record<string, string> = {
  bash_20250124: 'bash',
  text_editor_20250728: 'str_replace_based_edit_tool',
  text_editor_20250124: 'str_replace_editor',
};
/** Server tools (run by the API): type → name, and the beta header a type needs. */
const SERVER_TOOLS: Record<string, { name: string; beta?: string }> = {
  web_search_20250305: { name: 'web_search' },
  web_fetch_20250910: { name: 'web_fetch', beta: 'web-fetch-2025-09-10' },
};
const USER_BLOCKS = new Set(['text', 'image', 'document', 'search_result', 'tool_result']);
const ASSISTANT_BLOCKS = new Set([
  'text',
  'tool_use',
  'thinking',
  'redacted_thinking',
  'server_tool_use',
  'web_search_tool_result',
]);

/** Checks a Messages request body like the real API; throws ApiError. */
function validateBody(body: unknown, requireMaxTokens: boolean, betaHeader?: string): ModelRequestBody {
  if (!isRecord(body)) throw invalid('Request body must be a JSON object');
  if (typeof body['model'] !== 'string' || body['model'] === '') throw invalid('model: Field required');
  if (requireMaxTokens) {
    const mt = body['max_tokens'];
    if (mt === undefined) throw invalid('max_tokens: Field required');
    if (typeof mt !== 'number' || !Number.isInteger(mt) || mt < 1) {
      throw invalid('max_tokens: Input should be greater than or equal to 1');
    }
  }
  const t = body['temperature'];
  if (t !== undefined && (typeof t !== 'number' || t < 0 || t > 1)) {
    throw invalid('temperature: Input should be less than or equal to 1');
  }

  // cache_control: count, TTL order, not on empty text.
  const ccs: { ttl: string; where: string }[] = [];
  const noteCc = (block: unknown, where: string): void => {
    if (!isRecord(block) || block['cache_control'] == null) return;
    const cc = block['cache_control'];
    if (!isRecord(cc) || cc['type'] !== 'ephemeral') throw invalid(`${where}.cache_control.type: Input should be 'ephemeral'`);
    if (cc['ttl'] !== undefined && cc['ttl'] !== '5m' && cc['ttl'] !== '1h') {
      throw invalid(`${where}.cache_control.ttl: Input should be '5m' or '1h'`);
    }
    if (block['type'] === 'text' && block['text'] === '') {
      throw invalid(`${where}: cache_control cannot be set for empty text blocks`);
    }
    ccs.push({ ttl: cc['ttl'] === '1h' ? '1h' : '5m', where });
  };

  // tools
  const tools = body['tools'];
  const toolNames = new Set<string>();
  if (tools !== undefined) {
    if (!Array.isArray(tools)) throw invalid('tools: Input should be a valid list');
    tools.forEach((tool: unknown, i) => {
      const where = `tools.${i}`;
      if (!isRecord(tool)) throw invalid(`${where}: Input should be an object`);
      const type = tool['type'];
      const name = tool['name'];
      if (typeof name !== 'string') throw invalid(`${where}.name: Field required`);
      if (type === undefined || type === null || type === 'custom') {
        if (!/^[a-zA-Z0-9_-]{1,128}$/.test(name)) {
          throw invalid(`${where}.custom.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'`);
        }
        const schema = tool['input_schema'];
        if (!isRecord(schema)) throw invalid(`${where}.custom.input_schema: Field required`);
        if (schema['type'] !== 'object') throw invalid(`${where}.custom.input_schema.type: Input should be 'object'`);
      } else if (typeof type === 'string' && type in CLIENT_TOOLS) {
        if (name !== CLIENT_TOOLS[type]) {
          throw invalid(`${where}.${type}.name: Input should be '${CLIENT_TOOLS[type]}'`);
        }
      } else if (typeof type === 'string' && type in SERVER_TOOLS) {
        if (name !== SERVER_TOOLS[type]!.name) throw invalid(`${where}.${type}.name: Input should be '${SERVER_TOOLS[type]!.name}'`);
        const beta = SERVER_TOOLS[type]!.beta;
        if (beta && !(betaHeader ?? '').split(',').map((b) => b.trim()).includes(beta)) {
          throw invalid(`${where}: the ${type} tool needs the 'anthropic-beta: ${beta}' header`);
        }
        const domains = tool['allowed_domains'];
        if (domains !== undefined && (!Array.isArray(domains) || domains.some((d) => typeof d !== 'string'))) throw invalid(`${where}.allowed_domains: Input should be a valid list of strings`);
      } else {
        throw invalid(
          `${where}: Input tag '${String(type)}' found using 'type' does not match any of the expected tags: ` +
            `'custom', ${Object.keys(CLIENT_TOOLS).map((k) => `'${k}'`).join(', ')}`,
        );
      }
      if (toolNames.has(name)) throw invalid('tools: Tool names must be unique.');
      toolNames.add(name);
      noteCc(tool, where);
    });
  }

  const tc = body['tool_choice'];
  if (tc !== undefined) {
    if (!isRecord(tc) || !['auto', 'any', 'tool', 'none'].includes(String(tc['type']))) {
      throw invalid("tool_choice.type: Input should be 'auto', 'any', 'tool' or 'none'");
    }
    if (tc['type'] === 'tool' && !toolNames.has(String(tc['name']))) {
      throw invalid(`tool_choice.name: Tool '${String(tc['name'])}' not found in provided tools`);
    }
  }

  const th = body['thinking'];
  if (th !== undefined) {
    if (!isRecord(th) || !['enabled', 'disabled', 'adaptive'].includes(String(th['type']))) {
      throw invalid("thinking.type: Input should be 'enabled', 'disabled' or 'adaptive'");
    }
    if (th['type'] === 'enabled') {
      const b = th['budget_tokens'];
      if (typeof b !== 'number' || !Number.isInteger(b) || b < 1024) {
        throw invalid('thinking.enabled.budget_tokens: Input should be greater than or equal to 1024');
      }
      if (requireMaxTokens && b >= (body['max_tokens'] as number)) {
        throw invalid('`max_tokens` must be greater than `thinking.budget_tokens`');
      }
    }
  }

  // system
  const system = body['system'];
  if (system !== undefined && typeof system !== 'string') {
    if (!Array.isArray(system)) throw invalid('system: Input should be a valid string or list');
    system.forEach((b: unknown, i) => {
      if (!isRecord(b) || b['type'] !== 'text' || typeof b['text'] !== 'string') {
        throw invalid(`system.${i}: Input should be a text block`);
      }
      noteCc(b, `system.${i}`);
    });
  }

  // messages
  const messages = body['messages'];
  if (!Array.isArray(messages)) throw invalid('messages: Field required');
  if (messages.length === 0) throw invalid('messages: at least one message is required');
  interface Turn {
    role: 'user' | 'assistant';
    index: number;
    blocks: Record<string, unknown>[];
  }
  const turns: Turn[] = [];
  let usesTools = false;
  messages.forEach((m: unknown, i) => {
    const where = `messages.${i}`;
    if (!isRecord(m)) throw invalid(`${where}: Input should be an object`);
    const role = m['role'];
    if (role !== 'user' && role !== 'assistant') throw invalid(`${where}.role: Input should be 'user' or 'assistant'`);
    if (i === 0 && role !== 'user') throw invalid('messages: first message must use the "user" role');
    const content = m['content'];
    const isFinal = i === messages.length - 1 && role === 'assistant';
    let blocks: Record<string, unknown>[];
    if (typeof content === 'string') {
      if (content === '' && !isFinal) {
        throw invalid(`${where}: all messages must have non-empty content except for the optional final assistant message`);
      }
      blocks = content === '' ? [] : [{ type: 'text', text: content }];
    } else if (Array.isArray(content)) {
      if (content.length === 0 && !isFinal) {
        throw invalid(`${where}: all messages must have non-empty content except for the optional final assistant message`);
      }
      blocks = content.map((b: unknown, j) => {
        const bw = `${where}.content.${j}`;
        if (!isRecord(b) || typeof b['type'] !== 'string') throw invalid(`${bw}.type: Field required`);
        const allowed = role === 'user' ? USER_BLOCKS : ASSISTANT_BLOCKS;
        if (!allowed.has(b['type'])) {
          throw invalid(`${bw}: Input tag '${b['type']}' is not a valid content block type for role '${role}'`);
        }
        noteCc(b, bw);
        if (b['type'] === 'text') {
          if (typeof b['text'] !== 'string') throw invalid(`${bw}.text: Field required`);
          if (b['text'] === '') throw invalid('messages: text content blocks must be non-empty');
        }
        if (b['type'] === 'tool_use') {
          usesTools = true;
          if (typeof b['id'] !== 'string' || !/^[a-zA-Z0-9_-]+$/.test(b['id'])) {
            throw invalid(`${bw}.id: String should match pattern '^[a-zA-Z0-9_-]+$'`);
          }
          if (typeof b['name'] !== 'string') throw invalid(`${bw}.name: Field required`);
          if (!isRecord(b['input'])) throw invalid(`${bw}.input: Input should be a valid dictionary`);
        }
        if (b['type'] === 'tool_result') {
          usesTools = true;
          if (typeof b['tool_use_id'] !== 'string') throw invalid(`${bw}.tool_use_id: Field required`);
          if (Array.isArray(b['content'])) b['content'].forEach((inner: unknown, k) => noteCc(inner, `${bw}.content.${k}`));
        }
        return b;
      });
    } else {
      throw invalid(`${where}.content: Field required`);
    }
    if (isFinal) {
      const lastBlock = blocks.at(-1);
      if (lastBlock?.['type'] === 'text' && /\s$/.test(String(lastBlock['text']))) {
        throw invalid('messages: final assistant content cannot end with trailing whitespace');
      }
    }
    const prev = turns.at(-1);
    if (prev && prev.role === role) prev.blocks.push(...blocks);
    else turns.push({ role, index: i, blocks });
  });
  if (usesTools && tools === undefined) {
    throw invalid('Requests which include `tool_use` or `tool_result` blocks must define tools.');
  }

  turns.forEach((turn, t) => {
    const next = turns[t + 1];
    const prev = turns[t - 1];
    if (turn.role === 'assistant') {
      const ids = turn.blocks.filter((b) => b['type'] === 'tool_use').map((b) => String(b['id']));
      if (ids.length === 0) return;
      const answered = new Set(
        (next?.blocks ?? []).filter((b) => b['type'] === 'tool_result').map((b) => String(b['tool_use_id'])),
      );
      const missing = ids.filter((id) => !answered.has(id));
      if (missing.length > 0) {
        throw invalid(
          `messages.${turn.index}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ` +
            `${missing.join(', ')}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`,
        );
      }
    } else {
      const results = turn.blocks.filter((b) => b['type'] === 'tool_result');
      if (results.length === 0) return;
      const expected = new Set(
        prev?.role === 'assistant'
          ? prev.blocks.filter((b) => b['type'] === 'tool_use').map((b) => String(b['id']))
          : [],
      );
      const seen = new Set<string>();
      for (const r of results) {
        const id = String(r['tool_use_id']);
        if (!expected.has(id)) {
          throw invalid(
            `messages.${turn.index}.content: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${id}. ` +
              'Each `tool_result` block must have a corresponding `tool_use` block in the previous message.',
          );
        }
        if (seen.has(id)) {
          throw invalid(`messages.${turn.index}.content: multiple \`tool_result\` blocks with id: ${id}`);
        }
        seen.add(id);
      }
      const firstOther = turn.blocks.findIndex((b) => b['type'] !== 'tool_result');
      const lastResult = turn.blocks.map((b) => b['type']).lastIndexOf('tool_result');
      if (firstOther !== -1 && firstOther < lastResult) {
        throw invalid(
          `messages.${turn.index}: \`tool_result\` blocks must come before any other content in a user message ` +
            'that answers `tool_use` blocks',
        );
      }
    }
  });

  if (body['cache_control'] != null) {
    const cc = body['cache_control'];
    if (!isRecord(cc) || cc['type'] !== 'ephemeral') throw invalid("cache_control.type: Input should be 'ephemeral'");
    ccs.push({ ttl: cc['ttl'] === '1h' ? '1h' : '5m', where: 'cache_control' });
  }
  if (ccs.length > MAX_CACHE_BREAKPOINTS) {
    throw invalid(`A maximum of ${MAX_CACHE_BREAKPOINTS} blocks with cache_control may be provided. Found ${ccs.length}.`);
  }
  const first5m = ccs.findIndex((c) => c.ttl === '5m');
  const last1h = ccs.map((c) => c.ttl).lastIndexOf('1h');
  if (first5m !== -1 && last1h > first5m) {
    throw invalid("a ttl='1h' cache_control block must not come after a ttl='5m' cache_control block");
  }
  return body as ModelRequestBody;
}

// ---------------------------------------------------------------------------------------------
// Script cursor

interface Sequence {
  steps?: Step[];
  fn?: ModelScriptFn;
  cursor: number;
  /** Replies already built (so a reply resent after a cut keeps its ids), by step index. */
  built: Map<number, Built>;
}

interface Built {
  msg: MessageObject;
  usage?: Partial<Usage> | undefined;
  delayMs?: number | undefined;
  after?: Promise<unknown> | undefined;
}

function isFault(s: Step): s is Fault {
  return typeof s === 'object' && 'fault' in s;
}

// ---------------------------------------------------------------------------------------------
// Server

/**
 * Starts the scripted server on 127.0.0.1 (an ephemeral port). `script` is an array of steps, a
 * function `(req, index) => step | undefined`, or a router `{route, scripts}`. Every valid request
 * takes the next step of its sequence; when there is none the server answers 500 `api_error`
 * "script exhausted …" and records it in `rejected`, so a test can fail with a clear reason.
 */
export async function startModelServer(script: ModelScript, options: ModelServerOptions = {}): Promise<ModelServer> {
  const requests: RecordedModelRequest[] = [];
  const rejected: RejectedRequest[] = [];
  const tokenCounts: ReceivedRequest[] = [];
  const stsRequests: ReceivedRequest[] = [];
  const overflows: Array<{ tokens: number; window: number }> = [];
  const cache = createCacheState();
  const now = options.now ?? Date.now;
  let seq = 0;
  let msgCounter = 0;
  let toolCounter = 0;
  let reqCounter = 0;

  const newSeq = (s: Step[] | ModelScriptFn): Sequence =>
    Array.isArray(s) ? { steps: s, cursor: 0, built: new Map() } : { fn: s, cursor: 0, built: new Map() };
  const routed = !Array.isArray(script) && typeof script === 'object' ? script : undefined;
  const single = routed ? undefined : newSeq(script as Step[] | ModelScriptFn);
  const routes = new Map<string, Sequence>();
  if (routed) for (const [k, s] of Object.entries(routed.scripts)) routes.set(k, newSeq(s));

  const sockets = new Set<Socket>();

  const id = (prefix: string, n: number): string => `${prefix}${String(n).padStart(22, '0')}`;

  /** Builds the message object for a reply (ids, stop_reason, usage). */
  const buildMessage = (r: Reply, req: RecordedModelRequest): MessageObject => {
    const content = r.content.map((b): Record<string, unknown> => {
      if (b.type === 'tool_use') return { type: 'tool_use', id: b.id ?? id('toolu_01', ++toolCounter), name: b.name, input: b.input };
      if (b.type === 'thinking') return { type: 'thinking', thinking: b.thinking, signature: b.signature ?? `sig_${toolCounter}` };
      if (b.type === 'server_tool_use' || b.type === 'web_search_tool_result') return { ...b };
      return { type: 'text', text: b.text };
    });
    const stop: StopReason = r.stop_reason ?? (content.some((b) => b['type'] === 'tool_use') ? 'tool_use' : 'end_turn');
    const usage: Usage = {
      input_tokens: 0,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
      output_tokens: Math.max(1, estimateTokens(content)),
      service_tier: 'standard',
    };
    return {
      id: id('msg_01', ++msgCounter),
      type: 'message',
      role: 'assistant',
      model: req.body.model,
      content,
      stop_reason: stop,
      stop_sequence: null,
      usage,
    };
  };

  /** Applies cache accounting (and scripted overrides) to a message about to be sent. */
  const withUsage = (msg: MessageObject, req: RecordedModelRequest, overrides?: Partial<Usage>): MessageObject => {
    const acc = accountCache(cache, req.body, {
      now: now(),
      ...(options.minCacheTokens ? { minTokens: options.minCacheTokens } : {}),
    });
    const usage: Usage = {
      ...msg.usage,
      input_tokens: acc.input_tokens,
      cache_creation_input_tokens: acc.cache_creation_input_tokens,
      cache_read_input_tokens: acc.cache_read_input_tokens,
      cache_creation: acc.cache_creation,
      ...overrides,
    };
    req.usage = usage;
    return { ...msg, usage };
  };

  /** Builds (once per step) the message of a reply step, so a reply resent after a cut keeps its ids. */
  const materialize = (sq: Sequence, i: number, s: Reply | ReplyFn, req: RecordedModelRequest): Built => {
    let b = sq.built.get(i);
    if (!b) {
      const r = typeof s === 'function' ? s(req) : s;
      b = { msg: buildMessage(r, req), usage: r.usage, delayMs: r.delayMs, after: r.after };
      sq.built.set(i, b);
    }
    return b;
  };

  /** The first reply step at or after `from`, skipping cut/stream-error steps (array scripts only). */
  const peekReply = (sq: Sequence, from: number, req: RecordedModelRequest): Built | undefined => {
    if (!sq.steps) return undefined;
    for (let i = from; i < sq.steps.length; i++) {
      const s = sq.steps[i]!;
      if (!isFault(s)) return materialize(sq, i, s, req);
      if (s.fault !== 'cut' && s.fault !== 'stream-error') return undefined;
    }
    return undefined;
  };

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
    const payload = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json',
      'request-id': id('req_01', ++reqCounter),
      'content-length': Buffer.byteLength(payload).toString(),
      ...headers,
    });
    res.end(payload);
  };

  const reject = (res: ServerResponse, request: ReceivedRequest, status: number, type: ErrorType, message: string): void => {
    const body: ErrorBody = { type: 'error', error: { type, message } };
    rejected.push({ status, body, request });
    send(res, status, body);
  };

  /** Responses to Bedrock's streaming path: events go out as EventStream frames, not SSE. */
  const eventStreamed = new WeakSet<ServerResponse>();
  const writeEvents = async (res: ServerResponse, events: { event: string; data: unknown }[]): Promise<void> => {
    for (const e of events) {
      const chunk = eventStreamed.has(res) ? bedrockFrame(e.data) : formatSse(e);
      await new Promise<void>((resolve, reject) => res.write(chunk, (err) => (err ? reject(err) : resolve())));
    }
  };

  const startSse = (res: ServerResponse): void => {
    res.writeHead(200, {
      'content-type': eventStreamed.has(res) ? 'application/vnd.amazon.eventstream' : 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      'request-id': id('req_01', ++reqCounter),
    });
  };

  const handleMessages = async (res: ServerResponse, base: ReceivedRequest): Promise<void> => {
    const body = validateBody(base.body, true, base.headers['anthropic-beta']);
    if (options.contextWindow !== undefined) {
      const tokens = countInputTokens(body as unknown as Parameters<typeof countInputTokens>[0]);
      if (tokens > options.contextWindow) {
        overflows.push({ tokens, window: options.contextWindow });
        return reject(res, base, 400, 'invalid_request_error', `prompt is too long: ${tokens} tokens > ${options.contextWindow} maximum`);
      }
    }
    const req: RecordedModelRequest = { ...base, body, stream: body.stream === true };
    const index = requests.length;
    requests.push(req);

    let sq: Sequence | undefined = single;
    if (routed) {
      let key: string;
      try {
        key = routed.route(req);
      } catch (err) {
        req.outcome = 'error';
        return reject(res, req, 500, 'api_error', `model-server: route() threw: ${(err as Error).message}`);
      }
      req.route = key;
      sq = routes.get(key);
      if (!sq) {
        req.outcome = 'exhausted';
        return reject(res, req, 500, 'api_error', `model-server: no script for route "${key}" (request #${index}); routes: ${[...routes.keys()].join(', ')}`);
      }
    }
    sq = sq!;

    const stepIndex = sq.cursor;
    let step: Step | undefined;
    let built: Built | undefined;
    try {
      step = sq.fn ? sq.fn(req, stepIndex) : sq.steps![stepIndex];
      if (step !== undefined) sq.cursor++;
      if (step !== undefined && !isFault(step)) built = materialize(sq, stepIndex, step, req);
    } catch (err) {
      req.outcome = 'error';
      return reject(res, req, 500, 'api_error', `model-server: script step threw: ${(err as Error).stack ?? String(err)}`);
    }
    if (step === undefined) {
      req.outcome = 'exhausted';
      const snippet = lastUserText(req).slice(0, 300);
      return reject(
        res,
        req,
        500,
        'api_error',
        `model-server: script exhausted at request #${index}${req.route ? ` (route "${req.route}")` : ''} ` +
          `after ${sq.cursor} step(s). Last user message: ${JSON.stringify(snippet)}`,
      );
    }
    req.replyIndex = stepIndex;

    if (built) {
      sq.built.delete(stepIndex);
      const msg = withUsage({ ...built.msg, id: id('msg_01', ++msgCounter) }, req, built.usage);
      req.response = msg;
      req.outcome = 'reply';
      if (built.after) await built.after.catch(() => undefined);
      if (built.delayMs) await sleep(built.delayMs);
      if (!req.stream) return send(res, 200, msg);
      startSse(res);
      await writeEvents(res, sseEvents(msg));
      res.end();
      return;
    }

    const fault = step as Fault;
    switch (fault.fault) {
      case 'reset':
        req.outcome = 'reset';
        res.socket?.resetAndDestroy();
        return;
      case 'http': {
        req.outcome = 'http-fault';
        if (fault.delayMs) await sleep(fault.delayMs);
        const type = fault.type ?? defaultErrorType(fault.status);
        const headers: Record<string, string> = {};
        if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
        if (fault.retryAfterMs !== undefined) headers['retry-after-ms'] = String(fault.retryAfterMs);
        if (fault.shouldRetry !== undefined) headers['x-should-retry'] = String(fault.shouldRetry);
        const message = fault.message ?? defaultErrorMessage(type);
        return send(res, fault.status, { type: 'error', error: { type, message } }, headers);
      }
      case 'cut':
      case 'stream-error': {
        req.outcome = fault.fault;
        let next: Built | undefined;
        try {
          next = peekReply(sq, stepIndex + 1, req);
        } catch (err) {
          req.outcome = 'error';
          return reject(res, req, 500, 'api_error', `model-server: script step threw: ${(err as Error).stack ?? String(err)}`);
        }
        // Function scripts (or no reply left): the partial stream is of a placeholder reply.
        next ??= { msg: buildMessage(reply(text('(model-server: placeholder for a cut stream)')), req) };
        const msg = withUsage({ ...next.msg, id: id('msg_01', ++msgCounter) }, req, next.usage);
        req.response = msg;
        if (fault.fault === 'stream-error') {
          const type = fault.type ?? 'overloaded_error';
          const errBody = { type: 'error', error: { type, message: fault.message ?? defaultErrorMessage(type) } };
          if (!req.stream) return send(res, type === 'overloaded_error' ? 529 : 500, errBody);
          startSse(res);
          await writeEvents(res, sseEvents(msg).slice(0, fault.afterEvents));
          await writeEvents(res, [{ event: 'error', data: errBody }]);
          res.end();
          return;
        }
        if (!req.stream) {
          const payload = JSON.stringify(msg);
          res.writeHead(200, {
            'content-type': 'application/json',
            'request-id': id('req_01', ++reqCounter),
            'content-length': String(Buffer.byteLength(payload)),
          });
          await new Promise<void>((resolve) => res.write(payload.slice(0, Math.floor(payload.length / 2)), () => resolve()));
        } else {
          startSse(res);
          await writeEvents(res, sseEvents(msg).slice(0, fault.afterEvents));
        }
        // A plain close (FIN) in the middle of a chunked body: the client sees a truncated
        // response ("terminated"), after having received every event written above.
        res.socket?.destroy();
        return;
      }
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    let parseError = false;
    try {
      body = raw === '' ? undefined : JSON.parse(raw);
    } catch {
      parseError = true;
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const base: ReceivedRequest = { seq: seq++, method: req.method ?? 'GET', path, headers, body, receivedAt: Date.now() };

    if (req.method === 'POST' && path === '/google/sts/token' && options.vertex) {
      stsRequests.push(base);
      const r = stsResponse(raw, options.vertex);
      return send(res, r.status, r.body);
    }
    if (req.method === 'POST' && isProviderPath(path)) {
      let adapted;
      try {
        adapted = await adaptProviderRequest({ method: req.method, path, rawPath: req.url ?? path, host: headers['host'] ?? '', headers, body, raw }, options);
      } catch (err) {
        if (err instanceof ProviderError) return reject(res, base, err.status, err.type as ErrorType, err.message);
        throw err;
      }
      const adaptedBase: ReceivedRequest = { ...base, body: adapted.body, provider: adapted.provider };
      try {
        if (adapted.countTokens) {
          tokenCounts.push(adaptedBase);
          return send(res, 200, { input_tokens: countInputTokens(validateBody(adapted.body, false)) });
        }
        if (adapted.provider === 'bedrock' && adapted.stream) eventStreamed.add(res);
        await handleMessages(res, adaptedBase);
      } catch (err) {
        if (err instanceof ApiError) return reject(res, adaptedBase, err.status, err.type, err.message);
        throw err;
      }
      return;
    }
    if (req.method !== 'POST' || (path !== '/v1/messages' && path !== '/v1/messages/count_tokens')) {
      return reject(res, base, 404, 'not_found_error', `model-server: no route for ${base.method} ${path} (base URL must not end in /v1)`);
    }
    const key = apiKeyOf(base);
    if (!key) return reject(res, base, 401, 'authentication_error', 'x-api-key header is required');
    if (options.apiKey !== undefined && key !== options.apiKey) {
      return reject(res, base, 401, 'authentication_error', 'invalid x-api-key');
    }
    if (!headers['anthropic-version']) {
      return reject(res, base, 400, 'invalid_request_error', 'anthropic-version: header is required');
    }
    if (parseError) return reject(res, base, 400, 'invalid_request_error', 'There was an error parsing the body: invalid JSON');

    try {
      if (path === '/v1/messages/count_tokens') {
        const body = validateBody(base.body, false);
        tokenCounts.push(base);
        send(res, 200, { input_tokens: countInputTokens(body) });
        return;
      }
      await handleMessages(res, base);
    } catch (err) {
      if (err instanceof ApiError) {
        // Validation failures of a Messages request: recorded with the raw request.
        return reject(res, base, err.status, err.type, err.message);
      }
      throw err;
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      const base: ReceivedRequest = { seq: seq++, method: req.method ?? '', path: req.url ?? '', headers: {}, body: undefined, receivedAt: Date.now() };
      if (!res.headersSent) reject(res, base, 500, 'api_error', `model-server internal error: ${(err as Error).stack ?? String(err)}`);
      else res.socket?.destroy();
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    rejected,
    tokenCounts,
    stsRequests,
    overflows,
    cache,
    remaining() {
      const left = (s: Sequence): number => (s.steps ? s.steps.length - s.cursor : 0);
      if (single) return left(single);
      let n = 0;
      for (const s of routes.values()) n += left(s);
      return n;
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        for (const s of sockets) s.destroy();
      });
    },
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function defaultErrorType(status: number): ErrorType {
  switch (status) {
    case 400:
      return 'invalid_request_error';
    case 401:
      return 'authentication_error';
    case 403:
      return 'permission_error';
    case 404:
      return 'not_found_error';
    case 413:
      return 'request_too_large';
    case 429:
      return 'rate_limit_error';
    case 529:
      return 'overloaded_error';
    default:
      return 'api_error';
  }
}

function defaultErrorMessage(type: ErrorType): string {
  switch (type) {
    case 'overloaded_error':
      return 'Overloaded';
    case 'rate_limit_error':
      return 'Number of request tokens has exceeded your per-minute rate limit';
    case 'api_error':
      return 'Internal server error';
    default:
      return type;
  }
}
