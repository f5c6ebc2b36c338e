import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { KpiDatabase, countBetween, revenueBetween, type CountEvent } from '@/lib/db';

// The version-1 schema exactly as it shipped: the upgrade test opens a database written by it.
function openVersion1(name: string) {
  const v1 = new Dexie(name);
  v1.version(1).stores({ events: 'key, [kpi+at], at', visitors: 'month', kv: 'k' });
  return v1;
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
});
