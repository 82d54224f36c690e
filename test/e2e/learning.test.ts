/**
 * J4 through dist/index.js: what the task owner teaches in review sticks. Alice's review on
 * Kiro's PR in one repository says "always use our standard error format { error, code }"; the
 * learner stores it with provenance on the state branch; a person edits it with a normal commit;
 * Alice's next task in a *different* repository that shares the state store gets the edited
 * learning in its planner's and coder's prompts and lists it in its PR body; Bob's task does not.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { Markers } from '../../src/constants.js';
import { run as runCmd } from '../rig/git-remote.js';
import { reply, systemText, toolUse } from '../rig/model-server.js';
import type { RecordedModelRequest } from '../rig/model-server.js';
import { ALICE, BOB, startRig, type Rig, closeChecked } from './harness.js';
import { coderFixSteps, plannerSteps, roleOf, verifierPass } from './scripts.js';

let rig: Rig | undefined;
afterEach(async () => {
  await closeChecked(rig);
  rig = undefined;
});

const LEARNED = 'Always return errors in the standard format { error, code }.';
const EDITED = 'Always return errors as { error, code } objects, with code in SCREAMING_SNAKE_CASE.';

async function stateFiles(r: Rig, prefix: string): Promise<string[]> {
  const bare = `${r.remote.root}/${r.owner}/${r.repo}.git`;
  const out = await runCmd('git', ['--git-dir', bare, 'ls-tree', '-r', '--name-only', 'refs/heads/kiro/state', prefix]);
  return out.stdout.split('\n').filter(Boolean);
}

async function labelIssue(r: Rig, user: { login: string; id: number }, repo?: string) {
  const full = repo ?? r.repository;
  const issue = r.github.state.addIssue({ repo: full, title: 'add() subtracts', body: 'add(2, 3) returns -1.', user });
  const n = issue.number as number;
  const from = r.model!.requests.length;
  const res = await r.run(r.event('issues.labeled', { label: 'kiro', issue: { number: n, title: 'add() subtracts', user }, sender: user }, repo), {
    ...(repo ? { repo, inputs: { 'state-repository': r.repository } } : {}),
  });
  expect(res.code, res.maskedLog).toBe(0);
  return { n, res, requests: r.model!.requests.slice(from) };
}

const systemOf = (reqs: RecordedModelRequest[], role: string) => reqs.filter((q) => roleOf(q) === role).map((q) => systemText(q));

describe('learned preferences (J4)', () => {
  it('the owner’s review becomes a learning with provenance, applied to their next task in another repository sharing the state store — not to other users’ tasks', { timeout: 180_000 }, async () => {
    rig = await startRig({
      script: {
        route: roleOf,
        scripts: {
          planner: [...plannerSteps(), ...plannerSteps(), ...plannerSteps()],
          coder: [...coderFixSteps(), ...coderFixSteps(), ...coderFixSteps()],
          verifier: [...verifierPass(), ...verifierPass(), ...verifierPass(), ...verifierPass()],
          'feedback-coder': [
            reply(toolUse('decline_item', { item_id: 'R1', reason: 'This change returns no errors; the format applies to future error paths.' })),
            reply(toolUse('finish', { summary: 'Nothing to change in this pull request.', approach: 'Checked: no error responses are added here.', tradeoffs: '' })),
          ],
          // the source URL is filled in from the request (the review's URL is only known at run time)
          learner: [
            (req: RecordedModelRequest) => {
              const url = /url="([^"]+)"/.exec(JSON.stringify(req.body.messages))?.[1] ?? '';
              return reply(toolUse('submit_learnings', { learnings: [{ text: LEARNED, sourceUrl: url }] }));
            },
          ],
        },
      },
    });

    // ---- Alice's task in octo-repo, and her review on its PR ------------------------------
    const first = await labelIssue(rig, ALICE);
    const pr = rig.github.state.pulls()[0]!;
    const head = pr.head as { ref: string; sha: string };
    const body = 'Looks fine. Please always use our standard error format { error, code } for errors.';
    const review = rig.github.state.addReview({ pull: pr.number as number, user: ALICE, body, state: 'COMMENTED' });
    const fb = await rig.run(
      rig.event('pull_request_review.submitted', {
        sender: ALICE,
        pullRequest: { number: pr.number as number, headRef: head.ref, headSha: head.sha, user: 'github-actions[bot]' },
        review: { id: review.id as number, body, user: ALICE, state: 'commented' },
      }),
    );
    expect(fb.code, fb.maskedLog).toBe(0);
    // the learner read Alice's review (and nothing else)
    const learnerReq = rig.model!.requests.filter((q) => roleOf(q) === 'learner');
    expect(learnerReq).toHaveLength(1);
    expect(JSON.stringify(learnerReq[0]!.body.messages)).toContain('standard error format { error, code }');

    // the learning on the state branch: readable markdown with provenance and an id
    const files = await stateFiles(rig, 'learnings/alice/');
    expect(files).toHaveLength(1);
    const file = files[0]!;
    const md = (await rig.stateFile(file))!;
    const [, front, text] = /^---\n([\s\S]*?)\n---\n\n([\s\S]*)$/.exec(md)!;
    const meta = parseYaml(front!) as { id: string; owner: string; provenance: Array<{ url: string; repository: string; date: string }> };
    expect(text!.trim()).toBe(LEARNED);
    expect(meta.owner).toBe('alice');
    expect(file).toBe(`learnings/alice/${meta.id}.md`);
    expect(meta.provenance).toEqual([{ url: String(review.html_url), repository: rig.repository, date: String(review.submitted_at) }]);
    // shown to the user: a "Learned:" line in the status comment
    const status = String(rig.github.state.comments(first.n).find((c) => String(c.body).includes(Markers.StatusPrefix))!.body);
    expect(status).toContain(`💡 Learned: ${LEARNED}`);

    // ---- a person edits the learning with a normal commit on the state branch --------------
    await rig.remote.pushCommit(rig.owner, rig.repo, { branch: 'kiro/state', files: { [file]: md.replace(LEARNED, EDITED) }, message: 'Refine my error-format learning' });

    // ---- Alice's next task, in another repository sharing the state store ------------------
    const other = await rig.addRepo('other-repo');
    const second = await labelIssue(rig, ALICE, other);
    for (const role of ['planner', 'coder']) {
      const sys = systemOf(second.requests, role);
      expect(sys.length, role).toBeGreaterThan(0);
      for (const s of sys) {
        expect(s).toContain(EDITED);
        expect(s).not.toContain(LEARNED);
      }
    }
    const otherPr = rig.github.state.pulls(other)[0]!;
    expect(String(otherPr.body)).toMatch(new RegExp(`## Learnings applied\\s+- ${EDITED.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(\`${meta.id}\`\\)`));
    // the task record (in the shared store) says which learnings it applied
    const taskId = second.res.outputs['task-id']!;
    const record = JSON.parse((await rig.stateFile(`tasks/${taskId}.json`))!) as { repository: string; learningsApplied: string[] };
    expect(record.repository).toBe(other);
    expect(record.learningsApplied).toEqual([meta.id]);

    // ---- Bob's task in the same repository: none of Alice's learnings ---------------------
    const third = await labelIssue(rig, BOB, other);
    for (const role of ['planner', 'coder']) {
      for (const s of systemOf(third.requests, role)) {
        expect(s).not.toContain('{ error, code }');
        expect(s).toMatch(/# The task owner's learned preferences\n\(none\)/);
      }
    }
    const bobsPr = rig.github.state.pulls(other).find((p) => p.number !== otherPr.number)!;
    expect(String(bobsPr.body)).not.toContain('Learnings applied');
  });
});
