import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { promptsDir, promptVariables, renderPrompt, setPromptsDir } from '../../../src/prompts.js';

const fixtures = join(import.meta.dirname, 'fixtures/prompts');

afterEach(() => setPromptsDir(undefined));

describe('renderPrompt', () => {
  it('substitutes {{var}} placeholders', () => {
    expect(renderPrompt('greet', { name: 'Kiro', repo: 'o/r' }, { dir: fixtures })).toBe('Hello Kiro, you work on o/r.\n');
  });

  it('throws on a missing variable, naming it', () => {
    expect(() => renderPrompt('greet', { name: 'Kiro' }, { dir: fixtures })).toThrow('prompt "greet": missing variable repo');
  });

  it('throws on an unused variable, naming it', () => {
    expect(() => renderPrompt('greet', { name: 'a', repo: 'b', extra: 'c', more: 'd' }, { dir: fixtures })).toThrow(
      'prompt "greet": variables extra, more not used by the template',
    );
  });

  it('does not expand placeholders inside values', () => {
    expect(renderPrompt('greet', { name: '{{repo}}', repo: 'x' }, { dir: fixtures })).toBe('Hello {{repo}}, you work on x.\n');
  });

  it('resolves prompts/ at the action root, and honours an override directory', () => {
    expect(promptsDir()).toBe(join(import.meta.dirname, '../../../prompts'));
    expect(existsSync(promptsDir())).toBe(true);
    setPromptsDir(fixtures);
    expect(renderPrompt('greet', { name: 'n', repo: 'r' })).toContain('Hello n');
  });

  it('rejects odd names and reports a missing template', () => {
    expect(() => renderPrompt('../secrets', {}, { dir: fixtures })).toThrow('is not a plain name');
    expect(() => renderPrompt('nope', {}, { dir: fixtures })).toThrow('prompt "nope" not found');
  });

  it('lists the variables of a template', () => {
    expect(promptVariables('{{a}} {{ b }} {{a}} ${{ github.token }}')).toEqual(['a', 'b']);
  });
});
