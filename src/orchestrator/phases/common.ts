/** Helpers the phases of a task run share: status endings, stops, plan progress. */
import * as core from '@actions/core';
import { z } from 'zod';
import { Markers } from '../../constants.js';
import type { AgentResult, Spend } from '../../agent/types.js';
import { safeInline } from '../../policy/sanitize.js';
import type { PlanItem, StatusResult } from '../../report/status.js';
import type { TaskSpec } from '../../state/schema.js';
import { setLifecycleLabel } from '../lifecycle.js';
import { reportOutputs } from '../outcome.js';
import type { PipelineEnd, TaskRun } from './types.js';

/** The plan as the status comment shows it. */
export function planItems(spec: TaskSpec): PlanItem[] {
  return spec.plan.map((p) => ({ id: p.id, title: p.title, done: p.done }));
}

/** The spec's requirements and acceptance criteria as markdown (status comment, prompts). */
export function specMarkdown(spec: TaskSpec): string {
  const lines = ['**Requirements**', '', ...spec.requirements.map((r) => `- ${r}`), '', '**Acceptance criteria**', '', ...spec.acceptanceCriteria.map((c) => `- **${c.id}** ${c.text}`)];
  return lines.join('\n');
}

/** The first plan step not done yet (the step in flight), if any. */
export function nextStep(spec: TaskSpec): number | undefined {
  return spec.plan.find((p) => !p.done)?.id;
}

/** Extra context a resumed run gives the coder: answers, new instructions. */
export function resumeNotes(t: TaskRun): string {
  const parts: string[] = [];
  if (t.resume?.answers) parts.push(`# Answers from the task owner to your questions\n${t.resume.answers}`);
  if (t.resume?.feedback) parts.push(`# New instructions from the task owner\n${t.resume.feedback}\nAddress them (add plan steps as needed), then call \`finish\`.`);
  if (t.resume?.approvedCommand) parts.push(`The task owner approved \`${t.resume.approvedCommand}\`, which paused the previous run: run it when you get to it; it will not pause again.`);
  if (t.resume?.approvedPath) parts.push(`The task owner approved writing \`${t.resume.approvedPath}\`, which paused the previous run: make that change when you get to it; it will not pause again.`);
  if (t.spec && t.spec.plan.some((p) => p.done)) parts.push('Steps marked [x] were done in an earlier run and their commits are on the branch; continue with the first open step.');
  return parts.join('\n\n');
}

/** Input of the coder's `complete_step` tool (also the automation's). */
export const StepInput = z.object({
  step_id: z.number().int().positive().describe('The plan step id'),
  summary: z.string().min(1).describe('One line: what changed for this step'),
});

/** Ends the status comment, the lifecycle label and the outputs in `state`. */
export async function finishStatus(t: TaskRun, state: 'completed', result: StatusResult, phase: string): Promise<void> {
  await Promise.all([t.status.update({ state, phase, result }), setLifecycleLabel(t.svc, t.issueNumber, state, t.labels)]);
  reportOutputs({ status: state });
}

/**
 * A sub-agent stopped before finishing: a limit, a model failure, or a pause. The work so far is
 * already committed and pushed by the caller; the task needs attention.
 */
export async function stopped(t: TaskRun, r: AgentResult, spend: Spend, phase: string, branch?: string): Promise<PipelineEnd> {
  const base = { spend, exitReason: r.limit ? `limit_reached:${r.limit}` : r.exitReason };
  let reason: string;
  if (r.exitReason === 'limit_reached') {
    const which = r.limit === 'turns' ? `the task's turn limit (${t.svc.settings.maxTurns} model calls across its runs)` : r.limit === 'cost' ? `the task's cost limit ($${t.svc.settings.maxCostUsd} across its runs)` : 'the time budget';
    reason = `Stopped while ${phase}: reached ${which}.`;
  } else if (r.exitReason === 'paused') {
    reason = `Paused while ${phase}: ${r.pause?.reason ?? 'approval needed'}.`;
  } else {
    reason = `Stopped while ${phase}: ${r.error ?? `the ${phase} sub-agent ended without a result`}.`;
  }
  const prior = t.prior ?? { turns: 0, costUsd: 0 };
  const s = t.svc.settings;
  const notes = [
    branch ? `Work so far is pushed to \`${branch}\`.` : '',
    `Spent $${spend.costUsd.toFixed(2)} over ${spend.turns} model calls in this run; the task so far: $${(prior.costUsd + spend.costUsd).toFixed(2)} of $${s.maxCostUsd}, ${prior.turns + spend.turns} of ${s.maxTurns} model calls.`,
  ].filter(Boolean);
  await Promise.all([
    t.status.update({ state: 'needs_attention', phase: reason, notes }),
    setLifecycleLabel(t.svc, t.issueNumber, 'needs_attention', t.labels),
  ]);
  reportOutputs({ status: 'needs_attention' });
  if (r.exitReason === 'failed') core.warning(safeInline(t.svc.redact(reason), 2000));
  if (r.exitReason === 'paused') {
    const pause = { ...r.pause, reason: r.pause?.reason ?? 'approval needed' };
    const what = pause.command
      ? `✋ Paused before: \`${pause.command.replace(/`/g, "'")}\``
      : pause.path
        ? `✋ Paused before: writing \`${pause.path.replace(/`/g, "'")}\``
        : pause.afterStep
          ? `✋ Paused after step ${pause.afterStep}`
          : `✋ Paused before: ${pause.reason}`;
    await t.svc.github.createIssueComment(
      t.svc.repo,
      t.issueNumber,
      [
        `${Markers.Pause} task=${t.taskId} -->`,
        what,
        '',
        `Why: ${pause.reason}`,
        '',
        `Reply \`${t.svc.settings.triggerCommand} continue\` to approve and go on, or \`${t.svc.settings.triggerCommand} cancel\` to stop.`,
      ].join('\n'),
    );
    return { ...base, state: 'needs_attention', reason, pause };
  }
  return r.exitReason === 'failed' ? { ...base, state: 'failed', reason } : { ...base, state: 'needs_attention', reason };
}

