import { useEffect, useState, type FormEvent } from 'react';
import { useUiText } from '@/components/ui-context';
import type { Settings } from '@/lib/kpi/settings';
import { DaysOffEditor } from './DaysOffEditor';
import { checkSettings } from './form';
import { applyProfile, profileDraft, ProfileFields, type ProfileDraft } from './ProfileFields';
import { SaveBar } from './SaveBar';
import { useWriter } from './write';

export function ProfileSection({ settings }: { settings: Settings }) {
  const { t } = useUiText();
  const [draft, setDraft] = useState<ProfileDraft>(() => profileDraft(settings));
  const [saved, setSaved] = useState(false);
  const writer = useWriter();
  // Settings saved elsewhere (onboarding, an import) replace an untouched form.
  useEffect(() => setDraft(profileDraft(settings)), [settings]);

  const next = applyProfile(settings, draft);
  const { errors } = checkSettings(next);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    if (Object.keys(errors).length > 0) return;
    if (await writer.send({ type: 'save-settings', settings: next })) setSaved(true);
  };

  return (
    <section className="card" aria-labelledby="profile-title" data-testid="section-profile">
      <h2 id="profile-title">{t('options_profileTitle')}</h2>
      <form onSubmit={submit} noValidate>
        <ProfileFields draft={draft} onChange={(d) => (setDraft(d), setSaved(false))} errors={errors} settings={settings} />
        <SaveBar testId="save-profile" busy={writer.busy} saved={saved} error={writer.error} invalid={Object.keys(errors).length > 0} />
      </form>
      <DaysOffEditor settings={settings} />
    </section>
  );
}
