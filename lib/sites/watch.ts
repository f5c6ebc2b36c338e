interface Listenable {
  addListener(callback: () => void): void;
}

export interface SiteEventsApi {
  runtime: { onInstalled: Listenable; onStartup: Listenable };
  permissions: { onAdded: Listenable; onRemoved: Listenable };
}

/**
 * When the custom sites' registrations must be checked again: after an install or update (an
 * update clears run-time content scripts), at browser start, and when the rep grants or revokes
 * an origin (a revoked one loses its scripts and shows as "no access" in the options page).
 */
export function keepSitesRegistered(api: SiteEventsApi, sync: { run(): Promise<unknown> }): void {
  const again = () => void sync.run();
  api.runtime.onInstalled.addListener(again);
  api.runtime.onStartup.addListener(again);
  api.permissions.onAdded.addListener(again);
  api.permissions.onRemoved.addListener(again);
}
