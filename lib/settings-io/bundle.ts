import { z } from 'zod';
import { SettingsSchema, type Settings } from '@/lib/kpi/settings';
import { issueLines, RulesSchema, type Rules } from '@/lib/overrides/schema';

/** The file a rep exports to move settings and rules to another browser. Counts are not in it. */
export const BUNDLE_FORMAT = 'kpi-pacer-settings';
export const BUNDLE_VERSION = 1;
/** Far above any real file; refuses a huge paste before parsing it. */
export const MAX_BUNDLE_BYTES = 1_000_000;

const BundleSchema = z
  .object({
    format: z.literal(BUNDLE_FORMAT, `"${BUNDLE_FORMAT}" (a KPI Pacer settings file)`),
    version: z.literal(BUNDLE_VERSION, `${BUNDLE_VERSION}`),
    exportedAt: z.string().max(40).optional(),
    settings: SettingsSchema,
    rules: RulesSchema,
  })
  .strict();

export interface Bundle {
  format: typeof BUNDLE_FORMAT;
  version: typeof BUNDLE_VERSION;
  exportedAt: string;
  settings: Settings;
  rules: Rules;
}

export function exportBundle(settings: Settings, rules: Rules, now: number): Bundle {
  return { format: BUNDLE_FORMAT, version: BUNDLE_VERSION, exportedAt: new Date(now).toISOString(), settings, rules };
}

export function bundleText(bundle: Bundle): string {
  return `${JSON.stringify(bundle, null, 2)}\n`;
}

export type ParsedBundle =
  | { ok: true; settings: Settings; rules: Rules }
  /** `issues` (when the file is JSON) lets a page word each problem in the rep's language. */
  | { ok: false; errors: string[]; issues?: z.core.$ZodIssue[] };

/** Reads an exported file. Every problem is reported with the field it is in; nothing is applied here. */
export function parseBundle(text: string): ParsedBundle {
  if (new TextEncoder().encode(text).length > MAX_BUNDLE_BYTES) {
    return { ok: false, errors: [`(file): larger than ${MAX_BUNDLE_BYTES / 1_000_000} MB, not a settings file`] };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { ok: false, errors: [`(file): not valid JSON (${err instanceof Error ? err.message : String(err)})`] };
  }
  const result = BundleSchema.safeParse(data);
  if (!result.success) return { ok: false, errors: issueLines(result.error), issues: result.error.issues };
  return { ok: true, settings: result.data.settings, rules: result.data.rules };
}
