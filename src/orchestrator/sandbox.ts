/**
 * The sandbox the model's commands run in (SPEC.md §4, docs/security.md): the OS boundary
 * (bubblewrap, src/sandbox/isolation.ts) around every process through one runner
 * (src/sandbox/runner.ts), an environment without the action's credentials (the team's `env`
 * added, task secrets included), the network access level enforced by the egress proxy plus,
 * where the runner permits, a network namespace whose only way out is that proxy
 * (`src/policy/firewall.ts`), and the command/path/edit policy (guidance and autonomy pauses).
 */
import { safeInline } from '../policy/sanitize.js';
import * as core from '@actions/core';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ToolContext, ToolPolicy } from '../agent/types.js';
import type { McpHub } from '../mcp/client.js';
import { readMcpConfig, withoutCredentials } from '../mcp/config.js';
import { basicCredential } from '../git/auth.js';
import { scrubPersistedCredentials } from '../git/repo.js';
import { buildSandboxEnv, resolveTaskEnv } from '../policy/env.js';
import { proxyEnv, startEgressProxy } from '../policy/egress-proxy.js';
import type { EgressProxy } from '../policy/egress-proxy.js';
import { prepareFirewall } from '../policy/firewall.js';
import type { Firewall } from '../policy/firewall.js';
import { integrationHosts, resolveNetworkPolicy, type DiscoveredHost } from '../policy/network.js';
import { createToolPolicy } from '../policy/paths.js';
import type { KiroToolPolicy } from '../policy/paths.js';
import { Redactor } from '../policy/redact.js';
import { discoverRegistryHosts } from '../policy/registries.js';
import { detectIsolation } from '../sandbox/isolation.js';
import type { IsolationSupport, SandboxLayout } from '../sandbox/isolation.js';
import { createRefusingRunner, createSandboxRunner, createUnsandboxedRunner } from '../sandbox/runner.js';
import type { CommandRunner } from '../sandbox/runner.js';
import { RUNNER_FILE_COMMAND_VARS } from '../policy/env.js';
import { onShutdown } from './shutdown.js';
import type { Sandbox, Services } from './services.js';

export type { NetworkEnforcement, Sandbox } from './services.js';

/** Variables naming credential files of the job (Google's application default credentials, AWS's shared files). */
const CREDENTIAL_FILE_VARS = ['GOOGLE_APPLICATION_CREDENTIALS', 'CLOUDSDK_AUTH_CREDENTIAL_FILE_OVERRIDE', 'GOOGLE_GHA_CREDS_PATH', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_WEB_IDENTITY_TOKEN_FILE'];

/** Every form of the action's own credentials: these never enter the sandbox, whatever the name. */
function credentialForms(svc: Services): string[] {
  const r = new Redactor({ setSecret: () => {} });
  const s = svc.settings;
  if (s.githubToken) {
    r.register(s.githubToken);
    r.register(basicCredential(s.githubToken));
  }
  if (s.anthropicApiKey) r.register(s.anthropicApiKey);
  return r.values();
}

/**
 * Opens the sandbox for one task run. Never fails for a missing firewall: enforcement then falls
 * back to the proxy alone and `limitation` says so (it goes into the PR body).
 * @param policyOverride replaces the tool policy (tests of the orchestrator only)
 */
export async function openSandbox(svc: Services, policyOverride?: ToolPolicy): Promise<Sandbox> {
  const s = svc.settings;
  const workspace = s.runner.workspace;
  // independent steps side by side (the acknowledgement's critical path, issue #12); all of them
  // finish before this function returns, so before the model's first command
  const preloading = svc.preload(s.provider);
  // actions/checkout leaves the token in .git/config; the model's shell could read it (NOTES.md)
  const scrubbing = scrubPersistedCredentials(workspace);
  const detecting = detectIsolation(s.sandboxDisabledReason ? { disable: s.sandboxDisabledReason } : {});
  const discovering = s.networkAccess === 'common-dependencies' ? discoverRegistryHosts(s.env, { cwd: workspace }) : Promise.resolve([]);
  for (const p of [preloading, scrubbing, detecting, discovering]) (p as Promise<unknown>).catch(() => undefined); // awaited below

  const kiroPolicy: KiroToolPolicy | undefined = policyOverride
    ? undefined
    : createToolPolicy({
        workspace,
        commands: { forbiddenCommands: [...s.repo.agent.forbiddenCommands], allowedCommands: [...s.repo.agent.allowedCommands], autonomy: s.autonomyLevel },
        maxFileEditsPerTask: s.repo.agent.maxFileEditsPerTask,
        requireApprovalForNewFiles: s.repo.agent.requireApprovalForNewFiles,
      });
  const policy: ToolPolicy = policyOverride ?? kiroPolicy!;

  const { proxy, firewall, proxyUrl, netEnv } = await openNetwork(svc, discovering);

  const { env, dirs } = sandboxEnvironment(svc, netEnv);
  const confined = firewall?.mode === 'netns' ? firewall : undefined;
  const ready = readyForCommands(preloading, scrubbing);
  const layout: SandboxLayout = {
    workspace,
    home: dirs.home,
    tmp: dirs.tmp,
    writable: [dirs.state],
    hideDirs: hiddenDirs(s.runner.runnerTemp, s.env),
    readOnly: toolchainDirs(s.runner.runnerTemp, s.env),
    // credential files the job's own steps wrote (google-github-actions/auth puts one into the checkout)
    hideFiles: [s.runner.eventPath, ...[...RUNNER_FILE_COMMAND_VARS, ...CREDENTIAL_FILE_VARS].map((v) => s.env[v]).filter((f): f is string => !!f)],
    ...(confined ? { netns: confined.enter } : {}),
  };
  const chosen = chooseRunner(await detecting, layout, s.allowUnsandboxedCommands);
  const runner = afterReady(chosen.runner, ready);
  const workspaceRunner = afterReady(chosen.workspaceRunner, ready);
  const limitation = [chosen.limitation, firewall?.limitation].filter(Boolean).join(' ') || undefined;
  const releaseSignals = confined ? teardownOnSignals(confined) : () => {};
  const commandEnv = proxy && proxyUrl ? (command: string) => proxyEnv(proxyUrl, { token: proxy.setCommand(command), base: env }) : undefined;
  const mcp = await startMcp(svc, { runner, workspace, env, ready, ...(proxy ? { proxy } : {}) });
  const toolContext: ToolContext = {
    workspace,
    env,
    policy,
    redact: svc.redact,
    commandTimeoutMs: s.commandTimeoutMs,
    runner,
    stateDir: dirs.state,
    ready,
    ...(commandEnv ? { commandEnv } : {}),
  };
  return {
    toolContext,
    runner,
    workspaceRunner,
    isolation: runner.mode,
    ...(commandEnv ? { commandEnv } : {}),
    blocked: () => (proxy?.blocked ?? []).map((b) => ({ host: `${b.host}:${b.port}`, ...(b.command ? { command: svc.redact(b.command) } : {}) })),
    ...(limitation ? { limitation } : {}),
    enforcement: !proxy ? 'open' : confined ? 'netns' : 'proxy',
    approve: (command) => kiroPolicy?.approveCommand(command),
    approvePath: (p) => {
      if (kiroPolicy && !kiroPolicy.approvePath(p)) core.warning(`Kiro: the approved path ${p} is not writable by the agent's tools; nothing was approved.`);
    },
    countEdited: (paths) => kiroPolicy?.countEdited(paths),
    mcpTools: mcp?.tools ?? [],
    mcpProblems: () => (mcp?.problems() ?? []).map((p) => svc.redact(`"${p.server}": ${p.reason}`)),
    close: async () => {
      await mcp?.close();
      releaseSignals();
      await firewall?.teardown();
      await proxy?.close();
    },
  };
}

/**
 * The action's code is loaded and the checkout's persisted credentials are gone before the first
 * command or tool runs — not before the first model request, which goes out meanwhile: every
 * runner and the tools wait for this (the acknowledgement's critical path, issue #12).
 */
function readyForCommands(preloading: ReturnType<Services['preload']>, scrubbing: Promise<string[]>): Promise<void> {
  const ready = Promise.all([preloading, scrubbing]).then(([loaded, scrubbed]) => {
    if (scrubbed.length) core.info(`Kiro: removed persisted credentials from .git/config (${scrubbed.join(', ')}); the action authenticates its own git calls.`);
    core.debug(`Kiro: ${loaded.modules} orchestrator modules and ${loaded.prompts} prompt templates loaded before the first command.`);
  });
  ready.catch(() => undefined); // surfaces where it is awaited
  return ready;
}

/** The run's network: the egress proxy and the firewall that makes it the only way out (none at `open-internet`). */
async function openNetwork(svc: Services, discovering: Promise<DiscoveredHost[]>): Promise<{ proxy?: EgressProxy; firewall?: Firewall; proxyUrl?: string; netEnv: Record<string, string> }> {
  const s = svc.settings;
  if (s.networkAccess === 'open-internet') return { netEnv: {} };
  const policyOf = (discovered: DiscoveredHost[]) =>
    resolveNetworkPolicy({ level: s.networkAccess, allowedDomains: s.allowedDomains, integrationHosts: integrationHosts(s.env, s.anthropicBaseUrl), discovered });
  // The proxy and the firewall start while the registries are still being discovered (`npm config
  // get registry` alone takes a few hundred ms): the proxy holds each request until the policy with
  // the discovered hosts is known; the firewall only needs the level (issue #12, critical path).
  const netPolicy = policyOf([]);
  const proxy = await startEgressProxy(discovering.then(policyOf), {
    onBlocked: (b) => {
      // once per distinct request; later repeats only raise its count
      if (b.count === 1) core.warning(safeInline(svc.redact(`Kiro sandbox blocked ${b.method} ${b.host}:${b.port}${b.command ? ` from \`${b.command}\`` : ''} (${b.reason})`), 2000));
    },
  });
  // KIRO_FIREWALL=off (Settings): the proxy alone; the limitation is stated like any other
  const firewall = await prepareFirewall(netPolicy, proxy, s.firewallDisabledReason ? { disable: { reason: s.firewallDisabledReason } } : {});
  const proxyUrl = firewall.proxyUrl;
  core.info(`Kiro sandbox: network access level ${s.networkAccess}, ${firewall.mode === 'netns' ? `enforced in network namespace ${firewall.namespace}` : 'enforced by the egress proxy only'}.`);
  for (const note of firewall.notes) core.info(`Kiro sandbox: ${note}`);
  if (firewall.limitation) core.warning(`Kiro sandbox: ${firewall.limitation}`);
  return { proxy, firewall, proxyUrl, netEnv: proxyEnv(proxyUrl, { base: s.env }) };
}

/**
 * The environment commands run with (src/policy/env.ts: the runner's without any secret, plus the
 * task's `env`, the proxy variables and a private home) and the private directories behind it.
 */
function sandboxEnvironment(svc: Services, netEnv: Record<string, string>): { env: Record<string, string>; dirs: { home: string; tmp: string; state: string } } {
  const s = svc.settings;
  const task = resolveTaskEnv(s.repo.env, s.env);
  for (const w of task.warnings) core.warning(`Kiro sandbox: ${w}`);
  const root = mkdtempSync(path.join(s.runner.runnerTemp, 'kiro-sandbox-'));
  const dirs = { home: path.join(root, 'home'), tmp: path.join(root, 'tmp'), state: path.join(root, 'state') };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true, mode: 0o700 });
  const env = buildSandboxEnv(s.env, {
    // every registered form (raw, base64, basic credential…) of every secret
    secrets: svc.secretValues(),
    credentials: credentialForms(svc),
    extra: { ...netEnv, KIRO_SANDBOX: '1', HOME: dirs.home, TMPDIR: '/tmp', ...writableCaches(dirs.home, s.env) },
    taskEnv: task.env,
  });
  return { env, dirs };
}

/**
 * What the status comment must say about this run's sandbox: the isolation it lacks (fail-closed
 * or unsandboxed) and the MCP servers that are not available. Empty when there is nothing to say.
 */
export function sandboxNotes(sandbox: Pick<Sandbox, 'isolation' | 'limitation' | 'mcpProblems'>): { sandbox?: string; mcp?: string[] } {
  const mcp = sandbox.mcpProblems();
  return {
    ...(sandbox.isolation === 'refused' || sandbox.isolation === 'unsandboxed' ? { sandbox: sandbox.limitation ?? '' } : {}),
    ...(mcp.length ? { mcp } : {}),
  };
}

/**
 * Starts the repository's MCP servers (`.kiro/settings/mcp.json`): local ones through `runner`
 * (inside the sandbox, fail-closed like any command), remote ones through the egress proxy when
 * the network level is enforced. Values of `${NAME}` references become secrets before anything is
 * logged. The client module is loaded only when there is something to start.
 * @returns undefined when the repository configures no server
 */
async function startMcp(svc: Services, o: { runner: CommandRunner; workspace: string; env: Readonly<Record<string, string>>; ready: Promise<void>; proxy?: EgressProxy }): Promise<McpHub | undefined> {
  const config = withoutCredentials(readMcpConfig(o.workspace, svc.settings.env), credentialForms(svc));
  for (const v of config.secrets) svc.addSecret(v);
  if (!config.servers.length && !config.problems.length) return undefined;
  // servers are processes like commands: the action's code is loaded first
  await o.ready;
  const { startMcpServers, proxiedFetch } = await import('../mcp/client.js');
  const proxy = o.proxy;
  const hub = await startMcpServers(config, {
    runner: o.runner,
    cwd: o.workspace,
    env: o.env,
    callTimeoutMs: svc.settings.commandTimeoutMs,
    // remote servers obey the network level: their requests go through the egress proxy
    ...(proxy ? { fetchFor: (server: string) => proxiedFetch(proxy.url, proxy.setCommand(`MCP server ${server}`)) } : {}),
  });
  for (const name of hub.started) core.info(`Kiro: MCP server "${name}" started (${hub.tools.filter((t) => t.name.startsWith(`${name.replace(/[^A-Za-z0-9_-]/g, '_')}__`)).length} tools).`);
  for (const p of hub.problems()) core.warning(safeInline(svc.redact(`Kiro: MCP server "${p.server}" is not available: ${p.reason}`), 2000));
  return hub;
}

/** `runner` whose commands start only once `ready` resolved (and fail with its error if it rejects). */
function afterReady(runner: CommandRunner, ready: Promise<void>): CommandRunner {
  return {
    mode: runner.mode,
    run: async (req) => {
      await ready;
      return runner.run(req);
    },
    ...(runner.spawnSpec ? { spawnSpec: runner.spawnSpec.bind(runner) } : {}),
  };
}

/**
 * Picks the runner for this run from what the runner machine allows (logged, so the job log says
 * which mode is in force). Without isolation the run fails closed unless the workflow set
 * `allow-unsandboxed-commands`.
 */
function chooseRunner(support: IsolationSupport, layout: SandboxLayout, allowUnsandboxed: boolean): { runner: CommandRunner; workspaceRunner: CommandRunner; limitation?: string } {
  if (support.mode !== 'none') {
    const how = support.mode === 'bwrap' ? (support.privilege.length ? 'bubblewrap through sudo' : 'bubblewrap as root') : 'bubblewrap in an unprivileged user namespace';
    core.info(`Kiro sandbox: every command the agent causes runs in an OS sandbox (${how}; read-only system, private /tmp and $HOME, the runner's and the action's files hidden, own PID namespace, no privileges).`);
    const runner = createSandboxRunner(support, layout);
    return { runner, workspaceRunner: runner };
  }
  if (allowUnsandboxed) {
    const limitation = `Commands ran WITHOUT an OS sandbox (allow-unsandboxed-commands is set; ${support.reason}): they could read and change anything the runner's user can, including the action's files.`;
    core.warning(`Kiro sandbox: ${limitation}`);
    const runner = createUnsandboxedRunner();
    return { runner, workspaceRunner: runner, limitation };
  }
  const limitation = `No command was run: this runner offers no OS sandbox (${support.reason}), so the agent could only read and edit files. Install bubblewrap or give the job sudo, or set allow-unsandboxed-commands: true to run commands without isolation.`;
  core.warning(`Kiro sandbox: ${limitation}`);
  // the model cannot write `.git` without commands (the file tools refuse it): the action's own
  // git on it stays safe without a sandbox
  return { runner: createRefusingRunner(limitation), workspaceRunner: createUnsandboxedRunner(), limitation };
}

/**
 * Directories no command may see: the real `$HOME` (credentials, the runner's own directories on
 * hosted runners), `$RUNNER_TEMP` (file commands, the event file, the state clone, the action's
 * trusted git directory) and the action's own directory (`dist/`, `prompts/`).
 */
function hiddenDirs(runnerTemp: string, env: Readonly<Record<string, string>>): string[] {
  const out = [runnerTemp, actionRoot()];
  const home = env.HOME || homedir();
  if (home) out.push(home);
  return out;
}

/**
 * Toolchain directories a command needs although they may lie under a hidden directory: the
 * runner's tool cache and every `PATH` entry (rustup's `~/.cargo/bin` on hosted runners, a
 * self-hosted runner's `_work/_tool`), shown read-only. Never anything under `$RUNNER_TEMP` or the
 * action's own directory.
 */
function toolchainDirs(runnerTemp: string, env: Readonly<Record<string, string>>): string[] {
  const never = [runnerTemp, actionRoot()].map((d) => path.resolve(d));
  const candidates = [env.RUNNER_TOOL_CACHE, env.RUSTUP_HOME, ...(env.PATH ?? '').split(path.delimiter)].filter((d): d is string => !!d && path.isAbsolute(d));
  return [...new Set(candidates.map((d) => path.resolve(d)))].filter((d) => !never.some((n) => d === n || d.startsWith(n + path.sep)));
}

/**
 * Package caches that live under the real `$HOME` (hidden, its toolchains shown read-only) move
 * into the private home, so a build can still write them: `CARGO_HOME` (rustup's `~/.cargo` on
 * hosted runners keeps its binaries on PATH, read-only; the registry goes to the private home).
 */
function writableCaches(privateHome: string, env: Readonly<Record<string, string>>): Record<string, string> {
  const realHome = env.HOME || homedir();
  const cargo = env.CARGO_HOME;
  if (!cargo || (realHome && (cargo === realHome || cargo.startsWith(realHome + path.sep)))) return { CARGO_HOME: path.join(privateHome, '.cargo') };
  return {};
}

/** The action's directory: the nearest ancestor of this module holding `action.yml` (dist/ in the bundle, src/ in tests). */
function actionRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    if (existsSync(path.join(dir, 'action.yml'))) return dir;
    dir = path.dirname(dir);
  }
  return path.dirname(fileURLToPath(import.meta.url));
}

/**
 * A cancelled run tears the network namespace down (killing every command still running in it)
 * after the task's own shutdown work — pushing the work in progress needs the sandbox — and
 * before the process exits (src/orchestrator/shutdown.ts).
 */
function teardownOnSignals(firewall: Firewall): () => void {
  return onShutdown(() => firewall.teardown(), 'cleanup');
}

/** A sandbox opened ahead of need (it overlaps the state store's work): closed on every path that does not hand it to the pipeline. */
export interface EarlySandbox {
  /** The sandbox, now owned by the caller (who closes it). */
  take(): Promise<Sandbox>;
  /** Closes it unless it was taken. Never rejects. */
  release(): Promise<void>;
}

export function earlySandbox(opening: Promise<Sandbox>): EarlySandbox {
  let taken = false;
  opening.catch(() => undefined); // awaited by take(); a failure then surfaces there
  return {
    take: () => {
      taken = true;
      return opening;
    },
    release: async () => {
      if (!taken) await opening.then((sb) => sb.close()).catch(() => undefined);
    },
  };
}
