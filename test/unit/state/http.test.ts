/**
 * The store against the loopback smart-HTTP git remote (`git http-backend`, token auth), as it
 * runs against github.com: auth only through the environment, faults retried, concurrent writers.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
    const requests = () => remote.requests.slice(since).filter((r) => r.method === 'GET').map((r) => r.service);
    const started = await s.startTask('t-1', { repository: 'acme/app', number: 1 }, () => newTask({ id: 't-1', repository: 'acme/app', issue: 1, kind: 'issue', owner, instructions: '' }, new Date().toISOString()), {
      entry: { runId: 1, runUrl: 'https://x/1', startedAt: new Date().toISOString() },
      max: 2,
      leaseMs: 60_000,
    });
    expect(started).toMatchObject({ slot: { acquired: true } });
    // one ref discovery per fetch or push: one fetch (branch + record, index entry, slots, queue), one atomic push
    expect(requests()).toEqual(['git-upload-pack', 'git-receive-pack']);
    const mid = remote.requests.length;
    const ended = await s.endRun('t-1', (t) => ({ ...t, state: 'completed' }), 2);
    expect(ended.task.state).toBe('completed');
    // one fetch (slots, queue; the record comes from memory), one atomic push (record + slot), then
    // the look after the release (src/state/slots.ts): one fetch, nothing queued, nothing pushed
    expect(remote.requests.slice(mid).filter((r) => r.method === 'GET').map((r) => r.service)).toEqual(['git-upload-pack', 'git-receive-pack', 'git-upload-pack']);
    expect(await remote.refs('acme', 'state', 'refs/kiro-state/kiro/state/slots/')).toEqual([]);
    expect(await remote.refSha('acme', 'state', 'refs/kiro-state/kiro/state/tasks/t-1')).toBeTruthy();
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
