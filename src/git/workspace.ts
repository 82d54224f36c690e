/**
 * Git on the model's side of the boundary: the workspace's own `.git` is the model's scratch (its
 * config, hooks and attributes are whatever the model made them), so every git command on it
 * runs through the sandboxed process runner like any command the model causes, and its output is
 * data. The action's own commits and pushes use a separate, trusted git directory
 * (src/git/trusted.ts) and never read this one.
 */
import { existsSync } from 'node:fs';
import type { CommandRunner, RunResult } from '../sandbox/runner.js';

/** What a sandboxed git command needs. */
export interface WorkspaceGitContext {
  runner: CommandRunner;
  workspace: string;
  /** The sandbox environment (no credentials). */
  env: Readonly<Record<string, string>>;
  timeoutMs: number;
}

const GIT = existsSync('/usr/bin/git') ? '/usr/bin/git' : 'git';

/** Result of a sandboxed git command: stdout and stderr apart. */
export interface WorkspaceGitResult {
  code: number;
  stdout: string;
  stderr: string;
  /** True when `stopAfterLines` was reached and git was stopped. */
  stopped?: boolean;
}

/**
 * Runs `git <args>` in the workspace inside the sandbox. Never throws; a spawn failure or a
 * refusal (no sandbox, fail-closed) is exit code 127 with the reason in `stderr`.
 * @param readOnly host paths the command may read besides the sandbox's view (the trusted git directory, to fetch the action's commits)
 * @param opts `stopAfterLines`: stop git once stdout holds that many lines (`stopped` is then set; see `RunRequest`)
 */
export async function workspaceGit(ctx: WorkspaceGitContext, args: readonly string[], readOnly: readonly string[] = [], opts: { stopAfterLines?: number } = {}): Promise<WorkspaceGitResult> {
  const r: RunResult = await ctx.runner.run({
    argv: [GIT, '-c', 'core.pager=cat', '-c', 'maintenance.auto=false', '-c', 'gc.auto=0', ...args],
    cwd: ctx.workspace,
    env: { ...ctx.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
    timeoutMs: ctx.timeoutMs,
    separateStderr: true,
    ...(readOnly.length ? { view: { readOnly } } : {}),
    ...(opts.stopAfterLines ? { stopAfterLines: opts.stopAfterLines } : {}),
  });
  if (r.spawnError) return { code: 127, stdout: '', stderr: r.spawnError };
  if (r.stopped) return { code: 0, stdout: r.output, stderr: r.stderr, stopped: true };
  return { code: r.code ?? (r.timedOut ? 124 : 1), stdout: r.output, stderr: r.stderr + (r.timedOut ? '\n(timed out)' : '') };
}
