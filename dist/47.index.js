export const id = 47;
export const ids = [47];
export const modules = {

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


/***/ }),

/***/ 87908:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   replayMain: () => (/* binding */ replayMain)
/* harmony export */ });
/* unused harmony exports normalizeResult, replay, formatReport */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(57975);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_util__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _agent_loop_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(78506);
/* harmony import */ var _agent_roles_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(81028);
/* harmony import */ var _agent_transcript_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(39139);
/* harmony import */ var _git_exec_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(29395);
/* harmony import */ var _policy_paths_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(40786);
/* harmony import */ var _sandbox_isolation_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(21963);
/* harmony import */ var _sandbox_runner_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(84849);
/* harmony import */ var _verify_setup_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(97584);
/* harmony import */ var _settings_js__WEBPACK_IMPORTED_MODULE_12__ = __webpack_require__(17873);
/**
 * `kiro-action replay <transcript.jsonl>` (issue #13): re-runs a recorded task offline from the
 * model replies in its transcript — no API key, no GitHub, no network — to debug a run that went
 * wrong with a real model.
 *
 * A copy of the checkout (at `--base`, default HEAD) is the workspace. Every step's assistant turn
 * is taken from the transcript; each client tool call it made (`bash`, the text editor,
 * `search_code`, `list_files`) is executed again, the way the loop executes it, in the OS sandbox
 * with no network, and its `tool_result` is compared with the recorded one. Tools the action
 * answers itself (submit tools, `complete_step`, MCP and server tools) keep their recorded result.
 * The dependency install the action runs before the coder is run again too. The first result that
 * differs stops the replay with a report (step, role, tool, input, recorded vs replayed); otherwise
 * the report ends with the diff the replay produced — the task's diff when the checkout was at its
 * base commit.
 *
 * Comparison ignores what changes between two runs of the same command: digit runs (durations,
 * ports, pids) and the workspace's absolute path.
 */













/** Client tools the replay runs again; everything else keeps its recorded result. */
const REPRODUCED = new Set(['bash', 'str_replace_based_edit_tool', 'search_code', 'list_files']);
/** What differs between two runs of the same command and must not count as a divergence. */
function normalizeResult(text, workspace) {
    return text.split(workspace).join('<workspace>').replace(/\d+/g, '#').replace(/[ \t]+/g, ' ').trim();
}
function blockText(content) {
    if (typeof content === 'string')
        return content;
    if (Array.isArray(content))
        return content.map((b) => (b.type === 'text' ? (b.text ?? '') : `[${b.type ?? 'block'}]`)).join('\n');
    return '';
}
/**
 * Replays a transcript (see the module doc).
 * @throws Error for an unreadable or empty transcript, a checkout that is not a git work tree, or
 *   a machine without a sandbox (unless `allowUnsandboxed`)
 */
async function replay(o) {
    const log = o.log ?? ((l) => process.stderr.write(`${l}\n`));
    const entries = await (0,_agent_transcript_js__WEBPACK_IMPORTED_MODULE_6__/* .readTranscript */ .lb)(o.transcript);
    if (!entries.length)
        throw new Error(`${o.transcript} holds no transcript steps`);
    if (entries.some((e) => e.v !== 1 || !Array.isArray(e.messages)))
        throw new Error(`${o.transcript} is not a kiro-action transcript (version 1)`);
    const root = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdtempSync)(node_path__WEBPACK_IMPORTED_MODULE_2___default().join((0,node_os__WEBPACK_IMPORTED_MODULE_1__.tmpdir)(), 'kiro-replay-'));
    const workspace = node_path__WEBPACK_IMPORTED_MODULE_2___default().join(root, 'workspace');
    const top = await (0,_git_exec_js__WEBPACK_IMPORTED_MODULE_7__/* .execGit */ .Ix)(['rev-parse', '--show-toplevel'], { cwd: o.checkout, allowFailure: true });
    if (top.code !== 0)
        throw new Error(`${o.checkout} is not a git checkout`);
    await (0,_git_exec_js__WEBPACK_IMPORTED_MODULE_7__/* .execGit */ .Ix)(['clone', '-q', '--no-hardlinks', '--no-checkout', top.stdout.trim(), workspace], { cwd: root });
    await (0,_git_exec_js__WEBPACK_IMPORTED_MODULE_7__/* .execGit */ .Ix)(['checkout', '-q', '--detach', o.base ?? 'HEAD'], { cwd: workspace });
    const dirs = { home: node_path__WEBPACK_IMPORTED_MODULE_2___default().join(root, 'home'), tmp: node_path__WEBPACK_IMPORTED_MODULE_2___default().join(root, 'tmp'), state: node_path__WEBPACK_IMPORTED_MODULE_2___default().join(root, 'state') };
    for (const d of Object.values(dirs))
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdirSync)(d, { recursive: true });
    const runner = await replayRunner(workspace, dirs, o.allowUnsandboxed ?? false);
    log(`replay: ${entries.length} steps from ${o.transcript}; workspace ${workspace} (${runner.mode === 'unsandboxed' ? 'WITHOUT a sandbox' : `sandbox ${runner.mode}, no network`})`);
    const env = { PATH: (0,_settings_js__WEBPACK_IMPORTED_MODULE_12__/* .readEnvironment */ .Qo)().PATH ?? '/usr/bin:/bin', HOME: dirs.home, TMPDIR: '/tmp', LANG: 'C.UTF-8', KIRO_SANDBOX: '1', CI: 'true' };
    const policy = (0,_policy_paths_js__WEBPACK_IMPORTED_MODULE_8__/* .createToolPolicy */ .hQ)({ workspace, commands: { forbiddenCommands: [], allowedCommands: [], autonomy: 'full' }, maxFileEditsPerTask: 1_000_000, requireApprovalForNewFiles: false });
    const base = { workspace, env, policy, redact: (s) => s, commandTimeoutMs: o.commandTimeoutMs ?? 600_000, runner, stateDir: dirs.state };
    const report = { steps: entries.length, reproduced: 0, recorded: 0, diff: '', workspace, isolation: runner.mode };
    const toolsOf = new Map();
    let installed = false;
    for (const [i, entry] of entries.entries()) {
        if (entry.role === 'coder' && !installed) {
            installed = true;
            if ((0,_verify_setup_js__WEBPACK_IMPORTED_MODULE_11__/* .detectSetup */ .t)(workspace).length) {
                const setup = await (0,_verify_setup_js__WEBPACK_IMPORTED_MODULE_11__/* .runSetup */ .x)(workspace, { cwd: workspace, env, timeoutMs: base.commandTimeoutMs, redact: (s) => s, runner });
                for (const r of setup)
                    log(`replay: ${r.name} ${r.ok ? 'succeeded' : 'failed'} (the action installs dependencies before the coder)`);
            }
        }
        // one set of tools per sub-agent run: the bash tool keeps its directory and exports per run
        const key = `${entry.role}#${entry.run}`;
        let bound = toolsOf.get(key);
        if (!bound) {
            const rt = (0,_agent_roles_js__WEBPACK_IMPORTED_MODULE_5__/* .roleTools */ .Iz)(entry.role);
            bound = { tools: new Map(rt.tools.map((t) => [t.name, t])), ctx: (0,_agent_roles_js__WEBPACK_IMPORTED_MODULE_5__/* .withPolicy */ .hZ)(base, rt) };
            toolsOf.set(key, bound);
        }
        const divergence = await replayStep(i + 1, entry, bound, workspace, report);
        if (divergence) {
            report.divergence = divergence;
            break;
        }
    }
    await (0,_git_exec_js__WEBPACK_IMPORTED_MODULE_7__/* .execGit */ .Ix)(['add', '-A'], { cwd: workspace });
    report.diff = (await (0,_git_exec_js__WEBPACK_IMPORTED_MODULE_7__/* .execGit */ .Ix)(['diff', '--cached', '--no-color'], { cwd: workspace })).stdout;
    return report;
}
async function replayStep(step, entry, bound, workspace, report) {
    const assistant = entry.messages.find((m) => m.role === 'assistant');
    const answers = new Map();
    for (const m of entry.messages) {
        if (m.role !== 'user' || typeof m.content === 'string')
            continue;
        for (const b of m.content) {
            if (b.type === 'tool_result' && b.tool_use_id)
                answers.set(b.tool_use_id, { content: blockText(b.content), isError: b.is_error === true });
        }
    }
    const uses = (assistant && typeof assistant.content !== 'string' ? assistant.content : []).filter((b) => b.type === 'tool_use');
    for (const use of uses) {
        const recorded = answers.get(use.id ?? '');
        if (!recorded)
            continue; // the run ended before the call was answered (paused, cut)
        if (!REPRODUCED.has(use.name ?? '') || !bound.tools.has(use.name ?? '')) {
            report.recorded++;
            continue;
        }
        const outcome = await (0,_agent_loop_js__WEBPACK_IMPORTED_MODULE_4__/* .executeToolUse */ .$p)({ name: use.name, input: use.input }, bound.tools, bound.ctx);
        const block = (0,_agent_loop_js__WEBPACK_IMPORTED_MODULE_4__/* .toolResult */ .G$)(use.id, outcome);
        const replayed = { content: blockText(block.content), isError: block.is_error === true };
        if (replayed.isError !== recorded.isError || normalizeResult(replayed.content, workspace) !== normalizeResult(recorded.content, workspace)) {
            return { step, role: entry.role, run: entry.run, turn: entry.turn, tool: use.name, input: use.input, recorded, replayed };
        }
        report.reproduced++;
    }
    return undefined;
}
async function replayRunner(workspace, dirs, allowUnsandboxed) {
    const support = await (0,_sandbox_isolation_js__WEBPACK_IMPORTED_MODULE_9__/* .detectIsolation */ .Kz)();
    if (support.mode !== 'none') {
        // offline: a network namespace of its own, nothing else; the user's home and files hidden
        return (0,_sandbox_runner_js__WEBPACK_IMPORTED_MODULE_10__/* .createSandboxRunner */ .Iq)(support, { workspace, home: dirs.home, tmp: dirs.tmp, writable: [dirs.state], hideDirs: [(0,_settings_js__WEBPACK_IMPORTED_MODULE_12__/* .readEnvironment */ .Qo)().HOME || (0,node_os__WEBPACK_IMPORTED_MODULE_1__.homedir)()], hideFiles: [], unshareNet: true });
    }
    if (!allowUnsandboxed)
        throw new Error(`this machine offers no OS sandbox (${support.reason}); the replay would run the recorded commands unconfined. Install bubblewrap, or pass --allow-unsandboxed`);
    return (0,_sandbox_runner_js__WEBPACK_IMPORTED_MODULE_10__/* .createUnsandboxedRunner */ .EQ)();
}
/** A report as text: counts, the first divergence (if any), then the diff. */
function formatReport(r) {
    const lines = [`replay: ${r.steps} steps; ${r.reproduced} tool calls reproduced, ${r.recorded} answered from the transcript (the action's own tools)`];
    const d = r.divergence;
    if (d) {
        const cut = (s) => (s.length > 4000 ? `${s.slice(0, 4000)}\n[… ${s.length - 4000} more characters]` : s);
        lines.push('', `first divergence at step ${d.step} (${d.role}, run ${d.run}, turn ${d.turn}): ${d.tool} ${JSON.stringify(d.input)}`, `--- recorded${d.recorded.isError ? ' (error)' : ''}`, cut(d.recorded.content), `+++ replayed${d.replayed.isError ? ' (error)' : ''}`, cut(d.replayed.content), '', `the replay stopped there; the workspace is kept at ${r.workspace}`);
    }
    else {
        lines.push('every reproduced tool call matched the recording');
    }
    lines.push('', r.diff ? `diff of the replay:\n${r.diff}` : 'the replay changed no file');
    return lines.join('\n');
}
const USAGE = `usage: kiro-action replay <transcript.jsonl> [--checkout <dir>] [--base <commit>] [--diff-out <file>] [--allow-unsandboxed]`;
/**
 * The CLI entry (`node dist/index.js replay …`, through bin/kiro-action.mjs). Exit codes: 0 the
 * replay matched, 1 it diverged, 2 bad input (one line, no stack trace).
 */
async function replayMain(argv) {
    let values;
    let positionals;
    try {
        ({ values, positionals } = (0,node_util__WEBPACK_IMPORTED_MODULE_3__.parseArgs)({
            args: [...argv],
            allowPositionals: true,
            options: { checkout: { type: 'string' }, base: { type: 'string' }, 'diff-out': { type: 'string' }, 'allow-unsandboxed': { type: 'boolean' } },
        }));
    }
    catch (e) {
        process.stderr.write(`kiro-action: ${e.message}\n\n${USAGE}\n`);
        return 2;
    }
    if (positionals.length !== 1) {
        process.stderr.write(`kiro-action: ${positionals.length ? `unexpected argument '${positionals[1]}'` : 'missing the transcript file'}\n\n${USAGE}\n`);
        return 2;
    }
    let report;
    try {
        report = await replay({
            transcript: node_path__WEBPACK_IMPORTED_MODULE_2___default().resolve(positionals[0]),
            checkout: node_path__WEBPACK_IMPORTED_MODULE_2___default().resolve(values.checkout ?? process.cwd()),
            ...(values.base ? { base: values.base } : {}),
            ...(values['allow-unsandboxed'] ? { allowUnsandboxed: true } : {}),
        });
    }
    catch (e) {
        process.stderr.write(`kiro-action: ${e.message.split('\n')[0]}\n`);
        return 2;
    }
    if (values['diff-out'])
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.writeFileSync)(values['diff-out'], report.diff);
    process.stdout.write(`${formatReport(report)}\n`);
    return report.divergence ? 1 : 0;
}


/***/ })

};
