import { defineConfig } from 'wxt';
import { ALL_HOST_PATTERNS } from './lib/crm/adapters';

// A test build may hold some custom-domain permissions up front (comma-separated match patterns),
// because a headless browser cannot click a permission prompt. Release builds never set it.
const TEST_HOSTS = (process.env.KPI_TEST_HOSTS ?? '')
  .split(',')
  .map((pattern) => pattern.trim())
  .filter(Boolean);

const OPTIONAL_ORIGINS = ['https://*/*', 'http://*/*'];

// KPI_OUT_DIR lets tests and the benchmark build side by side without clobbering each other.
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  outDir: process.env.KPI_OUT_DIR ?? '.output',
  manifest: ({ manifestVersion }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // scripting: custom domains the rep adds get the content scripts registered at run time.
    permissions: ['storage', 'alarms', 'scripting'],
    // Only ever requested one origin at a time, for a domain the rep adds in the options page.
    // Manifest V2 (Firefox) lists optional origins among the optional permissions.
    ...(manifestVersion === 2 ? { optional_permissions: OPTIONAL_ORIGINS } : { optional_host_permissions: OPTIONAL_ORIGINS }),
    ...(TEST_HOSTS.length > 0 && { host_permissions: TEST_HOSTS }),
    action: { default_title: '__MSG_extName__' },
    // The sidebar page may be framed by CRM pages only, never by any other site.
    web_accessible_resources: [{ resources: ['sidebar.html'], matches: ALL_HOST_PATTERNS }],
    commands: {
      'toggle-sidebar': {
        suggested_key: { default: 'Alt+Shift+K' },
        description: '__MSG_sidebar_commandToggle__',
      },
    },
  }),
});
