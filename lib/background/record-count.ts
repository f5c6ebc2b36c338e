import type { AdapterInput, RecordKpi } from '@/lib/crm/adapter-schema';
import { recordKeyFor } from '@/lib/crm/counting';
import type { RecordRef } from '@/lib/crm/record';
import { addEventOnce, type CountEvent, type KpiDatabase } from '@/lib/db';

/** KPIs the rep may count a record toward by hand. Contacts need an email the page never gives us. */
export const MANUAL_RECORD_KPIS = ['equotes', 'ecustomers', 'devices', 'revenue'] as const satisfies readonly RecordKpi[];
export type ManualRecordKpi = (typeof MANUAL_RECORD_KPIS)[number];

/** Which of the offered KPIs this record already counts toward, with the key to undo each. */
export async function countedKeysFor(
  database: KpiDatabase,
  record: RecordRef,
  adapter: AdapterInput,
): Promise<Partial<Record<ManualRecordKpi, string>>> {
  const counted: Partial<Record<ManualRecordKpi, string>> = {};
  for (const kpi of MANUAL_RECORD_KPIS) {
    const key = recordKeyFor(record, kpi, adapter);
    const event = await database.events.get(key);
    if (event?.kpi === kpi) counted[kpi] = key;
  }
  return counted;
}

export type CountRecordResult = { status: 'counted'; event: CountEvent } | { status: 'already-counted'; key: string };

/** Counts one record toward one KPI once; a second call reports the key already counted. */
export async function countRecord(
  database: KpiDatabase,
  input: { record: RecordRef; kpi: ManualRecordKpi; amount?: number; currency?: string; at: number },
  adapter: AdapterInput,
): Promise<CountRecordResult> {
  const { record, kpi } = input;
  const key = recordKeyFor(record, kpi, adapter);
  const event: CountEvent = {
    key,
    kpi,
    at: input.at,
    source: 'manual',
    adapter: record.adapter,
    kind: record.kind,
    recordId: record.recordId,
    rule: 'sidebar',
    ...(input.amount !== undefined && { amount: input.amount }),
    ...(input.currency !== undefined && { currency: input.currency }),
    ...(record.url !== undefined && { url: record.url }),
  };
  return (await addEventOnce(database, event)) ? { status: 'counted', event } : { status: 'already-counted', key };
}

/**
 * What a record of a common kind can stand for besides what its kind feeds: a company or a
 * person can become an online customer, a deal or an order brings revenue. A company is never a
 * quote or revenue, a quote never a device. Kinds are named alike across the shipped adapters.
 */
const FITTING_KPIS: Readonly<Record<string, readonly ManualRecordKpi[]>> = {
  account: ['ecustomers'],
  contact: ['ecustomers'],
  quote: ['equotes'],
  order: ['revenue'],
  'deal-won': ['revenue'],
  deal: ['revenue'],
  opportunity: ['revenue'],
  device: ['devices'],
};

/**
 * KPIs offered for a record of this kind: the ones its kind feeds (after the rep's mappings),
 * then the ones that fit its kind, nothing else. A kind of the rep's own with no KPI offers none.
 */
export function offeredKpis(adapter: AdapterInput, kind: string): ManualRecordKpi[] {
  const own = new Set<string>(adapter.kinds[kind]?.kpis ?? []);
  const fitting = new Set<string>(FITTING_KPIS[kind] ?? []);
  const offered = MANUAL_RECORD_KPIS.filter((kpi) => own.has(kpi) || fitting.has(kpi));
  return offered.sort((a, b) => Number(own.has(b)) - Number(own.has(a)));
}
