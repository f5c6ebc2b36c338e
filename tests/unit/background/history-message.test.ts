import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handleMessage, type HandlerDeps } from '@/lib/background/handle';
import { adapterById } from '@/lib/crm/adapters';
import { KpiDatabase } from '@/lib/db';
import { saveSettings } from '@/lib/db/settings';
import { HistorySchema } from '@/lib/kpi/history-schema';

let database: KpiDatabase;
// Wednesday 25 November 2026, 13:00 in Berlin.
const NOW = Date.UTC(2026, 10, 25, 12);
const deps: HandlerDeps = { now: () => NOW, newId: () => crypto.randomUUID(), adapterById };

beforeEach(async () => {
  database = new KpiDatabase(`hist-${crypto.randomUUID()}`);
  await database.open();
  await saveSettings(database, { timeZone: 'Europe/Berlin' });
});
afterEach(async () => {
  await database.delete();
});

describe('the history message', () => {
  it('answers an extension page with history that passes the schema the pages check it with', async () => {
    await handleMessage(database, { type: 'add-manual', kpi: 'contacts' }, 'extension-page', deps);
    const { response, changed } = await handleMessage(database, { type: 'history' }, 'extension-page', deps);
    expect(changed).toBeUndefined();
    expect(response.ok).toBe(true);
    const history = HistorySchema.parse(response.ok ? response.data : null);
    const contacts = history.find((h) => h.kpi === 'contacts')!;
    expect(contacts.points).toHaveLength(12);
    expect(contacts.points.at(-1)).toMatchObject({ first: '2026-11-23', last: '2026-11-29', value: 1, partial: true, met: false });
  });

  it('is refused to a web page', async () => {
    const { response } = await handleMessage(database, { type: 'history' }, 'content-script', deps);
    expect(response).toEqual({ ok: false, error: '"history" is not allowed from a web page.' });
  });
});
