/**
 * What the sidebar page knows about the page that frames it. The site comes from the browser
 * (`location.ancestorOrigins`, which the framing page cannot fake) where available; the host's layout facts
 * come first in the URL's fragment, then through host-facts.ts. None of it is data.
 */
export function framingSite(location: Location): string {
  const ancestor = location.ancestorOrigins?.[0];
  if (ancestor) {
    try {
      return new URL(ancestor).hostname;
    } catch {
      // fall through to the host's own word
    }
  }
  return new URLSearchParams(location.search).get('site') ?? '';
}

export interface FrameFragment {
  /** The framing page's viewport height in CSS pixels. */
  viewportHeight: number;
  /** Whether the CRM page looks light or dark; absent when the host did not say. */
  theme?: 'light' | 'dark';
  /** Bumped by the host on every in-page navigation. */
  navigation: number;
}

/** Reads `vh=…&nav=…&theme=…`, with or without a leading `#`; anything else falls back to defaults. */
export function readFragment(hash: string): FrameFragment {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const number = (name: string, fallback: number) => {
    const value = Number(params.get(name));
    return Number.isFinite(value) && value > 0 ? value : fallback;
  };
  const theme = params.get('theme');
  return {
    viewportHeight: number('vh', 800),
    navigation: number('nav', 0),
    ...((theme === 'light' || theme === 'dark') && { theme }),
  };
}

/** Follows the CRM page's look; without a word from the host, the OS setting applies. */
export function applyTheme(root: HTMLElement, fragment: FrameFragment): void {
  if (fragment.theme) root.dataset.theme = fragment.theme;
  else delete root.dataset.theme;
}
