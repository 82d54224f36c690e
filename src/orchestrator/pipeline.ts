/**
 * The pipeline of one task run (SPEC.md J1.2–J1.6) as a chain of phases over the task record:
 *
 *   plan → branch → code (→ verify, the code → verify loop) → deliver
 *
 * Each phase (src/orchestrator/phases/) is a function of the run (its services, sandbox, status
 * comment, record writer) and the previous phase's typed result; a phase that ends the run returns
 * `{ end }`. Resumption after a pause, an answer, a checkpoint or a crash is the same chain: the
 * plan phase takes the recorded spec instead of planning, the branch phase checks out the recorded
 * branch, and the coder is told which steps are done. The agent loop knows nothing of GitHub; the
 * phases turn its exit reasons into commits, a pull request, the status comment, labels, the job
 * summary and outputs.
 */
import { branchPhase } from './phases/branch.js';
import { codePhase } from './phases/code.js';
import { deliverPhase } from './phases/deliver.js';
import { planPhase } from './phases/plan.js';
import type { PipelineEnd, TaskRun } from './phases/types.js';
import { openAgentSession } from './session.js';

export type { PipelineEnd, ResumeInput, TaskRun } from './phases/types.js';
export { taskBranch } from './phases/branch.js';
export { specMarkdown, StepInput } from './phases/common.js';

/**
 * Runs the pipeline to an end state. Never throws for model, tool or verification failures:
 * they end in a recorded state; git and GitHub faults propagate after the work is pushed.
 */
export async function runPipeline(t: TaskRun): Promise<PipelineEnd> {
  const session = openAgentSession(t.svc, {
    taskId: t.taskId,
    sandbox: t.sandbox,
    steering: t.steering,
    learnings: t.learnings,
    ...(t.spend ? { spend: t.spend } : {}),
    ...(t.prior ? { prior: t.prior } : {}),
    ...(t.startedAt ? { startedAt: t.startedAt } : {}),
  });
  const run = { t, session, learningsApplied: t.learnings.map((l) => l.id) };
  const planned = await planPhase(run);
  if ('end' in planned) return planned.end;
  const branched = await branchPhase(run, planned.next);
  const coded = await codePhase(run, branched);
  if ('end' in coded) return coded.end;
  return deliverPhase(run, coded.next);
}
