import type { AdapterInput } from '@/lib/crm/adapter-schema';
import { matchRoutes } from '@/lib/crm/engine';
import type { CountEvent } from '@/lib/db/events';
import { resolveAdapterForUrl } from '@/lib/overrides/resolve';
import type { Rules } from '@/lib/overrides/schema';

/** "What was detected there in the last minutes" looks back this far. */
export const RECENT_MINUTES = 10;

export interface TabFindings {
  /** The adapter active on the tab's URL with the rep's rules applied, if any. */
  adapter?: { id: string; name: string };
  /** Routes of that adapter the URL matches now. */
  routes: { id: string; type: string; kind?: string; recordId?: string }[];
}

/** Which adapter reads a tab and which of its routes match the tab's URL right now. */
export function findingsFor(url: string, rules: Rules, shipped: readonly AdapterInput[]): TabFindings {
  const adapter = resolveAdapterForUrl(rules, url, shipped);
  if (!adapter) return { routes: [] };
  const routes = matchRoutes(adapter, url).map((m) => ({
    id: m.route.id,
    type: m.route.type,
    ...(m.kind !== undefined && { kind: m.kind }),
    ...(m.recordId !== undefined && { recordId: m.recordId }),
  }));
  return { adapter: { id: adapter.id, name: adapter.name }, routes };
}

/** Tabs worth testing: web pages some adapter reads. Tabs the extension may not read have no URL. */
export function testableTabs<T extends { url?: string }>(tabs: readonly T[], rules: Rules, shipped: readonly AdapterInput[]): (T & { url: string })[] {
  return tabs.filter((tab): tab is T & { url: string } => !!tab.url && /^https?:/.test(tab.url) && resolveAdapterForUrl(rules, tab.url, shipped) !== undefined);
}

/**
 * Events counted on the tab's host since `since`, newest first. An event keeps its record page's
 * URL when the rule knew it; one without a URL belongs to the host when its adapter is the tab's.
 */
export function recentOnHost(events: readonly CountEvent[], tabUrl: string, adapterId: string | undefined, since: number): CountEvent[] {
  const host = hostOf(tabUrl);
  return events
    .filter((e) => e.at >= since && e.source === 'detected')
    .filter((e) => (e.url ? hostOf(e.url) === host : e.adapter !== undefined && e.adapter === adapterId))
    .sort((a, b) => b.at - a.at);
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}
