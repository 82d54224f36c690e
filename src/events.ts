/**
 * Event routing: turns a webhook event (`GITHUB_EVENT_NAME` + the payload at `GITHUB_EVENT_PATH`)
 * into one typed `Command`. Anything that is not for us is a `noop` with a reason.
 *
 * Payload shapes: https://docs.github.com/webhooks/webhook-events-and-payloads
 * (`issues`, `issue_comment`, `pull_request_review`, `pull_request_review_comment`,
 * `workflow_dispatch`, `check_suite`, `workflow_run`).
 */
import { z } from 'zod';
import { LabelPrefix } from './constants.js';
import { parseCommand } from './comment-command.js';

export { parseCommand, stripNonCommandMarkdown, type ParsedCommand } from './comment-command.js';

/** The person (or bot) whose action triggered the event. */
export interface Actor {
  login: string;
  id: number;
  /** `User`, `Bot` or `Organization`. */
  type: string;
}

/** Where the 👀 acknowledgement goes. */
export type ReactionTarget =
  | { kind: 'issue'; issueNumber: number }
  | { kind: 'issue_comment'; commentId: number }
  | { kind: 'pull_request_review_comment'; commentId: number };

export interface IssueRef {
  number: number;
  title: string;
  body: string;
  htmlUrl: string;
  author: Actor;
  isPullRequest: boolean;
  labels: string[];
  /** ISO time of the issue's creation and last edit. */
  createdAt: string;
  updatedAt: string;
  /** `open` or `closed`. */
  state: string;
}

interface Base {
  actor: Actor;
  reactionTarget?: ReactionTarget;
}

export type Command =
  | { kind: 'noop'; reason: string }
  /** Start a new task on an issue (label, or `/kiro <instructions>`). */
  | (Base & {
      kind: 'start';
      source: 'label' | 'comment';
      issue: IssueRef;
      instructions: string;
      commentId?: number;
      commentUrl?: string;
      /** ISO time of the triggering event; content edited after it is ignored. */
      triggeredAt: string;
    })
  | (Base & { kind: 'cancel'; via: 'comment' | 'unlabel'; issue: IssueRef; commentId?: number })
  | (Base & { kind: 'continue'; issue: IssueRef; commentId: number; text: string })
  /**
   * A comment without `/kiro` on an issue that carries a lifecycle label: an answer to questions,
   * steering, or nothing — decided against the task record.
   */
  | (Base & { kind: 'reply'; issue: IssueRef; commentId: number; commentUrl: string; text: string; triggeredAt: string })
  /** Feedback on a pull request: a review, `/kiro all`, or `/kiro fix` in a review thread. */
  | (Base & {
      kind: 'feedback';
      scope: 'review' | 'all' | 'thread';
      pullNumber: number;
      pullUrl: string;
      headRef: string;
      headSha: string;
      reviewId?: number;
      reviewBody?: string;
      reviewUrl?: string;
      commentId?: number;
      commentUrl?: string;
      text: string;
      triggeredAt: string;
    })
  /** `workflow_dispatch`: a continuation of a task, or a batch across repositories. */
  | (Base & { kind: 'dispatch'; taskId: string; repositories: string[]; task: string })
  /** A check suite or workflow run on a branch finished with failure. */
  | (Base & { kind: 'checks_failed'; headSha: string; headBranch: string; pullNumbers: number[] })
  /**
   * Scheduled work (`schedule`, or `workflow_dispatch` with an `automation` input): run
   * `.kiro/automations/<name>.md`. `name` empty: the automations for the cron that fired
   * (`schedule`). No actor on `schedule` (GitHub runs it from the default branch's workflow).
   */
  | (Base & { kind: 'automation'; name: string; schedule?: string; trigger: 'schedule' | 'workflow_dispatch' });

const UserSchema = z.looseObject({ login: z.string(), id: z.number(), type: z.string().default('User') });
const LabelSchema = z.looseObject({ name: z.string() });
const IssueSchema = z.looseObject({
  number: z.number().int(),
  title: z.string(),
  body: z.string().nullable().optional(),
  html_url: z.string(),
  user: UserSchema,
  labels: z.array(z.union([LabelSchema, z.string()])).default([]),
  pull_request: z.unknown().optional(),
  created_at: z.string(),
  updated_at: z.string(),
  state: z.string().optional(),
});
const CommentSchema = z.looseObject({
  id: z.number(),
  body: z.string().nullable().optional(),
  html_url: z.string(),
  user: UserSchema,
  created_at: z.string(),
});
const PullSchema = z.looseObject({
  number: z.number().int(),
  html_url: z.string(),
  head: z.looseObject({ ref: z.string(), sha: z.string() }),
});

/** A payload that does not have the fields its event promises. */
export class EventPayloadError extends Error {
  constructor(eventName: string, field: string, problem: string) {
    super(`The ${eventName} event payload is malformed: '${field}' ${problem}`);
    this.name = 'EventPayloadError';
  }
}

function parse<T extends z.ZodType>(eventName: string, schema: T, value: unknown, at: string): z.infer<T> {
  const r = schema.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new EventPayloadError(eventName, [at, ...(issue?.path ?? [])].join('.'), issue?.message ?? 'is invalid');
  }
  return r.data;
}

function actorOf(u: z.infer<typeof UserSchema>): Actor {
  return { login: u.login, id: u.id, type: u.type };
}

function issueRef(i: z.infer<typeof IssueSchema>): IssueRef {
  return {
    number: i.number,
    title: i.title,
    body: i.body ?? '',
    htmlUrl: i.html_url,
    author: actorOf(i.user),
    isPullRequest: i.pull_request !== undefined && i.pull_request !== null,
    labels: i.labels.map((l) => (typeof l === 'string' ? l : l.name)),
    createdAt: i.created_at,
    updatedAt: i.updated_at,
    state: i.state ?? 'open',
  };
}

export interface RouteConfig {
  triggerLabel: string;
  triggerCommand: string;
  /** The `task-id` input: used when a `workflow_dispatch` payload does not carry one. */
  continuationTaskId?: string;
  /** The `repositories` and `task` inputs: used when the dispatch payload does not carry them. */
  batch?: { repositories: readonly string[]; task: string };
  /** The `automation` input (scheduled work). */
  automation?: string;
}

/** True when the issue carries the trigger label or any lifecycle label (`kiro:*`). */
function isKiroIssue(labels: string[], triggerLabel: string): boolean {
  return labels.some((l) => l === triggerLabel || l.startsWith(`${triggerLabel}:`) || l.startsWith(LabelPrefix));
}

/**
 * Routes one event to a command.
 *
 * @param eventName `GITHUB_EVENT_NAME`
 * @param payload the parsed JSON at `GITHUB_EVENT_PATH`
 * @throws EventPayloadError when a routed event lacks fields its schema requires
 */
export function routeEvent(eventName: string, payload: unknown, cfg: RouteConfig): Command {
  const p = (payload ?? {}) as Record<string, unknown>;
  const action = typeof p.action === 'string' ? p.action : '';
  const sender = p.sender ? actorOf(parse(eventName, UserSchema, p.sender, 'sender')) : undefined;

  switch (eventName) {
    case 'issues': {
      if (action !== 'labeled' && action !== 'unlabeled') return noop(`issues.${action} is not a trigger`);
      const label = parse(eventName, LabelSchema, p.label, 'label').name;
      if (label !== cfg.triggerLabel) return noop(`label '${label}' is not the trigger label '${cfg.triggerLabel}'`);
      const issue = issueRef(parse(eventName, IssueSchema, p.issue, 'issue'));
      const actor = sender ?? issue.author;
      if (action === 'unlabeled') return { kind: 'cancel', via: 'unlabel', issue, actor };
      return {
        kind: 'start',
        source: 'label',
        issue,
        actor,
        instructions: '',
        reactionTarget: { kind: 'issue', issueNumber: issue.number },
        triggeredAt: issue.updatedAt,
      };
    }
    case 'issue_comment': {
      if (action !== 'created') return noop(`issue_comment.${action} does not trigger (edited comments never re-trigger)`);
      const issue = issueRef(parse(eventName, IssueSchema, p.issue, 'issue'));
      const comment = parse(eventName, CommentSchema, p.comment, 'comment');
      const actor = actorOf(comment.user);
      const body = comment.body ?? '';
      const cmd = parseCommand(body, cfg.triggerCommand);
      const reactionTarget: ReactionTarget = { kind: 'issue_comment', commentId: comment.id };
      if (!cmd) {
        if (!isKiroIssue(issue.labels, cfg.triggerLabel)) return noop(`comment ${comment.id} has no ${cfg.triggerCommand} command`);
        return { kind: 'reply', issue, actor, commentId: comment.id, commentUrl: comment.html_url, text: body, triggeredAt: comment.created_at };
      }
      if (cmd.subcommand === 'cancel') return { kind: 'cancel', via: 'comment', issue, actor, commentId: comment.id, reactionTarget };
      if (cmd.subcommand === 'continue') return { kind: 'continue', issue, actor, commentId: comment.id, text: cmd.text, reactionTarget };
      if (issue.isPullRequest && (cmd.subcommand === 'all' || cmd.subcommand === undefined)) {
        const pr = p.issue as { pull_request?: { html_url?: string } };
        return {
          kind: 'feedback',
          scope: 'all',
          pullNumber: issue.number,
          pullUrl: pr.pull_request?.html_url ?? issue.htmlUrl,
          headRef: '',
          headSha: '',
          actor,
          commentId: comment.id,
          commentUrl: comment.html_url,
          text: cmd.text,
          reactionTarget,
          triggeredAt: comment.created_at,
        };
      }
      // on an issue, `fix`/`all` are ordinary words: "/kiro fix the login bug" is an instruction
      const instructions = cmd.subcommand === 'fix' || cmd.subcommand === 'all' ? `${cmd.subcommand} ${cmd.text}`.trim() : cmd.text;
      if (issue.isPullRequest) return noop(`${cfg.triggerCommand} fix only works in a pull request review thread`);
      return {
        kind: 'start',
        source: 'comment',
        issue,
        actor,
        instructions,
        commentId: comment.id,
        commentUrl: comment.html_url,
        reactionTarget,
        triggeredAt: comment.created_at,
      };
    }
    case 'pull_request_review': {
      if (action !== 'submitted') return noop(`pull_request_review.${action} is not a trigger`);
      const review = parse(
        eventName,
        z.looseObject({ id: z.number(), body: z.string().nullable().optional(), html_url: z.string(), user: UserSchema, submitted_at: z.string().nullable().optional(), state: z.string() }),
        p.review,
        'review',
      );
      const pr = parse(eventName, PullSchema, p.pull_request, 'pull_request');
      return {
        kind: 'feedback',
        scope: 'review',
        pullNumber: pr.number,
        pullUrl: pr.html_url,
        headRef: pr.head.ref,
        headSha: pr.head.sha,
        actor: actorOf(review.user),
        reviewId: review.id,
        reviewBody: review.body ?? '',
        reviewUrl: review.html_url,
        text: review.body ?? '',
        triggeredAt: review.submitted_at ?? new Date().toISOString(),
      };
    }
    case 'pull_request_review_comment': {
      if (action !== 'created') return noop(`pull_request_review_comment.${action} is not a trigger`);
      const comment = parse(eventName, CommentSchema, p.comment, 'comment');
      const cmd = parseCommand(comment.body ?? '', cfg.triggerCommand);
      if (!cmd || (cmd.subcommand !== 'fix' && cmd.subcommand !== undefined)) {
        return noop(`review comment ${comment.id} has no ${cfg.triggerCommand} fix command`);
      }
      const pr = parse(eventName, PullSchema, p.pull_request, 'pull_request');
      return {
        kind: 'feedback',
        scope: 'thread',
        pullNumber: pr.number,
        pullUrl: pr.html_url,
        headRef: pr.head.ref,
        headSha: pr.head.sha,
        actor: actorOf(comment.user),
        commentId: comment.id,
        commentUrl: comment.html_url,
        text: cmd.text,
        reactionTarget: { kind: 'pull_request_review_comment', commentId: comment.id },
        triggeredAt: comment.created_at,
      };
    }
    case 'workflow_dispatch': {
      const inputs = parse(eventName, z.record(z.string(), z.unknown()).nullable().default({}), p.inputs, 'inputs') ?? {};
      const str = (k: string) => (typeof inputs[k] === 'string' ? (inputs[k] as string) : '');
      // the dispatch's own inputs first; the action's `with:` inputs as the fallback
      const taskId = str('task-id') || str('task_id') || cfg.continuationTaskId || '';
      const fromPayload = (str('repositories') || '')
        .split(/[\s,]+/)
        .map((s) => s.trim())
        .filter(Boolean);
      const repositories = fromPayload.length ? fromPayload : [...(cfg.batch?.repositories ?? [])];
      const task = str('task') || cfg.batch?.task || '';
      const automation = str('automation') || (!taskId && repositories.length === 0 ? (cfg.automation ?? '') : '');
      if (automation && !taskId) {
        if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(automation)) throw new EventPayloadError(eventName, 'inputs.automation', `is not the name of a file in .kiro/automations: ${JSON.stringify(automation.slice(0, 80))}`);
        return { kind: 'automation', name: automation, trigger: 'workflow_dispatch', actor: sender ?? { login: '', id: 0, type: 'User' } };
      }
      if (!taskId && repositories.length === 0) return noop('workflow_dispatch without task-id, repositories or automation inputs');
      return { kind: 'dispatch', taskId, repositories, task, actor: sender ?? { login: '', id: 0, type: 'User' } };
    }
    case 'schedule': {
      // https://docs.github.com/webhooks/webhook-events-and-payloads#schedule: `schedule` is the cron that fired
      const cron = typeof p.schedule === 'string' ? p.schedule : undefined;
      return { kind: 'automation', name: cfg.automation ?? '', ...(cron ? { schedule: cron } : {}), trigger: 'schedule', actor: { login: 'github-actions[bot]', id: 41898282, type: 'Bot' } };
    }
    case 'check_suite':
    case 'workflow_run': {
      if (action !== 'completed') return noop(`${eventName}.${action} is not a trigger`);
      const obj = (p[eventName] ?? {}) as Record<string, unknown>;
      const run = parse(
        eventName,
        z.looseObject({
          conclusion: z.string().nullable().optional(),
          head_sha: z.string(),
          head_branch: z.string().nullable().optional(),
          pull_requests: z.array(z.looseObject({ number: z.number() })).default([]),
        }),
        obj,
        eventName,
      );
      if (run.conclusion !== 'failure' && run.conclusion !== 'timed_out') return noop(`${eventName} concluded ${run.conclusion ?? 'null'}`);
      return {
        kind: 'checks_failed',
        headSha: run.head_sha,
        headBranch: run.head_branch ?? '',
        pullNumbers: run.pull_requests.map((x) => x.number),
        actor: sender ?? { login: '', id: 0, type: 'User' },
      };
    }
    default:
      return noop(`event '${eventName}' is not handled`);
  }
}

function noop(reason: string): Command {
  return { kind: 'noop', reason };
}
