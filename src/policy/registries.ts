/**
 * Discovers the package-registry hosts the runner's own package managers are configured to use,
 * at run time and without network access (SPEC.md §4: "registry hosts are never hard-coded, so
 * corporate mirrors work without configuration").
 *
 * Sources (every one optional; a missing file, an unparseable file or a missing tool is skipped
 * with a debug log):
 * - npm / pnpm: `npm config get registry` (run in the project directory, so it sees npm's
 *   built-in default, the global, user and project npmrc and the environment), and
 *   `registry` / `@scope:registry` in the project `.npmrc`, the user npmrc
 *   (`NPM_CONFIG_USERCONFIG` or `$HOME/.npmrc`), the global npmrc (`NPM_CONFIG_GLOBALCONFIG`,
 *   `$PREFIX/etc/npmrc`, `/etc/npmrc`, `/usr/local/etc/npmrc`) and `npm_config_*registry`
 *   variables (any case). `${VAR}` in npmrc values is expanded.
 * - yarn: `.yarnrc.yml` (project and home: `npmRegistryServer`, `npmScopes.*.npmRegistryServer`,
 *   `npmRegistries` keys), `YARN_NPM_REGISTRY_SERVER`, yarn 1 `.yarnrc` `registry` lines,
 *   `YARN_REGISTRY`.
 * - pip / uv: `PIP_INDEX_URL`, `PIP_EXTRA_INDEX_URL`, `PIP_FIND_LINKS`, `UV_INDEX_URL`,
 *   `UV_EXTRA_INDEX_URL`, `UV_DEFAULT_INDEX`, `UV_INDEX`; `pip.conf` from `PIP_CONFIG_FILE`,
 *   `/etc/pip.conf`, `/etc/xdg/pip/pip.conf`, `$XDG_CONFIG_HOME/pip/pip.conf`
 *   (`~/.config/pip/pip.conf`), `~/.pip/pip.conf`, `$VIRTUAL_ENV/pip.conf` (`index-url`,
 *   `extra-index-url`, `find-links`); `uv.toml` (user and project) index URLs.
 * - conda: `.condarc` (home, `/etc/conda/.condarc`, `/opt/conda/.condarc`): `channel_alias`,
 *   URL entries of `channels` / `default_channels`.
 * - apt: `/etc/apt/sources.list`, `/etc/apt/sources.list.d/*.list` (one-line form) and `*.sources`
 *   (deb822 `URIs:`, paragraphs with `Enabled: no` skipped); `mirror+file:` lists are read too
 *   (GitHub's Ubuntu images use `mirror+file:/etc/apt/apt-mirrors.txt`).
 * - Maven: `<url>` of mirrors and repositories in `~/.m2/settings.xml`,
 *   `$MAVEN_HOME|$M2_HOME/conf/settings.xml`, `/etc/maven/settings.xml`,
 *   `/usr/share/maven/conf/settings.xml` (`<proxies>`, `<blocked>` mirrors and comments ignored).
 * - Gradle: URLs in `$GRADLE_USER_HOME` (`~/.gradle`) `init.gradle[.kts]` and `init.d/*`, and the
 *   project wrapper's `distributionUrl`.
 * - Go: `GOPROXY`, `GOSUMDB`, the go env file (`GOENV` or `~/.config/go/env`) and
 *   `go env GOPROXY GOSUMDB` when `go` is installed (run with `GOTOOLCHAIN=local`, never
 *   downloads). `direct`/`off` entries are skipped; `GOPRIVATE` is not an allowance.
 * - Cargo: `index` / `registry` values in `$CARGO_HOME` (`~/.cargo`) `config.toml` / `config`
 *   and the project's `.cargo/config.toml`, `CARGO_REGISTRIES_*_INDEX`.
 * - RubyGems / Bundler: `~/.gemrc` `:sources:`, `BUNDLE_MIRROR__*` and mirror values in
 *   `.bundle/config` (home and project).
 * - NuGet: `value` URLs in `~/.nuget/NuGet/NuGet.Config` and the project's `nuget.config`.
 *
 * Call it once before the model's first command: the project's own config counts (it is the
 * team's), but what the model later writes into it does not.
 */
import { execFile } from 'node:child_process';
import { readdir, readFile as fsReadFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, posix } from 'node:path';
import * as core from '@actions/core';
import { normalizeHost, type DiscoveredHost } from './network.js';
import { RegistrySources, type Ctx, type Env } from './registry-sources.js';

export type { Env } from './registry-sources.js';

/** A registry host and where it was read (`npm config get registry`, `env PIP_INDEX_URL`, a file path…). */
/** A host the runner's package managers are configured to use (defined with the policy that consumes it). */
export type { DiscoveredHost } from './network.js';


export interface DiscoverOptions {
  /** Home directory; default `env.HOME`, else `os.homedir()`. */
  home?: string;
  /** Project directory (the workspace); default `process.cwd()`. */
  cwd?: string;
  /** Prefix for system paths such as `/etc/apt` (tests point it at a fixture tree); default `/`. */
  root?: string;
  /** Reads a UTF-8 file; rejects when missing. Default `fs.readFile`. */
  readFile?: (path: string) => Promise<string>;
  /** Lists a directory's entry names; rejects when missing. Default `fs.readdir`. */
  readDir?: (path: string) => Promise<string[]>;
  /**
   * Runs a tool and resolves with its stdout; rejects when it is missing or fails. Default
   * `execFile` with a 10 s timeout and `env`. Pass `async () => { throw … }` to skip tools.
   */
  exec?: (file: string, args: string[], opts: { cwd: string; env: Env }) => Promise<string>;
  /** Debug log; default `core.debug`. */
  debug?: (message: string) => void;
}

/**
 * Extracts the host of a registry URL as package managers write it: `https://h/p`, `//h/p`
 * (npmrc keys, yarn `npmRegistries`), `sparse+https://…`, `git+…`, `mirror+http://…`, or a bare
 * `host[:port]/path` (GOPROXY). Returns '' for `file:`, `direct`, `off` and non-URLs.
 */
export function registryHost(url: string): string {
  let u = url.trim().replace(/^["']|["']$/g, '');
  u = u.replace(/^(?:(?:sparse|git|registry|mirror|tor)\+)+/i, '');
  if (!u || /^(direct|off|none)$/i.test(u)) return '';
  if (u.startsWith('//')) u = `https:${u}`;
  else if (!/^[a-z][a-z0-9+.-]*:/i.test(u)) {
    if (!/^[a-z0-9.-]+(:\d+)?(\/|$)/i.test(u) || !u.split(/[:/]/)[0]!.includes('.')) return '';
    u = `https://${u}`;
  }
  try {
    const parsed = new URL(u);
    if (!/^(https?|wss?|ssh|git|ftp|s3|gs):$/.test(parsed.protocol)) return '';
    const host = normalizeHost(parsed.hostname);
    return host === '0.0.0.0' || host === '::' ? '' : host;
  } catch {
    return '';
  }
}

/**
 * Reads the registry hosts configured for the runner's package managers (see the module doc for
 * every source). Never touches the network; never throws (each source's failure is a debug log).
 * Resolves with unique hosts in discovery order, each with the first source it was read from.
 * Takes about the time of one `npm config get registry` (the tools run in parallel).
 */
export async function discoverRegistryHosts(env: Env, opts: DiscoverOptions = {}): Promise<DiscoveredHost[]> {
  const debug = opts.debug ?? ((m: string) => core.debug(m));
  const root = opts.root ?? '/';
  const readFileFn = opts.readFile ?? ((p: string) => fsReadFile(p, 'utf8'));
  const readDirFn = opts.readDir ?? ((p: string) => readdir(p));
  const execFn = opts.exec ?? defaultExec;
  const c: Omit<Ctx, 'add'> = {
    env,
    home: opts.home ?? env.HOME ?? homedir(),
    cwd: opts.cwd ?? process.cwd(),
    sys: (p) => (root === '/' ? p : join(root, posix.normalize(p))),
    read: async (p) => {
      try {
        return await readFileFn(p);
      } catch (e) {
        if ((e as NodeJS.ErrnoException)?.code !== 'ENOENT') debug(`registries: cannot read ${p}: ${String((e as Error)?.message ?? e)}`);
        return undefined;
      }
    },
    list: async (p) => {
      try {
        return await readDirFn(p);
      } catch {
        return [];
      }
    },
    exec: async (file, args, cwd, e) => {
      try {
        return await execFn(file, args, { cwd, env: e ?? env });
      } catch (err) {
        debug(`registries: ${file} ${args.join(' ')} unavailable: ${String((err as Error)?.message ?? err).split('\n')[0]}`);
        return undefined;
      }
    },
    debug,
  };
  const sources = RegistrySources;
  // Run in parallel but add in a stable order: each source collects into its own list first.
  const perSource = await Promise.all(
    sources.map(async (fn) => {
      const local: DiscoveredHost[] = [];
      const sub: Ctx = {
        ...c,
        add: (url, source) => {
          if (!url) return;
          const host = registryHost(url);
          if (host && !local.some((f) => f.host === host)) local.push({ host, source });
        },
      };
      try {
        await fn(sub);
      } catch (e) {
        debug(`registries: ${fn.name} failed: ${String((e as Error)?.message ?? e)}`);
      }
      return local;
    }),
  );
  const found: DiscoveredHost[] = [];
  for (const list of perSource) for (const h of list) if (!found.some((f) => f.host === h.host)) found.push(h);
  return found;
}

function defaultExec(file: string, args: string[], opts: { cwd: string; env: Env }): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { cwd: opts.cwd, env: opts.env as NodeJS.ProcessEnv, timeout: 10_000, maxBuffer: 1 << 20, windowsHide: true },
      (err, stdout) => (err ? reject(err) : resolve(String(stdout))),
    );
  });
}
