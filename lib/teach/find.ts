import type { Source } from '@/lib/crm/adapter-schema';
import { isObject } from './bodies';

/**
 * Finding values in parsed bodies and writing where they are as paths of lib/crm/json-path.ts
 * (`params[0][0].email`, `['odata.etag']`), so the rule reads them back the same way.
 */

const IDENTIFIER = /^[A-Za-z_$@][\w$@-]*$/;
const MAX_DEPTH = 12;
const MAX_NODES = 5_000;

export interface Found {
  path: string;
  value: unknown;
  /** The key the value sits under (its parent's key for array elements). */
  key: string;
  depth: number;
}

function child(path: string, key: string | number): string | undefined {
  if (typeof key === 'number') return `${path}[${key}]`;
  if (IDENTIFIER.test(key)) return path === '' ? key : `${path}.${key}`;
  // Keys that need quoting must not carry the quote or the closing bracket themselves.
  return /['\]]/.test(key) || key === '' ? undefined : `${path}['${key}']`;
}

/** Every scalar (and every object or array) in `root` with its path, breadth first, bounded. */
export function walk(root: unknown): Found[] {
  const out: Found[] = [];
  const queue: Found[] = [{ path: '', value: root, key: '', depth: 0 }];
  while (queue.length > 0 && out.length < MAX_NODES) {
    const node = queue.shift()!;
    out.push(node);
    if (node.depth >= MAX_DEPTH) continue;
    if (Array.isArray(node.value)) {
      node.value.slice(0, 50).forEach((value, i) => queue.push({ path: child(node.path, i)!, value, key: node.key, depth: node.depth + 1 }));
    } else if (isObject(node.value)) {
      for (const [key, value] of Object.entries(node.value).slice(0, 200)) {
        const path = child(node.path, key);
        if (path !== undefined) queue.push({ path, value, key, depth: node.depth + 1 });
      }
    }
  }
  return out;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Opaque ids: Salesforce, Mongo ObjectIds, nanoids — letters and digits mixed, no spaces. */
const OPAQUE = /^(?=[A-Za-z0-9_-]*\d)(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{8,40}$/;

export type IdShape = 'number' | 'uuid' | 'opaque';

/** Whether a value looks like a record id, and of which shape. */
export function idShape(value: unknown): IdShape | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value > 0 ? 'number' : undefined;
  if (typeof value !== 'string') return undefined;
  if (/^[1-9]\d{0,17}$/.test(value)) return 'number';
  if (UUID.test(value)) return 'uuid';
  return OPAQUE.test(value) ? 'opaque' : undefined;
}

/** A regex source for ids of this shape, with an `id` group when `named`. */
export function idPattern(shape: IdShape, named = false): string {
  const body = shape === 'number' ? '\\d{1,18}' : shape === 'uuid' ? '[0-9a-fA-F-]{36}' : '[A-Za-z0-9_-]{8,40}';
  return named ? `(?<id>${body})` : body;
}

const ID_KEYS = /^(id|_id|uuid|guid|recordId|record_id|objectId|entityId)$/i;

export interface IdFound {
  value: string;
  shape: IdShape;
  source: Source;
  /** Lower is better: where in the answer the id sits. */
  rank: number;
}

/** Headers that carry the new record's address (REST `Location`, Dataverse `OData-EntityId`). */
export const ID_HEADERS = ['location', 'odata-entityid', 'content-location'] as const;

/** The ids an answer carries: under id-like keys, as a JSON-RPC result, in address headers. */
export function idsIn(response: unknown, headers: Record<string, string> | undefined): IdFound[] {
  const found: IdFound[] = [];
  for (const node of walk(response)) {
    const shape = idShape(node.value);
    if (!shape) continue;
    const asResult = /^result(\[0\])?$/.test(node.path) || node.path === '';
    if (!asResult && !(ID_KEYS.test(node.key) && !/\[\d+\]$/.test(node.path))) continue;
    found.push({ value: String(node.value), shape, source: { from: 'response', path: node.path }, rank: node.depth + (asResult ? 0 : 1) });
  }
  for (const name of ID_HEADERS) {
    const value = Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name)?.[1];
    const id = value === undefined ? undefined : idAtEnd(value);
    if (id) found.push({ value: id.value, shape: id.shape, source: { from: 'header', header: name, regex: id.regex }, rank: 5 });
  }
  return found.sort((a, b) => a.rank - b.rank);
}

/** The id that ends an address: `/api/contacts/57`, `…/contacts(6c1f…)`. */
function idAtEnd(address: string): { value: string; shape: IdShape; regex: string } | undefined {
  const match = /[/(]([^/()?#]+)\)?\/?(?:[?#].*)?$/.exec(address);
  const value = match?.[1];
  const shape = value === undefined ? undefined : idShape(value);
  if (!value || !shape) return undefined;
  const close = address.includes(`(${value})`) ? '\\)' : '';
  const open = close ? '\\(' : '/';
  return { value, shape, regex: `${open}${idPattern(shape, true)}${close}/?(?:[?#]|$)` };
}

/** Every scalar of a body and an address, as strings: what the request already knew. */
export function scalarsOf(body: unknown, url: string): Set<string> {
  const values = new Set<string>();
  for (const node of walk(body)) {
    if (typeof node.value === 'string' || typeof node.value === 'number') values.add(String(node.value));
  }
  try {
    const parsed = new URL(url);
    for (const segment of parsed.pathname.split('/')) if (segment) values.add(decodeURIComponent(segment));
    for (const value of parsed.searchParams.values()) values.add(value);
  } catch {
    // an address that does not parse names nothing
  }
  return values;
}

const EMAIL = /^[^@\s]{1,64}@[^@\s]{1,255}\.[^@\s]{2,}$/;

/** Where a body carries an email: the one the rep typed, else any field that holds one. */
export function emailPaths(root: unknown, typed: string | undefined): Found[] {
  const wanted = typed?.trim().toLowerCase();
  return walk(root)
    .filter((node) => typeof node.value === 'string' && (wanted ? node.value.trim().toLowerCase() === wanted : EMAIL.test(node.value.trim())))
    .sort((a, b) => emailKeyRank(a) - emailKeyRank(b) || a.depth - b.depth);
}

function emailKeyRank(node: Found): number {
  return /e-?mail/i.test(node.key) ? 0 : 1;
}

const AMOUNT_KEY = /amount|total|price|value|sum|revenue|budget/i;

function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return undefined;
}

/** Where a body carries an amount: the one the rep typed, else fields named like amounts. */
export function amountPaths(root: unknown, typed: number | undefined): Found[] {
  return walk(root)
    .filter((node) => {
      const number = asNumber(node.value);
      if (number === undefined || /\[\d+\]$/.test(node.path) && !AMOUNT_KEY.test(node.key)) return false;
      return typed !== undefined ? Math.abs(number - typed) < 0.005 : number > 0 && AMOUNT_KEY.test(node.key) && !/id$/i.test(node.key);
    })
    .sort((a, b) => amountKeyRank(a) - amountKeyRank(b) || a.depth - b.depth);
}

function amountKeyRank(node: Found): number {
  if (/^(amount|amount_total|total|amountTotal|total_amount)$/i.test(node.key)) return 0;
  return AMOUNT_KEY.test(node.key) ? 1 : 2;
}

/** Where a body names a currency code (`"currency": "EUR"`, `"currency": {"code": "EUR"}`). */
export function currencyPaths(root: unknown): Found[] {
  return walk(root).filter(
    (node) => typeof node.value === 'string' && /^[A-Z]{3}$/.test(node.value) && (/currency/i.test(node.key) || /currency[^.]*\.(code|name|iso)$/i.test(node.path)),
  );
}
