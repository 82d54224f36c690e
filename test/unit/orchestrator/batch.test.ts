import { describe, expect, it } from 'vitest';
import { batchTitle, parseRepositories, refreshBatch, renderBatch } from '../../../src/orchestrator/batch.js';
import type { Services } from '../../../src/orchestrator/services.js';
import type { Batch } from '../../../src/state/schema.js';
import type { StateStore } from '../../../src/state/store-api.js';

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

describe('refreshBatch', () => {
  const batch = (a: string, b: string) =>
    ({
      id: 'batch-2',
      owner: { login: 'alice', id: 1 },
      instructions: 'Fix add()',
      createdAt: '2026-01-01T00:00:00Z',
      updatedAt: '2026-01-01T00:01:00Z',
      tracking: { repository: 'o/hub', issue: 7, url: 'https://x/o/hub/issues/7' },
      items: [
        { repository: 'o/a', taskId: 't-a', state: a, issue: { number: 3, url: 'https://x/o/a/issues/3' } },
        { repository: 'o/b', taskId: 't-b', state: b, issue: { number: 1, url: 'https://x/o/b/issues/1' } },
      ],
    }) as unknown as Batch;

  it('looks again after writing the tracking issue: a record another child synced meanwhile is rendered too, and the issue closes on it', async () => {
    // this child (a) synced; while it rendered, b ended and synced — and b's own render may have
    // reached GitHub first, so a's (older) body would be the last one written
    const reads = [batch('completed', 'in_progress'), batch('completed', 'completed'), batch('completed', 'completed')];
    const bodies: Array<{ body: string; close: string | undefined }> = [];
    const svc = { github: { updateIssueBody: async (_r: unknown, _n: number, body: string, close?: string) => void bodies.push({ body, close }) } } as unknown as Services;
    const store = { syncBatch: async () => reads[0], getBatch: async () => reads.shift() } as unknown as StateStore;
    const final = await refreshBatch(svc, store, 'batch-2');
    expect(bodies).toHaveLength(2);
    expect(bodies[1]!.body).not.toMatch(/In progress/);
    expect(bodies[1]!.close).toBe('completed');
    expect(final?.items.every((i) => i.state === 'completed')).toBe(true);
    expect(reads).toHaveLength(0); // read, render, read (moved), render, read (unchanged): done
  });
});
