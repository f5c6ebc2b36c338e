import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const BASE_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * One headless Chromium, with one unpacked extension or none. A fresh profile unless
 * `profileDir` is given (the scale section reuses seeded profiles).
 */
export async function launch({ extensionDir, profileDir } = {}) {
  const ownsProfile = !profileDir;
  const dir = profileDir ?? (await mkdtemp(join(tmpdir(), 'kpi-bench-')));
  const args = extensionDir
    ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`, ...BASE_ARGS]
    : ['--disable-extensions', ...BASE_ARGS];
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args,
  });
  let extensionId;
  if (extensionDir) {
    const worker =
      context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
      (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
    extensionId = new URL(worker.url()).host;
    await waitForRuntimeScripts(worker);
    // An extension may open a welcome tab on install; left open it would be the active tab and
    // every page the benchmark opens next would be a hidden background tab that renders nothing.
    await new Promise((r) => setTimeout(r, 300));
    for (const page of context.pages()) if (page.url().startsWith('chrome-extension://')) await page.close();
  }
  return {
    context,
    extensionId,
    profileDir: dir,
    async close() {
      await context.close();
      if (ownsProfile) await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * KPI Pacer registers its content scripts at run time, for the CRM hosts the build holds; pages
 * opened before the background has done so would be measured without them. Other extensions
 * (the no-op baseline) have nothing to wait for.
 */
async function waitForRuntimeScripts(worker, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ready = await worker.evaluate(async () => {
      if (!chrome.scripting?.getRegisteredContentScripts) return true;
      const { origins = [] } = await chrome.permissions.getAll();
      return origins.length === 0 || (await chrome.scripting.getRegisteredContentScripts()).length > 0;
    });
    if (ready) return;
    if (Date.now() > deadline) throw new Error('The extension registered no content scripts');
    await new Promise((r) => setTimeout(r, 100));
  }
}
