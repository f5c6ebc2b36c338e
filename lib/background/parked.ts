import { browser } from 'wxt/browser';
import type { CountEvent } from '@/lib/db';

/**
 * Counts that could not go into the database yet, kept in `storage.local` (outside the
 * database's quota) one item per key, so a retry or a restarted worker overwrites rather than
 * doubles:
 *  - `burst`: held because they came faster than a rep creates by hand, until the rep decides;
 *  - `storage-full`: the database refused the write for lack of space; written again later.
 */
export type ParkReason = 'burst' | 'storage-full';

export interface ParkedCount {
  event: CountEvent;
  reason: ParkReason;
  /** The tab the record was detected in. */
  tabId?: number;
}

const PREFIX = 'parked:';
const itemKey = (reason: ParkReason, key: string) => `${PREFIX}${reason}:${key}`;

export async function park(events: CountEvent[], reason: ParkReason, tabId?: number): Promise<void> {
  if (events.length === 0) return;
  const items: Record<string, ParkedCount> = {};
  for (const event of events) items[itemKey(reason, event.key)] = { event, reason, ...(tabId !== undefined && { tabId }) };
  await browser.storage.local.set(items);
}

export async function listParked(reason: ParkReason, tabId?: number): Promise<ParkedCount[]> {
  const all = await browser.storage.local.get(null);
  const found: ParkedCount[] = [];
  for (const [k, value] of Object.entries(all)) {
    if (!k.startsWith(`${PREFIX}${reason}:`) || value === undefined || value === null) continue;
    const parked = value as ParkedCount;
    if (tabId === undefined || parked.tabId === tabId) found.push(parked);
  }
  return found.sort((a, b) => a.event.at - b.event.at);
}

export async function isParked(reason: ParkReason, key: string): Promise<boolean> {
  const k = itemKey(reason, key);
  return (await browser.storage.local.get(k))[k] !== undefined;
}

export async function unpark(parked: ParkedCount[]): Promise<void> {
  if (parked.length > 0) await browser.storage.local.remove(parked.map((p) => itemKey(p.reason, p.event.key)));
}

/** A write refused because the disk or the browser's quota for the extension is full. */
export function isStorageFull(error: unknown): boolean {
  for (let e = error as { name?: string; inner?: unknown } | undefined, depth = 0; e && depth < 4; depth += 1) {
    if (e.name === 'QuotaExceededError') return true;
    e = e.inner as typeof e;
  }
  return false;
}
