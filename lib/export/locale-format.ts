/**
 * How the rep's spreadsheet writes dates and decimals, read from Intl for their locale, so that
 * a file opened in a Russian or German spreadsheet gets "23.11.2026" and "1234,50" where an
 * American one gets "11/23/2026" and "1234.50".
 */

export type DatePart = { kind: 'day' | 'month' | 'year' } | { kind: 'literal'; text: string };

const SAMPLE_DAY = Date.UTC(2026, 10, 23);

/** The locale's numeric short date as parts in order, e.g. ru: day "." month "." year. */
export function datePattern(locale: string): DatePart[] {
  const format = new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' });
  const parts: DatePart[] = [];
  for (const part of format.formatToParts(SAMPLE_DAY)) {
    if (part.type === 'day' || part.type === 'month' || part.type === 'year') parts.push({ kind: part.type });
    else if (part.type === 'literal') parts.push({ kind: 'literal', text: part.value });
  }
  const kinds = new Set(parts.map((part) => part.kind));
  // A calendar Intl cannot write with plain numeric parts: fall back to ISO 8601, which every spreadsheet reads.
  if (!kinds.has('day') || !kinds.has('month') || !kinds.has('year')) {
    return [{ kind: 'year' }, { kind: 'literal', text: '-' }, { kind: 'month' }, { kind: 'literal', text: '-' }, { kind: 'day' }];
  }
  return parts;
}

/** "YYYY-MM-DD" written the locale's way, e.g. "23.11.2026" for ru. */
export function formatIsoDate(isoDate: string, pattern: readonly DatePart[]): string {
  const [year, month, day] = isoDate.split('-');
  return pattern.map((part) => (part.kind === 'literal' ? part.text : part.kind === 'year' ? year : part.kind === 'month' ? month : day)).join('');
}

/** The same pattern as a spreadsheet number format code, e.g. "dd.mm.yyyy". */
export function dateFormatCode(pattern: readonly DatePart[]): string {
  return pattern
    .map((part) => {
      if (part.kind !== 'literal') return { day: 'dd', month: 'mm', year: 'yyyy' }[part.kind];
      // Separators other than these would be read as format codes: quote them.
      return /^[./\- ]+$/.test(part.text) ? part.text : `"${part.text.replace(/"/g, '')}"`;
    })
    .join('');
}

/** The locale's decimal mark: "." or ",". */
export function decimalMark(locale: string): '.' | ',' {
  const mark = new Intl.NumberFormat(locale).formatToParts(1.5).find((part) => part.type === 'decimal')?.value;
  return mark === ',' ? ',' : '.';
}

/**
 * Month names in a format code follow the language tag in front of it; without one, the
 * spreadsheet's own language. Windows language ids of the languages the extension speaks.
 */
const LANGUAGE_IDS: Record<string, string> = { en: '409', ru: '419' };

export function monthFormatCode(locale: string): string {
  const id = LANGUAGE_IDS[locale.split('-')[0]!.toLowerCase()];
  return id ? `[$-${id}]mmmm yyyy` : 'mmmm yyyy';
}

/**
 * The two CSV dialects spreadsheets expect: comma-separated with a decimal point (English and
 * other locales writing 1.5), and semicolon-separated with a decimal comma (Russian, German and
 * others writing 1,5; Excel in those locales splits on ";").
 */
export const CSV_DIALECTS = ['comma', 'semicolon'] as const;
export type CsvDialect = (typeof CSV_DIALECTS)[number];

export function defaultCsvDialect(locale: string): CsvDialect {
  return decimalMark(locale) === ',' ? 'semicolon' : 'comma';
}
