// Loyalty and gift cards are recognised by the number ranges the retailer issues them in
// (scanner.loyaltyCards / scanner.giftCards in the config). Shared with the magnetic-stripe reader.
import type { CardNumberRange } from '../../contract/config';
import { hasValidGtinCheckDigit } from './gtin';
import { luhnValid } from './payment-card';
import { err, ok } from './result';
import type { Result } from './result';

const inRange = (digits: string, range: CardNumberRange): boolean => {
  if (digits.length !== range.length) return false;
  const head = digits.slice(0, range.from.length);
  return head >= range.from && head <= range.to;
};

const checkHolds = (digits: string, check: CardNumberRange['check']): boolean =>
  check === 'gtin' ? hasValidGtinCheckDigit(digits) : check === 'luhn' ? luhnValid(digits) : true;

/**
 * The range a card number belongs to; a number in a range whose check digit fails is a misread, not
 * some other code. Null when no range claims the number.
 */
export function matchCardRange(
  digits: string,
  ranges: readonly CardNumberRange[],
): Result<CardNumberRange, { kind: 'check-digit' }> | null {
  if (!/^\d+$/.test(digits)) return null;
  const range = ranges.find((candidate) => inRange(digits, candidate));
  if (!range) return null;
  return checkHolds(digits, range.check) ? ok(range) : err({ kind: 'check-digit' });
}
