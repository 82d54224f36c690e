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
  return `${repo.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${issueNumber}-${runId.toString(36)}`;
}

/**
 * 👀 on the trigger, the status comment, and `kiro:in-progress`, in parallel. On the first attempt
 * of a run the status comment cannot exist yet (its marker holds the run id), so it is created
 * without listing the issue's comments first.
 */
export async function acknowledge(svc: Services, cmd: StartCommand, view: StatusView): Promise<StatusComment> {
  const reaction = cmd.reactionTarget ? svc.github.addReaction(svc.repo, cmd.reactionTarget, 'eyes') : Promise.resolve();
  const [, status] = await Promise.all([
    reaction,
    StatusComment.open(svc, cmd.issue.number, view, undefined, { mayExist: svc.settings.runner.runAttempt > 1 }),
    setLifecycleLabel(svc, cmd.issue.number, 'in_progress', cmd.issue.labels),
  ]);
  return status;
}
