import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { learningId, learningSimilarity, parseLearningFile, renderLearningFile } from '../../../src/state/learnings.js';
import { fileRemote, type FileRemote } from './helpers.js';

let remote: FileRemote;
beforeEach(async () => {
  remote = await fileRemote();
});
afterEach(async () => {
  await remote.cleanup();
});

const T = '2026-04-01T12:00:00.000Z';
const prov = (n: number, repository = 'acme/app') => ({
  url: `https://github.com/${repository}/pull/${n}#discussion_r${n}`,
  repository,
  date: T,
});

describe('learning files', () => {
  it('render and parse round-trip (front matter + body)', () => {
    const l = {
      id: 'use-apperror-x1',
      owner: 'octocat',
      text: 'Use `AppError` for errors: never throw strings.',
      createdAt: T,
      updatedAt: T,
      provenance: [prov(1)],
      tags: ['errors'],
    };
    const text = renderLearningFile(l);
    expect(text).toBe(
      [
        '---',
        'id: use-apperror-x1',
        'owner: octocat',
        `createdAt: ${T}`,
        `updatedAt: ${T}`,
        'tags:',
        '  - errors',
        'provenance:',
        '  - url: https://github.com/acme/app/pull/1#discussion_r1',
        '    repository: acme/app',
        `    date: ${T}`,
        '---',
        '',
        'Use `AppError` for errors: never throw strings.',
        '',
      ].join('\n'),
    );
    expect(parseLearningFile('learnings/octocat/use-apperror-x1.md', text, 'octocat')).toEqual(l);
  });

  it('tolerates a hand-written file without or with broken front matter', () => {
    expect(parseLearningFile('learnings/octocat/mine.md', 'Prefer tabs.\n', 'octocat')).toMatchObject({ id: 'mine', text: 'Prefer tabs.', provenance: [] });
    expect(parseLearningFile('learnings/octocat/x.md', '---\nid: [oops\n---\nBody\n', 'octocat')).toMatchObject({ id: 'x', text: 'Body' });
  });

  it('similarity: normalised equality and high token overlap match; different advice does not', () => {
    expect(learningSimilarity('Always use our standard error handling.', 'always use the *standard* error handling')).toBe(1);
    expect(learningSimilarity('Use the standard error handling in services', 'Use standard error handling in all services')).toBeGreaterThanOrEqual(0.8);
    expect(learningSimilarity('Use snake_case for SQL columns', 'Use camelCase for TypeScript variables')).toBeLessThan(0.5);
    expect(learningId('Always use our standard error handling!')).toMatch(/^always-use-our-standard-error-handling-[0-9a-f]{6}$/);
  });
});

describe('learnings in the store', () => {
  it('stores, dedupes and merges provenance; other owners are separate', async () => {
    const s = await remote.open('a', { now: () => Date.parse(T) });
    const first = await s.upsertLearnings('Octocat', [
      { text: 'Always use our standard error handling', provenance: prov(1) },
      { text: 'Name React components in PascalCase', provenance: prov(2), tags: ['naming'] },
      { text: 'always use the standard error handling.', provenance: prov(3, 'acme/other') }, // same batch duplicate
    ]);
    expect(first.map((r) => r.action)).toEqual(['created', 'created', 'merged']);
    expect(first[2]?.id).toBe(first[0]?.id);

    const again = await s.upsertLearnings('octocat', [
      { text: 'Always use our standard error handling', provenance: prov(1) },
      { text: 'Never commit generated files', provenance: prov(4) },
    ]);
    expect(again.map((r) => r.action)).toEqual(['unchanged', 'created']);

    const list = await s.listLearnings('octocat');
    expect(list).toHaveLength(3);
    const errors = list.find((l) => l.text.includes('error handling'))!;
    expect(errors.provenance.map((p) => p.repository)).toEqual(['acme/app', 'acme/other']);
    expect(await remote.remoteFile(`learnings/octocat/${errors.id}.md`)).toContain('https://github.com/acme/other/pull/3#discussion_r3');
    expect(await s.listLearnings('someone-else')).toEqual([]);
  });

  it('honours a person editing and deleting learning files with normal commits', async () => {
    const s = await remote.open('a', { now: () => Date.parse(T) });
    const [a, b] = await s.upsertLearnings('octocat', [
      { text: 'Use tabs for indentation', provenance: prov(1) },
      { text: 'Write commit messages in the imperative mood', provenance: prov(2) },
    ]);
    const pathA = `learnings/octocat/${a!.id}.md`;
    const edited = (await remote.remoteFile(pathA))!.replace('Use tabs for indentation', 'Use two spaces for indentation');
    await remote.personCommit({ [pathA]: edited, [`learnings/octocat/${b!.id}.md`]: null, 'learnings/octocat/handwritten.md': 'Prefer small PRs.\n' });

    const list = await s.listLearnings('octocat');
    expect(list.map((l) => l.text).sort()).toEqual(['Prefer small PRs.', 'Use two spaces for indentation']);
    // a new feedback with the deleted learning's text creates it again, fresh
    const r = await s.upsertLearnings('octocat', [{ text: 'Write commit messages in the imperative mood', provenance: prov(9) }]);
    expect(r[0]?.action).toBe('created');
    // merging into the edited learning keeps the person's text
    const m = await s.upsertLearnings('octocat', [{ text: 'Use two spaces for indentation', provenance: prov(5) }]);
    expect(m[0]).toMatchObject({ action: 'merged', id: a!.id });
    expect(await remote.remoteFile(pathA)).toContain('Use two spaces for indentation');
    expect(await s.deleteLearning('octocat', a!.id)).toBe(true);
    expect(await remote.remoteFile(pathA)).toBeUndefined();
  });
});
