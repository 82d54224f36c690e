/**
 * `.kiro/settings/mcp.json` parsing and the MCP client (src/mcp/): `${NAME}` resolution and
 * secrets, errors that name the field, tool naming and result text, a remote Streamable HTTP
 * server reached through the egress proxy (and refused by it), a server that stops mid-run.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { mcpResultText, proxiedFetch, startMcpServers } from '../../../src/mcp/client.js';
import { parseMcpConfig, withoutCredentials } from '../../../src/mcp/config.js';
import { startEgressProxy, type EgressProxy } from '../../../src/policy/egress-proxy.js';
import { resolveNetworkPolicy } from '../../../src/policy/network.js';
import { createRefusingRunner, createUnsandboxedRunner } from '../../../src/sandbox/runner.js';
import type { ToolContext } from '../../../src/agent/types.js';

const ctx = { signal: undefined } as unknown as ToolContext;

describe('parseMcpConfig', () => {
  it('resolves ${NAME} from the environment, registers each value as a secret, leaves disabled servers out', () => {
    const c = parseMcpConfig(
      JSON.stringify({
        mcpServers: {
          docs: { command: 'uvx', args: ['fastmcp', 'run', '${DOCS_URL}'], env: { KEY: '${DOCS_KEY}' } },
          remote: { url: 'https://mcp.example.com/mcp', headers: { Authorization: 'Bearer ${REMOTE_TOKEN}' } },
          off: { command: 'x', disabled: true },
        },
      }),
      { DOCS_URL: 'https://docs.example.com', DOCS_KEY: 'k-123456789', REMOTE_TOKEN: 'r-987654321' },
    );
    expect(c.problems).toEqual([]);
    expect(c.servers).toEqual([
      { name: 'docs', kind: 'stdio', command: 'uvx', args: ['fastmcp', 'run', 'https://docs.example.com'], env: { KEY: 'k-123456789' } },
      { name: 'remote', kind: 'http', url: 'https://mcp.example.com/mcp', headers: { Authorization: 'Bearer r-987654321' } },
    ]);
    expect(c.secrets.sort()).toEqual(['https://docs.example.com', 'k-123456789', 'r-987654321']);
  });

  it('a server whose reference is not set is left out with a reason naming the variable; the others start', () => {
    const c = parseMcpConfig(JSON.stringify({ mcpServers: { a: { command: 'a', env: { T: '${MISSING_TOKEN}' } }, b: { command: 'b' } } }), {});
    expect(c.servers.map((s) => s.name)).toEqual(['b']);
    expect(c.problems).toEqual([{ server: 'a', reason: expect.stringContaining('${MISSING_TOKEN} is not set') }]);
  });

  it.each([
    ['{ not json', /is not valid JSON/],
    [JSON.stringify({ mcpServers: { a: { args: [] } } }), /`mcpServers\.a` needs either `command`.*or `url`/],
    [JSON.stringify({ mcpServers: { a: { command: 'x', args: 'y' } } }), /`mcpServers\.a/],
    [JSON.stringify({ servers: {} }), /Unrecognized key|servers/],
    [JSON.stringify({ mcpServers: { 'bad name!': { command: 'x' } } }), /server names are/],
  ])('a bad file (%s) is one problem naming the field, and no server', (text, re) => {
    const c = parseMcpConfig(text, {});
    expect(c.servers).toEqual([]);
    expect(c.problems).toHaveLength(1);
    expect(c.problems[0]!.server).toBe('(file)');
    expect(c.problems[0]!.reason).toMatch(re);
  });
});

describe('withoutCredentials', () => {
  it("leaves out a server that would receive the action's own token (any place, any server kind) and says why", () => {
    const token = 'ghs_actiontoken1234567890';
    const c = parseMcpConfig(
      JSON.stringify({
        mcpServers: {
          gh: { command: 'gh-mcp', env: { GH_TOKEN: '${GITHUB_TOKEN}' } },
          remote: { url: 'https://mcp.example.com', headers: { Authorization: 'Bearer ${GITHUB_TOKEN}' } },
          fine: { command: 'docs-mcp', env: { KEY: '${DOCS_KEY}' } },
        },
      }),
      { GITHUB_TOKEN: token, DOCS_KEY: 'docs-key-123456' },
    );
    const safe = withoutCredentials(c, [token]);
    expect(safe.servers.map((x) => x.name)).toEqual(['fine']);
    expect(safe.problems.map((p) => p.server)).toEqual(['gh', 'remote']);
    expect(safe.problems[0]!.reason).toMatch(/never reach MCP servers/);
    expect(withoutCredentials(c, [])).toBe(c);
  });
});

describe('mcpResultText', () => {
  it('keeps text, describes images and resources, falls back to structured content', () => {
    expect(
      mcpResultText({
        content: [
          { type: 'text', text: 'hello' },
          { type: 'image', data: 'AAAA', mimeType: 'image/png' },
          { type: 'resource', resource: { uri: 'file:///a.txt', text: 'body' } },
          { type: 'resource_link', uri: 'file:///b', name: 'b' },
        ],
      }),
    ).toBe('hello\n[image image/png, 3 bytes: not shown]\n[resource file:///a.txt]\nbody\n[resource link file:///b (b)]');
    expect(mcpResultText({ content: [], structuredContent: { n: 1 } })).toBe('{\n  "n": 1\n}');
    expect(mcpResultText({})).toBe('(no output)');
  });
});

/** A remote MCP server (the SDK's own server, stateless Streamable HTTP) on loopback. */
async function startRemoteServer(): Promise<{ port: number; hits: string[]; close(): Promise<void> }> {
  const hits: string[] = [];
  const server = http.createServer(async (req, res) => {
    hits.push(`${req.method} ${req.headers.host} ${req.headers.authorization ?? ''}`);
    const mcp = new McpServer({ name: 'remote', version: '1.0.0' });
    mcp.registerTool('echo', { description: 'Echoes', inputSchema: { text: z.string() } }, async ({ text }) => ({ content: [{ type: 'text', text: `echo: ${text}` }] }));
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    res.on('close', () => void transport.close());
    await mcp.connect(transport);
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    await transport.handleRequest(req, res, chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : undefined);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { port: (server.address() as AddressInfo).port, hits, close: () => new Promise((r) => server.close(() => r())) };
}

describe('startMcpServers', () => {
  let remote: Awaited<ReturnType<typeof startRemoteServer>>;
  let proxy: EgressProxy;
  beforeAll(async () => {
    remote = await startRemoteServer();
    const policy = resolveNetworkPolicy({ level: 'custom', allowedDomains: ['mcp.kiro.test'], integrationHosts: [] });
    proxy = await startEgressProxy(policy, { resolve: (h) => (h.endsWith('.kiro.test') ? '127.0.0.1' : undefined), onBlocked: () => {} });
  });
  afterAll(async () => {
    await proxy.close();
    await remote.close();
  });

  it('a remote server is reached through the egress proxy with its headers; one on a host the level does not allow is refused there and reported', async () => {
    const config = parseMcpConfig(
      JSON.stringify({
        mcpServers: {
          docs: { url: `http://mcp.kiro.test:${remote.port}/mcp`, headers: { Authorization: 'Bearer ${T}' } },
          evil: { url: `http://evil.kiro.test:${remote.port}/mcp` },
        },
      }),
      { T: 'tok-abcdef' },
    );
    const hub = await startMcpServers(config, {
      runner: createUnsandboxedRunner(),
      cwd: '/',
      env: {},
      callTimeoutMs: 10_000,
      fetchFor: (server) => proxiedFetch(proxy.url, proxy.setCommand(`MCP server ${server}`)),
    });
    try {
      expect(hub.started).toEqual(['docs']);
      expect(hub.tools.map((t) => t.name)).toEqual(['docs__echo']);
      expect((hub.tools[0]!.definition as { input_schema: unknown }).input_schema).toMatchObject({ type: 'object', required: ['text'] });
      const out = await hub.tools[0]!.execute({ text: 'hi' }, ctx);
      expect(out).toEqual({ content: 'echo: hi' });
      // a bad argument is the server's error, as a tool result
      const bad = await hub.tools[0]!.execute({ text: 5 }, ctx);
      expect(bad.isError).toBe(true);
      expect(remote.hits.every((h) => h.includes('mcp.kiro.test') && h.includes('Bearer tok-abcdef'))).toBe(true);
      expect(hub.problems()).toEqual([{ server: 'evil', reason: expect.any(String) }]);
      expect(proxy.blocked.some((b) => b.host === 'evil.kiro.test' && b.command === 'MCP server evil')).toBe(true);
    } finally {
      await hub.close();
    }
  });

  it('a local server that stops during the run: its tool answers with an error, the stop is reported', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kiro-mcp-'));
    // answers initialize and tools/list, then exits on the first tools/call
    writeFileSync(
      path.join(dir, 'server.mjs'),
      `import readline from 'node:readline';
const send = (m) => process.stdout.write(JSON.stringify(m) + '\\n');
readline.createInterface({ input: process.stdin }).on('line', (l) => {
  const m = JSON.parse(l);
  if (m.method === 'initialize') send({ jsonrpc: '2.0', id: m.id, result: { protocolVersion: m.params.protocolVersion, capabilities: { tools: {} }, serverInfo: { name: 's', version: '1' } } });
  else if (m.method === 'tools/list') send({ jsonrpc: '2.0', id: m.id, result: { tools: [{ name: 'do it!', inputSchema: { type: 'object' } }] } });
  else if (m.method === 'tools/call') { console.error('fatal: out of memory'); process.exit(1); }
});
`,
    );
    const config = parseMcpConfig(JSON.stringify({ mcpServers: { 'my.server': { command: process.execPath, args: ['server.mjs'] } } }), {});
    const hub = await startMcpServers(config, { runner: createUnsandboxedRunner(), cwd: dir, env: { PATH: process.env.PATH ?? '' }, callTimeoutMs: 10_000 });
    try {
      // names are made valid for the Messages API
      expect(hub.tools.map((t) => t.name)).toEqual(['my_server__do_it_']);
      const first = await hub.tools[0]!.execute({}, ctx);
      expect(first.isError).toBe(true);
      expect(first.content).toMatch(/MCP server "my.server" failed on do it!/);
      await expect.poll(() => hub.problems().length).toBe(1);
      expect(hub.problems()[0]!.reason).toMatch(/stopped during the run/);
      const again = await hub.tools[0]!.execute({}, ctx);
      expect(again.content).toMatch(/no longer running/);
    } finally {
      await hub.close();
    }
  });

  it('fail-closed: with commands refused, a local server is not started and says why', async () => {
    const config = parseMcpConfig(JSON.stringify({ mcpServers: { s: { command: 'node' } } }), {});
    const hub = await startMcpServers(config, { runner: createRefusingRunner('no sandbox'), cwd: '/', env: {}, callTimeoutMs: 1000 });
    expect(hub.tools).toEqual([]);
    expect(hub.problems()).toEqual([{ server: 's', reason: expect.stringContaining('local MCP servers cannot start') }]);
  });
});
