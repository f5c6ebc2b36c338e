import { describe, expect, it } from 'vitest';
import { AdapterSpecSchema, validateAdapter } from '@/lib/crm/adapter-schema';
import { ADAPTERS, ALL_HOST_PATTERNS, adapterById, adapterForUrl } from '@/lib/crm/adapters';
import { matchRoutes } from '@/lib/crm/engine';
import { matchesPattern } from '@/lib/crm/match-pattern';

describe('shipped adapters', () => {
  it.each(ADAPTERS.map((a) => [a.id, a] as const))('%s passes the adapter schema', (_id, adapter) => {
    const result = validateAdapter(adapter);
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('have unique ids', () => {
    expect(new Set(ADAPTERS.map((a) => a.id)).size).toBe(ADAPTERS.length);
  });

  it('shipped host patterns are specific CRM hosts, never all sites', () => {
    expect(ALL_HOST_PATTERNS.length).toBe(15);
    for (const pattern of ALL_HOST_PATTERNS) {
      expect(pattern).toMatch(/^https:\/\/(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+\/\*$/);
      expect(pattern).not.toMatch(/^https:\/\/\*\/|<all_urls>/);
    }
  });

  it('Salesforce maps Asset to devices by default', () => {
    const salesforce = adapterById('salesforce');
    expect(salesforce?.kinds.device).toMatchObject({ kpis: ['devices'], objects: ['Asset'] });
  });
});

describe('adapterForUrl', () => {
  it.each([
    ['https://app.hubspot.com/contacts/1/record/0-1/2', 'hubspot'],
    ['https://app-eu1.hubspot.com/contacts/1', 'hubspot'],
    ['https://app-na2.hubspot.com/', 'hubspot'],
    ['https://acme.lightning.force.com/lightning/page/home', 'salesforce'],
    ['https://acme.my.salesforce.com/', 'salesforce'],
    ['https://acme.pipedrive.com/deal/1', 'pipedrive'],
    ['https://crm.zoho.com/crm/org1/tab/Home', 'zoho'],
    ['https://crm.zoho.eu/', 'zoho'],
    ['https://crm.zoho.com.au/', 'zoho'],
    ['https://crm.zoho.jp/', 'zoho'],
    ['https://crm.zoho.com.cn/', 'zoho'],
    ['https://crm.zoho.ca/', 'zoho'],
    ['https://crm.zoho.sa/', 'zoho'],
    ['https://crm.zoho.uk/', 'zoho'],
    ['https://crm.zoho.in/', 'zoho'],
    ['https://contoso.crm4.dynamics.com/main.aspx', 'dynamics'],
    ['https://acme.odoo.com/odoo', 'odoo'],
  ])('%s → %s', (url, id) => {
    expect(adapterForUrl(url)?.id).toBe(id);
  });

  it.each(['https://example.com/', 'http://app.hubspot.com/', 'https://hubspot.com.evil.io/', 'https://mail.zoho.com/', 'not a url'])(
    'no adapter for %s',
    (url) => {
      expect(adapterForUrl(url)).toBeUndefined();
    },
  );
});

describe('matchesPattern', () => {
  it('handles wildcard subdomains, the bare domain and paths', () => {
    expect(matchesPattern('https://*.hubspot.com/*', 'https://hubspot.com/x')).toBe(true);
    expect(matchesPattern('https://*.hubspot.com/*', 'https://a.b.hubspot.com/x?y')).toBe(true);
    expect(matchesPattern('https://*.hubspot.com/*', 'https://xhubspot.com/')).toBe(false);
    expect(matchesPattern('https://crm.zoho.com/crm/*', 'https://crm.zoho.com/mail')).toBe(false);
  });
});

// Every route's test URLs match it and no other route of any adapter (the Refined GitHub rule).
const ALL_ROUTES = ADAPTERS.flatMap((adapter) => (adapter.routes ?? []).map((route) => ({ adapter, route })));

describe('route URL cross-matrix', () => {
  for (const { adapter, route } of ALL_ROUTES) {
    describe(`${adapter.id}/${route.id}`, () => {
      it.each(route.testUrls)('matches its own test URL %s', (url) => {
        expect(adapterForUrl(url)?.id).toBe(adapter.id);
        const hit = matchRoutes(adapter, url).find((m) => m.route.id === route.id);
        expect(hit, url).toBeDefined();
        expect(hit?.kind, 'a kind is resolved').toBeDefined();
        if (route.type === 'record') expect(hit?.recordId, 'a record id is captured').toBeTruthy();
      });

      it('its test URLs match no other route of any adapter', () => {
        for (const url of route.testUrls) {
          for (const other of ADAPTERS) {
            const others = matchRoutes(other, url).filter((m) => !(other.id === adapter.id && m.route.id === route.id));
            expect(others.map((m) => `${other.id}/${m.route.id}`), url).toEqual([]);
          }
        }
      });
    });
  }
});

describe('adapter schema errors name the field', () => {
  const base = {
    id: 'custom-crm',
    name: 'Custom',
    hosts: ['https://crm.example.com/*'],
    kinds: { contact: { kpis: ['contacts'] } },
  };

  it('accepts a minimal adapter and fills defaults', () => {
    const parsed = AdapterSpecSchema.parse(base);
    expect(parsed.routes).toEqual([]);
    expect(parsed.network).toEqual([]);
  });

  it.each([
    [{ hosts: ['<all_urls>'] }, 'hosts.0'],
    [{ hosts: ['https://*/*'] }, 'hosts.0'],
    [{ hosts: ['https://*.com/*'] }, 'hosts.0'],
    [{ id: 'Bad Id' }, 'id'],
    [{ kinds: { contact: { kpis: ['visitors'] } } }, 'kinds.contact.kpis.0'],
    [
      { routes: [{ id: 'r', kind: 'contact', type: 'record', path: '^/c/(\\d+)$', testUrls: ['https://crm.example.com/c/1'] }] },
      'routes.0.path',
    ],
    [
      { routes: [{ id: 'r', kind: 'contact', type: 'record', path: '^/c/(?<id>(\\d+)+)$', testUrls: ['https://crm.example.com/c/1'] }] },
      'routes.0.path',
    ],
    [{ routes: [{ id: 'r', kind: 'nope', type: 'create-form', path: '^/new$', testUrls: ['https://crm.example.com/new'] }] }, 'routes.0.kind'],
    [{ routes: [{ id: 'r', kind: 'contact', type: 'create-form', path: '^/new$', testUrls: [] }] }, 'routes.0.testUrls'],
    [
      {
        network: [
          { id: 'n', methods: ['POST'], url: '(.*)*', format: 'json', read: { recordId: [{ from: 'response', path: 'id' }] } },
        ],
      },
      'network.0.url',
    ],
    [
      {
        network: [
          { id: 'n', methods: ['POST'], url: '/api', format: 'json', read: { recordId: [{ from: 'response', path: 'a..b' }] } },
        ],
      },
      'network.0.read.recordId.0.path',
    ],
    [
      {
        network: [
          {
            id: 'n',
            methods: ['POST'],
            url: '/api',
            format: 'json',
            successIf: [{ from: 'response', path: 'x', op: 'matches', value: '(a+)+' }],
            read: { recordId: [{ from: 'response', path: 'id' }] },
          },
        ],
      },
      'network.0.successIf.0.value',
    ],
    [
      {
        network: [
          { id: 'n', methods: ['POST'], url: '/api', format: 'json', read: { recordId: [{ from: 'responseItem', path: 'id' }] } },
        ],
      },
      'network.0.items',
    ],
    [
      {
        network: [
          { id: 'n', methods: ['POST'], url: '/api', format: 'json', read: { recordId: [{ from: 'header' }] } },
        ],
      },
      'network.0.read.recordId.0.header',
    ],
    [
      {
        routes: [{ id: 'dup', kind: 'contact', type: 'create-form', path: '^/new$', testUrls: ['https://crm.example.com/new'] }],
        dom: [{ id: 'dup', selector: '.toast', kind: 'contact', recordFrom: { from: 'route' } }],
      },
      'dom.0.id',
    ],
  ])('%j is refused at %s', (patch, field) => {
    const result = validateAdapter({ ...base, ...patch });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.some((e) => e.startsWith(`${field}:`)), result.errors.join('\n')).toBe(true);
  });
});
