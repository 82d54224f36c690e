/**
 * Fast code search for large repositories: `search_code` (`git grep`, tracked and untracked files,
 * .gitignore respected, binary files skipped) and `list_files` (`git ls-files`, filtered with a
 * glob). Outside a git repository they fall back to `git grep --no-index` and a directory walk.
 * Git runs on the model's side of the boundary: in the sandbox, on the workspace's own `.git`
 * (src/git/workspace.ts), with its output taken as data.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import picomatch from 'picomatch';
import { z } from 'zod';
import { workspaceGit } from '../../git/workspace.js';
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

const git = (ctx: ToolContext, args: string[]) => workspaceGit({ runner: ctx.runner, workspace: ctx.workspace, env: ctx.env, timeoutMs: ctx.commandTimeoutMs }, args);

function isNotRepo(stderr: string): boolean {
  return /not a git repository/i.test(stderr);
}

/** Builds the `search_code` tool. */
export function createSearchTool(): AgentTool {
  const description =
    'Search file contents in the workspace (git grep: tracked and untracked files, .gitignore ' +
    'respected, binary files skipped). Returns "path:line:text" lines. Faster and more precise than ' +
    'grep -r through bash on large repositories.';
  return defineTool('search_code', description, SearchInput, async (input, ctx): Promise<ToolOutcome> => {
    const max = input.max_results ?? 100;
    const flags = ['-n', '-I', '--no-color', input.fixed_strings ? '-F' : '-E'];
    if (input.ignore_case) flags.push('-i');
    const spec = input.path_glob ? [`:(glob)${widenGlob(input.path_glob)}`] : [];
    let r = await git(ctx, ['grep', '--untracked', ...flags, '-e', input.pattern, '--', ...spec]);
    if (r.code === 128 && isNotRepo(r.stderr)) {
      const where = spec.length ? spec : ['.'];
      r = await git(ctx, ['grep', '--no-index', ...flags, '-e', input.pattern, '--', ...where, ':(exclude,glob)**/node_modules/**']);
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
    if (lines.length > max) {
      const files = new Set(lines.map((l) => l.slice(0, l.indexOf(':'))));
      out += `\n[showing ${max} of ${lines.length} matching lines in ${files.size} files; narrow the pattern or path_glob, or raise max_results]`;
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
    const r = await git(ctx, ['ls-files', '-z', '--cached', '--others', '--exclude-standard']);
    let files: string[];
    if (r.code === 0) {
      files = [...new Set(r.stdout.split('\0').filter((f) => f !== ''))].sort();
    } else if (isNotRepo(r.stderr)) {
      files = await walk(ctx.workspace);
    } else {
      return { content: `list_files failed: ${r.stderr.trim()}`, isError: true };
    }
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
