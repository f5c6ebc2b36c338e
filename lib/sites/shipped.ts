import { ADAPTERS } from '@/lib/crm/adapters';
import type { AdapterInput } from '@/lib/crm/adapter-schema';
import type { PermissionsApi } from './request';
import { siteStatuses, type SiteStatus, type SitesApi } from './sync';

/**
 * Shipped CRMs hold no host at install: the rep grants each CRM's hosts (all of them together,
 * one prompt) and the background registers the content scripts for what was granted, exactly as
 * for a custom domain.
 */

/** The rep's choices that decide where content scripts run. */
export interface SiteChoices {
  disabledAdapters: readonly string[];
  sites: readonly { pattern: string }[];
}

/** The host patterns of the shipped CRMs with these ids (unknown ids have none). */
export function shippedHosts(adapterIds: readonly string[], adapters: readonly AdapterInput[] = ADAPTERS): string[] {
  return adapters.filter((a) => adapterIds.includes(a.id)).flatMap((a) => a.hosts);
}

/**
 * Every pattern the content scripts should run on: the hosts of each shipped CRM the rep has not
 * turned off, then the rep's own domains. The sync registers only the ones the browser holds
 * permission for, so a CRM that was never granted costs nothing.
 */
export function patternsToRegister(choices: SiteChoices, adapters: readonly AdapterInput[] = ADAPTERS): string[] {
  const enabled = adapters.filter((a) => !choices.disabledAdapters.includes(a.id)).map((a) => a.id);
  return [...new Set([...shippedHosts(enabled, adapters), ...choices.sites.map((s) => s.pattern)])];
}

/**
 * Asks for the hosts of the ticked CRMs in one prompt. Must be called straight from a click (the
 * browser shows the prompt only during a user gesture). Nothing to ask for is a success; a
 * refusal or an error is `false`.
 */
export async function requestCrmAccess(api: PermissionsApi, adapterIds: readonly string[], adapters: readonly AdapterInput[] = ADAPTERS): Promise<boolean> {
  const origins = shippedHosts(adapterIds, adapters);
  if (origins.length === 0) return true;
  try {
    return await api.permissions.request({ origins });
  } catch {
    return false;
  }
}

/** Gives a CRM's hosts back; the background then drops its content scripts. */
export async function releaseCrmAccess(api: PermissionsApi, adapterId: string, adapters: readonly AdapterInput[] = ADAPTERS): Promise<boolean> {
  const origins = shippedHosts([adapterId], adapters);
  if (origins.length === 0) return false;
  try {
    return await api.permissions.remove({ origins });
  } catch {
    return false;
  }
}

/**
 * One status per shipped CRM, from the statuses of its hosts: no access when any host lacks the
 * permission (a page there would count nothing), not registered while the background has yet to
 * catch up, active otherwise.
 */
export async function crmStatuses(api: SitesApi, adapterIds: readonly string[], adapters: readonly AdapterInput[] = ADAPTERS): Promise<Record<string, SiteStatus>> {
  const byHost = await siteStatuses(api, shippedHosts(adapterIds, adapters));
  const status: Record<string, SiteStatus> = {};
  for (const adapter of adapters.filter((a) => adapterIds.includes(a.id))) {
    const hosts = adapter.hosts.map((host) => byHost[host]);
    status[adapter.id] = hosts.includes('no-access') ? 'no-access' : hosts.includes('not-registered') ? 'not-registered' : 'active';
  }
  return status;
}
