/**
 * Dry run (SPEC.md J8): reads go to GitHub as usual; every write is printed and appended to
 * `$RUNNER_TEMP/kiro-dry-run/github-writes.json` instead of being sent.
 */
import { appendFileSync, mkdirSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import * as core from '@actions/core';
import { DryRunDir } from '../constants.js';
import type { GitHubApi, RecordedWrite, RepoRef } from './api.js';

/** Appends one JSON record per line to a file under `$RUNNER_TEMP/kiro-dry-run/`. */
export class DryRunRecorder {
  readonly dir: string;
  readonly writes: RecordedWrite[] = [];
  constructor(runnerTemp: string, private readonly redact: (s: string) => string) {
    this.dir = path.join(runnerTemp, DryRunDir);
    mkdirSync(this.dir, { recursive: true });
  }

  /** Records a write: prints it and appends it to `<dir>/<file>` (JSON lines). */
  record(file: string, w: Omit<RecordedWrite, 'at'>): void {
    const rec: RecordedWrite = { ...w, at: new Date().toISOString() };
    const text = this.redact(JSON.stringify(rec));
    this.writes.push(JSON.parse(text) as RecordedWrite);
    core.info(`[dry-run] would ${w.operation}${w.repository ? ` on ${w.repository}` : ''}: ${text.length > 2000 ? `${text.slice(0, 2000)}…` : text}`);
    appendFileSync(path.join(this.dir, file), `${text}\n`);
  }

  /** Saves a named artefact (PR body, diff) as a file in the dry-run directory. */
  saveArtefact(name: string, content: string): string {
    const p = path.join(this.dir, name);
    writeFileSync(p, this.redact(content));
    return p;
  }

  exists(): boolean {
    return existsSync(this.dir);
  }
}

const FILE = 'github-writes.jsonl';

/** Wraps a real `GitHubApi`: reads delegate to it, writes are recorded with plausible results. */
export function createDryRunGitHubApi(real: GitHubApi, recorder: DryRunRecorder): GitHubApi {
  let nextId = 1;
  const rec = (operation: string, r: RepoRef | undefined, params: Record<string, unknown>) =>
    recorder.record(FILE, { operation, ...(r ? { repository: `${r.owner}/${r.repo}` } : {}), params });
  const fakeUrl = (r: RepoRef, kind: string, id: number) => `https://github.com/${r.owner}/${r.repo}/${kind}/dry-run-${id}`;
  return {
    dryRun: true,
    recordedWrites: () => recorder.writes,
    getDefaultBranch: (r) => real.getDefaultBranch(r),
    getPermission: (r, u) => real.getPermission(r, u),
    getIssue: (r, n) => real.getIssue(r, n),
    listIssueComments: (r, n) => real.listIssueComments(r, n),
    findOpenPullByHead: (r, b) => real.findOpenPullByHead(r, b),
    listOpenPulls: (r, head) => real.listOpenPulls(r, head),
    getPull: (r, n) => real.getPull(r, n),
    listReviewThreads: (r, n) => real.listReviewThreads(r, n),
    listReviews: (r, n) => real.listReviews(r, n),
    listCheckRuns: (r, ref) => real.listCheckRuns(r, ref),
    getWorkflowRunStatus: (r, id) => real.getWorkflowRunStatus(r, id),
    getJobLog: (r, id) => real.getJobLog(r, id),

    async createIssueComment(r, issueNumber, body, _opts) {
      const id = nextId++;
      rec('create issue comment', r, { issue_number: issueNumber, body });
      return { id: -id, htmlUrl: fakeUrl(r, 'issues/comments', id) };
    },
    async updateIssueComment(r, commentId, body) {
      rec('update issue comment', r, { comment_id: commentId, body });
    },
    async createIssue(r, i) {
      const id = nextId++;
      rec('create issue', r, { ...i });
      return { number: id, htmlUrl: fakeUrl(r, 'issues', id) };
    },
    async updateIssueBody(r, issueNumber, body, close) {
      rec('update issue', r, { issue_number: issueNumber, body, ...(close ? { state: 'closed', state_reason: close } : {}) });
    },
    async addReaction(r, target, content) {
      rec('add reaction', r, { ...target, content });
    },
    async ensureLabel(r, name, color, description) {
      rec('ensure label', r, { name, color, description });
    },
    async addLabels(r, issueNumber, labels) {
      rec('add labels', r, { issue_number: issueNumber, labels });
    },
    async removeLabel(r, issueNumber, label) {
      rec('remove label', r, { issue_number: issueNumber, name: label });
    },
    async createPull(r, p) {
      const id = nextId++;
      rec('create pull request', r, { ...p });
      recorder.saveArtefact('pull-request.md', `# ${p.title}\n\n${p.body}`);
      return { number: -id, htmlUrl: fakeUrl(r, 'pull', id), draft: p.draft, headRef: p.head, headSha: '', baseRef: p.base, body: p.body, state: 'open' };
    },
    async updatePull(r, pullNumber, p) {
      rec('update pull request', r, { pull_number: pullNumber, ...p });
    },
    async replyToReviewComment(r, pullNumber, commentId, body) {
      const id = nextId++;
      rec('reply to review comment', r, { pull_number: pullNumber, comment_id: commentId, body });
      return { id: -id, htmlUrl: fakeUrl(r, 'pull/comments', id) };
    },
    async resolveReviewThread(threadId) {
      rec('resolve review thread', undefined, { threadId });
    },
    async cancelWorkflowRun(r, runId) {
      rec('cancel workflow run', r, { run_id: runId });
    },
    async dispatchWorkflow(r, workflowId, ref, inputs) {
      rec('dispatch workflow', r, { workflow_id: workflowId, ref, inputs });
    },
  };
}
