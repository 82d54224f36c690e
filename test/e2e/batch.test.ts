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
import { coderFixSteps, plannerSteps, roleOf, verifierPass } from './scripts.js';

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
  return JSON.parse((await r.remote.readFile(r.owner, r.repo, 'kiro/state', file))!) as T;
}

type BatchRecord = { id: string; owner: { login: string }; instructions: string; items: Array<{ repository: string; taskId: string; state: string; pullRequest?: { number: number; url: string } }>; tracking: { repository: string; issue: number } };

describe('batch across repositories (J5)', () => {
  it('one task and one PR per repository; the tracking issue, the batch record and the job summary link every PR with its state', { timeout: 240_000 }, async () => {
    rig = await startRig({ script: script(2) });
    const a = await rig.addRepo('app-a');
    const b = await rig.addRepo('app-b');
    const res = await rig.run(rig.event('workflow_dispatch', { dispatch: { inputs: { repositories: `${a}, ${b}`, task: TASK } }, sender: ALICE }));
    expect(res.code, res.maskedLog).toBe(0);
    expect(res.outputs.status).toBe('completed');
    const batchId = res.outputs['task-id']!;
    expect(batchId).toMatch(/^batch-/);

    // one issue (with the batch marker), one task and one PR per target repository
    const prs: Record<string, { url: string; number: number }> = {};
    for (const repo of [a, b]) {
      const issue = rig.github.state.issue(1, repo)!;
      expect(issue.title).toBe('Fix add() so it adds');
      expect(String(issue.body)).toContain(`${Markers.Batch}=${batchId} -->`);
      expect(String(issue.body)).toContain(`${rig.remote.url}/${rig.repository}/issues/1`);
      const pulls = rig.github.state.pulls(repo);
      expect(pulls, repo).toHaveLength(1);
      const pr = pulls[0]!;
      expect(String(pr.body)).toContain('Closes #1');
      const head = pr.head as { ref: string };
      expect(await rig.remote.readFile(repo.split('/')[0]!, repo.split('/')[1]!, head.ref, 'src/calc.js')).toContain('return a + b;');
      expect(rig.github.state.labelsOn(1, repo)).toContain(Labels.Completed);
      const status = rig.github.state.comments(1, repo).find((c) => String(c.body).includes(Markers.StatusPrefix));
      expect(String(status?.body)).toContain(String(pr.html_url));
      prs[repo] = { url: String(pr.html_url), number: pr.number as number };
    }
    // nothing was done in the hub's own code
    expect(rig.github.state.pulls()).toHaveLength(0);

    // the batch record on the state branch
    const batch = await stateJson<BatchRecord>(rig, `batches/${batchId}.json`);
    expect(batch.owner.login).toBe('alice');
    expect(batch.instructions).toBe(TASK);
    expect(batch.tracking).toEqual({ repository: rig.repository, issue: 1 });
    expect(batch.items.map((i) => ({ repository: i.repository, state: i.state, url: i.pullRequest?.url }))).toEqual([
      { repository: a, state: 'completed', url: prs[a]!.url },
      { repository: b, state: 'completed', url: prs[b]!.url },
    ]);
    for (const item of batch.items) {
      const task = await stateJson<{ kind: string; batchId: string; repository: string; state: string }>(rig, `tasks/${item.taskId}.json`);
      expect(task).toMatchObject({ kind: 'batch-child', batchId, repository: item.repository, state: 'completed' });
      // its slot was released
      expect(await rig.remote.readFile(rig.owner, rig.repo, 'kiro/state', `leases/${item.taskId}.json`)).toBeNull();
    }

    // the tracking issue in the hub: every PR with its state
    const tracking = rig.github.state.issue(1)!;
    expect(tracking.title).toBe('Kiro batch: Fix add() so it adds');
    const body = String(tracking.body);
    for (const repo of [a, b]) {
      expect(body).toMatch(new RegExp(`\\| ${repo} \\| \\[#1\\]\\([^)]+\\) \\| \`[^\`]+\` \\| ✅ Completed \\| \\[#${prs[repo]!.number}\\]\\(${prs[repo]!.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\) \\(open\\) \\|`));
    }
    expect(body).toContain('2 of 2 completed');
    // the job summary has the same table
    expect(res.summary).toContain(`## Kiro batch: Fix add() so it adds`);
    for (const repo of [a, b]) expect(res.summary).toContain(prs[repo]!.url);
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
