import type { Page, Response } from 'playwright-core';
import type { CountEvent } from '@/lib/db/events';
import type { FixtureSet } from './fixture-server';

/** KPIs a CRM flow can move (visitors is entered by hand, never detected). */
export const COUNTED_KPIS = ['contacts', 'equotes', 'ecustomers', 'devices', 'revenue'] as const;
export type CountedKpi = (typeof COUNTED_KPIS)[number];
export type KpiCounts = Partial<Record<CountedKpi, number>>;

/** One thing a rep does in a fake CRM, and what it should count. */
export interface Flow {
  name: string;
  /** Drives a fresh page from its first URL to the end of the flow, waiting for the page's outcome. */
  run: (page: Page) => Promise<void>;
  /** Runs on the page the previous flow left, as the rep carried on there (same page, same memory). */
  continues?: boolean;
  /** New events per KPI; KPIs left out must stay unchanged. */
  expect: KpiCounts;
  /** Sum of new revenue events. */
  expectRevenue?: { amount: number; currency: string };
  /** Repeats the end of the flow on the same page (client retry, re-render, toast again): must add nothing. */
  tail?: (page: Page) => Promise<void>;
}

export interface FixtureModule {
  fixtureSet: FixtureSet;
  flows: Flow[];
}

/** Clicks and waits for the page's own request to come back, so the outcome is on the page. */
export async function clickAndAwait(page: Page, testId: string, method: string, path: RegExp): Promise<Response> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === method && path.test(new URL(r.url()).pathname)),
    page.getByTestId(testId).click(),
  ]);
  return response;
}

/** Fills inputs by data-testid. */
export async function fillAll(page: Page, values: Record<string, string>): Promise<void> {
  for (const [testId, value] of Object.entries(values)) await page.getByTestId(testId).fill(value);
}

/** Waits for the fixture's status line to reach a state (e.g. after a failed save). */
export async function waitForStatus(page: Page, state: string): Promise<void> {
  await page.locator(`[data-testid="fixture-status"][data-state="${state}"]`).waitFor({ state: 'attached' });
}

/** Replays the page's last write request as a client retry; the fake server answers it identically. */
export async function replayLastSave(page: Page): Promise<void> {
  const seq = Number((await page.getByTestId('fixture-status').getAttribute('data-seq').catch(() => null)) ?? 0);
  await page.getByTestId('fixture-replay-last').click();
  await page.locator(`[data-testid="fixture-status"][data-state="replayed"][data-seq="${seq + 1}"]`).waitFor({ state: 'attached' });
}

export interface Tally {
  counts: Record<CountedKpi, number>;
  /** The new events themselves, so a failure can say which rule counted what. */
  added: CountEvent[];
  revenue: { amount: number; currency?: string; mixed: boolean };
}

/** Counts new events per KPI between two listings (events are identified by their unique key). */
export function tallyNewEvents(before: CountEvent[], after: CountEvent[]): Tally {
  const seen = new Set(before.map((e) => e.key));
  const counts = Object.fromEntries(COUNTED_KPIS.map((k) => [k, 0])) as Record<CountedKpi, number>;
  const revenue: Tally['revenue'] = { amount: 0, mixed: false };
  const added: CountEvent[] = [];
  for (const event of after) {
    if (seen.has(event.key)) continue;
    added.push(event);
    if ((COUNTED_KPIS as readonly string[]).includes(event.kpi)) counts[event.kpi as CountedKpi] += 1;
    if (event.kpi === 'revenue') {
      revenue.amount += event.amount ?? 0;
      if (revenue.currency && event.currency && revenue.currency !== event.currency) revenue.mixed = true;
      revenue.currency ??= event.currency;
    }
  }
  revenue.amount = Math.round(revenue.amount * 100) / 100;
  return { counts, added, revenue };
}

/** One line per new event for assertion messages: which KPI, key and rule. */
export function describeAdded(tally: Tally): string {
  if (tally.added.length === 0) return 'no new events';
  return 'new events: ' + tally.added.map((e) => `${e.kpi} ${e.key} (rule ${e.rule ?? '?'})`).join('; ');
}

/** Expected counts with every counted KPI filled in (missing ones are 0). */
export function fullExpectation(expect: KpiCounts): Record<CountedKpi, number> {
  return Object.fromEntries(COUNTED_KPIS.map((k) => [k, expect[k] ?? 0])) as Record<CountedKpi, number>;
}

export function totalOf(counts: KpiCounts): number {
  return COUNTED_KPIS.reduce((sum, k) => sum + (counts[k] ?? 0), 0);
}

export interface FlowResult {
  flow: string;
  expected: Record<CountedKpi, number>;
  counted: Record<CountedKpi, number>;
}

/** Missed = expected but not counted; extra = counted beyond what was expected (per KPI, summed). */
export function missedAndExtra(result: FlowResult): { missed: number; extra: number } {
  let missed = 0;
  let extra = 0;
  for (const k of COUNTED_KPIS) {
    const diff = result.counted[k] - result.expected[k];
    if (diff < 0) missed -= diff;
    else extra += diff;
  }
  return { missed, extra };
}

const SHORT: Record<CountedKpi, string> = { contacts: 'con', equotes: 'quo', ecustomers: 'cus', devices: 'dev', revenue: 'rev' };

function countsCell(counts: Record<CountedKpi, number>): string {
  const parts = COUNTED_KPIS.filter((k) => counts[k] > 0).map((k) => `${SHORT[k]} ${counts[k]}`);
  return parts.length ? parts.join(', ') : '-';
}

/** A plain-text table of one adapter's flows: expected, counted, missed, extra. */
export function formatResultsTable(adapter: string, results: FlowResult[]): string {
  const header = ['flow', 'expected', 'counted', 'missed', 'extra'];
  const rows = results.map((r) => {
    const { missed, extra } = missedAndExtra(r);
    return [r.flow, countsCell(r.expected), countsCell(r.counted), String(missed), String(extra)];
  });
  const sums = results.reduce(
    (acc, r) => {
      const { missed, extra } = missedAndExtra(r);
      return { expected: acc.expected + totalOf(r.expected), counted: acc.counted + totalOf(r.counted), missed: acc.missed + missed, extra: acc.extra + extra };
    },
    { expected: 0, counted: 0, missed: 0, extra: 0 },
  );
  const footer = [`${results.length} flows`, String(sums.expected), String(sums.counted), String(sums.missed), String(sums.extra)];
  const all = [header, ...rows, footer];
  const widths = header.map((_, i) => Math.max(...all.map((row) => row[i]!.length)));
  const line = (row: string[]) => row.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ');
  const rule = widths.map((w) => '-'.repeat(w)).join('-+-');
  return [`${adapter}`, line(header), rule, ...rows.map(line), rule, line(footer)].join('\n');
}
