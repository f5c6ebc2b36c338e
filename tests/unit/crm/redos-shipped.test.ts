import { describe, expect, it } from 'vitest';
import { ADAPTERS } from '@/lib/crm/adapters';
import { adapterRegexes } from '@/lib/crm/adapter-regexes';
import { adapterRedosIssues } from '@/lib/crm/redos';

/**
 * Shipped adapters never reach recheck at run time (it is too large for the background and the
 * page), so every regex they hold passes it here. The verdicts use step limits only, so they do
 * not depend on the machine's speed; the pure-JavaScript checker can take minutes on a busy one.
 */
describe('shipped adapters pass the ReDoS check', () => {
  it.each(ADAPTERS.map((a) => [a.id, a] as const))(
    '%s',
    (_id, adapter) => {
      expect(adapterRegexes(adapter).length).toBeGreaterThan(0);
      expect(adapterRedosIssues(adapter)).toEqual([]);
    },
    15 * 60_000,
  );
});
