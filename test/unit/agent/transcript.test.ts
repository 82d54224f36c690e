import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAgent } from '../../../src/agent/loop.js';
import { createTranscriptWriter, readTranscript, transcriptMessages } from '../../../src/agent/transcript.js';
import type { AgentTool } from '../../../src/agent/types.js';
import { call, farLimits, makeCtx, newSpend, say, scriptedModel, tempDir } from './helpers.js';

const leak: AgentTool = {
  name: 'env',
  definition: { name: 'env', input_schema: { type: 'object' } },
  execute: () => Promise.resolve({ content: 'TOKEN=ghs_abc123' }),
};

describe('transcript', () => {
  it('records each step as one redacted JSONL line and rebuilds the conversation', async () => {
    const dir = tempDir();
    const path = join(dir, 'nested/transcript.jsonl');
    const redact = (s: string) => s.replaceAll('ghs_abc123', '***');
    const writer = createTranscriptWriter(path, redact);
    const model = scriptedModel([call('env', {}), say('saw ghs_abc123 in the output')]);
    const r = await runAgent({
      model,
      modelId: 'claude-sonnet-4-5',
      role: 'coder',
      system: [{ type: 'text', text: 's' }],
      tools: [leak],
      messages: [{ role: 'user', content: 'go' }],
      limits: farLimits(),
      spend: newSpend(),
      ctx: makeCtx(dir),
      onStep: writer.record,
    });
    const entries = await readTranscript(path);
    expect(entries.map((e) => [e.role, e.turn, e.run, e.stopReason])).toEqual([
      ['coder', 1, 1, 'tool_use'],
      ['coder', 2, 1, 'end_turn'],
    ]);
    expect(JSON.stringify(entries)).not.toContain('ghs_abc123');
    expect(transcriptMessages(entries, 'coder')).toHaveLength(r.messages.length - 1);
    expect(entries[1]!.messages[0]).toEqual({ role: 'assistant', content: [{ type: 'text', text: 'saw *** in the output' }] });
  });

  it('skips a torn last line, rejects a corrupt middle line, and reads a missing file as empty', async () => {
    const dir = tempDir();
    const path = join(dir, 't.jsonl');
    expect(await readTranscript(path)).toEqual([]);
    appendFileSync(path, '{"v":1,"role":"coder","turn":1,"run":1,"messages":[]}\n{"v":1,"ro');
    expect(await readTranscript(path)).toHaveLength(1);
    appendFileSync(path, '\n{"v":1,"role":"coder","turn":2,"run":1,"messages":[]}\n');
    await expect(readTranscript(path)).rejects.toThrow('t.jsonl:2: not a JSON transcript line');
  });
});
