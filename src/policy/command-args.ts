/**
 * What a parsed command writes, and whether it may (src/policy/commands.ts): getopt-style option
 * parsing over parsed words (never shell text), the files each known program writes, and the rule
 * context that refuses writes outside the workspace or to protected paths.
 */
import path from 'node:path';
import type { ProtectedPaths } from './protected.js';
import { literalWord, parseGitArgs, resolveWordPath, type ShellRedirect, type ShellWord, type SimpleCommand } from './shell.js';

// ---------------------------------------------------------------------------------------------
// Option parsing over parsed words (not shell text)

export interface Opts {
  operands: ShellWord[];
  flags: Set<string>;
  values: Map<string, ShellWord[]>;
}

/** getopt-style scan: `shortArg` letters and `longArg` names take a value. */
export function getopt(args: readonly ShellWord[], shortArg = '', longArg: readonly string[] = []): Opts {
  const o: Opts = { operands: [], flags: new Set(), values: new Map() };
  const put = (k: string, v: ShellWord | undefined): void => {
    o.flags.add(k);
    if (v) o.values.set(k, [...(o.values.get(k) ?? []), v]);
  };
  for (let i = 0; i < args.length; i++) {
    const w = args[i] as ShellWord;
    const t = w.text;
    if (t === '--') {
      o.operands.push(...args.slice(i + 1));
      break;
    }
    if (t.startsWith('--') && t.length > 2) {
      const eq = t.indexOf('=');
      if (eq > 0) put(t.slice(0, eq), { ...w, text: t.slice(eq + 1) });
      else if (longArg.includes(t.slice(2))) put(t, args[++i]);
      else o.flags.add(t);
      continue;
    }
    if (t.startsWith('-') && t.length > 1 && !w.dynamic) {
      for (let k = 1; k < t.length; k++) {
        const c = t[k] as string;
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

export const has = (o: Opts, ...names: string[]): boolean => names.some((n) => o.flags.has(n));
export const val = (o: Opts, ...names: string[]): ShellWord[] => names.flatMap((n) => o.values.get(n) ?? []);

// ---------------------------------------------------------------------------------------------
// Effects: files a command writes

export interface WriteTarget {
  word: ShellWord;
  /** The whole tree under the target is affected (rm -r, mv of a directory). */
  recursive: boolean;
}

export function writeTargets(cmd: SimpleCommand): WriteTarget[] {
  const args = cmd.argv.slice(1);
  const w = (words: readonly ShellWord[], recursive = false): WriteTarget[] => words.map((word) => ({ word, recursive }));
  switch (cmd.name) {
    case 'tee':
      return w(getopt(args, '', ['output-error']).operands);
    case 'sed': {
      const o = getopt(args, 'efl', ['expression', 'file', 'line-length']);
      const inPlace = args.some((a) => /^-[a-zA-Z]*i/.test(a.text) && !a.text.startsWith('--')) || [...o.flags].some((f) => f.startsWith('--in-place'));
      if (!inPlace) return [];
      return w(has(o, '-e', '-f', '--expression', '--file') ? o.operands : o.operands.slice(1));
    }
    case 'perl': {
      const o = getopt(args, 'eEIMmx');
      const inPlace = args.some((a) => /^-[a-zA-Z]*i/.test(a.text));
      if (!inPlace) return [];
      return w(has(o, '-e', '-E') ? o.operands : o.operands.slice(1));
    }
    case 'awk':
    case 'gawk': {
      const o = getopt(args, 'fvFie', ['include', 'file', 'assign', 'field-separator']);
      if (!val(o, '-i', '--include').some((v) => v.text === 'inplace')) return [];
      return w(has(o, '-f', '--file', '-e') ? o.operands : o.operands.slice(1));
    }
    case 'cp':
    case 'mv':
    case 'install':
    case 'ln': {
      const o = getopt(args, 'tSmogZ', ['target-directory', 'suffix', 'mode', 'owner', 'group', 'context']);
      const recursive = cmd.name === 'mv' || has(o, '-r', '-R', '-a', '--recursive', '--archive');
      const target = val(o, '-t', '--target-directory');
      if (cmd.name === 'install' && has(o, '-d', '--directory')) return w(o.operands);
      const dest = target.length ? target : o.operands.length >= 2 ? o.operands.slice(-1) : [];
      const out = w(dest, recursive);
      // Moving something away deletes it from where it was.
      if (cmd.name === 'mv') out.push(...w(target.length ? o.operands : o.operands.slice(0, -1), true));
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
      if (!args.some((a) => a.text === '-delete')) return [];
      const starts: ShellWord[] = [];
      for (const a of args) {
        if (a.text.startsWith('-') || a.text === '(' || a.text === '!') break;
        starts.push(a);
      }
      // From the repository root a filtered find is not a wholesale delete; a subtree is.
      return (starts.length ? starts : [literalWord('.')]).map((word) => ({ word, recursive: !word.dynamic && path.resolve(cmd.cwd, word.text) !== cmd.cwd }));
    }
    case 'git': {
      const g = parseGitArgs(args);
      if (!g.sub || g.sub.dynamic) return [];
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

export const WRITE_REDIRECTS = new Set(['>', '>>', '>|', '&>', '&>>', '<>']);

export function redirectWrites(r: ShellRedirect): boolean {
  if (WRITE_REDIRECTS.has(r.op)) return true;
  // `>& file` (no digit target) writes the file like `&>`.
  return r.op === '>&' && !/^\d+$|^-$/.test(r.target.text);
}

// ---------------------------------------------------------------------------------------------
// Rule context

export interface Env {
  workspace: string;
  home: string;
  prot: ProtectedPaths;
}

export function withinWorkspace(env: Env, abs: string): string | undefined {
  const rel = path.relative(env.workspace, abs);
  if (rel === '') return '';
  if (rel === '..' || rel.startsWith('..' + path.sep) || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join('/');
}

/** Lexically normalised text of a path word (no `.`/`..` segments, no leading `../`). */
export function looseSegments(text: string): string[] {
  const out: string[] = [];
  for (const s of text.split('/')) {
    if (s === '' || s === '.') continue;
    if (s === '..') out.pop();
    else out.push(s);
  }
  return out;
}

/** The protected glob `text` reaches when the shell's directory is unknown (any suffix of it). */
export function protectedAnywhere(env: Env, text: string): string | undefined {
  const segs = looseSegments(text);
  for (let i = 0; i < segs.length; i++) {
    const g = env.prot.match(segs.slice(i).join('/'));
    if (g) return g;
  }
  return undefined;
}


export function writeDenial(env: Env, cwd: string, t: WriteTarget): string | undefined {
  const { word } = t;
  const abs = word.dynamic ? undefined : resolveWordPath(word, cwd, env.home);
  const rel = abs === undefined ? undefined : withinWorkspace(env, abs);
  const glob = (rel !== undefined ? env.prot.touches(rel, t.recursive) : undefined) ?? protectedAnywhere(env, word.text);
  if (glob) {
    return `writes to the protected path ${glob} (${word.raw}): workflow files are never changed by the agent (the action's token cannot push them); describe the change in your summary instead`;
  }
  return undefined;
}
