/**
 * Issue → acknowledgement, through dist/index.js (SPEC.md J1.1): the 👀 reaction, one status
 * comment with the run link, the `kiro:in-progress` label; refusals; no-ops; bad settings; dry run.
 * The scripted planner answers without code, so each run completes right after planning.
 */
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ALICE, MALLORY, startRig, type Rig, closeChecked } from './harness.js';
import { answerScript } from './scripts.js';
import { Labels, Markers } from '../../src/constants.js';

let rig: Rig | undefined;
afterEach(async () => {
  await closeChecked(rig);
  rig = undefined;
});

const ackOnly = {};

/** Label names the action added, in order (from the requests the fake GitHub received). */
function labelsAdded(r: Rig): string[] {
  return r.github.requests.filter((q) => q.operationId === 'issues/add-labels').flatMap((q) => (q.body as { labels: string[] }).labels);
}

describe('acknowledgement', () => {
  it('label → 👀 on the issue, one status comment with the run link, kiro:in-progress', async () => {
    rig = await startRig({ script: answerScript() });
    const issue = rig.github.state.addIssue({ title: 'add() subtracts', body: 'calc.add(2, 2) returns 0', user: ALICE, labels: ['kiro'] });
    const res = await rig.run(rig.event('issues.labeled', { label: 'kiro', issue: { number: issue.number as number, title: 'add() subtracts', user: ALICE }, sender: ALICE }), ackOnly);
    const n = issue.number as number;
    const comments = rig.github.state.comments(n);
    const status = comments.filter((c) => String(c.body).includes(Markers.StatusPrefix));
    expect(status).toHaveLength(1);
    expect(String(status[0]!.body)).toContain(`/actions/runs/`);
    expect(labelsAdded(rig)[0]).toBe(Labels.InProgress);
    expect(rig.github.state.labelsOn(n)).toContain(Labels.Completed);
    expect(rig.github.state.labelsOn(n)).not.toContain(Labels.InProgress);
    // the status comment was created once and then only edited
    expect(rig.github.requests.filter((r) => r.operationId === 'issues/create-comment')).toHaveLength(1);
    expect(rig.github.requests.filter((r) => r.operationId === 'issues/update-comment').length).toBeGreaterThan(0);
    const reactions = rig.github.requests.filter((r) => r.operationId === 'reactions/create-for-issue');
    expect(reactions.map((r) => (r.body as { content: string }).content)).toEqual(['eyes']);
    expect(res.outputs['task-id']).toMatch(/octo-repo-\d+-/);
    // the label was created with its colour
    const created = rig.github.requests.find((r) => r.operationId === 'issues/create-label');
    expect(created?.body).toMatchObject({ name: Labels.InProgress, color: expect.stringMatching(/^[0-9a-f]{6}$/) });
  });

  it('/kiro comment → 👀 on the comment and the status comment', async () => {
    rig = await startRig({ script: answerScript() });
    const issue = rig.github.state.addIssue({ title: 'Docs', body: 'x', user: ALICE });
    const n = issue.number as number;
    const comment = rig.github.state.addComment({ issue: n, body: '/kiro document add()', user: ALICE });
    const res = await rig.run(
      rig.event('issue_comment.created', { issue: { number: n, title: 'Docs', user: ALICE }, comment: { id: comment.id as number, body: '/kiro document add()', user: ALICE }, sender: ALICE }),
      ackOnly,
    );
    expect(res.code).toBe(0);
    expect(rig.github.requests.filter((r) => r.operationId === 'reactions/create-for-issue-comment')).toHaveLength(1);
    expect(rig.github.state.comments(n).filter((c) => String(c.body).includes(Markers.StatusPrefix))).toHaveLength(1);
  });

  it('a read-only user → one refusal comment, no task; a second try adds no second comment', async () => {
    rig = await startRig();
    const issue = rig.github.state.addIssue({ title: 'x', body: 'y', user: MALLORY });
    const n = issue.number as number;
    const ev = rig.event('issues.labeled', { label: 'kiro', issue: { number: n, title: 'x', user: MALLORY }, sender: MALLORY });
    const first = await rig.run(ev, ackOnly);
    expect(first.code).toBe(0);
    expect(first.outputs.status).toBe('refused');
    await rig.run(ev, ackOnly);
    const comments = rig.github.state.comments(n);
    expect(comments).toHaveLength(1);
    expect(String(comments[0]!.body)).toMatch(/needs write access/);
    expect(rig.github.state.labelsOn(n)).not.toContain(Labels.InProgress);
    expect(rig.github.requests.some((r) => r.operationId?.startsWith('reactions/'))).toBe(false);
  });

  it('an unrelated label or comment → no-op with no GitHub writes', async () => {
    rig = await startRig();
    const issue = rig.github.state.addIssue({ title: 'x', body: 'y', user: ALICE });
    const n = issue.number as number;
    const a = await rig.run(rig.event('issues.labeled', { label: 'bug', issue: { number: n }, sender: ALICE }), ackOnly);
    const b = await rig.run(rig.event('issue_comment.created', { issue: { number: n, labels: [] }, comment: { body: 'looks good' }, sender: ALICE }), ackOnly);
    for (const r of [a, b]) {
      expect(r.code).toBe(0);
      expect(r.outputs.status).toBe('skipped');
    }
    expect(rig.github.writes()).toEqual([]);
    expect(rig.github.requests).toEqual([]);
  });

  it('a malformed .kiro/settings.json → a comment naming the field, an error annotation, no task', async () => {
    rig = await startRig({ fixture: { 'README.md': '# x\n', '.kiro/settings.json': '{"agent": {"autonomyLevel": "yolo"}}' } });
    const issue = rig.github.state.addIssue({ title: 'x', body: 'y', user: ALICE });
    const n = issue.number as number;
    const res = await rig.run(rig.event('issues.labeled', { label: 'kiro', issue: { number: n }, sender: ALICE }), ackOnly);
    expect(res.code).toBe(1);
    const comments = rig.github.state.comments(n);
    expect(comments).toHaveLength(1);
    expect(String(comments[0]!.body)).toContain('`agent.autonomyLevel`');
    expect(res.annotations.filter((a) => a.level === 'error')).toHaveLength(1);
    expect(res.annotations[0]).toMatchObject({ level: 'error', file: '.kiro/settings.json', message: expect.stringContaining('agent.autonomyLevel') });
    expect(rig.github.state.labelsOn(n)).not.toContain(Labels.InProgress);
  });

  it('dry run → zero writes; the would-be writes are printed and saved under RUNNER_TEMP', async () => {
    rig = await startRig({ script: answerScript() });
    const issue = rig.github.state.addIssue({ title: 'x', body: 'y', user: ALICE });
    const n = issue.number as number;
    const res = await rig.run(rig.event('issues.labeled', { label: 'kiro', issue: { number: n }, sender: ALICE }), { ...ackOnly, env: { ACT: 'true' } });
    expect(res.code).toBe(0);
    expect(rig.github.writes()).toEqual([]);
    expect(rig.remote.pushes.filter((p) => p.source === 'http')).toEqual([]);
    const file = path.join(res.runnerTemp, 'kiro-dry-run', 'github-writes.jsonl');
    expect(existsSync(file)).toBe(true);
    const writes = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { operation: string });
    expect(writes.map((w) => w.operation)).toEqual(expect.arrayContaining(['add reaction', 'create issue comment', 'add labels']));
    expect(res.stdout).toContain('[dry-run] would create issue comment');
    // the state branch is not pushed either: its writes are saved beside the GitHub writes
    const state = readFileSync(path.join(res.runnerTemp, 'kiro-dry-run', 'state-writes.jsonl'), 'utf8');
    expect(state).toContain('tasks/');
    expect(await rig.remote.branches(rig.owner, rig.repo)).not.toContain('kiro/state');
  });
});

describe('configuration', () => {
  it('no API key → fails at once with an error annotation naming the input, before any comment or label', async () => {
    rig = await startRig();
    const issue = rig.github.state.addIssue({ title: 'x', body: 'y', user: ALICE });
    const n = issue.number as number;
    const res = await rig.run(rig.event('issues.labeled', { label: 'kiro', issue: { number: n }, sender: ALICE }), { inputs: { 'anthropic-api-key': '' } });
    expect(res.code).toBe(1);
    expect(res.annotations).toEqual([expect.objectContaining({ level: 'error', message: expect.stringContaining('anthropic-api-key') })]);
    expect(rig.github.writes()).toEqual([]);
    expect(res.durationMs).toBeLessThan(5000);
  });

  it('an unknown model value → fails at once naming the input, nothing posted', async () => {
    rig = await startRig();
    const issue = rig.github.state.addIssue({ title: 'x', body: 'y', user: ALICE });
    const n = issue.number as number;
    const res = await rig.run(rig.event('issues.labeled', { label: 'kiro', issue: { number: n }, sender: ALICE }), { inputs: { model: 'gpt-4o' } });
    expect(res.code).toBe(1);
    expect(res.annotations).toEqual([expect.objectContaining({ level: 'error', message: expect.stringMatching(/Input 'model': is not a Claude model id/) })]);
    expect(rig.github.writes()).toEqual([]);
  });
});
