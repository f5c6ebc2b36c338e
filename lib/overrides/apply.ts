import { mappedKindId } from '@/lib/crm/engine';
import type { AdapterInput, KindSpec, RecordKpi } from '@/lib/crm/adapter-schema';
import type { ObjectMapping } from './schema';

type Kinds = AdapterInput['kinds'];
type KindInput = Kinds[string];

/**
 * The adapter with the rep's mappings applied. A mapping names either a kind of the adapter
 * (its KPIs are replaced), or a CRM object: an object that is a kind's only object replaces that
 * kind's KPIs; any other object is split out into its own kind `obj-<object>`, so mapping a
 * Salesforce custom object never changes how contacts count.
 */
export function applyMappings(adapter: AdapterInput, mappings: readonly ObjectMapping[]): AdapterInput {
  const own = mappings.filter((m) => m.adapter === adapter.id);
  if (own.length === 0) return adapter;
  const kinds: Kinds = Object.fromEntries(Object.entries(adapter.kinds).map(([id, kind]) => [id, copyKind(kind)]));
  for (const mapping of own) {
    const kpis: RecordKpi[] = [...mapping.kpis];
    const byId = Object.hasOwn(kinds, mapping.object) ? kinds[mapping.object] : undefined;
    if (byId) {
      byId.kpis = kpis;
      continue;
    }
    const owner = Object.values(kinds).find((kind) => (kind.objects ?? []).includes(mapping.object));
    if (owner && owner.objects?.length === 1) {
      owner.kpis = kpis;
      continue;
    }
    if (owner) owner.objects = (owner.objects ?? []).filter((o) => o !== mapping.object);
    kinds[mappedKindId(mapping.object)] = { kpis, objects: [mapping.object] };
  }
  return { ...adapter, kinds };
}

function copyKind(kind: KindInput): KindInput & { kpis?: RecordKpi[]; objects?: string[] } {
  return {
    ...kind,
    ...(kind.kpis !== undefined && { kpis: [...kind.kpis] }),
    ...(kind.objects !== undefined && { objects: [...kind.objects] }),
  };
}

/** What each kind feeds once the rep's mappings apply, for showing the mapping table. */
export function kindTable(adapter: AdapterInput): { kind: string; kpis: RecordKpi[]; objects: string[] }[] {
  return Object.entries(adapter.kinds).map(([kind, spec]: [string, Partial<KindSpec>]) => ({
    kind,
    kpis: [...(spec.kpis ?? [])],
    objects: [...(spec.objects ?? [])],
  }));
}
