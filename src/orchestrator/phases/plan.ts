/**
 * The plan phase (SPEC.md J1.2–J1.3): the planner researches the code and submits the task spec —
 * requirements, acceptance criteria, a plan, or clarifying questions. Skipped when the record already
 * holds a spec (a continuation, answered questions): resumption runs the phase the record names.
 */
import type { SpecSubmission } from '../../agent/roles.js';
import { writeJobSummary } from '../../report/summary.js';
import { finishStatus, planItems, specMarkdown, stopped } from './common.js';
import type { PhaseResult, PhaseRun, Planned } from './types.js';

/**
 * Plans (or takes the recorded spec), shows it in the status comment, and ends the run when there
 * is nothing to code: questions (Needs attention) or a question answered without a change (Completed).
 */
export async function planPhase(run: PhaseRun): Promise<PhaseResult<Planned>> {
  const { t, session } = run;
  const { svc } = t;
  let spec = t.spec;
  if (!spec) {
    // the edit goes out beside the planner's first request, not before it (the critical path)
    const researching = t.status.update({ phase: 'Researching the code and writing the task spec…' });
    const planned = await session.runRole('planner', [{ role: 'user', content: t.plannerInput }]).finally(() => researching.catch(() => undefined));
    await researching;
    if (planned.exitReason !== 'submitted') {
      session.costOutputs();
      return { end: await stopped(t, planned, session.spend, 'planning') };
    }
    const sub = planned.result as SpecSubmission;
    spec = { ...sub, plan: sub.plan.map((p) => ({ ...p, done: false })) };
    await t.persist({ spec, learningsApplied: run.learningsApplied, progress: { phase: sub.questions.length ? 'questions' : 'coding', verifyAttempts: 0 } }, 'spec');
  } else if (t.resume?.answers && spec.questions?.length) {
    // answered: keep the plan, drop the questions (no second planning pass)
    spec = { ...spec, questions: [] };
    await t.persist({ spec, progress: { phase: 'coding', verifyAttempts: 0 } }, 'questions answered');
  }
  await t.status.update({ phase: spec.needsCode ? 'Plan ready; implementing…' : 'Answering…', plan: planItems(spec), specMarkdown: specMarkdown(spec) });

  if (spec.questions?.length) {
    session.costOutputs();
    return { end: { state: 'needs_attention', reason: 'questions', questions: spec.questions, spend: session.spend, exitReason: 'needs_input' } };
  }
  if (!spec.needsCode) {
    session.costOutputs();
    const durationMs = svc.now() - session.started;
    await finishStatus(t, 'completed', { answer: spec.summary, ...session.cost(), tokens: session.tokens(), durationMs }, 'Answered; no code change was needed.');
    await writeJobSummary(svc, { taskId: t.taskId, title: spec.title, state: 'completed', plan: planItems(spec), spend: session.spend, durationMs, answer: spec.summary });
    return { end: { state: 'completed', spend: session.spend, exitReason: 'completed' } };
  }
  return { next: { spec } };
}
