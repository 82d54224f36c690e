/**
 * Running a task (SPEC.md J1, J2, J6, J7): the task record on the state branch, the concurrency
 * slot, the issue's context, the sandbox and the pipeline. `runTask` starts a new task after the
 * acknowledgement; `driveTask` (re)runs any task from its record — a fresh start, an answered
 * question, an approved pause, a continuation after the time budget, feedback on a finished task.
 * Loaded on demand (dynamic import) so the acknowledgement does not wait for the agent code.
 */
import * as core from '@actions/core';
import type { StatusView } from '../report/status.js';
import type { Task } from '../state/schema.js';
import type { StateStore } from '../state/store.js';
import { newTask } from '../state/tasks.js';
import type { StartCommand } from './ack.js';
import { endInFailure, endInterrupted, keepLeaseFresh, type EndTarget } from './ending.js';
import { inProgressLabels, setLifecycleLabel, StatusComment } from './lifecycle.js';
import { reportOutputs, type Outcome } from './outcome.js';
import { earlySandbox, type EarlySandbox } from './sandbox.js';
import type { Services } from './services.js';
import { emptySpend } from './session.js';
import { onShutdown } from './shutdown.js';
import { leaseMs } from './store.js';
import { runFromRecord, type DriveOptions, type IssueInfo } from './task-run.js';

export type { DriveOptions, IssueInfo } from './task-run.js';

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
  const sandbox = earlySandbox(svc.ports.openSandbox(svc));
  try {
    store = await svc.ports.openStore(svc);
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
