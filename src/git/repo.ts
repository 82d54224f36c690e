/**
 * Git operations on the task's work tree (the workspace actions/checkout prepared). The action,
 * not the model, does every git write that leaves the machine: commits with the bot identity and a
 * `Co-authored-by:` trailer (https://docs.github.com/pull-requests/committing-changes-to-your-project/creating-and-editing-commits/creating-a-commit-with-multiple-authors),
 * and pushes authenticated through environment-only config (src/git/auth.ts).
 */
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { authEnv, repositoryUrl } from './auth.js';
import { execGit, GitError } from './exec.js';

export interface Identity {
  name: string;
  email: string;
}

export interface RepoContext {
  /** Work tree path. */
  dir: string;
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

const env = (ctx: RepoContext) => authEnv(ctx.serverUrl, ctx.token);

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

/** Ensures `origin` points at the repository on `serverUrl` (GHES-safe). */
export async function ensureOrigin(ctx: RepoContext): Promise<void> {
  const want = repositoryUrl(ctx.serverUrl, ctx.repository);
  const r = await execGit(['remote', 'get-url', 'origin'], { cwd: ctx.dir, allowFailure: true });
  if (r.code !== 0) await execGit(['remote', 'add', 'origin', want], { cwd: ctx.dir });
}

/** Fetches `branch` from origin; returns its tip sha, or undefined when the branch does not exist. */
export async function fetchBranch(ctx: RepoContext, branch: string, depth?: number): Promise<string | undefined> {
  const args = ['fetch', '--no-tags', '--prune', ...(depth ? [`--depth=${depth}`] : []), 'origin', `+refs/heads/${branch}:refs/remotes/origin/${branch}`];
  const r = await retryTransient(() => execGit(args, { cwd: ctx.dir, env: env(ctx), allowFailure: true }));
  if (r.code !== 0) {
    if (/couldn't find remote ref|not found/i.test(r.stderr)) return undefined;
    throw new GitError(args, r);
  }
  return (await execGit(['rev-parse', `refs/remotes/origin/${branch}`], { cwd: ctx.dir })).stdout.trim();
}

/**
 * Checks out the task branch: the existing remote branch when there is one (a continuation or a
 * feedback round), else a new branch from `base`. Returns the base commit the task's work starts from.
 */
export async function checkoutTaskBranch(ctx: RepoContext, branch: string, base: string): Promise<{ baseSha: string; resumed: boolean }> {
  const baseSha = await fetchBranch(ctx, base);
  if (!baseSha) throw new Error(`the base branch '${base}' does not exist on origin`);
  const existing = await fetchBranch(ctx, branch);
  await execGit(['checkout', '--force', '-B', branch, existing ?? baseSha], { cwd: ctx.dir });
  return { baseSha, resumed: existing !== undefined };
}

/** Current HEAD sha. */
export async function headSha(dir: string): Promise<string> {
  return (await execGit(['rev-parse', 'HEAD'], { cwd: dir })).stdout.trim();
}

/** Paths changed in the work tree relative to HEAD, including untracked files (respects .gitignore). */
export async function changedPaths(dir: string): Promise<string[]> {
  const r = await execGit(['status', '--porcelain=v1', '-z', '--untracked-files=all'], { cwd: dir });
  const out: string[] = [];
  const parts = r.stdout.split('\0');
  for (let i = 0; i < parts.length; i++) {
    const entry = parts[i]!;
    if (entry.length < 4) continue;
    out.push(entry.slice(3));
    // renames carry the source path as the next NUL-separated field
    if (entry[0] === 'R' || entry[0] === 'C') i++;
  }
  return out;
}

/** Throws away work-tree changes to `paths` (tracked: restored; untracked: removed). */
export async function discardPaths(dir: string, paths: readonly string[]): Promise<void> {
  if (!paths.length) return;
  await execGit(['checkout', 'HEAD', '--', ...paths], { cwd: dir, allowFailure: true });
  await execGit(['clean', '-f', '-q', '--', ...paths], { cwd: dir, allowFailure: true });
}

/**
 * Folds any commits the model made itself back into the work tree (soft reset to `since`), so that
 * every commit the action pushes has the bot identity and the trailer.
 */
export async function absorbForeignCommits(dir: string, since: string): Promise<void> {
  const head = await headSha(dir);
  if (head !== since) await execGit(['reset', '--soft', since], { cwd: dir });
}

/**
 * Commits every change in the work tree as the bot, with `Co-authored-by:` trailers.
 * @returns the new commit sha, or undefined when there was nothing to commit
 */
export async function commitAll(dir: string, message: string, author: Identity, coAuthors: readonly Identity[]): Promise<string | undefined> {
  await execGit(['add', '--all'], { cwd: dir });
  const staged = await execGit(['diff', '--cached', '--quiet'], { cwd: dir, allowFailure: true });
  if (staged.code === 0) return undefined;
  const trailers = coAuthors.map((c) => `Co-authored-by: ${c.name} <${c.email}>`);
  const full = trailers.length ? `${message.trim()}\n\n${trailers.join('\n')}\n` : `${message.trim()}\n`;
  await execGit(['commit', '--no-verify', '--no-gpg-sign', '-F', '-'], {
    cwd: dir,
    input: full,
    env: {
      GIT_AUTHOR_NAME: author.name,
      GIT_AUTHOR_EMAIL: author.email,
      GIT_COMMITTER_NAME: author.name,
      GIT_COMMITTER_EMAIL: author.email,
    },
  });
  return headSha(dir);
}

/**
 * Pushes HEAD to `refs/heads/<branch>` without force. A rejection (someone else pushed to the
 * task branch) is an error the caller reports; the agent never force-pushes.
 */
export async function pushBranch(ctx: RepoContext, branch: string): Promise<{ pushed: boolean; sha: string }> {
  const sha = await headSha(ctx.dir);
  if (ctx.dryRun) {
    if (ctx.onSkippedPush) {
      // the commits the push would have sent: those not on any remote-tracking branch
      const log = (await execGit(['log', '--format=%H %s', sha, '--not', '--remotes'], { cwd: ctx.dir })).stdout;
      const patch = (await execGit(['log', '-p', '--format=commit %H%nAuthor: %an <%ae>%n%n%B', sha, '--not', '--remotes'], { cwd: ctx.dir })).stdout;
      ctx.onSkippedPush({ branch, sha, log, patch });
    }
    return { pushed: false, sha };
  }
  const args = ['push', '--porcelain', 'origin', `HEAD:refs/heads/${branch}`];
  await retryTransient(() => execGit(args, { cwd: ctx.dir, env: env(ctx) }));
  return { pushed: true, sha };
}

/** Unified diff of the work tree's HEAD against `base` (what the PR will show). */
export async function diffAgainst(dir: string, base: string, opts: { stat?: boolean } = {}): Promise<string> {
  const r = await execGit(['diff', ...(opts.stat ? ['--stat'] : []), `${base}...HEAD`], { cwd: dir });
  return r.stdout;
}

/** Files changed between `base` and HEAD with their status letter. */
export async function changedFilesSince(dir: string, base: string): Promise<Array<{ status: string; path: string }>> {
  const r = await execGit(['diff', '--name-status', `${base}...HEAD`], { cwd: dir });
  return r.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const [status, ...rest] = l.split('\t');
      return { status: status ?? '', path: rest[rest.length - 1] ?? '' };
    });
}

/** Commit log `base..HEAD`: sha, subject, body. */
export async function logSince(dir: string, base: string): Promise<Array<{ sha: string; subject: string; body: string }>> {
  const r = await execGit(['log', '--format=%H%x1f%s%x1f%b%x1e', `${base}..HEAD`], { cwd: dir });
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
async function retryTransient<T extends { code: number; stderr: string }>(fn: () => Promise<T>): Promise<T> {
  let last: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const r = await fn();
      if (r.code === 0 || !isTransient(r.stderr)) return r;
      last = r;
    } catch (e) {
      if (!(e instanceof GitError) || !isTransient(e.result.stderr)) throw e;
      last = e;
    }
    await new Promise((res) => setTimeout(res, 250 * 2 ** attempt));
  }
  if (last instanceof Error) throw last;
  return last as T;
}

function isTransient(stderr: string): boolean {
  return /(HTTP|error:) 5\d\d|The requested URL returned error: 5|Connection reset|Could not resolve host|timed out|early EOF|unexpected disconnect/i.test(stderr);
}

/**
 * Adds patterns to the work tree's `.git/info/exclude` (local ignore rules that are never
 * committed), skipping those already present.
 */
export async function excludeFromCommits(dir: string, patterns: readonly string[]): Promise<void> {
  const gitDir = (await execGit(['rev-parse', '--absolute-git-dir'], { cwd: dir })).stdout.trim();
  const file = path.join(gitDir, 'info', 'exclude');
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
