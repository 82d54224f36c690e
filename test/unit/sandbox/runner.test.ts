/** The process runner's capture behaviour (src/sandbox/runner.ts) that does not need a sandbox. */
import { describe, expect, it } from 'vitest';
import { createUnsandboxedRunner, lostMountRace, type RunResult } from '../../../src/sandbox/runner.js';

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

describe('lostMountRace', () => {
  const result = (stderr: string, code: number | null = 1): RunResult => ({ output: '', stderr, code, signal: null, timedOut: false, aborted: false, durationMs: 3 });
  it("is bwrap's own start-up failure when a mount under / came or went (bubblewrap#650)", () => {
    expect(lostMountRace(result('bwrap: Can\'t bind mount /oldroot/ on /newroot/: Unable to apply mount flags: remount "/newroot/run/netns/kiro-sbx-1": No such file or directory\n'))).toBe(true);
    expect(lostMountRace(result('bwrap: Can\'t bind mount /oldroot/ on /newroot/: Unable to apply mount flags: remount "/newroot/tmp/to": Invalid argument'))).toBe(true);
  });
  it('is nothing else: another bwrap error, a command that exited 1 with more output, or success', () => {
    expect(lostMountRace(result("bwrap: Can't find source path /nope: No such file or directory"))).toBe(false);
    expect(lostMountRace(result('building…\nbwrap: Can\'t bind mount /oldroot/ on /newroot/: Unable to apply mount flags: remount "/x": No such file or directory'))).toBe(false);
    expect(lostMountRace(result('bwrap: Can\'t bind mount /oldroot/ on /newroot/: Unable to apply mount flags: remount "/x": No such file or directory', 0))).toBe(false);
  });
});
