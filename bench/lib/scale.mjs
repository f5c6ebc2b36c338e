import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { launch } from './browser.mjs';
import { measureFloorPage } from './floors.mjs';
import { median, ratio } from './stats.mjs';

/**
 * Scale: one browser profile per database size, seeded once with events spread over two years;
 * then rounds that visit the sizes in turn (1k, 10k, 50k, 1k, …), each in a fresh browser on the
 * seeded profile, measuring the popup, the sidebar page, a weekly CSV export of the whole range,
 * and the background's work for one new event.
 */
export async function measureScale({ extensionDir, sizes, rounds, opensPerRound, writesPerRound, log }) {
  const hasSidebar = existsSync(join(extensionDir, 'sidebar.html'));
  const profiles = new Map();
  const samples = new Map(sizes.map((size) => [size, { popup: [], sidebar: [], exportMs: [], exportRows: [], writeMs: [], writeToBadgeMs: [] }]));
  const floorPage = [];
  try {
    for (const size of sizes) {
      const browser = await launch({ extensionDir });
      const profileDir = browser.profileDir;
      try {
        const seededIn = await seed(browser, size);
        log(`scale: seeded ${size} events in ${seededIn.toFixed(0)} ms`);
      } finally {
        // Keep the seeded profile: the rounds below reopen it.
        await browser.context.close();
      }
      profiles.set(size, profileDir);
    }

    for (let round = 0; round < rounds; round += 1) {
      // The floor is measured in every round, between the sizes, so that it sees the same machine.
      floorPage.push(...(await measureFloorPage({ opens: opensPerRound, timeToSix: timeToSixKpis })));
      log(`scale round ${round + 1}/${rounds} floor page: ${fmt(median(floorPage))} ms`);
      for (const size of sizes) {
        const browser = await launch({ extensionDir, profileDir: profiles.get(size) });
        const s = samples.get(size);
        try {
          // The first open after a browser start pays for the worker and the database waking up;
          // the budget is about the rep opening the popup while working, so it is not counted.
          await timeToSixKpis(browser, 'popup.html');
          for (let i = 0; i < opensPerRound; i += 1) s.popup.push(await timeToSixKpis(browser, 'popup.html'));
          if (hasSidebar) {
            await expandSidebar(browser);
            await timeToSixKpis(browser, SIDEBAR_PAGE);
            for (let i = 0; i < opensPerRound; i += 1) s.sidebar.push(await timeToSixKpis(browser, SIDEBAR_PAGE));
          }
          const exported = await exportWholeRange(browser);
          s.exportMs.push(exported.ms);
          s.exportRows.push(exported.rows);
          const writes = await backgroundWrites(browser, writesPerRound, `${size}-${round}`);
          s.writeMs.push(...writes.map((w) => w.answered));
          s.writeToBadgeMs.push(...writes.map((w) => w.badge));
        } finally {
          await browser.context.close();
        }
        log(`scale round ${round + 1}/${rounds} size ${size}: popup ${fmt(median(s.popup))} ms, sidebar ${hasSidebar ? fmt(median(s.sidebar)) : 'n/a'}, export ${fmt(s.exportMs.at(-1))} ms, write ${fmt(median(s.writeMs))} ms`);
      }
    }
  } finally {
    for (const dir of profiles.values()) await rm(dir, { recursive: true, force: true });
  }

  const floorPageMs = median(floorPage);
  const bySize = Object.fromEntries(
    sizes.map((size) => {
      const s = samples.get(size);
      return [
        size,
        {
          popupMs: median(s.popup),
          sidebarMs: hasSidebar ? median(s.sidebar) : undefined,
          exportMs: median(s.exportMs),
          exportWeeks: median(s.exportRows),
          writeMs: median(s.writeMs),
          writeToBadgeMs: median(s.writeToBadgeMs),
          popupOverFloor: ratio(median(s.popup), floorPageMs),
          sidebarOverFloor: hasSidebar ? ratio(median(s.sidebar), floorPageMs) : undefined,
          samples: s,
        },
      ];
    }),
  );
  const [smallest, largest] = [sizes[0], sizes.at(-1)];
  return {
    sizes: bySize,
    floor: { pageMs: floorPageMs, samples: floorPage },
    exportGrowth: ratio(bySize[largest].exportMs, bySize[smallest].exportMs),
  };
}

// The sidebar page as the CRM page frames it; standalone it learns its site from the query.
const SIDEBAR_PAGE = 'sidebar.html?site=acme.lightning.force.com';
const VALUE_SELECTOR = '[data-testid^="kpi-value-"], [data-testid^="sidebar-value-"]';

/** The sidebar starts collapsed on a site; expanding it once is remembered for the site. */
async function expandSidebar(browser) {
  const page = await browser.context.newPage();
  try {
    await page.goto(`chrome-extension://${browser.extensionId}/${SIDEBAR_PAGE}`);
    const tab = page.getByTestId('sidebar-tab');
    await page.waitForFunction((sel) => document.querySelector(sel) || document.querySelector('[data-testid="sidebar-tab"]'), VALUE_SELECTOR, { timeout: 10_000 });
    if ((await page.locator(VALUE_SELECTOR).count()) === 0 && (await tab.count()) > 0) await tab.click();
    await page.waitForFunction((sel) => document.querySelectorAll(sel).length === 6, VALUE_SELECTOR, { timeout: 10_000 });
  } finally {
    await page.close();
  }
}

const fmt = (n) => (n === undefined ? 'n/a' : n.toFixed(0));

/** Fills the extension's events table from an extension page, in bulk transactions. */
async function seed(browser, size) {
  const page = await browser.context.newPage();
  try {
    // Opening the popup makes sure the database exists with its current schema.
    await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid^="kpi-value-"]').length === 6, undefined, { timeout: 20_000 });
    const ms = await page.evaluate(seedEvents, size);
    // Events written straight to IndexedDB bypass the day sums the extension keeps with each write,
    // so the seed drops them and this first export builds them from the events, as the database
    // upgrade does for a rep's existing events; the timed exports then find them kept.
    await exportWholeRange(browser);
    return ms;
  } finally {
    await page.close();
  }
}

/** In the extension page: `size` events over the last two years, in the shape lib/db stores. */
async function seedEvents(size) {
  const started = performance.now();
  const db = await new Promise((resolve, reject) => {
    const open = indexedDB.open('kpi-pacer');
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  if (!db.objectStoreNames.contains('events')) throw new Error('the kpi-pacer database has no events table');
  // A rep's mix: mostly contacts and devices, fewer quotes, few new online customers, some orders.
  const mix = [
    ['contacts', 'contact', 0.4],
    ['devices', 'device', 0.25],
    ['equotes', 'quote', 0.2],
    ['revenue', 'order', 0.1],
    ['ecustomers', 'customer', 0.05],
  ];
  let state = 12345;
  const random = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const now = Date.now();
  const span = 2 * 365 * 86_400_000;
  const batch = 5000;
  // Day sums no longer match once events are written around the extension: dropping their zone
  // row makes the extension build them again from the events (builds without them have no such table).
  const daySums = db.objectStoreNames.contains('daySums') ? ['daySums'] : [];
  for (let from = 0; from < size; from += batch) {
    await new Promise((resolve, reject) => {
      const tx = db.transaction(['events', ...daySums], 'readwrite');
      if (daySums.length > 0) tx.objectStore('daySums').delete('zone');
      const store = tx.objectStore('events');
      for (let i = from; i < Math.min(size, from + batch); i += 1) {
        let r = random();
        let [kpi, kind] = mix[0];
        for (const [k, kd, share] of mix) {
          if (r < share) {
            kpi = k;
            kind = kd;
            break;
          }
          r -= share;
        }
        const recordId = `bench${String(i).padStart(10, '0')}`;
        const event = {
          key: `salesforce:${kind}:${recordId}`,
          kpi,
          at: Math.floor(now - span + random() * (span - 60_000)),
          source: 'detected',
          adapter: 'salesforce',
          kind,
          recordId,
          rule: 'salesforce-aura-create',
        };
        if (kpi === 'revenue') {
          event.amount = Math.round(100 + random() * 4900);
          event.currency = 'USD';
        }
        store.put(event);
      }
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
  }
  db.close();
  return performance.now() - started;
}

/**
 * Opens an extension page and returns the time from its navigation start to all six KPI values
 * being on screen, taken inside the page by an observer installed before any of its scripts run.
 */
async function timeToSixKpis(browser, file) {
  const page = await browser.context.newPage();
  try {
    await page.addInitScript((selector) => {
      const done = () => {
        const values = document.querySelectorAll(selector);
        if (values.length !== 6 || [...values].some((v) => !v.textContent.trim())) return false;
        window.__sixKpisAt = performance.now();
        return true;
      };
      const observer = new MutationObserver(() => done() && observer.disconnect());
      observer.observe(document, { subtree: true, childList: true, characterData: true });
    }, VALUE_SELECTOR);
    await page.goto(`chrome-extension://${browser.extensionId}/${file}`);
    await page.waitForFunction(() => window.__sixKpisAt !== undefined, undefined, { timeout: 20_000 });
    return await page.evaluate(() => window.__sixKpisAt);
  } finally {
    await page.close();
  }
}

/** Weekly CSV export of two years, end to end: click to the popup's "done" status. */
async function exportWholeRange(browser) {
  const page = await browser.context.newPage();
  try {
    await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    await page.getByTestId('export-range').selectOption('custom');
    await page.getByTestId('export-from').selectOption('0');
    const last = await page.getByTestId('export-to').evaluate((select) => select.options[select.options.length - 1].value);
    await page.getByTestId('export-to').selectOption(last);
    const summary = await page.getByTestId('export-summary').textContent();
    const ms = await page.getByTestId('export-csv').evaluate(
      (button) =>
        new Promise((resolve) => {
          const started = performance.now();
          const observer = new MutationObserver(() => {
            const status = document.querySelector('[data-testid="export-status"]');
            if (!status) return;
            observer.disconnect();
            resolve({ ms: performance.now() - started, ok: status.classList.contains('export__status--done'), text: status.textContent });
          });
          observer.observe(document, { subtree: true, childList: true, characterData: true });
          button.click();
        }),
    );
    if (!ms.ok) throw new Error(`export failed: ${ms.text}`);
    // "Weekly rows: 105" style summary: the number of weeks exported.
    const rows = Number((summary ?? '').match(/(\d+)\D*$/)?.[1]);
    return { ms: ms.ms, rows };
  } finally {
    await page.close();
  }
}

/**
 * One new detected record at a time, sent as the content script sends it: time to the
 * background's answer (validated, de-duplicated, stored) and to the badge tooltip reflecting it.
 */
async function backgroundWrites(browser, count, tag) {
  const page = await browser.context.newPage();
  try {
    await page.goto(`chrome-extension://${browser.extensionId}/manifest.json`);
    return await page.evaluate(
      async ({ count, tag }) => {
        const results = [];
        for (let i = 0; i < count; i += 1) {
          const before = await chrome.action.getTitle({});
          const started = performance.now();
          const answer = await chrome.runtime.sendMessage({
            type: 'record-detected',
            record: { adapter: 'salesforce', kind: 'contact', recordId: `003Bw${tag.replace(/\W/g, '')}${i}`.slice(0, 18), hasEmail: true, rule: 'salesforce-aura-create' },
          });
          const answered = performance.now() - started;
          if (!answer?.ok) throw new Error(`record-detected refused: ${answer?.error}`);
          let badge;
          for (let tries = 0; tries < 2000; tries += 1) {
            if ((await chrome.action.getTitle({})) !== before) {
              badge = performance.now() - started;
              break;
            }
            await new Promise((r) => setTimeout(r, 1));
          }
          results.push({ answered, badge });
          await new Promise((r) => setTimeout(r, 50));
        }
        return results;
      },
      { count, tag },
    );
  } finally {
    await page.close();
  }
}
