/**
 * MCP servers from `.kiro/settings/mcp.json` (SPEC.md §2, issue #13) through dist/index.js: a
 * local stdio server shipped in the repository is started inside the command sandbox, its tool is
 * offered to the roles and called by the coder, its result (with a `${NAME}` secret redacted)
 * reaches the model and the transcript, it is stopped at the end of the run; a server that
 * crashes at start is reported in the status comment and the task completes without it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { reply, toolUse, type RoutedScript } from '../rig/model-server.js';
import { calcFixture, rawJobLog, toolResults } from '../e2e-support/policy.js';
import { requireSandbox } from '../e2e-support/sandbox.js';
import { ALICE, startRig, type Rig, closeChecked } from './harness.js';
import { coderFixSteps, plannerSteps, roleOf, verifierPass } from './scripts.js';

const ACTION_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/index.js');
const CANARY = 'tkt-canary-7f3a9c21e5';

/** A dependency-free MCP server (newline-delimited JSON-RPC 2.0 over stdio), as a team might ship one. */
const TICKET_SERVER = `import { existsSync } from 'node:fs';
import readline from 'node:readline';
const probe = process.argv[2];
const send = (m) => process.stdout.write(JSON.stringify(m) + '\\n');
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const msg = JSON.parse(line);
  if (msg.method === 'initialize') {
    send({ jsonrpc: '2.0', id: msg.id, result: { protocolVersion: msg.params.protocolVersion, capabilities: { tools: {} }, serverInfo: { name: 'tickets', version: '1.0.0' } } });
  } else if (msg.method === 'tools/list') {
    send({ jsonrpc: '2.0', id: msg.id, result: { tools: [{ name: 'lookup_ticket', description: 'Looks up a ticket in the tracker', inputSchema: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } }] } });
  } else if (msg.method === 'tools/call') {
    const id = msg.params.arguments.id;
    send({ jsonrpc: '2.0', id: msg.id, result: { content: [
      { type: 'text', text: 'Ticket ' + id + ': add() must return the sum of its arguments.' },
      { type: 'text', text: 'auth=' + process.env.TICKET_TOKEN + ' sandboxed=' + process.env.KIRO_SANDBOX + ' action-visible=' + existsSync(probe) },
    ] } });
  } else if (msg.id !== undefined) {
    send({ jsonrpc: '2.0', id: msg.id, error: { code: -32601, message: 'method not found' } });
  }
});
`;

const CRASHING_SERVER = `console.error('tickets-db: cannot open database file');\nprocess.exit(3);\n`;

let rig: Rig | undefined;
afterEach(async () => {
  await closeChecked(rig);
  rig = undefined;
});

/** Host processes whose command line mentions `needle` (every PID namespace shows in the host's /proc). */
function processesMentioning(needle: string): number[] {
  const out: number[] = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(needle)) out.push(Number(pid));
    } catch {
      // gone
    }
  }
  return out;
}

describe('MCP servers', () => {
  it('a local stdio server runs in the sandbox, its tool is called and answered, a crashing server is reported, and both are gone after the run', { timeout: 180_000 }, async () => {
    const sandbox = await requireSandbox();
    if (!sandbox.ok) return void console.warn(`skipped: ${sandbox.reason}`);
    const mcpJson = JSON.stringify({
      mcpServers: {
        tickets: { command: 'node', args: ['tools/ticket-mcp.mjs', ACTION_DIST], env: { TICKET_TOKEN: '${KIRO_TEST_TICKET_TOKEN}' } },
        broken: { command: 'node', args: ['tools/crash-mcp.mjs'] },
        off: { command: 'node', args: ['tools/never.mjs'], disabled: true },
      },
    });
    const script: RoutedScript = {
      route: roleOf,
      scripts: {
        planner: plannerSteps(),
        coder: [reply(toolUse('tickets__lookup_ticket', { id: 'T-42' }, 'mcp-call')), ...coderFixSteps()],
        verifier: verifierPass(),
      },
    };
    rig = await startRig({
      script,
      fixture: calcFixture({ '.kiro/settings/mcp.json': mcpJson, 'tools/ticket-mcp.mjs': TICKET_SERVER, 'tools/crash-mcp.mjs': CRASHING_SERVER }),
    });
    const n = rig.github.state.addIssue({ title: 'add() subtracts', body: 'add(2, 3) returns -1; see ticket T-42.', user: ALICE }).number as number;
    const res = await rig.run(rig.event('issues.labeled', { label: 'kiro', issue: { number: n, title: 'add() subtracts', user: ALICE }, sender: ALICE }), {
      env: { KIRO_TEST_TICKET_TOKEN: CANARY },
    });
    expect(res.code, res.maskedLog).toBe(0);

    // offered to the planner and the coder with the server's schema
    const planner = rig.model!.requests.find((q) => roleOf(q) === 'planner')!;
    const plannerTool = (planner.body.tools as Array<{ name: string; input_schema?: unknown }>).find((t) => t.name === 'tickets__lookup_ticket');
    expect(plannerTool?.input_schema).toMatchObject({ type: 'object', required: ['id'] });
    // called: the result came back through the sandbox, the secret redacted
    const result = toolResults(rig.model!.requests).get('mcp-call')!;
    expect(result.isError).toBe(false);
    expect(result.content).toContain('Ticket T-42: add() must return the sum');
    expect(result.content).toContain('sandboxed=1');
    expect(result.content).toContain('action-visible=false');
    expect(result.content).toContain('auth=***');
    // the canary is nowhere: model requests, GitHub requests, the log
    expect(JSON.stringify(rig.model!.requests)).not.toContain(CANARY);
    expect(JSON.stringify(rig.github.requests)).not.toContain(CANARY);
    expect(rawJobLog(res)).not.toContain(CANARY);
    // the transcript holds the call and its result
    const taskDir = readdirSync(path.join(res.runnerTemp, 'kiro'))[0]!;
    const transcript = readFileSync(path.join(res.runnerTemp, 'kiro', taskDir, 'transcript.jsonl'), 'utf8');
    expect(transcript).toContain('tickets__lookup_ticket');
    expect(transcript).toContain('Ticket T-42: add() must return the sum');
    expect(transcript).not.toContain(CANARY);
    // the crashing server is reported and the task completed; the disabled one was never started
    const status = rig.github.state.comments(n).map((c) => String(c.body)).find((b) => b.includes('kiro-action:status'))!;
    expect(status).toContain('✅ Completed');
    expect(status).toMatch(/MCP server "broken": .*— the task goes on without it/);
    expect(status).not.toContain('"off"');
    expect(res.stdout).toContain('MCP server "tickets" started (1 tools)');
    expect(rig.github.state.pulls()).toHaveLength(1);
    // stopped at the end of the run
    expect(processesMentioning('tools/ticket-mcp.mjs')).toEqual([]);
  });
});
