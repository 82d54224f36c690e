/**
 * Pushes of the action's trusted git (src/git/repo.ts): never forced; a branch that moved on the
 * remote is merged in without touching the work tree; a branch that refuses the work (a conflict,
 * a ruleset) gets it on a side branch instead, said in the result.
 */
import { GitError, isNonFastForward } from './exec.js';
import { env, fetchBranch, git, headSha, retryTransient, syncWorkspace, type Identity, type RepoContext } from './repo.js';

export interface PushResult {
  pushed: boolean;
  /** The commit the pushed branch now points at. */
  sha: string;
  /** The remote branch had moved: the action merged it in before pushing (verification must run again). */
  merged?: boolean;
  /** The branch could not take the push (a conflict, a ruleset): the work went to this branch instead. */
  sideBranch?: string;
  /** Why the side branch was needed, one line. */
  reason?: string;
}

/**
 * Pushes HEAD to `refs/heads/<branch>` without force (the agent never force-pushes). When the
 * remote branch moved (someone else pushed), its commits are merged in — in the trusted
 * directory, with `git merge-tree` (no work tree involved), the work tree then checked out to the
 * merge through the sandbox — and the push is tried again; the caller re-runs verification when
 * `merged` is set. When the branches conflict, or the remote refuses the branch (a ruleset, a
 * protected branch, a pre-receive hook), the work is pushed to a side branch
 * `<branch>-kiro-<time>` instead and `sideBranch`/`reason` say so.
 * @param identity author and committer of a merge commit
 * @throws when even the side branch is refused, or on other git failures
 */
export async function pushBranch(ctx: RepoContext, branch: string, identity?: Identity): Promise<PushResult> {
  const sha = await headSha(ctx);
  if (ctx.dryRun) {
    if (ctx.onSkippedPush) {
      // the commits the push would have sent: those not on any remote-tracking branch
      const log = (await git(ctx, ['log', '--format=%H %s', sha, '--not', '--remotes'])).stdout;
      const patch = (await git(ctx, ['log', '-p', '--format=commit %H%nAuthor: %an <%ae>%n%n%B', sha, '--not', '--remotes'])).stdout;
      ctx.onSkippedPush({ branch, sha, log, patch });
    }
    return { pushed: false, sha };
  }
  const push = (ref: string) => retryTransient(() => git(ctx, ['push', '--porcelain', 'origin', `HEAD:refs/heads/${ref}`], { env: env(ctx), allowFailure: true }));
  // once the branch refused the work, this run keeps using its side branch
  const earlier = sideBranches.get(ctx)?.get(branch);
  if (earlier) {
    const again = await push(earlier.side);
    if (again.code !== 0) throw new GitError(['push', 'origin', `HEAD:refs/heads/${earlier.side}`], again);
    return { pushed: true, sha, sideBranch: earlier.side, reason: earlier.reason };
  }
  let r = await push(branch);
  if (r.code === 0) return { pushed: true, sha };
  // with --porcelain the per-ref verdict ("[rejected] … (non-fast-forward)") is on stdout
  const said = `${r.stdout}\n${r.stderr}`;
  let reason = pushRefusal(said);
  if (isNonFastForward({ ...r, stderr: said }) && !isRuleRejection(said)) {
    const remote = await fetchBranch(ctx, branch);
    const merged = remote ? await mergeRemote(ctx, branch, remote, identity) : undefined;
    if (merged) {
      r = await push(branch);
      if (r.code === 0) return { pushed: true, sha: merged, merged: true };
      reason = pushRefusal(`${r.stdout}\n${r.stderr}`);
    } else {
      reason = `\`${branch}\` changed on the remote and its changes conflict with the agent's`;
    }
  }
  const side = `${branch}-kiro-${Date.now().toString(36)}`;
  const s = await push(side);
  if (s.code !== 0) throw new GitError(['push', 'origin', `HEAD:refs/heads/${side}`], s);
  const memo = sideBranches.get(ctx) ?? new Map<string, { side: string; reason: string }>();
  memo.set(branch, { side, reason });
  sideBranches.set(ctx, memo);
  return { pushed: true, sha: await headSha(ctx), sideBranch: side, reason };
}

/** The side branch each task branch was diverted to, per repository context (one run). */
const sideBranches = new WeakMap<RepoContext, Map<string, { side: string; reason: string }>>();

/** A ruleset, a protected branch or a pre-receive hook refused the push. */
function isRuleRejection(stderr: string): boolean {
  return /GH013|GH006|rule violations|protected branch|pre-receive hook declined|hook declined/i.test(stderr);
}

/** One line saying why the remote refused a push (`remote:` lines first). */
function pushRefusal(stderr: string): string {
  const remote = stderr.split('\n').filter((l) => /^remote:\s*\S/.test(l)).map((l) => l.replace(/^remote:\s*/, ''));
  const line = remote[0] ?? stderr.split('\n').find((l) => /rejected|denied|declined|error/i.test(l)) ?? 'the push was refused';
  return `the remote refused the push: ${line.trim().slice(0, 200)}`;
}

/**
 * Merges the remote branch tip into HEAD without touching the work tree (`git merge-tree
 * --write-tree`, git ≥ 2.38), commits the merge, and checks the result out in the work tree
 * through the sandbox. @returns the merge commit, or undefined on a conflict
 */
async function mergeRemote(ctx: RepoContext, branch: string, remote: string, identity?: Identity): Promise<string | undefined> {
  const m = await git(ctx, ['merge-tree', '--write-tree', '--no-messages', 'HEAD', remote], { allowFailure: true });
  if (m.code !== 0) return undefined;
  const tree = m.stdout.split('\n')[0]!.trim();
  const who = identity ?? { name: 'kiro-action[bot]', email: 'kiro-action@users.noreply.github.com' };
  const commit = (
    await git(ctx, ['commit-tree', tree, '-p', 'HEAD', '-p', remote, '-m', `Merge the remote changes of ${branch}`], {
      env: { GIT_AUTHOR_NAME: who.name, GIT_AUTHOR_EMAIL: who.email, GIT_COMMITTER_NAME: who.name, GIT_COMMITTER_EMAIL: who.email },
    })
  ).stdout.trim();
  await git(ctx, ['update-ref', `refs/heads/${branch}`, commit]);
  await git(ctx, ['read-tree', commit]);
  await syncWorkspace(ctx, 'checkout', branch, commit);
  await git(ctx, ['update-index', '-q', '--refresh'], { allowFailure: true });
  return commit;
}
