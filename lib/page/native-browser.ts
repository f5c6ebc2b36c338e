import type { browser as wxtBrowser } from 'wxt/browser';

type Browser = typeof wxtBrowser;

/**
 * The extension API for content scripts, without webextension-polyfill: content scripts run on
 * every CRM page the rep opens, so their size is a budget, and the polyfill alone is 3 KB
 * gzipped. Firefox has `browser` natively; Chrome's `chrome` answers with promises in Manifest
 * V3. The one difference content scripts must respect: an `onMessage` listener answers through
 * `sendResponse` (returning `true`), never by returning a promise. wxt.config.ts puts this module
 * in place of the polyfill for content scripts only; extension pages keep the polyfill.
 */
const scope = globalThis as unknown as { browser?: Browser; chrome?: Browser };
export const browser: Browser = scope.browser?.runtime?.id ? scope.browser : (scope.chrome as Browser);
