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
import { lstatSync, realpathSync } from 'node:fs';
import path from 'node:path';
import type { PolicyDecision, ToolPolicy } from '../agent/types.js';
import { createCommandPolicy, pausesBeforeDestructive } from './commands.js';
import type { AutonomyLevel, CommandDecision, CommandPolicyConfig } from './commands.js';
import { createProtectedPaths, DEFAULT_PROTECTED_GLOBS, isGitConfig, isInGitDir, PathReasons } from './protected.js';
import type { ProtectedPaths } from './protected.js';

export { createProtectedPaths, DEFAULT_PROTECTED_GLOBS, findProtectedChanges, isGitConfig, isInGitDir, PathReasons } from './protected.js';
export type { ProtectedPaths } from './protected.js';

export type PathOp = 'read' | 'write';
export type PathDecision = PolicyDecision & { resolved?: string };

export interface PathGuard {
  /** Absolute workspace path, as given (resolved). */
  readonly workspace: string;
  /** Its realpath. */
  readonly realWorkspace: string;
  readonly protectedPaths: ProtectedPaths;
  /**
   * Decides whether the file tools may `op` the path (relative to the workspace, or absolute).
   * On allow, `resolved` is the absolute, symlink-resolved path inside the workspace.
   */
  check(p: string, op: PathOp): PathDecision;
}

function realpathOrSelf(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

function within(root: string, p: string): string | undefined {
  const rel = path.relative(root, p);
  if (rel === '') return '';
  if (rel.startsWith('..') && (rel === '..' || rel.startsWith('..' + path.sep))) return undefined;
  if (path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join('/');
}

/**
 * Resolves symlinks of `abs` or, when it does not exist, of its nearest existing ancestor.
 * Returns undefined for a dangling symlink (writing through it would create its target).
 */
function resolveReal(abs: string): string | undefined {
  const missing: string[] = [];
  let cur = abs;
  for (;;) {
    let exists = false;
    try {
      lstatSync(cur);
      exists = true;
    } catch {
      exists = false;
    }
    if (exists) {
      let real: string;
      try {
        real = realpathSync(cur);
      } catch {
        return undefined; // dangling or looping symlink
      }
      return missing.length ? path.join(real, ...missing.reverse()) : real;
    }
    const parent = path.dirname(cur);
    if (parent === cur) return abs;
    missing.push(path.basename(cur));
    cur = parent;
  }
}

/**
 * Guards the file tools. `workspace` is the repository work tree; `protectedGlobs` default to
 * `DEFAULT_PROTECTED_GLOBS`.
 */
export function createPathGuard(workspace: string, opts: { protectedGlobs?: readonly string[] } = {}): PathGuard {
  const ws = path.resolve(workspace);
  const realWs = realpathOrSelf(ws);
  const prot = createProtectedPaths(opts.protectedGlobs ?? DEFAULT_PROTECTED_GLOBS);
  return {
    workspace: ws,
    realWorkspace: realWs,
    protectedPaths: prot,
    check(p: string, op: PathOp): PathDecision {
      if (typeof p !== 'string' || p.trim() === '' || p.includes('\0')) {
        return { action: 'deny', reason: 'give a file path (relative to the repository root)' };
      }
      const shown = p;
      // Absolute paths under the real workspace are accepted as well as under the given one.
      const abs = path.isAbsolute(p) ? path.resolve(p) : path.resolve(ws, p);
      const lexical = within(ws, abs) ?? within(realWs, abs);
      if (lexical === undefined) return { action: 'deny', reason: PathReasons.outside(shown) };
      const real = resolveReal(abs);
      if (real === undefined) {
        return { action: 'deny', reason: `${shown} is a symlink whose target does not exist (or loops); it cannot be used` };
      }
      const realRel = within(realWs, real);
      if (realRel === undefined) return { action: 'deny', reason: PathReasons.symlinkOutside(shown, real) };
      for (const rel of new Set([lexical, realRel])) {
        if (op === 'read' && isGitConfig(rel)) return { action: 'deny', reason: PathReasons.gitConfig(shown) };
        if (op === 'write') {
          if (isInGitDir(rel)) return { action: 'deny', reason: PathReasons.gitDir(shown) };
          const glob = prot.match(rel);
          if (glob) return { action: 'deny', reason: PathReasons.protected(shown, glob) };
        }
      }
      return { action: 'allow', resolved: real };
    },
  };
}

export interface EditBudgetConfig {
  /** Distinct files the task may create or change. */
  maxFileEditsPerTask: number;
  /** Creating a file pauses for the owner's approval. */
  requireApprovalForNewFiles: boolean;
  /** Files already edited by earlier runs of the same task (absolute, resolved). */
  alreadyEdited?: Iterable<string>;
  /** New files the owner approved after a pause (absolute, resolved). */
  approvedNewFiles?: Iterable<string>;
  /** Workspace root, to show paths relative to it in reasons. */
  workspace?: string;
}

export interface EditBudget {
  /**
   * Before a write: `creating` is true when the file does not exist yet. Counts distinct files;
   * a file beyond the budget is denied, a new file pauses when approval is required.
   */
  checkEdit(resolvedPath: string, creating: boolean): PolicyDecision;
  /** Files counted so far. */
  readonly edited: ReadonlySet<string>;
  /** Records the owner's approval to create `resolvedPath`. */
  approveNewFile(resolvedPath: string): void;
  /** Counts `resolvedPath` as edited (a file an earlier run of the task changed); never denies. */
  recordEdited(resolvedPath: string): void;
}

/** The edit budget of one task (SPEC.md §2). */
export function createEditBudget(config: EditBudgetConfig): EditBudget {
  const max = Math.max(0, Math.floor(config.maxFileEditsPerTask));
  const edited = new Set<string>(config.alreadyEdited ?? []);
  const approved = new Set<string>(config.approvedNewFiles ?? []);
  const show = (p: string): string => (config.workspace ? (within(realpathOrSelf(config.workspace), p) ?? within(path.resolve(config.workspace), p) ?? p) : p);
  return {
    edited,
    approveNewFile: (p) => void approved.add(p),
    recordEdited: (p) => void edited.add(p),
    checkEdit(resolvedPath: string, creating: boolean): PolicyDecision {
      if (!edited.has(resolvedPath) && edited.size >= max) {
        const list = [...edited].slice(0, 10).map(show).join(', ');
        return {
          action: 'deny',
          reason:
            `the edit budget is used up: this task may change at most ${max} distinct files (maxFileEditsPerTask) and has changed ${edited.size}` +
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

// ---------------------------------------------------------------------------------------------
// Large rewrites (balanced autonomy pauses before them)

export interface RewriteThresholds {
  /** Files shorter than this (lines) are never "large". Default 40. */
  minLines: number;
  /** Share of the old lines removed or replaced that makes a rewrite large. Default 0.5. */
  share: number;
  /** Removed lines that always make a rewrite large. Default 300. */
  maxRemoved: number;
}

export const DEFAULT_REWRITE_THRESHOLDS: RewriteThresholds = Object.freeze({ minLines: 40, share: 0.5, maxRemoved: 300 });

/** Lines of `before` that `after` no longer has (multiset difference; O(n)). */
function removedLines(before: string, after: string): number {
  const counts = new Map<string, number>();
  for (const l of after.split('\n')) counts.set(l, (counts.get(l) ?? 0) + 1);
  let removed = 0;
  for (const l of before.split('\n')) {
    const c = counts.get(l) ?? 0;
    if (c > 0) counts.set(l, c - 1);
    else removed++;
  }
  return removed;
}

/**
 * Whether replacing `before` by `after` is a large rewrite that balanced and cautious autonomy
 * pause before (SPEC.md §2). `before` undefined means a new file (never a rewrite).
 */
export function checkRewrite(
  shownPath: string,
  before: string | undefined,
  after: string,
  autonomy: AutonomyLevel,
  thresholds: RewriteThresholds = DEFAULT_REWRITE_THRESHOLDS,
): PolicyDecision {
  if (!pausesBeforeDestructive(autonomy) || before === undefined) return { action: 'allow' };
  const lines = before.split('\n').length;
  if (lines < thresholds.minLines) return { action: 'allow' };
  const removed = removedLines(before, after);
  if (removed >= thresholds.maxRemoved || removed / lines >= thresholds.share) {
    return {
      action: 'pause',
      reason: `rewriting ${shownPath} replaces ${removed} of its ${lines} lines, a large rewrite; autonomy level ${autonomy} pauses before large rewrites`,
    };
  }
  return { action: 'allow' };
}

// ---------------------------------------------------------------------------------------------
// The tool policy

export interface ToolPolicyConfig {
  /** Absolute path of the repository work tree. */
  workspace: string;
  commands: CommandPolicyConfig;
  maxFileEditsPerTask: number;
  requireApprovalForNewFiles: boolean;
  /** Paths neither the file tools nor commands may write; default `DEFAULT_PROTECTED_GLOBS`. */
  protectedGlobs?: readonly string[];
  /** Files edited by earlier runs of the task (resolved), counted against the budget. */
  alreadyEdited?: Iterable<string>;
  /** New files the owner approved after a pause (resolved). */
  approvedNewFiles?: Iterable<string>;
}

/** `ToolPolicy` plus what the tools and the orchestrator may also use. */
export interface KiroToolPolicy extends ToolPolicy {
  /** `checkCommand` when the shell's working directory (absolute) is known. */
  checkCommandIn(command: string, cwd: string): CommandDecision;
  /** Balanced/cautious pause before a large rewrite of an existing file. */
  checkRewrite(resolvedPath: string, before: string | undefined, after: string): PolicyDecision;
  /** Records the owner's approval of a paused command line or new file. */
  approveCommand(command: string): void;
  approveNewFile(resolvedPath: string): void;
  /** Records the owner's approval of a large rewrite of `resolvedPath` (later rewrites of it do not pause). */
  approveRewrite(resolvedPath: string): void;
  /**
   * Records the owner's approval of a paused file tool call, by the path the pause named
   * (workspace-relative or absolute): creating it and rewriting it no longer pause. Returns
   * false when the path is not a file the tools may write (nothing is approved).
   */
  approvePath(p: string): boolean;
  /**
   * Counts files an earlier run of the same task changed (workspace-relative or absolute)
   * against `maxFileEditsPerTask`, so the budget is per task, not per job.
   */
  countEdited(paths: Iterable<string>): void;
  readonly autonomy: AutonomyLevel;
  /** Files counted against maxFileEditsPerTask (resolved). */
  readonly editedFiles: ReadonlySet<string>;
}

/**
 * The policy the agent's tools ask before acting (`src/agent/types.ts` `ToolPolicy`): the
 * command policy, the path guard and the edit budget over one workspace.
 */
export function createToolPolicy(config: ToolPolicyConfig): KiroToolPolicy {
  const protectedGlobs = config.protectedGlobs ?? config.commands.protectedGlobs ?? DEFAULT_PROTECTED_GLOBS;
  const guard = createPathGuard(config.workspace, { protectedGlobs });
  const commands = createCommandPolicy({ workspace: guard.workspace, protectedGlobs, ...config.commands });
  const budget = createEditBudget({
    maxFileEditsPerTask: config.maxFileEditsPerTask,
    requireApprovalForNewFiles: config.requireApprovalForNewFiles,
    workspace: guard.workspace,
    ...(config.alreadyEdited ? { alreadyEdited: config.alreadyEdited } : {}),
    ...(config.approvedNewFiles ? { approvedNewFiles: config.approvedNewFiles } : {}),
  });
  const shown = (p: string): string => within(guard.realWorkspace, p) ?? within(guard.workspace, p) ?? p;
  const rewritesApproved = new Set<string>();
  const resolveWritable = (p: string): string | undefined => {
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
    checkRewrite: (resolvedPath, before, after) =>
      rewritesApproved.has(resolvedPath) ? { action: 'allow' } : checkRewrite(shown(resolvedPath), before, after, config.commands.autonomy),
    approveCommand: (command) => commands.approve(command),
    approveNewFile: (p) => budget.approveNewFile(p),
    approveRewrite: (p) => void rewritesApproved.add(p),
    approvePath(p: string): boolean {
      const resolved = resolveWritable(p);
      if (!resolved) return false;
      budget.approveNewFile(resolved);
      rewritesApproved.add(resolved);
      return true;
    },
    countEdited(paths: Iterable<string>): void {
      for (const p of paths) {
        const resolved = resolveWritable(p);
        // protected and outside paths cannot have been written by the tools: not counted
        if (resolved) budget.recordEdited(resolved);
      }
    },
  };
}
