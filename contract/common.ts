// Shapes shared by every boundary: money, quantities, ids, locales and the error value.
import { z } from 'zod';

/** The largest amount of money Omnitill accepts anywhere, in minor units (10^12 kopecks = 10 bn roubles). */
export const MAX_MINOR_UNITS = 1_000_000_000_000;
/** Quantities are integers in thousandths: 1 piece = 1000, 0.455 kg = 455 (a gram). */
export const MILLI = 1000;
export const MAX_QUANTITY_MILLI = 9_999 * MILLI;

export const MinorUnits = z.number().int().min(-MAX_MINOR_UNITS).max(MAX_MINOR_UNITS);
export const NonNegativeMinorUnits = z.number().int().min(0).max(MAX_MINOR_UNITS);
export const CurrencyCode = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as RUB');
export const QuantityMilli = z.number().int();
export const Uuid = z.uuid();
export const IsoTimestamp = z.iso.datetime();

export const Locale = z.enum(['ru', 'en', 'zh-CN']);
export type Locale = z.infer<typeof Locale>;
/** Product and category names by locale; the store's own locale is always present. */
export const LocalizedNames = z.record(z.string(), z.string());
export type LocalizedNames = z.infer<typeof LocalizedNames>;

export const Unit = z.enum(['piece', 'kg']);
export type Unit = z.infer<typeof Unit>;

/** Tax rate in basis points: 2000 = 20 %. */
export const TaxRateBp = z.number().int().min(0).max(10_000);

export const ErrorCode = z.enum([
  // transport and contract
  'BAD_REQUEST',
  'UNKNOWN_METHOD',
  'INTERNAL',
  // session
  'NOT_LOGGED_IN',
  'FORBIDDEN',
  'BAD_PIN',
  'LOCKED_OUT',
  // cart
  'INVALID_BARCODE',
  'UNKNOWN_BARCODE',
  'BAD_QUANTITY',
  'AMOUNT_TOO_LARGE',
  'LINE_NOT_FOUND',
  'LINE_NOT_EDITABLE',
  'CART_EMPTY',
  'CART_CHANGED',
  'CART_LOCKED',
  // payment
  'TENDER_SHORT',
  'TENDER_TOO_LARGE',
  'PAYMENT_IN_PROGRESS',
  'CARD_DECLINED',
  'CARD_TIMEOUT',
  'TERMINAL_UNAVAILABLE',
  // storage
  'STORE_BUSY',
  'STORE_FULL',
  'STORE_FAILED',
  // returns
  'RECEIPT_NOT_FOUND',
  'SALE_VOIDED',
  'RETURN_EXCEEDS_SOLD',
  'NOTHING_TO_RETURN',
  // devices and printing
  'PAYMENT_CARD_REFUSED',
  'CARD_MISREAD',
  'SCAN_NOT_FOR_CART',
  'PRINTER_PROBLEM',
  'NOTHING_TO_PRINT',
  // customers and coupons
  'CUSTOMER_NOT_FOUND',
  'BAD_CUSTOMER_QUERY',
  'BAD_PHONE',
  'BAD_EMAIL',
  'BAD_CARD',
  'BAD_NAME',
  'BAD_BIRTHDAY',
  'BAD_ATTRIBUTE',
  'CONTACT_REQUIRED',
  'CONSENT_REQUIRED',
  'CARD_TAKEN',
  'CONTACT_TAKEN',
  'CUSTOMER_ERASED',
  'ERASURE_REQUIRED',
  'MARKETING_CONSENT_REQUIRED',
  'MEMBER_QR_REFUSED',
  'NO_CUSTOMER',
  'COUPON_NOT_FOUND',
  'COUPON_NOT_VALID',
  'COUPON_USED',
  'COUPON_NOT_FOR_CUSTOMER',
  'COUPON_MIN_SPEND',
  'PRODUCT_NOT_FOUND',
  // HQ link
  'BAD_HQ_URL',
  'HQ_UNREACHABLE',
  'ENROL_REFUSED',
  // simulators
  'NOT_SIMULATED',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/**
 * An error as a value. `message` is English for logs and developers; the UI translates by `code`
 * and `params` and never shows `message` or a stack to a cashier.
 */
export const PosError = z.object({
  code: ErrorCode,
  message: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type PosError = z.infer<typeof PosError>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: PosError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (
  code: ErrorCode,
  message: string,
  params?: Record<string, string | number>,
): { ok: false; error: PosError } => ({
  ok: false,
  error: params ? { code, message, params } : { code, message },
});

export const resultSchema = <T extends z.ZodType>(value: T) =>
  z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: PosError }),
  ]);
