import Papa from 'papaparse';
import { guardFormula, UTF8_BOM } from './csv';
import { datePattern, formatIsoDate, type CsvDialect } from './locale-format';
import type { CellKind, CellValue, ExportTable } from './tables';

interface CsvOptions {
  dialect: CsvDialect;
  /** The rep's locale: how dates are written. */
  locale: string;
}

/** Up to `digits` decimals, no trailing zeros, no thousands separator: 93500, 1.67, 80.5. */
function plainNumber(value: number, digits: number): string {
  return String(Number(value.toFixed(digits)));
}

function cellText(value: CellValue, kind: CellKind, mark: string, pattern: ReturnType<typeof datePattern>): string {
  if (value === null) return '';
  if (typeof value === 'string') return kind === 'date' || kind === 'month' ? formatIsoDate(value, pattern) : guardFormula(value);
  // Numbers are data, never formulas: "-5" stays "-5".
  let text: string;
  if (kind === 'money') text = value.toFixed(2);
  else if (kind === 'ratio') text = plainNumber(value * 100, 1);
  else if (kind === 'integer') text = String(Math.round(value));
  else text = plainNumber(value, 2);
  return mark === '.' ? text : text.replace('.', mark);
}

/**
 * The tables as one CSV file, one section per table: its name on a line of its own, the header,
 * the rows, then an empty line. UTF-8 with a BOM (spreadsheets otherwise guess a legacy encoding
 * and garble Cyrillic), CRLF line ends, fields quoted where needed. Percentages are written as
 * numbers of percent (80 for 80%), under a header that says so.
 */
export function reportCsv(tables: readonly ExportTable[], { dialect, locale }: CsvOptions): string {
  const delimiter = dialect === 'semicolon' ? ';' : ',';
  const mark = dialect === 'semicolon' ? ',' : '.';
  const pattern = datePattern(locale);
  const sections = tables.map((table) => {
    const data = [
      [guardFormula(table.name)],
      table.columns.map((column) => guardFormula(column.header)),
      ...table.rows.map((row) => row.cells.map((value, index) => cellText(value, table.columns[index]!.kind, mark, pattern))),
    ];
    return Papa.unparse(data, { delimiter, newline: '\r\n', escapeFormulae: false });
  });
  return `${UTF8_BOM}${sections.join('\r\n\r\n')}\r\n`;
}
