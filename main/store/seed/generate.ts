// This till's own sales over the 180 days before the end, in receipt order: the weekday rhythm and
// opening hours of a Moscow store, about half of them to a known customer (frequent shoppers more
// often, and each buying from their own habits, shopping.ts), a few with a coupon. A lazy generator, so
// millions of sales stream into the database without being held in memory.
import { couponDiscount, discountShares } from '../../domain/coupon';
import { maskCard } from '../../domain/customer-identity';
import { allocate, lineTotal } from '../../domain/money';
import { formatReceiptNo } from '../../domain/receipt';
import { lineTax, taxTotals } from '../../domain/tax';
import type { TillConfig } from '../../../contract/config';
import type { SaleLineRecord } from '../sales';
import { DAY_MS, HISTORY_DAYS, HOUR_MS, historyEnd, momentOfDay } from './calendar';
import { otherStores } from './chain';
import { Clientele, joinedAt } from './clientele';
import { CouponCodes, couponUnitMinor, demoCouponRow } from './coupons';
import { demoUsers, embeddedWeightBarcode } from './demo-catalog';
import { FIRST_GENERATED_CUSTOMER_ID, campaignCoupon, demoCustomerList } from './demo-customers';
import { loyaltyCardNo, seededUuid } from './identifiers';
import { checkCount } from './limits';
import { payments } from './payments';
import type { Rng } from './prng';
import { Stream, intBetween, pick, rngFor, weightedPicker } from './prng';
import type { BasketLine } from './shopping';
import { Shelf, fillBasket } from './shopping';
import type { CouponRow, ProductRow, SeedSale } from './rows';

export interface SalesPlan {
  seed: number;
  count: number;
  /** Generated products to sell besides the demo catalogue (the `products` of generateProducts). */
  products: number;
  /** Generated customers besides the demo ones. */
  customers: number;
  now: Date;
  config: TillConfig;
  /** Built once by the caller when the history needs the same ones; made here otherwise. */
  shelf?: Shelf;
  clientele?: Clientele;
  /** Hands out the codes of coupons redeemed in these sales; the seed's HQ coupons continue from it. */
  couponCodes?: CouponCodes;
}

// Sunday first, as Date.getUTCDay counts: Friday and Saturday are the big shops.
const weekdayWeights = [1.15, 0.9, 0.9, 0.95, 1.0, 1.2, 1.3];
// prettier-ignore
const pickLineCount = weightedPicker(
  [[1, 20], [2, 20], [3, 18], [4, 14], [5, 10], [6, 8], [7, 6], [8, 4]] as const,
  ([, weight]) => weight,
);
// prettier-ignore
const pickPieces = weightedPicker(
  [[1, 75], [2, 15], [3, 5], [4, 3], [6, 2]] as const,
  ([, weight]) => weight,
);
const pickCashier = weightedPicker(demoUsers, (user) => (user.role === 'manager' ? 1 : 4.5));
const CUSTOMER_SHARE = 0.55;
const VOID_SHARE = 0.01;
const CAMPAIGN_SHARE = 0.03;
/** Customers found by phone or name rather than a scanned card: no card on the receipt. */
const PHONE_IDENTIFIED_SHARE = 0.3;
const MAX_LINES = 12;

/** Sales per day over the history: weekday rhythm, slow growth and day-to-day noise, summing to `count`. */
function salesPerDay(seed: number, count: number, firstDay: number): number[] {
  const rng = rngFor(seed, Stream.day, 0);
  const weights = Array.from({ length: HISTORY_DAYS }, (_, day) => {
    const weekday = new Date(firstDay + day * DAY_MS).getUTCDay();
    const growth = 1 + (0.1 * day) / HISTORY_DAYS;
    return Math.round(1000 * (weekdayWeights[weekday] ?? 1) * growth * (0.85 + 0.3 * rng()));
  });
  return allocate(count, weights);
}

/** The demo customers' visits to this store, in time order: 18:30 Moscow time on their days. */
function demoVisits(end: number): { at: number; customerId: number }[] {
  return demoCustomerList
    .flatMap((customer) =>
      customer.localVisits.map((days) => ({
        at: end - days * DAY_MS + 15.5 * HOUR_MS,
        customerId: customer.id,
      })),
    )
    .sort((a, b) => a.at - b.at);
}

type Offer = Pick<CouponRow, 'kind' | 'percentBp' | 'amountMinor' | 'minSpendMinor'>;

/**
 * The personal coupon a customer brings to this visit, if any: a welcome offer on a first purchase
 * soon after joining, a win-back offer after two months away, now and then a segment offer.
 */
function personalOffer(rng: Rng, unit: number, joined: number, previous: number, at: number): Offer | null {
  if (previous === 0 && at - joined < 45 * DAY_MS) {
    return rng() < 0.35
      ? { kind: 'first_purchase', percentBp: null, amountMinor: 3 * unit, minSpendMinor: 10 * unit }
      : null;
  }
  if (previous > 0 && at - previous > 60 * DAY_MS) {
    return rng() < 0.4 ? { kind: 'winback', percentBp: 1500, amountMinor: null, minSpendMinor: 0 } : null;
  }
  return rng() < 0.02
    ? { kind: 'segment', percentBp: rng() < 0.5 ? 500 : 1000, amountMinor: null, minSpendMinor: 0 }
    : null;
}

export function* generateSales(plan: SalesPlan): Generator<SeedSale> {
  checkCount('sales', plan.count);
  checkCount('products', plan.products);
  checkCount('customers', plan.customers);
  const { seed, config } = plan;
  const end = historyEnd(plan.now);
  const shelf = plan.shelf ?? new Shelf(seed, plan.products);
  const clientele =
    plan.clientele ?? new Clientele(seed, plan.customers, end, otherStores(config.store.code), shelf);
  const codes = plan.couponCodes ?? new CouponCodes(seed);
  const unit = couponUnitMinor(config.store.currency);
  const campaign = demoCouponRow(campaignCoupon, null, end, config.store.currency);
  const campaignFrom = Date.parse(campaign.validFrom);
  const weightRule = config.embeddedBarcodes.find((rule) => rule.kind === 'weight' && rule.pluDigits === 5);
  // The 180 whole days before the end; a Moscow day (from 21:00 UTC the evening before) closes at
  // 22:00 local, so even the last day's sales are before the end.
  const firstDay = end - HISTORY_DAYS * DAY_MS;
  const perDay = salesPerDay(seed, plan.count, firstDay);
  const visits = demoVisits(end);
  let nextVisit = 0;
  /** Each customer's last visit to this till (ms), 0 before the first: the rhythm of their staples. */
  const lastVisit = new Float64Array(FIRST_GENERATED_CUSTOMER_ID + plan.customers);

  // Weighed goods are scanned from the scale's label; without a 5-digit weight rule the till sells them
  // by PLU, shown as the catalogue does.
  const weighedBarcode = (plu: string, grams: number) =>
    weightRule ? embeddedWeightBarcode(plu, grams, weightRule.prefix) : `PLU ${plu}`;
  const browsingBasket = (rng: Rng): BasketLine[] => {
    const [lineCount] = pickLineCount(rng);
    const lines: BasketLine[] = [];
    const sold = new Set<number>();
    for (let attempt = 0; lines.length < lineCount && attempt < lineCount * 3; attempt++) {
      const product: ProductRow = shelf.bestSeller(rng);
      // The till merges a rescanned piece item into its line, so a receipt lists each product once.
      if (sold.has(product.id)) continue;
      sold.add(product.id);
      // A kg line's thousandths are the grams the scale weighed.
      lines.push({
        product,
        quantityMilli: product.plu ? intBetween(rng, 150, 2500) : pickPieces(rng)[0] * 1000,
      });
    }
    return lines;
  };

  const cardOf = (customerId: number): string | null =>
    customerId >= FIRST_GENERATED_CUSTOMER_ID
      ? loyaltyCardNo(customerId)
      : (demoCustomerList.find((customer) => customer.id === customerId)?.cardNo ?? null);
  /**
   * The coupon a sale redeems, if any: a generated customer's personal offer, or now and then the
   * campaign code on an anonymous sale. Only when the basket reaches the coupon's minimum spend.
   */
  const couponFor = (
    rng: Rng,
    customerId: number | null,
    previous: number,
    time: number,
    subtotal: number,
  ): { terms: CouponRow; personal: boolean } | null => {
    if (customerId === null) {
      const use = time >= campaignFrom && subtotal >= campaign.minSpendMinor && rng() < CAMPAIGN_SHARE;
      return use ? { terms: campaign, personal: false } : null;
    }
    if (customerId < FIRST_GENERATED_CUSTOMER_ID) return null;
    const offer = personalOffer(rng, unit, joinedAt(seed, customerId, plan.customers, end), previous, time);
    if (!offer || subtotal < offer.minSpendMinor) return null;
    const terms: CouponRow = {
      code: codes.next(),
      customerId,
      ...offer,
      validFrom: new Date(time - intBetween(rng, 1, 20) * DAY_MS).toISOString(),
      validUntil: new Date(time + intBetween(rng, 5, 25) * DAY_MS).toISOString(),
      redeemedAt: null,
      redeemedSaleId: null,
    };
    return { terms, personal: true };
  };

  let seq = 0;
  for (const [day, count] of perDay.entries()) {
    const times: number[] = [];
    const dayRng = rngFor(seed, Stream.day, day + 1);
    for (let i = 0; i < count; i++) times.push(momentOfDay(dayRng, firstDay + day * DAY_MS, false));
    times.sort((a, b) => a - b);

    for (const time of times) {
      seq += 1;
      const rng = rngFor(seed, Stream.sale, seq);
      const saleId = seededUuid(seed, `sale/${seq}`);
      let customerId: number | null = null;
      const visit = visits[nextVisit];
      if (visit && visit.at <= time) {
        customerId = visit.customerId;
        nextVisit += 1;
      } else {
        const joined = clientele.joinedBy(time);
        if (joined > 0 && rng() < CUSTOMER_SHARE) customerId = clientele.pick(rng, joined);
      }
      const previous = customerId === null ? 0 : (lastVisit[customerId] ?? 0);
      const basket =
        customerId === null
          ? browsingBasket(rng)
          : fillBasket(rng, clientele.habits(customerId), shelf, time, previous, 'store').slice(0, MAX_LINES);
      if (customerId !== null) lastVisit[customerId] = time;

      const status = rng() < VOID_SHARE ? 'voided' : 'completed';
      const gross = basket.map(({ product, quantityMilli }) => {
        const total = lineTotal(product.priceMinor, quantityMilli);
        if (!total.ok) throw new Error(`demo line over the money cap: ${total.error.message}`);
        return total.value;
      });
      const subtotal = gross.reduce((sum, total) => sum + total, 0);
      const coupon = status === 'completed' ? couponFor(rng, customerId, previous, time, subtotal) : null;
      const discountMinor = coupon ? couponDiscount(coupon.terms, subtotal).discountMinor : 0;
      const shares = discountShares(gross, discountMinor);
      const lines: SaleLineRecord[] = basket.map(({ product, quantityMilli }, index) => {
        const discount = shares[index] ?? 0;
        const totalMinor = (gross[index] ?? 0) - discount;
        return {
          id: seededUuid(seed, `sale/${seq}/line/${index + 1}`),
          lineNo: index + 1,
          productId: product.id,
          barcode: product.plu ? weighedBarcode(product.plu, quantityMilli) : pick(rng, product.barcodes),
          names: product.names,
          unit: product.unit,
          quantityMilli,
          unitPriceMinor: product.priceMinor,
          totalMinor,
          discountMinor: discount,
          taxRateBp: product.taxRateBp,
          taxMinor: lineTax(totalMinor, product.taxRateBp),
        };
      });
      const totalMinor = subtotal - discountMinor;
      const tenders = payments(rng, (n) => seededUuid(seed, `sale/${seq}/payment/${n}`), totalMinor);
      const createdAt = new Date(time).toISOString();
      const card = customerId === null || rng() < PHONE_IDENTIFIED_SHARE ? null : cardOf(customerId);
      yield {
        id: saleId,
        receiptNo: formatReceiptNo(config.store.code, config.terminal.code, seq, 'sale'),
        storeCode: config.store.code,
        terminalCode: config.terminal.code,
        cashierId: pickCashier(rng).id,
        customerId,
        customerCard: card === null ? null : maskCard(card),
        couponCode: coupon?.terms.code ?? null,
        discountMinor,
        status,
        currency: config.store.currency,
        totalMinor,
        taxMinor: taxTotals(lines).reduce((sum, tax) => sum + tax.taxMinor, 0),
        changeMinor: tenders.reduce((sum, tender) => sum + (tender.changeMinor ?? 0), 0),
        createdAt,
        lines,
        payments: tenders,
        redeemed: coupon?.personal
          ? { ...coupon.terms, redeemedAt: createdAt, redeemedSaleId: saleId }
          : null,
      };
    }
  }
}
