/**
 * End-to-end harness: one fake GitHub (REST + GraphQL, validated against the OpenAPI description),
 * one git smart-HTTP remote, optionally one scripted Messages API server, and a runner launcher
 * that spawns the committed `dist/index.js` under Node 24 — what the Actions runner does.
 *
 * GITHUB_SERVER_URL is the git remote's URL (as on GitHub Enterprise Server), so the checkout's
 * auth header and the action's own pushes need no URL rewriting (see test/rig/workspace.ts).
 */
import { randomBytes } from 'node:crypto';
import { StateRefs } from '../../src/state/paths.js';
import { expect } from 'vitest';
import { startGitHubServer, type GitHubServer } from '../rig/github-server.js';
import { startGitRemote, type GitRemote, fixturePath } from '../rig/git-remote.js';
import { runAction, type RunActionResult } from '../rig/launcher.js';
import { startModelServer, type ModelScript, type ModelServer, type ModelServerOptions } from '../rig/model-server.js';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { prepareWorkspace, type PreparedWorkspace } from '../rig/workspace.js';
import { buildEvent, type EventKind, type EventOverrides, type WebhookEvent } from '../rig/events.js';

export const OWNER = 'octo-org';
export const REPO = 'octo-repo';
/** The task owner in most scenarios: a user with write access. */
export const ALICE = { login: 'alice', id: 1001 } as const;
/** A user with read access only. */
export const MALLORY = { login: 'mallory', id: 1002 } as const;
/** Another writer (a reviewer who is not the task owner). */
export const BOB = { login: 'bob', id: 1003 } as const;
export const API_KEY = `sk-ant-api03-${randomBytes(24).toString('hex')}`;

export interface RigOptions {
  /** Fixture directory name under test/rig/fixtures, or a file map. Default `calc-js`. */
  fixture?: string | Record<string, string>;
  owner?: string;
  repo?: string;
  /** Model script; when absent no model server is started. */
  script?: ModelScript;
  /** More options for the model server (e.g. an enforced `contextWindow`). */
  modelOptions?: Omit<ModelServerOptions, 'apiKey'>;
}

export interface RunOptions {
  inputs?: Record<string, string>;
  env?: Record<string, string>;
  /** Keep RUNNER_TEMP between runs (like a restored cache). */
  runnerTemp?: string;
  /** The job's HOME (default: a fresh directory per run). */
  home?: string;
  runId?: number;
  timeoutMs?: number;
  onLine?: Parameters<typeof runAction>[0]['onLine'];
  onStart?: Parameters<typeof runAction>[0]['onStart'];
  /** Run in another repository of the rig (`name` under the rig's owner, or `owner/name`; see `Rig.addRepo`). */
  repo?: string;
}

/** What `Rig.dispatchRunner` started. */
export interface DispatchRunner {
  /** Finished runs, in order of finishing, with the dispatch's inputs. */
  readonly results: Array<{ inputs: Record<string, unknown>; result: RunActionResult }>;
  /** Runs that could not be started or crashed the launcher. */
  readonly failures: unknown[];
  readonly inFlight: number;
  /** Most dispatched runs alive at one moment. */
  readonly maxInFlight: number;
  idle(): Promise<void>;
  stop(): void;
}

export class Rig {
  private runs = 0;
  /**
   * The checkout made for each `owner/repo@sha`, kept untouched: a run of the same commit gets a
   * copy of it (the same files and `.git` actions/checkout leaves; making one is ~17 git processes
   * and three smart-HTTP requests, and the suite starts a few hundred runs).
   */
  private readonly checkouts = new Map<string, Promise<PreparedWorkspace>>();
  /** Directories made for runs (checkouts, each run's root), removed at `close()`. */
  private readonly scratch: string[] = [];
  constructor(
    readonly github: GitHubServer,
    readonly remote: GitRemote,
    readonly model: ModelServer | undefined,
    readonly owner: string,
    readonly repo: string,
  ) {}

  get token(): string {
    return this.remote.token!;
  }
  get repository(): string {
    return `${this.owner}/${this.repo}`;
  }
  get target() {
    return { owner: this.owner, repo: this.repo, serverUrl: this.remote.url, apiUrl: this.github.url };
  }

  /** A webhook event re-pointed at the rig's repository (or at `repo`, see `Rig.addRepo`). */
  event(kind: EventKind, overrides: EventOverrides = {}, repo?: string): WebhookEvent {
    const { owner, repo: name } = this.split(repo);
    return buildEvent(kind, { ...this.target, owner, repo: name }, overrides);
  }

  /**
   * Adds another repository to the rig — on the git remote (with `fixture`) and in the fake
   * GitHub — with the same users and permissions as the first one. `repo` is a name under the
   * rig's owner, or `owner/name`.
   */
  async addRepo(repo: string, fixture: string | Record<string, string> = 'calc-js'): Promise<string> {
    const { owner, repo: name } = this.split(repo);
    await this.remote.createRepo(owner, name, typeof fixture === 'object' ? fixture : fixturePath(fixture));
    const full = `${owner}/${name}`;
    this.github.state.addRepo(owner, name);
    this.github.state.setPermission(ALICE.login, 'write', full);
    this.github.state.setPermission(BOB.login, 'write', full);
    this.github.state.setPermission(MALLORY.login, 'read', full);
    return full;
  }

  private split(repo?: string): { owner: string; repo: string } {
    if (!repo) return { owner: this.owner, repo: this.repo };
    const [o, n] = repo.includes('/') ? (repo.split('/', 2) as [string, string]) : [this.owner, repo];
    return { owner: o, repo: n };
  }

  /**
   * Runs the action once, as a fresh job: a new checkout of the default branch, the event file,
   * the runner's environment.
   */
  async run(event: WebhookEvent, opts: RunOptions = {}): Promise<RunActionResult> {
    const { owner, repo } = this.split(opts.repo);
    const ws = await this.checkout(owner, repo);
    this.scratch.push(ws.dir);
    this.runs++;
    const result = await runAction({
      event,
      workspace: ws.dir,
      apiUrl: this.github.url,
      serverUrl: this.remote.url,
      repository: `${owner}/${repo}`,
      runId: opts.runId ?? 5000 + this.runs,
      githubToken: this.token,
      inputs: { 'anthropic-api-key': API_KEY, ...opts.inputs },
      env: {
        ...(this.model ? { ANTHROPIC_BASE_URL: this.model.url } : {}),
        KIRO_RETRY_BASE_MS: '5',
        ...ws.env,
        ...opts.env,
      },
      ...(opts.runnerTemp ? { runnerTemp: opts.runnerTemp } : {}),
      ...(opts.home ? { home: opts.home } : {}),
      timeoutMs: opts.timeoutMs ?? 120_000,
      ...(opts.onLine ? { onLine: opts.onLine } : {}),
      ...(opts.onStart ? { onStart: opts.onStart } : {}),
    });
    this.scratch.push(result.root);
    return result;
  }

  /**
   * Starts a new run of the bundle for every `workflow_dispatch` the fake GitHub accepts, as GitHub
   * does (a new job on its own runner: a fresh checkout of the dispatched repository, the event
   * with the dispatch's inputs, sent by github-actions[bot]). `opts` apply to every such run.
   * Stop with `runner.stop()`; `runner.idle()` resolves once no dispatched run is in flight.
   */
  dispatchRunner(opts: RunOptions = {}): DispatchRunner {
    const results: Array<{ inputs: Record<string, unknown>; result: RunActionResult }> = [];
    let inFlight = 0;
    let maxInFlight = 0;
    let waiters: Array<() => void> = [];
    const failures: unknown[] = [];
    this.github.state.onDispatch = (d) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const inputs = Object.fromEntries(Object.entries(d.inputs).map(([k, v]) => [k, String(v)]));
      const event = this.event('workflow_dispatch', { dispatch: { inputs }, sender: { login: 'github-actions[bot]', type: 'Bot' } }, d.repo);
      this.run(event, { ...opts, repo: d.repo, inputs: { ...opts.inputs, ...inputs } })
        .then((result) => results.push({ inputs, result }))
        .catch((e: unknown) => failures.push(e))
        .finally(() => {
          inFlight--;
          if (inFlight === 0) {
            const w = waiters;
            waiters = [];
            for (const f of w) f();
          }
        });
    };
    return {
      results,
      failures,
      get inFlight() {
        return inFlight;
      },
      get maxInFlight() {
        return maxInFlight;
      },
      idle: () => (inFlight === 0 ? Promise.resolve() : new Promise<void>((r) => waiters.push(r))),
      stop: () => {
        this.github.state.onDispatch = undefined;
      },
    };
  }

  /**
   * A file of the state store as the action sees it: a record on its own ref (`tasks/<id>.json`,
   * `slots/<n>.json`, `queue/…`, `index/…`; layout version 3) from that ref, anything else (or a
   * record not moved yet) from the state branch; null when missing.
   */
  async stateFile(file: string, branch = 'kiro/state'): Promise<string | null> {
    const key = StateRefs.keyOf(file);
    if (key) {
      const text = await this.remote.readFile(this.owner, this.repo, StateRefs.ref(branch, key), StateRefs.fileOf(key));
      if (text !== null) return text;
    }
    return this.remote.readFile(this.owner, this.repo, branch, file);
  }

  /**
   * The concurrency slots held on the state store (layout version 3: `slots/<n>` refs; version-2
   * lease files on the branch too), as `{ slot, taskId, reserved }` — expired ones included.
   */
  async slotLeases(branch = 'kiro/state'): Promise<Array<{ slot: string; taskId: string; reserved: boolean }>> {
    const out: Array<{ slot: string; taskId: string; reserved: boolean }> = [];
    for (const ref of await this.remote.refs(this.owner, this.repo, `${StateRefs.prefix(branch)}slots/`)) {
      const text = await this.remote.readFile(this.owner, this.repo, ref, 'lease.json');
      const lease = text ? (JSON.parse(text) as { taskId: string; reserved?: boolean }) : undefined;
      if (lease) out.push({ slot: ref.slice(StateRefs.prefix(branch).length), taskId: lease.taskId, reserved: lease.reserved === true });
    }
    return out;
  }

  /** Stops the servers and removes every directory the rig made (checkouts, each run's RUNNER_TEMP and HOME). */
  async close(): Promise<void> {
    const kept = await Promise.all([...this.checkouts.values()].map((c) => c.then((w) => w.dir).catch(() => undefined)));
    await Promise.all([this.github.close(), this.remote.close(), this.model?.close()]);
    await Promise.all([...kept, ...this.scratch].map((d) => d && rm(d, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined)));
  }

  /** A fresh checkout of `main` as actions/checkout leaves it: a copy of the one kept for its commit (made on first use). */
  private async checkout(owner: string, repo: string): Promise<PreparedWorkspace> {
    const sha = await this.remote.refSha(owner, repo, 'refs/heads/main');
    if (!sha) return prepareWorkspace({ remote: this.remote, owner, repo });
    const key = `${owner}/${repo}@${sha}`;
    let kept = this.checkouts.get(key);
    if (!kept) {
      kept = mkdtemp(path.join(tmpdir(), `rig-ws-kept-${repo}-`)).then((dir) => prepareWorkspace({ remote: this.remote, owner, repo, dir }));
      this.checkouts.set(key, kept);
      kept.catch(() => this.checkouts.delete(key));
    }
    const made = await kept;
    // main moved between the look and the fetch: check out what is there now
    if (made.headSha !== sha) return prepareWorkspace({ remote: this.remote, owner, repo });
    const dir = await mkdtemp(path.join(tmpdir(), `rig-ws-${repo}-`));
    await cp(made.dir, dir, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
    return { ...made, dir };
  }
}

/** Starts the servers and seeds the repository (fixture on `main`, Alice and Bob as writers, Mallory read-only). */
export async function startRig(opts: RigOptions = {}): Promise<Rig> {
  const owner = opts.owner ?? OWNER;
  const repo = opts.repo ?? REPO;
  const remote = await startGitRemote();
  const files = typeof opts.fixture === 'object' ? opts.fixture : fixturePath(opts.fixture ?? 'calc-js');
  await remote.createRepo(owner, repo, files);
  const github = await startGitHubServer({
    owner,
    repo,
    token: remote.token!,
    webUrl: remote.url,
    resolveRef: async (r, ref) => (await remote.refSha(r.split('/')[0]!, r.split('/')[1]!, `refs/heads/${ref}`)) ?? undefined,
  });
  github.state.setPermission(ALICE.login, 'write');
  github.state.setPermission(BOB.login, 'write');
  github.state.setPermission(MALLORY.login, 'read');
  github.state.ensureUser({ ...ALICE, type: 'User' });
  github.state.ensureUser({ ...BOB, type: 'User' });
  github.state.ensureUser({ ...MALLORY, type: 'User' });
  const model = opts.script ? await startModelServer(opts.script, { apiKey: API_KEY, ...opts.modelOptions }) : undefined;
  return new Rig(github, remote, model, owner, repo);
}

/**
 * Ends a test's rig: no off-spec GitHub request or response, no request the model server had to
 * reject, then every server closed. Use in `afterEach`.
 */
export async function closeChecked(rig: Rig | undefined): Promise<void> {
  if (!rig) return;
  try {
    expect(rig.github.violations).toEqual([]);
    expect(rig.model?.rejected ?? []).toEqual([]);
  } finally {
    await rig.close();
  }
}
