/**
 * Crash-safe lifecycle (issue #10, docs/state.md "Failure modes") through dist/index.js with faults
 * injected into the loopback GitHub, git remote and runner. Every case ends with exactly one status
 * comment in a true final state, exactly one lifecycle label, no duplicate PR, no lost commit and
 * the task record intact (spec, runs, cost); the resumed cases finish without planning again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Labels, Markers } from '../../src/constants.js';
import { reply, toolUse, type Reply, type ReplyFn, type Step } from '../rig/model-server.js';
import type { RunControl } from '../rig/launcher.js';
import { ALICE, startRig, type Rig, closeChecked } from './harness.js';
import { coderFixSteps, issueToPrScript, plannerSteps, roleOf, verifierPass } from './scripts.js';

let rig: Rig | undefined;
afterEach(async () => {
  await closeChecked(rig);
  rig = undefined;
});

const TITLE = 'add() subtracts';
const BRANCH = (n: number) => `kiro/${n}-add-subtracts`;
const LIFECYCLE = [Labels.Queued, Labels.InProgress, Labels.NeedsAttention, Labels.Completed, Labels.Cancelled] as string[];

function newIssue(r: Rig, title = TITLE): number {
  return r.github.state.addIssue({ title, body: 'add(2, 3) returns -1.', user: ALICE }).number as number;
}
function label(r: Rig, n: number, opts: Parameters<Rig['run']>[1] = {}) {
  return r.run(r.event('issues.labeled', { label: 'kiro', issue: { number: n, title: TITLE, user: ALICE }, sender: ALICE }), opts);
}
function statusComments(r: Rig, n: number): string[] {
  return r.github.state.comments(n).map((c) => String(c.body)).filter((b) => b.startsWith(Markers.StatusPrefix));
}
async function record(r: Rig, taskId: string): Promise<{ state: string; spec?: { plan: Array<{ done: boolean }> }; runs: Array<{ runId: number; endedAt?: string; exitReason?: string }>; costUsd: number; pullRequest?: { url: string } }> {
  const text = await r.stateFile(`tasks/${taskId}.json`);
  if (!text) throw new Error(`no record for ${taskId}`);
  return JSON.parse(text);
}
/** One status comment, showing `title`; one lifecycle label, `label`. */
function expectOneTrueEnd(r: Rig, n: number, title: RegExp, lifecycle: string): void {
  const comments = statusComments(r, n);
  expect(comments, 'exactly one status comment').toHaveLength(1);
  expect(comments[0]).toMatch(title);
  expect(r.github.state.labelsOn(n).filter((l) => LIFECYCLE.includes(l))).toEqual([lifecycle]);
}
const planners = (r: Rig) => r.model!.requests.filter((q) => roleOf(q) === 'planner').length;

describe('idempotent creates', () => {
  it('PR create answered 422 "already exists" (someone opened it in between) → that PR is updated; one PR, Completed', async () => {
    rig = await startRig({ script: issueToPrScript() });
    const n = newIssue(rig);
    const r = rig;
    r.github.onRequest((q) => {
      if (q.operationId === 'pulls/create') {
        r.github.onRequest(undefined);
        r.github.state.addPull({ title: 'opened by hand', head: BRANCH(n), base: 'main', user: ALICE });
      }
    });
    const res = await label(rig, n);
    expect(res.code, res.maskedLog).toBe(0);
    const pulls = rig.github.state.pulls();
    expect(pulls).toHaveLength(1);
    expect(pulls[0]!.title).toBe('Fix add() so it adds');
    expect(String(pulls[0]!.body)).toContain(`Closes #${n}`);
    expectOneTrueEnd(rig, n, /✅ Completed/, Labels.Completed);
    const rec = await record(rig, res.outputs['task-id']!);
    expect(rec).toMatchObject({ state: 'completed', pullRequest: { url: pulls[0]!.html_url } });
  });

  it('a lost 502 on the status comment create and on the PR create → no duplicates', async () => {
    rig = await startRig({ script: issueToPrScript() });
    const n = newIssue(rig);
    rig.github.loseNextResponse('issues/create-comment', 502);
    rig.github.loseNextResponse('pulls/create', 502);
    const res = await label(rig, n);
    expect(res.code, res.maskedLog).toBe(0);
    expect(rig.github.state.pulls()).toHaveLength(1);
    expectOneTrueEnd(rig, n, /✅ Completed/, Labels.Completed);
    expect(rig.github.requests.filter((q) => q.operationId === 'pulls/create')).toHaveLength(1);
  });
});

describe('pushes that race', () => {
  it('non-fast-forward: someone pushed to the task branch → their commit is merged in, checks re-run, pushed; nothing lost', async () => {
    const coder = coderFixSteps();
    let teammate: Promise<string> | undefined;
    const r0 = await startRig({
      script: {
        route: roleOf,
        scripts: {
          planner: plannerSteps(),
          coder: [
            ...coder.slice(0, 3),
            // the step's push created the branch; a teammate pushes to it before the agent finishes
            ((): ReplyFn => () => {
              teammate = r0.remote.pushCommit(r0.owner, r0.repo, { branch: BRANCH(n), files: { 'NOTES.md': 'teammate was here\n' }, message: 'docs: a note', author: { name: 'Bob', email: 'bob@example.com' } });
              return { ...(coder[3] as ReturnType<ReplyFn>), after: teammate };
            })(),
          ],
          verifier: verifierPass(),
        },
      },
    });
    rig = r0;
    const n = newIssue(r0);
    const res = await label(r0, n);
    expect(res.code, res.maskedLog).toBe(0);
    const teammateSha = await teammate!;
    const log = await r0.remote.log(r0.owner, r0.repo, BRANCH(n));
    expect(log.map((c) => c.sha)).toContain(teammateSha);
    expect(log[0]!.parents).toHaveLength(2);
    expect(await r0.remote.readFile(r0.owner, r0.repo, BRANCH(n), 'NOTES.md')).toBe('teammate was here\n');
    expect(await r0.remote.readFile(r0.owner, r0.repo, BRANCH(n), 'src/calc.js')).toContain('return a + b;');
    expect(res.stdout).toMatch(/re-running the checks/);
    expect(r0.github.state.pulls()).toHaveLength(1);
    expectOneTrueEnd(r0, n, /✅ Completed/, Labels.Completed);
  });

  it('a ruleset refuses the task branch → the work goes to a side branch, the PR comes from it and the issue says so', async () => {
    rig = await startRig({ script: issueToPrScript() });
    const n = newIssue(rig);
    await rig.remote.setPushRejection(rig.owner, rig.repo, { message: 'GH013: Repository rule violations found for refs/heads/' + BRANCH(n), refPattern: `refs/heads/${BRANCH(n)}` });
    const res = await label(rig, n);
    expect(res.code, res.maskedLog).toBe(0);
    const branches = await rig.remote.branches(rig.owner, rig.repo);
    const side = branches.find((b) => b.startsWith(`${BRANCH(n)}-kiro-`));
    expect(side).toBeDefined();
    expect(branches).not.toContain(BRANCH(n));
    expect(await rig.remote.readFile(rig.owner, rig.repo, side!, 'src/calc.js')).toContain('return a + b;');
    const pr = rig.github.state.pulls()[0]!;
    expect((pr.head as { ref: string }).ref).toBe(side);
    expectOneTrueEnd(rig, n, /✅ Completed/, Labels.Completed);
    expect(statusComments(rig, n)[0]).toMatch(new RegExp(`The work is on \`${side}\`.*GH013`));
  });
});

describe('faults after the acknowledgement end truthfully', () => {
  it('state branch not writable → Needs attention saying so, with what to do; no task runs', async () => {
    rig = await startRig({ script: issueToPrScript() });
    const n = newIssue(rig);
    await rig.remote.setPushRejection(rig.owner, rig.repo, { message: 'GH006: Protected branch update failed for refs/heads/kiro/state.', refPattern: 'refs/heads/kiro/state' });
    const res = await label(rig, n);
    expect(res.code).not.toBe(0);
    expectOneTrueEnd(rig, n, /✋ Needs attention[\s\S]*Stopped: .*state branch/, Labels.NeedsAttention);
    expect(statusComments(rig, n)[0]).toMatch(/state branch `kiro\/state`/);
    expect(rig.model!.requests).toHaveLength(0);
    expect(res.stdout).toMatch(/::error::Kiro: task .* failed/);
  });

  it('the git remote cuts the reply to a push that landed (state store and task branch) → nothing applied twice, one true end', async () => {
    let r: Rig | undefined;
    const [first, ...rest] = coderFixSteps();
    const coder: Step[] = [
      (() => {
        // from the coder's first request on, the next push of the state store and the next of the
        // task branch land, but their replies are lost
        for (const refs of ['refs/kiro-state/', 'refs/heads/kiro/1-']) {
          r!.remote.injectFault({ status: 0, lostReply: true, service: 'git-receive-pack', method: 'POST', bodyIncludes: refs });
        }
        return first as Reply;
      }) satisfies ReplyFn,
      ...rest,
    ];
    rig = r = await startRig({ script: { route: roleOf, scripts: { planner: plannerSteps(), coder, verifier: verifierPass() } } });
    const n = newIssue(rig);
    const res = await label(rig, n);
    expect(res.code, res.maskedLog).toBe(0);
    const cut = rig.remote.requests.filter((q) => q.service === 'git-receive-pack' && q.method === 'POST' && q.status === 0);
    expect(cut.map((q) => (q.body.includes('refs/kiro-state/') ? 'state' : 'task branch')).sort()).toEqual(['state', 'task branch']);
    // the store's retry found its own commit there (src/state/transport.ts), not a lost race
    expect(res.maskedLog).toMatch(/state store: retrying after could not push state branch kiro\/state .*UND_ERR_SOCKET/);
    expect(res.maskedLog).not.toMatch(/lost a compare-and-swap race/);
    expectOneTrueEnd(rig, n, /✅ Completed/, Labels.Completed);
    expect(rig.github.state.pulls()).toHaveLength(1);
    const rec = await record(rig, res.outputs['task-id']!);
    expect(rec.state).toBe('completed');
    expect(rec.runs).toHaveLength(1);
    expect(rec.spec?.plan.every((s) => s.done)).toBe(true);
    expect(await rig.remote.refs(rig.owner, rig.repo, 'refs/kiro-state/kiro/state/slots/')).toEqual([]);
  });

  it('an outage while finishing (status and label writes fail) → the record says Completed first; the status is put right once GitHub answers', async () => {
    rig = await startRig({ script: issueToPrScript() });
    const n = newIssue(rig);
    const r = rig;
    r.github.onRequest((q) => {
      if (q.operationId === 'pulls/create') {
        r.github.onRequest(undefined);
        r.github.failNext('issues/update-comment', 503, 5);
        r.github.failNext('issues/add-labels', 503, 5);
      }
    });
    const res = await label(rig, n);
    expect(rig.github.state.pulls()).toHaveLength(1);
    const rec = await record(rig, res.outputs['task-id']!);
    expect(rec.state).toBe('completed');
    expect(rec.costUsd).toBeGreaterThan(0);
    expect(rec.runs.every((x) => x.endedAt)).toBe(true);
    expectOneTrueEnd(rig, n, /✅ Completed/, Labels.Completed);
  });

  it('the issue deleted mid-run → the task still ends recorded (the PR is opened, the run closed); nothing crashes', async () => {
    const r0 = await startRig({
      script: {
        route: roleOf,
        scripts: {
          planner: plannerSteps(),
          coder: [
            ((): ReplyFn => () => {
              r0.github.state.deleteIssue(issueNumber);
              return coderFixSteps()[0] as ReturnType<ReplyFn>;
            })(),
            ...coderFixSteps().slice(1),
          ],
          verifier: verifierPass(),
        },
      },
    });
    rig = r0;
    const issueNumber = newIssue(r0);
    const res = await label(r0, issueNumber);
    expect(r0.github.state.issue(issueNumber)).toBeUndefined();
    const rec = await record(r0, res.outputs['task-id']!);
    expect(rec.runs.every((x) => x.endedAt)).toBe(true);
    expect(['completed', 'needs_attention']).toContain(rec.state);
    expect(res.stdout + res.stderr).not.toMatch(/UnhandledPromiseRejection|TypeError/);
  });
});

describe('work survives the runner', () => {
  it('SIGTERM mid-coding → the finished step and the work in progress are pushed, Needs attention, lease released; /kiro continue finishes without planning again', async () => {
    let control: RunControl | undefined;
    const plan = { ...(await import('./scripts.js')).CALC_SPEC };
    plan.plan = [
      { id: 1, title: 'Fix add()', detail: 'return a + b' },
      { id: 2, title: 'Document add()', detail: 'a JSDoc line' },
    ];
    const r0 = await startRig({
      script: {
        route: roleOf,
        scripts: {
          planner: plannerSteps(plan),
          coder: [
            reply(toolUse('str_replace_based_edit_tool', { command: 'str_replace', path: 'src/calc.js', old_str: 'return a - b;', new_str: 'return a + b;' })),
            reply(toolUse('complete_step', { step_id: 1, summary: 'add() returns a + b' })),
            reply(toolUse('str_replace_based_edit_tool', { command: 'insert', path: 'src/calc.js', insert_line: 0, insert_text: '// Arithmetic helpers.' })),
            // the runner stops the job while the coder thinks about step 2
            ((): ReplyFn => () => {
              control?.kill('SIGTERM');
              return { ...reply(toolUse('complete_step', { step_id: 2, summary: 'never reached' })), delayMs: 60_000 };
            })(),
            // the continuation: step 2 is finished, then finish
            reply(toolUse('complete_step', { step_id: 2, summary: 'documented' })),
            reply(toolUse('finish', { summary: 'add() adds; documented.', approach: 'Two steps.', tradeoffs: 'none' })),
          ],
          verifier: verifierPass(),
        },
      },
    });
    rig = r0;
    const n = newIssue(r0);
    const first = await label(r0, n, { onStart: (c) => (control = c) });
    expect(first.signal ?? first.code).not.toBe(0);
    const taskId = first.outputs['task-id']!;
    const rec = await record(r0, taskId);
    expect(rec.state).toBe('needs_attention');
    expect(rec.spec?.plan.map((p) => p.done)).toEqual([true, false]);
    expect(rec.runs.every((x) => x.endedAt)).toBe(true);
    expect(rec.runs[0]!.exitReason).toBe('interrupted:SIGTERM');
    expect(rec.costUsd).toBeGreaterThan(0);
    const wip = await r0.remote.readFile(r0.owner, r0.repo, BRANCH(n), 'src/calc.js');
    expect(wip).toContain('return a + b;');
    expect(wip).toContain('// Arithmetic helpers.');
    expect(await r0.slotLeases()).toEqual([]); // the slot was released
    expectOneTrueEnd(r0, n, /✋ Needs attention[\s\S]*SIGTERM[\s\S]*pushed to `kiro\/\d+-add-subtracts`/, Labels.NeedsAttention);

    const plannedBefore = planners(r0);
    const c = r0.github.state.addComment({ issue: n, body: '/kiro continue', user: ALICE });
    const second = await r0.run(r0.event('issue_comment.created', { issue: { number: n, labels: r0.github.state.labelsOn(n), user: ALICE }, comment: { id: c.id as number, body: '/kiro continue', user: ALICE }, sender: ALICE }));
    expect(second.code, second.maskedLog).toBe(0);
    expect(planners(r0)).toBe(plannedBefore);
    expect(r0.github.state.pulls()).toHaveLength(1);
    const done = await record(r0, taskId);
    expect(done.state).toBe('completed');
    expect(done.costUsd).toBeGreaterThan(rec.costUsd);
    expectOneTrueEnd(r0, n, /✅ Completed/, Labels.Completed);
    const final = await r0.remote.readFile(r0.owner, r0.repo, BRANCH(n), 'src/calc.js');
    expect(final).toContain('// Arithmetic helpers.');
  });

  it('SIGKILL, then a re-run of the same event → resumed from the record (same task, no second plan), one PR', async () => {
    let control: RunControl | undefined;
    const coder = coderFixSteps();
    const r0 = await startRig({
      script: {
        route: roleOf,
        scripts: {
          planner: plannerSteps(),
          coder: [
            coder[0]!,
            ((): ReplyFn => () => {
              control?.kill('SIGKILL');
              return { ...(coder[1] as ReturnType<ReplyFn>), delayMs: 60_000 };
            })(),
            // the re-run's coder: the killed run's uncommitted edit is gone with its runner
            ...coder,
          ],
          verifier: verifierPass(),
        },
      },
    });
    rig = r0;
    const n = newIssue(r0);
    const event = r0.event('issues.labeled', { label: 'kiro', issue: { number: n, title: TITLE, user: ALICE }, sender: ALICE });
    const first = await r0.run(event, { runId: 9100, onStart: (c) => (control = c) });
    expect(first.signal).toBe('SIGKILL');
    const plannedBefore = planners(r0);
    // the re-run: same run id, next attempt (GitHub's "Re-run jobs")
    const second = await r0.run(event, { runId: 9100, env: { GITHUB_RUN_ATTEMPT: '2' } });
    expect(second.code, second.maskedLog).toBe(0);
    expect(second.outputs['task-id']).toBe(first.outputs['task-id'] ?? second.outputs['task-id']);
    expect(planners(r0)).toBe(plannedBefore);
    expect(r0.github.state.pulls()).toHaveLength(1);
    const rec = await record(r0, second.outputs['task-id']!);
    expect(rec.state).toBe('completed');
    expect(rec.spec).toBeDefined();
    expectOneTrueEnd(r0, n, /✅ Completed/, Labels.Completed);
  });
});

describe('untrusted text echoed', () => {
  it('an issue title with control characters, ANSI escapes and bidi overrides is made safe in the status comment, the branch and the log', async () => {
    rig = await startRig({ script: issueToPrScript() });
    const nasty = 'add() \u001b[31msubtracts\u001b[0m\u202e!sdda\u202c\n::warning::spoofed\u0007';
    const n = rig.github.state.addIssue({ title: nasty, body: 'add(2, 3) returns -1.', user: ALICE }).number as number;
    const res = await rig.run(rig.event('issues.labeled', { label: 'kiro', issue: { number: n, title: nasty, user: ALICE }, sender: ALICE }));
    expect(res.code, res.maskedLog).toBe(0);
    const status = statusComments(rig, n)[0]!;
    expect(status).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u202a-\u202e]/);
    expect(status).toContain('add() subtracts!sdda ::warning::spoofed');
    expect(res.stdout).not.toMatch(/^::warning::spoofed/m);
    const pr = rig.github.state.pulls()[0]!;
    expect((pr.head as { ref: string }).ref).toMatch(/^kiro\/\d+-[a-z0-9-]+$/);
  });

  it('a label on a closed issue gets one short reply and no task (README: reopen it to start Kiro)', async () => {
    rig = await startRig({ script: issueToPrScript() });
    const n = newIssue(rig);
    const closed = { number: n, title: TITLE, user: ALICE, state: 'closed' as const };
    for (let i = 0; i < 2; i++) {
      const res = await rig.run(rig.event('issues.labeled', { label: 'kiro', issue: closed, sender: ALICE }));
      expect(res.code, res.maskedLog).toBe(0);
      expect(res.outputs.status).toBe('skipped');
    }
    const replies = rig.github.state.comments(n).filter((c) => String(c.body).startsWith(Markers.ClosedIssue));
    expect(replies).toHaveLength(1);
    expect(String(replies[0]!.body)).toMatch(/This issue is closed/);
    expect(statusComments(rig, n)).toHaveLength(0);
    expect(rig.model!.requests).toHaveLength(0);
  });
});
