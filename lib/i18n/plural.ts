import type { Translate } from './messages';

const rules = new Map<string, Intl.PluralRules>();

/**
 * A message with plural forms: `base_one`, `base_few`, `base_many`, `base_other` in every locale
 * file (Chrome's i18n has no plurals), the form picked by Intl.PluralRules for the rep's language.
 */
export function plural(t: Translate, locale: string, base: string, count: number, substitutions: readonly string[]): string {
  let rule = rules.get(locale);
  if (!rule) {
    rule = new Intl.PluralRules(locale);
    rules.set(locale, rule);
  }
  const category = rule.select(count);
  const key = `${base}_${category}`;
  const text = t(key, substitutions);
  // "zero" and "two" (not used by English or Russian) fall back to the general form.
  return text === key ? t(`${base}_other`, substitutions) : text;
}
