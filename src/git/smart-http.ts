/**
 * An in-process client for git's smart-HTTP push (`git-receive-pack`), used by the state store for
 * its record writes, plus the object and pack encoding that push needs.
 *
 * Why our own code rather than `git push` or a library: a state-store write is a handful of small
 * objects (one blob, one tree, one commit per record) sent as one atomic push in which every ref is
 * a compare-and-swap on its exact old value. With `git push` each write costs about fifteen
 * processes across client and server (push, remote-http, send-pack, pack-objects, fast-import and
 * a fresh ref advertisement — every ref of the store — on each push); at a hundred concurrent
 * writers that process churn, not the server's ref updates, was the store's ceiling (docs/state.md).
 * The one maintained pure-JS git (isomorphic-git) pushes one ref at a time and only with the old
 * value the server just advertised, so it cannot say "this ref must still be X" for several refs
 * at once. The protocol subset here is small and fixed: pkt-lines, a version-2 pack of whole
 * (undeltified) objects and report-status — https://git-scm.com/docs/gitprotocol-pack,
 * https://git-scm.com/docs/gitprotocol-http, https://git-scm.com/docs/gitformat-pack.
 *
 * HTTP goes through undici with `EnvHttpProxyAgent` (HTTPS_PROXY / HTTP_PROXY / NO_PROXY, as git
 * reads them); certificates are Node's (`NODE_EXTRA_CA_CERTS`). The state store falls back to
 * `git push` when the first request (the ref advertisement) fails for any reason but a transient
 * one (src/state/repo.ts), so a runner whose proxy or CA only git knows about still works.
 */
import { createHash } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';
import { EnvHttpProxyAgent, request, type Dispatcher } from 'undici';

export type GitObjectType = 'commit' | 'tree' | 'blob';

/** One loose git object: its type, its body (without the `<type> <size>\0` header) and its SHA-1 id. */
export interface GitObject {
  type: GitObjectType;
  oid: string;
  body: Buffer;
}

/** The all-zero object id: "no such ref" as an old value (create) or a new value (delete). */
export const ZeroOid = '0'.repeat(40);

/** A SHA-1 git object of `type` with `body` (https://git-scm.com/book/en/v2/Git-Internals-Git-Objects). */
export function gitObject(type: GitObjectType, body: Buffer | string): GitObject {
  const buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const oid = createHash('sha1').update(`${type} ${buf.length}\0`).update(buf).digest('hex');
  return { type, oid, body: buf };
}

/**
 * The new blobs and the trees of a tree holding exactly `files`: path (`/`-separated) → UTF-8
 * content (a new blob), or `{ oid }` of a blob the repository has already; every file mode 100644.
 * Entries are sorted the way git sorts them (a tree's name compares as `name/`).
 * @returns the objects to send, the root tree last (existing blobs are not among them)
 * @throws Error for an empty, `.` or `..` path component
 */
export function treeObjects(files: ReadonlyMap<string, string | { oid: string }>): GitObject[] {
  type Node = { sub: Array<[string[], string | { oid: string }]> } | { file: string | { oid: string } };
  const out: GitObject[] = [];
  const build = (entries: ReadonlyArray<[string[], string | { oid: string }]>): GitObject => {
    const here = new Map<string, Node>();
    for (const [parts, file] of entries) {
      const [head, ...rest] = parts;
      if (!head || head === '.' || head === '..') throw new Error(`invalid path component in ${parts.join('/')}`);
      const node = here.get(head);
      if (rest.length === 0) here.set(head, { file });
      else if (node && 'sub' in node) node.sub.push([rest, file]);
      else here.set(head, { sub: [[rest, file]] });
    }
    const items = [...here].map(([name, node]) => {
      if ('file' in node) {
        if (typeof node.file !== 'string') return { name, sortKey: name, mode: '100644', oid: node.file.oid };
        const blob = gitObject('blob', node.file);
        out.push(blob);
        return { name, sortKey: name, mode: '100644', oid: blob.oid };
      }
      return { name, sortKey: `${name}/`, mode: '40000', oid: build(node.sub).oid };
    });
    items.sort((a, b) => Buffer.compare(Buffer.from(a.sortKey), Buffer.from(b.sortKey)));
    const tree = gitObject('tree', Buffer.concat(items.flatMap((i) => [Buffer.from(`${i.mode} ${i.name}\0`), Buffer.from(i.oid, 'hex')])));
    out.push(tree);
    return tree;
  };
  build([...files].map(([p, f]) => [p.split('/'), f]));
  return out;
}

/** A name or e-mail fit for a commit header: git's `<`, `>` and line breaks would corrupt it. */
function identityPart(s: string): string {
  return s.replace(/[<>\n\r\0]/g, '').trim();
}

/**
 * A commit object (https://git-scm.com/docs/git-commit-tree): `tree`, optional `parent`, author =
 * committer = `who` at `timeSec` (UTC), `message` (a final newline is added when missing).
 */
export function commitObject(o: { tree: string; parent?: string | undefined; who: { name: string; email: string }; timeSec: number; message: string }): GitObject {
  const ident = `${identityPart(o.who.name)} <${identityPart(o.who.email)}> ${Math.floor(o.timeSec)} +0000`;
  const message = o.message.endsWith('\n') ? o.message : `${o.message}\n`;
  return gitObject('commit', `tree ${o.tree}\n${o.parent ? `parent ${o.parent}\n` : ''}author ${ident}\ncommitter ${ident}\n\n${message}`);
}

const PackType: Record<GitObjectType, number> = { commit: 1, tree: 2, blob: 3 };

/**
 * A version-2 pack of `objects`, each stored whole (no deltas), with its SHA-1 trailer
 * (https://git-scm.com/docs/gitformat-pack). Duplicate objects are written once.
 */
export function encodePack(objects: readonly GitObject[]): Buffer {
  const unique = [...new Map(objects.map((o) => [o.oid, o])).values()];
  const header = Buffer.alloc(12);
  header.write('PACK', 0, 'latin1');
  header.writeUInt32BE(2, 4);
  header.writeUInt32BE(unique.length, 8);
  const parts: Buffer[] = [header];
  for (const o of unique) {
    // type and size: 3 bits of type, then the size in 4 + 7·n bits, little-endian groups
    let size = o.body.length;
    const bytes: number[] = [];
    let byte = (PackType[o.type] << 4) | (size & 0x0f);
    size = Math.floor(size / 16);
    while (size > 0) {
      bytes.push(byte | 0x80);
      byte = size & 0x7f;
      size = Math.floor(size / 128);
    }
    bytes.push(byte);
    parts.push(Buffer.from(bytes), deflateSync(o.body));
  }
  const body = Buffer.concat(parts);
  return Buffer.concat([body, createHash('sha1').update(body).digest()]);
}

/** The loose-object file content of `o` (zlib of `<type> <size>\0<body>`), as `.git/objects/xx/…` holds it. */
export function looseObject(o: GitObject): Buffer {
  return deflateSync(Buffer.concat([Buffer.from(`${o.type} ${o.body.length}\0`), o.body]));
}

/** One pkt-line (https://git-scm.com/docs/gitprotocol-common#_pkt_line_format). */
export function pktLine(data: string | Buffer): Buffer {
  const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  if (buf.length + 4 > 65520) throw new Error('pkt-line too long');
  return Buffer.concat([Buffer.from((buf.length + 4).toString(16).padStart(4, '0'), 'latin1'), buf]);
}

const FlushPkt = Buffer.from('0000', 'latin1');
const DelimPkt = Buffer.from('0001', 'latin1');

/**
 * Splits pkt-lines into their payloads (bytes); a flush-, delim- or response-end-pkt is null.
 * @throws SmartHttpError on a malformed or truncated length
 */
export function parsePkts(buf: Buffer): Array<Buffer | null> {
  const out: Array<Buffer | null> = [];
  let pos = 0;
  while (pos + 4 <= buf.length) {
    const hex = buf.toString('latin1', pos, pos + 4);
    if (!/^[0-9a-f]{4}$/i.test(hex)) throw new SmartHttpError(`malformed pkt-line length ${JSON.stringify(hex)}`, false);
    const len = Number.parseInt(hex, 16);
    if (len < 4) {
      out.push(null);
      pos += 4;
      continue;
    }
    if (pos + len > buf.length) throw new SmartHttpError('truncated pkt-line', true);
    out.push(buf.subarray(pos + 4, pos + len));
    pos += len;
  }
  return out;
}

/** `parsePkts` as text lines (UTF-8, the trailing LF removed). */
export function parsePktLines(buf: Buffer): Array<string | null> {
  return parsePkts(buf).map((b) => (b === null ? null : b.toString('utf8').replace(/\n$/, '')));
}

/** One ref update of a push: `old` must be the ref's current value (ZeroOid: must not exist); `new` ZeroOid deletes. */
export interface RefCommand {
  ref: string;
  old: string;
  new: string;
}

/** What the server's ref advertisement said (https://git-scm.com/docs/gitprotocol-pack#_reference_discovery). */
export interface ReceivePackAdvertisement {
  refs: Map<string, string>;
  capabilities: Set<string>;
}

/** The server's report-status: `unpack` is `ok` or the error; per ref null (ok) or the reason it was refused. */
export interface PushReport {
  unpack: string;
  refs: Map<string, string | null>;
}

/** A failure to talk to the remote at all; `transient` when trying again may succeed (5xx, 429, a dropped connection). */
export class SmartHttpError extends Error {
  constructor(
    message: string,
    readonly transient: boolean,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'SmartHttpError';
  }
}

/** Network errors worth another try (undici and Node socket codes). */
const TransientCodes = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CLOSED']);

let sharedDispatcher: Dispatcher | undefined;

/** What a protocol-v2 upload-pack offers (https://git-scm.com/docs/gitprotocol-v2#_capabilities). */
export interface UploadPackCapabilities {
  /** `ls-refs` offered. */
  lsRefs: boolean;
  /** Features of `fetch` (`fetch=shallow wait-for-done …`), empty when fetch is not offered. */
  fetch: Set<string> | undefined;
  /** `object-format=<name>` when given. */
  objectFormat: string | undefined;
}

/**
 * A client for one repository's smart-HTTP git service (stateless RPC): `git-receive-pack`
 * (protocol v0: a GET of the ref advertisement, then one POST per push) and `git-upload-pack`
 * (protocol v2: a GET of the capabilities, then one POST per `ls-refs` or `fetch`).
 */
export class GitHttpClient {
  /**
   * @param url the repository's URL (`https://github.com/owner/repo`, no credentials)
   * @param authorization the `Authorization` header value (`basic base64(x-access-token:<token>)`)
   */
  constructor(
    private readonly url: string,
    private readonly authorization: string,
    private readonly dispatcher: Dispatcher = (sharedDispatcher ??= new EnvHttpProxyAgent()),
  ) {}

  /**
   * Reads receive-pack's ref advertisement (`GET <url>/info/refs?service=git-receive-pack`).
   * @throws SmartHttpError when the server cannot be reached or does not speak smart HTTP
   */
  async advertisement(): Promise<ReceivePackAdvertisement> {
    const lines = parsePktLines(await this.call('GET', '/info/refs?service=git-receive-pack', { Accept: '*/*' }, undefined, 'application/x-git-receive-pack-advertisement'));
    if (lines[0] !== '# service=git-receive-pack') throw new SmartHttpError(`${this.redacted('')} did not answer as a smart-HTTP git server`, false);
    const refs = new Map<string, string>();
    let capabilities = new Set<string>();
    for (const line of lines.slice(1)) {
      if (line === null) continue;
      const nul = line.indexOf('\0');
      const [oid, ref] = (nul >= 0 ? line.slice(0, nul) : line).split(' ');
      if (nul >= 0) capabilities = new Set(line.slice(nul + 1).split(' ').filter(Boolean));
      if (oid && ref && ref !== 'capabilities^{}') refs.set(ref, oid);
    }
    return { refs, capabilities };
  }

  /**
   * Sends `commands` and `pack` (omitted when every command is a delete, as the protocol requires)
   * with `capabilities` (only ones the advertisement offered), and reads the report-status.
   * @throws SmartHttpError when the exchange fails or the reply is not a report-status
   */
  async push(commands: readonly RefCommand[], pack: Buffer | undefined, capabilities: readonly string[]): Promise<PushReport> {
    if (commands.length === 0) throw new Error('a push needs at least one command');
    const lines = commands.map((c, i) => pktLine(`${c.old} ${c.new} ${c.ref}${i === 0 ? `\0${capabilities.join(' ')}` : ''}`));
    const payload = Buffer.concat([...lines, FlushPkt, ...(pack ? [pack] : [])]);
    const body = await this.call('POST', '/git-receive-pack', { 'Content-Type': 'application/x-git-receive-pack-request', Accept: 'application/x-git-receive-pack-result' }, payload, 'application/x-git-receive-pack-result');
    let unpack: string | undefined;
    const refs = new Map<string, string | null>();
    for (const line of parsePktLines(body)) {
      if (line === null) continue;
      if (line.startsWith('unpack ')) unpack = line.slice(7);
      else if (line.startsWith('ok ')) refs.set(line.slice(3), null);
      else if (line.startsWith('ng ')) {
        const rest = line.slice(3);
        const sp = rest.indexOf(' ');
        refs.set(sp < 0 ? rest : rest.slice(0, sp), sp < 0 ? 'rejected' : rest.slice(sp + 1));
      }
    }
    if (unpack === undefined) throw new SmartHttpError(`${this.redacted('/git-receive-pack')}: the push got no report-status`, true);
    return { unpack, refs };
  }

  /**
   * Reads upload-pack's protocol-v2 capabilities (`GET <url>/info/refs?service=git-upload-pack`
   * with `Git-Protocol: version=2`); undefined when the server answers with protocol v0/v1.
   * @throws SmartHttpError when the server cannot be reached or does not speak smart HTTP
   */
  async uploadPackCapabilities(): Promise<UploadPackCapabilities | undefined> {
    const lines = parsePktLines(await this.call('GET', '/info/refs?service=git-upload-pack', { Accept: '*/*', 'Git-Protocol': 'version=2' }, undefined, 'application/x-git-upload-pack-advertisement'));
    const start = lines.indexOf('version 2');
    if (start < 0) return undefined;
    const caps = lines.slice(start + 1).filter((l): l is string => l !== null);
    const value = (name: string) => caps.find((c) => c === name || c.startsWith(`${name}=`));
    const fetch = value('fetch');
    return {
      lsRefs: value('ls-refs') !== undefined,
      fetch: fetch === undefined ? undefined : new Set(fetch.slice('fetch='.length).split(' ').filter(Boolean)),
      objectFormat: value('object-format')?.slice('object-format='.length),
    };
  }

  /**
   * Protocol-v2 `ls-refs` (https://git-scm.com/docs/gitprotocol-v2#_ls_refs): the refs starting
   * with any of `prefixes` (an empty list: none; the server may return more — filter).
   * @returns tip by full ref name
   */
  async lsRefs(prefixes: readonly string[]): Promise<Map<string, string>> {
    const refs = new Map<string, string>();
    if (prefixes.length === 0) return refs;
    const body = await this.v2('ls-refs', [...new Set(prefixes)].map((p) => `ref-prefix ${p}`));
    for (const line of parsePktLines(body)) {
      if (line === null) continue;
      const [oid, ref] = line.split(' ');
      if (oid && ref) refs.set(ref, oid);
    }
    return refs;
  }

  /**
   * Protocol-v2 `fetch` of `wants` (commit ids) with their trees and blobs — `deepen 1`: no history
   * — in one round (`done`), no progress (https://git-scm.com/docs/gitprotocol-v2#_fetch).
   * @returns every object of the pack by id (deltas resolved)
   * @throws SmartHttpError on a failed exchange, an error on the side band or a malformed pack
   */
  async fetchObjects(wants: readonly string[]): Promise<Map<string, GitObject>> {
    if (wants.length === 0) return new Map();
    const body = await this.v2('fetch', ['no-progress', 'ofs-delta', 'deepen 1', ...[...new Set(wants)].map((w) => `want ${w}`), 'done']);
    const pkts = parsePkts(body);
    const at = pkts.findIndex((p) => p !== null && p.toString('latin1').replace(/\n$/, '') === 'packfile');
    if (at < 0) {
      const text = pkts.filter((p): p is Buffer => p !== null).map((p) => p.toString('utf8').trim()).join(' | ');
      throw new SmartHttpError(`${this.redacted('/git-upload-pack')}: the fetch got no pack${text ? ` (${text.slice(0, 200)})` : ''}`, false);
    }
    const data: Buffer[] = [];
    for (const p of pkts.slice(at + 1)) {
      if (p === null) break;
      if (p[0] === 1) data.push(p.subarray(1));
      else if (p[0] === 3) throw new SmartHttpError(`the remote failed the fetch: ${p.subarray(1).toString('utf8').trim()}`, false);
    }
    return new Map(parsePack(Buffer.concat(data)).map((o) => [o.oid, o]));
  }

  /** One protocol-v2 command: `command=<name>`, a delim-pkt, the arguments, a flush-pkt. */
  private v2(command: string, args: readonly string[]): Promise<Buffer> {
    const payload = Buffer.concat([pktLine(`command=${command}\n`), DelimPkt, ...args.map((a) => pktLine(`${a}\n`)), FlushPkt]);
    return this.call('POST', '/git-upload-pack', { 'Content-Type': 'application/x-git-upload-pack-request', Accept: 'application/x-git-upload-pack-result', 'Git-Protocol': 'version=2' }, payload, 'application/x-git-upload-pack-result');
  }

  private async call(method: 'GET' | 'POST', path: string, headers: Record<string, string>, body: Buffer | undefined, contentType: string): Promise<Buffer> {
    let res: Dispatcher.ResponseData;
    try {
      res = await request(`${this.url}${path}`, {
        method,
        dispatcher: this.dispatcher,
        headers: { ...headers, 'User-Agent': 'git/kiro-action', Authorization: this.authorization, 'Cache-Control': 'no-cache', Pragma: 'no-cache' },
        ...(body ? { body } : {}),
        headersTimeout: 120_000,
        bodyTimeout: 120_000,
      });
    } catch (e) {
      const code = (e as { code?: string }).code ?? (e as { cause?: { code?: string } }).cause?.code ?? '';
      throw new SmartHttpError(`${method} ${this.redacted(path)} failed: ${(e as Error).message}${code ? ` (${code})` : ''}`, TransientCodes.has(code));
    }
    const data = Buffer.from(await res.body.arrayBuffer().catch(() => new ArrayBuffer(0)));
    if (res.statusCode !== 200) {
      const text = data.toString('utf8', 0, Math.min(data.length, 200)).trim();
      throw new SmartHttpError(`${method} ${this.redacted(path)}: HTTP ${res.statusCode}${text ? ` ${text}` : ''}`, res.statusCode >= 500 || res.statusCode === 429, res.statusCode);
    }
    const type = String(res.headers['content-type'] ?? '');
    if (!type.startsWith(contentType)) throw new SmartHttpError(`${method} ${this.redacted(path)}: unexpected content type ${JSON.stringify(type)}`, false, res.statusCode);
    return data;
  }

  private redacted(path: string): string {
    return `${this.url.replace(/\/\/[^/@]*@/, '//')}${path}`;
  }
}

const PackTypeName: Record<number, GitObjectType | undefined> = { 1: 'commit', 2: 'tree', 3: 'blob' };

/**
 * The objects of a version-2 pack (https://git-scm.com/docs/gitformat-pack), with OFS_DELTA and
 * REF_DELTA entries applied to their bases (which must be in the same pack: no thin packs).
 * Tags are skipped. The trailer's checksum is verified.
 * @throws SmartHttpError for a malformed or truncated pack
 */
export function parsePack(pack: Buffer): GitObject[] {
  const bad = (why: string) => new SmartHttpError(`malformed pack: ${why}`, false);
  if (pack.length < 32 || pack.toString('latin1', 0, 4) !== 'PACK') throw bad('no PACK header');
  const version = pack.readUInt32BE(4);
  if (version !== 2 && version !== 3) throw bad(`version ${version}`);
  const body = pack.subarray(0, pack.length - 20);
  if (!createHash('sha1').update(body).digest().equals(pack.subarray(pack.length - 20))) throw bad('checksum mismatch');
  const count = pack.readUInt32BE(8);
  type Entry = { offset: number; type: number; data: Buffer; base?: number | string };
  const entries: Entry[] = [];
  let pos = 12;
  for (let n = 0; n < count; n++) {
    const offset = pos;
    let byte = body[pos++]!;
    const type = (byte >> 4) & 7;
    while (byte & 0x80) {
      if (pos >= body.length) throw bad('truncated entry header');
      byte = body[pos++]!;
    }
    let base: number | string | undefined;
    if (type === 6) {
      // OFS_DELTA: the base's offset back from this entry, big-endian groups with an added 1 per continuation
      byte = body[pos++]!;
      let back = byte & 0x7f;
      while (byte & 0x80) {
        byte = body[pos++]!;
        back = (back + 1) * 128 + (byte & 0x7f);
      }
      base = offset - back;
    } else if (type === 7) {
      base = body.toString('hex', pos, pos + 20);
      pos += 20;
    }
    if (pos > body.length) throw bad('truncated entry');
    let data: Buffer;
    let used: number;
    try {
      const r = inflateSync(body.subarray(pos), { info: true }) as unknown as { buffer: Buffer; engine: { bytesWritten: number } };
      data = r.buffer;
      used = r.engine.bytesWritten;
    } catch (e) {
      throw bad(`entry ${n}: ${(e as Error).message}`);
    }
    pos += used;
    entries.push({ offset, type, data, ...(base !== undefined ? { base } : {}) });
  }
  // bases first: an OFS_DELTA's base precedes it; a REF_DELTA's may come anywhere in the pack
  const byOffset = new Map<number, GitObject>();
  const byOid = new Map<string, GitObject>();
  let pending = entries.filter((e) => e.type !== 4);
  while (pending.length > 0) {
    const waiting: Entry[] = [];
    for (const e of pending) {
      let o: GitObject;
      if (e.base === undefined) {
        const type = PackTypeName[e.type];
        if (!type) throw bad(`object type ${e.type}`);
        o = gitObject(type, e.data);
      } else {
        const b = typeof e.base === 'number' ? byOffset.get(e.base) : byOid.get(e.base);
        if (!b) {
          waiting.push(e);
          continue;
        }
        o = gitObject(b.type, applyDelta(b.body, e.data));
      }
      byOffset.set(e.offset, o);
      byOid.set(o.oid, o);
    }
    if (waiting.length === pending.length) throw bad(`delta base ${String(waiting[0]!.base)} not in the pack`);
    pending = waiting;
  }
  return entries.flatMap((e) => byOffset.get(e.offset) ?? []);
}

/**
 * Applies a git delta (https://git-scm.com/docs/gitformat-pack#_deltified_representation) to `base`.
 * @throws SmartHttpError when the delta does not fit its base
 */
export function applyDelta(base: Buffer, delta: Buffer): Buffer {
  let pos = 0;
  const varint = () => {
    let v = 0;
    let shift = 0;
    let byte;
    do {
      byte = delta[pos++]!;
      v += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return v;
  };
  const bad = (why: string) => new SmartHttpError(`malformed delta: ${why}`, false);
  if (varint() !== base.length) throw bad('base size mismatch');
  const size = varint();
  const out = Buffer.alloc(size);
  let o = 0;
  while (pos < delta.length) {
    const op = delta[pos++]!;
    if (op & 0x80) {
      let off = 0;
      let len = 0;
      for (let i = 0; i < 4; i++) if (op & (1 << i)) off += delta[pos++]! * 2 ** (8 * i);
      for (let i = 0; i < 3; i++) if (op & (1 << (4 + i))) len += delta[pos++]! * 2 ** (8 * i);
      if (len === 0) len = 0x10000;
      if (off + len > base.length || o + len > size) throw bad('copy out of range');
      base.copy(out, o, off, off + len);
      o += len;
    } else if (op > 0) {
      if (pos + op > delta.length || o + op > size) throw bad('insert out of range');
      delta.copy(out, o, pos, pos + op);
      pos += op;
      o += op;
    } else throw bad('reserved opcode 0');
  }
  if (o !== size) throw bad('result size mismatch');
  return out;
}

/** The tree id and parents of a commit object. */
export function parseCommit(body: Buffer): { tree: string; parents: string[] } {
  const head = body.toString('utf8', 0, Math.max(0, body.indexOf('\n\n')));
  const tree = /^tree ([0-9a-f]{40})$/m.exec(head)?.[1];
  if (!tree) throw new SmartHttpError('malformed commit: no tree', false);
  return { tree, parents: [...head.matchAll(/^parent ([0-9a-f]{40})$/gm)].map((m) => m[1]!) };
}

/** The entries of a tree object: name → { mode, oid }. */
export function parseTree(body: Buffer): Map<string, { mode: string; oid: string }> {
  const out = new Map<string, { mode: string; oid: string }>();
  let pos = 0;
  while (pos < body.length) {
    const sp = body.indexOf(0x20, pos);
    const nul = body.indexOf(0, sp);
    if (sp < 0 || nul < 0 || nul + 21 > body.length) throw new SmartHttpError('malformed tree', false);
    out.set(body.toString('utf8', sp + 1, nul), { mode: body.toString('latin1', pos, sp), oid: body.toString('hex', nul + 1, nul + 21) });
    pos = nul + 21;
  }
  return out;
}
