import { beforeEach, describe, expect, it } from 'vitest';
import { handleMessage, type HandlerDeps } from '@/lib/background/handle';
import { createTeamRunner } from '@/lib/background/team-runner';
import type { TeamView } from '@/lib/background/team-sync';
import { adapterById } from '@/lib/crm/adapters';
import { KpiDatabase } from '@/lib/db';
import { saveSettings } from '@/lib/db/settings';
import { weeklyCsv as toCsv } from './weekly-csv';
import { loadTeamConfig } from '@/lib/team/store';
import { sampleRow } from '@/tests/unit/export/helpers';

let database: KpiDatabase;
let deps: HandlerDeps;
const requested: string[] = [];

beforeEach(async () => {
  database = new KpiDatabase(`team-${crypto.randomUUID()}`);
  await database.open();
  await saveSettings(database, { timeZone: 'Europe/Berlin', repName: 'Anna' });
  requested.length = 0;
  const sync = {
    now: () => Date.UTC(2026, 10, 25, 12),
    newId: () => 'device-1',
    // Records where the password would go; this server refuses it.
    fetch: async (url: string) => {
      requested.push(new URL(url).origin);
      return Response.json({ error: 'unauthorized' }, { status: 401 });
    },
    hasOrigin: async (pattern: string) => pattern === 'https://couch.example.com/*',
  };
  deps = { now: sync.now, newId: sync.newId, adapterById, team: { runner: createTeamRunner(database, sync, () => undefined), sync } };
});

const send = (message: unknown, sender: 'extension-page' | 'content-script' = 'extension-page') => handleMessage(database, message, sender, deps).then((r) => r.response);

describe('team requests', () => {
  it('are refused from a web page', async () => {
    for (const type of ['team-view', 'team-sync-get', 'team-forget-imports']) {
      expect(await send({ type }, 'content-script')).toEqual({ ok: false, error: `"${type}" is not allowed from a web page.` });
    }
  });

  it('store a dropped file, replace the same rep and week, and leave the stored weeks alone when a file is refused', async () => {
    const first = await send({ type: 'team-import', files: [{ name: 'anna.csv', text: toCsv([sampleRow({ contacts: 3 })]) }] });
    expect(first.ok && (first.data as { ok: boolean }[])[0]!.ok).toBe(true);
    const view = async () => {
      const answer = await send({ type: 'team-view' });
      if (!answer.ok) throw new Error(answer.error);
      return answer.data as TeamView;
    };
    expect((await view()).weeks.map((w) => w.counts.contacts)).toEqual([3]);

    await send({ type: 'team-import', files: [{ name: 'broken.csv', text: toCsv([sampleRow({ contacts: 9 })]).replace(',9,', ',-9,') }] });
    expect((await view()).weeks.map((w) => w.counts.contacts)).toEqual([3]);

    await send({ type: 'team-import', files: [{ name: 'anna-again.csv', text: toCsv([sampleRow({ contacts: 4 })]) }] });
    expect((await view()).weeks.map((w) => w.counts.contacts)).toEqual([4]);
  });

  it('keep the password out of every answer, send it only to the server, and say when it is refused', async () => {
    const saved = await send({ type: 'team-sync-save', config: { url: 'https://couch.example.com:6984', database: 'kpi-team', user: 'anna', password: 'secret' } });
    expect(saved.ok).toBe(true);
    expect(JSON.stringify(saved)).not.toContain('secret');
    expect(saved.ok && (saved.data as { problem?: string }).problem).toBe('unauthorized');
    expect(requested).toEqual(['https://couch.example.com:6984']);
    // Saving again with the password left empty keeps the stored one.
    await send({ type: 'team-sync-save', config: { url: 'https://couch.example.com:6984', database: 'kpi-team', user: 'anna', password: '' } });
    expect((await loadTeamConfig(database))?.password).toBe('secret');
    const bad = await send({ type: 'team-sync-save', config: { url: 'ftp://couch.example.com', database: 'kpi-team', user: 'anna', password: 'x' } });
    expect(bad).toEqual({ ok: false, error: 'invalid:url' });
  });
});
