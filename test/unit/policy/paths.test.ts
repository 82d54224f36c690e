import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkRewrite,
  createEditBudget,
  createPathGuard,
  createToolPolicy,
  DEFAULT_PROTECTED_GLOBS,
  findProtectedChanges,
} from '../../../src/policy/paths.js';

let root: string; // holds the workspace and an "outside" directory beside it
let ws: string;
let outside: string;

beforeAll(() => {
  root = realpathSync(mkdtempSync(path.join(tmpdir(), 'kiro-paths-')));
  ws = path.join(root, 'repo');
  outside = path.join(root, 'outside');
  mkdirSync(path.join(ws, 'src'), { recursive: true });
  mkdirSync(path.join(ws, '.git', 'hooks'), { recursive: true });
  mkdirSync(path.join(ws, '.github', 'workflows'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(path.join(ws, 'src', 'a.ts'), 'export const a = 1;\n');
  writeFileSync(path.join(ws, '.git', 'config'), '[core]\n');
  writeFileSync(path.join(ws, '.github', 'workflows', 'ci.yml'), 'on: push\n');
  writeFileSync(path.join(outside, 'secret.txt'), 'secret\n');
  symlinkSync('/etc/passwd', path.join(ws, 'passwd-link'));
  symlinkSync(path.join(outside, 'secret.txt'), path.join(ws, 'secret-link'));
  symlinkSync(outside, path.join(ws, 'outdir'));
  symlinkSync(path.join(ws, 'src'), path.join(ws, 'srclink'));
  symlinkSync(path.join(ws, '.git'), path.join(ws, 'gitlink'));
  symlinkSync(path.join(ws, '.github', 'workflows'), path.join(ws, 'wf'));
  symlinkSync(path.join(root, 'missing'), path.join(ws, 'dangling'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('createPathGuard', () => {
  const guard = () => createPathGuard(ws);

  it.each([
    ['src/a.ts', 'read'],
    ['src/a.ts', 'write'],
    ['./src/../src/a.ts', 'read'],
    ['src/new/deeper/file.ts', 'write'],
    ['.github/workflows/ci.yml', 'read'],
    ['.git/HEAD', 'read'],
    ['srclink/a.ts', 'write'],
    ['.', 'read'],
  ] as const)('allows %s for %s', (p, op) => {
    const d = guard().check(p, op);
    expect(d.action).toBe('allow');
  });

  it('returns the resolved absolute path', () => {
    expect(guard().check('srclink/a.ts', 'read')).toEqual({ action: 'allow', resolved: path.join(ws, 'src', 'a.ts') });
    expect(guard().check('src/new/deeper/file.ts', 'write')).toEqual({ action: 'allow', resolved: path.join(ws, 'src', 'new', 'deeper', 'file.ts') });
    expect(guard().check(path.join(ws, 'src', 'a.ts'), 'read')).toMatchObject({ action: 'allow' });
  });

  it.each([
    ['../x', 'read', /outside the workspace/],
    ['../outside/secret.txt', 'read', /outside the workspace/],
    ['src/../../outside/secret.txt', 'write', /outside the workspace/],
    ['/etc/passwd', 'read', /outside the workspace/],
    ['passwd-link', 'read', /symlink .* outside the workspace/],
    ['passwd-link', 'write', /symlink .* outside the workspace/],
    ['secret-link', 'read', /symlink/],
    ['outdir/secret.txt', 'read', /symlink/],
    ['outdir/new.txt', 'write', /symlink/],
    ['dangling', 'write', /does not exist/],
    ['.git/config', 'read', /configuration file/],
    ['gitlink/config', 'read', /configuration file/],
    ['.git/hooks/pre-push', 'write', /inside \.git\//],
    ['.git/config', 'write', /inside \.git\//],
    ['gitlink/hooks/x', 'write', /inside \.git\//],
    ['.github/workflows/x.yml', 'write', /protected path \.github\/workflows\/\*\*/],
    ['.github/workflows/ci.yml', 'write', /protected path/],
    ['wf/ci.yml', 'write', /protected path/],
    ['.GitHub/Workflows/x.yml', 'write', /protected path/],
    ['', 'read', /give a file path/],
  ] as const)('refuses %s for %s', (p, op, why) => {
    const d = guard().check(p, op);
    expect(d.action).toBe('deny');
    expect(d.action === 'deny' && d.reason).toMatch(why);
  });

  it('takes configurable protected globs', () => {
    const g = createPathGuard(ws, { protectedGlobs: ['secrets/**', '**/*.pem'] });
    expect(g.check('secrets/x', 'write').action).toBe('deny');
    expect(g.check('src/key.pem', 'write').action).toBe('deny');
    expect(g.check('.github/workflows/x.yml', 'write').action).toBe('allow');
    expect(DEFAULT_PROTECTED_GLOBS).toEqual(['.github/workflows/**']);
  });
});

describe('createEditBudget', () => {
  it('counts distinct files and denies beyond the budget, telling the model the budget', () => {
    const b = createEditBudget({ maxFileEditsPerTask: 2, requireApprovalForNewFiles: false, workspace: '/w' });
    expect(b.checkEdit('/w/a.ts', false).action).toBe('allow');
    expect(b.checkEdit('/w/a.ts', false).action).toBe('allow');
    expect(b.checkEdit('/w/b.ts', true).action).toBe('allow');
    expect(b.checkEdit('/w/a.ts', false).action).toBe('allow');
    const d = b.checkEdit('/w/c.ts', false);
    expect(d).toEqual({
      action: 'deny',
      reason: 'the edit budget is used up: this task may change at most 2 distinct files (maxFileEditsPerTask) and has changed 2 (a.ts, b.ts). Keep working within those files, or finish and report what is left',
    });
    expect([...b.edited]).toEqual(['/w/a.ts', '/w/b.ts']);
  });

  it('pauses before creating a file when approval is required, without counting it', () => {
    const b = createEditBudget({ maxFileEditsPerTask: 5, requireApprovalForNewFiles: true, workspace: '/w' });
    const d = b.checkEdit('/w/src/new.ts', true);
    expect(d).toEqual({ action: 'pause', reason: "creating the new file src/new.ts needs the task owner's approval (requireApprovalForNewFiles)" });
    expect(b.edited.size).toBe(0);
    expect(b.checkEdit('/w/src/old.ts', false).action).toBe('allow');
    b.approveNewFile('/w/src/new.ts');
    expect(b.checkEdit('/w/src/new.ts', true).action).toBe('allow');
  });

  it('continues a task with the files already edited', () => {
    const b = createEditBudget({ maxFileEditsPerTask: 1, requireApprovalForNewFiles: true, alreadyEdited: ['/w/a.ts'], approvedNewFiles: ['/w/b.ts'] });
    expect(b.checkEdit('/w/a.ts', false).action).toBe('allow');
    expect(b.checkEdit('/w/b.ts', true).action).toBe('deny');
  });
});

describe('findProtectedChanges', () => {
  it('lists workflow and .git paths in input order', () => {
    expect(findProtectedChanges(['src/a.ts', '.github/workflows/ci.yml', 'README.md', './.github/workflows/new.yml', '.github/CODEOWNERS', 'sub/.git/hooks/x'])).toEqual([
      '.github/workflows/ci.yml',
      './.github/workflows/new.yml',
      'sub/.git/hooks/x',
    ]);
    expect(findProtectedChanges(['a.pem'], ['*.pem'])).toEqual(['a.pem']);
  });
});

describe('checkRewrite', () => {
  const before = Array.from({ length: 100 }, (_, i) => `line ${i}`).join('\n');
  it('pauses a large rewrite in balanced and cautious autonomy only', () => {
    const after = Array.from({ length: 100 }, (_, i) => `new ${i}`).join('\n');
    expect(checkRewrite('src/a.ts', before, after, 'balanced')).toEqual({
      action: 'pause',
      reason: 'rewriting src/a.ts replaces 100 of its 100 lines, a large rewrite; autonomy level balanced pauses before large rewrites',
    });
    expect(checkRewrite('src/a.ts', before, after, 'cautious').action).toBe('pause');
    expect(checkRewrite('src/a.ts', before, after, 'full').action).toBe('allow');
  });
  it('allows small edits, small files and new files', () => {
    expect(checkRewrite('a', before, before.replace('line 5', 'line five'), 'balanced').action).toBe('allow');
    expect(checkRewrite('a', 'x\ny', 'z', 'balanced').action).toBe('allow');
    expect(checkRewrite('a', undefined, before, 'balanced').action).toBe('allow');
  });
});

describe('createToolPolicy', () => {
  it('composes the command policy, the path guard and the edit budget', () => {
    const p = createToolPolicy({
      workspace: ws,
      commands: { forbiddenCommands: ['npm publish'], allowedCommands: [], autonomy: 'balanced' },
      maxFileEditsPerTask: 1,
      requireApprovalForNewFiles: false,
    });
    expect(p.checkCommand('git push').action).toBe('deny');
    expect(p.checkCommand('npm publish').action).toBe('deny');
    expect(p.checkCommand('rm -rf src').action).toBe('pause');
    expect(p.checkCommand('git push').action).toBe('deny');
    expect(p.checkCommandIn('echo x > workflows/a.yml', path.join(ws, '.github')).action).toBe('deny');
    expect(p.checkPath('../outside/secret.txt', 'read').action).toBe('deny');
    const ok = p.checkPath('src/a.ts', 'write');
    expect(ok).toEqual({ action: 'allow', resolved: path.join(ws, 'src', 'a.ts') });
    expect(p.checkEdit(path.join(ws, 'src', 'a.ts'), false).action).toBe('allow');
    expect(p.checkEdit(path.join(ws, 'src', 'b.ts'), true).action).toBe('deny');
    expect(p.autonomy).toBe('balanced');
    const big = Array.from({ length: 60 }, (_, i) => `l${i}`).join('\n');
    expect(p.checkRewrite(path.join(ws, 'src', 'a.ts'), big, 'x').action).toBe('pause');
  });

  it('uses the configured protected globs for commands and files alike', () => {
    const p = createToolPolicy({
      workspace: ws,
      commands: { forbiddenCommands: [], allowedCommands: [], autonomy: 'full' },
      maxFileEditsPerTask: 10,
      requireApprovalForNewFiles: false,
      protectedGlobs: ['.github/workflows/**', 'infra/**'],
    });
    expect(p.checkPath('infra/main.tf', 'write').action).toBe('deny');
    expect(p.checkCommand('echo x > infra/main.tf').action).toBe('deny');
    expect(p.checkCommand('echo x > src/main.tf').action).toBe('allow');
  });
});

describe('createToolPolicy approvals and the per-task budget', () => {
  const big = Array.from({ length: 60 }, (_, i) => `line ${i}`).join('\n');

  it('approvePath lets exactly that file be created and rewritten without another pause', () => {
    const p = createToolPolicy({
      workspace: ws,
      commands: { forbiddenCommands: [], allowedCommands: [], autonomy: 'balanced' },
      maxFileEditsPerTask: 10,
      requireApprovalForNewFiles: true,
    });
    const fresh = path.join(ws, 'src', 'fresh.ts');
    const other = path.join(ws, 'src', 'other.ts');
    expect(p.checkEdit(fresh, true).action).toBe('pause');
    expect(p.checkRewrite(path.join(ws, 'src', 'a.ts'), big, 'x').action).toBe('pause');
    expect(p.approvePath('src/fresh.ts')).toBe(true);
    expect(p.approvePath('src/a.ts')).toBe(true);
    expect(p.checkEdit(fresh, true).action).toBe('allow');
    expect(p.checkRewrite(path.join(ws, 'src', 'a.ts'), big, 'x').action).toBe('allow');
    expect(p.checkEdit(other, true).action).toBe('pause');
    // approvals never reach paths the tools may not write
    expect(p.approvePath('.github/workflows/ci.yml')).toBe(false);
    expect(p.approvePath('../outside/secret.txt')).toBe(false);
  });

  it('countEdited carries the files of earlier runs into the budget', () => {
    const p = createToolPolicy({
      workspace: ws,
      commands: { forbiddenCommands: [], allowedCommands: [], autonomy: 'full' },
      maxFileEditsPerTask: 2,
      requireApprovalForNewFiles: false,
    });
    p.countEdited(['src/a.ts', 'src/b.ts', '.github/workflows/ci.yml']);
    expect(p.editedFiles.size).toBe(2);
    expect(p.checkEdit(path.join(ws, 'src', 'a.ts'), false).action).toBe('allow');
    const d = p.checkEdit(path.join(ws, 'src', 'c.ts'), true);
    expect(d.action).toBe('deny');
    expect(d.action === 'deny' && d.reason).toMatch(/at most 2 distinct files/);
  });
});
