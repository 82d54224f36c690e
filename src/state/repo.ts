/**
 * The state store's private git repository: a bare repository in a scratch directory (never the
 * workspace, so the model's shell cannot see it) whose `origin` is the state repository. Reads and
 * pushes go first to the in-process transport (transport.ts: smart HTTP without a git process);
 * where it declines, git's plumbing: a shallow fetch of the state branch, `ls-tree`, one
 * `cat-file --batch` per read batch, `fast-import` to write blobs, tree and commit in one process,
 * and an atomic push. Every git call goes through `execGit`; the token only travels in the
 * environment (`authEnv`) or, in process, in the `Authorization` header — never in a file or a URL.
 */
import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { execGit, isNonFastForward, isTransientGitError, type GitResult } from '../git/exec.js';
import { StateStoreError } from './errors.js';
import { InProcessTransport, type CommitIdentity, type CommitSpec, type PreparedCommits, type PushOutcome, type RefUpdate } from './transport.js';

export type { CommitIdentity, CommitSpec, PreparedCommits, PushOutcome, RefUpdate } from './transport.js';

/** Ref the fetched tip is stored under (private to the scratch repository). */
const TipRef = 'refs/kiro/tip';
/** Refs fast-import writes new commits to before they are pushed (`<PendingRef>/<n>`). */
const PendingRef = 'refs/kiro/pending';
/** Where fetched record refs are kept (`<LocalRecords><key>`), private to the scratch repository. */
const LocalRecords = 'refs/kiro/records/';

/** git's object id of a blob with this content (SHA-1 object format), computed without git. */
export function blobId(content: string): string {
  const body = Buffer.from(content, 'utf8');
  return createHash('sha1').update(`blob ${body.length}\0`).update(body).digest('hex');
}

export class ScratchRepo {
  /** True once this process fetched the branch into the scratch repository. */
  private fetched = false;
  /** Pushes and record reads without a git process, where the remote allows (transport.ts). */
  private readonly remote: InProcessTransport;
  /** The branch's tip as last fetched with git or pushed (its objects are in this repository). */
  private branchTip: string | undefined;

  private constructor(
    readonly dir: string,
    private readonly branch: string,
    private readonly env: Readonly<Record<string, string>>,
    url: string,
    authorization: string | undefined,
  ) {
    this.remote = new InProcessTransport(dir, url, branch, authorization);
  }

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
      const content = m ? this.remote.fileOf(m[1]!, m[2]!) : undefined;
      if (content !== undefined) out[i] = { oid: blobId(content), content };
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
    const fast = await this.remote.fetchRecords(prefix, keys, dirs, withBranch, this.branchTip);
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

  private fetchHead(): Promise<string> {
    return readFile(join(this.dir, 'FETCH_HEAD'), 'utf8').catch(() => '');
  }

  /**
   * Every record ref under `<prefix><dir>` on the remote (one `git ls-remote`, no objects).
   * @returns tip commit by key (`<dir>…`)
   */
  async listRecords(prefix: string, dir: string): Promise<Map<string, string>> {
    const fast = await this.remote.listRecords(prefix, dir);
    if (fast) return fast;
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
   * Writes `commits` for one push: in this process where the transport can (transport.ts `build`:
   * no git process), else with `commitMany`.
   * @returns the commit ids in order, with the objects when built in this process
   * @throws StateStoreError (transient) when the remote's ref advertisement failed transiently
   */
  async prepare(commits: readonly CommitSpec[], who: CommitIdentity, timeSec: number): Promise<PreparedCommits> {
    if (commits.length === 0) return { shas: [] };
    return (await this.remote.build(commits, who, timeSec)) ?? { shas: await this.commitMany(commits, who, timeSec) };
  }

  /**
   * Pushes prepared commits to `updates` (each names its commit among `prepared.shas`): in this
   * process when `prepare` built them there, else with `pushRefs`. Same contract as `pushRefs`;
   * pushing the same commits again after a lost reply reports `pushed`.
   */
  async pushPrepared(prepared: PreparedCommits, updates: readonly RefUpdate[]): Promise<PushOutcome> {
    if (!prepared.objects) return this.pushRefs(updates);
    const outcome = await this.remote.push({ ...prepared, objects: prepared.objects }, updates);
    if (outcome === 'pushed') this.pushedBranch(updates);
    return outcome;
  }

  /** Notes the branch's new tip after a push that wrote it. */
  private pushedBranch(updates: readonly RefUpdate[]): void {
    const b = updates.find((u) => u.ref === `refs/heads/${this.branch}`);
    if (b && !('delete' in b)) this.branchTip = b.commit;
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
      this.pushedBranch(updates);
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
