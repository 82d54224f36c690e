/**
 * Protected paths shared by the file tools (`paths.ts`), the command policy (`commands.ts`) and
 * the orchestrator's commit guard (`findProtectedChanges`). A leaf module: no policy imports.
 */
import picomatch from 'picomatch';

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
 * action must not commit, whoever changed them (the model's editor, its shell, a script, a
 * formatter): protected globs and anything under a `.git` directory. For the orchestrator,
 * before committing; returns the offending paths in input order.
 */
export function findProtectedChanges(changedPaths: readonly string[], globs: readonly string[] = DEFAULT_PROTECTED_GLOBS): string[] {
  const prot = createProtectedPaths(globs);
  return changedPaths.filter((p) => {
    const rel = p.replace(/^\.\//, '');
    return prot.match(rel) !== undefined || isInGitDir(rel);
  });
}

