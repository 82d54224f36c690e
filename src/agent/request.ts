/**
 * Builds the Messages API request for one step, with the prompt-caching layout
 * (https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching). The cache prefix is
 * ordered tools → system → messages; breakpoints (`cache_control: {type: 'ephemeral'}`, 5-minute
 * TTL):
 *
 * 1. the last system block — caches tools + system (role prompt, steering, learnings), which
 *    never change within a run (the last tool definition instead when there is no system);
 * 2. the last content block of the newest user message — the conversation tail, written by this
 *    request and read by the next one;
 * 3. the last content block of the previous user message (the previous request's tail) — only
 *    when the newest turn added so many blocks (`LOOKBACK_MARGIN_BLOCKS`) that the tail's
 *    lookback (about 20 blocks) might no longer reach the previous entry.
 *
 * At most 3 of the API's 4 breakpoints. The canonical transcript carries no `cache_control`: this
 * function strips any it finds and adds breakpoints to copies, never to the caller's objects.
 * It is pure, so a benchmark can rebuild the exact request for any transcript.
 */
import type { AgentTool, ContentBlockParam, MessageParam, ModelRequest, TextBlockParam, ToolUnion } from './types.js';

/** How many block boundaries before a breakpoint the API checks for an earlier cache entry. */
export const CACHE_LOOKBACK_BLOCKS = 20;
/** Keep the previous tail breakpoint when the newest turn added at least this many blocks. */
export const LOOKBACK_MARGIN_BLOCKS = 16;
/** The API's limit on breakpoints per request. */
export const MAX_CACHE_BREAKPOINTS = 4;
/** Default `max_tokens` of a step (thinking included). */
export const DEFAULT_MAX_TOKENS = 32_000;

const EPHEMERAL = { type: 'ephemeral' } as const;

export interface BuildRequestInput {
  modelId: string;
  system: readonly TextBlockParam[];
  /** Tools (or bare definitions), in a stable order: the order is part of the cache key. */
  tools: readonly (AgentTool | ToolUnion)[];
  messages: readonly MessageParam[];
  maxTokens?: number;
  /**
   * Extended thinking for this step: `adaptive`, or `enabled` with a budget (below `max_tokens`).
   * Thinking blocks of earlier turns travel back unchanged (signatures intact) in `messages`.
   */
  thinking?: { type: 'adaptive' } | { type: 'enabled'; budget_tokens: number };
}

type WithCache = { cache_control?: unknown };

function hasCache(b: unknown): boolean {
  return typeof b === 'object' && b !== null && (b as WithCache).cache_control != null;
}

function strip<T>(b: T): T {
  if (!hasCache(b)) return b;
  const { cache_control: _drop, ...rest } = b as T & WithCache;
  return rest as T;
}

function stripBlock(b: ContentBlockParam): ContentBlockParam {
  if (b.type === 'tool_result' && Array.isArray(b.content) && b.content.some(hasCache)) {
    return strip({ ...b, content: b.content.map(strip) });
  }
  return strip(b);
}

/** The message without any `cache_control` (the same object when it had none). */
export function stripMessage(m: MessageParam): MessageParam {
  if (typeof m.content === 'string') return m;
  let changed = false;
  const content = m.content.map((b) => {
    const s = stripBlock(b);
    if (s !== b) changed = true;
    return s;
  });
  return changed ? ({ ...m, content } as MessageParam) : m;
}

/** A copy of the message with a breakpoint on its last content block (unchanged when it has none). */
function withBreakpoint(m: MessageParam): MessageParam {
  if (typeof m.content === 'string') {
    return m.content === '' ? m : ({ ...m, content: [{ type: 'text', text: m.content, cache_control: EPHEMERAL }] } as MessageParam);
  }
  const last = m.content.at(-1);
  if (!last || (last.type === 'text' && last.text === '') || last.type === 'thinking' || last.type === 'redacted_thinking') return m;
  return { ...m, content: [...m.content.slice(0, -1), { ...last, cache_control: EPHEMERAL }] } as MessageParam;
}

function blockCount(m: MessageParam): number {
  return typeof m.content === 'string' ? 1 : m.content.length;
}

/** Copies of `messages` without old breakpoints and with the tail (and, if needed, previous tail) ones. */
export function placeMessageBreakpoints(messages: readonly MessageParam[]): MessageParam[] {
  const out = messages.map(stripMessage);
  let u1 = -1;
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i]!.role === 'user') {
      u1 = i;
      break;
    }
  }
  if (u1 < 0) return out;
  out[u1] = withBreakpoint(out[u1]!);
  let u0 = -1;
  for (let i = u1 - 1; i >= 0; i--) {
    if (out[i]!.role === 'user') {
      u0 = i;
      break;
    }
  }
  if (u0 >= 0) {
    let added = 0;
    for (let i = u0 + 1; i <= u1; i++) added += blockCount(out[i]!);
    if (added >= LOOKBACK_MARGIN_BLOCKS) out[u0] = withBreakpoint(out[u0]!);
  }
  return out;
}

/**
 * The request for one step: `{model, max_tokens, tools, system, messages}` with the breakpoints
 * described above. Does not mutate its input.
 */
export function buildRequest(input: BuildRequestInput): ModelRequest {
  const tools = input.tools.map((t) => strip('definition' in t && 'execute' in t ? t.definition : (t as ToolUnion)));
  const system = input.system.map((b, i) => (i === input.system.length - 1 ? { ...b, cache_control: EPHEMERAL } : strip(b)));
  if (system.length === 0 && tools.length > 0) {
    tools[tools.length - 1] = { ...tools[tools.length - 1]!, cache_control: EPHEMERAL } as ToolUnion;
  }
  const request: ModelRequest = {
    model: input.modelId,
    max_tokens: input.maxTokens ?? DEFAULT_MAX_TOKENS,
    messages: placeMessageBreakpoints(input.messages),
  };
  if (tools.length > 0) request.tools = tools;
  if (system.length > 0) request.system = system;
  if (input.thinking) (request as unknown as { thinking: unknown }).thinking = input.thinking;
  return request;
}

/** Number of `cache_control` breakpoints in a request (tools, system, messages, nested tool_result content). */
export function countBreakpoints(req: Pick<ModelRequest, 'tools' | 'system' | 'messages'>): number {
  let n = 0;
  for (const t of req.tools ?? []) if (hasCache(t)) n++;
  if (Array.isArray(req.system)) for (const b of req.system) if (hasCache(b)) n++;
  for (const m of req.messages) {
    if (typeof m.content === 'string') continue;
    for (const b of m.content) {
      if (hasCache(b)) n++;
      if (b.type === 'tool_result' && Array.isArray(b.content)) for (const c of b.content) if (hasCache(c)) n++;
    }
  }
  return n;
}
