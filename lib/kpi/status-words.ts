import type { PaceStatus } from './snapshot-types';

/** The message key that names a status in words (badge tooltip, chips, the sidebar tab). */
export const STATUS_KEY: Record<PaceStatus, string> = {
  ahead: 'status_ahead',
  'on-track': 'status_onTrack',
  'at-risk': 'status_atRisk',
  behind: 'status_behind',
  'not-due': 'status_notDue',
  met: 'status_met',
};

/** Shapes as well as colours, so the status reads without colour vision. */
export const STATUS_GLYPH: Record<PaceStatus, string> = {
  ahead: '▲',
  'on-track': '●',
  'at-risk': '◆',
  behind: '▼',
  'not-due': '○',
  met: '✓',
};
