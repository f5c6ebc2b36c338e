import type { AdapterInput } from '@/lib/crm/adapter-schema';
import { detectFromExchange, readNavigation, settleSaves, type LandingMarker, type RecordMemory } from '@/lib/crm/engine';
import type { DetectedRecord } from '@/lib/crm/record';
import type { TaughtExchange } from './recording';

/**
 * What the engine reports for one exchange of a teaching window, the way it will read the same
 * save later: a fetch/XHR exchange from its request and answer; a native form submission (or a
 * followed link) from its fields when it is sent, then from the page it landed on — and only when
 * the browser was redirected there, as the background settles it (a form shown again is a failed
 * save). `memory` carries amounts from one exchange to a later one (an order's create, then its
 * confirmation), as a tab does; `marker` is what the landing page showed.
 */
export function detectTaught(adapter: AdapterInput, exchange: TaughtExchange, memory?: RecordMemory, marker?: LandingMarker): DetectedRecord[] {
  if (!exchange.navigation) return detectFromExchange(adapter, exchange, { pageUrl: exchange.pageUrlBefore, ...(memory && { memory }) });
  if (!exchange.navigation.redirected || exchange.pageUrlAfter === undefined) return [];
  const saves = readNavigation(adapter, { method: exchange.method, url: exchange.url, body: exchange.requestBody, pageUrl: exchange.pageUrlBefore });
  const settled = settleSaves(adapter, saves, exchange.pageUrlAfter, { ...(memory && { memory }) });
  if (!marker || settled.awaiting.length === 0) return settled.records;
  return [...settled.records, ...settleSaves(adapter, settled.awaiting, exchange.pageUrlAfter, { ...(memory && { memory }), marker }).records];
}
