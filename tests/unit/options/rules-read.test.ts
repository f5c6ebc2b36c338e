import { beforeEach, describe, expect, it } from 'vitest';
import { handleMessage, type HandlerDeps } from '@/lib/background/handle';
import type { AdapterInput } from '@/lib/crm/adapter-schema';
import { adapterById, ADAPTERS } from '@/lib/crm/adapters';
import { patternsOverlap } from '@/lib/crm/match-pattern';
import { KpiDatabase } from '@/lib/db';
import { setKv } from '@/lib/db/queries';
import { saveSettings } from '@/lib/db/settings';
import { keptRules, loadRules, loadRulesRead, readRules, resolveAdapterForUrl, RulesSchema } from '@/lib/overrides';
import { patternsToRegister } from '@/lib/sites/shipped';

const own = (id: string, host: string, extra: Partial<AdapterInput> = {}): AdapterInput => ({
  id,
  name: `CRM ${id}`,
  hosts: [`https://${host}/*`],
  kinds: { contact: { kpis: ['contacts'] } },
  network: [{ id: `${id}-create`, methods: ['POST'], url: '/api/contacts$', format: 'json', kind: 'contact', read: { recordId: [{ from: 'response', path: 'id' }] } }],
  ...extra,
});

/** What an older version stored: the second adapter has a pattern today's checks refuse. */
const stored = {
  adapters: [
    own('good-crm', 'good.dealer.example'),
    own('bad-crm', 'bad.dealer.example', { network: [{ id: 'bad', methods: ['POST'], url: '/api/a*a*a*a*b', format: 'json', kind: 'contact', read: { recordId: [{ from: 'response', path: 'id' }] } }] }),
  ],
  sites: [
    { pattern: 'https://crm.good.example/*', adapter: 'good-crm' },
    { pattern: 'https://crm.bad.example/*', adapter: 'bad-crm' },
    { pattern: 'https://odoo.dealer.example/*', adapter: 'odoo' },
  ],
  mappings: [{ adapter: 'hubspot', object: '2-1234', kpis: ['devices'] }],
  disabledAdapters: ['pipedrive'],
};

describe('one stored adapter that no longer validates', () => {
  it('is switched off on its own, with its field and reason; the rest keeps working', () => {
    expect(RulesSchema.safeParse(stored).success).toBe(false);
    const { rules, switchedOff, dropped } = readRules(stored);
    expect(rules.adapters.map((a) => a.id)).toEqual(['good-crm']);
    expect(rules.sites.map((s) => s.pattern)).toEqual(['https://crm.good.example/*', 'https://odoo.dealer.example/*']);
    expect(rules.mappings).toEqual(stored.mappings);
    expect(rules.disabledAdapters).toEqual(['pipedrive']);
    expect(dropped).toEqual([]);
    expect(switchedOff).toEqual([
      {
        id: 'bad-crm',
        name: 'CRM bad-crm',
        problems: [expect.stringMatching(/^network\.0\.url: unsafe or invalid regex: two unbounded repetitions in a row/)],
        raw: stored.adapters[1],
        sites: [{ pattern: 'https://crm.bad.example/*', adapter: 'bad-crm' }],
      },
    ]);
  });

  it('leaves custom domains, other adapters, mappings and CRMs turned off in force', () => {
    const { rules } = readRules(stored);
    expect(resolveAdapterForUrl(rules, 'https://crm.good.example/x', ADAPTERS)?.id).toBe('good-crm');
    expect(resolveAdapterForUrl(rules, 'https://odoo.dealer.example/odoo', ADAPTERS)?.id).toBe('odoo');
    // The broken adapter's domain counts nothing, and no other adapter takes it over.
    expect(resolveAdapterForUrl(rules, 'https://crm.bad.example/x', ADAPTERS)).toBeUndefined();
    expect(resolveAdapterForUrl(rules, 'https://acme.pipedrive.com/persons', ADAPTERS)).toBeUndefined();
    expect(resolveAdapterForUrl(rules, 'https://app.hubspot.com/contacts/1/record/2-1234/5', ADAPTERS)?.kinds['obj-2-1234']?.kpis).toEqual(['devices']);
    const patterns = patternsToRegister(rules);
    expect(patterns).toContain('https://crm.good.example/*');
    expect(patterns).not.toContain('https://crm.bad.example/*');
    expect(patterns.some((p) => p.includes('pipedrive'))).toBe(false);
  });

  it('drops only the bad entry of other lists, naming it', () => {
    const { rules, dropped } = readRules({ ...stored, adapters: [stored.adapters[0]], sites: [...stored.sites.slice(0, 1), { pattern: 'https://*/*', adapter: 'odoo' }], mappings: [{ adapter: 'x', object: 'y', kpis: ['visitors'] }, ...stored.mappings] });
    expect(rules.sites.map((s) => s.pattern)).toEqual(['https://crm.good.example/*']);
    expect(rules.mappings).toEqual(stored.mappings);
    expect(dropped).toEqual([expect.stringMatching(/^sites\.1\.pattern: /), expect.stringMatching(/^mappings\.0\.kpis\.0: /)]);
  });

  it('reads nothing from a value that is not rules at all', () => {
    expect(readRules('garbage').rules).toEqual(RulesSchema.parse({}));
    expect(readRules(null).switchedOff).toEqual([]);
  });
});

describe('saving rules around a switched-off adapter', () => {
  let database: KpiDatabase;
  const deps: HandlerDeps = { now: () => Date.UTC(2026, 10, 25, 12), newId: () => crypto.randomUUID(), adapterById };
  const page = (message: unknown) => handleMessage(database, message, 'extension-page', deps);

  beforeEach(async () => {
    database = new KpiDatabase(`r-${crypto.randomUUID()}`);
    await database.open();
    await saveSettings(database, { timeZone: 'Europe/Berlin' });
    await setKv(database, 'rules', stored);
  });

  it('keeps it stored (with its domain) when other rules change, so the rep can still fix it', async () => {
    const { rules } = await loadRulesRead(database);
    const saved = await page({ type: 'save-rules', rules: { ...rules, disabledAdapters: [] } });
    expect(saved.response.ok).toBe(true);
    const after = await loadRulesRead(database);
    expect(after.rules.disabledAdapters).toEqual([]);
    expect(after.switchedOff.map((a) => [a.id, a.sites.map((s) => s.pattern)])).toEqual([['bad-crm', ['https://crm.bad.example/*']]]);
  });

  it('replaces it with a fixed version of the same id, and forgets it when removed', async () => {
    const { rules } = await loadRulesRead(database);
    const fixed = own('bad-crm', 'bad.dealer.example');
    expect((await page({ type: 'save-rules', rules: { ...rules, adapters: [...rules.adapters, fixed] } })).response.ok).toBe(true);
    expect((await loadRules(database)).adapters.map((a) => a.id)).toEqual(['good-crm', 'bad-crm']);
    expect((await loadRulesRead(database)).switchedOff).toEqual([]);

    await setKv(database, 'rules', stored);
    expect((await page({ type: 'save-rules', rules, forget: ['bad-crm'] })).response.ok).toBe(true);
    const after = await loadRulesRead(database);
    expect(after.switchedOff).toEqual([]);
    expect(after.rules.sites.map((s) => s.pattern)).not.toContain('https://crm.bad.example/*');
  });

  it('refuses an imported file whose adapter has a polynomial pattern, and changes nothing', async () => {
    const before = await loadRulesRead(database);
    const imported = await page({ type: 'import-data', settings: { timeZone: 'Europe/Berlin', repName: 'X' }, rules: { adapters: [stored.adapters[1]] } });
    expect(imported.response).toMatchObject({ ok: false, error: expect.stringMatching(/adapters.*network.*url|two unbounded repetitions/) });
    expect(await loadRulesRead(database)).toEqual(before);
  });
});

describe('a rep’s adapter on a built-in CRM’s hosts', () => {
  const myOdoo = own('my-odoo', 'dealer.odoo.com');

  it('is refused without "replaces", naming the host field and the CRM', () => {
    const result = RulesSchema.safeParse({ adapters: [myOdoo] });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['adapters.0.hosts.0', expect.stringMatching(/built-in Odoo adapter: add "replaces": "odoo"/)],
    ]);
    // A wildcard that swallows a shipped host is refused too.
    expect(RulesSchema.safeParse({ adapters: [own('wide', '*.force.com')] }).success).toBe(false);
  });

  it('is accepted with "replaces" and then reads those pages instead of the built-in one', () => {
    const rules = RulesSchema.parse({ adapters: [{ ...myOdoo, replaces: 'odoo' }] });
    expect(resolveAdapterForUrl(rules, 'https://dealer.odoo.com/odoo/contacts/new', ADAPTERS)?.id).toBe('my-odoo');
    expect(resolveAdapterForUrl(rules, 'https://other.odoo.com/odoo/contacts/new', ADAPTERS)?.id).toBe('odoo');
  });

  it('refuses "replaces" naming an unknown CRM or one whose hosts it does not use', () => {
    const paths = (adapter: AdapterInput) => RulesSchema.safeParse({ adapters: [adapter] }).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(paths({ ...myOdoo, replaces: 'sap' })).toEqual([expect.stringMatching(/^adapters\.0\.hosts\.0: /), expect.stringMatching(/^adapters\.0\.replaces: "sap" is not a built-in CRM/)]);
    expect(paths({ ...own('mine', 'crm.dealer.example'), replaces: 'odoo' })).toEqual([expect.stringMatching(/^adapters\.0\.replaces: none of the hosts/)]);
  });

  it('overlap of match patterns: one host covers the other, schemes compatible', () => {
    expect(patternsOverlap('https://*.odoo.com/*', 'https://dealer.odoo.com/*')).toBe(true);
    expect(patternsOverlap('https://dealer.odoo.com/x*', 'https://*.odoo.com/*')).toBe(true);
    expect(patternsOverlap('https://*.odoo.com/*', 'https://*.eu.odoo.com/*')).toBe(true);
    expect(patternsOverlap('https://*.odoo.com/*', 'https://odoo.com.evil.example/*')).toBe(false);
    expect(patternsOverlap('http://a.example/*', 'https://a.example/*')).toBe(false);
    expect(patternsOverlap('*://a.example/*', 'https://a.example/*')).toBe(true);
  });
});

describe('rules read again', () => {
  let database: KpiDatabase;
  beforeEach(async () => {
    database = new KpiDatabase(`rules-kept-${crypto.randomUUID()}`);
    await database.open();
  });

  it('are kept until the stored rules change, then read afresh; a clear of all data reads as none', async () => {
    await setKv(database, 'rules', { adapters: [own('first-crm', 'first.dealer.example')] });
    const first = await keptRules(database);
    expect(first.adapters.map((a) => a.id)).toEqual(['first-crm']);
    expect(await keptRules(database)).toBe(first);
    await setKv(database, 'rules', { adapters: [own('second-crm', 'second.dealer.example')] });
    expect((await keptRules(database)).adapters.map((a) => a.id)).toEqual(['second-crm']);
    await database.kv.clear();
    expect((await keptRules(database)).adapters).toEqual([]);
  });

  it('follow a change another handle on the same database commits', async () => {
    expect((await keptRules(database)).adapters).toEqual([]);
    const other = new KpiDatabase(database.name);
    await other.open();
    await setKv(other, 'rules', { adapters: [own('other-crm', 'other.dealer.example')] });
    other.close();
    expect((await keptRules(database)).adapters.map((a) => a.id)).toEqual(['other-crm']);
  });
});
