import type { Exchange } from '@/lib/crm/page-signals';
import type { HookConfig } from './hook-protocol';
import { MAX_BODY_BYTES, TEACH_HEADERS } from './hook-protocol';
import * as n from './natives';
import { disguiseAsNative, getterOf, methodOf } from './natives';
import { MAX_REGEX_INPUT } from '@/lib/crm/safe-regex';
import { ruleNamesRequest } from '@/lib/crm/rule-match';

/**
 * Wraps the page's fetch and XMLHttpRequest to observe the requests an adapter's network rules
 * name. The page's own request always goes out first, as asked; everything the hook does happens
 * on clones, inside try/catch, after the fact, through built-ins taken before any page script ran
 * (see natives.ts). Bodies of other requests are never read.
 */

/** An exchange and the page's address when its request was made. */
type Report = (exchange: Exchange, pageUrl: string) => void;

interface HookTarget {
  fetch: typeof fetch;
  XMLHttpRequest?: typeof XMLHttpRequest;
  location: { href: string };
  /** Relative URLs resolve against its base URL (`<base href>`), as the browser resolves them. */
  document?: Document;
}

/** How long to wait for the rules before treating the page as having none. */
const CONFIG_TIMEOUT_MS = 10_000;
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
type Decide = (method: string, url: string, then: (matched: boolean) => void) => void;

interface HookTools {
  methodWatched: (method: string) => boolean;
  /** The absolute URL a request goes to, when it may concern the rules at all. */
  resolve: (raw: string) => string | undefined;
  /** False when the rules are known and do not match; else calls `then` with the verdict (maybe later). */
  decide: (method: string, url: string) => false | ((then: (matched: boolean) => void) => void);
  emit: (exchange: Exchange, pageUrl: string) => void;
  /** The page's address now (taken when a request goes out). */
  here: () => string;
  headersOf: (get: (name: string) => string | null) => Record<string, string>;
}

/**
 * Installs the hook; returns how to replace the rules later (the content script opens and closes
 * a teaching window that way).
 */
export function installPageHook(target: HookTarget, report: Report, configPromise: Promise<HookConfig>): (next: HookConfig) => void {
  let config: HookConfig | undefined;
  const ready: Promise<HookConfig> = n.NativePromise.race([
    configPromise,
    new n.NativePromise<HookConfig>((resolve) => setTimeout(() => resolve({ type: 'config', rules: [], headers: [] }), CONFIG_TIMEOUT_MS)),
  ]);
  n.promiseThen(ready, (value) => (config = value));

  const baseUri = target.document ? getterOf<string>(Reflect.getPrototypeOf(target.document), 'baseURI') : undefined;
  const pageOrigin = n.urlOrigin(new n.NativeURL(target.location.href));

  const resolve = (raw: string): string | undefined => {
    try {
      const url = new n.NativeURL(raw, baseUri ? baseUri(target.document) : target.location.href);
      const protocol = n.urlProtocol(url);
      // data:, blob: and the like are made up in the page; other sites only when the adapter names API hosts.
      if (protocol !== 'https:' && protocol !== 'http:') return undefined;
      if (n.urlOrigin(url) !== pageOrigin && config && !config.otherHosts) return undefined;
      return n.urlHref(url);
    } catch {
      return undefined;
    }
  };
  const methodWatched = (method: string) =>
    config && !config.teach ? config.rules.some((rule) => rule.methods.includes(method)) : BODY_METHODS.has(method);
  const matches = (cfg: HookConfig, method: string, url: string) =>
    (cfg.otherHosts || n.urlOrigin(new n.NativeURL(url)) === pageOrigin) &&
    ((cfg.teach === true && BODY_METHODS.has(method)) || cfg.rules.some((rule) => ruleNamesRequest(rule, method, url)));
  const decide: HookTools['decide'] = (method, url) => {
    if (config) return matches(config, method, url) && ((then) => then(true));
    return (then) => n.promiseThen(ready, (cfg) => then(matches(cfg, method, url)));
  };

  const emit = (exchange: Exchange, pageUrl: string) => {
    try {
      report(exchange, pageUrl);
    } catch {
      // Reporting must never surface in the page.
    }
  };
  const headersOf = (get: (name: string) => string | null): Record<string, string> => {
    const headers: Record<string, string> = {};
    for (const name of config?.teach ? [...config.headers, ...TEACH_HEADERS] : (config?.headers ?? [])) {
      const value = get(name);
      if (value !== null && value.length <= MAX_REGEX_INPUT) headers[name] = value;
    }
    return headers;
  };

  const here = () => String(target.location.href);
  const tools: HookTools = { methodWatched, resolve, decide, emit, here, headersOf };
  const disguised: Array<[object, object]> = [];
  disguised.push(wrapFetch(target, tools));
  if (target.XMLHttpRequest) disguised.push(...wrapXhr(target.XMLHttpRequest, tools));
  disguiseAsNative(disguised);
  return (next) => {
    config = next;
  };
}

/** Strings, URLSearchParams and FormData text fields; anything else is not read. */
function bodyToString(body: unknown): string | undefined {
  if (typeof body === 'string') return body;
  try {
    if (body instanceof n.NativeURLSearchParams) return n.paramsString(body);
    if (n.NativeFormData && body instanceof n.NativeFormData) {
      const params = new n.NativeURLSearchParams();
      n.formForEach(body, (value, key) => {
        if (typeof value === 'string') n.paramsAppend(params, key, value);
      });
      return n.paramsString(params);
    }
  } catch {
    // a look-alike object: not read
  }
  return undefined;
}

/** Reads a body stream up to MAX_BODY_BYTES; undefined (and cancelled) when larger. */
function readCapped(stream: ReadableStream<Uint8Array> | null, declared: number, done: (text: string | undefined) => void): void {
  if (!stream) return done('');
  if (declared > MAX_BODY_BYTES) {
    n.promiseThen(n.streamCancel(stream), () => {}, () => {});
    return done(undefined);
  }
  const reader = n.getReader(stream);
  const decoder = new n.NativeTextDecoder();
  let text = '';
  let size = 0;
  const next = () =>
    n.promiseThen(
      n.read(reader),
      (chunk) => {
        if (chunk.done) return done(text + n.decode(decoder));
        size += chunk.value.byteLength;
        if (size > MAX_BODY_BYTES) {
          n.promiseThen(n.readerCancel(reader), () => {}, () => {});
          return done(undefined);
        }
        text += n.decode(decoder, chunk.value, { stream: true });
        next();
      },
      () => done(undefined),
    );
  next();
}

interface SeenRequest {
  method: string;
  url: string;
  /** The request body as text, or a reader that delivers it (a Request's body). */
  body: string | undefined | ((done: (text: string | undefined) => void) => void);
  verdict: (then: (matched: boolean) => void) => void;
  /** The page's address when the request went out. */
  pageUrl: string;
}

function wrapFetch(target: HookTarget, tools: HookTools): [object, object] {
  const originalFetch = target.fetch;
  const wrapped = {
    // One declared parameter and the built-in's name: `length` and `name` match the original.
    fetch(this: unknown, input: RequestInfo | URL): Promise<Response> {
      const init = arguments[1] as RequestInit | undefined;
      // What the page passed is read once, here, and exactly that goes out: a getter or a
      // toString that answers differently the second time cannot show the hook another request.
      const args: unknown[] = [];
      let seen: SeenRequest | undefined;
      try {
        const isRequest = isRequestObject(input);
        args.push(isRequest || typeof input === 'string' ? input : String(input));
        if (arguments.length > 1) args.push(init !== null && typeof init === 'object' ? pinInit(init) : init);
        seen = describeFetch(tools, args[0] as RequestInfo, args[1] as RequestInit | undefined, isRequest);
      } catch {
        seen = undefined;
        args.length = 0;
        args.push(...arguments);
      }
      const call = n.apply(originalFetch, this, args) as Promise<Response>;
      if (seen) {
        const request = seen;
        n.promiseThen(
          call,
          (response) => {
            try {
              observeResponse(tools, request, response);
            } catch {
              // never into the page
            }
          },
          () => {},
        );
      }
      return call;
    },
  }.fetch;
  target.fetch = wrapped as typeof fetch;
  return [wrapped, originalFetch];
}

function isRequestObject(value: unknown): value is Request {
  if (typeof value !== 'object' || value === null) return false;
  try {
    n.requestUrl(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * The members the hook reads (method, body), read once and pinned on an object whose prototype is
 * the page's own init, so fetch sees exactly these values and every other member as the page set it.
 */
function pinInit(init: RequestInit): RequestInit {
  return Object.create(init, { method: { value: init.method }, body: { value: init.body } }) as RequestInit;
}

function describeFetch(tools: HookTools, input: RequestInfo, init: RequestInit | undefined, isRequest: boolean): SeenRequest | undefined {
  const request = isRequest ? (input as Request) : undefined;
  const method = n.upper(String(init?.method ?? (request ? n.requestMethod(request) : 'GET')));
  if (!tools.methodWatched(method)) return undefined;
  const url = tools.resolve(request ? n.requestUrl(request) : (input as string));
  if (!url) return undefined;
  const verdict = tools.decide(method, url);
  if (verdict === false) return undefined;
  let body: SeenRequest['body'];
  if (init?.body !== undefined && init.body !== null) body = bodyToString(init.body);
  else if (request && n.requestBody(request)) {
    // Tee the request body before fetch consumes it; only the copy is ever read.
    const copy = n.requestBody(n.requestClone(request));
    body = (done) => readCapped(copy, 0, done);
  }
  return { method, url, body, verdict, pageUrl: tools.here() };
}

function observeResponse(tools: HookTools, request: SeenRequest, response: Response): void {
  // Clone now, before the page reads the body; read it only if the rules match.
  const copy = n.responseClone(response);
  const status = n.responseStatus(response);
  const headers = n.responseHeaders(response);
  request.verdict((matched) => {
    const stream = n.responseBody(copy);
    if (!matched) {
      if (stream) n.promiseThen(n.streamCancel(stream), () => {}, () => {});
      return;
    }
    const readRequest = typeof request.body === 'function' ? request.body : (done: (text: string | undefined) => void) => done(request.body as string | undefined);
    readRequest((requestBody) => {
      readCapped(stream, Number(n.headersGet(headers, 'content-length')), (responseBody) => {
        // Too large to read whole: a cut body would only mislead, so nothing is reported.
        if (responseBody === undefined || (requestBody !== undefined && n.bytesOf(requestBody) > MAX_BODY_BYTES)) return;
        const exchange: Exchange = { method: request.method, url: request.url, status, responseHeaders: tools.headersOf((name) => n.headersGet(headers, name)) };
        if (requestBody !== undefined) exchange.requestBody = requestBody;
        exchange.responseBody = responseBody;
        tools.emit(exchange, request.pageUrl);
      });
    });
  });
}

interface XhrRequest {
  method: string;
  url: string;
}

/**
 * The rules are tested once, in `open` (method, then URL). Only requests a rule may match are
 * remembered; every other request's `send` is one WeakMap lookup away from the original.
 */
function wrapXhr(Xhr: typeof XMLHttpRequest, tools: HookTools): Array<[object, object]> {
  const proto = Xhr.prototype;
  const originalOpen = proto.open;
  const originalSend = proto.send;
  const watched = new WeakMap<XMLHttpRequest, XhrRequest>();
  const reads = {
    status: getterOf<number>(proto, 'status'),
    responseType: getterOf<string>(proto, 'responseType'),
    responseText: getterOf<string>(proto, 'responseText'),
    response: getterOf<unknown>(proto, 'response'),
    header: methodOf<[string], string | null>(proto, 'getResponseHeader'),
    listen: methodOf<[string, (event: Event) => void, AddEventListenerOptions], void>(proto, 'addEventListener'),
  };

  const open = {
    open(this: XMLHttpRequest, method: string, url: string | URL) {
      const args: unknown[] = [...arguments];
      try {
        // An object reused for another request starts over.
        n.weakDelete(watched, this);
        // Strings once, and those go out: the page cannot show the hook one URL and send another.
        args[0] = String(method);
        args[1] = String(url);
        const upper = n.upper(args[0] as string);
        if (tools.methodWatched(upper)) {
          const absolute = tools.resolve(args[1] as string);
          const verdict = absolute === undefined ? false : tools.decide(upper, absolute);
          if (absolute !== undefined && verdict !== false) n.weakSet(watched, this, { method: upper, url: absolute });
        }
      } catch {
        // the page's call below still happens
      }
      return n.apply(originalOpen, this, args) as void;
    },
  }.open;
  const send = {
    send(this: XMLHttpRequest) {
      const body = arguments[0] as unknown;
      const request = n.weakGet(watched, this);
      if (request) {
        try {
          watchXhr(this, request, body, tools, reads);
        } catch {
          // never into the page
        }
      }
      return n.apply(originalSend, this, [...arguments]) as void;
    },
  }.send;
  proto.open = open as typeof proto.open;
  proto.send = send;
  return [
    [open, originalOpen],
    [send, originalSend],
  ];
}

type XhrReads = {
  status: (xhr: unknown) => number;
  responseType: (xhr: unknown) => string;
  responseText: (xhr: unknown) => string;
  response: (xhr: unknown) => unknown;
  header: (xhr: unknown, name: string) => string | null;
  listen: (xhr: unknown, type: string, listener: (event: Event) => void, options: AddEventListenerOptions) => void;
};

function watchXhr(xhr: XMLHttpRequest, request: XhrRequest, body: unknown, tools: HookTools, reads: XhrReads): void {
  const requestBody = bodyToString(body);
  const pageUrl = tools.here();
  const onEnd = (event: Event) => {
    try {
      // Only the browser's own loadend: one a page dispatches itself proves nothing.
      if (event && event.isTrusted === false) return;
      // Rules that arrived while the request was out settle it now, before anything is read.
      const verdict = tools.decide(request.method, request.url);
      if (verdict === false) return;
      // Read synchronously: the response is available now and the object may be reused later.
      const status = reads.status(xhr);
      const type = reads.responseType(xhr);
      let responseBody: string | undefined;
      if (type === '' || type === 'text') responseBody = reads.responseText(xhr);
      else if (type === 'json') responseBody = n.stringify(reads.response(xhr));
      const headers = tools.headersOf((name) => reads.header(xhr, name));
      verdict((matched) => {
        if (!matched) return;
        const tooLarge = (text?: string) => text !== undefined && n.bytesOf(text) > MAX_BODY_BYTES;
        if (tooLarge(requestBody) || tooLarge(responseBody)) return;
        const exchange: Exchange = { method: request.method, url: request.url, status, responseHeaders: headers };
        if (requestBody !== undefined) exchange.requestBody = requestBody;
        if (responseBody !== undefined) exchange.responseBody = responseBody;
        tools.emit(exchange, pageUrl);
      });
    } catch {
      // never into the page
    }
  };
  reads.listen(xhr, 'loadend', onEnd, { once: true });
}
