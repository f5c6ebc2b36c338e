import { describe, expect, it } from 'vitest';
import type { AdapterInput } from '@/lib/crm/adapter-schema';
import { adapterRegexes } from '@/lib/crm/adapter-regexes';
import { adapterRedosIssues, redosIssueText, redosProblem } from '@/lib/crm/redos';

// recheck's pure-JavaScript build, the one Options ships; it takes seconds per pattern on a busy machine.
const SLOW = 120_000;

describe('recheck verdicts', () => {
  it.each([
    ['a*a*a*a*b', { kind: 'polynomial', degree: 5 }],
    ['.*.*.*=', { kind: 'polynomial', degree: 4 }],
    // Shapes the structural guard cannot see: separated repeats still multiply.
    ['.*x.*x.*=', { kind: 'polynomial' }],
    ['(a+)+$', { kind: 'exponential' }],
    ['^(a|a)*$', { kind: 'exponential' }],
  ])('refuses %s', (source, expected) => {
    expect(redosProblem(source)).toMatchObject(expected);
  }, SLOW);

  it.each(['^/contacts/(?<id>\\d+)$', '/api/contacts$', '\\d+\\.\\d+'])(
    'accepts %s (linear, or quadratic on the capped input)',
    (source) => {
      expect(redosProblem(source)).toBeNull();
    },
    SLOW,
  );
});

const adapter: AdapterInput = {
  id: 'my-crm',
  name: 'My CRM',
  hosts: ['https://crm.dealer.example/*'],
  kinds: { contact: { kpis: ['contacts'] } },
  routes: [{ id: 'page', kind: 'contact', type: 'record', path: '^/contacts/(?<id>\\d+)$', search: '^\\?tab=(?<tab>\\w+)$', testUrls: ['https://crm.dealer.example/contacts/1'] }],
  network: [
    {
      id: 'create',
      methods: ['POST'],
      url: '/api/.*.*.*=',
      format: 'json',
      kind: 'contact',
      when: [{ from: 'url', group: 'x', op: 'matches', value: '^v\\d$' }],
      read: { recordId: [{ from: 'response', path: 'id', regex: '^(?<v>\\d+)$' }] },
    },
  ],
  dom: [{ id: 'toast', selector: '.toast', recordFrom: { from: 'element', attribute: 'href', regex: '/c/(?<id>\\d+)' } }],
  pageGroups: ['^/p/(?<portal>\\d+)'],
};

describe('an adapter’s regexes', () => {
  it('lists every regex field with its path', () => {
    expect(adapterRegexes(adapter).map((r) => r.path.join('.'))).toEqual([
      'routes.0.path',
      'routes.0.search',
      'network.0.url',
      'network.0.read.recordId.0.regex',
      'network.0.when.0.value',
      'dom.0.recordFrom.regex',
      'pageGroups.0',
    ]);
  });

  it('names the field of the dangerous pattern and only that one', () => {
    const issues = adapterRedosIssues(adapter);
    expect(issues).toEqual([{ path: ['network', 0, 'url'], source: '/api/.*.*.*=', problem: { kind: 'polynomial', degree: 4 } }]);
    expect(redosIssueText(issues[0]!)).toMatch(/^network\.0\.url: this pattern can freeze the CRM page: .* power 4/);
  }, SLOW);
});
