/**
 * The GitHub operations the action uses, as one interface. `createGitHubApi` talks to GitHub
 * through Octokit; `createDryRunGitHubApi` (dry-run.ts) reads through it and records writes
 * instead of sending them. Every text the action writes (comment and PR bodies, thread replies)
 * passes through `redact` first.
 *
 * REST reference: https://docs.github.com/rest (issues, reactions, labels, pulls, actions, checks,
 * collaborators). GraphQL reference: https://docs.github.com/graphql (reviewThreads,
 * resolveReviewThread, addPullRequestReviewThreadReply).
 */
import { safeBody, safeInline } from '../policy/sanitize.js';
import type { Octokit } from './client.js';

export * from './types.js';
import type { GitHubApi, Permission, PullRequestRef, ReviewThread } from './types.js';

const labelName = (l: string | { name?: string }) => (typeof l === 'string' ? l : (l.name ?? ''));

function toPull(p: {
  number: number;
  html_url: string;
  draft?: boolean;
  head: { ref: string; sha: string };
  base: { ref: string };
  body: string | null;
  state: string;
}): PullRequestRef {
  return {
    number: p.number,
    htmlUrl: p.html_url,
    draft: p.draft ?? false,
    headRef: p.head.ref,
    headSha: p.head.sha,
    baseRef: p.base.ref,
    body: p.body ?? '',
    state: p.state,
  };
}

const THREADS_QUERY = /* GraphQL */ `
  query ($owner: String!, $repo: String!, $number: Int!, $after: String) {
    repository(owner: $owner, name: $repo) {
      pullRequest(number: $number) {
        reviewThreads(first: 50, after: $after) {
          pageInfo { hasNextPage endCursor }
          nodes {
            id
            isResolved
            isOutdated
            path
            line
            comments(first: 100) {
              nodes { id databaseId body url createdAt diffHunk author { login } }
            }
          }
        }
      }
    }
  }
`;

interface ThreadsPage {
  repository: {
    pullRequest: {
      reviewThreads: {
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        nodes: Array<{
          id: string;
          isResolved: boolean;
          isOutdated: boolean;
          path: string;
          line: number | null;
          comments: { nodes: Array<{ id: string; databaseId: number | null; body: string; url: string; createdAt: string; diffHunk: string; author: { login: string } | null }> };
        }>;
      };
    } | null;
  } | null;
}

/**
 * The real implementation over Octokit.
 * @param redact applied to every text the action writes to GitHub
 * @param retryBaseMs base delay between attempts of an idempotent create, ms
 */
export function createGitHubApi(octokit: Octokit, redactSecrets: (s: string) => string, retryBaseMs = 1000): GitHubApi {
  // every text written to GitHub: secrets redacted, then terminal escapes, control characters and
  // bidi overrides removed (untrusted text is echoed: issue titles, model output); titles are one line
  const redact = (s: string) => safeBody(redactSecrets(s));
  const title = (s: string) => safeInline(redactSecrets(s));
  const status = (e: unknown) => (e as { status?: number }).status;
  /**
   * A create that must not happen twice. The retry plugin would re-send a POST whose response was
   * lost (a 502 after the server acted, a reset connection): here the request is sent without
   * retries, and after a transient failure — or an `exists` answer — `find` looks for what the
   * first attempt may have made before trying again (3 attempts).
   */
  const createOnce = async <T>(create: (retries?: number) => Promise<T>, find: () => Promise<T | undefined>, exists: (e: unknown) => boolean = () => false): Promise<T> => {
    let last: unknown;
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        return await create(0);
      } catch (e) {
        const code = status(e);
        const transient = code === undefined || code >= 500 || code === 429;
        if (!transient && !exists(e)) throw e;
        last = e;
        const found = await find();
        if (found !== undefined) return found;
        if (!transient) throw e;
        await new Promise((res) => setTimeout(res, retryBaseMs * 2 ** attempt));
      }
    }
    throw last;
  };
  return {
    dryRun: false,
    recordedWrites: () => [],

    async getDefaultBranch(r) {
      const { data } = await octokit.rest.repos.get({ owner: r.owner, repo: r.repo });
      return data.default_branch;
    },

    async getPermission(r, username) {
      try {
        const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...r, username });
        // role_name distinguishes maintain/triage, which `permission` folds into write/read
        const role = (data as { role_name?: string }).role_name;
        if (role === 'maintain' || role === 'triage') return role;
        return data.permission as Permission;
      } catch (e) {
        if (status(e) === 404) return 'none';
        throw e;
      }
    },

    async getIssue(r, issueNumber) {
      const { data } = await octokit.rest.issues.get({ ...r, issue_number: issueNumber });
      return {
        number: data.number,
        title: data.title,
        body: data.body ?? '',
        htmlUrl: data.html_url,
        labels: data.labels.map(labelName),
        state: data.state,
        updatedAt: data.updated_at,
      };
    },

    async listIssueComments(r, issueNumber) {
      const all = await octokit.paginate(octokit.rest.issues.listComments, { ...r, issue_number: issueNumber, per_page: 100 });
      return all.map((c) => ({
        id: c.id,
        body: c.body ?? '',
        htmlUrl: c.html_url,
        user: { login: c.user?.login ?? '', id: c.user?.id ?? 0, type: c.user?.type ?? 'User' },
        createdAt: c.created_at,
        updatedAt: c.updated_at,
      }));
    },

    async createIssueComment(r, issueNumber, body, opts = {}) {
      const create = async (retries?: number) => {
        const { data } = await octokit.rest.issues.createComment({ ...r, issue_number: issueNumber, body: redact(body), ...(retries !== undefined ? { request: { retries } } : {}) });
        return { id: data.id, htmlUrl: data.html_url };
      };
      const marker = opts.marker;
      if (!marker) return create();
      return createOnce(create, async () => {
        const all = await octokit.paginate(octokit.rest.issues.listComments, { ...r, issue_number: issueNumber, per_page: 100 });
        const found = all.find((c) => (c.body ?? '').startsWith(marker));
        return found ? { id: found.id, htmlUrl: found.html_url } : undefined;
      });
    },

    async updateIssueComment(r, commentId, body) {
      await octokit.rest.issues.updateComment({ ...r, comment_id: commentId, body: redact(body) });
    },

    async createIssue(r, i, opts = {}) {
      const create = async (retries?: number) => {
        const { data } = await octokit.rest.issues.create({ ...r, title: title(i.title), body: redact(i.body), ...(retries !== undefined ? { request: { retries } } : {}) });
        return { number: data.number, htmlUrl: data.html_url };
      };
      const marker = opts.marker;
      if (!marker) return create();
      const find = async () => {
        // one page: an issue this run made is among the repository's newest
        const { data } = await octokit.rest.issues.listForRepo({ ...r, state: 'all', sort: 'created', direction: 'desc', per_page: 100 });
        const found = data.find((x) => !x.pull_request && (x.body ?? '').includes(marker));
        return found ? { number: found.number, htmlUrl: found.html_url } : undefined;
      };
      if (opts.mayExist) {
        const found = await find();
        if (found) return found;
      }
      return createOnce(create, find);
    },

    async updateIssueBody(r, issueNumber, body, close) {
      await octokit.rest.issues.update({ ...r, issue_number: issueNumber, body: redact(body), ...(close ? { state: 'closed' as const, state_reason: close } : {}) });
    },

    async addReaction(r, target, content) {
      if (target.kind === 'issue') await octokit.rest.reactions.createForIssue({ ...r, issue_number: target.issueNumber, content });
      else if (target.kind === 'issue_comment') await octokit.rest.reactions.createForIssueComment({ ...r, comment_id: target.commentId, content });
      else await octokit.rest.reactions.createForPullRequestReviewComment({ ...r, comment_id: target.commentId, content });
    },

    async ensureLabel(r, name, color, description) {
      try {
        await octokit.rest.issues.getLabel({ ...r, name });
        return;
      } catch (e) {
        if (status(e) !== 404) throw e;
      }
      try {
        await octokit.rest.issues.createLabel({ ...r, name, color, description });
      } catch (e) {
        // 422: another run created it between our check and create
        if (status(e) !== 422) throw e;
      }
    },

    async addLabels(r, issueNumber, labels) {
      await octokit.rest.issues.addLabels({ ...r, issue_number: issueNumber, labels });
    },

    async removeLabel(r, issueNumber, label) {
      try {
        await octokit.rest.issues.removeLabel({ ...r, issue_number: issueNumber, name: label });
      } catch (e) {
        if (status(e) !== 404) throw e;
      }
    },

    async findOpenPullByHead(r, branch) {
      const { data } = await octokit.rest.pulls.list({ ...r, head: `${r.owner}:${branch}`, state: 'open', per_page: 10 });
      const p = data[0];
      return p ? toPull(p) : undefined;
    },

    async listOpenPulls(r, head) {
      const all = await octokit.paginate(octokit.rest.pulls.list, { ...r, state: 'open', per_page: 100 });
      return all.filter((p) => head.test(p.head.ref)).map(toPull);
    },

    async getPull(r, pullNumber) {
      const { data } = await octokit.rest.pulls.get({ ...r, pull_number: pullNumber });
      return toPull(data);
    },

    async createPull(r, p) {
      const existing = async () => {
        const { data } = await octokit.rest.pulls.list({ ...r, head: `${r.owner}:${p.head}`, state: 'open', per_page: 10 });
        const found = data[0];
        if (!found) return undefined;
        await octokit.rest.pulls.update({ ...r, pull_number: found.number, title: title(p.title), body: redact(p.body) });
        return toPull(found);
      };
      return createOnce(
        async (retries) => {
          const { data } = await octokit.rest.pulls.create({ ...r, title: title(p.title), body: redact(p.body), head: p.head, base: p.base, draft: p.draft, request: { retries: retries ?? 0 } });
          return toPull(data);
        },
        existing,
        (e) => status(e) === 422 && /already exists/i.test(String((e as Error).message)),
      );
    },

    async updatePull(r, pullNumber, p) {
      await octokit.rest.pulls.update({
        ...r,
        pull_number: pullNumber,
        ...(p.title !== undefined ? { title: title(p.title) } : {}),
        ...(p.body !== undefined ? { body: redact(p.body) } : {}),
      });
    },

    async listReviewThreads(r, pullNumber) {
      const threads: ReviewThread[] = [];
      let after: string | null = null;
      do {
        const page: ThreadsPage = await octokit.graphql<ThreadsPage>(THREADS_QUERY, { owner: r.owner, repo: r.repo, number: pullNumber, after });
        const rt = page.repository?.pullRequest?.reviewThreads;
        if (!rt) break;
        for (const t of rt.nodes) {
          threads.push({
            id: t.id,
            isResolved: t.isResolved,
            isOutdated: t.isOutdated,
            path: t.path,
            line: t.line,
            comments: t.comments.nodes.map((c) => ({
              id: c.id,
              databaseId: c.databaseId ?? 0,
              body: c.body,
              url: c.url,
              author: c.author?.login ?? '',
              createdAt: c.createdAt,
              diffHunk: c.diffHunk,
            })),
          });
        }
        after = rt.pageInfo.hasNextPage ? rt.pageInfo.endCursor : null;
      } while (after);
      return threads;
    },

    async listReviews(r, pullNumber) {
      const all = await octokit.paginate(octokit.rest.pulls.listReviews, { ...r, pull_number: pullNumber, per_page: 100 });
      return all.map((v) => ({
        id: v.id,
        body: v.body ?? '',
        state: v.state,
        htmlUrl: v.html_url,
        user: { login: v.user?.login ?? '', id: v.user?.id ?? 0, type: v.user?.type ?? 'User' },
        submittedAt: v.submitted_at ?? '',
      }));
    },

    async replyToReviewComment(r, pullNumber, commentId, body) {
      const { data } = await octokit.rest.pulls.createReplyForReviewComment({ ...r, pull_number: pullNumber, comment_id: commentId, body: redact(body) });
      return { id: data.id, htmlUrl: data.html_url };
    },

    async resolveReviewThread(threadId) {
      await octokit.graphql(
        /* GraphQL */ `
          mutation ($threadId: ID!) {
            resolveReviewThread(input: { threadId: $threadId }) { thread { id isResolved } }
          }
        `,
        { threadId },
      );
    },

    async listCheckRuns(r, ref) {
      const runs = await octokit.paginate(octokit.rest.checks.listForRef, { ...r, ref, per_page: 100 });
      return runs.map((c) => {
        const jobMatch = /\/job\/(\d+)/.exec(c.html_url ?? '') ?? /\/jobs\/(\d+)/.exec(c.details_url ?? '');
        return {
          id: c.id,
          name: c.name,
          status: c.status,
          conclusion: c.conclusion,
          htmlUrl: c.html_url ?? '',
          title: c.output.title ?? '',
          summary: c.output.summary ?? '',
          text: c.output.text ?? '',
          ...(jobMatch ? { jobId: Number(jobMatch[1]) } : {}),
        };
      });
    },

    async getJobLog(r, jobId) {
      try {
        const res = await octokit.request('GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs', { ...r, job_id: jobId });
        return typeof res.data === 'string' ? res.data : String(res.data ?? '');
      } catch (e) {
        if (status(e) === 404 || status(e) === 410) return '';
        throw e;
      }
    },

    async getWorkflowRunStatus(r, runId) {
      try {
        const { data } = await octokit.rest.actions.getWorkflowRun({ ...r, run_id: runId });
        return data.status ?? undefined;
      } catch (e) {
        if (status(e) === 404) return undefined;
        throw e;
      }
    },

    async cancelWorkflowRun(r, runId) {
      try {
        await octokit.rest.actions.cancelWorkflowRun({ ...r, run_id: runId });
      } catch (e) {
        // 409: the run already finished — nothing to cancel
        if (status(e) !== 409) throw e;
      }
    },

    async dispatchWorkflow(r, workflowId, ref, inputs) {
      await octokit.rest.actions.createWorkflowDispatch({ ...r, workflow_id: workflowId, ref, inputs });
    },
  };
}
