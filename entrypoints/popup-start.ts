import { paintFirst } from '@/entrypoints/popup/first-paint';
import { uiLocale } from '@/lib/i18n/messages';
import { whenRootParsed } from '@/lib/view/first-root';
import { readViewCache } from '@/lib/view/view-cache';

/**
 * The popup's first paint, as a classic script at the top of the page's head: it starts reading
 * the cached view data while the stylesheets load and draws the six KPIs as soon as the root is
 * parsed, before the popup's module graph (its start module, then React and the rest) has run. A
 * module only runs once the page is parsed, its stylesheets are in and every module it imports is
 * loaded, which cost the popup more than the drawing itself. Nothing shows before the head's
 * stylesheets are in (they block rendering), so the early paint is never unstyled. Built as one
 * file on the browser's own API (no polyfill, see wxt.config.ts); the popup's module start
 * (popup/main.ts) leaves this paint in place and takes over from it.
 */
export default defineUnlistedScript(() => {
  void Promise.all([readViewCache(), whenRootParsed()]).then(([view, root]) => {
    // The module start may have painted first, from the background's answer: keep its paint.
    if (view && !root.hasChildNodes()) paintFirst(root, view, uiLocale());
  });
});
