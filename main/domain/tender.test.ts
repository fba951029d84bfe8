import { describe, expect, it } from 'vitest';
import { MAX_MINOR_UNITS } from '../../contract/common';
import type { Result } from '../../contract/common';
import type { CartState } from './cart';
import { addItem, cartTotals, emptyCart, removeLine, setQuantity } from './cart';
import { apples, bread, deepFreeze, milk, uuid, wine } from './fixtures';
import { addTender, cardTender, cashTender, checkCardAmount, isFullyPaid } from './tender';

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

const refusal = (code: string, params?: Record<string, unknown>) => ({
  ok: false,
  error: params ? expect.objectContaining({ code, params }) : expect.objectContaining({ code }),
});

const approval = { cardMasked: '**** **** **** 4242', authCode: '531947', terminalRef: 'RRN 412345678901' };

// Wine 899.00 + milk 89.90 + 1.250 kg of apples 187.38 = 1 176.28
const basket = (): CartState => {
  let cart = emptyCart(uuid(900), 'RUB');
  for (const [product, line, quantityMilli] of [
    [wine, 1, 1_000],
    [milk, 2, 1_000],
    [apples, 3, 1_250],
  ] as const) {
    cart = value(addItem(cart, product, { lineId: uuid(line), quantityMilli, fromEmbeddedBarcode: false }));
  }
  return cart;
};
const due = (cart: CartState): number => cartTotals(cart).dueMinor;

describe('cashTender', () => {
  it('takes the exact amount with no change', () => {
    expect(cashTender(117_628, 117_628, uuid(801))).toEqual({
      ok: true,
      value: { id: uuid(801), kind: 'cash', amountMinor: 117_628, receivedMinor: 117_628, changeMinor: 0 },
    });
  });

  it('gives change from a larger note', () => {
    expect(value(cashTender(117_628, 500_000, uuid(801)))).toMatchObject({
      amountMinor: 117_628,
      receivedMinor: 500_000,
      changeMinor: 382_372,
    });
  });

  it('refuses cash short of the due by a kopeck, naming the due', () => {
    expect(cashTender(117_628, 117_627, uuid(801))).toEqual(refusal('TENDER_SHORT', { dueMinor: 117_628 }));
  });

  it('accepts cash up to the money cap and refuses more', () => {
    expect(value(cashTender(100, MAX_MINOR_UNITS, uuid(801))).changeMinor).toBe(MAX_MINOR_UNITS - 100);
    expect(cashTender(100, MAX_MINOR_UNITS + 1, uuid(801))).toEqual(
      refusal('AMOUNT_TOO_LARGE', { max: MAX_MINOR_UNITS }),
    );
  });

  it('refuses a negative or fractional amount received', () => {
    expect(cashTender(100, -100, uuid(801))).toEqual(refusal('BAD_REQUEST'));
    expect(cashTender(100, 100.5, uuid(801))).toEqual(refusal('BAD_REQUEST'));
  });

  it('settles a free cart with nothing received', () => {
    expect(value(cashTender(0, 0, uuid(801)))).toMatchObject({ amountMinor: 0, changeMinor: 0 });
  });
});

describe('cardTender', () => {
  it('charges the whole due and keeps what the terminal printed', () => {
    expect(cardTender(117_628, 117_628, uuid(802), approval)).toEqual({
      ok: true,
      value: { id: uuid(802), kind: 'card', amountMinor: 117_628, ...approval },
    });
  });

  it('charges part of the due for a split payment', () => {
    expect(value(cardTender(117_628, 100_000, uuid(802), approval)).amountMinor).toBe(100_000);
  });

  it('never gives change', () => {
    const tender = value(cardTender(117_628, 117_628, uuid(802), approval));
    expect(tender.changeMinor).toBeUndefined();
    expect(tender.receivedMinor).toBeUndefined();
  });

  it('refuses to charge nothing', () => {
    expect(cardTender(117_628, 0, uuid(802), approval)).toEqual(refusal('BAD_REQUEST'));
  });

  it('refuses to charge a kopeck more than the due', () => {
    expect(cardTender(117_628, 117_629, uuid(802), approval)).toEqual(
      refusal('TENDER_TOO_LARGE', { dueMinor: 117_628 }),
    );
  });

  it('refuses a negative or fractional amount', () => {
    expect(cardTender(117_628, -1, uuid(802), approval)).toEqual(refusal('BAD_REQUEST'));
    expect(cardTender(117_628, 0.5, uuid(802), approval)).toEqual(refusal('BAD_REQUEST'));
  });
});

describe('checkCardAmount', () => {
  it('lets a service check the amount before asking the terminal', () => {
    expect(checkCardAmount(117_628, 50_000)).toEqual({ ok: true, value: 50_000 });
    expect(checkCardAmount(117_628, 200_000)).toEqual(refusal('TENDER_TOO_LARGE', { dueMinor: 117_628 }));
  });
});

describe('addTender', () => {
  it('pays a cart in full with cash', () => {
    const cart = basket();
    const paid = value(addTender(cart, value(cashTender(due(cart), 200_000, uuid(801)))));
    expect(cartTotals(paid)).toMatchObject({ totalMinor: 117_628, paidMinor: 117_628, dueMinor: 0 });
    expect(isFullyPaid(paid)).toBe(true);
  });

  it('pays a cart in full by card', () => {
    const cart = basket();
    const paid = value(addTender(cart, value(cardTender(due(cart), due(cart), uuid(802), approval))));
    expect(isFullyPaid(paid)).toBe(true);
  });

  it('splits a payment: card part, then cash for the rest with change', () => {
    const cart = basket();
    const afterCard = value(addTender(cart, value(cardTender(due(cart), 100_000, uuid(802), approval))));
    expect(cartTotals(afterCard)).toMatchObject({ paidMinor: 100_000, dueMinor: 17_628 });
    expect(isFullyPaid(afterCard)).toBe(false);

    const cash = value(cashTender(due(afterCard), 20_000, uuid(801)));
    const paid = value(addTender(afterCard, cash));
    expect(paid.tenders.map((tender) => [tender.kind, tender.amountMinor, tender.changeMinor])).toEqual([
      ['card', 100_000, undefined],
      ['cash', 17_628, 2_372],
    ]);
    expect(isFullyPaid(paid)).toBe(true);
  });

  it('takes two card parts before the rest', () => {
    const cart = basket();
    const first = value(addTender(cart, value(cardTender(due(cart), 60_000, uuid(802), approval))));
    const second = value(addTender(first, value(cardTender(due(first), 57_628, uuid(803), approval))));
    expect(isFullyPaid(second)).toBe(true);
  });

  it('locks the cart once a tender is taken', () => {
    const cart = value(addTender(basket(), value(cardTender(117_628, 10_000, uuid(802), approval))));
    const more = { lineId: uuid(4), quantityMilli: 1_000, fromEmbeddedBarcode: false };
    expect(addItem(cart, bread, more)).toEqual(refusal('CART_LOCKED'));
    expect(setQuantity(cart, uuid(2), 2_000)).toEqual(refusal('CART_LOCKED'));
    expect(removeLine(cart, uuid(1))).toEqual(refusal('CART_LOCKED'));
  });

  it('refuses to pay for an empty cart', () => {
    expect(addTender(emptyCart(uuid(900), 'RUB'), value(cashTender(0, 0, uuid(801))))).toEqual(
      refusal('CART_EMPTY'),
    );
  });

  it('refuses cash built against a stale due that no longer settles the cart', () => {
    const cart = basket();
    expect(addTender(cart, value(cashTender(100_000, 100_000, uuid(801))))).toEqual(
      refusal('TENDER_SHORT', { dueMinor: 117_628 }),
    );
  });

  it('refuses cash or card for more than the cart’s due', () => {
    const afterCard = value(addTender(basket(), value(cardTender(117_628, 100_000, uuid(802), approval))));
    expect(addTender(afterCard, value(cashTender(117_628, 117_628, uuid(801))))).toEqual(
      refusal('TENDER_TOO_LARGE', { dueMinor: 17_628 }),
    );
    expect(addTender(afterCard, value(cardTender(117_628, 20_000, uuid(803), approval)))).toEqual(
      refusal('TENDER_TOO_LARGE', { dueMinor: 17_628 }),
    );
  });

  it('refuses a zero-amount card tender', () => {
    const zeroCard = { id: uuid(802), kind: 'card' as const, amountMinor: 0, ...approval };
    expect(addTender(basket(), zeroCard)).toEqual(refusal('BAD_REQUEST'));
  });

  it('refuses any tender once the cart is paid', () => {
    const paid = value(addTender(basket(), value(cashTender(117_628, 117_628, uuid(801)))));
    expect(addTender(paid, value(cashTender(0, 0, uuid(803))))).toEqual(
      refusal('TENDER_TOO_LARGE', { dueMinor: 0 }),
    );
  });

  it('refuses the same tender twice', () => {
    const card = value(cardTender(117_628, 10_000, uuid(802), approval));
    const once = value(addTender(basket(), card));
    expect(addTender(once, card)).toEqual(refusal('BAD_REQUEST', { tenderId: uuid(802) }));
  });

  it('closes a cart of free items with an explicit cash tender of zero', () => {
    const gift = { ...milk, productId: 999, unitPriceMinor: 0 };
    const cart = value(
      addItem(emptyCart(uuid(900), 'RUB'), gift, {
        lineId: uuid(1),
        quantityMilli: 1_000,
        fromEmbeddedBarcode: false,
      }),
    );
    expect(isFullyPaid(cart)).toBe(false);
    const paid = value(addTender(cart, value(cashTender(0, 0, uuid(801)))));
    expect(isFullyPaid(paid)).toBe(true);
  });

  it('never changes the cart or tender it is given', () => {
    const cart = deepFreeze(basket());
    const card = deepFreeze(value(cardTender(117_628, 10_000, uuid(802), approval)));
    value(addTender(cart, card));
    expect(cart.tenders).toEqual([]);
  });
});

describe('isFullyPaid', () => {
  it('is false for an empty cart', () => {
    expect(isFullyPaid(emptyCart(uuid(900), 'RUB'))).toBe(false);
  });

  it('is false before any tender', () => {
    expect(isFullyPaid(basket())).toBe(false);
  });
});
