/**
 * The code → verify loop shared by an issue task, a feedback round and an automation run
 * (SPEC.md J1.4): coder, commit, the project's checks, a secret scan of the diff and the verifier,
 * with failures sent back to the coder.
 */
import * as core from '@actions/core';
import { appendUserText } from '../agent/loop.js';
import type { FinishSubmission, VerdictSubmission } from '../agent/roles.js';
import type { AgentResult, AgentTool, MessageParam, TextBlockParam } from '../agent/types.js';
import { scanForSecrets } from '../policy/redact.js';
import { renderPrompt } from '../prompts.js';
import type { TaskSpec } from '../state/schema.js';
import { detectChecks } from '../verify/detect.js';
import { runChecks, type CheckResult } from '../verify/run.js';
import { detectSetup, runSetup } from '../verify/setup.js';
import type { Committer } from './committer.js';
import type { StatusComment } from './lifecycle.js';
import type { Sandbox } from './sandbox.js';
import type { AgentSession } from './session.js';
import type { Services } from './services.js';

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
  const dir = o.session.git.dir;
  const s = o.svc.settings;
  if (!detectSetup(dir).length) return messages;
  await o.status.update({ phase: 'Installing the project’s dependencies…' });
  const results = await runSetup(dir, { cwd: dir, env: o.sandbox.toolContext.env, timeoutMs: s.commandTimeoutMs, redact: o.svc.redact, runner: o.sandbox.runner, ...(o.sandbox.commandEnv ? { commandEnv: o.sandbox.commandEnv } : {}) });
  await o.session.git.exclude(['node_modules/', '.venv/', 'target/']);
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
  const dir = session.git.dir;
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
    const diff = await session.git.diff(o.diffBase);
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
