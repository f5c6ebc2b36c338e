import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { frameBox, PANEL_WIDTH, type FrameMode } from './layout';
import { pageTheme, type PageTheme } from './page-theme';
import { DEFAULT_TOP, isHiddenOn, readPrefs, SIDEBAR_PREFS_KEY, siteOf, toggled, type SidebarPrefs } from './prefs';
import { HOST_PORT_PREFIX, type SidebarTabMessage } from './tab-messages';

/** Marks our host so a newer content script (after an update) can find and remove an old one. */
export const HOST_ATTRIBUTE = 'data-kpi-pacer-host';
const HOST_TAG = 'kpi-pacer-sidebar';
const SIDEBAR_PAGE = '/sidebar.html';
/**
 * Below the modal layers CRMs use (Bootstrap 1040+, MUI 1300, SLDS 9000, native <dialog> in the
 * top layer) and above ordinary page content, so a CRM dialog always covers the sidebar.
 */
const Z_INDEX = '1000';

function setStyles(element: HTMLElement, styles: Record<string, string>): void {
  // CSSOM writes, which a page's style-src CSP does not block (unlike a style attribute or <style>).
  for (const [name, value] of Object.entries(styles)) element.style.setProperty(name, value, 'important');
}

/**
 * Puts the sidebar on the CRM page: a host element with a closed shadow root holding one
 * extension-page iframe. The page sees an empty element; counts and records exist only in the
 * frame, which has the extension's origin. The host only places and sizes the frame.
 */
export function mountSidebarHost(ctx: ContentScriptContext): void {
  const site = location.hostname;
  let prefs: SidebarPrefs = {};
  let toast = false;
  let question = false;
  let host: HTMLElement | undefined;
  let frame: HTMLIFrameElement | undefined;
  let navigations = 0;
  let focusPending = false;
  /** The port to this host's own frame, and (Firefox) the facts last told. */
  let port: ReturnType<typeof browser.runtime.connect> | undefined;
  let told = '';
  // Names the port between this host and its own frame; other sidebars ignore ports not theirs.
  const nonce = Math.random().toString(36).slice(2);
  const base = `${browser.runtime.getURL(SIDEBAR_PAGE)}?site=${encodeURIComponent(site)}&host=${nonce}`;
  let theme: PageTheme = 'light';
  const prefersDark = window.matchMedia('(prefers-color-scheme: dark)');
  /** Looks at what is drawn just left of where the panel opens; our own host draws nothing there. */
  const readTheme = () => {
    theme = pageTheme(document, Math.max(0, window.innerWidth - PANEL_WIDTH - 24), window.innerHeight / 2, prefersDark.matches);
  };
  /**
   * Layout facts the frame cannot see (the page's viewport height, whether the page looks light or
   * dark) and a navigation counter that tells it to look again at which record is open. No data.
   * The first go in the frame URL's fragment; later ones through the port, never by navigating
   * the frame: the browser reloads an extension frame that a web page navigates, even to a new
   * fragment only, and the frame would lose what it was showing.
   */
  const facts = () => `vh=${window.innerHeight}&nav=${navigations}&theme=${theme}`;
  const tell = () => {
    const now = facts();
    // Firefox gives the frame neither the port nor runtime messages: the background passes the
    // word on, once per change. A message on the port costs little; the frame skips repeats.
    if (!import.meta.env.FIREFOX) port?.postMessage(now);
    else if (now !== told) void browser.runtime.sendMessage({ type: 'sidebar-facts', host: nonce, facts: (told = now) }).catch(() => undefined);
  };

  const removeStaleHosts = () => {
    for (const stale of document.querySelectorAll(`[${HOST_ATTRIBUTE}]`)) if (stale !== host) stale.remove();
  };

  const create = () => {
    host = document.createElement(HOST_TAG);
    host.setAttribute(HOST_ATTRIBUTE, browser.runtime.getManifest().version);
    const element = host;
    setStyles(element, { all: 'initial', position: 'fixed', top: '0', right: '0', width: '0', height: '0', 'z-index': Z_INDEX, display: 'block' });
    // The page may rewrite the host's inline style (opacity, display, a transform): put ours back
    // (a CSSOM write, like setStyles). Stylesheet rules cannot reach past `all: initial !important`.
    const ours = element.style.cssText;
    new MutationObserver(() => {
      if (element.style.cssText !== ours) element.style.cssText = ours;
    }).observe(element, { attributeFilter: ['style'] });
    const root = host.attachShadow({ mode: 'closed' });
    frame = document.createElement('iframe');
    frame.src = `${base}#${facts()}`;
    const message = browser.i18n.getMessage as (key: string) => string;
    frame.title = message('sidebar_frameTitle') || 'KPI Pacer';
    setStyles(frame, { position: 'fixed', right: '0', border: '0', margin: '0', padding: '0', background: 'transparent', 'color-scheme': 'normal', display: 'block' });
    frame.addEventListener('load', watchExtension);
    root.append(frame);
  };

  /**
   * An open port to the frame is closed by the browser when the extension is reloaded, updated
   * or removed: that is when this copy checks whether it is dead and, if so, tears itself down.
   * No polling. The context may take a moment to be marked dead, so it is checked twice.
   */
  const checkAlive = () => {
    try {
      // Throws "Extension context invalidated" once the extension that ran this script is gone.
      if (!browser.runtime.getManifest()) throw new Error('gone');
      void ctx.isValid;
    } catch {
      ctx.abort();
    }
  };
  function watchExtension() {
    if (ctx.isInvalid) return;
    try {
      port = browser.runtime.connect({ name: `${HOST_PORT_PREFIX}${nonce}` });
      // Its frame is gone (a new one connects when it loads), or the extension is.
      port.onDisconnect.addListener(() => {
        port = undefined;
        checkAlive();
        setTimeout(checkAlive, 1000);
      });
      // The frame (re)loaded with the facts of its URL: tell it what changed since.
      told = '';
      tell();
    } catch {
      checkAlive();
    }
  }

  const place = () => {
    if (!frame) return;
    const here = siteOf(prefs, site);
    const mode: FrameMode = here.expanded ? 'expanded' : question ? 'question' : toast ? 'toast' : 'collapsed';
    const box = frameBox(mode, here.top ?? DEFAULT_TOP, window.innerHeight, window.innerWidth);
    setStyles(frame, { top: `${box.top}px`, width: `${box.width}px`, height: `${box.height}px` });
    tell();
  };

  const render = () => {
    if (ctx.isInvalid) return;
    if (isHiddenOn(prefs, site)) {
      teardownHost();
      return;
    }
    try {
      readTheme();
      if (!host) create();
      removeStaleHosts();
      // SPA frameworks sometimes replace what they do not own; put the host back if it was removed.
      if (host && !host.isConnected) document.documentElement.append(host);
      place();
    } catch {
      // The browser's own API throws at once when the extension is gone, before the context
      // says so: this copy ends quietly and the page never sees an error.
      checkAlive();
    }
  };

  const teardownHost = () => {
    host?.remove();
    host = frame = port = undefined;
    toast = question = false;
  };

  const savePrefs = async (next: SidebarPrefs) => browser.storage.local.set({ [SIDEBAR_PREFS_KEY]: next });

  const onStorage = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    const change = changes[SIDEBAR_PREFS_KEY];
    if (area !== 'local' || !change) return;
    prefs = readPrefs(change.newValue);
    render();
    // After the shortcut, keyboard focus goes where the rep's attention is: into the sidebar.
    if (focusPending && siteOf(prefs, site).expanded) frame?.focus();
    focusPending = false;
  };

  // Answers through sendResponse: content scripts use the browser's own API, where a listener's
  // returned promise is not an answer (see lib/page/native-browser.ts).
  const onMessage = (message: unknown, _sender: unknown, sendResponse: (answer: unknown) => void): true | undefined => {
    const typed = message as Partial<SidebarTabMessage> | undefined;
    switch (typed?.type) {
      case 'sidebar-toggle':
        focusPending = true;
        void savePrefs(toggled(prefs, site)).then(() => sendResponse(true), () => sendResponse(false));
        return true;
      case 'sidebar-frame':
        toast = (typed as { toast?: unknown }).toast === true;
        question = (typed as { question?: unknown }).question === true;
        place();
        sendResponse(true);
        return undefined;
      case 'get-page-url':
        sendResponse(location.href);
        return undefined;
      default:
        return undefined;
    }
  };

  const onLocationChange = () => {
    navigations += 1;
    render();
  };

  browser.storage.onChanged.addListener(onStorage);
  browser.runtime.onMessage.addListener(onMessage);
  ctx.addEventListener(window, 'wxt:locationchange', onLocationChange);
  ctx.addEventListener(window, 'resize', place);
  // A CRM that follows the OS switches with it; one with its own theme setting reloads or navigates.
  prefersDark.addEventListener('change', render);
  ctx.onInvalidated(() => prefersDark.removeEventListener('change', render));
  ctx.onInvalidated(() => {
    teardownHost();
    // A dead context throws on every extension API, so only listeners are dropped here.
    try {
      browser.storage.onChanged.removeListener(onStorage);
      browser.runtime.onMessage.removeListener(onMessage);
    } catch {
      // the extension is gone; its listeners went with it
    }
  });

  const start = () => {
    removeStaleHosts();
    // An async read: a throw from an extension that is already gone becomes a rejection.
    (async () => browser.storage.local.get(SIDEBAR_PREFS_KEY))()
      .then((stored) => {
        prefs = readPrefs(stored[SIDEBAR_PREFS_KEY]);
        render();
      })
      .catch(() => undefined);
  };
  if (document.readyState === 'loading') ctx.addEventListener(document, 'DOMContentLoaded', start, { once: true });
  else {
    start();
    // 'interactive' comes before deferred scripts run and DOMContentLoaded fires: a copy added
    // in that window is dropped once it fires (a listener added after it never runs).
    if (document.readyState === 'interactive') ctx.addEventListener(document, 'DOMContentLoaded', removeStaleHosts, { once: true });
  }
}
