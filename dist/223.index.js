export const id = 223;
export const ids = [223];
export const modules = {

/***/ 32077:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E1: () => (/* binding */ codeAndVerify),
/* harmony export */   jH: () => (/* binding */ criteriaWithVerdict),
/* harmony export */   rA: () => (/* binding */ failureNotesOf)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33838);
/* harmony import */ var _agent_loop_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(78506);
/* harmony import */ var _policy_redact_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(66509);
/* harmony import */ var _prompts_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(66224);
/* harmony import */ var _verify_detect_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(346);
/* harmony import */ var _verify_run_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7760);
/* harmony import */ var _verify_setup_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(97584);
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
    const dir = o.session.git.dir;
    const s = o.svc.settings;
    if (!(0,_verify_setup_js__WEBPACK_IMPORTED_MODULE_6__/* .detectSetup */ .t)(dir).length)
        return messages;
    await o.status.update({ phase: 'Installing the project’s dependencies…' });
    const results = await (0,_verify_setup_js__WEBPACK_IMPORTED_MODULE_6__/* .runSetup */ .x)(dir, { cwd: dir, env: o.sandbox.toolContext.env, timeoutMs: s.commandTimeoutMs, redact: o.svc.redact, runner: o.sandbox.runner, ...(o.sandbox.commandEnv ? { commandEnv: o.sandbox.commandEnv } : {}) });
    await o.session.git.exclude(['node_modules/', '.venv/', 'target/']);
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
    const dir = session.git.dir;
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
        checks = await (0,_verify_run_js__WEBPACK_IMPORTED_MODULE_5__/* .runChecks */ .J)((0,_verify_detect_js__WEBPACK_IMPORTED_MODULE_4__/* .detectChecks */ .P)(dir), {
            cwd: dir,
            env: sandbox.toolContext.env,
            timeoutMs: s.commandTimeoutMs,
            redact: svc.redact,
            runner: sandbox.runner,
            ...(sandbox.commandEnv ? { commandEnv: sandbox.commandEnv } : {}),
        });
        const diff = await session.git.diff(o.diffBase);
        secretFindings = (await (0,_policy_redact_js__WEBPACK_IMPORTED_MODULE_2__/* .scanForSecrets */ .I$)(diff, 'diff')).map((f) => `${f.ruleId}${f.line ? ` (line ${f.line})` : ''}: ${f.message}`);
        const verified = await session.runRole('verifier', [
            {
                role: 'user',
                content: (0,_prompts_js__WEBPACK_IMPORTED_MODULE_3__/* .renderPrompt */ .nQ)('verifier-task', {
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
        coderMessages = (0,_agent_loop_js__WEBPACK_IMPORTED_MODULE_1__/* .appendUserText */ .x4)(coderMessages, (0,_prompts_js__WEBPACK_IMPORTED_MODULE_3__/* .renderPrompt */ .nQ)('coder-feedback', {
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
function createCommitter(git, bot, owner, guard) {
    // an automation on a schedule has no one to credit
    const coAuthors = owner ? [{ name: owner.login, email: (0,_git_repo_js__WEBPACK_IMPORTED_MODULE_2__/* .noreplyEmail */ .cw)(owner.login, owner.id) }] : [];
    const refused = new Set();
    return {
        async commit(message) {
            const out = await git.commit(guard.redact(message), bot, coAuthors, {
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
    const git = svc.ports.git(svc, o.sandbox);
    const learningsText = o.learnings.length ? o.learnings.map((l) => `- ${l.text} (id ${l.id})`).join('\n') : '(none)';
    const baseVars = { repository: s.runner.repository, steering: o.steering };
    const web = (0,_agent_roles_js__WEBPACK_IMPORTED_MODULE_3__/* .webTools */ .aO)(s.networkAccess, s.allowedDomains);
    const sources = [];
    return {
        spend,
        // one duration for a task everywhere (status header, result line, PR body): since it was created
        started: o.startedAt ?? svc.now(),
        git,
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
