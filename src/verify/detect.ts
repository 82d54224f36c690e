/**
 * Detects how a project verifies itself (SPEC.md §2 "Environment"): test, lint and type-check
 * commands from its manifests. Detection reads files only; nothing is executed here.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export type CheckKind = 'test' | 'lint' | 'typecheck' | 'build';

export interface CheckCommand {
  kind: CheckKind;
  /** Short name shown in reports, e.g. `npm test`. */
  name: string;
  /** Shell command line run in the repository root. */
  command: string;
  /** The manifest it came from. */
  source: string;
}

function readJson(p: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(readFileSync(p, 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
function readText(p: string): string | undefined {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
}

/** The package manager a Node project uses, from its lock file. */
function nodeRunner(dir: string): { run: (s: string) => string; test: string } {
  if (existsSync(path.join(dir, 'pnpm-lock.yaml'))) return { run: (s) => `pnpm run ${s}`, test: 'pnpm test' };
  if (existsSync(path.join(dir, 'yarn.lock'))) return { run: (s) => `yarn run ${s}`, test: 'yarn test' };
  if (existsSync(path.join(dir, 'bun.lockb')) || existsSync(path.join(dir, 'bun.lock'))) return { run: (s) => `bun run ${s}`, test: 'bun test' };
  return { run: (s) => `npm run ${s}`, test: 'npm test' };
}

const NPM_DEFAULT_TEST = /no test specified/;

/**
 * Lists the verification commands of the project at `dir`, in a stable order
 * (type check, lint, test). Unknown projects return an empty list.
 */
export function detectChecks(dir: string): CheckCommand[] {
  const out: CheckCommand[] = [];
  const add = (c: CheckCommand) => {
    if (!out.some((o) => o.command === c.command)) out.push(c);
  };

  const pkg = readJson(path.join(dir, 'package.json'));
  if (pkg) {
    const scripts = (pkg.scripts ?? {}) as Record<string, string>;
    const r = nodeRunner(dir);
    const tc = ['typecheck', 'type-check', 'tsc', 'check-types', 'types'].find((s) => scripts[s]);
    if (tc) add({ kind: 'typecheck', name: r.run(tc), command: r.run(tc), source: 'package.json' });
    else if (existsSync(path.join(dir, 'tsconfig.json')) && existsSync(path.join(dir, 'node_modules', '.bin', 'tsc'))) {
      add({ kind: 'typecheck', name: 'tsc --noEmit', command: 'npx --no-install tsc --noEmit', source: 'tsconfig.json' });
    }
    if (scripts.lint) add({ kind: 'lint', name: r.run('lint'), command: r.run('lint'), source: 'package.json' });
    if (scripts.test && !NPM_DEFAULT_TEST.test(scripts.test)) add({ kind: 'test', name: r.test, command: r.test, source: 'package.json' });
  }

  const makefile = readText(path.join(dir, 'Makefile')) ?? readText(path.join(dir, 'makefile'));
  if (makefile) {
    for (const [target, kind] of [
      ['typecheck', 'typecheck'],
      ['lint', 'lint'],
      ['test', 'test'],
      ['check', 'test'],
    ] as const) {
      if (new RegExp(`^${target}\\s*:`, 'm').test(makefile)) add({ kind, name: `make ${target}`, command: `make ${target}`, source: 'Makefile' });
    }
  }

  const pyproject = readText(path.join(dir, 'pyproject.toml'));
  const hasPy = pyproject !== undefined || existsSync(path.join(dir, 'setup.py')) || existsSync(path.join(dir, 'requirements.txt'));
  if (hasPy) {
    const cfg = (pyproject ?? '') + (readText(path.join(dir, 'setup.cfg')) ?? '');
    if (/\[tool\.mypy\]|mypy/.test(cfg)) add({ kind: 'typecheck', name: 'mypy', command: 'python -m mypy .', source: 'pyproject.toml' });
    if (/\[tool\.ruff/.test(cfg) || existsSync(path.join(dir, 'ruff.toml'))) add({ kind: 'lint', name: 'ruff', command: 'python -m ruff check .', source: 'pyproject.toml' });
    if (/pytest/.test(cfg) || existsSync(path.join(dir, 'tests')) || existsSync(path.join(dir, 'test'))) {
      add({ kind: 'test', name: 'pytest', command: 'python -m pytest -q', source: pyproject !== undefined ? 'pyproject.toml' : 'requirements.txt' });
    }
  }

  if (existsSync(path.join(dir, 'go.mod'))) {
    add({ kind: 'lint', name: 'go vet', command: 'go vet ./...', source: 'go.mod' });
    add({ kind: 'test', name: 'go test', command: 'go test ./...', source: 'go.mod' });
  }

  if (existsSync(path.join(dir, 'Cargo.toml'))) {
    add({ kind: 'typecheck', name: 'cargo check', command: 'cargo check --all-targets --quiet', source: 'Cargo.toml' });
    add({ kind: 'test', name: 'cargo test', command: 'cargo test --quiet', source: 'Cargo.toml' });
  }

  const order: Record<CheckKind, number> = { build: 0, typecheck: 1, lint: 2, test: 3 };
  return out.sort((a, b) => order[a.kind] - order[b.kind]);
}
