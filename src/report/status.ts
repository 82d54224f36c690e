/**
 * The status comment: the single place a task's progress is shown, edited in place
 * (SPEC.md J1.1). Rendering is a pure function of a `StatusView`; the hidden marker lets the
 * action find the comment again on later runs.
 */
import { safeInline } from '../policy/sanitize.js';
import { Markers } from '../constants.js';
import type { TaskState } from '../constants.js';

export interface PlanItem {
  id: number;
  title: string;
  done: boolean;
}

export interface StatusResult {
  pullRequestUrl?: string;
  draft?: boolean;
  verification?: Array<{ name: string; command: string; passed: boolean }>;
  /** Spend of this run, USD. */
  costUsd?: number;
  /** Spend of the task so far (every run), USD. */
  costTotalUsd?: number;
  /** The task's cap (`max-cost-usd`), USD. */
  costCapUsd?: number;
  tokens?: { input: number; output: number; cacheRead: number; cacheWrite: number };
  durationMs?: number;
  /** A direct answer when the task needed no code change. */
  answer?: string;
}

export interface StatusView {
  taskId: string;
  state: TaskState;
  title: string;
  runUrl: string;
  /** Epoch ms when the task (first run) started; elapsed time is computed from it. */
  startedAt: number;
  now: number;
  /** One line saying what is happening now. */
  phase: string;
  plan?: readonly PlanItem[];
  /** Spec text (requirements, acceptance criteria) shown collapsed. */
  specMarkdown?: string;
  result?: StatusResult;
  learned?: readonly string[];
  /** Extra notes (e.g. queue position, what a pause waits for). */
  notes?: readonly string[];
  /** What the command sandbox could not do on this runner (fail-closed, or commands without isolation). */
  sandbox?: string;
  /** MCP servers that could not be used or stopped during the run: `"name": reason` (redacted). */
  mcp?: readonly string[];
}

const StateTitle: Record<TaskState, string> = {
  queued: '⏳ Queued',
  in_progress: '🔄 In progress',
  needs_attention: '✋ Needs attention',
  completed: '✅ Completed',
  cancelled: '🚫 Cancelled',
};

/** The marker line that identifies the status comment of `taskId`. */
export function statusMarker(taskId: string): string {
  return `${Markers.StatusPrefix} task=${taskId} -->`;
}

/** Formats a duration in ms as `1h 2m 3s` / `4m 5s` / `6s`. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (h) return `${h}h ${m}m ${sec}s`;
  if (m) return `${m}m ${sec}s`;
  return `${sec}s`;
}

/** Formats USD with cents (or 4 decimals under one cent). */
export function formatUsd(v: number): string {
  return v > 0 && v < 0.01 ? `$${v.toFixed(4)}` : `$${v.toFixed(2)}`;
}

/** Renders the status comment body (GitHub-flavoured markdown). */
export function renderStatus(v: StatusView): string {
  const lines: string[] = [statusMarker(v.taskId)];
  lines.push(`### Kiro — ${StateTitle[v.state]}`);
  lines.push('');
  lines.push(`**${escapeMd(v.title)}** · [workflow run](${v.runUrl}) · ⏱ ${formatDuration(v.now - v.startedAt)}`);
  lines.push('');
  lines.push(`> ${v.phase}`);
  for (const n of v.notes ?? []) lines.push('', n);
  if (v.sandbox) lines.push('', `⚠️ Sandbox: ${v.sandbox}`);
  if (v.mcp?.length) lines.push('', ...v.mcp.map((m) => `⚠️ MCP server ${safeInline(m, 600)} — the task goes on without it.`));
  if (v.plan && v.plan.length) {
    lines.push('', '**Plan**', '');
    for (const p of v.plan) lines.push(`- [${p.done ? 'x' : ' '}] ${p.id}. ${escapeMd(p.title)}`);
  }
  if (v.specMarkdown) lines.push('', '<details><summary>Task spec</summary>', '', v.specMarkdown, '', '</details>');
  const r = v.result;
  if (r) {
    lines.push('', '**Result**', '');
    if (r.answer) lines.push(r.answer, '');
    if (r.pullRequestUrl) lines.push(`- Pull request: ${r.pullRequestUrl}${r.draft ? ' (draft — needs human review)' : ''}`);
    if (r.verification?.length) {
      lines.push(`- Verification: ${r.verification.map((c) => `${c.passed ? '✅' : '❌'} \`${c.name}\``).join(' ')}`);
    }
    if (r.costUsd !== undefined) lines.push(`- Cost: ${costLine(r)}`);
    if (r.tokens) {
      lines.push(`- Tokens: ${r.tokens.input + r.tokens.cacheRead + r.tokens.cacheWrite} in (${r.tokens.cacheRead} from cache), ${r.tokens.output} out`);
    }
    if (r.durationMs !== undefined) lines.push(`- Duration: ${formatDuration(r.durationMs)}`);
  }
  if (v.learned?.length) {
    lines.push('');
    for (const l of v.learned) lines.push(`💡 Learned: ${escapeMd(l)}`);
  }
  return lines.join('\n');
}

/** `$0.12 of the $20.00 cap`, or with earlier runs `$0.12 this run; $0.40 of the $20.00 cap for the task`. */
function costLine(r: StatusResult): string {
  const run = formatUsd(r.costUsd ?? 0);
  if (r.costCapUsd === undefined) return run;
  const total = r.costTotalUsd ?? r.costUsd ?? 0;
  if (Math.abs(total - (r.costUsd ?? 0)) < 1e-9) return `${run} of the ${formatUsd(r.costCapUsd)} cap`;
  return `${run} this run; ${formatUsd(total)} of the ${formatUsd(r.costCapUsd)} cap for the task`;
}

/** Escapes characters that would start markdown structure or mentions in a one-line title. */
export function escapeMd(s: string): string {
  return safeInline(s, 1000).replace(/([\\`*_[\]<>|])/g, '\\$1').replace(/@(\w)/g, '@\u200b$1');
}
