/**
 * The operating-system boundary around every process the model causes (SPEC.md §4, issue #9,
 * docs/security.md "The boundary"): bubblewrap (https://github.com/containers/bubblewrap, the
 * Debian/Ubuntu package `bubblewrap`; what Flatpak, the Codex CLI and Anthropic's
 * sandbox-runtime use on Linux).
 *
 * A command runs as
 *   [sudo -n] [ip netns exec NS] bwrap <view> --unshare-pid … -- setpriv <drop> -- argv
 * with this view of the file system:
 * - `/` read-only; a fresh `/dev` and `/proc` (its own PID namespace: the action's processes and
 *   their `/proc/PID/environ` are not there);
 * - hidden behind empty tmpfs mounts: the real `$HOME` (`~/.git-credentials`, `~/.gitconfig`,
 *   the runner's `_diag`, `_actions` and `_temp` on hosted runners), `$RUNNER_TEMP` (file
 *   commands, the event file, the state-store clone, the action's trusted git directory), the
 *   action's own directory (`dist/`, `prompts/`) and the checkout's parent (files next to it);
 *   file-command files and the event file elsewhere are covered by `/dev/null`;
 * - host sockets that could act for the command (Docker, containerd, D-Bus, …) covered too;
 * - writable, bound back on top: the workspace, a private `$HOME` and a private `/tmp` (both
 *   host directories that live as long as the task run, so `~/.npm` and `/tmp/out.log` persist
 *   between commands).
 * Then `setpriv` drops every capability and sets `no_new_privs` (set-uid programs such as sudo
 * cannot regain privileges), runs as the action's own uid/gid when the action is not root, and
 * clears supplementary groups (`docker`). `--die-with-parent` and the PID namespace end every
 * process a command started when it ends, is killed, or the action dies.
 *
 * Modes, picked once per run (`detectIsolation`):
 * - `bwrap` — root, or passwordless `sudo` (GitHub-hosted runners: Ubuntu 24.04 restricts
 *   unprivileged user namespaces through AppArmor, root is not restricted). Network namespaces
 *   (`src/policy/firewall.ts`) are available too.
 * - `bwrap-userns` — no root or sudo, but unprivileged user namespaces work (self-hosted Linux).
 *   Same file-system view; the network cannot be confined below the proxy (no namespace with a
 *   way out to the proxy), which the limitation says.
 * - `none` — nothing works (not Linux, no bwrap, namespaces forbidden). Fails closed: no command
 *   runs unless the workflow opts in with `allow-unsandboxed-commands`.
 *
 * Why bubblewrap directly, not `@anthropic-ai/sandbox-runtime`: docs/security.md compares them.
 */
import { execFile } from 'node:child_process';
import { constants as fsConstants, existsSync, statSync } from 'node:fs';
import { access } from 'node:fs/promises';
import path from 'node:path';

export type IsolationMode = 'bwrap' | 'bwrap-userns' | 'none';

/** What this runner can do, found once per run by `detectIsolation`. */
export interface IsolationSupport {
  mode: IsolationMode;
  /** `bwrap` mode as a normal user: `['/usr/bin/sudo', '-n']`; `[]` otherwise. */
  privilege: string[];
  /** Absolute paths of the programs the sandbox needs (absent in mode `none`). */
  bwrap?: string;
  setpriv?: string;
  /** Mode `none`: why nothing better is possible, for the log, the status comment and the PR. */
  reason?: string;
  /** uid/gid commands run as (`bwrap` mode: the action's own; root keeps uid 0 without capabilities). */
  uid?: number;
  gid?: number;
}

/** Filesystem sockets of host services that could open connections or start containers for a command. */
export const DEFAULT_MASKED_SOCKETS: readonly string[] = Object.freeze([
  '/run/docker.sock',
  '/var/run/docker.sock',
  '/run/containerd/containerd.sock',
  '/run/podman/podman.sock',
  '/run/systemd/resolve/io.systemd.Resolve',
  '/run/systemd/resolve/io.systemd.Resolve.Monitor',
  '/run/dbus/system_bus_socket',
  '/var/run/dbus/system_bus_socket',
  '/run/nscd/socket',
  '/run/snapd.socket',
  '/run/snapd-snap.socket',
]);

/** Directories where the action looks for the sandbox's programs; never the job's `PATH` (a model could put a fake `bwrap` there). */
const SYSTEM_DIRS = ['/usr/bin', '/bin', '/usr/sbin', '/sbin', '/usr/local/bin'];

/** Absolute path of a system program, or undefined. */
export async function systemTool(name: string): Promise<string | undefined> {
  for (const d of SYSTEM_DIRS) {
    const p = path.join(d, name);
    try {
      await access(p, fsConstants.X_OK);
      return p;
    } catch {
      /* next */
    }
  }
  return undefined;
}

function run(argv: readonly string[], timeoutMs = 10_000): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(argv[0]!, argv.slice(1), { timeout: timeoutMs, env: { PATH: '/usr/bin:/bin' } }, (err, _stdout, stderr) => {
      const c = (err as { code?: unknown } | null)?.code;
      resolve({ code: !err ? 0 : typeof c === 'number' ? c : -1, stderr: String(stderr) || (err && !stderr ? err.message : '') });
    });
  });
}

const firstLine = (s: string) => s.trim().split('\n')[0] ?? '';

/**
 * Finds the strongest isolation this runner allows, by trying it (a real `bwrap` run of `true`
 * with the flags commands get). Never throws. Takes ~20–60 ms.
 * @param opts.disable forces mode `none` with this reason (tests of the fail-closed path)
 */
export async function detectIsolation(opts: { disable?: string } = {}): Promise<IsolationSupport> {
  if (opts.disable) return { mode: 'none', privilege: [], reason: opts.disable };
  if (process.platform !== 'linux') return { mode: 'none', privilege: [], reason: `the runner is ${process.platform}, not Linux` };
  const [bwrap, setpriv, sudo] = await Promise.all([systemTool('bwrap'), systemTool('setpriv'), systemTool('sudo')]);
  if (!bwrap) return { mode: 'none', privilege: [], reason: 'bubblewrap is not installed (apt-get install bubblewrap)' };
  if (!setpriv) return { mode: 'none', privilege: [], reason: 'setpriv (util-linux) is not installed' };
  const probe = (privilege: string[], extra: string[]) =>
    run([...privilege, bwrap, '--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc', '--unshare-pid', '--die-with-parent', ...extra, '--', setpriv, '--no-new-privs', '--bounding-set=-all', '--inh-caps=-all', '--', '/bin/true']);
  const isRoot = process.getuid?.() === 0;
  const reasons: string[] = [];
  if (isRoot || sudo) {
    const privilege = isRoot ? [] : [sudo!, '-n'];
    const r = await probe(privilege, []);
    if (r.code === 0) {
      return { mode: 'bwrap', privilege, bwrap, setpriv, ...(isRoot ? {} : { uid: process.getuid!(), gid: process.getgid!() }) };
    }
    reasons.push(`${isRoot ? 'bwrap as root' : 'sudo -n bwrap'} failed (${firstLine(r.stderr) || `exit ${r.code}`})`);
  } else {
    reasons.push('the action runs without root and sudo is not installed');
  }
  const u = await probe([], ['--unshare-user']);
  if (u.code === 0) return { mode: 'bwrap-userns', privilege: [], bwrap, setpriv };
  reasons.push(`unprivileged user namespaces are not available (${firstLine(u.stderr) || `exit ${u.code}`}; Ubuntu 24.04 restricts them through AppArmor)`);
  return { mode: 'none', privilege: [], reason: reasons.join('; ') };
}

/** The file-system view and network of one task run's sandbox (see the module doc). */
export interface SandboxLayout {
  /** The checkout, writable. */
  workspace: string;
  /** Private `$HOME` (host directory, bound at the same path). */
  home: string;
  /** Private `/tmp` (host directory, bound at `/tmp`). */
  tmp: string;
  /** Extra writable host directories bound at the same path (the bash tool's state). */
  writable?: readonly string[];
  /**
   * Directories shown read-only at the same path although they lie under a hidden one: toolchains
   * the job's `PATH` points into (`~/.cargo/bin`, a self-hosted runner's `_work/_tool`).
   */
  readOnly?: readonly string[];
  /** Directories hidden behind an empty tmpfs. Ancestors of the workspace are skipped. */
  hideDirs: readonly string[];
  /** Files covered by `/dev/null` (event file, file-command files, a credentials file — also inside the workspace). */
  hideFiles: readonly string[];
  /** Sockets covered by `/dev/null` when they exist. */
  maskSockets?: readonly string[];
  /** `ip netns exec` prefix (the firewall's namespace); runs after the privilege prefix. */
  netns?: readonly string[];
  /** Give the command its own empty network namespace (no network at all). */
  unshareNet?: boolean;
}

/** Per-command additions to the layout. */
export interface CommandView {
  /** Host paths bound read-only at the same path for this command only (the action's git directory for a sync). */
  readOnly?: readonly string[];
}

const SYSTEM_TREES = new Set(['/', '/usr', '/bin', '/sbin', '/lib', '/lib64', '/etc', '/opt', '/var', '/proc', '/dev', '/sys', '/run']);

function isSameOrAncestor(dir: string, of: string): boolean {
  const rel = path.relative(dir, of);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * The argv that runs `argv` in the sandbox (`support.mode` must not be `none`). Pure.
 * `env` becomes the command's whole environment through `--clearenv`/`--setenv`: the process
 * that starts bwrap gets only `PATH` (bwrap's own environment shows in the sandbox as
 * `/proc/1/environ`), and sudo's environment rules do not matter.
 */
export function bwrapArgv(
  support: IsolationSupport,
  layout: SandboxLayout,
  argv: readonly string[],
  o: { cwd: string; env: Readonly<Record<string, string>>; view?: CommandView },
): string[] {
  if (support.mode === 'none' || !support.bwrap || !support.setpriv) throw new Error('bwrapArgv: no isolation available');
  const ws = path.resolve(layout.workspace);
  const out: string[] = [...support.privilege, ...(layout.netns ?? []), support.bwrap];
  if (support.mode === 'bwrap-userns') out.push('--unshare-user');
  out.push('--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc');
  const hidden = new Set<string>();
  const parent = path.dirname(ws);
  for (const d of [...layout.hideDirs, ...(SYSTEM_TREES.has(parent) ? [] : [parent])]) {
    const abs = path.resolve(d);
    if (SYSTEM_TREES.has(abs) || isSameOrAncestor(abs, '/tmp') || hidden.has(abs) || !isDir(abs)) continue;
    // hiding an ancestor of the workspace is fine: the workspace is bound back on top below
    hidden.add(abs);
  }
  // shallow first, so a deeper mount is not covered by a shallower one
  for (const d of [...hidden].sort((a, b) => a.length - b.length)) out.push('--tmpfs', d);
  // files inside the workspace are covered after the workspace is bound (a later mount wins)
  const inWorkspace: string[] = [];
  for (const f of layout.hideFiles) {
    const abs = path.resolve(f);
    if (!isFile(abs)) continue;
    if (isSameOrAncestor(ws, abs)) inWorkspace.push(abs);
    else if (![...hidden].some((d) => isSameOrAncestor(d, abs))) out.push('--ro-bind', '/dev/null', abs);
  }
  for (const s of layout.maskSockets ?? DEFAULT_MASKED_SOCKETS) if (existsSync(s)) out.push('--ro-bind', '/dev/null', s);
  for (const d of layout.readOnly ?? []) {
    const abs = path.resolve(d);
    if ([...hidden].some((h) => isSameOrAncestor(h, abs)) && isDir(abs)) out.push('--ro-bind', abs, abs);
  }
  out.push('--bind', layout.tmp, '/tmp');
  for (const d of [layout.home, ...(layout.writable ?? [])]) out.push('--bind', d, d);
  for (const d of o.view?.readOnly ?? []) out.push('--ro-bind', d, d);
  out.push('--bind', ws, ws);
  for (const f of inWorkspace) out.push('--ro-bind', '/dev/null', f);
  out.push('--unshare-pid', '--unshare-ipc', '--unshare-uts', '--unshare-cgroup-try', '--die-with-parent', '--new-session');
  if (layout.unshareNet) out.push('--unshare-net');
  out.push('--chdir', o.cwd, '--clearenv');
  for (const [k, v] of Object.entries(o.env)) if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) out.push('--setenv', k, v);
  const identity = support.uid !== undefined ? [`--reuid=${support.uid}`, `--regid=${support.gid ?? support.uid}`] : [];
  // in a user namespace supplementary groups cannot be changed (setgroups is denied) and map to nobody anyway
  const groups = support.mode === 'bwrap' ? ['--clear-groups'] : [];
  out.push('--', support.setpriv, '--no-new-privs', '--bounding-set=-all', '--inh-caps=-all', ...identity, ...groups, '--', ...argv);
  return out;
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}
