import { describe, expect, it } from 'vitest';
import { buildSandboxEnv, buildSandboxEnvReport, isCredentialEnvName, resolveTaskEnv } from '../../../src/policy/env.js';

const TOKEN = ['ghs', 'Env0Canary0Value0For0Tests0Only0000000'].join('_');
const KEY = ['sk', 'ant', 'api03', 'envCanaryKey0123456789'].join('-');

const runnerEnv: NodeJS.ProcessEnv = {
  PATH: '/usr/bin:/bin',
  HOME: '/home/runner',
  GITHUB_WORKSPACE: '/home/runner/work/r/r',
  GITHUB_REPOSITORY: 'o/r',
  RUNNER_TEMP: '/home/runner/work/_temp',
  'INPUT_GITHUB-TOKEN': TOKEN,
  'INPUT_ANTHROPIC-API-KEY': KEY,
  INPUT_MODEL: 'auto',
  GITHUB_TOKEN: TOKEN,
  GH_TOKEN: TOKEN,
  ACTIONS_RUNTIME_TOKEN: 'runtime-token-value',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc-token',
  ACTIONS_ID_TOKEN_REQUEST_URL: 'https://oidc.example/x',
  ACTIONS_CACHE_URL: 'https://cache.example/',
  ACTIONS_RESULTS_URL: 'https://results.example/',
  ANTHROPIC_API_KEY: KEY,
  ANTHROPIC_AUTH_TOKEN: 'auth-token',
  AWS_SECRET_ACCESS_KEY: 'aws-secret',
  AWS_SESSION_TOKEN: 'aws-session',
  AWS_REGION: 'eu-west-1',
  NPM_TOKEN: 'npm-token',
  DB_PASSWORD_FILE: '/run/secrets/db',
  MY_CLIENT_SECRET: 'x',
  OPENAI_API_KEY: 'y',
  GIT_CONFIG_COUNT: '1',
  GIT_CONFIG_KEY_0: 'http.https://github.com/.extraheader',
  GIT_CONFIG_VALUE_0: 'AUTHORIZATION: basic abc',
  GITHUB_ENV: '/home/runner/work/_temp/_runner_file_commands/set_env_x',
  GITHUB_OUTPUT: '/home/runner/work/_temp/_runner_file_commands/set_output_x',
  GITHUB_STATE: '/home/runner/work/_temp/_runner_file_commands/save_state_x',
  GITHUB_PATH: '/home/runner/work/_temp/_runner_file_commands/add_path_x',
  GITHUB_STEP_SUMMARY: '/home/runner/work/_temp/_runner_file_commands/step_summary_x',
  SOME_URL: `https://x-access-token:${TOKEN}@github.com/o/r`,
  TOKENIZERS_PARALLELISM: 'false',
  GIT_AUTHOR_NAME: 'me',
};

describe('buildSandboxEnv', () => {
  const env = buildSandboxEnv(runnerEnv, { secrets: [TOKEN, KEY, 'ab'] });

  it('never passes a secret value to the model\'s shell', () => {
    for (const v of Object.values(env)) {
      expect(v).not.toContain(TOKEN);
      expect(v).not.toContain(KEY);
    }
  });

  it('drops credential names, inputs, runner service variables and file-command paths', () => {
    for (const name of [
      'INPUT_GITHUB-TOKEN',
      'INPUT_ANTHROPIC-API-KEY',
      'INPUT_MODEL',
      'GITHUB_TOKEN',
      'GH_TOKEN',
      'ACTIONS_RUNTIME_TOKEN',
      'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
      'ACTIONS_ID_TOKEN_REQUEST_URL',
      'ACTIONS_CACHE_URL',
      'ACTIONS_RESULTS_URL',
      'ANTHROPIC_API_KEY',
      'ANTHROPIC_AUTH_TOKEN',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_SESSION_TOKEN',
      'NPM_TOKEN',
      'DB_PASSWORD_FILE',
      'MY_CLIENT_SECRET',
      'OPENAI_API_KEY',
      'GIT_CONFIG_COUNT',
      'GIT_CONFIG_KEY_0',
      'GIT_CONFIG_VALUE_0',
      'GITHUB_ENV',
      'GITHUB_OUTPUT',
      'GITHUB_STATE',
      'GITHUB_PATH',
      'GITHUB_STEP_SUMMARY',
      'SOME_URL',
    ]) {
      expect(env, name).not.toHaveProperty([name]);
    }
  });

  it('keeps ordinary variables and sets the fixed ones', () => {
    expect(env).toMatchObject({
      PATH: '/usr/bin:/bin',
      HOME: '/home/runner',
      GITHUB_WORKSPACE: '/home/runner/work/r/r',
      GITHUB_REPOSITORY: 'o/r',
      AWS_REGION: 'eu-west-1',
      TOKENIZERS_PARALLELISM: 'false',
      GIT_AUTHOR_NAME: 'me',
      GIT_TERMINAL_PROMPT: '0',
      CI: 'true',
      PAGER: 'cat',
    });
  });

  it('filters extra values: secrets and the job\'s credential names go, deliberate team variables stay', () => {
    const extra = { HTTPS_PROXY: 'http://127.0.0.1:8080', LEAK: `x${TOKEN}`, GH_TOKEN: 'y', 'INPUT_GITHUB-TOKEN': 'z', GITHUB_ENV: '/f', NPM_TOKEN: 'team-registry-token' };
    const e = buildSandboxEnv({ PATH: '/bin' }, { secrets: [TOKEN], extra });
    expect(e).toEqual({ PATH: '/bin', HTTPS_PROXY: 'http://127.0.0.1:8080', NPM_TOKEN: 'team-registry-token', GIT_TERMINAL_PROMPT: '0', CI: 'true', PAGER: 'cat', GIT_PAGER: 'cat' });
  });

  it('reports removed names, never values', () => {
    const { removed } = buildSandboxEnvReport({ GITHUB_TOKEN: TOKEN, A: 'b' }, { secrets: [] });
    expect(removed).toEqual(['GITHUB_TOKEN']);
  });
});

describe('isCredentialEnvName', () => {
  it.each(['GITHUB_TOKEN', 'X_TOKEN', 'TOKEN', 'X_API_KEY', 'X_APIKEY', 'AWS_SECRET_ACCESS_KEY', 'CLIENT_SECRET_ID', 'DB_PASSWORD', 'SSH_PRIVATE_KEY', 'GCP_CREDENTIALS', 'INPUT_ANYTHING'])(
    '%s is a credential name',
    (n) => expect(isCredentialEnvName(n)).toBe(true),
  );
  it.each(['PATH', 'HOME', 'GIT_AUTHOR_NAME', 'TOKENIZERS_PARALLELISM', 'KEYBOARD', 'AWS_REGION', 'CI'])('%s is not', (n) => expect(isCredentialEnvName(n)).toBe(false));
});

describe('resolveTaskEnv', () => {
  it('resolves ${NAME} from the job environment; those values and credential-named ones are secrets', () => {
    const t = resolveTaskEnv(
      { NPM_TOKEN: '${NPM_TOKEN}', DEPLOY: 'key=${DEPLOY_KEY};', NODE_ENV: 'test', DB_PASSWORD: 'literal-pass', EMPTY: '${NOPE}' },
      { NPM_TOKEN: 'npm_abc123', DEPLOY_KEY: 'dk-999' },
    );
    expect(t.env).toEqual({ NPM_TOKEN: 'npm_abc123', DEPLOY: 'key=dk-999;', NODE_ENV: 'test', DB_PASSWORD: 'literal-pass', EMPTY: '' });
    expect(t.secretNames.sort()).toEqual(['DB_PASSWORD', 'DEPLOY', 'NPM_TOKEN']);
    expect(t.warnings).toEqual([expect.stringContaining('env.EMPTY refers to ${NOPE}, which is not set')]);
    expect(t.warnings.join('\n')).not.toContain('npm_abc123');
  });

  it("never passes on the action's own credentials, whatever the variable is called", () => {
    const t = resolveTaskEnv({ GITHUB_TOKEN: '${GITHUB_TOKEN}', KEY: '${INPUT_ANTHROPIC-API-KEY}', MINE: '${ANTHROPIC_API_KEY}' }, { GITHUB_TOKEN: TOKEN, ANTHROPIC_API_KEY: KEY });
    expect(t.env).toEqual({});
    expect(t.warnings).toHaveLength(3);
    expect(t.warnings.join('\n')).not.toContain(TOKEN);
  });
});

describe('buildSandboxEnv with task secrets', () => {
  it('keeps the team env (task secrets included) but never a value holding a job credential', () => {
    const canary = 'kiro-canary-0123456789abcdef';
    const env = buildSandboxEnv(
      { PATH: '/bin', CANARY_SRC: canary },
      { secrets: [canary, TOKEN, KEY], credentials: [TOKEN, KEY], taskEnv: { DEPLOY_KEY: canary, LEAK: `x${TOKEN}`, NPM_TOKEN: 'npm_1234' } },
    );
    expect(env.DEPLOY_KEY).toBe(canary);
    expect(env.NPM_TOKEN).toBe('npm_1234');
    expect(env.LEAK).toBeUndefined();
    // the job variable it came from is not passed on under its own name
    expect(env.CANARY_SRC).toBeUndefined();
  });
});
