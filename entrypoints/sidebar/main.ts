import { browser } from 'wxt/browser';
import '@/components/components.css';
import { t, uiLocale } from '@/lib/i18n/messages';
import { siteOf, type SidebarPrefs } from '@/lib/page/sidebar-host/prefs';
import { HOST_PORT_PREFIX, type SidebarTabMessage } from '@/lib/page/sidebar-host/tab-messages';
import { startView, type ViewFirst } from '@/lib/view/view-client';
import { guardClicks } from './click-guard';
import { paintFirst } from './first-paint';
import { applyTheme, framingSite } from './frame-info';
import { heardFromHost, hostFacts, onHostFacts } from './host-facts';
import { loadSidebarPrefs } from './stored-prefs';
import './style.css';

// The start path loads no React: an open sidebar paints its six KPIs from the cached view data
// first (first-paint.ts), usually already by the classic script sidebar-start.ts while the frame was
// parsed; then the full sidebar loads and takes over (app-start.tsx).

// Asked for before anything renders: the first render then usually has what it shows.
// (The sidebar shows no recent events from this answer; one is the least it may ask for.)
const start = startView(1);
const prefs = loadSidebarPrefs().catch((): SidebarPrefs | undefined => undefined);

// Keeps the port from this frame's own host open: when the extension goes away the browser closes
// it, which is how a content script left behind learns to remove its sidebar. The host also tells
// the frame through it what changed on the page (height, look, in-page navigations). Registered
// before the first render so it is in place by the frame's load event, when the host connects.
const hostId = new URLSearchParams(location.search).get('host') ?? '';
const hostPort = `${HOST_PORT_PREFIX}${hostId}`;
const held: unknown[] = [];
browser.runtime.onConnect.addListener((port) => {
  if (port.name !== hostPort) return;
  held.push(port);
  port.onMessage.addListener(heardFromHost);
});
// Firefox: the host's word comes back through the background as a message to this tab.
if (import.meta.env.FIREFOX) {
  browser.runtime.onMessage.addListener((message: unknown) => {
    const told = message as Partial<SidebarTabMessage> | undefined;
    if (told?.type === 'sidebar-facts' && told.host === hostId) heardFromHost(told.facts);
  });
}

// Before the first paint, so the sidebar never flashes in the wrong colours.
applyTheme(document.documentElement, hostFacts());
onHostFacts(() => applyTheme(document.documentElement, hostFacts()));
guardClicks();

const locale = uiLocale();
document.documentElement.lang = locale;
document.title = t('extName');
const site = framingSite(window.location);
const root = document.getElementById('root')!;

/** Past this the sidebar renders with what it has rather than stay blank. */
const WAIT_FOR_DATA_MS = 150;
const timeUp = new Promise<undefined>((resolve) => setTimeout(resolve, WAIT_FOR_DATA_MS));

// A cached first paint or stored prefs that cannot be read (Firefox gives an extension frame in a
// page no storage.session) only mean the sidebar starts without them.
const orNothing = <T,>(promise: Promise<T>) => promise.catch(() => undefined);
void Promise.all([Promise.race([orNothing(start.first), timeUp]), Promise.race([orNothing(prefs), timeUp])]).then(async ([first, initialPrefs]) => {
  const initial: ViewFirst = first ?? {};
  if (initial.view && initialPrefs && siteOf(initialPrefs, site).expanded === true && !root.hasChildNodes()) paintFirst(root, initial.view, locale);
  const { startApp } = await import('./app-start');
  await startApp(root, { locale, site, initialPrefs, start: { ...initial, feed: start.feed } });
});
