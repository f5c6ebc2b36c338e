import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubspot } from '@/tests/fixtures/hubspot/flows';
import { launchExtension, listEvents, sendToBackground, serveFixtures, waitFor, type ExtensionSession } from './harness';
import { clickAndAwait, fillAll } from './lib/flows';

// A tenant's custom object (HubSpot 2-<n>) counts only once the rep maps it to a KPI.
const PRINTERS = 'https://app.hubspot.com/contacts/1234567/objects/2-1234/views/all/list';
const CREATE_PATH = /ObjectBuilderRpc\/createObjectAndAssociations$/;
const MAPPING = { adapter: 'hubspot', object: '2-1234', kpis: ['devices'] };

let session: ExtensionSession;

beforeAll(async () => {
  session = await launchExtension();
  await serveFixtures(session.context, hubspot.fixtureSet);
});

afterAll(async () => {
  await session?.close();
});

async function saveMappings(mappings: unknown[]) {
  const answer = await sendToBackground(session, { type: 'save-rules', rules: { mappings } });
  expect(answer).toMatchObject({ ok: true });
}

async function openPrinters(): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(PRINTERS);
  return page;
}

/** Creates one printer in the Create modal (URL unchanged) and returns its new id. */
async function createPrinter(page: Page, serial: string): Promise<string> {
  await page.getByTestId('create-record').click();
  await fillAll(page, { 'printer-serial': serial, 'printer-model': 'MFP 4020' });
  const response = await clickAndAwait(page, 'modal-create', 'POST', CREATE_PATH);
  return String(((await response.json()) as { data: { result: { crmObject: { objectId: number } } } }).data.result.crmObject.objectId);
}

const devices = () => listEvents(session, { kpi: 'devices' });
const settle = () => new Promise((r) => setTimeout(r, 1_500));

describe('mapping a custom object to a KPI', () => {
  it('an unmapped custom object counts toward nothing', async () => {
    const page = await openPrinters();
    await createPrinter(page, 'SN-0001');
    await settle();
    await page.close();
    expect(await listEvents(session)).toEqual([]);
  });

  it('mapped 2-1234 → devices, a printer created in the modal counts as a device, linked to its record page', async () => {
    await saveMappings([MAPPING]);
    // A page opened after the mapping: the content script starts with the mapped adapter.
    const page = await openPrinters();
    const id = await createPrinter(page, 'SN-0002');
    await waitFor(async () => (await devices()).length === 1, 10_000, 'the printer to count as a device');
    await page.close();
    const [event] = await devices();
    expect(event).toMatchObject({ kpi: 'devices', adapter: 'hubspot', kind: 'obj-2-1234', recordId: id, rule: 'hubspot-object-builder-create' });
    expect(event?.url).toBe(`https://app.hubspot.com/contacts/1234567/record/2-1234/${id}`);
    expect((await listEvents(session)).length).toBe(1);
  });

  it('a page opened before the mapping was saved counts too', async () => {
    await saveMappings([]);
    const page = await openPrinters();
    await saveMappings([MAPPING]);
    const id = await createPrinter(page, 'SN-0003');
    await waitFor(async () => (await devices()).some((e) => e.recordId === id), 10_000, 'the printer to count as a device');
    await page.close();
    expect((await devices()).length).toBe(2);
  });

  it('removing the mapping stops counting the object', async () => {
    await saveMappings([]);
    const page = await openPrinters();
    await createPrinter(page, 'SN-0004');
    await settle();
    await page.close();
    expect((await devices()).length).toBe(2);
  });
});
