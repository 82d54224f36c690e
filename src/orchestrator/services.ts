/**
 * The ports a run works with, built once by `run()` (src/main.ts `buildServices`) and passed to
 * every handler: GitHub, settings (with the environment), the clock, secrets, and the factories of
 * the state store, the sandbox (the process runner every command goes through) and the model
 * client. Dry runs and tests swap implementations here rather than sprinkling flags.
 */
import type { AgentTool, ModelClient, ToolContext } from '../agent/types.js';
import type { GitHubApi, RepoRef } from '../github/api.js';
import type { DryRunRecorder } from '../github/dry-run.js';
import path from 'node:path';
import type { GitCommandManager } from '../git/manager.js';
import type { RepoContext } from '../git/repo.js';
import type { CommandRunner } from '../sandbox/runner.js';
import type { Settings } from '../settings.js';
import type { StateStore } from '../state/store-api.js';

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
  /** Factories of the run's state store, sandbox and model client. */
  ports: Ports;
}

/**
 * The ports whose implementations live in chunks loaded on demand (the acknowledgement does not
 * load them): `main.ts` imports them lazily; tests pass fakes (a scripted model, an unsandboxed
 * runner, an in-memory store).
 */
export interface Ports {
  /** Opens the run's state store (src/orchestrator/store.ts `openStore`): its writes stay in memory in a dry run. */
  openStore(svc: Services): Promise<StateStore>;
  /** Opens the sandbox of one run (src/orchestrator/sandbox.ts `openSandbox`), on `svc`'s workspace. */
  openSandbox(svc: Services): Promise<Sandbox>;
  /** The Messages API client (Anthropic, Bedrock or Vertex per `settings`, src/agent/model.ts); sessions wrap it to redact secrets. */
  modelClient(settings: Settings): Promise<ModelClient>;
  /** The action's git on `svc`'s repository (src/git/manager.ts), reaching the model's `.git` through `sandbox` when given. */
  git(svc: Services, sandbox?: WorkspaceSandbox): GitCommandManager;
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

/** How the network access level is enforced on this runner. */
export type NetworkEnforcement =
  /** `open-internet`: nothing to enforce. */
  | 'open'
  /** The egress proxy, through proxy variables only: a command that ignores them is not confined. */
  | 'proxy'
  /** The egress proxy inside a network namespace: unsetting proxy variables does not bypass it. */
  | 'netns';

export interface Sandbox {
  toolContext: ToolContext;
  /** The one process runner every command the model causes goes through (also `toolContext.runner`). */
  runner: CommandRunner;
  /**
   * The runner for the action's own git commands on the model's `.git` (checking the task branch
   * out there, keeping it in step with the action's commits): the sandbox, or — where commands
   * are refused (fail-closed) — a plain runner, since the model then has no way to write `.git`.
   */
  workspaceRunner: CommandRunner;
  /** How commands are isolated here (`bwrap`, `bwrap-userns`, `unsandboxed` by opt-in, `refused`). */
  isolation: CommandRunner['mode'];
  /** Called with each verification command line (names it for the egress proxy's blocked list). */
  commandEnv?: (command: string) => Record<string, string>;
  /** Requests the egress proxy blocked, with the command that made them (redacted). */
  blocked(): Array<{ host: string; command?: string }>;
  /** A stated limitation of the sandbox or its network enforcement on this runner, if any (status comment, PR body). */
  limitation?: string;
  /** How the network level is enforced here. */
  enforcement: NetworkEnforcement;
  /** Tools of the repository's MCP servers (`.kiro/settings/mcp.json`) that started. */
  mcpTools: AgentTool[];
  /** MCP servers that could not be used or stopped during the run, as status lines (redacted). */
  mcpProblems(): string[];
  /** Records the owner's approval of a paused command line (`/kiro continue`). */
  approve(command: string): void;
  /** Records the owner's approval of a paused file tool call (a new file or a large rewrite), by its workspace-relative path. */
  approvePath(path: string): void;
  /** Counts files an earlier run of the task changed (workspace-relative) against `maxFileEditsPerTask`. */
  countEdited(paths: Iterable<string>): void;
  close(): Promise<void>;
}
