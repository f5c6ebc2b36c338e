import { describe, expect, it } from 'vitest';
import { dueByNowFigure } from '@/components/kpi-format';

describe('what was due by now, as the cards say it', () => {
  it('counts whole items: 0.4 of a contact is not one due yet, 4.7 is four', () => {
    expect(dueByNowFigure({ kpi: 'contacts', pace: 0.4 }, 'en')).toBe('0');
    expect(dueByNowFigure({ kpi: 'contacts', pace: 4.7 }, 'en')).toBe('4');
    expect(dueByNowFigure({ kpi: 'equotes', pace: 2 }, 'ru')).toBe('2');
  });

  it('gives revenue as money, rounded', () => {
    expect(dueByNowFigure({ kpi: 'revenue', currency: 'USD', pace: 1234.56 }, 'en')).toBe('$1,235');
  });
});
