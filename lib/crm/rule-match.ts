import { execBounded, MAX_REGEX_INPUT } from './safe-regex';

/**
 * Whether a network rule is about this request: its method and its URL pattern. The one test the
 * page hook makes before reading a request (it decides from the URL and method alone), and the
 * first the engine makes. Small on purpose: the hook runs in every CRM page.
 */
export function ruleNamesRequest(rule: { readonly methods: readonly string[]; readonly url: string }, method: string, url: string): boolean {
  return url.length <= MAX_REGEX_INPUT && rule.methods.includes(method.toUpperCase()) && execBounded(rule.url, url) !== null;
}
