/**
 * `.kiro/settings/mcp.json` (SPEC.md §2; the Kiro autonomous agent's "MCP" page in the seeds):
 *
 *   { "mcpServers": {
 *       "<name>": { "command": "uvx", "args": ["…"], "env": { "KEY": "${NAME}" }, "disabled": false },
 *       "<name>": { "url": "https://mcp.example.com/mcp", "headers": { "Authorization": "Bearer ${TOKEN}" } } } }
 *
 * Local servers (`command`) are started over stdio inside the command sandbox; remote servers
 * (`url`, MCP's Streamable HTTP transport) are reached through the egress proxy. `${NAME}` in
 * `args`, `env`, `url` and `headers` is resolved from the job's environment (where a workflow puts
 * its secrets); every resolved value is registered as a secret, so it is redacted from everything
 * the action writes and never reaches the model.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { RepoFiles } from '../constants.js';

const NameSchema = z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/, 'server names are 1–40 letters, digits, `_`, `.` or `-`');

const LocalServer = z.strictObject({
  command: z.string().min(1, 'is empty'),
  args: z.array(z.string()).default([]),
  env: z.record(z.string(), z.string()).default({}),
  disabled: z.boolean().default(false),
  /** Per-call limit, ms (default: the command timeout). */
  timeout: z.number().int().positive().optional(),
});

const RemoteServer = z.strictObject({
  url: z.string().regex(/^https?:\/\//, 'must be an http(s) URL'),
  headers: z.record(z.string(), z.string()).default({}),
  disabled: z.boolean().default(false),
  timeout: z.number().int().positive().optional(),
});

const McpFileSchema = z.strictObject({
  mcpServers: z.record(NameSchema, z.union([LocalServer, RemoteServer])).default({}),
});

/** One configured server, `${NAME}` references resolved. */
export type McpServerConfig =
  | { name: string; kind: 'stdio'; command: string; args: string[]; env: Record<string, string>; timeoutMs?: number }
  | { name: string; kind: 'http'; url: string; headers: Record<string, string>; timeoutMs?: number };

/** What `.kiro/settings/mcp.json` yields for a run. */
export interface McpConfig {
  /** Enabled servers whose references all resolved. */
  servers: McpServerConfig[];
  /** Servers left out, with why (unresolved `${NAME}`, disabled is not listed): for the status comment. */
  problems: Array<{ server: string; reason: string }>;
  /** Every value a `${NAME}` reference resolved to: register each as a secret. */
  secrets: string[];
}

const EMPTY: McpConfig = Object.freeze({ servers: [], problems: [], secrets: [] }) as McpConfig;

/**
 * Parses the text of `.kiro/settings/mcp.json`. A file that is not valid JSON or breaks the schema
 * yields one problem naming the field (server `(file)`) and no servers: the task goes on without
 * MCP. Pure.
 * @param env the job's environment, for `${NAME}` references
 */
export function parseMcpConfig(text: string, env: Readonly<Record<string, string | undefined>>): McpConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { servers: [], problems: [{ server: '(file)', reason: `${RepoFiles.McpConfig} is not valid JSON: ${(e as Error).message}` }], secrets: [] };
  }
  const parsed = McpFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.') || '(root)';
    const why =
      issue.code === 'invalid_union'
        ? 'needs either `command` (a local server) or `url` (a remote server), with only their known keys'
        : issue.code === 'invalid_key'
          ? `is not a valid server name: ${issue.issues[0]?.message ?? issue.message}`
          : issue.message;
    return { servers: [], problems: [{ server: '(file)', reason: `${RepoFiles.McpConfig}: \`${field}\` ${why}` }], secrets: [] };
  }
  const out: McpConfig = { servers: [], problems: [], secrets: [] };
  for (const [name, cfg] of Object.entries(parsed.data.mcpServers)) {
    if (cfg.disabled) continue;
    const missing = new Set<string>();
    const sub = (s: string): string =>
      s.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_m, key: string) => {
        const v = env[key];
        if (v === undefined || v === '') {
          missing.add(key);
          return '';
        }
        if (!out.secrets.includes(v)) out.secrets.push(v);
        return v;
      });
    const subAll = (r: Record<string, string>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, sub(v)]));
    const server: McpServerConfig =
      'command' in cfg
        ? { name, kind: 'stdio', command: sub(cfg.command), args: cfg.args.map(sub), env: subAll(cfg.env), ...(cfg.timeout ? { timeoutMs: cfg.timeout } : {}) }
        : { name, kind: 'http', url: sub(cfg.url), headers: subAll(cfg.headers), ...(cfg.timeout ? { timeoutMs: cfg.timeout } : {}) };
    if (missing.size) {
      out.problems.push({ server: name, reason: `${[...missing].map((k) => `\${${k}}`).join(', ')} ${missing.size > 1 ? 'are' : 'is'} not set in the job's environment (pass it with the step's \`env:\`)` });
      continue;
    }
    out.servers.push(server);
  }
  return out;
}

/** Reads `.kiro/settings/mcp.json` from a work tree; absent → no servers. */
export function readMcpConfig(workspace: string, env: Readonly<Record<string, string | undefined>>): McpConfig {
  let text: string;
  try {
    text = readFileSync(path.join(workspace, RepoFiles.McpConfig), 'utf8');
  } catch {
    return EMPTY;
  }
  return parseMcpConfig(text, env);
}

/**
 * Leaves out every server whose resolved configuration (command, args, env, url, headers) holds one
 * of `forbidden` — the action's own credentials (its GitHub token, its API key, in every registered
 * form): those never enter the sandbox or leave for a remote server, whatever the file says. Pure.
 */
export function withoutCredentials(config: McpConfig, forbidden: readonly string[]): McpConfig {
  const needles = forbidden.filter((f) => f.length >= 8);
  const leaks = (c: McpServerConfig): boolean => {
    const values = c.kind === 'stdio' ? [c.command, ...c.args, ...Object.values(c.env)] : [c.url, ...Object.values(c.headers)];
    return values.some((v) => needles.some((n) => v.includes(n)));
  };
  const refused = config.servers.filter(leaks);
  if (!refused.length) return config;
  return {
    ...config,
    servers: config.servers.filter((c) => !leaks(c)),
    problems: [...config.problems, ...refused.map((c) => ({ server: c.name, reason: "its configuration passes the action's own GitHub token or API key, which never reach MCP servers; give the server a credential of its own" }))],
  };
}
