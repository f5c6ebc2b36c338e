import type { PaceStatus } from '@/lib/kpi/snapshot-types';
import { STATUS_GLYPH, STATUS_KEY } from '@/lib/kpi/status-words';
import { useUiText } from './ui-context';

export { STATUS_GLYPH, STATUS_KEY };

export function StatusChip({ status }: { status: PaceStatus }) {
  const { t } = useUiText();
  return (
    <span className={`status-chip status-chip--${status}`} data-status={status}>
      <span className="status-chip__glyph" aria-hidden="true">
        {STATUS_GLYPH[status]}
      </span>
      {t(STATUS_KEY[status])}
    </span>
  );
}
