import { formatKpiFigure } from '@/components/kpi-format';
import { busyMain, element, paceBar, statusChip } from '@/components/static-parts';
import { formatNumber } from '@/lib/i18n/format';
import { t } from '@/lib/i18n/messages';
import type { KpiProgress } from '@/lib/kpi/snapshot-types';
import type { ViewData } from '@/lib/view/view-data';

/**
 * The open sidebar's first paint, without React: its header and the six KPI rows, drawn from view
 * data the moment it is read, in the markup the full panel uses (Panel, KpiRow). The full sidebar
 * loads after this and replaces it. A collapsed sidebar waits for React: its tab is small and
 * placed from the stored prefs.
 */
export function paintFirst(root: HTMLElement, view: ViewData, locale: string): void {
  const { snapshot } = view;
  const main = busyMain('sb-panel');
  const header = element('header', 'sb-header');
  const text = element('div', 'sb-header__text');
  const worst = snapshot.worst === 'behind' ? 'behind' : 'on-track';
  const summary = t('sidebar_onPace', [formatNumber(snapshot.onPace, locale), formatNumber(snapshot.kpis.length, locale)]);
  text.append(element('h1', 'sb-title', t('extName')), element('p', `sb-summary sb-summary--${worst}`, summary));
  header.append(text);
  const body = element('div', 'sb-body');
  const list = element('ul', 'sb-kpis');
  list.append(...snapshot.kpis.map((progress) => row(progress, locale)));
  body.append(list);
  main.append(header, body);
  root.replaceChildren(main);
}

function row(progress: KpiProgress, locale: string): HTMLElement {
  const { kpi, status } = progress;
  const figure = (value: number) => formatKpiFigure(progress, value, locale);
  const item = element('li', `sb-kpi sb-kpi--${status}`);
  const top = element('div', 'sb-kpi__top');
  const figures = element('span', 'sb-kpi__figure');
  const strong = element('strong', undefined, figure(progress.value));
  // The same test id as the full row's figure.
  strong.dataset.testid = `sidebar-value-${kpi}`;
  figures.append(strong, element('span', 'sb-kpi__target', ` / ${figure(progress.target)}`));
  top.append(element('span', 'sb-kpi__name', t(`kpiShort_${kpi}`)), figures, statusChip(status));
  item.append(top, paceBar(progress));
  return item;
}
