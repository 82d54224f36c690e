/**
 * Shapes of the records kept on the state branch (docs/state.md). Records are `looseObject`s:
 * fields this version does not know are kept when a record is read and written back, so an older
 * action sharing a store with a newer one does not strip the newer one's data.
 *
 * Timestamps are ISO 8601 strings (UTC) so the branch stays readable in the GitHub UI.
 */
import { z } from 'zod';
import { TaskStates } from '../constants.js';

/** Ids used in file names: task, learning and batch ids. */
/**
 * Ids of tasks, learnings and batches: file names on the state branch and ref names
 * (`refs/kiro-state/<branch>/tasks/<id>`), so also a valid git ref component
 * (https://git-scm.com/docs/git-check-ref-format): no `..`, not ending in `.` or `.lock`.
 */
export const IdPattern = /^(?!.*\.\.)(?!.*\.lock$)[A-Za-z0-9][A-Za-z0-9._-]{0,99}(?<!\.)$/;
const Id = z.string().regex(IdPattern, 'must be 1–100 of A–Z a–z 0–9 . _ -, start with a letter or digit, and have no `..` and no trailing `.` or `.lock` (a git ref name)');
/** `owner/repo`, GitHub's spelling (repository names may contain `.`, `_`, `-`). */
export const RepositoryName = z.string().regex(/^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/, 'must be owner/repo');
const Timestamp = z.string().min(1);

/** `kiro-state.json` at the root of the branch. */
export const StateMeta = z.looseObject({
  version: z.number().int().nonnegative(),
});
export type StateMeta = z.infer<typeof StateMeta>;

/** A GitHub user as the task owner: the person whose label or comment started the task. */
export const Person = z.looseObject({
  login: z.string().min(1),
  id: z.number().int(),
});
export type Person = z.infer<typeof Person>;

/**
 * The task spec the planning sub-agent writes (SPEC.md J1.2): requirements in EARS style
 * ("WHEN … THE SYSTEM SHALL …"), acceptance criteria, and a numbered plan whose steps the code
 * sub-agent ticks off.
 */
export const TaskSpec = z.looseObject({
  title: z.string(),
  summary: z.string(),
  requirements: z.array(z.string()),
  acceptanceCriteria: z.array(z.looseObject({ id: z.string(), text: z.string() })),
  plan: z.array(
    z.looseObject({
      id: z.number().int(),
      title: z.string(),
      detail: z.string(),
      done: z.boolean(),
    }),
  ),
  /** Clarifying questions the planner wants answered before coding. */
  questions: z.array(z.string()).optional(),
  /** False when the issue can be answered without a code change (no branch, no PR). */
  needsCode: z.boolean(),
});
export type TaskSpec = z.infer<typeof TaskSpec>;

/** Kinds of task: from an issue (J1/J2), from PR feedback (J3), one repository of a batch (J5). */
export const TaskKinds = ['issue', 'feedback', 'batch-child'] as const;
export type TaskKind = (typeof TaskKinds)[number];

/** Phases the orchestrator moves a task through; `progress.phase` holds one of them. */
export const TaskPhases = ['planning', 'questions', 'coding', 'verifying', 'publishing', 'feedback', 'done'] as const;
export type TaskPhase = (typeof TaskPhases)[number];

/** One workflow run that worked on the task. `runId` is `GITHUB_RUN_ID`. */
export const TaskRun = z.looseObject({
  runId: z.number().int(),
  runUrl: z.string(),
  runAttempt: z.number().int().optional(),
  startedAt: Timestamp,
  endedAt: Timestamp.optional(),
  /** The agent's exit reason (`completed`, `needs_input`, `limit_reached`, `failed`, …) or `cancelled`. */
  exitReason: z.string().optional(),
});
export type TaskRun = z.infer<typeof TaskRun>;

/** The state branch's task record, `tasks/<id>.json`. */
export const Task = z.looseObject({
  id: Id,
  repository: RepositoryName,
  /** Issue number; absent for a batch child, which has no issue of its own. */
  issue: z.number().int().positive().optional(),
  pullRequest: z.looseObject({ number: z.number().int().positive(), url: z.string() }).optional(),
  kind: z.enum(TaskKinds),
  owner: Person,
  state: z.enum(TaskStates),
  /** What was asked: the issue (title + body) or the `/kiro …` comment's text. */
  instructions: z.string(),
  spec: TaskSpec.optional(),
  progress: z
    .looseObject({
      phase: z.enum(TaskPhases),
      /** `plan[].id` of the step in flight. */
      currentStep: z.number().int().optional(),
      verifyAttempts: z.number().int().nonnegative().default(0),
    })
    .default({ phase: 'planning', verifyAttempts: 0 }),
  /** Work branch `kiro/<issue>-<slug>` and the branch it was cut from. */
  branch: z.string().optional(),
  baseBranch: z.string().optional(),
  runs: z.array(TaskRun).default([]),
  costUsd: z.number().nonnegative().default(0),
  /** Model calls across all runs of the task (`max-turns` is per task). */
  turns: z.number().int().nonnegative().default(0),
  tokens: z
    .looseObject({
      input: z.number().int().nonnegative().default(0),
      output: z.number().int().nonnegative().default(0),
      cacheRead: z.number().int().nonnegative().default(0),
      cacheWrite: z.number().int().nonnegative().default(0),
    })
    .default({ input: 0, output: 0, cacheRead: 0, cacheWrite: 0 }),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  /** Clarifying questions waiting for the owner (J1.3); cleared when answered. */
  pendingQuestion: z
    .looseObject({ commentId: z.number().int(), questions: z.array(z.string()), askedAt: Timestamp })
    .optional(),
  /** An autonomy pause (SPEC.md §2): what the agent wants to do and, for commands, the command. */
  pause: z.looseObject({ reason: z.string(), command: z.string().optional(), pausedAt: Timestamp.optional() }).optional(),
  /** Id of the single status comment (edited in place). */
  statusCommentId: z.number().int().optional(),
  batchId: Id.optional(),
  /** Learning ids that were put into this task's prompts. */
  learningsApplied: z.array(z.string()).default([]),
  /** Comment that started the task (`/kiro …`), if any. */
  triggerCommentId: z.number().int().optional(),
  /** Newest issue/PR comment the task has read; later owner comments steer the task. */
  lastSeenCommentId: z.number().int().optional(),
  /** Queue position shown in the status comment while `state` is `queued`. */
  queuePosition: z.number().int().positive().optional(),
});
export type Task = z.infer<typeof Task>;
/** What `Task.parse` accepts: defaulted fields may be left out. */
export type TaskInput = z.input<typeof Task>;

/** `index/issues/<owner>/<repo>/<n>.json` and `index/pulls/…`: the task for an issue or PR. */
export const IndexEntry = z.looseObject({ taskId: Id });
export type IndexEntry = z.infer<typeof IndexEntry>;

/**
 * `slots/<n>.json` (a record on its own ref; version 2: `leases/<taskId>.json` on the branch): one
 * concurrency slot, held by `taskId`. A lease with `reserved: true` was handed to a
 * queued task by a finishing one; its continuation run turns it into a normal lease.
 */
export const Lease = z.looseObject({
  taskId: Id,
  /** Run holding the slot; absent while the lease is a reservation. */
  runId: z.number().int().optional(),
  acquiredAt: Timestamp,
  expiresAt: Timestamp,
  reserved: z.boolean().optional(),
  /** A reservation's original enqueue time: where the task goes back in the queue if it lapses. */
  queuedAt: Timestamp.optional(),
});
export type Lease = z.infer<typeof Lease>;

/** `queue/<enqueuedAt, ms, 15 digits>-<taskId>.json`: a task waiting for a slot. */
export const QueueEntry = z.looseObject({
  taskId: Id,
  enqueuedAt: Timestamp,
  runId: z.number().int().optional(),
});
export type QueueEntry = z.infer<typeof QueueEntry>;

/** Where a learning came from (J4): the comment's URL, its repository and date. */
export const Provenance = z.looseObject({
  url: z.string(),
  repository: z.string(),
  date: z.string(),
});
export type Provenance = z.infer<typeof Provenance>;

/**
 * A learning: `learnings/<owner>/<id>.md`, YAML front matter plus the preference as the body.
 * The file name is the id; the body is the text.
 */
export const Learning = z.looseObject({
  id: Id,
  owner: z.string(),
  text: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  provenance: z.array(Provenance).default([]),
  tags: z.array(z.string()).optional(),
});
export type Learning = z.infer<typeof Learning>;

/** One repository of a batch (J5) and where it stands. */
export const BatchItem = z.looseObject({
  repository: RepositoryName,
  taskId: Id.optional(),
  state: z.enum(TaskStates).optional(),
  pullRequest: z.looseObject({ number: z.number().int().positive(), url: z.string() }).optional(),
});
export type BatchItem = z.infer<typeof BatchItem>;

/** `batches/<batchId>.json`: a `workflow_dispatch` batch across repositories (J5). */
export const Batch = z.looseObject({
  id: Id,
  owner: Person,
  instructions: z.string(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  items: z.array(BatchItem),
  /** Where the batch summary lives (a tracking issue or comment). */
  tracking: z
    .looseObject({ repository: RepositoryName, issue: z.number().int().positive(), url: z.string().optional(), commentId: z.number().int().optional() })
    .optional(),
});
export type Batch = z.infer<typeof Batch>;
export type BatchInput = z.input<typeof Batch>;
