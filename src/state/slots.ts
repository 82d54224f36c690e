/**
 * Concurrency slots (SPEC.md J6: at most `max-concurrent-tasks` tasks In progress per state
 * store). A slot is a lease file `leases/<taskId>.json` with an expiry, so a runner that dies
 * frees its slot; a task that finds no slot waits in `queue/` (file names sort by enqueue time).
 * A finishing task hands its slot to the oldest queued task by writing a *reserved* lease for it;
 * the caller then starts that task's continuation run, which turns the reservation into its lease.
 * A reservation that expires untaken (its run never started: the dispatch was lost, or the runner
 * that was to send it died) puts the task back in the queue at its old place, so it is handed a
 * slot — and its run started — again instead of being stranded Queued.
 *
 * Every function here runs inside one `StateStore.update`, so a decision is one compare-and-swap.
 */
import { StateDirs, StatePaths } from './paths.js';
import { Lease, QueueEntry } from './schema.js';
import type { StateReader, StateTx } from './view.js';

/** Result of `acquireSlot`. `handedTo`: queued tasks given a reserved slot — start their continuation runs. */
export type SlotResult = { acquired: true; handedTo: string[] } | { acquired: false; position: number; handedTo: string[] };

interface Slots {
  /** Live leases by task id. */
  leases: Map<string, Lease>;
  /** Expired or unreadable lease files. */
  stale: string[];
  /** Tasks whose reservation expired untaken, with their original enqueue time (ms). */
  lapsed: { taskId: string; queuedAtMs: number }[];
  /** Queue in order (oldest first). */
  queue: { path: string; taskId: string }[];
}

const iso = (ms: number) => new Date(ms).toISOString();

async function loadSlots(r: StateReader, nowMs: number): Promise<Slots> {
  const leasePaths = (await r.list(StateDirs.Leases)).filter((p) => p.endsWith('.json'));
  const queuePaths = await r.list(StateDirs.Queue);
  const files = await r.readMany(leasePaths);
  const leases = new Map<string, Lease>();
  const stale: string[] = [];
  const lapsed: Slots['lapsed'] = [];
  for (const p of leasePaths) {
    let lease: Lease | undefined;
    try {
      const parsed = Lease.safeParse(JSON.parse(files.get(p) ?? ''));
      if (parsed.success) lease = parsed.data;
    } catch {
      // unreadable lease: treated as expired so it cannot hold a slot forever
    }
    const expires = lease ? Date.parse(lease.expiresAt) : NaN;
    if (!lease || !(expires > nowMs) || StatePaths.lease(lease.taskId) !== p) {
      stale.push(p);
      if (lease?.reserved && StatePaths.lease(lease.taskId) === p) lapsed.push({ taskId: lease.taskId, queuedAtMs: lease.queuedAt ? Date.parse(lease.queuedAt) : Date.parse(lease.acquiredAt) });
    } else leases.set(lease.taskId, lease);
  }
  const queue: Slots['queue'] = [];
  const seen = new Set<string>();
  for (const p of queuePaths) {
    const taskId = StatePaths.queueTaskId(p);
    if (taskId === undefined) continue;
    if (seen.has(taskId)) continue;
    seen.add(taskId);
    queue.push({ path: p, taskId });
  }
  return { leases, stale, lapsed, queue };
}

function dequeue(tx: StateTx, s: Slots, taskId: string): void {
  for (let i = s.queue.length - 1; i >= 0; i--) {
    const q = s.queue[i];
    if (q && q.taskId === taskId) {
      tx.delete(q.path);
      s.queue.splice(i, 1);
    }
  }
}

/**
 * Gives free slots to the oldest queued tasks. `caller` (when queued and reached) gets a real lease
 * for `callerRun`; others get a reservation lasting `reservationMs`. Returns the others' ids.
 */
function handOff(
  tx: StateTx,
  s: Slots,
  max: number,
  nowMs: number,
  reservationMs: number,
  caller?: { taskId: string; runId: number; leaseMs: number },
): string[] {
  const handed: string[] = [];
  while (s.leases.size < max && s.queue.length > 0) {
    const next = s.queue.shift()!;
    tx.delete(next.path);
    const isCaller = caller?.taskId === next.taskId;
    const lease: Lease = isCaller
      ? { taskId: next.taskId, runId: caller.runId, acquiredAt: iso(nowMs), expiresAt: iso(nowMs + caller.leaseMs) }
      : { taskId: next.taskId, acquiredAt: iso(nowMs), expiresAt: iso(nowMs + reservationMs), reserved: true, queuedAt: iso(StatePaths.queueStamp(next.path) ?? nowMs) };
    tx.writeJson(StatePaths.lease(next.taskId), lease);
    s.leases.set(next.taskId, lease);
    if (!isCaller) handed.push(next.taskId);
  }
  return handed;
}

/** Deletes expired leases; a task whose reservation lapsed goes back in the queue at its old place. */
function dropStale(tx: StateTx, s: Slots): void {
  for (const p of s.stale) tx.delete(p);
  for (const { taskId, queuedAtMs } of s.lapsed) {
    if (s.queue.some((q) => q.taskId === taskId)) continue;
    const path = StatePaths.queueEntry(queuedAtMs, taskId);
    tx.writeJson(path, { taskId, enqueuedAt: iso(queuedAtMs) } satisfies QueueEntry);
    s.queue.push({ path, taskId });
  }
  if (s.lapsed.length) s.queue.sort((a, b) => a.path.localeCompare(b.path));
}

/**
 * Takes a slot for `taskId` or queues it. Expired leases are dropped first. A task that holds a
 * lease (or a reservation handed to it) keeps it and gets a fresh expiry. A new task takes a free
 * slot only when nobody is queued; otherwise it joins the queue and free slots go to the oldest
 * queued tasks (which may include it).
 */
export async function acquireSlotTx(
  tx: StateTx,
  taskId: string,
  runId: number,
  max: number,
  leaseMs: number,
  nowMs: number,
  reservationMs: number,
): Promise<SlotResult> {
  if (!(max >= 1)) throw new Error(`max-concurrent-tasks must be at least 1 (got ${max})`);
  const s = await loadSlots(tx, nowMs);
  dropStale(tx, s);
  const own = s.leases.get(taskId);
  if (own) {
    dequeue(tx, s, taskId);
    const lease: Lease = { taskId, runId, acquiredAt: own.reserved ? iso(nowMs) : own.acquiredAt, expiresAt: iso(nowMs + leaseMs) };
    tx.writeJson(StatePaths.lease(taskId), lease);
    s.leases.set(taskId, lease);
    return { acquired: true, handedTo: handOff(tx, s, max, nowMs, reservationMs) };
  }
  if (s.queue.length === 0 && s.leases.size < max) {
    const lease: Lease = { taskId, runId, acquiredAt: iso(nowMs), expiresAt: iso(nowMs + leaseMs) };
    tx.writeJson(StatePaths.lease(taskId), lease);
    return { acquired: true, handedTo: [] };
  }
  if (!s.queue.some((q) => q.taskId === taskId)) {
    const path = StatePaths.queueEntry(nowMs, taskId);
    const entry: QueueEntry = { taskId, enqueuedAt: iso(nowMs), runId };
    tx.writeJson(path, entry);
    s.queue.push({ path, taskId });
    s.queue.sort((a, b) => a.path.localeCompare(b.path));
  }
  const handedTo = handOff(tx, s, max, nowMs, reservationMs, { taskId, runId, leaseMs });
  if (s.leases.has(taskId)) return { acquired: true, handedTo };
  return { acquired: false, position: s.queue.findIndex((q) => q.taskId === taskId) + 1, handedTo };
}

/**
 * Extends `taskId`'s lease to now + `leaseMs`. Returns false when the task holds no lease (it
 * expired and was dropped, or was released): the caller lost its slot.
 */
export async function renewLeaseTx(tx: StateTx, taskId: string, runId: number, leaseMs: number, nowMs: number): Promise<boolean> {
  const path = StatePaths.lease(taskId);
  const current = await tx.readJson(path, Lease).catch(() => undefined);
  if (!current) return false;
  tx.writeJson(path, { ...current, taskId, runId, expiresAt: iso(nowMs + leaseMs), reserved: undefined, queuedAt: undefined } satisfies Lease);
  return true;
}

/**
 * Frees `taskId`'s slot (and its queue entry, if it was waiting) and hands free slots to the
 * oldest queued tasks. Returns the ids handed a reserved slot, oldest first — the caller starts
 * their continuation runs. Because the hand-off is part of the same compare-and-swap, two tasks
 * finishing at once never hand the same slot twice.
 */
export async function releaseSlotTx(tx: StateTx, taskId: string, max: number, nowMs: number, reservationMs: number): Promise<string[]> {
  const s = await loadSlots(tx, nowMs);
  dropStale(tx, s);
  if (s.leases.delete(taskId)) tx.delete(StatePaths.lease(taskId));
  dequeue(tx, s, taskId);
  return handOff(tx, s, max, nowMs, reservationMs);
}

/**
 * Queues `taskIds` in the given order (behind anyone already waiting) and hands free slots to the
 * oldest queued tasks, as reservations. A batch hands its children to their own workflow runs this
 * way: the caller starts the continuation runs of the returned ids; the rest start as slots free.
 * @returns the ids handed a reserved slot (oldest first) and each still-queued id's 1-based position
 */
export async function enqueueTx(tx: StateTx, taskIds: readonly string[], max: number, nowMs: number, reservationMs: number): Promise<{ handedTo: string[]; positions: Map<string, number> }> {
  if (!(max >= 1)) throw new Error(`max-concurrent-tasks must be at least 1 (got ${max})`);
  const s = await loadSlots(tx, nowMs);
  dropStale(tx, s);
  taskIds.forEach((taskId, i) => {
    if (s.leases.has(taskId) || s.queue.some((q) => q.taskId === taskId)) return;
    // one millisecond apart: queue file names sort by time, and the batch's order is kept
    const path = StatePaths.queueEntry(nowMs + i, taskId);
    tx.writeJson(path, { taskId, enqueuedAt: iso(nowMs + i) } satisfies QueueEntry);
    s.queue.push({ path, taskId });
  });
  s.queue.sort((a, b) => a.path.localeCompare(b.path));
  const handedTo = handOff(tx, s, max, nowMs, reservationMs);
  return { handedTo, positions: new Map(s.queue.map((q, i) => [q.taskId, i + 1])) };
}

/** 1-based position of `taskId` in the queue, or undefined when it is not queued. */
export async function queuePositionOf(r: StateReader, taskId: string): Promise<number | undefined> {
  const queue = await r.list(StateDirs.Queue);
  const ids = [...new Set(queue.map((p) => StatePaths.queueTaskId(p)).filter((x): x is string => x !== undefined))];
  const i = ids.indexOf(taskId);
  return i < 0 ? undefined : i + 1;
}

/** Live (unexpired) leases, by acquisition time. */
export async function readLeases(r: StateReader, nowMs: number): Promise<Lease[]> {
  const s = await loadSlots(r, nowMs);
  return [...s.leases.values()].sort((a, b) => a.acquiredAt.localeCompare(b.acquiredAt));
}
