/**
 * Task records (`tasks/<id>.json`) and their lookup indexes (`index/issues/…`, `index/pulls/…`),
 * as functions over a snapshot or transaction so the orchestrator can combine them in one update.
 */
import { randomBytes } from 'node:crypto';
import type { TaskState } from '../constants.js';
import { StateDirs, StatePaths } from './paths.js';
import { IndexEntry, Task, type TaskInput, type TaskKind } from './schema.js';
import { StateRecordError } from './errors.js';
import type { StateReader, StateTx } from './view.js';

/** Filter of `listTasks`; every given field must match. */
export interface TaskFilter {
  repository?: string;
  state?: TaskState | readonly TaskState[];
  kind?: TaskKind;
  /** Owner login (case-insensitive). */
  owner?: string;
  batchId?: string;
}

/**
 * A new task id: `<repo>-<issue>-<time36><rand>` (e.g. `my-app-42-m3k2x1a7f`), lowercase, safe as
 * a file and branch name, unique without coordination (time in ms base 36 plus 16 random bits).
 * Batch children without an issue use `b` in place of the number.
 */
export function newTaskId(repository: string, issue: number | undefined, nowMs: number = Date.now()): string {
  const repo = (repository.split('/')[1] ?? repository)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  const stamp = Math.max(0, Math.floor(nowMs)).toString(36);
  const rand = randomBytes(2).toString('hex');
  return `${repo || 'task'}-${issue ?? 'b'}-${stamp}${rand}`;
}

/**
 * Reads a task record.
 * @throws StateRecordError when the file exists but is not a valid task
 */
export async function readTask(r: StateReader, id: string): Promise<Task | undefined> {
  return r.readJson(StatePaths.task(id), Task);
}

/** The task an issue's index entry points at, if any. */
export async function readTaskByIssue(r: StateReader, repository: string, issue: number): Promise<Task | undefined> {
  const entry = await r.readJson(StatePaths.issueIndex(repository, issue), IndexEntry);
  return entry ? readTask(r, entry.taskId) : undefined;
}

/** The task a pull request's index entry points at, if any. */
export async function readTaskByPull(r: StateReader, repository: string, pull: number): Promise<Task | undefined> {
  const entry = await r.readJson(StatePaths.pullIndex(repository, pull), IndexEntry);
  return entry ? readTask(r, entry.taskId) : undefined;
}

/**
 * All task records matching `filter`, oldest first. Records that fail validation are skipped and
 * reported through `onInvalid` (a bad manual edit must not hide every other task).
 */
export async function readTasks(r: StateReader, filter: TaskFilter = {}, onInvalid?: (e: StateRecordError) => void): Promise<Task[]> {
  const paths = (await r.list(StateDirs.Tasks)).filter((p) => p.endsWith('.json') && !p.slice(StateDirs.Tasks.length).includes('/'));
  const files = await r.readMany(paths);
  const states = filter.state === undefined ? undefined : new Set<string>(typeof filter.state === 'string' ? [filter.state] : filter.state);
  const out: Task[] = [];
  for (const p of paths) {
    const text = files.get(p);
    if (text === undefined) continue;
    let t: Task;
    try {
      t = parseTask(p, text);
    } catch (e) {
      if (e instanceof StateRecordError) {
        onInvalid?.(e);
        continue;
      }
      throw e;
    }
    if (filter.repository && t.repository.toLowerCase() !== filter.repository.toLowerCase()) continue;
    if (states && !states.has(t.state)) continue;
    if (filter.kind && t.kind !== filter.kind) continue;
    if (filter.owner && t.owner.login.toLowerCase() !== filter.owner.toLowerCase()) continue;
    if (filter.batchId && t.batchId !== filter.batchId) continue;
    out.push(t);
  }
  return out.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/** A record's text parsed and validated. @throws StateRecordError naming the file and field */
export function parseTask(path: string, text: string): Task {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new StateRecordError(path, `not valid JSON (${(e as Error).message})`);
  }
  const r = Task.safeParse(value);
  if (!r.success) throw new StateRecordError(path, r.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '));
  return r.data;
}

/**
 * Validates and writes a task record with `updatedAt = nowIso`, and points the issue and pull
 * request indexes at it (the newest task for an issue or PR is the one the index names). The
 * indexes live on the shared branch while the record has its own ref, so they are written only
 * when they change: when the task is new (`previous` null), or names a different issue or pull
 * request than `previous`. Without `previous` (unknown) both are written.
 * @param previous the record this write replaces (null: none), when the caller read it
 * @returns the record as written
 * @throws ZodError when `task` is not a valid task
 */
export function writeTask(tx: StateTx, task: TaskInput, nowIso: string, previous?: Task | null): Task {
  const t = Task.parse({ ...task, updatedAt: nowIso });
  tx.writeJson(StatePaths.task(t.id), t);
  const moved = previous === undefined || previous === null || previous.repository.toLowerCase() !== t.repository.toLowerCase();
  if (t.issue !== undefined && (moved || previous!.issue !== t.issue)) tx.writeJson(StatePaths.issueIndex(t.repository, t.issue), { taskId: t.id });
  if (t.pullRequest && (moved || previous!.pullRequest?.number !== t.pullRequest.number)) tx.writeJson(StatePaths.pullIndex(t.repository, t.pullRequest.number), { taskId: t.id });
  return t;
}

/**
 * A new task record with defaults filled in (`state: queued`, no runs, zero cost, `createdAt =
 * updatedAt = nowIso`). Give `id` to reuse one, else `newTaskId` makes one.
 */
export function newTask(
  init: Pick<TaskInput, 'repository' | 'kind' | 'owner' | 'instructions'> & Partial<TaskInput> & { id?: string; issue?: number },
  nowIso: string,
): Task {
  return Task.parse({
    state: 'queued',
    ...init,
    id: init.id ?? newTaskId(init.repository, init.issue, Date.parse(nowIso)),
    createdAt: nowIso,
    updatedAt: nowIso,
  });
}
