import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ALL_HOST_PATTERNS } from '@/lib/crm/adapters';

type Manifest = Record<string, unknown> & {
  host_permissions?: string[];
  optional_host_permissions?: string[];
  web_accessible_resources?: { resources: string[]; matches: string[]; use_dynamic_url?: boolean }[];
};

/** The manifest wxt.config.ts writes for a browser (MV3), read with the environment of the build. */
async function manifestFor(browser: 'chrome' | 'firefox', testHosts?: string): Promise<Manifest> {
  vi.resetModules();
  if (testHosts === undefined) vi.stubEnv('KPI_TEST_HOSTS', '');
  else vi.stubEnv('KPI_TEST_HOSTS', testHosts);
  const config = (await import('@/wxt.config')).default as { manifest: (env: { manifestVersion: number; browser: string }) => Manifest };
  return config.manifest({ manifestVersion: 3, browser });
}

const chromeManifest = (testHosts?: string) => manifestFor('chrome', testHosts);

// The first import transforms wxt.config, WXT and every adapter it reads, which on a loaded machine
// takes longer than a test's time limit; done once here, each test then only re-runs the module.
beforeAll(async () => {
  await import('@/wxt.config');
}, 60_000);

afterEach(() => {
  vi.unstubAllEnvs();
});

// The first import of wxt.config loads WXT itself, which takes seconds on a busy machine.
describe('manifest permissions', { timeout: 60_000 }, () => {
  it('a release build holds no host at install; every shipped CRM host is optional, asked for at run time', async () => {
    const manifest = await chromeManifest();
    expect(manifest.host_permissions).toBeUndefined();
    expect(manifest.optional_host_permissions).toEqual(expect.arrayContaining(ALL_HOST_PATTERNS));
  });

  it('asks for notifications only when the rep turns reminders on; a test build holds them up front', async () => {
    const release = await chromeManifest();
    expect(release.permissions).toEqual(['storage', 'alarms', 'scripting']);
    expect(release.optional_permissions).toEqual(['notifications']);
    expect((await manifestFor('firefox')).optional_permissions).toEqual(['notifications']);
    const test = await chromeManifest('shipped');
    expect(test.permissions).toContain('notifications');
    expect(test.optional_permissions).toEqual([]);
  });

  it('frames the sidebar on any granted host only through the per-session dynamic URL', async () => {
    const [sidebar] = (await chromeManifest()).web_accessible_resources ?? [];
    expect(sidebar).toEqual({ resources: ['sidebar.html'], matches: ['<all_urls>'], use_dynamic_url: true });
  });

  it('a test build may hold the shipped hosts (`shipped`) and named test domains up front', async () => {
    const manifest = await chromeManifest('shipped, https://crm.dealer.test/*');
    expect(manifest.host_permissions).toEqual([...ALL_HOST_PATTERNS, 'https://crm.dealer.test/*']);
  });

  it('in Firefox: a Gecko id, no data collected, no dynamic URL (the moz-extension host is already random per install)', async () => {
    const manifest = await manifestFor('firefox');
    expect(manifest.browser_specific_settings).toEqual({
      gecko: { id: 'kpi-pacer@kpi-pacer', strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
    });
    expect(manifest.host_permissions).toBeUndefined();
    expect(manifest.web_accessible_resources).toEqual([{ resources: ['sidebar.html'], matches: ['<all_urls>'] }]);
    expect((await chromeManifest()).browser_specific_settings).toBeUndefined();
  });
});
