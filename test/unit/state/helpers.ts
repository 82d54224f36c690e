/** Shared fixtures of the state-store tests: a `file://` bare remote and a second-person clone. */
import { mkdtemp, mkdir, rm, writeFile, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execGit } from '../../../src/git/exec.js';
import { StateRefs } from '../../../src/state/paths.js';
import { openStateStore, type OpenStateStoreOptions, type StateStore } from '../../../src/state/store.js';

export const Repo = 'acme/state';
export const Branch = 'kiro/state';

export interface FileRemote {
  root: string;
  serverUrl: string;
  bareDir: string;
  open(name: string, extra?: Partial<OpenStateStoreOptions>): Promise<StateStore>;
  /** Commits `files` (null deletes) on the state branch as a person would, from a normal clone. */
  personCommit(files: Record<string, string | null>, message?: string): Promise<void>;
  /**
   * Content of `path` as the store sees it: a record on a ref (`tasks/<id>.json`, `slots/1.json`,
   * `index/…`) from its ref, any other path (or a record not moved yet) from the branch tip;
   * undefined when missing.
   */
  remoteFile(path: string): Promise<string | undefined>;
  /** Keys of the record refs under `dir` (`slots/`, `queue/`…) on the remote. */
  recordRefs(dir: string): Promise<string[]>;
  /** Content of `path` on the branch tip only, or undefined. */
  branchFile(path: string): Promise<string | undefined>;
  /** Commit count of a task's ref (0 when missing). */
  taskCommits(id: string): Promise<number>;
  /** Commit count on the remote branch (0 when missing). */
  remoteCommits(): Promise<number>;
  cleanup(): Promise<void>;
}

const Person = { GIT_AUTHOR_NAME: 'Ann', GIT_AUTHOR_EMAIL: 'ann@example.com', GIT_COMMITTER_NAME: 'Ann', GIT_COMMITTER_EMAIL: 'ann@example.com' };

export async function fileRemote(): Promise<FileRemote> {
  const root = await mkdtemp(join(tmpdir(), 'kiro-state-'));
  const bareDir = join(root, 'remote', Repo);
  await mkdir(bareDir, { recursive: true });
  await execGit(['init', '--bare', '--quiet', '.'], { cwd: bareDir });
  const serverUrl = `file://${join(root, 'remote')}`;
  let n = 0;
  const branchFile = async (path: string): Promise<string | undefined> => {
    const r = await execGit(['show', `refs/heads/${Branch}:${path}`], { cwd: bareDir, allowFailure: true });
    return r.code === 0 ? r.stdout : undefined;
  };
  return {
    root,
    serverUrl,
    bareDir,
    open: (name, extra = {}) =>
      openStateStore({ serverUrl, repository: Repo, branch: Branch, token: 'ghs_test', dir: join(root, 'stores', name), ...extra }),
    async personCommit(files, message = 'edit by a person') {
      const work = join(root, `person-${n++}`);
      await execGit(['clone', '--quiet', '--branch', Branch, bareDir, work], { cwd: root });
      for (const [p, c] of Object.entries(files)) {
        const abs = join(work, p);
        if (c === null) await unlink(abs);
        else {
          await mkdir(dirname(abs), { recursive: true });
          await writeFile(abs, c);
        }
      }
      await execGit(['add', '-A'], { cwd: work });
      await execGit(['commit', '--quiet', '-m', message], { cwd: work, env: Person });
      await execGit(['push', '--quiet', 'origin', `HEAD:refs/heads/${Branch}`], { cwd: work });
    },
    async remoteFile(path) {
      const key = StateRefs.keyOf(path);
      if (key) {
        const r = await execGit(['show', `${StateRefs.ref(Branch, key)}:${StateRefs.fileOf(key)}`], { cwd: bareDir, allowFailure: true });
        if (r.code === 0) return r.stdout;
      }
      return branchFile(path);
    },
    async recordRefs(dir) {
      const r = await execGit(['for-each-ref', '--format=%(refname)', `${StateRefs.prefix(Branch)}${dir}`], { cwd: bareDir });
      return r.stdout.split('\n').filter(Boolean).map((ref) => ref.slice(StateRefs.prefix(Branch).length));
    },
    branchFile,
    async taskCommits(id) {
      const r = await execGit(['rev-list', '--count', StateRefs.task(Branch, id)], { cwd: bareDir, allowFailure: true });
      return r.code === 0 ? Number(r.stdout.trim()) : 0;
    },
    async remoteCommits() {
      const r = await execGit(['rev-list', '--count', `refs/heads/${Branch}`], { cwd: bareDir, allowFailure: true });
      return r.code === 0 ? Number(r.stdout.trim()) : 0;
    },
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}

/** Builds a v0 (pre-release) layout on the remote branch directly, as an old build would have left it. */
export async function seedV0(remote: FileRemote, files: Record<string, string>): Promise<void> {
  const work = join(remote.root, 'seed-v0');
  await execGit(['init', '--quiet', '-b', Branch, work], { cwd: remote.root });
  for (const [p, c] of Object.entries(files)) {
    await mkdir(dirname(join(work, p)), { recursive: true });
    await writeFile(join(work, p), c);
  }
  await execGit(['add', '-A'], { cwd: work });
  await execGit(['commit', '--quiet', '-m', 'v0 state'], { cwd: work, env: Person });
  await execGit(['push', '--quiet', remote.bareDir, `HEAD:refs/heads/${Branch}`], { cwd: work });
}
