/**
 * The code phase (SPEC.md J1.4): the coder works through the plan, each finished step committed
 * and pushed by the action (`complete_step`), then the code → verify loop. A coder or verifier that
 * stops (a limit, a pause, a failure) ends the run with the work pushed; the time budget ends it
 * in a checkpoint a continuation run resumes.
 */
import { defineTool } from '../../agent/tools/schema.js';
import type { AgentTool, MessageParam } from '../../agent/types.js';
import { pausesAfterEachStep } from '../../policy/commands.js';
import { renderPrompt } from '../../prompts.js';
import type { TaskSpec } from '../../state/schema.js';
import { codeAndVerify } from '../code-verify.js';
import { nextStep, planItems, resumeNotes, specMarkdown, StepInput, stopped } from './common.js';
import type { Branched, Coded, PhaseResult, PhaseRun } from './types.js';

/** Runs the coder and the verifier on the checked-out branch. */
export async function codePhase(run: PhaseRun, b: Branched): Promise<PhaseResult<Coded>> {
  const { t, session } = run;
  const s = t.svc.settings;
  const plan = b.spec;
  const cv = await codeAndVerify({
    svc: t.svc,
    session,
    sandbox: t.sandbox,
    status: t.status,
    committer: b.committer,
    coderMessages: coderOpening(run, b),
    coderTools: [completeStepTool(run, b)],
    ...(t.steer ? { steer: t.steer } : {}),
    criteria: () => plan.acceptanceCriteria,
    diffBase: b.baseSha,
    finishCommitMessage: plan.title,
    codingPhase: 'Implementing the plan…',
  });
  if (cv.kind === 'coder_stopped') {
    await b.committer.commit(`Work in progress: ${plan.title}`);
    await session.git.push(b.branch, s.bot);
    session.costOutputs();
    if (cv.result.exitReason === 'limit_reached' && cv.result.limit === 'time') {
      await t.persist({ spec: plan, progress: { phase: 'coding', currentStep: nextStep(plan), verifyAttempts: cv.attempt - 1 } }, 'checkpoint');
      return { end: { state: 'checkpoint', spend: session.spend, exitReason: 'checkpoint' } };
    }
    return { end: await stopped(t, cv.result, session.spend, 'coding', b.branch) };
  }
  if (cv.kind === 'verifier_stopped') {
    await session.git.push(b.branch, s.bot);
    session.costOutputs();
    return { end: await stopped(t, cv.result, session.spend, 'verifying', b.branch) };
  }
  return { next: { ...b, finish: cv.finish, checks: cv.checks, verdict: cv.verdict, secretFindings: cv.secretFindings, passed: cv.passed } };
}

function coderOpening(run: PhaseRun, b: Branched): MessageParam[] {
  const plan = b.spec;
  const content = renderPrompt('coder-task', {
    repository: run.t.svc.settings.runner.repository,
    branch: b.branch,
    spec: `${plan.title}\n\n${plan.summary}\n\n${specMarkdown(plan)}`,
    plan: plan.plan.map((p) => `${p.id}. [${p.done ? 'x' : ' '}] ${p.title} — ${p.detail}`).join('\n'),
    feedback: resumeNotes(run.t),
  });
  return [{ role: 'user', content }];
}

/**
 * `complete_step`: marks a plan step done; the action commits and pushes it (a runner that dies
 * loses at most the step in flight), records the progress and, under `cautious`, pauses for review.
 */
function completeStepTool(run: PhaseRun, b: Branched): AgentTool {
  const { t, session } = run;
  const plan: TaskSpec = b.spec;
  return defineTool('complete_step', 'Mark a plan step done; the action commits the changes made for it.', StepInput, async (input) => {
    const step = plan.plan.find((p) => p.id === input.step_id);
    if (!step) return { content: `There is no plan step ${input.step_id}; steps are ${plan.plan.map((p) => p.id).join(', ')}.`, isError: true };
    step.done = true;
    const sha = await b.committer.commit(`${step.title}\n\n${input.summary}`);
    if (sha) await session.git.push(b.branch, t.svc.settings.bot);
    await t.persist({ spec: plan, progress: { phase: 'coding', currentStep: nextStep(plan), verifyAttempts: 0 } }, `step ${step.id} done`);
    await t.status.update({ plan: planItems(plan), phase: `Step ${step.id} done: ${step.title}` });
    const recorded = sha ? `Step ${step.id} recorded in commit ${sha.slice(0, 12)}.` : `Step ${step.id} recorded (no file changes to commit).`;
    const next = plan.plan.find((p) => !p.done);
    if (pausesAfterEachStep(t.svc.settings.autonomyLevel) && next) {
      // the owner reviews each step; after the last one the pull request is the review point
      const reason = `autonomy level cautious pauses after each plan step: review step ${step.id} before step ${next.id} (${next.title}) starts`;
      return { content: `${recorded} Paused: ${reason}.`, pause: { reason, afterStep: `${step.id} (${step.title})` } };
    }
    return { content: recorded };
  });
}
