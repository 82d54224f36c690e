/**
 * File names of the state branch layout (docs/state.md). Every path the store reads or writes is
 * built here, so the layout has one definition that the code, the docs and the tests share.
 */
import { IdPattern } from './schema.js';

/** Root files of the branch. */
export const StateFiles = {
  /** `{ "version": N }` — the layout version (SPEC.md §3). */
  Meta: 'kiro-state.json',
  /** Written when the branch is created; explains the layout to a person browsing it. */
  Readme: 'README.md',
} as const;

/** Top-level directories, each with a trailing slash as `list()` expects. */
export const StateDirs = {
  Tasks: 'tasks/',
  IssueIndex: 'index/issues/',
  PullIndex: 'index/pulls/',
  Leases: 'leases/',
  Queue: 'queue/',
  Learnings: 'learnings/',
  Batches: 'batches/',
} as const;

/** Digits of the zero-padded epoch-milliseconds prefix of queue file names (sorts until year 33658). */
export const QueueStampDigits = 15;
const QueueFile = new RegExp(`^${StateDirs.Queue}(\\d{${QueueStampDigits}})-(.+)\\.json$`);

/** A path the store may write: `/`-separated segments of `[A-Za-z0-9._@+-]`, no `.`/`..` segments. */
const WritablePath = /^[A-Za-z0-9._@+-]+(\/[A-Za-z0-9._@+-]+)*$/;

/**
 * Throws unless `path` is a path the store may write (relative, normalised, no `.git`, only
 * characters that need no quoting in git plumbing).
 */
export function assertWritablePath(path: string): void {
  const segments = path.split('/');
  if (!WritablePath.test(path) || segments.some((s) => s === '.' || s === '..' || s.toLowerCase() === '.git')) {
    throw new Error(`invalid state path ${JSON.stringify(path)}: use /-separated segments of [A-Za-z0-9._@+-]`);
  }
}

/** Throws unless `id` can be used as a file name (task, learning, batch ids). */
export function assertId(id: string, what = 'id'): void {
  if (!IdPattern.test(id)) throw new Error(`invalid ${what} ${JSON.stringify(id)}: must match ${IdPattern.source}`);
}

/** `owner/repo` → `owner/repo` lowercased and checked; GitHub names are case-insensitive. */
function repoKey(repository: string): string {
  const m = /^([A-Za-z0-9-]+)\/([A-Za-z0-9._-]+)$/.exec(repository);
  if (!m || m[2] === '.' || m[2] === '..') throw new Error(`invalid repository ${JSON.stringify(repository)}: expected owner/repo`);
  return repository.toLowerCase();
}

/** GitHub login → directory name (lowercase; logins are case-insensitive). */
export function ownerKey(login: string): string {
  const key = login.toLowerCase().replace(/\[bot\]$/, '-bot');
  if (!/^[a-z0-9][a-z0-9-]*$/.test(key)) throw new Error(`invalid owner login ${JSON.stringify(login)}`);
  return key;
}

/**
 * Per-task refs (layout version 2): each task record is the file `task.json` of its own ref
 * `refs/kiro-state/<state branch>/tasks/<task id>`, next to the state branch, so writing one task
 * never races with writing another (one ref per record, as git-bug keeps its issues in
 * `refs/bugs/<id>`). In a transaction the record still reads and writes as `tasks/<id>.json`;
 * the store routes that path to the ref.
 */
export const StateRefs = {
  /** The file holding the record in a task ref's tree. */
  TaskFile: 'task.json',
  /** Prefix of every task ref of the state branch `branch`. */
  tasksPrefix(branch: string): string {
    return `refs/kiro-state/${branch}/tasks/`;
  },
  task(branch: string, id: string): string {
    assertId(id, 'task id');
    return `${StateRefs.tasksPrefix(branch)}${id}`;
  },
  /** The task id a transaction path `tasks/<id>.json` names, or undefined for any other path. */
  taskIdOf(path: string): string | undefined {
    if (!path.startsWith(StateDirs.Tasks) || !path.endsWith('.json')) return undefined;
    const id = path.slice(StateDirs.Tasks.length, -'.json'.length);
    return IdPattern.test(id) ? id : undefined;
  },
} as const;

export const StatePaths = {
  task(id: string): string {
    assertId(id, 'task id');
    return `${StateDirs.Tasks}${id}.json`;
  },
  issueIndex(repository: string, issue: number): string {
    return `${StateDirs.IssueIndex}${repoKey(repository)}/${positive(issue)}.json`;
  },
  pullIndex(repository: string, pull: number): string {
    return `${StateDirs.PullIndex}${repoKey(repository)}/${positive(pull)}.json`;
  },
  lease(taskId: string): string {
    assertId(taskId, 'task id');
    return `${StateDirs.Leases}${taskId}.json`;
  },
  queueEntry(enqueuedAtMs: number, taskId: string): string {
    assertId(taskId, 'task id');
    return `${StateDirs.Queue}${String(Math.max(0, Math.floor(enqueuedAtMs))).padStart(QueueStampDigits, '0')}-${taskId}.json`;
  },
  /** Task id of a queue file name, or undefined for a file that is not a queue entry. */
  queueTaskId(path: string): string | undefined {
    return QueueFile.exec(path)?.[2];
  },
  /** Enqueue time (epoch ms) of a queue file name, or undefined for a file that is not a queue entry. */
  queueStamp(path: string): number | undefined {
    const m = QueueFile.exec(path);
    return m ? Number(m[1]) : undefined;
  },
  learningsDir(owner: string): string {
    return `${StateDirs.Learnings}${ownerKey(owner)}/`;
  },
  learning(owner: string, id: string): string {
    assertId(id, 'learning id');
    return `${StatePaths.learningsDir(owner)}${id}.md`;
  },
  batch(id: string): string {
    assertId(id, 'batch id');
    return `${StateDirs.Batches}${id}.json`;
  },
} as const;

function positive(n: number): number {
  if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`invalid issue/pull request number ${n}`);
  return n;
}
