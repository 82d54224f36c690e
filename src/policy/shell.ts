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
 */
import sh from 'mvdan-sh';
import type { ShNode } from 'mvdan-sh';
import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

/** One shell word after quote removal. */
export interface ShellWord {
  /** Text after quote removal and escape processing; expansions keep their source (`$HOME`). */
  text: string;
  /** The word as written. */
  raw: string;
  /** Holds an expansion only known at run time: `$x`, `$(…)`, `` `…` ``, `$((…))`, `{a,b}`, `<(…)`. */
  dynamic: boolean;
  /** Holds an unquoted glob (`*`, `?`, `[…]`, extglob): pathname expansion applies. */
  glob: boolean;
  /** Starts with an unquoted `~` (tilde expansion). */
  tilde: boolean;
  /** Names of the variables it expands. */
  params: string[];
}

/** Redirection operators as bash writes them. */
export type RedirectOp = '>' | '>>' | '<' | '<>' | '<&' | '>&' | '>|' | '<<' | '<<-' | '<<<' | '&>' | '&>>';

export interface ShellRedirect {
  op: RedirectOp;
  /** Explicit descriptor (`2>`), when written. */
  fd?: string;
  /** The file (or descriptor for `>&`, delimiter for heredocs). */
  target: ShellWord;
  /** Heredoc / here-string body when fully static. */
  body?: string;
  /** Virtual working directory (absolute) where the redirection happens. */
  cwd: string;
  via: string[];
}

export interface Assignment {
  name: string;
  value?: ShellWord;
  via: string[];
}

/** One program invocation. */
export interface SimpleCommand {
  argv: ShellWord[];
  /** `argv` texts joined by single spaces, the program name reduced to its basename. */
  text: string;
  /** Basename of argv[0] (empty when computed at run time). */
  name: string;
  /** `NAME=value` assignments in effect for this command only (prefix or `env NAME=value`). */
  assigns: Assignment[];
  /** Redirections of the statement that runs it. */
  redirects: ShellRedirect[];
  /** How it was reached, outermost first: `bash -c`, `xargs`, `script build.sh`… */
  via: string[];
  /** Virtual working directory (absolute). */
  cwd: string;
  /** More arguments are appended at run time (`xargs CMD`, `find -exec CMD {} +`). */
  openArgs: boolean;
  /** It runs another command listed separately (`sudo`, `env`, `xargs`, `bash -c`…). */
  wrapper: boolean;
  /** Script files it runs (absolute paths), read and analysed when they exist. */
  scripts: string[];
  /**
   * Found in a file the command line runs (a script, a package.json script) rather than in the
   * command line itself.
   */
  fromFile: boolean;
}

export interface ShellProblem {
  reason: string;
  /** The command text or source it concerns. */
  command: string;
}

export interface ShellAnalysis {
  commands: SimpleCommand[];
  redirects: ShellRedirect[];
  /** Assignments that persist in the shell (`X=1` alone, `export`, `declare`, `local`, …). */
  assignments: Assignment[];
  problems: ShellProblem[];
}

export interface AnalyzeOptions {
  /** Absolute workspace path; relative paths resolve against it. Default `/workspace`. */
  workspace?: string;
  /** Absolute working directory of the shell. Default: the workspace. */
  cwd?: string;
  /** Home directory for `~` and `$HOME`. Default `os.homedir()`. */
  home?: string;
  /**
   * Reads a file the command line runs (a script, package.json) so its commands are analysed
   * too; undefined when missing. Default: the file system, limited to `MAX_SCRIPT_BYTES`.
   * Pass `null` to analyse the line alone.
   */
  readFile?: ((absPath: string) => string | undefined) | null;
}

/** A command line (or a nested shell string) that does not parse. */
export class ShellSyntaxError extends Error {
  constructor(
    message: string,
    readonly via: string[],
  ) {
    super(message);
    this.name = 'ShellSyntaxError';
  }
}

/**
 * Largest script or package.json read for analysis. Larger files (generated `configure` scripts)
 * are run unanalysed: parsing costs about a millisecond per statement, and the agent's
 * environment holds no credentials whatever a script does.
 */
export const MAX_SCRIPT_BYTES = 64 * 1024;
/** Nesting limit for shell strings and scripts (`bash -c "bash -c …"`); deeper is refused. */
const MAX_DEPTH = 8;
const DEFAULT_WORKSPACE = '/workspace';

const T = (n: ShNode): string => sh.syntax.NodeType(n);

/** Operator numbers differ between mvdan/sh releases: learn them once from sample input. */
const ops = (() => {
  const parser = sh.syntax.NewParser();
  const redirOps: RedirectOp[] = ['>', '>>', '<', '<>', '<&', '>&', '>|', '<<', '<<-', '<<<', '&>', '&>>'];
  const f = parser.Parse('a >x >>x <x <>x <&0 >&1 >|x <<E <<-E <<<x &>x &>>x\nE\nE\n', '');
  const stmt = (f.Stmts as ShNode[])[0] as ShNode;
  const redir = new Map<number, RedirectOp>();
  (stmt.Redirs as ShNode[]).forEach((r, i) => redir.set(r.Op as number, redirOps[i] as RedirectOp));
  const binary = new Map<number, string>();
  for (const op of ['&&', '||', '|', '|&']) {
    const b = ((parser.Parse(`a ${op} b`, '').Stmts as ShNode[])[0] as ShNode).Cmd as ShNode;
    binary.set(b.Op as number, op);
  }
  return { redir, binary };
})();

function errorText(e: unknown): string {
  if (e && typeof e === 'object' && typeof (e as { Error?: unknown }).Error === 'function') {
    return String((e as { Error(): string }).Error());
  }
  return e instanceof Error ? e.message : String(e);
}

/**
 * Parses `source` as bash and returns its syntax tree.
 * @throws ShellSyntaxError with the parser's `line:col: message`.
 */
export function parseShell(source: string): ShNode {
  try {
    // A fresh parser each time: a Go parser that failed keeps error state.
    return sh.syntax.NewParser().Parse(source, '');
  } catch (e) {
    throw new ShellSyntaxError(errorText(e), []);
  }
}

// ---------------------------------------------------------------------------------------------
// Words

function decodeAnsiC(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (c !== '\\' || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const n = s[++i] as string;
    const simple: Record<string, string> = { a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?' };
    if (n in simple) {
      out += simple[n];
    } else if (/[0-7]/.test(n)) {
      const m = /^[0-7]{1,3}/.exec(s.slice(i)) as RegExpExecArray;
      out += String.fromCharCode(parseInt(m[0], 8) & 0xff);
      i += m[0].length - 1;
    } else if (n === 'x' || n === 'u' || n === 'U') {
      const max = n === 'x' ? 2 : n === 'u' ? 4 : 8;
      const m = new RegExp(`^[0-9a-fA-F]{1,${max}}`).exec(s.slice(i + 1));
      if (!m) {
        out += '\\' + n;
      } else {
        out += String.fromCodePoint(Math.min(parseInt(m[0], 16), 0x10ffff));
        i += m[0].length;
      }
    } else if (n === 'c' && i + 1 < s.length) {
      out += String.fromCharCode((s.charCodeAt(++i) & 0x1f) as number);
    } else {
      out += '\\' + n;
    }
  }
  return out;
}

/** Unquoted literal: backslash quotes the next character; backslash-newline disappears. */
function unescapeUnquoted(s: string, w: { glob: boolean; dynamic: boolean }): string {
  let out = '';
  let braceDepth = 0;
  let braceHasSep = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (c === '\\') {
      const n = s[i + 1];
      i++;
      if (n !== undefined && n !== '\n') out += n;
      continue;
    }
    if (c === '*' || c === '?' || c === '[') w.glob = true;
    if (c === '{') braceDepth++;
    else if (c === '}' && braceDepth > 0) {
      braceDepth--;
      if (braceHasSep) w.dynamic = true; // brace expansion: one word becomes several
    } else if (braceDepth > 0 && (c === ',' || (c === '.' && s[i + 1] === '.'))) braceHasSep = true;
    out += c;
  }
  return out;
}

/** Inside double quotes only `\$ \` \" \\` and backslash-newline are escapes. */
function unescapeDouble(s: string): string {
  return s.replace(/\\([$`"\\\n])/g, (_m, c: string) => (c === '\n' ? '' : c));
}

class Source {
  private readonly buf: Buffer;
  constructor(readonly text: string) {
    this.buf = Buffer.from(text, 'utf8');
  }
  /** Source text of a node (mvdan/sh offsets are UTF-8 byte offsets). */
  of(n: ShNode): string {
    return this.buf.subarray(n.Pos().Offset(), n.End().Offset()).toString('utf8');
  }
}

function wordParts(n: ShNode): ShNode[] {
  return ((n.Parts as ShNode[] | null) ?? []).filter(Boolean);
}

function evalWord(word: ShNode, src: Source): ShellWord {
  const w: ShellWord = { text: '', raw: src.of(word), dynamic: false, glob: false, tilde: false, params: [] };
  const parts = wordParts(word);
  parts.forEach((p, i) => {
    w.text += evalPart(p, src, w, false, i === 0);
  });
  return w;
}

function evalPart(p: ShNode, src: Source, w: ShellWord, quoted: boolean, first: boolean): string {
  switch (T(p)) {
    case 'Lit': {
      const v = p.Value as string;
      if (quoted) return unescapeDouble(v);
      if (first && v.startsWith('~')) w.tilde = true;
      return unescapeUnquoted(v, w);
    }
    case 'SglQuoted':
      return p.Dollar ? decodeAnsiC(p.Value as string) : (p.Value as string);
    case 'DblQuoted':
      return wordParts(p)
        .map((q) => evalPart(q, src, w, true, false))
        .join('');
    case 'ParamExp': {
      w.dynamic = true;
      const param = p.Param as ShNode | null;
      if (param) w.params.push(param.Value as string);
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
export function literalWord(text: string): ShellWord {
  return { text, raw: text, dynamic: false, glob: false, tilde: false, params: [] };
}

/** `argv` as policy text: words joined by one space, the program reduced to its basename. */
export function commandText(argv: readonly ShellWord[]): string {
  return argv.map((w, i) => (i === 0 && !w.dynamic ? programName(w.text) : w.text)).join(' ');
}

/** Basename of a program path (`/usr/bin/git` → `git`). */
export function programName(p: string): string {
  const trimmed = p.replace(/\/+$/, '');
  const i = trimmed.lastIndexOf('/');
  return i >= 0 ? trimmed.slice(i + 1) : trimmed;
}

// ---------------------------------------------------------------------------------------------
// Analysis

interface Ctx {
  workspace: string;
  home: string;
  cwd: string;
  readFile: ((abs: string) => string | undefined) | null;
  out: ShellAnalysis;
  /** Scripts being analysed (cycle guard). */
  active: Set<string>;
  /** Analysing the contents of a file rather than the command line. */
  fromFile: boolean;
}

interface StdinSource {
  /** The text, when static. */
  text?: string;
  /** A file redirected in (`bash < x.sh`). */
  file?: ShellWord;
  what: string;
}

interface Inv {
  assigns: Assignment[];
  redirects: ShellRedirect[];
  via: string[];
  depth: number;
  /** What feeds the command's standard input, for a shell that reads commands from it. */
  stdin: () => StdinSource | undefined;
  openArgs: boolean;
}

/**
 * Lists what `line` runs. Nested shell strings and scripts are analysed recursively.
 * @throws ShellSyntaxError when `line` does not parse (nested parse failures are problems).
 */
export function analyzeCommandLine(line: string, opts: AnalyzeOptions = {}): ShellAnalysis {
  const workspace = path.resolve(opts.workspace ?? DEFAULT_WORKSPACE);
  const ctx: Ctx = {
    workspace,
    home: opts.home ?? homedir(),
    cwd: path.resolve(workspace, opts.cwd ?? '.'),
    readFile: opts.readFile === undefined ? (opts.workspace ? defaultReadFile : null) : opts.readFile,
    out: { commands: [], redirects: [], assignments: [], problems: [] },
    active: new Set(),
    fromFile: false,
  };
  const file = parseShell(line);
  walkFile(file, new Source(line), ctx, [], 0);
  return ctx.out;
}

function defaultReadFile(abs: string): string | undefined {
  try {
    const st = statSync(abs);
    if (!st.isFile() || st.size > MAX_SCRIPT_BYTES) return undefined;
    return readFileSync(abs, 'utf8');
  } catch {
    return undefined;
  }
}

function analyzeNested(source: string, label: string, ctx: Ctx, via: string[], depth: number, fromFile = false): void {
  const chain = [...via, label];
  if (depth + 1 > MAX_DEPTH) {
    ctx.out.problems.push({ reason: `commands nested deeper than ${MAX_DEPTH} levels (${chain.join(' → ')})`, command: label });
    return;
  }
  let file: ShNode;
  try {
    file = parseShell(source);
  } catch (e) {
    ctx.out.problems.push({ reason: `the shell code run by \`${label}\` does not parse: ${(e as Error).message}`, command: label });
    return;
  }
  const saved = ctx.cwd;
  const savedFrom = ctx.fromFile;
  ctx.fromFile = savedFrom || fromFile;
  try {
    walkFile(file, new Source(source), ctx, chain, depth + 1);
  } finally {
    ctx.cwd = saved;
    ctx.fromFile = savedFrom;
  }
}

interface Frame {
  node: ShNode;
  type: string;
  /** Restores the working directory on exit (a child shell). */
  scoped: boolean;
  /** Children entered so far. */
  children: number;
  /** For a pipe (`|`, `|&`): its writer statement, once entered. */
  pipe?: { writer?: ShNode };
  /** For a statement: its redirections and, when it reads a pipe, the writer. */
  redirects?: ShellRedirect[];
  pipeWriter?: ShNode;
}

// Node field access through mvdan-sh's GopherJS wrappers costs tens of microseconds, so the walk
// reads each node's type once and finds statements' parents from its own stack, not positions.
function walkFile(file: ShNode, src: Source, ctx: Ctx, via: string[], depth: number): void {
  const stack: Frame[] = [];
  const cwdStack: string[] = [];
  let failure: unknown;

  sh.syntax.Walk(file, (node) => {
    if (failure !== undefined) return false;
    if (node === null) {
      const top = stack.pop();
      if (top?.scoped) ctx.cwd = cwdStack.pop() ?? ctx.cwd;
      return true;
    }
    try {
      const type = T(node);
      const parent = stack[stack.length - 1];
      const frame: Frame = { node, type, scoped: false, children: 0 };
      if (parent) parent.children++;
      if (type === 'Stmt' && parent?.pipe) {
        // Pipeline members run in child shells; the second one reads the first one's output.
        frame.scoped = true;
        if (parent.children === 1) parent.pipe.writer = node;
        else frame.pipeWriter = parent.pipe.writer;
      }
      // Subshells and substitutions run in a child shell too: their `cd` does not stick.
      if (type === 'Subshell' || type === 'CmdSubst' || type === 'ProcSubst') frame.scoped = true;
      if (frame.scoped) cwdStack.push(ctx.cwd);
      stack.push(frame);
      switch (type) {
        case 'BinaryCmd': {
          const op = ops.binary.get(node.Op as number);
          if (op === '|' || op === '|&') frame.pipe = {};
          break;
        }
        case 'Stmt': {
          const redirs = ((node.Redirs as ShNode[] | null) ?? []).filter(Boolean).map((r) => evalRedirect(r, src, ctx, via));
          frame.redirects = redirs;
          ctx.out.redirects.push(...redirs);
          break;
        }
        case 'CallExpr': {
          const redirects = parent?.redirects ?? [];
          const assigns = ((node.Assigns as ShNode[] | null) ?? []).filter(Boolean).map((a) => evalAssign(a, src, via));
          const argv = ((node.Args as ShNode[] | null) ?? []).filter(Boolean).map((a) => evalWord(a, src));
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
          const variant = (node.Variant as ShNode | null)?.Value as string | undefined;
          const args = ((node.Args as ShNode[] | null) ?? []).filter(Boolean);
          for (const a of args) {
            if (a.Naked && !a.Name) continue; // an option such as `-x`
            ctx.out.assignments.push(evalAssign(a, src, via));
          }
          const argv = [literalWord(variant ?? 'declare'), ...args.map((a) => literalWord(src.of(a)))];
          ctx.out.commands.push(makeCommand(argv, { assigns: [], redirects: [], via, depth, stdin: () => undefined, openArgs: false }, ctx));
          break;
        }
        default:
          break;
      }
    } catch (e) {
      failure = e;
      return false;
    }
    return true;
  });
  if (failure !== undefined) throw failure;
}

function evalAssign(a: ShNode, src: Source, via: string[]): Assignment {
  const name = ((a.Name as ShNode | null)?.Value as string | undefined) ?? '';
  const value = a.Value as ShNode | null;
  const array = a.Array as ShNode | null;
  if (value) return { name, value: evalWord(value, src), via };
  if (array) return { name, value: { ...literalWord(src.of(array)), dynamic: true }, via };
  return { name, via };
}

function evalRedirect(r: ShNode, src: Source, ctx: Ctx, via: string[]): ShellRedirect {
  const op = ops.redir.get(r.Op as number) ?? '>';
  const n = r.N as ShNode | null;
  const word = r.Word as ShNode | null;
  const target = word ? evalWord(word, src) : literalWord('');
  const out: ShellRedirect = { op, target, cwd: ctx.cwd, via };
  if (n) out.fd = n.Value as string;
  if (op === '<<<' && !target.dynamic) out.body = target.text + '\n';
  const hdoc = r.Hdoc as ShNode | null;
  if ((op === '<<' || op === '<<-') && hdoc) {
    const parts = wordParts(hdoc);
    if (parts.every((p) => T(p) === 'Lit')) out.body = parts.map((p) => p.Value as string).join('');
  } else if ((op === '<<' || op === '<<-') && !hdoc) {
    out.body = '';
  }
  return out;
}

/** The text a shell reading standard input would run, when it is knowable. */
function stdinOf(redirects: ShellRedirect[], writer: ShNode | undefined, src: Source): StdinSource | undefined {
  for (let i = redirects.length - 1; i >= 0; i--) {
    const r = redirects[i] as ShellRedirect;
    if (r.fd !== undefined && r.fd !== '0') continue;
    if (r.op === '<<' || r.op === '<<-' || r.op === '<<<') {
      return r.body !== undefined ? { text: r.body, what: 'heredoc' } : { what: 'a heredoc with expansions' };
    }
    if (r.op === '<') return { what: `file ${r.target.text}`, file: r.target };
  }
  if (writer) {
    const cmd = writer.Cmd as ShNode | null;
    if (cmd && T(cmd) === 'CallExpr') {
      const argv = ((cmd.Args as ShNode[] | null) ?? []).filter(Boolean).map((a) => evalWord(a, src));
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

function makeCommand(argv: ShellWord[], inv: Inv, ctx: Ctx): SimpleCommand {
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

/** Resolves a static path word against the virtual cwd (tilde and `$HOME` included). */
export function resolveWordPath(w: ShellWord, cwd: string, home: string): string {
  let t = w.text;
  if (w.tilde && (t === '~' || t.startsWith('~/'))) t = home + t.slice(1);
  t = t.replace(/^\$\{?HOME\}?(?=\/|$)/, home);
  return path.resolve(cwd, t);
}

// Option scanning for commands that run another command. Each entry lists the short options that
// take a value and the long options that take a value; `operands` is how many operands come
// before the command (`timeout DURATION CMD`, `chroot DIR CMD`).
interface PrefixSpec {
  shortArg?: string;
  longArg?: string[];
  operands?: number;
  /** Options after which no command runs (`command -v`). */
  noExec?: string[];
  /** `-10` style numeric options (nice). */
  numeric?: boolean;
}

const PREFIX: Record<string, PrefixSpec> = {
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

function isOption(w: ShellWord | undefined): boolean {
  return !!w && w.text.length > 1 && w.text.startsWith('-');
}

/**
 * Index of the first operand after options, per `spec`; `stop` is set when an option means no
 * command runs.
 */
function skipOptions(args: ShellWord[], start: number, spec: PrefixSpec): { index: number; stop: boolean } {
  let i = start;
  while (i < args.length) {
    const w = args[i] as ShellWord;
    const t = w.text;
    if (t === '--') return { index: i + 1, stop: false };
    if (!isOption(w)) break;
    if (spec.noExec?.includes(t)) return { index: i, stop: true };
    if (t.startsWith('--')) {
      const name = t.slice(2).split('=')[0] as string;
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
      if (spec.shortArg?.includes(t[k] as string)) {
        if (k === t.length - 1) consumed = 2;
        break;
      }
    }
    i += consumed;
  }
  return { index: Math.min(i + (spec.operands ?? 0), args.length), stop: false };
}

function invoke(argv: ShellWord[], inv: Inv, ctx: Ctx): void {
  const cmd = makeCommand(argv, inv, ctx);
  ctx.out.commands.push(cmd);
  const head = argv[0] as ShellWord;
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
    if (!target) ctx.cwd = ctx.home;
    else if (!target.dynamic && !target.glob && target.text !== '-') ctx.cwd = resolveWordPath(target, ctx.cwd, ctx.home);
    return;
  }
  const inner = (rest: ShellWord[], label: string, extra: Partial<Inv> = {}): void => {
    cmd.wrapper = true;
    if (rest.length === 0) return;
    if (inv.depth + 1 > MAX_DEPTH * 4) {
      ctx.out.problems.push({ reason: 'wrappers nested too deeply', command: cmd.text });
      return;
    }
    invoke(rest, { ...inv, via: [...inv.via, label], depth: inv.depth + 1, ...extra }, ctx);
  };
  const shellString = (w: ShellWord | undefined, label: string): void => {
    cmd.wrapper = true;
    if (!w) return;
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
    if (abs.startsWith(ctx.workspace + path.sep) || abs === ctx.workspace) {
      runScriptFile(abs, head.raw, cmd, inv, ctx, { requireShell: true });
    }
  }

  if (PREFIX[name]) {
    const spec = PREFIX[name] as PrefixSpec;
    if (name === 'busybox' && args[0] && !isOption(args[0])) return inner(args, 'busybox');
    const { index, stop } = skipOptions(args, 0, spec);
    if (stop) return;
    return inner(args.slice(index), name);
  }

  switch (name) {
    case 'env': {
      let i = 0;
      const assigns: Assignment[] = [...inv.assigns];
      while (i < args.length) {
        const t = (args[i] as ShellWord).text;
        if (t === '--') {
          i++;
          break;
        }
        if (t === '-S' || t.startsWith('--split-string')) {
          const value = t.includes('=') ? literalWord(t.slice(t.indexOf('=') + 1)) : args[i + 1];
          const rest = args.slice(t.includes('=') ? i + 1 : i + 2);
          if (!value) return;
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
      while (i < args.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test((args[i] as ShellWord).text)) {
        const t = (args[i] as ShellWord).text;
        const eq = t.indexOf('=');
        assigns.push({ name: t.slice(0, eq), value: { ...(args[i] as ShellWord), text: t.slice(eq + 1) }, via: inv.via });
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
      if (exec) return inner(rest, 'watch');
      return shellString(joinWords(rest), 'watch');
    }
    case 'flock': {
      let i = 0;
      while (i < args.length && isOption(args[i])) {
        const t = (args[i] as ShellWord).text;
        if (t === '-c' || t === '--command') return shellString(args[i + 1], 'flock -c');
        i += t === '-w' || t === '-E' || t === '--timeout' || t === '--conflict-exit-code' ? 2 : 1;
      }
      const rest = args.slice(i + 1);
      if (rest[0]?.text === '-c' || rest[0]?.text === '--command') return shellString(rest[1], 'flock -c');
      return inner(rest, 'flock');
    }
    case 'su':
    case 'runuser':
    case 'script': {
      for (let i = 0; i < args.length; i++) {
        const t = (args[i] as ShellWord).text;
        if (t === '-c' || t === '--command') return shellString(args[i + 1], `${name} -c`);
        if (t.startsWith('--command=')) return shellString({ ...(args[i] as ShellWord), text: t.slice('--command='.length) }, `${name} -c`);
        if (/^-[a-zA-Z]*c$/.test(t) && name === 'script') return shellString(args[i + 1], `${name} -c`);
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

  if (SHELLS.has(name)) return shell(name, args, cmd, inv, ctx, shellString);
}

function shellQuote(s: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

function joinWords(ws: ShellWord[]): ShellWord | undefined {
  if (ws.length === 0) return undefined;
  return { ...literalWord(ws.map((w) => w.text).join(' ')), raw: ws.map((w) => w.raw).join(' '), dynamic: ws.some((w) => w.dynamic) };
}

function shell(name: string, args: ShellWord[], cmd: SimpleCommand, inv: Inv, ctx: Ctx, shellString: (w: ShellWord | undefined, label: string) => void): void {
  let command = false;
  let readsStdin = false;
  let i = 0;
  while (i < args.length) {
    const t = (args[i] as ShellWord).text;
    if (t === '--' || t === '-') {
      i++;
      break;
    }
    if (!(t.startsWith('-') || t.startsWith('+')) || t.length < 2) break;
    if (t.startsWith('--')) {
      i += t === '--rcfile' || t === '--init-file' ? 2 : 1;
      continue;
    }
    const letters = t.slice(1);
    if (letters.includes('c')) command = true;
    if (letters.includes('s')) readsStdin = true;
    // -o/-O take an option name as the next word.
    i += letters.endsWith('o') || letters.endsWith('O') ? 2 : 1;
  }
  cmd.wrapper = true;
  if (command) return shellString(args[i], `${name} -c`);
  if (!readsStdin && args[i]) return scriptOperand(args[i], name, cmd, inv, ctx, false);
  if (inv.openArgs) {
    ctx.out.problems.push({ reason: `\`${name}\` runs scripts named by its input, which the policy cannot check`, command: cmd.text });
    return;
  }
  const input = inv.stdin();
  if (!input) return;
  if (input.file) return scriptOperand(input.file, `${name} <`, cmd, inv, ctx, false);
  if (input.text === undefined) {
    ctx.out.problems.push({
      reason: `\`${name}\` reads the commands to run from ${input.what}, which the policy cannot check; run the commands directly`,
      command: cmd.text,
    });
    return;
  }
  analyzeNested(input.text, `${name} < ${input.what}`, ctx, inv.via, inv.depth);
}

function scriptOperand(w: ShellWord | undefined, label: string, cmd: SimpleCommand, inv: Inv, ctx: Ctx, requireShell: boolean): void {
  if (!w) return;
  if (w.dynamic) {
    ctx.out.problems.push({ reason: `\`${label}\` runs a script whose path is computed at run time (\`${w.raw}\`); name the script literally`, command: cmd.text });
    return;
  }
  runScriptFile(resolveWordPath(w, cmd.cwd, ctx.home), w.text, cmd, inv, ctx, { requireShell });
}

function runScriptFile(abs: string, shown: string, cmd: SimpleCommand, inv: Inv, ctx: Ctx, o: { requireShell: boolean }): void {
  cmd.scripts.push(abs);
  if (!ctx.readFile || ctx.active.has(abs)) return;
  const text = ctx.readFile(abs);
  if (text === undefined) return;
  if (o.requireShell) {
    // Executed directly: only a shell script (or one without a shebang, which sh runs) is ours.
    const first = text.slice(0, 200).split('\n')[0] ?? '';
    if (first.startsWith('#!') && !/\b(ba|da|z|k|mk)?sh\b/.test(first)) return;
    if (!first.startsWith('#!') && text.includes('\0')) return;
  }
  cmd.wrapper = true;
  ctx.active.add(abs);
  try {
    analyzeNested(text, `script ${shown}`, ctx, inv.via, inv.depth, true);
  } finally {
    ctx.active.delete(abs);
  }
}

function xargs(args: ShellWord[], cmd: SimpleCommand, inv: Inv, ctx: Ctx, inner: (rest: ShellWord[], label: string, extra?: Partial<Inv>) => void): void {
  let i = 0;
  let replace: string | undefined;
  const withArg = new Set(['-a', '-d', '-E', '-I', '-L', '-n', '-P', '-s', '--arg-file', '--delimiter', '--eof', '--max-lines', '--max-args', '--max-procs', '--max-chars', '--process-slot-var', '--replace']);
  while (i < args.length && isOption(args[i])) {
    const t = (args[i] as ShellWord).text;
    if (t === '--') {
      i++;
      break;
    }
    if (t === '-I' || t === '--replace') replace = args[i + 1]?.text ?? '{}';
    else if (t.startsWith('-I')) replace = t.slice(2);
    else if (t === '-i' || t === '--replace=') replace = '{}';
    else if (t.startsWith('-i')) replace = t.slice(2);
    else if (t.startsWith('--replace=')) replace = t.slice('--replace='.length) || '{}';
    i += withArg.has(t) ? 2 : 1;
  }
  const rest = args.slice(i);
  // Without a command xargs runs echo; with -I the marker is replaced, else input is appended.
  const argv = rest.length ? rest : [literalWord('echo')];
  if (replace !== undefined) {
    const r = replace;
    return inner(
      argv.map((w) => (w.text.includes(r) ? { ...w, dynamic: true } : w)),
      'xargs',
    );
  }
  return inner(argv, 'xargs', { openArgs: true, stdin: () => undefined });
}

function find(args: ShellWord[], cmd: SimpleCommand, inv: Inv, ctx: Ctx, inner: (rest: ShellWord[], label: string, extra?: Partial<Inv>) => void): void {
  for (let i = 0; i < args.length; i++) {
    const t = (args[i] as ShellWord).text;
    if (t === '-exec' || t === '-execdir' || t === '-ok' || t === '-okdir') {
      let j = i + 1;
      while (j < args.length && (args[j] as ShellWord).text !== ';' && (args[j] as ShellWord).text !== '+') j++;
      const plus = (args[j] as ShellWord | undefined)?.text === '+';
      const sub = args.slice(i + 1, j).map((w) => (w.text.includes('{}') ? { ...w, dynamic: true } : w));
      inner(sub, `find ${t}`, { openArgs: plus, stdin: () => undefined });
      i = j;
    }
  }
}

function readPackageScripts(dir: string, ctx: Ctx): Record<string, string> | undefined {
  if (!ctx.readFile) return undefined;
  for (let d = dir; d.startsWith(ctx.workspace); d = path.dirname(d)) {
    const text = ctx.readFile(path.join(d, 'package.json'));
    if (text !== undefined) {
      try {
        const scripts = (JSON.parse(text) as { scripts?: unknown }).scripts;
        if (scripts && typeof scripts === 'object') {
          return Object.fromEntries(Object.entries(scripts).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
        }
      } catch {
        // An unreadable package.json fails the package manager too.
      }
      return {};
    }
    if (d === ctx.workspace) break;
  }
  return undefined;
}

const NPM_LIFECYCLE: Record<string, string> = { test: 'test', t: 'test', tst: 'test', start: 'start', stop: 'stop', restart: 'restart' };
const NPM_INSTALL = new Set(['install', 'i', 'ci', 'add', 'isntall']);

function packageManager(
  name: string,
  args: ShellWord[],
  cmd: SimpleCommand,
  inv: Inv,
  ctx: Ctx,
  shellString: (w: ShellWord | undefined, label: string) => void,
  inner: (rest: ShellWord[], label: string, extra?: Partial<Inv>) => void,
): void {
  const ops = args.filter((w) => !isOption(w));
  const sub = ops[0]?.text;
  // `npx -c 'cmd'`, `npm exec -c 'cmd'`: a shell string.
  const callIdx = args.findIndex((w) => w.text === '-c' || w.text === '--call');
  if ((name === 'npx' || (name === 'npm' && (sub === 'exec' || sub === 'x'))) && callIdx >= 0) {
    return shellString(args[callIdx + 1], `${name} -c`);
  }
  const runScripts = (script: string, label: string): void => {
    const scripts = readPackageScripts(cmd.cwd, ctx);
    if (!scripts) return;
    for (const s of [`pre${script}`, script, `post${script}`]) {
      const body = scripts[s];
      if (body !== undefined) {
        cmd.wrapper = true;
        const key = `${cmd.cwd}#${s}`;
        if (ctx.active.has(key)) continue;
        ctx.active.add(key);
        try {
          analyzeNested(body, `${label} (script "${s}")`, ctx, inv.via, inv.depth, true);
        } finally {
          ctx.active.delete(key);
        }
      }
    }
  };
  if (name === 'npx' || name === 'bunx') return;
  if (sub === undefined) return;
  if (ops[0]?.dynamic) return;
  if (name === 'npm') {
    if (NPM_LIFECYCLE[sub]) return runScripts(NPM_LIFECYCLE[sub] as string, `npm ${sub}`);
    if ((sub === 'run' || sub === 'run-script' || sub === 'rum' || sub === 'urn') && ops[1]) return runScripts(ops[1].text, `npm run ${ops[1].text}`);
    if (NPM_INSTALL.has(sub) && ops.length === 1) {
      for (const s of ['install', 'prepare']) runScripts(s, `npm ${sub}`);
    }
    if (sub === 'exec' || sub === 'x') {
      const idx = args.findIndex((w) => w.text === '--');
      if (idx >= 0) return inner(args.slice(idx + 1), 'npm exec');
    }
    return;
  }
  // yarn / pnpm / bun: `run <script>` or `<script>` directly (when it is not a built-in).
  if (sub === 'run' && ops[1]) return runScripts(ops[1].text, `${name} run ${ops[1].text}`);
  if (sub === 'exec' && name !== 'bun') return inner(args.slice(args.indexOf(ops[0] as ShellWord) + 1), `${name} exec`);
  if (sub === 'test' || sub === 'start') return runScripts(sub, `${name} ${sub}`);
  const scripts = readPackageScripts(cmd.cwd, ctx);
  if (scripts && scripts[sub] !== undefined && name !== 'bun') return runScripts(sub, `${name} ${sub}`);
}

/** Git global options that take a value as the next word. */
const GIT_GLOBAL_WITH_ARG = new Set(['-C', '-c', '--git-dir', '--work-tree', '--namespace', '--super-prefix', '--config-env', '--exec-path', '--list-cmds', '--attr-source']);

/** Where `git`'s subcommand is, after global options. */
export interface GitInvocation {
  /** Index in `args` (argv without `git`) of the subcommand; -1 when none. */
  index: number;
  sub?: ShellWord;
  /** `-c key=value` and `--config-env key=var` settings. */
  configs: ShellWord[];
  /** Other global options, as written. */
  globals: ShellWord[];
}

/** Splits `git [global options] <subcommand> …`; `args` excludes `git` itself. */
export function parseGitArgs(args: readonly ShellWord[]): GitInvocation {
  const configs: ShellWord[] = [];
  const globals: ShellWord[] = [];
  let i = 0;
  while (i < args.length) {
    const w = args[i] as ShellWord;
    const t = w.text;
    if (t === '--') return { index: i + 1 < args.length ? i + 1 : -1, sub: args[i + 1], configs, globals };
    if (!t.startsWith('-') || w.dynamic) break;
    if (t === '-c' || t === '--config-env') {
      const v = args[i + 1];
      if (v) configs.push(v);
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

const FILTER_BRANCH_FILTERS = new Set(['--env-filter', '--tree-filter', '--index-filter', '--parent-filter', '--msg-filter', '--commit-filter', '--tag-name-filter', '--setup']);

function gitNested(
  args: ShellWord[],
  cmd: SimpleCommand,
  inv: Inv,
  ctx: Ctx,
  shellString: (w: ShellWord | undefined, label: string) => void,
  inner: (rest: ShellWord[], label: string, extra?: Partial<Inv>) => void,
): void {
  const g = parseGitArgs(args);
  if (!g.sub || g.sub.dynamic) return;
  const rest = args.slice(g.index + 1);
  switch (g.sub.text) {
    case 'submodule': {
      const fe = rest.findIndex((w) => w.text === 'foreach');
      if (fe >= 0) {
        let j = fe + 1;
        while (j < rest.length && isOption(rest[j])) j++;
        return shellString(joinWords(rest.slice(j)), 'git submodule foreach');
      }
      return;
    }
    case 'rebase': {
      for (let i = 0; i < rest.length; i++) {
        const t = (rest[i] as ShellWord).text;
        if (t === '-x' || t === '--exec') shellString(rest[i + 1], 'git rebase --exec');
        else if (t.startsWith('--exec=')) shellString({ ...(rest[i] as ShellWord), text: t.slice(7) }, 'git rebase --exec');
      }
      return;
    }
    case 'bisect': {
      if (rest[0]?.text === 'run') return inner(rest.slice(1), 'git bisect run');
      return;
    }
    case 'filter-branch': {
      for (let i = 0; i < rest.length; i++) {
        const t = (rest[i] as ShellWord).text;
        if (FILTER_BRANCH_FILTERS.has(t)) shellString(rest[i + 1], `git filter-branch ${t}`);
      }
      return;
    }
    default:
      return;
  }
}
