import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

/**
 * Opens files in LibreOffice Calc, headless, as a manager's spreadsheet would, and reads back
 * what Calc made of every cell: its type (a number, a date, a percentage or text) and value.
 * Calc saves them as flat OpenDocument (.fods), plain XML that needs no unzipping.
 */

const run = promisify(execFile);

export const SOFFICE = process.env.SOFFICE_PATH ?? 'soffice';

/** LibreOffice's CSV import options: separator, quote, UTF-8, from line 1, no column types, language. */
export function csvImportFilter(separator: ',' | ';', languageId: number): string {
  // 76 is UTF-8; the language id (Windows LCID: 1033 en-US, 1049 ru-RU) decides the decimal mark and date order.
  return `CSV:${separator.charCodeAt(0)},34,76,1,,${languageId}`;
}

/**
 * Converts files to .fods in `outDir` with one Calc run. `profileDir` must be this run's own:
 * two Calc processes sharing a profile wait on each other's lock.
 */
export async function convertToFods(files: readonly string[], outDir: string, profileDir: string, importFilter?: string): Promise<string[]> {
  const args = [`-env:UserInstallation=${pathToFileURL(profileDir).href}`, '--headless', '--norestore'];
  if (importFilter) args.push(`--infilter=${importFilter}`);
  args.push('--convert-to', 'fods', '--outdir', outDir, ...files);
  await run(SOFFICE, args, { timeout: 110_000 });
  return files.map((file) => join(outDir, `${basename(file, extname(file))}.fods`));
}

export type CellType = 'float' | 'percentage' | 'currency' | 'date' | 'string' | 'empty';

export interface SheetCell {
  type: CellType;
  /** Numbers as numbers, dates as "YYYY-MM-DD", text as shown. */
  value: number | string | null;
}

export type Sheet = SheetCell[][];

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(xml: string): string {
  return xml
    .replace(/<text:s(?: text:c="(\d+)")?\/>/g, (_, n: string | undefined) => ' '.repeat(Number(n ?? 1)))
    .replace(/<text:tab\/>/g, '\t')
    .replace(/<\/text:p>\s*<text:p[^>]*>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(#\d+|#x[\da-f]+|\w+);/gi, (whole, name: string) =>
      name.startsWith('#x') ? String.fromCodePoint(parseInt(name.slice(2), 16)) : name.startsWith('#') ? String.fromCodePoint(Number(name.slice(1))) : (ENTITIES[name] ?? whole),
    );
}

const attribute = (attributes: string, name: string): string | undefined => new RegExp(`${name}="([^"]*)"`).exec(attributes)?.[1];

/** Calc writes a run of equal cells (or empty rows) once with a repeat count; a sheet's tail repeats to its last column. */
const MAX_REPEAT = 64;

function parseRow(rowXml: string): SheetCell[] {
  const cells: SheetCell[] = [];
  const cellPattern = /<table:(?:covered-)?table-cell\b([^>]*?)(?:\/>|>([\s\S]*?)<\/table:(?:covered-)?table-cell>)/g;
  for (const [, attributes = '', inner = ''] of rowXml.matchAll(cellPattern)) {
    const type = (attribute(attributes, 'office:value-type') ?? 'empty') as CellType;
    let value: SheetCell['value'] = null;
    if (type === 'float' || type === 'percentage' || type === 'currency') value = Number(attribute(attributes, 'office:value'));
    else if (type === 'date') value = attribute(attributes, 'office:date-value')!.slice(0, 10);
    else if (type === 'string') value = decode(inner.trim()).trim();
    const repeat = Math.min(MAX_REPEAT, Number(attribute(attributes, 'table:number-columns-repeated') ?? 1));
    for (let i = 0; i < repeat; i++) cells.push({ type, value });
  }
  while (cells.length > 0 && cells[cells.length - 1]!.type === 'empty') cells.pop();
  return cells;
}

/** Every sheet of a .fods file by name, rows of cells, trailing empty cells and rows dropped. */
export async function readFods(path: string): Promise<Map<string, Sheet>> {
  const xml = await readFile(path, 'utf8');
  const sheets = new Map<string, Sheet>();
  for (const [, name = '', body = ''] of xml.matchAll(/<table:table table:name="([^"]*)"[^>]*>([\s\S]*?)<\/table:table>/g)) {
    const rows: Sheet = [];
    for (const [, attributes = '', rowXml = ''] of body.matchAll(/<table:table-row\b([^>]*)>([\s\S]*?)<\/table:table-row>/g)) {
      const row = parseRow(rowXml);
      const repeat = Math.min(MAX_REPEAT, Number(attribute(attributes, 'table:number-rows-repeated') ?? 1));
      for (let i = 0; i < repeat; i++) rows.push(row);
    }
    while (rows.length > 0 && rows[rows.length - 1]!.length === 0) rows.pop();
    sheets.set(decode(name), rows);
  }
  return sheets;
}

/** A table read from a sheet: its header row's texts and the rows under it, cells by header. */
export interface ReadTable {
  headers: string[];
  rows: Map<string, SheetCell>[];
}

const EMPTY: SheetCell = { type: 'empty', value: null };

export function tableFrom(header: readonly SheetCell[], rows: readonly (readonly SheetCell[])[]): ReadTable {
  const headers = header.map((cell) => String(cell.value ?? ''));
  return { headers, rows: rows.map((row) => new Map(headers.map((name, index) => [name, row[index] ?? EMPTY]))) };
}

/**
 * The sections of a CSV opened as one sheet: a line holding only the section's name, its
 * header, its rows, then an empty line.
 */
export function csvSections(sheet: Sheet, names: readonly string[]): Map<string, ReadTable> {
  const sections = new Map<string, ReadTable>();
  for (const name of names) {
    const start = sheet.findIndex((row) => row.length === 1 && row[0]!.value === name);
    if (start < 0) continue;
    let end = start + 2;
    while (end < sheet.length && sheet[end]!.length > 0) end += 1;
    sections.set(name, tableFrom(sheet[start + 1] ?? [], sheet.slice(start + 2, end)));
  }
  return sections;
}
