/**
 * Fast code search for large repositories: `search_code` and `list_files`.
 *
 * - `search_code` uses ripgrep when the runner has it (found at run time in the system
 *   directories; `rg` walks and greps in one pass, .gitignore respected, hidden files included,
 *   binary files skipped), else `git grep` (tracked files; `--untracked` only when the workspace
 *   has untracked files, which the turn's file listing already knows). Either way the search stops
 *   reading once it has `max_results` lines: the command is stopped, not read to the end.
 * - `list_files` lists tracked files from the index and untracked ones from one work-tree walk
 *   (`git ls-files`), filtered with a glob; the listing is cached for the rest of the turn (until a
 *   tool that can change files runs; the loop clears `ToolContext.turnCache`).
 *
 * Outside a git repository they fall back to `git grep --no-index` and a directory walk. Every
 * command runs on the model's side of the boundary: in the sandbox, on the workspace's own `.git`
 * (src/git/workspace.ts), its output taken as data.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import picomatch from 'picomatch';
import { z } from 'zod';
import { workspaceGit } from '../../git/workspace.js';
import { systemTool } from '../../sandbox/isolation.js';
import type { AgentTool, ToolContext, ToolOutcome } from '../types.js';
import { defineTool } from './schema.js';
import { truncateOutput } from './truncate.js';

const MAX_LINE_CHARS = 300;
const WALK_LIMIT = 50_000;

const SearchInput = z.object({
  pattern: z.string().min(1).describe('Extended regular expression (git grep -E), or literal text with fixed_strings'),
  path_glob: z
    .string()
    .optional()
    .describe('Only search paths matching this glob, e.g. "src/**/*.ts", "*.md" (any directory) or "test/"'),
  fixed_strings: z.boolean().optional().describe('Treat pattern as literal text'),
  ignore_case: z.boolean().optional(),
  max_results: z.number().int().min(1).max(1000).optional().describe('Most matching lines to return (default 100)'),
});

const ListInput = z.object({
  glob: z.string().optional().describe('Only list paths matching this glob, e.g. "src/**/*.ts" or "*.json" (any directory)'),
  max_results: z.number().int().min(1).max(5000).optional().describe('Most paths to return (default 500)'),
});

/** `*.ts` → `**\/*.ts`; `src/` → `src/**`: what a model usually means by a short glob. */
function widenGlob(glob: string): string {
  let g = glob.trim().replace(/^\.\//, '');
  if (g.endsWith('/')) g += '**';
  if (!g.includes('/')) g = `**/${g}`;
  return g;
}

const git = (ctx: ToolContext, args: string[], opts: { stopAfterLines?: number } = {}) => workspaceGit({ runner: ctx.runner, workspace: ctx.workspace, env: ctx.env, timeoutMs: ctx.commandTimeoutMs }, args, [], opts);

let ripgrep: Promise<string | undefined> | undefined;
/** ripgrep's absolute path when the runner has it (looked up once per process; never the job's PATH). */
export function findRipgrep(): Promise<string | undefined> {
  ripgrep ??= systemTool('rg');
  return ripgrep;
}

/** The workspace's files as `git ls-files` sees them, or `notRepo`/`error`. */
interface Listing {
  tracked: string[];
  untracked: string[];
  notRepo?: boolean;
  error?: string;
}

/**
 * Tracked files (from the index: no walk) and untracked ones (one walk, .gitignore respected),
 * cached in `ctx.turnCache` for the rest of the turn.
 */
function listing(ctx: ToolContext): Promise<Listing> {
  const cache = ctx.turnCache;
  if (cache?.files) return cache.files as Promise<Listing>;
  const p = (async (): Promise<Listing> => {
    const [tracked, others] = await Promise.all([git(ctx, ['ls-files', '-z', '--cached']), git(ctx, ['ls-files', '-z', '--others', '--exclude-standard'])]);
    if (tracked.code !== 0) return isNotRepo(tracked.stderr) ? { tracked: [], untracked: [], notRepo: true } : { tracked: [], untracked: [], error: tracked.stderr.trim() };
    const split = (out: string) => out.split('\0').filter((f) => f !== '');
    return { tracked: split(tracked.stdout), untracked: others.code === 0 ? split(others.stdout) : [] };
  })();
  if (cache) cache.files = p;
  return p;
}

function isNotRepo(stderr: string): boolean {
  return /not a git repository/i.test(stderr);
}

/**
 * Builds the `search_code` tool.
 * @param opts.ripgrep the `rg` binary to use, or `false` for `git grep`; default: ripgrep when the runner has it
 */
export function createSearchTool(opts: { ripgrep?: string | false } = {}): AgentTool {
  const description =
    'Search file contents in the workspace (ripgrep or git grep: tracked and untracked files, ' +
    '.gitignore respected, binary files skipped). Returns "path:line:text" lines. Faster and more ' +
    'precise than grep -r through bash on large repositories.';
  return defineTool('search_code', description, SearchInput, async (input, ctx): Promise<ToolOutcome> => {
    const max = input.max_results ?? 100;
    // one line more than shown: it tells whether there are more matches
    const stopAfterLines = max + 1;
    const rg = opts.ripgrep === undefined ? await findRipgrep() : opts.ripgrep || undefined;
    let r: { code: number; stdout: string; stderr: string; stopped?: boolean };
    if (rg) {
      // .gitignore applies outside a git repository too, as with git grep's fallback
      const args = ['-n', '--no-heading', '--color', 'never', '--hidden', '--no-require-git', '-g', '!.git'];
      if (input.ignore_case) args.push('-i');
      if (input.fixed_strings) args.push('-F');
      if (input.path_glob) args.push('-g', widenGlob(input.path_glob));
      args.push('-e', input.pattern);
      const run = await ctx.runner.run({ argv: [rg, ...args, '--', '.'], cwd: ctx.workspace, env: ctx.env, timeoutMs: ctx.commandTimeoutMs, separateStderr: true, stopAfterLines });
      r = run.spawnError ? { code: 127, stdout: '', stderr: run.spawnError } : { code: run.stopped ? 0 : (run.code ?? 1), stdout: run.output.replace(/^\.\//gm, ''), stderr: run.stderr, ...(run.stopped ? { stopped: true } : {}) };
    } else {
      const flags = ['-n', '-I', '--no-color', input.fixed_strings ? '-F' : '-E'];
      if (input.ignore_case) flags.push('-i');
      const spec = input.path_glob ? [`:(glob)${widenGlob(input.path_glob)}`] : [];
      const files = await listing(ctx);
      if (files.notRepo) {
        r = await git(ctx, ['grep', '--no-index', ...flags, '-e', input.pattern, '--', ...(spec.length ? spec : ['.']), ':(exclude,glob)**/node_modules/**'], { stopAfterLines });
      } else {
        // `--untracked` walks the whole work tree: only when there is something untracked to search
        r = await git(ctx, ['grep', ...(files.untracked.length ? ['--untracked'] : []), ...flags, '-e', input.pattern, '--', ...spec], { stopAfterLines });
      }
    }
    const scope = input.path_glob ? ` in ${input.path_glob}` : '';
    if (r.code === 1 && r.stderr.trim() === '') {
      return { content: `No matches for ${JSON.stringify(input.pattern)}${scope}.` };
    }
    if (r.code !== 0) {
      return {
        content:
          `search failed: ${r.stderr.trim().split('\n').slice(-3).join(' ')}\n` +
          (input.fixed_strings ? '' : 'Hint: pattern is an extended regular expression; set fixed_strings: true to search for literal text.'),
        isError: true,
      };
    }
    const lines = r.stdout.split('\n').filter((l) => l !== '');
    const shown = lines.slice(0, max).map((l) => (l.length > MAX_LINE_CHARS ? `${l.slice(0, MAX_LINE_CHARS)}…` : l));
    let out = shown.join('\n');
    if (lines.length > max || r.stopped) {
      const files = new Set(shown.map((l) => l.slice(0, l.indexOf(':'))));
      out += `\n[showing the first ${max} matching lines (in ${files.size} files); there are more — narrow the pattern or path_glob, or raise max_results]`;
    }
    return { content: truncateOutput(out, { hint: () => 'Narrow the pattern or path_glob' }) };
  });
}

/** Builds the `list_files` tool. */
export function createListFilesTool(): AgentTool {
  const description =
    'List files in the workspace (git ls-files: tracked and untracked, .gitignore respected), ' +
    'optionally filtered by a glob. Use it to find files by name on large repositories.';
  return defineTool('list_files', description, ListInput, async (input, ctx): Promise<ToolOutcome> => {
    const max = input.max_results ?? 500;
    const l = await listing(ctx);
    let files: string[];
    if (l.error !== undefined) return { content: `list_files failed: ${l.error}`, isError: true };
    if (l.notRepo) files = await walk(ctx.workspace);
    // git lists each set sorted and the sets are disjoint (untracked = not in the index): merge them
    else files = l.untracked.length ? mergeSorted(l.tracked, l.untracked) : l.tracked;
    if (input.glob) {
      const match = picomatch(widenGlob(input.glob), { dot: true });
      files = files.filter((f) => match(f));
    }
    const scope = input.glob ? ` matching ${input.glob}` : '';
    if (files.length === 0) return { content: `No files${scope}.` };
    let out = files.slice(0, max).join('\n');
    if (files.length > max) out += `\n[showing ${max} of ${files.length} files${scope}; narrow the glob or raise max_results]`;
    return { content: truncateOutput(out, { maxLines: max + 1, hint: () => 'Narrow the glob' }) };
  });
}

/** Two sorted lists as one (a merge: no re-sort of 100,000 paths). */
function mergeSorted(a: readonly string[], b: readonly string[]): string[] {
  const out = new Array<string>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i]! <= b[j]! ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

/** Files under `root` (relative, sorted), skipping .git and node_modules; at most WALK_LIMIT. */
async function walk(root: string): Promise<string[]> {
  const out: string[] = [];
  const visit = async (dir: string, rel: string): Promise<void> => {
    if (out.length >= WALK_LIMIT) return;
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.name === '.git' || e.name === 'node_modules') continue;
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await visit(join(dir, e.name), r);
      else out.push(r);
    }
  };
  await visit(root, '');
  return out.sort();
}
