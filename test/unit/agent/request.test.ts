import { describe, expect, it } from 'vitest';
import { accountCache, createCacheState } from '../../rig/cache-accounting.js';
import { buildRequest, countBreakpoints, LOOKBACK_MARGIN_BLOCKS } from '../../../src/agent/request.js';
import { createBashTool } from '../../../src/agent/tools/bash.js';
import { createEditorTool } from '../../../src/agent/tools/editor.js';
import { createListFilesTool, createSearchTool } from '../../../src/agent/tools/search.js';
import type { ContentBlockParam, MessageParam, ModelRequest, TextBlockParam } from '../../../src/agent/types.js';

const tools = [createBashTool(), createEditorTool(), createSearchTool(), createListFilesTool()];
const system: TextBlockParam[] = [
  { type: 'text', text: `You are the coder sub-agent. ${'Follow the plan carefully. '.repeat(200)}` },
  { type: 'text', text: `Steering: ${'Use strict TypeScript. '.repeat(100)}` },
  { type: 'text', text: `Learnings: ${'Prefer small functions. '.repeat(50)}` },
];

/** Where the breakpoints are: "system:i", "tool:i", "msg:i:j". */
function breakpoints(req: ModelRequest): string[] {
  const out: string[] = [];
  req.tools?.forEach((t, i) => 'cache_control' in t && t.cache_control && out.push(`tool:${i}`));
  if (Array.isArray(req.system)) req.system.forEach((b, i) => b.cache_control && out.push(`system:${i}`));
  req.messages.forEach((m, i) => {
    if (typeof m.content !== 'string') m.content.forEach((b, j) => 'cache_control' in b && b.cache_control && out.push(`msg:${i}:${j}`));
  });
  return out;
}

/** A conversation of `turns` tool round trips; `wide` turns call `width` tools at once. */
function conversation(turns: number, width = (_t: number) => 1): MessageParam[] {
  const msgs: MessageParam[] = [{ role: 'user', content: 'Implement the feature described in the issue.' }];
  let id = 0;
  for (let t = 0; t < turns; t++) {
    const uses: ContentBlockParam[] = [{ type: 'text', text: `Step ${t}: looking at things.` }];
    const results: ContentBlockParam[] = [];
    for (let k = 0; k < width(t); k++) {
      const tid = `toolu_${++id}`;
      uses.push({ type: 'tool_use', id: tid, name: 'bash', input: { command: `cat src/file${t}_${k}.ts` } });
      results.push({ type: 'tool_result', tool_use_id: tid, content: `export const v${t}_${k} = ${'1 + '.repeat(60)}1;\n` });
    }
    msgs.push({ role: 'assistant', content: uses }, { role: 'user', content: results });
  }
  return msgs;
}

describe('buildRequest cache layout', () => {
  it('puts one breakpoint on the last system block and one on the conversation tail, over 30 turns', () => {
    for (let turns = 0; turns <= 30; turns++) {
      const messages = conversation(turns);
      const req = buildRequest({ modelId: 'claude-sonnet-4-5', system, tools, messages });
      const last = req.messages.length - 1;
      const tail = req.messages[last]!.content;
      const lastBlock = typeof tail === 'string' ? 0 : tail.length - 1;
      expect(breakpoints(req)).toEqual(['system:2', `msg:${last}:${lastBlock}`]);
      expect(countBreakpoints(req)).toBeLessThanOrEqual(4);
      expect(req.tools!.map((t) => (t as { name: string }).name)).toEqual(['bash', 'str_replace_based_edit_tool', 'search_code', 'list_files']);
    }
  });

  it('keeps the previous tail breakpoint when the newest turn is wider than the lookback margin', () => {
    const width = Math.ceil(LOOKBACK_MARGIN_BLOCKS / 2);
    const messages = conversation(3, (t) => (t === 2 ? width : 1));
    const req = buildRequest({ modelId: 'claude-sonnet-4-5', system, tools, messages });
    expect(breakpoints(req)).toEqual(['system:2', 'msg:4:0', `msg:6:${width - 1}`]);
    expect(countBreakpoints(req)).toBe(3);
  });

  it('strips breakpoints from the input and never mutates it', () => {
    const messages = conversation(4).map((m) =>
      typeof m.content === 'string'
        ? m
        : ({ ...m, content: m.content.map((b) => ({ ...b, cache_control: { type: 'ephemeral' } })) } as MessageParam),
    );
    const sys = system.map((b) => ({ ...b, cache_control: { type: 'ephemeral' as const } }));
    const before = JSON.stringify({ messages, sys });
    const req = buildRequest({ modelId: 'm', system: sys, tools, messages });
    expect(breakpoints(req)).toEqual(['system:2', 'msg:8:0']);
    expect(JSON.stringify({ messages, sys })).toBe(before);
  });

  it('caches the tools when there is no system prompt, and a string tail becomes a text block', () => {
    const req = buildRequest({ modelId: 'm', system: [], tools, messages: [{ role: 'user', content: 'hi' }] });
    expect(breakpoints(req)).toEqual(['tool:3', 'msg:0:0']);
    expect(req.messages[0]!.content).toEqual([{ type: 'text', text: 'hi', cache_control: { type: 'ephemeral' } }]);
    expect(req.system).toBeUndefined();
  });

  it('reads at least 80% of input tokens from the cache over a 30-step task (cache accounting)', () => {
    const state = createCacheState();
    let read = 0;
    let all = 0;
    const full = conversation(30, (t) => (t % 7 === 3 ? 12 : 1));
    for (let step = 0; step <= 30; step++) {
      const req = buildRequest({ modelId: 'claude-sonnet-4-5', system, tools, messages: full.slice(0, 1 + 2 * step) });
      const u = accountCache(state, req as never, { now: 1_000_000 + step * 5000 });
      read += u.cache_read_input_tokens;
      all += u.input_tokens + u.cache_read_input_tokens + u.cache_creation_input_tokens;
    }
    expect(read / all).toBeGreaterThanOrEqual(0.8);
  });
});
