// How demo customers shop, so the history has the structure recommendations learn from: each has a few
// staples rebought on a personal cycle ("milk every 5 days"), companions bought along with a staple
// ("chocolate with the coffee"), and some browsing among the best sellers. In grocery most of a next
// basket repeats past purchases (FIELD.md, Li et al. 2021), so a model that learns the repeats and the
// companions beats one that does not — the demo data lets both be measured.
import type { CategoryKey } from './categories';
import { categoryId } from './categories';
import { demoProductList } from './demo-catalog';
import { FIRST_GENERATED_PRODUCT_ID, generatedProduct } from './products';
import type { Rng } from './prng';
import { intBetween, pick, weightedPicker } from './prng';
import type { ProductRow } from './rows';

const DAY_MS = 86_400_000;

export interface Staple {
  product: ProductRow;
  /** Days between two purchases, this customer's own rhythm. */
  cycleDays: number;
  /** Where in the cycle the customer started, in days from the Unix epoch modulo the cycle. */
  phaseDays: number;
  quantityMilli: number;
  /** Bought along with the staple now and then; null when this staple has none. */
  companion: ProductRow | null;
  companionShare: number;
}

export interface Habits {
  staples: Staple[];
  /** Chance that a basket also holds best sellers beyond the customer's own items. */
  browsing: number;
}

export type BasketLine = { product: ProductRow; quantityMilli: number };

// Typical days between two purchases of a staple, and how often the category is someone's staple.
// prettier-ignore
const stapleCategories: readonly [CategoryKey, number, number][] = [
  ['milk', 5, 10], ['bread', 3, 10], ['cultured', 6, 8], ['eggs', 9, 6], ['fruit', 6, 7], ['vegetables', 7, 6],
  ['cheese', 12, 5], ['butter', 14, 4], ['coffee', 21, 4], ['tea', 25, 3], ['water', 7, 4], ['sausages', 8, 4],
  ['freshMeat', 7, 4], ['grains', 30, 3], ['pasta', 20, 3], ['dumplings', 14, 2], ['chocolate', 10, 3],
  ['biscuits', 12, 2], ['juice', 10, 2], ['soda', 9, 2], ['pastry', 6, 2], ['kvass', 8, 1], ['iceCream', 10, 1],
  ['toiletPaper', 25, 2], ['laundry', 40, 1], ['dishwashing', 35, 1], ['oralCare', 45, 1], ['shampoo', 45, 1],
  ['soap', 35, 1],
];
const pickStapleCategory = weightedPicker(stapleCategories, ([, , share]) => share);

/** What goes with what: a staple's companion comes from one of these categories. */
const companions: Partial<Record<CategoryKey, readonly CategoryKey[]>> = {
  coffee: ['milk', 'chocolate', 'biscuits', 'pastry'],
  tea: ['biscuits', 'chocolate', 'spreads', 'pastry'],
  bread: ['butter', 'cheese', 'sausages'],
  pasta: ['cheese', 'freshMeat'],
  dumplings: ['cultured'],
  grains: ['butter', 'oil'],
  vegetables: ['oil', 'freshMeat'],
  freshMeat: ['vegetables', 'grains'],
  milk: ['biscuits', 'grains'],
  eggs: ['bread', 'sausages'],
  fruit: ['cultured'],
  cheese: ['bread'],
  sausages: ['bread'],
  laundry: ['cleaners'],
  dishwashing: ['cleaners'],
  shampoo: ['soap'],
  oralCare: ['soap'],
  soda: ['chocolate'],
  water: ['juice'],
  iceCream: ['soda'],
};

/** Generated products a staple or a companion is chosen among: the best-selling end of the catalogue. */
const POOL = 3000;
/** Generated products kept ready-made; beyond them a product is regenerated when a line needs it. */
const CACHED = 20_000;
const DEMO_LINE_SHARE = 0.35;

/**
 * The store's shelf as shoppers meet it: any product by id, best sellers by popularity, products of a
 * category. Products past `products` exist in the generator but not in this store's catalogue: online
 * orders may hold them (purchase_history has no foreign key to products for that reason).
 */
export class Shelf {
  private readonly cache = new Map<number, ProductRow>();
  private readonly byCategory = new Map<number, ProductRow[]>();
  private readonly namesJson = new Map<number, string>();

  constructor(
    readonly seed: number,
    /** Generated products in the catalogue, besides the demo ones. */
    readonly products: number,
  ) {
    const pool = [...demoProductList];
    for (let index = 0; index < Math.min(products, POOL); index++) pool.push(this.generated(index));
    for (const product of pool) {
      const list = this.byCategory.get(product.categoryId) ?? [];
      list.push(product);
      this.byCategory.set(product.categoryId, list);
    }
  }

  private generated(index: number): ProductRow {
    const cached = this.cache.get(index);
    if (cached) return cached;
    const product = generatedProduct(this.seed, index);
    if (index < CACHED) this.cache.set(index, product);
    return product;
  }

  /** A product of the generator's space by id, in the catalogue or not. */
  product(id: number): ProductRow {
    if (id < FIRST_GENERATED_PRODUCT_ID) {
      const demo = demoProductList[id - 1];
      if (!demo) throw new RangeError(`no product ${id}`);
      return demo;
    }
    return this.generated(id - FIRST_GENERATED_PRODUCT_ID);
  }

  /** Names as the lines store them (JSON), computed once per product. */
  names(product: ProductRow): string {
    let json = this.namesJson.get(product.id);
    if (json === undefined) {
      json = JSON.stringify(product.names);
      if (this.namesJson.size < CACHED) this.namesJson.set(product.id, json);
    }
    return json;
  }

  /** Best sellers first: a few products make most of the lines. */
  bestSeller(rng: Rng): ProductRow {
    if (this.products === 0 || rng() < DEMO_LINE_SHARE) {
      return demoProductList[Math.floor(demoProductList.length * rng() ** 1.5)] as ProductRow;
    }
    return this.generated(Math.floor(this.products * rng() ** 2));
  }

  /** A product of the category, the popular ones more likely; null when the shelf has none. */
  inCategory(rng: Rng, key: CategoryKey): ProductRow | null {
    const list = this.byCategory.get(categoryId(key));
    return list ? (list[Math.floor(list.length * rng() ** 2)] ?? null) : null;
  }

  /** An item only the online shop sells: in the generator's space, past this store's catalogue. */
  onlineOnly(rng: Rng): ProductRow {
    return this.generated(this.products + Math.floor(rng() * POOL));
  }
}

/** Grams for a weighed item, pieces (in thousandths) otherwise. */
function usualQuantity(rng: Rng, product: ProductRow): number {
  if (product.unit === 'kg') return intBetween(rng, 30, 150) * 10;
  return rng() < 0.8 ? 1000 : 2000;
}

/** The habits of a generated customer, drawn from their own stream. */
export function drawHabits(rng: Rng, shelf: Shelf): Habits {
  const count = intBetween(rng, 2, 7);
  const staples: Staple[] = [];
  const taken = new Set<number>();
  for (let attempt = 0; staples.length < count && attempt < count * 3; attempt++) {
    const [key, days] = pickStapleCategory(rng);
    const product = shelf.inCategory(rng, key);
    if (!product || taken.has(product.id)) continue;
    taken.add(product.id);
    const cycleDays = Math.max(2, Math.round(days * (0.6 + 0.9 * rng())));
    const companionKeys = companions[key];
    const companion = companionKeys && rng() < 0.6 ? shelf.inCategory(rng, pick(rng, companionKeys)) : null;
    staples.push({
      product,
      cycleDays,
      phaseDays: Math.floor(rng() * cycleDays),
      quantityMilli: usualQuantity(rng, product),
      companion: companion && !taken.has(companion.id) ? companion : null,
      companionShare: 0.2 + 0.4 * rng(),
    });
  }
  return { staples, browsing: 0.2 + 0.6 * rng() };
}

/** True when a purchase of the staple fell due after `previous` and by `at` (both ms). */
function fellDue(staple: Staple, previous: number, at: number): boolean {
  const day = (time: number) => time / DAY_MS - staple.phaseDays;
  const nextDue = Math.ceil(day(previous) / staple.cycleDays) * staple.cycleDays;
  return nextDue <= day(at);
}

export type BasketStyle = 'store' | 'online';

const sameWeight = (rng: Rng, grams: number) => Math.max(50, Math.round(grams * (0.85 + 0.3 * rng())));

/**
 * What a customer buys on a visit at `at`, having last shopped at `previous` (0: no visit known).
 * Due staples are bought most of the time, others rarely; online orders stock up, so they hold more
 * of both and more browsing.
 */
export function fillBasket(
  rng: Rng,
  habits: Habits,
  shelf: Shelf,
  at: number,
  previous: number,
  style: BasketStyle,
): BasketLine[] {
  const lines: BasketLine[] = [];
  const taken = new Set<number>();
  const add = (product: ProductRow, quantityMilli: number) => {
    if (taken.has(product.id)) return;
    taken.add(product.id);
    lines.push({ product, quantityMilli });
  };
  const [dueShare, otherShare] = style === 'online' ? [0.9, 0.3] : [0.85, 0.07];
  for (const staple of habits.staples) {
    const due = previous > 0 ? fellDue(staple, previous, at) : rng() < 0.5;
    if (rng() >= (due ? dueShare : otherShare)) continue;
    const quantity =
      staple.product.unit === 'kg' ? sameWeight(rng, staple.quantityMilli) : staple.quantityMilli;
    add(staple.product, quantity);
    if (staple.companion && rng() < staple.companionShare) {
      add(staple.companion, usualQuantity(rng, staple.companion));
    }
  }
  let browse =
    style === 'online' ? intBetween(rng, 1, 5) : rng() < habits.browsing ? intBetween(rng, 1, 3) : 0;
  if (lines.length === 0) browse = Math.max(browse, 1);
  for (let attempt = 0; browse > 0 && attempt < 10; attempt++) {
    const product = style === 'online' && rng() < 0.1 ? shelf.onlineOnly(rng) : shelf.bestSeller(rng);
    if (taken.has(product.id)) continue;
    add(product, usualQuantity(rng, product));
    browse -= 1;
  }
  return lines;
}
