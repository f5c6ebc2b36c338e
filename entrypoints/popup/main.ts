import '@/components/components.css';
import './style.css';
import { t, uiLocale } from '@/lib/i18n/messages';
import { startView, type ViewFirst } from '@/lib/view/view-client';
import { VIEW_RECENT } from '@/lib/view/view-keys';
import { paintFirst } from './first-paint';

// The start path loads no React: the cached view data is read and the six KPIs painted first
// (first-paint.ts), usually already by the classic script popup-start.ts while the page was parsed;
// then the full popup loads and takes over (app-start.tsx).

// Asked for before anything renders; the popup shows as many recent counts as the cached copy carries.
const start = startView(VIEW_RECENT);

const locale = uiLocale();
document.documentElement.lang = locale;
document.title = t('extName');
const root = document.getElementById('root')!;

/** Past this the full popup loads with what it has (its loading state) rather than leave it blank. */
const WAIT_FOR_DATA_MS = 150;
const noDataYet = new Promise<ViewFirst>((resolve) => setTimeout(() => resolve({}), WAIT_FOR_DATA_MS));

void Promise.race([start.first, noDataYet]).then(async (initial) => {
  if (initial.view && !root.hasChildNodes()) paintFirst(root, initial.view, locale);
  const { startApp } = await import('./app-start');
  await startApp(root, { locale, initial, feed: start.feed });
});
