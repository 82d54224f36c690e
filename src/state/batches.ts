/** Batches across repositories (SPEC.md J5): `batches/<batchId>.json`. */
import { StatePaths } from './paths.js';
import { Batch, type BatchInput } from './schema.js';
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
