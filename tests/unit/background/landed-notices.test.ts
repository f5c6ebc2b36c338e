import { describe, expect, it } from 'vitest';
import { LANDED_NOTICE_MS, LandedNotices } from '@/lib/background/landed-notices';

const notice = (key: string) => ({ type: 'kpi-changed' as const, counted: [{ key, kpi: 'revenue' as const }], removed: [], tabId: 3 });

describe('counts a page made before its sidebar was there', () => {
  it('are taken once by that tab\'s sidebar, while fresh', () => {
    const notices = new LandedNotices();
    notices.note(3, notice('erp:order:9'), 1_000);
    expect(notices.take(4, 1_500)).toBeUndefined();
    expect(notices.take(3, 1_500)).toEqual(notice('erp:order:9'));
    expect(notices.take(3, 1_600)).toBeUndefined();
    notices.note(3, notice('erp:order:10'), 2_000);
    expect(notices.take(3, 2_000 + LANDED_NOTICE_MS + 1)).toBeUndefined();
  });

  it('say nothing of a count taken back, nor of a write that counted nothing, nor after the tab\'s next page', () => {
    const notices = new LandedNotices();
    notices.note(3, notice('erp:order:9'), 1_000);
    notices.removed(['erp:order:9']);
    expect(notices.take(3, 1_100)).toBeUndefined();
    notices.note(3, { ...notice('x'), counted: [] }, 1_000);
    expect(notices.take(3, 1_100)).toBeUndefined();
    notices.note(3, notice('erp:order:11'), 1_000);
    notices.forget(3);
    expect(notices.take(3, 1_100)).toBeUndefined();
  });
});
