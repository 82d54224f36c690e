/**
 * Where each package manager keeps its registry configuration (see src/policy/registries.ts for
 * the list): one reader per package manager, each adding the URLs it finds through `Ctx.add`.
 * Files are parsed with real parsers where the format has one (YAML with `yaml`); the ini-style
 * files (npmrc, pip.conf, .yarnrc) and the URL scans are line rules the tools themselves apply.
 */
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';

/** An environment (the runner's, `Settings.env`). */
export type Env = Readonly<Record<string, string | undefined>>;

/** What a source reads through (files, directories, tools) and reports to. */
export interface Ctx {
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

/** Every source, in the order their hosts are listed. */
export const RegistrySources: ReadonlyArray<(c: Ctx) => Promise<void>> = [npmSources, yarnSources, pipSources, condaSources, aptSources, mavenSources, gradleSources, goSources, cargoSources, rubySources, nugetSources];
