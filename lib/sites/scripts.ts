/**
 * The content scripts of a site, a shipped CRM's host or a custom domain: the built files of the
 * two content-script entrypoints (WXT names them after the entrypoints and, with run-time
 * registration, leaves them out of the manifest), registered at run time for the site's pattern.
 */

/** Built files of `entrypoints/crm.content/` and `entrypoints/crm-hook.content.ts`. */
export const CRM_SCRIPT_FILE = 'content-scripts/crm.js';
export const HOOK_SCRIPT_FILE = 'content-scripts/crm-hook.js';

/** Every run-time registration of this extension starts with this, so others are left alone. */
export const SITE_SCRIPT_PREFIX = 'kpi-site-';

/** The shape `scripting.registerContentScripts` takes, as far as sites use it. */
export interface SiteScript {
  id: string;
  matches: string[];
  js: string[];
  runAt: 'document_start';
  world?: 'MAIN' | 'ISOLATED';
  allFrames: false;
  persistAcrossSessions: true;
}

/** FNV-1a: a short, stable id from a pattern (ids must not contain the pattern's characters). */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

export function siteScriptIds(pattern: string): { crm: string; hook: string } {
  const base = `${SITE_SCRIPT_PREFIX}${hash(pattern)}`;
  return { crm: base, hook: `${base}-hook` };
}

/**
 * Both scripts for one site: the main-world
 * hook and the isolated content script, both at document_start so the hook wraps fetch/XHR
 * before any page script runs. They persist across browser restarts.
 */
export function scriptsForSite(pattern: string): SiteScript[] {
  const ids = siteScriptIds(pattern);
  const common = { runAt: 'document_start', allFrames: false, persistAcrossSessions: true } as const;
  return [
    { id: ids.hook, matches: [pattern], js: [HOOK_SCRIPT_FILE], world: 'MAIN', ...common },
    { id: ids.crm, matches: [pattern], js: [CRM_SCRIPT_FILE], ...common },
  ];
}
