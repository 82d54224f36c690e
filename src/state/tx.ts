/**
 * A transaction over the whole state store (layout version 3, docs/state.md): the shared state
 * branch plus one ref per record — task records, concurrency slots, queue entries, index entries
 * (`StateRefs.keyOf`). Callers keep addressing records as paths (`tasks/<id>.json`,
 * `slots/3.json`); this view routes such a path to its ref (or, for a record not moved yet, to the
 * older layout's file on the branch) and everything else to the branch. Both are loaded lazily, so
 * an update that only touches its own records never fetches the shared branch — the point of the
 * layout: writers of different records do not contend.
 *
 * Nothing here runs git; the store passes a `TxSource` that fetches.
 */
import type { z } from 'zod';
import { StateDirs, StateRefs, assertWritablePath } from './paths.js';
import { blobId, type CommitSpec } from './repo.js';
import { OverlayTx, parseJsonRecord, type BaseTree, type Overlay, type StateTx } from './view.js';

/** One record as its ref holds it. */
export interface TaskDoc {
  /** Tip of the record's ref; undefined when the ref does not exist. */
  tip: string | undefined;
  /** The record's file at the tip (`StateRefs.fileOf`); undefined when the ref does not exist. */
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
  /**
   * Records by key plus every record under `dirs` (one fetch for all); `cachedOk` keys may come
   * from the store's memory. Keys without a ref map to `{ tip: undefined }`.
   */
  records(keys: readonly string[], dirs: readonly string[], cachedOk: ReadonlySet<string>): Promise<Map<string, TaskDoc>>;
  /** `branch()` and `records(keys, dirs)` with one fetch (one round trip instead of two). */
  branchAndRecords(keys: readonly string[], dirs: readonly string[], cachedOk: ReadonlySet<string>): Promise<{ snapshot: BranchSnapshot; records: Map<string, TaskDoc> }>;
  /** Keys of every record under `dir` (no contents: one ref listing). */
  recordKeys(dir: string): Promise<string[]>;
  /** Blob contents by object id. */
  load(oids: readonly string[]): Promise<Map<string, string>>;
}

/** What `StoreTx.plan` hands the store to commit. */
export interface CommitPlan {
  /** Changes to the branch's files (null deletes), including moved version-1 task files. */
  branch: Map<string, string | null>;
  /** New content of records by key (null deletes the ref), with the doc each replaces. */
  tasks: Map<string, { content: string | null; doc: TaskDoc }>;
}

export class StoreTx implements StateTx {
  private readonly own = new Map<string, string | null>();
  private snap: Promise<BranchSnapshot> | undefined;
  private branchView: OverlayTx | undefined;
  private readonly docs = new Map<string, TaskDoc>();
  /** Record directories read whole in this transaction (a key of theirs missing from `docs` has no ref). */
  private readonly wholeDirs = new Set<string>();

  /**
   * @param dry changes of a dry run's earlier updates (paths), layered under this transaction's own
   * @param cachedOk record keys whose record may be served from the store's memory (it will be
   *   written, so the push's compare-and-swap checks it)
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
   * Reads the branch, the records at `paths` and every record under `dirs` together (one fetch),
   * for a transaction that will read them all (a task's start, a run's end); later reads of them
   * come from this transaction.
   */
  async prefetch(paths: readonly string[], dirs: readonly string[] = []): Promise<void> {
    const keys = [...new Set(paths.map((p) => StateRefs.keyOf(p)).filter((k): k is string => k !== undefined))].filter((k) => !this.docs.has(k));
    const newDirs = dirs.filter((d) => !this.wholeDirs.has(d));
    if (this.snap) {
      if (keys.length || newDirs.length) await this.loadDocs(keys, newDirs);
      return;
    }
    const both = this.src.branchAndRecords(keys, newDirs, this.cachedOk);
    this.snap = both.then(({ snapshot }) => {
      this.branchView = new OverlayTx(snapshot.base, snapshot.overlay, (o) => this.src.load(o), false);
      return snapshot;
    });
    this.absorb(keys, newDirs, (await both).records);
    await this.snap;
  }

  /** True once the branch was read in this transaction. */
  get branchRead(): boolean {
    return this.snap !== undefined;
  }

  /** Records read in this transaction (key → doc). */
  get readDocs(): ReadonlyMap<string, TaskDoc> {
    return this.docs;
  }

  async read(path: string): Promise<string | undefined> {
    return (await this.readMany([path])).get(path);
  }

  async readMany(paths: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const keys: string[] = [];
    const branchPaths: string[] = [];
    for (const p of paths) {
      const layered = this.layered(p);
      if (layered === null) continue;
      if (layered !== undefined) out.set(p, layered);
      else if (StateRefs.keyOf(p) !== undefined) keys.push(StateRefs.keyOf(p)!);
      else branchPaths.push(p);
    }
    const docs = await this.loadDocs(keys);
    for (const key of keys) {
      const doc = docs.get(key);
      if (doc?.content !== undefined) out.set(StateRefs.pathOf(key), doc.content);
      // no ref: a record of an older layout may still be a file on the branch
      else if (doc?.tip === undefined) branchPaths.push(StateRefs.pathOf(key));
    }
    if (branchPaths.length > 0) {
      await this.branch();
      for (const [p, c] of await this.branchView!.readMany(branchPaths)) out.set(p, c);
    }
    return out;
  }

  /**
   * Paths under `prefix`: the branch's files, and the records on refs (the slot and queue
   * directories are read whole, contents and all, in one fetch; others are listed by name).
   */
  async list(prefix = ''): Promise<string[]> {
    await this.branch();
    const all = new Set(await this.branchView!.list(prefix));
    for (const dir of StateRefs.dirsUnder(prefix)) {
      const keys = StateRefs.readWhole(dir) ? [...(await this.loadDocs([], [dir])).keys()] : await this.src.recordKeys(dir);
      for (const key of keys) {
        const p = StateRefs.pathOf(key);
        if (p.startsWith(prefix) && StateRefs.keyOf(p) === key) all.add(p);
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
    const recordWrites = [...this.own].filter(([p]) => StateRefs.keyOf(p) !== undefined);
    const docs = await this.loadDocs(recordWrites.map(([p]) => StateRefs.keyOf(p)!));
    for (const [p, content] of recordWrites) {
      const key = StateRefs.keyOf(p)!;
      const doc = docs.get(key) ?? { tip: undefined, content: undefined };
      if (doc.tip === undefined) {
        // not moved yet: an older layout's file on the branch (if any) goes away with this write
        await this.branch();
        if (await this.branchView!.exists(p)) branch.set(p, null);
        if (content === null) continue;
      } else if (doc.content === content) continue;
      tasks.set(key, { content, doc });
    }
    const branchWrites = [...this.own].filter(([p]) => StateRefs.keyOf(p) === undefined);
    if (branchWrites.length > 0) {
      const s = await this.branch();
      for (const [p, content] of branchWrites) if (!isNoOp(s, p, content)) branch.set(p, content);
    }
    return { branch, tasks };
  }

  /**
   * Records of `keys` (and, with `dirs`, every record under them) — from this transaction when it
   * read them already, else one fetch.
   */
  private async loadDocs(keys: readonly string[], dirs: readonly string[] = []): Promise<Map<string, TaskDoc>> {
    const newDirs = dirs.filter((d) => !this.wholeDirs.has(d));
    const missing = [...new Set(keys)].filter((k) => !this.docs.has(k) && ![...this.wholeDirs].some((d) => k.startsWith(d)));
    if (missing.length > 0 || newDirs.length > 0) this.absorb(missing, newDirs, await this.src.records(missing, newDirs, this.cachedOk));
    const out = new Map<string, TaskDoc>();
    for (const k of keys) out.set(k, this.docs.get(k) ?? { tip: undefined, content: undefined });
    for (const d of dirs) for (const [k, doc] of this.docs) if (k.startsWith(d) && doc.tip !== undefined) out.set(k, doc);
    return out;
  }

  /** Keeps fetched records; a key asked for (or inside a directory read whole) without a ref is recorded as absent. */
  private absorb(keys: readonly string[], dirs: readonly string[], records: ReadonlyMap<string, TaskDoc>): void {
    for (const d of dirs) this.wholeDirs.add(d);
    for (const [k, doc] of records) this.docs.set(k, doc);
    for (const k of keys) if (!this.docs.has(k)) this.docs.set(k, { tip: undefined, content: undefined });
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

/**
 * The commits and ref updates of one atomic push for `plan`: the branch's commit (when
 * `branchCommit` is given) and one commit per written record, each record ref its own
 * compare-and-swap on its exact tip (`expect`; null: must not exist); a task's commits keep its
 * history, other records' commits have no parent (their refs never grow). Deleted records name the
 * tip they expect.
 * @returns `commits[i]` goes to `refs[i]`, with `expects[i]` (undefined: the branch's fast-forward rule)
 */
export function pushPlan(
  branch: string,
  message: string,
  plan: CommitPlan,
  branchCommit: { parent: string | undefined; changes: ReadonlyMap<string, string | null>; base?: ReadonlyMap<string, string> } | undefined,
): { commits: CommitSpec[]; refs: string[]; expects: Array<string | null | undefined>; deletes: Array<{ ref: string; delete: string }> } {
  const commits: CommitSpec[] = [];
  const refs: string[] = [];
  const expects: Array<string | null | undefined> = [];
  const deletes: Array<{ ref: string; delete: string }> = [];
  if (branchCommit) {
    commits.push({ ...branchCommit, message });
    refs.push(`refs/heads/${branch}`);
    expects.push(undefined);
  }
  for (const [key, w] of plan.tasks) {
    if (w.content === null) deletes.push({ ref: StateRefs.ref(branch, key), delete: w.doc.tip! });
    else {
      const isTask = StateRefs.taskIdOf(StateRefs.pathOf(key)) !== undefined;
      commits.push({ parent: isTask ? w.doc.tip : undefined, changes: new Map([[StateRefs.fileOf(key), w.content]]), message, replaceTree: true });
      refs.push(StateRefs.ref(branch, key));
      expects.push(w.doc.tip ?? null);
    }
  }
  return { commits, refs, expects, deletes };
}
