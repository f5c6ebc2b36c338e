import { chromium } from 'playwright-core';
const dir = process.argv[2];
const ctx = await chromium.launchPersistentContext('/tmp/prof-' + Date.now(), { executablePath: '/usr/bin/chromium', headless: true, args: [`--disable-extensions-except=${dir}`, `--load-extension=${dir}`, '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
const sw = ctx.serviceWorkers()[0] ?? await ctx.waitForEvent('serviceworker');
const r = await Promise.race([sw.evaluate(async () => {
  const out = [];
  out.push('dbs ' + JSON.stringify(await indexedDB.databases()));
  out.push(typeof browser);
  return out.join('\n');
}), new Promise(r => setTimeout(() => r('TIMEOUT'), 5000))]);
console.log(r);
const id = new URL(sw.url()).host;
const p = await ctx.newPage();
await p.goto(`chrome-extension://${id}/popup.html`);
console.log(await Promise.race([p.evaluate(() => new Promise(res => chrome.runtime.sendMessage({ type: 'get-snapshot' }, (r) => res(JSON.stringify(r) + ' ' + JSON.stringify(chrome.runtime.lastError))))), new Promise(r => setTimeout(() => r('TIMEOUT'), 5000))]));
await ctx.close();
