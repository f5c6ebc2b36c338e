import { ALL_HOST_PATTERNS } from '@/lib/crm/adapters';
import { MATCH_PATTERN, matchesPattern, matchPatternProblem } from '@/lib/crm/match-pattern';

/**
 * A typed domain's pattern; `port` is the port the rep typed, which the pattern cannot keep
 * (match patterns ignore ports), so the options page says the pattern covers every port.
 */
export type SitePatternResult = { ok: true; pattern: string; port?: string } | { ok: false; error: SitePatternError };

/** Why a typed domain is refused; the options page turns each into a sentence. */
export type SitePatternError = 'invalid' | 'allSites' | 'shipped' | 'publicSuffix';

const HOST = /^(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+$|^localhost$/;

/**
 * The match pattern for what a rep types: a domain (`crm.dealer.example`), a URL copied from the
 * address bar (`http://10.0.0.5:8069/odoo` keeps its scheme and drops the path) or a
 * `*.dealer.example` wildcard. A site is always a whole origin, `scheme://host/*`: https unless
 * the rep typed http://. A port cannot be part of a match pattern; it is reported, not kept.
 */
export function sitePatternFromInput(input: string): SitePatternResult {
  const text = input.trim().toLowerCase();
  if (text.length === 0 || text.length > 255) return { ok: false, error: 'invalid' };
  let scheme = 'https';
  let host = text;
  const withScheme = /^(https?):\/\/([^/?#]+)/.exec(text);
  if (withScheme) {
    scheme = withScheme[1]!;
    host = withScheme[2]!;
  } else if (/[/?#]/.test(text)) {
    host = text.split(/[/?#]/)[0]!;
  }
  const port = /:(\d{1,5})$/.exec(host)?.[1];
  host = host.replace(/:\d+$/, '');
  if (host === '*' || host.startsWith('*.') && !host.slice(2).includes('.')) return { ok: false, error: 'allSites' };
  if (!HOST.test(host)) return { ok: false, error: 'invalid' };
  const pattern = `${scheme}://${host}/*`;
  if (matchPatternProblem(pattern)) return { ok: false, error: 'invalid' };
  // A shipped CRM host gets its content scripts with its CRM's access; a second copy would count twice.
  if (coveredByShipped(pattern)) return { ok: false, error: 'shipped' };
  return port === undefined ? { ok: true, pattern } : { ok: true, pattern, port };
}

/** The host permission a site needs: its whole origin, whatever path the pattern names. */
export function originPattern(pattern: string): string | undefined {
  const m = MATCH_PATTERN.exec(pattern);
  return m ? `${m[1]}://${m[2]}/*` : undefined;
}

/** True when the site's host belongs to a shipped CRM (its access is granted per CRM, not as a site). */
export function coveredByShipped(pattern: string): boolean {
  const m = MATCH_PATTERN.exec(pattern);
  if (!m) return false;
  const scheme = m[1] === '*' ? 'https' : m[1]!;
  const host = m[2]!.replace(/^\*\./, '');
  return ALL_HOST_PATTERNS.some((shipped) => matchesPattern(shipped, `${scheme}://${host}/`));
}
