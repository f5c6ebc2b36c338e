import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adapterIdFor } from '@/lib/teach/propose';
import { copyco, copycoFlows } from '@/tests/fixtures/copyco-crm/flows';
import { printhaus, printhausFlows } from '@/tests/fixtures/printhaus-office/flows';
import { extensionPage, launchExtension, listEvents, serveFixtures, waitFor, type ExtensionSession } from './harness';
import { openApp, type OwnApp, type OwnAppFlows } from './lib/own-apps';

/**
 * Teach mode in real Chromium, on dealers' own web apps no adapter knows: the rep adds the app in
 * Options, picks its tab, says "a contact with this email", saves one contact in the app, reads
 * the proposal and saves it; then the next contact is counted, and an edit, a failed save and a
 * contact without email are not. A headless browser cannot click a permission prompt, so this
 * suite builds a variant whose manifest already holds the apps' origins (as sites.e2e.ts does).
 */
const TEST_BUILD = resolve('.output-teach');
const EXTENSION_DIR = join(TEST_BUILD, 'chrome-mv3');
const APPS: Array<{ app: OwnApp; flows: OwnAppFlows }> = [
  { app: copyco, flows: copycoFlows },
  { app: printhaus, flows: printhausFlows },
];
const DETECTION_TIMEOUT_MS = 10_000;

let profileDir: string;
let session: ExtensionSession;
let options: Page;
const timings: Record<string, number> = {};

beforeAll(async () => {
  execFileSync('npx', ['wxt', 'build'], {
    env: { ...process.env, KPI_OUT_DIR: TEST_BUILD, KPI_TEST_HOSTS: APPS.map(({ app }) => `${app.origin}/*`).join(',') },
    stdio: 'pipe',
  });
  profileDir = await mkdtemp(join(tmpdir(), 'kpi-e2e-teach-'));
  session = await launchExtension({ extensionDir: EXTENSION_DIR, profileDir });
  await serveFixtures(session.context, APPS.map(({ app }) => app.fixtureSet));
  options = await session.context.newPage();
  await options.goto(`chrome-extension://${session.extensionId}/options.html#section-teach`);
  await options.getByTestId('section-teach').waitFor();
}, 240_000);

afterAll(async () => {
  // Timings are reported, never asserted (see npm run bench for budgets).
  if (Object.keys(timings).length > 0) {
    await mkdir('test-results', { recursive: true });
    await writeFile('test-results/teach-timings.json', `${JSON.stringify(timings, null, 2)}\n`);
    console.log('Teach → saved rule (ms):', timings);
  }
  await session?.close();
  if (profileDir) await rm(profileDir, { recursive: true, force: true });
});

async function tabIdOf(origin: string): Promise<number> {
  const page = await extensionPage(session);
  const id = await page.evaluate(async (pattern) => (await chrome.tabs.query({ url: pattern }))[0]?.id, `${origin}/*`);
  if (id === undefined) throw new Error(`no tab on ${origin}`);
  return id;
}

const contactsOf = async (adapter: string) => (await listEvents(session, { kpi: 'contacts' })).filter((event) => event.adapter === adapter);

async function waitCounted(adapter: string, recordId: string): Promise<void> {
  await waitFor(async () => (await contactsOf(adapter)).some((event) => event.recordId === recordId), DETECTION_TIMEOUT_MS, `contact ${recordId} counted`);
}

const flow = () => options.getByTestId('teach-flow');

describe.each(APPS)('teaching $app.name', ({ app, flows }) => {
  const adapterId = adapterIdFor(new URL(app.origin).hostname);
  let appPage: Page;
  let taughtId: string;

  it('the rep adds the app, teaches it one contact and saves what KPI Pacer proposes', async () => {
    appPage = await session.context.newPage();
    await openApp(appPage, app.urls.newContact);
    // A new app: Options asks for its origin and reloads its tab, now read by KPI Pacer.
    await options.getByTestId('teach-new-domain').fill(app.origin);
    await options.getByTestId('teach-new-add').click();
    await options.getByTestId('teach-new-added').waitFor();
    await openApp(appPage, app.urls.newContact);
    const tabId = await tabIdOf(app.origin);
    await options.locator(`[data-testid="teach-tab"] option[value="${tabId}"]`).waitFor({ state: 'attached' });
    await options.getByTestId('teach-tab').selectOption(String(tabId));

    const started = Date.now();
    await options.getByTestId('teach-open').click();
    await options.getByTestId('teach-kind-contact').check();
    await options.getByTestId('teach-email').fill('ada.teach@copy.example');
    await options.getByTestId('teach-start').click();
    await options.getByTestId('teach-waiting').waitFor();

    taughtId = await flows.createContact(appPage, { firstName: 'Ada', lastName: 'Teach', email: 'ada.teach@copy.example', phone: '+49 30 1234' });
    await flow().and(options.locator('[data-step="proposal"]')).waitFor();
    const sentence = await options.getByTestId('teach-sentence').textContent();
    expect(sentence).toContain(`KPI Pacer will count a new contact #${taughtId}`);
    expect(await options.getByTestId('teach-record').textContent()).toContain('New contacts with email +1');
    const proposed = JSON.parse((await options.getByTestId('teach-rule').textContent()) ?? '{}') as { rule: Record<string, unknown>; recordPage?: Record<string, unknown> };
    await options.getByTestId('teach-save').click();
    await flow().and(options.locator('[data-step="saved"]')).waitFor();
    timings[app.name] = Date.now() - started;
    console.log(`${app.name}: proposed ${JSON.stringify(proposed, null, 2)}`);

    // The shape of what was learned, app by app.
    expect(proposed.rule).toMatchObject({ id: 'taught-contact', methods: ['POST'], kind: 'contact' });
    if (app === copyco) {
      expect(proposed.rule).toMatchObject({
        url: '^https://[^/?#]+/api/v1/contacts/?(?:[?#]|$)',
        format: 'json',
        read: { recordId: [{ from: 'response', path: 'data.id' }], email: [{ from: 'request', path: 'contact.email' }, { from: 'response', path: 'data.email' }] },
      });
      expect(proposed.rule.when).toBeUndefined();
      expect(proposed.recordPage).toMatchObject({ path: '^/contacts/(?<id>\\d{1,18})/?$', recordUrl: ['/contacts/{id}'] });
    } else {
      expect(proposed.rule).toMatchObject({ url: '^https://[^/?#]+/rpc/?(?:[?#]|$)', format: 'jsonrpc', when: [{ from: 'request', op: 'eq' }] });
      expect(proposed.recordPage).toMatchObject({ hash: expect.stringContaining('(?<id>') });
    }
  });

  it('the optional edit check: editing that record once', async () => {
    await options.getByTestId('teach-edit-check').click();
    await options.getByTestId('teach-waiting').waitFor();
    await flows.editContact(appPage, taughtId, '+49 30 9999');
    const verdict = options.getByTestId('teach-verdict');
    await verdict.waitFor();
    expect(['ignored', 'tightened']).toContain(await verdict.getAttribute('data-verdict'));
    await options.getByTestId('teach-done').click();
  });

  it('after teaching, the next contact counts; an edit, a failed save and a contact without email do not', async () => {
    const next = await flows.createContact(appPage, { firstName: 'Ben', lastName: 'Next', email: 'ben.next@copy.example' });
    await waitCounted(adapterId, next);
    await flows.editContact(appPage, next, '+49 30 5555');
    await flows.failedSave(appPage, 'invalid-email');
    const withoutEmail = await flows.createContact(appPage, { firstName: 'Cy', lastName: 'NoMail' });
    // A last contact, counted: everything the page sent before it was read by then.
    const last = await flows.createContact(appPage, { firstName: 'Di', lastName: 'Last', email: 'di.last@copy.example' });
    await waitCounted(adapterId, last);
    const counted = (await contactsOf(adapterId)).map((event) => event.recordId).sort();
    expect(counted).toEqual([next, last].sort());
    expect(counted).not.toContain(withoutEmail);
    expect(counted).not.toContain(taughtId);
  });
});
