/**
 * Starting a task from an issue (SPEC.md J1, J2): acknowledge within the first second, then run
 * the plan → code → verify pipeline.
 */
import * as core from '@actions/core';
import { Markers, Outputs } from '../constants.js';
import { fenceUntrusted, sanitizeUntrusted } from '../policy/sanitize.js';
import type { Command } from '../events.js';
import type { StatusView } from '../report/status.js';
import { renderPrompt } from '../prompts.js';
import { PermissionCache, readSteering, renderDiscussion, renderIssue, repositoryLayout, trustedComments } from './context.js';
import type { Outcome } from './handlers.js';
import { setLifecycleLabel, StatusComment } from './lifecycle.js';
import { runPipeline } from './pipeline.js';
import type { PipelineEnd } from './pipeline.js';
import { openSandbox } from './sandbox.js';
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

  const s = svc.settings;
  if (!s.anthropicApiKey && s.provider === 'anthropic') {
    const msg = "The workflow does not pass an Anthropic API key: set the 'anthropic-api-key' input (e.g. `${{ secrets.ANTHROPIC_API_KEY }}`).";
    await Promise.all([status.update({ state: 'needs_attention', phase: msg }), setLifecycleLabel(svc, cmd.issue.number, 'needs_attention', [...cmd.issue.labels, 'kiro:in-progress'])]);
    core.error(msg, { title: 'Kiro is not configured' });
    core.setOutput(Outputs.Status, 'needs_attention');
    return { failed: msg, annotated: true };
  }

  const perms = new PermissionCache(svc);
  const comments = await svc.github.listIssueComments(svc.repo, cmd.issue.number);
  const discussion = await trustedComments(svc, perms, comments, cmd.triggeredAt, cmd.commentId ? [cmd.commentId] : []);
  const steering = readSteering(s.runner.workspace);
  const instructions = cmd.instructions
    ? `Instructions from @${cmd.actor.login} (the task owner), in their /kiro comment:\n${fenceUntrusted('instructions', sanitizeUntrusted(cmd.instructions))}`
    : `The task is the issue below; @${cmd.actor.login} (the task owner) asked for it by labelling the issue.`;
  const plannerInput = renderPrompt('planner-task', {
    repository: s.runner.repository,
    issue_number: String(cmd.issue.number),
    owner: cmd.actor.login,
    instructions,
    issue: renderIssue(cmd.issue),
    discussion: renderDiscussion(discussion),
    layout: await repositoryLayout(s.runner.workspace),
    answers: '',
  });
  const sandbox = await openSandbox(svc);
  let end: PipelineEnd;
  try {
    end = await runPipeline({
      svc,
      taskId,
      issueNumber: cmd.issue.number,
      issueUrl: cmd.issue.htmlUrl,
      issueTitle: cmd.issue.title,
      owner: { login: cmd.actor.login, id: cmd.actor.id },
      labels: [...cmd.issue.labels.filter((l) => !l.startsWith('kiro:')), 'kiro:in-progress'],
      status,
      sandbox,
      plannerInput,
      steering,
      learnings: [],
    });
  } finally {
    await sandbox.close();
  }
  if (end.state === 'needs_attention' && end.questions?.length) {
    await askQuestions(svc, cmd.issue.number, taskId, end.questions, status, cmd.issue.labels);
  }
  return end.state === 'failed' ? { failed: end.reason } : {};
}

/**
 * Asks numbered clarifying questions in one comment and waits (SPEC.md J1.3): the task is marked
 * Needs attention and the job ends successfully; the owner's next comment resumes it.
 */
export async function askQuestions(svc: Services, issueNumber: number, taskId: string, questions: readonly string[], status: StatusComment, labels: readonly string[]): Promise<number> {
  const body = [
    `${Markers.Questions} task=${taskId} -->`,
    'Before I start, I need a few answers:',
    '',
    ...questions.map((q, i) => `${i + 1}. ${q}`),
    '',
    'Reply in a comment (numbered answers help); I will continue from the plan I have.',
  ].join('\n');
  const c = await svc.github.createIssueComment(svc.repo, issueNumber, body);
  await Promise.all([
    status.update({ state: 'needs_attention', phase: `Waiting for answers to ${questions.length} question(s): ${c.htmlUrl}` }),
    setLifecycleLabel(svc, issueNumber, 'needs_attention', [...labels.filter((l) => !l.startsWith('kiro:')), 'kiro:in-progress']),
  ]);
  core.setOutput(Outputs.Status, 'needs_attention');
  return c.id;
}
