import { openPrivateChannel } from '@/lib/page/channel';
import { mountSidebarHost } from '@/lib/page/sidebar-host/host';
import type { PagePlan } from '@/lib/crm/page-plan';
import type { Exchange } from '@/lib/crm/page-signals';
import { createSignalSender } from './send';
import { watchRoutes } from './routes';
import { watchDomMarkers } from './dom-markers';
import { askPagePlan } from './page-plan';
import { watchTeachWindow } from './teach';

/**
 * Isolated world: the page's eyes. Asks the background what to watch on this page, completes the
 * private channel with the main-world hook, and forwards what the hook, the URL and the DOM show
 * to the background, which runs the detection engine. No adapter and no detection rule is loaded
 * here, so adding a CRM adds nothing to what a CRM page loads.
 */
export default defineContentScript({
  // Registered by the background for the hosts the rep granted (lib/sites), never in the manifest.
  registration: 'runtime',
  runAt: 'document_start',
  noScriptStartedPostMessage: true,
  main(ctx) {
    const send = createSignalSender(ctx);
    let port: MessagePort | undefined;
    let plan: PagePlan | undefined;
    let settled = false;

    // The hook holds the page's requests until it hears the rules, so both must be known first.
    const connect = () => {
      if (!port || !settled) return;
      port.postMessage(plan?.hook ?? { type: 'config', rules: [], headers: [] });
      if (!plan) return port.close();
      port.onmessage = (event) => {
        const data = event.data as ({ type?: unknown } & Exchange) | { type?: unknown; method?: unknown; url?: unknown } | null;
        // The background checks every field; only the kind of message is told apart here.
        if (data?.type === 'exchange') {
          const { type: _type, before, ...exchange } = data as { type: unknown; before?: unknown } & Exchange;
          send({ kind: 'exchange', exchange, pageUrl: location.href, ...(typeof before === 'string' && { pageUrlBefore: before }) });
        } else if (data?.type === 'probe') {
          const probe = data as { method: string; url: string };
          send({ kind: 'probe', method: probe.method, url: probe.url });
        }
      };
      ctx.onInvalidated(() => port?.close());
      // The plan remembers the window: the submit listener forwards every form while it is open.
      watchTeachWindow(ctx, (open) => port?.postMessage(Object.assign(plan!.hook, { teach: open })));
    };
    const abandon = openPrivateChannel('isolated', window, (opened) => {
      port = opened;
      connect();
    });
    // Only page scripts could answer after the document is parsed; stop listening by then.
    document.addEventListener('DOMContentLoaded', abandon, { once: true });

    void askPagePlan().then((found) => {
      if (ctx.isInvalid) return;
      plan = found;
      settled = true;
      connect();
      if (!found) return;
      watchRoutes(ctx, found, send);
      watchDomMarkers(ctx, found, send);
      mountSidebarHost(ctx);
    });
  },
});
