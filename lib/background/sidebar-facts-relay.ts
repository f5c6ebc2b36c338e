import { z } from 'zod';

/**
 * What a sidebar host says to its own frame in Firefox: layout facts and a navigation counter
 * (`vh=…&nav=…&theme=…`), named with the host's random id from the frame's URL. No data.
 */
export const SidebarFactsSchema = z
  .object({
    type: z.literal('sidebar-facts'),
    host: z.string().regex(/^[a-z0-9]{1,16}$/),
    facts: z.string().max(120),
  })
  .strict();
export type SidebarFacts = z.infer<typeof SidebarFactsSchema>;

export interface FactsSender {
  tab?: { id?: number };
  frameId?: number;
}

/**
 * Firefox gives an extension frame inside a web page only what content scripts get: it never hears
 * its host's port or `runtime.sendMessage`, only messages sent to its tab. So the host's word goes
 * through here, back to the one tab it came from. Only a top frame's content script hosts a
 * sidebar; a page cannot send extension messages at all. Returns whether the message was one.
 */
export function relaySidebarFacts(message: unknown, sender: FactsSender, sendToTab: (tabId: number, message: SidebarFacts) => Promise<unknown>): boolean {
  const told = SidebarFactsSchema.safeParse(message);
  if (!told.success) return false;
  const tabId = sender.tab?.id;
  if (tabId !== undefined && sender.frameId === 0) void sendToTab(tabId, told.data).catch(() => undefined);
  return true;
}
