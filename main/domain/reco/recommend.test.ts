import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Suggestion } from '../../../contract/reco';
import type { Basket, PastPurchase } from './basket';
import { buildRecoModel } from './model';
import { indexRecoModel } from './model-index';
import type { RecommendInput } from './recommend';
import { recommend } from './recommend';
import { DAY_MS } from './repeat';

const now = Date.UTC(2025, 2, 1, 12);
const milk = 101;
const bread = 102;
const tea = 202;
const pasta = 301;
const sauce = 302;
const coffee = 401;
const filters = 402;

const basket = (...products: number[]): Basket => ({
  customerId: null,
  at: now - 30 * DAY_MS,
  items: products.map((productId) => ({ productId, quantity: 1 })),
});
const times = (n: number, make: (i: number) => Basket): Basket[] =>
  Array.from({ length: n }, (_, i) => make(i));

// A small shop: milk and bread in most baskets, pasta with sauce, coffee with filters, and noise.
const shop = indexRecoModel(
  buildRecoModel(
    [
      ...times(40, (i) => (i % 2 === 0 ? basket(bread, pasta, sauce) : basket(milk, pasta, sauce))),
      ...times(30, (i) => (i % 3 === 0 ? basket(bread, coffee, filters) : basket(coffee, filters))),
      ...times(60, (i) => basket(bread, milk, 1_000 + (i % 20))),
      ...times(10, () => basket(tea, milk)),
    ],
    { builtAt: now },
  ),
);
const emptyModel = indexRecoModel(buildRecoModel([], { builtAt: now }));

const bought = (productId: number, ...days: number[]): PastPurchase[] =>
  days.map((d) => ({ productId, at: now - d * DAY_MS, quantity: 1 }));

const ask = (input: Partial<RecommendInput>) =>
  recommend({ model: shop, history: [], cart: [], now, inAssortment: () => true, limit: 10, ...input });

describe('recommend', () => {
  it('suggests what is often bought with the cart, naming the cart item', () => {
    const [first] = ask({ cart: [pasta] });
    expect(first?.productId).toBe(sauce);
    expect(first?.reasons[0]).toEqual({ kind: 'bought-with', productId: pasta });
  });

  it('puts a due repeat item ahead of one bought yesterday, even one bought more often', () => {
    const history = [
      ...bought(milk, 71, 64, 57, 50, 43, 36, 29, 22, 15, 1),
      ...bought(coffee, 56, 49, 42, 35, 28, 21, 14, 7),
    ];
    const ids = ask({ history, model: emptyModel }).map((s) => s.productId);
    expect(ids).toEqual([coffee, milk]);
  });

  it('explains a repeat with when it was last bought, its cycle and how often', () => {
    const [first] = ask({ history: bought(coffee, 28, 21, 14, 7), model: emptyModel });
    expect(first?.reasons[0]).toEqual({
      kind: 'repeat',
      lastBoughtAt: new Date(now - 7 * DAY_MS).toISOString(),
      cycleDays: 7,
      timesBought: 4,
    });
  });

  it("suggests what goes with the customer's own items, naming the item", () => {
    const suggestions = ask({ history: bought(coffee, 20, 10) });
    const suggestion = suggestions.find((s) => s.productId === filters);
    expect(suggestion?.reasons).toContainEqual({ kind: 'like-your', productId: coffee });
  });

  it('offers best sellers to an anonymous customer with an empty cart', () => {
    const suggestions = ask({ limit: 2 });
    expect(suggestions.map((s) => s.productId)).toEqual([milk, bread]);
    expect(suggestions.every((s) => s.reasons[0]?.kind === 'popular')).toBe(true);
  });

  it('keeps filling the list from further down when the assortment refuses the best candidates', () => {
    const suggestions = ask({ cart: [pasta], inAssortment: (id) => id !== sauce && id !== bread, limit: 5 });
    expect(suggestions).toHaveLength(5);
    expect(suggestions.map((s) => s.productId)).not.toContain(sauce);
  });

  it('answers with nothing when it knows nothing', () => {
    expect(ask({ model: emptyModel })).toEqual([]);
  });

  it('answers with nothing for a limit of zero, a NaN limit or a NaN time', () => {
    expect(ask({ limit: 0 })).toEqual([]);
    expect(ask({ limit: Number.NaN })).toEqual([]);
    expect(ask({ now: Number.NaN, history: bought(milk, 3) })).toEqual([]);
  });

  it('ignores history lines with a NaN quantity or a return', () => {
    const history: PastPurchase[] = [
      { productId: coffee, at: now - DAY_MS, quantity: Number.NaN },
      { productId: tea, at: now - DAY_MS, quantity: -1 },
    ];
    expect(ask({ history, model: emptyModel })).toEqual([]);
  });

  it('breaks ties by the lower product id and gives the same answer twice', () => {
    const twins = indexRecoModel(buildRecoModel([basket(700, 500), basket(600, 800)], { builtAt: now }));
    const first = ask({ model: twins });
    expect(first.map((s) => s.productId)).toEqual([500, 600, 700, 800]);
    expect(ask({ model: twins })).toEqual(first);
  });
});

describe('recommend, for any model, history and cart', () => {
  const product = fc.integer({ min: 1, max: 25 });
  const scenario = fc.record({
    baskets: fc.array(fc.uniqueArray(product, { minLength: 1, maxLength: 6 }), { maxLength: 40 }),
    history: fc.array(
      fc.record({
        productId: product,
        at: fc.integer({ min: now - 400 * DAY_MS, max: now + DAY_MS }),
        quantity: fc.oneof(fc.integer({ min: -2, max: 5 }), fc.constant(Number.NaN)),
      }),
      { maxLength: 60 },
    ),
    cart: fc.array(product, { maxLength: 5 }),
    refused: fc.uniqueArray(product, { maxLength: 10 }),
    limit: fc.integer({ min: 1, max: 30 }),
  });

  it('never suggests a cart item or a refused one, never twice, and always says why', () => {
    fc.assert(
      fc.property(scenario, ({ baskets, history, cart, refused, limit }) => {
        const model = indexRecoModel(
          buildRecoModel(
            baskets.map((ids) => basket(...ids)),
            { builtAt: now },
          ),
        );
        const suggestions = recommend({
          model,
          history,
          cart,
          now,
          inAssortment: (id) => !refused.includes(id),
          limit,
        });
        const ids = suggestions.map((s) => s.productId);
        expect(ids.length).toBeLessThanOrEqual(limit);
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids.filter((id) => cart.includes(id) || refused.includes(id))).toEqual([]);
        for (const suggestion of suggestions) expect(Suggestion.parse(suggestion)).toEqual(suggestion);
      }),
    );
  });
});
