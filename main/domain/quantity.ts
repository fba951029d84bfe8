// Quantities are integers in thousandths of the selling unit: 1 piece = 1000, 455 g of a kg item = 455.
import { MAX_QUANTITY_MILLI, MILLI, fail, ok } from '../../contract/common';
import type { PosError, Result, Unit } from '../../contract/common';

export type QuantityProblem = 'zero' | 'negative' | 'fractional' | 'too_large' | 'not_integer' | 'format';

function badQuantity(
  reason: QuantityProblem,
  message: string,
  params: Record<string, number> = {},
): { ok: false; error: PosError } {
  return fail('BAD_QUANTITY', message, { reason, ...params });
}

/** A quantity a line may carry: positive, at most 9,999 units, whole for piece items. */
export function validateQuantity(unit: Unit, quantityMilli: number): Result<number> {
  if (!Number.isInteger(quantityMilli)) {
    return badQuantity('not_integer', `Quantity must be a whole number of thousandths, got ${quantityMilli}`);
  }
  if (quantityMilli < 0) return badQuantity('negative', 'Quantity must not be negative');
  if (quantityMilli === 0) return badQuantity('zero', 'Quantity must not be zero');
  if (quantityMilli > MAX_QUANTITY_MILLI) {
    return badQuantity('too_large', `Quantity exceeds ${MAX_QUANTITY_MILLI / MILLI} units`, {
      max: MAX_QUANTITY_MILLI / MILLI,
    });
  }
  if (unit === 'piece' && quantityMilli % MILLI !== 0) {
    return badQuantity('fractional', 'Piece items are sold in whole pieces');
  }
  return ok(quantityMilli);
}

// A keypad leaves "2." or ".5" behind as readily as "2.0"; both are unambiguous. The comma is the
// decimal separator of the Russian keypad, never a thousands separator here.
const KEYPAD_DECIMAL = /^(\d*)(?:[.,](\d*))?$/;

/**
 * Keypad text to thousandths by string arithmetic, so "0.455" is exactly 455 and never 454.99…
 * Range checks are validateQuantity's job, except values too large to hold exactly.
 */
export function parseQuantity(text: string): Result<number> {
  const match = KEYPAD_DECIMAL.exec(text.trim());
  const whole = match?.[1] ?? '';
  const fraction = match?.[2] ?? '';
  if (!match || (whole === '' && fraction === '') || fraction.length > 3) {
    return badQuantity('format', `Not a quantity with at most 3 decimals: "${text}"`);
  }
  const milli = Number(whole || '0') * MILLI + Number(fraction.padEnd(3, '0'));
  if (!Number.isSafeInteger(milli)) {
    return badQuantity('too_large', `Quantity exceeds ${MAX_QUANTITY_MILLI / MILLI} units`, {
      max: MAX_QUANTITY_MILLI / MILLI,
    });
  }
  return ok(milli);
}
