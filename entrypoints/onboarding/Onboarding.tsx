import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { browser } from 'wxt/browser';
import { UiTextContext, type UiText } from '@/components/ui-context';
import { ADAPTERS } from '@/lib/crm/adapters';
import { t } from '@/lib/i18n/messages';
import { defaultSettings, type Settings } from '@/lib/kpi/settings';
import { emptyRules } from '@/lib/overrides/schema';
import { requestNotifications } from '@/lib/nudges/permission';
import { requestCrmAccess, shippedHosts } from '@/lib/sites/shipped';
import { checkSettings } from '@/entrypoints/options/form';
import { applyProfile, profileDraft, ProfileFields, type ProfileDraft } from '@/entrypoints/options/ProfileFields';
import { useOptionsData } from '@/entrypoints/options/use-options-data';
import { useWriter } from '@/entrypoints/options/write';
import { TargetFields, targetsFromEdits, type TargetEdits } from './TargetFields';

/** First run: who the rep is and which CRMs they use. Every step can be skipped and changed later. */
export function Onboarding({ locale }: { locale: string }) {
  const data = useOptionsData();
  const settings: Settings = data?.settings ?? defaultSettings();
  const uiText = useMemo<UiText>(() => ({ t, locale, timeZone: settings.timeZone }), [locale, settings.timeZone]);
  const [draft, setDraft] = useState<ProfileDraft>(() => profileDraft(settings));
  const [crms, setCrms] = useState<string[]>([]);
  const [targetEdits, setTargetEdits] = useState<TargetEdits>({});
  const [done, setDone] = useState<'saved' | 'skipped'>();
  const [denied, setDenied] = useState(false);
  const [reminders, setReminders] = useState(false);
  const writer = useWriter();
  const loaded = data !== undefined;
  useEffect(() => {
    if (loaded) setDraft(profileDraft(data.settings));
    // Only once, when the stored settings arrive; later edits are the rep's.
  }, [loaded]);

  const profile = applyProfile(settings, draft) as Settings;
  const next = { ...profile, targets: { ...profile.targets, ...targetsFromEdits(targetEdits, profile.currency) } };
  const { errors } = checkSettings(next);
  const invalid = Object.keys(errors).length > 0;

  const finish = async (event: FormEvent) => {
    event.preventDefault();
    if (invalid) return;
    // Asked first, while the click still counts as the rep's gesture: the ticked CRMs' hosts, nothing
    // more, and notifications when the rep wants reminders (one prompt for both).
    const access = reminders ? requestNotifications(browser, shippedHosts(crms)) : requestCrmAccess(browser, crms);
    // Reminders go on only once the browser allows notifications.
    const remindersOn = reminders && (await access);
    if ((await writer.send({ type: 'save-settings', settings: { ...next, reminders: { ...next.reminders, on: remindersOn } } })) === undefined) return;
    // CRMs not ticked are turned off; ticking none keeps them all on (each then asks for access in Options).
    const rules = data?.rules ?? emptyRules();
    const disabledAdapters = crms.length === 0 ? [] : ADAPTERS.map((a) => a.id).filter((id) => !crms.includes(id));
    if ((await writer.send({ type: 'save-rules', rules: { ...rules, disabledAdapters } })) === undefined) return;
    setDenied(!(await access));
    setDone('saved');
  };

  const optionsUrl = browser.runtime.getURL('/options.html');

  return (
    <UiTextContext.Provider value={uiText}>
      <main className="options onboarding" data-testid="onboarding">
        <h1>{t('onboarding_title')}</h1>
        <p className="card__intro">{t('onboarding_intro')}</p>
        {done ? (
          <section className="card" role="status" data-testid="onboarding-done">
            <h2>{done === 'saved' ? t('onboarding_doneTitle') : t('onboarding_skippedTitle')}</h2>
            <p>{t('onboarding_doneText')}</p>
            <PinHint />
            {denied && (
              <p className="advice" data-testid="onboarding-denied">
                {t('onboarding_accessDenied')}
              </p>
            )}
            <a className="button button--primary" href={optionsUrl} data-testid="onboarding-options">
              {t('onboarding_openOptions')}
            </a>
          </section>
        ) : (
          <form onSubmit={(e) => void finish(e)} noValidate>
            <section className="card" aria-labelledby="ob-you">
              <h2 id="ob-you">{t('options_profileTitle')}</h2>
              <ProfileFields draft={draft} onChange={setDraft} errors={errors} settings={settings} showTimeZone={false} />
            </section>
            <section className="card" aria-labelledby="ob-targets">
              <h2 id="ob-targets">{t('onboarding_targetsTitle')}</h2>
              <p className="card__intro">{t('onboarding_targetsIntro')}</p>
              <TargetFields edits={targetEdits} currency={profile.currency} errors={errors} onChange={setTargetEdits} />
            </section>
            <section className="card" aria-labelledby="ob-crms">
              <h2 id="ob-crms">{t('onboarding_crmsTitle')}</h2>
              <p className="card__intro">{t('onboarding_crmsIntro')}</p>
              <ul className="crm-list">
                {ADAPTERS.map((a) => (
                  <li key={a.id}>
                    <label className="day">
                      <input
                        type="checkbox"
                        data-testid={`onboarding-crm-${a.id}`}
                        checked={crms.includes(a.id)}
                        onChange={(e) => setCrms(e.target.checked ? [...crms, a.id] : crms.filter((c) => c !== a.id))}
                      />
                      {a.name}
                    </label>
                  </li>
                ))}
              </ul>
              <p className="field__hint">{t('onboarding_ownDomain')}</p>
            </section>
            <section className="card" aria-labelledby="ob-reminders">
              <h2 id="ob-reminders">{t('reminders_title')}</h2>
              <label className="day">
                <input type="checkbox" data-testid="onboarding-reminders" checked={reminders} onChange={(e) => setReminders(e.target.checked)} />
                {t('onboarding_reminders')}
              </label>
            </section>
            <PinHint />
            <div className="save-bar">
              <button type="submit" className="button button--primary" data-testid="onboarding-finish" disabled={writer.busy || invalid}>
                {t('onboarding_finish')}
              </button>
              <button type="button" className="button" data-testid="onboarding-skip" onClick={() => setDone('skipped')}>
                {t('onboarding_skip')}
              </button>
              {writer.error && (
                <p className="field__error" role="alert">
                  {writer.error}
                </p>
              )}
            </div>
          </form>
        )}
      </main>
    </UiTextContext.Provider>
  );
}

/** Where the numbers live once onboarding is over: the toolbar icon, pinned. */
function PinHint() {
  return (
    <section className="card pin-hint" aria-labelledby="ob-pin" data-testid="onboarding-pin">
      <h2 id="ob-pin">
        {/* Drawn, not an emoji: not every system has an emoji font. */}
        <svg className="pin-hint__icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
          <path d="M15 3l6 6-2 1-3 3 1 5-2 2-4-4-5 5H5v-1l5-5-4-4 2-2 5 1 3-3z" fill="currentColor" />
        </svg>{' '}
        {t('onboarding_pinTitle')}
      </h2>
      <p>{t('onboarding_pinSteps')}</p>
    </section>
  );
}
