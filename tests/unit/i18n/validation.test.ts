import { describe, expect, it } from 'vitest';
import { checkSettings } from '@/entrypoints/options/form';
import { applyProfile, profileDraft } from '@/entrypoints/options/ProfileFields';
import { explainImportIssue, explainIssue } from '@/lib/i18n/validation';
import { parseBundle } from '@/lib/settings-io';
import { defaultSettings } from '@/lib/kpi/settings';
import { getMessageFrom, readMessages } from './locale-messages';

const en = { t: getMessageFrom(readMessages('en')), locale: 'en' };
const ru = { t: getMessageFrom(readMessages('ru')), locale: 'ru' };
const base = defaultSettings({ timeZone: 'Europe/Berlin' });
/** What zod says when it speaks to developers: none of it may reach a rep. */
const RAW_ZOD = /Too small|Too big|expected|Invalid input|Invalid string|received|>=|<=|ISO 4217|IANA/;

describe('validation messages in plain words', () => {
  it('words every settings problem in English and Russian, never as zod does', () => {
    const bad = applyProfile(base, { ...profileDraft(base), teamSize: '0', workingDays: [], timeZone: 'Mars/Olympus', currency: 'dollars' });
    const withTargets = { ...(bad as object), targets: { contacts: { target: -1, period: 'week' }, visitors: { target: 250, period: 'week' } } };
    const english = checkSettings(withTargets, en).errors;
    expect(english).toEqual({
      teamSize: 'Enter 1 or more.',
      workingDays: 'Tick at least one working day.',
      timeZone: 'Pick a time zone from the list, such as Europe/Berlin.',
      currency: 'Enter a three-letter currency code, such as USD or EUR.',
      'targets.contacts.target': 'Enter zero or more.',
      'targets.visitors.period': 'Visitors are entered once a month: pick month, quarter or year.',
    });
    const russian = checkSettings(withTargets, ru).errors;
    expect(russian.teamSize).toBe('Введите не меньше 1.');
    expect(russian.workingDays).toBe('Отметьте хотя бы один рабочий день.');
    expect(russian['targets.contacts.target']).toBe('Введите ноль или больше.');
    for (const message of [...Object.values(english), ...Object.values(russian)]) expect(message).not.toMatch(RAW_ZOD);
  });

  it('says what to type for empty, fractional, huge and too-long values', () => {
    const cases = [
      { teamSize: '' },
      { teamSize: '2.5' },
      { teamSize: '5000' },
      { repName: 'x'.repeat(81) },
    ].map((patch) => checkSettings(applyProfile(base, { ...profileDraft(base), ...patch }), en).errors);
    expect(cases).toEqual([
      { teamSize: 'Enter a number.' },
      { teamSize: 'Enter a whole number.' },
      { teamSize: 'Enter 1,000 or less.' },
      { repName: 'Keep it to 80 characters or fewer.' },
    ]);
    expect(checkSettings(applyProfile(base, { ...profileDraft(base), teamSize: '5000' }), ru).errors.teamSize?.replace(/\s/g, ' ')).toBe('Введите не больше 1 000.');
  });

  it('falls back to a plain sentence for a problem it has no words for', () => {
    expect(explainIssue({ code: 'invalid_union', path: ['x'] }, en.t, 'en')).toBe('This value cannot be used.');
    expect(explainIssue({ code: 'invalid_union', path: ['x'] }, ru.t, 'ru')).toBe('Это значение не подходит.');
  });

  it('words the problems of an imported settings file by the field labels the page uses', () => {
    const file = JSON.stringify({ format: 'kpi-pacer-settings', version: 1, settings: { teamSize: 'many', targets: { contacts: { target: -1, period: 'week' } } }, rules: {} });
    const parsed = parseBundle(file);
    if (parsed.ok || !parsed.issues) throw new Error('expected a refusal with issues');
    expect(parsed.issues.map((issue) => explainImportIssue(issue, en.t, 'en'))).toEqual([
      'Team size (reps): Enter a number.',
      'Targets · New contacts with email: Enter zero or more.',
    ]);
    expect(explainImportIssue(parsed.issues[0]!, ru.t, 'ru')).toBe('Размер команды (менеджеров): Введите число.');
    const other = parseBundle(JSON.stringify({ format: 'something-else' }));
    if (other.ok || !other.issues) throw new Error('expected a refusal with issues');
    expect(new Set(other.issues.map((issue) => explainImportIssue(issue, en.t, 'en')))).toEqual(new Set(['This is not a KPI Pacer settings file.']));
  });
});
