import { chromium } from 'playwright-core';
const dir = process.argv[2];
const ctx = await chromium.launchPersistentContext('/tmp/prof-' + Date.now(), { executablePath: '/usr/bin/chromium', headless: true, args: [`--disable-extensions-except=${dir}`, `--load-extension=${dir}`, '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
const sw = ctx.serviceWorkers()[0] ?? await ctx.waitForEvent('serviceworker');
console.log(await sw.evaluate(async () => {
  const out = [];
  out.push('listeners ' + chrome.runtime.onMessage.hasListeners());
  out.push('alarms ' + JSON.stringify(await chrome.alarms.getAll()));
  try { const req = indexedDB.open('probe'); await new Promise((res, rej) => { req.onsuccess = res; req.onerror = rej; req.onblocked = () => res('blocked'); setTimeout(() => res('slow'), 2000); }); out.push('idb ok'); } catch (e) { out.push('idb err ' + e); }
  return out.join('\n');
}));
await ctx.close();
