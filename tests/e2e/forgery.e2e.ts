import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pipedrive } from '@/tests/fixtures/pipedrive/flows';
import { salesforce } from '@/tests/fixtures/salesforce/flows';
import { launchExtension, listEvents, serveFixtures, waitFor, type ExtensionSession } from './harness';
import { createPerson, personKey, PIPEDRIVE_LIST } from './lib/crm-creates';

/** What a forged create would look like to Pipedrive's rule: a new person with an email. */
const fakePerson = (id: number) => JSON.stringify({ success: true, data: { id, name: 'Fake', email: [{ value: 'f@example.com', primary: true }] } });
const SETTLE_MS = 1_200;

/**
 * Each attack runs as a page script on a granted CRM page, with no real create; a real create
 * made after it is the marker: once it is counted, anything the attack produced would be too.
 */
async function countedAfter(session: ExtensionSession, page: Page, attack: () => Promise<unknown>): Promise<string[]> {
  const before = new Set((await listEvents(session)).map((e) => e.key));
  await attack();
  const marker = personKey(await createPerson(page, Date.now() % 100000));
  await waitFor(async () => (await listEvents(session)).some((e) => e.key === marker), 10_000, 'the real create to be counted');
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  return (await listEvents(session)).map((e) => e.key).filter((key) => !before.has(key) && key !== marker);
}

describe('a page script cannot fake a count', () => {
  let session: ExtensionSession;
  let page: Page;
  beforeAll(async () => {
    session = await launchExtension();
    await serveFixtures(session.context, [pipedrive.fixtureSet, salesforce.fixtureSet]);
    // Another site that answers like Pipedrive, as a page could set one up.
    await session.context.route('https://elsewhere.example/**', (route) =>
      route.fulfill({ status: 201, contentType: 'application/json', headers: { 'access-control-allow-origin': '*' }, body: fakePerson(4243) }),
    );
  });
  afterAll(async () => {
    await session?.close();
  });

  async function freshPage(): Promise<Page> {
    await page?.close();
    page = await session.context.newPage();
    await page.goto(PIPEDRIVE_LIST);
    await page.waitForFunction(() => document.querySelector('[data-kpi-pacer-host]') !== null);
    return page;
  }

  it('ignores a POST to a data: URL whose path ends like a create endpoint', async () => {
    const p = await freshPage();
    const forged = await countedAfter(session, p, () =>
      p.evaluate((body) => fetch(`data:application/json;x=/api/v1/persons?,${encodeURIComponent(body)}`, { method: 'POST', body: '{}' }), fakePerson(4242)),
    );
    expect(forged).toEqual([]);
  });

  it('ignores a POST to another origin', async () => {
    const p = await freshPage();
    const forged = await countedAfter(session, p, () =>
      p.evaluate(() => fetch('https://elsewhere.example/api/v1/persons', { method: 'POST', body: '{"name":"x"}' }).then((r) => r.text())),
    );
    expect(forged).toEqual([]);
  });

  it('does not hand its port to a page that replaces MessagePort.prototype.postMessage', async () => {
    const p = await freshPage();
    const forged = await countedAfter(session, p, () =>
      p.evaluate(async (body) => {
        const native = MessagePort.prototype.postMessage;
        let stolen: MessagePort | undefined;
        MessagePort.prototype.postMessage = function (this: MessagePort, ...args: unknown[]) {
          stolen = this;
          return (native as (...a: unknown[]) => void).apply(this, args);
        };
        // A request the hook reads (a failed save) makes it post on its port.
        await fetch('/api/v1/persons', { method: 'POST', body: '{}' }).then((r) => r.text());
        await new Promise((r) => setTimeout(r, 300));
        stolen?.postMessage({ type: 'exchange', method: 'POST', url: `${location.origin}/api/v1/persons`, status: 201, requestBody: '{"name":"Fake"}', responseBody: body });
        return stolen !== undefined;
      }, fakePerson(4244)),
    );
    expect(forged).toEqual([]);
  });

  it('reads the real status and body when Response.prototype.clone and status are replaced', async () => {
    const p = await freshPage();
    const forged = await countedAfter(session, p, () =>
      p.evaluate(async (body) => {
        Object.defineProperty(Response.prototype, 'status', { get: () => 201, configurable: true });
        Response.prototype.clone = () => new Response(body, { headers: { 'content-type': 'application/json' } });
        // A save the server refuses (no name: HTTP 400).
        await fetch('/api/v1/persons', { method: 'POST', body: '{}' }).then((r) => r.text());
      }, fakePerson(4245)),
    );
    expect(forged).toEqual([]);
  });

  it('trusts no note a page writes into sessionStorage', async () => {
    const classic = await session.context.newPage();
    const before = new Set((await listEvents(session)).map((e) => e.key));
    await classic.goto('https://acme.my.salesforce.com/0Q0/e');
    await classic.waitForFunction(() => document.querySelector('[data-kpi-pacer-host]') !== null);
    // The note the content script used to leave there before a full-page form post.
    await classic.evaluate(() => {
      sessionStorage.setItem('kpi-pacer:pending-create', JSON.stringify({ url: location.href, at: Date.now(), hasEmail: true }));
      location.href = '/0Q05g0000077777';
    });
    await classic.waitForURL(/0Q05g0000077777$/);
    await classic.waitForFunction(() => document.querySelector('[data-kpi-pacer-host]') !== null);
    // A real create in the same page afterwards is the marker: the route watcher has run by then.
    const p = await freshPage();
    const forged = await countedAfter(session, p, async () => undefined);
    const added = (await listEvents(session)).map((e) => e.key).filter((key) => !before.has(key));
    expect(forged).toEqual([]);
    expect(added.filter((key) => key.startsWith('salesforce:'))).toEqual([]);
    await classic.close();
  });

  it('counts a real create addressed relative to <base href>', async () => {
    const p = await freshPage();
    const before = new Set((await listEvents(session)).map((e) => e.key));
    const id = await p.evaluate(async () => {
      const base = document.createElement('base');
      base.href = '/api/v1/';
      document.head.append(base);
      const response = await fetch('persons', { method: 'POST', body: JSON.stringify({ name: 'Based', email: [{ value: 'b@example.com', primary: true }] }) });
      return ((await response.json()) as { data: { id: number } }).data.id;
    });
    await waitFor(async () => (await listEvents(session)).some((e) => e.key === personKey(id)), 10_000, 'the create to be counted').catch(() => undefined);
    expect((await listEvents(session)).map((e) => e.key).filter((key) => !before.has(key))).toEqual([personKey(id)]);
  });

  it('wraps fetch and XMLHttpRequest so that toString() shows the native text', async () => {
    const p = await freshPage();
    const texts = await p.evaluate(() => ({
      fetch: fetch.toString(),
      open: XMLHttpRequest.prototype.open.toString(),
      send: Function.prototype.toString.call(XMLHttpRequest.prototype.send),
      toString: Function.prototype.toString.toString(),
      fetchLength: fetch.length,
      hasPrototype: 'prototype' in fetch,
    }));
    expect(texts).toEqual({
      fetch: 'function fetch() { [native code] }',
      open: 'function open() { [native code] }',
      send: 'function send() { [native code] }',
      toString: 'function toString() { [native code] }',
      fetchLength: 1,
      hasPrototype: false,
    });
  });
});
