import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import {
  currencyForLocale,
  defaultSettings,
  effectiveTarget,
  revenueTargetAtRate,
  parseSettings,
  withCurrency,
  type Settings,
} from '@/lib/kpi/settings';

function issuePaths(input: unknown): string[] {
  try {
    parseSettings(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ZodError);
    return (error as ZodError).issues.map((issue) => issue.path.join('.'));
  }
  throw new Error('expected the settings to be rejected');
}

describe('defaults', () => {
  it('match the article and the brief', () => {
    expect(defaultSettings({ timeZone: 'Europe/Berlin' })).toEqual({
      repName: '',
      teamSize: 4,
      weekStart: 1,
      workingDays: [1, 2, 3, 4, 5],
      timeZone: 'Europe/Berlin',
      currency: 'USD',
      targets: {},
      rates: {},
      // Revenue without tax, as sales reports count it.
      revenueWithTax: false,
      workingHours: { start: '09:00', end: '18:00' },
      daysOff: [],
      // Reminders are opt-in: off until the rep turns them on; then every KPI, last chance at 14:00.
      reminders: { on: false, off: [], lastChanceAt: '14:00' },
    });
  });

  it("take the browser's time zone when none is given", () => {
    expect(defaultSettings().timeZone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });

  it('fill every missing field when parsing', () => {
    const parsed = parseSettings({ repName: 'Rep 7', timeZone: 'America/New_York' });
    expect(parsed).toEqual({ ...defaultSettings({ timeZone: 'America/New_York' }), repName: 'Rep 7' });
  });
});

describe('validation names the field', () => {
  it.each([
    [{ teamSize: 0 }, 'teamSize'],
    [{ teamSize: 1001 }, 'teamSize'],
    [{ teamSize: 2.5 }, 'teamSize'],
    [{ weekStart: 7 }, 'weekStart'],
    [{ workingDays: [] }, 'workingDays'],
    [{ workingDays: [1, 2, 2] }, 'workingDays'],
    [{ workingDays: [1, 8] }, 'workingDays.1'],
    [{ timeZone: 'Mars/Olympus_Mons' }, 'timeZone'],
    [{ timeZone: '' }, 'timeZone'],
    [{ currency: 'usd' }, 'currency'],
    [{ repName: 'x'.repeat(81) }, 'repName'],
    [{ targets: { contacts: { target: -1, period: 'week' } } }, 'targets.contacts.target'],
    [{ targets: { contacts: { target: Number.POSITIVE_INFINITY, period: 'week' } } }, 'targets.contacts.target'],
    [{ targets: { devices: { target: 20, period: 'fortnight' } } }, 'targets.devices.period'],
    [{ targets: { visitors: { target: 60, period: 'week' } } }, 'targets.visitors.period'],
    [{ targets: { leads: { target: 3, period: 'week' } } }, 'targets'],
    [{ rates: { EUR: 0 } }, 'rates.EUR'],
    [{ rates: { EUR: Number.NaN } }, 'rates.EUR'],
    [{ workingHours: { start: '18:00', end: '09:00' } }, 'workingHours.end'],
    [{ workingHours: { start: '9:00', end: '18:00' } }, 'workingHours.start'],
    [{ workingHours: { start: '09:00', end: '24:00' } }, 'workingHours.end'],
    [{ daysOff: [{ from: '2026-12-24', to: '2026-12-23' }] }, 'daysOff.0.to'],
    [{ daysOff: [{ from: '2026-02-30', to: '2026-03-01' }] }, 'daysOff.0.from'],
    [{ countingSince: '30.11.2026' }, 'countingSince'],
  ])('%j → %s', (input, path) => {
    expect(issuePaths(input)).toEqual([path]);
  });

  it('accepts a full valid object', () => {
    const input = {
      repName: 'North',
      teamSize: 12,
      weekStart: 0,
      workingDays: [0, 1, 2, 3, 4],
      timeZone: 'Asia/Jerusalem',
      currency: 'EUR',
      targets: { revenue: { target: 150_000, period: 'year' }, visitors: { target: 900, period: 'quarter' } },
      rates: { USD: 0.92 },
      revenueWithTax: true,
      workingHours: { start: '08:30', end: '17:00' },
      daysOff: [{ from: '2026-12-24', to: '2027-01-01' }],
      countingSince: '2026-11-30',
      reminders: { on: true, off: ['visitors'], lastChanceAt: '15:30' },
    };
    expect(parseSettings(input)).toEqual(input);
    expect(() => parseSettings({ ...input, reminders: { on: true, off: [], lastChanceAt: '25:00' } })).toThrow();
  });
});

describe('effectiveTarget', () => {
  const usd = defaultSettings({ timeZone: 'UTC' });

  it('falls back to the definitions', () => {
    expect(effectiveTarget(usd, 'contacts')).toEqual({ target: 5, period: 'week' });
    expect(effectiveTarget(usd, 'ecustomers')).toEqual({ target: 2, period: 'month' });
    expect(effectiveTarget(usd, 'visitors')).toEqual({ target: 250, period: 'month' });
  });

  it('sets the revenue default by currency', () => {
    expect(effectiveTarget(usd, 'revenue')).toEqual({ target: 100_000, period: 'year' });
    expect(effectiveTarget({ ...usd, currency: 'EUR' }, 'revenue')).toEqual({ target: 93_500, period: 'year' });
    // Never the bare dollar figure in another currency: no target until the rep sets one.
    expect(effectiveTarget({ ...usd, currency: 'GBP' }, 'revenue')).toEqual({ target: 0, period: 'year', unset: true });
    expect(effectiveTarget({ ...usd, currency: 'RUB' }, 'revenue')).toEqual({ target: 0, period: 'year', unset: true });
  });

  it('prefers an override', () => {
    const settings: Settings = { ...usd, targets: { contacts: { target: 8, period: 'month' } } };
    expect(effectiveTarget(settings, 'contacts')).toEqual({ target: 8, period: 'month' });
    expect(effectiveTarget(settings, 'equotes')).toEqual({ target: 2, period: 'week' });
  });
});

describe('withCurrency', () => {
  const usd = defaultSettings({ timeZone: 'UTC' });

  it('proposes 93,500 when switching a default USD target to EUR', () => {
    const eur = withCurrency(usd, 'EUR');
    expect(eur.currency).toBe('EUR');
    expect(effectiveTarget(eur, 'revenue')).toEqual({ target: 93_500, period: 'year' });
  });

  it('moves an override equal to the article value to the new article value', () => {
    const settings: Settings = { ...usd, targets: { revenue: { target: 100_000, period: 'year' } } };
    expect(withCurrency(settings, 'EUR').targets.revenue).toEqual({ target: 93_500, period: 'year' });
    const back = withCurrency(withCurrency(settings, 'EUR'), 'USD');
    expect(back.targets.revenue).toEqual({ target: 100_000, period: 'year' });
  });

  it("keeps a target the rep chose", () => {
    const settings: Settings = { ...usd, targets: { revenue: { target: 120_000, period: 'year' } } };
    expect(withCurrency(settings, 'EUR').targets.revenue).toEqual({ target: 120_000, period: 'year' });
    const quarterly: Settings = { ...usd, targets: { revenue: { target: 100_000, period: 'quarter' } } };
    expect(withCurrency(quarterly, 'EUR').targets.revenue).toEqual({ target: 100_000, period: 'quarter' });
  });

  it('does not mutate its input', () => {
    const settings: Settings = { ...usd, targets: { revenue: { target: 100_000, period: 'year' } } };
    withCurrency(settings, 'EUR');
    expect(settings.currency).toBe('USD');
    expect(settings.targets.revenue?.target).toBe(100_000);
  });

  it('switching to a currency the article does not price leaves the revenue target to the rep', () => {
    expect(effectiveTarget(withCurrency(usd, 'RUB'), 'revenue')).toEqual({ target: 0, period: 'year', unset: true });
    const atArticle: Settings = { ...usd, targets: { revenue: { target: 100_000, period: 'year' } } };
    expect(withCurrency(atArticle, 'RUB').targets.revenue).toBeUndefined();
    // A target that followed the rep's dollar rate follows the currency back to the article's figure.
    const rub: Settings = { ...usd, currency: 'RUB', rates: { USD: 92.5 }, targets: { revenue: { target: 9_250_000, period: 'year' } } };
    expect(withCurrency(rub, 'EUR').targets.revenue).toEqual({ target: 93_500, period: 'year' });
  });

  it('rebases rates onto the new currency when it is priced, drops them otherwise', () => {
    const settings: Settings = { ...usd, rates: { EUR: 1.25, GBP: 1.5 } };
    expect(withCurrency(settings, 'EUR').rates).toEqual({ USD: 0.8, GBP: 1.2 });
    expect(withCurrency(settings, 'CHF').rates).toEqual({});
  });

  it('rejects a malformed currency', () => {
    expect(() => withCurrency(usd, 'euro')).toThrow(ZodError);
  });
});

describe('currency by locale', () => {
  it('follows the browser language', () => {
    expect(currencyForLocale('ru')).toBe('RUB');
    expect(currencyForLocale('ru-RU')).toBe('RUB');
    expect(currencyForLocale('de')).toBe('EUR');
    expect(currencyForLocale('de-CH')).toBe('CHF');
    expect(currencyForLocale('fr')).toBe('EUR');
    expect(currencyForLocale('en-GB')).toBe('GBP');
    expect(currencyForLocale('en')).toBe('USD');
    expect(currencyForLocale('en-US')).toBe('USD');
    expect(currencyForLocale('pt_BR')).toBe('BRL');
    expect(currencyForLocale(undefined)).toBe('USD');
    expect(currencyForLocale('not a locale')).toBe('USD');
  });
});

describe('revenue target at the rep\'s dollar rate', () => {
  it('is 100,000 USD × rate, rounded to three significant figures', () => {
    expect(revenueTargetAtRate(92.5)).toBe(9_250_000);
    expect(revenueTargetAtRate(92.537)).toBe(9_250_000);
    expect(revenueTargetAtRate(0.79)).toBe(79_000);
    expect(revenueTargetAtRate(151.23)).toBe(15_100_000);
    expect(revenueTargetAtRate(0)).toBe(0);
  });
});
