import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CountEvent } from '../../lib/db/events';
import { FIXTURES } from '../fixtures';
import { hubspot } from '../fixtures/hubspot/flows';
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

// Each adapter's flows run one after another in one browser; every flow is judged by the events
// it added. A flow's tail (client retry, re-render, toast again) then must add nothing.
describe.each(FIXTURES.map((f) => [f.fixtureSet.name, f] as const))('detection in %s', (adapter, fixture) => {
  let session: ExtensionSession;
  const results: FlowResult[] = [];
  const openPages = new Map<string, Page>();

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
        return await runtime.sendMessage(extensionId, { type: 'list-events' });
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
      for (const type of ['list-events', 'get-snapshot', 'export']) {
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
