import type { AdapterInput, Condition, Source } from '@/lib/crm/adapter-schema';
import { readPath } from '@/lib/crm/json-path';
import { captureOf, execBounded } from '@/lib/crm/safe-regex';
import { kindOf } from './kinds';

/** Reading values out of an exchange (request, response, their items, headers, URL groups), testing conditions on them, and normalising ids, amounts and currencies. */

export interface Scope {
  request: unknown;
  response: unknown;
  requestItem: unknown;
  responseItem: unknown;
  headers: Record<string, string>;
  urlGroups: Record<string, string | undefined>;
  /** After a browser navigation: the page it landed on and the named groups read there (see navigation.ts). */
  landingUrl?: string;
  landingGroups?: Record<string, string | undefined>;
}

function valuesFrom(scope: Scope, from: Source['from'], path?: string, header?: string, group?: string): unknown[] {
  switch (from) {
    case 'header': {
      const value = header ? scope.headers[header.toLowerCase()] : undefined;
      return value === undefined ? [] : [value];
    }
    case 'url': {
      const value = group ? scope.urlGroups[group] : undefined;
      return value === undefined ? [] : [value];
    }
    case 'landing': {
      const value = group ? scope.landingGroups?.[group] : scope.landingUrl;
      return value === undefined ? [] : [value];
    }
    default:
      return readPath(scope[from], path ?? '');
  }
}

function readSource(scope: Scope, source: Source): unknown[] {
  const values = valuesFrom(scope, source.from, source.path, source.header, source.group);
  if (!source.regex) return values;
  const regex = source.regex;
  return values.flatMap((value) => {
    if (typeof value !== 'string' && typeof value !== 'number') return [];
    const match = execBounded(regex, String(value));
    const captured = match ? captureOf(match) : undefined;
    return captured === undefined ? [] : [captured];
  });
}

/** The values of the first source that yields any. */
export function readFirstSource(scope: Scope, sources: Source[] | undefined): unknown[] {
  for (const source of sources ?? []) {
    const values = readSource(scope, source);
    if (values.length > 0) return values;
  }
  return [];
}

export function isEmptyValue(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  // Ids often come as numbers on one side and strings on the other.
  return (typeof a === 'number' || typeof a === 'string') && (typeof b === 'number' || typeof b === 'string') && String(a) === String(b);
}

function testOne(condition: Condition, value: unknown): boolean {
  const expected = condition.value;
  switch (condition.op) {
    case 'eq':
      return sameValue(value, expected);
    case 'ne':
      return !sameValue(value, expected);
    case 'in':
      return Array.isArray(expected) && expected.some((candidate) => sameValue(value, candidate));
    case 'truthy':
      return Boolean(value) && !isEmptyValue(value);
    case 'falsy':
      return !value || isEmptyValue(value);
    case 'gt': {
      const number = toAmount(value);
      return number !== undefined && typeof expected === 'number' && number > expected;
    }
    case 'matches':
    case 'notMatches': {
      const text = typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
      const hit = text !== undefined && typeof expected === 'string' && execBounded(expected, text) !== null;
      return condition.op === 'matches' ? hit : !hit;
    }
    default:
      return false;
  }
}

/** The values a condition tests. */
export function conditionValues(scope: Scope, condition: Condition): unknown[] {
  return valuesFrom(scope, condition.from, condition.path, condition.header, condition.group);
}

function holds(scope: Scope, condition: Condition): boolean {
  const values = conditionValues(scope, condition);
  switch (condition.op) {
    case 'exists':
      return values.length > 0;
    case 'absent':
      return values.length === 0;
    case 'empty':
      return values.every(isEmptyValue);
    case 'nonEmpty':
      return values.length > 0 && !values.every(isEmptyValue);
    case 'ne':
    case 'notMatches':
    case 'falsy':
      if (values.length === 0) return true;
  }
  if (values.length === 0) return false;
  return condition.any ? values.some((v) => testOne(condition, v)) : values.every((v) => testOne(condition, v));
}

/** The index of the first condition that does not hold, or -1 when all hold. */
export function firstFailing(scope: Scope, conditions: Condition[] | undefined): number {
  return (conditions ?? []).findIndex((condition) => !holds(scope, condition));
}

// ---------- field normalisation ----------

export function toAmount(value: unknown): number | undefined {
  let number: number | undefined;
  if (typeof value === 'number') number = value;
  else if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) number = Number(value);
  if (number === undefined || !Number.isFinite(number) || number < 0 || number > 1e12) return undefined;
  return number;
}

export function toCurrency(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const code = value.trim().toUpperCase();
  return /^[A-Z]{3}$/.test(code) ? code : undefined;
}

export function toId(adapter: AdapterInput, value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  let id = String(value).trim();
  for (const step of adapter.idNormalize ?? []) {
    if (step === 'lowercase') id = id.toLowerCase();
    if (step === 'strip-braces') id = id.replace(/^(%7B|\{)/i, '').replace(/(%7D|\})$/i, '');
  }
  return id.length > 0 && id.length <= 128 ? id : undefined;
}

export function hasEmailIn(values: unknown[]): boolean {
  return values.some((value) =>
    Array.isArray(value) ? value.some((v) => typeof v === 'string' && v.trim() !== '') : typeof value === 'string' && value.trim() !== '',
  );
}
