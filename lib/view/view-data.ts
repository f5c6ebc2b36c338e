import type { CountEvent } from '@/lib/db/events';
import type { Snapshot } from '@/lib/kpi/snapshot-types';

/**
 * Everything the popup and the sidebar need for their first paint, in one answer: the pages then
 * need neither the database nor the calendar code to show the six KPIs. The background builds it
 * (lib/background/view-data.ts) after every write and keeps it in `storage.session`.
 */
export interface ViewData {
  snapshot: Snapshot;
  /** The settings a view formats and exports with. */
  timeZone: string;
  /** JS day number the rep's week starts on. */
  weekStart: number;
  currency: string;
  repName: string;
  /** The calendar month of "now" in the rep's time zone, for the visitors figure. */
  month: { key: string; start: number; end: number };
  /** The visitors figure entered for that month, if any. */
  visitorsThisMonth?: number;
  /** The last counted events, newest first. */
  recent: CountEvent[];
  /** Counts kept aside because the browser's storage is full; written as soon as there is room. */
  waiting?: number;
}
