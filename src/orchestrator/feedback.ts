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
import { z } from 'zod';
import { Labels, Markers } from '../constants.js';
import type { Command } from '../events.js';
import { repoRefOf, type PullRequestRef } from '../github/api.js';
import { checkoutTaskBranch, changedFilesSince, fetchBranch, filesOfCommit, logSince, pushBranch } from '../git/repo.js';
import type { RepoContext } from '../git/repo.js';
import { defineTool } from '../agent/tools/schema.js';
import type { AgentTool } from '../agent/types.js';
import { renderPrompt } from '../prompts.js';
import { renderPrBody } from '../report/pr-body.js';
import { formatDuration } from '../report/status.js';
import { writeJobSummary } from '../report/summary.js';
import type { Task } from '../state/schema.js';
import type { StateStore } from '../state/store.js';
import { PermissionCache, readSteering } from './context.js';
import { FeedbackRequest, gatherFeedback, itemTitle, renderItems, threadLocation } from './feedback-context.js';
import type { FeedbackItem, OwnerFeedback, ThreadItem } from './feedback-context.js';
import { reportOutputs, type Outcome } from './outcome.js';
import { endInFailure, endInterrupted, keepLeaseFresh } from './ending.js';
import { onShutdown } from './shutdown.js';
import { learnFromFeedback } from './learn.js';
import type { Learned } from './learn.js';
import { addMarkerLabel, inProgressLabels, setLifecycleLabel, StatusComment } from './lifecycle.js';
import { codeAndVerify, createCommitter, criteriaWithVerdict, failureNotesOf, openAgentSession, specMarkdown } from './pipeline.js';
import type { CodeVerifyEnd } from './pipeline.js';
import { openSandbox, sandboxNotes } from './sandbox.js';
import { repoContextOf } from './services.js';
import type { Services } from './services.js';
import { dispatchContinuation, leaseMs, openStore, runningElsewhere } from './store.js';
import { startHandedTasks, statusViewOf } from './task.js';

type Feedback = Extract<Command, { kind: 'feedback' }>;
type ChecksFailed = Extract<Command, { kind: 'checks_failed' }>;
type Dispatch = Extract<Command, { kind: 'dispatch' }>;

/** Rounds started by failing checks alone, in a row, before Kiro waits for the owner. */
export const MaxAutoRounds = 2;

/** The `feedback` field of a task record. */
export const FeedbackState = z.looseObject({
  rounds: z.number().int().nonnegative().default(0),
  lastRoundAt: z.string().optional(),
  pending: z.array(FeedbackRequest).default([]),
  autoRounds: z.number().int().nonnegative().default(0),
});
export type FeedbackState = z.infer<typeof FeedbackState>;

/** The feedback bookkeeping of a task (defaults when absent or unreadable). */
export function feedbackStateOf(task: Task): FeedbackState {
  const r = FeedbackState.safeParse((task as Record<string, unknown>).feedback ?? {});
  return r.success ? r.data : FeedbackState.parse({});
}

function withFeedback(task: Task, patch: Partial<FeedbackState>): Task {
  return { ...task, feedback: { ...feedbackStateOf(task), ...patch } } as Task;
}

/** Identity of a request (the same event delivered twice is one request). */
function requestKey(r: FeedbackRequest): string {
  return [r.scope, r.pullNumber, r.reviewId ?? '', r.commentId ?? '', r.triggeredAt].join('|');
}

function mergePending(existing: readonly FeedbackRequest[], add: readonly FeedbackRequest[]): FeedbackRequest[] {
  const keys = new Set(existing.map(requestKey));
  return [...existing, ...add.filter((r) => !keys.has(requestKey(r)))];
}

function skip(reason: string): Outcome {
  core.info(`Kiro: nothing to do — ${reason}.`);
  reportOutputs({ status: 'skipped' });
  return {};
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Neutralises @mentions in text the model wrote (a reply must not ping people). */
function quiet(text: string): string {
  return text.replace(/@(?=[A-Za-z0-9])/g, '@\u200b').trim();
}

/**
 * A review by the task owner, `/kiro all` or `/kiro fix` on a pull request. The permission gate
 * (handlers.ts) has already checked that the actor has write access.
 */
export async function handleFeedback(svc: Services, cmd: Feedback): Promise<Outcome> {
  const store = await openStore(svc);
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
  const store = await openStore(svc);
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
    const store = await openStore(svc);
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


/** Where the task's status comment and lifecycle labels live: its issue (or the PR without one). */
interface StatusTarget {
  number: number;
  title: string;
  url: string;
  labels: string[];
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
  const repoCtx: RepoContext = repoContextOf(svc);
  const baseSha = await fetchBranch(repoCtx, base);
  if (!baseSha) throw new Error(`the base branch '${base}' does not exist on origin`);
  const startSha = (await fetchBranch(repoCtx, branch)) ?? baseSha;
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

  const round: Round = { svc, store, task, requests, handled, pr, branch, base, baseSha, startSha, steering, repoCtx, items: ctx.items, ownerFeedback: ctx.ownerFeedback, status, target };
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

interface Round {
  svc: Services;
  store: StateStore;
  task: Task;
  requests: readonly FeedbackRequest[];
  handled: ReadonlySet<string>;
  pr: PullRequestRef;
  branch: string;
  /** The base branch's name. */
  base: string;
  /** Tip of the base branch (the PR's changes are `baseSha...HEAD`). */
  baseSha: string;
  /** Tip of the PR branch before this round. */
  startSha: string;
  steering: string;
  /** The repository as the git layer sees it; reaches the model's `.git` once the sandbox is open. */
  repoCtx: RepoContext;
  items: FeedbackItem[];
  ownerFeedback: OwnerFeedback[];
  status: StatusComment;
  target: StatusTarget;
}

/** What became of one item. */
type ItemOutcome = { outcome: 'changed'; shas: string[]; summary: string } | { outcome: 'declined'; reason: string };

const ItemsInput = z.object({
  item_ids: z.array(z.string().min(1)).min(1).describe('Ids of the feedback items this change addresses, e.g. ["T1", "C1"]'),
  summary: z.string().min(1).describe('One line: what changed'),
});
const DeclineInput = z.object({
  item_id: z.string().min(1).describe('Id of the feedback item left unchanged, e.g. "T2"'),
  reason: z.string().min(1).describe('Why it stays as it is, in one or two sentences addressed to the reviewer'),
});

async function runRound(R: Round): Promise<Outcome> {
  const { svc, store, task, status } = R;
  const s = svc.settings;
  const r = s.runner;
  const pullNumber = R.pr.number;
  const roundStart = new Date(svc.now()).toISOString();
  const runEntry = { runId: r.runId, runUrl: r.runUrl, runAttempt: r.runAttempt, startedAt: roundStart };
  await store.updateTask(
    task.id,
    (t) =>
      withFeedback(
        { ...t, state: 'in_progress', queuePosition: undefined, progress: { phase: 'feedback', verifyAttempts: 0 }, runs: [...t.runs.filter((x) => x.runId !== r.runId), runEntry] } as Task,
        { pending: feedbackStateOf(t).pending.filter((p) => !R.handled.has(requestKey(p))) },
      ),
    `${task.id}: feedback round on #${pullNumber} (run ${r.runId})`,
  );
  const counts = countItems(R.items);
  await Promise.all([
    status.update({ state: 'in_progress', phase: `Addressing review feedback on #${pullNumber}: ${counts}…`, result: undefined, learned: undefined }),
    setLifecycleLabel(svc, R.target.number, 'in_progress', R.target.labels),
  ]);
  reportOutputs({ status: 'in_progress' });

  const learnings = await store.listLearnings(task.owner.login);
  const sandbox = await openSandbox(svc);
  const notes = sandboxNotes(sandbox);
  if (notes.sandbox !== undefined || notes.mcp) await status.update(notes);
  try {
    // max-turns and max-cost-usd are per task: the task's earlier runs count toward them
    const session = openAgentSession(svc, { taskId: task.id, sandbox, steering: R.steering, learnings: learnings.map((l) => ({ id: l.id, text: l.text })), prior: { turns: task.turns ?? 0, costUsd: task.costUsd } });
    // secrets scrubbed from changed files and commit messages (docs/security.md)
    R.repoCtx = session.repoCtx;
    await checkoutTaskBranch(R.repoCtx, R.branch, R.base);
    // secrets replaced in what is committed, protected paths left out (docs/security.md)
    const committer = createCommitter(R.repoCtx, s.bot, task.owner, { secrets: () => svc.secretValues(), redact: svc.redact });
    const outcomes = new Map<string, ItemOutcome>();
    const ids = R.items.map((i) => i.id);
    let lastSha: string | undefined;

    const completeItems: AgentTool = defineTool('complete_items', 'Commit the current changes as one commit addressing these feedback items (the action replies in their threads with a link to it).', ItemsInput, async (input) => {
      const unknown = input.item_ids.filter((id) => !ids.includes(id));
      if (unknown.length) return { content: `Unknown item id(s) ${unknown.join(', ')}; the items are ${ids.join(', ')}.`, isError: true };
      const where = input.item_ids.map((id) => `- ${id}: ${itemLocation(R.items.find((i) => i.id === id)!)}`).join('\n');
      const sha = await committer.commit(`Address review feedback: ${input.summary}\n\n${where}`);
      if (!sha && !lastSha) return { content: 'There are no changes to commit: make the change first, or call decline_item for an item you leave as it is.', isError: true };
      const commitSha = (sha ?? lastSha)!;
      lastSha = commitSha;
      for (const id of input.item_ids) {
        const prev = outcomes.get(id);
        const shas = prev?.outcome === 'changed' ? [...new Set([...prev.shas, commitSha])] : [commitSha];
        outcomes.set(id, { outcome: 'changed', shas, summary: input.summary });
      }
      await status.update({ phase: `Addressed ${[...outcomes.values()].filter((o) => o.outcome === 'changed').length} of ${ids.length} feedback item(s)…` });
      return { content: `${input.item_ids.join(', ')} recorded in commit ${commitSha.slice(0, 12)}${sha ? '' : ' (no new changes since it)'}.` };
    });
    const declineItem: AgentTool = defineTool('decline_item', 'Leave a feedback item unchanged, with the reason (the action replies with it; the thread stays open).', DeclineInput, async (input) => {
      if (!ids.includes(input.item_id)) return { content: `Unknown item id ${input.item_id}; the items are ${ids.join(', ')}.`, isError: true };
      const prev = outcomes.get(input.item_id);
      if (prev?.outcome === 'changed') return { content: `${input.item_id} is already addressed in commit ${prev.shas[0]!.slice(0, 12)}.`, isError: true };
      outcomes.set(input.item_id, { outcome: 'declined', reason: input.reason });
      return { content: `${input.item_id} recorded as not changed.` };
    });

    const spec = task.spec;
    const coderMessages = [
      {
        role: 'user' as const,
        content: renderPrompt('feedback-task', {
          pull_number: String(pullNumber),
          pull_url: R.pr.htmlUrl,
          repository: r.repository,
          branch: R.branch,
          spec: spec ? `${spec.title}\n\n${spec.summary}\n\n${specMarkdown(spec)}` : '(no task spec recorded)',
          items: renderItems(R.items, svc.redact),
          item_ids: ids.join(', '),
        }),
      },
    ];
    const coderSystem = [{ type: 'text' as const, text: renderPrompt('feedback-coder', { repository: r.repository, steering: R.steering, learnings: session.learningsText }) }];
    const cv = await codeAndVerify({
      svc,
      session,
      sandbox,
      status,
      committer,
      coderMessages,
      coderTools: [completeItems, declineItem],
      coderSystem,
      criteria: () => [...(spec?.acceptanceCriteria ?? []), ...R.items.map((i) => ({ id: i.id, text: criterionOf(i, outcomes.get(i.id)) }))],
      diffBase: R.baseSha,
      finishCommitMessage: `Address review feedback on #${pullNumber}`,
      codingPhase: `Addressing review feedback on #${pullNumber}: ${counts}…`,
    });

    if (cv.kind !== 'done') {
      if (cv.kind === 'coder_stopped') await committer.commit(`Work in progress: review feedback on #${pullNumber}`);
      await pushBranch(R.repoCtx, R.branch);
      session.costOutputs();
      return stopRound(R, cv, session.spend);
    }

    // ---- publish ---------------------------------------------------------------------------
    await status.update({ phase: 'Pushing the new commits and answering the review threads…' });
    await pushBranch(R.repoCtx, R.branch);
    const commits = await logSince(R.repoCtx, R.startSha);
    const changedByCommit = new Map<string, string[]>();
    for (const c of commits) changedByCommit.set(c.sha, await filesOfCommit(R.repoCtx, c.sha));
    settleOutcomes(R.items, outcomes, commits.map((c) => c.sha), changedByCommit, cv.finish.summary);
    const commitUrl = (sha: string) => `${r.serverUrl}/${r.repository}/commit/${sha}`;
    const link = (sha: string) => `[\`${sha.slice(0, 7)}\`](${commitUrl(sha)})`;

    let changedThreads = 0;
    let answeredThreads = 0;
    for (const item of R.items) {
      if (item.kind !== 'thread') continue;
      const o = outcomes.get(item.id)!;
      await replyInThread(svc, task.id, pullNumber, item, o, link);
      if (o.outcome === 'changed') changedThreads++;
      else answeredThreads++;
    }
    const others = R.items.filter((i) => i.kind !== 'thread');
    if (others.length) {
      await svc.github.createIssueComment(svc.repo, pullNumber, summaryComment(task.id, r.runUrl, others, outcomes, link, cv));
    }

    // ---- PR body and labels ----------------------------------------------------------------
    const checksFailing = R.items.filter((i) => i.kind === 'check').length;
    const roundLine = [
      `${roundStart.slice(0, 10)}: ${changedThreads} review thread(s) changed and resolved, ${answeredThreads} answered`,
      ...(checksFailing ? [`${checksFailing} failing check(s)`] : []),
      ...(others.some((i) => i.kind === 'review' || i.kind === 'instructions') ? [`${others.filter((i) => i.kind === 'review' || i.kind === 'instructions').length} review comment(s)`] : []),
    ].join(', ') + `; ${commits.length ? `commits ${commits.map((c) => link(c.sha)).join(', ')}` : 'no new commits'} — verification ${cv.passed ? 'passed' : 'failed'} ([run](${r.runUrl}))`;
    const prev = parsePrBody(R.pr.body);
    const failureNotes = failureNotesOf(cv);
    const fresh = (await store.getTask(task.id)) ?? task;
    const body = renderPrBody({
      taskId: task.id,
      ...(task.issue !== undefined ? { issueNumber: task.issue, issueUrl: R.target.url } : {}),
      summary: prev.summary || spec?.summary || '',
      approach: prev.approach,
      tradeoffs: prev.tradeoffs,
      requirements: spec?.requirements ?? [],
      changedFiles: await changedFilesSince(R.repoCtx, R.baseSha),
      checks: cv.checks,
      criteria: criteriaWithVerdict(spec?.acceptanceCriteria ?? [], cv.verdict),
      verificationPassed: cv.passed,
      ...(failureNotes ? { failureNotes } : {}),
      secretFindings: cv.secretFindings,
      learningsApplied: learnings.map((l) => ({ id: l.id, text: l.text })),
      blockedRequests: sandbox.blocked(),
      ...(sandbox.limitation ? { networkLimitation: sandbox.limitation } : {}),
      feedbackRounds: [...prev.rounds, roundLine],
      costUsd: fresh.costUsd + session.spend.costUsd,
      durationMs: svc.now() - session.started,
      runUrl: r.runUrl,
    });
    await svc.github.updatePull(svc.repo, pullNumber, { body });
    if (cv.passed) await svc.github.removeLabel(svc.repo, pullNumber, Labels.NeedsHumanReview);
    else await addMarkerLabel(svc, pullNumber, Labels.NeedsHumanReview);

    // ---- learning --------------------------------------------------------------------------
    let learned: Learned[] = [];
    if (R.ownerFeedback.length) {
      await status.update({ phase: 'Learning from the owner’s feedback…' });
      learned = await learnFromFeedback({ session, store, owner: task.owner.login, repository: r.repository, pullUrl: R.pr.htmlUrl, feedback: R.ownerFeedback, existing: learnings });
    }

    // ---- record ----------------------------------------------------------------------------
    session.costOutputs();
    const spend = session.spend;
    const auto = R.requests.every((q) => q.scope === 'checks');
    const after = await store.updateTask(
      task.id,
      (t) =>
        withFeedback(
          {
            ...t,
            state: 'completed',
            progress: { phase: 'done', verifyAttempts: 0 },
            costUsd: t.costUsd + spend.costUsd,
            turns: (t.turns ?? 0) + spend.turns,
            tokens: addTokens(t.tokens, spend.usage),
            learningsApplied: [...new Set([...t.learningsApplied, ...learnings.map((l) => l.id)])],
            runs: closeRun(t.runs, r.runId, 'completed'),
          } as Task,
          { rounds: feedbackStateOf(t).rounds + 1, lastRoundAt: roundStart, autoRounds: auto ? feedbackStateOf(t).autoRounds + 1 : 0 },
        ),
      `${task.id}: feedback round on #${pullNumber} done`,
    );
    const phase = `Addressed review feedback on #${pullNumber}: ${changedThreads} thread(s) changed and resolved, ${answeredThreads} answered${checksFailing ? `, ${checksFailing} failing check(s) looked at` : ''}; ${commits.length} new commit(s)${cv.passed ? '; verification passed.' : '; verification failed — needs human review.'}`;
    await Promise.all([
      status.update({
        state: 'completed',
        phase,
        result: {
          pullRequestUrl: R.pr.htmlUrl,
          ...(R.pr.draft ? { draft: true } : {}),
          verification: cv.checks.map((c) => ({ name: c.name, command: c.command, passed: c.passed })),
          ...session.cost(),
          tokens: session.tokens(),
          durationMs: svc.now() - session.started,
        },
        ...(learned.length ? { learned: learned.map((l) => l.text) } : {}),
      }),
      setLifecycleLabel(svc, R.target.number, 'completed', inProgressLabels(R.target.labels)),
    ]);
    reportOutputs({ status: 'completed' });
    await writeJobSummary(svc, {
      taskId: task.id,
      title: `Review feedback on #${pullNumber}: ${spec?.title ?? R.target.title}`,
      state: 'completed',
      plan: [],
      spend,
      durationMs: svc.now() - session.started,
      pullRequestUrl: R.pr.htmlUrl,
      checks: cv.checks,
      note: `${phase}${learned.length ? `\n\nLearned: ${learned.map((l) => l.text).join('; ')}` : ''}`,
    });
    core.info(`Kiro: feedback round on #${pullNumber} done in ${formatDuration(svc.now() - session.started)}: ${commits.length} commit(s), ${changedThreads} thread(s) resolved, ${learned.length} learning(s).`);
    await startHandedTasks(svc, await store.releaseSlot(task.id, s.maxConcurrentTasks));
    if (feedbackStateOf(after).pending.length) await dispatchContinuation(svc, task.id);
    // what the owner taught here applies to the other open PRs of the same batch
    if (learned.length && task.batchId) {
      await shareLearningsWithBatch(svc, store, after, learned.map((l) => l.text), R.pr.htmlUrl).catch((e: Error) => core.warning(svc.redact(`Kiro: could not share the learnings with the batch: ${e.message}`)));
    }
    return {};
  } finally {
    // an MCP server that stopped during the run is reported too
    const late = sandbox.mcpProblems();
    if (late.length > (notes.mcp?.length ?? 0)) await status.update({ mcp: late }).catch(() => {});
    await sandbox.close();
  }
}

/** Short description of the round's items for the status line. */
function countItems(items: readonly FeedbackItem[]): string {
  const n = (k: FeedbackItem['kind']) => items.filter((i) => i.kind === k).length;
  const parts = [
    n('thread') ? `${n('thread')} review thread(s)` : '',
    n('review') ? `${n('review')} review comment(s)` : '',
    n('instructions') ? 'your instructions' : '',
    n('check') ? `${n('check')} failing check(s)` : '',
  ].filter(Boolean);
  return parts.join(', ');
}

/** Where an item points, for commit messages (no reviewer text in commits). */
function itemLocation(i: FeedbackItem): string {
  switch (i.kind) {
    case 'thread':
      return `review thread on ${threadLocation(i.thread)}`;
    case 'review':
      return `review by @${i.review.user.login}`;
    case 'check':
      return `failing check ${i.check.name}`;
    case 'instructions':
      return `instructions from @${i.author}`;
  }
}

/** The verifier's criterion for one item. */
function criterionOf(i: FeedbackItem, o: ItemOutcome | undefined): string {
  if (i.kind === 'check') return `The failure of the check \`${i.check.name}\` is fixed (the project's checks pass).`;
  const base = `The feedback in ${itemTitle(i)} is addressed`;
  return o?.outcome === 'declined' ? `${base}, or rightly left unchanged for this reason: ${o.reason}` : `${base}.`;
}


/**
 * Fills in the items the coder did not report: a thread whose file a commit of this round changed
 * counts as changed by the last such commit; anything else as not changed.
 */
export function settleOutcomes(
  items: readonly FeedbackItem[],
  outcomes: Map<string, ItemOutcome>,
  commits: readonly string[],
  filesByCommit: ReadonlyMap<string, readonly string[]>,
  finishSummary: string,
): void {
  for (const i of items) {
    if (outcomes.has(i.id)) continue;
    const touching = i.kind === 'thread' ? commits.filter((c) => (filesByCommit.get(c) ?? []).includes(i.thread.path)) : [];
    if (touching.length) outcomes.set(i.id, { outcome: 'changed', shas: [touching[0]!], summary: finishSummary });
    else outcomes.set(i.id, { outcome: 'declined', reason: `no change was made for this in this round. ${finishSummary}`.trim() });
  }
}

/** Replies in a review thread (to its first comment) and resolves the thread when it was changed. */
async function replyInThread(svc: Services, taskId: string, pullNumber: number, item: ThreadItem, o: ItemOutcome, link: (sha: string) => string): Promise<void> {
  const first = item.thread.comments[0];
  const marker = `${Markers.FeedbackReply} task=${taskId} -->`;
  const body =
    o.outcome === 'changed'
      ? `${marker}\nAddressed in ${o.shas.map(link).join(', ')}: ${quiet(o.summary)}`
      : `${marker}\nNot changed: ${quiet(o.reason)}`;
  if (first && first.databaseId) await svc.github.replyToReviewComment(svc.repo, pullNumber, first.databaseId, body);
  if (o.outcome === 'changed') await svc.github.resolveReviewThread(item.thread.id);
}

/** The round's summary on the PR for items that have no thread to answer in. */
function summaryComment(
  taskId: string,
  runUrl: string,
  items: readonly FeedbackItem[],
  outcomes: ReadonlyMap<string, ItemOutcome>,
  link: (sha: string) => string,
  cv: Extract<CodeVerifyEnd, { kind: 'done' }>,
): string {
  const lines = [`${Markers.FeedbackSummary} task=${taskId} -->`, `**Kiro addressed the review feedback** · [workflow run](${runUrl})`, ''];
  for (const i of items) {
    const o = outcomes.get(i.id);
    const what = o?.outcome === 'changed' ? `addressed in ${o.shas.map(link).join(', ')} — ${quiet(o.summary)}` : `not changed — ${quiet(o?.outcome === 'declined' ? o.reason : '')}`;
    lines.push(`- **${i.id}** ${quiet(itemTitle(i))}: ${what}`);
  }
  lines.push('', `Verification: ${cv.checks.length ? cv.checks.map((c) => `${c.passed ? '✅' : '❌'} \`${c.name}\``).join(' ') : 'no checks detected'}${cv.passed ? '' : ' — needs human review'}`);
  return lines.join('\n');
}

function takeUntil(lines: readonly string[], stop: (l: string) => boolean): string[] {
  const i = lines.findIndex(stop);
  return i < 0 ? [...lines] : lines.slice(0, i);
}

/** The parts of an existing PR body (rendered by renderPrBody, maybe edited) a round keeps. */
export function parsePrBody(body: string): { summary: string; approach: string; tradeoffs: string; rounds: string[] } {
  const lines = body.replace(/\r\n?/g, '\n').split('\n');
  const section = (heading: string): string[] => {
    const start = lines.findIndex((l) => l.trim() === `## ${heading}`);
    if (start < 0) return [];
    const out: string[] = [];
    for (const l of lines.slice(start + 1)) {
      if (l.startsWith('## ') || l.trim() === '---') break;
      out.push(l);
    }
    return out;
  };
  const text = (ls: string[]) => ls.join('\n').trim();
  return {
    // the summary proper ends where renderPrBody's `Closes #n` line or requirements block starts
    summary: text(takeUntil(section('Summary'), (l) => /^Closes #\d+/.test(l.trim()) || l.trim().startsWith('<details>'))),
    approach: text(section('Implementation approach')),
    tradeoffs: text(section('Trade-offs considered')),
    rounds: section('Review feedback addressed')
      .filter((l) => l.startsWith('- '))
      .map((l) => l.slice(2)),
  };
}

/**
 * The round stopped before it was done (a limit, a pause, a model failure): the work so far is
 * pushed; the requests stay pending; a time-budget stop starts a continuation run, anything else
 * needs the owner's attention.
 */
async function stopRound(R: Round, cv: Exclude<CodeVerifyEnd, { kind: 'done' }>, spend: { costUsd: number; turns: number; usage: Parameters<typeof addTokens>[1] }): Promise<Outcome> {
  const { svc, store, task, status } = R;
  const s = svc.settings;
  const res = cv.result;
  const phase = cv.kind === 'coder_stopped' ? 'addressing review feedback' : 'verifying the feedback changes';
  const checkpoint = res.exitReason === 'limit_reached' && res.limit === 'time';
  let reason: string;
  if (res.exitReason === 'limit_reached') {
    const which = res.limit === 'turns' ? `the turn limit (${s.maxTurns} model calls)` : res.limit === 'cost' ? `the cost limit ($${s.maxCostUsd})` : 'the time budget';
    reason = `Stopped while ${phase}: reached ${which}.`;
  } else if (res.exitReason === 'paused') {
    reason = `Paused while ${phase}: ${res.pause?.reason ?? 'approval needed'}${res.pause?.command ? ` (\`${res.pause.command.replace(/`/g, "'")}\`)` : ''}. Comment \`${s.triggerCommand} all\` on the pull request to try again.`;
  } else {
    reason = `Stopped while ${phase}: ${res.error ?? 'the sub-agent ended without a result'}.`;
  }
  const state = checkpoint ? 'in_progress' : 'needs_attention';
  await store.updateTask(
    task.id,
    (t) =>
      withFeedback(
        {
          ...t,
          state,
          costUsd: t.costUsd + spend.costUsd,
          turns: (t.turns ?? 0) + spend.turns,
          tokens: addTokens(t.tokens, spend.usage),
          runs: closeRun(t.runs, s.runner.runId, checkpoint ? 'checkpoint' : res.limit ? `limit_reached:${res.limit}` : res.exitReason),
        } as Task,
        { pending: mergePending(feedbackStateOf(t).pending, R.requests) },
      ),
    `${task.id}: feedback round ${checkpoint ? 'checkpoint' : 'stopped'}`,
  );
  if (checkpoint) {
    await dispatchContinuation(svc, task.id);
    await status.update({ phase: 'The job’s time budget is nearly used: the feedback work so far is pushed; a continuation run picks it up.' });
    reportOutputs({ status: 'in_progress' });
    return {};
  }
  await Promise.all([
    status.update({ state: 'needs_attention', phase: reason, notes: [`Work so far is pushed to \`${R.branch}\`.`, `Spent $${spend.costUsd.toFixed(2)} over ${spend.turns} model calls in this round; the task so far: $${(task.costUsd + spend.costUsd).toFixed(2)} of $${s.maxCostUsd}, ${(task.turns ?? 0) + spend.turns} of ${s.maxTurns} model calls.`] }),
    setLifecycleLabel(svc, R.target.number, 'needs_attention', inProgressLabels(R.target.labels)),
  ]);
  await startHandedTasks(svc, await store.releaseSlot(task.id, s.maxConcurrentTasks));
  reportOutputs({ status: 'needs_attention' });
  if (res.exitReason === 'failed') core.warning(svc.redact(reason));
  return res.exitReason === 'failed' ? { failed: reason } : {};
}

/** A fault (GitHub, git) ended the round: record it, keep the requests, free the slot. */
async function recordFailure(svc: Services, store: StateStore, taskId: string, requests: readonly FeedbackRequest[]): Promise<void> {
  try {
    await store.updateTask(
      taskId,
      (t) => withFeedback({ ...t, state: 'needs_attention', runs: closeRun(t.runs, svc.settings.runner.runId, 'failed') } as Task, { pending: mergePending(feedbackStateOf(t).pending, requests) }),
      `${taskId}: feedback round failed`,
    );
    await startHandedTasks(svc, await store.releaseSlot(taskId, svc.settings.maxConcurrentTasks));
  } catch (e) {
    core.warning(svc.redact(`Kiro: could not record the end of the feedback round of ${taskId}: ${(e as Error).message}`));
  }
}

function addTokens(t: Task['tokens'], u: { input_tokens: number; output_tokens: number; cache_read_input_tokens: number; cache_creation_input_tokens: number }): Task['tokens'] {
  return { input: t.input + u.input_tokens, output: t.output + u.output_tokens, cacheRead: t.cacheRead + u.cache_read_input_tokens, cacheWrite: t.cacheWrite + u.cache_creation_input_tokens };
}

function closeRun(runs: Task['runs'], runId: number, exitReason: string): Task['runs'] {
  return runs.map((x) => (x.runId === runId && !x.endedAt ? { ...x, endedAt: new Date().toISOString(), exitReason } : x));
}

/**
 * Applies learnings from the owner's review on one PR of a batch to the batch's other PRs that are
 * still open (SPEC.md J5, "feedback across the batch"): each sibling gets a pending feedback
 * request (scope `learning`) and is queued like any task; siblings handed a free slot start their
 * round at once (a continuation run), the others when slots free.
 * @returns the sibling task ids that got the learnings
 */
export async function shareLearningsWithBatch(svc: Services, store: StateStore, task: Task, learned: readonly string[], sourceUrl: string): Promise<string[]> {
  if (!task.batchId || learned.length === 0) return [];
  const batch = await store.getBatch(task.batchId);
  if (!batch) return [];
  const text = learned.map((l) => `- ${l}`).join('\n');
  const siblings: string[] = [];
  for (const item of batch.items) {
    if (!item.taskId || item.taskId === task.id) continue;
    const sibling = await store.getTask(item.taskId);
    if (!sibling?.pullRequest || sibling.state === 'cancelled') continue;
    const pr = await svc.github.getPull(repoRefOf(sibling.repository), sibling.pullRequest.number).catch(() => undefined);
    if (pr?.state !== 'open') continue;
    const request = FeedbackRequest.parse({ scope: 'learning', pullNumber: sibling.pullRequest.number, actor: task.owner.login, text, url: sourceUrl, triggeredAt: new Date(svc.now()).toISOString() });
    await store.updateTask(sibling.id, (t) => withFeedback(t, { pending: mergePending(feedbackStateOf(t).pending, [request]) }), `${sibling.id}: a learning from ${task.id}`);
    siblings.push(sibling.id);
  }
  if (siblings.length === 0) return [];
  const { handedTo, positions } = await store.enqueueTasks(siblings, svc.settings.maxConcurrentTasks);
  for (const id of siblings) {
    if (!positions.has(id)) continue;
    const sibling = (await store.updateTask(id, (t) => ({ ...t, state: 'queued', queuePosition: positions.get(id) }) as Task, `${id}: queued for a learning`));
    if (sibling.issue !== undefined) {
      // one true state on the sibling's issue too: the Queued label and a status saying why
      const sibSvc = { ...svc, repo: repoRefOf(sibling.repository) };
      const issue = await svc.github.getIssue(sibSvc.repo, sibling.issue);
      const status = await StatusComment.open(sibSvc, sibling.issue, statusViewOf(svc, sibling, issue.title), sibling.statusCommentId);
      await Promise.all([
        status.update({ state: 'queued', phase: `Queued: a preference @${task.owner.login} taught in a review of ${sourceUrl} is applied to #${sibling.pullRequest!.number} when a slot frees. Position in the queue: ${positions.get(id)}.` }),
        setLifecycleLabel(sibSvc, sibling.issue, 'queued', issue.labels),
      ]);
    }
  }
  for (const id of handedTo) await dispatchContinuation(svc, id);
  core.info(`Kiro batch: shared ${learned.length} learning(s) with ${siblings.length} sibling pull request(s) of batch ${task.batchId}.`);
  return siblings;
}
