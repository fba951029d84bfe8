// Recognises payment card numbers (PANs) so the till can refuse them: the till is not the payment
// application, and PCI DSS forbids it to keep a PAN. Callers get the scheme and a masked form only,
// never the number. Shared with native-drivers/card-reader (magnetic stripe) and scan interpretation.

export type PaymentScheme =
  'mir' | 'visa' | 'mastercard' | 'maestro' | 'unionpay' | 'discover' | 'amex' | 'jcb';

/** Luhn (ISO/IEC 7812-1 annex B) over all digits including the check digit. */
export function luhnValid(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

interface IinRange {
  scheme: PaymentScheme;
  /** Inclusive range of the number's first `from.length` digits. */
  from: string;
  to: string;
  lengths: readonly [min: number, max: number];
}

// Most specific first: the first match names the scheme. Lengths are the schemes' published ones;
// a number of another length is not that scheme's card.
const IIN_RANGES: readonly IinRange[] = [
  { scheme: 'mir', from: '2200', to: '2204', lengths: [16, 19] },
  { scheme: 'mastercard', from: '2221', to: '2720', lengths: [16, 16] },
  { scheme: 'amex', from: '34', to: '34', lengths: [15, 15] },
  { scheme: 'amex', from: '37', to: '37', lengths: [15, 15] },
  { scheme: 'jcb', from: '3528', to: '3589', lengths: [16, 19] },
  { scheme: 'visa', from: '4', to: '4', lengths: [13, 19] },
  { scheme: 'mastercard', from: '51', to: '55', lengths: [16, 16] },
  { scheme: 'maestro', from: '50', to: '50', lengths: [12, 19] },
  { scheme: 'maestro', from: '56', to: '58', lengths: [12, 19] },
  { scheme: 'discover', from: '6011', to: '6011', lengths: [16, 19] },
  { scheme: 'unionpay', from: '62', to: '62', lengths: [16, 19] },
  { scheme: 'discover', from: '644', to: '649', lengths: [16, 19] },
  { scheme: 'discover', from: '65', to: '65', lengths: [16, 19] },
  // The rest of 6 is Maestro and national schemes: refusing a stray loyalty number there is cheaper
  // than keeping one real card number.
  { scheme: 'maestro', from: '6', to: '6', lengths: [12, 19] },
];

/** The scheme of a Luhn-valid number of 12–19 digits in a payment IIN range, else null. */
export function paymentScheme(digits: string): PaymentScheme | null {
  if (!/^\d{12,19}$/.test(digits) || !luhnValid(digits)) return null;
  for (const range of IIN_RANGES) {
    const head = digits.slice(0, range.from.length);
    const [min, max] = range.lengths;
    if (head >= range.from && head <= range.to && digits.length >= min && digits.length <= max) {
      return range.scheme;
    }
  }
  return null;
}

/** The only form of a card number the till may show or log. */
export const maskPan = (digits: string): string => `•••• ${digits.slice(-4)}`;

export interface PaymentCardFound {
  scheme: PaymentScheme;
  masked: string;
}

// ISO/IEC 7813 track 1 (%B<PAN>^…) and track 2 (;<PAN>=…) as a keyboard-mode reader types them.
const TRACK_PAN = /(?:%B|^B|;|^)(\d{12,19})[=^]/;

/**
 * A payment card in scanned or swiped text: a bare PAN (spaces or dashes between groups allowed, as
 * printed on the card) or track data. The PAN itself never leaves this function.
 */
export function findPaymentCard(text: string): PaymentCardFound | null {
  const candidates: string[] = [];
  const track = TRACK_PAN.exec(text);
  if (track?.[1]) candidates.push(track[1]);
  if (/^\d[\d -]{10,30}\d$/.test(text)) candidates.push(text.replace(/[ -]/g, ''));
  for (const digits of candidates) {
    const scheme = paymentScheme(digits);
    if (scheme) return { scheme, masked: maskPan(digits) };
  }
  return null;
}
