import { describe, expect, it } from 'vitest';
import { adapterById } from '@/lib/crm/adapters';
import { defaultSettings } from '@/lib/kpi/settings';
import { emptyRules, RulesSchema } from '@/lib/overrides';
import { bundleText, exportBundle, MAX_BUNDLE_BYTES, parseBundle, parseVisitorsCsv } from '@/lib/settings-io';
import { visitorsCsvProblemText } from '@/lib/settings-io/visitors-csv';
import { getMessageFrom, readMessages } from '@/tests/unit/i18n/locale-messages';

const settings = { ...defaultSettings({ timeZone: 'Europe/Berlin' }), repName: 'Rep', currency: 'EUR' };
const rules = RulesSchema.parse({ mappings: [{ adapter: 'hubspot', object: '2-1234', kpis: ['devices'] }] });

function bundleWith(patch: Record<string, unknown>): string {
  return JSON.stringify({ ...exportBundle(settings, rules, 0), ...patch });
}

describe('settings file', () => {
  it('round-trips settings and rules', () => {
    const parsed = parseBundle(bundleText(exportBundle(settings, rules, Date.UTC(2026, 0, 1))));
    expect(parsed).toEqual({ ok: true, settings, rules });
  });

  it('refuses what is not JSON, not ours, or too large, with the reason', () => {
    expect(parseBundle('{nope')).toMatchObject({ ok: false, errors: [expect.stringMatching(/not valid JSON/)] });
    expect(parseBundle('[]')).toMatchObject({ ok: false });
    expect(parseBundle(bundleWith({ format: 'other' }))).toMatchObject({ ok: false, errors: [expect.stringMatching(/^format: /)] });
    expect(parseBundle('"' + 'x'.repeat(MAX_BUNDLE_BYTES) + '"')).toMatchObject({ ok: false, errors: [expect.stringMatching(/larger than/)] });
  });

  it('names the field for wrong types and out-of-range values', () => {
    const bad = parseBundle(bundleWith({ settings: { ...settings, teamSize: 'four', targets: { contacts: { target: -1, period: 'week' } } } }));
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.errors.some((e) => e.startsWith('settings.teamSize:'))).toBe(true);
      expect(bad.errors.some((e) => e.startsWith('settings.targets.contacts.target:'))).toBe(true);
    }
  });

  it('refuses huge strings and unknown keys, and never pollutes prototypes', () => {
    const huge = parseBundle(bundleWith({ settings: { ...settings, repName: 'x'.repeat(100_000) } }));
    expect(huge).toMatchObject({ ok: false, errors: [expect.stringMatching(/^settings.repName:/)] });
    const polluted = parseBundle(`{"__proto__":{"admin":true},${bundleWith({}).slice(1)}`);
    expect(polluted.ok).toBe(false);
    const nested = parseBundle(bundleWith({ rules: JSON.parse('{"constructor":{"prototype":{"admin":true}}}') }));
    expect(nested.ok).toBe(false);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('refuses a user adapter with a catastrophic regex, naming the field', () => {
    const odoo = adapterById('odoo')!;
    const adapter = { ...odoo, id: 'dealer-crm', network: [{ ...odoo.network![0]!, url: '(a+)+$' }] };
    const parsed = parseBundle(bundleWith({ rules: { ...emptyRules(), adapters: [adapter] } }));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors[0]).toMatch(/^rules\.adapters\.0\.network\.0\.url: unsafe or invalid regex/);
  });
});

describe('visitors CSV', () => {
  // The rep's month "now", as the caller computes it from the injectable clock: fixed here.
  const NOW_MONTH = '2026-03';

  it('reads month and visitors columns in any case, with thousands separators', () => {
    expect(parseVisitorsCsv('Month;Visitors\n2026-01;1,200\n2026-02-01;180\n', NOW_MONTH)).toEqual({
      ok: true,
      rows: [{ month: '2026-01', value: 1200 }, { month: '2026-02', value: 180 }],
    });
  });

  it('reads Russian column names too', () => {
    expect(parseVisitorsCsv('Месяц;Посетители\n2026-03;1 500\n', NOW_MONTH)).toEqual({ ok: true, rows: [{ month: '2026-03', value: 1500 }] });
  });

  it('refuses the whole file naming the bad line', () => {
    expect(parseVisitorsCsv('month,visitors\n2026-01,10\n2026-13,5\n2026-03,-4', NOW_MONTH)).toEqual({
      ok: false,
      errors: [
        { problem: 'month', line: 3, text: '2026-13' },
        { problem: 'visitors', line: 4, text: '-4' },
      ],
    });
    expect(parseVisitorsCsv('date,count\n2026-01,1', NOW_MONTH)).toEqual({ ok: false, errors: [{ problem: 'columns' }] });
  });

  it('refuses a month with anything after it, or a day the month does not have', () => {
    const refused = (cell: string) => parseVisitorsCsv(`month,visitors\n${cell},10`, NOW_MONTH);
    expect(refused('2026-01-99junk')).toEqual({ ok: false, errors: [{ problem: 'month', line: 2, text: '2026-01-99junk' }] });
    expect(refused('2026-01junk').ok).toBe(false);
    expect(refused('2026-02-30').ok).toBe(false);
    expect(refused('2026-01-31')).toEqual({ ok: true, rows: [{ month: '2026-01', value: 10 }] });
  });

  it('refuses months that have not started yet, whatever the wall clock says', () => {
    expect(parseVisitorsCsv('month,visitors\n2026-03,10\n2026-04,5\n2027-01-01,5', NOW_MONTH)).toEqual({
      ok: false,
      errors: [
        { problem: 'future', line: 3, text: '2026-04' },
        { problem: 'future', line: 4, text: '2027-01' },
      ],
    });
    expect(parseVisitorsCsv('month,visitors\n2026-04,5', '2026-04')).toEqual({ ok: true, rows: [{ month: '2026-04', value: 5 }] });
  });

  it('words each problem in English and Russian', () => {
    const en = getMessageFrom(readMessages('en'));
    const ru = getMessageFrom(readMessages('ru'));
    const bad = { problem: 'month', line: 3, text: '2026-13' } as const;
    expect(visitorsCsvProblemText(bad, en)).toBe('Line 3: "2026-13" is not a month. Write it as 2026-01.');
    expect(visitorsCsvProblemText(bad, ru)).toBe('Строка 3: «2026-13» — не месяц. Пишите так: 2026-01.');
    expect(visitorsCsvProblemText({ problem: 'future', line: 4, text: '2027-01' }, en)).toBe('Line 4: the month "2027-01" has not started yet, so it has no figure.');
    expect(visitorsCsvProblemText({ problem: 'columns' }, ru)).toMatch(/month.*visitors/);
  });
});
