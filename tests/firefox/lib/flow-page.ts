import type { Page as PlaywrightPage } from 'playwright-core';
import type { HTTPResponse, Page } from 'puppeteer-core';
import { waitFor } from '@/tests/e2e/harness';

/**
 * The fixture CRMs' flows (tests/fixtures/<crm>/flows.ts) are written against the few Playwright
 * page calls below. This gives a puppeteer page in Firefox the same calls, so the very same flows
 * run in both browsers. Each call waits the way Playwright's does: for the element, the URL or the
 * response, never for a fixed time.
 */
const TIMEOUT_MS = 15_000;

type State = 'attached' | 'detached' | 'visible' | 'hidden';

class FlowLocator {
  constructor(
    private readonly page: Page,
    private readonly selector: string,
  ) {}

  private async element() {
    const handle = await this.page.waitForSelector(this.selector, { timeout: TIMEOUT_MS });
    if (!handle) throw new Error(`No element for ${this.selector}`);
    return handle;
  }

  click(): Promise<void> {
    return this.page.locator(this.selector).setTimeout(TIMEOUT_MS).click();
  }

  fill(value: string): Promise<void> {
    return this.page.locator(this.selector).setTimeout(TIMEOUT_MS).fill(value);
  }

  async check(): Promise<void> {
    const handle = await this.element();
    if (!(await handle.evaluate((el) => (el as HTMLInputElement).checked))) await this.click();
  }

  async getAttribute(name: string): Promise<string | null> {
    return (await this.element()).evaluate((el, attribute) => el.getAttribute(attribute), name);
  }

  async textContent(): Promise<string | null> {
    return (await this.element()).evaluate((el) => el.textContent);
  }

  async waitFor(options: { state?: State } = {}): Promise<void> {
    const state = options.state ?? 'visible';
    if (state === 'detached') {
      await this.page.waitForFunction((sel) => !document.querySelector(sel), { timeout: TIMEOUT_MS }, this.selector);
      return;
    }
    await this.page.waitForSelector(this.selector, { timeout: TIMEOUT_MS, visible: state === 'visible', hidden: state === 'hidden' });
  }
}

class FlowPage {
  constructor(readonly page: Page) {}

  async goto(url: string): Promise<void> {
    await this.page.goto(url, { timeout: TIMEOUT_MS });
  }

  getByTestId(testId: string): FlowLocator {
    return new FlowLocator(this.page, `[data-testid="${testId}"]`);
  }

  locator(selector: string): FlowLocator {
    return new FlowLocator(this.page, selector);
  }

  /** Polls the document's own address, which also follows pushState (a SPA changing records). */
  async waitForURL(pattern: RegExp): Promise<void> {
    await waitFor(async () => pattern.test(await this.page.evaluate(() => location.href).catch(() => '')), TIMEOUT_MS, `the URL to match ${pattern}`);
  }

  waitForResponse(predicate: (response: HTTPResponse) => boolean): Promise<HTTPResponse> {
    return this.page.waitForResponse(predicate, { timeout: TIMEOUT_MS });
  }

  evaluate<T>(fn: () => T | Promise<T>): Promise<T> {
    return this.page.evaluate(fn) as Promise<T>;
  }

  close(): Promise<void> {
    return this.page.close();
  }
}

/** A puppeteer page as the flows see it (they are typed with Playwright's Page, of which they use this part). */
export function flowPage(page: Page): PlaywrightPage {
  return new FlowPage(page) as unknown as PlaywrightPage;
}
