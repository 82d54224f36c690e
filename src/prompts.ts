/**
 * Prompt templates: `prompts/<name>.md` at the action root, with `{{variable}}` placeholders.
 * A template that needs a variable the caller did not give, or a variable the template does not
 * use, is an error — prompts never silently lose or ignore context (STYLE.md habit 8).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

/**
 * `src/prompts.ts` and the bundled `dist/*.js` are both one level below the action root. (Not
 * `new URL('../prompts/', import.meta.url)`: webpack/ncc would treat that as an asset to bundle.)
 */
const DEFAULT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'prompts');

let overrideDir: string | undefined;
const cache = new Map<string, string>();

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_-]*)\s*\}\}/g;
const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*(\/[A-Za-z0-9][A-Za-z0-9_-]*)*$/;

/** Sets (or with `undefined` clears) a directory searched instead of the action's `prompts/`. */
export function setPromptsDir(dir: string | undefined): void {
  overrideDir = dir;
}

/** The directory templates are read from. */
export function promptsDir(): string {
  return overrideDir ?? DEFAULT_DIR;
}

/**
 * Reads every template of the prompts directory into the cache. Called before the first command
 * the model causes (src/orchestrator/sandbox.ts): the templates are then never read from disk
 * again in this run, whatever happens to the directory (it is also hidden from the sandbox).
 * @returns the names loaded
 */
export function preloadPrompts(dir = promptsDir()): string[] {
  const names = readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .map((f) => f.slice(0, -3));
  for (const n of names) loadPrompt(n, dir);
  return names;
}

/** Template text (cached per path). @throws Error when the file is missing or the name is malformed */
export function loadPrompt(name: string, dir = promptsDir()): string {
  if (!NAME.test(name)) throw new Error(`prompt name "${name}" is not a plain name like "coder" or "roles/coder"`);
  const path = join(dir, `${name}.md`);
  let text = cache.get(path);
  if (text === undefined) {
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      throw new Error(`prompt "${name}" not found at ${path}: ${(e as Error).message}`);
    }
    cache.set(path, text);
  }
  return text;
}

/** Placeholder names a template uses, in first-use order. */
export function promptVariables(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

/**
 * Renders `prompts/<name>.md`, replacing each `{{var}}` with `vars[var]` (values are inserted as
 * they are; `{{` in a value is not expanded).
 *
 * @param opts.dir read the template from this directory instead (tests, a checked-out action)
 * @throws Error listing the missing variables, or the provided ones the template does not use
 */
export function renderPrompt(name: string, vars: Record<string, string>, opts: { dir?: string } = {}): string {
  const template = loadPrompt(name, opts.dir);
  const used = promptVariables(template);
  const missing = used.filter((v) => !Object.hasOwn(vars, v));
  if (missing.length) throw new Error(`prompt "${name}": missing variable${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  const unused = Object.keys(vars).filter((v) => !used.includes(v));
  if (unused.length) {
    throw new Error(`prompt "${name}": variable${unused.length > 1 ? 's' : ''} ${unused.join(', ')} not used by the template`);
  }
  return template.replace(PLACEHOLDER, (_m, v: string) => vars[v]!);
}
