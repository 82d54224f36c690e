/**
 * The sandbox the model's commands run in (SPEC.md §4, docs/security.md): the command/path/edit
 * policy, an environment without the action's credentials (the team's `env` added, task secrets
 * included), and the network access level enforced by the egress proxy plus, where the runner
 * permits, a network namespace whose only way out is that proxy (`src/policy/firewall.ts`).
 */
import * as core from '@actions/core';
import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import type { ToolContext, ToolPolicy } from '../agent/types.js';
import { basicCredential } from '../git/auth.js';
import { scrubPersistedCredentials } from '../git/repo.js';
import { buildSandboxEnv, resolveTaskEnv } from '../policy/env.js';
import { proxyEnv, startEgressProxy } from '../policy/egress-proxy.js';
import type { EgressProxy } from '../policy/egress-proxy.js';
import { prepareFirewall } from '../policy/firewall.js';
import type { Firewall } from '../policy/firewall.js';
import { integrationHosts, resolveNetworkPolicy } from '../policy/network.js';
import { createToolPolicy } from '../policy/paths.js';
import type { KiroToolPolicy } from '../policy/paths.js';
import { Redactor, scrubSecretsInFiles } from '../policy/redact.js';
import type { ScrubbedFile } from '../policy/redact.js';
import { discoverRegistryHosts } from '../policy/registries.js';
import type { Services } from './services.js';

/** How the network access level is enforced on this runner. */
export type NetworkEnforcement =
  /** `open-internet`: nothing to enforce. */
  | 'open'
  /** The egress proxy, through proxy variables only: a command that ignores them is not confined. */
  | 'proxy'
  /** The egress proxy inside a network namespace: unsetting proxy variables does not bypass it. */
  | 'netns';

export interface Sandbox {
  toolContext: ToolContext;
  /** Wraps a command's argv so the firewall applies to it (undefined when there is none). */
  wrap?: (argv: string[]) => string[];
  /** Requests the egress proxy blocked, with the command that made them (redacted). */
  blocked(): Array<{ host: string; command?: string }>;
  /** A stated limitation of the network enforcement on this runner, if any. */
  limitation?: string;
  /** How the network level is enforced here. */
  enforcement: NetworkEnforcement;
  /** Records the owner's approval of a paused command line (`/kiro continue`). */
  approve(command: string): void;
  /** Records the owner's approval of a paused file tool call (a new file or a large rewrite), by its workspace-relative path. */
  approvePath(path: string): void;
  /** Counts files an earlier run of the task changed (workspace-relative) against `maxFileEditsPerTask`. */
  countEdited(paths: Iterable<string>): void;
  /**
   * Replaces registered secret values in changed work-tree files (workspace-relative) before a
   * commit; logs a warning per file (names, never values). See `scrubSecretsInFiles`.
   */
  scrubChanges(paths: readonly string[]): Promise<ScrubbedFile[]>;
  close(): Promise<void>;
}

/** Every form of the action's own credentials: these never enter the sandbox, whatever the name. */
function credentialForms(svc: Services): string[] {
  const r = new Redactor({ setSecret: () => {} });
  const s = svc.settings;
  if (s.githubToken) {
    r.register(s.githubToken);
    r.register(basicCredential(s.githubToken));
  }
  if (s.anthropicApiKey) r.register(s.anthropicApiKey);
  return r.values();
}

/**
 * Opens the sandbox for one task run. Never fails for a missing firewall: enforcement then falls
 * back to the proxy alone and `limitation` says so (it goes into the PR body).
 * @param policyOverride replaces the tool policy (tests of the orchestrator only)
 */
export async function openSandbox(svc: Services, policyOverride?: ToolPolicy): Promise<Sandbox> {
  const s = svc.settings;
  const workspace = s.runner.workspace;
  // actions/checkout leaves the token in .git/config; the model's shell could read it (NOTES.md)
  const scrubbed = await scrubPersistedCredentials(workspace);
  if (scrubbed.length) core.info(`Kiro: removed persisted credentials from .git/config (${scrubbed.join(', ')}); the action authenticates its own git calls.`);
  const kiroPolicy: KiroToolPolicy | undefined = policyOverride
    ? undefined
    : createToolPolicy({
        workspace,
        commands: { forbiddenCommands: [...s.repo.agent.forbiddenCommands], allowedCommands: [...s.repo.agent.allowedCommands], autonomy: s.autonomyLevel },
        maxFileEditsPerTask: s.repo.agent.maxFileEditsPerTask,
        requireApprovalForNewFiles: s.repo.agent.requireApprovalForNewFiles,
      });
  const policy: ToolPolicy = policyOverride ?? kiroPolicy!;

  let proxy: EgressProxy | undefined;
  let firewall: Firewall | undefined;
  let proxyUrl: string | undefined;
  let netEnv: Record<string, string> = {};
  if (s.networkAccess !== 'open-internet') {
    const discovered = s.networkAccess === 'common-dependencies' ? await discoverRegistryHosts(process.env, { cwd: workspace }) : [];
    const netPolicy = resolveNetworkPolicy({
      level: s.networkAccess,
      allowedDomains: s.allowedDomains,
      integrationHosts: integrationHosts(process.env, s.anthropicBaseUrl),
      discovered,
    });
    proxy = await startEgressProxy(netPolicy, {
      onBlocked: (b) => {
        // once per distinct request; later repeats only raise its count
        if (b.count === 1) core.warning(svc.redact(`Kiro sandbox blocked ${b.method} ${b.host}:${b.port}${b.command ? ` from \`${b.command}\`` : ''} (${b.reason})`));
      },
    });
    // KIRO_FIREWALL=off: the proxy alone (a runner whose builds cannot live without the host's
    // network, and the tests of that fallback); the limitation is stated like any other
    const off = process.env.KIRO_FIREWALL === 'off';
    firewall = await prepareFirewall(netPolicy, proxy, off ? { disable: { reason: 'the workflow turned the network namespace off (KIRO_FIREWALL=off)' } } : {});
    proxyUrl = firewall.proxyUrl;
    netEnv = proxyEnv(proxyUrl, { base: process.env });
    core.info(`Kiro sandbox: network access level ${s.networkAccess}, ${firewall.mode === 'netns' ? `enforced in network namespace ${firewall.namespace}` : 'enforced by the egress proxy only'}.`);
    for (const note of firewall.notes) core.info(`Kiro sandbox: ${note}`);
    if (firewall.limitation) core.warning(`Kiro sandbox: ${firewall.limitation}`);
  }

  const task = resolveTaskEnv(s.repo.env, process.env);
  for (const w of task.warnings) core.warning(`Kiro sandbox: ${w}`);
  // every registered form (raw, base64, basic credential…) of every secret
  const secrets = svc.secretValues();
  const home = mkdtempSync(path.join(s.runner.runnerTemp, 'kiro-home-'));
  const env = buildSandboxEnv(process.env, {
    secrets,
    credentials: credentialForms(svc),
    extra: { ...netEnv, KIRO_SANDBOX: '1', TMPDIR: home },
    taskEnv: task.env,
  });
  const confined = firewall?.mode === 'netns' ? firewall : undefined;
  const releaseSignals = confined ? teardownOnSignals(confined) : () => {};
  const toolContext: ToolContext = {
    workspace,
    env,
    policy,
    redact: svc.redact,
    commandTimeoutMs: s.commandTimeoutMs,
    ...(confined ? { wrapCommand: (argv: string[], e: Readonly<Record<string, string>>) => confined.wrapCommand(argv, e) } : {}),
    ...(proxy && proxyUrl
      ? { commandEnv: (command: string) => proxyEnv(proxyUrl, { token: proxy.setCommand(command), base: env }) }
      : {}),
  };
  return {
    toolContext,
    ...(confined
      ? {
          wrap: (argv: string[]) => {
            // verification commands carry no attribution token: name them as the current command
            proxy?.setCommand(argv.slice(-1)[0]);
            return confined.wrapCommand(argv, env);
          },
        }
      : {}),
    blocked: () => (proxy?.blocked ?? []).map((b) => ({ host: `${b.host}:${b.port}`, ...(b.command ? { command: svc.redact(b.command) } : {}) })),
    ...(firewall?.limitation ? { limitation: firewall.limitation } : {}),
    enforcement: !proxy ? 'open' : confined ? 'netns' : 'proxy',
    approve: (command) => kiroPolicy?.approveCommand(command),
    approvePath: (p) => {
      if (kiroPolicy && !kiroPolicy.approvePath(p)) core.warning(`Kiro: the approved path ${p} is not writable by the agent's tools; nothing was approved.`);
    },
    countEdited: (paths) => kiroPolicy?.countEdited(paths),
    scrubChanges: async (paths) => {
      const found = await scrubSecretsInFiles(workspace, paths, svc.secretValues());
      for (const f of found) core.warning(`Kiro: ${f.path} held a secret value (${f.count}×); it was replaced by *** before committing.`);
      return found;
    },
    close: async () => {
      releaseSignals();
      await firewall?.teardown();
      await proxy?.close();
    },
  };
}

/**
 * A cancelled run gets SIGINT, then SIGTERM (https://github.com/actions/runner ProcessInvoker);
 * Node's default is to exit at once, which would leave the network namespace behind — and the
 * commands still running in it. Until `release()`, either signal tears the namespace down (at
 * most 3 s), then is raised again with the default behaviour.
 */
function teardownOnSignals(firewall: Firewall): () => void {
  const signals = ['SIGINT', 'SIGTERM'] as const;
  const onSignal = (signal: NodeJS.Signals): void => {
    release();
    const limit = new Promise<void>((r) => setTimeout(r, 3000).unref());
    void Promise.race([firewall.teardown().catch(() => {}), limit]).finally(() => process.kill(process.pid, signal));
  };
  const release = (): void => {
    for (const sig of signals) process.off(sig, onSignal);
  };
  for (const sig of signals) process.once(sig, onSignal);
  return release;
}
