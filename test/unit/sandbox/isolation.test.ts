/**
 * The OS sandbox (src/sandbox/isolation.ts, runner.ts): the argv it builds, and — where this
 * machine can run bubblewrap (always in CI) — what a command inside can and cannot do. Hidden
 * directories live outside /tmp here, so their hiding is the tmpfs mounts' work.
 */
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bwrapArgv, detectIsolation, type IsolationSupport, type SandboxLayout } from '../../../src/sandbox/isolation.js';
import { createRefusingRunner, createSandboxRunner, type CommandRunner } from '../../../src/sandbox/runner.js';
import { requireSandbox } from '../../e2e-support/sandbox.js';

const fake: IsolationSupport = { mode: 'bwrap', privilege: ['/usr/bin/sudo', '-n'], bwrap: '/usr/bin/bwrap', setpriv: '/usr/bin/setpriv', uid: 1001, gid: 118 };

describe('bwrapArgv', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'kiro-iso-argv-'));
  const ws = path.join(root, 'work', 'repo', 'repo');
  const temp = path.join(root, 'work', '_temp');
  const eventFile = path.join(root, 'event.json');
  mkdirSync(ws, { recursive: true });
  mkdirSync(temp, { recursive: true });
  writeFileSync(eventFile, '{}');
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const layout: SandboxLayout = { workspace: ws, home: path.join(temp, 'h'), tmp: path.join(temp, 't'), hideDirs: [root, temp], hideFiles: [eventFile, path.join(temp, 'x')], netns: ['/usr/sbin/ip', 'netns', 'exec', 'ns1'], maskSockets: [] };

  it('under sudo: privilege, then the namespace, then bwrap; hides before it binds; drops to the action user', () => {
    const argv = bwrapArgv(fake, layout, ['bash', '-c', 'npm test'], { cwd: ws, env: { PATH: '/usr/bin', 'BAD NAME': 'x', NPM_TOKEN: 't' } });
    expect(argv.slice(0, 7)).toEqual(['/usr/bin/sudo', '-n', '/usr/sbin/ip', 'netns', 'exec', 'ns1', '/usr/bin/bwrap']);
    const at = (a: string, b: string) => argv.findIndex((x, i) => x === a && argv[i + 1] === b);
    // the shallowest hidden directory first; the workspace's parent hidden too (files next to the checkout)
    expect(at('--tmpfs', root)).toBeLessThan(at('--tmpfs', temp));
    expect(at('--tmpfs', path.dirname(ws))).toBeGreaterThan(0);
    // a file under a hidden directory needs no cover of its own; one elsewhere does (if it exists)
    expect(argv.join(' ')).not.toContain(path.join(temp, 'x'));
    expect(at('--bind', ws)).toBeGreaterThan(at('--tmpfs', path.dirname(ws)));
    expect(argv.slice(at('--bind', layout.tmp), at('--bind', layout.tmp) + 3)).toEqual(['--bind', layout.tmp, '/tmp']);
    for (const f of ['--unshare-pid', '--die-with-parent', '--new-session', '--clearenv']) expect(argv).toContain(f);
    expect(argv).not.toContain('--unshare-user');
    expect(argv.slice(at('--setenv', 'PATH'), at('--setenv', 'PATH') + 3)).toEqual(['--setenv', 'PATH', '/usr/bin']);
    expect(argv).not.toContain('BAD NAME');
    const sp = argv.indexOf('/usr/bin/setpriv');
    expect(argv.slice(sp)).toEqual(['/usr/bin/setpriv', '--no-new-privs', '--bounding-set=-all', '--inh-caps=-all', '--reuid=1001', '--regid=118', '--clear-groups', '--', 'bash', '-c', 'npm test']);
  });

  it('in a user namespace: no sudo, --unshare-user, no group changes (setgroups is denied there)', () => {
    const argv = bwrapArgv({ mode: 'bwrap-userns', privilege: [], bwrap: '/usr/bin/bwrap', setpriv: '/usr/bin/setpriv' }, { ...layout, netns: undefined }, ['true'], { cwd: ws, env: {} });
    expect(argv.slice(0, 2)).toEqual(['/usr/bin/bwrap', '--unshare-user']);
    expect(argv).not.toContain('--clear-groups');
  });

  it('shows toolchain directories under a hidden one read-only (PATH entries such as ~/.cargo/bin)', () => {
    const bin = path.join(root, 'work', '_tool', 'node', 'bin');
    mkdirSync(bin, { recursive: true });
    const argv = bwrapArgv(fake, { ...layout, readOnly: [bin, '/usr/bin'] }, ['true'], { cwd: ws, env: {} });
    const at = (a: string, b: string) => argv.findIndex((x, i) => x === a && argv[i + 1] === b);
    expect(at('--ro-bind', bin)).toBeGreaterThan(at('--tmpfs', root));
    expect(argv.slice(at('--ro-bind', bin), at('--ro-bind', bin) + 3)).toEqual(['--ro-bind', bin, bin]);
    // a directory that is not hidden needs no bind of its own
    expect(at('--ro-bind', '/usr/bin')).toBe(-1);
  });

  it('refuses to build an argv without isolation', () => {
    expect(() => bwrapArgv({ mode: 'none', privilege: [] }, layout, ['true'], { cwd: ws, env: {} })).toThrow(/no isolation/);
  });
});

describe('the refusing runner (fail closed)', () => {
  it('runs nothing and says why', async () => {
    const r = await createRefusingRunner('no sandbox here').run({ argv: ['touch', '/tmp/never'], cwd: '/', env: {}, timeoutMs: 1000 });
    expect(r).toMatchObject({ spawnError: 'no sandbox here', code: null });
  });
});

const sandbox = await requireSandbox();

describe.skipIf(!sandbox.ok)(`a command inside the sandbox${sandbox.ok ? '' : ` (skipped: ${sandbox.reason})`}`, () => {
  // outside /tmp, like a hosted runner's /home/runner
  const root = mkdtempSync('/var/tmp/kiro-iso-');
  const home = path.join(root, 'home');
  const temp = path.join(root, 'work', '_temp');
  const ws = path.join(root, 'work', 'repo', 'repo');
  const sibling = path.join(root, 'work', 'repo', 'sibling.txt');
  const eventFile = path.join(root, 'event.json');
  const sbx = { home: path.join(temp, 'sbx', 'home'), tmp: path.join(temp, 'sbx', 'tmp') };
  let support: IsolationSupport;
  let runner: CommandRunner;
  const sh = (script: string, timeoutMs = 20_000) => runner.run({ argv: ['/bin/bash', '-c', script], cwd: ws, env: { PATH: '/usr/bin:/bin', HOME: sbx.home }, timeoutMs, separateStderr: true });

  beforeAll(async () => {
    for (const d of [home, ws, sbx.home, sbx.tmp]) mkdirSync(d, { recursive: true });
    writeFileSync(path.join(home, '.git-credentials'), 'https://x-access-token:SECRET@github.com\n');
    writeFileSync(path.join(temp, 'set_env'), '');
    writeFileSync(sibling, 'next to the checkout\n');
    writeFileSync(eventFile, '{"action":"labeled"}');
    writeFileSync(path.join(ws, 'gha-creds-1.json'), '{"type":"external_account"}');
    support = await detectIsolation();
    runner = createSandboxRunner(support, { workspace: ws, home: sbx.home, tmp: sbx.tmp, hideDirs: [home, temp], hideFiles: [eventFile, path.join(ws, 'gha-creds-1.json')] });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("a start that loses bwrap's mount race (bubblewrap#650) is started again; the command runs once", async () => {
    // a bwrap that fails its first start the way the race does, then is the real one
    const marker = path.join(root, 'lost-race-once');
    const fake = path.join(root, 'bwrap-racy');
    writeFileSync(fake, `#!/bin/sh\nif [ ! -e ${marker} ]; then : > ${marker}; echo 'bwrap: Can'"'"'t bind mount /oldroot/ on /newroot/: Unable to apply mount flags: remount "/newroot/run/netns/x": No such file or directory' >&2; exit 1; fi\nexec ${support.bwrap} "$@"\n`, { mode: 0o755 });
    const racy = createSandboxRunner({ ...support, bwrap: fake }, { workspace: ws, home: sbx.home, tmp: sbx.tmp, hideDirs: [home, temp], hideFiles: [] });
    const r = await racy.run({ argv: ['/bin/bash', '-c', 'echo ran >> runs.txt; cat runs.txt'], cwd: ws, env: { PATH: '/usr/bin:/bin', HOME: sbx.home }, timeoutMs: 20_000 });
    expect(existsSync(marker)).toBe(true);
    expect(r.code).toBe(0);
    expect(r.output).toBe('ran\n');
  });

  it('sees a read-only system, its workspace writable, and nothing of the runner', async () => {
    const r = await sh(
      [
        'touch /etc/kiro-x 2>/dev/null && echo etc-writable',
        'echo ok > ws.txt && echo ws-writable',
        `cat ${home}/.git-credentials 2>/dev/null || echo creds-hidden`,
        `ls ${temp} | grep -c set_env`,
        `cat ${eventFile}; echo "[event]"`,
        `cat ${sibling} 2>/dev/null || echo sibling-hidden`,
        // a credentials file a step wrote into the checkout: covered although the workspace is bound on top
        'cat gha-creds-1.json; echo "[creds]"',
        'echo persist > /tmp/keep; echo home > ~/keep',
      ].join('\n'),
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.output).toBe('ws-writable\ncreds-hidden\n0\n[event]\nsibling-hidden\n[creds]\n');
    expect(readFileSync(path.join(ws, 'ws.txt'), 'utf8')).toBe('ok\n');
    expect(readFileSync(eventFile, 'utf8')).toBe('{"action":"labeled"}');
    // the private /tmp and $HOME are host directories that outlive the command
    expect(readFileSync(path.join(sbx.tmp, 'keep'), 'utf8')).toBe('persist\n');
    expect(readFileSync(path.join(sbx.home, 'keep'), 'utf8')).toBe('home\n');
    const again = await sh('cat /tmp/keep ~/keep');
    expect(again.output).toBe('persist\nhome\n');
  });

  it('has no capabilities, its own PID namespace, and cannot regain privileges', async () => {
    const r = await sh(`grep CapEff /proc/self/status; test -e /proc/${process.pid} && echo host-visible || echo host-hidden; grep NoNewPrivs /proc/self/status`);
    expect(r.output).toMatch(/CapEff:\s+0+\n/);
    expect(r.output).toContain('host-hidden');
    expect(r.output).toMatch(/NoNewPrivs:\s+1/);
  });

  it('ends everything a command started when it ends, and on timeout', async () => {
    const tag = `kiro-bg-${process.pid}`;
    const r = await sh(`(exec -a ${tag} sleep 300) & echo started`);
    expect(r.output).toBe('started\n');
    const left = await new Promise<string>((res) => execFile('pgrep', ['-f', tag], (_e, out) => res(out.trim())));
    expect(left).toBe('');
    const t = await sh(`(exec -a ${tag}-t sleep 300) & trap "" TERM; sleep 300`, 1500);
    expect(t.timedOut).toBe(true);
    const after = await new Promise<string>((res) => execFile('pgrep', ['-f', `${tag}-t`], (_e, out) => res(out.trim())));
    expect(after).toBe('');
  });

  it('the environment is exactly what it was given; bwrap’s own shows nothing of the action', async () => {
    process.env.KIRO_TEST_PARENT_SECRET = 'parent-only';
    try {
      const r = await sh('env; cat /proc/1/environ | tr "\\0" "\\n"');
      expect(r.output).not.toContain('parent-only');
      expect(r.output).toContain(`HOME=${sbx.home}`);
    } finally {
      delete process.env.KIRO_TEST_PARENT_SECRET;
    }
  });

  it('in a user namespace as an unprivileged user (self-hosted runners without sudo): same view', async () => {
    const userns: IsolationSupport = { mode: 'bwrap-userns', privilege: [], bwrap: support.bwrap!, setpriv: support.setpriv! };
    const dir = mkdtempSync('/var/tmp/kiro-iso-userns-');
    chmodSync(dir, 0o755);
    const w = path.join(dir, 'ws');
    for (const d of [w, path.join(dir, 'h'), path.join(dir, 't'), path.join(dir, 'runner')]) mkdirSync(d, { recursive: true, mode: 0o777 });
    writeFileSync(path.join(dir, 'runner', 'credentials'), 'secret\n', { mode: 0o644 });
    try {
      const argv = bwrapArgv(userns, { workspace: w, home: path.join(dir, 'h'), tmp: path.join(dir, 't'), hideDirs: [path.join(dir, 'runner')], hideFiles: [] }, ['/bin/sh', '-c', `id -u; cat ${dir}/runner/credentials 2>/dev/null || echo hidden; grep CapEff /proc/self/status`], { cwd: w, env: { PATH: '/usr/bin:/bin' } });
      // run bwrap itself as nobody: no root anywhere
      const out = await new Promise<{ code: number; stdout: string; stderr: string }>((res) =>
        execFile(support.setpriv!, ['--reuid=65534', '--regid=65534', '--clear-groups', '--', ...argv], { env: { PATH: '/usr/bin:/bin' } }, (e, stdout, stderr) => res({ code: e ? 1 : 0, stdout, stderr })),
      );
      if (out.code !== 0 && /Operation not permitted|setting up uid map|No permissions to create new namespace/i.test(out.stderr)) {
        // this kernel forbids unprivileged user namespaces: the mode detection would not pick it
        expect(existsSync('/proc/sys/user/max_user_namespaces')).toBe(true);
        return;
      }
      expect(out.stderr).toBe('');
      expect(out.stdout).toMatch(/^\d+\nhidden\nCapEff:\s+0+\n$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
