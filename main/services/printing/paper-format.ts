// Numbers and dates for paper. Intl formats them for the locale and currency, then every kind of
// space Intl uses (no-break U+00A0, narrow no-break U+202F before "AM" and in groupings, thin U+2009)
// becomes a plain space: thermal printers' code pages lack most of them, and a space is what a
// customer reads anyway. Money goes to Intl as an exact decimal string, never through a float.
import type { Locale, Unit } from '../../../contract/common';
import { MILLI } from '../../../contract/common';
import { currencyDigits } from '../../domain/money';

const formatters = new Map<string, Intl.NumberFormat>();

/** Intl formatters are expensive to build and a receipt formats dozens of numbers: keep them. */
function numberFormat(key: string, locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, options);
    formatters.set(key, formatter);
  }
  return formatter;
}

const plainSpaces = (text: string): string => text.replace(/[\u00a0\u2007\u2009\u202f]/g, ' ');

/** `-123456` with 2 digits → "-1234.56". */
function scaledToDecimal(scaled: number, digits: number): Intl.StringNumericLiteral {
  const sign = scaled < 0 ? '-' : '';
  const magnitude = String(Math.abs(Math.trunc(scaled)));
  if (digits === 0) return `${sign}${magnitude}` as Intl.StringNumericLiteral;
  const padded = magnitude.padStart(digits + 1, '0');
  return `${sign}${padded.slice(0, -digits)}.${padded.slice(-digits)}` as Intl.StringNumericLiteral;
}

/** An amount in a column of amounts: the currency's decimals, the locale's separators, no symbol. */
export function paperAmount(minor: number, currency: string, locale: Locale): string {
  const digits = currencyDigits(currency);
  return plainSpaces(
    numberFormat(`amount|${locale}|${digits}`, locale, {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }).format(scaledToDecimal(minor, digits)),
  );
}

/**
 * The total, with the ISO code as its currency sign: "1 234,50 RUB", "CNY 56.80". Symbols such as
 * ₽ are in no receipt printer's code page, and a single currency code says it in every language.
 */
export function paperMoney(minor: number, currency: string, locale: Locale): string {
  return plainSpaces(
    numberFormat(`money|${locale}|${currency}`, locale, {
      style: 'currency',
      currency,
      currencyDisplay: 'code',
    }).format(scaledToDecimal(minor, currencyDigits(currency))),
  );
}

/** Pieces as whole numbers, kilograms with grams (3 decimals). */
export function paperQuantity(milli: number, unit: Unit, locale: Locale): string {
  if (unit === 'piece') {
    return plainSpaces(
      numberFormat(`pieces|${locale}`, locale, { maximumFractionDigits: 0 }).format(
        scaledToDecimal(Math.trunc(milli / MILLI), 0),
      ),
    );
  }
  return plainSpaces(
    numberFormat(`kg|${locale}`, locale, { minimumFractionDigits: 3, maximumFractionDigits: 3 }).format(
      scaledToDecimal(milli, 3),
    ),
  );
}

/** A tax rate in basis points: 2000 → "20 %" (ru), "20%" (en). */
export const paperRate = (rateBp: number, locale: Locale): string =>
  plainSpaces(
    numberFormat(`rate|${locale}`, locale, { style: 'percent', maximumFractionDigits: 2 }).format(
      scaledToDecimal(rateBp, 4),
    ),
  );

const dateFormatters = new Map<string, Intl.DateTimeFormat>();

/** Local date and time of the sale, in the store's time zone. */
export function paperDateTime(iso: string, locale: Locale, timeZone: string | undefined): string {
  const key = `${locale}|${timeZone ?? ''}`;
  let formatter = dateFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, {
      dateStyle: 'short',
      timeStyle: 'short',
      ...(timeZone && { timeZone }),
    });
    dateFormatters.set(key, formatter);
  }
  return plainSpaces(formatter.format(new Date(iso)));
}
