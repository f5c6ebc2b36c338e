import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '@/tests/fixtures';
import { launchPlainBrowser, serveFixtures } from './harness';

// The fake CRMs on their own, without the extension: every flow completes against the fake
// server, every route is exercised, nothing is left unanswered and no page script throws.
describe.each(FIXTURES.map((f) => [f.fixtureSet.name, f] as const))('fixture %s', (_name, fixture) => {
  let browser: Awaited<ReturnType<typeof launchPlainBrowser>>;
  beforeAll(async () => {
    browser = await launchPlainBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('runs every flow against the fake server and exercises every route', async () => {
    const { context } = browser;
    const server = await serveFixtures(context, fixture.fixtureSet);
    const pageErrors: string[] = [];
    let page: Awaited<ReturnType<typeof context.newPage>> | undefined;
    for (const flow of fixture.flows) {
      // A flow that carries on where the previous one left keeps its page.
      if (!flow.continues || !page) {
        await page?.close();
        page = await context.newPage();
        page.setDefaultTimeout(10_000);
        page.on('pageerror', (e) => pageErrors.push(`${e.message}`));
      }
      await flow.run(page);
      if (flow.tail) await flow.tail(page);
    }
    await page?.close();
    await server.stop();
    expect(pageErrors).toEqual([]);
    expect(server.log.filter((r) => r.route === 'unmatched' || r.route === 'aborted').map((r) => `${r.method} ${r.url}`)).toEqual([]);
    const hit = new Set(server.log.map((r) => r.route));
    expect(fixture.fixtureSet.routes.map((r) => r.id).filter((id) => !hit.has(id))).toEqual([]);
  });
});
