import { validateAdapter, type AdapterInput } from '@/lib/crm/adapter-schema';
import { eventsForRecord, type RecordEvent } from '@/lib/crm/counting';
import type { RecordMemory } from '@/lib/crm/engine';
import type { DetectedRecord } from '@/lib/crm/record';
import { graphqlOperation, isObject, readRequest, rpcCall } from './bodies';
import { rankCandidates, type Candidate } from './candidates';
import { confirmationLabel, confirmationName, confirmationRule, findConfirmations } from './confirm';
import { detectTaught } from './detect';
import { sentBackUnnamed } from './marker';
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
  /** It counts when the rep confirms the record: the link's name, and the save it reads the amount from. */
  confirm?: { link: string; create?: ProposalSummary };
  /** The save sends the browser back to the page it came from, whose message names the new record. */
  backToPage?: boolean;
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
  /** Other network rules taught with it (the create an order's confirmation reads its amount from). */
  companions?: string[];
  /** DOM rules taught with it (the message that names a record its landing page does not). */
  dom?: string[];
}

export type TeachOutcome = { ok: true; proposal: TeachProposal } | { ok: false; reason: 'no-create' | 'not-counted' | 'no-record-named' };

/** The adapter a taught rule goes into: the rep's own for the site, or a new one. */
export interface TeachBase {
  adapter?: AdapterInput;
  /** Teaching on a built-in CRM's page: the built-in adapter is copied and replaced. */
  replaces?: string;
}

export function proposeRule(window: readonly TaughtExchange[], intent: TeachIntent, base: TeachBase = {}): TeachOutcome {
  if (intent.confirm) return proposeConfirmation(window, intent, base);
  const candidates = rankCandidates(window, intent);
  if (candidates.length === 0) return { ok: false, reason: unnamed(window) ? 'no-record-named' : 'no-create' };
  for (const candidate of candidates.slice(0, TRIED)) {
    // A save sent back to the page it came from is another shape of the same kind's save: both rules stay.
    const ruleId = `taught-${kindIdOf(intent)}${candidate.marker ? '-back' : ''}`;
    const taught = generaliseRule(candidate, intent, window, ruleId);
    const adapter = withTaughtRule(base, candidate.exchange.pageUrlBefore, intent, taught);
    if (!validateAdapter(adapter).ok) continue;
    const marker = candidate.marker && taught.dom?.[0] ? { rule: taught.dom[0].id, value: candidate.marker.link.href } : undefined;
    const records = detectTaught(adapter, candidate.exchange, undefined, marker).filter((r) => r.rule === ruleId);
    const record = records[0];
    if (!record) continue;
    return { ok: true, proposal: proposal(adapter, ruleId, candidate, summarise(candidate, intent, taught), record, intent, taught) };
  }
  return { ok: false, reason: unnamed(window) ? 'no-record-named' : 'not-counted' };
}

/**
 * A form post the browser was sent on from, to a page whose address names no new record and whose
 * links (looked at) hold none in a message: nothing to count it by. Said to the rep in words.
 */
function unnamed(window: readonly TaughtExchange[]): boolean {
  return window.some((e) => {
    const fields = readRequest(e.requestBody).value;
    return e.landingLinks !== undefined && sentBackUnnamed(e, isObject(fields) ? (fields as Record<string, string>) : {});
  });
}

function proposal(adapter: AdapterInput, ruleId: string, candidate: Candidate, summary: ProposalSummary, record: DetectedRecord, intent: TeachIntent, taught: TaughtRule): TeachProposal {
  return {
    adapter,
    ruleId,
    candidate,
    summary,
    record,
    events: eventsForRecord(record, adapter),
    missing: missingFields(intent, taught),
    ...(taught.companions?.length && { companions: taught.companions.map((rule) => rule.id) }),
    ...(taught.dom?.length && { dom: taught.dom.map((rule) => rule.id) }),
  };
}

/**
 * A record that counts once the rep confirms it: the lesson holds the save (a form post, or any
 * create) and then the confirmation link. The confirmation becomes the counting rule; the save,
 * when the lesson holds it, a rule that only remembers its amount, currency and customer for the
 * confirmation. Nothing is proposed before the confirmation is seen.
 */
function proposeConfirmation(window: readonly TaughtExchange[], intent: TeachIntent, base: TeachBase): TeachOutcome {
  const creates = rankCandidates(window, intent);
  const confirmations = findConfirmations(window, new Set(creates.map((c) => c.id.value)));
  if (confirmations.length === 0) return { ok: false, reason: 'no-create' };
  const kind = kindIdOf(intent);
  const ruleId = `taught-${kind}-confirm`;
  for (const confirmation of confirmations.slice(0, TRIED)) {
    const create = creates.find((c) => c.id.value === confirmation.id.value && c.exchange.at <= confirmation.exchange.at);
    const saved = create ? generaliseRule(create, intent, window, `taught-${kind}`) : undefined;
    const rule = confirmationRule(confirmation, ruleId, kind);
    // The confirmation reads the amount the create read: the two rules agree on what is read.
    const read = saved ? { ...saved.rule.read, recordId: rule.read.recordId } : rule.read;
    const taught: TaughtRule = {
      rule: { ...rule, read: { recordId: rule.read.recordId } },
      ...(saved && { companions: [{ ...saved.rule, observeOnly: true }] }),
      ...(saved?.route && { route: saved.route }),
    };
    const adapter = withTaughtRule(base, confirmation.exchange.pageUrlBefore, intent, taught);
    if (!validateAdapter(adapter).ok) continue;
    const memory: RecordMemory = new Map();
    if (create) detectTaught(adapter, create.exchange, memory);
    const record = detectTaught(adapter, confirmation.exchange, memory).find((r) => r.rule === ruleId);
    if (!record) continue;
    const candidate: Candidate = {
      exchange: confirmation.exchange,
      index: confirmation.index,
      score: 0,
      reasons: [],
      format: 'form',
      request: Object.fromEntries(new URL(confirmation.exchange.url).searchParams),
      response: undefined,
      id: confirmation.id,
    };
    const summary: ProposalSummary = {
      kind,
      kpi: kpiOf(intent),
      method: 'GET',
      path: readablePath(confirmation.exchange.url),
      ...(confirmationName(confirmation) && { call: { type: 'field' as const, name: confirmationName(confirmation) } }),
      recordId: confirmation.id.value,
      recordPage: saved?.route?.recordUrl !== undefined,
      reads: { email: !!read.email, amount: !!read.amount, currency: !!read.currency },
      confirm: { link: confirmationLabel(confirmation), ...(create && saved && { create: summarise(create, intent, saved) }) },
    };
    return { ok: true, proposal: proposal(adapter, ruleId, candidate, summary, record, intent, { ...taught, rule: { ...taught.rule, read } }) };
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
  // A kind is taught to count on its save or on its confirmation: teaching one replaces the other.
  const replaced = new Set([taught.rule.id, ...(taught.companions ?? []).map((rule) => rule.id)]);
  if (replaced.has(`taught-${kind}`) || replaced.has(`taught-${kind}-confirm`)) for (const id of [`taught-${kind}`, `taught-${kind}-confirm`]) replaced.add(id);
  adapter.network = [...(adapter.network ?? []).filter((rule) => !replaced.has(rule.id)), ...(taught.companions ?? []), taught.rule];
  const routeId = taught.route?.id;
  const routes = (adapter.routes ?? []).filter((route) => ![...replaced].some((id) => route.id === `${id}-page`));
  if (taught.route && routeId) routes.push(taught.route);
  adapter.routes = routes;
  if (taught.dom?.length) {
    const domIds = new Set(taught.dom.map((rule) => rule.id));
    adapter.dom = [...(adapter.dom ?? []).filter((rule) => !domIds.has(rule.id)), ...taught.dom];
  }
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
  const mode = candidate.landing || candidate.marker ? taught.rule.createIf?.find((c) => c.op === 'eq' && typeof c.value === 'string' && c.from === 'request') : undefined;
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
    ...(candidate.marker && { backToPage: true }),
  };
}
