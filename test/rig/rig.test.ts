import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { mkdtemp, readFile, writeFile, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { fixturePath, gitEnv, run, startGitRemote, type GitRemote } from './git-remote.js';
import { basicAuthValue, gitUrlRewriteEnv, prepareWorkspace } from './workspace.js';
import { buildEvent, EVENT_KINDS, events, writeEvent, type EventKind, type EventOverrides } from './events.js';
import { inputEnvName, parseFileCommand, parseWorkflowCommands, REPO_ROOT, runAction } from './launcher.js';

const OWNER = 'acme';
const REPO = 'calc';

let remote: GitRemote;
let tmp: string;

beforeAll(async () => {
  remote = await startGitRemote({ token: 'ghs_rigtesttoken' });
  tmp = await mkdtemp(path.join(tmpdir(), 'rig-test-'));
  await remote.createRepo(OWNER, REPO, fixturePath('calc-js'));
});

afterAll(async () => {
  await remote?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/** A commit in `dir` with an explicit identity (checkout sets none). */
async function commitAll(dir: string, message: string, env: Record<string, string> = {}): Promise<string> {
  await run('git', ['add', '--all'], { cwd: dir, env: gitEnv(env) });
  await run('git', ['-c', 'user.name=Kiro Bot', '-c', 'user.email=kiro@example.com', 'commit', '--quiet', '-m', message], { cwd: dir, env: gitEnv(env) });
  return (await run('git', ['rev-parse', 'HEAD'], { cwd: dir, env: gitEnv(env) })).stdout.trim();
}

describe('git remote', () => {
  it('serves clone with the token and refuses it without', async () => {
    const url = `${remote.url}/${OWNER}/${REPO}.git`;
    const before = remote.requests.length;
    const denied = await run('git', ['clone', '--quiet', url, path.join(tmp, 'denied')], { allowFailure: true });
    expect(denied.code).not.toBe(0);
    const deniedReq = remote.requests.slice(before);
    expect(deniedReq.length).toBeGreaterThan(0);
    expect(deniedReq.every((r) => !r.authorized && r.status === 401)).toBe(true);

    const wrong = await run('git', ['-c', `http.extraheader=AUTHORIZATION: basic ${basicAuthValue('nope')}`, 'clone', '--quiet', url, path.join(tmp, 'wrong')], {
      allowFailure: true,
    });
    expect(wrong.code).not.toBe(0);

    const ok = await run('git', ['-c', `http.extraheader=AUTHORIZATION: basic ${basicAuthValue(remote.token ?? '')}`, 'clone', '--quiet', url, path.join(tmp, 'ok')]);
    expect(ok.code).toBe(0);
    expect(await readFile(path.join(tmp, 'ok', 'src', 'calc.js'), 'utf8')).toContain('return a - b;');
    const last = remote.requests.at(-1);
    expect(last).toMatchObject({ method: 'POST', service: 'git-upload-pack', authorized: true, user: 'x-access-token', status: 200 });
  });

  it('accepts gzip request bodies', async () => {
    const head = await remote.refSha(OWNER, REPO, 'main');
    const pkt = (s: string) => `${(s.length + 4).toString(16).padStart(4, '0')}${s}`;
    const body = Buffer.from(`${pkt(`want ${head}\n`)}0000${pkt('done\n')}`);
    const res = await new Promise<{ status: number; type: string; bytes: Buffer }>((resolve, reject) => {
      const req = request(
        `${remote.url}/${OWNER}/${REPO}.git/git-upload-pack`,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/x-git-upload-pack-request',
            'content-encoding': 'gzip',
            authorization: `Basic ${basicAuthValue(remote.token ?? '')}`,
          },
        },
        (r) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => resolve({ status: r.statusCode ?? 0, type: String(r.headers['content-type']), bytes: Buffer.concat(chunks) }));
        },
      );
      req.on('error', reject);
      req.end(gzipSync(body));
    });
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/x-git-upload-pack-result');
    expect(res.bytes.includes(Buffer.from('PACK'))).toBe(true);
    expect(remote.requests.at(-1)?.body.equals(body)).toBe(true);
  });

  it('reads files, logs, branches, and fault injection', async () => {
    expect(await remote.readFile(OWNER, REPO, 'main', 'package.json')).toContain('"test": "node --test"');
    expect(await remote.readFile(OWNER, REPO, 'main', 'missing.txt')).toBeNull();
    expect(await remote.branches(OWNER, REPO)).toEqual(['main']);
    const [initial] = await remote.log(OWNER, REPO, 'main');
    expect(initial?.subject).toBe('Initial commit');
    expect(await remote.log(OWNER, REPO, 'no-such-branch')).toEqual([]);

    remote.injectFault({ status: 503, service: 'git-upload-pack', count: 1 });
    const env = { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'http.extraheader', GIT_CONFIG_VALUE_0: `AUTHORIZATION: basic ${basicAuthValue(remote.token ?? '')}` };
    const failed = await run('git', ['ls-remote', `${remote.url}/${OWNER}/${REPO}.git`], { env: gitEnv(env), allowFailure: true });
    expect(failed.code).not.toBe(0);
    expect(remote.requests.at(-1)?.status).toBe(503);
    const again = await run('git', ['ls-remote', `${remote.url}/${OWNER}/${REPO}.git`], { env: gitEnv(env) });
    expect(again.stdout).toContain('refs/heads/main');
  });
});

describe('workspace like actions/checkout', () => {
  it('leaves origin, the auth header and a shallow branch checkout, with no identity', async () => {
    const ws = await prepareWorkspace({ remote, owner: OWNER, repo: REPO, dir: path.join(tmp, 'ws1') });
    const cfg = (args: string[]) => run('git', ['config', ...args], { cwd: ws.dir, allowFailure: true });
    expect((await cfg(['--get', 'remote.origin.url'])).stdout.trim()).toBe(`${remote.url}/${OWNER}/${REPO}`);
    expect((await cfg(['--local', '--get', `http.${remote.url}/.extraheader`])).stdout.trim()).toBe(
      `AUTHORIZATION: basic ${basicAuthValue(remote.token ?? '')}`,
    );
    expect((await cfg(['--local', '--get', 'user.name'])).code).not.toBe(0);
    expect(ws.branch).toBe('main');
    expect(ws.headSha).toBe(await remote.refSha(OWNER, REPO, 'main'));
    expect((await run('git', ['rev-parse', '--is-shallow-repository'], { cwd: ws.dir })).stdout.trim()).toBe('true');
    expect((await run('git', ['symbolic-ref', 'HEAD'], { cwd: ws.dir })).stdout.trim()).toBe('refs/heads/main');
    expect(ws.env).toEqual({});
  });

  it('pushes with the checkout auth alone (serverUrl = remote.url), recorded with trailers and objects', async () => {
    const ws = await prepareWorkspace({ remote, owner: OWNER, repo: REPO, dir: path.join(tmp, 'ws2') });
    const canary = `CANARY-${Date.now()}-xyzzy`;
    await writeFile(path.join(ws.dir, 'src', 'calc.js'), (await readFile(path.join(ws.dir, 'src', 'calc.js'), 'utf8')).replace('a - b', 'a + b'));
    await writeFile(path.join(ws.dir, 'NOTES.txt'), `${canary}\n`);
    await run('git', ['add', '--all'], { cwd: ws.dir });
    await run(
      'git',
      ['-c', 'user.name=Kiro Bot', '-c', 'user.email=kiro@example.com', 'commit', '--quiet', '-m', 'fix: add adds\n\nBody line.\n\nCo-authored-by: Ann <1+ann@users.noreply.github.com>'],
      { cwd: ws.dir },
    );
    const before = remote.pushes.length;
    await run('git', ['push', '--quiet', 'origin', 'HEAD:refs/heads/kiro/1-fix-add'], { cwd: ws.dir, env: gitEnv(ws.env) });

    const pushes = remote.pushes.slice(before);
    expect(pushes).toHaveLength(1);
    expect(pushes[0]).toMatchObject({ owner: OWNER, repo: REPO, ref: 'refs/heads/kiro/1-fix-add', created: true, deleted: false, source: 'http' });
    expect(remote.requests.some((r) => r.service === 'git-receive-pack' && r.method === 'POST' && r.status === 200)).toBe(true);
    expect(await remote.branches(OWNER, REPO)).toEqual(['kiro/1-fix-add', 'main']);
    const [c] = await remote.log(OWNER, REPO, 'kiro/1-fix-add', { max: 1 });
    expect(c).toMatchObject({ subject: 'fix: add adds', authorName: 'Kiro Bot', authorEmail: 'kiro@example.com' });
    expect(c?.body).toContain('Body line.');
    expect(c?.trailers).toEqual([{ key: 'Co-authored-by', value: 'Ann <1+ann@users.noreply.github.com>' }]);
    expect(await remote.readFile(OWNER, REPO, 'kiro/1-fix-add', 'src/calc.js')).toContain('a + b');
    expect(await remote.changedFiles(OWNER, REPO, 'main', 'kiro/1-fix-add')).toEqual(['NOTES.txt', 'src/calc.js']);
    expect(await remote.searchAllObjects(OWNER, REPO, canary)).toBe(true);
    expect(await remote.searchAllObjects(OWNER, REPO, 'never-pushed-string-42')).toBe(false);
  });

  it('push rejection leaves no ref and no objects behind', async () => {
    const ws = await prepareWorkspace({ remote, owner: OWNER, repo: REPO, dir: path.join(tmp, 'ws3') });
    const canary = `REJECTED-${Date.now()}`;
    await writeFile(path.join(ws.dir, 'x.txt'), canary);
    await commitAll(ws.dir, 'chore: x');
    await remote.setPushRejection(OWNER, REPO, { message: 'protected branch hook declined', refPattern: 'refs/heads/protected*' });
    const r = await run('git', ['push', 'origin', 'HEAD:refs/heads/protected-x'], { cwd: ws.dir, allowFailure: true });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('protected branch hook declined');
    expect(await remote.refSha(OWNER, REPO, 'refs/heads/protected-x')).toBeNull();
    expect(await remote.searchAllObjects(OWNER, REPO, canary)).toBe(false);
    await remote.setPushRejection(OWNER, REPO, null);
    await run('git', ['push', '--quiet', 'origin', 'HEAD:refs/heads/protected-x'], { cwd: ws.dir });
    expect(await remote.searchAllObjects(OWNER, REPO, canary)).toBe(true);
  });

  it('insteadOf mode: github.com origin, auth needs the rewritten-URL key (finding)', async () => {
    const ws = await prepareWorkspace({ remote, owner: OWNER, repo: REPO, dir: path.join(tmp, 'ws4'), serverUrl: 'https://github.com' });
    expect(ws.originUrl).toBe(`https://github.com/${OWNER}/${REPO}`);
    expect(ws.env).toEqual(gitUrlRewriteEnv(remote));
    const header = `AUTHORIZATION: basic ${basicAuthValue(remote.token ?? '')}`;
    const cfg = (args: string[]) => run('git', ['config', ...args], { cwd: ws.dir, allowFailure: true });
    expect((await cfg(['--local', '--get', 'http.https://github.com/.extraheader'])).stdout.trim()).toBe(header);
    await writeFile(path.join(ws.dir, 'y.txt'), 'y');
    await commitAll(ws.dir, 'chore: y');
    await run('git', ['push', '--quiet', 'origin', 'HEAD:refs/heads/via-insteadof'], { cwd: ws.dir, env: gitEnv(ws.env) });
    expect(await remote.branches(OWNER, REPO)).toContain('via-insteadof');

    // Only checkout's key (github.com) → not sent to the rewritten loopback URL.
    await cfg(['--local', '--unset-all', `http.${remote.url}/.extraheader`]);
    const denied = await run('git', ['ls-remote', 'origin'], { cwd: ws.dir, env: gitEnv(ws.env), allowFailure: true });
    expect(denied.code).not.toBe(0);
  });

  it('checks out a sha detached and a non-default branch', async () => {
    const sha = await remote.pushCommit(OWNER, REPO, { branch: 'feature', files: { 'feature.txt': 'f\n' }, message: 'feat: f' });
    expect(remote.pushes.at(-1)).toMatchObject({ ref: 'refs/heads/feature', after: sha, source: 'local' });
    const a = await prepareWorkspace({ remote, owner: OWNER, repo: REPO, ref: 'feature', dir: path.join(tmp, 'ws5') });
    expect(a).toMatchObject({ branch: 'feature', headSha: sha });
    const b = await prepareWorkspace({ remote, owner: OWNER, repo: REPO, ref: sha, dir: path.join(tmp, 'ws6') });
    expect(b).toMatchObject({ branch: null, headSha: sha });
  });
});

describe('events', () => {
  const target = { owner: OWNER, repo: REPO, serverUrl: 'http://127.0.0.1:1111', apiUrl: 'http://127.0.0.1:2222' };
  const sources = /Codertocat\/Hello-World|octo-org\/octo-repo|api\.github\.com|"https:\/\/github\.com/;

  it.each(EVENT_KINDS.map((k) => [k]))('%s is re-pointed at the test repository', (kind: EventKind) => {
    const e = buildEvent(kind, target, { sender: 'alice' });
    expect(e.eventName).toBe(kind.split('.')[0]);
    if (kind.includes('.')) expect(e.payload.action).toBe(kind.split('.')[1]);
    expect(e.payload.repository).toMatchObject({
      full_name: `${OWNER}/${REPO}`,
      name: REPO,
      owner: { login: OWNER },
      html_url: `http://127.0.0.1:1111/${OWNER}/${REPO}`,
      url: `http://127.0.0.1:2222/repos/${OWNER}/${REPO}`,
      default_branch: 'main',
    });
    expect(e.payload.sender).toMatchObject({ login: 'alice', type: 'User' });
    expect(JSON.stringify(e.payload)).not.toMatch(sources);
    expect(e.payload.installation).toBeUndefined();
  });

  it('applies overrides', () => {
    const labeled = events.issuesLabeled(target, { sender: { login: 'ann', id: 42 }, issue: { number: 12, title: 'Fix add', body: 'add subtracts', labels: ['bug'] }, label: 'kiro' });
    expect(labeled.payload.issue).toMatchObject({ number: 12, title: 'Fix add', body: 'add subtracts', html_url: `http://127.0.0.1:1111/${OWNER}/${REPO}/issues/12`, url: `http://127.0.0.1:2222/repos/${OWNER}/${REPO}/issues/12` });
    expect(labeled.payload.issue.labels.map((l: { name: string }) => l.name)).toEqual(['bug', 'kiro']);
    expect(labeled.payload.label.name).toBe('kiro');
    expect(labeled.payload.sender).toMatchObject({ login: 'ann', id: 42 });
    expect(labeled.payload.issue.user.login).toBe('ann');

    const unlabeled = buildEvent('issues.unlabeled', target, { issue: { labels: ['kiro', 'bug'] }, label: 'kiro' });
    expect(unlabeled.payload.issue.labels.map((l: { name: string }) => l.name)).toEqual(['bug']);
    expect(unlabeled.payload.sender.login).toBe(OWNER);

    const onPr = buildEvent('issue_comment.created', target, { sender: 'ann', issue: { number: 5, pullRequest: true, user: 'kiro[bot]' }, comment: { id: 77, body: '/kiro all' } });
    expect(onPr.payload.issue.pull_request.url).toBe(`http://127.0.0.1:2222/repos/${OWNER}/${REPO}/pulls/5`);
    expect(onPr.payload.issue.user).toMatchObject({ login: 'kiro[bot]', type: 'Bot' });
    expect(onPr.payload.comment).toMatchObject({ id: 77, body: '/kiro all', user: { login: 'ann' }, html_url: `http://127.0.0.1:1111/${OWNER}/${REPO}/pull/5#issuecomment-77` });
    const onIssue = buildEvent('issue_comment.created', target, { issue: { number: 5 } });
    expect(onIssue.payload.issue.pull_request).toBeUndefined();

    const edited = buildEvent('issue_comment.edited', target, { comment: { body: 'new' }, changes: { bodyFrom: 'old' } });
    expect(edited.payload.changes).toEqual({ body: { from: 'old' } });

    const o: EventOverrides = { sender: 'ann', pullRequest: { number: 9, headRef: 'kiro/1-x', headSha: 'a'.repeat(40), user: 'kiro[bot]' } };
    const review = buildEvent('pull_request_review.submitted', target, { ...o, review: { body: 'use early returns', state: 'changes_requested' } });
    expect(review.payload.pull_request).toMatchObject({ number: 9, head: { ref: 'kiro/1-x', sha: 'a'.repeat(40), repo: { full_name: `${OWNER}/${REPO}` } }, base: { ref: 'main' } });
    expect(review.payload.review).toMatchObject({ body: 'use early returns', state: 'changes_requested', user: { login: 'ann' }, commit_id: 'a'.repeat(40) });
    const rc = buildEvent('pull_request_review_comment.created', target, { ...o, comment: { id: 5, body: '/kiro fix', path: 'src/calc.js', line: 8, user: 'bob' } });
    expect(rc.payload.comment).toMatchObject({ id: 5, body: '/kiro fix', path: 'src/calc.js', line: 8, user: { login: 'bob' }, pull_request_url: `http://127.0.0.1:2222/repos/${OWNER}/${REPO}/pulls/9` });

    const wd = events.workflowDispatch(target, { dispatch: { inputs: { task: 'bump deps', repositories: 'acme/a,acme/b' } } });
    expect(wd.payload).toMatchObject({ inputs: { task: 'bump deps', repositories: 'acme/a,acme/b' }, ref: 'refs/heads/main', workflow: '.github/workflows/kiro.yml' });

    const cs = buildEvent('check_suite.completed', target, { checkSuite: { conclusion: 'failure', pullRequests: [{ number: 9, headRef: 'kiro/1-x', headSha: 'b'.repeat(40) }] } });
    expect(cs.payload.check_suite).toMatchObject({ conclusion: 'failure', head_sha: 'b'.repeat(40), head_branch: 'kiro/1-x', pull_requests: [{ number: 9 }] });
    const wr = buildEvent('workflow_run.completed', target, { workflowRun: { id: 123, conclusion: 'failure', pullRequests: [{ number: 9 }] } });
    expect(wr.payload.workflow_run).toMatchObject({ id: 123, conclusion: 'failure', html_url: `http://127.0.0.1:1111/${OWNER}/${REPO}/actions/runs/123`, pull_requests: [{ number: 9 }] });

    const org = buildEvent('issues.labeled', { ...target, ownerType: 'Organization' }, { sender: 'ann' });
    expect(org.payload.organization.login).toBe(OWNER);
    expect(org.payload.repository.owner.type).toBe('Organization');
  });

  it('writes event files', async () => {
    const e = buildEvent('issues.labeled', target);
    const p = await writeEvent(path.join(tmp, 'events'), e);
    expect(JSON.parse(await readFile(p, 'utf8'))).toEqual(e.payload);
  });
});

describe('launcher', () => {
  it('parses file commands and workflow commands', () => {
    expect(parseFileCommand('a=1\nb<<ghadelimiter_X\nline1\nline2\nghadelimiter_X\nc<<EOF\n\nEOF\n')).toEqual({ a: '1', b: 'line1\nline2', c: '' });
    expect(() => parseFileCommand('b<<D\nno end')).toThrow(/unterminated/);
    const cmds = parseWorkflowCommands(
      ['::error file=src/a.ts,line=3,col=2,title=T%3A x::bad%0Athing', '::warning::w', '::notice::n', '::add-mask::s3cret', '::stop-commands::tok', '::error::ignored', '::tok::', '::debug::d'].join('\n'),
    );
    expect(cmds.annotations).toEqual([
      { level: 'error', message: 'bad\nthing', file: 'src/a.ts', line: 3, col: 2, title: 'T: x' },
      { level: 'warning', message: 'w' },
      { level: 'notice', message: 'n' },
    ]);
    expect(cmds.masks).toEqual(['s3cret']);
    expect(cmds.debug).toEqual(['d']);
    expect(inputEnvName('anthropic-api-key')).toBe('INPUT_ANTHROPIC-API-KEY');
    expect(inputEnvName('my input')).toBe('INPUT_MY_INPUT');
  });

  it('runs an entry on Node 24 with the runner environment and returns what it wrote', async () => {
    const dir = path.join(tmp, 'action');
    await mkdir(path.join(dir, 'dist'), { recursive: true });
    await writeFile(
      path.join(dir, 'action.yml'),
      [
        'name: t',
        'inputs:',
        '  github-token:',
        '    default: ${{ github.token }}',
        '  anthropic-api-key:',
        '    required: true',
        '  trigger-label:',
        '    default: kiro',
        '  max-turns:',
        '    default: 40',
        '  state-repository:',
        '    default: ${{ github.repository }}',
        'outputs:',
        '  status: {description: s}',
        'runs:',
        '  using: node24',
        '  main: dist/index.js',
        '',
      ].join('\n'),
    );
    const coreUrl = new URL(`file://${path.join(REPO_ROOT, 'node_modules/@actions/core/lib/core.js')}`).href;
    await writeFile(
      path.join(dir, 'dist', 'index.js'),
      `import * as core from ${JSON.stringify(coreUrl)};
import { appendFileSync, readFileSync } from 'node:fs';
const ev = JSON.parse(readFileSync(process.env.GITHUB_EVENT_PATH, 'utf8'));
core.setSecret(core.getInput('anthropic-api-key'));
console.log('key is ' + core.getInput('anthropic-api-key'));
console.log('::error::x');
core.error('bad input', { file: 'action.yml', startLine: 7 });
core.warning('careful');
core.setOutput('status', 'completed');
core.setOutput('multi', 'a\\nb');
appendFileSync(process.env.GITHUB_OUTPUT, 'plain=1\\n');
core.exportVariable('FOO', 'bar');
core.saveState('pid', '7');
await core.summary.addHeading('Kiro').addRaw('done').write();
core.setOutput('env', JSON.stringify({
  node: process.version, cwd: process.cwd(), label: core.getInput('trigger-label'), turns: core.getInput('max-turns'),
  token: core.getInput('github-token'), stateRepo: process.env['INPUT_STATE-REPOSITORY'] ?? null,
  event: process.env.GITHUB_EVENT_NAME, sender: ev.sender.login, actor: process.env.GITHUB_ACTOR, repo: process.env.GITHUB_REPOSITORY,
  api: process.env.GITHUB_API_URL, graphql: process.env.GITHUB_GRAPHQL_URL, sha: process.env.GITHUB_SHA, ci: process.env.CI, gha: process.env.GITHUB_ACTIONS,
  temp: process.env.RUNNER_TEMP, wfref: process.env.GITHUB_WORKFLOW_REF, extra: process.env.EXTRA,
}));
process.exitCode = 1;
`,
    );
    const ws = await prepareWorkspace({ remote, owner: OWNER, repo: REPO, dir: path.join(tmp, 'ws-launch') });
    const event = buildEvent('issues.labeled', { owner: OWNER, repo: REPO, serverUrl: remote.url, apiUrl: 'http://127.0.0.1:9999' }, { sender: 'ann', issue: { number: 3 } });
    const res = await runAction({
      actionYmlPath: path.join(dir, 'action.yml'),
      inputs: { 'anthropic-api-key': 'sk-ant-secret-1' },
      githubToken: 'ghs_tok',
      env: { EXTRA: 'yes' },
      event,
      workspace: ws.dir,
      apiUrl: 'http://127.0.0.1:9999',
      serverUrl: remote.url,
      repository: `${OWNER}/${REPO}`,
      runId: 4242,
    });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(1);
    expect(res.annotations).toEqual([
      { level: 'error', message: 'x' },
      { level: 'error', message: 'bad input', file: 'action.yml', line: 7 },
      { level: 'warning', message: 'careful' },
    ]);
    expect(res.masks).toEqual(['sk-ant-secret-1']);
    expect(res.maskedLog).toContain('key is ***');
    expect(res.maskedLog).not.toContain('sk-ant-secret-1');
    expect(res.outputs).toMatchObject({ status: 'completed', multi: 'a\nb', plain: '1' });
    expect(res.exportedEnv).toEqual({ FOO: 'bar' });
    expect(res.state).toEqual({ pid: '7' });
    expect(res.summary).toContain('<h1>Kiro</h1>');
    const env = JSON.parse(res.outputs.env ?? '{}') as Record<string, string | null>;
    expect(env).toMatchObject({
      cwd: ws.dir,
      label: 'kiro',
      turns: '40',
      token: 'ghs_tok',
      stateRepo: null,
      event: 'issues',
      sender: 'ann',
      actor: 'ann',
      repo: `${OWNER}/${REPO}`,
      api: 'http://127.0.0.1:9999',
      graphql: 'http://127.0.0.1:9999/graphql',
      sha: ws.headSha,
      ci: 'true',
      gha: 'true',
      temp: res.runnerTemp,
      wfref: `${OWNER}/${REPO}/.github/workflows/kiro.yml@refs/heads/main`,
      extra: 'yes',
    });
    expect(env.node).toMatch(/^v24\./);
    expect(res.env['INPUT_ANTHROPIC-API-KEY']).toBe('sk-ant-secret-1');
    expect(res.env.GITHUB_RUN_ID).toBe('4242');
    expect(res.startedAt).toBeLessThanOrEqual(Date.now());
    expect(res.durationMs).toBeGreaterThan(0);
  });

  it('times out and cancels like the runner', async () => {
    const script = path.join(tmp, 'sleepy.mjs');
    await writeFile(script, "process.on('SIGINT', () => { console.log('::warning::cancelled'); process.exit(130); }); console.log('ready'); setInterval(() => {}, 1000);\n");
    const base = {
      entry: script,
      actionYmlPath: path.join(tmp, 'no-action.yml'),
      event: buildEvent('workflow_dispatch', { owner: OWNER, repo: REPO }),
      workspace: tmp,
      apiUrl: 'http://127.0.0.1:9',
      serverUrl: 'http://127.0.0.1:9',
      repository: `${OWNER}/${REPO}`,
      node: 'current' as const,
    };
    const cancelled = await runAction({ ...base, onLine: (l, _s, c) => l === 'ready' && c.cancel() });
    expect(cancelled).toMatchObject({ cancelled: true, code: 130, annotations: [{ level: 'warning', message: 'cancelled' }] });
    const killed = await runAction({ ...base, timeoutMs: 300 });
    expect(killed).toMatchObject({ timedOut: true, code: null, signal: 'SIGKILL' });
  });
});
