/**
 * What a handler returns to `run()` (src/main.ts), which turns `failed` into the job's failure.
 * Refusals and no-ops end the job successfully. The run's outputs and job summary are reported
 * through `reportOutputs`/`reportSummary` below, which only `run()`'s writer turns into
 * `core.setOutput` and `core.summary` (issue #14: one module writes them).
 */
export interface Outcome {
  /** Set when the job should fail (a workflow author's mistake, or a fault). */
  failed?: string;
  /** True when the handler already emitted the error annotation (`run()` only sets the exit code). */
  annotated?: boolean;
}

/** The job's outputs (action.yml `outputs`), by field. */
export interface RunOutputs {
  taskId?: string;
  /** `completed`, `in_progress`, `queued`, `needs_attention`, `cancelled`, `failed`, `skipped`, `refused`. */
  status?: string;
  branch?: string;
  pullRequestUrl?: string;
  /** Dollars, as text with four decimals. */
  costUsd?: string;
}

/** Where a run's outputs and job summary go: installed by `run()` (src/main.ts), the only writer. */
export interface OutcomeWriter {
  outputs(o: RunOutputs): void;
  summary(markdown: string): Promise<void>;
}

let writer: OutcomeWriter = { outputs: () => undefined, summary: async () => undefined };

/** Installs the writer (`run()` does, before routing the event). */
export function installOutcomeWriter(w: OutcomeWriter): void {
  writer = w;
}

/**
 * Reports outputs of this run as they become known (the task id first, the status last); the
 * writer records them at once, so a job that is stopped keeps what it had.
 */
export function reportOutputs(o: RunOutputs): void {
  writer.outputs(o);
}

/** Appends redacted markdown to the job summary (the writer skips it outside Actions). */
export function reportSummary(markdown: string): Promise<void> {
  return writer.summary(markdown);
}
