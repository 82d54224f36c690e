/**
 * The body of one task run (driven and guarded by `driveTask`, task.ts): slot → context → pipeline
 * (pipeline.ts, its phases) → the run's end on the record. Each step is a function of the services,
 * the store and the task record; faults propagate to the driver, which ends the task truthfully.
 */
import path from 'node:path';
import { Markers } from '../constants.js';
import type { Actor } from '../events.js';
import type { Spend } from '../agent/types.js';
import { fenceUntrusted, sanitizeUntrusted } from '../policy/sanitize.js';
import { renderPrompt } from '../prompts.js';
import { createTaskCache } from '../state/cache.js';
import type { Learning, Task, TaskInput } from '../state/schema.js';
import type { SlotResult } from '../state/slots.js';
import type { StateStore } from '../state/store.js';
import { PermissionCache, readSteering, renderDiscussion, renderIssue, repositoryLayout, trustedComments } from './context.js';
import { addTokens, closeRun } from './ending.js';
import { inProgressLabels, setLifecycleLabel, type StatusComment } from './lifecycle.js';
import { reportOutputs, type Outcome } from './outcome.js';
import { runPipeline, type PipelineEnd, type ResumeInput } from './pipeline.js';
import { earlySandbox, sandboxNotes, type EarlySandbox } from './sandbox.js';
import type { Services } from './services.js';
import { dispatchContinuation, leaseMs, recordDryRunState, startHandedTasks } from './store.js';

/** The issue a task belongs to, as far as the driver needs it. */
export interface IssueInfo {
  number: number;
  title: string;
  body: string;
  htmlUrl: string;
  author: Actor;
  labels: string[];
}

export interface DriveOptions {
  /** ISO time of the trigger; later edits of the issue's discussion are ignored. */
  triggeredAt?: string;
  resume?: ResumeInput;
  /** The slot `StateStore.startTask` already took (or queued) for this run, with the run recorded. */
  slot?: SlotResult;
  /** A sandbox already opening; `driveTask` closes it on every path that does not use it. */
  sandbox?: EarlySandbox;
}

/** What `driveTask` shares with the run it guards. */
export interface RunHooks {
  spend: Spend;
  /** Called when the spend is added to the record (a later failure must not add it again). */
  spendRecorded(): void;
  onWip(fn: () => Promise<string>): void;
}

/** One run of a task: what its steps share. */
interface TaskRunCtx {
  svc: Services;
  store: StateStore;
  task: Task;
  status: StatusComment;
  issue: IssueInfo;
  opts: DriveOptions;
  persist(patch: Partial<TaskInput>, description?: string): Promise<void>;
}

/** The body of `driveTask`: slot, context, sandbox, pipeline, outcome. Throws on faults (the caller ends the task truthfully). */
export async function runFromRecord(svc: Services, store: StateStore, task: Task, status: StatusComment, issue: IssueInfo, opts: DriveOptions, run: RunHooks): Promise<Outcome> {
  const persist = async (patch: Partial<TaskInput>, description = 'update') => {
    await store.updateTask(task.id, (t) => ({ ...t, ...patch }) as Task, `${task.id}: ${description}`);
  };
  const ctx: TaskRunCtx = { svc, store, task, status, issue, opts, persist };
  if (!(await takeSlot(ctx))) return {};
  // the sandbox (firewall, proxy, isolation check) opens while the context is gathered, unless it already is
  const opening = opts.sandbox ?? earlySandbox(svc.ports.openSandbox(svc));
  const cache = createTaskCache();
  const r = svc.settings.runner;
  const transcriptDir = path.join(r.runnerTemp, 'kiro', task.id);
  let context: RunContext;
  try {
    context = await gatherContext(ctx);
    // the transcript is disposable: kept in the Actions cache, losing it only costs history
    // (only when an earlier run or attempt wrote one: the record already lists this run)
    if (task.runs.some((x) => x.runId !== r.runId || (x.runAttempt ?? 1) !== r.runAttempt)) await cache.restore({ taskId: task.id, kind: 'transcript', paths: [transcriptDir] });
  } catch (e) {
    await opening.release();
    throw e;
  }
  const sandbox = await opening.take();
  let end: PipelineEnd;
  const notes = sandboxNotes(sandbox);
  if (notes.sandbox !== undefined || notes.mcp) await status.update(notes);
  try {
    end = await runPipeline({
      svc,
      taskId: task.id,
      issueNumber: issue.number,
      issueUrl: issue.htmlUrl,
      issueTitle: issue.title,
      owner: task.owner,
      labels: inProgressLabels(issue.labels),
      status,
      sandbox,
      plannerInput: context.plannerInput,
      steering: readSteering(r.workspace),
      learnings: context.learnings.map((l) => ({ id: l.id, text: l.text })),
      ...(task.spec ? { spec: task.spec } : {}),
      ...(task.branch ? { branch: task.branch } : {}),
      ...(opts.resume ? { resume: opts.resume } : {}),
      persist,
      steer: context.steer,
      spend: run.spend,
      onWip: run.onWip,
      // max-turns and max-cost-usd are per task: earlier runs' spend counts toward them
      prior: { turns: task.turns ?? 0, costUsd: task.costUsd },
      startedAt: Date.parse(task.createdAt),
    });
  } finally {
    // an MCP server that stopped during the run is reported too
    const late = sandbox.mcpProblems();
    if (late.length > (notes.mcp?.length ?? 0)) await status.update({ mcp: late }).catch(() => {});
    await sandbox.close();
    if (!svc.settings.dryRun) await cache.save({ taskId: task.id, kind: 'transcript', paths: [transcriptDir], runId: r.runId, checkpoint: r.runAttempt });
  }
  return recordRunEnd(ctx, end, run, context.lastSeen());
}

/**
 * Takes the task's concurrency slot (or the one `startTask` already took) and records the run; a
 * task that finds none is Queued (record, status with its position, label).
 * @returns whether the run goes on
 */
async function takeSlot(ctx: TaskRunCtx): Promise<boolean> {
  const { svc, store, task, status, issue, opts } = ctx;
  const s = svc.settings;
  const r = s.runner;
  const slot = opts.slot ?? (await store.acquireSlot(task.id, r.runId, s.maxConcurrentTasks, leaseMs(svc)));
  await startHandedTasks(svc, slot.handedTo.filter((id) => id !== task.id));
  if (!slot.acquired) {
    if (!opts.slot) await ctx.persist({ state: 'queued', queuePosition: slot.position }, 'queued');
    await Promise.all([
      status.update({ state: 'queued', phase: `Queued: ${s.maxConcurrentTasks} tasks are already in progress. Position in the queue: ${slot.position}. It starts automatically when a slot frees.` }),
      setLifecycleLabel(svc, issue.number, 'queued', inProgressLabels(issue.labels)),
    ]);
    reportOutputs({ status: 'queued' });
    return false;
  }
  const runEntry = { runId: r.runId, runUrl: r.runUrl, runAttempt: r.runAttempt, startedAt: new Date(svc.now()).toISOString() };
  if (!opts.slot) await store.updateTask(task.id, (t) => ({ ...t, state: 'in_progress', queuePosition: undefined, pendingQuestion: undefined, pause: undefined, runs: [...t.runs.filter((x) => x.runId !== r.runId), runEntry] }) as Task, `${task.id}: run ${r.runId} started`);
  if (task.state !== 'in_progress') {
    await Promise.all([status.update({ state: 'in_progress', phase: 'Working…' }), setLifecycleLabel(svc, issue.number, 'in_progress', issue.labels)]);
  }
  return true;
}

/** What the pipeline is given besides the record: the planner's opening, steering, learnings. */
interface RunContext {
  plannerInput: string;
  /** New comments by the owner since the last look: steering at the next step boundary (J2). */
  steer: () => Promise<string | undefined>;
  learnings: Learning[];
  /** The newest owner comment this run has seen (recorded at the end). */
  lastSeen(): number;
}

/** The issue's discussion, the owner's learnings and the layout, read side by side (off the critical path). */
async function gatherContext(ctx: TaskRunCtx): Promise<RunContext> {
  const { svc, store, task, issue, opts } = ctx;
  const s = svc.settings;
  const r = s.runner;
  const perms = new PermissionCache(svc);
  const [comments, learnings, layout] = await Promise.all([
    svc.github.listIssueComments(svc.repo, issue.number),
    // from the tip this run's start just wrote (or read) — no second fetch on the critical path
    store.listLearnings(task.owner.login, { maxAgeMs: 10_000 }),
    task.spec ? Promise.resolve('') : repositoryLayout(r.workspace),
  ]);
  const triggeredAt = opts.triggeredAt ?? new Date(svc.now()).toISOString();
  const discussion = await trustedComments(svc, perms, comments, triggeredAt, task.triggerCommentId ? [task.triggerCommentId] : []);
  const ownerComments = comments.filter((c) => c.user.login === task.owner.login);
  let lastSeen = Math.max(task.lastSeenCommentId ?? 0, ...ownerComments.filter((c) => Date.parse(c.createdAt) <= Date.parse(triggeredAt)).map((c) => c.id));
  const instructions = task.instructions
    ? `Instructions from @${task.owner.login} (the task owner), in their ${s.triggerCommand} comment:\n${fenceUntrusted('instructions', sanitizeUntrusted(task.instructions))}`
    : `The task is the issue below; @${task.owner.login} (the task owner) asked for it by labelling the issue.`;
  const plannerInput = task.spec
    ? ''
    : renderPrompt('planner-task', {
        repository: r.repository,
        issue_number: String(issue.number),
        owner: task.owner.login,
        instructions,
        issue: renderIssue(issue),
        discussion: renderDiscussion(discussion),
        layout,
        answers: '',
      });
  let lastPoll = 0;
  const steer = async (): Promise<string | undefined> => {
    if (svc.now() - lastPoll < 10_000) return undefined;
    lastPoll = svc.now();
    const fresh = (await svc.github.listIssueComments(svc.repo, issue.number)).filter((c) => c.id > lastSeen && c.user.login === task.owner.login && !c.body.includes(Markers.Any));
    if (!fresh.length) return undefined;
    lastSeen = Math.max(...fresh.map((c) => c.id));
    await ctx.persist({ lastSeenCommentId: lastSeen }, 'steering read');
    return fresh.map((c) => fenceUntrusted(`comment by @${c.user.login} (the task owner)`, sanitizeUntrusted(c.body))).join('\n');
  };
  return { plannerInput, steer, learnings, lastSeen: () => lastSeen };
}

/** The run's end on the record (spend, state, questions or pause, the run closed); the slot handed on. */
async function recordRunEnd(ctx: TaskRunCtx, end: PipelineEnd, run: RunHooks, lastSeen: number): Promise<Outcome> {
  const { svc, store, task, status, issue } = ctx;
  const s = svc.settings;
  const r = s.runner;
  const costPatch = (t: Task) => {
    run.spendRecorded();
    return { costUsd: t.costUsd + end.spend.costUsd, turns: (t.turns ?? 0) + end.spend.turns, tokens: addTokens(t.tokens, end.spend) };
  };
  if (end.state === 'checkpoint') {
    await store.updateTask(task.id, (t) => ({ ...t, ...costPatch(t), runs: closeRun(t.runs, r.runId, 'checkpoint') }) as Task, `${task.id}: checkpoint`);
    await dispatchContinuation(svc, task.id);
    await status.update({ phase: 'The job’s time budget is nearly used: work is checkpointed and pushed; a continuation run picks it up.' });
    reportOutputs({ status: 'in_progress' });
    return {};
  }
  // the record's end and the slot's release in one compare-and-swap (both or neither)
  let ended: { handedTo: string[] };
  if (end.state === 'needs_attention' && end.questions?.length) {
    const commentId = await askQuestions(svc, issue.number, task.id, end.questions, status, issue.labels);
    ended = await store.endRun(
      task.id,
      (t) => ({ ...t, ...costPatch(t), state: 'needs_attention', lastSeenCommentId: commentId, pendingQuestion: { commentId, questions: end.questions!, askedAt: new Date(svc.now()).toISOString() }, runs: closeRun(t.runs, r.runId, 'needs_input') }) as Task,
      s.maxConcurrentTasks,
      `${task.id}: questions`,
    );
  } else {
    const state = end.state === 'completed' ? 'completed' : 'needs_attention';
    const pause = end.state === 'needs_attention' && end.pause ? { pause: { ...end.pause, pausedAt: new Date(svc.now()).toISOString() } } : {};
    ended = await store.endRun(task.id, (t) => ({ ...t, ...costPatch(t), state, lastSeenCommentId: lastSeen, ...pause, runs: closeRun(t.runs, r.runId, end.exitReason) }) as Task, s.maxConcurrentTasks, `${task.id}: ${state}`);
  }
  await startHandedTasks(svc, ended.handedTo);
  recordDryRunState(svc, store);
  return end.state === 'failed' ? { failed: end.reason } : {};
}

/**
 * Asks numbered clarifying questions in one comment and waits (SPEC.md J1.3): the task is marked
 * Needs attention and the job ends successfully; the owner's next comment resumes it.
 * @returns the id of the questions comment
 */
export async function askQuestions(svc: Services, issueNumber: number, taskId: string, questions: readonly string[], status: StatusComment, labels: readonly string[]): Promise<number> {
  const body = [
    `${Markers.Questions} task=${taskId} run=${svc.settings.runner.runId}.${svc.settings.runner.runAttempt} -->`,
    'Before I go on, I need a few answers:',
    '',
    ...questions.map((q, i) => `${i + 1}. ${q}`),
    '',
    'Reply in a comment (numbered answers help); I will continue from the plan I have.',
  ].join('\n');
  const c = await svc.github.createIssueComment(svc.repo, issueNumber, body, { marker: `${Markers.Questions} task=${taskId} run=${svc.settings.runner.runId}.${svc.settings.runner.runAttempt} -->` });
  await Promise.all([
    status.update({ state: 'needs_attention', phase: `Waiting for answers to ${questions.length} question(s): ${c.htmlUrl}` }),
    setLifecycleLabel(svc, issueNumber, 'needs_attention', inProgressLabels(labels)),
  ]);
  reportOutputs({ status: 'needs_attention' });
  return c.id;
}
