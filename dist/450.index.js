export const id = 450;
export const ids = [450,134];
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
/* harmony import */ var _agent_pricing_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(53111);
/* harmony import */ var _agent_roles_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(81028);
/* harmony import */ var _agent_loop_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(78506);
/* harmony import */ var _agent_transcript_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(39139);
/* harmony import */ var _policy_redact_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(66509);
/* harmony import */ var _policy_sanitize_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(31039);
/* harmony import */ var _outcome_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(31040);
/* harmony import */ var _services_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(13262);
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
    const model = (0,_policy_redact_js__WEBPACK_IMPORTED_MODULE_6__/* .redactingModelClient */ .QS)(lazyModelClient(() => svc.ports.modelClient(s)), svc.redact);
    const spend = o.spend ?? emptySpend();
    // leave time to commit, push and report before the job's budget runs out
    const budgetMs = s.timeoutMinutes * 60_000;
    const prior = o.prior ?? { turns: 0, costUsd: 0 };
    const limits = { maxTurns: Math.max(0, s.maxTurns - prior.turns), maxCostUsd: Math.max(0, s.maxCostUsd - prior.costUsd), deadline: svc.startedAt + budgetMs - Math.min(5 * 60_000, budgetMs / 10) };
    const transcript = (0,_agent_transcript_js__WEBPACK_IMPORTED_MODULE_5__/* .createTranscriptWriter */ .Cu)(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(s.runner.runnerTemp, 'kiro', o.taskId, 'transcript.jsonl'), svc.redact);
    const repoCtx = (0,_services_js__WEBPACK_IMPORTED_MODULE_9__/* .repoContextOf */ .f)(svc, o.sandbox);
    const learningsText = o.learnings.length ? o.learnings.map((l) => `- ${l.text} (id ${l.id})`).join('\n') : '(none)';
    const baseVars = { repository: s.runner.repository, steering: o.steering };
    const web = (0,_agent_roles_js__WEBPACK_IMPORTED_MODULE_3__/* .webTools */ .aO)(s.networkAccess, s.allowedDomains);
    const sources = [];
    return {
        spend,
        // one duration for a task everywhere (status header, result line, PR body): since it was created
        started: o.startedAt ?? svc.now(),
        repoCtx,
        learningsText,
        async runRole(role, messages, extra = [], steer, system) {
            const rt = (0,_agent_roles_js__WEBPACK_IMPORTED_MODULE_3__/* .roleTools */ .Iz)(role, extra, web, o.sandbox.mcpTools);
            const vars = role === 'verifier' ? baseVars : { ...baseVars, learnings: learningsText };
            const modelId = (0,_agent_pricing_js__WEBPACK_IMPORTED_MODULE_2__/* .pickModel */ .h8)(role, s.model);
            const info = (0,_agent_pricing_js__WEBPACK_IMPORTED_MODULE_2__/* .modelInfo */ .gi)(modelId);
            // extended thinking for the roles that reason (planning, coding, judging), where the model has it
            const thinking = role === 'learner' || info.thinking === 'none' ? undefined : info.thinking === 'adaptive' ? { type: 'adaptive' } : { type: 'enabled', budget_tokens: 16_000 };
            const result = await (0,_agent_loop_js__WEBPACK_IMPORTED_MODULE_4__/* .runAgent */ .JN)({
                model,
                modelId,
                ...(thinking ? { thinking } : {}),
                contextWindow: s.contextWindowTokens ?? info.contextWindow,
                onContext: (ev) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Kiro: ${role} context ${ev.kind === 'cleared' ? `cleared ${ev.count} old tool results` : 'compacted into a hand-off note'} (~${ev.promptTokens} tokens now).`),
                role,
                system: system ?? (0,_agent_roles_js__WEBPACK_IMPORTED_MODULE_3__/* .roleSystem */ .AD)(role, vars),
                tools: rt.tools,
                messages,
                limits,
                spend,
                ctx: (0,_agent_roles_js__WEBPACK_IMPORTED_MODULE_3__/* .withPolicy */ .hZ)(o.sandbox.toolContext, rt),
                submitTools: rt.submitTools,
                onStep: (step) => transcript.record(step),
                ...(steer ? { steer } : {}),
            });
            for (const u of (0,_agent_roles_js__WEBPACK_IMPORTED_MODULE_3__/* .webSources */ .tE)(result.messages))
                if (!sources.includes(u))
                    sources.push(u);
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Kiro: ${role} ended with ${result.exitReason}${result.limit ? ` (${result.limit})` : ''}${result.error ? `: ${(0,_policy_sanitize_js__WEBPACK_IMPORTED_MODULE_7__/* .safeInline */ .H1)(svc.redact(result.error), 2000)}` : ''} after ${spend.turns} turns, $${spend.costUsd.toFixed(4)}.`);
            return result;
        },
        costOutputs() {
            (0,_outcome_js__WEBPACK_IMPORTED_MODULE_8__/* .reportOutputs */ .rY)({ costUsd: spend.costUsd.toFixed(4) });
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
/**
 * A model client that asks its port for the real one on first use (sessions open without network
 * or loading the SDK). Token counting is offered always and fails when the real client has none
 * (Bedrock): the loop then estimates, as it does for any counting failure.
 */
function lazyModelClient(open) {
    let client;
    const get = () => (client ??= open());
    return {
        send: async (params, opts) => (await get()).send(params, opts),
        countTokens: async (params) => {
            const c = await get();
            if (!c.countTokens)
                throw new Error('this provider has no token counting');
            return c.countTokens(params);
        },
    };
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
