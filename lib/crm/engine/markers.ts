import type { AdapterInput } from '@/lib/crm/adapter-schema';
import type { DetectedRecord } from '@/lib/crm/record';
import { execBounded } from '@/lib/crm/safe-regex';
import { kindOf } from './kinds';
import { matchRoutes, recordPageUrl } from './routes';
import { toId } from './values';

type DomRule = NonNullable<AdapterInput['dom']>[number];

/** Records for success markers (toasts) the page showed. */

export interface DomHit {
  ruleId: string;
  /** The attribute value read by `recordFrom: element` (never page text). */
  value?: string;
  /** The page URL when the marker appeared. */
  url: string;
}

/** Records for success markers found in the page. */
export function detectFromDomHit(adapter: AdapterInput, hit: DomHit): DetectedRecord[] {
  const rule: DomRule | undefined = (adapter.dom ?? []).find((r) => r.id === hit.ruleId);
  if (!rule) return [];
  // A marker that shows the record a form submission created counts only with that submission
  // (see navigation.ts): on its own it would also count on a reload of the page.
  if ((adapter.network ?? []).some((r) => r.navigation?.marker === rule.id)) return [];
  let recordId: string | undefined;
  let object: string | undefined;
  let kind = rule.kind;
  if (rule.recordFrom.from === 'route') {
    const page = matchRoutes(adapter, hit.url).find((m) => m.route.type === 'record' && m.recordId !== undefined);
    if (!page) return [];
    recordId = page.recordId;
    kind = kind ?? page.kind;
  } else {
    const match = hit.value === undefined ? null : execBounded(rule.recordFrom.regex, hit.value);
    if (!match) return [];
    recordId = toId(adapter, match.groups?.id ?? match[1]);
    object = match.groups?.object;
    kind = kind ?? kindOf(adapter, object, recordId);
  }
  if (rule.requireCreateForm) {
    const forms = matchRoutes(adapter, hit.url).filter((m) => m.route.type === 'create-form');
    const form = forms.find((f) => kind === undefined || f.kind === kind);
    if (!form) return [];
    kind = kind ?? form.kind;
  }
  if (recordId === undefined || kind === undefined) return [];
  const record: DetectedRecord = { adapter: adapter.id, kind, recordId, rule: rule.id };
  const url = recordPageUrl(adapter, { recordId, kind, object }, hit.url);
  if (url) record.url = url;
  return [record];
}
