import { readFragment, type FrameFragment } from './frame-info';

/**
 * What this frame's own host last said about the page: first through the frame URL's fragment,
 * then through the port the host opens to its frame (in Firefox, relayed by the background as a
 * message to this tab). Both are extension messaging, which the page cannot reach, and main.ts
 * takes only what is named with this frame's host id. The host never navigates the frame to say
 * more: the browser would reload the frame, and it would lose what it was showing.
 */
let heard = '';
let current: FrameFragment = readFragment(location.hash);
const listeners = new Set<() => void>();

export const hostFacts = (): FrameFragment => current;

/** The host's word: the same `vh=…&nav=…&theme=…` text as the first fragment. */
export function heardFromHost(message: unknown): void {
  // The host may say the same again (each resize step, each redraw): only a change re-renders.
  if (typeof message !== 'string' || message === heard) return;
  current = readFragment((heard = message));
  for (const listener of listeners) listener();
}

export function onHostFacts(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
