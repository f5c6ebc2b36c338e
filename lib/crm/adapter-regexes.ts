import type { AdapterInput, Condition } from './adapter-schema';

/** One regular expression of an adapter and the field it sits in (`network.0.url`). */
export interface AdapterRegex {
  path: (string | number)[];
  source: string;
}

const READ_FIELDS = ['recordId', 'object', 'email', 'amount', 'currency', 'accountId', 'status'] as const;
const CONDITION_LISTS = ['when', 'createIf', 'successIf'] as const;

/**
 * Every regular expression an adapter holds, with the field it is in, in the order they appear:
 * route path/search/hash, network rule URLs, `regex` of every source, `matches`/`notMatches`
 * condition values, DOM rule record regexes and page groups. The ReDoS check walks this list.
 */
export function adapterRegexes(adapter: AdapterInput): AdapterRegex[] {
  const found: AdapterRegex[] = [];
  const add = (source: unknown, path: (string | number)[]) => {
    if (typeof source === 'string') found.push({ path, source });
  };
  (adapter.routes ?? []).forEach((route, i) => {
    for (const part of ['path', 'search', 'hash'] as const) add(route[part], ['routes', i, part]);
  });
  (adapter.network ?? []).forEach((rule, i) => {
    add(rule.url, ['network', i, 'url']);
    for (const field of READ_FIELDS) {
      (rule.read[field] ?? []).forEach((source, j) => add(source.regex, ['network', i, 'read', field, j, 'regex']));
    }
    for (const list of CONDITION_LISTS) {
      (rule[list] ?? []).forEach((condition: Condition, j) => {
        if (condition.op === 'matches' || condition.op === 'notMatches') add(condition.value, ['network', i, list, j, 'value']);
      });
    }
  });
  (adapter.dom ?? []).forEach((rule, i) => {
    if (rule.recordFrom.from === 'element') add(rule.recordFrom.regex, ['dom', i, 'recordFrom', 'regex']);
  });
  (adapter.pageGroups ?? []).forEach((source, i) => add(source, ['pageGroups', i]));
  return found;
}
