import type { ReactNode } from 'react';
import { useEffect, useMemo, useState } from 'react';
import type { Locale } from '../../contract/common';
import { catalogues } from './catalogues';
import type { I18n } from './context';
import { I18nContext } from './context';
import { formatDateTime, formatMoney, formatQuantity, formatRate } from './format';
import { isLocale } from './locales';
import { localName } from './names';
import { createTranslator, deviceProblemText, errorText } from './translate';

const storageKey = 'omnitill.locale';

function storedLocale(): Locale | null {
  const value = localStorage.getItem(storageKey);
  return isLocale(value) ? value : null;
}

/** The screen's language: the cashier's last choice on this till, else the store's own. */
export function I18nProvider({ storeLocale, children }: { storeLocale: Locale | null; children: ReactNode }) {
  const [chosen, setChosen] = useState<Locale | null>(storedLocale);
  const locale: Locale = chosen ?? storeLocale ?? 'en';
  const fallbackLocale: Locale = storeLocale ?? locale;

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const i18n = useMemo<I18n>(() => {
    const messages = catalogues[locale];
    return {
      locale,
      setLocale: (next) => {
        localStorage.setItem(storageKey, next);
        setChosen(next);
      },
      t: createTranslator(locale, messages),
      errorText: (error) => errorText(messages, error),
      deviceProblem: (problem) => deviceProblemText(messages, problem),
      money: (minor, currency) => formatMoney(minor, currency, locale),
      quantity: (milli, unit) => formatQuantity(milli, unit, locale),
      rate: (rateBp) => formatRate(rateBp, locale),
      dateTime: (iso) => formatDateTime(iso, locale),
      productName: (names) => localName(names, locale, fallbackLocale),
    };
  }, [locale, fallbackLocale]);

  return <I18nContext value={i18n}>{children}</I18nContext>;
}
