/**
 * What a handler returns to `run()` (src/main.ts), which turns `failed` into the job's failure.
 * Refusals and no-ops end the job successfully.
 */
export interface Outcome {
  /** Set when the job should fail (a workflow author's mistake, or a fault). */
  failed?: string;
  /** True when the handler already emitted the error annotation (`run()` only sets the exit code). */
  annotated?: boolean;
}
