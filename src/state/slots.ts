/**
 * Concurrency slots (SPEC.md J6: at most `max-concurrent-tasks` tasks In progress per state
 * store). Layout version 3 keeps each slot as its own record `slots/<n>.json` (n = 1 … max, a ref
 * next to the state branch) holding a lease with an expiry, so a runner that dies frees its slot;
 * a task that finds no slot waits in `queue/` (one record per entry, names sort by enqueue time).
 * Because a slot is a numbered record, taking one is a compare-and-swap on *that* slot only: two
 * tasks starting at once contend only when they pick the same free slot (they pick at random), never
 * on one shared ref. A finishing task hands its slot to the oldest queued task by writing a
 * *reserved* lease for it and deleting its queue record (two finishing tasks handing on to the same
 * task collide on that record); the caller then starts that task's continuation run, which turns
 * the reservation into its lease. A reservation that expires untaken (its run never started: the
 * dispatch was lost, or the runner that was to send it died) puts the task back in the queue at its
 * old place, so it is handed a slot — and its run started — again instead of being stranded Queued.
 *
 * Records are only compared where they are written, so a release that saw an empty queue and a task
 * that saw every slot taken could pass each other (the release frees a slot the queued task never
 * hears of). Each side therefore looks again after its write (`settleTx`, run by the store): of a
 * release and an enqueue, at least one sees the other's write and hands the slot on.
 *
 * Version-2 leases (`leases/<taskId>.json` on the branch) are still honoured — counted, renewed and
 * released where they are — until their task lets go of them; new leases are always slots.
 *
 * Every function here runs inside one `StateStore.update`, so a decision is one compare-and-swap.
 */
import { StateDirs, StatePaths } from './paths.js';
import { Lease, QueueEntry } from './schema.js';
import type { StateReader, StateTx } from './view.js';

/** Result of `acquireSlot`. `handedTo`: queued tasks given a reserved slot — start their continuation runs. */
export type SlotResult = { acquired: true; handedTo: string[] } | { acquired: false; position: number; handedTo: string[] };

interface Slots {
  /** Live leases by task id, each with the path holding it (a slot, or a version-2 lease file). */
  leases: Map<string, { lease: Lease; path: string }>;
  /** Slot numbers held by a live lease. */
  used: Set<number>;
  /** Expired reservations (their run never started): slot path, task and original enqueue time (ms). */
  lapsed: { path: string; taskId: string; queuedAtMs: number }[];
  /** Expired or unreadable version-2 lease files (deleted on the next write). */
  staleFiles: string[];
  /** Queue in order (oldest first). */
  queue: { path: string; taskId: string }[];
}

const iso = (ms: number) => new Date(ms).toISOString();

async function loadSlots(r: StateReader | StateTx, nowMs: number): Promise<Slots> {
  // the branch (version-2 leases), the slots and the queue with one fetch
  if ('prefetch' in r) await r.prefetch?.([], [StateDirs.Slots, StateDirs.Queue]);
  const slotPaths = (await r.list(StateDirs.Slots)).filter((p) => StatePaths.slotNumber(p) !== undefined);
  const filePaths = (await r.list(StateDirs.Leases)).filter((p) => p.endsWith('.json'));
  const queuePaths = await r.list(StateDirs.Queue);
  const files = await r.readMany([...slotPaths, ...filePaths]);
  const s: Slots = { leases: new Map(), used: new Set(), lapsed: [], staleFiles: [], queue: [] };
  for (const p of [...slotPaths, ...filePaths]) {
    let lease: Lease | undefined;
    try {
      const parsed = Lease.safeParse(JSON.parse(files.get(p) ?? ''));
      if (parsed.success) lease = parsed.data;
    } catch {
      // unreadable: treated as expired so it cannot hold a slot forever
    }
    const slot = StatePaths.slotNumber(p);
    // a version-2 lease file must name its own task
    const valid = lease !== undefined && (slot !== undefined || StatePaths.lease(lease.taskId) === p);
    const live = valid && Date.parse(lease!.expiresAt) > nowMs && !s.leases.has(lease!.taskId);
    if (live) {
      s.leases.set(lease!.taskId, { lease: lease!, path: p });
      if (slot !== undefined) s.used.add(slot);
      continue;
    }
    if (slot === undefined) s.staleFiles.push(p);
    if (valid && lease!.reserved && Date.parse(lease!.expiresAt) <= nowMs) {
      s.lapsed.push({ path: p, taskId: lease!.taskId, queuedAtMs: lease!.queuedAt ? Date.parse(lease!.queuedAt) : Date.parse(lease!.acquiredAt) });
    }
  }
  const seen = new Set<string>();
  for (const p of queuePaths) {
    const taskId = StatePaths.queueTaskId(p);
    if (taskId === undefined || seen.has(taskId)) continue;
    seen.add(taskId);
    s.queue.push({ path: p, taskId });
  }
  return s;
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
 * A free slot's path (a number up to `max` that no live lease holds), picked at random so that
 * tasks starting at once mostly pick different slots; undefined when `max` leases are live.
 */
function freeSlot(s: Slots, max: number): string | undefined {
  if (s.leases.size >= max) return undefined;
  const free: number[] = [];
  for (let n = 1; n <= max; n++) if (!s.used.has(n)) free.push(n);
  const n = free[Math.floor(Math.random() * free.length)];
  return n === undefined ? undefined : StatePaths.slot(n);
}

/** Records `lease` as live in `s` and writes it at `path`. */
function hold(tx: StateTx, s: Slots, path: string, lease: Lease): void {
  tx.writeJson(path, lease);
  s.leases.set(lease.taskId, { lease, path });
  const n = StatePaths.slotNumber(path);
  if (n !== undefined) s.used.add(n);
}

/** Forgets `taskId`'s lease in `s` and deletes its record; returns whether it held one. */
function letGo(tx: StateTx, s: Slots, taskId: string): boolean {
  const own = s.leases.get(taskId);
  if (!own) return false;
  tx.delete(own.path);
  s.leases.delete(taskId);
  const n = StatePaths.slotNumber(own.path);
  if (n !== undefined) s.used.delete(n);
  return true;
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
  for (let path = freeSlot(s, max); path !== undefined && s.queue.length > 0; path = freeSlot(s, max)) {
    const next = s.queue.shift()!;
    tx.delete(next.path);
    if (s.leases.has(next.taskId)) continue; // queued and holding a slot at once (a race): it keeps the one
    const isCaller = caller?.taskId === next.taskId;
    const lease: Lease = isCaller
      ? { taskId: next.taskId, runId: caller.runId, acquiredAt: iso(nowMs), expiresAt: iso(nowMs + caller.leaseMs) }
      : { taskId: next.taskId, acquiredAt: iso(nowMs), expiresAt: iso(nowMs + reservationMs), reserved: true, queuedAt: iso(StatePaths.queueStamp(next.path) ?? nowMs) };
    hold(tx, s, path, lease);
    if (!isCaller) handed.push(next.taskId);
  }
  return handed;
}

/**
 * Puts a task whose reservation lapsed back in the queue at its old place, deleting the lapsed
 * reservation in the same write (so it is re-queued once); deletes stale version-2 lease files.
 * Expired leases of dead runs need nothing: their slot counts as free and is overwritten when taken.
 */
function dropStale(tx: StateTx, s: Slots): void {
  for (const p of s.staleFiles) tx.delete(p);
  for (const { path, taskId, queuedAtMs } of s.lapsed) {
    if (StatePaths.slotNumber(path) !== undefined) tx.delete(path);
    if (s.leases.has(taskId) || s.queue.some((q) => q.taskId === taskId)) continue;
    const entry = StatePaths.queueEntry(queuedAtMs, taskId);
    tx.writeJson(entry, { taskId, enqueuedAt: iso(queuedAtMs) } satisfies QueueEntry);
    s.queue.push({ path: entry, taskId });
  }
  if (s.lapsed.length) s.queue.sort((a, b) => a.path.localeCompare(b.path));
}

/**
 * Takes a slot for `taskId` or queues it. A task that holds a lease (or a reservation handed to
 * it) keeps it and gets a fresh expiry. A new task takes a free slot only when nobody is queued;
 * otherwise it joins the queue and free slots go to the oldest queued tasks (which may include it).
 * A task left queued must have the store `settleTx` after this write (see the module comment).
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
    hold(tx, s, own.path, { taskId, runId, acquiredAt: own.lease.reserved ? iso(nowMs) : own.lease.acquiredAt, expiresAt: iso(nowMs + leaseMs) });
    return { acquired: true, handedTo: handOff(tx, s, max, nowMs, reservationMs) };
  }
  const free = s.queue.length === 0 ? freeSlot(s, max) : undefined;
  if (free) {
    hold(tx, s, free, { taskId, runId, acquiredAt: iso(nowMs), expiresAt: iso(nowMs + leaseMs) });
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
 * Hands free slots to the oldest queued tasks — the look after a write that closes the gap between
 * a release and an enqueue (module comment). `caller`, when reached, gets a real lease.
 * @returns the ids handed a reservation, and whether `caller` now holds a lease
 */
export async function settleTx(
  tx: StateTx,
  max: number,
  nowMs: number,
  reservationMs: number,
  caller?: { taskId: string; runId: number; leaseMs: number },
): Promise<{ handedTo: string[]; callerHolds: boolean }> {
  const s = await loadSlots(tx, nowMs);
  dropStale(tx, s);
  const handedTo = s.queue.length > 0 ? handOff(tx, s, max, nowMs, reservationMs, caller) : [];
  return { handedTo, callerHolds: caller !== undefined && s.leases.get(caller.taskId)?.lease.reserved !== true && s.leases.has(caller.taskId) };
}

/**
 * Extends `taskId`'s lease to now + `leaseMs`. Returns false when the task holds no lease (it
 * expired and was dropped, or was released): the caller lost its slot.
 */
export async function renewLeaseTx(tx: StateTx, taskId: string, runId: number, leaseMs: number, nowMs: number): Promise<boolean> {
  const s = await loadSlots(tx, nowMs);
  const own = s.leases.get(taskId);
  if (!own) return false;
  hold(tx, s, own.path, { ...own.lease, taskId, runId, expiresAt: iso(nowMs + leaseMs), reserved: undefined, queuedAt: undefined });
  return true;
}

/**
 * Frees `taskId`'s slot (and its queue entry, if it was waiting) and hands free slots to the
 * oldest queued tasks. Returns the ids handed a reserved slot, oldest first — the caller starts
 * their continuation runs. Two tasks finishing at once never hand the same slot twice (the slot is
 * each one's own) nor the same task two slots (both delete its queue record: one loses). A release
 * that hands nothing on must have the store `settleTx` after this write (module comment).
 */
export async function releaseSlotTx(tx: StateTx, taskId: string, max: number, nowMs: number, reservationMs: number): Promise<string[]> {
  const s = await loadSlots(tx, nowMs);
  dropStale(tx, s);
  letGo(tx, s, taskId);
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
    // one millisecond apart: queue names sort by time, and the batch's order is kept
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
  return [...s.leases.values()].map((l) => l.lease).sort((a, b) => a.acquiredAt.localeCompare(b.acquiredAt));
}
