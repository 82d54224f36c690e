/**
 * Runs the project's verification commands (detected by detect.ts) in the sandbox environment
 * and collects pass/fail with an output excerpt for the PR body and the code sub-agent.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { truncateOutput } from '../agent/tools/truncate.js';
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
  /** Wraps argv for firewall enforcement (e.g. a network namespace); identity by default. */
  wrap?: (argv: string[]) => string[];
}

/** An absolute bash, so a project's PATH cannot shadow the shell itself. */
const BASH = existsSync('/bin/bash') ? '/bin/bash' : 'bash';

/** Runs one shell command line; kills its process group on timeout. */
export function runShell(command: string, opts: RunChecksOptions): Promise<{ code: number | null; output: string; timedOut: boolean; durationMs: number }> {
  const started = Date.now();
  const argv = (opts.wrap ?? ((a: string[]) => a))([BASH, '-c', command]);
  return new Promise((resolve) => {
    const child = spawn(argv[0]!, argv.slice(1), { cwd: opts.cwd, env: { ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const chunks: Buffer[] = [];
    let size = 0;
    const keep = (b: Buffer) => {
      // keep at most 4 MiB: the head and the newest output matter, the middle is truncated anyway
      size += b.length;
      chunks.push(b);
      while (size > 4 * 1024 * 1024 && chunks.length > 2) size -= chunks.splice(1, 1)[0]!.length;
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, opts.timeoutMs);
    const done = (code: number | null) => {
      clearTimeout(timer);
      resolve({ code, output: Buffer.concat(chunks).toString('utf8'), timedOut, durationMs: Date.now() - started });
    };
    child.on('error', (e) => {
      chunks.push(Buffer.from(String(e)));
      done(127);
    });
    child.on('close', (code) => done(code));
  });
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
