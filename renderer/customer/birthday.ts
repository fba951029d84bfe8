// A birthday as the cashier types it, in the order of the screen's language (31.12.1990 in Russian,
// 12/31/1990 in English, 1990/12/31 in Chinese), and as main sends it back: a full date, or `--MM-DD`
// when the year is masked for the user's role.
import type { Locale } from '../../contract/common';

export type DateField = 'day' | 'month' | 'year';

/** The order of day, month and year in the locale's numeric dates. */
export function dateOrder(locale: Locale): DateField[] {
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(new Date(Date.UTC(2001, 11, 31)))
    .flatMap((part) =>
      part.type === 'day' || part.type === 'month' || part.type === 'year' ? [part.type] : [],
    );
}

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const SEPARATORS = /[\s./\-年月日]+/u;
const pad = (value: number) => String(value).padStart(2, '0');

/** `YYYY-MM-DD` for a real calendar day in a plausible lifetime, or null. */
function isoDate(year: number, month: number, day: number, today: Date): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  const real =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  if (!real || year < 1900 || date.getTime() > today.getTime()) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** The typed birthday as `YYYY-MM-DD` (what the contract takes), or null when it is not a past date. */
export function parseBirthday(text: string, locale: Locale, today: Date): string | null {
  const trimmed = text.trim();
  const iso = ISO.exec(trimmed);
  if (iso) return isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]), today);
  const parts = trimmed.split(SEPARATORS).filter(Boolean);
  if (parts.length !== 3 || parts.some((part) => !/^\d{1,4}$/.test(part))) return null;
  const fields = Object.fromEntries(dateOrder(locale).map((field, index) => [field, parts[index] ?? '']));
  const year = fields['year'] ?? '';
  if (year.length !== 4) return null;
  return isoDate(Number(year), Number(fields['month']), Number(fields['day']), today);
}

const MASKED = /^--(\d{2})-(\d{2})$/;

/** A birthday from a profile in words: "31 December 1990", or "31 December" when the year is masked. */
export function formatBirthday(value: string, locale: Locale): string {
  const masked = MASKED.exec(value);
  // A leap year, so a masked 29 February is still a day.
  const iso = masked ? `2000-${masked[1]}-${masked[2]}` : value;
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(locale, {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'long',
    ...(masked ? {} : { year: 'numeric' }),
  }).format(date);
}

/** A full birthday `YYYY-MM-DD` as the cashier would type it (31.12.1990 in Russian), for a form to edit. */
export function birthdayInputText(value: string, locale: Locale): string {
  const date = new Date(`${value}T00:00:00Z`);
  if (!ISO.test(value) || Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(locale, {
    timeZone: 'UTC',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(date);
}
