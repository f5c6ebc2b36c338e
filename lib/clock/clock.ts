/**
 * The one place KPI Pacer reads "now" from. Every context (background, popup, sidebar, options,
 * export) calls `now()` here instead of `Date.now()`, so tests can put the whole extension at any
 * moment (install day, a Monday morning, a DST change) and results never depend on the wall clock.
 */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

let current: Clock = systemClock;

/** The current instant, epoch ms, from the clock in use. */
export function now(): number {
  return current.now();
}

/** Puts a clock in place (tests, and the test build's pinned clock); returns the one it replaced. */
export function setClock(clock: Clock): Clock {
  const previous = current;
  current = clock;
  return previous;
}

/** Back to the system clock. */
export function resetClock(): void {
  current = systemClock;
}

/** A clock that stands still at `at`: every reading is the same instant. */
export function fixedClock(at: number): Clock {
  return { now: () => at };
}
