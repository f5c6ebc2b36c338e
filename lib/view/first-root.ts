/**
 * The page's `#root` element, as soon as the parser has made it. A view's first-paint script runs
 * from the head, before the body exists, so that its reads start while the stylesheets load; what
 * it paints goes into the root once the parser reaches it.
 */
export function whenRootParsed(doc: Document = document): Promise<HTMLElement> {
  const now = doc.getElementById('root');
  if (now) return Promise.resolve(now);
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      const root = doc.getElementById('root');
      if (!root) return;
      observer.disconnect();
      resolve(root);
    });
    observer.observe(doc.documentElement, { childList: true, subtree: true });
  });
}
