/**
 * A stateful fake of GitHub's REST and GraphQL APIs on 127.0.0.1 for end-to-end tests.
 * Point the action at it with `GITHUB_API_URL=<server.url>` (GraphQL is `${url}/graphql`, as
 * `getOctokit` derives it).
 *
 * Contract: GitHub's published OpenAPI description (`@octokit/openapi`,
 * `generated/api.github.com.json`, https://docs.github.com/rest) and GraphQL schema
 * (`@octokit/graphql-schema`, https://docs.github.com/graphql). Every request is routed and
 * validated against the OpenAPI operation it addresses, and every response this fake produces is
 * validated against that operation's response schema for the status sent. Anything off-spec —
 * an unknown route, bad parameters or body, a missing token, an operation this fake does not
 * implement, a response of the wrong shape, an invalid GraphQL document, a GraphQL field this fake
 * does not implement — is answered like GitHub would (404/422/401/GraphQL `errors`) AND recorded
 * in `server.violations`. End-to-end tests assert `violations` is empty.
 *
 * State is keyed by repository (`owner/name`, case-insensitive); any repository a request names is
 * created on first use (empty, default branch `main`). Issues and pull requests share numbering.
 * Writes made through the API are authored by the token's identity, `github-actions[bot]`
 * (id 41898282, type Bot), as in a workflow run with `GITHUB_TOKEN`.
 *
 * Deviations from github.com, on purpose:
 * - Job logs: `GET …/actions/jobs/{id}/logs` answers 302 (as documented) to a loopback "blob"
 *   URL on this server (`/_blobs/…`, not part of the API, no auth), which serves `text/plain`.
 * - `GET /user` returns the bot's public profile (github.com answers 403 to installation tokens).
 * - REST `label.description` inside `pulls/list` items is `""` instead of `null` (the published
 *   `pull-request-simple` schema does not allow null there).
 * - REST review comments on outdated lines omit `line` and `position` (github.com sends `null`;
 *   the schema says integer).
 * - GraphQL `Bot.login` is `github-actions` (no `[bot]` suffix) — that one is github.com's real
 *   behaviour and is kept.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import type { OpenAPIBackend as OpenAPIBackendType, Operation } from 'openapi-backend';
import { executeGraphQL } from './github-graphql.js';

const require = createRequire(import.meta.url);

/** github.com, used for every `html_url`. */
export const GITHUB_WEB_URL = 'https://github.com';
/** The identity of `GITHUB_TOKEN` in a workflow run (REST login). */
export const BOT_LOGIN = 'github-actions[bot]';
export const BOT_ID = 41898282;
/** Default token accepted by the server. */
export const DEFAULT_TOKEN = 'ghs_testtoken';

// =============================================================================================
// OpenAPI description: parsed, dereferenced and routed once per process

/** The formats GitHub's description uses that ajv-formats does not define. */
const CUSTOM_FORMATS: Record<string, RegExp | true> = {
  'repo.nwo': /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/,
  timestamp: true, // x-ratelimit-reset header (integer epoch seconds)
};

interface Route {
  method: string;
  regex: RegExp;
  specificity: number;
  op: Operation;
}

/** Result of validating one request against its operation. */
export interface RequestCheck {
  errors: string[];
  /** True when the failure is in a path parameter (GitHub answers 404, not 422). */
  pathError: boolean;
  params: Record<string, unknown>;
  query: Record<string, unknown>;
}

type ValidateFn = ((data: unknown) => boolean) & { errors?: AjvError[] | null };
interface AjvError {
  instancePath: string;
  message?: string;
  params?: unknown;
  keyword: string;
}
interface SharedAjv {
  compile(schema: object): ValidateFn;
}

/** Ajv options for every validator: code optimisation and ref inlining off make compiling 3-5x
 * cheaper on GitHub's large schemas, at no visible cost per validation. */
const AJV_OPTS = { strict: false, code: { optimize: false }, inlineRefs: false } as const;

/**
 * GitHub's REST description with a router and validators, compiled lazily per operation.
 * Obtain it with `loadGitHubSpec()`; one instance per process.
 *
 * Requests are parsed and validated by `openapi-backend` (path, query and header parameters,
 * JSON bodies). Responses are validated by one shared ajv instance over the description's
 * `$ref`s (not openapi-backend's per-operation dereferenced copies): `issue`, `simple-user`,
 * `repository` … compile once for all operations — ~25 ms per new operation instead of
 * 200-700 ms.
 */
export class GitHubSpec {
  /** Wall-clock ms spent reading, parsing and initialising (`loadGitHubSpec`'s first call). */
  initMs = 0;
  private readonly routes: Route[] = [];
  private readonly byId = new Map<string, Operation>();
  private readonly responseValidators = new Map<string, ValidateFn | null>();

  constructor(
    private readonly api: OpenAPIBackendType,
    private readonly raw: Json,
    private readonly ajv: SharedAjv,
  ) {
    for (const op of api.getOperations()) {
      if (!op.operationId) continue;
      this.byId.set(op.operationId, op);
      const pattern = op.path
        .split(/\{[^}]+\}/)
        .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^/]+');
      this.routes.push({
        method: op.method.toUpperCase(),
        regex: new RegExp(`^${pattern}$`),
        specificity: op.path.replace(/\{[^}]*\}/g, '').length,
        op,
      });
    }
    this.routes.sort((a, b) => b.specificity - a.specificity);
  }

  /** The operation a request addresses, or undefined (unknown route or method). */
  match(method: string, path: string): Operation | undefined {
    const p = path.length > 1 ? path.replace(/\/+$/, '') : path;
    const m = method.toUpperCase();
    return this.routes.find((r) => r.method === m && r.regex.test(p))?.op;
  }

  operation(operationId: string): Operation | undefined {
    return this.byId.get(operationId);
  }

  /** Validates path/query/header parameters and the JSON body; coerces parameter types. */
  validateRequest(
    op: Operation,
    req: { method: string; path: string; headers: Record<string, string | string[] | undefined>; query: Record<string, string>; body: unknown },
  ): RequestCheck {
    const headers: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = v;
    const r = this.api.validateRequest(
      { method: req.method, path: req.path, headers, query: { ...req.query }, body: req.body as never },
      op,
    );
    const errors = (r.errors ?? []).map(formatAjvError);
    const pathError = (r.errors ?? []).some((e) => e.instancePath.startsWith('/path'));
    const coerced = (r.coerced ?? {}) as { params?: Record<string, unknown>; query?: Record<string, unknown> };
    return { errors, pathError, params: coerced.params ?? {}, query: coerced.query ?? { ...req.query } };
  }

  /**
   * Validates a response body against the operation's schema for `status`. Returns error
   * strings (empty when valid). A 2xx/3xx status the operation does not declare is an error; an
   * undeclared 4xx/5xx (github.com sends many that the description omits) must look like
   * `basic-error` (a `message` string).
   */
  validateResponse(operationId: string, status: number, body: unknown): string[] {
    const op = this.byId.get(operationId);
    if (!op) return [`unknown operation ${operationId}`];
    const declared = Object.keys(op.responses ?? {});
    const hit =
      declared.includes(String(status)) ||
      declared.includes(`${String(status)[0]}XX`) ||
      declared.includes('default');
    if (!hit) {
      if (status < 400) return [`status ${status} is not declared for ${operationId} (declared: ${declared.join(', ')})`];
      const b = body as { message?: unknown } | null;
      return b && typeof b === 'object' && typeof b.message === 'string'
        ? []
        : [`error body for ${status} is not a basic-error object`];
    }
    let validate: ValidateFn | null;
    try {
      validate = this.responseValidator(op, status);
    } catch (err) {
      return [`response validator for ${operationId} ${status} failed to compile: ${String(err)}`];
    }
    if (!validate) {
      // No JSON content declared (204, 302 …): there must be no JSON body.
      return body === undefined || body === null ? [] : [`status ${status} of ${operationId} declares no body`];
    }
    return validate(body === undefined ? null : body) ? [] : (validate.errors ?? []).map(formatAjvError);
  }

  /** The compiled validator of an operation's JSON response for `status`, null if none declared. */
  private responseValidator(op: Operation, status: number): ValidateFn | null {
    const key = `${op.operationId} ${status}`;
    const cached = this.responseValidators.get(key);
    if (cached !== undefined) return cached;
    const responses = ((this.raw.paths as Json)[op.path] as Json)[op.method] as { responses: Json };
    const code = [String(status), `${String(status)[0]}XX`, 'default'].find((c) => c in responses.responses)!;
    let pointer = ['paths', op.path, op.method, 'responses', code];
    let response = responses.responses[code] as Json;
    if (typeof response.$ref === 'string') {
      pointer = response.$ref.replace(/^#\//, '').split('/').map((x) => x.replace(/~1/g, '/').replace(/~0/g, '~'));
      response = pointer.reduce<Json>((o, k) => o[k] as Json, this.raw);
    }
    const content = response.content as Record<string, { schema?: unknown }> | undefined;
    let validate: ValidateFn | null = null;
    if (content?.['application/json']?.schema) {
      const ref = [...pointer, 'content', 'application/json', 'schema']
        .map((x) => encodeURIComponent(x.replace(/~/g, '~0').replace(/\//g, '~1')))
        .join('/');
      validate = this.ajv.compile({ $ref: `gh#/${ref}` });
    }
    this.responseValidators.set(key, validate);
    return validate;
  }
}

function formatAjvError(e: AjvError): string {
  const where = e.instancePath || '/';
  const extra =
    e.keyword === 'additionalProperties' || e.keyword === 'enum' || e.keyword === 'oneOf' || e.keyword === 'format'
      ? ` ${JSON.stringify(e.params)}`
      : '';
  return `${where} ${e.message ?? e.keyword}${extra}`;
}

/**
 * Makes GitHub's OpenAPI 3.0 `nullable` usable by ajv, in place:
 * - schemas with `nullable: true` but no `type` (135 of them, e.g. `{nullable, oneOf}` and
 *   `allOf` wrappers) make ajv throw "nullable cannot be used without type" at compile time:
 *   rewritten as `anyOf: [<schema>, {type: 'null'}]`;
 * - a nullable `enum` without `null` in it (e.g. `issue.state_reason`) rejects `null` under ajv:
 *   `null` is added to the enum.
 */
function fixNullableWithoutType(node: unknown): void {
  if (Array.isArray(node)) {
    for (const x of node) fixNullableWithoutType(x);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const o = node as Record<string, unknown>;
  for (const v of Object.values(o)) fixNullableWithoutType(v);
  if (o.nullable === true && Array.isArray(o.enum) && !o.enum.includes(null)) o.enum = [...o.enum, null];
  if (o.nullable === true && o.type === undefined && o.$ref === undefined) {
    const { nullable: _n, description, ...rest } = o;
    for (const k of Object.keys(o)) delete o[k];
    if (description !== undefined) o.description = description;
    o.anyOf = [rest, { type: 'null' }];
  }
}

let specPromise: Promise<GitHubSpec> | undefined;

/**
 * Loads GitHub's OpenAPI description once per process (about 0.4 s: 13 MB JSON parse plus
 * dereferencing) and caches it. Validators compile lazily, per operation, on first use.
 */
export function loadGitHubSpec(): Promise<GitHubSpec> {
  specPromise ??= (async () => {
    const t0 = performance.now();
    const file = require.resolve('@octokit/openapi/generated/api.github.com.json');
    const definition = JSON.parse(readFileSync(file, 'utf8')) as Json;
    fixNullableWithoutType(definition);
    const { OpenAPIBackend } = require('openapi-backend') as typeof import('openapi-backend');
    const addFormats = (require('ajv-formats') as { default: typeof import('ajv-formats').default }).default;
    const api = new OpenAPIBackend({
      definition: definition as never, // openapi-backend dereferences a clone; `definition` keeps its $refs
      quick: true, // lazy validator compilation; the description itself is trusted
      validate: true,
      coerceTypes: true,
      ajvOpts: AJV_OPTS,
      customizeAjv: (ajv) => {
        addFormats(ajv);
        for (const [name, f] of Object.entries(CUSTOM_FORMATS)) ajv.addFormat(name, f);
        return ajv;
      },
    });
    await api.init();
    // The shared response validator: ajv as openapi-backend ships it (ajv is its dependency).
    const Ajv = (createRequire(require.resolve('openapi-backend'))('ajv') as { default: new (o: object) => SharedAjv & { addSchema(s: object, k: string): void; addFormat(n: string, f: RegExp | true): void } }).default;
    const ajv = new Ajv({ ...AJV_OPTS, validateSchema: false, addUsedSchema: false });
    addFormats(ajv as never);
    for (const [name, f] of Object.entries(CUSTOM_FORMATS)) ajv.addFormat(name, f);
    ajv.addSchema(definition, 'gh');
    const spec = new GitHubSpec(api, definition, ajv);
    spec.initMs = performance.now() - t0;
    return spec;
  })();
  return specPromise;
}

/** Validates `body` as the response of `operationId` with `status`; returns error strings. */
export async function validateResponseShape(operationId: string, status: number, body: unknown): Promise<string[]> {
  return (await loadGitHubSpec()).validateResponse(operationId, status, body);
}

// =============================================================================================
// State records (internal shapes; the REST/GraphQL objects are built from these)

export type UserType = 'User' | 'Bot' | 'Organization';
export type PermissionLevel = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none';
export type AuthorAssociation =
  | 'COLLABORATOR'
  | 'CONTRIBUTOR'
  | 'FIRST_TIMER'
  | 'FIRST_TIME_CONTRIBUTOR'
  | 'MANNEQUIN'
  | 'MEMBER'
  | 'NONE'
  | 'OWNER';
export type ReactionContent = '+1' | '-1' | 'laugh' | 'confused' | 'heart' | 'hooray' | 'rocket' | 'eyes';
export type ReviewState = 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';
export type RunStatus = 'queued' | 'in_progress' | 'completed' | 'waiting' | 'requested' | 'pending';
export type Conclusion = 'success' | 'failure' | 'neutral' | 'cancelled' | 'skipped' | 'timed_out' | 'action_required';

/** A user reference in helper inputs: `login` is enough (see `GitHubState.ensureUser`). */
export interface UserInput {
  login: string;
  id?: number;
  type?: UserType;
  name?: string | null;
  email?: string | null;
}

export interface UserRecord {
  login: string;
  id: number;
  type: UserType;
  nodeId: string;
  name: string | null;
  email: string | null;
  createdAt: string;
}

export interface LabelRecord {
  id: number;
  nodeId: string;
  name: string;
  color: string;
  description: string | null;
  default: boolean;
}

export interface PullRecord {
  id: number;
  nodeId: string;
  headRef: string;
  headOwner: string;
  headSha: string;
  baseRef: string;
  baseSha: string;
  draft: boolean;
  merged: boolean;
  mergedAt: string | null;
  maintainerCanModify: boolean;
  files: FileInput[];
}

export interface IssueRecord {
  repo: RepoRecord;
  number: number;
  id: number;
  nodeId: string;
  title: string;
  body: string | null;
  user: UserRecord;
  state: 'open' | 'closed';
  stateReason: 'completed' | 'reopened' | 'not_planned' | 'duplicate' | null;
  /** Lower-case label keys, in the order added. */
  labels: string[];
  assignees: UserRecord[];
  locked: boolean;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  closedBy: UserRecord | null;
  /** Fixed association; computed from permissions at read time when absent (as GitHub does). */
  authorAssociation?: AuthorAssociation;
  pull?: PullRecord;
}

export interface CommentRecord {
  repo: RepoRecord;
  id: number;
  nodeId: string;
  issueNumber: number;
  body: string;
  user: UserRecord;
  createdAt: string;
  updatedAt: string;
  /** Fixed association; computed from permissions at read time when absent (as GitHub does). */
  authorAssociation?: AuthorAssociation;
}

export interface ReviewRecord {
  repo: RepoRecord;
  id: number;
  nodeId: string;
  pullNumber: number;
  user: UserRecord;
  body: string;
  state: ReviewState;
  commitId: string;
  submittedAt: string;
  /** Fixed association; computed from permissions at read time when absent (as GitHub does). */
  authorAssociation?: AuthorAssociation;
}

export interface ThreadRecord {
  repo: RepoRecord;
  nodeId: string;
  pullNumber: number;
  path: string;
  line: number;
  originalLine: number;
  diffSide: 'LEFT' | 'RIGHT';
  isResolved: boolean;
  isOutdated: boolean;
  resolvedBy: UserRecord | null;
  commentIds: number[];
}

export interface ReviewCommentRecord {
  repo: RepoRecord;
  id: number;
  nodeId: string;
  pullNumber: number;
  reviewId: number;
  threadId: string;
  inReplyToId: number | null;
  body: string;
  user: UserRecord;
  path: string;
  diffHunk: string;
  commitId: string;
  originalCommitId: string;
  createdAt: string;
  updatedAt: string;
  /** Fixed association; computed from permissions at read time when absent (as GitHub does). */
  authorAssociation?: AuthorAssociation;
}

export interface RunRecord {
  repo: RepoRecord;
  id: number;
  nodeId: string;
  name: string;
  workflowId: number;
  path: string;
  event: string;
  status: RunStatus;
  conclusion: Conclusion | null;
  headBranch: string;
  headSha: string;
  runNumber: number;
  createdAt: string;
  updatedAt: string;
}

export interface AnnotationInput {
  path: string;
  start_line: number;
  end_line?: number;
  annotation_level?: 'notice' | 'warning' | 'failure';
  title?: string;
  message: string;
  raw_details?: string;
}

export interface CheckRunRecord {
  repo: RepoRecord;
  id: number;
  nodeId: string;
  name: string;
  headSha: string;
  status: RunStatus;
  conclusion: Conclusion | null;
  startedAt: string;
  completedAt: string | null;
  output: { title: string | null; summary: string | null; text: string | null };
  annotations: AnnotationInput[];
  log: string;
  runId: number | null;
}

export interface FileInput {
  filename: string;
  status?: 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';
  additions?: number;
  deletions?: number;
  patch?: string;
}

export type ReactionSubject = 'issue' | 'issue_comment' | 'pull_request_review_comment';

/** A reaction as tests see it. `subjectId` is the issue number or the comment id. */
export interface ReactionView {
  id: number;
  repo: string;
  subject: ReactionSubject;
  subjectId: number;
  content: ReactionContent;
  user: string;
  createdAt: string;
}

interface ReactionRecord {
  repo: RepoRecord;
  id: number;
  nodeId: string;
  subject: ReactionSubject;
  subjectId: number;
  content: ReactionContent;
  user: UserRecord;
  createdAt: string;
}

/** A recorded `workflow_dispatch` request. */
export interface DispatchRecord {
  repo: string;
  workflow_id: string | number;
  ref: string;
  inputs: Record<string, unknown>;
  at: number;
}

export interface RepoRecord {
  owner: string;
  name: string;
  fullName: string;
  id: number;
  nodeId: string;
  defaultBranch: string;
  private: boolean;
  createdAt: string;
  nextNumber: number;
  issues: Map<number, IssueRecord>;
  comments: Map<number, CommentRecord>;
  labels: Map<string, LabelRecord>;
  permissions: Map<string, PermissionLevel>;
  reviews: Map<number, ReviewRecord>;
  reviewComments: Map<number, ReviewCommentRecord>;
  threads: Map<string, ThreadRecord>;
  runs: Map<number, RunRecord>;
  checkRuns: Map<number, CheckRunRecord>;
}

/** JSON object as returned by the REST API. */
export type Json = Record<string, unknown>;

/** An error answered with a GitHub-shaped body. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Json = {},
  ) {
    super(message);
  }
}

const notFound = (): HttpError => new HttpError(404, 'Not Found');
const validationFailed = (errors: Json[], message = 'Validation Failed'): HttpError =>
  new HttpError(422, message, { errors });

/** GitHub-style timestamp (second precision, `Z`). */
export function isoNow(ms = Date.now()): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function fakeSha(seed: string): string {
  return createHash('sha1').update(seed).digest('hex');
}

function nodeId(prefix: string, kind: string, id: number | string): string {
  return `${prefix}_kwDO${Buffer.from(`${kind}:${id}`).toString('base64url')}`;
}

function lowerKey(s: string): string {
  return s.toLowerCase();
}

// =============================================================================================
// GitHubState: records, REST object builders, test helpers

/**
 * Everything the fake knows: repositories, users, issues/PRs, comments, labels, reactions,
 * reviews and threads, runs, check runs, dispatches. Helpers (`add*`, `setPermission`) seed it;
 * accessors return the same REST-shaped JSON the API would (handy for webhook payloads).
 *
 * `repo` arguments are `'owner/name'` (or just `'name'` under the default owner); omitted means
 * the server's default repository.
 */
export class GitHubState {
  readonly users = new Map<string, UserRecord>();
  readonly repos = new Map<string, RepoRecord>();
  readonly dispatches: DispatchRecord[] = [];
  /** Called with each accepted `workflow_dispatch` (a rig that starts a run for it, as GitHub does). */
  onDispatch: ((d: DispatchRecord) => void) | undefined;
  private readonly reactionRecords: ReactionRecord[] = [];
  private readonly seq = new Map<string, number>();
  /** Users whose id or type was made up (seen by login only); fixed when first given. */
  private readonly generatedIds = new WeakSet<UserRecord>();
  /** Resolves a global node id to its record (GraphQL `node(id:)`). */
  readonly nodes = new Map<string, { kind: string; repo: RepoRecord; key: number | string }>();
  readonly bot: UserRecord;

  constructor(
    readonly apiUrl: string,
    readonly defaultOwner: string,
    readonly defaultRepo: string,
    readonly defaultBranch: string,
    readonly webUrl = GITHUB_WEB_URL,
  ) {
    this.bot = this.ensureUser({ login: BOT_LOGIN, id: BOT_ID, type: 'Bot' });
    this.addRepo(defaultOwner, defaultRepo, { defaultBranch });
  }

  // ---- ids ----------------------------------------------------------------------------------

  /** Next id in a kind's range (ranges differ so that a wrong-kind id is a 404, not a hit). */
  nextId(kind: string): number {
    const bases: Record<string, number> = {
      user: 90_000_000,
      repo: 100_000_000,
      issue: 200_000_000,
      label: 300_000_000,
      reaction: 400_000_000,
      run: 500_000_000,
      check: 600_000_000,
      pull: 700_000_000,
      comment: 1_000_000_000,
      reviewComment: 1_100_000_000,
      review: 1_200_000_000,
    };
    const n = (this.seq.get(kind) ?? bases[kind] ?? 1) + 1;
    this.seq.set(kind, n);
    return n;
  }

  // ---- users & repos ------------------------------------------------------------------------

  /**
   * Registers (or returns) a user. A user first seen by login only gets a made-up id, replaced
   * by the first explicit `id`/`type`; `name`/`email` are updated when given.
   */
  ensureUser(u: UserInput | UserRecord): UserRecord {
    const key = lowerKey(u.login);
    const userNodeId = (type: UserType, id: number): string =>
      `${type === 'Bot' ? 'BOT' : type === 'Organization' ? 'O' : 'U'}_kgDO${Buffer.from(String(id)).toString('base64url')}`;
    const existing = this.users.get(key);
    if (existing) {
      // A user first seen by login only (e.g. setPermission) gets its real id/type later.
      if (this.generatedIds.has(existing) && u !== existing && (u.id !== undefined || u.type !== undefined)) {
        this.generatedIds.delete(existing);
        if (u.id !== undefined) existing.id = u.id;
        if (u.type !== undefined) existing.type = u.type;
        existing.nodeId = userNodeId(existing.type, existing.id);
      }
      if (u !== existing && u.name !== undefined) existing.name = u.name;
      if (u !== existing && u.email !== undefined) existing.email = u.email;
      return existing;
    }
    const type: UserType = u.type ?? (u.login.endsWith('[bot]') ? 'Bot' : 'User');
    const id = u.id ?? this.nextId('user');
    const rec: UserRecord = {
      login: u.login,
      id,
      type,
      nodeId: userNodeId(type, id),
      name: u.name ?? null,
      email: u.email ?? null,
      createdAt: '2020-01-01T00:00:00Z',
    };
    if (u.id === undefined || u.type === undefined) this.generatedIds.add(rec);
    this.users.set(key, rec);
    return rec;
  }

  /** Adds a user to the directory (`GET /users/{username}` answers 404 for strangers). */
  addUser(u: UserInput): UserRecord {
    return this.ensureUser(u);
  }

  /** Creates a repository record (idempotent). */
  addRepo(owner: string, name: string, opts: { defaultBranch?: string; private?: boolean } = {}): RepoRecord {
    const key = lowerKey(`${owner}/${name}`);
    const existing = this.repos.get(key);
    if (existing) {
      if (opts.defaultBranch) existing.defaultBranch = opts.defaultBranch;
      if (opts.private !== undefined) existing.private = opts.private;
      return existing;
    }
    this.ensureUser({ login: owner, type: owner === this.defaultOwner || owner.endsWith('-org') ? 'Organization' : undefined });
    const id = this.nextId('repo');
    const repo: RepoRecord = {
      owner,
      name,
      fullName: `${owner}/${name}`,
      id,
      nodeId: `R_kgDO${Buffer.from(String(id)).toString('base64url')}`,
      defaultBranch: opts.defaultBranch ?? 'main',
      private: opts.private ?? false,
      createdAt: '2024-01-01T00:00:00Z',
      nextNumber: 1,
      issues: new Map(),
      comments: new Map(),
      labels: new Map(),
      permissions: new Map(),
      reviews: new Map(),
      reviewComments: new Map(),
      threads: new Map(),
      runs: new Map(),
      checkRuns: new Map(),
    };
    this.repos.set(key, repo);
    this.nodes.set(repo.nodeId, { kind: 'repo', repo, key: repo.id });
    return repo;
  }

  /** The record of a repository (created on first use). `repo` is `'owner/name'` or `'name'`. */
  repo(repo?: string, owner?: string): RepoRecord {
    let o = owner ?? this.defaultOwner;
    let n = repo ?? this.defaultRepo;
    if (n.includes('/')) [o, n] = n.split('/', 2) as [string, string];
    return this.addRepo(o, n);
  }

  private repoOf(opts: { owner?: string; repo?: string }): RepoRecord {
    return this.repo(opts.repo, opts.owner);
  }

  /** Sets a user's permission on a repository (`none` answers `permission: "none"`, not 404). */
  setPermission(login: string, level: PermissionLevel, repo?: string): void {
    this.ensureUser({ login });
    this.repo(repo).permissions.set(lowerKey(login), level);
  }

  /** The `author_association` of a record's author (its fixed one, else from permissions). */
  association(rec: { repo: RepoRecord; user: UserRecord; authorAssociation?: AuthorAssociation }): AuthorAssociation {
    return rec.authorAssociation ?? this.associationOf(rec.repo, rec.user);
  }

  /** The `author_association` GitHub would show for `user` in `repo`. */
  associationOf(repo: RepoRecord, user: UserRecord): AuthorAssociation {
    if (lowerKey(user.login) === lowerKey(repo.owner)) return 'OWNER';
    const p = repo.permissions.get(lowerKey(user.login));
    if (p === 'admin' || p === 'maintain') return 'MEMBER';
    if (p === 'write' || p === 'triage') return 'COLLABORATOR';
    return 'NONE';
  }

  // ---- seeding helpers ----------------------------------------------------------------------

  /** Creates an issue (REST `issue` object returned). */
  addIssue(opts: {
    owner?: string;
    repo?: string;
    title: string;
    body?: string | null;
    user?: UserInput;
    labels?: string[];
    assignees?: string[];
    state?: 'open' | 'closed';
    authorAssociation?: AuthorAssociation;
    createdAt?: string;
  }): Json {
    const rec = this.createIssue(this.repoOf(opts), {
      title: opts.title,
      body: opts.body ?? null,
      user: opts.user ?? this.bot,
      labels: opts.labels ?? [],
      assignees: opts.assignees ?? [],
      authorAssociation: opts.authorAssociation,
      createdAt: opts.createdAt,
    });
    if (opts.state === 'closed') {
      rec.state = 'closed';
      rec.closedAt = rec.createdAt;
      rec.stateReason = 'completed';
    }
    return this.restIssue(rec);
  }

  /** @internal Creates an issue record. */
  createIssue(
    repo: RepoRecord,
    o: {
      title: string;
      body: string | null;
      user: UserInput;
      labels: string[];
      assignees: string[];
      authorAssociation?: AuthorAssociation;
      createdAt?: string;
      pull?: Omit<PullRecord, 'id' | 'nodeId'>;
    },
  ): IssueRecord {
    const user = this.ensureUser(o.user);
    const number = repo.nextNumber++;
    const id = this.nextId('issue');
    const now = o.createdAt ?? isoNow();
    const rec: IssueRecord = {
      repo,
      number,
      id,
      nodeId: nodeId('I', 'issue', id),
      title: o.title,
      body: o.body,
      user,
      state: 'open',
      stateReason: null,
      labels: [],
      assignees: o.assignees.map((login) => this.ensureUser({ login })),
      locked: false,
      createdAt: now,
      updatedAt: now,
      closedAt: null,
      closedBy: null,
      authorAssociation: o.authorAssociation,
    };
    if (o.pull) {
      const pid = this.nextId('pull');
      rec.pull = { ...o.pull, id: pid, nodeId: nodeId('PR', 'pull', pid) };
      rec.nodeId = rec.pull.nodeId;
      this.nodes.set(rec.nodeId, { kind: 'pull', repo, key: number });
    } else {
      this.nodes.set(rec.nodeId, { kind: 'issue', repo, key: number });
    }
    for (const l of o.labels) this.addLabelToIssue(rec, l);
    repo.issues.set(number, rec);
    return rec;
  }

  /** Creates an issue comment (REST `issue-comment` returned). */
  addComment(opts: {
    owner?: string;
    repo?: string;
    issue: number;
    body: string;
    user?: UserInput;
    authorAssociation?: AuthorAssociation;
    createdAt?: string;
  }): Json {
    const repo = this.repoOf(opts);
    const issue = repo.issues.get(opts.issue);
    if (!issue) throw new Error(`addComment: no issue #${opts.issue} in ${repo.fullName}`);
    return this.restComment(this.createComment(issue, opts.body, opts.user ?? this.bot, opts.authorAssociation, opts.createdAt));
  }

  /** @internal */
  createComment(issue: IssueRecord, body: string, u: UserInput, assoc?: AuthorAssociation, createdAt?: string): CommentRecord {
    const user = this.ensureUser(u);
    const id = this.nextId('comment');
    const now = createdAt ?? isoNow();
    const rec: CommentRecord = {
      repo: issue.repo,
      id,
      nodeId: nodeId('IC', 'comment', id),
      issueNumber: issue.number,
      body,
      user,
      createdAt: now,
      updatedAt: now,
      authorAssociation: assoc,
    };
    issue.repo.comments.set(id, rec);
    this.nodes.set(rec.nodeId, { kind: 'comment', repo: issue.repo, key: id });
    issue.updatedAt = now;
    return rec;
  }

  /** Adds a repository label (REST `label` returned; existing label returned as is). */
  addLabel(opts: { owner?: string; repo?: string; name: string; color?: string; description?: string | null }): Json {
    const repo = this.repoOf(opts);
    return this.restLabel(this.ensureLabel(repo, opts.name, opts.color, opts.description), repo);
  }

  /** @internal */
  ensureLabel(repo: RepoRecord, name: string, color?: string, description?: string | null): LabelRecord {
    const key = lowerKey(name);
    const existing = repo.labels.get(key);
    if (existing) return existing;
    const id = this.nextId('label');
    const rec: LabelRecord = {
      id,
      nodeId: nodeId('LA', 'label', id),
      name,
      color: (color ?? 'ededed').replace(/^#/, ''),
      description: description ?? null,
      default: false,
    };
    repo.labels.set(key, rec);
    this.nodes.set(rec.nodeId, { kind: 'label', repo, key });
    return rec;
  }

  /** @internal Adds a label to an issue, creating it in the repo if needed (as GitHub does). */
  addLabelToIssue(issue: IssueRecord, name: string): void {
    const label = this.ensureLabel(issue.repo, name);
    const key = lowerKey(label.name);
    if (!issue.labels.includes(key)) issue.labels.push(key);
  }

  /** Opens a pull request (it is also an issue and shares numbering). REST `pull-request`. */
  addPull(opts: {
    owner?: string;
    repo?: string;
    title: string;
    body?: string | null;
    head: string;
    base?: string;
    user?: UserInput;
    draft?: boolean;
    headSha?: string;
    baseSha?: string;
    labels?: string[];
    files?: FileInput[];
    state?: 'open' | 'closed' | 'merged';
  }): Json {
    const repo = this.repoOf(opts);
    const rec = this.createPull(repo, {
      title: opts.title,
      body: opts.body ?? null,
      head: opts.head,
      base: opts.base ?? repo.defaultBranch,
      user: opts.user ?? this.bot,
      draft: opts.draft ?? false,
      headSha: opts.headSha,
      baseSha: opts.baseSha,
      labels: opts.labels ?? [],
      files: opts.files ?? [],
    });
    if (opts.state === 'closed' || opts.state === 'merged') {
      rec.state = 'closed';
      rec.closedAt = rec.createdAt;
      if (opts.state === 'merged' && rec.pull) {
        rec.pull.merged = true;
        rec.pull.mergedAt = rec.createdAt;
      }
    }
    return this.restPull(rec);
  }

  /** @internal */
  createPull(
    repo: RepoRecord,
    o: {
      title: string;
      body: string | null;
      head: string;
      base: string;
      user: UserInput;
      draft: boolean;
      headSha?: string;
      baseSha?: string;
      labels?: string[];
      files?: FileInput[];
      maintainerCanModify?: boolean;
    },
  ): IssueRecord {
    const [headOwner, headRef] = o.head.includes(':') ? (o.head.split(':', 2) as [string, string]) : [repo.owner, o.head];
    return this.createIssue(repo, {
      title: o.title,
      body: o.body,
      user: o.user,
      labels: o.labels ?? [],
      assignees: [],
      pull: {
        headRef,
        headOwner,
        headSha: o.headSha ?? fakeSha(`${repo.fullName}:${headRef}`),
        baseRef: o.base,
        baseSha: o.baseSha ?? fakeSha(`${repo.fullName}:${o.base}`),
        draft: o.draft,
        merged: false,
        mergedAt: null,
        maintainerCanModify: o.maintainerCanModify ?? false,
        files: o.files ?? [],
      },
    });
  }

  /** Submits a review on a pull request (REST `pull-request-review` returned). */
  addReview(opts: {
    owner?: string;
    repo?: string;
    pull: number;
    user: UserInput;
    body?: string;
    state?: ReviewState;
    commitId?: string;
    submittedAt?: string;
  }): Json {
    const issue = this.pullRecord(this.repoOf(opts), opts.pull);
    return this.restReview(this.createReview(issue, opts.user, opts.body ?? '', opts.state ?? 'COMMENTED', opts.commitId, opts.submittedAt));
  }

  /** @internal */
  createReview(issue: IssueRecord, u: UserInput, body: string, state: ReviewState, commitId?: string, at?: string): ReviewRecord {
    const user = this.ensureUser(u);
    const id = this.nextId('review');
    const rec: ReviewRecord = {
      repo: issue.repo,
      id,
      nodeId: nodeId('PRR', 'review', id),
      pullNumber: issue.number,
      user,
      body,
      state,
      commitId: commitId ?? issue.pull?.headSha ?? fakeSha('x'),
      submittedAt: at ?? isoNow(),
    };
    issue.repo.reviews.set(id, rec);
    this.nodes.set(rec.nodeId, { kind: 'review', repo: issue.repo, key: id });
    return rec;
  }

  /**
   * Creates a review thread: its review comments (REST) and the GraphQL
   * `PullRequestReviewThread`. The first comment opens the thread (in review `reviewId`, or a new
   * COMMENTED review by its author); the others are replies, each in its own single-comment
   * review, as GitHub records them.
   */
  addReviewThread(opts: {
    owner?: string;
    repo?: string;
    pull: number;
    path: string;
    line: number;
    originalLine?: number;
    side?: 'LEFT' | 'RIGHT';
    diffHunk?: string;
    comments: Array<{ user: UserInput; body: string; createdAt?: string }>;
    isResolved?: boolean;
    isOutdated?: boolean;
    resolvedBy?: UserInput;
    reviewId?: number;
  }): { id: string; commentIds: number[]; comments: Json[] } {
    const issue = this.pullRecord(this.repoOf(opts), opts.pull);
    const repo = issue.repo;
    const first = opts.comments[0];
    if (!first) throw new Error('addReviewThread: at least one comment');
    const thread: ThreadRecord = {
      repo,
      nodeId: nodeId('PRRT', 'thread', `${repo.id}:${this.nextId('thread')}`),
      pullNumber: issue.number,
      path: opts.path,
      line: opts.line,
      originalLine: opts.originalLine ?? opts.line,
      diffSide: opts.side ?? 'RIGHT',
      isResolved: opts.isResolved ?? false,
      isOutdated: opts.isOutdated ?? false,
      resolvedBy: opts.isResolved ? this.ensureUser(opts.resolvedBy ?? first.user) : null,
      commentIds: [],
    };
    repo.threads.set(thread.nodeId, thread);
    this.nodes.set(thread.nodeId, { kind: 'thread', repo, key: thread.nodeId });
    const diffHunk =
      opts.diffHunk ?? `@@ -${Math.max(1, thread.originalLine - 2)},3 +${Math.max(1, thread.originalLine - 2)},3 @@\n context\n+changed line ${thread.originalLine}`;
    opts.comments.forEach((c, i) => {
      const reviewId =
        i === 0 && opts.reviewId !== undefined
          ? opts.reviewId
          : this.createReview(issue, c.user, '', 'COMMENTED', undefined, c.createdAt).id;
      this.createReviewComment(thread, issue, c.user, c.body, reviewId, diffHunk, c.createdAt);
    });
    return { id: thread.nodeId, commentIds: [...thread.commentIds], comments: thread.commentIds.map((id) => this.restReviewComment(repo.reviewComments.get(id)!)) };
  }

  /** @internal */
  createReviewComment(
    thread: ThreadRecord,
    issue: IssueRecord,
    u: UserInput,
    body: string,
    reviewId: number,
    diffHunk?: string,
    createdAt?: string,
  ): ReviewCommentRecord {
    const user = this.ensureUser(u);
    const id = this.nextId('reviewComment');
    const now = createdAt ?? isoNow();
    const firstId = thread.commentIds[0];
    const first = firstId !== undefined ? issue.repo.reviewComments.get(firstId) : undefined;
    const sha = issue.pull?.headSha ?? fakeSha('x');
    const rec: ReviewCommentRecord = {
      repo: issue.repo,
      id,
      nodeId: nodeId('PRRC', 'reviewComment', id),
      pullNumber: issue.number,
      reviewId,
      threadId: thread.nodeId,
      inReplyToId: first ? first.id : null,
      body,
      user,
      path: thread.path,
      diffHunk: diffHunk ?? first?.diffHunk ?? '@@ -1 +1 @@',
      commitId: sha,
      originalCommitId: first?.originalCommitId ?? sha,
      createdAt: now,
      updatedAt: now,
    };
    issue.repo.reviewComments.set(id, rec);
    thread.commentIds.push(id);
    this.nodes.set(rec.nodeId, { kind: 'reviewComment', repo: issue.repo, key: id });
    return rec;
  }

  /** @internal Replies in a thread as `user` (REST reply endpoint and GraphQL mutation). */
  replyToThread(thread: ThreadRecord, body: string, user: UserInput = this.bot): ReviewCommentRecord {
    const issue = this.pullRecord(thread.repo, thread.pullNumber);
    const review = this.createReview(issue, user, '', 'COMMENTED');
    return this.createReviewComment(thread, issue, user, body, review.id);
  }

  /** Adds a workflow run (REST `workflow-run` returned). */
  addWorkflowRun(opts: {
    owner?: string;
    repo?: string;
    id?: number;
    status?: RunStatus;
    conclusion?: Conclusion | null;
    name?: string;
    workflowId?: number;
    path?: string;
    event?: string;
    headBranch?: string;
    headSha?: string;
  }): Json {
    return this.restRun(this.createRun(this.repoOf(opts), opts));
  }

  /** @internal */
  createRun(
    repo: RepoRecord,
    o: { id?: number; status?: RunStatus; conclusion?: Conclusion | null; name?: string; workflowId?: number; path?: string; event?: string; headBranch?: string; headSha?: string },
  ): RunRecord {
    const id = o.id ?? this.nextId('run');
    const now = isoNow();
    const branch = o.headBranch ?? repo.defaultBranch;
    const rec: RunRecord = {
      repo,
      id,
      nodeId: nodeId('WFR', 'run', id),
      name: o.name ?? 'kiro',
      workflowId: o.workflowId ?? 161335,
      path: o.path ?? '.github/workflows/kiro.yml',
      event: o.event ?? 'issues',
      status: o.status ?? 'in_progress',
      conclusion: o.conclusion ?? null,
      headBranch: branch,
      headSha: o.headSha ?? fakeSha(`${repo.fullName}:${branch}`),
      runNumber: repo.runs.size + 1,
      createdAt: now,
      updatedAt: now,
    };
    repo.runs.set(id, rec);
    return rec;
  }

  /**
   * Adds a completed check run — in Actions, a job: its id is also the job id, `log` is what
   * `GET …/actions/jobs/{id}/logs` serves, and `runId` ties it to a workflow run's job list.
   */
  addCheckRun(opts: {
    owner?: string;
    repo?: string;
    sha: string;
    name: string;
    status?: RunStatus;
    conclusion?: Conclusion | null;
    output?: { title?: string; summary?: string; text?: string; annotations?: AnnotationInput[] };
    log?: string;
    runId?: number;
    id?: number;
  }): Json {
    const repo = this.repoOf(opts);
    const id = opts.id ?? this.nextId('check');
    const now = isoNow();
    const status = opts.status ?? 'completed';
    const rec: CheckRunRecord = {
      repo,
      id,
      nodeId: nodeId('CR', 'check', id),
      name: opts.name,
      headSha: opts.sha,
      status,
      conclusion: status === 'completed' ? (opts.conclusion ?? 'success') : null,
      startedAt: now,
      completedAt: status === 'completed' ? now : null,
      output: { title: opts.output?.title ?? null, summary: opts.output?.summary ?? null, text: opts.output?.text ?? null },
      annotations: opts.output?.annotations ?? [],
      log: opts.log ?? '',
      runId: opts.runId ?? null,
    };
    repo.checkRuns.set(id, rec);
    return this.restCheckRun(rec);
  }

  /** @internal Adds a reaction; returns it and whether it was new. */
  react(repo: RepoRecord, subject: ReactionSubject, subjectId: number, content: ReactionContent, u: UserInput = this.bot): { rec: ReactionRecord; created: boolean } {
    const user = this.ensureUser(u);
    const existing = this.reactionRecords.find(
      (r) => r.repo === repo && r.subject === subject && r.subjectId === subjectId && r.content === content && r.user === user,
    );
    if (existing) return { rec: existing, created: false };
    const id = this.nextId('reaction');
    const rec: ReactionRecord = { repo, id, nodeId: nodeId('REA', 'reaction', id), subject, subjectId, content, user, createdAt: isoNow() };
    this.reactionRecords.push(rec);
    return { rec, created: true };
  }

  // ---- accessors (REST-shaped) -------------------------------------------------------------

  /** REST `full-repository` of a repository. */
  repository(repo?: string): Json {
    return this.restFullRepo(this.repo(repo));
  }

  /** Deletes an issue and its comments, as an admin deleting it on GitHub does: later requests get 404. */
  deleteIssue(n: number, repo?: string): void {
    const r = this.repo(repo);
    r.issues.delete(n);
    for (const [id, c] of r.comments) if (c.issueNumber === n) r.comments.delete(id);
  }

  /** REST `issue` (PRs too), or undefined. */
  issue(n: number, repo?: string): Json | undefined {
    const rec = this.repo(repo).issues.get(n);
    return rec ? this.restIssue(rec) : undefined;
  }

  /** REST `pull-request`, or undefined (also for plain issues). */
  pull(n: number, repo?: string): Json | undefined {
    const rec = this.repo(repo).issues.get(n);
    return rec?.pull ? this.restPull(rec) : undefined;
  }

  /** All pull requests of a repository, oldest first. */
  pulls(repo?: string): Json[] {
    return [...this.repo(repo).issues.values()].filter((i) => i.pull).map((i) => this.restPull(i));
  }

  /** Issue comments on issue/PR `n`, oldest first. */
  comments(n: number, repo?: string): Json[] {
    return [...this.repo(repo).comments.values()].filter((c) => c.issueNumber === n).map((c) => this.restComment(c));
  }

  /** One issue comment by id, or undefined (deleted or unknown). */
  comment(id: number, repo?: string): Json | undefined {
    const c = this.repo(repo).comments.get(id);
    return c ? this.restComment(c) : undefined;
  }

  /** Label names on issue/PR `n` (as created, in the order added). */
  labelsOn(n: number, repo?: string): string[] {
    const r = this.repo(repo);
    return (r.issues.get(n)?.labels ?? []).map((k) => r.labels.get(k)?.name ?? k);
  }

  /** Repository labels (REST `label`). */
  labels(repo?: string): Json[] {
    const r = this.repo(repo);
    return [...r.labels.values()].map((l) => this.restLabel(l, r));
  }

  /** Every reaction in every repository, in creation order. */
  get reactions(): ReactionView[] {
    return this.reactionRecords.map((r) => ({
      id: r.id,
      repo: r.repo.fullName,
      subject: r.subject,
      subjectId: r.subjectId,
      content: r.content,
      user: r.user.login,
      createdAt: r.createdAt,
    }));
  }

  /** Every workflow run in every repository (REST `workflow-run`). */
  get runs(): Json[] {
    return [...this.repos.values()].flatMap((r) => [...r.runs.values()].map((run) => this.restRun(run)));
  }

  /** Reviews of PR `n` (REST `pull-request-review`). */
  reviews(n: number, repo?: string): Json[] {
    return [...this.repo(repo).reviews.values()].filter((r) => r.pullNumber === n).map((r) => this.restReview(r));
  }

  /** Review comments of PR `n` (REST `pull-request-review-comment`). */
  reviewComments(n: number, repo?: string): Json[] {
    return [...this.repo(repo).reviewComments.values()].filter((c) => c.pullNumber === n).map((c) => this.restReviewComment(c));
  }

  /** Review threads of PR `n` with their comments. */
  reviewThreads(n: number, repo?: string): Array<{ id: string; isResolved: boolean; isOutdated: boolean; path: string; line: number; comments: Json[] }> {
    const r = this.repo(repo);
    return [...r.threads.values()]
      .filter((t) => t.pullNumber === n)
      .map((t) => ({
        id: t.nodeId,
        isResolved: t.isResolved,
        isOutdated: t.isOutdated,
        path: t.path,
        line: t.line,
        comments: t.commentIds.map((id) => this.restReviewComment(r.reviewComments.get(id)!)),
      }));
  }

  /** @internal */
  pullRecord(repo: RepoRecord, n: number): IssueRecord {
    const rec = repo.issues.get(n);
    if (!rec?.pull) throw new Error(`no pull request #${n} in ${repo.fullName}`);
    return rec;
  }

  // ---- REST builders ------------------------------------------------------------------------

  private api(path: string): string {
    return `${this.apiUrl}${path}`;
  }

  /** REST `simple-user`. */
  restUser(u: UserRecord): Json {
    const enc = encodeURIComponent(u.login);
    const base = this.api(`/users/${enc}`);
    return {
      login: u.login,
      id: u.id,
      node_id: u.nodeId,
      avatar_url: `https://avatars.githubusercontent.com/${u.type === 'Bot' ? 'in/15368' : `u/${u.id}`}?v=4`,
      gravatar_id: '',
      url: base,
      html_url: u.type === 'Bot' ? `${this.webUrl}/apps/${u.login.replace(/\[bot\]$/, '')}` : `${this.webUrl}/${u.login}`,
      followers_url: `${base}/followers`,
      following_url: `${base}/following{/other_user}`,
      gists_url: `${base}/gists{/gist_id}`,
      starred_url: `${base}/starred{/owner}{/repo}`,
      subscriptions_url: `${base}/subscriptions`,
      organizations_url: `${base}/orgs`,
      repos_url: `${base}/repos`,
      events_url: `${base}/events{/privacy}`,
      received_events_url: `${base}/received_events`,
      type: u.type,
      user_view_type: 'public',
      site_admin: false,
    };
  }

  /** REST `public-user` (`GET /users/{username}`). */
  restPublicUser(u: UserRecord): Json {
    return {
      ...this.restUser(u),
      name: u.name,
      company: null,
      blog: '',
      location: null,
      email: u.email,
      hireable: null,
      bio: null,
      twitter_username: null,
      public_repos: 0,
      public_gists: 0,
      followers: 0,
      following: 0,
      created_at: u.createdAt,
      updated_at: u.createdAt,
    };
  }

  /** REST `repository` (the shape embedded in PR heads/bases; superset of `minimal-repository`). */
  restRepo(r: RepoRecord): Json {
    const a = this.api(`/repos/${r.owner}/${r.name}`);
    const owner = this.ensureUser({ login: r.owner });
    return {
      id: r.id,
      node_id: r.nodeId,
      name: r.name,
      full_name: r.fullName,
      private: r.private,
      owner: this.restUser(owner),
      html_url: `${this.webUrl}/${r.fullName}`,
      description: null,
      fork: false,
      url: a,
      archive_url: `${a}/{archive_format}{/ref}`,
      assignees_url: `${a}/assignees{/user}`,
      blobs_url: `${a}/git/blobs{/sha}`,
      branches_url: `${a}/branches{/branch}`,
      collaborators_url: `${a}/collaborators{/collaborator}`,
      comments_url: `${a}/comments{/number}`,
      commits_url: `${a}/commits{/sha}`,
      compare_url: `${a}/compare/{base}...{head}`,
      contents_url: `${a}/contents/{+path}`,
      contributors_url: `${a}/contributors`,
      deployments_url: `${a}/deployments`,
      downloads_url: `${a}/downloads`,
      events_url: `${a}/events`,
      forks_url: `${a}/forks`,
      git_commits_url: `${a}/git/commits{/sha}`,
      git_refs_url: `${a}/git/refs{/sha}`,
      git_tags_url: `${a}/git/tags{/sha}`,
      git_url: `git://github.com/${r.fullName}.git`,
      issue_comment_url: `${a}/issues/comments{/number}`,
      issue_events_url: `${a}/issues/events{/number}`,
      issues_url: `${a}/issues{/number}`,
      keys_url: `${a}/keys{/key_id}`,
      labels_url: `${a}/labels{/name}`,
      languages_url: `${a}/languages`,
      merges_url: `${a}/merges`,
      milestones_url: `${a}/milestones{/number}`,
      notifications_url: `${a}/notifications{?since,all,participating}`,
      pulls_url: `${a}/pulls{/number}`,
      releases_url: `${a}/releases{/id}`,
      ssh_url: `git@github.com:${r.fullName}.git`,
      stargazers_url: `${a}/stargazers`,
      statuses_url: `${a}/statuses/{sha}`,
      subscribers_url: `${a}/subscribers`,
      subscription_url: `${a}/subscription`,
      tags_url: `${a}/tags`,
      teams_url: `${a}/teams`,
      trees_url: `${a}/git/trees{/sha}`,
      clone_url: `${this.webUrl}/${r.fullName}.git`,
      mirror_url: null,
      hooks_url: `${a}/hooks`,
      svn_url: `${this.webUrl}/${r.fullName}`,
      homepage: null,
      language: 'TypeScript',
      forks_count: 0,
      forks: 0,
      stargazers_count: 0,
      watchers_count: 0,
      watchers: 0,
      size: 100,
      default_branch: r.defaultBranch,
      open_issues_count: [...r.issues.values()].filter((i) => i.state === 'open').length,
      open_issues: [...r.issues.values()].filter((i) => i.state === 'open').length,
      is_template: false,
      topics: [],
      has_issues: true,
      has_projects: true,
      has_wiki: true,
      has_pages: false,
      has_downloads: true,
      has_discussions: false,
      archived: false,
      disabled: false,
      visibility: r.private ? 'private' : 'public',
      pushed_at: r.createdAt,
      created_at: r.createdAt,
      updated_at: r.createdAt,
      permissions: { admin: false, maintain: false, push: true, triage: true, pull: true },
      allow_forking: true,
      web_commit_signoff_required: false,
      license: null,
    };
  }

  /** REST `full-repository`. */
  restFullRepo(r: RepoRecord): Json {
    return { ...this.restRepo(r), network_count: 0, subscribers_count: 0 };
  }

  /** REST `label`. */
  restLabel(l: LabelRecord, repo?: RepoRecord): Json {
    const r = repo ?? [...this.repos.values()].find((x) => [...x.labels.values()].includes(l));
    return {
      id: l.id,
      node_id: l.nodeId,
      url: this.api(`/repos/${r?.fullName ?? 'unknown/unknown'}/labels/${encodeURIComponent(l.name)}`),
      name: l.name,
      color: l.color,
      default: l.default,
      description: l.description,
    };
  }

  private labelsOf(issue: IssueRecord): Json[] {
    return issue.labels.flatMap((k) => {
      const l = issue.repo.labels.get(k);
      return l ? [this.restLabel(l, issue.repo)] : [];
    });
  }

  /** REST `reaction-rollup` for a subject. */
  private rollup(repo: RepoRecord, subject: ReactionSubject, subjectId: number, url: string): Json {
    const rs = this.reactionRecords.filter((r) => r.repo === repo && r.subject === subject && r.subjectId === subjectId);
    const count = (c: ReactionContent): number => rs.filter((r) => r.content === c).length;
    return {
      url: `${url}/reactions`,
      total_count: rs.length,
      '+1': count('+1'),
      '-1': count('-1'),
      laugh: count('laugh'),
      confused: count('confused'),
      heart: count('heart'),
      hooray: count('hooray'),
      eyes: count('eyes'),
      rocket: count('rocket'),
    };
  }

  /** REST `issue`. */
  restIssue(i: IssueRecord): Json {
    const r = i.repo;
    const a = this.api(`/repos/${r.fullName}/issues/${i.number}`);
    const kind = i.pull ? 'pull' : 'issues';
    const out: Json = {
      id: i.id,
      node_id: i.nodeId,
      url: a,
      repository_url: this.api(`/repos/${r.fullName}`),
      labels_url: `${a}/labels{/name}`,
      comments_url: `${a}/comments`,
      events_url: `${a}/events`,
      html_url: `${this.webUrl}/${r.fullName}/${kind}/${i.number}`,
      number: i.number,
      state: i.state,
      state_reason: i.stateReason,
      title: i.title,
      body: i.body,
      user: this.restUser(i.user),
      labels: this.labelsOf(i),
      assignee: i.assignees[0] ? this.restUser(i.assignees[0]) : null,
      assignees: i.assignees.map((u) => this.restUser(u)),
      milestone: null,
      locked: i.locked,
      active_lock_reason: null,
      comments: [...r.comments.values()].filter((c) => c.issueNumber === i.number).length,
      closed_at: i.closedAt,
      created_at: i.createdAt,
      updated_at: i.updatedAt,
      closed_by: i.closedBy ? this.restUser(i.closedBy) : null,
      author_association: this.association(i),
      timeline_url: `${a}/timeline`,
      performed_via_github_app: null,
      reactions: this.rollup(r, 'issue', i.number, a),
    };
    if (i.pull) {
      out.draft = i.pull.draft;
      out.pull_request = {
        url: this.api(`/repos/${r.fullName}/pulls/${i.number}`),
        html_url: `${this.webUrl}/${r.fullName}/pull/${i.number}`,
        diff_url: `${this.webUrl}/${r.fullName}/pull/${i.number}.diff`,
        patch_url: `${this.webUrl}/${r.fullName}/pull/${i.number}.patch`,
        merged_at: i.pull.mergedAt,
      };
    }
    return out;
  }

  /** REST `issue-comment`. */
  restComment(c: CommentRecord): Json {
    const r = c.repo;
    const a = this.api(`/repos/${r.fullName}/issues/comments/${c.id}`);
    const issue = r.issues.get(c.issueNumber);
    return {
      id: c.id,
      node_id: c.nodeId,
      url: a,
      html_url: `${this.webUrl}/${r.fullName}/${issue?.pull ? 'pull' : 'issues'}/${c.issueNumber}#issuecomment-${c.id}`,
      body: c.body,
      user: this.restUser(c.user),
      created_at: c.createdAt,
      updated_at: c.updatedAt,
      issue_url: this.api(`/repos/${r.fullName}/issues/${c.issueNumber}`),
      author_association: this.association(c),
      performed_via_github_app: null,
      reactions: this.rollup(r, 'issue_comment', c.id, a),
    };
  }

  /** REST `reaction`. */
  restReaction(x: ReactionRecord): Json {
    return { id: x.id, node_id: x.nodeId, user: this.restUser(x.user), content: x.content, created_at: x.createdAt };
  }

  private pullLinks(i: IssueRecord): Json {
    const r = i.repo;
    const p = this.api(`/repos/${r.fullName}/pulls/${i.number}`);
    const iss = this.api(`/repos/${r.fullName}/issues/${i.number}`);
    return {
      self: { href: p },
      html: { href: `${this.webUrl}/${r.fullName}/pull/${i.number}` },
      issue: { href: iss },
      comments: { href: `${iss}/comments` },
      review_comments: { href: `${p}/comments` },
      review_comment: { href: this.api(`/repos/${r.fullName}/pulls/comments{/number}`) },
      commits: { href: `${p}/commits` },
      statuses: { href: this.api(`/repos/${r.fullName}/statuses/${i.pull?.headSha ?? ''}`) },
    };
  }

  /** REST `pull-request-simple` (list items). */
  restPullSimple(i: IssueRecord): Json {
    const pr = i.pull;
    if (!pr) throw new Error(`#${i.number} is not a pull request`);
    const r = i.repo;
    const p = this.api(`/repos/${r.fullName}/pulls/${i.number}`);
    const headRepo = r.owner.toLowerCase() === pr.headOwner.toLowerCase() ? r : this.repo(r.name, pr.headOwner);
    const ref = (repo: RepoRecord, owner: string, branch: string, sha: string): Json => ({
      label: `${owner}:${branch}`,
      ref: branch,
      sha,
      user: this.restUser(this.ensureUser({ login: owner })),
      repo: this.restRepo(repo),
    });
    return {
      url: p,
      id: pr.id,
      node_id: pr.nodeId,
      html_url: `${this.webUrl}/${r.fullName}/pull/${i.number}`,
      diff_url: `${this.webUrl}/${r.fullName}/pull/${i.number}.diff`,
      patch_url: `${this.webUrl}/${r.fullName}/pull/${i.number}.patch`,
      issue_url: this.api(`/repos/${r.fullName}/issues/${i.number}`),
      commits_url: `${p}/commits`,
      review_comments_url: `${p}/comments`,
      review_comment_url: this.api(`/repos/${r.fullName}/pulls/comments{/number}`),
      comments_url: this.api(`/repos/${r.fullName}/issues/${i.number}/comments`),
      statuses_url: this.api(`/repos/${r.fullName}/statuses/${pr.headSha}`),
      number: i.number,
      state: i.state,
      locked: i.locked,
      title: i.title,
      user: this.restUser(i.user),
      body: i.body,
      labels: this.labelsOf(i).map((l) => ({ ...l, description: l.description ?? '' })),
      milestone: null,
      active_lock_reason: null,
      created_at: i.createdAt,
      updated_at: i.updatedAt,
      closed_at: i.closedAt,
      merged_at: pr.mergedAt,
      merge_commit_sha: pr.merged ? fakeSha(`merge:${pr.headSha}`) : null,
      assignee: i.assignees[0] ? this.restUser(i.assignees[0]) : null,
      assignees: i.assignees.map((u) => this.restUser(u)),
      requested_reviewers: [],
      requested_teams: [],
      head: ref(headRepo, pr.headOwner, pr.headRef, pr.headSha),
      base: ref(r, r.owner, pr.baseRef, pr.baseSha),
      _links: this.pullLinks(i),
      author_association: this.association(i),
      auto_merge: null,
      draft: pr.draft,
    };
  }

  /** REST `pull-request`. */
  restPull(i: IssueRecord): Json {
    const pr = i.pull!;
    const simple = this.restPullSimple(i);
    const files = pr.files;
    return {
      ...simple,
      labels: this.labelsOf(i),
      merged: pr.merged,
      mergeable: pr.merged ? null : true,
      rebaseable: pr.merged ? null : true,
      mergeable_state: pr.merged ? 'unknown' : 'clean',
      merged_by: pr.merged ? this.restUser(this.bot) : null,
      comments: [...i.repo.comments.values()].filter((c) => c.issueNumber === i.number).length,
      review_comments: [...i.repo.reviewComments.values()].filter((c) => c.pullNumber === i.number).length,
      maintainer_can_modify: pr.maintainerCanModify,
      commits: 1,
      additions: files.reduce((s, f) => s + (f.additions ?? 0), 0),
      deletions: files.reduce((s, f) => s + (f.deletions ?? 0), 0),
      changed_files: files.length,
    };
  }

  /** REST `pull-request-review`. */
  restReview(v: ReviewRecord): Json {
    const r = v.repo;
    const html = `${this.webUrl}/${r.fullName}/pull/${v.pullNumber}#pullrequestreview-${v.id}`;
    const pr = this.api(`/repos/${r.fullName}/pulls/${v.pullNumber}`);
    return {
      id: v.id,
      node_id: v.nodeId,
      user: this.restUser(v.user),
      body: v.body,
      state: v.state,
      html_url: html,
      pull_request_url: pr,
      _links: { html: { href: html }, pull_request: { href: pr } },
      submitted_at: v.submittedAt,
      commit_id: v.commitId,
      author_association: this.association(v),
    };
  }

  /** REST `pull-request-review-comment`. */
  restReviewComment(c: ReviewCommentRecord): Json {
    const r = c.repo;
    const t = r.threads.get(c.threadId);
    const a = this.api(`/repos/${r.fullName}/pulls/comments/${c.id}`);
    const html = `${this.webUrl}/${r.fullName}/pull/${c.pullNumber}#discussion_r${c.id}`;
    const pr = this.api(`/repos/${r.fullName}/pulls/${c.pullNumber}`);
    const out: Json = {
      url: a,
      pull_request_review_id: c.reviewId,
      id: c.id,
      node_id: c.nodeId,
      diff_hunk: c.diffHunk,
      path: c.path,
      commit_id: c.commitId,
      original_commit_id: c.originalCommitId,
      user: this.restUser(c.user),
      body: c.body,
      created_at: c.createdAt,
      updated_at: c.updatedAt,
      html_url: html,
      pull_request_url: pr,
      author_association: this.association(c),
      _links: { self: { href: a }, html: { href: html }, pull_request: { href: pr } },
      original_line: t?.originalLine ?? 1,
      side: t?.diffSide ?? 'RIGHT',
      subject_type: 'line',
      original_position: 1,
      reactions: this.rollup(r, 'pull_request_review_comment', c.id, a),
    };
    if (c.inReplyToId !== null) out.in_reply_to_id = c.inReplyToId;
    // Outdated comments: github.com sends `line: null, position: null`; the published schema
    // types both as integer, so they are omitted instead.
    if (t && !t.isOutdated) {
      out.line = t.line;
      out.position = 1;
    }
    return out;
  }

  /** REST `minimal-repository` subset used in workflow runs. */
  private restMinimalRepo(r: RepoRecord): Json {
    const full = this.restRepo(r);
    const keep = [
      'id', 'node_id', 'name', 'full_name', 'owner', 'private', 'html_url', 'description', 'fork', 'url', 'archive_url',
      'assignees_url', 'blobs_url', 'branches_url', 'collaborators_url', 'comments_url', 'commits_url', 'compare_url',
      'contents_url', 'contributors_url', 'deployments_url', 'downloads_url', 'events_url', 'forks_url',
      'git_commits_url', 'git_refs_url', 'git_tags_url', 'issue_comment_url', 'issue_events_url', 'issues_url',
      'keys_url', 'labels_url', 'languages_url', 'merges_url', 'milestones_url', 'notifications_url', 'pulls_url',
      'releases_url', 'stargazers_url', 'statuses_url', 'subscribers_url', 'subscription_url', 'tags_url', 'teams_url',
      'trees_url', 'hooks_url',
    ];
    return Object.fromEntries(keep.map((k) => [k, full[k]]));
  }

  /** REST `workflow-run`. */
  restRun(w: RunRecord): Json {
    const r = w.repo;
    const a = this.api(`/repos/${r.fullName}/actions/runs/${w.id}`);
    return {
      id: w.id,
      name: w.name,
      node_id: w.nodeId,
      head_branch: w.headBranch,
      head_sha: w.headSha,
      path: w.path,
      display_title: w.name,
      run_number: w.runNumber,
      run_attempt: 1,
      event: w.event,
      status: w.status,
      conclusion: w.conclusion,
      workflow_id: w.workflowId,
      check_suite_id: w.id + 1,
      url: a,
      html_url: `${this.webUrl}/${r.fullName}/actions/runs/${w.id}`,
      pull_requests: [],
      created_at: w.createdAt,
      updated_at: w.updatedAt,
      run_started_at: w.createdAt,
      actor: this.restUser(this.bot),
      triggering_actor: this.restUser(this.bot),
      jobs_url: `${a}/jobs`,
      logs_url: `${a}/logs`,
      check_suite_url: this.api(`/repos/${r.fullName}/check-suites/${w.id + 1}`),
      artifacts_url: `${a}/artifacts`,
      cancel_url: `${a}/cancel`,
      rerun_url: `${a}/rerun`,
      previous_attempt_url: null,
      workflow_url: this.api(`/repos/${r.fullName}/actions/workflows/${w.workflowId}`),
      head_commit: {
        id: w.headSha,
        tree_id: fakeSha(`tree:${w.headSha}`),
        message: 'Commit',
        timestamp: w.createdAt,
        author: { name: 'Octo Cat', email: 'octocat@github.com' },
        committer: { name: 'GitHub', email: 'noreply@github.com' },
      },
      repository: this.restMinimalRepo(r),
      head_repository: this.restMinimalRepo(r),
    };
  }

  /** REST `job` for a check run that belongs to a workflow run. */
  restJob(c: CheckRunRecord): Json {
    const r = c.repo;
    const run = c.runId !== null ? r.runs.get(c.runId) : undefined;
    return {
      id: c.id,
      run_id: c.runId ?? 0,
      run_url: this.api(`/repos/${r.fullName}/actions/runs/${c.runId ?? 0}`),
      run_attempt: 1,
      node_id: nodeId('CR', 'job', c.id),
      head_sha: c.headSha,
      url: this.api(`/repos/${r.fullName}/actions/jobs/${c.id}`),
      html_url: `${this.webUrl}/${r.fullName}/actions/runs/${c.runId ?? 0}/job/${c.id}`,
      status: c.status,
      conclusion: c.conclusion,
      created_at: c.startedAt,
      started_at: c.startedAt,
      completed_at: c.completedAt,
      name: c.name,
      steps: [],
      check_run_url: this.api(`/repos/${r.fullName}/check-runs/${c.id}`),
      labels: ['ubuntu-latest'],
      runner_id: 1,
      runner_name: 'GitHub Actions 1',
      runner_group_id: 1,
      runner_group_name: 'GitHub Actions',
      workflow_name: run?.name ?? 'CI',
      head_branch: run?.headBranch ?? r.defaultBranch,
    };
  }

  /** REST `check-run`. */
  restCheckRun(c: CheckRunRecord): Json {
    const r = c.repo;
    const a = this.api(`/repos/${r.fullName}/check-runs/${c.id}`);
    const html = `${this.webUrl}/${r.fullName}/actions/runs/${c.runId ?? 0}/job/${c.id}`;
    return {
      id: c.id,
      head_sha: c.headSha,
      node_id: c.nodeId,
      external_id: '',
      url: a,
      html_url: html,
      details_url: html,
      status: c.status,
      conclusion: c.conclusion,
      started_at: c.startedAt,
      completed_at: c.completedAt,
      output: {
        title: c.output.title,
        summary: c.output.summary,
        text: c.output.text,
        annotations_count: c.annotations.length,
        annotations_url: `${a}/annotations`,
      },
      name: c.name,
      check_suite: { id: (c.runId ?? 0) + 1 },
      app: this.actionsApp(),
      pull_requests: [],
    };
  }

  /** The GitHub Actions app (`integration`), author of Actions check runs. */
  private actionsApp(): Json {
    const owner = this.ensureUser({ login: 'github', id: 9919, type: 'Organization' });
    return {
      id: 15368,
      slug: 'github-actions',
      node_id: 'MDM6QXBwMTUzNjg=',
      owner: this.restUser(owner),
      name: 'GitHub Actions',
      description: 'Automate your workflow from idea to production',
      external_url: 'https://help.github.com/en/actions',
      html_url: `${this.webUrl}/apps/github-actions`,
      created_at: '2018-07-30T09:30:17Z',
      updated_at: '2019-12-10T19:04:12Z',
      permissions: {},
      events: [],
    };
  }

  /** REST `check-annotation`. */
  restAnnotation(c: CheckRunRecord, a: AnnotationInput): Json {
    return {
      path: a.path,
      blob_href: `${this.webUrl}/${c.repo.fullName}/blob/${c.headSha}/${a.path}`,
      start_line: a.start_line,
      end_line: a.end_line ?? a.start_line,
      start_column: null,
      end_column: null,
      annotation_level: a.annotation_level ?? 'failure',
      title: a.title ?? '',
      message: a.message,
      raw_details: a.raw_details ?? '',
    };
  }

  /** REST `diff-entry`. */
  restDiffEntry(i: IssueRecord, f: FileInput): Json {
    const r = i.repo;
    const sha = i.pull?.headSha ?? '';
    const out: Json = {
      sha: fakeSha(`blob:${f.filename}`),
      filename: f.filename,
      status: f.status ?? 'modified',
      additions: f.additions ?? 0,
      deletions: f.deletions ?? 0,
      changes: (f.additions ?? 0) + (f.deletions ?? 0),
      blob_url: `${this.webUrl}/${r.fullName}/blob/${sha}/${f.filename}`,
      raw_url: `${this.webUrl}/${r.fullName}/raw/${sha}/${f.filename}`,
      contents_url: this.api(`/repos/${r.fullName}/contents/${f.filename}?ref=${sha}`),
    };
    if (f.patch !== undefined) out.patch = f.patch;
    return out;
  }
}

// =============================================================================================
// The HTTP server

/** One request as the server saw it. */
export interface RecordedRequest {
  method: string;
  /** Path without the query string, as sent (percent-encoding kept). */
  path: string;
  query: Record<string, string>;
  /** Parsed JSON body (the raw text when it was not JSON; undefined when empty). */
  body: unknown;
  /** OpenAPI operationId; `graphql` for GraphQL; undefined for unknown routes. */
  operationId: string | undefined;
  /** `owner/name` when the route is repository-scoped. */
  repo?: string;
  /** Response status (0 until answered). */
  status: number;
  /** Date.now() at arrival. */
  receivedAt: number;
  /** Monotonic ms (process.hrtime) at arrival. */
  hrtime: number;
  authorization: string | undefined;
  /** GraphQL only: operation type, name and the root fields selected. */
  graphql?: { operationType: 'query' | 'mutation' | 'subscription' | undefined; operationName: string | undefined; rootFields: string[]; variables: unknown };
}

/** Options for `startGitHubServer`. */
export interface GitHubServerOptions {
  owner?: string;
  repo?: string;
  defaultBranch?: string;
  token?: string;
  /** Used for `html_url`s (default https://github.com). */
  webUrl?: string;
  /**
   * Resolves a branch to a commit sha (e.g. from the loopback git remote) for new PRs; returning
   * undefined makes `pulls/create` answer 422 like GitHub does for a missing head branch. Without
   * it, any branch exists and shas are synthetic.
   */
  resolveRef?: (repo: string, ref: string) => string | undefined | Promise<string | undefined>;
}

/** A running fake GitHub. */
export interface GitHubServer {
  /** API base, e.g. `http://127.0.0.1:PORT` — use as GITHUB_API_URL. GraphQL: `${url}/graphql`. */
  readonly url: string;
  readonly graphqlUrl: string;
  readonly token: string;
  close(): Promise<void>;
  readonly requests: RecordedRequest[];
  /** Requests that changed (or tried to change) state: non-GET/HEAD, GraphQL mutations only. */
  writes(): RecordedRequest[];
  /** Every off-spec request or response, one line each. Tests assert it is empty. */
  readonly violations: string[];
  readonly state: GitHubState;
  /**
   * The next `times` requests to `operationId` (or `graphql`) fail with `status` and `headers`,
   * before any effect. Bodies are GitHub's: 403/429 with `x-ratelimit-remaining: 0` → primary
   * rate limit message; with `retry-after` → secondary rate limit message; 5xx → server error.
   */
  failNext(operationId: string, status: number, times?: number, headers?: Record<string, string>): void;
  /**
   * Test hook: passes the next response body of `operationId` through `fn` before validation
   * (to prove that a wrong shape is caught). One-shot.
   */
  tamperNext(operationId: string, fn: (body: unknown) => unknown): void;
  /** The next request for `operationId` is carried out but answered with `status` (a lost response). */
  loseNextResponse(operationId: string, status?: number, times?: number): void;
  /** Called with each request as it arrives, before it is handled; `undefined` removes it. */
  onRequest(fn: ((r: { operationId?: string; method: string; path: string }) => void) | undefined): void;
}

interface OpContext {
  op: Operation;
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  body: Json;
  rawBody: unknown;
  repo: RepoRecord;
  /** API path + query, for Link headers. */
  selfUrl: string;
}

interface OpResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

type Handler = (ctx: OpContext) => OpResult | Promise<OpResult>;

function docUrl(op: Operation | undefined): string {
  return (op?.externalDocs as { url?: string } | undefined)?.url ?? 'https://docs.github.com/rest';
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Paginates like GitHub: `per_page` (max 100, default 30), `page`, and a `Link` header. */
function paginate<T>(items: T[], ctx: OpContext): { page: T[]; headers: Record<string, string> } {
  const perPage = Math.min(Math.max(Number(ctx.query.per_page ?? 30) || 30, 1), 100);
  const page = Math.max(Number(ctx.query.page ?? 1) || 1, 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const mk = (p: number, rel: string): string => {
    const u = new URL(ctx.selfUrl);
    u.searchParams.set('per_page', String(perPage));
    u.searchParams.set('page', String(p));
    return `<${u.toString()}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page > 1) links.push(mk(Math.min(page - 1, last), 'prev'));
  if (page < last) links.push(mk(page + 1, 'next'), mk(last, 'last'));
  if (page > 1) links.push(mk(1, 'first'));
  return { page: items.slice((page - 1) * perPage, page * perPage), headers: links.length ? { link: links.join(', ') } : {} };
}

const PERMISSION_VIEW: Record<PermissionLevel, { permission: string; role: string; perms: Json }> = {
  admin: { permission: 'admin', role: 'admin', perms: { admin: true, maintain: true, push: true, triage: true, pull: true } },
  maintain: { permission: 'write', role: 'maintain', perms: { admin: false, maintain: true, push: true, triage: true, pull: true } },
  write: { permission: 'write', role: 'write', perms: { admin: false, maintain: false, push: true, triage: true, pull: true } },
  triage: { permission: 'read', role: 'triage', perms: { admin: false, maintain: false, push: false, triage: true, pull: true } },
  read: { permission: 'read', role: 'read', perms: { admin: false, maintain: false, push: false, triage: false, pull: true } },
  none: { permission: 'none', role: 'none', perms: { admin: false, maintain: false, push: false, triage: false, pull: false } },
};

class FakeGitHub implements GitHubServer {
  url = '';
  graphqlUrl = '';
  readonly requests: RecordedRequest[] = [];
  readonly violations: string[] = [];
  state!: GitHubState;
  private readonly faults = new Map<string, Array<{ status: number; headers: Record<string, string> }>>();
  private readonly lost = new Map<string, { status: number; times: number }>();
  private requestHook: ((r: { operationId?: string; method: string; path: string }) => void) | undefined;
  private readonly tampers = new Map<string, (body: unknown) => unknown>();
  private readonly server = createServer((req, res) => {
    this.handle(req, res).catch((err: unknown) => {
      this.violations.push(`server crashed on ${req.method} ${req.url}: ${String(err)}`);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'Server Error' }));
    });
  });
  private readonly handlers: Record<string, Handler> = this.buildHandlers();
  private blobSeq = 0;
  private readonly blobs = new Map<string, string>();

  constructor(
    private readonly spec: GitHubSpec,
    readonly token: string,
    private readonly opts: GitHubServerOptions,
  ) {}

  async listen(owner: string, repo: string, defaultBranch: string): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    this.graphqlUrl = `${this.url}/graphql`;
    this.state = new GitHubState(this.url, owner, repo, defaultBranch, this.opts.webUrl);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  writes(): RecordedRequest[] {
    return this.requests.filter((r) =>
      r.operationId === 'graphql' ? r.graphql?.operationType === 'mutation' : r.method !== 'GET' && r.method !== 'HEAD',
    );
  }

  failNext(operationId: string, status: number, times = 1, headers: Record<string, string> = {}): void {
    const q = this.faults.get(operationId) ?? [];
    for (let i = 0; i < times; i++) q.push({ status, headers });
    this.faults.set(operationId, q);
  }

  /**
   * The next request for `operationId` is carried out, but its response is lost: the client gets
   * `status` instead (a 502 from a proxy after GitHub acted). A retried create then duplicates.
   */
  loseNextResponse(operationId: string, status = 502, times = 1): void {
    this.lost.set(operationId, { status, times: (this.lost.get(operationId)?.times ?? 0) + times });
  }

  /** Called with each request as it arrives, before it is handled (to act at an observable moment). */
  onRequest(fn: ((r: { operationId?: string; method: string; path: string }) => void) | undefined): void {
    this.requestHook = fn;
  }

  tamperNext(operationId: string, fn: (body: unknown) => unknown): void {
    this.tampers.set(operationId, fn);
  }

  // ---- pipeline -----------------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const receivedAt = Date.now();
    const hrtime = Number(process.hrtime.bigint()) / 1e6;
    const method = (req.method ?? 'GET').toUpperCase();
    const u = new URL(req.url ?? '/', this.url);
    const path = u.pathname;
    const query: Record<string, string> = {};
    for (const [k, v] of u.searchParams) query[k] = v;
    const raw = await readBody(req);
    let body: unknown;
    let badJson = false;
    if (raw.length) {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        body = raw.toString('utf8');
        badJson = true;
      }
    }
    const auth = req.headers.authorization;
    const rec: RecordedRequest = { method, path, query, body, operationId: undefined, status: 0, receivedAt, hrtime, authorization: auth };
    this.requests.push(rec);
    const label = `${method} ${path}`;

    const send = (status: number, payload: unknown, headers: Record<string, string> = {}, resource = 'core'): void => {
      rec.status = status;
      const h: Record<string, string> = {
        'x-github-request-id': `FAKE:${this.requests.length}`,
        'x-github-api-version-selected': '2022-11-28',
        'x-ratelimit-limit': '5000',
        'x-ratelimit-remaining': '4999',
        'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
        'x-ratelimit-used': '1',
        'x-ratelimit-resource': resource,
        ...headers,
      };
      if (payload === undefined || status === 204 || status === 304) {
        res.writeHead(status, h);
        res.end();
        return;
      }
      if (typeof payload === 'string' && h['content-type']) {
        res.writeHead(status, h);
        res.end(payload);
        return;
      }
      h['content-type'] ??= 'application/json; charset=utf-8';
      res.writeHead(status, h);
      res.end(JSON.stringify(payload));
    };
    const error = (status: number, message: string, op?: Operation, extra: Json = {}, headers: Record<string, string> = {}): void =>
      send(status, { message, ...extra, documentation_url: docUrl(op), status: String(status) }, headers);

    // Loopback "blob storage" for job logs (outside the API; GitHub's is on another host).
    if (method === 'GET' && path.startsWith('/_blobs/')) {
      rec.operationId = 'blob';
      const text = this.blobs.get(path);
      if (text === undefined) return send(404, 'Not Found', { 'content-type': 'text/plain' });
      return send(200, text, { 'content-type': 'text/plain; charset=utf-8' });
    }

    // Authentication.
    const m = /^(?:token|bearer)\s+(.+)$/i.exec(auth ?? '');
    if (!m || m[1] !== this.token) {
      this.violations.push(`${label}: ${auth ? 'wrong token' : 'no authorization header'} (401)`);
      return error(401, auth ? 'Bad credentials' : 'Requires authentication');
    }

    // GraphQL.
    if (path === '/graphql') {
      rec.operationId = 'graphql';
      if (method !== 'POST') {
        this.violations.push(`${label}: GraphQL needs POST`);
        return error(404, 'Not Found');
      }
      const fault = this.takeFault('graphql');
      if (fault) return this.sendFault(send, fault);
      const out = await executeGraphQL(this.state, body);
      rec.graphql = out.info;
      for (const v of out.violations) this.violations.push(`POST /graphql${out.info.operationName ? ` (${out.info.operationName})` : ''}: ${v}`);
      return send(out.status, out.body, {}, 'graphql');
    }

    // Routing.
    const op = this.spec.match(method, path);
    if (!op) {
      this.violations.push(`${label}: no such route in GitHub's REST API`);
      return error(404, 'Not Found');
    }
    const opId = op.operationId!;
    rec.operationId = opId;
    const tag = `${label} (${opId})`;

    this.requestHook?.({ operationId: opId, method, path });
    const fault = this.takeFault(opId);
    if (fault) return this.sendFault(send, fault);

    if (badJson) {
      this.violations.push(`${tag}: body is not JSON`);
      return error(400, 'Problems parsing JSON', op);
    }

    // Request validation.
    const check = this.spec.validateRequest(op, { method, path, headers: req.headers, query, body });
    if (check.errors.length) {
      this.violations.push(`${tag}: request: ${check.errors.slice(0, 5).join('; ')}`);
      if (check.pathError) return error(404, 'Not Found', op);
      return error(422, `Invalid request.\n\n${check.errors.join('\n')}`, op);
    }
    const owner = check.params.owner;
    const repoName = check.params.repo;
    const repo = typeof owner === 'string' && typeof repoName === 'string' ? this.state.repo(repoName, owner) : this.state.repo();
    if (typeof owner === 'string' && typeof repoName === 'string') rec.repo = repo.fullName;

    const handler = this.handlers[opId];
    if (!handler) {
      this.violations.push(`${tag}: operation not implemented by the fake GitHub server`);
      return error(404, `Not Found (the fake GitHub server does not implement ${opId})`, op);
    }

    let result: OpResult;
    try {
      result = await handler({
        op,
        params: check.params,
        query: check.query,
        body: (body && typeof body === 'object' && !Array.isArray(body) ? body : {}) as Json,
        rawBody: body,
        repo,
        selfUrl: `${this.url}${path}${u.search}`,
      });
    } catch (err) {
      if (err instanceof HttpError) {
        result = { status: err.status, body: { message: err.message, ...err.extra, documentation_url: docUrl(op), status: String(err.status) } };
      } else {
        this.violations.push(`${tag}: handler threw ${err instanceof Error ? err.stack : String(err)}`);
        return error(500, 'Server Error', op);
      }
    }

    const tamper = this.tampers.get(opId);
    if (tamper) {
      this.tampers.delete(opId);
      result = { ...result, body: tamper(result.body) };
    }

    // Response validation: our own fake must answer in GitHub's shapes.
    if (typeof result.body !== 'string') {
      const errs = this.spec.validateResponse(opId, result.status, result.body);
      if (errs.length) this.violations.push(`${tag}: response ${result.status} off-spec: ${errs.slice(0, 5).join('; ')}`);
    }
    const lost = this.lost.get(opId);
    if (lost && result.status < 300) {
      if (--lost.times <= 0) this.lost.delete(opId);
      return this.sendFault(send, { status: lost.status, headers: {} });
    }
    send(result.status, result.body, result.headers);
  }

  private takeFault(opId: string): { status: number; headers: Record<string, string> } | undefined {
    const q = this.faults.get(opId);
    const f = q?.shift();
    if (q && !q.length) this.faults.delete(opId);
    return f;
  }

  private sendFault(
    send: (status: number, payload: unknown, headers?: Record<string, string>) => void,
    f: { status: number; headers: Record<string, string> },
  ): void {
    const h = Object.fromEntries(Object.entries(f.headers).map(([k, v]) => [k.toLowerCase(), v]));
    let message = 'Server Error';
    if (f.status === 403 || f.status === 429) {
      if (h['x-ratelimit-remaining'] === '0') message = 'API rate limit exceeded for installation ID 1.';
      else if (h['retry-after'] !== undefined || f.status === 429)
        message = 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.';
      else message = 'Resource not accessible by integration';
    } else if (f.status === 404) message = 'Not Found';
    else if (f.status === 502) message = 'Bad Gateway';
    else if (f.status === 503) message = 'Service Unavailable';
    else if (f.status < 500) message = 'Request failed';
    send(f.status, { message, documentation_url: 'https://docs.github.com/rest', status: String(f.status) }, h);
  }

  // ---- handlers ------------------------------------------------------------------------------

  private buildHandlers(): Record<string, Handler> {
    const S = (): GitHubState => this.state;
    const num = (v: unknown): number => Number(v);
    const issueOf = (ctx: OpContext, key = 'issue_number'): IssueRecord => {
      const i = ctx.repo.issues.get(num(ctx.params[key]));
      if (!i) throw notFound();
      return i;
    };
    const pullOf = (ctx: OpContext): IssueRecord => {
      const i = ctx.repo.issues.get(num(ctx.params.pull_number));
      if (!i?.pull) throw notFound();
      return i;
    };
    const commentOf = (ctx: OpContext): CommentRecord => {
      const c = ctx.repo.comments.get(num(ctx.params.comment_id));
      if (!c) throw notFound();
      return c;
    };
    const reviewCommentOf = (ctx: OpContext): ReviewCommentRecord => {
      const c = ctx.repo.reviewComments.get(num(ctx.params.comment_id));
      if (!c) throw notFound();
      return c;
    };
    const labelNames = (v: unknown): string[] =>
      (Array.isArray(v) ? v : []).flatMap((x: unknown) =>
        typeof x === 'string' ? [x] : x && typeof x === 'object' && typeof (x as Json).name === 'string' ? [(x as Json).name as string] : [],
      );
    const created = (body: Json, location: string): OpResult => ({ status: 201, body, headers: { location } });
    const react = (ctx: OpContext, subject: ReactionSubject, subjectId: number): OpResult => {
      const { rec, created: isNew } = S().react(ctx.repo, subject, subjectId, ctx.body.content as ReactionContent);
      return { status: isNew ? 201 : 200, body: S().restReaction(rec) };
    };
    const listReactions = (ctx: OpContext, subject: ReactionSubject, subjectId: number): OpResult => {
      const all = S()
        .reactions.filter((r) => r.repo === ctx.repo.fullName && r.subject === subject && r.subjectId === subjectId)
        .filter((r) => ctx.query.content === undefined || r.content === ctx.query.content);
      const recs = all.map((v) => ({ id: v.id, node_id: nodeId('REA', 'reaction', v.id), user: S().restUser(S().ensureUser({ login: v.user })), content: v.content, created_at: v.createdAt }));
      const { page, headers } = paginate(recs, ctx);
      return { status: 200, body: page, headers };
    };
    const closeOrOpen = (i: IssueRecord, state: unknown, reason?: unknown): void => {
      if (state === 'closed' && i.state !== 'closed') {
        i.state = 'closed';
        i.closedAt = isoNow();
        i.closedBy = S().bot;
        i.stateReason = (reason as IssueRecord['stateReason']) ?? (i.pull ? null : 'completed');
      } else if (state === 'open' && i.state !== 'open') {
        i.state = 'open';
        i.closedAt = null;
        i.closedBy = null;
        i.stateReason = i.pull ? null : 'reopened';
      }
    };

    return {
      'repos/get': (ctx) => ({ status: 200, body: S().restFullRepo(ctx.repo) }),

      'repos/get-collaborator-permission-level': (ctx) => {
        const login = String(ctx.params.username);
        const level = ctx.repo.permissions.get(lowerKey(login));
        if (!level) throw new HttpError(404, `${login} is not a user`);
        const v = PERMISSION_VIEW[level];
        const user = S().ensureUser({ login });
        return {
          status: 200,
          body: { permission: v.permission, role_name: v.role, user: { ...S().restUser(user), permissions: v.perms, role_name: v.role } },
        };
      },

      'users/get-by-username': (ctx) => {
        const u = S().users.get(lowerKey(String(ctx.params.username)));
        if (!u) throw notFound();
        return { status: 200, body: S().restPublicUser(u) };
      },
      'users/get-authenticated': () => ({ status: 200, body: S().restPublicUser(S().bot) }),

      // ---- issues
      'issues/get': (ctx) => ({ status: 200, body: S().restIssue(issueOf(ctx)) }),
      'issues/create': (ctx) => {
        const i = S().createIssue(ctx.repo, {
          title: String(ctx.body.title),
          body: typeof ctx.body.body === 'string' ? ctx.body.body : null,
          user: S().bot,
          labels: labelNames(ctx.body.labels),
          assignees: Array.isArray(ctx.body.assignees) ? (ctx.body.assignees as string[]) : [],
        });
        return created(S().restIssue(i), `${this.url}/repos/${ctx.repo.fullName}/issues/${i.number}`);
      },
      // GET /repos/{owner}/{repo}/issues: issues and pull requests (as GitHub lists them), filtered
      // by state (default open) and creator, sorted by created/updated, newest first by default
      'issues/list-for-repo': (ctx) => {
        const q = ctx.query;
        const state = typeof q.state === 'string' ? q.state : 'open';
        const key = q.sort === 'updated' ? 'updatedAt' : 'createdAt';
        const sign = q.direction === 'asc' ? 1 : -1;
        const all = [...ctx.repo.issues.values()]
          .filter((i) => (state === 'all' || i.state === state) && (typeof q.creator !== 'string' || i.user.login.toLowerCase() === q.creator.toLowerCase()))
          .sort((a, b) => sign * (Date.parse(a[key]) - Date.parse(b[key]) || a.number - b.number))
          .map((i) => S().restIssue(i));
        const { page, headers } = paginate(all, ctx);
        return { status: 200, body: page, headers };
      },
      'issues/update': (ctx) => {
        const i = issueOf(ctx);
        const b = ctx.body;
        if (b.title !== undefined && b.title !== null) i.title = String(b.title);
        if (b.body !== undefined) i.body = (b.body as string | null) ?? null;
        if (b.labels !== undefined) {
          i.labels = [];
          for (const l of labelNames(b.labels)) S().addLabelToIssue(i, l);
        }
        if (Array.isArray(b.assignees)) i.assignees = labelNames(b.assignees.map((a: unknown) => (typeof a === 'object' && a ? { name: (a as Json).login } : a))).map((login) => S().ensureUser({ login }));
        if (b.state !== undefined) closeOrOpen(i, b.state, b.state_reason);
        i.updatedAt = isoNow();
        return { status: 200, body: S().restIssue(i) };
      },
      'issues/list-comments': (ctx) => {
        const i = issueOf(ctx);
        const since = typeof ctx.query.since === 'string' ? Date.parse(ctx.query.since) : undefined;
        const all = [...ctx.repo.comments.values()]
          .filter((c) => c.issueNumber === i.number && (since === undefined || Date.parse(c.updatedAt) >= since))
          .sort((a, b) => a.id - b.id)
          .map((c) => S().restComment(c));
        const { page, headers } = paginate(all, ctx);
        return { status: 200, body: page, headers };
      },
      'issues/create-comment': (ctx) => {
        const i = issueOf(ctx);
        if (i.locked) throw new HttpError(403, 'Unable to create comment because issue is locked.');
        const c = S().createComment(i, String(ctx.body.body), S().bot);
        return created(S().restComment(c), `${this.url}/repos/${ctx.repo.fullName}/issues/comments/${c.id}`);
      },
      'issues/get-comment': (ctx) => ({ status: 200, body: S().restComment(commentOf(ctx)) }),
      'issues/update-comment': (ctx) => {
        const c = commentOf(ctx);
        c.body = String(ctx.body.body);
        c.updatedAt = isoNow();
        return { status: 200, body: S().restComment(c) };
      },
      'issues/delete-comment': (ctx) => {
        const c = commentOf(ctx);
        ctx.repo.comments.delete(c.id);
        S().nodes.delete(c.nodeId);
        return { status: 204 };
      },

      // ---- reactions
      'reactions/create-for-issue': (ctx) => react(ctx, 'issue', issueOf(ctx).number),
      'reactions/create-for-issue-comment': (ctx) => react(ctx, 'issue_comment', commentOf(ctx).id),
      'reactions/create-for-pull-request-review-comment': (ctx) => react(ctx, 'pull_request_review_comment', reviewCommentOf(ctx).id),
      'reactions/list-for-issue': (ctx) => listReactions(ctx, 'issue', issueOf(ctx).number),
      'reactions/list-for-issue-comment': (ctx) => listReactions(ctx, 'issue_comment', commentOf(ctx).id),

      // ---- labels
      'issues/get-label': (ctx) => {
        const l = ctx.repo.labels.get(lowerKey(String(ctx.params.name)));
        if (!l) throw notFound();
        return { status: 200, body: S().restLabel(l, ctx.repo) };
      },
      'issues/list-labels-for-repo': (ctx) => {
        const { page, headers } = paginate([...ctx.repo.labels.values()].map((l) => S().restLabel(l, ctx.repo)), ctx);
        return { status: 200, body: page, headers };
      },
      'issues/create-label': (ctx) => {
        const name = String(ctx.body.name);
        if (ctx.repo.labels.has(lowerKey(name))) throw validationFailed([{ resource: 'Label', code: 'already_exists', field: 'name' }]);
        const color = typeof ctx.body.color === 'string' ? ctx.body.color : undefined;
        if (color !== undefined && !/^#?[0-9a-fA-F]{6}$/.test(color)) throw validationFailed([{ resource: 'Label', code: 'invalid', field: 'color' }]);
        const l = S().ensureLabel(ctx.repo, name, color, typeof ctx.body.description === 'string' ? ctx.body.description : null);
        return created(S().restLabel(l, ctx.repo), `${this.url}/repos/${ctx.repo.fullName}/labels/${encodeURIComponent(name)}`);
      },
      'issues/list-labels-on-issue': (ctx) => {
        const i = issueOf(ctx);
        const { page, headers } = paginate(S().labelsOn(i.number, ctx.repo.fullName).map((n) => S().restLabel(ctx.repo.labels.get(lowerKey(n))!, ctx.repo)), ctx);
        return { status: 200, body: page, headers };
      },
      'issues/add-labels': (ctx) => {
        const i = issueOf(ctx);
        const names = labelNames(Array.isArray(ctx.rawBody) ? ctx.rawBody : ctx.body.labels);
        for (const n of names) S().addLabelToIssue(i, n);
        i.updatedAt = isoNow();
        return { status: 200, body: S().restIssue(i).labels };
      },
      'issues/set-labels': (ctx) => {
        const i = issueOf(ctx);
        i.labels = [];
        for (const n of labelNames(Array.isArray(ctx.rawBody) ? ctx.rawBody : ctx.body.labels)) S().addLabelToIssue(i, n);
        i.updatedAt = isoNow();
        return { status: 200, body: S().restIssue(i).labels };
      },
      'issues/remove-label': (ctx) => {
        const i = issueOf(ctx);
        const key = lowerKey(String(ctx.params.name));
        if (!i.labels.includes(key)) throw new HttpError(404, 'Label does not exist');
        i.labels = i.labels.filter((k) => k !== key);
        i.updatedAt = isoNow();
        return { status: 200, body: S().restIssue(i).labels };
      },

      // ---- pulls
      'pulls/create': async (ctx) => {
        const b = ctx.body;
        const head = String(b.head);
        const base = String(b.base);
        const [headOwner, headRef] = head.includes(':') ? (head.split(':', 2) as [string, string]) : [ctx.repo.owner, head];
        const dup = [...ctx.repo.issues.values()].find(
          (i) => i.pull && i.state === 'open' && i.pull.headRef === headRef && lowerKey(i.pull.headOwner) === lowerKey(headOwner) && i.pull.baseRef === base,
        );
        if (dup)
          throw validationFailed([{ resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${headOwner}:${headRef}.` }]);
        if (headRef === base && lowerKey(headOwner) === lowerKey(ctx.repo.owner))
          throw validationFailed([{ resource: 'PullRequest', code: 'custom', message: `No commits between ${base} and ${headRef}` }]);
        let headSha: string | undefined;
        let baseSha: string | undefined;
        if (this.opts.resolveRef) {
          headSha = await this.opts.resolveRef(`${headOwner}/${ctx.repo.name}`, headRef);
          if (!headSha) throw validationFailed([{ resource: 'PullRequest', field: 'head', code: 'invalid' }]);
          baseSha = await this.opts.resolveRef(ctx.repo.fullName, base);
          if (!baseSha) throw validationFailed([{ resource: 'PullRequest', field: 'base', code: 'invalid' }]);
        }
        if (typeof b.title !== 'string' && b.issue === undefined) throw validationFailed([{ resource: 'PullRequest', field: 'title', code: 'missing_field' }]);
        const i = S().createPull(ctx.repo, {
          title: String(b.title ?? ''),
          body: typeof b.body === 'string' ? b.body : null,
          head,
          base,
          user: S().bot,
          draft: b.draft === true,
          headSha,
          baseSha,
          maintainerCanModify: b.maintainer_can_modify === true,
        });
        return created(S().restPull(i), `${this.url}/repos/${ctx.repo.fullName}/pulls/${i.number}`);
      },
      'pulls/list': (ctx) => {
        const state = (ctx.query.state as string | undefined) ?? 'open';
        let head: [string, string] | undefined;
        if (typeof ctx.query.head === 'string') {
          const h = ctx.query.head;
          head = h.includes(':') ? (h.split(':', 2) as [string, string]) : [ctx.repo.owner, h];
        }
        const asc = ctx.query.direction === 'asc';
        const all = [...ctx.repo.issues.values()]
          .filter((i) => i.pull && (state === 'all' || i.state === state))
          .filter((i) => !head || (lowerKey(i.pull!.headOwner) === lowerKey(head[0]) && i.pull!.headRef === head[1]))
          .filter((i) => typeof ctx.query.base !== 'string' || i.pull!.baseRef === ctx.query.base)
          .sort((a, b) => (asc ? a.number - b.number : b.number - a.number))
          .map((i) => S().restPullSimple(i));
        const { page, headers } = paginate(all, ctx);
        return { status: 200, body: page, headers };
      },
      'pulls/get': (ctx) => ({ status: 200, body: S().restPull(pullOf(ctx)) }),
      'pulls/update': (ctx) => {
        const i = pullOf(ctx);
        const b = ctx.body;
        if (typeof b.title === 'string') i.title = b.title;
        if (typeof b.body === 'string') i.body = b.body;
        if (typeof b.base === 'string') i.pull!.baseRef = b.base;
        if (typeof b.maintainer_can_modify === 'boolean') i.pull!.maintainerCanModify = b.maintainer_can_modify;
        if (b.state !== undefined) closeOrOpen(i, b.state);
        i.updatedAt = isoNow();
        return { status: 200, body: S().restPull(i) };
      },
      'pulls/list-reviews': (ctx) => {
        const i = pullOf(ctx);
        const { page, headers } = paginate(S().reviews(i.number, ctx.repo.fullName), ctx);
        return { status: 200, body: page, headers };
      },
      'pulls/list-review-comments': (ctx) => {
        const i = pullOf(ctx);
        const all = S().reviewComments(i.number, ctx.repo.fullName);
        if (ctx.query.direction === 'desc') all.reverse();
        const { page, headers } = paginate(all, ctx);
        return { status: 200, body: page, headers };
      },
      'pulls/get-review-comment': (ctx) => ({ status: 200, body: S().restReviewComment(reviewCommentOf(ctx)) }),
      'pulls/create-reply-for-review-comment': (ctx) => {
        const i = pullOf(ctx);
        const c = reviewCommentOf(ctx);
        if (c.pullNumber !== i.number) throw notFound();
        const thread = ctx.repo.threads.get(c.threadId)!;
        const reply = S().replyToThread(thread, String(ctx.body.body));
        return created(S().restReviewComment(reply), `${this.url}/repos/${ctx.repo.fullName}/pulls/comments/${reply.id}`);
      },
      'pulls/list-files': (ctx) => {
        const i = pullOf(ctx);
        const { page, headers } = paginate(i.pull!.files.map((f) => S().restDiffEntry(i, f)), ctx);
        return { status: 200, body: page, headers };
      },

      // ---- actions
      'actions/get-workflow-run': (ctx) => {
        const run = ctx.repo.runs.get(num(ctx.params.run_id));
        if (!run) throw notFound();
        return { status: 200, body: S().restRun(run) };
      },
      'actions/list-workflow-runs-for-repo': (ctx) => {
        const status = ctx.query.status as string | undefined;
        const all = [...ctx.repo.runs.values()]
          .filter((r) => !status || r.status === status || r.conclusion === status)
          .filter((r) => typeof ctx.query.branch !== 'string' || r.headBranch === ctx.query.branch)
          .filter((r) => typeof ctx.query.event !== 'string' || r.event === ctx.query.event)
          .sort((a, b) => b.id - a.id)
          .map((r) => S().restRun(r));
        const { page, headers } = paginate(all, ctx);
        return { status: 200, body: { total_count: all.length, workflow_runs: page }, headers };
      },
      'actions/cancel-workflow-run': (ctx) => {
        const run = ctx.repo.runs.get(num(ctx.params.run_id));
        if (!run) throw notFound();
        if (run.status === 'completed') throw new HttpError(409, 'Cannot cancel a workflow run that is completed.');
        run.status = 'completed';
        run.conclusion = 'cancelled';
        run.updatedAt = isoNow();
        return { status: 202, body: {} };
      },
      'actions/create-workflow-dispatch': (ctx) => {
        const wf = ctx.params.workflow_id as string | number;
        const inputs = (ctx.body.inputs ?? {}) as Record<string, unknown>;
        for (const [k, v] of Object.entries(inputs))
          if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean')
            throw validationFailed([], `Invalid value for input '${k}': inputs must be strings, numbers or booleans`);
        const dispatch: DispatchRecord = { repo: ctx.repo.fullName, workflow_id: wf, ref: String(ctx.body.ref), inputs, at: Date.now() };
        S().dispatches.push(dispatch);
        // after the response is on its way, like GitHub queueing the run
        setImmediate(() => S().onDispatch?.(dispatch));
        if (ctx.body.return_run_details === true) {
          const run = S().createRun(ctx.repo, { status: 'queued', event: 'workflow_dispatch', headBranch: String(ctx.body.ref).replace(/^refs\/heads\//, '') });
          return {
            status: 200,
            body: { workflow_run_id: run.id, run_url: `${this.url}/repos/${ctx.repo.fullName}/actions/runs/${run.id}`, html_url: `${S().webUrl}/${ctx.repo.fullName}/actions/runs/${run.id}` },
          };
        }
        return { status: 204 };
      },
      'actions/list-jobs-for-workflow-run': (ctx) => {
        const run = ctx.repo.runs.get(num(ctx.params.run_id));
        if (!run) throw notFound();
        const jobs = [...ctx.repo.checkRuns.values()].filter((c) => c.runId === run.id).map((c) => S().restJob(c));
        const { page, headers } = paginate(jobs, ctx);
        return { status: 200, body: { total_count: jobs.length, jobs: page }, headers };
      },
      'actions/download-job-logs-for-workflow-run': (ctx) => {
        const job = ctx.repo.checkRuns.get(num(ctx.params.job_id));
        if (!job) throw notFound();
        const blob = `/_blobs/logs/${ctx.repo.fullName}/${job.id}/${++this.blobSeq}.txt`;
        this.blobs.set(blob, job.log);
        return { status: 302, headers: { location: `${this.url}${blob}?sig=fake` } };
      },

      // ---- checks
      'checks/list-for-ref': (ctx) => {
        const ref = String(ctx.params.ref);
        const branchShas = new Set(
          [...ctx.repo.issues.values()].filter((i) => i.pull && i.pull.headRef === ref.replace(/^refs\/heads\//, '')).map((i) => i.pull!.headSha),
        );
        let runs = [...ctx.repo.checkRuns.values()].filter((c) => c.headSha === ref || branchShas.has(c.headSha));
        if (typeof ctx.query.check_name === 'string') runs = runs.filter((c) => c.name === ctx.query.check_name);
        if (typeof ctx.query.status === 'string') runs = runs.filter((c) => c.status === ctx.query.status);
        if (ctx.query.filter !== 'all') {
          const latest = new Map<string, CheckRunRecord>();
          for (const c of runs) if ((latest.get(c.name)?.id ?? -1) < c.id) latest.set(c.name, c);
          runs = [...latest.values()];
        }
        runs.sort((a, b) => b.id - a.id);
        const { page, headers } = paginate(runs.map((c) => S().restCheckRun(c)), ctx);
        return { status: 200, body: { total_count: runs.length, check_runs: page }, headers };
      },
      'checks/get': (ctx) => {
        const c = ctx.repo.checkRuns.get(num(ctx.params.check_run_id));
        if (!c) throw notFound();
        return { status: 200, body: S().restCheckRun(c) };
      },
      'checks/list-annotations': (ctx) => {
        const c = ctx.repo.checkRuns.get(num(ctx.params.check_run_id));
        if (!c) throw notFound();
        const { page, headers } = paginate(c.annotations.map((a) => S().restAnnotation(c, a)), ctx);
        return { status: 200, body: page, headers };
      },
    };
  }
}

/**
 * Starts a fake GitHub on 127.0.0.1 (random port). The OpenAPI description is loaded once per
 * process (first call ~0.4 s); later servers start in about a millisecond.
 *
 * Defaults: owner `octo-org`, repo `octo-repo`, default branch `main`, token `ghs_testtoken`
 * (clients must send `authorization: token …` or `Bearer …`).
 */
export async function startGitHubServer(opts: GitHubServerOptions = {}): Promise<GitHubServer> {
  const spec = await loadGitHubSpec();
  const server = new FakeGitHub(spec, opts.token ?? DEFAULT_TOKEN, opts);
  await server.listen(opts.owner ?? 'octo-org', opts.repo ?? 'octo-repo', opts.defaultBranch ?? 'main');
  return server;
}
