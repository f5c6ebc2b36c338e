import { formatKpiFigure } from '@/components/kpi-format';
import { busyMain, element, paceBar, statusChip } from '@/components/static-parts';
import { formatNumber } from '@/lib/i18n/format';
import { t } from '@/lib/i18n/messages';
import type { KpiProgress } from '@/lib/kpi/snapshot-types';
import type { ViewData } from '@/lib/view/view-data';

/**
 * The popup's first paint, without React: its header and the six KPI cards' figures, status and
 * pace bar, drawn from view data the moment it is read, in the markup the full popup uses (App,
 * KpiCard). The full popup (the +1 buttons, history, the export) loads after this and replaces it.
 */
export function paintFirst(root: HTMLElement, view: ViewData, locale: string): void {
  const { snapshot } = view;
  const main = busyMain('popup');
  const header = element('header', 'popup__header');
  const titles = element('div');
  titles.append(element('h1', 'popup__title', t('extName')));
  if (snapshot.repName) titles.append(element('p', 'popup__rep', snapshot.repName));
  const worst = snapshot.worst === 'behind' ? 'behind' : 'on-track';
  const summary = t('popup_onPace', [formatNumber(snapshot.onPace, locale), formatNumber(snapshot.kpis.length, locale)]);
  header.append(titles, element('p', `popup__summary popup__summary--${worst}`, summary));
  const list = element('div', 'kpi-list');
  list.append(...snapshot.kpis.map((progress) => card(progress, locale)));
  main.append(header, list);
  root.replaceChildren(main);
}

function card(progress: KpiProgress, locale: string): HTMLElement {
  const { kpi, status } = progress;
  const figure = (value: number) => formatKpiFigure(progress, value, locale);
  const section = element('section', `kpi-card kpi-card--${status}`);
  const header = element('header', 'kpi-card__header');
  header.append(element('h2', 'kpi-card__title', t(`kpi_${kpi}`)), statusChip(status));
  const value = element('p', 'kpi-card__value');
  const strong = element('strong', undefined, figure(progress.value));
  // The same test id as the full card's figure.
  strong.dataset.testid = `kpi-value-${kpi}`;
  value.append(strong, ' ', element('span', 'kpi-card__target', t('popup_ofTarget', figure(progress.target))));
  const figures = element('div', 'kpi-card__figures');
  figures.append(value);
  section.append(header, figures, paceBar(progress));
  return section;
}
