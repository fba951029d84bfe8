// Card numbers for tests: payment test PANs that pass Luhn in each scheme's IIN range (never real
// cards), and loyalty/gift numbers in the demo store's ranges.
import { ScannerSettings } from '../../contract/config';
import { gtinCheckDigit } from '../scanner/gtin';
import { luhnValid } from '../scanner/payment-card';
import type { CardRanges } from './swipe';

/** Appends the digit that makes `body` pass Luhn. */
export function withLuhnDigit(body: string): string {
  for (let digit = 0; digit <= 9; digit++) {
    if (luhnValid(`${body}${digit}`)) return `${body}${digit}`;
  }
  throw new Error('unreachable: one of ten digits always completes a Luhn number');
}

export const withGtinDigit = (body: string): string => `${body}${gtinCheckDigit(body)}`;

/** Published scheme test numbers and made-up ones in each range. */
export const paymentPans = {
  visa: '4111111111111111',
  mastercard: '5555555555554444',
  mastercard2: withLuhnDigit('222300312200322'),
  mir: withLuhnDigit('220000000000000'),
  mir19: withLuhnDigit('220412345678901234'),
  amex: '378282246310005',
  jcb: withLuhnDigit('353011133330000'),
  unionpay: withLuhnDigit('620000000000000000'),
  maestro: withLuhnDigit('67590000000000'),
} as const;

/** The demo store's ranges: EAN-13 loyalty cards 27…, gift cards 26… (contract/config.ts defaults). */
export const demoRanges: CardRanges = ScannerSettings.parse({});

export const loyaltyNumber = withGtinDigit('270012345678');
export const giftNumber = withGtinDigit('260000000042');
