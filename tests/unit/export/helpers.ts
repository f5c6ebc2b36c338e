import { TZDate } from '@date-fns/tz';
import type { CountEvent } from '@/lib/db/events';
import type { KpiId } from '@/lib/kpi/definitions';
import { parseSettings, type Settings } from '@/lib/kpi/settings';
import type { WeeklyRow } from '@/lib/export/schema';

export const BERLIN = 'Europe/Berlin';

/** Epoch ms of a wall-clock time in a zone; month is 1-based. */
export function local(zone: string, y: number, m: number, d: number, h = 12, min = 0): number {
  return new TZDate(y, m - 1, d, h, min, zone).getTime();
}

let serial = 0;
export function countEvent(kpi: KpiId, at: number, extra: Partial<CountEvent> = {}): CountEvent {
  serial += 1;
  return { key: `test:${kpi}:${serial}`, kpi, at, source: 'detected', ...extra };
}

export function revenueEvent(at: number, amount: number, currency: string): CountEvent {
  return countEvent('revenue', at, { amount, currency });
}

export function settingsFor(overrides: Record<string, unknown> = {}): Settings {
  return parseSettings({ repName: 'Anna', timeZone: BERLIN, currency: 'EUR', ...overrides });
}

/** A complete valid row to vary in CSV and JSON tests. */
export function sampleRow(overrides: Partial<WeeklyRow> = {}): WeeklyRow {
  return {
    rep: 'Anna',
    week: '2026-W48',
    week_start: '2026-11-23',
    contacts: 5,
    equotes: 2,
    ecustomers: 1,
    devices: 12,
    visitors_month: 310,
    visitors_month_key: '2026-11',
    revenue: 1234.5,
    revenue_other: '',
    currency: 'EUR',
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
    target_revenue: 93500,
    target_revenue_period: 'year',
    ...overrides,
  };
}

export { weeklyRows } from './reference-export';
