/**
 * Download name such as "kpi-pacer_anna-petrova_2026-W45_2026-W48.csv". The rep's name keeps its
 * letters (Cyrillic included); anything a file system might refuse becomes a hyphen.
 */
export function exportFilename(rep: string, firstWeek: string, lastWeek: string, extension: 'csv' | 'json' | 'xlsx'): string {
  const safeRep = rep
    .normalize('NFC')
    .toLocaleLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  const weeks = firstWeek === lastWeek ? firstWeek : `${firstWeek}_${lastWeek}`;
  return ['kpi-pacer', safeRep, weeks].filter(Boolean).join('_') + `.${extension}`;
}
