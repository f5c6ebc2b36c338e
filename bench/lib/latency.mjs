import { launch } from './browser.mjs';
import { measureLoadedRoundTrips, measurePageRoundTrips, measureRoundTrips } from './floors.mjs';
import { RECORD_URL, serveHeavyCrm } from './crm-server.mjs';
import { percentile } from './stats.mjs';

/**
 * Latency from a create's response reaching the CRM page to the extension showing it, in `rounds`
 * CRM tabs of `creates` creates each (a tab at most the burst guard's pace: beyond it records wait
 * for the rep's word, which is a feature, not latency).
 *
 * Three moments per create, all Date.now() in their own context (one machine, one clock):
 * - heard: the service worker receives the page's report. Detection runs there; the page only
 *   forwards what its hook saw, so this is where "detect" starts.
 * - toolbar: the browser has taken the new badge tooltip (the answer to chrome.action.setTitle, as
 *   the worker gets it), which lists every KPI's count: a Contact create moves its
 *   "Contacts: n/target" line. The badge text, "N/6 on pace", rarely moves with one create.
 * - sidebar: the open sidebar frame on the page shows the new contacts figure.
 * The `kpi-changed` notice (detected, validated and stored) is recorded too.
 *
 * Floors, each measured in its own browser with the floor extension: a round trip from an idle
 * extension page; the same from an extension frame on the heavy page while it churns (the browser
 * as busy as during the creates); and a round trip from the heavy page itself through a content
 * script (what any extension pays to hear of something on that page).
 */
const SIDEBAR_CONTACTS = '[data-testid="sidebar-value-contacts"], [data-testid="kpi-value-contacts"]';

export async function measureLatency({ extensionDir, creates, rounds, spacingMs, mutationsPerSecond, settleMs, log }) {
  // Floors get more trips than there are creates: a p95 over few samples is mostly noise.
  const trips = Math.max(100, creates * rounds);
  const roundTrip = await measureRoundTrips({ count: trips });
  log(`latency floor: message round trip p50 ${roundTrip.p50.toFixed(1)} ms, p95 ${roundTrip.p95.toFixed(1)} ms`);
  const loadedRoundTrip = await measureLoadedRoundTrips({ count: trips, spacingMs: 50, mutationsPerSecond, settleMs });
  log(`latency floor beside the busy page: round trip p50 ${loadedRoundTrip.p50.toFixed(1)} ms, p95 ${loadedRoundTrip.p95.toFixed(1)} ms`);
  const pageRoundTrip = await measurePageRoundTrips({ count: trips, spacingMs: 50, mutationsPerSecond, settleMs });
  log(`latency floor on the heavy page: round trip p50 ${pageRoundTrip.p50.toFixed(1)} ms, p95 ${pageRoundTrip.p95.toFixed(1)} ms`);
  const browser = await launch({ extensionDir });
  try {
    await serveHeavyCrm(browser.context);
    const watcher = await browser.context.newPage();
    // A lean extension page: it has the extension APIs but renders nothing that would compete.
    await watcher.goto(`chrome-extension://${browser.extensionId}/manifest.json`);
    await watcher.evaluate(installNoticeWatcher);
    const worker = browser.context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${browser.extensionId}/`));
    if (!worker) throw new Error('the extension has no service worker to watch');
    await worker.evaluate(installWorkerWatch);

    const samples = { notice: [], badge: [], sidebar: [], heard: [], heardToBadge: [], heardToSidebar: [] };
    let created = 0;
    const sidebarNotes = [];
    for (let round = 0; round < rounds; round += 1) {
      const { count, sidebarNote } = await measureRound({ browser, worker, watcher, creates, spacingMs, mutationsPerSecond, settleMs, samples });
      created += count;
      if (sidebarNote) sidebarNotes.push(sidebarNote);
    }
    const summarize = (list) => ({
      seen: list.length,
      p50: percentile(list, 50),
      p95: percentile(list, 95),
      max: percentile(list, 100),
    });
    const withSidebar = sidebarNotes.length === 0;
    const result = {
      creates: created,
      rounds,
      spacingMs,
      mutationsPerSecond,
      notice: summarize(samples.notice),
      heard: summarize(samples.heard),
      badge: summarize(samples.badge),
      heardToBadge: summarize(samples.heardToBadge),
      sidebar: withSidebar ? summarize(samples.sidebar) : undefined,
      heardToSidebar: withSidebar ? summarize(samples.heardToSidebar) : undefined,
      sidebarNote: withSidebar ? undefined : sidebarNotes[0],
      roundTrip: { p50: roundTrip.p50, p95: roundTrip.p95, samples: roundTrip.samples },
      loadedRoundTrip: { p50: loadedRoundTrip.p50, p95: loadedRoundTrip.p95, samples: loadedRoundTrip.samples },
      pageRoundTrip: { p50: pageRoundTrip.p50, p95: pageRoundTrip.p95, samples: pageRoundTrip.samples },
    };
    log(`latency: ${created} creates in ${rounds} tabs; notice seen ${samples.notice.length}, heard ${samples.heard.length}, toolbar ${samples.badge.length}, sidebar ${withSidebar ? samples.sidebar.length : 'n/a'}`);
    return result;
  } finally {
    await browser.close();
  }
}

/** One CRM tab: opens it, opens its sidebar, makes `creates` creates and adds what was seen to `samples`. */
async function measureRound({ browser, worker, watcher, creates, spacingMs, mutationsPerSecond, settleMs, samples }) {
  // A new tab is the active one: the page renders, as the rep's would.
  const page = await browser.context.newPage();
  try {
    await page.goto(RECORD_URL);
    await page.waitForFunction(() => window.__bench?.ready === true);
    await page.waitForTimeout(settleMs);
    let sidebarNote = 'no sidebar frame on the CRM page';
    let sidebar = await findSidebarFrame(page);
    if (sidebar) {
      try {
        // The sidebar starts collapsed; the rep's first click opens it, and it stays open for the site.
        const tab = sidebar.getByTestId('sidebar-tab');
        if ((await sidebar.locator(SIDEBAR_CONTACTS).count()) === 0 && (await tab.count()) > 0) await tab.click();
        await sidebar.waitForSelector(SIDEBAR_CONTACTS, { timeout: 10_000, state: 'attached' });
        await sidebar.evaluate(installSidebarWatcher);
        sidebarNote = undefined;
      } catch (err) {
        sidebarNote = `the sidebar did not show its KPIs: ${String(err.message).split('\n')[0]}`;
        sidebar = undefined;
      }
    }

    const startContacts = contactsIn(await worker.evaluate(() => chrome.action.getTitle({}))) ?? 0;
    const created = await page.evaluate((o) => window.__bench.runCreates(o), { count: creates, spacingMs, mutationsPerSecond });
    // Let the last create arrive everywhere.
    await page.waitForTimeout(2000);

    const notices = await watcher.evaluate(() => window.__watch.notices);
    const inWorker = await worker.evaluate(() => ({
      reports: globalThis.__benchWatch.reports.map((r) => ({ at: r.at, text: JSON.stringify(r.message) })),
      titles: globalThis.__benchWatch.titles,
    }));
    const sidebarValues = sidebar ? await sidebar.evaluate(() => window.__sidebarWatch.values) : [];
    created.forEach((c, i) => {
      const notice = notices.find((n) => n.keys.some((k) => k.endsWith(`:${c.recordId}`)));
      if (notice) samples.notice.push(notice.at - c.respondedAt);
      const heard = inWorker.reports.find((r) => r.text.includes(c.recordId));
      if (heard) samples.heard.push(heard.at - c.respondedAt);
      const expected = startContacts + i + 1;
      const title = inWorker.titles.find((t) => (contactsIn(t.title) ?? -1) >= expected);
      if (title) samples.badge.push(title.at - c.respondedAt);
      if (title && heard) samples.heardToBadge.push(title.at - heard.at);
      const shown = sidebarValues.find((v) => v.value >= expected);
      if (shown) samples.sidebar.push(shown.at - c.respondedAt);
      if (shown && heard) samples.heardToSidebar.push(shown.at - heard.at);
    });
    return { count: created.length, sidebarNote };
  } finally {
    await page.close();
  }
}

/** Runs in a lean extension page: records every kpi-changed notice, as an open view hears it. */
function installNoticeWatcher() {
  const notices = [];
  chrome.runtime.onMessage.addListener((message) => {
    if (message?.type === 'kpi-changed') notices.push({ at: Date.now(), keys: (message.counted ?? []).map((c) => c.key) });
  });
  window.__watch = { notices };
}

/** The first KPI line of the tooltip, "Contacts: 1,234/5": the digits before the slash. */
function contactsIn(title) {
  const line = title.split('\n').find((l) => /:\s*[\d\s.,\u00a0\u202f]+\//.test(l));
  const figure = line?.match(/:\s*([\d\s.,\u00a0\u202f]+)\//)?.[1];
  return figure === undefined ? undefined : Number(figure.replace(/\D/g, ''));
}

/** Runs in the sidebar frame: records the contacts figure each time it changes. */
function installSidebarWatcher() {
  const values = [];
  let last;
  const read = () => {
    const node = document.querySelector('[data-testid="sidebar-value-contacts"], [data-testid="kpi-value-contacts"]');
    const value = node ? Number(node.textContent.replace(/\D/g, '')) : undefined;
    if (value !== undefined && value !== last) {
      last = value;
      values.push({ at: Date.now(), value });
    }
  };
  new MutationObserver(read).observe(document, { subtree: true, childList: true, characterData: true });
  read();
  window.__sidebarWatch = { values };
}

async function findSidebarFrame(page) {
  const deadline = Date.now() + 3000;
  while (Date.now() < deadline) {
    const frame = page.frames().find((f) => f.url().startsWith('chrome-extension://') && /sidebar/.test(f.url()));
    if (frame) return frame;
    await page.waitForTimeout(100);
  }
  return undefined;
}

/**
 * Runs in the extension's service worker: when each page report arrives (detection runs here) and
 * when the browser has taken each new tooltip. Listeners run in the order they were added, so this
 * one hears a report right after the extension's own listener took it; the tooltip time is when the
 * browser answered setTitle, the moment another page could read the new figure.
 */
function installWorkerWatch() {
  const reports = [];
  const titles = [];
  chrome.runtime.onMessage.addListener((message) => {
    // The message only, kept as it came: turning it into text here would delay the extension's own work.
    if (message?.type === 'page-signals') reports.push({ at: Date.now(), message });
  });
  const setTitle = chrome.action.setTitle.bind(chrome.action);
  chrome.action.setTitle = (details, callback) => {
    const taken = () => titles.push({ at: Date.now(), title: details.title });
    if (typeof callback === 'function') {
      return setTitle(details, (...args) => {
        taken();
        callback(...args);
      });
    }
    return setTitle(details).then((value) => {
      taken();
      return value;
    });
  };
  globalThis.__benchWatch = { reports, titles };
}
