/**
 * A transaction over the whole state store (layout version 2, docs/state.md): the shared state
 * branch plus one ref per task record. Callers keep addressing task records as `tasks/<id>.json`;
 * this view routes that path to the task's ref (or, for a record not moved yet, to the version-1
 * file on the branch) and everything else to the branch. Both are loaded lazily, so an update that
 * only touches one task never fetches the shared branch — the point of the layout: writers of
 * different tasks do not contend.
 *
 * Nothing here runs git; the store passes a `TxSource` that fetches.
 */
import type { z } from 'zod';
import { StateDirs, StateRefs, assertWritablePath } from './paths.js';
import { blobId } from './repo.js';
import { OverlayTx, parseJsonRecord, type BaseTree, type Overlay, type StateTx } from './view.js';

/** One task record as its ref holds it. */
export interface TaskDoc {
  /** Tip of the task's ref; undefined when the ref does not exist. */
  tip: string | undefined;
  /** `task.json` at the tip; undefined when the ref does not exist. */
  content: string | undefined;
  /** True when this came from the store's memory of its own last write, not from a fetch. */
  cached?: boolean;
}

/** One version of the state branch: its tree plus the files the layout adds on read (migration). */
export interface BranchSnapshot {
  base: BaseTree;
  overlay: Overlay;
}

/** What a transaction reads through (the store). */
export interface TxSource {
  /**
   * The branch at its current tip, or — with `maxAgeMs` — the snapshot this store fetched or
   * pushed at most that long ago (read-only views that may be a moment old; no round trip).
   */
  branch(maxAgeMs?: number): Promise<BranchSnapshot>;
  /** Task records by id (one fetch for all); `cachedOk` ids may come from the store's memory. */
  tasks(ids: readonly string[], cachedOk: ReadonlySet<string>): Promise<Map<string, TaskDoc>>;
  /** `branch()` and `tasks(ids)` with one fetch (one round trip instead of two). */
  branchAndTasks(ids: readonly string[], cachedOk: ReadonlySet<string>): Promise<{ snapshot: BranchSnapshot; tasks: Map<string, TaskDoc> }>;
  /** Ids of every task that has a ref. */
  taskIds(): Promise<string[]>;
  /** Blob contents by object id. */
  load(oids: readonly string[]): Promise<Map<string, string>>;
}

/** What `StoreTx.plan` hands the store to commit. */
export interface CommitPlan {
  /** Changes to the branch's files (null deletes), including moved version-1 task files. */
  branch: Map<string, string | null>;
  /** New content of task records (null deletes the ref), with the doc each replaces. */
  tasks: Map<string, { content: string | null; doc: TaskDoc }>;
}

export class StoreTx implements StateTx {
  private readonly own = new Map<string, string | null>();
  private snap: Promise<BranchSnapshot> | undefined;
  private branchView: OverlayTx | undefined;
  private readonly docs = new Map<string, TaskDoc>();

  /**
   * @param dry changes of a dry run's earlier updates (paths), layered under this transaction's own
   * @param cachedOk task ids whose record may be served from the store's memory (it will be written,
   *   so the push's compare-and-swap checks it)
   * @param branchMaxAgeMs a read-only view may take the branch as this store last saw it, up to
   *   this old (`TxSource.branch`)
   */
  constructor(
    private readonly src: TxSource,
    private readonly dry: Overlay = new Map(),
    private readonly writable = true,
    private readonly cachedOk: ReadonlySet<string> = new Set(),
    private readonly branchMaxAgeMs?: number,
  ) {}

  get tip(): string | undefined {
    return this.branchView?.tip;
  }

  get changes(): ReadonlyMap<string, string | null> {
    return this.own;
  }

  /** The branch snapshot, fetched on first use. */
  branch(): Promise<BranchSnapshot> {
    this.snap ??= this.src.branch(this.writable ? undefined : this.branchMaxAgeMs).then((s) => {
      this.branchView = new OverlayTx(s.base, s.overlay, (o) => this.src.load(o), false);
      return s;
    });
    return this.snap;
  }

  /**
   * Reads the branch and the records of `ids` together (one fetch), for a transaction that will
   * read both (a task's start, a run's end); later reads of them come from this transaction.
   */
  async prefetch(ids: readonly string[]): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => !this.docs.has(id));
    if (this.snap || missing.length === 0) return;
    const both = this.src.branchAndTasks(missing, this.cachedOk);
    this.snap = both.then(({ snapshot }) => {
      this.branchView = new OverlayTx(snapshot.base, snapshot.overlay, (o) => this.src.load(o), false);
      return snapshot;
    });
    for (const [id, doc] of (await both).tasks) this.docs.set(id, doc);
    await this.snap;
  }

  /** True once the branch was read in this transaction. */
  get branchRead(): boolean {
    return this.snap !== undefined;
  }

  /** Task records read in this transaction (id → doc). */
  get readDocs(): ReadonlyMap<string, TaskDoc> {
    return this.docs;
  }

  async read(path: string): Promise<string | undefined> {
    return (await this.readMany([path])).get(path);
  }

  async readMany(paths: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const taskIds: string[] = [];
    const branchPaths: string[] = [];
    for (const p of paths) {
      const layered = this.layered(p);
      if (layered === null) continue;
      if (layered !== undefined) out.set(p, layered);
      else if (StateRefs.taskIdOf(p) !== undefined) taskIds.push(StateRefs.taskIdOf(p)!);
      else branchPaths.push(p);
    }
    const docs = await this.loadDocs(taskIds);
    for (const id of taskIds) {
      const doc = docs.get(id);
      if (doc?.content !== undefined) out.set(`${StateDirs.Tasks}${id}.json`, doc.content);
      // no ref: a version-1 record may still be a file on the branch
      else if (doc?.tip === undefined) branchPaths.push(`${StateDirs.Tasks}${id}.json`);
    }
    if (branchPaths.length > 0) {
      await this.branch();
      for (const [p, c] of await this.branchView!.readMany(branchPaths)) out.set(p, c);
    }
    return out;
  }

  async list(prefix = ''): Promise<string[]> {
    await this.branch();
    const all = new Set(await this.branchView!.list(prefix));
    if (StateDirs.Tasks.startsWith(prefix) || prefix.startsWith(StateDirs.Tasks)) {
      for (const id of await this.src.taskIds()) {
        const p = `${StateDirs.Tasks}${id}.json`;
        if (p.startsWith(prefix)) all.add(p);
      }
    }
    for (const layer of [this.dry, this.own]) {
      for (const [p, c] of layer) {
        if (!p.startsWith(prefix)) continue;
        if (c === null) all.delete(p);
        else all.add(p);
      }
    }
    return [...all].sort();
  }

  async exists(path: string): Promise<boolean> {
    return (await this.read(path)) !== undefined;
  }

  async readJson<S extends z.ZodType = z.ZodType<unknown>>(path: string, schema?: S): Promise<z.output<S> | undefined> {
    const text = await this.read(path);
    if (text === undefined) return undefined;
    return parseJsonRecord(path, text, schema);
  }

  write(path: string, content: string): void {
    this.assertWritable();
    assertWritablePath(path);
    this.own.set(path, content);
  }

  writeJson(path: string, value: unknown): void {
    this.write(path, `${JSON.stringify(value, null, 2)}\n`);
  }

  delete(path: string): void {
    this.assertWritable();
    this.own.set(path, null);
  }

  /**
   * Splits this transaction's changes into branch and task-ref writes, dropping writes that change
   * nothing. Loads what it needs to compare (the records it writes; the branch when a branch file
   * changes). A version-1 record that is written moves: the branch file is deleted in the same
   * push.
   */
  async plan(): Promise<CommitPlan> {
    const branch = new Map<string, string | null>();
    const tasks = new Map<string, { content: string | null; doc: TaskDoc }>();
    const taskWrites = [...this.own].filter(([p]) => StateRefs.taskIdOf(p) !== undefined);
    const docs = await this.loadDocs(taskWrites.map(([p]) => StateRefs.taskIdOf(p)!));
    for (const [p, content] of taskWrites) {
      const id = StateRefs.taskIdOf(p)!;
      const doc = docs.get(id) ?? { tip: undefined, content: undefined };
      if (doc.tip === undefined) {
        // not moved yet: a version-1 file on the branch (if any) goes away with this write
        await this.branch();
        if (await this.branchView!.exists(p)) branch.set(p, null);
        if (content === null) continue;
      } else if (doc.content === content) continue;
      tasks.set(id, { content, doc });
    }
    const branchWrites = [...this.own].filter(([p]) => StateRefs.taskIdOf(p) === undefined);
    if (branchWrites.length > 0) {
      const s = await this.branch();
      for (const [p, content] of branchWrites) if (!isNoOp(s, p, content)) branch.set(p, content);
    }
    return { branch, tasks };
  }

  private async loadDocs(ids: readonly string[]): Promise<Map<string, TaskDoc>> {
    const missing = [...new Set(ids)].filter((id) => !this.docs.has(id));
    if (missing.length > 0) for (const [id, doc] of await this.src.tasks(missing, this.cachedOk)) this.docs.set(id, doc);
    return new Map(ids.map((id) => [id, this.docs.get(id) ?? { tip: undefined, content: undefined }]));
  }

  /** Content from a layer (string), deleted in a layer (null), or not in any layer (undefined). */
  private layered(path: string): string | null | undefined {
    if (this.own.has(path)) return this.own.get(path) ?? null;
    if (this.dry.has(path)) return this.dry.get(path) ?? null;
    return undefined;
  }

  private assertWritable(): void {
    if (!this.writable) throw new Error('this state view is read-only: write inside StateStore.update()');
  }
}

/** True when writing `content` (null: deleting) at `path` would not change the branch snapshot. */
export function isNoOp(snap: BranchSnapshot, path: string, content: string | null): boolean {
  if (snap.overlay.has(path)) return snap.overlay.get(path) === content;
  const oid = snap.base.entries.get(path);
  if (content === null) return oid === undefined;
  return oid !== undefined && oid === blobId(content);
}
