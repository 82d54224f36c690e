/**
 * The branch phase (SPEC.md J1.5): the task branch `kiro/<issue>-<slug>` checked out from the
 * default branch (or the recorded one, resumed), approvals from `/kiro continue` applied, and the
 * committer the code phase commits with.
 */
import { BranchPrefix } from '../../constants.js';
import { createCommitter } from '../committer.js';
import { reportOutputs } from '../outcome.js';
import type { Branched, PhaseRun, Planned } from './types.js';

/** `kiro/<issue>-<slug>` (SPEC.md J1.5). */
export function taskBranch(issueNumber: number, title: string): string {
  const slug = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return `${BranchPrefix}${issueNumber}${slug ? `-${slug}` : ''}`;
}

/**
 * Checks out the task branch and records it; counts the files the task already changed (the
 * `maxFileEditsPerTask` limit is per task, not per run); registers the work-in-progress push a
 * stopped job makes (src/orchestrator/shutdown.ts).
 */
export async function branchPhase(run: PhaseRun, planned: Planned): Promise<Branched> {
  const { t, session } = run;
  const { svc } = t;
  const s = svc.settings;
  const git = session.git;
  const branch = t.branch ?? taskBranch(t.issueNumber, t.issueTitle);
  reportOutputs({ branch });
  const defaultBranch = await svc.github.getDefaultBranch(svc.repo);
  const { baseSha } = await git.checkoutTaskBranch(branch, defaultBranch);
  if (!t.branch) await t.persist({ branch, baseBranch: defaultBranch }, 'branch');
  if (t.resume?.approvedCommand) t.sandbox.approve(t.resume.approvedCommand);
  if (t.resume?.approvedPath) t.sandbox.approvePath(t.resume.approvedPath);
  t.sandbox.countEdited((await git.changedFiles(baseSha)).map((f) => f.path));
  const committer = createCommitter(git, s.bot, t.owner, { secrets: () => svc.secretValues(), redact: svc.redact });
  t.onWip?.(async () => {
    await committer.commit(`Work in progress: ${planned.spec.title}`);
    return (await git.push(branch, s.bot)).sideBranch ?? branch;
  });
  return { ...planned, branch, defaultBranch, baseSha, committer };
}
