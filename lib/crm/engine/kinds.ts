import type { AdapterInput } from '@/lib/crm/adapter-schema';

/** Which of the adapter's kinds an object name or an id prefix stands for. */

/** The kind a CRM object name (or, failing that, a record-id prefix) stands for. */
export function kindForObject(adapter: AdapterInput, object?: string, recordId?: string): string | undefined {
  const kinds = Object.entries(adapter.kinds);
  if (object !== undefined) {
    const byObject = kinds.find(([, kind]) => (kind.objects ?? []).includes(object));
    if (byObject) return byObject[0];
  }
  if (recordId !== undefined) {
    const byPrefix = kinds.find(([, kind]) => (kind.idPrefixes ?? []).some((prefix) => recordId.startsWith(prefix)));
    if (byPrefix) return byPrefix[0];
  }
  if (object !== undefined) {
    const byPrefixName = kinds.find(([, kind]) => (kind.idPrefixes ?? []).includes(object));
    if (byPrefixName) return byPrefixName[0];
  }
  return undefined;
}

/**
 * The kind for a record, falling back to the kind a mapping of its object would create
 * (`obj-<object>`), so an object no kind names (a custom object) is still reported and a
 * mapping the rep adds later picks it up; unmapped, the background counts it toward nothing.
 */
export function kindOf(adapter: AdapterInput, object?: string, recordId?: string): string | undefined {
  return kindForObject(adapter, object, recordId) ?? (object ? mappedKindId(object) : undefined);
}

/** The kind id a mapped CRM object gets when no kind of the adapter names it on its own. */
export function mappedKindId(object: string): string {
  const slug = object
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '');
  return `obj-${slug}`.slice(0, 64);
}
