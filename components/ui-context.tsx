import { createContext, useContext } from 'react';
import type { Translate } from '@/lib/i18n/messages';

/**
 * What views need to speak the rep's language: a message lookup, the locale for Intl and the
 * rep's time zone. Provided by each page, so components never call browser APIs themselves.
 */
export interface UiText {
  t: Translate;
  locale: string;
  timeZone: string;
}

const showKey: Translate = (key) => key;

export const UiTextContext = createContext<UiText>({ t: showKey, locale: 'en', timeZone: 'UTC' });

export function useUiText(): UiText {
  return useContext(UiTextContext);
}
