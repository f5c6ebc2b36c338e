import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { clockReady } from '@/lib/clock/start';
import { t, uiLocale } from '@/lib/i18n/messages';
import { App } from './App';
import '@/components/components.css';
import './style.css';

const locale = uiLocale();
document.documentElement.lang = locale;
document.title = `${t('extName')} · ${t('options_title')}`;

void clockReady().then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App locale={locale} />
    </StrictMode>,
  ),
);
