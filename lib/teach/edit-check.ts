import { validateAdapter, type AdapterInput, type Condition } from '@/lib/crm/adapter-schema';
import { isObject, readRequest } from './bodies';
import { DISCRIMINATORS, requestIdPaths } from './generalise';
import type { TeachProposal } from './propose';
import type { TaughtExchange } from './recording';
import { detectTaught } from './detect';
import { walk } from './find';

/**
 * The optional second lesson: the rep edits the record once, and the edit's exchanges show
 * whether the taught rule would count an edit as a new record. If it would, the rule is narrowed
 * by what tells the two apart — the edit names the record's id where the create has none, or a
 * field such as `action` differs — and kept only if the save still counts and the edit no longer does.
 */

type NetworkRule = NonNullable<AdapterInput['network']>[number];

export type EditCheck =
  /** The rule leaves the edit alone as it is. */
  | { verdict: 'ignored'; adapter: AdapterInput }
  /** It matched the edit; the narrowed rule does not, and still counts the save. */
  | { verdict: 'tightened'; adapter: AdapterInput; added: Condition[] }
  /** It matched the edit and nothing in the exchanges tells them apart. */
  | { verdict: 'cannot-tell'; adapter: AdapterInput };

function matchesOf(adapter: AdapterInput, ruleId: string, exchanges: readonly TaughtExchange[]): TaughtExchange[] {
  return exchanges.filter((exchange) =>
    detectTaught(adapter, exchange).some((record) => record.rule === ruleId),
  );
}

function withConditions(adapter: AdapterInput, ruleId: string, field: 'when' | 'createIf', added: Condition[]): AdapterInput {
  const copy = structuredClone(adapter);
  copy.network = (copy.network ?? []).map((rule: NetworkRule) => (rule.id === ruleId ? { ...rule, [field]: [...(rule[field] ?? []), ...added] } : rule));
  return copy;
}

const EMPTY = (value: unknown) => value === undefined || value === null || value === '' || value === 0 || (Array.isArray(value) && value.length === 0);

/** Narrowings worth trying, most specific first. */
function narrowings(create: unknown, edit: unknown, editId: string | undefined): Array<{ field: 'when' | 'createIf'; conditions: Condition[] }> {
  const options: Array<{ field: 'when' | 'createIf'; conditions: Condition[] }> = [];
  const createValues = new Map(walk(create).map((node) => [node.path, node.value]));
  // The edit names the record where the create left the place empty (an `id`, Odoo's `[[id], …]`).
  if (editId !== undefined) {
    for (const path of requestIdPaths(edit, editId)) {
      if (EMPTY(createValues.get(path))) options.push({ field: 'createIf', conditions: [{ from: 'request', path, op: 'empty' }] });
    }
  }
  // A top-level field says which call it is (`action: "create"` / `"update"`).
  if (isObject(create) && isObject(edit)) {
    for (const key of DISCRIMINATORS) {
      const value = create[key];
      if (typeof value !== 'string' || value.length > 200 || edit[key] === value) continue;
      options.push({ field: 'when', conditions: [{ from: 'request', path: key, op: 'eq', value }] });
    }
  }
  // Any id-named field that only the edit fills.
  for (const node of walk(edit)) {
    if (!/(^|_)id$|Id$/.test(node.key) || EMPTY(node.value) || !EMPTY(createValues.get(node.path)) || node.path === '') continue;
    options.push({ field: 'createIf', conditions: [{ from: 'request', path: node.path, op: 'empty' }] });
  }
  return options;
}

/** Whether the taught rule would count the edit, and the narrowed adapter when it can be told apart. */
export function checkEdit(proposal: TeachProposal, editWindow: readonly TaughtExchange[]): EditCheck {
  const { adapter, ruleId, candidate } = proposal;
  const matched = matchesOf(adapter, ruleId, editWindow);
  if (matched.length === 0) return { verdict: 'ignored', adapter };
  const edit = matched[0]!;
  const editRecord = detectTaught(adapter, edit).find((record) => record.rule === ruleId);
  const create = candidate.exchange;
  for (const option of narrowings(candidate.request, readRequest(edit.requestBody).value, editRecord?.recordId)) {
    const narrowed = withConditions(adapter, ruleId, option.field, option.conditions);
    if (!validateAdapter(narrowed).ok) continue;
    const stillCounts = matchesOf(narrowed, ruleId, [create]).length === 1;
    if (stillCounts && matchesOf(narrowed, ruleId, editWindow).length === 0) {
      return { verdict: 'tightened', adapter: narrowed, added: option.conditions };
    }
  }
  return { verdict: 'cannot-tell', adapter };
}
