// What a cashier types becomes an integer by string arithmetic: "12,5" kg is 12500 milli, never 12.499999.
import type { Unit } from '../../contract/common';
import { MAX_MINOR_UNITS, MAX_QUANTITY_MILLI, MILLI } from '../../contract/common';
import { currencyDigits } from './format';

const groupingSpaces = /[\s\u00a0\u202f']/g;
const decimal = /^(\d*)(?:[.,](\d*))?$/;

/** "1 234,5" with 2 digits → 123450; null when it is not a plain non-negative number with at most `digits` decimals. */
export function parseScaled(text: string, digits: number): number | null {
  const match = decimal.exec(text.replace(groupingSpaces, ''));
  if (!match) return null;
  const whole = match[1] ?? '';
  const fraction = match[2] ?? '';
  if (whole === '' && fraction === '') return null;
  if (fraction.length > digits) return null;
  const value = Number(`${whole}${fraction.padEnd(digits, '0')}` || '0');
  return Number.isSafeInteger(value) ? value : null;
}

export function parseMoney(text: string, currency: string): number | null {
  const minor = parseScaled(text, currencyDigits(currency));
  return minor !== null && minor <= MAX_MINOR_UNITS ? minor : null;
}

/** A positive quantity in thousandths: whole pieces, or kilograms with up to 3 decimals. */
export function parseQuantity(text: string, unit: Unit): number | null {
  const milli =
    unit === 'piece' ? mapNullable(parseScaled(text, 0), (pieces) => pieces * MILLI) : parseScaled(text, 3);
  return milli !== null && milli > 0 && milli <= MAX_QUANTITY_MILLI ? milli : null;
}

const mapNullable = <T, U>(value: T | null, map: (value: T) => U): U | null =>
  value === null ? null : map(value);
