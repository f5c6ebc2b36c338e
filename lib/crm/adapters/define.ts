import type { AdapterInput } from '../adapter-schema';

/** Types an adapter's data without pulling the schema (and zod) into content scripts. */
export function defineAdapter<const T extends AdapterInput>(adapter: T): T {
  return adapter;
}
