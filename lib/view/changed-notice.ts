import type { KpiId } from '@/lib/kpi/definitions';
import type { ChangedNotice } from '@/lib/messages/schemas';

/**
 * The background's "kpi-changed" notice, read without zod: the popup and the sidebar page listen
 * for it and must not load the schema library just to start. Accepts exactly what
 * `ChangedNoticeSchema` accepts (a unit test holds the two together).
 */
const KPI_IDS: ReadonlySet<string> = new Set<KpiId>(['contacts', 'equotes', 'ecustomers', 'devices', 'visitors', 'revenue']);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function readCounted(raw: unknown): ChangedNotice['counted'][number] | undefined {
  if (!isRecord(raw) || typeof raw.key !== 'string' || typeof raw.kpi !== 'string' || !KPI_IDS.has(raw.kpi)) return undefined;
  if (raw.kind !== undefined && typeof raw.kind !== 'string') return undefined;
  return { key: raw.key, kpi: raw.kpi as KpiId, ...(raw.kind !== undefined && { kind: raw.kind }) };
}

/** The notice, or undefined for any other message. */
export function readChangedNotice(message: unknown): ChangedNotice | undefined {
  if (!isRecord(message) || message.type !== 'kpi-changed') return undefined;
  // Missing lists are empty; present ones (null included) must be lists.
  const counted = message.counted === undefined ? [] : message.counted;
  const removed = message.removed === undefined ? [] : message.removed;
  if (!Array.isArray(counted) || !Array.isArray(removed)) return undefined;
  if (!removed.every((key): key is string => typeof key === 'string')) return undefined;
  const entries = counted.map(readCounted);
  if (entries.some((entry) => entry === undefined)) return undefined;
  const notice: ChangedNotice = { type: 'kpi-changed', counted: entries as ChangedNotice['counted'], removed };
  for (const name of ['tabId', 'held', 'waiting'] as const) {
    const value = message[name];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isInteger(value) || (name !== 'tabId' && value < 0)) return undefined;
    notice[name] = value;
  }
  return notice;
}
