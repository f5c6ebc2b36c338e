import { ADAPTERS } from '@/lib/crm/adapters';
import type { KpiDatabase } from '@/lib/db';
import type { Request } from '@/lib/messages/schemas';
import { loadRules, saveRules } from '@/lib/overrides/store';
import type { TeachProposal } from '@/lib/teach';
import { refuse, withChanges, type HandleResult, type HandlerDeps, type RequestOrigin } from './handle';
import { rulesWithTaught, teachBaseFor } from './teach-rules';
import type { TeachState } from './teach-sessions';

/** The teaching messages (extension pages only: a CRM page can neither open a window nor save a rule). */
export const TEACH_REQUESTS = new Set<Request['type']>(['teach-start', 'teach-check', 'teach-save', 'teach-cancel']);
export type TeachRequest = Extract<Request, { type: 'teach-start' | 'teach-check' | 'teach-save' | 'teach-cancel' }>;

/** Refusals the views put in words (teach_error_*). */
export const TEACH_ERRORS = {
  noTab: 'teach-no-tab',
  notRead: 'teach-not-read',
  nothingToSave: 'teach-nothing-to-save',
  noProposal: 'teach-no-proposal',
} as const;

/** What a view gets of a proposal: the rule and the record, never the exchange's bodies. */
export function proposalView(proposal: TeachProposal) {
  return {
    adapter: proposal.adapter,
    rule: proposal.adapter.network?.find((rule) => rule.id === proposal.ruleId),
    route: proposal.adapter.routes?.find((route) => route.id === `${proposal.ruleId}-page` || proposal.companions?.some((id) => route.id === `${id}-page`)),
    /** The rules taught with it: the save an order's confirmation reads its amount from, the message naming a record. */
    companions: proposal.adapter.network?.filter((rule) => proposal.companions?.includes(rule.id)) ?? [],
    dom: proposal.adapter.dom?.filter((rule) => proposal.dom?.includes(rule.id)) ?? [],
    summary: proposal.summary,
    record: proposal.record,
    events: proposal.events,
    missing: proposal.missing,
  };
}
export type ProposalView = ReturnType<typeof proposalView>;

function stateView(state: TeachState) {
  switch (state.state) {
    case 'proposal':
    case 'saved':
      return { state: state.state, proposal: proposalView(state.proposal) };
    case 'edit-checked': {
      const rule = state.check.adapter.network?.find((r) => r.id === state.proposal.ruleId);
      return { state: state.state, verdict: state.check.verdict, proposal: proposalView(state.proposal), ...(rule && { rule }) };
    }
    default:
      return state;
  }
}

export async function carryOutTeach(database: KpiDatabase, request: TeachRequest, deps: HandlerDeps, origin: RequestOrigin): Promise<HandleResult> {
  const tabId = request.tabId ?? origin.tabId;
  const teach = deps.teach;
  if (tabId === undefined || !teach || !deps.askTab) return refuse(TEACH_ERRORS.noTab);
  const askTab = deps.askTab;
  const setWindow = (open: boolean) => askTab(tabId, { type: 'teach-window', open }).then(
    () => true,
    () => false,
  );
  const now = deps.now();
  switch (request.type) {
    case 'teach-start': {
      // The tab's own content script answers only where KPI Pacer reads the page.
      const pageUrl = await askTab(tabId, { type: 'get-page-url' }).catch(() => null);
      if (typeof pageUrl !== 'string') return refuse(TEACH_ERRORS.notRead);
      let endsAt: number | undefined;
      if (request.step === 'edit') {
        endsAt = teach.startEdit(tabId, now);
        if (endsAt === undefined) return refuse(TEACH_ERRORS.noProposal);
      } else {
        if (!request.intent) return refuse(TEACH_ERRORS.noProposal);
        const base = teachBaseFor(await loadRules(database), pageUrl, ADAPTERS);
        endsAt = teach.start(tabId, request.intent, base, pageUrl, now);
      }
      if (!(await setWindow(true))) {
        teach.forget(tabId);
        return refuse(TEACH_ERRORS.notRead);
      }
      return { response: { ok: true, data: { endsAt } } };
    }
    case 'teach-check': {
      const state = teach.check(tabId, now);
      if (state.state !== 'waiting' && state.state !== 'none') await setWindow(false);
      // A narrowed rule replaces the saved one at once: the edit must not count from now on.
      const pageUrl = teach.pageUrl(tabId);
      if (state.state === 'edit-checked' && state.fresh && state.check.verdict === 'tightened' && pageUrl) {
        await saveRules(database, rulesWithTaught(await loadRules(database), state.check.adapter, pageUrl));
        return withChanges(stateView(state), [], []);
      }
      return { response: { ok: true, data: stateView(state) } };
    }
    case 'teach-save': {
      const adapter = teach.adapterToSave(tabId);
      const pageUrl = teach.pageUrl(tabId);
      if (!adapter || !pageUrl) return refuse(TEACH_ERRORS.nothingToSave);
      const saved = await saveRules(database, rulesWithTaught(await loadRules(database), adapter, pageUrl));
      teach.markSaved(tabId);
      return withChanges({ adapterId: adapter.id, rules: saved }, [], []);
    }
    case 'teach-cancel': {
      teach.forget(tabId);
      await setWindow(false);
      return { response: { ok: true, data: null } };
    }
  }
}
