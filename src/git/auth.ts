/**
 * Git authentication the way actions/checkout does it: an `http.<server>/.extraheader` carrying
 * `AUTHORIZATION: basic base64("x-access-token:<token>")`
 * (https://github.com/actions/checkout/blob/main/src/git-auth-helper.ts). We pass it through
 * `GIT_CONFIG_COUNT`/`GIT_CONFIG_KEY_n`/`GIT_CONFIG_VALUE_n` environment entries, so the token is
 * never written to disk where the model's shell could read it.
 */

/** `base64("x-access-token:<token>")` — itself a secret, register it for redaction. */
export function basicCredential(token: string): string {
  return Buffer.from(`x-access-token:${token}`, 'utf8').toString('base64');
}

/** The `Authorization` header value git sends for `token` (`basic base64("x-access-token:<token>")`): a secret. */
export function authorizationHeader(token: string): string {
  return `basic ${basicCredential(token)}`;
}

/** `https://github.com/owner/repo` (no `.git`, like actions/checkout), from GITHUB_SERVER_URL. */
export function repositoryUrl(serverUrl: string, repository: string): string {
  return `${serverUrl.replace(/\/+$/, '')}/${repository}`;
}

/**
 * Environment entries that add the auth header for `serverUrl`: `GIT_CONFIG_*` entries numbered
 * from 0 (src/git/exec.ts puts them after any the workflow set).
 */
export function authEnv(serverUrl: string, token: string): Record<string, string> {
  const server = serverUrl.replace(/\/+$/, '');
  return {
    GIT_CONFIG_COUNT: '1',
    GIT_CONFIG_KEY_0: `http.${server}/.extraheader`,
    GIT_CONFIG_VALUE_0: `AUTHORIZATION: ${authorizationHeader(token)}`,
  };
}
