/**
 * The action's git for one repository as one object (in the style of actions/checkout's
 * `git-command-manager.ts`): one method per verb over the trusted git directory and the work tree
 * (src/git/repo.ts, push.ts), the network verbs (fetch, push) under one retry policy
 * (`retryTransient` with `isTransientGitError`, src/git/exec.ts). The orchestrator reaches a task's
 * repository only through this port (`Services.ports.git`), so tests can hand it their own; the two
 * git steps before a task has a repository context — a batch child's clone (`cloneWorkspace`) and
 * the checkout's credential scrub (`scrubPersistedCredentials`) — stay module functions.
 */
import { pushBranch, type PushResult } from './push.js';
import {
  changedFilesSince,
  checkoutTaskBranch,
  commitWorkTree,
  diffAgainst,
  excludeFromCommits,
  fetchBranch,
  filesOfCommit,
  headSha,
  logSince,
  type CommitChecks,
  type CommitOutcome,
  type Identity,
  type RepoContext,
} from './repo.js';

export interface GitCommandManager {
  /** The repository as the git layer sees it (work tree, trusted git directory, remote). */
  readonly context: RepoContext;
  /** Work tree path. */
  readonly dir: string;
  /** Fetches `branch` from `origin` into the trusted directory. @returns its tip, or undefined when the remote has no such branch */
  fetch(branch: string, depth?: number): Promise<string | undefined>;
  /** Checks `branch` out (from the remote when it exists, else from `base`), in both git directories. */
  checkoutTaskBranch(branch: string, base: string): Promise<{ baseSha: string; resumed: boolean }>;
  /** HEAD of the trusted directory. */
  head(): Promise<string>;
  /** Commits the whole work tree as data (protected paths left out, secrets scrubbed). */
  commit(message: string, author: Identity, coAuthors: readonly Identity[], checks: CommitChecks): Promise<CommitOutcome>;
  /** Pushes HEAD to `branch` without force (a moved branch merged in, a refused one diverted to a side branch). */
  push(branch: string, identity?: Identity): Promise<PushResult>;
  /** Unified diff `base...HEAD`. */
  diff(base: string, opts?: { stat?: boolean }): Promise<string>;
  /** Files changed `base...HEAD`, with their status letter. */
  changedFiles(base: string): Promise<Array<{ status: string; path: string }>>;
  /** Commits `base..HEAD`. */
  log(base: string): Promise<Array<{ sha: string; subject: string; body: string }>>;
  /** Paths one commit changed. */
  filesOfCommit(sha: string): Promise<string[]>;
  /** Ignore rules for the action's commits (never committed). */
  exclude(patterns: readonly string[]): Promise<void>;
}

/** The git command manager of `ctx` (src/main.ts's git port builds it from `repoContextOf`). */
export function createGitCommandManager(ctx: RepoContext): GitCommandManager {
  return {
    context: ctx,
    dir: ctx.dir,
    fetch: (branch, depth) => fetchBranch(ctx, branch, depth),
    checkoutTaskBranch: (branch, base) => checkoutTaskBranch(ctx, branch, base),
    head: () => headSha(ctx),
    commit: (message, author, coAuthors, checks) => commitWorkTree(ctx, message, author, coAuthors, checks),
    push: (branch, identity) => pushBranch(ctx, branch, identity),
    diff: (base, opts) => diffAgainst(ctx, base, opts),
    changedFiles: (base) => changedFilesSince(ctx, base),
    log: (base) => logSince(ctx, base),
    filesOfCommit: (sha) => filesOfCommit(ctx, sha),
    exclude: (patterns) => excludeFromCommits(ctx, patterns),
  };
}
