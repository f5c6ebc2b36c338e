import { useUiText } from '@/components/ui-context';

/** A table's column headings, by message key; `actions` adds the unlabelled column for row buttons. */
export function TableHead({ columns, actions = false }: { columns: string[]; actions?: boolean }) {
  const { t } = useUiText();
  return (
    <thead>
      <tr>
        {columns.map((key) => (
          <th scope="col" key={key}>
            {t(key)}
          </th>
        ))}
        {actions && (
          <th scope="col">
            <span className="visually-hidden">{t('options_actions')}</span>
          </th>
        )}
      </tr>
    </thead>
  );
}
