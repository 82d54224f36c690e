import { describe, expect, it } from 'vitest';
import { AUTO_MODELS, CONSERVATIVE_PRICE, costUsd, knownPrice, normalizeModelId, parseModelSetting, pickModel, PRICES } from '../../../src/agent/pricing.js';

const u = (input: number, output: number, write = 0, read = 0) => ({
  input_tokens: input,
  output_tokens: output,
  cache_creation_input_tokens: write,
  cache_read_input_tokens: read,
});

describe('pricing', () => {
  it('prices input, output, 5-minute cache writes (1.25×) and reads (0.1×)', () => {
    // Sonnet 4.5: $3 in, $15 out, $3.75 write, $0.30 read per MTok.
    expect(costUsd('claude-sonnet-4-5', u(1_000_000, 0))).toBeCloseTo(3);
    expect(costUsd('claude-sonnet-4-5', u(0, 1_000_000))).toBeCloseTo(15);
    expect(costUsd('claude-sonnet-4-5', u(0, 0, 1_000_000))).toBeCloseTo(3.75);
    expect(costUsd('claude-sonnet-4-5', u(0, 0, 0, 1_000_000))).toBeCloseTo(0.3);
    expect(costUsd('claude-opus-4-5-20251101', u(1_000_000, 1_000_000))).toBeCloseTo(30);
    expect(costUsd('claude-haiku-4-5-20251001', u(1_000_000, 1_000_000))).toBeCloseTo(6);
  });

  it('bills Haiku 5.5 at the long-prompt tier above 100k prompt tokens', () => {
    expect(costUsd('claude-haiku-5-5', u(100_000, 0))).toBeCloseTo(0.01);
    expect(costUsd('claude-haiku-5-5', u(50_000, 1000, 0, 60_000))).toBeCloseTo((50_000 * 0.5 + 1000 * 2.5 + 60_000 * 0.05) / 1e6);
  });

  it('knows every Opus/Sonnet/Haiku 4.x and newer id of the SDK, incl. provider spellings', () => {
    for (const id of ['claude-opus-4-8', 'claude-opus-4-7', 'claude-opus-4-6', 'claude-sonnet-4-6', 'claude-haiku-4-5', 'claude-opus-5-5', 'claude-sonnet-5-5', 'claude-haiku-5-5', 'claude-fable-5-2']) {
      expect(knownPrice(id), id).toBeDefined();
    }
    expect(normalizeModelId('us.anthropic.claude-sonnet-4-5-20250929-v1:0')).toBe('claude-sonnet-4-5');
    expect(normalizeModelId('claude-opus-4-5@20251101')).toBe('claude-opus-4-5');
    expect(normalizeModelId('claude-opus-5-5[1m]')).toBe('claude-opus-5-5');
  });

  it('charges an unknown model at the most expensive row', () => {
    const max = Math.max(...Object.values(PRICES).map((p) => p.input + p.output));
    expect(CONSERVATIVE_PRICE.input + CONSERVATIVE_PRICE.output).toBe(max);
    expect(knownPrice('claude-unknown-9')).toBeUndefined();
    expect(costUsd('claude-unknown-9', u(1_000_000, 0))).toBe(CONSERVATIVE_PRICE.input);
  });
});

describe('model choice', () => {
  it('auto picks per role from current ids', () => {
    expect(pickModel('planner', 'auto')).toBe(AUTO_MODELS.planner);
    expect(pickModel('verifier', '')).toBe(AUTO_MODELS.verifier);
    expect(pickModel('coder', undefined)).toBe(AUTO_MODELS.coder);
    expect(pickModel('coder', 'auto', { smallEdit: true })).toBe(AUTO_MODELS.smallEdit);
    expect(pickModel('learner', 'auto')).toBe(AUTO_MODELS.learner);
    for (const id of Object.values(AUTO_MODELS)) expect(knownPrice(id), id).toBeDefined();
  });

  it('uses a forced id for every role, or per-role pairs with a default', () => {
    expect(pickModel('planner', 'claude-opus-4-5')).toBe('claude-opus-4-5');
    const pairs = 'planner=claude-opus-4-5, coder=claude-sonnet-4-5';
    expect(pickModel('planner', pairs)).toBe('claude-opus-4-5');
    expect(pickModel('coder', pairs)).toBe('claude-sonnet-4-5');
    expect(pickModel('verifier', pairs)).toBe(AUTO_MODELS.verifier);
    expect(pickModel('learner', 'default=claude-haiku-4-5,planner=auto')).toBe('claude-haiku-4-5');
    expect(pickModel('planner', 'default=claude-haiku-4-5,planner=auto')).toBe(AUTO_MODELS.planner);
  });

  it('rejects malformed settings with the entry at fault', () => {
    expect(() => parseModelSetting('designer=claude-opus-4-5')).toThrow('unknown role "designer"');
    expect(() => parseModelSetting('planner=')).toThrow('for role "planner" is not a model id');
    expect(() => parseModelSetting('planner=a,planner=b')).toThrow('role "planner" is given twice');
    expect(() => parseModelSetting('claude opus')).toThrow('is not a model id');
    expect(() => parseModelSetting('planner=x,coder')).toThrow('"coder" is not a role=model pair');
  });
});
