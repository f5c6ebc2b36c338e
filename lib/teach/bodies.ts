/**
 * Reading a taught exchange's bodies the way the engine will (lib/crm/engine/network.ts):
 * JSON, or form fields, and which of the engine's formats the exchange speaks.
 */

export type TaughtFormat = 'json' | 'jsonrpc' | 'graphql' | 'form';

export function parseJson(text: string | undefined): unknown {
  if (text === undefined || text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** `a=1&b=2` as fields; undefined for anything that does not look form-encoded. */
export function parseForm(text: string | undefined): Record<string, string> | undefined {
  if (text === undefined || !/^[^{[\s][^\s]*=/.test(text)) return undefined;
  try {
    return Object.fromEntries(new URLSearchParams(text));
  } catch {
    return undefined;
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The request body as the rule will read it, and the format that reads it so. */
export function readRequest(body: string | undefined): { format: 'json' | 'form'; value: unknown } {
  const json = parseJson(body);
  if (json !== undefined) return { format: 'json', value: json };
  const form = parseForm(body);
  return form ? { format: 'form', value: form } : { format: 'json', value: undefined };
}

/** A GraphQL operation: `{query: "mutation …", operationName?}`. */
export function graphqlOperation(request: unknown): { query: string; operationName?: string } | undefined {
  if (!isObject(request) || typeof request.query !== 'string') return undefined;
  const operationName = typeof request.operationName === 'string' && request.operationName !== '' ? request.operationName : undefined;
  return { query: request.query, ...(operationName && { operationName }) };
}

/** The mutation's first root field (`createContact` in `mutation X($i: …) { createContact(input: $i) { id } }`). */
export function graphqlRootField(query: string): string | undefined {
  const body = /\bmutation\b[^{]*\{\s*(?:\w+\s*:\s*)?(\w+)/.exec(query);
  return body?.[1];
}

/**
 * A JSON-RPC call: the method named in the body. Where a generic method (`call`, `execute`)
 * carries the model and method in its params (Odoo's `call_kw`), those name the call.
 */
export function rpcCall(request: unknown): { path: string; name: string } | undefined {
  if (!isObject(request) || typeof request.method !== 'string') return undefined;
  const looksRpc = request.jsonrpc !== undefined || request.params !== undefined || request.id !== undefined;
  if (!looksRpc) return undefined;
  const params = request.params;
  if (/^(call|execute|execute_kw)$/.test(request.method) && isObject(params) && typeof params.method === 'string') {
    return { path: 'params.method', name: params.method };
  }
  return { path: 'method', name: request.method };
}

/** Which engine format reads this exchange; `error` members that are present but null need plain json. */
export function formatOf(requestBody: string | undefined, response: unknown): TaughtFormat {
  const request = readRequest(requestBody);
  if (request.format === 'form') return 'form';
  const operation = graphqlOperation(request.value);
  if (operation && /\bmutation\b/.test(operation.query)) return 'graphql';
  if (rpcCall(request.value)) {
    // The engine's jsonrpc format fails any answer with an `error` member, even `error: null`.
    return isObject(response) && Object.hasOwn(response, 'error') ? 'json' : 'jsonrpc';
  }
  return 'json';
}
