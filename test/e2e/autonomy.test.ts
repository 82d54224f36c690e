/**
 * Autonomy levels in an asynchronous world (SPEC.md §2) through dist/index.js: a pause is a
 * finished job with a Needs-attention comment saying what the agent wants to do; `/kiro continue`
 * by a writer approves exactly that and resumes the task in a new job.
 * - balanced: pauses before `rm -rf build/`; a read-only user's `/kiro continue` does nothing;
 *   the owner's resumes, the approved command runs, the PR is opened;
 * - balanced: pauses before a large rewrite of a file; the approval covers that file;
 * - cautious: pauses after each plan step that has a successor, with the step's commit pushed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Labels, Markers } from '../../src/constants.js';
import { reply, toolUse, type RoutedScript, type Step } from '../rig/model-server.js';
import type { RunActionResult } from '../rig/launcher.js';
import { calcFixture, toolResults } from '../e2e-support/policy.js';
import { ALICE, MALLORY, startRig, type Rig, closeChecked } from './harness.js';
import { CALC_SPEC, plannerSteps, roleOf, verifierPass } from './scripts.js';

let rig: Rig | undefined;
afterEach(async () => {
  await closeChecked(rig);
  rig = undefined;
});

const fix = () => reply(toolUse('str_replace_based_edit_tool', { command: 'str_replace', path: 'src/calc.js', old_str: 'return a - b;', new_str: 'return a + b;' }));
const finish = () => reply(toolUse('finish', { summary: 'Done.', approach: 'As planned.', tradeoffs: 'None.' }));

function pauseComments(r: Rig, n: number): string[] {
  return r.github.state.comments(n).map((c) => String(c.body)).filter((b) => b.includes(Markers.Pause));
}

async function label(r: Rig, inputs: Record<string, string> = {}): Promise<{ n: number; res: RunActionResult }> {
  const issue = r.github.state.addIssue({ title: 'add() subtracts', body: 'fix it', user: ALICE });
  const n = issue.number as number;
  const res = await r.run(r.event('issues.labeled', { label: 'kiro', issue: { number: n, title: 'add() subtracts', user: ALICE }, sender: ALICE }), { inputs });
  return { n, res };
}

async function comment(r: Rig, n: number, user: { login: string; id: number }, body: string, inputs: Record<string, string> = {}): Promise<RunActionResult> {
  const c = r.github.state.addComment({ issue: n, body, user });
  const labels = r.github.state.labelsOn(n);
  return r.run(r.event('issue_comment.created', { issue: { number: n, title: 'add() subtracts', labels, user: ALICE }, comment: { id: c.id as number, body, user }, sender: user }), { inputs });
}

describe('balanced autonomy', () => {
  it('pauses before rm -rf build/ with a Needs-attention comment, and resumes on /kiro continue', async () => {
    const coder: Step[] = [
      reply(toolUse('bash', { command: 'rm -rf build/' }, 'rm-first')),
      reply(toolUse('bash', { command: 'rm -rf build/' }, 'rm-approved')),
      fix(),
      reply(toolUse('complete_step', { step_id: 1, summary: 'add() returns a + b; stale build output removed' })),
      finish(),
    ];
    const script: RoutedScript = { route: roleOf, scripts: { planner: plannerSteps(), coder, verifier: verifierPass() } };
    rig = await startRig({ script, fixture: calcFixture({ 'build/bundle.js': '// stale build output\n' }) });

    // ---- job 1: the pause ----------------------------------------------------------------
    const { n, res } = await label(rig);
    expect(res.code, res.maskedLog).toBe(0);
    expect(res.outputs.status).toBe('needs_attention');
    expect(rig.github.state.labelsOn(n)).toContain(Labels.NeedsAttention);
    const [pause, ...more] = pauseComments(rig, n);
    expect(more).toEqual([]);
    expect(pause).toContain('✋ Paused before: `rm -rf build/`');
    expect(pause).toMatch(/Why: .*destructive \(recursive delete\); autonomy level balanced pauses before destructive commands/);
    expect(pause).toContain('Reply `/kiro continue` to approve and go on, or `/kiro cancel` to stop.');
    const status = String(rig.github.state.comments(n).find((c) => String(c.body).includes(Markers.StatusPrefix))!.body);
    expect(status).toMatch(/Paused while coding/);
    // nothing was deleted: the command never ran
    const branch = `kiro/${n}-add-subtracts`;
    expect(await rig.remote.readFile(rig.owner, rig.repo, branch, 'build/bundle.js')).toBe('// stale build output\n');
    expect(rig.model!.requests.filter((r) => roleOf(r) === 'coder')).toHaveLength(1);
    expect(rig.github.state.pulls()).toHaveLength(0);

    // ---- a read-only user cannot approve ---------------------------------------------------
    const denied = await comment(rig, n, MALLORY, '/kiro continue');
    expect(denied.code, denied.maskedLog).toBe(0);
    expect(rig.model!.requests.filter((r) => roleOf(r) === 'coder')).toHaveLength(1);
    expect(rig.github.state.labelsOn(n)).toContain(Labels.NeedsAttention);

    // ---- job 2: the owner approves -----------------------------------------------------------
    const resumed = await comment(rig, n, ALICE, '/kiro continue');
    expect(resumed.code, resumed.maskedLog).toBe(0);
    expect(resumed.outputs.status).toBe('completed');
    const coderReqs = rig.model!.requests.filter((r) => roleOf(r) === 'coder');
    // the resumed coder is told what was approved; no second planning pass
    expect(JSON.stringify(coderReqs[1]!.body.messages[0])).toContain('The task owner approved `rm -rf build/`');
    expect(rig.model!.requests.filter((r) => roleOf(r) === 'planner')).toHaveLength(3);
    const approved = toolResults(rig.model!.requests).get('rm-approved')!;
    expect(approved.isError).toBe(false);
    expect(approved.content).toContain('[exit code: 0]');
    expect(await rig.remote.readFile(rig.owner, rig.repo, branch, 'build/bundle.js')).toBeNull();
    expect(await rig.remote.readFile(rig.owner, rig.repo, branch, 'src/calc.js')).toContain('return a + b;');
    expect(rig.github.state.pulls()).toHaveLength(1);
    expect(rig.github.state.labelsOn(n)).toContain(Labels.Completed);
    expect(rig.github.state.labelsOn(n)).not.toContain(Labels.NeedsAttention);
  });

  it('an approval in words from the owner resumes like /kiro continue; another reply resumes without approving', async () => {
    const coder: Step[] = [
      reply(toolUse('bash', { command: 'rm -rf build/' }, 'rm-1')),
      // after "use git clean instead": the same command pauses again (not approved)
      reply(toolUse('bash', { command: 'rm -rf build/' }, 'rm-2')),
      // after "yes, go ahead": approved
      reply(toolUse('bash', { command: 'rm -rf build/' }, 'rm-3')),
      fix(),
      reply(toolUse('complete_step', { step_id: 1, summary: 'add() returns a + b' })),
      finish(),
    ];
    rig = await startRig({ script: { route: roleOf, scripts: { planner: plannerSteps(), coder, verifier: verifierPass() } }, fixture: calcFixture({ 'build/bundle.js': '// stale\n' }) });
    const { n } = await label(rig);
    expect(pauseComments(rig, n)).toHaveLength(1);

    const instruction = await comment(rig, n, ALICE, 'Hmm, why delete the build directory?');
    expect(instruction.code, instruction.maskedLog).toBe(0);
    expect(instruction.outputs.status).toBe('needs_attention');
    expect(pauseComments(rig, n)).toHaveLength(2);
    const coderReqs = rig.model!.requests.filter((r) => roleOf(r) === 'coder');
    expect(JSON.stringify(coderReqs[1]!.body.messages[0])).toContain('Hmm, why delete the build directory?');
    expect(JSON.stringify(coderReqs[1]!.body.messages[0])).not.toContain('The task owner approved');

    const yes = await comment(rig, n, ALICE, 'Yes, go ahead.');
    expect(yes.code, yes.maskedLog).toBe(0);
    expect(yes.outputs.status).toBe('completed');
    expect(toolResults(rig.model!.requests).get('rm-3')!.isError).toBe(false);
    expect(rig.github.state.pulls()).toHaveLength(1);
  });

  it('pauses before a large rewrite of a file; the approval covers that file', async () => {
    const guide = Array.from({ length: 60 }, (_, i) => `Line ${i + 1} of the old guide.`).join('\n') + '\n';
    const rewrite = reply(
      toolUse('str_replace_based_edit_tool', { command: 'str_replace', path: 'docs/guide.md', old_str: guide.trimEnd(), new_str: '# Guide\n\nadd(a, b) returns a + b.' }, 'rewrite'),
    );
    const coder: Step[] = [rewrite, rewrite, fix(), reply(toolUse('complete_step', { step_id: 1, summary: 'fixed add() and rewrote the guide' })), finish()];
    rig = await startRig({ script: { route: roleOf, scripts: { planner: plannerSteps(), coder, verifier: verifierPass() } }, fixture: calcFixture({ 'docs/guide.md': guide }) });
    const { n, res } = await label(rig);
    expect(res.code, res.maskedLog).toBe(0);
    const [pause] = pauseComments(rig, n);
    expect(pause).toContain('✋ Paused before: writing `docs/guide.md`');
    expect(pause).toMatch(/replaces 60 of its 61 lines, a large rewrite; autonomy level balanced pauses before large rewrites/);

    const resumed = await comment(rig, n, ALICE, '/kiro continue');
    expect(resumed.code, resumed.maskedLog).toBe(0);
    expect(resumed.outputs.status).toBe('completed');
    expect(await rig.remote.readFile(rig.owner, rig.repo, `kiro/${n}-add-subtracts`, 'docs/guide.md')).toBe('# Guide\n\nadd(a, b) returns a + b.\n');
  });
});

describe('cautious autonomy', () => {
  it('pauses after each plan step that has a successor, with that step committed and pushed', async () => {
    const spec = {
      ...CALC_SPEC,
      plan: [
        { id: 1, title: 'Return the sum in add()', detail: 'src/calc.js: a + b.' },
        { id: 2, title: 'Document add()', detail: 'README: one line.' },
      ],
    };
    const coder: Step[] = [
      fix(),
      reply(toolUse('complete_step', { step_id: 1, summary: 'add() returns a + b' })),
      reply(toolUse('str_replace_based_edit_tool', { command: 'insert', path: 'README.md', insert_line: 0, insert_text: '`add(a, b)` returns the sum.' })),
      reply(toolUse('complete_step', { step_id: 2, summary: 'documented add()' })),
      finish(),
    ];
    rig = await startRig({ script: { route: roleOf, scripts: { planner: plannerSteps(spec), coder, verifier: verifierPass() } }, fixture: calcFixture() });
    const inputs = { 'autonomy-level': 'cautious' };
    const { n, res } = await label(rig, inputs);
    expect(res.code, res.maskedLog).toBe(0);
    expect(res.outputs.status).toBe('needs_attention');
    const [pause] = pauseComments(rig, n);
    expect(pause).toContain('✋ Paused after step 1 (Return the sum in add())');
    expect(pause).toMatch(/autonomy level cautious pauses after each plan step/);
    const branch = `kiro/${n}-add-subtracts`;
    const log = await rig.remote.log(rig.owner, rig.repo, `refs/heads/${branch}`, { max: 3 });
    expect(log[0]!.subject).toBe('Return the sum in add()');
    expect(await rig.remote.readFile(rig.owner, rig.repo, branch, 'src/calc.js')).toContain('return a + b;');
    expect(await rig.remote.readFile(rig.owner, rig.repo, branch, 'README.md')).not.toContain('returns the sum');

    // step 2 is the last: no pause after it; the pull request is the review point
    const resumed = await comment(rig, n, ALICE, '/kiro continue', inputs);
    expect(resumed.code, resumed.maskedLog).toBe(0);
    expect(resumed.outputs.status).toBe('completed');
    expect(pauseComments(rig, n)).toHaveLength(1);
    const pr = rig.github.state.pulls()[0]!;
    expect(await rig.remote.readFile(rig.owner, rig.repo, branch, 'README.md')).toContain('returns the sum');
    const status = String(rig.github.state.comments(n).find((c) => String(c.body).includes(Markers.StatusPrefix))!.body);
    expect(status).toContain('- [x] 1. Return the sum in add()');
    expect(status).toContain('- [x] 2. Document add()');
    expect(status).toContain(String(pr.html_url));
  });
});
