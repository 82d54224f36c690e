/**
 * The state store's private git repository: a bare repository in a scratch directory (never the
 * workspace, so the model's shell cannot see it) whose `origin` is the state repository. It only
 * speaks plumbing: a shallow fetch of the state branch, `ls-tree`, one `cat-file --batch` per read
 * batch, `fast-import` to write blobs, tree and commit in one process, and a plain
 * (fast-forward only) push. Every call goes through `execGit`; the token only travels in the
 * environment (`authEnv`), never in a file or a URL.
 */
import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { execGit, isNonFastForward, type GitResult } from '../git/exec.js';
import { StateStoreError } from './errors.js';

/** Ref the fetched tip is stored under (private to the scratch repository). */
const TipRef = 'refs/kiro/tip';
/** Ref fast-import writes new commits to before they are pushed. */
const PendingRef = 'refs/kiro/pending';

export type PushOutcome = 'pushed' | 'conflict';

export interface CommitIdentity {
  name: string;
  email: string;
}

/** git's object id of a blob with this content (SHA-1 object format), computed without git. */
export function blobId(content: string): string {
  const body = Buffer.from(content, 'utf8');
  return createHash('sha1').update(`blob ${body.length}\0`).update(body).digest('hex');
}

export class ScratchRepo {
  /** True once this process fetched the branch into the scratch repository. */
  private fetched = false;

  private constructor(
    readonly dir: string,
    private readonly branch: string,
    private readonly env: Readonly<Record<string, string>>,
  ) {}

  /**
   * Opens (creating on first use) the bare repository in `dir` with `origin` = `url`.
   * @param env environment for every git call (the auth header entries from `authEnv`)
   */
  static async open(dir: string, url: string, branch: string, env: Readonly<Record<string, string>>): Promise<ScratchRepo> {
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
    const start = Number.parseInt(env.GIT_CONFIG_COUNT ?? process.env.GIT_CONFIG_COUNT ?? '0', 10) || 0;
    const configured: Record<string, string> = { ...env, GIT_CONFIG_COUNT: String(start + settings.length) };
    settings.forEach(([k, v], i) => {
      configured[`GIT_CONFIG_KEY_${start + i}`] = k;
      configured[`GIT_CONFIG_VALUE_${start + i}`] = v;
    });
    const repo = new ScratchRepo(dir, branch, configured);
    const exists = await stat(`${dir}/HEAD`).then(
      () => true,
      () => false,
    );
    if (!exists) await repo.git(['init', '--bare', '--quiet', '.']);
    return repo;
  }

  /**
   * Fetches the tip of the state branch (depth 1).
   * @returns the tip commit, or undefined when the branch does not exist
   * @throws StateStoreError when the remote cannot be read
   */
  async fetchTip(): Promise<string | undefined> {
    // The first fetch is shallow (a long-lived branch has thousands of commits); later ones are
    // incremental from the tip we have, which costs the server less than recomputing depth 1.
    const depth = this.fetched ? [] : ['--depth=1'];
    const r = await this.git(['fetch', '--quiet', '--no-tags', '--no-recurse-submodules', ...depth, 'origin', `+refs/heads/${this.branch}:${TipRef}`], true);
    if (r.code !== 0) {
      if (/couldn't find remote ref/i.test(r.stderr)) return undefined;
      throw new StateStoreError(`could not fetch state branch ${this.branch}: ${lastLines(r.stderr)}`, { transient: isTransient(r) });
    }
    this.fetched = true;
    // FETCH_HEAD ("<sha>\t\tbranch '<name>' of <url>") names what was fetched; reading it saves a
    // rev-parse per update.
    const head = await readFile(join(this.dir, 'FETCH_HEAD'), 'utf8').catch(() => '');
    const sha = /^([0-9a-f]{40,64})\t/.exec(head)?.[1];
    return sha ?? (await this.git(['rev-parse', '--verify', '--quiet', `${TipRef}^{commit}`])).stdout.trim();
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
    if (oids.length === 0) return out;
    const r = await this.git(['cat-file', '--batch'], false, `${oids.join('\n')}\n`);
    const buf = Buffer.from(r.stdout, 'utf8');
    let pos = 0;
    let i = 0;
    for (; i < oids.length; i++) {
      const nl = buf.indexOf(0x0a, pos);
      if (nl < 0) break;
      const header = buf.subarray(pos, nl).toString('utf8');
      const m = /^([0-9a-f]{40,64}) (\w+) (\d+)$/.exec(header);
      if (!m) {
        if (header.endsWith(' missing')) {
          pos = nl + 1;
          continue;
        }
        break;
      }
      const size = Number(m[3]);
      const end = nl + 1 + size;
      // Sizes count bytes of the original blob; a blob that is not valid UTF-8 changes length once
      // decoded, so the framing no longer lines up — read the rest one by one.
      if (buf[end] !== 0x0a) break;
      out.set(m[1]!, buf.subarray(nl + 1, end).toString('utf8'));
      pos = end + 1;
    }
    for (const oid of oids.slice(i)) {
      if (out.has(oid)) continue;
      const one = await this.git(['cat-file', 'blob', oid], true);
      if (one.code === 0) out.set(oid, one.stdout);
    }
    return out;
  }

  /**
   * Writes `changes` (path → content, or null to delete) on top of `parent` (or as a root commit)
   * with one `git fast-import`, without touching any branch.
   * @returns the new commit id
   */
  async commit(parent: string | undefined, changes: ReadonlyMap<string, string | null>, message: string, who: CommitIdentity, timeSec: number): Promise<string> {
    const data = (s: string) => `data ${Buffer.byteLength(s, 'utf8')}\n${s}\n`;
    const ident = `${who.name} <${who.email}> ${Math.floor(timeSec)} +0000`;
    let script = `commit ${PendingRef}\nmark :1\nauthor ${ident}\ncommitter ${ident}\n${data(message)}`;
    if (parent) script += `from ${parent}\n`;
    for (const [path, content] of [...changes].sort(([a], [b]) => a.localeCompare(b))) {
      script += content === null ? `D ${path}\n` : `M 100644 inline ${path}\n${data(content)}`;
    }
    script += '\nget-mark :1\ndone\n';
    // --force: the pending ref is scratch; each commit replaces it whether or not it descends.
    const r = await this.git(['fast-import', '--quiet', '--force', '--done'], false, script);
    const sha = r.stdout.trim().split('\n').pop() ?? '';
    if (!/^[0-9a-f]{40,64}$/.test(sha)) throw new StateStoreError(`git fast-import returned no commit id: ${lastLines(r.stdout + r.stderr)}`);
    return sha;
  }

  /**
   * Pushes `commit` to the state branch without force: the remote accepts it only if its tip is
   * still the commit's parent (a compare-and-swap).
   * @returns `conflict` when the remote moved (non-fast-forward, or a concurrent ref update)
   * @throws StateStoreError for any other failure (auth, network, a rejecting hook)
   */
  async push(commit: string): Promise<PushOutcome> {
    const r = await this.git(['push', '--porcelain', '--no-verify', 'origin', `${commit}:refs/heads/${this.branch}`], true);
    if (r.code === 0) return 'pushed';
    // --porcelain reports the ref status on stdout ("!\t<src>:<dst>\t[rejected] (fetch first)").
    if (isNonFastForward({ ...r, stderr: `${r.stderr}\n${r.stdout}` })) return 'conflict';
    throw new StateStoreError(`could not push state branch ${this.branch}: ${lastLines(`${r.stdout}\n${r.stderr}`)}`, { transient: isTransient(r) });
  }

  private git(args: readonly string[], allowFailure = false, input?: string): Promise<GitResult> {
    return execGit(args, { cwd: this.dir, env: this.env, allowFailure, ...(input !== undefined ? { input } : {}) });
  }
}

/** Network trouble and server errors (HTTP 5xx, 429) are worth a retry; auth and not-found are not. */
function isTransient(r: GitResult): boolean {
  return /\b(5\d\d|429)\b|RPC failed|early EOF|hung up|timed out|timeout|connection (reset|refused|closed)|could not resolve host|empty reply|transfer closed|SSL|TLS/i.test(
    r.stderr,
  );
}

function lastLines(text: string): string {
  return text
    .trim()
    .split('\n')
    .filter((l) => l && !l.startsWith('hint:') && l !== 'Done')
    .slice(-3)
    .join(' | ');
}
