/**
 * The side-effecting services a run works with, built once by `run()` and passed to every
 * handler. Tests and dry runs swap implementations here rather than sprinkling flags.
 */
import type { GitHubApi, RepoRef } from '../github/api.js';
import type { DryRunRecorder } from '../github/dry-run.js';
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
}
