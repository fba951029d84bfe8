// Generated demo data beyond the fixed catalogue: products, customers and a sales history, as lazy
// generators so millions of rows stream into the database without being held in memory. Everything
// is a function of the seed and of the UTC day of `now` (the history ends at that day's midnight):
// the same seed and day give the same store, whatever the time of day the seed runs.
import { lineTax, taxTotals } from '../../domain/tax';
import { allocate, lineTotal } from '../../domain/money';
import { formatReceiptNo } from '../../domain/receipt';
import type { TillConfig } from '../../../contract/config';
import type { PaymentRecord, SaleLineRecord } from '../sales';
import type { Brand, Kind, PackSize } from './assortment';
import { pieceKinds, weighedKinds } from './assortment';
import { categoryId } from './categories';
import { demoProductList, demoUsers, embeddedWeightBarcode } from './demo-catalog';
import {
  EAN8_CAPACITY,
  generatedEan13,
  generatedEan8,
  loyaltyCardNo,
  mobilePhone,
  seededUuid,
} from './identifiers';
import { randomPerson } from './people';
import type { Rng } from './prng';
import { Stream, digits, intBetween, pick, rngFor, weightedPicker } from './prng';
import type { CustomerRow, Names, ProductRow, SaleRow } from './rows';

/** Generated products follow the fixed demo catalogue. */
export const FIRST_GENERATED_PRODUCT_ID = demoProductList.length + 1;
/** Keeps every generated barcode index and card number within the ranges identifiers.ts can encode. */
export const MAX_GENERATED = 10_000_000;

// One product in 20 is weighed, numbered from PLU 01000 up (the demo catalogue keeps 00001–00999)
// until the 5-digit PLU space runs out; after that every product is a piece item.
const WEIGHED_EVERY = 20;
const FIRST_GENERATED_PLU = 1000;
const LAST_PLU = 99_999;
const SECOND_BARCODE_SHARE = 0.08;
// One product in 50 is a small pack with an EAN-8 instead of an EAN-13, until the EAN-8 space runs out.
// Never a weighed one: those are every 20th from 10, these every 50th from 25, so they never meet.
const EAN8_EVERY = 50;
const EAN8_AT = 25;

function generatedBarcodes(seed: number, index: number, rng: Rng): string[] {
  const ean8 = Math.floor(index / EAN8_EVERY);
  if (index % EAN8_EVERY === EAN8_AT && ean8 < EAN8_CAPACITY) return [generatedEan8(seed, ean8)];
  // A relabelled product keeps its old code on old stock: two EAN-13s, as demo item DEMO-07 has.
  return rng() < SECOND_BARCODE_SHARE
    ? [generatedEan13(seed, 2 * index), generatedEan13(seed, 2 * index + 1)]
    : [generatedEan13(seed, 2 * index)];
}

function generatedPlu(index: number): string | null {
  if (index % WEIGHED_EVERY !== WEIGHED_EVERY / 2) return null;
  const plu = FIRST_GENERATED_PLU + Math.floor(index / WEIGHED_EVERY);
  return plu <= LAST_PLU ? digits(plu, 5) : null;
}

function productNames(kind: Kind, brand: Brand, variant: Names, size: PackSize | null): Names {
  const words = (...parts: (string | undefined)[]) => parts.filter(Boolean).join(' ');
  if (kind.brandStyle === 'origin') {
    return {
      ru: `${words(kind.noun.ru, variant.ru)} (${brand.names.ru})`,
      en: `${words(kind.noun.en, variant.en)} (${brand.names.en})`,
      'zh-CN': `${brand.names['zh-CN']}${variant['zh-CN']}${kind.noun['zh-CN']}`,
    };
  }
  return {
    ru: words(kind.noun.ru, `«${brand.names.ru}»`, variant.ru, size?.names.ru),
    en: words(brand.names.en, kind.noun.en, variant.en, size?.names.en),
    'zh-CN': words(`${brand.names['zh-CN']}${kind.noun['zh-CN']}${variant['zh-CN']}`, size?.names['zh-CN']),
  };
}

/**
 * Shelf prices end the way Russian shops print them: 59,90 or 59,99 below 1 000 ₽, 1 249,00 from
 * there on, always at or above the computed price.
 */
export function shelfPrice(rng: Rng, rawMinor: number): number {
  const roubles = Math.max(1, Math.ceil(rawMinor / 100));
  // The first whole number of roubles ending in 9 that is not below the computed price.
  const nines = roubles + ((19 - (roubles % 10)) % 10);
  // Drawn either way, so a product's later draws do not depend on which branch its price took.
  const kopecks = rng() < 0.6 ? 90 : 99;
  return roubles >= 1000 ? nines * 100 : nines * 100 + kopecks;
}

const pickPieceKind = weightedPicker(pieceKinds, (kind) => kind.share);
const pickWeighedKind = weightedPicker(weighedKinds, (kind) => kind.share);

/** Generated product number `index` (0-based) of a seed, computable on its own for random access. */
export function generatedProduct(seed: number, index: number): ProductRow {
  const rng = rngFor(seed, Stream.product, index);
  const plu = generatedPlu(index);
  const kind = plu ? pickWeighedKind(rng) : pickPieceKind(rng);
  const brand = pick(rng, kind.brands);
  const variant = pick(rng, kind.variants);
  const size = kind.sizes.length > 0 ? pick(rng, kind.sizes) : null;
  const reference = kind.sizes[0]?.amount ?? 1;
  // Bigger packs cost less per gram: price grows slower than the amount.
  const sizeFactor = size ? (size.amount / reference) ** 0.85 : 1;
  const [low, high] = kind.price;
  const usual = low + (high - low) * rng() ** 1.3;
  const priceMinor = shelfPrice(rng, usual * brand.tier * sizeFactor * (0.92 + 0.16 * rng()));
  const id = FIRST_GENERATED_PRODUCT_ID + index;
  const barcodes = plu ? [] : generatedBarcodes(seed, index, rng);
  return {
    id,
    sku: `SKU-${digits(id, 8)}`,
    categoryId: categoryId(kind.category),
    unit: plu ? 'kg' : 'piece',
    priceMinor,
    taxRateBp: kind.taxRateBp,
    plu,
    names: productNames(kind, brand, variant, size),
    barcodes,
  };
}

export function checkCount(name: string, count: number): void {
  if (!Number.isSafeInteger(count) || count < 0 || count > MAX_GENERATED) {
    throw new RangeError(`${name} must be an integer from 0 to ${MAX_GENERATED}, got ${count}`);
  }
}

export function* generateProducts(seed: number, count: number): Generator<ProductRow> {
  checkCount('products', count);
  for (let index = 0; index < count; index++) yield generatedProduct(seed, index);
}

const DAY_MS = 86_400_000;

/** Midnight UTC at the start of `now`'s day: where the history ends and sign-ups stop. */
export function historyEnd(now: Date): number {
  const time = now.getTime();
  if (!Number.isFinite(time)) throw new RangeError('the seed needs a valid date');
  return Math.floor(time / DAY_MS) * DAY_MS;
}
const CUSTOMER_HISTORY_DAYS = 3 * 365;
const EMAIL_SHARE = 0.7;
// RFC 2606 reserves these: demo e-mail can never reach a real mailbox.
const EMAIL_DOMAINS = ['example.com', 'example.org', 'example.net'];

/**
 * Customers join at an even pace over the three years before the history ends, in id order as cards
 * are issued: customer `id` joined before `start + id × step`, which lets a sale pick only customers
 * who existed.
 */
function customerTimeline(count: number, now: Date): { start: number; step: number } {
  const start = historyEnd(now) - CUSTOMER_HISTORY_DAYS * DAY_MS;
  return { start, step: count > 0 ? (CUSTOMER_HISTORY_DAYS * DAY_MS) / count : 0 };
}

export function* generateCustomers(seed: number, count: number, now: Date): Generator<CustomerRow> {
  checkCount('customers', count);
  const { start, step } = customerTimeline(count, now);
  for (let id = 1; id <= count; id++) {
    const rng = rngFor(seed, Stream.customer, id);
    const person = randomPerson(rng);
    yield {
      id,
      cardNo: loyaltyCardNo(id),
      name: person.name,
      phone: mobilePhone(seed, id),
      email: rng() < EMAIL_SHARE ? `${person.emailName}${id}@${pick(rng, EMAIL_DOMAINS)}` : null,
      createdAt: new Date(Math.floor(start + (id - 1 + rng()) * step)).toISOString(),
    };
  }
}

export interface SalesPlan {
  seed: number;
  count: number;
  /** Generated products to sell besides the demo catalogue (the `products` of generateProducts). */
  products: number;
  customers: number;
  now: Date;
  config: TillConfig;
}

export const HISTORY_DAYS = 180;
// Moscow (UTC+3, no DST) opening hours 08:00–22:00; busiest after work.
const MOSCOW_OFFSET_HOURS = 3;
// prettier-ignore
const hourWeights: readonly [number, number][] = [
  [8, 3], [9, 5], [10, 6], [11, 6], [12, 8], [13, 8], [14, 6], [15, 6], [16, 7], [17, 10], [18, 12], [19, 11], [20, 8], [21, 5],
];
// Sunday first, as Date.getUTCDay counts: Friday and Saturday are the big shops.
const weekdayWeights = [1.15, 0.9, 0.9, 0.95, 1.0, 1.2, 1.3];
const pickHour = weightedPicker(hourWeights, ([, weight]) => weight);
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
const DEMO_LINE_SHARE = 0.35;
const CUSTOMER_SHARE = 0.4;
const VOID_SHARE = 0.01;

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

// Cash as customers hand it over: exact money, or the next round sum a note or two makes.
// prettier-ignore
const pickCashRounding = weightedPicker(
  [[0, 25], [1000, 15], [5000, 15], [10000, 20], [50000, 10], [100000, 10], [500000, 5]] as const,
  ([, weight]) => weight,
);
function cashReceived(rng: Rng, due: number): number {
  const [unit] = pickCashRounding(rng);
  return unit === 0 ? due : Math.ceil(due / unit) * unit;
}

function cardApproval(rng: Rng) {
  return {
    cardMasked: `**** ${digits(intBetween(rng, 0, 9999), 4)}`,
    authCode: digits(intBetween(rng, 0, 999_999), 6),
    // The acquirer's retrieval reference number (RRN): 12 digits.
    terminalRef: `${digits(intBetween(rng, 0, 999_999), 6)}${digits(intBetween(rng, 0, 999_999), 6)}`,
  };
}

/**
 * Tenders as the till takes them (domain/tender.ts): a card pays exactly its amount; cash settles the
 * rest and alone gives change. A split sale is a card part first, then cash.
 */
function payments(rng: Rng, idOf: (n: number) => string, total: number): PaymentRecord[] {
  const card = (n: number, amountMinor: number): PaymentRecord => ({
    id: idOf(n),
    kind: 'card',
    amountMinor,
    receivedMinor: null,
    changeMinor: null,
    ...cardApproval(rng),
  });
  const cash = (n: number, due: number): PaymentRecord => {
    const received = cashReceived(rng, due);
    return {
      id: idOf(n),
      kind: 'cash',
      amountMinor: due,
      receivedMinor: received,
      changeMinor: received - due,
      cardMasked: null,
      authCode: null,
      terminalRef: null,
    };
  };
  const kind = rng();
  if (kind < 0.52) return [card(1, total)];
  if (kind < 0.95 || total < 20_000) return [cash(1, total)];
  const cardPart = Math.max(100, Math.round((total * (0.3 + 0.5 * rng())) / 100) * 100);
  return cardPart >= total ? [card(1, total)] : [card(1, cardPart), cash(2, total - cardPart)];
}

export function* generateSales(plan: SalesPlan): Generator<SaleRow> {
  checkCount('sales', plan.count);
  checkCount('products', plan.products);
  checkCount('customers', plan.customers);
  const { seed, config } = plan;
  const weightRule = config.embeddedBarcodes.find((rule) => rule.kind === 'weight' && rule.pluDigits === 5);
  // The 180 whole days before the end; a Moscow day (from 21:00 UTC the evening before) closes at
  // 22:00 local, so even the last day's sales are before the end.
  const firstDay = historyEnd(plan.now) - HISTORY_DAYS * DAY_MS;
  const perDay = salesPerDay(seed, plan.count, firstDay);
  const customers = customerTimeline(plan.customers, plan.now);

  const productFor = (rng: Rng): ProductRow => {
    if (plan.products === 0 || rng() < DEMO_LINE_SHARE) {
      return demoProductList[Math.floor(demoProductList.length * rng() ** 1.5)] as ProductRow;
    }
    // Best sellers first: a few products make most of the lines.
    return generatedProduct(seed, Math.floor(plan.products * rng() ** 2));
  };
  // Weighed goods are scanned from the scale's label; without a 5-digit weight rule the till sells them
  // by PLU, shown as the catalogue does.
  const weighedBarcode = (plu: string, grams: number) =>
    weightRule ? embeddedWeightBarcode(plu, grams, weightRule.prefix) : `PLU ${plu}`;

  let seq = 0;
  for (const [day, count] of perDay.entries()) {
    const opening = firstDay + day * DAY_MS - MOSCOW_OFFSET_HOURS * 3_600_000;
    const times: number[] = [];
    const dayRng = rngFor(seed, Stream.day, day + 1);
    for (let i = 0; i < count; i++) {
      const [hour] = pickHour(dayRng);
      times.push(opening + hour * 3_600_000 + Math.floor(dayRng() * 3_600_000));
    }
    times.sort((a, b) => a - b);

    for (const time of times) {
      seq += 1;
      const rng = rngFor(seed, Stream.sale, seq);
      const saleId = seededUuid(seed, `sale/${seq}`);
      const lines: SaleRow['lines'] = [];
      const sold = new Set<number>();
      const [lineCount] = pickLineCount(rng);
      for (let attempt = 0; lines.length < lineCount && attempt < lineCount * 3; attempt++) {
        const product = productFor(rng);
        // The till merges a rescanned piece item into its line, so a receipt lists each product once.
        if (sold.has(product.id)) continue;
        sold.add(product.id);
        // A kg line's thousandths are the grams the scale weighed.
        const quantityMilli = product.plu ? intBetween(rng, 150, 2500) : pickPieces(rng)[0] * 1000;
        const total = lineTotal(product.priceMinor, quantityMilli);
        if (!total.ok) throw new Error(`demo line over the money cap: ${total.error.message}`);
        lines.push({
          id: seededUuid(seed, `sale/${seq}/line/${lines.length + 1}`),
          lineNo: lines.length + 1,
          productId: product.id,
          barcode: product.plu ? weighedBarcode(product.plu, quantityMilli) : pick(rng, product.barcodes),
          names: product.names,
          unit: product.unit,
          quantityMilli,
          unitPriceMinor: product.priceMinor,
          totalMinor: total.value,
          taxRateBp: product.taxRateBp,
          taxMinor: lineTax(total.value, product.taxRateBp),
        });
      }
      const totalMinor = lines.reduce((sum, line) => sum + line.totalMinor, 0);
      const tenders = payments(rng, (n) => seededUuid(seed, `sale/${seq}/payment/${n}`), totalMinor);
      const knownCustomers =
        customers.step > 0
          ? Math.min(plan.customers, Math.floor((time - customers.start) / customers.step))
          : 0;
      const customerId =
        knownCustomers > 0 && rng() < CUSTOMER_SHARE ? 1 + Math.floor(knownCustomers * rng() ** 2) : null;
      yield {
        id: saleId,
        receiptNo: formatReceiptNo(config.store.code, config.terminal.code, seq, 'sale'),
        storeCode: config.store.code,
        terminalCode: config.terminal.code,
        cashierId: pickCashier(rng).id,
        customerId,
        status: rng() < VOID_SHARE ? 'voided' : 'completed',
        currency: config.store.currency,
        totalMinor,
        taxMinor: taxTotals(lines).reduce((sum, tax) => sum + tax.taxMinor, 0),
        changeMinor: tenders.reduce((sum, tender) => sum + (tender.changeMinor ?? 0), 0),
        createdAt: new Date(time).toISOString(),
        lines,
        payments: tenders,
      };
    }
  }
}
