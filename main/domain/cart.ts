// The open cart as immutable state: every transition returns a new cart or an error, never both, and
// never touches its inputs.
import { MAX_MINOR_UNITS, MILLI, fail, ok } from '../../contract/common';
import type { LocalizedNames, PosError, Result, Unit } from '../../contract/common';
import type { CartCustomer } from '../../contract/customers';
import type { Cart, TaxTotal, Tender } from '../../contract/ipc';
import type { CouponTerms } from './coupon';
import { couponDiscount, discountShares } from './coupon';
import { amountTooLarge, lineTotal, sumMinor } from './money';
import { validateQuantity } from './quantity';
import { taxTotals } from './tax';

export interface ProductForSale {
  productId: number;
  barcode: string;
  names: LocalizedNames;
  unit: Unit;
  unitPriceMinor: number;
  taxRateBp: number;
}

export interface CartState {
  id: string;
  currency: string;
  lines: CartLineState[];
  tenders: Tender[];
  lastLineId: string | null;
  customer: CartCustomer | null;
  coupon: CouponTerms | null;
}

export interface CartLineState {
  id: string;
  product: ProductForSale;
  quantityMilli: number;
  totalMinor: number;
  fromEmbeddedBarcode: boolean;
}

export function emptyCart(id: string, currency: string): CartState {
  return { id, currency, lines: [], tenders: [], lastLineId: null, customer: null, coupon: null };
}

// Once a tender is taken the customer is paying for exactly these lines; changing them would make
// the approved card amount or the counted cash wrong.
function cartLocked(): { ok: false; error: PosError } {
  return fail('CART_LOCKED', 'The cart cannot change while it is being paid');
}

function lineNotFound(lineId: string): { ok: false; error: PosError } {
  return fail('LINE_NOT_FOUND', `No line ${lineId} in the cart`, { lineId });
}

function withLines(cart: CartState, lines: CartLineState[], lastLineId: string | null): Result<CartState> {
  const total = sumMinor(lines.map((line) => line.totalMinor));
  if (!total.ok) return total;
  return ok({ ...cart, lines, lastLineId });
}

function repriced(line: CartLineState, quantityMilli: number): Result<CartLineState> {
  const quantity = validateQuantity(line.product.unit, quantityMilli);
  if (!quantity.ok) return quantity;
  const total = lineTotal(line.product.unitPriceMinor, quantity.value);
  if (!total.ok) return total;
  return ok({ ...line, quantityMilli: quantity.value, totalMinor: total.value });
}

// A rescan of a piece item adds to its line, as on the receipt a cashier expects ("Milk × 3"). Lines
// whose price differs (a price change mid-sale) stay apart so each line shows what it charged.
function lineToMergeInto(cart: CartState, product: ProductForSale): CartLineState | undefined {
  if (product.unit !== 'piece') return undefined;
  return cart.lines.findLast(
    (line) =>
      !line.fromEmbeddedBarcode &&
      line.product.productId === product.productId &&
      line.product.unitPriceMinor === product.unitPriceMinor &&
      line.product.taxRateBp === product.taxRateBp,
  );
}

function fixedTotal(totalMinor: number): Result<number> {
  if (!Number.isSafeInteger(totalMinor) || totalMinor < 0) {
    return fail('BAD_REQUEST', `A fixed line total must be a non-negative integer, got ${totalMinor}`);
  }
  if (totalMinor > MAX_MINOR_UNITS) return amountTooLarge();
  return ok(totalMinor);
}

export function addItem(
  cart: CartState,
  product: ProductForSale,
  item: { lineId: string; quantityMilli: number; fixedTotalMinor?: number; fromEmbeddedBarcode: boolean },
): Result<CartState> {
  if (cart.tenders.length > 0) return cartLocked();
  const quantity = validateQuantity(product.unit, item.quantityMilli);
  if (!quantity.ok) return quantity;

  if (item.fixedTotalMinor !== undefined && !item.fromEmbeddedBarcode) {
    // A fixed total is only ever read from a price-embedded barcode; the flag is what keeps the line
    // from being repriced by a quantity edit.
    return fail('BAD_REQUEST', 'A fixed line total must come from an embedded barcode');
  }

  const mergeInto = item.fromEmbeddedBarcode ? undefined : lineToMergeInto(cart, product);
  if (mergeInto) {
    const merged = repriced(mergeInto, mergeInto.quantityMilli + quantity.value);
    if (!merged.ok) return merged;
    const lines = cart.lines.map((line) => (line.id === mergeInto.id ? merged.value : line));
    return withLines(cart, lines, mergeInto.id);
  }

  if (cart.lines.some((line) => line.id === item.lineId)) {
    return fail('BAD_REQUEST', `Line ${item.lineId} is already in the cart`, { lineId: item.lineId });
  }
  const total =
    item.fixedTotalMinor === undefined
      ? lineTotal(product.unitPriceMinor, quantity.value)
      : fixedTotal(item.fixedTotalMinor);
  if (!total.ok) return total;
  const line: CartLineState = {
    id: item.lineId,
    product,
    quantityMilli: quantity.value,
    totalMinor: total.value,
    fromEmbeddedBarcode: item.fromEmbeddedBarcode,
  };
  return withLines(cart, [...cart.lines, line], line.id);
}

export function setQuantity(cart: CartState, lineId: string, quantityMilli: number): Result<CartState> {
  if (cart.tenders.length > 0) return cartLocked();
  const line = cart.lines.find((candidate) => candidate.id === lineId);
  if (!line) return lineNotFound(lineId);
  // A weight or price printed on an in-store label is a measurement made by the scale; retyping it
  // would charge for goods that were not weighed. A kg item rung up without such a label has no
  // measurement yet, so the cashier types the weight.
  if (line.fromEmbeddedBarcode) {
    return fail('LINE_NOT_EDITABLE', 'The quantity of a weighed or price-labelled line cannot be changed', {
      lineId,
    });
  }
  const updated = repriced(line, quantityMilli);
  if (!updated.ok) return updated;
  const lines = cart.lines.map((candidate) => (candidate.id === lineId ? updated.value : candidate));
  return withLines(cart, lines, lineId);
}

export function removeLine(cart: CartState, lineId: string): Result<CartState> {
  if (cart.tenders.length > 0) return cartLocked();
  if (!cart.lines.some((line) => line.id === lineId)) return lineNotFound(lineId);
  const lines = cart.lines.filter((line) => line.id !== lineId);
  return ok({ ...cart, lines, lastLineId: cart.lastLineId === lineId ? null : cart.lastLineId });
}

/** The customer the cart is for; a personal coupon of someone else comes off with the change. */
export function attachCustomer(cart: CartState, customer: CartCustomer | null): Result<CartState> {
  const coupon =
    cart.coupon?.customerId != null && cart.coupon.customerId !== customer?.id ? null : cart.coupon;
  if (coupon !== cart.coupon && cart.tenders.length > 0) return cartLocked();
  return ok({ ...cart, customer, coupon });
}

/** A coupon already checked (domain/coupon.ts checkCoupon); a second one replaces the first. */
export function setCoupon(cart: CartState, coupon: CouponTerms | null): Result<CartState> {
  if (cart.tenders.length > 0) return cartLocked();
  return ok({ ...cart, coupon });
}

export interface CartTotals {
  subtotalMinor: number;
  discountMinor: number;
  totalMinor: number;
  /** Per line, in line order: its share of the discount. */
  lineDiscounts: number[];
  couponProblem: 'min-spend' | null;
  taxes: TaxTotal[];
  itemCount: number;
  paidMinor: number;
  dueMinor: number;
}

export function cartTotals(cart: CartState): CartTotals {
  const subtotalMinor = cart.lines.reduce((sum, line) => sum + line.totalMinor, 0);
  const discount = cart.coupon
    ? couponDiscount(cart.coupon, subtotalMinor)
    : { discountMinor: 0, problem: null };
  const lineDiscounts = discountShares(
    cart.lines.map((line) => line.totalMinor),
    discount.discountMinor,
  );
  const totalMinor = subtotalMinor - discount.discountMinor;
  const paidMinor = cart.tenders.reduce((sum, tender) => sum + tender.amountMinor, 0);
  // Shoppers count pieces, but a bag of apples on the scale is one item however much it weighs.
  const itemCount = cart.lines.reduce(
    (count, line) => count + (line.product.unit === 'piece' ? line.quantityMilli / MILLI : 1),
    0,
  );
  const taxes = taxTotals(
    cart.lines.map((line, index) => ({
      totalMinor: line.totalMinor - (lineDiscounts[index] ?? 0),
      taxRateBp: line.product.taxRateBp,
    })),
  );
  return {
    subtotalMinor,
    discountMinor: discount.discountMinor,
    totalMinor,
    lineDiscounts,
    couponProblem: discount.problem,
    taxes,
    itemCount,
    paidMinor,
    dueMinor: Math.max(0, totalMinor - paidMinor),
  };
}

export function toCartView(cart: CartState): Cart {
  const { lineDiscounts, couponProblem, ...totals } = cartTotals(cart);
  return {
    id: cart.id,
    currency: cart.currency,
    lines: cart.lines.map((line, index) => ({
      id: line.id,
      productId: line.product.productId,
      barcode: line.product.barcode,
      names: { ...line.product.names },
      unit: line.product.unit,
      quantityMilli: line.quantityMilli,
      unitPriceMinor: line.product.unitPriceMinor,
      totalMinor: line.totalMinor,
      taxRateBp: line.product.taxRateBp,
      fromEmbeddedBarcode: line.fromEmbeddedBarcode,
      discountMinor: lineDiscounts[index] ?? 0,
    })),
    tenders: cart.tenders.map((tender) => ({ ...tender })),
    lastLineId: cart.lastLineId,
    customer: cart.customer && { ...cart.customer },
    coupon: cart.coupon && {
      code: cart.coupon.code,
      discountMinor: totals.discountMinor,
      problem: couponProblem,
      minSpendMinor: cart.coupon.minSpendMinor,
    },
    ...totals,
  };
}
