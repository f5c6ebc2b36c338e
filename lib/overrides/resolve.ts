import type { AdapterInput } from '@/lib/crm/adapter-schema';
import { matchesPattern } from '@/lib/crm/match-pattern';
import { applyMappings } from './apply';
import type { Rules } from './schema';

export type ShippedById = (id: string) => AdapterInput | undefined;

/**
 * The adapter the background counts with for an id: a shipped one (unless turned off) or one the
 * rep wrote, with the rep's object mappings applied.
 */
export function resolveAdapter(rules: Rules, id: string, shippedById: ShippedById): AdapterInput | undefined {
  if (rules.disabledAdapters.includes(id)) return undefined;
  const adapter = rules.adapters.find((a) => a.id === id) ?? shippedById(id);
  return adapter ? applyMappings(adapter, rules.mappings) : undefined;
}

/**
 * The adapter for a page the content script runs on: a custom domain the rep added first, then
 * the hosts of the rep's own adapters, then the shipped ones.
 */
export function resolveAdapterForUrl(
  rules: Rules,
  url: string,
  shipped: readonly AdapterInput[],
): AdapterInput | undefined {
  const byId = (id: string) => shipped.find((a) => a.id === id);
  const site = rules.sites.find((s) => matchesPattern(s.pattern, url));
  if (site) return resolveAdapter(rules, site.adapter, byId);
  const candidates = [...rules.adapters, ...shipped];
  const owner = candidates.find((a) => a.hosts.some((pattern) => matchesPattern(pattern, url)));
  return owner ? resolveAdapter(rules, owner.id, byId) : undefined;
}
