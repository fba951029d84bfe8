// The leave-last-basket-out split: each customer's latest basket is what we try to predict, everything
// before it is what the methods may learn from. The model is built on the training baskets only.
// (Other customers' training baskets may be later than a held-out one: the usual simplification of
// this protocol, equal for every method compared.)
import type { Basket, PastPurchase } from '../../main/domain/reco/basket';
import { basketProducts } from '../../main/domain/reco/basket';

export interface HeldOut {
  customerId: string;
  /** The customer's training baskets as purchase lines, oldest first. */
  history: PastPurchase[];
  /** The distinct products of the held-out basket. */
  basket: ReadonlySet<number>;
  at: number;
}

export interface Split {
  train: Basket[];
  heldOut: HeldOut[];
}

/**
 * Customers with at least two baskets give their last one to `heldOut`; anonymous baskets and
 * one-basket customers only train. Baskets with nothing bought in them (all returns) are dropped.
 */
export function leaveLastBasketOut(baskets: Iterable<Basket>): Split {
  const train: Basket[] = [];
  const byCustomer = new Map<string, Basket[]>();
  for (const basket of baskets) {
    if (basketProducts(basket).length === 0) continue;
    if (basket.customerId === null) {
      train.push(basket);
      continue;
    }
    const list = byCustomer.get(basket.customerId);
    if (list === undefined) byCustomer.set(basket.customerId, [basket]);
    else list.push(basket);
  }
  const heldOut: HeldOut[] = [];
  for (const [customerId, list] of byCustomer) {
    // Stable: two baskets at the same instant keep the order the source gave them.
    const ordered = list
      .map((basket, i) => ({ basket, i }))
      .sort((x, y) => x.basket.at - y.basket.at || x.i - y.i);
    const last = ordered.at(-1)?.basket;
    const earlier = ordered.slice(0, -1).map((entry) => entry.basket);
    if (last === undefined || earlier.length === 0) {
      train.push(...list);
      continue;
    }
    train.push(...earlier);
    heldOut.push({
      customerId,
      history: earlier.flatMap((basket) => basket.items.map((item) => ({ ...item, at: basket.at }))),
      basket: new Set(basketProducts(last)),
      at: last.at,
    });
  }
  return { train, heldOut };
}
