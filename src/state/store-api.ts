/**
 * The state store's port (docs/state.md): what the orchestrator reads and writes through, and how
 * a store is opened. Implemented by `GitStateStore` (store.ts) over a git branch and per-task refs.
 */
import type { LearningInput, LearningUpsert } from './learnings.js';
import type { Batch, BatchInput, Lease, Learning, Task, TaskInput } from './schema.js';
import type { CommitIdentity } from './repo.js';
import type { SlotResult } from './slots.js';
import type { TaskFilter } from './tasks.js';
import type { StateReader, StateTx } from './view.js';

export interface RetryOptions {
  /** Compare-and-swap attempts before `StateConflictError` (default 50). */
  attempts?: number;
  /** Smallest backoff ceiling, ms (default 50); the ceiling is scaled to the measured attempt duration and doubles per conflict, up to 64× (binary exponential backoff). */
  baseMs?: number;
  /** Largest backoff ceiling, ms (default 15 000). */
  capMs?: number;
  /** Retries of a failed fetch or push that was not a conflict (network, 5xx) (default 4). */
  transientAttempts?: number;
}

export interface OpenStateStoreOptions {
  /** `GITHUB_SERVER_URL`, e.g. `https://github.com` (a `file://` directory in unit tests). */
  serverUrl: string;
  /** `owner/repo` holding the state branch (`state-repository`, default the current repository). */
  repository: string;
  /** `state-branch`; default `kiro/state`. */
  branch?: string;
  /** Token for git over HTTP (sent as the `x-access-token` basic credential, env only). */
  token: string;
  /** Private scratch directory for the store's bare repository (under RUNNER_TEMP, not the workspace). */
  dir: string;
  /** Reads work; writes only go to an in-memory overlay, listed by `pendingWrites()`. */
  dryRun?: boolean;
  /** Clock, epoch ms (tests). */
  now?: () => number;
  /** Author and committer of state commits; default the bot identity. */
  identity?: CommitIdentity;
  retry?: RetryOptions;
  /** How long a slot handed to a queued task stays reserved for its continuation run, ms (default 30 min). */
  slotReservationMs?: number;
  /** Random source for backoff jitter, [0, 1) (tests). */
  random?: () => number;
}

/** What `update` returns. */
export interface UpdateResult<T> {
  /** What `mutate` returned (on the attempt that was committed). */
  value: T;
  /** Tip of the branch after the update (the new commit, or the unchanged tip for a no-op). */
  commit: string | undefined;
  /** False when `mutate` changed nothing (no commit was made), or in a dry run. */
  committed: boolean;
  /** Compare-and-swap attempts used (1 = no conflict). */
  attempts: number;
}

/** Options of one `update`. */
export interface UpdateOptions {
  /**
   * Task records this update will write, which its first attempt may read from the store's memory
   * of its own last write instead of fetching them: the push's compare-and-swap on their refs
   * proves the memory was current (a lost race re-reads them). A task's own run is nearly always
   * the only writer of its record, so its progress writes cost one commit and one push.
   */
  writes?: readonly string[];
  /**
   * True when the update writes only records of the `writes` tasks (their records and index
   * entries), which their own runs alone write: it races nobody, so it is not paced after this
   * store lost a race elsewhere (the pause that keeps writers of shared records from starving).
   */
  ownRecordsOnly?: boolean;
}

/** One write a dry run would have made: content, or null for a delete. */
export interface DryRunWrite {
  description: string;
  path: string;
  content: string | null;
}

/** Counters since the store was opened (the benchmark reads them). */
export interface StateStoreStats {
  /** `update` calls that finished. */
  updates: number;
  /** Commits pushed. */
  commits: number;
  /** Pushes rejected because the branch moved (each cost one retry). */
  conflicts: number;
  /** Fetches/pushes retried after a non-conflict failure. */
  transientRetries: number;
  /** Most compare-and-swap attempts one update needed. */
  maxAttempts: number;
}

/** The state store; see docs/state.md. All methods are async and safe to call concurrently. */
export interface StateStore {
  readonly repository: string;
  readonly branch: string;
  readonly dryRun: boolean;

  /**
   * A read-only view of the current tip (one fetch), for several reads that must agree.
   * @param opts.maxAgeMs the tip this store fetched or pushed up to this long ago will do (no fetch)
   */
  snapshot(opts?: { maxAgeMs?: number }): Promise<StateReader>;
  /** Content of one file at the current tip, or undefined. */
  read(path: string): Promise<string | undefined>;
  /** Files under `prefix` at the current tip, sorted. */
  list(prefix?: string): Promise<string[]>;
  /**
   * Compare-and-swap update. `mutate` may run several times (once per attempt) against fresh
   * snapshots, so it must be a pure function of the transaction: no side effects outside `tx`,
   * no state carried between attempts. Throwing from `mutate` aborts with nothing written.
   * @param description commit message suffix: `state: <description>`
   * @throws StateConflictError after `retry.attempts` lost races; StateStoreError on git failures;
   *   StateVersionError when the branch has a newer layout
   */
  update<T>(description: string, mutate: (tx: StateTx) => T | Promise<T>, opts?: UpdateOptions): Promise<UpdateResult<T>>;

  getTask(id: string): Promise<Task | undefined>;
  /** The task the issue index names for `repository#issue` (its newest task). */
  findTaskByIssue(repository: string, issue: number): Promise<Task | undefined>;
  /** The task whose pull request is `repository#pull`. */
  findTaskByPull(repository: string, pull: number): Promise<Task | undefined>;
  /** Tasks matching `filter`, oldest first; invalid records are skipped with a warning. */
  listTasks(filter?: TaskFilter): Promise<Task[]>;
  /** Writes a whole task record (and its indexes); `updatedAt` is set to now. */
  putTask(task: TaskInput): Promise<Task>;
  /**
   * Read-modify-write of one task in a single compare-and-swap. `change` gets a copy of the
   * current record and returns the new one (or mutates it and returns nothing); it may run more
   * than once, like `update`'s `mutate`.
   * @throws StateStoreError when the task does not exist
   */
  updateTask(id: string, change: (task: Task) => Task | void, description?: string): Promise<Task>;

  /**
   * Takes one of `max` slots for `taskId` (lease of `leaseMs`) or queues it. `handedTo` lists queued
   * tasks that were given a freed slot (expired leases) — start their continuation runs.
   */
  acquireSlot(taskId: string, runId: number, max: number, leaseMs: number): Promise<SlotResult>;
  /**
   * Starts a new task in one compare-and-swap (the acknowledgement's critical path, issue #12):
   * when no task `id` exists yet, writes the record `build` returns (given the previous task of
   * `issue`, if any), takes a slot for `run` (or queues the task) and records the run — state
   * `in_progress` with the run entry, or `queued` with its position.
   * @returns `existing` when the task is already recorded (a re-run of the same event): nothing is written
   */
  startTask(
    id: string,
    issue: { repository: string; number: number } | undefined,
    build: (previous: Task | undefined) => TaskInput,
    run: { entry: Task['runs'][number]; max: number; leaseMs: number },
  ): Promise<{ existing: Task } | { task: Task; slot: SlotResult }>;
  /**
   * Queues tasks in order and hands free slots to the oldest queued, as reservations (`enqueueTx`).
   * @returns ids handed a slot — the caller starts their continuation runs — and the others' positions
   */
  enqueueTasks(taskIds: readonly string[], max: number): Promise<{ handedTo: string[]; positions: Map<string, number> }>;
  /** Extends the lease; false when the task no longer holds a slot. */
  renewLease(taskId: string, runId: number, leaseMs: number): Promise<boolean>;
  /**
   * Frees `taskId`'s slot (or queue entry) and reserves free slots for the oldest queued tasks.
   * @returns ids of the tasks given a slot, oldest first — the caller starts their continuation runs
   */
  releaseSlot(taskId: string, max: number): Promise<string[]>;
  /**
   * A run's end in one compare-and-swap: `change` applied to the task's record (as `updateTask`)
   * and its slot released (as `releaseSlot`), pushed together (`--atomic`) — both or neither, one
   * fetch and one push instead of two of each.
   * @returns the record written and the ids of the tasks handed a slot (their runs are the caller's to start)
   * @throws StateStoreError when the task does not exist
   */
  endRun(taskId: string, change: (task: Task) => Task | void, max: number, description?: string): Promise<{ task: Task; handedTo: string[] }>;
  /** 1-based queue position, or undefined when not queued. */
  queuePosition(taskId: string): Promise<number | undefined>;
  /** Live leases. */
  listLeases(): Promise<Lease[]>;

  /**
   * Learnings of `owner` (files under `learnings/<owner>/`), oldest first.
   * @param opts.maxAgeMs as for `snapshot`: a run that just wrote its record reads them from that tip
   */
  listLearnings(owner: string, opts?: { maxAgeMs?: number }): Promise<Learning[]>;
  /** Stores learnings, merging duplicates (see docs/state.md "Learnings"). */
  upsertLearnings(owner: string, learnings: readonly LearningInput[]): Promise<LearningUpsert[]>;
  /** Deletes one learning; false when it did not exist. */
  deleteLearning(owner: string, id: string): Promise<boolean>;

  getBatch(id: string): Promise<Batch | undefined>;
  putBatch(batch: BatchInput): Promise<Batch>;
  /**
   * Updates a batch's items from its tasks' records in one compare-and-swap (`syncBatchTx`): safe
   * when several children end at once. Writes nothing when nothing changed.
   * @returns the batch as it now is, or undefined when it does not exist
   */
  syncBatch(id: string): Promise<Batch | undefined>;

  /** Writes a dry run made instead of pushing, in order (empty unless `dryRun`). */
  pendingWrites(): readonly DryRunWrite[];
  stats(): StateStoreStats;
}
