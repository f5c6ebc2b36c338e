import type { AdapterInput } from '@/lib/crm/adapter-schema';
import { PageSignalSchema } from '@/lib/crm/page-signals';
import { z } from 'zod';
import { checkEdit, proposeRule, type EditCheck, type TaughtExchange, type TeachBase, type TeachIntent, type TeachProposal } from '@/lib/teach';
import { MAX_LANDING_LINKS } from '@/lib/teach/landing-links';
import { sentBackUnnamed } from '@/lib/teach/marker';

/**
 * One teaching session per tab. While its window is open the tab's hook reads every request with
 * a body on the page's own origin (and the adapter's API hosts), and the page forwards every native
 * form it submits there and every link the rep follows there (a confirmation may be the lesson), whose
 * landing page the tab's next page names; what arrives is kept here, in the
 * worker's memory only — never in the database — capped in count and size, and dropped when the
 * window closes, times out, or the tab goes.
 */

export type TeachStep = 'create' | 'edit';

/** How long a window stays open without a save. */
export const TEACH_WINDOW_MS = 5 * 60 * 1000;
/** After the save's answer, how long to wait for what follows it (the record page opening, a note). */
export const SETTLE_MS = 1_500;
const MAX_EXCHANGES = 300;
const MAX_CHARS = 4_000_000;
const MAX_ROUTES = 100;
/** A submission whose next page takes longer than this to ask for its plan went nowhere we can see. */
const FORM_LANDING_MS = 60_000;

interface Session {
  step: TeachStep;
  intent: TeachIntent;
  base: TeachBase;
  pageOrigin: string;
  pageUrl: string;
  endsAt: number;
  exchanges: TaughtExchange[];
  routes: Array<{ from: string; to: string; at: number }>;
  chars: number;
  /** Set once the create step found the save. */
  proposal?: TeachProposal;
  /**
   * A native form the tab's page submitted (its fields, capped by the signal's schema), waiting
   * for the next page of the tab to say where the browser landed.
   */
  submitted?: { method: 'GET' | 'POST'; url: string; body: string; pageUrl: string; at: number };
  /** The rep saved the proposal. */
  saved?: boolean;
  check?: EditCheck;
}

export type TeachState =
  | { state: 'none' }
  /** `confirm`: the lesson waits for the record's confirmation after its save. */
  | { state: 'waiting'; step: TeachStep; seen: number; endsAt: number; confirm?: true; hint?: 'no-record-named' }
  | { state: 'expired'; step: TeachStep }
  | { state: 'proposal'; proposal: TeachProposal }
  | { state: 'saved'; proposal: TeachProposal }
  /** `fresh`: the verdict was reached by this check (a narrowed rule is saved once). */
  | { state: 'edit-checked'; check: EditCheck; proposal: TeachProposal; fresh?: true };

export class TeachSessions {
  private readonly sessions = new Map<number, Session>();

  /** Opens the create step's window. Any earlier session of the tab is dropped. */
  start(tabId: number, intent: TeachIntent, base: TeachBase, pageUrl: string, now: number): number {
    const endsAt = now + TEACH_WINDOW_MS;
    this.sessions.set(tabId, { step: 'create', intent, base, pageOrigin: new URL(pageUrl).origin, pageUrl, endsAt, exchanges: [], routes: [], chars: 0 });
    return endsAt;
  }

  /** The page the session started on. */
  pageUrl(tabId: number): string | undefined {
    return this.sessions.get(tabId)?.pageUrl;
  }

  /** Opens the edit step's window, after a proposal; false when there is none. */
  startEdit(tabId: number, now: number): number | undefined {
    const session = this.sessions.get(tabId);
    if (!session?.proposal) return undefined;
    Object.assign(session, { step: 'edit' as const, endsAt: now + TEACH_WINDOW_MS, exchanges: [], routes: [], chars: 0 });
    delete session.submitted;
    delete session.check;
    return session.endsAt;
  }

  isOpen(tabId: number, now: number): boolean {
    const session = this.sessions.get(tabId);
    return session !== undefined && now <= session.endsAt && this.waiting(session);
  }

  private waiting(session: Session): boolean {
    return session.step === 'create' ? !session.proposal : !session.check;
  }

  /** What a tab's page forwarded, taken while its window is open; each signal checked again. */
  take(tabId: number, signals: readonly unknown[], now: number): void {
    const session = this.sessions.get(tabId);
    if (!session || now > session.endsAt || !this.waiting(session)) return;
    for (const raw of signals) {
      const parsed = PageSignalSchema.safeParse(raw);
      if (!parsed.success) continue;
      const signal = parsed.data;
      if (signal.kind === 'route') {
        if (session.routes.length < MAX_ROUTES && originOf(signal.to) === session.pageOrigin) session.routes.push({ from: signal.from, to: signal.to, at: now });
        continue;
      }
      if (signal.kind === 'navigation') {
        // A form POST may be a save, a followed link a confirmation (`?action=confirm_validate`);
        // a GET form is a search or a filter.
        const own = originOf(signal.url) === session.pageOrigin && originOf(signal.pageUrl) === session.pageOrigin;
        const save = signal.via === 'form' && signal.method === 'POST';
        const link = signal.via === 'link' && signal.method === 'GET';
        if (own && (save || link)) session.submitted = { method: signal.method, url: signal.url, body: save ? (signal.body ?? '') : '', pageUrl: signal.pageUrl, at: now };
        continue;
      }
      if (signal.kind !== 'exchange' || originOf(signal.pageUrl) !== session.pageOrigin) continue;
      const size = (signal.exchange.requestBody?.length ?? 0) + (signal.exchange.responseBody?.length ?? 0) + signal.exchange.url.length;
      const before = signal.pageUrlBefore !== undefined && originOf(signal.pageUrlBefore) === session.pageOrigin ? signal.pageUrlBefore : signal.pageUrl;
      this.keep(session, { ...signal.exchange, at: now, pageUrlBefore: before, pageUrlAfter: signal.pageUrl }, size);
    }
  }

  /**
   * The next page of the tab loaded (it asked for its plan): a form the page before submitted
   * becomes one exchange of the window — its fields as the request, this page as where it
   * landed, and whether the browser was redirected here (a failed save is shown again without).
   */
  landed(tabId: number, landingUrl: string, redirected: boolean, now: number): boolean {
    const session = this.sessions.get(tabId);
    const submitted = session?.submitted;
    if (!session || !submitted) return false;
    delete session.submitted;
    if (now > session.endsAt || !this.waiting(session) || now - submitted.at > FORM_LANDING_MS || originOf(landingUrl) !== session.pageOrigin) return false;
    const exchange: TaughtExchange = {
      method: submitted.method,
      url: submitted.url,
      status: 200,
      ...(submitted.method === 'POST' && { requestBody: submitted.body }),
      at: now,
      pageUrlBefore: submitted.pageUrl,
      pageUrlAfter: landingUrl,
      navigation: { redirected },
    };
    this.keep(session, exchange, submitted.body.length + submitted.url.length);
    // A save the browser was sent on from, to a page whose address may name no new record: the
    // links of that page are worth a look (see landingLinks).
    return session.step === 'create' && session.exchanges.at(-1) === exchange && sentBackUnnamed(exchange, fieldsOf(submitted.body));
  }

  /**
   * What the page a lesson's save landed on links to (tag, classes and role around each same-site
   * link with a number, never text), looked at because its address named no new record: the
   * message there may name it. Checked again here, kept with the lesson's exchange only.
   */
  landingLinks(tabId: number, landingUrl: string, read: unknown): void {
    const session = this.sessions.get(tabId);
    const exchange = session?.exchanges.findLast((e) => e.navigation && e.pageUrlAfter === landingUrl && e.method === 'POST');
    if (!exchange || exchange.landingLinks) return;
    const parsed = LandingReadSchema.safeParse(read);
    // Read from another page (the rep moved on first), or not at all: nothing names the record.
    exchange.landingLinks = parsed.success && parsed.data.url === landingUrl ? parsed.data.links : [];
  }

  private keep(session: Session, exchange: TaughtExchange, size: number): void {
    if (session.exchanges.length >= MAX_EXCHANGES || session.chars + size > MAX_CHARS) return;
    session.chars += size;
    session.exchanges.push(exchange);
  }

  /**
   * Where the tab's session stands. The create step turns into a proposal once a save is found
   * and what follows it had time to arrive; the edit step into a verdict once an edit of the
   * taught record (a request naming its id) or any other save came back.
   */
  check(tabId: number, now: number): TeachState {
    const session = this.sessions.get(tabId);
    if (!session) return { state: 'none' };
    // A lesson left open (the rep never said Done) goes with what it kept of the save.
    if (now > session.endsAt + TEACH_WINDOW_MS) {
      this.sessions.delete(tabId);
      return { state: 'none' };
    }
    if (session.proposal && session.check) return { state: 'edit-checked', check: session.check, proposal: session.proposal };
    if (session.step === 'create' && session.proposal) return { state: session.saved ? 'saved' : 'proposal', proposal: session.proposal };
    if (now > session.endsAt) {
      this.sessions.delete(tabId);
      return { state: 'expired', step: session.step };
    }
    const window = this.window(session);
    if (session.step === 'create') {
      const outcome = proposeRule(window, session.intent, session.base);
      if (outcome.ok && now - outcome.proposal.candidate.exchange.at >= SETTLE_MS) {
        session.proposal = outcome.proposal;
        this.dropWindow(session);
        return { state: 'proposal', proposal: outcome.proposal };
      }
      // The rep is told at once why this save cannot be learned; the window stays open for another.
      if (!outcome.ok && outcome.reason === 'no-record-named') {
        return { state: 'waiting', step: session.step, seen: session.exchanges.length, endsAt: session.endsAt, hint: 'no-record-named' };
      }
    } else if (session.proposal) {
      // A followed link (opening the record, its edit form) is not the edit itself.
      const saves = window.filter((e) => e.status >= 200 && e.status < 300 && !(e.navigation && e.method === 'GET'));
      const last = saves.at(-1);
      if (last && now - last.at >= SETTLE_MS && saves.some((e) => namesRecord(e, session.proposal!.record.recordId))) {
        session.check = checkEdit(session.proposal, window);
        this.dropWindow(session);
        return { state: 'edit-checked', check: session.check, proposal: session.proposal, fresh: true };
      }
    }
    return { state: 'waiting', step: session.step, seen: session.exchanges.length, endsAt: session.endsAt, ...(session.step === 'create' && session.intent.confirm && { confirm: true as const }) };
  }

  /** The adapter to save: the narrowed one after an edit check, else the proposal's. */
  adapterToSave(tabId: number): AdapterInput | undefined {
    const session = this.sessions.get(tabId);
    return session?.check?.adapter ?? session?.proposal?.adapter;
  }

  /** The rep saved what was proposed (a view opened later shows that step, not the proposal again). */
  markSaved(tabId: number): void {
    const session = this.sessions.get(tabId);
    if (session) session.saved = true;
  }

  /** Ends the tab's session (cancelled, done, or the tab closed). */
  forget(tabId: number): void {
    this.sessions.delete(tabId);
  }

  /** Exchanges with the address the page moved to after each (route changes arrive a moment later). */
  private window(session: Session): TaughtExchange[] {
    return session.exchanges.map((exchange) => {
      const moved = session.routes.find((route) => route.from === exchange.pageUrlAfter && route.at >= exchange.at);
      return moved ? { ...exchange, pageUrlAfter: moved.to } : exchange;
    });
  }

  private dropWindow(session: Session): void {
    session.exchanges = [];
    session.routes = [];
    session.chars = 0;
    delete session.submitted;
  }
}

const LandingElementSchema = z.object({
  tag: z.string().max(20),
  classes: z.array(z.string().max(40)).max(6),
  role: z.string().max(20).optional(),
  live: z.boolean().optional(),
});
const LandingReadSchema = z.object({
  url: z.string().max(4096),
  links: z.array(z.object({ href: z.string().max(500), anchor: LandingElementSchema, holders: z.array(LandingElementSchema).max(4) })).max(MAX_LANDING_LINKS),
});

function fieldsOf(body: string): Record<string, string> {
  try {
    return Object.fromEntries(new URLSearchParams(body));
  } catch {
    return {};
  }
}

function namesRecord(exchange: TaughtExchange, id: string): boolean {
  const token = new RegExp(`(^|[^\\w-])${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\w-])`);
  return token.test(exchange.url) || token.test(exchange.requestBody ?? '');
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}
