/**
 * Self-tests of the fake GitHub (test/rig/github-server.ts) with the real clients the action
 * uses: `@actions/github`'s `getOctokit` and `@octokit/graphql`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getOctokit } from '@actions/github';
import { graphql as octokitGraphql } from '@octokit/graphql';
import { loadGitHubSpec, startGitHubServer, validateResponseShape, type GitHubServer } from './github-server.js';
import { loadGraphQLSchema } from './github-graphql.js';

const TOKEN = 'ghs_testtoken';
const ALICE = { login: 'alice', id: 1001 };
const BOB = { login: 'bob', id: 1002 };

let gh: GitHubServer;
let octokit: ReturnType<typeof getOctokit>;
let gql: typeof octokitGraphql;
const owner = 'octo-org';
const repo = 'octo-repo';

beforeAll(async () => {
  await Promise.all([loadGitHubSpec(), loadGraphQLSchema()]);
  gh = await startGitHubServer();
  octokit = getOctokit(TOKEN, { baseUrl: gh.url });
  gql = octokitGraphql.defaults({ baseUrl: gh.url, headers: { authorization: `token ${TOKEN}` } });
});

afterAll(async () => {
  await gh?.close();
});

/** Takes the violations recorded so far (and clears them). */
function takeViolations(): string[] {
  return gh.violations.splice(0);
}

describe('REST', () => {
  it('starts another server cheaply once the spec is loaded', async () => {
    const t0 = performance.now();
    const other = await startGitHubServer({ owner: 'a', repo: 'b', token: 'x' });
    const ms = performance.now() - t0;
    await other.close();
    expect(ms).toBeLessThan(250);
  });

  it('gets the repository and the bot identity', async () => {
    const { data } = await octokit.rest.repos.get({ owner, repo });
    expect(data.full_name).toBe(`${owner}/${repo}`);
    expect(data.default_branch).toBe('main');
    const me = await octokit.rest.users.getAuthenticated();
    expect(me.data).toMatchObject({ login: 'github-actions[bot]', id: 41898282, type: 'Bot' });
    expect(takeViolations()).toEqual([]);
  });

  it('creates a comment, then edits it in place; lists comments with pagination', async () => {
    const issue = gh.state.addIssue({ title: 'Bug', body: 'broken', user: ALICE, labels: ['kiro'] });
    const n = issue.number as number;
    const { data: c, status } = await octokit.rest.issues.createComment({ owner, repo, issue_number: n, body: 'working…' });
    expect(status).toBe(201);
    expect(c.user?.login).toBe('github-actions[bot]');
    expect(c.html_url).toBe(`https://github.com/${owner}/${repo}/issues/${n}#issuecomment-${c.id}`);
    const { data: edited } = await octokit.rest.issues.updateComment({ owner, repo, comment_id: c.id, body: 'done' });
    expect(edited.body).toBe('done');
    expect(gh.state.comments(n).map((x) => x.body)).toEqual(['done']);

    for (let i = 0; i < 4; i++) gh.state.addComment({ issue: n, body: `c${i}`, user: BOB });
    const first = await octokit.rest.issues.listComments({ owner, repo, issue_number: n, per_page: 2 });
    expect(first.data).toHaveLength(2);
    expect(first.headers.link).toContain('rel="next"');
    const all = await octokit.paginate(octokit.rest.issues.listComments, { owner, repo, issue_number: n, per_page: 2 });
    expect(all.map((x) => x.body)).toEqual(['done', 'c0', 'c1', 'c2', 'c3']);

    await octokit.rest.issues.deleteComment({ owner, repo, comment_id: c.id });
    expect(gh.state.comment(c.id)).toBeUndefined();
    await expect(octokit.rest.issues.getComment({ owner, repo, comment_id: c.id })).rejects.toMatchObject({ status: 404 });
    expect(takeViolations()).toEqual([]);
  });

  it('adds reactions: 201 when new, 200 when the same one exists', async () => {
    const n = gh.state.addIssue({ title: 'R', user: ALICE }).number as number;
    const a = await octokit.rest.reactions.createForIssue({ owner, repo, issue_number: n, content: 'eyes' });
    const b = await octokit.rest.reactions.createForIssue({ owner, repo, issue_number: n, content: 'eyes' });
    expect([a.status, b.status]).toEqual([201, 200]);
    expect(b.data.id).toBe(a.data.id);
    const cid = gh.state.addComment({ issue: n, body: '/kiro go', user: ALICE }).id as number;
    const c = await octokit.rest.reactions.createForIssueComment({ owner, repo, comment_id: cid, content: '+1' });
    expect(c.status).toBe(201);
    expect(gh.state.reactions.filter((r) => r.subjectId === n || r.subjectId === cid)).toMatchObject([
      { subject: 'issue', subjectId: n, content: 'eyes', user: 'github-actions[bot]' },
      { subject: 'issue_comment', subjectId: cid, content: '+1' },
    ]);
    const issue = await octokit.rest.issues.get({ owner, repo, issue_number: n });
    expect(issue.data.reactions?.eyes).toBe(1);
    expect(takeViolations()).toEqual([]);
  });

  it('labels: 404 for a missing label, 422 for a duplicate, auto-create on add, 404 removing an absent one', async () => {
    await expect(octokit.rest.issues.getLabel({ owner, repo, name: 'kiro:queued' })).rejects.toMatchObject({ status: 404 });
    const created = await octokit.rest.issues.createLabel({ owner, repo, name: 'kiro:queued', color: 'ededed' });
    expect(created.status).toBe(201);
    const dup = await octokit.rest.issues.createLabel({ owner, repo, name: 'kiro:queued' }).catch((e: { status: number; response: { data: unknown } }) => e);
    expect(dup).toMatchObject({ status: 422, response: { data: { errors: [{ code: 'already_exists' }] } } });
    const got = await octokit.rest.issues.getLabel({ owner, repo, name: 'kiro:queued' });
    expect(got.data.name).toBe('kiro:queued');

    const n = gh.state.addIssue({ title: 'L', user: ALICE }).number as number;
    const added = await octokit.rest.issues.addLabels({ owner, repo, issue_number: n, labels: ['kiro:in-progress'] });
    expect(added.data.map((l) => l.name)).toEqual(['kiro:in-progress']);
    expect(gh.state.labels().map((l) => l.name)).toContain('kiro:in-progress');
    const removed = await octokit.rest.issues.removeLabel({ owner, repo, issue_number: n, name: 'kiro:in-progress' });
    expect(removed.data).toEqual([]);
    await expect(octokit.rest.issues.removeLabel({ owner, repo, issue_number: n, name: 'kiro:in-progress' })).rejects.toMatchObject({ status: 404 });
    expect(takeViolations()).toEqual([]);
  });

  it('permission levels: set → level, stranger → 404', async () => {
    gh.state.setPermission('alice', 'write');
    const p = await octokit.rest.repos.getCollaboratorPermissionLevel({ owner, repo, username: 'alice' });
    expect(p.data.permission).toBe('write');
    await expect(octokit.rest.repos.getCollaboratorPermissionLevel({ owner, repo, username: 'zed' })).rejects.toMatchObject({ status: 404 });
    // A user first known by login gets its real id later; association follows permissions.
    gh.state.setPermission('carol', 'admin');
    gh.state.ensureUser({ login: 'carol', id: 4242, type: 'User' });
    const issue = gh.state.addIssue({ title: 'by carol', user: { login: 'carol' } });
    expect(issue).toMatchObject({ user: { id: 4242 }, author_association: 'MEMBER' });
    gh.state.setPermission('carol', 'read');
    expect(gh.state.issue(issue.number as number)?.author_association).toBe('NONE');
    expect(takeViolations()).toEqual([]);
  });

  it('opens a draft PR that shares numbering with issues; 422 for a second PR from the same head; lists by head', async () => {
    const issueN = gh.state.addIssue({ title: 'before', user: ALICE }).number as number;
    const { data: pr } = await octokit.rest.pulls.create({ owner, repo, head: 'kiro/1-fix', base: 'main', title: 'Fix', body: 'Closes #1', draft: true });
    expect(pr.number).toBe(issueN + 1);
    expect(pr.draft).toBe(true);
    expect(pr.html_url).toBe(`https://github.com/${owner}/${repo}/pull/${pr.number}`);
    await expect(octokit.rest.pulls.create({ owner, repo, head: 'kiro/1-fix', base: 'main', title: 'Again' })).rejects.toMatchObject({ status: 422 });
    const list = await octokit.rest.pulls.list({ owner, repo, head: `${owner}:kiro/1-fix`, state: 'open' });
    expect(list.data.map((p) => p.number)).toEqual([pr.number]);
    const asIssue = await octokit.rest.issues.get({ owner, repo, issue_number: pr.number });
    expect(asIssue.data.pull_request?.html_url).toBe(pr.html_url);
    await octokit.rest.issues.addLabels({ owner, repo, issue_number: pr.number, labels: ['kiro'] });
    const upd = await octokit.rest.pulls.update({ owner, repo, pull_number: pr.number, body: 'new body' });
    expect(upd.data.body).toBe('new body');
    expect((await octokit.rest.pulls.list({ owner, repo })).data[0]?.labels[0]?.name).toBe('kiro');
    expect(takeViolations()).toEqual([]);
  });

  it('actions: runs, cancel, dispatch, jobs, logs (302 to a blob), check runs and annotations', async () => {
    const run = gh.state.addWorkflowRun({ status: 'in_progress' });
    const runId = run.id as number;
    expect((await octokit.rest.actions.getWorkflowRun({ owner, repo, run_id: runId })).data.status).toBe('in_progress');
    expect((await octokit.rest.actions.cancelWorkflowRun({ owner, repo, run_id: runId })).status).toBe(202);
    expect(gh.state.runs.find((r) => r.id === runId)).toMatchObject({ status: 'completed', conclusion: 'cancelled' });
    await expect(octokit.rest.actions.cancelWorkflowRun({ owner, repo, run_id: runId })).rejects.toMatchObject({ status: 409 });

    const d = await octokit.rest.actions.createWorkflowDispatch({ owner, repo, workflow_id: 'kiro.yml', ref: 'main', inputs: { 'task-id': 't1' } });
    expect(d.status).toBe(204);
    expect(gh.state.dispatches.at(-1)).toMatchObject({ workflow_id: 'kiro.yml', ref: 'main', inputs: { 'task-id': 't1' } });

    const sha = 'a'.repeat(40);
    const check = gh.state.addCheckRun({
      sha,
      name: 'test',
      conclusion: 'failure',
      output: { title: '1 failing', summary: 'boom', annotations: [{ path: 'src/a.ts', start_line: 3, message: 'expected 4' }] },
      log: '##[error]expected 4, got 0\n',
      runId,
    });
    const checks = await octokit.rest.checks.listForRef({ owner, repo, ref: sha });
    expect(checks.data.check_runs.map((c) => [c.name, c.conclusion])).toEqual([['test', 'failure']]);
    const ann = await octokit.rest.checks.listAnnotations({ owner, repo, check_run_id: check.id as number });
    expect(ann.data[0]?.message).toBe('expected 4');
    const jobs = await octokit.rest.actions.listJobsForWorkflowRun({ owner, repo, run_id: runId });
    expect(jobs.data.jobs.map((j) => j.id)).toEqual([check.id]);
    const logs = await octokit.rest.actions.downloadJobLogsForWorkflowRun({ owner, repo, job_id: check.id as number });
    expect(String(logs.data)).toContain('expected 4, got 0');
    expect(takeViolations()).toEqual([]);
  });

  it('review comments, reviews and replies over REST', async () => {
    const pr = gh.state.addPull({ title: 'P', head: 'kiro/2-x', user: { login: 'github-actions[bot]' } });
    const n = pr.number as number;
    gh.state.addReview({ pull: n, user: ALICE, state: 'CHANGES_REQUESTED', body: 'please fix' });
    const t = gh.state.addReviewThread({ pull: n, path: 'src/a.ts', line: 3, comments: [{ user: ALICE, body: 'rename this' }] });
    const reviews = await octokit.rest.pulls.listReviews({ owner, repo, pull_number: n });
    expect(reviews.data.map((r) => r.state)).toEqual(['CHANGES_REQUESTED', 'COMMENTED']);
    const rc = await octokit.rest.pulls.listReviewComments({ owner, repo, pull_number: n });
    expect(rc.data.map((c) => c.body)).toEqual(['rename this']);
    const first = t.commentIds[0]!;
    const reply = await octokit.rest.pulls.createReplyForReviewComment({ owner, repo, pull_number: n, comment_id: first, body: 'renamed' });
    expect(reply.data.in_reply_to_id).toBe(first);
    await octokit.rest.reactions.createForPullRequestReviewComment({ owner, repo, comment_id: first, content: 'eyes' });
    expect((await octokit.rest.pulls.getReviewComment({ owner, repo, comment_id: first })).data.reactions?.eyes).toBe(1);
    expect(gh.state.reviewThreads(n)[0]?.comments.map((c) => c.body)).toEqual(['rename this', 'renamed']);
    expect(takeViolations()).toEqual([]);
  });

  it('supports several repositories, created on first use or with addRepo', async () => {
    gh.state.addRepo('other-org', 'svc', { defaultBranch: 'trunk' });
    expect((await octokit.rest.repos.get({ owner: 'other-org', repo: 'svc' })).data.default_branch).toBe('trunk');
    const i = await octokit.rest.issues.create({ owner: 'x', repo: 'y', title: 'batch' });
    expect(i.data.number).toBe(1);
    expect(gh.state.issue(1, 'x/y')?.title).toBe('batch');
    expect(gh.requests.at(-1)?.repo).toBe('x/y');
    expect(takeViolations()).toEqual([]);
  });
});

describe('validation', () => {
  it('an off-spec request (comment without body) is answered 422 and recorded', async () => {
    const n = gh.state.addIssue({ title: 'V', user: ALICE }).number as number;
    const res = await octokit
      .request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { owner, repo, issue_number: n, bdy: 'typo' } as never)
      .catch((e: { status: number }) => e);
    expect(res).toMatchObject({ status: 422 });
    const v = takeViolations();
    expect(v, v.join('\n')).toHaveLength(1);
    expect(v[0]).toMatch(/issues\/create-comment.*must have required property 'body'/);
    expect(gh.state.comments(n)).toEqual([]);
  });

  it('unknown routes, bad query parameters and missing auth are violations', async () => {
    await expect(octokit.request('GET /repos/{owner}/{repo}/no-such-thing', { owner, repo })).rejects.toMatchObject({ status: 404 });
    await expect(octokit.request('GET /repos/{owner}/{repo}/pulls', { owner, repo, state: 'merged' } as never)).rejects.toMatchObject({ status: 422 });
    const wrong = getOctokit('ghs_wrong', { baseUrl: gh.url });
    await expect(wrong.rest.repos.get({ owner, repo })).rejects.toMatchObject({ status: 401 });
    expect((await fetch(`${gh.url}/repos/${owner}/${repo}`)).status).toBe(401);
    const v = takeViolations();
    expect(v).toHaveLength(4);
    expect(v[0]).toMatch(/no such route/);
    expect(v[1]).toMatch(/pulls\/list.*state/);
    expect(v[2]).toMatch(/wrong token/);
    expect(v[3]).toMatch(/no authorization header/);
  });

  it('a response of the wrong shape is caught (validator unit test and the live pipeline)', async () => {
    const good = gh.state.addIssue({ title: 'shape', user: ALICE });
    expect(await validateResponseShape('issues/get', 200, good)).toEqual([]);
    const { user: _drop, ...noUser } = good;
    expect((await validateResponseShape('issues/get', 200, noUser)).join()).toMatch(/required property 'user'/);
    expect((await validateResponseShape('issues/get', 200, { ...good, number: '7' })).join()).toMatch(/number must be integer/);
    expect((await validateResponseShape('issues/create-comment', 200, {})).join()).toMatch(/status 200 is not declared/);

    gh.tamperNext('issues/get', (b) => ({ ...(b as object), state: 42 }));
    await octokit.rest.issues.get({ owner, repo, issue_number: good.number as number });
    const v = takeViolations();
    expect(v).toHaveLength(1);
    expect(v[0]).toMatch(/response 200 off-spec: \/state must be string/);
  });

  it('every seeded object kind passes its schema', async () => {
    const pr = gh.state.addPull({ title: 'S', head: 'kiro/3-s', files: [{ filename: 'a.ts', additions: 1, patch: '@@ -1 +1 @@' }] });
    const n = pr.number as number;
    const outdated = gh.state.addReviewThread({ pull: n, path: 'a.ts', line: 9, isOutdated: true, comments: [{ user: BOB, body: 'old' }] });
    expect(await validateResponseShape('pulls/get', 200, pr)).toEqual([]);
    expect(await validateResponseShape('pulls/get-review-comment', 200, outdated.comments[0])).toEqual([]);
    expect(await validateResponseShape('repos/get', 200, gh.state.repository())).toEqual([]);
    const files = await octokit.rest.pulls.listFiles({ owner, repo, pull_number: n });
    expect(files.data[0]?.filename).toBe('a.ts');
    const users = await octokit.rest.users.getByUsername({ username: 'alice' });
    expect(users.data.login).toBe('alice');
    expect(takeViolations()).toEqual([]);
  });
});

describe('faults', () => {
  it('failNext answers the next calls with the given status and headers, then recovers', async () => {
    gh.failNext('repos/get', 502, 2);
    await expect(octokit.rest.repos.get({ owner, repo })).rejects.toMatchObject({ status: 502 });
    await expect(octokit.rest.repos.get({ owner, repo })).rejects.toMatchObject({ status: 502 });
    expect((await octokit.rest.repos.get({ owner, repo })).status).toBe(200);

    const reset = String(Math.floor(Date.now() / 1000) + 60);
    gh.failNext('issues/create-comment', 403, 1, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset });
    const n = gh.state.addIssue({ title: 'F', user: ALICE }).number as number;
    const e = await octokit.rest.issues.createComment({ owner, repo, issue_number: n, body: 'x' }).catch((x: { status: number; response: { headers: Record<string, string>; data: { message: string } } }) => x);
    expect(e).toMatchObject({ status: 403, response: { headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset } } });
    expect(gh.state.comments(n)).toEqual([]); // the fault happens before any effect

    gh.failNext('graphql', 429, 1, { 'retry-after': '1' });
    await expect(gql('{ viewer { login } }')).rejects.toMatchObject({ status: 429 });
    expect(gh.requests.filter((r) => r.status >= 400).length).toBeGreaterThanOrEqual(4);
    expect(takeViolations()).toEqual([]);
  });
});

describe('GraphQL', () => {
  const THREADS = `query($owner: String!, $name: String!, $number: Int!, $after: String) {
    repository(owner: $owner, name: $name) {
      pullRequest(number: $number) {
        id number headRefName headRefOid state author { login }
        reviewThreads(first: 2, after: $after) {
          totalCount
          pageInfo { hasNextPage endCursor }
          nodes {
            id isResolved isOutdated path line originalLine diffSide
            comments(first: 50) {
              nodes { id databaseId body url createdAt diffHunk author { login __typename } }
              pageInfo { hasNextPage endCursor }
            }
          }
        }
        reviews(first: 10) { nodes { state author { login } } }
      }
    }
  }`;

  it('paginates review threads for real and resolves one by mutation', async () => {
    const pr = gh.state.addPull({ title: 'G', head: 'kiro/4-g' });
    const n = pr.number as number;
    for (let i = 0; i < 5; i++)
      gh.state.addReviewThread({ pull: n, path: `f${i}.ts`, line: i + 1, comments: [{ user: ALICE, body: `t${i}` }, { user: BOB, body: `r${i}` }], isResolved: i === 4 });

    type Page = { repository: { pullRequest: { headRefName: string; reviewThreads: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: Array<{ id: string; isResolved: boolean; path: string; comments: { nodes: Array<{ body: string; author: { login: string } }> } }> } } } };
    const first = await gql<Page>(THREADS, { owner, name: repo, number: n });
    const conn = first.repository.pullRequest.reviewThreads;
    expect(conn.totalCount).toBe(5);
    expect(conn.nodes).toHaveLength(2);
    expect(conn.pageInfo.hasNextPage).toBe(true);
    const threads = [...conn.nodes];
    let after = conn.pageInfo.endCursor;
    while (after) {
      const next = await gql<Page>(THREADS, { owner, name: repo, number: n, after });
      threads.push(...next.repository.pullRequest.reviewThreads.nodes);
      after = next.repository.pullRequest.reviewThreads.pageInfo.hasNextPage ? next.repository.pullRequest.reviewThreads.pageInfo.endCursor : null;
    }
    expect(threads.map((t) => t.path)).toEqual(['f0.ts', 'f1.ts', 'f2.ts', 'f3.ts', 'f4.ts']);
    expect(threads[0]?.comments.nodes.map((c) => c.body)).toEqual(['t0', 'r0']);

    const target = threads[1]!.id;
    const res = await gql<{ resolveReviewThread: { thread: { isResolved: boolean } } }>(
      'mutation($id: ID!) { resolveReviewThread(input: { threadId: $id }) { thread { isResolved } } }',
      { id: target },
    );
    expect(res.resolveReviewThread.thread.isResolved).toBe(true);
    const reply = await gql<{ addPullRequestReviewThreadReply: { comment: { body: string; author: { login: string } } } }>(
      'mutation($id: ID!, $body: String!) { addPullRequestReviewThreadReply(input: { pullRequestReviewThreadId: $id, body: $body }) { comment { body author { login } } } }',
      { id: target, body: 'Fixed in abc123' },
    );
    expect(reply.addPullRequestReviewThreadReply.comment).toEqual({ body: 'Fixed in abc123', author: { login: 'github-actions' } });
    expect(gh.state.reviewThreads(n)[1]).toMatchObject({ isResolved: true });
    expect(gh.state.reviewThreads(n)[1]?.comments.map((c) => c.body)).toEqual(['t1', 'r1', 'Fixed in abc123']);

    const node = await gql<{ node: { __typename: string; isResolved: boolean } }>('query($id: ID!) { node(id: $id) { __typename ... on PullRequestReviewThread { isResolved } } }', { id: target });
    expect(node.node).toEqual({ __typename: 'PullRequestReviewThread', isResolved: true });

    const writes = gh.writes().filter((w) => w.operationId === 'graphql');
    expect(writes.map((w) => w.graphql?.rootFields)).toEqual([['resolveReviewThread'], ['addPullRequestReviewThreadReply']]);
    expect(takeViolations()).toEqual([]);
  });

  it('an invalid query, a missing pagination bound and an unimplemented field are violations', async () => {
    await expect(gql('{ repository(owner: "o", name: "r") { nope } }')).rejects.toThrow(/Cannot query field "nope"/);
    let v = takeViolations();
    expect(v).toHaveLength(1);
    expect(v[0]).toMatch(/invalid against GitHub's schema/);

    const n = gh.state.addPull({ title: 'H', head: 'kiro/5-h' }).number as number;
    await expect(gql(`{ repository(owner: "${owner}", name: "${repo}") { pullRequest(number: ${n}) { reviewThreads { totalCount } } } }`)).rejects.toThrow(/must provide a `first` or `last`/);
    v = takeViolations();
    expect(v).toHaveLength(1);
    expect(v[0]).toMatch(/MISSING|first/);

    const r = await gql<{ repository: { pullRequest: { milestone: null } } }>(
      `{ repository(owner: "${owner}", name: "${repo}") { pullRequest(number: ${n}) { milestone { title } } } }`,
    );
    expect(r.repository.pullRequest.milestone).toBeNull();
    v = takeViolations();
    expect(v).toEqual([expect.stringMatching(/PullRequest\.milestone is not implemented/)]);
    // A non-null field the fake lacks also fails execution, like a resolver bug would.
    await expect(gql(`{ repository(owner: "${owner}", name: "${repo}") { pullRequest(number: ${n}) { maintainerCanModify } } }`)).rejects.toThrow(/non-nullable/);
    expect(takeViolations()).toHaveLength(2);

    // A GitHub-like NOT_FOUND is an answer, not a violation.
    await expect(gql(`{ repository(owner: "${owner}", name: "${repo}") { pullRequest(number: 9999) { id } } }`)).rejects.toThrow(/Could not resolve to a PullRequest/);
    expect(takeViolations()).toEqual([]);
  });
});
