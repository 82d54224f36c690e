/**
 * Running a task (SPEC.md J1, J2, J6, J7): the task record on the state branch, the concurrency
 * slot, the issue's context, the sandbox and the pipeline. `runTask` starts a new task after the
 * acknowledgement; `driveTask` (re)runs any task from its record — a fresh start, an answered
 * question, an approved pause, a continuation after the time budget, feedback on a finished task.
 * Loaded on demand (dynamic import) so the acknowledgement does not wait for the agent code.
 */
import * as core from '@actions/core';
import { Markers } from '../constants.js';
import type { Actor } from '../events.js';
import { fenceUntrusted, sanitizeUntrusted } from '../policy/sanitize.js';
import { renderPrompt } from '../prompts.js';
import type { StatusView } from '../report/status.js';
import type { Spend } from '../agent/types.js';
import type { Task, TaskInput } from '../state/schema.js';
import type { SlotResult } from '../state/slots.js';
import type { StateStore } from '../state/store.js';
import { newTask } from '../state/tasks.js';
import { createTaskCache } from '../state/cache.js';
import path from 'node:path';
import type { StartCommand } from './ack.js';
import { PermissionCache, readSteering, renderDiscussion, renderIssue, repositoryLayout, trustedComments } from './context.js';
import { reportOutputs, type Outcome } from './outcome.js';
import { addTokens, closeRun, endInFailure, endInterrupted, keepLeaseFresh } from './ending.js';
import type { EndTarget } from './ending.js';
import { inProgressLabels, setLifecycleLabel, StatusComment } from './lifecycle.js';
import { onShutdown } from './shutdown.js';
import { runPipeline } from './pipeline.js';
import { emptySpend } from './session.js';
import type { PipelineEnd, ResumeInput } from './pipeline.js';
import { openSandbox, sandboxNotes } from './sandbox.js';
import type { Sandbox } from './sandbox.js';
import type { Services } from './services.js';
import { dispatchContinuation, leaseMs, openStore, recordDryRunState } from './store.js';

/** The issue a task belongs to, as far as the driver needs it. */
export interface IssueInfo {
  number: number;
  title: string;
  body: string;
  htmlUrl: string;
  author: Actor;
  labels: string[];
}

/** A sandbox opened ahead of need (it overlaps the state store's work): closed on every path that does not hand it to the pipeline. */
export interface EarlySandbox {
  /** The sandbox, now owned by the caller (who closes it). */
  take(): Promise<Sandbox>;
  /** Closes it unless it was taken. Never rejects. */
  release(): Promise<void>;
}

function earlySandbox(opening: Promise<Sandbox>): EarlySandbox {
  let taken = false;
  opening.catch(() => undefined); // awaited by take(); a failure then surfaces there
  return {
    take: () => {
      taken = true;
      return opening;
    },
    release: async () => {
      if (!taken) await opening.then((sb) => sb.close()).catch(() => undefined);
    },
  };
}

/**
 * Starts a new task from a `start` command (already acknowledged with `status`).
 * @param acknowledged the acknowledgement's reaction and label, still in flight (awaited before any label changes)
 */
export async function runTask(svc: Services, cmd: StartCommand, taskId: string, status: StatusComment, acknowledged: Promise<void> = Promise.resolve()): Promise<Outcome> {
  const s = svc.settings;
  if (!s.anthropicApiKey && s.provider === 'anthropic') {
    const msg = "The workflow does not pass an Anthropic API key: set the 'anthropic-api-key' input (e.g. `${{ secrets.ANTHROPIC_API_KEY }}`).";
    await acknowledged.catch(() => undefined);
    await Promise.all([status.update({ state: 'needs_attention', phase: msg }), setLifecycleLabel(svc, cmd.issue.number, 'needs_attention', inProgressLabels(cmd.issue.labels))]);
    core.error(msg, { title: 'Kiro is not configured' });
    reportOutputs({ status: 'needs_attention' });
    return { failed: msg, annotated: true };
  }
  const labels = inProgressLabels(cmd.issue.labels);
  let store: StateStore | undefined;
  let started: Awaited<ReturnType<StateStore['startTask']>>;
  // the sandbox (preload, firewall, proxy, isolation check) opens while the state store records the task
  const sandbox = earlySandbox(openSandbox(svc));
  try {
    store = await openStore(svc);
    // created when the job started: the status header, the result line and the PR body all count from here
    const nowIso = new Date(svc.startedAt).toISOString();
    const r = s.runner;
    // one compare-and-swap for the record, the slot and the run (the acknowledgement's critical path)
    started = await store.startTask(
      taskId,
      { repository: r.repository, number: cmd.issue.number },
      (previous) =>
        newTask(
          {
            id: taskId,
            repository: r.repository,
            issue: cmd.issue.number,
            kind: 'issue',
            owner: { login: cmd.actor.login, id: cmd.actor.id },
            state: 'in_progress',
            instructions: cmd.instructions,
            statusCommentId: status.commentId,
            ...(cmd.commentId ? { triggerCommentId: cmd.commentId } : {}),
            // a new task on an issue whose earlier task left a branch/PR continues on them
            ...(previous?.branch && previous.state !== 'cancelled' ? { branch: previous.branch, baseBranch: previous.baseBranch } : {}),
            ...(previous?.pullRequest && previous.state !== 'cancelled' ? { pullRequest: previous.pullRequest } : {}),
          },
          nowIso,
        ),
      { entry: { runId: r.runId, runUrl: r.runUrl, runAttempt: r.runAttempt, startedAt: new Date(svc.now()).toISOString() }, max: s.maxConcurrentTasks, leaseMs: leaseMs(svc) },
    );
    // the acknowledgement's label is on before anything else changes labels
    await acknowledged;
  } catch (e) {
    await Promise.all([sandbox.release(), acknowledged.catch(() => undefined)]);
    return endInFailure({ svc, store, taskId, status, issueNumber: cmd.issue.number, labels, spend: undefined }, e);
  }
  // a re-run of the same event (same run id, a later attempt) finds its task: resume it from
  // the record, never re-create it (that would lose the spec, the runs and the spend)
  if ('existing' in started) return resumeKnownTask(svc, store, started.existing, status, cmd, sandbox);
  return driveTask(svc, store, started.task, status, toIssueInfo(cmd.issue), { triggeredAt: cmd.triggeredAt, slot: started.slot, sandbox });
}

/**
 * The same event again (a re-run of the job): an active task resumes from its record; a finished
 * one only gets its status comment and label back (the acknowledgement set them to In progress).
 */
async function resumeKnownTask(svc: Services, store: StateStore, task: Task, status: StatusComment, cmd: StartCommand, sandbox: EarlySandbox): Promise<Outcome> {
  core.info(`Kiro: task ${task.id} is already recorded (${task.state}); resuming it from its record.`);
  if (task.state === 'completed' || task.state === 'cancelled') {
    await sandbox.release();
    await Promise.all([
      status.update({ state: task.state, phase: task.state === 'completed' ? 'Already done.' : 'Cancelled.', ...(task.pullRequest ? { result: { pullRequestUrl: task.pullRequest.url } } : {}) }),
      setLifecycleLabel(svc, cmd.issue.number, task.state, inProgressLabels(cmd.issue.labels)),
    ]);
    reportOutputs({ status: task.state });
    return {};
  }
  return driveTask(svc, store, task, status, toIssueInfo(cmd.issue), { triggeredAt: cmd.triggeredAt, sandbox });
}

function toIssueInfo(i: StartCommand['issue']): IssueInfo {
  return { number: i.number, title: i.title, body: i.body, htmlUrl: i.htmlUrl, author: i.author, labels: i.labels };
}


/** Rebuilds the status view of a task from its record. */
export function statusViewOf(svc: Services, task: Task, title: string): StatusView {
  return {
    taskId: task.id,
    state: task.state,
    title,
    runUrl: svc.settings.runner.runUrl,
    startedAt: Date.parse(task.createdAt),
    now: svc.now(),
    phase: 'Resuming…',
    ...(task.spec ? { plan: task.spec.plan.map((p) => ({ id: p.id, title: p.title, done: p.done })) } : {}),
  };
}

/** Opens the status comment of an existing task (by its recorded id, or by marker). */
export async function openTaskStatus(svc: Services, task: Task, issue: IssueInfo): Promise<StatusComment> {
  return StatusComment.open(svc, issue.number, statusViewOf(svc, task, issue.title), task.statusCommentId);
}

/** Loads the issue of a task from GitHub. */
export async function loadIssue(svc: Services, task: Task): Promise<IssueInfo> {
  const i = await svc.github.getIssue(svc.repo, task.issue!);
  return { number: i.number, title: i.title, body: i.body, htmlUrl: i.htmlUrl, author: { login: task.owner.login, id: task.owner.id, type: 'User' }, labels: i.labels };
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

/**
 * Runs a task from its record: takes a concurrency slot (or queues the task), runs the pipeline,
 * records the outcome on the state branch, frees the slot and starts the continuation runs of the
 * queued tasks it hands its slot to. Guards the run: its lease is kept fresh while it works, a
 * SIGINT/SIGTERM pushes the work in progress and ends the task in Needs attention, and any fault
 * ends it truthfully (src/orchestrator/ending.ts). Never throws.
 */
export async function driveTask(svc: Services, store: StateStore, task: Task, status: StatusComment, issue: IssueInfo, opts: DriveOptions = {}): Promise<Outcome> {
  reportOutputs({ taskId: task.id });
  const labels = inProgressLabels(issue.labels);
  // this run's spend, shared with the pipeline: a failure or an interruption still records it
  const spend = emptySpend();
  let spendRecorded = false;
  const target = (): EndTarget => ({ svc, store, taskId: task.id, status, issueNumber: issue.number, labels, spend: spendRecorded ? undefined : spend });
  let wip: (() => Promise<string>) | undefined;
  const heartbeat = keepLeaseFresh(svc, store, task.id);
  const releaseShutdown = onShutdown(async (signal) => {
    heartbeat.stop();
    await endInterrupted(target(), signal, wip);
  });
  try {
    return await runFromRecord(svc, store, task, status, issue, opts, {
      spend,
      spendRecorded: () => {
        spendRecorded = true;
      },
      onWip: (fn) => {
        wip = fn;
      },
    });
  } catch (e) {
    return await endInFailure(target(), e);
  } finally {
    heartbeat.stop();
    releaseShutdown();
    await opts.sandbox?.release();
  }
}

/** What `driveTask` shares with the run it guards. */
interface RunHooks {
  spend: Spend;
  /** Called when the spend is added to the record (a later failure must not add it again). */
  spendRecorded(): void;
  onWip(fn: () => Promise<string>): void;
}

/** The body of `driveTask`: slot, context, sandbox, pipeline, outcome. Throws on faults (the caller ends the task truthfully). */
async function runFromRecord(svc: Services, store: StateStore, task: Task, status: StatusComment, issue: IssueInfo, opts: DriveOptions, run: RunHooks): Promise<Outcome> {
  const s = svc.settings;
  const r = s.runner;
  const persist = async (patch: Partial<TaskInput>, description = 'update') => {
    await store.updateTask(task.id, (t) => ({ ...t, ...patch }) as Task, `${task.id}: ${description}`);
  };
  // ---- slot ------------------------------------------------------------------------------
  const slot = opts.slot ?? (await store.acquireSlot(task.id, r.runId, s.maxConcurrentTasks, leaseMs(svc)));
  await startHandedTasks(svc, slot.handedTo.filter((id) => id !== task.id));
  if (!slot.acquired) {
    if (!opts.slot) await persist({ state: 'queued', queuePosition: slot.position }, 'queued');
    await Promise.all([
      status.update({ state: 'queued', phase: `Queued: ${s.maxConcurrentTasks} tasks are already in progress. Position in the queue: ${slot.position}. It starts automatically when a slot frees.` }),
      setLifecycleLabel(svc, issue.number, 'queued', inProgressLabels(issue.labels)),
    ]);
    reportOutputs({ status: 'queued' });
    return {};
  }
  const runEntry = { runId: r.runId, runUrl: r.runUrl, runAttempt: r.runAttempt, startedAt: new Date(svc.now()).toISOString() };
  if (!opts.slot) await store.updateTask(task.id, (t) => ({ ...t, state: 'in_progress', queuePosition: undefined, pendingQuestion: undefined, pause: undefined, runs: [...t.runs.filter((x) => x.runId !== r.runId), runEntry] }) as Task, `${task.id}: run ${r.runId} started`);
  if (task.state !== 'in_progress') {
    await Promise.all([status.update({ state: 'in_progress', phase: 'Working…' }), setLifecycleLabel(svc, issue.number, 'in_progress', issue.labels)]);
  }

  // ---- context ---------------------------------------------------------------------------
  // the sandbox (firewall, proxy, isolation check) opens while the context is gathered, unless it already is
  const opening = opts.sandbox ?? earlySandbox(openSandbox(svc));
  let plannerInput: string;
  let steer: () => Promise<string | undefined>;
  let lastSeen: number;
  let learnings: Awaited<ReturnType<StateStore['listLearnings']>>;
  const cache = createTaskCache();
  const transcriptDir = path.join(r.runnerTemp, 'kiro', task.id);
  try {
    const perms = new PermissionCache(svc);
    // off the critical path: the discussion, the owner's learnings and the layout are read side by side
    let comments;
    let layout: string;
    [comments, learnings, layout] = await Promise.all([
      svc.github.listIssueComments(svc.repo, issue.number),
      store.listLearnings(task.owner.login),
      task.spec ? Promise.resolve('') : repositoryLayout(r.workspace),
    ]);
    const triggeredAt = opts.triggeredAt ?? new Date(svc.now()).toISOString();
    const discussion = await trustedComments(svc, perms, comments, triggeredAt, task.triggerCommentId ? [task.triggerCommentId] : []);
    const ownerComments = comments.filter((c) => c.user.login === task.owner.login);
    lastSeen = Math.max(task.lastSeenCommentId ?? 0, ...ownerComments.filter((c) => Date.parse(c.createdAt) <= Date.parse(triggeredAt)).map((c) => c.id));
    const instructions = task.instructions
      ? `Instructions from @${task.owner.login} (the task owner), in their ${s.triggerCommand} comment:\n${fenceUntrusted('instructions', sanitizeUntrusted(task.instructions))}`
      : `The task is the issue below; @${task.owner.login} (the task owner) asked for it by labelling the issue.`;
    plannerInput = task.spec
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

    /** New comments by the owner since the last look: steering at the next step boundary (J2). */
    let lastPoll = 0;
    steer = async (): Promise<string | undefined> => {
      if (svc.now() - lastPoll < 10_000) return undefined;
      lastPoll = svc.now();
      const fresh = (await svc.github.listIssueComments(svc.repo, issue.number)).filter((c) => c.id > lastSeen && c.user.login === task.owner.login && !c.body.includes(Markers.Any));
      if (!fresh.length) return undefined;
      lastSeen = Math.max(...fresh.map((c) => c.id));
      await persist({ lastSeenCommentId: lastSeen }, 'steering read');
      return fresh.map((c) => fenceUntrusted(`comment by @${c.user.login} (the task owner)`, sanitizeUntrusted(c.body))).join('\n');
    };

    // ---- transcript (disposable: kept in the Actions cache, losing it only costs history) -----
    if (task.runs.length > 0) await cache.restore({ taskId: task.id, kind: 'transcript', paths: [transcriptDir] });
  } catch (e) {
    await opening.release();
    throw e;
  }

  // ---- pipeline --------------------------------------------------------------------------
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
      plannerInput,
      steering: readSteering(r.workspace),
      learnings: learnings.map((l) => ({ id: l.id, text: l.text })),
      ...(task.spec ? { spec: task.spec } : {}),
      ...(task.branch ? { branch: task.branch } : {}),
      ...(opts.resume ? { resume: opts.resume } : {}),
      persist,
      steer,
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
    if (!s.dryRun) await cache.save({ taskId: task.id, kind: 'transcript', paths: [transcriptDir], runId: r.runId, checkpoint: r.runAttempt });
  }

  // ---- outcome ---------------------------------------------------------------------------
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
  if (end.state === 'needs_attention' && end.questions?.length) {
    const commentId = await askQuestions(svc, issue.number, task.id, end.questions, status, issue.labels);
    await store.updateTask(
      task.id,
      (t) => ({ ...t, ...costPatch(t), state: 'needs_attention', lastSeenCommentId: commentId, pendingQuestion: { commentId, questions: end.questions!, askedAt: new Date(svc.now()).toISOString() }, runs: closeRun(t.runs, r.runId, 'needs_input') }) as Task,
      `${task.id}: questions`,
    );
  } else {
    const state = end.state === 'completed' ? 'completed' : 'needs_attention';
    await store.updateTask(
      task.id,
      (t) => ({ ...t, ...costPatch(t), state, lastSeenCommentId: lastSeen, ...(end.state === 'needs_attention' && end.pause ? { pause: { ...end.pause, pausedAt: new Date(svc.now()).toISOString() } } : {}), runs: closeRun(t.runs, r.runId, end.exitReason) }) as Task,
      `${task.id}: ${state}`,
    );
  }
  const handed = await store.releaseSlot(task.id, s.maxConcurrentTasks);
  await startHandedTasks(svc, handed);
  recordDryRunState(svc, store);
  return end.state === 'failed' ? { failed: end.reason } : {};
}

/** Starts the continuation runs of queued tasks that were handed a slot. */
export async function startHandedTasks(svc: Services, taskIds: readonly string[]): Promise<void> {
  for (const id of taskIds) {
    core.info(`Kiro: handing a free slot to queued task ${id}.`);
    await dispatchContinuation(svc, id);
  }
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
