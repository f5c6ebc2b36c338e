/**
 * What teach mode may see of the page a form submission landed on when its address names no new
 * record (a contact added from a company's tab, sent back to the company): the page's same-site
 * links whose address holds a digit, each with the tag, classes and role of the link and of the
 * few elements around it — never text, never a field's value. Kept with the lesson in memory only.
 */
export interface LandingElement {
  tag: string;
  classes: string[];
  role?: string;
  /** The element announces changes to screen readers (`aria-live`), as app messages do. */
  live?: boolean;
}

export interface LandingLink {
  /** The link's `href` attribute as written (what a DOM rule reads). */
  href: string;
  anchor: LandingElement;
  /** Its parent, grandparent, … (at most 4), nearest first. */
  holders: LandingElement[];
}

export const MAX_LANDING_LINKS = 300;

/**
 * Runs in the tab (injected by the background, through `scripting.executeScript`, while a lesson
 * waits for it): self-contained, as the browser serialises it.
 */
export function readLandingLinks(): { url: string; links: LandingLink[] } {
  const element = (node: Element) => {
    const role = node.getAttribute('role');
    return {
      tag: node.tagName.toLowerCase().slice(0, 20),
      classes: [...node.classList].filter((name) => /^[A-Za-z_-][\w-]{0,39}$/.test(name)).slice(0, 6),
      ...(role && /^[a-z]{1,20}$/.test(role) && { role }),
      ...(node.hasAttribute('aria-live') && { live: true }),
    };
  };
  const links: LandingLink[] = [];
  for (const anchor of document.querySelectorAll('a[href]')) {
    if (links.length >= 300) break;
    const href = anchor.getAttribute('href') ?? '';
    let url: URL;
    try {
      url = new URL(href, location.href);
    } catch {
      continue;
    }
    if (url.origin !== location.origin || !/\d/.test(href) || href.length > 500) continue;
    const holders = [];
    for (let node = anchor.parentElement; node && node !== document.body && holders.length < 4; node = node.parentElement) holders.push(element(node));
    links.push({ href, anchor: element(anchor), holders });
  }
  return { url: location.href, links };
}
