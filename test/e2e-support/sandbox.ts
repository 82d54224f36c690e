/**
 * Whether this machine can run the OS sandbox (bubblewrap as root or through sudo, or in a user
 * namespace). Tests that need it skip elsewhere with the reason — except in CI (`CI=true`), where
 * a skipped sandbox test would hide a broken boundary: there the probe throws, and the test file
 * fails (issue #9: "CI fails if it skipped").
 */
import { detectIsolation } from '../../src/sandbox/isolation.js';

export async function requireSandbox(): Promise<{ ok: boolean; reason?: string }> {
  const s = await detectIsolation();
  if (s.mode !== 'none') return { ok: true };
  if (process.env.CI === 'true') throw new Error(`CI must run the sandbox tests, but this machine offers no sandbox: ${s.reason}`);
  return { ok: false, reason: s.reason ?? 'no sandbox' };
}
