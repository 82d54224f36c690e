/**
 * The shell syntax the command analysis (src/policy/shell.ts) works on: mvdan/sh's tree, words
 * after quote removal (`ShellWord`), redirections and assignments, and the analysis's own context
 * (`Ctx`, `Inv`). Everything here evaluates already-parsed nodes; nothing re-tokenises text.
 */
import sh from 'mvdan-sh';
import type { ShNode } from 'mvdan-sh';
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
export const MAX_DEPTH = 8;
export const DEFAULT_WORKSPACE = '/workspace';

export const T = (n: ShNode): string => sh.syntax.NodeType(n);

/** Operator numbers differ between mvdan/sh releases: learn them once from sample input. */
export const ops = (() => {
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

export function errorText(e: unknown): string {
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

export function decodeAnsiC(s: string): string {
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
export function unescapeUnquoted(s: string, w: { glob: boolean; dynamic: boolean }): string {
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
export function unescapeDouble(s: string): string {
  return s.replace(/\\([$`"\\\n])/g, (_m, c: string) => (c === '\n' ? '' : c));
}

export class Source {
  private readonly buf: Buffer;
  constructor(readonly text: string) {
    this.buf = Buffer.from(text, 'utf8');
  }
  /** Source text of a node (mvdan/sh offsets are UTF-8 byte offsets). */
  of(n: ShNode): string {
    return this.buf.subarray(n.Pos().Offset(), n.End().Offset()).toString('utf8');
  }
}

export function wordParts(n: ShNode): ShNode[] {
  return ((n.Parts as ShNode[] | null) ?? []).filter(Boolean);
}

export function evalWord(word: ShNode, src: Source): ShellWord {
  const w: ShellWord = { text: '', raw: src.of(word), dynamic: false, glob: false, tilde: false, params: [] };
  const parts = wordParts(word);
  parts.forEach((p, i) => {
    w.text += evalPart(p, src, w, false, i === 0);
  });
  return w;
}

export function evalPart(p: ShNode, src: Source, w: ShellWord, quoted: boolean, first: boolean): string {
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

/** Resolves a static path word against the virtual cwd (tilde and `$HOME` included). */
export function resolveWordPath(w: ShellWord, cwd: string, home: string): string {
  let t = w.text;
  if (w.tilde && (t === '~' || t.startsWith('~/'))) t = home + t.slice(1);
  t = t.replace(/^\$\{?HOME\}?(?=\/|$)/, home);
  return path.resolve(cwd, t);
}

export function isOption(w: ShellWord | undefined): boolean {
  return !!w && w.text.length > 1 && w.text.startsWith('-');
}
