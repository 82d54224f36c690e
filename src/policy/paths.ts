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
import picomatch from 'picomatch';
import type { PolicyDecision } from '../agent/types.js';

/** Paths the model may never write, relative to the workspace root (picomatch globs). */
export const DEFAULT_PROTECTED_GLOBS: readonly string[] = Object.freeze(['.github/workflows/**']);

/** Why each kind of refusal happens; shown to the model in the tool result. */
export const PathReasons = {
  protected: (p: string, glob: string) =>
    `${p} matches the protected path ${glob}: workflow files are never changed by the agent (the action's token cannot push them); describe the change needed in your summary instead`,
  gitDir: (p: string) => `${p} is inside .git/, git's own directory; use git commands to change the repository`,
  gitConfig: (p: string) => `${p} is git's configuration file, which may hold the job's credentials; it is not readable by the agent`,
  outside: (p: string) => `${p} is outside the workspace; only files of the checked-out repository can be used`,
  symlinkOutside: (p: string, target: string) => `${p} is a symlink (or lies under one) that leads outside the workspace, to ${target}`,
} as const;

/** Glob set for protected paths. Matching is case-insensitive (case-insensitive runners exist). */
export interface ProtectedPaths {
  readonly globs: readonly string[];
  /** The glob a workspace-relative path matches, if any. */
  match(rel: string): string | undefined;
  /**
   * The glob a write to `target` (a workspace-relative path or glob pattern) could affect: the
   * target is protected, a pattern that can name a protected path, or — when `recursive` (rm -r,
   * mv of a directory) — an ancestor directory of a protected tree.
   */
  touches(target: string, recursive: boolean): string | undefined;
}

const MATCH_OPTS = { dot: true, nocase: true } as const;

/** Builds the protected-path matcher; `globs` default to `DEFAULT_PROTECTED_GLOBS`. */
export function createProtectedPaths(globs: readonly string[] = DEFAULT_PROTECTED_GLOBS): ProtectedPaths {
  const compiled = globs.map((g) => ({ glob: g, test: picomatch(g, MATCH_OPTS), base: picomatch.scan(g).base }));
  const match = (rel: string): string | undefined => compiled.find((c) => c.test(rel))?.glob;
  return {
    globs: Object.freeze([...globs]),
    match,
    touches(target: string, recursive: boolean): string | undefined {
      const clean = target.replace(/\/+$/, '');
      const direct = match(clean);
      if (direct) return direct;
      const isPattern = picomatch.scan(clean).isGlob;
      for (const c of compiled) {
        if (!c.base) continue;
        const baseSegs = c.base.split('/');
        const segs = clean === '' || clean === '.' ? [] : clean.split('/');
        let ok = true;
        const n = Math.min(segs.length, baseSegs.length);
        for (let i = 0; i < n && ok; i++) {
          const s = segs[i] as string;
          const b = baseSegs[i] as string;
          ok = isPattern ? picomatch.isMatch(b, s, { dot: false, nocase: true }) : s.toLowerCase() === b.toLowerCase();
        }
        if (!ok) continue;
        if (segs.length >= baseSegs.length && isPattern) return c.glob; // a pattern reaching into the tree
        if (segs.length < baseSegs.length && recursive) return c.glob; // an ancestor, recursively
      }
      return undefined;
    },
  };
}

/** True when a workspace-relative path has a `.git` segment (the repository's or a submodule's). */
export function isInGitDir(rel: string): boolean {
  return rel.split(/[\\/]/).some((s) => s.toLowerCase() === '.git');
}

/** True for git configuration files inside a `.git` directory (`.git/config`, submodule configs). */
export function isGitConfig(rel: string): boolean {
  return /(^|\/)\.git\/(.*\/)?config(\.worktree)?$/i.test(rel.replace(/\\/g, '/'));
}

/**
 * Paths among `changedPaths` (workspace-relative, as `git diff --name-only` prints them) that the
 * action must not commit, whoever changed them. For the orchestrator, before committing.
 */
export function findProtectedChanges(changedPaths: readonly string[], globs: readonly string[] = DEFAULT_PROTECTED_GLOBS): { path: string; glob: string }[] {
  const prot = createProtectedPaths(globs);
  const out: { path: string; glob: string }[] = [];
  for (const p of changedPaths) {
    const rel = p.replace(/^\.\//, '');
    const glob = prot.match(rel) ?? (isInGitDir(rel) ? '.git/**' : undefined);
    if (glob) out.push({ path: p, glob });
  }
  return out;
}

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
