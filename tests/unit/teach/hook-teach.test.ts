import { describe, expect, it, vi } from 'vitest';
import { installPageHook } from '@/lib/page/page-hook';
import type { Exchange } from '@/lib/crm/engine';
import { parseHookConfig, type HookConfig } from '@/lib/page/hook-protocol';

const RULES: HookConfig = { type: 'config', rules: [{ methods: ['POST'], url: '/api/v1/persons(?:\\?|$)' }], headers: [] };
const flush = () => new Promise((r) => setTimeout(r, 20));

function setup() {
  const original = vi.fn(async () => new Response('{"id":5}', { status: 201, headers: { Location: '/api/things/5' } }));
  const target = { fetch: original as unknown as typeof fetch, location: { href: 'https://crm.acme.test/things/new' } };
  const reports: Array<{ exchange: Exchange; pageUrl: string }> = [];
  const replace = installPageHook(target, (exchange, pageUrl) => reports.push({ exchange, pageUrl }), Promise.resolve(RULES));
  return { target, reports, replace };
}

describe('the hook while the rep teaches', () => {
  it('reads every request with a body on the page\'s origin only while the window is open', async () => {
    const { target, reports, replace } = setup();
    await flush();
    await target.fetch('/api/things', { method: 'POST', body: '{"a":1}' });
    await flush();
    expect(reports).toEqual([]);

    replace({ ...RULES, teach: true });
    await target.fetch('/api/things', { method: 'POST', body: '{"a":1}' });
    await target.fetch('/api/things/5', { method: 'GET' });
    await target.fetch('https://elsewhere.test/api/things', { method: 'POST', body: '{}' });
    await flush();
    expect(reports).toEqual([
      {
        exchange: {
          method: 'POST',
          url: 'https://crm.acme.test/api/things',
          status: 201,
          requestBody: '{"a":1}',
          responseBody: '{"id":5}',
          responseHeaders: { location: '/api/things/5' },
        },
        pageUrl: 'https://crm.acme.test/things/new',
      },
    ]);

    replace(RULES);
    await target.fetch('/api/things', { method: 'POST', body: '{"a":2}' });
    await flush();
    expect(reports).toHaveLength(1);
  });

  it('takes the teaching flag only as `true` from a well-formed config', () => {
    expect(parseHookConfig({ ...RULES, teach: true })?.teach).toBe(true);
    expect(parseHookConfig({ ...RULES, teach: 'yes' })).not.toHaveProperty('teach');
  });
});
