/**
 * What the sub-agents are told about a task: the issue and its discussion (sanitised and fenced
 * as data), the team's steering files, the owner's learnings and the repository layout.
 *
 * Trust rules (SPEC.md §4): text written by users is data; only comments by the owner and by
 * people with write access are included; content created or edited after the trigger is left out;
 * the action's own comments (recognised by their hidden markers) are left out.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Markers, RepoFiles } from '../constants.js';
import type { IssueRef } from '../events.js';
import type { IssueComment } from '../github/api.js';
import { execGit } from '../git/exec.js';
import { fenceUntrusted, safeInline, sanitizeUntrusted } from '../policy/sanitize.js';
import type { Services } from './services.js';

const WRITE = new Set(['write', 'maintain', 'admin']);

/** Caches permission lookups per login for one run. */
export class PermissionCache {
  private readonly cache = new Map<string, Promise<boolean>>();
  constructor(private readonly svc: Services) {}
  canWrite(login: string): Promise<boolean> {
    let p = this.cache.get(login);
    if (!p) {
      p = this.svc.github.getPermission(this.svc.repo, login).then((perm) => WRITE.has(perm));
      this.cache.set(login, p);
    }
    return p;
  }
}

/**
 * Comments that count as the discussion of a task: by writers, not the action's own, created and
 * last edited no later than `before` (ISO time), oldest first.
 */
export async function trustedComments(svc: Services, perms: PermissionCache, comments: readonly IssueComment[], before: string, excludeIds: readonly number[] = []): Promise<IssueComment[]> {
  const cutoff = Date.parse(before);
  const out: IssueComment[] = [];
  for (const c of comments) {
    if (excludeIds.includes(c.id) || c.body.includes(Markers.Any)) continue;
    if (Number.isFinite(cutoff) && (Date.parse(c.createdAt) > cutoff || Date.parse(c.updatedAt) > cutoff)) continue;
    if (c.user.type === 'Bot') continue;
    if (!(await perms.canWrite(c.user.login))) continue;
    out.push(c);
  }
  return out;
}

/** Renders comments as fenced data blocks, one per comment. */
export function renderDiscussion(comments: readonly IssueComment[]): string {
  if (!comments.length) return '(no comments)';
  // the newest comments matter most: older ones give way first when the discussion is long
  let budget = Budgets.discussion;
  const parts: string[] = [];
  for (const c of [...comments].reverse()) {
    const text = cutToBudget(sanitizeUntrusted(c.body), Math.min(Budgets.comment, Math.max(budget, 0)), 'comment');
    budget -= text.length;
    parts.unshift(fenceUntrusted(`comment by @${c.user.login} at ${c.createdAt}`, text));
    if (budget <= 0) break;
  }
  const dropped = comments.length - parts.length;
  return [...(dropped > 0 ? [`(${dropped} older comment(s) not shown: the discussion is longer than the budget)`] : []), ...parts].join('\n\n');
}

/**
 * Characters of untrusted text one prompt may carry (issue #11: a single 1 MB issue body must not
 * fill the context window): the issue body, each comment, the whole discussion.
 */
export const Budgets = { issueBody: 40_000, comment: 8_000, discussion: 40_000 } as const;

/** `text` cut to `max` characters, with a note saying how much was left out. */
export function cutToBudget(text: string, max: number, what: string): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}\n\n[… the ${what} is ${text.length} characters long; only the first ${max} are shown]`;
}

/** The issue's title and body as a fenced data block. */
export function renderIssue(issue: Pick<IssueRef, 'number' | 'title' | 'body' | 'author'>): string {
  return fenceUntrusted(`issue #${issue.number} by @${issue.author.login}`, `# ${safeInline(sanitizeUntrusted(issue.title), 500)}\n\n${cutToBudget(sanitizeUntrusted(issue.body), Budgets.issueBody, 'issue body')}`);
}

/**
 * `.kiro/steering/*.md` of the work tree, sanitised, each under its file name; `(none)` when absent.
 * Steering files come from the repository's default branch, which only writers can change.
 */
export function readSteering(workspace: string): string {
  const dir = path.join(workspace, RepoFiles.SteeringDir);
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.md')).sort();
  } catch {
    return '(none)';
  }
  const parts = names.map((n) => `## ${RepoFiles.SteeringDir}/${n}\n\n${sanitizeUntrusted(readFileSync(path.join(dir, n), 'utf8')).trim()}`);
  return parts.length ? parts.join('\n\n') : '(none)';
}

/** The first `max` tracked paths (a cheap map of the repository for the planner). */
export async function repositoryLayout(workspace: string, max = 400): Promise<string> {
  const r = await execGit(['ls-files'], { cwd: workspace, allowFailure: true });
  const files = r.stdout.split('\n').filter(Boolean);
  const shown = files.slice(0, max).join('\n');
  return files.length > max ? `${shown}\n… and ${files.length - max} more (use list_files)` : shown || '(empty repository)';
}
