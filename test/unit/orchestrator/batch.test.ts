import { describe, expect, it } from 'vitest';
import { batchTitle, parseRepositories, renderBatch } from '../../../src/orchestrator/batch.js';
import type { Batch } from '../../../src/state/schema.js';

describe('parseRepositories', () => {
  it('qualifies bare names with the hub owner, drops duplicates (case-insensitive), rejects bad names', () => {
    expect(parseRepositories(['app-a', 'octo-org/app-b', 'Octo-Org/APP-A', 'other/x.y', '../etc', 'a/b/c', 'bad name'], 'octo-org')).toEqual({
      repositories: ['octo-org/app-a', 'octo-org/app-b', 'other/x.y'],
      invalid: ['../etc', 'a/b/c', 'bad name'],
    });
  });
});

describe('batchTitle', () => {
  it('uses the first line, shortened to 80 characters', () => {
    expect(batchTitle('Fix add()\nmore details')).toBe('Fix add()');
    expect(batchTitle('x'.repeat(100))).toHaveLength(78);
  });
});

describe('renderBatch', () => {
  const batch = {
    id: 'batch-1',
    owner: { login: 'alice', id: 1 },
    instructions: 'Fix add() so it adds\nin every calculator',
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:01:00Z',
    items: [
      { repository: 'o/a', taskId: 't-a', state: 'completed', issue: { number: 3, url: 'https://x/o/a/issues/3' }, pullRequest: { number: 4, url: 'https://x/o/a/pull/4' } },
      { repository: 'o/b', taskId: 't-b', state: 'queued', issue: { number: 1, url: 'https://x/o/b/issues/1' } },
      { repository: 'o/c', note: 'no write access | skipped' },
    ],
  } as unknown as Batch;

  it('renders one row per repository with its state and PR, and the count completed', () => {
    const md = renderBatch(batch, { 'o/a': 'open' });
    expect(md).toContain('## Kiro batch: Fix add() so it adds');
    expect(md).toContain('> in every calculator');
    expect(md).toMatch(/\| o\/a \| \[#3\]\(https:\/\/x\/o\/a\/issues\/3\) \| `t-a` \| .*Completed.* \| \[#4\]\(https:\/\/x\/o\/a\/pull\/4\) \(open\) \|/);
    expect(md).toMatch(/\| o\/b \| \[#1\].* \| `t-b` \| .*Queued.* \| — \|/);
    expect(md).toContain('⛔ no write access \\| skipped');
    expect(md).toContain('1 of 3 completed.');
  });
});
