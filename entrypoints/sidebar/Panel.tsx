import { useEffect, useRef, useState, type ReactNode } from 'react';
import { TeachFlow, type TeachCheckAnswer, type TeachSend } from '@/components/TeachFlow';
import { useUiText } from '@/components/ui-context';
import type { ManualRecordKpi } from '@/lib/background/record-count';
import { formatNumber, formatPeriodLabel } from '@/lib/i18n/format';
import type { Snapshot } from '@/lib/kpi/snapshot-types';
import { KpiRow } from './KpiRow';
import { RecentCounted } from './RecentCounted';
import { SiteHints } from './SiteHints';
import { ThisRecord } from './ThisRecord';
import type { PanelDetails } from './use-sidebar-data';

export interface PanelProps {
  snapshot?: Snapshot;
  details?: PanelDetails;
  error?: string;
  busy: boolean;
  /** The confirmation, rendered inside the panel's live region. */
  note?: ReactNode;
  shortcut?: string;
  /** Move focus into the panel when it opens (after a click, Enter or the shortcut). */
  focusOnOpen: boolean;
  onCollapse: () => void;
  onRetry: () => void;
  onCount: (kpi: ManualRecordKpi, amount?: number, currency?: string) => void;
  onUndo: (key: string) => void;
  onSetSiteCurrency: (site: string, currency: string) => void;
  onHideHere: () => void;
  onHideEverywhere: () => void;
  /** Teach KPI Pacer a save on this tab (its messages go to the background). */
  teachSend: TeachSend;
}

/** The expanded sidebar: the six KPIs, the period, this record's buttons and the last counts. */
export function Panel(props: PanelProps) {
  const { snapshot, details, error, busy, note, shortcut } = props;
  const { t, locale, timeZone } = useUiText();
  const collapseRef = useRef<HTMLButtonElement>(null);
  const teachRef = useRef<HTMLButtonElement>(null);
  const [teaching, setTeaching] = useState(false);
  const [resume, setResume] = useState<TeachCheckAnswer>();
  // A lesson under way on this tab (the page navigated or reloaded meanwhile) opens where it stands.
  useEffect(() => {
    let current = true;
    props
      .teachSend<TeachCheckAnswer>({ type: 'teach-check' })
      .then((answer) => {
        if (!current || answer.state === 'none' || answer.state === 'expired') return;
        setResume(answer);
        setTeaching(true);
      })
      .catch(() => undefined);
    return () => {
      current = false;
    };
    // Once, when the panel opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const stopTeaching = () => {
    setResume(undefined);
    setTeaching(false);
    // Back where the rep started it.
    requestAnimationFrame(() => teachRef.current?.focus());
  };

  useEffect(() => {
    if (props.focusOnOpen) collapseRef.current?.focus();
    // Only when the panel first opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const weekly = snapshot?.kpis.find((k) => k.period === 'week') ?? snapshot?.kpis[0];
  const period =
    weekly &&
    formatPeriodLabel({ period: weekly.period, start: weekly.periodStart, end: weekly.periodEnd, label: weekly.periodLabel }, { t, locale, timeZone });

  return (
    <main className="sb-panel" data-testid="sidebar-panel" aria-labelledby="sb-title">
      <header className="sb-header">
        <div className="sb-header__text">
          <h1 className="sb-title" id="sb-title">
            {t('extName')}
          </h1>
          {snapshot && (
            <p className={`sb-summary sb-summary--${snapshot.worst === 'behind' ? 'behind' : 'on-track'}`} data-testid="sidebar-summary">
              {t('sidebar_onPace', [formatNumber(snapshot.onPace, locale), formatNumber(snapshot.kpis.length, locale)])}
              {period && <span className="sb-period" data-testid="sidebar-period"> · {period}</span>}
            </p>
          )}
        </div>
        <button
          ref={collapseRef}
          type="button"
          className="sb-icon-button"
          data-testid="sidebar-collapse"
          data-autofocus
          aria-expanded={true}
          aria-label={t('sidebar_collapse')}
          title={t('sidebar_collapse')}
          onClick={props.onCollapse}
        >
          <span aria-hidden="true">›</span>
        </button>
      </header>

      <div className="sb-body">
        <div className="sb-live" aria-live="polite">
          {note}
        </div>

        {teaching ? (
          <TeachFlow send={props.teachSend} resume={resume} onClose={stopTeaching} />
        ) : (
          <>
        {error && (
          <div className="sb-banner" role="alert">
            <span>{t('sidebar_loadFailed')}</span>
            <button type="button" className="button button--link" onClick={props.onRetry}>
              {t('sidebar_retry')}
            </button>
          </div>
        )}

        {/* On a record page, what can be done with that record comes first. */}
        {details?.offer && details.offer.offered.length > 0 && (
          <ThisRecord
            offer={details.offer}
            defaultCurrency={details.currency}
            busy={busy}
            onCount={props.onCount}
            onUndo={props.onUndo}
          />
        )}

        {snapshot ? (
          <ul className="sb-kpis" aria-label={t('sidebar_kpisLabel')}>
            {snapshot.kpis.map((progress) => (
              <KpiRow key={progress.kpi} progress={progress} />
            ))}
          </ul>
        ) : (
          !error && <p className="sb-muted">{t('sidebar_loading')}</p>
        )}

        {details && <RecentCounted events={details.recent} busy={busy} onUndo={props.onUndo} />}
        {details && <SiteHints key={details.askCurrency?.site ?? ''} details={details} busy={busy} onSetCurrency={props.onSetSiteCurrency} />}
          </>
        )}
      </div>

      <footer className="sb-footer">
        {!teaching && (
          <button ref={teachRef} type="button" className="button button--link" data-testid="sidebar-teach" onClick={() => setTeaching(true)}>
            {t('teach_open')}
          </button>
        )}
        <button type="button" className="button button--link" data-testid="sidebar-hide-here" onClick={props.onHideHere}>
          {t('sidebar_hideHere')}
        </button>
        <button type="button" className="button button--link" data-testid="sidebar-hide-everywhere" onClick={props.onHideEverywhere}>
          {t('sidebar_hideEverywhere')}
        </button>
        {shortcut && (
          <span className="sb-shortcut" title={t('sidebar_shortcutHint')}>
            <kbd>{shortcut}</kbd>
          </span>
        )}
      </footer>
    </main>
  );
}
