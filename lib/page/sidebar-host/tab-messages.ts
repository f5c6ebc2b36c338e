/**
 * Messages the background sends to a CRM tab's content script (top frame only) for the sidebar.
 * They arrive through `browser.tabs.sendMessage`, which pages cannot forge.
 */
export type SidebarTabMessage =
  /** The keyboard command: expand or collapse (or show again when hidden). */
  | { type: 'sidebar-toggle' }
  /** The sidebar page shows or ends a confirmation while collapsed: widen the frame for it. */
  | { type: 'sidebar-frame'; toast: boolean; question?: boolean }
  /** The page's address now: the tab's URL can lag behind an in-page navigation. */
  | { type: 'get-page-url' }
  /** Firefox: the host's word to its own frame, sent back to the tab by the background (lib/background/sidebar-facts-relay.ts). */
  | { type: 'sidebar-facts'; host: string; facts: string }
  /** The rep started (or ended) teaching a save on this tab: the hook reads every request with a body meanwhile. */
  | { type: 'teach-window'; open: boolean };

/** Name prefix of the port a host keeps open to its own frame (the frame's URL carries the rest). */
export const HOST_PORT_PREFIX = 'kpi-pacer-host:';
