/**
 * Reading and writing one version of the state branch: a tree (path → blob id) plus in-memory
 * layers of changes (a migration, a dry run's earlier writes, the transaction's own writes).
 * Nothing here runs git; blobs come through the loader the store passes in.
 */
import type { z } from 'zod';
import { StateRecordError } from './errors.js';
import { assertWritablePath } from './paths.js';

/** Read access to one snapshot of the state branch (docs/state.md). Paths are `/`-separated. */
export interface StateReader {
  /** Commit the snapshot was read from; undefined when the branch does not exist yet. */
  readonly tip: string | undefined;
  /** File content (UTF-8), or undefined when the file does not exist. */
  read(path: string): Promise<string | undefined>;
  /** Contents of several files with one git call; missing files are left out of the map. */
  readMany(paths: readonly string[]): Promise<Map<string, string>>;
  /** Paths of files that start with `prefix` (e.g. `tasks/`), sorted; all files when omitted. */
  list(prefix?: string): Promise<string[]>;
  exists(path: string): Promise<boolean>;
  /**
   * Parsed JSON of a file, validated by `schema` when given; undefined when the file is missing.
   * @throws StateRecordError when the file is not valid JSON or does not match the schema
   */
  readJson<S extends z.ZodType = z.ZodType<unknown>>(path: string, schema?: S): Promise<z.output<S> | undefined>;
}

/**
 * A transaction: reads see the snapshot plus the transaction's own writes; writes and deletes are
 * collected and committed together by `StateStore.update`.
 */
export interface StateTx extends StateReader {
  /** Creates or replaces a file. @throws Error for a path outside the writable character set */
  write(path: string, content: string): void;
  /** `write(path, JSON.stringify(value, null, 2) + "\n")`. */
  writeJson(path: string, value: unknown): void;
  /** Deletes a file (no error when it does not exist). */
  delete(path: string): void;
  /** Writes (string) and deletes (null) made so far, in path order of first touch. */
  readonly changes: ReadonlyMap<string, string | null>;
  /**
   * A hint: the transaction will read the branch, the records at `paths` and every record under
   * `dirs` (`slots/`, `queue/`), so read them with one fetch (the store's transactions; a view
   * over a fixed tree has nothing to fetch).
   */
  prefetch?(paths: readonly string[], dirs?: readonly string[]): Promise<void>;
}

/** A committed tree: path → blob object id. */
export interface BaseTree {
  tip: string | undefined;
  entries: ReadonlyMap<string, string>;
}

/** Loads blob contents by object id (one batched git call). */
export type BlobLoader = (oids: readonly string[]) => Promise<Map<string, string>>;

/** Changes layered over a tree: content, or null for a deleted file. */
export type Overlay = ReadonlyMap<string, string | null>;

export class OverlayTx implements StateTx {
  private readonly own = new Map<string, string | null>();

  /**
   * @param overlay changes below this transaction's own (later layers merged by the caller)
   * @param writable false for a read-only view (`write`/`delete` throw)
   */
  constructor(
    private readonly base: BaseTree,
    private readonly overlay: Overlay,
    private readonly load: BlobLoader,
    private readonly writable = true,
  ) {}

  get tip(): string | undefined {
    return this.base.tip;
  }

  get changes(): ReadonlyMap<string, string | null> {
    return this.own;
  }

  async read(path: string): Promise<string | undefined> {
    return (await this.readMany([path])).get(path);
  }

  async readMany(paths: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const wanted = new Map<string, string[]>();
    for (const p of paths) {
      const layered = this.layered(p);
      if (layered === null) continue;
      if (layered !== undefined) {
        out.set(p, layered);
        continue;
      }
      const oid = this.base.entries.get(p);
      if (oid === undefined) continue;
      const list = wanted.get(oid) ?? [];
      list.push(p);
      wanted.set(oid, list);
    }
    if (wanted.size > 0) {
      const blobs = await this.load([...wanted.keys()]);
      for (const [oid, ps] of wanted) {
        const content = blobs.get(oid);
        if (content === undefined) continue;
        for (const p of ps) out.set(p, content);
      }
    }
    return out;
  }

  async list(prefix = ''): Promise<string[]> {
    const all = new Set<string>();
    for (const p of this.base.entries.keys()) if (p.startsWith(prefix)) all.add(p);
    for (const layer of [this.overlay, this.own]) {
      for (const [p, c] of layer) {
        if (!p.startsWith(prefix)) continue;
        if (c === null) all.delete(p);
        else all.add(p);
      }
    }
    return [...all].sort();
  }

  async exists(path: string): Promise<boolean> {
    const layered = this.layered(path);
    if (layered !== undefined) return layered !== null;
    return this.base.entries.has(path);
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

  /** Content from a layer (string), deleted in a layer (null), or not in any layer (undefined). */
  private layered(path: string): string | null | undefined {
    if (this.own.has(path)) return this.own.get(path) ?? null;
    if (this.overlay.has(path)) return this.overlay.get(path) ?? null;
    return undefined;
  }

  private assertWritable(): void {
    if (!this.writable) throw new Error('this state view is read-only: write inside StateStore.update()');
  }
}

/**
 * Parses a JSON record and validates it with `schema`.
 * @throws StateRecordError naming the file and the first problems
 */
export function parseJsonRecord<S extends z.ZodType = z.ZodType<unknown>>(path: string, text: string, schema?: S): z.output<S> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new StateRecordError(path, `not valid JSON (${(e as Error).message})`);
  }
  if (!schema) return value as z.output<S>;
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
      .join('; ');
    throw new StateRecordError(path, issues);
  }
  return parsed.data;
}
