import type { Exchange } from './engine';

/**
 * Messages on the private channel, checked by hand (they cross a trust boundary and the
 * content scripts must stay small). The hook receives only rule patterns, never CRM data;
 * the content script receives observed exchanges.
 */

/** Content script → hook: which requests the hook may read. */
export interface HookConfig {
  type: 'config';
  rules: Array<{ methods: string[]; url: string }>;
  /** Response headers some rule reads (lower case). */
  headers: string[];
  /** The adapter names API hosts besides the page's own origin (the content script checks which). */
  otherHosts?: boolean;
}

/** Hook → content script: one observed request and response. */
export interface ExchangeMessage extends Exchange {
  type: 'exchange';
}

/**
 * Bodies above this many bytes (UTF-8, on the fetch and the XHR path alike) are not read at all
 * (a truncated body would not parse anyway). A string of that many bytes has at most as many
 * UTF-16 units, so the message check below may count in string length.
 */
export const MAX_BODY_BYTES = 256 * 1024;
const MAX_URL = 4096;

const isString = (value: unknown, max: number): value is string => typeof value === 'string' && value.length <= max;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseHookConfig(data: unknown): HookConfig | null {
  if (!isRecord(data) || data.type !== 'config' || !Array.isArray(data.rules) || !Array.isArray(data.headers)) return null;
  if (data.rules.length > 100 || data.headers.length > 20) return null;
  const rules: HookConfig['rules'] = [];
  for (const rule of data.rules) {
    if (!isRecord(rule) || !isString(rule.url, 300) || !Array.isArray(rule.methods)) return null;
    if (!rule.methods.every((m) => isString(m, 10))) return null;
    rules.push({ methods: rule.methods as string[], url: rule.url });
  }
  if (!data.headers.every((h) => isString(h, 64))) return null;
  return { type: 'config', rules, headers: data.headers as string[], ...(data.otherHosts === true && { otherHosts: true }) };
}

export function parseExchangeMessage(data: unknown): Exchange | null {
  if (!isRecord(data) || data.type !== 'exchange') return null;
  const { method, url, status, requestBody, responseBody, responseHeaders } = data;
  if (!isString(method, 10) || !isString(url, MAX_URL)) return null;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 0 || status > 999) return null;
  if (requestBody !== undefined && !isString(requestBody, MAX_BODY_BYTES)) return null;
  if (responseBody !== undefined && !isString(responseBody, MAX_BODY_BYTES)) return null;
  const exchange: Exchange = { method, url, status };
  if (requestBody !== undefined) exchange.requestBody = requestBody;
  if (responseBody !== undefined) exchange.responseBody = responseBody;
  if (responseHeaders !== undefined) {
    if (!isRecord(responseHeaders)) return null;
    const entries = Object.entries(responseHeaders);
    if (entries.length > 20 || !entries.every(([k, v]) => isString(k, 64) && isString(v, MAX_URL))) return null;
    exchange.responseHeaders = responseHeaders as Record<string, string>;
  }
  return exchange;
}
