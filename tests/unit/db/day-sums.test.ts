import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import {
  addEventOnce,
  addToDay,
  daySumsIn,
  daySumsOf,
  DAY_SUMS_ZONE_KEY,
  emptyDay,
  isZoneRow,
  KpiDatabase,
  removeEvent,
  type CountEvent,
  type DaySums,
} from '@/lib/db';
import { local } from '../export/helpers';

const BERLIN = 'Europe/Berlin';
const KOLKATA = 'Asia/Kolkata';

let opened: KpiDatabase[] = [];
afterEach(async () => {
  await Promise.all(opened.map((database) => database.delete()));
  opened = [];
});

function openDatabase(): KpiDatabase {
  const database = new KpiDatabase(`day-sums-${crypto.randomUUID()}`);
  opened.push(database);
  return database;
}

const contact = (key: string, at: number): CountEvent => ({ key, kpi: 'contacts', at, source: 'detected' });
const order = (key: string, at: number, amount: number, currency?: string): CountEvent => ({
  key,
  kpi: 'revenue',
  at,
  source: 'manual',
  amount,
  ...(currency !== undefined && { currency }),
});

/** The stored day rows, oldest first, and the zone they are kept for. */
async function stored(database: KpiDatabase): Promise<{ zone: string | undefined; days: DaySums[] }> {
  const rows = await database.daySums.toArray();
  const zone = rows.find(isZoneRow)?.timeZone;
  return { zone, days: rows.filter((row): row is DaySums => !isZoneRow(row)) };
}

/** Builds the sums for the zone (as the first export does), so that writes from here on keep them. */
async function keepSumsIn(database: KpiDatabase, timeZone: string): Promise<void> {
  await daySumsIn(database, timeZone, 0, 1);
}

describe('day sums of events', () => {
  it('counts each KPI per local day and sums revenue per currency in integer cents', () => {
    const days = daySumsOf(
      [
        contact('a', local(KOLKATA, 2026, 3, 1, 23, 59)),
        contact('b', local(KOLKATA, 2026, 3, 2, 0, 0)),
        order('c', local(KOLKATA, 2026, 3, 2, 9), 0.1),
        order('d', local(KOLKATA, 2026, 3, 2, 10), 0.2, 'EUR'),
        order('e', local(KOLKATA, 2026, 3, 2, 11), 1.005, 'EUR'),
      ],
      KOLKATA,
    );
    expect(days).toEqual([
      { day: '2026-03-01', counts: { contacts: 1 }, revenue: [] },
      {
        day: '2026-03-02',
        // The order without a currency counts as an event but cannot be attributed to any.
        counts: { contacts: 1, revenue: 3 },
        revenue: [{ currency: 'EUR', cents: 20 + Math.round(1.005 * 100), first: [local(KOLKATA, 2026, 3, 2, 10), 'd'] }],
      },
    ]);
  });

  it('orders a day’s currencies by their first event, time then key, whatever order they are added in', () => {
    const at = local(BERLIN, 2026, 5, 4, 12);
    const events = [order('z', at + 5, 1, 'USD'), order('b', at, 0, 'GBP'), order('a', at, 2, 'JPY'), order('y', at - 1, 3, 'USD')];
    const day = emptyDay('2026-05-04');
    for (const event of events) addToDay(day, event);
    expect(day.revenue.map((r) => [r.currency, r.cents])).toEqual([
      ['USD', 400],
      ['JPY', 200],
      // A zero amount still names its currency, as the events it sums did.
      ['GBP', 0],
    ]);
    expect(daySumsOf([...events].reverse(), BERLIN)).toEqual([day]);
  });
});

describe('day sums kept by every write to events', () => {
  it('are not kept until built, then follow adds, and a duplicate key changes nothing', async () => {
    const database = openDatabase();
    await addEventOnce(database, contact('a', local(BERLIN, 2026, 3, 2, 9)));
    expect(await stored(database)).toEqual({ zone: undefined, days: [] });

    await keepSumsIn(database, BERLIN);
    expect(await addEventOnce(database, contact('b', local(BERLIN, 2026, 3, 2, 10)))).toBe(true);
    expect(await addEventOnce(database, contact('b', local(BERLIN, 2026, 3, 3, 10)))).toBe(false);
    await expect(database.events.bulkAdd([contact('c', local(BERLIN, 2026, 3, 4, 1)), contact('a', local(BERLIN, 2026, 3, 4, 1))])).rejects.toBeInstanceOf(
      Dexie.BulkError,
    );
    expect(await stored(database)).toEqual({
      zone: BERLIN,
      days: [
        { day: '2026-03-02', counts: { contacts: 2 }, revenue: [] },
        { day: '2026-03-04', counts: { contacts: 1 }, revenue: [] },
      ],
    });
  });

  it('follow several writes in flight in one transaction', async () => {
    const database = openDatabase();
    await keepSumsIn(database, BERLIN);
    const at = local(BERLIN, 2026, 3, 2, 9);
    await database.transaction('rw', database.events, async () => {
      await Promise.all([1, 2, 3, 4, 5].map((n) => database.events.add(order(`o${n}`, at + n, n, n % 2 ? 'EUR' : 'USD'))));
      await Promise.all([database.events.delete('o1'), database.events.add(contact('c', at))]);
    });
    const { days } = await stored(database);
    expect(days).toEqual(daySumsOf(await database.events.toArray(), BERLIN));
    expect(days[0]!.revenue.map((r) => [r.currency, r.cents])).toEqual([
      ['USD', 600],
      ['EUR', 800],
    ]);
  });

  it('roll back with the events when the transaction fails', async () => {
    const database = openDatabase();
    await keepSumsIn(database, BERLIN);
    await addEventOnce(database, contact('a', local(BERLIN, 2026, 3, 2, 9)));
    const before = await stored(database);
    await expect(
      database.transaction('rw', database.events, async () => {
        await database.events.add(contact('b', local(BERLIN, 2026, 3, 2, 9)));
        await database.events.delete('a');
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    expect(await stored(database)).toEqual(before);
  });

  it('move a replaced event to its new day and recount a day whose first event went', async () => {
    const database = openDatabase();
    await keepSumsIn(database, BERLIN);
    const monday = local(BERLIN, 2026, 3, 2, 9);
    await database.events.bulkAdd([order('a', monday, 1, 'USD'), order('b', monday + 1, 2, 'EUR'), order('c', monday + 2, 3, 'USD')]);
    await removeEvent(database, 'a');
    expect((await stored(database)).days[0]!.revenue.map((r) => r.currency)).toEqual(['EUR', 'USD']);

    await database.events.put(order('b', local(BERLIN, 2026, 3, 5, 9), 2, 'EUR'));
    await database.events.where('key').equals('c').modify({ currency: 'GBP' });
    expect((await stored(database)).days).toEqual([
      { day: '2026-03-02', counts: { revenue: 1 }, revenue: [{ currency: 'GBP', cents: 300, first: [monday + 2, 'c'] }] },
      { day: '2026-03-05', counts: { revenue: 1 }, revenue: [{ currency: 'EUR', cents: 200, first: [local(BERLIN, 2026, 3, 5, 9), 'b'] }] },
    ]);
    await database.events.clear();
    expect(await stored(database)).toEqual({ zone: BERLIN, days: [] });
  });

  it('are dropped by a write too large to follow, and the next reader builds them again', async () => {
    const database = openDatabase();
    await keepSumsIn(database, BERLIN);
    const events = Array.from({ length: 300 }, (_, i) => contact(`c${i}`, local(BERLIN, 2026, 1, 1 + (i % 200), 9)));
    await database.events.bulkAdd(events);
    expect((await stored(database)).zone).toBe(BERLIN);
    await database.events.bulkDelete(events.slice(0, 250).map((e) => e.key));
    expect(await stored(database)).toEqual({ zone: undefined, days: [] });

    const days = await daySumsIn(database, BERLIN, local(BERLIN, 2026, 1, 1, 0), local(BERLIN, 2027, 1, 1, 0));
    expect(days).toEqual(daySumsOf(events.slice(250), BERLIN));
    expect((await stored(database)).zone).toBe(BERLIN);
  });

  it('are built again for another time zone when the rep moves to it', async () => {
    const database = openDatabase();
    await keepSumsIn(database, BERLIN);
    // 22:30 in Berlin on 1 March is 03:00 on 2 March in Kolkata.
    const late = local(BERLIN, 2026, 3, 1, 22, 30);
    await addEventOnce(database, contact('a', late));
    const range = [local(KOLKATA, 2026, 3, 1, 0), local(KOLKATA, 2026, 3, 3, 0)] as const;
    expect((await daySumsIn(database, KOLKATA, ...range)).map((d) => d.day)).toEqual(['2026-03-02']);
    expect((await stored(database)).zone).toBe(KOLKATA);
    await addEventOnce(database, contact('b', late + 1));
    expect((await stored(database)).days).toEqual([{ day: '2026-03-02', counts: { contacts: 2 }, revenue: [] }]);
  });

  it('writes the zone row under a key no date range holds', () => {
    expect(DAY_SUMS_ZONE_KEY > '9999-12-31').toBe(true);
  });
});
