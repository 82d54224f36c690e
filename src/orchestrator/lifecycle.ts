/**
 * Lifecycle labels and the status comment (SPEC.md J1.1, J6). One status comment per task,
 * created once and then only edited; found again by its hidden marker.
 */
import { LabelColors, Labels, StateLabel } from '../constants.js';
import type { TaskState } from '../constants.js';
import { renderStatus, statusMarker } from '../report/status.js';
import type { StatusView } from '../report/status.js';
import type { Services } from './services.js';

const LIFECYCLE: readonly string[] = Object.values(Labels).filter((l) => l !== Labels.NeedsHumanReview);

/**
 * Puts the label for `state` on the issue (creating it with its colour if the repository lacks it)
 * and removes the other lifecycle labels among `present` (the labels the issue is known to carry).
 */
export async function setLifecycleLabel(svc: Services, issueNumber: number, state: TaskState, present: readonly string[]): Promise<void> {
  const label = StateLabel[state];
  const meta = LabelColors[label]!;
  const add = (async () => {
    if (!present.includes(label)) {
      await svc.github.ensureLabel(svc.repo, label, meta.color, meta.description);
      await svc.github.addLabels(svc.repo, issueNumber, [label]);
    }
  })();
  const removals = present.filter((l) => l !== label && LIFECYCLE.includes(l)).map((l) => svc.github.removeLabel(svc.repo, issueNumber, l));
  await Promise.all([add, ...removals]);
}

/**
 * The labels an issue (or PR) carries once its task is In progress: its own labels, the lifecycle
 * ones replaced by `kiro:in-progress`. Marker labels (`kiro:needs-human-review`) are kept — they
 * say something about the pull request, not the task's state. The one rule for every handler.
 */
export function inProgressLabels(labels: readonly string[]): string[] {
  return [...labels.filter((l) => !LIFECYCLE.includes(l) && l !== Labels.InProgress), Labels.InProgress];
}

/** Adds a non-lifecycle label (e.g. `kiro:needs-human-review`), creating it if needed. */
export async function addMarkerLabel(svc: Services, issueNumber: number, label: string): Promise<void> {
  const meta = LabelColors[label];
  if (meta) await svc.github.ensureLabel(svc.repo, label, meta.color, meta.description);
  await svc.github.addLabels(svc.repo, issueNumber, [label]);
}

/**
 * The status comment of one task on one issue. `update` re-renders the whole comment from the
 * view and edits it only when the text changed.
 */
export class StatusComment {
  private lastBody = '';
  /** The newest edit in flight (settled; errors go to the caller of `update`). */
  private sending: Promise<void> = Promise.resolve();
  private constructor(
    private readonly svc: Services,
    readonly issueNumber: number,
    public commentId: number,
    public view: StatusView,
  ) {}

  /**
   * Finds the task's status comment on the issue (by marker), or creates it. When `knownId` is
   * given (from the task record) the listing is skipped.
   */
  static async open(svc: Services, issueNumber: number, view: StatusView, knownId?: number, opts: { mayExist?: boolean } = {}): Promise<StatusComment> {
    let id = knownId;
    if (id === undefined && opts.mayExist !== false) {
      const marker = statusMarker(view.taskId);
      const existing = (await svc.github.listIssueComments(svc.repo, issueNumber)).find((c) => c.body.startsWith(marker));
      id = existing?.id;
    }
    if (id === undefined) {
      const body = renderStatus(view);
      // idempotent: a lost response is followed by a look for the marker, never a second comment
      const created = await svc.github.createIssueComment(svc.repo, issueNumber, body, { marker: statusMarker(view.taskId) });
      const sc = new StatusComment(svc, issueNumber, created.id, view);
      sc.lastBody = body;
      return sc;
    }
    const sc = new StatusComment(svc, issueNumber, id, view);
    await sc.update({});
    return sc;
  }

  /**
   * Applies `patch` to the view and edits the comment if its text changed. Edits go out one at a
   * time, in order, so an update may be left in flight while the run goes on (the planner's first
   * request does not wait for "Researching…"): a slow earlier edit can never overwrite a later one,
   * and an edit superseded while it waited is skipped (the later update sends the newer text).
   * Resolves once its edit is made or skipped; rejects with the GitHub error of its own edit.
   */
  update(patch: Partial<StatusView>): Promise<void> {
    this.view = { ...this.view, ...patch, now: this.svc.now() };
    const body = renderStatus(this.view);
    if (body === this.lastBody) return this.sending;
    this.lastBody = body;
    const send = this.sending.catch(() => undefined).then(() => (this.lastBody === body ? this.svc.github.updateIssueComment(this.svc.repo, this.commentId, body) : undefined));
    this.sending = send.then(
      () => undefined,
      () => undefined,
    );
    return send.then(() => undefined);
  }
}
