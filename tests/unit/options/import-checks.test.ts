import { describe, expect, it } from 'vitest';
import type { AdapterInput } from '@/lib/crm/adapter-schema';
import { adapterRedosIssues } from '@/lib/crm/redos';
import { RulesSchema } from '@/lib/overrides';
import { isPublicSuffixPattern, ownDomainFromInput } from '@/lib/sites/own-domain';
import { importProblems, plainSchemaErrors } from '@/entrypoints/options/import-checks';
import { parseBundle } from '@/lib/settings-io';
import { validateAdapter } from '@/lib/crm/adapter-schema';
import { EXAMPLE_ADAPTER } from '@/entrypoints/options/adapter-editor';
import type { RedosChecker } from '@/entrypoints/options/redos-check';

// The real recheck, run in this process instead of the options page's worker.
const inProcess: RedosChecker = async (adapters) => adapters.map((a) => adapterRedosIssues(a));
const t = (key: string, subs?: string | readonly string[]) => `${key}(${[subs ?? []].flat().join('|')})`;

describe('own domains and the Public Suffix List', () => {
  it.each(['*.co.uk', 'co.uk', '*.github.io', 'https://*.com.au/x'])('refuses %s as shared by many owners', (input) => {
    expect(ownDomainFromInput(input)).toEqual({ ok: false, error: 'publicSuffix' });
  });

  it('still refuses *.com as all of a top-level domain', () => {
    expect(ownDomainFromInput('*.com')).toEqual({ ok: false, error: 'allSites' });
  });

  it.each([
    ['*.dealer.co.uk', 'https://*.dealer.co.uk/*'],
    ['crm.dealer.example', 'https://crm.dealer.example/*'],
    ['http://10.0.0.5/odoo', 'http://10.0.0.5/*'],
    ['localhost', 'https://localhost/*'],
  ])('accepts %s', (input, pattern) => {
    expect(ownDomainFromInput(input)).toEqual({ ok: true, pattern });
  });

  it('checks stored patterns too', () => {
    expect(isPublicSuffixPattern('https://*.co.uk/*')).toBe(true);
    expect(isPublicSuffixPattern('https://*.dealer.co.uk/*')).toBe(false);
  });
});

const adapter = (url: string): AdapterInput => ({
  id: 'my-crm',
  name: 'My CRM',
  hosts: ['https://crm.dealer.example/*'],
  kinds: { contact: { kpis: ['contacts'] } },
  network: [{ id: 'create', methods: ['POST'], url, format: 'json', kind: 'contact', read: { recordId: [{ from: 'response', path: 'id' }] } }],
});

describe('an imported settings file', () => {
  it('is refused with the field of a pattern that could freeze the page (one the structural guard lets through)', async () => {
    const rules = RulesSchema.parse({ adapters: [adapter('/api/.*x.*x.*=')] });
    expect(await importProblems(rules, t, inProcess)).toEqual([
      expect.stringMatching(/^options_redosIssue\(My CRM\|rules\.adapters\.0\.network\.0\.url\|options_redosPolynomial\(\d\)\)$/),
    ]);
  }, 120_000);

  it('is refused with the field of a public-suffix domain', async () => {
    const rules = RulesSchema.parse({ sites: [{ pattern: 'https://*.co.uk/*', adapter: 'odoo' }] });
    expect(await importProblems(rules, t, inProcess)).toEqual(['options_importPublicSuffix(rules.sites.0.pattern|https://*.co.uk/*)']);
  });

  it('passes when every pattern and domain is fine', async () => {
    const rules = RulesSchema.parse({ adapters: [adapter('/api/contacts$')], sites: [{ pattern: 'https://crm.dealer.example/*', adapter: 'my-crm' }] });
    expect(await importProblems(rules, t, inProcess)).toEqual([]);
  }, 120_000);

  it('is refused, not accepted, when the check cannot finish', async () => {
    const rules = RulesSchema.parse({ adapters: [adapter('/api/contacts$')] });
    expect(await importProblems(rules, t, () => Promise.reject(new Error('timeout')))).toEqual(['options_redosTimeout()']);
  });

  it('says in plain words which field holds a pattern the structural guard refuses', () => {
    const file = { format: 'kpi-pacer-settings', version: 1, settings: {}, rules: { adapters: [adapter('/api/a*a*a*a*b')] } };
    const parsed = parseBundle(JSON.stringify(file));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(plainSchemaErrors(parsed.errors, t)).toEqual(['options_regexUnsafe(rules.adapters.0.network.0.url)']);
    expect(plainSchemaErrors(['settings.teamSize: expected number'], t)).toEqual(['settings.teamSize: expected number']);
  });

  it('says a port in an adapter host in the rep\'s language, with the pattern to write', () => {
    const checked = validateAdapter({ ...EXAMPLE_ADAPTER, hosts: ['http://127.0.0.1:8000/*'] });
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(plainSchemaErrors(checked.errors, t)).toEqual(['options_hostPort(hosts.0|http://127.0.0.1/*)']);
  });
});
