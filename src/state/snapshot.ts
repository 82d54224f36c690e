/**
 * The state branch at one tip as transactions read it: its tree, plus the files the layout adds
 * on read — the initial files of a new branch, or a migration from an older layout version.
 */
import { StateVersion } from '../constants.js';
import { StateRecordError } from './errors.js';
import { migrateTo } from './migrations.js';
import { StateFiles } from './paths.js';
import type { ScratchRepo } from './repo.js';
import type { BranchSnapshot } from './tx.js';
import { OverlayTx, parseJsonRecord, type BaseTree } from './view.js';

const Empty: ReadonlyMap<string, string> = new Map();

/** README.md written when the branch is created. */
export const StateReadme = `# kiro-action state

This branch is the durable state of kiro-action: learnings (one markdown file per learning) and
batches; task records, concurrency slots, the queue and the issue/pull request index live on refs
next to it. It is written by the action with ordinary git commits; you can read it, and you may
edit or delete a learning under \`learnings/<owner>/\` with a normal commit — the next task honours it.

Layout (version in \`kiro-state.json\`); records on refs are \`refs/kiro-state/<branch>/<name>\`:

- \`tasks/<id>\` — one ref per task (file \`task.json\`; on this branch as \`tasks/<id>.json\` in
  layout 1, moved on their next write)
- \`slots/<n>\` — concurrency slots (file \`lease.json\`); \`queue/<enqueuedAt>-<taskId>\` — waiting
  tasks (file \`entry.json\`)
- \`index/issues/<owner>/<repo>/<n>\`, \`index/pulls/<owner>/<repo>/<n>\` — issue/PR → task (file
  \`index.json\`; on this branch as \`.json\` files in layouts 1 and 2, moved on their next write)
- on this branch: \`learnings/<owner>/<id>.md\` — learnings (front matter + text);
  \`batches/<id>.json\` — batches across repositories

See docs/state.md in the kiro-action repository for the full description.
`;

/**
 * The snapshot of the branch at `tip` (undefined: no branch yet, the initial files are added).
 * @param label `repository@branch`, for the migration's messages
 * @throws StateRecordError when `kiro-state.json` is unreadable; a newer layout is refused by `migrateTo`
 */
export async function buildSnapshot(repo: ScratchRepo, loader: (oids: readonly string[]) => Promise<Map<string, string>>, tip: string | undefined, label: string): Promise<BranchSnapshot> {
  const entries = tip ? await repo.tree(tip) : Empty;
  const base: BaseTree = { tip, entries };
  const metaOid = entries.get(StateFiles.Meta);
  if (metaOid === undefined && entries.size === 0) {
    return {
      base,
      overlay: new Map<string, string | null>([
        [StateFiles.Meta, `${JSON.stringify({ version: StateVersion }, null, 2)}\n`],
        [StateFiles.Readme, StateReadme],
      ]),
    };
  }
  let version = 0;
  if (metaOid !== undefined) {
    const text = (await loader([metaOid])).get(metaOid) ?? '';
    const meta = parseJsonRecord(StateFiles.Meta, text);
    const v = (meta as { version?: unknown } | null)?.version;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new StateRecordError(StateFiles.Meta, '"version" must be a non-negative integer');
    version = v;
  }
  if (version === StateVersion) return { base, overlay: new Map() };
  const tx = new OverlayTx(base, new Map(), loader);
  await migrateTo(tx, version, label);
  return { base, overlay: new Map(tx.changes) };
}
