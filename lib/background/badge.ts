import { browser } from 'wxt/browser';
import { KPI_IDS, type KpiId } from '@/lib/kpi/definitions';
import type { PaceStatus, Snapshot } from '@/lib/kpi/snapshot-types';
import { STATUS_KEY } from '@/lib/kpi/status-words';

/**
 * The toolbar badge: only the background draws it, so its text, colours and tooltip live here,
 * beside the one function that shows them.
 */

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
  const { numbers, labels, name } = wordsNow();
  const badge = badgeFor(snapshot, labels, (value) => numbers.format(value), (status: PaceStatus) => message(STATUS_KEY[status]));
  // Counts the browser had no room to store: a mark on the badge, the reason in its tooltip.
  const note = waiting > 0 ? `\n${browser.i18n.getMessage('delivery_waitingStorageFull', [numbers.format(waiting)])}` : '';
  const next = { text: waiting > 0 ? `!${badge.text}`.slice(0, 4) : badge.text, color: badge.color, title: `${name}\n${badge.title}${note}` };
  // Each call is a trip to the browser; after most counts only the tooltip's figures change.
  const last = shown;
  shown = next;
  await Promise.all([
    last?.text !== next.text && browser.action.setBadgeText({ text: next.text }),
    last?.color !== next.color && browser.action.setBadgeBackgroundColor({ color: next.color }),
    last?.title !== next.title && browser.action.setTitle({ title: next.title }),
  ]).catch((err: unknown) => {
    shown = undefined;
    throw err;
  });
}

/**
 * The number format and words the badge uses, made once per worker: building a number format is
 * the slowest step of drawing the badge, and the browser's language does not change under a worker.
 */
let words: { numbers: Intl.NumberFormat; labels: Record<KpiId, string>; name: string } | undefined;
function wordsNow(): NonNullable<typeof words> {
  words ??= {
    numbers: new Intl.NumberFormat(browser.i18n.getUILanguage(), { maximumFractionDigits: 0 }),
    labels: shortLabels(),
    name: message('extName'),
  };
  return words;
}

/** What this worker last put on the toolbar (a new worker starts with nothing and sets it all). */
let shown: { text: string; color: string; title: string } | undefined;

/** Green whenever nothing is behind; red otherwise. */
export const BADGE_COLORS = { clear: '#2E7D32', behind: '#C62828' } as const;

export interface Badge {
  /** "N/6": KPIs not behind out of all; at most four characters. */
  text: string;
  color: string;
  /** One line per KPI: "label: value/target — status". */
  title: string;
}

/** Toolbar badge for a snapshot; the caller supplies localised labels, status words and number formatting. */
export function badgeFor(
  snapshot: Snapshot,
  labels: Record<KpiId, string>,
  formatNumber: (value: number, kpi: KpiId) => string = (value) => String(Math.round(value)),
  statusWords?: (status: PaceStatus) => string,
): Badge {
  const title = snapshot.kpis
    .map((k) => {
      const line = `${labels[k.kpi]}: ${formatNumber(k.value, k.kpi)}/${formatNumber(k.target, k.kpi)}`;
      return statusWords ? `${line} — ${statusWords(k.status)}` : line;
    })
    .join('\n');
  const anyBehind = snapshot.kpis.some((k) => k.status === 'behind');
  return {
    text: `${snapshot.onPace}/${snapshot.kpis.length}`,
    color: anyBehind ? BADGE_COLORS.behind : BADGE_COLORS.clear,
    title,
  };
}
