/**
 * What the state store's transactions read through (`TxSource`, tx.ts): the branch's snapshot
 * (fetched, built once per tip and cached, or remembered from this store's own push) and the
 * records on their own refs (fetched by pattern, their contents cached by tip), with blobs
 * loaded in batches. One fetch at a time: they share the scratch repository's FETCH_HEAD.
 */
import * as core from '@actions/core';
import { StateStoreError } from './errors.js';
import { StateRefs } from './paths.js';
import { blobId, type ScratchRepo } from './repo.js';
import { buildSnapshot } from './snapshot.js';
import type { BranchSnapshot, TaskDoc, TxSource } from './tx.js';

export class StateSource {
  private readonly blobCache = new Map<string, string>();
  /** The last snapshot fetched or pushed, and when (`performance.now()`, ms). */
  private cached: { tip: string | undefined; snapshot: BranchSnapshot; at: number } | undefined;
  private warnedUnreadable = false;
  /** Serialises fetches: they share the scratch repository's FETCH_HEAD. */
  private fetching: Promise<unknown> = Promise.resolve();
  /** The last known record of each record ref this store wrote or read, by key: tip and content. */
  readonly taskMemo = new Map<string, TaskDoc>();
  /** True once the branch was read (and so its layout version checked). */
  versionChecked = false;

  /**
   * @param o.dryRun a dry run without access to the state repository reads an empty store
   * @param o.label `repository@branch`, for messages
   * @param o.refPrefix the prefix of record refs (`StateRefs.prefix`)
   */
  constructor(
    private readonly repo: ScratchRepo,
    private readonly o: { dryRun: boolean; label: string; refPrefix: string },
  ) {}

  readonly loader = async (oids: readonly string[]): Promise<Map<string, string>> => {
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

  /** What transactions read through; network reads go through `retry` (transient failures). */
  txSource(retry: <T>(op: () => Promise<T>) => Promise<T>): TxSource {
    return {
      branch: (maxAgeMs) => (maxAgeMs !== undefined && this.cached && performance.now() - this.cached.at <= maxAgeMs ? Promise.resolve(this.cached.snapshot) : retry(() => this.fetchSnapshot())),
      records: (keys, dirs, cachedOk) => this.fetchRecords(keys, dirs, cachedOk, retry),
      branchAndRecords: (keys, dirs, cachedOk) => this.fetchBranchAndRecords(keys, dirs, cachedOk, retry),
      recordKeys: async (dir) => [...(await this.readable(() => retry(() => this.repo.listRecords(this.o.refPrefix, dir)), new Map<string, string>())).keys()],
      load: (oids) => this.loader(oids),
    };
  }

  /** `op`, or in a dry run without access to the state repository, `empty` (with one warning). */
  private async readable<T>(op: () => Promise<T>, empty: T): Promise<T> {
    try {
      return await op();
    } catch (e) {
      if (!this.o.dryRun || !(e instanceof StateStoreError)) throw e;
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
   * Records by key (and every record under `dirs`): from memory for `cachedOk` keys this store
   * knows, else one fetch of their refs and one `cat-file` of the records whose tip changed.
   */
  private async fetchRecords(keys: readonly string[], dirs: readonly string[], cachedOk: ReadonlySet<string>, retry: <T>(op: () => Promise<T>) => Promise<T>): Promise<Map<string, TaskDoc>> {
    const { toFetch, out } = this.fromMemory(keys, cachedOk);
    if (toFetch.length === 0 && dirs.length === 0) return out;
    const fetched = await this.readable(() => retry(() => this.serialFetch(() => this.repo.fetchRecords(this.o.refPrefix, toFetch, dirs, false))), undefined);
    return this.recordsAt(toFetch, dirs, fetched?.records ?? new Map(), out);
  }

  /** Splits `keys` into those served from memory (in `out`, marked cached) and those to fetch. */
  private fromMemory(keys: readonly string[], cachedOk: ReadonlySet<string>): { toFetch: string[]; out: Map<string, TaskDoc> } {
    const out = new Map<string, TaskDoc>();
    const toFetch: string[] = [];
    for (const key of keys) {
      const memo = this.taskMemo.get(key);
      if (memo && cachedOk.has(key)) out.set(key, { ...memo, cached: true });
      else toFetch.push(key);
    }
    return { toFetch, out };
  }

  /**
   * The records of `toFetch` and under `dirs` at the fetched `tips` (loading those whose tip
   * changed), added to `out`; a key of `toFetch` without a tip is absent.
   */
  private async recordsAt(toFetch: readonly string[], dirs: readonly string[], tips: ReadonlyMap<string, string>, out: Map<string, TaskDoc>): Promise<Map<string, TaskDoc>> {
    const keys = [...new Set([...toFetch, ...[...tips.keys()].filter((k) => dirs.some((d) => k.startsWith(d)))])];
    const stale = keys.filter((k) => tips.has(k) && this.taskMemo.get(k)?.tip !== tips.get(k));
    const loaded = await this.repo.catBatch(stale.map((k) => `${tips.get(k)}:${StateRefs.fileOf(k)}`));
    stale.forEach((k, i) => this.taskMemo.set(k, { tip: tips.get(k), content: loaded[i]?.content }));
    for (const k of keys) {
      const tip = tips.get(k);
      if (tip === undefined) {
        this.taskMemo.delete(k);
        out.set(k, { tip: undefined, content: undefined });
      } else out.set(k, { ...this.taskMemo.get(k)! });
    }
    return out;
  }

  /**
   * The branch and the records of `keys` (those not served from memory) and under `dirs` with one
   * fetch; when the branch does not exist yet, read separately.
   */
  private async fetchBranchAndRecords(
    keys: readonly string[],
    dirs: readonly string[],
    cachedOk: ReadonlySet<string>,
    retry: <T>(op: () => Promise<T>) => Promise<T>,
  ): Promise<{ snapshot: BranchSnapshot; records: Map<string, TaskDoc> }> {
    const { toFetch, out } = this.fromMemory(keys, cachedOk);
    const both = await this.readable(() => retry(() => this.serialFetch(() => this.repo.fetchRecords(this.o.refPrefix, toFetch, dirs, true))), undefined);
    if (!both) {
      const snapshot = await retry(() => this.fetchSnapshot());
      return { snapshot, records: await this.fetchRecords(keys, dirs, cachedOk, retry) };
    }
    return { snapshot: await this.snapshotAt(both.tip), records: await this.recordsAt(toFetch, dirs, both.records, out) };
  }

  /** Fetches the tip and builds (or reuses) its snapshot: tree, version check, migration. */
  private async fetchSnapshot(): Promise<BranchSnapshot> {
    const fetched = await this.readable(() => this.serialFetch(() => this.repo.fetchRecords(this.o.refPrefix, [], [], true)), undefined);
    return this.snapshotAt(fetched?.tip);
  }

  /** The snapshot of the fetched `tip` (reused when it is the one cached). */
  private async snapshotAt(tip: string | undefined): Promise<BranchSnapshot> {
    if (this.cached && this.cached.tip === tip) {
      this.cached.at = performance.now();
      return this.cached.snapshot;
    }
    const snapshot = await buildSnapshot(this.repo, this.loader, tip, this.o.label);
    this.cached = { tip, snapshot, at: performance.now() };
    this.versionChecked = true;
    return snapshot;
  }

  /**
   * Caches the snapshot of a commit we just pushed (its tree is the parent's plus `changes`), so
   * the next operation skips `ls-tree` and `cat-file` when nobody else wrote in between. Only for
   * SHA-1 repositories, where `blobId` matches git's object ids.
   */
  remember(commit: string, parent: BranchSnapshot, changes: ReadonlyMap<string, string | null>): void {
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
    this.cached = { tip: commit, snapshot: { base: { tip: commit, entries }, overlay: new Map() }, at: performance.now() };
  }
}
