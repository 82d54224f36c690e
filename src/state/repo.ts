/**
 * The state store's private git repository: a bare repository in a scratch directory (never the
 * workspace, so the model's shell cannot see it) whose `origin` is the state repository. It only
 * speaks plumbing: a shallow fetch of the state branch, `ls-tree`, one `cat-file --batch` per read
 * batch, `fast-import` to write blobs, tree and commit in one process, and a plain
 * (fast-forward only) push. Every call goes through `execGit`; the token only travels in the
 * environment (`authEnv`), never in a file or a URL.
 */
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import * as core from '@actions/core';
import { execGit, isNonFastForward, isTransientGitError, type GitResult } from '../git/exec.js';
import { GitHttpClient, SmartHttpError, ZeroOid, commitObject, gitObject, encodePack, looseObject, parseCommit, parseTree, treeObjects, type GitObject, type RefCommand } from '../git/smart-http.js';
import { StateStoreError } from './errors.js';

/** Ref the fetched tip is stored under (private to the scratch repository). */
const TipRef = 'refs/kiro/tip';
/** Refs fast-import writes new commits to before they are pushed (`<PendingRef>/<n>`). */
const PendingRef = 'refs/kiro/pending';
/** Where fetched record refs are kept (`<LocalRecords><key>`), private to the scratch repository. */
const LocalRecords = 'refs/kiro/records/';

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

/** The in-process client and what the server offered, once known; null: push and fetch with git. */
type Smart = { client: GitHttpClient; capabilities: Set<string>; fetch: Promise<boolean> } | null;

/** receive-pack's reasons for a ref update that lost a race for the ref's lock or old value. */
const LockRace = /atomic (transaction|push) failed|failed to lock|cannot lock|unable to create .*lock|failed to update ref|incorrect old value|reference already exists|stale info/i;

/** Files of commits read or written in this process, beyond which the oldest are forgotten. */
const CommitFilesCap = 50_000;

/** git's object id of a blob with this content (SHA-1 object format), computed without git. */
export function blobId(content: string): string {
  const body = Buffer.from(content, 'utf8');
  return createHash('sha1').update(`blob ${body.length}\0`).update(body).digest('hex');
}

export class ScratchRepo {
  /** True once this process fetched the branch into the scratch repository. */
  private fetched = false;
  /** The in-process push and fetch (src/git/smart-http.ts), decided on first use. */
  private smart: Promise<Smart> | undefined;
  /** Object directories (`objects/xx`) known to exist. */
  private readonly objectDirs = new Set<string>();
  /** The branch's tip as last fetched with git or pushed (its objects are in this repository). */
  private branchTip: string | undefined;
  /** The files of record commits this process wrote or fetched in process: commit → path → content. */
  private readonly commitFiles = new Map<string, ReadonlyMap<string, string>>();

  private constructor(
    readonly dir: string,
    private readonly branch: string,
    private readonly env: Readonly<Record<string, string>>,
    private readonly url: string,
    private readonly authorization: string | undefined,
  ) {}

  /**
   * Opens (creating on first use) the bare repository in `dir` with `origin` = `url`.
   * @param env environment for every git call (the auth header entries from `authEnv`)
   * @param authorization the `Authorization` header for the in-process push (`authorizationHeader`);
   *   without it every push is `git push`
   */
  static async open(dir: string, url: string, branch: string, env: Readonly<Record<string, string>>, authorization?: string): Promise<ScratchRepo> {
    await mkdir(dir, { recursive: true });
    // A scratch repository lives for one job: no background maintenance, no reflogs. The settings
    // and the remote travel in the environment of every call (GIT_CONFIG_COUNT/KEY/VALUE), so
    // opening costs one `git init` instead of six processes (the acknowledgement's critical path).
    const settings: Array<[string, string]> = [
      ['gc.auto', '0'],
      ['maintenance.auto', 'false'],
      ['core.logAllRefUpdates', 'false'],
      ['fetch.writeCommitGraph', 'false'],
      ['remote.origin.url', url],
    ];
    const start = Number.parseInt(env.GIT_CONFIG_COUNT ?? '0', 10) || 0;
    const configured: Record<string, string> = { ...env, GIT_CONFIG_COUNT: String(start + settings.length) };
    settings.forEach(([k, v], i) => {
      configured[`GIT_CONFIG_KEY_${start + i}`] = k;
      configured[`GIT_CONFIG_VALUE_${start + i}`] = v;
    });
    const repo = new ScratchRepo(dir, branch, configured, url, authorization);
    const exists = await stat(`${dir}/HEAD`).then(
      () => true,
      () => false,
    );
    if (!exists) await repo.git(['init', '--bare', '--quiet', '.']);
    return repo;
  }

  /** Blob entries of a commit's tree: path → object id. */
  async tree(commit: string): Promise<Map<string, string>> {
    const r = await this.git(['ls-tree', '-r', '-z', '--full-tree', commit]);
    const entries = new Map<string, string>();
    for (const rec of r.stdout.split('\0')) {
      if (!rec) continue;
      const tab = rec.indexOf('\t');
      const [, type, oid] = rec.slice(0, tab).split(' ');
      if (type === 'blob' && oid) entries.set(rec.slice(tab + 1), oid);
    }
    return entries;
  }

  /** Contents (UTF-8) of blobs, with one `cat-file --batch`. Unknown ids are left out. */
  async blobs(oids: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    (await this.catBatch(oids)).forEach((hit, i) => {
      if (hit) out.set(oids[i]!, hit.content);
    });
    return out;
  }

  /**
   * Objects named by `specs` (object ids or `<commit>:<path>`), with one `cat-file --batch`.
   * @returns one entry per spec, in order: its blob id and UTF-8 content, or undefined when missing
   */
  async catBatch(specs: readonly string[]): Promise<Array<{ oid: string; content: string } | undefined>> {
    const out: Array<{ oid: string; content: string } | undefined> = specs.map(() => undefined);
    // record files this process wrote or fetched in process need no git
    const rest: number[] = [];
    specs.forEach((spec, i) => {
      const m = /^([0-9a-f]{40}):(.+)$/.exec(spec);
      const content = m ? this.commitFiles.get(m[1]!)?.get(m[2]!) : undefined;
      if (content !== undefined) out[i] = { oid: gitObject('blob', content).oid, content };
      else rest.push(i);
    });
    if (rest.length < specs.length) {
      const loaded = await this.catBatch(rest.map((i) => specs[i]!));
      rest.forEach((i, j) => (out[i] = loaded[j]));
      return out;
    }
    if (specs.length === 0) return out;
    const r = await this.git(['cat-file', '--batch'], false, `${specs.join('\n')}\n`);
    // sizes count bytes of the original blob: content that is not valid UTF-8 changes length once
    // decoded, the framing then no longer lines up and the rest is read one by one below
    const buf = Buffer.from(r.stdout, 'utf8');
    let pos = 0;
    let i = 0;
    for (; i < specs.length; i++) {
      const nl = buf.indexOf(0x0a, pos);
      if (nl < 0) break;
      const header = buf.subarray(pos, nl).toString('utf8');
      const m = /^([0-9a-f]{40,64}) (\w+) (\d+)$/.exec(header);
      if (!m) {
        if (header.endsWith(' missing') || header.endsWith(' ambiguous')) {
          pos = nl + 1;
          continue;
        }
        break;
      }
      const end = nl + 1 + Number(m[3]);
      if (buf[end] !== 0x0a) break;
      out[i] = { oid: m[1]!, content: buf.subarray(nl + 1, end).toString('utf8') };
      pos = end + 1;
    }
    // a framing surprise: read the rest one by one
    for (let j = i; j < specs.length; j++) {
      if (out[j]) continue;
      const one = await this.git(['cat-file', 'blob', specs[j]!], true);
      if (one.code !== 0) continue;
      const oid = await this.git(['rev-parse', '--verify', '--quiet', specs[j]!], true);
      out[j] = { oid: oid.stdout.trim(), content: one.stdout };
    }
    return out;
  }

  /**
   * Fetches record refs (layout version 3, docs/state.md) — the refs of `keys` and every ref under
   * each of `dirs` — and, with `withBranch`, the state branch's tip, all in one `git fetch`. A key
   * is asked for with a pattern refspec (`<prefix><key>*`), because a plain refspec for a ref that
   * does not exist fails the whole fetch while a pattern that matches nothing does not; FETCH_HEAD
   * then names exactly the refs that exist.
   * @param prefix `StateRefs.prefix(branch)`
   * @returns the branch's tip (undefined without `withBranch`) and the tip commit of each record
   *   that exists, by key; undefined when `withBranch` and the branch does not exist yet (a fetch
   *   naming it fails as a whole: the caller reads the two separately)
   * @throws StateStoreError when the remote cannot be read
   */
  async fetchRecords(prefix: string, keys: readonly string[], dirs: readonly string[], withBranch: boolean): Promise<{ tip: string | undefined; records: Map<string, string> } | undefined> {
    const fast = await this.fetchInProcess(prefix, keys, dirs, withBranch);
    if (fast !== 'git') return fast;
    const wanted = keys.filter((k) => !dirs.some((d) => k.startsWith(d)));
    const specs = [...wanted, ...dirs].map((k) => `+${prefix}${k}*:${LocalRecords}${k}*`);
    if (!withBranch && specs.length === 0) return { tip: undefined, records: new Map() };
    // The first fetch of the branch is shallow (a long-lived branch has thousands of commits); later
    // ones are incremental from the tip we have, which costs the server less than depth 1 again.
    const branch = withBranch ? [...(this.fetched ? [] : ['--depth=1']), `+refs/heads/${this.branch}:${TipRef}`] : [];
    const r = await this.git(['fetch', '--quiet', '--no-tags', '--no-recurse-submodules', 'origin', ...branch, ...specs], true);
    if (r.code !== 0) {
      if (withBranch && /couldn't find remote ref/i.test(r.stderr)) return undefined;
      throw new StateStoreError(`could not fetch ${withBranch ? `state branch ${this.branch}` : 'state records'}: ${lastLines(r.stderr)}`, { transient: isTransient(r) });
    }
    const head = await this.fetchHead();
    let tip: string | undefined;
    if (withBranch) {
      this.fetched = true;
      // "<sha>\t\tbranch '<name>' of <url>"
      tip = head.split('\n').map((l) => /^([0-9a-f]{40,64})\t[^\t]*\tbranch '([^']+)' of /.exec(l)).find((m) => m?.[2] === this.branch)?.[1];
      tip ??= (await this.git(['rev-parse', '--verify', '--quiet', `${TipRef}^{commit}`])).stdout.trim();
      this.branchTip = tip;
    }
    const records = new Map<string, string>();
    const exact = new Set(wanted);
    for (const line of head.split('\n')) {
      // "<sha>\t[not-for-merge]\t'<ref>' of <url>"
      const m = /^([0-9a-f]{40,64})\t[^\t]*\t'([^']+)' of /.exec(line);
      if (!m || !m[2]!.startsWith(prefix)) continue;
      const key = m[2]!.slice(prefix.length);
      if (exact.has(key) || dirs.some((d) => key.startsWith(d))) records.set(key, m[1]!);
    }
    return { tip, records };
  }

  /**
   * `fetchRecords` in this process (protocol v2: `ls-refs`, then a `fetch` of the record commits
   * this process does not know yet, without history) — no git process. The branch itself is only
   * checked: when it moved since this process last fetched or pushed it (or was never read), the
   * whole read goes to git (`'git'`), which brings its tree into this repository.
   */
  private async fetchInProcess(prefix: string, keys: readonly string[], dirs: readonly string[], withBranch: boolean): Promise<{ tip: string | undefined; records: Map<string, string> } | undefined | 'git'> {
    if (withBranch && this.branchTip === undefined) return 'git';
    const smart = await this.smartClient();
    if (!smart || !(await smart.fetch)) return 'git';
    const wanted = keys.filter((k) => !dirs.some((d) => k.startsWith(d)));
    const branchRef = `refs/heads/${this.branch}`;
    try {
      const refs = await smart.client.lsRefs([...wanted.map((k) => `${prefix}${k}`), ...dirs.map((d) => `${prefix}${d}`), ...(withBranch ? [branchRef] : [])]);
      const tip = withBranch ? refs.get(branchRef) : undefined;
      if (withBranch && tip !== this.branchTip) return 'git';
      const records = new Map<string, string>();
      const exact = new Set(wanted);
      for (const [ref, oid] of refs) {
        const key = ref.startsWith(prefix) ? ref.slice(prefix.length) : undefined;
        if (key !== undefined && (exact.has(key) || dirs.some((d) => key.startsWith(d)))) records.set(key, oid);
      }
      const unknown = [...new Set(records.values())].filter((oid) => !this.commitFiles.has(oid));
      if (unknown.length > 0) {
        const objects = await smart.client.fetchObjects(unknown);
        for (const oid of unknown) this.rememberFiles(oid, filesOf(objects, oid));
      }
      return { tip, records };
    } catch (e) {
      if (!(e instanceof SmartHttpError)) throw e;
      throw new StateStoreError(`could not fetch state records: ${e.message}`, { transient: e.transient });
    }
  }

  private rememberFiles(commit: string, files: ReadonlyMap<string, string>): void {
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

  private fetchHead(): Promise<string> {
    return readFile(join(this.dir, 'FETCH_HEAD'), 'utf8').catch(() => '');
  }

  /**
   * Every record ref under `<prefix><dir>` on the remote (one `git ls-remote`, no objects).
   * @returns tip commit by key (`<dir>…`)
   */
  async listRecords(prefix: string, dir: string): Promise<Map<string, string>> {
    const smart = await this.smartClient();
    if (smart && (await smart.fetch)) {
      try {
        const refs = await smart.client.lsRefs([`${prefix}${dir}`]);
        return new Map([...refs].filter(([ref]) => ref.startsWith(`${prefix}${dir}`)).map(([ref, sha]) => [ref.slice(prefix.length), sha]));
      } catch (e) {
        if (!(e instanceof SmartHttpError)) throw e;
        throw new StateStoreError(`could not list state records: ${e.message}`, { transient: e.transient });
      }
    }
    const r = await this.git(['ls-remote', '--refs', 'origin', `${prefix}${dir}*`], true);
    if (r.code !== 0) throw new StateStoreError(`could not list state records: ${lastLines(r.stderr)}`, { transient: isTransient(r) });
    const out = new Map<string, string>();
    for (const line of r.stdout.split('\n')) {
      const [sha, ref] = line.split('\t');
      if (sha && ref?.startsWith(`${prefix}${dir}`)) out.set(ref.slice(prefix.length), sha);
    }
    return out;
  }

  /**
   * Writes `changes` (path → content, or null to delete) on top of `parent` (or as a root commit)
   * with one `git fast-import`, without touching any branch.
   * @returns the new commit id
   */
  async commit(parent: string | undefined, changes: ReadonlyMap<string, string | null>, message: string, who: CommitIdentity, timeSec: number): Promise<string> {
    return (await this.commitMany([{ parent, changes, message }], who, timeSec))[0]!;
  }

  /**
   * Writes several independent commits (one per ref to update) with one `git fast-import`. A commit
   * with `replaceTree` has exactly `changes` as its tree (a per-task ref's single file); otherwise
   * `changes` are applied to the parent's tree.
   * @returns the new commit ids, in order
   */
  async commitMany(commits: readonly CommitSpec[], who: CommitIdentity, timeSec: number): Promise<string[]> {
    const data = (s: string) => `data ${Buffer.byteLength(s, 'utf8')}\n${s}\n`;
    const ident = `${who.name} <${who.email}> ${Math.floor(timeSec)} +0000`;
    let script = '';
    commits.forEach((c, i) => {
      script += `commit ${PendingRef}/${i}\nmark :${i + 1}\nauthor ${ident}\ncommitter ${ident}\n${data(c.message)}`;
      if (c.parent) script += `from ${c.parent}\n`;
      if (c.replaceTree) script += 'deleteall\n';
      for (const [path, content] of [...c.changes].sort(([a], [b]) => a.localeCompare(b))) {
        script += content === null ? `D ${path}\n` : `M 100644 inline ${path}\n${data(content)}`;
      }
      script += '\n';
    });
    script += commits.map((_, i) => `get-mark :${i + 1}\n`).join('') + 'done\n';
    // --force: the pending refs are scratch; each commit replaces them whether or not it descends.
    const r = await this.git(['fast-import', '--quiet', '--force', '--done'], false, script);
    const shas = r.stdout.trim().split('\n').slice(-commits.length);
    if (shas.length !== commits.length || !shas.every((s) => /^[0-9a-f]{40,64}$/.test(s))) {
      throw new StateStoreError(`git fast-import returned no commit id: ${lastLines(r.stdout + r.stderr)}`);
    }
    return shas;
  }

  /**
   * Writes `commits` for one push. With the in-process push available they are built here — no
   * git process — when each either replaces its whole tree (a record) or knows its parent's tree
   * (`base`, the branch), and stored as loose objects too, so git finds them later; otherwise
   * `commitMany` writes them.
   * @returns the commit ids in order, with the objects when built here (`pushPrepared` sends them)
   * @throws StateStoreError (transient) when the remote's ref advertisement failed transiently
   */
  async prepare(commits: readonly CommitSpec[], who: CommitIdentity, timeSec: number): Promise<PreparedCommits> {
    if (commits.length === 0) return { shas: [] };
    if (!commits.every((c) => c.replaceTree || c.base || !c.parent) || !(await this.smartClient())) {
      return { shas: await this.commitMany(commits, who, timeSec) };
    }
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
      if (c.replaceTree) this.rememberFiles(commit.oid, c.changes as ReadonlyMap<string, string>);
    }
    await Promise.all(objects.map((o) => this.writeLoose(o)));
    return { shas, objects };
  }

  /**
   * Pushes prepared commits to `updates` (`updates[i]` names `prepared.shas[i]` for its commits):
   * in this process when `prepare` built them and every update is a compare-and-swap on an exact
   * tip, else with `pushRefs`. Same contract as `pushRefs`; pushing the same commits again after
   * a lost reply reports `pushed`.
   */
  async pushPrepared(prepared: PreparedCommits, updates: readonly RefUpdate[]): Promise<PushOutcome> {
    const smart = prepared.objects ? await this.smartClient() : null;
    if (!smart) return this.pushRefs(updates);
    const branchRef = `refs/heads/${this.branch}`;
    // the branch's rule is fast-forward only: its commit's parent is the tip it must still be at
    const parentOf = (commit: string) => {
      const o = prepared.objects!.find((x) => x.oid === commit);
      return o ? parseCommit(o.body).parents[0] : undefined;
    };
    const commands: RefCommand[] = updates.map((u) =>
      'delete' in u ? { ref: u.ref, old: u.delete, new: ZeroOid } : { ref: u.ref, old: (u.expect === undefined ? parentOf(u.commit) : u.expect) ?? ZeroOid, new: u.commit },
    );
    const pack = commands.every((c) => c.new === ZeroOid) ? undefined : encodePack(prepared.objects!);
    const capabilities = ['report-status', ...(commands.length > 1 ? ['atomic'] : []), ...(smart.capabilities.has('object-format=sha1') ? ['object-format=sha1'] : [])];
    const what = () => ` (with ${updates.map((u) => u.ref).join(', ')})`;
    let report;
    try {
      report = await smart.client.push(commands, pack, capabilities);
    } catch (e) {
      if (!(e instanceof SmartHttpError)) throw e;
      throw new StateStoreError(`could not push state records${what()}: ${e.message}`, { transient: e.transient });
    }
    if (report.unpack !== 'ok') throw new StateStoreError(`the state repository could not unpack the pushed records${what()}: ${report.unpack}`);
    const pushed = () => {
      const b = commands.find((c) => c.ref === branchRef);
      if (b) this.branchTip = b.new;
      return 'pushed' as const;
    };
    if (commands.every((c) => report.refs.get(c.ref) === null)) return pushed();
    // Refused: the remote moved (another writer won the race), or this same push landed before its
    // reply was lost and is being retried, or something else refused it (a hook, permissions).
    const now = await this.advertised(what);
    if (commands.every((c) => (now.get(c.ref) ?? ZeroOid) === c.new)) return pushed();
    if (commands.some((c) => (now.get(c.ref) ?? ZeroOid) !== c.old)) return 'conflict';
    // Nothing moved, nothing landed: a push racing another for the same ref's lock loses it with
    // "failed to lock" / "atomic transaction failed" even when the other then fails too — a lost
    // race like any other. A hook or a permission says something else: that is not retried.
    const refused = commands.map((c) => report.refs.get(c.ref)).filter((r): r is string => typeof r === 'string');
    if (refused.length > 0 && refused.every((r) => LockRace.test(r))) return 'conflict';
    const reasons = commands.map((c) => `${c.ref}: ${report.refs.get(c.ref) ?? 'no status'}`).join('; ');
    throw new StateStoreError(`the state repository refused the push${what()}: ${reasons}`);
  }

  /** The remote's refs now (a fresh advertisement). */
  private async advertised(what: () => string): Promise<Map<string, string>> {
    const smart = (await this.smartClient())!;
    try {
      return (await smart.client.advertisement()).refs;
    } catch (e) {
      if (!(e instanceof SmartHttpError)) throw e;
      throw new StateStoreError(`could not read the state repository's refs${what()}: ${e.message}`, { transient: e.transient });
    }
  }

  /**
   * The in-process push and fetch, decided once per store: available for an http(s) remote with an
   * `authorization` whose receive-pack offers report-status, atomic and delete-refs over SHA-1; the
   * fetch (`fetch`, decided on first use) when its upload-pack speaks protocol v2 with `ls-refs`
   * and shallow fetches. A transient failure of the first request is thrown (the caller retries
   * and asks again); any other (TLS, a proxy only git is configured for, a redirect) falls back to
   * git for good.
   */
  private smartClient(): Promise<Smart> {
    this.smart ??= (async (): Promise<Smart> => {
      if (!this.authorization || !/^https?:\/\//.test(this.url)) return null;
      const client = new GitHttpClient(this.url, this.authorization);
      try {
        const { capabilities } = await client.advertisement();
        const format = [...capabilities].find((c) => c.startsWith('object-format='));
        const missing = ['report-status', 'atomic', 'delete-refs'].filter((c) => !capabilities.has(c));
        if (missing.length === 0 && (!format || format === 'object-format=sha1')) return { client, capabilities, fetch: this.fetchOffered(client) };
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

  /** True when upload-pack offers what the in-process fetch needs; false (fetch with git) on any failure. */
  private async fetchOffered(client: GitHttpClient): Promise<boolean> {
    try {
      const caps = await client.uploadPackCapabilities();
      return !!caps && caps.lsRefs && !!caps.fetch?.has('shallow') && (caps.objectFormat === undefined || caps.objectFormat === 'sha1');
    } catch (e) {
      core.info(`state store: fetching with git (${(e as Error).message})`);
      return false;
    }
  }

  /** Stores `o` as a loose object (written under a temporary name, then renamed into place). */
  private async writeLoose(o: GitObject): Promise<void> {
    const dir = join(this.dir, 'objects', o.oid.slice(0, 2));
    const file = join(dir, o.oid.slice(2));
    if (!this.objectDirs.has(dir)) {
      await mkdir(dir, { recursive: true });
      this.objectDirs.add(dir);
    }
    const tmp = join(dir, `tmp_obj_${randomBytes(6).toString('hex')}`);
    await writeFile(tmp, looseObject(o), { mode: 0o444 });
    await rename(tmp, file);
  }

  /**
   * Pushes `commit` to the state branch without force: the remote accepts it only if its tip is
   * still the commit's parent (a compare-and-swap).
   * @returns `conflict` when the remote moved (non-fast-forward, or a concurrent ref update)
   * @throws StateStoreError for any other failure (auth, network, a rejecting hook)
   */
  async push(commit: string): Promise<PushOutcome> {
    return this.pushRefs([{ ref: `refs/heads/${this.branch}`, commit }]);
  }

  /**
   * Updates several refs in one push, all or none (`--atomic`), each a compare-and-swap: a new
   * commit without `expect` must descend from the ref's current tip (no force); with `expect` the
   * ref must be exactly that commit (`--force-with-lease=<ref>:<expect>`), or not exist when
   * `expect` is null (`--force-with-lease=<ref>:`) — a record ref's commits have no parent, so its
   * history never grows; a deletion names the tip it expects. The receiving side checks each
   * ref's old value under its lock, so two writers can never both win (git-receive-pack;
   * https://git-scm.com/docs/git-push `--atomic`, `--force-with-lease`).
   * @returns `conflict` when any ref moved
   * @throws StateStoreError for any other failure (auth, network, a rejecting hook)
   */
  async pushRefs(updates: readonly RefUpdate[]): Promise<PushOutcome> {
    const args = ['push', '--porcelain', '--no-verify'];
    if (updates.length > 1) args.push('--atomic');
    for (const u of updates) {
      if ('delete' in u) args.push(`--force-with-lease=${u.ref}:${u.delete}`);
      else if (u.expect !== undefined) args.push(`--force-with-lease=${u.ref}:${u.expect ?? ''}`);
    }
    args.push('origin', ...updates.map((u) => ('delete' in u ? `:${u.ref}` : `${u.commit}:${u.ref}`)));
    const r = await this.git(args, true);
    if (r.code === 0) {
      const b = updates.find((u) => u.ref === `refs/heads/${this.branch}`);
      if (b && !('delete' in b)) this.branchTip = b.commit;
      return 'pushed';
    }
    // --porcelain reports the ref status on stdout ("!\t<src>:<dst>\t[rejected] (fetch first)").
    if (isNonFastForward({ ...r, stderr: `${r.stderr}\n${r.stdout}` })) return 'conflict';
    const what = updates.length === 1 && updates[0]!.ref === `refs/heads/${this.branch}` ? '' : ` (with ${updates.map((u) => u.ref).join(', ')})`;
    throw new StateStoreError(`could not push state branch ${this.branch}${what}: ${lastLines(`${r.stdout}\n${r.stderr}`)}`, { transient: isTransient(r) });
  }

  private git(args: readonly string[], allowFailure = false, input?: string): Promise<GitResult> {
    return execGit(args, { cwd: this.dir, env: this.env, allowFailure, ...(input !== undefined ? { input } : {}) });
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

/** A retryable failure (`isTransientGitError`, the one rule for all of the action's git). */
function isTransient(r: GitResult): boolean {
  return isTransientGitError(r.stderr);
}

function lastLines(text: string): string {
  return text
    .trim()
    .split('\n')
    .filter((l) => l && !l.startsWith('hint:') && l !== 'Done')
    .slice(-3)
    .join(' | ');
}
