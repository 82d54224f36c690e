/**
 * One task run's agent session (SPEC.md J1.2–J1.4): the model client (redacting, so secrets never
 * reach the model), the per-task limits, the spend, the transcript and the work tree, shared by the
 * sub-agents of an issue task, a feedback round and an automation run.
 */
import * as core from '@actions/core';
import path from 'node:path';
import { modelInfo, pickModel } from '../agent/pricing.js';
import { roleSystem, roleTools, webSources, webTools, withPolicy } from '../agent/roles.js';
import { runAgent } from '../agent/loop.js';
import { createTranscriptWriter } from '../agent/transcript.js';
import type { AgentResult, AgentTool, MessageParam, ModelClient, Role, Spend, TextBlockParam } from '../agent/types.js';
import type { GitCommandManager } from '../git/manager.js';
import { redactingModelClient } from '../policy/redact.js';
import { safeInline } from '../policy/sanitize.js';
import type { StatusResult } from '../report/status.js';
import { reportOutputs } from './outcome.js';
import type { Sandbox } from './sandbox.js';
import type { Services } from './services.js';

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
  /** The action's git on the workspace (pushes go to the workflow's repository), through `Services.ports.git`. */
  git: GitCommandManager;
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
  const model: ModelClient = redactingModelClient(lazyModelClient(() => svc.ports.modelClient(s)), svc.redact);
  const spend = o.spend ?? emptySpend();
  // leave time to commit, push and report before the job's budget runs out
  const budgetMs = s.timeoutMinutes * 60_000;
  const prior = o.prior ?? { turns: 0, costUsd: 0 };
  const limits = { maxTurns: Math.max(0, s.maxTurns - prior.turns), maxCostUsd: Math.max(0, s.maxCostUsd - prior.costUsd), deadline: svc.startedAt + budgetMs - Math.min(5 * 60_000, budgetMs / 10) };
  const transcript = createTranscriptWriter(path.join(s.runner.runnerTemp, 'kiro', o.taskId, 'transcript.jsonl'), svc.redact);
  const git = svc.ports.git(svc, o.sandbox);
  const learningsText = o.learnings.length ? o.learnings.map((l) => `- ${l.text} (id ${l.id})`).join('\n') : '(none)';
  const baseVars = { repository: s.runner.repository, steering: o.steering };
  const web = webTools(s.networkAccess, s.allowedDomains);
  const sources: string[] = [];
  return {
    spend,
    // one duration for a task everywhere (status header, result line, PR body): since it was created
    started: o.startedAt ?? svc.now(),
    git,
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

/**
 * A model client that asks its port for the real one on first use (sessions open without network
 * or loading the SDK). Token counting is offered always and fails when the real client has none
 * (Bedrock): the loop then estimates, as it does for any counting failure.
 */
function lazyModelClient(open: () => Promise<ModelClient>): ModelClient {
  let client: Promise<ModelClient> | undefined;
  const get = () => (client ??= open());
  return {
    send: async (params, opts) => (await get()).send(params, opts),
    countTokens: async (params) => {
      const c = await get();
      if (!c.countTokens) throw new Error('this provider has no token counting');
      return c.countTokens(params);
    },
  };
}
