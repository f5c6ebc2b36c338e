import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { BrowserContext, Request, Route } from 'playwright-core';

/**
 * A fake CRM served on its real hostnames through request interception, so the extension's
 * real manifest match patterns apply. Everything else that would leave the machine is aborted.
 */
export interface FixtureSet {
  /** Adapter name the fixture stands for, e.g. `hubspot`. */
  name: string;
  /** Origins served, e.g. `https://app.hubspot.com`. */
  origins: string[];
  routes: FixtureRoute[];
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface FixtureRoute {
  /** Stable name used in the request log and in coverage checks. */
  id: string;
  method: HttpMethod | '*';
  /** Matched against the URL path only (query strings are for handlers to read). */
  path: RegExp;
  /** Restricts the route to some of the set's origins. */
  origins?: string[];
  handle: (req: FixtureRequest, state: FixtureState) => FixtureReply | Promise<FixtureReply>;
}

export interface FixtureRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: string;
  json<T = any>(): T;
  form(): URLSearchParams;
  /** Regex groups of the matched route path. */
  params: string[];
}

export interface FixtureReply {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
  contentType?: string;
}

/** Per-server state: counters for new ids and records the fake CRM remembers between calls. */
export class FixtureState {
  private readonly counters = new Map<string, number>();
  readonly records = new Map<string, Record<string, unknown>>();

  /** Next value of a named sequence, starting at `start`. */
  nextId(sequence: string, start = 1): number {
    const next = (this.counters.get(sequence) ?? start - 1) + 1;
    this.counters.set(sequence, next);
    return next;
  }
}

export interface ServedRequest {
  at: number;
  method: string;
  url: string;
  /** Route id, `unmatched` (answered 404) or `aborted` (left the fixture origins). */
  route: string;
  status: number;
}

export interface FixtureServer {
  readonly state: FixtureState;
  readonly log: ServedRequest[];
  /** Forget all state and the log, as if the fake CRM had just started. */
  reset(): void;
  stop(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

export function json(data: unknown, status = 200, headers: Record<string, string> = {}): FixtureReply {
  return { status, headers, contentType: 'application/json; charset=utf-8', body: JSON.stringify(data) };
}

export function text(body: string, contentType = 'text/plain; charset=utf-8', status = 200): FixtureReply {
  return { status, contentType, body };
}

export function redirect(location: string, status = 302): FixtureReply {
  return { status, headers: { location }, body: '' };
}

/** Serves a file from a fixture folder; extra headers (e.g. a strict CSP) may be added. */
export function file(url: URL, headers: Record<string, string> = {}): () => Promise<FixtureReply> {
  return async () => ({
    status: 200,
    headers,
    contentType: CONTENT_TYPES[extname(url.pathname)] ?? 'application/octet-stream',
    body: await readFile(url),
  });
}

/**
 * A request carrying this header is a client retry of the previous request to the same route:
 * it gets the very same reply (same new id), as an idempotent server would answer a retry.
 */
export const REPLAY_HEADER = 'x-fixture-replay';

const SHARED_DIR = new URL('../../fixtures/shared/', import.meta.url);
/** Shared helpers every fixture page loads from its own origin (no external assets). */
const SHARED_ASSETS: Record<string, URL> = {
  '/__fixture/kit.js': new URL('kit.js', SHARED_DIR),
  '/__fixture/kit.css': new URL('kit.css', SHARED_DIR),
};

/** The HTML shell of every fixture CRM page; the CRM's `/__fixture/app.js` renders the rest. */
export function shellPage(headers: Record<string, string> = {}): () => Promise<FixtureReply> {
  return file(new URL('page.html', SHARED_DIR), headers);
}

/** A route serving a fixture's own script as `/__fixture/app.js`. */
export function appScriptRoute(script: URL): FixtureRoute {
  return { id: 'app-script', method: 'GET', path: /^\/__fixture\/app\.js$/, handle: file(script) };
}

interface RawRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

function toRequest(raw: RawRequest, params: string[]): FixtureRequest {
  return {
    method: raw.method,
    url: new URL(raw.url),
    headers: raw.headers,
    body: raw.body,
    json: () => JSON.parse(raw.body),
    form: () => new URLSearchParams(raw.body),
    params,
  };
}

function findRoute(sets: FixtureSet[], url: URL, method: string): { route: FixtureRoute; params: string[] } | 'unmatched' | 'foreign' {
  const owning = sets.filter((s) => s.origins.includes(url.origin));
  if (owning.length === 0) return 'foreign';
  for (const set of owning) {
    for (const route of set.routes) {
      if (route.method !== '*' && route.method !== method) continue;
      if (route.origins && !route.origins.includes(url.origin)) continue;
      const m = route.path.exec(url.pathname);
      if (m) return { route, params: m.slice(1).map((g) => g ?? '') };
    }
  }
  return 'unmatched';
}

/** The whole fake CRM as one function: request in, reply out (or `null` for foreign origins). */
export type FixtureDispatch = (raw: RawRequest) => Promise<{ status: number; headers: Record<string, string>; body: string | Buffer } | null>;

// A browser follows a redirect that request interception fulfilled without routing the next
// request. Browsers launched by the harness therefore resolve every host to a local HTTPS server
// that answers those follow-up requests through the same dispatch.
const redirectTargets = new WeakMap<BrowserContext, { use(dispatch: FixtureDispatch | null): void }>();

export function registerRedirectTarget(context: BrowserContext, target: { use(dispatch: FixtureDispatch | null): void }): void {
  redirectTargets.set(context, target);
}

/** The fake CRM as one function, with its state and request log, apart from how requests reach it. */
export interface FixtureDispatcher extends Omit<FixtureServer, 'stop'> {
  dispatch: FixtureDispatch;
}

/** Routes requests to the fixture sets: fixture origins get the fake CRM, foreign ones `null`. */
export function createFixtureDispatcher(fixtureSets: FixtureSet | FixtureSet[]): FixtureDispatcher {
  const sets = Array.isArray(fixtureSets) ? fixtureSets : [fixtureSets];
  let state = new FixtureState();
  const log: ServedRequest[] = [];
  const lastReplies = new Map<string, FixtureReply>();

  const dispatch: FixtureDispatch = async (raw) => {
    const url = new URL(raw.url);
    const entry = (routeId: string, status: number) => log.push({ at: Date.now(), method: raw.method, url: raw.url, route: routeId, status });
    const found = findRoute(sets, url, raw.method);
    if (found === 'foreign') {
      entry('aborted', 0);
      return null;
    }
    const shared = SHARED_ASSETS[url.pathname];
    if (shared) {
      entry('fixture-shared', 200);
      const reply = await file(shared)();
      return { status: 200, headers: { 'content-type': reply.contentType! }, body: reply.body! };
    }
    if (found === 'unmatched') {
      entry('unmatched', 404);
      return { status: 404, headers: { 'content-type': 'text/plain' }, body: 'Not found in fixture' };
    }
    let reply: FixtureReply;
    const replayed = raw.headers[REPLAY_HEADER] ? lastReplies.get(found.route.id) : undefined;
    try {
      reply = replayed ?? (await found.route.handle(toRequest(raw, found.params), state));
    } catch (error) {
      reply = text(`Fixture handler failed: ${String(error)}`, 'text/plain', 500);
    }
    lastReplies.set(found.route.id, reply);
    const status = reply.status ?? 200;
    entry(found.route.id, status);
    const headers = { ...(reply.headers ?? {}) };
    if (reply.contentType) headers['content-type'] = reply.contentType;
    return { status, headers, body: reply.body ?? '' };
  };

  return {
    dispatch,
    get state() {
      return state;
    },
    log,
    reset() {
      state = new FixtureState();
      log.length = 0;
      lastReplies.clear();
    },
  };
}

/**
 * Intercepts every request of the context: fixture origins get the fake CRM, everything else
 * over http(s) is aborted so no test ever reaches the real network.
 */
export async function serveFixtures(context: BrowserContext, fixtureSets: FixtureSet | FixtureSet[]): Promise<FixtureServer> {
  const fixtures = createFixtureDispatcher(fixtureSets);
  const handler = async (route: Route, request: Request): Promise<void> => {
    if (!/^https?:/.test(request.url())) return route.continue();
    const reply = await fixtures.dispatch({ method: request.method(), url: request.url(), headers: request.headers(), body: request.postData() ?? '' });
    if (!reply) return route.abort('blockedbyclient');
    await route.fulfill(reply);
  };

  await context.route('**/*', handler);
  redirectTargets.get(context)?.use(fixtures.dispatch);
  return {
    get state() {
      return fixtures.state;
    },
    log: fixtures.log,
    reset: () => fixtures.reset(),
    async stop() {
      redirectTargets.get(context)?.use(null);
      await context.unroute('**/*', handler);
    },
  };
}
