import { t } from '@/lib/i18n/messages';
import type { KpiProgress, PaceStatus } from '@/lib/kpi/snapshot-types';
import { STATUS_GLYPH, STATUS_KEY } from '@/lib/kpi/status-words';

/**
 * Plain-DOM copies of the parts a view's first paint shows (status chip, pace bar) in the classes
 * of their React components (StatusChip, PaceBar): the popup and the sidebar draw the six KPIs with
 * these before React has loaded, and React then replaces them.
 */

export function element(tag: string, className?: string, text?: string): HTMLElement {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export function statusChip(status: PaceStatus): HTMLElement {
  const chip = element('span', `status-chip status-chip--${status}`);
  chip.dataset.status = status;
  chip.append(element('span', 'status-chip__glyph', STATUS_GLYPH[status]), t(STATUS_KEY[status]));
  chip.firstElementChild!.setAttribute('aria-hidden', 'true');
  return chip;
}

const percentOf = (part: number, whole: number): number => (whole > 0 ? Math.min(100, Math.max(0, (part / whole) * 100)) : part > 0 ? 100 : 0);

export function paceBar({ value, target, pace, status }: Pick<KpiProgress, 'value' | 'target' | 'pace' | 'status'>): HTMLElement {
  const bar = element('div', `pace-bar pace-bar--${status}`);
  // The figures beside it say the same; the full bar, with its spoken label, follows with React.
  bar.setAttribute('aria-hidden', 'true');
  const fill = element('div', 'pace-bar__fill');
  fill.style.width = `${percentOf(value, target)}%`;
  const marker = element('div', 'pace-bar__marker');
  marker.style.left = `${percentOf(pace, target)}%`;
  bar.append(fill, marker);
  return bar;
}

/** A first paint stands until the full view replaces it: assistive technology hears it is busy. */
export function busyMain(className: string): HTMLElement {
  const main = element('main', className);
  main.setAttribute('aria-busy', 'true');
  return main;
}
