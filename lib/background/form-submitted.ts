import { browser } from 'wxt/browser';
import type { PendingSave, RecordMemory } from '@/lib/crm/engine';

/**
 * A create form submitted by a full page load (server-rendered CRMs post and redirect), noted
 * per tab in the extension's session storage, which no page can write. The page that loads next
 * in that tab takes the note once; an old note is worth nothing. A submission a network rule
 * names (`navigation`) leaves the saves it may turn out to be: ids, amounts and whether an email
 * was given, never the submitted fields.
 */
export interface FormSubmitted {
  /** The page the form was on, as the browser reported the sending frame. */
  url: string;
  at: number;
  hasEmail?: boolean;
  /** A followed link (a confirmation), not a form: the page it left says nothing of a create form. */
  viaLink?: boolean;
  saves?: PendingSave[];
}

export const FORM_NOTE_MAX_AGE_MS = 60_000;
const noteKey = (tabId: number) => `form-submitted:${tabId}`;
/** Amounts the tab's saves read (an order's create), for a confirmation on a later page. */
const memoryKey = (tabId: number) => `form-memory:${tabId}`;
const MEMORY_ENTRIES = 50;

// Notes being written, per tab: the next page's plan waits for them, as the page it left may have
// submitted a moment before the browser got there.
const writing = new Map<number, Promise<unknown>>();

/** Runs `work` (which notes a submission) so that `takeFormSubmitted` for the tab waits for it. */
export function noting<T>(tabId: number, work: () => Promise<T>): Promise<T> {
  const run = (writing.get(tabId) ?? Promise.resolve()).catch(() => undefined).then(work);
  writing.set(tabId, run);
  void run.finally(() => writing.get(tabId) === run && writing.delete(tabId)).catch(() => undefined);
  return run;
}

export async function noteFormSubmitted(tabId: number, note: FormSubmitted): Promise<void> {
  await browser.storage.session.set({ [noteKey(tabId)]: note });
}

export async function takeFormSubmitted(tabId: number, now: number): Promise<FormSubmitted | null> {
  await writing.get(tabId)?.catch(() => undefined);
  const key = noteKey(tabId);
  const note = (await browser.storage.session.get(key))[key] as FormSubmitted | undefined;
  if (!note) return null;
  await browser.storage.session.remove(key);
  return now - note.at <= FORM_NOTE_MAX_AGE_MS && note.at <= now ? note : null;
}

export async function loadFormMemory(tabId: number): Promise<RecordMemory> {
  const stored = (await browser.storage.session.get(memoryKey(tabId)))[memoryKey(tabId)];
  const memory: RecordMemory = new Map();
  if (Array.isArray(stored)) {
    for (const entry of stored) {
      if (Array.isArray(entry) && typeof entry[0] === 'string' && typeof entry[1] === 'object' && entry[1] !== null) memory.set(entry[0], entry[1]);
    }
  }
  return memory;
}

export async function saveFormMemory(tabId: number, memory: RecordMemory): Promise<void> {
  await browser.storage.session.set({ [memoryKey(tabId)]: [...memory].slice(-MEMORY_ENTRIES) });
}

/** The tab is gone: so are its notes. */
export async function forgetFormNotes(tabId: number): Promise<void> {
  await browser.storage.session.remove([noteKey(tabId), memoryKey(tabId)]);
}
