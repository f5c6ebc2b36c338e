import { useState, type DragEvent } from 'react';
import { useUiText } from '@/components/ui-context';
import { formatNumber } from '@/lib/i18n/format';
import { ask } from '@/lib/messages/client';
import type { FileOutcome } from '@/lib/team/imports';
import { MAX_IMPORT_CHARS } from '@/lib/team/import/errors';

const MAX_FILES = 50;

/** Reps' weekly exports (JSON or CSV) dropped here, or chosen with the file picker. */
export function DropZone({ onImported, hasImports }: { onImported: () => void; hasImports: boolean }) {
  const { t, locale } = useUiText();
  const [over, setOver] = useState(false);
  const [outcomes, setOutcomes] = useState<FileOutcome[]>();
  const [error, setError] = useState<string>();

  const take = async (list: FileList | null) => {
    const files = [...(list ?? [])].slice(0, MAX_FILES);
    if (files.length === 0) return;
    setError(undefined);
    try {
      const read = await Promise.all(files.map(async (file) => ({ name: file.name.slice(0, 300), text: file.size > MAX_IMPORT_CHARS ? undefined : await file.text() })));
      // A file far larger than any export is refused here, without sending it on.
      const tooLarge: FileOutcome[] = read.filter((file) => file.text === undefined || file.text.length > MAX_IMPORT_CHARS).map((file) => ({ file: file.name, ok: false, problem: 'too-large' }));
      const fitting = read.filter((file): file is { name: string; text: string } => file.text !== undefined && file.text.length <= MAX_IMPORT_CHARS);
      const taken = fitting.length > 0 ? await ask<FileOutcome[]>({ type: 'team-import', files: fitting }) : [];
      setOutcomes([...taken, ...tooLarge]);
      onImported();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    void take(event.dataTransfer.files);
  };

  const describe = (outcome: FileOutcome): string => {
    if (outcome.ok) {
      return t('team_importTaken', [outcome.file, formatNumber(outcome.weeks, locale), outcome.reps.join(', '), formatNumber(outcome.replaced, locale)]);
    }
    const where =
      outcome.row !== undefined && outcome.column
        ? t('team_importWhereCell', [formatNumber(outcome.row, locale), outcome.column])
        : outcome.row !== undefined
          ? t('team_importWhereRow', formatNumber(outcome.row, locale))
          : '';
    return `${t('team_importRefused', outcome.file)} ${t(`team_importProblem_${outcome.problem.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())}`)}${where ? ` ${where}` : ''}`;
  };

  return (
    <section className="card" aria-labelledby="team-drop-title">
      <h2 id="team-drop-title">{t('team_dropTitle')}</h2>
      <div
        className={over ? 'drop-zone drop-zone--over' : 'drop-zone'}
        data-testid="team-drop-zone"
        onDragOver={(event) => {
          event.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <p>{t('team_dropHint')}</p>
        <label className="button">
          {t('team_dropChoose')}
          <input
            type="file"
            multiple
            accept=".json,.csv,application/json,text/csv"
            className="visually-hidden"
            data-testid="team-file-input"
            onChange={(event) => {
              void take(event.target.files);
              event.target.value = '';
            }}
          />
        </label>
        {hasImports && (
          <button
            type="button"
            className="button button--danger"
            data-testid="team-forget-files"
            onClick={() => void ask({ type: 'team-forget-imports' }).then(() => onImported())}
          >
            {t('team_forgetFiles')}
          </button>
        )}
      </div>
      <p className="field__hint">{t('team_dropPrivacy')}</p>
      {error && (
        <p className="note note--error" role="alert">
          {error}
        </p>
      )}
      {outcomes && (
        <ul className="import-outcomes" data-testid="team-import-outcomes">
          {outcomes.map((outcome, index) => (
            <li key={index} className={outcome.ok ? 'note' : 'note note--error'} role={outcome.ok ? 'status' : 'alert'} data-ok={outcome.ok ? 'yes' : 'no'}>
              {describe(outcome)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
