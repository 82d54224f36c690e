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
  /** Concurrency slots of layout version 3 (records on refs, `slots/<n>`). */
  Slots: 'slots/',
  /** Leases of layout version 2 (files on the branch); still honoured until they are released. */
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
 * Records on their own refs (layout version 3, docs/state.md). A transaction path in one of these
 * directories is not a file on the branch but the one file of its own ref
 * `refs/kiro-state/<state branch>/<path without ".json">`, next to the state branch, so that
 * writers of different records never contend (one ref per record, as git-bug keeps its issues in
 * `refs/bugs/<id>`): a task's record (version 2), a concurrency slot, a queue entry, an issue or
 * pull-request index entry (version 3). In a transaction they still read and write as paths; the
 * store routes them to their refs, and each ref is its own compare-and-swap in one atomic push.
 */
const RecordDirs: ReadonlyArray<{ dir: string; file: string; readWhole?: boolean }> = [
  { dir: 'tasks/', file: 'task.json' },
  // small directories that a slot decision reads whole: listed and read in one fetch
  { dir: 'slots/', file: 'lease.json', readWhole: true },
  { dir: 'queue/', file: 'entry.json', readWhole: true },
  { dir: 'index/', file: 'index.json' },
];

/** A ref name component git accepts (git-check-ref-format): no leading dot, no `.lock` suffix. */
const RefComponent = /^[A-Za-z0-9_@+-][A-Za-z0-9._@+-]*$/;

export const StateRefs = {
  /** The file holding a task record in its ref's tree. */
  TaskFile: 'task.json',
  /** Directories whose records live on refs (each with a trailing slash). */
  RecordDirs: RecordDirs.map((d) => d.dir),
  /** Prefix of every record ref of the state branch `branch`. */
  prefix(branch: string): string {
    return `refs/kiro-state/${branch}/`;
  },
  /** Prefix of every task ref of the state branch `branch`. */
  tasksPrefix(branch: string): string {
    return `${StateRefs.prefix(branch)}${StateDirs.Tasks}`;
  },
  task(branch: string, id: string): string {
    assertId(id, 'task id');
    return `${StateRefs.tasksPrefix(branch)}${id}`;
  },
  /**
   * The record key (`tasks/<id>`, `slots/3`, `index/issues/acme/app/7`, …: the path without
   * `.json`) a transaction path names, or undefined for a path that is a file on the branch.
   */
  keyOf(path: string): string | undefined {
    if (!path.endsWith('.json')) return undefined;
    const dir = RecordDirs.find((d) => path.startsWith(d.dir));
    if (!dir) return undefined;
    const key = path.slice(0, -'.json'.length);
    const rest = key.slice(dir.dir.length).split('/');
    if (dir.dir === StateDirs.Tasks && (rest.length !== 1 || !IdPattern.test(rest[0]!))) return undefined;
    // a name git cannot make a ref of (`.github`, `x.lock`) stays a file on the branch
    return rest.every((c) => RefComponent.test(c) && !c.endsWith('.lock') && !c.includes('..')) ? key : undefined;
  },
  /** The transaction path of a record key. */
  pathOf(key: string): string {
    return `${key}.json`;
  },
  /** The file a record key's ref holds. */
  fileOf(key: string): string {
    return RecordDirs.find((d) => key.startsWith(d.dir))?.file ?? 'record.json';
  },
  /** The ref of a record key. */
  ref(branch: string, key: string): string {
    return `${StateRefs.prefix(branch)}${key}`;
  },
  /** True for a record directory that is read whole (contents and all) when it is listed. */
  readWhole(dir: string): boolean {
    return RecordDirs.some((d) => d.readWhole && dir.startsWith(d.dir));
  },
  /** The record directories a `list(prefix)` covers (the prefix itself when it is inside one). */
  dirsUnder(prefix: string): string[] {
    return RecordDirs.flatMap((d) => (d.dir.startsWith(prefix) ? [d.dir] : prefix.startsWith(d.dir) ? [prefix] : []));
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
  /** A version-2 lease on the branch (read and released, never created, by this version). */
  lease(taskId: string): string {
    assertId(taskId, 'task id');
    return `${StateDirs.Leases}${taskId}.json`;
  },
  /** Concurrency slot `n` (1-based; at most `max-concurrent-tasks`). */
  slot(n: number): string {
    return `${StateDirs.Slots}${positive(n)}.json`;
  },
  /** The number of a slot path, or undefined for any other path. */
  slotNumber(path: string): number | undefined {
    const m = /^slots\/([1-9][0-9]{0,5})\.json$/.exec(path);
    return m ? Number(m[1]) : undefined;
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
