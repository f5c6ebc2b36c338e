import Dexie, { type EntityTable } from 'dexie';
import { PeriodSums } from './period-sums';
import { daySumsMiddleware } from './day-sums-middleware';
import { buildDaySums } from './day-sums-read';
import type { DaySumsRow } from './day-sums';
import type { BlockedRow, CountEvent, HealthRow, KvRow, VisitorsRow } from './events';
import { settingsFromStored, SETTINGS_KEY } from './settings';

export const DB_NAME = 'kpi-pacer';

/**
 * The rep's data. Opened only in the extension origin (background and extension pages):
 * a content script would open the CRM site's IndexedDB instead.
 *
 * Version history — never edit a released version, add a new one:
 *  1: events keyed by `key`, indexed for "count / sum per KPI between two times"; visitors per month; kv.
 *  2: adapter health per rule.
 *  3: keys the rep marked "not a new record", never counted again.
 *  4: counts and revenue per local day (see DaySums), built from the events on upgrade and kept
 *     current by daySumsMiddleware with every write to events.
 */
export class KpiDatabase extends Dexie {
  events!: EntityTable<CountEvent, 'key'>;
  visitors!: EntityTable<VisitorsRow, 'month'>;
  health!: Dexie.Table<HealthRow, [string, string]>;
  kv!: EntityTable<KvRow, 'k'>;
  blocked!: EntityTable<BlockedRow, 'key'>;
  daySums!: EntityTable<DaySumsRow, 'day'>;
  /** Running counts and revenue sums for the snapshot, kept current by the hooks below. */
  readonly periodSums = new PeriodSums();
  /**
   * Moves on with every committed change to the kv table, from this context or another: what is
   * read from it (the rep's rules, read for every counted record) may be kept until it moves.
   */
  kvVersion = 0;

  constructor(name = DB_NAME) {
    super(name);
    this.version(1).stores({
      events: 'key, [kpi+at], at',
      visitors: 'month',
      kv: 'k',
    });
    this.version(2).stores({
      health: '[adapter+rule], adapter',
    });
    this.version(3).stores({
      blocked: 'key',
    });
    this.version(4)
      .stores({
        daySums: 'day',
      })
      .upgrade(async (tx) => {
        // In the rep's time zone as the settings give it (the browser's when none is stored).
        const stored = (await tx.table<KvRow, string>('kv').get(SETTINGS_KEY))?.v;
        const { timeZone } = settingsFromStored(stored);
        await buildDaySums(tx.table('events'), tx.table('daySums'), timeZone);
      });
    this.use(daySumsMiddleware);
    const sums = this.periodSums;
    // Dexie passes the request's success callback slot as `this` of a hook.
    this.events.hook('creating', function (_key, event, transaction) {
      sums.follow(event, 1, transaction, this);
    });
    this.events.hook('deleting', function (_key, event, transaction) {
      sums.follow(event, -1, transaction, this);
    });
    this.events.hook('updating', () => this.periodSums.invalidate());
    const kvPart = `idb://${name}/kv/`;
    const onMutated = (parts: Record<string, unknown>) => {
      if (Object.keys(parts).some((part) => part.startsWith(kvPart))) this.kvVersion += 1;
    };
    Dexie.on('storagemutated', onMutated);
    this.on('close', () => Dexie.on.storagemutated.unsubscribe(onMutated));
  }
}

let shared: KpiDatabase | undefined;

/** The one database handle of this context. */
export function db(): KpiDatabase {
  shared ??= new KpiDatabase();
  return shared;
}
