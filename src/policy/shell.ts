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
import sh from 'mvdan-sh';
import type { ShNode } from 'mvdan-sh';
import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { evalAssign, evalRedirect, stdinOf, type Ctx, type Inv } from './shell-context.js';
import { type AnalyzeOptions, type Assignment, commandText, DEFAULT_WORKSPACE, evalWord, isOption, literalWord, MAX_DEPTH, MAX_SCRIPT_BYTES, ops, parseShell, programName, resolveWordPath, type ShellAnalysis, type ShellRedirect, type ShellWord, type SimpleCommand, Source, T } from './shell-syntax.js';
import { find, gitNested, joinWords, packageManager, PREFIX, type PrefixSpec, runScriptFile, scriptOperand, shell, shellQuote, SHELLS, skipOptions, xargs } from './shell-programs.js';

export { commandText, literalWord, MAX_SCRIPT_BYTES, parseShell, programName, resolveWordPath, ShellSyntaxError } from './shell-syntax.js';
export type { AnalyzeOptions, Assignment, RedirectOp, ShellAnalysis, ShellProblem, ShellRedirect, ShellWord, SimpleCommand } from './shell-syntax.js';
export { parseGitArgs, type GitInvocation } from './shell-git.js';

// ---------------------------------------------------------------------------------------------
// Analysis




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
    nested: (source, label, via, depth, fromFile) => analyzeNested(source, label, ctx, via, depth, fromFile),
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















