/**
 * J5 through dist/index.js: a batch across repositories. Alice dispatches the hub's workflow with
 * `repositories` and `task`; Kiro opens a tracking issue in the hub, one issue and one task per
 * target repository, fixes each and opens one PR per repository; the tracking issue, the batch
 * record on the state branch and the job summary list every PR with its state. A child that finds
 * no free slot stays Queued and its continuation run (in the hub's workflow) finishes it in its
 * own repository. A non-writer's dispatch is refused.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Labels, Markers } from '../../src/constants.js';
import { ALICE, MALLORY, startRig, type Rig, closeChecked } from './harness.js';
import { coderFixSteps, perConversation, plannerSteps, quickCoderSteps, quickPlannerSteps, roleOf, verifierPass } from './scripts.js';
import { reply, toolUse, type RecordedModelRequest } from '../rig/model-server.js';
import type { RunControl } from '../rig/launcher.js';

let rig: Rig | undefined;
afterEach(async () => {
  await closeChecked(rig);
  rig = undefined;
});

const TASK = 'Fix add() so it adds\n\nadd(2, 3) returns -1 in our calculator; make it return the sum.';

function script(n: number) {
  const times = <T>(f: () => T[]) => Array.from({ length: n }, f).flat();
  return { route: roleOf, scripts: { planner: times(plannerSteps), coder: times(coderFixSteps), verifier: times(verifierPass) } };
}

async function stateJson<T>(r: Rig, file: string): Promise<T> {
  return JSON.parse((await r.stateFile(file))!) as T;
}

type BatchRecord = { id: string; owner: { login: string }; instructions: string; items: Array<{ repository: string; taskId: string; state: string; pullRequest?: { number: number; url: string } }>; tracking: { repository: string; issue: number } };


const LEARNED = 'Always return errors in the standard format { error, code }.';

/**
 * J1 for every child, then feedback rounds that change nothing (the item is declined) and a learner
 * that stores LEARNED; `beforeLearning` settles before the learner answers (an observable moment).
 */
function batchLearningScript(beforeLearning?: () => Promise<unknown>) {
  const itemOf = (req: RecordedModelRequest) => /## ([RI]\d+) —/.exec(JSON.stringify(req.body.messages))?.[1] ?? 'R1';
  return perConversation({
    planner: plannerSteps(),
    coder: coderFixSteps(),
    verifier: verifierPass(),
    'feedback-coder': [
      (req) => reply(toolUse('decline_item', { item_id: itemOf(req), reason: 'No error responses are added by this change; the format applies to future error paths.' })),
      reply(toolUse('finish', { summary: 'Nothing to change in this pull request.', approach: 'Checked: no error responses here.', tradeoffs: '' })),
    ],
    learner: [
      (req) => ({
        ...reply(toolUse('submit_learnings', { learnings: [{ text: LEARNED, sourceUrl: /url="([^"]+)"/.exec(JSON.stringify(req.body.messages))?.[1] ?? '' }] })),
        ...(beforeLearning ? { after: beforeLearning() } : {}),
      }),
    ],
  });
}

/** Alice's review on `repo`'s PR, run in that repository's workflow. */
async function reviewFirstPr(r: Rig, repo: string, inputs: Record<string, string>) {
  const pr = r.github.state.pulls(repo)[0]!;
  const head = pr.head as { ref: string; sha: string };
  const body = 'Looks fine. Please always use our standard error format { error, code } for errors.';
  const review = r.github.state.addReview({ repo, pull: pr.number as number, user: ALICE, body, state: 'COMMENTED' });
  const res = await r.run(
    r.event('pull_request_review.submitted', { sender: ALICE, pullRequest: { number: pr.number as number, headRef: head.ref, headSha: head.sha, user: 'github-actions[bot]' }, review: { id: review.id as number, body, user: ALICE, state: 'commented' } }, repo),
    { repo, inputs },
  );
  return { pr, res };
}

describe('batch across repositories (J5)', () => {
  it('15 repositories: the hub hands every child to its own workflow run, never more than max-concurrent-tasks at once; 15 verified PRs; the tracking issue complete and closed', { timeout: 600_000 }, async () => {
    rig = await startRig({ script: perConversation({ planner: quickPlannerSteps(), coder: quickCoderSteps(), verifier: verifierPass() }) });
    const MAX = 5;
    const repos: string[] = [];
    for (let i = 1; i <= 15; i++) repos.push(await rig.addRepo(`app-${String(i).padStart(2, '0')}`));
    const inputs = { 'max-concurrent-tasks': String(MAX), 'network-access': 'open-internet' };
    // at every GitHub request, the child issues labelled In progress (a slot held) are at most MAX
    let maxInProgress = 0;
    rig.github.onRequest(() => {
      const n = repos.filter((r) => rig!.github.state.labelsOn(1, r).includes(Labels.InProgress)).length;
      maxInProgress = Math.max(maxInProgress, n);
    });
    const runner = rig.dispatchRunner({ inputs, timeoutMs: 300_000 });
    const res = await rig.run(rig.event('workflow_dispatch', { dispatch: { inputs: { repositories: repos.join(', '), task: TASK } }, sender: ALICE }), { inputs });
    expect(res.code, res.maskedLog).toBe(0);
    const batchId = res.outputs['task-id']!;
    expect(batchId).toMatch(/^batch-/);
    // the hub only set the batch up: no model call of its own, MAX children started, the rest queued
    expect(res.outputs.status).toBe('in_progress');
    expect(res.maskedLog).toContain(`${MAX} of 15 tasks started in their own workflow runs; ${15 - MAX} queued`);
    await runner.idle();
    runner.stop();
    expect(runner.failures).toEqual([]);

    // one run per child, each dispatched in the hub's workflow with the child's task id
    expect(runner.results).toHaveLength(15);
    expect(rig.github.state.dispatches.every((d) => d.repo === rig!.repository && d.workflow_id === 'kiro.yml')).toBe(true);
    for (const { result } of runner.results) {
      expect(result.code, result.maskedLog).toBe(0);
      expect(result.outputs.status).toBe('completed');
    }
    expect(maxInProgress).toBeGreaterThan(1);
    expect(maxInProgress).toBeLessThanOrEqual(MAX);

    // one issue (with the batch marker), one verified PR per repository
    const prs: Record<string, { url: string; number: number }> = {};
    for (const repo of repos) {
      const issue = rig.github.state.issue(1, repo)!;
      expect(String(issue.body)).toContain(`${Markers.Batch}=${batchId} -->`);
      const pulls = rig.github.state.pulls(repo);
      expect(pulls, repo).toHaveLength(1);
      const pr = pulls[0]!;
      expect(String(pr.body)).toContain('Closes #1');
      const head = pr.head as { ref: string };
      expect(await rig.remote.readFile(repo.split('/')[0]!, repo.split('/')[1]!, head.ref, 'src/calc.js')).toContain('return a + b;');
      expect(rig.github.state.labelsOn(1, repo)).toContain(Labels.Completed);
      prs[repo] = { url: String(pr.html_url), number: pr.number as number };
    }
    expect(rig.github.state.pulls()).toHaveLength(0);

    // the batch record and the tracking issue: every PR, complete, closed
    const batch = await stateJson<BatchRecord>(rig, `batches/${batchId}.json`);
    expect(batch.items.map((i) => ({ repository: i.repository, state: i.state, url: i.pullRequest?.url }))).toEqual(repos.map((r) => ({ repository: r, state: 'completed', url: prs[r]!.url })));
    for (const item of batch.items) {
      const task = await stateJson<{ kind: string; batchId: string; state: string }>(rig, `tasks/${item.taskId}.json`);
      expect(task).toMatchObject({ kind: 'batch-child', batchId, state: 'completed' });
    }
    // every slot released and nobody left in the queue (slots and queue entries are refs, layout version 3)
    expect(await rig.slotLeases()).toEqual([]);
    expect(await rig.remote.refs(rig.owner, rig.repo, 'refs/kiro-state/kiro/state/queue/')).toEqual([]);
    const tracking = rig.github.state.issue(1)!;
    expect(tracking.title).toBe('Kiro batch: Fix add() so it adds');
    expect(tracking.state).toBe('closed');
    expect(tracking.state_reason).toBe('completed');
    const body = String(tracking.body);
    for (const repo of repos) expect(body).toContain(`| ${repo} | [#1](`);
    expect(body).toContain('15 of 15 completed');
    expect(body.match(/✅ Completed/g)).toHaveLength(15);
    expect(res.summary).toContain('## Kiro batch: Fix add() so it adds');
  });

  it('a hub killed mid-setup, then killed again before its first dispatch: each re-run resumes the same batch — no duplicate issue (not even behind 120 newer issues), comment or run — and every child completes', { timeout: 400_000 }, async () => {
    rig = await startRig({ script: perConversation({ planner: plannerSteps(), coder: coderFixSteps(), verifier: verifierPass() }) });
    const r = rig;
    const repos = [await r.addRepo('app-a'), await r.addRepo('app-b'), await r.addRepo('app-c')];
    const inputs = { 'max-concurrent-tasks': '2' };
    const runner = r.dispatchRunner({ inputs });
    const event = r.event('workflow_dispatch', { dispatch: { inputs: { repositories: repos.join(', '), task: TASK } }, sender: ALICE });
    let control: RunControl | undefined;
    // attempt 1 dies as it posts app-b's status comment (app-b's issue exists, its record does not)
    r.github.onRequest((q) => {
      if (q.method === 'POST' && q.path.includes(`/repos/${repos[1]}/issues/1/comments`)) control?.kill('SIGKILL');
    });
    const first = await r.run(event, { runId: 7700, inputs, onStart: (c) => (control = c) });
    expect(first.signal).toBe('SIGKILL');
    // a busy repository: more issues opened since than one page of the newest holds
    const [bOwner, bRepo] = repos[1]!.split('/');
    for (let i = 0; i < 120; i++) r.github.state.addIssue({ owner: bOwner, repo: bRepo, title: `unrelated ${i}`, body: 'x', user: ALICE });
    // attempt 2 dies as it dispatches the first child's run: that dispatch is lost (the reservations stay)
    r.github.onRequest((q) => {
      if (q.operationId === 'actions/create-workflow-dispatch') {
        r.github.failNext(q.operationId, 503);
        control?.kill('SIGKILL');
      }
    });
    const second = await r.run(event, { runId: 7700, inputs, env: { GITHUB_RUN_ATTEMPT: '2' }, onStart: (c) => (control = c) });
    expect(second.signal).toBe('SIGKILL');
    expect(r.github.state.dispatches).toHaveLength(0);
    r.github.onRequest(undefined);
    // attempt 3 finishes the setup: both reserved children are dispatched, the third is queued
    const third = await r.run(event, { runId: 7700, inputs, env: { GITHUB_RUN_ATTEMPT: '3' } });
    expect(third.code, third.maskedLog).toBe(0);
    expect(third.maskedLog).toContain('resuming batch batch-5xw');
    const batchId = third.outputs['task-id']!;
    expect(batchId).toBe('batch-5xw');
    await runner.idle();
    runner.stop();
    expect(runner.failures).toEqual([]);
    expect(runner.results.map((x) => x.result.outputs.status)).toEqual(['completed', 'completed', 'completed']);

    const issuesOf = (repo?: string) => [...r.github.state.repo(repo).issues.values()].filter((i) => !i.pull && !String(i.title).startsWith('unrelated'));
    expect(issuesOf().map((i) => i.title)).toEqual(['Kiro batch: Fix add() so it adds']);
    for (const repo of repos) {
      expect(issuesOf(repo), repo).toHaveLength(1);
      expect(r.github.state.comments(1, repo).filter((c) => String(c.body).startsWith(Markers.StatusPrefix)), repo).toHaveLength(1);
      expect(r.github.state.pulls(repo), repo).toHaveLength(1);
      expect(r.github.state.labelsOn(1, repo)).toContain(Labels.Completed);
    }
    const batch = await stateJson<BatchRecord>(r, `batches/${batchId}.json`);
    expect(batch.items.map((i) => [i.repository, i.state])).toEqual(repos.map((x) => [x, 'completed']));
    expect(r.github.state.issue(1)!.state).toBe('closed');
  });

  it('feedback across the batch: a learning from the owner’s review on one PR is applied to the sibling PR in its own round, queued like any task', { timeout: 400_000 }, async () => {
    rig = await startRig({ script: batchLearningScript() });
    const a = await rig.addRepo('app-a');
    const b = await rig.addRepo('app-b');
    // the children's repositories share the hub's state store (as a batch's repositories must)
    const inputs = { 'state-repository': rig.repository };
    const runner = rig.dispatchRunner({ inputs });
    const hub = await rig.run(rig.event('workflow_dispatch', { dispatch: { inputs: { repositories: `${a}, ${b}`, task: TASK } }, sender: ALICE }), { inputs });
    expect(hub.code, hub.maskedLog).toBe(0);
    await runner.idle();
    expect(runner.results.map((r) => r.result.outputs.status)).toEqual(['completed', 'completed']);
    const prB = rig.github.state.pulls(b)[0]!;
    const taskB = (await stateJson<BatchRecord>(rig, `batches/${hub.outputs['task-id']}.json`)).items.find((i) => i.repository === b)!.taskId;

    // Alice reviews app-a's PR in app-a's workflow: a round there, and a learning
    const fromModel = rig.model!.requests.length;
    const { pr: prA, res: fb } = await reviewFirstPr(rig, a, inputs);
    expect(fb.code, fb.maskedLog).toBe(0);
    expect(fb.maskedLog).toContain('shared 1 learning(s) with 1 sibling pull request(s)');
    // the sibling's round is a continuation run of its own (dispatched, started by the rig like GitHub)
    await runner.idle();
    runner.stop();
    expect(runner.results).toHaveLength(3);
    const siblingRun = runner.results[2]!;
    expect(siblingRun.inputs['task-id']).toBe(taskB);
    expect(siblingRun.result.code, siblingRun.result.maskedLog).toBe(0);
    expect(siblingRun.result.outputs.status).toBe('completed');
    // the sibling's feedback coder got the learning as an instruction, with where it came from
    const siblingCoder = rig.model!.requests.slice(fromModel).filter((q) => roleOf(q) === 'feedback-coder' && JSON.stringify(q.body.messages).includes('another pull request of the same batch'));
    expect(siblingCoder.length).toBeGreaterThan(0);
    expect(JSON.stringify(siblingCoder[0]!.body.messages)).toContain(LEARNED);
    expect(JSON.stringify(siblingCoder[0]!.body.messages)).toContain(String(prA.html_url));
    // one learner call: the learning is not learned again from the sibling's round
    expect(rig.model!.requests.slice(fromModel).filter((q) => roleOf(q) === 'learner')).toHaveLength(1);
    const recordB = await stateJson<{ state: string; feedback: { rounds: number; pending: unknown[] } }>(rig, `tasks/${taskB}.json`);
    expect(recordB).toMatchObject({ state: 'completed', feedback: { rounds: 1, pending: [] } });
    expect(rig.github.state.labelsOn(1, b)).toContain(Labels.Completed);
    expect(String(rig.github.state.pull(prB.number as number, b)!.body)).toMatch(/Review feedback/i);
  });

  it('feedback across the batch with no free slot: the sibling is Queued (label, status saying why, record) and its round starts when the slot frees', { timeout: 400_000 }, async () => {
    const busy = { taskId: 'busy-1-x', runId: 42, acquiredAt: new Date().toISOString(), expiresAt: new Date(Date.now() + 3_600_000).toISOString() };
    let r!: Rig;
    // while app-a's round holds the only slot, another task takes one too (as if started meanwhile)
    rig = r = await startRig({
      script: batchLearningScript(() => r.remote.pushCommit(r.owner, r.repo, { branch: 'kiro/state', files: { 'leases/busy-1-x.json': `${JSON.stringify(busy, null, 2)}\n` }, message: 'another task runs' })),
    });
    const a = await r.addRepo('app-a');
    const b = await r.addRepo('app-b');
    const inputs = { 'state-repository': r.repository, 'max-concurrent-tasks': '1' };
    const runner = r.dispatchRunner({ inputs });
    const hub = await r.run(r.event('workflow_dispatch', { dispatch: { inputs: { repositories: `${a}, ${b}`, task: TASK } }, sender: ALICE }), { inputs });
    expect(hub.code, hub.maskedLog).toBe(0);
    await runner.idle();
    expect(runner.results.map((x) => x.result.outputs.status)).toEqual(['completed', 'completed']);
    const { res: fb } = await reviewFirstPr(r, a, inputs);
    expect(fb.code, fb.maskedLog).toBe(0);
    await runner.idle();
    // the sibling waits: no run for it, Queued everywhere
    expect(runner.results).toHaveLength(2);
    expect(r.github.state.labelsOn(1, b)).toEqual([Labels.Queued]);
    const status = String(r.github.state.comments(1, b).find((c) => String(c.body).includes(Markers.StatusPrefix))!.body);
    expect(status).toContain('Queued: a preference @alice taught in a review of');
    expect(status).toContain('Position in the queue: 1');
    const batchId = hub.outputs['task-id']!;
    const taskB = (await stateJson<BatchRecord>(r, `batches/${batchId}.json`)).items.find((i) => i.repository === b)!.taskId;
    expect(await stateJson<{ state: string; feedback: { pending: unknown[] } }>(r, `tasks/${taskB}.json`)).toMatchObject({ state: 'queued', feedback: { pending: [{ scope: 'learning' }] } });

    // the other task ends: its hand-off starts the sibling's round, which applies the learning
    await r.remote.pushCommit(r.owner, r.repo, { branch: 'kiro/state', files: { 'leases/busy-1-x.json': null }, message: 'the other task finished' });
    const resumed = await r.run(r.event('workflow_dispatch', { dispatch: { inputs: { 'task-id': taskB } }, sender: { login: 'github-actions[bot]', type: 'Bot' } }), { inputs });
    runner.stop();
    expect(resumed.code, resumed.maskedLog).toBe(0);
    expect(resumed.outputs.status).toBe('completed');
    expect(r.github.state.labelsOn(1, b)).toContain(Labels.Completed);
    expect(await stateJson<{ state: string; feedback: { rounds: number; pending: unknown[] } }>(r, `tasks/${taskB}.json`)).toMatchObject({ state: 'completed', feedback: { rounds: 1, pending: [] } });
  });

  it('a child whose repository has an invalid .kiro/settings.json ends Needs attention saying so; its slot goes to the next child; the tracking issue stays open', { timeout: 300_000 }, async () => {
    rig = await startRig({ script: perConversation({ planner: plannerSteps(), coder: coderFixSteps(), verifier: verifierPass() }) });
    const broken = await rig.addRepo('broken', { 'README.md': '# broken\n', '.kiro/settings.json': '{ "agent": { "autonomyLevel": "reckless" } }\n' });
    const good = await rig.addRepo('good');
    const inputs = { 'max-concurrent-tasks': '1' };
    const runner = rig.dispatchRunner({ inputs });
    const hub = await rig.run(rig.event('workflow_dispatch', { dispatch: { inputs: { repositories: `${broken}, ${good}`, task: TASK } }, sender: ALICE }), { inputs });
    expect(hub.code, hub.maskedLog).toBe(0);
    await runner.idle();
    runner.stop();
    // the broken child's run handed its slot on: two child runs
    expect(runner.results).toHaveLength(2);
    expect(rig.github.state.labelsOn(1, broken)).toEqual([Labels.NeedsAttention]);
    const status = String(rig.github.state.comments(1, broken).find((c) => String(c.body).includes(Markers.StatusPrefix))!.body);
    expect(status).toMatch(/settings\.json is invalid/);
    expect(status).toMatch(/autonomyLevel/);
    expect(rig.github.state.pulls(broken)).toHaveLength(0);
    expect(rig.github.state.pulls(good)).toHaveLength(1);
    expect(rig.github.state.labelsOn(1, good)).toContain(Labels.Completed);
    const tracking = rig.github.state.issue(1)!;
    expect(tracking.state).toBe('open');
    expect(String(tracking.body)).toContain('⚠️ Needs attention');
    expect(String(tracking.body)).toContain('1 of 2 completed');
  });

  it('a child that finds no free slot stays Queued; its continuation run in the hub finishes it in its own repository', { timeout: 240_000 }, async () => {
    rig = await startRig({ script: script(1) });
    const a = await rig.addRepo('app-a');
    // another task holds the only slot
    const now = Date.now();
    const lease = { taskId: 'busy-1-x', runId: 42, acquiredAt: new Date(now).toISOString(), expiresAt: new Date(now + 3_600_000).toISOString() };
    await rig.remote.pushCommit(rig.owner, rig.repo, { branch: 'kiro/state', files: { 'leases/busy-1-x.json': `${JSON.stringify(lease, null, 2)}\n` }, message: 'another task runs' });
    const inputs = { 'max-concurrent-tasks': '1' };
    const queued = await rig.run(rig.event('workflow_dispatch', { dispatch: { inputs: { repositories: a, task: TASK } }, sender: ALICE }), { inputs });
    expect(queued.code, queued.maskedLog).toBe(0);
    expect(queued.outputs.status).toBe('in_progress');
    expect(rig.model!.requests).toHaveLength(0);
    const batchId = queued.outputs['task-id']!;
    let batch = await stateJson<BatchRecord>(rig, `batches/${batchId}.json`);
    expect(batch.items).toMatchObject([{ repository: a, state: 'queued' }]);
    expect(String(rig.github.state.issue(1)!.body)).toContain('⏳ Queued');
    expect(rig.github.state.labelsOn(1, a)).toContain(Labels.Queued);

    // the slot frees; the hand-off dispatches the hub's workflow with the child's task id
    await rig.remote.pushCommit(rig.owner, rig.repo, { branch: 'kiro/state', files: { 'leases/busy-1-x.json': null }, message: 'the other task finished' });
    const taskId = batch.items[0]!.taskId;
    const resumed = await rig.run(rig.event('workflow_dispatch', { dispatch: { inputs: { 'task-id': taskId } }, sender: { login: 'github-actions[bot]', type: 'Bot' } }), { inputs });
    expect(resumed.code, resumed.maskedLog).toBe(0);
    expect(resumed.outputs.status).toBe('completed');
    const pr = rig.github.state.pulls(a)[0]!;
    expect(String(pr.body)).toContain('Closes #1');
    expect(rig.github.state.pulls()).toHaveLength(0);
    batch = await stateJson<BatchRecord>(rig, `batches/${batchId}.json`);
    expect(batch.items).toMatchObject([{ repository: a, state: 'completed', pullRequest: { url: String(pr.html_url) } }]);
    expect(String(rig.github.state.issue(1)!.body)).toContain('✅ Completed');
    expect(String(rig.github.state.issue(1)!.body)).toContain(String(pr.html_url));
  });

  it('a dispatch by someone without write access is refused: no issues, no tasks, no model calls', { timeout: 60_000 }, async () => {
    rig = await startRig({ script: script(1) });
    const a = await rig.addRepo('app-a');
    const res = await rig.run(rig.event('workflow_dispatch', { dispatch: { inputs: { repositories: a, task: TASK } }, sender: MALLORY }));
    expect(res.code, res.maskedLog).toBe(0);
    expect(res.outputs.status).toBe('refused');
    expect(rig.github.state.issue(1)).toBeUndefined();
    expect(rig.github.state.issue(1, a)).toBeUndefined();
    expect(rig.model!.requests).toHaveLength(0);
    expect(await rig.remote.readFile(rig.owner, rig.repo, 'kiro/state', 'kiro-state.json')).toBeNull();
  });
});
