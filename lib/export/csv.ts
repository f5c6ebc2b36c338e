/** Lets spreadsheet apps detect UTF-8 (Cyrillic names would be garbled in Excel without it). */
export const UTF8_BOM = '\uFEFF';

/** Cells a spreadsheet would run as a formula (or that hide one behind a tab or carriage return). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Text that would start a formula gets a leading quote, which spreadsheets show as plain text.
 * Only for text: numbers are data, and "-5" written as a number is not a formula.
 */
export function guardFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
