/**
 * Test doubles for the agent layer: a permissive policy, a tool context on a temp directory and a
 * scripted in-process model (the loop logic is tested against it; model.ts against the rig's
 * Messages API server).
 */
import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import type Anthropic from '@anthropic-ai/sdk';
import { createUnsandboxedRunner } from '../../../src/sandbox/runner.js';
import type { ModelClient, ModelRequest, ModelResponse, PolicyDecision, Spend, ToolContext, ToolPolicy, Usage } from '../../../src/agent/types.js';

export function tempDir(prefix = 'kiro-agent-'): string {
  return realpathSync(mkdtempSync(join(tmpdir(), prefix)));
}

/** Allows everything; resolves paths against the workspace. */
export function allowAllPolicy(workspace: string): ToolPolicy & { commands: string[]; edits: [string, boolean][] } {
  const commands: string[] = [];
  const edits: [string, boolean][] = [];
  return {
    commands,
    edits,
    checkCommand(command: string): PolicyDecision {
      commands.push(command);
      return { action: 'allow' };
    },
    checkPath(path: string) {
      return { action: 'allow', resolved: isAbsolute(path) ? path : resolve(workspace, path) };
    },
    checkEdit(resolved: string, creating: boolean): PolicyDecision {
      edits.push([resolved, creating]);
      return { action: 'allow' };
    },
  };
}

export function makeCtx(workspace: string, over: Partial<ToolContext> = {}): ToolContext {
  return {
    workspace,
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: workspace, LANG: 'C.UTF-8' },
    policy: allowAllPolicy(workspace),
    redact: (s) => s,
    commandTimeoutMs: 10_000,
    runner: createUnsandboxedRunner(),
    ...over,
  };
}

export function newSpend(): Spend {
  return { turns: 0, costUsd: 0, usage: { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 } };
}

export const farLimits = () => ({ maxTurns: 100, maxCostUsd: 100, deadline: Date.now() + 600_000 });

type Block = { type: 'text'; text: string } | { type: 'tool_use'; id?: string; name: string; input: unknown };

export interface ScriptedReply {
  content: Block[];
  stop_reason?: Anthropic.StopReason;
  usage?: Partial<Usage>;
}

export type ScriptStep = ScriptedReply | ((req: ModelRequest) => ScriptedReply) | Error;

export const say = (text: string): ScriptedReply => ({ content: [{ type: 'text', text }] });
export const call = (name: string, input: unknown, id?: string): ScriptedReply => ({
  content: [{ type: 'tool_use', name, input, ...(id ? { id } : {}) }],
});
export const calls = (...uses: [string, unknown][]): ScriptedReply => ({
  content: uses.map(([name, input]) => ({ type: 'tool_use' as const, name, input })),
});

/** A ModelClient that answers from a script and records every request (deep-copied). */
export function scriptedModel(steps: ScriptStep[]): ModelClient & { requests: ModelRequest[] } {
  const requests: ModelRequest[] = [];
  let i = 0;
  let ids = 0;
  return {
    requests,
    async send(params: ModelRequest): Promise<ModelResponse> {
      requests.push(structuredClone(params));
      const step = steps[i++];
      if (step === undefined) throw new Error(`script exhausted at request ${i}`);
      if (step instanceof Error) throw step;
      const r = typeof step === 'function' ? step(params) : step;
      const content = r.content.map((b) =>
        b.type === 'tool_use'
          ? { type: 'tool_use' as const, id: b.id ?? `toolu_${++ids}`, name: b.name, input: b.input, caller: { type: 'direct' as const } }
          : { type: 'text' as const, text: b.text, citations: null },
      );
      const usage: Usage = { input_tokens: 100, output_tokens: 50, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, ...r.usage };
      const stop = r.stop_reason ?? (content.some((b) => b.type === 'tool_use') ? 'tool_use' : 'end_turn');
      const message = {
        id: `msg_${i}`,
        type: 'message',
        role: 'assistant',
        model: params.model,
        content,
        stop_reason: stop,
        stop_sequence: null,
        usage,
      } as unknown as Anthropic.Message;
      return { message, usage, attempts: 1 };
    },
  };
}

/** The tool_result blocks of a request's last message. */
export function lastResults(req: ModelRequest): { tool_use_id: string; content: string; is_error?: boolean }[] {
  const last = req.messages.at(-1);
  if (!last || typeof last.content === 'string') return [];
  return last.content.filter((b) => b.type === 'tool_result').map((b) => {
    const { cache_control: _c, ...rest } = b as typeof b & { cache_control?: unknown };
    return rest;
  }) as never;
}
