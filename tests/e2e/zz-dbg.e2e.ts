import { it } from 'vitest';
import { launchExtension } from './harness';
it('dbg', async () => {
  const s = await launchExtension();
  s.serviceWorker.on('console', (m) => console.log('SW console', m.text()));
  const p = await s.context.newPage();
  p.on('console', (m) => console.log('page console', m.text()));
  p.on('pageerror', (e) => console.log('page error', e.message));
  console.log('goto');
  await p.goto(`chrome-extension://${s.extensionId}/popup.html`, { timeout: 10000 }).catch((e) => console.log('goto err', e.message));
  console.log('eval');
  const r = await Promise.race([p.evaluate(() => chrome.runtime.sendMessage({ type: 'list-events' })), new Promise((r) => setTimeout(() => r('TIMEOUT'), 8000))]);
  console.log('answer', JSON.stringify(r)?.slice(0, 300));
  console.log('sw eval', await s.serviceWorker.evaluate(() => typeof (globalThis as any).chrome?.runtime?.onMessage).catch((e) => e.message));
  await s.close();
});
