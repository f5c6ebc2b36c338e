import { z } from 'zod';
import {
  CurrencySchema,
  KPI_DEFINITIONS,
  KpiIdSchema,
  PeriodSchema,
  REVENUE_TARGET_BY_CURRENCY,
  type KpiId,
  type Period,
} from './definitions';

/** Revenue target the article gives for currencies it does not name. */
const FALLBACK_REVENUE_TARGET = 100_000;

/** The time zone the browser runs in, or UTC where the runtime cannot tell. */
export function browserTimeZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && isValidTimeZone(zone) ? zone : 'UTC';
}

/** True when Intl knows the zone; Intl is what every date calculation relies on later. */
export function isValidTimeZone(timeZone: string): boolean {
  if (timeZone.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

const DaySchema = z.number().int().min(0).max(6);

export const TargetOverrideSchema = z.object({
  target: z.number().finite().min(0),
  period: PeriodSchema,
});
export type TargetOverride = z.infer<typeof TargetOverrideSchema>;

export const SettingsSchema = z.object({
  repName: z.string().max(80).default(''),
  teamSize: z.number().int().min(1).max(1000).default(4),
  /** JS day number: 0 = Sunday … 6 = Saturday. */
  weekStart: DaySchema.default(1),
  workingDays: z
    .array(DaySchema)
    .min(1, 'at least one working day')
    .refine((days) => new Set(days).size === days.length, 'each day at most once')
    .default([1, 2, 3, 4, 5]),
  timeZone: z
    .string()
    .refine(isValidTimeZone, 'an IANA time zone such as Europe/Berlin')
    .default(browserTimeZone),
  currency: CurrencySchema.default('USD'),
  targets: z
    .partialRecord(KpiIdSchema, TargetOverrideSchema)
    // Visitors are entered as one figure per month, so they cannot be paced per week.
    .refine((targets) => targets.visitors?.period !== 'week', {
      path: ['visitors', 'period'],
      message: 'visitors are entered per month: use month, quarter or year',
    })
    .default({}),
  /** Units of the rep's currency per one unit of the keyed currency. */
  rates: z.record(CurrencySchema, z.number().finite().positive()).default({}),
  /** Revenue counts amounts without tax (what sales reports use) unless the rep includes tax. */
  revenueWithTax: z.boolean().default(false),
});

export type Settings = z.infer<typeof SettingsSchema>;

export function defaultSettings(now: { timeZone?: string } = {}): Settings {
  return SettingsSchema.parse({ timeZone: now.timeZone ?? browserTimeZone() });
}

/** Validates stored or edited settings, filling defaults; throws a ZodError whose issues carry field paths. */
export function parseSettings(input: unknown): Settings {
  return SettingsSchema.parse(input);
}

/** The article's yearly revenue target for a currency. */
export function articleRevenueTarget(currency: string): number {
  return REVENUE_TARGET_BY_CURRENCY[currency] ?? FALLBACK_REVENUE_TARGET;
}

export function effectiveTarget(settings: Settings, kpi: KpiId): { target: number; period: Period } {
  const override = settings.targets[kpi];
  if (override) return { target: override.target, period: override.period };
  const definition = KPI_DEFINITIONS[kpi];
  const target = kpi === 'revenue' ? articleRevenueTarget(settings.currency) : definition.target;
  return { target, period: definition.period };
}

/**
 * Switches the rep's currency. A revenue target still at the article's value for the old currency
 * follows to the article's value for the new one; a target the rep chose stays as it is.
 * Conversion rates are rebased onto the new currency when the old rates price it, and dropped
 * otherwise: an unconverted amount is shown as such, a mis-converted one would silently mislead.
 */
export function withCurrency(settings: Settings, currency: string): Settings {
  const nextCurrency = CurrencySchema.parse(currency);
  const previous = settings.currency;
  if (nextCurrency === previous) return settings;

  const targets = { ...settings.targets };
  const revenue = targets.revenue;
  if (revenue && revenue.period === 'year' && revenue.target === articleRevenueTarget(previous)) {
    targets.revenue = { target: articleRevenueTarget(nextCurrency), period: 'year' };
  }

  return { ...settings, currency: nextCurrency, targets, rates: rebaseRates(settings.rates, previous, nextCurrency) };
}

function rebaseRates(rates: Record<string, number>, previous: string, next: string): Record<string, number> {
  const nextInPrevious = rates[next];
  if (nextInPrevious === undefined) return {};
  const rebased: Record<string, number> = { [previous]: 1 / nextInPrevious };
  for (const [code, rate] of Object.entries(rates)) {
    if (code !== next && code !== previous) rebased[code] = rate / nextInPrevious;
  }
  return rebased;
}
