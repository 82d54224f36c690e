// Fails the build when ncc left run-time stubs for modules it could not bundle (NOTES.md: an
// ESM package built without "type":"module" exits 0 but leaves `webpackMissingModule` stubs).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const dist = path.resolve(import.meta.dirname, '..', 'dist');
const bad = readdirSync(dist)
  .filter((f) => f.endsWith('.js'))
  .filter((f) => readFileSync(path.join(dist, f), 'utf8').includes('webpackMissingModule'));
if (bad.length) {
  console.error(`dist/ has unresolved modules (webpackMissingModule) in: ${bad.join(', ')}`);
  process.exit(1);
}
