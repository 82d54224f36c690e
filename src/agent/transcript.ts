/**
 * The transcript: an append-only JSONL file, one line per agent step, every string redacted
 * before it is written. A line holds only the messages that step appended, so the file grows
 * linearly with the conversation; `transcriptMessages` rebuilds a sub-agent's conversation.
 */
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { AgentStep, MessageParam, Role, Usage } from './types.js';

export const TRANSCRIPT_VERSION = 1;

/** One JSONL line. */
export interface TranscriptEntry {
  v: typeof TRANSCRIPT_VERSION;
  /** ISO time the step was recorded. */
  ts: string;
  role: Role;
  /** Turn within the `runAgent` call. */
  turn: number;
  /** Counts `runAgent` calls of this writer, so repeated runs of one role stay apart. */
  run: number;
  modelId: string;
  stopReason: string | null;
  usage: Usage;
  costUsd: number;
  /** Messages the step appended (the assistant turn and the user turn answering it). */
  messages: MessageParam[];
}

export interface TranscriptWriter {
  readonly path: string;
  /** Records a step (use as `runAgent`'s `onStep`). Resolves when the line is on disk. */
  record(step: AgentStep): Promise<void>;
  /** Resolves when every pending line is written. */
  flush(): Promise<void>;
}

/** Deep copy with `redact` applied to every string. */
export function redactDeep<T>(value: T, redact: (s: string) => string): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => redactDeep(v, redact)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactDeep(v, redact);
    return out as T;
  }
  return value;
}

/**
 * Opens (creates on first write, with its directory) an append-only transcript at `path`.
 * Lines are written in call order; a write error rejects that `record` (and the loop then ends
 * with `failed`).
 */
export function createTranscriptWriter(path: string, redact: (s: string) => string): TranscriptWriter {
  let queue: Promise<void> = mkdir(dirname(path), { recursive: true }).then(() => undefined);
  const runs = new WeakMap<readonly MessageParam[], number>();
  let nextRun = 0;
  return {
    path,
    record(step: AgentStep): Promise<void> {
      // Each runAgent call has its own messages array: that identifies the run.
      let run = runs.get(step.messages);
      if (run === undefined) {
        run = ++nextRun;
        runs.set(step.messages, run);
      }
      const entry: TranscriptEntry = {
        v: TRANSCRIPT_VERSION,
        ts: new Date().toISOString(),
        role: step.role,
        turn: step.turn,
        run,
        modelId: step.modelId,
        stopReason: step.stopReason,
        usage: step.usage,
        costUsd: step.costUsd,
        messages: redactDeep([...step.newMessages], redact),
      };
      const line = `${JSON.stringify(entry)}\n`;
      const p = queue.then(() => appendFile(path, line, 'utf8'));
      queue = p.catch(() => undefined);
      return p;
    },
    flush: () => queue,
  };
}

/**
 * Reads a transcript. A torn last line (the runner died mid-write) is skipped; other malformed
 * lines throw with their line number. A missing file reads as no entries.
 */
export async function readTranscript(path: string): Promise<TranscriptEntry[]> {
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const lines = raw.split('\n');
  const out: TranscriptEntry[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      out.push(JSON.parse(line) as TranscriptEntry);
    } catch {
      const isLast = lines.slice(i + 1).every((l) => l.trim() === '');
      if (!isLast) throw new Error(`${path}:${i + 1}: not a JSON transcript line`);
    }
  });
  return out;
}

/**
 * The conversation one run appended, in order (the initial messages given to `runAgent` are not
 * in the transcript). `run` defaults to the last run of `role`.
 */
export function transcriptMessages(entries: readonly TranscriptEntry[], role: Role, run?: number): MessageParam[] {
  const mine = entries.filter((e) => e.role === role);
  const which = run ?? mine.at(-1)?.run;
  return mine.filter((e) => e.run === which).flatMap((e) => e.messages);
}
