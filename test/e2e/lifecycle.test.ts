/**
 * The task lifecycle through dist/index.js (SPEC.md J1.3, J6, J7): clarifying questions answered
 * in a later run, cancellation of a running task, the concurrency queue, and a task that outlives
 * its job's time budget. Every "wait" is a finished job; every resume is a new event.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Labels, Markers } from '../../src/constants.js';
import { reply, toolUse, type RoutedScript } from '../rig/model-server.js';
import type { RunActionResult } from '../rig/launcher.js';
import { ALICE, BOB, startRig, type Rig, closeChecked } from './harness.js';
import { CALC_SPEC, coderFixSteps, plannerSteps, roleOf, verifierPass } from './scripts.js';

let rig: Rig | undefined;
afterEach(async () => {
  await closeChecked(rig);
  rig = undefined;
});

function statusOf(r: Rig, n: number): string {
  return String(r.github.state.comments(n).find((c) => String(c.body).includes(Markers.StatusPrefix))?.body ?? '');
}

async function until(cond: () => boolean | Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('clarifying questions', () => {
  it('asks, waits, ignores a non-owner, resumes from the saved spec on the owner’s answer → PR', async () => {
    const questions = ['Should add() also accept strings?', 'Keep the JSDoc as is?'];
    const script: RoutedScript = {
      route: roleOf,
      scripts: {
        planner: plannerSteps({ ...CALC_SPEC, questions }),
        coder: coderFixSteps(),
        verifier: verifierPass(),
      },
    };
    rig = await startRig({ script });
    const issue = rig.github.state.addIssue({ title: 'add() subtracts', body: 'fix it', user: ALICE });
    const n = issue.number as number;
    const first = await rig.run(rig.event('issues.labeled', { label: 'kiro', issue: { number: n, title: 'add() subtracts', user: ALICE }, sender: ALICE }));
    expect(first.code, first.maskedLog).toBe(0);
    expect(first.outputs.status).toBe('needs_attention');
    expect(rig.github.state.labelsOn(n)).toContain(Labels.NeedsAttention);
    const asked = rig.github.state.comments(n).find((c) => String(c.body).includes(Markers.Questions))!;
    expect(String(asked.body)).toContain('1. Should add() also accept strings?');
    expect(String(asked.body)).toContain('2. Keep the JSDoc as is?');
    const plannerCalls = rig.model!.requests.filter((r) => roleOf(r) === 'planner').length;
    expect(plannerCalls).toBe(3);

    // a reply by someone else (a writer, but not the owner) does not resume the task
    const labels = rig.github.state.labelsOn(n);
    const bobReply = rig.github.state.addComment({ issue: n, body: '1. yes', user: BOB });
    const other = await rig.run(rig.event('issue_comment.created', { issue: { number: n, labels, user: ALICE }, comment: { id: bobReply.id as number, body: '1. yes', user: BOB }, sender: BOB }));
    expect(other.code, other.maskedLog).toBe(0);
    expect(other.outputs.status).toBe('skipped');
    expect(rig.model!.requests.filter((r) => roleOf(r) !== 'planner')).toHaveLength(0);

    // the owner's answer resumes: no second planning pass, the answers reach the coder
    const answer = rig.github.state.addComment({ issue: n, body: '1. No, numbers only. 2. Yes.', user: ALICE });
    const second = await rig.run(rig.event('issue_comment.created', { issue: { number: n, labels, user: ALICE }, comment: { id: answer.id as number, body: '1. No, numbers only. 2. Yes.', user: ALICE }, sender: ALICE }));
    expect(second.code, second.maskedLog).toBe(0);
    expect(rig.model!.requests.filter((r) => roleOf(r) === 'planner')).toHaveLength(plannerCalls);
    const coderFirst = rig.model!.requests.find((r) => roleOf(r) === 'coder')!;
    expect(JSON.stringify(coderFirst.body.messages[0])).toContain('No, numbers only');
    expect(JSON.stringify(coderFirst.body.messages[0])).toContain('Return the sum in add()');
    expect(rig.github.state.pulls()).toHaveLength(1);
    expect(rig.github.state.labelsOn(n)).toContain(Labels.Completed);
    expect(second.outputs['task-id']).toBe(first.outputs['task-id']);
  });
});

describe('cancel', () => {
  it('max-cost-usd is per task: the answer run stops at the cap that the first run’s spend counts toward', async () => {
    const script: RoutedScript = { route: roleOf, scripts: { planner: plannerSteps({ ...CALC_SPEC, questions: ['Strings too?'] }), coder: coderFixSteps(), verifier: verifierPass() } };
    rig = await startRig({ script });
    const n = rig.github.state.addIssue({ title: 'add() subtracts', body: 'fix it', user: ALICE }).number as number;
    const first = await rig.run(rig.event('issues.labeled', { label: 'kiro', issue: { number: n, title: 'add() subtracts', user: ALICE }, sender: ALICE }));
    expect(first.outputs.status).toBe('needs_attention');
    const record = JSON.parse((await rig.stateFile(`tasks/${first.outputs['task-id']}.json`))!) as { costUsd: number; turns: number };
    expect(record.costUsd).toBeGreaterThan(0);
    expect(record.turns).toBe(3);
    // the cap is what the first run already spent: nothing is left for the second
    const before = rig.model!.requests.length;
    const c = rig.github.state.addComment({ issue: n, body: 'No, numbers only.', user: ALICE });
    const second = await rig.run(rig.event('issue_comment.created', { issue: { number: n, labels: rig.github.state.labelsOn(n), user: ALICE }, comment: { id: c.id as number, body: 'No, numbers only.', user: ALICE }, sender: ALICE }), {
      inputs: { 'max-cost-usd': String(record.costUsd) },
    });
    expect(second.code, second.maskedLog).toBe(0);
    expect(second.outputs.status).toBe('needs_attention');
    expect(rig.model!.requests.length).toBe(before);
    const status = statusOf(rig, n);
    expect(status).toMatch(/reached the task's cost limit \(\$[\d.]+ across its runs\)/);
    expect(status).toMatch(/the task so far: \$[\d.]+ of \$[\d.]+, 3 of 200 model calls/);
  });

  it('/kiro cancel during a task → the run is cancelled through the API, kiro:cancelled, no PR', async () => {
    const script: RoutedScript = {
      route: roleOf,
      scripts: {
        // the planner thinks for a long time: the task is running when the cancel arrives
        planner: [{ ...reply(toolUse('list_files', {})), delayMs: 60_000 }],
      },
    };
    rig = await startRig({ script });
    const issue = rig.github.state.addIssue({ title: 'add() subtracts', body: 'fix it', user: ALICE });
    const n = issue.number as number;
    const runA = 7001;
    rig.github.state.addWorkflowRun({ id: runA, status: 'in_progress' });
    let stopA: (() => void) | undefined;
    const a = rig.run(rig.event('issues.labeled', { label: 'kiro', issue: { number: n, title: 'add() subtracts', user: ALICE }, sender: ALICE }), {
      runId: runA,
      onLine: (_l, _s, control) => {
        stopA = () => control.cancel();
      },
    });
    const model = rig.model!;
    await until(() => model.requests.length > 0, 'the planner to start');

    const labels = rig.github.state.labelsOn(n);
    const c = rig.github.state.addComment({ issue: n, body: '/kiro cancel', user: ALICE });
    const b = await rig.run(rig.event('issue_comment.created', { issue: { number: n, labels, user: ALICE }, comment: { id: c.id as number, body: '/kiro cancel', user: ALICE }, sender: ALICE }));
    expect(b.code, b.maskedLog).toBe(0);
    expect(b.outputs.status).toBe('cancelled');
    const cancels = rig.github.requests.filter((r) => r.operationId === 'actions/cancel-workflow-run');
    expect(cancels.map((r) => r.path)).toEqual([expect.stringContaining(`/actions/runs/${runA}/cancel`)]);
    // GitHub stops run A (the runner signals the process)
    stopA?.();
    const resA: RunActionResult = await a;
    expect(resA.cancelled).toBe(true);
    expect(rig.github.state.labelsOn(n)).toContain(Labels.Cancelled);
    expect(rig.github.state.labelsOn(n)).not.toContain(Labels.InProgress);
    expect(statusOf(rig, n)).toMatch(/Cancelled: @alice commented `\/kiro cancel`/);
    expect(rig.github.state.pulls()).toHaveLength(0);

    // a later comment by the owner does not resume a cancelled task
    const later = rig.github.state.addComment({ issue: n, body: 'actually, go on', user: ALICE });
    const after = await rig.run(rig.event('issue_comment.created', { issue: { number: n, labels: rig.github.state.labelsOn(n), user: ALICE }, comment: { id: later.id as number, body: 'actually, go on', user: ALICE }, sender: ALICE }));
    expect(after.outputs.status).toBe('skipped');
    expect(model.requests).toHaveLength(1);
  });
});

describe('concurrency', () => {
  it('12 tasks with a limit of 10 → 10 in progress, 2 queued with positions; a finishing task dispatches the oldest queued', { timeout: 240_000 }, async () => {
    // every planner answers only once the test has seen all twelve start (an observable moment,
    // not a guessed delay): no task can finish, and free its slot, before the last one queued
    let release!: () => void;
    const allStarted = new Promise<void>((r) => (release = r));
    const planner = (): ReturnType<typeof reply> => ({
      ...reply(toolUse('submit_spec', { title: 'Answer', summary: 'Done.', requirements: [], acceptanceCriteria: [], plan: [], needsCode: false, questions: [] })),
      after: allStarted,
    });
    rig = await startRig({ script: { route: roleOf, scripts: { planner: () => planner() } } });
    const r = rig;
    const issues = Array.from({ length: 12 }, (_, i) => r.github.state.addIssue({ title: `task ${i + 1}`, body: 'x', user: ALICE }).number as number);
    const runs: Array<Promise<RunActionResult>> = [];
    for (const [i, n] of issues.entries()) {
      runs.push(r.run(r.event('issues.labeled', { label: 'kiro', issue: { number: n, title: `task ${i + 1}`, user: ALICE }, sender: ALICE }), { runId: 8000 + i, timeoutMs: 180_000 }));
      // one after the other, like webhook deliveries: a task has its slot when its planner calls
      // the model, or is queued when it carries kiro:queued — so queue order is trigger order
      await until(() => r.github.state.labelsOn(n).includes(Labels.Queued) || r.model!.requests.length >= i + 1, `task ${i + 1} to take a slot or queue`, 60_000);
    }
    const label = (n: number) => r.github.state.labelsOn(n);
    await until(() => issues.filter((n) => label(n).includes(Labels.Queued)).length === 2, 'two queued tasks', 90_000);
    const queued = issues.filter((n) => label(n).includes(Labels.Queued));
    const inProgress = issues.filter((n) => label(n).includes(Labels.InProgress));
    expect(inProgress).toHaveLength(10);
    expect(statusOf(r, queued[0]!)).toContain('Position in the queue: 1');
    expect(statusOf(r, queued[1]!)).toContain('Position in the queue: 2');
    expect(r.github.state.dispatches).toHaveLength(0);

    release();
    const results = await Promise.all(runs);
    for (const res of results) expect(res.code, res.maskedLog).toBe(0);
    // the first finishing task handed its slot to the oldest queued task
    const queuedIds = results.filter((x) => x.outputs.status === 'queued').map((x) => x.outputs['task-id']);
    expect(queuedIds).toHaveLength(2);
    const dispatched = r.github.state.dispatches.map((d) => (d.inputs as Record<string, string>)['task-id']);
    expect(dispatched.slice(0, 2)).toEqual(queuedIds);
    expect(r.github.state.dispatches[0]).toMatchObject({ workflow_id: 'kiro.yml', ref: 'refs/heads/main' });
  });
});

describe('long tasks', () => {
  it('stops at its time budget, checkpoints, and a continuation run finishes with one PR, no duplicated commits, no lost edits', async () => {
    const spec = {
      ...CALC_SPEC,
      plan: [
        { id: 1, title: 'Return the sum in add()', detail: 'src/calc.js' },
        { id: 2, title: 'Document multiply()', detail: 'src/calc.js JSDoc' },
      ],
    };
    const script: RoutedScript = {
      route: roleOf,
      scripts: {
        planner: plannerSteps(spec),
        coder: [
          reply(toolUse('str_replace_based_edit_tool', { command: 'str_replace', path: 'src/calc.js', old_str: 'return a - b;', new_str: 'return a + b;' })),
          reply(toolUse('complete_step', { step_id: 1, summary: 'add() returns a + b' })),
          // a slow turn: the job's budget (21 s, checkpoint at ~19 s) runs out while the model works on
          // step 2 — this turn alone outlasts the whole budget, whatever the machine's load before it
          { ...reply(toolUse('str_replace_based_edit_tool', { command: 'str_replace', path: 'src/calc.js', old_str: ' * Multiplies two numbers.', new_str: ' * Multiplies two numbers (a × b).' })), delayMs: 21_000 },
          // the continuation run
          reply(toolUse('complete_step', { step_id: 2, summary: 'documented multiply()' })),
          reply(toolUse('finish', { summary: 'Fixed add() and documented multiply().', approach: 'Two edits.', tradeoffs: 'None.' })),
        ],
        verifier: verifierPass(),
      },
    };
    rig = await startRig({ script });
    const issue = rig.github.state.addIssue({ title: 'add() subtracts', body: 'fix it', user: ALICE });
    const n = issue.number as number;
    const first = await rig.run(rig.event('issues.labeled', { label: 'kiro', issue: { number: n, title: 'add() subtracts', user: ALICE }, sender: ALICE }), { inputs: { 'timeout-minutes': '0.35' } });
    expect(first.code, first.maskedLog).toBe(0);
    expect(first.outputs.status).toBe('in_progress');
    expect(rig.github.state.dispatches).toHaveLength(1);
    const taskId = (rig.github.state.dispatches[0]!.inputs as Record<string, string>)['task-id'];
    expect(taskId).toBe(first.outputs['task-id']);
    const branch = `kiro/${n}-add-subtracts`;
    // the work in flight is on the branch
    expect(await rig.remote.readFile(rig.owner, rig.repo, branch, 'src/calc.js')).toContain('(a × b)');
    expect(rig.github.state.pulls()).toHaveLength(0);

    const second = await rig.run(rig.event('workflow_dispatch', { dispatch: { inputs: { 'task-id': taskId! } }, sender: { login: 'github-actions[bot]', type: 'Bot' } }));
    expect(second.code, second.maskedLog).toBe(0);
    expect(second.outputs.status).toBe('completed');
    expect(rig.github.state.pulls()).toHaveLength(1);
    expect(rig.model!.requests.filter((r) => roleOf(r) === 'planner')).toHaveLength(3);
    const file = await rig.remote.readFile(rig.owner, rig.repo, branch, 'src/calc.js');
    expect(file).toContain('return a + b;');
    expect(file).toContain('(a × b)');
    const commits = (await rig.remote.log(rig.owner, rig.repo, `refs/heads/${branch}`)).filter((c) => c.authorEmail.includes('github-actions'));
    const subjects = commits.map((c) => c.subject);
    expect(new Set(subjects).size).toBe(subjects.length);
    expect(subjects).toContain('Return the sum in add()');
    expect(rig.model!.remaining()).toBe(0);
  });
});

describe('steering', () => {
  it('an owner comment while the task runs is read at the next step boundary; the reply run only acknowledges it', async () => {
    const coder = coderFixSteps();
    // the coder's first turn answers once the reply run has ended (an observable moment): the task is
    // still running whatever the machine's load
    let replyEnded!: () => void;
    const replyRun$ = new Promise<void>((r) => (replyEnded = r));
    const script: RoutedScript = {
      route: roleOf,
      scripts: {
        planner: plannerSteps(),
        coder: [{ ...(coder[0] as ReturnType<typeof reply>), after: replyRun$ }, ...coder.slice(1)],
        verifier: verifierPass(),
      },
    };
    rig = await startRig({ script });
    const r = rig;
    const issue = r.github.state.addIssue({ title: 'add() subtracts', body: 'fix it', user: ALICE });
    const n = issue.number as number;
    const running = r.run(r.event('issues.labeled', { label: 'kiro', issue: { number: n, title: 'add() subtracts', user: ALICE }, sender: ALICE }), { runId: 9100 });
    await until(() => r.model!.requests.some((q) => roleOf(q) === 'coder'), 'the coder to start');
    const steer = r.github.state.addComment({ issue: n, body: 'Also keep the JSDoc line about numbers.', user: ALICE });
    const replyRun = await r.run(r.event('issue_comment.created', { issue: { number: n, labels: r.github.state.labelsOn(n), user: ALICE }, comment: { id: steer.id as number, body: 'Also keep the JSDoc line about numbers.', user: ALICE }, sender: ALICE }));
    replyEnded();
    expect(replyRun.outputs.status).toBe('skipped');
    const res = await running;
    expect(res.code, res.maskedLog).toBe(0);
    const coderReqs = r.model!.requests.filter((q) => roleOf(q) === 'coder');
    expect(JSON.stringify(coderReqs[1]!.body.messages.at(-1))).toContain('Also keep the JSDoc line about numbers.');
    expect(r.github.state.pulls()).toHaveLength(1);
  });

  it('an owner comment on a finished task continues it on the same branch and PR', async () => {
    const script: RoutedScript = {
      route: roleOf,
      scripts: {
        planner: plannerSteps(),
        coder: [
          ...coderFixSteps(),
          reply(toolUse('str_replace_based_edit_tool', { command: 'str_replace', path: 'src/calc.js', old_str: ' * Adds two numbers.', new_str: ' * Adds two numbers (a + b).' })),
          reply(toolUse('finish', { summary: 'Documented add().', approach: 'JSDoc edit.', tradeoffs: 'None.' })),
        ],
        verifier: [...verifierPass(), ...verifierPass()],
      },
    };
    rig = await startRig({ script });
    const issue = rig.github.state.addIssue({ title: 'add() subtracts', body: 'fix it', user: ALICE });
    const n = issue.number as number;
    const first = await rig.run(rig.event('issues.labeled', { label: 'kiro', issue: { number: n, title: 'add() subtracts', user: ALICE }, sender: ALICE }));
    expect(first.outputs.status).toBe('completed');
    const c = rig.github.state.addComment({ issue: n, body: 'Please also document that add() sums a and b.', user: ALICE });
    const second = await rig.run(rig.event('issue_comment.created', { issue: { number: n, labels: rig.github.state.labelsOn(n), user: ALICE }, comment: { id: c.id as number, body: 'Please also document that add() sums a and b.', user: ALICE }, sender: ALICE }));
    expect(second.code, second.maskedLog).toBe(0);
    expect(second.outputs.status).toBe('completed');
    expect(rig.github.state.pulls()).toHaveLength(1);
    const coderReqs = rig.model!.requests.filter((q) => roleOf(q) === 'coder');
    expect(JSON.stringify(coderReqs[4]!.body.messages[0])).toContain('Please also document that add() sums a and b.');
    const branch = `kiro/${n}-add-subtracts`;
    expect(await rig.remote.readFile(rig.owner, rig.repo, branch, 'src/calc.js')).toContain('Adds two numbers (a + b).');
    expect(rig.github.state.labelsOn(n)).toContain(Labels.Completed);
  });
});
