import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Result of one git invocation. `stdout`/`stderr` are UTF-8 text, `code` the exit status. */
export interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

export class GitError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly result: GitResult,
  ) {
    super(`git ${args[0] ?? ''} failed (exit ${result.code}): ${result.stderr.trim().split('\n').slice(-3).join(' | ')}`);
    this.name = 'GitError';
  }
}

export interface ExecGitOptions {
  /** Working directory (a work tree or a bare repository). */
  cwd: string;
  /** Extra environment entries, e.g. `GIT_INDEX_FILE`; merged over the fixed environment. */
  env?: Readonly<Record<string, string>>;
  /** Written to git's stdin. */
  input?: string | Buffer;
  /** How stdout/stderr are decoded (default utf8; `latin1` keeps binary bytes one-to-one). */
  encoding?: BufferEncoding;
  /** When true a non-zero exit returns the result instead of throwing. */
  allowFailure?: boolean;
  /** Kill git after this many milliseconds (default 120 000). */
  timeoutMs?: number;
}

/** The environment the action's git starts from (`setGitEnvironment`); empty until then. */
let baseEnvironment: Readonly<Record<string, string>> = {};

/**
 * Sets the environment every git call of the action starts from — the runner's, as `Settings.env`
 * read it (src/main.ts calls this once). Before it is called (unit tests) git gets only the fixed
 * entries below.
 */
export function setGitEnvironment(env: Readonly<Record<string, string>>): void {
  baseEnvironment = env;
}

const CONFIG_ENTRY = /^GIT_CONFIG_(COUNT|KEY_\d+|VALUE_\d+)$/;

/** The `GIT_CONFIG_COUNT`/`GIT_CONFIG_KEY_<n>`/`GIT_CONFIG_VALUE_<n>` entries of `env`, in order. */
function configEntries(env: Readonly<Record<string, string | undefined>>): Array<[string, string]> {
  const n = Number.parseInt(env.GIT_CONFIG_COUNT ?? '0', 10) || 0;
  const out: Array<[string, string]> = [];
  for (let i = 0; i < n; i++) {
    const k = env[`GIT_CONFIG_KEY_${i}`];
    if (k !== undefined) out.push([k, env[`GIT_CONFIG_VALUE_${i}`] ?? '']);
  }
  return out;
}

/**
 * Environment every git call of the action gets. The action's git must read nothing the model
 * can write (issue #9): no global or system config (`GIT_CONFIG_GLOBAL=/dev/null`,
 * `GIT_CONFIG_NOSYSTEM`: a model-planted `~/.gitconfig` with a filter, `diff.external`,
 * `http.proxy` or `url.*` rewrite never applies), `HOME`/`XDG_CONFIG_HOME` pointing nowhere (no
 * `~/.config/git/attributes`), a fixed `PATH` of system directories (git's helpers are found in
 * its exec-path; a `git` wrapper in `~/.local/bin` never runs), and the runner's `GIT_*`
 * variables dropped except `GIT_CONFIG_COUNT` entries that the workflow set (tests add
 * `url.<loopback>.insteadOf` rewrites that way). Never prompt, never page. The caller's
 * `GIT_CONFIG_*` entries (numbered from 0: the auth header, a scratch repository's settings) come
 * after the workflow's, renumbered.
 */
function fixedEnv(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(baseEnvironment)) if (!k.startsWith('GIT_')) base[k] = v;
  const rest: Record<string, string> = {};
  for (const [k, v] of Object.entries(extra)) if (!CONFIG_ENTRY.test(k)) rest[k] = v;
  const config: Record<string, string> = {};
  const entries = [...configEntries(baseEnvironment), ...configEntries(extra)];
  entries.forEach(([k, v], i) => {
    config[`GIT_CONFIG_KEY_${i}`] = k;
    config[`GIT_CONFIG_VALUE_${i}`] = v;
  });
  if (entries.length) config.GIT_CONFIG_COUNT = String(entries.length);
  return {
    ...base,
    PATH: TRUSTED_PATH,
    HOME: '/dev/null',
    XDG_CONFIG_HOME: '/dev/null',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_TERMINAL_PROMPT: '0',
    GIT_PAGER: 'cat',
    PAGER: 'cat',
    GIT_ASKPASS: '',
    SSH_ASKPASS: '',
    GCM_INTERACTIVE: 'never',
    LC_ALL: 'C',
    ...rest,
    ...config,
  };
}

/** System directories only: never the job's `PATH`, which a model could have reached through a file the workflow sources. */
const TRUSTED_PATH = '/usr/bin:/bin:/usr/sbin:/sbin';

/** git by absolute path (`/usr/bin/git` on GitHub's runners and Debian). */
const GIT = ['/usr/bin/git', '/bin/git', '/usr/local/bin/git'].find((p) => existsSync(p)) ?? 'git';

/**
 * Config every git call of the action runs with, overriding anything in a repository's own
 * config (a clone the action made, the state store's, the trusted directory — and, before the
 * first model command, the checkout's `.git`): no hooks, no fsmonitor command, no credential
 * helper, no attributes file, no `ext::` transport. (`diff.external` and filter drivers can only
 * come from config, which is ours alone; callers that diff pass `--no-ext-diff --no-textconv`.)
 */
const HARDENING = [
  '-c', 'core.hooksPath=/dev/null',
  '-c', 'core.fsmonitor=false',
  '-c', 'core.sshCommand=ssh',
  '-c', 'credential.helper=',
  '-c', 'protocol.ext.allow=never',
  '-c', 'core.attributesFile=/dev/null',
  // the action's repositories live for one job: no background `git maintenance`/`gc --auto` after
  // fetches and commits (each would be another process on the critical path)
  '-c', 'maintenance.auto=false',
  '-c', 'gc.auto=0',
];

/**
 * The only function in the action that runs git. Spawns asynchronously (a synchronous spawn would
 * deadlock a test process that also hosts the git HTTP remote, see NOTES.md).
 *
 * @param args git arguments, e.g. `['push', 'origin', 'HEAD:refs/heads/x']`
 * @throws GitError on a non-zero exit unless `allowFailure` is set
 */
export async function execGit(args: readonly string[], opts: ExecGitOptions): Promise<GitResult> {
  const result = await new Promise<GitResult>((resolve, reject) => {
    const child = spawn(GIT, [...HARDENING, ...args], {
      cwd: opts.cwd,
      env: fixedEnv(opts.env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 120_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({
        code: code ?? 1,
        stdout: Buffer.concat(out).toString(opts.encoding ?? 'utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
    // git may exit before reading stdin (most commands never read it): the write then fails with
    // EPIPE, which without a listener is an uncaught 'error' event that kills the process. The
    // exit code reports what happened.
    child.stdin.on('error', () => undefined);
    child.stdin.end(opts.input ?? '');
  });
  if (result.code !== 0 && !opts.allowFailure) throw new GitError(args, result);
  return result;
}

/**
 * True when a failed fetch or push is worth a retry: network trouble and server errors (HTTP 5xx,
 * 429, a cut connection, DNS, TLS); authentication, not-found and rejected updates are not. The one
 * rule for the action's own git and the state store.
 */
export function isTransientGitError(stderr: string): boolean {
  return /\b(5\d\d|429)\b|The requested URL returned error: 5|RPC failed|early EOF|hung up|unexpected disconnect|timed out|timeout|connection (reset|refused|closed)|could not resolve host|empty reply|transfer closed|SSL|TLS/i.test(stderr);
}

/** True when a push failed because the remote moved (non-fast-forward / fetch first / stale info). */
export function isNonFastForward(r: GitResult): boolean {
  return /non-fast-forward|fetch first|\[rejected\]|stale info|cannot lock ref|failed to update ref/i.test(r.stderr);
}
