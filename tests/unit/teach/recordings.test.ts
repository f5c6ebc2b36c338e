import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateAdapter } from '@/lib/crm/adapter-schema';
import { eventsForRecord } from '@/lib/crm/counting';
import { detectFromExchange } from '@/lib/crm/engine';
import { checkEdit, proposeRule, rankCandidates, type TaughtExchange, type TeachIntent, type TeachProposal } from '@/lib/teach';
import { RecordingSchema, type Recording } from '@/tests/fixtures/teach-recordings/recording';

// Saves recorded in the three fixture apps (REST JSON, JSON-RPC, GraphQL), each among the
// page's polling, beacons, autosaves and the activity POST that follows the save.
const APPS = ['copyco-crm', 'printhaus-office', 'tonerline-app'] as const;

function recording(app: string, flow: string): Recording {
  return RecordingSchema.parse(JSON.parse(readFileSync(new URL(`../../fixtures/teach-recordings/${app}-${flow}.json`, import.meta.url), 'utf8')));
}

/** The window teach mode would have: what the hook sees (fetch and XHR; beacons have no answer). */
function windowOf(rec: Recording): TaughtExchange[] {
  return rec.exchanges.map(({ via: _via, at, ms, pageUrl, pageUrlAfter, queued: _queued, ...exchange }) => ({
    ...exchange,
    at: at + ms,
    pageUrlBefore: pageUrl,
    pageUrlAfter,
  }));
}

function propose(app: string, flow: string, intent: TeachIntent): TeachProposal {
  const outcome = proposeRule(windowOf(recording(app, flow)), intent);
  if (!outcome.ok) throw new Error(`${app}-${flow}: ${outcome.reason}`);
  return outcome.proposal;
}

/** What the proposed adapter counts in a whole recorded flow. */
function countedIn(proposal: TeachProposal, app: string, flow: string) {
  return windowOf(recording(app, flow))
    .flatMap((exchange) => detectFromExchange(proposal.adapter, exchange, { pageUrl: exchange.pageUrlBefore }))
    .flatMap((record) => eventsForRecord(record, proposal.adapter));
}

describe.each(APPS)('teaching %s from its recorded saves', (app) => {
  it('a contact with the typed email: the save is the recorded one, the rule is valid, the record is the engine\'s', () => {
    const rec = recording(app, 'create');
    const ranked = rankCandidates(windowOf(rec), { kind: 'contact', email: rec.typed.email });
    expect(ranked[0]?.exchange).toMatchObject({ url: rec.exchanges[rec.save.index]!.url, requestBody: rec.exchanges[rec.save.index]!.requestBody });
    const proposal = propose(app, 'create', { kind: 'contact', email: rec.typed.email });
    expect(validateAdapter(proposal.adapter).ok).toBe(true);
    expect(proposal.record).toMatchObject({ kind: 'contact', recordId: rec.save.recordId, hasEmail: true });
    expect(proposal.events.map((e) => e.kpi)).toEqual(['contacts']);
    // Without the typed email the same save is found.
    expect(propose(app, 'create', { kind: 'contact' }).record.recordId).toBe(rec.save.recordId);
  });

  it('the taught rule counts the create once, and nothing in the edit, the failed saves or the contact without email', () => {
    const proposal = propose(app, 'create', { kind: 'contact', email: recording(app, 'create').typed.email });
    expect(countedIn(proposal, app, 'create')).toHaveLength(1);
    for (const flow of ['edit', 'failed', 'failed-missing-name', 'no-email']) expect(countedIn(proposal, app, flow), flow).toEqual([]);
    expect(checkEdit(proposal, windowOf(recording(app, 'edit'))).verdict).toBe('ignored');
  });

  it('a quote and an order with the typed amount: id, amount and currency', () => {
    for (const kind of ['quote', 'order'] as const) {
      const rec = recording(app, kind);
      const proposal = propose(app, kind, { kind, amount: Number(rec.typed.amount) });
      expect(proposal.record, kind).toMatchObject({ kind, recordId: rec.save.recordId });
      if (kind === 'order') {
        expect(proposal.events).toEqual([expect.objectContaining({ kpi: 'revenue', amount: 1250.5, currency: 'EUR' })]);
      } else {
        expect(proposal.events.map((e) => e.kpi)).toEqual(['equotes']);
      }
      // A contact save is not a quote or an order.
      expect(countedIn(proposal, app, 'create'), kind).toEqual([]);
    }
  });
});
