/**
 * An in-process client for git's smart-HTTP protocol — push (`git-receive-pack`) and protocol-v2
 * `ls-refs` and shallow fetch (`git-upload-pack`) — used by the state store for its reads and
 * writes; the objects and packs it carries are src/git/objects.ts.
 *
 * Why our own code rather than `git push` or a library: a state-store write is a handful of small
 * objects (one blob, one tree, one commit per record) sent as one atomic push in which every ref is
 * a compare-and-swap on its exact old value. With `git push` each write costs about fifteen
 * processes across client and server (push, remote-http, send-pack, pack-objects, fast-import and
 * a fresh ref advertisement — every ref of the store — on each push); at a hundred concurrent
 * writers that process churn, not the server's ref updates, was the store's ceiling (docs/state.md).
 * The one maintained pure-JS git (isomorphic-git) pushes one ref at a time and only with the old
 * value the server just advertised, so it cannot say "this ref must still be X" for several refs
 * at once. The protocol subset here is small and fixed: pkt-lines, a version-2 pack of whole
 * (undeltified) objects and report-status — https://git-scm.com/docs/gitprotocol-pack,
 * https://git-scm.com/docs/gitprotocol-http, https://git-scm.com/docs/gitformat-pack.
 *
 * HTTP goes through undici, through the proxy the environment names (`dispatcherFor`: HTTPS_PROXY /
 * HTTP_PROXY / NO_PROXY, as git reads them); certificates are Node's (`NODE_EXTRA_CA_CERTS`). The state store falls back to
 * `git push` when the first request (the ref advertisement) fails for any reason but a transient
 * one (src/state/repo.ts), so a runner whose proxy or CA only git knows about still works.
 */
import { getProxyUrl } from '@actions/http-client';
import { Agent, ProxyAgent, request, type Dispatcher } from 'undici';
import { GitObjectError, parsePack, type GitObject } from './objects.js';

/** The all-zero object id: "no such ref" as an old value (create) or a new value (delete). */
export const ZeroOid = '0'.repeat(40);

/** One pkt-line (https://git-scm.com/docs/gitprotocol-common#_pkt_line_format). */
export function pktLine(data: string | Buffer): Buffer {
  const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  if (buf.length + 4 > 65520) throw new Error('pkt-line too long');
  return Buffer.concat([Buffer.from((buf.length + 4).toString(16).padStart(4, '0'), 'latin1'), buf]);
}

const FlushPkt = Buffer.from('0000', 'latin1');
const DelimPkt = Buffer.from('0001', 'latin1');

/**
 * Splits pkt-lines into their payloads (bytes); a flush-, delim- or response-end-pkt is null.
 * @throws SmartHttpError on a malformed or truncated length
 */
export function parsePkts(buf: Buffer): Array<Buffer | null> {
  const out: Array<Buffer | null> = [];
  let pos = 0;
  while (pos + 4 <= buf.length) {
    const hex = buf.toString('latin1', pos, pos + 4);
    if (!/^[0-9a-f]{4}$/i.test(hex)) throw new SmartHttpError(`malformed pkt-line length ${JSON.stringify(hex)}`, false);
    const len = Number.parseInt(hex, 16);
    if (len < 4) {
      out.push(null);
      pos += 4;
      continue;
    }
    if (pos + len > buf.length) throw new SmartHttpError('truncated pkt-line', true);
    out.push(buf.subarray(pos + 4, pos + len));
    pos += len;
  }
  return out;
}

/** `parsePkts` as text lines (UTF-8, the trailing LF removed). */
export function parsePktLines(buf: Buffer): Array<string | null> {
  return parsePkts(buf).map((b) => (b === null ? null : b.toString('utf8').replace(/\n$/, '')));
}

/** One ref update of a push: `old` must be the ref's current value (ZeroOid: must not exist); `new` ZeroOid deletes. */
export interface RefCommand {
  ref: string;
  old: string;
  new: string;
}

/** What the server's ref advertisement said (https://git-scm.com/docs/gitprotocol-pack#_reference_discovery). */
export interface ReceivePackAdvertisement {
  refs: Map<string, string>;
  capabilities: Set<string>;
}

/** The server's report-status: `unpack` is `ok` or the error; per ref null (ok) or the reason it was refused. */
export interface PushReport {
  unpack: string;
  refs: Map<string, string | null>;
}

/** A failure to talk to the remote at all; `transient` when trying again may succeed (5xx, 429, a dropped connection). */
export class SmartHttpError extends Error {
  constructor(
    message: string,
    readonly transient: boolean,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'SmartHttpError';
  }
}

/** Network errors worth another try (undici and Node socket codes). */
const TransientCodes = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CLOSED']);

/** One connection pool per proxy (or none), shared by every client of the process. */
const dispatchers = new Map<string, Dispatcher>();

/**
 * The dispatcher for `url`: through the proxy the environment names for it (`https_proxy`,
 * `http_proxy`, `no_proxy` — resolved by @actions/http-client's `getProxyUrl`, as the action's
 * GitHub client resolves them), else direct.
 */
export function dispatcherFor(url: string): Dispatcher {
  const proxy = getProxyUrl(url);
  let d = dispatchers.get(proxy);
  if (!d) {
    d = proxy ? new ProxyAgent(proxy) : new Agent();
    dispatchers.set(proxy, d);
  }
  return d;
}

/** What a protocol-v2 upload-pack offers (https://git-scm.com/docs/gitprotocol-v2#_capabilities). */
export interface UploadPackCapabilities {
  /** `ls-refs` offered. */
  lsRefs: boolean;
  /** Features of `fetch` (`fetch=shallow wait-for-done …`), empty when fetch is not offered. */
  fetch: Set<string> | undefined;
  /** `object-format=<name>` when given. */
  objectFormat: string | undefined;
}

/**
 * A client for one repository's smart-HTTP git service (stateless RPC): `git-receive-pack`
 * (protocol v0: a GET of the ref advertisement, then one POST per push) and `git-upload-pack`
 * (protocol v2: a GET of the capabilities, then one POST per `ls-refs` or `fetch`).
 */
export class GitHttpClient {
  /**
   * @param url the repository's URL (`https://github.com/owner/repo`, no credentials)
   * @param authorization the `Authorization` header value (`basic base64(x-access-token:<token>)`)
   */
  constructor(
    private readonly url: string,
    private readonly authorization: string,
    private readonly dispatcher: Dispatcher = dispatcherFor(url),
  ) {}

  /**
   * Reads receive-pack's ref advertisement (`GET <url>/info/refs?service=git-receive-pack`).
   * @throws SmartHttpError when the server cannot be reached or does not speak smart HTTP
   */
  async advertisement(): Promise<ReceivePackAdvertisement> {
    const lines = parsePktLines(await this.call('GET', '/info/refs?service=git-receive-pack', { Accept: '*/*' }, undefined, 'application/x-git-receive-pack-advertisement'));
    if (lines[0] !== '# service=git-receive-pack') throw new SmartHttpError(`${this.redacted('')} did not answer as a smart-HTTP git server`, false);
    const refs = new Map<string, string>();
    let capabilities = new Set<string>();
    for (const line of lines.slice(1)) {
      if (line === null) continue;
      const nul = line.indexOf('\0');
      const [oid, ref] = (nul >= 0 ? line.slice(0, nul) : line).split(' ');
      if (nul >= 0) capabilities = new Set(line.slice(nul + 1).split(' ').filter(Boolean));
      if (oid && ref && ref !== 'capabilities^{}') refs.set(ref, oid);
    }
    return { refs, capabilities };
  }

  /**
   * Sends `commands` and `pack` (omitted when every command is a delete, as the protocol requires)
   * with `capabilities` (only ones the advertisement offered), and reads the report-status.
   * @throws SmartHttpError when the exchange fails or the reply is not a report-status
   */
  async push(commands: readonly RefCommand[], pack: Buffer | undefined, capabilities: readonly string[]): Promise<PushReport> {
    if (commands.length === 0) throw new Error('a push needs at least one command');
    const lines = commands.map((c, i) => pktLine(`${c.old} ${c.new} ${c.ref}${i === 0 ? `\0${capabilities.join(' ')}` : ''}`));
    const payload = Buffer.concat([...lines, FlushPkt, ...(pack ? [pack] : [])]);
    const body = await this.call('POST', '/git-receive-pack', { 'Content-Type': 'application/x-git-receive-pack-request', Accept: 'application/x-git-receive-pack-result' }, payload, 'application/x-git-receive-pack-result');
    let unpack: string | undefined;
    const refs = new Map<string, string | null>();
    for (const line of parsePktLines(body)) {
      if (line === null) continue;
      if (line.startsWith('unpack ')) unpack = line.slice(7);
      else if (line.startsWith('ok ')) refs.set(line.slice(3), null);
      else if (line.startsWith('ng ')) {
        const rest = line.slice(3);
        const sp = rest.indexOf(' ');
        refs.set(sp < 0 ? rest : rest.slice(0, sp), sp < 0 ? 'rejected' : rest.slice(sp + 1));
      }
    }
    if (unpack === undefined) throw new SmartHttpError(`${this.redacted('/git-receive-pack')}: the push got no report-status`, true);
    return { unpack, refs };
  }

  /**
   * Reads upload-pack's protocol-v2 capabilities (`GET <url>/info/refs?service=git-upload-pack`
   * with `Git-Protocol: version=2`); undefined when the server answers with protocol v0/v1.
   * @throws SmartHttpError when the server cannot be reached or does not speak smart HTTP
   */
  async uploadPackCapabilities(): Promise<UploadPackCapabilities | undefined> {
    const lines = parsePktLines(await this.call('GET', '/info/refs?service=git-upload-pack', { Accept: '*/*', 'Git-Protocol': 'version=2' }, undefined, 'application/x-git-upload-pack-advertisement'));
    const start = lines.indexOf('version 2');
    if (start < 0) return undefined;
    const caps = lines.slice(start + 1).filter((l): l is string => l !== null);
    const value = (name: string) => caps.find((c) => c === name || c.startsWith(`${name}=`));
    const fetch = value('fetch');
    return {
      lsRefs: value('ls-refs') !== undefined,
      fetch: fetch === undefined ? undefined : new Set(fetch.slice('fetch='.length).split(' ').filter(Boolean)),
      objectFormat: value('object-format')?.slice('object-format='.length),
    };
  }

  /**
   * Protocol-v2 `ls-refs` (https://git-scm.com/docs/gitprotocol-v2#_ls_refs): the refs starting
   * with any of `prefixes` (an empty list: none; the server may return more — filter).
   * @returns tip by full ref name
   */
  async lsRefs(prefixes: readonly string[]): Promise<Map<string, string>> {
    const refs = new Map<string, string>();
    if (prefixes.length === 0) return refs;
    const body = await this.v2('ls-refs', [...new Set(prefixes)].map((p) => `ref-prefix ${p}`));
    for (const line of parsePktLines(body)) {
      if (line === null) continue;
      const [oid, ref] = line.split(' ');
      if (oid && ref) refs.set(ref, oid);
    }
    return refs;
  }

  /**
   * Protocol-v2 `fetch` of `wants` (commit ids) with their trees and blobs — `deepen 1`: no history
   * — in one round (`done`), no progress (https://git-scm.com/docs/gitprotocol-v2#_fetch).
   * @returns every object of the pack by id (deltas resolved)
   * @throws SmartHttpError on a failed exchange, an error on the side band or a malformed pack
   */
  async fetchObjects(wants: readonly string[]): Promise<Map<string, GitObject>> {
    if (wants.length === 0) return new Map();
    const body = await this.v2('fetch', ['no-progress', 'ofs-delta', 'deepen 1', ...[...new Set(wants)].map((w) => `want ${w}`), 'done']);
    const pkts = parsePkts(body);
    const at = pkts.findIndex((p) => p !== null && p.toString('latin1').replace(/\n$/, '') === 'packfile');
    if (at < 0) {
      const text = pkts.filter((p): p is Buffer => p !== null).map((p) => p.toString('utf8').trim()).join(' | ');
      throw new SmartHttpError(`${this.redacted('/git-upload-pack')}: the fetch got no pack${text ? ` (${text.slice(0, 200)})` : ''}`, false);
    }
    const data: Buffer[] = [];
    for (const p of pkts.slice(at + 1)) {
      if (p === null) break;
      if (p[0] === 1) data.push(p.subarray(1));
      else if (p[0] === 3) throw new SmartHttpError(`the remote failed the fetch: ${p.subarray(1).toString('utf8').trim()}`, false);
    }
    try {
      return new Map(parsePack(Buffer.concat(data)).map((o) => [o.oid, o]));
    } catch (e) {
      if (e instanceof GitObjectError) throw new SmartHttpError(`${this.redacted('/git-upload-pack')}: ${e.message}`, false);
      throw e;
    }
  }

  /** One protocol-v2 command: `command=<name>`, a delim-pkt, the arguments, a flush-pkt. */
  private v2(command: string, args: readonly string[]): Promise<Buffer> {
    const payload = Buffer.concat([pktLine(`command=${command}\n`), DelimPkt, ...args.map((a) => pktLine(`${a}\n`)), FlushPkt]);
    return this.call('POST', '/git-upload-pack', { 'Content-Type': 'application/x-git-upload-pack-request', Accept: 'application/x-git-upload-pack-result', 'Git-Protocol': 'version=2' }, payload, 'application/x-git-upload-pack-result');
  }

  private async call(method: 'GET' | 'POST', path: string, headers: Record<string, string>, body: Buffer | undefined, contentType: string): Promise<Buffer> {
    let res: Dispatcher.ResponseData;
    try {
      res = await request(`${this.url}${path}`, {
        method,
        dispatcher: this.dispatcher,
        headers: { ...headers, 'User-Agent': 'git/kiro-action', Authorization: this.authorization, 'Cache-Control': 'no-cache', Pragma: 'no-cache' },
        ...(body ? { body } : {}),
        headersTimeout: 120_000,
        bodyTimeout: 120_000,
      });
    } catch (e) {
      const code = (e as { code?: string }).code ?? (e as { cause?: { code?: string } }).cause?.code ?? '';
      throw new SmartHttpError(`${method} ${this.redacted(path)} failed: ${(e as Error).message}${code ? ` (${code})` : ''}`, TransientCodes.has(code));
    }
    const data = Buffer.from(await res.body.arrayBuffer().catch(() => new ArrayBuffer(0)));
    if (res.statusCode !== 200) {
      const text = data.toString('utf8', 0, Math.min(data.length, 200)).trim();
      throw new SmartHttpError(`${method} ${this.redacted(path)}: HTTP ${res.statusCode}${text ? ` ${text}` : ''}`, res.statusCode >= 500 || res.statusCode === 429, res.statusCode);
    }
    const type = String(res.headers['content-type'] ?? '');
    if (!type.startsWith(contentType)) throw new SmartHttpError(`${method} ${this.redacted(path)}: unexpected content type ${JSON.stringify(type)}`, false, res.statusCode);
    return data;
  }

  private redacted(path: string): string {
    return `${this.url.replace(/\/\/[^/@]*@/, '//')}${path}`;
  }
}

