import type { ReactNode } from 'react';
import { useEffect, useMemo, useState } from 'react';
import type { Locale } from '../../contract/common';
import { catalogues } from './catalogues';
import type { I18n } from './context';
import { I18nContext } from './context';
import {
  formatCount,
  formatDate,
  formatDateTime,
  formatDaysAgo,
  formatMoment,
  formatMoney,
  formatQuantity,
  formatRate,
  formatShare,
} from './format';
import { isLocale } from './locales';
import { localName } from './names';
import { createTranslator, deviceProblemText, errorText, syncProblemText } from './translate';

const storageKey = 'omnitill.locale';

function storedLocale(): Locale | null {
  const value = localStorage.getItem(storageKey);
  return isLocale(value) ? value : null;
}

/** The screen's language: the cashier's last choice on this till, else the store's own. */
interface I18nProviderProps {
  storeLocale: Locale | null;
  /** Amounts in errors that do not name their currency are in the store's. */
  storeCurrency: string | null;
  children: ReactNode;
}

export function I18nProvider({ storeLocale, storeCurrency, children }: I18nProviderProps) {
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
      errorText: (error) =>
        errorText(messages, error, {
          money: (minor, currency) => formatMoney(minor, currency, locale),
          currency: storeCurrency,
        }),
      deviceProblem: (problem) => deviceProblemText(messages, problem),
      syncProblem: (code) => syncProblemText(messages, code),
      money: (minor, currency) => formatMoney(minor, currency, locale),
      quantity: (milli, unit) => formatQuantity(milli, unit, locale),
      rate: (rateBp) => formatRate(rateBp, locale),
      dateTime: (iso) => formatDateTime(iso, locale),
      moment: (iso, seconds) => formatMoment(iso, new Date(), locale, seconds),
      date: (iso) => formatDate(iso, locale),
      daysAgo: (days) => formatDaysAgo(days, locale),
      share: (share) => formatShare(share, locale),
      count: (count) => formatCount(count, locale),
      productName: (names) => localName(names, locale, fallbackLocale),
    };
  }, [locale, fallbackLocale, storeCurrency]);

  return <I18nContext value={i18n}>{children}</I18nContext>;
}
