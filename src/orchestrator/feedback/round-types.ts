/** The shapes a feedback round's steps share (src/orchestrator/feedback/round.ts). */
import type { Learning, Task } from '../../state/schema.js';
import type { StateStore } from '../../state/store.js';
import type { PullRequestRef } from '../../github/api.js';
import type { GitCommandManager } from '../../git/manager.js';
import type { Committer } from '../committer.js';
import type { FeedbackItem, FeedbackRequest, OwnerFeedback } from '../feedback-context.js';
import type { StatusComment } from '../lifecycle.js';
import type { Sandbox } from '../sandbox.js';
import type { Services } from '../services.js';
import type { AgentSession } from '../session.js';

/** Where the task's status comment and lifecycle labels live: its issue (or the PR without one). */
export interface StatusTarget {
  number: number;
  title: string;
  url: string;
  labels: string[];
}

/** One feedback round: the task, its pull request and the items to address. */
export interface Round {
  svc: Services;
  store: StateStore;
  task: Task;
  requests: readonly FeedbackRequest[];
  handled: ReadonlySet<string>;
  pr: PullRequestRef;
  branch: string;
  /** The base branch's name. */
  base: string;
  /** Tip of the base branch (the PR's changes are `baseSha...HEAD`). */
  baseSha: string;
  /** Tip of the PR branch before this round. */
  startSha: string;
  steering: string;
  /** The repository as the git layer sees it; reaches the model's `.git` once the sandbox is open. */
  git: GitCommandManager;
  items: FeedbackItem[];
  ownerFeedback: OwnerFeedback[];
  status: StatusComment;
  target: StatusTarget;
}

/** What became of one item. */
export type ItemOutcome = { outcome: 'changed'; shas: string[]; summary: string } | { outcome: 'declined'; reason: string };

/** A round once its sandbox and session are open: what its steps work with. */
export interface RoundRun {
  R: Round;
  session: AgentSession;
  sandbox: Sandbox;
  committer: Committer;
  /** What became of each item so far, by item id. */
  outcomes: Map<string, ItemOutcome>;
  /** The owner's learnings given to the roles. */
  learnings: readonly Learning[];
  /** ISO time the round started (older review bodies count as handled by it). */
  roundStart: string;
}
