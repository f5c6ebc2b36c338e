import { TZDate } from '@date-fns/tz';
import { describe, expect, it } from 'vitest';
import { nudgeText } from '@/components/nudge-text';
import type { KpiId } from '@/lib/kpi/definitions';
import { defaultSettings, type Settings } from '@/lib/kpi/settings';
import { computeSnapshot } from '@/lib/kpi/snapshot';
import { dueNudges, EMPTY_SENT, markSent, type Nudge, type SentRecord } from '@/lib/nudges/schedule';
import { nudgeTarget } from '@/lib/nudges/target';
import { getMessageFrom, readMessages } from '@/tests/unit/i18n/locale-messages';

/**
 * The reminder schedule over a clock matrix in Berlin, December 2026: Monday 14 – Friday 18
 * December is week 51; Thursday 31 December is the last working day of the month and the year.
 */

const ZONE = 'Europe/Berlin';
const at = (day: number, hour: number, minute = 0, month = 12) => new TZDate(2026, month - 1, day, hour, minute, ZONE).getTime();

function settingsWith(overrides: Partial<Settings> = {}, reminders: Partial<Settings['reminders']> = {}): Settings {
  const base = defaultSettings({ timeZone: ZONE });
  return { ...base, currency: 'USD', countingSince: '2025-06-01', ...overrides, reminders: { ...base.reminders, on: true, ...reminders } };
}

interface Moment {
  now: number;
  counts?: Partial<Record<KpiId, number>>;
  revenue?: number;
  /** The figure for the month judged (the last complete one). */
  visitorsJudged?: number;
  visitorsThisMonth?: number;
  settings?: Settings;
  sent?: SentRecord;
  burst?: boolean;
}

function due(moment: Moment): Nudge[] {
  const settings = moment.settings ?? settingsWith();
  const snapshot = computeSnapshot({
    settings,
    now: moment.now,
    counts: moment.counts ?? {},
    revenue: moment.revenue === undefined ? [] : [{ currency: 'USD', amount: moment.revenue }],
    visitors: moment.visitorsJudged ?? 300,
  });
  return dueNudges({ now: moment.now, settings, snapshot, visitorsThisMonth: 'visitorsThisMonth' in moment ? moment.visitorsThisMonth : 280, sent: moment.sent ?? EMPTY_SENT, burst: moment.burst ?? false });
}
const ids = (moment: Moment) => due(moment).map((n) => n.id);

const en = getMessageFrom(readMessages('en'));
const ru = getMessageFrom(readMessages('ru'));

describe('rules every reminder follows', () => {
  const metContacts = { counts: { contacts: 5 } };

  it('sends nothing until the rep turns reminders on (off by default)', () => {
    expect(defaultSettings({ timeZone: ZONE }).reminders.on).toBe(false);
    const off = { ...defaultSettings({ timeZone: ZONE }), countingSince: '2025-06-01' };
    expect(ids({ now: at(16, 11), ...metContacts, settings: off })).toEqual([]);
    expect(ids({ now: at(16, 11), ...metContacts })).toEqual(['met:contacts:2026-W51']);
  });

  it.each([
    ['Saturday 11:00', at(19, 11)],
    ['Sunday 11:00', at(20, 11)],
    ['Wednesday 08:59, before work', at(16, 8, 59)],
    ['Wednesday 18:00, after work', at(16, 18, 0)],
    ['Wednesday 23:30', at(16, 23, 30)],
  ])('is quiet on %s', (_, now) => {
    expect(ids({ now, ...metContacts })).toEqual([]);
  });

  it('speaks from the first minute of the working day to its last', () => {
    expect(ids({ now: at(16, 9, 0), ...metContacts })).toEqual(['met:contacts:2026-W51']);
    expect(ids({ now: at(16, 17, 59), ...metContacts })).toEqual(['met:contacts:2026-W51']);
  });

  it('is quiet on a day off', () => {
    const settings = settingsWith({ daysOff: [{ from: '2026-12-16', to: '2026-12-16' }] });
    expect(ids({ now: at(16, 11), ...metContacts, settings })).toEqual([]);
    expect(ids({ now: at(17, 11), ...metContacts, settings })).toEqual(['met:contacts:2026-W51']);
  });

  it('follows the rep\'s working days and hours', () => {
    const settings = settingsWith({ workingDays: [0, 1, 2, 3, 4], workingHours: { start: '07:00', end: '15:00' } });
    expect(ids({ now: at(20, 7, 30), ...metContacts, settings })).toEqual(['met:contacts:2026-W51']);
    expect(ids({ now: at(18, 11), ...metContacts, settings })).toEqual([]);
    expect(ids({ now: at(16, 15, 30), ...metContacts, settings })).toEqual([]);
  });

  it('waits while records come in a burst, and sends once it is over', () => {
    expect(ids({ now: at(16, 11), ...metContacts, burst: true })).toEqual([]);
    expect(ids({ now: at(16, 11, 15), ...metContacts, burst: false })).toEqual(['met:contacts:2026-W51']);
  });

  it('skips a KPI the rep switched off', () => {
    const settings = settingsWith({}, { off: ['contacts'] });
    expect(ids({ now: at(16, 11), counts: { contacts: 5, equotes: 2 }, settings })).toEqual(['met:equotes:2026-W51']);
  });

  it('sends a reminder once, and at most one per KPI a day', () => {
    const first = due({ now: at(18, 10), counts: { contacts: 5, equotes: 1 } });
    expect(first.map((n) => n.id)).toEqual(['met:contacts:2026-W51']);
    const sent = markSent(EMPTY_SENT, first, at(18, 10), ZONE);
    // The same moment again: nothing new.
    expect(ids({ now: at(18, 10, 15), counts: { contacts: 5, equotes: 1 }, sent })).toEqual([]);
    // 14:00 on the last working day: e-quotes are short and get their last chance; contacts are met.
    expect(ids({ now: at(18, 14), counts: { contacts: 6, equotes: 1 }, sent })).toEqual(['last-chance:equotes:2026-W51']);
  });

  it('keeps the second reminder of a KPI for the next day', () => {
    // Devices reach half of the monthly target on Tuesday 29 Dec, then the whole of it the same day.
    const half = due({ now: at(29, 10), counts: { devices: 10 } });
    expect(half.map((n) => n.id)).toEqual(['half:devices:2026-12']);
    const sent = markSent(EMPTY_SENT, half, at(29, 10), ZONE);
    expect(ids({ now: at(29, 16), counts: { devices: 20 }, sent })).toEqual([]);
    expect(ids({ now: at(30, 9), counts: { devices: 20 }, sent })).toEqual(['met:devices:2026-12']);
  });
});

describe('target met and milestones', () => {
  it('celebrates a weekly target once it is met, not before', () => {
    expect(ids({ now: at(16, 11), counts: { contacts: 4 } })).toEqual([]);
    expect(ids({ now: at(16, 11), counts: { contacts: 5, equotes: 2 } })).toEqual(['met:contacts:2026-W51', 'met:equotes:2026-W51']);
  });

  it('marks 50%, 100% and 150% of a monthly target, each once', () => {
    let sent = EMPTY_SENT;
    const step = (day: number, devices: number) => {
      const nudges = due({ now: at(day, 11), counts: { devices }, sent });
      sent = markSent(sent, nudges, at(day, 11), ZONE);
      return nudges.map((n) => n.id);
    };
    expect(step(7, 9)).toEqual([]);
    expect(step(8, 10)).toEqual(['half:devices:2026-12']);
    expect(step(9, 15)).toEqual([]);
    expect(step(10, 20)).toEqual(['met:devices:2026-12']);
    expect(step(11, 29)).toEqual([]);
    expect(step(14, 30)).toEqual(['beyond:devices:2026-12']);
    expect(step(15, 45)).toEqual([]);
  });

  it('announces only the highest level reached, and never a lower one after it', () => {
    const jump = due({ now: at(8, 11), counts: { ecustomers: 2 } });
    expect(jump.map((n) => n.id)).toEqual(['met:ecustomers:2026-12']);
    const sent = markSent(EMPTY_SENT, jump, at(8, 11), ZONE);
    expect(ids({ now: at(9, 11), counts: { ecustomers: 2 }, sent })).toEqual([]);
  });

  it('marks half of the yearly revenue target', () => {
    expect(ids({ now: at(16, 11), revenue: 49_999 })).toEqual([]);
    expect(ids({ now: at(16, 11), revenue: 50_000 })).toEqual(['half:revenue:2026']);
  });

  it('starts again in a new period', () => {
    const sent = markSent(EMPTY_SENT, due({ now: at(16, 11), counts: { contacts: 5 } }), at(16, 11), ZONE);
    expect(ids({ now: at(21, 11), counts: { contacts: 5 }, sent })).toEqual(['met:contacts:2026-W52']);
  });
});

describe('last chance before a period ends', () => {
  const short = { counts: { contacts: 5, equotes: 1, ecustomers: 2, devices: 20 }, revenue: 100_000 };

  it('comes at 14:00 on the last working day of the week, not a minute before', () => {
    expect(ids({ now: at(18, 13, 59), ...short })).toEqual(['met:contacts:2026-W51', 'met:ecustomers:2026-12', 'met:devices:2026-12', 'met:revenue:2026']);
    const sent = markSent(EMPTY_SENT, due({ now: at(18, 13, 59), ...short }), at(18, 13, 59), ZONE);
    expect(ids({ now: at(18, 13, 59), ...short, sent })).toEqual([]);
    expect(ids({ now: at(18, 14, 0), ...short, sent })).toEqual(['last-chance:equotes:2026-W51']);
  });

  it('not on the other days of the week', () => {
    expect(ids({ now: at(17, 14), counts: { contacts: 5, equotes: 1 } }).filter((id) => id.startsWith('last-chance:equotes'))).toEqual([]);
  });

  it('moves to the day before when the last day is a day off', () => {
    const settings = settingsWith({ daysOff: [{ from: '2026-12-18', to: '2026-12-18' }] });
    expect(ids({ now: at(17, 14), counts: { contacts: 5, equotes: 1 }, settings })).toContain('last-chance:equotes:2026-W51');
  });

  it('follows the rep\'s chosen time', () => {
    const settings = settingsWith({}, { lastChanceAt: '16:30' });
    expect(ids({ now: at(18, 16, 29), counts: { contacts: 5, equotes: 1 }, settings })).not.toContain('last-chance:equotes:2026-W51');
    expect(ids({ now: at(18, 16, 30), counts: { contacts: 5, equotes: 1 }, settings })).toContain('last-chance:equotes:2026-W51');
  });

  it('is not sent for a KPI already met', () => {
    expect(ids({ now: at(18, 14), counts: { contacts: 5, equotes: 2 } }).filter((id) => id.startsWith('last-chance'))).toEqual([]);
  });

  it('covers the month and the year on 31 December', () => {
    const found = ids({ now: at(31, 14), counts: { contacts: 5, equotes: 2, ecustomers: 1, devices: 12 }, revenue: 20_000 });
    // A new week began on Monday 28 December: its targets are met already.
    expect(found).toEqual(['met:contacts:2026-W53', 'met:equotes:2026-W53', 'last-chance:ecustomers:2026-12', 'last-chance:devices:2026-12', 'last-chance:revenue:2026']);
  });

  it('is said in plain words with the right plural', () => {
    const nudges = due({ now: at(31, 14), counts: { contacts: 5, equotes: 2, ecustomers: 1, devices: 15 }, revenue: 99_000 });
    const devices = nudges.find((n) => n.kpi === 'devices')!;
    expect(nudgeText(devices, en, 'en', ZONE)).toEqual({
      title: 'Last chance: Devices monitored',
      message: '5 more devices this month — today is the last working day',
    });
    expect(nudgeText(devices, ru, 'ru', ZONE).message).toBe('ещё 5 устройств в этом месяце — сегодня последний рабочий день');
    const customers = nudges.find((n) => n.kpi === 'ecustomers')!;
    expect(nudgeText(customers, ru, 'ru', ZONE).message).toBe('ещё 1 онлайн-клиент в этом месяце — сегодня последний рабочий день');
    expect(nudgeText(nudges.find((n) => n.kpi === 'revenue')!, en, 'en', ZONE).message).toBe('$1,000 more this year — today is the last working day');
  });
});

describe('website visitors', () => {
  it('asks for the month\'s figure in its last three working days, while none is entered', () => {
    const missing = { visitorsThisMonth: undefined };
    expect(ids({ ...missing, now: at(28, 11) })).toEqual([]);
    expect(ids({ ...missing, now: at(29, 9) })).toEqual(['visitors-entry:visitors:2026-12']);
    expect(ids({ ...missing, now: at(31, 13, 59) })).toEqual(['visitors-entry:visitors:2026-12']);
    expect(ids({ now: at(29, 9), visitorsThisMonth: 120 })).toEqual([]);
  });

  it('gives the marketing-partner advice after a month that closed below target, once', () => {
    const nudges = due({ now: at(2, 10), visitorsJudged: 200 });
    expect(nudges.map((n) => n.id)).toEqual(['visitors-advice:visitors:2026-11']);
    expect(nudgeText(nudges[0]!, en, 'en', ZONE)).toEqual({
      title: 'Website visitors',
      message: 'November closed below target: 200 of 250 visitors. Consider reviewing your marketing partner.',
    });
    const sent = markSent(EMPTY_SENT, nudges, at(2, 10), ZONE);
    expect(ids({ now: at(3, 10), visitorsJudged: 200, sent })).toEqual([]);
    expect(ids({ now: at(2, 10), visitorsJudged: 250 })).toEqual([]);
  });
});

describe('what the reminders say and open', () => {
  it('names the period and the figures', () => {
    const [contacts] = due({ now: at(16, 11), counts: { contacts: 5 } });
    expect(nudgeText(contacts!, en, 'en', ZONE)).toEqual({ title: 'Target met', message: 'Weekly contacts target met — 5 of 5' });
    expect(nudgeText(contacts!, ru, 'ru', ZONE)).toEqual({ title: 'Цель выполнена', message: 'Цель недели выполнена: контакты — 5 из 5' });
    const [half] = due({ now: at(16, 11), revenue: 50_000 });
    expect(nudgeText(half!, en, 'en', ZONE).message).toBe('Halfway to the yearly online revenue target — $50,000 of $100,000');
  });

  it('opens the page each reminder is about', () => {
    expect(nudgeTarget('met:contacts:2026-W51')).toBe('/options.html#section-history');
    expect(nudgeTarget('half:revenue:2026')).toBe('/options.html#section-history');
    expect(nudgeTarget('beyond:devices:2026-12')).toBe('/options.html#section-history');
    expect(nudgeTarget('last-chance:equotes:2026-W51')).toBe('/popup.html');
    expect(nudgeTarget('visitors-entry:visitors:2026-12')).toBe('/options.html#section-visitors');
    expect(nudgeTarget('visitors-advice:visitors:2026-11')).toBe('/options.html#section-visitors');
    expect(nudgeTarget('something-else')).toBeUndefined();
  });
});

describe('the record of what was sent', () => {
  it('forgets ids after a year and a bit, keeps the day of each KPI\'s last reminder', () => {
    const old: SentRecord = { sent: { 'met:contacts:2025-W40': at(1, 10, 0, 10) - 400 * 86_400_000 }, lastDay: {} };
    const [met] = due({ now: at(16, 11), counts: { contacts: 5 } });
    const record = markSent(old, [met!], at(16, 11), ZONE);
    expect(record).toEqual({ sent: { 'met:contacts:2026-W51': at(16, 11) }, lastDay: { contacts: '2026-12-16' } });
  });
});
