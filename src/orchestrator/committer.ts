/**
 * Commits made by the action, never by the model (docs/security.md): the work tree is committed as
 * the bot, co-authored by the task owner, with protected paths left out and secrets scrubbed.
 */
import * as core from '@actions/core';
import { RepoFiles } from '../constants.js';
import type { GitCommandManager } from '../git/manager.js';
import { noreplyEmail, type Identity } from '../git/repo.js';
import { DEFAULT_PROTECTED_GLOBS, findProtectedChanges } from '../policy/paths.js';

/** Commits the work tree as the bot, co-authored by the task owner. */
export interface Committer {
  /**
   * Commits every change of the work tree, built by the action in its own git directory (the
   * model's commits and `.git` are never used). @returns the new sha, or undefined when nothing changed
   */
  commit(message: string): Promise<string | undefined>;
  /** Paths the model changed that were never committed (protected), across this run. */
  refused(): string[];
}

/** What a committer checks before committing: secrets in the staged content and the message. */
export interface CommitGuard {
  /** Every registered form of every secret (`Services.secretValues`). */
  secrets(): readonly string[];
  redact(text: string): string;
}

/**
 * A committer on the checked-out task branch. The whole change is checked each time: protected
 * paths (`.github/workflows/**`, anything under a `.git` directory, and the agent's own settings
 * `.kiro/settings.json` / `.kiro/settings/**`, so a model cannot widen its own permissions) are
 * left out and restored; secrets are replaced in the staged content and redacted from the
 * message (docs/security.md).
 */
export function createCommitter(git: GitCommandManager, bot: Identity, owner: { login: string; id: number } | undefined, guard: CommitGuard): Committer {
  // an automation on a schedule has no one to credit
  const coAuthors: Identity[] = owner ? [{ name: owner.login, email: noreplyEmail(owner.login, owner.id) }] : [];
  const refused = new Set<string>();
  return {
    async commit(message) {
      const out = await git.commit(guard.redact(message), bot, coAuthors, {
        refuse: (paths) => findProtectedChanges(paths, COMMIT_PROTECTED_GLOBS),
        secrets: () => guard.secrets(),
      });
      if (out.refused.length) {
        core.warning(`Kiro: changes to protected paths were not committed and were restored: ${out.refused.join(', ')}`);
        for (const p of out.refused) refused.add(p);
      }
      for (const f of out.scrubbed) core.warning(`Kiro: ${f.path} held a secret value (${f.count}×); it was replaced by *** in the commit.`);
      return out.sha;
    },
    refused: () => [...refused],
  };
}

/** Paths no commit of the action carries, whoever changed them (see `createCommitter`). */
// `gha-creds-*.json`: the credentials file google-github-actions/auth writes into the checkout
export const COMMIT_PROTECTED_GLOBS: readonly string[] = Object.freeze([...DEFAULT_PROTECTED_GLOBS, RepoFiles.Settings, '.kiro/settings/**', 'gha-creds-*.json']);
