import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PageDetection } from '@/lib/background/page-detection';
import { validateAdapter, type AdapterSpec } from '@/lib/crm/adapter-schema';
import { eventsForRecord } from '@/lib/crm/counting';
import type { DetectedRecord } from '@/lib/crm/record';
import { RecordingSchema, type Recording } from '@/tests/fixtures/teach-recordings/recording';

/**
 * The recorded saves of the dealers' own fixture apps (tests/fixtures/teach-recordings), replayed
 * through the adapter a power user wrote by hand for each app, as the page would forward them:
 * every fetch/XHR exchange with the page it came from (beacons never reach the page hook), then
 * the URL change the save made. The e2e suite (own-apps.e2e.ts) does the same in Chromium.
 */
const RECORDINGS = new URL('../../fixtures/teach-recordings/', import.meta.url);
const APPS = ['copyco-crm', 'printhaus-office', 'tonerline-app'] as const;

function load(name: string): Recording {
  return RecordingSchema.parse(JSON.parse(readFileSync(new URL(name, RECORDINGS), 'utf8')));
}

function adapterOf(app: string): AdapterSpec {
  const checked = validateAdapter(JSON.parse(readFileSync(new URL(`../../fixtures/${app}/adapter.json`, import.meta.url), 'utf8')));
  if (!checked.ok) throw new Error(`${app}/adapter.json: ${checked.errors.join('; ')}`);
  return checked.adapter;
}

async function replay(recording: Recording, adapter: AdapterSpec): Promise<{ records: DetectedRecord[]; counts: Record<string, number>; revenue: { amount: number; currency?: string } }> {
  fakeBrowser.reset();
  const pages = new PageDetection(fakeBrowser.storage.session);
  await pages.start(1, adapter);
  const read = async (signal: unknown) => (await pages.read(1, [signal], recording.origin, async () => adapter)).records;
  const records: DetectedRecord[] = [];
  for (const { via, at: _at, ms: _ms, pageUrl, pageUrlAfter: _after, queued: _queued, ...exchange } of recording.exchanges) {
    if (via === 'beacon') continue;
    records.push(...(await read({ kind: 'exchange', exchange, pageUrl })));
  }
  if (recording.page.before !== recording.page.after) {
    // What the create form's email input held, as the page reports it with the URL change.
    records.push(...(await read({ kind: 'route', from: recording.page.before, to: recording.page.after, hasEmail: recording.typed.email !== undefined })));
  }
  const counts: Record<string, number> = {};
  const keys = new Set<string>();
  const revenue: { amount: number; currency?: string } = { amount: 0 };
  for (const record of records) {
    for (const event of eventsForRecord(record, adapter)) {
      if (keys.has(event.key)) continue;
      keys.add(event.key);
      counts[event.kpi] = (counts[event.kpi] ?? 0) + 1;
      if (event.kpi === 'revenue') {
        revenue.amount += event.amount ?? 0;
        revenue.currency = event.currency;
      }
    }
  }
  return { records, counts, revenue };
}

describe('recordings of the own fixture apps', () => {
  it('hold seven flows per app, each a valid recording', () => {
    const files = readdirSync(RECORDINGS).filter((f) => f.endsWith('.json'));
    expect(files.sort()).toEqual(APPS.flatMap((app) => ['create', 'edit', 'failed', 'failed-missing-name', 'no-email', 'order', 'quote'].map((flow) => `${app}-${flow}.json`)).sort());
  });

  for (const app of APPS) {
    describe(app, () => {
      it('a create among the noise: start-up reads, polling before and after, a beacon, a second POST after the save', () => {
        const recording = load(`${app}-create.json`);
        const { exchanges, save } = recording;
        const before = exchanges.slice(0, save.index);
        const after = exchanges.slice(save.index + 1);
        expect(before.filter((e) => e.method === 'GET').length).toBeGreaterThanOrEqual(12);
        expect(before.filter((e) => e.via !== 'beacon').length).toBeGreaterThanOrEqual(14);
        expect(exchanges.some((e) => e.via === 'beacon')).toBe(true);
        expect(after.some((e) => e.method !== 'GET' && e.via !== 'beacon')).toBe(true);
        // The same request (method and URL) appears before and after the save: the poll.
        const key = (e: (typeof exchanges)[number]) => `${e.method} ${new URL(e.url).pathname}`;
        expect(after.some((e) => before.some((b) => key(b) === key(e) && e.at - b.at >= 1000))).toBe(true);
        expect(exchanges.map((e) => e.at)).toEqual([...exchanges.map((e) => e.at)].sort((a, b) => a - b));
        expect(save.recordId).toBeDefined();
        expect(recording.page.after).toContain(save.recordId);
        expect(exchanges[save.index]!.requestBody).toContain(recording.typed.email);
      });

      it('counts the contact created with an email, once', async () => {
        const recording = load(`${app}-create.json`);
        const { counts, records } = await replay(recording, adapterOf(app));
        expect(counts).toEqual({ contacts: 1 });
        expect(new Set(records.map((r) => r.recordId))).toEqual(new Set([recording.save.recordId]));
      });

      it('counts nothing for an edit, a failed save, a required field left empty, or a contact without email', async () => {
        for (const flow of ['edit', 'failed', 'failed-missing-name', 'no-email']) {
          const recording = load(`${app}-${flow}.json`);
          const { counts, records } = await replay(recording, adapterOf(app));
          expect(counts, `${flow}: ${JSON.stringify(records)}`).toEqual({});
          if (flow === 'no-email') expect(records.every((r) => r.hasEmail === false && r.recordId === recording.save.recordId)).toBe(true);
          else expect(records, flow).toEqual([]);
        }
      });

      it('counts a quote as an e-quote with its amount, and an order as revenue of 1250.50 EUR', async () => {
        const quote = await replay(load(`${app}-quote.json`), adapterOf(app));
        expect(quote.counts).toEqual({ equotes: 1 });
        expect(quote.records.find((r) => r.rule?.endsWith('quote-create'))).toMatchObject({ kind: 'quote', amount: 1250.5, currency: 'EUR' });
        const order = await replay(load(`${app}-order.json`), adapterOf(app));
        // The order's customer is counted too: the first order of an account makes a new online customer.
        expect(order.counts).toEqual({ revenue: 1, ecustomers: 1 });
        expect(order.revenue).toEqual({ amount: 1250.5, currency: 'EUR' });
      });
    });
  }
});
