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
 * `ctx.commandEnv` adds the egress proxy's per-command variables; `ctx.runner` (the one process
 * runner, src/sandbox/runner.ts) runs the shell inside the OS sandbox — the policy above is
 * guidance for the model, the sandbox is the boundary.
 */
import { closeSync, constants as fsConstants, existsSync, fstatSync, mkdtempSync, openSync, readSync, realpathSync, rmSync } from 'node:fs';
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
  const files = (ctx: ToolContext): { env: string; cwd: string } => {
    // The paths are spliced into the script; mkdtemp under a sane tmpdir has no shell quotes.
    // `ctx.stateDir` is bound into the sandbox at the same path, so the shell can write there.
    stateDir ??= mkdtempSync(join(ctx.stateDir ?? tmpdir(), 'kiro-bash-'));
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
      const f = files(ctx);
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
      const run = await ctx.runner.run({
        argv,
        cwd: dir,
        env,
        timeoutMs: ctx.commandTimeoutMs,
        ...(ctx.signal ? { signal: ctx.signal } : {}),
        ...(opts.captureBytes ? { captureBytes: opts.captureBytes } : {}),
        ...(opts.killGraceMs ? { killGraceMs: opts.killGraceMs } : {}),
      });

      let note = '';
      // The file is the shell's (the model's): read it without following links, as data.
      const next = readSmallFile(f.cwd)?.trim();
      if (next) {
        const rel = relative(workspace, next);
        if (rel.startsWith('..') || isAbsolute(rel) || next.includes('\n')) {
          cwd = undefined;
          note = `\n[the working directory is outside the workspace; the next command starts in ${workspace}]`;
        } else {
          cwd = next;
        }
      }
      // No trap output (the command replaced the shell or was killed): keep the previous cwd.

      const shown = truncateOutput(run.output.replace(/\n$/, ''), {
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
      if (run.spawnError && ctx.runner.mode === 'refused') return { content: `No command can run on this runner. ${run.spawnError} Use the file tools (view, create, str_replace) instead.`, isError: true };
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

/**
 * The first 4 KiB of a regular file, opened without following a symlink (`O_NOFOLLOW`), or
 * undefined. For files the sandboxed shell wrote and the action reads back.
 */
function readSmallFile(p: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(p, fsConstants.O_RDONLY | fsConstants.O_NOFOLLOW | fsConstants.O_NONBLOCK);
    if (!fstatSync(fd).isFile()) return undefined;
    const buf = Buffer.alloc(4096);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n).toString('utf8');
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
