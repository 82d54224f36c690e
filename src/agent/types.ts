/**
 * Shared shapes of the agent layer. The loop knows nothing of GitHub: it calls the model, runs
 * tools under a policy, checks limits before each model call and returns a typed exit reason.
 * Message and tool shapes are the Messages API's (https://docs.anthropic.com/en/api/messages).
 */
import type Anthropic from '@anthropic-ai/sdk';
import type { ZodType } from 'zod';
import type { CommandRunner } from '../sandbox/runner.js';

export type MessageParam = Anthropic.MessageParam;
export type ContentBlockParam = Anthropic.ContentBlockParam;
export type TextBlockParam = Anthropic.TextBlockParam;
export type ToolUnion = Anthropic.ToolUnion;

/** Sub-agent roles; each has a prompt in `prompts/<role>.md` and its own tool set. */
export type Role = 'planner' | 'coder' | 'verifier' | 'learner';

/** A policy decision for one command, path or edit. */
export type PolicyDecision =
  | { action: 'allow' }
  | { action: 'deny'; reason: string }
  /** Autonomy pause: the task stops with a Needs-attention comment until approved. */
  | { action: 'pause'; reason: string };

/** What the tools ask before acting. Implemented in `src/policy/`. */
export interface ToolPolicy {
  /** A shell command line the model wants to run (whole line, may contain pipes, `&&`, `bash -c`). */
  checkCommand(command: string): PolicyDecision;
  /**
   * A path the model wants to read or write, relative to the workspace or absolute.
   * On allow, `resolved` is the absolute, symlink-resolved path inside the workspace.
   */
  checkPath(path: string, op: 'read' | 'write'): PolicyDecision & { resolved?: string };
  /** Called before a write: counts edits (`maxFileEditsPerTask`) and new files (`requireApprovalForNewFiles`). */
  checkEdit(resolvedPath: string, creating: boolean): PolicyDecision;
  /**
   * `checkCommand` when the shell's working directory (absolute) is known, so relative paths in
   * the command resolve where the shell really is. Optional: the bash tool falls back to
   * `checkCommand`.
   */
  checkCommandIn?(command: string, cwd: string): PolicyDecision;
  /**
   * Before an edit replaces `before` (the file's text) by `after`: balanced and cautious autonomy
   * pause before a large rewrite. Optional: without it the editor does not pause for rewrites.
   */
  checkRewrite?(resolvedPath: string, before: string | undefined, after: string): PolicyDecision;
}

/** Everything a tool needs at execution time. */
export interface ToolContext {
  /** Absolute path of the repository work tree. */
  workspace: string;
  /** Environment for commands the model runs: secrets already removed, proxy variables set. */
  env: Readonly<Record<string, string>>;
  policy: ToolPolicy;
  /** Redacts registered secrets and token shapes; applied to every tool result. */
  redact(text: string): string;
  /** Wall-clock limit for one command, milliseconds. */
  commandTimeoutMs: number;
  signal?: AbortSignal;
  /**
   * The one process runner (src/sandbox/runner.ts): every command the tools start on the model's
   * behalf runs through it, inside the OS sandbox.
   */
  runner: CommandRunner;
  /**
   * A directory for the tools' per-run state (the bash tool's saved exports and working
   * directory), visible to sandboxed commands at the same path. Default: the OS temp directory.
   */
  stateDir?: string;
  /**
   * Called before each command the model runs, with its command line: names it as the source of
   * the egress proxy's blocked requests and returns variables to add to that command's
   * environment (the proxy URL carrying the attribution token). Absent: nothing to add.
   */
  commandEnv?(command: string): Record<string, string>;
  /**
   * Results the read-only tools may share within one turn (the workspace's file listing). The
   * loop gives each turn a fresh one and clears it whenever a tool that can change files runs.
   */
  turnCache?: { files?: Promise<unknown> };
  /**
   * Resolves when tools may run (the sandbox finished preparing: the action's code is loaded, the
   * checkout's credentials are gone). The loop awaits it before a turn's tools; the model's first
   * request does not wait for it.
   */
  ready?: Promise<unknown>;
}

/** What an autonomy pause is waiting for: a command line, or a file the model wants to create or rewrite. */
export interface PauseRequest {
  reason: string;
  /** The paused command line (bash tool). */
  command?: string;
  /** The paused file, relative to the workspace (editor: a new file or a large rewrite). */
  path?: string;
  /** Set by the orchestrator's `complete_step` under cautious autonomy: the step just done, e.g. `1 (Add the endpoint)`. */
  afterStep?: string;
}

/** Result of one tool call, turned into a `tool_result` block. */
export interface ToolOutcome {
  content: string;
  isError?: boolean;
  /** Set when the policy asked for an autonomy pause; the loop exits with `paused`. */
  pause?: PauseRequest;
}

/**
 * A tool is data: its Messages API definition and an `execute` that never throws for expected
 * failures (they become `is_error` tool results with a recovery hint).
 */
export interface AgentTool {
  name: string;
  definition: ToolUnion;
  /**
   * Validates the model's input before `execute` (the loop answers a failed parse with an
   * `is_error` tool_result carrying zod's message); `execute` then receives the parsed value.
   */
  inputSchema?: ZodType;
  execute(input: unknown, ctx: ToolContext): Promise<ToolOutcome>;
}

/** Token usage as the Messages API reports it. */
export interface Usage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

/** Limits checked before each model call; `deadline` is epoch milliseconds. */
export interface Limits {
  maxTurns: number;
  maxCostUsd: number;
  deadline: number;
}

/** Cumulative spend shared by all sub-agents of one task run. */
export interface Spend {
  turns: number;
  costUsd: number;
  usage: Usage;
}

export type ExitReason =
  /** The model ended its turn without tool calls (`stop_reason: end_turn`). */
  | 'completed'
  /** The model called a submit tool (structured result in `result`). */
  | 'submitted'
  /** A tool asked for an autonomy pause. */
  | 'paused'
  /** maxTurns, maxCostUsd or the deadline was reached before a model call. */
  | 'limit_reached'
  /** The model API failed after retries, or the model's output could not be used. */
  | 'failed';

export interface AgentResult {
  exitReason: ExitReason;
  limit?: 'turns' | 'cost' | 'time';
  /** Input of the submit tool call when `exitReason === 'submitted'`. */
  result?: unknown;
  submitTool?: string;
  pause?: PauseRequest;
  error?: string;
  /** Final text of the model when it ended its turn. */
  text: string;
  messages: MessageParam[];
  /** Model calls made by this run (the cumulative count is in `Spend.turns`). */
  turns?: number;
  /** Cost of this run's model calls, USD (the cumulative figure is in `Spend.costUsd`). */
  costUsd?: number;
}

/** Request parameters of one Messages API call (streamed; `stream` is set by the client). */
export type ModelRequest = Anthropic.MessageStreamParams;

/** One model response: the final message, its usage (nulls as 0) and how many attempts it took. */
export interface ModelResponse {
  message: Anthropic.Message;
  usage: Usage;
  /** Attempts made by our own retry layer (1 = first try succeeded; SDK-internal retries not counted). */
  attempts: number;
}

/**
 * The model as the loop sees it. Implemented in `model.ts` (the only runtime importer of the SDK);
 * tests pass a scripted fake. `send` throws `ModelError` when retries are exhausted or the error
 * is not retryable.
 */
export interface ModelClient {
  send(params: ModelRequest, opts?: { signal?: AbortSignal }): Promise<ModelResponse>;
  /**
   * Exact prompt tokens of a request, from the token-counting endpoint
   * (https://docs.anthropic.com/en/api/messages-count-tokens). Optional: without it the loop
   * estimates from the usage of earlier responses.
   */
  countTokens?(params: ModelRequest): Promise<number>;
}

/** What `runAgent` reports after every step (one model call and the tools it asked for). */
export interface AgentStep {
  role: Role;
  /** Turn number within this `runAgent` call, 1-based. */
  turn: number;
  /** The whole canonical transcript so far (no `cache_control`); do not mutate. */
  messages: readonly MessageParam[];
  /** Messages appended by this step (the assistant message, then the user turn answering it). */
  newMessages: readonly MessageParam[];
  /** Usage of this step's model call. */
  usage: Usage;
  /** Cost of this step's model call, USD. */
  costUsd: number;
  modelId: string;
  stopReason: string | null;
}
