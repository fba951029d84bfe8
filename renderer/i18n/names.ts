import type { Locale, LocalizedNames } from '../../contract/common';

/** A product's name in the screen's language, else the store's, else whatever the catalogue has. */
export const localName = (names: LocalizedNames, uiLocale: Locale, storeLocale: Locale): string =>
  names[uiLocale] ?? names[storeLocale] ?? Object.values(names)[0] ?? '';
