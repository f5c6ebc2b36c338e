import type { AdapterInput } from './adapter-schema';
import type { HookConfig } from '@/lib/page/hook-protocol';

/**
 * What a CRM page needs to know to watch for creates, and nothing more: which requests the hook
 * reads, where the create forms are, which success markers to look for. The background builds it
 * from the adapter the rep's rules resolve for the page; the detection rules themselves (what to
 * read from a body, what makes a create, which kind counts where) stay in the background, so adding
 * a CRM adds nothing to what a CRM page loads.
 */
export interface PagePlan {
  hook: HookConfig;
  /** The create-form routes' URL tests (regex sources), to tell when a create form is open. */
  createForms: Array<{ path?: string; search?: string; hash?: string }>;
  /** Email inputs of create forms: the page notes yes/no whether one is filled, never the value. */
  emailInputs: string[];
  /** Success markers to look for; a hit goes to the background with the rule's id. */
  markers: PageMarker[];
  /**
   * Browser navigations network rules name (`navigation`): native form submissions and followed
   * links, by method and URL pattern, as the hook's rules are for fetch/XHR.
   */
  navigations?: Array<{ methods: string[]; url: string }>;
}

/** A submitted form's fields, form-encoded: what a CRM's create form holds, with room to spare. */
export const MAX_FORM_BYTES = 64 * 1024;

/** Signals per message from a page (see crm/page-signals); the page sends the rest in the next one. */
export const MAX_SIGNALS = 50;

export interface PageMarker {
  id: string;
  selector: string;
  visibleOnly: boolean;
  requireCreateForm: boolean;
  /** The attribute to read from the marker (or an element inside it), when the id is there. */
  read?: { selector?: string; attribute: string };
}

/** The plan for a page of this adapter (pure; the background calls it). */
export function planFor(adapter: AdapterInput): PagePlan {
  const network = adapter.network ?? [];
  const headers = new Set<string>();
  for (const rule of network) {
    // Headers a rule reads or tests: a condition on a header the hook never forwarded would see none.
    const uses = [...Object.values(rule.read).flatMap((sources) => sources ?? []), ...(rule.when ?? []), ...(rule.createIf ?? []), ...(rule.successIf ?? [])];
    for (const use of uses) if (use.header) headers.add(use.header.toLowerCase());
  }
  const forms = (adapter.routes ?? []).filter((route) => route.type === 'create-form');
  const navigations = network.filter((rule) => rule.navigation).map((rule) => ({ methods: [...rule.methods], url: rule.url }));
  return {
    hook: {
      type: 'config',
      rules: network.filter((rule) => !rule.navigation).map((rule) => ({ methods: [...rule.methods], url: rule.url })),
      headers: [...headers],
      ...(adapter.apiHosts?.length ? { otherHosts: true } : {}),
    },
    createForms: forms.map(({ path, search, hash }) => ({
      ...(path !== undefined && { path }),
      ...(search !== undefined && { search }),
      ...(hash !== undefined && { hash }),
    })),
    emailInputs: forms.flatMap((route) => (route.emailInput ? [route.emailInput] : [])),
    ...(navigations.length > 0 && { navigations }),
    markers: (adapter.dom ?? []).map((rule) => ({
      id: rule.id,
      selector: rule.selector,
      visibleOnly: rule.visibleOnly ?? true,
      requireCreateForm: rule.requireCreateForm ?? false,
      ...(rule.recordFrom.from === 'element' && {
        read: { ...(rule.recordFrom.selector && { selector: rule.recordFrom.selector }), attribute: rule.recordFrom.attribute },
      }),
    })),
  };
}
