import { spawn } from 'node:child_process';

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
  /** Text written to git's stdin. */
  input?: string;
  /** When true a non-zero exit returns the result instead of throwing. */
  allowFailure?: boolean;
  /** Kill git after this many milliseconds (default 120 000). */
  timeoutMs?: number;
}

/**
 * Environment every git call gets: never prompt, never page, no user or system config surprises
 * beyond what the workspace's own `.git/config` holds (actions/checkout puts the auth header there).
 * `GIT_CONFIG_COUNT` entries from the caller's environment are kept so tests can add
 * `url.<loopback>.insteadOf` rewrites.
 */
function fixedEnv(extra?: Readonly<Record<string, string>>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined) continue;
    if (k.startsWith('GIT_') && !k.startsWith('GIT_CONFIG_')) continue;
    base[k] = v;
  }
  return {
    ...base,
    GIT_TERMINAL_PROMPT: '0',
    GIT_PAGER: 'cat',
    PAGER: 'cat',
    GIT_ASKPASS: '',
    SSH_ASKPASS: '',
    GCM_INTERACTIVE: 'never',
    LC_ALL: 'C',
    ...extra,
  };
}

/**
 * Config every git call of the action runs with, overriding anything in `.git/config`: the work
 * tree belongs to the model's shell, which could plant hooks or an fsmonitor command there to run
 * code inside the action's own git calls (which carry the token).
 */
const HARDENING = ['-c', 'core.hooksPath=/dev/null', '-c', 'core.fsmonitor=false', '-c', 'core.sshCommand=ssh', '-c', 'credential.helper=', '-c', 'protocol.ext.allow=never'];

/**
 * The only function in the action that runs git. Spawns asynchronously (a synchronous spawn would
 * deadlock a test process that also hosts the git HTTP remote, see NOTES.md).
 *
 * @param args git arguments, e.g. `['push', 'origin', 'HEAD:refs/heads/x']`
 * @throws GitError on a non-zero exit unless `allowFailure` is set
 */
export async function execGit(args: readonly string[], opts: ExecGitOptions): Promise<GitResult> {
  const result = await new Promise<GitResult>((resolve, reject) => {
    const child = spawn('git', [...HARDENING, ...args], {
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
        stdout: Buffer.concat(out).toString('utf8'),
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

/** True when a push failed because the remote moved (non-fast-forward / fetch first / stale info). */
export function isNonFastForward(r: GitResult): boolean {
  return /non-fast-forward|fetch first|\[rejected\]|stale info|cannot lock ref|failed to update ref/i.test(r.stderr);
}
