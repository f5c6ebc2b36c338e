import { browser } from 'wxt/browser';

/**
 * A create form submitted by a full page load (server-rendered CRMs post and redirect), noted
 * per tab in the extension's session storage, which no page can write. The page that loads next
 * in that tab takes the note once; an old note is worth nothing.
 */
export interface FormSubmitted {
  /** The create form's URL, as the browser reported the sending frame. */
  url: string;
  at: number;
  hasEmail?: boolean;
}

export const FORM_NOTE_MAX_AGE_MS = 60_000;
const noteKey = (tabId: number) => `form-submitted:${tabId}`;

export async function noteFormSubmitted(tabId: number, note: FormSubmitted): Promise<void> {
  await browser.storage.session.set({ [noteKey(tabId)]: note });
}

export async function takeFormSubmitted(tabId: number, now: number): Promise<FormSubmitted | null> {
  const key = noteKey(tabId);
  const note = (await browser.storage.session.get(key))[key] as FormSubmitted | undefined;
  if (!note) return null;
  await browser.storage.session.remove(key);
  return now - note.at <= FORM_NOTE_MAX_AGE_MS && note.at <= now ? note : null;
}
