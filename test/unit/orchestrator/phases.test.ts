/**
 * The phases of a task run (src/orchestrator/pipeline.ts, phases/) in-process, on fake ports: a
 * scripted model (mini-swe-agent's deterministic-model style), a GitHub that records calls, an
 * unsandboxed runner on a temporary checkout and a real git remote on disk. No rig, no bundle:
 * each phase's contract — what it records, what it leaves on the branch, how it ends — is checked
 * where it is implemented. (The journeys through dist/index.js are test/e2e/.) The git port is the
 * action's own, on a remote on disk: what reaches the branch is checked there.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ModelRequest } from '../../../src/agent/types.js';
import type { GitHubApi } from '../../../src/github/api.js';
import type { StatusComment } from '../../../src/orchestrator/lifecycle.js';
import { runPipeline, type TaskRun } from '../../../src/orchestrator/pipeline.js';
import { repoContextOf, type Sandbox, type Services } from '../../../src/orchestrator/services.js';
import { createGitCommandManager } from '../../../src/git/manager.js';
import { createToolPolicy } from '../../../src/policy/paths.js';
import { createUnsandboxedRunner } from '../../../src/sandbox/runner.js';
import type { Settings } from '../../../src/settings.js';
import type { TaskInput, TaskSpec } from '../../../src/state/schema.js';
import { call, scriptedModel, tempDir, type ScriptStep } from '../agent/helpers.js';

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@x' } }).trim();

const SPEC = {
  title: 'Fix add() so it adds',
  summary: 'add() subtracts; make it return the sum.',
  requirements: ['WHEN add(a, b) is called THE SYSTEM SHALL return a + b'],
  acceptanceCriteria: [{ id: 'AC1', text: 'src/calc.js returns a + b' }],
  plan: [{ id: 1, title: 'Fix add()', detail: 'src/calc.js' }],
  needsCode: true,
  questions: [],
};
const FIX = call('str_replace_based_edit_tool', { command: 'str_replace', path: 'src/calc.js', old_str: 'return a - b;', new_str: 'return a + b;' });
const STEP = call('complete_step', { step_id: 1, summary: 'add() returns a + b' });
const FINISH = call('finish', { summary: 'add() now adds.', approach: 'One operator.', tradeoffs: '' });
const PASS = call('submit_verdict', { criteria: [{ id: 'AC1', met: true, evidence: 'return a + b' }], passed: true, feedback: '' });

/** The role of a request: its system prompt's `[kiro:role=…]` marker (src/agent/roles.ts). */
const roleOf = (req: ModelRequest) => /\[kiro:role=([\w-]+)\]/.exec(JSON.stringify(req.system))?.[1] ?? 'unknown';

/** One scripted model per role; the session's requests go to the script of their role. */
function routedModel(scripts: Record<string, ScriptStep[]>) {
  const models = Object.fromEntries(Object.entries(scripts).map(([role, steps]) => [role, scriptedModel(steps)]));
  const roles: string[] = [];
  return {
    roles,
    requests: (role: string) => models[role]?.requests ?? [],
    client: {
      send: (req: ModelRequest) => {
        const role = roleOf(req);
        roles.push(role);
        const m = models[role];
        if (!m) throw new Error(`no script for role ${role}`);
        return m.send(req);
      },
    },
  };
}

interface World {
  root: string;
  remote: string;
  workspace: string;
  calls: Array<[string, unknown[]]>;
  persisted: Array<Partial<TaskInput>>;
  phases: string[];
}

let w: World;
beforeEach(() => {
  const root = tempDir('kiro-phases-');
  const remote = path.join(root, 'remote', 'acme', 'app');
  mkdirSync(remote, { recursive: true });
  git(remote, 'init', '-q', '--bare', '-b', 'main');
  const seed = path.join(root, 'seed');
  mkdirSync(path.join(seed, 'src'), { recursive: true });
  writeFileSync(path.join(seed, 'src', 'calc.js'), 'export function add(a, b) {\n  return a - b;\n}\n');
  git(seed, 'init', '-q', '-b', 'main');
  git(seed, 'add', '-A');
  git(seed, 'commit', '-q', '-m', 'seed');
  git(seed, 'push', '-q', remote, 'main');
  const workspace = path.join(root, 'ws');
  git(root, 'clone', '-q', remote, workspace);
  mkdirSync(path.join(root, 'tmp'));
  w = { root, remote, workspace, calls: [], persisted: [], phases: [] };
});
afterEach(() => {
  execFileSync('rm', ['-rf', w.root]);
});

function settings(): Settings {
  return {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
    anthropicApiKey: 'sk-ant-test',
    githubToken: 'ghs_test',
    model: 'claude-sonnet-4-5',
    provider: 'anthropic',
    triggerCommand: '/kiro',
    maxTurns: 50,
    maxCostUsd: 10,
    timeoutMinutes: 60,
    dryRun: false,
    autonomyLevel: 'full',
    networkAccess: 'open-internet',
    allowedDomains: [],
    maxVerifyRetries: 1,
    bot: { name: 'kiro-action[bot]', email: 'kiro@users.noreply.github.com' },
    retryBaseMs: 1,
    commandTimeoutMs: 30_000,
    runner: { repository: 'acme/app', owner: 'acme', repo: 'app', serverUrl: `file://${path.join(w.root, 'remote')}`, runId: 77, runAttempt: 1, runUrl: 'https://github.test/acme/app/actions/runs/77', workspace: w.workspace, runnerTemp: path.join(w.root, 'tmp') },
  } as unknown as Settings;
}

/** A GitHub that records every call; the few reads the phases make answer from `answers`. */
function fakeGitHub(answers: Partial<Record<keyof GitHubApi, (...args: unknown[]) => unknown>>): GitHubApi {
  return new Proxy({} as GitHubApi, {
    get: (_t, name: string) =>
      async (...args: unknown[]) => {
        w.calls.push([name, args]);
        return answers[name as keyof GitHubApi]?.(...args);
      },
  });
}

function services(model: { send(req: ModelRequest): Promise<unknown> }): Services {
  const s = settings();
  return {
    settings: s,
    github: fakeGitHub({
      getDefaultBranch: () => 'main',
      findOpenPullByHead: () => undefined,
      createPull: (_r, p) => ({ number: 5, htmlUrl: 'https://github.test/acme/app/pull/5', headRef: (p as { head: string }).head, state: 'open', draft: false, body: '' }),
    }),
    repo: { owner: 'acme', repo: 'app' },
    redact: (t) => t,
    addSecret: () => undefined,
    secretValues: () => [],
    recorder: undefined,
    startedAt: Date.now(),
    now: () => Date.now(),
    preload: async () => ({ modules: 0, prompts: 0 }),
    ports: {
      openStore: () => Promise.reject(new Error('the phases write through TaskRun.persist')),
      openSandbox: () => Promise.reject(new Error('the run is given its sandbox')),
      modelClient: async () => model as never,
      git: (svc, sb) => createGitCommandManager(repoContextOf(svc, sb)),
    },
  };
}

function sandbox(): Sandbox {
  const runner = createUnsandboxedRunner();
  const policy = createToolPolicy({ workspace: w.workspace, commands: { forbiddenCommands: [], allowedCommands: [], autonomy: 'full' }, maxFileEditsPerTask: 100, requireApprovalForNewFiles: false });
  const stateDir = path.join(w.root, 'tmp', 'state');
  mkdirSync(stateDir, { recursive: true });
  return {
    toolContext: { workspace: w.workspace, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: w.root }, policy, redact: (t) => t, commandTimeoutMs: 30_000, runner, stateDir },
    runner,
    workspaceRunner: runner,
    isolation: runner.mode,
    blocked: () => [],
    enforcement: 'open',
    mcpTools: [],
    mcpProblems: () => [],
    approve: () => undefined,
    approvePath: () => undefined,
    countEdited: () => undefined,
    close: async () => undefined,
  };
}

function taskRun(svc: Services, over: Partial<TaskRun> = {}): TaskRun {
  const status = {
    view: {},
    update: async (patch: { phase?: string; state?: string }) => {
      if (patch.phase) w.phases.push(`${patch.state ?? ''}|${patch.phase}`);
    },
  } as unknown as StatusComment;
  return {
    svc,
    taskId: 'app-7-test',
    issueNumber: 7,
    issueUrl: 'https://github.test/acme/app/issues/7',
    issueTitle: 'add() subtracts',
    owner: { login: 'alice', id: 1001 },
    labels: [],
    status,
    sandbox: sandbox(),
    plannerInput: 'Fix add().',
    steering: '',
    learnings: [],
    persist: async (patch) => {
      w.persisted.push(structuredClone(patch));
    },
    ...over,
  };
}

const remoteFile = (branch: string, file: string) => git(w.remote, 'show', `${branch}:${file}`);

describe('the pipeline as phases, in-process on fake ports', () => {
  it('plan → branch → code ⇄ verify → deliver: the spec and branch are recorded, the step is pushed as the bot co-authored by the owner, the pull request opened and the record completed', async () => {
    const model = routedModel({ planner: [call('submit_spec', SPEC)], coder: [FIX, STEP, FINISH], verifier: [PASS] });
    const end = await runPipeline(taskRun(services(model.client)));
    expect(end).toMatchObject({ state: 'completed', pullRequestUrl: 'https://github.test/acme/app/pull/5', draft: false });
    expect(model.roles).toEqual(['planner', 'coder', 'coder', 'coder', 'verifier']);
    // the record, in order: spec (plan), branch (branch), step done (code), completed (deliver)
    expect(w.persisted[0]).toMatchObject({ spec: { title: SPEC.title }, progress: { phase: 'coding' } });
    expect(w.persisted[1]).toEqual({ branch: 'kiro/7-add-subtracts', baseBranch: 'main' });
    expect(w.persisted.at(-1)).toMatchObject({ state: 'completed', pullRequest: { number: 5 }, progress: { phase: 'done' } });
    // the branch on the remote: the fix, committed by the action as the bot, co-authored by the owner
    expect(remoteFile('kiro/7-add-subtracts', 'src/calc.js')).toContain('return a + b;');
    const log = git(w.remote, 'log', '--format=%an|%B', 'kiro/7-add-subtracts', '-1');
    expect(log).toMatch(/^kiro-action\[bot\]\|/);
    expect(log).toContain('Co-authored-by: alice <1001+alice@users.noreply.github.com>');
    const pulls = w.calls.filter(([n]) => n === 'createPull');
    expect(pulls).toHaveLength(1);
    expect(pulls[0]![1][1]).toMatchObject({ head: 'kiro/7-add-subtracts', base: 'main', draft: false, title: SPEC.title });
    expect(w.phases.at(-1)).toBe('completed|Pull request opened; verification passed.');
  });

  it('resumed from the record (its spec and branch, the owner’s answers): no planning, the answers reach the coder, one pull request', async () => {
    const spec: TaskSpec = { ...SPEC, plan: [{ ...SPEC.plan[0]!, done: false }] };
    const model = routedModel({ coder: [FIX, STEP, FINISH], verifier: [PASS] });
    const end = await runPipeline(taskRun(services(model.client), { spec, branch: 'kiro/7-add-subtracts', resume: { answers: 'Use plain addition.' } }));
    expect(end.state).toBe('completed');
    expect(model.roles).not.toContain('planner');
    // the recorded branch is not recorded again; the answers reach the coder
    expect(w.persisted.some((p) => 'branch' in p)).toBe(false);
    expect(JSON.stringify(model.requests('coder')[0]!.messages)).toContain('Use plain addition.');
    expect(remoteFile('kiro/7-add-subtracts', 'src/calc.js')).toContain('return a + b;');
  });

  it('plan with questions ends the run Needs attention before any branch exists', async () => {
    const model = routedModel({ planner: [call('submit_spec', { ...SPEC, questions: ['Should add() accept strings?'] })] });
    const end = await runPipeline(taskRun(services(model.client)));
    expect(end).toMatchObject({ state: 'needs_attention', reason: 'questions', questions: ['Should add() accept strings?'] });
    expect(w.persisted).toHaveLength(1);
    expect(w.persisted[0]).toMatchObject({ progress: { phase: 'questions' } });
    expect(w.calls.map(([n]) => n)).not.toContain('getDefaultBranch');
    expect(git(w.remote, 'branch', '--list')).not.toContain('kiro/');
  });

  it('a question that needs no code is answered and completed without git', async () => {
    const model = routedModel({ planner: [call('submit_spec', { ...SPEC, needsCode: false, plan: [], summary: 'add() lives in src/calc.js.' })] });
    const end = await runPipeline(taskRun(services(model.client)));
    expect(end.state).toBe('completed');
    expect(w.calls.map(([n]) => n)).not.toContain('createPull');
    expect(w.phases.at(-1)).toBe('completed|Answered; no code change was needed.');
  });

  it('a model failure while coding ends the run Failed with the work so far pushed (nothing committed is lost)', async () => {
    const model = routedModel({ planner: [call('submit_spec', SPEC)], coder: [FIX, new Error('overloaded')] });
    const t = taskRun({ ...services(model.client), settings: { ...settings(), retryBaseMs: 0 } as Settings });
    const end = await runPipeline(t);
    expect(end.state).toBe('failed');
    expect(end).toMatchObject({ reason: expect.stringMatching(/^Stopped while coding: .*overloaded/) });
    // the uncommitted edit was committed as work in progress and pushed
    expect(remoteFile('kiro/7-add-subtracts', 'src/calc.js')).toContain('return a + b;');
    expect(git(w.remote, 'log', '--format=%s', '-1', 'kiro/7-add-subtracts')).toBe('Work in progress: Fix add() so it adds');
    expect(w.calls.map(([n]) => n)).not.toContain('createPull');
    expect(readFileSync(path.join(w.workspace, 'src', 'calc.js'), 'utf8')).toContain('return a + b;');
  });
});
