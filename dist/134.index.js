export const id = 134;
export const ids = [134];
export const modules = {

/***/ 14134:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $Y: () => (/* binding */ git),
/* harmony export */   D_: () => (/* binding */ fetchBranch),
/* harmony export */   Jo: () => (/* binding */ diffAgainst),
/* harmony export */   Nt: () => (/* binding */ cloneWorkspace),
/* harmony export */   OM: () => (/* binding */ changedFilesSince),
/* harmony export */   Q2: () => (/* binding */ syncWorkspace),
/* harmony export */   RK: () => (/* binding */ logSince),
/* harmony export */   _K: () => (/* binding */ env),
/* harmony export */   c5: () => (/* binding */ checkoutTaskBranch),
/* harmony export */   cw: () => (/* binding */ noreplyEmail),
/* harmony export */   hu: () => (/* binding */ scrubPersistedCredentials),
/* harmony export */   jh: () => (/* binding */ retryTransient),
/* harmony export */   oV: () => (/* binding */ filesOfCommit),
/* harmony export */   pU: () => (/* binding */ excludeFromCommits),
/* harmony export */   po: () => (/* binding */ commitWorkTree),
/* harmony export */   xF: () => (/* binding */ headSha)
/* harmony export */ });
/* unused harmony export ensureTrustedRepo */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _auth_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(5768);
/* harmony import */ var _exec_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(29395);
/* harmony import */ var _workspace_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(63773);
/**
 * The action's trusted git (issue #9, docs/security.md "The boundary"). The workspace's own
 * `.git` is the model's scratch; the action keeps its own git directory outside the sandbox's
 * view (`RepoContext.gitDir`, under `$RUNNER_TEMP`) and uses the work tree only as data: it
 * stages the work tree's files into its own index, checks the whole change (protected paths,
 * secrets) there, and builds the commits it pushes itself — with the bot identity and a
 * `Co-authored-by:` trailer (https://docs.github.com/pull-requests/committing-changes-to-your-project/creating-and-editing-commits/creating-a-commit-with-multiple-authors).
 * Commits the model made in its own `.git` are never pushed. Every call goes through `execGit`
 * (no global or system config, no attributes file, no hooks, an absolute git, a fixed `PATH`);
 * the credential travels in the environment of fetches and pushes alone (src/git/auth.ts).
 * After each commit the model's `.git` is brought in step through the sandbox
 * (`RepoContext.workspaceGit`, src/git/workspace.ts), so `git status` and `git diff` keep making
 * sense to it.
 */






/** The auth header for fetches and pushes of `ctx` (src/git/auth.ts). */
const env = (ctx) => (0,_auth_js__WEBPACK_IMPORTED_MODULE_5__/* .authEnv */ .mx)(ctx.serverUrl, ctx.token);
/** Git on the trusted directory with the workspace as its work tree. */
function git(ctx, args, opts = {}) {
    return (0,_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .execGit */ .Ix)([`--git-dir=${ctx.gitDir}`, `--work-tree=${ctx.dir}`, ...args], { cwd: ctx.dir, ...opts });
}
/**
 * Creates the trusted git directory on first use: a bare repository used with an explicit work
 * tree, `origin` pointing at the repository on `serverUrl` (GHES-safe). Idempotent.
 */
async function ensureTrustedRepo(ctx) {
    if ((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(node_path__WEBPACK_IMPORTED_MODULE_2___default().join(ctx.gitDir, 'HEAD')))
        return;
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir)(ctx.gitDir, { recursive: true, mode: 0o700 });
    await (0,_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .execGit */ .Ix)(['init', '-q', '--bare', ctx.gitDir], { cwd: ctx.gitDir });
    const cfg = (k, v) => (0,_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .execGit */ .Ix)([`--git-dir=${ctx.gitDir}`, 'config', k, v], { cwd: ctx.gitDir });
    await cfg('core.bare', 'false');
    await cfg('remote.origin.url', (0,_auth_js__WEBPACK_IMPORTED_MODULE_5__/* .repositoryUrl */ .Ek)(ctx.serverUrl, ctx.repository));
    await cfg('remote.origin.fetch', '+refs/heads/*:refs/remotes/origin/*');
}
/** GitHub's noreply address for a user: `<id>+<login>@users.noreply.github.com`. */
function noreplyEmail(login, id) {
    return `${id}+${login}@users.noreply.github.com`;
}
/**
 * Removes credentials actions/checkout persisted in `.git/config` (an `http.<url>.extraheader`
 * with the token, or an `includeIf` pointing at a credentials file), so that the model's shell
 * cannot read them. The action authenticates its own git calls through the environment.
 */
async function scrubPersistedCredentials(dir) {
    const removed = [];
    const r = await (0,_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .execGit */ .Ix)(['config', '--local', '--name-only', '--get-regexp', '^(http\\..*\\.extraheader|includeif\\..*\\.path)$'], { cwd: dir, allowFailure: true });
    for (const key of new Set(r.stdout.split('\n').filter(Boolean))) {
        await (0,_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .execGit */ .Ix)(['config', '--local', '--unset-all', key], { cwd: dir, allowFailure: true });
        removed.push(key);
    }
    // the remote URL itself may carry a token (https://x-access-token:<t>@host/...)
    const url = (await (0,_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .execGit */ .Ix)(['remote', 'get-url', 'origin'], { cwd: dir, allowFailure: true })).stdout.trim();
    if (/^https?:\/\/[^/@]+@/.test(url)) {
        await (0,_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .execGit */ .Ix)(['remote', 'set-url', 'origin', url.replace(/^(https?:\/\/)[^/@]+@/, '$1')], { cwd: dir });
        removed.push('remote.origin.url credentials');
    }
    return removed;
}
/**
 * Creates a work tree for a repository the workflow did not check out (a batch child): a fresh
 * shallow clone of `branch` in `o.dir`, fetched with the token through the environment (never
 * written to its config). The clone's `.git` is the model's from then on.
 * @throws when the branch does not exist
 */
async function cloneWorkspace(o, branch) {
    await (0,_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .execGit */ .Ix)(['init', '-q'], { cwd: o.dir });
    await (0,_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .execGit */ .Ix)(['remote', 'add', 'origin', (0,_auth_js__WEBPACK_IMPORTED_MODULE_5__/* .repositoryUrl */ .Ek)(o.serverUrl, o.repository)], { cwd: o.dir });
    const args = ['fetch', '--no-tags', '--depth=1', 'origin', `+refs/heads/${branch}:refs/remotes/origin/${branch}`];
    const r = await retryTransient(() => (0,_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .execGit */ .Ix)(args, { cwd: o.dir, env: (0,_auth_js__WEBPACK_IMPORTED_MODULE_5__/* .authEnv */ .mx)(o.serverUrl, o.token), allowFailure: true }));
    if (r.code !== 0) {
        if (/couldn't find remote ref|not found/i.test(r.stderr))
            throw new Error(`cannot clone ${o.repository}: its default branch '${branch}' was not found`);
        throw new _exec_js__WEBPACK_IMPORTED_MODULE_3__/* .GitError */ .XS(args, r);
    }
    const sha = (await (0,_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .execGit */ .Ix)(['rev-parse', `refs/remotes/origin/${branch}`], { cwd: o.dir })).stdout.trim();
    await (0,_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .execGit */ .Ix)(['checkout', '-q', '--force', '-B', branch, sha], { cwd: o.dir });
    return sha;
}
/** Fetches `branch` from origin into the trusted directory; returns its tip sha, or undefined when the branch does not exist. */
async function fetchBranch(ctx, branch, depth) {
    await ensureTrustedRepo(ctx);
    const args = ['fetch', '--no-tags', '--prune', ...(depth ? [`--depth=${depth}`] : []), 'origin', `+refs/heads/${branch}:refs/remotes/origin/${branch}`];
    const r = await retryTransient(() => git(ctx, args, { env: env(ctx), allowFailure: true }));
    if (r.code !== 0) {
        if (/couldn't find remote ref|not found/i.test(r.stderr))
            return undefined;
        throw new _exec_js__WEBPACK_IMPORTED_MODULE_3__/* .GitError */ .XS(args, r);
    }
    return (await git(ctx, ['rev-parse', `refs/remotes/origin/${branch}`])).stdout.trim();
}
/**
 * Checks out the task branch: the existing remote branch when there is one (a continuation or a
 * feedback round), else a new branch from `base`. The trusted directory's HEAD and index move to
 * it; the work tree is checked out by the model's own git in the sandbox (it is the model's).
 * Returns the base commit the task's work starts from.
 * @throws when the base branch does not exist, or the work tree cannot be checked out
 */
async function checkoutTaskBranch(ctx, branch, base) {
    const baseSha = await fetchBranch(ctx, base);
    if (!baseSha)
        throw new Error(`the base branch '${base}' does not exist on origin`);
    const existing = await fetchBranch(ctx, branch);
    const tip = existing ?? baseSha;
    await git(ctx, ['update-ref', `refs/heads/${branch}`, tip]);
    await git(ctx, ['symbolic-ref', 'HEAD', `refs/heads/${branch}`]);
    await git(ctx, ['read-tree', tip]);
    await syncWorkspace(ctx, 'checkout', branch, tip);
    // the index's file stats come from the sandbox's checkout: refresh them once, so staging is quick
    await git(ctx, ['update-index', '-q', '--refresh'], { allowFailure: true });
    return { baseSha, resumed: existing !== undefined };
}
/**
 * Brings the model's `.git` to `sha` on `branch` through the sandbox: `checkout` replaces the
 * work tree (task start), `reset` only moves HEAD and the index (after the action's commit, the
 * work tree already holds that content). A failed `checkout` throws (the work tree would not be
 * the branch's); a failed `reset` only leaves the model's view stale.
 */
async function syncWorkspace(ctx, mode, branch, sha) {
    const w = ctx.workspaceGit;
    if (!w) {
        if (mode === 'checkout')
            throw new Error('checking out the task branch needs the sandbox (RepoContext.workspaceGit)');
        return;
    }
    const steps = [['fetch', '-q', '--no-tags', ctx.gitDir, `+refs/heads/${branch}:refs/remotes/origin/${branch}`]];
    if (mode === 'checkout')
        steps.push(['checkout', '-q', '-f', '-B', branch, sha]);
    else
        steps.push(['symbolic-ref', 'HEAD', `refs/heads/${branch}`], ['reset', '-q', sha]);
    for (const args of steps) {
        const r = await (0,_workspace_js__WEBPACK_IMPORTED_MODULE_4__/* .workspaceGit */ .s)(w, args, [ctx.gitDir]);
        if (r.code !== 0) {
            const why = `git ${args[0]} in the workspace failed (exit ${r.code}): ${r.stderr.trim().split('\n').slice(-2).join(' | ')}`;
            if (mode === 'checkout')
                throw new Error(why);
            return;
        }
    }
}
/** The trusted HEAD sha. */
async function headSha(ctx) {
    return (await git(ctx, ['rev-parse', 'HEAD'])).stdout.trim();
}
/**
 * Commits the work tree's content as the bot, with `Co-authored-by:` trailers, in the trusted
 * directory: stages every file (respecting .gitignore and the trusted `info/exclude`), unstages
 * what `checks.refuse` names over the whole change, replaces secrets in staged blobs, commits and
 * moves the model's `.git` along. Files the model changed but may not commit are restored in the
 * work tree through the sandbox.
 */
async function commitWorkTree(ctx, message, author, coAuthors, checks) {
    await git(ctx, ['add', '--all']);
    const changed = await stagedChanges(ctx);
    const refused = checks.refuse(changed.map((c) => c.path));
    if (refused.length)
        await git(ctx, ['reset', '-q', 'HEAD', '--', ...refused.map(literal)]);
    const scrubbed = await scrubStaged(ctx, changed.filter((c) => c.status !== 'D' && !refused.includes(c.path)).map((c) => c.path), checks.secrets());
    const staged = await git(ctx, ['diff', '--cached', '--quiet', 'HEAD'], { allowFailure: true });
    let sha;
    if (staged.code !== 0) {
        const trailers = coAuthors.map((c) => `Co-authored-by: ${c.name} <${c.email}>`);
        const full = trailers.length ? `${message.trim()}\n\n${trailers.join('\n')}\n` : `${message.trim()}\n`;
        await git(ctx, ['commit', '-q', '--no-verify', '--no-gpg-sign', '-F', '-'], {
            input: full,
            env: { GIT_AUTHOR_NAME: author.name, GIT_AUTHOR_EMAIL: author.email, GIT_COMMITTER_NAME: author.name, GIT_COMMITTER_EMAIL: author.email },
        });
        sha = await headSha(ctx);
    }
    const branch = (await git(ctx, ['symbolic-ref', '--short', 'HEAD'], { allowFailure: true })).stdout.trim();
    if (branch && (sha || refused.length))
        await syncWorkspace(ctx, 'reset', branch, sha ?? (await headSha(ctx)));
    if (refused.length && ctx.workspaceGit) {
        // put the refused files back as the commit has them (tracked) or remove them (new)
        const head = await headSha(ctx);
        const tracked = (await git(ctx, ['ls-tree', '-r', '--name-only', '-z', head, '--', ...refused.map(literal)])).stdout.split('\0').filter(Boolean);
        if (tracked.length)
            await (0,_workspace_js__WEBPACK_IMPORTED_MODULE_4__/* .workspaceGit */ .s)(ctx.workspaceGit, ['checkout', head, '--', ...tracked.map(literal)]);
        const fresh = refused.filter((p) => !tracked.includes(p));
        if (fresh.length)
            await (0,_workspace_js__WEBPACK_IMPORTED_MODULE_4__/* .workspaceGit */ .s)(ctx.workspaceGit, ['clean', '-f', '-q', '--', ...fresh.map(literal)]);
    }
    return { ...(sha ? { sha } : {}), refused, scrubbed };
}
/** A pathspec that matches exactly this path (no glob magic in file names). */
const literal = (p) => `:(literal)${p}`;
/** Staged changes against HEAD: status letter and path (renames are not detected: add + delete). */
async function stagedChanges(ctx) {
    const r = await git(ctx, ['diff', '--cached', '--no-renames', '--name-status', '-z', 'HEAD']);
    const parts = r.stdout.split('\0');
    const out = [];
    for (let i = 0; i + 1 < parts.length; i += 2)
        out.push({ status: parts[i], path: parts[i + 1] });
    return out;
}
/**
 * Replaces every registered secret form in the staged blobs of `paths` with `***` (new blobs,
 * written into the trusted index), so no commit carries one whatever the work tree holds.
 */
async function scrubStaged(ctx, paths, forms) {
    const needles = [...new Set(forms)].filter((f) => f.length >= 4).sort((a, b) => b.length - a.length);
    if (!needles.length || !paths.length)
        return [];
    const out = [];
    const entries = (await git(ctx, ['ls-files', '-s', '-z', '--', ...paths.map(literal)])).stdout.split('\0').filter(Boolean);
    for (const e of entries) {
        const m = /^(\d+) ([0-9a-f]+) \d\t(.*)$/s.exec(e);
        if (!m || m[1] === '160000')
            continue;
        const [, mode, blob, p] = m;
        const text = (await git(ctx, ['cat-file', 'blob', blob], { encoding: 'latin1' })).stdout;
        let count = 0;
        let next = text;
        for (const n of needles) {
            const needle = Buffer.from(n, 'utf8').toString('latin1');
            const parts = next.split(needle);
            count += parts.length - 1;
            next = parts.join('***');
        }
        if (!count)
            continue;
        const sha = (await git(ctx, ['hash-object', '-w', '--stdin'], { input: Buffer.from(next, 'latin1') })).stdout.trim();
        await git(ctx, ['update-index', '--cacheinfo', `${mode},${sha},${p}`]);
        out.push({ path: p, count });
    }
    return out;
}
/** How a push ended (see `pushBranch`). */
/** Unified diff of the work tree's HEAD against `base` (what the PR will show). */
async function diffAgainst(ctx, base, opts = {}) {
    const r = await git(ctx, ['diff', ...(opts.stat ? ['--stat'] : []), `${base}...HEAD`]);
    return r.stdout;
}
/** Files changed between `base` and HEAD with their status letter. */
async function changedFilesSince(ctx, base) {
    const r = await git(ctx, ['diff', '--name-status', `${base}...HEAD`]);
    return r.stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => {
        const [status, ...rest] = l.split('\t');
        return { status: status ?? '', path: rest[rest.length - 1] ?? '' };
    });
}
/** Commit log `base..HEAD`: sha, subject, body. */
async function logSince(ctx, base) {
    const r = await git(ctx, ['log', '--format=%H%x1f%s%x1f%b%x1e', `${base}..HEAD`]);
    return r.stdout
        .split('\x1e')
        .map((s) => s.trim())
        .filter(Boolean)
        .map((s) => {
        const [sha, subject, body] = s.split('\x1f');
        return { sha: sha ?? '', subject: subject ?? '', body: (body ?? '').trim() };
    });
}
/** Retries a network git call on transient failures (5xx, connection resets), 3 attempts. */
async function retryTransient(fn) {
    let last;
    for (let attempt = 0; attempt < 3; attempt++) {
        try {
            const r = await fn();
            if (r.code === 0 || !(0,_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .isTransientGitError */ .pd)(r.stderr))
                return r;
            last = r;
        }
        catch (e) {
            if (!(e instanceof _exec_js__WEBPACK_IMPORTED_MODULE_3__/* .GitError */ .XS) || !(0,_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .isTransientGitError */ .pd)(e.result.stderr))
                throw e;
            last = e;
        }
        await new Promise((res) => setTimeout(res, 250 * 2 ** attempt));
    }
    if (last instanceof Error)
        throw last;
    return last;
}
/** Paths a commit changed (`git show --name-only`), from the trusted directory. */
async function filesOfCommit(ctx, sha) {
    const out = await git(ctx, ['show', '--name-only', '--format=', sha], { allowFailure: true });
    return out.stdout.split('\n').filter(Boolean);
}
/**
 * Adds patterns to the trusted directory's `info/exclude` (ignore rules for the action's commits,
 * never committed), skipping those already present.
 */
async function excludeFromCommits(ctx, patterns) {
    await ensureTrustedRepo(ctx);
    const file = node_path__WEBPACK_IMPORTED_MODULE_2___default().join(ctx.gitDir, 'info', 'exclude');
    let current = '';
    try {
        current = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readFile)(file, 'utf8');
    }
    catch {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir)(node_path__WEBPACK_IMPORTED_MODULE_2___default().dirname(file), { recursive: true });
    }
    const lines = new Set(current.split('\n').map((l) => l.trim()));
    const missing = patterns.filter((p) => !lines.has(p));
    if (missing.length)
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.appendFile)(file, `${current && !current.endsWith('\n') ? '\n' : ''}${missing.join('\n')}\n`);
}


/***/ })

};
