// A GS1 label (GS1-128, GS1 DataMatrix: AI 01 with 310n net weight, 392n price, 21 serial) as a
// cart item. The label is what the scale or the manufacturer printed, so like an in-store label its
// quantity is not retyped; a serialised unit (marking codes) is its own line, never merged.
import { fail, ok, MILLI } from '../../contract/common';
import type { Result } from '../../contract/common';
import type { Gs1Product } from '../../native-drivers/scanner/gs1-product';
import type { ProductForSale } from './cart';
import { decimalToMinor, divideHalfUp } from './money';

export interface CartItem {
  quantityMilli: number;
  fixedTotalMinor?: number;
  fromEmbeddedBarcode: boolean;
}

/** The weight a printed price stands for on a weighed item (shown on the receipt; the price is charged). */
export function quantityForPrice(product: ProductForSale, priceMinor: number): number {
  return product.unit === 'kg' && product.unitPriceMinor > 0
    ? Math.max(1, Number(divideHalfUp(BigInt(priceMinor) * 1000n, BigInt(product.unitPriceMinor))))
    : MILLI;
}

export function gs1Item(product: ProductForSale, label: Gs1Product, currency: string): Result<CartItem> {
  const code = label.gtin14;
  if (label.netWeightGrams !== null && product.unit !== 'kg') {
    return fail('INVALID_BARCODE', `${code} carries a weight but the product is sold by the piece`, {
      barcode: code,
      reason: 'weight_for_piece',
    });
  }
  if (label.price) {
    const priceMinor = decimalToMinor(label.price.units, label.price.decimals, currency);
    if (priceMinor === null) {
      return fail('INVALID_BARCODE', `${code} carries a price finer than ${currency} can charge`, {
        barcode: code,
        reason: 'price_precision',
      });
    }
    const quantityMilli = label.netWeightGrams ?? quantityForPrice(product, priceMinor);
    return ok({ quantityMilli, fixedTotalMinor: priceMinor, fromEmbeddedBarcode: true });
  }
  if (label.netWeightGrams !== null)
    return ok({ quantityMilli: label.netWeightGrams, fromEmbeddedBarcode: true });
  return ok({ quantityMilli: MILLI, fromEmbeddedBarcode: label.serial !== null });
}
