import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startView, type ViewFirst } from '@/lib/view/view-client';
import { clockReady } from '../../lib/clock/start';
import { t, uiLocale } from '../../lib/i18n/messages';
import { App } from './App';
import { RECENT_LIMIT } from './use-popup-data';
import './style.css';

// Asked for before anything renders: the first render then usually has the KPIs to show.
const start = startView(RECENT_LIMIT);

const locale = uiLocale();
document.documentElement.lang = locale;
document.title = t('extName');

/** Past this the popup shows its loading state rather than stay blank. */
const WAIT_FOR_DATA_MS = 150;
const noDataYet = new Promise<ViewFirst>((resolve) => setTimeout(() => resolve({}), WAIT_FOR_DATA_MS));

void Promise.all([Promise.race([start.first, noDataYet]), clockReady()]).then(([initial]) => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App locale={locale} initial={initial} feed={start.feed} />
    </StrictMode>,
  );
});
