import { fileURLToPath } from 'node:url';
import { defineConfig } from 'wxt';
import { ALL_HOST_PATTERNS } from './lib/crm/adapters';

// A test build may hold some hosts up front (comma-separated match patterns; `shipped` stands for
// every shipped CRM's hosts), because a headless browser cannot click a permission prompt.
// Release builds never set it: they hold no host at install.
const TEST_HOSTS = (process.env.KPI_TEST_HOSTS ?? '')
  .split(',')
  .map((pattern) => pattern.trim())
  .flatMap((pattern) => (pattern === 'shipped' ? ALL_HOST_PATTERNS : [pattern]))
  .filter(Boolean);

// The end-to-end suites' builds: a Chromium test build holds hosts up front; the Firefox one holds
// none (its suite grants them as a rep does) and says so with KPI_TEST_BUILD=1.
const TEST_BUILD = TEST_HOSTS.length > 0 || process.env.KPI_TEST_BUILD === '1';

// Asked for at run time only: a shipped CRM's hosts when the rep ticks it (onboarding, options),
// or one origin for a domain the rep adds. The shipped patterns are listed so the store shows
// what the extension is meant for; the wide ones are what makes a custom domain possible.
const OPTIONAL_ORIGINS = [...ALL_HOST_PATTERNS, 'https://*/*', 'http://*/*'];

// Asked for at run time: notifications, when the rep turns reminders on (onboarding, options).
// The test build holds them up front instead (see `permissions` below).
const OPTIONAL_PERMISSIONS = TEST_HOSTS.length > 0 ? [] : ['notifications'];

// The modules of the popup's and the sidebar's first paint (their main.ts and first-paint.ts).
const VIEW_START_MODULES =
  /[\\/](lib[\\/]view[\\/]|lib[\\/]i18n[\\/](messages|format)\.ts|lib[\\/]kpi[\\/]status-words\.ts|lib[\\/]messages[\\/]client\.ts|components[\\/](kpi-format|static-parts)\.ts|webextension-polyfill[\\/]|wxt[\\/]dist[\\/]browser)/;

/**
 * What the popup and the sidebar need to paint the six KPIs before React loads, in one chunk: each
 * extra file on a page's start path is one more fetch before the first paint. Only the pages'
 * build splits code (the background and the content scripts are single files).
 */
function viewStartChunk() {
  return {
    name: 'kpi-view-start-chunk',
    outputOptions(options: { format?: string; codeSplitting?: unknown }) {
      if (options.format !== 'es' && options.format !== 'esm' && options.format !== undefined) return null;
      return { ...options, codeSplitting: { groups: [{ name: 'view-start', test: VIEW_START_MODULES }] } };
    },
  };
}

// Firefox's add-on id: Manifest V3 requires one, and it keeps the rep's data across updates.
const FIREFOX_ADDON_ID = 'kpi-pacer@kpi-pacer';

// KPI_OUT_DIR lets tests and the benchmark build side by side without clobbering each other.
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  outDir: process.env.KPI_OUT_DIR ?? '.output',
  // Firefox's add-on site asks for the sources of a bundled build; test reports are not sources.
  zip: { excludeSources: ['test-results/**', 'bench/results/**'] },
  // Manifest V3 in Firefox too (WXT would default to V2 there): one manifest shape, the same
  // `action`, `optional_host_permissions` and run-time `scripting` registrations in both browsers.
  manifestVersion: 3,
  // A test build (one that holds hosts up front) also lets the end-to-end suite pin the clock;
  // see lib/clock/pinned.ts. Release builds compile that path out.
  vite: () => ({
    define: { __KPI_TEST_BUILD__: JSON.stringify(TEST_BUILD) },
    plugins: [viewStartChunk()],
    // Chrome and Firefox preload modules themselves: no polyfill file on every page's start path.
    build: { modulePreload: { polyfill: false } },
  }),
  hooks: {
    // Content scripts run on every CRM page, so their size is a budget: they use the browser's
    // own promise-based API (lib/page/native-browser.ts) instead of webextension-polyfill.
    'vite:build:extendConfig'(entrypoints, config) {
      // The views' first-paint scripts (popup-start.ts) run on the same budget reasoning: they are
      // the part of a view the rep waits for.
      const lean = (entrypoint: (typeof entrypoints)[number]) => entrypoint.type === 'content-script' || entrypoint.name.endsWith('-start');
      if (!entrypoints.every(lean)) return;
      const native = { find: 'wxt/browser', replacement: fileURLToPath(new URL('./lib/page/native-browser.ts', import.meta.url)) };
      const alias = config.resolve?.alias;
      const existing = Array.isArray(alias) ? alias : Object.entries(alias ?? {}).map(([find, replacement]) => ({ find, replacement: String(replacement) }));
      config.resolve = { ...config.resolve, alias: [native, ...existing] };
      // Terser with two passes and top-level names mangled takes about 3% more off the content
      // scripts' gzipped size than the default minifier: they load on every CRM page, within a
      // 10 KB budget (tests/e2e/size.e2e.ts). Only here: pages and the worker keep the faster one.
      config.build = { ...config.build, minify: 'terser', terserOptions: { compress: { passes: 2 }, mangle: { toplevel: true }, ecma: 2020 } };
    },
  },
  manifest: ({ browser, manifestVersion }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // scripting: custom domains the rep adds get the content scripts registered at run time.
    // notifications (reminders) is asked for when the rep turns reminders on: they are off by
    // default, and a required permission would show "Display notifications" on install to every
    // rep (and, added in an update, disable the extension until accepted). The test build holds it
    // up front, as it holds hosts: a headless browser cannot click the prompt.
    permissions: ['storage', 'alarms', 'scripting', ...(TEST_HOSTS.length > 0 ? ['notifications'] : [])],
    // Manifest V2 (Firefox) lists optional origins among the optional permissions.
    ...(manifestVersion === 2
      ? { optional_permissions: [...OPTIONAL_PERMISSIONS, ...OPTIONAL_ORIGINS] }
      : { optional_permissions: OPTIONAL_PERMISSIONS, optional_host_permissions: OPTIONAL_ORIGINS }),
    ...(TEST_HOSTS.length > 0 && { host_permissions: TEST_HOSTS }),
    action: { default_title: '__MSG_extName__' },
    // The sidebar page is framed by the content script on whatever host the rep granted, shipped
    // or custom, which the manifest cannot list ahead. The dynamic URL changes every session, so
    // no site can probe for it or frame it on its own; only our content script knows it (from
    // runtime.getURL). A page that hosts the frame cannot read it either: it is cross-origin.
    // Firefox has no `use_dynamic_url` and needs none: its moz-extension host is already a random
    // id per installation.
    web_accessible_resources: [{ resources: ['sidebar.html'], matches: ['<all_urls>'], ...(browser !== 'firefox' && { use_dynamic_url: true }) }],
    commands: {
      'toggle-sidebar': {
        suggested_key: { default: 'Alt+Shift+K' },
        description: '__MSG_sidebar_commandToggle__',
      },
    },
    // 140: the first ESR that knows `data_collection_permissions`; run-time main-world scripts
    // need 128. Nothing is collected: counts stay in the browser.
    ...(browser === 'firefox' && {
      browser_specific_settings: {
        gecko: { id: FIREFOX_ADDON_ID, strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
      },
    }),
  }),
});
