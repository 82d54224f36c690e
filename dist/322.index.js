export const id = 322;
export const ids = [322];
export const modules = {

/***/ 57546:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   T: () => (/* binding */ pushBranch)
/* harmony export */ });
/* harmony import */ var _exec_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(29395);
/* harmony import */ var _repo_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(14134);
/**
 * Pushes of the action's trusted git (src/git/repo.ts): never forced; a branch that moved on the
 * remote is merged in without touching the work tree; a branch that refuses the work (a conflict,
 * a ruleset) gets it on a side branch instead, said in the result.
 */


/**
 * Pushes HEAD to `refs/heads/<branch>` without force (the agent never force-pushes). When the
 * remote branch moved (someone else pushed), its commits are merged in — in the trusted
 * directory, with `git merge-tree` (no work tree involved), the work tree then checked out to the
 * merge through the sandbox — and the push is tried again; the caller re-runs verification when
 * `merged` is set. When the branches conflict, or the remote refuses the branch (a ruleset, a
 * protected branch, a pre-receive hook), the work is pushed to a side branch
 * `<branch>-kiro-<time>` instead and `sideBranch`/`reason` say so.
 * @param identity author and committer of a merge commit
 * @throws when even the side branch is refused, or on other git failures
 */
async function pushBranch(ctx, branch, identity) {
    const sha = await (0,_repo_js__WEBPACK_IMPORTED_MODULE_1__/* .headSha */ .xF)(ctx);
    if (ctx.dryRun) {
        if (ctx.onSkippedPush) {
            // the commits the push would have sent: those not on any remote-tracking branch
            const log = (await (0,_repo_js__WEBPACK_IMPORTED_MODULE_1__/* .git */ .$Y)(ctx, ['log', '--format=%H %s', sha, '--not', '--remotes'])).stdout;
            const patch = (await (0,_repo_js__WEBPACK_IMPORTED_MODULE_1__/* .git */ .$Y)(ctx, ['log', '-p', '--format=commit %H%nAuthor: %an <%ae>%n%n%B', sha, '--not', '--remotes'])).stdout;
            ctx.onSkippedPush({ branch, sha, log, patch });
        }
        return { pushed: false, sha };
    }
    const push = (ref) => (0,_repo_js__WEBPACK_IMPORTED_MODULE_1__/* .retryTransient */ .jh)(() => (0,_repo_js__WEBPACK_IMPORTED_MODULE_1__/* .git */ .$Y)(ctx, ['push', '--porcelain', 'origin', `HEAD:refs/heads/${ref}`], { env: (0,_repo_js__WEBPACK_IMPORTED_MODULE_1__/* .env */ ._K)(ctx), allowFailure: true }));
    // once the branch refused the work, this run keeps using its side branch
    const earlier = sideBranches.get(ctx)?.get(branch);
    if (earlier) {
        const again = await push(earlier.side);
        if (again.code !== 0)
            throw new _exec_js__WEBPACK_IMPORTED_MODULE_0__/* .GitError */ .XS(['push', 'origin', `HEAD:refs/heads/${earlier.side}`], again);
        return { pushed: true, sha, sideBranch: earlier.side, reason: earlier.reason };
    }
    let r = await push(branch);
    if (r.code === 0)
        return { pushed: true, sha };
    // with --porcelain the per-ref verdict ("[rejected] … (non-fast-forward)") is on stdout
    const said = `${r.stdout}\n${r.stderr}`;
    let reason = pushRefusal(said);
    if ((0,_exec_js__WEBPACK_IMPORTED_MODULE_0__/* .isNonFastForward */ .d7)({ ...r, stderr: said }) && !isRuleRejection(said)) {
        const remote = await (0,_repo_js__WEBPACK_IMPORTED_MODULE_1__/* .fetchBranch */ .D_)(ctx, branch);
        const merged = remote ? await mergeRemote(ctx, branch, remote, identity) : undefined;
        if (merged) {
            r = await push(branch);
            if (r.code === 0)
                return { pushed: true, sha: merged, merged: true };
            reason = pushRefusal(`${r.stdout}\n${r.stderr}`);
        }
        else {
            reason = `\`${branch}\` changed on the remote and its changes conflict with the agent's`;
        }
    }
    const side = `${branch}-kiro-${Date.now().toString(36)}`;
    const s = await push(side);
    if (s.code !== 0)
        throw new _exec_js__WEBPACK_IMPORTED_MODULE_0__/* .GitError */ .XS(['push', 'origin', `HEAD:refs/heads/${side}`], s);
    const memo = sideBranches.get(ctx) ?? new Map();
    memo.set(branch, { side, reason });
    sideBranches.set(ctx, memo);
    return { pushed: true, sha: await (0,_repo_js__WEBPACK_IMPORTED_MODULE_1__/* .headSha */ .xF)(ctx), sideBranch: side, reason };
}
/** The side branch each task branch was diverted to, per repository context (one run). */
const sideBranches = new WeakMap();
/** A ruleset, a protected branch or a pre-receive hook refused the push. */
function isRuleRejection(stderr) {
    return /GH013|GH006|rule violations|protected branch|pre-receive hook declined|hook declined/i.test(stderr);
}
/** One line saying why the remote refused a push (`remote:` lines first). */
function pushRefusal(stderr) {
    const remote = stderr.split('\n').filter((l) => /^remote:\s*\S/.test(l)).map((l) => l.replace(/^remote:\s*/, ''));
    const line = remote[0] ?? stderr.split('\n').find((l) => /rejected|denied|declined|error/i.test(l)) ?? 'the push was refused';
    return `the remote refused the push: ${line.trim().slice(0, 200)}`;
}
/**
 * Merges the remote branch tip into HEAD without touching the work tree (`git merge-tree
 * --write-tree`, git ≥ 2.38), commits the merge, and checks the result out in the work tree
 * through the sandbox. @returns the merge commit, or undefined on a conflict
 */
async function mergeRemote(ctx, branch, remote, identity) {
    const m = await (0,_repo_js__WEBPACK_IMPORTED_MODULE_1__/* .git */ .$Y)(ctx, ['merge-tree', '--write-tree', '--no-messages', 'HEAD', remote], { allowFailure: true });
    if (m.code !== 0)
        return undefined;
    const tree = m.stdout.split('\n')[0].trim();
    const who = identity ?? { name: 'kiro-action[bot]', email: 'kiro-action@users.noreply.github.com' };
    const commit = (await (0,_repo_js__WEBPACK_IMPORTED_MODULE_1__/* .git */ .$Y)(ctx, ['commit-tree', tree, '-p', 'HEAD', '-p', remote, '-m', `Merge the remote changes of ${branch}`], {
        env: { GIT_AUTHOR_NAME: who.name, GIT_AUTHOR_EMAIL: who.email, GIT_COMMITTER_NAME: who.name, GIT_COMMITTER_EMAIL: who.email },
    })).stdout.trim();
    await (0,_repo_js__WEBPACK_IMPORTED_MODULE_1__/* .git */ .$Y)(ctx, ['update-ref', `refs/heads/${branch}`, commit]);
    await (0,_repo_js__WEBPACK_IMPORTED_MODULE_1__/* .git */ .$Y)(ctx, ['read-tree', commit]);
    await (0,_repo_js__WEBPACK_IMPORTED_MODULE_1__/* .syncWorkspace */ .Q2)(ctx, 'checkout', branch, commit);
    await (0,_repo_js__WEBPACK_IMPORTED_MODULE_1__/* .git */ .$Y)(ctx, ['update-index', '-q', '--refresh'], { allowFailure: true });
    return commit;
}


/***/ }),

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


/***/ }),

/***/ 32077:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E1: () => (/* binding */ codeAndVerify),
/* harmony export */   jH: () => (/* binding */ criteriaWithVerdict),
/* harmony export */   rA: () => (/* binding */ failureNotesOf)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33838);
/* harmony import */ var _agent_loop_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(78506);
/* harmony import */ var _git_repo_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(14134);
/* harmony import */ var _policy_redact_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(66509);
/* harmony import */ var _prompts_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(66224);
/* harmony import */ var _verify_detect_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(346);
/* harmony import */ var _verify_run_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(7760);
/* harmony import */ var _verify_setup_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(97584);
/**
 * The code → verify loop shared by an issue task, a feedback round and an automation run
 * (SPEC.md J1.4): coder, commit, the project's checks, a secret scan of the diff and the verifier,
 * with failures sent back to the coder.
 */








/**
 * Installs the project's dependencies (once per work tree and run) before the coder starts, so
 * that its tests and the verification can run. Dependency directories are kept out of commits
 * through `.git/info/exclude`. A failed install is told to the coder, which can fix it.
 */
async function prepareEnvironment(o, messages) {
    const dir = o.session.repoCtx.dir;
    const s = o.svc.settings;
    if (!(0,_verify_setup_js__WEBPACK_IMPORTED_MODULE_7__/* .detectSetup */ .t)(dir).length)
        return messages;
    await o.status.update({ phase: 'Installing the project’s dependencies…' });
    const results = await (0,_verify_setup_js__WEBPACK_IMPORTED_MODULE_7__/* .runSetup */ .x)(dir, { cwd: dir, env: o.sandbox.toolContext.env, timeoutMs: s.commandTimeoutMs, redact: o.svc.redact, runner: o.sandbox.runner, ...(o.sandbox.commandEnv ? { commandEnv: o.sandbox.commandEnv } : {}) });
    await (0,_git_repo_js__WEBPACK_IMPORTED_MODULE_2__/* .excludeFromCommits */ .pU)(o.session.repoCtx, ['node_modules/', '.venv/', 'target/']);
    for (const r of results)
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Kiro: ${r.name} ${r.ok ? 'succeeded' : 'failed'} in ${Math.round(r.durationMs / 1000)} s.`);
    const failed = results.filter((r) => !r.ok);
    if (!failed.length)
        return messages;
    return (0,_agent_loop_js__WEBPACK_IMPORTED_MODULE_1__/* .appendUserText */ .x4)(messages, failed.map((r) => `Note: the action ran \`${r.command}\` to install dependencies and it failed:\n${r.output}`).join('\n\n'));
}
/**
 * The code → verify loop (SPEC.md J1.4): the coder works until `finish`, the action commits,
 * runs the project's checks and a secret scan of the diff, and the verifier judges every
 * criterion; failures go back to the coder with the failing output, at most
 * `max-verify-retries` times. Pushing and reporting are the caller's.
 */
async function codeAndVerify(o) {
    const { svc, session, sandbox, status } = o;
    const s = svc.settings;
    const dir = session.repoCtx.dir;
    let coderMessages = o.coderMessages;
    let finish;
    let checks = [];
    let verdict;
    let secretFindings = [];
    const maxAttempts = s.maxVerifyRetries + 1;
    coderMessages = await prepareEnvironment(o, coderMessages);
    let attempt = 1;
    for (; attempt <= maxAttempts; attempt++) {
        await status.update({ phase: attempt === 1 ? o.codingPhase : `Fixing what verification found (retry ${attempt - 1} of ${s.maxVerifyRetries})…` });
        const coded = await session.runRole('coder', coderMessages, o.coderTools, o.steer, o.coderSystem);
        coderMessages = coded.messages;
        if (coded.exitReason !== 'submitted')
            return { kind: 'coder_stopped', attempt, result: coded };
        finish = coded.result;
        await o.committer.commit(o.finishCommitMessage);
        // ---- verify --------------------------------------------------------------------------
        await status.update({ phase: 'Verifying: running the project’s checks…' });
        checks = await (0,_verify_run_js__WEBPACK_IMPORTED_MODULE_6__/* .runChecks */ .J)((0,_verify_detect_js__WEBPACK_IMPORTED_MODULE_5__/* .detectChecks */ .P)(dir), {
            cwd: dir,
            env: sandbox.toolContext.env,
            timeoutMs: s.commandTimeoutMs,
            redact: svc.redact,
            runner: sandbox.runner,
            ...(sandbox.commandEnv ? { commandEnv: sandbox.commandEnv } : {}),
        });
        const diff = await (0,_git_repo_js__WEBPACK_IMPORTED_MODULE_2__/* .diffAgainst */ .Jo)(session.repoCtx, o.diffBase);
        secretFindings = (await (0,_policy_redact_js__WEBPACK_IMPORTED_MODULE_3__/* .scanForSecrets */ .I$)(diff, 'diff')).map((f) => `${f.ruleId}${f.line ? ` (line ${f.line})` : ''}: ${f.message}`);
        const verified = await session.runRole('verifier', [
            {
                role: 'user',
                content: (0,_prompts_js__WEBPACK_IMPORTED_MODULE_4__/* .renderPrompt */ .nQ)('verifier-task', {
                    repository: s.runner.repository,
                    criteria: o.criteria().map((c) => `- ${c.id}: ${c.text}`).join('\n') || '(none)',
                    checks: checks.length ? checks.map((c) => `## ${c.name} — ${c.passed ? 'passed' : 'FAILED'}\n$ ${c.command}\n${c.output}`).join('\n\n') : '(no checks detected)',
                    secrets: secretFindings.length ? secretFindings.join('\n') : 'no findings',
                    base: o.diffBase.slice(0, 12),
                    diff: svc.redact(diff.length > 60_000 ? `${diff.slice(0, 60_000)}\n… (diff truncated; use git diff to read more)` : diff),
                }),
            },
        ]);
        if (verified.exitReason !== 'submitted')
            return { kind: 'verifier_stopped', attempt, result: verified };
        verdict = verified.result;
        const checksPassed = checks.every((c) => c.passed);
        if (verdict.passed && checksPassed && secretFindings.length === 0)
            break;
        if (attempt === maxAttempts)
            break;
        const failing = checks.filter((c) => !c.passed).map((c) => `## ${c.name} failed\n$ ${c.command}\n${c.output}`);
        coderMessages = (0,_agent_loop_js__WEBPACK_IMPORTED_MODULE_1__/* .appendUserText */ .x4)(coderMessages, (0,_prompts_js__WEBPACK_IMPORTED_MODULE_4__/* .renderPrompt */ .nQ)('coder-feedback', {
            feedback: [verdict.feedback, ...failing, ...(secretFindings.length ? [`Secret scan findings (remove them):\n${secretFindings.join('\n')}`] : [])].filter(Boolean).join('\n\n'),
        }));
    }
    const passed = !!verdict?.passed && checks.every((c) => c.passed) && secretFindings.length === 0;
    return { kind: 'done', attempt: Math.min(attempt, maxAttempts), finish: finish, checks, verdict: verdict, secretFindings, passed };
}
/** What failed, one line each, for a draft PR's warning (undefined when verification passed). */
function failureNotesOf(end) {
    if (end.passed)
        return undefined;
    return [
        ...end.checks.filter((c) => !c.passed).map((c) => `\`${c.command}\` failed (exit ${c.exitCode ?? '?'})`),
        ...(end.verdict?.criteria ?? []).filter((c) => !c.met).map((c) => `${c.id} not met: ${c.evidence}`),
        ...end.secretFindings.map((f) => `secret scan: ${f}`),
    ].join('\n');
}
/** The spec's acceptance criteria with the verifier's verdict on each, for the PR body. */
function criteriaWithVerdict(criteria, verdict) {
    return criteria.map((c) => {
        const v = verdict?.criteria.find((x) => x.id === c.id);
        return { ...c, ...(v ? { met: v.met, evidence: v.evidence } : {}) };
    });
}


/***/ }),

/***/ 98876:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   T: () => (/* binding */ createCommitter)
/* harmony export */ });
/* unused harmony export COMMIT_PROTECTED_GLOBS */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33838);
/* harmony import */ var _constants_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(27242);
/* harmony import */ var _git_repo_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(14134);
/* harmony import */ var _policy_paths_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(40786);
/**
 * Commits made by the action, never by the model (docs/security.md): the work tree is committed as
 * the bot, co-authored by the task owner, with protected paths left out and secrets scrubbed.
 */




/**
 * A committer on the checked-out task branch. The whole change is checked each time: protected
 * paths (`.github/workflows/**`, anything under a `.git` directory, and the agent's own settings
 * `.kiro/settings.json` / `.kiro/settings/**`, so a model cannot widen its own permissions) are
 * left out and restored; secrets are replaced in the staged content and redacted from the
 * message (docs/security.md).
 */
function createCommitter(repoCtx, bot, owner, guard) {
    // an automation on a schedule has no one to credit
    const coAuthors = owner ? [{ name: owner.login, email: (0,_git_repo_js__WEBPACK_IMPORTED_MODULE_2__/* .noreplyEmail */ .cw)(owner.login, owner.id) }] : [];
    const refused = new Set();
    return {
        async commit(message) {
            const out = await (0,_git_repo_js__WEBPACK_IMPORTED_MODULE_2__/* .commitWorkTree */ .po)(repoCtx, guard.redact(message), bot, coAuthors, {
                refuse: (paths) => (0,_policy_paths_js__WEBPACK_IMPORTED_MODULE_3__/* .findProtectedChanges */ .Hd)(paths, COMMIT_PROTECTED_GLOBS),
                secrets: () => guard.secrets(),
            });
            if (out.refused.length) {
                _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`Kiro: changes to protected paths were not committed and were restored: ${out.refused.join(', ')}`);
                for (const p of out.refused)
                    refused.add(p);
            }
            for (const f of out.scrubbed)
                _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`Kiro: ${f.path} held a secret value (${f.count}×); it was replaced by *** in the commit.`);
            return out.sha;
        },
        refused: () => [...refused],
    };
}
/** Paths no commit of the action carries, whoever changed them (see `createCommitter`). */
// `gha-creds-*.json`: the credentials file google-github-actions/auth writes into the checkout
const COMMIT_PROTECTED_GLOBS = Object.freeze([..._policy_paths_js__WEBPACK_IMPORTED_MODULE_3__/* .DEFAULT_PROTECTED_GLOBS */ .Nf, _constants_js__WEBPACK_IMPORTED_MODULE_1__/* .RepoFiles */ .op.Settings, '.kiro/settings/**', 'gha-creds-*.json']);


/***/ }),

/***/ 72971:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BO: () => (/* binding */ renderDiscussion),
/* harmony export */   CE: () => (/* binding */ PermissionCache),
/* harmony export */   _$: () => (/* binding */ readSteering),
/* harmony export */   bI: () => (/* binding */ repositoryLayout),
/* harmony export */   cC: () => (/* binding */ trustedComments),
/* harmony export */   yi: () => (/* binding */ renderIssue)
/* harmony export */ });
/* unused harmony exports Budgets, cutToBudget */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _constants_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(27242);
/* harmony import */ var _git_exec_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(29395);
/* harmony import */ var _policy_sanitize_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(31039);
/**
 * What the sub-agents are told about a task: the issue and its discussion (sanitised and fenced
 * as data), the team's steering files, the owner's learnings and the repository layout.
 *
 * Trust rules (SPEC.md §4): text written by users is data; only comments by the owner and by
 * people with write access are included; content created or edited after the trigger is left out;
 * the action's own comments (recognised by their hidden markers) are left out.
 */





const WRITE = new Set(['write', 'maintain', 'admin']);
/** Caches permission lookups per login for one run. */
class PermissionCache {
    svc;
    cache = new Map();
    constructor(svc) {
        this.svc = svc;
    }
    canWrite(login) {
        let p = this.cache.get(login);
        if (!p) {
            p = this.svc.github.getPermission(this.svc.repo, login).then((perm) => WRITE.has(perm));
            this.cache.set(login, p);
        }
        return p;
    }
}
/**
 * Comments that count as the discussion of a task: by writers, not the action's own, created and
 * last edited no later than `before` (ISO time), oldest first.
 */
async function trustedComments(svc, perms, comments, before, excludeIds = []) {
    const cutoff = Date.parse(before);
    const out = [];
    for (const c of comments) {
        if (excludeIds.includes(c.id) || c.body.includes(_constants_js__WEBPACK_IMPORTED_MODULE_2__/* .Markers */ .c7.Any))
            continue;
        if (Number.isFinite(cutoff) && (Date.parse(c.createdAt) > cutoff || Date.parse(c.updatedAt) > cutoff))
            continue;
        if (c.user.type === 'Bot')
            continue;
        if (!(await perms.canWrite(c.user.login)))
            continue;
        out.push(c);
    }
    return out;
}
/** Renders comments as fenced data blocks, one per comment. */
function renderDiscussion(comments) {
    if (!comments.length)
        return '(no comments)';
    // the newest comments matter most: older ones give way first when the discussion is long
    let budget = Budgets.discussion;
    const parts = [];
    for (const c of [...comments].reverse()) {
        const text = cutToBudget((0,_policy_sanitize_js__WEBPACK_IMPORTED_MODULE_4__/* .sanitizeUntrusted */ ._2)(c.body), Math.min(Budgets.comment, Math.max(budget, 0)), 'comment');
        budget -= text.length;
        parts.unshift((0,_policy_sanitize_js__WEBPACK_IMPORTED_MODULE_4__/* .fenceUntrusted */ .C0)(`comment by @${c.user.login} at ${c.createdAt}`, text));
        if (budget <= 0)
            break;
    }
    const dropped = comments.length - parts.length;
    return [...(dropped > 0 ? [`(${dropped} older comment(s) not shown: the discussion is longer than the budget)`] : []), ...parts].join('\n\n');
}
/**
 * Characters of untrusted text one prompt may carry (issue #11: a single 1 MB issue body must not
 * fill the context window): the issue body, each comment, the whole discussion.
 */
const Budgets = { issueBody: 40_000, comment: 8_000, discussion: 40_000 };
/** `text` cut to `max` characters, with a note saying how much was left out. */
function cutToBudget(text, max, what) {
    if (text.length <= max)
        return text;
    return `${text.slice(0, max)}\n\n[… the ${what} is ${text.length} characters long; only the first ${max} are shown]`;
}
/** The issue's title and body as a fenced data block. */
function renderIssue(issue) {
    return (0,_policy_sanitize_js__WEBPACK_IMPORTED_MODULE_4__/* .fenceUntrusted */ .C0)(`issue #${issue.number} by @${issue.author.login}`, `# ${(0,_policy_sanitize_js__WEBPACK_IMPORTED_MODULE_4__/* .safeInline */ .H1)((0,_policy_sanitize_js__WEBPACK_IMPORTED_MODULE_4__/* .sanitizeUntrusted */ ._2)(issue.title), 500)}\n\n${cutToBudget((0,_policy_sanitize_js__WEBPACK_IMPORTED_MODULE_4__/* .sanitizeUntrusted */ ._2)(issue.body), Budgets.issueBody, 'issue body')}`);
}
/**
 * `.kiro/steering/*.md` of the work tree, sanitised, each under its file name; `(none)` when absent.
 * Steering files come from the repository's default branch, which only writers can change.
 */
function readSteering(workspace) {
    const dir = node_path__WEBPACK_IMPORTED_MODULE_1___default().join(workspace, _constants_js__WEBPACK_IMPORTED_MODULE_2__/* .RepoFiles */ .op.SteeringDir);
    let names;
    try {
        names = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readdirSync)(dir).filter((n) => n.endsWith('.md')).sort();
    }
    catch {
        return '(none)';
    }
    const parts = names.map((n) => `## ${_constants_js__WEBPACK_IMPORTED_MODULE_2__/* .RepoFiles */ .op.SteeringDir}/${n}\n\n${(0,_policy_sanitize_js__WEBPACK_IMPORTED_MODULE_4__/* .sanitizeUntrusted */ ._2)((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(dir, n), 'utf8')).trim()}`);
    return parts.length ? parts.join('\n\n') : '(none)';
}
/** The first `max` tracked paths (a cheap map of the repository for the planner). */
async function repositoryLayout(workspace, max = 400) {
    const r = await (0,_git_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .execGit */ .Ix)(['ls-files'], { cwd: workspace, allowFailure: true });
    const files = r.stdout.split('\n').filter(Boolean);
    const shown = files.slice(0, max).join('\n');
    return files.length > max ? `${shown}\n… and ${files.length - max} more (use list_files)` : shown || '(empty repository)';
}


/***/ }),

/***/ 81168:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   JU: () => (/* binding */ StepInput),
/* harmony export */   L0: () => (/* binding */ resumeNotes),
/* harmony export */   Y7: () => (/* binding */ finishStatus),
/* harmony export */   ce: () => (/* binding */ stopped),
/* harmony export */   d1: () => (/* binding */ specMarkdown),
/* harmony export */   ki: () => (/* binding */ planItems),
/* harmony export */   sk: () => (/* binding */ nextStep)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33838);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(41514);
/* harmony import */ var _constants_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(27242);
/* harmony import */ var _policy_sanitize_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(31039);
/* harmony import */ var _lifecycle_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(49492);
/* harmony import */ var _outcome_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(31040);
/** Helpers the phases of a task run share: status endings, stops, plan progress. */






/** The plan as the status comment shows it. */
function planItems(spec) {
    return spec.plan.map((p) => ({ id: p.id, title: p.title, done: p.done }));
}
/** The spec's requirements and acceptance criteria as markdown (status comment, prompts). */
function specMarkdown(spec) {
    const lines = ['**Requirements**', '', ...spec.requirements.map((r) => `- ${r}`), '', '**Acceptance criteria**', '', ...spec.acceptanceCriteria.map((c) => `- **${c.id}** ${c.text}`)];
    return lines.join('\n');
}
/** The first plan step not done yet (the step in flight), if any. */
function nextStep(spec) {
    return spec.plan.find((p) => !p.done)?.id;
}
/** Extra context a resumed run gives the coder: answers, new instructions. */
function resumeNotes(t) {
    const parts = [];
    if (t.resume?.answers)
        parts.push(`# Answers from the task owner to your questions\n${t.resume.answers}`);
    if (t.resume?.feedback)
        parts.push(`# New instructions from the task owner\n${t.resume.feedback}\nAddress them (add plan steps as needed), then call \`finish\`.`);
    if (t.resume?.approvedCommand)
        parts.push(`The task owner approved \`${t.resume.approvedCommand}\`, which paused the previous run: run it when you get to it; it will not pause again.`);
    if (t.resume?.approvedPath)
        parts.push(`The task owner approved writing \`${t.resume.approvedPath}\`, which paused the previous run: make that change when you get to it; it will not pause again.`);
    if (t.spec && t.spec.plan.some((p) => p.done))
        parts.push('Steps marked [x] were done in an earlier run and their commits are on the branch; continue with the first open step.');
    return parts.join('\n\n');
}
/** Input of the coder's `complete_step` tool (also the automation's). */
const StepInput = zod__WEBPACK_IMPORTED_MODULE_5__/* .object */ .Ikc({
    step_id: zod__WEBPACK_IMPORTED_MODULE_5__/* .number */ .aig().int().positive().describe('The plan step id'),
    summary: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP().min(1).describe('One line: what changed for this step'),
});
/** Ends the status comment, the lifecycle label and the outputs in `state`. */
async function finishStatus(t, state, result, phase) {
    await Promise.all([t.status.update({ state, phase, result }), (0,_lifecycle_js__WEBPACK_IMPORTED_MODULE_3__/* .setLifecycleLabel */ .Zw)(t.svc, t.issueNumber, state, t.labels)]);
    (0,_outcome_js__WEBPACK_IMPORTED_MODULE_4__/* .reportOutputs */ .rY)({ status: state });
}
/**
 * A sub-agent stopped before finishing: a limit, a model failure, or a pause. The work so far is
 * already committed and pushed by the caller; the task needs attention.
 */
async function stopped(t, r, spend, phase, branch) {
    const base = { spend, exitReason: r.limit ? `limit_reached:${r.limit}` : r.exitReason };
    let reason;
    if (r.exitReason === 'limit_reached') {
        const which = r.limit === 'turns' ? `the task's turn limit (${t.svc.settings.maxTurns} model calls across its runs)` : r.limit === 'cost' ? `the task's cost limit ($${t.svc.settings.maxCostUsd} across its runs)` : 'the time budget';
        reason = `Stopped while ${phase}: reached ${which}.`;
    }
    else if (r.exitReason === 'paused') {
        reason = `Paused while ${phase}: ${r.pause?.reason ?? 'approval needed'}.`;
    }
    else {
        reason = `Stopped while ${phase}: ${r.error ?? `the ${phase} sub-agent ended without a result`}.`;
    }
    const prior = t.prior ?? { turns: 0, costUsd: 0 };
    const s = t.svc.settings;
    const notes = [
        branch ? `Work so far is pushed to \`${branch}\`.` : '',
        `Spent $${spend.costUsd.toFixed(2)} over ${spend.turns} model calls in this run; the task so far: $${(prior.costUsd + spend.costUsd).toFixed(2)} of $${s.maxCostUsd}, ${prior.turns + spend.turns} of ${s.maxTurns} model calls.`,
    ].filter(Boolean);
    await Promise.all([
        t.status.update({ state: 'needs_attention', phase: reason, notes }),
        (0,_lifecycle_js__WEBPACK_IMPORTED_MODULE_3__/* .setLifecycleLabel */ .Zw)(t.svc, t.issueNumber, 'needs_attention', t.labels),
    ]);
    (0,_outcome_js__WEBPACK_IMPORTED_MODULE_4__/* .reportOutputs */ .rY)({ status: 'needs_attention' });
    if (r.exitReason === 'failed')
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e((0,_policy_sanitize_js__WEBPACK_IMPORTED_MODULE_2__/* .safeInline */ .H1)(t.svc.redact(reason), 2000));
    if (r.exitReason === 'paused') {
        const pause = { ...r.pause, reason: r.pause?.reason ?? 'approval needed' };
        const what = pause.command
            ? `✋ Paused before: \`${pause.command.replace(/`/g, "'")}\``
            : pause.path
                ? `✋ Paused before: writing \`${pause.path.replace(/`/g, "'")}\``
                : pause.afterStep
                    ? `✋ Paused after step ${pause.afterStep}`
                    : `✋ Paused before: ${pause.reason}`;
        await t.svc.github.createIssueComment(t.svc.repo, t.issueNumber, [
            `${_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .Markers */ .c7.Pause} task=${t.taskId} -->`,
            what,
            '',
            `Why: ${pause.reason}`,
            '',
            `Reply \`${t.svc.settings.triggerCommand} continue\` to approve and go on, or \`${t.svc.settings.triggerCommand} cancel\` to stop.`,
        ].join('\n'));
        return { ...base, state: 'needs_attention', reason, pause };
    }
    return r.exitReason === 'failed' ? { ...base, state: 'failed', reason } : { ...base, state: 'needs_attention', reason };
}


/***/ }),

/***/ 30677:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  XG: () => (/* binding */ earlySandbox),
  Ep: () => (/* binding */ openSandbox),
  vX: () => (/* binding */ sandboxNotes)
});

// EXTERNAL MODULE: ./src/policy/sanitize.ts
var sanitize = __webpack_require__(31039);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(33838);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(73136);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 4 modules
var schemas = __webpack_require__(41514);
// EXTERNAL MODULE: ./src/constants.ts
var constants = __webpack_require__(27242);
;// CONCATENATED MODULE: ./src/mcp/config.ts
/**
 * `.kiro/settings/mcp.json` (SPEC.md §2; the Kiro autonomous agent's "MCP" page in the seeds):
 *
 *   { "mcpServers": {
 *       "<name>": { "command": "uvx", "args": ["…"], "env": { "KEY": "${NAME}" }, "disabled": false },
 *       "<name>": { "url": "https://mcp.example.com/mcp", "headers": { "Authorization": "Bearer ${TOKEN}" } } } }
 *
 * Local servers (`command`) are started over stdio inside the command sandbox; remote servers
 * (`url`, MCP's Streamable HTTP transport) are reached through the egress proxy. `${NAME}` in
 * `args`, `env`, `url` and `headers` is resolved from the job's environment (where a workflow puts
 * its secrets); every resolved value is registered as a secret, so it is redacted from everything
 * the action writes and never reaches the model.
 */




const NameSchema = schemas/* string */.YjP().regex(/^[A-Za-z0-9_.-]{1,40}$/, 'server names are 1–40 letters, digits, `_`, `.` or `-`');
const LocalServer = schemas/* strictObject */.rej({
    command: schemas/* string */.YjP().min(1, 'is empty'),
    args: schemas/* array */.YOg(schemas/* string */.YjP()).default([]),
    env: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* string */.YjP()).default({}),
    disabled: schemas/* boolean */.zMY().default(false),
    /** Per-call limit, ms (default: the command timeout). */
    timeout: schemas/* number */.aig().int().positive().optional(),
});
const RemoteServer = schemas/* strictObject */.rej({
    url: schemas/* string */.YjP().regex(/^https?:\/\//, 'must be an http(s) URL'),
    headers: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* string */.YjP()).default({}),
    disabled: schemas/* boolean */.zMY().default(false),
    timeout: schemas/* number */.aig().int().positive().optional(),
});
const McpFileSchema = schemas/* strictObject */.rej({
    mcpServers: schemas/* record */.g1P(NameSchema, schemas/* union */.KCZ([LocalServer, RemoteServer])).default({}),
});
const EMPTY = Object.freeze({ servers: [], problems: [], secrets: [] });
/**
 * Parses the text of `.kiro/settings/mcp.json`. A file that is not valid JSON or breaks the schema
 * yields one problem naming the field (server `(file)`) and no servers: the task goes on without
 * MCP. Pure.
 * @param env the job's environment, for `${NAME}` references
 */
function parseMcpConfig(text, env) {
    let raw;
    try {
        raw = JSON.parse(text);
    }
    catch (e) {
        return { servers: [], problems: [{ server: '(file)', reason: `${constants/* RepoFiles */.op.McpConfig} is not valid JSON: ${e.message}` }], secrets: [] };
    }
    const parsed = McpFileSchema.safeParse(raw);
    if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const field = issue.path.join('.') || '(root)';
        const why = issue.code === 'invalid_union'
            ? 'needs either `command` (a local server) or `url` (a remote server), with only their known keys'
            : issue.code === 'invalid_key'
                ? `is not a valid server name: ${issue.issues[0]?.message ?? issue.message}`
                : issue.message;
        return { servers: [], problems: [{ server: '(file)', reason: `${constants/* RepoFiles */.op.McpConfig}: \`${field}\` ${why}` }], secrets: [] };
    }
    const out = { servers: [], problems: [], secrets: [] };
    for (const [name, cfg] of Object.entries(parsed.data.mcpServers)) {
        if (cfg.disabled)
            continue;
        const missing = new Set();
        const sub = (s) => s.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_m, key) => {
            const v = env[key];
            if (v === undefined || v === '') {
                missing.add(key);
                return '';
            }
            if (!out.secrets.includes(v))
                out.secrets.push(v);
            return v;
        });
        const subAll = (r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, sub(v)]));
        const server = 'command' in cfg
            ? { name, kind: 'stdio', command: sub(cfg.command), args: cfg.args.map(sub), env: subAll(cfg.env), ...(cfg.timeout ? { timeoutMs: cfg.timeout } : {}) }
            : { name, kind: 'http', url: sub(cfg.url), headers: subAll(cfg.headers), ...(cfg.timeout ? { timeoutMs: cfg.timeout } : {}) };
        if (missing.size) {
            out.problems.push({ server: name, reason: `${[...missing].map((k) => `\${${k}}`).join(', ')} ${missing.size > 1 ? 'are' : 'is'} not set in the job's environment (pass it with the step's \`env:\`)` });
            continue;
        }
        out.servers.push(server);
    }
    return out;
}
/** Reads `.kiro/settings/mcp.json` from a work tree; absent → no servers. */
function readMcpConfig(workspace, env) {
    let text;
    try {
        text = (0,external_node_fs_.readFileSync)(external_node_path_default().join(workspace, constants/* RepoFiles */.op.McpConfig), 'utf8');
    }
    catch {
        return EMPTY;
    }
    return parseMcpConfig(text, env);
}
/**
 * Leaves out every server whose resolved configuration (command, args, env, url, headers) holds one
 * of `forbidden` — the action's own credentials (its GitHub token, its API key, in every registered
 * form): those never enter the sandbox or leave for a remote server, whatever the file says. Pure.
 */
function withoutCredentials(config, forbidden) {
    const needles = forbidden.filter((f) => f.length >= 8);
    const leaks = (c) => {
        const values = c.kind === 'stdio' ? [c.command, ...c.args, ...Object.values(c.env)] : [c.url, ...Object.values(c.headers)];
        return values.some((v) => needles.some((n) => v.includes(n)));
    };
    const refused = config.servers.filter(leaks);
    if (!refused.length)
        return config;
    return {
        ...config,
        servers: config.servers.filter((c) => !leaks(c)),
        problems: [...config.problems, ...refused.map((c) => ({ server: c.name, reason: "its configuration passes the action's own GitHub token or API key, which never reach MCP servers; give the server a credential of its own" }))],
    };
}

// EXTERNAL MODULE: ./src/git/auth.ts
var auth = __webpack_require__(5768);
// EXTERNAL MODULE: ./src/git/repo.ts
var repo = __webpack_require__(14134);
// EXTERNAL MODULE: ./src/policy/env.ts
var policy_env = __webpack_require__(99713);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:dns"
var external_node_dns_ = __webpack_require__(40610);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(37067);
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(77030);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
;// CONCATENATED MODULE: ./src/policy/common-dependencies.json
const common_dependencies_namespaceObject = /*#__PURE__*/JSON.parse('{"C5":["alpinelinux.org","amazonaws.com","anaconda.com","apache.org","apt.llvm.org","archlinux.org","aws.amazon.com","azure.com","bitbucket.org","bower.io","centos.org","cocoapods.org","continuum.io","cpan.org","crates.io","docker.com","docker.io","dot.net","dotnet.microsoft.com","eclipse.org","fedoraproject.org","gcr.io","ghcr.io","github.com","githubusercontent.com","gitlab.com","golang.org","google.com","goproxy.io","gradle.org","hashicorp.com","haskell.org","hex.pm","java.com","java.net","jcenter.bintray.com","json-schema.org","json.schemastore.org","k8s.io","launchpad.net","maven.org","mcr.microsoft.com","metacpan.org","microsoft.com","nodejs.org","nuget.org","oracle.com","packagecloud.io","packages.microsoft.com","packagist.org","pkg.go.dev","ppa.launchpad.net","pub.dev","pypa.io","pypi.org","pypi.python.org","pythonhosted.org","quay.io","ruby-lang.org","rubyforge.org","rubygems.org","rubyonrails.org","rustup.rs","rvm.io","sourceforge.net","spring.io","swift.org","ubuntu.com","visualstudio.com","yarnpkg.com"]}');
;// CONCATENATED MODULE: ./src/policy/network.ts
/**
 * Network access levels for the commands the model runs (SPEC.md §4, seeds/003 "Internet Access").
 *
 * Levels:
 * - `integration-only` — only the hosts the action itself talks to: the git server
 *   (`GITHUB_SERVER_URL`), the API (`GITHUB_API_URL`) and the model API's base URL. Nothing is
 *   hard-coded beyond the defaults the runner contract implies when those variables are unset.
 * - `common-dependencies` — integration hosts, the seeds' public list (`common-dependencies.json`)
 *   and the registry hosts the runner's package managers are configured to use
 *   (`discoverRegistryHosts`, read at run time).
 * - `open-internet` — everything.
 * - `custom` — integration hosts plus `allowedDomains` only.
 *
 * `allowedDomains` extends every level (a user who lists a domain wants it reachable); at
 * `custom` it is the only addition to the integration hosts.
 *
 * Matching (host names are compared lower-case, IDNs as punycode, without a trailing dot; the
 * port is never part of a rule):
 * - `api.example.com` in `allowedDomains` matches exactly that host (seeds: "Allow only this
 *   specific domain").
 * - `.example.com` (or `*.example.com`, the common allow-list spelling of the same idea) matches
 *   `example.com` and every subdomain (seeds: "Allow example.com and all subdomains").
 * - Entries of the seeds' public list match the domain and all its subdomains: several entries
 *   are only ever used through subdomains (`amazonaws.com`, `githubusercontent.com`,
 *   `pythonhosted.org`, `docker.io`), so the list is a list of domain suffixes, as in other agent
 *   firewalls' recommended allow-lists.
 * - Integration hosts and discovered registry hosts match exactly (they are concrete hosts read
 *   from URLs, e.g. `registry.npmjs.org`).
 * - IP literals only ever match an exact rule with the same address.
 */




/** The seeds' public list, as data (`common-dependencies.json`). */
const commonDependencyDomains = Object.freeze([...common_dependencies_namespaceObject.C5]);
/**
 * Normalises a host for comparison: lower-case, punycode, no trailing dot, IPv6 without
 * brackets. Returns '' for something that is not a host name or IP literal.
 */
function normalizeHost(host) {
    let h = host.trim();
    if (h.startsWith('[') && h.endsWith(']'))
        h = h.slice(1, -1);
    if ((0,external_node_net_.isIP)(h))
        return h.toLowerCase();
    if (h.endsWith('.'))
        h = h.slice(0, -1);
    if (!h || h.length > 253 || /[\s/:@?#[\]\\]/.test(h))
        return '';
    const ascii = (0,external_node_url_.domainToASCII)(h.toLowerCase());
    if (!ascii)
        return '';
    const labels = ascii.split('.');
    if (labels.some((l) => !/^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/.test(l)))
        return '';
    return ascii;
}
/**
 * Parses one allow-list entry: `host`, `.domain`, `*.domain`, or a URL (its host, exact).
 * @throws Error naming the entry when it is not a domain, an IP literal or such a pattern.
 */
function parseDomainEntry(entry, source = 'allowedDomains') {
    const raw = entry.trim();
    let kind = 'exact';
    let body = raw;
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) {
        try {
            body = new URL(raw).hostname;
        }
        catch {
            throw new Error(`"${entry}" is not a valid URL or domain`);
        }
    }
    else if (body.startsWith('*.')) {
        kind = 'subdomains';
        body = body.slice(2);
    }
    else if (body.startsWith('.')) {
        kind = 'subdomains';
        body = body.slice(1);
    }
    const domain = normalizeHost(body);
    if (!domain || (kind === 'subdomains' && (0,external_node_net_.isIP)(domain))) {
        throw new Error(`"${entry}" is not a domain name like api.example.com or .example.com`);
    }
    return { kind, domain, source };
}
function ruleMatches(rule, host) {
    if (rule.kind === 'exact')
        return host === rule.domain;
    if ((0,external_node_net_.isIP)(host))
        return false;
    return host === rule.domain || host.endsWith(`.${rule.domain}`);
}
/**
 * Hosts every level allows, read from the runner contract: the host of `GITHUB_SERVER_URL`
 * (default `https://github.com`), of `GITHUB_API_URL` (default `https://api.github.com`) and of
 * the model API base URL (`modelBaseUrl`, else `ANTHROPIC_BASE_URL`, else the SDK default
 * `https://api.anthropic.com`). Unparseable URLs are skipped. GitHub Enterprise Server and
 * loopback test servers work unchanged (`http://127.0.0.1:PORT` yields `127.0.0.1`).
 */
function integrationHosts(env, modelBaseUrl) {
    const urls = [
        env.GITHUB_SERVER_URL || 'https://github.com',
        env.GITHUB_API_URL || 'https://api.github.com',
        modelBaseUrl || env.ANTHROPIC_BASE_URL || 'https://api.anthropic.com',
    ];
    const hosts = [];
    for (const u of urls) {
        try {
            const h = normalizeHost(new URL(u).hostname);
            if (h && !hosts.includes(h))
                hosts.push(h);
        }
        catch {
            /* not a URL: nothing to allow */
        }
    }
    return hosts;
}
/**
 * Builds the policy for one task run. Rule order (first match is reported): integration hosts,
 * then `allowedDomains`, then the seeds' list and discovered registry hosts.
 * @throws Error for an invalid `allowedDomains` entry (message names it) or unknown level.
 */
function resolveNetworkPolicy(input) {
    const { level } = input;
    if (!constants/* NetworkLevels */.Gf.includes(level)) {
        throw new Error(`unknown network access level "${String(level)}"`);
    }
    const rules = [];
    const add = (r) => {
        if (!rules.some((x) => x.kind === r.kind && x.domain === r.domain))
            rules.push(r);
    };
    for (const h of input.integrationHosts) {
        const d = normalizeHost(h);
        if (d)
            add({ kind: 'exact', domain: d, source: 'integration' });
    }
    for (const e of input.allowedDomains ?? []) {
        if (e.trim())
            add(parseDomainEntry(e));
    }
    if (level === 'common-dependencies') {
        for (const d of commonDependencyDomains)
            add({ kind: 'subdomains', domain: d, source: 'common-dependencies' });
        for (const { host, source } of input.discovered ?? []) {
            const d = normalizeHost(host);
            if (d)
                add({ kind: 'exact', domain: d, source });
        }
    }
    if (level === 'open-internet') {
        return {
            level,
            allows: () => true,
            match: () => '*',
            rules: ['*'],
            ruleDetails: [],
        };
    }
    const match = (host) => {
        const h = normalizeHost(host);
        if (!h)
            return undefined;
        return rules.find((r) => ruleMatches(r, h));
    };
    return {
        level,
        allows: (host) => match(host) !== undefined,
        match,
        rules: rules.map((r) => (r.kind === 'exact' ? r.domain : `.${r.domain}`)),
        ruleDetails: Object.freeze(rules.slice()),
    };
}

;// CONCATENATED MODULE: ./src/policy/egress-rules.ts
/** The egress proxy's fixed rules (src/policy/egress-proxy.ts): hop-by-hop headers, link-local addresses, CONNECT authorities. */

/** Hop-by-hop headers a proxy must not forward (RFC 9110 §7.6.1, plus the proxy's own). */
const HOP_BY_HOP = new Set([
    'connection',
    'proxy-connection',
    'keep-alive',
    'proxy-authorization',
    'proxy-authenticate',
    'te',
    'trailer',
    'transfer-encoding',
    'upgrade',
]);
/** True for link-local addresses, where clouds serve instance metadata and credentials. */
function isLinkLocalAddress(address) {
    const a = address.toLowerCase();
    if (external_node_net_.isIPv4(a))
        return a.startsWith('169.254.');
    if (external_node_net_.isIPv6(a)) {
        const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
        if (mapped)
            return mapped[1].startsWith('169.254.');
        return /^fe[89ab][0-9a-f]:/.test(a) || a === 'fd00:ec2::254';
    }
    return false;
}
/** A connection refused by the policy after DNS (a name that resolves to a link-local address). */
class BlockedError extends Error {
    constructor(message) {
        super(message);
        this.name = 'BlockedError';
    }
}
/** Parses `host:port`, `[v6]:port` (CONNECT authority form). */
function parseAuthority(authority, defaultPort) {
    const m = /^\[([^\]]+)\](?::(\d+))?$/.exec(authority) ?? /^([^:]+)(?::(\d+))?$/.exec(authority);
    if (!m)
        return undefined;
    const port = m[2] ? Number(m[2]) : defaultPort;
    if (!Number.isInteger(port) || port < 1 || port > 65535)
        return undefined;
    return { host: m[1], port };
}

;// CONCATENATED MODULE: ./src/policy/proxy-env.ts
/**
 * The egress proxy as commands and reports see it (src/policy/egress-proxy.ts): the proxy
 * variables every tool honours, and the blocked requests as the PR body lists them.
 */
/**
 * Proxy variables for the command environment, for the tools that honour each spelling:
 * `HTTP_PROXY`/`HTTPS_PROXY`/`ALL_PROXY` and lower-case twins (curl, git, pip, apt, Go, Python,
 * Ruby, cargo), `NO_PROXY`/`no_proxy` = loopback only (the sandbox's own servers stay direct),
 * `npm_config_proxy`/`npm_config_https_proxy`/`npm_config_noproxy` (npm, pnpm; override a
 * project `.npmrc` proxy), `YARN_HTTP_PROXY`/`YARN_HTTPS_PROXY` (yarn 2+), `PIP_PROXY`,
 * `CARGO_HTTP_PROXY`, `NODE_USE_ENV_PROXY=1` (Node ≥ 24 `fetch`/`http`) and the JVM's
 * `-Dhttp(s).proxyHost/Port` in `JAVA_TOOL_OPTIONS` (Maven, Gradle; JVM system properties cannot
 * carry the token, so JVM requests are attributed to the current command).
 * @param url `EgressProxy.url` or `Firewall.proxyUrl` (`http://HOST:PORT`).
 */
function proxyEnv(url, opts = {}) {
    const u = new URL(url);
    const withAuth = new URL(url);
    if (opts.token) {
        withAuth.username = 'kiro';
        withAuth.password = opts.token;
    }
    const p = withAuth.toString().replace(/\/$/, '');
    const noProxy = 'localhost,127.0.0.1,::1';
    const port = u.port || '80';
    const javaProps = [
        `-Dhttp.proxyHost=${u.hostname}`,
        `-Dhttp.proxyPort=${port}`,
        `-Dhttps.proxyHost=${u.hostname}`,
        `-Dhttps.proxyPort=${port}`,
        '-Dhttp.nonProxyHosts=localhost|127.0.0.1|[::1]',
    ].join(' ');
    const baseJava = opts.base?.JAVA_TOOL_OPTIONS?.replace(/-Dhttps?\.(proxyHost|proxyPort|nonProxyHosts)=\S+/g, '').trim();
    return {
        HTTP_PROXY: p,
        HTTPS_PROXY: p,
        ALL_PROXY: p,
        http_proxy: p,
        https_proxy: p,
        all_proxy: p,
        NO_PROXY: noProxy,
        no_proxy: noProxy,
        npm_config_proxy: p,
        npm_config_https_proxy: p,
        npm_config_noproxy: noProxy,
        YARN_HTTP_PROXY: p,
        YARN_HTTPS_PROXY: p,
        PIP_PROXY: p,
        CARGO_HTTP_PROXY: p,
        NODE_USE_ENV_PROXY: '1',
        JAVA_TOOL_OPTIONS: baseJava ? `${baseJava} ${javaProps}` : javaProps,
    };
}
/** Variable names `proxyEnv` sets (to strip them, e.g. when testing a bypass). */
const PROXY_ENV_NAMES = Object.freeze(Object.keys(proxyEnv('http://127.0.0.1:1')));
/**
 * Markdown section listing blocked requests for the PR body: host, port, method, count and the
 * command (code span, truncated to 120 characters; pass commands through the secret redactor
 * first if they may hold secrets). Empty string when nothing was blocked.
 */
function formatBlockedRequests(blocked, level, max = 50) {
    if (blocked.length === 0)
        return '';
    const cell = (s) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
    const code = (s) => {
        const t = s.length > 120 ? `${s.slice(0, 117)}...` : s;
        const ticks = '`'.repeat((t.match(/`+/g) ?? []).reduce((m, x) => Math.max(m, x.length), 0) + 1);
        return `${ticks} ${cell(t)} ${ticks}`;
    };
    const rows = blocked
        .slice(0, max)
        .map((b) => `| \`${cell(b.host)}:${b.port}\` | ${b.method} | ${b.count} | ${b.command ? code(b.command) : '—'} | ${cell(b.reason)} |`);
    const more = blocked.length > max ? `\n\n…and ${blocked.length - max} more.` : '';
    return [
        '### Blocked network requests',
        '',
        `The sandbox (network access level \`${level}\`) blocked these requests. To allow a host, add it to \`sandbox.allowedDomains\` in \`.kiro/settings.json\`.`,
        '',
        '| Host | Method | Times | Command | Reason |',
        '| --- | --- | --- | --- | --- |',
        ...rows,
    ].join('\n') + more;
}

;// CONCATENATED MODULE: ./src/policy/egress-proxy.ts
/**
 * In-process HTTP/HTTPS forward proxy that enforces a `NetworkPolicy` for the commands the model
 * runs (SPEC.md §4). Commands reach it through the proxy variables of `proxyEnv`; `firewall.ts`
 * makes it the only way out where the runner permits.
 *
 * - `CONNECT host:port` (HTTPS, and any TLS or TCP protocol a client tunnels) is checked by host
 *   and then spliced byte-for-byte: no TLS interception, no certificates to trust.
 * - Absolute-form requests (`GET http://host/path`) are forwarded with a keep-alive agent;
 *   WebSocket upgrades in absolute form are spliced after the check.
 * - A blocked host gets `403 Forbidden` with a plain-text explanation naming the host and the
 *   network access level; each distinct (host, port, method, command) is recorded once in
 *   `blocked` with a count and logged once (repeats are debug lines).
 * - Link-local destinations (cloud metadata services such as 169.254.169.254) are refused at
 *   every level, `open-internet` included, unless the policy names that address exactly.
 *
 * Command attribution: `setCommand(cmd)` makes `cmd` the current command and returns a fresh
 * token; `proxyEnv(url, { token })` embeds it as the proxy URL's credentials
 * (`http://kiro:<token>@127.0.0.1:PORT`), which clients send as `Proxy-Authorization`. A request
 * carrying a known token is attributed to the command that token was issued for, so a
 * background process started by an earlier command is still attributed correctly; a request
 * without one (a client that drops proxy credentials) is attributed to the current command —
 * exact as long as the tool layer runs one command at a time. The token is an attribution label,
 * not an access control: the proxy never requires it.
 *
 * No library: `proxy-chain` (Apify, maintained) would add `socks`, `socks-proxy-agent` and
 * `tslib` to the bundle for features not needed here (upstream proxies, SOCKS, MITM helpers);
 * a CONNECT splice plus absolute-form forwarding is ~200 lines of node:http/node:net.
 */










/**
 * Starts the proxy on 127.0.0.1 (an ephemeral port). Overhead per request is one loopback hop
 * and a policy lookup; sockets use TCP_NODELAY.
 */
async function startEgressProxy(policy, opts = {}) {
    const blocked = [];
    const maxEntries = opts.maxBlockedEntries ?? 500;
    const tokens = new Map();
    const warnedHosts = new Set();
    const sockets = new Set();
    const extraServers = [];
    let current;
    let closed = false;
    const track = (s) => {
        if (sockets.has(s))
            return s;
        // Peers reset connections (a client giving up on a 403); errors end the socket, never the process.
        s.on('error', () => s.destroy());
        sockets.add(s);
        s.once('close', () => sockets.delete(s));
        return s;
    };
    const commandOf = (req) => {
        const auth = req.headers['proxy-authorization'];
        const m = typeof auth === 'string' ? /^Basic\s+(\S+)/i.exec(auth) : null;
        if (m) {
            const decoded = Buffer.from(m[1], 'base64').toString('utf8');
            const token = decoded.slice(decoded.indexOf(':') + 1);
            if (tokens.has(token))
                return tokens.get(token);
        }
        return current;
    };
    const record = (host, port, method, command, reason) => {
        let entry = blocked.find((b) => b.host === host && b.port === port && b.method === method && b.command === command);
        if (entry) {
            entry.count++;
            core/* debug */.Yz(`Egress blocked again (${entry.count}×): ${method} ${host}:${port}`);
            return entry;
        }
        entry = { host, port, method, at: new Date().toISOString(), count: 1, reason, ...(command !== undefined ? { command } : {}) };
        if (blocked.length < maxEntries)
            blocked.push(entry);
        if (opts.onBlocked)
            opts.onBlocked(entry);
        else {
            const line = `Egress blocked: ${method} ${host}:${port} (${reason})${command ? ` — command: ${command.slice(0, 200)}` : ''}`;
            if (!warnedHosts.has(host)) {
                warnedHosts.add(host);
                core/* warning */.$e(line);
            }
            else
                core/* info */.pq(line);
        }
        return entry;
    };
    /** Returns undefined when allowed, else the reason. */
    const check = (host) => {
        if (!host)
            return 'not a valid host name';
        const rule = policy.match(host);
        if (!rule)
            return `not in the allow-list of network access level "${policy.level}"`;
        if (isLinkLocalAddress(host) && (rule === '*' || rule.kind !== 'exact')) {
            return 'link-local address (cloud metadata service)';
        }
        return undefined;
    };
    /** Whether `host` is named exactly by the policy (then link-local results are allowed). */
    const exactlyAllowed = (host) => {
        const rule = policy.match(host);
        return rule !== undefined && rule !== '*' && rule.kind === 'exact' && rule.domain === host;
    };
    const lookup = (hostname, options, callback) => {
        (0,external_node_dns_.lookup)(hostname, options, (err, address, family) => {
            if (err)
                return callback(err);
            const list = Array.isArray(address) ? address : [{ address: address }];
            if (!exactlyAllowed(normalizeHost(hostname)) && list.some((a) => isLinkLocalAddress(a.address))) {
                return callback(new BlockedError(`${hostname} resolves to a link-local address (cloud metadata service)`));
            }
            callback(null, address, family);
        });
    };
    const target = (host) => {
        const mapped = opts.resolve?.(host);
        if (mapped)
            return { host: mapped };
        return external_node_net_.isIP(host) ? { host } : { host, lookup };
    };
    const explain = (host, port, reason) => `kiro-action egress proxy: ${host}:${port} is blocked (${reason}).\n` +
        `This sandbox allows network access at level "${policy.level}". If the task needs this host, ` +
        `ask for it to be added to sandbox.allowedDomains in .kiro/settings.json (".${host}" allows its subdomains too).\n`;
    const denySocket = (socket, status, text, body) => {
        if (socket.destroyed)
            return;
        socket.end(`HTTP/1.1 ${status} ${text}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
    };
    const agent = new external_node_http_.Agent({ keepAlive: true, maxFreeSockets: 32 });
    const server = external_node_http_.createServer((req, res) => {
        let url;
        try {
            url = new URL(req.url ?? '');
        }
        catch {
            res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('kiro-action egress proxy: send absolute-form requests (set HTTP_PROXY).\n');
            return;
        }
        if (url.protocol !== 'http:') {
            res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end(`kiro-action egress proxy: use CONNECT for ${url.protocol} URLs.\n`);
            return;
        }
        const host = normalizeHost(url.hostname);
        const port = url.port ? Number(url.port) : 80;
        const reason = check(host);
        if (reason) {
            record(host || url.hostname, port, req.method ?? 'GET', commandOf(req), reason);
            res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' }).end(explain(host || url.hostname, port, reason));
            return;
        }
        const headers = {};
        for (const [k, v] of Object.entries(req.headers))
            if (!HOP_BY_HOP.has(k) && v !== undefined)
                headers[k] = v;
        const t = target(host);
        const upstream = external_node_http_.request({
            host: t.host,
            ...(t.lookup ? { lookup: t.lookup } : {}),
            port,
            method: req.method,
            path: `${url.pathname}${url.search}`,
            headers,
            agent,
            setHost: false,
        });
        upstream.on('socket', (s) => s.setNoDelay(true));
        upstream.on('response', (up) => {
            const out = {};
            for (const [k, v] of Object.entries(up.headers))
                if (!HOP_BY_HOP.has(k) && v !== undefined)
                    out[k] = v;
            res.writeHead(up.statusCode ?? 502, up.statusMessage, out);
            up.pipe(res);
            up.on('error', () => res.destroy());
        });
        upstream.on('error', (err) => {
            if (err instanceof BlockedError)
                record(host, port, req.method ?? 'GET', commandOf(req), 'link-local address (cloud metadata service)');
            if (res.headersSent)
                res.destroy();
            else
                res
                    .writeHead(err instanceof BlockedError ? 403 : 502, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' })
                    .end(err instanceof BlockedError ? explain(host, port, err.message) : `kiro-action egress proxy: cannot reach ${host}:${port}: ${err.message}\n`);
        });
        req.on('error', () => upstream.destroy());
        req.pipe(upstream);
    });
    const splice = (req, client, head, host, port, method, onConnected) => {
        track(client);
        const t = target(host);
        const upstream = track(external_node_net_.connect({ host: t.host, port, ...(t.lookup ? { lookup: t.lookup } : {}) }));
        upstream.setNoDelay(true);
        if (client instanceof external_node_net_.Socket)
            client.setNoDelay(true);
        client.on('error', () => upstream.destroy());
        client.on('close', () => upstream.destroy());
        upstream.once('connect', () => {
            onConnected(upstream);
            if (head.length)
                upstream.write(head);
            upstream.pipe(client);
            client.pipe(upstream);
        });
        upstream.on('error', (err) => {
            if (upstream.connecting || !upstream.remoteAddress) {
                if (err instanceof BlockedError) {
                    record(host, port, method, commandOf(req), 'link-local address (cloud metadata service)');
                    denySocket(client, 403, 'Forbidden', explain(host, port, err.message));
                }
                else
                    denySocket(client, 502, 'Bad Gateway', `kiro-action egress proxy: cannot reach ${host}:${port}: ${err.message}\n`);
            }
            else
                client.destroy();
        });
    };
    server.on('connect', (req, client, head) => {
        const auth = parseAuthority(req.url ?? '', 443);
        const host = auth ? normalizeHost(auth.host) : '';
        if (!auth || !host) {
            track(client);
            denySocket(client, 400, 'Bad Request', 'kiro-action egress proxy: CONNECT needs host:port\n');
            return;
        }
        const reason = check(host);
        if (reason) {
            track(client);
            record(host, auth.port, 'CONNECT', commandOf(req), reason);
            denySocket(client, 403, 'Forbidden', explain(host, auth.port, reason));
            return;
        }
        splice(req, client, head, host, auth.port, 'CONNECT', () => {
            client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        });
    });
    server.on('upgrade', (req, client, head) => {
        let url;
        try {
            url = new URL(req.url ?? '');
        }
        catch {
            url = undefined;
        }
        if (!url || (url.protocol !== 'http:' && url.protocol !== 'ws:')) {
            track(client);
            denySocket(client, 400, 'Bad Request', 'kiro-action egress proxy: send absolute-form requests\n');
            return;
        }
        const host = normalizeHost(url.hostname);
        const port = url.port ? Number(url.port) : 80;
        const reason = check(host);
        if (reason) {
            track(client);
            record(host || url.hostname, port, req.method ?? 'GET', commandOf(req), reason);
            denySocket(client, 403, 'Forbidden', explain(host || url.hostname, port, reason));
            return;
        }
        const lines = [`${req.method} ${url.pathname}${url.search} HTTP/1.1`];
        for (let i = 0; i < req.rawHeaders.length; i += 2) {
            const k = req.rawHeaders[i];
            if (/^proxy-/i.test(k))
                continue;
            lines.push(`${k}: ${req.rawHeaders[i + 1]}`);
        }
        splice(req, client, head, host, port, req.method ?? 'GET', (upstream) => {
            upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
        });
    });
    server.on('connection', (s) => {
        track(s);
        s.setNoDelay(true);
    });
    server.on('clientError', (_err, socket) => {
        denySocket(socket, 400, 'Bad Request', 'kiro-action egress proxy: malformed request\n');
    });
    await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
            server.off('error', reject);
            resolve();
        });
    });
    const port = server.address().port;
    return {
        url: `http://127.0.0.1:${port}`,
        port,
        blocked,
        setCommand(command) {
            current = command;
            const token = (0,external_node_crypto_.randomBytes)(9).toString('base64url');
            tokens.set(token, command);
            if (tokens.size > 2000)
                tokens.delete(tokens.keys().next().value);
            return token;
        },
        async listenUnix(path) {
            const unix = external_node_net_.createServer((s) => {
                server.emit('connection', s);
            });
            await new Promise((resolve, reject) => {
                unix.once('error', reject);
                unix.listen(path, () => {
                    unix.off('error', reject);
                    resolve();
                });
            });
            extraServers.push(unix);
            await (0,promises_.chmod)(path, 0o666);
        },
        async close() {
            if (closed)
                return;
            closed = true;
            for (const s of sockets)
                s.destroy();
            agent.destroy();
            await Promise.all([server, ...extraServers].map((s) => new Promise((resolve) => {
                s.close(() => resolve());
            })));
        },
    };
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(31421);
// EXTERNAL MODULE: ./src/sandbox/isolation.ts
var isolation = __webpack_require__(21963);
;// CONCATENATED MODULE: ./src/policy/firewall.ts
/**
 * Egress enforcement below the process (SPEC.md §4; NOTES.md "How peers do it": a proxy
 * allow-list alone is bypassed by unsetting the proxy variables).
 *
 * Mode `netns` (Linux, root or passwordless sudo, `ip` from iproute2 and `setpriv`/`unshare`
 * from util-linux — all present on GitHub-hosted Ubuntu runners):
 * - One network namespace per task run, with only a loopback interface: no veth, no route, no
 *   DNS server. A connection to anything but the namespace's own loopback fails at `connect()`
 *   (ENETUNREACH), whatever the command does with its environment.
 * - The only way out is the egress proxy: a small forwarder inside the namespace listens on its
 *   loopback (`proxyUrl`) and relays each connection to the proxy's UNIX socket (a filesystem
 *   socket works across network namespaces). The forwarder runs as `nobody` without capabilities.
 * - Loopback inside the namespace is the sandbox's own: servers a command starts are reachable
 *   by the command directly (`NO_PROXY` covers loopback); the runner's loopback services are not.
 * - Each command enters the namespace as `[sudo -n] ip netns exec NS bwrap …`: the rest of the
 *   sandbox (PID namespace, hidden files, no privileges, masked host sockets) is bubblewrap's,
 *   see src/sandbox/isolation.ts; this module only owns the network.
 *
 * Why not `iptables -m owner --uid-owner`: the action and the commands share the `runner` uid
 * (the action's own GitHub and model traffic must not be filtered), so owner matching would
 * need a second user and a re-owned workspace; and this project's machines have no iptables.
 * The namespace needs no packet filter at all.
 *
 * Mode `none`: no root/sudo, not Linux, tools missing, or the namespace cannot be created
 * (e.g. a container without CAP_SYS_ADMIN). The proxy variables still route well-behaved
 * clients through the proxy, but a command can bypass it; `limitation` says so and why.
 */







/** Forwarder run inside the namespace: 127.0.0.1:<ephemeral> → the proxy's UNIX socket. */
const FORWARDER = `
const net = require('net');
const sock = process.argv[1];
const srv = net.createServer((c) => {
  c.setNoDelay(true);
  const u = net.connect(sock);
  const end = () => { c.destroy(); u.destroy(); };
  c.on('error', end); u.on('error', end); c.on('close', end); u.on('close', end);
  c.pipe(u); u.pipe(c);
});
srv.listen(0, '127.0.0.1', () => process.stdout.write(srv.address().port + '\\n'));
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
`;
function run(argv, timeoutMs = 10_000) {
    return new Promise((resolve) => {
        (0,external_node_child_process_.execFile)(argv[0], argv.slice(1), { timeout: timeoutMs, maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
            const c = err?.code;
            const code = !err ? 0 : typeof c === 'number' ? c : -1;
            resolve({ code, stdout: String(stdout), stderr: String(stderr) || (err && !stderr ? err.message : '') });
        });
    });
}
/** System programs by absolute path, never from the job's `PATH`. */
const findTool = (name) => (0,isolation/* systemTool */._f)(name);
function none(proxyUrl, reason) {
    return {
        mode: 'none',
        proxyUrl,
        enter: [],
        teardown: async () => { },
        limitation: `Network access is enforced by the egress proxy only (HTTP_PROXY and related variables): ` +
            `a command that ignores or unsets them can reach any host, because ${reason}.`,
        notes: [],
    };
}
/**
 * Sets up below-the-process enforcement for one task run (see the module doc). Never throws: if
 * anything needed is missing or fails, resolves with mode `none` and a `limitation`. Takes
 * ~100 ms (namespace creation and the forwarder's start). Call `teardown()` at the end of the run.
 * @param policy the run's policy (at `open-internet` nothing is confined: mode `none`, no limitation)
 * @param proxy the started egress proxy (its UNIX listener is added here)
 */
async function prepareFirewall(policy, proxy, opts = {}) {
    const log = opts.log ?? ((m) => core/* info */.pq(m));
    if (policy.level === 'open-internet') {
        return { ...none(proxy.url, 'the level is open-internet'), limitation: undefined };
    }
    if (opts.disable)
        return none(proxy.url, opts.disable.reason);
    if (process.platform !== 'linux')
        return none(proxy.url, `the runner is ${process.platform}, not Linux`);
    const isRoot = process.getuid?.() === 0;
    let privilege = [];
    if (!isRoot) {
        const sudo = await findTool('sudo');
        if (!sudo)
            return none(proxy.url, 'the action runs without root and sudo is not installed');
        const probe = await run([sudo, '-n', '-E', 'true'], 5000);
        if (probe.code !== 0) {
            return none(proxy.url, `the runner user has neither root nor passwordless sudo with -E (${probe.stderr.trim().split('\n')[0] || `exit ${probe.code}`})`);
        }
        privilege = [sudo, '-n', '-E'];
    }
    const [ip, setpriv] = await Promise.all(['ip', 'setpriv'].map((t) => findTool(t)));
    const missing = Object.entries({ ip, setpriv })
        .filter(([, v]) => !v)
        .map(([k]) => k);
    if (missing.length)
        return none(proxy.url, `${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not installed`);
    const name = opts.name ?? `kiro-sbx-${process.pid}-${(0,external_node_crypto_.randomBytes)(3).toString('hex')}`;
    const add = await run([...privilege, ip, 'netns', 'add', name]);
    if (add.code !== 0)
        return none(proxy.url, `a network namespace cannot be created here (${add.stderr.trim().split('\n')[0]})`);
    let forwarder;
    let sockDir;
    let torn = false;
    const teardown = async () => {
        if (torn)
            return;
        torn = true;
        const pids = await run([...privilege, ip, 'netns', 'pids', name]);
        const list = pids.stdout.split(/\s+/).filter((p) => /^\d+$/.test(p));
        if (list.length)
            await run([...privilege, 'kill', '-KILL', ...list]);
        forwarder?.stdin?.end();
        forwarder?.kill('SIGKILL');
        await run([...privilege, ip, 'netns', 'delete', name]);
        if (sockDir)
            await (0,promises_.rm)(sockDir, { recursive: true, force: true });
    };
    const fail = async (reason) => {
        await teardown();
        return none(proxy.url, reason);
    };
    const lo = await run([...privilege, ip, '-n', name, 'link', 'set', 'lo', 'up']);
    if (lo.code !== 0)
        return fail(`the namespace's loopback cannot be brought up (${lo.stderr.trim()})`);
    sockDir = await (0,promises_.mkdtemp)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'kiro-egress-'));
    await (0,promises_.chmod)(sockDir, 0o755);
    const sockPath = (0,external_node_path_.join)(sockDir, 'proxy.sock');
    try {
        await proxy.listenUnix(sockPath);
    }
    catch (e) {
        return fail(`the proxy cannot listen on ${sockPath} (${e.message})`);
    }
    const nodePath = opts.nodePath ?? process.execPath;
    const fwdArgv = [
        ...privilege,
        ip,
        'netns',
        'exec',
        name,
        setpriv,
        '--reuid=65534',
        '--regid=65534',
        '--clear-groups',
        '--no-new-privs',
        '--bounding-set=-all',
        '--inh-caps=-all',
        '--',
        nodePath,
        '-e',
        FORWARDER,
        sockPath,
    ];
    // A minimal environment: the forwarder must not pick up NODE_OPTIONS and the like.
    const fwd = (0,external_node_child_process_.spawn)(fwdArgv[0], fwdArgv.slice(1), { stdio: ['pipe', 'pipe', 'pipe'], env: { PATH: '/usr/bin:/bin:/usr/sbin:/sbin' } });
    forwarder = fwd;
    const port = await new Promise((resolve) => {
        let out = '';
        let errText = '';
        const timer = setTimeout(() => resolve(`the forwarder did not start within 10 s ${errText.trim()}`), 10_000);
        fwd.stdout?.on('data', (b) => {
            out += b.toString();
            const m = /^(\d+)\n/.exec(out);
            if (m) {
                clearTimeout(timer);
                resolve(Number(m[1]));
            }
        });
        fwd.stderr?.on('data', (b) => (errText += b.toString()));
        fwd.once('error', (e) => {
            clearTimeout(timer);
            resolve(`the forwarder cannot start (${e.message})`);
        });
        fwd.once('exit', (code) => {
            clearTimeout(timer);
            resolve(`the forwarder exited with ${code} (${errText.trim().split('\n')[0]})`);
        });
    });
    if (typeof port === 'string')
        return fail(port);
    fwd.stdout?.resume();
    fwd.stderr?.resume();
    fwd.unref();
    fwd.stdin?.unref?.();
    fwd.stdout?.unref?.();
    fwd.stderr?.unref?.();
    const notes = [
        'Commands run in a network namespace whose only way out is the egress proxy; direct connections fail and are not listed as blocked requests.',
        'There is no DNS inside the sandbox: clients must let the proxy resolve names (they do when HTTP_PROXY/HTTPS_PROXY are set).',
    ];
    log(`Egress firewall: network namespace ${name}, proxy ${`http://127.0.0.1:${port}`} inside it.`);
    return {
        mode: 'netns',
        proxyUrl: `http://127.0.0.1:${port}`,
        enter: [ip, 'netns', 'exec', name],
        teardown,
        notes,
        namespace: name,
    };
}

// EXTERNAL MODULE: ./src/policy/paths.ts
var paths = __webpack_require__(40786);
// EXTERNAL MODULE: ./src/policy/redact.ts
var redact = __webpack_require__(66509);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(38815);
;// CONCATENATED MODULE: ./src/policy/registry-sources.ts
/**
 * Where each package manager keeps its registry configuration (see src/policy/registries.ts for
 * the list): one reader per package manager, each adding the URLs it finds through `Ctx.add`.
 * Files are parsed with real parsers where the format has one (YAML with `yaml`); the ini-style
 * files (npmrc, pip.conf, .yarnrc) and the URL scans are line rules the tools themselves apply.
 */


const URL_RE = /\b(?:https?):\/\/[^\s"'<>`)\]},;\\]+/gi;
function urlsIn(text) {
    return text.match(URL_RE) ?? [];
}
/** `${VAR}` / `${VAR:-default}` expansion as npm and yarn do in their rc files. */
function expand(value, env) {
    return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}/g, (_, n, d) => env[n] ?? d ?? '');
}
/** `key = value` lines of an ini file (npmrc, pip.conf), continuation lines joined. */
function iniEntries(text) {
    const out = [];
    for (const line of text.split(/\r?\n/)) {
        if (/^\s*[#;]/.test(line) || /^\s*\[/.test(line) || !line.trim())
            continue;
        const last = out[out.length - 1];
        if (/^\s/.test(line) && last && !line.includes('=')) {
            last[1] += ` ${line.trim()}`;
            continue;
        }
        const m = /^\s*([^=]+?)\s*=\s*(.*?)\s*$/.exec(line);
        if (m)
            out.push([m[1], m[2].replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1')]);
    }
    return out;
}
async function npmSources(c) {
    const fromEnv = Object.entries(c.env).filter(([k]) => /^npm_config_(?:@[^:]+:)?registry$/i.test(k));
    for (const [k, v] of fromEnv)
        c.add(v, `env ${k}`);
    const files = [
        (0,external_node_path_.join)(c.cwd, '.npmrc'),
        c.env.NPM_CONFIG_USERCONFIG || c.env.npm_config_userconfig || (0,external_node_path_.join)(c.home, '.npmrc'),
        c.env.NPM_CONFIG_GLOBALCONFIG || c.env.npm_config_globalconfig || '',
        (c.env.NPM_CONFIG_PREFIX || c.env.npm_config_prefix || c.env.PREFIX) ? (0,external_node_path_.join)((c.env.NPM_CONFIG_PREFIX || c.env.npm_config_prefix || c.env.PREFIX), 'etc', 'npmrc') : '',
        c.sys('/etc/npmrc'),
        c.sys('/usr/local/etc/npmrc'),
    ].filter(Boolean);
    await Promise.all([...new Set(files)].map(async (f) => {
        const text = await c.read(f);
        if (text === undefined)
            return;
        for (const [k, v] of iniEntries(text)) {
            if (/^(?:@[^:]+:)?registry$/i.test(k))
                c.add(expand(v, c.env), `npm: ${f}`);
        }
    }));
    const out = await c.exec('npm', ['config', 'get', 'registry'], c.cwd);
    if (out)
        c.add(out.trim(), 'npm config get registry');
}
/** A YAML file's top-level mapping; undefined when absent, unparseable (logged) or not a mapping. */
async function readYamlObject(c, f) {
    const text = await c.read(f);
    if (text === undefined)
        return undefined;
    let doc;
    try {
        doc = (0,dist/* parse */.qg)(text);
    }
    catch (e) {
        debugSkip(c, f, e);
        return undefined;
    }
    return doc && typeof doc === 'object' ? doc : undefined;
}
async function yarnSources(c) {
    c.add(c.env.YARN_NPM_REGISTRY_SERVER, 'env YARN_NPM_REGISTRY_SERVER');
    c.add(c.env.YARN_REGISTRY, 'env YARN_REGISTRY');
    await Promise.all([(0,external_node_path_.join)(c.cwd, '.yarnrc.yml'), (0,external_node_path_.join)(c.home, '.yarnrc.yml')].map(async (f) => {
        const d = await readYamlObject(c, f);
        if (!d)
            return;
        const str = (v) => (typeof v === 'string' ? expand(v, c.env) : undefined);
        c.add(str(d.npmRegistryServer), `yarn: ${f}`);
        if (d.npmScopes && typeof d.npmScopes === 'object') {
            for (const s of Object.values(d.npmScopes)) {
                if (s && typeof s === 'object')
                    c.add(str(s.npmRegistryServer), `yarn: ${f}`);
            }
        }
        if (d.npmRegistries && typeof d.npmRegistries === 'object') {
            for (const k of Object.keys(d.npmRegistries))
                c.add(k, `yarn: ${f}`);
        }
    }));
    await Promise.all([(0,external_node_path_.join)(c.cwd, '.yarnrc'), (0,external_node_path_.join)(c.home, '.yarnrc')].map(async (f) => {
        const text = await c.read(f);
        if (text === undefined)
            return;
        for (const line of text.split(/\r?\n/)) {
            const m = /^\s*"?(?:@[^:\s"]+:)?registry"?\s+"?([^"\s]+)"?/.exec(line);
            if (m)
                c.add(expand(m[1], c.env), `yarn: ${f}`);
        }
    }));
}
async function pipSources(c) {
    for (const k of ['PIP_INDEX_URL', 'PIP_EXTRA_INDEX_URL', 'PIP_FIND_LINKS', 'UV_INDEX_URL', 'UV_EXTRA_INDEX_URL', 'UV_DEFAULT_INDEX', 'UV_INDEX']) {
        for (const part of (c.env[k] ?? '').split(/\s+/))
            c.add(part.replace(/^[\w.-]+=(?=\w+:)/, ''), `env ${k}`);
    }
    const xdg = c.env.XDG_CONFIG_HOME || (0,external_node_path_.join)(c.home, '.config');
    const files = [
        c.env.PIP_CONFIG_FILE ?? '',
        c.sys('/etc/pip.conf'),
        c.sys('/etc/xdg/pip/pip.conf'),
        ...(c.env.XDG_CONFIG_DIRS ?? '').split(':').filter(Boolean).map((d) => (0,external_node_path_.join)(d, 'pip', 'pip.conf')),
        (0,external_node_path_.join)(xdg, 'pip', 'pip.conf'),
        (0,external_node_path_.join)(c.home, '.pip', 'pip.conf'),
        c.env.VIRTUAL_ENV ? (0,external_node_path_.join)(c.env.VIRTUAL_ENV, 'pip.conf') : '',
    ].filter(Boolean);
    await Promise.all([...new Set(files)].map(async (f) => {
        const text = await c.read(f);
        if (text === undefined)
            return;
        for (const [k, v] of iniEntries(text)) {
            if (/^(index[-_]url|extra[-_]index[-_]url|find[-_]links)$/i.test(k)) {
                for (const part of v.split(/\s+/))
                    c.add(part, `pip: ${f}`);
            }
        }
    }));
    await Promise.all([(0,external_node_path_.join)(xdg, 'uv', 'uv.toml'), c.sys('/etc/uv/uv.toml'), (0,external_node_path_.join)(c.cwd, 'uv.toml')].map(async (f) => {
        const text = await c.read(f);
        if (text === undefined)
            return;
        for (const m of text.matchAll(/^\s*(?:url|index-url|extra-index-url)\s*=\s*(\[[^\]]*\]|"[^"]*"|'[^']*')/gm)) {
            for (const u of urlsIn(m[1]))
                c.add(u, `uv: ${f}`);
        }
    }));
}
async function condaSources(c) {
    const files = [(0,external_node_path_.join)(c.home, '.condarc'), (0,external_node_path_.join)(c.home, '.config', 'conda', '.condarc'), c.sys('/etc/conda/.condarc'), c.sys('/opt/conda/.condarc')];
    await Promise.all(files.map(async (f) => {
        const d = await readYamlObject(c, f);
        if (!d)
            return;
        const vals = [d.channel_alias, ...(Array.isArray(d.channels) ? d.channels : []), ...(Array.isArray(d.default_channels) ? d.default_channels : [])];
        for (const v of vals)
            if (typeof v === 'string' && /:\/\//.test(v))
                c.add(v, `conda: ${f}`);
    }));
}
async function aptSources(c) {
    const dir = c.sys('/etc/apt/sources.list.d');
    const names = await c.list(dir);
    const files = [c.sys('/etc/apt/sources.list'), ...names.filter((n) => /\.(list|sources)$/.test(n)).sort().map((n) => (0,external_node_path_.join)(dir, n))];
    const addUri = async (uri, source) => {
        const mf = /^mirror\+file:(.+)$/i.exec(uri);
        if (mf) {
            const list = await c.read(c.sys(mf[1]));
            if (list === undefined)
                return;
            for (const line of list.split(/\r?\n/)) {
                const first = line.trim().split(/\s+/)[0];
                if (first && !first.startsWith('#'))
                    c.add(first, `apt: ${mf[1]} (from ${source})`);
            }
            return;
        }
        c.add(uri, `apt: ${source}`);
    };
    await Promise.all(files.map(async (f) => {
        const text = await c.read(f);
        if (text === undefined)
            return;
        if (f.endsWith('.sources')) {
            for (const para of text.split(/\r?\n\s*\r?\n/)) {
                const lines = para.split(/\r?\n/).filter((l) => !l.startsWith('#'));
                const fields = new Map();
                let key = '';
                for (const l of lines) {
                    const m = /^([A-Za-z0-9-]+):\s*(.*)$/.exec(l);
                    if (m) {
                        key = m[1].toLowerCase();
                        fields.set(key, m[2]);
                    }
                    else if (/^\s/.test(l) && key)
                        fields.set(key, `${fields.get(key) ?? ''} ${l.trim()}`);
                }
                if (/^(no|false|0)$/i.test((fields.get('enabled') ?? '').trim()))
                    continue;
                for (const uri of (fields.get('uris') ?? '').split(/\s+/).filter(Boolean))
                    await addUri(uri, f);
            }
        }
        else {
            for (const raw of text.split(/\r?\n/)) {
                const line = raw.replace(/#.*$/, '').trim();
                const m = /^deb(?:-src)?\s+(?:\[[^\]]*\]\s+)?(\S+)/.exec(line);
                if (m)
                    await addUri(m[1], f);
            }
        }
    }));
}
async function mavenSources(c) {
    const mavenHome = c.env.MAVEN_HOME || c.env.M2_HOME;
    const files = [
        (0,external_node_path_.join)(c.home, '.m2', 'settings.xml'),
        mavenHome ? (0,external_node_path_.join)(mavenHome, 'conf', 'settings.xml') : '',
        c.sys('/etc/maven/settings.xml'),
        c.sys('/usr/share/maven/conf/settings.xml'),
    ].filter(Boolean);
    await Promise.all([...new Set(files)].map(async (f) => {
        const text = await c.read(f);
        if (text === undefined)
            return;
        const body = text.replace(/<!--[\s\S]*?-->/g, '').replace(/<proxies>[\s\S]*?<\/proxies>/g, '')
            .replace(/<mirror>(?:(?!<\/mirror>)[\s\S])*?<blocked>\s*true\s*<\/blocked>[\s\S]*?<\/mirror>/g, '');
        for (const m of body.matchAll(/<url>\s*([^<]+?)\s*<\/url>/g))
            c.add(expand(m[1], c.env), `maven: ${f}`);
    }));
}
async function gradleSources(c) {
    const gh = c.env.GRADLE_USER_HOME || (0,external_node_path_.join)(c.home, '.gradle');
    const initD = (0,external_node_path_.join)(gh, 'init.d');
    const names = await c.list(initD);
    const files = [(0,external_node_path_.join)(gh, 'init.gradle'), (0,external_node_path_.join)(gh, 'init.gradle.kts'), ...names.map((n) => (0,external_node_path_.join)(initD, n))];
    await Promise.all(files.map(async (f) => {
        const text = await c.read(f);
        if (text === undefined)
            return;
        for (const u of urlsIn(text.replace(/^\s*\/\/.*$/gm, '')))
            c.add(u, `gradle: ${f}`);
    }));
    const wrapper = (0,external_node_path_.join)(c.cwd, 'gradle', 'wrapper', 'gradle-wrapper.properties');
    const text = await c.read(wrapper);
    const m = text && /^\s*distributionUrl\s*=\s*(\S+)/m.exec(text);
    if (m)
        c.add(m[1].replace(/\\:/g, ':'), `gradle: ${wrapper}`);
}
function goValues(c, goproxy, gosumdb, source) {
    for (const p of (goproxy ?? '').split(/[,|]/))
        c.add(p, source);
    const sum = (gosumdb ?? '').trim();
    if (sum && sum !== 'off') {
        const parts = sum.split(/\s+/);
        c.add(parts[1] ?? parts[0].split('+')[0], source);
    }
}
async function goSources(c) {
    goValues(c, c.env.GOPROXY, c.env.GOSUMDB, 'env GOPROXY/GOSUMDB');
    const envFile = c.env.GOENV || (0,external_node_path_.join)(c.env.XDG_CONFIG_HOME || (0,external_node_path_.join)(c.home, '.config'), 'go', 'env');
    const text = envFile === 'off' ? undefined : await c.read(envFile);
    if (text !== undefined) {
        const vals = Object.fromEntries(iniEntries(text));
        goValues(c, vals.GOPROXY, vals.GOSUMDB, `go: ${envFile}`);
    }
    const out = await c.exec('go', ['env', 'GOPROXY', 'GOSUMDB'], c.home, { ...c.env, GOTOOLCHAIN: 'local', GOFLAGS: '' });
    if (out) {
        const [proxy, sumdb] = out.split(/\r?\n/);
        goValues(c, proxy, sumdb, 'go env');
    }
}
async function cargoSources(c) {
    for (const [k, v] of Object.entries(c.env))
        if (/^CARGO_REGISTRIES_\w+_INDEX$/.test(k))
            c.add(v, `env ${k}`);
    const ch = c.env.CARGO_HOME || (0,external_node_path_.join)(c.home, '.cargo');
    const files = [(0,external_node_path_.join)(ch, 'config.toml'), (0,external_node_path_.join)(ch, 'config'), (0,external_node_path_.join)(c.cwd, '.cargo', 'config.toml'), (0,external_node_path_.join)(c.cwd, '.cargo', 'config')];
    await Promise.all(files.map(async (f) => {
        const text = await c.read(f);
        if (text === undefined)
            return;
        for (const m of text.matchAll(/^\s*(?:index|registry)\s*=\s*["']([^"']+)["']/gm))
            c.add(m[1], `cargo: ${f}`);
        for (const m of text.matchAll(/\{[^}]*\bindex\s*=\s*["']([^"']+)["'][^}]*\}/g))
            c.add(m[1], `cargo: ${f}`);
    }));
}
async function rubySources(c) {
    for (const [k, v] of Object.entries(c.env))
        if (/^BUNDLE_MIRROR__/.test(k))
            c.add(v, `env ${k}`);
    const gemrc = (0,external_node_path_.join)(c.home, '.gemrc');
    const text = await c.read(gemrc);
    if (text !== undefined) {
        try {
            const d = (0,dist/* parse */.qg)(text);
            const s = d?.[':sources'] ?? d?.sources;
            if (Array.isArray(s))
                for (const u of s)
                    if (typeof u === 'string')
                        c.add(u, `gem: ${gemrc}`);
        }
        catch (e) {
            debugSkip(c, gemrc, e);
        }
    }
    await Promise.all([(0,external_node_path_.join)(c.home, '.bundle', 'config'), (0,external_node_path_.join)(c.cwd, '.bundle', 'config')].map(async (f) => {
        const t = await c.read(f);
        if (t === undefined)
            return;
        for (const m of t.matchAll(/^\s*BUNDLE_MIRROR__\S+:\s*["']?([^"'\s]+)/gm))
            c.add(m[1], `bundler: ${f}`);
    }));
}
async function nugetSources(c) {
    const files = [(0,external_node_path_.join)(c.home, '.nuget', 'NuGet', 'NuGet.Config'), (0,external_node_path_.join)(c.cwd, 'nuget.config'), (0,external_node_path_.join)(c.cwd, 'NuGet.Config')];
    await Promise.all(files.map(async (f) => {
        const text = await c.read(f);
        if (text === undefined)
            return;
        const body = text.replace(/<!--[\s\S]*?-->/g, '');
        for (const m of body.matchAll(/<add\b[^>]*\bvalue\s*=\s*"(https?:\/\/[^"]+)"/gi))
            c.add(m[1], `nuget: ${f}`);
    }));
}
function debugSkip(c, file, e) {
    c.debug(`registries: cannot parse ${file}: ${String(e?.message ?? e).split('\n')[0]}`);
}
/** Every source, in the order their hosts are listed. */
const RegistrySources = [npmSources, yarnSources, pipSources, condaSources, aptSources, mavenSources, gradleSources, goSources, cargoSources, rubySources, nugetSources];

;// CONCATENATED MODULE: ./src/policy/registries.ts
/**
 * Discovers the package-registry hosts the runner's own package managers are configured to use,
 * at run time and without network access (SPEC.md §4: "registry hosts are never hard-coded, so
 * corporate mirrors work without configuration").
 *
 * Sources (every one optional; a missing file, an unparseable file or a missing tool is skipped
 * with a debug log):
 * - npm / pnpm: `npm config get registry` (run in the project directory, so it sees npm's
 *   built-in default, the global, user and project npmrc and the environment), and
 *   `registry` / `@scope:registry` in the project `.npmrc`, the user npmrc
 *   (`NPM_CONFIG_USERCONFIG` or `$HOME/.npmrc`), the global npmrc (`NPM_CONFIG_GLOBALCONFIG`,
 *   `$PREFIX/etc/npmrc`, `/etc/npmrc`, `/usr/local/etc/npmrc`) and `npm_config_*registry`
 *   variables (any case). `${VAR}` in npmrc values is expanded.
 * - yarn: `.yarnrc.yml` (project and home: `npmRegistryServer`, `npmScopes.*.npmRegistryServer`,
 *   `npmRegistries` keys), `YARN_NPM_REGISTRY_SERVER`, yarn 1 `.yarnrc` `registry` lines,
 *   `YARN_REGISTRY`.
 * - pip / uv: `PIP_INDEX_URL`, `PIP_EXTRA_INDEX_URL`, `PIP_FIND_LINKS`, `UV_INDEX_URL`,
 *   `UV_EXTRA_INDEX_URL`, `UV_DEFAULT_INDEX`, `UV_INDEX`; `pip.conf` from `PIP_CONFIG_FILE`,
 *   `/etc/pip.conf`, `/etc/xdg/pip/pip.conf`, `$XDG_CONFIG_HOME/pip/pip.conf`
 *   (`~/.config/pip/pip.conf`), `~/.pip/pip.conf`, `$VIRTUAL_ENV/pip.conf` (`index-url`,
 *   `extra-index-url`, `find-links`); `uv.toml` (user and project) index URLs.
 * - conda: `.condarc` (home, `/etc/conda/.condarc`, `/opt/conda/.condarc`): `channel_alias`,
 *   URL entries of `channels` / `default_channels`.
 * - apt: `/etc/apt/sources.list`, `/etc/apt/sources.list.d/*.list` (one-line form) and `*.sources`
 *   (deb822 `URIs:`, paragraphs with `Enabled: no` skipped); `mirror+file:` lists are read too
 *   (GitHub's Ubuntu images use `mirror+file:/etc/apt/apt-mirrors.txt`).
 * - Maven: `<url>` of mirrors and repositories in `~/.m2/settings.xml`,
 *   `$MAVEN_HOME|$M2_HOME/conf/settings.xml`, `/etc/maven/settings.xml`,
 *   `/usr/share/maven/conf/settings.xml` (`<proxies>`, `<blocked>` mirrors and comments ignored).
 * - Gradle: URLs in `$GRADLE_USER_HOME` (`~/.gradle`) `init.gradle[.kts]` and `init.d/*`, and the
 *   project wrapper's `distributionUrl`.
 * - Go: `GOPROXY`, `GOSUMDB`, the go env file (`GOENV` or `~/.config/go/env`) and
 *   `go env GOPROXY GOSUMDB` when `go` is installed (run with `GOTOOLCHAIN=local`, never
 *   downloads). `direct`/`off` entries are skipped; `GOPRIVATE` is not an allowance.
 * - Cargo: `index` / `registry` values in `$CARGO_HOME` (`~/.cargo`) `config.toml` / `config`
 *   and the project's `.cargo/config.toml`, `CARGO_REGISTRIES_*_INDEX`.
 * - RubyGems / Bundler: `~/.gemrc` `:sources:`, `BUNDLE_MIRROR__*` and mirror values in
 *   `.bundle/config` (home and project).
 * - NuGet: `value` URLs in `~/.nuget/NuGet/NuGet.Config` and the project's `nuget.config`.
 *
 * Call it once before the model's first command: the project's own config counts (it is the
 * team's), but what the model later writes into it does not.
 */







/**
 * Extracts the host of a registry URL as package managers write it: `https://h/p`, `//h/p`
 * (npmrc keys, yarn `npmRegistries`), `sparse+https://…`, `git+…`, `mirror+http://…`, or a bare
 * `host[:port]/path` (GOPROXY). Returns '' for `file:`, `direct`, `off` and non-URLs.
 */
function registryHost(url) {
    let u = url.trim().replace(/^["']|["']$/g, '');
    u = u.replace(/^(?:(?:sparse|git|registry|mirror|tor)\+)+/i, '');
    if (!u || /^(direct|off|none)$/i.test(u))
        return '';
    if (u.startsWith('//'))
        u = `https:${u}`;
    else if (!/^[a-z][a-z0-9+.-]*:/i.test(u)) {
        if (!/^[a-z0-9.-]+(:\d+)?(\/|$)/i.test(u) || !u.split(/[:/]/)[0].includes('.'))
            return '';
        u = `https://${u}`;
    }
    try {
        const parsed = new URL(u);
        if (!/^(https?|wss?|ssh|git|ftp|s3|gs):$/.test(parsed.protocol))
            return '';
        const host = normalizeHost(parsed.hostname);
        return host === '0.0.0.0' || host === '::' ? '' : host;
    }
    catch {
        return '';
    }
}
/**
 * Reads the registry hosts configured for the runner's package managers (see the module doc for
 * every source). Never touches the network; never throws (each source's failure is a debug log).
 * Resolves with unique hosts in discovery order, each with the first source it was read from.
 * Takes about the time of one `npm config get registry` (the tools run in parallel).
 */
async function discoverRegistryHosts(env, opts = {}) {
    const debug = opts.debug ?? ((m) => core/* debug */.Yz(m));
    const root = opts.root ?? '/';
    const readFileFn = opts.readFile ?? ((p) => (0,promises_.readFile)(p, 'utf8'));
    const readDirFn = opts.readDir ?? ((p) => (0,promises_.readdir)(p));
    const execFn = opts.exec ?? defaultExec;
    const c = {
        env,
        home: opts.home ?? env.HOME ?? (0,external_node_os_.homedir)(),
        cwd: opts.cwd ?? process.cwd(),
        sys: (p) => (root === '/' ? p : (0,external_node_path_.join)(root, external_node_path_.posix.normalize(p))),
        read: async (p) => {
            try {
                return await readFileFn(p);
            }
            catch (e) {
                if (e?.code !== 'ENOENT')
                    debug(`registries: cannot read ${p}: ${String(e?.message ?? e)}`);
                return undefined;
            }
        },
        list: async (p) => {
            try {
                return await readDirFn(p);
            }
            catch {
                return [];
            }
        },
        exec: async (file, args, cwd, e) => {
            try {
                return await execFn(file, args, { cwd, env: e ?? env });
            }
            catch (err) {
                debug(`registries: ${file} ${args.join(' ')} unavailable: ${String(err?.message ?? err).split('\n')[0]}`);
                return undefined;
            }
        },
        debug,
    };
    const sources = RegistrySources;
    // Run in parallel but add in a stable order: each source collects into its own list first.
    const perSource = await Promise.all(sources.map(async (fn) => {
        const local = [];
        const sub = {
            ...c,
            add: (url, source) => {
                if (!url)
                    return;
                const host = registryHost(url);
                if (host && !local.some((f) => f.host === host))
                    local.push({ host, source });
            },
        };
        try {
            await fn(sub);
        }
        catch (e) {
            debug(`registries: ${fn.name} failed: ${String(e?.message ?? e)}`);
        }
        return local;
    }));
    const found = [];
    for (const list of perSource)
        for (const h of list)
            if (!found.some((f) => f.host === h.host))
                found.push(h);
    return found;
}
function defaultExec(file, args, opts) {
    return new Promise((resolve, reject) => {
        (0,external_node_child_process_.execFile)(file, args, { cwd: opts.cwd, env: opts.env, timeout: 10_000, maxBuffer: 1 << 20, windowsHide: true }, (err, stdout) => (err ? reject(err) : resolve(String(stdout))));
    });
}

// EXTERNAL MODULE: ./src/sandbox/runner.ts
var sandbox_runner = __webpack_require__(84849);
// EXTERNAL MODULE: ./src/orchestrator/shutdown.ts
var shutdown = __webpack_require__(80104);
;// CONCATENATED MODULE: ./src/orchestrator/sandbox.ts
/**
 * The sandbox the model's commands run in (SPEC.md §4, docs/security.md): the OS boundary
 * (bubblewrap, src/sandbox/isolation.ts) around every process through one runner
 * (src/sandbox/runner.ts), an environment without the action's credentials (the team's `env`
 * added, task secrets included), the network access level enforced by the egress proxy plus,
 * where the runner permits, a network namespace whose only way out is that proxy
 * (`src/policy/firewall.ts`), and the command/path/edit policy (guidance and autonomy pauses).
 */




















/** Variables naming credential files of the job (Google's application default credentials, AWS's shared files). */
const CREDENTIAL_FILE_VARS = ['GOOGLE_APPLICATION_CREDENTIALS', 'CLOUDSDK_AUTH_CREDENTIAL_FILE_OVERRIDE', 'GOOGLE_GHA_CREDS_PATH', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_WEB_IDENTITY_TOKEN_FILE'];
/** Every form of the action's own credentials: these never enter the sandbox, whatever the name. */
function credentialForms(svc) {
    const r = new redact/* Redactor */.pO({ setSecret: () => { } });
    const s = svc.settings;
    if (s.githubToken) {
        r.register(s.githubToken);
        r.register((0,auth/* basicCredential */.gp)(s.githubToken));
    }
    if (s.anthropicApiKey)
        r.register(s.anthropicApiKey);
    return r.values();
}
/**
 * Opens the sandbox for one task run. Never fails for a missing firewall: enforcement then falls
 * back to the proxy alone and `limitation` says so (it goes into the PR body).
 * @param policyOverride replaces the tool policy (tests of the orchestrator only)
 */
async function openSandbox(svc, policyOverride) {
    const s = svc.settings;
    const workspace = s.runner.workspace;
    // independent steps side by side (the acknowledgement's critical path, issue #12); all of them
    // finish before this function returns, so before the model's first command
    const preloading = svc.preload(s.provider);
    // actions/checkout leaves the token in .git/config; the model's shell could read it (NOTES.md)
    const scrubbing = (0,repo/* scrubPersistedCredentials */.hu)(workspace);
    const detecting = (0,isolation/* detectIsolation */.Kz)(s.sandboxDisabledReason ? { disable: s.sandboxDisabledReason } : {});
    const discovering = s.networkAccess === 'common-dependencies' ? discoverRegistryHosts(s.env, { cwd: workspace }) : Promise.resolve([]);
    for (const p of [preloading, scrubbing, detecting, discovering])
        p.catch(() => undefined); // awaited below
    const kiroPolicy = policyOverride
        ? undefined
        : (0,paths/* createToolPolicy */.hQ)({
            workspace,
            commands: { forbiddenCommands: [...s.repo.agent.forbiddenCommands], allowedCommands: [...s.repo.agent.allowedCommands], autonomy: s.autonomyLevel },
            maxFileEditsPerTask: s.repo.agent.maxFileEditsPerTask,
            requireApprovalForNewFiles: s.repo.agent.requireApprovalForNewFiles,
        });
    const policy = policyOverride ?? kiroPolicy;
    const { proxy, firewall, proxyUrl, netEnv } = await openNetwork(svc, discovering);
    const { env, dirs } = sandboxEnvironment(svc, netEnv);
    const confined = firewall?.mode === 'netns' ? firewall : undefined;
    const ready = readyForCommands(preloading, scrubbing);
    const layout = {
        workspace,
        home: dirs.home,
        tmp: dirs.tmp,
        writable: [dirs.state],
        hideDirs: hiddenDirs(s.runner.runnerTemp, s.env),
        readOnly: toolchainDirs(s.runner.runnerTemp, s.env),
        // credential files the job's own steps wrote (google-github-actions/auth puts one into the checkout)
        hideFiles: [s.runner.eventPath, ...[...policy_env/* RUNNER_FILE_COMMAND_VARS */.LU, ...CREDENTIAL_FILE_VARS].map((v) => s.env[v]).filter((f) => !!f)],
        ...(confined ? { netns: confined.enter } : {}),
    };
    const chosen = chooseRunner(await detecting, layout, s.allowUnsandboxedCommands);
    const runner = afterReady(chosen.runner, ready);
    const workspaceRunner = afterReady(chosen.workspaceRunner, ready);
    const limitation = [chosen.limitation, firewall?.limitation].filter(Boolean).join(' ') || undefined;
    const releaseSignals = confined ? teardownOnSignals(confined) : () => { };
    const commandEnv = proxy && proxyUrl ? (command) => proxyEnv(proxyUrl, { token: proxy.setCommand(command), base: env }) : undefined;
    const mcp = await startMcp(svc, { runner, workspace, env, ready, ...(proxy ? { proxy } : {}) });
    const toolContext = {
        workspace,
        env,
        policy,
        redact: svc.redact,
        commandTimeoutMs: s.commandTimeoutMs,
        runner,
        stateDir: dirs.state,
        ready,
        ...(commandEnv ? { commandEnv } : {}),
    };
    return {
        toolContext,
        runner,
        workspaceRunner,
        isolation: runner.mode,
        ...(commandEnv ? { commandEnv } : {}),
        blocked: () => (proxy?.blocked ?? []).map((b) => ({ host: `${b.host}:${b.port}`, ...(b.command ? { command: svc.redact(b.command) } : {}) })),
        ...(limitation ? { limitation } : {}),
        enforcement: !proxy ? 'open' : confined ? 'netns' : 'proxy',
        approve: (command) => kiroPolicy?.approveCommand(command),
        approvePath: (p) => {
            if (kiroPolicy && !kiroPolicy.approvePath(p))
                core/* warning */.$e(`Kiro: the approved path ${p} is not writable by the agent's tools; nothing was approved.`);
        },
        countEdited: (paths) => kiroPolicy?.countEdited(paths),
        mcpTools: mcp?.tools ?? [],
        mcpProblems: () => (mcp?.problems() ?? []).map((p) => svc.redact(`"${p.server}": ${p.reason}`)),
        close: async () => {
            await mcp?.close();
            releaseSignals();
            await firewall?.teardown();
            await proxy?.close();
        },
    };
}
/**
 * The action's code is loaded and the checkout's persisted credentials are gone before the first
 * command or tool runs — not before the first model request, which goes out meanwhile: every
 * runner and the tools wait for this (the acknowledgement's critical path, issue #12).
 */
function readyForCommands(preloading, scrubbing) {
    const ready = Promise.all([preloading, scrubbing]).then(([loaded, scrubbed]) => {
        if (scrubbed.length)
            core/* info */.pq(`Kiro: removed persisted credentials from .git/config (${scrubbed.join(', ')}); the action authenticates its own git calls.`);
        core/* debug */.Yz(`Kiro: ${loaded.modules} orchestrator modules and ${loaded.prompts} prompt templates loaded before the first command.`);
    });
    ready.catch(() => undefined); // surfaces where it is awaited
    return ready;
}
/** The run's network: the egress proxy and the firewall that makes it the only way out (none at `open-internet`). */
async function openNetwork(svc, discovering) {
    const s = svc.settings;
    if (s.networkAccess === 'open-internet')
        return { netEnv: {} };
    const netPolicy = resolveNetworkPolicy({
        level: s.networkAccess,
        allowedDomains: s.allowedDomains,
        integrationHosts: integrationHosts(s.env, s.anthropicBaseUrl),
        discovered: await discovering,
    });
    const proxy = await startEgressProxy(netPolicy, {
        onBlocked: (b) => {
            // once per distinct request; later repeats only raise its count
            if (b.count === 1)
                core/* warning */.$e((0,sanitize/* safeInline */.H1)(svc.redact(`Kiro sandbox blocked ${b.method} ${b.host}:${b.port}${b.command ? ` from \`${b.command}\`` : ''} (${b.reason})`), 2000));
        },
    });
    // KIRO_FIREWALL=off (Settings): the proxy alone; the limitation is stated like any other
    const firewall = await prepareFirewall(netPolicy, proxy, s.firewallDisabledReason ? { disable: { reason: s.firewallDisabledReason } } : {});
    const proxyUrl = firewall.proxyUrl;
    core/* info */.pq(`Kiro sandbox: network access level ${s.networkAccess}, ${firewall.mode === 'netns' ? `enforced in network namespace ${firewall.namespace}` : 'enforced by the egress proxy only'}.`);
    for (const note of firewall.notes)
        core/* info */.pq(`Kiro sandbox: ${note}`);
    if (firewall.limitation)
        core/* warning */.$e(`Kiro sandbox: ${firewall.limitation}`);
    return { proxy, firewall, proxyUrl, netEnv: proxyEnv(proxyUrl, { base: s.env }) };
}
/**
 * The environment commands run with (src/policy/env.ts: the runner's without any secret, plus the
 * task's `env`, the proxy variables and a private home) and the private directories behind it.
 */
function sandboxEnvironment(svc, netEnv) {
    const s = svc.settings;
    const task = (0,policy_env/* resolveTaskEnv */.f$)(s.repo.env, s.env);
    for (const w of task.warnings)
        core/* warning */.$e(`Kiro sandbox: ${w}`);
    const root = (0,external_node_fs_.mkdtempSync)(external_node_path_default().join(s.runner.runnerTemp, 'kiro-sandbox-'));
    const dirs = { home: external_node_path_default().join(root, 'home'), tmp: external_node_path_default().join(root, 'tmp'), state: external_node_path_default().join(root, 'state') };
    for (const d of Object.values(dirs))
        (0,external_node_fs_.mkdirSync)(d, { recursive: true, mode: 0o700 });
    const env = (0,policy_env/* buildSandboxEnv */.PZ)(s.env, {
        // every registered form (raw, base64, basic credential…) of every secret
        secrets: svc.secretValues(),
        credentials: credentialForms(svc),
        extra: { ...netEnv, KIRO_SANDBOX: '1', HOME: dirs.home, TMPDIR: '/tmp', ...writableCaches(dirs.home, s.env) },
        taskEnv: task.env,
    });
    return { env, dirs };
}
/**
 * What the status comment must say about this run's sandbox: the isolation it lacks (fail-closed
 * or unsandboxed) and the MCP servers that are not available. Empty when there is nothing to say.
 */
function sandboxNotes(sandbox) {
    const mcp = sandbox.mcpProblems();
    return {
        ...(sandbox.isolation === 'refused' || sandbox.isolation === 'unsandboxed' ? { sandbox: sandbox.limitation ?? '' } : {}),
        ...(mcp.length ? { mcp } : {}),
    };
}
/**
 * Starts the repository's MCP servers (`.kiro/settings/mcp.json`): local ones through `runner`
 * (inside the sandbox, fail-closed like any command), remote ones through the egress proxy when
 * the network level is enforced. Values of `${NAME}` references become secrets before anything is
 * logged. The client module is loaded only when there is something to start.
 * @returns undefined when the repository configures no server
 */
async function startMcp(svc, o) {
    const config = withoutCredentials(readMcpConfig(o.workspace, svc.settings.env), credentialForms(svc));
    for (const v of config.secrets)
        svc.addSecret(v);
    if (!config.servers.length && !config.problems.length)
        return undefined;
    // servers are processes like commands: the action's code is loaded first
    await o.ready;
    const { startMcpServers, proxiedFetch } = await Promise.all(/* import() */[__webpack_require__.e(156), __webpack_require__.e(397)]).then(__webpack_require__.bind(__webpack_require__, 65397));
    const proxy = o.proxy;
    const hub = await startMcpServers(config, {
        runner: o.runner,
        cwd: o.workspace,
        env: o.env,
        callTimeoutMs: svc.settings.commandTimeoutMs,
        // remote servers obey the network level: their requests go through the egress proxy
        ...(proxy ? { fetchFor: (server) => proxiedFetch(proxy.url, proxy.setCommand(`MCP server ${server}`)) } : {}),
    });
    for (const name of hub.started)
        core/* info */.pq(`Kiro: MCP server "${name}" started (${hub.tools.filter((t) => t.name.startsWith(`${name.replace(/[^A-Za-z0-9_-]/g, '_')}__`)).length} tools).`);
    for (const p of hub.problems())
        core/* warning */.$e((0,sanitize/* safeInline */.H1)(svc.redact(`Kiro: MCP server "${p.server}" is not available: ${p.reason}`), 2000));
    return hub;
}
/** `runner` whose commands start only once `ready` resolved (and fail with its error if it rejects). */
function afterReady(runner, ready) {
    return {
        mode: runner.mode,
        run: async (req) => {
            await ready;
            return runner.run(req);
        },
        ...(runner.spawnSpec ? { spawnSpec: runner.spawnSpec.bind(runner) } : {}),
    };
}
/**
 * Picks the runner for this run from what the runner machine allows (logged, so the job log says
 * which mode is in force). Without isolation the run fails closed unless the workflow set
 * `allow-unsandboxed-commands`.
 */
function chooseRunner(support, layout, allowUnsandboxed) {
    if (support.mode !== 'none') {
        const how = support.mode === 'bwrap' ? (support.privilege.length ? 'bubblewrap through sudo' : 'bubblewrap as root') : 'bubblewrap in an unprivileged user namespace';
        core/* info */.pq(`Kiro sandbox: every command the agent causes runs in an OS sandbox (${how}; read-only system, private /tmp and $HOME, the runner's and the action's files hidden, own PID namespace, no privileges).`);
        const runner = (0,sandbox_runner/* createSandboxRunner */.Iq)(support, layout);
        return { runner, workspaceRunner: runner };
    }
    if (allowUnsandboxed) {
        const limitation = `Commands ran WITHOUT an OS sandbox (allow-unsandboxed-commands is set; ${support.reason}): they could read and change anything the runner's user can, including the action's files.`;
        core/* warning */.$e(`Kiro sandbox: ${limitation}`);
        const runner = (0,sandbox_runner/* createUnsandboxedRunner */.EQ)();
        return { runner, workspaceRunner: runner, limitation };
    }
    const limitation = `No command was run: this runner offers no OS sandbox (${support.reason}), so the agent could only read and edit files. Install bubblewrap or give the job sudo, or set allow-unsandboxed-commands: true to run commands without isolation.`;
    core/* warning */.$e(`Kiro sandbox: ${limitation}`);
    // the model cannot write `.git` without commands (the file tools refuse it): the action's own
    // git on it stays safe without a sandbox
    return { runner: (0,sandbox_runner/* createRefusingRunner */.Gi)(limitation), workspaceRunner: (0,sandbox_runner/* createUnsandboxedRunner */.EQ)(), limitation };
}
/**
 * Directories no command may see: the real `$HOME` (credentials, the runner's own directories on
 * hosted runners), `$RUNNER_TEMP` (file commands, the event file, the state clone, the action's
 * trusted git directory) and the action's own directory (`dist/`, `prompts/`).
 */
function hiddenDirs(runnerTemp, env) {
    const out = [runnerTemp, actionRoot()];
    const home = env.HOME || (0,external_node_os_.homedir)();
    if (home)
        out.push(home);
    return out;
}
/**
 * Toolchain directories a command needs although they may lie under a hidden directory: the
 * runner's tool cache and every `PATH` entry (rustup's `~/.cargo/bin` on hosted runners, a
 * self-hosted runner's `_work/_tool`), shown read-only. Never anything under `$RUNNER_TEMP` or the
 * action's own directory.
 */
function toolchainDirs(runnerTemp, env) {
    const never = [runnerTemp, actionRoot()].map((d) => external_node_path_default().resolve(d));
    const candidates = [env.RUNNER_TOOL_CACHE, env.RUSTUP_HOME, ...(env.PATH ?? '').split((external_node_path_default()).delimiter)].filter((d) => !!d && external_node_path_default().isAbsolute(d));
    return [...new Set(candidates.map((d) => external_node_path_default().resolve(d)))].filter((d) => !never.some((n) => d === n || d.startsWith(n + (external_node_path_default()).sep)));
}
/**
 * Package caches that live under the real `$HOME` (hidden, its toolchains shown read-only) move
 * into the private home, so a build can still write them: `CARGO_HOME` (rustup's `~/.cargo` on
 * hosted runners keeps its binaries on PATH, read-only; the registry goes to the private home).
 */
function writableCaches(privateHome, env) {
    const realHome = env.HOME || (0,external_node_os_.homedir)();
    const cargo = env.CARGO_HOME;
    if (!cargo || (realHome && (cargo === realHome || cargo.startsWith(realHome + (external_node_path_default()).sep))))
        return { CARGO_HOME: external_node_path_default().join(privateHome, '.cargo') };
    return {};
}
/** The action's directory: the nearest ancestor of this module holding `action.yml` (dist/ in the bundle, src/ in tests). */
function actionRoot() {
    let dir = external_node_path_default().dirname((0,external_node_url_.fileURLToPath)(import.meta.url));
    for (let i = 0; i < 4; i++) {
        if ((0,external_node_fs_.existsSync)(external_node_path_default().join(dir, 'action.yml')))
            return dir;
        dir = external_node_path_default().dirname(dir);
    }
    return external_node_path_default().dirname((0,external_node_url_.fileURLToPath)(import.meta.url));
}
/**
 * A cancelled run tears the network namespace down (killing every command still running in it)
 * after the task's own shutdown work — pushing the work in progress needs the sandbox — and
 * before the process exits (src/orchestrator/shutdown.ts).
 */
function teardownOnSignals(firewall) {
    return (0,shutdown/* onShutdown */.Ob)(() => firewall.teardown(), 'cleanup');
}
function earlySandbox(opening) {
    let taken = false;
    opening.catch(() => undefined); // awaited by take(); a failure then surfaces there
    return {
        take: () => {
            taken = true;
            return opening;
        },
        release: async () => {
            if (!taken)
                await opening.then((sb) => sb.close()).catch(() => undefined);
        },
    };
}


/***/ }),

/***/ 13262:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   f: () => (/* binding */ repoContextOf)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);

/**
 * The run's repository as the git layer sees it: the workspace as work tree, the action's own
 * git directory under `RUNNER_TEMP` (out of the sandbox's view), and — given the sandbox — the
 * model's `.git` reached through it. In a dry run, each skipped push is recorded
 * (`git-writes.jsonl`) with the diff it would have pushed (`<branch>.diff`).
 */
function repoContextOf(svc, sandbox) {
    const s = svc.settings;
    const r = s.runner;
    const recorder = svc.recorder;
    return {
        dir: r.workspace,
        gitDir: node_path__WEBPACK_IMPORTED_MODULE_0___default().join(r.runnerTemp, 'kiro-git', `${r.repository.toLowerCase().replace('/', '--')}.git`),
        ...(sandbox ? { workspaceGit: { runner: sandbox.workspaceRunner, workspace: r.workspace, env: sandbox.toolContext.env, timeoutMs: s.commandTimeoutMs } } : {}),
        serverUrl: r.serverUrl,
        repository: r.repository,
        token: s.githubToken,
        dryRun: s.dryRun,
        ...(recorder
            ? {
                onSkippedPush: ({ branch, sha, log, patch }) => {
                    const file = recorder.saveArtefact(`${branch.replace(/[^\w.-]+/g, '-')}.patch`, patch);
                    recorder.record('git-writes.jsonl', { operation: 'push branch', repository: r.repository, params: { ref: `refs/heads/${branch}`, sha, commits: log.trim().split('\n').filter(Boolean), patch: file } });
                },
            }
            : {}),
    };
}


/***/ }),

/***/ 80220:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   M: () => (/* binding */ emptySpend),
/* harmony export */   U: () => (/* binding */ openAgentSession)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33838);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _agent_model_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(88492);
/* harmony import */ var _agent_pricing_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(53111);
/* harmony import */ var _agent_roles_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(81028);
/* harmony import */ var _agent_loop_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(78506);
/* harmony import */ var _agent_transcript_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(39139);
/* harmony import */ var _policy_redact_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(66509);
/* harmony import */ var _policy_sanitize_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(31039);
/* harmony import */ var _outcome_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(31040);
/* harmony import */ var _services_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(13262);
/**
 * One task run's agent session (SPEC.md J1.2–J1.4): the model client (redacting, so secrets never
 * reach the model), the per-task limits, the spend, the transcript and the work tree, shared by the
 * sub-agents of an issue task, a feedback round and an automation run.
 */











/** A spend of nothing yet. */
function emptySpend() {
    return { turns: 0, costUsd: 0, usage: { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 } };
}
/** Opens the session of one task run (no network: the model client connects lazily). */
function openAgentSession(svc, o) {
    const s = svc.settings;
    // secrets never travel through the model, in either direction (docs/security.md)
    const model = (0,_policy_redact_js__WEBPACK_IMPORTED_MODULE_7__/* .redactingModelClient */ .QS)((0,_agent_model_js__WEBPACK_IMPORTED_MODULE_2__/* .createModelClient */ .$L)({
        apiKey: s.anthropicApiKey,
        ...(s.anthropicBaseUrl ? { baseURL: s.anthropicBaseUrl } : {}),
        provider: s.provider,
        ...(s.vertexProjectId ? { projectId: s.vertexProjectId } : {}),
        retryBaseMs: s.retryBaseMs,
    }), svc.redact);
    const spend = o.spend ?? emptySpend();
    // leave time to commit, push and report before the job's budget runs out
    const budgetMs = s.timeoutMinutes * 60_000;
    const prior = o.prior ?? { turns: 0, costUsd: 0 };
    const limits = { maxTurns: Math.max(0, s.maxTurns - prior.turns), maxCostUsd: Math.max(0, s.maxCostUsd - prior.costUsd), deadline: svc.startedAt + budgetMs - Math.min(5 * 60_000, budgetMs / 10) };
    const transcript = (0,_agent_transcript_js__WEBPACK_IMPORTED_MODULE_6__/* .createTranscriptWriter */ .Cu)(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(s.runner.runnerTemp, 'kiro', o.taskId, 'transcript.jsonl'), svc.redact);
    const repoCtx = (0,_services_js__WEBPACK_IMPORTED_MODULE_10__/* .repoContextOf */ .f)(svc, o.sandbox);
    const learningsText = o.learnings.length ? o.learnings.map((l) => `- ${l.text} (id ${l.id})`).join('\n') : '(none)';
    const baseVars = { repository: s.runner.repository, steering: o.steering };
    const web = (0,_agent_roles_js__WEBPACK_IMPORTED_MODULE_4__/* .webTools */ .aO)(s.networkAccess, s.allowedDomains);
    const sources = [];
    return {
        spend,
        // one duration for a task everywhere (status header, result line, PR body): since it was created
        started: o.startedAt ?? svc.now(),
        repoCtx,
        learningsText,
        async runRole(role, messages, extra = [], steer, system) {
            const rt = (0,_agent_roles_js__WEBPACK_IMPORTED_MODULE_4__/* .roleTools */ .Iz)(role, extra, web, o.sandbox.mcpTools);
            const vars = role === 'verifier' ? baseVars : { ...baseVars, learnings: learningsText };
            const modelId = (0,_agent_pricing_js__WEBPACK_IMPORTED_MODULE_3__/* .pickModel */ .h8)(role, s.model);
            const info = (0,_agent_pricing_js__WEBPACK_IMPORTED_MODULE_3__/* .modelInfo */ .gi)(modelId);
            // extended thinking for the roles that reason (planning, coding, judging), where the model has it
            const thinking = role === 'learner' || info.thinking === 'none' ? undefined : info.thinking === 'adaptive' ? { type: 'adaptive' } : { type: 'enabled', budget_tokens: 16_000 };
            const result = await (0,_agent_loop_js__WEBPACK_IMPORTED_MODULE_5__/* .runAgent */ .JN)({
                model,
                modelId,
                ...(thinking ? { thinking } : {}),
                contextWindow: s.contextWindowTokens ?? info.contextWindow,
                onContext: (ev) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Kiro: ${role} context ${ev.kind === 'cleared' ? `cleared ${ev.count} old tool results` : 'compacted into a hand-off note'} (~${ev.promptTokens} tokens now).`),
                role,
                system: system ?? (0,_agent_roles_js__WEBPACK_IMPORTED_MODULE_4__/* .roleSystem */ .AD)(role, vars),
                tools: rt.tools,
                messages,
                limits,
                spend,
                ctx: (0,_agent_roles_js__WEBPACK_IMPORTED_MODULE_4__/* .withPolicy */ .hZ)(o.sandbox.toolContext, rt),
                submitTools: rt.submitTools,
                onStep: (step) => transcript.record(step),
                ...(steer ? { steer } : {}),
            });
            for (const u of (0,_agent_roles_js__WEBPACK_IMPORTED_MODULE_4__/* .webSources */ .tE)(result.messages))
                if (!sources.includes(u))
                    sources.push(u);
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Kiro: ${role} ended with ${result.exitReason}${result.limit ? ` (${result.limit})` : ''}${result.error ? `: ${(0,_policy_sanitize_js__WEBPACK_IMPORTED_MODULE_8__/* .safeInline */ .H1)(svc.redact(result.error), 2000)}` : ''} after ${spend.turns} turns, $${spend.costUsd.toFixed(4)}.`);
            return result;
        },
        costOutputs() {
            (0,_outcome_js__WEBPACK_IMPORTED_MODULE_9__/* .reportOutputs */ .rY)({ costUsd: spend.costUsd.toFixed(4) });
        },
        sources: () => [...sources],
        cost: () => ({ costUsd: spend.costUsd, costTotalUsd: prior.costUsd + spend.costUsd, costCapUsd: s.maxCostUsd }),
        tokens() {
            return {
                input: spend.usage.input_tokens,
                output: spend.usage.output_tokens,
                cacheRead: spend.usage.cache_read_input_tokens,
                cacheWrite: spend.usage.cache_creation_input_tokens,
            };
        },
    };
}


/***/ }),

/***/ 80104:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ob: () => (/* binding */ onShutdown)
/* harmony export */ });
/* unused harmony exports setShutdownGrace, stoppingOn */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33838);
/**
 * What the job does when the runner stops it (issue #10 "work survives the runner"). A cancelled
 * run gets SIGINT, then SIGTERM 7.5 s later, then SIGKILL 2.5 s after that
 * (https://docs.github.com/actions/managing-workflow-runs-and-deployments/managing-workflow-runs/canceling-a-workflow#steps-github-takes-to-cancel-a-workflow-run);
 * a runner shutting down sends SIGTERM. Node's default is to exit at once, which would leave the
 * work in progress unpushed, the run open in the task record, the slot held and the status
 * comment saying "In progress". Hooks registered here run instead, in phases — `work` (push the
 * work in progress, record the end, tell the issue) before `cleanup` (tear the network namespace
 * down, which ends every command still running) — within `graceMs`, then the process exits with
 * the signal's conventional code.
 */

const hooks = new Set();
let installed = false;
let stopping;
/** Total time the hooks get, ms: inside the 7.5 s between the runner's SIGINT and its SIGTERM. */
let graceMs = 7000;
/** Sets the time the hooks get (tests shorten it). */
function setShutdownGrace(ms) {
    graceMs = ms;
}
/** The signal the job is stopping on, if it is (for code that should not start new work). */
function stoppingOn() {
    return stopping;
}
/**
 * Registers `run` to be awaited when SIGINT or SIGTERM arrives. @returns a function that removes it
 * (call it when the work it protects is done).
 */
function onShutdown(run, phase = 'work') {
    const hook = { phase, run };
    hooks.add(hook);
    install();
    return () => {
        hooks.delete(hook);
    };
}
function install() {
    if (installed)
        return;
    installed = true;
    const handler = (signal) => {
        if (stopping)
            return; // the second signal (SIGTERM after SIGINT) changes nothing: we are on it
        stopping = signal;
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`Kiro: the job received ${signal}; saving the work in progress and recording where the task stands.`);
        void runHooks(signal).finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    };
    process.on('SIGINT', handler);
    process.on('SIGTERM', handler);
}
async function runHooks(signal) {
    const deadline = Date.now() + graceMs;
    for (const phase of ['work', 'cleanup']) {
        const mine = [...hooks].filter((h) => h.phase === phase);
        const left = Math.max(phase === 'work' ? deadline - Date.now() - 1000 : deadline - Date.now(), 200);
        await Promise.race([
            Promise.all(mine.map((h) => h.run(signal).catch((e) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`Kiro: while stopping: ${e.message}`)))),
            new Promise((r) => setTimeout(r, left).unref()),
        ]);
    }
}


/***/ }),

/***/ 68843:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B: () => (/* binding */ renderPrBody)
/* harmony export */ });
/* harmony import */ var _constants_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(27242);
/* harmony import */ var _status_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(16934);
/**
 * The pull request body (SPEC.md J1.5): summary, `Closes #n`, approach, trade-offs, changed files,
 * verification results, the acceptance-criteria checklist, cost and duration; plus the learnings
 * applied and any blocked network requests. A hidden marker links the PR to its task record.
 */


const STATUS_WORD = { A: 'added', M: 'modified', D: 'deleted', R: 'renamed', C: 'copied', T: 'type changed' };
/** Renders the PR body as GitHub-flavoured markdown. */
function renderPrBody(p) {
    const out = [`${_constants_js__WEBPACK_IMPORTED_MODULE_0__/* .Markers */ .c7.PullRequestTask}=${p.taskId} -->`];
    if (!p.verificationPassed) {
        out.push('> [!WARNING]', '> **Needs human review:** verification did not pass after the allowed retries.');
        if (p.failureNotes)
            for (const l of p.failureNotes.split('\n'))
                out.push(`> ${l}`);
        out.push('');
    }
    out.push('## Summary', '', p.summary.trim(), '');
    if (p.issueNumber)
        out.push(`Closes #${p.issueNumber}${p.issueUrl ? ` (${p.issueUrl})` : ''}`, '');
    if (p.requirements.length) {
        out.push('<details><summary>Requirements</summary>', '');
        for (const r of p.requirements)
            out.push(`- ${r}`);
        out.push('', '</details>', '');
    }
    out.push('## Implementation approach', '', p.approach.trim() || '—', '');
    out.push('## Trade-offs considered', '', p.tradeoffs.trim() || '—', '');
    out.push('## Changed files', '');
    if (p.changedFiles.length)
        for (const f of p.changedFiles)
            out.push(`- \`${f.path}\` (${STATUS_WORD[f.status[0] ?? ''] ?? f.status})`);
    else
        out.push('- (none)');
    out.push('', '## Verification', '');
    if (p.checks.length) {
        out.push('| Check | Command | Result |', '|---|---|---|');
        for (const c of p.checks) {
            const result = c.passed ? '✅ passed' : c.timedOut ? '❌ timed out' : `❌ failed (exit ${c.exitCode ?? '?'})`;
            out.push(`| ${(0,_status_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeMd */ .Xk)(c.name)} | \`${c.command.replace(/\|/g, '\\|').replace(/`/g, "'")}\` | ${result} |`);
        }
    }
    else {
        out.push('No test, lint or type-check command was detected in this repository.');
    }
    if (p.secretFindings?.length) {
        out.push('', '**Secret scan:** findings were removed or need review:');
        for (const f of p.secretFindings)
            out.push(`- ${f}`);
    }
    else {
        out.push('', 'Secret scan of the diff: no findings.');
    }
    out.push('', '## Acceptance criteria', '');
    for (const c of p.criteria) {
        out.push(`- [${c.met ? 'x' : ' '}] **${c.id}** ${c.text}${c.evidence ? ` — ${c.evidence.replace(/\s+/g, ' ').trim()}` : ''}`);
    }
    if (p.learningsApplied?.length) {
        out.push('', '## Learnings applied', '');
        for (const l of p.learningsApplied)
            out.push(`- ${l.text} (\`${l.id}\`)`);
    }
    if (p.blockedRequests?.length || p.networkLimitation) {
        out.push('', '## Network', '');
        for (const b of p.blockedRequests ?? [])
            out.push(`- Blocked \`${b.host}\`${b.command ? ` requested by \`${b.command.replace(/`/g, "'")}\`` : ''}`);
        if (p.networkLimitation)
            out.push(`- Note: ${p.networkLimitation}`);
    }
    if (p.sources?.length) {
        out.push('', '## Sources', '');
        for (const u of p.sources)
            out.push(`- <${u.replace(/[<>\s]/g, '')}>`);
    }
    if (p.feedbackRounds?.length) {
        out.push('', '## Review feedback addressed', '');
        for (const r of p.feedbackRounds)
            out.push(`- ${r}`);
    }
    out.push('', '---', `Cost ${(0,_status_js__WEBPACK_IMPORTED_MODULE_1__/* .formatUsd */ .UK)(p.costUsd)} · duration ${(0,_status_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a3)(p.durationMs)} · [workflow run](${p.runUrl}) · task \`${p.taskId}\``);
    return out.join('\n');
}


/***/ }),

/***/ 57994:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   j: () => (/* binding */ writeJobSummary)
/* harmony export */ });
/* unused harmony export renderSummary */
/* harmony import */ var _orchestrator_outcome_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(31040);
/* harmony import */ var _status_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(16934);


/** Renders the summary markdown (pure). */
function renderSummary(i) {
    const u = i.spend.usage;
    const lines = [`## Kiro: ${i.title}`, '', `Task \`${i.taskId}\` — **${i.state.replace('_', ' ')}**`, ''];
    if (i.pullRequestUrl)
        lines.push(`Pull request: ${i.pullRequestUrl}`, '');
    if (i.answer)
        lines.push(i.answer, '');
    if (i.note)
        lines.push(i.note, '');
    if (i.plan.length) {
        lines.push('### Plan', '');
        for (const p of i.plan)
            lines.push(`- [${p.done ? 'x' : ' '}] ${p.id}. ${p.title}`);
        lines.push('');
    }
    if (i.checks?.length) {
        lines.push('### Verification', '', '| Check | Result |', '|---|---|');
        for (const c of i.checks)
            lines.push(`| \`${c.command}\` | ${c.passed ? '✅' : '❌'} |`);
        lines.push('');
    }
    lines.push('### Usage', '', '| Model calls | Input tokens | Cache reads | Cache writes | Output tokens | Cost | Time |', '|---|---|---|---|---|---|---|', `| ${i.spend.turns} | ${u.input_tokens} | ${u.cache_read_input_tokens} | ${u.cache_creation_input_tokens} | ${u.output_tokens} | ${(0,_status_js__WEBPACK_IMPORTED_MODULE_1__/* .formatUsd */ .UK)(i.spend.costUsd)} | ${(0,_status_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a3)(i.durationMs)} |`);
    return lines.join('\n');
}
/** Appends the summary to the job summary (redacted), through the run's outcome writer. */
async function writeJobSummary(svc, i) {
    await (0,_orchestrator_outcome_js__WEBPACK_IMPORTED_MODULE_0__/* .reportSummary */ .hm)(svc.redact(renderSummary(i)));
}


/***/ }),

/***/ 346:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   P: () => (/* binding */ detectChecks)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/**
 * Detects how a project verifies itself (SPEC.md §2 "Environment"): test, lint and type-check
 * commands from its manifests. Detection reads files only; nothing is executed here.
 */


function readJson(p) {
    try {
        return JSON.parse((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(p, 'utf8'));
    }
    catch {
        return undefined;
    }
}
function readText(p) {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(p, 'utf8');
    }
    catch {
        return undefined;
    }
}
/** The package manager a Node project uses, from its lock file. */
function nodeRunner(dir) {
    if ((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(dir, 'pnpm-lock.yaml')))
        return { run: (s) => `pnpm run ${s}`, test: 'pnpm test' };
    if ((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(dir, 'yarn.lock')))
        return { run: (s) => `yarn run ${s}`, test: 'yarn test' };
    if ((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(dir, 'bun.lockb')) || (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(dir, 'bun.lock')))
        return { run: (s) => `bun run ${s}`, test: 'bun test' };
    return { run: (s) => `npm run ${s}`, test: 'npm test' };
}
const NPM_DEFAULT_TEST = /no test specified/;
/**
 * Lists the verification commands of the project at `dir`, in a stable order
 * (type check, lint, test). Unknown projects return an empty list.
 */
function detectChecks(dir) {
    const out = [];
    const add = (c) => {
        if (!out.some((o) => o.command === c.command))
            out.push(c);
    };
    const pkg = readJson(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(dir, 'package.json'));
    if (pkg) {
        const scripts = (pkg.scripts ?? {});
        const r = nodeRunner(dir);
        const tc = ['typecheck', 'type-check', 'tsc', 'check-types', 'types'].find((s) => scripts[s]);
        if (tc)
            add({ kind: 'typecheck', name: r.run(tc), command: r.run(tc), source: 'package.json' });
        else if ((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(dir, 'tsconfig.json')) && (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(dir, 'node_modules', '.bin', 'tsc'))) {
            add({ kind: 'typecheck', name: 'tsc --noEmit', command: 'npx --no-install tsc --noEmit', source: 'tsconfig.json' });
        }
        if (scripts.lint)
            add({ kind: 'lint', name: r.run('lint'), command: r.run('lint'), source: 'package.json' });
        if (scripts.test && !NPM_DEFAULT_TEST.test(scripts.test))
            add({ kind: 'test', name: r.test, command: r.test, source: 'package.json' });
    }
    const makefile = readText(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(dir, 'Makefile')) ?? readText(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(dir, 'makefile'));
    if (makefile) {
        for (const [target, kind] of [
            ['typecheck', 'typecheck'],
            ['lint', 'lint'],
            ['test', 'test'],
            ['check', 'test'],
        ]) {
            if (new RegExp(`^${target}\\s*:`, 'm').test(makefile))
                add({ kind, name: `make ${target}`, command: `make ${target}`, source: 'Makefile' });
        }
    }
    const pyproject = readText(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(dir, 'pyproject.toml'));
    const hasPy = pyproject !== undefined || (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(dir, 'setup.py')) || (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(dir, 'requirements.txt'));
    if (hasPy) {
        const cfg = (pyproject ?? '') + (readText(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(dir, 'setup.cfg')) ?? '');
        if (/\[tool\.mypy\]|mypy/.test(cfg))
            add({ kind: 'typecheck', name: 'mypy', command: 'python -m mypy .', source: 'pyproject.toml' });
        if (/\[tool\.ruff/.test(cfg) || (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(dir, 'ruff.toml')))
            add({ kind: 'lint', name: 'ruff', command: 'python -m ruff check .', source: 'pyproject.toml' });
        if (/pytest/.test(cfg) || (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(dir, 'tests')) || (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(dir, 'test'))) {
            add({ kind: 'test', name: 'pytest', command: 'python -m pytest -q', source: pyproject !== undefined ? 'pyproject.toml' : 'requirements.txt' });
        }
    }
    if ((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(dir, 'go.mod'))) {
        add({ kind: 'lint', name: 'go vet', command: 'go vet ./...', source: 'go.mod' });
        add({ kind: 'test', name: 'go test', command: 'go test ./...', source: 'go.mod' });
    }
    if ((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(dir, 'Cargo.toml'))) {
        add({ kind: 'typecheck', name: 'cargo check', command: 'cargo check --all-targets --quiet', source: 'Cargo.toml' });
        add({ kind: 'test', name: 'cargo test', command: 'cargo test --quiet', source: 'Cargo.toml' });
    }
    const order = { build: 0, typecheck: 1, lint: 2, test: 3 };
    return out.sort((a, b) => order[a.kind] - order[b.kind]);
}


/***/ })

};
