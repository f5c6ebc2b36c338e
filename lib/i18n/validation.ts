import type { z } from 'zod';
import { formatNumber } from './format';
import type { Translate } from './messages';

/**
 * Validation problems in plain words, in the rep's language. Schemas keep their English messages
 * for developers and logs; what a rep reads comes from the issue's code and limits, with a few
 * fields that have a sentence of their own (a zod message such as "Too small: expected number to
 * be >=1" never reaches the screen).
 */

type Issue = Pick<z.core.$ZodIssue, 'code' | 'path'> & {
  origin?: string;
  expected?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  format?: string;
};

/** Fields whose every problem reads the same way: the sentence says what to enter. */
const FIELD_MESSAGES: readonly [RegExp, string][] = [
  [/^timeZone$/, 'validation_timeZone'],
  [/^currency$/, 'validation_currency'],
  [/^rates\./, 'validation_rate'],
  [/^targets\.visitors\.period$/, 'validation_visitorsPeriod'],
  [/^workingDays$/, 'validation_workingDays'],
  [/^workingDays\.\d+$/, 'validation_workingDays'],
  [/^weekStart$/, 'validation_weekStart'],
];

function limit(value: number | bigint | undefined, locale: string): string {
  return value === undefined ? '' : formatNumber(Number(value), locale);
}

/** One issue as a sentence for the rep. */
export function explainIssue(issue: Issue, t: Translate, locale: string): string {
  const path = issue.path.map(String).join('.');
  for (const [pattern, key] of FIELD_MESSAGES) if (pattern.test(path)) return t(key);
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'int') return t('validation_wholeNumber');
      if (issue.expected === 'number') return t('validation_number');
      return t('validation_invalid');
    case 'too_small':
      if (issue.origin === 'string') return t('validation_required');
      if (issue.origin === 'array' || issue.origin === 'set') return t('validation_pickOne');
      return Number(issue.minimum) === 0 ? t('validation_notNegative') : t('validation_atLeast', limit(issue.minimum, locale));
    case 'too_big':
      if (issue.origin === 'string') return t('validation_tooLong', limit(issue.maximum, locale));
      if (issue.origin === 'array' || issue.origin === 'set') return t('validation_tooMany', limit(issue.maximum, locale));
      return t('validation_atMost', limit(issue.maximum, locale));
    case 'not_multiple_of':
      return t('validation_wholeNumber');
    default:
      return t('validation_invalid');
  }
}

/** The first problem of each field, keyed by its path (`teamSize`, `targets.contacts.target`). */
export function explainIssues(issues: readonly Issue[], t: Translate, locale: string): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) errors[issue.path.map(String).join('.')] ??= explainIssue(issue, t, locale);
  return errors;
}

/** The settings fields as the options page labels them. */
const SETTINGS_LABELS: Readonly<Record<string, string>> = {
  repName: 'options_repName',
  teamSize: 'options_teamSize',
  weekStart: 'options_weekStart',
  workingDays: 'options_workingDays',
  timeZone: 'options_timeZone',
  currency: 'options_currency',
};

/**
 * A problem in an imported settings file, in words: "Team size (reps): Enter 1 or more." for the
 * settings; a file that is not a settings file says so. Problems in the rules (the rep's own
 * adapters, written as JSON) keep their field path, which is what their author needs.
 */
export function explainImportIssue(issue: Issue & { message?: string }, t: Translate, locale: string): string {
  const [area, field, kpi] = issue.path.map(String);
  if (area === 'settings' && field !== undefined) {
    const inner = { ...issue, path: issue.path.slice(1) };
    const label = SETTINGS_LABELS[field] ? t(SETTINGS_LABELS[field]) : field === 'targets' && kpi ? `${t('options_targetsTitle')} · ${t(`kpi_${kpi}`)}` : field;
    return `${label}: ${explainIssue(inner, t, locale)}`;
  }
  if (area === 'rules' && issue.path.length > 1) return `${issue.path.map(String).join('.')}: ${issue.message ?? ''}`;
  return t('options_notSettingsFile');
}
