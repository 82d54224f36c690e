/**
 * Layout migrations (SPEC.md §3: "a newer action reads an older store"). A snapshot whose
 * `kiro-state.json` names an older version is migrated in memory when it is read: reads see the
 * current layout at once, and the first update commits the migrated files together with its own
 * change. Migrations must be deterministic functions of the tree they are given — they run again
 * on every snapshot until one update has persisted them.
 */
import { StateVersion } from '../constants.js';
import { StateVersionError } from './errors.js';
import { learningId, renderLearningFile } from './learnings.js';
import { StateFiles, StatePaths, ownerKey } from './paths.js';
import type { Learning } from './schema.js';
import type { StateTx } from './view.js';

export interface Migration {
  from: number;
  to: number;
  description: string;
  migrate(tx: StateTx): Promise<void>;
}

/**
 * v0 is the layout of pre-release builds: no `kiro-state.json`, task records at
 * `tasks/<id>/task.json`, and all learnings of an owner in one JSON array
 * `learnings/<owner>.json` of `{text, url, repository, date}`.
 */
const v0ToV1: Migration = {
  from: 0,
  to: 1,
  description: 'tasks/<id>/task.json → tasks/<id>.json; learnings/<owner>.json → learnings/<owner>/<id>.md',
  async migrate(tx) {
    const taskFiles = (await tx.list('tasks/')).filter((p) => /^tasks\/[^/]+\/task\.json$/.test(p));
    const tasks = await tx.readMany(taskFiles);
    for (const [path, content] of tasks) {
      const id = path.split('/')[1] ?? '';
      tx.write(StatePaths.task(id), content);
      tx.delete(path);
    }
    const learningFiles = (await tx.list('learnings/')).filter((p) => /^learnings\/[^/]+\.json$/.test(p));
    const learnings = await tx.readMany(learningFiles);
    for (const [path, content] of learnings) {
      const owner = path.slice('learnings/'.length, -'.json'.length);
      let items: unknown;
      try {
        items = JSON.parse(content);
      } catch {
        continue; // unreadable: leave the file for a person to look at
      }
      if (!Array.isArray(items)) continue;
      for (const item of items as Record<string, unknown>[]) {
        if (typeof item?.text !== 'string' || !item.text.trim()) continue;
        const date = typeof item.date === 'string' ? item.date : '1970-01-01T00:00:00.000Z';
        const l: Learning = {
          id: learningId(item.text),
          owner,
          text: item.text.trim(),
          createdAt: date,
          updatedAt: date,
          provenance:
            typeof item.url === 'string'
              ? [{ url: item.url, repository: typeof item.repository === 'string' ? item.repository : '', date }]
              : [],
        };
        tx.write(StatePaths.learning(ownerKey(owner), l.id), renderLearningFile(l));
      }
      tx.delete(path);
    }
  },
};

/**
 * v2 keeps each task record on its own ref (`refs/kiro-state/<branch>/tasks/<id>`, file
 * `task.json`) instead of `tasks/<id>.json` on the branch, so that tasks do not contend for the
 * branch (issue #12). Moving every record at once would make one push of thousands of refs, so a
 * version-1 record stays where it is and is read from there until its task is next written: that
 * write creates the ref and deletes the branch file in one atomic push. The migration itself only
 * records the new version — after it, a version-1 action refuses the store instead of missing the
 * records it cannot see.
 */
const v1ToV2: Migration = {
  from: 1,
  to: 2,
  description: 'task records move to refs/kiro-state/<branch>/tasks/<id> as they are written',
  async migrate() {
    /* records move lazily (see above); migrateTo writes the version */
  },
};

/**
 * v3 keeps the records every task's start and end touch on their own refs too — concurrency slots
 * (`slots/<n>`), queue entries and the issue/pull-request index — so that tasks starting and ending
 * at once do not contend for the branch (issue #12). Like v2 it moves nothing at once: a version-2
 * index or queue file is read from the branch until it is next written (that write moves it), and
 * a version-2 lease (`leases/<taskId>.json`) keeps its slot until its task releases it (new leases
 * are slots). The migration only records the new version, after which a version-2 action refuses
 * the store.
 */
const v2ToV3: Migration = {
  from: 2,
  to: 3,
  description: 'slots, queue entries and index entries move to refs/kiro-state/<branch>/… as they are written',
  async migrate() {
    /* records move lazily (see above); migrateTo writes the version */
  },
};

/** Every migration, in order; `from` of each is `to` of the previous one. */
export const Migrations: readonly Migration[] = [v0ToV1, v1ToV2, v2ToV3];

/**
 * Applies the migrations from `version` to `StateVersion` on `tx`, then writes the current version
 * into `kiro-state.json` (keeping any other field of the old file).
 * @throws StateVersionError when `version` is newer than this action's `StateVersion`
 */
export async function migrateTo(tx: StateTx, version: number, where: string, target: number = StateVersion, table: readonly Migration[] = Migrations): Promise<void> {
  if (version > target) throw new StateVersionError(version, target, where);
  if (version === target) return;
  let v = version;
  while (v < target) {
    const m = table.find((x) => x.from === v);
    if (!m) throw new Error(`no state-store migration from layout version ${v} (to ${target})`);
    await m.migrate(tx);
    v = m.to;
  }
  const old = await tx.readJson(StateFiles.Meta).catch(() => undefined);
  const meta = old && typeof old === 'object' && !Array.isArray(old) ? old : {};
  tx.writeJson(StateFiles.Meta, { ...meta, version: target });
}
