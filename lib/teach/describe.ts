import type { Translate } from '@/lib/i18n/messages';
import type { ProposalSummary } from './propose';

/**
 * The proposal in the rep's words: "When you save a contact here — POST /rpc with method
 * partner.create — KPI Pacer will count a new contact #57." No rule ids or patterns.
 */

/** The kind as the rep named it: one of ours, or the name they gave a custom kind. */
export function kindLabel(kind: string, t: Translate, customName?: string): string {
  if (kind.startsWith('custom')) return customName?.trim() || t('teach_kind_custom');
  return t(`teach_kind_${kind}`);
}

/** The call in short: method, address, and its name where one endpoint serves many calls. */
export function describeCall(summary: ProposalSummary, t: Translate): string {
  const call = summary.call;
  if (!call) return t('teach_call_plain', [summary.method, summary.path]);
  return t(`teach_call_${call.type}`, [summary.method, summary.path, call.name]);
}

export function describeProposal(summary: ProposalSummary, t: Translate, customName?: string): string {
  return t('teach_proposal_sentence', [kindLabel(summary.kind, t, customName), describeCall(summary, t), summary.recordId]);
}
