import type { ChangedNotice } from '@/lib/messages/schemas';

/** The part of the browser API the notice needs; `browser` from wxt/browser fits it. */
export interface NotifyApi {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  tabs: {
    query(query: Record<string, never>): Promise<{ id?: number }[]>;
    sendMessage(tabId: number, message: unknown): Promise<unknown>;
  };
}

/**
 * Tells the open views that counts changed. Extension pages (popup, options, and in Chrome the
 * sidebar frame too) hear `runtime.sendMessage`. Firefox treats an extension frame inside a web
 * page like a content script: it hears only what is sent to its tab. So in Firefox the notice also
 * goes to each tab; a tab without a sidebar has no listener and the send fails quietly. The
 * content script in the same tab ignores it (it answers only sidebar requests). A frame there
 * cannot learn its own tab id, so the tab a count came from gets the notice without one: its
 * sidebar takes it as its own, the others see another tab's id and leave it.
 */
export async function notifyViews(api: NotifyApi, notice: ChangedNotice, options: { toTabs: boolean }): Promise<void> {
  const sends: Promise<unknown>[] = [api.runtime.sendMessage(notice).catch(() => undefined)];
  if (options.toTabs) {
    const tabs = await api.tabs.query({}).catch(() => []);
    const { tabId, ...forItsOwnTab } = notice;
    for (const tab of tabs) {
      if (tab.id !== undefined) sends.push(api.tabs.sendMessage(tab.id, tab.id === tabId ? forItsOwnTab : notice).catch(() => undefined));
    }
  }
  await Promise.all(sends);
}
