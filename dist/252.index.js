export const id = 252;
export const ids = [252];
export const modules = {

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


/***/ })

};
