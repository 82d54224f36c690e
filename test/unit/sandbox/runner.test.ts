/** The process runner's capture behaviour (src/sandbox/runner.ts) that does not need a sandbox. */
import { describe, expect, it } from 'vitest';
import { createUnsandboxedRunner } from '../../../src/sandbox/runner.js';

describe('stopAfterLines', () => {
  it('stops an endless producer once stdout holds that many lines, and keeps exactly those lines', async () => {
    const runner = createUnsandboxedRunner();
    const r = await runner.run({ argv: ['/bin/sh', '-c', 'i=0; while :; do i=$((i+1)); echo "line $i"; done'], cwd: '/', env: { PATH: '/usr/bin:/bin' }, timeoutMs: 60_000, stopAfterLines: 5 });
    expect(r.stopped).toBe(true);
    expect(r.timedOut).toBe(false);
    expect(r.output).toBe('line 1\nline 2\nline 3\nline 4\nline 5\n');
  });

  it('a command with fewer lines ends normally', async () => {
    const r = await createUnsandboxedRunner().run({ argv: ['/bin/sh', '-c', 'echo a; echo b'], cwd: '/', env: { PATH: '/usr/bin:/bin' }, timeoutMs: 60_000, stopAfterLines: 5 });
    expect(r.stopped).toBeUndefined();
    expect(r.code).toBe(0);
    expect(r.output).toBe('a\nb\n');
  });
});
