/**
 * J8: `kiro-action run --issue <n>` — the same bundle as a dry run on a copy of a local checkout,
 * pointed at the loopback GitHub and model servers through GITHUB_API_URL/ANTHROPIC_BASE_URL.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { REPO_ROOT } from '../rig/launcher.js';
import { prepareWorkspace } from '../rig/workspace.js';
import { ALICE, API_KEY, startRig, type Rig, closeChecked } from './harness.js';
import { issueToPrScript } from './scripts.js';

let rig: Rig | undefined;
afterEach(async () => {
  await closeChecked(rig);
  rig = undefined;
});

it('runs the pipeline on a local checkout as a dry run: no writes, the PR body saved', async () => {
  rig = await startRig({ script: issueToPrScript() });
  const issue = rig.github.state.addIssue({ title: 'add() subtracts', body: 'fix it', user: ALICE });
  const ws = await prepareWorkspace({ remote: rig.remote, owner: rig.owner, repo: rig.repo });
  const out = await new Promise<{ code: number | null; text: string }>((resolve) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin', 'kiro-action.mjs'), 'run', '--issue', String(issue.number), '--repo', rig!.repository, '--checkout', ws.dir, '--actor', ALICE.login], {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        GITHUB_TOKEN: rig!.token,
        ANTHROPIC_API_KEY: API_KEY,
        ANTHROPIC_BASE_URL: rig!.model!.url,
        GITHUB_API_URL: rig!.github.url,
        GITHUB_SERVER_URL: rig!.remote.url,
        KIRO_RETRY_BASE_MS: '5',
      },
    });
    let text = '';
    child.stdout.on('data', (b) => (text += b));
    child.stderr.on('data', (b) => (text += b));
    child.on('close', (code) => resolve({ code, text }));
  });
  expect(out.code, out.text).toBe(0);
  expect(rig.github.writes()).toEqual([]);
  expect(rig.remote.pushes.filter((p) => p.source === 'http')).toEqual([]);
  const dir = /Would-be writes: (\S+)/.exec(out.text)![1]!;
  expect(readFileSync(path.join(dir, 'pull-request.md'), 'utf8')).toContain(`Closes #${issue.number}`);
  expect(out.text).toContain('[dry-run] would create pull request');
  // the push it would have made: recorded, with the patch of the commits it would have sent
  const pushes = readFileSync(path.join(dir, 'git-writes.jsonl'), 'utf8');
  expect(pushes).toContain(`refs/heads/kiro/${issue.number}-add-subtracts`);
  const patch = readFileSync(path.join(dir, `kiro-${issue.number}-add-subtracts.patch`), 'utf8');
  expect(patch).toContain('+  return a + b;');
  expect(patch).toContain('Co-authored-by: alice');
});

/** Runs the CLI with `args`; never rejects. */
function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const c = spawn(process.execPath, [path.join(REPO_ROOT, 'bin', 'kiro-action.mjs'), ...args], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    c.stdout.on('data', (b: Buffer) => (out += b.toString()));
    c.stderr.on('data', (b: Buffer) => (err += b.toString()));
    c.on('close', (code) => resolve({ code, out, err }));
  });
}

it('CLI: per-command help, and one clear line (never a stack trace) for every bad invocation', async () => {
  const help = await cli(['run', '--help']);
  expect(help.code).toBe(0);
  expect(help.out).toMatch(/^usage: kiro-action run --issue <number>/);
  expect(help.out).toContain('--checkout <dir>');
  expect((await cli(['--help'])).out).toMatch(/commands:\n {2}run/);
  const cases: Array<[string[], RegExp, Record<string, string>?]> = [
    [['run', '--bogus'], /^kiro-action: Unknown option '--bogus'/],
    [['frob'], /^kiro-action: unknown command 'frob'/],
    [[], /^kiro-action: missing command/],
    [['run'], /^kiro-action: --issue must be an issue number/],
    [['run', '--issue', '1', '--checkout', '/'], /^kiro-action: \/ is not a git checkout/],
    [['run', '--issue', '1', '--repo', 'a/b', '--checkout', REPO_ROOT], /^kiro-action: cannot reach the GitHub API at http:\/\/127\.0\.0\.1:1 /, { GITHUB_TOKEN: 't', ANTHROPIC_API_KEY: 'k', GITHUB_API_URL: 'http://127.0.0.1:1' }],
  ];
  for (const [args, message, env] of cases) {
    const r = await cli(args, env);
    expect(r.code, args.join(' ')).not.toBe(0);
    expect(r.err, args.join(' ')).toMatch(message);
    expect(r.err, args.join(' ')).not.toMatch(/\n\s+at /);
  }
});

it('replay: a recorded J1 transcript re-runs offline (no API key, no GitHub) and reproduces its tool calls and the PR diff; a tampered recording stops at the first divergence', { timeout: 180_000 }, async () => {
  rig = await startRig({ script: issueToPrScript() });
  const issue = rig.github.state.addIssue({ title: 'add() subtracts', body: 'add(2, 3) returns -1.', user: ALICE });
  const res = await rig.run(rig.event('issues.labeled', { label: 'kiro', issue: { number: issue.number as number, title: 'add() subtracts', user: ALICE }, sender: ALICE }), {});
  expect(res.code, res.maskedLog).toBe(0);
  const transcript = path.join(res.runnerTemp, 'kiro', res.outputs['task-id']!, 'transcript.jsonl');
  const pr = rig.github.state.pulls()[0]!;
  const base = (pr.base as { sha?: string }).sha ?? (await rig.remote.log(rig.owner, rig.repo, 'main'))[0]!.sha;
  const ws = await prepareWorkspace({ remote: rig.remote, owner: rig.owner, repo: rig.repo });
  const prDiff = await rig.remote.diff(rig.owner, rig.repo, base, (pr.head as { ref: string }).ref);
  const before = { model: rig.model!.requests.length, github: rig.github.requests.length };

  // the toolchain the action's commands saw (the rig drops node_modules/.bin, which holds Node 24's `node`)
  const actionPath = { PATH: (process.env.PATH ?? '').split(path.delimiter).filter((p) => !p.includes(`node_modules${path.sep}.bin`)).join(path.delimiter) };
  const out = await cli(['replay', transcript, '--checkout', ws.dir, '--base', base], actionPath);
  expect(out.code, out.err + out.out).toBe(0);
  expect(out.out).toMatch(/replay: \d+ steps; [1-9]\d* tool calls reproduced, \d+ answered from the transcript/);
  expect(out.out).toContain('every reproduced tool call matched the recording');
  // the same change as the pull request's
  const diff = /diff of the replay:\n([\s\S]*)$/.exec(out.out)![1]!;
  const changed = (d: string) => d.split('\n').filter((l) => /^[+-][^+-]/.test(l));
  expect(changed(diff)).toEqual(changed(prDiff));
  // offline: nothing reached the model or GitHub
  expect(rig.model!.requests.length).toBe(before.model);
  expect(rig.github.requests.length).toBe(before.github);

  // a recording whose file view says something else: the replay stops there and says so
  const lines = readFileSync(transcript, 'utf8').trim().split('\n');
  const i = lines.findIndex((l) => l.includes('"tool_result"') && l.includes('a - b'));
  expect(i).toBeGreaterThanOrEqual(0);
  lines[i] = lines[i]!.replace('a - b', 'a * b');
  const tampered = path.join(res.runnerTemp, 'tampered.jsonl');
  writeFileSync(tampered, `${lines.join('\n')}\n`);
  const bad = await cli(['replay', tampered, '--checkout', ws.dir, '--base', base], actionPath);
  expect(bad.code).toBe(1);
  expect(bad.out).toMatch(new RegExp(`first divergence at step ${i + 1} \\(planner, run 1, turn \\d+\\): str_replace_based_edit_tool`));
  expect(bad.out).toContain('a * b');
});

it('replay: bad input is one line with exit code 2', async () => {
  for (const [args, message] of [
    [['replay'], /^kiro-action: missing the transcript file/],
    [['replay', '/nonexistent.jsonl'], /^kiro-action: \/nonexistent\.jsonl holds no transcript steps/],
    [['replay', '/etc/hostname'], /^kiro-action: \/etc\/hostname/],
    [['replay', 'x.jsonl', '--frob'], /^kiro-action: Unknown option '--frob'/],
  ] as Array<[string[], RegExp]>) {
    const r = await cli(args);
    expect(r.code, args.join(' ')).toBe(2);
    expect(r.err, args.join(' ')).toMatch(message);
    expect(r.err).not.toMatch(/\n\s+at /);
  }
  expect((await cli(['replay', '--help'])).out).toMatch(/^usage: kiro-action replay <transcript\.jsonl>/);
});
