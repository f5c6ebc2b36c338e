import { describe, expect, it } from 'vitest';
import { kindLabel, recordLabel, safeRecordUrl } from '@/lib/i18n/records';
import { getMessageFrom, readMessages } from './locale-messages';

const en = getMessageFrom(readMessages('en'));
const ru = getMessageFrom(readMessages('ru'));
const t = (lookup: typeof en) => (key: string, subs?: string | readonly string[]) => lookup(key, subs) || key;

describe('records in words', () => {
  it('names the kind in the rep’s language; a kind of the rep’s own keeps its name', () => {
    expect(kindLabel('deal-won', t(en))).toBe('Won deal');
    expect(kindLabel('account', t(ru))).toBe('Компания');
    expect(kindLabel('obj-2-1234', t(en))).toBe('obj-2-1234');
  });

  it('says which record: kind and number', () => {
    expect(recordLabel({ kind: 'quote', recordId: '5512' }, t(en))).toBe('Quote 5512');
    expect(recordLabel({ kind: 'quote', recordId: '5512' }, t(ru))).toBe('КП 5512');
    expect(recordLabel({ recordId: '9' }, t(en))).toBe('9');
    expect(recordLabel({}, t(en))).toBeUndefined();
  });

  it('links only web addresses', () => {
    expect(safeRecordUrl('https://app.hubspot.com/x')).toBe('https://app.hubspot.com/x');
    expect(safeRecordUrl('javascript:alert(1)')).toBeUndefined();
  });
});
