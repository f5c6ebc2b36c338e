import { useLiveQuery } from 'dexie-react-hooks';
import { useUiText } from '@/components/ui-context';
import { adapterById } from '@/lib/crm/adapters';
import { db } from '@/lib/db/database';
import type { BlockedRow } from '@/lib/db/events';
import { excludedRecords } from '@/lib/evidence/blocked';
import { formatDateTime } from '@/lib/i18n/format';
import { recordLabel, safeRecordUrl } from '@/lib/i18n/records';
import type { Rules } from '@/lib/overrides';
import { TableHead } from './TableHead';
import { useWriter } from './write';

/**
 * What an excluded key was. Keys marked before the count was kept with them still name the CRM,
 * the kind and the record: `adapter:kind:recordId[:kpi]`.
 */
export function excludedRecord(row: BlockedRow): { adapter?: string; kind?: string; recordId?: string; kpi?: string; url?: string } {
  if (row.event) return row.event;
  const [adapter, kind, recordId] = row.key.split(':');
  return recordId === undefined ? {} : { adapter, kind, recordId };
}

/** Records marked "not a new record", each of which can count again. */
export function ExcludedSection({ rules }: { rules: Rules }) {
  const { t, locale, timeZone } = useUiText();
  const writer = useWriter();
  const rows = useLiveQuery(() => excludedRecords(db()), []);
  const crmName = (id: string | undefined) => (id ? (rules.adapters.find((a) => a.id === id)?.name ?? adapterById(id)?.name ?? id) : '—');

  return (
    <section className="card" aria-labelledby="excluded-title" data-testid="section-excluded">
      <h2 id="excluded-title">{t('options_excludedTitle')}</h2>
      <p className="card__intro">{t('options_excludedIntro')}</p>
      {writer.error && (
        <p className="field__error" role="alert" title={writer.detail}>
          {writer.error}
        </p>
      )}
      {rows && rows.length === 0 && (
        <p className="muted" data-testid="excluded-empty">
          {t('options_excludedEmpty')}
        </p>
      )}
      {rows && rows.length > 0 && (
        <div className="table-scroll">
          <table className="table" data-testid="excluded-table">
            <TableHead columns={['options_excludedAt', 'options_kpi', 'options_crm', 'options_record']} actions />
            <tbody>
              {rows.map((row) => {
                const record = excludedRecord(row);
                const label = recordLabel(record, t) ?? '—';
                const url = safeRecordUrl(record.url);
                return (
                  <tr key={row.key} data-testid="excluded-row" data-key={row.key}>
                    <td>{formatDateTime(row.at, locale, timeZone)}</td>
                    <td>{record.kpi ? t(`kpiShort_${record.kpi}`) : '—'}</td>
                    <td>{crmName(record.adapter)}</td>
                    <td>
                      {url ? (
                        <a href={url} target="_blank" rel="noopener noreferrer">
                          {label}
                        </a>
                      ) : (
                        label
                      )}
                    </td>
                    <td className="actions">
                      <button
                        type="button"
                        className="button button--small"
                        data-testid="excluded-restore"
                        disabled={writer.busy}
                        onClick={() => void writer.send({ type: 'restore-record', key: row.key })}
                      >
                        {t('options_countAgain')}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
