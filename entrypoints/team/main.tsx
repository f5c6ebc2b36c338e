import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { now } from '@/lib/clock';
import { clockReady } from '@/lib/clock/start';
import { t, uiLocale } from '@/lib/i18n/messages';
import { App } from './App';
import '@/components/components.css';
import '@/entrypoints/options/style.css';
import './style.css';

const locale = uiLocale();
document.documentElement.lang = locale;
document.title = `${t('extName')} · ${t('team_title')}`;

// The extension's clock (the test build can pin it): the figures are computed for the moment the data was read.
void clockReady().then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App locale={locale} clock={now} />
    </StrictMode>,
  ),
);
