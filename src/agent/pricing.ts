/**
 * Model prices and the `model: auto` choice.
 *
 * Prices are USD per million tokens, from Anthropic's pricing page
 * (https://platform.claude.com/docs/en/about-claude/pricing) and the per-model pages it links,
 * for the ids the installed `@anthropic-ai/sdk` knows (its `Model` union). Cache writes are priced
 * at the 5-minute TTL (the only TTL the loop uses) — 1.25× input — and cache reads at 0.1× input,
 * except where the pricing page lists a lower read rate (Fable 5.1/5.2, Opus 5.5, Sonnet 5.5,
 * Haiku 5.5): those rows carry the published figure.
 */
import type { Role, Usage } from './types.js';

export interface PriceRow {
  /** Base input tokens. */
  input: number;
  output: number;
  /** 5-minute cache writes (`cache_creation_input_tokens`). */
  cacheWrite: number;
  /** Cache hits (`cache_read_input_tokens`). */
  cacheRead: number;
  /**
   * A second tier billed on every token of a request whose prompt (input + cache writes + cache
   * reads) exceeds `threshold` tokens (Haiku 5.5).
   */
  longPrompt?: { threshold: number; input: number; output: number; cacheWrite: number; cacheRead: number };
}

function row(input: number, output: number, cacheRead = input * 0.1, cacheWrite = input * 1.25): PriceRow {
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
const HAIKU_5_5: PriceRow = {
  ...row(0.1, 0.5, 0.01),
  longPrompt: { threshold: 100_000, input: 0.5, output: 2.5, cacheWrite: 0.625, cacheRead: 0.05 },
};
const HAIKU_4_5 = row(1, 5);
const HAIKU_3_5 = row(0.8, 4);

/** Price rows by model id (dated snapshots and provider decorations are normalised away first). */
export const PRICES: Readonly<Record<string, PriceRow>> = {
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
export const CONSERVATIVE_PRICE: PriceRow = Object.values(PRICES).reduce((a, b) =>
  b.input + b.output > a.input + a.output ? b : a,
);

/**
 * Reduces an id to its price-table key: drops a Bedrock prefix (`us.anthropic.`), a Vertex
 * snapshot (`@20251101`), a Bedrock version (`-v1:0`), a date snapshot (`-20251101`) and a
 * context-window tag (`[1m]`). `claude-opus-4-5-20251101` → `claude-opus-4-5`.
 */
export function normalizeModelId(modelId: string): string {
  let id = modelId.trim().toLowerCase();
  const at = id.indexOf('claude-');
  if (at > 0) id = id.slice(at);
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
export function knownPrice(modelId: string): PriceRow | undefined {
  return PRICES[normalizeModelId(modelId)];
}

/**
 * The price row for a model id. An unknown id gets `CONSERVATIVE_PRICE` — the most expensive row
 * of the table — so a cost limit can never be overrun because a new model was missing here; the
 * reported cost is then an upper bound, not the bill.
 */
export function priceFor(modelId: string): PriceRow {
  return knownPrice(modelId) ?? CONSERVATIVE_PRICE;
}

/**
 * Cost in USD of one Messages API call from the `usage` it reported: input, 5-minute cache
 * writes, cache reads and output at the model's rates (see `priceFor` for unknown ids).
 */
export function costUsd(modelId: string, usage: Usage): number {
  const p = priceFor(modelId);
  const prompt = usage.input_tokens + usage.cache_creation_input_tokens + usage.cache_read_input_tokens;
  const r = p.longPrompt && prompt > p.longPrompt.threshold ? p.longPrompt : p;
  return (
    (usage.input_tokens * r.input +
      usage.cache_creation_input_tokens * r.cacheWrite +
      usage.cache_read_input_tokens * r.cacheRead +
      usage.output_tokens * r.output) /
    1_000_000
  );
}

/**
 * What `model: auto` runs per role (SPEC.md §2): the strongest generally available model for
 * planning and verification (Fable 5.2 — Mythos is invitation-only), Opus 5.5 (Anthropic's
 * recommendation for long-running agentic coding) for the coder, and fast models for small edits
 * (`smallEdit`) and the learner.
 */
export const AUTO_MODELS: Readonly<Record<Role, string>> & { smallEdit: string } = {
  planner: 'claude-fable-5-2',
  verifier: 'claude-fable-5-2',
  coder: 'claude-opus-5-5',
  learner: 'claude-haiku-5-5',
  smallEdit: 'claude-sonnet-5-5',
};

const ROLES: readonly Role[] = ['planner', 'coder', 'verifier', 'learner'];
/** Model ids as the API, Bedrock and Vertex spell them (`claude-x`, `us.anthropic.claude-x-v1:0`, `claude-x@2025…`). */
const MODEL_ID = /^[A-Za-z0-9][A-Za-z0-9._:@/[\]-]{0,127}$/;

/** A parsed `model` input: `auto`, one id for every role, or per-role ids. */
export interface ModelSetting {
  /** Used for roles without an entry in `roles`; `'auto'` picks from `AUTO_MODELS`. */
  default: string;
  roles: Partial<Record<Role, string>>;
}

/**
 * Parses the `model` input: `auto` (or empty), a model id (used for every role), or a
 * comma-separated list of `role=model` pairs (roles `planner`, `coder`, `verifier`, `learner`,
 * plus `default` for the rest), e.g. `planner=claude-opus-4-5,coder=claude-sonnet-4-5`. A value
 * may be `auto`.
 *
 * @throws Error naming the bad entry (unknown role, empty or malformed model id, duplicate role)
 */
export function parseModelSetting(requested: string | undefined): ModelSetting {
  const value = (requested ?? '').trim();
  if (value === '' || value === 'auto') return { default: 'auto', roles: {} };
  if (!value.includes('=')) {
    if (!MODEL_ID.test(value)) throw new Error(`model: "${value}" is not a model id (e.g. claude-opus-4-5) or "auto"`);
    return { default: value, roles: {} };
  }
  const setting: ModelSetting = { default: 'auto', roles: {} };
  const seen = new Set<string>();
  for (const part of value.split(',')) {
    const entry = part.trim();
    if (entry === '') continue;
    const eq = entry.indexOf('=');
    if (eq < 0) throw new Error(`model: "${entry}" is not a role=model pair (roles: ${ROLES.join(', ')}, default)`);
    const role = entry.slice(0, eq).trim();
    const model = entry.slice(eq + 1).trim();
    if (role !== 'default' && !(ROLES as readonly string[]).includes(role)) {
      throw new Error(`model: unknown role "${role}" in "${entry}" (roles: ${ROLES.join(', ')}, default)`);
    }
    if (seen.has(role)) throw new Error(`model: role "${role}" is given twice`);
    seen.add(role);
    if (model !== 'auto' && !MODEL_ID.test(model)) {
      throw new Error(`model: "${model}" for role "${role}" is not a model id (e.g. claude-opus-4-5) or "auto"`);
    }
    if (role === 'default') setting.default = model;
    else setting.roles[role as Role] = model;
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
export function pickModel(role: Role, requested: string | undefined, hint: { smallEdit?: boolean } = {}): string {
  const setting = parseModelSetting(requested);
  const chosen = setting.roles[role] ?? setting.default;
  if (chosen !== 'auto') return chosen;
  if (role === 'coder' && hint.smallEdit) return AUTO_MODELS.smallEdit;
  return AUTO_MODELS[role];
}

/** What the loop needs to know of a model besides its price (windows and thinking modes are per family). */
export interface ModelInfo {
  /** Context window, tokens (prompt + output must fit). */
  contextWindow: number;
  /**
   * Extended thinking: `adaptive` (the model decides how much to think), `enabled` (a fixed
   * budget), or `none`. https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking
   */
  thinking: 'adaptive' | 'enabled' | 'none';
}

/**
 * Window and thinking mode of a model id. Unknown ids get the common 200k window and no thinking
 * (a request the API would refuse is worse than one without thinking). A `[1m]` tag on the id
 * asks for the 1M-token window.
 */
export function modelInfo(modelId: string): ModelInfo {
  const key = normalizeModelId(modelId);
  const contextWindow = /\[1m\]$/i.test(modelId.trim()) ? 1_000_000 : 200_000;
  if (!PRICES[key]) return { contextWindow, thinking: 'none' };
  if (/haiku-3|3-5-haiku/.test(key)) return { contextWindow, thinking: 'none' };
  // the 5 family and Opus/Sonnet 4.6 choose their own thinking budget; earlier 4.x and 3.7 take one
  if (/-5(-\d+)?$|fable|mythos|-4-[6-9]$/.test(key) && !/haiku/.test(key)) return { contextWindow, thinking: 'adaptive' };
  return { contextWindow, thinking: 'enabled' };
}
