import type { Frame, Page } from 'playwright-core';

/** A piece of text that does not fit its box. */
export interface Overflow {
  /** A short path to the element: tag, test id or first class. */
  where: string;
  text: string;
  scrollWidth: number;
  clientWidth: number;
  ellipsis: boolean;
}

/**
 * Every element that shows text and is wider inside than its box (scrollWidth > clientWidth):
 * text cut by an ellipsis or by overflow, or spilling over what is next to it. Inline elements
 * are judged through the block that holds them; form fields and visually hidden text are left out.
 */
export function textOverflows(target: Page | Frame): Promise<Overflow[]> {
  return target.evaluate(() => {
    const found: Overflow[] = [];
    const name = (el: Element) => {
      const id = el.getAttribute('data-testid');
      const cls = el.classList[0];
      return `${el.tagName.toLowerCase()}${id ? `[${id}]` : cls ? `.${cls}` : ''}`;
    };
    const path = (el: Element) => {
      const parts: string[] = [];
      for (let e: Element | null = el; e && parts.length < 3; e = e.parentElement) parts.unshift(name(e));
      return parts.join(' > ');
    };
    const isInline = (el: Element) => getComputedStyle(el).display === 'inline';
    const showsText = (el: Element): boolean =>
      [...el.childNodes].some(
        (node) => (node.nodeType === Node.TEXT_NODE && (node.textContent ?? '').trim() !== '') || (node instanceof Element && isInline(node) && showsText(node)),
      );
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      if (['INPUT', 'SELECT', 'TEXTAREA', 'OPTION', 'SCRIPT', 'STYLE'].includes(el.tagName)) continue;
      if (el.closest('.visually-hidden, [hidden]')) continue;
      const style = getComputedStyle(el);
      if (style.display === 'inline' || style.display === 'none' || style.visibility === 'hidden') continue;
      if (el.getClientRects().length === 0 || !showsText(el)) continue;
      // A box deliberately scrolled (a code area, a wide table's wrapper) is not clipped text.
      if (style.overflowX === 'auto' || style.overflowX === 'scroll') continue;
      const ellipsis = style.textOverflow === 'ellipsis';
      const text = (el.textContent ?? '').trim().slice(0, 80);
      if (el.scrollWidth > el.clientWidth + 1) {
        found.push({ where: path(el), text, scrollWidth: el.scrollWidth, clientWidth: el.clientWidth, ellipsis });
        continue;
      }
      // Pushed out of a box that clips (a row too narrow for its items): cut at that box's edge.
      const box = el.getBoundingClientRect();
      for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
        const clips = getComputedStyle(up).overflowX !== 'visible';
        if (!clips) continue;
        const edge = up.getBoundingClientRect();
        if (box.right > edge.right + 1 || box.left < edge.left - 1) {
          found.push({ where: `${path(el)} (cut by ${name(up)})`, text, scrollWidth: Math.round(box.width), clientWidth: Math.round(edge.width), ellipsis: false });
        }
        break;
      }
    }
    // The page itself must not scroll sideways.
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth + 1) {
      found.push({ where: 'html', text: '(page wider than the window)', scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, ellipsis: false });
    }
    return found;
  });
}
