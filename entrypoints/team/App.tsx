import { useCallback, useEffect, useMemo, useState } from 'react';
import { UiTextContext, type UiText } from '@/components/ui-context';
import type { TeamView } from '@/lib/background/team-sync';
import { formatDateTime, formatNumber } from '@/lib/i18n/format';
import { t } from '@/lib/i18n/messages';
import { ask } from '@/lib/messages/client';
import { teamFigures } from '@/lib/team/figures';
import { problemMessageKey } from '@/lib/team/sync/status';
import { DropZone } from './DropZone';
import { Leaderboards } from './Leaderboards';
import { Projections } from './Projections';
import { RepTables, TeamTable } from './TeamTable';
import { Trends } from './Trends';

/** The server is read again this often while the page is open. */
const REFRESH_MS = 60_000;

export function App({ locale, clock }: { locale: string; clock: () => number }) {
  const [view, setView] = useState<{ data: TeamView; now: number }>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const data = await ask<TeamView>({ type: 'team-view' });
      setView({ data, now: clock() });
      setError(undefined);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setLoading(false);
    }
  }, [clock]);

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [load]);

  const uiText = useMemo<UiText>(() => ({ t, locale, timeZone: view?.data.calendar.timeZone ?? 'UTC' }), [locale, view?.data.calendar.timeZone]);
  const figures = useMemo(() => (view ? teamFigures(view.data.weeks, view.now, view.data.calendar, view.data.months) : undefined), [view]);

  return (
    <UiTextContext.Provider value={uiText}>
      <a className="skip-link" href="#main">
        {t('options_skipToContent')}
      </a>
      <header className="page-header team-header">
        <h1>
          {t('extName')} · {t('team_title')}
        </h1>
        <div className="team-header__meta">
          {view && (
            <span data-testid="team-as-of" data-now={view.now}>
              {t('team_asOf', formatDateTime(view.now, locale, uiText.timeZone))}
            </span>
          )}
          <button type="button" className="button button--small" onClick={() => void load()} disabled={loading} data-testid="team-refresh">
            {t('team_refresh')}
          </button>
        </div>
      </header>
      <main id="main" className="options team" aria-busy={!figures || loading} data-testid="team-page" data-loaded={figures && !loading ? 'yes' : 'no'}>
        {error && (
          <p className="note note--error" role="alert">
            {error}
          </p>
        )}
        {view && <Sources view={view.data} locale={locale} />}
        <DropZone onImported={() => void load()} hasImports={(view?.data.imports.length ?? 0) > 0} />
        {figures &&
          (figures.reps.length === 0 ? (
            <section className="card">
              <p className="muted" data-testid="team-empty">
                {t('team_empty')}
              </p>
            </section>
          ) : (
            <>
              <TeamTable figures={figures} />
              <Projections figures={figures} />
              <Leaderboards figures={figures} />
              <Trends figures={figures} />
              <RepTables figures={figures} />
            </>
          ))}
      </main>
    </UiTextContext.Provider>
  );
}

function Sources({ view, locale }: { view: TeamView; locale: string }) {
  const fileReps = new Set(view.imports.map((entry) => entry.rep.toLocaleLowerCase()));
  return (
    <section className="card team-sources" aria-labelledby="team-sources-title">
      <h2 id="team-sources-title">{t('team_sourcesTitle')}</h2>
      <ul>
        <li data-testid="team-source-server" data-problem={view.server.problem ?? ''}>
          {!view.server.configured
            ? t('team_serverNone')
            : view.server.problem
              ? t(problemMessageKey(view.server.problem))
              : t('team_serverRead', formatNumber(view.server.weeks, locale))}
          {view.server.ignored > 0 && ` ${t('team_serverIgnored', formatNumber(view.server.ignored, locale))}`}
        </li>
        <li data-testid="team-source-files">
          {view.imports.length === 0 ? t('team_filesNone') : t('team_filesRead', [formatNumber(view.imports.length, locale), formatNumber(fileReps.size, locale)])}
        </li>
      </ul>
    </section>
  );
}
