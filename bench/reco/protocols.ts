// What is predicted from what. `nextBasket` is the comparison the issue asks for; the other two are
// diagnostics for the parts of the blend that protocol cannot see: the cart ("often bought with …")
// and items the customer has never bought (where the blend fills the list with neighbours of their
// items and the baseline with best sellers).
import type { PastPurchase } from '../../main/domain/reco/basket';
import type { HeldOut } from './split';

export interface EvalCase {
  history: readonly PastPurchase[];
  now: number;
  cart: readonly number[];
  truth: ReadonlySet<number>;
  allowed: (productId: number) => boolean;
}

const anything = (): boolean => true;

/** The whole held-out basket, predicted before anything is scanned. */
export const nextBasket = (heldOut: readonly HeldOut[]): EvalCase[] =>
  heldOut.map(({ history, at, basket }) => ({
    history,
    now: at,
    cart: [],
    truth: basket,
    allowed: anything,
  }));

// MurmurHash3's finaliser, to pick a reproducible "first half" of an unordered basket.
function hash32(value: number): number {
  let x = value >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** Half of the held-out basket (rounded down, chosen by a hash) is in the cart; the rest is predicted. */
export function halfInCart(heldOut: readonly HeldOut[]): EvalCase[] {
  return heldOut
    .filter(({ basket }) => basket.size >= 2)
    .map(({ history, at, basket }) => {
      const items = [...basket].sort((a, b) => hash32(a ^ at) - hash32(b ^ at) || a - b);
      const cart = items.slice(0, Math.floor(items.length / 2));
      const inCart = new Set(cart);
      return {
        history,
        now: at,
        cart,
        truth: new Set(items.slice(cart.length)),
        allowed: (p) => !inCart.has(p),
      };
    });
}

/** Only the items of the held-out basket the customer had never bought, among items they never bought. */
export function newItemsOnly(heldOut: readonly HeldOut[]): EvalCase[] {
  const cases: EvalCase[] = [];
  for (const { history, at, basket } of heldOut) {
    const own = new Set(history.map((purchase) => purchase.productId));
    const truth = new Set([...basket].filter((productId) => !own.has(productId)));
    if (truth.size > 0) cases.push({ history, now: at, cart: [], truth, allowed: (p) => !own.has(p) });
  }
  return cases;
}
