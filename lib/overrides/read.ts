import { AdapterIdSchema } from '@/lib/crm/adapter-schema';
import { emptyRules, issueLines, ObjectMappingSchema, RulesSchema, type Rules } from './schema';

/** A stored adapter of the rep's that no longer passes the checks: it is off, the rest works. */
export interface SwitchedOffAdapter {
  /** Its id and name when they can still be read. */
  id?: string;
  name?: string;
  /** Each problem with its field inside the adapter, e.g. `network.0.url: …`. */
  problems: string[];
  /** The stored value as it is, so the rep can open it in the editor and fix it. */
  raw: unknown;
  /** The rep's own domains that use it: not counted until it is fixed. */
  sites: { pattern: string; adapter: string }[];
}

export interface RulesRead {
  /** What counts: every part of the stored rules that still validates. */
  rules: Rules;
  switchedOff: SwitchedOffAdapter[];
  /** Other stored entries that no longer validate and are left out (mappings, domains), as lines. */
  dropped: string[];
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/**
 * Reads stored rules entry by entry, so one entry that stopped validating (an adapter written
 * for an older version, an unsafe pattern the checks now refuse) switches off that entry alone:
 * the other adapters, the rep's domains, mappings and CRMs turned off keep working.
 */
export function readRules(stored: unknown): RulesRead {
  const whole = RulesSchema.safeParse(stored ?? {});
  if (whole.success) return { rules: whole.data, switchedOff: [], dropped: [] };
  const input = isRecord(stored) ? stored : {};

  const adapters: unknown[] = [];
  const switchedOff: SwitchedOffAdapter[] = [];
  for (const raw of list(input.adapters).slice(0, RULE_LIMITS.adapters)) {
    // Checked with the adapters kept so far, so a clash of ids switches off the later one only.
    const checked = RulesSchema.safeParse({ adapters: [...adapters, raw] });
    if (checked.success) {
      adapters.push(raw);
      continue;
    }
    const own = new RegExp(`^adapters\\.${adapters.length}\\.`);
    switchedOff.push({
      ...(isRecord(raw) && typeof raw.id === 'string' && { id: raw.id.slice(0, 40) }),
      ...(isRecord(raw) && typeof raw.name === 'string' && { name: raw.name.slice(0, 80) }),
      problems: issueLines(checked.error).map((line) => line.replace(own, '')).slice(0, 12),
      raw,
      sites: [],
    });
  }

  const dropped: string[] = [];
  const sites: unknown[] = [];
  list(input.sites)
    .slice(0, RULE_LIMITS.sites)
    .forEach((site, i) => {
      const off = isRecord(site) ? switchedOff.find((a) => a.id !== undefined && a.id === site.adapter) : undefined;
      if (off && isRecord(site) && typeof site.pattern === 'string') {
        off.sites.push({ pattern: site.pattern, adapter: String(site.adapter) });
        return;
      }
      const checked = RulesSchema.safeParse({ adapters, sites: [...sites, site] });
      if (checked.success) sites.push(site);
      else dropped.push(...issueLines(checked.error).map((line) => line.replace(/^sites\.\d+\./, `sites.${i}.`)));
    });
  const mappings = keepValid(list(input.mappings).slice(0, RULE_LIMITS.mappings), 'mappings', dropped, (m) => ObjectMappingSchema.safeParse(m));
  const disabledAdapters = keepValid(list(input.disabledAdapters).slice(0, RULE_LIMITS.disabledAdapters), 'disabledAdapters', dropped, (id) =>
    AdapterIdSchema.safeParse(id),
  );

  const rebuilt = RulesSchema.safeParse({ mappings, adapters, sites, disabledAdapters });
  if (!rebuilt.success) return { rules: emptyRules(), switchedOff, dropped: [...dropped, ...issueLines(rebuilt.error)] };
  return { rules: rebuilt.data, switchedOff, dropped };
}

/** The caps of RulesSchema's lists, so a salvaged value is never larger than a valid one. */
const RULE_LIMITS = { adapters: 20, sites: 50, mappings: 100, disabledAdapters: 50 } as const;

function keepValid(
  items: unknown[],
  field: string,
  dropped: string[],
  parse: (item: unknown) => { success: true } | { success: false; error: Parameters<typeof issueLines>[0] },
): unknown[] {
  return items.filter((item, i) => {
    const result = parse(item);
    if (!result.success) dropped.push(...issueLines(result.error, [field, i]));
    return result.success;
  });
}
