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
    contact: (id: string) => string;
    newQuote: string;
    newOrder: string;
  };
}

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

/** The rep's flows in one app: each opens the page it needs and resolves once the page is done. */
export interface OwnAppFlows {
  /** Creates a contact (with an email unless `values.email` is left out); resolves with its id. The page is left on the new record. */
  createContact(page: Page, values: ContactValues): Promise<string>;
  /** Opens the contact's page and changes its phone number: an edit, never a create. */
  editContact(page: Page, id: string, phone: string): Promise<void>;
  /** A save the server refuses; the page stays on the form. */
  failedSave(page: Page, how?: FailureKind): Promise<void>;
  /** Creates a quote or an order for a contact; resolves with its id. */
  createDocument(page: Page, kind: 'quote' | 'order', values: DocumentValues): Promise<string>;
}

export function ownAppFlows(app: OwnApp): OwnAppFlows {
  return {
    async createContact(page, values) {
      await openApp(page, app.urls.newContact);
      await fillContact(page, values);
      return expectState(await submit(page, 'contact-save'), 'created', `${app.name}: create contact`);
    },
    async editContact(page, id, phone) {
      await openApp(page, app.urls.contact(id));
      await page.getByTestId('contact-phone').fill(phone);
      expectState(await submit(page, 'contact-save'), 'updated', `${app.name}: edit contact ${id}`);
    },
    async failedSave(page, how = 'invalid-email') {
      await openApp(page, app.urls.newContact);
      await fillContact(page, how === 'invalid-email' ? { firstName: 'Nora', lastName: 'Typo', email: 'nora.typo(at)example' } : { firstName: 'Nora', lastName: '', email: 'nora@example.com' });
      const outcome = await submit(page, 'contact-save');
      if (outcome.state !== 'failed') throw new Error(`${app.name}: the save meant to fail ended in "${outcome.state}"`);
    },
    async createDocument(page, kind, values) {
      await openApp(page, kind === 'quote' ? app.urls.newQuote : app.urls.newOrder);
      await page.getByTestId('doc-title').fill(values.title ?? `${kind} for ${values.contactId}`);
      await page.getByTestId('doc-contact').fill(values.contactId);
      await page.getByTestId('doc-amount').fill(values.amount);
      await page.getByTestId('doc-currency').selectOption(values.currency);
      return expectState(await submit(page, 'doc-save'), `${kind}-created`, `${app.name}: create ${kind}`);
    },
  };
}
