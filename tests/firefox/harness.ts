import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { ADAPTERS, ALL_HOST_PATTERNS } from '@/lib/crm/adapters';
import type { CountEvent } from '@/lib/db/events';
import type { Snapshot } from '@/lib/kpi/snapshot-types';
import type { Request, Response } from '@/lib/messages/schemas';
import { siteScriptIds } from '@/lib/sites/scripts';
import { createFixtureDispatcher, type FixtureDispatcher, type FixtureSet } from '@/tests/e2e/lib/fixture-server';
import { READ_EVENTS, waitFor } from '@/tests/e2e/harness';
import { startFixtureProxy, type FixtureProxy } from './lib/fixture-proxy';

export { waitFor };

/** Debian's Firefox ESR with the built extension installed in its profile, every host served by fixtures. */
export interface FirefoxSession {
  browser: Browser;
  /** The extension's moz-extension:// host (fixed per profile, so tests can open its pages). */
  extensionHost: string;
  profileDir: string;
  /** Where Firefox saves downloads without asking. */
  downloadDir: string;
  extensionUrl(path: string): string;
  /**
   * Serves these fixture CRMs (replacing any served before). Pass a dispatcher from an earlier
   * session to keep the fake CRM's state (its next record ids) across a browser restart.
   */
  serveFixtures(fixtures: FixtureSet | FixtureSet[] | FixtureDispatcher): FixtureDispatcher;
  close(): Promise<void>;
}

export interface FirefoxLaunchOptions {
  /** Reuse a profile (restart on the same data); a fresh one otherwise. */
  profileDir?: string;
  extensionDir?: string;
  /** Keep the profile folder on close (default: delete it when this call created it). */
  keepProfile?: boolean;
}

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

function addonId(extensionDir: string): string {
  const manifest = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8'));
  const id = manifest.browser_specific_settings?.gecko?.id;
  if (typeof id !== 'string') throw new Error(`${extensionDir}/manifest.json has no gecko id: build with -b firefox`);
  return id;
}

/**
 * Installs the unpacked build into the profile as a normal (not temporary) add-on, so it stays
 * installed across a browser restart like a rep's: a proxy file named after the add-on id that
 * holds the build's path. Firefox ESR loads it unsigned with `xpinstall.signatures.required` off.
 */
async function installIntoProfile(profileDir: string, extensionDir: string, id: string): Promise<void> {
  const dir = join(profileDir, 'extensions');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, id), extensionDir);
}

export async function launchFirefox(options: FirefoxLaunchOptions = {}): Promise<FirefoxSession> {
  const extensionDir = resolve(options.extensionDir ?? process.env.KPI_FIREFOX_EXTENSION_DIR ?? '.output-test-firefox/firefox-mv3');
  if (!existsSync(join(extensionDir, 'manifest.json'))) throw new Error(`No Firefox build at ${extensionDir}`);
  const id = addonId(extensionDir);
  const ownsProfile = options.keepProfile === undefined ? !options.profileDir : !options.keepProfile;
  const profileDir = options.profileDir ?? (await mkdtemp(join(tmpdir(), 'kpi-ff-')));
  const downloadDir = join(profileDir, 'downloads');
  await mkdir(downloadDir, { recursive: true });
  // The moz-extension host is random per install; the profile keeps it, and a preset entry makes it known.
  const uuidFile = join(profileDir, 'kpi-extension-host');
  const extensionHost = existsSync(uuidFile) ? readFileSync(uuidFile, 'utf8') : randomUUID();
  await writeFile(uuidFile, extensionHost);
  const fresh = !existsSync(join(profileDir, 'extensions', id));
  if (fresh) await installIntoProfile(profileDir, extensionDir, id);

  const proxy: FixtureProxy = await startFixtureProxy();
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX_PATH,
      headless: process.env.KPI_HEADED !== '1',
      // Lets WebDriver BiDi load moz-extension:// pages (the popup, options) in a tab.
      args: ['--remote-allow-system-access'],
      userDataDir: profileDir,
      // The fixture server's certificate is a throw-away self-signed one.
      acceptInsecureCerts: true,
      extraPrefsFirefox: {
        ...proxy.prefs,
        'xpinstall.signatures.required': false,
        'extensions.webextensions.uuids': JSON.stringify({ [id]: extensionHost }),
        'browser.download.folderList': 2,
        'browser.download.dir': downloadDir,
        'browser.download.useDownloadDir': true,
        'browser.download.always_ask_before_handling_new_types': false,
        'browser.download.alwaysOpenPanel': false,
        // A headless browser cannot click the permission prompt: an optional permission asked
        // for from a click is granted as if the rep had clicked "Allow". Firefox still refuses a
        // request made outside a user gesture, so the gesture rules are tested all the same.
        'extensions.webextOptionalPermissionPrompts': false,
      },
    });
  } catch (error) {
    await proxy.close();
    throw error;
  }
  const session: FirefoxSession = {
    browser,
    extensionHost,
    profileDir,
    downloadDir,
    extensionUrl: (path) => `moz-extension://${extensionHost}/${path.replace(/^\//, '')}`,
    serveFixtures(sets) {
      const fixtures = 'dispatch' in sets ? sets : createFixtureDispatcher(sets);
      proxy.use(fixtures.dispatch);
      return fixtures;
    },
    async close() {
      extensionPages.delete(session);
      await browser.close().catch(() => undefined);
      await proxy.close();
      if (ownsProfile) await rm(profileDir, { recursive: true, force: true });
    },
  };
  try {
    await waitForBackground(session);
    // A reused profile keeps the registrations of its last session.
    if (fresh) await waitForCrmScripts(session);
  } catch (error) {
    // No browser, proxy or throw-away profile is left behind by a launch that failed.
    await session.close();
    throw error;
  }
  return session;
}

const extensionPages = new WeakMap<FirefoxSession, Promise<Page>>();

type NavigableFrame = { browsingContext: { navigate(url: string, wait?: 'none' | 'interactive' | 'complete'): Promise<void> } };

/**
 * Opens one of the extension's pages in a new tab. Firefox's WebDriver BiDi reports no events
 * for extension documents (they are skipped until it supports debugging extensions, bug 1755014),
 * so `page.goto` would wait forever for a load it is never told about: the tab is navigated
 * without waiting and the page's own readiness is polled instead. Scripts and input still reach it.
 */
export async function openExtensionPage(session: FirefoxSession, path: string, page?: Page): Promise<Page> {
  const tab = page ?? (await session.browser.newPage());
  const url = session.extensionUrl(path);
  await (tab.mainFrame() as unknown as NavigableFrame).browsingContext.navigate(url, 'none');
  await waitFor(
    async () => (await tab.evaluate(() => `${location.href} ${document.readyState}`).catch(() => '')) === `${url} complete`,
    15_000,
    `${path} to load`,
  );
  return tab;
}

/** An extension page kept open for talking to the background (popup.html exists in every build). */
export function extensionPage(session: FirefoxSession): Promise<Page> {
  let page = extensionPages.get(session);
  if (!page) {
    page = openExtensionPage(session, 'popup.html');
    extensionPages.set(session, page);
  }
  return page;
}

/** Waits until the extension's pages load and its background answers. */
async function waitForBackground(session: FirefoxSession): Promise<void> {
  await waitFor(
    async () => {
      const page = await extensionPage(session).catch(() => undefined);
      if (!page) {
        extensionPages.delete(session);
        return false;
      }
      const answer = await page.evaluate(() => browser.runtime.sendMessage({ type: 'view-data', recent: 1 })).catch(() => undefined);
      return Boolean(answer && (answer as { ok?: boolean }).ok);
    },
    30_000,
    'the extension to load in Firefox and its background to answer',
    250,
  );
}

/** On a fresh profile: waits until every host the build holds has both content scripts registered. */
async function waitForCrmScripts(session: FirefoxSession): Promise<void> {
  const page = await extensionPage(session);
  const held = await page.evaluate((patterns) => Promise.all(patterns.map((origin) => browser.permissions.contains({ origins: [origin] }))), ALL_HOST_PATTERNS);
  const wanted = ALL_HOST_PATTERNS.filter((_, i) => held[i]).flatMap((pattern) => Object.values(siteScriptIds(pattern)));
  await waitFor(async () => {
    const registered = new Set((await registeredScripts(session)).map((s) => s.id));
    return wanted.every((scriptId) => registered.has(scriptId));
  }, 15_000, 'the content scripts of the CRM hosts the build holds');
}

export async function registeredScripts(session: FirefoxSession): Promise<{ id: string; matches?: string[]; js?: string[]; world?: string; persistAcrossSessions?: boolean }[]> {
  const page = await extensionPage(session);
  return page.evaluate(() => browser.scripting.getRegisteredContentScripts());
}

/** Sends a message as an extension page would and returns the background's `{ok, …}` answer. */
export async function sendToBackground<T = unknown>(session: FirefoxSession, message: Request | Record<string, unknown>): Promise<Response<T>> {
  const page = await extensionPage(session);
  return page.evaluate((m) => browser.runtime.sendMessage(m), message) as Promise<Response<T>>;
}

async function requireData<T>(session: FirefoxSession, message: Request): Promise<T> {
  const answer = await sendToBackground<T>(session, message);
  if (!answer || typeof answer !== 'object' || !('ok' in answer)) throw new Error(`No answer envelope for ${message.type}: ${JSON.stringify(answer)}`);
  if (!answer.ok) throw new Error(`${message.type} refused: ${answer.error}`);
  return answer.data;
}



export async function listEvents(session: FirefoxSession, filter: { kpi?: CountEvent['kpi']; from?: number; to?: number; limit?: number } = {}): Promise<CountEvent[]> {
  const page = await extensionPage(session);
  return (await page.evaluate(READ_EVENTS, filter)) as CountEvent[];
}

/** The KPI snapshot, as the popup gets it. */
export async function snapshot(session: FirefoxSession): Promise<Snapshot> {
  return (await requireData<{ snapshot: Snapshot }>(session, { type: 'view-data', recent: 1 })).snapshot;
}

/** The toolbar badge as the rep sees it, read through the extension's own API. */
/**
 * A KPI's target as the badge tooltip writes it. A first week counts from the day of install, so
 * the target depends on the weekday the suite runs and is read, never written down.
 */
export function tooltipTarget(shown: Snapshot, kpi: Snapshot['kpis'][number]['kpi']): string {
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }).format(shown.kpis.find((k) => k.kpi === kpi)!.target);
}

export async function badge(session: FirefoxSession): Promise<{ text: string; title: string }> {
  const page = await extensionPage(session);
  return page.evaluate(async () => ({ text: await browser.action.getBadgeText({}), title: await browser.action.getTitle({}) }));
}

/** Host patterns the extension holds now. */
export async function heldOrigins(session: FirefoxSession): Promise<string[]> {
  const page = await extensionPage(session);
  return ((await page.evaluate(() => browser.permissions.getAll())).origins ?? []).sort();
}

/**
 * The first-run page as a rep goes through it: ticks the given CRMs and finishes, which asks for
 * exactly their hosts from the click. Waits until the background registered their scripts.
 */
export async function onboard(session: FirefoxSession, crmIds: string[]): Promise<void> {
  const page = await openExtensionPage(session, 'onboarding.html');
  await page.waitForSelector('[data-testid="onboarding-finish"]', { timeout: 15_000 });
  for (const id of crmIds) await page.locator(`[data-testid="onboarding-crm-${id}"]`).click();
  await page.locator('[data-testid="onboarding-finish"]').click();
  await page.waitForSelector('[data-testid="onboarding-done"]', { timeout: 15_000 });
  const patterns = ADAPTERS.filter((a) => crmIds.includes(a.id)).flatMap((a) => a.hosts);
  const wanted = patterns.flatMap((pattern) => Object.values(siteScriptIds(pattern)));
  await waitFor(async () => {
    const registered = new Set((await registeredScripts(session)).map((s) => s.id));
    return wanted.every((scriptId) => registered.has(scriptId));
  }, 15_000, `the content scripts of ${crmIds.join(', ')}`);
  await page.close();
}
