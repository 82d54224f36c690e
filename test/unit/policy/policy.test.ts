import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  commonDependencyDomains,
  integrationHosts,
  normalizeHost,
  parseDomainEntry,
  resolveNetworkPolicy,
} from '../../../src/policy/network.js';

const integration = ['github.com', 'api.github.com', 'api.anthropic.com'];

describe('common-dependencies.json', () => {
  // The seeds live beside the checkout on the development machines, not in the repository.
  const seedFile = new URL('../../../../shared/seeds/003_83446fcbee6e85f9.txt', import.meta.url);
  it('has the seeds list size and no registry host the seeds leave to discovery', () => {
    expect(commonDependencyDomains).toHaveLength(70);
    for (const d of commonDependencyDomains) expect(/npmjs|debian\.org/.test(d)).toBe(false);
  });
  it.skipIf(!existsSync(seedFile) && process.env.CI !== 'true')('holds the seeds list verbatim and in order', () => {
    const seed = readFileSync(seedFile, 'utf8');
    const lines = seed.split('\n');
    const start = lines.findIndex((l) => l.startsWith('The following domains are automatically allowed'));
    const end = lines.findIndex((l, i) => i > start && l.trim() === 'Open internet');
    const listed = lines
      .slice(start + 1, end)
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('('));
    expect(commonDependencyDomains).toEqual(listed);
  });
});

describe('domain matching', () => {
  it('exact entries match only that host; .domain and *.domain match the domain and all subdomains', () => {
    const p = resolveNetworkPolicy({
      level: 'custom',
      allowedDomains: ['api.example.com', '.cdn.example.com', '*.wild.test'],
      integrationHosts: [],
    });
    expect(p.allows('api.example.com')).toBe(true);
    expect(p.allows('API.Example.COM.')).toBe(true);
    expect(p.allows('example.com')).toBe(false);
    expect(p.allows('x.api.example.com')).toBe(false);
    expect(p.allows('cdn.example.com')).toBe(true);
    expect(p.allows('a.b.cdn.example.com')).toBe(true);
    expect(p.allows('evilcdn.example.com')).toBe(false);
    expect(p.allows('cdn.example.com.evil.net')).toBe(false);
    expect(p.allows('wild.test')).toBe(true);
    expect(p.allows('x.wild.test')).toBe(true);
    expect(p.rules).toEqual(['api.example.com', '.cdn.example.com', '.wild.test']);
  });

  it('the seeds list matches subdomains (registries live on them) but respects label boundaries', () => {
    const p = resolveNetworkPolicy({ level: 'common-dependencies', integrationHosts: integration });
    for (const h of ['pypi.org', 'files.pythonhosted.org', 'registry-1.docker.io', 'objects.githubusercontent.com', 'proxy.golang.org', 'index.crates.io', 'repo.maven.apache.org']) {
      expect(p.allows(h), h).toBe(true);
    }
    for (const h of ['evilpypi.org', 'pypi.org.evil.com', 'example.com', 'python.org']) expect(p.allows(h), h).toBe(false);
    // Never hard-coded: without discovery the npm registry and Debian's archive are not allowed.
    expect(p.allows('registry.npmjs.org')).toBe(false);
    expect(p.allows('deb.debian.org')).toBe(false);
    expect(p.match('files.pythonhosted.org')).toMatchObject({ kind: 'subdomains', domain: 'pythonhosted.org', source: 'common-dependencies' });
  });

  it('discovered registry hosts are exact and only used at common-dependencies', () => {
    const discovered = [
      { host: 'registry.npmjs.org', source: 'npm config get registry' },
      { host: 'nexus.corp.example', source: 'pip: /etc/pip.conf' },
    ];
    const p = resolveNetworkPolicy({ level: 'common-dependencies', integrationHosts: integration, discovered });
    expect(p.allows('registry.npmjs.org')).toBe(true);
    expect(p.allows('npmjs.org')).toBe(false);
    expect(p.allows('x.registry.npmjs.org')).toBe(false);
    expect(p.match('nexus.corp.example')).toMatchObject({ kind: 'exact', source: 'pip: /etc/pip.conf' });
    const custom = resolveNetworkPolicy({ level: 'custom', integrationHosts: integration, discovered, allowedDomains: [] });
    expect(custom.allows('registry.npmjs.org')).toBe(false);
  });

  it('integration-only allows exactly the integration hosts; allowedDomains extend every level', () => {
    const p = resolveNetworkPolicy({ level: 'integration-only', integrationHosts: integration });
    expect(p.allows('github.com')).toBe(true);
    expect(p.allows('api.github.com')).toBe(true);
    expect(p.allows('gist.github.com')).toBe(false);
    expect(p.allows('pypi.org')).toBe(false);
    expect(p.rules).toEqual(integration);
    const extended = resolveNetworkPolicy({ level: 'integration-only', integrationHosts: integration, allowedDomains: ['.example.org'] });
    expect(extended.allows('www.example.org')).toBe(true);
    const cd = resolveNetworkPolicy({ level: 'common-dependencies', integrationHosts: integration, allowedDomains: ['intranet.corp'] });
    expect(cd.allows('intranet.corp')).toBe(true);
  });

  it('open-internet allows everything', () => {
    const p = resolveNetworkPolicy({ level: 'open-internet', integrationHosts: [] });
    expect(p.allows('anything.example')).toBe(true);
    expect(p.allows('10.0.0.1')).toBe(true);
    expect(p.rules).toEqual(['*']);
    expect(p.match('x')).toBe('*');
  });

  it('IP literals match only exact rules; IDNs compare as punycode', () => {
    const p = resolveNetworkPolicy({ level: 'custom', integrationHosts: ['127.0.0.1', '[::1]'], allowedDomains: ['.bücher.example'] });
    expect(p.allows('127.0.0.1')).toBe(true);
    expect(p.allows('::1')).toBe(true);
    expect(p.allows('[::1]')).toBe(true);
    expect(p.allows('127.0.0.2')).toBe(false);
    expect(p.allows('shop.xn--bcher-kva.example')).toBe(true);
    expect(p.allows('shop.BÜCHER.example')).toBe(true);
    expect(normalizeHost('a b')).toBe('');
    expect(normalizeHost('x/y')).toBe('');
  });

  it('rejects invalid allow-list entries with a message naming them', () => {
    expect(() => parseDomainEntry('*')).toThrow(/"\*"/);
    expect(() => parseDomainEntry('.')).toThrow();
    expect(() => parseDomainEntry('.10.0.0.1')).toThrow(/10\.0\.0\.1/);
    expect(() => resolveNetworkPolicy({ level: 'custom', integrationHosts: [], allowedDomains: ['ok.example', 'bad domain'] })).toThrow(/"bad domain"/);
    expect(parseDomainEntry('https://Files.Example.com:8443/x')).toEqual({ kind: 'exact', domain: 'files.example.com', source: 'allowedDomains' });
    expect(() => resolveNetworkPolicy({ level: 'nope' as never, integrationHosts: [] })).toThrow(/unknown network access level/);
  });
});

describe('integrationHosts', () => {
  it('defaults to github.com, api.github.com and the SDK default model host', () => {
    expect(integrationHosts({})).toEqual(['github.com', 'api.github.com', 'api.anthropic.com']);
  });
  it('follows GITHUB_SERVER_URL, GITHUB_API_URL and the model base URL (GHES, loopback rigs)', () => {
    expect(
      integrationHosts({ GITHUB_SERVER_URL: 'https://ghe.corp.example', GITHUB_API_URL: 'https://ghe.corp.example/api/v3', ANTHROPIC_BASE_URL: 'https://llm-gw.corp.example/anthropic' }),
    ).toEqual(['ghe.corp.example', 'llm-gw.corp.example']);
    expect(integrationHosts({ GITHUB_SERVER_URL: 'http://127.0.0.1:4001', GITHUB_API_URL: 'http://127.0.0.1:4002' }, 'http://127.0.0.1:4003')).toEqual(['127.0.0.1']);
    expect(integrationHosts({ GITHUB_SERVER_URL: 'not a url' }, 'https://bedrock-runtime.us-east-1.amazonaws.com')).toEqual(['api.github.com', 'bedrock-runtime.us-east-1.amazonaws.com']);
  });
});
