/** Errors of the state store (docs/state.md, "Errors"). All extend `StateStoreError`. */

/** A git operation on the state branch failed (fetch, push, plumbing), or the branch is corrupt. */
export class StateStoreError extends Error {
  /** True for failures worth retrying (network errors, HTTP 5xx); the store retries them itself. */
  readonly transient: boolean;
  constructor(message: string, options?: { cause?: unknown; transient?: boolean }) {
    super(message, options);
    this.name = 'StateStoreError';
    this.transient = options?.transient ?? false;
  }
}

/** Every compare-and-swap attempt of one update lost the race (the branch kept moving). */
export class StateConflictError extends StateStoreError {
  constructor(
    readonly description: string,
    readonly attempts: number,
  ) {
    super(`state update "${description}" lost ${attempts} compare-and-swap attempts in a row; the state branch is too busy — retry later`);
    this.name = 'StateConflictError';
  }
}

/** The branch was written by a newer action whose layout this one cannot read. */
export class StateVersionError extends StateStoreError {
  constructor(
    readonly found: number,
    readonly supported: number,
    where: string,
  ) {
    super(
      `the state store ${where} has layout version ${found}, but this version of kiro-action understands versions up to ${supported}; ` +
        'upgrade the action (every workflow sharing a state store must use a version that knows its layout)',
    );
    this.name = 'StateVersionError';
  }
}

/** A record on the branch is not valid JSON or does not match its schema (e.g. a bad manual edit). */
export class StateRecordError extends StateStoreError {
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(`state record ${path} is invalid: ${problem}`);
    this.name = 'StateRecordError';
  }
}
