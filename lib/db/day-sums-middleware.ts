import type { DBCore, DBCoreMutateRequest, DBCoreMutateResponse, DBCoreRangeType, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';
import { addToDay, dayOf, daySumsOf, DAY_SUMS_ZONE_KEY, emptyDay, type DaySums, type DaySumsZone } from './day-sums';
import type { CountEvent } from './events';

const EVENTS_TABLE = 'events';
const DAY_SUMS_TABLE = 'daySums';

/** Keys in one put or delete beyond which the day sums are dropped (rebuilt by the next reader) rather than followed. */
const FOLLOW_KEYS = 200;
/** Days one put or delete may touch before the day sums are dropped rather than recounted day by day. */
const FOLLOW_DAYS = 31;
const DAY_MS = 86_400_000;

// Dexie declares its range types as a const enum, which a per-file build cannot inline.
const ANY_RANGE = { type: 3 as DBCoreRangeType.Any, lower: undefined, upper: undefined };
const between = (lower: number, upper: number) => ({ type: 2 as DBCoreRangeType.Range, lower, upper, lowerOpen: false, upperOpen: true });

/**
 * Keeps the `daySums` table current with every write to `events`, in the same transaction.
 *
 * Why a DBCore middleware rather than table hooks or one write helper: every write reaches it
 * (add, bulk add, put, modify, delete, clear, and any writer added later), and it is the one place
 * that can widen a write transaction on `events` to also hold `daySums`, so the sums commit or
 * roll back with the events they describe. Hooks run inside the caller's transaction scope and
 * cannot write a table it did not name; a write helper is only as good as every caller's memory.
 *
 * It sits below Dexie's own middlewares (level -2): it sees the requests as IndexedDB will run
 * them (a `clear()` already split into deletes by the hooks the running period sums use), and it
 * writes `daySums` straight to IndexedDB, needing nothing from Dexie's transaction zone.
 *
 * How each write is followed:
 *  - add: only the values whose own request succeeded are added to their days, so a duplicate
 *    key refused by the unique index changes nothing;
 *  - put and delete: the days of the old and new values are recounted from the events after the
 *    write (a put may insert or replace, and a removed first event changes a day's currency order);
 *  - a write too large to follow cheaply (a range delete, a put or delete of more than 200 keys,
 *    as clearing a full table is, or one touching more than a month of days) drops the sums, and
 *    the next reader rebuilds them from the events.
 * The sums are kept only while the zone row says for which time zone (see DaySumsZone).
 */
export const daySumsMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'DaySums',
  level: -2,
  create(down) {
    return {
      transaction(stores, mode, options) {
        const widened = mode === 'readwrite' && stores.includes(EVENTS_TABLE) && !stores.includes(DAY_SUMS_TABLE);
        return down.transaction(widened ? [...stores, DAY_SUMS_TABLE] : stores, mode, options);
      },
      table(name) {
        const table = down.table(name);
        if (name !== EVENTS_TABLE) return table;
        return { ...table, mutate: (req) => mutateFollowing(table, down.table(DAY_SUMS_TABLE), req) };
      },
    };
  },
};

/**
 * The last write of each transaction with its sums' work. Writes in flight together in one
 * transaction run one after another, each followed before the next starts: a day recounted while
 * another write is in flight could already hold an event that write then adds again.
 */
const lastByTransaction = new WeakMap<DBCoreTransaction, Promise<unknown>>();

function mutateFollowing(events: DBCoreTable, sums: DBCoreTable, req: DBCoreMutateRequest): Promise<DBCoreMutateResponse> {
  const previous = lastByTransaction.get(req.trans);
  const run = () => writeAndFollow(events, sums, req);
  const done = previous ? previous.then(run) : run();
  lastByTransaction.set(
    req.trans,
    done.catch(() => undefined),
  );
  return done;
}

async function writeAndFollow(events: DBCoreTable, sums: DBCoreTable, req: DBCoreMutateRequest): Promise<DBCoreMutateResponse> {
  const { trans } = req;
  // The old values of a put or delete tell which days it touches; read just before the write.
  const keys = req.type === 'delete' ? req.keys : req.type === 'put' ? (req.keys ?? req.values.map((v) => events.schema.primaryKey.extractKey!(v))) : [];
  const followable = (req.type === 'put' || req.type === 'delete') && keys.length <= FOLLOW_KEYS;
  const old = followable ? events.getMany({ trans, keys }) : undefined;
  const [response, oldValues] = await Promise.all([events.mutate(req), old]);
  await follow(events, sums, req, response, oldValues as (CountEvent | undefined)[] | undefined);
  return response;
}

async function follow(
  events: DBCoreTable,
  sums: DBCoreTable,
  req: DBCoreMutateRequest,
  response: DBCoreMutateResponse,
  oldValues: (CountEvent | undefined)[] | undefined,
): Promise<void> {
  const { trans } = req;
  const zone = ((await sums.get({ trans, key: DAY_SUMS_ZONE_KEY })) as DaySumsZone | undefined)?.timeZone;
  if (zone === undefined) return; // not kept: the next reader builds them
  if (req.type === 'add') {
    const added = (req.values as CountEvent[]).filter((_, i) => !response.failures[i]);
    await addToDays(sums, trans, added, zone);
    return;
  }
  // A range delete (a clear) or a put or delete of too many keys to read back.
  if (oldValues === undefined) {
    await drop(sums, trans);
    return;
  }
  // One instant inside each touched day: enough to find that day's events again.
  const touched = new Map<string, number>();
  const note = (event: CountEvent | undefined) => event && touched.set(dayOf(event.at, zone), event.at);
  oldValues.forEach(note);
  if (req.type === 'put') (req.values as CountEvent[]).forEach(note);
  if (touched.size > FOLLOW_DAYS) {
    await drop(sums, trans);
    return;
  }
  const recounted = await Promise.all([...touched].map(([day, at]) => recountDay(events, trans, day, at, zone)));
  const present = recounted.filter((row) => row.revenue.length > 0 || Object.keys(row.counts).length > 0);
  const emptied = recounted.filter((row) => !present.includes(row)).map((row) => row.day);
  await Promise.all([
    present.length > 0 && sums.mutate({ trans, type: 'put', values: present }),
    emptied.length > 0 && sums.mutate({ trans, type: 'delete', keys: emptied }),
  ]);
}

async function addToDays(sums: DBCoreTable, trans: DBCoreTransaction, added: readonly CountEvent[], zone: string): Promise<void> {
  if (added.length === 0) return;
  const byDay = new Map<string, CountEvent[]>();
  for (const event of added) {
    const day = dayOf(event.at, zone);
    byDay.set(day, [...(byDay.get(day) ?? []), event]);
  }
  const days = [...byDay.keys()];
  const rows = (await sums.getMany({ trans, keys: days })) as (DaySums | undefined)[];
  const updated = days.map((day, i) => {
    const row = rows[i] ?? emptyDay(day);
    for (const event of byDay.get(day)!) addToDay(row, event);
    return row;
  });
  await sums.mutate({ trans, type: 'put', values: updated });
}

/** A day's sums counted again from its events (`at` is an instant inside it). */
async function recountDay(events: DBCoreTable, trans: DBCoreTransaction, day: string, at: number, zone: string): Promise<DaySums> {
  const index = events.schema.getIndexByKeyPath('at')!;
  // A local day lies within two days either side of any instant in it, whatever the zone's jumps.
  const { result } = await events.query({ trans, values: true, query: { index, range: between(at - 2 * DAY_MS, at + 2 * DAY_MS) } });
  const onDay = (result as CountEvent[]).filter((event) => dayOf(event.at, zone) === day);
  return daySumsOf(onDay, zone)[0] ?? emptyDay(day);
}

/** Forgets the day sums and their zone: the next reader rebuilds them from the events. */
async function drop(sums: DBCoreTable, trans: DBCoreTransaction): Promise<void> {
  await sums.mutate({ trans, type: 'deleteRange', range: ANY_RANGE });
}
