import { TZDate } from '@date-fns/tz';
import type { KpiId, Period } from '@/lib/kpi/definitions';
import { cachedWorkingWindows, localDateOf, periodRange, workingWindows, type PeriodRange } from '@/lib/kpi/periods';
import { minutesOf, type Settings } from '@/lib/kpi/settings';
import { workingOptionsOf } from '@/lib/kpi/snapshot';
import type { KpiProgress, Snapshot } from '@/lib/kpi/snapshot-types';

/**
 * Which reminders are due at a moment. Pure: the background gives it the clock's "now", the
 * settings, the snapshot and what was already sent, and shows what comes back.
 *
 * - target met, and for a monthly, quarterly or yearly target also halfway (50%) and one and a
 *   half times (150%): the highest level reached, once per KPI and period;
 * - last chance: on the period's last working day, from the rep's chosen time (14:00 unless set),
 *   for a KPI still short of its target;
 * - website visitors: in the month's last three working days, to enter the month's figure if none
 *   is entered; after a month that closed below target, the marketing-partner advice.
 *
 * Rules: nothing unless the rep turned reminders on; nothing for a KPI switched off; nothing
 * outside working hours or on a day off; at most one reminder per KPI a day; nothing while records
 * come in a burst (what is due waits for the next run).
 */

export type NudgeKind = 'met' | 'half' | 'beyond' | 'last-chance' | 'visitors-entry' | 'visitors-advice';

export interface Nudge {
  /** `kind:kpi:period label`: each is sent once; it is also the notification's id. */
  id: string;
  kind: NudgeKind;
  kpi: KpiId;
  /** The KPI's figures the text quotes (for the visitors entry: the current month's bounds). */
  progress: KpiProgress;
  /** Visitors entry only: the month whose figure is asked for. */
  month?: PeriodRange;
}

/** What was sent: every nudge id with when, and per KPI the local day of its last nudge. */
export interface SentRecord {
  sent: Record<string, number>;
  lastDay: Partial<Record<KpiId, string>>;
}

export const EMPTY_SENT: SentRecord = { sent: {}, lastDay: {} };

export interface ScheduleInput {
  now: number;
  settings: Settings;
  snapshot: Snapshot;
  /** The figure entered for the current calendar month's website visitors, if any. */
  visitorsThisMonth: number | undefined;
  sent: SentRecord;
  /** Records are held as a burst, or a tab is creating faster than by hand right now. */
  burst: boolean;
}

/** Levels of a target, highest first: a week's target is met or not; longer periods have milestones. */
const MILESTONES = [
  { share: 1.5, kind: 'beyond' },
  { share: 1, kind: 'met' },
  { share: 0.5, kind: 'half' },
] as const satisfies readonly { share: number; kind: NudgeKind }[];
const LEVELS: Record<Period, readonly { share: number; kind: NudgeKind }[]> = {
  week: [{ share: 1, kind: 'met' }],
  month: MILESTONES,
  quarter: MILESTONES,
  year: MILESTONES,
};

/** How many working days before the month ends the visitors reminder starts (today included). */
export const VISITORS_REMINDER_DAYS = 3;

// The same slack the pace judge uses, so "met" here and ✓ on the card agree.
const EPSILON = 1e-9;

export const nudgeId = (kind: NudgeKind, kpi: KpiId, label: string): string => `${kind}:${kpi}:${label}`;

/** The nudges due now, at most one per KPI, in the cards' order. */
export function dueNudges(input: ScheduleInput): Nudge[] {
  const { now, settings, snapshot, sent, burst } = input;
  const reminders = settings.reminders;
  if (!reminders.on || burst || !isWorkingTime(now, settings)) return [];
  const today = localDateOf(now, settings.timeZone);
  const due: Nudge[] = [];
  for (const progress of snapshot.kpis) {
    const { kpi } = progress;
    if (reminders.off.includes(kpi) || sent.lastDay[kpi] === today) continue;
    const candidates = kpi === 'visitors' ? visitorsNudges(input, progress, today) : progressNudges(input, progress, today);
    const first = candidates.find((nudge) => sent.sent[nudge.id] === undefined);
    if (first) due.push(first);
  }
  return due;
}

/**
 * Target met or a milestone (only the highest level reached, and only when no level as high was
 * sent this period), then the last chance. A milestone and a last chance on the same day: the
 * higher milestone wins over the last chance, the last chance over halfway.
 */
function progressNudges(input: ScheduleInput, progress: KpiProgress, today: string): Nudge[] {
  const { kpi, value, target, period, periodLabel } = progress;
  if (progress.targetUnset || !(target > 0)) return [];
  const levels = LEVELS[period];
  const reachedAt = levels.findIndex((level) => value >= level.share * target * (1 - EPSILON));
  const reached = reachedAt >= 0 ? levels[reachedAt]! : undefined;
  // A level as high as the one reached was already announced: nothing new to celebrate.
  const announced = reached !== undefined && levels.slice(0, reachedAt + 1).some((level) => input.sent.sent[nudgeId(level.kind, kpi, periodLabel)] !== undefined);
  const milestone = reached && !announced ? { id: nudgeId(reached.kind, kpi, periodLabel), kind: reached.kind, kpi, progress } : undefined;
  const lastChance = isLastChance(input, progress, today) ? { id: nudgeId('last-chance', kpi, periodLabel), kind: 'last-chance' as const, kpi, progress } : undefined;
  const ordered = milestone?.kind === 'half' ? [lastChance, milestone] : [milestone, lastChance];
  return ordered.filter((nudge): nudge is Nudge => nudge !== undefined);
}

/** Short of the target on the period's last working day, at or after the rep's last-chance time. */
function isLastChance(input: ScheduleInput, progress: KpiProgress, today: string): boolean {
  const { now, settings } = input;
  if (progress.value >= progress.target * (1 - EPSILON)) return false;
  const days = workingDates(progress.periodStart, progress.periodEnd, settings);
  return days.at(-1) === today && localMinutes(now, settings.timeZone) >= minutesOf(settings.reminders.lastChanceAt);
}

/**
 * The advice after a month that closed below target (the visitors card's "behind"), then the
 * reminder to enter the current month's figure in its last working days.
 */
function visitorsNudges(input: ScheduleInput, progress: KpiProgress, today: string): Nudge[] {
  const { now, settings } = input;
  const nudges: Nudge[] = [];
  if (progress.judgedMonth && !progress.figureMissing && progress.status === 'behind') {
    nudges.push({ id: nudgeId('visitors-advice', 'visitors', progress.judgedMonth.key), kind: 'visitors-advice', kpi: 'visitors', progress });
  }
  const month = periodRange('month', now, { timeZone: settings.timeZone, weekStart: settings.weekStart });
  const lastDays = workingDates(month.start, month.end, settings).slice(-VISITORS_REMINDER_DAYS);
  if (input.visitorsThisMonth === undefined && lastDays.includes(today)) {
    nudges.push({ id: nudgeId('visitors-entry', 'visitors', month.label), kind: 'visitors-entry', kpi: 'visitors', progress, month });
  }
  return nudges;
}

/** Inside the working hours of a working day that is not a day off. */
export function isWorkingTime(now: number, settings: Settings): boolean {
  return workingWindows(now, now + 1, workingOptionsOf(settings)).length > 0;
}

/** The local dates with working time in [start, end), oldest first. */
function workingDates(start: number, end: number, settings: Settings): string[] {
  const dates: string[] = [];
  for (const [from] of cachedWorkingWindows(start, end, workingOptionsOf(settings))) {
    const date = localDateOf(from, settings.timeZone);
    if (dates.at(-1) !== date) dates.push(date);
  }
  return dates;
}

function localMinutes(at: number, timeZone: string): number {
  const local = new TZDate(at, timeZone);
  return local.getHours() * 60 + local.getMinutes();
}

/** How long sent ids are remembered: longer than any period, so a year's milestones stay sent. */
const REMEMBER_MS = 400 * 24 * 60 * 60 * 1000;

/** The record after sending `nudges` at `now`; ids older than a year and a bit are forgotten. */
export function markSent(record: SentRecord, nudges: readonly Nudge[], now: number, timeZone: string): SentRecord {
  const sent: Record<string, number> = {};
  for (const [id, at] of Object.entries(record.sent)) if (now - at < REMEMBER_MS) sent[id] = at;
  const lastDay = { ...record.lastDay };
  const today = localDateOf(now, timeZone);
  for (const nudge of nudges) {
    sent[nudge.id] = now;
    lastDay[nudge.kpi] = today;
  }
  return { sent, lastDay };
}
