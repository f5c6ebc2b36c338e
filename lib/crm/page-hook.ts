import type { Exchange } from './engine';
import type { HookConfig } from './hook-protocol';
import { MAX_BODY_CHARS } from './hook-protocol';
import { execBounded, MAX_REGEX_INPUT } from './safe-regex';

/**
 * Wraps the page's fetch and XMLHttpRequest to observe the requests an adapter's network rules
 * name. The page's own request always goes out first and untouched; everything the hook does
 * happens on clones, inside try/catch, after the fact. Bodies of other requests are never read.
 */

type Report = (exchange: Exchange) => void;

interface HookTarget {
  fetch: typeof fetch;
  XMLHttpRequest?: typeof XMLHttpRequest;
  location: { href: string };
}

/** How long to wait for the rules before treating the page as having none. */
const CONFIG_TIMEOUT_MS = 10_000;
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function installPageHook(target: HookTarget, report: Report, configPromise: Promise<HookConfig>): void {
  let config: HookConfig | undefined;
  const ready: Promise<HookConfig> = Promise.race([
    configPromise,
    new Promise<HookConfig>((resolve) => setTimeout(() => resolve({ type: 'config', rules: [], headers: [] }), CONFIG_TIMEOUT_MS)),
  ]).then((value) => (config = value));

  const methodWatched = (method: string) =>
    config ? config.rules.some((rule) => rule.methods.includes(method)) : BODY_METHODS.has(method);
  const matches = (cfg: HookConfig, method: string, url: string) =>
    url.length <= MAX_REGEX_INPUT && cfg.rules.some((rule) => rule.methods.includes(method) && execBounded(rule.url, url) !== null);
  /** Sync when the rules are known, so clones are only taken for matching requests. */
  const decide = (method: string, url: string): boolean | Promise<boolean> =>
    config ? matches(config, method, url) : ready.then((cfg) => matches(cfg, method, url));

  const emit = (exchange: Exchange) => {
    try {
      report(exchange);
    } catch {
      // Reporting must never surface in the page.
    }
  };
  const headersOf = (get: (name: string) => string | null): Record<string, string> => {
    const headers: Record<string, string> = {};
    for (const name of config?.headers ?? []) {
      const value = get(name);
      if (value !== null && value.length <= MAX_REGEX_INPUT) headers[name] = value;
    }
    return headers;
  };

  wrapFetch(target, { methodWatched, decide, emit, headersOf, ready });
  if (target.XMLHttpRequest) wrapXhr(target, target.XMLHttpRequest, { methodWatched, decide, emit, headersOf, ready });
}

interface HookTools {
  methodWatched: (method: string) => boolean;
  decide: (method: string, url: string) => boolean | Promise<boolean>;
  emit: Report;
  headersOf: (get: (name: string) => string | null) => Record<string, string>;
  ready: Promise<HookConfig>;
}

function absoluteUrl(url: string, base: string): string | undefined {
  try {
    return new URL(url, base).href;
  } catch {
    return undefined;
  }
}

/** Strings, URLSearchParams and FormData text fields; anything else is not read. */
function bodyToString(body: unknown): string | undefined {
  if (typeof body === 'string') return body;
  if (typeof URLSearchParams !== 'undefined' && body instanceof URLSearchParams) return body.toString();
  if (typeof FormData !== 'undefined' && body instanceof FormData) {
    const params = new URLSearchParams();
    body.forEach((value, key) => {
      if (typeof value === 'string') params.append(key, value);
    });
    return params.toString();
  }
  return undefined;
}

/** Reads a body stream up to MAX_BODY_CHARS bytes; undefined (and cancelled) when larger. */
async function readCapped(response: Response): Promise<string | undefined> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > MAX_BODY_CHARS) {
    void response.body?.cancel().catch(() => {});
    return undefined;
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_CHARS) {
      void reader.cancel().catch(() => {});
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

function wrapFetch(target: HookTarget, tools: HookTools): void {
  const originalFetch = target.fetch;
  const wrapped = function (this: unknown, ...args: Parameters<typeof fetch>): Promise<Response> {
    const [input, init] = args;
    let request: { method: string; url: string; body: Promise<string | undefined> | string | undefined } | undefined;
    try {
      request = describeFetch(target, tools, input, init);
    } catch {
      request = undefined;
    }
    // The page's request goes out exactly as it asked, whatever happened above.
    const call = originalFetch.apply(this, args);
    if (request) {
      const seen = request;
      call.then(
        (response) => {
          try {
            observeResponse(tools, seen, response);
          } catch {
            // never into the page
          }
        },
        () => {},
      );
    }
    return call;
  };
  try {
    Object.defineProperty(wrapped, 'name', { value: 'fetch' });
  } catch {
    // cosmetic only
  }
  target.fetch = wrapped as typeof fetch;
}

function describeFetch(target: HookTarget, tools: HookTools, input: RequestInfo | URL, init?: RequestInit) {
  const isRequest = typeof Request !== 'undefined' && input instanceof Request;
  const method = String(init?.method ?? (isRequest ? input.method : 'GET')).toUpperCase();
  if (!tools.methodWatched(method)) return undefined;
  const rawUrl = isRequest ? input.url : String(input);
  const url = absoluteUrl(rawUrl, target.location.href);
  if (!url) return undefined;
  const decision = tools.decide(method, url);
  if (decision === false) return undefined;
  let body: Promise<string | undefined> | string | undefined;
  if (init?.body !== undefined && init.body !== null) body = bodyToString(init.body);
  else if (isRequest && input.body) {
    // Tee the request body before fetch consumes it; only the copy is ever read.
    const copy = input.clone();
    body = readCapped(new Response(copy.body));
  }
  return { method, url, body };
}

function observeResponse(
  tools: HookTools,
  request: { method: string; url: string; body: Promise<string | undefined> | string | undefined },
  response: Response,
): void {
  const decision = tools.decide(request.method, request.url);
  if (decision === false) return;
  // Clone now, before the page reads the body; read it only if the rules match.
  const copy = response.clone();
  const status = response.status;
  const headers = () => tools.headersOf((name) => response.headers.get(name));
  void Promise.resolve(decision)
    .then(async (matched) => {
      if (!matched) {
        await copy.body?.cancel();
        return;
      }
      const [requestBody, responseBody] = await Promise.all([request.body, readCapped(copy)]);
      // Too large to read whole: a cut body would only mislead, so nothing is reported.
      if (responseBody === undefined || (typeof requestBody === 'string' && requestBody.length > MAX_BODY_CHARS)) return;
      const exchange: Exchange = { method: request.method, url: request.url, status, responseHeaders: headers() };
      if (requestBody !== undefined) exchange.requestBody = requestBody;
      if (responseBody !== undefined) exchange.responseBody = responseBody;
      tools.emit(exchange);
    })
    .catch(() => {});
}

interface XhrRequest {
  method: string;
  url: string;
  /** Decided in `open`: true, or a promise while the rules are still on their way. */
  decision: true | Promise<boolean>;
}

/**
 * The rules are tested once, in `open` (method, then URL). Only requests a rule may match are
 * remembered; every other request's `send` is one WeakMap lookup away from the original.
 */
function wrapXhr(target: HookTarget, Xhr: typeof XMLHttpRequest, tools: HookTools): void {
  const proto = Xhr.prototype;
  const originalOpen = proto.open;
  const originalSend = proto.send;
  const watched = new WeakMap<XMLHttpRequest, XhrRequest>();

  proto.open = function (this: XMLHttpRequest, ...args: unknown[]) {
    try {
      // An object reused for another request starts over.
      watched.delete(this);
      const method = String(args[0]).toUpperCase();
      if (tools.methodWatched(method)) {
        const url = absoluteUrl(String(args[1]), target.location.href);
        const decision = url === undefined ? false : tools.decide(method, url);
        if (url !== undefined && decision !== false) watched.set(this, { method, url, decision });
      }
    } catch {
      // the page's call below still happens
    }
    return (originalOpen as (...a: unknown[]) => void).apply(this, args);
  } as typeof proto.open;

  proto.send = function (this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
    const request = watched.get(this);
    if (request) {
      try {
        watchXhr(this, request, body, tools);
      } catch {
        // never into the page
      }
    }
    return originalSend.call(this, body);
  };
}

function watchXhr(xhr: XMLHttpRequest, request: XhrRequest, body: unknown, tools: HookTools): void {
  const requestBody = bodyToString(body);
  xhr.addEventListener(
    'loadend',
    () => {
      try {
        // Rules that arrived while the request was out settle it now, before anything is read.
        const decision = request.decision === true ? true : tools.decide(request.method, request.url);
        if (decision === false) return;
        // Read synchronously: the response is available now and the object may be reused later.
        const status = xhr.status;
        let responseBody: string | undefined;
        if (xhr.responseType === '' || xhr.responseType === 'text') responseBody = xhr.responseText;
        else if (xhr.responseType === 'json') responseBody = JSON.stringify(xhr.response);
        const read = () => tools.headersOf((name) => xhr.getResponseHeader(name));
        void Promise.resolve(decision)
          .then((matched) => {
            if (!matched) return;
            const tooLarge = (text?: string) => text !== undefined && text.length > MAX_BODY_CHARS;
            if (tooLarge(requestBody) || tooLarge(responseBody)) return;
            const exchange: Exchange = { method: request.method, url: request.url, status, responseHeaders: read() };
            if (requestBody !== undefined) exchange.requestBody = requestBody;
            if (responseBody !== undefined) exchange.responseBody = responseBody;
            tools.emit(exchange);
          })
          .catch(() => {});
      } catch {
        // never into the page
      }
    },
    { once: true },
  );
}
