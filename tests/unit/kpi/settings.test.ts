import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import {
  defaultSettings,
  effectiveTarget,
  parseSettings,
  withCurrency,
  type Settings,
} from '../../../lib/kpi/settings';

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
    };
    expect(parseSettings(input)).toEqual(input);
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
    expect(effectiveTarget({ ...usd, currency: 'GBP' }, 'revenue')).toEqual({ target: 100_000, period: 'year' });
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

  it('rebases rates onto the new currency when it is priced, drops them otherwise', () => {
    const settings: Settings = { ...usd, rates: { EUR: 1.25, GBP: 1.5 } };
    expect(withCurrency(settings, 'EUR').rates).toEqual({ USD: 0.8, GBP: 1.2 });
    expect(withCurrency(settings, 'CHF').rates).toEqual({});
  });

  it('rejects a malformed currency', () => {
    expect(() => withCurrency(usd, 'euro')).toThrow(ZodError);
  });
});
