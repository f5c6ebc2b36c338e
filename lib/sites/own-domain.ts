import { getDomain } from 'tldts';
import { MATCH_PATTERN } from '@/lib/crm/match-pattern';
import { sitePatternFromInput, type SitePatternResult } from './pattern';

/**
 * Own domains are checked against the Public Suffix List (tldts, with the private section, so
 * `*.github.io` counts as shared too). It lives apart from `pattern.ts` because the background
 * imports that one and has no need for the list: only the options page adds or imports domains.
 */

/** True when the pattern's host is a public suffix (`*.co.uk`, `com`), a name many owners share. */
export function isPublicSuffixPattern(pattern: string): boolean {
  const host = MATCH_PATTERN.exec(pattern)?.[2];
  if (!host || host === 'localhost') return false;
  const base = host.replace(/^\*\./, '');
  // A registrable domain exists only below a public suffix: none means the base is one itself.
  return getDomain(base, { allowPrivateDomains: true }) === null && !/^\d+(?:\.\d+){3}$/.test(base);
}

/** What the rep typed as a site pattern, refusing public suffixes on top of `sitePatternFromInput`. */
export function ownDomainFromInput(input: string): SitePatternResult {
  const result = sitePatternFromInput(input);
  if (result.ok && isPublicSuffixPattern(result.pattern)) return { ok: false, error: 'publicSuffix' };
  return result;
}
