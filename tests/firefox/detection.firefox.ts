import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADAPTERS } from '@/lib/crm/adapters';
import type { CountEvent } from '@/lib/db/events';
import { siteScriptIds } from '@/lib/sites/scripts';
import { hubspot } from '@/tests/fixtures/hubspot/flows';
import { salesforce } from '@/tests/fixtures/salesforce/flows';
import { describeAdded, formatResultsTable, fullExpectation, tallyNewEvents, totalOf, type FlowResult, type KpiCounts, type Tally } from '@/tests/e2e/lib/flows';
import { badge, extensionPage, heldOrigins, launchFirefox, listEvents, onboard, registeredScripts, snapshot, tooltipTarget, waitFor, type FirefoxSession } from './harness';
import { flowPage } from './lib/flow-page';

/** How long detection may take to reach the background before a flow counts as missed. */
const DETECTION_TIMEOUT_MS = 5_000;
/** Quiet time after the expected events arrived (or for flows that expect none) to catch extras. */
const SETTLE_MS = 1_200;

async function settle(session: FirefoxSession, before: CountEvent[], expected: KpiCounts): Promise<Tally> {
  const wanted = totalOf(expected);
  if (wanted > 0) {
    await waitFor(async () => totalOf(tallyNewEvents(before, await listEvents(session)).counts) >= wanted, DETECTION_TIMEOUT_MS, 'detection').catch(() => undefined);
  }
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  return tallyNewEvents(before, await listEvents(session));
}

const FIXTURES = [hubspot, salesforce];
const CHOSEN = FIXTURES.map((f) => f.fixtureSet.name);
const hostsOf = (ids: string[]) => ADAPTERS.filter((a) => ids.includes(a.id)).flatMap((a) => a.hosts);

let session: FirefoxSession;

beforeAll(async () => {
  session = await launchFirefox();
});

afterAll(async () => {
  await session?.close();
});

describe('first run in Firefox', () => {
  it('opens the onboarding page on install and holds no site access yet', async () => {
    const page = await extensionPage(session);
    const views = await page.evaluate(() => browser.extension.getViews().map((w) => new URL(w.location.href).pathname));
    expect(views).toContain('/onboarding.html');
    expect(await heldOrigins(session)).toEqual([]);
    expect((await registeredScripts(session)).filter((s) => s.id.startsWith('kpi-site-'))).toEqual([]);
  });

  it('asks for exactly the ticked CRMs’ hosts from the click and registers their scripts to persist', async () => {
    await onboard(session, CHOSEN);
    expect(await heldOrigins(session)).toEqual(hostsOf(CHOSEN).sort());
    const scripts = (await registeredScripts(session)).filter((s) => s.id.startsWith('kpi-site-'));
    const expectedIds = hostsOf(CHOSEN).flatMap((pattern) => Object.values(siteScriptIds(pattern)));
    expect(scripts.map((s) => s.id).sort()).toEqual(expectedIds.sort());
    // The page hook runs in the page's own world (Firefox 128+), both at document_start, both persistent.
    for (const pattern of hostsOf(CHOSEN)) {
      const ids = siteScriptIds(pattern);
      expect(scripts.find((s) => s.id === ids.hook)).toMatchObject({ world: 'MAIN', runAt: 'document_start', persistAcrossSessions: true });
      expect(scripts.find((s) => s.id === ids.crm)).toMatchObject({ runAt: 'document_start', persistAcrossSessions: true });
      expect(scripts.find((s) => s.id === ids.crm)?.world ?? 'ISOLATED').toBe('ISOLATED');
    }
  });
});

// Each CRM's flows, the same as in Chromium, one after another; every flow is judged by the
// events it added, and a flow's tail (client retry, re-render, toast again) must add nothing.
describe.each(FIXTURES.map((f) => [f.fixtureSet.name, f] as const))('detection in %s (Firefox)', (adapter, fixture) => {
  const results: FlowResult[] = [];
  const openPages = new Map<string, ReturnType<typeof flowPage>>();

  beforeAll(() => {
    session.serveFixtures(fixture.fixtureSet);
  });

  afterAll(async () => {
    console.log(`\n${formatResultsTable(`Detection in Firefox: ${adapter}`, results)}\n`);
    for (const page of openPages.values()) await page.close().catch(() => undefined);
  });

  for (const flow of fixture.flows) {
    it(flow.name, async () => {
      const before = await listEvents(session);
      const page = flowPage(await session.browser.newPage());
      await flow.run(page);
      const tally = await settle(session, before, flow.expect);
      results.push({ flow: flow.name, expected: fullExpectation(flow.expect), counted: tally.counts });
      if (flow.tail) openPages.set(flow.name, page);
      else await page.close();

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
        await page!.close();
        openPages.delete(flow.name);
        expect(tally.counts, describeAdded(tally)).toEqual(fullExpectation({}));
      });
    }
  }
});

describe('the toolbar after detection', () => {
  it('shows the detected contacts in the badge tooltip and the on-pace count as its text', async () => {
    const snap = await snapshot(session);
    const contacts = snap.kpis.find((k) => k.kpi === 'contacts')!;
    expect(contacts.value).toBeGreaterThan(0);
    await waitFor(async () => (await badge(session)).title.includes(`Contacts: ${contacts.value}/${tooltipTarget(snap, 'contacts')}`), 10_000, 'the badge tooltip');
    expect((await badge(session)).text).toBe(`${snap.onPace}/6`);
  });
});
