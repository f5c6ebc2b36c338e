/**
 * Browser extension match patterns (`https://*.hubspot.com/*`), the same syntax the manifest's
 * `matches` uses, so an adapter's `hosts` can feed the content scripts directly.
 */

export const MATCH_PATTERN = /^(https?|\*):\/\/(\*|(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*)(\/.*)$/;

/**
 * Why a match pattern is refused, or null, in words that say what to write instead. All-sites
 * patterns are refused on purpose. Ports are refused because browsers ignore them in match
 * patterns: `http://127.0.0.1/*` already covers every port of that host.
 */
export function matchPatternProblem(pattern: string): string | null {
  const m = MATCH_PATTERN.exec(pattern);
  if (!m) return shapeProblem(pattern);
  if (m[2] === '*') return 'all-sites host "*" is not allowed';
  if (m[2]?.startsWith('*.') && !m[2].slice(2).includes('.')) return 'wildcard over a whole top-level domain';
  return null;
}

/** What is wrong with a pattern MATCH_PATTERN refuses: the first thing found, with the fix. */
function shapeProblem(pattern: string): string {
  const generic = 'not a match pattern like https://*.example.com/*';
  const parts = /^([^:/]*):\/\/([^/]*)(\/.*)?$/.exec(pattern.trim());
  if (!parts) {
    const host = /^[\w*.-]+(?::\d+)?(?=\/|$)/.exec(pattern.trim())?.[0];
    return host ? `${generic}: the scheme is missing, write https://${host.replace(/:\d+$/, '')}/* (or http:// for a site without https)` : generic;
  }
  const [, scheme = '', host = '', path] = parts;
  const fixed = (h: string) => `${/^(https?|\*)$/.test(scheme) ? scheme : 'https'}://${h}${path ?? '/*'}`;
  if (!/^(https?|\*)$/.test(scheme)) return `only http, https or * work as a scheme: write ${fixed(host)}`;
  const port = /^(.*):(\d*)$/.exec(host);
  if (port) return `a port is not allowed in a match pattern: write ${fixed(port[1] ?? '')}; it covers every port`;
  if (host !== host.toLowerCase()) return `write the host in lower case: ${fixed(host.toLowerCase())}`;
  if (host.includes('*')) return 'a * may only open the host, as in *.example.com';
  if (host === '') return `${generic}: the host is missing`;
  if (path === undefined) return `a path is needed after the host: write ${fixed(host)}`;
  return `${generic}: "${host}" is not a host name`;
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

/** True when a page could match both patterns: compatible schemes and one host covers the other's. */
export function patternsOverlap(a: string, b: string): boolean {
  const ma = MATCH_PATTERN.exec(a);
  const mb = MATCH_PATTERN.exec(b);
  if (!ma || !mb) return false;
  const [, schemeA, hostA] = ma as unknown as [string, string, string];
  const [, schemeB, hostB] = mb as unknown as [string, string, string];
  if (schemeA !== '*' && schemeB !== '*' && schemeA !== schemeB) return false;
  const bare = (host: string) => host.replace(/^\*\./, '');
  return hostCovers(hostA, bare(hostB)) || hostCovers(hostB, bare(hostA));
}

function hostCovers(pattern: string, host: string): boolean {
  if (pattern === '*') return true;
  if (!pattern.startsWith('*.')) return pattern === host;
  const base = pattern.slice(2);
  return host === base || host.endsWith(`.${base}`);
}
