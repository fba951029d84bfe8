// Generated products beyond the fixed demo catalogue: each a function of the seed and its index, so a
// product can be regenerated on its own when a past sale or an online order needs it.
import type { Brand, Kind, PackSize } from './assortment';
import { pieceKinds, weighedKinds } from './assortment';
import { categoryId } from './categories';
import { demoProductList } from './demo-catalog';
import { EAN8_CAPACITY, generatedEan13, generatedEan8 } from './identifiers';
import { checkCount } from './limits';
import type { Rng } from './prng';
import { Stream, digits, pick, rngFor, weightedPicker } from './prng';
import type { Names, ProductRow } from './rows';

/** Generated products follow the fixed demo catalogue. */
export const FIRST_GENERATED_PRODUCT_ID = demoProductList.length + 1;

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

export function* generateProducts(seed: number, count: number): Generator<ProductRow> {
  checkCount('products', count);
  for (let index = 0; index < count; index++) yield generatedProduct(seed, index);
}
