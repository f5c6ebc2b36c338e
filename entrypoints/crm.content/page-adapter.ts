import type { AdapterInput } from '@/lib/crm/adapter-schema';
import { adapterForUrl } from '@/lib/crm/adapters';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isOptionalArray = (value: unknown) => value === undefined || Array.isArray(value);

/**
 * The adapter in the background's answer to `{type:'page-adapter'}`: null when the background
 * says this page has none (e.g. the rep turned it off), undefined when there is no usable answer.
 * The background validated the rep's rules when they were saved; this only checks the shape the
 * engine walks, without pulling zod into every CRM page.
 */
export function adapterFromAnswer(answer: unknown): AdapterInput | null | undefined {
  if (!isRecord(answer) || answer.ok !== true || !isRecord(answer.data)) return undefined;
  const adapter = answer.data.adapter;
  if (adapter === null) return null;
  if (!isRecord(adapter) || typeof adapter.id !== 'string' || !Array.isArray(adapter.hosts) || !isRecord(adapter.kinds)) return undefined;
  if (!isOptionalArray(adapter.routes) || !isOptionalArray(adapter.network) || !isOptionalArray(adapter.dom)) return undefined;
  return adapter as unknown as AdapterInput;
}

export type AskBackground = (message: { type: 'page-adapter' }) => Promise<unknown>;

/**
 * The adapter this page runs with: the rep's rules applied (mappings, own adapters, custom
 * domains) as the background resolves them for the page's URL. Without an answer (the extension
 * is reloading) the shipped adapter for the URL still works; an answer of "none" is final.
 */
export async function askPageAdapter(
  url: string,
  ask: AskBackground = (message) => browser.runtime.sendMessage(message),
): Promise<AdapterInput | undefined> {
  let answer: unknown;
  try {
    answer = await ask({ type: 'page-adapter' });
  } catch {
    answer = undefined;
  }
  const found = adapterFromAnswer(answer);
  return found === null ? undefined : (found ?? adapterForUrl(url));
}
