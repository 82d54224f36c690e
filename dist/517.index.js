export const id = 517;
export const ids = [517];
export const modules = {

/***/ 17517:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   parseAutomation: () => (/* binding */ parseAutomation),
/* harmony export */   readAutomations: () => (/* binding */ readAutomations),
/* harmony export */   runAutomations: () => (/* binding */ runAutomations),
/* harmony export */   selectAutomations: () => (/* binding */ selectAutomations)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33838);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(38815);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_18__ = __webpack_require__(41514);
/* harmony import */ var _agent_tools_schema_js__WEBPACK_IMPORTED_MODULE_19__ = __webpack_require__(37398);
/* harmony import */ var _constants_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(27242);
/* harmony import */ var _git_repo_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(14134);
/* harmony import */ var _git_push_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(57546);
/* harmony import */ var _policy_sanitize_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(31039);
/* harmony import */ var _prompts_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(66224);
/* harmony import */ var _report_pr_body_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(68843);
/* harmony import */ var _report_summary_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(57994);
/* harmony import */ var _context_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(72971);
/* harmony import */ var _outcome_js__WEBPACK_IMPORTED_MODULE_12__ = __webpack_require__(31040);
/* harmony import */ var _code_verify_js__WEBPACK_IMPORTED_MODULE_13__ = __webpack_require__(32077);
/* harmony import */ var _committer_js__WEBPACK_IMPORTED_MODULE_14__ = __webpack_require__(98876);
/* harmony import */ var _phases_common_js__WEBPACK_IMPORTED_MODULE_15__ = __webpack_require__(81168);
/* harmony import */ var _session_js__WEBPACK_IMPORTED_MODULE_16__ = __webpack_require__(80220);
/* harmony import */ var _sandbox_js__WEBPACK_IMPORTED_MODULE_17__ = __webpack_require__(30677);
/**
 * Automations — Kiro's scheduled tasks (SPEC.md §2, issue #13): a prompt in
 * `.kiro/automations/<name>.md` run against the repository on a `schedule` (or by
 * `workflow_dispatch` with the `automation` input), without an issue:
 *
 *   ---
 *   title: Keep the changelog current      # optional
 *   schedule: "0 6 * * 1"                  # optional: the cron this automation runs on
 *   ---
 *   Add an entry to CHANGELOG.md for every merged PR since the last release …
 *
 * The planner writes a spec from the prompt; when nothing needs to change the run ends with a line
 * in the job summary. Otherwise the coder and the verifier work as for an issue, and a pull request
 * is opened only when the change is non-empty and verification passed. An automation has at most
 * one open pull request: a later run continues on its branch and updates it. Progress goes to the
 * job log and the job summary (there is no issue to comment on).
 */




















const FrontMatter = zod__WEBPACK_IMPORTED_MODULE_18__/* .strictObject */ .rej({
    title: zod__WEBPACK_IMPORTED_MODULE_18__/* .string */ .YjP().min(1).max(200).optional(),
    schedule: zod__WEBPACK_IMPORTED_MODULE_18__/* .string */ .YjP().min(1).optional(),
});
/**
 * Parses an automation file: optional YAML front matter between `---` lines (parsed by the `yaml`
 * library; only the delimiters are found by hand), then the prompt. Pure.
 * @returns the automation, or an error message naming the file and the problem
 */
function parseAutomation(name, text) {
    const file = `${_constants_js__WEBPACK_IMPORTED_MODULE_4__/* .RepoFiles */ .op.AutomationsDir}/${name}.md`;
    const m = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
    let meta = {};
    if (m) {
        let raw;
        try {
            raw = (0,yaml__WEBPACK_IMPORTED_MODULE_3__/* .parse */ .qg)(m[1]) ?? {};
        }
        catch (e) {
            return { error: `${file}: the front matter is not valid YAML: ${e.message.split('\n')[0]}` };
        }
        const r = FrontMatter.safeParse(raw);
        if (!r.success) {
            const i = r.error.issues[0];
            const field = i.code === 'unrecognized_keys' ? i.keys.join(', ') : i.path.join('.') || '(front matter)';
            return { error: `${file}: front matter \`${field}\` ${i.code === 'unrecognized_keys' ? 'is not a known key (known: title, schedule)' : i.message}` };
        }
        meta = r.data;
    }
    const prompt = (m ? text.slice(m[0].length) : text).trim();
    if (!prompt)
        return { error: `${file}: the file has no instructions after its front matter` };
    return { name, file, prompt, ...(meta.title ? { title: meta.title } : {}), ...(meta.schedule ? { schedule: meta.schedule.trim() } : {}) };
}
/** Reads every `.kiro/automations/*.md` of a work tree (sorted by name). */
function readAutomations(workspace) {
    const dir = node_path__WEBPACK_IMPORTED_MODULE_2___default().join(workspace, _constants_js__WEBPACK_IMPORTED_MODULE_4__/* .RepoFiles */ .op.AutomationsDir);
    let names;
    try {
        names = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readdirSync)(dir)
            .filter((f) => f.endsWith('.md'))
            .map((f) => f.slice(0, -3))
            .sort();
    }
    catch {
        return { automations: [], problems: [] };
    }
    const automations = [];
    const problems = [];
    for (const n of names) {
        const a = parseAutomation(n, (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)(node_path__WEBPACK_IMPORTED_MODULE_2___default().join(dir, `${n}.md`), 'utf8'));
        if ('error' in a)
            problems.push(a.error);
        else
            automations.push(a);
    }
    return { automations, problems };
}
/**
 * Which automations a run performs: the named one; else (a `schedule` event) those whose
 * `schedule` is the cron that fired, or every one when none declares a schedule. Pure.
 */
function selectAutomations(all, cmd) {
    if (cmd.name)
        return all.filter((a) => a.name === cmd.name);
    if (!all.some((a) => a.schedule))
        return [...all];
    const cron = (cmd.schedule ?? '').replace(/\s+/g, ' ').trim();
    return all.filter((a) => a.schedule?.replace(/\s+/g, ' ') === cron);
}
/** The branch pattern of an automation's pull requests. */
function branchPattern(name) {
    return new RegExp(`^${_constants_js__WEBPACK_IMPORTED_MODULE_4__/* .AutomationBranchPrefix */ .Gl.replace(/[/.-]/g, '\\$&')}${name.replace(/[.-]/g, '\\$&')}-\\d+$`);
}
/** Runs the selected automations of a `schedule` / `workflow_dispatch` event, one after another. */
async function runAutomations(svc, cmd) {
    const { automations, problems } = readAutomations(svc.settings.runner.workspace);
    const selected = selectAutomations(automations, cmd);
    const named = cmd.name ? problems.filter((p) => p.includes(`/${cmd.name}.md:`)) : problems;
    if (named.length) {
        for (const p of named)
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .error */ .z3(p, { title: 'Kiro automation', file: p.split(':')[0] });
        (0,_outcome_js__WEBPACK_IMPORTED_MODULE_12__/* .reportOutputs */ .rY)({ status: 'failed' });
        return { failed: named.join('\n'), annotated: true };
    }
    if (!selected.length) {
        const why = cmd.name ? `there is no ${_constants_js__WEBPACK_IMPORTED_MODULE_4__/* .RepoFiles */ .op.AutomationsDir}/${cmd.name}.md` : `no automation in ${_constants_js__WEBPACK_IMPORTED_MODULE_4__/* .RepoFiles */ .op.AutomationsDir} runs on the schedule '${cmd.schedule ?? ''}'`;
        if (cmd.name) {
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .error */ .z3(`Kiro: ${why}.`, { title: 'Kiro automation' });
            (0,_outcome_js__WEBPACK_IMPORTED_MODULE_12__/* .reportOutputs */ .rY)({ status: 'failed' });
            return { failed: why, annotated: true };
        }
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Kiro: nothing to do — ${why}.`);
        (0,_outcome_js__WEBPACK_IMPORTED_MODULE_12__/* .reportOutputs */ .rY)({ status: 'skipped' });
        return {};
    }
    let failed;
    for (const a of selected) {
        const out = await runAutomation(svc, a, cmd);
        failed ??= out.failed;
    }
    return failed ? { failed } : {};
}
/** Progress of an automation: the job log (no issue to comment on); same shape as the status comment's updates. */
function logStatus(view) {
    let last = '';
    return {
        update: async (patch) => {
            Object.assign(view, patch);
            if (view.phase !== last)
                _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Kiro automation ${view.taskId}: ${view.phase}`);
            last = view.phase;
        },
    };
}
async function runAutomation(svc, a, cmd) {
    const s = svc.settings;
    const r = s.runner;
    const taskId = `automation-${a.name}-${r.runId}`;
    (0,_outcome_js__WEBPACK_IMPORTED_MODULE_12__/* .reportOutputs */ .rY)({ taskId: taskId });
    const started = svc.now();
    const status = logStatus({ taskId, state: 'in_progress', title: a.title ?? a.name, runUrl: r.runUrl, startedAt: started, now: started, phase: `Running automation ${a.name}…` });
    await status.update({ phase: `Running automation ${a.name} (${a.file})…` });
    const sandbox = await (0,_sandbox_js__WEBPACK_IMPORTED_MODULE_17__/* .openSandbox */ .Ep)(svc);
    const summary = (state, note, extra = {}) => (0,_report_summary_js__WEBPACK_IMPORTED_MODULE_10__/* .writeJobSummary */ .j)(svc, {
        taskId,
        title: `automation ${a.name}${a.title ? `: ${a.title}` : ''}`,
        state,
        plan: extra.spec ? extra.spec.plan.map((p) => ({ id: p.id, title: p.title, done: p.done })) : [],
        spend: session.spend,
        durationMs: svc.now() - started,
        note,
        ...(extra.pullRequestUrl ? { pullRequestUrl: extra.pullRequestUrl } : {}),
        ...(extra.checks ? { checks: extra.checks } : {}),
    });
    const session = (0,_session_js__WEBPACK_IMPORTED_MODULE_16__/* .openAgentSession */ .U)(svc, { taskId, sandbox, steering: (0,_context_js__WEBPACK_IMPORTED_MODULE_11__/* .readSteering */ ._$)(r.workspace), learnings: [] });
    try {
        // ---- plan ----------------------------------------------------------------------------
        const planned = await session.runRole('planner', [
            {
                role: 'user',
                content: (0,_prompts_js__WEBPACK_IMPORTED_MODULE_8__/* .renderPrompt */ .nQ)('automation-task', { repository: r.repository, name: a.name, file: a.file, prompt: (0,_policy_sanitize_js__WEBPACK_IMPORTED_MODULE_7__/* .sanitizeUntrusted */ ._2)(a.prompt), layout: await (0,_context_js__WEBPACK_IMPORTED_MODULE_11__/* .repositoryLayout */ .bI)(r.workspace) }),
            },
        ]);
        session.costOutputs();
        if (planned.exitReason !== 'submitted') {
            const why = `automation ${a.name} stopped while planning: ${planned.error ?? planned.limit ?? planned.exitReason}`;
            await summary('failed', why);
            (0,_outcome_js__WEBPACK_IMPORTED_MODULE_12__/* .reportOutputs */ .rY)({ status: 'failed' });
            return { failed: why };
        }
        const sub = planned.result;
        const spec = { ...sub, questions: [], plan: sub.plan.map((p) => ({ ...p, done: false })) };
        if (!spec.needsCode) {
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Kiro: automation ${a.name}: nothing to change — ${spec.summary}`);
            await summary('completed', `Nothing to change: ${spec.summary}`);
            (0,_outcome_js__WEBPACK_IMPORTED_MODULE_12__/* .reportOutputs */ .rY)({ status: 'completed' });
            return {};
        }
        // ---- branch: the automation's open pull request, else a new one ---------------------
        const repoCtx = session.repoCtx;
        const defaultBranch = await svc.github.getDefaultBranch(svc.repo);
        const open = (await svc.github.listOpenPulls(svc.repo, branchPattern(a.name)))[0];
        const branch = open?.headRef ?? `${_constants_js__WEBPACK_IMPORTED_MODULE_4__/* .AutomationBranchPrefix */ .Gl}${a.name}-${r.runId}`;
        (0,_outcome_js__WEBPACK_IMPORTED_MODULE_12__/* .reportOutputs */ .rY)({ branch: branch });
        const { baseSha } = await (0,_git_repo_js__WEBPACK_IMPORTED_MODULE_5__/* .checkoutTaskBranch */ .c5)(repoCtx, branch, defaultBranch);
        const before = await (0,_git_repo_js__WEBPACK_IMPORTED_MODULE_5__/* .headSha */ .xF)(repoCtx);
        // whoever dispatched it by hand is credited; a schedule has no one
        const owner = cmd.trigger === 'workflow_dispatch' && cmd.actor.login ? cmd.actor : undefined;
        const committer = (0,_committer_js__WEBPACK_IMPORTED_MODULE_14__/* .createCommitter */ .T)(repoCtx, s.bot, owner, { secrets: () => svc.secretValues(), redact: svc.redact });
        // ---- code and verify -----------------------------------------------------------------
        const completeStep = (0,_agent_tools_schema_js__WEBPACK_IMPORTED_MODULE_19__/* .defineTool */ .u)('complete_step', 'Mark a plan step done; the action commits the changes made for it.', _phases_common_js__WEBPACK_IMPORTED_MODULE_15__/* .StepInput */ .JU, async (input) => {
            const step = spec.plan.find((p) => p.id === input.step_id);
            if (!step)
                return { content: `There is no plan step ${input.step_id}; steps are ${spec.plan.map((p) => p.id).join(', ')}.`, isError: true };
            step.done = true;
            const sha = await committer.commit(`${step.title}\n\n${input.summary}`);
            return { content: sha ? `Step ${step.id} recorded in commit ${sha.slice(0, 12)}.` : `Step ${step.id} recorded (no file changes).` };
        });
        const cv = await (0,_code_verify_js__WEBPACK_IMPORTED_MODULE_13__/* .codeAndVerify */ .E1)({
            svc,
            session,
            sandbox,
            status,
            committer,
            coderMessages: [
                {
                    role: 'user',
                    content: (0,_prompts_js__WEBPACK_IMPORTED_MODULE_8__/* .renderPrompt */ .nQ)('coder-task', {
                        repository: r.repository,
                        branch,
                        spec: `${spec.title}\n\n${spec.summary}\n\n${(0,_phases_common_js__WEBPACK_IMPORTED_MODULE_15__/* .specMarkdown */ .d1)(spec)}`,
                        plan: spec.plan.map((p) => `${p.id}. [ ] ${p.title} — ${p.detail}`).join('\n'),
                        feedback: open ? `This automation's open pull request ${open.htmlUrl} is on this branch from an earlier run: build on it.` : '',
                    }),
                },
            ],
            coderTools: [completeStep],
            criteria: () => spec.acceptanceCriteria,
            diffBase: before,
            finishCommitMessage: spec.title,
            codingPhase: 'Carrying out the automation…',
        });
        session.costOutputs();
        if (cv.kind !== 'done') {
            const why = `automation ${a.name} stopped while ${cv.kind === 'coder_stopped' ? 'coding' : 'verifying'}: ${cv.result.error ?? cv.result.limit ?? cv.result.exitReason}; nothing was pushed`;
            await summary('failed', why, { spec });
            (0,_outcome_js__WEBPACK_IMPORTED_MODULE_12__/* .reportOutputs */ .rY)({ status: 'needs_attention' });
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(svc.redact(`Kiro: ${why}.`));
            return {};
        }
        const fresh = await (0,_git_repo_js__WEBPACK_IMPORTED_MODULE_5__/* .changedFilesSince */ .OM)(repoCtx, before);
        if (!fresh.length) {
            await summary('completed', `No change was needed: ${cv.finish.summary}`, { spec, checks: cv.checks });
            (0,_outcome_js__WEBPACK_IMPORTED_MODULE_12__/* .reportOutputs */ .rY)({ status: 'completed' });
            return {};
        }
        if (!cv.passed) {
            await summary('completed', `Verification did not pass, so no pull request was opened or updated: ${(0,_code_verify_js__WEBPACK_IMPORTED_MODULE_13__/* .failureNotesOf */ .rA)(cv) ?? 'see the checks below'}`, { spec, checks: cv.checks });
            (0,_outcome_js__WEBPACK_IMPORTED_MODULE_12__/* .reportOutputs */ .rY)({ status: 'needs_attention' });
            return {};
        }
        // ---- deliver: one open pull request per automation -----------------------------------
        const pushed = await (0,_git_push_js__WEBPACK_IMPORTED_MODULE_6__/* .pushBranch */ .T)(repoCtx, branch, s.bot);
        const head = pushed.sideBranch ?? branch;
        const body = (0,_report_pr_body_js__WEBPACK_IMPORTED_MODULE_9__/* .renderPrBody */ .B)({
            taskId,
            summary: `${cv.finish.summary}\n\n_Scheduled work: automation \`${a.name}\` (\`${a.file}\`), [run ${r.runId}](${r.runUrl})._`,
            approach: cv.finish.approach,
            tradeoffs: cv.finish.tradeoffs,
            requirements: spec.requirements,
            changedFiles: await (0,_git_repo_js__WEBPACK_IMPORTED_MODULE_5__/* .changedFilesSince */ .OM)(repoCtx, baseSha),
            checks: cv.checks,
            criteria: (0,_code_verify_js__WEBPACK_IMPORTED_MODULE_13__/* .criteriaWithVerdict */ .jH)(spec.acceptanceCriteria, cv.verdict),
            verificationPassed: true,
            secretFindings: cv.secretFindings,
            blockedRequests: sandbox.blocked(),
            ...(sandbox.limitation ? { networkLimitation: sandbox.limitation } : {}),
            sources: session.sources(),
            costUsd: session.spend.costUsd,
            durationMs: svc.now() - started,
            runUrl: r.runUrl,
        });
        const title = a.title ? `${a.title}: ${spec.title}` : spec.title;
        let pr;
        if (open && !pushed.sideBranch) {
            await svc.github.updatePull(svc.repo, open.number, { title, body });
            pr = open;
        }
        else {
            pr = await svc.github.createPull(svc.repo, { title, body, head, base: defaultBranch, draft: false });
        }
        (0,_outcome_js__WEBPACK_IMPORTED_MODULE_12__/* .reportOutputs */ .rY)({ pullRequestUrl: pr.htmlUrl });
        (0,_outcome_js__WEBPACK_IMPORTED_MODULE_12__/* .reportOutputs */ .rY)({ status: 'completed' });
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Kiro: automation ${a.name} ${open ? 'updated' : 'opened'} ${pr.htmlUrl}.`);
        await summary('completed', `${open ? 'Updated' : 'Opened'} the automation's pull request.`, { pullRequestUrl: pr.htmlUrl, spec, checks: cv.checks });
        return {};
    }
    finally {
        await sandbox.close();
    }
}


/***/ })

};
