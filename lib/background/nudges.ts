import { browser } from 'wxt/browser';
import { z } from 'zod';
import { nudgeText, type NudgeText } from '@/components/nudge-text';
import { visitorsForMonth, type KpiDatabase } from '@/lib/db';
import { loadSettings } from '@/lib/db/settings';
import { t, uiLocale } from '@/lib/i18n/messages';
import { KpiIdSchema } from '@/lib/kpi/definitions';
import { monthKey } from '@/lib/kpi/periods';
import { LocalDateSchema } from '@/lib/kpi/settings';
import { dueNudges, EMPTY_SENT, markSent, type SentRecord } from '@/lib/nudges/schedule';
import type { BurstGuard } from './burst';
import { listParked } from './parked';
import { loadSnapshot } from './snapshot';

/**
 * Runs the reminder schedule and shows what is due. What was sent lives in `storage.local`, so a
 * reminder goes out once even when the service worker restarts between runs.
 */

export const NUDGES_SENT_KEY = 'nudgesSent';

const SentRecordSchema = z.object({
  sent: z.record(z.string().max(200), z.number().int().nonnegative()),
  lastDay: z.partialRecord(KpiIdSchema, LocalDateSchema),
});

export async function loadSentRecord(): Promise<SentRecord> {
  const stored = (await browser.storage.local.get(NUDGES_SENT_KEY))[NUDGES_SENT_KEY];
  const parsed = SentRecordSchema.safeParse(stored);
  return parsed.success ? parsed.data : EMPTY_SENT;
}

async function saveSentRecord(record: SentRecord): Promise<void> {
  await browser.storage.local.set({ [NUDGES_SENT_KEY]: record });
}

export interface NudgeDeps {
  now(): number;
  /** Records coming faster than by hand; without it only held records count as a burst. */
  burst?: BurstGuard;
  /** The rep let the browser show notifications (the permission is held). */
  allowed(): Promise<boolean>;
  /** Shows one notification under `id`. */
  show(id: string, text: NudgeText): Promise<unknown>;
}

/** A reminder as it was shown: its notification id and words. */
export interface ShownNudge extends NudgeText {
  id: string;
}

/** Shows the reminders due now and returns them; none when reminders are off or not allowed. */
export async function runNudges(database: KpiDatabase, deps: NudgeDeps): Promise<ShownNudge[]> {
  const settings = await loadSettings(database);
  if (!settings.reminders.on || !(await deps.allowed())) return [];
  const now = deps.now();
  const [snapshot, visitorsThisMonth, held, sent] = await Promise.all([
    loadSnapshot(database, now, settings),
    visitorsForMonth(database, monthKey(now, settings.timeZone)),
    listParked('burst'),
    loadSentRecord(),
  ]);
  // Held records wait for the rep's word: a reminder then would talk over that question.
  const burst = held.length > 0 || (deps.burst?.inBurst(now) ?? false);
  const due = dueNudges({ now, settings, snapshot, visitorsThisMonth, sent, burst });
  if (due.length === 0) return [];
  // Recorded before showing: a worker stopped half-way loses a reminder rather than sends it twice.
  await saveSentRecord(markSent(sent, due, now, settings.timeZone));
  const locale = uiLocale();
  const shown: ShownNudge[] = [];
  for (const nudge of due) {
    const text = nudgeText(nudge, t, locale, settings.timeZone);
    await deps.show(nudge.id, text).then(
      () => shown.push({ id: nudge.id, ...text }),
      (err: unknown) => console.warn('KPI Pacer: a reminder was not shown', err),
    );
  }
  return shown;
}
