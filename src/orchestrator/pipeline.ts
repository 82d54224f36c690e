/**
 * The plan → code → verify → publish pipeline for one task run (SPEC.md J1.2–J1.6).
 * The agent loop knows nothing of GitHub; this module turns its exit reasons into commits, a pull
 * request, the status comment, labels, the job summary and outputs.
 */
import { safeInline } from '../policy/sanitize.js';
import * as core from '@actions/core';
import { reportOutputs } from './outcome.js';
import path from 'node:path';
import { z } from 'zod';
import { BranchPrefix, Labels, Markers, RepoFiles } from '../constants.js';
import { createModelClient } from '../agent/model.js';
import { modelInfo, pickModel } from '../agent/pricing.js';
import { roleSystem, roleTools, webSources, webTools, withPolicy } from '../agent/roles.js';
import type { FinishSubmission, SpecSubmission, VerdictSubmission } from '../agent/roles.js';
import { appendUserText, runAgent } from '../agent/loop.js';
import { defineTool } from '../agent/tools/schema.js';
import { createTranscriptWriter } from '../agent/transcript.js';
import type { AgentResult, AgentTool, MessageParam, ModelClient, PauseRequest, Role, Spend, TextBlockParam } from '../agent/types.js';
import { changedFilesSince, checkoutTaskBranch, commitWorkTree, diffAgainst, excludeFromCommits, noreplyEmail, pushBranch } from '../git/repo.js';
import type { Identity, RepoContext } from '../git/repo.js';
import { pausesAfterEachStep } from '../policy/commands.js';
import { DEFAULT_PROTECTED_GLOBS, findProtectedChanges } from '../policy/paths.js';
import { redactingModelClient, scanForSecrets } from '../policy/redact.js';
import { renderPrompt } from '../prompts.js';
import { renderPrBody } from '../report/pr-body.js';
import type { PlanItem, StatusResult } from '../report/status.js';
import { writeJobSummary } from '../report/summary.js';
import type { TaskInput, TaskSpec } from '../state/schema.js';
import { detectChecks } from '../verify/detect.js';
import { detectSetup, runSetup } from '../verify/setup.js';
import { runChecks } from '../verify/run.js';
import type { CheckResult } from '../verify/run.js';
import { addMarkerLabel, setLifecycleLabel } from './lifecycle.js';
import type { StatusComment } from './lifecycle.js';
import { repoContextOf } from './services.js';
import type { Services } from './services.js';
import type { Sandbox } from './sandbox.js';

/** Everything one task run works with. */
export interface TaskRun {
  svc: Services;
  taskId: string;
  issueNumber: number;
  issueUrl: string;
  issueTitle: string;
  owner: { login: string; id: number };
  /** Labels known to be on the issue (to swap lifecycle labels without a read). */
  labels: string[];
  status: StatusComment;
  sandbox: Sandbox;
  /** Rendered planner-task message (issue, discussion, layout). */
  plannerInput: string;
  steering: string;
  learnings: ReadonlyArray<{ id: string; text: string }>;
  /** A spec from an earlier run (answered questions, continuation); skips planning when set. */
  spec?: TaskSpec;
  /** The task's branch from an earlier run (a continuation resumes on it). */
  branch?: string;
  resume?: ResumeInput;
  /** Saves progress on the task record (spec, plan progress, branch, pull request). */
  persist(patch: Partial<TaskInput>, description?: string): Promise<void>;
  /** Owner comments that arrived since the last step boundary, as steering text. */
  steer?: () => Promise<string | undefined>;
  /** The run's spend, shared with the caller so that a failure or an interruption still records it. */
  spend?: Spend;
  /**
   * Called once the task branch is checked out, with a function that commits and pushes the work
   * in progress (for a job that is being stopped, src/orchestrator/shutdown.ts). It returns the
   * branch pushed to.
   */
  onWip?: (wip: () => Promise<string>) => void;
  /** What earlier runs of the task spent: `max-turns` and `max-cost-usd` are per task. */
  prior?: { turns: number; costUsd: number };
  /** Epoch ms the task was created (its durations count from there, like the status header's). */
  startedAt?: number;
}

/** What a resumed run brings beyond the task record. */
export interface ResumeInput {
  /** The owner's answers to the clarifying questions. */
  answers?: string;
  /** New instructions from the owner on a finished or running task. */
  feedback?: string;
  /** A paused command the owner approved with `/kiro continue`. */
  approvedCommand?: string;
  /** A paused file (new file or large rewrite, workspace-relative) the owner approved with `/kiro continue`. */
  approvedPath?: string;
}

interface EndBase {
  spend: Spend;
  /** The last sub-agent's exit reason (for the run record). */
  exitReason: string;
}

export type PipelineEnd =
  | (EndBase & { state: 'completed'; pullRequestUrl?: string; draft?: boolean })
  | (EndBase & { state: 'needs_attention'; reason: string; questions?: string[]; pause?: PauseRequest })
  /** The time budget is nearly used: the work is pushed and a continuation run must take over. */
  | (EndBase & { state: 'checkpoint' })
  | (EndBase & { state: 'failed'; reason: string });

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

/** The spec's requirements and acceptance criteria as markdown (status comment, prompts). */
export function specMarkdown(spec: TaskSpec): string {
  const lines = ['**Requirements**', '', ...spec.requirements.map((r) => `- ${r}`), '', '**Acceptance criteria**', '', ...spec.acceptanceCriteria.map((c) => `- **${c.id}** ${c.text}`)];
  return lines.join('\n');
}

function planItems(spec: TaskSpec): PlanItem[] {
  return spec.plan.map((p) => ({ id: p.id, title: p.title, done: p.done }));
}

/** A spend of nothing yet. */
export function emptySpend(): Spend {
  return { turns: 0, costUsd: 0, usage: { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 } };
}


/**
 * The machinery one task run shares between its sub-agents: one model client, the limits, the
 * spend, the transcript and the work tree. Used by the issue pipeline and by feedback rounds.
 */
export interface AgentSession {
  /** Cumulative spend of every sub-agent of this run (mutated as they run). */
  spend: Spend;
  /** Epoch ms when the session opened. */
  started: number;
  /** The workspace as a git repository (pushes go to the workflow's repository). */
  repoCtx: RepoContext;
  /** The owner's learnings as the prompts show them (`(none)` when there are none). */
  learningsText: string;
  /**
   * Runs one sub-agent to its exit. `system` replaces the role's own prompt (a feedback round's
   * coder, the learner with its own variables); the role still picks the model and the tools.
   */
  runRole(role: Role, messages: MessageParam[], extra?: AgentTool[], steer?: () => Promise<string | undefined>, system?: TextBlockParam[]): Promise<AgentResult>;
  /** Sets the `cost-usd` output from the spend so far. */
  costOutputs(): void;
  /** Web pages the roles searched or fetched so far (for the PR body). */
  sources(): string[];
  /** Token counts of the spend so far, as the status comment shows them. */
  tokens(): NonNullable<StatusResult['tokens']>;
  /** This run's spend, the task's total (earlier runs included) and the task's cap, USD. */
  cost(): Required<Pick<StatusResult, 'costUsd' | 'costTotalUsd' | 'costCapUsd'>>;
}

/** Opens the session of one task run (no network: the model client connects lazily). */
export function openAgentSession(
  svc: Services,
  o: { taskId: string; sandbox: Sandbox; steering: string; learnings: ReadonlyArray<{ id: string; text: string }>; spend?: Spend; prior?: { turns: number; costUsd: number }; startedAt?: number },
): AgentSession {
  const s = svc.settings;
  // secrets never travel through the model, in either direction (docs/security.md)
  const model: ModelClient = redactingModelClient(
    createModelClient({
      apiKey: s.anthropicApiKey,
      ...(s.anthropicBaseUrl ? { baseURL: s.anthropicBaseUrl } : {}),
      provider: s.provider,
      ...(s.vertexProjectId ? { projectId: s.vertexProjectId } : {}),
      retryBaseMs: s.retryBaseMs,
    }),
    svc.redact,
  );
  const spend = o.spend ?? emptySpend();
  // leave time to commit, push and report before the job's budget runs out
  const budgetMs = s.timeoutMinutes * 60_000;
  const prior = o.prior ?? { turns: 0, costUsd: 0 };
  const limits = { maxTurns: Math.max(0, s.maxTurns - prior.turns), maxCostUsd: Math.max(0, s.maxCostUsd - prior.costUsd), deadline: svc.startedAt + budgetMs - Math.min(5 * 60_000, budgetMs / 10) };
  const transcript = createTranscriptWriter(path.join(s.runner.runnerTemp, 'kiro', o.taskId, 'transcript.jsonl'), svc.redact);
  const repoCtx: RepoContext = repoContextOf(svc, o.sandbox);
  const learningsText = o.learnings.length ? o.learnings.map((l) => `- ${l.text} (id ${l.id})`).join('\n') : '(none)';
  const baseVars = { repository: s.runner.repository, steering: o.steering };
  const web = webTools(s.networkAccess, s.allowedDomains);
  const sources: string[] = [];
  return {
    spend,
    // one duration for a task everywhere (status header, result line, PR body): since it was created
    started: o.startedAt ?? svc.now(),
    repoCtx,
    learningsText,
    async runRole(role, messages, extra = [], steer, system) {
      const rt = roleTools(role, extra, web, o.sandbox.mcpTools);
      const vars = role === 'verifier' ? baseVars : { ...baseVars, learnings: learningsText };
      const modelId = pickModel(role, s.model);
      const info = modelInfo(modelId);
      // extended thinking for the roles that reason (planning, coding, judging), where the model has it
      const thinking = role === 'learner' || info.thinking === 'none' ? undefined : info.thinking === 'adaptive' ? ({ type: 'adaptive' } as const) : ({ type: 'enabled', budget_tokens: 16_000 } as const);
      const result = await runAgent({
        model,
        modelId,
        ...(thinking ? { thinking } : {}),
        contextWindow: s.contextWindowTokens ?? info.contextWindow,
        onContext: (ev) => core.info(`Kiro: ${role} context ${ev.kind === 'cleared' ? `cleared ${ev.count} old tool results` : 'compacted into a hand-off note'} (~${ev.promptTokens} tokens now).`),
        role,
        system: system ?? roleSystem(role, vars),
        tools: rt.tools,
        messages,
        limits,
        spend,
        ctx: withPolicy(o.sandbox.toolContext, rt),
        submitTools: rt.submitTools,
        onStep: (step) => transcript.record(step),
        ...(steer ? { steer } : {}),
      });
      for (const u of webSources(result.messages)) if (!sources.includes(u)) sources.push(u);
      core.info(`Kiro: ${role} ended with ${result.exitReason}${result.limit ? ` (${result.limit})` : ''}${result.error ? `: ${safeInline(svc.redact(result.error), 2000)}` : ''} after ${spend.turns} turns, $${spend.costUsd.toFixed(4)}.`);
      return result;
    },
    costOutputs() {
      reportOutputs({ costUsd: spend.costUsd.toFixed(4) });
    },
    sources: () => [...sources],
    cost: () => ({ costUsd: spend.costUsd, costTotalUsd: prior.costUsd + spend.costUsd, costCapUsd: s.maxCostUsd }),
    tokens() {
      return {
        input: spend.usage.input_tokens,
        output: spend.usage.output_tokens,
        cacheRead: spend.usage.cache_read_input_tokens,
        cacheWrite: spend.usage.cache_creation_input_tokens,
      };
    },
  };
}

/** Commits the work tree as the bot, co-authored by the task owner. */
export interface Committer {
  /**
   * Commits every change of the work tree, built by the action in its own git directory (the
   * model's commits and `.git` are never used). @returns the new sha, or undefined when nothing changed
   */
  commit(message: string): Promise<string | undefined>;
  /** Paths the model changed that were never committed (protected), across this run. */
  refused(): string[];
}

/** What a committer checks before committing: secrets in the staged content and the message. */
export interface CommitGuard {
  /** Every registered form of every secret (`Services.secretValues`). */
  secrets(): readonly string[];
  redact(text: string): string;
}

/**
 * A committer on the checked-out task branch. The whole change is checked each time: protected
 * paths (`.github/workflows/**`, anything under a `.git` directory, and the agent's own settings
 * `.kiro/settings.json` / `.kiro/settings/**`, so a model cannot widen its own permissions) are
 * left out and restored; secrets are replaced in the staged content and redacted from the
 * message (docs/security.md).
 */
export function createCommitter(repoCtx: RepoContext, bot: Identity, owner: { login: string; id: number } | undefined, guard: CommitGuard): Committer {
  // an automation on a schedule has no one to credit
  const coAuthors: Identity[] = owner ? [{ name: owner.login, email: noreplyEmail(owner.login, owner.id) }] : [];
  const refused = new Set<string>();
  return {
    async commit(message) {
      const out = await commitWorkTree(repoCtx, guard.redact(message), bot, coAuthors, {
        refuse: (paths) => findProtectedChanges(paths, COMMIT_PROTECTED_GLOBS),
        secrets: () => guard.secrets(),
      });
      if (out.refused.length) {
        core.warning(`Kiro: changes to protected paths were not committed and were restored: ${out.refused.join(', ')}`);
        for (const p of out.refused) refused.add(p);
      }
      for (const f of out.scrubbed) core.warning(`Kiro: ${f.path} held a secret value (${f.count}×); it was replaced by *** in the commit.`);
      return out.sha;
    },
    refused: () => [...refused],
  };
}

/** Paths no commit of the action carries, whoever changed them (see `createCommitter`). */
// `gha-creds-*.json`: the credentials file google-github-actions/auth writes into the checkout
export const COMMIT_PROTECTED_GLOBS: readonly string[] = Object.freeze([...DEFAULT_PROTECTED_GLOBS, RepoFiles.Settings, '.kiro/settings/**', 'gha-creds-*.json']);

export interface CodeVerifyOptions {
  svc: Services;
  session: AgentSession;
  sandbox: Sandbox;
  status: Pick<StatusComment, 'update'>;
  committer: Committer;
  /** The coder's opening conversation. */
  coderMessages: MessageParam[];
  /** Orchestrator tools the coder gets besides its own (`complete_step`, …). */
  coderTools: AgentTool[];
  /** Replaces the coder's role prompt (see `AgentSession.runRole`). */
  coderSystem?: TextBlockParam[];
  steer?: () => Promise<string | undefined>;
  /** Acceptance criteria the verifier judges; read at each verification (they may grow). */
  criteria: () => ReadonlyArray<{ id: string; text: string }>;
  /** Commit the verifier's diff and the secret scan start from. */
  diffBase: string;
  /** Message of the commit made when the coder finishes. */
  finishCommitMessage: string;
  /** Status line while the coder works on the first attempt. */
  codingPhase: string;
}

export type CodeVerifyEnd =
  | { kind: 'done'; attempt: number; finish: FinishSubmission; checks: CheckResult[]; verdict: VerdictSubmission; secretFindings: string[]; passed: boolean }
  /** The coder stopped without `finish` (limit, pause, failure); nothing was committed for the stop. */
  | { kind: 'coder_stopped'; attempt: number; result: AgentResult }
  /** The verifier stopped without a verdict. */
  | { kind: 'verifier_stopped'; attempt: number; result: AgentResult };

/**
 * Installs the project's dependencies (once per work tree and run) before the coder starts, so
 * that its tests and the verification can run. Dependency directories are kept out of commits
 * through `.git/info/exclude`. A failed install is told to the coder, which can fix it.
 */
async function prepareEnvironment(o: CodeVerifyOptions, messages: MessageParam[]): Promise<MessageParam[]> {
  const dir = o.session.repoCtx.dir;
  const s = o.svc.settings;
  if (!detectSetup(dir).length) return messages;
  await o.status.update({ phase: 'Installing the project’s dependencies…' });
  const results = await runSetup(dir, { cwd: dir, env: o.sandbox.toolContext.env, timeoutMs: s.commandTimeoutMs, redact: o.svc.redact, runner: o.sandbox.runner, ...(o.sandbox.commandEnv ? { commandEnv: o.sandbox.commandEnv } : {}) });
  await excludeFromCommits(o.session.repoCtx, ['node_modules/', '.venv/', 'target/']);
  for (const r of results) core.info(`Kiro: ${r.name} ${r.ok ? 'succeeded' : 'failed'} in ${Math.round(r.durationMs / 1000)} s.`);
  const failed = results.filter((r) => !r.ok);
  if (!failed.length) return messages;
  return appendUserText(messages, failed.map((r) => `Note: the action ran \`${r.command}\` to install dependencies and it failed:\n${r.output}`).join('\n\n'));
}

/**
 * The code → verify loop (SPEC.md J1.4): the coder works until `finish`, the action commits,
 * runs the project's checks and a secret scan of the diff, and the verifier judges every
 * criterion; failures go back to the coder with the failing output, at most
 * `max-verify-retries` times. Pushing and reporting are the caller's.
 */
export async function codeAndVerify(o: CodeVerifyOptions): Promise<CodeVerifyEnd> {
  const { svc, session, sandbox, status } = o;
  const s = svc.settings;
  const dir = session.repoCtx.dir;
  let coderMessages = o.coderMessages;
  let finish: FinishSubmission | undefined;
  let checks: CheckResult[] = [];
  let verdict: VerdictSubmission | undefined;
  let secretFindings: string[] = [];
  const maxAttempts = s.maxVerifyRetries + 1;
  coderMessages = await prepareEnvironment(o, coderMessages);
  let attempt = 1;
  for (; attempt <= maxAttempts; attempt++) {
    await status.update({ phase: attempt === 1 ? o.codingPhase : `Fixing what verification found (retry ${attempt - 1} of ${s.maxVerifyRetries})…` });
    const coded = await session.runRole('coder', coderMessages, o.coderTools, o.steer, o.coderSystem);
    coderMessages = coded.messages;
    if (coded.exitReason !== 'submitted') return { kind: 'coder_stopped', attempt, result: coded };
    finish = coded.result as FinishSubmission;
    await o.committer.commit(o.finishCommitMessage);

    // ---- verify --------------------------------------------------------------------------
    await status.update({ phase: 'Verifying: running the project’s checks…' });
    checks = await runChecks(detectChecks(dir), {
      cwd: dir,
      env: sandbox.toolContext.env,
      timeoutMs: s.commandTimeoutMs,
      redact: svc.redact,
      runner: sandbox.runner,
      ...(sandbox.commandEnv ? { commandEnv: sandbox.commandEnv } : {}),
    });
    const diff = await diffAgainst(session.repoCtx, o.diffBase);
    secretFindings = (await scanForSecrets(diff, 'diff')).map((f) => `${f.ruleId}${f.line ? ` (line ${f.line})` : ''}: ${f.message}`);
    const verified = await session.runRole('verifier', [
      {
        role: 'user',
        content: renderPrompt('verifier-task', {
          repository: s.runner.repository,
          criteria: o.criteria().map((c) => `- ${c.id}: ${c.text}`).join('\n') || '(none)',
          checks: checks.length ? checks.map((c) => `## ${c.name} — ${c.passed ? 'passed' : 'FAILED'}\n$ ${c.command}\n${c.output}`).join('\n\n') : '(no checks detected)',
          secrets: secretFindings.length ? secretFindings.join('\n') : 'no findings',
          base: o.diffBase.slice(0, 12),
          diff: svc.redact(diff.length > 60_000 ? `${diff.slice(0, 60_000)}\n… (diff truncated; use git diff to read more)` : diff),
        }),
      },
    ]);
    if (verified.exitReason !== 'submitted') return { kind: 'verifier_stopped', attempt, result: verified };
    verdict = verified.result as VerdictSubmission;
    const checksPassed = checks.every((c) => c.passed);
    if (verdict.passed && checksPassed && secretFindings.length === 0) break;
    if (attempt === maxAttempts) break;
    const failing = checks.filter((c) => !c.passed).map((c) => `## ${c.name} failed\n$ ${c.command}\n${c.output}`);
    coderMessages = appendUserText(
      coderMessages,
      renderPrompt('coder-feedback', {
        feedback: [verdict.feedback, ...failing, ...(secretFindings.length ? [`Secret scan findings (remove them):\n${secretFindings.join('\n')}`] : [])].filter(Boolean).join('\n\n'),
      }),
    );
  }
  const passed = !!verdict?.passed && checks.every((c) => c.passed) && secretFindings.length === 0;
  return { kind: 'done', attempt: Math.min(attempt, maxAttempts), finish: finish!, checks, verdict: verdict!, secretFindings, passed };
}

/** What failed, one line each, for a draft PR's warning (undefined when verification passed). */
export function failureNotesOf(end: { passed: boolean; checks: readonly CheckResult[]; verdict?: VerdictSubmission; secretFindings: readonly string[] }): string | undefined {
  if (end.passed) return undefined;
  return [
    ...end.checks.filter((c) => !c.passed).map((c) => `\`${c.command}\` failed (exit ${c.exitCode ?? '?'})`),
    ...(end.verdict?.criteria ?? []).filter((c) => !c.met).map((c) => `${c.id} not met: ${c.evidence}`),
    ...end.secretFindings.map((f) => `secret scan: ${f}`),
  ].join('\n');
}

/** The spec's acceptance criteria with the verifier's verdict on each, for the PR body. */
export function criteriaWithVerdict(criteria: TaskSpec['acceptanceCriteria'], verdict: VerdictSubmission | undefined): Array<{ id: string; text: string; met?: boolean; evidence?: string }> {
  return criteria.map((c) => {
    const v = verdict?.criteria.find((x) => x.id === c.id);
    return { ...c, ...(v ? { met: v.met, evidence: v.evidence } : {}) };
  });
}

/**
 * Runs the pipeline to an end state. Never throws for model, tool or verification failures:
 * they end in a recorded state; git and GitHub faults propagate after the work is pushed.
 */
export async function runPipeline(t: TaskRun): Promise<PipelineEnd> {
  const { svc } = t;
  const s = svc.settings;
  const session = openAgentSession(svc, { taskId: t.taskId, sandbox: t.sandbox, steering: t.steering, learnings: t.learnings, ...(t.spend ? { spend: t.spend } : {}), ...(t.prior ? { prior: t.prior } : {}), ...(t.startedAt ? { startedAt: t.startedAt } : {}) });
  const { spend, repoCtx, started } = session;
  const runRole = session.runRole;
  const costOutputs = () => session.costOutputs();
  const tokens = () => session.tokens();
  const learningsApplied = t.learnings.map((l) => l.id);

  // ---- plan ------------------------------------------------------------------------------
  let spec = t.spec;
  if (!spec) {
    await t.status.update({ phase: 'Researching the code and writing the task spec…' });
    const planned = await runRole('planner', [{ role: 'user', content: t.plannerInput }]);
    if (planned.exitReason !== 'submitted') {
      costOutputs();
      return stopped(t, planned, spend, 'planning');
    }
    const sub = planned.result as SpecSubmission;
    spec = { ...sub, plan: sub.plan.map((p) => ({ ...p, done: false })) };
    await t.persist({ spec, learningsApplied, progress: { phase: sub.questions.length ? 'questions' : 'coding', verifyAttempts: 0 } }, 'spec');
  } else if (t.resume?.answers && spec.questions?.length) {
    // answered: keep the plan, drop the questions (no second planning pass)
    spec = { ...spec, questions: [] };
    await t.persist({ spec, progress: { phase: 'coding', verifyAttempts: 0 } }, 'questions answered');
  }
  const plan = spec;
  await t.status.update({ phase: plan.needsCode ? 'Plan ready; implementing…' : 'Answering…', plan: planItems(plan), specMarkdown: specMarkdown(plan) });

  if (plan.questions?.length) {
    costOutputs();
    return { state: 'needs_attention', reason: 'questions', questions: plan.questions, spend, exitReason: 'needs_input' };
  }

  if (!plan.needsCode) {
    costOutputs();
    await finishStatus(t, 'completed', { answer: plan.summary, ...session.cost(), tokens: tokens(), durationMs: svc.now() - started }, 'Answered; no code change was needed.');
    await writeJobSummary(svc, { taskId: t.taskId, title: plan.title, state: 'completed', plan: planItems(plan), spend, durationMs: svc.now() - started, answer: plan.summary });
    return { state: 'completed', spend, exitReason: 'completed' };
  }

  // ---- branch ----------------------------------------------------------------------------
  const branch = t.branch ?? taskBranch(t.issueNumber, t.issueTitle);
  reportOutputs({ branch: branch });
  const defaultBranch = await svc.github.getDefaultBranch(svc.repo);
  const { baseSha } = await checkoutTaskBranch(repoCtx, branch, defaultBranch);
  if (!t.branch) await t.persist({ branch, baseBranch: defaultBranch }, 'branch');
  if (t.resume?.approvedCommand) t.sandbox.approve(t.resume.approvedCommand);
  if (t.resume?.approvedPath) t.sandbox.approvePath(t.resume.approvedPath);
  // maxFileEditsPerTask counts the task's files, not this job's
  t.sandbox.countEdited((await changedFilesSince(repoCtx, baseSha)).map((f) => f.path));
  const committer = createCommitter(repoCtx, s.bot, t.owner, { secrets: () => svc.secretValues(), redact: svc.redact });
  const commit = (message: string) => committer.commit(message);
  t.onWip?.(async () => {
    await commit(`Work in progress: ${plan.title}`);
    return (await pushBranch(repoCtx, branch, s.bot)).sideBranch ?? branch;
  });

  // ---- code ------------------------------------------------------------------------------
  const completeStep: AgentTool = defineTool('complete_step', 'Mark a plan step done; the action commits the changes made for it.', StepInput, async (input) => {
    const step = plan.plan.find((p) => p.id === input.step_id);
    if (!step) return { content: `There is no plan step ${input.step_id}; steps are ${plan.plan.map((p) => p.id).join(', ')}.`, isError: true };
    step.done = true;
    const sha = await commit(`${step.title}\n\n${input.summary}`);
    // each finished step is on the remote: a runner that dies loses at most the step in flight
    if (sha) await pushBranch(repoCtx, branch, s.bot);
    await t.persist({ spec: plan, progress: { phase: 'coding', currentStep: nextStep(plan), verifyAttempts: 0 } }, `step ${step.id} done`);
    await t.status.update({ plan: planItems(plan), phase: `Step ${step.id} done: ${step.title}` });
    const recorded = sha ? `Step ${step.id} recorded in commit ${sha.slice(0, 12)}.` : `Step ${step.id} recorded (no file changes to commit).`;
    const next = plan.plan.find((p) => !p.done);
    if (pausesAfterEachStep(s.autonomyLevel) && next) {
      // the owner reviews each step; after the last one the pull request is the review point
      const reason = `autonomy level cautious pauses after each plan step: review step ${step.id} before step ${next.id} (${next.title}) starts`;
      return { content: `${recorded} Paused: ${reason}.`, pause: { reason, afterStep: `${step.id} (${step.title})` } };
    }
    return { content: recorded };
  });
  const coderMessages: MessageParam[] = [
    {
      role: 'user',
      content: renderPrompt('coder-task', {
        repository: s.runner.repository,
        branch,
        spec: `${plan.title}\n\n${plan.summary}\n\n${specMarkdown(plan)}`,
        plan: plan.plan.map((p) => `${p.id}. [${p.done ? 'x' : ' '}] ${p.title} — ${p.detail}`).join('\n'),
        feedback: resumeNotes(t),
      }),
    },
  ];
  const cv = await codeAndVerify({
    svc,
    session,
    sandbox: t.sandbox,
    status: t.status,
    committer,
    coderMessages,
    coderTools: [completeStep],
    ...(t.steer ? { steer: t.steer } : {}),
    criteria: () => plan.acceptanceCriteria,
    diffBase: baseSha,
    finishCommitMessage: plan.title,
    codingPhase: 'Implementing the plan…',
  });
  if (cv.kind === 'coder_stopped') {
    await commit(`Work in progress: ${plan.title}`);
    await pushBranch(repoCtx, branch, s.bot);
    costOutputs();
    if (cv.result.exitReason === 'limit_reached' && cv.result.limit === 'time') {
      await t.persist({ spec: plan, progress: { phase: 'coding', currentStep: nextStep(plan), verifyAttempts: cv.attempt - 1 } }, 'checkpoint');
      return { state: 'checkpoint', spend, exitReason: 'checkpoint' };
    }
    return stopped(t, cv.result, spend, 'coding', branch);
  }
  if (cv.kind === 'verifier_stopped') {
    await pushBranch(repoCtx, branch, s.bot);
    costOutputs();
    return stopped(t, cv.result, spend, 'verifying', branch);
  }
  const { finish, verdict, secretFindings } = cv;
  let { checks, passed } = cv;

  // ---- publish ---------------------------------------------------------------------------
  await t.status.update({ phase: 'Pushing the branch and opening the pull request…' });
  const pushed = await pushBranch(repoCtx, branch, s.bot);
  if (pushed.merged) {
    // someone else pushed to the branch: their changes are merged in; verify the result again
    core.info(`Kiro: ${branch} changed on the remote; merged its changes in (${pushed.sha.slice(0, 12)}) and re-running the checks.`);
    await t.status.update({ phase: 'The branch changed on the remote; merged its changes in and re-running the checks…' });
    checks = await runChecks(detectChecks(repoCtx.dir), { cwd: repoCtx.dir, env: t.sandbox.toolContext.env, timeoutMs: s.commandTimeoutMs, redact: svc.redact, runner: t.sandbox.runner, ...(t.sandbox.commandEnv ? { commandEnv: t.sandbox.commandEnv } : {}) });
    passed = passed && checks.every((c) => c.passed);
  }
  const head = pushed.sideBranch ?? branch;
  const sideNote = pushed.sideBranch ? `The work is on \`${pushed.sideBranch}\`, not \`${branch}\`: ${pushed.reason ?? 'the branch could not take the push'}.` : undefined;
  if (sideNote) core.warning(svc.redact(`Kiro: ${sideNote}`));
  const changedFiles = await changedFilesSince(repoCtx, baseSha);
  const failureNotes = [failureNotesOf({ ...cv, checks, passed }), sideNote].filter(Boolean).join('\n') || undefined;
  const body = renderPrBody({
    taskId: t.taskId,
    issueNumber: t.issueNumber,
    issueUrl: t.issueUrl,
    summary: finish?.summary ?? plan.summary,
    approach: finish?.approach ?? '',
    tradeoffs: finish?.tradeoffs ?? '',
    requirements: plan.requirements,
    changedFiles,
    checks,
    criteria: criteriaWithVerdict(plan.acceptanceCriteria, verdict),
    verificationPassed: passed,
    ...(failureNotes ? { failureNotes } : {}),
    secretFindings,
    learningsApplied: t.learnings,
    blockedRequests: t.sandbox.blocked(),
    ...(t.sandbox.limitation ? { networkLimitation: t.sandbox.limitation } : {}),
    sources: session.sources(),
    // the task's spend, earlier runs included
    costUsd: session.cost().costTotalUsd,
    durationMs: svc.now() - started,
    runUrl: s.runner.runUrl,
  });
  const existing = await svc.github.findOpenPullByHead(svc.repo, head);
  let pr;
  if (existing) {
    await svc.github.updatePull(svc.repo, existing.number, { title: plan.title, body });
    pr = existing;
  } else {
    pr = await svc.github.createPull(svc.repo, { title: plan.title, body, head, base: defaultBranch, draft: !passed });
  }
  // write-once facts first: the pull request exists and the task is done; cosmetics follow
  await t.persist({ state: 'completed', pullRequest: { number: Math.abs(pr.number) || 1, url: pr.htmlUrl }, learningsApplied, progress: { phase: 'done', verifyAttempts: 0 } }, 'pull request');
  if (!passed && pr.number > 0) await addMarkerLabel(svc, pr.number, Labels.NeedsHumanReview);
  reportOutputs({ pullRequestUrl: pr.htmlUrl });
  costOutputs();
  const result: StatusResult = {
    pullRequestUrl: pr.htmlUrl,
    draft: !passed,
    verification: checks.map((c) => ({ name: c.name, command: c.command, passed: c.passed })),
    ...session.cost(),
    tokens: tokens(),
    durationMs: svc.now() - started,
  };
  if (sideNote) t.status.view = { ...t.status.view, notes: [sideNote] };
  await finishStatus(t, 'completed', result, passed ? 'Pull request opened; verification passed.' : 'Draft pull request opened; verification failed — needs human review.');
  await writeJobSummary(svc, {
    taskId: t.taskId,
    title: plan.title,
    state: 'completed',
    plan: planItems(plan),
    spend,
    durationMs: svc.now() - started,
    pullRequestUrl: pr.htmlUrl,
    checks,
  });
  return { state: 'completed', pullRequestUrl: pr.htmlUrl, draft: !passed, spend, exitReason: 'completed' };
}

/** The first plan step not done yet (the step in flight), if any. */
function nextStep(spec: TaskSpec): number | undefined {
  return spec.plan.find((p) => !p.done)?.id;
}

/** Extra context a resumed run gives the coder: answers, new instructions. */
function resumeNotes(t: TaskRun): string {
  const parts: string[] = [];
  if (t.resume?.answers) parts.push(`# Answers from the task owner to your questions\n${t.resume.answers}`);
  if (t.resume?.feedback) parts.push(`# New instructions from the task owner\n${t.resume.feedback}\nAddress them (add plan steps as needed), then call \`finish\`.`);
  if (t.resume?.approvedCommand) parts.push(`The task owner approved \`${t.resume.approvedCommand}\`, which paused the previous run: run it when you get to it; it will not pause again.`);
  if (t.resume?.approvedPath) parts.push(`The task owner approved writing \`${t.resume.approvedPath}\`, which paused the previous run: make that change when you get to it; it will not pause again.`);
  if (t.spec && t.spec.plan.some((p) => p.done)) parts.push('Steps marked [x] were done in an earlier run and their commits are on the branch; continue with the first open step.');
  return parts.join('\n\n');
}

/** Input of the coder's `complete_step` tool (also the automation's). */
export const StepInput = z.object({
  step_id: z.number().int().positive().describe('The plan step id'),
  summary: z.string().min(1).describe('One line: what changed for this step'),
});

async function finishStatus(t: TaskRun, state: 'completed', result: StatusResult, phase: string): Promise<void> {
  await Promise.all([t.status.update({ state, phase, result }), setLifecycleLabel(t.svc, t.issueNumber, state, t.labels)]);
  reportOutputs({ status: state });
}

/**
 * A sub-agent stopped before finishing: a limit, a model failure, or a pause. The work so far is
 * already committed and pushed by the caller; the task needs attention.
 */
async function stopped(t: TaskRun, r: AgentResult, spend: Spend, phase: string, branch?: string): Promise<PipelineEnd> {
  const base = { spend, exitReason: r.limit ? `limit_reached:${r.limit}` : r.exitReason };
  let reason: string;
  if (r.exitReason === 'limit_reached') {
    const which = r.limit === 'turns' ? `the task's turn limit (${t.svc.settings.maxTurns} model calls across its runs)` : r.limit === 'cost' ? `the task's cost limit ($${t.svc.settings.maxCostUsd} across its runs)` : 'the time budget';
    reason = `Stopped while ${phase}: reached ${which}.`;
  } else if (r.exitReason === 'paused') {
    reason = `Paused while ${phase}: ${r.pause?.reason ?? 'approval needed'}.`;
  } else {
    reason = `Stopped while ${phase}: ${r.error ?? `the ${phase} sub-agent ended without a result`}.`;
  }
  const prior = t.prior ?? { turns: 0, costUsd: 0 };
  const s = t.svc.settings;
  const notes = [
    branch ? `Work so far is pushed to \`${branch}\`.` : '',
    `Spent $${spend.costUsd.toFixed(2)} over ${spend.turns} model calls in this run; the task so far: $${(prior.costUsd + spend.costUsd).toFixed(2)} of $${s.maxCostUsd}, ${prior.turns + spend.turns} of ${s.maxTurns} model calls.`,
  ].filter(Boolean);
  await Promise.all([
    t.status.update({ state: 'needs_attention', phase: reason, notes }),
    setLifecycleLabel(t.svc, t.issueNumber, 'needs_attention', t.labels),
  ]);
  reportOutputs({ status: 'needs_attention' });
  if (r.exitReason === 'failed') core.warning(safeInline(t.svc.redact(reason), 2000));
  if (r.exitReason === 'paused') {
    const pause = { ...r.pause, reason: r.pause?.reason ?? 'approval needed' };
    const what = pause.command
      ? `✋ Paused before: \`${pause.command.replace(/`/g, "'")}\``
      : pause.path
        ? `✋ Paused before: writing \`${pause.path.replace(/`/g, "'")}\``
        : pause.afterStep
          ? `✋ Paused after step ${pause.afterStep}`
          : `✋ Paused before: ${pause.reason}`;
    await t.svc.github.createIssueComment(
      t.svc.repo,
      t.issueNumber,
      [
        `${Markers.Pause} task=${t.taskId} -->`,
        what,
        '',
        `Why: ${pause.reason}`,
        '',
        `Reply \`${t.svc.settings.triggerCommand} continue\` to approve and go on, or \`${t.svc.settings.triggerCommand} cancel\` to stop.`,
      ].join('\n'),
    );
    return { ...base, state: 'needs_attention', reason, pause };
  }
  return r.exitReason === 'failed' ? { ...base, state: 'failed', reason } : { ...base, state: 'needs_attention', reason };
}

