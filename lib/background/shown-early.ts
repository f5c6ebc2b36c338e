import type { CountEvent } from '@/lib/db';

/**
 * Counts the badge drew before their write committed (HandlerDeps.counting), from the period sums
 * that already hold them; a view read from the database does not hold them, so it marks nothing.
 * Once the write lands, the refresh it asks for has nothing to add for them: skipping it spares
 * the worker a second view and a second cached copy per count, work that would otherwise delay
 * the next one.
 */
export class ShownBeforeWrite {
  private readonly keys = new Set<string>();

  shown(events: readonly CountEvent[]): void {
    for (const event of events) this.keys.add(event.key);
  }

  /** Writes that did not go through: the view was read again without them. */
  notWritten(keys: readonly string[]): void {
    for (const key of keys) this.keys.delete(key);
  }

  /** After a write, the stored events the badge does not show yet; those it showed are forgotten. */
  unshown(stored: readonly CountEvent[]): CountEvent[] {
    const rest = stored.filter((event) => !this.keys.has(event.key));
    for (const event of stored) this.keys.delete(event.key);
    return rest;
  }
}
