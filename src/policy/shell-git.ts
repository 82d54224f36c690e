/** git's own command line as the command analysis reads it (src/policy/shell.ts): global options, then the subcommand. */
import type { ShellWord } from './shell-syntax.js';

/** Git global options that take a value as the next word. */
export const GIT_GLOBAL_WITH_ARG = new Set(['-C', '-c', '--git-dir', '--work-tree', '--namespace', '--super-prefix', '--config-env', '--exec-path', '--list-cmds', '--attr-source']);

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
