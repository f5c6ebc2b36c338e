/**
 * The sidebar's remembered state, kept in `browser.storage.local` so the content script can read
 * it at once on page load (it never opens the database) and every view follows changes through
 * `storage.onChanged`. Nothing here is about the rep's records: only where the panel sits.
 * Plain narrowing instead of zod keeps the content script small.
 */

export const SIDEBAR_PREFS_KEY = 'sidebarPrefs';

export interface SitePrefs {
  expanded?: boolean;
  /** Vertical centre of the panel as a fraction of the viewport height, 0..1. */
  top?: number;
  hidden?: boolean;
}

export interface SidebarPrefs {
  hiddenEverywhere?: boolean;
  /** Keyed by host name, e.g. app.hubspot.com. */
  sites?: Record<string, SitePrefs>;
}

export const DEFAULT_TOP = 0.5;
const MAX_SITES = 200;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function readSite(raw: unknown): SitePrefs {
  if (!isRecord(raw)) return {};
  const site: SitePrefs = {};
  if (typeof raw.expanded === 'boolean') site.expanded = raw.expanded;
  if (typeof raw.hidden === 'boolean') site.hidden = raw.hidden;
  if (typeof raw.top === 'number' && Number.isFinite(raw.top)) site.top = clampTop(raw.top);
  return site;
}

/** Whatever is stored, as prefs: unknown fields and wrong types are dropped. */
export function readPrefs(raw: unknown): SidebarPrefs {
  if (!isRecord(raw)) return {};
  const prefs: SidebarPrefs = {};
  if (typeof raw.hiddenEverywhere === 'boolean') prefs.hiddenEverywhere = raw.hiddenEverywhere;
  if (isRecord(raw.sites)) {
    prefs.sites = {};
    for (const [host, site] of Object.entries(raw.sites).slice(0, MAX_SITES)) prefs.sites[host] = readSite(site);
  }
  return prefs;
}

export function clampTop(top: number): number {
  return Math.min(1, Math.max(0, top));
}

export function siteOf(prefs: SidebarPrefs, site: string): SitePrefs {
  return prefs.sites?.[site] ?? {};
}

export function isHiddenOn(prefs: SidebarPrefs, site: string): boolean {
  return prefs.hiddenEverywhere === true || siteOf(prefs, site).hidden === true;
}

/** A copy of the prefs with one site's entry changed. */
export function withSite(prefs: SidebarPrefs, site: string, change: SitePrefs): SidebarPrefs {
  return { ...prefs, sites: { ...prefs.sites, [site]: { ...siteOf(prefs, site), ...change } } };
}

/** Shown again everywhere: clears "hide everywhere" and every site's "hide here". */
export function showEverywhere(prefs: SidebarPrefs): SidebarPrefs {
  const sites = Object.fromEntries(Object.entries(prefs.sites ?? {}).map(([host, site]) => [host, { ...site, hidden: false }]));
  return { ...prefs, hiddenEverywhere: false, sites };
}

/** Whether the rep hid the sidebar anywhere (the popup then offers to show it again). */
export function isHiddenAnywhere(prefs: SidebarPrefs): boolean {
  return prefs.hiddenEverywhere === true || Object.values(prefs.sites ?? {}).some((site) => site.hidden === true);
}

/** What the keyboard shortcut does: shows a hidden sidebar expanded, else flips expanded. */
export function toggled(prefs: SidebarPrefs, site: string): SidebarPrefs {
  if (isHiddenOn(prefs, site)) return withSite({ ...prefs, hiddenEverywhere: false }, site, { hidden: false, expanded: true });
  return withSite(prefs, site, { expanded: !siteOf(prefs, site).expanded });
}
