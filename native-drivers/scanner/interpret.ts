// What a scan means to the till, whatever device it came from: a product (GTIN, in-store weight or
// price label, GS1 element string), one of the retailer's cards, a coupon, a member QR, a receipt,
// or a payment card to refuse. Pure: the rules come from the config, "today" from the scan's time.
//
// Order matters and each step says why it sits where it does:
// 1. a typed or wedged code that is a valid EAN/UPC is read as that symbology;
// 2. EAN/UPC symbols, whose check digit the scanner verified (a failure is a misread): the retailer's
//    EAN-13 cards, coupons, in-store labels, GTINs — they cannot be payment cards;
// 3. payment cards, before any step that could echo a card number back as an "unknown code";
// 4. the till's own formats (receipts, member QR), which no product code can look like;
// 5. GS1 element strings declared as such (symbology id, FNC1, GS in the data);
// 6. digits: the retailer's card ranges, GS1 led by AI 01, coupons, then GTINs;
// 7. GS1 with a configured GS stand-in, coupons by pattern; anything else is an 'unknown' code for
//    the catalogue to try.
import type { EmbeddedBarcodeRule, ScannerSettings } from '../../contract/config';
import { splitAimPrefix } from './aim';
import { matchCardRange } from './card-ranges';
import { decodeEmbedded } from './embedded';
import type { EmbeddedCode } from './embedded';
import { GS, parseGs1 } from './gs1';
import type { Gs1Error, Gs1ElementString } from './gs1';
import { gs1Product } from './gs1-product';
import type { Gs1Product } from './gs1-product';
import { catalogueGtin, expandUpcE, hasValidGtinCheckDigit } from './gtin';
import { guessSymbology } from './guess';
import { findPaymentCard } from './payment-card';
import type { PaymentScheme } from './payment-card';
import { err, ok } from './result';
import type { Result } from './result';
import type { ScanEvent, Symbology } from './types';

export interface ScanRules {
  embeddedBarcodes: readonly EmbeddedBarcodeRule[];
  scanner: Pick<
    ScannerSettings,
    'loyaltyCards' | 'giftCards' | 'couponPatterns' | 'memberQrPatterns' | 'gs1Separator'
  >;
  /** Regular expressions of the till's receipt numbers; main/domain/receipt.ts owns the format. */
  receiptPatterns: { sale: string; return: string };
}

export type ScanMeaning =
  | { kind: 'product'; via: 'gtin'; gtin: string; symbology: Symbology; addOn: string | null }
  | ({ kind: 'product'; via: 'embedded' } & EmbeddedCode)
  | ({ kind: 'product'; via: 'gs1' } & Gs1Product)
  | { kind: 'loyalty-card'; number: string }
  | { kind: 'gift-card'; number: string }
  | { kind: 'coupon'; code: string }
  | { kind: 'member'; memberId: string; signature: string }
  | { kind: 'receipt'; receiptNo: string; isReturn: boolean }
  /** Refuse: "use the payment terminal". Never carries the number, only its last four digits. */
  | { kind: 'payment-card'; scheme: PaymentScheme; masked: string }
  | { kind: 'unknown'; code: string };

export type ScanInterpretError =
  /** A misread or mistyped number: its GS1 check digit does not hold. */
  | { kind: 'check-digit'; code: string; symbology: Symbology }
  | { kind: 'format'; reason: 'empty' | 'too-long' | 'control-character' | 'not-digits' | 'length' }
  | { kind: 'gs1'; error: Gs1Error };

export type ScanInterpretation = Result<ScanMeaning, ScanInterpretError>;

export type ScanInput = Pick<ScanEvent, 'data' | 'symbology' | 'aim' | 'at'>;

/** Longer than any real label (QR: 2,953 bytes); a bound on work per scan. */
const MAX_SCAN_CHARS = 4096;

const EAN_FAMILY: ReadonlySet<Symbology> = new Set(['ean13', 'upca', 'upce', 'ean8']);
const GS1_SYMBOLOGIES: ReadonlySet<Symbology> = new Set([
  'gs1-128',
  'gs1-datamatrix',
  'gs1-qr',
  'gs1-databar',
]);
const GS1_AIMS: ReadonlySet<string> = new Set([']C1', ']d2', ']d5', ']Q3', ']Q4', ']e0', ']e1', ']e2']);
/** Lengths read as a GTIN (EAN-8, UPC-A, EAN-13); GTIN-14 only from ITF-14 (below). */
const GTIN_SCAN_LENGTHS: ReadonlySet<number> = new Set([8, 12, 13]);

const compiled = new Map<string, RegExp>();
function regex(source: string): RegExp {
  let found = compiled.get(source);
  if (!found) {
    found = new RegExp(source);
    compiled.set(source, found);
  }
  return found;
}

const isDigits = (text: string) => /^\d+$/.test(text);

function formatProblem(data: string): 'empty' | 'too-long' | 'control-character' | null {
  if (data.length === 0) return 'empty';
  if (data.length > MAX_SCAN_CHARS) return 'too-long';
  // GS is data in GS1 codes; every other control character is line noise or a misprogrammed scanner.
  for (let i = 0; i < data.length; i++) {
    const code = data.charCodeAt(i);
    if (code === 0x1d) continue;
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return 'control-character';
  }
  return null;
}

/**
 * A 12–14 digit number whose GS1 check digit holds is read as a GTIN even when it also passes Luhn
 * with a payment IIN: the two checks agree by chance one time in ten, and Russian (460–469) and
 * Chinese (690–699) EAN-13s sit in the Visa and Maestro ranges. 13-digit Visa numbers are retired.
 */
const readsAsGtin = (data: string) =>
  isDigits(data) && data.length >= 12 && data.length <= 14 && hasValidGtinCheckDigit(data);

const checkDigitError = (code: string, symbology: Symbology): ScanInterpretation =>
  err({ kind: 'check-digit', code, symbology });

export function interpretScan(scan: ScanInput, rules: ScanRules): ScanInterpretation {
  // Framing leftovers (CR, LF, a pasted space) are not part of any code; GS at the ends is kept.
  const data = scan.data.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
  const problem = formatProblem(data);
  if (problem) return err({ kind: 'format', reason: problem });
  // Typed or wedged codes come without a symbology: a valid EAN/UPC is read as one (UPC-E expanded).
  if (scan.symbology === 'unknown') {
    const guessed = guessSymbology(data);
    if (guessed !== 'unknown') return interpretScan({ ...scan, data, symbology: guessed }, rules);
  }

  // An add-on read on its own (a periodical's issue number) names no product.
  if (scan.symbology === 'ean-addon') return ok({ kind: 'unknown', code: data });
  if (EAN_FAMILY.has(scan.symbology)) return fromEanSymbol(data, scan, rules);

  const card = findPaymentCard(data);
  if (card && !readsAsGtin(data)) return ok({ kind: 'payment-card', ...card });

  if (regex(rules.receiptPatterns.sale).test(data))
    return ok({ kind: 'receipt', receiptNo: data, isReturn: false });
  if (regex(rules.receiptPatterns.return).test(data))
    return ok({ kind: 'receipt', receiptNo: data, isReturn: true });
  for (const pattern of rules.scanner.memberQrPatterns) {
    const groups = regex(pattern).exec(data)?.groups;
    if (groups?.id && groups.sig) return ok({ kind: 'member', memberId: groups.id, signature: groups.sig });
  }

  if (declaresGs1(data, scan.symbology)) {
    const parsed = parseGs1(data, gs1Options(rules));
    return parsed.ok ? fromGs1(parsed.value, scan) : gs1Error(parsed.error, data, scan.symbology);
  }
  if (isDigits(data)) return fromDigits(data, scan, rules, null);
  return tentativeGs1(data, scan, rules) ?? couponOrUnknown(data, rules);
}

function fromEanSymbol(data: string, scan: ScanInput, rules: ScanRules): ScanInterpretation {
  if (!isDigits(data)) return err({ kind: 'format', reason: 'not-digits' });
  let main = data;
  let addOn: string | null = null;
  // ]E3: the main symbol (always in its 13-digit form) and a 2- or 5-digit add-on in one message.
  if (scan.aim === ']E3' && (data.length === 15 || data.length === 18)) {
    main = data.slice(0, 13);
    addOn = data.slice(13);
  }
  if (scan.symbology === 'upce' && main.length <= 8) {
    const upcA = expandUpcE(main);
    if (!upcA.ok) {
      return upcA.error.kind === 'check-digit'
        ? checkDigitError(data, scan.symbology)
        : err({ kind: 'format', reason: 'length' });
    }
    main = upcA.value;
  }
  if (!GTIN_SCAN_LENGTHS.has(main.length)) return err({ kind: 'format', reason: 'length' });
  if (!hasValidGtinCheckDigit(main)) return checkDigitError(data, scan.symbology);
  return fromDigits(main, scan, rules, addOn);
}

function fromDigits(
  digits: string,
  scan: ScanInput,
  rules: ScanRules,
  addOn: string | null,
): ScanInterpretation {
  for (const [ranges, kind] of [
    [rules.scanner.loyaltyCards, 'loyalty-card'],
    [rules.scanner.giftCards, 'gift-card'],
  ] as const) {
    const match = matchCardRange(digits, ranges);
    if (match?.ok) return ok({ kind, number: digits });
    if (match) return checkDigitError(digits, scan.symbology);
  }
  // A GS1 element string read without its symbology id and with no variable field to need a GS,
  // e.g. a GS1 DataBar through a wedge: 01 + GTIN-14 [+ 17 + date …].
  if (digits.length >= 16 && digits.startsWith('01')) {
    const tentative = tentativeGs1(digits, scan, rules);
    if (tentative) return tentative;
  }
  // Scanned EAN/UPC symbols and numbers of those lengths typed or wedged in must carry a valid
  // check digit; from other symbologies (Code 128, QR …) such a number may be an internal code.
  const enforced = EAN_FAMILY.has(scan.symbology) || scan.symbology === 'unknown';
  const gtinLength =
    GTIN_SCAN_LENGTHS.has(digits.length) || (digits.length === 14 && scan.symbology === 'itf');
  const validGtin = gtinLength && hasValidGtinCheckDigit(digits);
  if (gtinLength && !validGtin && enforced) return checkDigitError(digits, scan.symbology);

  const coupon = rules.scanner.couponPatterns.some((pattern) => regex(pattern).test(digits));
  if (coupon && (!gtinLength || validGtin)) return ok({ kind: 'coupon', code: digits });
  if (!validGtin) return ok({ kind: 'unknown', code: digits });

  const embedded = decodeEmbedded(digits, rules.embeddedBarcodes);
  if (embedded) return ok({ kind: 'product', via: 'embedded', ...embedded });
  return ok({ kind: 'product', via: 'gtin', gtin: catalogueGtin(digits), symbology: scan.symbology, addOn });
}

const gs1Options = (rules: ScanRules) => ({
  separators: rules.scanner.gs1Separator ? [rules.scanner.gs1Separator] : [],
});

function declaresGs1(data: string, symbology: Symbology): boolean {
  if (GS1_SYMBOLOGIES.has(symbology) || data.includes(GS)) return true;
  const aim = splitAimPrefix(data)?.aim;
  return aim !== undefined && GS1_AIMS.has(aim);
}

/**
 * GS1 that announces itself by nothing but its shape: a configured GS stand-in, or a GTIN in AI 01
 * at the start. Null when it does not parse — then it was some other code after all.
 */
function tentativeGs1(data: string, scan: ScanInput, rules: ScanRules): ScanInterpretation | null {
  const separator = rules.scanner.gs1Separator;
  const shaped =
    /^01\d{14}/.test(data) || (separator !== null && /^\d\d/.test(data) && data.includes(separator));
  if (!shaped) return null;
  const parsed = parseGs1(data, gs1Options(rules));
  if (!parsed.ok) return null;
  return fromGs1(parsed.value, scan);
}

function fromGs1(parsed: Gs1ElementString, scan: ScanInput): ScanInterpretation {
  const product = gs1Product(parsed, new Date(scan.at));
  if (product) return ok({ kind: 'product', via: 'gs1', ...product });
  // AI 255: a GS1 coupon (Global Coupon Number).
  if (parsed.elements.some((element) => element.ai === '255'))
    return ok({ kind: 'coupon', code: parsed.raw });
  return ok({ kind: 'unknown', code: parsed.raw });
}

function gs1Error(error: Gs1Error, data: string, symbology: Symbology): ScanInterpretation {
  return error.kind === 'check-digit' ? checkDigitError(data, symbology) : err({ kind: 'gs1', error });
}

function couponOrUnknown(data: string, rules: ScanRules): ScanInterpretation {
  const coupon = rules.scanner.couponPatterns.some((pattern) => regex(pattern).test(data));
  return ok(coupon ? { kind: 'coupon', code: data } : { kind: 'unknown', code: data });
}
