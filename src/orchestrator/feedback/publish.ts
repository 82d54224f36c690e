/**
 * What a feedback round leaves on the pull request (SPEC.md J3): a reply in every review thread
 * (resolved when changed), one summary comment for the items without a thread, the PR body's
 * verification and "Review feedback addressed" sections, and the needs-human-review label.
 */
import { Labels, Markers } from '../../constants.js';
import { renderPrBody } from '../../report/pr-body.js';
import { criteriaWithVerdict, failureNotesOf, type CodeVerifyEnd } from '../code-verify.js';
import { itemTitle, threadLocation, type FeedbackItem, type ThreadItem } from '../feedback-context.js';
import { addMarkerLabel } from '../lifecycle.js';
import type { Services } from '../services.js';
import type { ItemOutcome, RoundRun } from './round-types.js';

type Verified = Extract<CodeVerifyEnd, { kind: 'done' }>;

/** What a round published, for its record, status line and summary. */
export interface Published {
  commits: { sha: string }[];
  changedThreads: number;
  answeredThreads: number;
  checksFailing: number;
}

/** Pushes the round's commits, answers every item and rewrites the PR body and labels. */
export async function publishRound(run: RoundRun, cv: Verified): Promise<Published> {
  const { R, outcomes } = run;
  const { svc, task } = R;
  const r = svc.settings.runner;
  await R.status.update({ phase: 'Pushing the new commits and answering the review threads…' });
  await R.git.push(R.branch);
  const commits = await R.git.log(R.startSha);
  const changedByCommit = new Map<string, string[]>();
  for (const c of commits) changedByCommit.set(c.sha, await R.git.filesOfCommit(c.sha));
  settleOutcomes(R.items, outcomes, commits.map((c) => c.sha), changedByCommit, cv.finish.summary);
  const link = (sha: string) => `[\`${sha.slice(0, 7)}\`](${r.serverUrl}/${r.repository}/commit/${sha})`;

  let changedThreads = 0;
  let answeredThreads = 0;
  for (const item of R.items) {
    if (item.kind !== 'thread') continue;
    const o = outcomes.get(item.id)!;
    await replyInThread(svc, task.id, R.pr.number, item, o, link);
    if (o.outcome === 'changed') changedThreads++;
    else answeredThreads++;
  }
  const others = R.items.filter((i) => i.kind !== 'thread');
  if (others.length) await svc.github.createIssueComment(svc.repo, R.pr.number, summaryComment(task.id, r.runUrl, others, outcomes, link, cv));
  const published = { commits, changedThreads, answeredThreads, checksFailing: R.items.filter((i) => i.kind === 'check').length };
  const reviews = others.filter((i) => i.kind === 'review' || i.kind === 'instructions').length;
  const roundLine =
    [
      `${run.roundStart.slice(0, 10)}: ${changedThreads} review thread(s) changed and resolved, ${answeredThreads} answered`,
      ...(published.checksFailing ? [`${published.checksFailing} failing check(s)`] : []),
      ...(reviews ? [`${reviews} review comment(s)`] : []),
    ].join(', ') + `; ${commits.length ? `commits ${commits.map((c) => link(c.sha)).join(', ')}` : 'no new commits'} — verification ${cv.passed ? 'passed' : 'failed'} ([run](${r.runUrl}))`;
  await updatePullRequest(run, cv, roundLine);
  return published;
}

/** The PR body with this round's line and verification, and the needs-human-review label. */
async function updatePullRequest(run: RoundRun, cv: Verified, roundLine: string): Promise<void> {
  const { R, session, sandbox, learnings } = run;
  const { svc, task } = R;
  const spec = task.spec;
  const prev = parsePrBody(R.pr.body);
  const failureNotes = failureNotesOf(cv);
  const fresh = (await R.store.getTask(task.id)) ?? task;
  const body = renderPrBody({
    taskId: task.id,
    ...(task.issue !== undefined ? { issueNumber: task.issue, issueUrl: R.target.url } : {}),
    summary: prev.summary || spec?.summary || '',
    approach: prev.approach,
    tradeoffs: prev.tradeoffs,
    requirements: spec?.requirements ?? [],
    changedFiles: await R.git.changedFiles(R.baseSha),
    checks: cv.checks,
    criteria: criteriaWithVerdict(spec?.acceptanceCriteria ?? [], cv.verdict),
    verificationPassed: cv.passed,
    ...(failureNotes ? { failureNotes } : {}),
    secretFindings: cv.secretFindings,
    learningsApplied: learnings.map((l) => ({ id: l.id, text: l.text })),
    blockedRequests: sandbox.blocked(),
    ...(sandbox.limitation ? { networkLimitation: sandbox.limitation } : {}),
    feedbackRounds: [...prev.rounds, roundLine],
    costUsd: fresh.costUsd + session.spend.costUsd,
    durationMs: svc.now() - session.started,
    runUrl: svc.settings.runner.runUrl,
  });
  await svc.github.updatePull(svc.repo, R.pr.number, { body });
  if (cv.passed) await svc.github.removeLabel(svc.repo, R.pr.number, Labels.NeedsHumanReview);
  else await addMarkerLabel(svc, R.pr.number, Labels.NeedsHumanReview);
}

/** Neutralises @mentions in text the model wrote (a reply must not ping people). */
function quiet(text: string): string {
  return text.replace(/@(?=[A-Za-z0-9])/g, '@\u200b').trim();
}

/** Short description of the round's items for the status line. */
export function countItems(items: readonly FeedbackItem[]): string {
  const n = (k: FeedbackItem['kind']) => items.filter((i) => i.kind === k).length;
  const parts = [
    n('thread') ? `${n('thread')} review thread(s)` : '',
    n('review') ? `${n('review')} review comment(s)` : '',
    n('instructions') ? 'your instructions' : '',
    n('check') ? `${n('check')} failing check(s)` : '',
  ].filter(Boolean);
  return parts.join(', ');
}

/** Where an item points, for commit messages (no reviewer text in commits). */
export function itemLocation(i: FeedbackItem): string {
  switch (i.kind) {
    case 'thread':
      return `review thread on ${threadLocation(i.thread)}`;
    case 'review':
      return `review by @${i.review.user.login}`;
    case 'check':
      return `failing check ${i.check.name}`;
    case 'instructions':
      return `instructions from @${i.author}`;
  }
}

/** The verifier's criterion for one item. */
export function criterionOf(i: FeedbackItem, o: ItemOutcome | undefined): string {
  if (i.kind === 'check') return `The failure of the check \`${i.check.name}\` is fixed (the project's checks pass).`;
  const base = `The feedback in ${itemTitle(i)} is addressed`;
  return o?.outcome === 'declined' ? `${base}, or rightly left unchanged for this reason: ${o.reason}` : `${base}.`;
}


/**
 * Fills in the items the coder did not report: a thread whose file a commit of this round changed
 * counts as changed by the last such commit; anything else as not changed.
 */
export function settleOutcomes(
  items: readonly FeedbackItem[],
  outcomes: Map<string, ItemOutcome>,
  commits: readonly string[],
  filesByCommit: ReadonlyMap<string, readonly string[]>,
  finishSummary: string,
): void {
  for (const i of items) {
    if (outcomes.has(i.id)) continue;
    const touching = i.kind === 'thread' ? commits.filter((c) => (filesByCommit.get(c) ?? []).includes(i.thread.path)) : [];
    if (touching.length) outcomes.set(i.id, { outcome: 'changed', shas: [touching[0]!], summary: finishSummary });
    else outcomes.set(i.id, { outcome: 'declined', reason: `no change was made for this in this round. ${finishSummary}`.trim() });
  }
}

/** Replies in a review thread (to its first comment) and resolves the thread when it was changed. */
export async function replyInThread(svc: Services, taskId: string, pullNumber: number, item: ThreadItem, o: ItemOutcome, link: (sha: string) => string): Promise<void> {
  const first = item.thread.comments[0];
  const marker = `${Markers.FeedbackReply} task=${taskId} -->`;
  const body =
    o.outcome === 'changed'
      ? `${marker}\nAddressed in ${o.shas.map(link).join(', ')}: ${quiet(o.summary)}`
      : `${marker}\nNot changed: ${quiet(o.reason)}`;
  if (first && first.databaseId) await svc.github.replyToReviewComment(svc.repo, pullNumber, first.databaseId, body);
  if (o.outcome === 'changed') await svc.github.resolveReviewThread(item.thread.id);
}

/** The round's summary on the PR for items that have no thread to answer in. */
export function summaryComment(
  taskId: string,
  runUrl: string,
  items: readonly FeedbackItem[],
  outcomes: ReadonlyMap<string, ItemOutcome>,
  link: (sha: string) => string,
  cv: Extract<CodeVerifyEnd, { kind: 'done' }>,
): string {
  const lines = [`${Markers.FeedbackSummary} task=${taskId} -->`, `**Kiro addressed the review feedback** · [workflow run](${runUrl})`, ''];
  for (const i of items) {
    const o = outcomes.get(i.id);
    const what = o?.outcome === 'changed' ? `addressed in ${o.shas.map(link).join(', ')} — ${quiet(o.summary)}` : `not changed — ${quiet(o?.outcome === 'declined' ? o.reason : '')}`;
    lines.push(`- **${i.id}** ${quiet(itemTitle(i))}: ${what}`);
  }
  lines.push('', `Verification: ${cv.checks.length ? cv.checks.map((c) => `${c.passed ? '✅' : '❌'} \`${c.name}\``).join(' ') : 'no checks detected'}${cv.passed ? '' : ' — needs human review'}`);
  return lines.join('\n');
}

function takeUntil(lines: readonly string[], stop: (l: string) => boolean): string[] {
  const i = lines.findIndex(stop);
  return i < 0 ? [...lines] : lines.slice(0, i);
}

/** The parts of an existing PR body (rendered by renderPrBody, maybe edited) a round keeps. */
export function parsePrBody(body: string): { summary: string; approach: string; tradeoffs: string; rounds: string[] } {
  const lines = body.replace(/\r\n?/g, '\n').split('\n');
  const section = (heading: string): string[] => {
    const start = lines.findIndex((l) => l.trim() === `## ${heading}`);
    if (start < 0) return [];
    const out: string[] = [];
    for (const l of lines.slice(start + 1)) {
      if (l.startsWith('## ') || l.trim() === '---') break;
      out.push(l);
    }
    return out;
  };
  const text = (ls: string[]) => ls.join('\n').trim();
  return {
    // the summary proper ends where renderPrBody's `Closes #n` line or requirements block starts
    summary: text(takeUntil(section('Summary'), (l) => /^Closes #\d+/.test(l.trim()) || l.trim().startsWith('<details>'))),
    approach: text(section('Implementation approach')),
    tradeoffs: text(section('Trade-offs considered')),
    rounds: section('Review feedback addressed')
      .filter((l) => l.startsWith('- '))
      .map((l) => l.slice(2)),
  };
}

