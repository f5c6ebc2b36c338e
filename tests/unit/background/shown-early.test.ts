import { describe, expect, it } from 'vitest';
import { ShownBeforeWrite } from '@/lib/background/shown-early';
import type { CountEvent } from '@/lib/db';

const event = (id: string): CountEvent => ({ key: `hubspot:contact:${id}`, kpi: 'contacts', at: Date.UTC(2026, 11, 1, 9), source: 'detected' });

describe('counts shown before their write', () => {
  it('need no second drawing once written, and are forgotten then', () => {
    const shown = new ShownBeforeWrite();
    shown.shown([event('1'), event('2')]);
    expect(shown.unshown([event('1'), event('2')])).toEqual([]);
    // Written again later (a held count confirmed): not on the badge any more, so drawn.
    expect(shown.unshown([event('1')])).toEqual([event('1')]);
  });

  it('leave the others of a write to be drawn', () => {
    const shown = new ShownBeforeWrite();
    shown.shown([event('1')]);
    expect(shown.unshown([event('1'), event('3')])).toEqual([event('3')]);
  });

  it('are drawn when written after a write that did not go through', () => {
    const shown = new ShownBeforeWrite();
    shown.shown([event('4')]);
    shown.notWritten([event('4').key]);
    expect(shown.unshown([event('4')])).toEqual([event('4')]);
  });
});
