// Seeded randomness for demo data: the same seed builds the same store on every machine and run.
// Every entity draws from its own stream (seed, kind, index), so product 123 456 is the same product
// whether it is generated in order or looked up again when a past sale needs it.

/** A uniform number in [0, 1). */
export type Rng = () => number;

/** mulberry32 (Tommy Ettinger): 32 bits of state, fast, and good enough for demo data — not for secrets. */
export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

// MurmurHash3's finaliser: neighbouring inputs (index 41, 42) land on unrelated states.
function mix32(value: number): number {
  let x = value >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

export const Stream = {
  product: 1,
  customer: 2,
  sale: 3,
  day: 4,
  barcode: 5,
  shopper: 6,
  habits: 7,
  history: 8,
  loyalty: 9,
  coupon: 10,
  profile: 11,
} as const;

export function rngFor(seed: number, stream: number, index: number): Rng {
  return mulberry32(mix32(mix32(seed ^ mix32(stream)) + index));
}

/** A seed-dependent offset for permutations, so two seeds do not share barcodes or phone numbers. */
export const seedOffset = (seed: number, stream: number): number => mix32(seed ^ mix32(stream));

/** An integer in [min, max], both included. */
export const intBetween = (rng: Rng, min: number, max: number): number =>
  min + Math.floor(rng() * (max - min + 1));

export function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new RangeError('cannot pick from an empty list');
  return item;
}

/** A picker by relative weight, the cumulative table built once for hot loops. */
export function weightedPicker<T>(items: readonly T[], weightOf: (item: T) => number): (rng: Rng) => T {
  const cumulative: number[] = [];
  let total = 0;
  for (const item of items) {
    total += weightOf(item);
    cumulative.push(total);
  }
  if (items.length === 0 || total <= 0) throw new RangeError('a weighted pick needs a positive weight');
  return (rng) => {
    const target = rng() * total;
    const index = cumulative.findIndex((bound) => target < bound);
    return items[index === -1 ? items.length - 1 : index] as T;
  };
}

/** A digit string of `length`, zero-padded; the number must fit. */
export function digits(value: number, length: number): string {
  const text = String(value);
  if (text.length > length) throw new RangeError(`${value} does not fit in ${length} digits`);
  return text.padStart(length, '0');
}

/** A standard normal draw (Box–Muller), for the long tails of how often people shop. */
export function normal(rng: Rng): number {
  const u = 1 - rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}
