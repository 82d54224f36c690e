/**
 * Automations — Kiro's scheduled tasks (SPEC.md §2, issue #13): a prompt in
 * `.kiro/automations/<name>.md` run against the repository on a `schedule` (or by
 * `workflow_dispatch` with the `automation` input), without an issue:
 *
 *   ---
 *   title: Keep the changelog current      # optional
 *   schedule: "0 6 * * 1"                  # optional: the cron this automation runs on
 *   ---
 *   Add an entry to CHANGELOG.md for every merged PR since the last release …
 *
 * The planner writes a spec from the prompt; when nothing needs to change the run ends with a line
 * in the job summary. Otherwise the coder and the verifier work as for an issue, and a pull request
 * is opened only when the change is non-empty and verification passed. An automation has at most
 * one open pull request: a later run continues on its branch and updates it. Progress goes to the
 * job log and the job summary (there is no issue to comment on).
 */
import * as core from '@actions/core';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { AgentTool } from '../agent/types.js';
import { defineTool } from '../agent/tools/schema.js';
import type { SpecSubmission } from '../agent/roles.js';
import { AutomationBranchPrefix, RepoFiles } from '../constants.js';
import type { Command } from '../events.js';
import { changedFilesSince, checkoutTaskBranch, headSha } from '../git/repo.js';
import { pushBranch } from '../git/push.js';
import { sanitizeUntrusted } from '../policy/sanitize.js';
import { renderPrompt } from '../prompts.js';
import { renderPrBody } from '../report/pr-body.js';
import type { StatusView } from '../report/status.js';
import { writeJobSummary } from '../report/summary.js';
import type { TaskSpec } from '../state/schema.js';
import { readSteering, repositoryLayout } from './context.js';
import { reportOutputs, type Outcome } from './outcome.js';
import { codeAndVerify, criteriaWithVerdict, failureNotesOf } from './code-verify.js';
import { createCommitter } from './committer.js';
import { specMarkdown, StepInput } from './phases/common.js';
import { openAgentSession } from './session.js';
import { openSandbox } from './sandbox.js';
import type { Services } from './services.js';

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

const FrontMatter = z.strictObject({
  title: z.string().min(1).max(200).optional(),
  schedule: z.string().min(1).optional(),
});

/**
 * Parses an automation file: optional YAML front matter between `---` lines (parsed by the `yaml`
 * library; only the delimiters are found by hand), then the prompt. Pure.
 * @returns the automation, or an error message naming the file and the problem
 */
export function parseAutomation(name: string, text: string): Automation | { error: string } {
  const file = `${RepoFiles.AutomationsDir}/${name}.md`;
  const m = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  let meta: z.infer<typeof FrontMatter> = {};
  if (m) {
    let raw: unknown;
    try {
      raw = parseYaml(m[1]!) ?? {};
    } catch (e) {
      return { error: `${file}: the front matter is not valid YAML: ${(e as Error).message.split('\n')[0]}` };
    }
    const r = FrontMatter.safeParse(raw);
    if (!r.success) {
      const i = r.error.issues[0]!;
      const field = i.code === 'unrecognized_keys' ? i.keys.join(', ') : i.path.join('.') || '(front matter)';
      return { error: `${file}: front matter \`${field}\` ${i.code === 'unrecognized_keys' ? 'is not a known key (known: title, schedule)' : i.message}` };
    }
    meta = r.data;
  }
  const prompt = (m ? text.slice(m[0].length) : text).trim();
  if (!prompt) return { error: `${file}: the file has no instructions after its front matter` };
  return { name, file, prompt, ...(meta.title ? { title: meta.title } : {}), ...(meta.schedule ? { schedule: meta.schedule.trim() } : {}) };
}

/** Reads every `.kiro/automations/*.md` of a work tree (sorted by name). */
export function readAutomations(workspace: string): { automations: Automation[]; problems: string[] } {
  const dir = path.join(workspace, RepoFiles.AutomationsDir);
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((f) => f.endsWith('.md'))
      .map((f) => f.slice(0, -3))
      .sort();
  } catch {
    return { automations: [], problems: [] };
  }
  const automations: Automation[] = [];
  const problems: string[] = [];
  for (const n of names) {
    const a = parseAutomation(n, readFileSync(path.join(dir, `${n}.md`), 'utf8'));
    if ('error' in a) problems.push(a.error);
    else automations.push(a);
  }
  return { automations, problems };
}

type AutomationCommand = Extract<Command, { kind: 'automation' }>;

/**
 * Which automations a run performs: the named one; else (a `schedule` event) those whose
 * `schedule` is the cron that fired, or every one when none declares a schedule. Pure.
 */
export function selectAutomations(all: readonly Automation[], cmd: Pick<AutomationCommand, 'name' | 'schedule'>): Automation[] {
  if (cmd.name) return all.filter((a) => a.name === cmd.name);
  if (!all.some((a) => a.schedule)) return [...all];
  const cron = (cmd.schedule ?? '').replace(/\s+/g, ' ').trim();
  return all.filter((a) => a.schedule?.replace(/\s+/g, ' ') === cron);
}

/** The branch pattern of an automation's pull requests. */
function branchPattern(name: string): RegExp {
  return new RegExp(`^${AutomationBranchPrefix.replace(/[/.-]/g, '\\$&')}${name.replace(/[.-]/g, '\\$&')}-\\d+$`);
}

/** Runs the selected automations of a `schedule` / `workflow_dispatch` event, one after another. */
export async function runAutomations(svc: Services, cmd: AutomationCommand): Promise<Outcome> {
  const { automations, problems } = readAutomations(svc.settings.runner.workspace);
  const selected = selectAutomations(automations, cmd);
  const named = cmd.name ? problems.filter((p) => p.includes(`/${cmd.name}.md:`)) : problems;
  if (named.length) {
    for (const p of named) core.error(p, { title: 'Kiro automation', file: p.split(':')[0] });
    reportOutputs({ status: 'failed' });
    return { failed: named.join('\n'), annotated: true };
  }
  if (!selected.length) {
    const why = cmd.name ? `there is no ${RepoFiles.AutomationsDir}/${cmd.name}.md` : `no automation in ${RepoFiles.AutomationsDir} runs on the schedule '${cmd.schedule ?? ''}'`;
    if (cmd.name) {
      core.error(`Kiro: ${why}.`, { title: 'Kiro automation' });
      reportOutputs({ status: 'failed' });
      return { failed: why, annotated: true };
    }
    core.info(`Kiro: nothing to do — ${why}.`);
    reportOutputs({ status: 'skipped' });
    return {};
  }
  let failed: string | undefined;
  for (const a of selected) {
    const out = await runAutomation(svc, a, cmd);
    failed ??= out.failed;
  }
  return failed ? { failed } : {};
}

/** Progress of an automation: the job log (no issue to comment on); same shape as the status comment's updates. */
function logStatus(view: StatusView): { update(patch: Partial<StatusView>): Promise<void> } {
  let last = '';
  return {
    update: async (patch) => {
      Object.assign(view, patch);
      if (view.phase !== last) core.info(`Kiro automation ${view.taskId}: ${view.phase}`);
      last = view.phase;
    },
  };
}

async function runAutomation(svc: Services, a: Automation, cmd: AutomationCommand): Promise<Outcome> {
  const s = svc.settings;
  const r = s.runner;
  const taskId = `automation-${a.name}-${r.runId}`;
  reportOutputs({ taskId: taskId });
  const started = svc.now();
  const status = logStatus({ taskId, state: 'in_progress', title: a.title ?? a.name, runUrl: r.runUrl, startedAt: started, now: started, phase: `Running automation ${a.name}…` });
  await status.update({ phase: `Running automation ${a.name} (${a.file})…` });
  const sandbox = await openSandbox(svc);
  const summary = (state: 'completed' | 'failed', note: string, extra: { pullRequestUrl?: string; spec?: TaskSpec; checks?: ReadonlyArray<{ name: string; command: string; passed: boolean }> } = {}) =>
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
  const session = openAgentSession(svc, { taskId, sandbox, steering: readSteering(r.workspace), learnings: [] });
  try {
    // ---- plan ----------------------------------------------------------------------------
    const planned = await session.runRole('planner', [
      {
        role: 'user',
        content: renderPrompt('automation-task', { repository: r.repository, name: a.name, file: a.file, prompt: sanitizeUntrusted(a.prompt), layout: await repositoryLayout(r.workspace) }),
      },
    ]);
    session.costOutputs();
    if (planned.exitReason !== 'submitted') {
      const why = `automation ${a.name} stopped while planning: ${planned.error ?? planned.limit ?? planned.exitReason}`;
      await summary('failed', why);
      reportOutputs({ status: 'failed' });
      return { failed: why };
    }
    const sub = planned.result as SpecSubmission;
    const spec: TaskSpec = { ...sub, questions: [], plan: sub.plan.map((p) => ({ ...p, done: false })) };
    if (!spec.needsCode) {
      core.info(`Kiro: automation ${a.name}: nothing to change — ${spec.summary}`);
      await summary('completed', `Nothing to change: ${spec.summary}`);
      reportOutputs({ status: 'completed' });
      return {};
    }

    // ---- branch: the automation's open pull request, else a new one ---------------------
    const repoCtx = session.repoCtx;
    const defaultBranch = await svc.github.getDefaultBranch(svc.repo);
    const open = (await svc.github.listOpenPulls(svc.repo, branchPattern(a.name)))[0];
    const branch = open?.headRef ?? `${AutomationBranchPrefix}${a.name}-${r.runId}`;
    reportOutputs({ branch: branch });
    const { baseSha } = await checkoutTaskBranch(repoCtx, branch, defaultBranch);
    const before = await headSha(repoCtx);
    // whoever dispatched it by hand is credited; a schedule has no one
    const owner = cmd.trigger === 'workflow_dispatch' && cmd.actor.login ? cmd.actor : undefined;
    const committer = createCommitter(repoCtx, s.bot, owner, { secrets: () => svc.secretValues(), redact: svc.redact });

    // ---- code and verify -----------------------------------------------------------------
    const completeStep: AgentTool = defineTool('complete_step', 'Mark a plan step done; the action commits the changes made for it.', StepInput, async (input) => {
      const step = spec.plan.find((p) => p.id === input.step_id);
      if (!step) return { content: `There is no plan step ${input.step_id}; steps are ${spec.plan.map((p) => p.id).join(', ')}.`, isError: true };
      step.done = true;
      const sha = await committer.commit(`${step.title}\n\n${input.summary}`);
      return { content: sha ? `Step ${step.id} recorded in commit ${sha.slice(0, 12)}.` : `Step ${step.id} recorded (no file changes).` };
    });
    const cv = await codeAndVerify({
      svc,
      session,
      sandbox,
      status,
      committer,
      coderMessages: [
        {
          role: 'user',
          content: renderPrompt('coder-task', {
            repository: r.repository,
            branch,
            spec: `${spec.title}\n\n${spec.summary}\n\n${specMarkdown(spec)}`,
            plan: spec.plan.map((p) => `${p.id}. [ ] ${p.title} — ${p.detail}`).join('\n'),
            feedback: open ? `This automation's open pull request ${open.htmlUrl} is on this branch from an earlier run: build on it.` : '',
          }),
        },
      ],
      coderTools: [completeStep],
      criteria: () => spec.acceptanceCriteria,
      diffBase: before,
      finishCommitMessage: spec.title,
      codingPhase: 'Carrying out the automation…',
    });
    session.costOutputs();
    if (cv.kind !== 'done') {
      const why = `automation ${a.name} stopped while ${cv.kind === 'coder_stopped' ? 'coding' : 'verifying'}: ${cv.result.error ?? cv.result.limit ?? cv.result.exitReason}; nothing was pushed`;
      await summary('failed', why, { spec });
      reportOutputs({ status: 'needs_attention' });
      core.warning(svc.redact(`Kiro: ${why}.`));
      return {};
    }
    const fresh = await changedFilesSince(repoCtx, before);
    if (!fresh.length) {
      await summary('completed', `No change was needed: ${cv.finish.summary}`, { spec, checks: cv.checks });
      reportOutputs({ status: 'completed' });
      return {};
    }
    if (!cv.passed) {
      await summary('completed', `Verification did not pass, so no pull request was opened or updated: ${failureNotesOf(cv) ?? 'see the checks below'}`, { spec, checks: cv.checks });
      reportOutputs({ status: 'needs_attention' });
      return {};
    }

    // ---- deliver: one open pull request per automation -----------------------------------
    const pushed = await pushBranch(repoCtx, branch, s.bot);
    const head = pushed.sideBranch ?? branch;
    const body = renderPrBody({
      taskId,
      summary: `${cv.finish.summary}\n\n_Scheduled work: automation \`${a.name}\` (\`${a.file}\`), [run ${r.runId}](${r.runUrl})._`,
      approach: cv.finish.approach,
      tradeoffs: cv.finish.tradeoffs,
      requirements: spec.requirements,
      changedFiles: await changedFilesSince(repoCtx, baseSha),
      checks: cv.checks,
      criteria: criteriaWithVerdict(spec.acceptanceCriteria, cv.verdict),
      verificationPassed: true,
      secretFindings: cv.secretFindings,
      blockedRequests: sandbox.blocked(),
      ...(sandbox.limitation ? { networkLimitation: sandbox.limitation } : {}),
      sources: session.sources(),
      costUsd: session.spend.costUsd,
      durationMs: svc.now() - started,
      runUrl: r.runUrl,
    });
    const title = a.title ? `${a.title}: ${spec.title}` : spec.title;
    let pr;
    if (open && !pushed.sideBranch) {
      await svc.github.updatePull(svc.repo, open.number, { title, body });
      pr = open;
    } else {
      pr = await svc.github.createPull(svc.repo, { title, body, head, base: defaultBranch, draft: false });
    }
    reportOutputs({ pullRequestUrl: pr.htmlUrl });
    reportOutputs({ status: 'completed' });
    core.info(`Kiro: automation ${a.name} ${open ? 'updated' : 'opened'} ${pr.htmlUrl}.`);
    await summary('completed', `${open ? 'Updated' : 'Opened'} the automation's pull request.`, { pullRequestUrl: pr.htmlUrl, spec, checks: cv.checks });
    return {};
  } finally {
    await sandbox.close();
  }
}
