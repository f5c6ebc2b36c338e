import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { useUiText } from '@/components/ui-context';
import { formatNumber } from '@/lib/i18n/format';
import type { PaceStatus, Snapshot } from '@/lib/kpi/snapshot-types';
import { STATUS_GLYPH, STATUS_KEY } from '@/lib/kpi/status-words';
import { clampTop } from '@/lib/page/sidebar-host/prefs';

/** Movement below this is a click, above it a drag. */
const DRAG_THRESHOLD_PX = 4;
const KEY_STEP = 0.05;

export interface CollapsedTabProps {
  snapshot?: Snapshot;
  failed: boolean;
  /** Remembered vertical centre, 0..1 of the page's viewport. */
  top: number;
  viewportHeight: number;
  onOpen: () => void;
  onMove: (top: number, done: boolean) => void;
  tabRef?: React.Ref<HTMLButtonElement>;
}

/**
 * The collapsed sidebar: a small tab with the overall status. Click or Enter opens the panel;
 * dragging it (or the arrow keys) moves it up and down the edge.
 */
export function CollapsedTab({ snapshot, failed, top, viewportHeight, onOpen, onMove, tabRef }: CollapsedTabProps) {
  const { t, locale } = useUiText();
  const drag = useRef<{ startY: number; startTop: number; moved: boolean }>(undefined);
  // A drag ends with a click event too; only a press without movement opens the panel.
  const suppressClick = useRef(false);

  // Like the badge: red when a KPI is behind, green otherwise.
  const status: PaceStatus = snapshot?.worst === 'behind' ? 'behind' : 'on-track';
  const onPace = snapshot ? formatNumber(snapshot.onPace, locale) : '–';
  const total = snapshot ? formatNumber(snapshot.kpis.length, locale) : '6';
  const label = failed
    ? t('sidebar_tabLabelFailed')
    : snapshot
      ? t('sidebar_tabLabel', [onPace, total, t(STATUS_KEY[status])])
      : t('sidebar_tabLabelLoading');

  const onPointerDown = (event: PointerEvent<HTMLButtonElement>) => {
    if (event.button !== 0) return;
    // Screen coordinates: the frame itself moves while dragging, so its own coordinates would too.
    drag.current = { startY: event.screenY, startTop: top, moved: false };
    event.currentTarget.setPointerCapture(event.pointerId);
  };
  const onPointerMove = (event: PointerEvent<HTMLButtonElement>) => {
    const state = drag.current;
    if (!state) return;
    const dy = event.screenY - state.startY;
    if (!state.moved && Math.abs(dy) < DRAG_THRESHOLD_PX) return;
    state.moved = true;
    onMove(clampTop(state.startTop + dy / viewportHeight), false);
  };
  const onPointerUp = (event: PointerEvent<HTMLButtonElement>) => {
    const state = drag.current;
    drag.current = undefined;
    suppressClick.current = state?.moved === true;
    if (state?.moved) onMove(clampTop(state.startTop + (event.screenY - state.startY) / viewportHeight), true);
  };
  const onClick = () => {
    if (suppressClick.current) {
      suppressClick.current = false;
      return;
    }
    onOpen();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
      event.preventDefault();
      onMove(clampTop(top + (event.key === 'ArrowUp' ? -KEY_STEP : KEY_STEP)), true);
    }
  };

  return (
    <button
      ref={tabRef}
      type="button"
      className={`sb-tab sb-tab--${failed ? 'failed' : status}`}
      data-testid="sidebar-tab"
      data-autofocus
      data-status={status}
      aria-expanded={false}
      aria-label={label}
      title={label}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={() => (drag.current = undefined)}
      onClick={onClick}
      onKeyDown={onKeyDown}
    >
      <span className="sb-tab__glyph" aria-hidden="true">
        {failed ? '!' : STATUS_GLYPH[status]}
      </span>
      <span className="sb-tab__count" aria-hidden="true">
        {onPace}
      </span>
      <span className="sb-tab__total" aria-hidden="true">
        /{total}
      </span>
      <span className="sb-tab__grip" aria-hidden="true" />
    </button>
  );
}
