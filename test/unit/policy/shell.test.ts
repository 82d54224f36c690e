import { describe, expect, it } from 'vitest';
import { analyzeCommandLine, parseGitArgs, ShellSyntaxError } from '../../../src/policy/shell.js';
import type { AnalyzeOptions } from '../../../src/policy/shell.js';

const opts: AnalyzeOptions = { workspace: '/ws', home: '/home/u', readFile: null };
const texts = (line: string, o: AnalyzeOptions = opts) => analyzeCommandLine(line, o).commands.map((c) => c.text);

describe('analyzeCommandLine', () => {
  it('splits pipelines, lists and compound commands', () => {
    expect(texts('a | b && c || d; e & f\ng')).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    expect(texts('(a; b) && { c; } && if d; then e; elif f; then g; else h; fi')).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
    expect(texts('for i in $(a); do b; done; while c; do d; done; until e; do f; done; case $(g) in x) h;; esac')).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
    expect(texts('fn() { a; }; function other { b; }; ! c; coproc d; time e')).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('finds commands in substitutions and expansions', () => {
    expect(texts('echo $(a) `b` "$(c)" <(d) >(e) ${x:-$(f)} $((1 + $(g)))')).toEqual(['echo $(a) `b` $(c) <(d) >(e) ${x:-$(f)} $((1 + $(g)))', 'a', 'b', 'c', 'd', 'e', 'f', 'g']);
    expect(texts('[[ -n $(a) ]] && (( $(b) ))')).toEqual(['a', 'b']);
    expect(texts('cat <<EOF\n$(a)\nEOF')).toEqual(['cat', 'a']);
  });

  it('removes quotes and escapes like bash', () => {
    expect(texts(`'g'"i"t \\p\\u\\sh $'\\x67\\151t' $'a\\tb'`)).toEqual(['git push git a\tb']);
    expect(texts('/usr/local/bin/git status')).toEqual(['git status']);
    expect(texts('echo "a  b"   c')).toEqual(['echo a  b c']);
  });

  it('marks words computed at run time', () => {
    const [cmd] = analyzeCommandLine('git $sub "${x}" pu{s,}h *.ts ~/a plain', opts).commands;
    const flags = cmd?.argv.map((w) => [w.text, w.dynamic, w.glob, w.tilde]);
    expect(flags).toEqual([
      ['git', false, false, false],
      ['$sub', true, false, false],
      ['${x}', true, false, false],
      ['pu{s,}h', true, false, false],
      ['*.ts', false, true, false],
      ['~/a', false, false, true],
      ['plain', false, false, false],
    ]);
    expect(cmd?.argv[1]?.params).toEqual(['sub']);
  });

  it('unwraps wrappers and records how a command was reached', () => {
    const a = analyzeCommandLine('sudo -u root env -i FOO=1 timeout -s KILL 5 nice -n 3 git status', opts);
    expect(a.commands.map((c) => [c.text, c.via.join('>'), c.wrapper])).toEqual([
      ['sudo -u root env -i FOO=1 timeout -s KILL 5 nice -n 3 git status', '', true],
      ['env -i FOO=1 timeout -s KILL 5 nice -n 3 git status', 'sudo', true],
      ['timeout -s KILL 5 nice -n 3 git status', 'sudo>env', true],
      ['nice -n 3 git status', 'sudo>env>timeout', true],
      ['git status', 'sudo>env>timeout>nice', false],
    ]);
    expect(a.commands[4]?.assigns.map((x) => [x.name, x.value?.text])).toEqual([['FOO', '1']]);
    expect(texts('command -v git')).toEqual(['command -v git']);
  });

  it('analyses shell strings, eval, xargs and find -exec', () => {
    expect(texts(`bash -ec 'a && b'`)).toEqual(['bash -ec a && b', 'a', 'b']);
    expect(texts('eval "a; b"')).toEqual(['eval a; b', 'a', 'b']);
    const x = analyzeCommandLine('ls | xargs -0 rm -f', opts).commands;
    expect(x.map((c) => [c.text, c.openArgs])).toEqual([
      ['ls', false],
      ['xargs -0 rm -f', false],
      ['rm -f', true],
    ]);
    const f = analyzeCommandLine('find . -name "*.ts" -exec grep -l x {} \\; -exec rm {} +', opts).commands;
    expect(f.map((c) => [c.text, c.via.join('>'), c.openArgs])).toEqual([
      ['find . -name *.ts -exec grep -l x {} ; -exec rm {} +', '', false],
      ['grep -l x {}', 'find -exec', false],
      ['rm {}', 'find -exec', true],
    ]);
    expect(f[1]?.argv[3]?.dynamic).toBe(true);
  });

  it('reads what a shell reads from a heredoc, a here-string or echo', () => {
    expect(texts('bash <<EOF\na\nb\nEOF')).toEqual(['bash', 'a', 'b']);
    expect(texts('sh <<< "c"')).toEqual(['sh', 'c']);
    expect(texts('echo d | bash')).toEqual(['echo d', 'bash', 'd']);
    expect(analyzeCommandLine('curl -s x | sh', opts).problems.map((p) => p.reason)).toEqual([
      '`sh` reads the commands to run from the output of `curl -s x`, which the policy cannot check; run the commands directly',
    ]);
  });

  it('reports what it cannot see as problems', () => {
    const reasons = (line: string) => analyzeCommandLine(line, opts).problems.map((p) => p.reason);
    expect(reasons('$cmd arg')[0]).toMatch(/program name `\$cmd` is computed at run time/);
    expect(reasons('bash -c "$X"')[0]).toMatch(/shell code built at run time/);
    expect(reasons('eval $X')[0]).toMatch(/`eval` runs shell code built at run time/);
    expect(reasons('bash -c "echo \\"unterminated"')[0]).toMatch(/does not parse/);
    expect(reasons('alias ll="ls -l"')[0]).toMatch(/aliases/);
    const deep = 'bash -c '.repeat(1) + JSON.stringify('bash -c ' + JSON.stringify('bash -c ' + JSON.stringify('a')));
    expect(reasons(deep)).toEqual([]);
  });

  it('throws ShellSyntaxError for a line that does not parse', () => {
    expect(() => analyzeCommandLine('echo "a', opts)).toThrow(ShellSyntaxError);
    expect(() => analyzeCommandLine('a &&', opts)).toThrow(/must be followed by a statement/);
    expect(() => analyzeCommandLine(')', opts)).toThrow(ShellSyntaxError);
  });

  it('collects redirections with the working directory they apply in', () => {
    const a = analyzeCommandLine('cd src && echo x > a.txt 2>>err.log; (cd /tmp; cat < in) ; echo > b', opts);
    expect(a.redirects.map((r) => [r.op, r.fd ?? '', r.target.text, r.cwd])).toEqual([
      ['>', '', 'a.txt', '/ws/src'],
      ['>>', '2', 'err.log', '/ws/src'],
      ['<', '', 'in', '/tmp'],
      ['>', '', 'b', '/ws/src'],
    ]);
  });

  it('lists persistent assignments', () => {
    const a = analyzeCommandLine('A=1; export B=2 C; local D=$(x)', opts);
    expect(a.assignments.map((x) => x.name)).toEqual(['A', 'B', 'C', 'D']);
  });

  it('reads scripts and package.json scripts through readFile', () => {
    const files: Record<string, string> = {
      '/ws/package.json': JSON.stringify({ scripts: { pretest: 'lint-it', test: 'vitest run && node check.js', loop: 'npm run loop' } }),
      '/ws/build.sh': '#!/usr/bin/env bash\nmake all\n',
      '/ws/tool.py': '#!/usr/bin/env python3\nimport os\n',
    };
    const o: AnalyzeOptions = { ...opts, readFile: (p) => files[p] };
    expect(texts('npm test', o)).toEqual(['npm test', 'lint-it', 'vitest run', 'node check.js']);
    expect(analyzeCommandLine('npm test', o).commands.map((c) => c.fromFile)).toEqual([false, true, true, true]);
    expect(texts('./build.sh && bash build.sh && source ./build.sh', o)).toEqual(['build.sh', 'make all', 'bash build.sh', 'make all', 'source ./build.sh', 'make all']);
    expect(texts('./tool.py', o)).toEqual(['tool.py']);
    expect(texts('npm run loop', o)).toEqual(['npm run loop', 'npm run loop']); // cycle stops
    expect(analyzeCommandLine('bash build.sh', o).commands[0]?.scripts).toEqual(['/ws/build.sh']);
  });
});

describe('parseGitArgs', () => {
  const w = (s: string) => s.split(' ').map((text) => ({ text, raw: text, dynamic: false, glob: false, tilde: false, params: [] }));
  it('skips global options to the subcommand', () => {
    expect(parseGitArgs(w('-C dir -c a.b=c --no-pager --git-dir=.git push origin'))).toMatchObject({ index: 6, sub: { text: 'push' } });
    expect(parseGitArgs(w('-c a.b=c status')).configs.map((c) => c.text)).toEqual(['a.b=c']);
    expect(parseGitArgs(w('--version')).index).toBe(-1);
  });
});
