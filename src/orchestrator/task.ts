/**
 * Starting a task from an issue (SPEC.md J1, J2): acknowledge within the first second, then run
 * the plan → code → verify pipeline.
 */
import * as core from '@actions/core';
import { Outputs } from '../constants.js';
import type { Command } from '../events.js';
import type { StatusView } from '../report/status.js';
import type { Outcome } from './handlers.js';
import { setLifecycleLabel, StatusComment } from './lifecycle.js';
import type { Services } from './services.js';

export type StartCommand = Extract<Command, { kind: 'start' }>;

/**
 * A task id that is unique per trigger and stable across re-runs of the same workflow run:
 * `<repo>-<issue>-<run id>`, restricted to characters safe in file names and refs.
 */
export function makeTaskId(repo: string, issueNumber: number, runId: number): string {
  return `${repo.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${issueNumber}-${runId.toString(36)}`;
}

/** The acknowledgement: 👀 on the trigger, the status comment, and `kiro:in-progress`, in parallel. */
export async function acknowledge(svc: Services, cmd: StartCommand, view: StatusView): Promise<StatusComment> {
  const reaction = cmd.reactionTarget ? svc.github.addReaction(svc.repo, cmd.reactionTarget, 'eyes') : Promise.resolve();
  const [, status] = await Promise.all([
    reaction,
    StatusComment.open(svc, cmd.issue.number, view),
    setLifecycleLabel(svc, cmd.issue.number, 'in_progress', cmd.issue.labels),
  ]);
  return status;
}

/** Handles a `start` command. */
export async function startTask(svc: Services, cmd: StartCommand): Promise<Outcome> {
  const taskId = makeTaskId(svc.repo.repo, cmd.issue.number, svc.settings.runner.runId);
  core.setOutput(Outputs.TaskId, taskId);
  const status = await acknowledge(svc, cmd, {
    taskId,
    state: 'in_progress',
    title: cmd.issue.title,
    runUrl: svc.settings.runner.runUrl,
    startedAt: svc.startedAt,
    now: svc.now(),
    phase: 'Reading the issue and planning…',
  });
  core.info(`Kiro: acknowledged task ${taskId} in ${svc.now() - svc.startedAt} ms (status comment ${status.commentId}).`);
  core.setOutput(Outputs.Status, 'in_progress');
  return {};
}
