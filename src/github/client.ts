/**
 * The only place that builds an Octokit. REST calls go to `GITHUB_API_URL`, GraphQL to
 * `${GITHUB_API_URL}/graphql` (SPEC.md §3), so GitHub Enterprise Server works unchanged.
 *
 * Retries: @octokit/plugin-retry (5xx and network errors, `retryAfterBaseValue` ms × attempt²);
 * rate limits: @octokit/plugin-throttling, which waits for `retry-after`/`x-ratelimit-reset`
 * (https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api) and retries up
 * to twice for primary and secondary limits.
 */
import * as core from '@actions/core';
import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import Bottleneck from 'bottleneck';

export type Octokit = ReturnType<typeof getOctokit>;

export interface OctokitOptions {
  token: string;
  /** REST base URL (`GITHUB_API_URL`), without a trailing slash. */
  apiUrl: string;
  /** Base delay for retries, ms (default 1000; tests shorten it). */
  retryBaseMs?: number;
  userAgent?: string;
}

/**
 * Builds an authenticated Octokit with retry and throttling.
 * @throws never; authentication errors surface on the first request (401).
 */
export function createOctokit(opts: OctokitOptions): Octokit {
  const base = opts.retryBaseMs ?? 1000;
  return getOctokit(
    opts.token,
    {
      baseUrl: opts.apiUrl,
      userAgent: opts.userAgent ?? 'kiro-action',
      retry: { retryAfterBaseValue: base, retries: 3 },
      throttle: {
        // wait and retry (twice) on the primary and secondary rate limits
        onRateLimit: (retryAfter: number, options: { method: string; url: string }, _o: unknown, retryCount: number) => {
          core.warning(`GitHub rate limit hit for ${options.method} ${options.url}; retrying after ${retryAfter}s`);
          return retryCount < 2;
        },
        onSecondaryRateLimit: (retryAfter: number, options: { method: string; url: string }, _o: unknown, retryCount: number) => {
          core.warning(`GitHub secondary rate limit hit for ${options.method} ${options.url}; retrying after ${retryAfter}s`);
          return retryCount < 2;
        },
        // keep the throttling waits proportional in tests
        fallbackSecondaryRateRetryAfter: Math.max(1, Math.round(base / 1000)),
        // The plugin's defaults space every write 1 s apart and notification-triggering writes
        // 3 s apart, which alone would push the acknowledgement (a reaction, the status comment
        // and a label, SPEC.md J1.1) past the first seconds of the job. GitHub's documented
        // secondary limit is 80 content-generating requests a minute
        // (https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits);
        // a task makes a few dozen writes, so short spacing stays far below it, and a
        // secondary-limit answer is still waited out and retried by the plugin.
        write: new Bottleneck.Group({ maxConcurrent: 3, minTime: 50 }),
        notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: 250 }),
      },
    },
    retry,
    throttling,
  );
}
