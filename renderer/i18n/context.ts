import { createContext, useContext } from 'react';
import type { Locale, LocalizedNames, PosError, Unit } from '../../contract/common';
import type { Translate } from './translate';

export interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  t: Translate;
  errorText(error: Pick<PosError, 'code' | 'params'>): string;
  /** A device problem code (as in DeviceSnapshot or a print job) in words. */
  deviceProblem(problem: string): string;
  /** The code of the link to HQ's last problem (SyncStatus `lastError.code`) in words for staff. */
  syncProblem(code: string): string;
  money(minor: number, currency: string): string;
  quantity(milli: number, unit: Unit): string;
  rate(rateBp: number): string;
  dateTime(iso: string): string;
  /** A moment of today as its time (HH:MM, or HH:MM:SS with `seconds`); of another day with its date. */
  moment(iso: string, seconds?: boolean): string;
  /** A day without the time. */
  date(iso: string): string;
  /** "16 days ago", "yesterday". */
  daysAgo(days: number): string;
  /** A share from 0 to 1 as a percentage. */
  share(share: number): string;
  /** A whole number with grouping. */
  count(count: number): string;
  productName(names: LocalizedNames): string;
}

export const I18nContext = createContext<I18n | null>(null);

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside <I18nProvider>');
  return i18n;
}
