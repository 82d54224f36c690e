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
import { parse as parseYaml } from 'yaml';
import { normalizeHost, type DiscoveredHost } from './network.js';

/** A registry host and where it was read (`npm config get registry`, `env PIP_INDEX_URL`, a file path…). */
/** A host the runner's package managers are configured to use (defined with the policy that consumes it). */
export type { DiscoveredHost } from './network.js';

export type Env = Readonly<Record<string, string | undefined>>;

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

interface Ctx {
  env: Env;
  home: string;
  cwd: string;
  sys: (p: string) => string;
  read: (p: string) => Promise<string | undefined>;
  list: (p: string) => Promise<string[]>;
  exec: (file: string, args: string[], cwd: string, env?: Env) => Promise<string | undefined>;
  add: (url: string | undefined, source: string) => void;
  debug: (message: string) => void;
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

const URL_RE = /\b(?:https?):\/\/[^\s"'<>`)\]},;\\]+/gi;
function urlsIn(text: string): string[] {
  return text.match(URL_RE) ?? [];
}

/** `${VAR}` / `${VAR:-default}` expansion as npm and yarn do in their rc files. */
function expand(value: string, env: Env): string {
  return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}/g, (_, n: string, d?: string) => env[n] ?? d ?? '');
}

/** `key = value` lines of an ini file (npmrc, pip.conf), continuation lines joined. */
function iniEntries(text: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*[#;]/.test(line) || /^\s*\[/.test(line) || !line.trim()) continue;
    const last = out[out.length - 1];
    if (/^\s/.test(line) && last && !line.includes('=')) {
      last[1] += ` ${line.trim()}`;
      continue;
    }
    const m = /^\s*([^=]+?)\s*=\s*(.*?)\s*$/.exec(line);
    if (m) out.push([m[1]!, m[2]!.replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1')]);
  }
  return out;
}

async function npmSources(c: Ctx): Promise<void> {
  const fromEnv = Object.entries(c.env).filter(([k]) => /^npm_config_(?:@[^:]+:)?registry$/i.test(k));
  for (const [k, v] of fromEnv) c.add(v, `env ${k}`);
  const files = [
    join(c.cwd, '.npmrc'),
    c.env.NPM_CONFIG_USERCONFIG || c.env.npm_config_userconfig || join(c.home, '.npmrc'),
    c.env.NPM_CONFIG_GLOBALCONFIG || c.env.npm_config_globalconfig || '',
    (c.env.NPM_CONFIG_PREFIX || c.env.npm_config_prefix || c.env.PREFIX) ? join((c.env.NPM_CONFIG_PREFIX || c.env.npm_config_prefix || c.env.PREFIX)!, 'etc', 'npmrc') : '',
    c.sys('/etc/npmrc'),
    c.sys('/usr/local/etc/npmrc'),
  ].filter(Boolean);
  await Promise.all(
    [...new Set(files)].map(async (f) => {
      const text = await c.read(f);
      if (text === undefined) return;
      for (const [k, v] of iniEntries(text)) {
        if (/^(?:@[^:]+:)?registry$/i.test(k)) c.add(expand(v, c.env), `npm: ${f}`);
      }
    }),
  );
  const out = await c.exec('npm', ['config', 'get', 'registry'], c.cwd);
  if (out) c.add(out.trim(), 'npm config get registry');
}

/** A YAML file's top-level mapping; undefined when absent, unparseable (logged) or not a mapping. */
async function readYamlObject(c: Ctx, f: string): Promise<Record<string, unknown> | undefined> {
  const text = await c.read(f);
  if (text === undefined) return undefined;
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    debugSkip(c, f, e);
    return undefined;
  }
  return doc && typeof doc === 'object' ? (doc as Record<string, unknown>) : undefined;
}

async function yarnSources(c: Ctx): Promise<void> {
  c.add(c.env.YARN_NPM_REGISTRY_SERVER, 'env YARN_NPM_REGISTRY_SERVER');
  c.add(c.env.YARN_REGISTRY, 'env YARN_REGISTRY');
  await Promise.all(
    [join(c.cwd, '.yarnrc.yml'), join(c.home, '.yarnrc.yml')].map(async (f) => {
      const d = await readYamlObject(c, f);
      if (!d) return;
      const str = (v: unknown): string | undefined => (typeof v === 'string' ? expand(v, c.env) : undefined);
      c.add(str(d.npmRegistryServer), `yarn: ${f}`);
      if (d.npmScopes && typeof d.npmScopes === 'object') {
        for (const s of Object.values(d.npmScopes as Record<string, unknown>)) {
          if (s && typeof s === 'object') c.add(str((s as Record<string, unknown>).npmRegistryServer), `yarn: ${f}`);
        }
      }
      if (d.npmRegistries && typeof d.npmRegistries === 'object') {
        for (const k of Object.keys(d.npmRegistries)) c.add(k, `yarn: ${f}`);
      }
    }),
  );
  await Promise.all(
    [join(c.cwd, '.yarnrc'), join(c.home, '.yarnrc')].map(async (f) => {
      const text = await c.read(f);
      if (text === undefined) return;
      for (const line of text.split(/\r?\n/)) {
        const m = /^\s*"?(?:@[^:\s"]+:)?registry"?\s+"?([^"\s]+)"?/.exec(line);
        if (m) c.add(expand(m[1]!, c.env), `yarn: ${f}`);
      }
    }),
  );
}

async function pipSources(c: Ctx): Promise<void> {
  for (const k of ['PIP_INDEX_URL', 'PIP_EXTRA_INDEX_URL', 'PIP_FIND_LINKS', 'UV_INDEX_URL', 'UV_EXTRA_INDEX_URL', 'UV_DEFAULT_INDEX', 'UV_INDEX']) {
    for (const part of (c.env[k] ?? '').split(/\s+/)) c.add(part.replace(/^[\w.-]+=(?=\w+:)/, ''), `env ${k}`);
  }
  const xdg = c.env.XDG_CONFIG_HOME || join(c.home, '.config');
  const files = [
    c.env.PIP_CONFIG_FILE ?? '',
    c.sys('/etc/pip.conf'),
    c.sys('/etc/xdg/pip/pip.conf'),
    ...(c.env.XDG_CONFIG_DIRS ?? '').split(':').filter(Boolean).map((d) => join(d, 'pip', 'pip.conf')),
    join(xdg, 'pip', 'pip.conf'),
    join(c.home, '.pip', 'pip.conf'),
    c.env.VIRTUAL_ENV ? join(c.env.VIRTUAL_ENV, 'pip.conf') : '',
  ].filter(Boolean);
  await Promise.all(
    [...new Set(files)].map(async (f) => {
      const text = await c.read(f);
      if (text === undefined) return;
      for (const [k, v] of iniEntries(text)) {
        if (/^(index[-_]url|extra[-_]index[-_]url|find[-_]links)$/i.test(k)) {
          for (const part of v.split(/\s+/)) c.add(part, `pip: ${f}`);
        }
      }
    }),
  );
  await Promise.all(
    [join(xdg, 'uv', 'uv.toml'), c.sys('/etc/uv/uv.toml'), join(c.cwd, 'uv.toml')].map(async (f) => {
      const text = await c.read(f);
      if (text === undefined) return;
      for (const m of text.matchAll(/^\s*(?:url|index-url|extra-index-url)\s*=\s*(\[[^\]]*\]|"[^"]*"|'[^']*')/gm)) {
        for (const u of urlsIn(m[1]!)) c.add(u, `uv: ${f}`);
      }
    }),
  );
}

async function condaSources(c: Ctx): Promise<void> {
  const files = [join(c.home, '.condarc'), join(c.home, '.config', 'conda', '.condarc'), c.sys('/etc/conda/.condarc'), c.sys('/opt/conda/.condarc')];
  await Promise.all(
    files.map(async (f) => {
      const d = await readYamlObject(c, f);
      if (!d) return;
      const vals = [d.channel_alias, ...(Array.isArray(d.channels) ? d.channels : []), ...(Array.isArray(d.default_channels) ? d.default_channels : [])];
      for (const v of vals) if (typeof v === 'string' && /:\/\//.test(v)) c.add(v, `conda: ${f}`);
    }),
  );
}

async function aptSources(c: Ctx): Promise<void> {
  const dir = c.sys('/etc/apt/sources.list.d');
  const names = await c.list(dir);
  const files = [c.sys('/etc/apt/sources.list'), ...names.filter((n) => /\.(list|sources)$/.test(n)).sort().map((n) => join(dir, n))];
  const addUri = async (uri: string, source: string): Promise<void> => {
    const mf = /^mirror\+file:(.+)$/i.exec(uri);
    if (mf) {
      const list = await c.read(c.sys(mf[1]!));
      if (list === undefined) return;
      for (const line of list.split(/\r?\n/)) {
        const first = line.trim().split(/\s+/)[0];
        if (first && !first.startsWith('#')) c.add(first, `apt: ${mf[1]} (from ${source})`);
      }
      return;
    }
    c.add(uri, `apt: ${source}`);
  };
  await Promise.all(
    files.map(async (f) => {
      const text = await c.read(f);
      if (text === undefined) return;
      if (f.endsWith('.sources')) {
        for (const para of text.split(/\r?\n\s*\r?\n/)) {
          const lines = para.split(/\r?\n/).filter((l) => !l.startsWith('#'));
          const fields = new Map<string, string>();
          let key = '';
          for (const l of lines) {
            const m = /^([A-Za-z0-9-]+):\s*(.*)$/.exec(l);
            if (m) {
              key = m[1]!.toLowerCase();
              fields.set(key, m[2]!);
            } else if (/^\s/.test(l) && key) fields.set(key, `${fields.get(key) ?? ''} ${l.trim()}`);
          }
          if (/^(no|false|0)$/i.test((fields.get('enabled') ?? '').trim())) continue;
          for (const uri of (fields.get('uris') ?? '').split(/\s+/).filter(Boolean)) await addUri(uri, f);
        }
      } else {
        for (const raw of text.split(/\r?\n/)) {
          const line = raw.replace(/#.*$/, '').trim();
          const m = /^deb(?:-src)?\s+(?:\[[^\]]*\]\s+)?(\S+)/.exec(line);
          if (m) await addUri(m[1]!, f);
        }
      }
    }),
  );
}

async function mavenSources(c: Ctx): Promise<void> {
  const mavenHome = c.env.MAVEN_HOME || c.env.M2_HOME;
  const files = [
    join(c.home, '.m2', 'settings.xml'),
    mavenHome ? join(mavenHome, 'conf', 'settings.xml') : '',
    c.sys('/etc/maven/settings.xml'),
    c.sys('/usr/share/maven/conf/settings.xml'),
  ].filter(Boolean);
  await Promise.all(
    [...new Set(files)].map(async (f) => {
      const text = await c.read(f);
      if (text === undefined) return;
      const body = text.replace(/<!--[\s\S]*?-->/g, '').replace(/<proxies>[\s\S]*?<\/proxies>/g, '')
        .replace(/<mirror>(?:(?!<\/mirror>)[\s\S])*?<blocked>\s*true\s*<\/blocked>[\s\S]*?<\/mirror>/g, '');
      for (const m of body.matchAll(/<url>\s*([^<]+?)\s*<\/url>/g)) c.add(expand(m[1]!, c.env), `maven: ${f}`);
    }),
  );
}

async function gradleSources(c: Ctx): Promise<void> {
  const gh = c.env.GRADLE_USER_HOME || join(c.home, '.gradle');
  const initD = join(gh, 'init.d');
  const names = await c.list(initD);
  const files = [join(gh, 'init.gradle'), join(gh, 'init.gradle.kts'), ...names.map((n) => join(initD, n))];
  await Promise.all(
    files.map(async (f) => {
      const text = await c.read(f);
      if (text === undefined) return;
      for (const u of urlsIn(text.replace(/^\s*\/\/.*$/gm, ''))) c.add(u, `gradle: ${f}`);
    }),
  );
  const wrapper = join(c.cwd, 'gradle', 'wrapper', 'gradle-wrapper.properties');
  const text = await c.read(wrapper);
  const m = text && /^\s*distributionUrl\s*=\s*(\S+)/m.exec(text);
  if (m) c.add(m[1]!.replace(/\\:/g, ':'), `gradle: ${wrapper}`);
}

function goValues(c: Ctx, goproxy: string | undefined, gosumdb: string | undefined, source: string): void {
  for (const p of (goproxy ?? '').split(/[,|]/)) c.add(p, source);
  const sum = (gosumdb ?? '').trim();
  if (sum && sum !== 'off') {
    const parts = sum.split(/\s+/);
    c.add(parts[1] ?? parts[0]!.split('+')[0], source);
  }
}

async function goSources(c: Ctx): Promise<void> {
  goValues(c, c.env.GOPROXY, c.env.GOSUMDB, 'env GOPROXY/GOSUMDB');
  const envFile = c.env.GOENV || join(c.env.XDG_CONFIG_HOME || join(c.home, '.config'), 'go', 'env');
  const text = envFile === 'off' ? undefined : await c.read(envFile);
  if (text !== undefined) {
    const vals = Object.fromEntries(iniEntries(text));
    goValues(c, vals.GOPROXY, vals.GOSUMDB, `go: ${envFile}`);
  }
  const out = await c.exec('go', ['env', 'GOPROXY', 'GOSUMDB'], c.home, { ...c.env, GOTOOLCHAIN: 'local', GOFLAGS: '' });
  if (out) {
    const [proxy, sumdb] = out.split(/\r?\n/);
    goValues(c, proxy, sumdb, 'go env');
  }
}

async function cargoSources(c: Ctx): Promise<void> {
  for (const [k, v] of Object.entries(c.env)) if (/^CARGO_REGISTRIES_\w+_INDEX$/.test(k)) c.add(v, `env ${k}`);
  const ch = c.env.CARGO_HOME || join(c.home, '.cargo');
  const files = [join(ch, 'config.toml'), join(ch, 'config'), join(c.cwd, '.cargo', 'config.toml'), join(c.cwd, '.cargo', 'config')];
  await Promise.all(
    files.map(async (f) => {
      const text = await c.read(f);
      if (text === undefined) return;
      for (const m of text.matchAll(/^\s*(?:index|registry)\s*=\s*["']([^"']+)["']/gm)) c.add(m[1], `cargo: ${f}`);
      for (const m of text.matchAll(/\{[^}]*\bindex\s*=\s*["']([^"']+)["'][^}]*\}/g)) c.add(m[1], `cargo: ${f}`);
    }),
  );
}

async function rubySources(c: Ctx): Promise<void> {
  for (const [k, v] of Object.entries(c.env)) if (/^BUNDLE_MIRROR__/.test(k)) c.add(v, `env ${k}`);
  const gemrc = join(c.home, '.gemrc');
  const text = await c.read(gemrc);
  if (text !== undefined) {
    try {
      const d = parseYaml(text) as Record<string, unknown> | null;
      const s = d?.[':sources'] ?? d?.sources;
      if (Array.isArray(s)) for (const u of s) if (typeof u === 'string') c.add(u, `gem: ${gemrc}`);
    } catch (e) {
      debugSkip(c, gemrc, e);
    }
  }
  await Promise.all(
    [join(c.home, '.bundle', 'config'), join(c.cwd, '.bundle', 'config')].map(async (f) => {
      const t = await c.read(f);
      if (t === undefined) return;
      for (const m of t.matchAll(/^\s*BUNDLE_MIRROR__\S+:\s*["']?([^"'\s]+)/gm)) c.add(m[1], `bundler: ${f}`);
    }),
  );
}

async function nugetSources(c: Ctx): Promise<void> {
  const files = [join(c.home, '.nuget', 'NuGet', 'NuGet.Config'), join(c.cwd, 'nuget.config'), join(c.cwd, 'NuGet.Config')];
  await Promise.all(
    files.map(async (f) => {
      const text = await c.read(f);
      if (text === undefined) return;
      const body = text.replace(/<!--[\s\S]*?-->/g, '');
      for (const m of body.matchAll(/<add\b[^>]*\bvalue\s*=\s*"(https?:\/\/[^"]+)"/gi)) c.add(m[1], `nuget: ${f}`);
    }),
  );
}

function debugSkip(c: Ctx, file: string, e: unknown): void {
  c.debug(`registries: cannot parse ${file}: ${String((e as Error)?.message ?? e).split('\n')[0]}`);
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
  const sources = [npmSources, yarnSources, pipSources, condaSources, aptSources, mavenSources, gradleSources, goSources, cargoSources, rubySources, nugetSources];
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
