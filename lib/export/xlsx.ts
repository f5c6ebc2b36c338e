import type { Cell, Feature, Sheet } from 'write-excel-file/browser';

/** What write-excel-file's browser build accepts for embedded files (none are embedded here). */
type FileContent = File | Blob | ArrayBuffer;
import { dateFormatCode, datePattern, monthFormatCode } from './locale-format';
import type { CellKind, CellValue, ExportTable } from './tables';

/**
 * The tables as an .xlsx workbook, one sheet per table: real numbers and dates with number
 * formats, the header row frozen, the running period's row marked, and each sheet set to print
 * landscape, one page wide.
 *
 * Written with write-excel-file: it only writes (no reader, no formula engine), depends on
 * fflate alone and is released often; 19 KB gzipped where exceljs weighs 256 KB, and SheetJS's
 * npm package is years behind the releases it now ships elsewhere. It is imported here only when
 * the rep exports a workbook, so it is a chunk of its own that nothing else loads.
 */

export interface XlsxOptions {
  /** The rep's locale: date format and the language of month names. */
  locale: string;
}

const HEADER_STYLE = {
  fontWeight: 'bold',
  backgroundColor: '#E8EEF7',
  bottomBorderStyle: 'thin',
  bottomBorderColor: '#8899AA',
  wrap: true,
  alignVertical: 'top',
} as const;
/** Headers wrap onto up to four lines, so columns stay as narrow as their figures. */
const HEADER_HEIGHT_POINTS = 54;
/** The running period: its figures are so far, not final. */
const PARTIAL_STYLE = { fontStyle: 'italic', backgroundColor: '#FFF4CE' } as const;

const utcDate = (isoDate: string): Date => new Date(`${isoDate}T00:00:00Z`);

function formatFor(kind: CellKind, locale: string, dateCode: string): string | undefined {
  switch (kind) {
    case 'date':
      return dateCode;
    case 'month':
      return monthFormatCode(locale);
    case 'integer':
      return '0';
    case 'number':
      return '#,##0.##';
    case 'money':
      return '#,##0.00';
    case 'ratio':
      return '0%';
    case 'text':
      return undefined;
  }
}

function cell(value: CellValue, kind: CellKind, format: string | undefined, partial: boolean): Cell {
  const style = partial ? PARTIAL_STYLE : {};
  if (value === null) return partial ? { value: '', type: String, ...style } : null;
  if (typeof value === 'string') {
    if (kind === 'date' || kind === 'month') return { value: utcDate(value), type: Date, format, ...style };
    // Text stays text: a cell never becomes a formula however it starts.
    return { value, type: String, ...style };
  }
  return { value, type: Number, format, ...style };
}

/** The sheets for write-excel-file: data, widths, frozen header, landscape. */
export function xlsxSheets(tables: readonly ExportTable[], { locale }: XlsxOptions): Sheet<FileContent>[] {
  const dateCode = dateFormatCode(datePattern(locale));
  return tables.map((table) => {
    const formats = table.columns.map((column) => formatFor(column.kind, locale, dateCode));
    const header = table.columns.map((column): Cell => ({ value: column.header, type: String, height: HEADER_HEIGHT_POINTS, ...HEADER_STYLE }));
    const rows = table.rows.map((row) => row.cells.map((value, index) => cell(value, table.columns[index]!.kind, formats[index], row.partial)));
    return {
      // Sheet names: at most 31 characters and none of : \ / ? * [ ].
      sheet: table.name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31),
      data: [header, ...rows],
      columns: table.columns.map((column) => ({ width: column.width })),
      stickyRowsCount: 1,
      orientation: 'landscape',
    };
  });
}

/**
 * Printing: one page wide, as many pages tall as needed. write-excel-file writes the page
 * orientation; the fit settings are added here (`sheetPr` must be the sheet's first element).
 */
export const fitToPageWidth: Feature<FileContent> = {
  files: {
    transform: {
      'xl/worksheets/sheet{id}.xml': {
        transform: (xml) =>
          xml.includes('<sheetPr') ? xml : xml.replace(/<worksheet\b[^>]*>/, (open) => `${open}<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>`),
        transformElementAttributes: (tagName, attributes) =>
          tagName === 'pageSetup' ? { ...attributes, fitToWidth: 1, fitToHeight: 0 } : attributes,
      },
    },
  },
};

/** The workbook as a Blob; loads the writer on first use. */
export async function writeXlsx(tables: readonly ExportTable[], options: XlsxOptions): Promise<Blob> {
  const { default: writeXlsxFile } = await import('write-excel-file/browser');
  // A font every spreadsheet has or substitutes metric-compatibly (LibreOffice: Liberation Sans).
  return writeXlsxFile(xlsxSheets(tables, options), { fontFamily: 'Arial', fontSize: 10, features: [fitToPageWidth] }).toBlob();
}

export const XLSX_MIME_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
