/**
 * Learning from the task owner's feedback (SPEC.md J4). A learner sub-agent reads only the owner's
 * own review text — never other reviewers' — and returns durable, general preferences; each is
 * stored with provenance (the comment's URL, the repository, the date) as a markdown file on the
 * state branch (`learnings/<owner>/<id>.md`, see src/state/learnings.ts), deduplicated and merged
 * with the owner's existing learnings. Every later task of that owner, in any repository sharing
 * the state store, gets them in the planner's and coder's prompts.
 *
 * A learning the learner says refines an existing one (same `id`) replaces that learning's text
 * and gains the new provenance; anything else goes through the store's similarity merge.
 */
import * as core from '@actions/core';
import type { LearningsSubmission } from '../agent/roles.js';
import type { TextBlockParam } from '../agent/types.js';
import { fenceUntrusted, sanitizeUntrusted } from '../policy/sanitize.js';
import { renderPrompt } from '../prompts.js';
import { readLearnings, renderLearningFile } from '../state/learnings.js';
import type { LearningInput } from '../state/learnings.js';
import { StatePaths } from '../state/paths.js';
import type { Learning, Provenance } from '../state/schema.js';
import type { StateStore } from '../state/store.js';
import type { OwnerFeedback } from './feedback-context.js';
import type { AgentSession } from './session.js';

/** Longest learning text kept, characters (a learning is one imperative sentence). */
export const MaxLearningChars = 400;

export interface LearnOptions {
  session: AgentSession;
  store: StateStore;
  /** The task owner's login (learnings are stored per owner). */
  owner: string;
  /** `owner/repo` the feedback was given in. */
  repository: string;
  pullUrl: string;
  /** The owner's own feedback of this round; nothing else reaches the learner. */
  feedback: readonly OwnerFeedback[];
  /** The owner's learnings before this round. */
  existing: readonly Learning[];
}

/** A learning this round created or changed. */
export interface Learned {
  id: string;
  text: string;
  action: 'created' | 'merged' | 'refined';
}

/** One learning text as stored: one line, hidden content removed, bounded. */
export function cleanLearningText(text: string): string {
  const one = sanitizeUntrusted(text).replace(/\s+/g, ' ').trim();
  return one.length > MaxLearningChars ? `${one.slice(0, MaxLearningChars - 1)}…` : one;
}

/**
 * The provenance of a learning the learner attributes to `sourceUrl`: the owner feedback item with
 * that URL (exact, or one URL containing the other), or the only item when there is just one;
 * undefined when the URL names nothing the owner wrote (the learning is then dropped).
 */
export function provenanceFor(sourceUrl: string, feedback: readonly OwnerFeedback[], repository: string): Provenance | undefined {
  const url = sourceUrl.trim();
  const hit =
    feedback.find((f) => f.url === url) ??
    (url ? feedback.find((f) => f.url.includes(url) || url.includes(f.url)) : undefined) ??
    (feedback.length === 1 ? feedback[0] : undefined);
  return hit ? { url: hit.url, repository, date: hit.createdAt } : undefined;
}

/**
 * Runs the learner on the owner's feedback and stores what it returns. Never throws for the
 * learner's own failures (a round's fixes matter more than its lessons): they are logged and
 * nothing is learned. State-store faults propagate.
 */
export async function learnFromFeedback(o: LearnOptions): Promise<Learned[]> {
  const feedback = o.feedback.filter((f) => f.text.trim());
  if (!feedback.length) return [];
  const system: TextBlockParam[] = [
    {
      type: 'text',
      text: renderPrompt('learner', {
        owner: o.owner,
        learnings: o.existing.length ? o.existing.map((l) => `- [${l.id}] ${l.text}`).join('\n') : '(none)',
      }),
    },
  ];
  const task = renderPrompt('learner-task', {
    owner: o.owner,
    pull_url: o.pullUrl,
    repository: o.repository,
    feedback: feedback.map((f) => fenceUntrusted(`feedback by @${o.owner} (${f.where})`, sanitizeUntrusted(f.text).trim(), { url: f.url, date: f.createdAt })).join('\n\n'),
  });
  const r = await o.session.runRole('learner', [{ role: 'user', content: task }], [], undefined, system);
  if (r.exitReason !== 'submitted') {
    core.warning(`Kiro: the learner ended with ${r.exitReason}${r.error ? ` (${r.error})` : ''}; nothing learned this round.`);
    return [];
  }
  const sub = r.result as LearningsSubmission;
  const known = new Map(o.existing.map((l) => [l.id, l]));
  const refinements: Array<{ id: string; text: string; provenance: Provenance }> = [];
  const inputs: LearningInput[] = [];
  for (const l of sub.learnings) {
    const text = cleanLearningText(l.text);
    const provenance = provenanceFor(l.sourceUrl, feedback, o.repository);
    if (!text || !provenance) {
      core.info(`Kiro: dropped a learning without text or an owner comment as its source (${l.sourceUrl}).`);
      continue;
    }
    if (l.id && known.has(l.id)) refinements.push({ id: l.id, text, provenance });
    else inputs.push({ text, provenance });
  }
  const learned: Learned[] = [];
  if (refinements.length) learned.push(...(await refineLearnings(o.store, o.owner, refinements)));
  for (const u of await o.store.upsertLearnings(o.owner, inputs)) {
    if (u.action !== 'unchanged') learned.push({ id: u.id, text: u.learning.text, action: u.action });
  }
  return learned;
}

/**
 * Replaces the text of existing learnings (the learner refined them) and adds the provenance, in
 * one state-store update. A learning deleted by a person in the meantime stays deleted.
 */
async function refineLearnings(store: StateStore, owner: string, refinements: ReadonlyArray<{ id: string; text: string; provenance: Provenance }>): Promise<Learned[]> {
  const nowIso = new Date().toISOString();
  const r = await store.update(`learnings ${owner}: refine ${refinements.map((x) => x.id).join(', ')}`, async (tx) => {
    const current = new Map((await readLearnings(tx, owner)).map((l) => [l.id, l]));
    const out: Learned[] = [];
    for (const ref of refinements) {
      const l = current.get(ref.id);
      if (!l) continue;
      const provenance = l.provenance.some((p) => p.url === ref.provenance.url) ? l.provenance : [...l.provenance, ref.provenance];
      if (l.text === ref.text && provenance === l.provenance) continue;
      const next: Learning = { ...l, text: ref.text, provenance, updatedAt: nowIso };
      tx.write(StatePaths.learning(owner, l.id), renderLearningFile(next));
      out.push({ id: l.id, text: ref.text, action: 'refined' });
    }
    return out;
  });
  return r.value;
}
