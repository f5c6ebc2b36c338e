import { useLiveQuery } from 'dexie-react-hooks';
import { useUiText } from '@/components/ui-context';
import { db } from '@/lib/db/database';
import { loadMissedSaves } from '@/lib/evidence/missed';
import { formatDateTime } from '@/lib/i18n/format';
import { TableHead } from './TableHead';

/**
 * Saves on the rep's CRM sites that looked like creates (a request answered with a new id, or a
 * create form followed by a record page) and that no rule counted: where, which path, when.
 * Nothing of what was saved is kept.
 */
export function MissedSaves() {
  const { t, locale, timeZone } = useUiText();
  const notes = useLiveQuery(() => loadMissedSaves(db()), []);
  return (
    <div data-testid="missed-saves">
      <h3>{t('options_missedTitle')}</h3>
      <p className="card__intro">{t('options_missedIntro')}</p>
      {notes && notes.length === 0 && <p className="muted">{t('options_missedEmpty')}</p>}
      {notes && notes.length > 0 && (
        <div className="table-scroll">
          <table className="table">
            <TableHead columns={['options_missedSite', 'options_missedPath', 'options_missedSignal', 'options_missedLast', 'options_tabTestCount']} />
            <tbody>
              {notes.map((note) => (
                <tr key={`${note.site} ${note.path} ${note.signal}`} data-testid="missed-save-row" data-path={note.path}>
                  <td>
                    <code>{note.site}</code>
                  </td>
                  <td>
                    <code>{note.path}</code>
                  </td>
                  <td>{t(note.signal === 'request' ? 'options_missedByRequest' : 'options_missedByRoute')}</td>
                  <td>{formatDateTime(note.at, locale, timeZone)}</td>
                  <td>{note.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
