/**
 * The agent loop: call the model, run the tools it asks for, check limits before each call,
 * record every step, return a typed exit reason. It knows nothing of GitHub.
 * Message contract: https://docs.anthropic.com/en/api/messages — every `tool_use` is answered by
 * a `tool_result` with the same id, in order, in the next user turn (also when the run ends on a
 * submit or a pause, so a resumed conversation stays valid).
 */
import { z } from 'zod';
import { Notices } from './notices.js';
import { costUsd } from './pricing.js';
import { clearOldToolResults, compactConversation, contextPolicy, ContextMeter, HANDOFF_REQUEST, isPromptTooLong } from './context.js';
import { modelInfo } from './pricing.js';
import { buildRequest, stripMessage } from './request.js';
import type { BuildRequestInput } from './request.js';
import { truncateOutput } from './tools/truncate.js';
import type Anthropic from '@anthropic-ai/sdk';
import type {
  AgentResult,
  AgentStep,
  AgentTool,
  ContentBlockParam,
  Limits,
  MessageParam,
  ModelClient,
  Role,
  Spend,
  TextBlockParam,
  ToolContext,
  ToolOutcome,
  Usage,
} from './types.js';

export interface RunAgentOptions {
  model: ModelClient;
  modelId: string;
  role: Role;
  /** The stable prefix: role prompt, steering, learnings (cached, see request.ts). */
  system: TextBlockParam[];
  tools: AgentTool[];
  /** Initial user message(s), or a whole earlier conversation to resume. Not mutated. */
  messages: MessageParam[];
  limits: Limits;
  /** Cumulative across sub-agents; mutated after every model call. */
  spend: Spend;
  ctx: ToolContext;
  /** Tools (present in `tools`) whose valid call ends the run with `submitted`. */
  submitTools?: string[];
  maxTokens?: number;
  onStep?: (step: AgentStep) => void | Promise<void>;
  signal?: AbortSignal;
  /** Called at each step boundary where the loop goes on; a text is added to the next user turn. */
  steer?: () => Promise<string | undefined>;
  /** The model's context window, tokens (default: `modelInfo(modelId)`; see context.ts). */
  contextWindow?: number;
  /** Extended thinking for every step of this role (see `BuildRequestInput.thinking`). */
  thinking?: BuildRequestInput['thinking'];
  /** Told when the conversation is cleared or compacted (for the log). */
  onContext?: (event: { kind: 'cleared' | 'compacted'; count: number; promptTokens: number }) => void;
}

/** How often a model that ends its turn without calling a required submit tool is reminded. */
export const MAX_SUBMIT_REMINDERS = 2;
/** Safety net for tools that do not truncate their own output (e.g. MCP tools). */
const MAX_RESULT_CHARS = 100_000;

type Exit = Omit<AgentResult, 'text' | 'messages' | 'turns' | 'costUsd'>;

/** Which limit (if any) forbids another model call. */
export function limitReached(limits: Limits, spend: Spend, now = Date.now()): 'turns' | 'cost' | 'time' | undefined {
  if (spend.turns >= limits.maxTurns) return 'turns';
  if (spend.costUsd >= limits.maxCostUsd) return 'cost';
  if (now >= limits.deadline) return 'time';
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
export async function runAgent(opts: RunAgentOptions): Promise<AgentResult> {
  const tools = new Map(opts.tools.map((t) => [t.name, t]));
  const submit = opts.submitTools ?? [];
  for (const name of submit) if (!tools.has(name)) throw new Error(`runAgent: submit tool "${name}" is not in tools`);
  const messages = opts.messages.map(stripMessage);
  let turns = 0;
  let cost = 0;
  let text = '';
  let reminders = 0;
  const end = (exit: Exit): AgentResult => ({ ...exit, text, messages, turns, costUsd: cost });
  const meter = new ContextMeter(contextPolicy(opts.contextWindow ?? modelInfo(opts.modelId).contextWindow));
  let compactedAfterError = false;
  const build = (msgs: readonly MessageParam[] = messages) =>
    buildRequest({ modelId: opts.modelId, system: opts.system, tools: opts.tools, messages: msgs, maxTokens: opts.maxTokens, ...(opts.thinking ? { thinking: opts.thinking } : {}) });
  /**
   * Asks the role for a hand-off note and restarts the conversation from the task and the note.
   * If even that request is too long, every tool result is cleared first; if the note still cannot
   * be had, the conversation restarts from the task with a note saying so.
   */
  const compact = async (): Promise<void> => {
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
      } catch (e) {
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
    if (limit) return end({ exitReason: 'limit_reached', limit });
    if (opts.signal?.aborted) return end({ exitReason: 'failed', error: 'cancelled before the next model call' });

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
    } catch (e) {
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
    if (said) text = said;
    const uses = message.content.filter((b): b is Anthropic.ToolUseBlock => b.type === 'tool_use');
    const stop = message.stop_reason;

    let exit: Exit | undefined;
    let reply: ContentBlockParam[] = [];
    let ended = false;
    if (stop === 'refusal') {
      exit = { exitReason: 'failed', error: `${opts.modelId} refused the request (stop_reason: refusal); try another model` };
    } else if (stop === 'model_context_window_exceeded') {
      exit = { exitReason: 'failed', error: `the conversation outgrew ${opts.modelId}'s context window (stop_reason: model_context_window_exceeded)` };
    } else if (uses.length > 0) {
      const ran = await runToolUses(uses, stop === 'max_tokens', tools, new Set(submit), opts.ctx);
      reply = ran.results;
      exit = ran.exit;
    } else if (stop === 'max_tokens') {
      reply = [{ type: 'text', text: Notices.maxTokensText }];
    } else if (stop !== 'pause_turn') {
      ended = true;
    }

    if (!exit) {
      const steer = await askSteer(opts.steer);
      if (steer) reply.push({ type: 'text', text: Notices.steer(steer) });
      else if (ended && submit.length > 0 && reminders < MAX_SUBMIT_REMINDERS) {
        reminders++;
        reply.push({ type: 'text', text: Notices.submitReminder(submit) });
      } else if (ended) exit = { exitReason: 'completed' };
    }
    if (reply.length > 0) messages.push({ role: 'user', content: reply });

    if (opts.onStep) {
      const step: AgentStep = {
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
      } catch (e) {
        return end({ exitReason: 'failed', error: `recording step ${turns} failed: ${e instanceof Error ? e.message : String(e)}` });
      }
    }
    if (exit) return end(exit);
  }
}

async function askSteer(steer: RunAgentOptions['steer']): Promise<string | undefined> {
  if (!steer) return undefined;
  try {
    const s = await steer();
    return s && s.trim() !== '' ? s : undefined;
  } catch {
    // Steering is best effort: a failed fetch of new comments must not stop the work.
    return undefined;
  }
}

/**
 * Runs the tool_use blocks of one assistant turn in order and answers each. `lastCut`: the last
 * block was cut off by max_tokens (its input is partial) and is answered with a retry hint.
 */
async function runToolUses(
  uses: readonly Anthropic.ToolUseBlock[],
  lastCut: boolean,
  tools: ReadonlyMap<string, AgentTool>,
  submit: ReadonlySet<string>,
  ctx: ToolContext,
): Promise<{ results: ContentBlockParam[]; exit?: Exit }> {
  const results: ContentBlockParam[] = [];
  let exit: Exit | undefined;
  // parallel tool use: a run of reads (view, search_code, list_files) executes concurrently; every
  // other call runs in order. Results are answered in the order of the calls either way.
  // the sandbox finishes preparing while the first model request is in flight
  if (ctx.ready) await ctx.ready;
  // reads of one turn share the file listing until something that can change files runs
  const turnCache: NonNullable<ToolContext['turnCache']> = {};
  ctx = { ...ctx, turnCache };
  const early = new Map<number, Promise<ToolOutcome & { submitted?: { value: unknown } }>>();
  /** Starts the run of reads beginning at `i` side by side — only when the calls before it are done, so they see every earlier write. */
  const startReads = (i: number): void => {
    if (early.has(i) || !isRead(uses[i]!) || (lastCut && i === uses.length - 1)) return;
    let j = i;
    while (j < uses.length && isRead(uses[j]!) && !(lastCut && j === uses.length - 1)) j++;
    if (j - i > 1) for (let k = i; k < j; k++) early.set(k, executeToolUse(uses[k]!, tools, ctx, false));
  };
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
    if (!isRead(use)) delete turnCache.files;
    startReads(i);
    const outcome = await (early.get(i) ?? executeToolUse(use, tools, ctx, submit.has(use.name)));
    if (!isRead(use)) delete turnCache.files;
    if (outcome.submitted) exit = { exitReason: 'submitted', result: outcome.submitted.value, submitTool: use.name };
    else if (outcome.pause) exit = { exitReason: 'paused', pause: outcome.pause };
    results.push(toolResult(use.id, { ...outcome, content: ctx.redact(outcome.content) }));
  }
  return { results, exit };
}

/** Tool calls that only read the workspace (safe to run side by side). */
function isRead(use: Anthropic.ToolUseBlock): boolean {
  if (use.name === 'search_code' || use.name === 'list_files') return true;
  return use.name === 'str_replace_based_edit_tool' && (use.input as { command?: unknown } | null)?.command === 'view';
}

/**
 * Runs one tool call the way the loop does: unknown tool → error result listing the tools;
 * input checked against `inputSchema` (error result with zod's message); exceptions from
 * `execute` become error results. A submit tool's valid input is returned in `submitted`.
 * The content is not yet redacted.
 */
export async function executeToolUse(
  use: { name: string; input: unknown },
  tools: ReadonlyMap<string, AgentTool>,
  ctx: ToolContext,
  isSubmit = false,
): Promise<ToolOutcome & { submitted?: { value: unknown } }> {
  const tool = tools.get(use.name);
  if (!tool) return { content: Notices.unknownTool(use.name, [...tools.keys()]), isError: true };
  let input = use.input;
  if (tool.inputSchema) {
    const parsed = tool.inputSchema.safeParse(use.input);
    if (!parsed.success) return { content: Notices.invalidInput(use.name, z.prettifyError(parsed.error)), isError: true };
    input = parsed.data;
  }
  if (isSubmit) return { content: Notices.submitted, submitted: { value: input } };
  try {
    return await tool.execute(input, ctx);
  } catch (e) {
    return { content: Notices.toolCrashed(use.name, e instanceof Error ? e.message : String(e)), isError: true };
  }
}

/** The `tool_result` block the loop answers a call with (empty output and the size cap handled as the model sees them). */
export function toolResult(id: string, outcome: ToolOutcome): ContentBlockParam {
  const content = outcome.content === '' ? '(no output)' : truncateOutput(outcome.content, { maxChars: MAX_RESULT_CHARS, maxLines: 5000 });
  return outcome.isError
    ? { type: 'tool_result', tool_use_id: id, content, is_error: true }
    : { type: 'tool_result', tool_use_id: id, content };
}

/** The assistant turn as a message param: the blocks the API returned, minus empty text. */
export function toAssistantParam(message: Anthropic.Message): MessageParam {
  const content: ContentBlockParam[] = [];
  for (const b of message.content) {
    switch (b.type) {
      case 'text':
        if (b.text !== '') content.push({ type: 'text', text: b.text });
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
        content.push(b as unknown as ContentBlockParam);
    }
  }
  // The API accepts an empty assistant turn only as the last (prefill) message.
  if (content.length === 0) content.push({ type: 'text', text: '(no response)' });
  return { role: 'assistant', content };
}

function textOf(message: Anthropic.Message): string {
  return message.content
    .filter((b): b is Anthropic.TextBlock => b.type === 'text')
    .map((b) => b.text)
    .join('\n')
    .trim();
}

function addSpend(spend: Spend, usage: Usage, stepCost: number): void {
  spend.turns += 1;
  spend.costUsd += stepCost;
  spend.usage.input_tokens += usage.input_tokens;
  spend.usage.output_tokens += usage.output_tokens;
  spend.usage.cache_creation_input_tokens += usage.cache_creation_input_tokens;
  spend.usage.cache_read_input_tokens += usage.cache_read_input_tokens;
}

/** `messages` with `text` added to the last user turn, after its tool_result blocks (or as a new user turn). Pure. */
export function appendUserText(messages: readonly MessageParam[], text: string): MessageParam[] {
  const out = [...messages];
  const last = out[out.length - 1];
  if (last && last.role === 'user') {
    const content: ContentBlockParam[] = typeof last.content === 'string' ? [{ type: 'text', text: last.content }] : [...last.content];
    out[out.length - 1] = { role: 'user', content: [...content, { type: 'text', text }] };
  } else {
    out.push({ role: 'user', content: text });
  }
  return out;
}
