// Money is an integer of minor units; it becomes a decimal string by moving the point, never by
// dividing a float, and Intl formats that string exactly.
import type { Locale, Unit } from '../../contract/common';
import { MILLI } from '../../contract/common';

const formatters = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const cacheKey = `${locale}|${JSON.stringify(options)}`;
  let formatter = formatters.get(cacheKey);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, options);
    formatters.set(cacheKey, formatter);
  }
  return formatter;
}

/** Digits after the decimal point for a currency, as Intl knows them (RUB 2, JPY 0). */
export const currencyDigits = (currency: string): number =>
  numberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;

/** `-123456` with 2 digits → `"-1234.56"`. */
export function scaledToDecimal(scaled: number, digits: number): Intl.StringNumericLiteral {
  const sign = scaled < 0 ? '-' : '';
  const magnitude = String(Math.abs(Math.trunc(scaled)));
  if (digits === 0) return `${sign}${magnitude}` as Intl.StringNumericLiteral;
  const padded = magnitude.padStart(digits + 1, '0');
  return `${sign}${padded.slice(0, -digits)}.${padded.slice(-digits)}` as Intl.StringNumericLiteral;
}

export const formatMoney = (minor: number, currency: string, locale: Locale): string =>
  numberFormat(locale, { style: 'currency', currency }).format(
    scaledToDecimal(minor, currencyDigits(currency)),
  );

/** Pieces as whole numbers, kilograms always with grams (3 decimals). */
export function formatQuantity(milli: number, unit: Unit, locale: Locale): string {
  if (unit === 'piece') {
    return numberFormat(locale, { maximumFractionDigits: 0 }).format(
      scaledToDecimal(Math.trunc(milli / MILLI), 0),
    );
  }
  return numberFormat(locale, { minimumFractionDigits: 3, maximumFractionDigits: 3 }).format(
    scaledToDecimal(milli, 3),
  );
}

/** A tax rate in basis points as a percentage: 2000 → "20%", 1000 → "10%", 1250 → "12.5%". */
export const formatRate = (rateBp: number, locale: Locale): string =>
  numberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(scaledToDecimal(rateBp, 4));

export const formatDateTime = (iso: string, locale: Locale): string =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));

/** An amount taken off (a discount), with a true minus sign whatever the locale writes for negatives. */
export const minus = (formatted: string): string => `−${formatted}`;

/** A day without the time: purchase dates, coupon expiry, notes. */
export const formatDate = (iso: string, locale: Locale): string =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(iso));

const dayMs = 86_400_000;

/** Whole days from `iso` to `now` (0 the same day or in the future), by the clock, not the calendar. */
export const elapsedDays = (iso: string, now: Date): number =>
  Math.max(0, Math.floor((now.getTime() - new Date(iso).getTime()) / dayMs));

/** "16 days ago", "yesterday", "today" in the locale's own words. */
export const formatDaysAgo = (days: number, locale: Locale): string =>
  new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(-days, 'day');

/** A share from 0 to 1 as a whole percentage: 0.375 → "38%". */
export const formatShare = (share: number, locale: Locale): string =>
  numberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(share);

/** A whole number with the locale's grouping: 12 345 points. */
export const formatCount = (count: number, locale: Locale): string =>
  numberFormat(locale, { maximumFractionDigits: 0 }).format(count);

export const formatClock = (date: Date, locale: Locale): string =>
  new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(date);

/**
 * A moment as the till's clock shows it: the time alone on the day of `now` (HH:MM, with seconds
 * when asked), else with its day and month too, and its year when that differs. A till offline
 * since 18:04 yesterday must not read as offline for a few minutes.
 */
export function formatMoment(iso: string, now: Date, locale: Locale, seconds = false): string {
  const date = new Date(iso);
  const time: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' };
  if (seconds) time.second = '2-digit';
  if (date.toDateString() === now.toDateString()) return new Intl.DateTimeFormat(locale, time).format(date);
  const day: Intl.DateTimeFormatOptions = { ...time, day: 'numeric', month: 'short' };
  if (date.getFullYear() !== now.getFullYear()) day.year = 'numeric';
  return new Intl.DateTimeFormat(locale, day).format(date);
}

export const decimalSeparator = (locale: Locale): string =>
  numberFormat(locale, { minimumFractionDigits: 1 })
    .formatToParts(1.5)
    .find((part) => part.type === 'decimal')?.value ?? '.';

/** A value for an input the cashier edits: no grouping, the locale's decimal mark, no trailing zeros lost. */
export function editableDecimal(scaled: number, digits: number, locale: Locale): string {
  const text = scaledToDecimal(scaled, digits);
  return digits === 0 ? text : text.replace('.', decimalSeparator(locale));
}

export const editableMoney = (minor: number, currency: string, locale: Locale): string =>
  editableDecimal(minor, currencyDigits(currency), locale);

export function editableQuantity(milli: number, unit: Unit, locale: Locale): string {
  if (unit === 'piece') return String(Math.trunc(milli / MILLI));
  return editableDecimal(milli, 3, locale);
}
