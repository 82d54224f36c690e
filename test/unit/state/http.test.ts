/**
 * The store against the loopback smart-HTTP git remote (`git http-backend`, token auth), as it
 * runs against github.com: auth only through the environment, faults retried, concurrent writers.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execGit } from '../../../src/git/exec.js';
import { StateStoreError } from '../../../src/state/errors.js';
import { openStateStore, type OpenStateStoreOptions } from '../../../src/state/store.js';
import { newTask } from '../../../src/state/tasks.js';
import { startGitRemote, type GitRemote } from '../../rig/git-remote.js';
import { benchSharedCounter, benchStateStore } from '../../bench/state-store.js';

let remote: GitRemote;
let scratch: string;
beforeEach(async () => {
  remote = await startGitRemote();
  scratch = await mkdtemp(join(tmpdir(), 'kiro-state-http-'));
  await remote.createRepo('acme', 'state', { 'README.md': '# state\n' });
});
afterEach(async () => {
  await remote.close();
  await rm(scratch, { recursive: true, force: true });
});

const open = (name: string, extra: Partial<OpenStateStoreOptions> = {}) =>
  openStateStore({ serverUrl: remote.url, repository: 'acme/state', token: remote.token!, dir: join(scratch, name), ...extra });

describe('state store over smart HTTP', () => {
  it('authenticates with the token through the environment only', async () => {
    const s = await open('a');
    await s.update('hello', (tx) => tx.write('hello.txt', 'hi'));
    expect(await remote.readFile('acme', 'state', 'kiro/state', 'hello.txt')).toBe('hi');
    expect(await remote.branches('acme', 'state')).toEqual(['kiro/state', 'main']);
    expect(remote.requests.length).toBeGreaterThan(0);
    expect(remote.requests.every((r) => r.authorized && r.user === 'x-access-token')).toBe(true);
    const config = await readFile(join(scratch, 'a', 'config'), 'utf8');
    expect(config).not.toContain(remote.token!);
    expect(config).not.toContain(Buffer.from(`x-access-token:${remote.token}`).toString('base64'));
    const [commit] = await remote.log('acme', 'state', 'kiro/state');
    expect(commit).toMatchObject({ subject: 'state: hello', parents: [] });
  });

  it("a task's start reads the branch, its record, the slots and the queue with one fetch and writes them with one push; its end likewise", async () => {
    const s = await open('a');
    await s.update('seed', (tx) => tx.write('a.txt', '1'));
    const owner = { login: 'octocat', id: 1 };
    const since = remote.requests.length;
    const requests = (from: number) => remote.requests.slice(from).map((r) => `${r.method} ${r.service}${r.body.includes('command=ls-refs') ? ' ls-refs' : r.body.includes('command=fetch') ? ' fetch' : ''}`);
    const started = await s.startTask('t-1', { repository: 'acme/app', number: 1 }, () => newTask({ id: 't-1', repository: 'acme/app', issue: 1, kind: 'issue', owner, instructions: '' }, new Date().toISOString()), {
      entry: { runId: 1, runUrl: 'https://x/1', startedAt: new Date().toISOString() },
      max: 2,
      leaseMs: 60_000,
    });
    expect(started).toMatchObject({ slot: { acquired: true } });
    // one fetch (branch + record, index entry, slots, queue), one atomic push of the records — in
    // process (src/git/smart-http.ts), after the store's one receive-pack ref advertisement
    // one look at the refs (protocol v2 ls-refs: the branch, the record, index entry, slots and
    // queue — nothing there this store does not know, so no fetch), one atomic push of the records;
    // both in process (src/git/smart-http.ts), no git process
    expect(requests(since)).toEqual(['POST git-upload-pack ls-refs', 'POST git-receive-pack']);
    const mid = remote.requests.length;
    const ended = await s.endRun('t-1', (t) => ({ ...t, state: 'completed' }), 2);
    expect(ended.task.state).toBe('completed');
    // one look (slots, queue; the record comes from memory), one atomic push (record + slot), then
    // the look after the release (src/state/slots.ts): nothing queued, nothing pushed
    expect(requests(mid)).toEqual(['POST git-upload-pack ls-refs', 'POST git-receive-pack', 'POST git-upload-pack ls-refs']);
    expect(await remote.refs('acme', 'state', 'refs/kiro-state/kiro/state/slots/')).toEqual([]);
    expect(await remote.refSha('acme', 'state', 'refs/kiro-state/kiro/state/tasks/t-1')).toBeTruthy();
    // the records are ordinary git objects: the server's own fsck finds nothing wrong
    const fsck = await execGit(['fsck', '--strict', '--no-dangling'], { cwd: join(remote.root, 'acme', 'state.git'), allowFailure: true });
    expect(fsck.stderr).toBe('');
    expect(fsck.code).toBe(0);
  });

  it('reads records another runner wrote with one ls-refs and one shallow fetch, in process', async () => {
    const a = await open('a');
    const b = await open('b');
    const owner = { login: 'octocat', id: 1 };
    await a.putTask({ ...newTask({ id: 't-9', repository: 'acme/app', issue: 9, kind: 'issue', owner, instructions: 'first' }, new Date().toISOString()) });
    expect((await b.getTask('t-9'))?.instructions).toBe('first'); // b's first read: git fetches the branch
    for (let i = 1; i <= 3; i++) await a.updateTask('t-9', (t) => ({ ...t, costUsd: i }));
    const since = remote.requests.length;
    const seen = await b.getTask('t-9');
    expect(seen?.costUsd).toBe(3);
    const requests = remote.requests.slice(since);
    expect(requests.map((r) => `${r.method} ${r.service}`)).toEqual(['POST git-upload-pack', 'POST git-upload-pack']);
    expect(requests[1]!.body.includes('deepen 1')).toBe(true); // the record's tip, not its history
    // a write on top of what b fetched in process (its parent is not in b's repository)
    await b.updateTask('t-9', (t) => ({ ...t, costUsd: 4 }));
    expect((await a.getTask('t-9'))?.costUsd).toBe(4);
    const fsck = await execGit(['fsck', '--strict', '--no-dangling'], { cwd: join(remote.root, 'acme', 'state.git'), allowFailure: true });
    expect(fsck.code).toBe(0);
  });

  it('a write whose reply is lost after it landed is applied once: the retry finds its own commit there', async () => {
    const s = await open('a', { retry: { baseMs: 1 } });
    const owner = { login: 'octocat', id: 1 };
    await s.putTask(newTask({ id: 't-5', repository: 'acme/app', issue: 5, kind: 'issue', owner, instructions: '' }, new Date().toISOString()));
    const ref = 'refs/kiro-state/kiro/state/tasks/t-5';
    const before = await remote.refSha('acme', 'state', ref);
    remote.injectFault({ status: 0, lostReply: true, service: 'git-receive-pack', method: 'POST' });
    const since = remote.requests.length;
    await s.updateTask('t-5', (t) => ({ ...t, costUsd: t.costUsd + 1 }));
    // the push landed (its reply was cut), the retry was refused, the advertisement showed our commit
    expect(remote.requests.slice(since).map((r) => `${r.method} ${r.service} ${r.status}`)).toEqual(['POST git-receive-pack 0', 'POST git-receive-pack 200', 'GET git-receive-pack 200']);
    expect(s.stats()).toMatchObject({ conflicts: 0, transientRetries: 1 });
    const b = await open('b');
    expect((await b.getTask('t-5'))?.costUsd).toBe(1);
    const log = await remote.log('acme', 'state', ref);
    expect(log[1]?.sha).toBe(before);
  });

  it('retries a push that failed with HTTP 500 and a fetch that failed with 503', async () => {
    const s = await open('a', { retry: { baseMs: 1 } });
    await s.update('seed', (tx) => tx.write('a.txt', '1'));
    remote.injectFault({ status: 500, service: 'git-receive-pack', count: 1 });
    remote.injectFault({ status: 503, service: 'git-upload-pack', count: 1 });
    await s.update('after faults', (tx) => tx.write('a.txt', '2'));
    expect(await remote.readFile('acme', 'state', 'kiro/state', 'a.txt')).toBe('2');
    expect(s.stats().transientRetries).toBeGreaterThanOrEqual(2);
  });

  it('fails fast with a clear error on a bad token', async () => {
    const s = await open('a', { token: 'ghs_wrong' });
    const err = await s.read('x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StateStoreError);
    expect((err as StateStoreError).transient).toBe(false);
    expect((err as Error).message).toMatch(/could not fetch state branch kiro\/state/);
    expect((err as Error).message).not.toContain('ghs_wrong');
  });

  // (the 10/50/100-writer figures are `npm run bench -- state|state-shared`; here, the correctness)
  it('stress: 6 concurrent writers × 4 updates of one shared counter — every update present, none lost', async () => {
    const r = await benchSharedCounter(6, 4);
    console.log(`state store stress 6×4: ${r.updatesPerSecond} updates/s, ${r.retriesPerUpdate} retries/update, lost ${r.lost}`);
    expect(r.lost).toBe(0);
    expect(r.counter).toBe(24);
  }, 180_000);

  it('6 task runs at once (start, progress writes on their own refs, release) — nothing lost', async () => {
    const r = await benchStateStore(6, 3);
    console.log(`state store 6 task runs: ${r.updatesPerSecond} updates/s, ${r.conflictsPerUpdate} conflicts/update, lost ${r.lost}`);
    expect(r.lost).toBe(0);
  }, 180_000);
});
