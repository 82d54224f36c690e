import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTaskCache, taskCacheKey, type CacheBackend } from '../../../src/state/cache.js';

describe('task cache', () => {
  let temp: string;
  const saved = { ...process.env };
  beforeAll(async () => {
    temp = await mkdtemp(join(tmpdir(), 'kiro-cache-'));
    process.env.RUNNER_TEMP = temp;
    delete process.env.ACTIONS_CACHE_URL;
    delete process.env.ACTIONS_RESULTS_URL;
  });
  afterAll(async () => {
    process.env = saved;
    await rm(temp, { recursive: true, force: true });
  });

  it('keys entries by task, kind and run, and restores by prefix', async () => {
    const calls: unknown[] = [];
    const backend: CacheBackend = {
      async saveCache(paths, key) {
        calls.push(['save', paths, key]);
        return 7;
      },
      async restoreCache(paths, key, restoreKeys) {
        calls.push(['restore', paths, key, restoreKeys]);
        return 'kiro-task-t1-transcript-99';
      },
    };
    const c = createTaskCache(backend);
    expect(await c.save({ taskId: 't1', kind: 'transcript', runId: 100, paths: ['/tmp/t'] })).toBe(true);
    expect(await c.restore({ taskId: 't1', kind: 'transcript', runId: 100, paths: ['/tmp/t'] })).toEqual({
      hit: true,
      exact: false,
      key: 'kiro-task-t1-transcript-99',
    });
    expect(calls).toEqual([
      ['save', ['/tmp/t'], 'kiro-task-t1-transcript-100'],
      ['restore', ['/tmp/t'], 'kiro-task-t1-transcript-100', ['kiro-task-t1-transcript-']],
    ]);
    expect(taskCacheKey('t1', 'deps', 5, 2)).toBe('kiro-task-t1-deps-5-2');
  });

  it('never throws: a failing backend is a miss', async () => {
    const c = createTaskCache({
      saveCache: () => Promise.reject(new Error('reserve failed')),
      restoreCache: () => Promise.reject(new Error('network')),
    });
    expect(await c.save({ taskId: 't', kind: 'transcript', runId: 1, paths: [temp] })).toBe(false);
    expect(await c.restore({ taskId: 't', kind: 'transcript', paths: [temp] })).toEqual({ hit: false, exact: false });
  });

  it('without a cache service every call is a miss, without @actions/cache retrying', async () => {
    const c = createTaskCache();
    const t0 = Date.now();
    expect(await c.save({ taskId: 't', kind: 'transcript', runId: 1, paths: [temp] })).toBe(false);
    expect(await c.restore({ taskId: 't', kind: 'transcript', runId: 1, paths: [temp] })).toEqual({ hit: false, exact: false });
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('with the service unavailable through the backend check, the backend is not called', async () => {
    let called = false;
    const c = createTaskCache({
      isFeatureAvailable: () => false,
      saveCache: async () => ((called = true), 1),
      restoreCache: async () => ((called = true), 'k'),
    });
    expect(await c.save({ taskId: 't', kind: 'deps', runId: 1, paths: [temp] })).toBe(false);
    expect(await c.restore({ taskId: 't', kind: 'deps', paths: [temp] })).toEqual({ hit: false, exact: false });
    expect(called).toBe(false);
  });
});
