/**
 * Anthropic's text editor tool (`type: text_editor_20250728`, name `str_replace_based_edit_tool`),
 * executed in the workspace under the policy. Contract:
 * https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/text-editor-tool — commands
 * `view` (file with line numbers and optional `view_range`, or a directory 2 levels deep),
 * `create`, `str_replace` (exactly one match) and `insert` (after `insert_line`, 0 = top). The
 * models send the inserted text as `insert_text`; the documented `new_str` is accepted too.
 *
 * Every path goes through `ctx.policy.checkPath(path, op)`; every write also through
 * `ctx.policy.checkEdit(resolved, creating)`, and a change to an existing file through
 * `ctx.policy.checkRewrite(resolved, before, after)` when the policy has it (large rewrites pause
 * under balanced/cautious autonomy). A pause names the file (workspace-relative) so the owner's
 * `/kiro continue` approves exactly that file. Failures are `is_error` results with a hint.
 */
import { mkdir, readdir, stat } from 'node:fs/promises';
import { realpathSync } from 'node:fs';
import { createFileSafe, readFileSafe, rewriteFileSafe, UnsafeFileError } from './safe-fs.js';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { z } from 'zod';
import type { AgentTool, PolicyDecision, ToolContext, ToolOutcome } from '../types.js';
import { truncateOutput } from './truncate.js';

export interface EditorToolOptions {
  /** `max_characters` of the tool definition: the most characters one `view` shows (default 30 000). */
  maxCharacters?: number;
  /** The most lines one `view` shows (default 2000). */
  maxLines?: number;
}

const EditorInput = z.object({
  command: z.enum(['view', 'create', 'str_replace', 'insert', 'undo_edit']),
  path: z.string().min(1),
  view_range: z.array(z.number().int()).length(2).optional(),
  file_text: z.string().optional(),
  old_str: z.string().optional(),
  new_str: z.string().optional(),
  insert_line: z.number().int().optional(),
  insert_text: z.string().optional(),
});
type EditorInput = z.infer<typeof EditorInput>;

const SKIP_DIRS = new Set(['.git', 'node_modules']);
const CONTEXT_LINES = 4;

/** Builds the `str_replace_based_edit_tool` tool. */
export function createEditorTool(opts: EditorToolOptions = {}): AgentTool {
  const maxChars = opts.maxCharacters ?? 30_000;
  const maxLines = opts.maxLines ?? 2000;
  return {
    name: 'str_replace_based_edit_tool',
    definition: {
      type: 'text_editor_20250728',
      name: 'str_replace_based_edit_tool',
      ...(opts.maxCharacters !== undefined ? { max_characters: opts.maxCharacters } : {}),
    },
    inputSchema: EditorInput,
    async execute(raw: unknown, ctx: ToolContext): Promise<ToolOutcome> {
      const input = raw as EditorInput;
      try {
        switch (input.command) {
          case 'view':
            return await view(input, ctx, maxChars, maxLines);
          case 'create':
            return await create(input, ctx);
          case 'str_replace':
            return await strReplace(input, ctx);
          case 'insert':
            return await insert(input, ctx);
          case 'undo_edit':
            return error('undo_edit is not available in this editor version: use str_replace to put the old text back');
        }
      } catch (e) {
        if (e instanceof UnsafeFileError) return error(e.message);
        throw e;
      }
    },
  };
}

function error(content: string): ToolOutcome {
  return { content, isError: true };
}

/**
 * Turns a deny/pause decision into an outcome; undefined when allowed. `path` (workspace-relative)
 * names the file a pause is for, so the owner's approval applies to it.
 */
function gate(d: PolicyDecision, what: string, path?: string): ToolOutcome | undefined {
  if (d.action === 'deny') return error(`${what} refused by policy: ${d.reason}`);
  if (d.action === 'pause') {
    return { content: `Paused before ${what}: ${d.reason}. The task owner must approve it first.`, pause: { reason: d.reason, ...(path ? { path } : {}) } };
  }
  return undefined;
}

/** `resolved` relative to the workspace (both as given and as realpath), `/`-separated. */
function workspaceRelative(ctx: ToolContext, resolved: string): string {
  for (const root of [ctx.workspace, realOrSelf(ctx.workspace)]) {
    const rel = relative(root, resolved);
    if (rel && !rel.startsWith('..') && !isAbsolute(rel)) return rel.split(sep).join('/');
  }
  return resolved;
}

function realOrSelf(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

function checkPath(path: string, op: 'read' | 'write', ctx: ToolContext): { resolved: string } | ToolOutcome {
  const d = ctx.policy.checkPath(path, op);
  const blocked = gate(d, `${op === 'read' ? 'reading' : 'writing'} ${path}`);
  if (blocked) return blocked;
  return { resolved: d.resolved ?? resolve(ctx.workspace, path) };
}

async function kind(p: string): Promise<'file' | 'dir' | 'other' | 'missing'> {
  try {
    const s = await stat(p);
    return s.isFile() ? 'file' : s.isDirectory() ? 'dir' : 'other';
  } catch {
    return 'missing';
  }
}

const notFound = (path: string): ToolOutcome =>
  error(`${path} does not exist. Use list_files or view the parent directory to find the right path.`);

/** `cat -n` style numbering. */
function numbered(lines: readonly string[], first: number): string {
  return lines.map((l, i) => `${String(first + i).padStart(6)}\t${l}`).join('\n');
}

interface Text {
  lines: string[];
  finalNewline: boolean;
  crlf: boolean;
}

function splitText(content: string): Text {
  const crlf = content.includes('\r\n');
  const lf = crlf ? content.replace(/\r\n/g, '\n') : content;
  const finalNewline = lf.endsWith('\n');
  const body = finalNewline ? lf.slice(0, -1) : lf;
  return { lines: body === '' && !finalNewline ? [] : body.split('\n'), finalNewline, crlf };
}

function joinText(t: Text): string {
  const lf = t.lines.length === 0 ? '' : t.lines.join('\n') + (t.finalNewline ? '\n' : '');
  return t.crlf ? lf.replace(/\n/g, '\r\n') : lf;
}

async function view(input: EditorInput, ctx: ToolContext, maxChars: number, maxLines: number): Promise<ToolOutcome> {
  const p = checkPath(input.path, 'read', ctx);
  if (!('resolved' in p)) return p;
  const k = await kind(p.resolved);
  if (k === 'missing') return notFound(input.path);
  if (k === 'other') return error(`${input.path} is not a regular file or directory`);
  if (k === 'dir') {
    if (input.view_range) return error('view_range applies to files; leave it out to list a directory');
    const entries = await listDir(p.resolved, 2);
    const listing = truncateOutput(entries.join('\n'), {
      maxLines,
      maxChars,
      hint: () => 'View a subdirectory, or use list_files with a glob',
    });
    return { content: `Files and directories up to 2 levels deep in ${input.path} (excluding .git and node_modules):\n${listing}` };
  }
  const buf = await readFileSafe(p.resolved, input.path);
  if (buf.subarray(0, 8000).includes(0)) return error(`${input.path} is a binary file (${buf.length} bytes); it is not shown`);
  const { lines } = splitText(buf.toString('utf8'));
  if (lines.length === 0) return { content: `${input.path} is empty.` };
  let first = 1;
  let last = lines.length;
  if (input.view_range) {
    const [start, end] = input.view_range as [number, number];
    if (start < 1 || start > lines.length) {
      return error(`view_range start ${start} is outside the file: ${input.path} has ${lines.length} lines (1–${lines.length})`);
    }
    if (end !== -1 && end < start) return error(`view_range end ${end} is before start ${start}; use -1 for "to the end"`);
    first = start;
    last = end === -1 ? lines.length : Math.min(end, lines.length);
  }
  const shown = truncateOutput(numbered(lines.slice(first - 1, last), first), {
    maxLines,
    maxChars,
    headShare: 0.6,
    firstLine: first,
    hint: (cut) => `Use view_range [${cut.fromLine}, ${Math.min(cut.toLine, cut.fromLine + 399)}] to read them`,
  });
  return { content: shown };
}

async function listDir(root: string, depth: number): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string, rel: string, level: number): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      if (SKIP_DIRS.has(e.name)) continue;
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        out.push(`${r}/`);
        if (level < depth) await walk(join(dir, e.name), r, level + 1);
      } else {
        out.push(r);
      }
    }
  };
  await walk(root, '', 1);
  return out;
}

async function create(input: EditorInput, ctx: ToolContext): Promise<ToolOutcome> {
  if (input.file_text === undefined) return error('create needs file_text (the whole content of the new file)');
  const p = checkPath(input.path, 'write', ctx);
  if (!('resolved' in p)) return p;
  const k = await kind(p.resolved);
  if (k === 'dir') return error(`${input.path} is a directory`);
  if (k !== 'missing') {
    return error(
      `${input.path} already exists; create only makes new files. Edit it with str_replace or insert ` +
        `(view it first), or remove it with bash and create it again to replace it entirely.`,
    );
  }
  const blocked = gate(ctx.policy.checkEdit(p.resolved, true), `creating ${input.path}`, workspaceRelative(ctx, p.resolved));
  if (blocked) return blocked;
  await mkdir(dirname(p.resolved), { recursive: true });
  await createFileSafe(p.resolved, input.path, input.file_text);
  const n = splitText(input.file_text).lines.length;
  return { content: `Created ${input.path} (${n} line${n === 1 ? '' : 's'}).` };
}

/** Line numbers (1-based) where each occurrence of `needle` starts. */
function matchLines(haystack: string, needle: string): number[] {
  const out: number[] = [];
  let line = 1;
  let scanned = 0;
  let i = haystack.indexOf(needle);
  while (i !== -1) {
    for (let j = scanned; j < i; j++) if (haystack.charCodeAt(j) === 10) line++;
    scanned = i;
    out.push(line);
    i = haystack.indexOf(needle, i + needle.length);
  }
  return out;
}

async function loadForEdit(input: EditorInput, ctx: ToolContext): Promise<{ resolved: string; text: Text } | ToolOutcome> {
  const p = checkPath(input.path, 'write', ctx);
  if (!('resolved' in p)) return p;
  const k = await kind(p.resolved);
  if (k === 'missing') return notFound(input.path);
  if (k !== 'file') return error(`${input.path} is not a regular file`);
  return { resolved: p.resolved, text: splitText((await readFileSafe(p.resolved, input.path)).toString('utf8')) };
}

function snippet(t: Text, from: number, to: number): string {
  const a = Math.max(1, from - CONTEXT_LINES);
  const b = Math.min(t.lines.length, to + CONTEXT_LINES);
  return numbered(t.lines.slice(a - 1, b), a);
}

/**
 * The policy's checks before an existing file is changed: a large rewrite pauses under balanced
 * and cautious autonomy (when the policy has `checkRewrite`), then the edit budget counts it.
 * The rewrite check runs first so a paused edit is not counted.
 */
function guardWrite(ctx: ToolContext, resolved: string, shown: string, before: string, after: string): ToolOutcome | undefined {
  const rel = workspaceRelative(ctx, resolved);
  if (ctx.policy.checkRewrite) {
    const paused = gate(ctx.policy.checkRewrite(resolved, before, after), `rewriting ${shown}`, rel);
    if (paused) return paused;
  }
  return gate(ctx.policy.checkEdit(resolved, false), `editing ${shown}`, rel);
}

async function strReplace(input: EditorInput, ctx: ToolContext): Promise<ToolOutcome> {
  if (!input.old_str) return error('str_replace needs a non-empty old_str (text copied exactly from the file)');
  const loaded = await loadForEdit(input, ctx);
  if (!('resolved' in loaded)) return loaded;
  const { text } = loaded;
  const content = text.lines.join('\n') + (text.finalNewline ? '\n' : '');
  const oldStr = input.old_str.replace(/\r\n/g, '\n');
  const newStr = (input.new_str ?? '').replace(/\r\n/g, '\n');
  const at = matchLines(content, oldStr);
  if (at.length === 0) {
    const firstLine = oldStr.split('\n').find((l) => l.trim() !== '')?.trim();
    const near = firstLine
      ? text.lines.flatMap((l, i) => (l.trim() === firstLine || (firstLine.length > 8 && l.includes(firstLine)) ? [i + 1] : [])).slice(0, 10)
      : [];
    const hint = near.length
      ? `Its first line appears (ignoring indentation) at line${near.length > 1 ? 's' : ''} ${near.join(', ')}: view those lines and copy the text exactly, whitespace included.`
      : 'View the file and copy the text exactly, whitespace and indentation included.';
    return error(`No match for old_str in ${input.path}. ${hint}`);
  }
  if (at.length > 1) {
    return error(
      `old_str matches ${at.length} times in ${input.path} (at lines ${at.slice(0, 20).join(', ')}). ` +
        `Add surrounding lines to old_str so it matches exactly once.`,
    );
  }
  const idx = content.indexOf(oldStr);
  const updated = content.slice(0, idx) + newStr + content.slice(idx + oldStr.length);
  const blocked = guardWrite(ctx, loaded.resolved, input.path, content, updated);
  if (blocked) return blocked;
  const next = splitText(updated);
  next.crlf = text.crlf;
  await rewriteFileSafe(loaded.resolved, input.path, joinText(next));
  const start = at[0]!;
  const end = start + Math.max(0, newStr.split('\n').length - 1);
  return { content: `Edited ${input.path}. Lines ${Math.max(1, start - CONTEXT_LINES)}+ now read:\n${snippet(next, start, end)}` };
}

async function insert(input: EditorInput, ctx: ToolContext): Promise<ToolOutcome> {
  const newText = input.insert_text ?? input.new_str;
  if (input.insert_line === undefined || newText === undefined) {
    return error('insert needs insert_line (0 inserts at the top) and insert_text');
  }
  const loaded = await loadForEdit(input, ctx);
  if (!('resolved' in loaded)) return loaded;
  const { text } = loaded;
  const n = text.lines.length;
  if (input.insert_line < 0 || input.insert_line > n) {
    return error(`insert_line ${input.insert_line} is outside the file: ${input.path} has ${n} lines; use 0 (top) to ${n} (end)`);
  }
  const before = text.lines.join('\n');
  const added = newText.replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n');
  const blocked = guardWrite(ctx, loaded.resolved, input.path, before, [...text.lines.slice(0, input.insert_line), ...added, ...text.lines.slice(input.insert_line)].join('\n'));
  if (blocked) return blocked;
  text.lines.splice(input.insert_line, 0, ...added);
  if (n === 0) text.finalNewline = true;
  await rewriteFileSafe(loaded.resolved, input.path, joinText(text));
  const from = input.insert_line + 1;
  return { content: `Inserted ${added.length} line${added.length === 1 ? '' : 's'} into ${input.path} after line ${input.insert_line}:\n${snippet(text, from, from + added.length - 1)}` };
}
