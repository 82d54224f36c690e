/**
 * Installs the project's dependencies before the code sub-agent starts (SPEC.md §2
 * "Environment"): the project's manifests decide how. Detection reads files only; the install
 * runs in the sandbox (policy-free, as the action's own command, but with the sandbox's
 * environment and network level), and a failed install is reported, not fatal — the code
 * sub-agent can see and fix it.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { runShell } from './run.js';
import type { RunChecksOptions } from './run.js';

export interface SetupCommand {
  /** Short name for reports, e.g. `npm ci`. */
  name: string;
  command: string;
  /** The manifest that called for it. */
  source: string;
}

const exists = (dir: string, f: string) => existsSync(path.join(dir, f));

function hasNodeDependencies(dir: string): boolean {
  try {
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
    return ['dependencies', 'devDependencies', 'optionalDependencies'].some((k) => pkg[k] && Object.keys(pkg[k] as object).length > 0);
  } catch {
    return false;
  }
}

/**
 * The install commands for the project at `dir`: at most one per ecosystem, chosen by its lock
 * file. Projects whose dependencies are already installed (a `node_modules` directory) or that
 * have none are skipped. A `Dockerfile` or dev container cannot be used without a Docker daemon in
 * the job; their presence is reported by the caller, and the manifests still decide.
 */
export function detectSetup(dir: string): SetupCommand[] {
  const out: SetupCommand[] = [];
  if (exists(dir, 'package.json') && !exists(dir, 'node_modules') && hasNodeDependencies(dir)) {
    if (exists(dir, 'pnpm-lock.yaml')) out.push({ name: 'pnpm install', command: 'pnpm install --frozen-lockfile', source: 'pnpm-lock.yaml' });
    else if (exists(dir, 'yarn.lock')) out.push({ name: 'yarn install', command: 'yarn install --frozen-lockfile', source: 'yarn.lock' });
    else if (exists(dir, 'bun.lockb') || exists(dir, 'bun.lock')) out.push({ name: 'bun install', command: 'bun install --frozen-lockfile', source: 'bun.lock' });
    else if (exists(dir, 'package-lock.json') || exists(dir, 'npm-shrinkwrap.json')) out.push({ name: 'npm ci', command: 'npm ci --no-audit --no-fund', source: 'package-lock.json' });
    else out.push({ name: 'npm install', command: 'npm install --no-audit --no-fund', source: 'package.json' });
  }
  if (exists(dir, 'requirements.txt')) out.push({ name: 'pip install', command: 'python -m pip install -q -r requirements.txt', source: 'requirements.txt' });
  else if (exists(dir, 'pyproject.toml') && (exists(dir, 'poetry.lock') || exists(dir, 'uv.lock'))) {
    out.push(exists(dir, 'uv.lock') ? { name: 'uv sync', command: 'uv sync --frozen', source: 'uv.lock' } : { name: 'poetry install', command: 'poetry install --no-interaction', source: 'poetry.lock' });
  }
  if (exists(dir, 'go.mod')) out.push({ name: 'go mod download', command: 'go mod download', source: 'go.mod' });
  if (exists(dir, 'Cargo.toml')) out.push({ name: 'cargo fetch', command: 'cargo fetch --quiet', source: 'Cargo.toml' });
  return out;
}

export interface SetupResult extends SetupCommand {
  ok: boolean;
  output: string;
  durationMs: number;
}

/** Runs the detected installs in order; never throws. */
export async function runSetup(dir: string, opts: RunChecksOptions): Promise<SetupResult[]> {
  const results: SetupResult[] = [];
  for (const c of detectSetup(dir)) {
    const r = await runShell(c.command, opts);
    results.push({ ...c, ok: r.code === 0 && !r.timedOut, output: opts.redact(r.output.slice(-4000)), durationMs: r.durationMs });
  }
  return results;
}
