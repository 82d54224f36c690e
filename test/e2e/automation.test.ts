/**
 * Automations — scheduled work (issue #13) through dist/index.js: a `schedule` event runs the
 * automation whose front matter names that cron; the first run opens one verified PR, a later run
 * continues on its branch and updates the same PR, a run with nothing to do only writes the job
 * summary; a dispatch naming a missing automation fails with an error annotation.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { reply, toolUse, type RoutedScript } from '../rig/model-server.js';
import type { WebhookEvent } from '../rig/events.js';
import { calcFixture } from '../e2e-support/policy.js';
import { ALICE, startRig, type Rig, closeChecked } from './harness.js';
import { CALC_SPEC, coderFixSteps, plannerSteps, roleOf, verifierPass } from './scripts.js';

let rig: Rig | undefined;
afterEach(async () => {
  await closeChecked(rig);
  rig = undefined;
});

const CRON = '0 6 * * 1';
const AUTOMATION = `---
title: Keep calc correct
schedule: "${CRON}"
---
Make sure every function in src/calc.js does what its name says and is documented in docs/.
`;
const OTHER = `---
schedule: "0 0 1 * *"
---
Monthly: tidy the README.
`;

const DOC_SPEC = {
  ...CALC_SPEC,
  title: 'Document add()',
  summary: 'docs/ has no page for add(); add one.',
  plan: [{ id: 1, title: 'Add docs/add.md', detail: 'Describe add(a, b).' }],
};

/** The `schedule` event GitHub sends: the cron that fired, the workflow file, the repository (no sender). */
function scheduleEvent(r: Rig, cron: string): WebhookEvent {
  const repository = (r.event('workflow_dispatch').payload as { repository: unknown }).repository;
  return { eventName: 'schedule', payload: { schedule: cron, workflow: '.github/workflows/kiro.yml', repository } };
}

describe('automations (scheduled work)', () => {
  it('a schedule opens one verified PR; the next run updates the same PR; a run with nothing to do only writes the job summary', { timeout: 240_000 }, async () => {
    const script: RoutedScript = {
      route: roleOf,
      scripts: {
        planner: [
          ...plannerSteps(),
          ...plannerSteps(DOC_SPEC),
          reply(toolUse('submit_spec', { ...CALC_SPEC, title: 'Nothing to do', summary: 'calc.js is correct and documented.', plan: [], needsCode: false })),
        ],
        coder: [
          ...coderFixSteps(),
          reply(toolUse('str_replace_based_edit_tool', { command: 'create', path: 'docs/add.md', file_text: '# add(a, b)\n\nReturns the sum of a and b.\n' })),
          reply(toolUse('complete_step', { step_id: 1, summary: 'docs/add.md describes add()' })),
          reply(toolUse('finish', { summary: 'Documented add().', approach: 'A new page in docs/.', tradeoffs: 'None.' })),
        ],
        verifier: [...verifierPass(), ...verifierPass()],
      },
    };
    rig = await startRig({ script, fixture: calcFixture({ '.kiro/automations/calc.md': AUTOMATION, '.kiro/automations/readme.md': OTHER }) });

    const first = await rig.run(scheduleEvent(rig, CRON), { runId: 5001 });
    expect(first.code, first.maskedLog).toBe(0);
    expect(first.outputs.status).toBe('completed');
    const pulls = rig.github.state.pulls();
    expect(pulls).toHaveLength(1);
    const pr = pulls[0]!;
    const head = (pr.head as { ref: string }).ref;
    expect(head).toBe('kiro/automation-calc-5001');
    expect(pr.draft).toBe(false);
    expect(String(pr.title)).toBe('Keep calc correct: Fix add() so it adds');
    expect(String(pr.body)).toContain('Scheduled work: automation `calc` (`.kiro/automations/calc.md`)');
    expect(first.outputs['pull-request-url']).toBe(pr.html_url);
    expect(first.summary).toContain("Opened the automation's pull request.");
    // only the automation for the cron that fired ran (one planner run), and no issue was touched
    expect(rig.model!.requests.filter((q) => roleOf(q) === 'planner')).toHaveLength(3);
    expect(JSON.stringify(rig.model!.requests.find((q) => roleOf(q) === 'planner')!.body.messages[0])).toContain('documented in docs/');
    expect(rig.github.requests.filter((q) => /\/issues\//.test(q.path) && q.method !== 'GET')).toEqual([]);
    const log1 = await rig.remote.log(rig.owner, rig.repo, head);
    // scheduled work has no one to credit
    expect(log1.every((c) => !/Co-authored-by/.test(c.body ?? ''))).toBe(true);

    const second = await rig.run(scheduleEvent(rig, CRON), { runId: 5002 });
    expect(second.code, second.maskedLog).toBe(0);
    expect(rig.github.state.pulls()).toHaveLength(1);
    expect(second.outputs.branch).toBe(head);
    expect(second.outputs['pull-request-url']).toBe(pr.html_url);
    expect(await rig.remote.readFile(rig.owner, rig.repo, head, 'docs/add.md')).toContain('Returns the sum');
    expect(await rig.remote.readFile(rig.owner, rig.repo, head, 'src/calc.js')).toContain('return a + b;');
    expect(String(rig.github.state.pulls()[0]!.body)).toContain('Documented add().');
    expect(second.summary).toContain("Updated the automation's pull request.");
    const log2 = await rig.remote.log(rig.owner, rig.repo, head);
    expect(log2.length).toBeGreaterThan(log1.length);

    const third = await rig.run(scheduleEvent(rig, CRON), { runId: 5003 });
    expect(third.code, third.maskedLog).toBe(0);
    expect(third.outputs.status).toBe('completed');
    expect(third.summary).toContain('Nothing to change: calc.js is correct and documented.');
    expect(rig.github.state.pulls()).toHaveLength(1);
    const log3 = await rig.remote.log(rig.owner, rig.repo, head);
    expect(log3.length).toBe(log2.length);
  });

  it('a dispatch naming an automation that does not exist fails with an error annotation; a cron no automation declares does nothing', async () => {
    rig = await startRig({ script: { route: roleOf, scripts: {} }, fixture: calcFixture({ '.kiro/automations/calc.md': AUTOMATION }) });
    const missing = await rig.run(rig.event('workflow_dispatch', { sender: ALICE }), { inputs: { automation: 'nightly' } });
    expect(missing.code).not.toBe(0);
    expect(missing.stdout).toMatch(/::error title=Kiro automation::Kiro: there is no \.kiro\/automations\/nightly\.md/);
    const idle = await rig.run(scheduleEvent(rig, '30 2 * * *'));
    expect(idle.code, idle.maskedLog).toBe(0);
    expect(idle.outputs.status).toBe('skipped');
    expect(rig.model!.requests).toHaveLength(0);
  });
});
