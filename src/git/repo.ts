/**
 * The action's trusted git (issue #9, docs/security.md "The boundary"). The workspace's own
 * `.git` is the model's scratch; the action keeps its own git directory outside the sandbox's
 * view (`RepoContext.gitDir`, under `$RUNNER_TEMP`) and uses the work tree only as data: it
 * stages the work tree's files into its own index, checks the whole change (protected paths,
 * secrets) there, and builds the commits it pushes itself — with the bot identity and a
 * `Co-authored-by:` trailer (https://docs.github.com/pull-requests/committing-changes-to-your-project/creating-and-editing-commits/creating-a-commit-with-multiple-authors).
 * Commits the model made in its own `.git` are never pushed. Every call goes through `execGit`
 * (no global or system config, no attributes file, no hooks, an absolute git, a fixed `PATH`);
 * the credential travels in the environment of fetches and pushes alone (src/git/auth.ts).
 * After each commit the model's `.git` is brought in step through the sandbox
 * (`RepoContext.workspaceGit`, src/git/workspace.ts), so `git status` and `git diff` keep making
 * sense to it.
 */
import { existsSync } from 'node:fs';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { authEnv, repositoryUrl } from './auth.js';
import { execGit, GitError, isTransientGitError } from './exec.js';
import type { ExecGitOptions, GitResult } from './exec.js';
import { workspaceGit } from './workspace.js';
import type { WorkspaceGitContext } from './workspace.js';

export interface Identity {
  name: string;
  email: string;
}

export interface RepoContext {
  /** Work tree path (the workspace; the model's files, read as data). */
  dir: string;
  /** The action's own git directory: outside the sandbox's view, never the work tree's `.git`. */
  gitDir: string;
  /**
   * Sandboxed git on the workspace's own `.git`, to check the task branch out there and to keep
   * the model's view in step with the action's commits. Absent: the model's `.git` is left alone.
   */
  workspaceGit?: WorkspaceGitContext;
  /** `GITHUB_SERVER_URL` */
  serverUrl: string;
  /** `owner/repo` */
  repository: string;
  token: string;
  /** When true, nothing is pushed (dry run); the push is reported instead. */
  dryRun?: boolean;
  /** Dry runs: told about each push that was skipped (branch, commit, diff against `base`). */
  onSkippedPush?: (push: { branch: string; sha: string; log: string; patch: string }) => void;
}

/** The auth header for fetches and pushes of `ctx` (src/git/auth.ts). */
export const env = (ctx: RepoContext) => authEnv(ctx.serverUrl, ctx.token);

/** Git on the trusted directory with the workspace as its work tree. */
export function git(ctx: RepoContext, args: readonly string[], opts: Omit<ExecGitOptions, 'cwd'> = {}): Promise<GitResult> {
  return execGit([`--git-dir=${ctx.gitDir}`, `--work-tree=${ctx.dir}`, ...args], { cwd: ctx.dir, ...opts });
}

/**
 * Creates the trusted git directory on first use: a bare repository used with an explicit work
 * tree, `origin` pointing at the repository on `serverUrl` (GHES-safe). Idempotent.
 */
export async function ensureTrustedRepo(ctx: RepoContext): Promise<void> {
  if (existsSync(path.join(ctx.gitDir, 'HEAD'))) return;
  await mkdir(ctx.gitDir, { recursive: true, mode: 0o700 });
  await execGit(['init', '-q', '--bare', ctx.gitDir], { cwd: ctx.gitDir });
  const cfg = (k: string, v: string) => execGit([`--git-dir=${ctx.gitDir}`, 'config', k, v], { cwd: ctx.gitDir });
  await cfg('core.bare', 'false');
  await cfg('remote.origin.url', repositoryUrl(ctx.serverUrl, ctx.repository));
  await cfg('remote.origin.fetch', '+refs/heads/*:refs/remotes/origin/*');
}

/** GitHub's noreply address for a user: `<id>+<login>@users.noreply.github.com`. */
export function noreplyEmail(login: string, id: number): string {
  return `${id}+${login}@users.noreply.github.com`;
}

/**
 * Removes credentials actions/checkout persisted in `.git/config` (an `http.<url>.extraheader`
 * with the token, or an `includeIf` pointing at a credentials file), so that the model's shell
 * cannot read them. The action authenticates its own git calls through the environment.
 */
export async function scrubPersistedCredentials(dir: string): Promise<string[]> {
  const removed: string[] = [];
  const r = await execGit(['config', '--local', '--name-only', '--get-regexp', '^(http\\..*\\.extraheader|includeif\\..*\\.path)$'], { cwd: dir, allowFailure: true });
  for (const key of new Set(r.stdout.split('\n').filter(Boolean))) {
    await execGit(['config', '--local', '--unset-all', key], { cwd: dir, allowFailure: true });
    removed.push(key);
  }
  // the remote URL itself may carry a token (https://x-access-token:<t>@host/...)
  const url = (await execGit(['remote', 'get-url', 'origin'], { cwd: dir, allowFailure: true })).stdout.trim();
  if (/^https?:\/\/[^/@]+@/.test(url)) {
    await execGit(['remote', 'set-url', 'origin', url.replace(/^(https?:\/\/)[^/@]+@/, '$1')], { cwd: dir });
    removed.push('remote.origin.url credentials');
  }
  return removed;
}

/**
 * Creates a work tree for a repository the workflow did not check out (a batch child): a fresh
 * shallow clone of `branch` in `o.dir`, fetched with the token through the environment (never
 * written to its config). The clone's `.git` is the model's from then on.
 * @throws when the branch does not exist
 */
export async function cloneWorkspace(o: { dir: string; serverUrl: string; repository: string; token: string }, branch: string): Promise<string> {
  await execGit(['init', '-q'], { cwd: o.dir });
  await execGit(['remote', 'add', 'origin', repositoryUrl(o.serverUrl, o.repository)], { cwd: o.dir });
  const args = ['fetch', '--no-tags', '--depth=1', 'origin', `+refs/heads/${branch}:refs/remotes/origin/${branch}`];
  const r = await retryTransient(() => execGit(args, { cwd: o.dir, env: authEnv(o.serverUrl, o.token), allowFailure: true }));
  if (r.code !== 0) {
    if (/couldn't find remote ref|not found/i.test(r.stderr)) throw new Error(`cannot clone ${o.repository}: its default branch '${branch}' was not found`);
    throw new GitError(args, r);
  }
  const sha = (await execGit(['rev-parse', `refs/remotes/origin/${branch}`], { cwd: o.dir })).stdout.trim();
  await execGit(['checkout', '-q', '--force', '-B', branch, sha], { cwd: o.dir });
  return sha;
}

/** Fetches `branch` from origin into the trusted directory; returns its tip sha, or undefined when the branch does not exist. */
export async function fetchBranch(ctx: RepoContext, branch: string, depth?: number): Promise<string | undefined> {
  await ensureTrustedRepo(ctx);
  const args = ['fetch', '--no-tags', '--prune', ...(depth ? [`--depth=${depth}`] : []), 'origin', `+refs/heads/${branch}:refs/remotes/origin/${branch}`];
  const r = await retryTransient(() => git(ctx, args, { env: env(ctx), allowFailure: true }));
  if (r.code !== 0) {
    if (/couldn't find remote ref|not found/i.test(r.stderr)) return undefined;
    throw new GitError(args, r);
  }
  return (await git(ctx, ['rev-parse', `refs/remotes/origin/${branch}`])).stdout.trim();
}

/**
 * Checks out the task branch: the existing remote branch when there is one (a continuation or a
 * feedback round), else a new branch from `base`. The trusted directory's HEAD and index move to
 * it; the work tree is checked out by the model's own git in the sandbox (it is the model's).
 * Returns the base commit the task's work starts from.
 * @throws when the base branch does not exist, or the work tree cannot be checked out
 */
export async function checkoutTaskBranch(ctx: RepoContext, branch: string, base: string): Promise<{ baseSha: string; resumed: boolean }> {
  const baseSha = await fetchBranch(ctx, base);
  if (!baseSha) throw new Error(`the base branch '${base}' does not exist on origin`);
  const existing = await fetchBranch(ctx, branch);
  const tip = existing ?? baseSha;
  await git(ctx, ['update-ref', `refs/heads/${branch}`, tip]);
  await git(ctx, ['symbolic-ref', 'HEAD', `refs/heads/${branch}`]);
  await git(ctx, ['read-tree', tip]);
  await syncWorkspace(ctx, 'checkout', branch, tip);
  // the index's file stats come from the sandbox's checkout: refresh them once, so staging is quick
  await git(ctx, ['update-index', '-q', '--refresh'], { allowFailure: true });
  return { baseSha, resumed: existing !== undefined };
}

/**
 * Brings the model's `.git` to `sha` on `branch` through the sandbox: `checkout` replaces the
 * work tree (task start), `reset` only moves HEAD and the index (after the action's commit, the
 * work tree already holds that content). A failed `checkout` throws (the work tree would not be
 * the branch's); a failed `reset` only leaves the model's view stale.
 */
export async function syncWorkspace(ctx: RepoContext, mode: 'checkout' | 'reset', branch: string, sha: string): Promise<void> {
  const w = ctx.workspaceGit;
  if (!w) {
    if (mode === 'checkout') throw new Error('checking out the task branch needs the sandbox (RepoContext.workspaceGit)');
    return;
  }
  const steps: string[][] = [['fetch', '-q', '--no-tags', ctx.gitDir, `+refs/heads/${branch}:refs/remotes/origin/${branch}`]];
  if (mode === 'checkout') steps.push(['checkout', '-q', '-f', '-B', branch, sha]);
  else steps.push(['symbolic-ref', 'HEAD', `refs/heads/${branch}`], ['reset', '-q', sha]);
  for (const args of steps) {
    const r = await workspaceGit(w, args, [ctx.gitDir]);
    if (r.code !== 0) {
      const why = `git ${args[0]} in the workspace failed (exit ${r.code}): ${r.stderr.trim().split('\n').slice(-2).join(' | ')}`;
      if (mode === 'checkout') throw new Error(why);
      return;
    }
  }
}

/** The trusted HEAD sha. */
export async function headSha(ctx: RepoContext): Promise<string> {
  return (await git(ctx, ['rev-parse', 'HEAD'])).stdout.trim();
}

/** What `commitWorkTree` left out and why. */
export interface CommitChecks {
  /** Paths the action must not commit (workspace-relative); they are unstaged and reported. */
  refuse(paths: readonly string[]): string[];
  /** Every registered form of every secret: replaced by `***` in the staged content. */
  secrets(): readonly string[];
}

export interface CommitOutcome {
  /** The new commit, or undefined when nothing was left to commit. */
  sha?: string;
  /** Paths changed in the work tree that were not committed (protected). */
  refused: string[];
  /** Paths whose staged content held a secret (replaced by `***`), with the count. */
  scrubbed: Array<{ path: string; count: number }>;
}

/**
 * Commits the work tree's content as the bot, with `Co-authored-by:` trailers, in the trusted
 * directory: stages every file (respecting .gitignore and the trusted `info/exclude`), unstages
 * what `checks.refuse` names over the whole change, replaces secrets in staged blobs, commits and
 * moves the model's `.git` along. Files the model changed but may not commit are restored in the
 * work tree through the sandbox.
 */
export async function commitWorkTree(ctx: RepoContext, message: string, author: Identity, coAuthors: readonly Identity[], checks: CommitChecks): Promise<CommitOutcome> {
  await git(ctx, ['add', '--all']);
  const changed = await stagedChanges(ctx);
  const refused = checks.refuse(changed.map((c) => c.path));
  if (refused.length) await git(ctx, ['reset', '-q', 'HEAD', '--', ...refused.map(literal)]);
  const scrubbed = await scrubStaged(ctx, changed.filter((c) => c.status !== 'D' && !refused.includes(c.path)).map((c) => c.path), checks.secrets());
  const staged = await git(ctx, ['diff', '--cached', '--quiet', 'HEAD'], { allowFailure: true });
  let sha: string | undefined;
  if (staged.code !== 0) {
    const trailers = coAuthors.map((c) => `Co-authored-by: ${c.name} <${c.email}>`);
    const full = trailers.length ? `${message.trim()}\n\n${trailers.join('\n')}\n` : `${message.trim()}\n`;
    await git(ctx, ['commit', '-q', '--no-verify', '--no-gpg-sign', '-F', '-'], {
      input: full,
      env: { GIT_AUTHOR_NAME: author.name, GIT_AUTHOR_EMAIL: author.email, GIT_COMMITTER_NAME: author.name, GIT_COMMITTER_EMAIL: author.email },
    });
    sha = await headSha(ctx);
  }
  const branch = (await git(ctx, ['symbolic-ref', '--short', 'HEAD'], { allowFailure: true })).stdout.trim();
  if (branch && (sha || refused.length)) await syncWorkspace(ctx, 'reset', branch, sha ?? (await headSha(ctx)));
  if (refused.length && ctx.workspaceGit) {
    // put the refused files back as the commit has them (tracked) or remove them (new)
    const head = await headSha(ctx);
    const tracked = (await git(ctx, ['ls-tree', '-r', '--name-only', '-z', head, '--', ...refused.map(literal)])).stdout.split('\0').filter(Boolean);
    if (tracked.length) await workspaceGit(ctx.workspaceGit, ['checkout', head, '--', ...tracked.map(literal)]);
    const fresh = refused.filter((p) => !tracked.includes(p));
    if (fresh.length) await workspaceGit(ctx.workspaceGit, ['clean', '-f', '-q', '--', ...fresh.map(literal)]);
  }
  return { ...(sha ? { sha } : {}), refused, scrubbed };
}

/** A pathspec that matches exactly this path (no glob magic in file names). */
const literal = (p: string) => `:(literal)${p}`;

/** Staged changes against HEAD: status letter and path (renames are not detected: add + delete). */
async function stagedChanges(ctx: RepoContext): Promise<Array<{ status: string; path: string }>> {
  const r = await git(ctx, ['diff', '--cached', '--no-renames', '--name-status', '-z', 'HEAD']);
  const parts = r.stdout.split('\0');
  const out: Array<{ status: string; path: string }> = [];
  for (let i = 0; i + 1 < parts.length; i += 2) out.push({ status: parts[i]!, path: parts[i + 1]! });
  return out;
}

/**
 * Replaces every registered secret form in the staged blobs of `paths` with `***` (new blobs,
 * written into the trusted index), so no commit carries one whatever the work tree holds.
 */
async function scrubStaged(ctx: RepoContext, paths: readonly string[], forms: readonly string[]): Promise<Array<{ path: string; count: number }>> {
  const needles = [...new Set(forms)].filter((f) => f.length >= 4).sort((a, b) => b.length - a.length);
  if (!needles.length || !paths.length) return [];
  const out: Array<{ path: string; count: number }> = [];
  const entries = (await git(ctx, ['ls-files', '-s', '-z', '--', ...paths.map(literal)])).stdout.split('\0').filter(Boolean);
  for (const e of entries) {
    const m = /^(\d+) ([0-9a-f]+) \d\t(.*)$/s.exec(e);
    if (!m || m[1] === '160000') continue;
    const [, mode, blob, p] = m as unknown as [string, string, string, string];
    const text = (await git(ctx, ['cat-file', 'blob', blob], { encoding: 'latin1' })).stdout;
    let count = 0;
    let next = text;
    for (const n of needles) {
      const needle = Buffer.from(n, 'utf8').toString('latin1');
      const parts = next.split(needle);
      count += parts.length - 1;
      next = parts.join('***');
    }
    if (!count) continue;
    const sha = (await git(ctx, ['hash-object', '-w', '--stdin'], { input: Buffer.from(next, 'latin1') })).stdout.trim();
    await git(ctx, ['update-index', '--cacheinfo', `${mode},${sha},${p}`]);
    out.push({ path: p, count });
  }
  return out;
}


/** How a push ended (see `pushBranch`). */
/** Unified diff of the work tree's HEAD against `base` (what the PR will show). */
export async function diffAgainst(ctx: RepoContext, base: string, opts: { stat?: boolean } = {}): Promise<string> {
  const r = await git(ctx, ['diff', ...(opts.stat ? ['--stat'] : []), `${base}...HEAD`]);
  return r.stdout;
}

/** Files changed between `base` and HEAD with their status letter. */
export async function changedFilesSince(ctx: RepoContext, base: string): Promise<Array<{ status: string; path: string }>> {
  const r = await git(ctx, ['diff', '--name-status', `${base}...HEAD`]);
  return r.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const [status, ...rest] = l.split('\t');
      return { status: status ?? '', path: rest[rest.length - 1] ?? '' };
    });
}

/** Commit log `base..HEAD`: sha, subject, body. */
export async function logSince(ctx: RepoContext, base: string): Promise<Array<{ sha: string; subject: string; body: string }>> {
  const r = await git(ctx, ['log', '--format=%H%x1f%s%x1f%b%x1e', `${base}..HEAD`]);
  return r.stdout
    .split('\x1e')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const [sha, subject, body] = s.split('\x1f');
      return { sha: sha ?? '', subject: subject ?? '', body: (body ?? '').trim() };
    });
}

/** Retries a network git call on transient failures (5xx, connection resets), 3 attempts. */
export async function retryTransient<T extends { code: number; stderr: string }>(fn: () => Promise<T>): Promise<T> {
  let last: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const r = await fn();
      if (r.code === 0 || !isTransientGitError(r.stderr)) return r;
      last = r;
    } catch (e) {
      if (!(e instanceof GitError) || !isTransientGitError(e.result.stderr)) throw e;
      last = e;
    }
    await new Promise((res) => setTimeout(res, 250 * 2 ** attempt));
  }
  if (last instanceof Error) throw last;
  return last as T;
}

/** Paths a commit changed (`git show --name-only`), from the trusted directory. */
export async function filesOfCommit(ctx: RepoContext, sha: string): Promise<string[]> {
  const out = await git(ctx, ['show', '--name-only', '--format=', sha], { allowFailure: true });
  return out.stdout.split('\n').filter(Boolean);
}

/**
 * Adds patterns to the trusted directory's `info/exclude` (ignore rules for the action's commits,
 * never committed), skipping those already present.
 */
export async function excludeFromCommits(ctx: RepoContext, patterns: readonly string[]): Promise<void> {
  await ensureTrustedRepo(ctx);
  const file = path.join(ctx.gitDir, 'info', 'exclude');
  let current = '';
  try {
    current = await readFile(file, 'utf8');
  } catch {
    await mkdir(path.dirname(file), { recursive: true });
  }
  const lines = new Set(current.split('\n').map((l) => l.trim()));
  const missing = patterns.filter((p) => !lines.has(p));
  if (missing.length) await appendFile(file, `${current && !current.endsWith('\n') ? '\n' : ''}${missing.join('\n')}\n`);
}
