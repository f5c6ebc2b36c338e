import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pipedrive } from '@/tests/fixtures/pipedrive/flows';
import { launchExtension, listEvents, sendToBackground, serveFixtures, waitFor, type ExtensionSession } from './harness';
import { createPerson, personKey, PIPEDRIVE_LIST } from './lib/crm-creates';
import { frameBox, sidebarFrame } from './lib/sidebar-frame';

const SETTLE_MS = 1_200;
/** Creates in the flood; the fixture server answers each through the test runner, about 30 a second. */
const FLOOD = 1_000;

describe('creates faster than by hand', () => {
  let session: ExtensionSession;
  beforeAll(async () => {
    session = await launchExtension();
    await serveFixtures(session.context, pipedrive.fixtureSet);
  });
  afterAll(async () => {
    await session?.close();
  });

  async function listPage(): Promise<Page> {
    const page = await session.context.newPage();
    await page.goto(PIPEDRIVE_LIST);
    await page.waitForFunction(() => document.querySelector('[data-kpi-pacer-host]') !== null);
    return page;
  }

  async function newKeys(before: Set<string>): Promise<string[]> {
    return (await listEvents(session)).map((e) => e.key).filter((key) => !before.has(key));
  }

  it('holds 41 creates in a minute from one tab, asks once, and discards them in one click; other tabs count as usual', async () => {
    const flooding = await listPage();
    const other = await listPage();
    const before = new Set((await listEvents(session)).map((e) => e.key));
    const frame = await sidebarFrame(flooding, session.extensionId);
    for (let n = 0; n < 41; n += 1) await createPerson(flooding, 2000 + n);

    const question = frame.getByTestId('sidebar-held');
    await question.waitFor({ timeout: 20_000 });
    await expect.poll(() => question.textContent(), { timeout: 20_000 }).toContain('41 contacts in one minute — count them?');
    expect(await frame.getByTestId('sidebar-held').count()).toBe(1);
    // The question has room: the collapsed frame grows for it, nothing clipped.
    const box = await frameBox(frame);
    expect(box.width).toBe(320);
    const clipped = await frame.evaluate(() => [...document.querySelectorAll('.sb-held *')].some((el) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1));
    expect(clipped).toBe(false);

    // A real create in another tab during the burst counts at once.
    const real = personKey(await createPerson(other, 2100));
    await waitFor(async () => (await listEvents(session)).some((e) => e.key === real), 10_000, 'the other tab’s create to count');
    expect(await newKeys(before)).toEqual([real]);

    await frame.getByTestId('sidebar-held-discard').click();
    await question.waitFor({ state: 'detached' });
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    expect(await newKeys(before)).toEqual([real]);
    await flooding.close();
    await other.close();
  });

  it('counts a held burst in one click, each record once', async () => {
    const page = await listPage();
    const before = new Set((await listEvents(session)).map((e) => e.key));
    const frame = await sidebarFrame(page, session.extensionId);
    const ids: number[] = [];
    for (let n = 0; n < 35; n += 1) ids.push(await createPerson(page, 3000 + n));
    const question = frame.getByTestId('sidebar-held');
    await expect.poll(() => question.textContent(), { timeout: 20_000 }).toContain('35 contacts in one minute');
    await frame.getByTestId('sidebar-held-count').click();
    await question.waitFor({ state: 'detached' });
    await waitFor(async () => (await newKeys(before)).length >= 35, 10_000, 'the held records to count');
    expect((await newKeys(before)).sort()).toEqual(ids.map(personKey).sort());
    await page.close();
  });

  it('stays responsive in a flood of creates and holds all of them', async () => {
    const flooding = await listPage();
    const other = await listPage();
    const before = new Set((await listEvents(session)).map((e) => e.key));
    const frame = await sidebarFrame(flooding, session.extensionId);
    await flooding.evaluate(() => {
      const w = window as unknown as { longest: number };
      w.longest = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.longest = Math.max(w.longest, entry.duration);
      }).observe({ type: 'longtask', buffered: false });
    });
    const started = Date.now();
    const flood = flooding.evaluate(async (FLOOD) => {
      const one = (n: number) =>
        fetch('/api/v1/persons', { method: 'POST', body: JSON.stringify({ name: `Flood ${n}`, email: [{ value: `f${n}@example.com`, primary: true }] }) }).then((r) => r.text());
      for (let start = 0; start < FLOOD; start += 100) await Promise.all(Array.from({ length: 100 }, (_, i) => one(start + i)));
    }, FLOOD);
    // A real create in another tab while the flood runs.
    const realAt = Date.now();
    const real = personKey(await createPerson(other, 4000));
    await waitFor(async () => (await listEvents(session)).some((e) => e.key === real), 30_000, 'the real create during the flood');
    const realLatency = Date.now() - realAt;
    console.log(`flood: real create counted after ${realLatency} ms`);
    await flood;
    const floodSent = Date.now() - started;
    console.log(`flood: sent after ${floodSent} ms`);
    const heldTotal = async () => {
      const answer = await flooding.evaluate(() => 0).then(() => frame.evaluate(() => chrome.runtime.sendMessage({ type: 'held-records', action: 'list' })));
      return (answer as { ok: boolean; data?: { total: number } }).data?.total ?? 0;
    };
    await waitFor(async () => (await heldTotal()) >= FLOOD, 120_000, 'the whole flood to be held', 500);
    const allHeld = Date.now() - started;
    const longest = await flooding.evaluate(() => (window as unknown as { longest: number }).longest);
    console.log(`flood: ${FLOOD} sent in ${floodSent} ms, all held after ${allHeld} ms; real create in another tab counted after ${realLatency} ms; longest task in the flooding tab ${Math.round(longest)} ms`);
    expect(await heldTotal()).toBe(FLOOD);
    expect(await newKeys(before)).toEqual([real]);
    expect(await frame.getByTestId('sidebar-held').count()).toBe(1);

    await frame.getByTestId('sidebar-held-discard').click();
    await frame.getByTestId('sidebar-held').waitFor({ state: 'detached' });
    expect(await heldTotal()).toBe(0);
    expect(await newKeys(before)).toEqual([real]);
    expect((await sendToBackground(session, { type: 'view-data', recent: 1 })).ok).toBe(true);
    await flooding.close();
    await other.close();
  }, 300_000);
});
