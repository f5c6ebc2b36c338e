import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CountEvent } from '@/lib/db/events';
import { KPI_IDS } from '@/lib/kpi/definitions';
import { launchExtension, pinClock, sendToBackground, type ExtensionSession } from './harness';
import { putEvents } from './lib/seed-events';

/**
 * A rep whose browser speaks Russian downloads the CSV report from the popup (semicolons, decimal
 * commas, dd.mm.yyyy dates, Russian headers), another one in English (commas, decimal points,
 * mm/dd/yyyy); the manager drops both on the team page, which shows each rep's figures and the
 * team's by calendar month, as counted by hand below. The Russian rep's JSON export, dropped
 * next, replaces her CSV's weeks and shows the same figures. With KPI_SCREENSHOTS=1 the page is
 * also saved as the README's docs/screenshots/team.png.
 *
 * Both browsers' clocks stand at Thursday 26 November 2026, 15:00 (UTC, the browsers' zone), so
 * the figures by hand are fixed. Events straddle a month end inside a week (Saturday 31 October and
 * Sunday 1 November are in week 44, whose middle day is in October): by the calendar, as the CSV
 * reports them, they fall in different months.
 */

const NOW = Date.UTC(2026, 10, 26, 15);
const REP = 'Дарья Соколова';
const at = (month: number, day: number, hour = 10) => Date.UTC(2026, month - 1, day, hour);

let serial = 0;
const event = (kpi: CountEvent['kpi'], when: number, extra: Partial<CountEvent> = {}): CountEvent => ({ key: `manual:seed-${kpi}-${(serial += 1)}`, kpi, at: when, source: 'manual', ...extra });
const revenue = (when: number, amount: number) => event('revenue', when, { amount, currency: 'EUR' });

const EVENTS: CountEvent[] = [
  // Contacts: week 48 (this week) 3, week 47 2, week 44 1, week 40 1.
  event('contacts', at(11, 23)),
  event('contacts', at(11, 24)),
  event('contacts', at(11, 26, 9)),
  event('contacts', at(11, 17)),
  event('contacts', at(11, 18)),
  event('contacts', at(10, 27)),
  event('contacts', at(10, 1)),
  event('equotes', at(11, 25)),
  event('equotes', at(11, 10)),
  // New online customers: Sunday 1 November (week 44) and 20 November in November, 15 October.
  event('ecustomers', at(11, 1)),
  event('ecustomers', at(11, 20)),
  event('ecustomers', at(10, 15)),
  // Devices: Saturday 31 October (week 44) in October, two in November.
  event('devices', at(10, 31)),
  event('devices', at(11, 2)),
  event('devices', at(11, 3)),
  revenue(at(2, 10), 5_000),
  revenue(at(10, 31), 1_234.56),
  revenue(at(11, 24), 350.5),
];
const VISITORS = { '2026-10': 240, '2026-11': 310 };

const BORIS = 'Boris Ivanov';
const BORIS_EVENTS: CountEvent[] = [
  event('contacts', at(11, 23)),
  event('contacts', at(11, 24)),
  event('contacts', at(11, 25)),
  event('contacts', at(11, 25, 11)),
  event('contacts', at(11, 16)),
  event('equotes', at(11, 24)),
  event('equotes', at(11, 26, 9)),
  event('ecustomers', at(11, 12)),
  event('devices', at(11, 5)),
  event('devices', at(11, 6)),
  event('devices', at(11, 19)),
  event('devices', at(10, 20)),
  revenue(at(11, 25), 2_000),
  revenue(at(9, 15), 10_000.25),
];
const BORIS_VISITORS = { '2026-11': 310 };

/** The figures by hand (month: November 2026; year to date: 2026, as far as the file reaches). */
const BY_HAND = {
  'contacts-week': 3, // 23, 24, 26 November
  'contacts-month': 5, // weeks 45–48 (their Thursdays are in November): 3 + 2
  'contacts-year': 7, // the 13 exported weeks: 3 + 2 + 1 + 1
  'equotes-week': 1,
  'equotes-month': 2,
  'equotes-year': 2,
  'ecustomers-month': 2, // 1 and 20 November
  'ecustomers-year': 3, // + 15 October
  'devices-month': 2, // 2 and 3 November
  'devices-year': 3, // + 31 October
  'visitors-month': 310,
  'visitors-year': 550, // 240 + 310
  'revenue-month': 350.5,
  'revenue-year': 6_585.06, // 5,000 + 1,234.56 + 350.50
} as const;

/** Boris's figures by hand, and the team's: the two added up, visitors (one company figure) once. */
const BORIS_BY_HAND = {
  'contacts-week': 4,
  'contacts-month': 5,
  'contacts-year': 5,
  'equotes-week': 2,
  'equotes-month': 2,
  'equotes-year': 2,
  'ecustomers-month': 1,
  'ecustomers-year': 1,
  'devices-month': 3,
  'devices-year': 4,
  'visitors-month': 310,
  'visitors-year': 310,
  'revenue-month': 2_000,
  'revenue-year': 12_000.25,
} as const;
const TEAM_BY_HAND: Record<string, number> = Object.fromEntries(
  Object.entries(BY_HAND).map(([figure, value]) => {
    const boris = BORIS_BY_HAND[figure as keyof typeof BORIS_BY_HAND];
    return [figure, figure.startsWith('visitors') ? Math.max(value, boris) : Math.round((value + boris) * 100) / 100];
  }),
);

let dir: string;
const sessions: ExtensionSession[] = [];

async function download(page: Page, testId: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const path = join(dir, file.suggestedFilename());
  await copyFile(await file.path(), path);
  return path;
}

/** A rep's profile at NOW with these counts; downloads the last 13 weeks as CSV and JSON from the popup. */
async function exportFrom(rep: { name: string; uiLanguage: 'en' | 'ru'; dialect: 'comma' | 'semicolon'; events: CountEvent[]; visitors: Record<string, number> }) {
  const session = await launchExtension({ uiLanguage: rep.uiLanguage });
  sessions.push(session);
  await pinClock(session, NOW);
  expect(await sendToBackground(session, { type: 'save-settings', settings: { repName: rep.name, currency: 'EUR' } })).toMatchObject({ ok: true });
  const popup = await session.context.newPage();
  await popup.goto(`chrome-extension://${session.extensionId}/popup.html`);
  await popup.getByTestId('kpi-card-contacts').waitFor();
  await putEvents(popup, rep.events);
  for (const [month, value] of Object.entries(rep.visitors)) {
    expect(await sendToBackground(session, { type: 'set-visitors', month, value })).toMatchObject({ ok: true });
  }
  await popup.getByTestId('export-range').selectOption('last-13');
  // The popup picks the separator that suits the rep's language.
  expect(await popup.getByTestId('export-csv-dialect').inputValue()).toBe(rep.dialect);
  const csv = await download(popup, 'export-csv');
  const json = await download(popup, 'export-json');
  await session.close();
  return { csv, json };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kpi-team-csv-'));
});

afterAll(async () => {
  for (const session of sessions) await session.close().catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

describe('the manager drops a rep’s CSV report', () => {
  it('Russian and English reps’ CSV reports show on the team page with the figures by hand, and the JSON export the same', async () => {
    const darya = await exportFrom({ name: REP, uiLanguage: 'ru', dialect: 'semicolon', events: EVENTS, visitors: VISITORS });
    const boris = await exportFrom({ name: BORIS, uiLanguage: 'en', dialect: 'comma', events: BORIS_EVENTS, visitors: BORIS_VISITORS });
    const [csvPath, jsonPath] = [darya.csv, darya.json];
    expect(csvPath).toMatch(/kpi-pacer_дарья-соколова_2026-W36_2026-W48\.csv$/);
    const csv = await readFile(csvPath, 'utf8');
    // What the popup wrote: Russian headers, semicolons, decimal commas, Russian dates.
    expect(csv.split('\r\n').slice(0, 2)).toEqual(['\uFEFFНедели', expect.stringMatching(/^Сотрудник;Неделя с;Неделя по;/)]);
    expect(csv).toContain(`${REP};23.11.2026;29.11.2026;48;3;5;60;`);
    expect(csv).toContain(`${REP};01.11.2026;350,50;6585,06;`);
    const borisCsv = await readFile(boris.csv, 'utf8');
    expect(borisCsv.split('\r\n')[0]).toBe('\uFEFFWeeks');
    expect(borisCsv).toContain(`${BORIS},11/23/2026,11/29/2026,48,4,5,80,`);

    const manager = await launchExtension({ uiLanguage: 'en' });
    sessions.push(manager);
    await pinClock(manager, NOW);
    const page = await manager.context.newPage();
    await page.setViewportSize({ width: 1180, height: 900 });
    await page.goto(`chrome-extension://${manager.extensionId}/team.html`);
    await page.locator('[data-testid="team-page"][data-loaded="yes"]').waitFor();
    expect(Number(await page.getByTestId('team-as-of').getAttribute('data-now'))).toBe(NOW);

    /** Drops one file and waits for its outcome (each drop shows only its own files' outcomes). */
    const drop = async (name: string, path: string) => {
      await page.getByTestId('team-file-input').setInputFiles([{ name, mimeType: 'text/plain', buffer: await readFile(path) }]);
      const outcome = page.getByTestId('team-import-outcomes').locator('li', { hasText: name });
      await outcome.waitFor();
      return outcome;
    };
    const repKey = REP.toLocaleLowerCase();
    const cells = async (prefix: string) => {
      const figures: Record<string, { value: number | null; target: string | null }> = {};
      for (const kpi of KPI_IDS) {
        for (const column of ['week', 'month', 'year']) {
          const cell = page.getByTestId(`${prefix}-${kpi}-${column}`);
          const value = await cell.getAttribute('data-value');
          figures[`${kpi}-${column}`] = { value: value === null ? null : Number(value), target: await cell.getAttribute('data-target') };
        }
      }
      return figures;
    };

    const borisOutcome = await drop('boris.csv', boris.csv);
    await expect(borisOutcome.textContent()).resolves.toBe(`boris.csv: 13 weeks of ${BORIS} taken (0 replaced earlier figures).`);
    await page.getByTestId('rep-boris ivanov-contacts-year').waitFor();
    const outcome = await drop('darya.csv', csvPath);
    await expect(outcome.getAttribute('data-ok')).resolves.toBe('yes');
    await expect(outcome.textContent()).resolves.toBe(`darya.csv: 13 weeks of ${REP} taken (0 replaced earlier figures).`);
    await page.getByTestId(`rep-${repKey}-contacts-year`).waitFor();
    const fromCsv = await cells(`rep-${repKey}`);
    const borisFromCsv = await cells('rep-boris ivanov');
    const teamFromCsv = await cells('team-total');

    const lines: string[] = [];
    for (const [figure, byHand] of Object.entries(BY_HAND)) {
      expect(fromCsv[figure]!.value, figure).toBe(byHand);
      expect(borisFromCsv[figure]!.value, `Boris ${figure}`).toBe(BORIS_BY_HAND[figure as keyof typeof BORIS_BY_HAND]);
      expect(teamFromCsv[figure]!.value, `team ${figure}`).toBe(TEAM_BY_HAND[figure]);
      lines.push(`${figure} | ${teamFromCsv[figure]!.value} | ${TEAM_BY_HAND[figure]} | ${Number(teamFromCsv[figure]!.target).toFixed(2)}`);
    }
    // The CSV gives monthly KPIs per month: no weekly figure is made up for them.
    for (const kpi of ['ecustomers', 'devices', 'visitors', 'revenue']) expect(fromCsv[`${kpi}-week`]!.value).toBeNull();
    console.log(['team figure | team page (two CSVs) | by hand | team target on the page', ...lines].join('\n'));
    if (process.env.KPI_SCREENSHOTS === '1') await page.screenshot({ path: 'docs/screenshots/team.png', fullPage: true });

    // The same rep's JSON export replaces the CSV's weeks: the same month and year figures.
    const jsonOutcome = await drop('darya.json', jsonPath);
    await expect(jsonOutcome.textContent()).resolves.toBe(`darya.json: 13 weeks of ${REP} taken (13 replaced earlier figures).`);
    await page.getByTestId(`rep-${repKey}-ecustomers-week`).and(page.locator('[data-value]')).waitFor();
    const fromJson = await cells(`rep-${repKey}`);
    for (const figure of Object.keys(fromCsv).filter((key) => !key.endsWith('-week') || key.startsWith('contacts') || key.startsWith('equotes'))) {
      expect(fromJson[figure], figure).toEqual(fromCsv[figure]);
    }
    expect(await page.locator('[data-testid^="team-rep-"]').count()).toBe(2);
    await page.close();
  }, 240_000);
});
