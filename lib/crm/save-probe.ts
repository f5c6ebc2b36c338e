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

export function installSaveProbe(target: ProbeTarget, report: (probe: SaveProbe) => void): void {
  const sameOriginWrite = (method: string, url: string): string | undefined => {
    if (method === 'GET' || method === 'HEAD') return undefined;
    const absolute = new URL(url, target.location.href);
    return absolute.origin === new URL(target.location.href).origin ? absolute.href : undefined;
  };
  const check = (method: string, url: string, status: number, answer: string | undefined, sent: unknown) => {
    if (status >= 200 && status < 300 && answer && answersNewId(answer, typeof sent === 'string' ? sent : '', url)) report({ type: 'probe', method, url });
  };

  const originalFetch = target.fetch;
  target.fetch = function (this: unknown, ...args: Parameters<typeof fetch>) {
    const call = originalFetch.apply(this, args);
    try {
      const [input, init] = args;
      const isRequest = typeof Request !== 'undefined' && input instanceof Request;
      const method = String(init?.method ?? (isRequest ? input.method : 'GET')).toUpperCase();
      const url = sameOriginWrite(method, isRequest ? input.url : String(input));
      if (url) {
        call
          .then((response) => (/json/.test(response.headers.get('content-type') ?? '') ? response.clone().text().then((text) => check(method, url, response.status, text, init?.body)) : undefined))
          .catch(() => {});
      }
    } catch {
      // never into the page
    }
    return call;
  } as typeof fetch;

  const Xhr = target.XMLHttpRequest;
  if (!Xhr) return;
  const opened = new WeakMap<XMLHttpRequest, [string, string]>();
  const { open, send } = Xhr.prototype;
  Xhr.prototype.open = function (this: XMLHttpRequest, ...args: unknown[]) {
    try {
      const method = String(args[0]).toUpperCase();
      const url = sameOriginWrite(method, String(args[1]));
      if (url) opened.set(this, [method, url]);
      else opened.delete(this);
    } catch {
      opened.delete(this);
    }
    return (open as (...a: unknown[]) => void).apply(this, args);
  } as typeof open;
  Xhr.prototype.send = function (this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
    const request = opened.get(this);
    if (request) {
      this.addEventListener(
        'loadend',
        () => {
          try {
            const text = this.responseType === '' || this.responseType === 'text' ? this.responseText : this.responseType === 'json' ? JSON.stringify(this.response) : undefined;
            check(request[0], request[1], this.status, text, body);
          } catch {
            // never into the page
          }
        },
        { once: true },
      );
    }
    return send.call(this, body);
  };
}
