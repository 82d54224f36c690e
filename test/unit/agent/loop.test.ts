import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runAgent, type RunAgentOptions } from '../../../src/agent/loop.js';
import { Notices } from '../../../src/agent/notices.js';
import { makeSubmitTool } from '../../../src/agent/tools/submit.js';
import type { AgentStep, AgentTool, MessageParam, ToolOutcome } from '../../../src/agent/types.js';
import { call, calls, farLimits, lastResults, makeCtx, newSpend, say, scriptedModel, tempDir, type ScriptStep } from './helpers.js';

const echo: AgentTool = {
  name: 'echo',
  definition: { name: 'echo', description: 'echo', input_schema: { type: 'object', properties: { text: { type: 'string' } } } },
  inputSchema: z.object({ text: z.string() }),
  execute: (input) => Promise.resolve({ content: `echo: ${(input as { text: string }).text}` }),
};

function opts(steps: ScriptStep[], over: Partial<RunAgentOptions> = {}) {
  const model = scriptedModel(steps);
  const ws = tempDir();
  const o: RunAgentOptions = {
    model,
    modelId: 'claude-sonnet-4-5',
    role: 'coder',
    system: [{ type: 'text', text: 'You are a coder.' }],
    tools: [echo],
    messages: [{ role: 'user', content: 'Do the task.' }],
    limits: farLimits(),
    spend: newSpend(),
    ctx: makeCtx(ws),
    ...over,
  };
  return { o, model };
}

describe('runAgent', () => {
  it('reads after a write in the same turn run after it (side by side only with each other); the turn cache is cleared by the write', async () => {
    const log: string[] = [];
    let state = 'old';
    let gate: (() => void) | undefined;
    const read = (name: string): AgentTool => ({
      name,
      definition: { name, description: name, input_schema: { type: 'object' } },
      execute: async (_i, ctx) => {
        log.push(`${name} start`);
        // the first read waits for the second: they must run side by side
        if (name === 'search_code') await new Promise<void>((r) => (gate = r));
        else gate?.();
        ctx.turnCache!.files ??= Promise.resolve(state);
        const seen = await ctx.turnCache!.files;
        log.push(`${name} saw ${String(seen)}`);
        return { content: String(seen) };
      },
    });
    const write: AgentTool = {
      name: 'bash',
      definition: { name: 'bash', description: 'bash', input_schema: { type: 'object' } },
      execute: async () => {
        state = 'new';
        log.push('write');
        return { content: 'ok' };
      },
    };
    const { o } = opts([calls(['list_files', {}], ['bash', {}], ['search_code', {}], ['list_files', {}]), say('done')], { tools: [read('list_files'), read('search_code'), write] });
    const r = await runAgent(o);
    expect(r.exitReason).toBe('completed');
    expect(log).toEqual(['list_files start', 'list_files saw old', 'write', 'search_code start', 'list_files start', 'list_files saw new', 'search_code saw new']);
  });

  it('completes on end_turn and returns the final text', async () => {
    const { o, model } = opts([call('echo', { text: 'hi' }), say('All done.')]);
    const r = await runAgent(o);
    expect(r.exitReason).toBe('completed');
    expect(r.text).toBe('All done.');
    expect(r.turns).toBe(2);
    expect(lastResults(model.requests[1]!)).toEqual([{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'echo: hi' }]);
    expect(o.spend.turns).toBe(2);
    expect(o.spend.usage.input_tokens).toBe(200);
    expect(o.spend.costUsd).toBeCloseTo(2 * (100 * 3 + 50 * 15) / 1e6, 10);
  });

  it('does not mutate the caller messages and keeps the transcript free of cache_control', async () => {
    const initial: MessageParam[] = [{ role: 'user', content: [{ type: 'text', text: 'Task', cache_control: { type: 'ephemeral' } }] }];
    const snapshot = structuredClone(initial);
    const { o } = opts([call('echo', { text: 'a' }), say('ok')], { messages: initial });
    const r = await runAgent(o);
    expect(initial).toEqual(snapshot);
    expect(JSON.stringify(r.messages)).not.toContain('cache_control');
    expect(r.messages).toHaveLength(4);
  });

  it.each([
    ['turns', { maxTurns: 2, maxCostUsd: 100, deadline: Date.now() + 60_000 }],
    ['cost', { maxTurns: 100, maxCostUsd: 0.001, deadline: Date.now() + 60_000 }],
    ['time', { maxTurns: 100, maxCostUsd: 100, deadline: Date.now() - 1 }],
  ] as const)('stops with limit_reached (%s) before the model call', async (limit, limits) => {
    const loop = Array.from({ length: 10 }, () => call('echo', { text: 'x' }));
    const { o, model } = opts(loop, { limits });
    const r = await runAgent(o);
    expect(r.exitReason).toBe('limit_reached');
    expect(r.limit).toBe(limit);
    if (limit === 'turns') expect(model.requests).toHaveLength(2);
    if (limit === 'cost') expect(model.requests).toHaveLength(1); // 0.00105 USD after one step
    if (limit === 'time') expect(model.requests).toHaveLength(0);
  });

  it('counts spend across sub-agents: a shared Spend stops the second run', async () => {
    const spend = newSpend();
    const limits = { maxTurns: 3, maxCostUsd: 100, deadline: Date.now() + 60_000 };
    const a = opts([call('echo', { text: '1' }), say('planned')], { spend, limits });
    expect((await runAgent(a.o)).exitReason).toBe('completed');
    const b = opts([call('echo', { text: '2' }), call('echo', { text: '3' })], { spend, limits });
    const r = await runAgent(b.o);
    expect(r).toMatchObject({ exitReason: 'limit_reached', limit: 'turns', turns: 1 });
    expect(spend.turns).toBe(3);
  });

  it('turns tool failures into is_error results and keeps going', async () => {
    const boom: AgentTool = { ...echo, name: 'boom', execute: () => Promise.reject(new Error('kaput')) };
    const { o, model } = opts(
      [calls(['nope', {}], ['echo', { text: 42 }], ['boom', { text: 'x' }], ['echo', { text: 'fine' }]), say('done')],
      { tools: [echo, boom] },
    );
    const r = await runAgent(o);
    expect(r.exitReason).toBe('completed');
    const results = lastResults(model.requests[1]!);
    expect(results.map((x) => x.tool_use_id)).toEqual(['toolu_1', 'toolu_2', 'toolu_3', 'toolu_4']);
    expect(results[0]).toMatchObject({ is_error: true, content: 'Unknown tool "nope". Available tools: echo, boom.' });
    expect(results[1]!.is_error).toBe(true);
    expect(results[1]!.content).toContain('Invalid input for echo');
    expect(results[1]!.content).toContain('expected string, received number');
    expect(results[1]!.content).toContain('→ at text');
    expect(results[2]).toMatchObject({ is_error: true });
    expect(results[2]!.content).toContain('boom failed unexpectedly: kaput');
    expect(results[3]).toEqual({ type: 'tool_result', tool_use_id: 'toolu_4', content: 'echo: fine' });
  });

  it('redacts every tool result before it enters the conversation', async () => {
    const leaky: AgentTool = { ...echo, name: 'leak', execute: () => Promise.resolve({ content: 'token=ghp_SECRET123' }) };
    const ws = tempDir();
    const { o, model } = opts([call('leak', { text: '' }), say('ok')], {
      tools: [leaky],
      ctx: makeCtx(ws, { redact: (s) => s.replaceAll('ghp_SECRET123', '***') }),
    });
    const r = await runAgent(o);
    expect(lastResults(model.requests[1]!)[0]!.content).toBe('token=***');
    expect(JSON.stringify(r.messages)).not.toContain('SECRET');
  });

  it('validates a submit tool: invalid input is an error result, valid input exits submitted', async () => {
    const plan = makeSubmitTool('submit_plan', 'Submit the plan', z.object({ steps: z.array(z.string()).min(1) }));
    const { o, model } = opts(
      [call('submit_plan', { steps: [] }), call('submit_plan', { steps: 'one' }), call('submit_plan', { steps: ['write code'] })],
      { tools: [echo, plan], submitTools: ['submit_plan'], role: 'planner' },
    );
    const r = await runAgent(o);
    expect(r.exitReason).toBe('submitted');
    expect(r.submitTool).toBe('submit_plan');
    expect(r.result).toEqual({ steps: ['write code'] });
    expect(lastResults(model.requests[1]!)[0]!.content).toContain('Too small');
    expect(lastResults(model.requests[2]!)[0]!.content).toContain('expected array');
    // The submit call is answered too, so the conversation can be resumed.
    const last = r.messages.at(-1)!;
    expect(last.role).toBe('user');
    expect(last.content).toEqual([{ type: 'tool_result', tool_use_id: 'toolu_3', content: 'Submitted.' }]);
  });

  it('reminds a model that ends its turn without submitting, then completes', async () => {
    const plan = makeSubmitTool('submit_plan', 'Submit the plan', z.object({ steps: z.array(z.string()) }));
    const { o, model } = opts([say('thinking out loud'), say('still'), say('bye')], { tools: [plan], submitTools: ['submit_plan'] });
    const r = await runAgent(o);
    expect(r.exitReason).toBe('completed');
    expect(model.requests).toHaveLength(3);
    const reminder = model.requests[1]!.messages.at(-1)!;
    expect(JSON.stringify(reminder)).toContain('call `submit_plan`');
  });

  it('exits paused when a tool asks for a pause, answering every tool_use', async () => {
    const risky: AgentTool = {
      ...echo,
      name: 'risky',
      execute: (): Promise<ToolOutcome> =>
        Promise.resolve({ content: 'Paused before running this command: destructive', pause: { reason: 'destructive', command: 'rm -rf build' } }),
    };
    const executed: string[] = [];
    const after: AgentTool = { ...echo, name: 'after', execute: () => (executed.push('after'), Promise.resolve({ content: 'ran' })) };
    const { o } = opts([calls(['echo', { text: 'a' }], ['risky', { text: '' }], ['after', { text: '' }])], { tools: [echo, risky, after] });
    const r = await runAgent(o);
    expect(r.exitReason).toBe('paused');
    expect(r.pause).toEqual({ reason: 'destructive', command: 'rm -rf build' });
    expect(executed).toEqual([]);
    const answers = r.messages.at(-1)!.content as { tool_use_id: string; content: string; is_error?: boolean }[];
    expect(answers.map((a) => a.tool_use_id)).toEqual(['toolu_1', 'toolu_2', 'toolu_3']);
    expect(answers[2]).toMatchObject({ is_error: true, content: Notices.notRun('the run is paused for approval') });
  });

  it('answers a tool_use cut off by max_tokens with a retry-smaller hint', async () => {
    const cut: ScriptStep = {
      content: [
        { type: 'text', text: 'Writing the file' },
        { type: 'tool_use', name: 'echo', input: { text: 'complete' } },
        { type: 'tool_use', name: 'echo', input: {} },
      ],
      stop_reason: 'max_tokens',
    };
    const { o, model } = opts([cut, say('ok')]);
    await runAgent(o);
    const results = lastResults(model.requests[1]!);
    expect(results[0]).toMatchObject({ content: 'echo: complete' });
    expect(results[1]).toMatchObject({ is_error: true, content: Notices.truncatedToolUse });
  });

  it('asks the model to continue after a text-only max_tokens stop', async () => {
    const { o, model } = opts([{ content: [{ type: 'text', text: 'long…' }], stop_reason: 'max_tokens' }, say('done')]);
    const r = await runAgent(o);
    expect(r.exitReason).toBe('completed');
    expect(model.requests[1]!.messages.at(-1)).toMatchObject({ role: 'user', content: [{ type: 'text', text: Notices.maxTokensText }] });
  });

  it('fails with a clear message on a refusal or a model error', async () => {
    const a = opts([{ content: [], stop_reason: 'refusal' }]);
    expect(await runAgent(a.o)).toMatchObject({ exitReason: 'failed', error: expect.stringContaining('refused') });
    const b = opts([new Error('Anthropic API request failed after 5 attempts: 529 overloaded_error: Overloaded')]);
    expect(await runAgent(b.o)).toMatchObject({ exitReason: 'failed', error: expect.stringContaining('529 overloaded_error') });
  });

  it('adds steering text to the next user turn, and a steer after end_turn continues the run', async () => {
    const queue = ['Use tabs, not spaces.', 'Also update the README.', undefined];
    const { o, model } = opts([call('echo', { text: 'x' }), say('finished'), say('README updated')], {
      steer: () => Promise.resolve(queue.shift()),
    });
    const r = await runAgent(o);
    expect(r.exitReason).toBe('completed');
    expect(r.text).toBe('README updated');
    const turn1 = model.requests[1]!.messages.at(-1)!.content as { type: string; text?: string }[];
    expect(turn1[0]!.type).toBe('tool_result');
    expect(turn1[1]!.text).toContain('Use tabs, not spaces.');
    expect(JSON.stringify(model.requests[2]!.messages.at(-1))).toContain('Also update the README.');
  });

  it('records every step through onStep with the messages it appended', async () => {
    const steps: AgentStep[] = [];
    const { o } = opts([call('echo', { text: 'a' }), call('echo', { text: 'b' }), say('done')], {
      onStep: (s) => {
        steps.push({ ...s, messages: [...s.messages] });
      },
    });
    const r = await runAgent(o);
    expect(steps.map((s) => s.turn)).toEqual([1, 2, 3]);
    expect(steps.map((s) => s.newMessages.length)).toEqual([2, 2, 1]);
    expect(steps.flatMap((s) => s.newMessages)).toEqual(r.messages.slice(1));
    expect(steps[0]).toMatchObject({ role: 'coder', modelId: 'claude-sonnet-4-5', stopReason: 'tool_use' });
  });

  it('ends failed when recording a step fails', async () => {
    const { o } = opts([call('echo', { text: 'a' }), say('x')], { onStep: () => Promise.reject(new Error('disk full')) });
    expect(await runAgent(o)).toMatchObject({ exitReason: 'failed', error: 'recording step 1 failed: disk full' });
  });

  it('rejects a submit tool name that is not a tool', async () => {
    const { o } = opts([], { submitTools: ['submit_x'] });
    await expect(runAgent(o)).rejects.toThrow('submit tool "submit_x" is not in tools');
  });
});
