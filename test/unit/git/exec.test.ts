/** The git error classifiers every git caller of the action shares (src/git/exec.ts). */
import { describe, expect, it } from 'vitest';
import { isNonFastForward, isTransientGitError } from '../../../src/git/exec.js';

describe('isTransientGitError', () => {
  it.each([
    'fatal: unable to access \'https://github.com/o/r/\': The requested URL returned error: 503',
    'error: RPC failed; HTTP 502 curl 22 The requested URL returned error: 502',
    'fatal: the remote end hung up unexpectedly',
    'fatal: early EOF',
    "fatal: unable to access 'https://github.com/': Could not resolve host: github.com",
    'error: RPC failed; curl 56 OpenSSL SSL_read: Connection reset by peer',
    'fatal: unable to access: Failed to connect to github.com port 443: Connection timed out',
    'remote: HTTP 429 Too Many Requests',
  ])('retries: %s', (stderr) => expect(isTransientGitError(stderr)).toBe(true));

  it.each([
    "remote: Invalid username or password.\nfatal: Authentication failed for 'https://github.com/o/r/'",
    "remote: Repository not found.\nfatal: repository 'https://github.com/o/r/' not found",
    ' ! [rejected]        main -> main (fetch first)',
    'remote: error: GH006: Protected branch update failed for refs/heads/main.',
  ])('does not retry: %s', (stderr) => expect(isTransientGitError(stderr)).toBe(false));
});

describe('isNonFastForward', () => {
  it('is a lost compare-and-swap: rejected, fetch first, stale info', () => {
    for (const stderr of [' ! [rejected] main -> main (non-fast-forward)', ' ! [rejected] x -> x (fetch first)', ' ! [rejected] x (stale info)']) {
      expect(isNonFastForward({ code: 1, stdout: '', stderr })).toBe(true);
    }
    expect(isNonFastForward({ code: 128, stdout: '', stderr: 'fatal: Authentication failed' })).toBe(false);
  });
});
