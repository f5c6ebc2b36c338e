import { browser } from 'wxt/browser';
import type { AdapterInput } from '@/lib/crm/adapter-schema';
import {
  detectFromDomHit,
  detectFromExchange,
  detectFromRouteChange,
  readNavigation,
  ruleNamesRequest,
  settleSaves,
  type PendingSave,
  type RecordMemory,
} from '@/lib/crm/engine';
import { PageSignalSchema, type PageSignal } from '@/lib/crm/page-signals';
import type { DetectedRecord } from '@/lib/crm/record';
import type { MissedSave } from '@/lib/evidence/missed';

type MissedSignal = MissedSave['signal'];

/**
 * Detection for the CRM pages: runs the engine on what each page forwards (requests and answers,
 * route changes, success markers), with the adapter the page was planned with. Per page it keeps
 * what the engine needs between signals: the record ids requests proved (a route change alone is
 * only a hint) and the amounts read before an order's confirmation. Those amounts are kept in
 * session storage, so a confirmation minutes after the save still has them when the worker was
 * stopped in between; ids and amounts only, gone when the tab closes or the browser does.
 */

/** A page: a tab's top frame (content scripts run there only). A new document starts over. */
export type PageKey = number;

interface PageState {
  adapter: AdapterInput;
  memory: RecordMemory;
  /** Ids a request or a success marker reported: a route change naming one adds nothing. */
  proven: Set<string>;
  /** Ids any signal reported: a create form followed by one of them was not missed. */
  seen: Set<string>;
  /** Missed-save notes this page may still leave: a page cannot flood the rep's notes. */
  notesLeft: number;
  /** Saves submitted on the page before this one that landed here and wait for their marker. */
  awaiting: PendingSave[];
}

/** A browser navigation a rule names (a form submission, a confirmation link): what the next page settles. */
export interface SubmittedNavigation {
  pageUrl: string;
  viaLink: boolean;
  hasEmail?: boolean;
  saves: PendingSave[];
}

export interface MissedNote {
  url: string;
  signal: MissedSignal;
}

export interface PageFindings {
  records: DetectedRecord[];
  missed: MissedNote[];
  /** Signals that did not validate; skipped one by one. */
  refused: number;
  /** The page is leaving by a navigation a rule names (the last one wins). */
  submitted?: SubmittedNavigation;
}

const MAX_IDS = 500;
const NOTES_PER_PAGE = 20;
/** A generic create form, then the record page under the same path: …/new → …/{id}. */
const CREATE_FORM = /^(.*)\/(?:new|create)$/;
const NEW_ID = /^[\w-]*\d[\w-]*$/;
const memoryKey = (page: PageKey) => `page-memory:${page}`;

export interface MemoryStore {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

export class PageDetection {
  private readonly pages = new Map<PageKey, PageState>();

  constructor(private readonly store: MemoryStore = browser.storage.session) {}

  /** A page (re)loaded with this adapter: what an earlier document in the tab kept is dropped. */
  async start(page: PageKey, adapter: AdapterInput): Promise<void> {
    this.pages.set(page, freshState(adapter));
    await this.store.remove(memoryKey(page)).catch(() => undefined);
  }

  /**
   * Saves that landed on this page and wait for its marker to name the record (see
   * engine/navigation.ts); taken by the first marker of their rule, dropped when the page goes.
   */
  awaitMarker(page: PageKey, saves: PendingSave[]): void {
    const state = this.pages.get(page);
    if (state) state.awaiting = saves.slice(0, 20);
  }

  /** The tab is gone. */
  async forget(page: PageKey): Promise<void> {
    this.pages.delete(page);
    await this.store.remove(memoryKey(page)).catch(() => undefined);
  }

  /**
   * The records the page's signals show, in order, and the saves that looked like creates no rule
   * counted. `adapterFor` resolves the page's adapter again when the worker was restarted since
   * the page was planned.
   */
  async read(page: PageKey, rawSignals: unknown[], pageOrigin: string, adapterFor: () => Promise<AdapterInput | undefined>): Promise<PageFindings> {
    const findings: PageFindings = { records: [], missed: [], refused: 0 };
    const state = this.pages.get(page) ?? (await this.restore(page, adapterFor));
    if (!state) return { ...findings, refused: rawSignals.length };
    const memoryBefore = JSON.stringify([...state.memory]);
    for (const raw of rawSignals) {
      const parsed = PageSignalSchema.safeParse(raw);
      if (!parsed.success || !sameOrigin(parsed.data, pageOrigin)) {
        findings.refused += 1;
        continue;
      }
      this.readOne(state, parsed.data, pageOrigin, findings);
    }
    if (JSON.stringify([...state.memory]) !== memoryBefore) {
      await this.store.set({ [memoryKey(page)]: [...state.memory] }).catch(() => undefined);
    }
    return findings;
  }

  private readOne(state: PageState, signal: PageSignal, pageOrigin: string, findings: PageFindings): void {
    const { adapter } = state;
    switch (signal.kind) {
      case 'exchange': {
        const records = detectFromExchange(adapter, signal.exchange, { memory: state.memory, pageUrl: signal.pageUrl });
        remember(state.proven, records);
        remember(state.seen, records);
        findings.records.push(...records);
        return;
      }
      case 'marker': {
        const records = detectFromDomHit(adapter, { ruleId: signal.rule, url: signal.url, ...(signal.value !== undefined && { value: signal.value }) });
        if (state.awaiting.length > 0) {
          const marker = { rule: signal.rule, ...(signal.value !== undefined && { value: signal.value }) };
          const settled = settleSaves(adapter, state.awaiting, signal.url, { marker });
          // Each save is settled once: a second marker (a reload shows the page again) adds nothing.
          if (settled.records.length > 0) state.awaiting = [];
          records.push(...settled.records);
        }
        remember(state.proven, records);
        remember(state.seen, records);
        findings.records.push(...records);
        return;
      }
      case 'route': {
        // A route change only suggests a create; a request that proved the same record decided it
        // (an Odoo partner saved as a company is an account, not a contact).
        const records = signal.viaLink
          ? []
          : detectFromRouteChange(adapter, signal.from, signal.to, { ...(signal.hasEmail !== undefined && { hasEmail: signal.hasEmail }) }).filter(
              (record) => !state.proven.has(record.recordId),
            );
        remember(state.seen, records);
        findings.records.push(...records);
        const missed = routeMiss(signal.from, signal.to, state.seen);
        if (missed) this.note(state, findings, missed, 'route');
        return;
      }
      case 'navigation': {
        findings.submitted = {
          pageUrl: signal.pageUrl,
          viaLink: signal.via === 'link',
          ...(signal.hasEmail !== undefined && { hasEmail: signal.hasEmail }),
          saves: readNavigation(adapter, signal),
        };
        return;
      }
      case 'probe': {
        if (!signal.url.startsWith(`${pageOrigin}/`)) return;
        // A rule that names the request decided already, counted or not.
        if ((adapter.network ?? []).some((rule) => ruleNamesRequest(rule, signal.method, signal.url))) return;
        this.note(state, findings, signal.url, 'request');
        return;
      }
    }
  }

  private note(state: PageState, findings: PageFindings, url: string, signal: MissedSignal): void {
    if (state.notesLeft <= 0) return;
    state.notesLeft -= 1;
    findings.missed.push({ url, signal });
  }

  private async restore(page: PageKey, adapterFor: () => Promise<AdapterInput | undefined>): Promise<PageState | undefined> {
    const adapter = await adapterFor();
    if (!adapter) return undefined;
    const state = freshState(adapter);
    const stored = (await this.store.get(memoryKey(page)).catch(() => ({}) as Record<string, unknown>))[memoryKey(page)];
    if (Array.isArray(stored)) {
      for (const entry of stored) {
        if (Array.isArray(entry) && typeof entry[0] === 'string' && typeof entry[1] === 'object' && entry[1] !== null) state.memory.set(entry[0], entry[1]);
      }
    }
    this.pages.set(page, state);
    return state;
  }
}

function freshState(adapter: AdapterInput): PageState {
  return { adapter, memory: new Map(), proven: new Set(), seen: new Set(), notesLeft: NOTES_PER_PAGE, awaiting: [] };
}

function remember(ids: Set<string>, records: DetectedRecord[]): void {
  for (const record of records) {
    if (ids.size >= MAX_IDS) ids.delete(ids.values().next().value!);
    ids.add(record.recordId);
  }
}

/** Signals about another site than the page's own are not the page's to send. */
function sameOrigin(signal: PageSignal, pageOrigin: string): boolean {
  const urls =
    signal.kind === 'route'
      ? [signal.from, signal.to]
      : signal.kind === 'exchange'
        ? [signal.pageUrl]
        : signal.kind === 'marker'
          ? [signal.url]
          : signal.kind === 'navigation'
            ? [signal.pageUrl, signal.url]
            : [];
  return urls.every((url) => originOf(url) === pageOrigin);
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** A generic create form left for the record page under its path, whose id no signal reported. */
function routeMiss(from: string, to: string, seen: Set<string>): string | undefined {
  let last: string;
  let next: URL;
  try {
    last = new URL(from).pathname;
    next = new URL(to);
  } catch {
    return undefined;
  }
  const form = CREATE_FORM.exec(last)?.[1];
  if (form === undefined || !next.pathname.startsWith(`${form}/`)) return undefined;
  const id = next.pathname.slice(form.length + 1);
  return NEW_ID.test(id) && !seen.has(id) ? next.href : undefined;
}
