/**
 * The environment of commands the model runs (SPEC.md §4: "the model's shell never sees the API
 * key or the GitHub token").
 *
 * Removed, by name:
 * - `INPUT_*` — every action input, `github-token` and `anthropic-api-key` among them;
 * - `GITHUB_TOKEN`, `GH_TOKEN`, `GH_ENTERPRISE_TOKEN`, `GITHUB_ENTERPRISE_TOKEN`;
 * - the runner's service credentials: `ACTIONS_RUNTIME_TOKEN`, `ACTIONS_RUNTIME_URL`,
 *   `ACTIONS_ID_TOKEN_REQUEST_TOKEN`, `ACTIONS_ID_TOKEN_REQUEST_URL` (OIDC), `ACTIONS_CACHE_URL`,
 *   `ACTIONS_RESULTS_URL`;
 * - the model's credentials: `ANTHROPIC_API_KEY`, `ANTHROPIC_AUTH_TOKEN`, and cloud ones
 *   `AWS_*SECRET*`, `AWS_SESSION_TOKEN`, `GOOGLE_APPLICATION_CREDENTIALS`;
 * - anything named like a credential: `*_TOKEN`, `*_SECRET*`, `*_PASSWORD*`, `*_API_KEY`,
 *   `*_PRIVATE_KEY*`, `*_CREDENTIALS` (and the same words as a whole name: `TOKEN`, `SECRET`…);
 * - git settings that carry or reach credentials: `GIT_CONFIG_COUNT`, `GIT_CONFIG_KEY_n`,
 *   `GIT_CONFIG_VALUE_n`, `GIT_CONFIG_PARAMETERS` (the action's own auth header travels there),
 *   `GIT_ASKPASS`, `SSH_ASKPASS`, `GIT_SSH_COMMAND`, `SSH_AUTH_SOCK`;
 * - the runner's file-command paths `GITHUB_ENV`, `GITHUB_OUTPUT`, `GITHUB_STATE`, `GITHUB_PATH`,
 *   `GITHUB_STEP_SUMMARY`: writing those files sets variables, outputs and PATH for later steps
 *   (https://docs.github.com/actions/reference/workflow-commands-for-github-actions#environment-files).
 * Removed, by value: any variable whose value contains a registered secret.
 * Set: `GIT_TERMINAL_PROMPT=0` (no credential prompt can hang a command), `CI=true`, `PAGER=cat`,
 * `GIT_PAGER=cat` (no pager waits for a terminal).
 *
 * Added on purpose: the team's `env` from `.kiro/settings.json` (`resolveTaskEnv`: `${NAME}`
 * references resolved from the job's environment). Those values may be task secrets — the
 * project's commands need them (a private registry token) — so they are registered for
 * redaction instead of withheld; only the action's own credentials never enter (docs/security.md
 * "What counts as a secret").
 */

const EXACT = new Set([
  'GITHUB_TOKEN',
  'GH_TOKEN',
  'GH_ENTERPRISE_TOKEN',
  'GITHUB_ENTERPRISE_TOKEN',
  'ACTIONS_RUNTIME_TOKEN',
  'ACTIONS_RUNTIME_URL',
  'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
  'ACTIONS_ID_TOKEN_REQUEST_URL',
  'ACTIONS_CACHE_URL',
  'ACTIONS_RESULTS_URL',
  'ANTHROPIC_API_KEY',
  'ANTHROPIC_AUTH_TOKEN',
  'AWS_SESSION_TOKEN',
  'GOOGLE_APPLICATION_CREDENTIALS',
  'GIT_CONFIG_COUNT',
  'GIT_CONFIG_PARAMETERS',
  'GIT_ASKPASS',
  'SSH_ASKPASS',
  'GIT_SSH_COMMAND',
  'SSH_AUTH_SOCK',
]);

/** The runner's environment files; the model must not write workflow commands. */
export const RUNNER_FILE_COMMAND_VARS: readonly string[] = Object.freeze(['GITHUB_ENV', 'GITHUB_OUTPUT', 'GITHUB_STATE', 'GITHUB_PATH', 'GITHUB_STEP_SUMMARY']);

const CREDENTIAL_WORD = /(^|_)(TOKEN|API_?KEY|CREDENTIALS?)$|(^|_)(SECRET|PASSWORD|PASSWD|PRIVATE_KEY)/;

function isJobCredentialName(name: string): boolean {
  const n = name.toUpperCase();
  return EXACT.has(n) || n.startsWith('INPUT_') || /^GIT_CONFIG_(KEY|VALUE)_\d+$/.test(n);
}

/** Names never passed on, whoever asks: the job's own credentials and the runner's file commands. */
function isJobPlumbingName(name: string): boolean {
  return isJobCredentialName(name) || RUNNER_FILE_COMMAND_VARS.includes(name.toUpperCase());
}

/** True when a variable with this name is assumed to carry a credential. */
export function isCredentialEnvName(name: string): boolean {
  const n = name.toUpperCase();
  if (isJobCredentialName(n)) return true;
  if (n.startsWith('AWS_') && n.includes('SECRET')) return true;
  return CREDENTIAL_WORD.test(n);
}

export interface SandboxEnvOptions {
  /**
   * Secret values (every registered form; `Redactor.values()`); values shorter than 4 are
   * ignored. A variable of `base` or `extra` whose value holds one is dropped.
   */
  secrets: Iterable<string>;
  /**
   * The team's variables (`.kiro/settings.json` `env`, references resolved by `resolveTaskEnv`),
   * added last and on purpose: their values may be task secrets (the project's commands need
   * them; outputs are redacted instead). Only the job's plumbing names and values holding one of
   * `credentials` are dropped — the model's shell never gets the action's own credentials.
   */
  taskEnv?: Record<string, string>;
  /** Every form of the action's own credentials (API key, GitHub token); default `secrets`. */
  credentials?: Iterable<string>;
  /**
   * Added last (proxy settings, the team's `env` from .kiro/settings.json). A value holding a
   * secret, the GitHub/Anthropic/runner credential names, `INPUT_*`, `GIT_CONFIG_*` and the
   * file-command paths are still dropped; other names that merely look like credentials
   * (`NPM_TOKEN`) are kept, since the team put them there on purpose.
   */
  extra?: Record<string, string>;
}

/** What `buildSandboxEnv` removed, by name only (never values), for the job log. */
export interface SandboxEnvReport {
  env: Record<string, string>;
  removed: string[];
}

/**
 * The environment for commands the model runs: `base` (`Settings.env`, the runner's environment) without
 * credentials, runner file-command paths or any value containing a secret, plus fixed settings
 * and `extra`. Pure; never throws.
 */
export function buildSandboxEnv(base: NodeJS.ProcessEnv, opts: SandboxEnvOptions): Record<string, string> {
  return buildSandboxEnvReport(base, opts).env;
}

/** `buildSandboxEnv` that also lists the names it removed. */
export function buildSandboxEnvReport(base: NodeJS.ProcessEnv, opts: SandboxEnvOptions): SandboxEnvReport {
  const usable = (values: Iterable<string>): string[] => [...new Set([...values].filter((s) => typeof s === 'string' && s.length >= 4))];
  const secrets = usable(opts.secrets);
  const credentials = opts.credentials ? usable(opts.credentials) : secrets;
  const env: Record<string, string> = {};
  const removed: string[] = [];
  const consider = (name: string, value: string | undefined, strictNames: boolean, forbidden: readonly string[] = secrets): void => {
    if (value === undefined) return;
    const badName = isJobPlumbingName(name) || (strictNames && isCredentialEnvName(name));
    if (badName || forbidden.some((s) => value.includes(s))) {
      removed.push(name);
      delete env[name];
      return;
    }
    env[name] = value;
  };
  for (const [name, value] of Object.entries(base)) consider(name, value, true);
  env.GIT_TERMINAL_PROMPT = '0';
  env.CI = 'true';
  env.PAGER = 'cat';
  env.GIT_PAGER = 'cat';
  for (const [name, value] of Object.entries(opts.extra ?? {})) consider(name, value, false);
  for (const [name, value] of Object.entries(opts.taskEnv ?? {})) consider(name, value, false, credentials);
  return { env, removed: [...new Set(removed)].sort() };
}

/** `.kiro/settings.json` `env` after `resolveTaskEnv`. */
export interface TaskEnv {
  /** The variables, `${NAME}` references replaced by the job's values. */
  env: Record<string, string>;
  /**
   * Names whose values are task secrets (registered for masking and redaction): every value
   * that took something from the job's environment through `${NAME}` (where workflows put
   * `${{ secrets.X }}`), and every value of a credential-like name (`NPM_TOKEN`, `DB_PASSWORD`).
   * Other literal values are configuration committed to the repository in plain text, not
   * secrets: redacting `test` or `true` from every comment would only garble them.
   */
  secretNames: string[];
  /** Problems worth a log line (no values): unset references, references to the action's credentials. */
  warnings: string[];
}

const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_-]*)\}/g;

/**
 * Resolves `${NAME}` references in the team's `env` against the job's environment (the seeds'
 * syntax: `{"env": {"NPM_TOKEN": "${NPM_TOKEN}"}}`, the workflow passing
 * `env: NPM_TOKEN: ${{ secrets.NPM_TOKEN }}`) and says which values are secrets (see
 * `TaskEnv.secretNames`). A reference to an unset variable becomes empty (with a warning); a
 * variable that refers to the action's own credentials (`GITHUB_TOKEN`, `INPUT_*`,
 * `ANTHROPIC_API_KEY`, runner tokens) is left out with a warning: the model's shell never gets
 * them. Pure; never throws.
 */
export function resolveTaskEnv(repoEnv: Readonly<Record<string, string>>, jobEnv: Readonly<Record<string, string | undefined>>): TaskEnv {
  const env: Record<string, string> = {};
  const secretNames: string[] = [];
  const warnings: string[] = [];
  for (const [name, raw] of Object.entries(repoEnv)) {
    let referenced = false;
    let credential: string | undefined;
    const value = raw.replace(REFERENCE, (_m, ref: string) => {
      if (isJobCredentialName(ref)) {
        credential ??= ref;
        return '';
      }
      const v = jobEnv[ref];
      if (v === undefined || v === '') {
        warnings.push(`env.${name} refers to \${${ref}}, which is not set in the job's environment; it is empty`);
        return '';
      }
      referenced = true;
      return v;
    });
    if (credential) {
      warnings.push(`env.${name} refers to \${${credential}}, one of the action's own credentials; commands the agent runs never get it, so env.${name} is left out`);
      continue;
    }
    env[name] = value;
    if ((referenced || isCredentialEnvName(name)) && value.trim() !== '') secretNames.push(name);
  }
  return { env, secretNames, warnings };
}
