import type { AdapterInput } from '@/lib/crm/adapter-schema';

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

/** Waits between asks while the background is not answering (it may be starting or reloading). */
const RETRY_DELAYS_MS = [250, 1_000, 4_000];

/**
 * The adapter this page runs with: the rep's rules applied (mappings, own adapters, custom
 * domains) as the background resolves them for the page's URL. Only the background knows the
 * adapters, so a CRM page loads none of them: without a usable answer the page asks again a few
 * times, then runs without detection rather than with rules the rep may have changed. An answer of
 * "none" is final.
 */
export async function askPageAdapter(
  ask: AskBackground = (message) => browser.runtime.sendMessage(message),
  wait: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<AdapterInput | undefined> {
  for (let attempt = 0; ; attempt += 1) {
    let answer: unknown;
    try {
      answer = await ask({ type: 'page-adapter' });
    } catch {
      answer = undefined;
    }
    const found = adapterFromAnswer(answer);
    if (found !== undefined) return found ?? undefined;
    if (attempt >= RETRY_DELAYS_MS.length) return undefined;
    await wait(RETRY_DELAYS_MS[attempt]!);
  }
}
