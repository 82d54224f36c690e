/** Feedback across a batch (SPEC.md J5): a learning from one PR's review applied to its open siblings. */
import * as core from '@actions/core';
import { repoRefOf } from '../../github/api.js';
import type { Task } from '../../state/schema.js';
import type { StateStore } from '../../state/store.js';
import { FeedbackRequest } from '../feedback-context.js';
import { setLifecycleLabel, StatusComment } from '../lifecycle.js';
import type { Services } from '../services.js';
import { dispatchContinuation } from '../store.js';
import { statusViewOf } from '../task.js';
import { feedbackStateOf, mergePending, withFeedback } from './state.js';

/**
 * Applies learnings from the owner's review on one PR of a batch to the batch's other PRs that are
 * still open (SPEC.md J5, "feedback across the batch"): each sibling gets a pending feedback
 * request (scope `learning`) and is queued like any task; siblings handed a free slot start their
 * round at once (a continuation run), the others when slots free.
 * @returns the sibling task ids that got the learnings
 */
export async function shareLearningsWithBatch(svc: Services, store: StateStore, task: Task, learned: readonly string[], sourceUrl: string): Promise<string[]> {
  if (!task.batchId || learned.length === 0) return [];
  const batch = await store.getBatch(task.batchId);
  if (!batch) return [];
  const text = learned.map((l) => `- ${l}`).join('\n');
  const siblings: string[] = [];
  for (const item of batch.items) {
    if (!item.taskId || item.taskId === task.id) continue;
    const sibling = await store.getTask(item.taskId);
    if (!sibling?.pullRequest || sibling.state === 'cancelled') continue;
    const pr = await svc.github.getPull(repoRefOf(sibling.repository), sibling.pullRequest.number).catch(() => undefined);
    if (pr?.state !== 'open') continue;
    const request = FeedbackRequest.parse({ scope: 'learning', pullNumber: sibling.pullRequest.number, actor: task.owner.login, text, url: sourceUrl, triggeredAt: new Date(svc.now()).toISOString() });
    await store.updateTask(sibling.id, (t) => withFeedback(t, { pending: mergePending(feedbackStateOf(t).pending, [request]) }), `${sibling.id}: a learning from ${task.id}`);
    siblings.push(sibling.id);
  }
  if (siblings.length === 0) return [];
  const { handedTo, positions } = await store.enqueueTasks(siblings, svc.settings.maxConcurrentTasks);
  for (const id of siblings) {
    if (!positions.has(id)) continue;
    const sibling = (await store.updateTask(id, (t) => ({ ...t, state: 'queued', queuePosition: positions.get(id) }) as Task, `${id}: queued for a learning`));
    if (sibling.issue !== undefined) {
      // one true state on the sibling's issue too: the Queued label and a status saying why
      const sibSvc = { ...svc, repo: repoRefOf(sibling.repository) };
      const issue = await svc.github.getIssue(sibSvc.repo, sibling.issue);
      const status = await StatusComment.open(sibSvc, sibling.issue, statusViewOf(svc, sibling, issue.title), sibling.statusCommentId);
      await Promise.all([
        status.update({ state: 'queued', phase: `Queued: a preference @${task.owner.login} taught in a review of ${sourceUrl} is applied to #${sibling.pullRequest!.number} when a slot frees. Position in the queue: ${positions.get(id)}.` }),
        setLifecycleLabel(sibSvc, sibling.issue, 'queued', issue.labels),
      ]);
    }
  }
  for (const id of handedTo) await dispatchContinuation(svc, id);
  core.info(`Kiro batch: shared ${learned.length} learning(s) with ${siblings.length} sibling pull request(s) of batch ${task.batchId}.`);
  return siblings;
}
