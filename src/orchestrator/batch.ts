/**
 * Batches across repositories (SPEC.md J5): a `workflow_dispatch` with the inputs `repositories`
 * and `task` in one repository (the *hub*) starts one task per listed repository, each with its
 * own issue, branch and pull request. The hub gets a tracking issue whose body is a table
 * repository → task state → pull request, re-rendered whenever a child task ends; the job summary
 * gets the same table. The batch itself is `batches/<batchId>.json` on the state branch
 * (docs/state.md).
 *
 * The hub's run only sets the batch up; every child runs in its own workflow run — GitHub Actions
 * is the engine: the hub queues all children and hands up to `max-concurrent-tasks` free slots to
 * the oldest (reservations), then starts each of those with a continuation `workflow_dispatch`
 * (input `task-id`) of the hub's workflow, and ends. A continuation run clones the child's
 * repository and drives it with that repository's own settings and steering
 * (`resumeBatchChild`); when a child ends, its slot goes to the next queued task, whose run it
 * starts (ending.ts), and the tracking issue is brought up to date — closed once every child is
 * completed or cancelled.
 *
 * The token (`github-token`) must be able to write issues, contents and pull requests in every
 * listed repository: the default job token only reaches the hub (docs: README.md, "Batches").
 */
import * as core from '@actions/core';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Markers } from '../constants.js';
import type { Command } from '../events.js';
import { repoRefOf, type GitHubApi } from '../github/api.js';
import { cloneWorkspace } from '../git/repo.js';
import { settingsForRepository } from '../settings.js';
import type { Batch, BatchItem, Task } from '../state/schema.js';
import type { StateStore } from '../state/store.js';
import { newTask } from '../state/tasks.js';
import { makeTaskId } from './ack.js';
import { reportOutputs, reportSummary, type Outcome } from './outcome.js';
import { endInFailure } from './ending.js';
import { setLifecycleLabel, StatusComment } from './lifecycle.js';
import type { Services } from './services.js';
import { dispatchContinuation, recordDryRunState } from './store.js';
import { driveTask, loadIssue, openTaskStatus, statusViewOf } from './task.js';

type Dispatch = Extract<Command, { kind: 'dispatch' }>;

/** At most this many repositories in one batch (each gets an issue, a task and a PR). */
export const MaxBatchRepositories = 50;

const REPO_NAME = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

/**
 * Normalises the `repositories` input: `owner/name` entries (a bare `name` means the hub's
 * owner), deduplicated case-insensitively, in the given order.
 * @returns the repositories and the entries that are not repository names
 */
export function parseRepositories(list: readonly string[], hubOwner: string): { repositories: string[]; invalid: string[] } {
  const seen = new Set<string>();
  const repositories: string[] = [];
  const invalid: string[] = [];
  for (const raw of list) {
    const name = raw.includes('/') ? raw : `${hubOwner}/${raw}`;
    if (!REPO_NAME.test(name) || name.split('/').some((p) => p === '.' || p === '..')) {
      invalid.push(raw);
      continue;
    }
    if (seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    repositories.push(name);
  }
  return { repositories, invalid };
}

/** The first line of the task text, for titles (at most 80 characters). */
export function batchTitle(task: string): string {
  const first = task.trim().split('\n')[0]!.trim();
  return first.length > 80 ? `${first.slice(0, 77)}…` : first;
}

function fail(message: string): Outcome {
  core.error(message, { title: 'Kiro batch' });
  reportOutputs({ status: 'failed' });
  return { failed: message, annotated: true };
}

/** A batch item with the fields this module adds (kept by the record's loose schema). */
type Item = BatchItem & { issue?: { number: number; url: string }; note?: string };

/**
 * A batch dispatch (`repositories` + `task`, no `task-id`): the tracking issue, the batch record,
 * one issue and task per repository, then each task handed to its own workflow run (SPEC.md J5).
 *
 * Resumable: the batch id comes from the hub's run id, so a re-run of the hub's job (same run id,
 * next attempt) finds its batch and finishes it — each child's issue is recorded in the batch as
 * soon as it exists (and carries a marker, found again should the run die between the two), records
 * already written are kept, and children handed a slot whose runs
 * may never have been dispatched are dispatched again (a second run of a task that is already
 * running skips itself: control.ts `handleDispatch`).
 */
export async function handleBatch(svc: Services, cmd: Dispatch): Promise<Outcome> {
  const s = svc.settings;
  const instructions = cmd.task.trim();
  if (!instructions) return fail("A batch dispatch needs the 'task' input: what to do in every repository.");
  const { repositories, invalid } = parseRepositories(cmd.repositories, s.runner.owner);
  if (invalid.length) return fail(`The 'repositories' input has entries that are not repository names (owner/name): ${invalid.join(', ')}.`);
  if (!repositories.length) return fail("The 'repositories' input names no repository.");
  if (repositories.length > MaxBatchRepositories) return fail(`A batch takes at most ${MaxBatchRepositories} repositories; got ${repositories.length}.`);
  if (!s.anthropicApiKey && s.provider === 'anthropic') return fail("The workflow does not pass an Anthropic API key: set the 'anthropic-api-key' input (e.g. `${{ secrets.ANTHROPIC_API_KEY }}`).");

  const store = await svc.ports.openStore(svc);
  const batchId = batchIdForRun(s.runner.runId);
  reportOutputs({ taskId: batchId });
  const found = await store.getBatch(batchId);
  if (found) core.info(`Kiro: resuming batch ${batchId} (run attempt ${s.runner.runAttempt}).`);
  let batch = found ?? (await openBatch(svc, store, cmd, batchId, instructions, repositories));
  const trackingUrl = trackingUrlOf(svc, batch);
  core.info(`Kiro: batch ${batchId} across ${repositories.length} repositories; tracking issue ${trackingUrl}.`);

  // one issue, task record and status comment per repository, all Queued until driven
  const resuming = found !== undefined || s.runner.runAttempt > 1;
  const items = batch.items as Item[];
  for (const item of items) {
    if (item.note || item.taskId) continue;
    try {
      // each child's issue is recorded as soon as it exists: a re-run takes it from the record
      // rather than searching the repository's newest issues for its marker
      const recordIssue = async (issue: { number: number; htmlUrl: string }) => {
        item.issue = { number: issue.number, url: issue.htmlUrl };
        await store.putBatch({ ...batch, items });
      };
      const { task, issue } = await openChild(svc, store, batch, item, trackingUrl, resuming, recordIssue);
      item.taskId = task.id;
      item.state = task.state;
      item.issue = { number: issue.number, url: issue.htmlUrl };
    } catch (e) {
      item.note = `failed to start: ${svc.redact((e as Error).message)}`;
      core.warning(`Kiro batch: ${item.repository}: ${item.note}`);
    }
  }
  batch = await store.putBatch({ ...batch, items });
  await renderTracking(svc, batch);
  await handChildren(svc, store, batch, resuming);

  const final = (await refreshBatch(svc, store, batchId)) ?? batch;
  await writeBatchSummary(svc, final);
  recordDryRunState(svc, store);
  const states = (final.items as Item[]).map((i) => i.state);
  const status = states.every((x) => x === 'completed') ? 'completed' : states.some((x) => x === 'queued' || x === 'in_progress') ? 'in_progress' : 'needs_attention';
  reportOutputs({ taskId: batchId, status });
  return {};
}

/** The batch id of a hub run: the same for every attempt of the run, so a re-run resumes it. */
export function batchIdForRun(runId: number): string {
  return `batch-${runId.toString(36)}`;
}

const trackingMarker = (batchId: string) => `${Markers.Batch}=${batchId} tracking -->`;
const childMarker = (batchId: string) => `${Markers.Batch}=${batchId} -->`;

function trackingUrlOf(svc: Services, batch: Batch): string {
  const t = batch.tracking!;
  return t.url ?? `${svc.settings.runner.serverUrl}/${t.repository}/issues/${t.issue}`;
}

/**
 * The batch record and its tracking issue. The dispatcher must be a writer in every repository it
 * sends Kiro to (the hub was checked by the gate); a repository it cannot write is listed, skipped.
 */
async function openBatch(svc: Services, store: StateStore, cmd: Dispatch, batchId: string, instructions: string, repositories: readonly string[]): Promise<Batch> {
  const nowIso = new Date(svc.now()).toISOString();
  const owner = { login: cmd.actor.login, id: cmd.actor.id };
  const items: Item[] = [];
  for (const repository of repositories) {
    const perm = await svc.github.getPermission(repoRefOf(repository), cmd.actor.login).catch((e: Error) => `unreachable (${e.message})`);
    const allowed = perm === 'write' || perm === 'maintain' || perm === 'admin';
    items.push(allowed ? { repository } : { repository, note: `skipped: @${cmd.actor.login} needs write access to ${repository} (permission: ${perm}; is the \`github-token\` able to reach it?)` });
  }
  const draft: Batch = { id: batchId, owner, instructions, createdAt: nowIso, updatedAt: nowIso, items };
  const tracking = await svc.github.createIssue(
    svc.repo,
    { title: `Kiro batch: ${batchTitle(instructions)}`, body: renderBatch(draft, {}) },
    { marker: trackingMarker(batchId), mayExist: svc.settings.runner.runAttempt > 1 },
  );
  return store.putBatch({ ...draft, tracking: { repository: svc.settings.runner.repository, issue: tracking.number, url: tracking.htmlUrl } });
}

/**
 * A child's issue (found again when an earlier attempt made it), status comment, `kiro:queued`
 * label and task record (state `queued`). The task id is derived from the issue and the hub's run.
 */
async function openChild(
  svc: Services,
  store: StateStore,
  batch: Batch,
  item: Item,
  trackingUrl: string,
  mayExist: boolean,
  recordIssue: (issue: { number: number; htmlUrl: string }) => Promise<void>,
): Promise<{ task: Task; issue: { number: number; htmlUrl: string } }> {
  const repository = item.repository;
  const ref = repoRefOf(repository);
  const title = batchTitle(batch.instructions);
  const body = [batch.instructions, '', childMarker(batch.id), `Part of the Kiro batch ${trackingUrl} requested by @${batch.owner.login}.`].join('\n');
  let issue = mayExist && item.issue ? { number: item.issue.number, htmlUrl: item.issue.url } : undefined;
  if (!issue) {
    issue = await svc.github.createIssue(ref, { title, body }, { marker: childMarker(batch.id), mayExist });
    await recordIssue(issue);
  }
  const taskId = makeTaskId(ref.repo, issue.number, svc.settings.runner.runId);
  const existing = mayExist ? await store.getTask(taskId) : undefined;
  if (existing) return { task: existing, issue };
  const nowIso = new Date(svc.now()).toISOString();
  const childSvc = { ...svc, repo: ref };
  const view = { ...statusViewOf(svc, { id: taskId, state: 'queued', createdAt: nowIso } as Task, title), phase: 'Queued: waiting for its turn in the batch…' };
  const [status] = await Promise.all([StatusComment.open(childSvc, issue.number, view, undefined, { mayExist }), setLifecycleLabel(childSvc, issue.number, 'queued', [])]);
  const task = newTask({ id: taskId, repository, issue: issue.number, kind: 'batch-child', batchId: batch.id, owner: batch.owner, state: 'queued', instructions: batch.instructions, statusCommentId: status.commentId }, nowIso);
  await store.putTask(task);
  return { task, issue };
}

/**
 * Every child gets its own workflow run (a continuation `workflow_dispatch` with its task id): at
 * most max-concurrent-tasks at once (free slots are reserved for them), the rest stay Queued and
 * start as slots free — each child's end hands its slot on (ending.ts). On a resume, children
 * holding a reservation are dispatched again: the earlier attempt may have died before it did.
 */
async function handChildren(svc: Services, store: StateStore, batch: Batch, resuming: boolean): Promise<void> {
  const s = svc.settings;
  let ids = (batch.items as Item[]).filter((i) => i.taskId && !i.note && i.state === 'queued').map((i) => i.taskId!);
  // the batch record's states may be older than the children's own records
  if (resuming) ids = (await Promise.all(ids.map((id) => store.getTask(id)))).filter((t) => t?.state === 'queued').map((t) => t!.id);
  if (s.dryRun) {
    // the children's issues were only recorded, not created: there is nothing to run them on
    for (const id of ids) core.info(`Kiro batch (dry run): would hand ${id} to its own workflow run.`);
    return;
  }
  if (!ids.length) return;
  const { handedTo, positions } = await store.enqueueTasks(ids, s.maxConcurrentTasks);
  await Promise.all(ids.filter((id) => positions.has(id)).map((id) => store.updateTask(id, (x) => ({ ...x, queuePosition: positions.get(id) }) as Task, `${id}: queued at ${positions.get(id)}`)));
  const reserved = resuming ? (await store.listLeases()).filter((l) => l.reserved && ids.includes(l.taskId) && !handedTo.includes(l.taskId)).map((l) => l.taskId) : [];
  for (const id of [...handedTo, ...reserved]) {
    core.info(`Kiro batch: starting ${id} in its own workflow run.`);
    await dispatchContinuation(svc, id);
  }
  core.info(`Kiro batch: ${handedTo.length + reserved.length} of ${ids.length} tasks started in their own workflow runs; ${positions.size} queued (max-concurrent-tasks ${s.maxConcurrentTasks}).`);
}

/**
 * A continuation run (`task-id`) of a batch child: in its own repository (cloned when that is not
 * the workflow's), then the batch's tracking issue is brought up to date.
 */
export async function resumeBatchChild(svc: Services, store: StateStore, task: Task): Promise<Outcome> {
  let out: Outcome;
  try {
    out = await driveChild(svc, store, task);
  } finally {
    if (task.batchId) await refreshBatch(svc, store, task.batchId).catch((e: Error) => core.warning(svc.redact(`Kiro batch: could not update batch ${task.batchId}: ${e.message}`)));
  }
  return out;
}

async function driveChild(svc: Services, store: StateStore, task: Task): Promise<Outcome> {
  const childSvc = task.repository.toLowerCase() === svc.settings.runner.repository.toLowerCase() ? svc : await childServices(svc, task.repository);
  const fresh = (await store.getTask(task.id)) ?? task;
  const issue = await loadIssue(childSvc, fresh);
  const status = await openTaskStatus(childSvc, fresh, issue);
  const invalid = childSvc.settings.repoSettingsError;
  if (invalid) {
    // that repository's own settings file is broken: the child ends saying so (one true state),
    // its reserved slot goes to the next queued task
    const error = new Error(`${task.repository}: .kiro/settings.json is invalid — ${invalid.field ? `\`${invalid.field}\`: ` : ''}${invalid.problem}. Fix the file on the default branch and comment \`${svc.settings.triggerCommand} continue\`.`);
    return endInFailure({ svc: childSvc, store, taskId: fresh.id, status, issueNumber: issue.number, labels: issue.labels, spend: undefined }, error);
  }
  return driveTask(childSvc, store, fresh, status, issue, {});
}

/**
 * The services of a child task in another repository: its own work tree (a fresh shallow clone
 * of the default branch under RUNNER_TEMP, fetched with the token through the environment), `repo`
 * and runner fields pointing at it. Continuation runs are still dispatched in the hub's workflow.
 */
export async function childServices(svc: Services, repository: string): Promise<Services> {
  const s = svc.settings;
  const ref = repoRefOf(repository);
  const dir = path.join(s.runner.runnerTemp, 'kiro-batch', ref.owner.toLowerCase(), ref.repo.toLowerCase());
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const base = await svc.github.getDefaultBranch(ref);
  await cloneWorkspace({ dir, serverUrl: s.runner.serverUrl, repository, token: s.githubToken }, base);
  const hub = svc.repo;
  const github: GitHubApi = { ...svc.github, dispatchWorkflow: (_r, workflowId, gitRef, inputs) => svc.github.dispatchWorkflow(hub, workflowId, gitRef, inputs) };
  return {
    ...svc,
    repo: ref,
    github,
    // that repository's own .kiro/settings.json (steering is read from the work tree later)
    settings: settingsForRepository(s, repository, dir),
  };
}

/**
 * Brings a batch record up to date from its tasks' records (state, pull request) and re-renders
 * the tracking issue. Idempotent: any job may call it after a child's run.
 * @returns the batch as written, or undefined when it does not exist
 */
export async function refreshBatch(svc: Services, store: StateStore, batchId: string): Promise<Batch | undefined> {
  // read and written in one compare-and-swap: children ending at once never write an older view
  if (!(await store.syncBatch(batchId))) return undefined;
  // Render the newest record (another child may have synced since), then look again: two children
  // ending at once each render, and the one that rendered the older record may write the issue
  // last — its look sees the newer record and renders that, so the issue ends on the newest.
  let latest = await store.getBatch(batchId);
  for (let rendered: string | undefined, i = 0; latest && i < 5; i++) {
    const seen = JSON.stringify(latest);
    if (seen === rendered) break;
    await renderTracking(svc, latest, batchEnded(latest));
    rendered = seen;
    latest = await store.getBatch(batchId);
  }
  return latest;
}

/**
 * True when no child of the batch has work left: each is completed or cancelled, or never started
 * (skipped, failed to start). A child that needs attention (a question, a pause, a failure) keeps
 * the tracking issue open.
 */
export function batchEnded(batch: Batch): boolean {
  return batch.items.every((i) => (i as Item).note !== undefined || i.state === 'completed' || i.state === 'cancelled');
}

async function prStates(svc: Services, batch: Batch): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const it of batch.items) {
    if (!it.pullRequest) continue;
    try {
      const pr = await svc.github.getPull(repoRefOf(it.repository), it.pullRequest.number);
      out[it.repository.toLowerCase()] = pr.state === 'open' && pr.draft ? 'draft' : pr.state;
    } catch {
      /* the state is decoration; the link is what matters */
    }
  }
  return out;
}

/** Re-renders the tracking issue; closes it (as completed) once the batch has ended. */
async function renderTracking(svc: Services, batch: Batch, close = false): Promise<void> {
  if (!batch.tracking) return;
  await svc.github.updateIssueBody(repoRefOf(batch.tracking.repository), batch.tracking.issue, renderBatch(batch, await prStates(svc, batch)), close ? 'completed' : undefined);
}

const STATE_TEXT: Record<string, string> = {
  queued: '⏳ Queued',
  in_progress: '🔄 In progress',
  needs_attention: '⚠️ Needs attention',
  completed: '✅ Completed',
  cancelled: '🚫 Cancelled',
};

/**
 * The batch table (pure): the tracking issue's body and the job summary.
 * @param prs pull request state (`open`, `draft`, `closed`) by lowercased repository
 */
export function renderBatch(batch: Batch, prs: Record<string, string>): string {
  const lines = [
    trackingMarker(batch.id),
    `## Kiro batch: ${batchTitle(batch.instructions)}`,
    '',
    `Requested by @${batch.owner.login} — batch \`${batch.id}\`, ${batch.items.length} ${batch.items.length === 1 ? 'repository' : 'repositories'}.`,
    '',
    ...batch.instructions.split('\n').map((l) => `> ${l}`),
    '',
    '| Repository | Issue | Task | State | Pull request |',
    '|---|---|---|---|---|',
  ];
  for (const it of batch.items as Item[]) {
    const state = it.note ? `⛔ ${it.note}` : (STATE_TEXT[it.state ?? ''] ?? '—');
    const pr = it.pullRequest ? `[#${it.pullRequest.number}](${it.pullRequest.url})${prs[it.repository.toLowerCase()] ? ` (${prs[it.repository.toLowerCase()]})` : ''}` : '—';
    const issue = it.issue ? `[#${it.issue.number}](${it.issue.url})` : '—';
    lines.push(`| ${it.repository} | ${issue} | ${it.taskId ? `\`${it.taskId}\`` : '—'} | ${state.replace(/\|/g, '\\|')} | ${pr} |`);
  }
  const done = batch.items.filter((i) => i.state === 'completed').length;
  lines.push('', `${done} of ${batch.items.length} completed. Updated ${batch.updatedAt}.`);
  return lines.join('\n');
}

async function writeBatchSummary(svc: Services, batch: Batch): Promise<void> {
  await reportSummary(svc.redact(renderBatch(batch, await prStates(svc, batch))));
}
