/**
 * A workspace left exactly as actions/checkout@v4 leaves `$GITHUB_WORKSPACE`
 * (https://github.com/actions/checkout/blob/v4/src/git-source-provider.ts and git-auth-helper.ts):
 *
 *   git init <dir>
 *   git remote add origin <server>/<owner>/<repo>          (no `.git`)
 *   git config --local gc.auto 0
 *   git config --local http.<server>/.extraheader "AUTHORIZATION: basic base64(x-access-token:<token>)"
 *   git -c protocol.version=2 fetch --no-tags --prune --no-recurse-submodules --depth=1 origin +<sha>:refs/remotes/origin/<branch>
 *   git checkout --progress --force -B <branch> refs/remotes/origin/<branch>
 *
 * No `user.name`/`user.email` is configured (checkout never sets them: the action must give every
 * commit its own identity). `safe.directory` is added by checkout only to a temporary global
 * config that it deletes afterwards, so later steps do not see it either; the rig passes it with
 * `-c` to its own commands (the workspace belongs to the test's user anyway).
 *
 * Two ways to point the workspace at the loopback remote — tests should use the first:
 *
 * 1. **`serverUrl = remote.url` (preferred; what GitHub Enterprise Server looks like).** The
 *    runner's GITHUB_SERVER_URL is the loopback URL, origin is `${remote.url}/<owner>/<repo>`, the
 *    auth header is keyed `http.${remote.url}/.extraheader`, exactly as checkout computes it from
 *    GITHUB_SERVER_URL. The action (which builds remote URLs from GITHUB_SERVER_URL, SPEC §3)
 *    needs no extra environment.
 *
 * 2. **`serverUrl = 'https://github.com'` + {@link gitUrlRewriteEnv}.** Origin is the real
 *    `https://github.com/<owner>/<repo>`, rewritten by `url.<remote.url>/.insteadOf
 *    https://github.com/` passed as GIT_CONFIG_* env. FINDING (checked with git 2.39 against this
 *    remote): git applies `insteadOf` when it reads the remote, *before* matching `http.<url>.*`
 *    settings, so `http.https://github.com/.extraheader` (checkout's key) is NOT sent to the
 *    rewritten URL — the fetch fails with "could not read Username". Only a header keyed on the
 *    rewritten URL, `http.http://127.0.0.1:PORT/.extraheader`, is sent. In this mode the rig
 *    therefore writes checkout's key *and* the rewritten-URL key into `.git/config`. Any code
 *    that sets its auth header for `https://github.com/` (e.g. `http.${GITHUB_SERVER_URL}/.extraheader`
 *    with GITHUB_SERVER_URL=https://github.com) will not authenticate in this mode: use mode 1.
 */
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gitEnv, run, type GitRemote } from './git-remote.js';

/** `base64("x-access-token:<token>")`, the credential checkout puts in the extraheader. */
export function basicAuthValue(token: string): string {
  return Buffer.from(`x-access-token:${token}`, 'utf8').toString('base64');
}

/**
 * GIT_CONFIG_* entries that make `https://github.com/…` (or `from`) resolve to the loopback
 * remote: `url.<remote.url>/.insteadOf https://github.com/`. Entries start at index `start`
 * (pass the current GIT_CONFIG_COUNT when appending to an existing set).
 */
export function gitUrlRewriteEnv(remote: Pick<GitRemote, 'url'>, opts: { from?: string; start?: number } = {}): Record<string, string> {
  const start = opts.start ?? 0;
  return {
    GIT_CONFIG_COUNT: String(start + 1),
    [`GIT_CONFIG_KEY_${start}`]: `url.${remote.url}/.insteadOf`,
    [`GIT_CONFIG_VALUE_${start}`]: opts.from ?? 'https://github.com/',
  };
}

export interface PrepareWorkspaceOptions {
  remote: Pick<GitRemote, 'url' | 'token'>;
  owner: string;
  repo: string;
  /** Directory to check out into (created when missing). Default: a fresh temp dir. */
  dir?: string;
  /**
   * What to check out: a branch name (`main`, `refs/heads/x`) → local branch of that name, like
   * checkout on a push/issue event; `refs/pull/<n>/head|merge` → detached at
   * `refs/remotes/pull/<n>/…`, like checkout on a pull_request event; a 40-hex sha → detached.
   * Default `main`.
   */
  ref?: string;
  /**
   * The GITHUB_SERVER_URL the workspace was checked out from. Default `remote.url` (mode 1 above).
   * Pass `https://github.com` for mode 2 (then also give the action {@link gitUrlRewriteEnv}).
   */
  serverUrl?: string;
  /** Token for the extraheader; default `remote.token`. `null` → no header (persist-credentials: false). */
  token?: string | null;
  /** checkout's `persist-credentials` (default true). */
  persistCredentials?: boolean;
  /** checkout's `fetch-depth` (default 1; 0 = all history and tags). */
  fetchDepth?: number;
}

export interface PreparedWorkspace {
  dir: string;
  /** Sha checked out (`git log -1 --format=%H`), i.e. GITHUB_SHA. */
  headSha: string;
  /** The origin URL written to `.git/config`. */
  originUrl: string;
  /** Local branch checked out, or null when detached. */
  branch: string | null;
  /** The GITHUB_SERVER_URL to give the action. */
  serverUrl: string;
  /** Environment the action needs on top of the runner's (the insteadOf rewrite in mode 2, else {}). */
  env: Record<string, string>;
}

/**
 * Checks out `<owner>/<repo>` from the loopback remote the way actions/checkout@v4 does.
 * @throws when git fails (e.g. the ref does not exist, or the token is wrong)
 */
export async function prepareWorkspace(opts: PrepareWorkspaceOptions): Promise<PreparedWorkspace> {
  const serverUrl = (opts.serverUrl ?? opts.remote.url).replace(/\/+$/, '');
  const rewriting = serverUrl !== opts.remote.url.replace(/\/+$/, '');
  const env = rewriting ? gitUrlRewriteEnv(opts.remote, { from: `${serverUrl}/` }) : {};
  const dir = opts.dir ?? (await mkdtemp(path.join(tmpdir(), `rig-ws-${opts.repo}-`)));
  await mkdir(dir, { recursive: true });
  const token = opts.token === undefined ? opts.remote.token : opts.token;
  const originUrl = `${serverUrl}/${opts.owner}/${opts.repo}`;
  const git = (args: string[]) => run('git', ['-c', `safe.directory=${dir}`, ...args], { cwd: dir, env: gitEnv(env) });

  await git(['init', '--quiet', dir]);
  await git(['remote', 'add', 'origin', originUrl]);
  await git(['config', '--local', 'gc.auto', '0']);
  if (token && opts.persistCredentials !== false) {
    const header = `AUTHORIZATION: basic ${basicAuthValue(token)}`;
    await git(['config', '--local', `http.${serverUrl}/.extraheader`, header]);
    // See the FINDING above: http.<url>.* is matched against the rewritten URL.
    if (rewriting) await git(['config', '--local', `http.${opts.remote.url.replace(/\/+$/, '')}/.extraheader`, header]);
  }

  const ref = opts.ref ?? 'main';
  const depth = opts.fetchDepth ?? 1;
  const fetchFlags = ['-c', 'protocol.version=2', 'fetch', '--prune', '--no-recurse-submodules'];
  if (depth > 0) fetchFlags.push('--no-tags', `--depth=${depth}`);
  else fetchFlags.push('--tags');
  let branch: string | null = null;
  if (/^[0-9a-f]{40}$/i.test(ref)) {
    await git([...fetchFlags, 'origin', ref]);
    await git(['checkout', '--quiet', '--progress', '--force', ref]);
  } else if (ref.startsWith('refs/pull/')) {
    const local = ref.replace(/^refs\/pull\//, 'refs/remotes/pull/');
    await git([...fetchFlags, 'origin', `+${ref}:${local}`]);
    await git(['checkout', '--quiet', '--progress', '--force', local]);
  } else {
    branch = ref.replace(/^refs\/heads\//, '');
    await git([...fetchFlags, 'origin', `+refs/heads/${branch}:refs/remotes/origin/${branch}`]);
    await git(['checkout', '--quiet', '--progress', '--force', '-B', branch, `refs/remotes/origin/${branch}`]);
  }
  const headSha = (await git(['log', '-1', '--format=%H'])).stdout.trim();
  return { dir, headSha, originUrl, branch, serverUrl, env };
}
