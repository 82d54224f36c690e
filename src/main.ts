/**
 * `run()`: reads settings and the event once, builds the services, routes the event to a handler.
 * It is the only function that calls `core.setFailed`; handlers return, or throw for faults.
 */
import * as core from '@actions/core';
import { readFileSync } from 'node:fs';
import { Outputs } from './constants.js';
import { EventPayloadError, routeEvent } from './events.js';
import type { Command } from './events.js';
import { createGitHubApi } from './github/api.js';
import { createOctokit } from './github/client.js';
import { createDryRunGitHubApi, DryRunRecorder } from './github/dry-run.js';
import { basicCredential } from './git/auth.js';
import { setGitEnvironment } from './git/exec.js';
import { handleCommand } from './orchestrator/handlers.js';
import { installOutcomeWriter, reportOutputs, type OutcomeWriter, type RunOutputs } from './orchestrator/outcome.js';
import { createGitCommandManager } from './git/manager.js';
import { repoContextOf, type Ports, type Services } from './orchestrator/services.js';
import { resolveTaskEnv } from './policy/env.js';
import { Redactor } from './policy/redact.js';
import { forgetCredentialInputs, loadSettings, SettingsError } from './settings.js';
import type { Settings } from './settings.js';

/** Process start in epoch ms, as close to the runner's spawn as we can observe. */
const processStart = Date.now() - Math.round(performance.now());

/** Registers every secret the run knows before anything is logged (SPEC.md §4). */
function buildRedactor(settings: Settings): Redactor {
  const r = new Redactor();
  if (settings.githubToken) {
    r.register(settings.githubToken, 'github-token');
    r.register(basicCredential(settings.githubToken), 'github-token (basic credential)');
  }
  if (settings.anthropicApiKey) r.register(settings.anthropicApiKey, 'anthropic-api-key');
  // task secrets: `${NAME}` values from the job's environment and credential-like names (src/policy/env.ts)
  const task = resolveTaskEnv(settings.repo.env, settings.env);
  for (const name of task.secretNames) r.register(task.env[name]!, `env.${name}`);
  return r;
}

function readEvent(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (e) {
    throw new EventPayloadError('(unknown)', 'GITHUB_EVENT_PATH', `could not be read as JSON: ${(e as Error).message}`);
  }
}

/**
 * Builds the services for a settings object. Dry runs wrap the GitHub API so writes are
 * recorded under `$RUNNER_TEMP` instead of being sent.
 */
export function buildServices(settings: Settings, redactor: Redactor): Services {
  const octokit = createOctokit({ token: settings.githubToken, apiUrl: settings.runner.apiUrl, retryBaseMs: settings.retryBaseMs });
  const redact = (s: string) => redactor.redact(s);
  const real = createGitHubApi(octokit, redact, settings.retryBaseMs);
  const recorder = settings.dryRun ? new DryRunRecorder(settings.runner.runnerTemp, redact) : undefined;
  return {
    settings,
    github: recorder ? createDryRunGitHubApi(real, recorder) : real,
    repo: { owner: settings.runner.owner, repo: settings.runner.repo },
    redact,
    addSecret: (v) => redactor.register(v),
    secretValues: () => redactor.values(),
    // a chunk of its own: the acknowledgement does not pay for loading the agent's code
    preload: async (provider) => (await import('./orchestrator/preload.js')).preloadActionCode(provider),
    recorder,
    startedAt: processStart,
    now: () => Date.now(),
    ports: actionPorts,
  };
}

/**
 * The action's own ports (src/orchestrator/services.ts `Ports`), each loaded on first use — the
 * acknowledgement never loads the state store's, the sandbox's or the SDK's code. A dry run is the
 * same ports with `settings.dryRun`: the store keeps its writes in memory, pushes are reported.
 */
const actionPorts: Ports = {
  openStore: async (svc) => (await import('./orchestrator/store.js')).openStore(svc),
  openSandbox: async (svc) => (await import('./orchestrator/sandbox.js')).openSandbox(svc),
  modelClient: async (s) =>
    (await import('./agent/model.js')).createModelClient({
      apiKey: s.anthropicApiKey,
      ...(s.anthropicBaseUrl ? { baseURL: s.anthropicBaseUrl } : {}),
      provider: s.provider,
      ...(s.vertexProjectId ? { projectId: s.vertexProjectId } : {}),
      retryBaseMs: s.retryBaseMs,
    }),
  git: (svc, sandbox) => createGitCommandManager(repoContextOf(svc, sandbox)),
};

/** Output names of `RunOutputs` fields (action.yml `outputs`). */
const OutputNames: Record<keyof RunOutputs, string> = {
  taskId: Outputs.TaskId,
  status: Outputs.Status,
  branch: Outputs.Branch,
  pullRequestUrl: Outputs.PullRequestUrl,
  costUsd: Outputs.CostUsd,
};

/**
 * The only writer of the job's outputs and summary (issue #14): each output is written the moment
 * a handler reports it (GITHUB_OUTPUT, https://docs.github.com/actions/reference/workflows-and-actions/workflow-commands#setting-an-output-parameter),
 * the summary appended to GITHUB_STEP_SUMMARY (skipped outside Actions).
 */
function actionsOutcomeWriter(settings: Settings): OutcomeWriter {
  return {
    outputs(o) {
      for (const [k, v] of Object.entries(o) as Array<[keyof RunOutputs, string | undefined]>) if (v !== undefined) core.setOutput(OutputNames[k], v);
    },
    async summary(markdown) {
      if (!settings.env.GITHUB_STEP_SUMMARY) return;
      await core.summary.addRaw(markdown, true).write();
    },
  };
}

/** The action's entry point. */
export async function run(): Promise<void> {
  let settings: Settings;
  try {
    settings = loadSettings();
  } catch (e) {
    if (e instanceof SettingsError) {
      core.setFailed(e.message);
      return;
    }
    throw e;
  }
  forgetCredentialInputs();
  installOutcomeWriter(actionsOutcomeWriter(settings));
  setGitEnvironment(settings.env);
  const redactor = buildRedactor(settings);
  try {
    let command: Command;
    try {
      command = routeEvent(settings.runner.eventName, readEvent(settings.runner.eventPath), settings);
    } catch (e) {
      if (e instanceof EventPayloadError) {
        reportOutputs({ status: 'failed' });
        core.setFailed(e.message);
        return;
      }
      throw e;
    }
    if (command.kind === 'noop') {
      core.info(`Kiro: nothing to do — ${command.reason}.`);
      reportOutputs({ status: 'skipped' });
      return;
    }
    // a workflow that cannot call the model fails at once, naming the input — before any comment
    if (command.kind !== 'cancel' && settings.provider === 'anthropic' && !settings.anthropicApiKey) {
      core.error("The workflow does not pass an Anthropic API key: set the 'anthropic-api-key' input (e.g. `${{ secrets.ANTHROPIC_API_KEY }}`).", { title: 'Kiro is not configured' });
      reportOutputs({ status: 'failed' });
      process.exitCode = core.ExitCode.Failure;
      return;
    }
    if (settings.dryRun) core.info('Kiro: dry run — nothing will be written to GitHub or pushed; would-be writes are saved under RUNNER_TEMP.');
    const svc = buildServices(settings, redactor);
    const outcome = await handleCommand(svc, command);
    if (outcome.failed) {
      if (outcome.annotated) process.exitCode = core.ExitCode.Failure;
      else core.setFailed(redactor.redact(outcome.failed));
    }
  } catch (e) {
    const err = e as Error;
    reportOutputs({ status: 'failed' });
    core.setFailed(redactor.redact(`Kiro failed: ${err.message}`));
    if (err.stack) core.debug(redactor.redact(err.stack));
  }
}
