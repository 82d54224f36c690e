/**
 * Runs the project's verification commands (detected by detect.ts) in the sandbox environment
 * and collects pass/fail with an output excerpt for the PR body and the code sub-agent.
 */
import { existsSync } from 'node:fs';
import { truncateOutput } from '../agent/tools/truncate.js';
import type { CommandRunner } from '../sandbox/runner.js';
import type { CheckCommand } from './detect.js';

export interface CheckResult extends CheckCommand {
  passed: boolean;
  exitCode: number | null;
  timedOut: boolean;
  durationMs: number;
  /** Combined stdout+stderr, truncated (head and tail kept), redacted. */
  output: string;
}

export interface RunChecksOptions {
  cwd: string;
  /** The sandbox environment (secrets removed, proxy set). */
  env: Readonly<Record<string, string>>;
  timeoutMs: number;
  redact: (s: string) => string;
  /** The one process runner: checks run in the OS sandbox like the model's own commands. */
  runner: CommandRunner;
  /** Called with each command line before it runs (names it for the egress proxy's blocked list); returns variables to add. */
  commandEnv?: (command: string) => Record<string, string>;
}

/** An absolute bash, so a project's PATH cannot shadow the shell itself. */
const BASH = existsSync('/bin/bash') ? '/bin/bash' : 'bash';

/** Runs one shell command line in the sandbox; the runner kills its process group on timeout. */
export async function runShell(command: string, opts: RunChecksOptions): Promise<{ code: number | null; output: string; timedOut: boolean; durationMs: number }> {
  const r = await opts.runner.run({ argv: [BASH, '-c', command], cwd: opts.cwd, env: { ...opts.env, ...opts.commandEnv?.(command) }, timeoutMs: opts.timeoutMs });
  if (r.spawnError) return { code: 127, output: r.spawnError, timedOut: false, durationMs: r.durationMs };
  return { code: r.code, output: r.output, timedOut: r.timedOut, durationMs: r.durationMs };
}

/** Runs every check in order (they may depend on each other's build output). */
export async function runChecks(checks: readonly CheckCommand[], opts: RunChecksOptions): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const c of checks) {
    const r = await runShell(c.command, opts);
    results.push({
      ...c,
      passed: r.code === 0 && !r.timedOut,
      exitCode: r.code,
      timedOut: r.timedOut,
      durationMs: r.durationMs,
      output: opts.redact(truncateOutput(r.output, { maxLines: 120, maxChars: 8000 })),
    });
  }
  return results;
}
