import { useEffect, useId, useState, type FormEvent } from 'react';
import { browser } from 'wxt/browser';
import { nudgeText } from '@/components/nudge-text';
import { useUiText } from '@/components/ui-context';
import { KPI_IDS } from '@/lib/kpi/definitions';
import { effectiveTarget, type Reminders, type Settings } from '@/lib/kpi/settings';
import type { KpiProgress } from '@/lib/kpi/snapshot-types';
import { nudgeId, type Nudge } from '@/lib/nudges/schedule';
import { requestNotifications } from '@/lib/nudges/permission';
import { checkSettings } from './form';
import { Field } from './ProfileFields';
import { SaveBar } from './SaveBar';
import { useWriter } from './write';

/**
 * Reminders (browser notifications): the master switch, a switch per KPI, and the time of the
 * last-chance reminder. Turning them on asks the browser for notifications in the same click.
 */
export function RemindersSection({ settings }: { settings: Settings }) {
  const { t, locale, timeZone } = useUiText();
  const id = useId();
  const [draft, setDraft] = useState<Reminders>(settings.reminders);
  const [saved, setSaved] = useState(false);
  const [denied, setDenied] = useState(false);
  const writer = useWriter();
  // Settings saved elsewhere (onboarding, an import) replace an untouched form.
  useEffect(() => setDraft(settings.reminders), [settings]);

  const change = (next: Partial<Reminders>) => {
    setDraft({ ...draft, ...next });
    setSaved(false);
  };
  const { errors } = checkSettings({ ...settings, reminders: draft });
  const invalid = Object.keys(errors).length > 0;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    setDenied(false);
    if (invalid) return;
    // Asked before anything else, while the click still counts as the rep's gesture.
    const allowed = draft.on ? await requestNotifications(browser) : true;
    if (!allowed) {
      setDenied(true);
      setDraft({ ...draft, on: false });
      return;
    }
    if (await writer.send({ type: 'save-settings', settings: { ...settings, reminders: draft } })) setSaved(true);
  };

  return (
    <section className="card" aria-labelledby="reminders-title" data-testid="section-reminders">
      <h2 id="reminders-title">{t('reminders_title')}</h2>
      <p className="card__intro">{t('reminders_intro')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="fields">
          <div className="field field--days">
            <label className="day">
              <input type="checkbox" data-testid="reminders-on" checked={draft.on} onChange={(e) => change({ on: e.target.checked })} />
              {t('reminders_on')}
            </label>
          </div>
          <fieldset className="field field--days" disabled={!draft.on}>
            <legend className="field__label">{t('reminders_kpis')}</legend>
            <div className="days">
              {KPI_IDS.map((kpi) => (
                <label key={kpi} className="day">
                  <input
                    type="checkbox"
                    data-testid={`reminders-kpi-${kpi}`}
                    checked={!draft.off.includes(kpi)}
                    onChange={(e) => change({ off: e.target.checked ? draft.off.filter((k) => k !== kpi) : [...draft.off, kpi] })}
                  />
                  {t(`kpi_${kpi}`)}
                </label>
              ))}
            </div>
          </fieldset>
          <Field id={`${id}-last`} label={t('reminders_lastChanceAt')} hint={t('reminders_lastChanceHint')} error={errors['reminders.lastChanceAt']}>
            <input
              id={`${id}-last`}
              type="time"
              data-testid="reminders-last-chance"
              disabled={!draft.on}
              value={draft.lastChanceAt}
              onChange={(e) => change({ lastChanceAt: e.target.value })}
            />
          </Field>
        </div>
        {denied && (
          <p className="advice" role="alert" data-testid="reminders-denied">
            {t('reminders_denied')}
          </p>
        )}
        <SaveBar testId="save-reminders" busy={writer.busy} saved={saved} error={writer.error} invalid={invalid} />
      </form>
      <ReminderPreview settings={settings} t={t} locale={locale} timeZone={timeZone} />
    </section>
  );
}

/**
 * What a reminder says, drawn on the page: the notification itself is the system's and looks
 * like the system's. Shows the weekly contacts target met at the rep's own target.
 */
function ReminderPreview({ settings, t, locale, timeZone }: { settings: Settings; t: (key: string, subs?: string | readonly string[]) => string; locale: string; timeZone: string }) {
  const { target, period } = effectiveTarget(settings, 'contacts');
  const progress = { kpi: 'contacts', period, value: target, target } as KpiProgress;
  const nudge: Nudge = { id: nudgeId('met', 'contacts', ''), kind: 'met', kpi: 'contacts', progress };
  const text = nudgeText(nudge, t, locale, timeZone);
  return (
    <figure className="reminder-preview" data-testid="reminders-preview">
      <figcaption className="field__hint">{t('reminders_preview')}</figcaption>
      <div className="reminder-preview__card">
        <img src={browser.runtime.getURL('/icon/48.png')} alt="" width={32} height={32} />
        <div>
          <p className="reminder-preview__title">{text.title}</p>
          <p className="reminder-preview__message">{text.message}</p>
          <p className="reminder-preview__source">{t('extName')}</p>
        </div>
      </div>
    </figure>
  );
}
