import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { execGit } from '../../../../src/git/exec.js';
import { executeToolUse } from '../../../../src/agent/loop.js';
import { createListFilesTool, createSearchTool, findRipgrep } from '../../../../src/agent/tools/search.js';
import type { ToolContext } from '../../../../src/agent/types.js';
import { makeCtx, tempDir } from '../helpers.js';

const list = createListFilesTool();
const engines = { ripgrep: createSearchTool(), 'git grep': createSearchTool({ ripgrep: false }) };
let tools = new Map([
  [engines.ripgrep.name, engines.ripgrep],
  [list.name, list],
]);
const run = (name: string, input: Record<string, unknown>, c: ToolContext) => executeToolUse({ name, input }, tools, c);

beforeAll(async () => {
  if (!(await findRipgrep()) && process.env.CI === 'true') throw new Error('CI must test the ripgrep engine: install ripgrep');
});

function populate(ws: string): void {
  mkdirSync(join(ws, 'src/util'), { recursive: true });
  mkdirSync(join(ws, 'node_modules/dep'), { recursive: true });
  writeFileSync(join(ws, 'src/index.ts'), 'import { helper } from "./util/helper.js";\nexport const main = () => helper();\n');
  writeFileSync(join(ws, 'src/util/helper.ts'), 'export function helper() {\n  return "Helper";\n}\n');
  writeFileSync(join(ws, 'README.md'), '# Demo\nCall helper() from main.\n');
  writeFileSync(join(ws, 'node_modules/dep/index.js'), 'function helper() {}\n');
  writeFileSync(join(ws, 'logo.bin'), Buffer.from([0, 1, 2, 104, 101, 108, 112, 101, 114]));
  writeFileSync(join(ws, '.gitignore'), 'node_modules/\n');
}

describe.each(Object.keys(engines) as Array<keyof typeof engines>)('search_code (%s) and list_files on a git repository', (engine) => {
  let ctx: ToolContext;
  beforeAll(async () => {
    tools = new Map([
      [engines[engine].name, engines[engine]],
      [list.name, list],
    ]);
    const ws = tempDir();
    populate(ws);
    await execGit(['init', '-q'], { cwd: ws });
    await execGit(['add', 'src/index.ts', '.gitignore'], { cwd: ws });
    await execGit(['-c', 'user.name=t', '-c', 'user.email=t@e', 'commit', '-qm', 'init'], { cwd: ws });
    // src/util/helper.ts and README.md stay untracked: they must still be found.
    ctx = makeCtx(ws);
  });

  it('greps tracked and untracked files, skipping ignored and binary ones', async () => {
    const r = await run('search_code', { pattern: 'helper\\(\\)' }, ctx);
    expect(r.content.split('\n').sort()).toEqual([
      'README.md:2:Call helper() from main.',
      'src/index.ts:2:export const main = () => helper();',
      'src/util/helper.ts:1:export function helper() {',
    ]);
  });

  it('filters by path_glob, supports fixed strings and ignore_case', async () => {
    expect((await run('search_code', { pattern: 'helper', path_glob: 'src/util/' }, ctx)).content).toBe('src/util/helper.ts:1:export function helper() {');
    expect((await run('search_code', { pattern: '"helper"', fixed_strings: true, ignore_case: true }, ctx)).content).toBe('src/util/helper.ts:2:  return "Helper";');
    expect((await run('search_code', { pattern: 'helper', path_glob: '*.md' }, ctx)).content).toBe('README.md:2:Call helper() from main.');
  });

  it('stops at max_results and says there are more', async () => {
    const r = await run('search_code', { pattern: 'e', max_results: 2 }, ctx);
    expect(r.content).toMatch(/^\S+:\d+:.*\n\S+:\d+:.*\n\[showing the first 2 matching lines \(in \d+ files\); there are more — narrow the pattern or path_glob/);
  });

  it('reports no match and a bad regex clearly', async () => {
    expect(await run('search_code', { pattern: 'zzz_nothing' }, ctx)).toEqual({ content: 'No matches for "zzz_nothing".' });
    const bad = await run('search_code', { pattern: '(unclosed' }, ctx);
    expect(bad.isError).toBe(true);
    expect(bad.content).toContain('fixed_strings: true');
  });

  it('lists files, tracked and untracked, filtered by a glob', async () => {
    expect((await run('list_files', {}, ctx)).content).toBe(['.gitignore', 'README.md', 'logo.bin', 'src/index.ts', 'src/util/helper.ts'].join('\n'));
    expect((await run('list_files', { glob: '*.ts' }, ctx)).content).toBe('src/index.ts\nsrc/util/helper.ts');
    expect((await run('list_files', { glob: 'src/**', max_results: 1 }, ctx)).content).toBe(
      'src/index.ts\n[showing 1 of 2 files matching src/**; narrow the glob or raise max_results]',
    );
    expect((await run('list_files', { glob: '*.py' }, ctx)).content).toBe('No files matching *.py.');
  });
});

describe.each(Object.keys(engines) as Array<keyof typeof engines>)('outside a git repository (%s)', (engine) => {
  it('falls back to a search without git and a directory walk, skipping node_modules', async () => {
    tools = new Map([
      [engines[engine].name, engines[engine]],
      [list.name, list],
    ]);
    const ws = tempDir();
    populate(ws);
    const ctx = makeCtx(ws);
    const r = await run('search_code', { pattern: 'function helper' }, ctx);
    expect(r.content).toBe('src/util/helper.ts:1:export function helper() {');
    const files = await run('list_files', { glob: '**/*.{ts,js}' }, ctx);
    expect(files.content).toBe('src/index.ts\nsrc/util/helper.ts');
  });
});
