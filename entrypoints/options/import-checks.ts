import type { Translate } from '@/lib/i18n/messages';
import type { Rules } from '@/lib/overrides/schema';
import { isPublicSuffixPattern } from '@/lib/sites/own-domain';
import type { RedosChecker } from './redos-check';
import { hostPortLine } from './adapter-warnings-text';
import { redosLines } from './redos-text';

/**
 * The checks an imported settings file passes in Options on top of the schema (which the
 * background repeats): every adapter pattern through recheck, every own domain against the
 * Public Suffix List. Each problem is a sentence naming its field in the file; none means import.
 */
export async function importProblems(rules: Rules, t: Translate, checkRedos: RedosChecker): Promise<string[]> {
  const lines = rules.sites.flatMap((site, i) =>
    isPublicSuffixPattern(site.pattern) ? [t('options_importPublicSuffix', [`rules.sites.${i}.pattern`, site.pattern])] : [],
  );
  try {
    lines.push(...redosLines(t, rules.adapters, await checkRedos(rules.adapters), (i) => `rules.adapters.${i}.`));
  } catch {
    lines.push(t('options_redosTimeout'));
  }
  return lines;
}

const UNSAFE_SHAPE = /^(.+): unsafe or invalid regex: (?:nested unbounded repetition|unbounded repetition of an alternation|two unbounded repetitions in a row)/;

/**
 * The schema's lines (for an imported file, an adapter in the editor, a switched-off adapter), with
 * the ones about a pattern that could freeze the page or a host with a port said in the rep's
 * language (the field kept as written in the JSON); others stay as they are.
 */
export function plainSchemaErrors(lines: readonly string[], t: Translate): string[] {
  return lines.map((line) => {
    const field = UNSAFE_SHAPE.exec(line)?.[1];
    return field === undefined ? (hostPortLine(t, line) ?? line) : t('options_regexUnsafe', field);
  });
}
