// What recommendations learn from: baskets (one sale each) and a customer's past purchases, in the
// shapes the sales history already has, and the one rule for which lines count as bought.

export interface BasketItem {
  productId: number;
  quantity: number;
}

export interface Basket {
  /** Null for an anonymous sale: it still teaches which items go together. */
  customerId: string | null;
  /** When the sale completed, ms since the epoch. */
  at: number;
  items: readonly BasketItem[];
}

/** One line of a customer's history, as the till keeps it. */
export interface PastPurchase {
  productId: number;
  /** ms since the epoch */
  at: number;
  quantity: number;
}

/**
 * A line counts as bought when its product id is an integer and its quantity a positive number: a
 * return or a voided line (zero, negative) says nothing about what the customer wants, and a NaN
 * from a bad import must not turn into a purchase.
 */
export const isBought = (productId: number, quantity: number): boolean =>
  Number.isSafeInteger(productId) && Number.isFinite(quantity) && quantity > 0;

/** The distinct products bought in a basket, ascending: a product scanned twice is one item. */
export function basketProducts(basket: Basket): number[] {
  const products = new Set<number>();
  for (const item of basket.items) if (isBought(item.productId, item.quantity)) products.add(item.productId);
  return [...products].sort((a, b) => a - b);
}
