/**
 * MCP servers as agent tools (SPEC.md §2, issue #13), through the official client
 * (`@modelcontextprotocol/sdk`, https://modelcontextprotocol.io/specification/2025-06-18):
 * initialize → tools/list once at start, tools/call per `tool_use`.
 *
 * - Local servers run over stdio, started through the run's `CommandRunner.spawnSpec`: inside the
 *   same OS sandbox and network namespace as every command the model causes, with the sandbox's
 *   environment (no credentials) plus the server's own `env`.
 * - Remote servers speak Streamable HTTP from the action's process through `fetch`, which the
 *   caller routes through the egress proxy (the network level applies to them like to commands).
 * - Tools are offered as `<server>__<tool>` with the server's JSON Schema passed through; results
 *   are turned into text and cut by the shared truncation helper; failures come back as `is_error`
 *   tool results. A server that does not start, or stops, is reported and the task goes on
 *   without it.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ProxyAgent, fetch as undiciFetch } from 'undici';
import type { AgentTool, ToolOutcome } from '../agent/types.js';
import { truncateOutput } from '../agent/tools/truncate.js';
import type { CommandRunner } from '../sandbox/runner.js';
import type { McpConfig, McpServerConfig } from './config.js';

/** `fetch` as the Streamable HTTP transport calls it. */
export type McpFetch = (url: string | URL, init?: RequestInit) => Promise<Response>;

export interface McpStartOptions {
  /** The run's process runner: local servers start inside its sandbox. */
  runner: CommandRunner;
  /** Working directory of local servers (the workspace). */
  cwd: string;
  /** The sandbox environment (no credentials); each server's own `env` is added on top. */
  env: Readonly<Record<string, string>>;
  /** Per-call limit, ms, unless the server sets `timeout`. */
  callTimeoutMs: number;
  /** Limit for starting one server (spawn, initialize, tools/list), ms (default 30 000). */
  startTimeoutMs?: number;
  /** `fetch` for remote servers (through the egress proxy); default the global `fetch`. */
  fetchFor?: (server: string) => McpFetch;
  /** Client identity sent in `initialize`. */
  clientInfo?: { name: string; version: string };
}

/** The run's MCP servers: their tools, what failed, and how to stop them. */
export interface McpHub {
  /** Tools of every server that started, in configuration order. */
  tools: AgentTool[];
  /** Names of the servers that started. */
  started: string[];
  /** Servers that could not be used, and servers that stopped during the run (for the status comment). */
  problems(): Array<{ server: string; reason: string }>;
  /** Closes every connection and stops every local server (stdin closed, then SIGTERM, then SIGKILL). */
  close(): Promise<void>;
}

/**
 * `fetch` through an HTTP proxy (the egress proxy, src/policy/egress-proxy.ts): CONNECT for https,
 * absolute-form requests for http, by undici's `ProxyAgent` (the library behind Node's `fetch`).
 * @param token attributes the requests in the proxy's blocked list (`EgressProxy.setCommand`)
 */
export function proxiedFetch(proxyUrl: string, token: string): McpFetch {
  const dispatcher = new ProxyAgent({ uri: proxyUrl, token: `Basic ${Buffer.from(`kiro:${token}`).toString('base64')}` });
  return (url, init) => undiciFetch(url, { ...(init as object), dispatcher } as Parameters<typeof undiciFetch>[1]) as unknown as Promise<Response>;
}

/** Tool names the Messages API accepts (`^[a-zA-Z0-9_-]{1,64}$`). */
function toolName(server: string, tool: string, taken: Set<string>): string {
  const base = `${server}__${tool}`.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64);
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base.slice(0, 60)}_${i}`;
  taken.add(name);
  return name;
}

/** A tools/call result as text for a `tool_result`: text parts as they are, other parts described. */
export function mcpResultText(result: { content?: unknown; structuredContent?: unknown }): string {
  const parts: string[] = [];
  for (const c of Array.isArray(result.content) ? (result.content as Array<Record<string, unknown>>) : []) {
    switch (c.type) {
      case 'text':
        parts.push(String(c.text ?? ''));
        break;
      case 'image':
      case 'audio':
        parts.push(`[${String(c.type)} ${String(c.mimeType ?? '')}, ${Math.floor((String(c.data ?? '').length * 3) / 4)} bytes: not shown]`);
        break;
      case 'resource': {
        const r = (c.resource ?? {}) as Record<string, unknown>;
        parts.push(typeof r.text === 'string' ? `[resource ${String(r.uri ?? '')}]\n${r.text}` : `[resource ${String(r.uri ?? '')} (${String(r.mimeType ?? 'binary')}): not shown]`);
        break;
      }
      case 'resource_link':
        parts.push(`[resource link ${String(c.uri ?? '')}${c.name ? ` (${String(c.name)})` : ''}]`);
        break;
      default:
        parts.push(`[${String(c.type)} content: not shown]`);
    }
  }
  if (!parts.length && result.structuredContent !== undefined) parts.push(JSON.stringify(result.structuredContent, null, 2));
  return parts.join('\n') || '(no output)';
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} did not finish within ${Math.round(ms / 1000)} s`)), ms);
      timer.unref();
    }),
  ]);
}

/** Keeps the last `limit` characters of a server's stderr, for the report when it fails. */
class Tail {
  private text = '';
  private ended!: () => void;
  /** Resolves when the stream ended (the process closed its stderr). */
  readonly done = new Promise<void>((r) => (this.ended = r));
  constructor(private readonly limit = 2000) {}
  push(chunk: Buffer | string): void {
    this.text = (this.text + chunk.toString()).slice(-this.limit);
  }
  end(): void {
    this.ended();
  }
  lastLine(): string {
    return this.text.trim().split('\n').pop()?.trim() ?? '';
  }
}

interface Running {
  config: McpServerConfig;
  client: Client;
  stderr: Tail;
  /** Set once the connection is gone: why. */
  stopped?: string;
  closing: boolean;
}

/** Connects to one server. `stderr` collects a local server's stderr from the moment it is spawned. */
async function connect(client: Client, cfg: McpServerConfig, o: McpStartOptions, stderr: Tail): Promise<Running> {
  if (cfg.kind === 'stdio') {
    if (!o.runner.spawnSpec) {
      stderr.end();
      throw new Error('commands are not run on this runner (no OS sandbox), so local MCP servers cannot start');
    }
    const spec = o.runner.spawnSpec({ argv: [cfg.command, ...cfg.args], cwd: o.cwd, env: { ...o.env, ...cfg.env } });
    // the SDK adds HOME, PATH, USER… from the action's environment to the spawned process: the
    // spec's own values win (in the sandbox that process is bwrap, whose environment stays minimal)
    const transport = new StdioClientTransport({ command: spec.command, args: spec.args, env: { HOME: '/nonexistent', LOGNAME: '', USER: '', SHELL: '', TERM: '', ...spec.env }, cwd: spec.cwd, stderr: 'pipe' });
    transport.stderr?.on('data', (b: Buffer) => stderr.push(b));
    transport.stderr?.on('end', () => stderr.end());
    await client.connect(transport);
  } else {
    const transport = new StreamableHTTPClientTransport(new URL(cfg.url), {
      requestInit: { headers: cfg.headers },
      ...(o.fetchFor ? { fetch: o.fetchFor(cfg.name) } : {}),
    });
    await client.connect(transport);
  }
  return { config: cfg, client, stderr, closing: false };
}

/**
 * Starts every configured server at once (each bounded by `startTimeoutMs`) and lists its tools.
 * Never rejects: a server that fails is in `problems()` with the reason and the last line it
 * wrote to stderr.
 */
export async function startMcpServers(config: McpConfig, o: McpStartOptions): Promise<McpHub> {
  const problems: Array<{ server: string; reason: string }> = [...config.problems];
  const startMs = o.startTimeoutMs ?? 30_000;
  const attempts = await Promise.all(
    config.servers.map(async (cfg) => {
      let running: Running | undefined;
      const stderr = new Tail();
      const client = new Client(o.clientInfo ?? { name: 'kiro-action', version: '1' });
      try {
        running = await withTimeout(connect(client, cfg, o, stderr), startMs, 'starting the server');
        const listed = await withTimeout(running.client.listTools(), startMs, 'listing its tools');
        return { running, tools: listed.tools };
      } catch (e) {
        // a server that exited: its last words may still be in the pipe (bounded wait for its end)
        if (cfg.kind === 'stdio') await withTimeout(stderr.done, 1000, 'stderr').catch(() => {});
        const last = stderr.lastLine();
        problems.push({ server: cfg.name, reason: `${(e as Error).message}${last ? ` (stderr: ${last})` : ''}` });
        // stops a server that hangs in initialize or tools/list too
        await client.close().catch(() => {});
        return undefined;
      }
    }),
  );
  const taken = new Set<string>();
  const tools: AgentTool[] = [];
  const live: Running[] = [];
  for (const a of attempts) {
    if (!a) continue;
    const r = a.running;
    live.push(r);
    r.client.onclose = () => {
      if (r.closing || r.stopped) return;
      r.stopped = `the server stopped during the run${r.stderr.lastLine() ? ` (stderr: ${r.stderr.lastLine()})` : ''}`;
      problems.push({ server: r.config.name, reason: r.stopped });
    };
    for (const t of a.tools) tools.push(mcpTool(r, t, toolName(r.config.name, t.name, taken), r.config.timeoutMs ?? o.callTimeoutMs));
  }
  return {
    tools,
    started: live.map((r) => r.config.name),
    problems: () => [...problems],
    close: async () => {
      await Promise.all(
        live.map(async (r) => {
          r.closing = true;
          await r.client.close().catch(() => {});
        }),
      );
    },
  };
}

function mcpTool(r: Running, t: { name: string; description?: string; inputSchema: Record<string, unknown> }, name: string, timeoutMs: number): AgentTool {
  const server = r.config.name;
  return {
    name,
    definition: {
      name,
      description: `[MCP server "${server}", tool "${t.name}"] ${t.description ?? ''}`.trim().slice(0, 4000),
      input_schema: { ...t.inputSchema, type: 'object' } as { type: 'object'; [k: string]: unknown },
    },
    async execute(input, ctx): Promise<ToolOutcome> {
      if (r.stopped) return { content: `MCP server "${server}" is no longer running (${r.stopped}); go on without its tools.`, isError: true };
      try {
        const res = await r.client.callTool({ name: t.name, arguments: (input ?? {}) as Record<string, unknown> }, undefined, {
          timeout: timeoutMs,
          resetTimeoutOnProgress: true,
          ...(ctx.signal ? { signal: ctx.signal } : {}),
        });
        // an old server may answer in the 2024-10-07 shape (`toolResult`)
        const body = 'toolResult' in res && !('content' in res) ? { structuredContent: res.toolResult } : (res as { content?: unknown; structuredContent?: unknown });
        return { content: truncateOutput(mcpResultText(body)), ...(res.isError ? { isError: true } : {}) };
      } catch (e) {
        return { content: `MCP server "${server}" failed on ${t.name}: ${(e as Error).message}. Check the arguments against the tool's schema, or go on without it.`, isError: true };
      }
    },
  };
}
