import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ADAPTERS, ALL_HOST_PATTERNS, adapterById } from '@/lib/crm/adapters';
import {
  createSiteSync,
  crmStatuses,
  keepSitesRegistered,
  patternsToRegister,
  releaseCrmAccess,
  requestCrmAccess,
  scriptsForSite,
  shippedHosts,
  syncSiteScripts,
  type SiteChoices,
  type SiteScript,
} from '@/lib/sites';

/**
 * fakeBrowser leaves `scripting` and `permissions` unimplemented; these stand-ins keep a registry
 * of scripts and a set of granted origins, and fire onAdded/onRemoved as Chrome does.
 */
function fakeEvent() {
  const listeners: (() => void)[] = [];
  return { addListener: (l: () => void) => void listeners.push(l), trigger: () => listeners.forEach((l) => l()) };
}

let registry: Map<string, SiteScript>;
let granted: Set<string>;
let answerPrompt: (origins: string[]) => boolean;

const scripting = {
  getRegisteredContentScripts: vi.fn(async () => [...registry.values()].map((s) => structuredClone(s))),
  registerContentScripts: vi.fn(async (scripts: SiteScript[]) => {
    for (const s of scripts) if (registry.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
    for (const s of scripts) registry.set(s.id, structuredClone(s));
  }),
  unregisterContentScripts: vi.fn(async (filter?: { ids?: string[] }) => {
    for (const id of filter?.ids ?? [...registry.keys()]) registry.delete(id);
  }),
};
const permissions = {
  onAdded: fakeEvent(),
  onRemoved: fakeEvent(),
  contains: vi.fn(async ({ origins = [] }: { origins?: string[] }) => origins.every((o) => granted.has(o))),
  request: vi.fn(async ({ origins }: { origins: string[] }) => {
    if (!answerPrompt(origins)) return false;
    origins.forEach((o) => granted.add(o));
    permissions.onAdded.trigger();
    return true;
  }),
  remove: vi.fn(async ({ origins }: { origins: string[] }) => {
    origins.forEach((o) => granted.delete(o));
    permissions.onRemoved.trigger();
    return true;
  }),
};

beforeEach(() => {
  fakeBrowser.reset();
  registry = new Map();
  granted = new Set();
  answerPrompt = () => true;
  Object.assign(permissions, { onAdded: fakeEvent(), onRemoved: fakeEvent() });
  Object.assign(fakeBrowser, { scripting, permissions });
  vi.clearAllMocks();
});

const api = () => fakeBrowser as unknown as Parameters<typeof syncSiteScripts>[0] & Parameters<typeof requestCrmAccess>[0] & Parameters<typeof keepSitesRegistered>[0];
const hostsOf = (id: string) => adapterById(id)!.hosts;
const OWN_SITE = 'https://crm.dealer.example/*';
/** The patterns that have both scripts registered now. */
const registeredPatterns = () => {
  const patterns = [...new Set([...registry.values()].flatMap((s) => s.matches))];
  return patterns.filter((p) => scriptsForSite(p).every((s) => registry.has(s.id))).sort();
};

describe('pattern selection', () => {
  it('lists the hosts of every shipped CRM that is on, then the rep’s own domains, once each', () => {
    const choices: SiteChoices = { disabledAdapters: ['zoho', 'dynamics'], sites: [{ pattern: OWN_SITE }, { pattern: OWN_SITE }] };
    const patterns = patternsToRegister(choices);
    expect(patterns).toEqual([...hostsOf('hubspot'), ...hostsOf('salesforce'), ...hostsOf('pipedrive'), ...hostsOf('odoo'), OWN_SITE]);
    expect(patterns.some((p) => p.includes('zoho') || p.includes('dynamics'))).toBe(false);
  });

  it('with nothing turned off covers every shipped host the manifest may ask for', () => {
    expect(new Set(patternsToRegister({ disabledAdapters: [], sites: [] }))).toEqual(new Set(ALL_HOST_PATTERNS));
    expect(shippedHosts(ADAPTERS.map((a) => a.id))).toHaveLength(ALL_HOST_PATTERNS.length);
    expect(shippedHosts(['no-such-crm'])).toEqual([]);
  });

  it('registers only what the browser holds: granted CRMs that are on, and granted own domains', async () => {
    for (const host of [...hostsOf('hubspot'), ...hostsOf('odoo'), OWN_SITE]) granted.add(host);
    // Odoo is granted but turned off; Pipedrive is on but was never granted.
    const report = await syncSiteScripts(api(), patternsToRegister({ disabledAdapters: ['odoo'], sites: [{ pattern: OWN_SITE }] }));
    expect(registeredPatterns()).toEqual([...hostsOf('hubspot'), OWN_SITE].sort());
    expect(report.status[hostsOf('pipedrive')[0]!]).toBe('no-access');
    for (const script of registry.values()) expect(script.persistAcrossSessions).toBe(true);
  });
});

describe('access per shipped CRM, as the background follows it', () => {
  let disabledAdapters: string[];
  const watch = () => {
    const sync = createSiteSync(api(), async () => patternsToRegister({ disabledAdapters, sites: [] }));
    keepSitesRegistered(api(), sync);
    return sync;
  };
  beforeEach(() => {
    disabledAdapters = [];
  });

  it('asks for exactly the ticked CRMs’ hosts in one prompt, and registers them once granted', async () => {
    watch();
    expect(await requestCrmAccess(api(), ['hubspot', 'zoho'])).toBe(true);
    expect(permissions.request).toHaveBeenCalledTimes(1);
    expect(permissions.request).toHaveBeenCalledWith({ origins: [...hostsOf('hubspot'), ...hostsOf('zoho')] });
    await vi.waitFor(() => expect(registeredPatterns()).toEqual([...hostsOf('hubspot'), ...hostsOf('zoho')].sort()));
  });

  it('asks nothing when nothing is ticked; a refusal or a failed prompt is false and grants nothing', async () => {
    expect(await requestCrmAccess(api(), [])).toBe(true);
    expect(permissions.request).not.toHaveBeenCalled();
    answerPrompt = () => false;
    expect(await requestCrmAccess(api(), ['odoo'])).toBe(false);
    permissions.request.mockRejectedValueOnce(new Error('This function must be called during a user gesture'));
    expect(await requestCrmAccess(api(), ['odoo'])).toBe(false);
    expect(granted.size).toBe(0);
  });

  it('drops a CRM’s scripts when its access is given back, and keeps the others', async () => {
    for (const host of [...hostsOf('hubspot'), ...hostsOf('odoo')]) granted.add(host);
    await watch().run();
    expect(await releaseCrmAccess(api(), 'odoo')).toBe(true);
    expect(permissions.remove).toHaveBeenCalledWith({ origins: hostsOf('odoo') });
    await vi.waitFor(() => expect(registeredPatterns()).toEqual([...hostsOf('hubspot')].sort()));
    expect(await releaseCrmAccess(api(), 'no-such-crm')).toBe(false);
  });

  it('drops a CRM turned off even while its access is held, and restores it when turned on', async () => {
    for (const host of hostsOf('pipedrive')) granted.add(host);
    const sync = watch();
    await sync.run();
    expect(registeredPatterns()).toEqual(hostsOf('pipedrive'));
    disabledAdapters = ['pipedrive'];
    await sync.run();
    expect(registry.size).toBe(0);
    disabledAdapters = [];
    await sync.run();
    expect(registeredPatterns()).toEqual(hostsOf('pipedrive'));
  });

  it('gives one status per CRM: no access when any of its hosts lacks it, then not registered, then active', async () => {
    const zoho = hostsOf('zoho');
    zoho.slice(1).forEach((host) => granted.add(host));
    expect(await crmStatuses(api(), ['zoho', 'hubspot'])).toEqual({ zoho: 'no-access', hubspot: 'no-access' });
    granted.add(zoho[0]!);
    expect(await crmStatuses(api(), ['zoho'])).toEqual({ zoho: 'not-registered' });
    await syncSiteScripts(api(), patternsToRegister({ disabledAdapters: [], sites: [] }));
    expect(await crmStatuses(api(), ['zoho', 'hubspot'])).toEqual({ zoho: 'active', hubspot: 'no-access' });
  });
});
