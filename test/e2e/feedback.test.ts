/**
 * J3 through dist/index.js: review feedback on the agent's own pull request. Each scenario first
 * runs the issue flow (label → PR) on the calc-js fixture, then delivers the review event the
 * way GitHub would, with the review, its threads and check runs seeded in the fake GitHub.
 * Asserted: new co-authored commits on the same branch (no new PR), replies in the threads with
 * commit links, threads resolved through GraphQL mutations (validated against GitHub's schema),
 * the context the feedback coder was given, the status comment, the PR body and the task record.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Labels, Markers } from '../../src/constants.js';
import { reply, text, toolUse, type Step } from '../rig/model-server.js';
import type { RecordedModelRequest } from '../rig/model-server.js';
import { ALICE, BOB, MALLORY, startRig, type Rig, closeChecked } from './harness.js';
import { coderFixSteps, plannerSteps, roleOf, verifierPass } from './scripts.js';

let rig: Rig | undefined;
afterEach(async () => {
  await closeChecked(rig);
  rig = undefined;
});

const BOT_LOGIN = 'github-actions[bot]';

/** The issue flow's scripts plus the feedback round's, routed by role marker. */
function script(feedbackCoder: Step[], opts: { learner?: Step[]; verifiers?: number } = {}) {
  return {
    route: roleOf,
    scripts: {
      planner: plannerSteps(),
      coder: coderFixSteps(),
      verifier: Array.from({ length: opts.verifiers ?? 2 }, () => verifierPass()).flat(),
      'feedback-coder': feedbackCoder,
      learner: opts.learner ?? [reply(toolUse('submit_learnings', { learnings: [] }))],
    },
  };
}

const finish = (summary = 'Addressed the review comments.') =>
  reply(toolUse('finish', { summary, approach: 'Small edits in src/calc.js as the reviewers asked; npm test passes.', tradeoffs: 'None worth noting.' }));

/** Runs the issue flow: Alice labels an issue, Kiro opens a PR. */
async function openAgentPr(r: Rig) {
  const issue = r.github.state.addIssue({ title: 'add() subtracts', body: 'add(2, 3) returns -1; the test fails.', user: ALICE });
  const n = issue.number as number;
  const res = await r.run(r.event('issues.labeled', { label: 'kiro', issue: { number: n, title: 'add() subtracts', user: ALICE }, sender: ALICE }));
  expect(res.code, res.maskedLog).toBe(0);
  const pr = r.github.state.pulls()[0]!;
  const head = pr.head as { ref: string; sha: string };
  return { issue: n, pull: pr.number as number, branch: head.ref, headSha: head.sha, taskId: res.outputs['task-id']!, prUrl: String(pr.html_url) };
}

function reviewEvent(r: Rig, pr: Awaited<ReturnType<typeof openAgentPr>>, review: { id: number; body: string; user: { login: string; id: number } }) {
  return r.event('pull_request_review.submitted', {
    sender: review.user,
    pullRequest: { number: pr.pull, headRef: pr.branch, headSha: pr.headSha, user: BOT_LOGIN },
    review: { id: review.id, body: review.body, user: review.user, state: 'commented', commitId: pr.headSha },
  });
}

const feedbackRequests = (r: Rig): RecordedModelRequest[] => r.model!.requests.filter((q) => roleOf(q) === 'feedback-coder');
const firstMessage = (q: RecordedModelRequest) => JSON.stringify(q.body.messages[0]);

async function taskRecord(r: Rig, taskId: string): Promise<Record<string, unknown>> {
  const text = await r.stateFile(`tasks/${taskId}.json`);
  return JSON.parse(text!) as Record<string, unknown>;
}

describe('review feedback on the agent’s pull request (J3)', () => {
  it('owner review with two inline comments → commits, two replies with commit links, both threads resolved, no new PR', { timeout: 120_000 }, async () => {
    rig = await startRig({
      script: script([
        reply(text('Guarding add() first.'), toolUse('str_replace_based_edit_tool', { command: 'str_replace', path: 'src/calc.js', old_str: 'export function add(a, b) {\n', new_str: "export function add(a, b) {\n  if (typeof a !== 'number' || typeof b !== 'number') throw new TypeError('add() takes numbers');\n" })),
        reply(toolUse('complete_items', { item_ids: ['T1'], summary: 'add() throws a TypeError for non-numbers' })),
        reply(toolUse('str_replace_based_edit_tool', { command: 'str_replace', path: 'src/calc.js', old_str: "'division by zero'", new_str: "'cannot divide by zero'" })),
        reply(toolUse('bash', { command: 'npm test 2>&1 | tail -3' })),
        reply(toolUse('complete_items', { item_ids: ['T2'], summary: 'divide() says “cannot divide by zero”' })),
        finish(),
      ]),
    });
    const pr = await openAgentPr(rig);
    const review = rig.github.state.addReview({ pull: pr.pull, user: ALICE, body: '', state: 'COMMENTED' });
    const t1 = rig.github.state.addReviewThread({ pull: pr.pull, path: 'src/calc.js', line: 8, reviewId: review.id as number, comments: [{ user: ALICE, body: 'Please reject arguments that are not numbers.' }], diffHunk: '@@ -7,3 +7,3 @@\n export function add(a, b) {\n-  return a - b;\n+  return a + b;' });
    const t2 = rig.github.state.addReviewThread({ pull: pr.pull, path: 'src/calc.js', line: 29, reviewId: review.id as number, comments: [{ user: ALICE, body: 'The message should read "cannot divide by zero".' }] });
    const before = await rig.remote.refSha(rig.owner, rig.repo, `refs/heads/${pr.branch}`);

    const res = await rig.run(reviewEvent(rig, pr, { id: review.id as number, body: '', user: ALICE }));
    expect(res.code, res.maskedLog).toBe(0);
    expect(res.outputs).toMatchObject({ status: 'completed', 'task-id': pr.taskId, branch: pr.branch, 'pull-request-url': pr.prUrl });

    // the coder saw both threads with path, line, hunk and conversation
    const fb = feedbackRequests(rig);
    expect(fb.length).toBeGreaterThan(0);
    const ctx = firstMessage(fb[0]!);
    expect(ctx).toContain('T1 — review thread on `src/calc.js` line 8');
    expect(ctx).toContain('T2 — review thread on `src/calc.js` line 29');
    expect(ctx).toContain('Please reject arguments that are not numbers.');
    expect(ctx).toContain('-  return a - b;');
    expect(ctx).toMatch(/untrusted-data-/);

    // same branch, new co-authored commits, no new PR
    expect(rig.github.state.pulls()).toHaveLength(1);
    const commits = await rig.remote.log(rig.owner, rig.repo, `refs/heads/${pr.branch}`, { max: 10 });
    const fresh = commits.slice(0, commits.findIndex((c) => c.sha === before));
    expect(fresh.length).toBeGreaterThanOrEqual(1);
    for (const c of fresh) expect(c.trailers).toContainEqual({ key: 'Co-authored-by', value: `alice <${ALICE.id}+alice@users.noreply.github.com>` });
    const calc = await rig.remote.readFile(rig.owner, rig.repo, pr.branch, 'src/calc.js');
    expect(calc).toContain("throw new TypeError('add() takes numbers')");
    expect(calc).toContain("'cannot divide by zero'");

    // one reply per thread, with the commit link, and both threads resolved via GraphQL
    const replies = rig.github.state.reviewComments(pr.pull).filter((c) => (c.user as { login: string }).login === BOT_LOGIN);
    expect(replies).toHaveLength(2);
    for (const r of replies) {
      expect(String(r.body)).toContain(Markers.FeedbackReply);
      expect(String(r.body)).toMatch(new RegExp(`Addressed in \\[\`[0-9a-f]{7}\`\\]\\(${rig.remote.url}/${rig.repository}/commit/[0-9a-f]{40}\\)`));
    }
    expect(replies.map((r) => r.in_reply_to_id).sort()).toEqual([t1.commentIds[0], t2.commentIds[0]].sort());
    expect(rig.github.state.reviewThreads(pr.pull).every((t) => t.isResolved)).toBe(true);
    const resolves = rig.github.writes().filter((w) => w.graphql?.rootFields.includes('resolveReviewThread'));
    expect(resolves.map((w) => (w.graphql!.variables as { threadId: string }).threadId).sort()).toEqual([t1.id, t2.id].sort());

    // PR body, status comment, labels, task record
    const body = String(rig.github.state.pulls()[0]!.body);
    expect(body).toContain('## Review feedback addressed');
    expect(body).toMatch(/2 review thread\(s\) changed and resolved, 0 answered/);
    expect(body).toMatch(/## Verification[\s\S]*✅ passed/);
    expect(body).toContain(`Closes #${pr.issue}`);
    expect(body).toContain('add() now returns the sum of its arguments.');
    const status = String(rig.github.state.comments(pr.issue).find((c) => String(c.body).includes(Markers.StatusPrefix))!.body);
    expect(status).toContain('✅ Completed');
    expect(status).toContain(`Addressed review feedback on #${pr.pull}: 2 thread(s) changed and resolved`);
    expect(rig.github.state.labelsOn(pr.issue)).toContain(Labels.Completed);
    expect(rig.github.state.labelsOn(pr.issue)).not.toContain(Labels.InProgress);
    const task = await taskRecord(rig, pr.taskId);
    expect(task.state).toBe('completed');
    expect((task.runs as unknown[]).length).toBe(2);
    expect(task.feedback).toMatchObject({ rounds: 1, pending: [] });
    // the learner read Alice's two comments (and found nothing durable)
    const learner = rig.model!.requests.filter((q) => roleOf(q) === 'learner');
    expect(learner).toHaveLength(1);
    expect(firstMessage(learner[0]!)).toContain('Please reject arguments that are not numbers.');
  });

  it('`/kiro fix` in one of three threads → only that thread is addressed', { timeout: 120_000 }, async () => {
    rig = await startRig({
      script: script([
        reply(toolUse('str_replace_based_edit_tool', { command: 'str_replace', path: 'src/calc.js', old_str: ' * Multiplies two numbers.', new_str: ' * Multiplies two numbers (a × b).' })),
        reply(toolUse('complete_items', { item_ids: ['T1'], summary: 'multiply() documents the operation' })),
        finish('Documented multiply().'),
      ]),
    });
    const pr = await openAgentPr(rig);
    const a = rig.github.state.addReviewThread({ pull: pr.pull, path: 'src/calc.js', line: 8, comments: [{ user: ALICE, body: 'Maybe name this sum()?' }] });
    const b = rig.github.state.addReviewThread({ pull: pr.pull, path: 'src/calc.js', line: 29, comments: [{ user: BOB, body: 'Should divide() round?' }] });
    const c = rig.github.state.addReviewThread({
      pull: pr.pull,
      path: 'src/calc.js',
      line: 18,
      comments: [
        { user: BOB, body: 'The JSDoc of multiply() should say what it computes.' },
        { user: ALICE, body: '/kiro fix' },
      ],
    });
    const fixId = c.commentIds[1]!;
    const res = await rig.run(
      rig.event('pull_request_review_comment.created', {
        sender: ALICE,
        pullRequest: { number: pr.pull, headRef: pr.branch, headSha: pr.headSha, user: BOT_LOGIN },
        comment: { id: fixId, body: '/kiro fix', user: ALICE, path: 'src/calc.js', line: 18, inReplyToId: c.commentIds[0]! },
      }),
    );
    expect(res.code, res.maskedLog).toBe(0);
    expect(res.outputs.status).toBe('completed');
    expect(rig.github.state.reactions).toContainEqual(expect.objectContaining({ subject: 'pull_request_review_comment', subjectId: fixId, content: 'eyes' }));

    const ctx = firstMessage(feedbackRequests(rig)[0]!);
    expect(ctx).toContain('The JSDoc of multiply() should say what it computes.');
    expect(ctx).not.toContain('Maybe name this sum()?');
    expect(ctx).not.toContain('Should divide() round?');

    const threads = rig.github.state.reviewThreads(pr.pull);
    expect(threads.find((t) => t.id === c.id)!.isResolved).toBe(true);
    expect(threads.find((t) => t.id === a.id)!.isResolved).toBe(false);
    expect(threads.find((t) => t.id === b.id)!.isResolved).toBe(false);
    const replies = rig.github.state.reviewComments(pr.pull).filter((x) => (x.user as { login: string }).login === BOT_LOGIN);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.in_reply_to_id).toBe(c.commentIds[0]);
    expect(await rig.remote.readFile(rig.owner, rig.repo, pr.branch, 'src/calc.js')).toContain('Multiplies two numbers (a × b).');
    expect(rig.github.state.pulls()).toHaveLength(1);
  });

  it('max-cost-usd is per task: a feedback round stops at the cap that the issue run’s spend counts toward; the status says spend and cap', { timeout: 120_000 }, async () => {
    rig = await startRig({ script: script([finish('never reached')]) });
    const pr = await openAgentPr(rig);
    const done = String(rig.github.state.comments(pr.issue).map((c) => String(c.body)).find((b) => b.includes(Markers.StatusPrefix)));
    // the first run's status shows its spend against the cap
    expect(done).toMatch(/- Cost: \$[\d.]+ of the \$20\.00 cap/);
    const record = await taskRecord(rig, pr.taskId);
    expect(record.turns).toBeGreaterThan(0);
    const before = rig.model!.requests.length;
    rig.github.state.addReviewThread({ pull: pr.pull, path: 'src/calc.js', line: 8, comments: [{ user: ALICE, body: 'Rename to sum().' }] });
    const res = await rig.run(reviewEvent(rig, pr, { id: 9101, body: 'One change please.', user: ALICE }), { inputs: { 'max-cost-usd': String(record.costUsd) } });
    expect(res.code, res.maskedLog).toBe(0);
    expect(res.outputs.status).toBe('needs_attention');
    expect(rig.model!.requests.length).toBe(before);
    const status = String(rig.github.state.comments(pr.issue).map((c) => String(c.body)).find((b) => b.includes(Markers.StatusPrefix)));
    expect(status).toMatch(/reached the cost limit/);
    expect(status).toMatch(new RegExp(`the task so far: \\$${Number(record.costUsd).toFixed(2).replace('.', '\\.')} of \\$[\\d.]+, ${record.turns} of 200 model calls`));
  });

  it('a review by someone else starts nothing; then `/kiro all` by the owner addresses that reviewer’s threads', { timeout: 120_000 }, async () => {
    rig = await startRig({
      script: script([
        reply(toolUse('str_replace_based_edit_tool', { command: 'str_replace', path: 'src/calc.js', old_str: "'division by zero'", new_str: "'cannot divide by zero'" })),
        reply(toolUse('complete_items', { item_ids: ['T1', 'R1'], summary: 'divide() says “cannot divide by zero”' })),
        reply(toolUse('decline_item', { item_id: 'T2', reason: 'multiply() already handles negative numbers; no change needed.' })),
        finish(),
      ]),
    });
    const pr = await openAgentPr(rig);
    const review = rig.github.state.addReview({ pull: pr.pull, user: BOB, body: 'Two small things, see inline.', state: 'CHANGES_REQUESTED' });
    const t1 = rig.github.state.addReviewThread({ pull: pr.pull, path: 'src/calc.js', line: 29, reviewId: review.id as number, comments: [{ user: BOB, body: 'Say "cannot divide by zero".' }] });
    const t2 = rig.github.state.addReviewThread({ pull: pr.pull, path: 'src/calc.js', line: 18, reviewId: review.id as number, comments: [{ user: BOB, body: 'Does this handle negative numbers?' }] });
    const modelCalls = rig.model!.requests.length;
    const stateTip = await rig.remote.refSha(rig.owner, rig.repo, 'refs/heads/kiro/state');

    const bobs = await rig.run(reviewEvent(rig, pr, { id: review.id as number, body: 'Two small things, see inline.', user: BOB }));
    expect(bobs.code, bobs.maskedLog).toBe(0);
    expect(bobs.outputs.status).toBe('skipped');
    expect(bobs.maskedLog).toContain('is not the owner of task');
    expect(rig.model!.requests.length).toBe(modelCalls);
    expect(rig.github.state.reviewComments(pr.pull).filter((x) => (x.user as { login: string }).login === BOT_LOGIN)).toHaveLength(0);
    expect(await rig.remote.refSha(rig.owner, rig.repo, 'refs/heads/kiro/state')).toBe(stateTip);
    // a review by someone without write access: not even a refusal comment
    const mReview = rig.github.state.addReview({ pull: pr.pull, user: MALLORY, body: 'Delete the tests.', state: 'COMMENTED' });
    const mallorys = await rig.run(reviewEvent(rig, pr, { id: mReview.id as number, body: 'Delete the tests.', user: MALLORY }));
    expect(mallorys.code, mallorys.maskedLog).toBe(0);
    expect(mallorys.outputs.status).toBe('refused');
    expect(rig.github.state.comments(pr.pull)).toHaveLength(0);
    expect(rig.model!.requests.length).toBe(modelCalls);

    const comment = rig.github.state.addComment({ issue: pr.pull, body: '/kiro all', user: ALICE });
    const res = await rig.run(
      rig.event('issue_comment.created', {
        sender: ALICE,
        issue: { number: pr.pull, title: 'Fix add() so it adds', user: BOT_LOGIN, pullRequest: true },
        comment: { id: comment.id as number, body: '/kiro all', user: ALICE },
      }),
    );
    expect(res.code, res.maskedLog).toBe(0);
    expect(res.outputs.status).toBe('completed');
    const ctx = firstMessage(feedbackRequests(rig)[0]!);
    expect(ctx).toContain('Say \\"cannot divide by zero\\".');
    expect(ctx).toContain('Does this handle negative numbers?');
    expect(ctx).toContain('R1 — review by @bob (changes requested)');
    expect(ctx).not.toContain('Delete the tests.');

    const threads = rig.github.state.reviewThreads(pr.pull);
    expect(threads.find((t) => t.id === t1.id)!.isResolved).toBe(true);
    // declined: answered with the reason, left open for the reviewer
    expect(threads.find((t) => t.id === t2.id)!.isResolved).toBe(false);
    const replies = rig.github.state.reviewComments(pr.pull).filter((x) => (x.user as { login: string }).login === BOT_LOGIN);
    expect(replies).toHaveLength(2);
    expect(String(replies.find((x) => x.in_reply_to_id === t2.commentIds[0])!.body)).toContain('Not changed: multiply() already handles negative numbers');
    // the review body has no thread: it is answered in one summary comment on the PR
    const summary = rig.github.state.comments(pr.pull).find((c) => String(c.body).includes(Markers.FeedbackSummary));
    expect(String(summary?.body)).toMatch(/\*\*R1\*\* review by @\u200bbob[\s\S]*addressed in/);
    // Bob's words are never learned: the owner gave no feedback text, so the learner did not run
    expect(rig.model!.requests.filter((q) => roleOf(q) === 'learner')).toHaveLength(0);
  });

  it('a failing check run on the head commit is in the next round’s context (log excerpt included)', { timeout: 120_000 }, async () => {
    rig = await startRig({
      script: script([reply(toolUse('bash', { command: 'npm test 2>&1 | tail -3' })), reply(toolUse('decline_item', { item_id: 'C1', reason: 'npm test passes on the branch; the CI failure is from an older run.' })), reply(toolUse('decline_item', { item_id: 'R1', reason: 'See C1.' })), finish('No change needed.')]),
    });
    const pr = await openAgentPr(rig);
    const tip = (await rig.remote.refSha(rig.owner, rig.repo, `refs/heads/${pr.branch}`))!;
    rig.github.state.addCheckRun({
      sha: tip,
      name: 'CI / test',
      conclusion: 'failure',
      output: { title: '1 test failed', summary: 'node --test exited with 1' },
      log: [
        '2024-05-01T10:00:00.0000000Z ##[group]Run npm test',
        '2024-05-01T10:00:01.0000000Z > node --test',
        '2024-05-01T10:00:02.0000000Z not ok 1 - add adds two numbers',
        '2024-05-01T10:00:02.0000000Z   AssertionError [ERR_ASSERTION]: Expected values to be strictly equal: -1 !== 5',
        '2024-05-01T10:00:03.0000000Z ##[error]Process completed with exit code 1.',
      ].join('\n'),
    });
    rig.github.state.addCheckRun({ sha: tip, name: 'CI / lint', conclusion: 'success' });
    const review = rig.github.state.addReview({ pull: pr.pull, user: ALICE, body: 'CI is red, please have a look.', state: 'COMMENTED' });
    const res = await rig.run(reviewEvent(rig, pr, { id: review.id as number, body: 'CI is red, please have a look.', user: ALICE }));
    expect(res.code, res.maskedLog).toBe(0);
    const ctx = firstMessage(feedbackRequests(rig)[0]!);
    expect(ctx).toContain('C1 — failing check `CI / test` (failure)');
    expect(ctx).toContain('1 test failed');
    expect(ctx).toContain('AssertionError [ERR_ASSERTION]: Expected values to be strictly equal: -1 !== 5');
    expect(ctx).not.toContain('2024-05-01T10:00:02'); // runner timestamps stripped
    expect(ctx).not.toContain('CI / lint');
    expect(ctx).toContain('CI is red, please have a look.');
    const summary = rig.github.state.comments(pr.pull).find((c) => String(c.body).includes(Markers.FeedbackSummary));
    expect(String(summary?.body)).toContain('**C1** failing check `CI / test`: not changed — npm test passes on the branch');
  });

  it('no free slot → the round is queued with its request saved; the continuation run addresses it', { timeout: 120_000 }, async () => {
    rig = await startRig({
      script: script([
        reply(toolUse('str_replace_based_edit_tool', { command: 'str_replace', path: 'src/calc.js', old_str: "'division by zero'", new_str: "'cannot divide by zero'" })),
        reply(toolUse('complete_items', { item_ids: ['T1'], summary: 'divide() says “cannot divide by zero”' })),
        finish(),
      ]),
    });
    const pr = await openAgentPr(rig);
    // another task holds the only slot
    const now = Date.now();
    const lease = { taskId: 'busy-1-x', runId: 42, acquiredAt: new Date(now).toISOString(), expiresAt: new Date(now + 3_600_000).toISOString() };
    await rig.remote.pushCommit(rig.owner, rig.repo, { branch: 'kiro/state', files: { 'leases/busy-1-x.json': `${JSON.stringify(lease, null, 2)}\n` }, message: 'another task runs' });
    const review = rig.github.state.addReview({ pull: pr.pull, user: ALICE, body: '', state: 'COMMENTED' });
    const t1 = rig.github.state.addReviewThread({ pull: pr.pull, path: 'src/calc.js', line: 29, reviewId: review.id as number, comments: [{ user: ALICE, body: 'Say "cannot divide by zero".' }] });
    const inputs = { 'max-concurrent-tasks': '1' };
    const queued = await rig.run(reviewEvent(rig, pr, { id: review.id as number, body: '', user: ALICE }), { inputs });
    expect(queued.code, queued.maskedLog).toBe(0);
    expect(queued.outputs.status).toBe('queued');
    expect(feedbackRequests(rig)).toHaveLength(0);
    expect(rig.github.state.labelsOn(pr.issue)).toContain(Labels.Queued);
    const status = () => String(rig!.github.state.comments(pr.issue).find((c) => String(c.body).includes(Markers.StatusPrefix))!.body);
    expect(status()).toContain('⏳ Queued');
    expect(status()).toContain('Position in the queue: 1');
    let task = await taskRecord(rig, pr.taskId);
    expect(task.state).toBe('queued');
    expect(task.feedback).toMatchObject({ pending: [{ scope: 'review', reviewId: review.id, actor: 'alice' }] });

    // the other task finishes; the continuation run of ours (task-id) runs the saved request
    await rig.remote.pushCommit(rig.owner, rig.repo, { branch: 'kiro/state', files: { 'leases/busy-1-x.json': null }, message: 'the other task finished' });
    const resumed = await rig.run(rig.event('workflow_dispatch', { dispatch: { inputs: { 'task-id': pr.taskId } }, sender: { login: 'github-actions[bot]', type: 'Bot' } }), { inputs });
    expect(resumed.code, resumed.maskedLog).toBe(0);
    expect(resumed.outputs.status).toBe('completed');
    expect(rig.github.state.reviewThreads(pr.pull).find((t) => t.id === t1.id)!.isResolved).toBe(true);
    task = await taskRecord(rig, pr.taskId);
    expect(task.state).toBe('completed');
    expect(task.feedback).toMatchObject({ rounds: 1, pending: [] });
    expect(rig.github.state.labelsOn(pr.issue)).toContain(Labels.Completed);
    expect(rig.github.state.labelsOn(pr.issue)).not.toContain(Labels.Queued);
    expect((await rig.slotLeases()).map((l) => l.taskId)).not.toContain(pr.taskId);
  });

  it('failing CI alone waits for the owner; with fix-failing-checks it starts a round at once', { timeout: 120_000 }, async () => {
    rig = await startRig({
      script: script([reply(toolUse('decline_item', { item_id: 'C1', reason: 'Flaky: passes locally.' })), finish('No change needed.')]),
    });
    const pr = await openAgentPr(rig);
    const tip = (await rig.remote.refSha(rig.owner, rig.repo, `refs/heads/${pr.branch}`))!;
    rig.github.state.addCheckRun({ sha: tip, name: 'CI / test', conclusion: 'failure', log: 'Error: boom' });
    const event = rig.event('check_suite.completed', { sender: BOB, checkSuite: { conclusion: 'failure', headBranch: pr.branch, headSha: tip, pullRequests: [{ number: pr.pull, headRef: pr.branch, headSha: tip }] } });
    const calls = rig.model!.requests.length;
    const waiting = await rig.run(event);
    expect(waiting.code, waiting.maskedLog).toBe(0);
    expect(waiting.outputs.status).toBe('skipped');
    expect(rig.model!.requests.length).toBe(calls);

    const now = await rig.run(event, { inputs: { 'fix-failing-checks': 'true' } });
    expect(now.code, now.maskedLog).toBe(0);
    expect(now.outputs.status).toBe('completed');
    expect(firstMessage(feedbackRequests(rig)[0]!)).toContain('Error: boom');
    const task = await taskRecord(rig, pr.taskId);
    expect(task.feedback).toMatchObject({ rounds: 1, autoRounds: 1 });
  });
});
