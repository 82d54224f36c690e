/**
 * One automation's run (automation.ts): the same phases as a task over the automation's own
 * branch — plan (nothing to change ends it) → branch (its open pull request's, else a new one) →
 * code ⇄ verify → deliver (one open pull request per automation, only for a verified, non-empty
 * change). Progress goes to the job log and the job summary.
 */
import * as core from '@actions/core';
import type { SpecSubmission } from '../agent/roles.js';
import { defineTool } from '../agent/tools/schema.js';
import { AutomationBranchPrefix } from '../constants.js';
import type { Command } from '../events.js';
import type { PullRequestRef } from '../github/api.js';
import { sanitizeUntrusted } from '../policy/sanitize.js';
import { renderPrompt } from '../prompts.js';
import { renderPrBody } from '../report/pr-body.js';
import type { StatusView } from '../report/status.js';
import { writeJobSummary } from '../report/summary.js';
import type { TaskSpec } from '../state/schema.js';
import { codeAndVerify, criteriaWithVerdict, failureNotesOf, type CodeVerifyEnd } from './code-verify.js';
import type { Committer } from './committer.js';
import { createCommitter } from './committer.js';
import { readSteering, repositoryLayout } from './context.js';
import { reportOutputs, type Outcome } from './outcome.js';
import { specMarkdown, StepInput } from './phases/common.js';
import type { Sandbox } from './sandbox.js';
import type { Services } from './services.js';
import { openAgentSession, type AgentSession } from './session.js';

export type AutomationCommand = Extract<Command, { kind: 'automation' }>;

/** One automation file. */
export interface Automation {
  name: string;
  /** Workspace-relative path of its file. */
  file: string;
  title?: string;
  /** The cron it runs on (front matter `schedule`). */
  schedule?: string;
  /** The instructions (the file's body). */
  prompt: string;
}

type Checks = ReadonlyArray<{ name: string; command: string; passed: boolean }>;

/** What the phases of one automation run share. */
interface AutoRun {
  svc: Services;
  a: Automation;
  cmd: AutomationCommand;
  taskId: string;
  started: number;
  status: { update(patch: Partial<StatusView>): Promise<void> };
  sandbox: Sandbox;
  session: AgentSession;
  /** The job summary's entry for this automation. */
  summary(state: 'completed' | 'failed', note: string, extra?: { pullRequestUrl?: string; spec?: TaskSpec; checks?: Checks }): Promise<void>;
}

/** The automation's branch, checked out, and what the code phase needs of it. */
interface AutoBranch {
  branch: string;
  defaultBranch: string;
  baseSha: string;
  /** HEAD before this run: the verifier's diff and "did anything change" start here. */
  before: string;
  open: PullRequestRef | undefined;
  committer: Committer;
}

/** Progress of an automation: the job log (no issue to comment on); same shape as the status comment's updates. */
function logStatus(view: StatusView): AutoRun['status'] {
  let last = '';
  return {
    update: async (patch) => {
      Object.assign(view, patch);
      if (view.phase !== last) core.info(`Kiro automation ${view.taskId}: ${view.phase}`);
      last = view.phase;
    },
  };
}

/** Runs one automation to its end (see the module doc). */
export async function runAutomation(svc: Services, a: Automation, cmd: AutomationCommand): Promise<Outcome> {
  const r = svc.settings.runner;
  const taskId = `automation-${a.name}-${r.runId}`;
  reportOutputs({ taskId });
  const started = svc.now();
  const status = logStatus({ taskId, state: 'in_progress', title: a.title ?? a.name, runUrl: r.runUrl, startedAt: started, now: started, phase: `Running automation ${a.name}…` });
  await status.update({ phase: `Running automation ${a.name} (${a.file})…` });
  const sandbox = await svc.ports.openSandbox(svc);
  const session = openAgentSession(svc, { taskId, sandbox, steering: readSteering(r.workspace), learnings: [] });
  const summary: AutoRun['summary'] = (state, note, extra = {}) =>
    writeJobSummary(svc, {
      taskId,
      title: `automation ${a.name}${a.title ? `: ${a.title}` : ''}`,
      state,
      plan: extra.spec ? extra.spec.plan.map((p) => ({ id: p.id, title: p.title, done: p.done })) : [],
      spend: session.spend,
      durationMs: svc.now() - started,
      note,
      ...(extra.pullRequestUrl ? { pullRequestUrl: extra.pullRequestUrl } : {}),
      ...(extra.checks ? { checks: extra.checks } : {}),
    });
  const run: AutoRun = { svc, a, cmd, taskId, started, status, sandbox, session, summary };
  try {
    const spec = await planAutomation(run);
    if ('end' in spec) return spec.end;
    const b = await branchAutomation(run);
    const cv = await codeAutomation(run, spec.next, b);
    if ('end' in cv) return cv.end;
    return await deliverAutomation(run, spec.next, b, cv.next);
  } finally {
    await sandbox.close();
  }
}

/** The planner on the automation's prompt; a spec that needs no code ends the run. */
async function planAutomation(run: AutoRun): Promise<{ next: TaskSpec } | { end: Outcome }> {
  const { svc, a, session } = run;
  const r = svc.settings.runner;
  const content = renderPrompt('automation-task', { repository: r.repository, name: a.name, file: a.file, prompt: sanitizeUntrusted(a.prompt), layout: await repositoryLayout(r.workspace) });
  const planned = await session.runRole('planner', [{ role: 'user', content }]);
  session.costOutputs();
  if (planned.exitReason !== 'submitted') {
    const why = `automation ${a.name} stopped while planning: ${planned.error ?? planned.limit ?? planned.exitReason}`;
    await run.summary('failed', why);
    reportOutputs({ status: 'failed' });
    return { end: { failed: why } };
  }
  const sub = planned.result as SpecSubmission;
  const spec: TaskSpec = { ...sub, questions: [], plan: sub.plan.map((p) => ({ ...p, done: false })) };
  if (spec.needsCode) return { next: spec };
  core.info(`Kiro: automation ${a.name}: nothing to change — ${spec.summary}`);
  await run.summary('completed', `Nothing to change: ${spec.summary}`);
  reportOutputs({ status: 'completed' });
  return { end: {} };
}

/** The automation's open pull request's branch, else a new `kiro/automation-<name>-<run>`. */
async function branchAutomation(run: AutoRun): Promise<AutoBranch> {
  const { svc, a, cmd, session } = run;
  const s = svc.settings;
  const defaultBranch = await svc.github.getDefaultBranch(svc.repo);
  const open = (await svc.github.listOpenPulls(svc.repo, automationBranchPattern(a.name)))[0];
  const branch = open?.headRef ?? `${AutomationBranchPrefix}${a.name}-${s.runner.runId}`;
  reportOutputs({ branch });
  const { baseSha } = await session.git.checkoutTaskBranch(branch, defaultBranch);
  const before = await session.git.head();
  // whoever dispatched it by hand is credited; a schedule has no one
  const owner = cmd.trigger === 'workflow_dispatch' && cmd.actor.login ? cmd.actor : undefined;
  const committer = createCommitter(session.git, s.bot, owner, { secrets: () => svc.secretValues(), redact: svc.redact });
  return { branch, defaultBranch, baseSha, before, open, committer };
}

/** The branch pattern of an automation's pull requests. */
export function automationBranchPattern(name: string): RegExp {
  return new RegExp(`^${AutomationBranchPrefix.replace(/[/.-]/g, '\\$&')}${name.replace(/[.-]/g, '\\$&')}-\\d+$`);
}

/** Code ⇄ verify; a stop, an empty change or a failed verification ends the run without a push. */
async function codeAutomation(run: AutoRun, spec: TaskSpec, b: AutoBranch): Promise<{ next: Extract<CodeVerifyEnd, { kind: 'done' }> } | { end: Outcome }> {
  const { svc, a, session } = run;
  const completeStep = defineTool('complete_step', 'Mark a plan step done; the action commits the changes made for it.', StepInput, async (input) => {
    const step = spec.plan.find((p) => p.id === input.step_id);
    if (!step) return { content: `There is no plan step ${input.step_id}; steps are ${spec.plan.map((p) => p.id).join(', ')}.`, isError: true };
    step.done = true;
    const sha = await b.committer.commit(`${step.title}\n\n${input.summary}`);
    return { content: sha ? `Step ${step.id} recorded in commit ${sha.slice(0, 12)}.` : `Step ${step.id} recorded (no file changes).` };
  });
  const content = renderPrompt('coder-task', {
    repository: svc.settings.runner.repository,
    branch: b.branch,
    spec: `${spec.title}\n\n${spec.summary}\n\n${specMarkdown(spec)}`,
    plan: spec.plan.map((p) => `${p.id}. [ ] ${p.title} — ${p.detail}`).join('\n'),
    feedback: b.open ? `This automation's open pull request ${b.open.htmlUrl} is on this branch from an earlier run: build on it.` : '',
  });
  const cv = await codeAndVerify({ svc, session, sandbox: run.sandbox, status: run.status, committer: b.committer, coderMessages: [{ role: 'user', content }], coderTools: [completeStep], criteria: () => spec.acceptanceCriteria, diffBase: b.before, finishCommitMessage: spec.title, codingPhase: 'Carrying out the automation…' });
  session.costOutputs();
  if (cv.kind !== 'done') {
    const why = `automation ${a.name} stopped while ${cv.kind === 'coder_stopped' ? 'coding' : 'verifying'}: ${cv.result.error ?? cv.result.limit ?? cv.result.exitReason}; nothing was pushed`;
    await run.summary('failed', why, { spec });
    reportOutputs({ status: 'needs_attention' });
    core.warning(svc.redact(`Kiro: ${why}.`));
    return { end: {} };
  }
  if (!(await session.git.changedFiles(b.before)).length) {
    await run.summary('completed', `No change was needed: ${cv.finish.summary}`, { spec, checks: cv.checks });
    reportOutputs({ status: 'completed' });
    return { end: {} };
  }
  if (!cv.passed) {
    await run.summary('completed', `Verification did not pass, so no pull request was opened or updated: ${failureNotesOf(cv) ?? 'see the checks below'}`, { spec, checks: cv.checks });
    reportOutputs({ status: 'needs_attention' });
    return { end: {} };
  }
  return { next: cv };
}

/** Pushes and opens — or updates — the automation's one pull request. */
async function deliverAutomation(run: AutoRun, spec: TaskSpec, b: AutoBranch, cv: Extract<CodeVerifyEnd, { kind: 'done' }>): Promise<Outcome> {
  const { svc, a, session, sandbox } = run;
  const r = svc.settings.runner;
  const pushed = await session.git.push(b.branch, svc.settings.bot);
  const body = renderPrBody({
    taskId: run.taskId,
    summary: `${cv.finish.summary}\n\n_Scheduled work: automation \`${a.name}\` (\`${a.file}\`), [run ${r.runId}](${r.runUrl})._`,
    approach: cv.finish.approach,
    tradeoffs: cv.finish.tradeoffs,
    requirements: spec.requirements,
    changedFiles: await session.git.changedFiles(b.baseSha),
    checks: cv.checks,
    criteria: criteriaWithVerdict(spec.acceptanceCriteria, cv.verdict),
    verificationPassed: true,
    secretFindings: cv.secretFindings,
    blockedRequests: sandbox.blocked(),
    ...(sandbox.limitation ? { networkLimitation: sandbox.limitation } : {}),
    sources: session.sources(),
    costUsd: session.spend.costUsd,
    durationMs: svc.now() - run.started,
    runUrl: r.runUrl,
  });
  const title = a.title ? `${a.title}: ${spec.title}` : spec.title;
  let pr: PullRequestRef;
  if (b.open && !pushed.sideBranch) {
    await svc.github.updatePull(svc.repo, b.open.number, { title, body });
    pr = b.open;
  } else {
    pr = await svc.github.createPull(svc.repo, { title, body, head: pushed.sideBranch ?? b.branch, base: b.defaultBranch, draft: false });
  }
  reportOutputs({ pullRequestUrl: pr.htmlUrl, status: 'completed' });
  core.info(`Kiro: automation ${a.name} ${b.open ? 'updated' : 'opened'} ${pr.htmlUrl}.`);
  await run.summary('completed', `${b.open ? 'Updated' : 'Opened'} the automation's pull request.`, { pullRequestUrl: pr.htmlUrl, spec, checks: cv.checks });
  return {};
}
