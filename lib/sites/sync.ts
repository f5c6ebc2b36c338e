import { originPattern } from './pattern';
import { scriptsForSite, SITE_SCRIPT_PREFIX, type SiteScript } from './scripts';

/** The part of the browser API sites need; `browser` from wxt/browser fits it. */
export interface SitesApi {
  scripting: {
    getRegisteredContentScripts(filter?: { ids?: string[] }): Promise<{ id: string; matches?: string[]; js?: string[]; world?: string }[]>;
    registerContentScripts(scripts: SiteScript[]): Promise<unknown>;
    unregisterContentScripts(filter?: { ids?: string[] }): Promise<unknown>;
  };
  permissions: {
    contains(permissions: { origins?: string[] }): Promise<boolean>;
  };
}

export type SiteStatus = 'active' | 'no-access' | 'not-registered';

export interface SyncReport {
  registered: string[];
  unregistered: string[];
  /** Per site pattern: active, or no access (the rep removed or never granted the permission). */
  status: Record<string, SiteStatus>;
}

/** Whether the extension may run on the site's origin now. */
export function hasSiteAccess(api: Pick<SitesApi, 'permissions'>, pattern: string): Promise<boolean> {
  const origin = originPattern(pattern);
  return origin ? api.permissions.contains({ origins: [origin] }).catch(() => false) : Promise.resolve(false);
}

/**
 * Makes the run-time registrations match the rep's sites: each site with access gets its two
 * scripts, anything else of ours (a removed site, a revoked permission, an outdated definition) is
 * unregistered. Safe to run at any time: it only changes what differs.
 */
export async function syncSiteScripts(api: SitesApi, patterns: readonly string[]): Promise<SyncReport> {
  const status: Record<string, SiteStatus> = {};
  const wanted = new Map<string, SiteScript>();
  for (const pattern of new Set(patterns)) {
    const access = await hasSiteAccess(api, pattern);
    status[pattern] = access ? 'active' : 'no-access';
    if (access) for (const script of scriptsForSite(pattern)) wanted.set(script.id, script);
  }
  const ours = (await api.scripting.getRegisteredContentScripts()).filter((s) => s.id.startsWith(SITE_SCRIPT_PREFIX));
  const stale = ours.filter((s) => !sameScript(s, wanted.get(s.id))).map((s) => s.id);
  if (stale.length > 0) await api.scripting.unregisterContentScripts({ ids: stale });
  const kept = new Set(ours.map((s) => s.id).filter((id) => !stale.includes(id)));
  const missing = [...wanted.values()].filter((s) => !kept.has(s.id));
  if (missing.length > 0) await api.scripting.registerContentScripts(missing);
  return { registered: missing.map((s) => s.id), unregistered: stale, status };
}

function sameScript(actual: { matches?: string[]; js?: string[]; world?: string }, wanted: SiteScript | undefined): boolean {
  if (!wanted) return false;
  const same = (a: readonly string[] = [], b: readonly string[] = []) => a.length === b.length && a.every((v, i) => v === b[i]);
  return same(actual.matches, wanted.matches) && same(actual.js, wanted.js) && (actual.world ?? 'ISOLATED') === (wanted.world ?? 'ISOLATED');
}

/**
 * Each site's status as the options page shows it: no access, registered (active), or access
 * without its scripts yet (the background registers them after every rules change).
 */
export async function siteStatuses(api: SitesApi, patterns: readonly string[]): Promise<Record<string, SiteStatus>> {
  const registered = new Set((await api.scripting.getRegisteredContentScripts().catch(() => [])).map((s) => s.id));
  const status: Record<string, SiteStatus> = {};
  for (const pattern of patterns) {
    if (!(await hasSiteAccess(api, pattern))) status[pattern] = 'no-access';
    else status[pattern] = scriptsForSite(pattern).every((s) => registered.has(s.id)) ? 'active' : 'not-registered';
  }
  return status;
}

/**
 * Runs syncs one at a time. A call while one runs queues one more (callers arriving before it
 * starts share it), so bursts of rule writes and permission events end with the registrations
 * matching the latest rules, without a sync per event.
 */
export function createSiteSync(api: SitesApi, loadPatterns: () => Promise<readonly string[]>): { run(): Promise<SyncReport | undefined> } {
  let queued: Promise<SyncReport | undefined> | undefined;
  let tail: Promise<unknown> = Promise.resolve();
  const once = async (): Promise<SyncReport | undefined> => {
    queued = undefined;
    try {
      return await syncSiteScripts(api, await loadPatterns());
    } catch (err) {
      console.error('KPI Pacer: site registration failed', err);
      return undefined;
    }
  };
  return {
    run() {
      queued ??= tail.then(once);
      tail = queued;
      return queued;
    },
  };
}
