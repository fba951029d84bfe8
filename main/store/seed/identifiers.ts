// Unique codes for generated rows, each a bijection of a counter so uniqueness holds by construction
// at any scale, without a set of codes already handed out.
import { createHash } from 'node:crypto';
import { gtinCheckDigit } from '../../domain/barcode';
import { RESERVED_LAST4 } from './demo-customers';
import { Stream, digits, seedOffset } from './prng';

// Generated EAN-13s are 460/461 followed by 9 digits from 100 000 000: the demo catalogue keeps
// 4600… and 4610… to itself. A multiplier coprime with the space (2^9·3^2·5^8) permutes it, so
// neighbouring products get unrelated-looking codes.
const FIRST_GENERATED_ITEM = 100_000_000;
const EAN_BLOCK = 900_000_000;
const EAN_SPACE = 2 * EAN_BLOCK;
const SCRAMBLE = 7_654_321;
// Keeps SCRAMBLE × n below 2^53, where doubles stop being exact integers.
const MAX_CODE_INDEX = 1_000_000_000;

/** The `n`th generated EAN-13 of a seed; distinct `n` give distinct codes. */
export function generatedEan13(seed: number, n: number): string {
  if (!Number.isSafeInteger(n) || n < 0 || n >= MAX_CODE_INDEX) throw new RangeError(`no barcode #${n}`);
  const value = (SCRAMBLE * n + (seedOffset(seed, Stream.barcode) % EAN_SPACE)) % EAN_SPACE;
  const body = `${value < EAN_BLOCK ? '460' : '461'}${FIRST_GENERATED_ITEM + (value % EAN_BLOCK)}`;
  return `${body}${gtinCheckDigit(body)}`;
}

// EAN-8s are scarce (GS1 hands them out one by one for packs too small for an EAN-13), so only a few
// generated products carry one: `46` + 5 digits + check, a space of 100 000 codes, permuted the same
// way. EAN-8 and EAN-13 never collide in the barcodes table because their lengths differ.
const EAN8_SPACE = 100_000;
const EAN8_SCRAMBLE = 7919;
/** How many distinct generated EAN-8s a seed has. */
export const EAN8_CAPACITY = EAN8_SPACE;

/** The `n`th generated EAN-8 of a seed; distinct `n` below EAN8_CAPACITY give distinct codes. */
export function generatedEan8(seed: number, n: number): string {
  if (!Number.isSafeInteger(n) || n < 0 || n >= EAN8_SPACE) throw new RangeError(`no EAN-8 #${n}`);
  const value = (EAN8_SCRAMBLE * n + (seedOffset(seed, Stream.barcode) % EAN8_SPACE)) % EAN8_SPACE;
  const body = `46${digits(value, 5)}`;
  return `${body}${gtinCheckDigit(body)}`;
}

/**
 * Loyalty cards are issued in order, as a card printer numbers them: an in-store EAN-13 with prefix
 * 27, which no weight or price rule of the default config claims.
 */
export function loyaltyCardNo(customerId: number): string {
  const body = `2700${digits(customerId, 8)}`;
  return `${body}${gtinCheckDigit(body)}`;
}

// Generated phones skip the last four digits the demo customers keep to themselves: numbers are
// drawn from the space of endings that are not reserved (a bijection of the customer id, as above),
// then spread back over all endings.
const LAST4_SPACE = 10_000;
const reservedLast4 = RESERVED_LAST4.map(Number).sort((a, b) => a - b);
const FREE_LAST4 = LAST4_SPACE - reservedLast4.length;
const MOBILE_SPACE = (1_000_000_000 / LAST4_SPACE) * FREE_LAST4;

/**
 * A Russian mobile number in E.164 (+7 9XX XXX-XX-XX), distinct for every customer id of a seed and
 * never ending in one of the demo customers' reserved last four digits.
 */
export function mobilePhone(seed: number, customerId: number): string {
  if (!Number.isSafeInteger(customerId) || customerId < 0 || customerId >= MAX_CODE_INDEX) {
    throw new RangeError(`no phone for customer ${customerId}`);
  }
  const value = (SCRAMBLE * customerId + (seedOffset(seed, Stream.customer) % MOBILE_SPACE)) % MOBILE_SPACE;
  let last4 = value % FREE_LAST4;
  for (const reserved of reservedLast4) if (last4 >= reserved) last4 += 1;
  return `+79${digits(Math.floor(value / FREE_LAST4), 5)}${digits(last4, 4)}`;
}

// Coupon codes are EAN-13s with the GS1 coupon prefix 99 (the default scanner.couponPatterns), so a
// printed coupon scans and a typed one has its check digit verified. The 10 digits after 99 below
// 1 000 are the demo coupons' (demo-customers.ts); generated codes permute the rest with a multiplier
// near the golden ratio of the space, so consecutive coupons look unrelated. That only hides the
// order: a code is no secret (FIELD.md), HQ signs the real ones.
const FIRST_GENERATED_COUPON = 1000n;
const COUPON_SPACE = 10_000_000_000n - FIRST_GENERATED_COUPON;
const COUPON_SCRAMBLE = 6_180_339_887n;

/** The `n`th generated coupon code of a seed; distinct `n` give distinct codes. */
export function couponCode(seed: number, n: number): string {
  if (!Number.isSafeInteger(n) || n < 0 || n >= MAX_CODE_INDEX) throw new RangeError(`no coupon #${n}`);
  const offset = BigInt(seedOffset(seed, Stream.coupon));
  const value = (COUPON_SCRAMBLE * BigInt(n) + offset) % COUPON_SPACE;
  const body = `99${String(FIRST_GENERATED_COUPON + value).padStart(10, '0')}`;
  return `${body}${gtinCheckDigit(body)}`;
}

// RFC 9562 name-based (SHA-1, version 5) UUIDs under Omnitill's own namespace: ids are stable for a
// seed, so two runs of the same seed write byte-identical sales.
const NAMESPACE = Buffer.from('6f6d6e69-7469-4c6c-8073-656564646174'.replaceAll('-', ''), 'hex');

export function seededUuid(seed: number, name: string): string {
  const hash = createHash('sha1').update(NAMESPACE).update(`${seed}/${name}`).digest();
  hash.writeUInt8(((hash.readUInt8(6) & 0x0f) | 0x50) >>> 0, 6);
  hash.writeUInt8(((hash.readUInt8(8) & 0x3f) | 0x80) >>> 0, 8);
  const hex = hash.toString('hex', 0, 16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
