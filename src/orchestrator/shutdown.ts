/**
 * What the job does when the runner stops it (issue #10 "work survives the runner"). A cancelled
 * run gets SIGINT, then SIGTERM 7.5 s later, then SIGKILL 2.5 s after that
 * (https://docs.github.com/actions/managing-workflow-runs-and-deployments/managing-workflow-runs/canceling-a-workflow#steps-github-takes-to-cancel-a-workflow-run);
 * a runner shutting down sends SIGTERM. Node's default is to exit at once, which would leave the
 * work in progress unpushed, the run open in the task record, the slot held and the status
 * comment saying "In progress". Hooks registered here run instead, in phases — `work` (push the
 * work in progress, record the end, tell the issue) before `cleanup` (tear the network namespace
 * down, which ends every command still running) — within `graceMs`, then the process exits with
 * the signal's conventional code.
 */
import * as core from '@actions/core';

export type ShutdownPhase = 'work' | 'cleanup';
type Hook = { phase: ShutdownPhase; run: (signal: NodeJS.Signals) => Promise<void> };

const hooks = new Set<Hook>();
let installed = false;
let stopping: NodeJS.Signals | undefined;
/** Total time the hooks get, ms: inside the 7.5 s between the runner's SIGINT and its SIGTERM. */
let graceMs = 7000;

/** Sets the time the hooks get (tests shorten it). */
export function setShutdownGrace(ms: number): void {
  graceMs = ms;
}

/** The signal the job is stopping on, if it is (for code that should not start new work). */
export function stoppingOn(): NodeJS.Signals | undefined {
  return stopping;
}

/**
 * Registers `run` to be awaited when SIGINT or SIGTERM arrives. @returns a function that removes it
 * (call it when the work it protects is done).
 */
export function onShutdown(run: (signal: NodeJS.Signals) => Promise<void>, phase: ShutdownPhase = 'work'): () => void {
  const hook = { phase, run };
  hooks.add(hook);
  install();
  return () => {
    hooks.delete(hook);
  };
}

function install(): void {
  if (installed) return;
  installed = true;
  const handler = (signal: NodeJS.Signals): void => {
    if (stopping) return; // the second signal (SIGTERM after SIGINT) changes nothing: we are on it
    stopping = signal;
    core.warning(`Kiro: the job received ${signal}; saving the work in progress and recording where the task stands.`);
    void runHooks(signal).finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}

async function runHooks(signal: NodeJS.Signals): Promise<void> {
  const deadline = Date.now() + graceMs;
  for (const phase of ['work', 'cleanup'] as const) {
    const mine = [...hooks].filter((h) => h.phase === phase);
    const left = Math.max(phase === 'work' ? deadline - Date.now() - 1000 : deadline - Date.now(), 200);
    await Promise.race([
      Promise.all(mine.map((h) => h.run(signal).catch((e: unknown) => core.warning(`Kiro: while stopping: ${(e as Error).message}`)))),
      new Promise<void>((r) => setTimeout(r, left).unref()),
    ]);
  }
}
