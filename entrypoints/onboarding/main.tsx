import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { clockReady } from '@/lib/clock/start';
import { t, uiLocale } from '@/lib/i18n/messages';
import { Onboarding } from './Onboarding';
import '@/components/components.css';
import '@/entrypoints/options/style.css';

const locale = uiLocale();
document.documentElement.lang = locale;
document.title = `${t('extName')} · ${t('onboarding_title')}`;

void clockReady().then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <Onboarding locale={locale} />
    </StrictMode>,
  ),
);
