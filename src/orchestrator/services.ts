/**
 * The side-effecting services a run works with, built once by `run()` and passed to every
 * handler. Tests and dry runs swap implementations here rather than sprinkling flags.
 */
import type { GitHubApi, RepoRef } from '../github/api.js';
import type { DryRunRecorder } from '../github/dry-run.js';
import path from 'node:path';
import type { RepoContext } from '../git/repo.js';
import type { CommandRunner } from '../sandbox/runner.js';
import type { Settings } from '../settings.js';

export interface Services {
  settings: Settings;
  github: GitHubApi;
  /** The repository the workflow runs in. */
  repo: RepoRef;
  /** Redacts registered secrets and token shapes; applied to everything the action writes. */
  redact: (text: string) => string;
  /** Registers a new secret value for redaction and masking. */
  addSecret: (value: string) => void;
  /** Every registered secret value, with its derived forms (to strip from the sandbox environment). */
  secretValues: () => string[];
  /** Set in dry runs: records writes instead of making them. */
  recorder: DryRunRecorder | undefined;
  /** Epoch ms when the process started (for the status comment's elapsed time and benchmarks). */
  startedAt: number;
  now: () => number;
  /**
   * Loads every lazily loaded part of the action (bundle chunks, prompt templates, the provider's
   * SDK) — before the first command the model causes (src/orchestrator/preload.ts). A port built by
   * `main.ts`, the only module that may import every chunk without an import cycle.
   */
  preload: (provider: Settings['provider']) => Promise<{ modules: number; prompts: number }>;
}

/** The sandbox parts the git layer needs to work on the model's `.git` (see `Sandbox`). */
export interface WorkspaceSandbox {
  workspaceRunner: CommandRunner;
  toolContext: { env: Readonly<Record<string, string>> };
}

/**
 * The run's repository as the git layer sees it: the workspace as work tree, the action's own
 * git directory under `RUNNER_TEMP` (out of the sandbox's view), and — given the sandbox — the
 * model's `.git` reached through it. In a dry run, each skipped push is recorded
 * (`git-writes.jsonl`) with the diff it would have pushed (`<branch>.diff`).
 */
export function repoContextOf(svc: Services, sandbox?: WorkspaceSandbox): RepoContext {
  const s = svc.settings;
  const r = s.runner;
  const recorder = svc.recorder;
  return {
    dir: r.workspace,
    gitDir: path.join(r.runnerTemp, 'kiro-git', `${r.repository.toLowerCase().replace('/', '--')}.git`),
    ...(sandbox ? { workspaceGit: { runner: sandbox.workspaceRunner, workspace: r.workspace, env: sandbox.toolContext.env, timeoutMs: s.commandTimeoutMs } } : {}),
    serverUrl: r.serverUrl,
    repository: r.repository,
    token: s.githubToken,
    dryRun: s.dryRun,
    ...(recorder
      ? {
          onSkippedPush: ({ branch, sha, log, patch }) => {
            const file = recorder.saveArtefact(`${branch.replace(/[^\w.-]+/g, '-')}.patch`, patch);
            recorder.record('git-writes.jsonl', { operation: 'push branch', repository: r.repository, params: { ref: `refs/heads/${branch}`, sha, commits: log.trim().split('\n').filter(Boolean), patch: file } });
          },
        }
      : {}),
  };
}
