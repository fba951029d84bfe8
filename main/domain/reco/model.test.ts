import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RecoModel } from '../../../contract/reco';
import type { Basket } from './basket';
import { buildRecoModel } from './model';

const builtAt = Date.UTC(2025, 2, 1);
const bread = 102;
const pasta = 301;
const sauce = 302;
const bags = 900;

const basket = (...products: number[]): Basket => ({
  customerId: null,
  at: builtAt,
  items: products.map((productId) => ({ productId, quantity: 1 })),
});

const times = (n: number, make: (i: number) => Basket): Basket[] =>
  Array.from({ length: n }, (_, i) => make(i));

// Bread is in every basket, so it shares more baskets with pasta (30) than sauce does (20).
const store = [
  ...times(20, () => basket(bread, pasta, sauce)),
  ...times(10, () => basket(bread, pasta)),
  ...times(170, (i) => basket(bread, 1_000 + (i % 40))),
];

const neighboursOf = (model: RecoModel, productId: number) =>
  model.neighbours.find((item) => item.productId === productId);

describe('buildRecoModel', () => {
  it.each(['cosine', 'lift'] as const)(
    'does not let a best seller drown a specific pair (%s)',
    (normalisation) => {
      const model = buildRecoModel(store, { builtAt, normalisation });
      expect(neighboursOf(model, pasta)?.neighbourIds[0]).toBe(sauce);
      expect(neighboursOf(model, sauce)?.neighbourIds[0]).toBe(pasta);
    },
  );

  it('ranks best sellers by the baskets they are in', () => {
    const model = buildRecoModel(store, { builtAt });
    expect(model.basketCount).toBe(200);
    expect(model.popularity.slice(0, 3)).toEqual([
      { productId: bread, baskets: 200 },
      { productId: pasta, baskets: 30 },
      { productId: sauce, baskets: 20 },
    ]);
  });

  it('keeps at most K neighbours per item, best first', () => {
    const model = buildRecoModel(store, { builtAt, neighbours: 2, minPairBaskets: 1 });
    for (const item of model.neighbours) {
      expect(item.neighbourIds.length).toBeLessThanOrEqual(2);
      expect([...item.scores].sort((a, b) => b - a)).toEqual(item.scores);
    }
    expect(neighboursOf(model, bread)?.neighbourIds).toHaveLength(2);
  });

  it('ignores pairs seen in fewer baskets than minPairBaskets', () => {
    const model = buildRecoModel([basket(pasta, sauce), basket(pasta, bags), basket(pasta, sauce)], {
      builtAt,
      minPairBaskets: 2,
    });
    expect(neighboursOf(model, pasta)?.neighbourIds).toEqual([sauce]);
  });

  it('counts a product scanned twice once and skips returned or unreadable lines', () => {
    const messy: Basket = {
      customerId: 'C1',
      at: builtAt,
      items: [
        { productId: pasta, quantity: 1 },
        { productId: pasta, quantity: 2 },
        { productId: sauce, quantity: Number.NaN },
        { productId: bags, quantity: -1 },
      ],
    };
    const model = buildRecoModel([messy, messy], { builtAt, minPairBaskets: 1 });
    expect(model.popularity).toEqual([{ productId: pasta, baskets: 2 }]);
    expect(model.neighbours).toEqual([]);
  });

  it('builds an empty but valid model from no sales', () => {
    const model = buildRecoModel([], { builtAt, source: 'local' });
    expect(model).toMatchObject({ basketCount: 0, popularity: [], neighbours: [], source: 'local' });
    expect(RecoModel.safeParse(model).success).toBe(true);
  });

  it('pairs only a sample of a huge basket, and the sample is the same on every build', () => {
    const wholesale = basket(...Array.from({ length: 200 }, (_, i) => 5_000 + i));
    const options = { builtAt, maxBasketItems: 10, minPairBaskets: 1 };
    const model = buildRecoModel([wholesale], options);
    expect(model.popularity).toHaveLength(200);
    expect(model.neighbours).toHaveLength(10);
    expect(model.neighbours.every((item) => item.neighbourIds.length === 9)).toBe(true);
    expect(buildRecoModel([wholesale], options)).toEqual(model);
  });

  it('keeps frequent pairs when the pair budget forces rare ones out', () => {
    const noisy = [
      ...times(50, () => basket(pasta, sauce)),
      ...times(300, (i) => basket(10_000 + i, 20_000 + i, 30_000 + i)),
      ...times(50, () => basket(pasta, sauce)),
    ];
    const model = buildRecoModel(noisy, { builtAt, maxPairs: 100, minPairBaskets: 2 });
    expect(neighboursOf(model, pasta)?.neighbourIds).toEqual([sauce]);
    expect(model.neighbours.map((item) => item.productId)).toEqual([pasta, sauce]);
  });

  it('gives the same model whatever the order of the baskets', () => {
    const baskets = fc.array(
      fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 6 }),
      {
        maxLength: 30,
      },
    );
    fc.assert(
      fc.property(baskets, (lists) => {
        const forward = lists.map((products) => basket(...products));
        const model = buildRecoModel(forward, { builtAt, minPairBaskets: 1 });
        expect(buildRecoModel([...forward].reverse(), { builtAt, minPairBaskets: 1 })).toEqual(model);
      }),
    );
  });

  it('refuses options that cannot build a model', () => {
    expect(() => buildRecoModel([], { builtAt, neighbours: 0 })).toThrow(RangeError);
    expect(() => buildRecoModel([], { builtAt, maxBasketItems: 1.5 })).toThrow(RangeError);
    expect(() => buildRecoModel([], { builtAt: Number.NaN })).toThrow(RangeError);
  });
});

describe('the RecoModel contract', () => {
  it('round-trips a built model through JSON, as sync will carry it', () => {
    const model = buildRecoModel(store, { builtAt, source: 'hq' });
    expect(RecoModel.parse(JSON.parse(JSON.stringify(model)))).toEqual(model);
  });

  it('rejects a model whose neighbour ids and scores differ in length', () => {
    const model = buildRecoModel(store, { builtAt });
    const broken = {
      ...model,
      neighbours: [{ productId: pasta, neighbourIds: [sauce, bread], scores: [0.5] }],
    };
    expect(RecoModel.safeParse(broken).success).toBe(false);
  });

  it('rejects negative or missing scores and an unknown version', () => {
    const model = buildRecoModel(store, { builtAt });
    const negative = { ...model, neighbours: [{ productId: pasta, neighbourIds: [sauce], scores: [-1] }] };
    expect(RecoModel.safeParse(negative).success).toBe(false);
    expect(RecoModel.safeParse({ ...model, version: 2 }).success).toBe(false);
    expect(RecoModel.safeParse(JSON.parse('{"version":1}')).success).toBe(false);
  });
});
