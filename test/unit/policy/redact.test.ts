import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ModelClient } from '../../../src/agent/types.js';
import { basicCredential } from '../../../src/git/auth.js';
import { MIN_SECRET_LENGTH, REDACTED, Redactor, redactDeep, redactingModelClient, scanForSecrets, scrubSecretsInFiles } from '../../../src/policy/redact.js';

// Shapes assembled at run time so this file does not itself look like it holds secrets.
const TOKEN = ['ghs', 'Kc4nAry0Tok3nV4lu3F0rT3st1ngOnly99zz'].join('_');
const API_KEY = ['sk', 'ant', 'api03', 'CANARYcanaryCANARYcanary0123456789abcdef'].join('-');

function redactor(): { r: Redactor; masked: string[] } {
  const masked: string[] = [];
  const r = new Redactor({ setSecret: (v) => masked.push(v) });
  r.register(TOKEN, 'github-token');
  r.register(API_KEY, 'anthropic-api-key');
  return { r, masked };
}

describe('Redactor.register', () => {
  it('registers derived forms and masks each in the runner log', () => {
    const { r, masked } = redactor();
    expect(masked).toContain(TOKEN);
    expect(masked).toContain(Buffer.from(TOKEN).toString('base64'));
    expect(masked).toContain(basicCredential(TOKEN));
    expect(r.size).toBe(masked.length);
    expect(r.values()).toEqual(masked);
  });

  it(`ignores values shorter than ${MIN_SECRET_LENGTH} characters`, () => {
    const masked: string[] = [];
    const r = new Redactor({ setSecret: (v) => masked.push(v) });
    r.register('abc');
    r.register('   ');
    r.register('');
    expect(r.size).toBe(0);
    expect(masked).toEqual([]);
    expect(r.redact('abc abc')).toBe('abc abc');
  });
});

describe('Redactor.redact', () => {
  const { r } = redactor();

  it.each([
    ['plain', (t: string) => `token=${t} done`],
    ['base64', (t: string) => Buffer.from(t).toString('base64')],
    ['basic credential', (t: string) => `AUTHORIZATION: basic ${basicCredential(t)}`],
    ['url-encoded', (t: string) => `https://x/?t=${encodeURIComponent(t)}`],
    ['json-escaped', (t: string) => JSON.stringify({ value: t })],
    ['in a URL', (t: string) => `https://x-access-token:${t}@github.com/o/r.git`],
    ['base64 of .git/config', (t: string) => Buffer.from(`[http]\n\textraheader = AUTHORIZATION: basic ${basicCredential(t)}\n`).toString('base64')],
    ['base64 inside a blob, offset 1', (t: string) => Buffer.from(`x${t}yz`).toString('base64')],
    ['base64 inside a blob, offset 2', (t: string) => Buffer.from(`xy${t}z`).toString('base64')],
  ])('the canary never survives: %s', (_name, shape) => {
    for (const secret of [TOKEN, API_KEY]) {
      const out = r.redact(`before ${shape(secret)} after`);
      expect(out).not.toContain(secret);
      expect(out).toContain(REDACTED);
      expect(out.startsWith('before ')).toBe(true);
    }
  });

  it.each([
    ['GitHub classic', ['ghp', 'A'.repeat(36)].join('_')],
    ['GitHub OAuth', ['gho', 'b'.repeat(36)].join('_')],
    ['GitHub user-to-server', ['ghu', 'C1'.repeat(18)].join('_')],
    ['GitHub installation', ['ghs', 'd2'.repeat(18)].join('_')],
    ['GitHub refresh', ['ghr', 'e3'.repeat(18)].join('_')],
    ['GitHub fine-grained', ['github', 'pat', '11ABCDEFG0123456789abc', 'x'.repeat(59)].join('_')],
    ['Anthropic', ['sk', 'ant', 'api03', 'z'.repeat(40)].join('-')],
    ['AWS access key id', ['AKIA', 'IOSFODNN7EXAMPLE'].join('')],
    ['AWS session key id', ['ASIA', 'Y3JEDNN7EXAMPLE2'].join('')],
    ['Slack', ['xoxb', '1234567890', 'abcdefghijklmnop'].join('-')],
    ['JWT', ['eyJhbGciOiJIUzI1NiJ9', 'eyJzdWIiOiIxMjM0NTY3ODkwIn0', 'dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'].join('.')],
  ])('redacts an unregistered %s token', (_name, value) => {
    const out = new Redactor({ setSecret: () => {} }).redact(`x ${value} y`);
    expect(out).toBe(`x ${REDACTED} y`);
  });

  it('redacts AWS secret keys in context, keeping the key name', () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    expect(r.redact(`aws_secret_access_key = ${secret}`)).toBe(`aws_secret_access_key = ${REDACTED}`);
    expect(r.redact(`AWS_SECRET_ACCESS_KEY="${secret}"`)).toBe(`AWS_SECRET_ACCESS_KEY="${REDACTED}"`);
  });

  it('redacts bearer and basic Authorization headers', () => {
    expect(r.redact('Authorization: Bearer abc.def-ghi_jkl012')).toBe(`Authorization: Bearer ${REDACTED}`);
    expect(r.redact('-H "authorization: token 0123456789abcdef"')).toBe(`-H "authorization: token ${REDACTED}"`);
  });

  it('redacts PEM private key blocks, even truncated ones', () => {
    const key = ['-----BEGIN RSA PRIVATE KEY-----', 'MIIEowIBAAKCAQEA7', 'abcdEFGH+/==', '-----END RSA PRIVATE KEY-----'].join('\n');
    expect(r.redact(`key:\n${key}\nafter`)).toBe(`key:\n${REDACTED}\nafter`);
    expect(r.redact('-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n')).toBe(REDACTED);
  });

  it('does not over-redact ordinary text', () => {
    const text = [
      'commit 4b825dc642cb6eb9a060e54bf8d69288fbee4904',
      'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      'Merge branch kiro/12-fix-login into main',
      'The quick brown fox; tokens: 1234 input, 56 output; cost $0.0123',
      'https://github.com/o/r/pull/3 and git@github.com:o/r.git',
      'ghp_short is not a token; AKIA alone neither',
    ].join('\n');
    expect(r.redact(text)).toBe(text);
  });

  it('is fast on large text', () => {
    const big = `lorem ipsum ${TOKEN.slice(0, 12)} dolor sit amet\n`.repeat(50_000) + TOKEN;
    const t0 = performance.now();
    const out = r.redact(big);
    expect(performance.now() - t0).toBeLessThan(1500);
    expect(out.endsWith(REDACTED)).toBe(true);
  });

  it('redactDeep redacts every string of a JSON value, keys included', () => {
    const value = { body: `t=${TOKEN}`, list: [API_KEY, 3, null, { [TOKEN]: true }], n: 1 };
    expect(r.redactDeep(value)).toEqual({ body: `t=${REDACTED}`, list: [REDACTED, 3, null, { [REDACTED]: true }], n: 1 });
    expect(value.body).toContain(TOKEN); // the input is not mutated
    const cyclic: Record<string, unknown> = { a: TOKEN };
    cyclic.self = cyclic;
    const out = redactDeep(cyclic, (s) => r.redact(s)) as Record<string, unknown>;
    expect(out.a).toBe(REDACTED);
    expect(out.self).toBe(out);
  });
});

describe('scanForSecrets', () => {
  it('finds secretlint findings and registered values without echoing them', async () => {
    const { r } = redactor();
    const diff = [
      '+++ b/src/config.ts',
      `+const key = "${API_KEY}";`,
      `+const gh = "${['ghp', 'wWPw5k4aXcaT4fNP0UcnZwJUVFk6LO0pINUx'].join('_')}";`,
      '+const aws = "AKIAIOSFODNN7EXAMPLE";',
    ].join('\n');
    const findings = await scanForSecrets(diff, 'diff', r);
    expect(findings).toContainEqual({ ruleId: 'kiro/registered-secret', message: 'contains the value of anthropic-api-key', line: 2 });
    expect(findings.some((f) => f.ruleId.startsWith('@secretlint/'))).toBe(true);
    for (const f of findings) {
      expect(f.message).not.toContain(API_KEY);
      expect(f.message).not.toContain('wWPw5k4aXcaT4fNP0UcnZwJUVFk6LO0pINUx');
    }
  });

  it('returns nothing for a clean diff', async () => {
    expect(await scanForSecrets('+export const a = 1;\n', 'diff')).toEqual([]);
  });
});

describe('redactingModelClient', () => {
  it('redacts every request and every response; signatures and ids stay byte-exact', async () => {
    const { r } = redactor();
    const sent: unknown[] = [];
    const inner: ModelClient = {
      async send(params) {
        sent.push(params);
        return {
          attempts: 1,
          usage: { input_tokens: 1, output_tokens: 1, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
          message: {
            id: 'msg_1',
            type: 'message',
            role: 'assistant',
            model: 'm',
            stop_reason: 'tool_use',
            stop_sequence: null,
            usage: {} as never,
            content: [
              { type: 'thinking', thinking: `I could print ${TOKEN}`, signature: `sig${TOKEN}` },
              { type: 'tool_use', id: 'toolu_1', name: 'str_replace_based_edit_tool', input: { command: 'create', path: 'leak.txt', file_text: `key=${API_KEY}` } },
            ],
          } as never,
        };
      },
    };
    const client = redactingModelClient(inner, (s) => r.redact(s));
    const res = await client.send({ model: 'm', max_tokens: 10, messages: [{ role: 'user', content: `here: ${TOKEN}` }] });
    expect(JSON.stringify(sent)).not.toContain(TOKEN);
    const content = res.message.content as unknown as Array<Record<string, unknown>>;
    expect(content[1]).toMatchObject({ id: 'toolu_1', input: { file_text: 'key=***' } });
    expect(content[0]).toMatchObject({ thinking: 'I could print ***', signature: `sig${TOKEN}` });
  });
});

describe('scrubSecretsInFiles', () => {
  it('replaces registered forms in changed files (text and binary), leaves token shapes and other files alone', async () => {
    const { r } = redactor();
    const dir = mkdtempSync(path.join(tmpdir(), 'kiro-scrub-'));
    try {
      writeFileSync(path.join(dir, 'notes.txt'), `a ${TOKEN} b ${Buffer.from(TOKEN).toString('base64')} c\n`);
      writeFileSync(path.join(dir, 'blob.bin'), Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from(API_KEY), Buffer.from([0])]));
      const fake = ['AKIA', 'IOSFODNN7EXAMPLE'].join('');
      writeFileSync(path.join(dir, 'fixture.txt'), `aws_access_key_id=${fake}\n`);
      writeFileSync(path.join(dir, 'untouched.txt'), TOKEN);
      symlinkSync('/etc/passwd', path.join(dir, 'link'));
      const found = await scrubSecretsInFiles(dir, ['notes.txt', 'blob.bin', 'fixture.txt', 'link', 'missing.txt', '../escape'], r.values());
      expect(found).toEqual([
        { path: 'notes.txt', count: 2 },
        { path: 'blob.bin', count: 1 },
      ]);
      expect(readFileSync(path.join(dir, 'notes.txt'), 'utf8')).toBe('a *** b *** c\n');
      expect(readFileSync(path.join(dir, 'blob.bin')).includes(Buffer.from(API_KEY))).toBe(false);
      expect(readFileSync(path.join(dir, 'fixture.txt'), 'utf8')).toContain(fake);
      expect(readFileSync(path.join(dir, 'untouched.txt'), 'utf8')).toBe(TOKEN);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
