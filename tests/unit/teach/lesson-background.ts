import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handleMessage, type HandlerDeps } from '@/lib/background/handle';
import { PageDetection } from '@/lib/background/page-detection';
import { TeachSessions } from '@/lib/background/teach-sessions';
import { adapterById } from '@/lib/crm/adapters';
import { KpiDatabase } from '@/lib/db';
import { saveSettings } from '@/lib/db/settings';

/** What a lesson test moves as it goes: the clock and the address of the tab's page. */
export interface LessonState {
  now(): number;
  pageUrl(): string;
}

/**
 * A fresh database and the background's handler dependencies for a lesson on one tab: page
 * detection over a fake session storage, teaching sessions, and a tab that answers with its page's
 * address and records everything else it is told in `told`.
 */
export async function lessonBackground(state: LessonState, told: unknown[] = []): Promise<{ database: KpiDatabase; deps: HandlerDeps }> {
  fakeBrowser.reset();
  const database = new KpiDatabase(`t-${crypto.randomUUID()}`);
  await database.open();
  await saveSettings(database, { timeZone: 'Europe/Berlin' });
  const deps: HandlerDeps = {
    now: state.now,
    newId: () => crypto.randomUUID(),
    adapterById,
    pages: new PageDetection(fakeBrowser.storage.session),
    teach: new TeachSessions(),
    askTab: async (_tab, message) => {
      told.push(message);
      return message.type === 'get-page-url' ? state.pageUrl() : true;
    },
  };
  return { database, deps };
}

/** Messages from the tab's content script (`fromPage`) and from its sidebar or Options (`fromSidebar`). */
export function lessonSenders(tab: number, current: () => { database: KpiDatabase; deps: HandlerDeps; pageUrl: string }) {
  return {
    fromPage: (message: unknown) => {
      const { database, deps, pageUrl } = current();
      return handleMessage(database, message, 'content-script', deps, { tabId: tab, url: pageUrl, crmTab: true });
    },
    fromSidebar: (message: unknown) => {
      const { database, deps, pageUrl } = current();
      return handleMessage(database, message, 'extension-page', deps, { tabId: tab, tabUrl: pageUrl });
    },
  };
}
