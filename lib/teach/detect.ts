import type { AdapterInput } from '@/lib/crm/adapter-schema';
import { detectFromExchange, readNavigation, settleSaves } from '@/lib/crm/engine';
import type { DetectedRecord } from '@/lib/crm/record';
import type { TaughtExchange } from './recording';

/**
 * What the engine reports for one exchange of a teaching window, the way it will read the same
 * save later: a fetch/XHR exchange from its request and answer; a native form submission from its
 * fields when it is sent, then from the page it landed on — and only when the browser was
 * redirected there, as the background settles it (a form shown again is a failed save).
 */
export function detectTaught(adapter: AdapterInput, exchange: TaughtExchange): DetectedRecord[] {
  if (!exchange.navigation) return detectFromExchange(adapter, exchange, { pageUrl: exchange.pageUrlBefore });
  if (!exchange.navigation.redirected || exchange.pageUrlAfter === undefined) return [];
  const saves = readNavigation(adapter, { method: exchange.method, url: exchange.url, body: exchange.requestBody, pageUrl: exchange.pageUrlBefore });
  return settleSaves(adapter, saves, exchange.pageUrlAfter).records;
}
