import { browser } from 'wxt/browser';
import { KPI_IDS, badgeFor, type KpiId, type Snapshot } from '../kpi';

function shortLabels(): Record<KpiId, string> {
  return Object.fromEntries(KPI_IDS.map((kpi) => [kpi, browser.i18n.getMessage(`kpiShort_${kpi}`) || kpi])) as Record<
    KpiId,
    string
  >;
}

/** Shows the snapshot (and a mark while counts wait for storage room) on the toolbar: "N/6" on pace, coloured by the worst status, every KPI in the tooltip. */
export async function showBadge(snapshot: Snapshot, waiting = 0): Promise<void> {
  const numbers = new Intl.NumberFormat(browser.i18n.getUILanguage(), { maximumFractionDigits: 0 });
  const badge = badgeFor(snapshot, shortLabels(), (value) => numbers.format(value));
  const name = browser.i18n.getMessage('extName') || 'KPI Pacer';
  // Counts the browser had no room to store: a mark on the badge, the reason in its tooltip.
  const note = waiting > 0 ? `\n${browser.i18n.getMessage('delivery_waitingStorageFull', [numbers.format(waiting)])}` : '';
  await Promise.all([
    browser.action.setBadgeText({ text: waiting > 0 ? `!${badge.text}`.slice(0, 4) : badge.text }),
    browser.action.setBadgeBackgroundColor({ color: badge.color }),
    browser.action.setTitle({ title: `${name}\n${badge.title}${note}` }),
  ]);
}
