import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdapterInput } from '@/lib/crm/adapter-schema';
import { adapterById } from '@/lib/crm/adapters';
import { matchRoutes } from '@/lib/crm/engine';
import type { CountEvent, HealthRow } from '@/lib/db/events';
import { DB_NAME } from '@/lib/db/database';
import { FIXTURES } from '@/tests/fixtures';
import { hubspot } from '@/tests/fixtures/hubspot/flows';
import { launchExtension, listEvents, restartServiceWorker, serveFixtures, waitFor, type ExtensionSession } from './harness';
import { describeAdded, formatResultsTable, fullExpectation, tallyNewEvents, totalOf, type FlowResult, type KpiCounts, type Tally } from './lib/flows';

/** How long detection may take to reach the background before a flow counts as missed. */
const DETECTION_TIMEOUT_MS = 5_000;
/** Quiet time after the expected events arrived (or for flows that expect none) to catch extras. */
const SETTLE_MS = 1_200;

/**
 * Waits until the events a flow expects have arrived, then a little longer so extra events show
 * too, and tallies everything counted since `before`.
 */
async function settle(session: ExtensionSession, before: CountEvent[], expected: KpiCounts): Promise<Tally> {
  const wanted = totalOf(expected);
  if (wanted > 0) {
    await waitFor(async () => totalOf(tallyNewEvents(before, await listEvents(session)).counts) >= wanted, DETECTION_TIMEOUT_MS, 'detection').catch(() => undefined);
  }
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  return tallyNewEvents(before, await listEvents(session));
}

const NOTHING = fullExpectation({});

/**
 * Shipped rules that never report a record themselves, and why. Every other rule of a shipped
 * adapter must report one in its fixture's flows, so a rule no flow exercises cannot ship unseen.
 */
const REPORTS_NO_RECORD: Record<string, string> = {
  'odoo-order-read': 'observe-only: remembers an order’s amount, currency and customer for odoo-order-confirm (the revenue flows check those amounts)',
};

/** A create form's route only backs up the save request, which every fixture flow sends and which wins. */
const BACKUP_ROUTE = 'create-form route: the page drops its guess when the save request reports the record, as it does in every flow; engine-routes.test.ts';

/**
 * Rules no fixture flow fires yet, each with where it is tested instead. The list must stay
 * exact: a rule that starts firing in a flow has to leave it.
 */
const NOT_IN_A_FLOW: Record<string, string> = {
  'hubspot-api-create': 'public REST API (/crm/v3/objects), which the web app does not call; engine-network.test.ts, record-url.test.ts',
  'salesforce-new': BACKUP_ROUTE,
  'salesforce-rest-create': 'public REST API (/services/data/…/sobjects), which Lightning does not call; engine-network.test.ts, record-url.test.ts',
  'zoho-create': BACKUP_ROUTE,
  'dynamics-new': BACKUP_ROUTE,
  'odoo-new': BACKUP_ROUTE,
  'odoo-legacy-new': `Odoo 16.0 ${BACKUP_ROUTE}`,
  'odoo-web-save-company-flag': 'Odoo 17.0 shape; the fixture replays Odoo 18.0; engine-network.test.ts',
  'odoo-legacy-create': 'Odoo 16.0 shape; the fixture replays Odoo 18.0; engine-network.test.ts',
};

/** Every rule id of an adapter, with what kind of rule it is. */
function rulesOf(adapter: AdapterInput): Array<{ id: string; recordRoute: boolean }> {
  return [
    ...(adapter.routes ?? []).map((r) => ({ id: r.id, recordRoute: r.type === 'record' })),
    ...(adapter.network ?? []).map((r) => ({ id: r.id, recordRoute: false })),
    ...(adapter.dom ?? []).map((r) => ({ id: r.id, recordRoute: false })),
  ];
}

/**
 * The rules the background was told matched (its health table, read in the service worker):
 * also those whose records count nothing by themselves, such as a company (an account).
 */
async function rulesMatched(session: ExtensionSession, adapter: string): Promise<string[]> {
  const rows = await session.serviceWorker.evaluate(
    (name) =>
      new Promise<HealthRow[]>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('health').objectStore('health').getAll();
          request.onerror = () => reject(request.error);
          request.onsuccess = () => {
            open.result.close();
            resolve(request.result as HealthRow[]);
          };
        };
      }),
    DB_NAME,
  );
  return rows.filter((row) => row.adapter === adapter).map((row) => row.rule);
}

// Each adapter's flows run one after another in one browser; every flow is judged by the events
// it added. A flow's tail (client retry, re-render, toast again) then must add nothing.
describe.each(FIXTURES.map((f) => [f.fixtureSet.name, f] as const))('detection in %s', (adapter, fixture) => {
  let session: ExtensionSession;
  const results: FlowResult[] = [];
  const openPages = new Map<string, Page>();
  /** Every event the flows counted: its rule, and its record link (which a record route built). */
  const counted: CountEvent[] = [];

  beforeAll(async () => {
    session = await launchExtension();
    await serveFixtures(session.context, fixture.fixtureSet);
  });

  afterAll(async () => {
    console.log(`\n${formatResultsTable(`Detection: ${adapter}`, results)}\n`);
    await session?.close();
  });

  // The page a flow leaves open for the next one when that flow carries on there.
  let carried: Page | undefined;
  fixture.flows.forEach((flow, index) => {
    const nextContinues = fixture.flows[index + 1]?.continues === true;
    it(flow.name, async () => {
      const before = await listEvents(session);
      const kept = carried;
      carried = undefined;
      if (kept && !flow.continues) await kept.close();
      const page = flow.continues && kept ? kept : await session.context.newPage();
      await flow.run(page);
      const tally = await settle(session, before, flow.expect);
      counted.push(...tally.added);
      results.push({ flow: flow.name, expected: fullExpectation(flow.expect), counted: tally.counts });
      if (nextContinues) carried = page;
      if (flow.tail) openPages.set(flow.name, page);
      else if (!nextContinues) await page.close();

      expect(tally.counts, describeAdded(tally)).toEqual(fullExpectation(flow.expect));
      if (flow.expectRevenue) {
        expect({ amount: tally.revenue.amount, currency: tally.revenue.currency, mixed: tally.revenue.mixed }).toEqual({ ...flow.expectRevenue, mixed: false });
      }
    });

    if (flow.tail) {
      it(`${flow.name}: repeating its end adds nothing`, async () => {
        const page = openPages.get(flow.name);
        expect(page, 'the flow left its page open').toBeDefined();
        const before = await listEvents(session);
        await flow.tail!(page!);
        const tally = await settle(session, before, {});
        if (!nextContinues) await page!.close();
        expect(tally.counts, describeAdded(tally)).toEqual(NOTHING);
      });
    }
  });

  it('every rule of the adapter fires in one of these flows', async () => {
    const shipped = adapterById(adapter);
    expect(shipped, `a shipped adapter "${adapter}"`).toBeDefined();
    const seen = new Set([...counted.map((e) => e.rule), ...(await rulesMatched(session, adapter))]);
    // A record route reports no record: it names the record a create form led to and builds its link.
    const linkedBy = new Set(counted.flatMap((e) => (e.url ? matchRoutes(shipped!, e.url).map((m) => m.route.id) : [])));
    const rules = rulesOf(shipped!).filter((rule) => !(rule.id in REPORTS_NO_RECORD));
    const silent = rules.filter((rule) => !(rule.recordRoute ? linkedBy.has(rule.id) : seen.has(rule.id))).map((rule) => rule.id);
    const known = rules.map((rule) => rule.id).filter((id) => id in NOT_IN_A_FLOW);
    expect(silent.sort(), `rules seen: ${[...seen].join(', ')}; record links: ${[...linkedBy].join(', ')}`).toEqual(known.sort());
  });
});

it('the rules left out of that check are shipped rules, and only observe-only ones report nothing', () => {
  const shipped = FIXTURES.flatMap((f) => {
    const adapter = adapterById(f.fixtureSet.name);
    return adapter ? rulesOf(adapter).map((rule) => rule.id) : [];
  });
  for (const id of Object.keys(NOT_IN_A_FLOW)) expect(shipped, 'a rule listed as fired in no flow').toContain(id);
  const observeOnly = FIXTURES.flatMap((f) => adapterById(f.fixtureSet.name)?.network ?? []).filter((r) => r.observeOnly).map((r) => r.id);
  expect(Object.keys(REPORTS_NO_RECORD).sort()).toEqual(observeOnly.sort());
});

describe('detection across a service worker restart', () => {
  let session: ExtensionSession;
  beforeAll(async () => {
    session = await launchExtension();
    await serveFixtures(session.context, hubspot.fixtureSet);
  });
  afterAll(async () => {
    await session?.close();
  });

  it('keeps counted events, does not count a retry again, and still detects new records', async () => {
    const [contactFlow, secondFlow] = hubspot.flows.filter((f) => f.tail && f.expect.contacts === 1);
    expect(contactFlow && secondFlow && contactFlow.tail).toBeTruthy();
    const start = await listEvents(session);
    const page = await session.context.newPage();
    await contactFlow!.run(page);
    const first = await settle(session, start, contactFlow!.expect);
    expect(first.counts).toEqual(fullExpectation(contactFlow!.expect));

    const beforeRestart = await listEvents(session);
    await restartServiceWorker(session);
    expect((await listEvents(session)).map((e) => e.key).sort()).toEqual(beforeRestart.map((e) => e.key).sort());

    await contactFlow!.tail!(page);
    expect((await settle(session, beforeRestart, {})).counts).toEqual(NOTHING);

    const fresh = await session.context.newPage();
    await secondFlow!.run(fresh);
    expect((await settle(session, beforeRestart, secondFlow!.expect)).counts).toEqual(fullExpectation(secondFlow!.expect));
  });
});

describe('a CRM page cannot reach the rep’s data', () => {
  let session: ExtensionSession;
  let page: Page;
  beforeAll(async () => {
    session = await launchExtension();
    await serveFixtures(session.context, hubspot.fixtureSet);
    // Count something first, so there is data a page could try to read.
    page = await session.context.newPage();
    const [flow] = hubspot.flows.filter((f) => f.expect.contacts === 1);
    const before = await listEvents(session);
    await flow!.run(page);
    await settle(session, before, flow!.expect);
  });
  afterAll(async () => {
    await session?.close();
  });

  it('gets no answer from the extension through chrome.runtime', async () => {
    const answer = await page.evaluate(async (extensionId) => {
      const runtime = (globalThis as { chrome?: { runtime?: { sendMessage?: (...a: unknown[]) => Promise<unknown> } } }).chrome?.runtime;
      if (!runtime?.sendMessage) return 'no runtime';
      try {
        return await runtime.sendMessage(extensionId, { type: 'view-data', recent: 5 });
      } catch (error) {
        return `refused: ${String(error)}`;
      }
    }, session.extensionId);
    expect(JSON.stringify(answer ?? null)).not.toMatch(/"ok":true|"data"/);
  });

  it('gets no data back through window messaging', async () => {
    const keys = (await listEvents(session)).map((e) => e.key);
    expect(keys.length).toBeGreaterThan(0);
    const received = await page.evaluate(async () => {
      const seen: string[] = [];
      const listener = (e: MessageEvent) => seen.push(JSON.stringify(e.data ?? null));
      window.addEventListener('message', listener);
      for (const type of ['view-data', 'history', 'export']) {
        window.postMessage({ type }, '*');
        window.postMessage({ source: 'kpi-pacer', type }, '*');
        window.dispatchEvent(new CustomEvent('kpi-pacer', { detail: { type } }));
      }
      await new Promise((r) => setTimeout(r, 1_000));
      window.removeEventListener('message', listener);
      return seen.join('\n');
    });
    for (const key of keys) expect(received).not.toContain(key);
    expect(received).not.toMatch(/"kpis"|"periodStart"|"stillNeeded"/);
  });

  it('cannot read into the extension’s frames or storage', async () => {
    const probe = await page.evaluate(async (extensionId) => {
      const frames: HTMLIFrameElement[] = [...document.querySelectorAll('iframe')];
      for (const host of document.querySelectorAll('*')) if (host.shadowRoot) frames.push(...host.shadowRoot.querySelectorAll('iframe'));
      const readable = frames.filter((f) => {
        try {
          return f.contentDocument !== null;
        } catch {
          return false;
        }
      }).length;
      const popup = await fetch(`chrome-extension://${extensionId}/popup.html`).then(
        () => 'fetched',
        () => 'blocked',
      );
      const databases = (await indexedDB.databases()).map((d) => d.name);
      return { frames: frames.length, readable, popup, databases };
    }, session.extensionId);
    expect(probe.readable).toBe(0);
    expect(probe.popup).toBe('blocked');
    // Content scripts never open the database in the CRM's origin.
    expect(probe.databases).toEqual([]);
  });
});
