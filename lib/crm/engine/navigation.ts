import type { AdapterInput, Condition } from '@/lib/crm/adapter-schema';
import type { DetectedRecord } from '@/lib/crm/record';
import { ruleNamesRequest } from '@/lib/crm/rule-match';
import { execBounded, MAX_REGEX_INPUT } from '@/lib/crm/safe-regex';
import { kindOf } from './kinds';
import { firstString, memoryKey, parseForm, remember, REMEMBERED, type RecordMemory, type Remembered } from './network';
import { recordPageUrl } from './routes';
import { firstFailing, hasEmailIn, readFirstSource, toAmount, toCurrency, toId, type Scope } from './values';

/**
 * Saves made by the browser's own navigation (server-rendered CRMs): a native form submission
 * answered by a redirect to the new record, or a GET link that confirms one. It happens in two
 * steps, because the page that submits is gone before the answer arrives:
 * 1. `readNavigation`, when the page submits: the rules that name the submission (method + URL)
 *    read the submitted fields into a `PendingSave` (ids, amounts, currency, account, whether an
 *    email was given — never the fields themselves);
 * 2. `settleSaves`, when the next page of the tab loads: the landing URL decides. A page shown at
 *    the very address the browser was sent to (a form re-rendered with its errors, HTTP 200) is a
 *    failed save; otherwise the landing URL must match the rule's `navigation.landing`, whose
 *    named groups (usually the new id) the rule reads with `from: "landing"`.
 */

type NetworkRule = NonNullable<AdapterInput['network']>[number];

/** What the page saw the rep do: the fields are those of the submitted form, capped, never kept. */
export interface BrowserNavigation {
  method: string;
  url: string;
  /** The submitted fields, form-encoded (a POST); a GET carries them in its URL's query. */
  body?: string;
  pageUrl: string;
  /** Whether the create form's email input (route `emailInput`) was filled. */
  hasEmail?: boolean;
}

/** A submission a rule accepted, waiting for the page it lands on. Ids and amounts only. */
export interface PendingSave extends Remembered {
  rule: string;
  /** Fingerprint of the address the browser was sent to: landing there again is a re-render. */
  sentTo: string;
  recordId?: string;
  object?: string;
  status?: string;
  hasEmail?: boolean;
}

/** Which DOM marker the landing page showed, with the attribute its rule reads. */
export interface LandingMarker {
  rule: string;
  value?: string;
}

export interface SettleOptions {
  /** Amounts read by earlier saves in this tab (an order's create, before its confirmation). */
  memory?: RecordMemory;
  /** The marker the landing page showed (rules with `navigation.marker`). */
  marker?: LandingMarker;
}

export interface Settled {
  records: DetectedRecord[];
  /** Saves that landed where they should and wait for their marker on that page. */
  awaiting: PendingSave[];
}

const isLanding = (condition: Condition) => condition.from === 'landing';

/** FNV-1a of the address without its fragment: enough to tell "landed where it was sent". */
export function addressFingerprint(url: string): string {
  let address: string;
  try {
    const parsed = new URL(url);
    address = parsed.origin + parsed.pathname + parsed.search;
  } catch {
    address = url;
  }
  let hash = 0x811c9dc5;
  for (let i = 0; i < address.length; i += 1) {
    hash ^= address.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}

function sameOrigin(a: string, b: string): boolean {
  try {
    const url = new URL(a);
    return /^https?:$/.test(url.protocol) && url.origin === new URL(b).origin;
  } catch {
    return false;
  }
}

function conditionsHold(scope: Scope, rule: NetworkRule, landing: boolean): boolean {
  const pick = (conditions: Condition[] | undefined) => (conditions ?? []).filter((c) => isLanding(c) === landing);
  return [rule.when, rule.createIf, rule.successIf].every((conditions) => firstFailing(scope, pick(conditions)) < 0);
}

function emptyScope(): Scope {
  return { request: undefined, response: undefined, requestItem: undefined, responseItem: undefined, headers: {}, urlGroups: {} };
}

/** Reads every field the rule names from a scope, leaving alone those already known. */
function readInto(adapter: AdapterInput, rule: NetworkRule, scope: Scope, save: PendingSave): void {
  const read = rule.read;
  save.recordId ??= toId(adapter, readFirstSource(scope, read.recordId)[0]);
  save.object ??= firstString(readFirstSource(scope, read.object));
  save.status ??= firstString(readFirstSource(scope, read.status));
  save.amount ??= toAmount(readFirstSource(scope, read.amount)[0]);
  save.amountWithTax ??= toAmount(readFirstSource(scope, read.amountWithTax)[0]);
  save.currency ??= toCurrency(readFirstSource(scope, read.currency)[0]);
  save.accountId ??= toId(adapter, readFirstSource(scope, read.accountId)[0]);
  if (read.email && save.hasEmail !== true) {
    const emails = readFirstSource(scope, read.email);
    if (emails.length > 0) save.hasEmail = hasEmailIn(emails);
  }
  for (const key of Object.keys(save) as Array<keyof PendingSave>) if (save[key] === undefined) delete save[key];
}

/** The saves a submission may turn out to be, by the rules that name it. */
export function readNavigation(adapter: AdapterInput, navigation: BrowserNavigation): PendingSave[] {
  const { method, url } = navigation;
  if (url.length > MAX_REGEX_INPUT || !sameOrigin(url, navigation.pageUrl)) return [];
  const saves: PendingSave[] = [];
  for (const rule of adapter.network ?? []) {
    try {
      if (!rule.navigation || !ruleNamesRequest(rule, method, url)) continue;
      const match = execBounded(rule.url, url);
      if (!match) continue;
      const fields = method.toUpperCase() === 'POST' ? (navigation.body ?? '') : new URL(url).search;
      const scope: Scope = { ...emptyScope(), request: parseForm(fields), urlGroups: { ...match.groups } };
      if (!conditionsHold(scope, rule, false)) continue;
      const save: PendingSave = { rule: rule.id, sentTo: addressFingerprint(url) };
      readInto(adapter, rule, scope, save);
      if (save.hasEmail === undefined && navigation.hasEmail !== undefined) save.hasEmail = navigation.hasEmail;
      saves.push(save);
    } catch {
      // A malformed rule must not stop the others.
    }
  }
  return saves;
}

/** Records of the saves that landed where their rule says, and those still waiting for their marker. */
export function settleSaves(adapter: AdapterInput, saves: PendingSave[], landingUrl: string, options: SettleOptions = {}): Settled {
  const settled: Settled = { records: [], awaiting: [] };
  if (landingUrl.length > MAX_REGEX_INPUT) return settled;
  const landedAt = addressFingerprint(landingUrl);
  for (const pending of saves) {
    const rule = (adapter.network ?? []).find((r) => r.id === pending.rule && r.navigation);
    const navigation = rule?.navigation;
    // Shown again where it was sent: the server re-rendered the form (a failed save).
    if (!rule || !navigation || pending.sentTo === landedAt) continue;
    const landed = execBounded(navigation.landing, landingUrl);
    if (!landed) continue;
    const groups: Record<string, string | undefined> = { ...landed.groups };
    // Sent back to a page whose address names no new record (a contact added from a company's
    // tab): the landing page's marker (the app's message linking the new record) names it. Not a
    // key made up from the submission: the record keeps its real id, so its page can be linked,
    // "not a new record" works on it, and the same record seen on its own card has the same key.
    // The marker counts only for a save waiting on this very page, once, so a reload (or the back
    // button) showing the message again counts nothing.
    if (navigation.marker !== undefined) {
      if (!options.marker) {
        settled.awaiting.push(pending);
        continue;
      }
      const dom = (adapter.dom ?? []).find((d) => d.id === navigation.marker);
      if (options.marker.rule !== navigation.marker || dom?.recordFrom.from !== 'element' || options.marker.value === undefined) continue;
      const shown = execBounded(dom.recordFrom.regex, options.marker.value);
      if (!shown) continue;
      Object.assign(groups, shown.groups);
    }
    const scope: Scope = { ...emptyScope(), landingUrl, landingGroups: groups };
    if (!conditionsHold(scope, rule, true)) continue;
    const save: PendingSave = { ...pending };
    readInto(adapter, rule, scope, save);
    const record = recordOf(adapter, rule, save, landingUrl, options.memory);
    if (record) settled.records.push(record);
  }
  return settled;
}

function recordOf(adapter: AdapterInput, rule: NetworkRule, save: PendingSave, landingUrl: string, memory: RecordMemory | undefined): DetectedRecord | undefined {
  const { recordId, object } = save;
  if (recordId === undefined) return undefined;
  if (rule.statusIn && (save.status === undefined || !rule.statusIn.includes(save.status))) return undefined;
  // Kept by kind when the rule names no object, so an order's create and its confirmation meet.
  const key = memoryKey(object ?? rule.kind, recordId);
  remember(memory, key, save);
  if (rule.observeOnly) return undefined;
  const kind = rule.kind ?? kindOf(adapter, object, recordId);
  if (kind === undefined) return undefined;
  const record: DetectedRecord = { adapter: adapter.id, kind, recordId, rule: rule.id };
  const url = recordPageUrl(adapter, { recordId, kind, object }, landingUrl);
  if (url) record.url = url;
  // Said for contacts always (no email given is "no email"), for other kinds only when known.
  const feedsContacts = (adapter.kinds[kind]?.kpis ?? []).includes('contacts');
  if (save.hasEmail !== undefined || feedsContacts) record.hasEmail = save.hasEmail === true;
  const recalled = memory?.get(key) ?? {};
  for (const field of REMEMBERED) {
    const value = save[field] ?? recalled[field];
    if (value !== undefined) (record as Record<string, unknown>)[field] = value;
  }
  return record;
}
