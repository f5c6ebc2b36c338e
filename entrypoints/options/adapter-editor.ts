import { validateAdapter, type AdapterInput, type AdapterSpec } from '@/lib/crm/adapter-schema';
import { issueLines, RulesSchema, type Rules } from '@/lib/overrides/schema';

/** Larger than any sensible adapter; a pasted file beyond this is refused before parsing. */
export const MAX_ADAPTER_JSON = 100_000;

export type EditorCheck = { ok: true; adapter: AdapterSpec; rules: Rules } | { ok: false; errors: string[] };

/**
 * A small working adapter to start from: a CRM whose "new contact" form posts JSON to
 * /api/contacts and gets the new record's id back, then opens /contacts/{id}.
 */
export const EXAMPLE_ADAPTER: AdapterInput = {
  id: 'my-crm',
  name: 'My CRM',
  hosts: ['https://crm.example.com/*'],
  kinds: { contact: { kpis: ['contacts'] } },
  routes: [
    { id: 'my-crm-contact-new', kind: 'contact', type: 'create-form', path: '^/contacts/new$', testUrls: ['https://crm.example.com/contacts/new'] },
    { id: 'my-crm-contact-page', kind: 'contact', type: 'record', path: '^/contacts/(?<id>\\d+)$', testUrls: ['https://crm.example.com/contacts/42'] },
  ],
  network: [
    {
      id: 'my-crm-contact-create',
      methods: ['POST'],
      url: '/api/contacts$',
      format: 'json',
      kind: 'contact',
      read: { recordId: [{ from: 'response', path: 'id' }], email: [{ from: 'request', path: 'email' }] },
    },
  ],
};

export function exampleAdapterJson(): string {
  return JSON.stringify(EXAMPLE_ADAPTER, null, 2);
}

/**
 * Checks what the rep typed the way the background will: JSON first, then the schema shipped
 * adapters use (every error names its field), then the rules around it (no shipped id, no
 * duplicate). An adapter with the id of one of the rep's own replaces it: that is an edit.
 */
export function checkAdapterJson(text: string, rules: Rules): EditorCheck {
  if (text.length > MAX_ADAPTER_JSON) return { ok: false, errors: [`(adapter): longer than ${MAX_ADAPTER_JSON} characters`] };
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [`(adapter): not valid JSON: ${(error as Error).message}`] };
  }
  const checked = validateAdapter(input);
  if (!checked.ok) return { ok: false, errors: checked.errors };
  const others = rules.adapters.filter((a) => a.id !== checked.adapter.id);
  const next = RulesSchema.safeParse({ ...rules, adapters: [...others, checked.adapter] });
  if (!next.success) {
    // Paths of the new adapter read as the adapter's own (`id: …`), not as `adapters.3.id`.
    const index = others.length;
    const lines = issueLines(next.error).map((line) => line.replace(new RegExp(`^adapters\\.${index}\\.`), ''));
    return { ok: false, errors: lines };
  }
  return { ok: true, adapter: checked.adapter, rules: next.data };
}

/** Rules without one of the rep's adapters, or the sites and mappings that still use it. */
export function removeAdapter(rules: Rules, id: string): { ok: true; rules: Rules } | { ok: false; usedBy: string[] } {
  const usedBy = [...rules.sites.filter((s) => s.adapter === id).map((s) => s.pattern), ...rules.mappings.filter((m) => m.adapter === id).map((m) => m.object)];
  if (usedBy.length > 0) return { ok: false, usedBy };
  return { ok: true, rules: { ...rules, adapters: rules.adapters.filter((a) => a.id !== id) } };
}
