// Seeded grocery-like sales for the recommendation evaluation, shaped like the patterns published for
// real grocery data (Instacart, Dunnhumby, Ta-Feng): most of a basket is bought again, each household
// has its own staples on its own replenishment cycles, some items go together (pasta and a sauce),
// popularity is long-tailed, and households favour a few departments. The rates below give baskets of
// about ten lines of which about two thirds were bought before by the same customer, as in Instacart.
// Nothing here knows how any method scores; the same seed gives the same baskets on every machine.
import type { Basket, BasketItem } from '../../main/domain/reco/basket';
import type { Rng } from '../../main/store/seed/prng';
import { rngFor } from '../../main/store/seed/prng';

export interface GenerateOptions {
  seed: number;
  customers: number;
  /** Catalogue size. */
  items?: number;
  categories?: number;
  /** Length of the history in days. */
  days?: number;
}

const DAY_MS = 86_400_000;
const START = Date.UTC(2024, 0, 1);
const Stream = { catalogue: 101, customer: 102 } as const;

// Replenishment cycles by kind of department, in days: fresh produce and bread are bought every few
// days, dairy weekly, pantry every few weeks, household goods every month or two.
const CYCLE_CLASSES = [
  { share: 0.25, minDays: 3, maxDays: 6 },
  { share: 0.25, minDays: 5, maxDays: 10 },
  { share: 0.3, minDays: 12, maxDays: 30 },
  { share: 0.2, minDays: 28, maxDays: 70 },
] as const;

/** Share of staples picked from the household's favourite departments (the rest from anywhere). */
const FAVOURITE_SHARE = 0.75;
/** Chance per trip that a staple is replaced by another item of its department (a brand switch). */
const STAPLE_DRIFT = 0.004;
/** Items tried per trip from the household's departments (or anywhere), mostly not bought before. */
const EXPLORE_PER_TRIP = 3.5;
/** Items per trip from anywhere in the catalogue, uniformly: impulse buys, gifts, errands for others. */
const NOISE_PER_TRIP = 0.6;
/** Trying something goes further down the shelf than habits do: a flatter popularity. */
const varietyWeight = (popularity = 0): number => Math.sqrt(popularity);
/** Staples are bought with at most this chance even when due: people forget, or have a spare. */
const MAX_STAPLE_CHANCE = 0.92;

function gaussian(rng: Rng): number {
  const u = Math.max(rng(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

function poisson(rng: Rng, mean: number): number {
  const limit = Math.exp(-mean);
  let product = rng();
  let count = 0;
  while (product > limit) {
    product *= rng();
    count += 1;
  }
  return count;
}

/** Picks an index by relative weight with a binary search over the cumulative table. */
function picker(weights: readonly number[]): (rng: Rng) => number {
  const cumulative: number[] = [];
  let sum = 0;
  for (const weight of weights) cumulative.push((sum += weight));
  return (rng) => {
    const target = rng() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] ?? 0) > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}

interface Category {
  cycleDays: number;
  items: number[];
  /** By popularity: what habits settle on. */
  pickItem: (rng: Rng) => number;
  /** By varietyWeight. */
  pickVariety: (rng: Rng) => number;
  /** Departments whose items go with this one's (pasta and sauces, crisps and beer). */
  partners: number[];
}

interface Catalogue {
  items: number;
  categories: Category[];
  categoryOf: number[];
  pickAny: (rng: Rng) => number;
  pickAnyVariety: (rng: Rng) => number;
  complements: Map<number, { productId: number; chance: number }[]>;
}

function itemAt(category: Category, rng: Rng, variety = false): number {
  return category.items[(variety ? category.pickVariety : category.pickItem)(rng)] ?? 0;
}

function buildCatalogue(seed: number, itemCount: number, categoryCount: number): Catalogue {
  const rng = rngFor(seed, Stream.catalogue, 0);
  // Long-tailed popularity (Zipf, exponent 1) over a random order of the catalogue.
  const rank = Array.from({ length: itemCount }, (_, i) => i);
  for (let i = rank.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rng() * (i + 1));
    [rank[i], rank[j]] = [rank[j] ?? 0, rank[i] ?? 0];
  }
  const popularity = rank.map((r) => 1 / (r + 1));
  const categoryOf = rank.map(() => Math.floor(rng() * categoryCount));
  const pickClass = picker(CYCLE_CLASSES.map((c) => c.share));
  const categories: Category[] = Array.from({ length: categoryCount }, () => {
    const cycleClass = CYCLE_CLASSES[pickClass(rng)] ?? CYCLE_CLASSES[0];
    return {
      cycleDays: cycleClass.minDays + rng() * (cycleClass.maxDays - cycleClass.minDays),
      items: [],
      pickItem: () => 0,
      pickVariety: () => 0,
      partners: [],
    };
  });
  categoryOf.forEach((c, productIndex) => categories[c]?.items.push(productIndex + 1));
  for (const [c, category] of categories.entries()) {
    category.pickItem = picker(category.items.map((productId) => popularity[productId - 1] ?? 0));
    category.pickVariety = picker(
      category.items.map((productId) => varietyWeight(popularity[productId - 1])),
    );
    const partnerCount = 1 + Math.floor(rng() * 2);
    for (let p = 0; p < partnerCount; p += 1) {
      const partner = Math.floor(rng() * categoryCount);
      if (partner !== c) category.partners.push(partner);
    }
  }
  // One item in five has a complement in a partner department, bought with it now and then.
  const complements = new Map<number, { productId: number; chance: number }[]>();
  for (let productId = 1; productId <= itemCount; productId += 1) {
    const category = categories[categoryOf[productId - 1] ?? 0];
    if (category === undefined || category.partners.length === 0 || rng() >= 0.2) continue;
    const partner = categories[category.partners[Math.floor(rng() * category.partners.length)] ?? 0];
    if (partner === undefined || partner.items.length === 0) continue;
    const complement = itemAt(partner, rng);
    const chance = 0.2 + 0.4 * rng();
    complements.set(productId, [...(complements.get(productId) ?? []), { productId: complement, chance }]);
    if (rng() < 0.3) {
      complements.set(complement, [...(complements.get(complement) ?? []), { productId, chance }]);
    }
  }
  const pickAnyIndex = picker(popularity);
  const pickAnyVarietyIndex = picker(popularity.map(varietyWeight));
  return {
    items: itemCount,
    categories,
    categoryOf,
    pickAny: (r) => pickAnyIndex(r) + 1,
    pickAnyVariety: (r) => pickAnyVarietyIndex(r) + 1,
    complements,
  };
}

interface Staple {
  productId: number;
  cycleDays: number;
  lastDay: number;
}

function customerBaskets(catalogue: Catalogue, seed: number, index: number, days: number): Basket[] {
  const rng = rngFor(seed, Stream.customer, index);
  const customerId = `C${String(index + 1).padStart(6, '0')}`;
  const { categories } = catalogue;
  // Half the customers were with the store all year, the rest joined along the way.
  const startDay = rng() < 0.5 ? rng() * 30 : rng() * (days - 30);
  // Most households shop about weekly; some every other day, some once a month or less.
  const tripGap = Math.min(60, Math.max(1.5, 7 * Math.exp(0.8 * gaussian(rng))));
  const favourites = Array.from({ length: 4 }, () => Math.floor(rng() * categories.length));
  const pickFavourite = picker(favourites.map(() => -Math.log(Math.max(rng(), 1e-9))));
  const department = (r: Rng): number | null =>
    r() < FAVOURITE_SHARE ? (favourites[pickFavourite(r)] ?? null) : null;
  const pickItem = (r: Rng, inCategory: number | null, variety = false): number => {
    const category = inCategory === null ? undefined : categories[inCategory];
    if (category === undefined || category.items.length === 0) {
      return variety ? catalogue.pickAnyVariety(r) : catalogue.pickAny(r);
    }
    return itemAt(category, r, variety);
  };

  const stapleCount = Math.min(30, Math.max(2, Math.round(9 * Math.exp(0.5 * gaussian(rng)))));
  const staples: Staple[] = [];
  const newStaple = (productId: number, today: number): Staple => {
    const category = categories[catalogue.categoryOf[productId - 1] ?? 0];
    const cycleDays = Math.max(1, (category?.cycleDays ?? 14) * Math.exp(0.35 * gaussian(rng)));
    return { productId, cycleDays, lastDay: today - rng() * cycleDays };
  };
  for (let attempt = 0; staples.length < stapleCount && attempt < stapleCount * 10; attempt += 1) {
    const productId = pickItem(rng, department(rng));
    if (!staples.some((s) => s.productId === productId)) staples.push(newStaple(productId, startDay));
  }

  const baskets: Basket[] = [];
  // At least a day between trips, so each trip is on a day of its own.
  for (let day = startDay; day < days; day += Math.max(1, tripGap * Math.exp(0.4 * gaussian(rng)))) {
    const bought = new Map<number, number>();
    const buy = (productId: number) => bought.set(productId, 1 + (rng() < 0.25 ? 1 : 0));
    for (const [s, staple] of staples.entries()) {
      if (rng() < STAPLE_DRIFT) {
        const category = catalogue.categoryOf[staple.productId - 1] ?? null;
        staples[s] = newStaple(pickItem(rng, category), day);
        continue;
      }
      const cycles = (day - staple.lastDay) / staple.cycleDays;
      if (rng() < MAX_STAPLE_CHANCE / (1 + Math.exp(-6 * (cycles - 1)))) {
        buy(staple.productId);
        staple.lastDay = day;
      }
    }
    for (let n = poisson(rng, EXPLORE_PER_TRIP); n > 0; n -= 1) buy(pickItem(rng, department(rng), true));
    for (const productId of [...bought.keys()]) {
      for (const complement of catalogue.complements.get(productId) ?? []) {
        if (rng() < complement.chance) buy(complement.productId);
      }
    }
    for (let n = poisson(rng, NOISE_PER_TRIP); n > 0; n -= 1) buy(1 + Math.floor(rng() * catalogue.items));
    if (bought.size === 0) continue;
    const items: BasketItem[] = [...bought].map(([productId, quantity]) => ({ productId, quantity }));
    // Opening hours, 8:00 to 21:00.
    const at = START + Math.floor(day) * DAY_MS + Math.floor((8 + 13 * rng()) * 3_600_000);
    baskets.push({ customerId, at, items });
  }
  return baskets;
}

/** Every customer's baskets, in the order the sales happened. */
export function generateBaskets(options: GenerateOptions): Basket[] {
  const days = options.days ?? 365;
  const catalogue = buildCatalogue(options.seed, options.items ?? 10_000, options.categories ?? 100);
  const baskets: Basket[] = [];
  for (let index = 0; index < options.customers; index += 1) {
    baskets.push(...customerBaskets(catalogue, options.seed, index, days));
  }
  return baskets.sort((a, b) => a.at - b.at);
}
