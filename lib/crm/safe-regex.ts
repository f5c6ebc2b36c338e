/**
 * Adapter regexes are data (and later user-written), so every one is bounded:
 * a short pattern, no nested or alternated unbounded repetition (the shapes that backtrack
 * exponentially), no two unbounded repetitions in a row (the commonest polynomial shape), no
 * backreferences, and it only ever runs on inputs capped in length.
 *
 * This guard is small and synchronous, so it runs everywhere a regex is compiled: in the CRM page,
 * the background and the options page. It cannot see every polynomial shape (`.*x.*x.*=`), so the
 * rep's own and imported adapters also pass recheck (`redos.ts`) in the options page before they
 * are saved, and the shipped ones pass it in a unit test.
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
  /** The last atom was repeated without bound: a second one right after it is polynomial. */
  lastUnbounded: boolean;
}

const NESTED = -1;
const ADJACENT = -2;
const ADJACENT_PROBLEM = 'two unbounded repetitions in a row, e.g. a*a* or .*.*';

function atomProblem(i: number): string | null {
  return i === NESTED ? 'nested unbounded repetition' : i === ADJACENT ? ADJACENT_PROBLEM : null;
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
  const stack: GroupState[] = [{ hasUnbounded: false, hasAlternation: false, lastUnbounded: false }];
  let i = 0;
  while (i < source.length) {
    const ch = source[i] as string;
    if (ch === '\\') {
      const next = source[i + 1] ?? '';
      if (/[1-9]/.test(next) || next === 'k') return 'backreferences are not allowed';
      i += 2;
      i = afterAtom(source, i, stack);
      if (i < 0) return atomProblem(i);
      continue;
    }
    if (ch === '[') {
      i = skipClass(source, i);
      i = afterAtom(source, i, stack);
      if (i < 0) return atomProblem(i);
      continue;
    }
    if (ch === '(') {
      stack.push({ hasUnbounded: false, hasAlternation: false, lastUnbounded: false });
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
        if (quantifier.unbounded && parent.lastUnbounded) return ADJACENT_PROBLEM;
      }
      if (group.hasUnbounded) parent.hasUnbounded = true;
      parent.lastUnbounded = quantifier?.unbounded === true;
      continue;
    }
    if (ch === '|') {
      (stack[stack.length - 1] as GroupState).hasAlternation = true;
      (stack[stack.length - 1] as GroupState).lastUnbounded = false;
      i += 1;
      continue;
    }
    i += 1;
    i = afterAtom(source, i, stack);
    if (i < 0) return atomProblem(i);
  }
  return null;
}

/**
 * Consumes a quantifier that follows a single atom, marking the enclosing group. Returns ADJACENT
 * when this atom and the one before are both repeated without bound (`a*a*`, `.*.*`).
 */
function afterAtom(source: string, i: number, stack: GroupState[]): number {
  const group = stack[stack.length - 1] as GroupState;
  const quantifier = quantifierAt(source, i);
  if (!quantifier?.unbounded) {
    group.lastUnbounded = false;
    return quantifier ? i + quantifier.length : i;
  }
  if (group.lastUnbounded) return ADJACENT;
  group.hasUnbounded = true;
  group.lastUnbounded = true;
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
