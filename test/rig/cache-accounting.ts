/**
 * Prompt-caching accounting for the scripted Messages API server (`model-server.ts`) and the
 * benchmark. It models the rules of
 * https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching closely enough that a change
 * to how the action orders its prompt or places `cache_control` shows up in the numbers:
 *
 * - The prompt is one sequence of blocks in the order tools → system → messages. Each tool
 *   definition is a block, each system text block is a block (a string system is one block), each
 *   message content block is a block (a string content is one text block). A block's identity is
 *   the canonical JSON (sorted keys) of the block without its `cache_control`, plus its section,
 *   its role and `tool_choice`/`thinking` (mixed into the message section only, so changing them
 *   invalidates the message cache but keeps the tools + system cache, as the docs say).
 * - Prefix identity is a hash chain over those blocks; cache entries are keyed by model and prefix
 *   hash.
 * - A breakpoint is a block carrying `cache_control`; a top-level `cache_control` (automatic
 *   caching) puts one on the last cacheable block. Each breakpoint looks back from its own boundary
 *   over the `CACHE_LOOKBACK_BLOCKS` earlier block boundaries for the longest prefix already in the
 *   cache. The longest hit over all breakpoints is read (`cache_read_input_tokens`); tokens after
 *   it up to the last breakpoint are written (`cache_creation_input_tokens`, split by TTL in
 *   `cache_creation`); the rest is `input_tokens`.
 * - A prefix shorter than the model's minimum (`minCacheableTokens`) is not cached. If no
 *   breakpoint reaches the minimum, nothing is written.
 * - Entries live 5 minutes (or 1 hour for `ttl: '1h'`) from their last write or read, on the clock
 *   passed as `now`.
 *
 * Token counts are an APPROXIMATION: ceil(length of the block's canonical JSON / 4). Real
 * tokenisation differs (and the real API adds a few tokens of framing, so its `input_tokens` is
 * rarely 0); relative numbers are what the benchmark compares.
 */
import { createHash } from 'node:crypto';

/** How many block boundaries before a breakpoint are checked for an earlier cache entry. */
export const CACHE_LOOKBACK_BLOCKS = 20;
/** The Messages API's limit on `cache_control` breakpoints per request. */
export const MAX_CACHE_BREAKPOINTS = 4;
/** Cache lifetimes, milliseconds. */
export const CACHE_TTL_MS = { '5m': 5 * 60_000, '1h': 60 * 60_000 } as const;

export type CacheTtl = keyof typeof CACHE_TTL_MS;

/**
 * Minimum cacheable prefix for a model, in (approximate) tokens: 2048 for Haiku models, 1024
 * otherwise (Sonnet, Opus), per the prompt-caching docs.
 */
export function minCacheableTokens(model: string): number {
  return /haiku/i.test(model) ? 2048 : 1024;
}

/** JSON with object keys sorted at every level; `undefined` members are dropped as JSON does. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      out[key] = sortKeys((value as Record<string, unknown>)[key]);
    }
    return out;
  }
  return value;
}

/** Approximate token count of a value: ceil(canonical JSON length / 4). */
export function estimateTokens(value: unknown): number {
  return Math.ceil(canonicalJson(value).length / 4);
}

/** The request fields that matter to caching (a Messages API request body). */
export interface CacheableRequest {
  model: string;
  tools?: readonly unknown[] | undefined;
  system?: string | readonly unknown[] | undefined;
  messages: readonly { role: string; content: string | readonly unknown[] }[];
  tool_choice?: unknown;
  thinking?: unknown;
  /** Automatic caching: a breakpoint on the last cacheable block. */
  cache_control?: unknown;
}

/** One block of the flattened prompt. */
export interface PromptBlock {
  section: 'tools' | 'system' | 'messages';
  /** Index in `messages` (messages section only). */
  messageIndex?: number;
  role?: string;
  /** The block without `cache_control`. */
  block: unknown;
  tokens: number;
  /** Tokens of the prefix up to and including this block. */
  prefixTokens: number;
  /** Hash of the prefix up to and including this block. */
  prefixHash: string;
  /** Set when this block is a cache breakpoint. */
  breakpoint?: CacheTtl;
  /** True when the breakpoint comes from the top-level `cache_control` (automatic caching). */
  automatic?: boolean;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The TTL of a `cache_control` value, or undefined when it is absent. */
function ttlOf(cacheControl: unknown): CacheTtl | undefined {
  if (!isRecord(cacheControl)) return undefined;
  return cacheControl['ttl'] === '1h' ? '1h' : '5m';
}

/** A block with `cache_control` removed, and the breakpoint TTL it carried (nested ones count). */
function stripCacheControl(block: unknown): { block: unknown; ttl: CacheTtl | undefined } {
  if (!isRecord(block)) return { block, ttl: undefined };
  const { cache_control: cc, ...rest } = block;
  let ttl = ttlOf(cc);
  // cache_control inside tool_result content marks the tool_result block itself as a breakpoint.
  if (Array.isArray(rest['content'])) {
    rest['content'] = rest['content'].map((inner: unknown) => {
      const s = stripCacheControl(inner);
      ttl ??= s.ttl;
      return s.block;
    });
  }
  return { block: rest, ttl };
}

function cacheableForAuto(block: unknown): boolean {
  if (!isRecord(block)) return false;
  if (block['type'] === 'thinking' || block['type'] === 'redacted_thinking') return false;
  if (block['type'] === 'text' && block['text'] === '') return false;
  return true;
}

/**
 * Flattens a request into prompt blocks (tools → system → messages) with token counts, prefix
 * hashes and breakpoints. Pure.
 */
export function promptBlocks(request: CacheableRequest): PromptBlock[] {
  const out: PromptBlock[] = [];
  let hash = createHash('sha256').update('prompt-v1').digest('hex');
  let total = 0;
  const push = (
    section: PromptBlock['section'],
    raw: unknown,
    extra: { messageIndex?: number; role?: string; salt?: string },
  ): void => {
    const { block, ttl } = stripCacheControl(raw);
    const tokens = estimateTokens(block);
    total += tokens;
    hash = createHash('sha256')
      .update(hash)
      .update('\u0000')
      .update(canonicalJson({ section, role: extra.role, salt: extra.salt, block }))
      .digest('hex');
    const pb: PromptBlock = { section, block, tokens, prefixTokens: total, prefixHash: hash };
    if (extra.messageIndex !== undefined) pb.messageIndex = extra.messageIndex;
    if (extra.role !== undefined) pb.role = extra.role;
    if (ttl) pb.breakpoint = ttl;
    out.push(pb);
  };
  for (const tool of request.tools ?? []) push('tools', tool, {});
  if (typeof request.system === 'string') {
    if (request.system !== '') push('system', { type: 'text', text: request.system }, {});
  } else {
    for (const b of request.system ?? []) push('system', b, {});
  }
  const salt = canonicalJson({ tool_choice: request.tool_choice, thinking: request.thinking });
  request.messages.forEach((m, messageIndex) => {
    const blocks = typeof m.content === 'string' ? [{ type: 'text', text: m.content }] : m.content;
    for (const b of blocks) push('messages', b, { messageIndex, role: m.role, salt });
  });
  const auto = ttlOf(request.cache_control);
  if (auto) {
    for (let i = out.length - 1; i >= 0; i--) {
      const pb = out[i]!;
      if (cacheableForAuto(pb.block)) {
        pb.breakpoint ??= auto;
        pb.automatic = true;
        break;
      }
    }
  }
  return out;
}

/** One cached prefix. */
export interface CacheEntry {
  tokens: number;
  ttl: CacheTtl;
  /** Epoch ms after which the entry is gone. */
  expiresAt: number;
}

/** The server-side prompt cache: model → prefix hash → entry. Create with `createCacheState()`. */
export interface CacheState {
  entries: Map<string, Map<string, CacheEntry>>;
}

export function createCacheState(): CacheState {
  return { entries: new Map() };
}

/** Usage fields as the Messages API reports them. */
export interface CacheUsage {
  input_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  cache_creation: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number };
}

/** What `accountCache` decided, for assertions and the benchmark's explanations. */
export interface CacheDetail {
  blocks: number;
  totalTokens: number;
  /** Block indexes carrying a breakpoint. */
  breakpoints: number[];
  /** Index of the last block read from the cache, -1 when nothing was read. */
  readThrough: number;
  /** Breakpoint indexes whose prefix was written (long enough and not already cached). */
  written: number[];
}

export interface AccountOptions {
  /** Clock, epoch ms (default `Date.now()`). */
  now?: number;
  /** Minimum cacheable prefix per model (default `minCacheableTokens`). */
  minTokens?: (model: string) => number;
  /** Lookback window in blocks (default `CACHE_LOOKBACK_BLOCKS`). */
  lookback?: number;
}

/**
 * Computes the cache usage of one request against `state` and records the prefixes it writes
 * (and refreshes the TTL of the entry it reads). Deterministic for a given state, request and
 * `now`; its only effect is on `state`. Does not validate the request (the server does that).
 * See the module comment for the rules.
 */
export function accountCache(
  state: CacheState,
  request: CacheableRequest,
  options: AccountOptions = {},
): CacheUsage & { detail: CacheDetail } {
  const now = options.now ?? Date.now();
  const min = (options.minTokens ?? minCacheableTokens)(request.model);
  const lookback = options.lookback ?? CACHE_LOOKBACK_BLOCKS;
  const blocks = promptBlocks(request);
  const total = blocks.at(-1)?.prefixTokens ?? 0;
  let entries = state.entries.get(request.model);
  if (!entries) {
    entries = new Map();
    state.entries.set(request.model, entries);
  }
  for (const [hash, e] of entries) if (e.expiresAt <= now) entries.delete(hash);

  const breakpoints = blocks.flatMap((b, i) => (b.breakpoint ? [i] : []));
  // Reads: longest cached prefix found looking back from any breakpoint.
  let readThrough = -1;
  for (const p of breakpoints) {
    for (let j = p; j >= Math.max(0, p - lookback); j--) {
      if (j <= readThrough) break;
      if (entries.has(blocks[j]!.prefixHash)) {
        readThrough = j;
        break;
      }
    }
  }
  const read = readThrough >= 0 ? blocks[readThrough]!.prefixTokens : 0;
  if (readThrough >= 0) {
    const e = entries.get(blocks[readThrough]!.prefixHash)!;
    e.expiresAt = now + CACHE_TTL_MS[e.ttl];
  }

  // Writes: from the read point up to the last breakpoint, if that prefix is long enough.
  const written: number[] = [];
  const creation = { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 };
  const last = breakpoints.at(-1);
  if (last !== undefined && last > readThrough && blocks[last]!.prefixTokens >= min) {
    let from = read;
    for (const p of breakpoints) {
      if (p <= readThrough) continue;
      const b = blocks[p]!;
      const ttl = b.breakpoint!;
      const seg = b.prefixTokens - from;
      from = b.prefixTokens;
      if (ttl === '1h') creation.ephemeral_1h_input_tokens += seg;
      else creation.ephemeral_5m_input_tokens += seg;
      if (b.prefixTokens >= min) {
        const prev = entries.get(b.prefixHash);
        const keep: CacheTtl = prev?.ttl === '1h' ? '1h' : ttl;
        entries.set(b.prefixHash, { tokens: b.prefixTokens, ttl: keep, expiresAt: now + CACHE_TTL_MS[keep] });
        written.push(p);
      }
    }
  }
  const write = creation.ephemeral_5m_input_tokens + creation.ephemeral_1h_input_tokens;
  return {
    input_tokens: total - read - write,
    cache_creation_input_tokens: write,
    cache_read_input_tokens: read,
    cache_creation: creation,
    detail: { blocks: blocks.length, totalTokens: total, breakpoints, readThrough, written },
  };
}

/** Total approximate input tokens of a request (what `count_tokens` answers). */
export function countInputTokens(request: CacheableRequest): number {
  return promptBlocks(request).at(-1)?.prefixTokens ?? 0;
}
