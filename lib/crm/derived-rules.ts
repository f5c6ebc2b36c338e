import type { AdapterInput } from './adapter-schema';

type NetworkRule = NonNullable<AdapterInput['network']>[number];

/**
 * A network rule written as a variant of an earlier rule of the same adapter (`extends` names it):
 * it gives only what differs. Typical: the "won" variant of a create rule, which adds a condition,
 * a kind and a status to read, and keeps the URL, format, items and success condition.
 */
export type DerivedNetworkRule = Partial<Omit<NetworkRule, 'read'>> & {
  id: string;
  extends: string;
  read?: Partial<NetworkRule['read']>;
};

/**
 * The rules with every derived one written out in full: the base's fields, then the variant's.
 * `when` conditions add to the base's (a variant narrows, never widens); `read` sources replace
 * the base's field by field. A rule whose base is not an earlier rule is left as it is, for the
 * schema to refuse with the field named.
 */
export function expandDerivedRules(network: readonly unknown[]): unknown[] {
  const written = new Map<string, Record<string, unknown>>();
  return network.map((entry) => {
    if (!isRecord(entry)) return entry;
    let rule = entry;
    if (typeof entry.extends === 'string' && written.has(entry.extends)) {
      const base = written.get(entry.extends)!;
      const { extends: _base, ...variant } = entry;
      rule = {
        ...base,
        ...variant,
        when: [...asList(base.when), ...asList(variant.when)],
        read: { ...(isRecord(base.read) ? base.read : {}), ...(isRecord(variant.read) ? variant.read : {}) },
      };
    }
    if (typeof rule.id === 'string' && rule.extends === undefined) written.set(rule.id, rule);
    return rule;
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
