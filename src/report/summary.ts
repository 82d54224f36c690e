/**
 * The job summary (`$GITHUB_STEP_SUMMARY`, https://docs.github.com/actions/writing-workflows/choosing-what-your-workflow-does/workflow-commands-for-github-actions#adding-a-job-summary):
 * the plan, its steps, the checks, tokens, cost and time of the run.
 */
import type { Spend } from '../agent/types.js';
import type { TaskState } from '../constants.js';
import { reportSummary } from '../orchestrator/outcome.js';
import type { Services } from '../orchestrator/services.js';
import type { PlanItem } from './status.js';
import { formatDuration, formatUsd } from './status.js';

export interface SummaryInput {
  taskId: string;
  title: string;
  state: TaskState | 'failed';
  plan: readonly PlanItem[];
  spend: Spend;
  durationMs: number;
  pullRequestUrl?: string;
  answer?: string;
  checks?: ReadonlyArray<{ name: string; command: string; passed: boolean }>;
  note?: string;
}

/** Renders the summary markdown (pure). */
export function renderSummary(i: SummaryInput): string {
  const u = i.spend.usage;
  const lines = [`## Kiro: ${i.title}`, '', `Task \`${i.taskId}\` — **${i.state.replace('_', ' ')}**`, ''];
  if (i.pullRequestUrl) lines.push(`Pull request: ${i.pullRequestUrl}`, '');
  if (i.answer) lines.push(i.answer, '');
  if (i.note) lines.push(i.note, '');
  if (i.plan.length) {
    lines.push('### Plan', '');
    for (const p of i.plan) lines.push(`- [${p.done ? 'x' : ' '}] ${p.id}. ${p.title}`);
    lines.push('');
  }
  if (i.checks?.length) {
    lines.push('### Verification', '', '| Check | Result |', '|---|---|');
    for (const c of i.checks) lines.push(`| \`${c.command}\` | ${c.passed ? '✅' : '❌'} |`);
    lines.push('');
  }
  lines.push(
    '### Usage',
    '',
    '| Model calls | Input tokens | Cache reads | Cache writes | Output tokens | Cost | Time |',
    '|---|---|---|---|---|---|---|',
    `| ${i.spend.turns} | ${u.input_tokens} | ${u.cache_read_input_tokens} | ${u.cache_creation_input_tokens} | ${u.output_tokens} | ${formatUsd(i.spend.costUsd)} | ${formatDuration(i.durationMs)} |`,
  );
  return lines.join('\n');
}

/** Appends the summary to the job summary (redacted), through the run's outcome writer. */
export async function writeJobSummary(svc: Services, i: SummaryInput): Promise<void> {
  await reportSummary(svc.redact(renderSummary(i)));
}
