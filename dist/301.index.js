export const id = 301;
export const ids = [301];
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
 * @param opts `stopAfterLines`: stop git once stdout holds that many lines (`stopped` is then set; see `RunRequest`)
 */
async function workspaceGit(ctx, args, readOnly = [], opts = {}) {
    const r = await ctx.runner.run({
        argv: [GIT, '-c', 'core.pager=cat', ...args],
        cwd: ctx.workspace,
        env: { ...ctx.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
        timeoutMs: ctx.timeoutMs,
        separateStderr: true,
        ...(readOnly.length ? { view: { readOnly } } : {}),
        ...(opts.stopAfterLines ? { stopAfterLines: opts.stopAfterLines } : {}),
    });
    if (r.spawnError)
        return { code: 127, stdout: '', stderr: r.spawnError };
    if (r.stopped)
        return { code: 0, stdout: r.output, stderr: r.stderr, stopped: true };
    return { code: r.code ?? (r.timedOut ? 124 : 1), stdout: r.output, stderr: r.stderr + (r.timedOut ? '\n(timed out)' : '') };
}


/***/ }),

/***/ 21512:
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
;// CONCATENATED MODULE: ./src/policy/shell-syntax.ts
/**
 * The shell syntax the command analysis (src/policy/shell.ts) works on: mvdan/sh's tree, words
 * after quote removal (`ShellWord`), redirections and assignments, and the analysis's own context
 * (`Ctx`, `Inv`). Everything here evaluates already-parsed nodes; nothing re-tokenises text.
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
/** Resolves a static path word against the virtual cwd (tilde and `$HOME` included). */
function resolveWordPath(w, cwd, home) {
    let t = w.text;
    if (w.tilde && (t === '~' || t.startsWith('~/')))
        t = home + t.slice(1);
    t = t.replace(/^\$\{?HOME\}?(?=\/|$)/, home);
    return external_node_path_default().resolve(cwd, t);
}
function isOption(w) {
    return !!w && w.text.length > 1 && w.text.startsWith('-');
}

;// CONCATENATED MODULE: ./src/policy/shell-context.ts

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

;// CONCATENATED MODULE: ./src/policy/shell-git.ts
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

;// CONCATENATED MODULE: ./src/policy/shell-programs.ts
/**
 * How known programs run other code (src/policy/shell.ts): wrappers that run a command
 * (`sudo`, `timeout`, `env`…), shells and their scripts, `xargs`, `find -exec`, package-manager
 * scripts, git's nested commands. Recursion into the code they run goes through `Ctx.nested`.
 */



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
    ctx.nested(input.text, `${name} < ${input.what}`, inv.via, inv.depth);
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
        ctx.nested(text, `script ${shown}`, inv.via, inv.depth, true);
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
                    ctx.nested(body, `${label} (script "${s}")`, inv.via, inv.depth, true);
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
 *
 * Split for reading: the syntax and word evaluation in shell-syntax.ts, how known programs run
 * other code in shell-programs.ts, git's command line in shell-git.ts; the walk is here.
 */









// ---------------------------------------------------------------------------------------------
// Analysis
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
        nested: (source, label, via, depth, fromFile) => analyzeNested(source, label, ctx, via, depth, fromFile),
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

;// CONCATENATED MODULE: ./src/policy/command-args.ts
/**
 * What a parsed command writes, and whether it may (src/policy/commands.ts): getopt-style option
 * parsing over parsed words (never shell text), the files each known program writes, and the rule
 * context that refuses writes outside the workspace or to protected paths.
 */


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

;// CONCATENATED MODULE: ./src/policy/command-git.ts
/**
 * The git and gh defaults of the command policy (src/policy/commands.ts): the agent never pushes,
 * changes credentials or remotes, or writes to GitHub through `gh` — the action does those things.
 * Guidance for the model, not the boundary (docs/security.md).
 */


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

// EXTERNAL MODULE: ./src/constants.ts
var constants = __webpack_require__(27242);
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







/** SPEC.md §2: full runs to the end; balanced pauses before destructive commands and large rewrites; cautious also after each plan step. */

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
/* harmony import */ var _commands_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(21512);
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

/***/ 21963:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BL: () => (/* binding */ bwrapArgv),
/* harmony export */   Kz: () => (/* binding */ detectIsolation),
/* harmony export */   _f: () => (/* binding */ systemTool)
/* harmony export */ });
/* unused harmony export DEFAULT_MASKED_SOCKETS */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(31421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
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
        const p = node_path__WEBPACK_IMPORTED_MODULE_3___default().join(d, name);
        try {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.access)(p, node_fs__WEBPACK_IMPORTED_MODULE_1__.constants.X_OK);
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
        (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.execFile)(argv[0], argv.slice(1), { timeout: timeoutMs, env: { PATH: '/usr/bin:/bin' } }, (err, _stdout, stderr) => {
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
    const rel = node_path__WEBPACK_IMPORTED_MODULE_3___default().relative(dir, of);
    return rel === '' || (!rel.startsWith('..') && !node_path__WEBPACK_IMPORTED_MODULE_3___default().isAbsolute(rel));
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
    const ws = node_path__WEBPACK_IMPORTED_MODULE_3___default().resolve(layout.workspace);
    const out = [...support.privilege, ...(layout.netns ?? []), support.bwrap];
    if (support.mode === 'bwrap-userns')
        out.push('--unshare-user');
    out.push('--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc');
    const hidden = new Set();
    const parent = node_path__WEBPACK_IMPORTED_MODULE_3___default().dirname(ws);
    for (const d of [...layout.hideDirs, ...(SYSTEM_TREES.has(parent) ? [] : [parent])]) {
        const abs = node_path__WEBPACK_IMPORTED_MODULE_3___default().resolve(d);
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
        const abs = node_path__WEBPACK_IMPORTED_MODULE_3___default().resolve(f);
        if (!isFile(abs))
            continue;
        if (isSameOrAncestor(ws, abs))
            inWorkspace.push(abs);
        else if (![...hidden].some((d) => isSameOrAncestor(d, abs)))
            out.push('--ro-bind', '/dev/null', abs);
    }
    for (const s of layout.maskSockets ?? DEFAULT_MASKED_SOCKETS)
        if ((0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)(s))
            out.push('--ro-bind', '/dev/null', s);
    for (const d of layout.readOnly ?? []) {
        const abs = node_path__WEBPACK_IMPORTED_MODULE_3___default().resolve(d);
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
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.statSync)(p).isDirectory();
    }
    catch {
        return false;
    }
}
function isFile(p) {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.statSync)(p).isFile();
    }
    catch {
        return false;
    }
}


/***/ }),

/***/ 84849:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EQ: () => (/* binding */ createUnsandboxedRunner),
/* harmony export */   Gi: () => (/* binding */ createRefusingRunner),
/* harmony export */   Iq: () => (/* binding */ createSandboxRunner)
/* harmony export */ });
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(31421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _isolation_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(21963);
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
        run: (req) => spawnCaptured((0,_isolation_js__WEBPACK_IMPORTED_MODULE_1__/* .bwrapArgv */ .BL)(support, layout, req.argv, { cwd: req.cwd, env: req.env, ...(req.view ? { view: req.view } : {}) }), req, {
            spawnEnv: bwrapEnv,
            spawnCwd: '/',
        }),
        spawnSpec: (req) => {
            const argv = (0,_isolation_js__WEBPACK_IMPORTED_MODULE_1__/* .bwrapArgv */ .BL)(support, layout, req.argv, { cwd: req.cwd, env: req.env });
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
            child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(argv[0], argv.slice(1), { cwd: o.spawnCwd, env: o.spawnEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
        }
        catch (e) {
            resolve({ output: '', stderr: '', code: null, signal: null, timedOut: false, aborted: false, spawnError: e.message, durationMs: Date.now() - started });
            return;
        }
        let timedOut = false;
        let aborted = false;
        let stopped = false;
        let lines = 0;
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
                ...(stopped ? { stopped } : {}),
                ...(spawnError ? { spawnError } : {}),
                durationMs: Date.now() - started,
            });
        };
        const limit = req.stopAfterLines;
        child.stdout?.on('data', (b) => {
            if (stopped)
                return;
            if (limit === undefined)
                return out.push(b);
            // keep whole lines up to the limit, then stop the command: nothing after it is read
            let cut = -1;
            for (let i = b.indexOf(10); i !== -1; i = b.indexOf(10, i + 1)) {
                if (++lines >= limit) {
                    cut = i + 1;
                    break;
                }
            }
            out.push(cut === -1 ? b : b.subarray(0, cut));
            if (cut !== -1) {
                stopped = true;
                const pid = child.pid;
                if (pid !== undefined)
                    signalGroup(pid, 'SIGKILL');
            }
        });
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
