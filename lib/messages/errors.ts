/** The background's refusal when the browser has no room left to store a count. */
export const STORAGE_FULL = 'storage-full';
