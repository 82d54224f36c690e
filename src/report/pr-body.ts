/**
 * The pull request body (SPEC.md J1.5): summary, `Closes #n`, approach, trade-offs, changed files,
 * verification results, the acceptance-criteria checklist, cost and duration; plus the learnings
 * applied and any blocked network requests. A hidden marker links the PR to its task record.
 */
import { Markers } from '../constants.js';
import { escapeMd, formatDuration, formatUsd } from './status.js';

export interface PrBodyInput {
  taskId: string;
  issueNumber?: number;
  issueUrl?: string;
  summary: string;
  approach: string;
  tradeoffs: string;
  requirements: readonly string[];
  changedFiles: ReadonlyArray<{ status: string; path: string }>;
  checks: ReadonlyArray<{ name: string; command: string; passed: boolean; exitCode: number | null; timedOut: boolean }>;
  criteria: ReadonlyArray<{ id: string; text: string; met?: boolean; evidence?: string }>;
  verificationPassed: boolean;
  /** What failed, when verification did not pass (shown at the top of a draft PR). */
  failureNotes?: string;
  secretFindings?: readonly string[];
  learningsApplied?: ReadonlyArray<{ id: string; text: string }>;
  blockedRequests?: ReadonlyArray<{ host: string; command?: string }>;
  networkLimitation?: string;
  /** Web pages the agent searched or fetched (web search / web fetch server tools), in order. */
  sources?: readonly string[];
  /** One line per review-feedback round addressed on this PR (SPEC.md J3), oldest first. */
  feedbackRounds?: readonly string[];
  costUsd: number;
  durationMs: number;
  runUrl: string;
}

const STATUS_WORD: Record<string, string> = { A: 'added', M: 'modified', D: 'deleted', R: 'renamed', C: 'copied', T: 'type changed' };

/** Renders the PR body as GitHub-flavoured markdown. */
export function renderPrBody(p: PrBodyInput): string {
  const out: string[] = [`${Markers.PullRequestTask}=${p.taskId} -->`];
  if (!p.verificationPassed) {
    out.push('> [!WARNING]', '> **Needs human review:** verification did not pass after the allowed retries.');
    if (p.failureNotes) for (const l of p.failureNotes.split('\n')) out.push(`> ${l}`);
    out.push('');
  }
  out.push('## Summary', '', p.summary.trim(), '');
  if (p.issueNumber) out.push(`Closes #${p.issueNumber}${p.issueUrl ? ` (${p.issueUrl})` : ''}`, '');
  if (p.requirements.length) {
    out.push('<details><summary>Requirements</summary>', '');
    for (const r of p.requirements) out.push(`- ${r}`);
    out.push('', '</details>', '');
  }
  out.push('## Implementation approach', '', p.approach.trim() || '—', '');
  out.push('## Trade-offs considered', '', p.tradeoffs.trim() || '—', '');
  out.push('## Changed files', '');
  if (p.changedFiles.length) for (const f of p.changedFiles) out.push(`- \`${f.path}\` (${STATUS_WORD[f.status[0] ?? ''] ?? f.status})`);
  else out.push('- (none)');
  out.push('', '## Verification', '');
  if (p.checks.length) {
    out.push('| Check | Command | Result |', '|---|---|---|');
    for (const c of p.checks) {
      const result = c.passed ? '✅ passed' : c.timedOut ? '❌ timed out' : `❌ failed (exit ${c.exitCode ?? '?'})`;
      out.push(`| ${escapeMd(c.name)} | \`${c.command.replace(/\|/g, '\\|').replace(/`/g, "'")}\` | ${result} |`);
    }
  } else {
    out.push('No test, lint or type-check command was detected in this repository.');
  }
  if (p.secretFindings?.length) {
    out.push('', '**Secret scan:** findings were removed or need review:');
    for (const f of p.secretFindings) out.push(`- ${f}`);
  } else {
    out.push('', 'Secret scan of the diff: no findings.');
  }
  out.push('', '## Acceptance criteria', '');
  for (const c of p.criteria) {
    out.push(`- [${c.met ? 'x' : ' '}] **${c.id}** ${c.text}${c.evidence ? ` — ${c.evidence.replace(/\s+/g, ' ').trim()}` : ''}`);
  }
  if (p.learningsApplied?.length) {
    out.push('', '## Learnings applied', '');
    for (const l of p.learningsApplied) out.push(`- ${l.text} (\`${l.id}\`)`);
  }
  if (p.blockedRequests?.length || p.networkLimitation) {
    out.push('', '## Network', '');
    for (const b of p.blockedRequests ?? []) out.push(`- Blocked \`${b.host}\`${b.command ? ` requested by \`${b.command.replace(/`/g, "'")}\`` : ''}`);
    if (p.networkLimitation) out.push(`- Note: ${p.networkLimitation}`);
  }
  if (p.sources?.length) {
    out.push('', '## Sources', '');
    for (const u of p.sources) out.push(`- <${u.replace(/[<>\s]/g, '')}>`);
  }
  if (p.feedbackRounds?.length) {
    out.push('', '## Review feedback addressed', '');
    for (const r of p.feedbackRounds) out.push(`- ${r}`);
  }
  out.push('', '---', `Cost ${formatUsd(p.costUsd)} · duration ${formatDuration(p.durationMs)} · [workflow run](${p.runUrl}) · task \`${p.taskId}\``);
  return out.join('\n');
}
