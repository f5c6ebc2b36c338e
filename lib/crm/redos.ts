import { checkSync, type Diagnostics, type Parameters } from 'recheck/lib/browser.js';
import { adapterRegexes, type AdapterRegex } from './adapter-regexes';
import type { AdapterInput } from './adapter-schema';
import { MAX_REGEX_INPUT } from './safe-regex';

/**
 * The real ReDoS check: recheck (automata theory, and fuzzing for what automata cannot model such as
 * look-aheads) decides how a pattern's matching time grows with its input. It is large (about
 * 2.9 MB of JavaScript), so it runs only where a rep's own or imported adapters are checked — the
 * options page, in a worker — and on the shipped adapters in a unit test; never in a CRM page and
 * never in the background, which keeps the small structural guard of `safe-regex.ts`.
 */

/**
 * Only step limits, no time limits: the same pattern gets the same verdict on a fast or a loaded
 * machine (the fuzzer's seed is fixed too). The caller bounds the wall time.
 */
export const RECHECK_PARAMS: Parameters = {
  timeout: null,
  incubationTimeout: null,
  attackTimeout: null,
  seedingTimeout: null,
};

/**
 * Every regex runs on at most MAX_REGEX_INPUT characters, so quadratic growth is bounded
 * (4,096² steps); a cubic or worse pattern, or an exponential one, can still freeze a page for
 * seconds on a few hundred characters, as `a*a*a*a*b` (degree 5) and `.*.*.*=` (degree 4) do.
 */
export const MAX_SAFE_DEGREE = 2;

export type RedosProblem =
  | { kind: 'exponential' }
  | { kind: 'polynomial'; degree: number }
  /** recheck could not decide (unsupported syntax or its step limits ran out). */
  | { kind: 'unchecked'; detail: string };

/** What the verdict means for a pattern that runs on inputs of at most MAX_REGEX_INPUT characters. */
export function problemOf(diagnostics: Diagnostics): RedosProblem | null {
  if (diagnostics.status === 'safe') return null;
  if (diagnostics.status === 'unknown') {
    const error = diagnostics.error;
    return { kind: 'unchecked', detail: 'message' in error ? `${error.kind}: ${error.message}` : error.kind };
  }
  if (diagnostics.complexity.type === 'exponential') return { kind: 'exponential' };
  return diagnostics.complexity.degree > MAX_SAFE_DEGREE ? { kind: 'polynomial', degree: diagnostics.complexity.degree } : null;
}

/** Checks one pattern (no flags: adapters' regexes are compiled without any). Blocks while it runs. */
export function redosProblem(source: string): RedosProblem | null {
  return problemOf(checkSync(source, '', RECHECK_PARAMS));
}

export interface AdapterRedosIssue extends AdapterRegex {
  problem: RedosProblem;
}

/** Every regex of the adapter that fails the check, with its field. A pattern is checked once. */
export function adapterRedosIssues(adapter: AdapterInput): AdapterRedosIssue[] {
  const verdicts = new Map<string, RedosProblem | null>();
  const issues: AdapterRedosIssue[] = [];
  for (const regex of adapterRegexes(adapter)) {
    if (!verdicts.has(regex.source)) verdicts.set(regex.source, redosProblem(regex.source));
    const problem = verdicts.get(regex.source);
    if (problem) issues.push({ ...regex, problem });
  }
  return issues;
}

/** A line naming the field and the growth, e.g. `network.0.url: … (4th degree polynomial)`. */
export function redosIssueText(issue: { path: (string | number)[]; problem: RedosProblem }): string {
  const growth =
    issue.problem.kind === 'exponential'
      ? 'its matching time grows exponentially with the input'
      : issue.problem.kind === 'polynomial'
        ? `its matching time grows with the input to the power ${issue.problem.degree}`
        : `it could not be proven safe (${issue.problem.detail})`;
  return `${issue.path.join('.')}: this pattern can freeze the CRM page: ${growth} (inputs up to ${MAX_REGEX_INPUT} characters)`;
}
