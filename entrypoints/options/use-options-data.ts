import { useLiveQuery } from 'dexie-react-hooks';
import { db } from '@/lib/db/database';
import type { VisitorsRow } from '@/lib/db/events';
import { loadSettings } from '@/lib/db/settings';
import type { Settings } from '@/lib/kpi/settings';
import { loadRulesRead, type Rules, type RulesRead } from '@/lib/overrides';

export interface OptionsData {
  settings: Settings;
  rules: Rules;
  /** Stored adapters and entries that no longer validate, switched off on their own. */
  switchedOff: RulesRead['switchedOff'];
  droppedRules: string[];
  visitors: VisitorsRow[];
}

/** Settings, rules and visitor figures, read live from the database (the background writes them). */
export function useOptionsData(): OptionsData | undefined {
  return useLiveQuery(async () => {
    const database = db();
    const [settings, read, visitors] = await Promise.all([
      loadSettings(database),
      loadRulesRead(database),
      database.visitors.orderBy('month').reverse().toArray(),
    ]);
    return { settings, rules: read.rules, switchedOff: read.switchedOff, droppedRules: read.dropped, visitors };
  });
}
