import type { PaceStatus } from '../lib/kpi/snapshot-types';
import { useUiText } from './ui-context';

const STATUS_KEY: Record<PaceStatus, string> = {
  ahead: 'status_ahead',
  'on-track': 'status_onTrack',
  behind: 'status_behind',
};

/** Shapes as well as colours, so the status reads without colour vision. */
const STATUS_GLYPH: Record<PaceStatus, string> = { ahead: '▲', 'on-track': '●', behind: '▼' };

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
