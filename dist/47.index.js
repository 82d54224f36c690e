export const id = 47;
export const ids = [47,224,843];
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


/***/ }),

/***/ 84849:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EQ: () => (/* binding */ createUnsandboxedRunner),
/* harmony export */   Gi: () => (/* binding */ createRefusingRunner),
/* harmony export */   Iq: () => (/* binding */ createSandboxRunner)
/* harmony export */ });
/* unused harmony export lostMountRace */
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
    const argvOf = (req) => (0,_isolation_js__WEBPACK_IMPORTED_MODULE_1__/* .bwrapArgv */ .BL)(support, layout, req.argv, { cwd: req.cwd, env: req.env, ...(req.view ? { view: req.view } : {}) });
    return {
        mode: support.mode,
        run: async (req) => {
            for (let attempt = 1;; attempt++) {
                const r = await spawnCaptured(argvOf(req), req, { spawnEnv: bwrapEnv, spawnCwd: '/' });
                if (attempt >= 3 || !lostMountRace(r))
                    return r;
            }
        },
        spawnSpec: (req) => {
            const argv = (0,_isolation_js__WEBPACK_IMPORTED_MODULE_1__/* .bwrapArgv */ .BL)(support, layout, req.argv, { cwd: req.cwd, env: req.env });
            return { command: argv[0], args: argv.slice(1), env: { ...bwrapEnv }, cwd: '/' };
        },
    };
}
/**
 * True when bwrap failed while setting the sandbox up because a mount under `/` came or went as it
 * remounted the host's tree read-only (https://github.com/containers/bubblewrap/issues/650, open:
 * another job's network namespace or bind mount on the same machine). The command never started, so
 * it is started again. Matched on bwrap's own one-line message and exit status 1 — a command that
 * printed exactly that would only be run again, which it could do itself.
 */
function lostMountRace(r) {
    const text = `${r.stderr}${r.output}`.trim();
    return r.code === 1 && !r.timedOut && !r.aborted && !text.includes('\n') && /^bwrap: Can't (bind mount|remount) .*: (Unable to apply mount flags|Unable to remount recursively with correct flags): .*(No such file or directory|Invalid argument)$/.test(text);
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


/***/ })

};
