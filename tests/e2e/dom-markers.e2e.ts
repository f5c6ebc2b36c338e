import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { salesforce } from '@/tests/fixtures/salesforce/flows';
import { launchExtension, listEvents, serveFixtures, waitFor, type ExtensionSession } from './harness';

// Salesforce's success toast counts only while a create form is open, so the marker watcher is
// connected only then: on other pages it costs nothing, and it comes back with a create form.
const LIGHTNING = 'https://acme.lightning.force.com';
const QUOTE_ID = '0Q05g0000000042AAA';

let session: ExtensionSession;

beforeAll(async () => {
  session = await launchExtension();
  await serveFixtures(session.context, salesforce.fixtureSet);
});

afterAll(async () => {
  await session?.close();
});

/** A success toast as Lightning renders it: a queue holding the toast, whose link names the record. */
function showToast(page: Page, href: string) {
  return page.evaluate((link) => {
    const queue = document.createElement('div');
    queue.className = 'forceVisualMessageQueue';
    const toast = document.createElement('div');
    toast.className = 'forceToastMessage toast';
    toast.dataset.key = 'success';
    const anchor = document.createElement('a');
    anchor.href = link;
    anchor.textContent = 'Quote';
    toast.append(anchor);
    queue.append(toast);
    document.body.append(queue);
  }, href);
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('success markers', () => {
  it('ignore a toast on a record page, then count one once a create form opens in the same page', async () => {
    const page = await session.context.newPage();
    await page.goto(`${LIGHTNING}/lightning/r/Account/0015g00000000001AAA/view`);
    await showToast(page, `/lightning/r/Quote/${QUOTE_ID}/view`);
    await pause(1_500);
    expect(await listEvents(session)).toEqual([]);

    // The create modal opens without a page load.
    await page.evaluate(() => history.pushState({}, '', '/lightning/o/Quote/new?count=1'));
    // Location changes are polled about once a second.
    await pause(1_500);
    await showToast(page, `/lightning/r/Quote/${QUOTE_ID}/view`);
    await waitFor(async () => (await listEvents(session, { kpi: 'equotes' })).length === 1, 5_000, 'the toast to count the quote');
    const [event] = await listEvents(session, { kpi: 'equotes' });
    expect(event).toMatchObject({ recordId: QUOTE_ID, rule: 'salesforce-toast-created', url: `${LIGHTNING}/lightning/r/Quote/${QUOTE_ID}/view` });
    await page.close();
  });
});
