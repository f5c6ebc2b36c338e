import type { AdapterInput } from '../adapter-schema';
import { expandDerivedRules, type DerivedNetworkRule } from '../derived-rules';

type NetworkRule = NonNullable<AdapterInput['network']>[number];

/** An adapter as a shipped file writes it: network rules may be variants of earlier ones. */
export type AdapterWritten = Omit<AdapterInput, 'network'> & { network?: ReadonlyArray<NetworkRule | DerivedNetworkRule> };

/**
 * Types an adapter's data without pulling the schema (and zod) in, and writes out the rules that
 * derive from others (see derived-rules.ts), exactly as the schema does for a rep's own adapter.
 */
export function defineAdapter<const T extends AdapterWritten>(adapter: T): Omit<T, 'network'> & { network: NetworkRule[] } {
  return { ...adapter, network: expandDerivedRules(adapter.network ?? []) as NetworkRule[] };
}
