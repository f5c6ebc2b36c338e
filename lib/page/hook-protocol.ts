/**
 * Messages on the private channel. The hook receives only rule patterns, never CRM data, and
 * checks them by hand (content scripts must stay small); the content script passes the observed
 * exchanges on to the background, which checks every field (crm/page-signals).
 */

/** Content script → hook: which requests the hook may read. */
export interface HookConfig {
  type: 'config';
  rules: Array<{ methods: string[]; url: string }>;
  /** Response headers some rule reads (lower case). */
  headers: string[];
  /** The adapter names API hosts besides the page's own origin (the background's engine checks which). */
  otherHosts?: boolean;
  /**
   * The rep is teaching KPI Pacer a save on this tab: every request with a body to the page's own
   * origin (and the API hosts) is read, for as long as the window is open. Set only by the
   * background through the content script, never by the page.
   */
  teach?: boolean;
}

/** Response headers that carry a new record's address: read while teaching. */
export const TEACH_HEADERS = ['location', 'odata-entityid', 'content-location'];

/**
 * Bodies above this many bytes (UTF-8, on the fetch and the XHR path alike) are not read at all
 * (a truncated body would not parse anyway). A string of that many bytes has at most as many
 * UTF-16 units, so the background's check (crm/page-signals) may count in string length.
 */
export const MAX_BODY_BYTES = 256 * 1024;

const isString = (value: unknown, max: number): value is string => typeof value === 'string' && value.length <= max;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseHookConfig(data: unknown): HookConfig | null {
  if (!isRecord(data) || data.type !== 'config' || !Array.isArray(data.rules) || !Array.isArray(data.headers)) return null;
  if (data.rules.length > 100 || data.headers.length > 20) return null;
  const rules: HookConfig['rules'] = [];
  for (const rule of data.rules) {
    if (!isRecord(rule) || !isString(rule.url, 300) || !Array.isArray(rule.methods)) return null;
    if (!rule.methods.every((m) => isString(m, 10))) return null;
    rules.push({ methods: rule.methods as string[], url: rule.url });
  }
  if (!data.headers.every((h) => isString(h, 64))) return null;
  return {
    type: 'config',
    rules,
    headers: data.headers as string[],
    ...(data.otherHosts === true && { otherHosts: true }),
    ...(data.teach === true && { teach: true }),
  };
}
