/**
 * Every name that crosses a boundary — action inputs and outputs, labels, markers, branch
 * prefixes, state-store file names — lives here so the code, the tests and action.yml agree.
 * Input and output names follow action.yml (the runner exposes inputs as `INPUT_<NAME>`).
 */

/** Action inputs, as declared in action.yml. */
export const Inputs = {
  AnthropicApiKey: 'anthropic-api-key',
  GithubToken: 'github-token',
  Model: 'model',
  Provider: 'provider',
  TriggerLabel: 'trigger-label',
  TriggerCommand: 'trigger-command',
  StateRepository: 'state-repository',
  StateBranch: 'state-branch',
  MaxConcurrentTasks: 'max-concurrent-tasks',
  MaxTurns: 'max-turns',
  MaxCostUsd: 'max-cost-usd',
  TimeoutMinutes: 'timeout-minutes',
  DryRun: 'dry-run',
  AutonomyLevel: 'autonomy-level',
  NetworkAccess: 'network-access',
  AllowedDomains: 'allowed-domains',
  AllowBots: 'allow-bots',
  MaxVerifyRetries: 'max-verify-retries',
  FixFailingChecks: 'fix-failing-checks',
  Repositories: 'repositories',
  Task: 'task',
  TaskId: 'task-id',
  Automation: 'automation',
  BotName: 'bot-name',
  BotEmail: 'bot-email',
  AllowUnsandboxedCommands: 'allow-unsandboxed-commands',
} as const;
export type InputName = (typeof Inputs)[keyof typeof Inputs];

/** Action outputs, as declared in action.yml. */
export const Outputs = {
  TaskId: 'task-id',
  Status: 'status',
  Branch: 'branch',
  PullRequestUrl: 'pull-request-url',
  CostUsd: 'cost-usd',
} as const;

/** What every label the action sets starts with. */
export const LabelPrefix = 'kiro:';

/** Lifecycle labels (SPEC.md J6) with the colours used when the action creates them. */
export const Labels = {
  Queued: 'kiro:queued',
  InProgress: 'kiro:in-progress',
  NeedsAttention: 'kiro:needs-attention',
  Completed: 'kiro:completed',
  Cancelled: 'kiro:cancelled',
  NeedsHumanReview: 'kiro:needs-human-review',
} as const;
export type LifecycleLabel = (typeof Labels)[keyof typeof Labels];

export const LabelColors: Readonly<Record<string, { color: string; description: string }>> = {
  [Labels.Queued]: { color: 'c5def5', description: 'Kiro: waiting for a free task slot' },
  [Labels.InProgress]: { color: '1d76db', description: 'Kiro: working on this task' },
  [Labels.NeedsAttention]: { color: 'fbca04', description: 'Kiro: waiting for an answer or approval' },
  [Labels.Completed]: { color: '0e8a16', description: 'Kiro: task finished' },
  [Labels.Cancelled]: { color: 'bfbfbf', description: 'Kiro: task cancelled' },
  [Labels.NeedsHumanReview]: { color: 'd93f0b', description: 'Kiro: verification failed, a human must review' },
};

/** Task states shown in the status comment; each maps to one lifecycle label. */
export const TaskStates = ['queued', 'in_progress', 'needs_attention', 'completed', 'cancelled'] as const;
export type TaskState = (typeof TaskStates)[number];
export const StateLabel: Readonly<Record<TaskState, LifecycleLabel>> = {
  queued: Labels.Queued,
  in_progress: Labels.InProgress,
  needs_attention: Labels.NeedsAttention,
  completed: Labels.Completed,
  cancelled: Labels.Cancelled,
};

/** Hidden markers the action puts in its own comments so it can find them again. */
export const Markers = {
  /** `<!-- kiro-action:` — what every comment the action writes starts with (any marker below). */
  Any: '<!-- kiro-action:',
  /** `<!-- kiro-action:status task=<id> -->` — the single status comment of a task. */
  StatusPrefix: '<!-- kiro-action:status',
  /** `<!-- kiro-action:refusal -->` — the one refusal comment per issue/actor. */
  Refusal: '<!-- kiro-action:refusal',
  /** `<!-- kiro-action:settings-error -->` — the bad-settings comment. */
  SettingsError: '<!-- kiro-action:settings-error',
  /** `<!-- kiro-action:closed-issue -->` — the one reply to a trigger on a closed issue. */
  ClosedIssue: '<!-- kiro-action:closed-issue',
  /** `<!-- kiro-action:questions task=<id> -->` — the clarifying questions comment. */
  Questions: '<!-- kiro-action:questions',
  /** `<!-- kiro-action:pause task=<id> -->` — an autonomy pause. */
  Pause: '<!-- kiro-action:pause',
  /** `<!-- kiro-action:reply task=<id> -->` — a reply in a review thread after a feedback round. */
  FeedbackReply: '<!-- kiro-action:reply',
  /** `<!-- kiro-action:feedback task=<id> -->` — a feedback round's summary comment on the PR. */
  FeedbackSummary: '<!-- kiro-action:feedback',
  /** `<!-- kiro-action:task=<id> -->` — in PR bodies, links a PR to its task record. */
  PullRequestTask: '<!-- kiro-action:task',
  /** `<!-- kiro-action:batch=<batchId> -->` in each child task's issue, `… tracking -->` in the batch's tracking issue (J5). */
  Batch: '<!-- kiro-action:batch',
} as const;

/**
 * Autonomy levels (SPEC.md §2), least to most autonomous: `cautious` pauses after each plan step and
 * before destructive commands, `balanced` before destructive commands and large rewrites, `full`
 * runs to the end.
 */
export const AutonomyLevels = ['cautious', 'balanced', 'full'] as const;
export type AutonomyLevel = (typeof AutonomyLevels)[number];

/** Network access levels (SPEC.md §2, `sandbox.networkAccess`), least to most open. */
export const NetworkLevels = ['integration-only', 'common-dependencies', 'open-internet', 'custom'] as const;
export type NetworkLevel = (typeof NetworkLevels)[number];

/** Branch naming (SPEC.md J1.5): `kiro/<issue>-<slug>`. */
export const BranchPrefix = 'kiro/';
export const DefaultStateBranch = 'kiro/state';

/** The bot identity used for commits unless inputs override it. */
export const DefaultBot = {
  name: 'kiro-action[bot]',
  email: '41898282+github-actions[bot]@users.noreply.github.com',
} as const;

/** `/kiro` subcommands (SPEC.md J2, J3, J6, §2 autonomy). */
export const Subcommands = ['cancel', 'continue', 'all', 'fix'] as const;
export type Subcommand = (typeof Subcommands)[number];

/** Files read from the repository being worked on. */
export const RepoFiles = {
  Settings: '.kiro/settings.json',
  SteeringDir: '.kiro/steering',
  McpConfig: '.kiro/settings/mcp.json',
  /** Automations: one prompt per file, `<name>.md`, with optional front matter. */
  AutomationsDir: '.kiro/automations',
} as const;

/** Branches of automation pull requests: `kiro/automation-<name>-<run id>`. */
export const AutomationBranchPrefix = 'kiro/automation-';

/** Directory (under RUNNER_TEMP) where a dry run saves the writes it would have made. */
export const DryRunDir = 'kiro-dry-run';

/** Version of the state-store layout (docs/state.md). */
export const StateVersion = 3;
