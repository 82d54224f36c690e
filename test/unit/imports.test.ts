/**
 * The house rules of src/ that a reader can check by grep (issue #14): one writer of outputs, one
 * reader of the environment, one vocabulary, no file over 400 lines, no orchestrator function over
 * 80. (No import cycles is checked by `npm run lint` with dpdm, counting static, dynamic and
 * type-only imports.)
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

const code = (f: string) => readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');

it('only src/settings.ts reads the environment: everything else gets Settings.env (issue #14)', () => {
  const readers = files(SRC)
    .filter((f) => /\bprocess\.env\b/.test(code(f)))
    .map((f) => path.relative(SRC, f));
  expect(readers).toEqual(['settings.ts']);
});

it('no source file is over 400 lines (issue #14: a newcomer reads a module in one sitting)', () => {
  const over = Object.fromEntries(
    files(SRC)
      .map((f) => [path.relative(SRC, f), readFileSync(f, 'utf8').split('\n').length - 1] as const)
      .filter(([, n]) => n > 400),
  );
  expect(over).toEqual({});
});

it('no function of src/orchestrator is over 80 lines (issue #14: phases, not god functions)', () => {
  const long: string[] = [];
  for (const f of files(path.join(SRC, 'orchestrator'))) {
    const sf = ts.createSourceFile(f, readFileSync(f, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (n: ts.Node): void => {
      if (ts.isFunctionLike(n) && 'body' in n && n.body) {
        const lines = sf.getLineAndCharacterOfPosition(n.end).line - sf.getLineAndCharacterOfPosition(n.getStart()).line + 1;
        if (lines > 80) long.push(`${path.relative(SRC, f)}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1} (${lines} lines)`);
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  expect(long).toEqual([]);
});
