#!/usr/bin/env node
/**
 * `replay <transcript>` re-runs a recorded task offline (src/replay.ts, through dist/index.js).
 *
 * Local runs without Docker (SPEC.md J8): `node bin/kiro-action.mjs run --issue <n> [--repo owner/repo]
 * [--instructions "…"]` runs the same bundle (dist/index.js) as a dry run on a copy of the local
 * checkout. It reads the issue and the state store from GitHub with GITHUB_TOKEN (or `gh auth
 * token`) and writes nothing: comments, labels, the PR body and the diff it would have written are
 * printed and saved under a temporary RUNNER_TEMP.
 *
 * Environment: GITHUB_TOKEN (required), ANTHROPIC_API_KEY (required), GITHUB_SERVER_URL and
 * GITHUB_API_URL (GitHub Enterprise Server), ANTHROPIC_BASE_URL.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import YAML from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const usage = `usage: kiro-action <command> [options]

commands:
  run      run the agent on a copy of a local checkout as a dry run (nothing pushed or written)
  replay   re-run a recorded task offline from its transcript and report the first divergence

kiro-action <command> --help shows the options of a command.`;
const replayUsage = `usage: kiro-action replay <transcript.jsonl> [--checkout <dir>] [--base <commit>] [--diff-out <file>] [--allow-unsandboxed]

Re-runs a recorded task offline: the model's replies come from the transcript (no API key, no
GitHub, no network); every bash, editor and search call is run again in the OS sandbox on a copy of
the checkout and compared with the recorded result. Stops at the first divergence and reports it;
prints the diff the replay produced. Exit code 0 when it matched, 1 when it diverged, 2 on bad input.

  <transcript.jsonl>      a task's transcript (the kiro-transcript artifact of its run, README "Replay a run")
  --checkout <dir>        the local checkout to copy (default: the current directory)
  --base <commit>         the commit the task started from (default: the checkout's HEAD)
  --diff-out <file>       also write the replay's diff to this file
  --allow-unsandboxed     run the recorded commands without an OS sandbox where there is none`;
const runUsage = `usage: kiro-action run --issue <number> [--repo owner/repo] [--instructions "…"] [--checkout <dir>] [--actor <login>]

Runs the agent on a copy of a local checkout as a dry run: nothing is pushed or written to GitHub;
the comments, labels, PR body and diff it would have written are printed and saved.

  --issue <number>        the issue to work on (required)
  --repo owner/repo       the GitHub repository (default: from the checkout's origin URL)
  --instructions "…"      run as if the issue got a "/kiro …" comment with these instructions
  --checkout <dir>        the local checkout to copy (default: the current directory)
  --actor <login>         whose request it is (default: the token's user); their permission is checked

environment: GITHUB_TOKEN (or gh auth), ANTHROPIC_API_KEY; GITHUB_SERVER_URL and GITHUB_API_URL for
GitHub Enterprise Server; ANTHROPIC_BASE_URL.`;

/** One line on stderr and exit 2: a bad invocation never prints a stack trace. */
function fail(message, help = runUsage) {
  console.error(`kiro-action: ${message}\n\n${help}`);
  process.exit(2);
}
process.on('uncaughtException', (e) => {
  console.error(`kiro-action: ${e && e.message ? e.message : String(e)}`);
  process.exit(1);
});

// replay: the bundle's own command (src/replay.ts) parses and checks its arguments
if (process.argv[2] === 'replay') {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    console.log(replayUsage);
    process.exit(0);
  }
  const child = spawn(process.execPath, [path.join(root, 'dist', 'index.js'), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(await new Promise((resolve) => child.on('close', (code) => resolve(code ?? 1))));
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: { issue: { type: 'string' }, repo: { type: 'string' }, instructions: { type: 'string' }, checkout: { type: 'string' }, actor: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
} catch (e) {
  fail(e.message.replace(/\. To specify a positional argument.*$/s, ''), process.argv[2] === 'run' ? runUsage : usage);
}
const { positionals, values } = parsed;
if (positionals[0] === undefined) {
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  fail('missing command', usage);
}
if (positionals[0] === 'help') {
  console.log(positionals[1] === 'run' ? runUsage : positionals[1] === 'replay' ? replayUsage : usage);
  process.exit(0);
}
if (positionals[0] !== 'run') fail(`unknown command '${positionals[0]}'`, usage);
if (values.help) {
  console.log(runUsage);
  process.exit(0);
}
if (positionals.length > 1) fail(`unexpected argument '${positionals[1]}'`);
const issueNumber = Number(values.issue);
if (!Number.isInteger(issueNumber) || issueNumber <= 0) fail('--issue must be an issue number');
const checkout = path.resolve(values.checkout ?? process.cwd());
const git = (...args) => execFileSync('git', args, { cwd: checkout, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
try {
  git('rev-parse', '--show-toplevel');
} catch {
  fail(`${checkout} is not a git checkout (pass --checkout <dir>)`);
}
const serverUrl = (process.env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/, '');
const apiUrl = (process.env.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/+$/, '');
let repository = values.repo;
if (!repository) {
  let origin = '';
  try {
    origin = git('remote', 'get-url', 'origin');
  } catch {
    fail(`the checkout ${checkout} has no 'origin' remote; pass --repo owner/repo`);
  }
  repository = /[:/]([^/:]+\/[^/]+?)(?:\.git)?$/.exec(origin)?.[1];
  if (!repository) fail(`cannot tell owner/repo from the origin URL '${origin}'; pass --repo`);
}
let token = process.env.GITHUB_TOKEN ?? process.env.GH_TOKEN;
if (!token) {
  try {
    token = execFileSync('gh', ['auth', 'token'], { encoding: 'utf8' }).trim();
  } catch {
    fail('set GITHUB_TOKEN (or log in with gh)');
  }
}
if (!process.env.ANTHROPIC_API_KEY) fail('set ANTHROPIC_API_KEY');

const headers = { authorization: `Bearer ${token}`, accept: 'application/vnd.github+json', 'user-agent': 'kiro-action-cli' };
const get = async (p) => {
  let res;
  try {
    res = await fetch(`${apiUrl}${p}`, { headers });
  } catch (e) {
    fail(`cannot reach the GitHub API at ${apiUrl} (${e.cause?.code ?? e.message})`);
  }
  if (!res.ok) fail(`GET ${p} answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
  return res.json();
};
const [issue, repo, tokenUser] = await Promise.all([get(`/repos/${repository}/issues/${issueNumber}`), get(`/repos/${repository}`), get('/user')]);
// --actor: whose request it is (default: the token's user); their permission is still checked
const user = values.actor ? await get(`/users/${encodeURIComponent(values.actor)}`) : tokenUser;

// the agent works on a copy: the local checkout and its branches are left alone
const temp = mkdtempSync(path.join(tmpdir(), 'kiro-local-'));
const workspace = path.join(temp, 'workspace');
execFileSync('git', ['clone', '--quiet', '--no-hardlinks', checkout, workspace]);
execFileSync('git', ['remote', 'set-url', 'origin', `${serverUrl}/${repository}`], { cwd: workspace });
const runnerTemp = path.join(temp, 'runner');
execFileSync('mkdir', ['-p', runnerTemp]);

const sender = { login: user.login, id: user.id, type: user.type ?? 'User' };
const payload = values.instructions
  ? { action: 'created', issue, comment: { id: 1, body: `/kiro ${values.instructions}`, html_url: issue.html_url, user: sender, created_at: new Date().toISOString() }, repository: repo, sender }
  : { action: 'labeled', label: { name: 'kiro' }, issue, repository: repo, sender };
const eventPath = path.join(temp, 'event.json');
writeFileSync(eventPath, JSON.stringify(payload));

const action = YAML.parse(readFileSync(path.join(root, 'action.yml'), 'utf8'));
const env = { ...process.env };
for (const [name, spec] of Object.entries(action.inputs)) {
  const d = String(spec.default ?? '');
  env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = d.includes('${{') ? '' : d;
}
Object.assign(env, {
  'INPUT_GITHUB-TOKEN': token,
  'INPUT_ANTHROPIC-API-KEY': process.env.ANTHROPIC_API_KEY,
  'INPUT_DRY-RUN': 'true',
  GITHUB_ACTIONS: 'true',
  GITHUB_EVENT_NAME: values.instructions ? 'issue_comment' : 'issues',
  GITHUB_EVENT_PATH: eventPath,
  GITHUB_REPOSITORY: repository,
  GITHUB_SERVER_URL: serverUrl,
  GITHUB_API_URL: apiUrl,
  GITHUB_WORKSPACE: workspace,
  GITHUB_RUN_ID: String(Date.now() % 1e9),
  GITHUB_ACTOR: user.login,
  RUNNER_TEMP: runnerTemp,
  GITHUB_OUTPUT: path.join(runnerTemp, 'output'),
  GITHUB_STEP_SUMMARY: path.join(runnerTemp, 'summary.md'),
});
for (const f of ['output', 'summary.md']) writeFileSync(path.join(runnerTemp, f), '');

console.log(`kiro-action: dry run of issue #${issueNumber} in ${repository} on a copy of ${checkout}`);
const child = spawn(process.execPath, [path.join(root, 'dist', 'index.js')], { cwd: workspace, env, stdio: 'inherit' });
const code = await new Promise((resolve) => child.on('close', resolve));
const dryDir = path.join(runnerTemp, 'kiro-dry-run');
console.log(`\nkiro-action: finished with exit code ${code}. Would-be writes: ${dryDir}`);
try {
  for (const f of readdirSync(dryDir)) console.log(`  ${path.join(dryDir, f)}`);
} catch {
  /* nothing was recorded */
}
console.log(`Work tree with the agent's commits: ${workspace}`);
process.exit(code ?? 1);
