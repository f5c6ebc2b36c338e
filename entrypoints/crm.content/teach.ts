import type { ContentScriptContext } from 'wxt/utils/content-script-context';

/**
 * The background opens and closes a teaching window on this tab (messages through
 * `tabs.sendMessage`, which a page cannot send); the hook then reads every request with a body.
 * The page itself has no way to open one.
 */
export function watchTeachWindow(ctx: ContentScriptContext, setTeaching: (open: boolean) => void): void {
  const onMessage = (message: unknown, _sender: unknown, sendResponse: (answer: unknown) => void): undefined => {
    const typed = message as { type?: unknown; open?: unknown } | null;
    if (typed?.type !== 'teach-window') return undefined;
    setTeaching(typed.open === true);
    sendResponse(true);
    return undefined;
  };
  browser.runtime.onMessage.addListener(onMessage);
  ctx.onInvalidated(() => {
    try {
      browser.runtime.onMessage.removeListener(onMessage);
    } catch {
      // the extension is gone; its listeners went with it
    }
  });
}
