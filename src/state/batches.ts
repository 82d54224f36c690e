/** Batches across repositories (SPEC.md J5): `batches/<batchId>.json`. */
import { StatePaths } from './paths.js';
import { Batch, type BatchInput } from './schema.js';
import { parseTask } from './tasks.js';
import type { StateReader, StateTx } from './view.js';

/** @throws StateRecordError when the file exists but is not a valid batch */
export async function readBatch(r: StateReader, id: string): Promise<Batch | undefined> {
  return r.readJson(StatePaths.batch(id), Batch);
}

/** Validates and writes a batch with `updatedAt = nowIso`; returns it as written. */
export function writeBatch(tx: StateTx, batch: BatchInput, nowIso: string): Batch {
  const b = Batch.parse({ ...batch, updatedAt: nowIso });
  tx.writeJson(StatePaths.batch(b.id), b);
  return b;
}

/**
 * Brings a batch's items up to date from its tasks' records (state, pull request) inside one
 * transaction: the batch and every record are read in it (one fetch for the records) and the batch
 * is written by the same compare-and-swap. Children ending at once can then never write an older
 * view over a newer one: a child's end (`endRun`) moves the branch together with its record, so a
 * sync that read the record before that end loses its race and reads again.
 * @returns the batch as it now is, or undefined when it does not exist
 */
export async function syncBatchTx(tx: StateTx, id: string, nowIso: string): Promise<Batch | undefined> {
  const batch = await readBatch(tx, id);
  if (!batch) return undefined;
  const paths = batch.items.flatMap((it) => (it.taskId ? [StatePaths.task(it.taskId)] : []));
  const files = await tx.readMany(paths);
  let changed = false;
  const items = batch.items.map((it) => {
    const text = it.taskId ? files.get(StatePaths.task(it.taskId)) : undefined;
    if (!it.taskId || text === undefined) return it;
    const t = parseTask(StatePaths.task(it.taskId), text);
    const pullRequest = t.pullRequest ? { number: t.pullRequest.number, url: t.pullRequest.url } : it.pullRequest;
    if (t.state === it.state && pullRequest?.url === it.pullRequest?.url && pullRequest?.number === it.pullRequest?.number) return it;
    changed = true;
    return { ...it, state: t.state, ...(pullRequest ? { pullRequest } : {}) };
  });
  return changed ? writeBatch(tx, { ...batch, items }, nowIso) : batch;
}
