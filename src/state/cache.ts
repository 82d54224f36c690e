/**
 * Disposable per-task artefacts in the Actions cache (docs/state.md "Cache"): the transcript and
 * dependency caches. Losing them only costs time, so nothing here throws: without a cache service
 * (`ACTIONS_CACHE_URL`/`ACTIONS_RESULTS_URL` unset, e.g. under act) every call is a miss after one
 * warning, and any other failure becomes a warning and a miss.
 *
 * Keys: `kiro-task-<taskId>-<kind>-<runId>[-<checkpoint>]`; restores fall back to the newest entry
 * with the prefix `kiro-task-<taskId>-<kind>-` (cache entries are immutable, so each run — and
 * each checkpoint within a run — saves under a new key).
 * Contract: https://github.com/actions/toolkit/tree/main/packages/cache
 */
import * as actionsCache from '@actions/cache';
import * as core from '@actions/core';

/** Artefact kinds kept in the cache. */
export const TaskArtifactKinds = ['transcript', 'deps'] as const;
export type TaskArtifactKind = (typeof TaskArtifactKinds)[number];

/** The two `@actions/cache` calls used, injectable for tests and dry runs. */
export interface CacheBackend {
  /** False when the runner has no cache service (act, local runs): calls are skipped, not retried. */
  isFeatureAvailable?(): boolean;
  saveCache(paths: string[], key: string): Promise<number>;
  restoreCache(paths: string[], primaryKey: string, restoreKeys?: string[]): Promise<string | undefined>;
}

export interface TaskArtifactRef {
  taskId: string;
  kind: TaskArtifactKind;
  /** Files or directories; restore must use the same list as save (it is part of the cache version). */
  paths: string[];
}

/** Outcome of a restore: `hit` when anything was restored, `exact` when it was `key` itself. */
export interface RestoreResult {
  hit: boolean;
  exact: boolean;
  /** Key of the restored entry. */
  key?: string;
}

/** `kiro-task-<taskId>-<kind>-` — the restore prefix of a task's artefact. */
export function taskCachePrefix(taskId: string, kind: TaskArtifactKind): string {
  return `kiro-task-${taskId}-${kind}-`;
}

/** `kiro-task-<taskId>-<kind>-<runId>` plus `-<checkpoint>` when given. */
export function taskCacheKey(taskId: string, kind: TaskArtifactKind, runId: number | string, checkpoint?: number | string): string {
  return `${taskCachePrefix(taskId, kind)}${runId}${checkpoint === undefined ? '' : `-${checkpoint}`}`;
}

export interface TaskCache {
  /**
   * Saves `paths` under `taskCacheKey(taskId, kind, runId, checkpoint)`.
   * @returns true when the entry was saved; false (with a warning) otherwise — never throws
   */
  save(ref: TaskArtifactRef & { runId: number | string; checkpoint?: number | string }): Promise<boolean>;
  /**
   * Restores the newest entry of the task's artefact (the exact key first when `runId` is given).
   * Never throws; a miss is `{hit: false}`.
   */
  restore(ref: TaskArtifactRef & { runId?: number | string; checkpoint?: number | string }): Promise<RestoreResult>;
}

/** A `TaskCache` over `@actions/cache` (or `backend`). */
export function createTaskCache(backend: CacheBackend = actionsCache): TaskCache {
  let warned = false;
  // @actions/cache retries a missing service for ~20 s per call; ask once and skip instead.
  const available = (): boolean => {
    if (!backend.isFeatureAvailable || backend.isFeatureAvailable()) return true;
    if (!warned) core.warning('the Actions cache service is not available: task transcripts and dependency caches are not saved or restored');
    warned = true;
    return false;
  };
  return {
    async save(ref) {
      const key = taskCacheKey(ref.taskId, ref.kind, ref.runId, ref.checkpoint);
      try {
        if (!available()) return false;
        const id = await backend.saveCache([...ref.paths], key);
        return id !== -1;
      } catch (e) {
        core.warning(`could not save ${ref.kind} of task ${ref.taskId} to the cache (${(e as Error).message}); the next run starts without it`);
        return false;
      }
    },
    async restore(ref) {
      const prefix = taskCachePrefix(ref.taskId, ref.kind);
      const primary = ref.runId === undefined ? prefix : taskCacheKey(ref.taskId, ref.kind, ref.runId, ref.checkpoint);
      try {
        if (!available()) return { hit: false, exact: false };
        const key = await backend.restoreCache([...ref.paths], primary, primary === prefix ? [] : [prefix]);
        if (key === undefined) return { hit: false, exact: false };
        return { hit: true, exact: key === primary, key };
      } catch (e) {
        core.warning(`could not restore ${ref.kind} of task ${ref.taskId} from the cache (${(e as Error).message}); continuing without it`);
        return { hit: false, exact: false };
      }
    },
  };
}
