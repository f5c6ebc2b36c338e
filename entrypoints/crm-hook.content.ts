import { openPrivateChannel } from '@/lib/page/channel';
import { parseHookConfig, type HookConfig } from '@/lib/page/hook-protocol';
import { installPageHook } from '@/lib/page/page-hook';
import { installSaveProbe } from '@/lib/page/save-probe';
import { callOf } from '@/lib/page/natives';

/**
 * Main world, before any page script: wraps fetch/XHR and reports the requests the active
 * adapter's rules name to the content script over a private port. It receives rule patterns
 * only, never CRM data.
 */
export default defineContentScript({
  // Registered by the background for the hosts the rep granted (lib/sites), never in the manifest.
  registration: 'runtime',
  world: 'MAIN',
  runAt: 'document_start',
  main() {
    // Taken now, before page scripts: a page that replaces it later would be handed the port.
    const post = callOf(MessagePort.prototype.postMessage) as (port: MessagePort, message: unknown) => void;
    let port: MessagePort | undefined;
    let resolveConfig: (config: HookConfig) => void = () => {};
    const config = new Promise<HookConfig>((resolve) => (resolveConfig = resolve));
    // The first rules settle the requests held meanwhile; later ones (a teaching window opening
    // or closing) replace them. Only the content script holds the other end of the port.
    let replace: ((config: HookConfig) => void) | undefined;
    try {
      openPrivateChannel('main', window, (opened) => {
        port = opened;
        opened.onmessage = (event) => {
          const parsed = parseHookConfig(event.data);
          if (!parsed) return;
          resolveConfig(parsed);
          replace?.(parsed);
        };
      });
      replace = installPageHook(window, (exchange, pageUrl) => port && post(port, { type: 'exchange', ...exchange, before: pageUrl }), config);
      installSaveProbe(window, (probe) => port && post(port, probe));
    } catch {
      // The page must work exactly as without the extension.
    }
  },
});
