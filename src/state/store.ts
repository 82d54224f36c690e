/**
 * The durable state store (docs/state.md): task records, concurrency slots, learnings and batches
 * kept as files on a git branch (`state-branch`, default `kiro/state`, of `state-repository`),
 * read and written with git — never the contents API.
 *
 * Every write is a compare-and-swap: `update` fetches the tip, runs the caller's `mutate` against
 * a transaction over it, commits the collected changes with the tip as parent and pushes without
 * force. A push rejected because the branch moved re-fetches, re-runs `mutate` on the new tip and
 * retries with jittered exponential backoff. Within one process, operations on one store run one
 * at a time.
 */
import * as core from '@actions/core';
import { DefaultBot, DefaultStateBranch, StateVersion } from '../constants.js';
import { authEnv, repositoryUrl } from '../git/auth.js';
import { readBatch, writeBatch } from './batches.js';
import { StateConflictError, StateRecordError, StateStoreError } from './errors.js';
import { deleteLearningTx, readLearnings, upsertLearningsTx, type LearningInput, type LearningUpsert } from './learnings.js';
import { migrateTo } from './migrations.js';
import { StateFiles, StateRefs } from './paths.js';
import { ScratchRepo, blobId, type CommitIdentity } from './repo.js';
import type { Batch, BatchInput, Lease, Learning, Task, TaskInput } from './schema.js';
import { acquireSlotTx, enqueueTx, queuePositionOf, readLeases, releaseSlotTx, renewLeaseTx, type SlotResult } from './slots.js';
import { readTask, readTaskByIssue, readTaskByPull, readTasks, writeTask, type TaskFilter } from './tasks.js';
import { StoreTx, type BranchSnapshot, type TaskDoc, type TxSource } from './tx.js';
import { OverlayTx, parseJsonRecord, type BaseTree, type StateReader, type StateTx } from './view.js';

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

  /** A read-only view of the current tip (one fetch), for several reads that must agree. */
  snapshot(): Promise<StateReader>;
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
  /** 1-based queue position, or undefined when not queued. */
  queuePosition(taskId: string): Promise<number | undefined>;
  /** Live leases. */
  listLeases(): Promise<Lease[]>;

  /** Learnings of `owner` (files under `learnings/<owner>/`), oldest first. */
  listLearnings(owner: string): Promise<Learning[]>;
  /** Stores learnings, merging duplicates (see docs/state.md "Learnings"). */
  upsertLearnings(owner: string, learnings: readonly LearningInput[]): Promise<LearningUpsert[]>;
  /** Deletes one learning; false when it did not exist. */
  deleteLearning(owner: string, id: string): Promise<boolean>;

  getBatch(id: string): Promise<Batch | undefined>;
  putBatch(batch: BatchInput): Promise<Batch>;

  /** Writes a dry run made instead of pushing, in order (empty unless `dryRun`). */
  pendingWrites(): readonly DryRunWrite[];
  stats(): StateStoreStats;
}

/** The branch at one tip; `overlay` holds the files the layout adds on read (initial files, migration). */
type Snapshot = BranchSnapshot;

const Empty: ReadonlyMap<string, string> = new Map();
/** How long after a lost race a store paces its next update, ms. */
const ContentionMemoryMs = 10_000;

/** README.md written when the branch is created. */
export const StateReadme = `# kiro-action state

This branch is the durable state of kiro-action: one JSON file per task, concurrency leases, the
task queue, learnings (one markdown file per learning) and batches. It is written by the action
with ordinary git commits; you can read it, and you may edit or delete a learning under
\`learnings/<owner>/\` with a normal commit — the next task honours it.

Layout (version in \`kiro-state.json\`):

- \`tasks/<id>.json\` — task records
- \`index/issues/<owner>/<repo>/<n>.json\`, \`index/pulls/<owner>/<repo>/<n>.json\` — issue/PR → task
- \`leases/<taskId>.json\` — concurrency slots; \`queue/<enqueuedAt>-<taskId>.json\` — waiting tasks
- \`learnings/<owner>/<id>.md\` — learnings (front matter + text)
- \`batches/<id>.json\` — batches across repositories

See docs/state.md in the kiro-action repository for the full description.
`;

/**
 * Opens the state store: prepares the scratch repository in `dir` (nothing is fetched yet).
 * See docs/state.md for the layout and guarantees.
 * @throws StateStoreError when the scratch repository cannot be created
 */
export async function openStateStore(opts: OpenStateStoreOptions): Promise<StateStore> {
  const branch = opts.branch || DefaultStateBranch;
  const url = repositoryUrl(opts.serverUrl, opts.repository);
  const repo = await ScratchRepo.open(opts.dir, url, branch, authEnv(opts.serverUrl, opts.token));
  return new GitStateStore(repo, opts, branch);
}

class GitStateStore implements StateStore {
  readonly repository: string;
  readonly branch: string;
  readonly dryRun: boolean;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly identity: CommitIdentity;
  private readonly retry: Required<RetryOptions>;
  private readonly reservationMs: number;
  private readonly blobCache = new Map<string, string>();
  private cached: { tip: string | undefined; snapshot: Snapshot } | undefined;
  private readonly dryOverlay = new Map<string, string | null>();
  private readonly dryWrites: DryRunWrite[] = [];
  private readonly counters: StateStoreStats = { updates: 0, commits: 0, conflicts: 0, transientRetries: 0, maxAttempts: 0 };
  private queue: Promise<unknown> = Promise.resolve();
  private warnedUnreadable = false;
  /** The last known record of each task ref this store wrote or read: tip and content. */
  private readonly taskMemo = new Map<string, TaskDoc>();
  /** True once this store read the branch (and so checked its layout version). */
  private versionChecked = false;
  /** Serialises fetches: they share the scratch repository's FETCH_HEAD. */
  private fetching: Promise<unknown> = Promise.resolve();
  private readonly taskPrefix: string;
  /**
   * Moving average of one attempt's duration (fetch → push), ms. Backoff is scaled to it, so
   * contenders spread out over attempt-lengths of this remote (loopback ~0.1 s, github.com ~1 s).
   */
  private attemptMs = 0;
  /** `performance.now()` of the last lost race. */
  private contendedAt = -Infinity;

  constructor(
    private readonly repo: ScratchRepo,
    opts: OpenStateStoreOptions,
    branch: string,
  ) {
    this.repository = opts.repository;
    this.branch = branch;
    this.dryRun = opts.dryRun ?? false;
    this.now = opts.now ?? Date.now;
    this.random = opts.random ?? Math.random;
    this.identity = opts.identity ?? { name: DefaultBot.name, email: DefaultBot.email };
    this.retry = { attempts: 50, baseMs: 50, capMs: 15_000, transientAttempts: 4, ...opts.retry };
    this.reservationMs = opts.slotReservationMs ?? 30 * 60_000;
    this.taskPrefix = StateRefs.tasksPrefix(branch);
  }

  // ---- generic access ------------------------------------------------------------------------

  async snapshot(): Promise<StateReader> {
    // lazy: the branch and each task record are fetched when first read, then kept for the view
    return new StoreTx(this.source, this.dryOverlay, false);
  }

  async read(path: string): Promise<string | undefined> {
    return (await this.snapshot()).read(path);
  }

  async list(prefix?: string): Promise<string[]> {
    return (await this.snapshot()).list(prefix);
  }

  update<T>(description: string, mutate: (tx: StateTx) => T | Promise<T>, opts: UpdateOptions = {}): Promise<UpdateResult<T>> {
    return this.exclusive(async () => {
      if (performance.now() - this.contendedAt < ContentionMemoryMs) {
        // This store lost a race moments ago, so others are writing. Without a pause a writer that
        // just won starts its next update at once — on a snapshot it already has, with the
        // shortest window of all — and keeps winning while the others starve (the capture effect).
        await sleep(this.random() * this.attemptMs);
      }
      let conflicts = 0;
      for (let attempt = 1; ; attempt++) {
        const started = performance.now();
        const tx = new StoreTx(this.source, this.dryOverlay, true, new Set(attempt === 1 ? (opts.writes ?? []) : []));
        const value = await mutate(tx);
        if (this.dryRun) {
          for (const [path, content] of tx.changes) {
            this.dryOverlay.set(path, content);
            this.dryWrites.push({ description, path, content });
          }
          this.counters.updates++;
          return { value, commit: tx.tip, committed: false, attempts: attempt };
        }
        const plan = await tx.plan();
        // a record read from memory that this update does not write was never checked: read it again
        const unchecked = [...tx.readDocs].filter(([id, doc]) => doc.cached && !plan.tasks.has(id));
        if (unchecked.length > 0) {
          for (const [id] of unchecked) this.taskMemo.delete(id);
          continue;
        }
        // the layout version is checked on the first update (a newer layout must not be written to);
        // a store whose branch still needs its initial files or a migration gets them with this push
        const snap = tx.branchRead || !this.versionChecked ? await tx.branch() : undefined;
        const withBranch = plan.branch.size > 0 || (snap !== undefined && snap.overlay.size > 0 && plan.tasks.size > 0);
        if (!withBranch && plan.tasks.size === 0) {
          this.counters.updates++;
          return { value, commit: tx.tip, committed: false, attempts: attempt };
        }
        const message = `state: ${description}`;
        const branchChanges = withBranch ? new Map([...snap!.overlay, ...plan.branch]) : undefined;
        const commits: Array<{ parent: string | undefined; changes: ReadonlyMap<string, string | null>; message: string; replaceTree?: boolean }> = [];
        const refs: string[] = [];
        if (branchChanges) {
          commits.push({ parent: snap!.base.tip, changes: branchChanges, message });
          refs.push(`refs/heads/${this.branch}`);
        }
        const deletes: Array<{ ref: string; delete: string }> = [];
        for (const [id, w] of plan.tasks) {
          if (w.content === null) deletes.push({ ref: StateRefs.task(this.branch, id), delete: w.doc.tip! });
          else {
            commits.push({ parent: w.doc.tip, changes: new Map([[StateRefs.TaskFile, w.content]]), message, replaceTree: true });
            refs.push(StateRefs.task(this.branch, id));
          }
        }
        const outcome = await this.withTransientRetry(async () => {
          const shas = commits.length ? await this.repo.commitMany(commits, this.identity, this.now() / 1000) : [];
          return { shas, result: await this.repo.pushRefs([...refs.map((ref, i) => ({ ref, commit: shas[i]! })), ...deletes]) };
        });
        this.attemptMs = this.attemptMs === 0 ? performance.now() - started : 0.7 * this.attemptMs + 0.3 * (performance.now() - started);
        if (outcome.result === 'pushed') {
          let i = 0;
          let commit = tx.tip;
          if (branchChanges) {
            commit = outcome.shas[i++]!;
            this.remember(commit, snap!, branchChanges);
          }
          for (const [id, w] of plan.tasks) {
            if (w.content === null) this.taskMemo.delete(id);
            else {
              const sha = outcome.shas[i++]!;
              this.taskMemo.set(id, { tip: sha, content: w.content });
              commit ??= sha;
            }
          }
          this.counters.updates++;
          this.counters.commits++;
          this.counters.maxAttempts = Math.max(this.counters.maxAttempts, attempt);
          if (conflicts > 0) core.info(`state store: "${description}" committed after ${conflicts} lost compare-and-swap ${conflicts === 1 ? 'race' : 'races'}`);
          return { value, commit, committed: true, attempts: attempt };
        }
        conflicts++;
        this.counters.conflicts++;
        this.contendedAt = performance.now();
        for (const id of plan.tasks.keys()) this.taskMemo.delete(id);
        core.debug(`state store: "${description}" lost a compare-and-swap race (attempt ${attempt})`);
        if (attempt >= this.retry.attempts) throw new StateConflictError(description, attempt);
        await sleep(this.backoff(attempt));
      }
    });
  }

  // ---- tasks ---------------------------------------------------------------------------------

  async getTask(id: string): Promise<Task | undefined> {
    return readTask(await this.snapshot(), id);
  }

  async findTaskByIssue(repository: string, issue: number): Promise<Task | undefined> {
    return readTaskByIssue(await this.snapshot(), repository, issue);
  }

  async findTaskByPull(repository: string, pull: number): Promise<Task | undefined> {
    return readTaskByPull(await this.snapshot(), repository, pull);
  }

  async listTasks(filter?: TaskFilter): Promise<Task[]> {
    return readTasks(await this.snapshot(), filter, (e) => core.warning(`skipping ${e.message}`));
  }

  async putTask(task: TaskInput): Promise<Task> {
    return (await this.update(`task ${task.id}: ${task.state}`, (tx) => writeTask(tx, task, this.nowIso()))).value;
  }

  async updateTask(id: string, change: (task: Task) => Task | void, description?: string): Promise<Task> {
    const r = await this.update(
      description ?? `task ${id}`,
      async (tx) => {
        const current = await readTask(tx, id);
        if (!current) throw new StateStoreError(`task ${id} does not exist in the state store`);
        const copy = structuredClone(current);
        const next = change(copy) ?? copy;
        return writeTask(tx, next, this.nowIso(), current);
      },
      { writes: [id] },
    );
    return r.value;
  }

  // ---- slots ---------------------------------------------------------------------------------

  async acquireSlot(taskId: string, runId: number, max: number, leaseMs: number): Promise<SlotResult> {
    const r = await this.update(`slot ${taskId}: acquire (run ${runId})`, (tx) =>
      acquireSlotTx(tx, taskId, runId, max, leaseMs, this.now(), this.reservationMs),
    );
    return r.value;
  }

  async startTask(
    id: string,
    issue: { repository: string; number: number } | undefined,
    build: (previous: Task | undefined) => TaskInput,
    run: { entry: Task['runs'][number]; max: number; leaseMs: number },
  ): Promise<{ existing: Task } | { task: Task; slot: SlotResult }> {
    const r = await this.update(`task ${id}: started (run ${run.entry.runId})`, async (tx) => {
      const existing = await readTask(tx, id);
      if (existing) return { existing };
      const previous = issue ? await readTaskByIssue(tx, issue.repository, issue.number) : undefined;
      const record = build(previous);
      const slot = await acquireSlotTx(tx, id, run.entry.runId, run.max, run.leaseMs, this.now(), this.reservationMs);
      const task = writeTask(
        tx,
        slot.acquired ? { ...record, state: 'in_progress', runs: [run.entry] } : { ...record, state: 'queued', queuePosition: slot.position },
        this.nowIso(),
        null,
      );
      return { task, slot };
    });
    return r.value;
  }

  async enqueueTasks(taskIds: readonly string[], max: number): Promise<{ handedTo: string[]; positions: Map<string, number> }> {
    return (await this.update(`slots: queue ${taskIds.length} ${taskIds.length === 1 ? 'task' : 'tasks'}`, (tx) => enqueueTx(tx, taskIds, max, this.now(), this.reservationMs))).value;
  }

  async renewLease(taskId: string, runId: number, leaseMs: number): Promise<boolean> {
    return (await this.update(`slot ${taskId}: renew (run ${runId})`, (tx) => renewLeaseTx(tx, taskId, runId, leaseMs, this.now()))).value;
  }

  async releaseSlot(taskId: string, max: number): Promise<string[]> {
    return (await this.update(`slot ${taskId}: release`, (tx) => releaseSlotTx(tx, taskId, max, this.now(), this.reservationMs))).value;
  }

  async queuePosition(taskId: string): Promise<number | undefined> {
    return queuePositionOf(await this.snapshot(), taskId);
  }

  async listLeases(): Promise<Lease[]> {
    return readLeases(await this.snapshot(), this.now());
  }

  // ---- learnings and batches -----------------------------------------------------------------

  async listLearnings(owner: string): Promise<Learning[]> {
    return readLearnings(await this.snapshot(), owner);
  }

  async upsertLearnings(owner: string, learnings: readonly LearningInput[]): Promise<LearningUpsert[]> {
    if (learnings.length === 0) return [];
    return (await this.update(`learnings ${owner}: ${learnings.length} from feedback`, (tx) => upsertLearningsTx(tx, owner, learnings, this.nowIso()))).value;
  }

  async deleteLearning(owner: string, id: string): Promise<boolean> {
    return (await this.update(`learnings ${owner}: delete ${id}`, (tx) => deleteLearningTx(tx, owner, id))).value;
  }

  async getBatch(id: string): Promise<Batch | undefined> {
    return readBatch(await this.snapshot(), id);
  }

  async putBatch(batch: BatchInput): Promise<Batch> {
    return (await this.update(`batch ${batch.id}`, (tx) => writeBatch(tx, batch, this.nowIso()))).value;
  }

  pendingWrites(): readonly DryRunWrite[] {
    return [...this.dryWrites];
  }

  stats(): StateStoreStats {
    return { ...this.counters };
  }

  // ---- internals -----------------------------------------------------------------------------

  private nowIso(): string {
    return new Date(this.now()).toISOString();
  }

  private readonly loader = async (oids: readonly string[]): Promise<Map<string, string>> => {
    const missing = oids.filter((o) => !this.blobCache.has(o));
    if (missing.length > 0) {
      const loaded = await this.repo.blobs(missing);
      if (this.blobCache.size > 20_000) this.blobCache.clear();
      for (const [oid, content] of loaded) this.blobCache.set(oid, content);
    }
    const out = new Map<string, string>();
    for (const o of oids) {
      const c = this.blobCache.get(o);
      if (c !== undefined) out.set(o, c);
    }
    return out;
  };

  /** What transactions read through. */
  private readonly source: TxSource = {
    branch: () => this.withTransientRetry(() => this.fetchSnapshot()),
    tasks: (ids, cachedOk) => this.fetchTasks(ids, cachedOk),
    taskIds: async () => [...(await this.readable(() => this.withTransientRetry(() => this.repo.listTaskRefs(this.taskPrefix)), new Map<string, string>())).keys()],
    load: (oids) => this.loader(oids),
  };

  /** `op`, or in a dry run without access to the state repository, `empty` (with one warning). */
  private async readable<T>(op: () => Promise<T>, empty: T): Promise<T> {
    try {
      return await op();
    } catch (e) {
      if (!this.dryRun || !(e instanceof StateStoreError)) throw e;
      // A local dry run (act) may have no access to the state repository: read an empty store.
      if (!this.warnedUnreadable) core.warning(`dry run: reading an empty state store (${e.message})`);
      this.warnedUnreadable = true;
      return empty;
    }
  }

  /** Runs one fetch at a time (they share FETCH_HEAD); reads of a view may overlap an update. */
  private serialFetch<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.fetching.then(fn, fn);
    this.fetching = run.catch(() => undefined);
    return run;
  }

  /**
   * Task records by id: from memory for `cachedOk` ids this store knows, else one fetch of their
   * refs and one `cat-file` of the records whose tip changed.
   */
  private async fetchTasks(ids: readonly string[], cachedOk: ReadonlySet<string>): Promise<Map<string, TaskDoc>> {
    const out = new Map<string, TaskDoc>();
    const toFetch: string[] = [];
    for (const id of ids) {
      const memo = this.taskMemo.get(id);
      if (memo && cachedOk.has(id)) out.set(id, { ...memo, cached: true });
      else toFetch.push(id);
    }
    if (toFetch.length === 0) return out;
    const tips = await this.readable(() => this.withTransientRetry(() => this.serialFetch(() => this.repo.fetchTaskRefs(this.taskPrefix, toFetch))), new Map<string, string>());
    const stale = toFetch.filter((id) => tips.has(id) && this.taskMemo.get(id)?.tip !== tips.get(id));
    const loaded = await this.repo.catBatch(stale.map((id) => `${tips.get(id)}:${StateRefs.TaskFile}`));
    stale.forEach((id, i) => this.taskMemo.set(id, { tip: tips.get(id), content: loaded[i]?.content }));
    for (const id of toFetch) {
      const tip = tips.get(id);
      if (tip === undefined) {
        this.taskMemo.delete(id);
        out.set(id, { tip: undefined, content: undefined });
      } else out.set(id, { ...this.taskMemo.get(id)! });
    }
    return out;
  }

  /** Fetches the tip and builds (or reuses) its snapshot: tree, version check, migration. */
  private async fetchSnapshot(): Promise<Snapshot> {
    const tip = await this.readable(() => this.serialFetch(() => this.repo.fetchTip()), undefined);
    if (this.cached && this.cached.tip === tip) return this.cached.snapshot;
    const snapshot = await this.buildSnapshot(tip);
    this.cached = { tip, snapshot };
    this.versionChecked = true;
    return snapshot;
  }

  private async buildSnapshot(tip: string | undefined): Promise<Snapshot> {
    const entries = tip ? await this.repo.tree(tip) : Empty;
    const base: BaseTree = { tip, entries };
    const metaOid = entries.get(StateFiles.Meta);
    if (metaOid === undefined && entries.size === 0) {
      return {
        base,
        overlay: new Map<string, string | null>([
          [StateFiles.Meta, `${JSON.stringify({ version: StateVersion }, null, 2)}\n`],
          [StateFiles.Readme, StateReadme],
        ]),
      };
    }
    let version = 0;
    if (metaOid !== undefined) {
      const text = (await this.loader([metaOid])).get(metaOid) ?? '';
      const meta = parseJsonRecord(StateFiles.Meta, text);
      const v = (meta as { version?: unknown } | null)?.version;
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new StateRecordError(StateFiles.Meta, '"version" must be a non-negative integer');
      version = v;
    }
    if (version === StateVersion) return { base, overlay: new Map() };
    const tx = new OverlayTx(base, new Map(), this.loader);
    await migrateTo(tx, version, `${this.repository}@${this.branch}`);
    return { base, overlay: new Map(tx.changes) };
  }

  /**
   * Caches the snapshot of a commit we just pushed (its tree is the parent's plus `changes`), so
   * the next operation skips `ls-tree` and `cat-file` when nobody else wrote in between. Only for
   * SHA-1 repositories, where `blobId` matches git's object ids.
   */
  private remember(commit: string, parent: Snapshot, changes: ReadonlyMap<string, string | null>): void {
    if (commit.length !== 40) {
      this.cached = undefined;
      return;
    }
    const entries = new Map(parent.base.entries);
    for (const [path, content] of changes) {
      if (content === null) entries.delete(path);
      else {
        const oid = blobId(content);
        entries.set(path, oid);
        this.blobCache.set(oid, content);
      }
    }
    this.cached = { tip: commit, snapshot: { base: { tip: commit, entries }, overlay: new Map() } };
  }

  /** Runs `op`, retrying failures that are not conflicts (network, 5xx) a few times. */
  private async withTransientRetry<T>(op: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await op();
      } catch (e) {
        if (!(e instanceof StateStoreError) || !e.transient || attempt > this.retry.transientAttempts) throw e;
        this.counters.transientRetries++;
        core.debug(`state store: retrying after ${(e as Error).message}`);
        await sleep(this.backoff(attempt + 2));
      }
    }
  }

  /** Full jitter: uniform in [0, min(cap, max(base, attempt duration)·2^min(n-1, 6))]. */
  private backoff(n: number): number {
    const unit = Math.max(this.retry.baseMs, Math.min(this.attemptMs, this.retry.capMs));
    // Binary exponential backoff up to 64 attempt-lengths: many writers starting at once spread over
    // a window that grows with their number (capped at 8×, 50 simultaneous task starts lost 1.9
    // races per update; with 64×, 0.6). A loser is not starved by fresh writers because a store that
    // lost a race recently pauses before its next update too (see the start of `update`).
    const ceiling = Math.min(this.retry.capMs, unit * 2 ** Math.min(n - 1, 6));
    return Math.floor(this.random() * ceiling);
  }

  /** Serialises operations on this store: they share one scratch repository. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
