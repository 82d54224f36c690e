/**
 * Benchmark: a 30-step scripted coding task through the real agent loop, tools and policy, against
 * the loopback Messages API server (which applies the prompt-caching rules to every request).
 * Reports the share of input tokens read from cache and the harness time per step excluding the
 * model call (wall time of a step minus the time spent inside `ModelClient.send`).
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runAgent } from '../../src/agent/loop.js';
import { createModelClient } from '../../src/agent/model.js';
import { roleSystem, roleTools, withPolicy } from '../../src/agent/roles.js';
import type { ModelClient, Spend, ToolContext } from '../../src/agent/types.js';
import { execGit } from '../../src/git/exec.js';
import { createUnsandboxedRunner } from '../../src/sandbox/runner.js';
import { buildSandboxEnv } from '../../src/policy/env.js';
import { createToolPolicy } from '../../src/policy/paths.js';
import { Redactor } from '../../src/policy/redact.js';
import { reply, startModelServer, toolUse, type Step } from '../rig/model-server.js';

export interface AgentLoopBench {
  steps: number;
  /** cache_read / (input + cache_read + cache_write), over the whole task. */
  cacheReadShare: number;
  inputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  /** Median and p90 harness time per step, ms (tools, policy, request building, transcript). */
  harnessMedianMs: number;
  harnessP90Ms: number;
  files: number;
  /** The largest prompt sent, tokens (usage: input + cache read + cache write). */
  peakPromptTokens: number;
  /** Context-management events (clearing batches, compactions) during the session. */
  cleared: number;
  compacted: number;
}

/** A repository with `files` source files in nested directories. */
async function makeRepo(files: number): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kiro-bench-repo-'));
  for (let i = 0; i < files; i++) {
    const sub = path.join(dir, 'src', `pkg${i % 40}`, `mod${i % 7}`);
    mkdirSync(sub, { recursive: true });
    const body = Array.from({ length: 60 }, (_, j) => `export function f${i}_${j}(x) {\n  return x + ${j}; // item ${i}-${j}\n}\n`).join('');
    writeFileSync(path.join(sub, `file${i}.js`), body);
  }
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'bench', scripts: { test: 'true' } }));
  const env = { GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@b', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@b' };
  await execGit(['init', '-q', '-b', 'main'], { cwd: dir });
  await execGit(['add', '-A'], { cwd: dir });
  await execGit(['commit', '-q', '-m', 'init'], { cwd: dir, env });
  return dir;
}

function script(steps: number): Step[] {
  const out: Step[] = [];
  for (let i = 0; out.length < steps - 1; i++) {
    const n = (i * 37) % 2000;
    const file = `src/pkg${n % 40}/mod${n % 7}/file${n}.js`;
    switch (i % 5) {
      case 0:
        out.push(reply(toolUse('search_code', { pattern: `item ${n}-1[0-9]`, max_results: 20 })));
        break;
      case 1:
        out.push(reply(toolUse('str_replace_based_edit_tool', { command: 'view', path: file, view_range: [1, 40] })));
        break;
      case 2:
        out.push(reply(toolUse('str_replace_based_edit_tool', { command: 'str_replace', path: file, old_str: `return x + 3; // item ${n}-3`, new_str: `return x + 33; // item ${n}-3` })));
        break;
      case 3:
        out.push(reply(toolUse('list_files', { glob: `src/pkg${n % 40}/**/*.js` })));
        break;
      default:
        out.push(reply(toolUse('bash', { command: `grep -c "item ${n}-" ${file} && git status --short | head -3` })));
    }
  }
  out.push(reply(toolUse('finish', { summary: 'done', approach: 'scripted', tradeoffs: 'none' })));
  return out;
}

/**
 * @param contextWindow when set, the server enforces this window (the real API's 400 beyond it)
 *   and the loop manages the conversation against it — the long-session figure
 */
export async function benchAgentLoop(steps = 30, files = 2000, contextWindow?: number): Promise<AgentLoopBench> {
  const repo = await makeRepo(files);
  const server = await startModelServer(script(steps), { apiKey: 'sk-ant-bench', ...(contextWindow ? { contextWindow } : {}) });
  let peak = 0;
  let cleared = 0;
  let compacted = 0;
  try {
    const real = createModelClient({ apiKey: 'sk-ant-bench', baseURL: server.url, retryBaseMs: 5 });
    let inModel = 0;
    const model: ModelClient = {
      async send(p, o) {
        const t0 = performance.now();
        try {
          const r = await real.send(p, o);
          peak = Math.max(peak, r.usage.input_tokens + r.usage.cache_read_input_tokens + r.usage.cache_creation_input_tokens);
          return r;
        } finally {
          inModel += performance.now() - t0;
        }
      },
    };
    const redactor = new Redactor();
    const policy = createToolPolicy({
      workspace: repo,
      commands: { forbiddenCommands: [], allowedCommands: [], autonomy: 'full' },
      maxFileEditsPerTask: 100,
      requireApprovalForNewFiles: false,
    });
    const rt = roleTools('coder');
    const ctx: ToolContext = withPolicy(
      { workspace: repo, env: buildSandboxEnv(process.env, { secrets: [] }), policy, redact: (s) => redactor.redact(s), commandTimeoutMs: 60_000, runner: createUnsandboxedRunner() },
      rt,
    );
    const steering = 'Use ES modules. Prefer small pure functions. Every change needs a test. '.repeat(60);
    const spend: Spend = { turns: 0, costUsd: 0, usage: { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 } };
    const harness: number[] = [];
    let stepStart = performance.now();
    let modelAtStart = 0;
    const result = await runAgent({
      model,
      modelId: 'claude-sonnet-5-5',
      role: 'coder',
      system: roleSystem('coder', { repository: 'bench/repo', steering, learnings: '(none)' }),
      tools: rt.tools,
      messages: [{ role: 'user', content: 'Carry out the plan: touch the files the plan names, one step at a time.' }],
      limits: { maxTurns: steps + 5, maxCostUsd: 100, deadline: Date.now() + 600_000 },
      spend,
      ctx,
      submitTools: rt.submitTools,
      ...(contextWindow ? { contextWindow } : {}),
      onContext: (ev) => (ev.kind === 'cleared' ? cleared++ : compacted++),
      onStep: () => {
        const now = performance.now();
        harness.push(now - stepStart - (inModel - modelAtStart));
        stepStart = now;
        modelAtStart = inModel;
      },
    });
    if (result.exitReason !== 'submitted') throw new Error(`bench task ended with ${result.exitReason}: ${result.error ?? ''}`);
    const u = spend.usage;
    const total = u.input_tokens + u.cache_read_input_tokens + u.cache_creation_input_tokens;
    const sorted = [...harness].sort((a, b) => a - b);
    return {
      steps: spend.turns,
      cacheReadShare: u.cache_read_input_tokens / total,
      inputTokens: u.input_tokens,
      cacheReadTokens: u.cache_read_input_tokens,
      cacheWriteTokens: u.cache_creation_input_tokens,
      harnessMedianMs: sorted[Math.floor(sorted.length / 2)]!,
      harnessP90Ms: sorted[Math.floor(sorted.length * 0.9)]!,
      files,
      peakPromptTokens: peak,
      cleared,
      compacted,
    };
  } finally {
    await server.close();
  }
}
