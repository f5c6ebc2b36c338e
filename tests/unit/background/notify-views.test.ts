import { describe, expect, it } from 'vitest';
import { notifyViews, type NotifyApi } from '@/lib/background/notify-views';
import type { ChangedNotice } from '@/lib/messages/schemas';

const notice: ChangedNotice = { type: 'kpi-changed', counted: [{ key: 'hubspot:contact:1', kpi: 'contacts', kind: 'contact' }], removed: [] };

function fakeApi(tabIds: (number | undefined)[], failing: number[] = []) {
  const sent: { to: string; message: unknown }[] = [];
  const api: NotifyApi = {
    runtime: {
      sendMessage: async (message) => {
        sent.push({ to: 'extension-pages', message });
        // No extension page open: Chrome and Firefox both reject.
        throw new Error('Could not establish connection. Receiving end does not exist.');
      },
    },
    tabs: {
      query: async () => tabIds.map((id) => (id === undefined ? {} : { id })),
      sendMessage: async (tabId, message) => {
        if (failing.includes(tabId)) throw new Error('Receiving end does not exist.');
        sent.push({ to: `tab ${tabId}`, message });
      },
    },
  };
  return { api, sent };
}

describe('notifyViews', () => {
  it('tells extension pages only, where extension frames hear runtime messages (Chrome)', async () => {
    const { api, sent } = fakeApi([1, 2]);
    await notifyViews(api, notice, { toTabs: false });
    expect(sent).toEqual([{ to: 'extension-pages', message: notice }]);
  });

  it('also tells every tab, where Firefox’s sidebar frames hear it; tabs without a listener fail quietly', async () => {
    const { api, sent } = fakeApi([1, undefined, 2, 3], [2]);
    await expect(notifyViews(api, notice, { toTabs: true })).resolves.toBeUndefined();
    expect(sent.map((s) => s.to)).toEqual(['extension-pages', 'tab 1', 'tab 3']);
    expect(sent.every((s) => s.message === notice)).toBe(true);
  });

  it('gives the tab a count came from its notice without a tab id (its frame cannot learn its own), the others as it is', async () => {
    const { api, sent } = fakeApi([1, 2]);
    const fromTab2: ChangedNotice = { ...notice, tabId: 2 };
    await notifyViews(api, fromTab2, { toTabs: true });
    expect(sent).toEqual([
      { to: 'extension-pages', message: fromTab2 },
      { to: 'tab 1', message: fromTab2 },
      { to: 'tab 2', message: notice },
    ]);
  });
});
