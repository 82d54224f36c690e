import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSettings, parseRepoSettings, SettingsError } from '../../src/settings.js';

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const ws = mkdtempSync(path.join(tmpdir(), 'kiro-settings-'));
  return {
    GITHUB_EVENT_NAME: 'issues',
    GITHUB_EVENT_PATH: '/tmp/event.json',
    GITHUB_REPOSITORY: 'octo-org/octo-repo',
    GITHUB_WORKSPACE: ws,
    RUNNER_TEMP: ws,
    GITHUB_RUN_ID: '42',
    'INPUT_GITHUB-TOKEN': 'ghs_x',
    ...extra,
  };
}

const saved = { ...process.env };
afterEach(() => {
  for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
  Object.assign(process.env, saved);
});
function load(extra: Record<string, string> = {}) {
  for (const k of Object.keys(process.env)) if (k.startsWith('INPUT_') || k === 'ACT') delete process.env[k];
  const e = env(extra);
  Object.assign(process.env, e);
  return { settings: loadSettings(process.env), ws: e.GITHUB_WORKSPACE! };
}

describe('loadSettings', () => {
  it('applies defaults and freezes', () => {
    const { settings } = load();
    expect(settings.triggerLabel).toBe('kiro');
    expect(settings.triggerCommand).toBe('/kiro');
    expect(settings.maxConcurrentTasks).toBe(10);
    expect(settings.stateBranch).toBe('kiro/state');
    expect(settings.stateRepository).toBe('octo-org/octo-repo');
    expect(settings.autonomyLevel).toBe('balanced');
    expect(settings.dryRun).toBe(false);
    expect(settings.runner.runUrl).toBe('https://github.com/octo-org/octo-repo/actions/runs/42');
    expect(Object.isFrozen(settings)).toBe(true);
    expect(Object.isFrozen(settings.runner)).toBe(true);
  });

  it('act implies dry run unless dry-run is false', () => {
    expect(load({ ACT: 'true' }).settings.dryRun).toBe(true);
    expect(load({ ACT: 'true', 'INPUT_DRY-RUN': 'false' }).settings.dryRun).toBe(false);
  });

  it('a bad input names the input', () => {
    expect(() => load({ 'INPUT_MAX-CONCURRENT-TASKS': 'many' })).toThrow(/Input 'max-concurrent-tasks'/);
    expect(() => load({ 'INPUT_AUTONOMY-LEVEL': 'reckless' })).toThrow(SettingsError);
    expect(() => load({ 'INPUT_DRY-RUN': 'maybe' })).toThrow(/dry-run/);
  });

  it('reads .kiro/settings.json; inputs override it', () => {
    const e = env();
    mkdirSync(path.join(e.GITHUB_WORKSPACE!, '.kiro'));
    writeFileSync(
      path.join(e.GITHUB_WORKSPACE!, '.kiro/settings.json'),
      JSON.stringify({ agent: { autonomyLevel: 'cautious', forbiddenCommands: ['npm publish'] }, sandbox: { networkAccess: 'custom', allowedDomains: ['.example.com'] } }),
    );
    Object.assign(process.env, e);
    let s = loadSettings(process.env);
    expect(s.autonomyLevel).toBe('cautious');
    expect(s.repo.agent.forbiddenCommands).toEqual(['npm publish']);
    expect(s.networkAccess).toBe('custom');
    expect(s.allowedDomains).toEqual(['.example.com']);
    process.env['INPUT_AUTONOMY-LEVEL'] = 'full';
    s = loadSettings(process.env);
    expect(s.autonomyLevel).toBe('full');
  });

  it('a bad settings file is reported, not thrown', () => {
    const e = env();
    mkdirSync(path.join(e.GITHUB_WORKSPACE!, '.kiro'));
    writeFileSync(path.join(e.GITHUB_WORKSPACE!, '.kiro/settings.json'), '{"agent": {"maxFileEditsPerTask": "lots"}}');
    Object.assign(process.env, e);
    const s = loadSettings(process.env);
    expect(s.repoSettingsError?.field).toBe('agent.maxFileEditsPerTask');
  });
});

describe('parseRepoSettings', () => {
  it.each([
    ['{', '(file)', /not valid JSON/],
    ['{"agent": {"autonomyLevel": "yolo"}}', 'agent.autonomyLevel', /Invalid option/i],
    ['{"agent": {"forbidenCommands": []}}', 'agent.forbidenCommands', /not a known setting.*forbiddenCommands/],
    ['{"sandbox": {"allowedDomains": ["http://x"]}}', 'sandbox.allowedDomains.0', /domain/],
    ['{"env": {"1BAD": "x"}}', 'env.1BAD', /environment variable/],
    ['{"extra": 1}', 'extra', /not a known setting/],
  ])('%s → %s', (text, field, problem) => {
    const r = parseRepoSettings(text);
    expect(r).toBeInstanceOf(SettingsError);
    const e = r as SettingsError;
    expect(e.field).toBe(field);
    expect(e.problem).toMatch(problem);
  });

  it('accepts the seeds example', () => {
    const r = parseRepoSettings(
      JSON.stringify({ agent: { autonomyLevel: 'balanced', allowedCommands: ['npm test'], forbiddenCommands: ['rm -rf', 'git push --force'], maxFileEditsPerTask: 20, requireApprovalForNewFiles: false } }),
    );
    expect(r).not.toBeInstanceOf(SettingsError);
  });
});
