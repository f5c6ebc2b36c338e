import { serverBase, type TeamSyncConfig } from './config';

/**
 * A small client for the documented CouchDB HTTP API: PUT /{db}/{docid}, GET /{db}/{docid} and
 * GET /{db}/_all_docs. Nothing PouchDB-specific, so Apache CouchDB and Cloudant work alike.
 */
export type CouchProblem = 'unauthorized' | 'forbidden' | 'unreachable' | 'no-database' | 'conflict' | 'server';

export class CouchError extends Error {
  override name = 'CouchError';
  constructor(
    readonly problem: CouchProblem,
    readonly status?: number,
  ) {
    super(`CouchDB: ${problem}${status ? ` (HTTP ${status})` : ''}`);
  }
}

export type Fetch = (input: string, init: RequestInit) => Promise<Response>;

const TIMEOUT_MS = 20_000;

function authorization(config: TeamSyncConfig): string {
  // Basic auth wants bytes: encode the UTF-8 of "user:password" (btoa alone refuses Cyrillic).
  const bytes = new TextEncoder().encode(`${config.user}:${config.password}`);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}

function problemOf(status: number): CouchProblem {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 409) return 'conflict';
  if (status === 404) return 'no-database';
  return 'server';
}

async function request<T>(config: TeamSyncConfig, fetchFn: Fetch, method: 'GET' | 'PUT', path: string, body?: unknown): Promise<{ status: number; json: T }> {
  let response: Response;
  try {
    response = await fetchFn(`${serverBase(config)}/${encodeURIComponent(config.database)}/${path}`, {
      method,
      headers: { Authorization: authorization(config), Accept: 'application/json', ...(body !== undefined && { 'Content-Type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
      // The password goes to this server only: no cookies, and no following a redirect elsewhere.
      credentials: 'omit',
      redirect: 'error',
      cache: 'no-store',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch {
    throw new CouchError('unreachable');
  }
  const json = (await response.json().catch(() => ({}))) as T;
  return { status: response.status, json };
}

/** Whether this user may use the database (GET /{db}): resolves, or throws CouchError saying why not. */
export async function checkAccess(config: TeamSyncConfig, fetchFn: Fetch): Promise<void> {
  const { status } = await request<unknown>(config, fetchFn, 'GET', '');
  if (status !== 200) throw new CouchError(problemOf(status), status);
}

/** The current revision of a document, or undefined when there is none. */
export async function currentRev(config: TeamSyncConfig, fetchFn: Fetch, id: string): Promise<string | undefined> {
  const { status, json } = await request<{ _rev?: string; reason?: unknown }>(config, fetchFn, 'GET', encodeURIComponent(id));
  if (status === 200 && typeof json._rev === 'string') return json._rev;
  // A document never written or deleted answers 404 "missing" / "deleted"; any other 404 is the database.
  if (status === 404 && (json.reason === 'missing' || json.reason === 'deleted')) return undefined;
  throw new CouchError(problemOf(status), status);
}

/** Writes a document; answers its new revision. Throws CouchError('conflict') on a stale `_rev`. */
export async function putDoc(config: TeamSyncConfig, fetchFn: Fetch, id: string, doc: Record<string, unknown>): Promise<string> {
  const { status, json } = await request<{ rev?: string }>(config, fetchFn, 'PUT', encodeURIComponent(id), doc);
  if ((status === 201 || status === 202) && typeof json.rev === 'string') return json.rev;
  throw new CouchError(problemOf(status), status);
}

const PAGE = 500;

/** Every document whose id starts with `prefix`, page by page, in id order. */
export async function docsWithPrefix(config: TeamSyncConfig, fetchFn: Fetch, prefix: string): Promise<unknown[]> {
  const docs: unknown[] = [];
  let startkey = prefix;
  let skip = 0;
  for (;;) {
    const query = new URLSearchParams({
      include_docs: 'true',
      startkey: JSON.stringify(startkey),
      endkey: JSON.stringify(`${prefix}\ufff0`),
      limit: String(PAGE),
      ...(skip > 0 && { skip: String(skip) }),
    });
    const { status, json } = await request<{ rows?: { id: string; doc?: unknown }[] }>(config, fetchFn, 'GET', `_all_docs?${query}`);
    if (status !== 200 || !Array.isArray(json.rows)) throw new CouchError(problemOf(status), status);
    for (const row of json.rows) if (row.doc) docs.push(row.doc);
    if (json.rows.length < PAGE) return docs;
    // The next page starts after the last id seen (skip=1 steps over that one document).
    startkey = json.rows[json.rows.length - 1]!.id;
    skip = 1;
  }
}
