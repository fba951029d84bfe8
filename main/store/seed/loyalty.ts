// What HQ's jobs make of the purchases once they are in (ARCHITECTURE.md: "HQ jobs (coupons,
// segments, model) ──change feed──> SQLite"): each customer's tier and points by the last twelve
// months' spend, an expected lifetime value, the coupons HQ generated (welcome, win-back, birthday,
// anniversary, segment offers; some still valid, some expired, some used elsewhere) and a few saved
// bags. The ledger collects, as the seed writes them, the purchases these are computed from.
import { DAY_MS } from './calendar';
import type { CouponCodes } from './coupons';
import { demoUsers } from './demo-catalog';
import type { Rng } from './prng';
import { intBetween, weightedPicker } from './prng';
import type { CouponRow, SavedBagRow } from './rows';
import type { Shelf } from './shopping';

const YEAR_MS = 365 * DAY_MS;
/** Tier thresholds on the last twelve months' spend, in coupon units (100 ₽ in RUB). */
const SILVER_UNITS = 120;
const GOLD_UNITS = 300;
/** Points: one per tenth of a unit spent (1 per 10 ₽), part of them already spent. */
const POINTS_PER_UNIT = 10;

/** Each customer's purchases, by id: documents, spend over the last year and overall, the last one. */
export class Ledger {
  readonly documents: Int32Array;
  readonly spendYear: Float64Array;
  readonly spendTotal: Float64Array;
  readonly lastAt: Float64Array;

  constructor(
    size: number,
    private readonly end: number,
  ) {
    this.documents = new Int32Array(size);
    this.spendYear = new Float64Array(size);
    this.spendTotal = new Float64Array(size);
    this.lastAt = new Float64Array(size);
  }

  record(customerId: number, at: number, totalMinor: number): void {
    this.documents[customerId] = (this.documents[customerId] ?? 0) + 1;
    this.spendTotal[customerId] = (this.spendTotal[customerId] ?? 0) + totalMinor;
    if (at >= this.end - YEAR_MS) this.spendYear[customerId] = (this.spendYear[customerId] ?? 0) + totalMinor;
    if (at > (this.lastAt[customerId] ?? 0)) this.lastAt[customerId] = at;
  }
}

type Tier = 'basic' | 'silver' | 'gold';

export interface Standing {
  tier: Tier;
  pointsBalance: number;
  /** HQ's model's figure; null while it has too little to go on. */
  expectedLtvMinor: number | null;
}

function tierFor(spendYearMinor: number, unit: number): Tier {
  if (spendYearMinor >= GOLD_UNITS * unit) return 'gold';
  if (spendYearMinor >= SILVER_UNITS * unit) return 'silver';
  return 'basic';
}

/** A customer's standing from their ledger line, drawn from their own loyalty stream. */
export function standingOf(rng: Rng, ledger: Ledger, id: number, unit: number, end: number): Standing {
  const documents = ledger.documents[id] ?? 0;
  const spendYear = ledger.spendYear[id] ?? 0;
  const earned = Math.floor((spendYear * POINTS_PER_UNIT) / unit);
  const pointsBalance = Math.round(earned * (0.3 + 0.7 * rng()));
  if (documents === 0) {
    // New customers get the cohort's prior, until the model has their own purchases.
    return {
      tier: 'basic',
      pointsBalance,
      expectedLtvMinor: rng() < 0.7 ? Math.round(20 * unit * (0.5 + rng())) : null,
    };
  }
  const away = end - (ledger.lastAt[id] ?? 0);
  const yearly = spendYear > 0 ? spendYear : (ledger.spendTotal[id] ?? 0) / 2;
  const staying = away < 90 * DAY_MS ? 1 : away < YEAR_MS ? 0.5 : 0.2;
  return {
    tier: tierFor(spendYear, unit),
    pointsBalance,
    expectedLtvMinor: rng() < 0.1 ? null : Math.round(yearly * (1.5 + 2 * rng()) * staying),
  };
}

interface CouponContext {
  id: number;
  tier: Tier;
  joined: number;
  /** YYYY-MM-DD, or null. */
  birthday: string | null;
  end: number;
  unit: number;
}

const iso = (time: number) => new Date(time).toISOString();
const days = (count: number) => count * DAY_MS;

/** The same day and month in `year` (29 February falls on 1 March in other years). */
function inYear(date: string, year: number): number {
  return Date.UTC(year, Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

/** The coupons HQ generated for a customer: some valid at the end, some expired, some used elsewhere. */
export function hqCoupons(
  rng: Rng,
  ledger: Ledger,
  customer: CouponContext,
  codes: CouponCodes,
): CouponRow[] {
  const { id, end, unit } = customer;
  const documents = ledger.documents[id] ?? 0;
  const coupons: CouponRow[] = [];
  const issue = (
    terms: Pick<CouponRow, 'kind' | 'percentBp' | 'amountMinor' | 'minSpendMinor'>,
    from: number,
    until: number,
  ) => {
    // A coupon that ended before the end was used (somewhere else: no sale of this till) or expired.
    const redeemedAt = until < end && rng() < 0.4 ? from + Math.floor(rng() * (until - from)) : null;
    coupons.push({
      code: codes.next(),
      customerId: id,
      ...terms,
      validFrom: iso(from),
      validUntil: iso(until),
      redeemedAt: redeemedAt === null ? null : iso(redeemedAt),
      redeemedSaleId: null,
    });
  };
  const fixed = (units: number, minUnits: number) => ({
    percentBp: null,
    amountMinor: units * unit,
    minSpendMinor: minUnits * unit,
  });
  const percent = (bp: number) => ({ percentBp: bp, amountMinor: null, minSpendMinor: 0 });

  // A welcome offer for those who joined lately and have not bought yet.
  if (documents === 0 && end - customer.joined < days(45) && rng() < 0.8) {
    issue({ kind: 'first_purchase', ...fixed(3, 10) }, customer.joined, customer.joined + days(30));
  }
  // Win-back: bought at least twice, then stayed away for three months.
  if (documents >= 2 && end - (ledger.lastAt[id] ?? 0) > days(90) && rng() < 0.6) {
    const from = end - days(intBetween(rng, 0, 20));
    issue({ kind: 'winback', ...percent(1500) }, from, from + days(30));
  }
  // Birthday: a week either side; this year's when it is near, last year's gone by.
  if (customer.birthday !== null) {
    const year = new Date(end).getUTCFullYear();
    const candidates = [
      inYear(customer.birthday, year - 1),
      inYear(customer.birthday, year),
      inYear(customer.birthday, year + 1),
    ];
    const near = candidates.find((day) => day - days(21) <= end && end <= day + days(7));
    if (near !== undefined && rng() < 0.8)
      issue({ kind: 'birthday', ...percent(1000) }, near - days(7), near + days(7));
    const past = candidates.filter((day) => day + days(7) < end).at(-1);
    if (past !== undefined && documents > 0 && rng() < 0.3) {
      issue({ kind: 'birthday', ...percent(1000) }, past - days(7), past + days(7));
    }
  }
  // The anniversary of joining, from the first one on.
  const years = Math.round((end - customer.joined) / YEAR_MS);
  const anniversary = customer.joined + years * YEAR_MS;
  if (years >= 1 && Math.abs(anniversary - end) <= days(15) && rng() < 0.7) {
    issue({ kind: 'anniversary', ...fixed(5, 25) }, anniversary - days(5), anniversary + days(25));
  }
  // Offers for the better tiers, and an older one most regulars had.
  if (customer.tier !== 'basic' && rng() < 0.4) {
    const from = end - days(intBetween(rng, 0, 10));
    issue(
      { kind: 'segment', ...percent(customer.tier === 'gold' ? 1000 : 700) },
      from,
      from + days(intBetween(rng, 14, 30)),
    );
  }
  if (documents >= 3 && rng() < 0.15) {
    const from = end - days(intBetween(rng, 60, 200));
    issue({ kind: 'segment', ...fixed(3, 15) }, from, from + days(30));
  }
  // Now and then an associate's goodwill gesture after a complaint.
  if (documents > 0 && rng() < 0.01) {
    const from = end - days(intBetween(rng, 0, 10));
    issue({ kind: 'manual', ...fixed(3, 0) }, from, from + days(30));
  }
  return coupons;
}

const BAG_SHARE = 0.02;
const pickCashier = weightedPicker(demoUsers, (user) => (user.role === 'manager' ? 1 : 4.5));

/** Items a customer set aside at a recent visit, for a few customers who buy here. */
export function savedBag(
  rng: Rng,
  ledger: Ledger,
  id: number,
  shelf: Shelf,
  storeCode: string,
  end: number,
): SavedBagRow[] {
  if ((ledger.documents[id] ?? 0) === 0 || rng() >= BAG_SHARE) return [];
  const items = new Map<number, SavedBagRow>();
  const savedAt = iso(end - days(intBetween(rng, 1, 30)) + intBetween(rng, 8, 20) * 3_600_000);
  const cashierId = pickCashier(rng).id;
  for (let i = intBetween(rng, 1, 2); i > 0; i--) {
    const product = shelf.bestSeller(rng);
    const quantityMilli = product.unit === 'kg' ? intBetween(rng, 3, 15) * 100 : 1000;
    items.set(product.id, {
      customerId: id,
      productId: product.id,
      quantityMilli,
      savedAt,
      storeCode,
      cashierId,
    });
  }
  return [...items.values()];
}
