/**
 * The real SDK (through model.ts) against the rig's scripted Messages API server: retries on
 * 529/429/500, on a stream cut mid-message and on an SSE error event; no retry on 4xx.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createModelClient, ModelError, providerModelId } from '../../../src/agent/model.js';
import { runAgent } from '../../../src/agent/loop.js';
import { buildRequest } from '../../../src/agent/request.js';
import type { ModelRequest } from '../../../src/agent/types.js';
import { reply, startModelServer, text, toolUse, type ModelScript, type ModelServer } from '../../rig/model-server.js';
import { makeCtx, newSpend, farLimits, tempDir } from './helpers.js';
import { createBashTool } from '../../../src/agent/tools/bash.js';

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function client(script: ModelScript, over: Parameters<typeof createModelClient>[0] extends infer O ? Partial<O> : never = {}) {
  server = await startModelServer(script);
  return createModelClient({ apiKey: 'sk-ant-test', baseURL: server.url, retryBaseMs: 5, maxRetries: 0, ...over });
}

const params = (): ModelRequest =>
  buildRequest({ modelId: 'claude-sonnet-4-5', system: [{ type: 'text', text: 'sys' }], tools: [], messages: [{ role: 'user', content: 'hi' }] });

describe('createModelClient', () => {
  it('streams a message and reports usage', async () => {
    const m = await client([reply(text('hello there'))]);
    const r = await m.send(params());
    expect(r.attempts).toBe(1);
    expect(r.message.content).toMatchObject([{ type: 'text', text: 'hello there' }]);
    expect(r.message.stop_reason).toBe('end_turn');
    expect(r.usage.output_tokens).toBeGreaterThan(0);
    expect(server!.requests[0]!.stream).toBe(true);
    // SDK 1.x sends the API key as a bearer token.
    const h = server!.requests[0]!.headers;
    expect(h['x-api-key'] ?? h['authorization']?.replace(/^Bearer /, '')).toBe('sk-ant-test');
  });

  it.each([529, 429, 500])('retries a %i that the SDK did not retry', async (status) => {
    const m = await client([{ fault: 'http', status }, { fault: 'http', status }, reply(text('ok'))]);
    const r = await m.send(params());
    expect(r.attempts).toBe(3);
    expect(server!.requests.map((q) => q.outcome)).toEqual(['http-fault', 'http-fault', 'reply']);
  });

  it("lets the SDK's own retries handle a 529 first (honouring retry-after-ms)", async () => {
    const m = await client([{ fault: 'http', status: 529, retryAfterMs: 1 }, reply(text('ok'))], { maxRetries: 2 });
    const r = await m.send(params());
    expect(r.attempts).toBe(1);
    expect(server!.requests).toHaveLength(2);
  });

  it('honours retry-after-ms on our own retry', async () => {
    const m = await client([{ fault: 'http', status: 429, retryAfterMs: 300 }, reply(text('ok'))], { retryBaseMs: 1 });
    const t0 = Date.now();
    await m.send(params());
    expect(Date.now() - t0).toBeGreaterThanOrEqual(280);
  });

  it('retries a stream cut mid-message and an overloaded_error event mid-stream', async () => {
    const m = await client([
      { fault: 'cut', afterEvents: 4 },
      { fault: 'stream-error', afterEvents: 3, type: 'overloaded_error' },
      reply(text('finally complete'), toolUse('bash', { command: 'ls' })),
    ]);
    const r = await m.send(params());
    expect(r.attempts).toBe(3);
    expect(server!.requests.map((q) => q.outcome)).toEqual(['cut', 'stream-error', 'reply']);
    expect(r.message.content).toMatchObject([
      { type: 'text', text: 'finally complete' },
      { type: 'tool_use', name: 'bash', input: { command: 'ls' } },
    ]);
  });

  it('gives up after maxAttempts with a clear error', async () => {
    const m = await client(Array.from({ length: 5 }, () => ({ fault: 'http' as const, status: 529 })), { maxAttempts: 3 });
    const err = await m.send(params()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelError);
    expect((err as ModelError).message).toBe('Anthropic API request failed after 3 attempts: 529 overloaded_error: Overloaded');
    expect(err).toMatchObject({ status: 529, type: 'overloaded_error', attempts: 3, retryable: true });
    expect(server!.requests).toHaveLength(3);
  });

  it.each([
    [400, 'invalid_request_error', 'the request was rejected'],
    [401, 'authentication_error', 'check the anthropic-api-key input'],
    [403, 'permission_error', 'may not have access'],
    [404, 'not_found_error', 'check the model id'],
  ] as const)('does not retry a %i', async (status, type, hint) => {
    const m = await client([{ fault: 'http', status }, reply(text('never'))], { maxRetries: 2 });
    const err = (await m.send(params()).catch((e: unknown) => e)) as ModelError;
    expect(err).toBeInstanceOf(ModelError);
    expect(err).toMatchObject({ status, type, attempts: 1, retryable: false });
    expect(err.message).toContain(hint);
    expect(server!.requests).toHaveLength(1);
  });

  it('obeys x-should-retry: false on a 529', async () => {
    const m = await client([{ fault: 'http', status: 529, shouldRetry: false }, reply(text('never'))]);
    await expect(m.send(params())).rejects.toMatchObject({ status: 529, attempts: 1, retryable: false });
  });

  it('stops retrying when cancelled', async () => {
    const m = await client([{ fault: 'http', status: 529 }, reply(text('late'))], { retryBaseMs: 5000 });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    const t0 = Date.now();
    await expect(m.send(params(), { signal: ac.signal })).rejects.toMatchObject({ message: 'model request cancelled', retryable: false });
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('maps model ids per provider: Bedrock gets anthropic.<id>-v1:0 unless the id already is a Bedrock id, profile or ARN', () => {
    expect(providerModelId('claude-sonnet-4-5', 'bedrock')).toBe('anthropic.claude-sonnet-4-5-v1:0');
    expect(providerModelId('us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'bedrock')).toBe('us.anthropic.claude-sonnet-4-5-20250929-v1:0');
    expect(providerModelId('arn:aws:bedrock:us-west-2:1:inference-profile/x', 'bedrock')).toBe('arn:aws:bedrock:us-west-2:1:inference-profile/x');
    expect(providerModelId('claude-sonnet-4-5@20250929', 'vertex')).toBe('claude-sonnet-4-5@20250929');
    expect(providerModelId('claude-sonnet-4-5', 'anthropic')).toBe('claude-sonnet-4-5');
  });

  it('bedrock: SigV4 from the AWS environment, a 529 and a cut EventStream retried by our layer; no countTokens (Bedrock has none)', async () => {
    const aws = { accessKeyId: 'AKIAUNIT', secretAccessKey: 'unit-secret', region: 'eu-west-1' };
    server = await startModelServer([{ fault: 'http', status: 529 }, { fault: 'cut', afterEvents: 3 }, reply(text('from bedrock'))], { bedrock: aws });
    const saved = { ...process.env };
    Object.assign(process.env, { AWS_REGION: aws.region, AWS_ACCESS_KEY_ID: aws.accessKeyId, AWS_SECRET_ACCESS_KEY: aws.secretAccessKey, ANTHROPIC_BEDROCK_BASE_URL: server.url });
    try {
      const m = createModelClient({ apiKey: '', provider: 'bedrock', retryBaseMs: 5, maxRetries: 0 });
      expect(m.countTokens).toBeUndefined();
      const r = await m.send(params());
      expect(r.attempts).toBe(3);
      expect(r.message.content).toMatchObject([{ type: 'text', text: 'from bedrock' }]);
      expect(server.rejected).toEqual([]);
      expect(server.requests.map((q) => q.path)).toEqual(Array(3).fill('/model/anthropic.claude-sonnet-4-5-v1:0/invoke-with-response-stream'));
    } finally {
      process.env = saved;
    }
  });

  it('bedrock: a wrong secret is a 403 that is not retried, and the message says what to check', async () => {
    server = await startModelServer([reply(text('never'))], { bedrock: { accessKeyId: 'AKIAUNIT', secretAccessKey: 'right', region: 'eu-west-1' } });
    const saved = { ...process.env };
    Object.assign(process.env, { AWS_REGION: 'eu-west-1', AWS_ACCESS_KEY_ID: 'AKIAUNIT', AWS_SECRET_ACCESS_KEY: 'wrong', ANTHROPIC_BEDROCK_BASE_URL: server.url });
    try {
      const m = createModelClient({ apiKey: '', provider: 'bedrock', retryBaseMs: 5, maxRetries: 0 });
      const err = await m.send(params()).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ModelError);
      expect((err as ModelError).status).toBe(403);
      expect((err as ModelError).message).toMatch(/^Amazon Bedrock request failed: 403 .*signature.* — check the AWS credentials/);
      expect(server.rejected).toHaveLength(1);
    } finally {
      process.env = saved;
    }
  });

  it('drives the real loop end to end: faults are retried, the conversation stays valid, the cache is read', async () => {
    const ws = tempDir();
    const steps: ModelScript = [
      reply(text('Listing'), toolUse('bash', { command: 'echo one' })),
      { fault: 'cut', afterEvents: 5 },
      reply(toolUse('bash', { command: 'echo two' })),
      { fault: 'http', status: 529 },
      reply(text('Done.')),
    ];
    const m = await client(steps);
    const spend = newSpend();
    const r = await runAgent({
      model: m,
      modelId: 'claude-sonnet-4-5',
      role: 'coder',
      system: [{ type: 'text', text: `You are the coder. ${'Be careful. '.repeat(600)}` }],
      tools: [createBashTool()],
      messages: [{ role: 'user', content: 'Run two commands.' }],
      limits: farLimits(),
      spend,
      ctx: makeCtx(ws),
    });
    expect(r.exitReason).toBe('completed');
    expect(r.text).toBe('Done.');
    expect(server!.rejected).toEqual([]);
    expect(spend.turns).toBe(3);
    expect(spend.usage.cache_read_input_tokens).toBeGreaterThan(0);
    const results = r.messages.flatMap((msg) => (typeof msg.content === 'string' ? [] : msg.content)).filter((b) => b.type === 'tool_result');
    expect(results.map((b) => (b as { content: string }).content)).toEqual(['one\n[exit code: 0]', 'two\n[exit code: 0]']);
  });
});
