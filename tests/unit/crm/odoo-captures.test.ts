import { beforeAll, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PageDetection } from '@/lib/background/page-detection';
import { odoo } from '@/lib/crm/adapters/odoo';
import { eventsForRecord, type RecordEvent } from '@/lib/crm/counting';
import type { DetectedRecord } from '@/lib/crm/record';
import { revenueAmount } from '@/lib/revenue/basis';
import { CAPTURED_ORIGIN, CAPTURES, answerOf, expectedCounts, paramsOf, replayPlan } from '@/tests/fixtures/odoo/captures';

// Every flow recorded on a real Odoo 18.0, replayed through the shipped adapter in the order it
// happened: requests and answers as recorded, URL changes as the page showed them. Flows that
// stayed on the previous flow's page (no URLs of their own) keep that page's memory.
const ORIGIN = 'https://acme.odoo.com';

/**
 * Replays every flow through the background's page detection, as a page forwards it: requests and
 * answers at once, URL changes a moment later (the page holds them back so a request about the
 * same record comes first). With `restarts`, every signal goes to a fresh instance sharing only
 * session storage, as after a stopped worker.
 */
async function replayAll(withTax: boolean, restarts = false) {
  fakeBrowser.reset();
  const counted = new Set<string>();
  const results: { flow: string; counts: Record<string, number>; revenue: number; records: DetectedRecord[] }[] = [];
  let pages = new PageDetection(fakeBrowser.storage.session);
  let pageUrl = `${ORIGIN}/odoo`;
  const read = async (signals: unknown[]) => {
    if (restarts) pages = new PageDetection(fakeBrowser.storage.session);
    return (await pages.read(1, signals, ORIGIN, async () => odoo)).records;
  };
  for (const flow of CAPTURES.flows) {
    // A flow with URLs of its own opened a new page; one without stayed on the previous flow's page.
    if (flow.urls.length > 0) await pages.start(1, odoo);
    const records: DetectedRecord[] = [];
    const routes: unknown[] = [];
    let rpcId = 0;
    for (const step of replayPlan(flow)) {
      if ('url' in step) {
        const next = ORIGIN + step.url;
        routes.push({ kind: 'route', from: pageUrl, to: next });
        pageUrl = next;
        continue;
      }
      const rpc = flow.rpc[step.rpc]!;
      rpcId += 1;
      const exchange = {
        method: 'POST',
        url: ORIGIN + rpc.url,
        status: rpc.status,
        requestBody: JSON.stringify({ id: rpcId, jsonrpc: '2.0', method: 'call', params: paramsOf(rpc) }),
        responseBody: JSON.stringify({ jsonrpc: '2.0', id: rpcId, ...answerOf(rpc) }),
      };
      records.push(...(await read([{ kind: 'exchange', exchange, pageUrl }])));
    }
    for (const route of routes) records.push(...(await read([route])));
    const counts: Record<string, number> = {};
    let revenue = 0;
    for (const record of records) {
      const priced = { ...record, ...revenueAmount(record, withTax) };
      for (const event of eventsForRecord(priced, odoo) as RecordEvent[]) {
        if (counted.has(event.key)) continue;
        counted.add(event.key);
        counts[event.kpi] = (counts[event.kpi] ?? 0) + 1;
        if (event.kpi === 'revenue') revenue += event.amount ?? 0;
      }
    }
    results.push({ flow: flow.name, counts, revenue, records });
  }
  return results;
}

describe('Odoo 18.0, real captures', () => {
  it('holds twelve flows recorded from a real 18.0 web client', () => {
    expect(CAPTURES.odoo.serie).toBe('18.0');
    expect(CAPTURED_ORIGIN).toMatch(/^http:\/\/127\.0\.0\.1:8069$/);
    expect(CAPTURES.flows).toHaveLength(12);
  });

  let results: Awaited<ReturnType<typeof replayAll>> = [];
  beforeAll(async () => {
    results = await replayAll(false);
  });
  for (const flow of CAPTURES.flows) {
    it(`${flow.name}: ${flow.expected}`, () => {
      const result = results.find((r) => r.flow === flow.name)!;
      expect(result.counts, JSON.stringify(result.records)).toEqual(expectedCounts(flow));
    });
  }

  it('counts revenue without tax by default: 2,500 + 1,250 + 1,250 from tax_totals', () => {
    const revenue = Object.fromEntries(results.filter((r) => r.revenue > 0).map((r) => [r.flow, r.revenue]));
    expect(revenue).toEqual({ 'quote-confirm': 2500, 'quote-confirm-unsaved': 1250, 'second-order': 1250 });
  });

  it('counts revenue with tax when the rep includes it', async () => {
    const revenue = Object.fromEntries((await replayAll(true)).filter((r) => r.revenue > 0).map((r) => [r.flow, r.revenue]));
    expect(revenue).toEqual({ 'quote-confirm': 2875, 'quote-confirm-unsaved': 1437.5, 'second-order': 1437.5 });
  });

  it('counts the same when the worker stops between every request: amounts read before a confirmation are kept', async () => {
    const restarted = await replayAll(false, true);
    expect(restarted.map((r) => [r.flow, r.counts, r.revenue])).toEqual(results.map((r) => [r.flow, r.counts, r.revenue]));
  });

  it('never invents a currency: Odoo 18 names it by id only', () => {
    const orders = results.flatMap((r) => r.records).filter((r) => r.kind === 'order');
    expect(orders.length).toBe(3);
    for (const order of orders) expect(order.currency).toBeUndefined();
  });

  it('makes the company an account (company_type "company", no is_company sent)', () => {
    const company = results.find((r) => r.flow === 'company-email')!;
    const sent = CAPTURES.flows.find((f) => f.name === 'company-email')!.rpc.find((r) => r.method === 'web_save')!.request!;
    expect(JSON.stringify(sent)).toContain('"company_type":"company"');
    expect((sent.args as unknown[])[1]).not.toHaveProperty('is_company');
    expect(company.records.map((r) => [r.kind, r.recordId])).toEqual([['account', '10']]);
  });

  it('links each counted record to its page on the site', () => {
    const quote = results.find((r) => r.flow === 'quote-save')!.records.find((r) => r.kind === 'quote')!;
    expect(quote.url).toBe(`${ORIGIN}/odoo/sales/1`);
  });
});
