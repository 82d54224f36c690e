/**
 * A task's feedback bookkeeping (the record's `feedback` field, kept by its loose schema): rounds,
 * the last round's start, pending requests and automatic rounds in a row — and the record writes a
 * round's end makes.
 */
import * as core from '@actions/core';
import { z } from 'zod';
import type { Task } from '../../state/schema.js';
import type { StateStore } from '../../state/store.js';
import { FeedbackRequest } from '../feedback-context.js';
import type { Services } from '../services.js';
import { startHandedTasks } from '../store.js';

/** Rounds started by failing checks alone, in a row, before Kiro waits for the owner. */
export const MaxAutoRounds = 2;

/** The `feedback` field of a task record. */
export const FeedbackState = z.looseObject({
  rounds: z.number().int().nonnegative().default(0),
  lastRoundAt: z.string().optional(),
  pending: z.array(FeedbackRequest).default([]),
  autoRounds: z.number().int().nonnegative().default(0),
});
export type FeedbackState = z.infer<typeof FeedbackState>;

/** The feedback bookkeeping of a task (defaults when absent or unreadable). */
export function feedbackStateOf(task: Task): FeedbackState {
  const r = FeedbackState.safeParse((task as Record<string, unknown>).feedback ?? {});
  return r.success ? r.data : FeedbackState.parse({});
}

export function withFeedback(task: Task, patch: Partial<FeedbackState>): Task {
  return { ...task, feedback: { ...feedbackStateOf(task), ...patch } } as Task;
}

/** Identity of a request (the same event delivered twice is one request). */
export function requestKey(r: FeedbackRequest): string {
  return [r.scope, r.pullNumber, r.reviewId ?? '', r.commentId ?? '', r.triggeredAt].join('|');
}

export function mergePending(existing: readonly FeedbackRequest[], add: readonly FeedbackRequest[]): FeedbackRequest[] {
  const keys = new Set(existing.map(requestKey));
  return [...existing, ...add.filter((r) => !keys.has(requestKey(r)))];
}

export function addTokens(t: Task['tokens'], u: { input_tokens: number; output_tokens: number; cache_read_input_tokens: number; cache_creation_input_tokens: number }): Task['tokens'] {
  return { input: t.input + u.input_tokens, output: t.output + u.output_tokens, cacheRead: t.cacheRead + u.cache_read_input_tokens, cacheWrite: t.cacheWrite + u.cache_creation_input_tokens };
}

export function closeRun(runs: Task['runs'], runId: number, exitReason: string): Task['runs'] {
  return runs.map((x) => (x.runId === runId && !x.endedAt ? { ...x, endedAt: new Date().toISOString(), exitReason } : x));
}

/** A fault (GitHub, git) ended the round: record it, keep the requests, free the slot. */
export async function recordFailure(svc: Services, store: StateStore, taskId: string, requests: readonly FeedbackRequest[]): Promise<void> {
  try {
    await store.updateTask(
      taskId,
      (t) => withFeedback({ ...t, state: 'needs_attention', runs: closeRun(t.runs, svc.settings.runner.runId, 'failed') } as Task, { pending: mergePending(feedbackStateOf(t).pending, requests) }),
      `${taskId}: feedback round failed`,
    );
    await startHandedTasks(svc, await store.releaseSlot(taskId, svc.settings.maxConcurrentTasks));
  } catch (e) {
    core.warning(svc.redact(`Kiro: could not record the end of the feedback round of ${taskId}: ${(e as Error).message}`));
  }
}
