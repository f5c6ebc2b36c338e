import type { AdapterInput } from '@/lib/crm/adapter-schema';
import { matchesPattern } from '@/lib/crm/match-pattern';
import type { Rules } from '@/lib/overrides/schema';
import { adapterIdFor, type TeachBase } from '@/lib/teach';

/**
 * Where a taught rule goes among the rep's rules: into their own adapter for the page if they
 * have one; into a copy of the built-in adapter that reads the page now (so nothing it counted is
 * lost); or into a new adapter for the site. Pure: the background loads and saves the rules.
 */

export function teachBaseFor(rules: Rules, pageUrl: string, shipped: readonly AdapterInput[]): TeachBase {
  const site = rules.sites.find((s) => matchesPattern(s.pattern, pageUrl));
  const ownerId = site?.adapter ?? [...rules.adapters, ...shipped].find((a) => a.hosts.some((pattern) => matchesPattern(pattern, pageUrl)))?.id;
  const own = rules.adapters.find((a) => a.id === ownerId);
  if (own) return { adapter: structuredClone(own) as AdapterInput };
  const builtIn = shipped.find((a) => a.id === ownerId);
  if (!builtIn) return {};
  const copy = structuredClone(builtIn) as AdapterInput;
  if (site) {
    // An own domain read by a built-in adapter: the copy reads that domain only.
    const host = new URL(pageUrl).hostname;
    return { adapter: { ...copy, id: adapterIdFor(host), name: host, hosts: [site.pattern] } };
  }
  return { adapter: copy, replaces: builtIn.id };
}

/** The rules with the taught adapter in place, and the site pointing at it when the page is an own domain. */
export function rulesWithTaught(rules: Rules, adapter: AdapterInput, pageUrl: string): Rules {
  const adapters = [...rules.adapters.filter((a) => a.id !== adapter.id), adapter as Rules['adapters'][number]];
  const page = new URL(pageUrl);
  const site = rules.sites.find((s) => matchesPattern(s.pattern, pageUrl));
  let sites = rules.sites;
  if (site) sites = rules.sites.map((s) => (s === site ? { ...s, adapter: adapter.id } : s));
  else if (!adapter.replaces) sites = [...rules.sites, { pattern: `${page.protocol === 'http:' ? 'http' : 'https'}://${page.hostname}/*`, adapter: adapter.id }];
  return { ...rules, adapters, sites };
}
