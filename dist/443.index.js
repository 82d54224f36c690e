export const id = 443;
export const ids = [443];
export const modules = {

/***/ 78824:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  parseAutomation: () => (/* binding */ parseAutomation),
  readAutomations: () => (/* binding */ readAutomations),
  runAutomations: () => (/* binding */ runAutomations),
  selectAutomations: () => (/* binding */ selectAutomations)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(33838);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(38815);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 4 modules
var schemas = __webpack_require__(41514);
// EXTERNAL MODULE: ./src/constants.ts
var constants = __webpack_require__(27242);
// EXTERNAL MODULE: ./src/agent/tools/schema.ts
var schema = __webpack_require__(37398);
// EXTERNAL MODULE: ./src/policy/sanitize.ts
var sanitize = __webpack_require__(31039);
// EXTERNAL MODULE: ./src/prompts.ts
var prompts = __webpack_require__(66224);
// EXTERNAL MODULE: ./src/report/pr-body.ts
var pr_body = __webpack_require__(68843);
// EXTERNAL MODULE: ./src/report/summary.ts
var report_summary = __webpack_require__(57994);
// EXTERNAL MODULE: ./src/orchestrator/code-verify.ts
var code_verify = __webpack_require__(32077);
// EXTERNAL MODULE: ./src/orchestrator/committer.ts
var orchestrator_committer = __webpack_require__(98876);
// EXTERNAL MODULE: ./src/orchestrator/context.ts
var context = __webpack_require__(72971);
// EXTERNAL MODULE: ./src/orchestrator/outcome.ts
var outcome = __webpack_require__(31040);
// EXTERNAL MODULE: ./src/orchestrator/phases/common.ts
var common = __webpack_require__(81168);
// EXTERNAL MODULE: ./src/orchestrator/session.ts
var orchestrator_session = __webpack_require__(80220);
;// CONCATENATED MODULE: ./src/orchestrator/automation-run.ts
/**
 * One automation's run (automation.ts): the same phases as a task over the automation's own
 * branch — plan (nothing to change ends it) → branch (its open pull request's, else a new one) →
 * code ⇄ verify → deliver (one open pull request per automation, only for a verified, non-empty
 * change). Progress goes to the job log and the job summary.
 */













/** Progress of an automation: the job log (no issue to comment on); same shape as the status comment's updates. */
function logStatus(view) {
    let last = '';
    return {
        update: async (patch) => {
            Object.assign(view, patch);
            if (view.phase !== last)
                core/* info */.pq(`Kiro automation ${view.taskId}: ${view.phase}`);
            last = view.phase;
        },
    };
}
/** Runs one automation to its end (see the module doc). */
async function runAutomation(svc, a, cmd) {
    const r = svc.settings.runner;
    const taskId = `automation-${a.name}-${r.runId}`;
    (0,outcome/* reportOutputs */.rY)({ taskId });
    const started = svc.now();
    const status = logStatus({ taskId, state: 'in_progress', title: a.title ?? a.name, runUrl: r.runUrl, startedAt: started, now: started, phase: `Running automation ${a.name}…` });
    await status.update({ phase: `Running automation ${a.name} (${a.file})…` });
    const sandbox = await svc.ports.openSandbox(svc);
    const session = (0,orchestrator_session/* openAgentSession */.U)(svc, { taskId, sandbox, steering: (0,context/* readSteering */._$)(r.workspace), learnings: [] });
    const summary = (state, note, extra = {}) => (0,report_summary/* writeJobSummary */.j)(svc, {
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
    const run = { svc, a, cmd, taskId, started, status, sandbox, session, summary };
    try {
        const spec = await planAutomation(run);
        if ('end' in spec)
            return spec.end;
        const b = await branchAutomation(run);
        const cv = await codeAutomation(run, spec.next, b);
        if ('end' in cv)
            return cv.end;
        return await deliverAutomation(run, spec.next, b, cv.next);
    }
    finally {
        await sandbox.close();
    }
}
/** The planner on the automation's prompt; a spec that needs no code ends the run. */
async function planAutomation(run) {
    const { svc, a, session } = run;
    const r = svc.settings.runner;
    const content = (0,prompts/* renderPrompt */.nQ)('automation-task', { repository: r.repository, name: a.name, file: a.file, prompt: (0,sanitize/* sanitizeUntrusted */._2)(a.prompt), layout: await (0,context/* repositoryLayout */.bI)(r.workspace) });
    const planned = await session.runRole('planner', [{ role: 'user', content }]);
    session.costOutputs();
    if (planned.exitReason !== 'submitted') {
        const why = `automation ${a.name} stopped while planning: ${planned.error ?? planned.limit ?? planned.exitReason}`;
        await run.summary('failed', why);
        (0,outcome/* reportOutputs */.rY)({ status: 'failed' });
        return { end: { failed: why } };
    }
    const sub = planned.result;
    const spec = { ...sub, questions: [], plan: sub.plan.map((p) => ({ ...p, done: false })) };
    if (spec.needsCode)
        return { next: spec };
    core/* info */.pq(`Kiro: automation ${a.name}: nothing to change — ${spec.summary}`);
    await run.summary('completed', `Nothing to change: ${spec.summary}`);
    (0,outcome/* reportOutputs */.rY)({ status: 'completed' });
    return { end: {} };
}
/** The automation's open pull request's branch, else a new `kiro/automation-<name>-<run>`. */
async function branchAutomation(run) {
    const { svc, a, cmd, session } = run;
    const s = svc.settings;
    const defaultBranch = await svc.github.getDefaultBranch(svc.repo);
    const open = (await svc.github.listOpenPulls(svc.repo, automationBranchPattern(a.name)))[0];
    const branch = open?.headRef ?? `${constants/* AutomationBranchPrefix */.Gl}${a.name}-${s.runner.runId}`;
    (0,outcome/* reportOutputs */.rY)({ branch });
    const { baseSha } = await session.git.checkoutTaskBranch(branch, defaultBranch);
    const before = await session.git.head();
    // whoever dispatched it by hand is credited; a schedule has no one
    const owner = cmd.trigger === 'workflow_dispatch' && cmd.actor.login ? cmd.actor : undefined;
    const committer = (0,orchestrator_committer/* createCommitter */.T)(session.git, s.bot, owner, { secrets: () => svc.secretValues(), redact: svc.redact });
    return { branch, defaultBranch, baseSha, before, open, committer };
}
/** The branch pattern of an automation's pull requests. */
function automationBranchPattern(name) {
    return new RegExp(`^${constants/* AutomationBranchPrefix */.Gl.replace(/[/.-]/g, '\\$&')}${name.replace(/[.-]/g, '\\$&')}-\\d+$`);
}
/** Code ⇄ verify; a stop, an empty change or a failed verification ends the run without a push. */
async function codeAutomation(run, spec, b) {
    const { svc, a, session } = run;
    const completeStep = (0,schema/* defineTool */.u)('complete_step', 'Mark a plan step done; the action commits the changes made for it.', common/* StepInput */.JU, async (input) => {
        const step = spec.plan.find((p) => p.id === input.step_id);
        if (!step)
            return { content: `There is no plan step ${input.step_id}; steps are ${spec.plan.map((p) => p.id).join(', ')}.`, isError: true };
        step.done = true;
        const sha = await b.committer.commit(`${step.title}\n\n${input.summary}`);
        return { content: sha ? `Step ${step.id} recorded in commit ${sha.slice(0, 12)}.` : `Step ${step.id} recorded (no file changes).` };
    });
    const content = (0,prompts/* renderPrompt */.nQ)('coder-task', {
        repository: svc.settings.runner.repository,
        branch: b.branch,
        spec: `${spec.title}\n\n${spec.summary}\n\n${(0,common/* specMarkdown */.d1)(spec)}`,
        plan: spec.plan.map((p) => `${p.id}. [ ] ${p.title} — ${p.detail}`).join('\n'),
        feedback: b.open ? `This automation's open pull request ${b.open.htmlUrl} is on this branch from an earlier run: build on it.` : '',
    });
    const cv = await (0,code_verify/* codeAndVerify */.E1)({ svc, session, sandbox: run.sandbox, status: run.status, committer: b.committer, coderMessages: [{ role: 'user', content }], coderTools: [completeStep], criteria: () => spec.acceptanceCriteria, diffBase: b.before, finishCommitMessage: spec.title, codingPhase: 'Carrying out the automation…' });
    session.costOutputs();
    if (cv.kind !== 'done') {
        const why = `automation ${a.name} stopped while ${cv.kind === 'coder_stopped' ? 'coding' : 'verifying'}: ${cv.result.error ?? cv.result.limit ?? cv.result.exitReason}; nothing was pushed`;
        await run.summary('failed', why, { spec });
        (0,outcome/* reportOutputs */.rY)({ status: 'needs_attention' });
        core/* warning */.$e(svc.redact(`Kiro: ${why}.`));
        return { end: {} };
    }
    if (!(await session.git.changedFiles(b.before)).length) {
        await run.summary('completed', `No change was needed: ${cv.finish.summary}`, { spec, checks: cv.checks });
        (0,outcome/* reportOutputs */.rY)({ status: 'completed' });
        return { end: {} };
    }
    if (!cv.passed) {
        await run.summary('completed', `Verification did not pass, so no pull request was opened or updated: ${(0,code_verify/* failureNotesOf */.rA)(cv) ?? 'see the checks below'}`, { spec, checks: cv.checks });
        (0,outcome/* reportOutputs */.rY)({ status: 'needs_attention' });
        return { end: {} };
    }
    return { next: cv };
}
/** Pushes and opens — or updates — the automation's one pull request. */
async function deliverAutomation(run, spec, b, cv) {
    const { svc, a, session, sandbox } = run;
    const r = svc.settings.runner;
    const pushed = await session.git.push(b.branch, svc.settings.bot);
    const body = (0,pr_body/* renderPrBody */.B)({
        taskId: run.taskId,
        summary: `${cv.finish.summary}\n\n_Scheduled work: automation \`${a.name}\` (\`${a.file}\`), [run ${r.runId}](${r.runUrl})._`,
        approach: cv.finish.approach,
        tradeoffs: cv.finish.tradeoffs,
        requirements: spec.requirements,
        changedFiles: await session.git.changedFiles(b.baseSha),
        checks: cv.checks,
        criteria: (0,code_verify/* criteriaWithVerdict */.jH)(spec.acceptanceCriteria, cv.verdict),
        verificationPassed: true,
        secretFindings: cv.secretFindings,
        blockedRequests: sandbox.blocked(),
        ...(sandbox.limitation ? { networkLimitation: sandbox.limitation } : {}),
        sources: session.sources(),
        costUsd: session.spend.costUsd,
        durationMs: svc.now() - run.started,
        runUrl: r.runUrl,
    });
    const title = a.title ? `${a.title}: ${spec.title}` : spec.title;
    let pr;
    if (b.open && !pushed.sideBranch) {
        await svc.github.updatePull(svc.repo, b.open.number, { title, body });
        pr = b.open;
    }
    else {
        pr = await svc.github.createPull(svc.repo, { title, body, head: pushed.sideBranch ?? b.branch, base: b.defaultBranch, draft: false });
    }
    (0,outcome/* reportOutputs */.rY)({ pullRequestUrl: pr.htmlUrl, status: 'completed' });
    core/* info */.pq(`Kiro: automation ${a.name} ${b.open ? 'updated' : 'opened'} ${pr.htmlUrl}.`);
    await run.summary('completed', `${b.open ? 'Updated' : 'Opened'} the automation's pull request.`, { pullRequestUrl: pr.htmlUrl, spec, checks: cv.checks });
    return {};
}

;// CONCATENATED MODULE: ./src/orchestrator/automation.ts
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








const FrontMatter = schemas/* strictObject */.rej({
    title: schemas/* string */.YjP().min(1).max(200).optional(),
    schedule: schemas/* string */.YjP().min(1).optional(),
});
/**
 * Parses an automation file: optional YAML front matter between `---` lines (parsed by the `yaml`
 * library; only the delimiters are found by hand), then the prompt. Pure.
 * @returns the automation, or an error message naming the file and the problem
 */
function parseAutomation(name, text) {
    const file = `${constants/* RepoFiles */.op.AutomationsDir}/${name}.md`;
    const m = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
    let meta = {};
    if (m) {
        let raw;
        try {
            raw = (0,dist/* parse */.qg)(m[1]) ?? {};
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
    const dir = external_node_path_default().join(workspace, constants/* RepoFiles */.op.AutomationsDir);
    let names;
    try {
        names = (0,external_node_fs_.readdirSync)(dir)
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
        const a = parseAutomation(n, (0,external_node_fs_.readFileSync)(external_node_path_default().join(dir, `${n}.md`), 'utf8'));
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
/** Runs the selected automations of a `schedule` / `workflow_dispatch` event, one after another. */
async function runAutomations(svc, cmd) {
    const { automations, problems } = readAutomations(svc.settings.runner.workspace);
    const selected = selectAutomations(automations, cmd);
    const named = cmd.name ? problems.filter((p) => p.includes(`/${cmd.name}.md:`)) : problems;
    if (named.length) {
        for (const p of named)
            core/* error */.z3(p, { title: 'Kiro automation', file: p.split(':')[0] });
        (0,outcome/* reportOutputs */.rY)({ status: 'failed' });
        return { failed: named.join('\n'), annotated: true };
    }
    if (!selected.length) {
        const why = cmd.name ? `there is no ${constants/* RepoFiles */.op.AutomationsDir}/${cmd.name}.md` : `no automation in ${constants/* RepoFiles */.op.AutomationsDir} runs on the schedule '${cmd.schedule ?? ''}'`;
        if (cmd.name) {
            core/* error */.z3(`Kiro: ${why}.`, { title: 'Kiro automation' });
            (0,outcome/* reportOutputs */.rY)({ status: 'failed' });
            return { failed: why, annotated: true };
        }
        core/* info */.pq(`Kiro: nothing to do — ${why}.`);
        (0,outcome/* reportOutputs */.rY)({ status: 'skipped' });
        return {};
    }
    let failed;
    for (const a of selected) {
        const out = await runAutomation(svc, a, cmd);
        failed ??= out.failed;
    }
    return failed ? { failed } : {};
}


/***/ })

};
