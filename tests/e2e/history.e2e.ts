import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daySumsOf, DAY_SUMS_ZONE_KEY, isZoneRow, type DaySumsRow } from '@/lib/db/day-sums';
import type { CountEvent } from '@/lib/db/events';
import { launchExtension, pinClock, restartServiceWorker, sendToBackground, type ExtensionSession } from './harness';
import { putEvents } from './lib/seed-events';

/**
 * History from seeded past weeks and months, with the extension's clock pinned: the Options
 * section draws 12 bars per KPI, its table alternative says the same, streak and best are shown,
 * and each popup card carries the streak.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Wednesday 25 November 2026, 15:00 in Berlin (14:00 UTC): week 48 and November are running. */
const NOW = Date.parse('2026-11-25T14:00:00Z');
/** Monday 23 November 2026, 00:00 in Berlin: the running week's start. */
const WEEK_START = Date.parse('2026-11-22T23:00:00Z');
/** Thursday 1 October 2026, 00:00 in Berlin. */
const OCTOBER = Date.parse('2026-09-30T22:00:00Z');

let session: ExtensionSession;
let page: Page;

function contactsInWeek(weeksBack: number, count: number): CountEvent[] {
  const start = WEEK_START - weeksBack * 7 * DAY;
  return Array.from({ length: count }, (_, i) => ({ key: `manual:seed-contacts-${weeksBack}-${i}`, kpi: 'contacts', at: start + (10 + i) * HOUR, source: 'manual' }));
}

beforeAll(async () => {
  session = await launchExtension({ uiLanguage: 'en-US' });
  expect((await sendToBackground(session, { type: 'save-settings', settings: { timeZone: 'Europe/Berlin', currency: 'USD', countingSince: '2026-01-05' } })).ok).toBe(true);
  page = await session.context.newPage();
  await page.goto(`chrome-extension://${session.extensionId}/popup.html`);
  // Target met (5) in each of the three weeks before this one, 7 six weeks back, 3 seven weeks back.
  const events: CountEvent[] = [...contactsInWeek(1, 5), ...contactsInWeek(2, 5), ...contactsInWeek(3, 5), ...contactsInWeek(6, 7), ...contactsInWeek(7, 3)];
  // 20 devices (the monthly target) in October.
  for (let i = 0; i < 20; i++) events.push({ key: `manual:seed-devices-${i}`, kpi: 'devices', at: OCTOBER + DAY + i * HOUR, source: 'manual' });
  await putEvents(page, events);
  await restartServiceWorker(session);
  await pinClock(session, NOW);
});

afterAll(async () => {
  await session?.close();
});

describe('History in Options', () => {
  it('draws 12 weeks of contacts, and its table says what each bar says', async () => {
    await page.goto(`chrome-extension://${session.extensionId}/options.html#section-history`);
    const bars = page.getByTestId('history-bar-contacts');
    await bars.first().waitFor();
    expect(await bars.count()).toBe(12);
    const spoken = await bars.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('aria-label') ?? ''));
    expect(spoken[0]).toBe('Sep 7 – 13: 0 of 5, missed');
    expect(spoken[5]).toBe('Oct 12 – 18: 7 of 5, met');
    expect(spoken[11]).toBe('Nov 23 – 29: 0 of 5, still running');
    await page.getByTestId('history-contacts').screenshot({ path: new URL('../../docs/screenshots/history.png', import.meta.url).pathname });

    const table = page.getByTestId('history-table-contacts');
    await table.locator('xpath=..').locator('summary').click();
    const rows = await table.locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('th, td')].map((cell) => cell.textContent ?? '')),
    );
    expect(rows).toHaveLength(12);
    expect(rows.map((r) => r[1])).toEqual(['0', '0', '0', '0', '3', '7', '0', '0', '5', '5', '5', '0']);
    // The table and the bars agree row by row.
    expect(rows.map(([period, value, target, met]) => `${period}: ${value} of ${target}, ${met}`)).toEqual(spoken);

    expect(await page.getByTestId('history-streak-contacts').textContent()).toBe('Target met 3 weeks in a row');
    expect(await page.getByTestId('history-best-contacts').textContent()).toBe(' · Best week: Oct 12 – 18 — 7');
    // October met; November still running and short of its target does not break the streak.
    expect(await page.getByTestId('history-streak-devices').textContent()).toBe('Target met 1 month in a row');
    expect(await page.getByTestId('history-bar-devices').count()).toBe(12);
    // The months of the year for revenue: January to November.
    expect(await page.getByTestId('history-bar-revenue').count()).toBe(11);
  });

  it('shows a bar\'s figure on keyboard focus', async () => {
    await page.getByTestId('history-bar-contacts').nth(5).focus();
    await expect.poll(() => page.getByTestId('history-value-contacts').textContent()).toBe('10/12: 7 / 5');
  });
});

describe('the popup cards', () => {
  it('carry a sparkline and the streak', async () => {
    await page.goto(`chrome-extension://${session.extensionId}/popup.html`);
    await expect.poll(() => page.getByTestId('kpi-streak-contacts').textContent()).toBe('Target met 3 weeks in a row');
    expect(await page.getByTestId('sparkline-contacts').locator('rect').count()).toBe(12);
    expect(await page.getByTestId('kpi-streak-equotes').textContent()).toBe('No streak yet');
  });
});

/** The day sums and the events as stored, read straight from the extension's database. */
async function storedSums(): Promise<{ rows: DaySumsRow[]; events: CountEvent[] }> {
  return page.evaluate(async () => {
    const database = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('kpi-pacer');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    try {
      const tx = database.transaction(['daySums', 'events'], 'readonly');
      const all = <T>(store: string) =>
        new Promise<T[]>((resolve, reject) => {
          const request = tx.objectStore(store).getAll();
          request.onsuccess = () => resolve(request.result as T[]);
          request.onerror = () => reject(request.error);
        });
      const [rows, events] = await Promise.all([all<DaySumsRow>('daySums'), all<CountEvent>('events')]);
      return { rows, events };
    } finally {
      database.close();
    }
  });
}

describe('the day sums behind history and the export', () => {
  it('follow what the background stores and takes back, without being built again', async () => {
    // The history read built them from the seeded events.
    expect((await sendToBackground(session, { type: 'history' })).ok).toBe(true);
    const built = await storedSums();
    expect(built.rows.find(isZoneRow)).toEqual({ day: DAY_SUMS_ZONE_KEY, timeZone: 'Europe/Berlin' });

    const added = await sendToBackground<{ key: string }>(session, { type: 'add-manual', kpi: 'contacts' });
    if (!added.ok) throw new Error(added.error);
    expect((await sendToBackground(session, { type: 'add-manual', kpi: 'revenue', amount: 12.5, currency: 'USD' })).ok).toBe(true);
    expect((await sendToBackground(session, { type: 'add-manual', kpi: 'contacts' })).ok).toBe(true);
    expect((await sendToBackground(session, { type: 'undo', key: added.data.key })).ok).toBe(true);

    const { rows, events } = await storedSums();
    // Still kept for the same zone (a dropped zone row would mean they are built again on reading) …
    expect(rows.find(isZoneRow)).toEqual({ day: DAY_SUMS_ZONE_KEY, timeZone: 'Europe/Berlin' });
    // … and exactly the sums of the events now stored, today's new counts included.
    expect(rows.filter((row) => !isZoneRow(row))).toEqual(daySumsOf(events, 'Europe/Berlin'));
    expect(rows.find((row) => row.day === '2026-11-25')).toMatchObject({ counts: { contacts: 1, revenue: 1 }, revenue: [{ currency: 'USD', cents: 1250 }] });
  });
});
