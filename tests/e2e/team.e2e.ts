import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CountEvent } from '@/lib/db/events';
import { weeklyCsv as toCsv } from '@/tests/unit/team/weekly-csv';
import { localIsoDate, monthOfWeek } from '@/lib/export/dates';
import type { WeeklyRow } from '@/lib/export/schema';
import { isoWeekLabel, periodRange } from '@/lib/kpi/periods';
import type { TeamSyncStatus } from '@/lib/team/sync/status';
import { launchExtension, listEvents, sendToBackground, snapshot, waitFor, type ExtensionSession } from './harness';
import { startCouchServer, type CouchServer } from './lib/couch-server';

/**
 * The manager's side against a real CouchDB-protocol server (PouchDB Server on 127.0.0.1):
 * three reps (one of them on two browsers) count through the extension's own messages and send
 * their weeks; the manager's team page shows the totals, leaderboard and projection; the server
 * goes down while reps keep counting and comes back; a stale revision (409); a wrong password.
 *
 * A headless browser cannot click a permission prompt, so this suite builds a variant whose
 * manifest already holds http://127.0.0.1/* (for a granted origin `permissions.request`
 * resolves true at once).
 */
const BUILD = resolve('.output-team');
const EXTENSION_DIR = join(BUILD, 'chrome-mv3');
const DATABASE = 'team';
const USERS = [
  { user: 'anna', password: 'anna-pw', role: 'reps' as const },
  { user: 'boris', password: 'boris-pw', role: 'reps' as const },
  { user: 'vera', password: 'vera-pw', role: 'reps' as const },
  { user: 'boss', password: 'boss-pw', role: 'managers' as const },
];
const DOC_PREFIX = 'kpi-pacer:week:';

/** A rep's exported week with the default targets, to vary for a dropped file. */
const teamRow: WeeklyRow = {
  rep: '',
  week: '2026-W01',
  week_start: '2025-12-29',
  contacts: 0,
  equotes: 0,
  ecustomers: 0,
  devices: 0,
  visitors_month: null,
  visitors_month_key: '2026-01',
  revenue: 0,
  revenue_other: '',
  currency: 'USD',
  target_contacts: 5,
  target_contacts_period: 'week',
  target_equotes: 2,
  target_equotes_period: 'week',
  target_ecustomers: 2,
  target_ecustomers_period: 'month',
  target_devices: 20,
  target_devices_period: 'month',
  target_visitors: 250,
  target_visitors_period: 'month',
  target_revenue: 100_000,
  target_revenue_period: 'year',
};

let server: CouchServer;
const sessions: ExtensionSession[] = [];

interface Rep {
  name: string;
  /** Every browser of this rep (Anna has two). */
  sessions: ExtensionSession[];
}
const reps: Record<'anna' | 'boris' | 'vera', Rep> = {
  anna: { name: 'Anna Petrova', sessions: [] },
  boris: { name: 'Boris Ivanov', sessions: [] },
  vera: { name: 'Vera Smirnova', sessions: [] },
};

async function launch(): Promise<ExtensionSession> {
  const session = await launchExtension({ extensionDir: EXTENSION_DIR });
  sessions.push(session);
  return session;
}

async function ok<T>(session: ExtensionSession, message: Record<string, unknown>): Promise<T> {
  const answer = await sendToBackground<T>(session, message);
  if (!answer.ok) throw new Error(`${String(message.type)} refused: ${answer.error}`);
  return answer.data;
}

/** Options → Team sync, filled and saved as a person would. */
async function connect(session: ExtensionSession, user: string, password: string, push = true): Promise<Page> {
  // Any attempt from here on is this save's: read before the form opens, not between the typing
  // and the click, so an attempt that lands while the form is filled is not taken for an old one.
  const before = (await syncStatus(session)).lastAttemptAt ?? 0;
  const page = await session.context.newPage();
  await page.goto(`chrome-extension://${session.extensionId}/options.html#section-teamSync`);
  const section = page.getByTestId('section-teamSync');
  await section.waitFor();
  await section.getByTestId('team-sync-url').fill(server.url);
  await section.getByTestId('team-sync-database').fill(DATABASE);
  await section.getByTestId('team-sync-user').fill(user);
  await section.getByTestId('team-sync-password').fill(password);
  if (!push) await section.getByTestId('team-sync-push').uncheck();
  await section.getByTestId('team-sync-save').click();
  // Saved and tried: the status shows an attempt later than any before the form opened.
  await page.locator('[data-testid="team-sync-status"][data-attempt]').and(page.locator(`:not([data-attempt="${before}"])`)).waitFor();
  return page;
}

async function count(session: ExtensionSession, kpi: 'contacts' | 'equotes' | 'ecustomers' | 'devices', times: number) {
  for (let i = 0; i < times; i += 1) await ok(session, { type: 'add-manual', kpi });
}

async function syncStatus(session: ExtensionSession): Promise<TeamSyncStatus> {
  return ok<TeamSyncStatus>(session, { type: 'team-sync-get' });
}

interface ServerDoc {
  _id: string;
  _rev: string;
  rep: string;
  device: string;
  week: string;
  kpis: Record<string, { count?: number | null; sum?: number }>;
}

async function serverDocs(): Promise<ServerDoc[]> {
  const { json } = await server.request('GET', `/${DATABASE}/_all_docs?include_docs=true`);
  return (json.rows as { id: string; doc: ServerDoc }[]).filter((row) => row.id.startsWith(DOC_PREFIX)).map((row) => row.doc);
}

/** What a rep counted on all their browsers, from each browser's own event list. */
async function localEvents(rep: Rep): Promise<CountEvent[]> {
  return (await Promise.all(rep.sessions.map((s) => listEvents(s)))).flat();
}

/** One rep however the name was typed on each browser. */
const sameRep = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

async function serverTotal(rep: Rep, kpi: string): Promise<number> {
  return (await serverDocs())
    .filter((doc) => sameRep(doc.rep, rep.name))
    .reduce((sum, doc) => sum + (kpi === 'revenue' ? (doc.kpis.revenue!.sum ?? 0) : (doc.kpis[kpi]!.count ?? 0)), 0);
}

/** Waits until the server holds exactly what every browser of every rep counted. */
async function waitForServerToMatch(timeoutMs: number) {
  let last = '';
  await waitFor(
    async () => {
      const lines: string[] = [];
      let same = true;
      for (const rep of Object.values(reps)) {
        const events = await localEvents(rep);
        for (const kpi of ['contacts', 'equotes', 'ecustomers', 'devices'] as const) {
          const local = events.filter((e) => e.kpi === kpi).length;
          const remote = await serverTotal(rep, kpi);
          lines.push(`${rep.name} ${kpi} ${local}/${remote}`);
          if (local !== remote) same = false;
        }
      }
      last = lines.join(', ');
      return same;
    },
    timeoutMs,
    'the server to hold every count',
  ).catch(async (err: Error) => {
    const states = await Promise.all(Object.values(reps).flatMap((rep) => rep.sessions.map((s) => syncStatus(s).then((st) => JSON.stringify(st)))));
    throw new Error(`${err.message} (local/server: ${last}; send states: ${states.join(' | ')}; server log: ${server.log.slice(-8).join(' | ')})`);
  });
}

async function openTeamPage(session: ExtensionSession): Promise<Page> {
  const page = await session.context.newPage();
  await page.setViewportSize({ width: 1180, height: 900 });
  await page.goto(`chrome-extension://${session.extensionId}/team.html`);
  await page.locator('[data-testid="team-page"][data-loaded="yes"]').waitFor();
  return page;
}

async function cellValue(page: Page, testId: string): Promise<number> {
  return Number(await page.getByTestId(testId).getAttribute('data-value'));
}

/** Local calendar helpers written out by hand (Monday weeks, ISO week-numbering year). */
function mondayOf(at: number): Date {
  const day = new Date(at);
  day.setHours(0, 0, 0, 0);
  day.setDate(day.getDate() - ((day.getDay() + 6) % 7));
  return day;
}
function isoYearOf(at: number): number {
  const thursday = mondayOf(at);
  thursday.setDate(thursday.getDate() + 3);
  return thursday.getFullYear();
}
/** Milliseconds of Monday–Friday between two instants, day by day in local time. */
function workingMs(from: number, to: number): number {
  let total = 0;
  const day = new Date(from);
  day.setHours(0, 0, 0, 0);
  while (day.getTime() < to) {
    const next = new Date(day);
    next.setDate(next.getDate() + 1);
    if (day.getDay() >= 1 && day.getDay() <= 5) total += Math.max(0, Math.min(to, next.getTime()) - Math.max(from, day.getTime()));
    day.setTime(next.getTime());
  }
  return total;
}
/** The calendar year holding `at`. */
function calendarYear(at: number): { year: number; start: number; end: number } {
  const year = new Date(at).getFullYear();
  return { year, start: new Date(year, 0, 1).getTime(), end: new Date(year + 1, 0, 1).getTime() };
}
/**
 * In the team page's year to date: weeks sent to the server count in the year of their middle
 * day (Thursday), as the export assigns a week to a month.
 */
const inYearOf = (now: number) => (e: CountEvent) => isoYearOf(e.at) === calendarYear(now).year;

beforeAll(async () => {
  execFileSync('npx', ['wxt', 'build'], { env: { ...process.env, KPI_OUT_DIR: BUILD, KPI_TEST_HOSTS: 'http://127.0.0.1/*' }, stdio: 'pipe' });
  server = await startCouchServer(DATABASE, USERS);
}, 240_000);

afterAll(async () => {
  for (const session of sessions) await session.close().catch(() => undefined);
  await server?.close();
});

describe('team page over a CouchDB server', () => {
  it('three reps (one on two browsers) push their weeks; the manager sees totals, leaderboard and projection', async () => {
    for (const [key, rep] of Object.entries(reps)) {
      const session = await launch();
      rep.sessions.push(session);
      await ok(session, { type: 'save-settings', settings: { repName: rep.name } });
      const user = USERS.find((u) => u.user === key)!;
      const options = await connect(session, user.user, user.password);
      expect(await options.getByTestId('team-sync-status').getAttribute('data-problem')).toBe('');
      await options.close();
    }
    // Anna's second browser, the same name typed with other spacing and case.
    const annaLaptop = await launch();
    reps.anna.sessions.push(annaLaptop);
    await ok(annaLaptop, { type: 'save-settings', settings: { repName: '  anna petrova ' } });
    await (await connect(annaLaptop, 'anna', 'anna-pw')).close();

    const [anna, annaTwo] = reps.anna.sessions as [ExtensionSession, ExtensionSession];
    const boris = reps.boris.sessions[0]!;
    const vera = reps.vera.sessions[0]!;
    await count(anna, 'contacts', 3);
    await count(anna, 'equotes', 1);
    await ok(anna, { type: 'add-manual', kpi: 'revenue', amount: 1200 });
    await count(annaTwo, 'contacts', 2);
    await ok(annaTwo, { type: 'add-manual', kpi: 'revenue', amount: 300 });
    await count(boris, 'contacts', 5);
    await count(boris, 'equotes', 2);
    await count(boris, 'ecustomers', 1);
    await ok(boris, { type: 'add-manual', kpi: 'revenue', amount: 800.5 });
    await count(vera, 'contacts', 1);
    await count(vera, 'devices', 3);
    await waitForServerToMatch(30_000);
    // Anna's two browsers wrote two documents for the week; each holds only its own counts.
    const annaDocs = (await serverDocs()).filter((doc) => sameRep(doc.rep, reps.anna.name));
    expect(new Set(annaDocs.map((doc) => doc.device)).size).toBe(2);
    for (const doc of await serverDocs()) {
      // Aggregates only: nothing that names a record, a page or a person other than the rep.
      expect(JSON.stringify(doc)).not.toMatch(/manual:|https?:|@/);
    }

    const manager = await launch();
    await (await connect(manager, 'boss', 'boss-pw', false)).close();
    const page = await openTeamPage(manager);
    const now = Number(await page.getByTestId('team-as-of').getAttribute('data-now'));
    expect(await page.getByTestId('team-source-server').getAttribute('data-problem')).toBe('');

    // By hand: every count above was made in the current week (events carry their times).
    const all = [...(await localEvents(reps.anna)), ...(await localEvents(reps.boris)), ...(await localEvents(reps.vera))];
    const thisWeek = mondayOf(now).getTime();
    const inWeek = (e: CountEvent) => e.at >= thisWeek && e.at < thisWeek + 7 * 86_400_000;
    const weekCount = (events: CountEvent[], kpi: string) => events.filter((e) => e.kpi === kpi && inWeek(e)).length;
    const weekContacts = weekCount(all, 'contacts');
    expect(all.filter((e) => e.kpi === 'contacts')).toHaveLength(11);
    expect(await cellValue(page, 'team-total-contacts-week')).toBe(weekContacts);
    expect(await page.getByTestId('team-total-contacts-week').getAttribute('data-target')).toBe(String(3 * 5));
    expect(await cellValue(page, 'team-total-equotes-week')).toBe(weekCount(all, 'equotes'));
    expect(await page.getByTestId('team-total-equotes-week').getAttribute('data-target')).toBe(String(3 * 2));
    // Year to date by hand; 1, 3 and 1200 + 300 + 800.5 unless this week's Thursday is in the next year.
    const inThisYear = inYearOf(now);
    const yearSum = (kpi: string) => all.filter((e) => e.kpi === kpi && inThisYear(e)).reduce((sum, e) => sum + (kpi === 'revenue' ? (e.amount ?? 0) : 1), 0);
    expect(await cellValue(page, 'team-total-ecustomers-year')).toBe(yearSum('ecustomers'));
    expect(await cellValue(page, 'team-total-devices-year')).toBe(yearSum('devices'));
    expect(await cellValue(page, 'team-total-revenue-year')).toBe(yearSum('revenue'));
    if (inThisYear({ at: now } as CountEvent)) expect([yearSum('ecustomers'), yearSum('devices'), yearSum('revenue')]).toEqual([1, 3, 1200 + 300 + 800.5]);
    expect(await page.getByTestId('team-total-revenue-year').getAttribute('data-target')).toBe(String(3 * 100_000));
    // Anna is one rep with both browsers added up.
    const annaWeek = weekCount(await localEvents(reps.anna), 'contacts');
    expect(await cellValue(page, 'rep-anna petrova-contacts-week')).toBe(annaWeek);
    expect(await page.getByTestId('team-rep-anna petrova').getAttribute('data-devices')).toBe('2');
    expect(await page.locator('[data-testid^="team-rep-"]').count()).toBe(3);

    // Ranked on this week's contacts; equal figures share a rank, then names decide the order.
    const byHand = await Promise.all(
      Object.values(reps).map(async (rep) => ({ rep: rep.name, value: weekCount(await localEvents(rep), 'contacts') })),
    );
    byHand.sort((a, b) => b.value - a.value || a.rep.localeCompare(b.rep));
    const ranked = byHand.map((entry) => `${byHand.findIndex((e) => e.value === entry.value) + 1} ${entry.rep} ${entry.value}`);
    // Counted within seconds, so unless a week ended meanwhile: Anna 5, Boris 5, Vera 1.
    if (weekContacts === 11) expect(ranked).toEqual(['1 Anna Petrova 5', '1 Boris Ivanov 5', '3 Vera Smirnova 1']);
    const leaders = page.getByTestId('team-leaders-contacts').locator('li');
    expect(await leaders.evaluateAll((items) => items.map((li) => `${li.getAttribute('data-rank')} ${li.getAttribute('data-rep')} ${li.getAttribute('data-value')}`))).toEqual(ranked);

    // Projection by hand: year-to-date contacts over the share of the calendar year's working time gone.
    const year = calendarYear(now);
    const inYear = inYearOf(now);
    const ytd = all.filter((e) => e.kpi === 'contacts' && inYear(e)).length;
    const expected = (ytd * workingMs(year.start, year.end)) / workingMs(year.start, now);
    const projection = page.getByTestId('team-projection-contacts');
    expect(Number(await projection.getAttribute('data-reaches'))).toBeCloseTo(expected, 6);
    expect(await projection.getAttribute('data-target')).toBe(String(3 * 5 * 52));
    await expect(projection.textContent()).resolves.toContain('at this pace the team reaches');
    // The figures side by side, page and by hand, for the record of this run.
    const yearCount = (kpi: string) => all.filter((e) => e.kpi === kpi && inYear(e)).length;
    const revenueByHand = all.filter((e) => e.kpi === 'revenue' && inYear(e)).reduce((sum, e) => sum + (e.amount ?? 0), 0);
    const lines = [
      ['contacts, this week', await cellValue(page, 'team-total-contacts-week'), weekContacts, '15'],
      ['e-quotes, this week', await cellValue(page, 'team-total-equotes-week'), weekCount(all, 'equotes'), '6'],
      ['new online customers, year to date', await cellValue(page, 'team-total-ecustomers-year'), yearCount('ecustomers'), '72'],
      ['devices, year to date', await cellValue(page, 'team-total-devices-year'), yearCount('devices'), '720'],
      ['revenue (USD), year to date', await cellValue(page, 'team-total-revenue-year'), revenueByHand, '300000'],
      ['contacts projected for the year', Number(await projection.getAttribute('data-reaches')).toFixed(2), expected.toFixed(2), '780'],
    ];
    console.log(['figure | team page | by hand | target', ...lines.map((line) => line.join(' | ')), `leaderboard (contacts this week): ${ranked.join(', ')}`].join('\n'));
    expect(await cellValue(page, 'team-total-revenue-year')).toBe(revenueByHand);

    // The manager's account reads but may not write (the database's validation function).
    const managerWrite = await server.request('PUT', `/${DATABASE}/${encodeURIComponent(`${DOC_PREFIX}boss:x:2026-W01`)}`, { rep: 'boss' }, { user: 'boss', password: 'boss-pw' });
    expect(managerWrite.status).toBe(403);

    await page.close();
    // Five browsers start one after another here: on a loaded machine that alone takes minutes.
  }, 360_000);

  it('the server goes down while reps keep counting; after it is back everything arrives, nothing twice', async () => {
    const anna = reps.anna.sessions[0]!;
    const vera = reps.vera.sessions[0]!;
    await server.stop();
    await count(anna, 'contacts', 2);
    await count(vera, 'contacts', 1);
    await waitFor(async () => (await syncStatus(anna)).problem === 'unreachable' && (await syncStatus(vera)).problem === 'unreachable', 30_000, 'both reps to see the server unreachable');
    const options = await anna.context.newPage();
    await options.goto(`chrome-extension://${anna.extensionId}/options.html#section-teamSync`);
    await expect(options.getByTestId('team-sync-status').textContent()).resolves.toContain('cannot be reached');
    await options.close();
    // Nothing was lost locally.
    expect((await snapshot(anna)).kpis.find((k) => k.kpi === 'contacts')!.value).toBe(5);

    const restartedAt = Date.now();
    await server.start();
    // No new count: the retry after the failed send brings the weeks over by itself.
    await waitForServerToMatch(90_000);
    expect(await serverTotal(reps.anna, 'contacts')).toBe(7);
    expect(await serverTotal(reps.vera, 'contacts')).toBe(2);
    // The server can hold every week before a send has finished its last request. A send still
    // under way would delay the next test's save, which waits for it, by up to a request timeout.
    await waitFor(
      async () => {
        const states = await Promise.all([syncStatus(anna), syncStatus(vera)]);
        return states.every((state) => (state.lastSuccessAt ?? 0) >= restartedAt && state.problem === undefined);
      },
      60_000,
      'both reps\' sends to finish',
    );
  }, 240_000);

  it('a stale revision (409) is re-read and the week written again, never dropped', async () => {
    const boris = reps.boris.sessions[0]!;
    const [doc] = (await serverDocs()).filter((d) => sameRep(d.rep, reps.boris.name));
    // Someone else writes the same document: Boris's browser now holds an old revision.
    const rewritten = await server.request('PUT', `/${DATABASE}/${encodeURIComponent(doc!._id)}`, { ...doc, updatedAt: new Date(0).toISOString() });
    expect(rewritten.status).toBe(201);
    await count(boris, 'contacts', 1);
    await waitForServerToMatch(30_000);
    expect(server.log.filter((line) => line.includes(`PUT /${DATABASE}/${encodeURIComponent(doc!._id)} 409`))).toHaveLength(1);
    const after = (await serverDocs()).find((d) => d._id === doc!._id)!;
    expect(after.kpis.contacts!.count).toBe(6);
    expect(Number(after._rev.split('-')[0])).toBe(Number(rewritten.json.rev.split('-')[0]) + 1);
    expect((await syncStatus(boris)).problem).toBeUndefined();
  });

  it('a wrong password says so, loses nothing, and the week arrives once it is right', async () => {
    const vera = reps.vera.sessions[0]!;
    const options = await connect(vera, 'vera', 'not-her-password');
    expect(await options.getByTestId('team-sync-status').getAttribute('data-problem')).toBe('unauthorized');
    await expect(options.getByTestId('team-sync-status').textContent()).resolves.toContain('refused the user name or password');
    const tried = (await syncStatus(vera)).lastAttemptAt!;
    await count(vera, 'contacts', 1);
    await waitFor(async () => {
      const status = await syncStatus(vera);
      return status.lastAttemptAt! > tried && status.problem === 'unauthorized';
    }, 15_000, 'the send after the count to be refused');
    expect((await snapshot(vera)).kpis.find((k) => k.kpi === 'contacts')!.value).toBe(3);
    expect(await serverTotal(reps.vera, 'contacts')).toBe(2);
    await options.close();

    await (await connect(vera, 'vera', 'vera-pw')).close();
    await waitForServerToMatch(30_000);

    // The manager's page, read again: every count once.
    const manager = sessions[sessions.length - 1]!;
    const page = await openTeamPage(manager);
    const all = [...(await localEvents(reps.anna)), ...(await localEvents(reps.boris)), ...(await localEvents(reps.vera))];
    const now = Number(await page.getByTestId('team-as-of').getAttribute('data-now'));
    expect(await cellValue(page, 'team-total-contacts-year')).toBe(all.filter((e) => e.kpi === 'contacts' && inYearOf(now)(e)).length);
    expect(all.filter((e) => e.kpi === 'contacts').length).toBe(11 + 3 + 1 + 1);
    expect(await cellValue(page, 'rep-anna petrova-contacts-year')).toBe(7);
    expect(await cellValue(page, 'rep-boris ivanov-contacts-year')).toBe(6);
    expect(await cellValue(page, 'rep-vera smirnova-contacts-year')).toBe(3);

    // A fourth rep without the server sends a CSV export; a broken file beside it is refused.
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const galinaCsv = (contacts: number) =>
      toCsv([
        {
          ...teamRow,
          rep: 'Galina Orlova',
          week: isoWeekLabel(now, timeZone),
          week_start: localIsoDate(mondayOf(now).getTime(), timeZone),
          visitors_month_key: monthOfWeek(periodRange('week', now, { timeZone, weekStart: 1 }), timeZone),
          contacts,
        },
      ]);
    const teamBefore = await cellValue(page, 'team-total-contacts-year');
    const drop = async (files: { name: string; text: string }[]) => {
      await page.getByTestId('team-file-input').setInputFiles(files.map((f) => ({ name: f.name, mimeType: 'text/plain', buffer: Buffer.from(f.text) })));
      await page.getByTestId('team-import-outcomes').locator('li').nth(files.length - 1).waitFor();
      await page.locator('[data-testid="team-page"][data-loaded="yes"]').waitFor();
    };
    await drop([
      { name: 'galina.csv', text: galinaCsv(4) },
      { name: 'broken.json', text: '{"schema": "kpi-pacer/weekly", "weeks": [' },
    ]);
    const outcomes = page.getByTestId('team-import-outcomes').locator('li');
    await expect(outcomes.nth(0).getAttribute('data-ok')).resolves.toBe('yes');
    await expect(outcomes.nth(1).getAttribute('data-ok')).resolves.toBe('no');
    await expect(outcomes.nth(1).textContent()).resolves.toBe('broken.json was refused and changed nothing: it is not readable JSON.');
    await page.getByTestId('rep-galina orlova-contacts-year').waitFor();
    expect(await cellValue(page, 'team-total-contacts-year')).toBe(teamBefore + 4);
    // The same rep and week again replaces the earlier file: 5, not 4 + 5.
    await drop([{ name: 'galina-again.csv', text: galinaCsv(5) }]);
    await waitFor(async () => (await cellValue(page, 'rep-galina orlova-contacts-year')) === 5, 10_000, 'the replaced week');
    expect(await cellValue(page, 'team-total-contacts-year')).toBe(teamBefore + 5);
    await page.close();
  }, 240_000);
});
