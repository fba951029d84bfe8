import { describe, expect, it } from 'vitest';
import { MAX_MINOR_UNITS } from '../../contract/common';
import type { Result } from '../../contract/common';
import { Cart } from '../../contract/ipc';
import type { ProductForSale, CartState } from './cart';
import {
  addItem,
  attachCustomer,
  cartTotals,
  emptyCart,
  removeLine,
  setCoupon,
  setQuantity,
  toCartView,
} from './cart';
import type { CouponTerms } from './coupon';
import { apples, bandage, bread, cheese, deepFreeze, milk, uuid, wine } from './fixtures';

const cartId = uuid(900);

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

const scan = (cart: CartState, product: ProductForSale, line: number, quantityMilli = 1_000): CartState =>
  value(addItem(cart, product, { lineId: uuid(line), quantityMilli, fromEmbeddedBarcode: false }));

const refusal = (code: string, params?: Record<string, unknown>) => ({
  ok: false,
  error: params ? expect.objectContaining({ code, params }) : expect.objectContaining({ code }),
});

const paying = (cart: CartState): CartState => ({
  ...cart,
  tenders: [{ id: uuid(800), kind: 'card', amountMinor: 1_000, cardMasked: '**** 4242', authCode: '123456' }],
});

describe('emptyCart', () => {
  it('starts with no lines, tenders or highlighted line', () => {
    expect(emptyCart(cartId, 'RUB')).toEqual({
      id: cartId,
      currency: 'RUB',
      lines: [],
      tenders: [],
      lastLineId: null,
      customer: null,
      coupon: null,
    });
  });

  it('totals to zero', () => {
    expect(cartTotals(emptyCart(cartId, 'RUB'))).toEqual({
      subtotalMinor: 0,
      discountMinor: 0,
      totalMinor: 0,
      lineDiscounts: [],
      couponProblem: null,
      taxes: [],
      itemCount: 0,
      paidMinor: 0,
      dueMinor: 0,
    });
  });
});

describe('addItem', () => {
  it('adds a scanned piece item as a new line priced by quantity', () => {
    const cart = scan(emptyCart(cartId, 'RUB'), milk, 1, 2_000);
    expect(cart.lines).toEqual([
      { id: uuid(1), product: milk, quantityMilli: 2_000, totalMinor: 17_980, fromEmbeddedBarcode: false },
    ]);
    expect(cart.lastLineId).toBe(uuid(1));
  });

  it('merges a second scan of the same piece item into its line', () => {
    const cart = scan(scan(emptyCart(cartId, 'RUB'), milk, 1), milk, 2);
    expect(cart.lines).toHaveLength(1);
    expect(cart.lines[0]).toMatchObject({ id: uuid(1), quantityMilli: 2_000, totalMinor: 17_980 });
    expect(cart.lastLineId).toBe(uuid(1));
  });

  it('merges into the earlier line even after other items were scanned', () => {
    const cart = scan(scan(scan(emptyCart(cartId, 'RUB'), milk, 1), bread, 2), milk, 3);
    expect(cart.lines.map((line) => [line.id, line.quantityMilli])).toEqual([
      [uuid(1), 2_000],
      [uuid(2), 1_000],
    ]);
    expect(cart.lastLineId).toBe(uuid(1));
  });

  it('adds the whole typed quantity when merging', () => {
    const cart = scan(scan(emptyCart(cartId, 'RUB'), milk, 1), milk, 2, 5_000);
    expect(cart.lines[0]).toMatchObject({ quantityMilli: 6_000, totalMinor: 53_940 });
  });

  it('keeps a rescan at a changed price on its own line', () => {
    const repriced = { ...milk, unitPriceMinor: 7_990 };
    const cart = scan(scan(emptyCart(cartId, 'RUB'), milk, 1), repriced, 2);
    expect(cart.lines.map((line) => line.totalMinor)).toEqual([8_990, 7_990]);
    expect(cart.lastLineId).toBe(uuid(2));
  });

  it('puts every weighing of a kg item on its own line', () => {
    const cart = scan(scan(emptyCart(cartId, 'RUB'), apples, 1, 1_250), apples, 2, 640);
    expect(cart.lines.map((line) => [line.quantityMilli, line.totalMinor])).toEqual([
      [1_250, 18_738],
      [640, 9_594],
    ]);
    expect(cart.lastLineId).toBe(uuid(2));
  });

  it('puts every weight label on its own line', () => {
    const label = { lineId: uuid(1), quantityMilli: 1_250, fromEmbeddedBarcode: true };
    const once = value(addItem(emptyCart(cartId, 'RUB'), apples, label));
    const twice = value(addItem(once, apples, { ...label, lineId: uuid(2) }));
    expect(twice.lines.map((line) => line.id)).toEqual([uuid(1), uuid(2)]);
    expect(twice.lines.every((line) => line.fromEmbeddedBarcode)).toBe(true);
  });

  it('does not merge a piece scan into a price-labelled line of the same product', () => {
    const labelled = value(
      addItem(emptyCart(cartId, 'RUB'), cheese, {
        lineId: uuid(1),
        quantityMilli: 1_000,
        fixedTotalMinor: 31_250,
        fromEmbeddedBarcode: true,
      }),
    );
    const cart = scan(labelled, cheese, 2);
    expect(cart.lines.map((line) => line.totalMinor)).toEqual([31_250, 0]);
  });

  it('charges the price printed on a price label whatever the quantity', () => {
    const cart = value(
      addItem(emptyCart(cartId, 'RUB'), cheese, {
        lineId: uuid(1),
        quantityMilli: 1_000,
        fixedTotalMinor: 31_250,
        fromEmbeddedBarcode: true,
      }),
    );
    expect(cart.lines[0]).toMatchObject({
      quantityMilli: 1_000,
      totalMinor: 31_250,
      fromEmbeddedBarcode: true,
    });
  });

  it('charges a fixed total on a weighed item instead of its price per kg', () => {
    const cart = value(
      addItem(emptyCart(cartId, 'RUB'), apples, {
        lineId: uuid(1),
        quantityMilli: 1_000,
        fixedTotalMinor: 9_900,
        fromEmbeddedBarcode: true,
      }),
    );
    expect(cart.lines[0]?.totalMinor).toBe(9_900);
  });

  it('refuses a fixed total that did not come from a label', () => {
    const item = { lineId: uuid(1), quantityMilli: 1_000, fixedTotalMinor: 100, fromEmbeddedBarcode: false };
    expect(addItem(emptyCart(cartId, 'RUB'), cheese, item)).toEqual(refusal('BAD_REQUEST'));
  });

  it('refuses a negative or fractional fixed total', () => {
    const item = { lineId: uuid(1), quantityMilli: 1_000, fromEmbeddedBarcode: true };
    expect(addItem(emptyCart(cartId, 'RUB'), cheese, { ...item, fixedTotalMinor: -1 })).toEqual(
      refusal('BAD_REQUEST'),
    );
    expect(addItem(emptyCart(cartId, 'RUB'), cheese, { ...item, fixedTotalMinor: 0.5 })).toEqual(
      refusal('BAD_REQUEST'),
    );
  });

  it('refuses a fixed total past the cap', () => {
    const item = { lineId: uuid(1), quantityMilli: 1_000, fromEmbeddedBarcode: true };
    expect(
      addItem(emptyCart(cartId, 'RUB'), cheese, { ...item, fixedTotalMinor: MAX_MINOR_UNITS + 1 }),
    ).toEqual(refusal('AMOUNT_TOO_LARGE', { max: MAX_MINOR_UNITS }));
  });

  it('refuses a fractional quantity of a piece item', () => {
    const result = addItem(emptyCart(cartId, 'RUB'), milk, {
      lineId: uuid(1),
      quantityMilli: 1_500,
      fromEmbeddedBarcode: false,
    });
    expect(result).toEqual(refusal('BAD_QUANTITY', { reason: 'fractional' }));
  });

  it('refuses a zero weight from a label', () => {
    const result = addItem(emptyCart(cartId, 'RUB'), apples, {
      lineId: uuid(1),
      quantityMilli: 0,
      fromEmbeddedBarcode: true,
    });
    expect(result).toEqual(refusal('BAD_QUANTITY', { reason: 'zero' }));
  });

  it('accepts exactly 9,999 pieces and refuses a merge past it', () => {
    const full = scan(emptyCart(cartId, 'RUB'), bread, 1, 9_999_000);
    expect(full.lines[0]?.totalMinor).toBe(45_895_410);
    expect(
      addItem(full, bread, { lineId: uuid(2), quantityMilli: 1_000, fromEmbeddedBarcode: false }),
    ).toEqual(refusal('BAD_QUANTITY', { reason: 'too_large', max: 9_999 }));
  });

  it('accepts a cart of exactly the money cap and refuses one kopeck more', () => {
    const jewel = { ...wine, productId: 999, unitPriceMinor: MAX_MINOR_UNITS - 1 };
    const atCap = scan(scan(emptyCart(cartId, 'RUB'), jewel, 1), { ...bread, unitPriceMinor: 1 }, 2);
    expect(cartTotals(atCap).totalMinor).toBe(MAX_MINOR_UNITS);
    expect(
      addItem(
        atCap,
        { ...bread, productId: 103, unitPriceMinor: 1 },
        { lineId: uuid(3), quantityMilli: 1_000, fromEmbeddedBarcode: false },
      ),
    ).toEqual(refusal('AMOUNT_TOO_LARGE', { max: MAX_MINOR_UNITS }));
  });

  it('refuses a single line past the money cap', () => {
    const result = addItem(
      emptyCart(cartId, 'RUB'),
      { ...wine, unitPriceMinor: MAX_MINOR_UNITS },
      {
        lineId: uuid(1),
        quantityMilli: 2_000,
        fromEmbeddedBarcode: false,
      },
    );
    expect(result).toEqual(refusal('AMOUNT_TOO_LARGE'));
  });

  it('refuses a new line whose id is already in the cart', () => {
    const cart = scan(emptyCart(cartId, 'RUB'), milk, 1);
    expect(
      addItem(cart, bread, { lineId: uuid(1), quantityMilli: 1_000, fromEmbeddedBarcode: false }),
    ).toEqual(refusal('BAD_REQUEST', { lineId: uuid(1) }));
  });

  it('refuses to add while the customer is paying', () => {
    const cart = paying(scan(emptyCart(cartId, 'RUB'), milk, 1));
    expect(
      addItem(cart, bread, { lineId: uuid(2), quantityMilli: 1_000, fromEmbeddedBarcode: false }),
    ).toEqual(refusal('CART_LOCKED'));
  });

  it('never changes the cart or product it is given', () => {
    const cart = deepFreeze(scan(emptyCart(cartId, 'RUB'), milk, 1));
    const merged = scan(cart, milk, 2);
    const added = scan(cart, bread, 3);
    expect(cart.lines).toHaveLength(1);
    expect(cart.lines[0]?.quantityMilli).toBe(1_000);
    expect(merged.lines[0]?.quantityMilli).toBe(2_000);
    expect(added.lines).toHaveLength(2);
  });
});

describe('setQuantity', () => {
  const twoLines = (): CartState => scan(scan(emptyCart(cartId, 'RUB'), milk, 1), bread, 2);

  it('reprices a piece line for its new quantity and highlights it', () => {
    const cart = value(setQuantity(twoLines(), uuid(1), 4_000));
    expect(cart.lines[0]).toMatchObject({ quantityMilli: 4_000, totalMinor: 35_960 });
    expect(cart.lastLineId).toBe(uuid(1));
  });

  it('can lower a quantity back to one', () => {
    const cart = value(setQuantity(scan(emptyCart(cartId, 'RUB'), milk, 1, 6_000), uuid(1), 1_000));
    expect(cart.lines[0]).toMatchObject({ quantityMilli: 1_000, totalMinor: 8_990 });
  });

  it('refuses to retype the weight a scale label carried', () => {
    const cart = value(
      addItem(emptyCart(cartId, 'RUB'), apples, {
        lineId: uuid(1),
        quantityMilli: 1_250,
        fromEmbeddedBarcode: true,
      }),
    );
    expect(setQuantity(cart, uuid(1), 1_000)).toEqual(refusal('LINE_NOT_EDITABLE', { lineId: uuid(1) }));
  });

  it('takes a typed weight for a kg item rung up without a scale label', () => {
    const cart = value(setQuantity(scan(emptyCart(cartId, 'RUB'), apples, 1, 1_000), uuid(1), 455));
    expect(cart.lines[0]).toMatchObject({ quantityMilli: 455 });
  });

  it('refuses to change the quantity of a price-labelled line', () => {
    const cart = value(
      addItem(emptyCart(cartId, 'RUB'), cheese, {
        lineId: uuid(1),
        quantityMilli: 1_000,
        fixedTotalMinor: 31_250,
        fromEmbeddedBarcode: true,
      }),
    );
    expect(setQuantity(cart, uuid(1), 2_000)).toEqual(refusal('LINE_NOT_EDITABLE'));
  });

  it('refuses an unknown line', () => {
    expect(setQuantity(twoLines(), uuid(77), 2_000)).toEqual(refusal('LINE_NOT_FOUND', { lineId: uuid(77) }));
  });

  it('refuses zero, a fraction of a piece, and more than 9,999 pieces', () => {
    expect(setQuantity(twoLines(), uuid(1), 0)).toEqual(refusal('BAD_QUANTITY', { reason: 'zero' }));
    expect(setQuantity(twoLines(), uuid(1), 2_500)).toEqual(
      refusal('BAD_QUANTITY', { reason: 'fractional' }),
    );
    expect(setQuantity(twoLines(), uuid(1), 10_000_000)).toEqual(
      refusal('BAD_QUANTITY', { reason: 'too_large', max: 9_999 }),
    );
  });

  it('refuses a quantity that would take the cart past the money cap', () => {
    const cart = scan(emptyCart(cartId, 'RUB'), { ...wine, unitPriceMinor: 200_000_000_000 }, 1, 5_000);
    expect(cartTotals(cart).totalMinor).toBe(MAX_MINOR_UNITS);
    expect(setQuantity(cart, uuid(1), 6_000)).toEqual(refusal('AMOUNT_TOO_LARGE'));
  });

  it('refuses while the customer is paying', () => {
    expect(setQuantity(paying(twoLines()), uuid(1), 2_000)).toEqual(refusal('CART_LOCKED'));
  });

  it('never changes the cart it is given', () => {
    const cart = deepFreeze(twoLines());
    value(setQuantity(cart, uuid(2), 3_000));
    expect(cart.lines[1]?.quantityMilli).toBe(1_000);
  });
});

describe('removeLine', () => {
  const twoLines = (): CartState => scan(scan(emptyCart(cartId, 'RUB'), milk, 1), bread, 2);

  it('removes the line and clears the highlight that pointed at it', () => {
    const cart = value(removeLine(twoLines(), uuid(2)));
    expect(cart.lines.map((line) => line.id)).toEqual([uuid(1)]);
    expect(cart.lastLineId).toBeNull();
  });

  it('keeps the highlight on another line', () => {
    const cart = value(removeLine(twoLines(), uuid(1)));
    expect(cart.lines.map((line) => line.id)).toEqual([uuid(2)]);
    expect(cart.lastLineId).toBe(uuid(2));
  });

  it('can empty the cart', () => {
    const cart = value(removeLine(scan(emptyCart(cartId, 'RUB'), milk, 1), uuid(1)));
    expect(cartTotals(cart)).toMatchObject({ totalMinor: 0, itemCount: 0 });
  });

  it('removes weighed and labelled lines too', () => {
    const cart = scan(emptyCart(cartId, 'RUB'), apples, 1, 1_250);
    expect(value(removeLine(cart, uuid(1))).lines).toEqual([]);
  });

  it('refuses an unknown line', () => {
    expect(removeLine(twoLines(), uuid(77))).toEqual(refusal('LINE_NOT_FOUND', { lineId: uuid(77) }));
  });

  it('refuses while the customer is paying', () => {
    expect(removeLine(paying(twoLines()), uuid(1))).toEqual(refusal('CART_LOCKED'));
  });

  it('never changes the cart it is given', () => {
    const cart = deepFreeze(twoLines());
    value(removeLine(cart, uuid(1)));
    expect(cart.lines).toHaveLength(2);
  });
});

describe('cartTotals', () => {
  // Wine 899.00 at 20 %, 2 × milk 89.90 and 1.250 kg of apples at 10 %, a bandage at 0 %.
  const basket = (): CartState =>
    scan(scan(scan(scan(emptyCart(cartId, 'RUB'), wine, 1), milk, 2, 2_000), apples, 3, 1_250), bandage, 4);

  it('totals a basket with 20, 10 and 0 % VAT', () => {
    expect(cartTotals(basket())).toEqual({
      subtotalMinor: 89_900 + 17_980 + 18_738 + 15_000,
      discountMinor: 0,
      lineDiscounts: [0, 0, 0, 0],
      couponProblem: null,
      totalMinor: 89_900 + 17_980 + 18_738 + 15_000,
      taxes: [
        { rateBp: 2_000, grossMinor: 89_900, taxMinor: 14_983 },
        { rateBp: 1_000, grossMinor: 36_718, taxMinor: 3_338 },
        { rateBp: 0, grossMinor: 15_000, taxMinor: 0 },
      ],
      itemCount: 5,
      paidMinor: 0,
      dueMinor: 141_618,
    });
  });

  it('counts pieces for piece items and one per weighed line', () => {
    const cart = scan(scan(scan(emptyCart(cartId, 'RUB'), milk, 1, 3_000), apples, 2, 455), apples, 3, 2_100);
    expect(cartTotals(cart).itemCount).toBe(5);
  });

  it('subtracts what tenders paid from what is due', () => {
    const cart: CartState = {
      ...basket(),
      tenders: [{ id: uuid(800), kind: 'card', amountMinor: 100_000, cardMasked: '**** 4242' }],
    };
    expect(cartTotals(cart)).toMatchObject({ totalMinor: 141_618, paidMinor: 100_000, dueMinor: 41_618 });
  });

  it('never shows a negative due', () => {
    const cart: CartState = {
      ...scan(emptyCart(cartId, 'RUB'), milk, 1),
      tenders: [
        { id: uuid(800), kind: 'cash', amountMinor: 8_990, receivedMinor: 10_000, changeMinor: 1_010 },
      ],
    };
    expect(cartTotals(cart)).toMatchObject({ paidMinor: 8_990, dueMinor: 0 });
  });
});

describe('toCartView', () => {
  it('produces the contract’s Cart shape', () => {
    const cart = scan(scan(emptyCart(cartId, 'RUB'), milk, 1, 2_000), apples, 2, 1_250);
    const view = toCartView(cart);
    expect(Cart.parse(view)).toEqual(view);
    expect(view).toEqual({
      id: cartId,
      currency: 'RUB',
      lines: [
        {
          id: uuid(1),
          productId: 101,
          barcode: '4600682000181',
          names: milk.names,
          unit: 'piece',
          quantityMilli: 2_000,
          unitPriceMinor: 8_990,
          totalMinor: 17_980,
          taxRateBp: 1_000,
          fromEmbeddedBarcode: false,
          discountMinor: 0,
        },
        {
          id: uuid(2),
          productId: 301,
          barcode: '00123',
          names: apples.names,
          unit: 'kg',
          quantityMilli: 1_250,
          unitPriceMinor: 14_990,
          totalMinor: 18_738,
          taxRateBp: 1_000,
          fromEmbeddedBarcode: false,
          discountMinor: 0,
        },
      ],
      itemCount: 3,
      customer: null,
      coupon: null,
      subtotalMinor: 36_718,
      discountMinor: 0,
      totalMinor: 36_718,
      taxes: [{ rateBp: 1_000, grossMinor: 36_718, taxMinor: 3_338 }],
      tenders: [],
      paidMinor: 0,
      dueMinor: 36_718,
      lastLineId: uuid(2),
    });
  });

  it('shows an empty cart', () => {
    expect(Cart.parse(toCartView(emptyCart(cartId, 'RUB')))).toMatchObject({
      lines: [],
      totalMinor: 0,
      lastLineId: null,
    });
  });

  it('hands out copies, so changing the view cannot change the cart', () => {
    const cart = deepFreeze(paying(scan(emptyCart(cartId, 'RUB'), milk, 1)));
    const [line] = toCartView(cart).lines;
    const [tender] = toCartView(cart).tenders;
    if (line) line.names.ru = 'changed';
    if (tender) tender.amountMinor = 0;
    expect([line?.names.ru, tender?.amountMinor]).toEqual(['changed', 0]);
    expect(cart.lines[0]?.product.names.ru).toBe('Молоко 3,2 % 1 л');
    expect(cart.tenders[0]?.amountMinor).toBe(1_000);
  });
});

describe('a coupon on the cart', () => {
  const tenPercent: CouponTerms = {
    code: 'BDAY-7',
    customerId: 7,
    kind: 'birthday',
    percentBp: 1_000,
    amountMinor: null,
    minSpendMinor: 50_000,
    validFrom: '2026-01-01T00:00:00.000Z',
    validUntil: '2026-12-31T00:00:00.000Z',
    redeemedAt: null,
  };
  const anna = { id: 7, name: 'Anna', tier: 'gold', cardMasked: '•••• 1234' };
  const withCoupon = (cart: CartState) => value(setCoupon(value(attachCustomer(cart, anna)), tenPercent));

  it('takes its discount off the total, spread over the lines, with VAT on what is paid', () => {
    const cart = withCoupon(scan(scan(emptyCart(cartId, 'RUB'), wine, 1), milk, 2, 2_000));
    const totals = cartTotals(cart);
    expect(totals).toMatchObject({ subtotalMinor: 107_880, discountMinor: 10_788, totalMinor: 97_092 });
    expect(totals.lineDiscounts).toEqual([8_990, 1_798]);
    expect(totals.taxes).toEqual([
      { rateBp: 2_000, grossMinor: 80_910, taxMinor: 13_485 },
      { rateBp: 1_000, grossMinor: 16_182, taxMinor: 1_471 },
    ]);
    expect(Cart.parse(toCartView(cart)).coupon).toEqual({
      code: 'BDAY-7',
      discountMinor: 10_788,
      problem: null,
      minSpendMinor: 50_000,
    });
  });

  it('takes nothing and says why when the cart falls below the minimum spend', () => {
    const cart = withCoupon(scan(emptyCart(cartId, 'RUB'), milk, 1));
    expect(cartTotals(cart)).toMatchObject({
      discountMinor: 0,
      totalMinor: 8_990,
      couponProblem: 'min-spend',
    });
  });

  it('comes off with its customer, and cannot change once a tender is taken', () => {
    const cart = withCoupon(scan(emptyCart(cartId, 'RUB'), wine, 1));
    expect(value(attachCustomer(cart, null)).coupon).toBeNull();
    expect(value(attachCustomer(cart, { ...anna, name: 'Anna I.' })).coupon).toEqual(tenPercent);
    const locked = paying(cart);
    expect(attachCustomer(locked, null)).toMatchObject(refusal('CART_LOCKED'));
    expect(setCoupon(locked, null)).toMatchObject(refusal('CART_LOCKED'));
    expect(value(attachCustomer(paying(scan(emptyCart(cartId, 'RUB'), wine, 1)), anna)).customer).toEqual(
      anna,
    );
  });
});
