/**
 * How a task run ends when it does not end well (issue #10): one place turns any failure — an
 * exception after the acknowledgement, or the runner stopping the job — into a truthful end:
 * the task record (state, the run closed, its spend) first, the slot released, then the status
 * comment (what happened, redacted, and what the user can do) and exactly one lifecycle label.
 * Each write is attempted on its own: a GitHub outage does not stop the record, a state-branch
 * failure does not stop the comment. A task the record already says is completed (its pull
 * request is open) stays completed whatever failed after that.
 */
import { safeInline } from '../policy/sanitize.js';
import * as core from '@actions/core';
import { reportOutputs } from './outcome.js';
import type { TaskState } from '../constants.js';
import type { StatusView } from '../report/status.js';
import type { Spend } from '../agent/types.js';
import type { Task } from '../state/schema.js';
import type { StateStore } from '../state/store.js';
import { setLifecycleLabel } from './lifecycle.js';
import type { StatusComment } from './lifecycle.js';
import type { Services } from './services.js';
import { dispatchContinuation, leaseMs } from './store.js';

/** Where the end is reported. */
export interface EndTarget {
  svc: Services;
  /** Undefined when the state store itself could not be opened. */
  store: StateStore | undefined;
  taskId: string;
  status: StatusComment;
  issueNumber: number;
  /** Labels known to be on the issue (to swap lifecycle labels without a read). */
  labels: readonly string[];
  /** This run's spend not yet added to the record (undefined when it already was). */
  spend: Spend | undefined;
}

/** Closes this run's entry in the record's `runs`. */
export function closeRun(runs: Task['runs'], runId: number, exitReason: string): Task['runs'] {
  return runs.map((x) => (x.runId === runId && !x.endedAt ? { ...x, endedAt: new Date().toISOString(), exitReason } : x));
}

/** The record's token counts plus `spend`'s. */
export function addTokens(t: Task['tokens'], spend: Spend): Task['tokens'] {
  return {
    input: t.input + spend.usage.input_tokens,
    output: t.output + spend.usage.output_tokens,
    cacheRead: t.cacheRead + spend.usage.cache_read_input_tokens,
    cacheWrite: t.cacheWrite + spend.usage.cache_creation_input_tokens,
  };
}

async function attempt(svc: Services, what: string, fn: () => Promise<unknown>): Promise<boolean> {
  try {
    await fn();
    return true;
  } catch (e) {
    core.warning(safeInline(svc.redact(`Kiro: could not ${what}: ${(e as Error).message}`), 2000));
    return false;
  }
}

/** What a user can do about a failure, from its message. */
function adviceFor(svc: Services, message: string): string {
  const cmd = `\`${svc.settings.triggerCommand} continue\``;
  if (/state branch/i.test(message)) {
    return `The action could not write its state branch \`${svc.settings.stateBranch}\` in ${svc.settings.stateRepository}: give the workflow \`contents: write\` there and exempt the branch from branch protection and rulesets, then comment ${cmd}.`;
  }
  if (/\b403\b|not accessible|permission|denied/i.test(message)) {
    return `Check that the workflow grants \`contents: write\`, \`issues: write\` and \`pull-requests: write\` (and that the token can write the state branch \`${svc.settings.stateBranch}\`), then comment ${cmd}.`;
  }
  return `Comment ${cmd} to resume from the saved plan: finished steps are kept, nothing committed is lost.`;
}

/**
 * Records and reports the end of a run that failed with `error` (see the module doc). Never throws.
 * @returns the outcome for `run()`: failed, with the redacted message
 */
export async function endInFailure(t: EndTarget, error: unknown): Promise<{ failed: string }> {
  const { svc } = t;
  const message = svc.redact(error instanceof Error ? error.message : String(error));
  core.error(safeInline(`Kiro: task ${t.taskId} failed: ${message}`, 2000));
  const final = await recordEnd(t, 'failed');
  const title = final?.state === 'completed' ? undefined : `Stopped: ${message}`;
  await report(t, final, title, [adviceFor(svc, message)]);
  return { failed: message };
}

/**
 * Records and reports a run the runner is stopping (SIGINT/SIGTERM), after `wip` pushed the work
 * in progress. Never throws.
 */
export async function endInterrupted(t: EndTarget, signal: NodeJS.Signals, wip: (() => Promise<string>) | undefined): Promise<void> {
  const { svc } = t;
  let pushedTo: string | undefined;
  if (wip) await attempt(svc, 'push the work in progress', async () => (pushedTo = await wip()));
  const final = await recordEnd(t, `interrupted:${signal}`);
  const cmd = `\`${svc.settings.triggerCommand} continue\``;
  const what = `The job was stopped (${signal}: the run was cancelled or its runner shut down).`;
  const notes = [pushedTo ? `Work so far is pushed to \`${pushedTo}\`.` : 'No work in progress needed saving.', `Comment ${cmd} to resume from the saved plan.`];
  await report(t, final, final?.state === 'completed' ? undefined : what, notes);
}

/**
 * The record first: state (completed stays completed), this run closed, its spend added; then the
 * slot released. @returns the record as written (undefined when the store cannot be written)
 */
async function recordEnd(t: EndTarget, exitReason: string): Promise<Task | undefined> {
  const { svc, store } = t;
  if (!store) return undefined;
  const runId = svc.settings.runner.runId;
  let written: Task | undefined;
  await attempt(svc, `record the end of task ${t.taskId}`, async () => {
    written = await store.updateTask(
      t.taskId,
      (x) =>
        ({
          ...x,
          state: x.state === 'completed' || x.state === 'cancelled' ? x.state : 'needs_attention',
          ...(t.spend ? { costUsd: x.costUsd + t.spend.costUsd, turns: (x.turns ?? 0) + t.spend.turns, tokens: addTokens(x.tokens, t.spend) } : {}),
          runs: closeRun(x.runs, runId, exitReason),
        }) as Task,
      `${t.taskId}: run ${runId} ended (${exitReason})`,
    );
  });
  // the freed slot goes to the oldest queued task: start its run, or it would wait for nobody
  await attempt(svc, `release the slot of task ${t.taskId}`, async () => {
    for (const id of await store.releaseSlot(t.taskId, svc.settings.maxConcurrentTasks)) {
      core.info(`Kiro: handing a free slot to queued task ${id}.`);
      await dispatchContinuation(svc, id);
    }
  });
  return written;
}

/** The status comment and the one lifecycle label, from the record's state. */
async function report(t: EndTarget, final: Task | undefined, phase: string | undefined, notes: string[]): Promise<void> {
  const { svc } = t;
  const state: TaskState = final?.state === 'completed' ? 'completed' : final?.state === 'cancelled' ? 'cancelled' : 'needs_attention';
  const view: Partial<StatusView> =
    state === 'completed'
      ? { state, phase: 'Pull request opened.', ...(final?.pullRequest ? { result: { ...(t.status.view.result ?? {}), pullRequestUrl: final.pullRequest.url } } : {}) }
      : { state, phase: phase ?? 'Stopped.', notes };
  await Promise.all([
    // a cancelled task's status comment was written by the cancel (who, how): keep it
    state === 'cancelled' ? Promise.resolve(true) : attempt(svc, 'update the status comment', () => t.status.update(view)),
    attempt(svc, 'set the lifecycle label', () => setLifecycleLabel(svc, t.issueNumber, state, t.labels)),
  ]);
  reportOutputs({ status: state });
}

/**
 * Keeps this run's lease fresh while it works (a run is "alive" only while its lease is): renewed
 * every third of the lease. A failed renewal is logged; the next one tries again. `stop()` ends it.
 */
export function keepLeaseFresh(svc: Services, store: StateStore, taskId: string): { stop(): void } {
  const ms = leaseMs(svc);
  const timer = setInterval(() => {
    void store.renewLease(taskId, svc.settings.runner.runId, ms).catch((e: unknown) => core.warning(svc.redact(`Kiro: could not renew the lease of ${taskId}: ${(e as Error).message}`)));
  }, Math.max(1000, Math.floor(ms / 3)));
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
