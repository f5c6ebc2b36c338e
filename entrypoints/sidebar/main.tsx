import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import '../../components/components.css';
import { startView, type ViewFirst } from '@/lib/view/view-client';
import type { SidebarPrefs } from '../../lib/sidebar-host/prefs';
import { HOST_PORT_PREFIX } from '../../lib/sidebar-host/tab-messages';
import { clockReady } from '../../lib/clock/start';
import { t, uiLocale } from '../../lib/i18n/messages';
import { App } from './App';
import { applyTheme, framingSite, readFragment } from './frame-info';
import { guardClicks } from './click-guard';
import { loadSidebarPrefs } from './use-prefs';
import './style.css';

// Asked for before anything renders: the first render then usually has what it shows.
// (The sidebar shows no recent events from this answer; one is the least it may ask for.)
const start = startView(1);
const prefs = loadSidebarPrefs().catch((): SidebarPrefs | undefined => undefined);

// Keeps the port from this frame's own host open: when the extension goes away the browser closes
// it, which is how a content script left behind learns to remove its sidebar. Registered before
// the first render so it is in place by the frame's load event, when the host connects.
const hostPort = `${HOST_PORT_PREFIX}${new URLSearchParams(location.search).get('host') ?? ''}`;
const held: unknown[] = [];
browser.runtime.onConnect.addListener((port) => {
  if (port.name === hostPort) held.push(port);
});

// Before the first paint, so the sidebar never flashes in the wrong colours.
applyTheme(document.documentElement, readFragment(location.hash));
guardClicks();

const locale = uiLocale();
document.documentElement.lang = locale;
document.title = t('extName');

/** Past this the sidebar renders with what it has rather than stay blank. */
const WAIT_FOR_DATA_MS = 150;
const timeUp = new Promise<undefined>((resolve) => setTimeout(resolve, WAIT_FOR_DATA_MS));

// A cached first paint or stored prefs that cannot be read (Firefox gives an extension frame in a
// page no storage.session) only mean the sidebar starts without them.
const orNothing = <T,>(promise: Promise<T>) => promise.catch(() => undefined);
void Promise.all([Promise.race([orNothing(start.first), timeUp]), Promise.race([orNothing(prefs), timeUp]), clockReady()]).then(([first, initialPrefs]) => {
  const initial: ViewFirst = first ?? {};
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App locale={locale} site={framingSite(window.location)} initialPrefs={initialPrefs} start={{ ...initial, feed: start.feed }} />
    </StrictMode>,
  );
});
