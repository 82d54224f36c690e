/**
 * Network access levels for the commands the model runs (SPEC.md §4, seeds/003 "Internet Access").
 *
 * Levels:
 * - `integration-only` — only the hosts the action itself talks to: the git server
 *   (`GITHUB_SERVER_URL`), the API (`GITHUB_API_URL`) and the model API's base URL. Nothing is
 *   hard-coded beyond the defaults the runner contract implies when those variables are unset.
 * - `common-dependencies` — integration hosts, the seeds' public list (`common-dependencies.json`)
 *   and the registry hosts the runner's package managers are configured to use
 *   (`discoverRegistryHosts`, read at run time).
 * - `open-internet` — everything.
 * - `custom` — integration hosts plus `allowedDomains` only.
 *
 * `allowedDomains` extends every level (a user who lists a domain wants it reachable); at
 * `custom` it is the only addition to the integration hosts.
 *
 * Matching (host names are compared lower-case, IDNs as punycode, without a trailing dot; the
 * port is never part of a rule):
 * - `api.example.com` in `allowedDomains` matches exactly that host (seeds: "Allow only this
 *   specific domain").
 * - `.example.com` (or `*.example.com`, the common allow-list spelling of the same idea) matches
 *   `example.com` and every subdomain (seeds: "Allow example.com and all subdomains").
 * - Entries of the seeds' public list match the domain and all its subdomains: several entries
 *   are only ever used through subdomains (`amazonaws.com`, `githubusercontent.com`,
 *   `pythonhosted.org`, `docker.io`), so the list is a list of domain suffixes, as in other agent
 *   firewalls' recommended allow-lists.
 * - Integration hosts and discovered registry hosts match exactly (they are concrete hosts read
 *   from URLs, e.g. `registry.npmjs.org`).
 * - IP literals only ever match an exact rule with the same address.
 */
import { isIP } from 'node:net';
import { domainToASCII } from 'node:url';
import commonDependencies from './common-dependencies.json' with { type: 'json' };
import { NetworkLevels, type NetworkLevel } from '../constants.js';

/** The `sandbox.networkAccess` values (`NetworkLevels` in src/constants.ts). */

/** A host discovered in the runner's package-manager configuration (src/policy/registries.ts), with where it came from. */
export interface DiscoveredHost {
  host: string;
  source: string;
}

export type { NetworkLevel } from '../constants.js';

/** One allow rule: `exact` matches the host only, `subdomains` the domain and any subdomain. */
export interface DomainRule {
  kind: 'exact' | 'subdomains';
  /** Normalised domain or IP literal, without leading dot. */
  domain: string;
  /** Where the rule comes from: `integration`, `common-dependencies`, `allowedDomains`, or a registry source. */
  source: string;
}

export interface NetworkPolicy {
  level: NetworkLevel;
  /** True when a connection to `host` (a name or IP literal, any case, no port) is allowed. */
  allows(host: string): boolean;
  /** The first rule that allows `host`, `'*'` at `open-internet`, undefined when blocked. */
  match(host: string): DomainRule | '*' | undefined;
  /**
   * The allow-list in allow-list syntax, for logs and the PR body: `host` for an exact rule,
   * `.domain` for domain-and-subdomains, `['*']` at `open-internet`.
   */
  rules: string[];
  /** The same rules with their sources. Empty at `open-internet`. */
  ruleDetails: readonly DomainRule[];
}

export interface NetworkPolicyInput {
  level: NetworkLevel;
  /** `sandbox.allowedDomains` / the `allowed-domains` input; invalid entries throw. */
  allowedDomains?: readonly string[];
  /** Hosts the action needs at every level; see `integrationHosts`. */
  integrationHosts: readonly string[];
  /** Registry hosts from `discoverRegistryHosts`; used at `common-dependencies` only. */
  discovered?: readonly DiscoveredHost[];
}

/** The seeds' public list, as data (`common-dependencies.json`). */
export const commonDependencyDomains: readonly string[] = Object.freeze([...commonDependencies.domains]);

/**
 * Normalises a host for comparison: lower-case, punycode, no trailing dot, IPv6 without
 * brackets. Returns '' for something that is not a host name or IP literal.
 */
export function normalizeHost(host: string): string {
  let h = host.trim();
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  if (isIP(h)) return h.toLowerCase();
  if (h.endsWith('.')) h = h.slice(0, -1);
  if (!h || h.length > 253 || /[\s/:@?#[\]\\]/.test(h)) return '';
  const ascii = domainToASCII(h.toLowerCase());
  if (!ascii) return '';
  const labels = ascii.split('.');
  if (labels.some((l) => !/^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/.test(l))) return '';
  return ascii;
}

/**
 * Parses one allow-list entry: `host`, `.domain`, `*.domain`, or a URL (its host, exact).
 * @throws Error naming the entry when it is not a domain, an IP literal or such a pattern.
 */
export function parseDomainEntry(entry: string, source = 'allowedDomains'): DomainRule {
  const raw = entry.trim();
  let kind: DomainRule['kind'] = 'exact';
  let body = raw;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) {
    try {
      body = new URL(raw).hostname;
    } catch {
      throw new Error(`"${entry}" is not a valid URL or domain`);
    }
  } else if (body.startsWith('*.')) {
    kind = 'subdomains';
    body = body.slice(2);
  } else if (body.startsWith('.')) {
    kind = 'subdomains';
    body = body.slice(1);
  }
  const domain = normalizeHost(body);
  if (!domain || (kind === 'subdomains' && isIP(domain))) {
    throw new Error(`"${entry}" is not a domain name like api.example.com or .example.com`);
  }
  return { kind, domain, source };
}

function ruleMatches(rule: DomainRule, host: string): boolean {
  if (rule.kind === 'exact') return host === rule.domain;
  if (isIP(host)) return false;
  return host === rule.domain || host.endsWith(`.${rule.domain}`);
}

/**
 * Hosts every level allows, read from the runner contract: the host of `GITHUB_SERVER_URL`
 * (default `https://github.com`), of `GITHUB_API_URL` (default `https://api.github.com`) and of
 * the model API base URL (`modelBaseUrl`, else `ANTHROPIC_BASE_URL`, else the SDK default
 * `https://api.anthropic.com`). Unparseable URLs are skipped. GitHub Enterprise Server and
 * loopback test servers work unchanged (`http://127.0.0.1:PORT` yields `127.0.0.1`).
 */
export function integrationHosts(
  env: Readonly<Record<string, string | undefined>>,
  modelBaseUrl?: string,
): string[] {
  const urls = [
    env.GITHUB_SERVER_URL || 'https://github.com',
    env.GITHUB_API_URL || 'https://api.github.com',
    modelBaseUrl || env.ANTHROPIC_BASE_URL || 'https://api.anthropic.com',
  ];
  const hosts: string[] = [];
  for (const u of urls) {
    try {
      const h = normalizeHost(new URL(u).hostname);
      if (h && !hosts.includes(h)) hosts.push(h);
    } catch {
      /* not a URL: nothing to allow */
    }
  }
  return hosts;
}

/**
 * Builds the policy for one task run. Rule order (first match is reported): integration hosts,
 * then `allowedDomains`, then the seeds' list and discovered registry hosts.
 * @throws Error for an invalid `allowedDomains` entry (message names it) or unknown level.
 */
export function resolveNetworkPolicy(input: NetworkPolicyInput): NetworkPolicy {
  const { level } = input;
  if (!(NetworkLevels as readonly string[]).includes(level)) {
    throw new Error(`unknown network access level "${String(level)}"`);
  }
  const rules: DomainRule[] = [];
  const add = (r: DomainRule): void => {
    if (!rules.some((x) => x.kind === r.kind && x.domain === r.domain)) rules.push(r);
  };
  for (const h of input.integrationHosts) {
    const d = normalizeHost(h);
    if (d) add({ kind: 'exact', domain: d, source: 'integration' });
  }
  for (const e of input.allowedDomains ?? []) {
    if (e.trim()) add(parseDomainEntry(e));
  }
  if (level === 'common-dependencies') {
    for (const d of commonDependencyDomains) add({ kind: 'subdomains', domain: d, source: 'common-dependencies' });
    for (const { host, source } of input.discovered ?? []) {
      const d = normalizeHost(host);
      if (d) add({ kind: 'exact', domain: d, source });
    }
  }
  if (level === 'open-internet') {
    return {
      level,
      allows: () => true,
      match: () => '*',
      rules: ['*'],
      ruleDetails: [],
    };
  }
  const match = (host: string): DomainRule | undefined => {
    const h = normalizeHost(host);
    if (!h) return undefined;
    return rules.find((r) => ruleMatches(r, h));
  };
  return {
    level,
    allows: (host) => match(host) !== undefined,
    match,
    rules: rules.map((r) => (r.kind === 'exact' ? r.domain : `.${r.domain}`)),
    ruleDetails: Object.freeze(rules.slice()),
  };
}
