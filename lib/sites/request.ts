import { originPattern } from './pattern';

export interface PermissionsApi {
  permissions: {
    request(permissions: { origins: string[] }): Promise<boolean>;
    remove(permissions: { origins: string[] }): Promise<boolean>;
  };
}

/**
 * Asks the rep for the site's origin, and nothing wider. Must be called straight from a click:
 * browsers only show the prompt during a user gesture. A refusal or an error is `false`.
 */
export async function requestSiteAccess(api: PermissionsApi, pattern: string): Promise<boolean> {
  const origin = originPattern(pattern);
  if (!origin) return false;
  try {
    return await api.permissions.request({ origins: [origin] });
  } catch {
    return false;
  }
}

/**
 * Gives the origin back when a removed site was the last one on it. Permissions the manifest
 * requires cannot be removed; that refusal is expected and ignored.
 */
export async function releaseSiteAccess(api: PermissionsApi, pattern: string, remaining: readonly string[]): Promise<boolean> {
  const origin = originPattern(pattern);
  if (!origin || remaining.some((other) => originPattern(other) === origin)) return false;
  try {
    return await api.permissions.remove({ origins: [origin] });
  } catch {
    return false;
  }
}
