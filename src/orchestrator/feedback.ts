/**
 * Feedback rounds on the agent's own pull requests (SPEC.md J3, J4, J6).
 *
 * Triggers, each only on a PR whose task record exists (the state store's PR index — never the
 * branch name alone) and only from the task owner: a submitted review (`pull_request_review`),
 * `/kiro all` in a PR comment, `/kiro fix` in a review thread (`pull_request_review_comment`).
 * A review or comment by anyone else starts nothing; their threads are addressed when the owner
 * asks. Failing CI on the PR (`check_suite` / `workflow_run` completed with failure) is part of
 * every round; with the `fix-failing-checks` input it starts a round of its own (at most
 * `MaxAutoRounds` in a row without the owner's feedback, so a check that keeps failing cannot loop).
 *
 * A round is a new run of the same task (its `runs[]` gains an entry): it takes the task's
 * concurrency slot (or queues), moves the task back to In progress, checks out the PR branch, runs
 * the feedback coder (its own prompt, `prompts/feedback-coder.md`) with the threads, review bodies,
 * failing checks and instructions, then the usual verification; pushes new co-authored commits to
 * the same branch (no new branch, no new PR); replies in each thread what changed (commit link)
 * and resolves it, or why it did not change; updates the PR body's verification section, the
 * status comment on the issue and the task record; and has the learner extract the owner's
 * durable preferences (learn.ts).
 *
 * Bookkeeping on the task record (field `feedback`, kept by the record's loose schema):
 * `rounds`, `lastRoundAt` (start of the last finished round: older review bodies were handled
 * then), `pending` (requests waiting for a slot, for a running round, or for a continuation after
 * a checkpoint or a stop) and `autoRounds`. A continuation run (`workflow_dispatch` with
 * `task-id`) of a task with pending requests runs them as a round (`routeDispatch`).
 */
import * as core from '@actions/core';
import type { Command } from '../events.js';
import type { PullRequestRef } from '../github/api.js';
import type { Task } from '../state/schema.js';
import type { StateStore } from '../state/store.js';
import { PermissionCache, readSteering } from './context.js';
import { FeedbackRequest, gatherFeedback } from './feedback-context.js';
import { reportOutputs, type Outcome } from './outcome.js';
import { endInFailure, endInterrupted, keepLeaseFresh } from './ending.js';
import { onShutdown } from './shutdown.js';
import { inProgressLabels, setLifecycleLabel, StatusComment } from './lifecycle.js';
import type { Services } from './services.js';
import { leaseMs, runningElsewhere } from './store.js';
import { statusViewOf } from './task.js';
import { startHandedTasks } from './store.js';
import { runRound, type Round, type StatusTarget } from './feedback/round.js';
import { feedbackStateOf, MaxAutoRounds, mergePending, recordFailure, requestKey, withFeedback } from './feedback/state.js';
import { specMarkdown } from './phases/common.js';

export { feedbackStateOf, FeedbackState, MaxAutoRounds } from './feedback/state.js';
export { parsePrBody, settleOutcomes } from './feedback/publish.js';
export { shareLearningsWithBatch } from './feedback/batch-learnings.js';

type Feedback = Extract<Command, { kind: 'feedback' }>;
type ChecksFailed = Extract<Command, { kind: 'checks_failed' }>;
type Dispatch = Extract<Command, { kind: 'dispatch' }>;

function skip(reason: string): Outcome {
  core.info(`Kiro: nothing to do — ${reason}.`);
  reportOutputs({ status: 'skipped' });
  return {};
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * A review by the task owner, `/kiro all` or `/kiro fix` on a pull request. The permission gate
 * (handlers.ts) has already checked that the actor has write access.
 */
export async function handleFeedback(svc: Services, cmd: Feedback): Promise<Outcome> {
  const store = await svc.ports.openStore(svc);
  const task = await store.findTaskByPull(svc.settings.runner.repository, cmd.pullNumber);
  if (!task) return skip(`pull request #${cmd.pullNumber} has no Kiro task (Kiro answers feedback only on pull requests it opened)`);
  reportOutputs({ taskId: task.id });
  if (!same(cmd.actor.login, task.owner.login)) {
    return skip(`@${cmd.actor.login} is not the owner of task ${task.id}; feedback from others is addressed when @${task.owner.login} reviews or comments \`${svc.settings.triggerCommand} all\``);
  }
  if (task.state === 'cancelled') return skip(`task ${task.id} was cancelled`);
  if (cmd.reactionTarget) await svc.github.addReaction(svc.repo, cmd.reactionTarget, 'eyes');
  const request: FeedbackRequest = FeedbackRequest.parse({
    scope: cmd.scope,
    pullNumber: cmd.pullNumber,
    actor: cmd.actor.login,
    ...(cmd.reviewId !== undefined ? { reviewId: cmd.reviewId } : {}),
    ...(cmd.commentId !== undefined ? { commentId: cmd.commentId } : {}),
    ...(cmd.reviewUrl || cmd.commentUrl ? { url: cmd.reviewUrl ?? cmd.commentUrl } : {}),
    text: cmd.text,
    triggeredAt: cmd.triggeredAt,
  });
  // requests left over from a round that stopped (a limit, a fault) are addressed with this one
  return startRound(svc, store, task, mergePending(feedbackStateOf(task).pending, [request]));
}

/**
 * A check suite or workflow run finished with failure. With `fix-failing-checks` the failing checks
 * of the agent's own PR are addressed at once; otherwise they wait for the owner's next feedback.
 */
export async function handleChecksFailed(svc: Services, cmd: ChecksFailed): Promise<Outcome> {
  if (!svc.settings.fixFailingChecks) return skip('failing checks are addressed with the owner’s next feedback (set the fix-failing-checks input to fix them at once)');
  const store = await svc.ports.openStore(svc);
  let pulls = cmd.pullNumbers;
  if (!pulls.length && cmd.headBranch) {
    const pr = await svc.github.findOpenPullByHead(svc.repo, cmd.headBranch);
    if (pr) pulls = [pr.number];
  }
  for (const n of pulls) {
    const task = await store.findTaskByPull(svc.settings.runner.repository, n);
    if (!task || task.state === 'cancelled') continue;
    reportOutputs({ taskId: task.id });
    if (feedbackStateOf(task).autoRounds >= MaxAutoRounds) {
      return skip(`task ${task.id} already had ${MaxAutoRounds} rounds for failing checks in a row; the owner’s feedback starts the next one`);
    }
    const request = FeedbackRequest.parse({ scope: 'checks', pullNumber: n, actor: cmd.actor.login || 'checks', text: '', triggeredAt: new Date(svc.now()).toISOString() });
    return startRound(svc, store, task, [request]);
  }
  return skip(`no pull request opened by Kiro has these failing checks (${cmd.headBranch || cmd.headSha})`);
}

/**
 * `workflow_dispatch` with `task-id`: a task with pending feedback requests runs them as a round;
 * anything else is a continuation of the task itself (control.ts).
 */
export async function routeDispatch(svc: Services, cmd: Dispatch): Promise<Outcome> {
  if (cmd.taskId) {
    const store = await svc.ports.openStore(svc);
    const task = await store.getTask(cmd.taskId);
    if (task && task.state !== 'cancelled' && feedbackStateOf(task).pending.length) {
      reportOutputs({ taskId: task.id });
      // a batch child lives in its own repository: the round runs on a clone of it
      const here = task.repository.toLowerCase() === svc.settings.runner.repository.toLowerCase();
      const roundSvc = here ? svc : await (await import('./batch.js')).childServices(svc, task.repository);
      return startRound(roundSvc, store, task, feedbackStateOf(task).pending);
    }
  }
  return (await import('./control.js')).handleDispatch(svc, cmd);
}


async function statusTarget(svc: Services, task: Task, pr: PullRequestRef): Promise<StatusTarget> {
  const n = task.issue ?? pr.number;
  const i = await svc.github.getIssue(svc.repo, n);
  return { number: n, title: task.spec?.title ?? i.title, url: i.htmlUrl, labels: i.labels };
}


/**
 * Starts a round for `requests` (or records them as pending when a round is already running or no
 * slot is free), then runs it to its end.
 */
async function startRound(svc: Services, store: StateStore, task: Task, requests: readonly FeedbackRequest[]): Promise<Outcome> {
  const s = svc.settings;
  const r = s.runner;
  if (await runningElsewhere(svc, store, task)) {
    await store.updateTask(task.id, (t) => withFeedback(t, { pending: mergePending(feedbackStateOf(t).pending, requests) }), `${task.id}: feedback waits for the running round`);
    return skip(`task ${task.id} is running in another job; this feedback is addressed when it ends`);
  }
  const pullNumber = requests[0]!.pullNumber;
  const pr = await svc.github.getPull(svc.repo, pullNumber);
  if (pr.state !== 'open') return skip(`pull request #${pullNumber} is ${pr.state}`);
  const branch = task.branch ?? pr.headRef;
  const base = task.baseBranch ?? pr.baseRef;
  reportOutputs({ branch: branch });
  reportOutputs({ pullRequestUrl: pr.htmlUrl });

  // steering comes from the default branch (the checkout), read before switching to the PR branch
  const steering = readSteering(r.workspace);
  // the trusted git directory learns both tips now; the work tree is checked out once the sandbox is open
  const git = svc.ports.git(svc);
  const baseSha = await git.fetch(base);
  if (!baseSha) throw new Error(`the base branch '${base}' does not exist on origin`);
  const startSha = (await git.fetch(branch)) ?? baseSha;
  const fb = feedbackStateOf(task);
  const perms = new PermissionCache(svc);
  const ctx = await gatherFeedback(svc, perms, { pullNumber, owner: task.owner.login, requests, headSha: startSha, ...(fb.lastRoundAt ? { since: fb.lastRoundAt } : {}) });
  const handled = new Set(requests.map(requestKey));
  if (!ctx.items.length) {
    if (fb.pending.some((p) => handled.has(requestKey(p)))) {
      await store.updateTask(task.id, (t) => withFeedback(t, { pending: feedbackStateOf(t).pending.filter((p) => !handled.has(requestKey(p))) }), `${task.id}: nothing left to address`);
    }
    return skip(`nothing to address on pull request #${pullNumber}: no unresolved review threads, review comments or failing checks`);
  }

  // ---- slot ------------------------------------------------------------------------------
  const slot = await store.acquireSlot(task.id, r.runId, s.maxConcurrentTasks, leaseMs(svc));
  await startHandedTasks(svc, slot.handedTo.filter((id) => id !== task.id));
  const target = await statusTarget(svc, task, pr);
  const status = await StatusComment.open(svc, target.number, { ...statusViewOf(svc, task, target.title), ...(task.spec ? { specMarkdown: specMarkdown(task.spec) } : {}) }, task.statusCommentId);
  if (!slot.acquired) {
    await store.updateTask(
      task.id,
      (t) => withFeedback({ ...t, state: 'queued', queuePosition: slot.position } as Task, { pending: mergePending(feedbackStateOf(t).pending, requests) }),
      `${task.id}: feedback queued`,
    );
    await Promise.all([
      status.update({ state: 'queued', phase: `Review feedback on #${pullNumber} is queued: ${s.maxConcurrentTasks} tasks are already in progress. Position in the queue: ${slot.position}. It starts automatically when a slot frees.` }),
      setLifecycleLabel(svc, target.number, 'queued', target.labels),
    ]);
    reportOutputs({ status: 'queued' });
    return {};
  }

  const round: Round = { svc, store, task, requests, handled, pr, branch, base, baseSha, startSha, steering, git, items: ctx.items, ownerFeedback: ctx.ownerFeedback, status, target };
  // a failed or stopped round ends truthfully too: record, slot, status comment, one label
  const endTarget = { svc, store, taskId: task.id, status, issueNumber: target.number, labels: inProgressLabels(target.labels), spend: undefined };
  const heartbeat = keepLeaseFresh(svc, store, task.id);
  const releaseShutdown = onShutdown(async (signal) => {
    heartbeat.stop();
    await recordFailure(svc, store, task.id, requests).catch(() => undefined);
    await endInterrupted(endTarget, signal, undefined);
  });
  try {
    return await runRound(round);
  } catch (e) {
    await recordFailure(svc, store, task.id, requests).catch(() => undefined);
    return await endInFailure(endTarget, e);
  } finally {
    heartbeat.stop();
    releaseShutdown();
  }
}
