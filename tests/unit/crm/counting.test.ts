import { describe, expect, it } from 'vitest';
import { eventsForRecord } from '@/lib/crm/counting';
import { pipedrive } from '@/lib/crm/adapters/pipedrive';
import { salesforce } from '@/lib/crm/adapters/salesforce';
import type { DetectedRecord } from '@/lib/crm/record';

const base = { adapter: 'salesforce', rule: 'r' } as const;

describe('eventsForRecord', () => {
  it('counts a contact only with an email', () => {
    const contact: DetectedRecord = { ...base, kind: 'contact', recordId: '003A', hasEmail: true };
    expect(eventsForRecord(contact, salesforce)).toEqual([{ key: 'salesforce:contact:003A', kpi: 'contacts' }]);
    expect(eventsForRecord({ ...contact, hasEmail: false }, salesforce)).toEqual([]);
    expect(eventsForRecord({ ...contact, hasEmail: undefined }, salesforce)).toEqual([]);
  });

  it('counts quotes and devices by record', () => {
    expect(eventsForRecord({ ...base, kind: 'quote', recordId: '0Q0A' }, salesforce)).toEqual([{ key: 'salesforce:quote:0Q0A', kpi: 'equotes' }]);
    expect(eventsForRecord({ ...base, kind: 'device', recordId: '02iA' }, salesforce)).toEqual([{ key: 'salesforce:device:02iA', kpi: 'devices' }]);
  });

  it('turns an order into revenue plus a customer keyed by the account', () => {
    const order: DetectedRecord = { ...base, kind: 'order', recordId: '801A', amount: 120.5, currency: 'EUR', accountId: '001X' };
    expect(eventsForRecord(order, salesforce)).toEqual([
      { key: 'salesforce:order:801A', kpi: 'revenue', amount: 120.5, currency: 'EUR' },
      { key: 'salesforce:customer:001X', kpi: 'ecustomers' },
    ]);
    const second = eventsForRecord({ ...order, recordId: '801B' }, salesforce);
    expect(second[1]?.key).toBe('salesforce:customer:001X');
  });

  it('gives no revenue without an amount (or with zero), and no customer without an account', () => {
    expect(eventsForRecord({ ...base, kind: 'order', recordId: '801A' }, salesforce)).toEqual([]);
    expect(eventsForRecord({ ...base, kind: 'order', recordId: '801A', amount: 0, accountId: '001X' }, salesforce)).toEqual([
      { key: 'salesforce:customer:001X', kpi: 'ecustomers' },
    ]);
    expect(eventsForRecord({ ...base, kind: 'order', recordId: '801A', amount: 5 }, salesforce)).toEqual([
      { key: 'salesforce:order:801A', kpi: 'revenue', amount: 5 },
    ]);
  });

  it('keys a won deal per record, so winning twice counts once', () => {
    const won: DetectedRecord = { adapter: 'pipedrive', rule: 'pipedrive-deal-won', kind: 'deal-won', recordId: '301', amount: 1500, currency: 'EUR' };
    expect(eventsForRecord(won, pipedrive)).toEqual([{ key: 'pipedrive:deal-won:301', kpi: 'revenue', amount: 1500, currency: 'EUR' }]);
  });

  it('counts nothing for unmapped kinds and unknown kinds', () => {
    expect(eventsForRecord({ ...base, kind: 'account', recordId: '001A' }, salesforce)).toEqual([]);
    expect(eventsForRecord({ ...base, kind: 'nope', recordId: '1' }, salesforce)).toEqual([]);
  });

  it('applies the rep mapping; an account mapped to e-customers shares the customer key; extra KPIs get their own key', () => {
    const account: DetectedRecord = { ...base, kind: 'account', recordId: '001X' };
    const withKinds = (kinds: Record<string, { kpis: Array<'ecustomers' | 'equotes' | 'revenue'>; newCustomer?: boolean }>) => ({
      ...salesforce,
      kinds: { ...salesforce.kinds, ...Object.fromEntries(Object.entries(kinds).map(([id, kind]) => [id, { ...(salesforce.kinds as Record<string, object>)[id], ...kind }])) },
    });
    expect(eventsForRecord(account, withKinds({ account: { kpis: ['ecustomers'] } }))).toEqual([
      { key: 'salesforce:customer:001X', kpi: 'ecustomers' },
    ]);
    const quote: DetectedRecord = { ...base, kind: 'quote', recordId: 'Q1', amount: 10 };
    expect(eventsForRecord(quote, withKinds({ quote: { kpis: ['equotes', 'revenue'], newCustomer: false } }))).toEqual([
      { key: 'salesforce:quote:Q1', kpi: 'equotes' },
      { key: 'salesforce:quote:Q1:revenue', kpi: 'revenue', amount: 10 },
    ]);
  });
});
