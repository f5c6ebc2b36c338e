/**
 * Sizes of the sidebar frame. The host only places the frame; what is drawn inside (the tab,
 * the confirmation, the panel) is the sidebar page's, so these numbers are shared by both.
 */

export type FrameMode = 'collapsed' | 'toast' | 'question' | 'expanded';

export const TAB_WIDTH = 40;
export const TAB_HEIGHT = 92;
/** Collapsed with a confirmation beside the tab. */
export const TOAST_WIDTH = 320;
export const PANEL_WIDTH = 320;
/**
 * On laptop screens (1366 wide and the like) a CRM's main column reaches close to the right edge;
 * the panel is narrower there so it covers the CRM's side column rather than its main one.
 */
export const PANEL_NARROW_WIDTH = 280;
/** Viewports narrower than this get the narrow panel. */
export const NARROW_VIEWPORT = 1440;
/** Collapsed with a question beside the tab (held records): room for two lines and two buttons. */
export const QUESTION_HEIGHT = 190;
export const PANEL_MAX_HEIGHT = 640;
/** Kept free above and below the frame. */
export const EDGE_GAP = 8;

export interface FrameBox {
  top: number;
  width: number;
  height: number;
}

/** Where the frame goes: centred on the remembered position, always inside the viewport. */
export function frameBox(mode: FrameMode, centre: number, viewportHeight: number, viewportWidth = Number.POSITIVE_INFINITY): FrameBox {
  const room = Math.max(TAB_HEIGHT, viewportHeight - 2 * EDGE_GAP);
  const height = mode === 'expanded' ? Math.min(PANEL_MAX_HEIGHT, room) : mode === 'question' ? Math.min(QUESTION_HEIGHT, room) : TAB_HEIGHT;
  const panelWidth = viewportWidth < NARROW_VIEWPORT ? PANEL_NARROW_WIDTH : PANEL_WIDTH;
  const width = mode === 'expanded' ? panelWidth : mode === 'toast' || mode === 'question' ? TOAST_WIDTH : TAB_WIDTH;
  const wanted = Math.round(centre * viewportHeight - height / 2);
  const top = Math.max(EDGE_GAP, Math.min(wanted, viewportHeight - height - EDGE_GAP));
  return { top: Math.max(0, top), width, height };
}
