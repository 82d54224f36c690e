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
import { DefaultBot, DefaultStateBranch } from '../constants.js';
import { authEnv, authorizationHeader, repositoryUrl } from '../git/auth.js';
import { readBatch, syncBatchTx, writeBatch } from './batches.js';
import { StateConflictError, StateStoreError } from './errors.js';
import { deleteLearningTx, readLearnings, upsertLearningsTx, type LearningInput, type LearningUpsert } from './learnings.js';
import { StateDirs, StatePaths, StateRefs } from './paths.js';
import { StateSource } from './source.js';
import type { DryRunWrite, OpenStateStoreOptions, RetryOptions, StateStore, StateStoreStats, UpdateOptions, UpdateResult } from './store-api.js';
import { ScratchRepo, type CommitIdentity, type PreparedCommits } from './repo.js';
import type { Batch, BatchInput, Lease, Learning, Task, TaskInput } from './schema.js';
import { acquireSlotTx, enqueueTx, queuePositionOf, readLeases, releaseSlotTx, renewLeaseTx, settleTx, type SlotResult } from './slots.js';
import { readTask, readTaskByIssue, readTaskByPull, readTasks, writeTask, type TaskFilter } from './tasks.js';
import { StoreTx, pushPlan, type TxSource } from './tx.js';
import type { StateReader, StateTx } from './view.js';

export type { DryRunWrite, OpenStateStoreOptions, RetryOptions, StateStore, StateStoreStats, UpdateOptions, UpdateResult } from './store-api.js';
export { StateReadme } from './snapshot.js';

/** How long after a lost race a store paces its next update, ms. */
const ContentionMemoryMs = 10_000;

/**
 * Opens the state store: prepares the scratch repository in `dir` (nothing is fetched yet).
 * See docs/state.md for the layout and guarantees.
 * @throws StateStoreError when the scratch repository cannot be created
 */
export async function openStateStore(opts: OpenStateStoreOptions): Promise<StateStore> {
  const branch = opts.branch || DefaultStateBranch;
  const url = repositoryUrl(opts.serverUrl, opts.repository);
  const repo = await ScratchRepo.open(opts.dir, url, branch, authEnv(opts.serverUrl, opts.token), opts.token ? authorizationHeader(opts.token) : undefined);
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
  private readonly dryOverlay = new Map<string, string | null>();
  private readonly dryWrites: DryRunWrite[] = [];
  private readonly counters: StateStoreStats = { updates: 0, commits: 0, conflicts: 0, transientRetries: 0, maxAttempts: 0 };
  private queue: Promise<unknown> = Promise.resolve();
  /**
   * Moving average of one attempt's duration (fetch → push), ms. Backoff is scaled to it, so
   * contenders spread out over attempt-lengths of this remote (loopback ~0.1 s, github.com ~1 s).
   */
  private attemptMs = 0;
  /** `performance.now()` of the last lost race. */
  private contendedAt = -Infinity;
  /** What transactions read through: the branch and the task refs, fetched and cached (source.ts). */
  private readonly src: StateSource;
  private readonly source: TxSource;

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
    this.src = new StateSource(repo, { dryRun: this.dryRun, label: `${this.repository}@${branch}`, refPrefix: StateRefs.prefix(branch) });
    this.source = this.src.txSource((op) => this.withTransientRetry(op));
  }

  // ---- generic access ------------------------------------------------------------------------

  async snapshot(opts: { maxAgeMs?: number } = {}): Promise<StateReader> {
    // lazy: the branch and each task record are fetched when first read, then kept for the view
    return new StoreTx(this.source, this.dryOverlay, false, undefined, opts.maxAgeMs);
  }

  async read(path: string): Promise<string | undefined> {
    return (await this.snapshot()).read(path);
  }

  async list(prefix?: string): Promise<string[]> {
    return (await this.snapshot()).list(prefix);
  }

  update<T>(description: string, mutate: (tx: StateTx) => T | Promise<T>, opts: UpdateOptions = {}): Promise<UpdateResult<T>> {
    return this.exclusive(async () => {
      if (!opts.ownRecordsOnly && performance.now() - this.contendedAt < ContentionMemoryMs) {
        // This store lost a race moments ago, so others are writing. Without a pause a writer that
        // just won starts its next update at once — on a snapshot it already has, with the
        // shortest window of all — and keeps winning while the others starve (the capture effect).
        await sleep(this.random() * this.attemptMs);
      }
      let conflicts = 0;
      for (let attempt = 1; ; attempt++) {
        const started = performance.now();
        const tx = new StoreTx(this.source, this.dryOverlay, true, new Set(attempt === 1 ? (opts.writes ?? []).map((id) => StateRefs.keyOf(StatePaths.task(id))!) : []));
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
          for (const [id] of unchecked) this.src.taskMemo.delete(id);
          continue;
        }
        // the layout version is checked on the first update (a newer layout must not be written to);
        // a store whose branch still needs its initial files or a migration gets them with this push
        const snap = tx.branchRead || !this.src.versionChecked ? await tx.branch() : undefined;
        const withBranch = plan.branch.size > 0 || (snap !== undefined && snap.overlay.size > 0 && plan.tasks.size > 0);
        if (!withBranch && plan.tasks.size === 0) {
          this.counters.updates++;
          return { value, commit: tx.tip, committed: false, attempts: attempt };
        }
        const branchChanges = withBranch ? new Map([...snap!.overlay, ...plan.branch]) : undefined;
        const { commits, refs, expects, deletes } = pushPlan(this.branch, `state: ${description}`, plan, branchChanges && { parent: snap!.base.tip, changes: branchChanges, base: snap!.base.entries });
        // built once: a retry after a lost reply finds its own commits there (pushed, not a lost race)
        let prepared: PreparedCommits | undefined;
        const outcome = await this.withTransientRetry(async () => {
          prepared ??= await this.repo.prepare(commits, this.identity, this.now() / 1000);
          const { shas } = prepared;
          return { shas, result: await this.repo.pushPrepared(prepared, [...refs.map((ref, i) => ({ ref, commit: shas[i]!, ...(expects[i] !== undefined ? { expect: expects[i] } : {}) })), ...deletes]) };
        });
        this.attemptMs = this.attemptMs === 0 ? performance.now() - started : 0.7 * this.attemptMs + 0.3 * (performance.now() - started);
        if (outcome.result === 'pushed') {
          let i = 0;
          let commit = tx.tip;
          if (branchChanges) {
            commit = outcome.shas[i++]!;
            this.src.remember(commit, snap!, branchChanges);
          }
          for (const [id, w] of plan.tasks) {
            if (w.content === null) this.src.taskMemo.delete(id);
            else {
              const sha = outcome.shas[i++]!;
              this.src.taskMemo.set(id, { tip: sha, content: w.content });
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
        for (const id of plan.tasks.keys()) this.src.taskMemo.delete(id);
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
      { writes: [id], ownRecordsOnly: true },
    );
    return r.value;
  }

  // ---- slots ---------------------------------------------------------------------------------

  async acquireSlot(taskId: string, runId: number, max: number, leaseMs: number): Promise<SlotResult> {
    const r = await this.update(`slot ${taskId}: acquire (run ${runId})`, (tx) =>
      acquireSlotTx(tx, taskId, runId, max, leaseMs, this.now(), this.reservationMs),
    );
    if (r.value.acquired) return r.value;
    const settled = await this.settle(max, { taskId, runId, leaseMs });
    const handedTo = [...r.value.handedTo, ...settled.handedTo];
    return settled.callerHolds ? { acquired: true, handedTo } : { ...r.value, handedTo };
  }

  async startTask(
    id: string,
    issue: { repository: string; number: number } | undefined,
    build: (previous: Task | undefined) => TaskInput,
    run: { entry: Task['runs'][number]; max: number; leaseMs: number },
  ): Promise<{ existing: Task } | { task: Task; slot: SlotResult }> {
    const r = await this.update(`task ${id}: started (run ${run.entry.runId})`, async (tx) => {
      // the record, the issue's index entry, the slots and the queue in one fetch
      await tx.prefetch?.([StatePaths.task(id), ...(issue ? [StatePaths.issueIndex(issue.repository, issue.number)] : [])], [StateDirs.Slots, StateDirs.Queue]);
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
    const v = r.value;
    if ('existing' in v || v.slot.acquired) return v;
    // queued: look again after the write (a slot may have been freed meanwhile by a release that saw no queue)
    const settled = await this.settle(run.max, { taskId: id, runId: run.entry.runId, leaseMs: run.leaseMs }, async (tx) => {
      const t = await readTask(tx, id);
      return t ? writeTask(tx, { ...t, state: 'in_progress', queuePosition: undefined, runs: [...t.runs, run.entry] }, this.nowIso(), t) : undefined;
    });
    const handedTo = [...v.slot.handedTo, ...settled.handedTo];
    return settled.callerHolds && settled.task ? { task: settled.task, slot: { acquired: true, handedTo } } : { task: v.task, slot: { ...v.slot, handedTo } };
  }

  async enqueueTasks(taskIds: readonly string[], max: number): Promise<{ handedTo: string[]; positions: Map<string, number> }> {
    const r = (await this.update(`slots: queue ${taskIds.length} ${taskIds.length === 1 ? 'task' : 'tasks'}`, (tx) => enqueueTx(tx, taskIds, max, this.now(), this.reservationMs))).value;
    if (r.positions.size === 0) return r;
    const settled = await this.settle(max);
    if (settled.handedTo.length === 0) return r;
    const positions = new Map([...r.positions].filter(([id]) => !settled.handedTo.includes(id)).map(([id], i) => [id, i + 1] as const));
    return { handedTo: [...r.handedTo, ...settled.handedTo], positions };
  }

  async renewLease(taskId: string, runId: number, leaseMs: number): Promise<boolean> {
    return (await this.update(`slot ${taskId}: renew (run ${runId})`, (tx) => renewLeaseTx(tx, taskId, runId, leaseMs, this.now()))).value;
  }

  async releaseSlot(taskId: string, max: number): Promise<string[]> {
    const handedTo = (await this.update(`slot ${taskId}: release`, (tx) => releaseSlotTx(tx, taskId, max, this.now(), this.reservationMs))).value;
    return handedTo.length > 0 ? handedTo : (await this.settle(max)).handedTo;
  }

  async endRun(taskId: string, change: (task: Task) => Task | void, max: number, description?: string): Promise<{ task: Task; handedTo: string[] }> {
    const r = await this.update(
      description ?? `task ${taskId}: run ended`,
      async (tx) => {
        // (the record usually comes from memory: then only the slots and the queue are fetched)
        await tx.prefetch?.([StatePaths.task(taskId)], [StateDirs.Slots, StateDirs.Queue]);
        const current = await readTask(tx, taskId);
        if (!current) throw new StateStoreError(`task ${taskId} does not exist in the state store`);
        const copy = structuredClone(current);
        const task = writeTask(tx, change(copy) ?? copy, this.nowIso(), current);
        const handedTo = await releaseSlotTx(tx, taskId, max, this.now(), this.reservationMs);
        return { task, handedTo };
      },
      { writes: [taskId] },
    );
    if (r.value.handedTo.length > 0) return r.value;
    return { task: r.value.task, handedTo: (await this.settle(max)).handedTo };
  }

  /**
   * The look after a release or an enqueue (src/state/slots.ts): hands slots that are free to the
   * oldest queued tasks; nothing is written (no push) when there is nothing to hand on. `onHold`
   * runs in the same compare-and-swap when `caller` is handed a lease.
   */
  private async settle<T>(
    max: number,
    caller?: { taskId: string; runId: number; leaseMs: number },
    onHold?: (tx: StateTx) => Promise<T>,
  ): Promise<{ handedTo: string[]; callerHolds: boolean; task?: T }> {
    const r = await this.update('slots: hand free slots on', async (tx) => {
      const settled = await settleTx(tx, max, this.now(), this.reservationMs, caller);
      return settled.callerHolds && onHold ? { ...settled, task: await onHold(tx) } : settled;
    });
    return r.value;
  }

  async queuePosition(taskId: string): Promise<number | undefined> {
    return queuePositionOf(await this.snapshot(), taskId);
  }

  async listLeases(): Promise<Lease[]> {
    return readLeases(await this.snapshot(), this.now());
  }

  // ---- learnings and batches -----------------------------------------------------------------

  async listLearnings(owner: string, opts: { maxAgeMs?: number } = {}): Promise<Learning[]> {
    return readLearnings(await this.snapshot(opts), owner);
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

  async syncBatch(id: string): Promise<Batch | undefined> {
    return (await this.update(`batch ${id}: synced from its tasks`, (tx) => syncBatchTx(tx, id, this.nowIso()))).value;
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
