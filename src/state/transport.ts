/**
 * The state store's in-process transport (docs/state.md, "Transport"): its pushes and record reads
 * over smart HTTP without a git process (src/git/smart-http.ts), the commits it builds for them
 * (src/git/objects.ts), and the files of record commits it has seen, by commit. `ScratchRepo`
 * (repo.ts) asks it first and uses git when it says so — for `file://` remotes, a server without
 * what it needs, a first request that fails for a reason other than a transient one, and the
 * branch's tree whenever the branch moved.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import * as core from '@actions/core';
import { commitObject, encodePack, looseObject, parseCommit, parseTree, treeObjects, type GitObject } from '../git/objects.js';
import { GitHttpClient, SmartHttpError, ZeroOid, type RefCommand } from '../git/smart-http.js';
import { StateStoreError } from './errors.js';

export type PushOutcome = 'pushed' | 'conflict';

export interface CommitIdentity {
  name: string;
  email: string;
}

/** One commit to write (`ScratchRepo.prepare`). */
export interface CommitSpec {
  parent: string | undefined;
  /** path → content (null deletes); with `replaceTree` the whole tree */
  changes: ReadonlyMap<string, string | null>;
  message: string;
  /** The tree is exactly `changes` (a record's single file), not the parent's tree plus them. */
  replaceTree?: boolean;
  /** The parent's tree (path → blob id), when known: lets the commit be built without git. */
  base?: ReadonlyMap<string, string>;
}

/** A ref update of one push: a new commit (with `expect`: a compare-and-swap on that exact tip; null: must not exist), or a deletion of the tip it expects. */
export type RefUpdate = { ref: string; commit: string; expect?: string | null } | { ref: string; delete: string };

/** Commits written by `prepare`: their ids, and — when built in this process — their objects (for the in-process push). */
export interface PreparedCommits {
  shas: string[];
  objects?: GitObject[];
}

/** What `fetchRecords` read: the branch's tip (when asked) and each existing record's tip by key. */
export interface FetchedRecords {
  tip: string | undefined;
  records: Map<string, string>;
}

/** The client and what the server offered, once known; null: push and fetch with git. */
type Smart = { client: GitHttpClient; capabilities: Set<string>; fetch: Promise<boolean> } | null;

/** receive-pack's reasons for a ref update that lost a race for the ref's lock or old value. */
const LockRace = /atomic (transaction|push) failed|failed to lock|cannot lock|unable to create .*lock|failed to update ref|incorrect old value|reference already exists|stale info/i;

/** Files of commits read or written in this process, beyond which the oldest are forgotten. */
const CommitFilesCap = 50_000;

export class InProcessTransport {
  /** Decided on first use (`smartClient`). */
  private smart: Promise<Smart> | undefined;
  /** Object directories (`objects/xx`) known to exist. */
  private readonly objectDirs = new Set<string>();
  /** The files of record commits this process wrote or fetched: commit → path → content. */
  private readonly commitFiles = new Map<string, ReadonlyMap<string, string>>();

  /**
   * @param dir the scratch repository (loose objects of the commits built here go there)
   * @param authorization the `Authorization` header (`authorizationHeader`); without it, always git
   */
  constructor(
    private readonly dir: string,
    private readonly url: string,
    private readonly branch: string,
    private readonly authorization: string | undefined,
  ) {}

  /** The content of `path` in record commit `commit`, when this process wrote or fetched it. */
  fileOf(commit: string, path: string): string | undefined {
    return this.commitFiles.get(commit)?.get(path);
  }

  /**
   * `ScratchRepo.fetchRecords` in this process: protocol-v2 `ls-refs` of the records (and the
   * branch), then one shallow `fetch` of the record commits this process does not know yet.
   * @param branchTip the branch tip whose tree the scratch repository has (undefined: none)
   * @returns `'git'` when git must read: no in-process fetch, or (`withBranch`) the branch was
   *   never read or moved since `branchTip`
   * @throws StateStoreError when the remote cannot be read
   */
  async fetchRecords(prefix: string, keys: readonly string[], dirs: readonly string[], withBranch: boolean, branchTip: string | undefined): Promise<FetchedRecords | 'git'> {
    if (withBranch && branchTip === undefined) return 'git';
    const smart = await this.smartClient();
    if (!smart || !(await smart.fetch)) return 'git';
    const wanted = keys.filter((k) => !dirs.some((d) => k.startsWith(d)));
    const branchRef = `refs/heads/${this.branch}`;
    return this.reading(async () => {
      const refs = await smart.client.lsRefs([...wanted.map((k) => `${prefix}${k}`), ...dirs.map((d) => `${prefix}${d}`), ...(withBranch ? [branchRef] : [])]);
      const tip = withBranch ? refs.get(branchRef) : undefined;
      if (withBranch && tip !== branchTip) return 'git';
      const records = new Map<string, string>();
      const exact = new Set(wanted);
      for (const [ref, oid] of refs) {
        const key = ref.startsWith(prefix) ? ref.slice(prefix.length) : undefined;
        if (key !== undefined && (exact.has(key) || dirs.some((d) => key.startsWith(d)))) records.set(key, oid);
      }
      const unknown = [...new Set(records.values())].filter((oid) => !this.commitFiles.has(oid));
      if (unknown.length > 0) {
        const objects = await smart.client.fetchObjects(unknown);
        for (const oid of unknown) this.remember(oid, filesOf(objects, oid));
      }
      return { tip, records };
    }, 'could not fetch state records');
  }

  /**
   * Every record ref under `<prefix><dir>` (one `ls-refs`), by key; undefined when git must list.
   * @throws StateStoreError when the remote cannot be read
   */
  async listRecords(prefix: string, dir: string): Promise<Map<string, string> | undefined> {
    const smart = await this.smartClient();
    if (!smart || !(await smart.fetch)) return undefined;
    const refs = await this.reading(() => smart.client.lsRefs([`${prefix}${dir}`]), 'could not list state records');
    return new Map([...refs].filter(([ref]) => ref.startsWith(`${prefix}${dir}`)).map(([ref, sha]) => [ref.slice(prefix.length), sha]));
  }

  /**
   * Builds `commits` in this process when the in-process push is available and each either
   * replaces its whole tree (a record) or knows its parent's tree (`base`, the branch); stores
   * them as loose objects too, so git finds them later.
   * @returns undefined when git must write them (`ScratchRepo.commitMany`)
   * @throws StateStoreError (transient) when the remote's ref advertisement failed transiently
   */
  async build(commits: readonly CommitSpec[], who: CommitIdentity, timeSec: number): Promise<PreparedCommits | undefined> {
    if (!commits.every((c) => c.replaceTree || c.base || !c.parent) || !(await this.smartClient())) return undefined;
    const objects: GitObject[] = [];
    const shas: string[] = [];
    for (const c of commits) {
      const files = new Map<string, string | { oid: string }>(c.replaceTree ? [] : [...(c.base ?? [])].map(([p, oid]) => [p, { oid }]));
      for (const [p, content] of c.changes) {
        if (content === null) files.delete(p);
        else files.set(p, content);
      }
      const trees = treeObjects(files);
      const commit = commitObject({ tree: trees.at(-1)!.oid, parent: c.parent, who, timeSec, message: c.message });
      objects.push(...trees, commit);
      shas.push(commit.oid);
      if (c.replaceTree) this.remember(commit.oid, c.changes as ReadonlyMap<string, string>);
    }
    await Promise.all(objects.map((o) => this.writeLoose(o)));
    return { shas, objects };
  }

  /**
   * Pushes commits `build` made to `updates` in one atomic push (`ScratchRepo.pushRefs` has the
   * contract). Every ref is a compare-and-swap on its exact old value: `expect`, the deleted tip,
   * or — for the branch, fast-forward only — its commit's parent. A refused push is told apart by
   * a fresh ref advertisement: this same push landed before its reply was lost (`pushed`), a ref
   * moved or another push held its lock (`conflict`), or a refusal (thrown, not retried).
   * @throws StateStoreError on a failed exchange (transient when worth retrying) or a refusal
   */
  async push(prepared: PreparedCommits & { objects: GitObject[] }, updates: readonly RefUpdate[]): Promise<PushOutcome> {
    const smart = (await this.smartClient())!;
    const parentOf = (commit: string) => {
      const o = prepared.objects.find((x) => x.oid === commit);
      return o ? parseCommit(o.body).parents[0] : undefined;
    };
    const commands: RefCommand[] = updates.map((u) =>
      'delete' in u ? { ref: u.ref, old: u.delete, new: ZeroOid } : { ref: u.ref, old: (u.expect === undefined ? parentOf(u.commit) : u.expect) ?? ZeroOid, new: u.commit },
    );
    const pack = commands.every((c) => c.new === ZeroOid) ? undefined : encodePack(prepared.objects);
    const capabilities = ['report-status', ...(commands.length > 1 ? ['atomic'] : []), ...(smart.capabilities.has('object-format=sha1') ? ['object-format=sha1'] : [])];
    const what = `could not push state branch ${this.branch}${updates.length === 1 && updates[0]!.ref === `refs/heads/${this.branch}` ? '' : ` (with ${updates.map((u) => u.ref).join(', ')})`}`;
    const report = await this.reading(() => smart.client.push(commands, pack, capabilities), what);
    if (report.unpack !== 'ok') throw new StateStoreError(`${what}: the state repository could not unpack it: ${report.unpack}`);
    if (commands.every((c) => report.refs.get(c.ref) === null)) return 'pushed';
    const now = (await this.reading(() => smart.client.advertisement(), what)).refs;
    if (commands.every((c) => (now.get(c.ref) ?? ZeroOid) === c.new)) return 'pushed';
    if (commands.some((c) => (now.get(c.ref) ?? ZeroOid) !== c.old)) return 'conflict';
    // Nothing moved, nothing landed: a push racing another for the same ref's lock loses it with
    // "failed to lock" / "atomic transaction failed" even when the other then fails too — a lost
    // race like any other. A hook or a permission says something else: that is not retried.
    const reasons = [...new Set(commands.map((c) => report.refs.get(c.ref) ?? 'no status'))];
    if (reasons.every((r) => LockRace.test(r))) return 'conflict';
    throw new StateStoreError(`${what}: the state repository refused it (${reasons.join('; ')})`);
  }

  /** `op`, its `SmartHttpError` turned into a `StateStoreError` saying `what` failed. */
  private async reading<T>(op: () => Promise<T>, what: string): Promise<T> {
    try {
      return await op();
    } catch (e) {
      if (!(e instanceof SmartHttpError)) throw e;
      throw new StateStoreError(`${what}: ${e.message}`, { transient: e.transient });
    }
  }

  /**
   * The client, decided once: available for an http(s) remote with an `authorization` whose
   * receive-pack offers report-status, atomic and delete-refs over SHA-1; its fetch (`fetch`)
   * when upload-pack speaks protocol v2 with `ls-refs` and shallow fetches. A transient failure of
   * the first request is thrown (the caller retries and asks again); any other (TLS, a proxy only
   * git is configured for, a redirect) falls back to git for good.
   */
  private smartClient(): Promise<Smart> {
    this.smart ??= (async (): Promise<Smart> => {
      if (!this.authorization || !/^https?:\/\//.test(this.url)) return null;
      const client = new GitHttpClient(this.url, this.authorization);
      try {
        const { capabilities } = await client.advertisement();
        const format = [...capabilities].find((c) => c.startsWith('object-format='));
        const missing = ['report-status', 'atomic', 'delete-refs'].filter((c) => !capabilities.has(c));
        if (missing.length === 0 && (!format || format === 'object-format=sha1')) return { client, capabilities, fetch: fetchOffered(client) };
        core.info(`state store: pushing with git (the remote does not offer ${missing.length ? missing.join(', ') : format})`);
        return null;
      } catch (e) {
        if (e instanceof SmartHttpError && e.transient) {
          this.smart = undefined;
          throw new StateStoreError(`could not read the state repository's refs: ${e.message}`, { transient: true });
        }
        core.info(`state store: pushing with git (${(e as Error).message})`);
        return null;
      }
    })();
    return this.smart;
  }

  private remember(commit: string, files: ReadonlyMap<string, string>): void {
    if (this.commitFiles.size >= CommitFilesCap) {
      // forget the oldest tenth (a Map iterates in insertion order)
      let n = Math.ceil(CommitFilesCap / 10);
      for (const k of this.commitFiles.keys()) {
        if (n-- <= 0) break;
        this.commitFiles.delete(k);
      }
    }
    this.commitFiles.set(commit, files);
  }

  /** Stores `o` as a loose object (written under a temporary name, then renamed into place). */
  private async writeLoose(o: GitObject): Promise<void> {
    const dir = join(this.dir, 'objects', o.oid.slice(0, 2));
    if (!this.objectDirs.has(dir)) {
      await mkdir(dir, { recursive: true });
      this.objectDirs.add(dir);
    }
    const tmp = join(dir, `tmp_obj_${randomBytes(6).toString('hex')}`);
    await writeFile(tmp, looseObject(o), { mode: 0o444 });
    await rename(tmp, join(dir, o.oid.slice(2)));
  }
}

/** True when upload-pack offers what the in-process fetch needs; false (fetch with git) on any failure. */
async function fetchOffered(client: GitHttpClient): Promise<boolean> {
  try {
    const caps = await client.uploadPackCapabilities();
    return !!caps && caps.lsRefs && !!caps.fetch?.has('shallow') && (caps.objectFormat === undefined || caps.objectFormat === 'sha1');
  } catch (e) {
    core.info(`state store: fetching with git (${(e as Error).message})`);
    return false;
  }
}

/**
 * The files of record commit `commit` among `objects` (a fetched pack): path → UTF-8 content.
 * @throws SmartHttpError when the pack lacks the commit, a tree or a blob
 */
function filesOf(objects: ReadonlyMap<string, GitObject>, commit: string): Map<string, string> {
  const get = (oid: string, type: GitObject['type']) => {
    const o = objects.get(oid);
    if (!o || o.type !== type) throw new SmartHttpError(`the fetched pack lacks ${type} ${oid}`, true);
    return o.body;
  };
  const files = new Map<string, string>();
  const walk = (tree: string, dir: string) => {
    for (const [name, e] of parseTree(get(tree, 'tree'))) {
      if (e.mode === '40000') walk(e.oid, `${dir}${name}/`);
      else files.set(`${dir}${name}`, get(e.oid, 'blob').toString('utf8'));
    }
  };
  walk(parseCommit(get(commit, 'commit')).tree, '');
  return files;
}
