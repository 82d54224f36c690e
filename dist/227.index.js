export const id = 227;
export const ids = [227];
export const modules = {

/***/ 95227:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  dispatchContinuation: () => (/* binding */ dispatchContinuation),
  leaseMs: () => (/* binding */ leaseMs),
  openStore: () => (/* binding */ openStore),
  recordDryRunState: () => (/* binding */ recordDryRunState),
  runningElsewhere: () => (/* binding */ runningElsewhere),
  startHandedTasks: () => (/* binding */ startHandedTasks)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(33838);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/constants.ts
var constants = __webpack_require__(27242);
// EXTERNAL MODULE: ./src/git/auth.ts
var auth = __webpack_require__(5768);
// EXTERNAL MODULE: ./src/state/paths.ts
var state_paths = __webpack_require__(65013);
// EXTERNAL MODULE: ./src/state/schema.ts
var schema = __webpack_require__(76858);
// EXTERNAL MODULE: ./src/state/tasks.ts
var tasks = __webpack_require__(68643);
;// CONCATENATED MODULE: ./src/state/batches.ts
/** Batches across repositories (SPEC.md J5): `batches/<batchId>.json`. */



/** @throws StateRecordError when the file exists but is not a valid batch */
async function readBatch(r, id) {
    return r.readJson(state_paths/* StatePaths */.cc.batch(id), schema/* Batch */.lP);
}
/** Validates and writes a batch with `updatedAt = nowIso`; returns it as written. */
function writeBatch(tx, batch, nowIso) {
    const b = schema/* Batch */.lP.parse({ ...batch, updatedAt: nowIso });
    tx.writeJson(state_paths/* StatePaths */.cc.batch(b.id), b);
    return b;
}
/**
 * Brings a batch's items up to date from its tasks' records (state, pull request) inside one
 * transaction: the batch and every record are read in it (one fetch for the records) and the batch
 * is written by the same compare-and-swap. Children ending at once can then never write an older
 * view over a newer one: a child's end (`endRun`) moves the branch together with its record, so a
 * sync that read the record before that end loses its race and reads again.
 * @returns the batch as it now is, or undefined when it does not exist
 */
async function syncBatchTx(tx, id, nowIso) {
    const batch = await readBatch(tx, id);
    if (!batch)
        return undefined;
    const paths = batch.items.flatMap((it) => (it.taskId ? [state_paths/* StatePaths */.cc.task(it.taskId)] : []));
    const files = await tx.readMany(paths);
    let changed = false;
    const items = batch.items.map((it) => {
        const text = it.taskId ? files.get(state_paths/* StatePaths */.cc.task(it.taskId)) : undefined;
        if (!it.taskId || text === undefined)
            return it;
        const t = (0,tasks/* parseTask */.Xx)(state_paths/* StatePaths */.cc.task(it.taskId), text);
        const pullRequest = t.pullRequest ? { number: t.pullRequest.number, url: t.pullRequest.url } : it.pullRequest;
        if (t.state === it.state && pullRequest?.url === it.pullRequest?.url && pullRequest?.number === it.pullRequest?.number)
            return it;
        changed = true;
        return { ...it, state: t.state, ...(pullRequest ? { pullRequest } : {}) };
    });
    return changed ? writeBatch(tx, { ...batch, items }, nowIso) : batch;
}

// EXTERNAL MODULE: ./src/state/errors.ts
var errors = __webpack_require__(43406);
// EXTERNAL MODULE: ./src/state/learnings.ts
var state_learnings = __webpack_require__(3466);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./src/git/exec.ts
var exec = __webpack_require__(29395);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(38522);
;// CONCATENATED MODULE: ./src/git/objects.ts
/**
 * Git objects and packs, written and read in process (SHA-1 object format): the blobs, trees and
 * commits the state store pushes, the version-2 packs that carry them, and the packs a fetch
 * returns (deltas resolved). Formats: https://git-scm.com/book/en/v2/Git-Internals-Git-Objects,
 * https://git-scm.com/docs/gitformat-pack. Why in process rather than `git fast-import` /
 * `git pack-objects`: src/git/smart-http.ts.
 */


/** A malformed object, pack or delta. */
class GitObjectError extends Error {
    constructor(message) {
        super(message);
        this.name = 'GitObjectError';
    }
}
/** A SHA-1 git object of `type` with `body` (https://git-scm.com/book/en/v2/Git-Internals-Git-Objects). */
function gitObject(type, body) {
    const buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    const oid = (0,external_node_crypto_.createHash)('sha1').update(`${type} ${buf.length}\0`).update(buf).digest('hex');
    return { type, oid, body: buf };
}
/**
 * The new blobs and the trees of a tree holding exactly `files`: path (`/`-separated) → UTF-8
 * content (a new blob), or `{ oid }` of a blob the repository has already; every file mode 100644.
 * Entries are sorted the way git sorts them (a tree's name compares as `name/`).
 * @returns the objects to send, the root tree last (existing blobs are not among them)
 * @throws Error for an empty, `.` or `..` path component
 */
function treeObjects(files) {
    const out = [];
    const build = (entries) => {
        const here = new Map();
        for (const [parts, file] of entries) {
            const [head, ...rest] = parts;
            if (!head || head === '.' || head === '..')
                throw new Error(`invalid path component in ${parts.join('/')}`);
            const node = here.get(head);
            if (rest.length === 0)
                here.set(head, { file });
            else if (node && 'sub' in node)
                node.sub.push([rest, file]);
            else
                here.set(head, { sub: [[rest, file]] });
        }
        const items = [...here].map(([name, node]) => {
            if ('file' in node) {
                if (typeof node.file !== 'string')
                    return { name, sortKey: name, mode: '100644', oid: node.file.oid };
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
function identityPart(s) {
    return s.replace(/[<>\n\r\0]/g, '').trim();
}
/**
 * A commit object (https://git-scm.com/docs/git-commit-tree): `tree`, optional `parent`, author =
 * committer = `who` at `timeSec` (UTC), `message` (a final newline is added when missing).
 */
function commitObject(o) {
    const ident = `${identityPart(o.who.name)} <${identityPart(o.who.email)}> ${Math.floor(o.timeSec)} +0000`;
    const message = o.message.endsWith('\n') ? o.message : `${o.message}\n`;
    return gitObject('commit', `tree ${o.tree}\n${o.parent ? `parent ${o.parent}\n` : ''}author ${ident}\ncommitter ${ident}\n\n${message}`);
}
const PackType = { commit: 1, tree: 2, blob: 3 };
/**
 * A version-2 pack of `objects`, each stored whole (no deltas), with its SHA-1 trailer
 * (https://git-scm.com/docs/gitformat-pack). Duplicate objects are written once.
 */
function encodePack(objects) {
    const unique = [...new Map(objects.map((o) => [o.oid, o])).values()];
    const header = Buffer.alloc(12);
    header.write('PACK', 0, 'latin1');
    header.writeUInt32BE(2, 4);
    header.writeUInt32BE(unique.length, 8);
    const parts = [header];
    for (const o of unique) {
        // type and size: 3 bits of type, then the size in 4 + 7·n bits, little-endian groups
        let size = o.body.length;
        const bytes = [];
        let byte = (PackType[o.type] << 4) | (size & 0x0f);
        size = Math.floor(size / 16);
        while (size > 0) {
            bytes.push(byte | 0x80);
            byte = size & 0x7f;
            size = Math.floor(size / 128);
        }
        bytes.push(byte);
        parts.push(Buffer.from(bytes), (0,external_node_zlib_.deflateSync)(o.body));
    }
    const body = Buffer.concat(parts);
    return Buffer.concat([body, (0,external_node_crypto_.createHash)('sha1').update(body).digest()]);
}
/** The loose-object file content of `o` (zlib of `<type> <size>\0<body>`), as `.git/objects/xx/…` holds it. */
function looseObject(o) {
    return (0,external_node_zlib_.deflateSync)(Buffer.concat([Buffer.from(`${o.type} ${o.body.length}\0`), o.body]));
}
const PackTypeName = { 1: 'commit', 2: 'tree', 3: 'blob' };
/**
 * The objects of a version-2 pack (https://git-scm.com/docs/gitformat-pack), with OFS_DELTA and
 * REF_DELTA entries applied to their bases (which must be in the same pack: no thin packs).
 * Tags are skipped. The trailer's checksum is verified.
 * @throws GitObjectError for a malformed or truncated pack
 */
function parsePack(pack) {
    const bad = (why) => new GitObjectError(`malformed pack: ${why}`);
    if (pack.length < 32 || pack.toString('latin1', 0, 4) !== 'PACK')
        throw bad('no PACK header');
    const version = pack.readUInt32BE(4);
    if (version !== 2 && version !== 3)
        throw bad(`version ${version}`);
    const body = pack.subarray(0, pack.length - 20);
    if (!(0,external_node_crypto_.createHash)('sha1').update(body).digest().equals(pack.subarray(pack.length - 20)))
        throw bad('checksum mismatch');
    const count = pack.readUInt32BE(8);
    const entries = [];
    let pos = 12;
    for (let n = 0; n < count; n++) {
        const offset = pos;
        let byte = body[pos++];
        const type = (byte >> 4) & 7;
        while (byte & 0x80) {
            if (pos >= body.length)
                throw bad('truncated entry header');
            byte = body[pos++];
        }
        let base;
        if (type === 6) {
            // OFS_DELTA: the base's offset back from this entry, big-endian groups with an added 1 per continuation
            byte = body[pos++];
            let back = byte & 0x7f;
            while (byte & 0x80) {
                byte = body[pos++];
                back = (back + 1) * 128 + (byte & 0x7f);
            }
            base = offset - back;
        }
        else if (type === 7) {
            base = body.toString('hex', pos, pos + 20);
            pos += 20;
        }
        if (pos > body.length)
            throw bad('truncated entry');
        let data;
        let used;
        try {
            const r = (0,external_node_zlib_.inflateSync)(body.subarray(pos), { info: true });
            data = r.buffer;
            used = r.engine.bytesWritten;
        }
        catch (e) {
            throw bad(`entry ${n}: ${e.message}`);
        }
        pos += used;
        entries.push({ offset, type, data, ...(base !== undefined ? { base } : {}) });
    }
    // bases first: an OFS_DELTA's base precedes it; a REF_DELTA's may come anywhere in the pack
    const byOffset = new Map();
    const byOid = new Map();
    let pending = entries.filter((e) => e.type !== 4);
    while (pending.length > 0) {
        const waiting = [];
        for (const e of pending) {
            let o;
            if (e.base === undefined) {
                const type = PackTypeName[e.type];
                if (!type)
                    throw bad(`object type ${e.type}`);
                o = gitObject(type, e.data);
            }
            else {
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
        if (waiting.length === pending.length)
            throw bad(`delta base ${String(waiting[0].base)} not in the pack`);
        pending = waiting;
    }
    return entries.flatMap((e) => byOffset.get(e.offset) ?? []);
}
/**
 * Applies a git delta (https://git-scm.com/docs/gitformat-pack#_deltified_representation) to `base`.
 * @throws GitObjectError when the delta does not fit its base
 */
function applyDelta(base, delta) {
    let pos = 0;
    const varint = () => {
        let v = 0;
        let shift = 0;
        let byte;
        do {
            byte = delta[pos++];
            v += (byte & 0x7f) * 2 ** shift;
            shift += 7;
        } while (byte & 0x80);
        return v;
    };
    const bad = (why) => new GitObjectError(`malformed delta: ${why}`);
    if (varint() !== base.length)
        throw bad('base size mismatch');
    const size = varint();
    const out = Buffer.alloc(size);
    let o = 0;
    while (pos < delta.length) {
        const op = delta[pos++];
        if (op & 0x80) {
            let off = 0;
            let len = 0;
            for (let i = 0; i < 4; i++)
                if (op & (1 << i))
                    off += delta[pos++] * 2 ** (8 * i);
            for (let i = 0; i < 3; i++)
                if (op & (1 << (4 + i)))
                    len += delta[pos++] * 2 ** (8 * i);
            if (len === 0)
                len = 0x10000;
            if (off + len > base.length || o + len > size)
                throw bad('copy out of range');
            base.copy(out, o, off, off + len);
            o += len;
        }
        else if (op > 0) {
            if (pos + op > delta.length || o + op > size)
                throw bad('insert out of range');
            delta.copy(out, o, pos, pos + op);
            pos += op;
            o += op;
        }
        else
            throw bad('reserved opcode 0');
    }
    if (o !== size)
        throw bad('result size mismatch');
    return out;
}
/** The tree id and parents of a commit object. */
function parseCommit(body) {
    const head = body.toString('utf8', 0, Math.max(0, body.indexOf('\n\n')));
    const tree = /^tree ([0-9a-f]{40})$/m.exec(head)?.[1];
    if (!tree)
        throw new GitObjectError('malformed commit: no tree');
    return { tree, parents: [...head.matchAll(/^parent ([0-9a-f]{40})$/gm)].map((m) => m[1]) };
}
/** The entries of a tree object: name → { mode, oid }. */
function parseTree(body) {
    const out = new Map();
    let pos = 0;
    while (pos < body.length) {
        const sp = body.indexOf(0x20, pos);
        const nul = body.indexOf(0, sp);
        if (sp < 0 || nul < 0 || nul + 21 > body.length)
            throw new GitObjectError('malformed tree');
        out.set(body.toString('utf8', sp + 1, nul), { mode: body.toString('latin1', pos, sp), oid: body.toString('hex', nul + 1, nul + 21) });
        pos = nul + 21;
    }
    return out;
}

// EXTERNAL MODULE: ./node_modules/@actions/http-client/lib/index.js + 1 modules
var lib = __webpack_require__(44942);
// EXTERNAL MODULE: ./node_modules/undici/index.js
var undici = __webpack_require__(46752);
;// CONCATENATED MODULE: ./src/git/smart-http.ts
/**
 * An in-process client for git's smart-HTTP protocol — push (`git-receive-pack`) and protocol-v2
 * `ls-refs` and shallow fetch (`git-upload-pack`) — used by the state store for its reads and
 * writes; the objects and packs it carries are src/git/objects.ts.
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
 * HTTP goes through undici, through the proxy the environment names (`dispatcherFor`: HTTPS_PROXY /
 * HTTP_PROXY / NO_PROXY, as git reads them); certificates are Node's (`NODE_EXTRA_CA_CERTS`). The state store falls back to
 * `git push` when the first request (the ref advertisement) fails for any reason but a transient
 * one (src/state/repo.ts), so a runner whose proxy or CA only git knows about still works.
 */



/** The all-zero object id: "no such ref" as an old value (create) or a new value (delete). */
const ZeroOid = '0'.repeat(40);
/** One pkt-line (https://git-scm.com/docs/gitprotocol-common#_pkt_line_format). */
function pktLine(data) {
    const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    if (buf.length + 4 > 65520)
        throw new Error('pkt-line too long');
    return Buffer.concat([Buffer.from((buf.length + 4).toString(16).padStart(4, '0'), 'latin1'), buf]);
}
const FlushPkt = Buffer.from('0000', 'latin1');
const DelimPkt = Buffer.from('0001', 'latin1');
/**
 * Splits pkt-lines into their payloads (bytes); a flush-, delim- or response-end-pkt is null.
 * @throws SmartHttpError on a malformed or truncated length
 */
function parsePkts(buf) {
    const out = [];
    let pos = 0;
    while (pos + 4 <= buf.length) {
        const hex = buf.toString('latin1', pos, pos + 4);
        if (!/^[0-9a-f]{4}$/i.test(hex))
            throw new SmartHttpError(`malformed pkt-line length ${JSON.stringify(hex)}`, false);
        const len = Number.parseInt(hex, 16);
        if (len < 4) {
            out.push(null);
            pos += 4;
            continue;
        }
        if (pos + len > buf.length)
            throw new SmartHttpError('truncated pkt-line', true);
        out.push(buf.subarray(pos + 4, pos + len));
        pos += len;
    }
    return out;
}
/** `parsePkts` as text lines (UTF-8, the trailing LF removed). */
function parsePktLines(buf) {
    return parsePkts(buf).map((b) => (b === null ? null : b.toString('utf8').replace(/\n$/, '')));
}
/** A failure to talk to the remote at all; `transient` when trying again may succeed (5xx, 429, a dropped connection). */
class SmartHttpError extends Error {
    transient;
    status;
    constructor(message, transient, status) {
        super(message);
        this.transient = transient;
        this.status = status;
        this.name = 'SmartHttpError';
    }
}
/** Network errors worth another try (undici and Node socket codes). */
const TransientCodes = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CLOSED']);
/** One connection pool per proxy (or none), shared by every client of the process. */
const dispatchers = new Map();
/**
 * The dispatcher for `url`: through the proxy the environment names for it (`https_proxy`,
 * `http_proxy`, `no_proxy` — resolved by @actions/http-client's `getProxyUrl`, as the action's
 * GitHub client resolves them), else direct.
 */
function dispatcherFor(url) {
    const proxy = (0,lib/* getProxyUrl */.s_)(url);
    let d = dispatchers.get(proxy);
    if (!d) {
        d = proxy ? new undici.ProxyAgent(proxy) : new undici.Agent();
        dispatchers.set(proxy, d);
    }
    return d;
}
/**
 * A client for one repository's smart-HTTP git service (stateless RPC): `git-receive-pack`
 * (protocol v0: a GET of the ref advertisement, then one POST per push) and `git-upload-pack`
 * (protocol v2: a GET of the capabilities, then one POST per `ls-refs` or `fetch`).
 */
class GitHttpClient {
    url;
    authorization;
    dispatcher;
    /**
     * @param url the repository's URL (`https://github.com/owner/repo`, no credentials)
     * @param authorization the `Authorization` header value (`basic base64(x-access-token:<token>)`)
     */
    constructor(url, authorization, dispatcher = dispatcherFor(url)) {
        this.url = url;
        this.authorization = authorization;
        this.dispatcher = dispatcher;
    }
    /**
     * Reads receive-pack's ref advertisement (`GET <url>/info/refs?service=git-receive-pack`).
     * @throws SmartHttpError when the server cannot be reached or does not speak smart HTTP
     */
    async advertisement() {
        const lines = parsePktLines(await this.call('GET', '/info/refs?service=git-receive-pack', { Accept: '*/*' }, undefined, 'application/x-git-receive-pack-advertisement'));
        if (lines[0] !== '# service=git-receive-pack')
            throw new SmartHttpError(`${this.redacted('')} did not answer as a smart-HTTP git server`, false);
        const refs = new Map();
        let capabilities = new Set();
        for (const line of lines.slice(1)) {
            if (line === null)
                continue;
            const nul = line.indexOf('\0');
            const [oid, ref] = (nul >= 0 ? line.slice(0, nul) : line).split(' ');
            if (nul >= 0)
                capabilities = new Set(line.slice(nul + 1).split(' ').filter(Boolean));
            if (oid && ref && ref !== 'capabilities^{}')
                refs.set(ref, oid);
        }
        return { refs, capabilities };
    }
    /**
     * Sends `commands` and `pack` (omitted when every command is a delete, as the protocol requires)
     * with `capabilities` (only ones the advertisement offered), and reads the report-status.
     * @throws SmartHttpError when the exchange fails or the reply is not a report-status
     */
    async push(commands, pack, capabilities) {
        if (commands.length === 0)
            throw new Error('a push needs at least one command');
        const lines = commands.map((c, i) => pktLine(`${c.old} ${c.new} ${c.ref}${i === 0 ? `\0${capabilities.join(' ')}` : ''}`));
        const payload = Buffer.concat([...lines, FlushPkt, ...(pack ? [pack] : [])]);
        const body = await this.call('POST', '/git-receive-pack', { 'Content-Type': 'application/x-git-receive-pack-request', Accept: 'application/x-git-receive-pack-result' }, payload, 'application/x-git-receive-pack-result');
        let unpack;
        const refs = new Map();
        for (const line of parsePktLines(body)) {
            if (line === null)
                continue;
            if (line.startsWith('unpack '))
                unpack = line.slice(7);
            else if (line.startsWith('ok '))
                refs.set(line.slice(3), null);
            else if (line.startsWith('ng ')) {
                const rest = line.slice(3);
                const sp = rest.indexOf(' ');
                refs.set(sp < 0 ? rest : rest.slice(0, sp), sp < 0 ? 'rejected' : rest.slice(sp + 1));
            }
        }
        if (unpack === undefined)
            throw new SmartHttpError(`${this.redacted('/git-receive-pack')}: the push got no report-status`, true);
        return { unpack, refs };
    }
    /**
     * Reads upload-pack's protocol-v2 capabilities (`GET <url>/info/refs?service=git-upload-pack`
     * with `Git-Protocol: version=2`); undefined when the server answers with protocol v0/v1.
     * @throws SmartHttpError when the server cannot be reached or does not speak smart HTTP
     */
    async uploadPackCapabilities() {
        const lines = parsePktLines(await this.call('GET', '/info/refs?service=git-upload-pack', { Accept: '*/*', 'Git-Protocol': 'version=2' }, undefined, 'application/x-git-upload-pack-advertisement'));
        const start = lines.indexOf('version 2');
        if (start < 0)
            return undefined;
        const caps = lines.slice(start + 1).filter((l) => l !== null);
        const value = (name) => caps.find((c) => c === name || c.startsWith(`${name}=`));
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
    async lsRefs(prefixes) {
        const refs = new Map();
        if (prefixes.length === 0)
            return refs;
        const body = await this.v2('ls-refs', [...new Set(prefixes)].map((p) => `ref-prefix ${p}`));
        for (const line of parsePktLines(body)) {
            if (line === null)
                continue;
            const [oid, ref] = line.split(' ');
            if (oid && ref)
                refs.set(ref, oid);
        }
        return refs;
    }
    /**
     * Protocol-v2 `fetch` of `wants` (commit ids) with their trees and blobs — `deepen 1`: no history
     * — in one round (`done`), no progress (https://git-scm.com/docs/gitprotocol-v2#_fetch).
     * @returns every object of the pack by id (deltas resolved)
     * @throws SmartHttpError on a failed exchange, an error on the side band or a malformed pack
     */
    async fetchObjects(wants) {
        if (wants.length === 0)
            return new Map();
        const body = await this.v2('fetch', ['no-progress', 'ofs-delta', 'deepen 1', ...[...new Set(wants)].map((w) => `want ${w}`), 'done']);
        const pkts = parsePkts(body);
        const at = pkts.findIndex((p) => p !== null && p.toString('latin1').replace(/\n$/, '') === 'packfile');
        if (at < 0) {
            const text = pkts.filter((p) => p !== null).map((p) => p.toString('utf8').trim()).join(' | ');
            throw new SmartHttpError(`${this.redacted('/git-upload-pack')}: the fetch got no pack${text ? ` (${text.slice(0, 200)})` : ''}`, false);
        }
        const data = [];
        for (const p of pkts.slice(at + 1)) {
            if (p === null)
                break;
            if (p[0] === 1)
                data.push(p.subarray(1));
            else if (p[0] === 3)
                throw new SmartHttpError(`the remote failed the fetch: ${p.subarray(1).toString('utf8').trim()}`, false);
        }
        try {
            return new Map(parsePack(Buffer.concat(data)).map((o) => [o.oid, o]));
        }
        catch (e) {
            if (e instanceof GitObjectError)
                throw new SmartHttpError(`${this.redacted('/git-upload-pack')}: ${e.message}`, false);
            throw e;
        }
    }
    /** One protocol-v2 command: `command=<name>`, a delim-pkt, the arguments, a flush-pkt. */
    v2(command, args) {
        const payload = Buffer.concat([pktLine(`command=${command}\n`), DelimPkt, ...args.map((a) => pktLine(`${a}\n`)), FlushPkt]);
        return this.call('POST', '/git-upload-pack', { 'Content-Type': 'application/x-git-upload-pack-request', Accept: 'application/x-git-upload-pack-result', 'Git-Protocol': 'version=2' }, payload, 'application/x-git-upload-pack-result');
    }
    async call(method, path, headers, body, contentType) {
        let res;
        try {
            res = await (0,undici.request)(`${this.url}${path}`, {
                method,
                dispatcher: this.dispatcher,
                headers: { ...headers, 'User-Agent': 'git/kiro-action', Authorization: this.authorization, 'Cache-Control': 'no-cache', Pragma: 'no-cache' },
                ...(body ? { body } : {}),
                headersTimeout: 120_000,
                bodyTimeout: 120_000,
            });
        }
        catch (e) {
            const code = e.code ?? e.cause?.code ?? '';
            throw new SmartHttpError(`${method} ${this.redacted(path)} failed: ${e.message}${code ? ` (${code})` : ''}`, TransientCodes.has(code));
        }
        const data = Buffer.from(await res.body.arrayBuffer().catch(() => new ArrayBuffer(0)));
        if (res.statusCode !== 200) {
            const text = data.toString('utf8', 0, Math.min(data.length, 200)).trim();
            throw new SmartHttpError(`${method} ${this.redacted(path)}: HTTP ${res.statusCode}${text ? ` ${text}` : ''}`, res.statusCode >= 500 || res.statusCode === 429, res.statusCode);
        }
        const type = String(res.headers['content-type'] ?? '');
        if (!type.startsWith(contentType))
            throw new SmartHttpError(`${method} ${this.redacted(path)}: unexpected content type ${JSON.stringify(type)}`, false, res.statusCode);
        return data;
    }
    redacted(path) {
        return `${this.url.replace(/\/\/[^/@]*@/, '//')}${path}`;
    }
}

;// CONCATENATED MODULE: ./src/state/transport.ts
/**
 * The state store's in-process transport (docs/state.md, "Transport"): its pushes and record reads
 * over smart HTTP without a git process (src/git/smart-http.ts), the commits it builds for them
 * (src/git/objects.ts), and the files of record commits it has seen, by commit. `ScratchRepo`
 * (repo.ts) asks it first and uses git when it says so — for `file://` remotes, a server without
 * what it needs, a first request that fails for a reason other than a transient one, and the
 * branch's tree whenever the branch moved.
 */







/** receive-pack's reasons for a ref update that lost a race for the ref's lock or old value. */
const LockRace = /atomic (transaction|push) failed|failed to lock|cannot lock|unable to create .*lock|failed to update ref|incorrect old value|reference already exists|stale info/i;
/** Files of commits read or written in this process, beyond which the oldest are forgotten. */
const CommitFilesCap = 50_000;
class InProcessTransport {
    dir;
    url;
    branch;
    authorization;
    /** Decided on first use (`smartClient`). */
    smart;
    /** Object directories (`objects/xx`) known to exist. */
    objectDirs = new Set();
    /** The files of record commits this process wrote or fetched: commit → path → content. */
    commitFiles = new Map();
    /**
     * @param dir the scratch repository (loose objects of the commits built here go there)
     * @param authorization the `Authorization` header (`authorizationHeader`); without it, always git
     */
    constructor(dir, url, branch, authorization) {
        this.dir = dir;
        this.url = url;
        this.branch = branch;
        this.authorization = authorization;
    }
    /** The content of `path` in record commit `commit`, when this process wrote or fetched it. */
    fileOf(commit, path) {
        return this.commitFiles.get(commit)?.get(path);
    }
    /**
     * `ScratchRepo.fetchRecords` in this process: protocol-v2 `ls-refs` of the records (and the
     * branch), then one shallow `fetch` of the record commits this process does not know yet.
     * @param branchTip the branch tip whose tree the scratch repository has (undefined: none)
     * @returns `'git'` when git must read: no in-process fetch, or (`withBranch`) the branch was
     *   never read or moved since `branchTip`
     * @throws StateStoreError when the remote cannot be read
     */
    async fetchRecords(prefix, keys, dirs, withBranch, branchTip) {
        if (withBranch && branchTip === undefined)
            return 'git';
        const smart = await this.smartClient();
        if (!smart || !(await smart.fetch))
            return 'git';
        const wanted = keys.filter((k) => !dirs.some((d) => k.startsWith(d)));
        const branchRef = `refs/heads/${this.branch}`;
        return this.reading(async () => {
            const refs = await smart.client.lsRefs([...wanted.map((k) => `${prefix}${k}`), ...dirs.map((d) => `${prefix}${d}`), ...(withBranch ? [branchRef] : [])]);
            const tip = withBranch ? refs.get(branchRef) : undefined;
            if (withBranch && tip !== branchTip)
                return 'git';
            const records = new Map();
            const exact = new Set(wanted);
            for (const [ref, oid] of refs) {
                const key = ref.startsWith(prefix) ? ref.slice(prefix.length) : undefined;
                if (key !== undefined && (exact.has(key) || dirs.some((d) => key.startsWith(d))))
                    records.set(key, oid);
            }
            const unknown = [...new Set(records.values())].filter((oid) => !this.commitFiles.has(oid));
            if (unknown.length > 0) {
                const objects = await smart.client.fetchObjects(unknown);
                for (const oid of unknown)
                    this.remember(oid, filesOf(objects, oid));
            }
            return { tip, records };
        }, 'could not fetch state records');
    }
    /**
     * Every record ref under `<prefix><dir>` (one `ls-refs`), by key; undefined when git must list.
     * @throws StateStoreError when the remote cannot be read
     */
    async listRecords(prefix, dir) {
        const smart = await this.smartClient();
        if (!smart || !(await smart.fetch))
            return undefined;
        const refs = await this.reading(() => smart.client.lsRefs([`${prefix}${dir}`]), 'could not list state records');
        return new Map([...refs].filter(([ref]) => ref.startsWith(`${prefix}${dir}`)).map(([ref, sha]) => [ref.slice(prefix.length), sha]));
    }
    /**
     * Builds `commits` in this process when the in-process push is available and each either
     * replaces its whole tree (a record) or knows its parent's tree (`base`, the branch); stores
     * them as loose objects too, so git finds them later.
     * @returns undefined when git must write them (`ScratchRepo.commitMany`)
     * @throws StateStoreError (transient) when the remote's ref advertisement failed transiently
     */
    async build(commits, who, timeSec) {
        if (!commits.every((c) => c.replaceTree || c.base || !c.parent) || !(await this.smartClient()))
            return undefined;
        const objects = [];
        const shas = [];
        for (const c of commits) {
            const files = new Map(c.replaceTree ? [] : [...(c.base ?? [])].map(([p, oid]) => [p, { oid }]));
            for (const [p, content] of c.changes) {
                if (content === null)
                    files.delete(p);
                else
                    files.set(p, content);
            }
            const trees = treeObjects(files);
            const commit = commitObject({ tree: trees.at(-1).oid, parent: c.parent, who, timeSec, message: c.message });
            objects.push(...trees, commit);
            shas.push(commit.oid);
            if (c.replaceTree)
                this.remember(commit.oid, c.changes);
        }
        await Promise.all(objects.map((o) => this.writeLoose(o)));
        return { shas, objects };
    }
    /**
     * Pushes commits `build` made to `updates` in one atomic push (`ScratchRepo.pushRefs` has the
     * contract). Every ref is a compare-and-swap on its exact old value: `expect`, the deleted tip,
     * or — for the branch, fast-forward only — its commit's parent. A refused push is told apart by
     * a fresh ref advertisement: this same push landed before its reply was lost (`pushed`), a ref
     * moved or another push held its lock (`conflict`), or a refusal (thrown, not retried).
     * @throws StateStoreError on a failed exchange (transient when worth retrying) or a refusal
     */
    async push(prepared, updates) {
        const smart = (await this.smartClient());
        const parentOf = (commit) => {
            const o = prepared.objects.find((x) => x.oid === commit);
            return o ? parseCommit(o.body).parents[0] : undefined;
        };
        const commands = updates.map((u) => 'delete' in u ? { ref: u.ref, old: u.delete, new: ZeroOid } : { ref: u.ref, old: (u.expect === undefined ? parentOf(u.commit) : u.expect) ?? ZeroOid, new: u.commit });
        const pack = commands.every((c) => c.new === ZeroOid) ? undefined : encodePack(prepared.objects);
        const capabilities = ['report-status', ...(commands.length > 1 ? ['atomic'] : []), ...(smart.capabilities.has('object-format=sha1') ? ['object-format=sha1'] : [])];
        const what = `could not push state branch ${this.branch}${updates.length === 1 && updates[0].ref === `refs/heads/${this.branch}` ? '' : ` (with ${updates.map((u) => u.ref).join(', ')})`}`;
        const report = await this.reading(() => smart.client.push(commands, pack, capabilities), what);
        if (report.unpack !== 'ok')
            throw new errors/* StateStoreError */.zI(`${what}: the state repository could not unpack it: ${report.unpack}`);
        if (commands.every((c) => report.refs.get(c.ref) === null))
            return 'pushed';
        const now = (await this.reading(() => smart.client.advertisement(), what)).refs;
        if (commands.every((c) => (now.get(c.ref) ?? ZeroOid) === c.new))
            return 'pushed';
        if (commands.some((c) => (now.get(c.ref) ?? ZeroOid) !== c.old))
            return 'conflict';
        // Nothing moved, nothing landed: a push racing another for the same ref's lock loses it with
        // "failed to lock" / "atomic transaction failed" even when the other then fails too — a lost
        // race like any other. A hook or a permission says something else: that is not retried.
        const reasons = [...new Set(commands.map((c) => report.refs.get(c.ref) ?? 'no status'))];
        if (reasons.every((r) => LockRace.test(r)))
            return 'conflict';
        throw new errors/* StateStoreError */.zI(`${what}: the state repository refused it (${reasons.join('; ')})`);
    }
    /** `op`, its `SmartHttpError` turned into a `StateStoreError` saying `what` failed. */
    async reading(op, what) {
        try {
            return await op();
        }
        catch (e) {
            if (!(e instanceof SmartHttpError))
                throw e;
            throw new errors/* StateStoreError */.zI(`${what}: ${e.message}`, { transient: e.transient });
        }
    }
    /**
     * The client, decided once: available for an http(s) remote with an `authorization` whose
     * receive-pack offers report-status, atomic and delete-refs over SHA-1; its fetch (`fetch`)
     * when upload-pack speaks protocol v2 with `ls-refs` and shallow fetches. A transient failure of
     * the first request is thrown (the caller retries and asks again); any other (TLS, a proxy only
     * git is configured for, a redirect) falls back to git for good.
     */
    smartClient() {
        this.smart ??= (async () => {
            if (!this.authorization || !/^https?:\/\//.test(this.url))
                return null;
            const client = new GitHttpClient(this.url, this.authorization);
            try {
                const { capabilities } = await client.advertisement();
                const format = [...capabilities].find((c) => c.startsWith('object-format='));
                const missing = ['report-status', 'atomic', 'delete-refs'].filter((c) => !capabilities.has(c));
                if (missing.length === 0 && (!format || format === 'object-format=sha1'))
                    return { client, capabilities, fetch: fetchOffered(client) };
                core/* info */.pq(`state store: pushing with git (the remote does not offer ${missing.length ? missing.join(', ') : format})`);
                return null;
            }
            catch (e) {
                if (e instanceof SmartHttpError && e.transient) {
                    this.smart = undefined;
                    throw new errors/* StateStoreError */.zI(`could not read the state repository's refs: ${e.message}`, { transient: true });
                }
                core/* info */.pq(`state store: pushing with git (${e.message})`);
                return null;
            }
        })();
        return this.smart;
    }
    remember(commit, files) {
        if (this.commitFiles.size >= CommitFilesCap) {
            // forget the oldest tenth (a Map iterates in insertion order)
            let n = Math.ceil(CommitFilesCap / 10);
            for (const k of this.commitFiles.keys()) {
                if (n-- <= 0)
                    break;
                this.commitFiles.delete(k);
            }
        }
        this.commitFiles.set(commit, files);
    }
    /** Stores `o` as a loose object (written under a temporary name, then renamed into place). */
    async writeLoose(o) {
        const dir = (0,external_node_path_.join)(this.dir, 'objects', o.oid.slice(0, 2));
        if (!this.objectDirs.has(dir)) {
            await (0,promises_.mkdir)(dir, { recursive: true });
            this.objectDirs.add(dir);
        }
        const tmp = (0,external_node_path_.join)(dir, `tmp_obj_${(0,external_node_crypto_.randomBytes)(6).toString('hex')}`);
        await (0,promises_.writeFile)(tmp, looseObject(o), { mode: 0o444 });
        await (0,promises_.rename)(tmp, (0,external_node_path_.join)(dir, o.oid.slice(2)));
    }
}
/** True when upload-pack offers what the in-process fetch needs; false (fetch with git) on any failure. */
async function fetchOffered(client) {
    try {
        const caps = await client.uploadPackCapabilities();
        return !!caps && caps.lsRefs && !!caps.fetch?.has('shallow') && (caps.objectFormat === undefined || caps.objectFormat === 'sha1');
    }
    catch (e) {
        core/* info */.pq(`state store: fetching with git (${e.message})`);
        return false;
    }
}
/**
 * The files of record commit `commit` among `objects` (a fetched pack): path → UTF-8 content.
 * @throws SmartHttpError when the pack lacks the commit, a tree or a blob
 */
function filesOf(objects, commit) {
    const get = (oid, type) => {
        const o = objects.get(oid);
        if (!o || o.type !== type)
            throw new SmartHttpError(`the fetched pack lacks ${type} ${oid}`, true);
        return o.body;
    };
    const files = new Map();
    const walk = (tree, dir) => {
        for (const [name, e] of parseTree(get(tree, 'tree'))) {
            if (e.mode === '40000')
                walk(e.oid, `${dir}${name}/`);
            else
                files.set(`${dir}${name}`, get(e.oid, 'blob').toString('utf8'));
        }
    };
    walk(parseCommit(get(commit, 'commit')).tree, '');
    return files;
}

;// CONCATENATED MODULE: ./src/state/repo.ts
/**
 * The state store's private git repository: a bare repository in a scratch directory (never the
 * workspace, so the model's shell cannot see it) whose `origin` is the state repository. Reads and
 * pushes go first to the in-process transport (transport.ts: smart HTTP without a git process);
 * where it declines, git's plumbing: a shallow fetch of the state branch, `ls-tree`, one
 * `cat-file --batch` per read batch, `fast-import` to write blobs, tree and commit in one process,
 * and an atomic push. Every git call goes through `execGit`; the token only travels in the
 * environment (`authEnv`) or, in process, in the `Authorization` header — never in a file or a URL.
 */






/** Ref the fetched tip is stored under (private to the scratch repository). */
const TipRef = 'refs/kiro/tip';
/** Refs fast-import writes new commits to before they are pushed (`<PendingRef>/<n>`). */
const PendingRef = 'refs/kiro/pending';
/** Where fetched record refs are kept (`<LocalRecords><key>`), private to the scratch repository. */
const LocalRecords = 'refs/kiro/records/';
/** git's object id of a blob with this content (SHA-1 object format), computed without git. */
function blobId(content) {
    const body = Buffer.from(content, 'utf8');
    return (0,external_node_crypto_.createHash)('sha1').update(`blob ${body.length}\0`).update(body).digest('hex');
}
class ScratchRepo {
    dir;
    branch;
    env;
    /** True once this process fetched the branch into the scratch repository. */
    fetched = false;
    /** Pushes and record reads without a git process, where the remote allows (transport.ts). */
    remote;
    /** The branch's tip as last fetched with git or pushed (its objects are in this repository). */
    branchTip;
    constructor(dir, branch, env, url, authorization) {
        this.dir = dir;
        this.branch = branch;
        this.env = env;
        this.remote = new InProcessTransport(dir, url, branch, authorization);
    }
    /**
     * Opens (creating on first use) the bare repository in `dir` with `origin` = `url`.
     * @param env environment for every git call (the auth header entries from `authEnv`)
     * @param authorization the `Authorization` header for the in-process push (`authorizationHeader`);
     *   without it every push is `git push`
     */
    static async open(dir, url, branch, env, authorization) {
        await (0,promises_.mkdir)(dir, { recursive: true });
        // A scratch repository lives for one job: no background maintenance, no reflogs. The settings
        // and the remote travel in the environment of every call (GIT_CONFIG_COUNT/KEY/VALUE), so
        // opening costs one `git init` instead of six processes (the acknowledgement's critical path).
        const settings = [
            ['gc.auto', '0'],
            ['maintenance.auto', 'false'],
            ['core.logAllRefUpdates', 'false'],
            ['fetch.writeCommitGraph', 'false'],
            ['remote.origin.url', url],
        ];
        const start = Number.parseInt(env.GIT_CONFIG_COUNT ?? '0', 10) || 0;
        const configured = { ...env, GIT_CONFIG_COUNT: String(start + settings.length) };
        settings.forEach(([k, v], i) => {
            configured[`GIT_CONFIG_KEY_${start + i}`] = k;
            configured[`GIT_CONFIG_VALUE_${start + i}`] = v;
        });
        const repo = new ScratchRepo(dir, branch, configured, url, authorization);
        const exists = await (0,promises_.stat)(`${dir}/HEAD`).then(() => true, () => false);
        if (!exists)
            await repo.git(['init', '--bare', '--quiet', '.']);
        return repo;
    }
    /** Blob entries of a commit's tree: path → object id. */
    async tree(commit) {
        const r = await this.git(['ls-tree', '-r', '-z', '--full-tree', commit]);
        const entries = new Map();
        for (const rec of r.stdout.split('\0')) {
            if (!rec)
                continue;
            const tab = rec.indexOf('\t');
            const [, type, oid] = rec.slice(0, tab).split(' ');
            if (type === 'blob' && oid)
                entries.set(rec.slice(tab + 1), oid);
        }
        return entries;
    }
    /** Contents (UTF-8) of blobs, with one `cat-file --batch`. Unknown ids are left out. */
    async blobs(oids) {
        const out = new Map();
        (await this.catBatch(oids)).forEach((hit, i) => {
            if (hit)
                out.set(oids[i], hit.content);
        });
        return out;
    }
    /**
     * Objects named by `specs` (object ids or `<commit>:<path>`), with one `cat-file --batch`.
     * @returns one entry per spec, in order: its blob id and UTF-8 content, or undefined when missing
     */
    async catBatch(specs) {
        const out = specs.map(() => undefined);
        // record files this process wrote or fetched in process need no git
        const rest = [];
        specs.forEach((spec, i) => {
            const m = /^([0-9a-f]{40}):(.+)$/.exec(spec);
            const content = m ? this.remote.fileOf(m[1], m[2]) : undefined;
            if (content !== undefined)
                out[i] = { oid: blobId(content), content };
            else
                rest.push(i);
        });
        if (rest.length < specs.length) {
            const loaded = await this.catBatch(rest.map((i) => specs[i]));
            rest.forEach((i, j) => (out[i] = loaded[j]));
            return out;
        }
        if (specs.length === 0)
            return out;
        const r = await this.git(['cat-file', '--batch'], false, `${specs.join('\n')}\n`);
        // sizes count bytes of the original blob: content that is not valid UTF-8 changes length once
        // decoded, the framing then no longer lines up and the rest is read one by one below
        const buf = Buffer.from(r.stdout, 'utf8');
        let pos = 0;
        let i = 0;
        for (; i < specs.length; i++) {
            const nl = buf.indexOf(0x0a, pos);
            if (nl < 0)
                break;
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
            if (buf[end] !== 0x0a)
                break;
            out[i] = { oid: m[1], content: buf.subarray(nl + 1, end).toString('utf8') };
            pos = end + 1;
        }
        // a framing surprise: read the rest one by one
        for (let j = i; j < specs.length; j++) {
            if (out[j])
                continue;
            const one = await this.git(['cat-file', 'blob', specs[j]], true);
            if (one.code !== 0)
                continue;
            const oid = await this.git(['rev-parse', '--verify', '--quiet', specs[j]], true);
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
    async fetchRecords(prefix, keys, dirs, withBranch) {
        const fast = await this.remote.fetchRecords(prefix, keys, dirs, withBranch, this.branchTip);
        if (fast !== 'git')
            return fast;
        const wanted = keys.filter((k) => !dirs.some((d) => k.startsWith(d)));
        const specs = [...wanted, ...dirs].map((k) => `+${prefix}${k}*:${LocalRecords}${k}*`);
        if (!withBranch && specs.length === 0)
            return { tip: undefined, records: new Map() };
        // The first fetch of the branch is shallow (a long-lived branch has thousands of commits); later
        // ones are incremental from the tip we have, which costs the server less than depth 1 again.
        const branch = withBranch ? [...(this.fetched ? [] : ['--depth=1']), `+refs/heads/${this.branch}:${TipRef}`] : [];
        const r = await this.git(['fetch', '--quiet', '--no-tags', '--no-recurse-submodules', 'origin', ...branch, ...specs], true);
        if (r.code !== 0) {
            if (withBranch && /couldn't find remote ref/i.test(r.stderr))
                return undefined;
            throw new errors/* StateStoreError */.zI(`could not fetch ${withBranch ? `state branch ${this.branch}` : 'state records'}: ${lastLines(r.stderr)}`, { transient: isTransient(r) });
        }
        const head = await this.fetchHead();
        let tip;
        if (withBranch) {
            this.fetched = true;
            // "<sha>\t\tbranch '<name>' of <url>"
            tip = head.split('\n').map((l) => /^([0-9a-f]{40,64})\t[^\t]*\tbranch '([^']+)' of /.exec(l)).find((m) => m?.[2] === this.branch)?.[1];
            tip ??= (await this.git(['rev-parse', '--verify', '--quiet', `${TipRef}^{commit}`])).stdout.trim();
            this.branchTip = tip;
        }
        const records = new Map();
        const exact = new Set(wanted);
        for (const line of head.split('\n')) {
            // "<sha>\t[not-for-merge]\t'<ref>' of <url>"
            const m = /^([0-9a-f]{40,64})\t[^\t]*\t'([^']+)' of /.exec(line);
            if (!m || !m[2].startsWith(prefix))
                continue;
            const key = m[2].slice(prefix.length);
            if (exact.has(key) || dirs.some((d) => key.startsWith(d)))
                records.set(key, m[1]);
        }
        return { tip, records };
    }
    fetchHead() {
        return (0,promises_.readFile)((0,external_node_path_.join)(this.dir, 'FETCH_HEAD'), 'utf8').catch(() => '');
    }
    /**
     * Every record ref under `<prefix><dir>` on the remote (one `git ls-remote`, no objects).
     * @returns tip commit by key (`<dir>…`)
     */
    async listRecords(prefix, dir) {
        const fast = await this.remote.listRecords(prefix, dir);
        if (fast)
            return fast;
        const r = await this.git(['ls-remote', '--refs', 'origin', `${prefix}${dir}*`], true);
        if (r.code !== 0)
            throw new errors/* StateStoreError */.zI(`could not list state records: ${lastLines(r.stderr)}`, { transient: isTransient(r) });
        const out = new Map();
        for (const line of r.stdout.split('\n')) {
            const [sha, ref] = line.split('\t');
            if (sha && ref?.startsWith(`${prefix}${dir}`))
                out.set(ref.slice(prefix.length), sha);
        }
        return out;
    }
    /**
     * Writes several independent commits (one per ref to update) with one `git fast-import`. A commit
     * with `replaceTree` has exactly `changes` as its tree (a per-task ref's single file); otherwise
     * `changes` are applied to the parent's tree.
     * @returns the new commit ids, in order
     */
    async commitMany(commits, who, timeSec) {
        const data = (s) => `data ${Buffer.byteLength(s, 'utf8')}\n${s}\n`;
        const ident = `${who.name} <${who.email}> ${Math.floor(timeSec)} +0000`;
        let script = '';
        commits.forEach((c, i) => {
            script += `commit ${PendingRef}/${i}\nmark :${i + 1}\nauthor ${ident}\ncommitter ${ident}\n${data(c.message)}`;
            if (c.parent)
                script += `from ${c.parent}\n`;
            if (c.replaceTree)
                script += 'deleteall\n';
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
            throw new errors/* StateStoreError */.zI(`git fast-import returned no commit id: ${lastLines(r.stdout + r.stderr)}`);
        }
        return shas;
    }
    /**
     * Writes `commits` for one push: in this process where the transport can (transport.ts `build`:
     * no git process), else with `commitMany`.
     * @returns the commit ids in order, with the objects when built in this process
     * @throws StateStoreError (transient) when the remote's ref advertisement failed transiently
     */
    async prepare(commits, who, timeSec) {
        if (commits.length === 0)
            return { shas: [] };
        return (await this.remote.build(commits, who, timeSec)) ?? { shas: await this.commitMany(commits, who, timeSec) };
    }
    /**
     * Pushes prepared commits to `updates` (each names its commit among `prepared.shas`): in this
     * process when `prepare` built them there, else with `pushRefs`. Same contract as `pushRefs`;
     * pushing the same commits again after a lost reply reports `pushed`.
     */
    async pushPrepared(prepared, updates) {
        if (!prepared.objects)
            return this.pushRefs(updates);
        const outcome = await this.remote.push({ ...prepared, objects: prepared.objects }, updates);
        if (outcome === 'pushed')
            this.pushedBranch(updates);
        return outcome;
    }
    /** Notes the branch's new tip after a push that wrote it. */
    pushedBranch(updates) {
        const b = updates.find((u) => u.ref === `refs/heads/${this.branch}`);
        if (b && !('delete' in b))
            this.branchTip = b.commit;
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
    async pushRefs(updates) {
        const args = ['push', '--porcelain', '--no-verify'];
        if (updates.length > 1)
            args.push('--atomic');
        for (const u of updates) {
            if ('delete' in u)
                args.push(`--force-with-lease=${u.ref}:${u.delete}`);
            else if (u.expect !== undefined)
                args.push(`--force-with-lease=${u.ref}:${u.expect ?? ''}`);
        }
        args.push('origin', ...updates.map((u) => ('delete' in u ? `:${u.ref}` : `${u.commit}:${u.ref}`)));
        const r = await this.git(args, true);
        if (r.code === 0) {
            this.pushedBranch(updates);
            return 'pushed';
        }
        // --porcelain reports the ref status on stdout ("!\t<src>:<dst>\t[rejected] (fetch first)").
        if ((0,exec/* isNonFastForward */.d7)({ ...r, stderr: `${r.stderr}\n${r.stdout}` }))
            return 'conflict';
        const what = updates.length === 1 && updates[0].ref === `refs/heads/${this.branch}` ? '' : ` (with ${updates.map((u) => u.ref).join(', ')})`;
        throw new errors/* StateStoreError */.zI(`could not push state branch ${this.branch}${what}: ${lastLines(`${r.stdout}\n${r.stderr}`)}`, { transient: isTransient(r) });
    }
    git(args, allowFailure = false, input) {
        return (0,exec/* execGit */.Ix)(args, { cwd: this.dir, env: this.env, allowFailure, ...(input !== undefined ? { input } : {}) });
    }
}
/** A retryable failure (`isTransientGitError`, the one rule for all of the action's git). */
function isTransient(r) {
    return (0,exec/* isTransientGitError */.pd)(r.stderr);
}
function lastLines(text) {
    return text
        .trim()
        .split('\n')
        .filter((l) => l && !l.startsWith('hint:') && l !== 'Done')
        .slice(-3)
        .join(' | ');
}

;// CONCATENATED MODULE: ./src/state/migrations.ts
/**
 * Layout migrations (SPEC.md §3: "a newer action reads an older store"). A snapshot whose
 * `kiro-state.json` names an older version is migrated in memory when it is read: reads see the
 * current layout at once, and the first update commits the migrated files together with its own
 * change. Migrations must be deterministic functions of the tree they are given — they run again
 * on every snapshot until one update has persisted them.
 */




/**
 * v0 is the layout of pre-release builds: no `kiro-state.json`, task records at
 * `tasks/<id>/task.json`, and all learnings of an owner in one JSON array
 * `learnings/<owner>.json` of `{text, url, repository, date}`.
 */
const v0ToV1 = {
    from: 0,
    to: 1,
    description: 'tasks/<id>/task.json → tasks/<id>.json; learnings/<owner>.json → learnings/<owner>/<id>.md',
    async migrate(tx) {
        const taskFiles = (await tx.list('tasks/')).filter((p) => /^tasks\/[^/]+\/task\.json$/.test(p));
        const tasks = await tx.readMany(taskFiles);
        for (const [path, content] of tasks) {
            const id = path.split('/')[1] ?? '';
            tx.write(state_paths/* StatePaths */.cc.task(id), content);
            tx.delete(path);
        }
        const learningFiles = (await tx.list('learnings/')).filter((p) => /^learnings\/[^/]+\.json$/.test(p));
        const learnings = await tx.readMany(learningFiles);
        for (const [path, content] of learnings) {
            const owner = path.slice('learnings/'.length, -'.json'.length);
            let items;
            try {
                items = JSON.parse(content);
            }
            catch {
                continue; // unreadable: leave the file for a person to look at
            }
            if (!Array.isArray(items))
                continue;
            for (const item of items) {
                if (typeof item?.text !== 'string' || !item.text.trim())
                    continue;
                const date = typeof item.date === 'string' ? item.date : '1970-01-01T00:00:00.000Z';
                const l = {
                    id: (0,state_learnings/* learningId */.ku)(item.text),
                    owner,
                    text: item.text.trim(),
                    createdAt: date,
                    updatedAt: date,
                    provenance: typeof item.url === 'string'
                        ? [{ url: item.url, repository: typeof item.repository === 'string' ? item.repository : '', date }]
                        : [],
                };
                tx.write(state_paths/* StatePaths */.cc.learning((0,state_paths/* ownerKey */.lf)(owner), l.id), (0,state_learnings/* renderLearningFile */.H5)(l));
            }
            tx.delete(path);
        }
    },
};
/**
 * v2 keeps each task record on its own ref (`refs/kiro-state/<branch>/tasks/<id>`, file
 * `task.json`) instead of `tasks/<id>.json` on the branch, so that tasks do not contend for the
 * branch (issue #12). Moving every record at once would make one push of thousands of refs, so a
 * version-1 record stays where it is and is read from there until its task is next written: that
 * write creates the ref and deletes the branch file in one atomic push. The migration itself only
 * records the new version — after it, a version-1 action refuses the store instead of missing the
 * records it cannot see.
 */
const v1ToV2 = {
    from: 1,
    to: 2,
    description: 'task records move to refs/kiro-state/<branch>/tasks/<id> as they are written',
    async migrate() {
        /* records move lazily (see above); migrateTo writes the version */
    },
};
/**
 * v3 keeps the records every task's start and end touch on their own refs too — concurrency slots
 * (`slots/<n>`), queue entries and the issue/pull-request index — so that tasks starting and ending
 * at once do not contend for the branch (issue #12). Like v2 it moves nothing at once: a version-2
 * index or queue file is read from the branch until it is next written (that write moves it), and
 * a version-2 lease (`leases/<taskId>.json`) keeps its slot until its task releases it (new leases
 * are slots). The migration only records the new version, after which a version-2 action refuses
 * the store.
 */
const v2ToV3 = {
    from: 2,
    to: 3,
    description: 'slots, queue entries and index entries move to refs/kiro-state/<branch>/… as they are written',
    async migrate() {
        /* records move lazily (see above); migrateTo writes the version */
    },
};
/** Every migration, in order; `from` of each is `to` of the previous one. */
const Migrations = [v0ToV1, v1ToV2, v2ToV3];
/**
 * Applies the migrations from `version` to `StateVersion` on `tx`, then writes the current version
 * into `kiro-state.json` (keeping any other field of the old file).
 * @throws StateVersionError when `version` is newer than this action's `StateVersion`
 */
async function migrateTo(tx, version, where, target = constants/* StateVersion */.aT, table = Migrations) {
    if (version > target)
        throw new errors/* StateVersionError */.IZ(version, target, where);
    if (version === target)
        return;
    let v = version;
    while (v < target) {
        const m = table.find((x) => x.from === v);
        if (!m)
            throw new Error(`no state-store migration from layout version ${v} (to ${target})`);
        await m.migrate(tx);
        v = m.to;
    }
    const old = await tx.readJson(state_paths/* StateFiles */.l.Meta).catch(() => undefined);
    const meta = old && typeof old === 'object' && !Array.isArray(old) ? old : {};
    tx.writeJson(state_paths/* StateFiles */.l.Meta, { ...meta, version: target });
}

;// CONCATENATED MODULE: ./src/state/view.ts


class OverlayTx {
    base;
    overlay;
    load;
    writable;
    own = new Map();
    /**
     * @param overlay changes below this transaction's own (later layers merged by the caller)
     * @param writable false for a read-only view (`write`/`delete` throw)
     */
    constructor(base, overlay, load, writable = true) {
        this.base = base;
        this.overlay = overlay;
        this.load = load;
        this.writable = writable;
    }
    get tip() {
        return this.base.tip;
    }
    get changes() {
        return this.own;
    }
    async read(path) {
        return (await this.readMany([path])).get(path);
    }
    async readMany(paths) {
        const out = new Map();
        const wanted = new Map();
        for (const p of paths) {
            const layered = this.layered(p);
            if (layered === null)
                continue;
            if (layered !== undefined) {
                out.set(p, layered);
                continue;
            }
            const oid = this.base.entries.get(p);
            if (oid === undefined)
                continue;
            const list = wanted.get(oid) ?? [];
            list.push(p);
            wanted.set(oid, list);
        }
        if (wanted.size > 0) {
            const blobs = await this.load([...wanted.keys()]);
            for (const [oid, ps] of wanted) {
                const content = blobs.get(oid);
                if (content === undefined)
                    continue;
                for (const p of ps)
                    out.set(p, content);
            }
        }
        return out;
    }
    async list(prefix = '') {
        const all = new Set();
        for (const p of this.base.entries.keys())
            if (p.startsWith(prefix))
                all.add(p);
        for (const layer of [this.overlay, this.own]) {
            for (const [p, c] of layer) {
                if (!p.startsWith(prefix))
                    continue;
                if (c === null)
                    all.delete(p);
                else
                    all.add(p);
            }
        }
        return [...all].sort();
    }
    async exists(path) {
        const layered = this.layered(path);
        if (layered !== undefined)
            return layered !== null;
        return this.base.entries.has(path);
    }
    async readJson(path, schema) {
        const text = await this.read(path);
        if (text === undefined)
            return undefined;
        return parseJsonRecord(path, text, schema);
    }
    write(path, content) {
        this.assertWritable();
        (0,state_paths/* assertWritablePath */.It)(path);
        this.own.set(path, content);
    }
    writeJson(path, value) {
        this.write(path, `${JSON.stringify(value, null, 2)}\n`);
    }
    delete(path) {
        this.assertWritable();
        this.own.set(path, null);
    }
    /** Content from a layer (string), deleted in a layer (null), or not in any layer (undefined). */
    layered(path) {
        if (this.own.has(path))
            return this.own.get(path) ?? null;
        if (this.overlay.has(path))
            return this.overlay.get(path) ?? null;
        return undefined;
    }
    assertWritable() {
        if (!this.writable)
            throw new Error('this state view is read-only: write inside StateStore.update()');
    }
}
/**
 * Parses a JSON record and validates it with `schema`.
 * @throws StateRecordError naming the file and the first problems
 */
function parseJsonRecord(path, text, schema) {
    let value;
    try {
        value = JSON.parse(text);
    }
    catch (e) {
        throw new errors/* StateRecordError */.J1(path, `not valid JSON (${e.message})`);
    }
    if (!schema)
        return value;
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
        const issues = parsed.error.issues
            .slice(0, 3)
            .map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
            .join('; ');
        throw new errors/* StateRecordError */.J1(path, issues);
    }
    return parsed.data;
}

;// CONCATENATED MODULE: ./src/state/snapshot.ts
/**
 * The state branch at one tip as transactions read it: its tree, plus the files the layout adds
 * on read — the initial files of a new branch, or a migration from an older layout version.
 */





const Empty = new Map();
/** README.md written when the branch is created. */
const StateReadme = `# kiro-action state

This branch is the durable state of kiro-action: learnings (one markdown file per learning) and
batches; task records, concurrency slots, the queue and the issue/pull request index live on refs
next to it. It is written by the action with ordinary git commits; you can read it, and you may
edit or delete a learning under \`learnings/<owner>/\` with a normal commit — the next task honours it.

Layout (version in \`kiro-state.json\`); records on refs are \`refs/kiro-state/<branch>/<name>\`:

- \`tasks/<id>\` — one ref per task (file \`task.json\`; on this branch as \`tasks/<id>.json\` in
  layout 1, moved on their next write)
- \`slots/<n>\` — concurrency slots (file \`lease.json\`); \`queue/<enqueuedAt>-<taskId>\` — waiting
  tasks (file \`entry.json\`)
- \`index/issues/<owner>/<repo>/<n>\`, \`index/pulls/<owner>/<repo>/<n>\` — issue/PR → task (file
  \`index.json\`; on this branch as \`.json\` files in layouts 1 and 2, moved on their next write)
- on this branch: \`learnings/<owner>/<id>.md\` — learnings (front matter + text);
  \`batches/<id>.json\` — batches across repositories

See docs/state.md in the kiro-action repository for the full description.
`;
/**
 * The snapshot of the branch at `tip` (undefined: no branch yet, the initial files are added).
 * @param label `repository@branch`, for the migration's messages
 * @throws StateRecordError when `kiro-state.json` is unreadable; a newer layout is refused by `migrateTo`
 */
async function buildSnapshot(repo, loader, tip, label) {
    const entries = tip ? await repo.tree(tip) : Empty;
    const base = { tip, entries };
    const metaOid = entries.get(state_paths/* StateFiles */.l.Meta);
    if (metaOid === undefined && entries.size === 0) {
        return {
            base,
            overlay: new Map([
                [state_paths/* StateFiles */.l.Meta, `${JSON.stringify({ version: constants/* StateVersion */.aT }, null, 2)}\n`],
                [state_paths/* StateFiles */.l.Readme, StateReadme],
            ]),
        };
    }
    let version = 0;
    if (metaOid !== undefined) {
        const text = (await loader([metaOid])).get(metaOid) ?? '';
        const meta = parseJsonRecord(state_paths/* StateFiles */.l.Meta, text);
        const v = meta?.version;
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 0)
            throw new errors/* StateRecordError */.J1(state_paths/* StateFiles */.l.Meta, '"version" must be a non-negative integer');
        version = v;
    }
    if (version === constants/* StateVersion */.aT)
        return { base, overlay: new Map() };
    const tx = new OverlayTx(base, new Map(), loader);
    await migrateTo(tx, version, label);
    return { base, overlay: new Map(tx.changes) };
}

;// CONCATENATED MODULE: ./src/state/source.ts
/**
 * What the state store's transactions read through (`TxSource`, tx.ts): the branch's snapshot
 * (fetched, built once per tip and cached, or remembered from this store's own push) and the
 * records on their own refs (fetched by pattern, their contents cached by tip), with blobs
 * loaded in batches. One fetch at a time: they share the scratch repository's FETCH_HEAD.
 */





class StateSource {
    repo;
    o;
    blobCache = new Map();
    /** The last snapshot fetched or pushed, and when (`performance.now()`, ms). */
    cached;
    warnedUnreadable = false;
    /** Serialises fetches: they share the scratch repository's FETCH_HEAD. */
    fetching = Promise.resolve();
    /** The last known record of each record ref this store wrote or read, by key: tip and content. */
    taskMemo = new Map();
    /** True once the branch was read (and so its layout version checked). */
    versionChecked = false;
    /**
     * @param o.dryRun a dry run without access to the state repository reads an empty store
     * @param o.label `repository@branch`, for messages
     * @param o.refPrefix the prefix of record refs (`StateRefs.prefix`)
     */
    constructor(repo, o) {
        this.repo = repo;
        this.o = o;
    }
    loader = async (oids) => {
        const missing = oids.filter((o) => !this.blobCache.has(o));
        if (missing.length > 0) {
            const loaded = await this.repo.blobs(missing);
            if (this.blobCache.size > 20_000)
                this.blobCache.clear();
            for (const [oid, content] of loaded)
                this.blobCache.set(oid, content);
        }
        const out = new Map();
        for (const o of oids) {
            const c = this.blobCache.get(o);
            if (c !== undefined)
                out.set(o, c);
        }
        return out;
    };
    /** What transactions read through; network reads go through `retry` (transient failures). */
    txSource(retry) {
        return {
            branch: (maxAgeMs) => (maxAgeMs !== undefined && this.cached && performance.now() - this.cached.at <= maxAgeMs ? Promise.resolve(this.cached.snapshot) : retry(() => this.fetchSnapshot())),
            records: (keys, dirs, cachedOk) => this.fetchRecords(keys, dirs, cachedOk, retry),
            branchAndRecords: (keys, dirs, cachedOk) => this.fetchBranchAndRecords(keys, dirs, cachedOk, retry),
            recordKeys: async (dir) => [...(await this.readable(() => retry(() => this.repo.listRecords(this.o.refPrefix, dir)), new Map())).keys()],
            load: (oids) => this.loader(oids),
        };
    }
    /** `op`, or in a dry run without access to the state repository, `empty` (with one warning). */
    async readable(op, empty) {
        try {
            return await op();
        }
        catch (e) {
            if (!this.o.dryRun || !(e instanceof errors/* StateStoreError */.zI))
                throw e;
            // A local dry run (act) may have no access to the state repository: read an empty store.
            if (!this.warnedUnreadable)
                core/* warning */.$e(`dry run: reading an empty state store (${e.message})`);
            this.warnedUnreadable = true;
            return empty;
        }
    }
    /** Runs one fetch at a time (they share FETCH_HEAD); reads of a view may overlap an update. */
    serialFetch(fn) {
        const run = this.fetching.then(fn, fn);
        this.fetching = run.catch(() => undefined);
        return run;
    }
    /**
     * Records by key (and every record under `dirs`): from memory for `cachedOk` keys this store
     * knows, else one fetch of their refs and one `cat-file` of the records whose tip changed.
     */
    async fetchRecords(keys, dirs, cachedOk, retry) {
        const { toFetch, out } = this.fromMemory(keys, cachedOk);
        if (toFetch.length === 0 && dirs.length === 0)
            return out;
        const fetched = await this.readable(() => retry(() => this.serialFetch(() => this.repo.fetchRecords(this.o.refPrefix, toFetch, dirs, false))), undefined);
        return this.recordsAt(toFetch, dirs, fetched?.records ?? new Map(), out);
    }
    /** Splits `keys` into those served from memory (in `out`, marked cached) and those to fetch. */
    fromMemory(keys, cachedOk) {
        const out = new Map();
        const toFetch = [];
        for (const key of keys) {
            const memo = this.taskMemo.get(key);
            if (memo && cachedOk.has(key))
                out.set(key, { ...memo, cached: true });
            else
                toFetch.push(key);
        }
        return { toFetch, out };
    }
    /**
     * The records of `toFetch` and under `dirs` at the fetched `tips` (loading those whose tip
     * changed), added to `out`; a key of `toFetch` without a tip is absent.
     */
    async recordsAt(toFetch, dirs, tips, out) {
        const keys = [...new Set([...toFetch, ...[...tips.keys()].filter((k) => dirs.some((d) => k.startsWith(d)))])];
        const stale = keys.filter((k) => tips.has(k) && this.taskMemo.get(k)?.tip !== tips.get(k));
        const loaded = await this.repo.catBatch(stale.map((k) => `${tips.get(k)}:${state_paths/* StateRefs */.u.fileOf(k)}`));
        stale.forEach((k, i) => this.taskMemo.set(k, { tip: tips.get(k), content: loaded[i]?.content }));
        for (const k of keys) {
            const tip = tips.get(k);
            if (tip === undefined) {
                this.taskMemo.delete(k);
                out.set(k, { tip: undefined, content: undefined });
            }
            else
                out.set(k, { ...this.taskMemo.get(k) });
        }
        return out;
    }
    /**
     * The branch and the records of `keys` (those not served from memory) and under `dirs` with one
     * fetch; when the branch does not exist yet, read separately.
     */
    async fetchBranchAndRecords(keys, dirs, cachedOk, retry) {
        const { toFetch, out } = this.fromMemory(keys, cachedOk);
        const both = await this.readable(() => retry(() => this.serialFetch(() => this.repo.fetchRecords(this.o.refPrefix, toFetch, dirs, true))), undefined);
        if (!both) {
            const snapshot = await retry(() => this.fetchSnapshot());
            return { snapshot, records: await this.fetchRecords(keys, dirs, cachedOk, retry) };
        }
        return { snapshot: await this.snapshotAt(both.tip), records: await this.recordsAt(toFetch, dirs, both.records, out) };
    }
    /** Fetches the tip and builds (or reuses) its snapshot: tree, version check, migration. */
    async fetchSnapshot() {
        const fetched = await this.readable(() => this.serialFetch(() => this.repo.fetchRecords(this.o.refPrefix, [], [], true)), undefined);
        return this.snapshotAt(fetched?.tip);
    }
    /** The snapshot of the fetched `tip` (reused when it is the one cached). */
    async snapshotAt(tip) {
        if (this.cached && this.cached.tip === tip) {
            this.cached.at = performance.now();
            return this.cached.snapshot;
        }
        const snapshot = await buildSnapshot(this.repo, this.loader, tip, this.o.label);
        this.cached = { tip, snapshot, at: performance.now() };
        this.versionChecked = true;
        return snapshot;
    }
    /**
     * Caches the snapshot of a commit we just pushed (its tree is the parent's plus `changes`), so
     * the next operation skips `ls-tree` and `cat-file` when nobody else wrote in between. Only for
     * SHA-1 repositories, where `blobId` matches git's object ids.
     */
    remember(commit, parent, changes) {
        if (commit.length !== 40) {
            this.cached = undefined;
            return;
        }
        const entries = new Map(parent.base.entries);
        for (const [path, content] of changes) {
            if (content === null)
                entries.delete(path);
            else {
                const oid = blobId(content);
                entries.set(path, oid);
                this.blobCache.set(oid, content);
            }
        }
        this.cached = { tip: commit, snapshot: { base: { tip: commit, entries }, overlay: new Map() }, at: performance.now() };
    }
}

;// CONCATENATED MODULE: ./src/state/slots.ts
/**
 * Concurrency slots (SPEC.md J6: at most `max-concurrent-tasks` tasks In progress per state
 * store). Layout version 3 keeps each slot as its own record `slots/<n>.json` (n = 1 … max, a ref
 * next to the state branch) holding a lease with an expiry, so a runner that dies frees its slot;
 * a task that finds no slot waits in `queue/` (one record per entry, names sort by enqueue time).
 * Because a slot is a numbered record, taking one is a compare-and-swap on *that* slot only: two
 * tasks starting at once contend only when they pick the same free slot (they pick at random), never
 * on one shared ref. A finishing task hands its slot to the oldest queued task by writing a
 * *reserved* lease for it and deleting its queue record (two finishing tasks handing on to the same
 * task collide on that record); the caller then starts that task's continuation run, which turns
 * the reservation into its lease. A reservation that expires untaken (its run never started: the
 * dispatch was lost, or the runner that was to send it died) puts the task back in the queue at its
 * old place, so it is handed a slot — and its run started — again instead of being stranded Queued.
 *
 * Records are only compared where they are written, so a release that saw an empty queue and a task
 * that saw every slot taken could pass each other (the release frees a slot the queued task never
 * hears of). Each side therefore looks again after its write (`settleTx`, run by the store): of a
 * release and an enqueue, at least one sees the other's write and hands the slot on.
 *
 * Version-2 leases (`leases/<taskId>.json` on the branch) are still honoured — counted, renewed and
 * released where they are — until their task lets go of them; new leases are always slots.
 *
 * Every function here runs inside one `StateStore.update`, so a decision is one compare-and-swap.
 */


const iso = (ms) => new Date(ms).toISOString();
async function loadSlots(r, nowMs) {
    // the branch (version-2 leases), the slots and the queue with one fetch
    if ('prefetch' in r)
        await r.prefetch?.([], [state_paths/* StateDirs */.Qo.Slots, state_paths/* StateDirs */.Qo.Queue]);
    const slotPaths = (await r.list(state_paths/* StateDirs */.Qo.Slots)).filter((p) => state_paths/* StatePaths */.cc.slotNumber(p) !== undefined);
    const filePaths = (await r.list(state_paths/* StateDirs */.Qo.Leases)).filter((p) => p.endsWith('.json'));
    const queuePaths = await r.list(state_paths/* StateDirs */.Qo.Queue);
    const files = await r.readMany([...slotPaths, ...filePaths]);
    const s = { leases: new Map(), used: new Set(), lapsed: [], staleFiles: [], queue: [] };
    for (const p of [...slotPaths, ...filePaths]) {
        let lease;
        try {
            const parsed = schema/* Lease */.nD.safeParse(JSON.parse(files.get(p) ?? ''));
            if (parsed.success)
                lease = parsed.data;
        }
        catch {
            // unreadable: treated as expired so it cannot hold a slot forever
        }
        const slot = state_paths/* StatePaths */.cc.slotNumber(p);
        // a version-2 lease file must name its own task
        const valid = lease !== undefined && (slot !== undefined || state_paths/* StatePaths */.cc.lease(lease.taskId) === p);
        const live = valid && Date.parse(lease.expiresAt) > nowMs && !s.leases.has(lease.taskId);
        if (live) {
            s.leases.set(lease.taskId, { lease: lease, path: p });
            if (slot !== undefined)
                s.used.add(slot);
            continue;
        }
        if (slot === undefined)
            s.staleFiles.push(p);
        if (valid && lease.reserved && Date.parse(lease.expiresAt) <= nowMs) {
            s.lapsed.push({ path: p, taskId: lease.taskId, queuedAtMs: lease.queuedAt ? Date.parse(lease.queuedAt) : Date.parse(lease.acquiredAt) });
        }
    }
    const seen = new Set();
    for (const p of queuePaths) {
        const taskId = state_paths/* StatePaths */.cc.queueTaskId(p);
        if (taskId === undefined || seen.has(taskId))
            continue;
        seen.add(taskId);
        s.queue.push({ path: p, taskId });
    }
    return s;
}
function dequeue(tx, s, taskId) {
    for (let i = s.queue.length - 1; i >= 0; i--) {
        const q = s.queue[i];
        if (q && q.taskId === taskId) {
            tx.delete(q.path);
            s.queue.splice(i, 1);
        }
    }
}
/**
 * A free slot's path (a number up to `max` that no live lease holds), picked at random so that
 * tasks starting at once mostly pick different slots; undefined when `max` leases are live.
 */
function freeSlot(s, max) {
    if (s.leases.size >= max)
        return undefined;
    const free = [];
    for (let n = 1; n <= max; n++)
        if (!s.used.has(n))
            free.push(n);
    const n = free[Math.floor(Math.random() * free.length)];
    return n === undefined ? undefined : state_paths/* StatePaths */.cc.slot(n);
}
/** Records `lease` as live in `s` and writes it at `path`. */
function hold(tx, s, path, lease) {
    tx.writeJson(path, lease);
    s.leases.set(lease.taskId, { lease, path });
    const n = state_paths/* StatePaths */.cc.slotNumber(path);
    if (n !== undefined)
        s.used.add(n);
}
/** Forgets `taskId`'s lease in `s` and deletes its record; returns whether it held one. */
function letGo(tx, s, taskId) {
    const own = s.leases.get(taskId);
    if (!own)
        return false;
    tx.delete(own.path);
    s.leases.delete(taskId);
    const n = state_paths/* StatePaths */.cc.slotNumber(own.path);
    if (n !== undefined)
        s.used.delete(n);
    return true;
}
/**
 * Gives free slots to the oldest queued tasks. `caller` (when queued and reached) gets a real lease
 * for `callerRun`; others get a reservation lasting `reservationMs`. Returns the others' ids.
 */
function handOff(tx, s, max, nowMs, reservationMs, caller) {
    const handed = [];
    for (let path = freeSlot(s, max); path !== undefined && s.queue.length > 0; path = freeSlot(s, max)) {
        const next = s.queue.shift();
        tx.delete(next.path);
        if (s.leases.has(next.taskId))
            continue; // queued and holding a slot at once (a race): it keeps the one
        const isCaller = caller?.taskId === next.taskId;
        const lease = isCaller
            ? { taskId: next.taskId, runId: caller.runId, acquiredAt: iso(nowMs), expiresAt: iso(nowMs + caller.leaseMs) }
            : { taskId: next.taskId, acquiredAt: iso(nowMs), expiresAt: iso(nowMs + reservationMs), reserved: true, queuedAt: iso(state_paths/* StatePaths */.cc.queueStamp(next.path) ?? nowMs) };
        hold(tx, s, path, lease);
        if (!isCaller)
            handed.push(next.taskId);
    }
    return handed;
}
/**
 * Puts a task whose reservation lapsed back in the queue at its old place, deleting the lapsed
 * reservation in the same write (so it is re-queued once); deletes stale version-2 lease files.
 * Expired leases of dead runs need nothing: their slot counts as free and is overwritten when taken.
 */
function dropStale(tx, s) {
    for (const p of s.staleFiles)
        tx.delete(p);
    for (const { path, taskId, queuedAtMs } of s.lapsed) {
        if (state_paths/* StatePaths */.cc.slotNumber(path) !== undefined)
            tx.delete(path);
        if (s.leases.has(taskId) || s.queue.some((q) => q.taskId === taskId))
            continue;
        const entry = state_paths/* StatePaths */.cc.queueEntry(queuedAtMs, taskId);
        tx.writeJson(entry, { taskId, enqueuedAt: iso(queuedAtMs) });
        s.queue.push({ path: entry, taskId });
    }
    if (s.lapsed.length)
        s.queue.sort((a, b) => a.path.localeCompare(b.path));
}
/**
 * Takes a slot for `taskId` or queues it. A task that holds a lease (or a reservation handed to
 * it) keeps it and gets a fresh expiry. A new task takes a free slot only when nobody is queued;
 * otherwise it joins the queue and free slots go to the oldest queued tasks (which may include it).
 * A task left queued must have the store `settleTx` after this write (see the module comment).
 */
async function acquireSlotTx(tx, taskId, runId, max, leaseMs, nowMs, reservationMs) {
    if (!(max >= 1))
        throw new Error(`max-concurrent-tasks must be at least 1 (got ${max})`);
    const s = await loadSlots(tx, nowMs);
    dropStale(tx, s);
    const own = s.leases.get(taskId);
    if (own) {
        dequeue(tx, s, taskId);
        hold(tx, s, own.path, { taskId, runId, acquiredAt: own.lease.reserved ? iso(nowMs) : own.lease.acquiredAt, expiresAt: iso(nowMs + leaseMs) });
        return { acquired: true, handedTo: handOff(tx, s, max, nowMs, reservationMs) };
    }
    const free = s.queue.length === 0 ? freeSlot(s, max) : undefined;
    if (free) {
        hold(tx, s, free, { taskId, runId, acquiredAt: iso(nowMs), expiresAt: iso(nowMs + leaseMs) });
        return { acquired: true, handedTo: [] };
    }
    if (!s.queue.some((q) => q.taskId === taskId)) {
        const path = state_paths/* StatePaths */.cc.queueEntry(nowMs, taskId);
        const entry = { taskId, enqueuedAt: iso(nowMs), runId };
        tx.writeJson(path, entry);
        s.queue.push({ path, taskId });
        s.queue.sort((a, b) => a.path.localeCompare(b.path));
    }
    const handedTo = handOff(tx, s, max, nowMs, reservationMs, { taskId, runId, leaseMs });
    if (s.leases.has(taskId))
        return { acquired: true, handedTo };
    return { acquired: false, position: s.queue.findIndex((q) => q.taskId === taskId) + 1, handedTo };
}
/**
 * Hands free slots to the oldest queued tasks — the look after a write that closes the gap between
 * a release and an enqueue (module comment). `caller`, when reached, gets a real lease.
 * @returns the ids handed a reservation, and whether `caller` now holds a lease
 */
async function settleTx(tx, max, nowMs, reservationMs, caller) {
    const s = await loadSlots(tx, nowMs);
    dropStale(tx, s);
    const handedTo = s.queue.length > 0 ? handOff(tx, s, max, nowMs, reservationMs, caller) : [];
    return { handedTo, callerHolds: caller !== undefined && s.leases.get(caller.taskId)?.lease.reserved !== true && s.leases.has(caller.taskId) };
}
/**
 * Extends `taskId`'s lease to now + `leaseMs`. Returns false when the task holds no lease (it
 * expired and was dropped, or was released): the caller lost its slot.
 */
async function renewLeaseTx(tx, taskId, runId, leaseMs, nowMs) {
    const s = await loadSlots(tx, nowMs);
    const own = s.leases.get(taskId);
    if (!own)
        return false;
    hold(tx, s, own.path, { ...own.lease, taskId, runId, expiresAt: iso(nowMs + leaseMs), reserved: undefined, queuedAt: undefined });
    return true;
}
/**
 * Frees `taskId`'s slot (and its queue entry, if it was waiting) and hands free slots to the
 * oldest queued tasks. Returns the ids handed a reserved slot, oldest first — the caller starts
 * their continuation runs. Two tasks finishing at once never hand the same slot twice (the slot is
 * each one's own) nor the same task two slots (both delete its queue record: one loses). A release
 * that hands nothing on must have the store `settleTx` after this write (module comment).
 */
async function releaseSlotTx(tx, taskId, max, nowMs, reservationMs) {
    const s = await loadSlots(tx, nowMs);
    dropStale(tx, s);
    letGo(tx, s, taskId);
    dequeue(tx, s, taskId);
    return handOff(tx, s, max, nowMs, reservationMs);
}
/**
 * Queues `taskIds` in the given order (behind anyone already waiting) and hands free slots to the
 * oldest queued tasks, as reservations. A batch hands its children to their own workflow runs this
 * way: the caller starts the continuation runs of the returned ids; the rest start as slots free.
 * @returns the ids handed a reserved slot (oldest first) and each still-queued id's 1-based position
 */
async function enqueueTx(tx, taskIds, max, nowMs, reservationMs) {
    if (!(max >= 1))
        throw new Error(`max-concurrent-tasks must be at least 1 (got ${max})`);
    const s = await loadSlots(tx, nowMs);
    dropStale(tx, s);
    taskIds.forEach((taskId, i) => {
        if (s.leases.has(taskId) || s.queue.some((q) => q.taskId === taskId))
            return;
        // one millisecond apart: queue names sort by time, and the batch's order is kept
        const path = state_paths/* StatePaths */.cc.queueEntry(nowMs + i, taskId);
        tx.writeJson(path, { taskId, enqueuedAt: iso(nowMs + i) });
        s.queue.push({ path, taskId });
    });
    s.queue.sort((a, b) => a.path.localeCompare(b.path));
    const handedTo = handOff(tx, s, max, nowMs, reservationMs);
    return { handedTo, positions: new Map(s.queue.map((q, i) => [q.taskId, i + 1])) };
}
/** 1-based position of `taskId` in the queue, or undefined when it is not queued. */
async function queuePositionOf(r, taskId) {
    const queue = await r.list(state_paths/* StateDirs */.Qo.Queue);
    const ids = [...new Set(queue.map((p) => state_paths/* StatePaths */.cc.queueTaskId(p)).filter((x) => x !== undefined))];
    const i = ids.indexOf(taskId);
    return i < 0 ? undefined : i + 1;
}
/** Live (unexpired) leases, by acquisition time. */
async function readLeases(r, nowMs) {
    const s = await loadSlots(r, nowMs);
    return [...s.leases.values()].map((l) => l.lease).sort((a, b) => a.acquiredAt.localeCompare(b.acquiredAt));
}

;// CONCATENATED MODULE: ./src/state/tx.ts



class StoreTx {
    src;
    dry;
    writable;
    cachedOk;
    branchMaxAgeMs;
    own = new Map();
    snap;
    branchView;
    docs = new Map();
    /** Record directories read whole in this transaction (a key of theirs missing from `docs` has no ref). */
    wholeDirs = new Set();
    /**
     * @param dry changes of a dry run's earlier updates (paths), layered under this transaction's own
     * @param cachedOk record keys whose record may be served from the store's memory (it will be
     *   written, so the push's compare-and-swap checks it)
     * @param branchMaxAgeMs a read-only view may take the branch as this store last saw it, up to
     *   this old (`TxSource.branch`)
     */
    constructor(src, dry = new Map(), writable = true, cachedOk = new Set(), branchMaxAgeMs) {
        this.src = src;
        this.dry = dry;
        this.writable = writable;
        this.cachedOk = cachedOk;
        this.branchMaxAgeMs = branchMaxAgeMs;
    }
    get tip() {
        return this.branchView?.tip;
    }
    get changes() {
        return this.own;
    }
    /** The branch snapshot, fetched on first use. */
    branch() {
        this.snap ??= this.src.branch(this.writable ? undefined : this.branchMaxAgeMs).then((s) => {
            this.branchView = new OverlayTx(s.base, s.overlay, (o) => this.src.load(o), false);
            return s;
        });
        return this.snap;
    }
    /**
     * Reads the branch, the records at `paths` and every record under `dirs` together (one fetch),
     * for a transaction that will read them all (a task's start, a run's end); later reads of them
     * come from this transaction.
     */
    async prefetch(paths, dirs = []) {
        const keys = [...new Set(paths.map((p) => state_paths/* StateRefs */.u.keyOf(p)).filter((k) => k !== undefined))].filter((k) => !this.docs.has(k));
        const newDirs = dirs.filter((d) => !this.wholeDirs.has(d));
        if (this.snap) {
            if (keys.length || newDirs.length)
                await this.loadDocs(keys, newDirs);
            return;
        }
        const both = this.src.branchAndRecords(keys, newDirs, this.cachedOk);
        this.snap = both.then(({ snapshot }) => {
            this.branchView = new OverlayTx(snapshot.base, snapshot.overlay, (o) => this.src.load(o), false);
            return snapshot;
        });
        this.absorb(keys, newDirs, (await both).records);
        await this.snap;
    }
    /** True once the branch was read in this transaction. */
    get branchRead() {
        return this.snap !== undefined;
    }
    /** Records read in this transaction (key → doc). */
    get readDocs() {
        return this.docs;
    }
    async read(path) {
        return (await this.readMany([path])).get(path);
    }
    async readMany(paths) {
        const out = new Map();
        const keys = [];
        const branchPaths = [];
        for (const p of paths) {
            const layered = this.layered(p);
            if (layered === null)
                continue;
            if (layered !== undefined)
                out.set(p, layered);
            else if (state_paths/* StateRefs */.u.keyOf(p) !== undefined)
                keys.push(state_paths/* StateRefs */.u.keyOf(p));
            else
                branchPaths.push(p);
        }
        const docs = await this.loadDocs(keys);
        for (const key of keys) {
            const doc = docs.get(key);
            if (doc?.content !== undefined)
                out.set(state_paths/* StateRefs */.u.pathOf(key), doc.content);
            // no ref: a record of an older layout may still be a file on the branch
            else if (doc?.tip === undefined)
                branchPaths.push(state_paths/* StateRefs */.u.pathOf(key));
        }
        if (branchPaths.length > 0) {
            await this.branch();
            for (const [p, c] of await this.branchView.readMany(branchPaths))
                out.set(p, c);
        }
        return out;
    }
    /**
     * Paths under `prefix`: the branch's files, and the records on refs (the slot and queue
     * directories are read whole, contents and all, in one fetch; others are listed by name).
     */
    async list(prefix = '') {
        await this.branch();
        const all = new Set(await this.branchView.list(prefix));
        for (const dir of state_paths/* StateRefs */.u.dirsUnder(prefix)) {
            const keys = state_paths/* StateRefs */.u.readWhole(dir) ? [...(await this.loadDocs([], [dir])).keys()] : await this.src.recordKeys(dir);
            for (const key of keys) {
                const p = state_paths/* StateRefs */.u.pathOf(key);
                if (p.startsWith(prefix) && state_paths/* StateRefs */.u.keyOf(p) === key)
                    all.add(p);
            }
        }
        for (const layer of [this.dry, this.own]) {
            for (const [p, c] of layer) {
                if (!p.startsWith(prefix))
                    continue;
                if (c === null)
                    all.delete(p);
                else
                    all.add(p);
            }
        }
        return [...all].sort();
    }
    async exists(path) {
        return (await this.read(path)) !== undefined;
    }
    async readJson(path, schema) {
        const text = await this.read(path);
        if (text === undefined)
            return undefined;
        return parseJsonRecord(path, text, schema);
    }
    write(path, content) {
        this.assertWritable();
        (0,state_paths/* assertWritablePath */.It)(path);
        this.own.set(path, content);
    }
    writeJson(path, value) {
        this.write(path, `${JSON.stringify(value, null, 2)}\n`);
    }
    delete(path) {
        this.assertWritable();
        this.own.set(path, null);
    }
    /**
     * Splits this transaction's changes into branch and task-ref writes, dropping writes that change
     * nothing. Loads what it needs to compare (the records it writes; the branch when a branch file
     * changes). A version-1 record that is written moves: the branch file is deleted in the same
     * push.
     */
    async plan() {
        const branch = new Map();
        const tasks = new Map();
        const recordWrites = [...this.own].filter(([p]) => state_paths/* StateRefs */.u.keyOf(p) !== undefined);
        const docs = await this.loadDocs(recordWrites.map(([p]) => state_paths/* StateRefs */.u.keyOf(p)));
        for (const [p, content] of recordWrites) {
            const key = state_paths/* StateRefs */.u.keyOf(p);
            const doc = docs.get(key) ?? { tip: undefined, content: undefined };
            if (doc.tip === undefined) {
                // not moved yet: an older layout's file on the branch (if any) goes away with this write
                await this.branch();
                if (await this.branchView.exists(p))
                    branch.set(p, null);
                if (content === null)
                    continue;
            }
            else if (doc.content === content)
                continue;
            tasks.set(key, { content, doc });
        }
        const branchWrites = [...this.own].filter(([p]) => state_paths/* StateRefs */.u.keyOf(p) === undefined);
        if (branchWrites.length > 0) {
            const s = await this.branch();
            for (const [p, content] of branchWrites)
                if (!isNoOp(s, p, content))
                    branch.set(p, content);
        }
        return { branch, tasks };
    }
    /**
     * Records of `keys` (and, with `dirs`, every record under them) — from this transaction when it
     * read them already, else one fetch.
     */
    async loadDocs(keys, dirs = []) {
        const newDirs = dirs.filter((d) => !this.wholeDirs.has(d));
        const missing = [...new Set(keys)].filter((k) => !this.docs.has(k) && ![...this.wholeDirs].some((d) => k.startsWith(d)));
        if (missing.length > 0 || newDirs.length > 0)
            this.absorb(missing, newDirs, await this.src.records(missing, newDirs, this.cachedOk));
        const out = new Map();
        for (const k of keys)
            out.set(k, this.docs.get(k) ?? { tip: undefined, content: undefined });
        for (const d of dirs)
            for (const [k, doc] of this.docs)
                if (k.startsWith(d) && doc.tip !== undefined)
                    out.set(k, doc);
        return out;
    }
    /** Keeps fetched records; a key asked for (or inside a directory read whole) without a ref is recorded as absent. */
    absorb(keys, dirs, records) {
        for (const d of dirs)
            this.wholeDirs.add(d);
        for (const [k, doc] of records)
            this.docs.set(k, doc);
        for (const k of keys)
            if (!this.docs.has(k))
                this.docs.set(k, { tip: undefined, content: undefined });
    }
    /** Content from a layer (string), deleted in a layer (null), or not in any layer (undefined). */
    layered(path) {
        if (this.own.has(path))
            return this.own.get(path) ?? null;
        if (this.dry.has(path))
            return this.dry.get(path) ?? null;
        return undefined;
    }
    assertWritable() {
        if (!this.writable)
            throw new Error('this state view is read-only: write inside StateStore.update()');
    }
}
/** True when writing `content` (null: deleting) at `path` would not change the branch snapshot. */
function isNoOp(snap, path, content) {
    if (snap.overlay.has(path))
        return snap.overlay.get(path) === content;
    const oid = snap.base.entries.get(path);
    if (content === null)
        return oid === undefined;
    return oid !== undefined && oid === blobId(content);
}
/**
 * The commits and ref updates of one atomic push for `plan`: the branch's commit (when
 * `branchCommit` is given) and one commit per written record, each record ref its own
 * compare-and-swap on its exact tip (`expect`; null: must not exist); a task's commits keep its
 * history, other records' commits have no parent (their refs never grow). Deleted records name the
 * tip they expect.
 * @returns `commits[i]` goes to `refs[i]`, with `expects[i]` (undefined: the branch's fast-forward rule)
 */
function pushPlan(branch, message, plan, branchCommit) {
    const commits = [];
    const refs = [];
    const expects = [];
    const deletes = [];
    if (branchCommit) {
        commits.push({ ...branchCommit, message });
        refs.push(`refs/heads/${branch}`);
        expects.push(undefined);
    }
    for (const [key, w] of plan.tasks) {
        if (w.content === null)
            deletes.push({ ref: state_paths/* StateRefs */.u.ref(branch, key), delete: w.doc.tip });
        else {
            const isTask = state_paths/* StateRefs */.u.taskIdOf(state_paths/* StateRefs */.u.pathOf(key)) !== undefined;
            commits.push({ parent: isTask ? w.doc.tip : undefined, changes: new Map([[state_paths/* StateRefs */.u.fileOf(key), w.content]]), message, replaceTree: true });
            refs.push(state_paths/* StateRefs */.u.ref(branch, key));
            expects.push(w.doc.tip ?? null);
        }
    }
    return { commits, refs, expects, deletes };
}

;// CONCATENATED MODULE: ./src/state/store.ts
/**
 * The durable state store (docs/state.md): task records, concurrency slots, learnings and batches
 * kept as files on a git branch (`state-branch`, default `kiro/state`, of `state-repository`),
 * read and written with git — never the contents API.
 *
 * Every write is a compare-and-swap: `update` fetches the tip, runs the caller's `mutate` against
 * a transaction over it, commits the collected changes with the tip as parent and pushes without
 * force. A push rejected because the branch moved re-fetches, re-runs `mutate` on the new tip and
 * retries with jittered exponential backoff. Within one process, operations on one store run one
 * at a time.
 */













/** How long after a lost race a store paces its next update, ms. */
const ContentionMemoryMs = 10_000;
/**
 * Opens the state store: prepares the scratch repository in `dir` (nothing is fetched yet).
 * See docs/state.md for the layout and guarantees.
 * @throws StateStoreError when the scratch repository cannot be created
 */
async function openStateStore(opts) {
    const branch = opts.branch || constants/* DefaultStateBranch */.$A;
    const url = (0,auth/* repositoryUrl */.Ek)(opts.serverUrl, opts.repository);
    const repo = await ScratchRepo.open(opts.dir, url, branch, (0,auth/* authEnv */.mx)(opts.serverUrl, opts.token), opts.token ? (0,auth/* authorizationHeader */.bc)(opts.token) : undefined);
    return new GitStateStore(repo, opts, branch);
}
class GitStateStore {
    repo;
    repository;
    branch;
    dryRun;
    now;
    random;
    identity;
    retry;
    reservationMs;
    dryOverlay = new Map();
    dryWrites = [];
    counters = { updates: 0, commits: 0, conflicts: 0, transientRetries: 0, maxAttempts: 0 };
    queue = Promise.resolve();
    /**
     * Moving average of one attempt's duration (fetch → push), ms. Backoff is scaled to it, so
     * contenders spread out over attempt-lengths of this remote (loopback ~0.1 s, github.com ~1 s).
     */
    attemptMs = 0;
    /** `performance.now()` of the last lost race. */
    contendedAt = -Infinity;
    /** What transactions read through: the branch and the task refs, fetched and cached (source.ts). */
    src;
    source;
    constructor(repo, opts, branch) {
        this.repo = repo;
        this.repository = opts.repository;
        this.branch = branch;
        this.dryRun = opts.dryRun ?? false;
        this.now = opts.now ?? Date.now;
        this.random = opts.random ?? Math.random;
        this.identity = opts.identity ?? { name: constants/* DefaultBot */.Pw.name, email: constants/* DefaultBot */.Pw.email };
        this.retry = { attempts: 50, baseMs: 50, capMs: 15_000, transientAttempts: 4, ...opts.retry };
        this.reservationMs = opts.slotReservationMs ?? 30 * 60_000;
        this.src = new StateSource(repo, { dryRun: this.dryRun, label: `${this.repository}@${branch}`, refPrefix: state_paths/* StateRefs */.u.prefix(branch) });
        this.source = this.src.txSource((op) => this.withTransientRetry(op));
    }
    // ---- generic access ------------------------------------------------------------------------
    async snapshot(opts = {}) {
        // lazy: the branch and each task record are fetched when first read, then kept for the view
        return new StoreTx(this.source, this.dryOverlay, false, undefined, opts.maxAgeMs);
    }
    async read(path) {
        return (await this.snapshot()).read(path);
    }
    async list(prefix) {
        return (await this.snapshot()).list(prefix);
    }
    update(description, mutate, opts = {}) {
        return this.exclusive(async () => {
            if (!opts.ownRecordsOnly && performance.now() - this.contendedAt < ContentionMemoryMs) {
                // This store lost a race moments ago, so others are writing. Without a pause a writer that
                // just won starts its next update at once — on a snapshot it already has, with the
                // shortest window of all — and keeps winning while the others starve (the capture effect).
                await sleep(this.random() * this.attemptMs);
            }
            let conflicts = 0;
            for (let attempt = 1;; attempt++) {
                const started = performance.now();
                const tx = new StoreTx(this.source, this.dryOverlay, true, new Set(attempt === 1 ? (opts.writes ?? []).map((id) => state_paths/* StateRefs */.u.keyOf(state_paths/* StatePaths */.cc.task(id))) : []));
                const value = await mutate(tx);
                if (this.dryRun) {
                    for (const [path, content] of tx.changes) {
                        this.dryOverlay.set(path, content);
                        this.dryWrites.push({ description, path, content });
                    }
                    this.counters.updates++;
                    return { value, commit: tx.tip, committed: false, attempts: attempt };
                }
                const plan = await tx.plan();
                // a record read from memory that this update does not write was never checked: read it again
                const unchecked = [...tx.readDocs].filter(([id, doc]) => doc.cached && !plan.tasks.has(id));
                if (unchecked.length > 0) {
                    for (const [id] of unchecked)
                        this.src.taskMemo.delete(id);
                    continue;
                }
                // the layout version is checked on the first update (a newer layout must not be written to);
                // a store whose branch still needs its initial files or a migration gets them with this push
                const snap = tx.branchRead || !this.src.versionChecked ? await tx.branch() : undefined;
                const withBranch = plan.branch.size > 0 || (snap !== undefined && snap.overlay.size > 0 && plan.tasks.size > 0);
                if (!withBranch && plan.tasks.size === 0) {
                    this.counters.updates++;
                    return { value, commit: tx.tip, committed: false, attempts: attempt };
                }
                const branchChanges = withBranch ? new Map([...snap.overlay, ...plan.branch]) : undefined;
                const { commits, refs, expects, deletes } = pushPlan(this.branch, `state: ${description}`, plan, branchChanges && { parent: snap.base.tip, changes: branchChanges, base: snap.base.entries });
                // built once: a retry after a lost reply finds its own commits there (pushed, not a lost race)
                let prepared;
                const outcome = await this.withTransientRetry(async () => {
                    prepared ??= await this.repo.prepare(commits, this.identity, this.now() / 1000);
                    const { shas } = prepared;
                    return { shas, result: await this.repo.pushPrepared(prepared, [...refs.map((ref, i) => ({ ref, commit: shas[i], ...(expects[i] !== undefined ? { expect: expects[i] } : {}) })), ...deletes]) };
                });
                this.attemptMs = this.attemptMs === 0 ? performance.now() - started : 0.7 * this.attemptMs + 0.3 * (performance.now() - started);
                if (outcome.result === 'pushed') {
                    let i = 0;
                    let commit = tx.tip;
                    if (branchChanges) {
                        commit = outcome.shas[i++];
                        this.src.remember(commit, snap, branchChanges);
                    }
                    for (const [id, w] of plan.tasks) {
                        if (w.content === null)
                            this.src.taskMemo.delete(id);
                        else {
                            const sha = outcome.shas[i++];
                            this.src.taskMemo.set(id, { tip: sha, content: w.content });
                            commit ??= sha;
                        }
                    }
                    this.counters.updates++;
                    this.counters.commits++;
                    this.counters.maxAttempts = Math.max(this.counters.maxAttempts, attempt);
                    if (conflicts > 0)
                        core/* info */.pq(`state store: "${description}" committed after ${conflicts} lost compare-and-swap ${conflicts === 1 ? 'race' : 'races'}`);
                    return { value, commit, committed: true, attempts: attempt };
                }
                conflicts++;
                this.counters.conflicts++;
                this.contendedAt = performance.now();
                for (const id of plan.tasks.keys())
                    this.src.taskMemo.delete(id);
                core/* debug */.Yz(`state store: "${description}" lost a compare-and-swap race (attempt ${attempt})`);
                if (attempt >= this.retry.attempts)
                    throw new errors/* StateConflictError */.K$(description, attempt);
                await sleep(this.backoff(attempt));
            }
        });
    }
    // ---- tasks ---------------------------------------------------------------------------------
    async getTask(id) {
        return (0,tasks/* readTask */.gv)(await this.snapshot(), id);
    }
    async findTaskByIssue(repository, issue) {
        return (0,tasks/* readTaskByIssue */.SS)(await this.snapshot(), repository, issue);
    }
    async findTaskByPull(repository, pull) {
        return (0,tasks/* readTaskByPull */.ib)(await this.snapshot(), repository, pull);
    }
    async listTasks(filter) {
        return (0,tasks/* readTasks */.j9)(await this.snapshot(), filter, (e) => core/* warning */.$e(`skipping ${e.message}`));
    }
    async putTask(task) {
        return (await this.update(`task ${task.id}: ${task.state}`, (tx) => (0,tasks/* writeTask */.bN)(tx, task, this.nowIso()))).value;
    }
    async updateTask(id, change, description) {
        const r = await this.update(description ?? `task ${id}`, async (tx) => {
            const current = await (0,tasks/* readTask */.gv)(tx, id);
            if (!current)
                throw new errors/* StateStoreError */.zI(`task ${id} does not exist in the state store`);
            const copy = structuredClone(current);
            const next = change(copy) ?? copy;
            return (0,tasks/* writeTask */.bN)(tx, next, this.nowIso(), current);
        }, { writes: [id], ownRecordsOnly: true });
        return r.value;
    }
    // ---- slots ---------------------------------------------------------------------------------
    async acquireSlot(taskId, runId, max, leaseMs) {
        const r = await this.update(`slot ${taskId}: acquire (run ${runId})`, (tx) => acquireSlotTx(tx, taskId, runId, max, leaseMs, this.now(), this.reservationMs));
        if (r.value.acquired)
            return r.value;
        const settled = await this.settle(max, { taskId, runId, leaseMs });
        const handedTo = [...r.value.handedTo, ...settled.handedTo];
        return settled.callerHolds ? { acquired: true, handedTo } : { ...r.value, handedTo };
    }
    async startTask(id, issue, build, run) {
        const r = await this.update(`task ${id}: started (run ${run.entry.runId})`, async (tx) => {
            // the record, the issue's index entry, the slots and the queue in one fetch
            await tx.prefetch?.([state_paths/* StatePaths */.cc.task(id), ...(issue ? [state_paths/* StatePaths */.cc.issueIndex(issue.repository, issue.number)] : [])], [state_paths/* StateDirs */.Qo.Slots, state_paths/* StateDirs */.Qo.Queue]);
            const existing = await (0,tasks/* readTask */.gv)(tx, id);
            if (existing)
                return { existing };
            const previous = issue ? await (0,tasks/* readTaskByIssue */.SS)(tx, issue.repository, issue.number) : undefined;
            const record = build(previous);
            const slot = await acquireSlotTx(tx, id, run.entry.runId, run.max, run.leaseMs, this.now(), this.reservationMs);
            const task = (0,tasks/* writeTask */.bN)(tx, slot.acquired ? { ...record, state: 'in_progress', runs: [run.entry] } : { ...record, state: 'queued', queuePosition: slot.position }, this.nowIso(), null);
            return { task, slot };
        });
        const v = r.value;
        if ('existing' in v || v.slot.acquired)
            return v;
        // queued: look again after the write (a slot may have been freed meanwhile by a release that saw no queue)
        const settled = await this.settle(run.max, { taskId: id, runId: run.entry.runId, leaseMs: run.leaseMs }, async (tx) => {
            const t = await (0,tasks/* readTask */.gv)(tx, id);
            return t ? (0,tasks/* writeTask */.bN)(tx, { ...t, state: 'in_progress', queuePosition: undefined, runs: [...t.runs, run.entry] }, this.nowIso(), t) : undefined;
        });
        const handedTo = [...v.slot.handedTo, ...settled.handedTo];
        return settled.callerHolds && settled.task ? { task: settled.task, slot: { acquired: true, handedTo } } : { task: v.task, slot: { ...v.slot, handedTo } };
    }
    async enqueueTasks(taskIds, max) {
        const r = (await this.update(`slots: queue ${taskIds.length} ${taskIds.length === 1 ? 'task' : 'tasks'}`, (tx) => enqueueTx(tx, taskIds, max, this.now(), this.reservationMs))).value;
        if (r.positions.size === 0)
            return r;
        const settled = await this.settle(max);
        if (settled.handedTo.length === 0)
            return r;
        const positions = new Map([...r.positions].filter(([id]) => !settled.handedTo.includes(id)).map(([id], i) => [id, i + 1]));
        return { handedTo: [...r.handedTo, ...settled.handedTo], positions };
    }
    async renewLease(taskId, runId, leaseMs) {
        return (await this.update(`slot ${taskId}: renew (run ${runId})`, (tx) => renewLeaseTx(tx, taskId, runId, leaseMs, this.now()))).value;
    }
    async releaseSlot(taskId, max) {
        const handedTo = (await this.update(`slot ${taskId}: release`, (tx) => releaseSlotTx(tx, taskId, max, this.now(), this.reservationMs))).value;
        return handedTo.length > 0 ? handedTo : (await this.settle(max)).handedTo;
    }
    async endRun(taskId, change, max, description) {
        const r = await this.update(description ?? `task ${taskId}: run ended`, async (tx) => {
            // (the record usually comes from memory: then only the slots and the queue are fetched)
            await tx.prefetch?.([state_paths/* StatePaths */.cc.task(taskId)], [state_paths/* StateDirs */.Qo.Slots, state_paths/* StateDirs */.Qo.Queue]);
            const current = await (0,tasks/* readTask */.gv)(tx, taskId);
            if (!current)
                throw new errors/* StateStoreError */.zI(`task ${taskId} does not exist in the state store`);
            const copy = structuredClone(current);
            const task = (0,tasks/* writeTask */.bN)(tx, change(copy) ?? copy, this.nowIso(), current);
            const handedTo = await releaseSlotTx(tx, taskId, max, this.now(), this.reservationMs);
            return { task, handedTo };
        }, { writes: [taskId] });
        if (r.value.handedTo.length > 0)
            return r.value;
        return { task: r.value.task, handedTo: (await this.settle(max)).handedTo };
    }
    /**
     * The look after a release or an enqueue (src/state/slots.ts): hands slots that are free to the
     * oldest queued tasks; nothing is written (no push) when there is nothing to hand on. `onHold`
     * runs in the same compare-and-swap when `caller` is handed a lease.
     */
    async settle(max, caller, onHold) {
        const r = await this.update('slots: hand free slots on', async (tx) => {
            const settled = await settleTx(tx, max, this.now(), this.reservationMs, caller);
            return settled.callerHolds && onHold ? { ...settled, task: await onHold(tx) } : settled;
        });
        return r.value;
    }
    async queuePosition(taskId) {
        return queuePositionOf(await this.snapshot(), taskId);
    }
    async listLeases() {
        return readLeases(await this.snapshot(), this.now());
    }
    // ---- learnings and batches -----------------------------------------------------------------
    async listLearnings(owner, opts = {}) {
        return (0,state_learnings/* readLearnings */.Ux)(await this.snapshot(opts), owner);
    }
    async upsertLearnings(owner, learnings) {
        if (learnings.length === 0)
            return [];
        return (await this.update(`learnings ${owner}: ${learnings.length} from feedback`, (tx) => (0,state_learnings/* upsertLearningsTx */.$D)(tx, owner, learnings, this.nowIso()))).value;
    }
    async deleteLearning(owner, id) {
        return (await this.update(`learnings ${owner}: delete ${id}`, (tx) => (0,state_learnings/* deleteLearningTx */.ie)(tx, owner, id))).value;
    }
    async getBatch(id) {
        return readBatch(await this.snapshot(), id);
    }
    async syncBatch(id) {
        return (await this.update(`batch ${id}: synced from its tasks`, (tx) => syncBatchTx(tx, id, this.nowIso()))).value;
    }
    async putBatch(batch) {
        return (await this.update(`batch ${batch.id}`, (tx) => writeBatch(tx, batch, this.nowIso()))).value;
    }
    pendingWrites() {
        return [...this.dryWrites];
    }
    stats() {
        return { ...this.counters };
    }
    // ---- internals -----------------------------------------------------------------------------
    nowIso() {
        return new Date(this.now()).toISOString();
    }
    /** Runs `op`, retrying failures that are not conflicts (network, 5xx) a few times. */
    async withTransientRetry(op) {
        for (let attempt = 1;; attempt++) {
            try {
                return await op();
            }
            catch (e) {
                if (!(e instanceof errors/* StateStoreError */.zI) || !e.transient || attempt > this.retry.transientAttempts)
                    throw e;
                this.counters.transientRetries++;
                core/* debug */.Yz(`state store: retrying after ${e.message}`);
                await sleep(this.backoff(attempt + 2));
            }
        }
    }
    /** Full jitter: uniform in [0, min(cap, max(base, attempt duration)·2^min(n-1, 6))]. */
    backoff(n) {
        const unit = Math.max(this.retry.baseMs, Math.min(this.attemptMs, this.retry.capMs));
        // Binary exponential backoff up to 64 attempt-lengths: many writers starting at once spread over
        // a window that grows with their number (capped at 8×, 50 simultaneous task starts lost 1.9
        // races per update; with 64×, 0.6). A loser is not starved by fresh writers because a store that
        // lost a race recently pauses before its next update too (see the start of `update`).
        const ceiling = Math.min(this.retry.capMs, unit * 2 ** Math.min(n - 1, 6));
        return Math.floor(this.random() * ceiling);
    }
    /** Serialises operations on this store: they share one scratch repository. */
    exclusive(fn) {
        const run = this.queue.then(fn, fn);
        this.queue = run.catch(() => undefined);
        return run;
    }
}
function sleep(ms) {
    return new Promise((r) => setTimeout(r, ms));
}

;// CONCATENATED MODULE: ./src/orchestrator/store.ts
/**
 * Opens the state store (SPEC.md §3, docs/state.md) for a run: the `state-branch` of the
 * `state-repository` on `GITHUB_SERVER_URL`, read and written with git in a scratch directory
 * under RUNNER_TEMP. Dry runs read it and keep their writes in memory.
 */



/** Opens the run's state store. */
function openStore(svc) {
    const s = svc.settings;
    return openStateStore({
        serverUrl: s.runner.serverUrl,
        repository: s.stateRepository,
        branch: s.stateBranch,
        token: s.githubToken,
        dir: external_node_path_default().join(s.runner.runnerTemp, 'kiro-state-store'),
        dryRun: s.dryRun,
        identity: { name: s.bot.name, email: s.bot.email },
    });
}
/**
 * In a dry run, saves the state-store writes that would have been pushed (SPEC.md J8) to
 * `$RUNNER_TEMP/kiro-dry-run/state-writes.jsonl`.
 */
function recordDryRunState(svc, store) {
    if (!svc.recorder)
        return;
    for (const w of store.pendingWrites()) {
        svc.recorder.record('state-writes.jsonl', { operation: w.content === null ? 'delete state file' : 'write state file', repository: svc.settings.stateRepository, params: { branch: svc.settings.stateBranch, path: w.path, description: w.description, content: w.content } });
    }
}
/**
 * How long a run's hold on its task lasts without a heartbeat, ms: a run is alive only while its
 * lease is fresh (renewed every third of this while it works, src/orchestrator/ending.ts), so a
 * runner that died frees its task within this time.
 */
function leaseMs(_svc) {
    return 10 * 60_000;
}
/**
 * Starts the continuation run of a task (`workflow_dispatch` of this workflow with the `task-id`
 * input, https://docs.github.com/rest/actions/workflows#create-a-workflow-dispatch-event).
 */
async function dispatchContinuation(svc, taskId) {
    const r = svc.settings.runner;
    if (!r.workflowFile)
        throw new Error('cannot start a continuation run: GITHUB_WORKFLOW_REF does not name the workflow file');
    const ref = r.workflowGitRef || (await svc.github.getDefaultBranch(svc.repo));
    await svc.github.dispatchWorkflow(svc.repo, r.workflowFile.split('/').pop(), ref, { 'task-id': taskId });
}
/**
 * Whether another run is working on `task` right now: it holds a fresh lease (renewed while it
 * works), it has not closed its run on the record, and the Actions API does not report that run
 * completed (a runner killed before it could release its lease). A task whose run died is
 * therefore resumable at once when GitHub knows the run ended, and within one lease (`leaseMs`)
 * otherwise.
 */
async function runningElsewhere(svc, store, task) {
    if (task.state !== 'in_progress')
        return false;
    const lease = (await store.listLeases()).find((l) => l.taskId === task.id);
    if (!lease || lease.reserved || lease.runId === undefined || lease.runId === svc.settings.runner.runId)
        return false;
    // a run that closed its entry on the record (a checkpoint that dispatched its continuation) is done
    // with the task, though its job may still be finishing and its lease not yet handed on
    if (task.runs.some((r) => r.runId === lease.runId && r.endedAt))
        return false;
    const status = await svc.github.getWorkflowRunStatus(svc.repo, lease.runId).catch(() => undefined);
    return status !== 'completed';
}
/** Starts the continuation runs of queued tasks that were handed a slot. */
async function startHandedTasks(svc, taskIds) {
    for (const id of taskIds) {
        core/* info */.pq(`Kiro: handing a free slot to queued task ${id}.`);
        await dispatchContinuation(svc, id);
    }
}


/***/ }),

/***/ 43406:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IZ: () => (/* binding */ StateVersionError),
/* harmony export */   J1: () => (/* binding */ StateRecordError),
/* harmony export */   K$: () => (/* binding */ StateConflictError),
/* harmony export */   zI: () => (/* binding */ StateStoreError)
/* harmony export */ });
/** Errors of the state store (docs/state.md, "Errors"). All extend `StateStoreError`. */
/** A git operation on the state branch failed (fetch, push, plumbing), or the branch is corrupt. */
class StateStoreError extends Error {
    /** True for failures worth retrying (network errors, HTTP 5xx); the store retries them itself. */
    transient;
    constructor(message, options) {
        super(message, options);
        this.name = 'StateStoreError';
        this.transient = options?.transient ?? false;
    }
}
/** Every compare-and-swap attempt of one update lost the race (the branch kept moving). */
class StateConflictError extends StateStoreError {
    description;
    attempts;
    constructor(description, attempts) {
        super(`state update "${description}" lost ${attempts} compare-and-swap attempts in a row; the state branch is too busy — retry later`);
        this.description = description;
        this.attempts = attempts;
        this.name = 'StateConflictError';
    }
}
/** The branch was written by a newer action whose layout this one cannot read. */
class StateVersionError extends StateStoreError {
    found;
    supported;
    constructor(found, supported, where) {
        super(`the state store ${where} has layout version ${found}, but this version of kiro-action understands versions up to ${supported}; ` +
            'upgrade the action (every workflow sharing a state store must use a version that knows its layout)');
        this.found = found;
        this.supported = supported;
        this.name = 'StateVersionError';
    }
}
/** A record on the branch is not valid JSON or does not match its schema (e.g. a bad manual edit). */
class StateRecordError extends StateStoreError {
    path;
    constructor(path, problem) {
        super(`state record ${path} is invalid: ${problem}`);
        this.path = path;
        this.name = 'StateRecordError';
    }
}


/***/ }),

/***/ 68643:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   SS: () => (/* binding */ readTaskByIssue),
/* harmony export */   Xx: () => (/* binding */ parseTask),
/* harmony export */   bN: () => (/* binding */ writeTask),
/* harmony export */   eI: () => (/* binding */ newTask),
/* harmony export */   gv: () => (/* binding */ readTask),
/* harmony export */   ib: () => (/* binding */ readTaskByPull),
/* harmony export */   j9: () => (/* binding */ readTasks)
/* harmony export */ });
/* unused harmony export newTaskId */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _paths_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(65013);
/* harmony import */ var _schema_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76858);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(43406);
/**
 * Task records (`tasks/<id>.json`) and their lookup indexes (`index/issues/…`, `index/pulls/…`),
 * as functions over a snapshot or transaction so the orchestrator can combine them in one update.
 */




/**
 * A new task id: `<repo>-<issue>-<time36><rand>` (e.g. `my-app-42-m3k2x1a7f`), lowercase, safe as
 * a file and branch name, unique without coordination (time in ms base 36 plus 16 random bits).
 * Batch children without an issue use `b` in place of the number.
 */
function newTaskId(repository, issue, nowMs = Date.now()) {
    const repo = (repository.split('/')[1] ?? repository)
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 40);
    const stamp = Math.max(0, Math.floor(nowMs)).toString(36);
    const rand = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(2).toString('hex');
    return `${repo || 'task'}-${issue ?? 'b'}-${stamp}${rand}`;
}
/**
 * Reads a task record.
 * @throws StateRecordError when the file exists but is not a valid task
 */
async function readTask(r, id) {
    return r.readJson(_paths_js__WEBPACK_IMPORTED_MODULE_1__/* .StatePaths */ .cc.task(id), _schema_js__WEBPACK_IMPORTED_MODULE_2__/* .Task */ .YZ);
}
/** The task an issue's index entry points at, if any. */
async function readTaskByIssue(r, repository, issue) {
    const entry = await r.readJson(_paths_js__WEBPACK_IMPORTED_MODULE_1__/* .StatePaths */ .cc.issueIndex(repository, issue), _schema_js__WEBPACK_IMPORTED_MODULE_2__/* .IndexEntry */ .Bw);
    return entry ? readTask(r, entry.taskId) : undefined;
}
/** The task a pull request's index entry points at, if any. */
async function readTaskByPull(r, repository, pull) {
    const entry = await r.readJson(_paths_js__WEBPACK_IMPORTED_MODULE_1__/* .StatePaths */ .cc.pullIndex(repository, pull), _schema_js__WEBPACK_IMPORTED_MODULE_2__/* .IndexEntry */ .Bw);
    return entry ? readTask(r, entry.taskId) : undefined;
}
/**
 * All task records matching `filter`, oldest first. Records that fail validation are skipped and
 * reported through `onInvalid` (a bad manual edit must not hide every other task).
 */
async function readTasks(r, filter = {}, onInvalid) {
    const paths = (await r.list(_paths_js__WEBPACK_IMPORTED_MODULE_1__/* .StateDirs */ .Qo.Tasks)).filter((p) => p.endsWith('.json') && !p.slice(_paths_js__WEBPACK_IMPORTED_MODULE_1__/* .StateDirs */ .Qo.Tasks.length).includes('/'));
    const files = await r.readMany(paths);
    const states = filter.state === undefined ? undefined : new Set(typeof filter.state === 'string' ? [filter.state] : filter.state);
    const out = [];
    for (const p of paths) {
        const text = files.get(p);
        if (text === undefined)
            continue;
        let t;
        try {
            t = parseTask(p, text);
        }
        catch (e) {
            if (e instanceof _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .StateRecordError */ .J1) {
                onInvalid?.(e);
                continue;
            }
            throw e;
        }
        if (filter.repository && t.repository.toLowerCase() !== filter.repository.toLowerCase())
            continue;
        if (states && !states.has(t.state))
            continue;
        if (filter.kind && t.kind !== filter.kind)
            continue;
        if (filter.owner && t.owner.login.toLowerCase() !== filter.owner.toLowerCase())
            continue;
        if (filter.batchId && t.batchId !== filter.batchId)
            continue;
        out.push(t);
    }
    return out.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}
/** A record's text parsed and validated. @throws StateRecordError naming the file and field */
function parseTask(path, text) {
    let value;
    try {
        value = JSON.parse(text);
    }
    catch (e) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .StateRecordError */ .J1(path, `not valid JSON (${e.message})`);
    }
    const r = _schema_js__WEBPACK_IMPORTED_MODULE_2__/* .Task */ .YZ.safeParse(value);
    if (!r.success)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .StateRecordError */ .J1(path, r.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '));
    return r.data;
}
/**
 * Validates and writes a task record with `updatedAt = nowIso`, and points the issue and pull
 * request indexes at it (the newest task for an issue or PR is the one the index names). The
 * indexes live on the shared branch while the record has its own ref, so they are written only
 * when they change: when the task is new (`previous` null), or names a different issue or pull
 * request than `previous`. Without `previous` (unknown) both are written.
 * @param previous the record this write replaces (null: none), when the caller read it
 * @returns the record as written
 * @throws ZodError when `task` is not a valid task
 */
function writeTask(tx, task, nowIso, previous) {
    const t = _schema_js__WEBPACK_IMPORTED_MODULE_2__/* .Task */ .YZ.parse({ ...task, updatedAt: nowIso });
    tx.writeJson(_paths_js__WEBPACK_IMPORTED_MODULE_1__/* .StatePaths */ .cc.task(t.id), t);
    const moved = previous === undefined || previous === null || previous.repository.toLowerCase() !== t.repository.toLowerCase();
    if (t.issue !== undefined && (moved || previous.issue !== t.issue))
        tx.writeJson(_paths_js__WEBPACK_IMPORTED_MODULE_1__/* .StatePaths */ .cc.issueIndex(t.repository, t.issue), { taskId: t.id });
    if (t.pullRequest && (moved || previous.pullRequest?.number !== t.pullRequest.number))
        tx.writeJson(_paths_js__WEBPACK_IMPORTED_MODULE_1__/* .StatePaths */ .cc.pullIndex(t.repository, t.pullRequest.number), { taskId: t.id });
    return t;
}
/**
 * A new task record with defaults filled in (`state: queued`, no runs, zero cost, `createdAt =
 * updatedAt = nowIso`). Give `id` to reuse one, else `newTaskId` makes one.
 */
function newTask(init, nowIso) {
    return _schema_js__WEBPACK_IMPORTED_MODULE_2__/* .Task */ .YZ.parse({
        state: 'queued',
        ...init,
        id: init.id ?? newTaskId(init.repository, init.issue, Date.parse(nowIso)),
        createdAt: nowIso,
        updatedAt: nowIso,
    });
}


/***/ })

};
