/**
 * Browser extension match patterns (`https://*.hubspot.com/*`), the same syntax the manifest's
 * `matches` uses, so an adapter's `hosts` can feed the content scripts directly.
 */

export const MATCH_PATTERN = /^(https?|\*):\/\/(\*|(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*)(\/.*)$/;

/** Why a match pattern is refused, or null. All-sites patterns are refused on purpose. */
export function matchPatternProblem(pattern: string): string | null {
  const m = MATCH_PATTERN.exec(pattern);
  if (!m) return 'not a match pattern like https://*.example.com/*';
  if (m[2] === '*') return 'all-sites host "*" is not allowed';
  if (m[2]?.startsWith('*.') && !m[2].slice(2).includes('.')) return 'wildcard over a whole top-level domain';
  return null;
}

function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${body}$`);
}

/** True when `url` is covered by `pattern`. Malformed input never matches. */
export function matchesPattern(pattern: string, url: string | URL): boolean {
  const m = MATCH_PATTERN.exec(pattern);
  if (!m) return false;
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return false;
  }
  const [, scheme, host, path] = m as unknown as [string, string, string, string];
  const protocol = parsed.protocol.slice(0, -1);
  if (scheme === '*' ? protocol !== 'http' && protocol !== 'https' : protocol !== scheme) return false;
  const hostname = parsed.hostname.toLowerCase();
  if (host.startsWith('*.')) {
    const base = host.slice(2);
    if (hostname !== base && !hostname.endsWith(`.${base}`)) return false;
  } else if (hostname !== host) {
    return false;
  }
  return globToRegExp(path).test(parsed.pathname + parsed.search);
}
