import { describe, expect, it } from 'vitest';
import { nextRolloverAt } from '@/lib/background/rollover';
import { defaultSettings } from '@/lib/kpi';

describe('nextRolloverAt', () => {
  it('is the end of the current week for the default weekly KPIs, in the rep time zone', () => {
    const settings = defaultSettings({ timeZone: 'Europe/Berlin' });
    // Wednesday 2026-11-25 12:00 UTC → next Monday 00:00 Berlin (UTC+1) = Sunday 23:00 UTC.
    expect(nextRolloverAt(settings, Date.UTC(2026, 10, 25, 12))).toBe(Date.UTC(2026, 10, 29, 23));
  });

  it('is the month end when it comes before the week end', () => {
    const settings = defaultSettings({ timeZone: 'UTC' });
    // Saturday 2026-10-31: the month ends at midnight, the week on Monday 2026-11-02.
    expect(nextRolloverAt(settings, Date.UTC(2026, 9, 31, 10))).toBe(Date.UTC(2026, 10, 1));
  });
});
