import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { adapterById } from '@/lib/crm/adapters';
import { db } from '@/lib/db';
import { loadSettings } from '@/lib/db/settings';
import { showBadge } from '@/lib/background/badge';
import { handleMessage, retryWaiting, type SenderKind } from '@/lib/background/handle';
import { BurstGuard } from '@/lib/background/burst';
import { listParked } from '@/lib/background/parked';
import { nextRolloverAt } from '@/lib/background/rollover';
import { loadViewData } from '@/lib/background/view-data';
import { writeViewCache } from '@/lib/background/view-cache';
import { VIEW_RECENT } from '@/lib/background/view-keys';
import { relaySidebarCommand } from '@/lib/background/sidebar-command';
import type { SidebarTabMessage } from '@/lib/sidebar-host/tab-messages';
import { loadRules } from '@/lib/rules/store';
import { patternsToRegister } from '@/lib/sites/shipped';
import { createSiteSync } from '@/lib/sites/sync';
import { keepSitesRegistered } from '@/lib/sites/watch';

const ROLLOVER_ALARM = 'period-rollover';
// Pace moves with the clock, so a status can flip without any new record.
const PACE_ALARM = 'pace-refresh';
const PACE_MINUTES = 30;
// Counts kept aside while storage is full are tried again this often until they are all written.
const WAITING_ALARM = 'retry-waiting';
// Requests that can change where content scripts run (CRMs on or off, own domains): the
// registrations follow before the answer.
const SITE_WRITES = new Set(['save-rules', 'import-data', 'delete-all-data']);

export default defineBackground(() => {
  const database = db();
  // Only the top frame's content script answers: nothing a page frame posts is ever asked.
  const askTab = (tabId: number, message: SidebarTabMessage) => browser.tabs.sendMessage(tabId, message, { frameId: 0 });
  // Coalesces bursts of writes into one badge recomputation; nothing here outlives a worker
  // restart except what is in the database and the alarms.
  let running: Promise<void> | undefined;
  let again = false;
  const deps = { now: () => Date.now(), newId: () => crypto.randomUUID(), adapterById, askTab, burst: new BurstGuard() };

  // Content scripts are registered at run time, for the hosts the rep granted: each shipped CRM
  // that is on, and the rep's own domains. They follow the rules and every permission change.
  const siteSync = createSiteSync(browser, async () => patternsToRegister(await loadRules(database)));

  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    const kind = senderKind(sender);
    const crmTab = kind === 'content-script' || (sender.url !== undefined && new URL(sender.url).pathname === '/sidebar.html');
    return handleMessage(database, message, kind, deps, { tabId: sender.tab?.id, url: sender.url, crmTab }).then(async (result) => {
      const type = (message as { type?: unknown } | null)?.type;
      if (result.response.ok && typeof type === 'string' && SITE_WRITES.has(type)) await siteSync.run();
      if (result.changed?.waiting) void browser.alarms.create(WAITING_ALARM, { periodInMinutes: 1 });
      // A write that went through says there is room again: the counts kept aside follow it.
      else if (result.changed?.counted.length) void browser.alarms.get(WAITING_ALARM).then((alarm) => alarm && writeWaiting());
      if (result.changed) {
        void refreshBadge();
        // Extension pages (popup, sidebar, options) listen for this; none may be open.
        browser.runtime.sendMessage(result.changed).catch(() => undefined);
      }
      return result.response;
    });
  });

  browser.commands.onCommand.addListener((command, tab) => {
    const activeTabId = async () => (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
    void relaySidebarCommand(command, tab?.id, { activeTabId, askTab });
  });

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === ROLLOVER_ALARM || alarm.name === PACE_ALARM) void refreshBadge();
    if (alarm.name === WAITING_ALARM) void writeWaiting();
  });
  keepSitesRegistered(browser, siteSync);
  browser.runtime.onInstalled.addListener((details) => {
    void refreshBadge();
    // First run only: an update or a browser update must not interrupt the rep.
    if (details.reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL('/onboarding.html') }).catch(() => undefined);
  });
  browser.runtime.onStartup.addListener(() => void refreshBadge());
  void refreshBadge();

  async function writeWaiting(): Promise<void> {
    const written = await retryWaiting(database).catch(() => []);
    const left = (await listParked('storage-full')).length;
    if (left === 0) await browser.alarms.clear(WAITING_ALARM);
    if (written.length === 0) return;
    void refreshBadge();
    const counted = written.map((e) => ({ key: e.key, kpi: e.kpi, ...(e.kind !== undefined && { kind: e.kind }) }));
    browser.runtime.sendMessage({ type: 'kpi-changed', counted, removed: [], waiting: left }).catch(() => undefined);
  }

  function refreshBadge(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        const settings = await loadSettings(database);
        const now = Date.now();
        const view = await loadViewData(database, now, VIEW_RECENT, settings);
        // The popup and the sidebar paint from this copy while they ask for a fresh one.
        await Promise.all([showBadge(view.snapshot, view.waiting ?? 0), writeViewCache(view).catch(() => undefined)]);
        await browser.alarms.create(ROLLOVER_ALARM, { when: nextRolloverAt(settings, now) + 1000 });
        if (!(await browser.alarms.get(PACE_ALARM))) {
          await browser.alarms.create(PACE_ALARM, { periodInMinutes: PACE_MINUTES });
        }
      } while (again);
    })()
      .catch((err) => console.error('KPI Pacer: badge refresh failed', err))
      .finally(() => {
        running = undefined;
      });
    return running;
  }
});

function senderKind(sender: { url?: string }): SenderKind {
  const origin = new URL(browser.runtime.getURL('/')).origin;
  return sender.url?.startsWith(origin) ? 'extension-page' : 'content-script';
}
