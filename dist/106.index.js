export const id = 106;
export const ids = [106,725];
export const modules = {

/***/ 85725:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   handleCancel: () => (/* binding */ handleCancel),
/* harmony export */   handleContinue: () => (/* binding */ handleContinue),
/* harmony export */   handleDispatch: () => (/* binding */ handleDispatch),
/* harmony export */   handleReply: () => (/* binding */ handleReply),
/* harmony export */   isApproval: () => (/* binding */ isApproval)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33838);
/* harmony import */ var _policy_sanitize_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(31039);
/* harmony import */ var _outcome_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(31040);
/* harmony import */ var _lifecycle_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(49492);
/* harmony import */ var _store_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(95227);
/* harmony import */ var _task_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(39954);
/**
 * Control of existing tasks (SPEC.md J1.3, J2, J6, J7): answers to questions and steering
 * comments, `/kiro continue`, `/kiro cancel` (or removing the trigger label), and continuation
 * runs dispatched with a task id. Every wait is a finished job; these handlers are the resumes.
 */







const ACTIVE = new Set(['queued', 'in_progress', 'needs_attention']);
function skip(reason) {
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Kiro: nothing to do — ${reason}.`);
    (0,_outcome_js__WEBPACK_IMPORTED_MODULE_2__/* .reportOutputs */ .rY)({ status: 'skipped' });
    return {};
}
function asData(login, text) {
    return (0,_policy_sanitize_js__WEBPACK_IMPORTED_MODULE_1__/* .fenceUntrusted */ .C0)(`comment by @${login} (the task owner)`, (0,_policy_sanitize_js__WEBPACK_IMPORTED_MODULE_1__/* .sanitizeUntrusted */ ._2)(text));
}
/**
 * A comment without a command on a task's issue. Only the task owner's comments count: an
 * answer to pending questions resumes the task from its saved spec; on a running task it steers
 * the running job (read at its next step boundary); on a finished task it is new feedback.
 */
async function handleReply(svc, cmd) {
    const store = await svc.ports.openStore(svc);
    const task = await store.findTaskByIssue(svc.settings.runner.repository, cmd.issue.number);
    if (!task)
        return skip(`issue #${cmd.issue.number} has no Kiro task`);
    if (task.owner.login !== cmd.actor.login)
        return skip(`only the task owner @${task.owner.login} steers task ${task.id}`);
    if (task.state === 'cancelled')
        return skip(`task ${task.id} was cancelled`);
    if (task.pendingQuestion) {
        await svc.github.addReaction(svc.repo, { kind: 'issue_comment', commentId: cmd.commentId }, 'eyes');
        return resume(svc, store, task, { answers: asData(cmd.actor.login, cmd.text) }, cmd.triggeredAt, cmd.commentId);
    }
    if (task.state === 'queued' || (await (0,_store_js__WEBPACK_IMPORTED_MODULE_4__.runningElsewhere)(svc, store, task))) {
        // the running job reads it at its next step boundary; a queued task reads it when it starts
        await svc.github.addReaction(svc.repo, { kind: 'issue_comment', commentId: cmd.commentId }, 'eyes');
        return skip(`task ${task.id} is ${task.state}; the comment is read at its next step`);
    }
    if (task.state === 'needs_attention' && task.pause) {
        // a pause is resumed by `/kiro continue` or an approval in words (SPEC.md §2); any other reply
        // from the owner resumes without approving, as an instruction (e.g. "use the clean script instead")
        await svc.github.addReaction(svc.repo, { kind: 'issue_comment', commentId: cmd.commentId }, 'eyes');
        const pause = task.pause;
        const approval = isApproval(cmd.text) ? { ...(pause.command ? { approvedCommand: pause.command } : {}), ...(pause.path ? { approvedPath: pause.path } : {}) } : {};
        return resume(svc, store, task, { ...approval, feedback: asData(cmd.actor.login, cmd.text) }, cmd.triggeredAt, cmd.commentId);
    }
    await svc.github.addReaction(svc.repo, { kind: 'issue_comment', commentId: cmd.commentId }, 'eyes');
    return resume(svc, store, task, { feedback: asData(cmd.actor.login, cmd.text) }, cmd.triggeredAt, cmd.commentId);
}
/**
 * An approval in words: the reply starts with a plain yes (`yes`, `approved`, `go ahead`, `ok`,
 * `lgtm`, `continue`, `proceed`, `do it`, 👍). Anything else is an instruction, not an approval.
 */
function isApproval(text) {
    return /^\s*(?:(?:yes|yep|yeah|approved?|go ahead|go on|ok(?:ay)?|lgtm|continue|proceed|do it|sure)(?!\p{L})|👍|✅)/iu.test(text) && !/^\s*(?:yes|ok(?:ay)?),?\s+but\b/i.test(text);
}
/** `/kiro continue`: approves a paused task (or answers its questions) and resumes it. */
async function handleContinue(svc, cmd) {
    const store = await svc.ports.openStore(svc);
    const task = await store.findTaskByIssue(svc.settings.runner.repository, cmd.issue.number);
    if (!task || task.state === 'cancelled')
        return skip(`issue #${cmd.issue.number} has no task to continue`);
    if (cmd.reactionTarget)
        await svc.github.addReaction(svc.repo, cmd.reactionTarget, 'eyes');
    if (task.pendingQuestion && cmd.text)
        return resume(svc, store, task, { answers: asData(cmd.actor.login, cmd.text) }, undefined, cmd.commentId);
    if (await (0,_store_js__WEBPACK_IMPORTED_MODULE_4__.runningElsewhere)(svc, store, task))
        return skip(`task ${task.id} is already running`);
    const pause = task.pause;
    return resume(svc, store, task, { ...(pause?.command ? { approvedCommand: pause.command } : {}), ...(pause?.path ? { approvedPath: pause.path } : {}), ...(cmd.text ? { feedback: asData(cmd.actor.login, cmd.text) } : {}) }, undefined, cmd.commentId);
}
async function resume(svc, store, task, input, triggeredAt, commentId) {
    const issue = await (0,_task_js__WEBPACK_IMPORTED_MODULE_5__.loadIssue)(svc, task);
    const status = await (0,_task_js__WEBPACK_IMPORTED_MODULE_5__.openTaskStatus)(svc, task, issue);
    if (commentId)
        await store.updateTask(task.id, (t) => ({ ...t, lastSeenCommentId: Math.max(t.lastSeenCommentId ?? 0, commentId) }), `${task.id}: read comment ${commentId}`);
    const fresh = (await store.getTask(task.id)) ?? task;
    return (0,_task_js__WEBPACK_IMPORTED_MODULE_5__.driveTask)(svc, store, fresh, status, issue, { ...(triggeredAt ? { triggeredAt } : {}), resume: input });
}
/**
 * `/kiro cancel` or removing the trigger label: cancels the task's running workflow runs (REST
 * cancel), marks it Cancelled and frees its slot. A cancelled task is never resumed.
 */
async function handleCancel(svc, cmd) {
    const store = await svc.ports.openStore(svc);
    const task = await store.findTaskByIssue(svc.settings.runner.repository, cmd.issue.number);
    if (!task || !ACTIVE.has(task.state))
        return skip(`issue #${cmd.issue.number} has no active task to cancel`);
    if (cmd.reactionTarget)
        await svc.github.addReaction(svc.repo, cmd.reactionTarget, 'eyes');
    const running = task.runs.filter((r) => !r.endedAt && r.runId !== svc.settings.runner.runId);
    for (const r of running)
        await svc.github.cancelWorkflowRun(svc.repo, r.runId);
    const now = new Date(svc.now()).toISOString();
    await store.updateTask(task.id, (t) => ({ ...t, state: 'cancelled', pendingQuestion: undefined, pause: undefined, runs: t.runs.map((r) => (r.endedAt ? r : { ...r, endedAt: now, exitReason: 'cancelled' })) }), `${task.id}: cancelled by ${cmd.actor.login}`);
    const issue = await (0,_task_js__WEBPACK_IMPORTED_MODULE_5__.loadIssue)(svc, task);
    const status = await (0,_task_js__WEBPACK_IMPORTED_MODULE_5__.openTaskStatus)(svc, { ...task, state: 'cancelled' }, issue);
    const by = cmd.via === 'unlabel' ? `removed the \`${svc.settings.triggerLabel}\` label` : `commented \`${svc.settings.triggerCommand} cancel\``;
    await Promise.all([
        status.update({ state: 'cancelled', phase: `Cancelled: @${cmd.actor.login} ${by}.${running.length ? ` Stopped ${running.length} running workflow run(s).` : ''}${task.branch ? ` Work so far stays on \`${task.branch}\`.` : ''}` }),
        (0,_lifecycle_js__WEBPACK_IMPORTED_MODULE_3__/* .setLifecycleLabel */ .Zw)(svc, issue.number, 'cancelled', issue.labels),
    ]);
    await (0,_store_js__WEBPACK_IMPORTED_MODULE_4__.startHandedTasks)(svc, await store.releaseSlot(task.id, svc.settings.maxConcurrentTasks));
    (0,_outcome_js__WEBPACK_IMPORTED_MODULE_2__/* .reportOutputs */ .rY)({ taskId: task.id });
    (0,_outcome_js__WEBPACK_IMPORTED_MODULE_2__/* .reportOutputs */ .rY)({ status: 'cancelled' });
    return {};
}
/**
 * A continuation run (`workflow_dispatch` with `task-id`): a queued task that was handed a slot,
 * or a task that checkpointed at its time budget. Cancelled and finished tasks are not resumed.
 * Without a task id it is a batch across repositories (J5, `repositories` + `task`: batch.ts).
 */
async function handleDispatch(svc, cmd) {
    if (!cmd.taskId)
        return (await __webpack_require__.e(/* import() */ 164).then(__webpack_require__.bind(__webpack_require__, 18164))).handleBatch(svc, cmd);
    const store = await svc.ports.openStore(svc);
    const task = await store.getTask(cmd.taskId);
    if (!task) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .error */ .z3(`Kiro: no task '${cmd.taskId}' in the state store ${svc.settings.stateRepository}@${svc.settings.stateBranch}.`);
        return { failed: `unknown task ${cmd.taskId}`, annotated: true };
    }
    if (!ACTIVE.has(task.state) || task.issue === undefined) {
        // a run dispatched for a task that ended meanwhile (e.g. cancelled while its slot was reserved,
        // or a lapsed reservation handed again): the slot it was given goes on to the next queued task
        if ((await store.listLeases()).some((l) => l.taskId === task.id))
            await (0,_store_js__WEBPACK_IMPORTED_MODULE_4__.startHandedTasks)(svc, await store.releaseSlot(task.id, svc.settings.maxConcurrentTasks));
        return skip(`task ${task.id} is ${task.state}`);
    }
    // a second dispatch of the same task (a hub re-run, a lapsed reservation handed again) while its
    // first run works: one run per task
    if (await (0,_store_js__WEBPACK_IMPORTED_MODULE_4__.runningElsewhere)(svc, store, task))
        return skip(`task ${task.id} is already running in another workflow run`);
    // a batch child may live in another repository than the workflow's; its batch's summary follows it
    if (task.batchId)
        return (await __webpack_require__.e(/* import() */ 164).then(__webpack_require__.bind(__webpack_require__, 18164))).resumeBatchChild(svc, store, task);
    const issue = await (0,_task_js__WEBPACK_IMPORTED_MODULE_5__.loadIssue)(svc, task);
    const status = await (0,_task_js__WEBPACK_IMPORTED_MODULE_5__.openTaskStatus)(svc, task, issue);
    return (0,_task_js__WEBPACK_IMPORTED_MODULE_5__.driveTask)(svc, store, task, status, issue, {});
}


/***/ })

};
