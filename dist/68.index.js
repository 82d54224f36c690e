export const id = 68;
export const ids = [68,974];
export const modules = {

/***/ 11068:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  FeedbackState: () => (/* reexport */ FeedbackState),
  MaxAutoRounds: () => (/* reexport */ MaxAutoRounds),
  feedbackStateOf: () => (/* reexport */ feedbackStateOf),
  handleChecksFailed: () => (/* binding */ handleChecksFailed),
  handleFeedback: () => (/* binding */ handleFeedback),
  parsePrBody: () => (/* reexport */ parsePrBody),
  routeDispatch: () => (/* binding */ routeDispatch),
  settleOutcomes: () => (/* reexport */ settleOutcomes),
  shareLearningsWithBatch: () => (/* reexport */ shareLearningsWithBatch)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(33838);
// EXTERNAL MODULE: ./src/orchestrator/context.ts
var context = __webpack_require__(72971);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 4 modules
var schemas = __webpack_require__(41514);
// EXTERNAL MODULE: ./src/constants.ts
var constants = __webpack_require__(27242);
// EXTERNAL MODULE: ./src/policy/sanitize.ts
var sanitize = __webpack_require__(31039);
;// CONCATENATED MODULE: ./src/orchestrator/feedback-context.ts
/**
 * What a feedback round works on (SPEC.md J3): the unresolved, current review threads of the pull
 * request (GraphQL `reviewThreads`, every page) with path, line, diff hunk and the whole
 * conversation; top-level review bodies; the failing check runs on the head commit with excerpts
 * of their logs; and the owner's own instructions. Also which of it is the task owner's own
 * feedback — the only text the learner reads (J4).
 *
 * Trust rules (SPEC.md §4): review text is data, sanitised and fenced; only comments by people
 * with write access (and the action's own earlier replies, recognised by their marker) are shown;
 * a thread with no such comment is left out. Resolved and outdated threads are left out. Check
 * output and logs are untrusted too (tests print whatever the code under test prints).
 *
 * GraphQL: https://docs.github.com/graphql/reference/objects#pullrequestreviewthread
 * Check runs: https://docs.github.com/rest/checks/runs#list-check-runs-for-a-git-reference
 * Job logs: https://docs.github.com/rest/actions/workflow-jobs#download-job-logs-for-a-workflow-run
 */




/**
 * One request for a feedback round, as stored on the task record while it waits (a queued round,
 * or feedback that arrived while a round was running). `scope`: `review` (the owner submitted a
 * review), `all` (`/kiro all`), `thread` (`/kiro fix` in one review thread), `checks` (failing CI
 * with `fix-failing-checks`), `learning` (a preference the owner taught on a sibling PR of the same
 * batch, `text` the learnings, `url` that PR: applied here, never learned from again).
 */
const FeedbackRequest = schemas/* looseObject */._H3({
    scope: schemas/* enum */.k5n(['review', 'all', 'thread', 'checks', 'learning']),
    pullNumber: schemas/* number */.aig().int().positive(),
    /** Login of the person who asked (the task owner; the check's sender for `checks`). */
    actor: schemas/* string */.YjP(),
    reviewId: schemas/* number */.aig().int().optional(),
    /** The `/kiro` comment (issue comment for `all`, review comment for `thread`). */
    commentId: schemas/* number */.aig().int().optional(),
    /** URL of the review or comment that asked. */
    url: schemas/* string */.YjP().optional(),
    /** Review body, or the text after `/kiro all` / `/kiro fix`. */
    text: schemas/* string */.YjP().default(''),
    triggeredAt: schemas/* string */.YjP(),
});
/** Conclusions of a check run that count as failing. */
const FAILING = new Set(['failure', 'timed_out', 'startup_failure']);
const same = (a, b) => a.toLowerCase() === b.toLowerCase();
/** The action's own replies carry the reply marker; bots' logins lose `[bot]` in GraphQL. */
function isOwnReply(c) {
    return c.body.includes(constants/* Markers */.c7.FeedbackReply) || c.body.includes(constants/* Markers */.c7.FeedbackSummary);
}
function after(iso, since) {
    if (!since)
        return true;
    const t = Date.parse(iso);
    return !Number.isFinite(t) || t > Date.parse(since);
}
/**
 * Collects the items of a feedback round. Review threads: for `thread` requests only the threads
 * holding the `/kiro fix` comments; for `review` and `all` every thread. Review bodies: for
 * `review` and `all`, the non-empty bodies submitted since the last round (and the triggering
 * review), except approvals'. Failing checks on `headSha`: always.
 */
async function gatherFeedback(svc, perms, o) {
    const broad = o.requests.some((r) => r.scope === 'review' || r.scope === 'all');
    const fixIds = new Set(o.requests.filter((r) => r.scope === 'thread' && r.commentId !== undefined).map((r) => r.commentId));
    const reviewIds = new Set(o.requests.filter((r) => r.reviewId !== undefined).map((r) => r.reviewId));
    const items = [];
    const ownerFeedback = [];
    const seenUrls = new Set();
    const addOwner = (f) => {
        if (!f.text.trim() || seenUrls.has(f.url))
            return;
        seenUrls.add(f.url);
        ownerFeedback.push(f);
    };
    // ---- review threads --------------------------------------------------------------------
    const [threads, reviews, checks] = await Promise.all([
        broad || fixIds.size ? svc.github.listReviewThreads(svc.repo, o.pullNumber) : Promise.resolve([]),
        broad ? svc.github.listReviews(svc.repo, o.pullNumber) : Promise.resolve([]),
        o.headSha ? svc.github.listCheckRuns(svc.repo, o.headSha) : Promise.resolve([]),
    ]);
    let n = 0;
    for (const t of threads) {
        if (t.isResolved || t.isOutdated)
            continue;
        if (!broad && !t.comments.some((c) => fixIds.has(c.databaseId)))
            continue;
        const shown = [];
        for (const c of t.comments) {
            if (isOwnReply(c))
                shown.push(c);
            else if (c.author && (await perms.canWrite(c.author)))
                shown.push(c);
        }
        if (!shown.some((c) => !isOwnReply(c)))
            continue;
        items.push({ kind: 'thread', id: `T${++n}`, thread: t, comments: shown });
        for (const c of shown) {
            if (same(c.author, o.owner) && !isOwnReply(c) && (after(c.createdAt, o.since) || fixIds.has(c.databaseId))) {
                addOwner({ url: c.url, text: c.body, createdAt: c.createdAt, where: `${t.path}${t.line ? `:${t.line}` : ''}` });
            }
        }
    }
    // ---- review bodies ---------------------------------------------------------------------
    n = 0;
    for (const r of reviews) {
        if (!r.body.trim() || r.state === 'PENDING' || r.user.type === 'Bot' || isOwnReply(r))
            continue;
        if (!reviewIds.has(r.id) && !after(r.submittedAt, o.since))
            continue;
        if (!(await perms.canWrite(r.user.login)))
            continue;
        if (same(r.user.login, o.owner))
            addOwner({ url: r.htmlUrl, text: r.body, createdAt: r.submittedAt, where: 'review' });
        // an approval's words are praise or a note, not a change request (its inline threads still count)
        if (r.state !== 'APPROVED')
            items.push({ kind: 'review', id: `R${++n}`, review: r });
    }
    // ---- the owner's instructions ----------------------------------------------------------
    n = 0;
    for (const r of o.requests) {
        if (r.scope !== 'all' || !r.text.trim())
            continue;
        items.push({ kind: 'instructions', id: `I${++n}`, text: r.text, author: r.actor, url: r.url ?? '' });
        if (same(r.actor, o.owner) && r.url)
            addOwner({ url: r.url, text: r.text, createdAt: r.triggeredAt, where: '/kiro all' });
    }
    // a learning from a sibling PR of the batch: an instruction to apply, not feedback to learn from
    for (const r of o.requests) {
        if (r.scope !== 'learning' || !r.text.trim())
            continue;
        const text = `@${r.actor} taught this preference in a review of another pull request of the same batch (${r.url ?? 'a sibling pull request'}). Apply it to this pull request where it applies; change nothing when it does not:\n\n${r.text}`;
        items.push({ kind: 'instructions', id: `I${++n}`, text, author: r.actor, url: r.url ?? '' });
    }
    // ---- failing checks --------------------------------------------------------------------
    n = 0;
    for (const c of checks) {
        if (c.status !== 'completed' || !FAILING.has(c.conclusion ?? ''))
            continue;
        let log = '';
        if (c.jobId !== undefined) {
            try {
                log = logExcerpt(await svc.github.getJobLog(svc.repo, c.jobId));
            }
            catch (e) {
                core/* warning */.$e(svc.redact(`Kiro: could not read the log of check '${c.name}': ${e.message}`));
            }
        }
        items.push({ kind: 'check', id: `C${++n}`, check: c, log });
    }
    return { items, ownerFeedback };
}
const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z ?/;
const INTERESTING = /error|fail|✗|✖|not ok|assert|exception|expected|panic|traceback/i;
/**
 * The useful part of a job log: lines that look like failures (with two lines of context) and the
 * last lines, runner timestamps and terminal escapes removed, at most `maxChars` characters.
 */
function logExcerpt(log, maxChars = 6000) {
    const lines = log
        .replace(/\r\n?/g, '\n')
        .split('\n')
        .map((l) => l.replace(TIMESTAMP, '').replace(/\x1b\[[0-?]*[ -/]*[@-~]/g, ''));
    const keep = new Set();
    lines.forEach((l, i) => {
        if (INTERESTING.test(l))
            for (let k = Math.max(0, i - 2); k <= Math.min(lines.length - 1, i + 2); k++)
                keep.add(k);
    });
    for (let i = Math.max(0, lines.length - 30); i < lines.length; i++)
        keep.add(i);
    const out = [];
    let prev = -1;
    for (const i of [...keep].sort((a, b) => a - b)) {
        if (prev >= 0 && i > prev + 1)
            out.push('…');
        out.push(lines[i]);
        prev = i;
    }
    let text = out.join('\n').trim();
    if (text.length > maxChars)
        text = `… (log excerpt truncated)\n${text.slice(text.length - maxChars)}`;
    return text;
}
function clip(s, n) {
    const one = s.replace(/\s+/g, ' ').trim();
    return one.length > n ? `${one.slice(0, n - 1)}…` : one;
}
/** `path:line` of a thread (the line is null for file-level comments). */
function threadLocation(t) {
    return t.line ? `${t.path}:${t.line}` : t.path;
}
/** One line naming an item, for criteria, logs and the summary comment. */
function itemTitle(i) {
    switch (i.kind) {
        case 'thread':
            return `review thread on ${threadLocation(i.thread)} (@${i.comments[0]?.author ?? '?'}: “${clip((0,sanitize/* sanitizeUntrusted */._2)(i.comments[0]?.body ?? ''), 80)}”)`;
        case 'review':
            return `review by @${i.review.user.login} (“${clip((0,sanitize/* sanitizeUntrusted */._2)(i.review.body), 80)}”)`;
        case 'check':
            return `failing check \`${i.check.name}\``;
        case 'instructions':
            return `instructions from @${i.author}`;
    }
}
/** Renders the items for the feedback coder, each as a heading plus fenced data. */
function renderItems(items, redact) {
    if (!items.length)
        return '(none)';
    return items
        .map((i) => {
        switch (i.kind) {
            case 'thread': {
                const t = i.thread;
                const hunk = t.comments[0]?.diffHunk ?? '';
                const convo = i.comments
                    .map((c) => `@${c.author}${isOwnReply(c) ? ' (Kiro, earlier reply)' : ''} at ${c.createdAt}:\n${(0,sanitize/* sanitizeUntrusted */._2)(c.body).trim()}`)
                    .join('\n\n');
                return [
                    `## ${i.id} — review thread on \`${t.path}\`${t.line ? ` line ${t.line}` : ''}`,
                    '',
                    (0,sanitize/* fenceUntrusted */.C0)(`diff hunk of ${i.id}`, (0,sanitize/* sanitizeUntrusted */._2)(hunk)),
                    '',
                    (0,sanitize/* fenceUntrusted */.C0)(`conversation of ${i.id}`, convo, { path: t.path, ...(t.line ? { line: t.line } : {}) }),
                ].join('\n');
            }
            case 'review':
                return [`## ${i.id} — review by @${i.review.user.login} (${i.review.state.toLowerCase().replace('_', ' ')})`, '', (0,sanitize/* fenceUntrusted */.C0)(`review body of ${i.id}`, (0,sanitize/* sanitizeUntrusted */._2)(i.review.body))].join('\n');
            case 'instructions':
                return [`## ${i.id} — instructions from @${i.author} (the task owner)`, '', (0,sanitize/* fenceUntrusted */.C0)(`instructions ${i.id}`, (0,sanitize/* sanitizeUntrusted */._2)(i.text))].join('\n');
            case 'check': {
                const c = i.check;
                const output = [c.title, c.summary, c.text].filter((x) => x && x.trim()).join('\n\n');
                return [
                    `## ${i.id} — failing check \`${c.name}\` (${c.conclusion})${c.htmlUrl ? ` ${c.htmlUrl}` : ''}`,
                    '',
                    (0,sanitize/* fenceUntrusted */.C0)(`check output of ${i.id}`, redact((0,sanitize/* sanitizeUntrusted */._2)(output || '(no output)'))),
                    '',
                    (0,sanitize/* fenceUntrusted */.C0)(`log excerpt of ${i.id}`, redact((0,sanitize/* sanitizeUntrusted */._2)(i.log || '(no log available)'))),
                ].join('\n');
            }
        }
    })
        .join('\n\n');
}

// EXTERNAL MODULE: ./src/orchestrator/outcome.ts
var outcome = __webpack_require__(31040);
// EXTERNAL MODULE: ./src/orchestrator/ending.ts
var ending = __webpack_require__(57313);
// EXTERNAL MODULE: ./src/orchestrator/shutdown.ts
var shutdown = __webpack_require__(80104);
// EXTERNAL MODULE: ./src/orchestrator/lifecycle.ts
var lifecycle = __webpack_require__(49492);
// EXTERNAL MODULE: ./src/orchestrator/store.ts + 12 modules
var orchestrator_store = __webpack_require__(95227);
// EXTERNAL MODULE: ./src/orchestrator/task.ts + 7 modules
var orchestrator_task = __webpack_require__(39954);
// EXTERNAL MODULE: ./src/agent/tools/schema.ts
var schema = __webpack_require__(37398);
// EXTERNAL MODULE: ./src/prompts.ts
var prompts = __webpack_require__(66224);
// EXTERNAL MODULE: ./src/report/status.ts
var report_status = __webpack_require__(16934);
// EXTERNAL MODULE: ./src/report/summary.ts
var summary = __webpack_require__(57994);
// EXTERNAL MODULE: ./src/orchestrator/code-verify.ts
var code_verify = __webpack_require__(32077);
// EXTERNAL MODULE: ./src/orchestrator/committer.ts
var orchestrator_committer = __webpack_require__(98876);
// EXTERNAL MODULE: ./src/orchestrator/learn.ts
var learn = __webpack_require__(82593);
// EXTERNAL MODULE: ./src/orchestrator/phases/common.ts
var common = __webpack_require__(81168);
// EXTERNAL MODULE: ./src/orchestrator/sandbox.ts + 9 modules
var orchestrator_sandbox = __webpack_require__(30677);
// EXTERNAL MODULE: ./src/orchestrator/session.ts
var orchestrator_session = __webpack_require__(80220);
// EXTERNAL MODULE: ./src/github/api.ts + 1 modules
var api = __webpack_require__(87019);
;// CONCATENATED MODULE: ./src/orchestrator/feedback/state.ts
/**
 * A task's feedback bookkeeping (the record's `feedback` field, kept by its loose schema): rounds,
 * the last round's start, pending requests and automatic rounds in a row — and the record writes a
 * round's end makes.
 */




/** Rounds started by failing checks alone, in a row, before Kiro waits for the owner. */
const MaxAutoRounds = 2;
/** The `feedback` field of a task record. */
const FeedbackState = schemas/* looseObject */._H3({
    rounds: schemas/* number */.aig().int().nonnegative().default(0),
    lastRoundAt: schemas/* string */.YjP().optional(),
    pending: schemas/* array */.YOg(FeedbackRequest).default([]),
    autoRounds: schemas/* number */.aig().int().nonnegative().default(0),
});
/** The feedback bookkeeping of a task (defaults when absent or unreadable). */
function feedbackStateOf(task) {
    const r = FeedbackState.safeParse(task.feedback ?? {});
    return r.success ? r.data : FeedbackState.parse({});
}
function withFeedback(task, patch) {
    return { ...task, feedback: { ...feedbackStateOf(task), ...patch } };
}
/** Identity of a request (the same event delivered twice is one request). */
function requestKey(r) {
    return [r.scope, r.pullNumber, r.reviewId ?? '', r.commentId ?? '', r.triggeredAt].join('|');
}
function mergePending(existing, add) {
    const keys = new Set(existing.map(requestKey));
    return [...existing, ...add.filter((r) => !keys.has(requestKey(r)))];
}
function addTokens(t, u) {
    return { input: t.input + u.input_tokens, output: t.output + u.output_tokens, cacheRead: t.cacheRead + u.cache_read_input_tokens, cacheWrite: t.cacheWrite + u.cache_creation_input_tokens };
}
function closeRun(runs, runId, exitReason) {
    return runs.map((x) => (x.runId === runId && !x.endedAt ? { ...x, endedAt: new Date().toISOString(), exitReason } : x));
}
/** A fault (GitHub, git) ended the round: record it, keep the requests, free the slot. */
async function recordFailure(svc, store, taskId, requests) {
    try {
        await store.updateTask(taskId, (t) => withFeedback({ ...t, state: 'needs_attention', runs: closeRun(t.runs, svc.settings.runner.runId, 'failed') }, { pending: mergePending(feedbackStateOf(t).pending, requests) }), `${taskId}: feedback round failed`);
        await (0,orchestrator_store.startHandedTasks)(svc, await store.releaseSlot(taskId, svc.settings.maxConcurrentTasks));
    }
    catch (e) {
        core/* warning */.$e(svc.redact(`Kiro: could not record the end of the feedback round of ${taskId}: ${e.message}`));
    }
}

;// CONCATENATED MODULE: ./src/orchestrator/feedback/batch-learnings.ts
/** Feedback across a batch (SPEC.md J5): a learning from one PR's review applied to its open siblings. */







/**
 * Applies learnings from the owner's review on one PR of a batch to the batch's other PRs that are
 * still open (SPEC.md J5, "feedback across the batch"): each sibling gets a pending feedback
 * request (scope `learning`) and is queued like any task; siblings handed a free slot start their
 * round at once (a continuation run), the others when slots free.
 * @returns the sibling task ids that got the learnings
 */
async function shareLearningsWithBatch(svc, store, task, learned, sourceUrl) {
    if (!task.batchId || learned.length === 0)
        return [];
    const batch = await store.getBatch(task.batchId);
    if (!batch)
        return [];
    const text = learned.map((l) => `- ${l}`).join('\n');
    const siblings = [];
    for (const item of batch.items) {
        if (!item.taskId || item.taskId === task.id)
            continue;
        const sibling = await store.getTask(item.taskId);
        if (!sibling?.pullRequest || sibling.state === 'cancelled')
            continue;
        const pr = await svc.github.getPull((0,api/* repoRefOf */.p)(sibling.repository), sibling.pullRequest.number).catch(() => undefined);
        if (pr?.state !== 'open')
            continue;
        const request = FeedbackRequest.parse({ scope: 'learning', pullNumber: sibling.pullRequest.number, actor: task.owner.login, text, url: sourceUrl, triggeredAt: new Date(svc.now()).toISOString() });
        await store.updateTask(sibling.id, (t) => withFeedback(t, { pending: mergePending(feedbackStateOf(t).pending, [request]) }), `${sibling.id}: a learning from ${task.id}`);
        siblings.push(sibling.id);
    }
    if (siblings.length === 0)
        return [];
    const { handedTo, positions } = await store.enqueueTasks(siblings, svc.settings.maxConcurrentTasks);
    for (const id of siblings) {
        if (!positions.has(id))
            continue;
        const sibling = (await store.updateTask(id, (t) => ({ ...t, state: 'queued', queuePosition: positions.get(id) }), `${id}: queued for a learning`));
        if (sibling.issue !== undefined) {
            // one true state on the sibling's issue too: the Queued label and a status saying why
            const sibSvc = { ...svc, repo: (0,api/* repoRefOf */.p)(sibling.repository) };
            const issue = await svc.github.getIssue(sibSvc.repo, sibling.issue);
            const status = await lifecycle/* StatusComment */.C6.open(sibSvc, sibling.issue, (0,orchestrator_task.statusViewOf)(svc, sibling, issue.title), sibling.statusCommentId);
            await Promise.all([
                status.update({ state: 'queued', phase: `Queued: a preference @${task.owner.login} taught in a review of ${sourceUrl} is applied to #${sibling.pullRequest.number} when a slot frees. Position in the queue: ${positions.get(id)}.` }),
                (0,lifecycle/* setLifecycleLabel */.Zw)(sibSvc, sibling.issue, 'queued', issue.labels),
            ]);
        }
    }
    for (const id of handedTo)
        await (0,orchestrator_store.dispatchContinuation)(svc, id);
    core/* info */.pq(`Kiro batch: shared ${learned.length} learning(s) with ${siblings.length} sibling pull request(s) of batch ${task.batchId}.`);
    return siblings;
}

// EXTERNAL MODULE: ./src/report/pr-body.ts
var pr_body = __webpack_require__(68843);
;// CONCATENATED MODULE: ./src/orchestrator/feedback/publish.ts
/**
 * What a feedback round leaves on the pull request (SPEC.md J3): a reply in every review thread
 * (resolved when changed), one summary comment for the items without a thread, the PR body's
 * verification and "Review feedback addressed" sections, and the needs-human-review label.
 */





/** Pushes the round's commits, answers every item and rewrites the PR body and labels. */
async function publishRound(run, cv) {
    const { R, outcomes } = run;
    const { svc, task } = R;
    const r = svc.settings.runner;
    await R.status.update({ phase: 'Pushing the new commits and answering the review threads…' });
    await R.git.push(R.branch);
    const commits = await R.git.log(R.startSha);
    const changedByCommit = new Map();
    for (const c of commits)
        changedByCommit.set(c.sha, await R.git.filesOfCommit(c.sha));
    settleOutcomes(R.items, outcomes, commits.map((c) => c.sha), changedByCommit, cv.finish.summary);
    const link = (sha) => `[\`${sha.slice(0, 7)}\`](${r.serverUrl}/${r.repository}/commit/${sha})`;
    let changedThreads = 0;
    let answeredThreads = 0;
    for (const item of R.items) {
        if (item.kind !== 'thread')
            continue;
        const o = outcomes.get(item.id);
        await replyInThread(svc, task.id, R.pr.number, item, o, link);
        if (o.outcome === 'changed')
            changedThreads++;
        else
            answeredThreads++;
    }
    const others = R.items.filter((i) => i.kind !== 'thread');
    if (others.length)
        await svc.github.createIssueComment(svc.repo, R.pr.number, summaryComment(task.id, r.runUrl, others, outcomes, link, cv));
    const published = { commits, changedThreads, answeredThreads, checksFailing: R.items.filter((i) => i.kind === 'check').length };
    const reviews = others.filter((i) => i.kind === 'review' || i.kind === 'instructions').length;
    const roundLine = [
        `${run.roundStart.slice(0, 10)}: ${changedThreads} review thread(s) changed and resolved, ${answeredThreads} answered`,
        ...(published.checksFailing ? [`${published.checksFailing} failing check(s)`] : []),
        ...(reviews ? [`${reviews} review comment(s)`] : []),
    ].join(', ') + `; ${commits.length ? `commits ${commits.map((c) => link(c.sha)).join(', ')}` : 'no new commits'} — verification ${cv.passed ? 'passed' : 'failed'} ([run](${r.runUrl}))`;
    await updatePullRequest(run, cv, roundLine);
    return published;
}
/** The PR body with this round's line and verification, and the needs-human-review label. */
async function updatePullRequest(run, cv, roundLine) {
    const { R, session, sandbox, learnings } = run;
    const { svc, task } = R;
    const spec = task.spec;
    const prev = parsePrBody(R.pr.body);
    const failureNotes = (0,code_verify/* failureNotesOf */.rA)(cv);
    const fresh = (await R.store.getTask(task.id)) ?? task;
    const body = (0,pr_body/* renderPrBody */.B)({
        taskId: task.id,
        ...(task.issue !== undefined ? { issueNumber: task.issue, issueUrl: R.target.url } : {}),
        summary: prev.summary || spec?.summary || '',
        approach: prev.approach,
        tradeoffs: prev.tradeoffs,
        requirements: spec?.requirements ?? [],
        changedFiles: await R.git.changedFiles(R.baseSha),
        checks: cv.checks,
        criteria: (0,code_verify/* criteriaWithVerdict */.jH)(spec?.acceptanceCriteria ?? [], cv.verdict),
        verificationPassed: cv.passed,
        ...(failureNotes ? { failureNotes } : {}),
        secretFindings: cv.secretFindings,
        learningsApplied: learnings.map((l) => ({ id: l.id, text: l.text })),
        blockedRequests: sandbox.blocked(),
        ...(sandbox.limitation ? { networkLimitation: sandbox.limitation } : {}),
        feedbackRounds: [...prev.rounds, roundLine],
        costUsd: fresh.costUsd + session.spend.costUsd,
        durationMs: svc.now() - session.started,
        runUrl: svc.settings.runner.runUrl,
    });
    await svc.github.updatePull(svc.repo, R.pr.number, { body });
    if (cv.passed)
        await svc.github.removeLabel(svc.repo, R.pr.number, constants/* Labels */.gC.NeedsHumanReview);
    else
        await (0,lifecycle/* addMarkerLabel */.wH)(svc, R.pr.number, constants/* Labels */.gC.NeedsHumanReview);
}
/** Neutralises @mentions in text the model wrote (a reply must not ping people). */
function quiet(text) {
    return text.replace(/@(?=[A-Za-z0-9])/g, '@\u200b').trim();
}
/** Short description of the round's items for the status line. */
function countItems(items) {
    const n = (k) => items.filter((i) => i.kind === k).length;
    const parts = [
        n('thread') ? `${n('thread')} review thread(s)` : '',
        n('review') ? `${n('review')} review comment(s)` : '',
        n('instructions') ? 'your instructions' : '',
        n('check') ? `${n('check')} failing check(s)` : '',
    ].filter(Boolean);
    return parts.join(', ');
}
/** Where an item points, for commit messages (no reviewer text in commits). */
function itemLocation(i) {
    switch (i.kind) {
        case 'thread':
            return `review thread on ${threadLocation(i.thread)}`;
        case 'review':
            return `review by @${i.review.user.login}`;
        case 'check':
            return `failing check ${i.check.name}`;
        case 'instructions':
            return `instructions from @${i.author}`;
    }
}
/** The verifier's criterion for one item. */
function criterionOf(i, o) {
    if (i.kind === 'check')
        return `The failure of the check \`${i.check.name}\` is fixed (the project's checks pass).`;
    const base = `The feedback in ${itemTitle(i)} is addressed`;
    return o?.outcome === 'declined' ? `${base}, or rightly left unchanged for this reason: ${o.reason}` : `${base}.`;
}
/**
 * Fills in the items the coder did not report: a thread whose file a commit of this round changed
 * counts as changed by the last such commit; anything else as not changed.
 */
function settleOutcomes(items, outcomes, commits, filesByCommit, finishSummary) {
    for (const i of items) {
        if (outcomes.has(i.id))
            continue;
        const touching = i.kind === 'thread' ? commits.filter((c) => (filesByCommit.get(c) ?? []).includes(i.thread.path)) : [];
        if (touching.length)
            outcomes.set(i.id, { outcome: 'changed', shas: [touching[0]], summary: finishSummary });
        else
            outcomes.set(i.id, { outcome: 'declined', reason: `no change was made for this in this round. ${finishSummary}`.trim() });
    }
}
/** Replies in a review thread (to its first comment) and resolves the thread when it was changed. */
async function replyInThread(svc, taskId, pullNumber, item, o, link) {
    const first = item.thread.comments[0];
    const marker = `${constants/* Markers */.c7.FeedbackReply} task=${taskId} -->`;
    const body = o.outcome === 'changed'
        ? `${marker}\nAddressed in ${o.shas.map(link).join(', ')}: ${quiet(o.summary)}`
        : `${marker}\nNot changed: ${quiet(o.reason)}`;
    if (first && first.databaseId)
        await svc.github.replyToReviewComment(svc.repo, pullNumber, first.databaseId, body);
    if (o.outcome === 'changed')
        await svc.github.resolveReviewThread(item.thread.id);
}
/** The round's summary on the PR for items that have no thread to answer in. */
function summaryComment(taskId, runUrl, items, outcomes, link, cv) {
    const lines = [`${constants/* Markers */.c7.FeedbackSummary} task=${taskId} -->`, `**Kiro addressed the review feedback** · [workflow run](${runUrl})`, ''];
    for (const i of items) {
        const o = outcomes.get(i.id);
        const what = o?.outcome === 'changed' ? `addressed in ${o.shas.map(link).join(', ')} — ${quiet(o.summary)}` : `not changed — ${quiet(o?.outcome === 'declined' ? o.reason : '')}`;
        lines.push(`- **${i.id}** ${quiet(itemTitle(i))}: ${what}`);
    }
    lines.push('', `Verification: ${cv.checks.length ? cv.checks.map((c) => `${c.passed ? '✅' : '❌'} \`${c.name}\``).join(' ') : 'no checks detected'}${cv.passed ? '' : ' — needs human review'}`);
    return lines.join('\n');
}
function takeUntil(lines, stop) {
    const i = lines.findIndex(stop);
    return i < 0 ? [...lines] : lines.slice(0, i);
}
/** The parts of an existing PR body (rendered by renderPrBody, maybe edited) a round keeps. */
function parsePrBody(body) {
    const lines = body.replace(/\r\n?/g, '\n').split('\n');
    const section = (heading) => {
        const start = lines.findIndex((l) => l.trim() === `## ${heading}`);
        if (start < 0)
            return [];
        const out = [];
        for (const l of lines.slice(start + 1)) {
            if (l.startsWith('## ') || l.trim() === '---')
                break;
            out.push(l);
        }
        return out;
    };
    const text = (ls) => ls.join('\n').trim();
    return {
        // the summary proper ends where renderPrBody's `Closes #n` line or requirements block starts
        summary: text(takeUntil(section('Summary'), (l) => /^Closes #\d+/.test(l.trim()) || l.trim().startsWith('<details>'))),
        approach: text(section('Implementation approach')),
        tradeoffs: text(section('Trade-offs considered')),
        rounds: section('Review feedback addressed')
            .filter((l) => l.startsWith('- '))
            .map((l) => l.slice(2)),
    };
}

;// CONCATENATED MODULE: ./src/orchestrator/feedback/round.ts
/**
 * One feedback round (SPEC.md J3): the same phases as a task run over the pull request's branch —
 * begin (record, status, label) → code (the feedback coder with `complete_items`/`decline_item`,
 * then the code → verify loop) → deliver (push, replies, PR body, labels: publish.ts) → learn (the
 * learner on the owner's feedback) → record (the task completed, the slot handed on).
 */




















/** Runs a round to its end; faults propagate (the caller records them, see `recordFailure`). */
async function runRound(R) {
    const { svc, store, task, status } = R;
    const roundStart = new Date(svc.now()).toISOString();
    await beginRound(R, roundStart);
    const learnings = await store.listLearnings(task.owner.login);
    const sandbox = await svc.ports.openSandbox(svc);
    const notes = (0,orchestrator_sandbox.sandboxNotes)(sandbox);
    if (notes.sandbox !== undefined || notes.mcp)
        await status.update(notes);
    try {
        // max-turns and max-cost-usd are per task: the task's earlier runs count toward them
        const session = (0,orchestrator_session/* openAgentSession */.U)(svc, { taskId: task.id, sandbox, steering: R.steering, learnings: learnings.map((l) => ({ id: l.id, text: l.text })), prior: { turns: task.turns ?? 0, costUsd: task.costUsd } });
        R.git = session.git;
        await R.git.checkoutTaskBranch(R.branch, R.base);
        // secrets replaced in what is committed, protected paths left out (docs/security.md)
        const committer = (0,orchestrator_committer/* createCommitter */.T)(R.git, svc.settings.bot, task.owner, { secrets: () => svc.secretValues(), redact: svc.redact });
        const run = { R, session, sandbox, committer, outcomes: new Map(), learnings, roundStart };
        const cv = await codeRound(run);
        if (cv.kind !== 'done') {
            if (cv.kind === 'coder_stopped')
                await committer.commit(`Work in progress: review feedback on #${R.pr.number}`);
            await R.git.push(R.branch);
            session.costOutputs();
            return stopRound(R, cv, session.spend);
        }
        const published = await publishRound(run, cv);
        let learned = [];
        if (R.ownerFeedback.length) {
            await status.update({ phase: 'Learning from the owner’s feedback…' });
            learned = await (0,learn.learnFromFeedback)({ session, store, owner: task.owner.login, repository: svc.settings.runner.repository, pullUrl: R.pr.htmlUrl, feedback: R.ownerFeedback, existing: learnings });
        }
        return await recordRound(run, cv, published, learned);
    }
    finally {
        // an MCP server that stopped during the run is reported too
        const late = sandbox.mcpProblems();
        if (late.length > (notes.mcp?.length ?? 0))
            await status.update({ mcp: late }).catch(() => { });
        await sandbox.close();
    }
}
/** The round's run on the record (In progress, its requests taken off `pending`), status and label. */
async function beginRound(R, roundStart) {
    const { svc, task } = R;
    const r = svc.settings.runner;
    const runEntry = { runId: r.runId, runUrl: r.runUrl, runAttempt: r.runAttempt, startedAt: roundStart };
    await R.store.updateTask(task.id, (t) => withFeedback({ ...t, state: 'in_progress', queuePosition: undefined, progress: { phase: 'feedback', verifyAttempts: 0 }, runs: [...t.runs.filter((x) => x.runId !== r.runId), runEntry] }, { pending: feedbackStateOf(t).pending.filter((p) => !R.handled.has(requestKey(p))) }), `${task.id}: feedback round on #${R.pr.number} (run ${r.runId})`);
    await Promise.all([
        R.status.update({ state: 'in_progress', phase: `Addressing review feedback on #${R.pr.number}: ${countItems(R.items)}…`, result: undefined, learned: undefined }),
        (0,lifecycle/* setLifecycleLabel */.Zw)(svc, R.target.number, 'in_progress', R.target.labels),
    ]);
    (0,outcome/* reportOutputs */.rY)({ status: 'in_progress' });
}
/** The feedback coder on the items, then the code → verify loop with a criterion per item. */
async function codeRound(run) {
    const { R, session } = run;
    const { svc } = R;
    const r = svc.settings.runner;
    const spec = R.task.spec;
    const content = (0,prompts/* renderPrompt */.nQ)('feedback-task', {
        pull_number: String(R.pr.number),
        pull_url: R.pr.htmlUrl,
        repository: r.repository,
        branch: R.branch,
        spec: spec ? `${spec.title}\n\n${spec.summary}\n\n${(0,common/* specMarkdown */.d1)(spec)}` : '(no task spec recorded)',
        items: renderItems(R.items, svc.redact),
        item_ids: R.items.map((i) => i.id).join(', '),
    });
    const coderSystem = [{ type: 'text', text: (0,prompts/* renderPrompt */.nQ)('feedback-coder', { repository: r.repository, steering: R.steering, learnings: session.learningsText }) }];
    return (0,code_verify/* codeAndVerify */.E1)({
        svc,
        session,
        sandbox: run.sandbox,
        status: R.status,
        committer: run.committer,
        coderMessages: [{ role: 'user', content }],
        coderTools: itemTools(run),
        coderSystem,
        criteria: () => [...(spec?.acceptanceCriteria ?? []), ...R.items.map((i) => ({ id: i.id, text: criterionOf(i, run.outcomes.get(i.id)) }))],
        diffBase: R.baseSha,
        finishCommitMessage: `Address review feedback on #${R.pr.number}`,
        codingPhase: `Addressing review feedback on #${R.pr.number}: ${countItems(R.items)}…`,
    });
}
const ItemsInput = schemas/* object */.Ikc({
    item_ids: schemas/* array */.YOg(schemas/* string */.YjP().min(1)).min(1).describe('Ids of the feedback items this change addresses, e.g. ["T1", "C1"]'),
    summary: schemas/* string */.YjP().min(1).describe('One line: what changed'),
});
const DeclineInput = schemas/* object */.Ikc({
    item_id: schemas/* string */.YjP().min(1).describe('Id of the feedback item left unchanged, e.g. "T2"'),
    reason: schemas/* string */.YjP().min(1).describe('Why it stays as it is, in one or two sentences addressed to the reviewer'),
});
/** `complete_items` (one commit for some items, linked in their threads) and `decline_item`. */
function itemTools(run) {
    const { R, outcomes, committer } = run;
    const ids = R.items.map((i) => i.id);
    let lastSha;
    const completeItems = (0,schema/* defineTool */.u)('complete_items', 'Commit the current changes as one commit addressing these feedback items (the action replies in their threads with a link to it).', ItemsInput, async (input) => {
        const unknown = input.item_ids.filter((id) => !ids.includes(id));
        if (unknown.length)
            return { content: `Unknown item id(s) ${unknown.join(', ')}; the items are ${ids.join(', ')}.`, isError: true };
        const where = input.item_ids.map((id) => `- ${id}: ${itemLocation(R.items.find((i) => i.id === id))}`).join('\n');
        const sha = await committer.commit(`Address review feedback: ${input.summary}\n\n${where}`);
        if (!sha && !lastSha)
            return { content: 'There are no changes to commit: make the change first, or call decline_item for an item you leave as it is.', isError: true };
        const commitSha = (sha ?? lastSha);
        lastSha = commitSha;
        for (const id of input.item_ids) {
            const prev = outcomes.get(id);
            const shas = prev?.outcome === 'changed' ? [...new Set([...prev.shas, commitSha])] : [commitSha];
            outcomes.set(id, { outcome: 'changed', shas, summary: input.summary });
        }
        await R.status.update({ phase: `Addressed ${[...outcomes.values()].filter((o) => o.outcome === 'changed').length} of ${ids.length} feedback item(s)…` });
        return { content: `${input.item_ids.join(', ')} recorded in commit ${commitSha.slice(0, 12)}${sha ? '' : ' (no new changes since it)'}.` };
    });
    const declineItem = (0,schema/* defineTool */.u)('decline_item', 'Leave a feedback item unchanged, with the reason (the action replies with it; the thread stays open).', DeclineInput, async (input) => {
        if (!ids.includes(input.item_id))
            return { content: `Unknown item id ${input.item_id}; the items are ${ids.join(', ')}.`, isError: true };
        const prev = outcomes.get(input.item_id);
        if (prev?.outcome === 'changed')
            return { content: `${input.item_id} is already addressed in commit ${prev.shas[0].slice(0, 12)}.`, isError: true };
        outcomes.set(input.item_id, { outcome: 'declined', reason: input.reason });
        return { content: `${input.item_id} recorded as not changed.` };
    });
    return [completeItems, declineItem];
}
/** The round's end: the record (Completed, spend, bookkeeping), status, label, summary; the slot handed on. */
async function recordRound(run, cv, p, learned) {
    const { R, session, learnings } = run;
    const { svc, store, task } = R;
    const s = svc.settings;
    session.costOutputs();
    const spend = session.spend;
    const auto = R.requests.every((q) => q.scope === 'checks');
    const after = await store.updateTask(task.id, (t) => withFeedback({
        ...t,
        state: 'completed',
        progress: { phase: 'done', verifyAttempts: 0 },
        costUsd: t.costUsd + spend.costUsd,
        turns: (t.turns ?? 0) + spend.turns,
        tokens: addTokens(t.tokens, spend.usage),
        learningsApplied: [...new Set([...t.learningsApplied, ...learnings.map((l) => l.id)])],
        runs: closeRun(t.runs, s.runner.runId, 'completed'),
    }, { rounds: feedbackStateOf(t).rounds + 1, lastRoundAt: run.roundStart, autoRounds: auto ? feedbackStateOf(t).autoRounds + 1 : 0 }), `${task.id}: feedback round on #${R.pr.number} done`);
    const durationMs = svc.now() - session.started;
    const phase = `Addressed review feedback on #${R.pr.number}: ${p.changedThreads} thread(s) changed and resolved, ${p.answeredThreads} answered${p.checksFailing ? `, ${p.checksFailing} failing check(s) looked at` : ''}; ${p.commits.length} new commit(s)${cv.passed ? '; verification passed.' : '; verification failed — needs human review.'}`;
    const verification = cv.checks.map((c) => ({ name: c.name, command: c.command, passed: c.passed }));
    await Promise.all([
        R.status.update({
            state: 'completed',
            phase,
            result: { pullRequestUrl: R.pr.htmlUrl, ...(R.pr.draft ? { draft: true } : {}), verification, ...session.cost(), tokens: session.tokens(), durationMs },
            ...(learned.length ? { learned: learned.map((l) => l.text) } : {}),
        }),
        (0,lifecycle/* setLifecycleLabel */.Zw)(svc, R.target.number, 'completed', (0,lifecycle/* inProgressLabels */.ez)(R.target.labels)),
    ]);
    (0,outcome/* reportOutputs */.rY)({ status: 'completed' });
    const note = `${phase}${learned.length ? `\n\nLearned: ${learned.map((l) => l.text).join('; ')}` : ''}`;
    await (0,summary/* writeJobSummary */.j)(svc, { taskId: task.id, title: `Review feedback on #${R.pr.number}: ${task.spec?.title ?? R.target.title}`, state: 'completed', plan: [], spend, durationMs, pullRequestUrl: R.pr.htmlUrl, checks: cv.checks, note });
    core/* info */.pq(`Kiro: feedback round on #${R.pr.number} done in ${(0,report_status/* formatDuration */.a3)(durationMs)}: ${p.commits.length} commit(s), ${p.changedThreads} thread(s) resolved, ${learned.length} learning(s).`);
    await (0,orchestrator_store.startHandedTasks)(svc, await store.releaseSlot(task.id, s.maxConcurrentTasks));
    if (feedbackStateOf(after).pending.length)
        await (0,orchestrator_store.dispatchContinuation)(svc, task.id);
    // what the owner taught here applies to the other open PRs of the same batch
    if (learned.length && task.batchId) {
        await shareLearningsWithBatch(svc, store, after, learned.map((l) => l.text), R.pr.htmlUrl).catch((e) => core/* warning */.$e(svc.redact(`Kiro: could not share the learnings with the batch: ${e.message}`)));
    }
    return {};
}
/**
 * The round stopped before it was done (a limit, a pause, a model failure): the work so far is
 * pushed; the requests stay pending; a time-budget stop starts a continuation run, anything else
 * needs the owner's attention.
 */
async function stopRound(R, cv, spend) {
    const { svc, store, task, status } = R;
    const s = svc.settings;
    const res = cv.result;
    const phase = cv.kind === 'coder_stopped' ? 'addressing review feedback' : 'verifying the feedback changes';
    const checkpoint = res.exitReason === 'limit_reached' && res.limit === 'time';
    let reason;
    if (res.exitReason === 'limit_reached') {
        const which = res.limit === 'turns' ? `the turn limit (${s.maxTurns} model calls)` : res.limit === 'cost' ? `the cost limit ($${s.maxCostUsd})` : 'the time budget';
        reason = `Stopped while ${phase}: reached ${which}.`;
    }
    else if (res.exitReason === 'paused') {
        reason = `Paused while ${phase}: ${res.pause?.reason ?? 'approval needed'}${res.pause?.command ? ` (\`${res.pause.command.replace(/`/g, "'")}\`)` : ''}. Comment \`${s.triggerCommand} all\` on the pull request to try again.`;
    }
    else {
        reason = `Stopped while ${phase}: ${res.error ?? 'the sub-agent ended without a result'}.`;
    }
    const state = checkpoint ? 'in_progress' : 'needs_attention';
    await store.updateTask(task.id, (t) => withFeedback({
        ...t,
        state,
        costUsd: t.costUsd + spend.costUsd,
        turns: (t.turns ?? 0) + spend.turns,
        tokens: addTokens(t.tokens, spend.usage),
        runs: closeRun(t.runs, s.runner.runId, checkpoint ? 'checkpoint' : res.limit ? `limit_reached:${res.limit}` : res.exitReason),
    }, { pending: mergePending(feedbackStateOf(t).pending, R.requests) }), `${task.id}: feedback round ${checkpoint ? 'checkpoint' : 'stopped'}`);
    if (checkpoint) {
        await (0,orchestrator_store.dispatchContinuation)(svc, task.id);
        await status.update({ phase: 'The job’s time budget is nearly used: the feedback work so far is pushed; a continuation run picks it up.' });
        (0,outcome/* reportOutputs */.rY)({ status: 'in_progress' });
        return {};
    }
    await Promise.all([
        status.update({ state: 'needs_attention', phase: reason, notes: [`Work so far is pushed to \`${R.branch}\`.`, `Spent $${spend.costUsd.toFixed(2)} over ${spend.turns} model calls in this round; the task so far: $${(task.costUsd + spend.costUsd).toFixed(2)} of $${s.maxCostUsd}, ${(task.turns ?? 0) + spend.turns} of ${s.maxTurns} model calls.`] }),
        (0,lifecycle/* setLifecycleLabel */.Zw)(svc, R.target.number, 'needs_attention', (0,lifecycle/* inProgressLabels */.ez)(R.target.labels)),
    ]);
    await (0,orchestrator_store.startHandedTasks)(svc, await store.releaseSlot(task.id, s.maxConcurrentTasks));
    (0,outcome/* reportOutputs */.rY)({ status: 'needs_attention' });
    if (res.exitReason === 'failed')
        core/* warning */.$e(svc.redact(reason));
    return res.exitReason === 'failed' ? { failed: reason } : {};
}

;// CONCATENATED MODULE: ./src/orchestrator/feedback.ts
/**
 * Feedback rounds on the agent's own pull requests (SPEC.md J3, J4, J6).
 *
 * Triggers, each only on a PR whose task record exists (the state store's PR index — never the
 * branch name alone) and only from the task owner: a submitted review (`pull_request_review`),
 * `/kiro all` in a PR comment, `/kiro fix` in a review thread (`pull_request_review_comment`).
 * A review or comment by anyone else starts nothing; their threads are addressed when the owner
 * asks. Failing CI on the PR (`check_suite` / `workflow_run` completed with failure) is part of
 * every round; with the `fix-failing-checks` input it starts a round of its own (at most
 * `MaxAutoRounds` in a row without the owner's feedback, so a check that keeps failing cannot loop).
 *
 * A round is a new run of the same task (its `runs[]` gains an entry): it takes the task's
 * concurrency slot (or queues), moves the task back to In progress, checks out the PR branch, runs
 * the feedback coder (its own prompt, `prompts/feedback-coder.md`) with the threads, review bodies,
 * failing checks and instructions, then the usual verification; pushes new co-authored commits to
 * the same branch (no new branch, no new PR); replies in each thread what changed (commit link)
 * and resolves it, or why it did not change; updates the PR body's verification section, the
 * status comment on the issue and the task record; and has the learner extract the owner's
 * durable preferences (learn.ts).
 *
 * Bookkeeping on the task record (field `feedback`, kept by the record's loose schema):
 * `rounds`, `lastRoundAt` (start of the last finished round: older review bodies were handled
 * then), `pending` (requests waiting for a slot, for a running round, or for a continuation after
 * a checkpoint or a stop) and `autoRounds`. A continuation run (`workflow_dispatch` with
 * `task-id`) of a task with pending requests runs them as a round (`routeDispatch`).
 */
















function skip(reason) {
    core/* info */.pq(`Kiro: nothing to do — ${reason}.`);
    (0,outcome/* reportOutputs */.rY)({ status: 'skipped' });
    return {};
}
const feedback_same = (a, b) => a.toLowerCase() === b.toLowerCase();
/**
 * A review by the task owner, `/kiro all` or `/kiro fix` on a pull request. The permission gate
 * (handlers.ts) has already checked that the actor has write access.
 */
async function handleFeedback(svc, cmd) {
    const store = await svc.ports.openStore(svc);
    const task = await store.findTaskByPull(svc.settings.runner.repository, cmd.pullNumber);
    if (!task)
        return skip(`pull request #${cmd.pullNumber} has no Kiro task (Kiro answers feedback only on pull requests it opened)`);
    (0,outcome/* reportOutputs */.rY)({ taskId: task.id });
    if (!feedback_same(cmd.actor.login, task.owner.login)) {
        return skip(`@${cmd.actor.login} is not the owner of task ${task.id}; feedback from others is addressed when @${task.owner.login} reviews or comments \`${svc.settings.triggerCommand} all\``);
    }
    if (task.state === 'cancelled')
        return skip(`task ${task.id} was cancelled`);
    if (cmd.reactionTarget)
        await svc.github.addReaction(svc.repo, cmd.reactionTarget, 'eyes');
    const request = FeedbackRequest.parse({
        scope: cmd.scope,
        pullNumber: cmd.pullNumber,
        actor: cmd.actor.login,
        ...(cmd.reviewId !== undefined ? { reviewId: cmd.reviewId } : {}),
        ...(cmd.commentId !== undefined ? { commentId: cmd.commentId } : {}),
        ...(cmd.reviewUrl || cmd.commentUrl ? { url: cmd.reviewUrl ?? cmd.commentUrl } : {}),
        text: cmd.text,
        triggeredAt: cmd.triggeredAt,
    });
    // requests left over from a round that stopped (a limit, a fault) are addressed with this one
    return startRound(svc, store, task, mergePending(feedbackStateOf(task).pending, [request]));
}
/**
 * A check suite or workflow run finished with failure. With `fix-failing-checks` the failing checks
 * of the agent's own PR are addressed at once; otherwise they wait for the owner's next feedback.
 */
async function handleChecksFailed(svc, cmd) {
    if (!svc.settings.fixFailingChecks)
        return skip('failing checks are addressed with the owner’s next feedback (set the fix-failing-checks input to fix them at once)');
    const store = await svc.ports.openStore(svc);
    let pulls = cmd.pullNumbers;
    if (!pulls.length && cmd.headBranch) {
        const pr = await svc.github.findOpenPullByHead(svc.repo, cmd.headBranch);
        if (pr)
            pulls = [pr.number];
    }
    for (const n of pulls) {
        const task = await store.findTaskByPull(svc.settings.runner.repository, n);
        if (!task || task.state === 'cancelled')
            continue;
        (0,outcome/* reportOutputs */.rY)({ taskId: task.id });
        if (feedbackStateOf(task).autoRounds >= MaxAutoRounds) {
            return skip(`task ${task.id} already had ${MaxAutoRounds} rounds for failing checks in a row; the owner’s feedback starts the next one`);
        }
        const request = FeedbackRequest.parse({ scope: 'checks', pullNumber: n, actor: cmd.actor.login || 'checks', text: '', triggeredAt: new Date(svc.now()).toISOString() });
        return startRound(svc, store, task, [request]);
    }
    return skip(`no pull request opened by Kiro has these failing checks (${cmd.headBranch || cmd.headSha})`);
}
/**
 * `workflow_dispatch` with `task-id`: a task with pending feedback requests runs them as a round;
 * anything else is a continuation of the task itself (control.ts).
 */
async function routeDispatch(svc, cmd) {
    if (cmd.taskId) {
        const store = await svc.ports.openStore(svc);
        const task = await store.getTask(cmd.taskId);
        if (task && task.state !== 'cancelled' && feedbackStateOf(task).pending.length) {
            (0,outcome/* reportOutputs */.rY)({ taskId: task.id });
            // a batch child lives in its own repository: the round runs on a clone of it
            const here = task.repository.toLowerCase() === svc.settings.runner.repository.toLowerCase();
            const roundSvc = here ? svc : await (await __webpack_require__.e(/* import() */ 164).then(__webpack_require__.bind(__webpack_require__, 18164))).childServices(svc, task.repository);
            return startRound(roundSvc, store, task, feedbackStateOf(task).pending);
        }
    }
    return (await __webpack_require__.e(/* import() */ 106).then(__webpack_require__.bind(__webpack_require__, 85725))).handleDispatch(svc, cmd);
}
async function statusTarget(svc, task, pr) {
    const n = task.issue ?? pr.number;
    const i = await svc.github.getIssue(svc.repo, n);
    return { number: n, title: task.spec?.title ?? i.title, url: i.htmlUrl, labels: i.labels };
}
/**
 * Starts a round for `requests` (or records them as pending when a round is already running or no
 * slot is free), then runs it to its end.
 */
async function startRound(svc, store, task, requests) {
    const s = svc.settings;
    const r = s.runner;
    if (await (0,orchestrator_store.runningElsewhere)(svc, store, task)) {
        await store.updateTask(task.id, (t) => withFeedback(t, { pending: mergePending(feedbackStateOf(t).pending, requests) }), `${task.id}: feedback waits for the running round`);
        return skip(`task ${task.id} is running in another job; this feedback is addressed when it ends`);
    }
    const pullNumber = requests[0].pullNumber;
    const pr = await svc.github.getPull(svc.repo, pullNumber);
    if (pr.state !== 'open')
        return skip(`pull request #${pullNumber} is ${pr.state}`);
    const branch = task.branch ?? pr.headRef;
    const base = task.baseBranch ?? pr.baseRef;
    (0,outcome/* reportOutputs */.rY)({ branch: branch });
    (0,outcome/* reportOutputs */.rY)({ pullRequestUrl: pr.htmlUrl });
    // steering comes from the default branch (the checkout), read before switching to the PR branch
    const steering = (0,context/* readSteering */._$)(r.workspace);
    // the trusted git directory learns both tips now; the work tree is checked out once the sandbox is open
    const git = svc.ports.git(svc);
    const baseSha = await git.fetch(base);
    if (!baseSha)
        throw new Error(`the base branch '${base}' does not exist on origin`);
    const startSha = (await git.fetch(branch)) ?? baseSha;
    const fb = feedbackStateOf(task);
    const perms = new context/* PermissionCache */.CE(svc);
    const ctx = await gatherFeedback(svc, perms, { pullNumber, owner: task.owner.login, requests, headSha: startSha, ...(fb.lastRoundAt ? { since: fb.lastRoundAt } : {}) });
    const handled = new Set(requests.map(requestKey));
    if (!ctx.items.length) {
        if (fb.pending.some((p) => handled.has(requestKey(p)))) {
            await store.updateTask(task.id, (t) => withFeedback(t, { pending: feedbackStateOf(t).pending.filter((p) => !handled.has(requestKey(p))) }), `${task.id}: nothing left to address`);
        }
        return skip(`nothing to address on pull request #${pullNumber}: no unresolved review threads, review comments or failing checks`);
    }
    // ---- slot ------------------------------------------------------------------------------
    const slot = await store.acquireSlot(task.id, r.runId, s.maxConcurrentTasks, (0,orchestrator_store.leaseMs)(svc));
    await (0,orchestrator_store.startHandedTasks)(svc, slot.handedTo.filter((id) => id !== task.id));
    const target = await statusTarget(svc, task, pr);
    const status = await lifecycle/* StatusComment */.C6.open(svc, target.number, { ...(0,orchestrator_task.statusViewOf)(svc, task, target.title), ...(task.spec ? { specMarkdown: (0,common/* specMarkdown */.d1)(task.spec) } : {}) }, task.statusCommentId);
    if (!slot.acquired) {
        await store.updateTask(task.id, (t) => withFeedback({ ...t, state: 'queued', queuePosition: slot.position }, { pending: mergePending(feedbackStateOf(t).pending, requests) }), `${task.id}: feedback queued`);
        await Promise.all([
            status.update({ state: 'queued', phase: `Review feedback on #${pullNumber} is queued: ${s.maxConcurrentTasks} tasks are already in progress. Position in the queue: ${slot.position}. It starts automatically when a slot frees.` }),
            (0,lifecycle/* setLifecycleLabel */.Zw)(svc, target.number, 'queued', target.labels),
        ]);
        (0,outcome/* reportOutputs */.rY)({ status: 'queued' });
        return {};
    }
    const round = { svc, store, task, requests, handled, pr, branch, base, baseSha, startSha, steering, git, items: ctx.items, ownerFeedback: ctx.ownerFeedback, status, target };
    // a failed or stopped round ends truthfully too: record, slot, status comment, one label
    const endTarget = { svc, store, taskId: task.id, status, issueNumber: target.number, labels: (0,lifecycle/* inProgressLabels */.ez)(target.labels), spend: undefined };
    const heartbeat = (0,ending/* keepLeaseFresh */._Z)(svc, store, task.id);
    const releaseShutdown = (0,shutdown/* onShutdown */.Ob)(async (signal) => {
        heartbeat.stop();
        await recordFailure(svc, store, task.id, requests).catch(() => undefined);
        await (0,ending/* endInterrupted */.K0)(endTarget, signal, undefined);
    });
    try {
        return await runRound(round);
    }
    catch (e) {
        await recordFailure(svc, store, task.id, requests).catch(() => undefined);
        return await (0,ending/* endInFailure */.Ru)(endTarget, e);
    }
    finally {
        heartbeat.stop();
        releaseShutdown();
    }
}


/***/ }),

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
