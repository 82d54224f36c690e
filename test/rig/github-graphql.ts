/**
 * GraphQL half of the fake GitHub (`POST /graphql`), backed by the same `GitHubState` as REST.
 *
 * Contract: https://docs.github.com/graphql, schema from `@octokit/graphql-schema`. Each document
 * is checked with that package's `validate()` (GitHub's schema), then executed with `graphql`
 * against an executable schema built once per process from the package's SDL
 * (`schema.graphql`; it defines two fields twice, so it is built with `assumeValidSDL`).
 *
 * Implemented: `repository(owner,name)` { `pullRequest(number)`, `issue(number)`,
 * `issueOrPullRequest(number)`, `pullRequests(...)`, `label(name)`, ids/names/urls },
 * `node(id)`, `nodes(ids)`, `viewer`, `rateLimit`; pull requests with `reviewThreads`, `reviews`,
 * `comments`, `labels`, `files`; threads with `comments`; mutations `resolveReviewThread`,
 * `unresolveReviewThread`, `addPullRequestReviewThreadReply`, `addComment`, `updateIssueComment`.
 * Connections paginate for real (`first`/`last`/`after`/`before`; like GitHub, one of
 * `first`/`last` is required and at most 100).
 *
 * Violations (returned to the server, which records them): syntax errors, documents GitHub's
 * schema rejects, execution errors other than GitHub-like NOT_FOUND answers, and any selected
 * field this fake does not implement (answered as null).
 */
import type { GraphQLError, GraphQLFieldResolver, GraphQLSchema } from 'graphql';
import type {
  CommentRecord,
  GitHubState,
  IssueRecord,
  LabelRecord,
  RecordedRequest,
  RepoRecord,
  ReviewCommentRecord,
  ReviewRecord,
  ThreadRecord,
  UserRecord,
} from './github-server.js';

type GraphQLModule = typeof import('graphql');

interface Loaded {
  gql: GraphQLModule;
  schema: GraphQLSchema;
  validate: (query: string) => ReadonlyArray<GraphQLError>;
}

let loading: Promise<Loaded> | undefined;

/** Loads GitHub's GraphQL schema once per process (~0.5 s: validation schema + executable SDL). */
export function loadGraphQLSchema(): Promise<Loaded> {
  loading ??= (async () => {
    const gql = await import('graphql');
    const pkg = await import('@octokit/graphql-schema');
    const schema = gql.buildSchema(pkg.schema.idl, { assumeValidSDL: true });
    return { gql, schema, validate: (q: string) => pkg.validate(q) };
  })();
  return loading;
}

/** Outcome of one GraphQL request. */
export interface GraphQLExecution {
  status: number;
  body: unknown;
  violations: string[];
  info: NonNullable<RecordedRequest['graphql']>;
}

type G = { __typename: string } & Record<string, unknown>;

interface ConnArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
  skip?: number | null;
}

interface Ctx {
  state: GitHubState;
  viewer: UserRecord;
  unimplemented: Set<string>;
}

/**
 * Executes one GraphQL request body (`{query, variables?, operationName?}`) against the state.
 * GitHub answers GraphQL errors with HTTP 200 and an `errors` array; so does this.
 */
export async function executeGraphQL(state: GitHubState, body: unknown): Promise<GraphQLExecution> {
  const { gql, schema, validate } = await loadGraphQLSchema();
  const violations: string[] = [];
  const info: GraphQLExecution['info'] = { operationType: undefined, operationName: undefined, rootFields: [], variables: undefined };
  const b = (body ?? {}) as { query?: unknown; variables?: unknown; operationName?: unknown };
  if (typeof b.query !== 'string') {
    violations.push('body has no `query` string');
    return { status: 400, body: { message: 'A query attribute must be specified and must be a string.', documentation_url: 'https://docs.github.com/graphql' }, violations, info };
  }
  const variables = (b.variables ?? {}) as Record<string, unknown>;
  info.variables = variables;
  const operationName = typeof b.operationName === 'string' ? b.operationName : undefined;

  let document;
  try {
    document = gql.parse(b.query);
  } catch (err) {
    const e = err as GraphQLError;
    violations.push(`syntax error: ${e.message}`);
    return { status: 200, body: { errors: [{ message: e.message, locations: e.locations }] }, violations, info };
  }
  const op = gql.getOperationAST(document, operationName);
  info.operationType = op?.operation;
  info.operationName = operationName ?? op?.name?.value;
  info.rootFields = (op?.selectionSet.selections ?? []).flatMap((s) => (s.kind === gql.Kind.FIELD ? [s.name.value] : []));

  const invalid = validate(b.query);
  if (invalid.length) {
    for (const e of invalid) violations.push(`invalid against GitHub's schema: ${e.message}`);
    return {
      status: 200,
      body: { errors: invalid.map((e) => ({ message: e.message, locations: e.locations, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })) },
      violations,
      info,
    };
  }

  const ctx: Ctx = { state, viewer: state.bot, unimplemented: new Set() };
  const result = await gql.execute({
    schema,
    document,
    rootValue: rootValue(ctx),
    contextValue: ctx,
    variableValues: variables,
    operationName,
    fieldResolver,
  });
  for (const f of ctx.unimplemented) violations.push(`field ${f} is not implemented by the fake (answered null)`);
  const out: Record<string, unknown> = {};
  if (result.data !== undefined) out.data = result.data;
  if (result.errors?.length) {
    out.errors = result.errors.map((e) => {
      const ext = (e.extensions ?? {}) as { type?: string; expected?: boolean };
      if (!ext.expected) violations.push(`execution error at ${(e.path ?? []).join('.')}: ${e.message}`);
      const formatted: Record<string, unknown> = { message: e.message };
      if (ext.type) formatted.type = ext.type;
      if (e.path) formatted.path = e.path;
      if (e.locations) formatted.locations = e.locations;
      return formatted;
    });
  }
  return { status: 200, body: out, violations, info };
}

/** Default resolver: own property or method `(args, ctx, info)`; anything else is unimplemented. */
const fieldResolver: GraphQLFieldResolver<unknown, Ctx> = (source, args, ctx, info) => {
  if (source && typeof source === 'object' && info.fieldName in source) {
    const v = (source as Record<string, unknown>)[info.fieldName];
    return typeof v === 'function' ? (v as (a: unknown, c: Ctx, i: unknown) => unknown)(args, ctx, info) : v;
  }
  ctx.unimplemented.add(`${info.parentType.name}.${info.fieldName}`);
  return null;
};

async function gqlError(message: string, type: string, expected: boolean): Promise<Error> {
  const { gql } = await loadGraphQLSchema();
  return new gql.GraphQLError(message, { extensions: { type, expected } });
}

// ---------------------------------------------------------------------------------------------
// Pagination

function cursorOf(i: number): string {
  return Buffer.from(`cursor:v2:${i}`).toString('base64');
}

function indexOf(cursor: string): number | undefined {
  const m = /^cursor:v2:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  return m ? Number(m[1]) : undefined;
}

async function connection<T>(items: T[], args: ConnArgs, name: string, build: (t: T) => G): Promise<G> {
  const { first, last, after, before, skip } = args;
  if ((first === undefined || first === null) && (last === undefined || last === null))
    throw await gqlError(`You must provide a \`first\` or \`last\` value to properly paginate the \`${name}\` connection.`, 'MISSING_PAGINATION_BOUNDARIES', false);
  for (const [k, v] of [['first', first], ['last', last]] as const)
    if (typeof v === 'number' && (v < 0 || v > 100))
      throw await gqlError(`Requesting ${v} records on the \`${name}\` connection exceeds the \`${k}\` limit of 100 records.`, 'EXCESSIVE_PAGINATION', false);
  let start = 0;
  let end = items.length;
  if (after) {
    const i = indexOf(after);
    if (i === undefined) throw await gqlError(`\`${after}\` does not appear to be a valid cursor.`, 'INVALID_CURSOR_ARGUMENTS', false);
    start = i + 1;
  }
  if (before) {
    const i = indexOf(before);
    if (i === undefined) throw await gqlError(`\`${before}\` does not appear to be a valid cursor.`, 'INVALID_CURSOR_ARGUMENTS', false);
    end = Math.min(end, i);
  }
  if (typeof skip === 'number') start += skip;
  if (typeof first === 'number') end = Math.min(end, start + first);
  if (typeof last === 'number') start = Math.max(start, end - last);
  start = Math.min(start, items.length);
  end = Math.max(start, end);
  const slice = items.slice(start, end);
  const edges = slice.map((t, k) => ({ __typename: `${name}Edge`, cursor: cursorOf(start + k), node: build(t) }));
  return {
    __typename: `${name}Connection`,
    totalCount: items.length,
    nodes: edges.map((e) => e.node),
    edges,
    pageInfo: {
      __typename: 'PageInfo',
      hasNextPage: end < items.length,
      hasPreviousPage: start > 0,
      startCursor: slice.length ? cursorOf(start) : null,
      endCursor: slice.length ? cursorOf(end - 1) : null,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Object builders (GraphQL shapes over the shared records)

function actor(s: GitHubState, u: UserRecord, asUser = false): G {
  const typename = asUser ? 'User' : u.type === 'Bot' ? 'Bot' : u.type === 'Organization' ? 'Organization' : 'User';
  const login = typename === 'Bot' ? u.login.replace(/\[bot\]$/, '') : u.login;
  const path = u.type === 'Bot' ? `/apps/${login.replace(/\[bot\]$/, '')}` : `/${u.login}`;
  return {
    __typename: typename,
    id: u.nodeId,
    databaseId: u.id,
    login,
    name: u.name,
    email: u.email ?? '',
    url: `${s.webUrl}${path}`,
    resourcePath: path,
    avatarUrl: `https://avatars.githubusercontent.com/u/${u.id}?v=4`,
    createdAt: u.createdAt,
    updatedAt: u.createdAt,
  };
}

function repoObj(s: GitHubState, r: RepoRecord): G {
  const issueAt = async (n: number, kind: 'Issue' | 'PullRequest' | 'IssueOrPullRequest'): Promise<G> => {
    const i = r.issues.get(n);
    const ok = i && (kind === 'IssueOrPullRequest' || (kind === 'PullRequest') === Boolean(i.pull));
    if (!i || !ok)
      throw await gqlError(`Could not resolve to ${kind === 'Issue' ? 'an Issue' : kind === 'PullRequest' ? 'a PullRequest' : 'an issue or pull request'} with the number of ${n}.`, 'NOT_FOUND', true);
    return i.pull ? prObj(s, i) : issueObj(s, i);
  };
  return {
    __typename: 'Repository',
    id: r.nodeId,
    databaseId: r.id,
    name: r.name,
    nameWithOwner: r.fullName,
    owner: actor(s, s.ensureUser({ login: r.owner })),
    url: `${s.webUrl}/${r.fullName}`,
    resourcePath: `/${r.fullName}`,
    isPrivate: r.private,
    visibility: r.private ? 'PRIVATE' : 'PUBLIC',
    createdAt: r.createdAt,
    updatedAt: r.createdAt,
    defaultBranchRef: { __typename: 'Ref', id: `REF_${r.nodeId}`, name: r.defaultBranch, prefix: 'refs/heads/' },
    pullRequest: ({ number }: { number: number }) => issueAt(number, 'PullRequest'),
    issue: ({ number }: { number: number }) => issueAt(number, 'Issue'),
    issueOrPullRequest: ({ number }: { number: number }) => issueAt(number, 'IssueOrPullRequest'),
    pullRequests: (a: ConnArgs & { states?: string[] | null; headRefName?: string | null; baseRefName?: string | null }) =>
      connection(
        [...r.issues.values()].filter(
          (i) =>
            i.pull &&
            (!a.states || a.states.includes(prState(i))) &&
            (!a.headRefName || i.pull.headRef === a.headRefName) &&
            (!a.baseRefName || i.pull.baseRef === a.baseRefName),
        ),
        a,
        'PullRequest',
        (i) => prObj(s, i),
      ),
    label: ({ name }: { name: string }) => {
      const l = r.labels.get(name.toLowerCase());
      return l ? labelObj(s, r, l) : null;
    },
  };
}

function prState(i: IssueRecord): 'OPEN' | 'CLOSED' | 'MERGED' {
  return i.pull?.merged ? 'MERGED' : i.state === 'open' ? 'OPEN' : 'CLOSED';
}

function labelObj(s: GitHubState, r: RepoRecord, l: LabelRecord): G {
  return {
    __typename: 'Label',
    id: l.nodeId,
    name: l.name,
    color: l.color,
    description: l.description,
    isDefault: l.default,
    url: `${s.webUrl}/${r.fullName}/labels/${encodeURIComponent(l.name)}`,
    resourcePath: `/${r.fullName}/labels/${encodeURIComponent(l.name)}`,
  };
}

/** Fields Issue and PullRequest share. */
function issueLike(s: GitHubState, i: IssueRecord, kind: 'issues' | 'pull'): Record<string, unknown> {
  const r = i.repo;
  const path = `/${r.fullName}/${kind}/${i.number}`;
  return {
    number: i.number,
    title: i.title,
    body: i.body ?? '',
    bodyText: i.body ?? '',
    url: `${s.webUrl}${path}`,
    permalink: `${s.webUrl}${path}`,
    resourcePath: path,
    author: actor(s, i.user),
    authorAssociation: s.association(i),
    createdAt: i.createdAt,
    updatedAt: i.updatedAt,
    closedAt: i.closedAt,
    closed: i.state === 'closed',
    locked: i.locked,
    repository: () => repoObj(s, r),
    comments: (a: ConnArgs) =>
      connection(
        [...r.comments.values()].filter((c) => c.issueNumber === i.number).sort((x, y) => x.id - y.id),
        a,
        'IssueComment',
        (c) => issueCommentObj(s, c),
      ),
    labels: (a: ConnArgs) =>
      connection(
        i.labels.flatMap((k) => {
          const l = r.labels.get(k);
          return l ? [l] : [];
        }),
        a,
        'Label',
        (l) => labelObj(s, r, l),
      ),
  };
}

function issueObj(s: GitHubState, i: IssueRecord): G {
  return {
    __typename: 'Issue',
    id: i.nodeId,
    databaseId: i.id,
    ...issueLike(s, i, 'issues'),
    state: i.state === 'open' ? 'OPEN' : 'CLOSED',
    stateReason: i.stateReason ? i.stateReason.toUpperCase() : null,
  };
}

function prObj(s: GitHubState, i: IssueRecord): G {
  const pr = i.pull!;
  const r = i.repo;
  return {
    __typename: 'PullRequest',
    id: pr.nodeId,
    databaseId: pr.id,
    ...issueLike(s, i, 'pull'),
    state: prState(i),
    isDraft: pr.draft,
    merged: pr.merged,
    mergedAt: pr.mergedAt,
    headRefName: pr.headRef,
    headRefOid: pr.headSha,
    baseRefName: pr.baseRef,
    baseRefOid: pr.baseSha,
    additions: pr.files.reduce((n, f) => n + (f.additions ?? 0), 0),
    deletions: pr.files.reduce((n, f) => n + (f.deletions ?? 0), 0),
    changedFiles: pr.files.length,
    reviewThreads: (a: ConnArgs) =>
      connection(
        [...r.threads.values()].filter((t) => t.pullNumber === i.number),
        a,
        'PullRequestReviewThread',
        (t) => threadObj(s, t),
      ),
    reviews: (a: ConnArgs & { states?: string[] | null; author?: string | null }) =>
      connection(
        [...r.reviews.values()].filter(
          (v) =>
            v.pullNumber === i.number &&
            (!a.states || a.states.includes(v.state)) &&
            (!a.author || v.user.login.toLowerCase() === a.author.toLowerCase()),
        ),
        a,
        'PullRequestReview',
        (v) => reviewObj(s, v),
      ),
    files: (a: ConnArgs) =>
      connection(pr.files, a, 'PullRequestChangedFile', (f) => ({
        __typename: 'PullRequestChangedFile',
        path: f.filename,
        additions: f.additions ?? 0,
        deletions: f.deletions ?? 0,
        changeType: ({ added: 'ADDED', removed: 'DELETED', renamed: 'RENAMED', copied: 'COPIED' } as Record<string, string>)[f.status ?? ''] ?? 'MODIFIED',
      })),
  };
}

function threadObj(s: GitHubState, t: ThreadRecord): G {
  const r = t.repo;
  return {
    __typename: 'PullRequestReviewThread',
    id: t.nodeId,
    isResolved: t.isResolved,
    isOutdated: t.isOutdated,
    isCollapsed: t.isResolved,
    path: t.path,
    line: t.isOutdated ? null : t.line,
    originalLine: t.originalLine,
    startLine: null,
    originalStartLine: null,
    diffSide: t.diffSide,
    startDiffSide: null,
    subjectType: 'LINE',
    resolvedBy: t.resolvedBy ? actor(s, t.resolvedBy, true) : null,
    viewerCanResolve: !t.isResolved,
    viewerCanUnresolve: t.isResolved,
    viewerCanReply: true,
    pullRequest: () => prObj(s, s.pullRecord(r, t.pullNumber)),
    repository: () => repoObj(s, r),
    comments: (a: ConnArgs) =>
      connection(
        t.commentIds.flatMap((id) => {
          const c = r.reviewComments.get(id);
          return c ? [c] : [];
        }),
        a,
        'PullRequestReviewComment',
        (c) => reviewCommentObj(s, c),
      ),
  };
}

function reviewCommentObj(s: GitHubState, c: ReviewCommentRecord): G {
  const r = c.repo;
  const t = r.threads.get(c.threadId);
  const path = `/${r.fullName}/pull/${c.pullNumber}#discussion_r${c.id}`;
  return {
    __typename: 'PullRequestReviewComment',
    id: c.nodeId,
    databaseId: c.id,
    fullDatabaseId: String(c.id),
    body: c.body,
    bodyText: c.body,
    url: `${s.webUrl}${path}`,
    resourcePath: path,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    publishedAt: c.createdAt,
    lastEditedAt: null,
    diffHunk: c.diffHunk,
    path: c.path,
    line: t && !t.isOutdated ? t.line : null,
    originalLine: t?.originalLine ?? null,
    startLine: null,
    originalStartLine: null,
    position: t && !t.isOutdated ? 1 : null,
    originalPosition: 1,
    outdated: t?.isOutdated ?? false,
    state: 'SUBMITTED',
    subjectType: 'LINE',
    author: actor(s, c.user),
    authorAssociation: s.association(c),
    isMinimized: false,
    minimizedReason: null,
    includesCreatedEdit: false,
    createdViaEmail: false,
    editor: null,
    viewerDidAuthor: (_a: unknown, ctx: Ctx) => ctx.viewer === c.user,
    replyTo: () => {
      const p = c.inReplyToId !== null ? r.reviewComments.get(c.inReplyToId) : undefined;
      return p ? reviewCommentObj(s, p) : null;
    },
    pullRequest: () => prObj(s, s.pullRecord(r, c.pullNumber)),
    pullRequestReview: () => {
      const v = r.reviews.get(c.reviewId);
      return v ? reviewObj(s, v) : null;
    },
    repository: () => repoObj(s, r),
  };
}

function reviewObj(s: GitHubState, v: ReviewRecord): G {
  const r = v.repo;
  const path = `/${r.fullName}/pull/${v.pullNumber}#pullrequestreview-${v.id}`;
  return {
    __typename: 'PullRequestReview',
    id: v.nodeId,
    databaseId: v.id,
    fullDatabaseId: String(v.id),
    body: v.body,
    bodyText: v.body,
    state: v.state,
    submittedAt: v.submittedAt,
    publishedAt: v.submittedAt,
    createdAt: v.submittedAt,
    updatedAt: v.submittedAt,
    lastEditedAt: null,
    url: `${s.webUrl}${path}`,
    resourcePath: path,
    author: actor(s, v.user),
    authorAssociation: s.association(v),
    isMinimized: false,
    commit: { __typename: 'Commit', id: `C_${v.commitId}`, oid: v.commitId, abbreviatedOid: v.commitId.slice(0, 7) },
    pullRequest: () => prObj(s, s.pullRecord(r, v.pullNumber)),
    repository: () => repoObj(s, r),
    comments: (a: ConnArgs) =>
      connection(
        [...r.reviewComments.values()].filter((c) => c.reviewId === v.id),
        a,
        'PullRequestReviewComment',
        (c) => reviewCommentObj(s, c),
      ),
  };
}

function issueCommentObj(s: GitHubState, c: CommentRecord): G {
  const r = c.repo;
  const i = r.issues.get(c.issueNumber);
  const path = `/${r.fullName}/${i?.pull ? 'pull' : 'issues'}/${c.issueNumber}#issuecomment-${c.id}`;
  return {
    __typename: 'IssueComment',
    id: c.nodeId,
    databaseId: c.id,
    fullDatabaseId: String(c.id),
    body: c.body,
    bodyText: c.body,
    url: `${s.webUrl}${path}`,
    resourcePath: path,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    publishedAt: c.createdAt,
    lastEditedAt: c.updatedAt === c.createdAt ? null : c.updatedAt,
    author: actor(s, c.user),
    authorAssociation: s.association(c),
    isMinimized: false,
    minimizedReason: null,
    includesCreatedEdit: c.updatedAt !== c.createdAt,
    viewerDidAuthor: (_a: unknown, ctx: Ctx) => ctx.viewer === c.user,
    issue: () => (i ? issueObj(s, i) : null),
    pullRequest: () => (i?.pull ? prObj(s, i) : null),
    repository: () => repoObj(s, r),
  };
}

/** `node(id:)`: any record the state indexed by global id. */
function nodeById(s: GitHubState, id: string): G | null {
  const hit = s.nodes.get(id);
  if (!hit) {
    const u = [...s.users.values()].find((x) => x.nodeId === id);
    return u ? actor(s, u) : null;
  }
  const r = hit.repo;
  switch (hit.kind) {
    case 'repo':
      return repoObj(s, r);
    case 'issue':
    case 'pull': {
      const i = r.issues.get(hit.key as number);
      return i ? (i.pull ? prObj(s, i) : issueObj(s, i)) : null;
    }
    case 'comment': {
      const c = r.comments.get(hit.key as number);
      return c ? issueCommentObj(s, c) : null;
    }
    case 'label': {
      const l = r.labels.get(hit.key as string);
      return l ? labelObj(s, r, l) : null;
    }
    case 'review': {
      const v = r.reviews.get(hit.key as number);
      return v ? reviewObj(s, v) : null;
    }
    case 'thread': {
      const t = r.threads.get(hit.key as string);
      return t ? threadObj(s, t) : null;
    }
    case 'reviewComment': {
      const c = r.reviewComments.get(hit.key as number);
      return c ? reviewCommentObj(s, c) : null;
    }
    default:
      return null;
  }
}

async function threadById(s: GitHubState, id: string): Promise<ThreadRecord> {
  const hit = s.nodes.get(id);
  const t = hit?.kind === 'thread' ? hit.repo.threads.get(id) : undefined;
  if (!t) throw await gqlError(`Could not resolve to PullRequestReviewThread node with the global id of '${id}'`, 'NOT_FOUND', true);
  return t;
}

// ---------------------------------------------------------------------------------------------
// Root (queries and mutations)

function rootValue(ctx: Ctx): Record<string, unknown> {
  const s = ctx.state;
  const notFoundNode = (id: string): Promise<Error> => gqlError(`Could not resolve to a node with the global id of '${id}'`, 'NOT_FOUND', true);
  return {
    __typename: 'Query',
    repository: ({ owner, name }: { owner: string; name: string }) => repoObj(s, s.repo(name, owner)),
    node: async ({ id }: { id: string }) => {
      const n = nodeById(s, id);
      if (!n) throw await notFoundNode(id);
      return n;
    },
    nodes: ({ ids }: { ids: string[] }) => ids.map((id) => nodeById(s, id)),
    viewer: () => ({ ...actor(s, ctx.viewer, true), login: ctx.viewer.login }),
    rateLimit: () => ({
      __typename: 'RateLimit',
      cost: 1,
      limit: 5000,
      nodeCount: 1,
      remaining: 4999,
      used: 1,
      resetAt: new Date(Date.now() + 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    }),

    resolveReviewThread: async ({ input }: { input: { threadId: string; clientMutationId?: string } }) => {
      const t = await threadById(s, input.threadId);
      t.isResolved = true;
      t.resolvedBy = ctx.viewer;
      return { __typename: 'ResolveReviewThreadPayload', clientMutationId: input.clientMutationId ?? null, thread: threadObj(s, t) };
    },
    unresolveReviewThread: async ({ input }: { input: { threadId: string; clientMutationId?: string } }) => {
      const t = await threadById(s, input.threadId);
      t.isResolved = false;
      t.resolvedBy = null;
      return { __typename: 'UnresolveReviewThreadPayload', clientMutationId: input.clientMutationId ?? null, thread: threadObj(s, t) };
    },
    addPullRequestReviewThreadReply: async ({
      input,
    }: {
      input: { pullRequestReviewThreadId: string; body: string; clientMutationId?: string };
    }) => {
      const t = await threadById(s, input.pullRequestReviewThreadId);
      const c = s.replyToThread(t, input.body, ctx.viewer);
      return { __typename: 'AddPullRequestReviewThreadReplyPayload', clientMutationId: input.clientMutationId ?? null, comment: reviewCommentObj(s, c) };
    },
    addComment: async ({ input }: { input: { subjectId: string; body: string; clientMutationId?: string } }) => {
      const hit = s.nodes.get(input.subjectId);
      const i = hit && (hit.kind === 'issue' || hit.kind === 'pull') ? hit.repo.issues.get(hit.key as number) : undefined;
      if (!i) throw await notFoundNode(input.subjectId);
      const c = s.createComment(i, input.body, ctx.viewer);
      const node = issueCommentObj(s, c);
      return {
        __typename: 'AddCommentPayload',
        clientMutationId: input.clientMutationId ?? null,
        commentEdge: { __typename: 'IssueCommentEdge', cursor: cursorOf(c.id), node },
        subject: i.pull ? prObj(s, i) : issueObj(s, i),
        timelineEdge: null,
      };
    },
    updateIssueComment: async ({ input }: { input: { id: string; body: string; clientMutationId?: string } }) => {
      const hit = s.nodes.get(input.id);
      const c = hit?.kind === 'comment' ? hit.repo.comments.get(hit.key as number) : undefined;
      if (!c) throw await notFoundNode(input.id);
      c.body = input.body;
      c.updatedAt = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
      return { __typename: 'UpdateIssueCommentPayload', clientMutationId: input.clientMutationId ?? null, issueComment: issueCommentObj(s, c) };
    },
  };
}
