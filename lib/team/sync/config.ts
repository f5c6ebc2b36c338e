import { z } from 'zod';

/**
 * Where the team's weekly figures go: one CouchDB database (Apache CouchDB, Cloudant, or anything
 * speaking its HTTP API). Kept in the extension's own database, never in storage a page script
 * or content script could read, and sent only to `url`.
 */
export const TeamSyncConfigSchema = z.strictObject({
  /** The server's address, e.g. "https://couch.dealer.example:6984"; http(s) only, no credentials in it. */
  url: z
    .string()
    .trim()
    .max(300)
    .refine((value) => {
      try {
        const url = new URL(value);
        return (url.protocol === 'https:' || url.protocol === 'http:') && url.username === '' && url.password === '' && url.search === '' && url.hash === '';
      } catch {
        return false;
      }
    }, 'url'),
  /** CouchDB's own rule for database names. */
  database: z.string().trim().regex(/^[a-z][a-z0-9_$()+/-]{0,127}$/, 'database'),
  user: z.string().trim().min(1, 'user').max(200),
  password: z.string().min(1, 'password').max(500),
  /** A manager who does not count anything turns this off. */
  push: z.boolean().default(true),
});
export type TeamSyncConfig = z.infer<typeof TeamSyncConfigSchema>;

/** The server's base URL without a trailing slash: "https://host:6984" or "https://host/couch". */
export function serverBase(config: Pick<TeamSyncConfig, 'url'>): string {
  return config.url.replace(/\/+$/, '');
}

/** The one host permission the sync needs: the server's origin, every path. */
export function serverOriginPattern(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
    // Match patterns take no port: "http://127.0.0.1/*" covers every port of that host.
    return `${parsed.protocol}//${parsed.hostname}/*`;
  } catch {
    return undefined;
  }
}

/** What the options page may see: everything but the password. */
export interface TeamSyncPublicConfig {
  url: string;
  database: string;
  user: string;
  push: boolean;
  passwordSet: boolean;
}

export function publicConfig(config: TeamSyncConfig | undefined): TeamSyncPublicConfig | null {
  if (!config) return null;
  return { url: config.url, database: config.database, user: config.user, push: config.push, passwordSet: config.password !== '' };
}
