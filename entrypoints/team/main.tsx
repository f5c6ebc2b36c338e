import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { t, uiLocale } from '../../lib/i18n/messages';
import { App } from './App';
import '../../components/components.css';
import '../options/style.css';
import './style.css';

const locale = uiLocale();
document.documentElement.lang = locale;
document.title = `${t('extName')} · ${t('team_title')}`;

// The page's clock: the figures are computed for the moment the data was read.
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App locale={locale} clock={() => Date.now()} />
  </StrictMode>,
);
