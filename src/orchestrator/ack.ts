/**
 * The acknowledgement of a new task (SPEC.md J1.1): 👀 on the trigger, the status comment with
 * the run link, and `kiro:in-progress` — sent in parallel within the first second of the job.
 * Kept free of heavy imports: it runs before the agent code is even loaded.
 */
import type { Command } from '../events.js';
import type { StatusView } from '../report/status.js';
import { setLifecycleLabel, StatusComment } from './lifecycle.js';
import type { Services } from './services.js';

export type StartCommand = Extract<Command, { kind: 'start' }>;

/**
 * A task id that is unique per trigger and stable across re-runs of the same workflow run:
 * `<repo>-<issue>-<run id base 36>`, restricted to characters safe in file names and refs.
 */
export function makeTaskId(repo: string, issueNumber: number, runId: number): string {
  // a state-store id starts with a letter or digit (a repository named `.github` gives `github-…`)
  const slug = repo.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'repo';
  return `${slug}-${issueNumber}-${runId.toString(36)}`;
}

/**
 * 👀 on the trigger, the status comment, and `kiro:in-progress`, in parallel. On the first attempt
 * of a run the status comment cannot exist yet (its marker holds the run id), so it is created
 * without listing the issue's comments first.
 * @returns the status comment as soon as it exists, and `settled`: the reaction and the label
 *   (the task's work starts meanwhile; await `settled` before changing labels again). `settled`
 *   rejects with their first failure.
 */
export async function acknowledge(svc: Services, cmd: StartCommand, view: StatusView): Promise<{ status: StatusComment; settled: Promise<void> }> {
  // the status comment's request first: writes are spaced by the client's throttle, in call order
  const opening = StatusComment.open(svc, cmd.issue.number, view, undefined, { mayExist: svc.settings.runner.runAttempt > 1 });
  const reaction = cmd.reactionTarget ? svc.github.addReaction(svc.repo, cmd.reactionTarget, 'eyes') : Promise.resolve();
  const label = setLifecycleLabel(svc, cmd.issue.number, 'in_progress', cmd.issue.labels);
  const settled = Promise.all([reaction, label]).then(() => undefined);
  settled.catch(() => undefined); // the caller awaits it
  return { status: await opening, settled };
}
