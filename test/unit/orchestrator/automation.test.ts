/** Automation files (src/orchestrator/automation.ts): front matter, errors that name the problem, selection by cron. */
import { describe, expect, it } from 'vitest';
import { parseAutomation, selectAutomations, type Automation } from '../../../src/orchestrator/automation.js';

describe('parseAutomation', () => {
  it('reads YAML front matter and the prompt; a file without front matter is all prompt', () => {
    expect(parseAutomation('deps', '---\ntitle: Bump deps\nschedule: "0 6 * * 1"\n---\nUpdate the lock file.\n')).toEqual({
      name: 'deps',
      file: '.kiro/automations/deps.md',
      title: 'Bump deps',
      schedule: '0 6 * * 1',
      prompt: 'Update the lock file.',
    });
    expect(parseAutomation('plain', 'Tidy the README.')).toEqual({ name: 'plain', file: '.kiro/automations/plain.md', prompt: 'Tidy the README.' });
  });

  it.each([
    ['---\ntitle: [unclosed\n---\nx', /front matter is not valid YAML/],
    ['---\ncron: "* * * * *"\n---\nx', /front matter `cron` is not a known key \(known: title, schedule\)/],
    ['---\nschedule: 5\n---\nx', /front matter `schedule`/],
    ['---\ntitle: T\n---\n\n', /has no instructions/],
  ])('a bad file (%j) is an error naming the file and the problem', (text, re) => {
    const r = parseAutomation('x', text);
    expect('error' in r && r.error).toMatch(/^\.kiro\/automations\/x\.md: /);
    expect('error' in r && r.error).toMatch(re);
  });
});

describe('selectAutomations', () => {
  const a = (name: string, schedule?: string): Automation => ({ name, file: `.kiro/automations/${name}.md`, prompt: 'p', ...(schedule ? { schedule } : {}) });
  it('by name; else by the cron that fired (whitespace-insensitive); else all when none declares a schedule', () => {
    const all = [a('weekly', '0 6 * * 1'), a('monthly', '0 0 1 * *'), a('adhoc')];
    expect(selectAutomations(all, { name: 'adhoc' }).map((x) => x.name)).toEqual(['adhoc']);
    expect(selectAutomations(all, { name: '', schedule: '0  6 * * 1' }).map((x) => x.name)).toEqual(['weekly']);
    expect(selectAutomations(all, { name: '', schedule: '5 5 * * *' })).toEqual([]);
    expect(selectAutomations([a('x'), a('y')], { name: '', schedule: '5 5 * * *' }).map((x) => x.name)).toEqual(['x', 'y']);
  });
});
