import { launch } from './browser.mjs';
import { RECORD_URL, serveHeavyCrm } from './crm-server.mjs';
import { percentile } from './stats.mjs';

/**
 * Floors measured in the same run as the figures they judge, because absolute times do not travel
 * between machines: the same build showed its six KPIs in 66 ms on one machine and 195 ms on
 * another of the same kind. The floor extension (bench/floor-extension) does the least an extension
 * can do for the same work: a page showing six numbers from storage.session, and a service worker
 * that answers a message.
 */
export const FLOOR_DIR = new URL('../floor-extension', import.meta.url).pathname;

/** Time to six numbers on the floor page, `opens` times after one warm-up open, in a fresh browser. */
export async function measureFloorPage({ opens, timeToSix }) {
  const browser = await launch({ extensionDir: FLOOR_DIR });
  try {
    await timeToSix(browser, 'floor.html');
    const samples = [];
    for (let i = 0; i < opens; i += 1) samples.push(await timeToSix(browser, 'floor.html'));
    return samples;
  } finally {
    await browser.close();
  }
}

/** `count` sequential message round trips from an extension page to the floor's service worker. */
export async function measureRoundTrips({ count, spacingMs = 20 }) {
  const browser = await launch({ extensionDir: FLOOR_DIR });
  try {
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/floor.html`);
    const samples = await page.evaluate(roundTrips, { count, spacingMs });
    return { samples, p50: percentile(samples, 50), p95: percentile(samples, 95) };
  } finally {
    await browser.close();
  }
}

/**
 * The same round trip from an extension frame on the heavy CRM page (where KPI Pacer's sidebar
 * sits) while the page churns its DOM as during the creates: the browser is as busy as when the
 * creates are measured, so every trip between its processes costs what it costs then. The budget
 * for detect → badge uses this floor.
 */
export async function measureLoadedRoundTrips({ count, spacingMs, mutationsPerSecond, settleMs }) {
  return onHeavyPage(async (page, extensionId) => {
    const src = `chrome-extension://${extensionId}/floor.html`;
    await page.evaluate(
      (src) =>
        new Promise((resolve, reject) => {
          const frame = document.createElement('iframe');
          frame.src = src;
          frame.onload = resolve;
          frame.onerror = () => reject(new Error('the floor frame did not load'));
          document.body.append(frame);
        }),
      src,
    );
    const frame = page.frames().find((f) => f.url() === src);
    if (!frame) throw new Error('the floor frame is not on the page');
    await page.waitForTimeout(settleMs);
    await page.evaluate((o) => window.__bench.churn.start(o), { mutationsPerSecond });
    try {
      return await frame.evaluate(roundTrips, { count, spacingMs });
    } finally {
      await page.evaluate(() => window.__bench.churn.stop());
    }
  });
}

/** Runs in an extension page or frame: milliseconds for each of `count` round trips, one at a time. */
async function roundTrips({ count, spacingMs }) {
  const out = [];
  // One unmeasured trip wakes the worker, as a rep's first create of the day would.
  await chrome.runtime.sendMessage({ n: -1 });
  for (let n = 0; n < count; n += 1) {
    const started = performance.now();
    const answer = await chrome.runtime.sendMessage({ n });
    if (answer?.echo !== n) throw new Error('the floor worker did not answer');
    out.push(performance.now() - started);
    await new Promise((r) => setTimeout(r, spacingMs));
  }
  return out;
}

/**
 * A round trip from the benchmark's heavy CRM page itself, through the floor extension's content
 * script, while the page churns its DOM as during the creates: the least any extension pays to
 * hear of something on that page. Reported beside the page's share of the latency.
 */
export async function measurePageRoundTrips({ count, spacingMs, mutationsPerSecond, settleMs }) {
  return onHeavyPage(async (page) => {
    await page.waitForTimeout(settleMs);
    return page.evaluate((o) => window.__bench.runPings(o), { count, spacingMs, mutationsPerSecond });
  });
}

/** Runs `measure` on the heavy CRM page in a browser with the floor extension; its samples summed up. */
async function onHeavyPage(measure) {
  const browser = await launch({ extensionDir: FLOOR_DIR });
  try {
    await serveHeavyCrm(browser.context);
    const page = await browser.context.newPage();
    await page.goto(RECORD_URL);
    await page.waitForFunction(() => window.__bench?.ready === true);
    const samples = await measure(page, browser.extensionId);
    return { samples, p50: percentile(samples, 50), p95: percentile(samples, 95) };
  } finally {
    await browser.close();
  }
}
