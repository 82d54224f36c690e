export const id = 466;
export const ids = [466];
export const modules = {

/***/ 3466:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $D: () => (/* binding */ upsertLearningsTx),
/* harmony export */   H5: () => (/* binding */ renderLearningFile),
/* harmony export */   Ux: () => (/* binding */ readLearnings),
/* harmony export */   ie: () => (/* binding */ deleteLearningTx),
/* harmony export */   ku: () => (/* binding */ learningId)
/* harmony export */ });
/* unused harmony exports LearningMergeThreshold, normaliseLearningText, learningSimilarity, parseLearningFile */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(38815);
/* harmony import */ var _paths_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(65013);
/* harmony import */ var _schema_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(76858);
/**
 * Learnings (SPEC.md J4): durable preferences of a task owner, one readable markdown file per
 * learning at `learnings/<owner>/<id>.md` (YAML front matter + the preference as the body).
 * The files are the truth: a person edits or deletes one with a normal commit and the next read
 * honours it. Parsing is tolerant so a hand-edited file with broken front matter still yields its
 * text.
 */




/** Token-set similarity (Jaccard, stop words removed) at or above which two learnings are one. */
const LearningMergeThreshold = 0.8;
const StopWords = new Set('a an and are as at be by do for from in is it its of on or our so that the their this to we with you your always please should must'.split(' '));
/** Lowercase, markdown and punctuation removed, whitespace collapsed: the form compared for equality. */
function normaliseLearningText(text) {
    return text
        .normalize('NFKC')
        .toLowerCase()
        .replace(/[`*_~>#[\](){}"'“”‘’.,;:!?|\\/]+/g, ' ')
        .replace(/\s+/g, ' ')
        .trim();
}
function tokens(text) {
    return new Set(normaliseLearningText(text)
        .split(' ')
        .filter((t) => t.length > 0 && !StopWords.has(t)));
}
/**
 * Similarity of two learning texts in [0, 1]: 1 for equal normalised text, else the Jaccard index
 * of their token sets without stop words. Texts with fewer than three such tokens only match
 * exactly (short texts overlap by accident too easily).
 */
function learningSimilarity(a, b) {
    const na = normaliseLearningText(a);
    const nb = normaliseLearningText(b);
    if (na === nb)
        return 1;
    const ta = tokens(a);
    const tb = tokens(b);
    if (ta.size < 3 || tb.size < 3)
        return 0;
    let common = 0;
    for (const t of ta)
        if (tb.has(t))
            common++;
    return common / (ta.size + tb.size - common);
}
/** Id for a new learning: a slug of its first words plus a hash of its normalised text. */
function learningId(text) {
    const normal = normaliseLearningText(text);
    const hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(normal).digest('hex').slice(0, 6);
    const slug = normal
        .replace(/[^a-z0-9 ]+/g, ' ')
        .trim()
        .split(/\s+/)
        .filter(Boolean)
        .slice(0, 6)
        .join('-')
        .slice(0, 48)
        .replace(/-+$/, '');
    return slug ? `${slug}-${hash}` : `learning-${hash}`;
}
const FrontMatter = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)([\s\S]*)$/;
/**
 * Parses `learnings/<owner>/<id>.md`. The id is the file name; the text is the body. Front matter
 * that is missing or not valid YAML is ignored field by field.
 */
function parseLearningFile(path, content, owner) {
    const id = path.slice(path.lastIndexOf('/') + 1).replace(/\.md$/, '');
    const m = FrontMatter.exec(content);
    let front = {};
    let body = content;
    if (m) {
        body = m[2] ?? '';
        try {
            const parsed = (0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .parse */ .qg)(m[1] ?? '');
            if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
                front = parsed;
        }
        catch {
            // A hand edit broke the YAML: keep the body, drop the metadata.
        }
    }
    const str = (v) => (typeof v === 'string' ? v : v instanceof Date ? v.toISOString() : undefined);
    const provenance = Array.isArray(front.provenance)
        ? front.provenance.flatMap((p) => {
            const r = _schema_js__WEBPACK_IMPORTED_MODULE_3__/* .Provenance */ .kY.safeParse(p);
            return r.success ? [r.data] : [];
        })
        : [];
    const tags = Array.isArray(front.tags) ? front.tags.filter((t) => typeof t === 'string') : undefined;
    const createdAt = str(front.createdAt) ?? '';
    return {
        id,
        owner: str(front.owner) ?? owner,
        text: body.trim(),
        createdAt,
        updatedAt: str(front.updatedAt) ?? createdAt,
        provenance,
        ...(tags && tags.length > 0 ? { tags } : {}),
    };
}
/** The markdown file for a learning: front matter (id, owner, dates, tags, provenance), then the text. */
function renderLearningFile(l) {
    const front = {
        id: l.id,
        owner: l.owner,
        createdAt: l.createdAt,
        updatedAt: l.updatedAt,
    };
    if (l.tags && l.tags.length > 0)
        front.tags = l.tags;
    front.provenance = l.provenance.map((p) => ({ url: p.url, repository: p.repository, date: p.date }));
    return `---\n${(0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .stringify */ .As)(front, { lineWidth: 0 })}---\n\n${l.text.trim()}\n`;
}
/** Every learning of `owner` (files `learnings/<owner>/*.md`), oldest first; empty bodies skipped. */
async function readLearnings(r, owner) {
    const dir = _paths_js__WEBPACK_IMPORTED_MODULE_2__/* .StatePaths */ .cc.learningsDir(owner);
    const paths = (await r.list(dir)).filter((p) => p.endsWith('.md') && !p.slice(dir.length).includes('/'));
    const files = await r.readMany(paths);
    const out = [];
    for (const p of paths) {
        const content = files.get(p);
        if (content === undefined)
            continue;
        const l = parseLearningFile(p, content, owner);
        if (l.text)
            out.push(l);
    }
    return out.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}
/**
 * Stores `inputs` as learnings of `owner`, deduplicated against the existing ones and each other:
 * an input whose text equals (normalised) or closely matches (`LearningMergeThreshold`) a known
 * learning is merged into it (its provenance and tags are added; the stored text, which a person
 * may have edited, is kept); otherwise it becomes a new file.
 */
async function upsertLearningsTx(tx, owner, inputs, nowIso) {
    const known = await readLearnings(tx, owner);
    const results = [];
    for (const input of inputs) {
        const text = input.text.trim();
        if (!text)
            throw new Error('a learning needs text');
        const provenance = (Array.isArray(input.provenance) ? input.provenance : [input.provenance]).map((p) => _schema_js__WEBPACK_IMPORTED_MODULE_3__/* .Provenance */ .kY.parse(p));
        let best;
        for (const l of known) {
            const score = learningSimilarity(l.text, text);
            if (score >= LearningMergeThreshold && (!best || score > best.score))
                best = { l, score };
        }
        if (best) {
            const l = best.l;
            const urls = new Set(l.provenance.map((p) => p.url));
            const newProv = provenance.filter((p) => !urls.has(p.url));
            const tagSet = new Set(l.tags ?? []);
            const newTags = (input.tags ?? []).filter((t) => !tagSet.has(t));
            if (newProv.length === 0 && newTags.length === 0) {
                results.push({ id: l.id, action: 'unchanged', learning: l });
                continue;
            }
            l.provenance = [...l.provenance, ...newProv];
            if (newTags.length > 0)
                l.tags = [...(l.tags ?? []), ...newTags];
            l.updatedAt = nowIso;
            tx.write(_paths_js__WEBPACK_IMPORTED_MODULE_2__/* .StatePaths */ .cc.learning(owner, l.id), renderLearningFile(l));
            results.push({ id: l.id, action: 'merged', learning: l });
            continue;
        }
        let id = learningId(text);
        const taken = new Set(known.map((l) => l.id));
        for (let n = 2; taken.has(id) || (await tx.exists(_paths_js__WEBPACK_IMPORTED_MODULE_2__/* .StatePaths */ .cc.learning(owner, id))); n++)
            id = `${learningId(text)}-${n}`;
        const l = _schema_js__WEBPACK_IMPORTED_MODULE_3__/* .Learning */ .Xi.parse({
            id,
            owner,
            text,
            createdAt: nowIso,
            updatedAt: nowIso,
            provenance,
            ...(input.tags && input.tags.length > 0 ? { tags: [...new Set(input.tags)] } : {}),
        });
        tx.write(_paths_js__WEBPACK_IMPORTED_MODULE_2__/* .StatePaths */ .cc.learning(owner, id), renderLearningFile(l));
        known.push(l);
        results.push({ id, action: 'created', learning: l });
    }
    return results;
}
/** Deletes a learning file; returns false when it did not exist. */
async function deleteLearningTx(tx, owner, id) {
    (0,_paths_js__WEBPACK_IMPORTED_MODULE_2__/* .assertId */ .al)(id, 'learning id');
    const path = _paths_js__WEBPACK_IMPORTED_MODULE_2__/* .StatePaths */ .cc.learning(owner, id);
    if (!(await tx.exists(path)))
        return false;
    tx.delete(path);
    return true;
}


/***/ }),

/***/ 65013:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   It: () => (/* binding */ assertWritablePath),
/* harmony export */   Qo: () => (/* binding */ StateDirs),
/* harmony export */   al: () => (/* binding */ assertId),
/* harmony export */   cc: () => (/* binding */ StatePaths),
/* harmony export */   l: () => (/* binding */ StateFiles),
/* harmony export */   lf: () => (/* binding */ ownerKey),
/* harmony export */   u: () => (/* binding */ StateRefs)
/* harmony export */ });
/* unused harmony export QueueStampDigits */
/* harmony import */ var _schema_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(76858);
/**
 * File names of the state branch layout (docs/state.md). Every path the store reads or writes is
 * built here, so the layout has one definition that the code, the docs and the tests share.
 */

/** Root files of the branch. */
const StateFiles = {
    /** `{ "version": N }` — the layout version (SPEC.md §3). */
    Meta: 'kiro-state.json',
    /** Written when the branch is created; explains the layout to a person browsing it. */
    Readme: 'README.md',
};
/** Top-level directories, each with a trailing slash as `list()` expects. */
const StateDirs = {
    Tasks: 'tasks/',
    IssueIndex: 'index/issues/',
    PullIndex: 'index/pulls/',
    /** Concurrency slots of layout version 3 (records on refs, `slots/<n>`). */
    Slots: 'slots/',
    /** Leases of layout version 2 (files on the branch); still honoured until they are released. */
    Leases: 'leases/',
    Queue: 'queue/',
    Learnings: 'learnings/',
    Batches: 'batches/',
};
/** Digits of the zero-padded epoch-milliseconds prefix of queue file names (sorts until year 33658). */
const QueueStampDigits = 15;
const QueueFile = new RegExp(`^${StateDirs.Queue}(\\d{${QueueStampDigits}})-(.+)\\.json$`);
/** A path the store may write: `/`-separated segments of `[A-Za-z0-9._@+-]`, no `.`/`..` segments. */
const WritablePath = /^[A-Za-z0-9._@+-]+(\/[A-Za-z0-9._@+-]+)*$/;
/**
 * Throws unless `path` is a path the store may write (relative, normalised, no `.git`, only
 * characters that need no quoting in git plumbing).
 */
function assertWritablePath(path) {
    const segments = path.split('/');
    if (!WritablePath.test(path) || segments.some((s) => s === '.' || s === '..' || s.toLowerCase() === '.git')) {
        throw new Error(`invalid state path ${JSON.stringify(path)}: use /-separated segments of [A-Za-z0-9._@+-]`);
    }
}
/** Throws unless `id` can be used as a file name (task, learning, batch ids). */
function assertId(id, what = 'id') {
    if (!_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .IdPattern */ .yj.test(id))
        throw new Error(`invalid ${what} ${JSON.stringify(id)}: must match ${_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .IdPattern */ .yj.source}`);
}
/** `owner/repo` → `owner/repo` lowercased and checked; GitHub names are case-insensitive. */
function repoKey(repository) {
    const m = /^([A-Za-z0-9-]+)\/([A-Za-z0-9._-]+)$/.exec(repository);
    if (!m || m[2] === '.' || m[2] === '..')
        throw new Error(`invalid repository ${JSON.stringify(repository)}: expected owner/repo`);
    return repository.toLowerCase();
}
/** GitHub login → directory name (lowercase; logins are case-insensitive). */
function ownerKey(login) {
    const key = login.toLowerCase().replace(/\[bot\]$/, '-bot');
    if (!/^[a-z0-9][a-z0-9-]*$/.test(key))
        throw new Error(`invalid owner login ${JSON.stringify(login)}`);
    return key;
}
/**
 * Records on their own refs (layout version 3, docs/state.md). A transaction path in one of these
 * directories is not a file on the branch but the one file of its own ref
 * `refs/kiro-state/<state branch>/<path without ".json">`, next to the state branch, so that
 * writers of different records never contend (one ref per record, as git-bug keeps its issues in
 * `refs/bugs/<id>`): a task's record (version 2), a concurrency slot, a queue entry, an issue or
 * pull-request index entry (version 3). In a transaction they still read and write as paths; the
 * store routes them to their refs, and each ref is its own compare-and-swap in one atomic push.
 */
const RecordDirs = [
    { dir: 'tasks/', file: 'task.json' },
    // small directories that a slot decision reads whole: listed and read in one fetch
    { dir: 'slots/', file: 'lease.json', readWhole: true },
    { dir: 'queue/', file: 'entry.json', readWhole: true },
    { dir: 'index/', file: 'index.json' },
];
/** A ref name component git accepts (git-check-ref-format): no leading dot, no `.lock` suffix. */
const RefComponent = /^[A-Za-z0-9_@+-][A-Za-z0-9._@+-]*$/;
const StateRefs = {
    /** The file holding a task record in its ref's tree. */
    TaskFile: 'task.json',
    /** Directories whose records live on refs (each with a trailing slash). */
    RecordDirs: RecordDirs.map((d) => d.dir),
    /** Prefix of every record ref of the state branch `branch`. */
    prefix(branch) {
        return `refs/kiro-state/${branch}/`;
    },
    /** Prefix of every task ref of the state branch `branch`. */
    tasksPrefix(branch) {
        return `${StateRefs.prefix(branch)}${StateDirs.Tasks}`;
    },
    task(branch, id) {
        assertId(id, 'task id');
        return `${StateRefs.tasksPrefix(branch)}${id}`;
    },
    /**
     * The record key (`tasks/<id>`, `slots/3`, `index/issues/acme/app/7`, …: the path without
     * `.json`) a transaction path names, or undefined for a path that is a file on the branch.
     */
    keyOf(path) {
        if (!path.endsWith('.json'))
            return undefined;
        const dir = RecordDirs.find((d) => path.startsWith(d.dir));
        if (!dir)
            return undefined;
        const key = path.slice(0, -'.json'.length);
        const rest = key.slice(dir.dir.length).split('/');
        if (dir.dir === StateDirs.Tasks && (rest.length !== 1 || !_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .IdPattern */ .yj.test(rest[0])))
            return undefined;
        // a name git cannot make a ref of (`.github`, `x.lock`) stays a file on the branch
        return rest.every((c) => RefComponent.test(c) && !c.endsWith('.lock') && !c.includes('..')) ? key : undefined;
    },
    /** The transaction path of a record key. */
    pathOf(key) {
        return `${key}.json`;
    },
    /** The file a record key's ref holds. */
    fileOf(key) {
        return RecordDirs.find((d) => key.startsWith(d.dir))?.file ?? 'record.json';
    },
    /** The ref of a record key. */
    ref(branch, key) {
        return `${StateRefs.prefix(branch)}${key}`;
    },
    /** True for a record directory that is read whole (contents and all) when it is listed. */
    readWhole(dir) {
        return RecordDirs.some((d) => d.readWhole && dir.startsWith(d.dir));
    },
    /** The record directories a `list(prefix)` covers (the prefix itself when it is inside one). */
    dirsUnder(prefix) {
        return RecordDirs.flatMap((d) => (d.dir.startsWith(prefix) ? [d.dir] : prefix.startsWith(d.dir) ? [prefix] : []));
    },
    /** The task id a transaction path `tasks/<id>.json` names, or undefined for any other path. */
    taskIdOf(path) {
        if (!path.startsWith(StateDirs.Tasks) || !path.endsWith('.json'))
            return undefined;
        const id = path.slice(StateDirs.Tasks.length, -'.json'.length);
        return _schema_js__WEBPACK_IMPORTED_MODULE_0__/* .IdPattern */ .yj.test(id) ? id : undefined;
    },
};
const StatePaths = {
    task(id) {
        assertId(id, 'task id');
        return `${StateDirs.Tasks}${id}.json`;
    },
    issueIndex(repository, issue) {
        return `${StateDirs.IssueIndex}${repoKey(repository)}/${positive(issue)}.json`;
    },
    pullIndex(repository, pull) {
        return `${StateDirs.PullIndex}${repoKey(repository)}/${positive(pull)}.json`;
    },
    /** A version-2 lease on the branch (read and released, never created, by this version). */
    lease(taskId) {
        assertId(taskId, 'task id');
        return `${StateDirs.Leases}${taskId}.json`;
    },
    /** Concurrency slot `n` (1-based; at most `max-concurrent-tasks`). */
    slot(n) {
        return `${StateDirs.Slots}${positive(n)}.json`;
    },
    /** The number of a slot path, or undefined for any other path. */
    slotNumber(path) {
        const m = /^slots\/([1-9][0-9]{0,5})\.json$/.exec(path);
        return m ? Number(m[1]) : undefined;
    },
    queueEntry(enqueuedAtMs, taskId) {
        assertId(taskId, 'task id');
        return `${StateDirs.Queue}${String(Math.max(0, Math.floor(enqueuedAtMs))).padStart(QueueStampDigits, '0')}-${taskId}.json`;
    },
    /** Task id of a queue file name, or undefined for a file that is not a queue entry. */
    queueTaskId(path) {
        return QueueFile.exec(path)?.[2];
    },
    /** Enqueue time (epoch ms) of a queue file name, or undefined for a file that is not a queue entry. */
    queueStamp(path) {
        const m = QueueFile.exec(path);
        return m ? Number(m[1]) : undefined;
    },
    learningsDir(owner) {
        return `${StateDirs.Learnings}${ownerKey(owner)}/`;
    },
    learning(owner, id) {
        assertId(id, 'learning id');
        return `${StatePaths.learningsDir(owner)}${id}.md`;
    },
    batch(id) {
        assertId(id, 'batch id');
        return `${StateDirs.Batches}${id}.json`;
    },
};
function positive(n) {
    if (!Number.isSafeInteger(n) || n <= 0)
        throw new Error(`invalid issue/pull request number ${n}`);
    return n;
}


/***/ }),

/***/ 76858:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bw: () => (/* binding */ IndexEntry),
/* harmony export */   Xi: () => (/* binding */ Learning),
/* harmony export */   YZ: () => (/* binding */ Task),
/* harmony export */   kY: () => (/* binding */ Provenance),
/* harmony export */   lP: () => (/* binding */ Batch),
/* harmony export */   nD: () => (/* binding */ Lease),
/* harmony export */   yj: () => (/* binding */ IdPattern)
/* harmony export */ });
/* unused harmony exports RepositoryName, StateMeta, Person, TaskSpec, TaskKinds, TaskPhases, TaskRun, QueueEntry, BatchItem */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(41514);
/* harmony import */ var _constants_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(27242);
/**
 * Shapes of the records kept on the state branch (docs/state.md). Records are `looseObject`s:
 * fields this version does not know are kept when a record is read and written back, so an older
 * action sharing a store with a newer one does not strip the newer one's data.
 *
 * Timestamps are ISO 8601 strings (UTC) so the branch stays readable in the GitHub UI.
 */


/** Ids used in file names: task, learning and batch ids. */
/**
 * Ids of tasks, learnings and batches: file names on the state branch and ref names
 * (`refs/kiro-state/<branch>/tasks/<id>`), so also a valid git ref component
 * (https://git-scm.com/docs/git-check-ref-format): no `..`, not ending in `.` or `.lock`.
 */
const IdPattern = /^(?!.*\.\.)(?!.*\.lock$)[A-Za-z0-9][A-Za-z0-9._-]{0,99}(?<!\.)$/;
const Id = zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(IdPattern, 'must be 1–100 of A–Z a–z 0–9 . _ -, start with a letter or digit, and have no `..` and no trailing `.` or `.lock` (a git ref name)');
/** `owner/repo`, GitHub's spelling (repository names may contain `.`, `_`, `-`). */
const RepositoryName = zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(/^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/, 'must be owner/repo');
const Timestamp = zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1);
/** `kiro-state.json` at the root of the branch. */
const StateMeta = zod__WEBPACK_IMPORTED_MODULE_1__/* .looseObject */ ._H3({
    version: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nonnegative(),
});
/** A GitHub user as the task owner: the person whose label or comment started the task. */
const Person = zod__WEBPACK_IMPORTED_MODULE_1__/* .looseObject */ ._H3({
    login: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1),
    id: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int(),
});
/**
 * The task spec the planning sub-agent writes (SPEC.md J1.2): requirements in EARS style
 * ("WHEN … THE SYSTEM SHALL …"), acceptance criteria, and a numbered plan whose steps the code
 * sub-agent ticks off.
 */
const TaskSpec = zod__WEBPACK_IMPORTED_MODULE_1__/* .looseObject */ ._H3({
    title: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    summary: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    requirements: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()),
    acceptanceCriteria: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .looseObject */ ._H3({ id: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), text: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP() })),
    plan: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .looseObject */ ._H3({
        id: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int(),
        title: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
        detail: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
        done: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY(),
    })),
    /** Clarifying questions the planner wants answered before coding. */
    questions: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()).optional(),
    /** False when the issue can be answered without a code change (no branch, no PR). */
    needsCode: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY(),
});
/** Kinds of task: from an issue (J1/J2), from PR feedback (J3), one repository of a batch (J5). */
const TaskKinds = ['issue', 'feedback', 'batch-child'];
/** Phases the orchestrator moves a task through; `progress.phase` holds one of them. */
const TaskPhases = ['planning', 'questions', 'coding', 'verifying', 'publishing', 'feedback', 'done'];
/** One workflow run that worked on the task. `runId` is `GITHUB_RUN_ID`. */
const TaskRun = zod__WEBPACK_IMPORTED_MODULE_1__/* .looseObject */ ._H3({
    runId: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int(),
    runUrl: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    runAttempt: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().optional(),
    startedAt: Timestamp,
    endedAt: Timestamp.optional(),
    /** The agent's exit reason (`completed`, `needs_input`, `limit_reached`, `failed`, …) or `cancelled`. */
    exitReason: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
});
/** The state branch's task record, `tasks/<id>.json`. */
const Task = zod__WEBPACK_IMPORTED_MODULE_1__/* .looseObject */ ._H3({
    id: Id,
    repository: RepositoryName,
    /** Issue number; absent for a batch child, which has no issue of its own. */
    issue: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().positive().optional(),
    pullRequest: zod__WEBPACK_IMPORTED_MODULE_1__/* .looseObject */ ._H3({ number: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().positive(), url: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP() }).optional(),
    kind: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(TaskKinds),
    owner: Person,
    state: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(_constants_js__WEBPACK_IMPORTED_MODULE_0__/* .TaskStates */ .Qe),
    /** What was asked: the issue (title + body) or the `/kiro …` comment's text. */
    instructions: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    spec: TaskSpec.optional(),
    progress: zod__WEBPACK_IMPORTED_MODULE_1__/* .looseObject */ ._H3({
        phase: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(TaskPhases),
        /** `plan[].id` of the step in flight. */
        currentStep: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().optional(),
        verifyAttempts: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nonnegative().default(0),
    })
        .default({ phase: 'planning', verifyAttempts: 0 }),
    /** Work branch `kiro/<issue>-<slug>` and the branch it was cut from. */
    branch: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    baseBranch: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    runs: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(TaskRun).default([]),
    costUsd: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().nonnegative().default(0),
    /** Model calls across all runs of the task (`max-turns` is per task). */
    turns: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nonnegative().default(0),
    tokens: zod__WEBPACK_IMPORTED_MODULE_1__/* .looseObject */ ._H3({
        input: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nonnegative().default(0),
        output: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nonnegative().default(0),
        cacheRead: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nonnegative().default(0),
        cacheWrite: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nonnegative().default(0),
    })
        .default({ input: 0, output: 0, cacheRead: 0, cacheWrite: 0 }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    /** Clarifying questions waiting for the owner (J1.3); cleared when answered. */
    pendingQuestion: zod__WEBPACK_IMPORTED_MODULE_1__/* .looseObject */ ._H3({ commentId: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int(), questions: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()), askedAt: Timestamp })
        .optional(),
    /** An autonomy pause (SPEC.md §2): what the agent wants to do and, for commands, the command. */
    pause: zod__WEBPACK_IMPORTED_MODULE_1__/* .looseObject */ ._H3({ reason: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), command: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(), pausedAt: Timestamp.optional() }).optional(),
    /** Id of the single status comment (edited in place). */
    statusCommentId: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().optional(),
    batchId: Id.optional(),
    /** Learning ids that were put into this task's prompts. */
    learningsApplied: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()).default([]),
    /** Comment that started the task (`/kiro …`), if any. */
    triggerCommentId: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().optional(),
    /** Newest issue/PR comment the task has read; later owner comments steer the task. */
    lastSeenCommentId: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().optional(),
    /** Queue position shown in the status comment while `state` is `queued`. */
    queuePosition: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().positive().optional(),
});
/** `index/issues/<owner>/<repo>/<n>.json` and `index/pulls/…`: the task for an issue or PR. */
const IndexEntry = zod__WEBPACK_IMPORTED_MODULE_1__/* .looseObject */ ._H3({ taskId: Id });
/**
 * `slots/<n>.json` (a record on its own ref; version 2: `leases/<taskId>.json` on the branch): one
 * concurrency slot, held by `taskId`. A lease with `reserved: true` was handed to a
 * queued task by a finishing one; its continuation run turns it into a normal lease.
 */
const Lease = zod__WEBPACK_IMPORTED_MODULE_1__/* .looseObject */ ._H3({
    taskId: Id,
    /** Run holding the slot; absent while the lease is a reservation. */
    runId: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().optional(),
    acquiredAt: Timestamp,
    expiresAt: Timestamp,
    reserved: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY().optional(),
    /** A reservation's original enqueue time: where the task goes back in the queue if it lapses. */
    queuedAt: Timestamp.optional(),
});
/** `queue/<enqueuedAt, ms, 15 digits>-<taskId>.json`: a task waiting for a slot. */
const QueueEntry = zod__WEBPACK_IMPORTED_MODULE_1__/* .looseObject */ ._H3({
    taskId: Id,
    enqueuedAt: Timestamp,
    runId: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().optional(),
});
/** Where a learning came from (J4): the comment's URL, its repository and date. */
const Provenance = zod__WEBPACK_IMPORTED_MODULE_1__/* .looseObject */ ._H3({
    url: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    repository: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    date: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
});
/**
 * A learning: `learnings/<owner>/<id>.md`, YAML front matter plus the preference as the body.
 * The file name is the id; the body is the text.
 */
const Learning = zod__WEBPACK_IMPORTED_MODULE_1__/* .looseObject */ ._H3({
    id: Id,
    owner: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    text: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    createdAt: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    updatedAt: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    provenance: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(Provenance).default([]),
    tags: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()).optional(),
});
/** One repository of a batch (J5) and where it stands. */
const BatchItem = zod__WEBPACK_IMPORTED_MODULE_1__/* .looseObject */ ._H3({
    repository: RepositoryName,
    taskId: Id.optional(),
    state: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(_constants_js__WEBPACK_IMPORTED_MODULE_0__/* .TaskStates */ .Qe).optional(),
    pullRequest: zod__WEBPACK_IMPORTED_MODULE_1__/* .looseObject */ ._H3({ number: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().positive(), url: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP() }).optional(),
});
/** `batches/<batchId>.json`: a `workflow_dispatch` batch across repositories (J5). */
const Batch = zod__WEBPACK_IMPORTED_MODULE_1__/* .looseObject */ ._H3({
    id: Id,
    owner: Person,
    instructions: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    items: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(BatchItem),
    /** Where the batch summary lives (a tracking issue or comment). */
    tracking: zod__WEBPACK_IMPORTED_MODULE_1__/* .looseObject */ ._H3({ repository: RepositoryName, issue: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().positive(), url: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(), commentId: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().optional() })
        .optional(),
});


/***/ })

};
