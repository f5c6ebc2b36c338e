/**
 * Turns what a CRM page shows (a request and its response, a route change, a success marker)
 * into detected records, using only the adapter's data. Pure: no browser APIs, no clock. It runs
 * in the background, on what pages forward (see crm/page-signals).
 */
export type { Exchange } from '@/lib/crm/page-signals';
export { ruleNamesRequest } from '@/lib/crm/rule-match';
export { detectFromExchange, explainRules, requestAllowed, type EngineOptions, type RecordMemory, type RuleMiss } from './network';
export { createFormAt, detectFromRouteChange, matchRoutes, recordPageUrl, type RouteMatch } from './routes';
export { detectFromDomHit, type DomHit } from './markers';
export { kindForObject, mappedKindId } from './kinds';
export { toAmount } from './values';
export { explainExchange, type ExchangeExplanation, type RuleVerdict, type CountedRecord } from './explain';
export { addressFingerprint, readNavigation, settleSaves, type BrowserNavigation, type LandingMarker, type PendingSave, type Settled } from './navigation';
