// `npm run eval:reco`: offline evaluation of recommendations. Leaves each customer's last basket out,
// builds the model on the rest, and asks four methods for 10 items: global best sellers, the
// customer's own most-bought items, those padded with best sellers, and Omnitill's blend
// (main/domain/reco). Diagnostics show what each part of the blend is worth. JSON on stdout, a table
// on stderr.
import type { RecoNormalisation } from '../contract/reco';
import type { Basket } from '../main/domain/reco/basket';
import { buildRecoModel } from '../main/domain/reco/model';
import { indexRecoModel } from '../main/domain/reco/model-index';
import { parseEvalArgs, usage } from './reco/args';
import { readTransactionsCsv } from './reco/csv';
import { evaluateMethod, repeatShare } from './reco/evaluate';
import type { MethodScores } from './reco/evaluate';
import { generateBaskets } from './reco/generate';
import type { Method } from './reco/methods';
import {
  globalPopularity,
  itemCooccurrence,
  omnitillBlend,
  ownMostBought,
  ownPaddedWithBestSellers,
} from './reco/methods';
import type { EvalCase } from './reco/protocols';
import { halfInCart, newItemsOnly, nextBasket } from './reco/protocols';
import { leaveLastBasketOut } from './reco/split';

const K = 10;

const parsed = parseEvalArgs(process.argv.slice(2));
if (!parsed.ok) {
  console.error(parsed.message);
  process.exit(2);
}
if (parsed.value === 'help') {
  console.info(usage);
  process.exit(0);
}
const options = parsed.value;
const elapsed = (since: number): number => Math.round(performance.now() - since);

let started = performance.now();
let baskets: Basket[];
let source: Record<string, unknown>;
if (options.csv === null) {
  baskets = generateBaskets({ seed: options.seed, customers: options.customers });
  source = { kind: 'generated', seed: options.seed, customers: options.customers };
} else {
  const read = await readTransactionsCsv(options.csv);
  if (!read.ok) {
    console.error(`eval:reco: ${read.error.message}`);
    process.exit(1);
  }
  baskets = read.value.baskets;
  const { rows, products, skipped } = read.value;
  source = { kind: 'csv', file: options.csv, rows, products, skipped };
}
const loadMs = elapsed(started);

started = performance.now();
const split = leaveLastBasketOut(baskets);
if (split.heldOut.length === 0) {
  console.error('eval:reco: no customer has two baskets, so there is nothing to evaluate');
  process.exit(1);
}
const splitMs = elapsed(started);

// The model is as of the latest held-out sale; it has seen only training baskets.
const builtAt = Math.max(...split.heldOut.map((customer) => customer.at));
const modelFor = (normalisation: RecoNormalisation) => {
  const since = performance.now();
  const model = indexRecoModel(buildRecoModel(split.train, { builtAt, normalisation }));
  return { model, ms: elapsed(since) };
};
const cosine = modelFor('cosine');
const lift = modelFor('lift');

started = performance.now();
const run = (cases: readonly EvalCase[], methods: Record<string, Method>): Record<string, MethodScores> =>
  Object.fromEntries(
    Object.entries(methods).map(([name, method]) => [name, evaluateMethod(cases, method, K)]),
  );
const model = cosine.model;
const next = nextBasket(split.heldOut);
const methods = run(next, {
  popularity: globalPopularity(model),
  'own-most-bought': ownMostBought,
  'own-padded-best-sellers': ownPaddedWithBestSellers(model),
  'omnitill-blend': omnitillBlend(model),
});
const cartCases = halfInCart(split.heldOut);
const newCases = newItemsOnly(split.heldOut);
const diagnostics = {
  nextBasket: run(next, {
    'blend-without-co-occurrence': omnitillBlend(model, { cart: 0, own: 0 }),
    'blend-with-lift-model': omnitillBlend(lift.model),
    'plain-item-co-occurrence': itemCooccurrence(model),
  }),
  halfBasketInCart: {
    cases: cartCases.length,
    ...run(cartCases, {
      'own-padded-best-sellers': ownPaddedWithBestSellers(model),
      'blend-without-co-occurrence': omnitillBlend(model, { cart: 0, own: 0 }),
      'omnitill-blend': omnitillBlend(model),
    }),
  },
  newItemsOnly: {
    cases: newCases.length,
    ...run(newCases, {
      popularity: globalPopularity(model),
      'omnitill-blend': omnitillBlend(model),
      'omnitill-blend-lift-model': omnitillBlend(lift.model),
    }),
  },
};
const evaluateMs = elapsed(started);

const blend = methods['omnitill-blend'];
const baselines = Object.entries(methods).filter(([name]) => name !== 'omnitill-blend');
const beats = (metric: 'recall' | 'ndcg') =>
  blend !== undefined && baselines.every(([, scores]) => blend[metric] > scores[metric]);
const lines = baskets.reduce((sum, basket) => sum + basket.items.length, 0);
const report = {
  k: K,
  source,
  dataset: {
    baskets: baskets.length,
    trainBaskets: split.train.length,
    customersEvaluated: split.heldOut.length,
    products: new Set(baskets.flatMap((basket) => basket.items.map((item) => item.productId))).size,
    lines,
    meanBasketLines: Number((lines / Math.max(1, baskets.length)).toFixed(2)),
    heldOutRepeatShare: repeatShare(split.heldOut),
  },
  methods,
  blendBeatsEveryBaseline: { recall: beats('recall'), ndcg: beats('ndcg') },
  diagnostics,
  timingsMs: {
    load: loadMs,
    split: splitMs,
    buildCosine: cosine.ms,
    buildLift: lift.ms,
    evaluate: evaluateMs,
  },
};
console.info(JSON.stringify(report, null, 2));

const cell = (value: number) => value.toFixed(4).padStart(9);
const row = (name: string, s: MethodScores) =>
  `  ${name.padEnd(30)}${cell(s.recall)}${cell(s.ndcg)}${cell(s.hitRate)}${s.ms.p95.toFixed(3).padStart(9)}`;
const section = (title: string, scores: Record<string, MethodScores | number>) => [
  title,
  ...Object.entries(scores).flatMap(([name, s]) => (typeof s === 'number' ? [] : [row(name, s)])),
];
console.error(
  [
    `${report.dataset.customersEvaluated} customers evaluated, ${baskets.length} baskets, ` +
      `${report.dataset.heldOutRepeatShare} of a held-out basket bought before`,
    `  ${'method'.padEnd(30)}${'Recall@10'.padStart(9)}${'NDCG@10'.padStart(9)}${'Hit@10'.padStart(9)}${'p95 ms'.padStart(9)}`,
    ...section('next basket', methods),
    ...section('next basket, diagnostics', diagnostics.nextBasket),
    ...section(`half of the basket in the cart (${cartCases.length})`, diagnostics.halfBasketInCart),
    ...section(`items never bought before only (${newCases.length})`, diagnostics.newItemsOnly),
    `blend beats every baseline: Recall@10 ${beats('recall')}, NDCG@10 ${beats('ndcg')}`,
  ].join('\n'),
);
