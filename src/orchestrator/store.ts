/**
 * Opens the state store (SPEC.md §3, docs/state.md) for a run: the `state-branch` of the
 * `state-repository` on `GITHUB_SERVER_URL`, read and written with git in a scratch directory
 * under RUNNER_TEMP. Dry runs read it and keep their writes in memory.
 */
import path from 'node:path';
import { openStateStore } from '../state/store.js';
import type { StateStore } from '../state/store.js';
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

/** How long a task's slot lease lasts: the job's budget plus a margin, ms. */
export function leaseMs(svc: Services): number {
  return svc.settings.timeoutMinutes * 60_000 + 10 * 60_000;
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
