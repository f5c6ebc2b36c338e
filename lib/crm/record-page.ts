import type { AdapterInput } from './adapter-schema';
import { matchRoutes } from './engine';
import type { RecordRef } from './record';

/**
 * The record page the URL shows, if the adapter has a record route for it (the sidebar offers to
 * count that record by hand). Query and fragment are dropped from the kept URL unless the route
 * itself reads them.
 */
export function recordPageAt(adapter: AdapterInput, href: string): RecordRef | undefined {
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
