import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { BURST_LIMIT, BurstGuard } from '@/lib/background/burst';
import { loadSentRecord, NUDGES_SENT_KEY, runNudges, type NudgeDeps } from '@/lib/background/nudges';
import { park } from '@/lib/background/parked';
import { addEventOnce, KpiDatabase } from '@/lib/db';
import { saveSettings } from '@/lib/db/settings';

/** The background's reminder run: what it reads, when it holds back, and what it remembers. */

let database: KpiDatabase;
let deps: NudgeDeps & { show: ReturnType<typeof vi.fn> };
/** Wednesday 16 December 2026 11:00 in Berlin. */
const NOW = Date.parse('2026-12-16T10:00:00Z');

beforeEach(async () => {
  fakeBrowser.reset();
  database = new KpiDatabase(`n-${crypto.randomUUID()}`);
  await database.open();
  await saveSettings(database, { timeZone: 'Europe/Berlin', currency: 'USD', countingSince: '2026-06-01', reminders: { on: true } });
  for (let i = 0; i < 5; i++) await addEventOnce(database, { key: `manual:contacts:${i}`, kpi: 'contacts', at: NOW - 3_600_000, source: 'manual' });
  deps = { now: () => NOW, burst: new BurstGuard(), allowed: async () => true, show: vi.fn(async () => 'shown') };
});

describe('runNudges', () => {
  it('shows what is due once, remembering it in storage.local', async () => {
    expect((await runNudges(database, deps)).map((n) => n.id)).toEqual(['met:contacts:2026-W51']);
    expect(deps.show).toHaveBeenCalledTimes(1);
    expect(await loadSentRecord()).toEqual({ sent: { 'met:contacts:2026-W51': NOW }, lastDay: { contacts: '2026-12-16' } });
    expect(await runNudges(database, deps)).toEqual([]);
    expect(deps.show).toHaveBeenCalledTimes(1);
  });

  it('shows nothing without the notifications permission, and remembers nothing', async () => {
    expect(await runNudges(database, { ...deps, allowed: async () => false })).toEqual([]);
    expect(deps.show).not.toHaveBeenCalled();
    expect(await loadSentRecord()).toEqual({ sent: {}, lastDay: {} });
  });

  it('waits while records are held for the rep\'s word, or a tab is in a burst', async () => {
    await park([{ key: 'manual:held', kpi: 'contacts', at: NOW, source: 'manual' }], 'burst', 3);
    expect(await runNudges(database, deps)).toEqual([]);
    await fakeBrowser.storage.local.remove('parked:burst:manual:held');

    const guard = new BurstGuard();
    for (let i = 0; i < BURST_LIMIT; i++) guard.admit(3, NOW - 1000 + i, [`k${i}`]);
    expect(guard.inBurst(NOW)).toBe(true);
    expect(await runNudges(database, { ...deps, burst: guard })).toEqual([]);
    // A minute later the burst is over.
    expect(guard.inBurst(NOW + 60_000)).toBe(false);
    expect((await runNudges(database, { ...deps, now: () => NOW + 60_000, burst: guard })).map((n) => n.id)).toEqual(['met:contacts:2026-W51']);
  });

  it('takes a damaged record of what was sent as empty, and a notification that failed as not shown', async () => {
    await fakeBrowser.storage.local.set({ [NUDGES_SENT_KEY]: { sent: 'nonsense' } });
    const failing = { ...deps, show: vi.fn(async () => Promise.reject(new Error('no notification centre'))) };
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(await runNudges(database, failing)).toEqual([]);
    // Still remembered as sent: a reminder is never risked twice.
    expect(Object.keys((await loadSentRecord()).sent)).toEqual(['met:contacts:2026-W51']);
  });
});
