/**
 * What a feedback round works on (SPEC.md J3): the unresolved, current review threads of the pull
 * request (GraphQL `reviewThreads`, every page) with path, line, diff hunk and the whole
 * conversation; top-level review bodies; the failing check runs on the head commit with excerpts
 * of their logs; and the owner's own instructions. Also which of it is the task owner's own
 * feedback — the only text the learner reads (J4).
 *
 * Trust rules (SPEC.md §4): review text is data, sanitised and fenced; only comments by people
 * with write access (and the action's own earlier replies, recognised by their marker) are shown;
 * a thread with no such comment is left out. Resolved and outdated threads are left out. Check
 * output and logs are untrusted too (tests print whatever the code under test prints).
 *
 * GraphQL: https://docs.github.com/graphql/reference/objects#pullrequestreviewthread
 * Check runs: https://docs.github.com/rest/checks/runs#list-check-runs-for-a-git-reference
 * Job logs: https://docs.github.com/rest/actions/workflow-jobs#download-job-logs-for-a-workflow-run
 */
import * as core from '@actions/core';
import { z } from 'zod';
import { Markers } from '../constants.js';
import type { CheckRunSummary, PullReview, ReviewThread, ReviewThreadComment } from '../github/api.js';
import { fenceUntrusted, sanitizeUntrusted } from '../policy/sanitize.js';
import type { PermissionCache } from './context.js';
import type { Services } from './services.js';

/**
 * One request for a feedback round, as stored on the task record while it waits (a queued round,
 * or feedback that arrived while a round was running). `scope`: `review` (the owner submitted a
 * review), `all` (`/kiro all`), `thread` (`/kiro fix` in one review thread), `checks` (failing CI
 * with `fix-failing-checks`), `learning` (a preference the owner taught on a sibling PR of the same
 * batch, `text` the learnings, `url` that PR: applied here, never learned from again).
 */
export const FeedbackRequest = z.looseObject({
  scope: z.enum(['review', 'all', 'thread', 'checks', 'learning']),
  pullNumber: z.number().int().positive(),
  /** Login of the person who asked (the task owner; the check's sender for `checks`). */
  actor: z.string(),
  reviewId: z.number().int().optional(),
  /** The `/kiro` comment (issue comment for `all`, review comment for `thread`). */
  commentId: z.number().int().optional(),
  /** URL of the review or comment that asked. */
  url: z.string().optional(),
  /** Review body, or the text after `/kiro all` / `/kiro fix`. */
  text: z.string().default(''),
  triggeredAt: z.string(),
});
export type FeedbackRequest = z.infer<typeof FeedbackRequest>;

/** Conclusions of a check run that count as failing. */
const FAILING = new Set(['failure', 'timed_out', 'startup_failure']);

export interface ThreadItem {
  kind: 'thread';
  /** `T1`, `T2`, … */
  id: string;
  thread: ReviewThread;
  /** The comments shown: by writers, or the action's own replies. */
  comments: ReviewThreadComment[];
}

export interface ReviewItem {
  kind: 'review';
  /** `R1`, … */
  id: string;
  review: PullReview;
}

export interface CheckItem {
  kind: 'check';
  /** `C1`, … */
  id: string;
  check: CheckRunSummary;
  /** Excerpt of the job's log ('' when there is none). */
  log: string;
}

export interface InstructionItem {
  kind: 'instructions';
  /** `I1`, … */
  id: string;
  text: string;
  author: string;
  url: string;
}

export type FeedbackItem = ThreadItem | ReviewItem | CheckItem | InstructionItem;

/** A piece of the task owner's own feedback, with its provenance (for the learner). */
export interface OwnerFeedback {
  url: string;
  text: string;
  /** ISO time it was written. */
  createdAt: string;
  /** Where it was written, e.g. `review`, `src/calc.js:8`, `/kiro all`. */
  where: string;
}

export interface FeedbackContext {
  items: FeedbackItem[];
  ownerFeedback: OwnerFeedback[];
}

export interface GatherOptions {
  pullNumber: number;
  /** The task owner's login. */
  owner: string;
  /** The requests this round answers. */
  requests: readonly FeedbackRequest[];
  /** Sha of the pull request's head commit (its failing check runs are included). */
  headSha: string;
  /** ISO time of the previous round's start: older review bodies and owner comments were handled then. */
  since?: string;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The action's own replies carry the reply marker; bots' logins lose `[bot]` in GraphQL. */
function isOwnReply(c: { body: string }): boolean {
  return c.body.includes(Markers.FeedbackReply) || c.body.includes(Markers.FeedbackSummary);
}

function after(iso: string, since: string | undefined): boolean {
  if (!since) return true;
  const t = Date.parse(iso);
  return !Number.isFinite(t) || t > Date.parse(since);
}

/**
 * Collects the items of a feedback round. Review threads: for `thread` requests only the threads
 * holding the `/kiro fix` comments; for `review` and `all` every thread. Review bodies: for
 * `review` and `all`, the non-empty bodies submitted since the last round (and the triggering
 * review), except approvals'. Failing checks on `headSha`: always.
 */
export async function gatherFeedback(svc: Services, perms: PermissionCache, o: GatherOptions): Promise<FeedbackContext> {
  const broad = o.requests.some((r) => r.scope === 'review' || r.scope === 'all');
  const fixIds = new Set(o.requests.filter((r) => r.scope === 'thread' && r.commentId !== undefined).map((r) => r.commentId!));
  const reviewIds = new Set(o.requests.filter((r) => r.reviewId !== undefined).map((r) => r.reviewId!));
  const items: FeedbackItem[] = [];
  const ownerFeedback: OwnerFeedback[] = [];
  const seenUrls = new Set<string>();
  const addOwner = (f: OwnerFeedback) => {
    if (!f.text.trim() || seenUrls.has(f.url)) return;
    seenUrls.add(f.url);
    ownerFeedback.push(f);
  };

  // ---- review threads --------------------------------------------------------------------
  const [threads, reviews, checks] = await Promise.all([
    broad || fixIds.size ? svc.github.listReviewThreads(svc.repo, o.pullNumber) : Promise.resolve([] as ReviewThread[]),
    broad ? svc.github.listReviews(svc.repo, o.pullNumber) : Promise.resolve([] as PullReview[]),
    o.headSha ? svc.github.listCheckRuns(svc.repo, o.headSha) : Promise.resolve([] as CheckRunSummary[]),
  ]);
  let n = 0;
  for (const t of threads) {
    if (t.isResolved || t.isOutdated) continue;
    if (!broad && !t.comments.some((c) => fixIds.has(c.databaseId))) continue;
    const shown: ReviewThreadComment[] = [];
    for (const c of t.comments) {
      if (isOwnReply(c)) shown.push(c);
      else if (c.author && (await perms.canWrite(c.author))) shown.push(c);
    }
    if (!shown.some((c) => !isOwnReply(c))) continue;
    items.push({ kind: 'thread', id: `T${++n}`, thread: t, comments: shown });
    for (const c of shown) {
      if (same(c.author, o.owner) && !isOwnReply(c) && (after(c.createdAt, o.since) || fixIds.has(c.databaseId))) {
        addOwner({ url: c.url, text: c.body, createdAt: c.createdAt, where: `${t.path}${t.line ? `:${t.line}` : ''}` });
      }
    }
  }

  // ---- review bodies ---------------------------------------------------------------------
  n = 0;
  for (const r of reviews) {
    if (!r.body.trim() || r.state === 'PENDING' || r.user.type === 'Bot' || isOwnReply(r)) continue;
    if (!reviewIds.has(r.id) && !after(r.submittedAt, o.since)) continue;
    if (!(await perms.canWrite(r.user.login))) continue;
    if (same(r.user.login, o.owner)) addOwner({ url: r.htmlUrl, text: r.body, createdAt: r.submittedAt, where: 'review' });
    // an approval's words are praise or a note, not a change request (its inline threads still count)
    if (r.state !== 'APPROVED') items.push({ kind: 'review', id: `R${++n}`, review: r });
  }

  // ---- the owner's instructions ----------------------------------------------------------
  n = 0;
  for (const r of o.requests) {
    if (r.scope !== 'all' || !r.text.trim()) continue;
    items.push({ kind: 'instructions', id: `I${++n}`, text: r.text, author: r.actor, url: r.url ?? '' });
    if (same(r.actor, o.owner) && r.url) addOwner({ url: r.url, text: r.text, createdAt: r.triggeredAt, where: '/kiro all' });
  }
  // a learning from a sibling PR of the batch: an instruction to apply, not feedback to learn from
  for (const r of o.requests) {
    if (r.scope !== 'learning' || !r.text.trim()) continue;
    const text = `@${r.actor} taught this preference in a review of another pull request of the same batch (${r.url ?? 'a sibling pull request'}). Apply it to this pull request where it applies; change nothing when it does not:\n\n${r.text}`;
    items.push({ kind: 'instructions', id: `I${++n}`, text, author: r.actor, url: r.url ?? '' });
  }

  // ---- failing checks --------------------------------------------------------------------
  n = 0;
  for (const c of checks) {
    if (c.status !== 'completed' || !FAILING.has(c.conclusion ?? '')) continue;
    let log = '';
    if (c.jobId !== undefined) {
      try {
        log = logExcerpt(await svc.github.getJobLog(svc.repo, c.jobId));
      } catch (e) {
        core.warning(svc.redact(`Kiro: could not read the log of check '${c.name}': ${(e as Error).message}`));
      }
    }
    items.push({ kind: 'check', id: `C${++n}`, check: c, log });
  }
  return { items, ownerFeedback };
}

const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z ?/;
const INTERESTING = /error|fail|✗|✖|not ok|assert|exception|expected|panic|traceback/i;

/**
 * The useful part of a job log: lines that look like failures (with two lines of context) and the
 * last lines, runner timestamps and terminal escapes removed, at most `maxChars` characters.
 */
export function logExcerpt(log: string, maxChars = 6000): string {
  const lines = log
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(TIMESTAMP, '').replace(/\x1b\[[0-?]*[ -/]*[@-~]/g, ''));
  const keep = new Set<number>();
  lines.forEach((l, i) => {
    if (INTERESTING.test(l)) for (let k = Math.max(0, i - 2); k <= Math.min(lines.length - 1, i + 2); k++) keep.add(k);
  });
  for (let i = Math.max(0, lines.length - 30); i < lines.length; i++) keep.add(i);
  const out: string[] = [];
  let prev = -1;
  for (const i of [...keep].sort((a, b) => a - b)) {
    if (prev >= 0 && i > prev + 1) out.push('…');
    out.push(lines[i]!);
    prev = i;
  }
  let text = out.join('\n').trim();
  if (text.length > maxChars) text = `… (log excerpt truncated)\n${text.slice(text.length - maxChars)}`;
  return text;
}

function clip(s: string, n: number): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
}

/** `path:line` of a thread (the line is null for file-level comments). */
export function threadLocation(t: ReviewThread): string {
  return t.line ? `${t.path}:${t.line}` : t.path;
}

/** One line naming an item, for criteria, logs and the summary comment. */
export function itemTitle(i: FeedbackItem): string {
  switch (i.kind) {
    case 'thread':
      return `review thread on ${threadLocation(i.thread)} (@${i.comments[0]?.author ?? '?'}: “${clip(sanitizeUntrusted(i.comments[0]?.body ?? ''), 80)}”)`;
    case 'review':
      return `review by @${i.review.user.login} (“${clip(sanitizeUntrusted(i.review.body), 80)}”)`;
    case 'check':
      return `failing check \`${i.check.name}\``;
    case 'instructions':
      return `instructions from @${i.author}`;
  }
}

/** Renders the items for the feedback coder, each as a heading plus fenced data. */
export function renderItems(items: readonly FeedbackItem[], redact: (s: string) => string): string {
  if (!items.length) return '(none)';
  return items
    .map((i) => {
      switch (i.kind) {
        case 'thread': {
          const t = i.thread;
          const hunk = t.comments[0]?.diffHunk ?? '';
          const convo = i.comments
            .map((c) => `@${c.author}${isOwnReply(c) ? ' (Kiro, earlier reply)' : ''} at ${c.createdAt}:\n${sanitizeUntrusted(c.body).trim()}`)
            .join('\n\n');
          return [
            `## ${i.id} — review thread on \`${t.path}\`${t.line ? ` line ${t.line}` : ''}`,
            '',
            fenceUntrusted(`diff hunk of ${i.id}`, sanitizeUntrusted(hunk)),
            '',
            fenceUntrusted(`conversation of ${i.id}`, convo, { path: t.path, ...(t.line ? { line: t.line } : {}) }),
          ].join('\n');
        }
        case 'review':
          return [`## ${i.id} — review by @${i.review.user.login} (${i.review.state.toLowerCase().replace('_', ' ')})`, '', fenceUntrusted(`review body of ${i.id}`, sanitizeUntrusted(i.review.body))].join('\n');
        case 'instructions':
          return [`## ${i.id} — instructions from @${i.author} (the task owner)`, '', fenceUntrusted(`instructions ${i.id}`, sanitizeUntrusted(i.text))].join('\n');
        case 'check': {
          const c = i.check;
          const output = [c.title, c.summary, c.text].filter((x) => x && x.trim()).join('\n\n');
          return [
            `## ${i.id} — failing check \`${c.name}\` (${c.conclusion})${c.htmlUrl ? ` ${c.htmlUrl}` : ''}`,
            '',
            fenceUntrusted(`check output of ${i.id}`, redact(sanitizeUntrusted(output || '(no output)'))),
            '',
            fenceUntrusted(`log excerpt of ${i.id}`, redact(sanitizeUntrusted(i.log || '(no log available)'))),
          ].join('\n');
        }
      }
    })
    .join('\n\n');
}
