import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page, type Worker } from 'playwright-core';
import { ALL_HOST_PATTERNS } from '@/lib/crm/adapters';
import type { CountEvent } from '@/lib/db/events';
import type { Snapshot } from '@/lib/kpi/snapshot-types';
import type { Request, Response } from '@/lib/messages/schemas';
import { siteScriptIds } from '@/lib/sites/scripts';

import { registerRedirectTarget } from './lib/fixture-server';
import { startRedirectTarget } from './lib/redirect-target';

export { serveFixtures, type FixtureServer, type FixtureSet } from './lib/fixture-server';

/** A Chromium with the built extension loaded, and handles to talk to its background. */
export interface ExtensionSession {
  context: BrowserContext;
  extensionId: string;
  /** The service worker as first seen; after `restartServiceWorker` talk through `sendToBackground`. */
  serviceWorker: Worker;
  profileDir: string;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** Reuse a profile (e.g. to restart the browser on the same data); a fresh temp one otherwise. */
  profileDir?: string;
  extensionDir?: string;
  /** Keep the profile folder on close (default: delete it when this call created it). */
  keepProfile?: boolean;
  /**
   * The browser's UI language, e.g. "ru". On Linux Chromium takes it from the LANGUAGE variable
   * (`--lang` alone changes the extension's messages but not `i18n.getUILanguage()`), so both are set.
   */
  uiLanguage?: string;
  /** Page viewport, e.g. a 1366×768 laptop; Playwright's 1280×720 otherwise. */
  viewport?: { width: number; height: number };
}

interface ContextOptions {
  uiLanguage?: string;
  viewport?: { width: number; height: number };
}

// Internal per-session state: a cached extension page and its CDP session.
const extensionPages = new WeakMap<ExtensionSession, Promise<Page>>();
const cdpSessions = new WeakMap<ExtensionSession, Promise<CDPSession>>();

/**
 * KPI_E2E_FAKETIME="2026-12-14 08:40:00" runs Chromium under Debian's libfaketime at that machine
 * time (UTC), to check that nothing the suite asserts depends on the machine's clock. The offset is
 * relative, so every Chromium process (browser, renderers, the service worker) agrees on it and
 * time still moves.
 */
const LIBFAKETIME = '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1';

export function faketimeEnv(wallClock = process.env.KPI_E2E_FAKETIME): Record<string, string> | undefined {
  if (!wallClock) return undefined;
  const target = Date.parse(`${wallClock.trim().replace(' ', 'T')}Z`);
  if (Number.isNaN(target)) throw new Error(`KPI_E2E_FAKETIME is not "YYYY-MM-DD hh:mm:ss": ${wallClock}`);
  const offsetSeconds = Math.round((target - Date.now()) / 1000);
  return {
    ...(process.env as Record<string, string>),
    LD_PRELOAD: LIBFAKETIME,
    FAKETIME: `${offsetSeconds >= 0 ? '+' : ''}${offsetSeconds}`,
    TZ: 'UTC',
  };
}

const BASE_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/**
 * A persistent Chromium context wired for fixtures: every host resolves to the local redirect
 * target (so nothing reaches the network even after a redirect), self-signed TLS accepted.
 */
async function launchContext(profileDir: string, extraArgs: string[], options: ContextOptions = {}): Promise<{ context: BrowserContext; closeAll(): Promise<void> }> {
  const redirectTarget = await startRedirectTarget();
  const language = options.uiLanguage;
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: process.env.KPI_HEADED !== '1',
    ignoreHTTPSErrors: true,
    args: [...extraArgs, ...BASE_ARGS, ...redirectTarget.chromiumArgs, ...(language ? [`--lang=${language}`] : [])],
    // On Linux, Chromium takes its UI language (what chrome.i18n answers) from LANGUAGE; the
    // optional faketime environment moves the whole browser's clock.
    ...(language || faketimeEnv()
      ? { ...(language && { locale: language }), env: { ...(faketimeEnv() ?? (process.env as Record<string, string>)), ...(language && { LANGUAGE: language }) } }
      : {}),
    ...(options.viewport && { viewport: options.viewport }),
  });
  registerRedirectTarget(context, redirectTarget);
  return {
    context,
    async closeAll() {
      await context.close();
      await redirectTarget.close();
    },
  };
}

export async function launchExtension(options: LaunchOptions = {}): Promise<ExtensionSession> {
  const extensionDir = resolve(options.extensionDir ?? process.env.KPI_EXTENSION_DIR ?? '.output/chrome-mv3');
  const ownsProfile = options.keepProfile === undefined ? !options.profileDir : !options.keepProfile;
  const profileDir = options.profileDir ?? (await mkdtemp(join(tmpdir(), 'kpi-e2e-')));
  const { context, closeAll } = await launchContext(profileDir, [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`], {
    ...(options.uiLanguage && { uiLanguage: options.uiLanguage }),
    ...(options.viewport && { viewport: options.viewport }),
  });
  const serviceWorker =
    context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
    (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(serviceWorker.url()).host;
  // A reused profile keeps the registrations of its last session (and may have CRMs turned off).
  if (!options.profileDir) await waitForCrmScripts(serviceWorker);
  return {
    context,
    extensionId,
    serviceWorker,
    profileDir,
    async close() {
      await closeAll();
      if (ownsProfile) await rm(profileDir, { recursive: true, force: true });
    },
  };
}

/**
 * The background registers the content scripts at run time, once it has seen which CRM hosts the
 * browser holds; a page opened before that would run without them. On a fresh profile every
 * shipped CRM is on, so this waits until each host the build holds has both scripts.
 */
async function waitForCrmScripts(serviceWorker: Worker): Promise<void> {
  const held = await serviceWorker.evaluate(
    (patterns) => Promise.all(patterns.map((origin) => chrome.permissions.contains({ origins: [origin] }))),
    ALL_HOST_PATTERNS,
  );
  const wanted = ALL_HOST_PATTERNS.filter((_, i) => held[i]).flatMap((pattern) => Object.values(siteScriptIds(pattern)));
  await waitFor(
    async () => {
      const registered = new Set((await serviceWorker.evaluate(() => chrome.scripting.getRegisteredContentScripts())).map((s) => s.id));
      return wanted.every((id) => registered.has(id));
    },
    15_000,
    'the content scripts of the CRM hosts the build holds',
  );
}

/** The same browser set-up without the extension, for checking fixtures on their own. */
export async function launchPlainBrowser(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profileDir = await mkdtemp(join(tmpdir(), 'kpi-e2e-plain-'));
  const { context, closeAll } = await launchContext(profileDir, []);
  return {
    context,
    async close() {
      await closeAll();
      await rm(profileDir, { recursive: true, force: true });
    },
  };
}

/** An extension page kept open for talking to the background (popup.html exists in every build). */
export function extensionPage(session: ExtensionSession): Promise<Page> {
  let page = extensionPages.get(session);
  if (!page) {
    page = (async () => {
      const p = await session.context.newPage();
      await p.goto(`chrome-extension://${session.extensionId}/popup.html`);
      return p;
    })();
    extensionPages.set(session, page);
  }
  return page;
}

/** The match patterns that have both content scripts registered now, sorted. */
export async function registeredPatterns(session: ExtensionSession): Promise<string[]> {
  const page = await extensionPage(session);
  const scripts = await page.evaluate(() => chrome.scripting.getRegisteredContentScripts());
  const ids = new Set(scripts.map((s) => s.id));
  const patterns = [...new Set(scripts.flatMap((s) => s.matches ?? []))];
  return patterns.filter((pattern) => Object.values(siteScriptIds(pattern)).every((id) => ids.has(id))).sort();
}

/** Sends a message as an extension page would and returns the background's `{ok, …}` answer. */
export async function sendToBackground<T = unknown>(session: ExtensionSession, message: Request | Record<string, unknown>): Promise<Response<T>> {
  const page = await extensionPage(session);
  return page.evaluate((m) => chrome.runtime.sendMessage(m), message) as Promise<Response<T>>;
}

async function requireData<T>(session: ExtensionSession, message: Request): Promise<T> {
  const answer = await sendToBackground<T>(session, message);
  if (!answer || typeof answer !== 'object' || !('ok' in answer)) {
    throw new Error(`No answer envelope for ${message.type}: ${JSON.stringify(answer)}`);
  }
  if (!answer.ok) throw new Error(`${message.type} refused: ${answer.error}`);
  return answer.data;
}

export interface EventFilter {
  kpi?: CountEvent['kpi'];
  from?: number;
  to?: number;
  limit?: number;
}

/**
 * Reads the counted events straight from the extension's database in one of its pages, newest
 * first (the order the background keeps them in: by time, then by key). A test helper: the
 * product has no message that lists events.
 */
export const READ_EVENTS = async (filter: { kpi?: string; from?: number; to?: number; limit?: number }) => {
  const database = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open('kpi-pacer');
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  try {
    const all = await new Promise<Array<{ key: string; kpi: string; at: number }>>((resolve, reject) => {
      const request = database.transaction('events', 'readonly').objectStore('events').getAll();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const from = filter.from ?? 0;
    const to = filter.to ?? Number.MAX_SAFE_INTEGER;
    return all
      .filter((e) => (filter.kpi === undefined || e.kpi === filter.kpi) && e.at >= from && e.at < to)
      .sort((a, b) => b.at - a.at || (a.key < b.key ? 1 : a.key > b.key ? -1 : 0))
      .slice(0, filter.limit ?? 1000);
  } finally {
    database.close();
  }
};

export async function listEvents(session: ExtensionSession, filter: EventFilter = {}): Promise<CountEvent[]> {
  const page = await extensionPage(session);
  return (await page.evaluate(READ_EVENTS, filter)) as CountEvent[];
}

/** The KPI snapshot, as the popup gets it. */
export async function snapshot(session: ExtensionSession): Promise<Snapshot> {
  return (await requireData<{ snapshot: Snapshot }>(session, { type: 'view-data', recent: 1 })).snapshot;
}

/**
 * Test build only: stands the extension's clock still at `at` (epoch ms; null for the system
 * clock) in the background and every view, and waits until the badge is redrawn for that moment.
 */
export async function pinClock(session: ExtensionSession, at: number | null): Promise<void> {
  const answer = await sendToBackground<{ now: number }>(session, { type: 'test-pin-clock', at });
  if (!answer?.ok) throw new Error(`The extension did not pin its clock: ${JSON.stringify(answer)}`);
  if (at !== null && answer.data.now !== at) throw new Error(`The extension's clock reads ${answer.data.now}, not ${at}`);
}

/** The toolbar badge colour as [r, g, b, a]. */
export async function badgeColor(session: ExtensionSession): Promise<number[]> {
  const page = await extensionPage(session);
  return page.evaluate(async () => [...(await chrome.action.getBadgeBackgroundColor({}))]);
}

/** The toolbar badge as the rep sees it. Read from an extension page, which survives worker restarts. */
export async function badge(session: ExtensionSession): Promise<{ text: string; title: string }> {
  const page = await extensionPage(session);
  return page.evaluate(async () => ({
    text: await chrome.action.getBadgeText({}),
    title: await chrome.action.getTitle({}),
  }));
}

function cdp(session: ExtensionSession): Promise<CDPSession> {
  let s = cdpSessions.get(session);
  if (!s) {
    s = extensionPage(session).then((page) => session.context.newCDPSession(page));
    cdpSessions.set(session, s);
  }
  return s;
}

type WorkerVersion = { versionId: string; scriptURL: string; runningStatus: string };

/**
 * Stops the extension's MV3 service worker, as Chrome does when it idles, and waits until a
 * message has woken it again. Playwright's Worker object does not notice this restart, so the
 * state is followed through the CDP ServiceWorker domain.
 */
export async function restartServiceWorker(session: ExtensionSession, timeoutMs = 15_000): Promise<void> {
  const client = await cdp(session);
  const prefix = `chrome-extension://${session.extensionId}/`;
  const statuses: string[] = [];
  const onUpdate = (e: { versions: WorkerVersion[] }) => {
    for (const v of e.versions) if (v.scriptURL.startsWith(prefix)) statuses.push(v.runningStatus);
  };
  client.on('ServiceWorker.workerVersionUpdated', onUpdate);
  try {
    await client.send('ServiceWorker.enable');
    await client.send('ServiceWorker.stopAllWorkers');
    await waitFor(() => statuses.includes('stopped'), timeoutMs, 'the service worker to stop');
    statuses.length = 0;
    // Any message wakes the worker; the snapshot answer proves it is serving again.
    const answer = await sendToBackground<{ snapshot: Snapshot }>(session, { type: 'view-data', recent: 1 });
    if (!answer || !('ok' in answer)) throw new Error('The restarted service worker did not answer');
    await waitFor(() => statuses.includes('running'), timeoutMs, 'the service worker to run again');
  } finally {
    client.off('ServiceWorker.workerVersionUpdated', onUpdate);
    await client.send('ServiceWorker.disable').catch(() => undefined);
  }
}

export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string, intervalMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
