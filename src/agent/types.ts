/**
 * Shared shapes of the agent layer. The loop knows nothing of GitHub: it calls the model, runs
 * tools under a policy, checks limits before each model call and returns a typed exit reason.
 * Message and tool shapes are the Messages API's (https://docs.anthropic.com/en/api/messages).
 */
import type Anthropic from '@anthropic-ai/sdk';

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
}

/** Result of one tool call, turned into a `tool_result` block. */
export interface ToolOutcome {
  content: string;
  isError?: boolean;
  /** Set when the policy asked for an autonomy pause; the loop exits with `paused`. */
  pause?: { reason: string; command?: string };
}

/**
 * A tool is data: its Messages API definition and an `execute` that never throws for expected
 * failures (they become `is_error` tool results with a recovery hint).
 */
export interface AgentTool {
  name: string;
  definition: ToolUnion;
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
  pause?: { reason: string; command?: string };
  error?: string;
  /** Final text of the model when it ended its turn. */
  text: string;
  messages: MessageParam[];
}
