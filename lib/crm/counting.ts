import type { DetectedRecord, RecordRef } from './record';
import type { AdapterInput, RecordKpi } from './adapter-schema';

/** One unit a detected record adds to a KPI. `key` is unique in the database. */
export interface RecordEvent {
  key: string;
  kpi: RecordKpi;
  amount?: number;
  currency?: string;
}

/** The customer key shared by "first order of an account" and accounts mapped to e-customers. */
function customerKey(adapter: string, accountId: string): string {
  return `${adapter}:customer:${accountId}`;
}

/**
 * What a detected record counts toward. Rules:
 * - contacts only with an email;
 * - revenue only with an amount above zero (currency carried along);
 * - a revenue record with an account also counts the account as a new e-customer, keyed by the
 *   account, so only the account's first counted record adds one (the key is unique);
 * - a kind mapped straight to ecustomers (an account) uses that same customer key.
 * The first event keeps the plain `adapter:kind:recordId` key; further KPIs of the same record
 * get `:kpi` appended so the keys stay unique.
 */
export function eventsForRecord(record: DetectedRecord, adapter: AdapterInput): RecordEvent[] {
  const kind = adapter.kinds[record.kind];
  if (!kind) return [];
  const baseKey = `${record.adapter}:${record.kind}:${record.recordId}`;
  const events: RecordEvent[] = [];
  const usedKeys = new Set<string>();
  const push = (event: RecordEvent) => {
    if (usedKeys.has(event.key)) return;
    usedKeys.add(event.key);
    events.push(event);
  };
  const recordKey = (kpi: RecordKpi) => (usedKeys.has(baseKey) ? `${baseKey}:${kpi}` : baseKey);
  const kpis = kind.kpis ?? [];

  for (const kpi of kpis) {
    switch (kpi) {
      case 'contacts':
        if (record.hasEmail === true) push({ key: recordKey(kpi), kpi });
        break;
      case 'revenue':
        if (record.amount !== undefined && record.amount > 0) {
          const event: RecordEvent = { key: recordKey(kpi), kpi, amount: record.amount };
          if (record.currency) event.currency = record.currency;
          push(event);
        }
        break;
      case 'ecustomers':
        push({ key: customerKey(record.adapter, record.recordId), kpi });
        break;
      default:
        push({ key: recordKey(kpi), kpi });
    }
  }
  const countsNewCustomer = kpis.includes('revenue') && kind.newCustomer !== false && !kpis.includes('ecustomers');
  if (countsNewCustomer && record.accountId !== undefined) {
    push({ key: customerKey(record.adapter, record.accountId), kpi: 'ecustomers' });
  }
  return events;
}

/**
 * The key a record gets toward `kpi`: the key detection gives it when every condition (an email,
 * an amount) holds, so a record counted by hand and the same record detected never count twice.
 * A KPI the record's kind does not feed gets `adapter:kind:id:kpi`, which detection never gives.
 */
export function recordKeyFor(record: RecordRef, kpi: RecordKpi, adapter: AdapterInput): string {
  if (kpi === 'ecustomers') return customerKey(record.adapter, record.recordId);
  const everyCondition = { ...record, rule: 'manual', hasEmail: true, amount: 1 };
  const detected = eventsForRecord(everyCondition, adapter).find((event) => event.kpi === kpi);
  return detected?.key ?? `${record.adapter}:${record.kind}:${record.recordId}:${kpi}`;
}
