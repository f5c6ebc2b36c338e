import type { RecordKpi } from '@/lib/crm/adapter-schema';
import type { Exchange } from '@/lib/crm/page-signals';
import type { LandingLink } from './landing-links';

/**
 * What a tab showed while the rep taught KPI Pacer one save: every non-GET exchange of the page's
 * own origin (and the adapter's API hosts), in time order, with the page's address before the
 * request and after its answer. Kept in memory only, for the teaching window.
 */
/**
 * Every candidate is one of these. A native form submission (a full page load answered by a
 * redirect to the new record) fits the same shape: method POST, the submitted fields as a
 * form-encoded `requestBody`, no answer body, and `pageUrlAfter` the page it was redirected to,
 * whose address then carries the new id (`navigation` says so; the ranking takes the id from
 * that address instead of an answer).
 */
export interface TaughtExchange extends Exchange {
  /** When the answer arrived (ms since the epoch, from the injectable clock). */
  at: number;
  /** The page's address when the request was made. */
  pageUrlBefore: string;
  /** The page's address once the answer was in (a record page when the app opened the new record). */
  pageUrlAfter?: string;
  /**
   * A native form submission (a full page load), not fetch/XHR: `pageUrlAfter` is the page the
   * tab landed on, and `redirected` whether the server sent the browser there (a form shown
   * again after a failed save was not redirected).
   */
  navigation?: { redirected: boolean };
  /** The links of the page a form submission landed on, when its address named no new record. */
  landingLinks?: LandingLink[];
}

/** What the rep is about to create. Kinds map to the KPI they feed. */
export const TEACH_KINDS = ['contact', 'quote', 'order', 'device', 'custom'] as const;
export type TeachKind = (typeof TEACH_KINDS)[number];

export interface TeachIntent {
  kind: TeachKind;
  /** For `custom`: the KPI the records feed and a short name ("service contract"). */
  kpi?: RecordKpi;
  customName?: string;
  /** Values the rep said they would type: they pick the create call and the fields to read. */
  email?: string;
  amount?: number;
  /** The record counts once the rep confirms it (a Validate link after saving), not when it is saved. */
  confirm?: boolean;
}

export const KPI_OF_KIND: Readonly<Record<Exclude<TeachKind, 'custom'>, RecordKpi>> = {
  contact: 'contacts',
  quote: 'equotes',
  order: 'revenue',
  device: 'devices',
};

/** The KPI the taught records feed. */
export function kpiOf(intent: TeachIntent): RecordKpi {
  return intent.kind === 'custom' ? (intent.kpi ?? 'devices') : KPI_OF_KIND[intent.kind];
}

/** The kind id the taught adapter uses (a custom kind gets a slug of its name). */
export function kindIdOf(intent: TeachIntent): string {
  if (intent.kind !== 'custom') return intent.kind;
  const slug = (intent.customName ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return slug ? `custom-${slug}` : 'custom';
}
