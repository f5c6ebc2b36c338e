import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { FixtureSet } from './fixture-server';

/**
 * Dealers' own web apps (tests/fixtures/copyco-crm, printhaus-office, tonerline-app): three
 * shapes of save (REST JSON, JSON-RPC, GraphQL) behind the same forms, so one set of flows drives
 * them all. Each page keeps a status line, `[data-testid="app-status"]`, that it moves on only
 * once a save is fully handled (the answer read, the follow-up POST answered, the new URL shown):
 * `data-state` says what happened, `data-seq` counts the changes, `data-record` names the record.
 */

export interface OwnApp {
  /** Folder name under tests/fixtures and the prefix of recordings. */
  name: string;
  origin: string;
  fixtureSet: FixtureSet;
  /** The adapter a power user writes by hand for the app, exactly as pasted into Options. */
  adapterJson: string;
  /** Pages, as URLs on the app's origin. */
  urls: {
    newContact: string;
    newQuote: string;
    newOrder: string;
    /** A record's own page. */
    record: (kind: RecordKind, id: string) => string;
  };
}

export type RecordKind = 'contact' | 'quote' | 'order';

/**
 * Ways a rep's save is refused: an email the server rejects, or the required last name left empty
 * (a GraphQL app refuses the two differently: in the mutation's payload, and in top-level `errors`).
 */
export type FailureKind = 'invalid-email' | 'missing-name';

export interface ContactValues {
  firstName?: string;
  lastName: string;
  email?: string;
  phone?: string;
  company?: string;
}

export interface DocumentValues {
  title?: string;
  contactId: string;
  amount: string;
  currency: 'EUR' | 'USD' | 'GBP';
}

export interface SaveOutcome {
  state: string;
  record?: string;
}

/** Reads a fixture app's adapter file as text (what the rep pastes). */
export function adapterText(url: URL): string {
  return readFileSync(url, 'utf8');
}

const STATUS = '[data-testid="app-status"]';

async function statusSeq(page: Page): Promise<number> {
  return Number((await page.locator(STATUS).getAttribute('data-seq')) ?? 0);
}

/**
 * Opens a page of the app afresh and waits until its start-up reads are answered and the view is
 * drawn. Through a blank page, so a hash-only route of the app open now is loaded anew too.
 */
export async function openApp(page: Page, url: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(url);
  await page.locator(`${STATUS}[data-state="ready"]`).waitFor({ state: 'attached' });
}

/** Clicks a save button and waits for the page to finish handling that save. */
async function submit(page: Page, testId: string): Promise<SaveOutcome> {
  const seq = await statusSeq(page);
  await page.getByTestId(testId).click();
  const status = page.locator(`${STATUS}[data-seq="${seq + 1}"]`);
  await status.waitFor({ state: 'attached' });
  const state = (await status.getAttribute('data-state')) ?? '';
  const record = (await status.getAttribute('data-record')) ?? undefined;
  return record === undefined ? { state } : { state, record };
}

function expectState(outcome: SaveOutcome, state: string, what: string): string {
  if (outcome.state !== state || outcome.record === undefined) {
    throw new Error(`${what}: the page ended in "${outcome.state}" (record ${outcome.record ?? 'none'}), not "${state}"`);
  }
  return outcome.record;
}

async function fillContact(page: Page, values: ContactValues): Promise<void> {
  await page.getByTestId('contact-first-name').fill(values.firstName ?? '');
  await page.getByTestId('contact-last-name').fill(values.lastName);
  await page.getByTestId('contact-email').fill(values.email ?? '');
  await page.getByTestId('contact-phone').fill(values.phone ?? '');
  await page.getByTestId('contact-company').fill(values.company ?? '');
}

/**
 * Opens a view with the app's own link in its header, inside the page already open (no new
 * document), and waits until the view is drawn. What the page saw before stays in the same page,
 * so whatever it forwards to KPI Pacer arrives in the order it happened. A view already open
 * is kept as it is.
 */
async function openInPlace(page: Page, linkTestId: string, url: string): Promise<void> {
  // Already there (a hash link to the hash shown now would not even change the page).
  if (page.url() === url) return;
  const drawn = Number((await page.locator('#app').getAttribute('data-drawn')) ?? 0);
  await page.getByTestId(linkTestId).click();
  await page.locator(`#app[data-drawn="${drawn + 1}"]`).waitFor({ state: 'attached' });
  if (page.url() !== url) throw new Error(`the link ${linkTestId} opened ${page.url()}, not ${url}`);
}

export interface FlowOptions {
  /** Carry on in the page open now (through the app's own links) instead of loading the page anew. */
  inPlace?: boolean;
}

/** The rep's flows in one app: each opens the page it needs and resolves once the page is done. */
export interface OwnAppFlows {
  /** Creates a contact (with an email unless `values.email` is left out); resolves with its id. The page is left on the new record. */
  createContact(page: Page, values: ContactValues, options?: FlowOptions): Promise<string>;
  /** Changes fields of a contact on its page: an edit, never a create. In place, the page must show that contact. */
  editContact(page: Page, id: string, changes: Partial<ContactValues>, options?: FlowOptions): Promise<void>;
  /** A save the server refuses; the page stays on the form with what was typed. */
  failedSave(page: Page, how?: FailureKind, options?: FlowOptions): Promise<void>;
  /** Corrects the form a failed save left (a valid email, the last name) and saves it; resolves with the new id. */
  saveCorrected(page: Page, values: ContactValues): Promise<string>;
  /** Creates a quote or an order for a contact; resolves with its id. */
  createDocument(page: Page, kind: 'quote' | 'order', values: DocumentValues, options?: FlowOptions): Promise<string>;
}

const FIELD_IDS: Record<keyof ContactValues, string> = {
  firstName: 'contact-first-name',
  lastName: 'contact-last-name',
  email: 'contact-email',
  phone: 'contact-phone',
  company: 'contact-company',
};

export function ownAppFlows(app: OwnApp): OwnAppFlows {
  const open = (page: Page, url: string, linkTestId: string, options: FlowOptions = {}) => (options.inPlace ? openInPlace(page, linkTestId, url) : openApp(page, url));
  return {
    async createContact(page, values, options) {
      await open(page, app.urls.newContact, 'nav-new-contact', options);
      await fillContact(page, values);
      return expectState(await submit(page, 'contact-save'), 'created', `${app.name}: create contact`);
    },
    async editContact(page, id, changes, options = {}) {
      if (!options.inPlace) await openApp(page, app.urls.record('contact', id));
      else if (page.url() !== app.urls.record('contact', id)) throw new Error(`${app.name}: the page shows ${page.url()}, not contact ${id}`);
      for (const [field, value] of Object.entries(changes)) await page.getByTestId(FIELD_IDS[field as keyof ContactValues]).fill(value ?? '');
      expectState(await submit(page, 'contact-save'), 'updated', `${app.name}: edit contact ${id}`);
    },
    async failedSave(page, how = 'invalid-email', options) {
      await open(page, app.urls.newContact, 'nav-new-contact', options);
      await fillContact(page, how === 'invalid-email' ? { firstName: 'Nora', lastName: 'Typo', email: 'nora.typo(at)example' } : { firstName: 'Nora', lastName: '', email: 'nora@example.com' });
      const outcome = await submit(page, 'contact-save');
      if (outcome.state !== 'failed') throw new Error(`${app.name}: the save meant to fail ended in "${outcome.state}"`);
    },
    async saveCorrected(page, values) {
      await fillContact(page, values);
      return expectState(await submit(page, 'contact-save'), 'created', `${app.name}: save the corrected contact`);
    },
    async createDocument(page, kind, values, options) {
      await open(page, kind === 'quote' ? app.urls.newQuote : app.urls.newOrder, kind === 'quote' ? 'nav-new-quote' : 'nav-new-order', options);
      await page.getByTestId('doc-title').fill(values.title ?? `${kind} for ${values.contactId}`);
      await page.getByTestId('doc-contact').fill(values.contactId);
      await page.getByTestId('doc-amount').fill(values.amount);
      await page.getByTestId('doc-currency').selectOption(values.currency);
      return expectState(await submit(page, 'doc-save'), `${kind}-created`, `${app.name}: create ${kind}`);
    },
  };
}
