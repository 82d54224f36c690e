/**
 * The action's trusted git (src/git/repo.ts, exec.ts): it builds commits from the work tree's
 * content in its own git directory and runs nothing the workspace's `.git`, a `~/.gitconfig`,
 * an attributes file or `PATH` could add. The model's side (`workspaceGit`) is a recording fake
 * here; the sandboxed one is covered end to end (test/e2e/trust-boundary.test.ts).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkoutTaskBranch, commitWorkTree, headSha, logSince, type RepoContext } from '../../../src/git/repo.js';
import { pushBranch } from '../../../src/git/push.js';
import type { CommandRunner, RunRequest } from '../../../src/sandbox/runner.js';

const root = mkdtempSync(path.join(tmpdir(), 'kiro-trusted-git-'));
const remoteRoot = path.join(root, 'remote');
const ws = path.join(root, 'ws');
const marker = path.join(root, 'pwned');
const home = path.join(root, 'home');
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', env: { PATH: '/usr/bin:/bin', HOME: home, GIT_CONFIG_NOSYSTEM: '1' } }).trim();
const saved = { HOME: process.env.HOME, PATH: process.env.PATH };
const calls: RunRequest[] = [];
const recordingRunner: CommandRunner = {
  mode: 'bwrap',
  run: async (req) => {
    calls.push(req);
    return { output: '', stderr: '', code: 0, signal: null, timedOut: false, aborted: false, durationMs: 0 };
  },
};
let ctx: RepoContext;

beforeAll(() => {
  mkdirSync(home, { recursive: true });
  const bare = path.join(remoteRoot, 'o', 'r');
  mkdirSync(bare, { recursive: true });
  git(bare, 'init', '-q', '--bare', '-b', 'main');
  git(root, 'clone', '-q', bare, ws);
  writeFileSync(path.join(ws, 'a.txt'), 'one\n');
  git(ws, 'add', '.');
  git(ws, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'init');
  git(ws, 'push', '-q', 'origin', 'HEAD:main');
  ctx = { dir: ws, gitDir: path.join(root, 'trusted.git'), serverUrl: `file://${remoteRoot}`, repository: 'o/r', token: 'tok-123456', workspaceGit: { runner: recordingRunner, workspace: ws, env: {}, timeoutMs: 10_000 } };
});
afterAll(() => {
  process.env.HOME = saved.HOME;
  process.env.PATH = saved.PATH;
  rmSync(root, { recursive: true, force: true });
});

/** The sandboxed git's subcommand and its first argument: git's own `-c name=value` options skipped. */
const subcommand = (argv: readonly string[], n = 2) =>
  argv
    .slice(1)
    .filter((a, i, all) => a !== '-c' && all[i] !== undefined && all[i - 1] !== '-c')
    .slice(0, n)
    .join(' ');

describe('the trusted git', () => {
  it('commits the work tree as data: no filter, diff driver, hook, fsmonitor, global config or PATH wrapper of the model runs', async () => {
    const { baseSha } = await checkoutTaskBranch(ctx, 'kiro/1-x', 'main');
    // the work tree was checked out by the model's git, through the runner
    expect(calls.map((c) => subcommand(c.argv))).toEqual(['fetch -q', 'checkout -q']);
    // everything a model could plant, in the workspace and in HOME, and a git wrapper early on PATH
    const run = `sh -c 'echo ran >> ${marker}; cat'`;
    git(ws, 'config', 'filter.pwn.clean', run);
    git(ws, 'config', 'filter.pwn.required', 'true');
    git(ws, 'config', 'diff.external', run);
    git(ws, 'config', 'core.fsmonitor', `echo >> ${marker}`);
    git(ws, 'config', 'core.hooksPath', path.join(ws, 'hooks'));
    writeFileSync(path.join(ws, '.gitattributes'), '* filter=pwn diff=pwn\n');
    writeFileSync(path.join(home, '.gitconfig'), `[filter "pwn"]\n\tclean = "${run}"\n[core]\n\tattributesFile = ${home}/attrs\n[http]\n\tproxy = http://127.0.0.1:9\n`);
    writeFileSync(path.join(home, 'attrs'), '* filter=home\n');
    mkdirSync(path.join(home, 'bin'), { recursive: true });
    writeFileSync(path.join(home, 'bin', 'git'), `#!/bin/sh\necho wrapper >> ${marker}\nexec /usr/bin/git "$@"\n`, { mode: 0o755 });
    process.env.HOME = home;
    process.env.PATH = `${home}/bin:${saved.PATH}`;
    // the model's own commit, which must not be what is pushed
    writeFileSync(path.join(ws, 'a.txt'), 'two tok-123456\n');
    mkdirSync(path.join(ws, '.github', 'workflows'), { recursive: true });
    writeFileSync(path.join(ws, '.github', 'workflows', 'evil.yml'), 'on: push\n');
    git(ws, 'add', '-A');
    git(ws, '-c', 'user.name=Mallory', '-c', 'user.email=m@x', 'commit', '-qm', 'model commit');
    // the model's own git ran its filter (that is its business, in its sandbox); from here on only the action's git runs
    expect(existsSync(marker)).toBe(true);
    rmSync(marker);

    const out = await commitWorkTree(ctx, 'Step 1', { name: 'bot', email: 'bot@x' }, [{ name: 'alice', email: 'a@x' }], {
      refuse: (paths) => paths.filter((p) => p.startsWith('.github/workflows/')),
      secrets: () => ['tok-123456'],
    });
    expect(existsSync(marker)).toBe(false);
    expect(out.refused).toEqual(['.github/workflows/evil.yml']);
    expect(out.scrubbed).toEqual([{ path: 'a.txt', count: 1 }]);
    const log = await logSince(ctx, baseSha);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ subject: 'Step 1', body: 'Co-authored-by: alice <a@x>' });
    const tree = git(ws, `--git-dir=${ctx.gitDir}`, 'ls-tree', '-r', '--name-only', out.sha!);
    expect(tree.split('\n').sort()).toEqual(['.gitattributes', 'a.txt']);
    expect(git(ws, `--git-dir=${ctx.gitDir}`, 'show', `${out.sha}:a.txt`)).toBe('two ***');
    // the model's .git was moved to the commit, and the refused file restored, through the runner
    expect(calls.slice(2).map((c) => subcommand(c.argv, 1))).toEqual(['fetch', 'symbolic-ref', 'reset', 'clean']);
    expect(calls.every((c) => c.view?.readOnly?.includes(ctx.gitDir) ?? true)).toBe(true);

    await pushBranch(ctx, 'kiro/1-x');
    expect(existsSync(marker)).toBe(false);
    expect(git(path.join(remoteRoot, 'o', 'r'), 'rev-parse', 'refs/heads/kiro/1-x')).toBe(await headSha(ctx));
    expect(readFileSync(path.join(ctx.gitDir, 'config'), 'utf8')).not.toContain('tok-123456');
  });
});
