/** Where the background keeps its last view data in `storage.session`. */
export const VIEW_CACHE_KEY = 'viewData';

/** Recent events the cached and the first view data carry: the most any view shows at first. */
export const VIEW_RECENT = 5;
