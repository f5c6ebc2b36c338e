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

/** The kind with its article where the language has one ("an order"). */
function kindWithArticle(kind: string, t: Translate, customName?: string): string {
  if (kind.startsWith('custom')) return t('teach_kindArticle_custom', kindLabel(kind, t, customName));
  return t(`teach_kindArticle_${kind}`);
}

export function describeProposal(summary: ProposalSummary, t: Translate, customName?: string): string {
  const kind = kindLabel(summary.kind, t, customName);
  if (summary.confirm) {
    return t('teach_confirm_sentence', [kindWithArticle(summary.kind, t, customName), summary.confirm.link, kind, describeCall(summary, t), summary.recordId]);
  }
  if (summary.backToPage) return t('teach_back_sentence', [kind, describeCall(summary, t), summary.recordId]);
  return t('teach_proposal_sentence', [kind, describeCall(summary, t), summary.recordId]);
}

/** Where a confirmed record's amount comes from: the save that created it. */
export function describeConfirmSource(summary: ProposalSummary, t: Translate): string | undefined {
  const create = summary.confirm?.create;
  if (!create) return undefined;
  return t(create.reads.amount ? 'teach_confirm_amountFrom' : 'teach_confirm_createdBy', describeCall(create, t));
}
