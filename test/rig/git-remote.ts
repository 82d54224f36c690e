/**
 * A real git remote on 127.0.0.1: `git http-backend` (smart HTTP, protocol v0/v1/v2) behind a
 * small `node:http` CGI bridge, with GitHub-style basic auth (`x-access-token:<token>`, the form
 * actions/checkout sends through `http.<server>/.extraheader`).
 *
 * Everything here spawns asynchronously: the git client a test runs (or the action under test)
 * talks to this server from the same event loop, so a synchronous spawn would deadlock
 * (docs/dev/HELPERS.md, /work/shared/NOTES.md).
 *
 * Contract followed: https://git-scm.com/docs/git-http-backend and
 * https://git-scm.com/docs/http-protocol.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { appendFile, chmod, cp, lstat, mkdir, mkdtemp, readdir, readlink, readFile as readFileAsync, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, inflateSync } from 'node:zlib';

// ---------------------------------------------------------------------------------------------
// run(): the one async process helper of the rig
// ---------------------------------------------------------------------------------------------

export interface RunOptions {
  cwd?: string;
  /** Complete environment of the child (not merged); default: {@link gitEnv}(). */
  env?: NodeJS.ProcessEnv;
  /** Bytes or text written to stdin (stdin is closed afterwards). */
  input?: string | Buffer;
  /** Return the result on a non-zero exit instead of throwing. */
  allowFailure?: boolean;
  /** Kill the child (SIGKILL) after this many ms; default 60 000. */
  timeoutMs?: number;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  /** Raw stdout bytes (for binary output such as `git cat-file --batch`). */
  stdoutBytes: Buffer;
}

/**
 * Runs `cmd args` asynchronously and collects its output.
 * @throws Error naming the command, exit code and the last stderr lines on a non-zero exit
 *   (unless `allowFailure`), or when the command cannot be spawned.
 */
export function run(cmd: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  return new Promise<RunResult>((resolve, reject) => {
    const child = spawn(cmd, args as string[], {
      cwd: opts.cwd,
      env: opts.env ?? gitEnv(),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const stdoutBytes = Buffer.concat(out);
      const result: RunResult = {
        code: code ?? (signal ? 128 : 1),
        stdout: stdoutBytes.toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        stdoutBytes,
      };
      if (result.code !== 0 && !opts.allowFailure) {
        const tail = result.stderr.trim().split('\n').slice(-5).join(' | ');
        reject(new Error(`${cmd} ${args.join(' ')} failed (exit ${result.code}${signal ? `, ${signal}` : ''}): ${tail}`));
        return;
      }
      resolve(result);
    });
    child.stdin.on('error', () => {
      /* the child may exit before reading all of stdin */
    });
    child.stdin.end(opts.input ?? undefined);
  });
}

/**
 * An environment for the rig's own git commands: the caller's environment without any `GIT_*`
 * entry, no global/system config (so the developer's ~/.gitconfig cannot change results), never
 * prompting. `extra` is merged last.
 */
export function gitEnv(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined || k.startsWith('GIT_')) continue;
    env[k] = v;
  }
  return {
    ...env,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_TERMINAL_PROMPT: '0',
    GIT_ASKPASS: '',
    SSH_ASKPASS: '',
    LC_ALL: 'C',
    ...extra,
  };
}

/** Identity and fixed dates used for commits the rig itself makes (fixtures, `pushCommit`). */
export const RIG_IDENTITY = {
  name: 'Rig Fixture',
  email: 'rig-fixture@example.com',
  date: '2024-01-01T00:00:00Z',
} as const;

/**
 * The files of a fixture directory as git would add them (`.git` skipped): path, mode (100755 for
 * executables, 120000 for symlinks, else 100644) and content (a symlink's target).
 */
async function readFixture(root: string, dir = ''): Promise<Array<{ path: string; mode: string; content: Buffer }>> {
  const out: Array<{ path: string; mode: string; content: Buffer }> = [];
  for (const name of (await readdir(path.join(root, dir))).sort()) {
    if (name === '.git') continue;
    const rel = dir ? `${dir}/${name}` : name;
    const abs = path.join(root, rel);
    const st = await lstat(abs);
    if (st.isDirectory()) out.push(...(await readFixture(root, rel)));
    else if (st.isSymbolicLink()) out.push({ path: rel, mode: '120000', content: Buffer.from(await readlink(abs)) });
    else out.push({ path: rel, mode: st.mode & 0o111 ? '100755' : '100644', content: await readFileAsync(abs) });
  }
  return out;
}

function commitEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return gitEnv({
    GIT_AUTHOR_NAME: RIG_IDENTITY.name,
    GIT_AUTHOR_EMAIL: RIG_IDENTITY.email,
    GIT_COMMITTER_NAME: RIG_IDENTITY.name,
    GIT_COMMITTER_EMAIL: RIG_IDENTITY.email,
    GIT_AUTHOR_DATE: RIG_IDENTITY.date,
    GIT_COMMITTER_DATE: RIG_IDENTITY.date,
    ...extra,
  });
}

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

/** One HTTP request the remote received (in arrival order). */
export interface GitRequest {
  method: string;
  /** URL path without the query, e.g. `/acme/app.git/info/refs`. */
  path: string;
  /** `git-upload-pack` (clone/fetch) or `git-receive-pack` (push), or null for anything else. */
  service: 'git-upload-pack' | 'git-receive-pack' | null;
  /** True when the request carried the right basic credential (or auth is off). */
  authorized: boolean;
  /** User name from the basic credential, if any (`x-access-token` for checkout-style auth). */
  user: string | null;
  /** HTTP status sent back. 0 until the response has been written. */
  status: number;
  /** epoch ms */
  receivedAt: number;
  /** The request body as git http-backend saw it (gzip already inflated). */
  body: Buffer;
}

/** One ref update accepted by a bare repository (written by its post-receive hook). */
export interface GitPush {
  owner: string;
  repo: string;
  /** Full ref name, e.g. `refs/heads/kiro/1-fix`. */
  ref: string;
  /** Old object id; 40 zeros for a created ref. */
  before: string;
  /** New object id; 40 zeros for a deleted ref. */
  after: string;
  created: boolean;
  deleted: boolean;
  /** `http` for pushes through the server, `local` for the rig's own `pushCommit`/`createRepo`. */
  source: 'http' | 'local';
  /** epoch ms */
  at: number;
}

/** A commit as `log()` reports it. */
export interface GitCommit {
  sha: string;
  parents: string[];
  subject: string;
  /** Message after the subject line (trailers included), trailing newline trimmed. */
  body: string;
  authorName: string;
  authorEmail: string;
  committerName: string;
  committerEmail: string;
  /** Trailers in order, unfolded, e.g. `{key: 'Co-authored-by', value: 'Ann <1+ann@users.noreply.github.com>'}`. */
  trailers: { key: string; value: string }[];
}

export interface CreateRepoOptions {
  /** Branch the initial commit goes to and HEAD of the bare repository. Default `main`. */
  defaultBranch?: string;
  /** Create the bare repository without any commit (`headSha` is then ''). */
  empty?: boolean;
  /** Message of the initial commit. Default `Initial commit`. */
  message?: string;
  /**
   * Install the rig's own hooks (default true): the push log (`pushes()`) and `rejectPushes`.
   * Benchmarks of a client's throughput turn them off: GitHub's server-side hooks do not run on
   * the runner's CPU, and these two shell processes per push would.
   */
  rigHooks?: boolean;
}

export interface CreatedRepo {
  /** Absolute path of the bare repository (`<root>/<owner>/<repo>.git`). */
  bareDir: string;
  /** `${url}/${owner}/${repo}.git` */
  cloneUrl: string;
  /** Sha of the initial commit on the default branch ('' for an empty repository). */
  headSha: string;
  defaultBranch: string;
}

/**
 * A fault the server answers with instead of running git (GitHub 5xx, rate limits …), or — with
 * `lostReply` — after running it: the request takes effect, then the connection is cut before
 * the reply (a push that landed though the client never heard so).
 */
export interface GitFault {
  /** HTTP status to return, e.g. 500 or 503 (ignored with `lostReply`). */
  status: number;
  /** Run git, then drop the connection instead of replying. */
  lostReply?: boolean;
  /** Only requests with this method match (`POST`: the exchange itself, not the ref discovery). Default any. */
  method?: 'GET' | 'POST';
  /** Only requests whose body contains this text match (e.g. a ref name a push updates). */
  bodyIncludes?: string;
  /** How many matching requests fail. Default 1. */
  count?: number;
  /** Only requests for this service match (info/refs requests carry the service too). Default any. */
  service?: 'git-upload-pack' | 'git-receive-pack';
  /** Only requests whose path starts with `/<owner>/<repo>.git` match, when given. */
  repository?: string;
}

export interface GitRemote {
  /** `http://127.0.0.1:PORT` — use it as GITHUB_SERVER_URL (preferred) or as an insteadOf target. */
  url: string;
  /** The token the remote accepts (`x-access-token:<token>`), or null when auth is off. */
  token: string | null;
  /** Directory holding `<owner>/<repo>.git` bare repositories. */
  root: string;
  /** Every HTTP request so far, in arrival order. */
  readonly requests: GitRequest[];
  /** Every accepted ref update so far (read from the post-receive log at access time). */
  readonly pushes: GitPush[];
  /**
   * Creates `<owner>/<repo>.git` with one commit holding `files` (path → UTF-8 content) or a copy
   * of the directory `files` (e.g. `fixturePath('calc-js')`).
   * @throws when the repository exists already
   */
  createRepo(owner: string, repo: string, files: Record<string, string> | string, opts?: CreateRepoOptions): Promise<CreatedRepo>;
  /**
   * Commits `files` (path → content; `null` deletes) on top of `branch` directly in the bare
   * repository, as another user pushing would. Creates the branch from `from` (default: the
   * default branch) when it does not exist. Returns the new sha. Recorded as a `local` push.
   */
  pushCommit(
    owner: string,
    repo: string,
    opts: { branch: string; files: Record<string, string | null>; message?: string; from?: string; author?: { name: string; email: string } },
  ): Promise<string>;
  /** File content at `ref` (branch, tag or sha), or null when the path or ref does not exist. */
  readFile(owner: string, repo: string, ref: string, filePath: string): Promise<string | null>;
  /** Commits reachable from `ref`, newest first; `[]` when the ref does not exist. */
  log(owner: string, repo: string, ref: string, opts?: { max?: number }): Promise<GitCommit[]>;
  /** Branch names (without `refs/heads/`), sorted. */
  branches(owner: string, repo: string): Promise<string[]>;
  /** Full names of the refs under `prefix` (e.g. `refs/kiro-state/kiro/state/slots/`), sorted. */
  refs(owner: string, repo: string, prefix: string): Promise<string[]>;
  /** Sha a ref (`main`, `refs/heads/main`, `refs/pull/1/head` …) points at, or null. */
  refSha(owner: string, repo: string, ref: string): Promise<string | null>;
  /** Sets a ref directly in the bare repository (e.g. `refs/pull/3/head`). */
  setRef(owner: string, repo: string, ref: string, sha: string): Promise<void>;
  /** Paths changed between two revisions (`git diff --name-only a b`). */
  changedFiles(owner: string, repo: string, from: string, to: string): Promise<string[]>;
  /** The patch between two revisions (`git diff a b`). */
  diff(owner: string, repo: string, from: string, to: string): Promise<string>;
  /**
   * True when `needle` occurs in the content of any object (blob, tree, commit, tag) stored in the
   * bare repository — loose or packed, reachable or not. Objects of a push that a hook rejected
   * are quarantined and discarded by git, so they are not found.
   */
  searchAllObjects(owner: string, repo: string, needle: string | Buffer): Promise<boolean>;
  /** True when `needle` occurs in any request body received so far (bodies are packfiles: zlib-compressed). */
  searchRequestBodies(needle: string | Buffer): boolean;
  /**
   * Makes the repository's pre-receive hook reject pushes to refs matching `refPattern` (a shell
   * glob, default `*`) with `message` on stderr (`remote: <message>`); `null` lifts it.
   */
  setPushRejection(owner: string, repo: string, rejection: { message: string; refPattern?: string } | null): Promise<void>;
  /** Queues a fault: the next matching request(s) get `status` without reaching git. */
  injectFault(fault: GitFault): void;
  /** Stops the server and (unless `keep`) deletes `root`. */
  close(opts?: { keep?: boolean }): Promise<void>;
}

export interface StartGitRemoteOptions {
  /**
   * Token required as `x-access-token:<token>` basic credential. Default: a fresh random
   * `ghs_…` token. `null` turns auth off.
   */
  token?: string | null;
  /** Directory for bare repositories; default a fresh temp dir (removed by `close`). */
  root?: string;
}

const NAME_RE = /^[A-Za-z0-9._-]+$/;
const ZERO_SHA = '0'.repeat(40);

// ---------------------------------------------------------------------------------------------
// startGitRemote
// ---------------------------------------------------------------------------------------------

/**
 * Starts the remote on an ephemeral port of 127.0.0.1.
 *
 * URL layout is GitHub's: `${url}/<owner>/<repo>.git` (and `${url}/<owner>/<repo>` without
 * `.git`, which actions/checkout uses as the origin URL — both are served).
 */
export async function startGitRemote(opts: StartGitRemoteOptions = {}): Promise<GitRemote> {
  const token = opts.token === undefined ? `ghs_${randomBytes(18).toString('hex')}` : opts.token;
  const ownRoot = opts.root === undefined;
  const root = opts.root ?? (await mkdtemp(path.join(tmpdir(), 'rig-git-remote-')));
  await mkdir(root, { recursive: true });
  const pushLog = path.join(root, '.rig-pushes.log');
  // git-http-backend itself, as a web server's CGI configuration names it: `git http-backend`
  // would add a process (the git wrapper) to every request
  const httpBackend = path.join((await run('git', ['--exec-path'])).stdout.trim(), 'git-http-backend');
  await writeFile(pushLog, '');
  const requests: GitRequest[] = [];
  const faults: (GitFault & { remaining: number })[] = [];

  const bareDirOf = (owner: string, repo: string): string => {
    if (!NAME_RE.test(owner) || !NAME_RE.test(repo)) throw new Error(`bad owner/repo: ${owner}/${repo}`);
    return path.join(root, owner, `${repo}.git`);
  };

  const checkAuth = (req: IncomingMessage): { authorized: boolean; user: string | null } => {
    const header = req.headers.authorization ?? '';
    const m = /^basic\s+(\S+)$/i.exec(header);
    let user: string | null = null;
    let password: string | null = null;
    if (m?.[1]) {
      const decoded = Buffer.from(m[1], 'base64').toString('utf8');
      const i = decoded.indexOf(':');
      if (i >= 0) {
        user = decoded.slice(0, i);
        password = decoded.slice(i + 1);
      }
    }
    if (token === null) return { authorized: true, user };
    return { authorized: user === 'x-access-token' && password === token, user };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const receivedAt = Date.now();
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    let body: Buffer = Buffer.concat(chunks);
    const encoding = (req.headers['content-encoding'] ?? '').toLowerCase();
    try {
      // git sends gzip-compressed upload-pack requests when they are large; inflate here so
      // http-backend gets plain pkt-lines and the recorded body is searchable.
      if (encoding === 'gzip' || encoding === 'x-gzip') body = gunzipSync(body);
      else if (encoding === 'deflate') body = inflateSync(body);
    } catch {
      res.writeHead(400).end('bad content-encoding\n');
      return;
    }
    // Accept GitHub's `/<owner>/<repo>` (no .git) as well as `/<owner>/<repo>.git`.
    let pathInfo = decodeURIComponent(u.pathname);
    const pm = /^\/([^/]+)\/([^/]+?)(?:\.git)?(\/.*)?$/.exec(pathInfo);
    if (pm?.[1] && pm[2]) pathInfo = `/${pm[1]}/${pm[2]}.git${pm[3] ?? ''}`;
    const queryService = u.searchParams.get('service');
    const service =
      pathInfo.endsWith('/git-upload-pack') || queryService === 'git-upload-pack'
        ? 'git-upload-pack'
        : pathInfo.endsWith('/git-receive-pack') || queryService === 'git-receive-pack'
          ? 'git-receive-pack'
          : null;
    const { authorized, user } = checkAuth(req);
    const entry: GitRequest = { method: req.method ?? 'GET', path: u.pathname, service, authorized, user, status: 0, receivedAt, body };
    requests.push(entry);
    const send = (status: number, headers: Record<string, string>, text: string): void => {
      entry.status = status;
      res.writeHead(status, headers).end(text);
    };

    if (!authorized) {
      send(401, { 'WWW-Authenticate': 'Basic realm="GitHub"', 'Content-Type': 'text/plain' }, 'Authentication failed\n');
      return;
    }
    const fault = faults.find(
      (f) =>
        f.remaining > 0 &&
        (f.service === undefined || f.service === service) &&
        (f.method === undefined || f.method === entry.method) &&
        (f.bodyIncludes === undefined || body.includes(f.bodyIncludes)) &&
        (f.repository === undefined || pathInfo.startsWith(`/${f.repository}.git/`)),
    );
    if (fault) {
      fault.remaining--;
      if (fault.remaining <= 0) faults.splice(faults.indexOf(fault), 1);
      if (!fault.lostReply) {
        send(fault.status, { 'Content-Type': 'text/plain' }, `injected fault ${fault.status}\n`);
        return;
      }
    }
    const lostReply = fault?.lostReply === true;
    if (!pm) {
      send(404, { 'Content-Type': 'text/plain' }, 'Not found\n');
      return;
    }

    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: root,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_PROJECT_ROOT: root,
      GIT_HTTP_EXPORT_ALL: '1',
      GIT_HTTP_MAX_REQUEST_BUFFER: '100M',
      REQUEST_METHOD: entry.method,
      QUERY_STRING: u.search.replace(/^\?/, ''),
      PATH_INFO: pathInfo,
      CONTENT_TYPE: req.headers['content-type'] ?? '',
      CONTENT_LENGTH: String(body.length),
      REMOTE_USER: user ?? 'anonymous',
      REMOTE_ADDR: req.socket.remoteAddress ?? '127.0.0.1',
      SERVER_PROTOCOL: 'HTTP/1.1',
      GATEWAY_INTERFACE: 'CGI/1.1',
      RIG_PUSH_SOURCE: 'http',
    };
    const proto = req.headers['git-protocol'];
    if (typeof proto === 'string') env.HTTP_GIT_PROTOCOL = proto;

    await new Promise<void>((resolve) => {
      const child = spawn(httpBackend, [], { env, stdio: ['pipe', 'pipe', 'pipe'] });
      let headerBuf: Buffer = Buffer.alloc(0);
      let headersDone = false;
      const stderr: Buffer[] = [];
      child.stderr.on('data', (b: Buffer) => stderr.push(b));
      child.stdout.on('data', (b: Buffer) => {
        if (lostReply) return;
        if (headersDone) {
          res.write(b);
          return;
        }
        headerBuf = Buffer.concat([headerBuf, b]);
        let end = headerBuf.indexOf('\r\n\r\n');
        let sepLen = 4;
        if (end < 0) {
          end = headerBuf.indexOf('\n\n');
          sepLen = 2;
        }
        if (end < 0) return;
        headersDone = true;
        const headerText = headerBuf.subarray(0, end).toString('latin1');
        const rest = headerBuf.subarray(end + sepLen);
        let status = 200;
        const headers: Record<string, string> = {};
        for (const line of headerText.split(/\r?\n/)) {
          const i = line.indexOf(':');
          if (i < 0) continue;
          const k = line.slice(0, i).trim();
          const v = line.slice(i + 1).trim();
          if (k.toLowerCase() === 'status') status = Number.parseInt(v, 10) || 200;
          else headers[k] = v;
        }
        entry.status = status;
        res.writeHead(status, headers);
        if (rest.length) res.write(rest);
      });
      child.on('error', (e) => {
        if (!res.headersSent) send(500, { 'Content-Type': 'text/plain' }, `spawn failed: ${e.message}\n`);
        resolve();
      });
      child.on('close', (code) => {
        if (lostReply) res.socket?.destroy();
        else if (!headersDone) {
          const msg = Buffer.concat(stderr).toString('utf8');
          send(500, { 'Content-Type': 'text/plain' }, `git http-backend exited ${code}: ${msg}\n`);
        } else {
          res.end();
        }
        resolve();
      });
      child.stdin.on('error', () => {
        /* http-backend may exit early (e.g. 403) */
      });
      child.stdin.end(body);
    });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(`rig error: ${String(e)}\n`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;

  const git = (bareDir: string, args: string[], o: Omit<RunOptions, 'cwd'> = {}): Promise<RunResult> =>
    run('git', args, { cwd: bareDir, ...o });

  const exists = async (p: string): Promise<boolean> => {
    try {
      await stat(p);
      return true;
    } catch {
      return false;
    }
  };

  const installHooks = async (owner: string, repo: string, bareDir: string): Promise<void> => {
    const hooks = path.join(bareDir, 'hooks');
    await mkdir(hooks, { recursive: true });
    const rejectFile = path.join(bareDir, 'rig-reject-push');
    const postReceive = [
      '#!/bin/bash',
      '# written by test/rig/git-remote.ts: records accepted ref updates (the time from bash, no process)',
      'now=${EPOCHREALTIME/./}; now=${now:0:13}',
      'while read old new ref; do',
      `  printf '%s\\t%s\\t%s\\t%s\\t%s\\t%s\\n' '${owner}/${repo}' "$old" "$new" "$ref" "\${RIG_PUSH_SOURCE:-local}" "$now" >> '${pushLog}'`,
      'done',
      '',
    ].join('\n');
    const preReceive = [
      '#!/bin/sh',
      '# written by test/rig/git-remote.ts: rejects pushes while rig-reject-push exists',
      `REJ='${rejectFile}'`,
      '[ -f "$REJ" ] || exit 0',
      'pat=$(head -n 1 "$REJ")',
      'hit=0',
      'while read old new ref; do',
      '  case "$ref" in $pat) hit=1;; esac',
      'done',
      'if [ "$hit" = 1 ]; then tail -n +2 "$REJ" >&2; exit 1; fi',
      'exit 0',
      '',
    ].join('\n');
    await writeFile(path.join(hooks, 'post-receive'), postReceive);
    await writeFile(path.join(hooks, 'pre-receive'), preReceive);
    await chmod(path.join(hooks, 'post-receive'), 0o755);
    await chmod(path.join(hooks, 'pre-receive'), 0o755);
  };

  const createRepo: GitRemote['createRepo'] = async (owner, repo, files, o = {}) => {
    const defaultBranch = o.defaultBranch ?? 'main';
    const bareDir = bareDirOf(owner, repo);
    if (await exists(bareDir)) throw new Error(`repository ${owner}/${repo} exists already`);
    await mkdir(path.dirname(bareDir), { recursive: true });
    await run('git', ['init', '--quiet', '--bare', `--initial-branch=${defaultBranch}`, bareDir]);
    // The server's settings, appended to the repository's config file in git's own format (one
    // write instead of eight `git config` processes; git reads repeated sections as one).
    await appendFile(
      path.join(bareDir, 'config'),
      [
        '[http]',
        '\treceivepack = true',
        '\tuploadpack = true',
        '[uploadpack]',
        '\tallowAnySHA1InWant = true',
        '\tallowFilter = true',
        '[receive]',
        '\tdenyNonFastForwards = false',
        '\tdenyDeletes = false',
        // like a hosted server: housekeeping is not run inside a push (git runs `gc --auto` after
        // every receive-pack by default, one more process per push on the machine the tests share)
        '\tautogc = false',
        '[core]',
        '\tlogAllRefUpdates = true',
        '',
      ].join('\n'),
    );
    if (o.rigHooks !== false) await installHooks(owner, repo, bareDir);
    const cloneUrl = `${url}/${owner}/${repo}.git`;
    if (o.empty) return { bareDir, cloneUrl, headSha: '', defaultBranch };

    // The first commit, written straight into the bare repository by one `git fast-import` (the
    // same tree, identity and message a clone's `git add --all && git commit && git push` makes,
    // without the dozen processes of a clone and a local push); logged as a `local` push.
    const entries = typeof files === 'string' ? await readFixture(files) : Object.entries(files).map(([p, c]) => ({ path: p, mode: '100644', content: Buffer.from(c, 'utf8') }));
    const seconds = Math.floor(Date.parse(RIG_IDENTITY.date) / 1000);
    const ident = `${RIG_IDENTITY.name} <${RIG_IDENTITY.email}> ${seconds} +0000`;
    const data = (b: Buffer): Buffer[] => [Buffer.from(`data ${b.length}\n`), b, Buffer.from('\n')];
    const message = Buffer.from(`${o.message ?? 'Initial commit'}\n`, 'utf8');
    const script = Buffer.concat([
      Buffer.from(`commit refs/heads/${defaultBranch}\nmark :1\nauthor ${ident}\ncommitter ${ident}\n`),
      ...data(message),
      ...entries.flatMap((e) => [Buffer.from(`M ${e.mode} inline ${e.path}\n`), ...data(e.content)]),
      Buffer.from('\nget-mark :1\ndone\n'),
    ]);
    const imported = await run('git', ['fast-import', '--quiet', '--done'], { cwd: bareDir, input: script });
    const headSha = imported.stdout.trim().split('\n').at(-1) ?? '';
    if (!/^[0-9a-f]{40}$/.test(headSha)) throw new Error(`git fast-import gave no commit for ${owner}/${repo}: ${imported.stdout}${imported.stderr}`);
    await appendFile(pushLog, `${owner}/${repo}\t${ZERO_SHA}\t${headSha}\trefs/heads/${defaultBranch}\tlocal\t${Date.now()}\n`);
    return { bareDir, cloneUrl, headSha, defaultBranch };
  };

  const refSha: GitRemote['refSha'] = async (owner, repo, ref) => {
    const r = await git(bareDirOf(owner, repo), ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { allowFailure: true });
    return r.code === 0 ? r.stdout.trim() : null;
  };

  const pushCommit: GitRemote['pushCommit'] = async (owner, repo, o) => {
    const bareDir = bareDirOf(owner, repo);
    const work = await mkdtemp(path.join(tmpdir(), 'rig-commit-'));
    try {
      await run('git', ['init', '--quiet', work]);
      const branchSha = await refSha(owner, repo, `refs/heads/${o.branch}`);
      const base = branchSha ?? (o.from ? await refSha(owner, repo, o.from) : await refSha(owner, repo, 'HEAD'));
      if (base) {
        await run('git', ['fetch', '--quiet', bareDir, base], { cwd: work });
        await run('git', ['checkout', '--quiet', '-B', o.branch, base], { cwd: work });
      } else {
        await run('git', ['checkout', '--quiet', '--orphan', o.branch], { cwd: work });
      }
      for (const [p, content] of Object.entries(o.files)) {
        const abs = path.join(work, p);
        if (content === null) await rm(abs, { force: true });
        else {
          await mkdir(path.dirname(abs), { recursive: true });
          await writeFile(abs, content);
        }
      }
      await run('git', ['add', '--all'], { cwd: work });
      const who = o.author ?? { name: RIG_IDENTITY.name, email: RIG_IDENTITY.email };
      await run('git', ['commit', '--quiet', '--allow-empty', '-m', o.message ?? `Update ${Object.keys(o.files).join(', ')}`], {
        cwd: work,
        env: commitEnv({ GIT_AUTHOR_NAME: who.name, GIT_AUTHOR_EMAIL: who.email, GIT_AUTHOR_DATE: new Date().toISOString(), GIT_COMMITTER_DATE: new Date().toISOString() }),
      });
      await run('git', ['push', '--quiet', bareDir, `HEAD:refs/heads/${o.branch}`], { cwd: work, env: gitEnv({ RIG_PUSH_SOURCE: 'local' }) });
      return (await run('git', ['rev-parse', 'HEAD'], { cwd: work })).stdout.trim();
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  };

  const readRepoFile: GitRemote['readFile'] = async (owner, repo, ref, filePath) => {
    const r = await git(bareDirOf(owner, repo), ['show', `${ref}:${filePath.replace(/^\/+/, '')}`], { allowFailure: true });
    return r.code === 0 ? r.stdout : null;
  };

  const log: GitRemote['log'] = async (owner, repo, ref, o = {}) => {
    const bareDir = bareDirOf(owner, repo);
    if ((await refSha(owner, repo, ref)) === null) return [];
    // Fields separated by NUL, records by RS (0x1e); %B is the raw message.
    const fmt = '%H%x00%P%x00%an%x00%ae%x00%cn%x00%ce%x00%B%x00%(trailers:unfold=true,only=true)%x1e';
    const args = ['log', `--format=${fmt}`];
    if (o.max !== undefined) args.push(`--max-count=${o.max}`);
    args.push(ref, '--');
    const r = await git(bareDir, args);
    const commits: GitCommit[] = [];
    for (const rec of r.stdout.split('\x1e')) {
      const trimmed = rec.replace(/^\n/, '');
      if (!trimmed) continue;
      const [sha = '', parents = '', an = '', ae = '', cn = '', ce = '', raw = '', trailerText = ''] = trimmed.split('\x00');
      const message = raw.replace(/\n+$/, '');
      const nl = message.indexOf('\n');
      const subject = nl < 0 ? message : message.slice(0, nl);
      const body = nl < 0 ? '' : message.slice(nl + 1).replace(/^\n+/, '');
      const trailers = trailerText
        .split('\n')
        .map((l) => /^([A-Za-z0-9-]+):\s*(.*)$/.exec(l))
        .filter((m): m is RegExpExecArray => m !== null)
        .map((m) => ({ key: m[1] ?? '', value: m[2] ?? '' }));
      commits.push({
        sha,
        parents: parents ? parents.split(' ') : [],
        subject,
        body,
        authorName: an,
        authorEmail: ae,
        committerName: cn,
        committerEmail: ce,
        trailers,
      });
    }
    return commits;
  };

  const branches: GitRemote['branches'] = async (owner, repo) => {
    const r = await git(bareDirOf(owner, repo), ['for-each-ref', '--format=%(refname:strip=2)', 'refs/heads/']);
    return r.stdout.split('\n').filter(Boolean).sort();
  };

  const refs: GitRemote['refs'] = async (owner, repo, prefix) => {
    const r = await git(bareDirOf(owner, repo), ['for-each-ref', '--format=%(refname)', prefix]);
    return r.stdout.split('\n').filter(Boolean).sort();
  };

  const setRef: GitRemote['setRef'] = async (owner, repo, ref, sha) => {
    await git(bareDirOf(owner, repo), ['update-ref', ref, sha]);
  };

  const changedFiles: GitRemote['changedFiles'] = async (owner, repo, from, to) => {
    const r = await git(bareDirOf(owner, repo), ['diff', '--name-only', from, to, '--']);
    return r.stdout.split('\n').filter(Boolean);
  };

  const diff: GitRemote['diff'] = async (owner, repo, from, to) => (await git(bareDirOf(owner, repo), ['diff', '--no-color', from, to, '--'])).stdout;

  const searchAllObjects: GitRemote['searchAllObjects'] = async (owner, repo, needle) => {
    const r = await git(bareDirOf(owner, repo), ['cat-file', '--batch-all-objects', '--unordered', '--batch'], { timeoutMs: 120_000 });
    return r.stdoutBytes.includes(typeof needle === 'string' ? Buffer.from(needle, 'utf8') : needle);
  };

  const searchRequestBodies: GitRemote['searchRequestBodies'] = (needle) => {
    const n = typeof needle === 'string' ? Buffer.from(needle, 'utf8') : needle;
    return requests.some((r) => r.body.includes(n));
  };

  const setPushRejection: GitRemote['setPushRejection'] = async (owner, repo, rejection) => {
    const file = path.join(bareDirOf(owner, repo), 'rig-reject-push');
    if (rejection === null) await rm(file, { force: true });
    else await writeFile(file, `${rejection.refPattern ?? '*'}\n${rejection.message}\n`);
  };

  const readPushes = (): GitPush[] => {
    // Synchronous read of a small log file is safe here: no child process is waited on.
    let text = '';
    try {
      text = readFileSync(pushLog, 'utf8');
    } catch {
      return [];
    }
    const pushes: GitPush[] = [];
    for (const line of text.split('\n')) {
      if (!line) continue;
      const [full = '', before = '', after = '', ref = '', source = 'http', at = '0'] = line.split('\t');
      const [owner = '', repo = ''] = full.split('/');
      pushes.push({
        owner,
        repo,
        ref,
        before,
        after,
        created: before === ZERO_SHA,
        deleted: after === ZERO_SHA,
        source: source === 'local' ? 'local' : 'http',
        at: Number(at),
      });
    }
    return pushes;
  };

  return {
    url,
    token,
    root,
    requests,
    get pushes() {
      return readPushes();
    },
    createRepo,
    pushCommit,
    readFile: readRepoFile,
    log,
    branches,
    refs,
    refSha,
    setRef,
    changedFiles,
    diff,
    searchAllObjects,
    searchRequestBodies,
    setPushRejection,
    injectFault(fault) {
      faults.push({ ...fault, remaining: fault.count ?? 1 });
    },
    async close(o = {}) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (ownRoot && !o.keep) await rm(root, { recursive: true, force: true });
    },
  };
}

/** Absolute path of a fixture directory under test/rig/fixtures (e.g. `fixturePath('calc-js')`). */
export function fixturePath(name: string): string {
  return path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', name);
}
