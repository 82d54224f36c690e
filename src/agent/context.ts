/**
 * Context management for long sessions (issue #11, SPEC.md §5 "no role ever fails because its
 * conversation outgrew the model's context window"). Client-side, in two stages, both measured
 * against the model's window (`modelInfo`):
 * 1. **Clearing**: past `clearAt` of the window, the content of old `tool_result` blocks is
 *    replaced by a short stub — all but the newest `keepRecent` results, and never the first user
 *    message (the task, the spec, the plan). `tool_use`/`tool_result` pairs stay valid, and
 *    clearing happens in one batch that brings the prompt well below the threshold, so the cached
 *    prefix is invalidated once per batch rather than at every step (the same idea as the API's
 *    context editing, `clear_tool_uses`, done where every model supports it).
 * 2. **Compaction**: when clearing is not enough (or the API answered 400 "prompt is too long"),
 *    the role writes a hand-off note — what is done, what is next, what was learned — and the
 *    conversation starts again from the first user message plus that note.
 * Token counts come from the API's own `usage` (prompt = input + cache read + cache write): each
 * response calibrates tokens per character, and a request is estimated before it is sent.
 */
import type { ContentBlockParam, MessageParam, ModelRequest, Usage } from './types.js';

export interface ContextPolicy {
  /** The model's context window, tokens. */
  window: number;
  /** Fraction of the window (after reserving room for the answer) at which old tool results are cleared. */
  clearAt: number;
  /** Fraction at which, clearing not being enough, the conversation is compacted. */
  compactAt: number;
  /** Newest tool results kept when clearing, at most. */
  keepRecent: number;
  /**
   * Fraction of the usable window a clearing batch brings the prompt down to (fewer recent results
   * are kept when needed): a deep batch means the cached prefix is rebuilt rarely.
   */
  clearTo: number;
}

/** Defaults: clear at 75 % of the usable window down to 30 % (keeping up to 3 recent results), compact at 90 %. */
export function contextPolicy(window: number): ContextPolicy {
  return { window, clearAt: 0.75, compactAt: 0.9, keepRecent: 3, clearTo: 0.3 };
}

/** What replaces a cleared tool result: short, and says how to get it back. */
export const CLEARED_RESULT = '[older tool result cleared to keep the conversation within the context window; run the tool again if you need it]';

/** Characters of a request as the API would see them (the JSON of its prompt parts). */
export function requestChars(req: Pick<ModelRequest, 'system' | 'tools' | 'messages'>): number {
  return JSON.stringify([req.system ?? '', req.tools ?? [], req.messages]).length;
}

/** Tracks tokens per character from the API's usage, to estimate a request before it is sent. */
export class ContextMeter {
  private tokensPerChar = 0.25;
  /** Prompt tokens of the last request (input + cache read + cache write). */
  lastPromptTokens = 0;
  /** The largest prompt sent so far, tokens. */
  peakPromptTokens = 0;

  constructor(readonly policy: ContextPolicy) {}

  /** Calibrates from a request and the usage the API reported for it. */
  observe(req: Pick<ModelRequest, 'system' | 'tools' | 'messages'>, usage: Usage): void {
    const prompt = usage.input_tokens + usage.cache_read_input_tokens + usage.cache_creation_input_tokens;
    const chars = requestChars(req);
    if (prompt > 0 && chars > 0) this.tokensPerChar = prompt / chars;
    this.lastPromptTokens = prompt;
    this.peakPromptTokens = Math.max(this.peakPromptTokens, prompt);
  }

  /** Estimated prompt tokens of `req`. */
  estimate(req: Pick<ModelRequest, 'system' | 'tools' | 'messages'>): number {
    return Math.ceil(requestChars(req) * this.tokensPerChar);
  }

  /** Tokens a prompt may take: the window minus room for the answer (at most a fifth of the window). */
  usable(maxTokens: number): number {
    return this.policy.window - Math.min(maxTokens, Math.floor(this.policy.window / 5));
  }

  /** True when `req` fits in the target of a clearing batch. */
  fitsAfterClearing(req: ModelRequest): boolean {
    return this.estimate(req) <= this.usable(req.max_tokens) * this.policy.clearTo;
  }

  /**
   * True when the estimate is too uncertain to decide on: no response has calibrated it yet and
   * the request is large, or it lies within 10 % of the clearing threshold. The loop then asks
   * the token-counting endpoint and passes the exact count to `stage`.
   */
  uncertain(req: ModelRequest): boolean {
    const est = this.estimate(req);
    const at = this.usable(req.max_tokens) * this.policy.clearAt;
    return (this.lastPromptTokens === 0 && est > at / 2) || Math.abs(est - at) < at * 0.1;
  }

  /** Which stage `req` calls for, if any (from `exact` tokens when known). */
  stage(req: ModelRequest, exact?: number): 'clear' | 'compact' | undefined {
    const est = exact ?? this.estimate(req);
    const usable = this.usable(req.max_tokens);
    if (est >= usable * this.policy.compactAt) return 'compact';
    if (est >= usable * this.policy.clearAt) return 'clear';
    return undefined;
  }
}

/**
 * Replaces the content of every `tool_result` but the newest `keepRecent` with `CLEARED_RESULT`
 * (results of 200 characters or fewer are kept: clearing them saves nothing). The first message is
 * never touched. Pure. @returns the new messages and how many results were cleared
 */
export function clearOldToolResults(messages: readonly MessageParam[], keepRecent: number): { messages: MessageParam[]; cleared: number } {
  const positions: Array<[number, number]> = [];
  messages.forEach((m, i) => {
    if (i === 0 || m.role !== 'user' || typeof m.content === 'string') return;
    m.content.forEach((b, j) => {
      if (b.type === 'tool_result' && resultChars(b) > 200) positions.push([i, j]);
    });
  });
  const clear = new Set(positions.slice(0, Math.max(0, positions.length - keepRecent)).map(([i, j]) => `${i}:${j}`));
  let cleared = 0;
  const out = messages.map((m, i) => {
    if (typeof m.content === 'string') return m;
    let changed = false;
    const content = m.content.map((b, j) => {
      if (!clear.has(`${i}:${j}`) || b.type !== 'tool_result') return b;
      changed = true;
      cleared++;
      return { ...b, content: CLEARED_RESULT } as ContentBlockParam;
    });
    return changed ? ({ ...m, content } as MessageParam) : m;
  });
  return { messages: out, cleared };
}

function resultChars(b: ContentBlockParam): number {
  const c = (b as { content?: unknown }).content;
  return typeof c === 'string' ? c.length : JSON.stringify(c ?? '').length;
}

/** The instruction that asks a role for its hand-off note. */
export const HANDOFF_REQUEST =
  'Your context window is nearly full, so this conversation will be restarted from the task above and a note you write now. ' +
  'Write that hand-off note for yourself, in plain text without calling any tool: what is done (files changed, commands that passed or failed), ' +
  'what is next (the exact next steps), and what you learned that you would otherwise have to rediscover (paths, commands, pitfalls). Be specific and brief.';

/**
 * The compacted conversation: the first user message (the task) with the hand-off note appended as
 * text. The note is data the role wrote itself; no earlier tool call survives, so no pair can break.
 */
export function compactConversation(messages: readonly MessageParam[], note: string): MessageParam[] {
  const first = messages[0];
  const noteText = `# Hand-off note (you wrote it before your conversation was compacted)\n${note.trim() || '(empty)'}\n\nContinue the task from here.`;
  if (!first || first.role !== 'user') return [{ role: 'user', content: noteText }];
  const content: ContentBlockParam[] = typeof first.content === 'string' ? [{ type: 'text', text: first.content }] : [...first.content];
  return [{ role: 'user', content: [...content.filter((b) => b.type !== 'tool_result'), { type: 'text', text: noteText }] }];
}

/** True for the API's "prompt is too long" (a 400 invalid_request_error). */
export function isPromptTooLong(e: unknown): boolean {
  const msg = e instanceof Error ? e.message : String(e);
  return /prompt is too long|exceeds? (the )?(model'?s? )?context (window|length)|too many (input )?tokens/i.test(msg);
}
