/**
 * The sandbox the model's commands run in (SPEC.md §4): the command/path/edit policy, an
 * environment without the action's credentials, and the network access level enforced by an
 * egress proxy (plus, where the runner permits, firewall rules below the process).
 */
import * as core from '@actions/core';
import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import type { ToolContext, ToolPolicy } from '../agent/types.js';
import { buildSandboxEnv } from '../policy/env.js';
import { proxyEnv, startEgressProxy } from '../policy/egress-proxy.js';
import type { EgressProxy } from '../policy/egress-proxy.js';
import { integrationHosts, resolveNetworkPolicy } from '../policy/network.js';
import { createToolPolicy } from '../policy/paths.js';
import { discoverRegistryHosts } from '../policy/registries.js';
import { scrubPersistedCredentials } from '../git/repo.js';
import type { Services } from './services.js';

export interface Sandbox {
  toolContext: ToolContext;
  /** Wraps a command's argv so the firewall applies to it (identity when there is none). */
  wrap?: (argv: string[]) => string[];
  /** Requests the egress proxy blocked, with the command that made them (redacted). */
  blocked(): Array<{ host: string; command?: string }>;
  /** A stated limitation of the network enforcement on this runner, if any. */
  limitation?: string;
  /** Records the owner's approval of a paused command line (`/kiro continue`). */
  approve(command: string): void;
  close(): Promise<void>;
}

/**
 * Opens the sandbox for one task run.
 * @param policyOverride replaces the tool policy (tests of the orchestrator only)
 */
export async function openSandbox(svc: Services, policyOverride?: ToolPolicy): Promise<Sandbox> {
  const s = svc.settings;
  const workspace = s.runner.workspace;
  // actions/checkout leaves the token in .git/config; the model's shell could read it (NOTES.md)
  const scrubbed = await scrubPersistedCredentials(workspace);
  if (scrubbed.length) core.info(`Kiro: removed persisted credentials from .git/config (${scrubbed.join(', ')}); the action authenticates its own git calls.`);
  const kiroPolicy = policyOverride
    ? undefined
    : createToolPolicy({
      workspace,
      commands: { forbiddenCommands: [...s.repo.agent.forbiddenCommands], allowedCommands: [...s.repo.agent.allowedCommands], autonomy: s.autonomyLevel },
      maxFileEditsPerTask: s.repo.agent.maxFileEditsPerTask,
      requireApprovalForNewFiles: s.repo.agent.requireApprovalForNewFiles,
    });
  const policy: ToolPolicy = policyOverride ?? kiroPolicy!;

  let proxy: EgressProxy | undefined;
  let netEnv: Record<string, string> = {};
  let limitation: string | undefined;
  if (s.networkAccess !== 'open-internet') {
    const discovered = s.networkAccess === 'common-dependencies' ? await discoverRegistryHosts(process.env, { cwd: workspace }) : [];
    const netPolicy = resolveNetworkPolicy({
      level: s.networkAccess,
      allowedDomains: s.allowedDomains,
      integrationHosts: integrationHosts(process.env, s.anthropicBaseUrl),
      discovered,
    });
    proxy = await startEgressProxy(netPolicy, {
      onBlocked: (b) => core.warning(svc.redact(`Kiro sandbox blocked ${b.method} ${b.host}:${b.port}${b.command ? ` from \`${b.command}\`` : ''} (${b.reason})`)),
    });
    netEnv = proxyEnv(proxy.url, { base: process.env });
    limitation = 'network access is enforced through proxy variables only on this runner (no firewall rules could be installed); a program that ignores proxy settings is not restricted.';
  }

  // every registered form (raw, base64, basic credential…) of every secret
  const secrets = svc.secretValues();
  const home = mkdtempSync(path.join(s.runner.runnerTemp, 'kiro-home-'));
  const env = buildSandboxEnv(process.env, { secrets, extra: { ...s.repo.env, ...netEnv, KIRO_SANDBOX: '1', TMPDIR: home } });
  const toolContext: ToolContext = {
    workspace,
    env,
    policy,
    redact: svc.redact,
    commandTimeoutMs: s.commandTimeoutMs,
  };
  return {
    toolContext,
    blocked: () => (proxy?.blocked ?? []).map((b) => ({ host: `${b.host}:${b.port}`, ...(b.command ? { command: svc.redact(b.command) } : {}) })),
    ...(limitation ? { limitation } : {}),
    approve: (command) => kiroPolicy?.approveCommand(command),
    close: async () => {
      await proxy?.close();
    },
  };
}
