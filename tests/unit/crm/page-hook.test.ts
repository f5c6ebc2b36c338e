import { describe, expect, it, vi } from 'vitest';
import { installPageHook } from '@/lib/page/page-hook';
import type { Exchange } from '@/lib/crm/engine';
import type { HookConfig } from '@/lib/page/hook-protocol';

const CONFIG: HookConfig = { type: 'config', rules: [{ methods: ['POST'], url: '/api/v1/persons(?:\\?|$)' }], headers: ['odata-entityid'] };

function setup(config: Promise<HookConfig> | HookConfig = CONFIG, answer?: () => Promise<Response>) {
  const original = vi.fn(answer ?? (async () => new Response(JSON.stringify({ success: true, data: { id: 1 } }), { status: 201, headers: { 'OData-EntityId': 'x(1)' } })));
  const target = { fetch: original as unknown as typeof fetch, location: { href: 'https://acme.pipedrive.com/persons/list' } };
  const reports: Exchange[] = [];
  installPageHook(target, (e) => reports.push(e), Promise.resolve(config));
  return { target, original, reports };
}

const flush = () => new Promise((r) => setTimeout(r, 20));

describe('installPageHook (fetch)', () => {
  it('passes the call through untouched and reports a matching exchange', async () => {
    const { target, original, reports } = setup();
    await flush();
    const init = { method: 'POST', body: JSON.stringify({ name: 'A' }) };
    const response = await target.fetch('/api/v1/persons', init);
    const [url, sent] = original.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/v1/persons');
    expect({ method: sent.method, body: sent.body }).toEqual(init);
    expect(await response.json()).toEqual({ success: true, data: { id: 1 } });
    await flush();
    expect(reports).toEqual([
      {
        method: 'POST',
        url: 'https://acme.pipedrive.com/api/v1/persons',
        status: 201,
        requestBody: '{"name":"A"}',
        responseBody: '{"success":true,"data":{"id":1}}',
        responseHeaders: { 'odata-entityid': 'x(1)' },
      },
    ]);
  });

  it('does not read other requests', async () => {
    const { target, reports } = setup();
    await flush();
    await target.fetch('/api/v1/deals', { method: 'POST', body: '{}' });
    await target.fetch('/api/v1/persons');
    await flush();
    expect(reports).toEqual([]);
  });

  it('waits for rules that arrive late, and reads a Request body from a copy', async () => {
    let resolve: (c: HookConfig) => void = () => {};
    const late = new Promise<HookConfig>((r) => (resolve = r));
    const original = vi.fn(async (input: RequestInfo | URL) => {
      // The page's own Request body is still intact for the real fetch.
      expect(await (input as Request).text()).toBe('{"name":"B"}');
      return new Response('{"success":true}', { status: 200 });
    });
    const target = { fetch: original as unknown as typeof fetch, location: { href: 'https://acme.pipedrive.com/' } };
    const reports: Exchange[] = [];
    installPageHook(target, (e) => reports.push(e), late);
    const response = await target.fetch(new Request('https://acme.pipedrive.com/api/v1/persons', { method: 'POST', body: '{"name":"B"}' }));
    expect(await response.text()).toBe('{"success":true}');
    resolve(CONFIG);
    await flush();
    expect(reports).toHaveLength(1);
    expect(reports[0]?.requestBody).toBe('{"name":"B"}');
  });

  it('never breaks the page: failing network, throwing reporter, odd arguments', async () => {
    const failing = setup(CONFIG, async () => {
      throw new TypeError('Failed to fetch');
    });
    await flush();
    await expect(failing.target.fetch('/api/v1/persons', { method: 'POST', body: '{}' })).rejects.toThrow('Failed to fetch');

    const original = vi.fn(async () => new Response('{}', { status: 200 }));
    const target = { fetch: original as unknown as typeof fetch, location: { href: 'https://acme.pipedrive.com/' } };
    installPageHook(
      target,
      () => {
        throw new Error('boom');
      },
      Promise.resolve(CONFIG),
    );
    await flush();
    const response = await target.fetch('/api/v1/persons', { method: 'POST', body: '{}' });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('{}');
    await expect(target.fetch({ toString: () => '::bad url::' } as unknown as string, { method: 'POST' })).resolves.toBeInstanceOf(Response);
    await flush();
  });

  it('ignores requests a page script can make up: data:, blob: and other sites', async () => {
    const { target, reports } = setup();
    await flush();
    await target.fetch('https://elsewhere.example/api/v1/persons', { method: 'POST', body: '{}' });
    await target.fetch('data:application/json,{}#/api/v1/persons', { method: 'POST', body: '{}' });
    await flush();
    expect(reports).toEqual([]);
  });

  it('sends exactly what it read: a getter cannot show the hook one body and send another', async () => {
    const { target, original, reports } = setup();
    await flush();
    let reads = 0;
    const init = {
      method: 'POST',
      get body() {
        reads += 1;
        return reads === 1 ? '{"name":"seen"}' : '{"name":"sent"}';
      },
    };
    await target.fetch('/api/v1/persons', init);
    await flush();
    const sent = (original.mock.calls[0] as unknown as [string, RequestInit])[1];
    expect(sent.body).toBe(reports[0]?.requestBody);
  });

  it('looks like the built-in fetch', () => {
    const { target, original } = setup();
    expect(Function.prototype.toString.call(target.fetch)).toBe(Function.prototype.toString.call(original));
    expect([target.fetch.name, target.fetch.length]).toEqual(['fetch', 1]);
    expect(Function.prototype.toString.call(Function.prototype.toString)).toContain('[native code]');
  });

  it('counts the body cap in bytes on both paths', async () => {
    // 100,000 three-byte characters: under the cap in UTF-16 units, over it in bytes.
    const wide = JSON.stringify({ note: '€'.repeat(100_000) });
    const { target, reports } = setup(CONFIG, async () => new Response(wide, { status: 201 }));
    await flush();
    await (await target.fetch('/api/v1/persons', { method: 'POST', body: '{}' })).text();
    await flush();
    expect(reports).toEqual([]);
  });

  it('skips bodies above the size cap', async () => {
    const big = 'x'.repeat(300 * 1024);
    const { target, reports } = setup(CONFIG, async () => new Response(big, { status: 200 }));
    await flush();
    const response = await target.fetch('/api/v1/persons', { method: 'POST', body: '{}' });
    expect((await response.text()).length).toBe(big.length);
    await flush();
    expect(reports).toEqual([]);
  });
});

/** Just enough of XMLHttpRequest: `finish` plays the response and fires loadend. */
class FakeXhr {
  static sent: Array<{ method: string; url: string; body: unknown }> = [];
  method = '';
  url = '';
  status = 0;
  responseType = '';
  responseReads = 0;
  listeners: Array<() => void> = [];
  private text = '';
  get responseText(): string {
    this.responseReads += 1;
    return this.text;
  }
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  send(body?: unknown) {
    FakeXhr.sent.push({ method: this.method, url: this.url, body });
  }
  addEventListener(_type: string, listener: () => void) {
    this.listeners.push(listener);
  }
  getResponseHeader(): string | null {
    return null;
  }
  finish(status: number, text: string) {
    this.status = status;
    this.text = text;
    for (const listener of this.listeners) listener();
  }
}

function setupXhr(config: Promise<HookConfig>) {
  FakeXhr.sent = [];
  class PageXhr extends FakeXhr {}
  const target = {
    fetch: vi.fn() as unknown as typeof fetch,
    XMLHttpRequest: PageXhr as unknown as typeof XMLHttpRequest,
    location: { href: 'https://acme.pipedrive.com/persons/list' },
  };
  const reports: Exchange[] = [];
  installPageHook(target, (e) => reports.push(e), config);
  return { make: () => new PageXhr(), reports };
}

describe('installPageHook (XMLHttpRequest)', () => {
  it('decides in open: a matching request is reported, its call goes out unchanged', async () => {
    const { make, reports } = setupXhr(Promise.resolve(CONFIG));
    await flush();
    const xhr = make();
    xhr.open('POST', '/api/v1/persons');
    xhr.send('{"name":"A"}');
    expect(FakeXhr.sent).toEqual([{ method: 'POST', url: '/api/v1/persons', body: '{"name":"A"}' }]);
    xhr.finish(201, '{"success":true,"data":{"id":7}}');
    await flush();
    expect(reports).toEqual([
      { method: 'POST', url: 'https://acme.pipedrive.com/api/v1/persons', status: 201, requestBody: '{"name":"A"}', responseBody: '{"success":true,"data":{"id":7}}', responseHeaders: {} },
    ]);
  });

  it('counts the body cap in bytes, as on the fetch path', async () => {
    const { make, reports } = setupXhr(Promise.resolve(CONFIG));
    await flush();
    const xhr = make();
    xhr.open('POST', '/api/v1/persons');
    xhr.send('{}');
    xhr.finish(201, JSON.stringify({ success: true, data: { id: 8 }, note: '€'.repeat(100_000) }));
    await flush();
    expect(reports).toEqual([]);
  });

  it('leaves every other request alone: no listener, no body read, nothing posted', async () => {
    const { make, reports } = setupXhr(Promise.resolve(CONFIG));
    await flush();
    const other = make();
    other.open('POST', '/api/v1/deals');
    other.send('{}');
    const read = make();
    read.open('GET', '/api/v1/persons');
    read.send();
    // A matching object reused for another request starts over.
    const reused = make();
    reused.open('POST', '/api/v1/persons');
    reused.open('POST', '/api/v1/notes');
    reused.send('{}');
    for (const xhr of [other, read, reused]) {
      expect(xhr.listeners).toHaveLength(0);
      xhr.finish(200, '{}');
      expect(xhr.responseReads).toBe(0);
    }
    await flush();
    expect(FakeXhr.sent).toHaveLength(3);
    expect(reports).toEqual([]);
  });

  it('settles requests opened before the rules arrived: reads only those that match', async () => {
    let resolve: (c: HookConfig) => void = () => {};
    const { make, reports } = setupXhr(new Promise<HookConfig>((r) => (resolve = r)));
    const match = make();
    match.open('POST', '/api/v1/persons');
    match.send('{}');
    const other = make();
    other.open('POST', '/api/v1/deals');
    other.send('{}');
    resolve(CONFIG);
    await flush();
    match.finish(201, '{"success":true}');
    other.finish(201, '{"success":true}');
    await flush();
    expect(other.responseReads).toBe(0);
    expect(reports.map((r) => r.url)).toEqual(['https://acme.pipedrive.com/api/v1/persons']);
  });
});
