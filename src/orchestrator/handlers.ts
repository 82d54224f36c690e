/**
 * One handler per command kind. Handlers return an outcome; `run()` turns a `failed` message into
 * the job's failure. Refusals and no-ops end the job successfully.
 */
import * as core from '@actions/core';
import { Markers, RepoFiles } from '../constants.js';
import type { Command } from '../events.js';
import { checkActor, refuse } from './gate.js';
import type { Services } from './services.js';
import { acknowledge, makeTaskId } from './ack.js';
import type { StartCommand } from './ack.js';

export type { Outcome } from './outcome.js';
import { reportOutputs, type Outcome } from './outcome.js';

type Handled = Exclude<Command, { kind: 'noop' }>;

/** Routes a command to its handler after the permission gate. */
export async function handleCommand(svc: Services, cmd: Handled): Promise<Outcome> {
  // a continuation run is dispatched by the action itself with the job token (sender
  // github-actions[bot]); dispatching already requires write access to the repository's actions
  const selfDispatch = cmd.kind === 'dispatch' && cmd.actor.login === 'github-actions[bot]';
  // failing CI carries no one's instructions; feedback.ts acts on it only for PRs Kiro opened
  // a `schedule` run comes from the default branch's workflow file, written by people with write access
  const trusted = selfDispatch || cmd.kind === 'checks_failed' || (cmd.kind === 'automation' && cmd.trigger === 'schedule');
  const gate = trusted ? ({ allowed: true } as const) : await checkActor(svc, cmd.actor);
  if (!gate.allowed) {
    const issueNumber = issueOf(cmd);
    // comments by non-writers on a task's issue are simply not instructions: no refusal noise
    // nor are reviews by non-writers: a review is not a request to Kiro
    if (cmd.kind === 'reply' || (cmd.kind === 'feedback' && cmd.scope === 'review') || issueNumber === undefined) {
      core.info(`Kiro: ignoring ${cmd.kind} from ${cmd.actor.login}: ${gate.reason}`);
    } else {
      await refuse(svc, issueNumber, cmd.actor, gate.reason);
    }
    reportOutputs({ status: 'refused' });
    return {};
  }
  if (svc.settings.repoSettingsError && cmd.kind === 'start') {
    return reportSettingsError(svc, cmd.issue.number);
  }
  switch (cmd.kind) {
    case 'start':
      return startTask(svc, cmd);
    case 'reply':
      return (await import('./control.js')).handleReply(svc, cmd);
    case 'continue':
      return (await import('./control.js')).handleContinue(svc, cmd);
    case 'cancel':
      return (await import('./control.js')).handleCancel(svc, cmd);
    case 'dispatch':
      // a task with pending review feedback resumes as a feedback round, anything else in control.ts
      return (await import('./feedback.js')).routeDispatch(svc, cmd);
    case 'feedback':
      return (await import('./feedback.js')).handleFeedback(svc, cmd);
    case 'checks_failed':
      return (await import('./feedback.js')).handleChecksFailed(svc, cmd);
    case 'automation':
      return (await import('./automation.js')).runAutomations(svc, cmd);
    default: {
      const unhandled: never = cmd;
      core.info(`Kiro: '${(unhandled as { kind: string }).kind}' is not handled by this version.`);
      reportOutputs({ status: 'skipped' });
      return {};
    }
  }
}

/**
 * A trigger on a closed issue starts nothing (a closed issue is a decision; reopening it is the
 * owner's call, README "Use it in your repository"): one short reply, found again by its marker so
 * repeated triggers do not add more, and no labels changed.
 */
async function replyClosedIssue(svc: Services, cmd: StartCommand): Promise<Outcome> {
  const marker = `${Markers.ClosedIssue} -->`;
  const how = cmd.source === 'label' ? `the \`${svc.settings.triggerLabel}\` label` : `\`${svc.settings.triggerCommand}\``;
  const body = `${marker}\nThis issue is closed, so Kiro did not start a task for ${how}. Reopen the issue and trigger Kiro again to work on it.`;
  const replied = (await svc.github.listIssueComments(svc.repo, cmd.issue.number)).some((c) => c.body.startsWith(marker));
  if (!replied) await svc.github.createIssueComment(svc.repo, cmd.issue.number, body, { marker });
  core.info(`Kiro: issue #${cmd.issue.number} is closed; no task started.`);
  reportOutputs({ status: 'skipped' });
  return {};
}

/** Acknowledges a new task, then loads the agent code (a separate bundle chunk) and runs it. */
async function startTask(svc: Services, cmd: StartCommand): Promise<Outcome> {
  if (cmd.issue.state === 'closed') return replyClosedIssue(svc, cmd);
  const taskId = makeTaskId(svc.repo.repo, cmd.issue.number, svc.settings.runner.runId);
  reportOutputs({ taskId: taskId });
  const acking = acknowledge(svc, cmd, {
    taskId,
    state: 'in_progress',
    title: cmd.issue.title,
    runUrl: svc.settings.runner.runUrl,
    startedAt: svc.startedAt,
    now: svc.now(),
    phase: 'Reading the issue and planning…',
  });
  const { status, settled } = await acking;
  core.info(`Kiro: acknowledged task ${taskId} in ${svc.now() - svc.startedAt} ms (status comment ${status.commentId}).`);
  reportOutputs({ status: 'in_progress' });
  // loaded after the acknowledgement: compiling the agent's chunk would delay the 👀 and the comment
  const { runTask } = await import('./task.js');
  return runTask(svc, cmd, taskId, status, settled);
}

function issueOf(cmd: Handled): number | undefined {
  switch (cmd.kind) {
    case 'start':
    case 'cancel':
    case 'continue':
    case 'reply':
      return cmd.issue.number;
    case 'feedback':
      return cmd.pullNumber;
    default:
      return undefined;
  }
}

/**
 * A bad `.kiro/settings.json`: one comment naming the field and the problem (edited in place on
 * later triggers), an error annotation on the file, and no task.
 */
async function reportSettingsError(svc: Services, issueNumber: number): Promise<Outcome> {
  const err = svc.settings.repoSettingsError!;
  const marker = `${Markers.SettingsError} -->`;
  const body = [
    marker,
    `Kiro could not start: \`${RepoFiles.Settings}\` is invalid.`,
    '',
    `- **Field:** \`${err.field}\``,
    `- **Problem:** ${err.problem}`,
    '',
    `Fix the file on the default branch and trigger Kiro again.`,
  ].join('\n');
  const existing = (await svc.github.listIssueComments(svc.repo, issueNumber)).find((c) => c.body.startsWith(marker));
  if (existing) await svc.github.updateIssueComment(svc.repo, existing.id, body);
  else await svc.github.createIssueComment(svc.repo, issueNumber, body);
  core.error(err.message, { file: RepoFiles.Settings, title: 'Invalid Kiro settings' });
  reportOutputs({ status: 'failed' });
  return { failed: err.message, annotated: true };
}
