import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { adapterById } from '@/lib/crm/adapters';
import { db, type CountEvent } from '@/lib/db';
import { showBadge } from '@/lib/background/badge';
import { handleMessage, retryWaiting, type SenderKind } from '@/lib/background/handle';
import { ShownBeforeWrite } from '@/lib/background/shown-early';
import { BurstGuard } from '@/lib/background/burst';
import { PageDetection } from '@/lib/background/page-detection';
import { forgetFormNotes } from '@/lib/background/form-submitted';
import { listParked } from '@/lib/background/parked';
import { nextRolloverAt } from '@/lib/background/rollover';
import { notifyViews } from '@/lib/background/notify-views';
import { settingsCountingSince } from '@/lib/background/counting-since';
import { loadLiveView, viewAfterStored, type LiveView } from '@/lib/background/view-data';
import { writeViewCache } from '@/lib/background/view-cache';
import { VIEW_RECENT } from '@/lib/view/view-keys';
import type { ViewData } from '@/lib/view/view-data';
import { relaySidebarCommand } from '@/lib/background/sidebar-command';
import { relaySidebarFacts } from '@/lib/background/sidebar-facts-relay';
import { createTeamRunner } from '@/lib/background/team-runner';
import type { SidebarTabMessage } from '@/lib/page/sidebar-host/tab-messages';
import { loadRules } from '@/lib/overrides/store';
import { patternsToRegister } from '@/lib/sites/shipped';
import { createSiteSync } from '@/lib/sites/sync';
import { keepSitesRegistered } from '@/lib/sites/watch';
import { now } from '@/lib/clock';
import { SetPinnedClockSchema, setPinnedClock } from '@/lib/clock/pinned';
import { clockReady, TEST_BUILD } from '@/lib/clock/start';
import { runNudges, type ShownNudge } from '@/lib/background/nudges';
import { TestTriggerSchema } from '@/lib/background/test-triggers';
import { nudgeTarget } from '@/lib/nudges/target';
import { LandedNotices } from '@/lib/background/landed-notices';
import { readLandingLinks } from '@/lib/teach/landing-links';
import { TeachSessions } from '@/lib/background/teach-sessions';

const ROLLOVER_ALARM = 'period-rollover';
// Pace moves with the clock, so a status can flip without any new record.
const PACE_ALARM = 'pace-refresh';
const PACE_MINUTES = 30;
// Counts kept aside while storage is full are tried again this often until they are all written.
const WAITING_ALARM = 'retry-waiting';
// Requests that can change where content scripts run (CRMs on or off, own domains): the
// registrations follow before the answer.
const SITE_WRITES = new Set(['save-rules', 'import-data', 'delete-all-data', 'teach-save']);
// The team server gets this rep's weeks after changes, every hour, and soon after a failed try.
const TEAM_ALARM = 'team-sync';
const TEAM_RETRY_ALARM = 'team-sync-retry';
const TEAM_MINUTES = 60;
const TEAM_RETRY_MINUTES = 0.5;
// Reminders follow the clock (a last chance at 14:00, the month's last days) as well as counts.
const NUDGE_ALARM = 'nudges';
const NUDGE_MINUTES = 15;

/** The notifications API exists only while the rep allows notifications (an optional permission). */
type NotificationsApi = {
  create(id: string, options: { type: 'basic'; iconUrl: string; title: string; message: string }): Promise<string>;
  clear(id: string): Promise<boolean>;
  onClicked: { addListener(listener: (id: string) => void): void };
};
const notificationsApi = () => (browser as unknown as { notifications?: NotificationsApi }).notifications;

export default defineBackground(() => {
  const database = db();
  // Only the top frame's content script answers: nothing a page frame posts is ever asked.
  const askTab = (tabId: number, message: SidebarTabMessage) => browser.tabs.sendMessage(tabId, message, { frameId: 0 });
  // While a lesson waits for it: the links of the page its save landed on (top frame, once it is
  // loaded; the tab's site is one the rep granted, or the lesson would not run there).
  const inspectLanding = async (tabId: number) => (await browser.scripting.executeScript({ target: { tabId }, func: readLandingLinks }))[0]?.result;
  // Coalesces bursts of writes into one badge recomputation; nothing here outlives a worker
  // restart except what is in the database and the alarms.
  let running: Promise<void> | undefined;
  let again = false;
  // What the badge last showed and what it was built from; writes since, waiting to be applied.
  let live: LiveView | undefined;
  let pendingStored: CountEvent[] = [];
  let readAll = true;
  const shownEarly = new ShownBeforeWrite();
  // One reminder run at a time: two overlapping runs could both find a reminder unsent and show it twice.
  let nudgeRun: Promise<ShownNudge[]> = Promise.resolve([]);
  let listeningForClicks = false;
  const newId = () => crypto.randomUUID();
  // Only the background talks to the team server (pages would need the password).
  const teamSync = {
    now,
    newId,
    fetch: (input: string, init: RequestInit) => fetch(input, init),
    hasOrigin: (pattern: string) => browser.permissions.contains({ origins: [pattern] }),
  };
  const teamRunner = createTeamRunner(database, teamSync, () => void browser.alarms.create(TEAM_RETRY_ALARM, { delayInMinutes: TEAM_RETRY_MINUTES }));
  const deps = {
    now,
    newId,
    adapterById,
    askTab,
    permissions: browser.permissions,
    team: { runner: teamRunner, sync: teamSync },
    burst: new BurstGuard(),
    pages: new PageDetection(),
    teach: new TeachSessions(),
    landed: new LandedNotices(),
    inspectLanding,
    acceptRecords: TEST_BUILD,
    // A record found new shows on the badge before its write commits; a write that did not go
    // through has the view read again.
    counting: (events: readonly CountEvent[], notWritten: readonly string[] = []) => {
      shownEarly.notWritten(notWritten);
      void refreshBadge(events.length > 0 ? events : undefined);
    },
  };
  // What the engine kept for a page (ids, amounts read before a confirmation) goes with its tab.
  browser.tabs.onRemoved.addListener((tabId) => {
    void deps.pages.forget(tabId);
    void forgetFormNotes(tabId).catch(() => undefined);
    deps.teach.forget(tabId);
    deps.landed.forget(tabId);
  });

  // Content scripts are registered at run time, for the hosts the rep granted: each shipped CRM
  // that is on, and the rep's own domains. They follow the rules and every permission change.
  const siteSync = createSiteSync(browser, async () => patternsToRegister(await loadRules(database)));

  // The test build's pinned clock, when the end-to-end suite set one; immediate in a release build.
  const clock = clockReady(() => void refreshBadge());
  // Once the clock is known, a refresh starts in the same turn it is asked for: a count found new
  // reaches the toolbar before the write that stores it begins.
  let clockKnown = false;
  void clock.then(() => (clockKnown = true));

  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    const kind = senderKind(sender);
    if (TEST_BUILD && kind === 'extension-page') {
      const pin = SetPinnedClockSchema.safeParse(message);
      if (pin.success) return pinClock(pin.data.at);
      const trigger = TestTriggerSchema.safeParse(message);
      if (trigger.success && trigger.data.type === 'test-run-nudges') return nudgesNow().then((shown) => ({ ok: true, data: shown }));
      if (trigger.success && trigger.data.type === 'test-click-notification') return openForNudge(trigger.data.id).then((url) => ({ ok: true, data: url ?? null }));
    }
    if (import.meta.env.FIREFOX && kind === 'content-script' && relaySidebarFacts(message, sender, (tabId, told) => browser.tabs.sendMessage(tabId, told))) {
      return Promise.resolve(true);
    }
    // Count confirmations go only to the CRM tab a count came from (its content script or sidebar).
    const crmTab = kind === 'content-script' || (sender.url !== undefined && new URL(sender.url).pathname === '/sidebar.html');
    return clock.then(() => handleMessage(database, message, kind, deps, { tabId: sender.tab?.id, url: sender.url, tabUrl: sender.tab?.url, crmTab }).then(async (result) => {
      const type = (message as { type?: unknown } | null)?.type;
      if (result.response.ok && typeof type === 'string' && SITE_WRITES.has(type)) await siteSync.run();
      if (result.changed?.waiting) void browser.alarms.create(WAITING_ALARM, { periodInMinutes: 1 });
      // A write that went through says there is room again: the counts kept aside follow it.
      else if (result.changed?.counted.length) void browser.alarms.get(WAITING_ALARM).then((alarm) => alarm && writeWaiting());
      if (result.changed) {
        // The badge first: reminders read the same figures and can wait for it. Counts it showed
        // before their write need no second drawing, unless a failed refresh left a full read due.
        const redraw = readAll || !result.stored || shownEarly.unshown(result.stored).length > 0;
        void (redraw ? refreshBadge(result.stored) : Promise.resolve()).then(() => nudgesNow());
        teamRunner.schedule();
        // Extension pages (popup, sidebar, options) listen for this; none may be open.
        void notifyViews(browser, result.changed, { toTabs: import.meta.env.FIREFOX });
      }
      return result.response;
    }));
  });

  /** Test build only: moves the whole extension to another moment and redraws the badge there. */
  async function pinClock(at: number | null) {
    await clock;
    await setPinnedClock(browser.storage as never, at);
    await refreshBadge();
    browser.runtime.sendMessage({ type: 'kpi-changed', counted: [], removed: [] }).catch(() => undefined);
    return { ok: true, data: { now: now() } };
  }

  browser.commands.onCommand.addListener((command, tab) => {
    const activeTabId = async () => (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
    void relaySidebarCommand(command, tab?.id, { activeTabId, askTab });
  });

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === ROLLOVER_ALARM || alarm.name === PACE_ALARM) void refreshBadge();
    if (alarm.name === TEAM_ALARM || alarm.name === TEAM_RETRY_ALARM) void teamRunner.runNow().catch(() => undefined);
    if (alarm.name === WAITING_ALARM) void writeWaiting();
    if (alarm.name === NUDGE_ALARM) void nudgesNow();
  });
  listenForNudgeClicks();
  // Turning reminders on grants the permission while the worker runs: the API appears then.
  browser.permissions.onAdded.addListener(() => listenForNudgeClicks());
  void browser.alarms.get(NUDGE_ALARM).then((alarm) => {
    if (!alarm) void browser.alarms.create(NUDGE_ALARM, { periodInMinutes: NUDGE_MINUTES });
  });
  keepSitesRegistered(browser, siteSync);
  browser.runtime.onInstalled.addListener((details) => {
    void refreshBadge();
    // First run only: an update or a browser update must not interrupt the rep.
    if (details.reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL('/onboarding.html') }).catch(() => undefined);
  });
  browser.runtime.onStartup.addListener(() => void refreshBadge());
  void refreshBadge();
  void browser.alarms.get(TEAM_ALARM).then((alarm) => {
    if (!alarm) void browser.alarms.create(TEAM_ALARM, { periodInMinutes: TEAM_MINUTES });
  });

  function nudgesNow(): Promise<ShownNudge[]> {
    nudgeRun = nudgeRun.then(async () => {
      await clock;
      return runNudges(database, {
        now,
        burst: deps.burst,
        allowed: async () => notificationsApi() !== undefined && (await browser.permissions.contains({ permissions: ['notifications'] })),
        show: (id, text) =>
          notificationsApi()!.create(id, { type: 'basic', iconUrl: browser.runtime.getURL('/icon/128.png'), title: text.title, message: text.message }),
      });
    }).catch((err: unknown) => {
      console.error('KPI Pacer: reminders failed', err);
      return [];
    });
    return nudgeRun;
  }

  function listenForNudgeClicks(): void {
    const api = notificationsApi();
    if (!api || listeningForClicks) return;
    listeningForClicks = true;
    api.onClicked.addListener((id) => void openForNudge(id));
  }

  /** A click on a reminder opens the page it is about (see nudgeTarget) in a new tab. */
  async function openForNudge(id: string): Promise<string | undefined> {
    const target = nudgeTarget(id);
    if (!target) return undefined;
    const url = browser.runtime.getURL(target as '/popup.html');
    await browser.tabs.create({ url });
    await notificationsApi()?.clear(id).catch(() => undefined);
    return url;
  }

  async function writeWaiting(): Promise<void> {
    const written = await retryWaiting(database).catch(() => []);
    const left = (await listParked('storage-full')).length;
    if (left === 0) await browser.alarms.clear(WAITING_ALARM);
    if (written.length === 0) return;
    void refreshBadge();
    const counted = written.map((e) => ({ key: e.key, kpi: e.kpi, ...(e.kind !== undefined && { kind: e.kind }) }));
    browser.runtime.sendMessage({ type: 'kpi-changed', counted, removed: [], waiting: left }).catch(() => undefined);
  }

  /**
   * Redraws the badge and the views' cached copy. After a write that only stored `stored`, the
   * view is moved by those events from the database's kept sums, without reading it (see
   * viewAfterStored); anything else reads it all again.
   */
  function refreshBadge(stored?: readonly CountEvent[]): Promise<void> {
    if (stored) pendingStored.push(...stored);
    else readAll = true;
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        if (!clockKnown) await clock;
        const events = pendingStored.splice(0);
        const moved = !readAll && live ? viewAfterStored(database, live, events, now()) : undefined;
        if (moved) {
          live = moved;
          // Drawn while their write is under way: the refresh that write asks for adds nothing.
          // Only here: a full read (below) sees the database, which does not hold them yet.
          shownEarly.shown(events.filter((event) => database.periodSums.expecting(event.key)));
          await showView(moved.view);
          continue;
        }
        readAll = false;
        // The day the rep started counting pro-rates each KPI's first period: stored on first run
        // (and again after "delete all data").
        const settings = await settingsCountingSince(database, now());
        const at = now();
        live = await loadLiveView(database, at, VIEW_RECENT, settings);
        await showView(live.view);
        // Relative to the extension's clock, which need not be the machine's (a pinned test clock).
        await browser.alarms.create(ROLLOVER_ALARM, { delayInMinutes: Math.max(0.5, (nextRolloverAt(settings, at) + 1000 - at) / 60_000) });
        if (!(await browser.alarms.get(PACE_ALARM))) {
          await browser.alarms.create(PACE_ALARM, { periodInMinutes: PACE_MINUTES });
        }
      } while (again);
    })()
      .catch((err) => {
        live = undefined;
        readAll = true;
        console.error('KPI Pacer: badge refresh failed', err);
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  }

  /** The popup and the sidebar paint from the cached copy; the badge shows its snapshot. */
  async function showView(view: ViewData): Promise<void> {
    await Promise.all([showBadge(view.snapshot, view.waiting ?? 0), writeViewCache(view).catch(() => undefined)]);
  }
});

function senderKind(sender: { url?: string }): SenderKind {
  const origin = new URL(browser.runtime.getURL('/')).origin;
  return sender.url?.startsWith(origin) ? 'extension-page' : 'content-script';
}
