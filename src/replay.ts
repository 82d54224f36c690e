/**
 * `kiro-action replay <transcript.jsonl>` (issue #13): re-runs a recorded task offline from the
 * model replies in its transcript — no API key, no GitHub, no network — to debug a run that went
 * wrong with a real model.
 *
 * A copy of the checkout (at `--base`, default HEAD) is the workspace. Every step's assistant turn
 * is taken from the transcript; each client tool call it made (`bash`, the text editor,
 * `search_code`, `list_files`) is executed again, the way the loop executes it, in the OS sandbox
 * with no network, and its `tool_result` is compared with the recorded one. Tools the action
 * answers itself (submit tools, `complete_step`, MCP and server tools) keep their recorded result.
 * The dependency install the action runs before the coder is run again too. The first result that
 * differs stops the replay with a report (step, role, tool, input, recorded vs replayed); otherwise
 * the report ends with the diff the replay produced — the task's diff when the checkout was at its
 * base commit.
 *
 * Comparison ignores what changes between two runs of the same command: digit runs (durations,
 * ports, pids) and the workspace's absolute path.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { executeToolUse, toolResult } from './agent/loop.js';
import { roleTools, withPolicy } from './agent/roles.js';
import { readTranscript, type TranscriptEntry } from './agent/transcript.js';
import type { AgentTool, ContentBlockParam, Role, ToolContext } from './agent/types.js';
import { execGit } from './git/exec.js';
import { createToolPolicy } from './policy/paths.js';
import { detectIsolation } from './sandbox/isolation.js';
import { createSandboxRunner, createUnsandboxedRunner, type CommandRunner } from './sandbox/runner.js';
import { detectSetup, runSetup } from './verify/setup.js';
import { readEnvironment } from './settings.js';

/** Client tools the replay runs again; everything else keeps its recorded result. */
const REPRODUCED = new Set(['bash', 'str_replace_based_edit_tool', 'search_code', 'list_files']);

export interface ReplayOptions {
  transcript: string;
  /** The local checkout to copy. */
  checkout: string;
  /** Commit (or ref) of the checkout the replay starts from; default HEAD. */
  base?: string;
  /** Run without the OS sandbox when the machine has none (commands then see everything). */
  allowUnsandboxed?: boolean;
  /** Per-command limit, ms (default 10 minutes). */
  commandTimeoutMs?: number;
  /** Where progress lines go (default stderr). */
  log?: (line: string) => void;
}

export interface Divergence {
  /** 1-based index of the transcript line. */
  step: number;
  role: Role;
  run: number;
  turn: number;
  tool: string;
  input: unknown;
  recorded: { content: string; isError: boolean };
  replayed: { content: string; isError: boolean };
}

export interface ReplayReport {
  steps: number;
  /** Tool calls executed again and found equal. */
  reproduced: number;
  /** Tool calls answered from the transcript (the action's own tools). */
  recorded: number;
  divergence?: Divergence;
  /** `git diff` of the workspace copy against the base (new files included). */
  diff: string;
  /** The workspace copy (kept for inspection). */
  workspace: string;
  isolation: CommandRunner['mode'];
}

/** What differs between two runs of the same command and must not count as a divergence. */
export function normalizeResult(text: string, workspace: string): string {
  return text.split(workspace).join('<workspace>').replace(/\d+/g, '#').replace(/[ \t]+/g, ' ').trim();
}

function blockText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((b: { type?: string; text?: string }) => (b.type === 'text' ? (b.text ?? '') : `[${b.type ?? 'block'}]`)).join('\n');
  return '';
}

/**
 * Replays a transcript (see the module doc).
 * @throws Error for an unreadable or empty transcript, a checkout that is not a git work tree, or
 *   a machine without a sandbox (unless `allowUnsandboxed`)
 */
export async function replay(o: ReplayOptions): Promise<ReplayReport> {
  const log = o.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  const entries = await readTranscript(o.transcript);
  if (!entries.length) throw new Error(`${o.transcript} holds no transcript steps`);
  if (entries.some((e) => e.v !== 1 || !Array.isArray(e.messages))) throw new Error(`${o.transcript} is not a kiro-action transcript (version 1)`);

  const root = mkdtempSync(path.join(tmpdir(), 'kiro-replay-'));
  const workspace = path.join(root, 'workspace');
  const top = await execGit(['rev-parse', '--show-toplevel'], { cwd: o.checkout, allowFailure: true });
  if (top.code !== 0) throw new Error(`${o.checkout} is not a git checkout`);
  await execGit(['clone', '-q', '--no-hardlinks', '--no-checkout', top.stdout.trim(), workspace], { cwd: root });
  await execGit(['checkout', '-q', '--detach', o.base ?? 'HEAD'], { cwd: workspace });
  const dirs = { home: path.join(root, 'home'), tmp: path.join(root, 'tmp'), state: path.join(root, 'state') };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });

  const runner = await replayRunner(workspace, dirs, o.allowUnsandboxed ?? false);
  log(`replay: ${entries.length} steps from ${o.transcript}; workspace ${workspace} (${runner.mode === 'unsandboxed' ? 'WITHOUT a sandbox' : `sandbox ${runner.mode}, no network`})`);
  const env = { PATH: readEnvironment().PATH ?? '/usr/bin:/bin', HOME: dirs.home, TMPDIR: '/tmp', LANG: 'C.UTF-8', KIRO_SANDBOX: '1', CI: 'true' };
  const policy = createToolPolicy({ workspace, commands: { forbiddenCommands: [], allowedCommands: [], autonomy: 'full' }, maxFileEditsPerTask: 1_000_000, requireApprovalForNewFiles: false });
  const base: ToolContext = { workspace, env, policy, redact: (s) => s, commandTimeoutMs: o.commandTimeoutMs ?? 600_000, runner, stateDir: dirs.state };

  const report: ReplayReport = { steps: entries.length, reproduced: 0, recorded: 0, diff: '', workspace, isolation: runner.mode };
  const toolsOf = new Map<string, { tools: Map<string, AgentTool>; ctx: ToolContext }>();
  let installed = false;
  for (const [i, entry] of entries.entries()) {
    if (entry.role === 'coder' && !installed) {
      installed = true;
      if (detectSetup(workspace).length) {
        const setup = await runSetup(workspace, { cwd: workspace, env, timeoutMs: base.commandTimeoutMs, redact: (s) => s, runner });
        for (const r of setup) log(`replay: ${r.name} ${r.ok ? 'succeeded' : 'failed'} (the action installs dependencies before the coder)`);
      }
    }
    // one set of tools per sub-agent run: the bash tool keeps its directory and exports per run
    const key = `${entry.role}#${entry.run}`;
    let bound = toolsOf.get(key);
    if (!bound) {
      const rt = roleTools(entry.role);
      bound = { tools: new Map(rt.tools.map((t) => [t.name, t])), ctx: withPolicy(base, rt) };
      toolsOf.set(key, bound);
    }
    const divergence = await replayStep(i + 1, entry, bound, workspace, report);
    if (divergence) {
      report.divergence = divergence;
      break;
    }
  }
  await execGit(['add', '-A'], { cwd: workspace });
  report.diff = (await execGit(['diff', '--cached', '--no-color'], { cwd: workspace })).stdout;
  return report;
}

async function replayStep(step: number, entry: TranscriptEntry, bound: { tools: Map<string, AgentTool>; ctx: ToolContext }, workspace: string, report: ReplayReport): Promise<Divergence | undefined> {
  const assistant = entry.messages.find((m) => m.role === 'assistant');
  const answers = new Map<string, { content: string; isError: boolean }>();
  for (const m of entry.messages) {
    if (m.role !== 'user' || typeof m.content === 'string') continue;
    for (const b of m.content as Array<{ type: string; tool_use_id?: string; content?: unknown; is_error?: boolean }>) {
      if (b.type === 'tool_result' && b.tool_use_id) answers.set(b.tool_use_id, { content: blockText(b.content), isError: b.is_error === true });
    }
  }
  const uses = (assistant && typeof assistant.content !== 'string' ? (assistant.content as Array<{ type: string; id?: string; name?: string; input?: unknown }>) : []).filter((b) => b.type === 'tool_use');
  for (const use of uses) {
    const recorded = answers.get(use.id ?? '');
    if (!recorded) continue; // the run ended before the call was answered (paused, cut)
    if (!REPRODUCED.has(use.name ?? '') || !bound.tools.has(use.name ?? '')) {
      report.recorded++;
      continue;
    }
    const outcome = await executeToolUse({ name: use.name!, input: use.input }, bound.tools, bound.ctx);
    const block = toolResult(use.id!, outcome) as ContentBlockParam & { content: string; is_error?: boolean };
    const replayed = { content: blockText(block.content), isError: block.is_error === true };
    if (replayed.isError !== recorded.isError || normalizeResult(replayed.content, workspace) !== normalizeResult(recorded.content, workspace)) {
      return { step, role: entry.role, run: entry.run, turn: entry.turn, tool: use.name!, input: use.input, recorded, replayed };
    }
    report.reproduced++;
  }
  return undefined;
}

async function replayRunner(workspace: string, dirs: { home: string; tmp: string; state: string }, allowUnsandboxed: boolean): Promise<CommandRunner> {
  const support = await detectIsolation();
  if (support.mode !== 'none') {
    // offline: a network namespace of its own, nothing else; the user's home and files hidden
    return createSandboxRunner(support, { workspace, home: dirs.home, tmp: dirs.tmp, writable: [dirs.state], hideDirs: [readEnvironment().HOME || homedir()], hideFiles: [], unshareNet: true });
  }
  if (!allowUnsandboxed) throw new Error(`this machine offers no OS sandbox (${support.reason}); the replay would run the recorded commands unconfined. Install bubblewrap, or pass --allow-unsandboxed`);
  return createUnsandboxedRunner();
}

/** A report as text: counts, the first divergence (if any), then the diff. */
export function formatReport(r: ReplayReport): string {
  const lines = [`replay: ${r.steps} steps; ${r.reproduced} tool calls reproduced, ${r.recorded} answered from the transcript (the action's own tools)`];
  const d = r.divergence;
  if (d) {
    const cut = (s: string) => (s.length > 4000 ? `${s.slice(0, 4000)}\n[… ${s.length - 4000} more characters]` : s);
    lines.push(
      '',
      `first divergence at step ${d.step} (${d.role}, run ${d.run}, turn ${d.turn}): ${d.tool} ${JSON.stringify(d.input)}`,
      `--- recorded${d.recorded.isError ? ' (error)' : ''}`,
      cut(d.recorded.content),
      `+++ replayed${d.replayed.isError ? ' (error)' : ''}`,
      cut(d.replayed.content),
      '',
      `the replay stopped there; the workspace is kept at ${r.workspace}`,
    );
  } else {
    lines.push('every reproduced tool call matched the recording');
  }
  lines.push('', r.diff ? `diff of the replay:\n${r.diff}` : 'the replay changed no file');
  return lines.join('\n');
}

const USAGE = `usage: kiro-action replay <transcript.jsonl> [--checkout <dir>] [--base <commit>] [--diff-out <file>] [--allow-unsandboxed]`;

/**
 * The CLI entry (`node dist/index.js replay …`, through bin/kiro-action.mjs). Exit codes: 0 the
 * replay matched, 1 it diverged, 2 bad input (one line, no stack trace).
 */
export async function replayMain(argv: readonly string[]): Promise<number> {
  let values: { checkout?: string; base?: string; 'diff-out'?: string; 'allow-unsandboxed'?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { checkout: { type: 'string' }, base: { type: 'string' }, 'diff-out': { type: 'string' }, 'allow-unsandboxed': { type: 'boolean' } },
    }));
  } catch (e) {
    process.stderr.write(`kiro-action: ${(e as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (positionals.length !== 1) {
    process.stderr.write(`kiro-action: ${positionals.length ? `unexpected argument '${positionals[1]}'` : 'missing the transcript file'}\n\n${USAGE}\n`);
    return 2;
  }
  let report: ReplayReport;
  try {
    report = await replay({
      transcript: path.resolve(positionals[0]!),
      checkout: path.resolve(values.checkout ?? process.cwd()),
      ...(values.base ? { base: values.base } : {}),
      ...(values['allow-unsandboxed'] ? { allowUnsandboxed: true } : {}),
    });
  } catch (e) {
    process.stderr.write(`kiro-action: ${(e as Error).message.split('\n')[0]}\n`);
    return 2;
  }
  if (values['diff-out']) writeFileSync(values['diff-out'], report.diff);
  process.stdout.write(`${formatReport(report)}\n`);
  return report.divergence ? 1 : 0;
}
