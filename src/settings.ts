/**
 * Settings: action inputs, the runner's environment and `.kiro/settings.json`, read once,
 * validated with zod and frozen. This is the only module that reads inputs (`core.getInput`) or
 * the runner environment; everything else receives a `Settings`.
 *
 * Contracts: inputs arrive as `INPUT_<NAME>` (https://docs.github.com/actions/sharing-automations/creating-actions/metadata-syntax-for-github-actions#inputs),
 * the runner's default variables are listed at
 * https://docs.github.com/actions/writing-workflows/choosing-what-your-workflow-does/store-information-in-variables#default-environment-variables.
 */
import * as core from '@actions/core';
import { z } from 'zod';
import { AutonomyLevels, DefaultBot, DefaultStateBranch, Inputs, NetworkLevels } from './constants.js';
import { DefaultRepoSettings, readRepoSettings, SettingsError, type RepoSettings } from './repo-settings.js';
import type { AutonomyLevel, NetworkLevel } from './constants.js';

// the levels are vocabulary (src/constants.ts); re-exported for the modules that read settings
export { AutonomyLevels, NetworkLevels, type AutonomyLevel, type NetworkLevel };

export { DefaultRepoSettings, parseRepoSettings, readRepoSettings, RepoSettingsSchema, SettingsError, type RepoSettings } from './repo-settings.js';

const positiveInt = (max: number) => z.coerce.number().int().positive().max(max);
const bool = z
  .string()
  .transform((s) => s.trim().toLowerCase())
  .pipe(z.enum(['true', 'false', 'yes', 'no', '1', '0', '']))
  .transform((s) => (s === '' ? undefined : ['true', 'yes', '1'].includes(s)));
const list = z.string().transform((s) =>
  s
    .split(/[\n,]/)
    .map((x) => x.trim())
    .filter(Boolean),
);

const InputsSchema = z.object({
  [Inputs.AnthropicApiKey]: z.string(),
  [Inputs.GithubToken]: z.string().min(1, 'is required (pass ${{ github.token }} or a PAT)'),
  // `auto`, or a Claude model id as the Messages API (or Bedrock/Vertex) names it: a typo such as
  // `opus` or `gpt-4` fails before anything is posted
  [Inputs.Model]: z
    .string()
    .min(1)
    .default('auto')
    .refine((m) => m === 'auto' || /^(?:[\w.-]+[.:/])?claude-[a-z0-9][a-z0-9.@:[\]-]*$/i.test(m.trim()), 'is not a Claude model id (use `auto`, or an id such as claude-opus-4-5)'),
  [Inputs.Provider]: z.enum(['anthropic', 'bedrock', 'vertex']),
  [Inputs.TriggerLabel]: z.string().min(1),
  [Inputs.TriggerCommand]: z.string().regex(/^\/[\w-]+$/, 'must look like /kiro'),
  [Inputs.StateRepository]: z.string().regex(/^([\w.-]+\/[\w.-]+)?$/, 'must be owner/repo'),
  [Inputs.StateBranch]: z.string().min(1).regex(/^[\w./-]+$/, 'must be a branch name'),
  [Inputs.MaxConcurrentTasks]: positiveInt(1000),
  [Inputs.MaxTurns]: positiveInt(100_000),
  [Inputs.MaxCostUsd]: z.coerce.number().positive(),
  // minutes; fractions allowed (e.g. 0.5) so short budgets can be tested
  [Inputs.TimeoutMinutes]: z.coerce.number().positive().max(60 * 24 * 35),
  [Inputs.DryRun]: bool,
  [Inputs.AutonomyLevel]: z.enum([...AutonomyLevels, '']),
  [Inputs.NetworkAccess]: z.enum([...NetworkLevels, '']),
  [Inputs.AllowedDomains]: list,
  [Inputs.AllowBots]: list,
  [Inputs.MaxVerifyRetries]: z.coerce.number().int().min(0).max(20),
  [Inputs.FixFailingChecks]: bool,
  [Inputs.Repositories]: list,
  [Inputs.Task]: z.string(),
  [Inputs.TaskId]: z.string(),
  [Inputs.Automation]: z.string().regex(/^$|^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'is the name of a file in .kiro/automations without `.md` (letters, digits, `_`, `.`, `-`)'),
  [Inputs.BotName]: z.string(),
  [Inputs.BotEmail]: z.string(),
  [Inputs.AllowUnsandboxedCommands]: bool,
});

/** Defaults applied when an input is absent (the runner passes action.yml defaults; tests and the CLI may not). */
const InputDefaults: Record<string, string> = {
  [Inputs.Model]: 'auto',
  [Inputs.Provider]: 'anthropic',
  [Inputs.TriggerLabel]: 'kiro',
  [Inputs.TriggerCommand]: '/kiro',
  [Inputs.StateBranch]: DefaultStateBranch,
  [Inputs.MaxConcurrentTasks]: '10',
  [Inputs.MaxTurns]: '200',
  [Inputs.MaxCostUsd]: '20',
  [Inputs.TimeoutMinutes]: '345',
  [Inputs.MaxVerifyRetries]: '2',
};

const EnvSchema = z.object({
  GITHUB_EVENT_NAME: z.string().min(1),
  GITHUB_EVENT_PATH: z.string().min(1),
  GITHUB_REPOSITORY: z.string().regex(/^[\w.-]+\/[\w.-]+$/, 'must be owner/repo'),
  GITHUB_SERVER_URL: z.url().default('https://github.com'),
  GITHUB_API_URL: z.url().default('https://api.github.com'),
  GITHUB_GRAPHQL_URL: z.string().optional(),
  GITHUB_RUN_ID: z.string().regex(/^\d+$/).default('0'),
  GITHUB_RUN_ATTEMPT: z.string().regex(/^\d+$/).default('1'),
  GITHUB_WORKSPACE: z.string().min(1),
  GITHUB_WORKFLOW_REF: z.string().default(''),
  GITHUB_SHA: z.string().default(''),
  GITHUB_ACTOR: z.string().default(''),
  RUNNER_TEMP: z.string().min(1),
  ACT: z.string().optional(),
  ANTHROPIC_BASE_URL: z.string().optional(),
  ANTHROPIC_VERTEX_PROJECT_ID: z.string().optional(),
  GOOGLE_CLOUD_PROJECT: z.string().optional(),
  KIRO_RETRY_BASE_MS: z.coerce.number().int().min(0).optional(),
  KIRO_COMMAND_TIMEOUT_MS: z.coerce.number().int().positive().optional(),
  KIRO_ISOLATION: z.enum(['off', 'auto', '']).optional(),
  KIRO_CONTEXT_WINDOW_TOKENS: z.coerce.number().int().min(4096).optional(),
  KIRO_FIREWALL: z.enum(['off', 'auto', '']).optional(),
});

/** The runner context the action works in. */
export interface RunnerContext {
  eventName: string;
  eventPath: string;
  owner: string;
  repo: string;
  /** `owner/repo` */
  repository: string;
  serverUrl: string;
  apiUrl: string;
  graphqlUrl: string;
  runId: number;
  runAttempt: number;
  /** `${serverUrl}/${repository}/actions/runs/${runId}` */
  runUrl: string;
  /** Workflow file path within the repository, e.g. `.github/workflows/kiro.yml` (for continuation dispatches). */
  workflowFile: string;
  workflowRef: string;
  /** The ref the workflow file was read from (`refs/heads/main`), used for continuation dispatches. */
  workflowGitRef: string;
  workspace: string;
  runnerTemp: string;
  sha: string;
  actor: string;
  /** True under nektos/act (which sets `ACT=true`). */
  isAct: boolean;
}

/** Everything the action is configured with, validated and frozen. */
export interface Settings {
  /**
   * The environment the action started with, credential inputs removed (`readEnvironment`): the
   * only view of the runner's environment the rest of the action has. The sandbox builds the
   * model's environment from it (src/policy/env.ts), the action's git starts from it
   * (src/git/exec.ts), task secrets are resolved from it.
   */
  env: Readonly<Record<string, string>>;
  anthropicApiKey: string;
  anthropicBaseUrl: string | undefined;
  /** Vertex AI project (`ANTHROPIC_VERTEX_PROJECT_ID`, else `GOOGLE_CLOUD_PROJECT` as google-github-actions/auth exports it). */
  vertexProjectId: string | undefined;
  githubToken: string;
  model: string;
  provider: 'anthropic' | 'bedrock' | 'vertex';
  triggerLabel: string;
  triggerCommand: string;
  stateRepository: string;
  stateBranch: string;
  maxConcurrentTasks: number;
  maxTurns: number;
  maxCostUsd: number;
  /** The job's time budget in minutes; the agent checkpoints before it runs out. */
  timeoutMinutes: number;
  dryRun: boolean;
  autonomyLevel: AutonomyLevel;
  networkAccess: NetworkLevel;
  allowedDomains: readonly string[];
  /** Bot logins allowed to trigger (`*` = any bot); empty = no bots. */
  allowBots: readonly string[];
  maxVerifyRetries: number;
  fixFailingChecks: boolean;
  batch: { repositories: readonly string[]; task: string };
  continuationTaskId: string;
  /** The `automation` input: the automation a `schedule`/`workflow_dispatch` run performs (empty: chosen by schedule). */
  automation: string;
  bot: { name: string; email: string };
  /** Base delay for model retries, ms (tests shorten it). */
  retryBaseMs: number;
  /** Wall-clock limit for one command the model runs, ms. */
  commandTimeoutMs: number;
  /**
   * `allow-unsandboxed-commands`: where the runner offers no OS sandbox, run the model's commands
   * anyway (they can then read and change everything the runner's user can). Default false:
   * fail closed, no command runs.
   */
  allowUnsandboxedCommands: boolean;
  /**
   * Set from `KIRO_ISOLATION=off` (diagnostics and the tests of the fail-closed path): behave as
   * if this runner offered no OS sandbox.
   */
  sandboxDisabledReason: string | undefined;
  /**
   * Set from `KIRO_FIREWALL=off`: no network namespace, the egress proxy alone (a runner whose
   * builds cannot live without the host's network; stated as a limitation in the PR).
   */
  firewallDisabledReason: string | undefined;
  /**
   * `KIRO_CONTEXT_WINDOW_TOKENS`: the context window to manage conversations against, for every
   * model (a model the table does not know, and the tests of context management). Default: the
   * model's own window (`modelInfo`).
   */
  contextWindowTokens: number | undefined;
  runner: RunnerContext;
  /** `.kiro/settings.json`, or defaults when it is absent or invalid (see `repoSettingsError`). */
  repo: RepoSettings;
  /** Set when `.kiro/settings.json` exists but is invalid; no task may start. */
  repoSettingsError: SettingsError | undefined;
  /** The inputs that win over `.kiro/settings.json` as given (empty: not set), to re-merge another repository's file. */
  inputOverrides?: { autonomyLevel: Settings['autonomyLevel'] | ''; networkAccess: Settings['networkAccess'] | ''; allowedDomains: readonly string[] };
}

function firstIssue(e: z.ZodError): { field: string; message: string } {
  const issue = e.issues[0];
  return { field: issue ? issue.path.join('.') : '', message: issue ? issue.message : e.message };
}

/** Reads an input by name, falling back to the built-in default. */
function readInput(name: string): string {
  const v = core.getInput(name);
  return v === '' && name in InputDefaults ? (InputDefaults[name] as string) : v;
}

/**
 * Reads inputs, the environment and `.kiro/settings.json` into one frozen `Settings`.
 *
 * @throws SettingsError for a bad input or environment variable (workflow author's mistake);
 *   a bad settings file does not throw — it is returned in `repoSettingsError`.
 */
export function loadSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const rawInputs: Record<string, string> = {};
  for (const name of Object.values(Inputs)) rawInputs[name] = readInput(name);
  const inputs = InputsSchema.safeParse(rawInputs);
  if (!inputs.success) {
    const { field, message } = firstIssue(inputs.error);
    throw new SettingsError('input', field, `${message} (got ${JSON.stringify(rawInputs[field] ?? '')})`);
  }
  const envParsed = EnvSchema.safeParse(env);
  if (!envParsed.success) {
    const { field, message } = firstIssue(envParsed.error);
    throw new SettingsError('environment', field, message);
  }
  const i = inputs.data;
  const e = envParsed.data;
  const [owner, repo] = e.GITHUB_REPOSITORY.split('/') as [string, string];
  const serverUrl = e.GITHUB_SERVER_URL.replace(/\/+$/, '');
  const apiUrl = e.GITHUB_API_URL.replace(/\/+$/, '');
  const runId = Number(e.GITHUB_RUN_ID);
  const isAct = e.ACT === 'true';
  const workflowFile = /^[^/]+\/[^/]+\/(.+?)@/.exec(e.GITHUB_WORKFLOW_REF)?.[1] ?? '';

  const repoSettings = readRepoSettings(e.GITHUB_WORKSPACE);
  const repoError = repoSettings instanceof SettingsError ? repoSettings : undefined;
  const repoCfg = repoSettings instanceof SettingsError ? DefaultRepoSettings : repoSettings;

  const settings: Settings = {
    env: readEnvironment(env),
    anthropicApiKey: i[Inputs.AnthropicApiKey],
    anthropicBaseUrl: e.ANTHROPIC_BASE_URL || undefined,
    vertexProjectId: e.ANTHROPIC_VERTEX_PROJECT_ID || e.GOOGLE_CLOUD_PROJECT || undefined,
    githubToken: i[Inputs.GithubToken],
    model: i[Inputs.Model],
    provider: i[Inputs.Provider],
    triggerLabel: i[Inputs.TriggerLabel],
    triggerCommand: i[Inputs.TriggerCommand],
    stateRepository: i[Inputs.StateRepository] || e.GITHUB_REPOSITORY,
    stateBranch: i[Inputs.StateBranch],
    maxConcurrentTasks: i[Inputs.MaxConcurrentTasks],
    maxTurns: i[Inputs.MaxTurns],
    maxCostUsd: i[Inputs.MaxCostUsd],
    timeoutMinutes: i[Inputs.TimeoutMinutes],
    // act runs are dry by default (SPEC.md J8) unless dry-run is explicitly false
    dryRun: i[Inputs.DryRun] ?? isAct,
    // an explicit input wins over the repository's file; the file wins over the default
    autonomyLevel: i[Inputs.AutonomyLevel] || repoCfg.agent.autonomyLevel || 'balanced',
    networkAccess: i[Inputs.NetworkAccess] || repoCfg.sandbox.networkAccess || 'common-dependencies',
    allowedDomains: Object.freeze([...new Set([...i[Inputs.AllowedDomains], ...repoCfg.sandbox.allowedDomains])]),
    allowBots: Object.freeze(i[Inputs.AllowBots]),
    maxVerifyRetries: i[Inputs.MaxVerifyRetries],
    fixFailingChecks: i[Inputs.FixFailingChecks] ?? false,
    batch: Object.freeze({ repositories: Object.freeze(i[Inputs.Repositories]), task: i[Inputs.Task] }),
    continuationTaskId: i[Inputs.TaskId],
    automation: i[Inputs.Automation],
    bot: Object.freeze({ name: i[Inputs.BotName] || DefaultBot.name, email: i[Inputs.BotEmail] || DefaultBot.email }),
    retryBaseMs: e.KIRO_RETRY_BASE_MS ?? 1000,
    commandTimeoutMs: e.KIRO_COMMAND_TIMEOUT_MS ?? 10 * 60_000,
    allowUnsandboxedCommands: i[Inputs.AllowUnsandboxedCommands] ?? false,
    sandboxDisabledReason: e.KIRO_ISOLATION === 'off' ? 'the workflow turned the OS sandbox off (KIRO_ISOLATION=off)' : undefined,
    firewallDisabledReason: e.KIRO_FIREWALL === 'off' ? 'the workflow turned the network namespace off (KIRO_FIREWALL=off)' : undefined,
    contextWindowTokens: e.KIRO_CONTEXT_WINDOW_TOKENS,
    runner: Object.freeze({
      eventName: e.GITHUB_EVENT_NAME,
      eventPath: e.GITHUB_EVENT_PATH,
      owner,
      repo,
      repository: e.GITHUB_REPOSITORY,
      serverUrl,
      apiUrl,
      graphqlUrl: e.GITHUB_GRAPHQL_URL || `${apiUrl}/graphql`,
      runId,
      runAttempt: Number(e.GITHUB_RUN_ATTEMPT),
      runUrl: `${serverUrl}/${e.GITHUB_REPOSITORY}/actions/runs/${runId}`,
      workflowFile,
      workflowRef: e.GITHUB_WORKFLOW_REF,
      workflowGitRef: /@(.+)$/.exec(e.GITHUB_WORKFLOW_REF)?.[1] ?? '',
      workspace: e.GITHUB_WORKSPACE,
      runnerTemp: e.RUNNER_TEMP,
      sha: e.GITHUB_SHA,
      actor: e.GITHUB_ACTOR,
      isAct,
    }),
    repo: repoCfg,
    repoSettingsError: repoError,
    inputOverrides: { autonomyLevel: i[Inputs.AutonomyLevel] || '', networkAccess: i[Inputs.NetworkAccess] || '', allowedDomains: i[Inputs.AllowedDomains] },
  };
  return deepFreeze(settings);
}

/**
 * The settings of a task in another repository's work tree (a batch child): that repository's
 * `.kiro/settings.json` re-read and merged as `loadSettings` does (explicit inputs still win),
 * `runner` pointing at the repository and its checkout. Everything else is the run's.
 */
export function settingsForRepository(s: Settings, repository: string, workspace: string): Settings {
  const [owner, repo] = repository.split('/') as [string, string];
  const read = readRepoSettings(workspace);
  const repoCfg = read instanceof SettingsError ? DefaultRepoSettings : read;
  const o = s.inputOverrides ?? { autonomyLevel: '', networkAccess: '', allowedDomains: [] };
  return deepFreeze({
    ...s,
    autonomyLevel: o.autonomyLevel || repoCfg.agent.autonomyLevel || 'balanced',
    networkAccess: o.networkAccess || repoCfg.sandbox.networkAccess || 'common-dependencies',
    allowedDomains: [...new Set([...o.allowedDomains, ...repoCfg.sandbox.allowedDomains])],
    repo: repoCfg,
    repoSettingsError: read instanceof SettingsError ? read : undefined,
    runner: { ...s.runner, owner, repo, repository, workspace },
  });
}

/** Environment names of the credential inputs (`INPUT_GITHUB-TOKEN`, `INPUT_ANTHROPIC-API-KEY`). */
const CredentialInputVars: readonly string[] = [Inputs.GithubToken, Inputs.AnthropicApiKey].map((name) => `INPUT_${name.replace(/ /g, '_').toUpperCase()}`);

/**
 * The process environment as a frozen copy without the credential inputs (they live in
 * `Settings` alone). The one place the action reads its environment: `loadSettings` keeps it as
 * `Settings.env`; the `replay` command, which has no settings, reads it here too.
 */
export function readEnvironment(env: NodeJS.ProcessEnv = process.env): Readonly<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && !CredentialInputVars.includes(k)) out[k] = v;
  return Object.freeze(out);
}

/**
 * Removes the credential inputs (`INPUT_GITHUB-TOKEN`, `INPUT_ANTHROPIC-API-KEY`) from the
 * action's own `process.env` once `Settings` holds them, so no child process the action starts
 * inherits them by accident. (The kernel's copy in `/proc/<pid>/environ` stays: the sandbox's
 * PID namespace is what keeps commands from reading it.)
 */
export function forgetCredentialInputs(env: NodeJS.ProcessEnv = process.env): void {
  for (const name of CredentialInputVars) delete env[name];
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o as object)) deepFreeze(v);
  }
  return o;
}
