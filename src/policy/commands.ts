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
import { analyzeCommandLine, resolveWordPath, ShellSyntaxError } from './shell.js';
import { getopt, has, redirectWrites, val, writeDenial, writeTargets, type Env } from './command-args.js';
import { ghRule, gitRule, PUSH_REASON } from './command-git.js';
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
