/**
 * Benchmark: the search tools on a large repository (issue #12). A generated repository of
 * 100,000 files (committed, plus a few untracked) is searched with `search_code` and listed with
 * `list_files` — the tools as the agent calls them, through the sandboxed runner — and the same
 * work is done by the plain commands on the same tree without a sandbox: `rg -n PATTERN` and
 * `git ls-files --cached --others --exclude-standard` (what `list_files` lists). Target: each tool
 * ≤ 1.2× its plain command (medians of 7, tool and command run in alternation after a warm-up).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { executeToolUse } from '../../src/agent/loop.js';
import { createListFilesTool, createSearchTool, findRipgrep } from '../../src/agent/tools/search.js';
import type { ToolContext } from '../../src/agent/types.js';
import { createToolPolicy } from '../../src/policy/paths.js';
import { detectIsolation } from '../../src/sandbox/isolation.js';
import { createSandboxRunner, createUnsandboxedRunner } from '../../src/sandbox/runner.js';

const run = promisify(execFile);
const med = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;

/**
 * Median wall times of `a` and `b`, run in alternation after a warm-up of each: this machine's disk
 * and CPU load drift during a run, and alternating gives both the same conditions.
 */
async function timePair(a: () => Promise<unknown>, b: () => Promise<unknown>, n = 7): Promise<[number, number]> {
  await a();
  await b();
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < n; i++) {
    for (const [fn, out] of [[a, ta], [b, tb]] as const) {
      const t0 = performance.now();
      await fn();
      out.push(performance.now() - t0);
    }
  }
  return [med(ta), med(tb)];
}

export interface SearchBench {
  files: number;
  mode: string;
  engine: string;
  searchMs: number;
  rgMs: number;
  listMs: number;
  lsFilesMs: number;
}

/** Builds the repository (≈ 20 s for 100,000 files on 2 cores) and times tools and plain commands. */
export async function benchSearch(files = 100_000, log: (line: string) => void = console.log): Promise<SearchBench> {
  const rg = await findRipgrep();
  if (!rg) throw new Error('ripgrep (rg) is not installed: apt-get install ripgrep');
  const root = mkdtempSync(path.join(tmpdir(), 'kiro-bench-search-'));
  const ws = path.join(root, 'ws');
  try {
    for (let i = 0; i < files; i++) {
      const dir = path.join(ws, `pkg${i % 100}`, `mod${Math.floor(i / 100) % 100}`);
      if (i < 10_000) mkdirSync(dir, { recursive: true });
      // one file in 10,000 holds the needle: the search has to read everything
      writeFileSync(path.join(dir, `f${i}.ts`), `export const v${i} = ${i};\n${i % 10_000 === 7 ? 'const NEEDLE_kiro = 1;\n' : ''}export function fn${i}() { return v${i} * 2; }\n`);
    }
    const git = (...args: string[]) => run('git', ['-c', 'user.name=b', '-c', 'user.email=b@e', '-c', 'gc.auto=0', '-c', 'maintenance.auto=false', ...args], { cwd: ws, maxBuffer: 1 << 28 });
    await git('init', '-q');
    await git('add', '-A');
    await git('commit', '-qm', 'generated');
    for (let i = 0; i < 3; i++) writeFileSync(path.join(ws, `untracked${i}.ts`), 'const NEEDLE_kiro = 2;\n');
    log(`search bench: generated a repository of ${files} files (+3 untracked)`);

    const support = await detectIsolation();
    const dirs = { home: path.join(root, 'home'), tmp: path.join(root, 'tmp') };
    for (const d of Object.values(dirs)) mkdirSync(d);
    const runner = support.mode === 'none' ? createUnsandboxedRunner() : createSandboxRunner(support, { workspace: ws, ...dirs, hideDirs: [], hideFiles: [] });
    const ctx: ToolContext = {
      workspace: ws,
      env: { PATH: '/usr/bin:/bin', HOME: dirs.home },
      policy: createToolPolicy({ workspace: ws, commands: { forbiddenCommands: [], allowedCommands: [], autonomy: 'full' }, maxFileEditsPerTask: 20, requireApprovalForNewFiles: false }),
      redact: (s) => s,
      commandTimeoutMs: 120_000,
      runner,
    };
    const tools = new Map([createSearchTool(), createListFilesTool()].map((t) => [t.name, t]));
    const tool = async (name: string, input: unknown) => {
      // a fresh turn each time: no listing carried over
      const r = await executeToolUse({ name, input }, tools, { ...ctx, turnCache: {} });
      if (r.isError) throw new Error(`${name}: ${r.content}`);
      return r.content;
    };
    const found = await tool('search_code', { pattern: 'NEEDLE_kiro' });
    if (found.split('\n').length !== Math.floor((files - 8) / 10_000) + 1 + 3) throw new Error(`search_code found ${found.split('\n').length} lines: ${found.slice(0, 300)}`);
    const [searchMs, rgMs] = await timePair(
      () => tool('search_code', { pattern: 'NEEDLE_kiro' }),
      () => run(rg, ['-n', 'NEEDLE_kiro', '.'], { cwd: ws, maxBuffer: 1 << 26 }),
    );
    log(`search bench: search_code ${searchMs.toFixed(0)} ms, plain rg ${rgMs.toFixed(0)} ms (${(searchMs / rgMs).toFixed(2)}×)`);
    const [listMs, lsFilesMs] = await timePair(
      () => tool('list_files', { glob: 'pkg7/**', max_results: 50 }),
      () => run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ws, maxBuffer: 1 << 28 }),
    );
    log(`search bench: list_files ${listMs.toFixed(0)} ms, plain git ls-files ${lsFilesMs.toFixed(0)} ms (${(listMs / lsFilesMs).toFixed(2)}×)`);
    return { files, mode: runner.mode, engine: 'ripgrep', searchMs, rgMs, listMs, lsFilesMs };
  } finally {
    rmSync(root, { recursive: true, force: true, maxRetries: 5 });
  }
}
