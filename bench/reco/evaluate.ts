// Runs one method over every held-out basket and averages the metrics, with the time each answer took.
import { hitRateAt, ndcgAt, recallAt } from '../../main/domain/reco/metrics';
import { summary } from '../stats';
import type { Method } from './methods';
import type { HeldOut } from './split';

export interface MethodScores {
  recall: number;
  ndcg: number;
  hitRate: number;
  /** ms per customer */
  ms: ReturnType<typeof summary>;
}

const rounded = (value: number): number => Number(value.toFixed(4));

export function evaluateMethod(heldOut: readonly HeldOut[], method: Method, k: number): MethodScores {
  let recall = 0;
  let ndcg = 0;
  let hitRate = 0;
  const ms: number[] = [];
  for (const customer of heldOut) {
    const started = performance.now();
    const ranked = method({ history: customer.history, now: customer.at, k });
    ms.push(performance.now() - started);
    recall += recallAt(k, ranked, customer.basket);
    ndcg += ndcgAt(k, ranked, customer.basket);
    hitRate += hitRateAt(k, ranked, customer.basket);
  }
  const n = Math.max(1, heldOut.length);
  return { recall: rounded(recall / n), ndcg: rounded(ndcg / n), hitRate: rounded(hitRate / n), ms: summary(ms) };
}

/** Share of held-out items the customer had bought before: how much of a next basket is repeats. */
export function repeatShare(heldOut: readonly HeldOut[]): number {
  let share = 0;
  for (const customer of heldOut) {
    const before = new Set(customer.history.map((purchase) => purchase.productId));
    share += [...customer.basket].filter((productId) => before.has(productId)).length / customer.basket.size;
  }
  return rounded(share / Math.max(1, heldOut.length));
}
