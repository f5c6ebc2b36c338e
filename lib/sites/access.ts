import { ADAPTERS } from '@/lib/crm/adapters';
import type { AdapterInput } from '@/lib/crm/adapter-schema';
import { originPattern } from './pattern';
import type { SiteChoices } from './shipped';

export interface PermissionsContains {
  permissions: { contains(permissions: { origins?: string[] }): Promise<boolean> };
}

/** What the rep turned on but the browser does not let KPI Pacer read. */
export interface MissingAccess {
  /** Shipped CRMs that are on, with at least one host not granted. */
  crms: { id: string; name: string }[];
  /** The rep's own domains (match patterns) without access. */
  sites: string[];
  /** Exactly the origins to ask for: the missing hosts, nothing else. */
  origins: string[];
}

async function held(api: PermissionsContains, origin: string): Promise<boolean> {
  return api.permissions.contains({ origins: [origin] }).catch(() => false);
}

/**
 * The rep's CRMs the browser does not let KPI Pacer read: every shipped CRM that is on and each
 * own domain, with the hosts lacking access. Nothing missing means every page the rep chose can
 * be counted. After a skipped onboarding every shipped CRM is on and none is granted, so all are
 * missing, which is the truth: nothing can be counted anywhere.
 */
export async function missingAccess(api: PermissionsContains, choices: SiteChoices, adapters: readonly AdapterInput[] = ADAPTERS): Promise<MissingAccess> {
  const missing: MissingAccess = { crms: [], sites: [], origins: [] };
  const ask = new Set<string>();
  for (const adapter of adapters) {
    if (choices.disabledAdapters.includes(adapter.id)) continue;
    const lacking: string[] = [];
    for (const host of adapter.hosts) if (!(await held(api, host))) lacking.push(host);
    if (lacking.length === 0) continue;
    missing.crms.push({ id: adapter.id, name: adapter.name });
    for (const host of lacking) ask.add(host);
  }
  for (const site of choices.sites) {
    const origin = originPattern(site.pattern);
    if (!origin || (await held(api, origin))) continue;
    missing.sites.push(site.pattern);
    ask.add(origin);
  }
  missing.origins = [...ask];
  return missing;
}

/** A site pattern as the rep typed it: its host ("crm.dealer.example"). */
export function siteHost(pattern: string): string {
  return /^[a-z*]+:\/\/([^/]+)/.exec(pattern)?.[1] ?? pattern;
}
