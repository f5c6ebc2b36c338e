import { z } from 'zod';
import { KPI_IDS, PeriodSchema, type KpiId } from '@/lib/kpi/definitions';
import type { PaceStatus } from '@/lib/kpi/snapshot-types';
import { repKey, TeamWeekSchema, type TeamWeek } from '@/lib/team/week';

export const DOC_PREFIX = 'kpi-pacer:week:';
export const DOC_TYPE = 'kpi-pacer/team-week';

// Every status a rep's extension can judge a week by (documents from versions that knew only
// ahead, on track and behind stay valid).
const StatusSchema = z.enum(['ahead', 'on-track', 'at-risk', 'behind', 'not-due', 'met'] satisfies PaceStatus[]);
export type WeekStatuses = Record<KpiId, z.infer<typeof StatusSchema>>;

/**
 * The stable id of one rep's week from one browser: rep + device + week. The same week is
 * always written to the same document, so re-sending replaces and never adds.
 */
export function weekDocId(rep: string, device: string, week: string): string {
  return `${DOC_PREFIX}${repKey(rep)}:${device}:${week}`;
}

const Count = z.number().int().nonnegative().max(1e9);
const KpiEntry = z.strictObject({ count: Count, target: z.number().finite().nonnegative().max(1e15), period: PeriodSchema, status: StatusSchema });

/**
 * What one document holds: per KPI the count (revenue: the sum), target and status; the rep's
 * name and device id; the week. Never record ids, URLs, customer names or emails.
 */
export const WeekDocSchema = z.object({
  _id: z.string().startsWith(DOC_PREFIX).max(400),
  _rev: z.string().max(100).optional(),
  type: z.literal(DOC_TYPE),
  version: z.literal(1),
  rep: TeamWeekSchema.shape.rep,
  device: TeamWeekSchema.shape.device,
  week: TeamWeekSchema.shape.week,
  weekStart: TeamWeekSchema.shape.weekStart,
  month: TeamWeekSchema.shape.month,
  currency: TeamWeekSchema.shape.currency,
  updatedAt: z.iso.datetime(),
  kpis: z.strictObject({
    contacts: KpiEntry,
    equotes: KpiEntry,
    ecustomers: KpiEntry,
    devices: KpiEntry,
    visitors: KpiEntry.extend({ count: Count.nullable() }),
    revenue: KpiEntry.omit({ count: true }).extend({ sum: z.number().finite().nonnegative().max(1e15), other: z.string().max(500) }),
  }),
});
export type WeekDoc = z.infer<typeof WeekDocSchema>;

/** The document for a week, without `_rev` or `updatedAt` (which do not change what it says). */
export function weekDocBody(week: TeamWeek, statuses: WeekStatuses): Omit<WeekDoc, '_rev' | 'updatedAt'> {
  const entry = (kpi: Exclude<KpiId, 'visitors' | 'revenue'>) => ({ count: week.counts[kpi], ...week.targets[kpi], status: statuses[kpi] });
  return {
    _id: weekDocId(week.rep, week.device, week.week),
    type: DOC_TYPE,
    version: 1,
    rep: week.rep,
    device: week.device,
    week: week.week,
    weekStart: week.weekStart,
    month: week.month,
    currency: week.currency,
    kpis: {
      contacts: entry('contacts'),
      equotes: entry('equotes'),
      ecustomers: entry('ecustomers'),
      devices: entry('devices'),
      visitors: { count: week.visitors, ...week.targets.visitors, status: statuses.visitors },
      revenue: { sum: week.revenue, other: week.revenueOther, ...week.targets.revenue, status: statuses.revenue },
    },
  };
}

/** A server document as a team week; undefined for anything that is not a valid week document. */
export function weekFromDoc(raw: unknown): TeamWeek | undefined {
  const parsed = WeekDocSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const doc = parsed.data;
  // The id must say what the body says: a document cannot pose as another rep's week.
  if (doc._id !== weekDocId(doc.rep, doc.device, doc.week)) return undefined;
  const { kpis } = doc;
  const week = TeamWeekSchema.safeParse({
    rep: doc.rep,
    device: doc.device,
    week: doc.week,
    weekStart: doc.weekStart,
    month: doc.month,
    currency: doc.currency,
    counts: { contacts: kpis.contacts.count, equotes: kpis.equotes.count, ecustomers: kpis.ecustomers.count, devices: kpis.devices.count },
    revenue: kpis.revenue.sum,
    revenueOther: kpis.revenue.other,
    visitors: kpis.visitors.count,
    targets: Object.fromEntries(KPI_IDS.map((kpi) => [kpi, { target: kpis[kpi].target, period: kpis[kpi].period }])),
  });
  return week.success ? week.data : undefined;
}
