import * as n from './natives';

/**
 * Notices requests that look like a create no rule may know: a non-GET request to the page's own
 * origin answered (2xx, JSON) with an id that the request itself did not carry. Reports the
 * method and URL only; the answer is looked at for that id and dropped. Installed on top of the
 * page hook, it passes every call through untouched and never throws into the page.
 */
export interface SaveProbe {
  type: 'probe';
  method: string;
  url: string;
}

const MAX_TEXT = 64 * 1024;
const ID = /^[\w-]{1,64}$/;

/** Whether the answer names an id (`id`, `data.id`, `result.id`, `result[0].id`) that the request did not carry. */
export function answersNewId(answer: string, sent: string, url: string): boolean {
  if (answer.length > MAX_TEXT) return false;
  let body: any;
  try {
    body = JSON.parse(answer);
  } catch {
    return false;
  }
  // A JSON-RPC envelope's own `id` numbers the call, not a record.
  const own = body?.jsonrpc === undefined ? body?.id : undefined;
  const id = [own, body?.data?.id, body?.result?.id, Array.isArray(body?.result) ? body.result[0]?.id : undefined].find(
    (v) => (typeof v === 'number' || typeof v === 'string') && ID.test(String(v)),
  );
  return id !== undefined && !url.includes(String(id)) && !new RegExp(`[\\["=:/, ]${String(id)}\\b`).test(sent);
}

interface ProbeTarget {
  fetch: typeof fetch;
  XMLHttpRequest?: typeof XMLHttpRequest;
  location: { href: string };
}

/**
 * Wraps fetch and XHR once more, after the page hook, with the same care: the built-ins it calls
 * were taken before page scripts ran, and its wrappers keep the built-ins' name, length and native
 * `toString()` text.
 */
export function installSaveProbe(target: ProbeTarget, report: (probe: SaveProbe) => void): void {
  const here = () => new n.NativeURL(target.location.href);
  const sameOriginWrite = (method: string, url: string): string | undefined => {
    if (method === 'GET' || method === 'HEAD') return undefined;
    const absolute = new n.NativeURL(url, n.urlHref(here()));
    return n.urlOrigin(absolute) === n.urlOrigin(here()) ? n.urlHref(absolute) : undefined;
  };
  const check = (method: string, url: string, status: number, answer: string | undefined, sent: unknown) => {
    if (status >= 200 && status < 300 && answer && answersNewId(answer, typeof sent === 'string' ? sent : '', url)) report({ type: 'probe', method, url });
  };
  const disguised: Array<[object, object]> = [];
  const readText = n.methodOf<[], Promise<string>>(Response.prototype, 'text');

  const originalFetch = target.fetch;
  const wrapped = {
    // One declared parameter and the built-in's name: `length` and `name` match the original.
    fetch(this: unknown, input: RequestInfo | URL): Promise<Response> {
      const args = [...arguments] as [RequestInfo | URL, RequestInit?];
      const call = n.apply(originalFetch, this, args) as Promise<Response>;
      try {
        const init = args[1];
        const isRequest = typeof Request !== 'undefined' && input instanceof Request;
        const method = n.upper(String(init?.method ?? (isRequest ? n.requestMethod(input) : 'GET')));
        const url = sameOriginWrite(method, isRequest ? n.requestUrl(input) : String(input));
        if (url) {
          n.promiseThen(
            call,
            (response) => {
              if (!/json/.test(n.headersGet(n.responseHeaders(response), 'content-type') ?? '')) return;
              n.promiseThen(readText(n.responseClone(response)), (text) => check(method, url, n.responseStatus(response), text, init?.body), () => {});
            },
            () => {},
          );
        }
      } catch {
        // never into the page
      }
      return call;
    },
  }.fetch;
  target.fetch = wrapped as typeof fetch;
  disguised.push([wrapped, originalFetch]);

  const Xhr = target.XMLHttpRequest;
  if (Xhr) {
    const opened = new WeakMap<XMLHttpRequest, [string, string]>();
    const { open, send } = Xhr.prototype;
    const status = n.getterOf<number>(Xhr.prototype, 'status');
    const responseText = n.getterOf<string>(Xhr.prototype, 'responseText');
    const responseType = n.getterOf<string>(Xhr.prototype, 'responseType');
    const responseValue = n.getterOf<unknown>(Xhr.prototype, 'response');
    const addListener = n.methodOf<[string, () => void, AddEventListenerOptions], void>(EventTarget.prototype, 'addEventListener');
    const methods = {
      open(this: XMLHttpRequest, method: string, url: string | URL) {
        try {
          const upper = n.upper(String(method));
          const write = sameOriginWrite(upper, String(url));
          if (write) n.weakSet(opened, this, [upper, write]);
          else n.weakDelete(opened, this);
        } catch {
          n.weakDelete(opened, this);
        }
        return n.apply(open, this, [...arguments]) as void;
      },
      send(this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
        const request = n.weakGet(opened, this);
        if (request) {
          addListener(
            this,
            'loadend',
            () => {
              try {
                const type = responseType(this);
                const text = type === '' || type === 'text' ? responseText(this) : type === 'json' ? n.stringify(responseValue(this)) : undefined;
                check(request[0], request[1], status(this), text, body);
              } catch {
                // never into the page
              }
            },
            { once: true },
          );
        }
        return n.apply(send, this, [...arguments]) as void;
      },
    };
    Xhr.prototype.open = methods.open as typeof open;
    Xhr.prototype.send = methods.send;
    disguised.push([methods.open, open], [methods.send, send]);
  }
  n.disguiseAsNative(disguised);
}
