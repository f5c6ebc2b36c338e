import { TZDate } from '@date-fns/tz';
import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDayRange,
  formatMoney,
  formatNumber,
  formatMonthKey,
  formatPeriodLabel,
  formatWeekOf,
  formatWhen,
  weekNumberOf,
} from '@/lib/i18n/format';
import { periodRange } from '@/lib/kpi/periods';
import { getMessageFrom, readMessages } from './locale-messages';

/** Intl uses no-break and thin spaces (thousands, currency, date ranges); compare with plain ones. */
const plain = (text: string) => text.replace(/\p{Zs}/gu, ' ');

const translateEn = getMessageFrom(readMessages('en'));
const translateRu = getMessageFrom(readMessages('ru'));
const en = { locale: 'en-GB', timeZone: 'Europe/Berlin', t: translateEn };
const enUs = { locale: 'en-US', timeZone: 'Europe/Berlin', t: translateEn };
const ru = { locale: 'ru', timeZone: 'Europe/Berlin', t: translateRu };
const calendar = { timeZone: 'Europe/Berlin', weekStart: 1 };
const at = (y: number, m: number, d: number, h = 12) => new TZDate(y, m - 1, d, h, 0, 'Europe/Berlin').getTime();

describe('numbers and money', () => {
  it('group digits the way each locale does', () => {
    expect(formatNumber(1234567, 'en')).toBe('1,234,567');
    expect(plain(formatNumber(1234567, 'ru'))).toBe('1 234 567');
    expect(formatNumber(2.4, 'en', 1)).toBe('2.4');
    expect(formatNumber(2.4, 'ru', 1)).toBe('2,4');
    expect(formatNumber(2.46, 'en')).toBe('2');
  });

  it('show currency amounts with the currency in its local place', () => {
    expect(formatMoney(1234.5, 'USD', 'en-US')).toBe('$1,234.50');
    expect(plain(formatMoney(1234.5, 'EUR', 'ru'))).toBe('1 234,50 €');
    expect(formatMoney(100000, 'USD', 'en-US', { whole: true })).toBe('$100,000');
    expect(plain(formatMoney(93500, 'EUR', 'ru', { whole: true }))).toBe('93 500 €');
  });
});

describe('dates', () => {
  it('format a day in the rep’s time zone, not the machine’s', () => {
    // 23:30 UTC on 22 Nov is already 23 Nov in Tokyo.
    const instant = Date.UTC(2026, 10, 22, 23, 30);
    expect(formatDate(instant, 'en-GB', 'Asia/Tokyo')).toBe('23 Nov 2026');
    expect(formatDate(instant, 'en-GB', 'America/New_York')).toBe('22 Nov 2026');
  });

  it('show an exclusive end as the last day of the range', () => {
    const week = periodRange('week', at(2026, 11, 25), calendar);
    expect(plain(formatDayRange(week.start, week.end, 'en-GB', 'Europe/Berlin'))).toBe('23 – 29 Nov');
    expect(formatDayRange(week.start, week.end, 'ru', 'Europe/Berlin')).toBe('23–29 нояб.');
  });

  it('reads week numbers from ISO week labels only', () => {
    expect(weekNumberOf('2026-W08')).toBe(8);
    expect(weekNumberOf('2026-11')).toBeUndefined();
  });
});

describe('period labels', () => {
  const labelOf = (period: 'week' | 'month' | 'quarter' | 'year', instant: number, context: typeof en, withYear = false) =>
    plain(formatPeriodLabel({ period, ...periodRange(period, instant, calendar) }, context, { withYear }));
  const isoKey = /\d{4}-(W\d{2}|\d{2})\b/;

  it('name a week by its first day, never by its ISO key', () => {
    expect(labelOf('week', at(2026, 11, 25), enUs)).toBe('Week of Nov 23');
    expect(labelOf('week', at(2026, 11, 25), en)).toBe('Week of 23 Nov');
    expect(labelOf('week', at(2026, 11, 25), ru)).toBe('Неделя с 23 нояб.');
    expect(labelOf('week', at(2026, 11, 25), enUs)).not.toMatch(isoKey);
  });

  it('name a week that spans two months or two years by its first day', () => {
    expect(labelOf('week', at(2026, 12, 2), enUs)).toBe('Week of Nov 30');
    expect(labelOf('week', at(2026, 12, 2), ru)).toBe('Неделя с 30 нояб.');
    expect(labelOf('week', at(2027, 1, 1), enUs)).toBe('Week of Dec 28');
    expect(labelOf('week', at(2027, 1, 1), enUs, true)).toBe('Week of Dec 28, 2026');
    expect(labelOf('week', at(2027, 1, 1), ru, true)).toBe('Неделя с 28 дек. 2026 г.');
  });

  it('name a week that contains the autumn DST change by its own Monday', () => {
    // Sunday 25 Oct 2026 has 25 hours in Berlin; the week still began on Monday the 19th.
    expect(labelOf('week', at(2026, 10, 25, 23), enUs)).toBe('Week of Oct 19');
  });

  it('take a week start on Sunday from the rep’s calendar', () => {
    const sunday = { timeZone: 'America/New_York', weekStart: 0 };
    const range = periodRange('week', Date.UTC(2026, 10, 25, 17), sunday);
    expect(formatPeriodLabel({ period: 'week', ...range }, { ...enUs, timeZone: 'America/New_York' })).toBe('Week of Nov 22');
  });

  it('name months by name, with the year only where asked', () => {
    expect(labelOf('month', at(2026, 11, 25), en)).toBe('November');
    expect(labelOf('month', at(2026, 11, 25), ru)).toBe('Ноябрь');
    expect(labelOf('month', at(2026, 11, 25), en, true)).toBe('November 2026');
    expect(labelOf('month', at(2026, 11, 25), ru, true)).toBe('Ноябрь 2026 г.');
    // The month is the rep's: 23:30 UTC on 30 Nov is already December in Berlin.
    const lateUtc = Date.UTC(2026, 10, 30, 23, 30);
    expect(formatPeriodLabel({ period: 'month', ...periodRange('month', lateUtc, calendar) }, en)).toBe('December');
  });

  it('name quarters and years', () => {
    expect(labelOf('quarter', at(2026, 11, 25), en)).toBe('Q4 2026');
    expect(labelOf('quarter', at(2026, 11, 25), ru)).toBe('4 кв. 2026');
    expect(labelOf('year', at(2026, 11, 25), ru)).toBe('2026');
  });

  it('turn stored month keys into month names in both languages', () => {
    expect(formatMonthKey('2026-12', 'en')).toBe('December 2026');
    expect(plain(formatMonthKey('2026-01', 'ru'))).toBe('Январь 2026 г.');
    expect(formatMonthKey('not a month', 'en')).toBe('not a month');
  });

  it('format a week start on its own', () => {
    expect(formatWeekOf(at(2026, 11, 23, 0), enUs)).toBe('Week of Nov 23');
  });
});

describe('formatWhen', () => {
  const now = at(2026, 11, 27, 15);
  it('shows only the time for today, in the locale’s clock', () => {
    expect(plain(formatWhen(at(2026, 11, 27, 9), now, 'en-US', 'Europe/Berlin'))).toBe('9:00 AM');
    expect(formatWhen(at(2026, 11, 27, 9), now, 'ru', 'Europe/Berlin')).toBe('9:00');
  });

  it('shows the date for earlier days, judged in the rep’s time zone', () => {
    expect(formatWhen(at(2026, 11, 25, 9), now, 'en-GB', 'Europe/Berlin')).toBe('25 Nov');
    // 23:30 on the 26th in Berlin is the 27th in Tokyo: "today" there.
    expect(formatWhen(at(2026, 11, 26, 23), now, 'en-GB', 'Asia/Tokyo')).toBe('7:00');
  });
});
