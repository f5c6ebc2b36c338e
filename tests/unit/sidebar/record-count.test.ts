import { afterEach, describe, expect, it, vi } from 'vitest';
import { countedKeysFor, countRecord, offeredKpis } from '@/lib/background/record-count';
import { relaySidebarCommand, TOGGLE_SIDEBAR_COMMAND } from '@/lib/background/sidebar-command';
import { eventsForRecord, recordKeyFor } from '@/lib/crm/counting';
import { hubspot } from '@/lib/crm/adapters/hubspot';
import { pipedrive } from '@/lib/crm/adapters/pipedrive';
import { KpiDatabase } from '@/lib/db';
import { recordPageAt } from '@/lib/crm/record-page';
import { handleMessage } from '@/lib/background/handle';
import { adapterById } from '@/lib/crm/adapters';

let database: KpiDatabase | undefined;
afterEach(async () => {
  await database?.delete();
  database = undefined;
});

describe('counting the open record by hand', () => {
  it('uses the very keys detection would use, so the two never double count', () => {
    const quote = { adapter: 'hubspot', kind: 'quote', recordId: '5' };
    const detected = eventsForRecord({ ...quote, rule: 'x' }, hubspot);
    expect(recordKeyFor(quote, 'equotes', hubspot)).toBe(detected[0]!.key);
    expect(recordKeyFor({ adapter: 'hubspot', kind: 'account', recordId: '9' }, 'ecustomers', hubspot)).toBe('hubspot:customer:9');
    // A KPI the kind does not feed gets a key detection never produces.
    expect(recordKeyFor({ adapter: 'hubspot', kind: 'account', recordId: '9' }, 'devices', hubspot)).toBe('hubspot:account:9:devices');
  });

  it('counts once; a second count reports the key already counted', async () => {
    database = new KpiDatabase(`record-count-${Math.random()}`);
    const record = { adapter: 'hubspot', kind: 'account', recordId: '77' };
    const first = await countRecord(database, { record, kpi: 'devices', at: 1000 }, hubspot);
    expect(first.status).toBe('counted');
    const second = await countRecord(database, { record, kpi: 'devices', at: 2000 }, hubspot);
    expect(second).toEqual({ status: 'already-counted', key: 'hubspot:account:77:devices' });
    expect(await database.events.count()).toBe(1);
    expect(await countedKeysFor(database, record, hubspot)).toEqual({ devices: 'hubspot:account:77:devices' });
  });

  it('offers only what fits the record kind, the KPIs the kind feeds first', () => {
    expect(offeredKpis(hubspot, 'order')).toEqual(['revenue']);
    // A company can become an online customer; it is never a quote, a device or revenue.
    expect(offeredKpis(hubspot, 'account')).toEqual(['ecustomers']);
    expect(offeredKpis(hubspot, 'quote')).toEqual(['equotes']);
    expect(offeredKpis(hubspot, 'deal')).toEqual(['revenue']);
    expect(offeredKpis(hubspot, 'device')).toEqual(['devices']);
    expect(offeredKpis(pipedrive, 'deal')).toEqual(['equotes', 'revenue']);
    // A kind of the rep's own mapping offers what it is mapped to, nothing else.
    const mapped = { ...hubspot, kinds: { ...hubspot.kinds, 'obj-2-1234': { kpis: ['devices' as const], objects: ['2-1234'] } } };
    expect(offeredKpis(mapped, 'obj-2-1234')).toEqual(['devices']);
    expect(offeredKpis({ ...hubspot, kinds: { ...hubspot.kinds, ticket: { kpis: [] } } }, 'ticket')).toEqual([]);
  });

  it('recognises the record page from the adapter routes, and nothing elsewhere', () => {
    expect(recordPageAt(hubspot, 'https://app.hubspot.com/contacts/1/record/0-2/777?tab=x')).toEqual({
      adapter: 'hubspot',
      kind: 'account',
      recordId: '777',
      url: 'https://app.hubspot.com/contacts/1/record/0-2/777',
    });
    expect(recordPageAt(hubspot, 'https://app.hubspot.com/contacts/1/objects/0-1/views/all/list')).toBeUndefined();
  });

  it("offers the record the page says it shows now, not a stale tab URL nor another site's page", async () => {
    database = new KpiDatabase(`rc-${crypto.randomUUID()}`);
    await database.open();
    const list = 'https://app.hubspot.com/contacts/1/objects/0-1/views/all/list';
    const details = async (answer: unknown) => {
      const deps = { now: () => 0, newId: () => 'x', adapterById, askTab: async () => answer };
      const { response } = await handleMessage(database!, { type: 'sidebar-details', recent: 1 }, 'extension-page', deps, { tabId: 3, tabUrl: list });
      return response.ok ? (response.data as { offer: { record: { recordId: string } } | null }).offer?.record.recordId : 'refused';
    };
    expect(await details('https://app.hubspot.com/contacts/1/record/0-1/901')).toBe('901');
    expect(await details('https://evil.example/contacts/1/record/0-1/902')).toBeUndefined();
    expect(await details(null)).toBeUndefined();
  });
});

describe('the keyboard command relay', () => {
  it('asks the tab the command was pressed in, or else the active tab', async () => {
    const askTab = vi.fn().mockResolvedValue(true);
    const activeTabId = vi.fn().mockResolvedValue(42);
    expect(await relaySidebarCommand(TOGGLE_SIDEBAR_COMMAND, 7, { askTab, activeTabId })).toBe(true);
    expect(askTab).toHaveBeenLastCalledWith(7, { type: 'sidebar-toggle' });
    expect(await relaySidebarCommand(TOGGLE_SIDEBAR_COMMAND, undefined, { askTab, activeTabId })).toBe(true);
    expect(askTab).toHaveBeenLastCalledWith(42, { type: 'sidebar-toggle' });
  });

  it('ignores other commands and tabs without a sidebar', async () => {
    const askTab = vi.fn().mockRejectedValue(new Error('Receiving end does not exist.'));
    const activeTabId = vi.fn().mockResolvedValue(1);
    expect(await relaySidebarCommand('other', 1, { askTab, activeTabId })).toBe(false);
    expect(askTab).not.toHaveBeenCalled();
    expect(await relaySidebarCommand(TOGGLE_SIDEBAR_COMMAND, 1, { askTab, activeTabId })).toBe(false);
  });
});
