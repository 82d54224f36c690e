export const id = 94;
export const ids = [94];
export const modules = {

/***/ 78506:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  x4: () => (/* binding */ appendUserText),
  $p: () => (/* binding */ executeToolUse),
  JN: () => (/* binding */ runAgent),
  G$: () => (/* binding */ toolResult)
});

// UNUSED EXPORTS: MAX_SUBMIT_REMINDERS, limitReached, toAssistantParam

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

// EXTERNAL MODULE: ./src/agent/pricing.ts
var pricing = __webpack_require__(53111);
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

// EXTERNAL MODULE: ./src/agent/tools/truncate.ts
var truncate = __webpack_require__(89551);
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
    const meter = new ContextMeter(contextPolicy(opts.contextWindow ?? (0,pricing/* modelInfo */.gi)(opts.modelId).contextWindow));
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
                const c = (0,pricing/* costUsd */.O4)(opts.modelId, r.usage);
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
        const stepCost = (0,pricing/* costUsd */.O4)(opts.modelId, usage);
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
    // the sandbox finishes preparing while the first model request is in flight
    if (ctx.ready)
        await ctx.ready;
    // reads of one turn share the file listing until something that can change files runs
    const turnCache = {};
    ctx = { ...ctx, turnCache };
    const early = new Map();
    /** Starts the run of reads beginning at `i` side by side — only when the calls before it are done, so they see every earlier write. */
    const startReads = (i) => {
        if (early.has(i) || !isRead(uses[i]) || (lastCut && i === uses.length - 1))
            return;
        let j = i;
        while (j < uses.length && isRead(uses[j]) && !(lastCut && j === uses.length - 1))
            j++;
        if (j - i > 1)
            for (let k = i; k < j; k++)
                early.set(k, executeToolUse(uses[k], tools, ctx, false));
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
        if (!isRead(use))
            delete turnCache.files;
        startReads(i);
        const outcome = await (early.get(i) ?? executeToolUse(use, tools, ctx, submit.has(use.name)));
        if (!isRead(use))
            delete turnCache.files;
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
/** The `tool_result` block the loop answers a call with (empty output and the size cap handled as the model sees them). */
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


/***/ }),

/***/ 53111:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   O4: () => (/* binding */ costUsd),
/* harmony export */   gi: () => (/* binding */ modelInfo),
/* harmony export */   h8: () => (/* binding */ pickModel)
/* harmony export */ });
/* unused harmony exports PRICES, CONSERVATIVE_PRICE, normalizeModelId, knownPrice, priceFor, AUTO_MODELS, parseModelSetting */
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


/***/ }),

/***/ 81028:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  AD: () => (/* binding */ roleSystem),
  Iz: () => (/* binding */ roleTools),
  tE: () => (/* binding */ webSources),
  aO: () => (/* binding */ webTools),
  hZ: () => (/* binding */ withPolicy)
});

// UNUSED EXPORTS: FinishSubmission, LearningsSubmission, SpecSubmission, StepCompletion, SubmitToolNames, VerdictSubmission, readOnlyPolicy

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 4 modules
var schemas = __webpack_require__(41514);
// EXTERNAL MODULE: ./src/prompts.ts
var prompts = __webpack_require__(66224);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
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
// EXTERNAL MODULE: ./src/sandbox/isolation.ts
var isolation = __webpack_require__(21963);
// EXTERNAL MODULE: ./src/agent/tools/schema.ts
var tools_schema = __webpack_require__(37398);
;// CONCATENATED MODULE: ./src/agent/tools/search.ts
/**
 * Fast code search for large repositories: `search_code` and `list_files`.
 *
 * - `search_code` uses ripgrep when the runner has it (found at run time in the system
 *   directories; `rg` walks and greps in one pass, .gitignore respected, hidden files included,
 *   binary files skipped), else `git grep` (tracked files; `--untracked` only when the workspace
 *   has untracked files, which the turn's file listing already knows). Either way the search stops
 *   reading once it has `max_results` lines: the command is stopped, not read to the end.
 * - `list_files` lists tracked files from the index and untracked ones from one work-tree walk
 *   (`git ls-files`), filtered with a glob; the listing is cached for the rest of the turn (until a
 *   tool that can change files runs; the loop clears `ToolContext.turnCache`).
 *
 * Outside a git repository they fall back to `git grep --no-index` and a directory walk. Every
 * command runs on the model's side of the boundary: in the sandbox, on the workspace's own `.git`
 * (src/git/workspace.ts), its output taken as data.
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
const git = (ctx, args, opts = {}) => (0,workspace/* workspaceGit */.s)({ runner: ctx.runner, workspace: ctx.workspace, env: ctx.env, timeoutMs: ctx.commandTimeoutMs }, args, [], opts);
let ripgrep;
/** ripgrep's absolute path when the runner has it (looked up once per process; never the job's PATH). */
function findRipgrep() {
    ripgrep ??= (0,isolation/* systemTool */._f)('rg');
    return ripgrep;
}
/**
 * Tracked files (from the index: no walk) and untracked ones (one walk, .gitignore respected),
 * cached in `ctx.turnCache` for the rest of the turn.
 */
function listing(ctx) {
    const cache = ctx.turnCache;
    if (cache?.files)
        return cache.files;
    const p = (async () => {
        const [tracked, others] = await Promise.all([git(ctx, ['ls-files', '-z', '--cached']), git(ctx, ['ls-files', '-z', '--others', '--exclude-standard'])]);
        if (tracked.code !== 0)
            return isNotRepo(tracked.stderr) ? { tracked: [], untracked: [], notRepo: true } : { tracked: [], untracked: [], error: tracked.stderr.trim() };
        const split = (out) => out.split('\0').filter((f) => f !== '');
        return { tracked: split(tracked.stdout), untracked: others.code === 0 ? split(others.stdout) : [] };
    })();
    if (cache)
        cache.files = p;
    return p;
}
function isNotRepo(stderr) {
    return /not a git repository/i.test(stderr);
}
/**
 * Builds the `search_code` tool.
 * @param opts.ripgrep the `rg` binary to use, or `false` for `git grep`; default: ripgrep when the runner has it
 */
function createSearchTool(opts = {}) {
    const description = 'Search file contents in the workspace (ripgrep or git grep: tracked and untracked files, ' +
        '.gitignore respected, binary files skipped). Returns "path:line:text" lines. Faster and more ' +
        'precise than grep -r through bash on large repositories.';
    return (0,tools_schema/* defineTool */.u)('search_code', description, SearchInput, async (input, ctx) => {
        const max = input.max_results ?? 100;
        // one line more than shown: it tells whether there are more matches
        const stopAfterLines = max + 1;
        const rg = opts.ripgrep === undefined ? await findRipgrep() : opts.ripgrep || undefined;
        let r;
        if (rg) {
            // .gitignore applies outside a git repository too, as with git grep's fallback
            const args = ['-n', '--no-heading', '--color', 'never', '--hidden', '--no-require-git', '-g', '!.git'];
            if (input.ignore_case)
                args.push('-i');
            if (input.fixed_strings)
                args.push('-F');
            if (input.path_glob)
                args.push('-g', widenGlob(input.path_glob));
            args.push('-e', input.pattern);
            const run = await ctx.runner.run({ argv: [rg, ...args, '--', '.'], cwd: ctx.workspace, env: ctx.env, timeoutMs: ctx.commandTimeoutMs, separateStderr: true, stopAfterLines });
            r = run.spawnError ? { code: 127, stdout: '', stderr: run.spawnError } : { code: run.stopped ? 0 : (run.code ?? 1), stdout: run.output.replace(/^\.\//gm, ''), stderr: run.stderr, ...(run.stopped ? { stopped: true } : {}) };
        }
        else {
            const flags = ['-n', '-I', '--no-color', input.fixed_strings ? '-F' : '-E'];
            if (input.ignore_case)
                flags.push('-i');
            const spec = input.path_glob ? [`:(glob)${widenGlob(input.path_glob)}`] : [];
            const files = await listing(ctx);
            if (files.notRepo) {
                r = await git(ctx, ['grep', '--no-index', ...flags, '-e', input.pattern, '--', ...(spec.length ? spec : ['.']), ':(exclude,glob)**/node_modules/**'], { stopAfterLines });
            }
            else {
                // `--untracked` walks the whole work tree: only when there is something untracked to search
                r = await git(ctx, ['grep', ...(files.untracked.length ? ['--untracked'] : []), ...flags, '-e', input.pattern, '--', ...spec], { stopAfterLines });
            }
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
        if (lines.length > max || r.stopped) {
            const files = new Set(shown.map((l) => l.slice(0, l.indexOf(':'))));
            out += `\n[showing the first ${max} matching lines (in ${files.size} files); there are more — narrow the pattern or path_glob, or raise max_results]`;
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
        const l = await listing(ctx);
        let files;
        if (l.error !== undefined)
            return { content: `list_files failed: ${l.error}`, isError: true };
        if (l.notRepo)
            files = await walk(ctx.workspace);
        // git lists each set sorted and the sets are disjoint (untracked = not in the index): merge them
        else
            files = l.untracked.length ? mergeSorted(l.tracked, l.untracked) : l.tracked;
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
/** Two sorted lists as one (a merge: no re-sort of 100,000 paths). */
function mergeSorted(a, b) {
    const out = new Array(a.length + b.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < a.length && j < b.length)
        out[k++] = a[i] <= b[j] ? a[i++] : b[j++];
    while (i < a.length)
        out[k++] = a[i++];
    while (j < b.length)
        out[k++] = b[j++];
    return out;
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

/***/ 39139:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Cu: () => (/* binding */ createTranscriptWriter),
/* harmony export */   lb: () => (/* binding */ readTranscript)
/* harmony export */ });
/* unused harmony exports TRANSCRIPT_VERSION, redactDeep, transcriptMessages */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
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
    let queue = (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(path), { recursive: true }).then(() => undefined);
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
            const p = queue.then(() => (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.appendFile)(path, line, 'utf8'));
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
        raw = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(path, 'utf8');
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


/***/ }),

/***/ 7760:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ runShell),
/* harmony export */   J: () => (/* binding */ runChecks)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _agent_tools_truncate_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(89551);
/**
 * Runs the project's verification commands (detected by detect.ts) in the sandbox environment
 * and collects pass/fail with an output excerpt for the PR body and the code sub-agent.
 */


/** An absolute bash, so a project's PATH cannot shadow the shell itself. */
const BASH = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)('/bin/bash') ? '/bin/bash' : 'bash';
/** Runs one shell command line in the sandbox; the runner kills its process group on timeout. */
async function runShell(command, opts) {
    const r = await opts.runner.run({ argv: [BASH, '-c', command], cwd: opts.cwd, env: { ...opts.env, ...opts.commandEnv?.(command) }, timeoutMs: opts.timeoutMs });
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
            output: opts.redact((0,_agent_tools_truncate_js__WEBPACK_IMPORTED_MODULE_1__/* .truncateOutput */ .Kx)(r.output, { maxLines: 120, maxChars: 8000 })),
        });
    }
    return results;
}


/***/ }),

/***/ 97584:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   t: () => (/* binding */ detectSetup),
/* harmony export */   x: () => (/* binding */ runSetup)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _run_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7760);
/**
 * Installs the project's dependencies before the code sub-agent starts (SPEC.md §2
 * "Environment"): the project's manifests decide how. Detection reads files only; the install
 * runs in the sandbox (policy-free, as the action's own command, but with the sandbox's
 * environment and network level), and a failed install is reported, not fatal — the code
 * sub-agent can see and fix it.
 */



const exists = (dir, f) => (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(dir, f));
function hasNodeDependencies(dir) {
    try {
        const pkg = JSON.parse((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(dir, 'package.json'), 'utf8'));
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
        const r = await (0,_run_js__WEBPACK_IMPORTED_MODULE_2__/* .runShell */ .E)(c.command, opts);
        results.push({ ...c, ok: r.code === 0 && !r.timedOut, output: opts.redact(r.output.slice(-4000)), durationMs: r.durationMs });
    }
    return results;
}


/***/ })

};
