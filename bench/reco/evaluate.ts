// Runs one method over every case of a protocol and averages the metrics, with the time each answer took.
import { hitRateAt, ndcgAt, recallAt } from '../../main/domain/reco/metrics';
import { summary } from '../stats';
import type { Method } from './methods';
import type { EvalCase } from './protocols';
import type { HeldOut } from './split';

export interface MethodScores {
  recall: number;
  ndcg: number;
  hitRate: number;
  /** ms per answer */
  ms: ReturnType<typeof summary>;
}

const rounded = (value: number): number => Number(value.toFixed(4));

export function evaluateMethod(cases: readonly EvalCase[], method: Method, k: number): MethodScores {
  let recall = 0;
  let ndcg = 0;
  let hitRate = 0;
  const ms: number[] = [];
  for (const { history, now, cart, allowed, truth } of cases) {
    const started = performance.now();
    const ranked = method({ history, now, cart, allowed, k });
    ms.push(performance.now() - started);
    recall += recallAt(k, ranked, truth);
    ndcg += ndcgAt(k, ranked, truth);
    hitRate += hitRateAt(k, ranked, truth);
  }
  const n = Math.max(1, cases.length);
  return {
    recall: rounded(recall / n),
    ndcg: rounded(ndcg / n),
    hitRate: rounded(hitRate / n),
    ms: summary(ms),
  };
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
