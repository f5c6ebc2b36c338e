import { describe, expect, it } from 'vitest';
import type { TeamSyncConfig } from '@/lib/team/sync/config';
import { weekDocId, weekFromDoc } from '@/lib/team/sync/doc';
import { pushWeeks, weekStatuses } from '@/lib/team/sync/push';
import { teamWeekFromRow, type TeamWeek } from '@/lib/team/week';
import { BERLIN, local, sampleRow } from '@/tests/unit/export/helpers';

const config: TeamSyncConfig = { url: 'https://couch.example.com:6984', database: 'kpi-team', user: 'anna', password: 'пароль', push: true };
const calendar = { timeZone: BERLIN, weekStart: 1, workingDays: [1, 2, 3, 4, 5] };
const NOW = local(BERLIN, 2026, 11, 26, 12);

/** A CouchDB stand-in holding documents by id with revision numbers; `down` answers nothing. */
function fakeCouch() {
  const docs = new Map<string, Record<string, unknown> & { _rev: string }>();
  const requests: string[] = [];
  let generation = 0;
  const state = { down: false, password: 'пароль' };
  const fetch = async (url: string, init: RequestInit): Promise<Response> => {
    if (state.down) throw new TypeError('Failed to fetch');
    const id = decodeURIComponent(new URL(url).pathname.split('/').pop()!);
    requests.push(`${init.method} ${id}`);
    const auth = (init.headers as Record<string, string>).Authorization!;
    const [user, password] = new TextDecoder().decode(Uint8Array.from(atob(auth.slice(6)), (c) => c.charCodeAt(0))).split(':');
    if (user !== 'anna' || password !== state.password) return Response.json({ error: 'unauthorized' }, { status: 401 });
    const existing = docs.get(id);
    if (init.method === 'GET') return existing ? Response.json(existing) : Response.json({ error: 'not_found', reason: 'missing' }, { status: 404 });
    const body = JSON.parse(String(init.body)) as Record<string, unknown>;
    if (existing?._rev !== body._rev) return Response.json({ error: 'conflict' }, { status: 409 });
    generation += 1;
    const rev = `${generation}-x`;
    docs.set(id, { ...body, _rev: rev });
    return Response.json({ ok: true, id, rev }, { status: 201 });
  };
  return { docs, requests, state, fetch };
}

function annaWeek(contacts: number, week = '2026-W48', weekStart = '2026-11-23'): { week: TeamWeek; statuses: ReturnType<typeof weekStatuses> } {
  const teamWeek = teamWeekFromRow(sampleRow({ rep: 'Anna', week, week_start: weekStart, contacts }), 'laptop-1');
  return { week: teamWeek, statuses: weekStatuses(teamWeek, NOW, calendar) };
}

describe('sending weeks to CouchDB', () => {
  it('writes a changed week once, under a stable id, and skips it while unchanged', async () => {
    const couch = fakeCouch();
    const first = await pushWeeks({ config, fetch: couch.fetch, weeks: [annaWeek(3)], pushed: {}, now: NOW });
    expect(first).toMatchObject({ written: 1, conflicts: 0 });
    const id = weekDocId('Anna', 'laptop-1', '2026-W48');
    expect(id).toBe('kpi-pacer:week:anna:laptop-1:2026-W48');
    expect(weekFromDoc(couch.docs.get(id))?.counts.contacts).toBe(3);
    // Aggregates only: counts, targets and statuses, no record keys or links.
    expect(JSON.stringify(couch.docs.get(id))).not.toMatch(/https?:|recordId|key/);

    const again = await pushWeeks({ config, fetch: couch.fetch, weeks: [annaWeek(3)], pushed: first.pushed, now: NOW });
    expect(again.written).toBe(0);
    expect(couch.requests).toHaveLength(1);
  });

  it('re-reads the revision after a 409 and writes the week again', async () => {
    const couch = fakeCouch();
    const first = await pushWeeks({ config, fetch: couch.fetch, weeks: [annaWeek(3)], pushed: {}, now: NOW });
    const id = weekDocId('Anna', 'laptop-1', '2026-W48');
    // Another write moved the document on; this browser's revision is stale.
    couch.docs.set(id, { ...couch.docs.get(id)!, _rev: '7-other' });
    const second = await pushWeeks({ config, fetch: couch.fetch, weeks: [annaWeek(4)], pushed: first.pushed, now: NOW });
    expect(second).toMatchObject({ written: 1, conflicts: 1 });
    expect(couch.requests.slice(1)).toEqual([`PUT ${id}`, `GET ${id}`, `PUT ${id}`]);
    expect(weekFromDoc(couch.docs.get(id))?.counts.contacts).toBe(4);
  });

  it('keeps what is not yet on the server when it is down or refuses the password, and sends it later', async () => {
    const couch = fakeCouch();
    couch.state.down = true;
    const offline = await pushWeeks({ config, fetch: couch.fetch, weeks: [annaWeek(2, '2026-W47', '2026-11-16'), annaWeek(3)], pushed: {}, now: NOW });
    expect(offline).toMatchObject({ written: 0, problem: 'unreachable', pushed: {} });

    couch.state.down = false;
    couch.state.password = 'changed';
    const refused = await pushWeeks({ config, fetch: couch.fetch, weeks: [annaWeek(2, '2026-W47', '2026-11-16'), annaWeek(3)], pushed: offline.pushed, now: NOW });
    expect(refused).toMatchObject({ written: 0, problem: 'unauthorized', pushed: {} });

    couch.state.password = 'пароль';
    const back = await pushWeeks({ config, fetch: couch.fetch, weeks: [annaWeek(2, '2026-W47', '2026-11-16'), annaWeek(3)], pushed: refused.pushed, now: NOW });
    expect(back).toMatchObject({ written: 2 });
    expect([...couch.docs.values()].map((doc) => weekFromDoc(doc)?.counts.contacts)).toEqual([2, 3]);
  });

  it('never creates a document for an empty week, and refuses a document whose id names another rep', async () => {
    const couch = fakeCouch();
    const empty = teamWeekFromRow(sampleRow({ rep: 'Anna', contacts: 0, equotes: 0, ecustomers: 0, devices: 0, revenue: 0, visitors_month: null }), 'laptop-1');
    const result = await pushWeeks({ config, fetch: couch.fetch, weeks: [{ week: empty, statuses: weekStatuses(empty, NOW, calendar) }], pushed: {}, now: NOW });
    expect(result.written).toBe(0);
    expect(couch.requests).toEqual([]);

    await pushWeeks({ config, fetch: couch.fetch, weeks: [annaWeek(3)], pushed: {}, now: NOW });
    const doc = couch.docs.get(weekDocId('Anna', 'laptop-1', '2026-W48'))!;
    expect(weekFromDoc({ ...doc, rep: 'Boris' })).toBeUndefined();
  });
});
