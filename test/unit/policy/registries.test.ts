import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { discoverRegistryHosts, registryHost } from '../../../src/policy/registries.js';

const base = mkdtempSync(join(tmpdir(), 'kiro-registries-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

function tree(name: string, files: Record<string, string>): { root: string; home: string; cwd: string } {
  const dir = join(base, name);
  for (const [p, text] of Object.entries(files)) {
    const full = join(dir, p);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
  return { root: join(dir, 'root'), home: join(dir, 'home'), cwd: join(dir, 'project') };
}

const noTools = async (): Promise<string> => {
  throw Object.assign(new Error('spawn npm ENOENT'), { code: 'ENOENT' });
};

describe('registryHost', () => {
  it('reads hosts the way package managers write registry URLs', () => {
    expect(registryHost('https://Registry.Corp.example:8443/npm/')).toBe('registry.corp.example');
    expect(registryHost('//npm.pkg.github.com/')).toBe('npm.pkg.github.com');
    expect(registryHost('sparse+https://cargo.corp.example/index/')).toBe('cargo.corp.example');
    expect(registryHost('mirror+http://mirrors.corp.example/list')).toBe('mirrors.corp.example');
    expect(registryHost('goproxy.corp.example/go')).toBe('goproxy.corp.example');
    expect(registryHost('"https://quoted.example/simple"')).toBe('quoted.example');
    for (const x of ['direct', 'off', 'file:///srv/repo', 'cdrom:[Debian]/', 'mirror+file:/etc/apt/m.txt', 'http://0.0.0.0/', 'nodots', '']) {
      expect(registryHost(x), x).toBe('');
    }
  });
});

describe('discoverRegistryHosts', () => {
  it('reads every package manager from fixture files, tools and the environment', async () => {
    const t = tree('all', {
      // npm / pnpm
      'project/.npmrc': 'registry=https://npm.project.example/\n@corp:registry=https://npm.scope.example/\n//npm.scope.example/:_authToken=${NPM_TOKEN}\n',
      'home/.npmrc': '; user config\nregistry = "${NPM_MIRROR}/npm/"\nfund=false\n',
      'root/etc/npmrc': 'registry=https://npm.global.example\n',
      // yarn
      'project/.yarnrc.yml': 'npmRegistryServer: "https://yarn.project.example"\nnpmScopes:\n  acme:\n    npmRegistryServer: https://yarn.scope.example\nnpmRegistries:\n  "//yarn.auth.example":\n    npmAlwaysAuth: true\n',
      'home/.yarnrc': 'registry "https://yarn1.home.example/"\n',
      // pip / uv
      'root/etc/pip.conf': '[global]\nindex-url = https://pypi.global.example/simple\nextra-index-url =\n    https://extra1.example/simple\n    https://extra2.example/simple\n',
      'home/.config/pip/pip.conf': '[install]\nfind-links = https://links.home.example/wheels\n',
      'home/.config/uv/uv.toml': '[[index]]\nname = "corp"\nurl = "https://uv.home.example/simple"\n',
      // conda
      'home/.condarc': 'channel_alias: https://conda.home.example\nchannels:\n  - defaults\n  - https://conda-channel.example/main\n',
      // apt: one-line, deb822 (one paragraph disabled), mirror+file list
      'root/etc/apt/sources.list': '# comment\ndeb [arch=amd64 signed-by=/k.gpg] http://apt.oneline.example/debian bookworm main\ndeb-src http://apt-src.example/debian bookworm main\n',
      'root/etc/apt/sources.list.d/corp.list': 'deb https://apt.corp.example/ stable main # trailing comment\n',
      'root/etc/apt/sources.list.d/debian.sources':
        'Types: deb\n# http://snapshot.example/ignored\nURIs: http://deb.mirror.example/debian\n  http://deb.mirror2.example/debian\nSuites: bookworm\n\nTypes: deb\nURIs: http://disabled.example/debian\nEnabled: no\n',
      'root/etc/apt/sources.list.d/ubuntu.sources': 'Types: deb\nURIs: mirror+file:/etc/apt/apt-mirrors.txt\nSuites: noble\n',
      'root/etc/apt/apt-mirrors.txt': 'http://azure.mirror.example/ubuntu/\tpriority:1\nhttp://archive.mirror.example/ubuntu/\tpriority:2\n',
      'root/etc/apt/sources.list.d/notes.txt': 'deb http://not-a-list.example/ x y\n',
      // maven: comments, proxies and blocked mirrors ignored
      'home/.m2/settings.xml':
        '<settings><!-- <url>https://commented.example</url> -->\n<proxies><proxy><host>p</host><url>https://proxy.example</url></proxy></proxies>\n<mirrors><mirror><id>corp</id><url>https://maven.corp.example/repo</url></mirror>\n<mirror><id>blocker</id><url>http://blocked-mirror.example/</url><blocked>true</blocked></mirror></mirrors>\n<profiles><profile><repositories><repository><url>https://maven.repo.example/r</url></repository></repositories></profile></profiles></settings>\n',
      // gradle
      'home/.gradle/init.d/corp.gradle': 'allprojects { repositories { maven { url "https://gradle.corp.example/m2" } } }\n// url "https://commented.gradle.example"\n',
      'project/gradle/wrapper/gradle-wrapper.properties': 'distributionUrl=https\\://gradle-dist.corp.example/gradle-8.9-bin.zip\n',
      // go env file
      'home/.config/go/env': 'GOPROXY=https://goproxy.file.example,direct\n',
      // cargo
      'home/.cargo/config.toml': '[source.crates-io]\nreplace-with = "corp"\n[source.corp]\nregistry = "sparse+https://cargo.corp.example/index/"\n[registries]\nmy = { index = "https://cargo.named.example/git/index" }\n',
      // ruby
      'home/.gemrc': ':sources:\n- https://gems.corp.example/\n',
      'project/.bundle/config': '---\nBUNDLE_MIRROR__HTTPS://RUBYGEMS__ORG/: "https://bundler.mirror.example"\n',
      // nuget
      'home/.nuget/NuGet/NuGet.Config': '<configuration><packageSources><add key="corp" value="https://nuget.corp.example/v3/index.json" /></packageSources></configuration>\n',
    });
    const calls: string[] = [];
    const exec = async (file: string, args: string[], opts: { cwd: string; env: Record<string, string | undefined> }): Promise<string> => {
      calls.push(`${file} ${args.join(' ')} @${opts.cwd === t.cwd ? 'project' : opts.cwd === t.home ? 'home' : opts.cwd}${opts.env.GOTOOLCHAIN ? ` GOTOOLCHAIN=${opts.env.GOTOOLCHAIN}` : ''}`);
      if (file === 'npm') return 'https://npm.config.example/\n';
      if (file === 'go') return 'https://goproxy.tool.example|https://goproxy2.tool.example,direct\nsum.tool.example+key https://sumdb.tool.example\n';
      throw new Error('unexpected');
    };
    const env = {
      HOME: t.home,
      NPM_MIRROR: 'https://npm.home.example',
      npm_config_registry: 'https://npm.env.example/',
      'npm_config_@x:registry': 'https://npm.env-scope.example/',
      PIP_INDEX_URL: 'https://pip.env.example/simple',
      PIP_EXTRA_INDEX_URL: 'https://pip-extra1.env.example/simple https://pip-extra2.env.example/simple',
      UV_INDEX: 'corp=https://uv.env.example/simple',
      GOPROXY: 'https://goproxy.env.example',
      GOSUMDB: 'off',
      CARGO_REGISTRIES_CORP_INDEX: 'sparse+https://cargo.env.example/',
      BUNDLE_MIRROR__RUBYGEMS__ORG: 'https://bundler.env.example',
      YARN_NPM_REGISTRY_SERVER: 'https://yarn.env.example',
    } as Record<string, string | undefined>;
    const debug: string[] = [];
    const found = await discoverRegistryHosts(env, { home: t.home, cwd: t.cwd, root: t.root, exec, debug: (m) => debug.push(m) });
    const hosts = found.map((f) => f.host);
    const expected = [
      'npm.env.example',
      'npm.env-scope.example',
      'npm.project.example',
      'npm.scope.example',
      'npm.home.example',
      'npm.global.example',
      'npm.config.example',
      'yarn.env.example',
      'yarn.project.example',
      'yarn.scope.example',
      'yarn.auth.example',
      'yarn1.home.example',
      'pip.env.example',
      'pip-extra1.env.example',
      'pip-extra2.env.example',
      'uv.env.example',
      'pypi.global.example',
      'extra1.example',
      'extra2.example',
      'links.home.example',
      'uv.home.example',
      'conda.home.example',
      'conda-channel.example',
      'apt.oneline.example',
      'apt-src.example',
      'apt.corp.example',
      'deb.mirror.example',
      'deb.mirror2.example',
      'azure.mirror.example',
      'archive.mirror.example',
      'maven.corp.example',
      'maven.repo.example',
      'gradle.corp.example',
      'gradle-dist.corp.example',
      'goproxy.env.example',
      'goproxy.file.example',
      'goproxy.tool.example',
      'goproxy2.tool.example',
      'sumdb.tool.example',
      'cargo.env.example',
      'cargo.corp.example',
      'cargo.named.example',
      'gems.corp.example',
      'bundler.mirror.example',
      'bundler.env.example',
      'nuget.corp.example',
    ];
    expect(hosts.slice().sort()).toEqual(expected.slice().sort());
    for (const bad of ['disabled.example', 'not-a-list.example', 'proxy.example', 'commented.example', 'blocked-mirror.example', 'commented.gradle.example']) {
      expect(hosts).not.toContain(bad);
    }
    const src = Object.fromEntries(found.map((f) => [f.host, f.source]));
    expect(src['npm.config.example']).toBe('npm config get registry');
    expect(src['pip.env.example']).toBe('env PIP_INDEX_URL');
    expect(src['azure.mirror.example']).toMatch(/^apt: \/etc\/apt\/apt-mirrors\.txt \(from .*ubuntu\.sources\)$/);
    expect(src['maven.corp.example']).toBe(`maven: ${join(t.home, '.m2', 'settings.xml')}`);
    expect(calls.sort()).toEqual(['go env GOPROXY GOSUMDB @home GOTOOLCHAIN=local', 'npm config get registry @project']);
    expect(debug).toEqual([]);
  });

  it('ignores missing, unreadable and malformed files and missing tools, with debug logs only', async () => {
    const t = tree('broken', {
      'project/.yarnrc.yml': 'npmRegistryServer: [unclosed\n',
      'home/.condarc': ': : :\n  - [\n',
      'home/.gemrc': '{{{',
      'home/.m2/settings.xml': '<settings><mirrors><mirror><url>',
      'root/etc/apt/sources.list': 'garbage line\ndeb\n',
      'home/.npmrc': 'registry=https://still.read.example/\n',
    });
    const debug: string[] = [];
    const found = await discoverRegistryHosts({ HOME: t.home }, { home: t.home, cwd: t.cwd, root: t.root, exec: noTools, debug: (m) => debug.push(m) });
    expect(found).toEqual([{ host: 'still.read.example', source: `npm: ${join(t.home, '.npmrc')}` }]);
    expect(debug.some((m) => /npm config get registry unavailable/.test(m))).toBe(true);
    expect(debug.some((m) => /cannot parse .*\.yarnrc\.yml/.test(m))).toBe(true);
  });

  it('an empty machine yields nothing (no registry host is hard-coded)', async () => {
    const t = tree('empty', { 'home/.keep': '' });
    const found = await discoverRegistryHosts({ HOME: t.home }, { home: t.home, cwd: t.cwd, root: t.root, exec: noTools, debug: () => {} });
    expect(found).toEqual([]);
  });

  it('reads a readFile error other than ENOENT as a debug log', async () => {
    const debug: string[] = [];
    const found = await discoverRegistryHosts(
      { HOME: '/nowhere' },
      {
        readFile: async () => {
          throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
        },
        readDir: async () => [],
        exec: noTools,
        debug: (m) => debug.push(m),
      },
    );
    expect(found).toEqual([]);
    expect(debug.some((m) => /permission denied/.test(m))).toBe(true);
  });
});
