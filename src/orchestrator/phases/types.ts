/**
 * The shapes the phases of a task run share (src/orchestrator/pipeline.ts): the run's inputs, what
 * each phase hands the next, and how a run ends.
 */
import type { PauseRequest, Spend } from '../../agent/types.js';
import type { FinishSubmission, VerdictSubmission } from '../../agent/roles.js';
import type { TaskInput, TaskSpec } from '../../state/schema.js';
import type { CheckResult } from '../../verify/run.js';
import type { Committer } from '../committer.js';
import type { StatusComment } from '../lifecycle.js';
import type { Sandbox } from '../sandbox.js';
import type { Services } from '../services.js';
import type { AgentSession } from '../session.js';

/** Everything one task run works with. */
export interface TaskRun {
  svc: Services;
  taskId: string;
  issueNumber: number;
  issueUrl: string;
  issueTitle: string;
  owner: { login: string; id: number };
  /** Labels known to be on the issue (to swap lifecycle labels without a read). */
  labels: string[];
  status: StatusComment;
  sandbox: Sandbox;
  /** Rendered planner-task message (issue, discussion, layout). */
  plannerInput: string;
  steering: string;
  learnings: ReadonlyArray<{ id: string; text: string }>;
  /** A spec from an earlier run (answered questions, continuation); skips planning when set. */
  spec?: TaskSpec;
  /** The task's branch from an earlier run (a continuation resumes on it). */
  branch?: string;
  resume?: ResumeInput;
  /** Saves progress on the task record (spec, plan progress, branch, pull request). */
  persist(patch: Partial<TaskInput>, description?: string): Promise<void>;
  /** Owner comments that arrived since the last step boundary, as steering text. */
  steer?: () => Promise<string | undefined>;
  /** The run's spend, shared with the caller so that a failure or an interruption still records it. */
  spend?: Spend;
  /**
   * Called once the task branch is checked out, with a function that commits and pushes the work
   * in progress (for a job that is being stopped, src/orchestrator/shutdown.ts). It returns the
   * branch pushed to.
   */
  onWip?: (wip: () => Promise<string>) => void;
  /** What earlier runs of the task spent: `max-turns` and `max-cost-usd` are per task. */
  prior?: { turns: number; costUsd: number };
  /** Epoch ms the task was created (its durations count from there, like the status header's). */
  startedAt?: number;
}

/** What a resumed run brings beyond the task record. */
export interface ResumeInput {
  /** The owner's answers to the clarifying questions. */
  answers?: string;
  /** New instructions from the owner on a finished or running task. */
  feedback?: string;
  /** A paused command the owner approved with `/kiro continue`. */
  approvedCommand?: string;
  /** A paused file (new file or large rewrite, workspace-relative) the owner approved with `/kiro continue`. */
  approvedPath?: string;
}

interface EndBase {
  spend: Spend;
  /** The last sub-agent's exit reason (for the run record). */
  exitReason: string;
}

export type PipelineEnd =
  | (EndBase & { state: 'completed'; pullRequestUrl?: string; draft?: boolean })
  | (EndBase & { state: 'needs_attention'; reason: string; questions?: string[]; pause?: PauseRequest })
  /** The time budget is nearly used: the work is pushed and a continuation run must take over. */
  | (EndBase & { state: 'checkpoint' })
  | (EndBase & { state: 'failed'; reason: string });

/** What every phase of one run works with. */
export interface PhaseRun {
  t: TaskRun;
  session: AgentSession;
  /** Ids of the owner's learnings given to the roles (recorded on the task). */
  learningsApplied: string[];
}

/** The plan phase's result: the spec the rest of the run implements. */
export interface Planned {
  spec: TaskSpec;
}

/** The branch phase's result: the task branch checked out and a committer on it. */
export interface Branched extends Planned {
  branch: string;
  defaultBranch: string;
  /** The default branch's commit the task branch starts from (diffs and edit counts are against it). */
  baseSha: string;
  committer: Committer;
}

/** The code phase's result (code → verify, SPEC.md J1.4): what the coder finished and how verification went. */
export interface Coded extends Branched {
  finish: FinishSubmission;
  checks: CheckResult[];
  verdict: VerdictSubmission;
  secretFindings: string[];
  passed: boolean;
}

/** A phase either hands its result to the next or ends the run. */
export type PhaseResult<T> = { next: T } | { end: PipelineEnd };
