import type { AdapterInput } from '@/lib/crm/adapter-schema';
import { eventsForRecord } from '@/lib/crm/counting';
import { matchesPattern } from '@/lib/crm/match-pattern';
import type { Exchange } from '@/lib/crm/page-signals';
import type { DetectedRecord } from '@/lib/crm/record';
import { ruleNamesRequest } from '@/lib/crm/rule-match';
import { explainRules, type RuleMiss } from './network';

/**
 * What an adapter makes of one sample exchange, for the rule tester in Options: which rules name
 * the request, what each would count and toward which KPIs, or the first step where it stopped.
 * It runs the engine's own rule path (explainRules), so the tester cannot disagree with detection.
 */

export interface CountedRecord {
  record: DetectedRecord;
  /** The KPIs the record adds to (none for a contact without email, or a kind with no KPI). */
  kpis: string[];
}

export interface RuleVerdict {
  ruleId: string;
  counted: CountedRecord[];
  /** Why the rule (or one of its items) counted nothing; empty when it counted everything it saw. */
  misses: RuleMiss[];
}

export interface ExchangeExplanation {
  /** Whether the request URL is on the adapter's hosts or apiHosts (where requests are read at all). */
  onHosts: boolean;
  /** Only the rules whose methods and url name the request; none means no rule is about it. */
  rules: RuleVerdict[];
}

export function explainExchange(adapter: AdapterInput, exchange: Exchange): ExchangeExplanation {
  const onHosts = [...adapter.hosts, ...(adapter.apiHosts ?? [])].some((pattern) => matchesPattern(pattern, exchange.url));
  const named = new Set((adapter.network ?? []).filter((rule) => ruleNamesRequest(rule, exchange.method, exchange.url)).map((rule) => rule.id));
  // One memory for all rules, as detection shares one across a page's exchanges.
  const rules = explainRules(adapter, exchange, { memory: new Map() })
    .filter(({ rule }) => named.has(rule.id))
    .map(({ rule, records, misses }) => ({
      ruleId: rule.id,
      counted: records.map((record) => ({ record, kpis: eventsForRecord(record, adapter).map((event) => event.kpi) })),
      misses,
    }));
  return { onHosts, rules };
}
