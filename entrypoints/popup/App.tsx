import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import { browser } from 'wxt/browser';
import { KpiCard } from '@/components/KpiCard';
import { useHistory } from '@/components/use-history';
import { UiTextContext, type UiText } from '@/components/ui-context';
import type { ViewFeed } from '@/lib/view/view-client';
import type { ViewData } from '@/lib/view/view-data';
import type { CountEvent } from '@/lib/db/events';
import { formatPeriodLabel, formatNumber } from '@/lib/i18n/format';
import { t } from '@/lib/i18n/messages';
import type { KpiId } from '@/lib/kpi/definitions';
import type { KpiProgress } from '@/lib/kpi/snapshot-types';
import { ask } from '@/lib/messages/client';
import { AccessBanner } from './AccessBanner';
import { RecentList } from './RecentList';
import { WaitingNote } from '@/components/WaitingNote';
import { STORAGE_FULL } from '@/lib/messages/errors';
import { ShowSidebarAgain } from './ShowSidebarAgain';
import { UndoToast, type CountedToast } from './UndoToast';
import { usePopupData } from './use-popup-data';

const ONE_BY_ONE: ReadonlySet<KpiId> = new Set<KpiId>(['contacts', 'equotes', 'ecustomers', 'devices']);

// The export needs the calendar code (date-fns and its time zones): it loads after the KPIs show.
const ExportPanel = lazy(() => import('./ExportPanel').then((module) => ({ default: module.ExportPanel })));

export interface AppProps {
  locale: string;
  /** What main.tsx had before the first render: data (cached or fresh) or why there is none. */
  initial: { view?: ViewData; error?: string };
  /** The data from then on, followed from before the first render. */
  feed: ViewFeed;
}

export function App({ locale, initial, feed }: AppProps) {
  const { data, error, refresh, afterWrite } = usePopupData({ ...initial, feed });
  const { history } = useHistory();
  const [busy, setBusy] = useState<string>();
  const [actionError, setActionError] = useState<string>();
  const [toast, setToast] = useState<CountedToast>();

  const uiText = useMemo<UiText>(
    () => ({ t, locale, timeZone: data?.timeZone ?? 'UTC' }),
    [locale, data?.timeZone],
  );

  /** Runs one write through the background, one at a time, and shows why it failed if it did. */
  const write = useCallback(
    async <T,>(tag: string, action: () => Promise<T>): Promise<T | undefined> => {
      setBusy(tag);
      setActionError(undefined);
      try {
        return await action();
      } catch (err) {
        setActionError(err instanceof Error ? err.message : String(err));
        return undefined;
      } finally {
        setBusy(undefined);
        // The background caches the view data after each write; where the popup cannot follow
        // that copy it asks again rather than depend on a notice it may miss.
        afterWrite();
      }
    },
    [afterWrite],
  );

  const addManual = (kpi: Exclude<KpiId, 'visitors'>, amount?: number, currency?: string) =>
    write(kpi, async () => {
      const event = await ask<CountEvent>({ type: 'add-manual', kpi, amount, currency });
      setToast({ key: event.key, kpi });
    });

  const undo = (key: string) =>
    write(`undo:${key}`, async () => {
      await ask({ type: 'undo', key });
      setToast((current) => (current?.key === key ? undefined : current));
    });

  if (!data) {
    return (
      <main className="popup popup--loading" aria-busy={!error}>
        <PopupHeader />
        {error ? (
          <div className="banner banner--error" role="alert" data-testid="popup-error">
            <p>{t('popup_loadFailed')}</p>
            <button type="button" className="button" onClick={refresh}>
              {t('popup_retry')}
            </button>
          </div>
        ) : (
          <p className="popup__loading">{t('popup_loading')}</p>
        )}
      </main>
    );
  }

  const { snapshot, month } = data;
  const monthLabel = formatPeriodLabel({ period: 'month', start: month.start, end: month.end, label: month.key }, uiText);
  const judgedMonthLabel = (progress: KpiProgress) =>
    progress.judgedMonth &&
    formatPeriodLabel({ period: 'month', start: progress.judgedMonth.start, end: progress.judgedMonth.end, label: progress.judgedMonth.key }, uiText);

  return (
    <UiTextContext.Provider value={uiText}>
      <main className="popup" data-testid="popup">
        <PopupHeader
          repName={snapshot.repName}
          summary={t('popup_onPace', [formatNumber(snapshot.onPace, locale), formatNumber(snapshot.kpis.length, locale)])}
          worst={snapshot.worst === 'behind' ? 'behind' : 'on-track'}
        />

        <AccessBanner />

        {(actionError ?? error) && (
          // The reason in words; the background's own (English, technical) one as a tooltip.
          <div className="banner banner--error" role="alert" data-testid="popup-error" title={actionError ?? error}>
            {actionError === STORAGE_FULL ? t('delivery_manualStorageFull') : actionError ? t('popup_actionFailed') : t('popup_loadFailed')}
          </div>
        )}

        <WaitingNote waiting={data.waiting} className="banner banner--error" />

        <UndoToast toast={toast} onUndo={(key) => void undo(key)} onDismiss={() => setToast(undefined)} />

        <div className="kpi-list">
          {snapshot.kpis.map((progress) => (
            <KpiCard
              key={progress.kpi}
              progress={progress}
              busy={busy !== undefined}
              history={history?.find((h) => h.kpi === progress.kpi)}
              onAddOne={ONE_BY_ONE.has(progress.kpi) ? () => void addManual(progress.kpi as Exclude<KpiId, 'visitors'>) : undefined}
              onAddRevenue={
                progress.kpi === 'revenue' ? (amount, currency) => void addManual('revenue', amount, currency) : undefined
              }
              visitors={
                progress.kpi === 'visitors'
                  ? {
                      // The figure for the month judged: the last complete one.
                      value: progress.figureMissing ? undefined : progress.value,
                      monthLabel: judgedMonthLabel(progress) ?? monthLabel,
                      onSave: (value) =>
                        void write('visitors', () =>
                          ask({ type: 'set-visitors', month: progress.judgedMonth?.key ?? month.key, value }),
                        ),
                    }
                  : undefined
              }
            />
          ))}
        </div>

        <RecentList events={data.recent} busyKey={busy} onUndo={(key) => void undo(key)} />
        <Suspense fallback={<ExportPlaceholder />}>
          <ExportPanel timeZone={data.timeZone} weekStart={data.weekStart} />
        </Suspense>
        <ShowSidebarAgain />
        <p className="popup__links">
          <a href={browser.runtime.getURL('/team.html')} target="_blank" rel="noreferrer" data-testid="popup-team-link">
            {t('popup_teamPage')}
          </a>
        </p>
      </main>
    </UiTextContext.Provider>
  );
}

/** Holds the export panel's place for the moment it takes to load. */
function ExportPlaceholder() {
  return (
    <section className="panel" aria-busy="true">
      <h2 className="panel__title">{t('export_title')}</h2>
    </section>
  );
}

function PopupHeader({ repName, summary, worst }: { repName?: string; summary?: string; worst?: string }) {
  return (
    <header className="popup__header">
      <div>
        <h1 className="popup__title">{t('extName')}</h1>
        {repName && <p className="popup__rep">{repName}</p>}
      </div>
      {summary && (
        <p className={`popup__summary popup__summary--${worst ?? 'on-track'}`} data-testid="popup-summary">
          {summary}
        </p>
      )}
    </header>
  );
}
