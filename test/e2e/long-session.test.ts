/**
 * Long sessions on real models (issue #11) through dist/index.js against a Messages API that
 * behaves like the real one: it enforces a context window with the real 400 ("prompt is too
 * long"), validates thinking and server tools, and accounts prompt caching.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { reply, text, toolUse, type Step, type RoutedScript, type RecordedModelRequest } from '../rig/model-server.js';
import { calcFixture } from '../e2e-support/policy.js';
import { ALICE, startRig, type Rig, closeChecked } from './harness.js';
import { coderFixSteps, plannerSteps, roleOf, verifierPass } from './scripts.js';

let rig: Rig | undefined;
afterEach(async () => {
  await closeChecked(rig);
  rig = undefined;
});

const TITLE = 'add() subtracts';
const label = (r: Rig, n: number, opts: Parameters<Rig['run']>[1] = {}) =>
  r.run(r.event('issues.labeled', { label: 'kiro', issue: { number: n, title: TITLE, user: ALICE }, sender: ALICE }), opts);
const coderRequests = (r: Rig) => r.model!.requests.filter((q) => roleOf(q) === 'coder');
const promptTokens = (q: RecordedModelRequest) => (q.usage ? q.usage.input_tokens + q.usage.cache_read_input_tokens + q.usage.cache_creation_input_tokens : 0);
/** Share of input tokens read from the prompt cache over `reqs`. */
function cacheShare(reqs: readonly RecordedModelRequest[]): number {
  let read = 0;
  let all = 0;
  for (const q of reqs) {
    if (!q.usage) continue;
    read += q.usage.cache_read_input_tokens;
    all += promptTokens(q);
  }
  return all ? read / all : 0;
}

describe('context management', () => {
  it('a coder session whose tool results add up to twice the window ends in a verified PR; no request is refused; cache share ≥ 80 %', { timeout: 180_000 }, async () => {
    const WINDOW = 24_000;
    const PARTS = 50;
    // ~1 000 tokens each: 50 of them are twice the window
    const parts: Record<string, string> = {};
    for (let i = 1; i <= PARTS; i++) parts[`docs/part-${String(i).padStart(2, '0')}.txt`] = `part ${i}\n${'lorem ipsum dolor sit amet '.repeat(148)}\n`;
    const reads: Step[] = Object.keys(parts).map((p, i) => reply(toolUse('bash', { command: `cat ${p}` }, `read-${i + 1}`)));
    const script: RoutedScript = { route: roleOf, scripts: { planner: plannerSteps(), coder: [...reads, ...coderFixSteps()], verifier: verifierPass() } };
    rig = await startRig({ script, fixture: calcFixture(parts), modelOptions: { contextWindow: WINDOW } });
    const n = rig.github.state.addIssue({ title: TITLE, body: 'add(2, 3) returns -1.', user: ALICE }).number as number;
    const res = await label(rig, n, { inputs: { 'autonomy-level': 'full' }, env: { KIRO_CONTEXT_WINDOW_TOKENS: String(WINDOW) } });
    expect(res.code, res.maskedLog).toBe(0);
    expect(rig.model!.overflows).toEqual([]);
    const coder = coderRequests(rig);
    // what the tool results add up to, in the server's own token estimate
    const total = Object.values(parts).join('').length / 4;
    expect(total).toBeGreaterThan(1.9 * WINDOW);
    expect(Math.max(...coder.map(promptTokens))).toBeLessThanOrEqual(WINDOW);
    expect(res.stdout).toMatch(/coder context cleared \d+ old tool results/);
    // near the threshold the exact count from the token-counting endpoint decided
    expect(rig.model!.tokenCounts.length).toBeGreaterThan(0);
    const pr = rig.github.state.pulls()[0]!;
    expect(pr.draft).toBe(false);
    const share = cacheShare(coder);
    console.log(`context: ${coder.length} coder requests, peak ${Math.max(...coder.map(promptTokens))} tokens, cache share ${(share * 100).toFixed(1)} %`);
    expect(share, `cache share ${share}`).toBeGreaterThanOrEqual(0.8);
  });

  it('a 400 "prompt is too long" is recovered once: the coder writes a hand-off note and goes on in a fresh conversation', async () => {
    const script: RoutedScript = {
      route: roleOf,
      scripts: {
        planner: plannerSteps(),
        coder: [
          reply(toolUse('str_replace_based_edit_tool', { command: 'view', path: 'src/calc.js' })),
          { fault: 'http', status: 400, type: 'invalid_request_error', message: 'prompt is too long: 210000 tokens > 200000 maximum' },
          reply(text('Done: read src/calc.js. Next: replace a - b with a + b in add(), run npm test, complete step 1, finish.')),
          ...coderFixSteps(),
        ],
        verifier: verifierPass(),
      },
    };
    rig = await startRig({ script });
    const n = rig.github.state.addIssue({ title: TITLE, body: 'add(2, 3) returns -1.', user: ALICE }).number as number;
    const res = await label(rig, n);
    expect(res.code, res.maskedLog).toBe(0);
    const coder = coderRequests(rig);
    const handoff = coder.find((q) => JSON.stringify(q.body.messages).includes('Write that hand-off note'))!;
    expect(handoff).toBeDefined();
    const fresh = coder[coder.indexOf(handoff) + 1]!;
    expect(fresh.body.messages).toHaveLength(1);
    expect(JSON.stringify(fresh.body.messages[0])).toContain('Next: replace a - b with a + b');
    expect(JSON.stringify(fresh.body.messages[0])).toContain('Carry out this task spec');
    expect(rig.github.state.pulls()[0]!.draft).toBe(false);
  });

  it('a 1 MB issue body is cut to a budget with a note saying so', async () => {
    rig = await startRig({ script: { route: roleOf, scripts: { planner: plannerSteps(), coder: coderFixSteps(), verifier: verifierPass() } } });
    const body = `add(2, 3) returns -1.\n${'x'.repeat(1_000_000)}`;
    const n = rig.github.state.addIssue({ title: TITLE, body, user: ALICE }).number as number;
    const res = await rig.run(rig.event('issues.labeled', { label: 'kiro', issue: { number: n, title: TITLE, body, user: ALICE }, sender: ALICE }));
    expect(res.code, res.maskedLog).toBe(0);
    const planner = JSON.stringify(rig.model!.requests.find((q) => roleOf(q) === 'planner')!.body);
    expect(planner).toMatch(/the issue body is 1000022 characters long; only the first 40000 are shown/);
    expect(planner.length).toBeLessThan(120_000);
  });
});

describe('what strong models do', () => {
  it('three tool_use blocks in one reply are all run and answered in one message, in order; thinking blocks come back with their signatures', async () => {
    const script: RoutedScript = {
      route: roleOf,
      scripts: {
        planner: plannerSteps(),
        coder: [
          reply(
            { type: 'thinking', thinking: 'I should look at the code, its uses and the files.', signature: 'sig-keep-me-intact' },
            toolUse('str_replace_based_edit_tool', { command: 'view', path: 'src/calc.js' }, 'p-view'),
            toolUse('search_code', { pattern: 'add' }, 'p-search'),
            toolUse('list_files', { glob: '*.js' }, 'p-list'),
          ),
          ...coderFixSteps(),
        ],
        verifier: verifierPass(),
      },
    };
    rig = await startRig({ script });
    const n = rig.github.state.addIssue({ title: TITLE, body: 'add(2, 3) returns -1.', user: ALICE }).number as number;
    const res = await label(rig, n);
    expect(res.code, res.maskedLog).toBe(0);
    const coder = coderRequests(rig);
    // thinking is asked for (the coder's model thinks adaptively)
    expect(coder[0]!.body.thinking).toEqual({ type: 'adaptive' });
    const second = coder[1]!.body.messages;
    const assistant = second[second.length - 2]!;
    expect(assistant.content[0]).toEqual({ type: 'thinking', thinking: 'I should look at the code, its uses and the files.', signature: 'sig-keep-me-intact' });
    const user = second[second.length - 1]!;
    const results = (user.content as Array<{ type: string; tool_use_id?: string; content?: unknown }>).filter((b) => b.type === 'tool_result');
    expect(results.map((r) => r.tool_use_id)).toEqual(['p-view', 'p-search', 'p-list']);
    expect(String(results[0]!.content)).toContain('export function add');
    expect(String(results[1]!.content)).toMatch(/src\/calc\.js:\d+:/);
    expect(String(results[2]!.content)).toContain('src/calc.js');
  });

  it('web search at open-internet: server tool blocks stay in the conversation and the sources are listed in the PR', async () => {
    const search: Step = reply(
      text('Let me check how add() should behave.'),
      { type: 'server_tool_use', id: 'srvtoolu_01', name: 'web_search', input: { query: 'javascript add numbers' } },
      {
        type: 'web_search_tool_result',
        tool_use_id: 'srvtoolu_01',
        content: [
          { type: 'web_search_result', url: 'https://developer.mozilla.org/docs/Web/JavaScript/Reference/Operators/Addition', title: 'Addition (+)', encrypted_content: 'enc-1' },
          { type: 'web_search_result', url: 'https://tc39.es/ecma262/#sec-addition-operator-plus', title: 'ECMAScript', encrypted_content: 'enc-2' },
        ],
      },
      toolUse('list_files', { glob: 'src/**' }),
    );
    const [, view, submit] = plannerSteps();
    rig = await startRig({ script: { route: roleOf, scripts: { planner: [search, view!, submit!], coder: coderFixSteps(), verifier: verifierPass() } } });
    const n = rig.github.state.addIssue({ title: TITLE, body: 'add(2, 3) returns -1.', user: ALICE }).number as number;
    const res = await label(rig, n, { inputs: { 'network-access': 'open-internet' } });
    expect(res.code, res.maskedLog).toBe(0);
    const planner = rig.model!.requests.filter((q) => roleOf(q) === 'planner');
    const tools = (planner[0]!.body.tools ?? []) as Array<{ type?: string; name: string }>;
    expect(tools.map((t) => t.type)).toEqual(expect.arrayContaining(['web_search_20250305', 'web_fetch_20250910']));
    expect(planner[0]!.headers['anthropic-beta']).toContain('web-fetch-2025-09-10');
    const kept = JSON.stringify(planner[1]!.body.messages);
    expect(kept).toContain('"type":"server_tool_use"');
    expect(kept).toContain('"type":"web_search_tool_result"');
    expect(kept).toContain('enc-1');
    const body = String(rig.github.state.pulls()[0]!.body);
    expect(body).toContain('## Sources');
    expect(body).toContain('<https://developer.mozilla.org/docs/Web/JavaScript/Reference/Operators/Addition>');
    expect(body).toContain('<https://tc39.es/ecma262/#sec-addition-operator-plus>');
  });

  it('the verifier and the coder get no web tools below open-internet (integration-only)', async () => {
    rig = await startRig({ script: { route: roleOf, scripts: { planner: plannerSteps(), coder: coderFixSteps(), verifier: verifierPass() } } });
    const n = rig.github.state.addIssue({ title: TITLE, body: 'add(2, 3) returns -1.', user: ALICE }).number as number;
    const res = await label(rig, n, { inputs: { 'network-access': 'integration-only' } });
    expect(res.code, res.maskedLog).toBe(0);
    for (const q of rig.model!.requests) expect(JSON.stringify(q.body.tools ?? [])).not.toContain('web_search');
  });
});
