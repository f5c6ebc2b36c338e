import type { AdapterSpec, Condition } from '@/lib/crm/adapter-schema';
import { explainExchange, type Exchange, type RuleMiss } from '@/lib/crm/engine';
import { formatMoney, formatNumber } from '@/lib/i18n/format';
import type { Translate } from '@/lib/i18n/messages';

/** What the rep pasted into the rule tester, as typed. */
export interface TesterInput {
  method: string;
  url: string;
  requestBody: string;
  status: string;
  responseHeaders: string;
  responseBody: string;
}

/** `Name: value` lines (as copied from the browser's network panel) → lower-case header names. */
export function parseHeaderLines(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*([A-Za-z0-9-]{1,64})\s*:\s*(.*?)\s*$/.exec(line);
    if (m) headers[m[1]!.toLowerCase()] = m[2]!;
  }
  return headers;
}

/** The pasted sample as the exchange a CRM page would forward, or the problem with it. */
export function exchangeFromInput(input: TesterInput): { ok: true; exchange: Exchange } | { ok: false; problem: 'url' | 'status' } {
  try {
    if (!/^https?:$/.test(new URL(input.url.trim()).protocol)) return { ok: false, problem: 'url' };
  } catch {
    return { ok: false, problem: 'url' };
  }
  const status = Number(input.status.trim());
  if (!Number.isInteger(status) || status < 100 || status > 599) return { ok: false, problem: 'status' };
  const exchange: Exchange = { method: input.method, url: input.url.trim(), status, responseHeaders: parseHeaderLines(input.responseHeaders) };
  if (input.requestBody !== '') exchange.requestBody = input.requestBody;
  if (input.responseBody !== '') exchange.responseBody = input.responseBody;
  return { ok: true, exchange };
}

/** One line of the tester's answer; `counted` lines say what would count, the others why not. */
export interface TesterLine {
  counted: boolean;
  text: string;
}

const shown = (value: unknown): string => {
  const text = value === undefined ? '' : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
};

/** A condition as the rep wrote it, short: `request method eq "partner.create"`. */
function conditionText(condition: Condition): string {
  const where = condition.from === 'header' ? `header ${condition.header}` : condition.from === 'url' ? `url group ${condition.group}` : `${condition.from} ${condition.path === '' ? "''" : condition.path}`;
  return [where, condition.op, condition.value === undefined ? '' : shown(condition.value)].filter(Boolean).join(' ');
}

const SIMPLE_MISS_KEYS = {
  'not-named': 'tester_miss_notNamed',
  status: 'tester_miss_status',
  'format-failure': 'tester_miss_formatFailure',
  'no-items': 'tester_miss_noItems',
  'no-kind': 'tester_miss_noKind',
  'observe-only': 'tester_miss_observeOnly',
} as const;

function missLine(t: Translate, adapter: AdapterSpec, ruleId: string, miss: RuleMiss): string {
  const rule = adapter.network.find((r) => r.id === ruleId)!;
  const item = 'item' in miss && miss.item !== undefined ? t('tester_item', String(miss.item + 1)) : '';
  switch (miss.reason) {
    case 'when':
    case 'createIf':
    case 'successIf': {
      const found = miss.found.length === 0 ? t('tester_foundNothing') : miss.found.map(shown).join(', ');
      return `${item}${t(`tester_miss_${miss.reason}`, [ruleId, String(miss.condition + 1), conditionText(rule[miss.reason][miss.condition]!), found])}`;
    }
    case 'no-record-id': {
      const paths = rule.read.recordId.map((s) => (s.from === 'header' ? `header ${s.header}` : s.from === 'url' ? `url ${s.group ?? s.regex}` : `${s.from} ${s.path === '' ? "''" : s.path}`)).join(', ');
      const list = miss.value !== null && typeof miss.value === 'object';
      return `${item}${t(list ? 'tester_miss_idList' : 'tester_miss_noId', [ruleId, paths, shown(miss.value)])}`;
    }
    case 'status-not-in':
      return `${item}${t('tester_miss_statusIn', [ruleId, miss.value ?? t('tester_foundNothing'), (rule.statusIn ?? []).join(', ')])}`;
    default:
      return t(SIMPLE_MISS_KEYS[miss.reason], ruleId);
  }
}

/** The tester's answer in the rep's words: what each rule would count, or why nothing would be. */
export function testerLines(t: Translate, locale: string, adapter: AdapterSpec, exchange: Exchange): TesterLine[] {
  const explained = explainExchange(adapter, exchange);
  const lines: TesterLine[] = [];
  if (!explained.onHosts) lines.push({ counted: false, text: t('tester_offHosts') });
  if (explained.rules.length === 0) {
    lines.push({ counted: false, text: t('tester_noRule', [exchange.method, exchange.url]) });
    return lines;
  }
  for (const verdict of explained.rules) {
    for (const { record, kpis } of verdict.counted) {
      const parts = [t('tester_counted', [verdict.ruleId, record.kind, record.recordId])];
      if (record.hasEmail !== undefined) parts.push(t(record.hasEmail ? 'tester_emailYes' : 'tester_emailNo'));
      if (record.amount !== undefined) {
        parts.push(t('tester_amount', record.currency ? formatMoney(record.amount, record.currency, locale) : formatNumber(record.amount, locale, 2)));
      }
      parts.push(kpis.length > 0 ? t('tester_kpis', kpis.map((kpi) => t(`kpi_${kpi}`)).join(', ')) : t('tester_noKpi'));
      lines.push({ counted: true, text: parts.join(' ') });
    }
    for (const miss of verdict.misses) lines.push({ counted: false, text: missLine(t, adapter, verdict.ruleId, miss) });
  }
  return lines;
}
