import { defineConfig } from 'wxt';
import { ALL_HOST_PATTERNS } from './lib/crm/adapters';

// KPI_OUT_DIR lets tests and the benchmark build side by side without clobbering each other.
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  outDir: process.env.KPI_OUT_DIR ?? '.output',
  manifest: {
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'alarms'],
    action: { default_title: '__MSG_extName__' },
    // The sidebar page may be framed by CRM pages only, never by any other site.
    web_accessible_resources: [{ resources: ['sidebar.html'], matches: ALL_HOST_PATTERNS }],
    commands: {
      'toggle-sidebar': {
        suggested_key: { default: 'Alt+Shift+K' },
        description: '__MSG_sidebar_commandToggle__',
      },
    },
  },
});
