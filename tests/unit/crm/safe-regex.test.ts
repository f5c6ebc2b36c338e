import { describe, expect, it } from 'vitest';
import { compileRegex, execBounded, MAX_REGEX_INPUT, regexProblem } from '@/lib/crm/safe-regex';

describe('regexProblem', () => {
  it.each([
    ['(a+)+$', /nested/],
    ['(a*)*b', /nested/],
    ['^(?:\\w+\\s?)+$', /nested/],
    ['(x+x+)+y', /nested|in a row/],
    // Polynomial: each extra repetition multiplies the work on a long run of one character.
    ['a*a*a*a*b', /in a row/],
    ['.*.*.*=', /in a row/],
    ['^/x/\\d+\\w*$', /in a row/],
    ['([a-z]+){2,}', /nested/],
    ['(a|aa)+', /alternation/],
    ['(a|a)*$', /alternation/],
    ['(a)\\1', /backreference/],
    ['(?<x>a)\\k<x>', /backreference/],
    ['(', /invalid/],
    ['a'.repeat(301), /longer/],
    ['', /empty/],
  ])('refuses %s', (source, reason) => {
    expect(regexProblem(source)).toMatch(reason);
    expect(() => compileRegex(source)).toThrow();
  });

  it.each([
    '^/lightning/o/(?<object>\\w+)/new$',
    '^/odoo/(?:[^?#]*/)?(?<object>[a-z][\\w.-]*)/(?<id>\\d+)$',
    '^(?=.*[?&]pagetype=entityrecord(?:&|$))(?=.*[?&]etn=(?<object>\\w+))(?!.*[?&]id=)',
    '[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}',
    '(?:ab)+c',
    'a\\(b+c\\)+',
    '\\d+\\.\\d+',
    '[(a+)]+',
  ])('accepts %s', (source) => {
    expect(regexProblem(source)).toBeNull();
  });
});

describe('execBounded', () => {
  it('matches ordinary input and refuses input above the cap', () => {
    expect(execBounded('b+', 'abbbc')?.[0]).toBe('bbb');
    expect(execBounded('a', 'a'.repeat(MAX_REGEX_INPUT + 1))).toBeNull();
  });
});
