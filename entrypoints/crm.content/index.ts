import { openPrivateChannel } from '@/lib/crm/channel';
import { detectFromExchange, type RecordMemory } from '@/lib/crm/engine';
import { parseExchangeMessage, type HookConfig } from '@/lib/crm/hook-protocol';
import type { AdapterInput } from '@/lib/crm/adapter-schema';
import { createRecordSender } from './send';
import { watchRoutes } from './routes';
import { watchDomMarkers } from './dom-markers';
import { watchMisses } from './misses';
import { askPageAdapter } from './page-adapter';
import { mountSidebarHost } from '@/lib/sidebar-host/host';
import { currentRecordAt } from '@/lib/sidebar-host/current-record';

/**
 * Isolated world: asks the background for this page's adapter (the rep's mappings, own adapters
 * and custom domains applied), completes the private channel with the main-world hook, runs the
 * detection engine on what the hook, the URL and the DOM show, and sends each detected record to
 * the background once.
 */
export default defineContentScript({
  // Registered by the background for the hosts the rep granted (lib/sites), never in the manifest.
  registration: 'runtime',
  runAt: 'document_start',
  noScriptStartedPostMessage: true,
  main(ctx) {
    const sender = createRecordSender(ctx);
    let port: MessagePort | undefined;
    let adapter: AdapterInput | undefined;
    let settled = false;

    // The hook holds the page's requests until it hears the rules, so both must be known first.
    const connect = () => {
      if (!port || !settled) return;
      port.postMessage(hookConfigFor(adapter));
      if (!adapter) return port.close();
      const active = adapter;
      const memory: RecordMemory = new Map();
      const onProbe = watchMisses(ctx, active, sender);
      port.onmessage = (event) => {
        const exchange = parseExchangeMessage(event.data);
        if (exchange) sender.strong(detectFromExchange(active, exchange, { memory, pageUrl: location.href }));
        else onProbe(event.data);
      };
      ctx.onInvalidated(() => port?.close());
    };
    const abandon = openPrivateChannel('isolated', window, (opened) => {
      port = opened;
      connect();
    });
    // Only page scripts could answer after the document is parsed; stop listening by then.
    document.addEventListener('DOMContentLoaded', abandon, { once: true });

    void askPageAdapter().then((found) => {
      if (ctx.isInvalid) return;
      adapter = found;
      settled = true;
      connect();
      if (!found) return;
      watchRoutes(ctx, found, sender);
      watchDomMarkers(ctx, found, sender.strong);
      mountSidebarHost(ctx, { currentRecord: () => currentRecordAt(found, location.href) });
    });
  },
});

/** Only what the hook needs to decide which requests to read: methods, URL patterns, header names. */
function hookConfigFor(adapter: AdapterInput | undefined): HookConfig {
  const rules = (adapter?.network ?? []).map((rule) => ({ methods: [...rule.methods], url: rule.url }));
  const headers = new Set<string>();
  for (const rule of adapter?.network ?? []) {
    for (const sources of Object.values(rule.read)) {
      for (const source of sources ?? []) if (source.header) headers.add(source.header.toLowerCase());
    }
  }
  return { type: 'config', rules, headers: [...headers], otherHosts: !!adapter?.apiHosts?.length };
}
