/**
 * Adapter regexes are data (and later user-written), so every one is bounded:
 * a short pattern, no nested or alternated unbounded repetition (the shapes that backtrack
 * exponentially), no backreferences, and it only ever runs on inputs capped in length.
 */

export const MAX_REGEX_LENGTH = 300;
export const MAX_REGEX_INPUT = 4096;
/** A `{n,m}` repeat above this upper bound is treated like `+`. */
const LARGE_REPEAT = 20;

/** Why a pattern is refused, or null when it is acceptable. */
export function regexProblem(source: string): string | null {
  if (source.length === 0) return 'empty pattern';
  if (source.length > MAX_REGEX_LENGTH) return `pattern longer than ${MAX_REGEX_LENGTH} characters`;
  try {
    new RegExp(source);
  } catch (error) {
    return `invalid regular expression: ${(error as Error).message}`;
  }
  return structureProblem(source);
}

interface GroupState {
  hasUnbounded: boolean;
  hasAlternation: boolean;
}

/** Reads the quantifier starting at `i`: its length and whether it is unbounded. */
function quantifierAt(source: string, i: number): { length: number; unbounded: boolean } | null {
  const ch = source[i];
  let length = 0;
  let unbounded = false;
  if (ch === '*' || ch === '+') {
    length = 1;
    unbounded = true;
  } else if (ch === '?') {
    length = 1;
  } else if (ch === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i, i + 16));
    if (!m) return null;
    length = m[0].length;
    const upper = m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3]);
    unbounded = upper > LARGE_REPEAT;
  } else {
    return null;
  }
  if (source[i + length] === '?') length += 1; // lazy variant
  return { length, unbounded };
}

function structureProblem(source: string): string | null {
  const stack: GroupState[] = [{ hasUnbounded: false, hasAlternation: false }];
  let i = 0;
  while (i < source.length) {
    const ch = source[i] as string;
    if (ch === '\\') {
      const next = source[i + 1] ?? '';
      if (/[1-9]/.test(next) || next === 'k') return 'backreferences are not allowed';
      i += 2;
      i = afterAtom(source, i, stack);
      if (i < 0) return 'nested unbounded repetition';
      continue;
    }
    if (ch === '[') {
      i = skipClass(source, i);
      i = afterAtom(source, i, stack);
      if (i < 0) return 'nested unbounded repetition';
      continue;
    }
    if (ch === '(') {
      stack.push({ hasUnbounded: false, hasAlternation: false });
      i += 1;
      if (source[i] === '?') {
        // (?: (?= (?! (?<= (?<! (?<name>
        const m = /^\?(?::|=|!|<=|<!|<[A-Za-z_$][\w$]*>)/.exec(source.slice(i, i + 40));
        if (m) i += m[0].length;
      }
      continue;
    }
    if (ch === ')') {
      const group = stack.pop();
      const parent = stack[stack.length - 1];
      if (!group || !parent) return 'unbalanced parentheses';
      i += 1;
      const quantifier = quantifierAt(source, i);
      if (quantifier) {
        if (quantifier.unbounded && group.hasUnbounded) return 'nested unbounded repetition, e.g. (a+)+';
        if (quantifier.unbounded && group.hasAlternation) return 'unbounded repetition of an alternation, e.g. (a|b)*';
        i += quantifier.length;
        if (quantifier.unbounded) parent.hasUnbounded = true;
      }
      if (group.hasUnbounded) parent.hasUnbounded = true;
      continue;
    }
    if (ch === '|') {
      (stack[stack.length - 1] as GroupState).hasAlternation = true;
      i += 1;
      continue;
    }
    i += 1;
    i = afterAtom(source, i, stack);
    if (i < 0) return 'nested unbounded repetition';
  }
  return null;
}

/** Consumes a quantifier that follows a single atom, marking the enclosing group. */
function afterAtom(source: string, i: number, stack: GroupState[]): number {
  const quantifier = quantifierAt(source, i);
  if (!quantifier) return i;
  if (quantifier.unbounded) (stack[stack.length - 1] as GroupState).hasUnbounded = true;
  return i + quantifier.length;
}

function skipClass(source: string, start: number): number {
  let i = start + 1;
  while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
  return i + 1;
}

const compiled = new Map<string, RegExp>();

/** Compiles a pattern that passed `regexProblem`; throws on one that did not. */
export function compileRegex(source: string): RegExp {
  let re = compiled.get(source);
  if (!re) {
    const problem = regexProblem(source);
    if (problem) throw new Error(`unsafe regex /${source}/: ${problem}`);
    re = new RegExp(source);
    if (compiled.size > 1000) compiled.clear();
    compiled.set(source, re);
  }
  return re;
}

/** Runs a pattern on an input capped to MAX_REGEX_INPUT; null when it does not match. */
export function execBounded(source: string, input: string): RegExpExecArray | null {
  if (input.length > MAX_REGEX_INPUT) return null;
  return compileRegex(source).exec(input);
}

/** The capture a source means: the named group `v`, else `id`, else the first group, else the match. */
export function captureOf(match: RegExpExecArray): string | undefined {
  return match.groups?.v ?? match.groups?.id ?? match[1] ?? match[0];
}
