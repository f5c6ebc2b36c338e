import { browser } from 'wxt/browser';
import { z } from 'zod';
import type { AdapterInput } from '@/lib/crm/adapter-schema';
import { eventsForRecord } from '@/lib/crm/counting';
import {
  addEventOnce,
  noteRuleMatched,
  recentEvents,
  removeEvent,
  type CountEvent,
  type KpiDatabase,
} from '@/lib/db';
import { loadSettings, saveSettings } from '@/lib/db/settings';
import { ADAPTERS } from '@/lib/crm/adapters';
import { blockedAmong, markNotNewRecord, restoreRecord } from '@/lib/evidence/blocked';
import { missingAccess, type PermissionsContains } from '@/lib/sites/access';
import { parseSettings } from '@/lib/kpi/settings';
import { keptRules, loadRules, saveRules } from '@/lib/overrides/store';
import { resolveAdapter, resolveAdapterForUrl } from '@/lib/overrides/resolve';
import { RulesSchema } from '@/lib/overrides/schema';
import { revenueAmount } from '@/lib/revenue/basis';
import { currencyForSite, loadSiteCurrencies, setSiteCurrency, siteOf } from '@/lib/revenue/site-currency';
import { loadMissedSaves, missedOnSite, noteMissedSave } from '@/lib/evidence/missed';
import { RequestSchema, type ChangedNotice, type Request, type Response } from '@/lib/messages/schemas';
import type { SidebarTabMessage } from '@/lib/page/sidebar-host/tab-messages';
import { countedKeysFor, countRecord, offeredKpis } from './record-count';
import type { BurstGuard } from './burst';
import { isParked, isStorageFull, listParked, park, unpark, type ParkedCount } from './parked';
import { NUDGES_SENT_KEY } from './nudges';
import { loadFormMemory, noting, noteFormSubmitted, saveFormMemory, takeFormSubmitted, type FormSubmitted } from './form-submitted';
import { DetectedRecordSchema, type DetectedRecord } from '@/lib/crm/record';
import { detectFromRouteChange, settleSaves } from '@/lib/crm/engine';
import { recordPageAt } from '@/lib/crm/record-page';
import { planFor } from '@/lib/crm/page-plan';
import type { PageDetection } from './page-detection';
import type { KpiId } from '@/lib/kpi/definitions';
import { STORAGE_FULL } from '@/lib/messages/errors';
import { carryOutTeam, TEAM_REQUESTS, type TeamHandlerDeps, type TeamRequest } from './team-handle';
import { loadViewData } from './view-data';
import type { LandedNotices } from './landed-notices';
import type { TeachSessions } from './teach-sessions';
import { carryOutTeach, type TeachRequest, TEACH_REQUESTS } from './teach-handle';
import { loadHistory } from './history';

export interface HandlerDeps {
  now(): number;
  newId(): string;
  adapterById(id: string): AdapterInput | undefined;
  /** Asks the top frame of a tab (its content script); rejects when nothing answers there. */
  askTab?(tabId: number, message: SidebarTabMessage): Promise<unknown>;
  /** The browser's host permissions, to tell which of the rep's CRMs can be read. */
  permissions?: PermissionsContains['permissions'];
  /** The team server and the team page's data; absent where no team features run (tests). */
  team?: TeamHandlerDeps;
  /** Holds records that come faster than by hand; without it every record counts at once. */
  burst?: BurstGuard;
  /** Detection for CRM pages; absent where no page sends signals (tests of other requests). */
  pages?: PageDetection;
  /**
   * Reads the links of a tab's page (lib/teach/landing-links), for a lesson whose save landed on a
   * page whose address names no new record; absent where pages cannot be read (tests of other requests).
   */
  inspectLanding?: (tabId: number) => Promise<unknown>;
  /** Counts made as a tab's page loaded, for its sidebar to confirm once it is there. */
  landed?: LandedNotices;
  /** Teaching sessions per tab; absent where no one teaches (tests of other requests). */
  teach?: TeachSessions;
  /**
   * Test build only: an extension page may report a detected record directly, which the
   * end-to-end suite uses to set up counts. Release builds refuse it: records come from the
   * engine, never from a message.
   */
  acceptRecords?: boolean;
  /**
   * Called with a detected record's events once they are found new and before they are written:
   * the database's period sums already count them (PeriodSums.expect), so the badge can show them
   * without waiting for the write. Called again with none, and the keys not written, when a
   * write did not go through.
   */
  counting?(events: readonly CountEvent[], notWritten?: readonly string[]): void;
}

/** Where a request came from: the tab of a sidebar frame, when it is in one. */
export interface RequestOrigin {
  tabId?: number;
  /** The sending frame's URL (a content script's page), as the browser reports it. */
  url?: string;
  /** The URL of the tab the sender is in (the CRM page around a sidebar frame). */
  tabUrl?: string;
  /** The sender is a CRM tab's content script or its sidebar: its notices name the tab. */
  crmTab?: boolean;
}

/** Who sent a request: content scripts run in CRM pages and may only say what their page showed. */
export type SenderKind = 'extension-page' | 'content-script';

export interface HandleResult {
  response: Response;
  /** Set when the request changed stored data: what to tell the open views. */
  changed?: ChangedNotice;
  /**
   * The events the request stored, when storing them is all it changed: the background moves its
   * view by them instead of reading the database again (see viewAfterStored).
   */
  stored?: CountEvent[];
}

const CONTENT_SCRIPT_REQUESTS = new Set<Request['type']>(['page-plan', 'page-signals', 'form-submitted']);
/** How long a missed save keeps the sidebar's quiet hint on its site. */
const MISSED_HINT_MS = 24 * 60 * 60 * 1000;
const MAX_ERROR_LENGTH = 500;

/**
 * Validates one incoming message and carries it out. A malformed, unknown or not-allowed message
 * gets `{ok:false, error}` and writes nothing.
 */
export async function handleMessage(
  database: KpiDatabase,
  raw: unknown,
  sender: SenderKind,
  deps: HandlerDeps,
  origin: RequestOrigin = {},
): Promise<HandleResult> {
  const parsed = RequestSchema.safeParse(raw);
  if (!parsed.success) return refuse(`Invalid message: ${z.prettifyError(parsed.error)}`);
  const request = parsed.data;
  if (sender === 'content-script' && !CONTENT_SCRIPT_REQUESTS.has(request.type)) {
    return refuse(`"${request.type}" is not allowed from a web page.`);
  }
  try {
    if (isTeachRequest(request)) return await carryOutTeach(database, request, deps, origin);
    if (isTeamRequest(request)) {
      if (!deps.team) return refuse('Team features are not available here.');
      return { response: await carryOutTeam(database, request, deps.team) };
    }
    return await carryOut(database, request as Exclude<Request, TeamRequest | TeachRequest>, deps, origin);
  } catch (err) {
    // A write the browser had no room for is said in words the views translate.
    return refuse(isStorageFull(err) ? STORAGE_FULL : err instanceof Error ? err.message : String(err));
  }
}

async function carryOut(database: KpiDatabase, request: Exclude<Request, TeamRequest | TeachRequest>, deps: HandlerDeps, origin: RequestOrigin): Promise<HandleResult> {
  switch (request.type) {
    case 'record-detected': {
      if (!deps.acceptRecords) return refuse('Records are counted from what CRM pages show, not reported.');
      const outcome = await countDetected(database, request.record, deps, origin);
      if ('refused' in outcome) return refuse(outcome.refused);
      const result = withChanges(outcome, outcome.counted, outcome.takenBack ?? [], noticeExtras(outcome, origin));
      return storedAnything(outcome) ? result : { response: result.response };
    }
    case 'page-signals': {
      if (origin.tabId === undefined || !origin.url || !deps.pages) return refuse('Only a CRM page can say what it saw.');
      const pageUrl = origin.url;
      deps.teach?.take(origin.tabId, request.signals, deps.now());
      const { tabId, url: senderUrl } = origin;
      const pages = deps.pages;
      const read = async () => {
        const found = await pages.read(tabId, request.signals, new URL(pageUrl).origin, async () => resolveAdapterForUrl(await keptRules(database), pageUrl, ADAPTERS));
        // The page is leaving by a submission a rule names: the next page of the tab settles it.
        if (found.submitted) {
          const { viaLink, hasEmail, saves } = found.submitted;
          const note: FormSubmitted = { url: senderUrl, at: deps.now(), ...(viaLink && { viaLink }), ...(hasEmail !== undefined && { hasEmail }), ...(saves.length > 0 && { saves }) };
          await noteFormSubmitted(tabId, note);
        }
        return found;
      };
      const leaving = request.signals.some((signal) => (signal as { kind?: unknown } | null)?.kind === 'navigation');
      const findings = leaving ? await noting(tabId, read) : await read();
      const site = siteOf(pageUrl);
      for (const miss of findings.missed) {
        if (site) await noteMissedSave(database, { site, path: new URL(miss.url).pathname, signal: miss.signal }, deps.now());
      }
      const total = await countBatch(database, findings.records, deps, origin);
      const result = batchChanges({ ...total, refused: total.refused + findings.refused }, origin);
      // A page that loaded a moment ago (its message names what its form's save created) may
      // not have its sidebar yet: the sidebar takes the notice when it loads.
      if (result.changed) deps.landed?.note(tabId, result.changed, deps.now());
      return result;
    }
    case 'held-records': {
      if (origin.tabId === undefined) return refuse('Only a sidebar in a CRM tab can answer for its held records.');
      const held = await listParked('burst', origin.tabId);
      if (request.action === 'list') return { response: { ok: true, data: heldSummary(held) } };
      await unpark(held);
      if (request.action === 'discard') return withChanges(heldSummary([]), [], [], { tabId: origin.tabId, held: 0 });
      const { counted, waiting } = await storeEvents(database, held.map((p) => p.event));
      return withChanges({ ...heldSummary([]), counted: counted.length, waiting: waiting.length }, counted, [], { tabId: origin.tabId, held: 0 });
    }
    case 'sidebar-landed': {
      if (origin.tabId === undefined) return refuse('Only a sidebar in a CRM tab can ask what its page counted.');
      return { response: { ok: true, data: deps.landed?.take(origin.tabId, deps.now()) ?? null } };
    }
    case 'add-manual': {
      const { kpi, amount } = request;
      if (kpi === 'revenue' && amount === undefined) return refuse('Revenue needs an amount.');
      if (kpi !== 'revenue' && amount !== undefined) return refuse(`"${kpi}" counts records, not amounts.`);
      const currency = kpi === 'revenue' ? (request.currency ?? (await loadSettings(database)).currency) : undefined;
      const event: CountEvent = {
        key: `manual:${kpi}:${deps.newId()}`,
        kpi,
        at: deps.now(),
        source: 'manual',
        ...(amount !== undefined && { amount }),
        ...(currency !== undefined && { currency }),
      };
      try {
        await addEventOnce(database, event);
      } catch (err) {
        // A count the rep typed is not kept behind their back: they are told and can try again.
        if (isStorageFull(err)) return refuse(STORAGE_FULL);
        throw err;
      }
      return withChanges(event, [event], []);
    }
    case 'undo': {
      deps.landed?.removed([request.key]);
      const removed = await removeEvent(database, request.key);
      return removed ? withChanges({ removed }, [], [request.key]) : { response: { ok: true, data: { removed } } };
    }
    case 'set-visitors': {
      await database.visitors.put({ month: request.month, value: request.value, updatedAt: deps.now() });
      return withChanges({ month: request.month, value: request.value }, [], []);
    }
    case 'view-data':
      return { response: { ok: true, data: await loadViewData(database, deps.now(), request.recent) } };
    case 'history':
      return { response: { ok: true, data: await loadHistory(database, deps.now()) } };
    case 'sidebar-details': {
      if (origin.tabId === undefined || !origin.tabUrl || !deps.askTab) return refuse('Only a sidebar in a CRM tab can ask for its details.');
      // The record page the tab shows. The page says where it is now (the tab's URL can lag behind
      // an in-page navigation); an answer from another site than the tab's is not taken.
      const answer = await deps.askTab(origin.tabId, { type: 'get-page-url' }).catch(() => null);
      const pageUrl = typeof answer === 'string' && siteOf(answer) === siteOf(origin.tabUrl) ? answer : origin.tabUrl;
      const adapter = resolveAdapterForUrl(await loadRules(database), pageUrl, ADAPTERS);
      const current = adapter ? recordPageAt(adapter, pageUrl) : undefined;
      const [settings, recent] = await Promise.all([loadSettings(database), recentEvents(database, { limit: request.recent })]);
      const offer =
        current && adapter ? { record: current, offered: offeredKpis(adapter, current.kind), counted: await countedKeysFor(database, current, adapter) } : null;
      const site = siteOf(origin.tabUrl);
      const missed = site ? missedOnSite(await loadMissedSaves(database), site, deps.now() - MISSED_HINT_MS).length : 0;
      // Asked once per site: after its first amount with an assumed currency, until the rep answers.
      const siteCurrency = site ? (await loadSiteCurrencies(database))[site] : undefined;
      const askCurrency = site && siteCurrency && !siteCurrency.confirmed ? { site, currency: siteCurrency.currency } : null;
      return { response: { ok: true, data: { timeZone: settings.timeZone, currency: settings.currency, recent, offer, missed, askCurrency } } };
    }
    case 'count-record': {
      const { record, kpi, amount } = request;
      const adapter = await adapterWithRules(database, record.adapter, deps);
      if (!adapter) return refuse(`Unknown adapter "${record.adapter}".`);
      if (!offeredKpis(adapter, record.kind).includes(kpi)) return refuse(`A ${record.kind} record does not count toward "${kpi}".`);
      if (kpi === 'revenue' && amount === undefined) return refuse('Revenue needs an amount.');
      if (kpi !== 'revenue' && amount !== undefined) return refuse(`"${kpi}" counts records, not amounts.`);
      const currency = kpi === 'revenue' ? (request.currency ?? (await loadSettings(database)).currency) : undefined;
      const result = await countRecord(database, { record, kpi, amount, currency, at: deps.now() }, adapter);
      return result.status === 'counted' ? withChanges(result, [result.event], [], noticeExtras({ held: [], waiting: [] }, origin)) : { response: { ok: true, data: result } };
    }
    case 'sidebar-frame': {
      if (origin.tabId === undefined || !deps.askTab) return refuse('Only a sidebar in a CRM tab can resize its frame.');
      await deps.askTab(origin.tabId, { type: 'sidebar-frame', toast: request.toast, ...(request.question && { question: true }) });
      return { response: { ok: true, data: null } };
    }
    case 'save-settings': {
      const saved = await saveSettings(database, request.settings);
      return withChanges(saved, [], []);
    }
    case 'save-rules': {
      const saved = await saveRules(database, request.rules, { ...(request.forget && { forget: request.forget }) });
      return withChanges(saved, [], []);
    }
    case 'import-data': {
      // Both parts are checked before anything is written, so a bad file changes nothing.
      const settings = parseSettings(request.settings);
      const rules = RulesSchema.parse(request.rules);
      await database.transaction('rw', database.kv, async () => {
        await saveSettings(database, settings);
        await saveRules(database, rules, { keepSwitchedOff: false });
      });
      return withChanges({ settings, rules }, [], []);
    }
    case 'not-new-record': {
      const removed = await markNotNewRecord(database, request.key, deps.now());
      return withChanges({ removed, blocked: request.key }, [], removed ? [request.key] : []);
    }
    case 'restore-record': {
      const restored = await restoreRecord(database, request.key);
      // Announced as a change, not as a new count: a CRM tab shows no "counted" note for it.
      return withChanges({ restored: restored !== undefined, unblocked: request.key }, [], []);
    }
    case 'crm-access': {
      if (!deps.permissions) return refuse('Host permissions cannot be read here.');
      const rules = await loadRules(database);
      return { response: { ok: true, data: await missingAccess({ permissions: deps.permissions }, rules) } };
    }
    case 'delete-all-data': {
      await database.transaction('rw', [database.events, database.visitors, database.health, database.kv, database.blocked], async () => {
        await Promise.all([database.events.clear(), database.visitors.clear(), database.health.clear(), database.kv.clear(), database.blocked.clear()]);
      });
      // clear() runs no delete hooks, so the running revenue sums are dropped by hand.
      database.periodSums.invalidate();
      // Counts kept aside (held in a burst, or waiting for room) and the reminders already sent go
      // too: after "delete all" a reminder is due again as on a new install.
      const parked = [...(await listParked('burst')), ...(await listParked('storage-full'))];
      await Promise.all([unpark(parked), browser.storage.local.remove(NUDGES_SENT_KEY)]);
      return withChanges({ deleted: true }, [], []);
    }
    case 'set-site-currency': {
      const relabelled = await setSiteCurrency(database, request.site, request.currency);
      return withChanges({ site: request.site, currency: request.currency, relabelled }, [], []);
    }
    case 'form-submitted': {
      if (origin.tabId === undefined || !origin.url) return refuse('Only a CRM tab can note a submitted form.');
      await noteFormSubmitted(origin.tabId, { url: origin.url, at: deps.now(), ...(request.hasEmail !== undefined && { hasEmail: request.hasEmail }) });
      return { response: { ok: true, data: null } };
    }
    case 'page-plan': {
      if (!origin.url || origin.tabId === undefined) return { response: { ok: true, data: { plan: null } } };
      // A new page of the tab: what the page before counted was said there, or is past saying.
      deps.landed?.forget(origin.tabId);
      // A lesson on this tab learns where a form the page before submitted landed, and when that
      // page's address names no new record, what the page links to once it is loaded.
      if (deps.teach?.landed(origin.tabId, origin.url, request.redirected === true, deps.now()) && deps.inspectLanding) {
        const { tabId, url } = origin;
        void deps.inspectLanding(tabId).then(
          (read) => deps.teach?.landingLinks(tabId, url, read),
          () => deps.teach?.landingLinks(tabId, url, null),
        );
      }
      const adapter = resolveAdapterForUrl(await loadRules(database), origin.url, ADAPTERS);
      if (!adapter) return { response: { ok: true, data: { plan: null } } };
      await deps.pages?.start(origin.tabId, adapter);
      const plan = planFor(adapter);
      // A page reloaded while the rep teaches on its tab keeps the window open.
      if (deps.teach?.isOpen(origin.tabId, deps.now())) plan.hook.teach = true;
      const data = { plan };
      // A create form posted by a full page load (server-rendered CRMs post and redirect): no
      // request of this page could show it, so the note the form left decides.
      const note = await takeFormSubmitted(origin.tabId, deps.now());
      const records = note && request.redirected ? await settleNote(adapter, note, origin.tabId, origin.url, deps) : [];
      if (note && !note.viaLink) {
        const hinted = detectFromRouteChange(adapter, note.url, origin.url, note.hasEmail === undefined ? {} : { hasEmail: note.hasEmail });
        records.push(...hinted.filter((hint) => !records.some((record) => record.kind === hint.kind && record.recordId === hint.recordId)));
      }
      if (records.length === 0) return { response: { ok: true, data } };
      const result = batchChanges(await countBatch(database, records, deps, origin), origin, data);
      // Counted before this page has a sidebar: its sidebar asks for the notice once it loads.
      if (result.changed) deps.landed?.note(origin.tabId, result.changed, deps.now());
      return result;
    }
  }
}

/**
 * The records of the saves a form submission (or confirmation link) left, now that the browser
 * landed on this page after a redirect. Saves whose record the landing page shows only in a marker
 * wait for it on this page. Amounts read along the way are kept for the tab (ids and amounts
 * only), so a confirmation on a later page still has its order's amount.
 */
async function settleNote(adapter: AdapterInput, note: FormSubmitted, tabId: number, landingUrl: string, deps: HandlerDeps): Promise<DetectedRecord[]> {
  if (!note.saves?.length) return [];
  const memory = await loadFormMemory(tabId);
  const before = JSON.stringify([...memory]);
  const settled = settleSaves(adapter, note.saves, landingUrl, { memory });
  if (JSON.stringify([...memory]) !== before) await saveFormMemory(tabId, memory);
  if (settled.awaiting.length > 0) deps.pages?.awaitMarker(tabId, settled.awaiting);
  return settled.records;
}

/**
 * The record with the amount the rep's tax setting picks, and what a revenue event records about
 * it: the tax basis, the currency, and whether that currency was assumed. A CRM that does not name
 * the currency is taken to use the site's currency (the rep's until they say otherwise), marked
 * as assumed; amounts are never converted here.
 */
async function priceRecord(
  database: KpiDatabase,
  detected: DetectedRecord,
  pageUrl: string | undefined,
): Promise<{ record: DetectedRecord; revenue: Pick<CountEvent, 'currency' | 'tax' | 'currencyAssumed' | 'site'> }> {
  if (detected.amount === undefined && detected.amountWithTax === undefined) return { record: detected, revenue: {} };
  const settings = await loadSettings(database);
  const { amount, tax } = revenueAmount(detected, settings.revenueWithTax);
  const record: DetectedRecord = { ...detected, amount };
  const revenue: Pick<CountEvent, 'currency' | 'tax' | 'currencyAssumed' | 'site'> = tax ? { tax } : {};
  if (detected.currency) return { record, revenue: { ...revenue, currency: detected.currency } };
  const site = siteOf(pageUrl) ?? siteOf(detected.url);
  const currency = site ? (await currencyForSite(database, site, settings.currency)).currency : settings.currency;
  return { record, revenue: { ...revenue, currency, currencyAssumed: true, ...(site && { site }) } };
}

/** The adapter with the rep's rules applied: their own adapters, mappings, adapters turned off. */
async function adapterWithRules(database: KpiDatabase, id: string, deps: HandlerDeps): Promise<AdapterInput | undefined> {
  return resolveAdapter(await keptRules(database), id, (adapterId) => deps.adapterById(adapterId));
}

export function withChanges(data: unknown, counted: CountEvent[], removed: string[], extras: Partial<ChangedNotice> = {}): HandleResult {
  const onlyStored = counted.length > 0 && removed.length === 0 && extras.held === undefined && extras.waiting === undefined;
  return {
    response: { ok: true, data },
    ...(onlyStored && { stored: counted }),
    changed: {
      type: 'kpi-changed',
      counted: counted.map((e) => ({ key: e.key, kpi: e.kpi, ...(e.kind !== undefined && { kind: e.kind }) })),
      removed,
      ...extras,
    },
  };
}

/**
 * Whether a detection wrote anything a view shows: a count, a record held or kept aside, one taken
 * back. A record seen again (already counted) writes nothing, so no view is told to refresh.
 */
function storedAnything(outcome: { counted: unknown[]; held: unknown[]; waiting: unknown[]; takenBack?: unknown[] }): boolean {
  return outcome.counted.length + outcome.held.length + outcome.waiting.length + (outcome.takenBack?.length ?? 0) > 0;
}

function isTeachRequest(request: Request): request is TeachRequest {
  return TEACH_REQUESTS.has(request.type);
}

function isTeamRequest(request: Request): request is TeamRequest {
  return TEAM_REQUESTS.has(request.type);
}

/** Which tab the write came from (views react to their own tab only) and what it held back. */
function noticeExtras(outcome: { held: unknown[]; waiting: unknown[] }, origin: RequestOrigin): Partial<ChangedNotice> {
  return {
    ...(origin.crmTab && origin.tabId !== undefined && { tabId: origin.tabId }),
    ...(outcome.held.length > 0 && { held: outcome.held.length }),
    ...(outcome.waiting.length > 0 && { waiting: outcome.waiting.length }),
  };
}

type DetectedOutcome =
  | { counted: CountEvent[]; alreadyCounted: string[]; held: string[]; alreadyHeld: string[]; waiting: string[]; takenBack?: string[] }
  | { refused: string };

/** Moves events counted earlier in a burst to the held ones; returns the keys it took back. */
async function holdCounted(database: KpiDatabase, keys: string[], tabId: number | undefined): Promise<string[]> {
  if (keys.length === 0) return [];
  const events = (await database.events.bulkGet(keys)).filter((e): e is CountEvent => e !== undefined);
  await park(events, 'burst', tabId);
  for (const event of events) await removeEvent(database, event.key);
  return events.map((e) => e.key);
}
/** `held`: records held by this report; `alreadyHeld`: held before it, so nothing changed for them. */
type BatchOutcome = { counted: CountEvent[]; alreadyCounted: string[]; held: string[]; alreadyHeld: string[]; waiting: string[]; takenBack: string[]; refused: number };

/**
 * Counts one detected record: its events are written once (keys are unique, so a retry answers
 * "already counted"), held when the tab is creating faster than by hand, and kept aside to be
 * written later when the database has no room.
 */
async function countDetected(database: KpiDatabase, detected: DetectedRecord, deps: HandlerDeps, origin: RequestOrigin): Promise<DetectedOutcome> {
  const tabId = origin.tabId;
  const adapter = await adapterWithRules(database, detected.adapter, deps);
  if (!adapter) return { refused: `Unknown adapter "${detected.adapter}".` };
  const at = deps.now();
  // The amount without or with tax as the rep chose, in the currency the CRM names or the site's.
  const priced = await priceRecord(database, detected, origin.url);
  const { record } = priced;
  const mapped = eventsForRecord(record, adapter);
  // An object no kind names and the rep has not mapped: seen, but counted toward nothing.
  if (mapped.length === 0 && !Object.hasOwn(adapter.kinds, record.kind)) {
    const site = siteOf(origin.url);
    const path = record.url ? new URL(record.url).pathname : origin.url && new URL(origin.url).pathname;
    const signal = (adapter.routes ?? []).some((route) => route.id === record.rule) ? 'route' : 'request';
    if (site && path) await noteMissedSave(database, { site, path, signal }, at);
  }
  return countingInTurn(database, () => checkAndStore(database, record, mapped, priced.revenue, at, deps, tabId));
}

/**
 * One record at a time from the checks to the write: a record found new is counted in the sums
 * before its write commits (PeriodSums.expect), which is only right if no other count of the same
 * key runs between its check and its write.
 */
const inTurn = new WeakMap<KpiDatabase, Promise<unknown>>();
function countingInTurn<T>(database: KpiDatabase, step: () => Promise<T>): Promise<T> {
  const run = (inTurn.get(database) ?? Promise.resolve()).then(step, step);
  inTurn.set(database, run.catch(() => undefined));
  return run;
}

async function checkAndStore(
  database: KpiDatabase,
  record: DetectedRecord,
  mapped: ReturnType<typeof eventsForRecord>,
  revenue: Awaited<ReturnType<typeof priceRecord>>['revenue'],
  at: number,
  deps: HandlerDeps,
  tabId: number | undefined,
): Promise<DetectedOutcome> {
  // Keys the rep marked "not a new record" never count again; a delivery retried after the worker
  // stopped finds its record counted or held already. Asked together: each is a round trip.
  const keys = mapped.map((e) => e.key);
  const [blocked, existing, parked] = await Promise.all([
    blockedAmong(database, keys),
    keys.length > 0 ? database.events.bulkGet(keys) : [],
    Promise.all(keys.map((key) => isParked('burst', key))),
  ]);
  const alreadyCounted: string[] = [];
  // Held already, waiting for the rep's word: seen again, nothing to store and nothing to tell.
  const alreadyHeld: string[] = [];
  const fresh: CountEvent[] = [];
  for (const [i, e] of mapped.entries()) {
    if (blocked.has(e.key)) continue;
    if (existing[i]) alreadyCounted.push(e.key);
    else if (parked[i]) alreadyHeld.push(e.key);
    else {
      fresh.push({
        key: e.key,
        kpi: e.kpi,
        at,
        source: 'detected',
        adapter: record.adapter,
        kind: record.kind,
        recordId: record.recordId,
        rule: record.rule,
        ...(e.amount !== undefined && { amount: e.amount, ...revenue }),
        ...(record.url !== undefined && { url: record.url }),
      });
    }
  }
  const verdict = fresh.length > 0 && deps.burst ? deps.burst.admit(tabId, at, fresh.map((e) => e.key)) : { admit: true, takeBack: [] };
  if (!verdict.admit) {
    const takenBack = await holdCounted(database, verdict.takeBack, tabId);
    await park(fresh, 'burst', tabId);
    return { counted: [], alreadyCounted, held: fresh.map((e) => e.key), alreadyHeld, waiting: [], takenBack };
  }
  // Shown before the write commits; whatever the write did not take is taken back below.
  const expected = database.periodSums.expect(fresh);
  if (expected.length > 0) deps.counting?.(expected);
  let stored: Awaited<ReturnType<typeof storeEvents>> | undefined;
  try {
    [stored] = await Promise.all([
      storeEvents(database, fresh),
      noteRuleMatched(database, record.adapter, record.rule, at).catch((err: unknown) => {
        // Rule health is a nicety; the count itself matters more.
        if (!isStorageFull(err)) throw err;
      }),
    ]);
  } finally {
    const written = new Set(stored?.counted.map((e) => e.key));
    const notWritten = expected.filter((e) => !written.has(e.key)).map((e) => e.key);
    if (notWritten.length > 0) {
      database.periodSums.unexpect(notWritten);
      deps.counting?.([], notWritten);
    }
  }
  return { counted: stored.counted, alreadyCounted: [...alreadyCounted, ...stored.alreadyCounted], held: [], alreadyHeld, waiting: stored.waiting.map((e) => e.key) };
}

/** Writes events once each; what the database has no room for is kept aside and written later. */
export async function storeEvents(database: KpiDatabase, events: CountEvent[]): Promise<{ counted: CountEvent[]; alreadyCounted: string[]; waiting: CountEvent[] }> {
  const counted: CountEvent[] = [];
  const alreadyCounted: string[] = [];
  for (const [i, event] of events.entries()) {
    try {
      if (await addEventOnce(database, event)) counted.push(event);
      else alreadyCounted.push(event.key);
    } catch (err) {
      if (!isStorageFull(err)) throw err;
      const waiting = events.slice(i);
      await park(waiting, 'storage-full');
      return { counted, alreadyCounted, waiting };
    }
  }
  return { counted, alreadyCounted, waiting: [] };
}

/**
 * Writes the counts kept aside for lack of room, oldest first; stops at the first that still
 * does not fit. Returns what it wrote.
 */
export async function retryWaiting(database: KpiDatabase): Promise<CountEvent[]> {
  const waiting = await listParked('storage-full');
  const written: CountEvent[] = [];
  for (const parked of waiting) {
    try {
      if (await addEventOnce(database, parked.event)) written.push(parked.event);
    } catch (err) {
      if (isStorageFull(err)) break;
      throw err;
    }
    await unpark([parked]);
  }
  return written;
}

/** Counts records one by one (one that does not validate is skipped, the others count). */
async function countBatch(database: KpiDatabase, records: unknown[], deps: HandlerDeps, origin: RequestOrigin): Promise<BatchOutcome> {
  const total: BatchOutcome = { counted: [], alreadyCounted: [], held: [], alreadyHeld: [], waiting: [], takenBack: [], refused: 0 };
  for (const raw of records) {
    const parsedRecord = DetectedRecordSchema.safeParse(raw);
    const outcome = parsedRecord.success ? await countDetected(database, parsedRecord.data, deps, origin) : { refused: 'invalid' };
    if ('refused' in outcome) {
      total.refused += 1;
      continue;
    }
    total.counted.push(...outcome.counted);
    total.alreadyCounted.push(...outcome.alreadyCounted);
    total.alreadyHeld.push(...outcome.alreadyHeld);
    total.held.push(...outcome.held);
    total.waiting.push(...outcome.waiting);
    total.takenBack.push(...(outcome.takenBack ?? []));
  }
  return total;
}

/** A batch's answer and notice; records taken back within it are neither counted nor left counted. */
function batchChanges(total: BatchOutcome, origin: RequestOrigin, data: unknown = total): HandleResult {
  const counted = total.counted.filter((e) => !total.takenBack.includes(e.key));
  const result = withChanges(data, counted, total.takenBack, noticeExtras(total, origin));
  return storedAnything(total) ? result : { response: result.response };
}

/** What the sidebar asks the rep about: how many records are held, per KPI. */
function heldSummary(held: ParkedCount[]): { total: number; byKpi: Partial<Record<KpiId, number>> } {
  const byKpi: Partial<Record<KpiId, number>> = {};
  for (const p of held) byKpi[p.event.kpi] = (byKpi[p.event.kpi] ?? 0) + 1;
  return { total: held.length, byKpi };
}

export function refuse(error: string): HandleResult {
  return { response: { ok: false, error: error.slice(0, MAX_ERROR_LENGTH) } };
}
