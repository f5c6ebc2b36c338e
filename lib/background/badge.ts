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
 * in the tooltip with its status in words.
 */
export async function showBadge(snapshot: Snapshot): Promise<void> {
  const numbers = new Intl.NumberFormat(browser.i18n.getUILanguage(), { maximumFractionDigits: 0 });
  const badge = badgeFor(snapshot, shortLabels(), (value) => numbers.format(value), (status: PaceStatus) => message(STATUS_KEY[status]));
  const name = message('extName');
  await Promise.all([
    browser.action.setBadgeText({ text: badge.text }),
    browser.action.setBadgeBackgroundColor({ color: badge.color }),
    browser.action.setTitle({ title: `${name}\n${badge.title}` }),
  ]);
}
