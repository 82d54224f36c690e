/**
 * The shapes of the GitHub operations the action uses (`GitHubApi`), implemented by
 * `createGitHubApi` (api.ts, Octokit) and `createDryRunGitHubApi` (dry-run.ts). Doc pages are named
 * on each method.
 */
export interface RepoRef {
  owner: string;
  repo: string;
}

/** `owner/repo` (a repository's `full_name`) → `RepoRef`. */
export function repoRefOf(fullName: string): RepoRef {
  const [owner, repo] = fullName.split('/') as [string, string];
  return { owner, repo };
}

/** Repository permission as GET /repos/{owner}/{repo}/collaborators/{username}/permission reports it. */
export type Permission = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none';

export interface CommentRef {
  id: number;
  htmlUrl: string;
}

export interface IssueComment {
  id: number;
  body: string;
  htmlUrl: string;
  user: { login: string; id: number; type: string };
  createdAt: string;
  updatedAt: string;
}

export interface PullRequestRef {
  number: number;
  htmlUrl: string;
  draft: boolean;
  headRef: string;
  headSha: string;
  baseRef: string;
  body: string;
  state: string;
}

export interface ReviewThreadComment {
  id: string;
  databaseId: number;
  body: string;
  url: string;
  author: string;
  createdAt: string;
  diffHunk: string;
}

export interface ReviewThread {
  id: string;
  isResolved: boolean;
  isOutdated: boolean;
  path: string;
  line: number | null;
  comments: ReviewThreadComment[];
}

/** A submitted pull request review (its top-level body; inline comments live in threads). */
export interface PullReview {
  id: number;
  body: string;
  /** `APPROVED`, `CHANGES_REQUESTED`, `COMMENTED`, `DISMISSED` or `PENDING`. */
  state: string;
  htmlUrl: string;
  user: { login: string; id: number; type: string };
  /** ISO time; empty for a pending review. */
  submittedAt: string;
}

export interface CheckRunSummary {
  id: number;
  name: string;
  status: string;
  conclusion: string | null;
  htmlUrl: string;
  title: string;
  summary: string;
  text: string;
  /** Job id when the check run belongs to an Actions job (for log excerpts). */
  jobId?: number;
}

export interface GitHubApi {
  readonly dryRun: boolean;
  /** Writes recorded instead of sent (dry run only). */
  recordedWrites(): readonly RecordedWrite[];

  getDefaultBranch(r: RepoRef): Promise<string>;
  getPermission(r: RepoRef, username: string): Promise<Permission>;
  getIssue(r: RepoRef, issueNumber: number): Promise<{ number: number; title: string; body: string; htmlUrl: string; labels: string[]; state: string; updatedAt: string }>;
  listIssueComments(r: RepoRef, issueNumber: number): Promise<IssueComment[]>;
  /**
   * Creates a comment. With `marker` (a hidden prefix such as the status comment's) the create is
   * idempotent: the request is not re-sent blindly after a lost response; the comments are listed
   * first and a comment starting with `marker` is returned instead of a duplicate.
   */
  createIssueComment(r: RepoRef, issueNumber: number, body: string, opts?: { marker?: string }): Promise<CommentRef>;
  updateIssueComment(r: RepoRef, commentId: number, body: string): Promise<void>;
  /**
   * Opens an issue (POST /repos/{owner}/{repo}/issues, https://docs.github.com/rest/issues/issues#create-an-issue).
   * With `marker` (a hidden comment the body contains) the create is idempotent: after a lost
   * response — or first, with `mayExist` (a re-run resuming its own work) — the repository's newest
   * 100 issues (GET /repos/{owner}/{repo}/issues, state all, newest first) are searched for a body
   * containing `marker`, and that issue is returned instead of a duplicate.
   */
  createIssue(r: RepoRef, i: { title: string; body: string }, opts?: { marker?: string; mayExist?: boolean }): Promise<{ number: number; htmlUrl: string }>;
  /**
   * Replaces an issue's body, and closes it when `close` names a `state_reason` (PATCH
   * /repos/{owner}/{repo}/issues/{issue_number}, https://docs.github.com/rest/issues/issues#update-an-issue).
   */
  updateIssueBody(r: RepoRef, issueNumber: number, body: string, close?: 'completed' | 'not_planned'): Promise<void>;
  addReaction(r: RepoRef, target: { kind: 'issue'; issueNumber: number } | { kind: 'issue_comment' | 'pull_request_review_comment'; commentId: number }, content: 'eyes' | '+1' | 'rocket' | 'confused'): Promise<void>;
  /** Creates the label (with colour and description) when the repository lacks it. */
  ensureLabel(r: RepoRef, name: string, color: string, description: string): Promise<void>;
  addLabels(r: RepoRef, issueNumber: number, labels: string[]): Promise<void>;
  /** Removes a label; a label that is not on the issue is not an error. */
  removeLabel(r: RepoRef, issueNumber: number, label: string): Promise<void>;

  findOpenPullByHead(r: RepoRef, branch: string): Promise<PullRequestRef | undefined>;
  /** Open pull requests of the repository whose head branch matches `head` (all pages). https://docs.github.com/rest/pulls/pulls#list-pull-requests */
  listOpenPulls(r: RepoRef, head: RegExp): Promise<PullRequestRef[]>;
  getPull(r: RepoRef, pullNumber: number): Promise<PullRequestRef>;
  /**
   * Opens a pull request, idempotently: after a lost response, or a 422 "A pull request already
   * exists", the open pull request of `head` is found and updated (title, body) instead.
   * https://docs.github.com/rest/pulls/pulls#create-a-pull-request
   */
  createPull(r: RepoRef, p: { title: string; body: string; head: string; base: string; draft: boolean }): Promise<PullRequestRef>;
  updatePull(r: RepoRef, pullNumber: number, p: { title?: string; body?: string }): Promise<void>;
  listReviewThreads(r: RepoRef, pullNumber: number): Promise<ReviewThread[]>;
  /** Reviews of a pull request, oldest first (GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews). */
  listReviews(r: RepoRef, pullNumber: number): Promise<PullReview[]>;
  replyToReviewComment(r: RepoRef, pullNumber: number, commentId: number, body: string): Promise<CommentRef>;
  resolveReviewThread(threadId: string): Promise<void>;
  listCheckRuns(r: RepoRef, ref: string): Promise<CheckRunSummary[]>;
  getJobLog(r: RepoRef, jobId: number): Promise<string>;

  cancelWorkflowRun(r: RepoRef, runId: number): Promise<void>;
  /**
   * A workflow run's `status` (`queued`, `in_progress`, `completed` …), or undefined when GitHub
   * does not know the run. https://docs.github.com/rest/actions/workflow-runs#get-a-workflow-run
   */
  getWorkflowRunStatus(r: RepoRef, runId: number): Promise<string | undefined>;
  dispatchWorkflow(r: RepoRef, workflowId: string, ref: string, inputs: Record<string, string>): Promise<void>;
}

/** One write a dry run would have made. */
export interface RecordedWrite {
  operation: string;
  repository?: string;
  params: Record<string, unknown>;
  at: string;
}
