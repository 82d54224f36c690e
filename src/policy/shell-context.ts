/**
 * The command analysis's own state (src/policy/shell.ts): its context and the current
 * invocation, and the evaluation of assignments, redirections and standard input over them.
 */
import type { ShNode } from 'mvdan-sh';
import { evalWord, literalWord, ops, programName, T, wordParts, type Assignment, type ShellAnalysis, type ShellRedirect, type ShellWord, type Source } from './shell-syntax.js';

export function evalAssign(a: ShNode, src: Source, via: string[]): Assignment {
  const name = ((a.Name as ShNode | null)?.Value as string | undefined) ?? '';
  const value = a.Value as ShNode | null;
  const array = a.Array as ShNode | null;
  if (value) return { name, value: evalWord(value, src), via };
  if (array) return { name, value: { ...literalWord(src.of(array)), dynamic: true }, via };
  return { name, via };
}

export function evalRedirect(r: ShNode, src: Source, ctx: Ctx, via: string[]): ShellRedirect {
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
export function stdinOf(redirects: ShellRedirect[], writer: ShNode | undefined, src: Source): StdinSource | undefined {
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

// ---------------------------------------------------------------------------------------------
// The analysis's context

export interface Ctx {
  /** Analyses code a command runs (a `bash -c` string, a script's text), one level deeper. */
  nested(source: string, label: string, via: string[], depth: number, fromFile?: boolean): void;
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

export interface StdinSource {
  /** The text, when static. */
  text?: string;
  /** A file redirected in (`bash < x.sh`). */
  file?: ShellWord;
  what: string;
}

export interface Inv {
  assigns: Assignment[];
  redirects: ShellRedirect[];
  via: string[];
  depth: number;
  /** What feeds the command's standard input, for a shell that reads commands from it. */
  stdin: () => StdinSource | undefined;
  openArgs: boolean;
}
