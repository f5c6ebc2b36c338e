import { z } from 'zod';
import { fixedClock, resetClock, setClock } from './clock';

/**
 * Test builds only (KPI_TEST_HOSTS): the end-to-end suite pins the extension's clock to a chosen
 * instant, so what it asserts does not depend on the machine's clock. The pin lives in
 * `storage.local`, where the background and every open view see it; release builds never read it.
 */
export const PINNED_CLOCK_KEY = 'testPinnedClock';

export const SetPinnedClockSchema = z.object({
  type: z.literal('test-pin-clock'),
  /** Epoch ms to stand still at; null goes back to the system clock. */
  at: z.number().int().nonnegative().nullable(),
});
export type SetPinnedClock = z.infer<typeof SetPinnedClockSchema>;

interface LocalArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}
interface StorageLike {
  local: LocalArea;
  onChanged: { addListener(listener: (changes: Record<string, { newValue?: unknown }>, area: string) => void): void };
}

const PinSchema = z.number().int().nonnegative();

function apply(value: unknown): void {
  const pin = PinSchema.safeParse(value);
  if (pin.success) setClock(fixedClock(pin.data));
  else resetClock();
}

/**
 * Reads the pin once and follows later changes. Resolves when the clock is in place, so callers
 * can wait for it before computing anything.
 */
export async function followPinnedClock(storage: StorageLike, onChange?: () => void): Promise<void> {
  storage.onChanged.addListener((changes, area) => {
    if (area !== 'local' || !(PINNED_CLOCK_KEY in changes)) return;
    apply(changes[PINNED_CLOCK_KEY]?.newValue);
    onChange?.();
  });
  const stored = await storage.local.get(PINNED_CLOCK_KEY).catch(() => ({}) as Record<string, unknown>);
  apply(stored[PINNED_CLOCK_KEY]);
}

/** Stores (or clears) the pin and applies it here at once. */
export async function setPinnedClock(storage: StorageLike, at: number | null): Promise<void> {
  if (at === null) await storage.local.remove(PINNED_CLOCK_KEY);
  else await storage.local.set({ [PINNED_CLOCK_KEY]: at });
  apply(at);
}
