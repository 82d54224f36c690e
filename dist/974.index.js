export const id = 974;
export const ids = [974];
export const modules = {

/***/ 82593:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MaxLearningChars: () => (/* binding */ MaxLearningChars),
/* harmony export */   cleanLearningText: () => (/* binding */ cleanLearningText),
/* harmony export */   learnFromFeedback: () => (/* binding */ learnFromFeedback),
/* harmony export */   provenanceFor: () => (/* binding */ provenanceFor)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33838);
/* harmony import */ var _policy_sanitize_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(31039);
/* harmony import */ var _prompts_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(66224);
/* harmony import */ var _state_learnings_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3466);
/* harmony import */ var _state_paths_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(65013);
/**
 * Learning from the task owner's feedback (SPEC.md J4). A learner sub-agent reads only the owner's
 * own review text — never other reviewers' — and returns durable, general preferences; each is
 * stored with provenance (the comment's URL, the repository, the date) as a markdown file on the
 * state branch (`learnings/<owner>/<id>.md`, see src/state/learnings.ts), deduplicated and merged
 * with the owner's existing learnings. Every later task of that owner, in any repository sharing
 * the state store, gets them in the planner's and coder's prompts.
 *
 * A learning the learner says refines an existing one (same `id`) replaces that learning's text
 * and gains the new provenance; anything else goes through the store's similarity merge.
 */





/** Longest learning text kept, characters (a learning is one imperative sentence). */
const MaxLearningChars = 400;
/** One learning text as stored: one line, hidden content removed, bounded. */
function cleanLearningText(text) {
    const one = (0,_policy_sanitize_js__WEBPACK_IMPORTED_MODULE_1__/* .sanitizeUntrusted */ ._2)(text).replace(/\s+/g, ' ').trim();
    return one.length > MaxLearningChars ? `${one.slice(0, MaxLearningChars - 1)}…` : one;
}
/**
 * The provenance of a learning the learner attributes to `sourceUrl`: the owner feedback item with
 * that URL (exact, or one URL containing the other), or the only item when there is just one;
 * undefined when the URL names nothing the owner wrote (the learning is then dropped).
 */
function provenanceFor(sourceUrl, feedback, repository) {
    const url = sourceUrl.trim();
    const hit = feedback.find((f) => f.url === url) ??
        (url ? feedback.find((f) => f.url.includes(url) || url.includes(f.url)) : undefined) ??
        (feedback.length === 1 ? feedback[0] : undefined);
    return hit ? { url: hit.url, repository, date: hit.createdAt } : undefined;
}
/**
 * Runs the learner on the owner's feedback and stores what it returns. Never throws for the
 * learner's own failures (a round's fixes matter more than its lessons): they are logged and
 * nothing is learned. State-store faults propagate.
 */
async function learnFromFeedback(o) {
    const feedback = o.feedback.filter((f) => f.text.trim());
    if (!feedback.length)
        return [];
    const system = [
        {
            type: 'text',
            text: (0,_prompts_js__WEBPACK_IMPORTED_MODULE_2__/* .renderPrompt */ .nQ)('learner', {
                owner: o.owner,
                learnings: o.existing.length ? o.existing.map((l) => `- [${l.id}] ${l.text}`).join('\n') : '(none)',
            }),
        },
    ];
    const task = (0,_prompts_js__WEBPACK_IMPORTED_MODULE_2__/* .renderPrompt */ .nQ)('learner-task', {
        owner: o.owner,
        pull_url: o.pullUrl,
        repository: o.repository,
        feedback: feedback.map((f) => (0,_policy_sanitize_js__WEBPACK_IMPORTED_MODULE_1__/* .fenceUntrusted */ .C0)(`feedback by @${o.owner} (${f.where})`, (0,_policy_sanitize_js__WEBPACK_IMPORTED_MODULE_1__/* .sanitizeUntrusted */ ._2)(f.text).trim(), { url: f.url, date: f.createdAt })).join('\n\n'),
    });
    const r = await o.session.runRole('learner', [{ role: 'user', content: task }], [], undefined, system);
    if (r.exitReason !== 'submitted') {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`Kiro: the learner ended with ${r.exitReason}${r.error ? ` (${r.error})` : ''}; nothing learned this round.`);
        return [];
    }
    const sub = r.result;
    const known = new Map(o.existing.map((l) => [l.id, l]));
    const refinements = [];
    const inputs = [];
    for (const l of sub.learnings) {
        const text = cleanLearningText(l.text);
        const provenance = provenanceFor(l.sourceUrl, feedback, o.repository);
        if (!text || !provenance) {
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Kiro: dropped a learning without text or an owner comment as its source (${l.sourceUrl}).`);
            continue;
        }
        if (l.id && known.has(l.id))
            refinements.push({ id: l.id, text, provenance });
        else
            inputs.push({ text, provenance });
    }
    const learned = [];
    if (refinements.length)
        learned.push(...(await refineLearnings(o.store, o.owner, refinements)));
    for (const u of await o.store.upsertLearnings(o.owner, inputs)) {
        if (u.action !== 'unchanged')
            learned.push({ id: u.id, text: u.learning.text, action: u.action });
    }
    return learned;
}
/**
 * Replaces the text of existing learnings (the learner refined them) and adds the provenance, in
 * one state-store update. A learning deleted by a person in the meantime stays deleted.
 */
async function refineLearnings(store, owner, refinements) {
    const nowIso = new Date().toISOString();
    const r = await store.update(`learnings ${owner}: refine ${refinements.map((x) => x.id).join(', ')}`, async (tx) => {
        const current = new Map((await (0,_state_learnings_js__WEBPACK_IMPORTED_MODULE_3__/* .readLearnings */ .Ux)(tx, owner)).map((l) => [l.id, l]));
        const out = [];
        for (const ref of refinements) {
            const l = current.get(ref.id);
            if (!l)
                continue;
            const provenance = l.provenance.some((p) => p.url === ref.provenance.url) ? l.provenance : [...l.provenance, ref.provenance];
            if (l.text === ref.text && provenance === l.provenance)
                continue;
            const next = { ...l, text: ref.text, provenance, updatedAt: nowIso };
            tx.write(_state_paths_js__WEBPACK_IMPORTED_MODULE_4__/* .StatePaths */ .cc.learning(owner, l.id), (0,_state_learnings_js__WEBPACK_IMPORTED_MODULE_3__/* .renderLearningFile */ .H5)(next));
            out.push({ id: l.id, text: ref.text, action: 'refined' });
        }
        return out;
    });
    return r.value;
}


/***/ })

};
