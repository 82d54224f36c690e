export const id = 954;
export const ids = [954];
export const modules = {

/***/ 57313:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   K0: () => (/* binding */ endInterrupted),
/* harmony export */   Ox: () => (/* binding */ addTokens),
/* harmony export */   Ql: () => (/* binding */ closeRun),
/* harmony export */   Ru: () => (/* binding */ endInFailure),
/* harmony export */   _Z: () => (/* binding */ keepLeaseFresh)
/* harmony export */ });
/* harmony import */ var _policy_sanitize_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(31039);
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(33838);
/* harmony import */ var _outcome_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(31040);
/* harmony import */ var _lifecycle_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(49492);
/* harmony import */ var _store_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(95227);
/**
 * How a task run ends when it does not end well (issue #10): one place turns any failure — an
 * exception after the acknowledgement, or the runner stopping the job — into a truthful end:
 * the task record (state, the run closed, its spend) first, the slot released, then the status
 * comment (what happened, redacted, and what the user can do) and exactly one lifecycle label.
 * Each write is attempted on its own: a GitHub outage does not stop the record, a state-branch
 * failure does not stop the comment. A task the record already says is completed (its pull
 * request is open) stays completed whatever failed after that.
 */





/** Closes this run's entry in the record's `runs`. */
function closeRun(runs, runId, exitReason) {
    return runs.map((x) => (x.runId === runId && !x.endedAt ? { ...x, endedAt: new Date().toISOString(), exitReason } : x));
}
/** The record's token counts plus `spend`'s. */
function addTokens(t, spend) {
    return {
        input: t.input + spend.usage.input_tokens,
        output: t.output + spend.usage.output_tokens,
        cacheRead: t.cacheRead + spend.usage.cache_read_input_tokens,
        cacheWrite: t.cacheWrite + spend.usage.cache_creation_input_tokens,
    };
}
async function attempt(svc, what, fn) {
    try {
        await fn();
        return true;
    }
    catch (e) {
        _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .warning */ .$e((0,_policy_sanitize_js__WEBPACK_IMPORTED_MODULE_0__/* .safeInline */ .H1)(svc.redact(`Kiro: could not ${what}: ${e.message}`), 2000));
        return false;
    }
}
/** What a user can do about a failure, from its message. */
function adviceFor(svc, message) {
    const cmd = `\`${svc.settings.triggerCommand} continue\``;
    if (/state branch/i.test(message)) {
        return `The action could not write its state branch \`${svc.settings.stateBranch}\` in ${svc.settings.stateRepository}: give the workflow \`contents: write\` there and exempt the branch from branch protection and rulesets, then comment ${cmd}.`;
    }
    if (/\b403\b|not accessible|permission|denied/i.test(message)) {
        return `Check that the workflow grants \`contents: write\`, \`issues: write\` and \`pull-requests: write\` (and that the token can write the state branch \`${svc.settings.stateBranch}\`), then comment ${cmd}.`;
    }
    return `Comment ${cmd} to resume from the saved plan: finished steps are kept, nothing committed is lost.`;
}
/**
 * Records and reports the end of a run that failed with `error` (see the module doc). Never throws.
 * @returns the outcome for `run()`: failed, with the redacted message
 */
async function endInFailure(t, error) {
    const { svc } = t;
    const message = svc.redact(error instanceof Error ? error.message : String(error));
    _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .error */ .z3((0,_policy_sanitize_js__WEBPACK_IMPORTED_MODULE_0__/* .safeInline */ .H1)(`Kiro: task ${t.taskId} failed: ${message}`, 2000));
    const final = await recordEnd(t, 'failed');
    const title = final?.state === 'completed' ? undefined : `Stopped: ${message}`;
    await report(t, final, title, [adviceFor(svc, message)]);
    return { failed: message };
}
/**
 * Records and reports a run the runner is stopping (SIGINT/SIGTERM), after `wip` pushed the work
 * in progress. Never throws.
 */
async function endInterrupted(t, signal, wip) {
    const { svc } = t;
    let pushedTo;
    if (wip)
        await attempt(svc, 'push the work in progress', async () => (pushedTo = await wip()));
    const final = await recordEnd(t, `interrupted:${signal}`);
    const cmd = `\`${svc.settings.triggerCommand} continue\``;
    const what = `The job was stopped (${signal}: the run was cancelled or its runner shut down).`;
    const notes = [pushedTo ? `Work so far is pushed to \`${pushedTo}\`.` : 'No work in progress needed saving.', `Comment ${cmd} to resume from the saved plan.`];
    await report(t, final, final?.state === 'completed' ? undefined : what, notes);
}
/**
 * The record first: state (completed stays completed), this run closed, its spend added; then the
 * slot released. @returns the record as written (undefined when the store cannot be written)
 */
async function recordEnd(t, exitReason) {
    const { svc, store } = t;
    if (!store)
        return undefined;
    const runId = svc.settings.runner.runId;
    let written;
    await attempt(svc, `record the end of task ${t.taskId}`, async () => {
        written = await store.updateTask(t.taskId, (x) => ({
            ...x,
            state: x.state === 'completed' || x.state === 'cancelled' ? x.state : 'needs_attention',
            ...(t.spend ? { costUsd: x.costUsd + t.spend.costUsd, turns: (x.turns ?? 0) + t.spend.turns, tokens: addTokens(x.tokens, t.spend) } : {}),
            runs: closeRun(x.runs, runId, exitReason),
        }), `${t.taskId}: run ${runId} ended (${exitReason})`);
    });
    // the freed slot goes to the oldest queued task: start its run, or it would wait for nobody
    await attempt(svc, `release the slot of task ${t.taskId}`, async () => {
        for (const id of await store.releaseSlot(t.taskId, svc.settings.maxConcurrentTasks)) {
            _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .info */ .pq(`Kiro: handing a free slot to queued task ${id}.`);
            await (0,_store_js__WEBPACK_IMPORTED_MODULE_4__.dispatchContinuation)(svc, id);
        }
    });
    return written;
}
/** The status comment and the one lifecycle label, from the record's state. */
async function report(t, final, phase, notes) {
    const { svc } = t;
    const state = final?.state === 'completed' ? 'completed' : final?.state === 'cancelled' ? 'cancelled' : 'needs_attention';
    const view = state === 'completed'
        ? { state, phase: 'Pull request opened.', ...(final?.pullRequest ? { result: { ...(t.status.view.result ?? {}), pullRequestUrl: final.pullRequest.url } } : {}) }
        : { state, phase: phase ?? 'Stopped.', notes };
    await Promise.all([
        // a cancelled task's status comment was written by the cancel (who, how): keep it
        state === 'cancelled' ? Promise.resolve(true) : attempt(svc, 'update the status comment', () => t.status.update(view)),
        attempt(svc, 'set the lifecycle label', () => (0,_lifecycle_js__WEBPACK_IMPORTED_MODULE_3__/* .setLifecycleLabel */ .Zw)(svc, t.issueNumber, state, t.labels)),
    ]);
    (0,_outcome_js__WEBPACK_IMPORTED_MODULE_2__/* .reportOutputs */ .rY)({ status: state });
}
/**
 * Keeps this run's lease fresh while it works (a run is "alive" only while its lease is): renewed
 * every third of the lease. A failed renewal is logged; the next one tries again. `stop()` ends it.
 */
function keepLeaseFresh(svc, store, taskId) {
    const ms = (0,_store_js__WEBPACK_IMPORTED_MODULE_4__.leaseMs)(svc);
    const timer = setInterval(() => {
        void store.renewLease(taskId, svc.settings.runner.runId, ms).catch((e) => _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .warning */ .$e(svc.redact(`Kiro: could not renew the lease of ${taskId}: ${e.message}`)));
    }, Math.max(1000, Math.floor(ms / 3)));
    timer.unref();
    return { stop: () => clearInterval(timer) };
}


/***/ }),

/***/ 39954:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  driveTask: () => (/* binding */ driveTask),
  loadIssue: () => (/* binding */ loadIssue),
  openTaskStatus: () => (/* binding */ openTaskStatus),
  runTask: () => (/* binding */ runTask),
  statusViewOf: () => (/* binding */ statusViewOf)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(33838);
// EXTERNAL MODULE: ./src/state/tasks.ts
var tasks = __webpack_require__(68643);
// EXTERNAL MODULE: ./src/orchestrator/ending.ts
var ending = __webpack_require__(57313);
// EXTERNAL MODULE: ./src/orchestrator/lifecycle.ts
var lifecycle = __webpack_require__(49492);
// EXTERNAL MODULE: ./src/orchestrator/outcome.ts
var outcome = __webpack_require__(31040);
// EXTERNAL MODULE: ./src/orchestrator/sandbox.ts + 9 modules
var orchestrator_sandbox = __webpack_require__(30677);
// EXTERNAL MODULE: ./src/orchestrator/session.ts
var orchestrator_session = __webpack_require__(80220);
// EXTERNAL MODULE: ./src/orchestrator/shutdown.ts
var shutdown = __webpack_require__(80104);
// EXTERNAL MODULE: ./src/orchestrator/store.ts + 12 modules
var orchestrator_store = __webpack_require__(95227);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/constants.ts
var constants = __webpack_require__(27242);
// EXTERNAL MODULE: ./src/policy/sanitize.ts
var sanitize = __webpack_require__(31039);
// EXTERNAL MODULE: ./src/prompts.ts
var prompts = __webpack_require__(66224);
// EXTERNAL MODULE: ./node_modules/@actions/cache/lib/cache.js + 340 modules
var cache = __webpack_require__(61691);
;// CONCATENATED MODULE: ./src/state/cache.ts
/**
 * Disposable per-task artefacts in the Actions cache (docs/state.md "Cache"): the transcript and
 * dependency caches. Losing them only costs time, so nothing here throws: without a cache service
 * (`ACTIONS_CACHE_URL`/`ACTIONS_RESULTS_URL` unset, e.g. under act) every call is a miss after one
 * warning, and any other failure becomes a warning and a miss.
 *
 * Keys: `kiro-task-<taskId>-<kind>-<runId>[-<checkpoint>]`; restores fall back to the newest entry
 * with the prefix `kiro-task-<taskId>-<kind>-` (cache entries are immutable, so each run — and
 * each checkpoint within a run — saves under a new key).
 * Contract: https://github.com/actions/toolkit/tree/main/packages/cache
 */


/** Artefact kinds kept in the cache. */
const TaskArtifactKinds = (/* unused pure expression or super */ null && (['transcript', 'deps']));
/** `kiro-task-<taskId>-<kind>-` — the restore prefix of a task's artefact. */
function taskCachePrefix(taskId, kind) {
    return `kiro-task-${taskId}-${kind}-`;
}
/** `kiro-task-<taskId>-<kind>-<runId>` plus `-<checkpoint>` when given. */
function taskCacheKey(taskId, kind, runId, checkpoint) {
    return `${taskCachePrefix(taskId, kind)}${runId}${checkpoint === undefined ? '' : `-${checkpoint}`}`;
}
/** A `TaskCache` over `@actions/cache` (or `backend`). */
function createTaskCache(backend = cache) {
    let warned = false;
    // @actions/cache retries a missing service for ~20 s per call; ask once and skip instead.
    const available = () => {
        if (!backend.isFeatureAvailable || backend.isFeatureAvailable())
            return true;
        if (!warned)
            core/* warning */.$e('the Actions cache service is not available: task transcripts and dependency caches are not saved or restored');
        warned = true;
        return false;
    };
    return {
        async save(ref) {
            const key = taskCacheKey(ref.taskId, ref.kind, ref.runId, ref.checkpoint);
            try {
                if (!available())
                    return false;
                const id = await backend.saveCache([...ref.paths], key);
                return id !== -1;
            }
            catch (e) {
                core/* warning */.$e(`could not save ${ref.kind} of task ${ref.taskId} to the cache (${e.message}); the next run starts without it`);
                return false;
            }
        },
        async restore(ref) {
            const prefix = taskCachePrefix(ref.taskId, ref.kind);
            const primary = ref.runId === undefined ? prefix : taskCacheKey(ref.taskId, ref.kind, ref.runId, ref.checkpoint);
            try {
                if (!available())
                    return { hit: false, exact: false };
                const key = await backend.restoreCache([...ref.paths], primary, primary === prefix ? [] : [prefix]);
                if (key === undefined)
                    return { hit: false, exact: false };
                return { hit: true, exact: key === primary, key };
            }
            catch (e) {
                core/* warning */.$e(`could not restore ${ref.kind} of task ${ref.taskId} from the cache (${e.message}); continuing without it`);
                return { hit: false, exact: false };
            }
        },
    };
}

// EXTERNAL MODULE: ./src/orchestrator/context.ts
var orchestrator_context = __webpack_require__(72971);
// EXTERNAL MODULE: ./src/orchestrator/committer.ts
var orchestrator_committer = __webpack_require__(98876);
;// CONCATENATED MODULE: ./src/orchestrator/phases/branch.ts
/**
 * The branch phase (SPEC.md J1.5): the task branch `kiro/<issue>-<slug>` checked out from the
 * default branch (or the recorded one, resumed), approvals from `/kiro continue` applied, and the
 * committer the code phase commits with.
 */



/** `kiro/<issue>-<slug>` (SPEC.md J1.5). */
function taskBranch(issueNumber, title) {
    const slug = title
        .toLowerCase()
        .normalize('NFKD')
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 40)
        .replace(/-+$/, '');
    return `${constants/* BranchPrefix */.X$}${issueNumber}${slug ? `-${slug}` : ''}`;
}
/**
 * Checks out the task branch and records it; counts the files the task already changed (the
 * `maxFileEditsPerTask` limit is per task, not per run); registers the work-in-progress push a
 * stopped job makes (src/orchestrator/shutdown.ts).
 */
async function branchPhase(run, planned) {
    const { t, session } = run;
    const { svc } = t;
    const s = svc.settings;
    const git = session.git;
    const branch = t.branch ?? taskBranch(t.issueNumber, t.issueTitle);
    (0,outcome/* reportOutputs */.rY)({ branch });
    const defaultBranch = await svc.github.getDefaultBranch(svc.repo);
    const { baseSha } = await git.checkoutTaskBranch(branch, defaultBranch);
    if (!t.branch)
        await t.persist({ branch, baseBranch: defaultBranch }, 'branch');
    if (t.resume?.approvedCommand)
        t.sandbox.approve(t.resume.approvedCommand);
    if (t.resume?.approvedPath)
        t.sandbox.approvePath(t.resume.approvedPath);
    t.sandbox.countEdited((await git.changedFiles(baseSha)).map((f) => f.path));
    const committer = (0,orchestrator_committer/* createCommitter */.T)(git, s.bot, t.owner, { secrets: () => svc.secretValues(), redact: svc.redact });
    t.onWip?.(async () => {
        await committer.commit(`Work in progress: ${planned.spec.title}`);
        return (await git.push(branch, s.bot)).sideBranch ?? branch;
    });
    return { ...planned, branch, defaultBranch, baseSha, committer };
}

// EXTERNAL MODULE: ./src/agent/tools/schema.ts
var schema = __webpack_require__(37398);
// EXTERNAL MODULE: ./src/policy/commands.ts + 7 modules
var commands = __webpack_require__(21512);
// EXTERNAL MODULE: ./src/orchestrator/code-verify.ts
var code_verify = __webpack_require__(32077);
// EXTERNAL MODULE: ./src/orchestrator/phases/common.ts
var common = __webpack_require__(81168);
;// CONCATENATED MODULE: ./src/orchestrator/phases/code.ts
/**
 * The code phase (SPEC.md J1.4): the coder works through the plan, each finished step committed
 * and pushed by the action (`complete_step`), then the code → verify loop. A coder or verifier that
 * stops (a limit, a pause, a failure) ends the run with the work pushed; the time budget ends it
 * in a checkpoint a continuation run resumes.
 */





/** Runs the coder and the verifier on the checked-out branch. */
async function codePhase(run, b) {
    const { t, session } = run;
    const s = t.svc.settings;
    const plan = b.spec;
    const cv = await (0,code_verify/* codeAndVerify */.E1)({
        svc: t.svc,
        session,
        sandbox: t.sandbox,
        status: t.status,
        committer: b.committer,
        coderMessages: coderOpening(run, b),
        coderTools: [completeStepTool(run, b)],
        ...(t.steer ? { steer: t.steer } : {}),
        criteria: () => plan.acceptanceCriteria,
        diffBase: b.baseSha,
        finishCommitMessage: plan.title,
        codingPhase: 'Implementing the plan…',
    });
    if (cv.kind === 'coder_stopped') {
        await b.committer.commit(`Work in progress: ${plan.title}`);
        await session.git.push(b.branch, s.bot);
        session.costOutputs();
        if (cv.result.exitReason === 'limit_reached' && cv.result.limit === 'time') {
            await t.persist({ spec: plan, progress: { phase: 'coding', currentStep: (0,common/* nextStep */.sk)(plan), verifyAttempts: cv.attempt - 1 } }, 'checkpoint');
            return { end: { state: 'checkpoint', spend: session.spend, exitReason: 'checkpoint' } };
        }
        return { end: await (0,common/* stopped */.ce)(t, cv.result, session.spend, 'coding', b.branch) };
    }
    if (cv.kind === 'verifier_stopped') {
        await session.git.push(b.branch, s.bot);
        session.costOutputs();
        return { end: await (0,common/* stopped */.ce)(t, cv.result, session.spend, 'verifying', b.branch) };
    }
    return { next: { ...b, finish: cv.finish, checks: cv.checks, verdict: cv.verdict, secretFindings: cv.secretFindings, passed: cv.passed } };
}
function coderOpening(run, b) {
    const plan = b.spec;
    const content = (0,prompts/* renderPrompt */.nQ)('coder-task', {
        repository: run.t.svc.settings.runner.repository,
        branch: b.branch,
        spec: `${plan.title}\n\n${plan.summary}\n\n${(0,common/* specMarkdown */.d1)(plan)}`,
        plan: plan.plan.map((p) => `${p.id}. [${p.done ? 'x' : ' '}] ${p.title} — ${p.detail}`).join('\n'),
        feedback: (0,common/* resumeNotes */.L0)(run.t),
    });
    return [{ role: 'user', content }];
}
/**
 * `complete_step`: marks a plan step done; the action commits and pushes it (a runner that dies
 * loses at most the step in flight), records the progress and, under `cautious`, pauses for review.
 */
function completeStepTool(run, b) {
    const { t, session } = run;
    const plan = b.spec;
    return (0,schema/* defineTool */.u)('complete_step', 'Mark a plan step done; the action commits the changes made for it.', common/* StepInput */.JU, async (input) => {
        const step = plan.plan.find((p) => p.id === input.step_id);
        if (!step)
            return { content: `There is no plan step ${input.step_id}; steps are ${plan.plan.map((p) => p.id).join(', ')}.`, isError: true };
        step.done = true;
        const sha = await b.committer.commit(`${step.title}\n\n${input.summary}`);
        if (sha)
            await session.git.push(b.branch, t.svc.settings.bot);
        await t.persist({ spec: plan, progress: { phase: 'coding', currentStep: (0,common/* nextStep */.sk)(plan), verifyAttempts: 0 } }, `step ${step.id} done`);
        await t.status.update({ plan: (0,common/* planItems */.ki)(plan), phase: `Step ${step.id} done: ${step.title}` });
        const recorded = sha ? `Step ${step.id} recorded in commit ${sha.slice(0, 12)}.` : `Step ${step.id} recorded (no file changes to commit).`;
        const next = plan.plan.find((p) => !p.done);
        if ((0,commands/* pausesAfterEachStep */.NR)(t.svc.settings.autonomyLevel) && next) {
            // the owner reviews each step; after the last one the pull request is the review point
            const reason = `autonomy level cautious pauses after each plan step: review step ${step.id} before step ${next.id} (${next.title}) starts`;
            return { content: `${recorded} Paused: ${reason}.`, pause: { reason, afterStep: `${step.id} (${step.title})` } };
        }
        return { content: recorded };
    });
}

// EXTERNAL MODULE: ./src/report/pr-body.ts
var pr_body = __webpack_require__(68843);
// EXTERNAL MODULE: ./src/report/summary.ts
var summary = __webpack_require__(57994);
// EXTERNAL MODULE: ./src/verify/detect.ts
var detect = __webpack_require__(346);
// EXTERNAL MODULE: ./src/verify/run.ts
var verify_run = __webpack_require__(7760);
;// CONCATENATED MODULE: ./src/orchestrator/phases/deliver.ts
/**
 * The deliver phase (SPEC.md J1.5–J1.6): the branch pushed (merging changes someone else pushed,
 * then checking again), the pull request opened or updated — a draft labelled for human review
 * when verification failed — the record completed, the status comment, labels, outputs and job
 * summary brought to their end.
 */










/** Pushes, opens the pull request and ends the run Completed (the PR a draft when verification failed). */
async function deliverPhase(run, c) {
    const { t, session } = run;
    const { svc } = t;
    await t.status.update({ phase: 'Pushing the branch and opening the pull request…' });
    const pushed = await session.git.push(c.branch, svc.settings.bot);
    let { checks, passed } = c;
    if (pushed.merged) {
        // someone else pushed to the branch: their changes are merged in; verify the result again
        core/* info */.pq(`Kiro: ${c.branch} changed on the remote; merged its changes in (${pushed.sha.slice(0, 12)}) and re-running the checks.`);
        await t.status.update({ phase: 'The branch changed on the remote; merged its changes in and re-running the checks…' });
        const sb = t.sandbox;
        checks = await (0,verify_run/* runChecks */.J)((0,detect/* detectChecks */.P)(session.git.dir), { cwd: session.git.dir, env: sb.toolContext.env, timeoutMs: svc.settings.commandTimeoutMs, redact: svc.redact, runner: sb.runner, ...(sb.commandEnv ? { commandEnv: sb.commandEnv } : {}) });
        passed = passed && checks.every((x) => x.passed);
    }
    const head = pushed.sideBranch ?? c.branch;
    const sideNote = pushed.sideBranch ? `The work is on \`${pushed.sideBranch}\`, not \`${c.branch}\`: ${pushed.reason ?? 'the branch could not take the push'}.` : undefined;
    if (sideNote)
        core/* warning */.$e(svc.redact(`Kiro: ${sideNote}`));
    const verified = { ...c, checks, passed };
    const pr = await openPullRequest(run, verified, head, sideNote);
    // write-once facts first: the pull request exists and the task is done; cosmetics follow
    await t.persist({ state: 'completed', pullRequest: { number: Math.abs(pr.number) || 1, url: pr.htmlUrl }, learningsApplied: run.learningsApplied, progress: { phase: 'done', verifyAttempts: 0 } }, 'pull request');
    if (!passed && pr.number > 0)
        await (0,lifecycle/* addMarkerLabel */.wH)(svc, pr.number, constants/* Labels */.gC.NeedsHumanReview);
    (0,outcome/* reportOutputs */.rY)({ pullRequestUrl: pr.htmlUrl });
    session.costOutputs();
    const durationMs = svc.now() - session.started;
    const result = {
        pullRequestUrl: pr.htmlUrl,
        draft: !passed,
        verification: checks.map((x) => ({ name: x.name, command: x.command, passed: x.passed })),
        ...session.cost(),
        tokens: session.tokens(),
        durationMs,
    };
    if (sideNote)
        t.status.view = { ...t.status.view, notes: [sideNote] };
    await (0,common/* finishStatus */.Y7)(t, 'completed', result, passed ? 'Pull request opened; verification passed.' : 'Draft pull request opened; verification failed — needs human review.');
    await (0,summary/* writeJobSummary */.j)(svc, { taskId: t.taskId, title: c.spec.title, state: 'completed', plan: (0,common/* planItems */.ki)(c.spec), spend: session.spend, durationMs, pullRequestUrl: pr.htmlUrl, checks });
    return { state: 'completed', pullRequestUrl: pr.htmlUrl, draft: !passed, spend: session.spend, exitReason: 'completed' };
}
/** Opens the pull request of `head`, or updates the open one (a resumed run, a re-run). */
async function openPullRequest(run, c, head, sideNote) {
    const { t, session } = run;
    const { svc } = t;
    const plan = c.spec;
    const failureNotes = [(0,code_verify/* failureNotesOf */.rA)(c), sideNote].filter(Boolean).join('\n') || undefined;
    const body = (0,pr_body/* renderPrBody */.B)({
        taskId: t.taskId,
        issueNumber: t.issueNumber,
        issueUrl: t.issueUrl,
        summary: c.finish?.summary ?? plan.summary,
        approach: c.finish?.approach ?? '',
        tradeoffs: c.finish?.tradeoffs ?? '',
        requirements: plan.requirements,
        changedFiles: await session.git.changedFiles(c.baseSha),
        checks: c.checks,
        criteria: (0,code_verify/* criteriaWithVerdict */.jH)(plan.acceptanceCriteria, c.verdict),
        verificationPassed: c.passed,
        ...(failureNotes ? { failureNotes } : {}),
        secretFindings: c.secretFindings,
        learningsApplied: t.learnings,
        blockedRequests: t.sandbox.blocked(),
        ...(t.sandbox.limitation ? { networkLimitation: t.sandbox.limitation } : {}),
        sources: session.sources(),
        // the task's spend, earlier runs included
        costUsd: session.cost().costTotalUsd,
        durationMs: svc.now() - session.started,
        runUrl: svc.settings.runner.runUrl,
    });
    const existing = await svc.github.findOpenPullByHead(svc.repo, head);
    if (existing) {
        await svc.github.updatePull(svc.repo, existing.number, { title: plan.title, body });
        return existing;
    }
    return svc.github.createPull(svc.repo, { title: plan.title, body, head, base: c.defaultBranch, draft: !c.passed });
}

;// CONCATENATED MODULE: ./src/orchestrator/phases/plan.ts


/**
 * Plans (or takes the recorded spec), shows it in the status comment, and ends the run when there
 * is nothing to code: questions (Needs attention) or a question answered without a change (Completed).
 */
async function planPhase(run) {
    const { t, session } = run;
    const { svc } = t;
    let spec = t.spec;
    if (!spec) {
        // the edit goes out beside the planner's first request, not before it (the critical path)
        const researching = t.status.update({ phase: 'Researching the code and writing the task spec…' });
        const planned = await session.runRole('planner', [{ role: 'user', content: t.plannerInput }]).finally(() => researching.catch(() => undefined));
        await researching;
        if (planned.exitReason !== 'submitted') {
            session.costOutputs();
            return { end: await (0,common/* stopped */.ce)(t, planned, session.spend, 'planning') };
        }
        const sub = planned.result;
        spec = { ...sub, plan: sub.plan.map((p) => ({ ...p, done: false })) };
        await t.persist({ spec, learningsApplied: run.learningsApplied, progress: { phase: sub.questions.length ? 'questions' : 'coding', verifyAttempts: 0 } }, 'spec');
    }
    else if (t.resume?.answers && spec.questions?.length) {
        // answered: keep the plan, drop the questions (no second planning pass)
        spec = { ...spec, questions: [] };
        await t.persist({ spec, progress: { phase: 'coding', verifyAttempts: 0 } }, 'questions answered');
    }
    await t.status.update({ phase: spec.needsCode ? 'Plan ready; implementing…' : 'Answering…', plan: (0,common/* planItems */.ki)(spec), specMarkdown: (0,common/* specMarkdown */.d1)(spec) });
    if (spec.questions?.length) {
        session.costOutputs();
        return { end: { state: 'needs_attention', reason: 'questions', questions: spec.questions, spend: session.spend, exitReason: 'needs_input' } };
    }
    if (!spec.needsCode) {
        session.costOutputs();
        const durationMs = svc.now() - session.started;
        await (0,common/* finishStatus */.Y7)(t, 'completed', { answer: spec.summary, ...session.cost(), tokens: session.tokens(), durationMs }, 'Answered; no code change was needed.');
        await (0,summary/* writeJobSummary */.j)(svc, { taskId: t.taskId, title: spec.title, state: 'completed', plan: (0,common/* planItems */.ki)(spec), spend: session.spend, durationMs, answer: spec.summary });
        return { end: { state: 'completed', spend: session.spend, exitReason: 'completed' } };
    }
    return { next: { spec } };
}

;// CONCATENATED MODULE: ./src/orchestrator/pipeline.ts
/**
 * The pipeline of one task run (SPEC.md J1.2–J1.6) as a chain of phases over the task record:
 *
 *   plan → branch → code (→ verify, the code → verify loop) → deliver
 *
 * Each phase (src/orchestrator/phases/) is a function of the run (its services, sandbox, status
 * comment, record writer) and the previous phase's typed result; a phase that ends the run returns
 * `{ end }`. Resumption after a pause, an answer, a checkpoint or a crash is the same chain: the
 * plan phase takes the recorded spec instead of planning, the branch phase checks out the recorded
 * branch, and the coder is told which steps are done. The agent loop knows nothing of GitHub; the
 * phases turn its exit reasons into commits, a pull request, the status comment, labels, the job
 * summary and outputs.
 */







/**
 * Runs the pipeline to an end state. Never throws for model, tool or verification failures:
 * they end in a recorded state; git and GitHub faults propagate after the work is pushed.
 */
async function runPipeline(t) {
    const session = (0,orchestrator_session/* openAgentSession */.U)(t.svc, {
        taskId: t.taskId,
        sandbox: t.sandbox,
        steering: t.steering,
        learnings: t.learnings,
        ...(t.spend ? { spend: t.spend } : {}),
        ...(t.prior ? { prior: t.prior } : {}),
        ...(t.startedAt ? { startedAt: t.startedAt } : {}),
    });
    const run = { t, session, learningsApplied: t.learnings.map((l) => l.id) };
    const planned = await planPhase(run);
    if ('end' in planned)
        return planned.end;
    const branched = await branchPhase(run, planned.next);
    const coded = await codePhase(run, branched);
    if ('end' in coded)
        return coded.end;
    return deliverPhase(run, coded.next);
}

;// CONCATENATED MODULE: ./src/orchestrator/task-run.ts
/**
 * The body of one task run (driven and guarded by `driveTask`, task.ts): slot → context → pipeline
 * (pipeline.ts, its phases) → the run's end on the record. Each step is a function of the services,
 * the store and the task record; faults propagate to the driver, which ends the task truthfully.
 */












/** The body of `driveTask`: slot, context, sandbox, pipeline, outcome. Throws on faults (the caller ends the task truthfully). */
async function runFromRecord(svc, store, task, status, issue, opts, run) {
    const persist = async (patch, description = 'update') => {
        await store.updateTask(task.id, (t) => ({ ...t, ...patch }), `${task.id}: ${description}`);
    };
    const ctx = { svc, store, task, status, issue, opts, persist };
    if (!(await takeSlot(ctx)))
        return {};
    // the sandbox (firewall, proxy, isolation check) opens while the context is gathered, unless it already is
    const opening = opts.sandbox ?? (0,orchestrator_sandbox.earlySandbox)(svc.ports.openSandbox(svc));
    const cache = createTaskCache();
    const r = svc.settings.runner;
    const transcriptDir = external_node_path_default().join(r.runnerTemp, 'kiro', task.id);
    let context;
    try {
        context = await gatherContext(ctx);
        // the transcript is disposable: kept in the Actions cache, losing it only costs history
        // (only when an earlier run or attempt wrote one: the record already lists this run)
        if (task.runs.some((x) => x.runId !== r.runId || (x.runAttempt ?? 1) !== r.runAttempt))
            await cache.restore({ taskId: task.id, kind: 'transcript', paths: [transcriptDir] });
    }
    catch (e) {
        await opening.release();
        throw e;
    }
    const sandbox = await opening.take();
    let end;
    const notes = (0,orchestrator_sandbox.sandboxNotes)(sandbox);
    if (notes.sandbox !== undefined || notes.mcp)
        await status.update(notes);
    try {
        end = await runPipeline({
            svc,
            taskId: task.id,
            issueNumber: issue.number,
            issueUrl: issue.htmlUrl,
            issueTitle: issue.title,
            owner: task.owner,
            labels: (0,lifecycle/* inProgressLabels */.ez)(issue.labels),
            status,
            sandbox,
            plannerInput: context.plannerInput,
            steering: (0,orchestrator_context/* readSteering */._$)(r.workspace),
            learnings: context.learnings.map((l) => ({ id: l.id, text: l.text })),
            ...(task.spec ? { spec: task.spec } : {}),
            ...(task.branch ? { branch: task.branch } : {}),
            ...(opts.resume ? { resume: opts.resume } : {}),
            persist,
            steer: context.steer,
            spend: run.spend,
            onWip: run.onWip,
            // max-turns and max-cost-usd are per task: earlier runs' spend counts toward them
            prior: { turns: task.turns ?? 0, costUsd: task.costUsd },
            startedAt: Date.parse(task.createdAt),
        });
    }
    finally {
        // an MCP server that stopped during the run is reported too
        const late = sandbox.mcpProblems();
        if (late.length > (notes.mcp?.length ?? 0))
            await status.update({ mcp: late }).catch(() => { });
        await sandbox.close();
        if (!svc.settings.dryRun)
            await cache.save({ taskId: task.id, kind: 'transcript', paths: [transcriptDir], runId: r.runId, checkpoint: r.runAttempt });
    }
    return recordRunEnd(ctx, end, run, context.lastSeen());
}
/**
 * Takes the task's concurrency slot (or the one `startTask` already took) and records the run; a
 * task that finds none is Queued (record, status with its position, label).
 * @returns whether the run goes on
 */
async function takeSlot(ctx) {
    const { svc, store, task, status, issue, opts } = ctx;
    const s = svc.settings;
    const r = s.runner;
    const slot = opts.slot ?? (await store.acquireSlot(task.id, r.runId, s.maxConcurrentTasks, (0,orchestrator_store.leaseMs)(svc)));
    await (0,orchestrator_store.startHandedTasks)(svc, slot.handedTo.filter((id) => id !== task.id));
    if (!slot.acquired) {
        if (!opts.slot)
            await ctx.persist({ state: 'queued', queuePosition: slot.position }, 'queued');
        await Promise.all([
            status.update({ state: 'queued', phase: `Queued: ${s.maxConcurrentTasks} tasks are already in progress. Position in the queue: ${slot.position}. It starts automatically when a slot frees.` }),
            (0,lifecycle/* setLifecycleLabel */.Zw)(svc, issue.number, 'queued', (0,lifecycle/* inProgressLabels */.ez)(issue.labels)),
        ]);
        (0,outcome/* reportOutputs */.rY)({ status: 'queued' });
        return false;
    }
    const runEntry = { runId: r.runId, runUrl: r.runUrl, runAttempt: r.runAttempt, startedAt: new Date(svc.now()).toISOString() };
    if (!opts.slot)
        await store.updateTask(task.id, (t) => ({ ...t, state: 'in_progress', queuePosition: undefined, pendingQuestion: undefined, pause: undefined, runs: [...t.runs.filter((x) => x.runId !== r.runId), runEntry] }), `${task.id}: run ${r.runId} started`);
    if (task.state !== 'in_progress') {
        await Promise.all([status.update({ state: 'in_progress', phase: 'Working…' }), (0,lifecycle/* setLifecycleLabel */.Zw)(svc, issue.number, 'in_progress', issue.labels)]);
    }
    return true;
}
/** The issue's discussion, the owner's learnings and the layout, read side by side (off the critical path). */
async function gatherContext(ctx) {
    const { svc, store, task, issue, opts } = ctx;
    const s = svc.settings;
    const r = s.runner;
    const perms = new orchestrator_context/* PermissionCache */.CE(svc);
    const [comments, learnings, layout] = await Promise.all([
        svc.github.listIssueComments(svc.repo, issue.number),
        // from the tip this run's start just wrote (or read) — no second fetch on the critical path
        store.listLearnings(task.owner.login, { maxAgeMs: 10_000 }),
        task.spec ? Promise.resolve('') : (0,orchestrator_context/* repositoryLayout */.bI)(r.workspace),
    ]);
    const triggeredAt = opts.triggeredAt ?? new Date(svc.now()).toISOString();
    const discussion = await (0,orchestrator_context/* trustedComments */.cC)(svc, perms, comments, triggeredAt, task.triggerCommentId ? [task.triggerCommentId] : []);
    const ownerComments = comments.filter((c) => c.user.login === task.owner.login);
    let lastSeen = Math.max(task.lastSeenCommentId ?? 0, ...ownerComments.filter((c) => Date.parse(c.createdAt) <= Date.parse(triggeredAt)).map((c) => c.id));
    const instructions = task.instructions
        ? `Instructions from @${task.owner.login} (the task owner), in their ${s.triggerCommand} comment:\n${(0,sanitize/* fenceUntrusted */.C0)('instructions', (0,sanitize/* sanitizeUntrusted */._2)(task.instructions))}`
        : `The task is the issue below; @${task.owner.login} (the task owner) asked for it by labelling the issue.`;
    const plannerInput = task.spec
        ? ''
        : (0,prompts/* renderPrompt */.nQ)('planner-task', {
            repository: r.repository,
            issue_number: String(issue.number),
            owner: task.owner.login,
            instructions,
            issue: (0,orchestrator_context/* renderIssue */.yi)(issue),
            discussion: (0,orchestrator_context/* renderDiscussion */.BO)(discussion),
            layout,
            answers: '',
        });
    let lastPoll = 0;
    const steer = async () => {
        if (svc.now() - lastPoll < 10_000)
            return undefined;
        lastPoll = svc.now();
        const fresh = (await svc.github.listIssueComments(svc.repo, issue.number)).filter((c) => c.id > lastSeen && c.user.login === task.owner.login && !c.body.includes(constants/* Markers */.c7.Any));
        if (!fresh.length)
            return undefined;
        lastSeen = Math.max(...fresh.map((c) => c.id));
        await ctx.persist({ lastSeenCommentId: lastSeen }, 'steering read');
        return fresh.map((c) => (0,sanitize/* fenceUntrusted */.C0)(`comment by @${c.user.login} (the task owner)`, (0,sanitize/* sanitizeUntrusted */._2)(c.body))).join('\n');
    };
    return { plannerInput, steer, learnings, lastSeen: () => lastSeen };
}
/** The run's end on the record (spend, state, questions or pause, the run closed); the slot handed on. */
async function recordRunEnd(ctx, end, run, lastSeen) {
    const { svc, store, task, status, issue } = ctx;
    const s = svc.settings;
    const r = s.runner;
    const costPatch = (t) => {
        run.spendRecorded();
        return { costUsd: t.costUsd + end.spend.costUsd, turns: (t.turns ?? 0) + end.spend.turns, tokens: (0,ending/* addTokens */.Ox)(t.tokens, end.spend) };
    };
    if (end.state === 'checkpoint') {
        await store.updateTask(task.id, (t) => ({ ...t, ...costPatch(t), runs: (0,ending/* closeRun */.Ql)(t.runs, r.runId, 'checkpoint') }), `${task.id}: checkpoint`);
        await (0,orchestrator_store.dispatchContinuation)(svc, task.id);
        await status.update({ phase: 'The job’s time budget is nearly used: work is checkpointed and pushed; a continuation run picks it up.' });
        (0,outcome/* reportOutputs */.rY)({ status: 'in_progress' });
        return {};
    }
    // the record's end and the slot's release in one compare-and-swap (both or neither)
    let ended;
    if (end.state === 'needs_attention' && end.questions?.length) {
        const commentId = await askQuestions(svc, issue.number, task.id, end.questions, status, issue.labels);
        ended = await store.endRun(task.id, (t) => ({ ...t, ...costPatch(t), state: 'needs_attention', lastSeenCommentId: commentId, pendingQuestion: { commentId, questions: end.questions, askedAt: new Date(svc.now()).toISOString() }, runs: (0,ending/* closeRun */.Ql)(t.runs, r.runId, 'needs_input') }), s.maxConcurrentTasks, `${task.id}: questions`);
    }
    else {
        const state = end.state === 'completed' ? 'completed' : 'needs_attention';
        const pause = end.state === 'needs_attention' && end.pause ? { pause: { ...end.pause, pausedAt: new Date(svc.now()).toISOString() } } : {};
        ended = await store.endRun(task.id, (t) => ({ ...t, ...costPatch(t), state, lastSeenCommentId: lastSeen, ...pause, runs: (0,ending/* closeRun */.Ql)(t.runs, r.runId, end.exitReason) }), s.maxConcurrentTasks, `${task.id}: ${state}`);
    }
    await (0,orchestrator_store.startHandedTasks)(svc, ended.handedTo);
    (0,orchestrator_store.recordDryRunState)(svc, store);
    return end.state === 'failed' ? { failed: end.reason } : {};
}
/**
 * Asks numbered clarifying questions in one comment and waits (SPEC.md J1.3): the task is marked
 * Needs attention and the job ends successfully; the owner's next comment resumes it.
 * @returns the id of the questions comment
 */
async function askQuestions(svc, issueNumber, taskId, questions, status, labels) {
    const body = [
        `${constants/* Markers */.c7.Questions} task=${taskId} run=${svc.settings.runner.runId}.${svc.settings.runner.runAttempt} -->`,
        'Before I go on, I need a few answers:',
        '',
        ...questions.map((q, i) => `${i + 1}. ${q}`),
        '',
        'Reply in a comment (numbered answers help); I will continue from the plan I have.',
    ].join('\n');
    const c = await svc.github.createIssueComment(svc.repo, issueNumber, body, { marker: `${constants/* Markers */.c7.Questions} task=${taskId} run=${svc.settings.runner.runId}.${svc.settings.runner.runAttempt} -->` });
    await Promise.all([
        status.update({ state: 'needs_attention', phase: `Waiting for answers to ${questions.length} question(s): ${c.htmlUrl}` }),
        (0,lifecycle/* setLifecycleLabel */.Zw)(svc, issueNumber, 'needs_attention', (0,lifecycle/* inProgressLabels */.ez)(labels)),
    ]);
    (0,outcome/* reportOutputs */.rY)({ status: 'needs_attention' });
    return c.id;
}

;// CONCATENATED MODULE: ./src/orchestrator/task.ts
/**
 * Running a task (SPEC.md J1, J2, J6, J7): the task record on the state branch, the concurrency
 * slot, the issue's context, the sandbox and the pipeline. `runTask` starts a new task after the
 * acknowledgement; `driveTask` (re)runs any task from its record — a fresh start, an answered
 * question, an approved pause, a continuation after the time budget, feedback on a finished task.
 * Loaded on demand (dynamic import) so the acknowledgement does not wait for the agent code.
 */










/**
 * Starts a new task from a `start` command (already acknowledged with `status`).
 * @param acknowledged the acknowledgement's reaction and label, still in flight (awaited before any label changes)
 */
async function runTask(svc, cmd, taskId, status, acknowledged = Promise.resolve()) {
    const s = svc.settings;
    if (!s.anthropicApiKey && s.provider === 'anthropic') {
        const msg = "The workflow does not pass an Anthropic API key: set the 'anthropic-api-key' input (e.g. `${{ secrets.ANTHROPIC_API_KEY }}`).";
        await acknowledged.catch(() => undefined);
        await Promise.all([status.update({ state: 'needs_attention', phase: msg }), (0,lifecycle/* setLifecycleLabel */.Zw)(svc, cmd.issue.number, 'needs_attention', (0,lifecycle/* inProgressLabels */.ez)(cmd.issue.labels))]);
        core/* error */.z3(msg, { title: 'Kiro is not configured' });
        (0,outcome/* reportOutputs */.rY)({ status: 'needs_attention' });
        return { failed: msg, annotated: true };
    }
    const labels = (0,lifecycle/* inProgressLabels */.ez)(cmd.issue.labels);
    let store;
    let started;
    // the sandbox (preload, firewall, proxy, isolation check) opens while the state store records the task
    const sandbox = (0,orchestrator_sandbox.earlySandbox)(svc.ports.openSandbox(svc));
    try {
        store = await svc.ports.openStore(svc);
        // created when the job started: the status header, the result line and the PR body all count from here
        const nowIso = new Date(svc.startedAt).toISOString();
        const r = s.runner;
        // one compare-and-swap for the record, the slot and the run (the acknowledgement's critical path)
        started = await store.startTask(taskId, { repository: r.repository, number: cmd.issue.number }, (previous) => (0,tasks/* newTask */.eI)({
            id: taskId,
            repository: r.repository,
            issue: cmd.issue.number,
            kind: 'issue',
            owner: { login: cmd.actor.login, id: cmd.actor.id },
            state: 'in_progress',
            instructions: cmd.instructions,
            statusCommentId: status.commentId,
            ...(cmd.commentId ? { triggerCommentId: cmd.commentId } : {}),
            // a new task on an issue whose earlier task left a branch/PR continues on them
            ...(previous?.branch && previous.state !== 'cancelled' ? { branch: previous.branch, baseBranch: previous.baseBranch } : {}),
            ...(previous?.pullRequest && previous.state !== 'cancelled' ? { pullRequest: previous.pullRequest } : {}),
        }, nowIso), { entry: { runId: r.runId, runUrl: r.runUrl, runAttempt: r.runAttempt, startedAt: new Date(svc.now()).toISOString() }, max: s.maxConcurrentTasks, leaseMs: (0,orchestrator_store.leaseMs)(svc) });
        // the acknowledgement's label is on before anything else changes labels
        await acknowledged;
    }
    catch (e) {
        await Promise.all([sandbox.release(), acknowledged.catch(() => undefined)]);
        return (0,ending/* endInFailure */.Ru)({ svc, store, taskId, status, issueNumber: cmd.issue.number, labels, spend: undefined }, e);
    }
    // a re-run of the same event (same run id, a later attempt) finds its task: resume it from
    // the record, never re-create it (that would lose the spec, the runs and the spend)
    if ('existing' in started)
        return resumeKnownTask(svc, store, started.existing, status, cmd, sandbox);
    return driveTask(svc, store, started.task, status, toIssueInfo(cmd.issue), { triggeredAt: cmd.triggeredAt, slot: started.slot, sandbox });
}
/**
 * The same event again (a re-run of the job): an active task resumes from its record; a finished
 * one only gets its status comment and label back (the acknowledgement set them to In progress).
 */
async function resumeKnownTask(svc, store, task, status, cmd, sandbox) {
    core/* info */.pq(`Kiro: task ${task.id} is already recorded (${task.state}); resuming it from its record.`);
    if (task.state === 'completed' || task.state === 'cancelled') {
        await sandbox.release();
        await Promise.all([
            status.update({ state: task.state, phase: task.state === 'completed' ? 'Already done.' : 'Cancelled.', ...(task.pullRequest ? { result: { pullRequestUrl: task.pullRequest.url } } : {}) }),
            (0,lifecycle/* setLifecycleLabel */.Zw)(svc, cmd.issue.number, task.state, (0,lifecycle/* inProgressLabels */.ez)(cmd.issue.labels)),
        ]);
        (0,outcome/* reportOutputs */.rY)({ status: task.state });
        return {};
    }
    return driveTask(svc, store, task, status, toIssueInfo(cmd.issue), { triggeredAt: cmd.triggeredAt, sandbox });
}
function toIssueInfo(i) {
    return { number: i.number, title: i.title, body: i.body, htmlUrl: i.htmlUrl, author: i.author, labels: i.labels };
}
/** Rebuilds the status view of a task from its record. */
function statusViewOf(svc, task, title) {
    return {
        taskId: task.id,
        state: task.state,
        title,
        runUrl: svc.settings.runner.runUrl,
        startedAt: Date.parse(task.createdAt),
        now: svc.now(),
        phase: 'Resuming…',
        ...(task.spec ? { plan: task.spec.plan.map((p) => ({ id: p.id, title: p.title, done: p.done })) } : {}),
    };
}
/** Opens the status comment of an existing task (by its recorded id, or by marker). */
async function openTaskStatus(svc, task, issue) {
    return lifecycle/* StatusComment */.C6.open(svc, issue.number, statusViewOf(svc, task, issue.title), task.statusCommentId);
}
/** Loads the issue of a task from GitHub. */
async function loadIssue(svc, task) {
    const i = await svc.github.getIssue(svc.repo, task.issue);
    return { number: i.number, title: i.title, body: i.body, htmlUrl: i.htmlUrl, author: { login: task.owner.login, id: task.owner.id, type: 'User' }, labels: i.labels };
}
/**
 * Runs a task from its record: takes a concurrency slot (or queues the task), runs the pipeline,
 * records the outcome on the state branch, frees the slot and starts the continuation runs of the
 * queued tasks it hands its slot to. Guards the run: its lease is kept fresh while it works, a
 * SIGINT/SIGTERM pushes the work in progress and ends the task in Needs attention, and any fault
 * ends it truthfully (src/orchestrator/ending.ts). Never throws.
 */
async function driveTask(svc, store, task, status, issue, opts = {}) {
    (0,outcome/* reportOutputs */.rY)({ taskId: task.id });
    const labels = (0,lifecycle/* inProgressLabels */.ez)(issue.labels);
    // this run's spend, shared with the pipeline: a failure or an interruption still records it
    const spend = (0,orchestrator_session/* emptySpend */.M)();
    let spendRecorded = false;
    const target = () => ({ svc, store, taskId: task.id, status, issueNumber: issue.number, labels, spend: spendRecorded ? undefined : spend });
    let wip;
    const heartbeat = (0,ending/* keepLeaseFresh */._Z)(svc, store, task.id);
    const releaseShutdown = (0,shutdown/* onShutdown */.Ob)(async (signal) => {
        heartbeat.stop();
        await (0,ending/* endInterrupted */.K0)(target(), signal, wip);
    });
    try {
        return await runFromRecord(svc, store, task, status, issue, opts, {
            spend,
            spendRecorded: () => {
                spendRecorded = true;
            },
            onWip: (fn) => {
                wip = fn;
            },
        });
    }
    catch (e) {
        return await (0,ending/* endInFailure */.Ru)(target(), e);
    }
    finally {
        heartbeat.stop();
        releaseShutdown();
        await opts.sandbox?.release();
    }
}


/***/ })

};
