import Anthropic from '@anthropic-ai/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import {
  accountCache,
  CACHE_LOOKBACK_BLOCKS,
  CACHE_TTL_MS,
  createCacheState,
  type CacheableRequest,
} from './cache-accounting.js';
import {
  apiKeyOf,
  lastToolResults,
  reply,
  sseEvents,
  startModelServer,
  systemText,
  text,
  toolUse,
  type ModelScript,
  type ModelServer,
  type ModelServerOptions,
} from './model-server.js';

const MODEL = 'claude-sonnet-5-5'; // not in the SDK's DEPRECATED_MODELS (those print a warning)
const BASH: Anthropic.ToolUnion = { type: 'bash_20250124', name: 'bash' };
const EDIT: Anthropic.ToolUnion = { type: 'text_editor_20250728', name: 'str_replace_based_edit_tool' };
const CUSTOM: Anthropic.ToolUnion = {
  name: 'finish',
  description: 'Report completion',
  input_schema: { type: 'object', properties: { summary: { type: 'string' } } },
};

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(script: ModelScript, options?: ModelServerOptions): Promise<ModelServer> {
  server = await startModelServer(script, options);
  return server;
}

function client(s: ModelServer, maxRetries = 0): Anthropic {
  return new Anthropic({ apiKey: 'sk-ant-test', baseURL: s.url, maxRetries });
}

async function post(s: ModelServer, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: any }> {
  const res = await fetch(`${s.url}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': 'k', 'anthropic-version': '2023-06-01', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

const user = (content: Anthropic.MessageParam['content']): Anthropic.MessageParam => ({ role: 'user', content });
const assistant = (content: Anthropic.MessageParam['content']): Anthropic.MessageParam => ({ role: 'assistant', content });

describe('model server: protocol', () => {
  it('streams text and tool_use that the SDK assembles into the scripted message', async () => {
    const s = await start([reply(text('Hello, world: ünïcödé 🎉'), toolUse('bash', { command: 'ls -la', restart: false }))]);
    const stream = client(s).messages.stream({
      model: MODEL,
      max_tokens: 1024,
      tools: [BASH, EDIT, CUSTOM],
      messages: [user('list files')],
    });
    const texts: string[] = [];
    stream.on('text', (d) => texts.push(d));
    const msg = await stream.finalMessage();
    expect(texts.length).toBe(2);
    expect(msg.role).toBe('assistant');
    expect(msg.model).toBe(MODEL);
    expect(msg.id).toMatch(/^msg_/);
    expect(msg.stop_reason).toBe('tool_use');
    expect(msg.content[0]).toMatchObject({ type: 'text', text: 'Hello, world: ünïcödé 🎉' });
    const tu = msg.content[1] as Anthropic.ToolUseBlock;
    expect(tu).toMatchObject({ type: 'tool_use', name: 'bash', input: { command: 'ls -la', restart: false } });
    expect(tu.id).toMatch(/^toolu_/);
    expect(msg.usage.output_tokens).toBeGreaterThan(1);
    expect(msg.usage.input_tokens).toBeGreaterThan(0);

    expect(s.requests).toHaveLength(1);
    const r = s.requests[0]!;
    expect(r.stream).toBe(true);
    expect(apiKeyOf(r)).toBe('sk-ant-test'); // SDK 1.x: `authorization: Bearer sk-ant-test`
    expect(r.headers['anthropic-version']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(r.replyIndex).toBe(0);
    expect(r.outcome).toBe('reply');
    expect(r.usage?.input_tokens).toBe(msg.usage.input_tokens);
    expect(s.remaining()).toBe(0);
    expect(s.rejected).toEqual([]);
  });

  it('answers non-streaming requests, and a function step can echo the tool_use it answers', async () => {
    const s = await start([
      reply(toolUse('finish', { summary: 'x' }, 'toolu_fixed_1')),
      (req) => reply(text(`got ${lastToolResults(req)[0]?.tool_use_id}: ${JSON.stringify(lastToolResults(req)[0]?.content)}`)),
    ]);
    const c = client(s);
    const first = await c.messages.create({ model: MODEL, max_tokens: 512, tools: [CUSTOM], messages: [user('go')] });
    expect(first.content).toEqual([{ type: 'tool_use', id: 'toolu_fixed_1', name: 'finish', input: { summary: 'x' } }]);
    expect(first.stop_reason).toBe('tool_use');
    const second = await c.messages.create({
      model: MODEL,
      max_tokens: 512,
      tools: [CUSTOM],
      messages: [
        user('go'),
        assistant(first.content),
        user([{ type: 'tool_result', tool_use_id: 'toolu_fixed_1', content: 'done' }]),
      ],
    });
    expect(second.content).toEqual([{ type: 'text', text: 'got toolu_fixed_1: "done"' }]);
    expect(second.stop_reason).toBe('end_turn');
    expect(s.requests.map((r) => r.stream)).toEqual([false, false]);
  });

  it('counts tokens without consuming the script', async () => {
    const s = await start([]);
    const res = await client(s).messages.countTokens({ model: MODEL, messages: [user('hello there')] });
    expect(res.input_tokens).toBeGreaterThan(0);
    expect(s.tokenCounts).toHaveLength(1);
    expect(s.requests).toHaveLength(0);
  });

  it('routes per sub-agent by a marker in the system prompt', async () => {
    const s = await start({
      route: (req) => /<role>(\w+)<\/role>/.exec(systemText(req))?.[1] ?? 'none',
      scripts: { planner: [reply(text('plan'))], coder: [reply(text('code 1')), reply(text('code 2'))] },
    });
    const c = client(s);
    const ask = async (role: string): Promise<string> => {
      const m = await c.messages.create({ model: MODEL, max_tokens: 10, system: [{ type: 'text', text: `<role>${role}</role>` }], messages: [user('hi')] });
      return (m.content[0] as Anthropic.TextBlock).text;
    };
    expect(await ask('coder')).toBe('code 1');
    expect(await ask('planner')).toBe('plan');
    expect(await ask('coder')).toBe('code 2');
    expect(s.requests.map((r) => [r.route, r.replyIndex])).toEqual([
      ['coder', 0],
      ['planner', 0],
      ['coder', 1],
    ]);
    expect(s.remaining()).toBe(0);
    await expect(ask('verifier')).rejects.toThrow(/no script for route/);
    expect(s.rejected.at(-1)?.body.error.message).toMatch(/no script for route "verifier"/);
  });
});

describe('model server: faults', () => {
  it('529 then success: the SDK retries by itself when maxRetries allows', async () => {
    const s = await start([{ fault: 'http', status: 529, retryAfterMs: 1 }, reply(text('ok'))]);
    const msg = await client(s, 2).messages.stream({ model: MODEL, max_tokens: 10, messages: [user('hi')] }).finalMessage();
    expect(msg.content).toEqual([{ type: 'text', text: 'ok' }]);
    expect(s.requests.map((r) => r.outcome)).toEqual(['http-fault', 'reply']);
    expect(s.rejected).toEqual([]);
  });

  it('429 carries the real error shape, request-id and retry-after; x-should-retry:false stops SDK retries', async () => {
    const s = await start([
      { fault: 'http', status: 429, retryAfter: 7, shouldRetry: false },
      { fault: 'http', status: 500, shouldRetry: false },
    ]);
    const err = await client(s, 2)
      .messages.create({ model: MODEL, max_tokens: 10, messages: [user('hi')] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.RateLimitError);
    const e = err as InstanceType<typeof Anthropic.RateLimitError>;
    expect(e.status).toBe(429);
    expect(e.error).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
    expect(e.headers.get('retry-after')).toBe('7');
    expect(e.requestID).toMatch(/^req_/);
    expect(s.requests).toHaveLength(1);
    const err2 = await client(s, 2)
      .messages.create({ model: MODEL, max_tokens: 10, messages: [user('hi')] })
      .catch((e: unknown) => e);
    expect(err2).toBeInstanceOf(Anthropic.InternalServerError);
  });

  it('a cut mid-stream fails the SDK stream; the retry gets the same reply', async () => {
    const s = await start([{ fault: 'cut', afterEvents: 4 }, reply(text('complete answer'), toolUse('bash', { command: 'make test' }))]);
    const c = client(s, 2); // the SDK does not retry a body that fails after the headers
    const params = { model: MODEL, max_tokens: 100, tools: [BASH], messages: [user('run tests')] };
    const partial: string[] = [];
    const first = c.messages.stream(params);
    first.on('text', (t) => partial.push(t));
    await expect(first.finalMessage()).rejects.toThrow();
    expect(partial).toEqual(['complete']); // 4 events: message_start, ping, content_block_start, 1st text_delta
    expect(s.requests).toHaveLength(1);
    const second = await c.messages.stream(params).finalMessage();
    expect(second.content[0]).toEqual({ type: 'text', text: 'complete answer' });
    expect(s.requests.map((r) => r.outcome)).toEqual(['cut', 'reply']);
    const [a, b] = s.requests;
    expect((a!.response!.content[1] as { id: string }).id).toBe((second.content[1] as Anthropic.ToolUseBlock).id);
    expect(b!.replyIndex).toBe(1);
    expect(s.remaining()).toBe(0);
  });

  it('sseEvents tells which events a cut sends', async () => {
    const s = await start([reply(text('ab'))]);
    await client(s).messages.create({ model: MODEL, max_tokens: 10, messages: [user('x')] });
    const names = sseEvents(s.requests[0]!.response!).map((e) => e.event);
    expect(names).toEqual([
      'message_start',
      'ping',
      'content_block_start',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
  });

  it('a stream-error event surfaces as an APIError of that type', async () => {
    const s = await start([{ fault: 'stream-error', afterEvents: 3 }, reply(text('fine'))]);
    const c = client(s);
    const err = await c.messages.stream({ model: MODEL, max_tokens: 10, messages: [user('x')] }).finalMessage().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.APIError);
    expect(String((err as Error).message)).toMatch(/overloaded_error/);
    const ok = await c.messages.stream({ model: MODEL, max_tokens: 10, messages: [user('x')] }).finalMessage();
    expect(ok.content).toEqual([{ type: 'text', text: 'fine' }]);
  });

  it('a connection reset is retried by the SDK', async () => {
    const s = await start([{ fault: 'reset' }, reply(text('after reset'))]);
    const msg = await client(s, 1).messages.create({ model: MODEL, max_tokens: 10, messages: [user('x')] });
    expect(msg.content).toEqual([{ type: 'text', text: 'after reset' }]);
  });

  it('an exhausted script answers 500 with a clear message and records it', async () => {
    const s = await start([]);
    const err = await client(s).messages.create({ model: MODEL, max_tokens: 10, messages: [user('what now?')] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.InternalServerError);
    expect(s.rejected).toHaveLength(1);
    expect(s.rejected[0]!.status).toBe(500);
    expect(s.rejected[0]!.body.error.message).toMatch(/script exhausted at request #0.*what now\?/);
  });
});

describe('model server: validation', () => {
  const base = { model: MODEL, max_tokens: 10 };

  it('tool_result that answers no tool_use → BadRequestError (invalid_request_error)', async () => {
    const s = await start([reply(text('never'))]);
    const err = await client(s)
      .messages.create({
        ...base,
        tools: [BASH],
        messages: [
          user('go'),
          assistant([{ type: 'tool_use', id: 'toolu_a', name: 'bash', input: { command: 'ls' } }]),
          user([{ type: 'tool_result', tool_use_id: 'toolu_WRONG', content: 'x' }]),
        ],
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.BadRequestError);
    expect((err as InstanceType<typeof Anthropic.BadRequestError>).error).toMatchObject({
      type: 'error',
      error: { type: 'invalid_request_error' },
    });
    expect(s.rejected).toHaveLength(1);
    expect(s.rejected[0]!.body.error.message).toMatch(/toolu_a|toolu_WRONG/);
    expect(s.remaining()).toBe(1);
  });

  it('rejects what the real API rejects', async () => {
    const s = await start(() => reply(text('ok')));
    const tu: Anthropic.ToolUseBlockParam = { type: 'tool_use', id: 'toolu_1', name: 'bash', input: {} };
    const tr: Anthropic.ToolResultBlockParam = { type: 'tool_result', tool_use_id: 'toolu_1', content: 'r' };
    const cc = { type: 'ephemeral' } as const;
    const cases: [string, unknown, RegExp][] = [
      ['no model', { max_tokens: 1, messages: [user('x')] }, /model/],
      ['no max_tokens', { model: MODEL, messages: [user('x')] }, /max_tokens/],
      ['zero max_tokens', { ...base, max_tokens: 0, messages: [user('x')] }, /max_tokens/],
      ['no messages', { ...base, messages: [] }, /messages/],
      ['assistant first', { ...base, messages: [assistant('x')] }, /first message/],
      ['tool_use unanswered', { ...base, tools: [BASH], messages: [user('x'), assistant([tu]), user('y')] }, /without `tool_result`/],
      ['tool_use last', { ...base, tools: [BASH], messages: [user('x'), assistant([tu])] }, /without `tool_result`/],
      ['tool_result not first', { ...base, tools: [BASH], messages: [user('x'), assistant([tu]), user([{ type: 'text', text: 'hm' }, tr])] }, /before any other/],
      ['tool blocks without tools', { ...base, messages: [user('x'), assistant([tu]), user([tr])] }, /must define tools/],
      ['five breakpoints', { ...base, system: [1, 2, 3].map((i) => ({ type: 'text', text: `s${i}`, cache_control: cc })), messages: [user([{ type: 'text', text: 'a', cache_control: cc }, { type: 'text', text: 'b', cache_control: cc }])] }, /maximum of 4/],
      ['cache_control on empty text', { ...base, system: [{ type: 'text', text: '', cache_control: cc }], messages: [user('x')] }, /empty text/],
      ['duplicate tool names', { ...base, tools: [BASH, { name: 'bash', input_schema: { type: 'object' } }], messages: [user('x')] }, /unique/],
      ['custom tool without schema', { ...base, tools: [{ name: 'f' }], messages: [user('x')] }, /input_schema/],
      ['unknown tool type', { ...base, tools: [{ type: 'bash_20241022', name: 'bash' }], messages: [user('x')] }, /does not match/],
      ['wrong client tool name', { ...base, tools: [{ type: 'text_editor_20250728', name: 'str_replace_editor' }], messages: [user('x')] }, /str_replace_based_edit_tool/],
      ['prefill ends in whitespace', { ...base, messages: [user('x'), assistant('Sure ')] }, /trailing whitespace/],
      ['1h after 5m', { ...base, system: [{ type: 'text', text: 'a', cache_control: cc }, { type: 'text', text: 'b', cache_control: { type: 'ephemeral', ttl: '1h' } }], messages: [user('x')] }, /1h/],
    ];
    for (const [name, body, re] of cases) {
      const { status, json } = await post(s, body);
      expect([name, status, json.type, json.error?.type]).toEqual([name, 400, 'error', 'invalid_request_error']);
      expect(json.error.message, name).toMatch(re);
    }
    expect(s.rejected).toHaveLength(cases.length);
    expect(s.requests).toHaveLength(0);

    // Accepted: consecutive same-role messages (merged), thinking, all three client tool types, prefill.
    const ok = await post(s, {
      ...base,
      max_tokens: 4096,
      thinking: { type: 'enabled', budget_tokens: 1024 },
      tools: [BASH, EDIT, { type: 'text_editor_20250124', name: 'str_replace_editor' }, CUSTOM],
      messages: [user('a'), user('b'), assistant([tu]), user([tr]), user('and also'), assistant('Sure')],
    });
    expect(ok.status).toBe(200);
    expect(ok.json.content).toEqual([{ type: 'text', text: 'ok' }]);
  });

  it('requires an API key and anthropic-version', async () => {
    const s = await start([], { apiKey: 'sk-ant-right' });
    const body = { ...base, messages: [user('x')] };
    expect((await post(s, body, { 'x-api-key': '' })).json.error.type).toBe('authentication_error');
    expect((await post(s, body, { 'x-api-key': 'sk-ant-wrong' })).status).toBe(401);
    expect((await post(s, body, { 'x-api-key': 'sk-ant-right', 'anthropic-version': '' })).status).toBe(400);
    const bearer = await post(s, body, { 'x-api-key': '', authorization: 'Bearer sk-ant-right' });
    expect(bearer.status).toBe(500); // passed auth, then the empty script is exhausted
    const res = await fetch(`${s.url}/v1/v1/messages`, { method: 'POST' });
    expect(res.status).toBe(404);
  });
});

describe('cache accounting', () => {
  const big = 'You are a careful coding agent. '.repeat(300); // ~9600 chars ≈ 2400 tokens
  const cc = { type: 'ephemeral' } as const;
  const req = (over: Partial<CacheableRequest> = {}): CacheableRequest => ({
    model: MODEL,
    tools: [BASH, CUSTOM],
    system: [{ type: 'text', text: big, cache_control: cc }],
    messages: [user('Fix the failing test in src/a.ts')],
    ...over,
  });

  it('identical request twice: the first writes, the second reads the prefix', () => {
    const st = createCacheState();
    const a = accountCache(st, req(), { now: 0 });
    expect(a.cache_read_input_tokens).toBe(0);
    expect(a.cache_creation_input_tokens).toBeGreaterThan(2000);
    expect(a.cache_creation.ephemeral_5m_input_tokens).toBe(a.cache_creation_input_tokens);
    expect(a.input_tokens).toBeGreaterThan(0);
    const b = accountCache(st, req(), { now: 1000 });
    expect(b.cache_read_input_tokens).toBe(a.cache_creation_input_tokens);
    expect(b.cache_creation_input_tokens).toBe(0);
    expect(b.input_tokens).toBe(a.input_tokens);
  });

  it('appending a turn with a tail breakpoint reads the earlier prefix and writes only the new part', () => {
    const st = createCacheState();
    const turn1 = [user([{ type: 'text', text: 'Fix it', cache_control: cc }])];
    const a = accountCache(st, req({ messages: turn1 }), { now: 0 });
    const total1 = a.detail.totalTokens;
    expect(a.cache_creation_input_tokens).toBe(total1); // everything up to the tail breakpoint
    const turn2: Anthropic.MessageParam[] = [
      user([{ type: 'text', text: 'Fix it' }]),
      assistant([{ type: 'tool_use', id: 'toolu_1', name: 'bash', input: { command: 'npm test' } }]),
      user([{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'FAIL a.test.ts', cache_control: cc }]),
    ];
    const b = accountCache(st, req({ messages: turn2 }), { now: 10 });
    expect(b.cache_read_input_tokens).toBe(total1);
    expect(b.cache_creation_input_tokens).toBe(b.detail.totalTokens - total1);
    expect(b.input_tokens).toBe(0);
  });

  it('changing the system prompt reads nothing; changing tool_choice keeps the tools+system cache', () => {
    const st = createCacheState();
    const tail = [user([{ type: 'text', text: 'go', cache_control: cc }])];
    const a = accountCache(st, req({ messages: tail }), { now: 0 });
    const changed = accountCache(st, req({ messages: tail, system: [{ type: 'text', text: big + '!', cache_control: cc }] }), { now: 1 });
    expect(changed.cache_read_input_tokens).toBe(0);
    const tc = accountCache(st, req({ messages: tail, tool_choice: { type: 'any' } }), { now: 2 });
    expect(tc.cache_read_input_tokens).toBeGreaterThan(0);
    expect(tc.cache_read_input_tokens).toBeLessThan(a.detail.totalTokens);
    const otherModel = accountCache(st, { ...req({ messages: tail }), model: 'claude-opus-4-1' }, { now: 3 });
    expect(otherModel.cache_read_input_tokens).toBe(0);
  });

  it('no breakpoints, or a prefix under the minimum: no caching', () => {
    const st = createCacheState();
    const plain = req({ system: big });
    for (let i = 0; i < 2; i++) {
      const u = accountCache(st, plain, { now: i });
      expect([u.cache_read_input_tokens, u.cache_creation_input_tokens]).toEqual([0, 0]);
      expect(u.input_tokens).toBe(u.detail.totalTokens);
    }
    const small = req({ system: [{ type: 'text', text: 'short', cache_control: cc }] });
    accountCache(st, small, { now: 0 });
    expect(accountCache(st, small, { now: 1 }).cache_read_input_tokens).toBe(0);
    // Haiku's minimum is 2048: a ~1500-token prefix caches on Sonnet, not on Haiku.
    const mid = req({ tools: [], system: [{ type: 'text', text: 'y'.repeat(6000), cache_control: cc }] });
    expect(accountCache(st, mid, { now: 0 }).cache_creation_input_tokens).toBeGreaterThan(0);
    expect(accountCache(st, { ...mid, model: 'claude-haiku-4-5' }, { now: 0 }).cache_creation_input_tokens).toBe(0);
  });

  it('looks back at most CACHE_LOOKBACK_BLOCKS blocks from a breakpoint', () => {
    const conv = (n: number, tail: boolean): Anthropic.MessageParam[] => {
      const msgs: Anthropic.MessageParam[] = [user('start')];
      for (let i = 0; i < n; i++) {
        msgs.push(assistant([{ type: 'tool_use', id: `toolu_${i}`, name: 'bash', input: { command: `echo ${i}` } }]));
        msgs.push(user([{ type: 'tool_result', tool_use_id: `toolu_${i}`, content: `out ${i}`, ...(tail && i === n - 1 ? { cache_control: cc } : {}) }]));
      }
      return msgs;
    };
    const st = createCacheState();
    const first = accountCache(st, req({ messages: conv(2, true) }), { now: 0 });
    const near = accountCache(st, req({ messages: conv(2 + 5, true) }), { now: 1 });
    expect(near.cache_read_input_tokens).toBe(first.detail.totalTokens);
    // 11 more turns = 22 more blocks past the last written breakpoint (conv(7)): beyond the window,
    // so only the system breakpoint's prefix is found.
    const far = accountCache(st, req({ messages: conv(7 + 11, true) }), { now: 2 });
    expect(CACHE_LOOKBACK_BLOCKS).toBe(20);
    expect(far.cache_read_input_tokens).toBeLessThan(near.detail.totalTokens);
    expect(far.detail.readThrough).toBe(2); // tools (2 blocks) + system block → index 2
  });

  it('automatic caching (top-level cache_control) and TTL expiry', () => {
    const st = createCacheState();
    const auto = req({ system: big, cache_control: cc });
    const a = accountCache(st, auto, { now: 0 });
    expect(a.cache_creation_input_tokens).toBe(a.detail.totalTokens);
    expect(accountCache(st, auto, { now: CACHE_TTL_MS['5m'] - 1 }).cache_read_input_tokens).toBe(a.detail.totalTokens);
    // The read refreshed the entry; 5 minutes after that read, it is gone.
    expect(accountCache(st, auto, { now: 2 * CACHE_TTL_MS['5m'] }).cache_read_input_tokens).toBe(0);
  });

  it('the server reports the accounting in streamed and JSON usage', async () => {
    const s = await start([reply(text('one')), reply(text('two'))]);
    const c = client(s);
    const params = {
      model: MODEL,
      max_tokens: 100,
      tools: [BASH],
      system: [{ type: 'text' as const, text: big, cache_control: cc }],
      messages: [user('hello')],
    };
    const m1 = await c.messages.stream(params).finalMessage();
    const m2 = await c.messages.create(params);
    expect(m1.usage.cache_read_input_tokens).toBe(0);
    expect(m1.usage.cache_creation_input_tokens).toBeGreaterThan(2000);
    expect(m2.usage.cache_read_input_tokens).toBe(m1.usage.cache_creation_input_tokens);
    expect(m2.usage.cache_creation_input_tokens).toBe(0);
    expect(m2.usage.input_tokens).toBe(m1.usage.input_tokens);
    expect(s.requests[1]!.usage?.cache_read_input_tokens).toBe(m2.usage.cache_read_input_tokens);
  });
});
