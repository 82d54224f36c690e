/**
 * The one process runner for everything the model causes (STYLE.md 14): the bash tool, the
 * project's verification commands, dependency installs, the search tools' git and the git
 * commands that keep the model's own `.git` in step with the action's commits. Every one of them
 * starts here, inside the sandbox (`isolation.ts`), with one kill/timeout/capture behaviour: its
 * own process group, SIGTERM then SIGKILL on timeout or abort, output capped in memory (head and
 * tail kept). The action's trusted work (its git, GitHub) never runs through it.
 */
import { spawn } from 'node:child_process';
import { bwrapArgv } from './isolation.js';
import type { CommandView, IsolationMode, IsolationSupport, SandboxLayout } from './isolation.js';

export interface RunRequest {
  argv: readonly string[];
  /** Working directory (inside the workspace for the model's commands). */
  cwd: string;
  /** The command's whole environment (the sandbox environment: no credentials). */
  env: Readonly<Record<string, string>>;
  /** Wall-clock limit, ms; then SIGTERM, and SIGKILL after `killGraceMs`. */
  timeoutMs: number;
  signal?: AbortSignal;
  /** Bytes of output held in memory; the middle beyond it is dropped (default 4 MiB). */
  captureBytes?: number;
  /** Time between SIGTERM and SIGKILL, ms (default 2000). */
  killGraceMs?: number;
  /** Keep stderr apart from stdout (`output` is then stdout only). Default: one interleaved stream. */
  separateStderr?: boolean;
  /** Per-command additions to the sandbox's view. */
  view?: CommandView;
  /**
   * Stop reading once stdout holds this many lines: the process group is killed and `stopped` is
   * set (a search that has enough matches does not read the rest of a large repository).
   */
  stopAfterLines?: number;
}

export interface RunResult {
  /** stdout and stderr interleaved (or stdout alone with `separateStderr`), UTF-8. */
  output: string;
  /** stderr with `separateStderr`, else ''. */
  stderr: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  aborted: boolean;
  /** True when `stopAfterLines` was reached and the command was stopped (output holds those lines). */
  stopped?: boolean;
  /** Set when the process could not be started (or, fail-closed, was not allowed to). */
  spawnError?: string;
  durationMs: number;
}

/** How a runner confines its commands: an isolation mode, or none by the workflow's choice. */
export type RunnerMode = Exclude<IsolationMode, 'none'> | 'unsandboxed' | 'refused';

/** A port (src/orchestrator/services.ts): the orchestrator and the tools get one, tests may build another. */
export interface CommandRunner {
  readonly mode: RunnerMode;
  /** Runs one command to its end. Never rejects: spawn failures are in `spawnError`. */
  run(req: RunRequest): Promise<RunResult>;
  /**
   * How to start a long-lived command in this runner's confinement when the caller owns its stdio
   * (an MCP server over stdio, src/mcp/): the program, arguments, environment and directory to
   * pass to `spawn`. Absent on runners that refuse commands (fail-closed).
   */
  spawnSpec?(req: SpawnRequest): SpawnSpec;
}

/** A long-lived command: what `spawnSpec` wraps. */
export interface SpawnRequest {
  argv: readonly string[];
  cwd: string;
  /** The command's whole environment. */
  env: Readonly<Record<string, string>>;
}

/** Arguments for `child_process.spawn` (or an SDK transport that spawns). */
export interface SpawnSpec {
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
}

/** A runner that puts every command in the sandbox `layout` describes. */
export function createSandboxRunner(support: IsolationSupport, layout: SandboxLayout): CommandRunner {
  if (support.mode === 'none') throw new Error(`no sandbox: ${support.reason ?? 'unknown reason'}`);
  // bwrap's own environment is visible inside as /proc/1/environ: give it nothing
  const bwrapEnv = { PATH: '/usr/bin:/bin' };
  const argvOf = (req: RunRequest) => bwrapArgv(support, layout, req.argv, { cwd: req.cwd, env: req.env, ...(req.view ? { view: req.view } : {}) });
  return {
    mode: support.mode,
    run: async (req) => {
      for (let attempt = 1; ; attempt++) {
        const r = await spawnCaptured(argvOf(req), req, { spawnEnv: bwrapEnv, spawnCwd: '/' });
        if (attempt >= 3 || !lostMountRace(r)) return r;
      }
    },
    spawnSpec: (req) => {
      const argv = bwrapArgv(support, layout, req.argv, { cwd: req.cwd, env: req.env });
      return { command: argv[0]!, args: argv.slice(1), env: { ...bwrapEnv }, cwd: '/' };
    },
  };
}

/**
 * True when bwrap failed while setting the sandbox up because a mount under `/` came or went as it
 * remounted the host's tree read-only (https://github.com/containers/bubblewrap/issues/650, open:
 * another job's network namespace or bind mount on the same machine). The command never started, so
 * it is started again. Matched on bwrap's own one-line message and exit status 1 — a command that
 * printed exactly that would only be run again, which it could do itself.
 */
export function lostMountRace(r: RunResult): boolean {
  const text = `${r.stderr}${r.output}`.trim();
  return r.code === 1 && !r.timedOut && !r.aborted && !text.includes('\n') && /^bwrap: Can't (bind mount|remount) .*: (Unable to apply mount flags|Unable to remount recursively with correct flags): .*(No such file or directory|Invalid argument)$/.test(text);
}

/**
 * A runner without isolation, for a workflow that opted in with `allow-unsandboxed-commands`
 * (and for unit tests of the tools). Commands see everything the action's user can see.
 */
export function createUnsandboxedRunner(): CommandRunner {
  return {
    mode: 'unsandboxed',
    run: (req) => spawnCaptured(req.argv, req, { spawnEnv: { ...req.env }, spawnCwd: req.cwd }),
    spawnSpec: (req) => ({ command: req.argv[0]!, args: req.argv.slice(1), env: { ...req.env }, cwd: req.cwd }),
  };
}

/** Fail closed: no command runs; each attempt gets `reason` back. */
export function createRefusingRunner(reason: string): CommandRunner {
  return {
    mode: 'refused',
    run: async () => ({ output: '', stderr: '', code: null, signal: null, timedOut: false, aborted: false, spawnError: reason, durationMs: 0 }),
  };
}

function spawnCaptured(argv: readonly string[], req: RunRequest, o: { spawnEnv: Record<string, string>; spawnCwd: string }): Promise<RunResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    const out = new Capture(req.captureBytes ?? 4 * 1024 * 1024);
    const err = req.separateStderr ? new Capture(256 * 1024) : out;
    let child;
    try {
      child = spawn(argv[0]!, argv.slice(1), { cwd: o.spawnCwd, env: o.spawnEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    } catch (e) {
      resolve({ output: '', stderr: '', code: null, signal: null, timedOut: false, aborted: false, spawnError: (e as Error).message, durationMs: Date.now() - started });
      return;
    }
    let timedOut = false;
    let aborted = false;
    let stopped = false;
    let lines = 0;
    let done = false;
    let drainTimer: NodeJS.Timeout | undefined;
    const killGroup = (): void => {
      const pid = child.pid;
      if (pid === undefined) return;
      signalGroup(pid, 'SIGTERM');
      setTimeout(() => signalGroup(pid, 'SIGKILL'), req.killGraceMs ?? 2000).unref();
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, req.timeoutMs);
    const onAbort = (): void => {
      aborted = true;
      killGroup();
    };
    req.signal?.addEventListener('abort', onAbort, { once: true });
    const finish = (code: number | null, signal: NodeJS.Signals | null, spawnError?: string): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (drainTimer) clearTimeout(drainTimer);
      req.signal?.removeEventListener('abort', onAbort);
      child.stdout?.destroy();
      child.stderr?.destroy();
      resolve({
        output: out.text(),
        stderr: req.separateStderr ? err.text() : '',
        code,
        signal,
        timedOut,
        aborted,
        ...(stopped ? { stopped } : {}),
        ...(spawnError ? { spawnError } : {}),
        durationMs: Date.now() - started,
      });
    };
    const limit = req.stopAfterLines;
    child.stdout?.on('data', (b: Buffer) => {
      if (stopped) return;
      if (limit === undefined) return out.push(b);
      // keep whole lines up to the limit, then stop the command: nothing after it is read
      let cut = -1;
      for (let i = b.indexOf(10); i !== -1; i = b.indexOf(10, i + 1)) {
        if (++lines >= limit) {
          cut = i + 1;
          break;
        }
      }
      out.push(cut === -1 ? b : b.subarray(0, cut));
      if (cut !== -1) {
        stopped = true;
        const pid = child.pid;
        if (pid !== undefined) signalGroup(pid, 'SIGKILL');
      }
    });
    child.stderr?.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => finish(null, null, e.message));
    // Unsandboxed, a background job may hold the pipe open after the command exits: give the pipe
    // a moment to drain, then stop reading. (In the sandbox the PID namespace ends such jobs.)
    child.on('exit', (code, signal) => {
      drainTimer = setTimeout(() => finish(code, signal), 200);
    });
    child.on('close', (code, signal) => finish(code, signal));
    if (req.signal?.aborted) onAbort();
  });
}

function signalGroup(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(-pid, sig);
  } catch {
    // already gone
  }
}

/** Keeps the first and last `limit / 2` bytes of a stream and counts what fell in between. */
class Capture {
  private head: Buffer[] = [];
  private headLen = 0;
  private tail: Buffer[] = [];
  private tailLen = 0;
  private dropped = 0;
  private readonly half: number;

  constructor(limit: number) {
    this.half = Math.max(1024, Math.floor(limit / 2));
  }

  push(chunk: Buffer): void {
    let b = chunk;
    if (this.headLen < this.half) {
      const take = b.subarray(0, this.half - this.headLen);
      this.head.push(take);
      this.headLen += take.length;
      b = b.subarray(take.length);
    }
    if (b.length === 0) return;
    this.tail.push(b);
    this.tailLen += b.length;
    while (this.tailLen > this.half) {
      const first = this.tail[0]!;
      const excess = this.tailLen - this.half;
      if (first.length <= excess) {
        this.tail.shift();
        this.tailLen -= first.length;
        this.dropped += first.length;
      } else {
        this.tail[0] = first.subarray(excess);
        this.tailLen -= excess;
        this.dropped += excess;
      }
    }
  }

  text(): string {
    const head = Buffer.concat(this.head).toString('utf8');
    const tail = Buffer.concat(this.tail).toString('utf8');
    return this.dropped > 0 ? `${head}\n[… ${this.dropped} bytes of output dropped …]\n${tail}` : head + tail;
  }
}
