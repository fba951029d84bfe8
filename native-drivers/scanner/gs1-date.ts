// GS1 dates are YYMMDD (GS1 General Specifications §7.12). DD = 00 means "no day given" and, for an
// expiry, the end of that month. The century is not in the data: §7.12 picks it relative to today.

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * Whether YYMMDD names a real day (or a month, with DD 00). Without a century, February 29 is taken
 * as valid when YY is divisible by four: true for every year §7.12 can resolve to (1951–2149),
 * except 2100.
 */
export function isValidGs1Date(yymmdd: string): boolean {
  if (!/^\d{6}$/.test(yymmdd)) return false;
  const yy = Number(yymmdd.slice(0, 2));
  const month = Number(yymmdd.slice(2, 4));
  const day = Number(yymmdd.slice(4, 6));
  if (month < 1 || month > 12) return false;
  return day <= daysInMonth(yy % 4 === 0 ? 2000 : 2001, month);
}

/** YYMMDDHHMM (AI 7003): a valid date with hours 00–23 and minutes 00–59. */
export function isValidGs1DateTime(text: string): boolean {
  if (!/^\d{10}$/.test(text) || !isValidGs1Date(text.slice(0, 6))) return false;
  return Number(text.slice(6, 8)) <= 23 && Number(text.slice(8, 10)) <= 59;
}

/** The four-digit year of YY, as §7.12 decides it: within 49 years ahead or 50 years behind `today`. */
export function gs1Year(yy: number, today: Date): number {
  const year = today.getUTCFullYear();
  const century = year - (year % 100);
  const difference = yy - (year % 100);
  if (difference >= 51) return century - 100 + yy;
  if (difference <= -50) return century + 100 + yy;
  return century + yy;
}

/** The calendar day of a valid YYMMDD as "YYYY-MM-DD"; DD 00 becomes the month's last day. */
export function gs1DateToIso(yymmdd: string, today: Date): string {
  const year = gs1Year(Number(yymmdd.slice(0, 2)), today);
  const month = Number(yymmdd.slice(2, 4));
  const day = Number(yymmdd.slice(4, 6)) || daysInMonth(year, month);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
