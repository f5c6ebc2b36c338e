import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import '../../components/components.css';
import { HOST_PORT_PREFIX } from '../../lib/sidebar-host/tab-messages';
import { t, uiLocale } from '../../lib/i18n/messages';
import { App } from './App';
import { framingSite } from './frame-info';
import './style.css';

// Keeps the port from this frame's own host open: when the extension goes away the browser closes
// it, which is how a content script left behind learns to remove its sidebar. Registered before
// the first render so it is in place by the frame's load event, when the host connects.
const hostPort = `${HOST_PORT_PREFIX}${new URLSearchParams(location.search).get('host') ?? ''}`;
const held: unknown[] = [];
browser.runtime.onConnect.addListener((port) => {
  if (port.name === hostPort) held.push(port);
});

const locale = uiLocale();
document.documentElement.lang = locale;
document.title = t('extName');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App locale={locale} site={framingSite(window.location)} />
  </StrictMode>,
);
