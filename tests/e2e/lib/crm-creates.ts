import type { CDPSession, Page } from 'playwright-core';
import { extensionPage, type ExtensionSession } from '@/tests/e2e/harness';

/** Pipedrive's person list: its "Add" saves with `POST /api/v1/persons` on the company host. */
export const PIPEDRIVE_LIST = 'https://acme.pipedrive.com/persons/list';

/** A person created the way the fixture's web app does it; resolves with the new id. */
export function createPerson(page: Page, n: number): Promise<number> {
  return page.evaluate(async (n) => {
    const response = await fetch('/api/v1/persons', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: `Person ${n}`, email: [{ value: `p${n}@example.com`, primary: true, label: 'work' }] }),
    });
    return ((await response.json()) as { data: { id: number } }).data.id;
  }, n);
}

export const personKey = (id: number) => `pipedrive:contact:${id}`;

/** Seeded pseudo-random numbers in [0, 1) (mulberry32): the same run every time. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sessions = new WeakMap<ExtensionSession, Promise<CDPSession>>();

/** A CDP session on the browser, through an extension page (the ServiceWorker and Storage domains). */
export function browserCdp(session: ExtensionSession): Promise<CDPSession> {
  let cdp = sessions.get(session);
  if (!cdp) {
    cdp = extensionPage(session).then(async (page) => {
      const client = await session.context.newCDPSession(page);
      await client.send('ServiceWorker.enable');
      return client;
    });
    sessions.set(session, cdp);
  }
  return cdp;
}

/** Stops the extension's service worker now, as Chrome does when it idles; the next message starts it. */
export async function stopServiceWorker(session: ExtensionSession): Promise<void> {
  await (await browserCdp(session)).send('ServiceWorker.stopAllWorkers');
}
