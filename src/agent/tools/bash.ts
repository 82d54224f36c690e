/**
 * Anthropic's bash tool (`type: bash_20250124`, name `bash`), executed in the workspace under the
 * policy. Contract: https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/bash-tool
 * (input `{command?: string, restart?: boolean}`).
 *
 * Each command runs in a fresh `bash -c` in its own process group, stdin closed, with exactly
 * `ctx.env` — so a timeout kills everything the command started and output capture ends when the
 * command does. What the model expects to persist between calls is carried over explicitly: the
 * working directory (kept only while it is inside the workspace) and exported variables (saved by
 * an EXIT trap, sourced before the next command). Shell functions, aliases and job control do not
 * persist; `restart: true` forgets both.
 *
 * Policy wiring (SPEC.md §4): every command line goes through `ctx.policy.checkCommandIn` with the
 * shell's working directory (or `checkCommand` when the policy has no cwd-aware check) before it
 * runs; a denial is an `is_error` result saying why, a pause ends the run for the owner's approval.
 * `ctx.commandEnv` adds the egress proxy's per-command variables and `ctx.wrapCommand` runs the
 * shell inside the network sandbox when the runner allows one.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import { z } from 'zod';
import type { AgentTool, ToolContext, ToolOutcome } from '../types.js';
import { commandHint, truncateOutput } from './truncate.js';

export interface BashToolOptions {
  /** Lines / characters of output shown to the model (defaults of `truncateOutput`). */
  maxLines?: number;
  maxChars?: number;
  /** Bytes of output held in memory per command; the middle beyond it is dropped (default 4 MiB). */
  captureBytes?: number;
  /** Time between SIGTERM and SIGKILL of the process group on timeout, ms (default 2000). */
  killGraceMs?: number;
}

const BashInput = z.object({
  command: z.string().optional(),
  restart: z.boolean().optional(),
});

const BASH = existsSync('/bin/bash') ? '/bin/bash' : 'bash';

/** Builds the `bash` tool; each instance keeps its own working directory and exports. */
export function createBashTool(opts: BashToolOptions = {}): AgentTool {
  let cwd: string | undefined;
  let stateDir: string | undefined;
  const files = (): { env: string; cwd: string } => {
    // The paths are spliced into the script; mkdtemp under a sane tmpdir has no shell quotes.
    stateDir ??= mkdtempSync(join(tmpdir(), 'kiro-bash-'));
    return { env: join(stateDir, 'env.sh'), cwd: join(stateDir, 'cwd') };
  };
  const reset = (): void => {
    cwd = undefined;
    if (stateDir) rmSync(stateDir, { recursive: true, force: true });
    stateDir = undefined;
  };

  return {
    name: 'bash',
    definition: { type: 'bash_20250124', name: 'bash' },
    inputSchema: BashInput,
    async execute(raw: unknown, ctx: ToolContext): Promise<ToolOutcome> {
      const input = raw as z.infer<typeof BashInput>;
      const command = input.command ?? '';
      if (input.restart) {
        reset();
        if (command.trim() === '') return { content: `bash restarted; working directory: ${ctx.workspace}` };
      }
      if (command.trim() === '') {
        return { content: 'Give a `command` to run (or `restart: true` to start a fresh shell).', isError: true };
      }
      const f = files();
      const workspace = realWorkspace(ctx.workspace);
      const dir = cwd && existsSync(cwd) ? cwd : workspace;
      // The policy resolves relative paths against the shell's real directory, named under the
      // workspace path it was given (the shell reports realpaths).
      const decision = ctx.policy.checkCommandIn
        ? ctx.policy.checkCommandIn(command, join(ctx.workspace, relative(workspace, dir)))
        : ctx.policy.checkCommand(command);
      if (decision.action === 'deny') {
        return { content: `Command refused by policy: ${decision.reason}. Do not retry it; find another way.`, isError: true };
      }
      if (decision.action === 'pause') {
        return {
          content: `Paused before running this command: ${decision.reason}. The task owner must approve it first.`,
          pause: { reason: decision.reason, command },
        };
      }

      const perCommand = ctx.commandEnv?.(command) ?? {};
      // The saved exports of the previous command would bring back its per-command variables
      // (the proxy URL naming it): this command's own are set again after them.
      const reapply = Object.entries(perCommand)
        .filter(([k]) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(k))
        .map(([k, v]) => `export ${k}=${shellQuote(v)}\n`)
        .join('');
      const script =
        `exec 2>&1\n` +
        `[ -f '${f.env}' ] && . '${f.env}' >/dev/null 2>&1; cd -P . 2>/dev/null\n` +
        reapply +
        `trap '{ export -p >| "${f.env}"; pwd -P >| "${f.cwd}"; } 2>/dev/null' EXIT\n` +
        command;
      const env = { ...ctx.env, ...perCommand };
      const argv = [BASH, '--noprofile', '--norc', '-c', script];
      const run = await runProcess(ctx.wrapCommand ? ctx.wrapCommand(argv, env) : argv, dir, env, ctx, opts);

      let note = '';
      try {
        const next = readFileSync(f.cwd, 'utf8').trim();
        if (next) {
          const rel = relative(workspace, next);
          if (rel.startsWith('..') || isAbsolute(rel)) {
            cwd = undefined;
            note = `\n[working directory ${next} is outside the workspace; the next command starts in ${workspace}]`;
          } else {
            cwd = next;
          }
        }
      } catch {
        // No trap output (the command replaced the shell or was killed): keep the previous cwd.
      }

      const shown = truncateOutput(run.output, {
        maxLines: opts.maxLines,
        maxChars: opts.maxChars,
        headShare: 0.3,
        hint: commandHint,
      });
      const body = shown === '' ? '(no output)' : shown;
      if (run.timedOut) {
        return {
          content:
            `${body}\n[timed out after ${seconds(ctx.commandTimeoutMs)} s; the command and everything it started were killed]\n` +
            `Hint: run long-lived processes (servers, watchers) in the background with output to a file ` +
            `(\`cmd > /tmp/out.log 2>&1 &\`) and read the file later, or narrow the command ` +
            `(one test file, a smaller directory, --bail / -x).`,
          isError: true,
        };
      }
      if (run.aborted) return { content: `${body}\n[aborted: the task was cancelled]`, isError: true };
      if (run.spawnError) return { content: `Could not start bash: ${run.spawnError}`, isError: true };
      const status = run.signal ? `[killed by ${run.signal}]` : `[exit code: ${run.code}]`;
      return { content: `${body}\n${status}${note}` };
    },
  };
}

/** `value` as one single-quoted shell word. */
function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

function seconds(ms: number): string {
  return ms < 10_000 ? (ms / 1000).toFixed(1) : String(Math.round(ms / 1000));
}

const realCache = new Map<string, string>();
function realWorkspace(ws: string): string {
  let r = realCache.get(ws);
  if (r === undefined) {
    try {
      r = realpathSync(ws);
    } catch {
      r = ws;
    }
    realCache.set(ws, r);
  }
  return r;
}

interface RunResult {
  output: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  aborted: boolean;
  spawnError?: string;
}

function runProcess(argv: readonly string[], cwd: string, env: Record<string, string>, ctx: ToolContext, opts: BashToolOptions): Promise<RunResult> {
  return new Promise((resolve) => {
    const capture = new Capture(opts.captureBytes ?? 4 * 1024 * 1024);
    const child = spawn(argv[0]!, argv.slice(1), {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let timedOut = false;
    let aborted = false;
    let done = false;
    let killTimer: NodeJS.Timeout | undefined;
    let drainTimer: NodeJS.Timeout | undefined;

    const killGroup = (): void => {
      const pid = child.pid;
      if (pid === undefined) return;
      try {
        process.kill(-pid, 'SIGTERM');
      } catch {
        // already gone
      }
      killTimer = setTimeout(() => {
        try {
          process.kill(-pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }, opts.killGraceMs ?? 2000);
      killTimer.unref();
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, ctx.commandTimeoutMs);
    const onAbort = (): void => {
      aborted = true;
      killGroup();
    };
    ctx.signal?.addEventListener('abort', onAbort, { once: true });

    const finish = (code: number | null, signal: NodeJS.Signals | null, spawnError?: string): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (drainTimer) clearTimeout(drainTimer);
      ctx.signal?.removeEventListener('abort', onAbort);
      child.stdout?.destroy();
      child.stderr?.destroy();
      resolve({ output: capture.text(), code, signal, timedOut, aborted, spawnError });
    };

    child.stdout?.on('data', (b: Buffer) => capture.push(b));
    child.stderr?.on('data', (b: Buffer) => capture.push(b));
    child.on('error', (e) => finish(null, null, e.message));
    // A background job the command left running may hold the pipe open: once bash itself has
    // exited, give the pipe a moment to drain, then stop reading.
    child.on('exit', (code, signal) => {
      drainTimer = setTimeout(() => finish(code, signal), 200);
    });
    child.on('close', (code, signal) => finish(code, signal));
    if (ctx.signal?.aborted) onAbort();
  });
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
    const out = this.dropped > 0 ? `${head}\n[… ${this.dropped} bytes of output dropped …]\n${tail}` : head + tail;
    return out.replace(/\n$/, '');
  }
}
