/**
 * Sub-agent roles (SPEC.md J1.2–J1.4): each has a prompt in `prompts/<role>.md`, its own tools
 * and, where it hands back a structured result, a submit tool with a zod schema. The task spec is
 * the single document the roles share.
 */
import { z } from 'zod';
import { renderPrompt } from '../prompts.js';
import type { AgentTool, MessageParam, PolicyDecision, Role, TextBlockParam, ToolContext, ToolPolicy } from './types.js';
import { createBashTool } from './tools/bash.js';
import { createEditorTool } from './tools/editor.js';
import { createListFilesTool, createSearchTool } from './tools/search.js';
import { makeSubmitTool } from './tools/submit.js';

/** What the planner submits: the task spec without progress flags. */
export const SpecSubmission = z.object({
  title: z.string().min(3).max(200).describe('Short imperative pull-request title'),
  summary: z.string().min(1).describe('What will change and why; for needsCode=false, the full answer'),
  requirements: z.array(z.string().min(1)).describe('EARS statements: WHEN <trigger> THE SYSTEM SHALL <response>'),
  acceptanceCriteria: z
    .array(z.object({ id: z.string().regex(/^AC\d+$/, 'ids are AC1, AC2, …'), text: z.string().min(1) }))
    .describe('Observable checks'),
  plan: z.array(z.object({ id: z.number().int().positive(), title: z.string().min(1), detail: z.string() })).describe('Numbered steps naming files'),
  needsCode: z.boolean().describe('False for a question or analysis that needs no change'),
  questions: z.array(z.string().min(1)).default([]).describe('Only for essential ambiguity; empty otherwise'),
});
export type SpecSubmission = z.infer<typeof SpecSubmission>;

export const StepCompletion = z.object({
  step_id: z.number().int().positive().describe('The plan step id'),
  summary: z.string().min(1).describe('One line: what changed'),
});

export const FinishSubmission = z.object({
  summary: z.string().min(1).describe('What the change does'),
  approach: z.string().min(1).describe('How it was implemented'),
  tradeoffs: z.string().describe('Alternatives considered and why not'),
});
export type FinishSubmission = z.infer<typeof FinishSubmission>;

export const VerdictSubmission = z.object({
  criteria: z.array(z.object({ id: z.string(), met: z.boolean(), evidence: z.string() })),
  passed: z.boolean(),
  feedback: z.string().describe('For the code sub-agent: exactly what failed and where; empty when passed'),
});
export type VerdictSubmission = z.infer<typeof VerdictSubmission>;

export const LearningsSubmission = z.object({
  learnings: z.array(
    z.object({
      id: z.string().optional().describe('Id of an existing learning this refines'),
      text: z.string().min(1).describe('One imperative sentence'),
      sourceUrl: z.string().describe('URL of the comment it comes from'),
    }),
  ),
});
export type LearningsSubmission = z.infer<typeof LearningsSubmission>;

export const SubmitToolNames = {
  planner: 'submit_spec',
  coder: 'finish',
  verifier: 'submit_verdict',
  learner: 'submit_learnings',
} as const satisfies Record<Role, string>;

/** A policy that allows reads only (planner, verifier file tools). */
export function readOnlyPolicy(base: ToolPolicy): ToolPolicy {
  const deny: PolicyDecision = { action: 'deny', reason: 'this sub-agent is read-only: it cannot change files' };
  return {
    checkCommand: (c) => base.checkCommand(c),
    checkPath: (p, op) => (op === 'write' ? deny : base.checkPath(p, op)),
    checkEdit: () => deny,
  };
}

export interface RoleTools {
  tools: AgentTool[];
  submitTools: string[];
  /** The policy to run this role's tools under. */
  policy: (base: ToolPolicy) => ToolPolicy;
}

/**
 * The tool set of a role. `extra` adds orchestrator-provided tools (e.g. `complete_step`), `web`
 * the server tools for research (planner, coder) and `mcp` the repository's MCP server tools
 * (planner, coder, verifier: every role that works on the repository; src/mcp/).
 * Tools are rebuilt per role run: the bash tool keeps a working directory per instance.
 */
export function roleTools(role: Role, extra: AgentTool[] = [], web: readonly AgentTool[] = [], mcp: readonly AgentTool[] = []): RoleTools {
  const search = [createListFilesTool(), createSearchTool(), ...(role === 'planner' || role === 'coder' ? web : []), ...(role === 'learner' ? [] : mcp)];
  switch (role) {
    case 'planner':
      return {
        tools: [createEditorTool(), ...search, makeSubmitTool(SubmitToolNames.planner, 'Submit the task spec (call exactly once).', SpecSubmission), ...extra],
        submitTools: [SubmitToolNames.planner],
        policy: readOnlyPolicy,
      };
    case 'coder':
      return {
        tools: [createBashTool(), createEditorTool(), ...search, ...extra, makeSubmitTool(SubmitToolNames.coder, 'Finish: every plan step is done and the tests you ran pass.', FinishSubmission)],
        submitTools: [SubmitToolNames.coder],
        policy: (p) => p,
      };
    case 'verifier':
      return {
        tools: [createBashTool(), createEditorTool(), ...search, makeSubmitTool(SubmitToolNames.verifier, 'Submit the verdict (call exactly once).', VerdictSubmission), ...extra],
        submitTools: [SubmitToolNames.verifier],
        policy: readOnlyPolicy,
      };
    case 'learner':
      return {
        tools: [makeSubmitTool(SubmitToolNames.learner, 'Submit the durable preferences (possibly none).', LearningsSubmission)],
        submitTools: [SubmitToolNames.learner],
        policy: readOnlyPolicy,
      };
  }
}

/**
 * Anthropic's server tools for research on the web: web search
 * (https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/web-search-tool) and web fetch
 * (https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/web-fetch-tool). The API runs them;
 * their `server_tool_use` and `*_tool_result` blocks stay in the conversation, and the sources are
 * listed in the PR body. Offered to the planner and the coder when the network level lets the agent
 * out: `open-internet` (any domain) or a custom allow-list (`allowedDomains`, the only domains
 * searched and fetched). @returns none at the other levels
 */
export function webTools(level: string, allowedDomains: readonly string[]): AgentTool[] {
  if (level !== 'open-internet' && !(level === 'custom' && allowedDomains.length)) return [];
  const domains = level === 'open-internet' ? {} : { allowed_domains: allowedDomains.map((d) => d.replace(/^\*?\./, '')) };
  const server = (definition: Record<string, unknown>): AgentTool => ({
    name: String(definition.name),
    definition: definition as unknown as AgentTool['definition'],
    // never called: the API executes server tools and answers them itself
    execute: async () => ({ content: `${String(definition.name)} is run by the API`, isError: true }),
  });
  return [
    server({ type: 'web_search_20250305', name: 'web_search', max_uses: 8, ...domains }),
    server({ type: 'web_fetch_20250910', name: 'web_fetch', max_uses: 8, ...domains }),
  ];
}

/** URLs of the web sources a conversation used (search results and fetched pages), in order, once each. */
export function webSources(messages: readonly MessageParam[]): string[] {
  const out: string[] = [];
  const add = (u: unknown) => {
    if (typeof u === 'string' && /^https?:\/\//.test(u) && !out.includes(u)) out.push(u);
  };
  for (const m of messages) {
    if (m.role !== 'assistant' || typeof m.content === 'string') continue;
    for (const b of m.content as unknown as Array<Record<string, unknown>>) {
      if (b.type === 'web_search_tool_result' && Array.isArray(b.content)) for (const r of b.content as Array<Record<string, unknown>>) add(r.url);
      if (b.type === 'web_fetch_tool_result') add((b.content as Record<string, unknown> | undefined)?.url);
    }
  }
  return out;
}

/**
 * The stable, cacheable system prefix of a role: its prompt with steering and learnings rendered
 * in. Identical across the turns of a task, so the Messages API serves it from cache.
 */
export function roleSystem(role: Role, vars: Record<string, string>): TextBlockParam[] {
  return [{ type: 'text', text: renderPrompt(role, vars) }];
}

/** Binds a role's policy into a tool context. */
export function withPolicy(ctx: ToolContext, rt: RoleTools): ToolContext {
  return { ...ctx, policy: rt.policy(ctx.policy) };
}
