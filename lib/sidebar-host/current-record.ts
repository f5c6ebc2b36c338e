import type { AdapterInput } from '../crm/adapter-schema';
import { matchRoutes } from '../crm/engine';

/** The record open in the tab, as the content script tells the background (ids only). */
export interface CurrentRecord {
  adapter: string;
  kind: string;
  recordId: string;
  url: string;
  amount?: number;
  currency?: string;
}

/**
 * The record page the URL shows, if the adapter has a record route for it. Query and fragment
 * are dropped from the kept URL unless the route itself reads them.
 */
export function currentRecordAt(adapter: AdapterInput, href: string): CurrentRecord | undefined {
  const match = matchRoutes(adapter, href).find((m) => m.route.type === 'record' && m.recordId !== undefined && m.kind !== undefined);
  if (!match?.kind || match.recordId === undefined) return undefined;
  const url = new URL(href);
  const keepQuery = match.route.search !== undefined || match.route.hash !== undefined;
  return {
    adapter: adapter.id,
    kind: match.kind,
    recordId: match.recordId,
    url: keepQuery ? url.href : url.origin + url.pathname,
  };
}
