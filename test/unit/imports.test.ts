/**
 * No import cycles in src/ (issue #14): every static, dynamic and type import between our own
 * modules, found with TypeScript's own pre-processor (`ts.preProcessFile`), must form a DAG.
 * (madge reports the same with `npx madge --circular --extensions ts src/`; this test keeps it
 * true without that dependency.)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { expect, it } from 'vitest';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

it('src/ has no import cycles (static, dynamic or type-only)', () => {
  const graph = new Map<string, string[]>();
  for (const f of files(SRC)) {
    const info = ts.preProcessFile(readFileSync(f, 'utf8'), true, true);
    graph.set(
      f,
      info.importedFiles
        .map((i) => i.fileName)
        .filter((n) => n.startsWith('.'))
        .map((n) => path.resolve(path.dirname(f), n.replace(/\.js$/, '.ts'))),
    );
  }
  const cycles: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (f: string): void => {
    if (state.get(f) === 'done') return;
    if (state.get(f) === 'open') {
      cycles.push([...stack.slice(stack.indexOf(f)), f].map((p) => path.relative(SRC, p)).join(' → '));
      return;
    }
    state.set(f, 'open');
    stack.push(f);
    for (const d of graph.get(f) ?? []) if (graph.has(d)) visit(d);
    stack.pop();
    state.set(f, 'done');
  };
  for (const f of graph.keys()) visit(f);
  expect(graph.size).toBeGreaterThan(50);
  expect(cycles).toEqual([]);
});

it('only src/main.ts writes the job outputs and summary (issue #14: one outcome)', () => {
  const writers = files(SRC)
    .filter((f) => /\bcore\.(setOutput|summary)\b/.test(readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')))
    .map((f) => path.relative(SRC, f));
  expect(writers).toEqual(['main.ts']);
});

it('the vocabulary is defined once: label and marker literals, levels and branch names only in src/constants.ts (issue #14)', () => {
  const literal = /['"`](kiro:[a-z-]*['"`]|<!-- kiro-action:[a-z-]*)|\[\s*'(cautious|integration-only)'|['"`]kiro\/(?:\$\{|\d|state['"`]|automation-)/;
  const offenders = files(SRC)
    .filter((f) => !f.endsWith(`${path.sep}constants.ts`))
    .filter((f) => literal.test(readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')))
    .map((f) => path.relative(SRC, f));
  expect(offenders).toEqual([]);
});
