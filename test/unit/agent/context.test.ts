/**
 * Context management (src/agent/context.ts): clearing keeps every tool_use/tool_result pair and
 * the first message, compaction keeps the task and the note, the meter calibrates from usage.
 */
import { describe, expect, it } from 'vitest';
import { CLEARED_RESULT, clearOldToolResults, compactConversation, contextPolicy, ContextMeter, isPromptTooLong } from '../../../src/agent/context.js';
import type { MessageParam } from '../../../src/agent/types.js';

const big = (s: string) => `${s} ${'x'.repeat(400)}`;
function conversation(results: number): MessageParam[] {
  const m: MessageParam[] = [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 'never-cleared', content: big('task') }, { type: 'text', text: 'the task' }] }];
  for (let i = 0; i < results; i++) {
    m.push({ role: 'assistant', content: [{ type: 'tool_use', id: `t${i}`, name: 'bash', input: { command: `cat ${i}` } }] });
    m.push({ role: 'user', content: [{ type: 'tool_result', tool_use_id: `t${i}`, content: big(`result ${i}`) }] });
  }
  return m;
}

describe('clearOldToolResults', () => {
  it('clears all but the newest results, keeps ids, pairs and the first message', () => {
    const before = conversation(5);
    const { messages, cleared } = clearOldToolResults(before, 2);
    expect(cleared).toBe(3);
    expect(messages).toHaveLength(before.length);
    expect(messages[0]).toBe(before[0]);
    const results = messages.slice(1).flatMap((m) => (typeof m.content === 'string' ? [] : m.content.filter((b) => b.type === 'tool_result')));
    expect(results.map((r) => (r as { tool_use_id: string }).tool_use_id)).toEqual(['t0', 't1', 't2', 't3', 't4']);
    expect(results.map((r) => (r as { content: string }).content === CLEARED_RESULT)).toEqual([true, true, true, false, false]);
    // pure: the input is unchanged
    expect(JSON.stringify(before)).not.toContain(CLEARED_RESULT);
  });

  it('keeps short results (nothing to gain)', () => {
    const m: MessageParam[] = [{ role: 'user', content: 'task' }, { role: 'assistant', content: [{ type: 'tool_use', id: 'a', name: 'bash', input: {} }] }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'a', content: 'ok' }] }];
    expect(clearOldToolResults(m, 0).cleared).toBe(0);
  });
});

describe('compactConversation', () => {
  it('restarts from the first user message plus the note, with no tool results left', () => {
    const out = compactConversation(conversation(3), 'Done: A. Next: B.');
    expect(out).toHaveLength(1);
    expect(JSON.stringify(out)).toContain('the task');
    expect(JSON.stringify(out)).toContain('Next: B.');
    expect(JSON.stringify(out)).not.toContain('tool_result');
  });
});

describe('ContextMeter', () => {
  it('calibrates tokens per character from usage and names the stage', () => {
    const meter = new ContextMeter(contextPolicy(10_000));
    const req = { model: 'm', max_tokens: 1000, messages: conversation(1) };
    const chars = JSON.stringify(['', [], req.messages]).length;
    meter.observe(req, { input_tokens: chars / 2, output_tokens: 1, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 });
    expect(meter.estimate(req)).toBe(Math.ceil(chars / 2));
    expect(meter.stage({ ...req, messages: conversation(1) })).toBeUndefined();
    expect(meter.stage({ ...req, messages: conversation(40) })).toBe('compact');
  });

  it('recognises the API answer for an oversized prompt', () => {
    expect(isPromptTooLong(new Error('400 {"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 210000 tokens > 200000 maximum"}}'))).toBe(true);
    expect(isPromptTooLong(new Error('overloaded'))).toBe(false);
  });
});
