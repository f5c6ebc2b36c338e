import type { Page } from 'playwright-core';
import { DAY_SUMS_ZONE_KEY } from '@/lib/db/day-sums';
import type { CountEvent } from '@/lib/db/events';

/**
 * Writes counted events straight into the extension's database from one of its pages, for
 * history the background cannot be asked to create (events in past weeks). Restart the service
 * worker afterwards so it reads them, as after any restart.
 */
export async function putEvents(extensionPage: Page, events: readonly CountEvent[]): Promise<void> {
  await extensionPage.evaluate(async ({ rows, zoneKey }) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('kpi-pacer');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    try {
      await new Promise((resolve, reject) => {
        const tx = db.transaction(['events', 'daySums'], 'readwrite');
        for (const row of rows) tx.objectStore('events').put(row);
        // Written around the extension, so its day sums no longer match: without their zone row
        // the next export builds them again from the events.
        tx.objectStore('daySums').delete(zoneKey);
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
      });
    } finally {
      db.close();
    }
  }, { rows: events, zoneKey: DAY_SUMS_ZONE_KEY });
}
