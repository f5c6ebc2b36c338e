import { browser } from 'wxt/browser';
import { KPI_IDS, badgeFor, type KpiId, type PaceStatus, type Snapshot } from '../kpi';
import { STATUS_KEY } from '../kpi/status-words';

// Keys are built at run time, so they are looked up as plain strings.
const message = (key: string) => (browser.i18n as unknown as { getMessage(name: string): string }).getMessage(key) || key;

function shortLabels(): Record<KpiId, string> {
  return Object.fromEntries(KPI_IDS.map((kpi) => [kpi, message(`kpiShort_${kpi}`)])) as Record<KpiId, string>;
}

/**
 * Shows the snapshot on the toolbar: "N/6" not behind, green unless a KPI is behind, and every KPI
 * in the tooltip with its status in words; a mark while counts wait for storage room.
 */
export async function showBadge(snapshot: Snapshot, waiting = 0): Promise<void> {
  const numbers = new Intl.NumberFormat(browser.i18n.getUILanguage(), { maximumFractionDigits: 0 });
  const badge = badgeFor(snapshot, shortLabels(), (value) => numbers.format(value), (status: PaceStatus) => message(STATUS_KEY[status]));
  const name = message('extName');
  // Counts the browser had no room to store: a mark on the badge, the reason in its tooltip.
  const note = waiting > 0 ? `\n${browser.i18n.getMessage('delivery_waitingStorageFull', [numbers.format(waiting)])}` : '';
  await Promise.all([
    browser.action.setBadgeText({ text: waiting > 0 ? `!${badge.text}`.slice(0, 4) : badge.text }),
    browser.action.setBadgeBackgroundColor({ color: badge.color }),
    browser.action.setTitle({ title: `${name}\n${badge.title}${note}` }),
  ]);
}
