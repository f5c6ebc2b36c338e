import { z } from 'zod';
import type { AdapterInput } from '../crm/adapter-schema';
import { eventsForRecord } from '../crm/counting';
import {
  addEventOnce,
  noteRuleMatched,
  recentEvents,
  removeEvent,
  type CountEvent,
  type KpiDatabase,
} from '../db';
import { loadSettings, saveSettings } from '../db/settings';
import { ADAPTERS } from '../crm/adapters';
import { blockedAmong, markNotNewRecord, restoreRecord } from '../evidence/blocked';
import { missingAccess, type PermissionsContains } from '../sites/access';
import { parseSettings } from '../kpi/settings';
import { loadRules, saveRules } from '../rules/store';
import { resolveAdapter, resolveAdapterForUrl } from '../rules/resolve';
import { RulesSchema } from '../rules/schema';
import type { DetectedRecord } from '../crm/record';
import { revenueAmount } from '../revenue/basis';
import { currencyForSite, loadSiteCurrencies, setSiteCurrency, siteOf } from '../revenue/site-currency';
import { loadMissedSaves, missedOnSite, noteMissedSave } from '../evidence/missed';
import { CurrentRecordSchema, RequestSchema, type ChangedNotice, type Request, type Response } from '../messages/schemas';
import type { SidebarTabMessage } from '../sidebar-host/tab-messages';
import { countedKeysFor, countRecord, offeredKpis } from './record-count';
import { loadSnapshot } from './snapshot';
import { carryOutTeam, TEAM_REQUESTS, type TeamHandlerDeps, type TeamRequest } from './team-handle';
import { loadViewData } from './view-data';
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
}

/** Where a request came from: the tab of a sidebar frame, when it is in one. */
export interface RequestOrigin {
  tabId?: number;
  /** The sending frame's URL (a content script's page), as the browser reports it. */
  url?: string;
  /** The URL of the tab the sender is in (the CRM page around a sidebar frame). */
  tabUrl?: string;
}

/** Who sent a request: content scripts run in CRM pages and may only report what they detected. */
export type SenderKind = 'extension-page' | 'content-script';

export interface HandleResult {
  response: Response;
  /** Set when the request changed stored data: what to tell the open views. */
  changed?: ChangedNotice;
}

const CONTENT_SCRIPT_REQUESTS = new Set<Request['type']>(['record-detected', 'page-adapter', 'missed-save']);
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
    if (isTeamRequest(request)) {
      if (!deps.team) return refuse('Team features are not available here.');
      return { response: await carryOutTeam(database, request, deps.team) };
    }
    return await carryOut(database, request, deps, origin);
  } catch (err) {
    return refuse(err instanceof Error ? err.message : String(err));
  }
}

async function carryOut(database: KpiDatabase, request: Exclude<Request, TeamRequest>, deps: HandlerDeps, origin: RequestOrigin): Promise<HandleResult> {
  switch (request.type) {
    case 'record-detected': {
      const adapter = await adapterWithRules(database, request.record.adapter, deps);
      if (!adapter) return refuse(`Unknown adapter "${request.record.adapter}".`);
      const at = deps.now();
      await noteRuleMatched(database, request.record.adapter, request.record.rule, at);
      const priced = await priceRecord(database, request.record, origin.url);
      const { record } = priced;
      const counted: CountEvent[] = [];
      const alreadyCounted: string[] = [];
      const mapped = eventsForRecord(record, adapter);
      // Keys the rep marked "not a new record" never count again.
      const blocked = await blockedAmong(database, mapped.map((e) => e.key));
      for (const e of mapped.filter((m) => !blocked.has(m.key))) {
        const event: CountEvent = {
          key: e.key,
          kpi: e.kpi,
          at,
          source: 'detected',
          adapter: record.adapter,
          kind: record.kind,
          recordId: record.recordId,
          rule: record.rule,
          ...(e.amount !== undefined && { amount: e.amount, ...priced.revenue }),
          ...(record.url !== undefined && { url: record.url }),
        };
        if (await addEventOnce(database, event)) counted.push(event);
        else alreadyCounted.push(event.key);
      }
      // An object no kind names and the rep has not mapped: seen, but counted toward nothing.
      if (mapped.length === 0 && !Object.hasOwn(adapter.kinds, record.kind)) {
        const site = siteOf(origin.url);
        const path = record.url ? new URL(record.url).pathname : origin.url && new URL(origin.url).pathname;
        const signal = (adapter.routes ?? []).some((route) => route.id === record.rule) ? 'route' : 'request';
        if (site && path) await noteMissedSave(database, { site, path, signal }, at);
      }
      return withChanges({ counted, alreadyCounted }, counted, []);
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
      await addEventOnce(database, event);
      return withChanges(event, [event], []);
    }
    case 'undo': {
      const removed = await removeEvent(database, request.key);
      return removed ? withChanges({ removed }, [], [request.key]) : { response: { ok: true, data: { removed } } };
    }
    case 'set-visitors': {
      await database.visitors.put({ month: request.month, value: request.value, updatedAt: deps.now() });
      return withChanges({ month: request.month, value: request.value }, [], []);
    }
    case 'get-snapshot':
      return { response: { ok: true, data: await loadSnapshot(database, deps.now()) } };
    case 'view-data':
      return { response: { ok: true, data: await loadViewData(database, deps.now(), request.recent) } };
    case 'history':
      return { response: { ok: true, data: await loadHistory(database, deps.now()) } };
    case 'list-events': {
      const { kpi, from, to, limit } = request;
      const events = await recentEvents(database, {
        ...(kpi !== undefined && { kpi }),
        ...(from !== undefined && { from }),
        ...(to !== undefined && { to }),
        ...(limit !== undefined && { limit }),
      });
      return { response: { ok: true, data: events } };
    }
    case 'sidebar-details': {
      if (origin.tabId === undefined || !deps.askTab) return refuse('Only a sidebar in a CRM tab can ask for its details.');
      // The content script's answer is checked like any other input; no answer means no record page.
      const answer = await deps.askTab(origin.tabId, { type: 'get-current-record' }).catch(() => null);
      const parsed = CurrentRecordSchema.safeParse(answer);
      const adapter = parsed.success ? await adapterWithRules(database, parsed.data.adapter, deps) : undefined;
      const [settings, recent] = await Promise.all([loadSettings(database), recentEvents(database, { limit: request.recent })]);
      const offer =
        parsed.success && adapter
          ? { record: parsed.data, offered: offeredKpis(adapter, parsed.data.kind), counted: await countedKeysFor(database, parsed.data, adapter) }
          : null;
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
      return result.status === 'counted' ? withChanges(result, [result.event], []) : { response: { ok: true, data: result } };
    }
    case 'sidebar-frame': {
      if (origin.tabId === undefined || !deps.askTab) return refuse('Only a sidebar in a CRM tab can resize its frame.');
      await deps.askTab(origin.tabId, { type: 'sidebar-frame', toast: request.toast });
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
      database.revenueSums.invalidate();
      return withChanges({ deleted: true }, [], []);
    }
    case 'set-site-currency': {
      const relabelled = await setSiteCurrency(database, request.site, request.currency);
      return withChanges({ site: request.site, currency: request.currency, relabelled }, [], []);
    }
    case 'missed-save': {
      const site = siteOf(origin.url);
      if (!site) return refuse('A missed save needs the page it happened on.');
      const note = await noteMissedSave(database, { site, path: request.path, signal: request.signal }, deps.now());
      return { response: { ok: true, data: note } };
    }
    case 'page-adapter': {
      if (!origin.url) return { response: { ok: true, data: { adapter: null } } };
      const rules = await loadRules(database);
      const adapter = resolveAdapterForUrl(rules, origin.url, ADAPTERS);
      return { response: { ok: true, data: { adapter: adapter ?? null } } };
    }
  }
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
  return resolveAdapter(await loadRules(database), id, (adapterId) => deps.adapterById(adapterId));
}

function withChanges(data: unknown, counted: CountEvent[], removed: string[]): HandleResult {
  return {
    response: { ok: true, data },
    changed: {
      type: 'kpi-changed',
      counted: counted.map((e) => ({ key: e.key, kpi: e.kpi, ...(e.kind !== undefined && { kind: e.kind }) })),
      removed,
    },
  };
}

function isTeamRequest(request: Request): request is TeamRequest {
  return TEAM_REQUESTS.has(request.type);
}

function refuse(error: string): HandleResult {
  return { response: { ok: false, error: error.slice(0, MAX_ERROR_LENGTH) } };
}
