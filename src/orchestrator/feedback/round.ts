/**
 * One feedback round (SPEC.md J3): the same phases as a task run over the pull request's branch —
 * begin (record, status, label) → code (the feedback coder with `complete_items`/`decline_item`,
 * then the code → verify loop) → deliver (push, replies, PR body, labels: publish.ts) → learn (the
 * learner on the owner's feedback) → record (the task completed, the slot handed on).
 */
import * as core from '@actions/core';
import { z } from 'zod';
import { defineTool } from '../../agent/tools/schema.js';
import type { AgentTool } from '../../agent/types.js';
import { renderPrompt } from '../../prompts.js';
import { formatDuration } from '../../report/status.js';
import { writeJobSummary } from '../../report/summary.js';
import type { Task } from '../../state/schema.js';
import { codeAndVerify, type CodeVerifyEnd } from '../code-verify.js';
import { createCommitter } from '../committer.js';
import { renderItems } from '../feedback-context.js';
import { learnFromFeedback, type Learned } from '../learn.js';
import { inProgressLabels, setLifecycleLabel } from '../lifecycle.js';
import { reportOutputs, type Outcome } from '../outcome.js';
import { specMarkdown } from '../phases/common.js';
import { sandboxNotes } from '../sandbox.js';
import { openAgentSession } from '../session.js';
import { dispatchContinuation } from '../store.js';
import { startHandedTasks } from '../store.js';
import { shareLearningsWithBatch } from './batch-learnings.js';
import { countItems, criterionOf, itemLocation, publishRound, type Published } from './publish.js';
import type { Round, RoundRun } from './round-types.js';
import { addTokens, closeRun, feedbackStateOf, mergePending, requestKey, withFeedback } from './state.js';

export type { Round, StatusTarget } from './round-types.js';

/** Runs a round to its end; faults propagate (the caller records them, see `recordFailure`). */
export async function runRound(R: Round): Promise<Outcome> {
  const { svc, store, task, status } = R;
  const roundStart = new Date(svc.now()).toISOString();
  await beginRound(R, roundStart);
  const learnings = await store.listLearnings(task.owner.login);
  const sandbox = await svc.ports.openSandbox(svc);
  const notes = sandboxNotes(sandbox);
  if (notes.sandbox !== undefined || notes.mcp) await status.update(notes);
  try {
    // max-turns and max-cost-usd are per task: the task's earlier runs count toward them
    const session = openAgentSession(svc, { taskId: task.id, sandbox, steering: R.steering, learnings: learnings.map((l) => ({ id: l.id, text: l.text })), prior: { turns: task.turns ?? 0, costUsd: task.costUsd } });
    R.git = session.git;
    await R.git.checkoutTaskBranch(R.branch, R.base);
    // secrets replaced in what is committed, protected paths left out (docs/security.md)
    const committer = createCommitter(R.git, svc.settings.bot, task.owner, { secrets: () => svc.secretValues(), redact: svc.redact });
    const run: RoundRun = { R, session, sandbox, committer, outcomes: new Map(), learnings, roundStart };
    const cv = await codeRound(run);
    if (cv.kind !== 'done') {
      if (cv.kind === 'coder_stopped') await committer.commit(`Work in progress: review feedback on #${R.pr.number}`);
      await R.git.push(R.branch);
      session.costOutputs();
      return stopRound(R, cv, session.spend);
    }
    const published = await publishRound(run, cv);
    let learned: Learned[] = [];
    if (R.ownerFeedback.length) {
      await status.update({ phase: 'Learning from the owner’s feedback…' });
      learned = await learnFromFeedback({ session, store, owner: task.owner.login, repository: svc.settings.runner.repository, pullUrl: R.pr.htmlUrl, feedback: R.ownerFeedback, existing: learnings });
    }
    return await recordRound(run, cv, published, learned);
  } finally {
    // an MCP server that stopped during the run is reported too
    const late = sandbox.mcpProblems();
    if (late.length > (notes.mcp?.length ?? 0)) await status.update({ mcp: late }).catch(() => {});
    await sandbox.close();
  }
}

/** The round's run on the record (In progress, its requests taken off `pending`), status and label. */
async function beginRound(R: Round, roundStart: string): Promise<void> {
  const { svc, task } = R;
  const r = svc.settings.runner;
  const runEntry = { runId: r.runId, runUrl: r.runUrl, runAttempt: r.runAttempt, startedAt: roundStart };
  await R.store.updateTask(
    task.id,
    (t) =>
      withFeedback(
        { ...t, state: 'in_progress', queuePosition: undefined, progress: { phase: 'feedback', verifyAttempts: 0 }, runs: [...t.runs.filter((x) => x.runId !== r.runId), runEntry] } as Task,
        { pending: feedbackStateOf(t).pending.filter((p) => !R.handled.has(requestKey(p))) },
      ),
    `${task.id}: feedback round on #${R.pr.number} (run ${r.runId})`,
  );
  await Promise.all([
    R.status.update({ state: 'in_progress', phase: `Addressing review feedback on #${R.pr.number}: ${countItems(R.items)}…`, result: undefined, learned: undefined }),
    setLifecycleLabel(svc, R.target.number, 'in_progress', R.target.labels),
  ]);
  reportOutputs({ status: 'in_progress' });
}

/** The feedback coder on the items, then the code → verify loop with a criterion per item. */
async function codeRound(run: RoundRun): Promise<CodeVerifyEnd> {
  const { R, session } = run;
  const { svc } = R;
  const r = svc.settings.runner;
  const spec = R.task.spec;
  const content = renderPrompt('feedback-task', {
    pull_number: String(R.pr.number),
    pull_url: R.pr.htmlUrl,
    repository: r.repository,
    branch: R.branch,
    spec: spec ? `${spec.title}\n\n${spec.summary}\n\n${specMarkdown(spec)}` : '(no task spec recorded)',
    items: renderItems(R.items, svc.redact),
    item_ids: R.items.map((i) => i.id).join(', '),
  });
  const coderSystem = [{ type: 'text' as const, text: renderPrompt('feedback-coder', { repository: r.repository, steering: R.steering, learnings: session.learningsText }) }];
  return codeAndVerify({
    svc,
    session,
    sandbox: run.sandbox,
    status: R.status,
    committer: run.committer,
    coderMessages: [{ role: 'user', content }],
    coderTools: itemTools(run),
    coderSystem,
    criteria: () => [...(spec?.acceptanceCriteria ?? []), ...R.items.map((i) => ({ id: i.id, text: criterionOf(i, run.outcomes.get(i.id)) }))],
    diffBase: R.baseSha,
    finishCommitMessage: `Address review feedback on #${R.pr.number}`,
    codingPhase: `Addressing review feedback on #${R.pr.number}: ${countItems(R.items)}…`,
  });
}

const ItemsInput = z.object({
  item_ids: z.array(z.string().min(1)).min(1).describe('Ids of the feedback items this change addresses, e.g. ["T1", "C1"]'),
  summary: z.string().min(1).describe('One line: what changed'),
});
const DeclineInput = z.object({
  item_id: z.string().min(1).describe('Id of the feedback item left unchanged, e.g. "T2"'),
  reason: z.string().min(1).describe('Why it stays as it is, in one or two sentences addressed to the reviewer'),
});

/** `complete_items` (one commit for some items, linked in their threads) and `decline_item`. */
function itemTools(run: RoundRun): AgentTool[] {
  const { R, outcomes, committer } = run;
  const ids = R.items.map((i) => i.id);
  let lastSha: string | undefined;
  const completeItems = defineTool('complete_items', 'Commit the current changes as one commit addressing these feedback items (the action replies in their threads with a link to it).', ItemsInput, async (input) => {
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
    await R.status.update({ phase: `Addressed ${[...outcomes.values()].filter((o) => o.outcome === 'changed').length} of ${ids.length} feedback item(s)…` });
    return { content: `${input.item_ids.join(', ')} recorded in commit ${commitSha.slice(0, 12)}${sha ? '' : ' (no new changes since it)'}.` };
  });
  const declineItem = defineTool('decline_item', 'Leave a feedback item unchanged, with the reason (the action replies with it; the thread stays open).', DeclineInput, async (input) => {
    if (!ids.includes(input.item_id)) return { content: `Unknown item id ${input.item_id}; the items are ${ids.join(', ')}.`, isError: true };
    const prev = outcomes.get(input.item_id);
    if (prev?.outcome === 'changed') return { content: `${input.item_id} is already addressed in commit ${prev.shas[0]!.slice(0, 12)}.`, isError: true };
    outcomes.set(input.item_id, { outcome: 'declined', reason: input.reason });
    return { content: `${input.item_id} recorded as not changed.` };
  });
  return [completeItems, declineItem];
}

/** The round's end: the record (Completed, spend, bookkeeping), status, label, summary; the slot handed on. */
async function recordRound(run: RoundRun, cv: Extract<CodeVerifyEnd, { kind: 'done' }>, p: Published, learned: Learned[]): Promise<Outcome> {
  const { R, session, learnings } = run;
  const { svc, store, task } = R;
  const s = svc.settings;
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
          runs: closeRun(t.runs, s.runner.runId, 'completed'),
        } as Task,
        { rounds: feedbackStateOf(t).rounds + 1, lastRoundAt: run.roundStart, autoRounds: auto ? feedbackStateOf(t).autoRounds + 1 : 0 },
      ),
    `${task.id}: feedback round on #${R.pr.number} done`,
  );
  const durationMs = svc.now() - session.started;
  const phase = `Addressed review feedback on #${R.pr.number}: ${p.changedThreads} thread(s) changed and resolved, ${p.answeredThreads} answered${p.checksFailing ? `, ${p.checksFailing} failing check(s) looked at` : ''}; ${p.commits.length} new commit(s)${cv.passed ? '; verification passed.' : '; verification failed — needs human review.'}`;
  const verification = cv.checks.map((c) => ({ name: c.name, command: c.command, passed: c.passed }));
  await Promise.all([
    R.status.update({
      state: 'completed',
      phase,
      result: { pullRequestUrl: R.pr.htmlUrl, ...(R.pr.draft ? { draft: true } : {}), verification, ...session.cost(), tokens: session.tokens(), durationMs },
      ...(learned.length ? { learned: learned.map((l) => l.text) } : {}),
    }),
    setLifecycleLabel(svc, R.target.number, 'completed', inProgressLabels(R.target.labels)),
  ]);
  reportOutputs({ status: 'completed' });
  const note = `${phase}${learned.length ? `\n\nLearned: ${learned.map((l) => l.text).join('; ')}` : ''}`;
  await writeJobSummary(svc, { taskId: task.id, title: `Review feedback on #${R.pr.number}: ${task.spec?.title ?? R.target.title}`, state: 'completed', plan: [], spend, durationMs, pullRequestUrl: R.pr.htmlUrl, checks: cv.checks, note });
  core.info(`Kiro: feedback round on #${R.pr.number} done in ${formatDuration(durationMs)}: ${p.commits.length} commit(s), ${p.changedThreads} thread(s) resolved, ${learned.length} learning(s).`);
  await startHandedTasks(svc, await store.releaseSlot(task.id, s.maxConcurrentTasks));
  if (feedbackStateOf(after).pending.length) await dispatchContinuation(svc, task.id);
  // what the owner taught here applies to the other open PRs of the same batch
  if (learned.length && task.batchId) {
    await shareLearningsWithBatch(svc, store, after, learned.map((l) => l.text), R.pr.htmlUrl).catch((e: Error) => core.warning(svc.redact(`Kiro: could not share the learnings with the batch: ${e.message}`)));
  }
  return {};
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

