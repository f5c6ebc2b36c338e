/**
 * How long recheck (the pure-JavaScript build Options runs in its worker) takes on every regex of
 * the shipped adapters and on known-bad patterns. `npm run bench:redos` (or `-- --bad` for the bad
 * patterns only). Figures move with the machine's load: compare them within one run.
 */
import { ADAPTERS } from '../lib/crm/adapters';
import { adapterRegexes } from '../lib/crm/adapter-regexes';
import { problemOf, RECHECK_PARAMS } from '../lib/crm/redos';
import { checkSync } from 'recheck/lib/browser.js';

const BAD = ['a*a*a*a*b', '.*.*.*=', '.*x.*x.*=', '(a+)+$', '^(a|a)*$'];

function time(source: string): { ms: number; verdict: string } {
  const start = performance.now();
  const diagnostics = checkSync(source, '', RECHECK_PARAMS);
  const ms = performance.now() - start;
  const problem = problemOf(diagnostics);
  const summary = diagnostics.status === 'unknown' ? diagnostics.error.kind : `${diagnostics.checker}, ${diagnostics.complexity.summary}`;
  return { ms, verdict: `${problem ? 'refused' : 'accepted'} (${summary})` };
}

checkSync('a', '', RECHECK_PARAMS); // loads and warms the checker
const rows: string[] = ['| Pattern | Where | recheck time | Verdict |', '|---|---|---|---|'];
const row = (source: string, where: string) => {
  const { ms, verdict } = time(source);
  rows.push(`| \`${source.replace(/\|/g, '\\|')}\` | ${where} | ${Math.round(ms)} ms | ${verdict} |`);
  return ms;
};
for (const source of BAD) row(source, 'known bad');
if (!process.argv.includes('--bad')) {
  const seen = new Map<string, string>();
  for (const adapter of ADAPTERS) for (const regex of adapterRegexes(adapter)) if (!seen.has(regex.source)) seen.set(regex.source, `${adapter.id}.${regex.path.join('.')}`);
  let total = 0;
  for (const [source, where] of seen) total += row(source, where);
  rows.push(`| all ${seen.size} distinct shipped regexes | | ${Math.round(total / 1000)} s | |`);
}
console.log(rows.join('\n'));
