import { describe, expect, it } from 'vitest';
import { guardFormula } from '@/lib/export/csv';

describe('guardFormula', () => {
  it.each(['=HYPERLINK("http://evil.example","x")', '+1+2', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd'])(
    'neutralises text that a spreadsheet would run as a formula: %j',
    (text) => {
      expect(guardFormula(text)).toBe(`'${text}`);
    },
  );

  it('leaves ordinary text alone, including a formula character later in the text', () => {
    expect(guardFormula('Anna = top seller')).toBe('Anna = top seller');
    expect(guardFormula('Анна Петрова')).toBe('Анна Петрова');
  });
});
