import { beforeEach, describe, expect, it } from 'vitest';
import { ensureCountingSince } from '@/lib/background/counting-since';
import { KpiDatabase } from '@/lib/db';
import { loadSettings, saveSettings } from '@/lib/db/settings';

let database: KpiDatabase;
// Monday 30 November 2026, 23:30 in New York: already 1 December in UTC.
const installAt = Date.parse('2026-12-01T04:30:00Z');

beforeEach(async () => {
  database = new KpiDatabase(`since-${crypto.randomUUID()}`);
  await database.open();
  await saveSettings(database, { timeZone: 'America/New_York' });
});

describe('the counting start', () => {
  it('is install day in the rep\'s time zone on a fresh profile', async () => {
    expect(await ensureCountingSince(database, installAt)).toBe('2026-11-30');
    expect((await loadSettings(database)).countingSince).toBe('2026-11-30');
  });

  it('goes back to the first counted record for a profile from before pro-rating', async () => {
    await database.events.add({ key: 'manual:contacts:1', kpi: 'contacts', at: Date.parse('2026-10-05T15:00:00Z'), source: 'manual' });
    expect(await ensureCountingSince(database, installAt)).toBe('2026-10-05');
  });

  it('keeps a date the rep set', async () => {
    await saveSettings(database, { ...(await loadSettings(database)), countingSince: '2026-11-16' });
    expect(await ensureCountingSince(database, installAt)).toBe('2026-11-16');
  });
});
