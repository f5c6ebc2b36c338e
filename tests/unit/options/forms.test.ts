import { describe, expect, it } from 'vitest';
import { defaultSettings } from '@/lib/kpi/settings';
import { checkSettings, daysFrom } from '@/entrypoints/options/form';
import { applyProfile, profileDraft } from '@/entrypoints/options/ProfileFields';
import { articleDefault, targetsFromDraft } from '@/entrypoints/options/TargetsSection';
import { monthlyVisitorsTarget, monthsBelowTarget } from '@/entrypoints/options/visitors-advice';
import { safeRecordUrl } from '@/entrypoints/options/EvidenceSection';

const base = defaultSettings({ timeZone: 'Europe/Berlin' });

describe('profile form', () => {
  it('switching to EUR moves the article revenue target to 93,500, a chosen one stays', () => {
    const eur = checkSettings(applyProfile(base, { ...profileDraft(base), currency: 'eur' })).settings!;
    expect(eur.currency).toBe('EUR');
    expect(articleDefault('revenue', eur.currency).target).toBe(93_500);
    const chosen = { ...base, targets: { revenue: { target: 120_000, period: 'year' as const } } };
    const kept = checkSettings(applyProfile(chosen, { ...profileDraft(chosen), currency: 'EUR' })).settings!;
    expect(kept.targets.revenue?.target).toBe(120_000);
  });

  it('reports invalid fields by name', () => {
    const { errors } = checkSettings(applyProfile(base, { ...profileDraft(base), teamSize: '', workingDays: [], timeZone: 'Mars/Olympus' }));
    expect(Object.keys(errors).sort()).toEqual(['teamSize', 'timeZone', 'workingDays']);
  });

  it('lists days from the week start', () => {
    expect(daysFrom(1)).toEqual([1, 2, 3, 4, 5, 6, 0]);
    expect(daysFrom(0)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });
});

describe('targets form', () => {
  const draftOf = (patch: Record<string, { target: string; period: string }>) => {
    const draft = Object.fromEntries(
      (['contacts', 'equotes', 'ecustomers', 'devices', 'visitors', 'revenue'] as const).map((kpi) => {
        const d = articleDefault(kpi, 'USD');
        return [kpi, { target: String(d.target), period: d.period }];
      }),
    );
    return { ...draft, ...patch } as Parameters<typeof targetsFromDraft>[0];
  };

  it('stores only what differs from the article', () => {
    expect(targetsFromDraft(draftOf({}), 'USD')).toEqual({});
    expect(targetsFromDraft(draftOf({ contacts: { target: '8', period: 'week' } }), 'USD')).toEqual({ contacts: { target: 8, period: 'week' } });
  });

  it('lets validation catch empty, negative and weekly visitor targets', () => {
    const targets = targetsFromDraft(draftOf({ contacts: { target: '', period: 'week' }, equotes: { target: '-1', period: 'week' } }), 'USD');
    expect(Object.keys(checkSettings({ ...base, targets }).errors).sort()).toEqual(['targets.contacts.target', 'targets.equotes.target']);
    const weekly = targetsFromDraft(draftOf({ visitors: { target: '250', period: 'week' } }), 'USD');
    expect(Object.keys(checkSettings({ ...base, targets: weekly }).errors)).toEqual(['targets.visitors.period']);
  });
});

describe('visitors advice', () => {
  it('flags closed months below the monthly target, never the current one', () => {
    const figures = [
      { month: '2026-09', value: 300 },
      { month: '2026-10', value: 249 },
      { month: '2026-11', value: 10 },
    ];
    expect(monthsBelowTarget(figures, 250, '2026-11')).toEqual(['2026-10']);
  });

  it('derives a monthly target from quarter and year targets', () => {
    expect(monthlyVisitorsTarget({ target: 3000, period: 'year' })).toBe(250);
    expect(monthlyVisitorsTarget({ target: 900, period: 'quarter' })).toBe(300);
  });
});

describe('evidence links', () => {
  it('links only to web addresses', () => {
    expect(safeRecordUrl('https://acme.odoo.com/odoo/contacts/9')).toBe('https://acme.odoo.com/odoo/contacts/9');
    expect(safeRecordUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeRecordUrl('not a url')).toBeUndefined();
    expect(safeRecordUrl(undefined)).toBeUndefined();
  });
});
