import type { PagePlan } from '@/lib/crm/page-plan';
import { MAX_REGEX_INPUT } from '@/lib/crm/safe-regex';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The plan in the background's answer to `{type:'page-plan'}`: null when the background says this
 * page has none (no adapter, or the rep turned it off), undefined when there is no usable answer.
 * The background built it from rules it validated; this checks only the shape the page walks,
 * without pulling zod into every CRM page.
 */
export function planFromAnswer(answer: unknown): PagePlan | null | undefined {
  if (!isRecord(answer) || answer.ok !== true || !isRecord(answer.data)) return undefined;
  const plan = answer.data.plan;
  if (plan === null) return null;
  if (!isRecord(plan) || !isRecord(plan.hook) || !Array.isArray(plan.createForms) || !Array.isArray(plan.emailInputs) || !Array.isArray(plan.markers)) {
    return undefined;
  }
  return plan as unknown as PagePlan;
}

export type AskBackground = (message: { type: 'page-plan'; redirected?: true }) => Promise<unknown>;

/**
 * Whether the browser reached this page by a redirect (a form post answered with 302 to the new
 * record): a form shown again after a failed save was not redirected.
 */
function reachedByRedirect(): boolean {
  // A reload asks for the final address again: no redirect then.
  return ((performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)?.redirectCount ?? 0) > 0;
}

/** Waits between asks while the background is not answering (it may be starting or reloading). */
const RETRY_DELAYS_MS = [250, 1_000, 4_000];

/**
 * What this page watches, as the background resolves it for the page's URL with the rep's rules
 * applied (mappings, own adapters, custom domains). Without a usable answer the page asks again a
 * few times, then watches nothing rather than guess. An answer of "none" is final.
 */
export async function askPagePlan(
  ask: AskBackground = (message) => browser.runtime.sendMessage(message),
  wait: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<PagePlan | undefined> {
  for (let attempt = 0; ; attempt += 1) {
    let answer: unknown;
    try {
      answer = await ask(reachedByRedirect() ? { type: 'page-plan', redirected: true } : { type: 'page-plan' });
    } catch {
      answer = undefined;
    }
    const found = planFromAnswer(answer);
    if (found !== undefined) return found ?? undefined;
    if (attempt >= RETRY_DELAYS_MS.length) return undefined;
    await wait(RETRY_DELAYS_MS[attempt]!);
  }
}

const compiled = new Map<string, RegExp | null>();
/**
 * Tests a pattern of the plan. Every pattern passed the background's safety check when its rule
 * was saved (see lib/crm/safe-regex), so the page only caps the input as the engine does.
 */
export function planMatches(source: string, input: string): boolean {
  if (input.length > MAX_REGEX_INPUT) return false;
  if (!compiled.has(source)) {
    try {
      compiled.set(source, new RegExp(source));
    } catch {
      compiled.set(source, null);
    }
  }
  return compiled.get(source)?.test(input) ?? false;
}

/** Whether a create form is open at this URL (a superset test: the background decides exactly). */
export function onCreateForm(plan: PagePlan, href: string): boolean {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return false;
  }
  const parts = { path: url.pathname, search: url.search, hash: url.hash };
  return plan.createForms.some((form) =>
    (['path', 'search', 'hash'] as const).every((part) => form[part] === undefined || planMatches(form[part]!, parts[part])),
  );
}
