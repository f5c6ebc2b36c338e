import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KpiId } from '@/lib/kpi/definitions';
import { extensionPage, launchExtension, pinClock, restartServiceWorker, sendToBackground, waitFor, type ExtensionSession } from './harness';

/**
 * Reminders in the built extension, with its clock pinned to moments in Berlin (UTC+1 in winter):
 * turned on in Options, run the way the product runs them (the reminder alarm's work, and after
 * a count changes), read back with chrome.notifications.getAll; each appears exactly when due and
 * never twice, and a click opens the page it is about.
 */

interface Shown {
  id: string;
  title: string;
  message: string;
}

/** Wednesday 16 December 2026 07:30 in Berlin: before work. */
const WED_EARLY = Date.parse('2026-12-16T06:30:00Z');
/** Wednesday 16 December 09:00, the working day's first minute. */
const WED_0900 = Date.parse('2026-12-16T08:00:00Z');
/** Thursday 17 December 10:00. */
const THU_1000 = Date.parse('2026-12-17T09:00:00Z');
/** Friday 18 December, the week's last working day: 13:59 and 14:00. */
const FRI_1359 = Date.parse('2026-12-18T12:59:00Z');
const FRI_1400 = Date.parse('2026-12-18T13:00:00Z');
/** Saturday 19 December 11:00. */
const SAT_1100 = Date.parse('2026-12-19T10:00:00Z');
/** Tuesday 29 December 09:30: the third-last working day of the month. */
const TUE_29_0930 = Date.parse('2026-12-29T08:30:00Z');
/** Friday 1 January 2027 10:00: a day off the rep entered. */
const JAN_1_1000 = Date.parse('2027-01-01T09:00:00Z');
/** Monday 4 January 2027 09:00. */
const JAN_4_0900 = Date.parse('2027-01-04T08:00:00Z');

let session: ExtensionSession;
let page: Page;

/** The ids the notification centre holds now, read from an extension page. */
async function displayed(): Promise<string[]> {
  const ext = await extensionPage(session);
  return Object.keys(await ext.evaluate(() => chrome.notifications.getAll())).sort();
}

async function clearAll(): Promise<void> {
  const ext = await extensionPage(session);
  await ext.evaluate(async () => {
    for (const id of Object.keys(await chrome.notifications.getAll())) await chrome.notifications.clear(id);
  });
  expect(await displayed()).toEqual([]);
}

/** Runs what the reminder alarm runs, at the pinned moment; answers with what was shown. */
async function alarmRun(): Promise<Shown[]> {
  const answer = await sendToBackground<Shown[]>(session, { type: 'test-run-nudges' });
  if (!answer?.ok) throw new Error(`The reminder run failed: ${JSON.stringify(answer)}`);
  return answer.data;
}

async function addManual(kpi: Exclude<KpiId, 'visitors' | 'revenue'>, times: number): Promise<void> {
  for (let i = 0; i < times; i++) expect((await sendToBackground(session, { type: 'add-manual', kpi })).ok).toBe(true);
}

beforeAll(async () => {
  session = await launchExtension({ uiLanguage: 'en-US' });
  const settings = { timeZone: 'Europe/Berlin', currency: 'USD', countingSince: '2026-06-01', daysOff: [{ from: '2027-01-01', to: '2027-01-01' }] };
  expect((await sendToBackground(session, { type: 'save-settings', settings })).ok).toBe(true);
  page = await session.context.newPage();
});

afterAll(async () => {
  await session?.close();
});

describe('reminders', () => {
  it('are off until the rep turns them on in Options', async () => {
    await pinClock(session, WED_EARLY);
    await addManual('contacts', 5);
    await pinClock(session, WED_0900);
    expect(await alarmRun()).toEqual([]);
    expect(await displayed()).toEqual([]);
    // Back to before work, where the rep turns reminders on.
    await pinClock(session, WED_EARLY);
    await page.goto(`chrome-extension://${session.extensionId}/options.html#section-reminders`);
    await page.getByTestId('reminders-on').check();
    await page.getByTestId('save-reminders').click();
    await expect.poll(() => page.getByTestId('save-reminders-status').getAttribute('data-state')).toBe('saved');
    expect(await page.getByTestId('reminders-preview').textContent()).toContain('Weekly contacts target met — 5 of 5');
    // For the README: a system notification cannot be captured headless, so the section's preview stands in.
    await page.getByTestId('section-reminders').screenshot({ path: new URL('../../docs/screenshots/reminders.png', import.meta.url).pathname });
  });

  it('stay quiet before work, then come with the working day and only once', async () => {
    expect(await alarmRun()).toEqual([]);
    expect(await displayed()).toEqual([]);
    await pinClock(session, WED_0900);
    expect(await alarmRun()).toEqual([{ id: 'met:contacts:2026-W51', title: 'Target met', message: 'Weekly contacts target met — 5 of 5' }]);
    expect(await displayed()).toEqual(['met:contacts:2026-W51']);
    await clearAll();
    // Not twice: a quarter of an hour later, and after the service worker restarted.
    await pinClock(session, WED_0900 + 15 * 60_000);
    expect(await alarmRun()).toEqual([]);
    await restartServiceWorker(session);
    expect(await alarmRun()).toEqual([]);
    expect(await displayed()).toEqual([]);
  });

  it('follow a count change: half of the monthly devices target', async () => {
    await pinClock(session, THU_1000);
    await addManual('devices', 9);
    expect(await alarmRun()).toEqual([]);
    // The tenth device: the run after the count change shows the milestone without any alarm.
    await addManual('devices', 1);
    await waitFor(async () => (await displayed()).includes('half:devices:2026-12'), 10_000, 'the halfway reminder after the count');
    expect(await displayed()).toEqual(['half:devices:2026-12']);
    expect(await alarmRun()).toEqual([]);
    await clearAll();
  });

  it('give a last chance at 14:00 on the last working day, not during a burst', async () => {
    await pinClock(session, FRI_1359);
    expect(await alarmRun()).toEqual([]);
    await pinClock(session, FRI_1400);
    // Records held as a burst wait for the rep's word: reminders wait too.
    const ext = await extensionPage(session);
    const held = { event: { key: 'manual:held-1', kpi: 'contacts', at: FRI_1400, source: 'manual' }, reason: 'burst', tabId: 7 };
    await ext.evaluate((item) => chrome.storage.local.set({ 'parked:burst:manual:held-1': item }), held);
    expect(await alarmRun()).toEqual([]);
    await ext.evaluate(() => chrome.storage.local.remove('parked:burst:manual:held-1'));
    expect(await alarmRun()).toEqual([
      { id: 'last-chance:equotes:2026-W51', title: 'Last chance: E-quotes', message: '2 more e-quotes this week — today is the last working day' },
    ]);
    expect(await displayed()).toEqual(['last-chance:equotes:2026-W51']);
  });

  it('open the cards for a last chance and History for a target met; nothing on a Saturday', async () => {
    const opened = session.context.waitForEvent('page');
    const url = await sendToBackground<string>(session, { type: 'test-click-notification', id: 'last-chance:equotes:2026-W51' });
    expect(url).toEqual({ ok: true, data: `chrome-extension://${session.extensionId}/popup.html` });
    const popup = await opened;
    await popup.getByTestId('kpi-outlook-equotes').waitFor();
    expect(await popup.getByTestId('kpi-outlook-equotes').textContent()).toBe('2 more e-quotes this week — today is the last working day');
    // The click took the reminder away.
    expect(await displayed()).toEqual([]);
    await popup.close();

    const history = session.context.waitForEvent('page');
    await sendToBackground(session, { type: 'test-click-notification', id: 'met:contacts:2026-W51' });
    const options = await history;
    await options.waitForURL(/options\.html#section-history$/);
    await options.getByTestId('history-contacts').waitFor();
    await options.close();

    await pinClock(session, SAT_1100);
    expect(await alarmRun()).toEqual([]);
  });

  it('ask for the month\'s website visitors near month end, then give the advice after a month below target', async () => {
    await pinClock(session, TUE_29_0930);
    expect(await alarmRun()).toEqual([
      { id: 'visitors-entry:visitors:2026-12', title: 'The month ends soon', message: 'Enter the visitors figure for December.' },
    ]);
    expect((await sendToBackground(session, { type: 'set-visitors', month: '2026-12', value: 180 })).ok).toBe(true);
    expect(await alarmRun()).toEqual([]);
    await clearAll();
    // New Year's Day is the rep's day off: quiet.
    await pinClock(session, JAN_1_1000);
    expect(await alarmRun()).toEqual([]);
    await pinClock(session, JAN_4_0900);
    expect(await alarmRun()).toEqual([
      {
        id: 'visitors-advice:visitors:2026-12',
        title: 'Website visitors',
        message: 'December closed below target: 180 of 250 visitors. Consider reviewing your marketing partner.',
      },
    ]);
    expect(await displayed()).toEqual(['visitors-advice:visitors:2026-12']);
    const opened = session.context.waitForEvent('page');
    await sendToBackground(session, { type: 'test-click-notification', id: 'visitors-advice:visitors:2026-12' });
    const options = await opened;
    await options.waitForURL(/options\.html#section-visitors$/);
    await options.getByTestId('visitors-row-2026-12').getByTestId('visitors-advice').waitFor();
    await options.close();
  });
});

describe('onboarding', () => {
  it('turns reminders on when the rep ticks them, with the CRMs in the same prompt', async () => {
    const off = await sendToBackground(session, { type: 'save-settings', settings: { timeZone: 'Europe/Berlin', currency: 'USD' } });
    expect(off.ok).toBe(true);
    const onboarding = await session.context.newPage();
    await onboarding.goto(`chrome-extension://${session.extensionId}/onboarding.html`);
    await onboarding.getByTestId('onboarding-crm-hubspot').check();
    await onboarding.getByTestId('onboarding-reminders').check();
    await onboarding.getByTestId('onboarding-finish').click();
    await onboarding.getByTestId('onboarding-done').waitFor();
    expect(await onboarding.getByTestId('onboarding-denied').count()).toBe(0);
    const reminders = await onboarding.evaluate(async () => {
      const request = indexedDB.open('kpi-pacer');
      const database = await new Promise<IDBDatabase>((resolve) => (request.onsuccess = () => resolve(request.result)));
      const get = database.transaction('kv').objectStore('kv').get('settings');
      const settings = await new Promise<{ v?: { reminders?: unknown } }>((resolve) => (get.onsuccess = () => resolve(get.result)));
      database.close();
      return settings.v?.reminders;
    });
    expect(reminders).toEqual({ on: true, off: [], lastChanceAt: '14:00' });
    await onboarding.close();
  });
});
