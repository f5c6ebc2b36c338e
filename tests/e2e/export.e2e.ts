import { copyFile, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CountEvent } from '@/lib/db/events';
import { localIsoDate } from '@/lib/export/dates';
import { monthKey } from '@/lib/kpi/periods';
import type { Snapshot } from '@/lib/kpi/snapshot-types';
import { getMessageFrom, readMessages } from '@/tests/unit/i18n/locale-messages';
import { launchExtension, listEvents, restartServiceWorker, sendToBackground, snapshot, type ExtensionSession } from './harness';
import { convertToFods, csvImportFilter, csvSections, readFods, tableFrom, type ReadTable, type SheetCell } from './lib/libreoffice';
import { putEvents } from './lib/seed-events';

/**
 * The manager's side of the export: the files the popup downloads, opened in LibreOffice Calc
 * (headless) the way a spreadsheet opens them, in English and in Russian. What Calc read is
 * checked against the app: revenue cells are numbers adding up to the app's total, counts add
 * up to the evidence log, each month's visitors figure appears once, the rep's Cyrillic name
 * survives, headers and sheet names are in the rep's language. Four Calc runs in all.
 */

const REP = 'Анна Петрова';
const DAY = 86_400_000;
const WEEK = 7 * DAY;

/** Revenue as the issue saw it imported as text, plus amounts with cents. */
const REVENUE_AMOUNTS = [351_000, 1_250.5, 0.99, 12_345.67];
/** Counted events per KPI, spread over the last ten weeks. */
const COUNTS = { contacts: 9, equotes: 5, ecustomers: 3, devices: 7 } as const;

interface Seeded {
  snapshot: Snapshot;
  timeZone: string;
  /** The evidence log: every counted event per KPI. */
  evidence: Record<string, number>;
  /** The visitors figures entered, by month. */
  visitors: Map<string, number>;
}

/**
 * Past events go straight into the extension's database, spread over ten weeks (revenue over
 * the year so far); then the service worker restarts so the app reads them as it would after
 * any restart.
 */
async function seed(session: ExtensionSession, popup: Page): Promise<Seeded> {
  expect(await sendToBackground(session, { type: 'save-settings', settings: { repName: REP, currency: 'USD' } })).toMatchObject({ ok: true });
  const view = await sendToBackground<{ timeZone: string }>(session, { type: 'view-data', recent: 1 });
  if (!view.ok) throw new Error(view.error);
  const timeZone = view.data.timeZone;
  const before = await snapshot(session);
  const weekStart = before.kpis.find((k) => k.kpi === 'contacts')!.periodStart;
  const yearStart = before.kpis.find((k) => k.kpi === 'revenue')!.periodStart;
  const now = before.at;

  const events: CountEvent[] = [];
  for (const [kpi, count] of Object.entries(COUNTS)) {
    for (let i = 0; i < count; i++) {
      // From nine weeks before this week's start up to now: inside the last 13 weeks whatever the day.
      const at = Math.floor(weekStart - 9 * WEEK + ((now - (weekStart - 9 * WEEK)) * (i + 0.5)) / count);
      events.push({ key: `manual:seed-${kpi}-${i}`, kpi: kpi as keyof typeof COUNTS, at, source: 'manual' });
    }
  }
  REVENUE_AMOUNTS.forEach((amount, i) => {
    const at = Math.floor(yearStart + ((now - yearStart) * (i + 0.5)) / REVENUE_AMOUNTS.length);
    events.push({ key: `manual:seed-revenue-${i}`, kpi: 'revenue', at, source: 'manual', amount, currency: 'USD' });
  });
  await putEvents(popup, events);

  // Two months' visitors figures: this month's and the one five weeks back.
  const visitors = new Map([
    [monthKey(weekStart - 5 * WEEK, timeZone), 240],
    [monthKey(now, timeZone), 310],
  ]);
  for (const [month, value] of visitors) {
    expect(await sendToBackground(session, { type: 'set-visitors', month, value })).toMatchObject({ ok: true });
  }
  await restartServiceWorker(session);

  const evidence: Record<string, number> = {};
  for (const event of await listEvents(session)) evidence[event.kpi] = (evidence[event.kpi] ?? 0) + 1;
  return { snapshot: await snapshot(session), timeZone, evidence, visitors };
}

/** The built chunk holding the .xlsx writer: the one file that writes xl/sharedStrings.xml. */
async function writerChunk(): Promise<string> {
  const chunks = join(resolve(process.env.KPI_EXTENSION_DIR ?? '.output/chrome-mv3'), 'chunks');
  const names: string[] = [];
  for (const name of await readdir(chunks)) if ((await readFile(join(chunks, name), 'utf8')).includes('xl/sharedStrings.xml')) names.push(name);
  expect(names).toHaveLength(1);
  return `chunks/${names[0]}`;
}

/** Follows the scripts a page has compiled (those before this call included), as paths inside the extension. */
async function watchScripts(page: Page): Promise<() => string[]> {
  const client = await page.context().newCDPSession(page);
  const urls: string[] = [];
  client.on('Debugger.scriptParsed', (event) => urls.push(event.url));
  await client.send('Debugger.enable');
  return () => urls.filter((url) => url.startsWith('chrome-extension://')).map((url) => new URL(url).pathname.slice(1));
}

async function download(popup: Page, testId: string, dir: string): Promise<string> {
  const [file] = await Promise.all([popup.waitForEvent('download'), popup.getByTestId(testId).click()]);
  const path = join(dir, file.suggestedFilename());
  await copyFile(await file.path(), path);
  return path;
}

const numeric = (cell: SheetCell | undefined): number => {
  expect(['float', 'percentage', 'currency']).toContain(cell?.type);
  return cell!.value as number;
};
const sum = (table: ReadTable, header: string): number => table.rows.reduce((total, row) => total + numeric(row.get(header)), 0);
const cents = (amount: number): number => Math.round(amount * 100);

interface Tables {
  weeks: ReadTable;
  months: ReadTable;
  year: ReadTable;
}

/** What every format must satisfy once Calc has read it. */
function checkTables(tables: Tables, seeded: Seeded, t: ReturnType<typeof getMessageFrom>, ratioType: SheetCell['type']): void {
  const { weeks, months, year } = tables;
  // Headers in the rep's language.
  expect(weeks.headers.slice(0, 5)).toEqual([t('export_colRep'), t('export_colWeek'), t('export_colLastDay'), t('export_colWeekNumber'), t('kpi_contacts')]);
  expect(weeks.headers).toContain(t('export_colRatio', t('kpi_equotes')));
  expect(months.headers).toContain(t('kpi_visitors'));
  expect(year.headers).toContain(t('export_colRevenue', 'USD'));

  // The rep's name, unharmed, on every row.
  for (const table of [weeks, months, year]) {
    expect(table.rows.length).toBeGreaterThan(0);
    for (const row of table.rows) expect(row.get(t('export_colRep'))).toEqual({ type: 'string', value: REP });
  }

  // Revenue cells are numbers; they add up to the app's total for the year.
  const revenueTotal = seeded.snapshot.kpis.find((k) => k.kpi === 'revenue')!.value;
  expect(cents(revenueTotal)).toBe(REVENUE_AMOUNTS.reduce((total, amount) => total + cents(amount), 0));
  expect(cents(sum(year, t('export_colRevenue', 'USD')))).toBe(cents(revenueTotal));
  expect(cents(numeric(year.rows.at(-1)!.get(t('export_colYearToDate', 'USD'))))).toBe(cents(revenueTotal));

  // Counts add up to the evidence log: weekly KPIs per week, monthly ones per month.
  expect(sum(weeks, t('kpi_contacts'))).toBe(seeded.evidence.contacts);
  expect(sum(weeks, t('kpi_equotes'))).toBe(seeded.evidence.equotes);
  expect(sum(months, t('kpi_ecustomers'))).toBe(seeded.evidence.ecustomers);
  expect(sum(months, t('kpi_devices'))).toBe(seeded.evidence.devices);
  expect(weeks.rows[0]!.get(t('export_colRatio', t('kpi_contacts')))!.type).toBe(ratioType);

  // Visitors: a column of the months table only, each month's figure once.
  expect(weeks.headers.some((header) => header.includes(t('kpi_visitors')))).toBe(false);
  const monthCells = months.rows.map((row) => row.get(t('export_colMonth'))!);
  expect(monthCells.every((cell) => cell.type === 'date')).toBe(true);
  expect(new Set(monthCells.map((cell) => cell.value)).size).toBe(months.rows.length);
  const enteredVisitors = months.rows
    .map((row) => [String(row.get(t('export_colMonth'))!.value).slice(0, 7), row.get(t('kpi_visitors'))!] as const)
    .filter(([, cell]) => cell.type !== 'empty')
    .map(([month, cell]): [string, number] => [month, numeric(cell)]);
  expect(new Map(enteredVisitors)).toEqual(seeded.visitors);

  // Weeks as dates; only the running week is marked as such.
  const weekFrom = weeks.rows.map((row) => row.get(t('export_colWeek'))!);
  expect(weekFrom.every((cell) => cell.type === 'date')).toBe(true);
  const thisWeek = seeded.snapshot.kpis.find((k) => k.kpi === 'contacts')!.periodStart;
  expect(weekFrom.at(-1)!.value).toBe(localIsoDate(thisWeek, seeded.timeZone));
  expect(weeks.rows.map((row) => row.get(t('export_colPartial'))!.value)).toEqual([...weeks.rows.slice(1).map(() => null), t('export_partialYes')]);
  expect(months.rows.at(-1)!.get(t('export_colPartial'))!.value).toBe(t('export_partialYes'));
}

const LOCALES = [
  { locale: 'en', languageId: 1033, separator: ',', dialect: 'comma' },
  { locale: 'ru', languageId: 1049, separator: ';', dialect: 'semicolon' },
] as const;

describe.each(LOCALES)('export in $locale, opened in LibreOffice', ({ locale, languageId, separator, dialect }) => {
  const t = getMessageFrom(readMessages(locale));
  let session: ExtensionSession;
  let popup: Page;
  let dir: string;
  let profile: string;
  let seeded: Seeded;
  let loadedScripts: () => string[];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), `kpi-export-${locale}-`));
    // Calc's own profile for this run: Calc processes sharing one wait on its lock.
    profile = await mkdtemp(join(tmpdir(), `kpi-soffice-${locale}-`));
    session = await launchExtension({ uiLanguage: locale });
    popup = await session.context.newPage();
    await popup.goto(`chrome-extension://${session.extensionId}/popup.html`);
    await popup.getByTestId('kpi-card-contacts').waitFor();
    loadedScripts = await watchScripts(popup);
    seeded = await seed(session, popup);
    await popup.getByTestId('export-range').selectOption('last-13');
  });

  afterAll(async () => {
    await session?.close();
    await rm(dir, { recursive: true, force: true });
    await rm(profile, { recursive: true, force: true });
  });

  it('speaks the rep’s language and picks their spreadsheet’s CSV separator', async () => {
    expect(await popup.getByTestId('export-xlsx').textContent()).toBe(t('export_xlsx'));
    expect(await popup.getByTestId('export-csv-dialect').inputValue()).toBe(dialect);
  });

  it('downloads a workbook that Calc reads as numbers and dates, sheet by sheet', async () => {
    // The workbook writer is a chunk of its own, fetched on the first workbook export only.
    const writer = await writerChunk();
    // The export code itself is fetched once the popup idles: the watch sees chunks load.
    await expect.poll(() => loadedScripts().some((path) => /^chunks\/export-run-/.test(path))).toBe(true);
    expect(loadedScripts()).not.toContain(writer);
    const file = await download(popup, 'export-xlsx', dir);
    expect(loadedScripts()).toContain(writer);
    expect(file).toMatch(/kpi-pacer_анна-петрова_\d{4}-W\d\d_\d{4}-W\d\d\.xlsx$/);
    const [fods] = await convertToFods([file], dir, profile);
    // Calc prints it landscape, scaled to one page wide (scale-to-X) and as many pages tall as it takes.
    const layouts = [...(await readFile(fods!, 'utf8')).matchAll(/<style:page-layout-properties\b[^>]*>/g)].map(([tag]) => tag);
    expect(layouts.length).toBeGreaterThan(0);
    for (const layout of layouts) {
      expect(layout).toContain('style:print-orientation="landscape"');
      expect(layout).toContain('style:scale-to-X="1"');
      expect(layout).not.toMatch(/style:scale-to-Y="[1-9]/);
    }
    // The header row is frozen in every sheet (a view setting, which a headless Calc does not save).
    const workbook = unzipSync(await readFile(file));
    for (const index of [1, 2, 3]) {
      expect(strFromU8(workbook[`xl/worksheets/sheet${index}.xml`]!)).toMatch(/<pane [^>]*ySplit="1"[^>]*state="frozen"/);
    }
    const sheets = await readFods(fods!);
    expect([...sheets.keys()]).toEqual([t('export_sheetWeeks'), t('export_sheetMonths'), t('export_sheetYear')]);
    const table = (name: string) => {
      const [header = [], ...rows] = sheets.get(name)!;
      return tableFrom(header, rows);
    };
    checkTables({ weeks: table(t('export_sheetWeeks')), months: table(t('export_sheetMonths')), year: table(t('export_sheetYear')) }, seeded, t, 'percentage');
  });

  it(`downloads CSV that Calc splits on "${separator}" and reads as numbers and dates`, async () => {
    const file = await download(popup, 'export-csv', dir);
    expect(file).toMatch(/kpi-pacer_анна-петрова_\d{4}-W\d\d_\d{4}-W\d\d\.csv$/);
    const bytes = await readFile(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [fods] = await convertToFods([file], dir, profile, csvImportFilter(separator, languageId));
    const [sheet] = [...(await readFods(fods!)).values()];
    const names = { weeks: t('export_sheetWeeks'), months: t('export_sheetMonths'), year: t('export_sheetYear') };
    const sections = csvSections(sheet!, Object.values(names));
    expect([...sections.keys()]).toEqual(Object.values(names));
    checkTables({ weeks: sections.get(names.weeks)!, months: sections.get(names.months)!, year: sections.get(names.year)! }, seeded, t, 'float');
  });
});
