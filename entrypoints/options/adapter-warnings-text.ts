import type { Translate } from '@/lib/i18n/messages';
import type { AdapterWarning } from '@/lib/crm/adapter-warnings';

/** A Check warning as a sentence in the rep's language, naming the field as written in the JSON. */
export function warningLine(t: Translate, warning: AdapterWarning): string {
  switch (warning.code) {
    case 'dollar-path':
      return t('options_warnDollarPath', [warning.field, warning.path, warning.suggestion === '' ? "''" : warning.suggestion]);
    case 'id-list':
      return t('options_warnIdList', [warning.field, warning.path]);
    case 'id-element':
      return t('options_warnIdElement', [warning.field, warning.path]);
    case 'test-url-miss':
      return t('options_warnTestUrl', [warning.field, warning.url]);
    case 'form-matches-record':
      return t('options_warnFormRecord', [warning.field, warning.other, warning.url]);
  }
}

/**
 * The schema's line for an adapter host with a port (`hosts.0: a port is not allowed…: write X; …`)
 * in the rep's language, or undefined for any other line.
 */
export function hostPortLine(t: Translate, line: string): string | undefined {
  const m = /^(.+): a port is not allowed in a match pattern: write (\S+); it covers every port$/.exec(line);
  return m ? t('options_hostPort', [m[1]!, m[2]!]) : undefined;
}
