/**
 * Secret redaction for every output (SPEC.md §4): comments, PR bodies, commit messages, the job
 * summary, log lines, tool results and model requests all pass through one `Redactor`.
 *
 * Registered values are masked in the runner's log too (`core.setSecret`, the `add-mask`
 * workflow command: https://docs.github.com/actions/reference/workflow-commands-for-github-actions#masking-a-value-in-a-log).
 * Well-known token shapes are redacted even when nobody registered them.
 */
import * as core from '@actions/core';
import { lstat, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ModelClient } from '../agent/types.js';

/** What replaces a secret. */
export const REDACTED = '***';

/**
 * Values shorter than this are not registered: masking a 1–3 character string would blank out
 * ordinary words and numbers all over every output (and the runner's own masking ignores such
 * values for the same reason), while a secret that short gives no protection anyway.
 */
export const MIN_SECRET_LENGTH = 4;

/**
 * The characters of base64 output that depend only on `value`, for each of the three alignments
 * it can have inside a larger encoded blob (`base64 .git/config`).
 */
function base64Fragments(value: string): string[] {
  const bytes = Buffer.from(value, 'utf8');
  const out: string[] = [];
  for (let k = 0; k < 3; k++) {
    const enc = Buffer.concat([Buffer.alloc(k), bytes]).toString('base64').replace(/=+$/, '');
    const start = k === 0 ? 0 : 4; // the first group mixes in the bytes before the value
    const tail = (k + bytes.length) % 3; // a last partial group mixes in the bytes after it
    const inner = enc.slice(start, tail === 0 ? enc.length : enc.length - (tail + 1));
    if (inner.length >= 12) out.push(inner);
  }
  return out;
}

/** Forms under which a secret can appear in output, besides its plain value. */
function derivedForms(secret: string): string[] {
  const forms = new Set<string>([secret]);
  const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');
  const basic = b64(`x-access-token:${secret}`); // actions/checkout's basic-auth header value
  forms.add(b64(secret));
  forms.add(basic);
  forms.add(encodeURIComponent(secret));
  forms.add(JSON.stringify(secret).slice(1, -1));
  if (secret.length >= 12) {
    for (const v of [secret, basic]) for (const f of base64Fragments(v)) forms.add(f);
  }
  // Multi-line secrets (private keys) are also masked line by line, like the runner does.
  if (secret.includes('\n')) {
    for (const line of secret.split(/\r?\n/)) if (line.trim().length >= 8) forms.add(line.trim());
  }
  return [...forms].filter((f) => f.length >= MIN_SECRET_LENGTH);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/**
 * One regular expression for many literals, factored as a trie (`ab(?:c|d)`), so the engine does
 * at most one pass over the longest candidate at each position: O(n · L) for text length n and
 * longest secret L, independent of how many secrets are registered (a flat alternation is
 * O(n · k · L) for k secrets). Longer literals win because each trie node tries children before
 * accepting its own end.
 */
function trieRegExpSource(literals: readonly string[]): string {
  interface Node {
    children: Map<string, Node>;
    end: boolean;
  }
  const root: Node = { children: new Map(), end: false };
  for (const lit of literals) {
    let n = root;
    for (const ch of lit) {
      let next = n.children.get(ch);
      if (!next) {
        next = { children: new Map(), end: false };
        n.children.set(ch, next);
      }
      n = next;
    }
    n.end = true;
  }
  const emit = (n: Node): string => {
    const alts = [...n.children.entries()].map(([ch, child]) => escapeRegExp(ch) + emit(child));
    if (alts.length === 0) return '';
    const body = alts.length === 1 ? (alts[0] as string) : `(?:${alts.join('|')})`;
    if (n.end) return `(?:${body})?`;
    return body;
  };
  return emit(root);
}

/** Case-insensitive literal without the `i` flag (which would apply to every alternative). */
function ci(word: string): string {
  return [...word].map((c) => (/[a-z]/i.test(c) ? `[${c.toLowerCase()}${c.toUpperCase()}]` : escapeRegExp(c))).join('');
}

/**
 * Token shapes redacted even when unregistered. Each is `[name, source]`; a `(?<keep>…)` prefix
 * is kept and only the rest is replaced.
 */
const SHAPES: ReadonlyArray<readonly [string, string]> = [
  ['github', String.raw`\b(?:gh[pousr]_[A-Za-z0-9]{30,255}|github_pat_[A-Za-z0-9_]{22,255})\b`],
  ['anthropic', String.raw`\bsk-ant-[A-Za-z0-9_-]{20,}`],
  ['openai', String.raw`\bsk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,}`],
  ['aws-access-key-id', String.raw`\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b`],
  ['aws-secret', String.raw`(?<awskeep>(?:${ci('aws_secret_access_key')}|${ci('aws_secret_key')}|${ci('secret_access_key')}|${ci('SecretAccessKey')})["']?\s*[:=]\s*["']?)[A-Za-z0-9/+=]{40}`],
  ['private-key', String.raw`-----BEGIN[A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]*?-----END[A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|[A-Za-z0-9+/=\s:,.-]*)`],
  ['slack', String.raw`\bxox[abposr]-[A-Za-z0-9-]{10,}|\bxapp-\d-[A-Za-z0-9-]{10,}`],
  ['npm', String.raw`\bnpm_[A-Za-z0-9]{36}\b`],
  ['google-api-key', String.raw`\bAIza[0-9A-Za-z_-]{35}\b`],
  ['authorization', String.raw`(?<authkeep>${ci('authorization')}["']?\s*[:=]\s*["']?(?:${ci('bearer')}|${ci('basic')}|${ci('token')})\s+)[A-Za-z0-9._~+/=-]{8,}`],
  ['bearer', String.raw`(?<bearerkeep>\b${ci('bearer')}\s+)[A-Za-z0-9._~+/-]{20,}=*`],
  ['jwt', String.raw`\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}`],
  ['url-credentials', String.raw`(?<urlkeep>\b[a-z][a-z0-9+.-]*://[^\s:@/]+:)[^\s@/]{3,}(?=@)`],
];

export interface RedactorOptions {
  /** Called for every registered form; default `core.setSecret` (masks in the runner's log). */
  setSecret?: (value: string) => void;
}

/** A secret scan finding. Messages never contain the secret. */
export interface SecretFinding {
  ruleId: string;
  message: string;
  /** 1-based line, when known. */
  line?: number;
}

/**
 * Holds every secret of the run and redacts text. `register` early (before anything is logged);
 * `redact` everything that leaves the process or reaches the model.
 */
export class Redactor {
  private readonly forms = new Map<string, string>();
  private regex: RegExp | undefined;
  private readonly setSecret: (value: string) => void;

  constructor(opts: RedactorOptions = {}) {
    this.setSecret = opts.setSecret ?? ((v) => core.setSecret(v));
  }

  /**
   * Registers `secret` and its derived forms (base64, base64 of `x-access-token:<secret>`,
   * URL-encoded, JSON-escaped, base64 fragments at each alignment, lines of a multi-line value).
   * Values shorter than `MIN_SECRET_LENGTH` (after trimming) are ignored. `label` names it in scan
   * findings; it is never the value.
   */
  register(secret: string, label = 'secret'): void {
    if (typeof secret !== 'string' || secret.trim().length < MIN_SECRET_LENGTH) return;
    for (const form of derivedForms(secret)) {
      if (this.forms.has(form)) continue;
      this.forms.set(form, label);
      this.setSecret(form);
    }
    this.regex = undefined;
  }

  /** Number of registered forms. */
  get size(): number {
    return this.forms.size;
  }

  /** Every registered form (for `buildSandboxEnv`); handle with care. */
  values(): string[] {
    return [...this.forms.keys()];
  }

  private compiled(): RegExp {
    if (!this.regex) {
      const literals = [...this.forms.keys()].sort((a, b) => b.length - a.length);
      const alts = SHAPES.map(([, src]) => `(?:${src})`);
      if (literals.length) alts.unshift(`(?<lit>${trieRegExpSource(literals)})`);
      this.regex = new RegExp(alts.join('|'), 'g');
    }
    return this.regex;
  }

  /** `text` with registered secrets and token shapes replaced by `***`. Linear in `text`. */
  redact(text: string): string {
    if (typeof text !== 'string' || text === '') return text;
    const re = this.compiled();
    re.lastIndex = 0;
    return text.replace(re, (...args: unknown[]) => {
      const groups = args[args.length - 1] as Record<string, string | undefined> | undefined;
      const keep = groups?.awskeep ?? groups?.authkeep ?? groups?.bearerkeep ?? groups?.urlkeep;
      if (keep !== undefined) {
        // The kept prefix may itself hold a registered value (a password in a URL user name).
        return this.redactLiterals(keep) + REDACTED;
      }
      return REDACTED;
    });
  }

  private redactLiterals(text: string): string {
    if (!this.forms.size) return text;
    const re = new RegExp(trieRegExpSource([...this.forms.keys()]), 'g');
    return text.replace(re, REDACTED);
  }

  /** Deep copy of a JSON-like value with every string (keys included) redacted. */
  redactDeep<T>(value: T): T {
    return redactDeep(value, (s) => this.redact(s));
  }

  /** Registered values found in `text`, by label (never the value). */
  findRegistered(text: string): SecretFinding[] {
    const out: SecretFinding[] = [];
    if (!this.forms.size || !text) return out;
    const re = new RegExp(trieRegExpSource([...this.forms.keys()].sort((a, b) => b.length - a.length)), 'g');
    const seen = new Set<string>();
    for (const m of text.matchAll(re)) {
      const label = this.forms.get(m[0]) ?? 'secret';
      const line = lineAt(text, m.index ?? 0);
      const k = `${label}:${line}`;
      if (seen.has(k)) continue;
      seen.add(k);
      out.push({ ruleId: 'kiro/registered-secret', message: `contains the value of ${label}`, line });
    }
    return out;
  }
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Deep copy of a JSON-like value with `redact` applied to every string, keys included. */
export function redactDeep<T>(value: T, redact: (s: string) => string, seen = new WeakMap<object, unknown>()): T {
  if (typeof value === 'string') return redact(value) as T;
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return seen.get(value) as T;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    seen.set(value, out);
    for (const v of value) out.push(redactDeep(v, redact, seen));
    return out as T;
  }
  if (value instanceof Date || value instanceof RegExp || ArrayBuffer.isView(value)) return value;
  const out: Record<string, unknown> = {};
  seen.set(value, out);
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[redact(k)] = redactDeep(v, redact, seen);
  return out as T;
}

/**
 * Scans text (a diff, a file) for secrets with secretlint's recommended rules
 * (https://github.com/secretlint/secretlint/tree/master/packages/%40secretlint/secretlint-rule-preset-recommend)
 * plus the values registered in `redactor`. Findings carry no secret values (`maskSecrets`).
 */
export async function scanForSecrets(text: string, filename = 'diff.txt', redactor?: Redactor): Promise<SecretFinding[]> {
  const findings: SecretFinding[] = [];
  if (redactor) findings.push(...redactor.findRegistered(text));
  // loaded on first use: secretlint is large and only the verifier needs it (keeps start-up fast)
  const [{ lintSource }, { creator: presetRecommend }] = await Promise.all([import('@secretlint/core'), import('@secretlint/secretlint-rule-preset-recommend')]);
  const result = await lintSource({
    source: { content: text, filePath: filename, contentType: 'text' },
    options: {
      config: { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: presetRecommend }] },
      maskSecrets: true,
      noPhysicFilePath: true,
    },
  });
  for (const m of result.messages) {
    findings.push({ ruleId: m.ruleId, message: redactor ? redactor.redact(m.message) : m.message, line: m.loc?.start?.line });
  }
  return findings;
}

/** Keys whose values are opaque to redaction: signatures and encoded payloads must stay byte-exact. */
const OPAQUE_KEYS = new Set(['signature', 'data', 'id', 'tool_use_id']);

function redactModelValue<T>(value: T, redact: (s: string) => string): T {
  if (typeof value === 'string') return redact(value) as T;
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v: unknown) => redactModelValue(v, redact)) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = OPAQUE_KEYS.has(k) && typeof v === 'string' ? v : redactModelValue(v, redact);
  return out as T;
}

/**
 * Wraps a model client so secrets never travel through the model (SPEC.md §4 "the model's
 * context"): every request is redacted before it is sent (prompts, untrusted text, tool results,
 * earlier turns), and every response is redacted before anything acts on it — a secret the
 * model writes (into a file, a command, a commit message, a summary) arrives as `***`, so it can
 * neither be written anywhere nor come back in the next request. Thinking signatures, encoded
 * payloads and ids are left byte-exact. Redaction is deterministic, so prompt-cache prefixes stay
 * stable. Errors of `client` pass through unchanged.
 */
export function redactingModelClient(client: ModelClient, redact: (s: string) => string): ModelClient {
  return {
    async send(params, opts) {
      const res = await client.send(redactModelValue(params, redact), opts);
      return { ...res, message: redactModelValue(res.message, redact) };
    },
    ...(client.countTokens ? { countTokens: (params) => client.countTokens!(redactModelValue(params, redact)) } : {}),
  };
}

/** One changed file that held a registered secret. */
export interface ScrubbedFile {
  /** Workspace-relative path. */
  path: string;
  /** Occurrences replaced by `***`. */
  count: number;
}

/**
 * Replaces every registered secret form (`Redactor.values()`) in the given work-tree files by
 * `***`, byte for byte (binary files included), before the action commits them — a command can
 * write a task secret it was given as an environment variable (`printenv > notes.txt`), and a
 * commit would publish it. Token shapes are not touched here (test fixtures legitimately hold
 * fake keys); the verifier's secret scan reports those. Symlinks, directories and missing paths
 * are skipped. Returns the files changed; never throws for unreadable files (skipped).
 * @param dir absolute work-tree path
 * @param paths workspace-relative paths (e.g. `git status` output)
 */
export async function scrubSecretsInFiles(dir: string, paths: readonly string[], forms: readonly string[]): Promise<ScrubbedFile[]> {
  const needles = [...new Set(forms)].filter((f) => f.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length).map((f) => Buffer.from(f, 'utf8'));
  const out: ScrubbedFile[] = [];
  if (!needles.length) return out;
  const mask = Buffer.from(REDACTED, 'utf8');
  for (const rel of paths) {
    const abs = path.resolve(dir, rel);
    if (path.relative(dir, abs).startsWith('..')) continue;
    let buf: Buffer;
    try {
      if (!(await lstat(abs)).isFile()) continue;
      buf = await readFile(abs);
    } catch {
      continue;
    }
    let count = 0;
    for (const n of needles) {
      let at = buf.indexOf(n);
      if (at === -1) continue;
      const parts: Buffer[] = [];
      let from = 0;
      while (at !== -1) {
        parts.push(buf.subarray(from, at), mask);
        count++;
        from = at + n.length;
        at = buf.indexOf(n, from);
      }
      parts.push(buf.subarray(from));
      buf = Buffer.concat(parts);
    }
    if (count) {
      await writeFile(abs, buf);
      out.push({ path: rel, count });
    }
  }
  return out;
}
