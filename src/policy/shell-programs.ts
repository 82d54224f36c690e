/**
 * How known programs run other code (src/policy/shell.ts): wrappers that run a command
 * (`sudo`, `timeout`, `env`…), shells and their scripts, `xargs`, `find -exec`, package-manager
 * scripts, git's nested commands. Recursion into the code they run goes through `Ctx.nested`.
 */
import path from 'node:path';
import type { Ctx, Inv } from './shell-context.js';
import { isOption, literalWord, resolveWordPath, type ShellWord, type SimpleCommand } from './shell-syntax.js';
import { parseGitArgs } from './shell-git.js';

// Option scanning for commands that run another command. Each entry lists the short options that
// take a value and the long options that take a value; `operands` is how many operands come
// before the command (`timeout DURATION CMD`, `chroot DIR CMD`).
export interface PrefixSpec {
  shortArg?: string;
  longArg?: string[];
  operands?: number;
  /** Options after which no command runs (`command -v`). */
  noExec?: string[];
  /** `-10` style numeric options (nice). */
  numeric?: boolean;
}

export const PREFIX: Record<string, PrefixSpec> = {
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
export const SHELLS = new Set(['bash', 'sh', 'dash', 'zsh', 'ksh', 'mksh', 'ash', 'yash', 'posh', 'fish', 'rbash']);

/**
 * Index of the first operand after options, per `spec`; `stop` is set when an option means no
 * command runs.
 */
export function skipOptions(args: ShellWord[], start: number, spec: PrefixSpec): { index: number; stop: boolean } {
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

export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

export function joinWords(ws: ShellWord[]): ShellWord | undefined {
  if (ws.length === 0) return undefined;
  return { ...literalWord(ws.map((w) => w.text).join(' ')), raw: ws.map((w) => w.raw).join(' '), dynamic: ws.some((w) => w.dynamic) };
}

export function shell(name: string, args: ShellWord[], cmd: SimpleCommand, inv: Inv, ctx: Ctx, shellString: (w: ShellWord | undefined, label: string) => void): void {
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
  ctx.nested(input.text, `${name} < ${input.what}`, inv.via, inv.depth);
}

export function scriptOperand(w: ShellWord | undefined, label: string, cmd: SimpleCommand, inv: Inv, ctx: Ctx, requireShell: boolean): void {
  if (!w) return;
  if (w.dynamic) {
    ctx.out.problems.push({ reason: `\`${label}\` runs a script whose path is computed at run time (\`${w.raw}\`); name the script literally`, command: cmd.text });
    return;
  }
  runScriptFile(resolveWordPath(w, cmd.cwd, ctx.home), w.text, cmd, inv, ctx, { requireShell });
}

export function runScriptFile(abs: string, shown: string, cmd: SimpleCommand, inv: Inv, ctx: Ctx, o: { requireShell: boolean }): void {
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
    ctx.nested(text, `script ${shown}`, inv.via, inv.depth, true);
  } finally {
    ctx.active.delete(abs);
  }
}

export function xargs(args: ShellWord[], cmd: SimpleCommand, inv: Inv, ctx: Ctx, inner: (rest: ShellWord[], label: string, extra?: Partial<Inv>) => void): void {
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

export function find(args: ShellWord[], cmd: SimpleCommand, inv: Inv, ctx: Ctx, inner: (rest: ShellWord[], label: string, extra?: Partial<Inv>) => void): void {
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

export function readPackageScripts(dir: string, ctx: Ctx): Record<string, string> | undefined {
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

export const NPM_LIFECYCLE: Record<string, string> = { test: 'test', t: 'test', tst: 'test', start: 'start', stop: 'stop', restart: 'restart' };

export const NPM_INSTALL = new Set(['install', 'i', 'ci', 'add', 'isntall']);

export function packageManager(
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
          ctx.nested(body, `${label} (script "${s}")`, inv.via, inv.depth, true);
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

export const FILTER_BRANCH_FILTERS = new Set(['--env-filter', '--tree-filter', '--index-filter', '--parent-filter', '--msg-filter', '--commit-filter', '--tag-name-filter', '--setup']);

export function gitNested(
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
