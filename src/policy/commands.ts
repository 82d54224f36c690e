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
import { homedir } from 'node:os';
import path from 'node:path';
import picomatch from 'picomatch';
import type { PolicyDecision } from '../agent/types.js';
import { createProtectedPaths, DEFAULT_PROTECTED_GLOBS } from './protected.js';
import type { ProtectedPaths } from './protected.js';
import { analyzeCommandLine, literalWord, parseGitArgs, resolveWordPath, ShellSyntaxError } from './shell.js';
import type { ShellAnalysis, ShellRedirect, ShellWord, SimpleCommand } from './shell.js';

/** SPEC.md §2: full runs to the end; balanced pauses before destructive commands and large rewrites; cautious also after each plan step. */
export { AutonomyLevels, type AutonomyLevel } from '../constants.js';
import type { AutonomyLevel } from '../constants.js';

/** True when the orchestrator must pause after each plan step (cautious autonomy). */
export function pausesAfterEachStep(autonomy: AutonomyLevel): boolean {
  return autonomy === 'cautious';
}

/** True when destructive commands and large rewrites pause (balanced and cautious). */
export function pausesBeforeDestructive(autonomy: AutonomyLevel): boolean {
  return autonomy !== 'full';
}

export interface CommandPolicyConfig {
  /** Globs (see `compileCommandRule`); a matching simple command is refused. */
  forbiddenCommands: readonly string[];
  /** Globs; when non-empty, a simple command matching none pauses. */
  allowedCommands: readonly string[];
  autonomy: AutonomyLevel;
  /** Absolute workspace path (paths resolve against it; scripts there are read). */
  workspace?: string;
  /** Paths no command may write; default `DEFAULT_PROTECTED_GLOBS`. */
  protectedGlobs?: readonly string[];
  /** Home directory for `~` and `$HOME`; default `os.homedir()`. */
  home?: string;
  /** Read scripts and package.json scripts the line runs; default true when `workspace` is set. */
  inspectFiles?: boolean;
  /** Command lines the task owner approved after a pause: they run instead of pausing again (never overrides a denial). */
  approved?: Iterable<string>;
}

export type CommandDecision = PolicyDecision & {
  /** Every simple command the line runs, as policy text (`argv` joined, program basename). */
  commands: string[];
};

export interface CommandPolicy {
  /**
   * Decides whether the model may run `commandLine`. `cwd` is the shell's working directory
   * (absolute) when the caller knows it; default the workspace. Never throws.
   */
  check(commandLine: string, opts?: { cwd?: string }): CommandDecision;
  /** Records an approval given after a pause. */
  approve(commandLine: string): void;
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
export function compileCommandRule(rule: string): (text: string) => boolean {
  const words = rule.trim().split(/\s+/);
  if (words[0] && !/[*?[{]/.test(words[0]) && words[0].includes('/')) words[0] = words[0].replace(/^.*\//, '');
  const re = picomatch.makeRe(words.join(' '), { bash: true, dot: true });
  return (text: string): boolean => {
    if (re.test(text)) return true;
    for (let i = text.indexOf(' '); i !== -1; i = text.indexOf(' ', i + 1)) {
      if (re.test(text.slice(0, i))) return true;
    }
    return false;
  };
}

// ---------------------------------------------------------------------------------------------
// Option parsing over parsed words (not shell text)

interface Opts {
  operands: ShellWord[];
  flags: Set<string>;
  values: Map<string, ShellWord[]>;
}

/** getopt-style scan: `shortArg` letters and `longArg` names take a value. */
function getopt(args: readonly ShellWord[], shortArg = '', longArg: readonly string[] = []): Opts {
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

const has = (o: Opts, ...names: string[]): boolean => names.some((n) => o.flags.has(n));
const val = (o: Opts, ...names: string[]): ShellWord[] => names.flatMap((n) => o.values.get(n) ?? []);

// ---------------------------------------------------------------------------------------------
// Effects: files a command writes

interface WriteTarget {
  word: ShellWord;
  /** The whole tree under the target is affected (rm -r, mv of a directory). */
  recursive: boolean;
}

function writeTargets(cmd: SimpleCommand): WriteTarget[] {
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

const WRITE_REDIRECTS = new Set(['>', '>>', '>|', '&>', '&>>', '<>']);

function redirectWrites(r: ShellRedirect): boolean {
  if (WRITE_REDIRECTS.has(r.op)) return true;
  // `>& file` (no digit target) writes the file like `&>`.
  return r.op === '>&' && !/^\d+$|^-$/.test(r.target.text);
}

// ---------------------------------------------------------------------------------------------
// Rule context

interface Env {
  workspace: string;
  home: string;
  prot: ProtectedPaths;
}

function withinWorkspace(env: Env, abs: string): string | undefined {
  const rel = path.relative(env.workspace, abs);
  if (rel === '') return '';
  if (rel === '..' || rel.startsWith('..' + path.sep) || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join('/');
}

/** Lexically normalised text of a path word (no `.`/`..` segments, no leading `../`). */
function looseSegments(text: string): string[] {
  const out: string[] = [];
  for (const s of text.split('/')) {
    if (s === '' || s === '.') continue;
    if (s === '..') out.pop();
    else out.push(s);
  }
  return out;
}

/** The protected glob `text` reaches when the shell's directory is unknown (any suffix of it). */
function protectedAnywhere(env: Env, text: string): string | undefined {
  const segs = looseSegments(text);
  for (let i = 0; i < segs.length; i++) {
    const g = env.prot.match(segs.slice(i).join('/'));
    if (g) return g;
  }
  return undefined;
}


function writeDenial(env: Env, cwd: string, t: WriteTarget): string | undefined {
  const { word } = t;
  const abs = word.dynamic ? undefined : resolveWordPath(word, cwd, env.home);
  const rel = abs === undefined ? undefined : withinWorkspace(env, abs);
  const glob = (rel !== undefined ? env.prot.touches(rel, t.recursive) : undefined) ?? protectedAnywhere(env, word.text);
  if (glob) {
    return `writes to the protected path ${glob} (${word.raw}): workflow files are never changed by the agent (the action's token cannot push them); describe the change in your summary instead`;
  }
  return undefined;
}


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
const PUSHING_ALIAS = (key: string, value: string | undefined) => key.startsWith('alias.') && value !== undefined && /\bpush\b|send-pack/.test(value);

function gitConfigRule(rest: ShellWord[]): string | undefined {
  const o = getopt(rest, 'f', ['file', 'blob', 'type', 'default', 'comment', 'value']);
  if (rest.some((w) => w.dynamic)) return 'runs git config with arguments computed at run time';
  const verbs = ['get', 'set', 'unset', 'list', 'edit', 'rename-section', 'remove-section'];
  const ops = o.operands.map((w) => w.text);
  // `git config set KEY VALUE` and `git config KEY VALUE` name the key at the same place after this
  if (ops[0] && verbs.includes(ops[0])) ops.shift();
  const key = (ops[0] ?? '').toLowerCase();
  if (SECRET_GIT_KEY.test(key)) return `git config ${key} concerns credentials or remotes; the agent's git never handles them (the action pushes)`;
  if (PUSHING_ALIAS(key, ops[1])) return `git config ${key} defines an alias that pushes; ${PUSH_REASON}`;
  return undefined;
}

function gitRule(cmd: SimpleCommand): { deny?: string; pause?: string } {
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
  if (g.sub.dynamic || g.sub.glob) return { deny: `the git subcommand \`${g.sub.raw}\` is computed at run time; write it literally` };
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
const GH_READ: Record<string, readonly string[] | '*'> = {
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

function ghApiRule(rest: ShellWord[]): string | undefined {
  let method: string | undefined;
  const fields: ShellWord[] = [];
  const operands: ShellWord[] = [];
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i] as ShellWord;
    const t = w.text;
    const next = (): ShellWord | undefined => rest[++i];
    if (t === '-X' || t === '--method') method = next()?.text ?? '';
    else if (t.startsWith('--method=')) method = t.slice(9);
    else if (t.startsWith('-X') && t.length > 2) method = t.slice(2);
    else if (t === '-f' || t === '-F' || t === '--field' || t === '--raw-field') {
      const v = next();
      if (v) fields.push(v);
    } else if (/^-[fF]./.test(t)) fields.push({ ...w, text: t.slice(2) });
    else if (t.startsWith('--field=') || t.startsWith('--raw-field=')) fields.push({ ...w, text: t.slice(t.indexOf('=') + 1) });
    else if (t === '--input' || t.startsWith('--input=')) return '`gh api --input` sends a request body; the agent may only read from the API (GET)';
    else if (['-H', '--header', '-q', '--jq', '-t', '--template', '-p', '--preview', '--cache', '--hostname'].includes(t)) next();
    else if (!t.startsWith('-')) operands.push(w);
  }
  const endpoint = operands[0]?.text ?? '';
  if (method !== undefined && (method.toUpperCase() !== 'GET' || rest.some((w) => w.dynamic && (w.text === method)))) {
    if (!(endpoint === 'graphql' && method.toUpperCase() === 'POST')) return `\`gh api -X ${method}\` writes to GitHub; the agent may only read from the API (GET)`;
  }
  if (endpoint === 'graphql') {
    const bad = fields.find((f) => f.dynamic || /^query=@/.test(f.text) || /\bmutation\b/i.test(f.text));
    return bad ? '`gh api graphql` may only run queries written literally (no mutations, no @file queries)' : undefined;
  }
  if (fields.length) return '`gh api` with -f/-F fields sends a request body (and defaults to POST); the agent may only read from the API (GET)';
  return undefined;
}

function ghRule(cmd: SimpleCommand): string | undefined {
  const args = cmd.argv.slice(1);
  const ops: ShellWord[] = [];
  let i = 0;
  for (; i < args.length && ops.length < 2; i++) {
    const t = (args[i] as ShellWord).text;
    if (t === '-R' || t === '--repo' || t === '--hostname') i++;
    else if (!t.startsWith('-') || (args[i] as ShellWord).dynamic) ops.push(args[i] as ShellWord);
  }
  const [top, sub] = ops;
  if (!top) return cmd.openArgs ? 'the gh subcommand comes from the input at run time, so the policy cannot check it' : undefined;
  if (top.dynamic || sub?.dynamic) return 'the gh subcommand is computed at run time; write it literally';
  if (top.text === 'api') return ghApiRule(args.slice(args.indexOf(top) + 1));
  const read = GH_READ[top.text];
  if (read === '*') return undefined;
  if (read && sub && read.includes(sub.text)) return undefined;
  if (read && !sub && !cmd.openArgs) return undefined;
  const what = sub ? `${top.text} ${sub.text}` : top.text;
  if (top.text === 'auth') return '`gh auth` shows or changes credentials; the agent\'s shell has none';
  return `\`gh ${what}\` writes to GitHub (or manages credentials, secrets or extensions); the action itself opens the pull request and posts comments — in the shell, gh may only read (gh pr view/list/diff/checks, gh issue view/list, gh run view/list, gh api GET)`;
}

// ---------------------------------------------------------------------------------------------
// Other defaults

const INTERPRETERS: Record<string, { flags: string[]; clusterEnds?: string }> = {
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
const CODE_SMELLS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bgit\b[^\n]{0,80}?\bpush\b|\bsend-pack\b/, 'pushes with git'],
  [/\bgh\b[\s'",]+(pr|issue|api|release|repo|secret|workflow|gist|auth)\b/, 'calls gh'],
  [/\.github[/\\]+workflows/, 'touches .github/workflows'],
];

function inlineCode(cmd: SimpleCommand): ShellWord[] {
  const spec = INTERPRETERS[cmd.name] ?? (/^python3\.\d+$/.test(cmd.name) ? INTERPRETERS.python3 : undefined);
  const out: ShellWord[] = [];
  if (spec) {
    const args = cmd.argv.slice(1);
    for (let i = 0; i < args.length; i++) {
      const t = (args[i] as ShellWord).text;
      const eq = t.indexOf('=');
      if (spec.flags.includes(t)) {
        const v = args[i + 1];
        if (v) out.push(v);
        i++;
      } else if (eq > 0 && spec.flags.includes(t.slice(0, eq))) {
        out.push({ ...(args[i] as ShellWord), text: t.slice(eq + 1) });
      } else if (spec.clusterEnds && /^-[a-zA-Z]+$/.test(t) && spec.clusterEnds.includes(t.slice(-1))) {
        const v = args[i + 1];
        if (v) out.push(v);
        i++;
      }
    }
    for (const r of cmd.redirects) if (r.body !== undefined) out.push({ text: r.body, raw: r.body, dynamic: false, glob: false, tilde: false, params: [] });
  }
  if (['awk', 'gawk', 'mawk', 'nawk', 'sed'].includes(cmd.name)) {
    const o = getopt(cmd.argv.slice(1), cmd.name === 'sed' ? 'efl' : 'fvFe', cmd.name === 'sed' ? ['expression', 'file'] : ['file', 'assign']);
    const scripts = cmd.name === 'sed' ? val(o, '-e', '--expression') : val(o, '-e');
    out.push(...(scripts.length || has(o, '-f', '--file') ? scripts : o.operands.slice(0, 1)));
  }
  return out;
}

function rmOperands(args: readonly ShellWord[]): { recursive: boolean; noPreserveRoot: boolean; operands: ShellWord[] } {
  const o = getopt(args);
  return { recursive: has(o, '-r', '-R', '--recursive'), noPreserveRoot: has(o, '--no-preserve-root'), operands: o.operands };
}

function catastrophicRm(env: Env, cmd: SimpleCommand): string | undefined {
  const { recursive, noPreserveRoot, operands } = rmOperands(cmd.argv.slice(1));
  if (noPreserveRoot) return '`rm --no-preserve-root` is never allowed';
  if (!recursive) return undefined;
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
    const dir = w.glob ? path.dirname(abs) : abs;
    const depth = dir.split('/').filter(Boolean).length;
    if (depth <= 1 || dir === env.home || (w.glob && (dir === env.home || depth <= 1))) {
      return `\`rm -r ${w.raw}\` would delete ${depth === 0 ? 'the whole file system' : dir === env.home ? 'the home directory' : `the system directory ${dir}`}`;
    }
  }
  return undefined;
}

function destructive(cmd: SimpleCommand): string | undefined {
  const args = cmd.argv.slice(1);
  switch (cmd.name) {
    case 'rm': {
      const { recursive } = rmOperands(args);
      if (recursive) return 'recursive delete';
      if (cmd.via.some((v) => v.startsWith('find') || v === 'xargs')) return 'deletes every file found';
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


function defaultDenial(env: Env, cmd: SimpleCommand): string | undefined {
  const name = cmd.name;
  if (name === 'git-push' || name === 'git-send-pack' || name === 'git-http-push' || name.startsWith('git-credential') || name.startsWith('git-remote-')) {
    return `\`${name}\` talks to a remote with credentials; ${PUSH_REASON}`;
  }
  if (name === 'git') {
    const r = gitRule(cmd);
    if (r.deny) return r.deny;
  }
  if (name === 'gh') {
    const why = ghRule(cmd);
    if (why) return why;
  }
  if (name === 'rm') {
    const why = catastrophicRm(env, cmd);
    if (why) return why;
  }
  for (const code of inlineCode(cmd)) {
    const smell = CODE_SMELLS.find(([re]) => re.test(code.text));
    if (smell) return `inline ${name} code that ${smell[1]}; the agent's programs may not do that either`;
  }
  for (const t of writeTargets(cmd)) {
    const why = writeDenial(env, cmd.cwd, t);
    if (why) return why;
  }
  return undefined;
}

function redirectDenial(env: Env, r: ShellRedirect): string | undefined {
  if (redirectWrites(r)) return writeDenial(env, r.cwd, { word: r.target, recursive: false });
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// The policy

/** Commands that only run another command; allowedCommands judges the inner one. */
const TRANSPARENT = new Set(['timeout', 'time', 'nice', 'nohup', 'command', 'builtin', 'exec', 'stdbuf', 'setsid', 'unbuffer', 'ionice', 'env']);
/** Builtins with no effect outside the shell; never paused by allowedCommands. */
const INERT = new Set(['cd', 'pushd', 'popd', 'pwd', 'true', 'false', ':', 'test', '[', 'echo', 'printf', 'set', 'exit', 'return', 'wait', 'sleep', 'export', 'declare', 'local', 'readonly', 'typeset', 'unset', 'shift', 'read']);

function describe(cmd: SimpleCommand): string {
  const text = cmd.text.length > 160 ? `${cmd.text.slice(0, 157)}...` : cmd.text;
  return `\`${text}\`${cmd.via.length ? ` (run by ${cmd.via.join(' → ')})` : ''}`;
}

/**
 * Builds the command policy. Rules in `forbiddenCommands`/`allowedCommands` follow
 * `compileCommandRule`; the built-in denials always apply (see the module comment).
 */
export function createCommandPolicy(config: CommandPolicyConfig): CommandPolicy {
  const forbidden = config.forbiddenCommands.map((rule) => ({ rule, test: compileCommandRule(rule) }));
  const allowed = config.allowedCommands.map((rule) => ({ rule, test: compileCommandRule(rule) }));
  const env: Env = {
    workspace: path.resolve(config.workspace ?? '/workspace'),
    home: config.home ?? homedir(),
    prot: createProtectedPaths(config.protectedGlobs ?? DEFAULT_PROTECTED_GLOBS),
  };
  const inspect = config.inspectFiles ?? config.workspace !== undefined;
  const approved = new Set<string>([...(config.approved ?? [])].map((s) => s.trim()));

  const decide = (line: string, cwd: string | undefined): CommandDecision => {
    let analysis: ShellAnalysis;
    try {
      analysis = analyzeCommandLine(line, {
        workspace: env.workspace,
        home: env.home,
        ...(cwd ? { cwd } : {}),
        ...(inspect ? {} : { readFile: null }),
      });
    } catch (e) {
      if (e instanceof ShellSyntaxError) {
        return { action: 'deny', reason: `the command does not parse as bash (${e.message}); fix the quoting or split it into simpler commands`, commands: [] };
      }
      return { action: 'deny', reason: `the command could not be analysed (${(e as Error).message}); write it more simply`, commands: [] };
    }
    const commands = analysis.commands.map((c) => c.text);
    const deny = (reason: string): CommandDecision => ({ action: 'deny', reason, commands });

    const problem = analysis.problems[0];
    if (problem) return deny(`${problem.reason}`);
    for (const r of analysis.redirects) {
      const why = redirectDenial(env, r);
      if (why) return deny(`${r.op} ${r.target.raw}: ${why}`);
    }
    const written = new Set<string>();
    for (const r of analysis.redirects) if (redirectWrites(r) && !r.target.dynamic) written.add(resolveWordPath(r.target, r.cwd, env.home));
    for (const cmd of analysis.commands) {
      const why = defaultDenial(env, cmd);
      if (why) return deny(`${describe(cmd)}: ${why}`);
      for (const t of writeTargets(cmd)) if (!t.word.dynamic) written.add(resolveWordPath(t.word, cmd.cwd, env.home));
    }
    for (const cmd of analysis.commands) {
      const hit = forbidden.find((f) => f.test(cmd.text));
      if (hit) return deny(`${describe(cmd)} matches the forbidden command rule "${hit.rule}" (agent.forbiddenCommands in .kiro/settings.json)`);
    }
    // A script (or package.json) written by this same line could not be read before it runs.
    for (const cmd of analysis.commands) {
      const script = cmd.scripts.find((s) => written.has(s));
      if (script) return deny(`${describe(cmd)} runs ${path.relative(env.workspace, script) || script}, which this same command line writes; write it first, then run it in a separate command so it can be checked`);
      if (['npm', 'yarn', 'pnpm', 'bun'].includes(cmd.name) && [...written].some((p) => path.basename(p) === 'package.json')) {
        return deny(`${describe(cmd)} runs package scripts while this same command line rewrites package.json; run them in a separate command`);
      }
    }

    const pauses: string[] = [];
    if (allowed.length) {
      for (const cmd of analysis.commands) {
        if (cmd.fromFile || TRANSPARENT.has(cmd.name)) continue;
        if (INERT.has(cmd.name) && !cmd.redirects.some(redirectWrites)) continue;
        if (!allowed.some((a) => a.test(cmd.text))) {
          pauses.push(`${describe(cmd)} is not in allowedCommands (${config.allowedCommands.join(', ')}), so it needs the task owner's approval`);
          break;
        }
      }
    }
    if (pausesBeforeDestructive(config.autonomy)) {
      for (const cmd of analysis.commands) {
        // The project's own scripts (npm run build's `rm -rf dist`) are not the agent's choice.
        if (cmd.fromFile) continue;
        const why = destructive(cmd) ?? (cmd.name === 'git' ? gitRule(cmd).pause : undefined);
        if (why) {
          pauses.push(`${describe(cmd)} is destructive (${why}); autonomy level ${config.autonomy} pauses before destructive commands`);
          break;
        }
      }
    }
    if (pauses.length) {
      if (approved.has(line.trim())) return { action: 'allow', commands };
      return { action: 'pause', reason: pauses.join('; '), commands };
    }
    return { action: 'allow', commands };
  };

  return {
    check(commandLine: string, opts: { cwd?: string } = {}): CommandDecision {
      if (typeof commandLine !== 'string' || commandLine.trim() === '') return { action: 'allow', commands: [] };
      if (commandLine.includes('\0')) return { action: 'deny', reason: 'the command contains a NUL byte', commands: [] };
      return decide(commandLine, opts.cwd);
    },
    approve(commandLine: string): void {
      approved.add(commandLine.trim());
    },
  };
}
