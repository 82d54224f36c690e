/**
 * Git objects and packs, written and read in process (SHA-1 object format): the blobs, trees and
 * commits the state store pushes, the version-2 packs that carry them, and the packs a fetch
 * returns (deltas resolved). Formats: https://git-scm.com/book/en/v2/Git-Internals-Git-Objects,
 * https://git-scm.com/docs/gitformat-pack. Why in process rather than `git fast-import` /
 * `git pack-objects`: src/git/smart-http.ts.
 */
import { createHash } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';

/** A malformed object, pack or delta. */
export class GitObjectError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GitObjectError';
  }
}

export type GitObjectType = 'commit' | 'tree' | 'blob';

/** One loose git object: its type, its body (without the `<type> <size>\0` header) and its SHA-1 id. */
export interface GitObject {
  type: GitObjectType;
  oid: string;
  body: Buffer;
}

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

const PackTypeName: Record<number, GitObjectType | undefined> = { 1: 'commit', 2: 'tree', 3: 'blob' };

/**
 * The objects of a version-2 pack (https://git-scm.com/docs/gitformat-pack), with OFS_DELTA and
 * REF_DELTA entries applied to their bases (which must be in the same pack: no thin packs).
 * Tags are skipped. The trailer's checksum is verified.
 * @throws GitObjectError for a malformed or truncated pack
 */
export function parsePack(pack: Buffer): GitObject[] {
  const bad = (why: string) => new GitObjectError(`malformed pack: ${why}`);
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
 * @throws GitObjectError when the delta does not fit its base
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
  const bad = (why: string) => new GitObjectError(`malformed delta: ${why}`);
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
  if (!tree) throw new GitObjectError('malformed commit: no tree');
  return { tree, parents: [...head.matchAll(/^parent ([0-9a-f]{40})$/gm)].map((m) => m[1]!) };
}

/** The entries of a tree object: name → { mode, oid }. */
export function parseTree(body: Buffer): Map<string, { mode: string; oid: string }> {
  const out = new Map<string, { mode: string; oid: string }>();
  let pos = 0;
  while (pos < body.length) {
    const sp = body.indexOf(0x20, pos);
    const nul = body.indexOf(0, sp);
    if (sp < 0 || nul < 0 || nul + 21 > body.length) throw new GitObjectError('malformed tree');
    out.set(body.toString('utf8', sp + 1, nul), { mode: body.toString('latin1', pos, sp), oid: body.toString('hex', nul + 1, nul + 21) });
    pos = nul + 21;
  }
  return out;
}
