import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { executeToolUse } from '../../../../src/agent/loop.js';
import { createEditorTool } from '../../../../src/agent/tools/editor.js';
import type { AgentTool, ToolContext, ToolPolicy } from '../../../../src/agent/types.js';
import { allowAllPolicy, makeCtx, tempDir } from '../helpers.js';

let ws: string;
let ctx: ToolContext;
let policy: ReturnType<typeof allowAllPolicy>;
const tool: AgentTool = createEditorTool();
const tools = new Map([[tool.name, tool]]);
const run = (input: Record<string, unknown>, c: ToolContext = ctx) => executeToolUse({ name: tool.name, input }, tools, c);

beforeEach(() => {
  ws = tempDir();
  policy = allowAllPolicy(ws);
  ctx = makeCtx(ws, { policy });
  writeFileSync(join(ws, 'a.ts'), 'const a = 1;\nconst b = 2;\nconst a2 = 1;\n');
});

describe('str_replace_based_edit_tool', () => {
  it('is the text_editor_20250728 client tool', () => {
    expect(tool.definition).toEqual({ type: 'text_editor_20250728', name: 'str_replace_based_edit_tool' });
    expect(createEditorTool({ maxCharacters: 5000 }).definition).toMatchObject({ max_characters: 5000 });
  });

  it('views a file with line numbers and a view_range', async () => {
    const all = await run({ command: 'view', path: 'a.ts' });
    expect(all.content).toBe('     1\tconst a = 1;\n     2\tconst b = 2;\n     3\tconst a2 = 1;');
    const part = await run({ command: 'view', path: join(ws, 'a.ts'), view_range: [2, -1] });
    expect(part.content).toBe('     2\tconst b = 2;\n     3\tconst a2 = 1;');
    const bad = await run({ command: 'view', path: 'a.ts', view_range: [9, 10] });
    expect(bad).toMatchObject({ isError: true, content: expect.stringContaining('has 3 lines') });
  });

  it('truncates a long view and says which view_range reads the rest', async () => {
    writeFileSync(join(ws, 'big.txt'), Array.from({ length: 3000 }, (_, i) => `line ${i + 1}`).join('\n'));
    const r = await run({ command: 'view', path: 'big.txt' });
    expect(r.content).toContain('     1\tline 1');
    expect(r.content).toContain('  3000\tline 3000');
    expect(r.content).toMatch(/omitted: lines (\d+)–(\d+) of 3000\. Use view_range \[\1, \d+\] to read them/);
  });

  it('lists a directory two levels deep, skipping .git and node_modules', async () => {
    mkdirSync(join(ws, 'src/deep/deeper'), { recursive: true });
    mkdirSync(join(ws, 'node_modules/x'), { recursive: true });
    mkdirSync(join(ws, '.git'), { recursive: true });
    writeFileSync(join(ws, 'src/deep/deeper/z.ts'), '');
    writeFileSync(join(ws, 'src/index.ts'), '');
    const r = await run({ command: 'view', path: '.' });
    expect(r.content.split('\n').slice(1)).toEqual(['a.ts', 'src/', 'src/deep/', 'src/index.ts']);
  });

  it('creates a file in a nested directory through checkEdit, and refuses to overwrite', async () => {
    const r = await run({ command: 'create', path: 'src/new/mod.ts', file_text: 'export {};\n' });
    expect(r).toEqual({ content: 'Created src/new/mod.ts (1 line).' });
    expect(readFileSync(join(ws, 'src/new/mod.ts'), 'utf8')).toBe('export {};\n');
    expect(policy.edits).toEqual([[join(ws, 'src/new/mod.ts'), true]]);
    const again = await run({ command: 'create', path: 'src/new/mod.ts', file_text: 'x' });
    expect(again).toMatchObject({ isError: true, content: expect.stringContaining('already exists') });
  });

  it('str_replace: exactly one match edits and shows the result', async () => {
    const r = await run({ command: 'str_replace', path: 'a.ts', old_str: 'const b = 2;', new_str: 'const b = 3;' });
    expect(r.isError).toBeUndefined();
    expect(r.content).toContain('     2\tconst b = 3;');
    expect(readFileSync(join(ws, 'a.ts'), 'utf8')).toBe('const a = 1;\nconst b = 3;\nconst a2 = 1;\n');
    expect(policy.edits).toEqual([[join(ws, 'a.ts'), false]]);
  });

  it('str_replace: two matches is an error naming the count and the lines', async () => {
    const r = await run({ command: 'str_replace', path: 'a.ts', old_str: ' = 1;', new_str: ' = 9;' });
    expect(r).toEqual({
      isError: true,
      content: 'old_str matches 2 times in a.ts (at lines 1, 3). Add surrounding lines to old_str so it matches exactly once.',
    });
    expect(readFileSync(join(ws, 'a.ts'), 'utf8')).toContain('const a = 1;');
  });

  it('str_replace: no match is an error that points at the likely line', async () => {
    const r = await run({ command: 'str_replace', path: 'a.ts', old_str: '    const b = 2;\n  const x', new_str: '' });
    expect(r.isError).toBe(true);
    expect(r.content).toContain('No match for old_str in a.ts');
    expect(r.content).toContain('appears (ignoring indentation) at line 2');
  });

  it('str_replace keeps CRLF line endings', async () => {
    writeFileSync(join(ws, 'w.txt'), 'one\r\ntwo\r\n');
    await run({ command: 'str_replace', path: 'w.txt', old_str: 'two', new_str: 'three' });
    expect(readFileSync(join(ws, 'w.txt'), 'utf8')).toBe('one\r\nthree\r\n');
  });

  it('insert: after a line, at the top, and out of range', async () => {
    await run({ command: 'insert', path: 'a.ts', insert_line: 1, insert_text: '// after one\n' });
    await run({ command: 'insert', path: 'a.ts', insert_line: 0, new_str: '// top' });
    expect(readFileSync(join(ws, 'a.ts'), 'utf8')).toBe('// top\nconst a = 1;\n// after one\nconst b = 2;\nconst a2 = 1;\n');
    const bad = await run({ command: 'insert', path: 'a.ts', insert_line: 99, insert_text: 'x' });
    expect(bad).toMatchObject({ isError: true, content: expect.stringContaining('use 0 (top) to 5 (end)') });
  });

  it('missing files, bad input and undo_edit are error results', async () => {
    expect(await run({ command: 'view', path: 'nope.ts' })).toMatchObject({ isError: true, content: expect.stringContaining('does not exist') });
    expect(await run({ command: 'delete', path: 'a.ts' })).toMatchObject({ isError: true, content: expect.stringContaining('Invalid input') });
    expect(await run({ command: 'undo_edit', path: 'a.ts' })).toMatchObject({ isError: true });
    expect(await run({ command: 'create', path: 'x.ts' })).toMatchObject({ isError: true, content: expect.stringContaining('file_text') });
  });

  it('honours the policy: denied paths, denied and paused edits', async () => {
    const strict: ToolPolicy = {
      checkCommand: () => ({ action: 'allow' }),
      checkPath: (p, op) => (p.includes('.github') ? { action: 'deny', reason: 'workflows are off limits' } : { action: 'allow', resolved: join(ws, p) }),
      checkEdit: (_r, creating) => (creating ? { action: 'pause', reason: 'new files need approval' } : { action: 'deny', reason: 'edit budget spent' }),
    };
    const c = makeCtx(ws, { policy: strict });
    expect(await run({ command: 'view', path: '.github/workflows/ci.yml' }, c)).toEqual({
      isError: true,
      content: 'reading .github/workflows/ci.yml refused by policy: workflows are off limits',
    });
    const paused = await run({ command: 'create', path: 'new.ts', file_text: 'x' }, c);
    expect(paused.pause).toEqual({ reason: 'new files need approval', path: 'new.ts' });
    expect(existsSync(join(ws, 'new.ts'))).toBe(false);
    const denied = await run({ command: 'str_replace', path: 'a.ts', old_str: 'const b', new_str: 'let b' }, c);
    expect(denied).toMatchObject({ isError: true, content: expect.stringContaining('edit budget spent') });
  });
});
