import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { executeToolUse } from '../../../../src/agent/loop.js';
import { createBashTool } from '../../../../src/agent/tools/bash.js';
import type { AgentTool, ToolContext } from '../../../../src/agent/types.js';
import { allowAllPolicy, makeCtx, tempDir } from '../helpers.js';

let ws: string;
let ctx: ToolContext;
let tool: AgentTool;
const run = (input: Record<string, unknown>, c: ToolContext = ctx) => executeToolUse({ name: 'bash', input }, new Map([['bash', tool]]), c);

beforeEach(() => {
  ws = tempDir();
  ctx = makeCtx(ws);
  tool = createBashTool();
});

describe('bash tool', () => {
  it('is the bash_20250124 client tool', () => {
    expect(tool.definition).toEqual({ type: 'bash_20250124', name: 'bash' });
  });

  it('runs in the workspace with exactly ctx.env, stdin closed, stdout+stderr combined, exit code shown', async () => {
    process.env['KIRO_TEST_LEAK'] = 'from-process-env';
    try {
      const r = await run({ command: 'pwd; echo "leak=${KIRO_TEST_LEAK:-none} lang=$LANG"; echo oops >&2; read x || echo stdin-closed; exit 3' });
      expect(r.content).toBe(`${ws}\nleak=none lang=C.UTF-8\noops\nstdin-closed\n[exit code: 3]`);
      expect(r.isError).toBeUndefined();
    } finally {
      delete process.env['KIRO_TEST_LEAK'];
    }
  });

  it('keeps the working directory (inside the workspace) and exported variables between calls', async () => {
    mkdirSync(join(ws, 'pkg'));
    await run({ command: 'cd pkg && export GREETING=hello' });
    expect((await run({ command: 'pwd; echo $GREETING' })).content).toBe(`${join(ws, 'pkg')}\nhello\n[exit code: 0]`);
    const out = await run({ command: 'cd /' });
    expect(out.content).toContain('outside the workspace');
    expect((await run({ command: 'pwd' })).content).toBe(`${ws}\n[exit code: 0]`);
    await run({ command: 'cd pkg' });
    expect((await run({ restart: true })).content).toContain('bash restarted');
    expect((await run({ command: 'pwd; echo "[$GREETING]"' })).content).toBe(`${ws}\n[]\n[exit code: 0]`);
  });

  it('kills the whole process group on timeout and says how to avoid it', async () => {
    const c = makeCtx(ws, { commandTimeoutMs: 300 });
    const started = Date.now();
    const r = await run({ command: `echo started; (sleep 30; touch ${ws}/late) & sleep 30` }, c);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(r.isError).toBe(true);
    expect(r.content).toContain('started');
    expect(r.content).toContain('[timed out after 0.3 s; the command and everything it started were killed]');
    expect(r.content).toContain('in the background');
    await new Promise((res) => setTimeout(res, 200));
    expect(existsSync(join(ws, 'late'))).toBe(false);
  });

  it('returns once the command exits even if a background job keeps the pipe open', async () => {
    const started = Date.now();
    const r = await run({ command: 'sleep 20 & echo bg' });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(r.content).toBe('bg\n[exit code: 0]');
  });

  it('truncates long output keeping head and tail, with a hint', async () => {
    const r = await run({ command: 'seq 1 100000' });
    expect(r.content.startsWith('1\n2\n')).toBe(true);
    expect(r.content).toContain('100000\n[exit code: 0]');
    expect(r.content).toMatch(/\[… \d+ lines \(\d+ characters\) omitted: lines \d+–\d+ of 100000\. To read them, re-run the command narrowed/);
  });

  it('refuses a denied command and pauses on a pause decision, without running it', async () => {
    const policy = allowAllPolicy(ws);
    policy.checkCommand = (c: string) =>
      c.includes('git push') ? { action: 'deny', reason: 'the action pushes, not the agent' } : { action: 'pause', reason: 'destructive' };
    const c = makeCtx(ws, { policy });
    expect(await run({ command: 'git push origin HEAD' }, c)).toMatchObject({
      isError: true,
      content: expect.stringContaining('Command refused by policy: the action pushes, not the agent'),
    });
    writeFileSync(join(ws, 'keep'), '');
    const p = await run({ command: `rm ${ws}/keep` }, c);
    expect(p.pause).toEqual({ reason: 'destructive', command: `rm ${ws}/keep` });
    expect(existsSync(join(ws, 'keep'))).toBe(true);
  });

  it('asks for a command when given none', async () => {
    expect(await run({})).toMatchObject({ isError: true });
  });
});
