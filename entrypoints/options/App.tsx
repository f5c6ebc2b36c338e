import { useMemo } from 'react';
import { UiTextContext, type UiText } from '@/components/ui-context';
import { t } from '@/lib/i18n/messages';
import { DataSection } from './DataSection';
import { WaitingNote } from '@/components/WaitingNote';
import { useWaiting } from './use-waiting';
import { EvidenceSection } from './EvidenceSection';
import { ExcludedSection } from './ExcludedSection';
import { HistorySection } from './HistorySection';
import { ProfileSection } from './ProfileSection';
import { RemindersSection } from './RemindersSection';
import { OwnAdaptersSection } from './OwnAdaptersSection';
import { TeachSection } from './TeachSection';
import { RulesSection } from './RulesSection';
import { SitesSection } from './SitesSection';
import { TabTestSection } from './TabTestSection';
import { TargetsSection } from './TargetsSection';
import { TeamSyncSection } from './TeamSyncSection';
import { useOptionsData } from './use-options-data';
import { VisitorsSection } from './VisitorsSection';

const SECTIONS = ['profile', 'targets', 'history', 'reminders', 'visitors', 'evidence', 'excluded', 'rules', 'sites', 'ownAdapters', 'teach', 'tabTest', 'teamSync', 'data'] as const;

export function App({ locale }: { locale: string }) {
  const data = useOptionsData();
  const waiting = useWaiting();
  const uiText = useMemo<UiText>(() => ({ t, locale, timeZone: data?.settings.timeZone ?? 'UTC' }), [locale, data?.settings.timeZone]);

  return (
    <UiTextContext.Provider value={uiText}>
      <a className="skip-link" href="#main">
        {t('options_skipToContent')}
      </a>
      <header className="page-header">
        <h1>
          {t('extName')} · {t('options_title')}
        </h1>
        <nav aria-label={t('options_sections')}>
          <ul className="nav">
            {SECTIONS.map((id) => (
              <li key={id}>
                <a href={`#section-${id}`}>{t(`options_nav_${id}`)}</a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" className="options" aria-busy={!data}>
        <WaitingNote waiting={waiting} className="note note--error" />
        {!data ? (
          <p className="muted">{t('options_loading')}</p>
        ) : (
          <>
            <div id="section-profile">
              <ProfileSection settings={data.settings} />
            </div>
            <div id="section-targets">
              <TargetsSection settings={data.settings} />
            </div>
            <div id="section-history">
              <HistorySection settings={data.settings} />
            </div>
            <div id="section-reminders">
              <RemindersSection settings={data.settings} />
            </div>
            <div id="section-visitors">
              <VisitorsSection settings={data.settings} visitors={data.visitors} />
            </div>
            <div id="section-evidence">
              <EvidenceSection settings={data.settings} rules={data.rules} />
            </div>
            <div id="section-excluded">
              <ExcludedSection rules={data.rules} />
            </div>
            <div id="section-rules">
              <RulesSection rules={data.rules} />
            </div>
            <div id="section-sites">
              <SitesSection rules={data.rules} switchedOff={data.switchedOff} />
            </div>
            <div id="section-ownAdapters">
              <OwnAdaptersSection rules={data.rules} switchedOff={data.switchedOff} droppedRules={data.droppedRules} />
            </div>
            <div id="section-teach">
              <TeachSection rules={data.rules} />
            </div>
            <div id="section-tabTest">
              <TabTestSection rules={data.rules} />
            </div>
            <div id="section-teamSync">
              <TeamSyncSection />
            </div>
            <div id="section-data">
              <DataSection settings={data.settings} rules={data.rules} />
            </div>
          </>
        )}
      </main>
    </UiTextContext.Provider>
  );
}
