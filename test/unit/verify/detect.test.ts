import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectChecks } from '../../../src/verify/detect.js';
import { detectSetup, runSetup } from '../../../src/verify/setup.js';
import { createUnsandboxedRunner } from '../../../src/sandbox/runner.js';

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kiro-detect-'));
  for (const [f, c] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    writeFileSync(path.join(dir, f), c);
  }
  return dir;
}

describe('detectChecks', () => {
  it('node: typecheck, lint, test in order, with the lock file’s package manager', () => {
    const dir = project({ 'package.json': JSON.stringify({ scripts: { test: 'vitest', lint: 'eslint .', typecheck: 'tsc' } }), 'pnpm-lock.yaml': '' });
    expect(detectChecks(dir).map((c) => c.command)).toEqual(['pnpm run typecheck', 'pnpm run lint', 'pnpm test']);
  });
  it('ignores npm’s placeholder test script', () => {
    const dir = project({ 'package.json': JSON.stringify({ scripts: { test: 'echo "Error: no test specified" && exit 1' } }) });
    expect(detectChecks(dir)).toEqual([]);
  });
  it('python, go, rust, make', () => {
    expect(detectChecks(project({ 'pyproject.toml': '[tool.pytest.ini_options]\n[tool.ruff]\n' })).map((c) => c.name)).toEqual(['ruff', 'pytest']);
    expect(detectChecks(project({ 'go.mod': 'module x' })).map((c) => c.command)).toEqual(['go vet ./...', 'go test ./...']);
    expect(detectChecks(project({ 'Cargo.toml': '[package]' })).map((c) => c.name)).toEqual(['cargo check', 'cargo test']);
    expect(detectChecks(project({ Makefile: 'lint:\n\ttrue\ntest:\n\ttrue\n' })).map((c) => c.command)).toEqual(['make lint', 'make test']);
  });
});

describe('detectSetup', () => {
  it('installs by lock file, skips installed or dependency-free projects', () => {
    expect(detectSetup(project({ 'package.json': JSON.stringify({ dependencies: { a: '1' } }), 'package-lock.json': '{}' })).map((c) => c.name)).toEqual(['npm ci']);
    expect(detectSetup(project({ 'package.json': JSON.stringify({ dependencies: { a: '1' } }), 'yarn.lock': '' })).map((c) => c.name)).toEqual(['yarn install']);
    expect(detectSetup(project({ 'package.json': JSON.stringify({ dependencies: { a: '1' } }), 'node_modules/.keep': '' }))).toEqual([]);
    expect(detectSetup(project({ 'package.json': JSON.stringify({ scripts: { test: 'node --test' } }) }))).toEqual([]);
    expect(detectSetup(project({ 'requirements.txt': 'x', 'go.mod': 'module x' })).map((c) => c.name)).toEqual(['pip install', 'go mod download']);
  });
  it('reports a failed install with its output instead of throwing', async () => {
    const dir = project({ 'go.mod': 'module x' });
    const [r] = await runSetup(dir, { cwd: dir, env: { PATH: '/nonexistent' }, timeoutMs: 10_000, redact: (s) => s, runner: createUnsandboxedRunner() });
    expect(r).toMatchObject({ name: 'go mod download', ok: false });
    expect(r!.output).toMatch(/not found|No such file/);
  });
});
