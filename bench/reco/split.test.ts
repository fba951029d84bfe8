import { describe, expect, it } from 'vitest';
import type { Basket } from '../../main/domain/reco/basket';
import { leaveLastBasketOut } from './split';

const DAY = 86_400_000;
const sale = (customerId: string | null, day: number, ...products: number[]): Basket => ({
  customerId,
  at: day * DAY,
  items: products.map((productId) => ({ productId, quantity: 1 })),
});

describe('leaveLastBasketOut', () => {
  const baskets = [
    sale('anna', 3, 101, 102),
    sale('anna', 1, 101),
    sale('boris', 2, 301),
    sale(null, 2, 101, 301),
    sale('anna', 5, 102, 103, 103),
    sale('vera', 4, 401),
    sale('vera', 6, 401, 402),
    { ...sale('vera', 7), items: [{ productId: 402, quantity: -1 }] },
  ];
  const split = leaveLastBasketOut(baskets);

  it("holds out each customer's latest basket, by time rather than by file order", () => {
    const anna = split.heldOut.find((customer) => customer.customerId === 'anna');
    expect(anna).toEqual({
      customerId: 'anna',
      at: 5 * DAY,
      basket: new Set([102, 103]),
      history: [
        { productId: 101, quantity: 1, at: 1 * DAY },
        { productId: 101, quantity: 1, at: 3 * DAY },
        { productId: 102, quantity: 1, at: 3 * DAY },
      ],
    });
  });

  it('never trains on a held-out basket', () => {
    for (const customer of split.heldOut) {
      expect(split.train.some((b) => b.customerId === customer.customerId && b.at === customer.at)).toBe(
        false,
      );
    }
  });

  it('trains on one-basket customers and anonymous sales without evaluating them', () => {
    expect(split.heldOut.map((customer) => customer.customerId).sort()).toEqual(['anna', 'vera']);
    expect(split.train).toContainEqual(sale('boris', 2, 301));
    expect(split.train).toContainEqual(sale(null, 2, 101, 301));
  });

  it('skips a basket with nothing bought in it (a return) when choosing the last one', () => {
    const vera = split.heldOut.find((customer) => customer.customerId === 'vera');
    expect(vera?.at).toBe(6 * DAY);
    expect(vera?.basket).toEqual(new Set([401, 402]));
  });
});
