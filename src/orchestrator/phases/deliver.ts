/**
 * The deliver phase (SPEC.md J1.5–J1.6): the branch pushed (merging changes someone else pushed,
 * then checking again), the pull request opened or updated — a draft labelled for human review
 * when verification failed — the record completed, the status comment, labels, outputs and job
 * summary brought to their end.
 */
import * as core from '@actions/core';
import { Labels } from '../../constants.js';
import type { PullRequestRef } from '../../github/api.js';
import { renderPrBody } from '../../report/pr-body.js';
import type { StatusResult } from '../../report/status.js';
import { writeJobSummary } from '../../report/summary.js';
import { detectChecks } from '../../verify/detect.js';
import { runChecks } from '../../verify/run.js';
import { criteriaWithVerdict, failureNotesOf } from '../code-verify.js';
import { addMarkerLabel } from '../lifecycle.js';
import { reportOutputs } from '../outcome.js';
import { finishStatus, planItems } from './common.js';
import type { Coded, PhaseRun, PipelineEnd } from './types.js';

/** Pushes, opens the pull request and ends the run Completed (the PR a draft when verification failed). */
export async function deliverPhase(run: PhaseRun, c: Coded): Promise<PipelineEnd> {
  const { t, session } = run;
  const { svc } = t;
  await t.status.update({ phase: 'Pushing the branch and opening the pull request…' });
  const pushed = await session.git.push(c.branch, svc.settings.bot);
  let { checks, passed } = c;
  if (pushed.merged) {
    // someone else pushed to the branch: their changes are merged in; verify the result again
    core.info(`Kiro: ${c.branch} changed on the remote; merged its changes in (${pushed.sha.slice(0, 12)}) and re-running the checks.`);
    await t.status.update({ phase: 'The branch changed on the remote; merged its changes in and re-running the checks…' });
    const sb = t.sandbox;
    checks = await runChecks(detectChecks(session.git.dir), { cwd: session.git.dir, env: sb.toolContext.env, timeoutMs: svc.settings.commandTimeoutMs, redact: svc.redact, runner: sb.runner, ...(sb.commandEnv ? { commandEnv: sb.commandEnv } : {}) });
    passed = passed && checks.every((x) => x.passed);
  }
  const head = pushed.sideBranch ?? c.branch;
  const sideNote = pushed.sideBranch ? `The work is on \`${pushed.sideBranch}\`, not \`${c.branch}\`: ${pushed.reason ?? 'the branch could not take the push'}.` : undefined;
  if (sideNote) core.warning(svc.redact(`Kiro: ${sideNote}`));
  const verified = { ...c, checks, passed };
  const pr = await openPullRequest(run, verified, head, sideNote);
  // write-once facts first: the pull request exists and the task is done; cosmetics follow
  await t.persist({ state: 'completed', pullRequest: { number: Math.abs(pr.number) || 1, url: pr.htmlUrl }, learningsApplied: run.learningsApplied, progress: { phase: 'done', verifyAttempts: 0 } }, 'pull request');
  if (!passed && pr.number > 0) await addMarkerLabel(svc, pr.number, Labels.NeedsHumanReview);
  reportOutputs({ pullRequestUrl: pr.htmlUrl });
  session.costOutputs();
  const durationMs = svc.now() - session.started;
  const result: StatusResult = {
    pullRequestUrl: pr.htmlUrl,
    draft: !passed,
    verification: checks.map((x) => ({ name: x.name, command: x.command, passed: x.passed })),
    ...session.cost(),
    tokens: session.tokens(),
    durationMs,
  };
  if (sideNote) t.status.view = { ...t.status.view, notes: [sideNote] };
  await finishStatus(t, 'completed', result, passed ? 'Pull request opened; verification passed.' : 'Draft pull request opened; verification failed — needs human review.');
  await writeJobSummary(svc, { taskId: t.taskId, title: c.spec.title, state: 'completed', plan: planItems(c.spec), spend: session.spend, durationMs, pullRequestUrl: pr.htmlUrl, checks });
  return { state: 'completed', pullRequestUrl: pr.htmlUrl, draft: !passed, spend: session.spend, exitReason: 'completed' };
}

/** Opens the pull request of `head`, or updates the open one (a resumed run, a re-run). */
async function openPullRequest(run: PhaseRun, c: Coded, head: string, sideNote: string | undefined): Promise<PullRequestRef> {
  const { t, session } = run;
  const { svc } = t;
  const plan = c.spec;
  const failureNotes = [failureNotesOf(c), sideNote].filter(Boolean).join('\n') || undefined;
  const body = renderPrBody({
    taskId: t.taskId,
    issueNumber: t.issueNumber,
    issueUrl: t.issueUrl,
    summary: c.finish?.summary ?? plan.summary,
    approach: c.finish?.approach ?? '',
    tradeoffs: c.finish?.tradeoffs ?? '',
    requirements: plan.requirements,
    changedFiles: await session.git.changedFiles(c.baseSha),
    checks: c.checks,
    criteria: criteriaWithVerdict(plan.acceptanceCriteria, c.verdict),
    verificationPassed: c.passed,
    ...(failureNotes ? { failureNotes } : {}),
    secretFindings: c.secretFindings,
    learningsApplied: t.learnings,
    blockedRequests: t.sandbox.blocked(),
    ...(t.sandbox.limitation ? { networkLimitation: t.sandbox.limitation } : {}),
    sources: session.sources(),
    // the task's spend, earlier runs included
    costUsd: session.cost().costTotalUsd,
    durationMs: svc.now() - session.started,
    runUrl: svc.settings.runner.runUrl,
  });
  const existing = await svc.github.findOpenPullByHead(svc.repo, head);
  if (existing) {
    await svc.github.updatePull(svc.repo, existing.number, { title: plan.title, body });
    return existing;
  }
  return svc.github.createPull(svc.repo, { title: plan.title, body, head, base: c.defaultBranch, draft: !c.passed });
}
