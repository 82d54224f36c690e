/**
 * The fixed texts the loop itself puts into a conversation (tool_result hints and short user
 * notices). Task prompts live in `prompts/*.md`; these are protocol messages, kept in one place.
 */
export const Notices = {
  /** Answer to a tool_use cut off by `max_tokens`. */
  truncatedToolUse:
    'Your response hit max_tokens while writing this tool call, so its input was cut off and it was not run. ' +
    'Call the tool again with a smaller input: split a large file into a create plus several insert/str_replace calls.',
  /** User turn after a text-only response cut off by `max_tokens`. */
  maxTokensText: 'Your response was cut off by max_tokens. Continue where you stopped; keep each response shorter.',
  /** Answer to a tool_use that was not run because an earlier call in the same turn ended the run. */
  notRun: (why: string): string => `Not run: ${why}.`,
  unknownTool: (name: string, known: readonly string[]): string =>
    `Unknown tool "${name}". Available tools: ${known.join(', ')}.`,
  invalidInput: (name: string, details: string): string =>
    `Invalid input for ${name}:\n${details}\nFix the input and call ${name} again.`,
  toolCrashed: (name: string, message: string): string =>
    `${name} failed unexpectedly: ${message}. Try a different approach or simpler input.`,
  submitted: 'Submitted.',
  /** User turn when the model ended its turn without calling a required submit tool. */
  submitReminder: (names: readonly string[]): string =>
    `You ended your turn without submitting. When you are done, call ${names.map((n) => `\`${n}\``).join(' or ')} with your result.`,
  /** Wraps a message from the task owner received while the agent worked (SPEC.md J2 steering). */
  steer: (text: string): string =>
    `The task owner sent a new instruction while you were working. Take it into account from now on:\n<owner-instruction>\n${text}\n</owner-instruction>`,
} as const;
