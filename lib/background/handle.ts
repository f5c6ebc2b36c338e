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
import { loadSettings } from '../db/settings';
import { CurrentRecordSchema, RequestSchema, type ChangedNotice, type Request, type Response } from '../messages/schemas';
import type { SidebarTabMessage } from '../sidebar-host/tab-messages';
import { countedKeysFor, countRecord, offeredKpis } from './record-count';
import { loadSnapshot } from './snapshot';

export interface HandlerDeps {
  now(): number;
  newId(): string;
  adapterById(id: string): AdapterInput | undefined;
  /** Asks the top frame of a tab (its content script); rejects when nothing answers there. */
  askTab?(tabId: number, message: SidebarTabMessage): Promise<unknown>;
}

/** Where a request came from: the tab of a sidebar frame, when it is in one. */
export interface RequestOrigin {
  tabId?: number;
}

/** Who sent a request: content scripts run in CRM pages and may only report what they detected. */
export type SenderKind = 'extension-page' | 'content-script';

export interface HandleResult {
  response: Response;
  /** Set when the request changed stored data: what to tell the open views. */
  changed?: ChangedNotice;
}

const CONTENT_SCRIPT_REQUESTS = new Set<Request['type']>(['record-detected']);
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
    return await carryOut(database, request, deps, origin);
  } catch (err) {
    return refuse(err instanceof Error ? err.message : String(err));
  }
}

async function carryOut(database: KpiDatabase, request: Request, deps: HandlerDeps, origin: RequestOrigin): Promise<HandleResult> {
  switch (request.type) {
    case 'record-detected': {
      const { record } = request;
      const adapter = deps.adapterById(record.adapter);
      if (!adapter) return refuse(`Unknown adapter "${record.adapter}".`);
      const at = deps.now();
      await noteRuleMatched(database, record.adapter, record.rule, at);
      const counted: CountEvent[] = [];
      const alreadyCounted: string[] = [];
      const planned = eventsForRecord(record, adapter);
      // A CRM that does not say the currency is taken to use the rep's own.
      const fallbackCurrency = planned.some((e) => e.amount !== undefined && e.currency === undefined)
        ? (await loadSettings(database)).currency
        : undefined;
      for (const e of planned) {
        const event: CountEvent = {
          key: e.key,
          kpi: e.kpi,
          at,
          source: 'detected',
          adapter: record.adapter,
          kind: record.kind,
          recordId: record.recordId,
          rule: record.rule,
          ...(e.amount !== undefined && { amount: e.amount }),
          ...(e.amount !== undefined && { currency: e.currency ?? fallbackCurrency }),
          ...(record.url !== undefined && { url: record.url }),
        };
        if (await addEventOnce(database, event)) counted.push(event);
        else alreadyCounted.push(event.key);
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
    case 'current-record': {
      if (origin.tabId === undefined || !deps.askTab) return refuse('Only a sidebar in a CRM tab can ask for its record.');
      // The content script's answer is checked like any other input; no answer means no record page.
      const answer = await deps.askTab(origin.tabId, { type: 'get-current-record' }).catch(() => null);
      const parsed = CurrentRecordSchema.safeParse(answer);
      const adapter = parsed.success ? deps.adapterById(parsed.data.adapter) : undefined;
      if (!parsed.success || !adapter) return { response: { ok: true, data: { record: null } } };
      const record = parsed.data;
      const counted = await countedKeysFor(database, record, adapter);
      return { response: { ok: true, data: { record, offered: offeredKpis(adapter, record.kind), counted } } };
    }
    case 'count-record': {
      const { record, kpi, amount } = request;
      const adapter = deps.adapterById(record.adapter);
      if (!adapter) return refuse(`Unknown adapter "${record.adapter}".`);
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
  }
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

function refuse(error: string): HandleResult {
  return { response: { ok: false, error: error.slice(0, MAX_ERROR_LENGTH) } };
}
