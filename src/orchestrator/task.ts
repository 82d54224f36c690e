/**
 * Starting a task from an issue (SPEC.md J1, J2): acknowledge within the first second, then run
 * the plan → code → verify pipeline.
 */
import * as core from '@actions/core';
import { Markers, Outputs } from '../constants.js';
import { fenceUntrusted, sanitizeUntrusted } from '../policy/sanitize.js';
import { renderPrompt } from '../prompts.js';
import { PermissionCache, readSteering, renderDiscussion, renderIssue, repositoryLayout, trustedComments } from './context.js';
import type { Outcome } from './handlers.js';
import { setLifecycleLabel } from './lifecycle.js';
import type { StatusComment } from './lifecycle.js';
import type { StartCommand } from './ack.js';
import { runPipeline } from './pipeline.js';
import type { PipelineEnd } from './pipeline.js';
import { openSandbox } from './sandbox.js';
import type { Services } from './services.js';

/**
 * Runs an acknowledged task: context, sandbox, pipeline. Loaded on demand (dynamic import) so the
 * acknowledgement does not wait for the agent code to compile.
 */
export async function runTask(svc: Services, cmd: StartCommand, taskId: string, status: StatusComment): Promise<Outcome> {
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
