import { describe, expect, it } from 'vitest';
import { streakText } from '@/components/history-text';
import { getMessageFrom, readMessages } from '@/tests/unit/i18n/locale-messages';

describe('streak words', () => {
  const en = getMessageFrom(readMessages('en'));
  const ru = getMessageFrom(readMessages('ru'));

  it('takes the plural form the language needs (Intl.PluralRules)', () => {
    expect(streakText(en, { period: 'week', streak: 1 }, 'en')).toBe('Target met 1 week in a row');
    expect(streakText(en, { period: 'month', streak: 3 }, 'en')).toBe('Target met 3 months in a row');
    expect(streakText(ru, { period: 'week', streak: 1 }, 'ru')).toBe('Цель выполнена 1 неделю подряд');
    expect(streakText(ru, { period: 'week', streak: 3 }, 'ru')).toBe('Цель выполнена 3 недели подряд');
    expect(streakText(ru, { period: 'week', streak: 5 }, 'ru')).toBe('Цель выполнена 5 недель подряд');
    expect(streakText(ru, { period: 'month', streak: 21 }, 'ru')).toBe('Цель выполнена 21 месяц подряд');
    expect(streakText(ru, { period: 'month', streak: 12 }, 'ru')).toBe('Цель выполнена 12 месяцев подряд');
  });

  it('says nothing without a streak', () => {
    expect(streakText(en, { period: 'week', streak: 0 }, 'en')).toBe('');
  });
});
