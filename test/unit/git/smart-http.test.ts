/**
 * The in-process smart-HTTP client (src/git/smart-http.ts, objects.ts) checked against real git: the objects
 * and packs it writes are what git reads (`fsck --strict`), the packs git writes (deltas and all)
 * are what it reads, and pushes against `git http-backend` are compare-and-swaps that are atomic.
 * Its use by the state store (fallback to git, lost replies, refusals) is at the end.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { connect } from 'node:net';
import type { Duplex } from 'node:stream';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { authorizationHeader, authEnv } from '../../../src/git/auth.js';
import { GitObjectError, applyDelta, commitObject, encodePack, gitObject, parsePack, parseTree, treeObjects } from '../../../src/git/objects.js';
import { GitHttpClient, SmartHttpError, ZeroOid, dispatcherFor } from '../../../src/git/smart-http.js';
import { StateStoreError } from '../../../src/state/errors.js';
import { ScratchRepo } from '../../../src/state/repo.js';
import { startGitRemote, type GitRemote } from '../../rig/git-remote.js';

const root = mkdtempSync(path.join(tmpdir(), 'kiro-smart-http-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: root, GIT_CONFIG_NOSYSTEM: '1' };
const git = (cwd: string, args: string[], input?: Buffer | string) => execFileSync('git', args, { cwd, env, input, maxBuffer: 64 << 20 });
const bare = () => {
  const dir = path.join(root, `r${n++}`);
  execFileSync('git', ['init', '--bare', '--quiet', dir], { env });
  return dir;
};
const who = { name: 'kiro-bot', email: 'kiro@example.com' };

describe('objects and packs', () => {
  it('object ids are git hash-object ids', () => {
    const dir = bare();
    for (const content of ['', 'hello\n', 'ünïcødé ✓\n', 'x'.repeat(70_000)]) {
      expect(gitObject('blob', content).oid).toBe(git(dir, ['hash-object', '--stdin'], content).toString().trim());
    }
  });

  it('a pack of new trees (nested, git-sorted names, existing blobs by id) and commits passes git fsck --strict', () => {
    const dir = bare();
    const existing = git(dir, ['hash-object', '-w', '--stdin'], 'kept\n').toString().trim();
    const files = new Map<string, string | { oid: string }>([
      ['a/x.json', '{"a":1}\n'],
      ['a.b', 'file named a.b sorts before the tree a\n'],
      ['a-', 'dash\n'],
      ['z/deep/er/file.txt', 'deep\n'],
      ['kept.txt', { oid: existing }],
    ]);
    const trees = treeObjects(files);
    const first = commitObject({ tree: trees.at(-1)!.oid, who, timeSec: 1_700_000_000, message: 'state: first' });
    const second = commitObject({ tree: trees.at(-1)!.oid, parent: first.oid, who: { name: 'a <b>\nc', email: 'x>y' }, timeSec: 1_700_000_001, message: 'state: second\n' });
    git(dir, ['unpack-objects', '-q'], encodePack([...trees, first, second, first]));
    git(dir, ['update-ref', 'refs/heads/main', second.oid]);
    expect(() => git(dir, ['fsck', '--strict', '--no-dangling'])).not.toThrow();
    expect(git(dir, ['ls-tree', '-r', '--name-only', 'main']).toString().trim().split('\n')).toEqual(['a-', 'a.b', 'a/x.json', 'kept.txt', 'z/deep/er/file.txt']);
    expect(git(dir, ['show', 'main:a/x.json']).toString()).toBe('{"a":1}\n');
    expect(git(dir, ['log', '--format=%an <%ae> %s', 'main']).toString().trim().split('\n')).toEqual(['a bc <xy> state: second', 'kiro-bot <kiro@example.com> state: first']);
    expect(() => treeObjects(new Map([['a/../b', 'x']]))).toThrow(/invalid path component/);
  });

  it.each([
    ['OFS_DELTA', ['--delta-base-offset']],
    ['REF_DELTA', []],
  ])('reads a pack git wrote with %s entries', (_kind, flags) => {
    const dir = bare();
    const work = path.join(root, `w${n++}`);
    execFileSync('git', ['init', '--quiet', work], { env });
    const big = Array.from({ length: 400 }, (_, i) => `line ${i}: ${'lorem ipsum '.repeat(4)}`).join('\n');
    const oids: string[] = [];
    for (let i = 0; i < 4; i++) {
      oids.push(git(work, ['hash-object', '-w', '--stdin'], `${big}\nversion ${i}\n`).toString().trim());
    }
    const pack = git(work, ['pack-objects', '--stdout', '--window=10', '--depth=50', ...flags], `${oids.join('\n')}\n`);
    const objects = parsePack(pack);
    expect(objects.map((o) => o.oid).sort()).toEqual([...oids].sort());
    for (const o of objects) expect(o.body.toString()).toBe(git(work, ['cat-file', 'blob', o.oid]).toString());
    // the pack did hold deltas (otherwise this test would not test them)
    git(dir, ['index-pack', '--stdin', '-v'], pack);
    const verify = git(dir, ['verify-pack', '-v', ...execFileSync('sh', ['-c', 'ls objects/pack/*.idx'], { cwd: dir, env }).toString().trim().split('\n')]).toString();
    expect(verify).toMatch(/chain length = [1-9]/);
  });

  it('refuses a corrupt pack and a delta that does not fit its base', () => {
    const blob = gitObject('blob', 'x\n');
    const pack = encodePack([blob]);
    pack.writeUInt8(pack.readUInt8(pack.length - 30) ^ 0xff, pack.length - 30);
    expect(() => parsePack(pack)).toThrow(GitObjectError);
    expect(() => parsePack(Buffer.from('not a pack at all, really not one'))).toThrow(/no PACK header/);
    // base size 5, result size 3, copy 4 bytes
    expect(() => applyDelta(Buffer.from('abcde'), Buffer.from([5, 3, 0x90, 4]))).toThrow(/out of range/);
    expect(applyDelta(Buffer.from('abcde'), Buffer.from([5, 4, 0x91, 1, 2, 2, 0x78, 0x79]))).toEqual(Buffer.from('bcxy'));
  });

  it('parses trees it writes', () => {
    const trees = treeObjects(new Map([['b', 'B'], ['a', 'A']]));
    expect([...parseTree(trees.at(-1)!.body).keys()]).toEqual(['a', 'b']);
  });
});

describe('against git http-backend', () => {
  let remote: GitRemote;
  let url: string;
  beforeEach(async () => {
    remote = await startGitRemote();
    await remote.createRepo('acme', 'state', { 'README.md': '# state\n' });
    url = `${remote.url}/acme/state`;
  });
  afterEach(async () => {
    await remote.close();
  });

  /** One record commit: blob, tree, commit. */
  const record = (content: string, parent?: string) => {
    const trees = treeObjects(new Map([['task.json', content]]));
    const commit = commitObject({ tree: trees.at(-1)!.oid, parent, who, timeSec: 1_700_000_000, message: `state: ${content}` });
    return { objects: [...trees, commit], oid: commit.oid };
  };

  it('pushes atomically, each ref a compare-and-swap on its old value', async () => {
    const client = new GitHttpClient(url, authorizationHeader(remote.token!));
    const adv = await client.advertisement();
    expect([...adv.capabilities]).toEqual(expect.arrayContaining(['report-status', 'atomic', 'delete-refs']));
    const a = record('a');
    const b = record('b');
    const caps = ['report-status', 'atomic'];
    const created = await client.push([{ ref: 'refs/x/a', old: ZeroOid, new: a.oid }, { ref: 'refs/x/b', old: ZeroOid, new: b.oid }], encodePack([...a.objects, ...b.objects]), caps);
    expect(created).toEqual({ unpack: 'ok', refs: new Map([['refs/x/a', null], ['refs/x/b', null]]) });
    // one stale old value: neither ref moves
    const a2 = record('a2', a.oid);
    const b2 = record('b2', b.oid);
    const stale = await client.push([{ ref: 'refs/x/a', old: a.oid, new: a2.oid }, { ref: 'refs/x/b', old: ZeroOid, new: b2.oid }], encodePack([...a2.objects, ...b2.objects]), caps);
    expect([...stale.refs.values()].every((r) => typeof r === 'string')).toBe(true);
    expect(await remote.refSha('acme', 'state', 'refs/x/a')).toBe(a.oid);
    expect(await remote.refSha('acme', 'state', 'refs/x/b')).toBe(b.oid);
    // a delete names the tip it expects; no pack is sent
    const del = await client.push([{ ref: 'refs/x/b', old: b.oid, new: ZeroOid }], undefined, ['report-status', 'delete-refs']);
    expect(del.refs.get('refs/x/b')).toBeNull();
    expect(await remote.refSha('acme', 'state', 'refs/x/b')).toBeNull();
    expect((await client.lsRefs(['refs/x/'])).get('refs/x/a')).toBe(a.oid);
    const fetched = await client.fetchObjects([a.oid]);
    expect(fetched.get(a.oid)?.type).toBe('commit');
    expect(fetched.size).toBe(3);
  });

  it('fails with a clear, token-free error on a bad token, and reports HTTP 5xx as transient', async () => {
    const bad = new GitHttpClient(url, authorizationHeader('ghs_wrong'));
    const err = (await bad.advertisement().catch((e: unknown) => e)) as SmartHttpError;
    expect(err).toBeInstanceOf(SmartHttpError);
    expect(err.status).toBe(401);
    expect(err.transient).toBe(false);
    expect(err.message).not.toContain('ghs_wrong');
    expect(err.message).not.toContain(authorizationHeader('ghs_wrong'));
    remote.injectFault({ status: 503, service: 'git-upload-pack' });
    const flaky = await new GitHttpClient(url, authorizationHeader(remote.token!)).lsRefs(['refs/heads/']).catch((e: unknown) => e);
    expect(flaky).toMatchObject({ transient: true, status: 503 });
  });

  it('goes through the HTTP proxy the environment names (as git does)', async () => {
    const seen: string[] = [];
    // undici tunnels through a proxy with CONNECT (for http:// targets too); this one connects
    // every tunnel to the loopback remote
    const proxy: Server = createServer((_req, res) => res.writeHead(405).end());
    proxy.on('connect', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      seen.push(`${req.method} ${req.url}`);
      const port = Number(req.url!.split(':').pop());
      const up = connect(port, '127.0.0.1', () => {
        socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        up.write(head);
        up.pipe(socket);
        socket.pipe(up);
      });
      up.on('error', () => socket.destroy());
      socket.on('error', () => up.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const saved = { http_proxy: process.env.http_proxy, no_proxy: process.env.no_proxy };
    try {
      const port = (proxy.address() as { port: number }).port;
      process.env.http_proxy = `http://127.0.0.1:${port}`;
      process.env.no_proxy = '';
      // a name only the proxy resolves (loopback addresses bypass proxies, as in @actions/http-client)
      const viaProxy = url.replace('127.0.0.1', 'state.kiro.test');
      const client = new GitHttpClient(viaProxy, authorizationHeader(remote.token!));
      expect((await client.advertisement()).capabilities.has('report-status')).toBe(true);
      expect(seen).toEqual([`CONNECT ${new URL(viaProxy).host}`]);
      await dispatcherFor(viaProxy).close();
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      proxy.closeAllConnections();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    }
  });

  const scratch = (name: string, token = remote.token!) =>
    ScratchRepo.open(path.join(root, `${name}-${n++}`), url, 'kiro/state', authEnv(remote.url, token), authorizationHeader(token));

  it('a push retried after a lost reply finds its own commits there: pushed, not a lost race', async () => {
    const repo = await scratch('lost-reply');
    const prepared = await repo.prepare([{ parent: undefined, changes: new Map([['task.json', '{}\n']]), message: 'state: t', replaceTree: true }], who, 1_700_000_000);
    const updates = [{ ref: 'refs/kiro-state/kiro/state/tasks/t', commit: prepared.shas[0]!, expect: null }];
    expect(await repo.pushPrepared(prepared, updates)).toBe('pushed');
    expect(await repo.pushPrepared(prepared, updates)).toBe('pushed');
    // another writer's commit there instead: a lost race
    const other = await repo.prepare([{ parent: undefined, changes: new Map([['task.json', '{"other":1}\n']]), message: 'state: o', replaceTree: true }], who, 1_700_000_000);
    expect(await repo.pushPrepared(other, [{ ref: updates[0]!.ref, commit: other.shas[0]!, expect: null }])).toBe('conflict');
  });

  it('a refusal that is not a lost race (a hook) is an error, not retried', async () => {
    const repo = await scratch('hook');
    await remote.setPushRejection('acme', 'state', { message: 'pushes to state refs are frozen', refPattern: 'refs/kiro-state/*' });
    const prepared = await repo.prepare([{ parent: undefined, changes: new Map([['task.json', '{}\n']]), message: 'state: t', replaceTree: true }], who, 1_700_000_000);
    const err = await repo.pushPrepared(prepared, [{ ref: 'refs/kiro-state/kiro/state/tasks/t', commit: prepared.shas[0]!, expect: null }]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StateStoreError);
    expect((err as StateStoreError).transient).toBe(false);
    expect((err as Error).message).toMatch(/could not push state branch kiro\/state \(with refs\/kiro-state\/kiro\/state\/tasks\/t\): the state repository refused it \(pre-receive hook declined\)/);
  });

  it('falls back to git push when the in-process push cannot start (here: the advertisement is refused)', async () => {
    const repo = await scratch('fallback');
    remote.injectFault({ status: 404, service: 'git-receive-pack' });
    const since = remote.requests.length;
    const prepared = await repo.prepare([{ parent: undefined, changes: new Map([['task.json', '{}\n']]), message: 'state: t', replaceTree: true }], who, 1_700_000_000);
    expect(prepared.objects).toBeUndefined(); // written by git fast-import
    expect(await repo.pushPrepared(prepared, [{ ref: 'refs/kiro-state/kiro/state/tasks/t', commit: prepared.shas[0]!, expect: null }])).toBe('pushed');
    expect(await remote.refSha('acme', 'state', 'refs/kiro-state/kiro/state/tasks/t')).toBe(prepared.shas[0]);
    // the 404'd advertisement, then git push's own discovery and pack
    expect(remote.requests.slice(since).map((r) => `${r.method} ${r.status}`)).toEqual(['GET 404', 'GET 200', 'POST 200']);
  });
});
