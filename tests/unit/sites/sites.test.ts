import { existsSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  coveredByShipped,
  createSiteSync,
  CRM_SCRIPT_FILE,
  HOOK_SCRIPT_FILE,
  keepSitesRegistered,
  originPattern,
  releaseSiteAccess,
  requestSiteAccess,
  scriptsForSite,
  siteScriptIds,
  sitePatternFromInput,
  siteStatuses,
  syncSiteScripts,
  type SiteScript,
} from '@/lib/sites';

/**
 * fakeBrowser leaves `scripting` and `permissions` unimplemented; these stand-ins behave as
 * Chrome does where it matters: duplicate or unknown script ids are errors, required origins
 * cannot be removed, and permission changes fire onAdded/onRemoved.
 */
type Listener = () => void;
function fakeEvent() {
  const listeners: Listener[] = [];
  return { addListener: (l: Listener) => void listeners.push(l), trigger: () => listeners.forEach((l) => l()) };
}

let registry: Map<string, SiteScript>;
let granted: Set<string>;
let required: Set<string>;
let answerPrompt: (origins: string[]) => boolean;
let permissionEvents = { onAdded: fakeEvent(), onRemoved: fakeEvent() };

const scripting = {
  getRegisteredContentScripts: vi.fn(async (filter?: { ids?: string[] }) =>
    [...registry.values()].filter((s) => !filter?.ids || filter.ids.includes(s.id)).map((s) => structuredClone(s)),
  ),
  registerContentScripts: vi.fn(async (scripts: SiteScript[]) => {
    for (const s of scripts) if (registry.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
    for (const s of scripts) registry.set(s.id, structuredClone(s));
  }),
  unregisterContentScripts: vi.fn(async (filter?: { ids?: string[] }) => {
    for (const id of filter?.ids ?? []) if (!registry.has(id)) throw new Error(`Nonexistent script ID '${id}'`);
    for (const id of filter?.ids ?? [...registry.keys()]) registry.delete(id);
  }),
};
const permissions = {
  contains: vi.fn(async ({ origins = [] }: { origins?: string[] }) => origins.every((o) => granted.has(o))),
  request: vi.fn(async ({ origins }: { origins: string[] }) => {
    if (!answerPrompt(origins)) return false;
    origins.forEach((o) => granted.add(o));
    permissionEvents.onAdded.trigger();
    return true;
  }),
  remove: vi.fn(async ({ origins }: { origins: string[] }) => {
    if (origins.some((o) => required.has(o))) throw new Error('You cannot remove required permissions.');
    origins.forEach((o) => granted.delete(o));
    permissionEvents.onRemoved.trigger();
    return true;
  }),
};

beforeEach(() => {
  fakeBrowser.reset();
  registry = new Map();
  granted = new Set();
  required = new Set();
  answerPrompt = () => true;
  permissionEvents = { onAdded: fakeEvent(), onRemoved: fakeEvent() };
  Object.assign(permissions, permissionEvents);
  Object.assign(fakeBrowser, { scripting, permissions });
  vi.clearAllMocks();
});

const api = () => fakeBrowser as unknown as Parameters<typeof syncSiteScripts>[0] & Parameters<typeof requestSiteAccess>[0] & Parameters<typeof keepSitesRegistered>[0];
const ODOO_SITE = 'https://odoo.dealer.example/*';
const LEADS_SITE = 'http://leads.intranet.example/*';

describe('sitePatternFromInput', () => {
  it('turns a domain, a copied URL or a wildcard into a whole-origin pattern', () => {
    expect(sitePatternFromInput('odoo.dealer.example')).toEqual({ ok: true, pattern: ODOO_SITE });
    expect(sitePatternFromInput('  ODOO.Dealer.example/odoo/contacts/7 ')).toEqual({ ok: true, pattern: ODOO_SITE });
    expect(sitePatternFromInput('http://leads.intranet.example:8069/web#id=4')).toEqual({ ok: true, pattern: LEADS_SITE, port: '8069' });
    expect(sitePatternFromInput('*.crm.dealer.example')).toEqual({ ok: true, pattern: 'https://*.crm.dealer.example/*' });
    expect(sitePatternFromInput('https://crm.dealer.test/*')).toEqual({ ok: true, pattern: 'https://crm.dealer.test/*' });
  });

  it('keeps http:// only when typed, and reports a port it cannot keep (match patterns ignore ports)', () => {
    expect(sitePatternFromInput('127.0.0.1:8000')).toEqual({ ok: true, pattern: 'https://127.0.0.1/*', port: '8000' });
    expect(sitePatternFromInput('http://127.0.0.1:8000/app#/x')).toEqual({ ok: true, pattern: 'http://127.0.0.1/*', port: '8000' });
    expect(sitePatternFromInput('HTTP://LOCALHOST:3000')).toEqual({ ok: true, pattern: 'http://localhost/*', port: '3000' });
    expect(sitePatternFromInput('http://leads.intranet.example')).toEqual({ ok: true, pattern: LEADS_SITE });
  });

  it('refuses all-sites access, junk and hosts the shipped adapters already cover', () => {
    for (const input of ['*', '*.com', 'https://*/*']) expect(sitePatternFromInput(input)).toEqual({ ok: false, error: 'allSites' });
    for (const input of ['', 'not a domain', 'ftp://files.example/x', 'localhost.', 'a'.repeat(300) + '.example', 'javascript:alert(1)']) {
      expect(sitePatternFromInput(input)).toEqual({ ok: false, error: 'invalid' });
    }
    expect(sitePatternFromInput('acme.odoo.com')).toEqual({ ok: false, error: 'shipped' });
    expect(sitePatternFromInput('https://app.hubspot.com/contacts/1')).toEqual({ ok: false, error: 'shipped' });
    expect(coveredByShipped('https://crm.zoho.eu/*')).toBe(true);
    expect(coveredByShipped('https://zoho.dealer.example/*')).toBe(false);
  });

  it('asks for the origin of a pattern, never its path', () => {
    expect(originPattern('https://intranet.example/crm/*')).toBe('https://intranet.example/*');
    expect(originPattern('not a pattern')).toBeUndefined();
  });
});

describe('scriptsForSite', () => {
  it('registers the same built files as the manifest: the main-world hook and the isolated script, at document_start', () => {
    const [hook, crm] = scriptsForSite(ODOO_SITE);
    expect(hook).toMatchObject({ js: [HOOK_SCRIPT_FILE], world: 'MAIN', matches: [ODOO_SITE], runAt: 'document_start', persistAcrossSessions: true });
    expect(crm).toMatchObject({ js: [CRM_SCRIPT_FILE], matches: [ODOO_SITE], runAt: 'document_start', persistAcrossSessions: true });
    expect(crm!.world).toBeUndefined();
    // WXT names the built files after these entrypoints.
    expect(existsSync('entrypoints/crm.content/index.ts')).toBe(true);
    expect(existsSync('entrypoints/crm-hook.content.ts')).toBe(true);
  });

  it('gives each site stable ids of its own', () => {
    expect(siteScriptIds(ODOO_SITE)).toEqual(siteScriptIds(ODOO_SITE));
    expect(siteScriptIds(ODOO_SITE).crm).toMatch(/^kpi-site-[0-9a-f]{8}$/);
    expect(siteScriptIds(ODOO_SITE).crm).not.toBe(siteScriptIds(LEADS_SITE).crm);
  });
});

describe('syncSiteScripts', () => {
  it('registers sites with access, reports the others as no access, and changes nothing on a second run', async () => {
    granted.add(ODOO_SITE);
    const report = await syncSiteScripts(api(), [ODOO_SITE, LEADS_SITE]);
    expect(report.status).toEqual({ [ODOO_SITE]: 'active', [LEADS_SITE]: 'no-access' });
    expect([...registry.keys()].sort()).toEqual(Object.values(siteScriptIds(ODOO_SITE)).sort());
    const again = await syncSiteScripts(api(), [ODOO_SITE, LEADS_SITE]);
    expect(again.registered).toEqual([]);
    expect(again.unregistered).toEqual([]);
    expect(scripting.registerContentScripts).toHaveBeenCalledTimes(1);
  });

  it('unregisters a removed site and leaves registrations that are not ours alone', async () => {
    granted.add(ODOO_SITE).add(LEADS_SITE);
    registry.set('someone-else', { ...scriptsForSite(ODOO_SITE)[1]!, id: 'someone-else' });
    await syncSiteScripts(api(), [ODOO_SITE, LEADS_SITE]);
    const report = await syncSiteScripts(api(), [LEADS_SITE]);
    expect(report.unregistered.sort()).toEqual(Object.values(siteScriptIds(ODOO_SITE)).sort());
    expect([...registry.keys()].sort()).toEqual(['someone-else', ...Object.values(siteScriptIds(LEADS_SITE))].sort());
  });

  it('replaces a registration whose definition no longer matches (e.g. renamed files after an update)', async () => {
    granted.add(ODOO_SITE);
    const [hook, crm] = scriptsForSite(ODOO_SITE);
    registry.set(hook!.id, hook!).set(crm!.id, { ...crm!, js: ['content-scripts/old.js'] });
    const report = await syncSiteScripts(api(), [ODOO_SITE]);
    expect(report.unregistered).toEqual([crm!.id]);
    expect(registry.get(crm!.id)?.js).toEqual([CRM_SCRIPT_FILE]);
  });
});

describe('keeping sites registered', () => {
  const sites = [ODOO_SITE];
  const watch = () => {
    const sync = createSiteSync(api(), async () => sites);
    keepSitesRegistered(api(), sync);
    return sync;
  };

  it('re-registers after an extension update cleared the run-time scripts', async () => {
    granted.add(ODOO_SITE);
    const sync = watch();
    await sync.run();
    registry.clear();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update', previousVersion: '0.0.9' });
    await vi.waitFor(() => expect(registry.size).toBe(2));
  });

  it('re-registers at browser start when the scripts are missing', async () => {
    granted.add(ODOO_SITE);
    watch();
    await fakeBrowser.runtime.onStartup.trigger();
    await vi.waitFor(() => expect(registry.size).toBe(2));
  });

  it('drops the scripts when the rep revokes the origin, shows no access, and restores them when granted again', async () => {
    granted.add(ODOO_SITE);
    await watch().run();
    await permissions.remove({ origins: [ODOO_SITE] });
    await vi.waitFor(() => expect(registry.size).toBe(0));
    expect(await siteStatuses(api(), sites)).toEqual({ [ODOO_SITE]: 'no-access' });
    await permissions.request({ origins: [ODOO_SITE] });
    await vi.waitFor(() => expect(registry.size).toBe(2));
    expect(await siteStatuses(api(), sites)).toEqual({ [ODOO_SITE]: 'active' });
  });

  it('tells access without scripts apart from an active site', async () => {
    granted.add(ODOO_SITE);
    expect(await siteStatuses(api(), sites)).toEqual({ [ODOO_SITE]: 'not-registered' });
  });

  it('coalesces a burst of changes and ends with the latest rules', async () => {
    granted.add(ODOO_SITE).add(LEADS_SITE);
    let current = [ODOO_SITE];
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const loads = vi.fn(async () => {
      const seen = current;
      if (loads.mock.calls.length === 1) await gate;
      return seen;
    });
    const sync = createSiteSync(api(), loads);
    const first = sync.run();
    await vi.waitFor(() => expect(loads).toHaveBeenCalledTimes(1));
    // While the first sync runs, the rules change three times: one more sync covers them all.
    current = [ODOO_SITE, LEADS_SITE];
    const burst = [sync.run(), sync.run(), sync.run()];
    open();
    await Promise.all([first, ...burst]);
    expect(loads).toHaveBeenCalledTimes(2);
    expect(registry.size).toBe(4);
  });

  it('survives a failing browser call and reports it instead of throwing', async () => {
    granted.add(ODOO_SITE);
    scripting.registerContentScripts.mockRejectedValueOnce(new Error('boom'));
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const sync = createSiteSync(api(), async () => sites);
    expect(await sync.run()).toBeUndefined();
    expect(error).toHaveBeenCalled();
    expect((await sync.run())?.status).toEqual({ [ODOO_SITE]: 'active' });
    expect(registry.size).toBe(2);
  });
});

describe('asking for access', () => {
  it('requests only the origin of the site and answers false when the rep declines or the call fails', async () => {
    expect(await requestSiteAccess(api(), 'https://intranet.example/crm/*')).toBe(true);
    expect(permissions.request).toHaveBeenLastCalledWith({ origins: ['https://intranet.example/*'] });
    answerPrompt = () => false;
    expect(await requestSiteAccess(api(), LEADS_SITE)).toBe(false);
    permissions.request.mockRejectedValueOnce(new Error('This function must be called during a user gesture'));
    expect(await requestSiteAccess(api(), LEADS_SITE)).toBe(false);
    expect(await requestSiteAccess(api(), 'nonsense')).toBe(false);
  });

  it('gives an origin back only when no other site uses it, and tolerates required origins', async () => {
    granted.add(ODOO_SITE);
    expect(await releaseSiteAccess(api(), ODOO_SITE, ['https://odoo.dealer.example/*'])).toBe(false);
    expect(granted.has(ODOO_SITE)).toBe(true);
    expect(await releaseSiteAccess(api(), ODOO_SITE, [])).toBe(true);
    expect(granted.has(ODOO_SITE)).toBe(false);
    required.add(LEADS_SITE);
    granted.add(LEADS_SITE);
    expect(await releaseSiteAccess(api(), LEADS_SITE, [])).toBe(false);
  });
});
