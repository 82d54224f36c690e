/**
 * Opens the state store (SPEC.md §3, docs/state.md) for a run: the `state-branch` of the
 * `state-repository` on `GITHUB_SERVER_URL`, read and written with git in a scratch directory
 * under RUNNER_TEMP. Dry runs read it and keep their writes in memory.
 */
import * as core from '@actions/core';
import path from 'node:path';
import { openStateStore } from '../state/store.js';
import type { StateStore } from '../state/store.js';
import type { Task } from '../state/schema.js';
import type { Services } from './services.js';

/** Opens the run's state store. */
export function openStore(svc: Services): Promise<StateStore> {
  const s = svc.settings;
  return openStateStore({
    serverUrl: s.runner.serverUrl,
    repository: s.stateRepository,
    branch: s.stateBranch,
    token: s.githubToken,
    dir: path.join(s.runner.runnerTemp, 'kiro-state-store'),
    dryRun: s.dryRun,
    identity: { name: s.bot.name, email: s.bot.email },
  });
}

/**
 * In a dry run, saves the state-store writes that would have been pushed (SPEC.md J8) to
 * `$RUNNER_TEMP/kiro-dry-run/state-writes.jsonl`.
 */
export function recordDryRunState(svc: Services, store: StateStore): void {
  if (!svc.recorder) return;
  for (const w of store.pendingWrites()) {
    svc.recorder.record('state-writes.jsonl', { operation: w.content === null ? 'delete state file' : 'write state file', repository: svc.settings.stateRepository, params: { branch: svc.settings.stateBranch, path: w.path, description: w.description, content: w.content } });
  }
}

/**
 * How long a run's hold on its task lasts without a heartbeat, ms: a run is alive only while its
 * lease is fresh (renewed every third of this while it works, src/orchestrator/ending.ts), so a
 * runner that died frees its task within this time.
 */
export function leaseMs(_svc: Services): number {
  return 10 * 60_000;
}

/**
 * Starts the continuation run of a task (`workflow_dispatch` of this workflow with the `task-id`
 * input, https://docs.github.com/rest/actions/workflows#create-a-workflow-dispatch-event).
 */
export async function dispatchContinuation(svc: Services, taskId: string): Promise<void> {
  const r = svc.settings.runner;
  if (!r.workflowFile) throw new Error('cannot start a continuation run: GITHUB_WORKFLOW_REF does not name the workflow file');
  const ref = r.workflowGitRef || (await svc.github.getDefaultBranch(svc.repo));
  await svc.github.dispatchWorkflow(svc.repo, r.workflowFile.split('/').pop()!, ref, { 'task-id': taskId });
}

/**
 * Whether another run is working on `task` right now: it holds a fresh lease (renewed while it
 * works), it has not closed its run on the record, and the Actions API does not report that run
 * completed (a runner killed before it could release its lease). A task whose run died is
 * therefore resumable at once when GitHub knows the run ended, and within one lease (`leaseMs`)
 * otherwise.
 */
export async function runningElsewhere(svc: Services, store: StateStore, task: Task): Promise<boolean> {
  if (task.state !== 'in_progress') return false;
  const lease = (await store.listLeases()).find((l) => l.taskId === task.id);
  if (!lease || lease.reserved || lease.runId === undefined || lease.runId === svc.settings.runner.runId) return false;
  // a run that closed its entry on the record (a checkpoint that dispatched its continuation) is done
  // with the task, though its job may still be finishing and its lease not yet handed on
  if (task.runs.some((r) => r.runId === lease.runId && r.endedAt)) return false;
  const status = await svc.github.getWorkflowRunStatus(svc.repo, lease.runId).catch(() => undefined);
  return status !== 'completed';
}

/** Starts the continuation runs of queued tasks that were handed a slot. */
export async function startHandedTasks(svc: Services, taskIds: readonly string[]): Promise<void> {
  for (const id of taskIds) {
    core.info(`Kiro: handing a free slot to queued task ${id}.`);
    await dispatchContinuation(svc, id);
  }
}
