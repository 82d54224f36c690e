/**
 * The README's promises that can drift: the copy-paste workflow is the linted example file, every
 * action input and output is documented, and CI runs README's test command.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { Inputs, Outputs } from '../../src/constants.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const read = (p: string) => readFileSync(path.join(root, p), 'utf8');

describe('README', () => {
  const readme = read('README.md');
  it('embeds docs/examples/kiro.yml verbatim', () => {
    expect(readme).toContain(read('docs/examples/kiro.yml').trimEnd());
  });
  it('quick start: the test command is the one .ci/run calls', () => {
    expect(readme).toMatch(/npm ci && npm test/);
    expect(read('.ci/run')).toMatch(/^npm test$/m);
  });
  it('action.yml declares exactly the inputs and outputs the code knows, all documented', () => {
    const action = YAML.parse(read('action.yml')) as { inputs: Record<string, unknown>; outputs: Record<string, unknown>; runs: { using: string; main: string } };
    expect(Object.keys(action.inputs).sort()).toEqual([...Object.values(Inputs)].sort());
    expect(Object.keys(action.outputs).sort()).toEqual([...Object.values(Outputs)].sort());
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
    for (const name of [...Object.keys(action.inputs), ...Object.keys(action.outputs)]) expect(readme).toContain(`\`${name}\``);
  });
});
