/** The state store's public surface (docs/state.md). */
export * from './store.js';
export * from './schema.js';
export * from './errors.js';
export { StateDirs, StateFiles, StatePaths, ownerKey } from './paths.js';
export type { StateReader, StateTx } from './view.js';
export { newTask, newTaskId, readTask, readTaskByIssue, readTaskByPull, readTasks, writeTask, type TaskFilter } from './tasks.js';
export { acquireSlotTx, releaseSlotTx, renewLeaseTx, queuePositionOf, readLeases, type SlotResult } from './slots.js';
export {
  LearningMergeThreshold,
  learningId,
  learningSimilarity,
  normaliseLearningText,
  parseLearningFile,
  readLearnings,
  renderLearningFile,
  upsertLearningsTx,
  deleteLearningTx,
  type LearningInput,
  type LearningUpsert,
} from './learnings.js';
export { readBatch, writeBatch } from './batches.js';
export { Migrations, migrateTo, type Migration } from './migrations.js';
export { createTaskCache, taskCacheKey, taskCachePrefix, TaskArtifactKinds, type TaskArtifactKind, type TaskCache, type CacheBackend, type RestoreResult } from './cache.js';
