import type { SidebarTabMessage } from '@/lib/page/sidebar-host/tab-messages';

/** The `commands` entry in the manifest (suggested key Alt+Shift+K). */
export const TOGGLE_SIDEBAR_COMMAND = 'toggle-sidebar';

export interface CommandDeps {
  activeTabId(): Promise<number | undefined>;
  askTab(tabId: number, message: SidebarTabMessage): Promise<unknown>;
}

/**
 * Relays the keyboard command to the content script of the tab it was pressed in. A tab without
 * our content script (not a CRM page) has no one to answer: that is not an error.
 * Returns whether a sidebar took the toggle.
 */
export async function relaySidebarCommand(command: string, tabId: number | undefined, deps: CommandDeps): Promise<boolean> {
  if (command !== TOGGLE_SIDEBAR_COMMAND) return false;
  const target = tabId ?? (await deps.activeTabId());
  if (target === undefined) return false;
  try {
    return (await deps.askTab(target, { type: 'sidebar-toggle' })) === true;
  } catch {
    return false;
  }
}
