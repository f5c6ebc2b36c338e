import type { AdapterInput } from '@/lib/crm/adapter-schema';
import type { AdapterRedosIssue } from '@/lib/crm/redos';
import type { Translate } from '@/lib/i18n/messages';

/**
 * One plain sentence per dangerous pattern, naming the adapter and the exact field (as it is
 * written in the JSON, after `prefix`, e.g. `rules.adapters.0.` for a settings file).
 */
export function redosLines(t: Translate, adapters: readonly AdapterInput[], issues: readonly AdapterRedosIssue[][], prefix: (index: number) => string = () => ''): string[] {
  return issues.flatMap((list, index) =>
    list.map((issue) => {
      const growth =
        issue.problem.kind === 'exponential'
          ? t('options_redosExponential')
          : issue.problem.kind === 'polynomial'
            ? t('options_redosPolynomial', String(issue.problem.degree))
            : t('options_redosUnchecked');
      return t('options_redosIssue', [adapters[index]?.name ?? '', `${prefix(index)}${issue.path.join('.')}`, growth]);
    }),
  );
}
