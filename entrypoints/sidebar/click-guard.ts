/**
 * The sidebar takes clicks only while the rep can see it. A page could make the frame
 * transparent, hide it or cover it with a decoy and have the rep click through to Undo or Count;
 * Intersection Observer v2 (`trackVisibility`) tells this frame whether it is really visible:
 * unobscured, not transparent, not transformed or filtered anywhere up the chain of frames.
 * Until the first answer, and whenever it says "not visible", pointer clicks are dropped before
 * any of the sidebar's own handlers run. Browsers without it (Firefox) keep taking clicks.
 */
const BLOCKED = ['click', 'dblclick', 'auxclick', 'pointerdown', 'pointerup', 'mousedown', 'mouseup', 'contextmenu'];

interface VisibilityEntry extends IntersectionObserverEntry {
  isVisible?: boolean;
}

export function guardClicks(target: Element = document.body): () => void {
  if (typeof IntersectionObserverEntry === 'undefined' || !('isVisible' in IntersectionObserverEntry.prototype)) return () => undefined;
  let visible = false;
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries as VisibilityEntry[]) visible = entry.isVisible === true;
      document.documentElement.dataset.visible = String(visible);
    },
    // `delay` is required with trackVisibility; 100 ms is the shortest the browser allows.
    { threshold: [0, 1], trackVisibility: true, delay: 100 } as IntersectionObserverInit,
  );
  observer.observe(target);
  const drop = (event: Event) => {
    // A click made with the keyboard (Enter, Space on a focused button) has no pointer to trick.
    if (visible || (event.type === 'click' && (event as MouseEvent).detail === 0)) return;
    event.stopImmediatePropagation();
    event.preventDefault();
  };
  for (const type of BLOCKED) window.addEventListener(type, drop, { capture: true });
  return () => {
    observer.disconnect();
    for (const type of BLOCKED) window.removeEventListener(type, drop, { capture: true });
  };
}
