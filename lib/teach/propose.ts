import { validateAdapter, type AdapterInput } from '@/lib/crm/adapter-schema';
import { eventsForRecord, type RecordEvent } from '@/lib/crm/counting';
import type { DetectedRecord } from '@/lib/crm/record';
import { graphqlOperation, rpcCall } from './bodies';
import { rankCandidates, type Candidate } from './candidates';
import { detectTaught } from './detect';
import { generaliseRule, readablePath, taughtCallName, type TaughtRule } from './generalise';
import { kindIdOf, kpiOf, type TaughtExchange, type TeachIntent } from './recording';

/**
 * From a teaching window to a proposal the rep can read and save: the best candidate's rule,
 * placed in the rep's adapter for the site, and the record the engine itself reports when it
 * runs that adapter on the save the rep just made — never a made-up result.
 */

/** How many candidates are tried, best first, before giving up. */
const TRIED = 5;

export interface ProposalSummary {
  kind: string;
  kpi: ReturnType<typeof kpiOf>;
  method: string;
  /** The address with ids shown as "…". */
  path: string;
  /** JSON-RPC method or GraphQL mutation, when the endpoint serves many calls. */
  call?: { type: 'rpc' | 'graphql' | 'field'; name: string };
  recordId: string;
  /** The app opened the new record at an address the rule can link to. */
  recordPage: boolean;
  reads: { email: boolean; amount: boolean; currency: boolean };
}

export interface TeachProposal {
  /** The rep's adapter for this site with the taught rule in it. */
  adapter: AdapterInput;
  ruleId: string;
  candidate: Candidate;
  summary: ProposalSummary;
  /** What the engine detects from the save with the proposed adapter, and what that counts. */
  record: DetectedRecord;
  events: RecordEvent[];
  /** What the KPI needs and the save did not carry: a contact without email, an order without amount. */
  missing: Array<'email' | 'amount'>;
}

export type TeachOutcome = { ok: true; proposal: TeachProposal } | { ok: false; reason: 'no-create' | 'not-counted' };

/** The adapter a taught rule goes into: the rep's own for the site, or a new one. */
export interface TeachBase {
  adapter?: AdapterInput;
  /** Teaching on a built-in CRM's page: the built-in adapter is copied and replaced. */
  replaces?: string;
}

export function proposeRule(window: readonly TaughtExchange[], intent: TeachIntent, base: TeachBase = {}): TeachOutcome {
  const candidates = rankCandidates(window, intent);
  if (candidates.length === 0) return { ok: false, reason: 'no-create' };
  const ruleId = `taught-${kindIdOf(intent)}`;
  for (const candidate of candidates.slice(0, TRIED)) {
    const taught = generaliseRule(candidate, intent, window, ruleId);
    const adapter = withTaughtRule(base, candidate.exchange.pageUrlBefore, intent, taught);
    if (!validateAdapter(adapter).ok) continue;
    const records = detectTaught(adapter, candidate.exchange).filter((r) => r.rule === ruleId);
    const record = records[0];
    if (!record) continue;
    return {
      ok: true,
      proposal: {
        adapter,
        ruleId,
        candidate,
        summary: summarise(candidate, intent, taught),
        record,
        events: eventsForRecord(record, adapter),
        missing: missingFields(intent, taught),
      },
    };
  }
  return { ok: false, reason: 'not-counted' };
}

/** An adapter id from the site's host name: `crm.copyco.test` → `crm-copyco-test`. */
export function adapterIdFor(hostname: string): string {
  const slug = hostname
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 34)
    .replace(/-+$/, '');
  return `${/^[a-z0-9]/.test(slug) ? '' : 'x'}${slug || 'own'}-own`.slice(0, 40);
}

/** The base adapter with the taught kind, rule and record route added (replacing earlier teaching of the same kind). */
export function withTaughtRule(base: TeachBase, pageUrl: string, intent: TeachIntent, taught: TaughtRule): AdapterInput {
  const page = new URL(pageUrl);
  const kind = kindIdOf(intent);
  const kpi = kpiOf(intent);
  const existing = base.adapter;
  const scheme = page.protocol === 'http:' ? 'http' : 'https';
  const adapter: AdapterInput = existing
    ? structuredClone(existing)
    : { id: adapterIdFor(page.hostname), name: page.hostname, hosts: [`${scheme}://${page.hostname}/*`], kinds: {} };
  if (base.replaces && !existing?.replaces) {
    adapter.replaces = base.replaces;
    adapter.id = adapterIdFor(`my-${base.replaces}`);
    adapter.name = `${adapter.name} (taught)`;
  }
  const previous = adapter.kinds[kind];
  adapter.kinds = { ...adapter.kinds, [kind]: { ...previous, kpis: [...new Set([...(previous?.kpis ?? []), kpi])] } };
  adapter.network = [...(adapter.network ?? []).filter((rule) => rule.id !== taught.rule.id), taught.rule];
  const routeId = taught.route?.id;
  const routes = (adapter.routes ?? []).filter((route) => route.id !== `${taught.rule.id}-page`);
  if (taught.route && routeId) routes.push(taught.route);
  adapter.routes = routes;
  if (taught.apiHost && !(adapter.apiHosts ?? []).includes(taught.apiHost)) adapter.apiHosts = [...(adapter.apiHosts ?? []), taught.apiHost];
  return adapter;
}

function missingFields(intent: TeachIntent, taught: TaughtRule): Array<'email' | 'amount'> {
  const kpi = kpiOf(intent);
  const missing: Array<'email' | 'amount'> = [];
  if (kpi === 'contacts' && !taught.rule.read.email) missing.push('email');
  if (kpi === 'revenue' && !taught.rule.read.amount) missing.push('amount');
  return missing;
}

function summarise(candidate: Candidate, intent: TeachIntent, taught: TaughtRule): ProposalSummary {
  // A form post says which save it is by a field (`action=add`), read from its createIf.
  const mode = candidate.landing ? taught.rule.createIf?.find((c) => c.op === 'eq' && typeof c.value === 'string' && c.from === 'request') : undefined;
  const when = mode ? [mode] : (taught.rule.when ?? []);
  const name = mode && 'path' in mode ? `${mode.path}=${String(mode.value)}` : (taughtCallName(candidate) ?? (typeof when[0]?.value === 'string' ? when[0].value : undefined));
  const callType = graphqlOperation(candidate.request) ? 'graphql' : rpcCall(candidate.request) ? 'rpc' : 'field';
  return {
    kind: kindIdOf(intent),
    kpi: kpiOf(intent),
    method: candidate.exchange.method.toUpperCase(),
    path: readablePath(candidate.exchange.url),
    ...(when.length > 0 && name !== undefined && { call: { type: callType, name } }),
    recordId: candidate.id.value,
    recordPage: taught.route?.recordUrl !== undefined,
    reads: { email: !!taught.rule.read.email, amount: !!taught.rule.read.amount, currency: !!taught.rule.read.currency },
  };
}
