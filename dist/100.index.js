export const id = 100;
export const ids = [100];
export const modules = {

/***/ 37100:
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
;// CONCATENATED MODULE: ./src/state/repo.ts
/**
 * The state store's private git repository: a bare repository in a scratch directory (never the
 * workspace, so the model's shell cannot see it) whose `origin` is the state repository. It only
 * speaks plumbing: a shallow fetch of the state branch, `ls-tree`, one `cat-file --batch` per read
 * batch, `fast-import` to write blobs, tree and commit in one process, and a plain
 * (fast-forward only) push. Every call goes through `execGit`; the token only travels in the
 * environment (`authEnv`), never in a file or a URL.
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
    constructor(dir, branch, env) {
        this.dir = dir;
        this.branch = branch;
        this.env = env;
    }
    /**
     * Opens (creating on first use) the bare repository in `dir` with `origin` = `url`.
     * @param env environment for every git call (the auth header entries from `authEnv`)
     */
    static async open(dir, url, branch, env) {
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
        const repo = new ScratchRepo(dir, branch, configured);
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
     * Writes `changes` (path → content, or null to delete) on top of `parent` (or as a root commit)
     * with one `git fast-import`, without touching any branch.
     * @returns the new commit id
     */
    async commit(parent, changes, message, who, timeSec) {
        return (await this.commitMany([{ parent, changes, message }], who, timeSec))[0];
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
     * Pushes `commit` to the state branch without force: the remote accepts it only if its tip is
     * still the commit's parent (a compare-and-swap).
     * @returns `conflict` when the remote moved (non-fast-forward, or a concurrent ref update)
     * @throws StateStoreError for any other failure (auth, network, a rejecting hook)
     */
    async push(commit) {
        return this.pushRefs([{ ref: `refs/heads/${this.branch}`, commit }]);
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
        if (r.code === 0)
            return 'pushed';
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
    const repo = await ScratchRepo.open(opts.dir, url, branch, (0,auth/* authEnv */.mx)(opts.serverUrl, opts.token));
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
            if (performance.now() - this.contendedAt < ContentionMemoryMs) {
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
                const { commits, refs, expects, deletes } = pushPlan(this.branch, `state: ${description}`, plan, branchChanges && { parent: snap.base.tip, changes: branchChanges });
                const outcome = await this.withTransientRetry(async () => {
                    const shas = commits.length ? await this.repo.commitMany(commits, this.identity, this.now() / 1000) : [];
                    return { shas, result: await this.repo.pushRefs([...refs.map((ref, i) => ({ ref, commit: shas[i], ...(expects[i] !== undefined ? { expect: expects[i] } : {}) })), ...deletes]) };
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
        }, { writes: [id] });
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
