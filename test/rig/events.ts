/**
 * Webhook event payloads for GITHUB_EVENT_PATH, built from GitHub's published examples
 * (`@octokit/webhooks-examples` → `api.github.com/index.json`, an array of
 * `{name, actions, examples[]}`; https://docs.github.com/en/webhooks/webhook-events-and-payloads)
 * and re-pointed at a test repository.
 *
 * Re-pointing rewrites, everywhere in the payload: every repository object of the example
 * (`full_name`, `name`, `owner`, `id`, `default_branch`), every URL that names the example's
 * repository (`https://api.github.com/repos/<ex>` → `${apiUrl}/repos/<owner>/<repo>`,
 * `https://github.com/<ex>` → `${serverUrl}/<owner>/<repo>`, `git://`, `git@` forms), then the
 * remaining `https://api.github.com` / `https://github.com` prefixes (other users, apps). The
 * example's sender identity (`Codertocat`, …) is replaced by `overrides.sender` wherever it
 * occurs (sender, comment/review/issue author, workflow_run actor …) unless a more specific
 * override (`issue.user`, `comment.user`, …) names someone else. `organization` is kept only for
 * `ownerType: 'Organization'`; `installation` is dropped.
 *
 * Ids that are not given are derived deterministically from names ({@link stableId}), so the same
 * call gives the same payload (timestamps aside: `*_at` fields that the event is "about" are now).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { randomBytes, createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

// Payloads are deep, loosely typed JSON; tests index into them freely.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Payload = Record<string, any>;

/** What the runner puts in GITHUB_EVENT_NAME / GITHUB_EVENT_PATH. */
export interface WebhookEvent {
  eventName: string;
  payload: Payload;
}

/** The repository (and GitHub host) an event is re-pointed at. */
export interface RepoTarget {
  owner: string;
  repo: string;
  /** GITHUB_SERVER_URL; default `https://github.com`. */
  serverUrl?: string;
  /** GITHUB_API_URL; default `https://api.github.com`. */
  apiUrl?: string;
  /** Default `User`. */
  ownerType?: 'User' | 'Organization';
  ownerId?: number;
  repositoryId?: number;
  /** Default `main`. */
  defaultBranch?: string;
  private?: boolean;
}

/** A user: a login, or login plus id/type. Bots: `{login: 'renovate[bot]', type: 'Bot'}`. */
export type UserSpec = string | { login: string; id?: number; type?: 'User' | 'Bot' | 'Organization' };

/** GitHub's `author_association` values. */
export type AuthorAssociation = 'OWNER' | 'MEMBER' | 'COLLABORATOR' | 'CONTRIBUTOR' | 'FIRST_TIME_CONTRIBUTOR' | 'FIRST_TIMER' | 'NONE';

export interface PullRequestRef {
  number: number;
  headRef?: string;
  headSha?: string;
  baseRef?: string;
  baseSha?: string;
}

export interface EventOverrides {
  /** Who triggered the event. Default: the repository owner (or `octocat` for an organization). */
  sender?: UserSpec;
  issue?: {
    number?: number;
    id?: number;
    title?: string;
    body?: string | null;
    user?: UserSpec;
    /** Label names on the issue (before the labeled/unlabeled change is applied). Default []. */
    labels?: string[];
    state?: 'open' | 'closed';
    /** Make the issue a pull request (`issue.pull_request` present): issue_comment on a PR. */
    pullRequest?: boolean;
    authorAssociation?: AuthorAssociation;
    comments?: number;
  };
  /** The label of issues.labeled / issues.unlabeled. Default `kiro`. */
  label?: string | { name: string; color?: string; description?: string | null; id?: number };
  comment?: {
    id?: number;
    body?: string;
    /** Default: the sender. */
    user?: UserSpec;
    authorAssociation?: AuthorAssociation;
    /** Review comments only: */
    path?: string;
    line?: number;
    startLine?: number | null;
    side?: 'LEFT' | 'RIGHT';
    diffHunk?: string;
    commitId?: string;
    inReplyToId?: number;
    reviewId?: number;
  };
  /** issue_comment.edited: the previous body. */
  changes?: { bodyFrom?: string };
  pullRequest?: {
    number?: number;
    id?: number;
    title?: string;
    body?: string | null;
    user?: UserSpec;
    headRef?: string;
    headSha?: string;
    baseRef?: string;
    baseSha?: string;
    draft?: boolean;
    state?: 'open' | 'closed';
    labels?: string[];
    authorAssociation?: AuthorAssociation;
  };
  review?: {
    id?: number;
    body?: string | null;
    /** Lower case, as in the webhook. Default `commented`. */
    state?: 'approved' | 'changes_requested' | 'commented' | 'dismissed';
    /** Default: the sender. */
    user?: UserSpec;
    authorAssociation?: AuthorAssociation;
    commitId?: string;
  };
  dispatch?: {
    inputs?: Record<string, string | number | boolean>;
    /** Default `refs/heads/<defaultBranch>`. */
    ref?: string;
    /** Default `.github/workflows/kiro.yml`. */
    workflow?: string;
  };
  checkSuite?: {
    id?: number;
    conclusion?: 'success' | 'failure' | 'neutral' | 'cancelled' | 'timed_out' | 'action_required' | 'stale' | 'skipped' | null;
    headBranch?: string;
    headSha?: string;
    pullRequests?: PullRequestRef[];
    appSlug?: string;
  };
  workflowRun?: {
    id?: number;
    name?: string;
    conclusion?: 'success' | 'failure' | 'neutral' | 'cancelled' | 'timed_out' | 'action_required' | 'stale' | 'skipped' | null;
    event?: string;
    headBranch?: string;
    headSha?: string;
    path?: string;
    runNumber?: number;
    runAttempt?: number;
    workflowId?: number;
    pullRequests?: PullRequestRef[];
  };
  /** Timestamp for the `*_at` fields describing the event; default now. ISO 8601. */
  at?: string;
}

/** The events the rig can build; `issue_comment.*` on a PR = `overrides.issue.pullRequest: true`. */
export const EVENT_KINDS = [
  'issues.labeled',
  'issues.unlabeled',
  'issue_comment.created',
  'issue_comment.edited',
  'pull_request_review.submitted',
  'pull_request_review_comment.created',
  'workflow_dispatch',
  'check_suite.completed',
  'workflow_run.completed',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

// ---------------------------------------------------------------------------------------------
// Examples
// ---------------------------------------------------------------------------------------------

interface WebhookDefinition {
  name: string;
  actions: string[];
  examples: Payload[];
}

let definitions: WebhookDefinition[] | undefined;
function loadDefinitions(): WebhookDefinition[] {
  if (!definitions) {
    const require = createRequire(import.meta.url);
    const file = require.resolve('@octokit/webhooks-examples/api.github.com/index.json');
    definitions = JSON.parse(readFileSync(file, 'utf8')) as WebhookDefinition[];
  }
  return definitions;
}

/**
 * A deep copy of one published example.
 * @param action the example's `action` (undefined for action-less events like workflow_dispatch)
 * @param index which of the matching examples (0-based)
 * @throws when there is no such example
 */
export function webhookExample(name: string, action: string | undefined, index = 0): Payload {
  const def = loadDefinitions().find((d) => d.name === name);
  const ex = def?.examples.filter((e) => e.action === action)[index];
  if (!ex) throw new Error(`no @octokit/webhooks-examples example for ${name}.${action ?? ''}[${index}]`);
  return structuredClone(ex);
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/** A deterministic positive id (1e6 … 1e9) for a name, so unspecified ids are stable. */
export function stableId(name: string): number {
  const h = createHash('sha256').update(name).digest();
  return 1_000_000 + (h.readUInt32BE(0) % 999_000_000);
}

interface Ctx {
  owner: string;
  repo: string;
  serverUrl: string;
  apiUrl: string;
  /** `${apiUrl}/repos/owner/repo` */
  apiRepo: string;
  /** `${serverUrl}/owner/repo` */
  htmlRepo: string;
  defaultBranch: string;
  target: Required<Pick<RepoTarget, 'ownerType'>> & RepoTarget;
  sender: Payload;
  at: string;
  user(spec: UserSpec): Payload;
  association(user: Payload, explicit?: AuthorAssociation): AuthorAssociation;
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Applies `fn` to every string in `node` (in place); returns the new root. */
function mapStrings(node: unknown, fn: (s: string) => string): unknown {
  if (typeof node === 'string') return fn(node);
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) node[i] = mapStrings(node[i], fn);
    return node;
  }
  if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    for (const k of Object.keys(o)) o[k] = mapStrings(o[k], fn);
  }
  return node;
}

/** Visits every object in `node` (parents before children). */
function walkObjects(node: unknown, fn: (o: Payload) => void): void {
  if (Array.isArray(node)) {
    for (const x of node) walkObjects(x, fn);
  } else if (node && typeof node === 'object') {
    fn(node as Payload);
    for (const v of Object.values(node as Payload)) walkObjects(v, fn);
  }
}

/** Replaces every whole-number occurrence of `/<segment>/<old>` with `/<segment>/<new>` below `node`. */
function renumber(node: unknown, segments: string[], oldId: number | string, newId: number | string): void {
  if (String(oldId) === String(newId)) return;
  const re = new RegExp(`/(${segments.map(escapeRe).join('|')})/${escapeRe(String(oldId))}(?![0-9])`, 'g');
  mapStrings(node, (s) => s.replace(re, `/$1/${newId}`));
}

function userObject(spec: UserSpec, c: { serverUrl: string; apiUrl: string }): Payload {
  const s = typeof spec === 'string' ? { login: spec } : spec;
  const type = s.type ?? (s.login.endsWith('[bot]') ? 'Bot' : 'User');
  const id = s.id ?? stableId(`user:${s.login}`);
  const api = `${c.apiUrl}/users/${encodeURIComponent(s.login)}`;
  const html = type === 'Bot' ? `${c.serverUrl}/apps/${s.login.replace(/\[bot\]$/, '')}` : `${c.serverUrl}/${s.login}`;
  return {
    login: s.login,
    id,
    node_id: Buffer.from(`04:${type}${id}`).toString('base64'),
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: '',
    url: api,
    html_url: html,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type,
    user_view_type: 'public',
    site_admin: false,
  };
}

function labelObject(spec: NonNullable<EventOverrides['label']>, c: Ctx): Payload {
  const s = typeof spec === 'string' ? { name: spec } : spec;
  const id = s.id ?? stableId(`label:${c.owner}/${c.repo}:${s.name}`);
  return {
    id,
    node_id: Buffer.from(`010:Label${id}`).toString('base64'),
    url: `${c.apiRepo}/labels/${encodeURIComponent(s.name)}`,
    name: s.name,
    color: s.color ?? 'ededed',
    default: false,
    description: s.description ?? null,
  };
}

function prRefObject(p: PullRequestRef, c: Ctx, repoObj: Payload): Payload {
  const repoRef = { id: repoObj.id, url: c.apiRepo, name: c.repo };
  return {
    url: `${c.apiRepo}/pulls/${p.number}`,
    id: stableId(`pr:${c.owner}/${c.repo}#${p.number}`),
    number: p.number,
    head: { ref: p.headRef ?? `kiro/${p.number}`, sha: p.headSha ?? fakeSha(`head:${p.number}`), repo: repoRef },
    base: { ref: p.baseRef ?? c.defaultBranch, sha: p.baseSha ?? fakeSha(`base:${p.number}`), repo: repoRef },
  };
}

function fakeSha(seed: string): string {
  return createHash('sha1').update(seed).digest('hex');
}

// ---------------------------------------------------------------------------------------------
// Appliers: one per payload part, shared by the table below
// ---------------------------------------------------------------------------------------------

type Applier = (p: Payload, o: EventOverrides, c: Ctx) => void;

const applyIssue: Applier = (p, o, c) => {
  const issue = p.issue as Payload;
  const oi = o.issue ?? {};
  const oldNumber = issue.number as number;
  const n = oi.number ?? oldNumber;
  renumber(issue, ['issues', 'pull', 'pulls'], oldNumber, n);
  if (p.comment) renumber(p.comment, ['issues', 'pull', 'pulls'], oldNumber, n);
  issue.number = n;
  issue.id = oi.id ?? stableId(`issue:${c.owner}/${c.repo}#${n}`);
  issue.node_id = Buffer.from(`05:Issue${issue.id}`).toString('base64');
  if (oi.title !== undefined) issue.title = oi.title;
  if (oi.body !== undefined) issue.body = oi.body;
  if (oi.user !== undefined) issue.user = c.user(oi.user);
  issue.state = oi.state ?? 'open';
  issue.labels = (oi.labels ?? []).map((l) => labelObject(l, c));
  issue.assignee = null;
  issue.assignees = [];
  issue.milestone = null;
  issue.comments = oi.comments ?? (p.comment ? 1 : 0);
  issue.author_association = c.association(issue.user as Payload, oi.authorAssociation);
  issue.html_url = `${c.htmlRepo}/${oi.pullRequest ? 'pull' : 'issues'}/${n}`;
  if (oi.pullRequest) {
    issue.pull_request = {
      url: `${c.apiRepo}/pulls/${n}`,
      html_url: `${c.htmlRepo}/pull/${n}`,
      diff_url: `${c.htmlRepo}/pull/${n}.diff`,
      patch_url: `${c.htmlRepo}/pull/${n}.patch`,
      merged_at: null,
    };
  } else {
    delete issue.pull_request;
  }
};

const applyLabel =
  (mode: 'add' | 'remove'): Applier =>
  (p, o, c) => {
    const label = labelObject(o.label ?? 'kiro', c);
    p.label = label;
    const issue = p.issue as Payload;
    const labels = (issue.labels as Payload[]).filter((l) => l.name !== label.name);
    issue.labels = mode === 'add' ? [...labels, label] : labels;
    // GitHub bumps the issue's updated_at when a label changes, as the payload shows
    issue.updated_at = o.at ?? c.at;
  };

const applyIssueComment: Applier = (p, o, c) => {
  const comment = p.comment as Payload;
  const oc = o.comment ?? {};
  const issue = p.issue as Payload;
  const id = oc.id ?? comment.id;
  renumber(comment, ['comments'], comment.id, id);
  comment.id = id;
  comment.node_id = Buffer.from(`012:IssueComment${id}`).toString('base64');
  if (oc.body !== undefined) comment.body = oc.body;
  comment.user = oc.user !== undefined ? c.user(oc.user) : c.sender;
  comment.url = `${c.apiRepo}/issues/comments/${id}`;
  comment.html_url = `${issue.html_url}#issuecomment-${id}`;
  comment.issue_url = `${c.apiRepo}/issues/${issue.number}`;
  comment.author_association = c.association(comment.user as Payload, oc.authorAssociation);
  comment.created_at = o.at ?? c.at;
  comment.updated_at = o.at ?? c.at;
  if (comment.reactions) comment.reactions.url = `${comment.url}/reactions`;
};

const applyChanges: Applier = (p, o) => {
  p.changes = { body: { from: o.changes?.bodyFrom ?? (p.changes?.body?.from as string | undefined) ?? '' } };
};

const applyPullRequest: Applier = (p, o, c) => {
  const pr = p.pull_request as Payload;
  const op = o.pullRequest ?? {};
  const oldNumber = pr.number as number;
  const n = op.number ?? oldNumber;
  for (const part of [pr, p.review, p.comment]) if (part) renumber(part, ['issues', 'pull', 'pulls'], oldNumber, n);
  const repoObj = p.repository as Payload;
  const ownerObj = repoObj.owner as Payload;
  pr.number = n;
  pr.id = op.id ?? stableId(`pr:${c.owner}/${c.repo}#${n}`);
  pr.node_id = Buffer.from(`011:PullRequest${pr.id}`).toString('base64');
  if (op.title !== undefined) pr.title = op.title;
  if (op.body !== undefined) pr.body = op.body;
  if (op.user !== undefined) pr.user = c.user(op.user);
  pr.state = op.state ?? 'open';
  pr.draft = op.draft ?? false;
  pr.labels = (op.labels ?? []).map((l) => labelObject(l, c));
  pr.merge_commit_sha = null;
  pr.author_association = c.association(pr.user as Payload, op.authorAssociation);
  const headRef = op.headRef ?? pr.head.ref;
  const headSha = op.headSha ?? pr.head.sha;
  const baseRef = op.baseRef ?? c.defaultBranch;
  const baseSha = op.baseSha ?? pr.base.sha;
  pr.head = { label: `${c.owner}:${headRef}`, ref: headRef, sha: headSha, user: ownerObj, repo: repoObj };
  pr.base = { label: `${c.owner}:${baseRef}`, ref: baseRef, sha: baseSha, user: ownerObj, repo: repoObj };
  const api = `${c.apiRepo}/pulls/${n}`;
  Object.assign(pr, {
    url: api,
    html_url: `${c.htmlRepo}/pull/${n}`,
    diff_url: `${c.htmlRepo}/pull/${n}.diff`,
    patch_url: `${c.htmlRepo}/pull/${n}.patch`,
    issue_url: `${c.apiRepo}/issues/${n}`,
    commits_url: `${api}/commits`,
    review_comments_url: `${api}/comments`,
    review_comment_url: `${c.apiRepo}/pulls/comments{/number}`,
    comments_url: `${c.apiRepo}/issues/${n}/comments`,
    statuses_url: `${c.apiRepo}/statuses/${headSha}`,
  });
  pr._links = {
    self: { href: api },
    html: { href: `${c.htmlRepo}/pull/${n}` },
    issue: { href: `${c.apiRepo}/issues/${n}` },
    comments: { href: `${c.apiRepo}/issues/${n}/comments` },
    review_comments: { href: `${api}/comments` },
    review_comment: { href: `${c.apiRepo}/pulls/comments{/number}` },
    commits: { href: `${api}/commits` },
    statuses: { href: `${c.apiRepo}/statuses/${headSha}` },
  };
};

const applyReview: Applier = (p, o, c) => {
  const review = p.review as Payload;
  const pr = p.pull_request as Payload;
  const or = o.review ?? {};
  const id = or.id ?? review.id;
  review.id = id;
  review.node_id = Buffer.from(`017:PullRequestReview${id}`).toString('base64');
  if (or.body !== undefined) review.body = or.body;
  review.state = or.state ?? 'commented';
  review.user = or.user !== undefined ? c.user(or.user) : c.sender;
  review.commit_id = or.commitId ?? pr.head.sha;
  review.submitted_at = o.at ?? c.at;
  review.html_url = `${pr.html_url}#pullrequestreview-${id}`;
  review.pull_request_url = pr.url;
  review.author_association = c.association(review.user as Payload, or.authorAssociation);
  review._links = { html: { href: review.html_url }, pull_request: { href: pr.url } };
};

const applyReviewComment: Applier = (p, o, c) => {
  const comment = p.comment as Payload;
  const pr = p.pull_request as Payload;
  const oc = o.comment ?? {};
  const id = oc.id ?? comment.id;
  comment.id = id;
  comment.node_id = Buffer.from(`024:PullRequestReviewComment${id}`).toString('base64');
  if (oc.body !== undefined) comment.body = oc.body;
  comment.user = oc.user !== undefined ? c.user(oc.user) : c.sender;
  if (oc.path !== undefined) comment.path = oc.path;
  if (oc.diffHunk !== undefined) comment.diff_hunk = oc.diffHunk;
  const line = oc.line ?? comment.line ?? 1;
  Object.assign(comment, {
    line,
    original_line: line,
    start_line: oc.startLine ?? null,
    original_start_line: oc.startLine ?? null,
    side: oc.side ?? 'RIGHT',
    start_side: oc.startLine ? (oc.side ?? 'RIGHT') : null,
    position: line,
    original_position: line,
    commit_id: oc.commitId ?? pr.head.sha,
    original_commit_id: oc.commitId ?? pr.head.sha,
    pull_request_review_id: oc.reviewId ?? stableId(`review-of-comment:${id}`),
    url: `${c.apiRepo}/pulls/comments/${id}`,
    html_url: `${pr.html_url}#discussion_r${id}`,
    pull_request_url: pr.url,
    author_association: c.association(comment.user as Payload, oc.authorAssociation),
    created_at: o.at ?? c.at,
    updated_at: o.at ?? c.at,
  });
  if (oc.inReplyToId !== undefined) comment.in_reply_to_id = oc.inReplyToId;
  else delete comment.in_reply_to_id;
  comment._links = {
    self: { href: comment.url },
    html: { href: comment.html_url },
    pull_request: { href: pr.url },
  };
  if (comment.reactions) comment.reactions.url = `${comment.url}/reactions`;
};

const applyDispatch: Applier = (p, o, c) => {
  const od = o.dispatch ?? {};
  p.inputs = { ...(od.inputs ?? {}) };
  p.ref = od.ref ?? `refs/heads/${c.defaultBranch}`;
  p.workflow = od.workflow ?? '.github/workflows/kiro.yml';
};

const applyCheckSuite: Applier = (p, o, c) => {
  const cs = p.check_suite as Payload;
  const oc = o.checkSuite ?? {};
  const id = oc.id ?? cs.id;
  renumber(cs, ['check-suites'], cs.id, id);
  const prs = oc.pullRequests ?? (o.pullRequest?.number ? [{ number: o.pullRequest.number, headRef: o.pullRequest.headRef, headSha: o.pullRequest.headSha }] : [{ number: 1 }]);
  const headSha = oc.headSha ?? prs[0]?.headSha ?? cs.head_sha;
  const headBranch = oc.headBranch ?? prs[0]?.headRef ?? cs.head_branch;
  Object.assign(cs, {
    id,
    head_branch: headBranch,
    head_sha: headSha,
    after: headSha,
    status: 'completed',
    conclusion: oc.conclusion === undefined ? 'failure' : oc.conclusion,
    url: `${c.apiRepo}/check-suites/${id}`,
    check_runs_url: `${c.apiRepo}/check-suites/${id}/check-runs`,
    updated_at: o.at ?? c.at,
  });
  cs.pull_requests = prs.map((x) => prRefObject({ headRef: headBranch, headSha, ...x }, c, p.repository as Payload));
  if (cs.head_commit) cs.head_commit.id = headSha;
  if (oc.appSlug && cs.app) cs.app.slug = oc.appSlug;
};

const applyWorkflowRun: Applier = (p, o, c) => {
  const wr = p.workflow_run as Payload;
  const ow = o.workflowRun ?? {};
  const id = ow.id ?? wr.id;
  renumber(wr, ['runs'], wr.id, id);
  const wid = ow.workflowId ?? wr.workflow_id;
  renumber(p, ['workflows'], wr.workflow_id, wid);
  const wfPath = ow.path ?? '.github/workflows/ci.yml';
  const name = ow.name ?? 'CI';
  const prs = ow.pullRequests ?? [];
  const headSha = ow.headSha ?? prs[0]?.headSha ?? wr.head_sha;
  const headBranch = ow.headBranch ?? prs[0]?.headRef ?? c.defaultBranch;
  Object.assign(wr, {
    id,
    name,
    display_title: name,
    path: wfPath,
    event: ow.event ?? (prs.length ? 'pull_request' : 'push'),
    status: 'completed',
    conclusion: ow.conclusion === undefined ? 'failure' : ow.conclusion,
    head_branch: headBranch,
    head_sha: headSha,
    run_number: ow.runNumber ?? wr.run_number,
    run_attempt: ow.runAttempt ?? 1,
    workflow_id: wid,
    html_url: `${c.htmlRepo}/actions/runs/${id}`,
    url: `${c.apiRepo}/actions/runs/${id}`,
    workflow_url: `${c.apiRepo}/actions/workflows/${wid}`,
    updated_at: o.at ?? c.at,
  });
  if (wr.head_commit) wr.head_commit.id = headSha;
  wr.pull_requests = prs.map((x) => prRefObject({ headRef: headBranch, headSha, ...x }, c, p.repository as Payload));
  if (p.workflow) {
    Object.assign(p.workflow as Payload, {
      id: wid,
      name,
      path: wfPath,
      url: `${c.apiRepo}/actions/workflows/${wid}`,
      html_url: `${c.htmlRepo}/blob/${c.defaultBranch}/${wfPath}`,
      badge_url: `${c.htmlRepo}/workflows/${encodeURIComponent(name)}/badge.svg`,
    });
  }
};

// ---------------------------------------------------------------------------------------------
// The table
// ---------------------------------------------------------------------------------------------

interface KindSpec {
  eventName: string;
  action?: string;
  /** Index among the examples with that action: chosen for being plain (no installation). */
  example: number;
  apply: Applier[];
}

const KINDS: Record<EventKind, KindSpec> = {
  'issues.labeled': { eventName: 'issues', action: 'labeled', example: 0, apply: [applyIssue, applyLabel('add')] },
  'issues.unlabeled': { eventName: 'issues', action: 'unlabeled', example: 0, apply: [applyIssue, applyLabel('remove')] },
  'issue_comment.created': { eventName: 'issue_comment', action: 'created', example: 0, apply: [applyIssue, applyIssueComment] },
  'issue_comment.edited': { eventName: 'issue_comment', action: 'edited', example: 0, apply: [applyIssue, applyIssueComment, applyChanges] },
  'pull_request_review.submitted': { eventName: 'pull_request_review', action: 'submitted', example: 0, apply: [applyPullRequest, applyReview] },
  'pull_request_review_comment.created': {
    eventName: 'pull_request_review_comment',
    action: 'created',
    example: 0,
    apply: [applyPullRequest, applyReviewComment],
  },
  workflow_dispatch: { eventName: 'workflow_dispatch', example: 1, apply: [applyDispatch] },
  'check_suite.completed': { eventName: 'check_suite', action: 'completed', example: 0, apply: [applyCheckSuite] },
  'workflow_run.completed': { eventName: 'workflow_run', action: 'completed', example: 1, apply: [applyWorkflowRun] },
};

/**
 * Builds `{eventName, payload}` for `kind`, from the published example, re-pointed at `target`
 * and with `overrides` applied.
 * @throws when `kind` is unknown
 */
export function buildEvent(kind: EventKind, target: RepoTarget, overrides: EventOverrides = {}): WebhookEvent {
  const spec = KINDS[kind];
  if (!spec) throw new Error(`unknown event kind ${kind}; known: ${EVENT_KINDS.join(', ')}`);
  const payload = webhookExample(spec.eventName, spec.action, spec.example);
  const ctx = repoint(payload, target, overrides);
  for (const apply of spec.apply) apply(payload, overrides, ctx);
  return { eventName: spec.eventName, payload };
}

/** Per-kind shorthands (`events.issuesLabeled(target, overrides)` …), generated from the table. */
export const events = Object.fromEntries(
  EVENT_KINDS.map((k) => [camel(k), (target: RepoTarget, overrides?: EventOverrides) => buildEvent(k, target, overrides)]),
) as Record<CamelKind, (target: RepoTarget, overrides?: EventOverrides) => WebhookEvent>;

type CamelKind =
  | 'issuesLabeled'
  | 'issuesUnlabeled'
  | 'issueCommentCreated'
  | 'issueCommentEdited'
  | 'pullRequestReviewSubmitted'
  | 'pullRequestReviewCommentCreated'
  | 'workflowDispatch'
  | 'checkSuiteCompleted'
  | 'workflowRunCompleted';

function camel(k: string): string {
  return k.replace(/[._]([a-z])/g, (_, ch: string) => ch.toUpperCase());
}

/** Generic re-pointing (see the module comment). Returns the context the appliers use. */
function repoint(payload: Payload, target: RepoTarget, overrides: EventOverrides): Ctx {
  const serverUrl = (target.serverUrl ?? 'https://github.com').replace(/\/+$/, '');
  const apiUrl = (target.apiUrl ?? 'https://api.github.com').replace(/\/+$/, '');
  const ownerType = target.ownerType ?? 'User';
  const defaultBranch = target.defaultBranch ?? 'main';
  const hosts = { serverUrl, apiUrl };
  const serverHost = new URL(serverUrl).host;
  const full = `${target.owner}/${target.repo}`;
  const exampleSender = (payload.sender as Payload | undefined)?.login as string | undefined;

  // 1. Source repositories named in the example (usually one).
  const sourceRepos = new Set<string>();
  walkObjects(payload, (o) => {
    if (typeof o.full_name === 'string' && o.owner && typeof o.owner === 'object') sourceRepos.add(o.full_name);
  });

  // 2. Users: the example's sender identity becomes the sender.
  const user = (spec: UserSpec): Payload => userObject(spec, hosts);
  const sender = user(overrides.sender ?? (ownerType === 'User' ? { login: target.owner, id: target.ownerId } : 'octocat'));
  if (exampleSender) {
    walkObjects(payload, (o) => {
      if (o.login === exampleSender && typeof o.type === 'string' && o !== payload.organization) {
        for (const k of Object.keys(o)) delete o[k];
        Object.assign(o, structuredClone(sender));
      }
    });
  }
  payload.sender = structuredClone(sender);

  // 3. Repository objects.
  const ownerObj = userObject({ login: target.owner, id: target.ownerId ?? stableId(`user:${target.owner}`), type: ownerType }, hosts);
  const repositoryId = target.repositoryId ?? stableId(`repo:${full}`);
  walkObjects(payload, (o) => {
    if (typeof o.full_name === 'string' && sourceRepos.has(o.full_name) && o.owner && typeof o.owner === 'object') {
      o.full_name = full;
      o.name = target.repo;
      o.owner = structuredClone(ownerObj);
      o.id = repositoryId;
      o.node_id = Buffer.from(`010:Repository${repositoryId}`).toString('base64');
      if ('private' in o || target.private !== undefined) o.private = target.private ?? false;
      if ('visibility' in o) o.visibility = target.private ? 'private' : 'public';
      if ('default_branch' in o) o.default_branch = defaultBranch;
      if ('master_branch' in o) o.master_branch = defaultBranch;
    }
  });

  // 4. URLs naming the source repositories, then the remaining GitHub hosts.
  const boundary = '(?![A-Za-z0-9_-])';
  const rules: [RegExp, string][] = [];
  for (const src of sourceRepos) {
    const s = escapeRe(src);
    rules.push([new RegExp(`https://api\\.github\\.com/repos/${s}${boundary}`, 'g'), `${apiUrl}/repos/${full}`]);
    rules.push([new RegExp(`https?://github\\.com/${s}${boundary}`, 'g'), `${serverUrl}/${full}`]);
    rules.push([new RegExp(`git://github\\.com/${s}${boundary}`, 'g'), `git://${serverHost}/${full}`]);
    rules.push([new RegExp(`git@github\\.com:${s}${boundary}`, 'g'), `git@${serverHost}:${full}`]);
  }
  rules.push([/https:\/\/api\.github\.com(?=\/|$)/g, apiUrl]);
  rules.push([/https?:\/\/github\.com(?=\/|$)/g, serverUrl]);
  mapStrings(payload, (str) => rules.reduce((acc, [re, to]) => acc.replace(re, to), str));

  // 5. Organization / installation.
  if (ownerType === 'Organization') {
    const org = `${apiUrl}/orgs/${target.owner}`;
    payload.organization = {
      login: target.owner,
      id: ownerObj.id,
      node_id: ownerObj.node_id,
      url: org,
      repos_url: `${org}/repos`,
      events_url: `${org}/events`,
      hooks_url: `${org}/hooks`,
      issues_url: `${org}/issues`,
      members_url: `${org}/members{/member}`,
      public_members_url: `${org}/public_members{/member}`,
      avatar_url: ownerObj.avatar_url,
      description: null,
    };
  } else {
    delete payload.organization;
  }
  delete payload.installation;

  const ctx: Ctx = {
    owner: target.owner,
    repo: target.repo,
    serverUrl,
    apiUrl,
    apiRepo: `${apiUrl}/repos/${full}`,
    htmlRepo: `${serverUrl}/${full}`,
    defaultBranch,
    target: { ...target, ownerType },
    sender,
    at: overrides.at ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    user,
    association: (u, explicit) => explicit ?? (u?.login === target.owner ? 'OWNER' : 'NONE'),
  };
  return ctx;
}

/**
 * Writes the payload as JSON to a new file in `dir` (created when missing) and returns its path,
 * for GITHUB_EVENT_PATH.
 */
export async function writeEvent(dir: string, event: WebhookEvent): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `event-${event.eventName}-${randomBytes(4).toString('hex')}.json`);
  await writeFile(file, JSON.stringify(event.payload, null, 2));
  return file;
}
