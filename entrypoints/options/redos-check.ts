import type { AdapterInput } from '@/lib/crm/adapter-schema';
import type { AdapterRedosIssue } from '@/lib/crm/redos';
import type { RedosAnswer, RedosRequest } from '@/lib/crm/redos.worker';

/** Checks adapters for ReDoS; for each adapter, its failing fields. Rejects when it cannot finish. */
export type RedosChecker = (adapters: AdapterInput[]) => Promise<AdapterRedosIssue[][]>;

/**
 * Far above what a real adapter needs (its patterns take seconds on a slow machine), so only a
 * pattern recheck cannot decide runs into it; that pattern is then refused, never accepted.
 */
export const REDOS_WALL_LIMIT_MS = 180_000;

export class RedosTimeout extends Error {
  constructor() {
    super('the patterns could not be checked in time');
  }
}

/** recheck in a worker of its own, started for this check and ended after it. */
export const checkInWorker: RedosChecker = (adapters) =>
  new Promise((resolve, reject) => {
    if (adapters.length === 0) return resolve([]);
    const worker = new Worker(new URL('../../lib/crm/redos.worker.ts', import.meta.url), { type: 'module' });
    const timer = setTimeout(() => finish(() => reject(new RedosTimeout())), REDOS_WALL_LIMIT_MS);
    const finish = (settle: () => void) => {
      clearTimeout(timer);
      worker.terminate();
      settle();
    };
    worker.onmessage = (event: MessageEvent<RedosAnswer>) => finish(() => resolve(event.data.issues));
    worker.onerror = (event) => finish(() => reject(new Error(event.message || 'the pattern check failed to start')));
    worker.postMessage({ adapters } satisfies RedosRequest);
  });
