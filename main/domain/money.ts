// Money in integer minor units (kopecks, cents, fen). A price times a quantity in thousandths reaches
// 10^12 × 9,999,000 ≈ 10^19, far past Number.MAX_SAFE_INTEGER (2^53 ≈ 9·10^15), so every
// multiply-then-divide runs in BigInt and only the final, capped amount comes back as a number.
import { MAX_MINOR_UNITS, MILLI, fail, ok } from '../../contract/common';
import type { PosError, Result } from '../../contract/common';

const MAX = BigInt(MAX_MINOR_UNITS);

/** Callers pass exact integers; anything else is a bug upstream, not a cashier's mistake. */
export function toBigInt(value: number, name: string): bigint {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${name} must be a safe integer, got ${value}`);
  return BigInt(value);
}

/**
 * Rounds half away from zero, the commercial rule of receipts and tax returns: 0.5 kopeck becomes 1
 * and −0.5 becomes −1, so a refund mirrors the sale it reverses.
 */
export function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  if (denominator < 0n) return divideHalfUp(-numerator, -denominator);
  const magnitude = numerator < 0n ? -numerator : numerator;
  const rounded = (2n * magnitude + denominator) / (2n * denominator);
  return numerator < 0n ? -rounded : rounded;
}

export function amountTooLarge(): { ok: false; error: PosError } {
  return fail('AMOUNT_TOO_LARGE', `Amount exceeds ${MAX_MINOR_UNITS} minor units`, { max: MAX_MINOR_UNITS });
}

const withinCap = (amount: bigint): boolean => amount <= MAX && amount >= -MAX;

/** Price of `quantityMilli` thousandths at `unitPriceMinor` per unit (piece or kg), rounded half-up. */
export function lineTotal(unitPriceMinor: number, quantityMilli: number): Result<number> {
  const price = toBigInt(unitPriceMinor, 'unitPriceMinor');
  const total = divideHalfUp(price * toBigInt(quantityMilli, 'quantityMilli'), BigInt(MILLI));
  if (!withinCap(price) || !withinCap(total)) return amountTooLarge();
  return ok(Number(total));
}

/** The share of `totalMinor` that `partMilli` of `wholeMilli` accounts for, rounded half-up. */
export function prorate(totalMinor: number, partMilli: number, wholeMilli: number): number {
  const whole = toBigInt(wholeMilli, 'wholeMilli');
  if (whole <= 0n) throw new RangeError(`wholeMilli must be positive, got ${wholeMilli}`);
  return Number(divideHalfUp(toBigInt(totalMinor, 'totalMinor') * toBigInt(partMilli, 'partMilli'), whole));
}

/**
 * Splits `totalMinor` in proportion to `weights` by the largest-remainder method, so the parts always
 * add up to the total to the kopeck. Ties in the remainder go to the earlier weight. When every weight
 * is zero the total is split evenly: the money must still land somewhere for the books to balance.
 */
export function allocate(totalMinor: number, weights: number[]): number[] {
  const total = toBigInt(totalMinor, 'totalMinor');
  if (weights.length === 0) {
    if (total === 0n) return [];
    throw new RangeError('cannot allocate a non-zero amount over no weights');
  }
  const given = weights.map((weight, i) => {
    const value = toBigInt(weight, `weights[${i}]`);
    if (value < 0n) throw new RangeError(`weights[${i}] must not be negative, got ${weight}`);
    return value;
  });
  const givenSum = given.reduce((sum, weight) => sum + weight, 0n);
  const shares = givenSum === 0n ? given.map(() => 1n) : given;
  const weightSum = givenSum === 0n ? BigInt(given.length) : givenSum;

  const sign = total < 0n ? -1n : 1n;
  const magnitude = total * sign;
  const parts = shares.map((weight) => (magnitude * weight) / weightSum);
  const remainders = shares.map((weight) => (magnitude * weight) % weightSum);
  let left = magnitude - parts.reduce((sum, part) => sum + part, 0n);
  const byRemainder = remainders
    .map((remainder, index) => ({ remainder, index }))
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const { index } of byRemainder) {
    if (left === 0n) break;
    parts[index] = (parts[index] ?? 0n) + 1n;
    left -= 1n;
  }
  return parts.map((part) => Number(part * sign));
}

/** Adds amounts exactly; every amount and the sum stay within ±MAX_MINOR_UNITS. */
export function sumMinor(values: number[]): Result<number> {
  let sum = 0n;
  for (const [i, value] of values.entries()) {
    const amount = toBigInt(value, `values[${i}]`);
    if (!withinCap(amount)) return amountTooLarge();
    sum += amount;
  }
  if (!withinCap(sum)) return amountTooLarge();
  return ok(Number(sum));
}

const digitsByCurrency = new Map<string, number>();

/** Digits after the decimal point of a currency, as Intl knows them (RUB 2, JPY 0). */
export function currencyDigits(currency: string): number {
  let digits = digitsByCurrency.get(currency);
  if (digits === undefined) {
    digits =
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2;
    digitsByCurrency.set(currency, digits);
  }
  return digits;
}

/**
 * A decimal amount (`units` with `decimals` digits after the point, as GS1 AI 392n carries it) in
 * the currency's minor units; null when it has more precision than the currency can charge.
 */
export function decimalToMinor(units: number, decimals: number, currency: string): number | null {
  const shift = currencyDigits(currency) - decimals;
  if (shift >= 0) return units * 10 ** shift;
  const divisor = 10 ** -shift;
  return units % divisor === 0 ? units / divisor : null;
}
