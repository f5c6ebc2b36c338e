import { useEffect, useRef, useState, type FormEvent } from 'react';
import { browser } from 'wxt/browser';
import { useUiText } from '@/components/ui-context';
import { formatDateTime } from '@/lib/i18n/format';
import { ask } from '@/lib/messages/client';
import { serverOriginPattern } from '@/lib/team/sync/config';
import { problemMessageKey, type TeamSyncStatus } from '@/lib/team/sync/status';

const REFRESH_MS = 5_000;
const FIELDS = ['url', 'database', 'user', 'password'] as const;

/**
 * Options → Team sync: the team's CouchDB server. Saving asks the browser for that server's
 * origin only (from the click, as browsers require), then stores and tests the settings.
 */
export function TeamSyncSection() {
  const { t, locale, timeZone } = useUiText();
  const [status, setStatus] = useState<TeamSyncStatus>();
  const [form, setForm] = useState({ url: '', database: '', user: '', password: '', push: true });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  // What the rep typed before the stored settings arrived is theirs: the settings fill the form only until then.
  const typed = useRef(false);
  const edit = (change: Partial<typeof form>) => {
    typed.current = true;
    setForm((current) => ({ ...current, ...change }));
  };

  useEffect(() => {
    let live = true;
    const load = () =>
      void ask<TeamSyncStatus>({ type: 'team-sync-get' })
        .then((answer) => live && setStatus(answer))
        .catch(() => undefined);
    void ask<TeamSyncStatus>({ type: 'team-sync-get' }).then((answer) => {
      if (!live) return;
      setStatus(answer);
      if (answer.config && !typed.current) setForm({ url: answer.config.url, database: answer.config.database, user: answer.config.user, password: '', push: answer.config.push });
    });
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);

  const run = async (action: () => Promise<TeamSyncStatus | undefined>) => {
    setBusy(true);
    setError(undefined);
    try {
      const answer = await action();
      if (answer) setStatus(answer);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const field = /^invalid:(\w+)$/.exec(message)?.[1];
      setError(field ? t(`teamSync_invalid_${field}`) || message : message);
    } finally {
      setBusy(false);
    }
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    const pattern = serverOriginPattern(form.url.trim());
    if (!pattern) return setError(t('teamSync_invalid_url'));
    // Asked straight from the click: the browser shows its prompt only during a user gesture.
    const granted = browser.permissions.request({ origins: [pattern] }).catch(() => false);
    void run(async () => {
      if (!(await granted)) {
        setError(t('teamSync_problem_noPermission'));
        return undefined;
      }
      return ask<TeamSyncStatus>({ type: 'team-sync-save', config: { ...form, url: form.url.trim() } });
    });
  };

  const configured = status?.config;
  return (
    <section className="card" aria-labelledby="team-sync-title" data-testid="section-teamSync">
      <h2 id="team-sync-title">{t('teamSync_title')}</h2>
      <p className="card__intro">{t('teamSync_intro')}</p>
      <form onSubmit={save}>
        <div className="fields">
          {FIELDS.map((field) => (
            <label key={field} className="field">
              <span className="field__label">{t(`teamSync_field_${field}`)}</span>
              <input
                type={field === 'password' ? 'password' : field === 'url' ? 'url' : 'text'}
                name={field}
                data-testid={`team-sync-${field}`}
                value={form[field]}
                autoComplete={field === 'password' ? 'new-password' : 'off'}
                placeholder={field === 'password' && configured?.passwordSet ? t('teamSync_passwordKept') : field === 'url' ? 'https://couch.example.com:6984' : ''}
                onChange={(e) => edit({ [field]: e.target.value })}
              />
            </label>
          ))}
        </div>
        <label className="day" style={{ marginTop: 10 }}>
          <input type="checkbox" data-testid="team-sync-push" checked={form.push} onChange={(e) => edit({ push: e.target.checked })} />
          {t('teamSync_push')}
        </label>
        <div className="save-bar">
          <button type="submit" className="button button--primary" disabled={busy} data-testid="team-sync-save">
            {t('teamSync_save')}
          </button>
          {configured && (
            <>
              <button type="button" className="button" disabled={busy} data-testid="team-sync-now" onClick={() => void run(() => ask<TeamSyncStatus>({ type: 'team-sync-now' }))}>
                {t('teamSync_syncNow')}
              </button>
              <button
                type="button"
                className="button button--danger"
                disabled={busy}
                data-testid="team-sync-remove"
                onClick={() =>
                  void run(async () => {
                    const answer = await ask<TeamSyncStatus>({ type: 'team-sync-save', config: null });
                    setForm({ url: '', database: '', user: '', password: '', push: true });
                    return answer;
                  })
                }
              >
                {t('teamSync_remove')}
              </button>
            </>
          )}
          <a className="button" href={browser.runtime.getURL('/team.html')} target="_blank" rel="noreferrer" data-testid="open-team-page">
            {t('team_open')}
          </a>
        </div>
      </form>
      {error && (
        <p className="note note--error" role="alert" data-testid="team-sync-error">
          {error}
        </p>
      )}
      {configured && status && (
        <p className={status.problem ? 'note note--error' : 'note'} role="status" data-testid="team-sync-status" data-problem={status.problem ?? ''} data-attempt={status.lastAttemptAt ?? 0}>
          {status.problem
            ? t(problemMessageKey(status.problem))
            : status.lastSuccessAt
              ? t('teamSync_lastSent', [formatDateTime(status.lastSuccessAt, locale, timeZone), String(status.weeksOnServer)])
              : t('teamSync_notYet')}
          {status.problem && status.lastSuccessAt ? ` ${t('teamSync_lastGood', formatDateTime(status.lastSuccessAt, locale, timeZone))}` : ''}
        </p>
      )}
    </section>
  );
}
