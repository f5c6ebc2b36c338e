import { useEffect, useState, type ChangeEvent } from 'react';
import { useUiText } from '@/components/ui-context';
import { explainImportIssue } from '@/lib/i18n/validation';
import { formatNumber } from '@/lib/i18n/format';
import type { Settings } from '@/lib/kpi/settings';
import type { Rules } from '@/lib/overrides';
import { bundleText, exportBundle, MAX_BUNDLE_BYTES, parseBundle } from '@/lib/settings-io/bundle';
import { importProblems, plainSchemaErrors } from './import-checks';
import { checkInWorker, type RedosChecker } from './redos-check';
import { useWriter } from './write';
import { now as clockNow } from '@/lib/clock';

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function useStorageUsed(): number | undefined {
  const [used, setUsed] = useState<number>();
  useEffect(() => {
    void navigator.storage
      ?.estimate()
      .then((estimate) => setUsed(estimate.usage))
      .catch(() => undefined);
  }, []);
  return used;
}

export function DataSection({ settings, rules, checkRedos = checkInWorker }: { settings: Settings; rules: Rules; checkRedos?: RedosChecker }) {
  const { t, locale } = useUiText();
  const writer = useWriter();
  const used = useStorageUsed();
  const [importResult, setImportResult] = useState<{ ok: boolean; lines: string[] }>();
  const [checking, setChecking] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [deleted, setDeleted] = useState(false);

  const exportFile = () => {
    const now = clockNow();
    download(`kpi-pacer-settings-${new Date(now).toISOString().slice(0, 10)}.json`, bundleText(exportBundle(settings, rules, now)));
  };

  const importFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    if (file.size > MAX_BUNDLE_BYTES) return setImportResult({ ok: false, lines: [t('options_importRefused'), t('options_fileTooLarge')] });
    const parsed = parseBundle(await file.text());
    if (!parsed.ok) {
      // Problems in plain words: a pattern that could freeze the page names its field, any other
      // problem says what to enter, and a file that is not JSON at all says so.
      const issues = parsed.issues;
      const lines = issues
        ? plainSchemaErrors(parsed.errors, t).map((line, i) => (line !== parsed.errors[i] || !issues[i] ? line : explainImportIssue(issues[i], t, locale)))
        : [t('options_notSettingsFile')];
      return setImportResult({ ok: false, lines: [t('options_importRefused'), ...new Set(lines.slice(0, 12))] });
    }
    setImportResult(undefined);
    setChecking(true);
    const problems = await importProblems(parsed.rules, t, checkRedos).finally(() => setChecking(false));
    if (problems.length > 0) return setImportResult({ ok: false, lines: [t('options_importRefused'), ...problems.slice(0, 12)] });
    const answer = await writer.send({ type: 'import-data', settings: parsed.settings, rules: parsed.rules });
    setImportResult(answer === undefined ? { ok: false, lines: [t('options_importRefused')] } : { ok: true, lines: [t('options_imported')] });
  };

  const deleteAll = async () => {
    setConfirming(false);
    if ((await writer.send({ type: 'delete-all-data', confirm: 'delete' })) !== undefined) setDeleted(true);
  };

  return (
    <section className="card" aria-labelledby="data-title" data-testid="section-data">
      <h2 id="data-title">{t('options_dataTitle')}</h2>
      <div className="inline-form">
        <button type="button" className="button" data-testid="export-settings" onClick={exportFile}>
          {t('options_exportSettings')}
        </button>
        <label className="button">
          {t('options_importSettings')}
          <input type="file" accept=".json,application/json" className="visually-hidden" data-testid="import-settings" onChange={(e) => void importFile(e)} />
        </label>
      </div>
      {checking && (
        <p role="status" data-testid="import-checking">
          {t('options_redosChecking')}
        </p>
      )}
      {importResult && (
        <div className={importResult.ok ? 'note' : 'note note--error'} role={importResult.ok ? 'status' : 'alert'} data-testid="import-result">
          {importResult.lines.map((line, i) => (
            <p key={i}>{line}</p>
          ))}
        </div>
      )}
      <h3>{t('options_storageTitle')}</h3>
      <p data-testid="storage-used">
        {used === undefined ? t('options_storageUnknown') : t('options_storageUsed', formatNumber(used / 1024, locale, 1))}
      </p>
      <p>{t('options_storedStatement')}</p>
      <p>{t('options_notStoredStatement')}</p>
      <h3>{t('options_deleteTitle')}</h3>
      {!confirming ? (
        <button type="button" className="button button--danger" data-testid="delete-all" onClick={() => (setConfirming(true), setDeleted(false))}>
          {t('options_deleteAll')}
        </button>
      ) : (
        <div className="note note--error" role="alertdialog" aria-labelledby="delete-confirm-text">
          <p id="delete-confirm-text">{t('options_deleteConfirm')}</p>
          <button type="button" className="button button--danger" data-testid="delete-all-confirm" onClick={() => void deleteAll()} autoFocus>
            {t('options_deleteYes')}
          </button>{' '}
          <button type="button" className="button" onClick={() => setConfirming(false)}>
            {t('options_cancel')}
          </button>
        </div>
      )}
      {deleted && (
        <p role="status" data-testid="deleted">
          {t('options_deleted')}
        </p>
      )}
      {writer.error && (
        <p className="field__error" role="alert">
          {writer.error}
        </p>
      )}
    </section>
  );
}
