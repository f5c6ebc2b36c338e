import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { KpiDatabase, countBetween, daySumsOf, DAY_SUMS_ZONE_KEY, revenueBetween, type CountEvent } from '@/lib/db';
import { defaultSettings } from '@/lib/kpi/settings';

// The version-1 schema exactly as it shipped: the upgrade test opens a database written by it.
function openVersion1(name: string) {
  const v1 = new Dexie(name);
  v1.version(1).stores({ events: 'key, [kpi+at], at', visitors: 'month', kv: 'k' });
  return v1;
}

function openVersion3(name: string) {
  const v3 = openVersion1(name);
  v3.version(2).stores({ health: '[adapter+rule], adapter' });
  v3.version(3).stores({ blocked: 'key' });
  return v3;
}

describe('database versions', () => {
  it('reads data written at version 1 intact after upgrading to the current version', async () => {
    const name = `migration-${crypto.randomUUID()}`;
    const v1 = openVersion1(name);
    const events: CountEvent[] = [
      { key: 'hubspot:contact:1', kpi: 'contacts', at: 1_700_000_000_000, source: 'detected', adapter: 'hubspot', kind: 'contact', recordId: '1', rule: 'net-create' },
      { key: 'manual:revenue:a', kpi: 'revenue', at: 1_700_000_100_000, source: 'manual', amount: 1234.5, currency: 'USD' },
    ];
    await v1.table('events').bulkAdd(events);
    await v1.table('visitors').put({ month: '2023-11', value: 321, updatedAt: 1 });
    await v1.table('kv').put({ k: 'settings', v: { repName: 'R', teamSize: 6 } });
    v1.close();

    const current = new KpiDatabase(name);
    await current.open();
    expect(current.verno).toBeGreaterThan(1);
    expect(await current.events.orderBy('key').toArray()).toEqual([...events].sort((a, b) => a.key.localeCompare(b.key)));
    expect(await current.visitors.get('2023-11')).toEqual({ month: '2023-11', value: 321, updatedAt: 1 });
    expect((await current.kv.get('settings'))?.v).toEqual({ repName: 'R', teamSize: 6 });
    // The indexes of version 1 still answer after the upgrade, and the new table is usable.
    expect(await countBetween(current, 'contacts', 1_699_999_999_999, 1_700_000_000_001)).toBe(1);
    expect(await revenueBetween(current, 0, Number.MAX_SAFE_INTEGER)).toEqual([{ currency: 'USD', amount: 1234.5 }]);
    await current.health.put({ adapter: 'hubspot', rule: 'net-create', count: 1, lastMatched: 5 });
    expect(await current.health.count()).toBe(1);
    current.close();
  });

  it('adds the blocked-keys table at version 3 and keeps version-2 data', async () => {
    const name = `migration-${crypto.randomUUID()}`;
    const v2 = openVersion1(name);
    v2.version(2).stores({ health: '[adapter+rule], adapter' });
    await v2.open();
    await v2.table('health').put({ adapter: 'odoo', rule: 'odoo-web-save-create', count: 3, lastMatched: 9 });
    await v2.table('events').add({ key: 'odoo:contact:9', kpi: 'contacts', at: 1, source: 'detected' });
    v2.close();

    const current = new KpiDatabase(name);
    await current.open();
    expect(current.verno).toBeGreaterThanOrEqual(3);
    expect(await current.health.get(['odoo', 'odoo-web-save-create'])).toEqual({ adapter: 'odoo', rule: 'odoo-web-save-create', count: 3, lastMatched: 9 });
    expect(await current.events.get('odoo:contact:9')).toMatchObject({ kpi: 'contacts' });
    await current.blocked.put({ key: 'odoo:contact:9', at: 2 });
    expect(await current.blocked.get('odoo:contact:9')).toEqual({ key: 'odoo:contact:9', at: 2 });
    current.close();
  });

  it('builds the day sums from the stored events at version 4, in the time zone of the stored settings', async () => {
    const name = `migration-${crypto.randomUUID()}`;
    const v3 = openVersion3(name);
    // 20:00 UTC on 1 March is already 2 March in Kolkata.
    const events: CountEvent[] = [
      { key: 'hubspot:contact:1', kpi: 'contacts', at: Date.UTC(2026, 2, 1, 20), source: 'detected' },
      { key: 'hubspot:contact:2', kpi: 'contacts', at: Date.UTC(2026, 2, 1, 10), source: 'detected' },
      { key: 'manual:revenue:a', kpi: 'revenue', at: Date.UTC(2026, 2, 1, 21), source: 'manual', amount: 12.5, currency: 'USD' },
    ];
    await v3.table('events').bulkAdd(events);
    await v3.table('kv').put({ k: 'settings', v: { repName: 'R', timeZone: 'Asia/Kolkata' } });
    await v3.table('blocked').put({ key: 'odoo:contact:9', at: 2 });
    v3.close();

    const current = new KpiDatabase(name);
    await current.open();
    expect(current.verno).toBe(4);
    expect(await current.daySums.toArray()).toEqual([
      { day: '2026-03-01', counts: { contacts: 1 }, revenue: [] },
      { day: '2026-03-02', counts: { contacts: 1, revenue: 1 }, revenue: [{ currency: 'USD', cents: 1250, first: [Date.UTC(2026, 2, 1, 21), 'manual:revenue:a'] }] },
      { day: DAY_SUMS_ZONE_KEY, timeZone: 'Asia/Kolkata' },
    ]);
    // What was there before is untouched.
    expect(await current.events.count()).toBe(3);
    expect(await current.blocked.get('odoo:contact:9')).toEqual({ key: 'odoo:contact:9', at: 2 });
    await current.delete();
  });

  it('builds the day sums in the browser’s time zone when no settings are stored', async () => {
    const name = `migration-${crypto.randomUUID()}`;
    const v3 = openVersion3(name);
    const event: CountEvent = { key: 'odoo:contact:9', kpi: 'contacts', at: 1, source: 'detected' };
    await v3.table('events').add(event);
    v3.close();

    const current = new KpiDatabase(name);
    await current.open();
    const zone = defaultSettings().timeZone;
    expect(await current.daySums.toArray()).toEqual([...daySumsOf([event], zone), { day: DAY_SUMS_ZONE_KEY, timeZone: zone }]);
    await current.delete();
  });
});
