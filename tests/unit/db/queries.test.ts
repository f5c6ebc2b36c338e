import { beforeEach, describe, expect, it } from 'vitest';
import {
  KpiDatabase,
  addEventOnce,
  countBetween,
  noteRuleMatched,
  recentEvents,
  removeEvent,
  revenueBetween,
  type CountEvent,
} from '@/lib/db';
import { loadSettings, saveSettings } from '@/lib/db/settings';

let database: KpiDatabase;
beforeEach(async () => {
  database = new KpiDatabase(`q-${crypto.randomUUID()}`);
  await database.open();
});

const ev = (key: string, kpi: CountEvent['kpi'], at: number, extra: Partial<CountEvent> = {}): CountEvent => ({
  key,
  kpi,
  at,
  source: 'detected',
  ...extra,
});

describe('events', () => {
  it('adds an event once per key', async () => {
    expect(await addEventOnce(database, ev('a', 'contacts', 10))).toBe(true);
    expect(await addEventOnce(database, ev('a', 'contacts', 20))).toBe(false);
    expect(await database.events.count()).toBe(1);
    expect((await database.events.get('a'))?.at).toBe(10);
  });

  it('counts per KPI in [from, to)', async () => {
    await database.events.bulkAdd([ev('1', 'contacts', 10), ev('2', 'contacts', 20), ev('3', 'equotes', 15), ev('4', 'contacts', 30)]);
    expect(await countBetween(database, 'contacts', 10, 30)).toBe(2);
    expect(await countBetween(database, 'contacts', 11, 31)).toBe(2);
    expect(await countBetween(database, 'equotes', 0, 100)).toBe(1);
  });

  it('sums revenue per currency without mixing currencies', async () => {
    await database.events.bulkAdd([
      ev('r1', 'revenue', 10, { amount: 100.1, currency: 'USD' }),
      ev('r2', 'revenue', 11, { amount: 0.2, currency: 'USD' }),
      ev('r3', 'revenue', 12, { amount: 50, currency: 'EUR' }),
      ev('r4', 'revenue', 99, { amount: 70, currency: 'EUR' }),
    ]);
    const sums = await revenueBetween(database, 0, 50);
    expect(sums.sort((a, b) => a.currency.localeCompare(b.currency))).toEqual([
      { currency: 'EUR', amount: 50 },
      { currency: 'USD', amount: 100.3 },
    ]);
  });

  it('lists events newest first, by KPI', async () => {
    await database.events.bulkAdd([ev('1', 'contacts', 10), ev('2', 'equotes', 20), ev('3', 'contacts', 30)]);
    expect((await recentEvents(database)).map((e) => e.key)).toEqual(['3', '2', '1']);
    expect((await recentEvents(database, { kpi: 'contacts', limit: 1 })).map((e) => e.key)).toEqual(['3']);
  });

  it('removes an event and says whether it existed', async () => {
    await addEventOnce(database, ev('x', 'devices', 1));
    expect(await removeEvent(database, 'x')).toBe(true);
    expect(await removeEvent(database, 'x')).toBe(false);
  });

  it('keeps rule health: count and last match', async () => {
    await noteRuleMatched(database, 'odoo', 'web-save', 5);
    await noteRuleMatched(database, 'odoo', 'web-save', 9);
    expect(await database.health.get(['odoo', 'web-save'])).toEqual({ adapter: 'odoo', rule: 'web-save', count: 2, lastMatched: 9 });
  });
});

describe('settings storage', () => {
  it('returns defaults when nothing is stored', async () => {
    const s = await loadSettings(database);
    expect(s.teamSize).toBe(4);
    expect(s.weekStart).toBe(1);
  });

  it('refuses invalid settings and keeps what was stored', async () => {
    await saveSettings(database, { repName: 'Ann', teamSize: 3 });
    await expect(saveSettings(database, { teamSize: -1 })).rejects.toThrow();
    expect((await loadSettings(database)).teamSize).toBe(3);
  });

  it('keeps the valid fields of a stored value that no longer validates', async () => {
    await database.kv.put({ k: 'settings', v: { repName: 'Ann', teamSize: 'many', currency: 'EUR' } });
    const s = await loadSettings(database);
    expect(s.repName).toBe('Ann');
    expect(s.currency).toBe('EUR');
    expect(s.teamSize).toBe(4);
  });
});

describe('running revenue sums', () => {
  it('follow adds and deletes without re-reading, and ignore aborted adds', async () => {
    await database.events.bulkAdd([ev('r1', 'revenue', 10, { amount: 100.1, currency: 'USD' })]);
    expect(await revenueBetween(database, 0, 100)).toEqual([{ currency: 'USD', amount: 100.1 }]);
    await addEventOnce(database, ev('r2', 'revenue', 20, { amount: 0.2, currency: 'USD' }));
    await addEventOnce(database, ev('r2', 'revenue', 20, { amount: 0.2, currency: 'USD' })); // duplicate: aborted
    await addEventOnce(database, ev('r3', 'revenue', 500, { amount: 7, currency: 'USD' })); // outside the range
    await addEventOnce(database, ev('r4', 'revenue', 30, { amount: 5, currency: 'EUR' }));
    expect(database.periodSums.revenue(0, 100)).toBeDefined();
    expect(await revenueBetween(database, 0, 100)).toEqual([
      { currency: 'USD', amount: 100.3 },
      { currency: 'EUR', amount: 5 },
    ]);
    await removeEvent(database, 'r4');
    expect(await revenueBetween(database, 0, 100)).toEqual([{ currency: 'USD', amount: 100.3 }]);
    // The kept sums equal a fresh read.
    const fresh = new KpiDatabase(database.name);
    await fresh.open();
    expect(await revenueBetween(fresh, 0, 100)).toEqual(await revenueBetween(database, 0, 100));
    fresh.close();
  });

  it('a different range is read afresh', async () => {
    await database.events.bulkAdd([ev('a', 'revenue', 10, { amount: 1, currency: 'USD' }), ev('b', 'revenue', 60, { amount: 2, currency: 'USD' })]);
    expect(await revenueBetween(database, 0, 50)).toEqual([{ currency: 'USD', amount: 1 }]);
    expect(await revenueBetween(database, 0, 100)).toEqual([{ currency: 'USD', amount: 3 }]);
  });
});

describe('running counts', () => {
  it('follow adds and deletes of their KPI and range, and ignore aborted adds', async () => {
    await database.events.bulkAdd([ev('c1', 'contacts', 10), ev('d1', 'devices', 10)]);
    expect(await countBetween(database, 'contacts', 0, 100)).toBe(1);
    expect(database.periodSums.count('contacts', 0, 100)).toBe(1);
    await addEventOnce(database, ev('c2', 'contacts', 20));
    await addEventOnce(database, ev('c2', 'contacts', 20)); // duplicate: aborted
    await addEventOnce(database, ev('c3', 'contacts', 500)); // outside the range
    await addEventOnce(database, ev('d2', 'devices', 30)); // another KPI
    expect(database.periodSums.count('contacts', 0, 100)).toBe(2);
    await removeEvent(database, 'c1');
    expect(await countBetween(database, 'contacts', 0, 100)).toBe(1);
    // The kept count equals a fresh read.
    const fresh = new KpiDatabase(database.name);
    await fresh.open();
    expect(await countBetween(fresh, 'contacts', 0, 100)).toBe(await countBetween(database, 'contacts', 0, 100));
    fresh.close();
  });

  it('a table clear or an update drops them, and the next read counts again', async () => {
    await database.events.bulkAdd([ev('c1', 'contacts', 10), ev('c2', 'contacts', 20)]);
    expect(await countBetween(database, 'contacts', 0, 100)).toBe(2);
    await database.events.where('key').equals('c1').modify({ at: 200 });
    expect(database.periodSums.count('contacts', 0, 100)).toBeUndefined();
    expect(await countBetween(database, 'contacts', 0, 100)).toBe(1);
    await database.events.clear();
    database.periodSums.invalidate();
    expect(await countBetween(database, 'contacts', 0, 100)).toBe(0);
  });
});

describe('expected writes', () => {
  it('count before their write commits, and the commit does not count them again', async () => {
    await database.events.bulkAdd([ev('c1', 'contacts', 10), ev('r1', 'revenue', 10, { amount: 1.5, currency: 'USD' })]);
    expect(await countBetween(database, 'contacts', 0, 100)).toBe(1);
    expect(await revenueBetween(database, 0, 100)).toEqual([{ currency: 'USD', amount: 1.5 }]);
    const c2 = ev('c2', 'contacts', 20);
    const r2 = ev('r2', 'revenue', 20, { amount: 2.25, currency: 'USD' });
    expect(database.periodSums.expect([c2, r2])).toEqual([c2, r2]);
    // Shown at once, before anything is written.
    expect(database.periodSums.count('contacts', 0, 100)).toBe(2);
    expect(database.periodSums.revenue(0, 100)).toEqual(new Map([['USD', 375]]));
    expect(await database.events.count()).toBe(2);
    // A second expectation of the same key is not taken in.
    expect(database.periodSums.expect([c2])).toEqual([]);
    expect(database.periodSums.count('contacts', 0, 100)).toBe(2);
    expect(await addEventOnce(database, c2)).toBe(true);
    expect(await addEventOnce(database, r2)).toBe(true);
    expect(database.periodSums.count('contacts', 0, 100)).toBe(2);
    expect(await revenueBetween(database, 0, 100)).toEqual([{ currency: 'USD', amount: 3.75 }]);
    // Once written, taking them back changes nothing.
    database.periodSums.unexpect(['c2', 'r2']);
    expect(database.periodSums.count('contacts', 0, 100)).toBe(2);
    const fresh = new KpiDatabase(database.name);
    await fresh.open();
    expect(await countBetween(fresh, 'contacts', 0, 100)).toBe(2);
    fresh.close();
  });

  it('are taken back when the write finds the record there already', async () => {
    await database.events.bulkAdd([ev('c1', 'contacts', 10)]);
    expect(await countBetween(database, 'contacts', 0, 100)).toBe(1);
    const again = ev('c1', 'contacts', 10);
    database.periodSums.expect([again]);
    expect(database.periodSums.count('contacts', 0, 100)).toBe(2);
    expect(await addEventOnce(database, again)).toBe(false);
    // The failed add changed nothing; the one who expected it takes it back.
    expect(database.periodSums.count('contacts', 0, 100)).toBe(2);
    database.periodSums.unexpect(['c1']);
    expect(database.periodSums.count('contacts', 0, 100)).toBe(1);
  });

  it('are known to be under way until their write commits or they are taken back', async () => {
    const c2 = ev('c2', 'contacts', 20);
    const c3 = ev('c3', 'contacts', 30);
    database.periodSums.expect([c2, c3]);
    expect(database.periodSums.expecting('c2')).toBe(true);
    expect(database.periodSums.expecting('c4')).toBe(false);
    expect(await addEventOnce(database, c2)).toBe(true);
    expect(database.periodSums.expecting('c2')).toBe(false);
    database.periodSums.unexpect(['c3']);
    expect(database.periodSums.expecting('c3')).toBe(false);
  });

  it('keep no range read while one is under way, since the read may or may not have seen it', async () => {
    await database.events.bulkAdd([ev('c1', 'contacts', 10)]);
    database.periodSums.expect([ev('c2', 'contacts', 20)]);
    expect(await countBetween(database, 'contacts', 0, 100)).toBe(1);
    expect(database.periodSums.count('contacts', 0, 100)).toBeUndefined();
    database.periodSums.unexpect(['c2']);
    expect(await countBetween(database, 'contacts', 0, 100)).toBe(1);
    expect(database.periodSums.count('contacts', 0, 100)).toBe(1);
  });
});
