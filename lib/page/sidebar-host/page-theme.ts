/**
 * Whether the CRM page looks dark, so the sidebar can match it rather than the OS setting (a CRM
 * with a dark theme on a light OS, or the reverse). Read from what is drawn next to the sidebar:
 * the first opaque background under a point left of it, else the page's own color-scheme.
 * Small and DOM-only: it runs in the content script.
 */

export type PageTheme = 'light' | 'dark';

/** "rgb(20, 23, 28)" / "rgba(0, 0, 0, 0)" → [r, g, b, alpha]; undefined for anything else. */
export function parseColor(text: string): [number, number, number, number] | undefined {
  const m = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:[,\s/]+([\d.]+%?))?\s*\)$/.exec(text.trim());
  if (!m) return undefined;
  const alphaText = m[4];
  const alpha = alphaText === undefined ? 1 : alphaText.endsWith('%') ? Number(alphaText.slice(0, -1)) / 100 : Number(alphaText);
  return [Number(m[1]), Number(m[2]), Number(m[3]), alpha];
}

/** Relative luminance (WCAG) of an sRGB colour, 0 (black) to 1 (white). */
export function luminance([r, g, b]: readonly number[]): number {
  const channel = (v: number) => {
    const c = (v ?? 0) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r!) + 0.7152 * channel(g!) + 0.0722 * channel(b!);
}

/** Below this a background reads as dark (mid-grey #777 is about 0.18). */
const DARK_BELOW = 0.18;

/** The theme a background colour implies, or undefined when it is (mostly) see-through. */
export function themeOfBackground(color: string): PageTheme | undefined {
  const rgba = parseColor(color);
  if (!rgba || rgba[3] < 0.5) return undefined;
  return luminance(rgba) < DARK_BELOW ? 'dark' : 'light';
}

/** The page's look at the point (x, y): the nearest opaque background from there up to the root. */
export function pageTheme(doc: Document, x: number, y: number, prefersDark: boolean): PageTheme {
  const view = doc.defaultView;
  if (!view) return prefersDark ? 'dark' : 'light';
  let element: Element | null = doc.elementFromPoint(x, y);
  for (let depth = 0; element && depth < 40; depth++, element = element.parentElement) {
    const theme = themeOfBackground(view.getComputedStyle(element).backgroundColor);
    if (theme) return theme;
  }
  for (const root of [doc.body, doc.documentElement]) {
    const theme = root && themeOfBackground(view.getComputedStyle(root).backgroundColor);
    if (theme) return theme;
  }
  // Nothing opaque: the canvas colour follows the page's color-scheme.
  const scheme = view.getComputedStyle(doc.documentElement).colorScheme;
  if (/\bdark\b/.test(scheme)) return /\blight\b/.test(scheme) && !prefersDark ? 'light' : 'dark';
  return 'light';
}
