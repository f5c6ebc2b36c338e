import { z } from 'zod';
import {
  CurrencySchema,
  KPI_DEFINITIONS,
  KPI_IDS,
  KpiIdSchema,
  PeriodSchema,
  REVENUE_TARGET_BY_CURRENCY,
  type KpiId,
  type Period,
} from './definitions';

/** The article's revenue target in dollars; other currencies convert it at a rate the rep enters. */
export const ARTICLE_REVENUE_USD = 100_000;

/** The time zone the browser runs in, or UTC where the runtime cannot tell. */
export function browserTimeZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && isValidTimeZone(zone) ? zone : 'UTC';
}

/** True when Intl knows the zone; Intl is what every date calculation relies on later. */
export function isValidTimeZone(timeZone: string): boolean {
  if (timeZone.trim() === '') return false;
  // Settings are read again for every count and reminder; building a formatter to find out costs
  // more than the rest of reading them, and the answer for a name never changes.
  const known = zonesChecked.get(timeZone);
  if (known !== undefined) return known;
  let valid: boolean;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    valid = true;
  } catch {
    valid = false;
  }
  if (zonesChecked.size >= 64) zonesChecked.clear();
  zonesChecked.set(timeZone, valid);
  return valid;
}

const zonesChecked = new Map<string, boolean>();

const DaySchema = z.number().int().min(0).max(6);

/** "HH:MM", 24-hour. */
export const ClockTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time such as 09:00');

/** A calendar date "YYYY-MM-DD" that exists. */
export const LocalDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'a date such as 2026-12-24', abort: true })
  .refine((date) => {
    const parsed = new Date(`${date}T00:00:00Z`);
    return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date;
  }, 'a date that exists');

/** Minutes after midnight of an "HH:MM" time. */
export function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

export const WorkingHoursSchema = z
  .object({ start: ClockTimeSchema, end: ClockTimeSchema })
  .refine((hours) => minutesOf(hours.start) < minutesOf(hours.end), { path: ['end'], message: 'the end after the start' });

export const DaysOffSchema = z
  .object({ from: LocalDateSchema, to: LocalDateSchema })
  .refine((range) => range.from <= range.to, { path: ['to'], message: 'the last day on or after the first' });
export type DaysOff = z.infer<typeof DaysOffSchema>;

/** Where a region's money is not the dollar: the currency a rep there most likely books in. */
const CURRENCY_BY_REGION: Record<string, string> = {
  US: 'USD', RU: 'RUB', BY: 'BYN', KZ: 'KZT', UA: 'UAH', GB: 'GBP', CH: 'CHF', PL: 'PLN', CZ: 'CZK', SE: 'SEK',
  NO: 'NOK', DK: 'DKK', HU: 'HUF', RO: 'RON', BG: 'BGN', TR: 'TRY', JP: 'JPY', CN: 'CNY', IN: 'INR', CA: 'CAD',
  AU: 'AUD', NZ: 'NZD', BR: 'BRL', MX: 'MXN', ZA: 'ZAR', IL: 'ILS', AE: 'AED', SA: 'SAR', KR: 'KRW', SG: 'SGD',
  AM: 'AMD', GE: 'GEL', AZ: 'AZN', UZ: 'UZS', RS: 'RSD',
  // The euro area.
  AT: 'EUR', BE: 'EUR', HR: 'EUR', CY: 'EUR', EE: 'EUR', FI: 'EUR', FR: 'EUR', DE: 'EUR', GR: 'EUR', IE: 'EUR',
  IT: 'EUR', LV: 'EUR', LT: 'EUR', LU: 'EUR', MT: 'EUR', NL: 'EUR', PT: 'EUR', SK: 'EUR', SI: 'EUR', ES: 'EUR',
};

/** The currency a locale most likely books in ("ru" → RUB, "de" → EUR, "en-GB" → GBP); USD when unknown. */
export function currencyForLocale(locale: string | undefined): string {
  if (!locale) return 'USD';
  try {
    const region = new Intl.Locale(locale.replace('_', '-')).maximize().region;
    return (region && CURRENCY_BY_REGION[region]) ?? 'USD';
  } catch {
    return 'USD';
  }
}

/** The browser's language, wherever this runs (page or service worker). */
function browserLocale(): string | undefined {
  return (globalThis as { navigator?: { language?: string } }).navigator?.language ?? Intl.DateTimeFormat().resolvedOptions().locale;
}

export const TargetOverrideSchema = z.object({
  target: z.number().finite().min(0),
  period: PeriodSchema,
});
export type TargetOverride = z.infer<typeof TargetOverrideSchema>;

/**
 * Reminders (browser notifications): off until the rep turns them on; then every KPI is on unless
 * switched off here. `lastChanceAt` is the time of day, on a period's last working day, from which
 * a KPI still short of its target gets its last-chance reminder.
 */
export const RemindersSchema = z.object({
  on: z.boolean().default(false),
  /** KPIs switched off; a KPI not listed is on. */
  off: z.array(KpiIdSchema).max(KPI_IDS.length).default([]),
  lastChanceAt: ClockTimeSchema.default('14:00'),
});
export type Reminders = z.infer<typeof RemindersSchema>;
export const DEFAULT_REMINDERS: Reminders = { on: false, off: [], lastChanceAt: '14:00' };

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
  currency: CurrencySchema.default(() => currencyForLocale(browserLocale())),
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
  /** The working day: pace accrues only between these times on working days. */
  workingHours: WorkingHoursSchema.default({ start: '09:00', end: '18:00' }),
  /** Holidays and vacation: no pace accrues on these days. */
  daysOff: z.array(DaysOffSchema).max(400).default([]),
  /**
   * The day the rep started counting (set on install, editable): the first period of each KPI is
   * pro-rated from it, so nobody is judged on days before they had KPI Pacer.
   */
  countingSince: LocalDateSchema.optional(),
  reminders: RemindersSchema.default(DEFAULT_REMINDERS),
});

export type Settings = z.infer<typeof SettingsSchema>;

export function defaultSettings(now: { timeZone?: string } = {}): Settings {
  return SettingsSchema.parse({ timeZone: now.timeZone ?? browserTimeZone() });
}

/** Validates stored or edited settings, filling defaults; throws a ZodError whose issues carry field paths. */
export function parseSettings(input: unknown): Settings {
  return SettingsSchema.parse(input);
}

/**
 * The article's yearly revenue target in a currency: it names USD and EUR. Any other currency has
 * none until the rep sets one (helped by `revenueTargetAtRate`): the dollar figure in roubles or
 * yen would be meaningless.
 */
export function articleRevenueTarget(currency: string): number | undefined {
  return REVENUE_TARGET_BY_CURRENCY[currency];
}

/** 100,000 USD at the rep's rate (units of their currency per dollar), rounded to a readable figure. */
export function revenueTargetAtRate(usdRate: number): number {
  const exact = ARTICLE_REVENUE_USD * usdRate;
  if (!(exact > 0)) return 0;
  // Three significant figures: 9,250,000 rather than 9,251,234.5.
  const step = 10 ** Math.max(0, Math.floor(Math.log10(exact)) - 2);
  return Math.round(exact / step) * step;
}

export interface EffectiveTarget {
  target: number;
  period: Period;
  /** Revenue in a currency the article does not price, before the rep set a target: 0 until then. */
  unset?: true;
}

export function effectiveTarget(settings: Settings, kpi: KpiId): EffectiveTarget {
  const override = settings.targets[kpi];
  if (override) return { target: override.target, period: override.period };
  const definition = KPI_DEFINITIONS[kpi];
  if (kpi !== 'revenue') return { target: definition.target, period: definition.period };
  const article = articleRevenueTarget(settings.currency);
  return article === undefined ? { target: 0, period: definition.period, unset: true } : { target: article, period: definition.period };
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
  const previousRecommended = articleRevenueTarget(previous) ?? (settings.rates.USD === undefined ? undefined : revenueTargetAtRate(settings.rates.USD));
  if (revenue && revenue.period === 'year' && revenue.target === previousRecommended) {
    // Still the recommended figure (the article's, or 100,000 USD at the rep's rate): it follows to
    // the new currency's, or waits for the rep's own.
    const next = articleRevenueTarget(nextCurrency);
    if (next === undefined) delete targets.revenue;
    else targets.revenue = { target: next, period: 'year' };
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
