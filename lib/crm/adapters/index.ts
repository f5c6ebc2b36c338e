// wxt.config.ts loads this file (for the host permissions) before any import alias exists, so the
// adapters import each other and their helpers by relative path.
import type { AdapterInput } from '../adapter-schema';
import { matchesPattern } from '../match-pattern';
import { hubspot } from './hubspot';
import { salesforce } from './salesforce';
import { pipedrive } from './pipedrive';
import { zoho } from './zoho';
import { dynamics } from './dynamics';
import { odoo } from './odoo';

/** Every shipped adapter, one per CRM. */
export const ADAPTERS: readonly AdapterInput[] = [hubspot, salesforce, pipedrive, zoho, dynamics, odoo];

/** Host patterns of every shipped adapter: the optional host permissions a rep can grant (no all-sites access). */
export const ALL_HOST_PATTERNS: string[] = [...new Set(ADAPTERS.flatMap((adapter) => adapter.hosts))];

/** The adapter whose hosts cover the URL, if any. */
export function adapterForUrl(url: string, adapters: readonly AdapterInput[] = ADAPTERS): AdapterInput | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  return adapters.find((adapter) => adapter.hosts.some((pattern) => matchesPattern(pattern, parsed)));
}

export function adapterById(id: string, adapters: readonly AdapterInput[] = ADAPTERS): AdapterInput | undefined {
  return adapters.find((adapter) => adapter.id === id);
}
