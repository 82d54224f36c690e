import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // e2e tests spawn the bundle and real git; two cores on CI
    maxWorkers: 2,
    // in CI a skipped test fails the run (test/support/no-skips.ts)
    reporters: process.env.CI === 'true' ? ['default', './test/support/no-skips.ts'] : ['default'],
  },
});
